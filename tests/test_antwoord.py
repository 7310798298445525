"""Het antwoord: één grootheid (de gecorrigeerde besparing per huishouden per jaar), elke bron van onzekerheid apart
nagerekend met een gesloten vorm of met de hand.

Tarieven (conftest): hulp 10 per uur, zwaar 100 per dag, maatje 5 per uur (vrijwillig); prijspeil 2015, discontovoet
0, horizon 12 maanden (jaarfactor 1) tenzij anders. Zekerheid hoog: correctie 0.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import stats

from casuskosten import Instellingen, bereken
from casuskosten.invoer.instellingen import Formatie, Kansconcentratie, Onzekerheid
from casuskosten.rekenen.antwoord import evpi, kanscurve
from tests.conftest import PROJECT, casus

ITERATIES = 20_000


def _instellingen(**onzekerheid: Any) -> Instellingen:
    return Instellingen(
        prijspeil=2015,
        discontovoet=0,
        psa_iteraties=ITERATIES,
        bootstrap_iteraties=200,
        onzekerheid=Onzekerheid(**onzekerheid),
    )


ALLEEN_STEEKPROEF = {"tarieven": False, "kansen": False}
ALLEEN_TARIEVEN = {"steekproef": False, "kansen": False}


def _drie_gelijke(**velden: Any) -> list[dict[str, Any]]:
    """Drie dezelfde casussen (id T-1 .. T-3): zonder steekproef is theta dan de y van één casus."""
    return [casus(id=f"T-{i}", **velden) for i in range(1, 4)]


def test_alleen_steekproef_geeft_het_student_t_interval_en_de_kans_voor_de_meegeleverde_casussen() -> None:
    """Alleen de steekproef (tarieven en kansen uit): theta = gemiddelde(y) + s / wortel(n) x T(n - 1), dus het
    interval is gemiddelde ± t(0,975; n - 1) s / wortel(n) en de kans is F_t(gemiddelde wortel(n) / s; n - 1), voor
    de y's van de meegeleverde Rotterdamse casussen."""
    instellingen = _instellingen(**ALLEEN_STEEKPROEF)
    resultaat = bereken(PROJECT / "casussen" / "rotterdam", PROJECT / "tarieven", instellingen, werkers=1)
    y = resultaat.casussen["besparing_per_jaar_gecorrigeerd"].to_numpy(float)
    n, m, s = len(y), float(y.mean()), float(y.std(ddof=1))
    antwoord = resultaat.gemeente("Rotterdam").antwoord
    assert antwoord.schatting == pytest.approx(m)
    marge = stats.t.ppf(0.975, n - 1) * s / math.sqrt(n)
    assert antwoord.interval95 is not None
    assert antwoord.interval95[0] == pytest.approx(m - marge, abs=0.03 * marge)
    assert antwoord.interval95[1] == pytest.approx(m + marge, abs=0.03 * marge)
    assert antwoord.kans_besparing == pytest.approx(stats.t.cdf(m * math.sqrt(n) / s, n - 1), abs=0.01)
    # de steekproef is hier de enige bron: haar aandeel is 1
    assert antwoord.bronnen is not None
    assert antwoord.bronnen["steekproef"].aandeel_variantie == pytest.approx(1.0)
    assert antwoord.bronnen["tarieven"].evppi == 0


def test_alleen_tarieven_volgt_de_lognormale_verdeling(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen tarieven: y = 1000 F_hulp - 500 F_maatje, ln F ~ N(0, sigma^2) met sigma = ln(1 + s) / 1,96 (hulp
    betrouwbaarheid hoog: s = 0,10; maatje middel: 0,25). P(y > 0) = P(ln F_h - ln F_m > ln 0,5)
    = Phi(ln 2 / wortel(sigma_h^2 + sigma_m^2))."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100}], "team": [{"tarief": "maatje", "aantal": 100}]}
    map_ = casusmap(*_drie_gelijke(**velden))
    antwoord = bereken([map_], tarieven, _instellingen(**ALLEEN_TARIEVEN), werkers=1).gemeente("Beta").antwoord
    s_h, s_m = math.log1p(0.10) / 1.96, math.log1p(0.25) / 1.96
    verwacht = stats.norm.cdf(math.log(2) / math.hypot(s_h, s_m))
    assert antwoord.schatting == pytest.approx(500)
    assert antwoord.kans_besparing == pytest.approx(verwacht, abs=0.01)
    # mediaan van y niet exact gesloten, maar het interval omvat de schatting en is niet symmetrisch rond 0
    assert antwoord.interval95 is not None
    assert antwoord.interval95[0] < 500 < antwoord.interval95[1]


def test_gedeelde_kansfactor_op_een_casus_met_een_regel(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen kansen, met een zeer vaste Beta (concentratie 100.000) zodat alleen de gedeelde kansfactor K telt:
    y = 1000 x min(0,5 K, 1) - 450 > 0 als K > 0,9; ln K ~ N(0; 0,15^2), dus P = 1 - Phi(ln 0,9 / 0,15)."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100, "kans": 0.5}], "team": [{"tarief": "maatje", "aantal": 90}]}
    map_ = casusmap(*_drie_gelijke(**velden))
    instellingen = _instellingen(
        steekproef=False, tarieven=False, kansfactor=0.15, kansconcentratie=Kansconcentratie(hoog=100_000)
    )
    antwoord = bereken([map_], tarieven, instellingen, werkers=1).gemeente("Beta").antwoord
    assert antwoord.schatting == pytest.approx(50)
    assert antwoord.kans_besparing == pytest.approx(1 - stats.norm.cdf(math.log(0.9) / 0.15), abs=0.01)
    # zonder kansfactor (0) en met die vaste Beta ligt alles op de puntwaarde: kans 1, want y = 50 > 0
    zonder = _instellingen(
        steekproef=False, tarieven=False, kansfactor=0, kansconcentratie=Kansconcentratie(hoog=100_000)
    )
    assert bereken([map_], tarieven, zonder, werkers=1).gemeente("Beta").antwoord.kans_besparing == pytest.approx(1.0)


def test_evpi_van_een_normale_verdeling_volgt_de_gesloten_vorm() -> None:
    """Voor theta ~ N(m, s^2): EVPI = s phi(m/s) + m Phi(m/s) - max(m, 0)."""
    rng = np.random.default_rng(1)
    for m, s in ((100.0, 300.0), (-200.0, 250.0), (0.0, 50.0)):
        theta = rng.normal(m, s, 1_000_000)
        verwacht = s * stats.norm.pdf(m / s) + m * stats.norm.cdf(m / s) - max(m, 0.0)
        assert evpi(theta) == pytest.approx(verwacht, rel=0.01), (m, s)


def test_drie_omslagpunten_op_een_casus_met_twee_regels(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Vóór: hulp 100 uur met kans 0,5 (500); team: maatje 60 uur (300); zekerheid hoog, horizon 12 maanden.
    schatting = 500 - 300 = 200 per huishouden per jaar.
    - kansfactor x: 1000 x 0,5 x - 300 = 0 -> x = 0,6;
    - correctie r: vermeden = 500 (hulp: 500 - 0; maatje: 0 - 300 -> 0); 200 - 500 r = 0 -> r = 0,4;
    - extra teamuren tegen het teamtarief (maatje, 5 per uur): 200 / 5 = 40 uur."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100, "kans": 0.5}], "team": [{"tarief": "maatje", "aantal": 60}]}
    map_ = casusmap(*_drie_gelijke(**velden))
    instellingen = _instellingen().model_copy(update={"formatie": Formatie(teamuren_tarieven=("maatje",))})
    antwoord = bereken([map_], tarieven, instellingen, werkers=1).gemeente("Beta").antwoord
    assert antwoord.schatting == pytest.approx(200)
    assert antwoord.omslagpunten.kansfactor == pytest.approx(0.6, rel=1e-6)
    assert antwoord.omslagpunten.correctie == pytest.approx(0.4)
    assert antwoord.omslagpunten.extra_teamuren == pytest.approx(40)


def test_omslagpunten_zonder_oplossing_zijn_leeg(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder onzekere kansen wisselt de schatting niet van teken met de kansfactor; zonder vermeden kosten is er geen
    correctie die iets verandert; bij meerkosten heft geen enkel extra teamuur een besparing op."""
    velden = {"voor": [], "team": [{"tarief": "maatje", "aantal": 60}]}
    antwoord = bereken([casusmap(*_drie_gelijke(**velden))], tarieven, _instellingen(), werkers=1).totaal.antwoord
    assert antwoord.schatting == pytest.approx(-300)
    assert antwoord.omslagpunten.kansfactor is None
    assert antwoord.omslagpunten.correctie is None
    assert antwoord.omslagpunten.extra_teamuren is None


def test_een_huishouden_met_kans_een_half_is_voor_de_helft_goedkoper(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Vóór: alleen hulp 100 uur met kans 0,5 (1000 als het gebeurt); team: maatje 10 uur (50). Gebeurt het, dan
    bespaart het team 950; gebeurt het niet, dan kost het 50 meer. Voor dit huishouden is de kans dat het team
    goedkoper was dus 0,5 (tarieven en steekproef uit, een vaste Beta en geen kansfactor), terwijl de verwachte
    besparing 500 - 50 = 450 is."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100, "kans": 0.5}], "team": [{"tarief": "maatje", "aantal": 10}]}
    instellingen = _instellingen(
        steekproef=False, tarieven=False, kansfactor=0, kansconcentratie=Kansconcentratie(hoog=100_000)
    )
    resultaat = bereken([casusmap(casus(id="E", **velden))], tarieven, instellingen, werkers=1)
    cijfers = resultaat.casus("E")
    assert cijfers.antwoord.schatting == pytest.approx(450)
    assert cijfers.antwoord.kans_goedkoper == pytest.approx(0.5, abs=0.015)
    assert cijfers.antwoord.interval95 == pytest.approx((-50, 950))
    assert "voor dit huishouden goedkoper was, is 50%" in cijfers.kernboodschap


def test_negatieve_som_maar_positief_gemiddelde_per_jaar(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """A (36 maanden): team maatje 1200 uur = 6000, per jaar -2000; B (12): vóór hulp 250 uur = 2500; C (12): vóór
    hulp 100 uur = 1000. De som is 3500 - 6000 = -2500, maar per huishouden per jaar gemiddeld
    (-2000 + 2500 + 1000) / 3 = 500: het antwoord (en de kernboodschap) gaat over die 500, de som is een
    ondersteunend cijfer."""
    a = casus(id="A", horizon_maanden=36, team=[{"tarief": "maatje", "aantal": 1200}])
    b = casus(id="B", voor=[{"tarief": "hulp", "aantal": 250}])
    c = casus(id="C", voor=[{"tarief": "hulp", "aantal": 100}])
    agg = bereken([casusmap(a, b, c)], tarieven, _instellingen(), werkers=1).gemeente("Beta")
    assert agg.besparing == pytest.approx(-2500)
    assert agg.antwoord.schatting == pytest.approx(500)
    assert "bespaarde" in agg.kernboodschap
    assert "€ 500 per huishouden per jaar" in agg.kernboodschap


def test_onder_drie_casussen_geen_interval_kans_of_evpi(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Twee casussen: interval, kans, kanscurve, bronnen en EVPI zijn leeg, de schatting blijft, en de kernboodschap
    zegt dat dit te weinig casussen zijn voor een uitspraak over de gemeente."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100}], "team": [{"tarief": "maatje", "aantal": 10}]}
    agg = bereken([casusmap(casus(id="X", **velden), casus(id="Y", **velden))], tarieven, _instellingen()).gemeente(
        "Beta"
    )
    a = agg.antwoord
    assert a.schatting == pytest.approx(950)
    assert (a.interval95, a.kans_besparing, a.kanscurve, a.bronnen, a.evpi) == (None, None, None, None, None)
    assert a.per_perspectief["maatschappelijk"].kans_besparing is None
    assert "te weinig casussen voor een uitspraak over Beta" in agg.kernboodschap
    assert "kans" not in agg.kernboodschap.lower()


def test_kernboodschap_van_een_casus_is_in_het_enkelvoud(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén casus: "in de ene casus die beschreven is. Eén casus is te weinig ...", niet "de 1 casus die beschreven
    zijn"; twee casussen blijven meervoud ("de 2 casussen die beschreven zijn")."""
    velden = {"voor": [{"tarief": "hulp", "aantal": 100}], "team": [{"tarief": "maatje", "aantal": 10}]}
    een = bereken([casusmap(casus(id="X", **velden))], tarieven, _instellingen()).gemeente("Beta").kernboodschap
    assert "in de ene casus die beschreven is. Eén casus is te weinig voor een uitspraak over Beta" in een
    assert "die beschreven zijn" not in een
    twee = (
        bereken([casusmap(casus(id="X", **velden), casus(id="Y", **velden))], tarieven, _instellingen())
        .gemeente("Beta")
        .kernboodschap
    )
    assert "in de 2 casussen die beschreven zijn. Dat zijn te weinig casussen voor een uitspraak over Beta" in twee


def test_kanscurve_heeft_ronde_drempels_met_nul_en_dezelfde_kans_bij_nul() -> None:
    """Ongeveer 20 ronde drempels tussen het 2,5e en 97,5e percentiel, altijd 0; de kans bij 0 is P(theta > 0)."""
    theta = np.random.default_rng(3).normal(300, 1000, 50_000)
    curve = kanscurve(theta)
    drempels = [p.drempel for p in curve]
    assert 0.0 in drempels
    assert 15 <= len(curve) <= 25
    stap = drempels[1] - drempels[0]
    assert stap in (100.0, 200.0, 250.0)
    assert all(d % stap == 0 for d in drempels)
    kans_nul = next(p.kans for p in curve if p.drempel == 0)
    assert kans_nul == pytest.approx(float(np.mean(theta > 0)))
    assert [p.kans for p in curve] == sorted((p.kans for p in curve), reverse=True)


def test_totaal_stratificeert_naar_gemeente(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen steekproef, twee gemeenten: theta = som (n_g / n) gemiddelde_g + s_p / wortel(n) x T(n - G), met s_p^2
    de gepoolde variantie binnen de gemeenten."""
    alfa = [casus(id=f"A-{i}", gemeente="Alfa", voor=[{"tarief": "zwaar", "aantal": i}]) for i in (1, 2, 6)]
    beta = [casus(id=f"B-{i}", voor=[{"tarief": "maatje", "aantal": 10 * i}]) for i in (1, 3, 4, 8)]
    resultaat = bereken([casusmap(*alfa, *beta)], tarieven, _instellingen(**ALLEEN_STEEKPROEF), werkers=2)
    y_a = np.array([100.0, 200.0, 600.0])
    y_b = np.array([50.0, 150.0, 200.0, 400.0])
    n, g = 7, 2
    m = (y_a.sum() + y_b.sum()) / n
    s_p = math.sqrt((((y_a - y_a.mean()) ** 2).sum() + ((y_b - y_b.mean()) ** 2).sum()) / (n - g))
    marge = stats.t.ppf(0.975, n - g) * s_p / math.sqrt(n)
    a = resultaat.totaal.antwoord
    assert a.schatting == pytest.approx(m)
    assert a.interval95 is not None
    assert a.interval95[0] == pytest.approx(m - marge, abs=0.03 * marge)
    assert a.interval95[1] == pytest.approx(m + marge, abs=0.03 * marge)


def test_per_perspectief_uit_dezelfde_trekkingen(tmp_path: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een overdracht (bijstand 200, gemeente_participatie) telt niet maatschappelijk maar wel voor de gemeente:
    maatschappelijk 1000 - 500 = 500; gemeente: hulp (wmo) 1000 + bijstand 200 - 0 = 1200 (maatje is vrijwillig)."""
    map_ = tmp_path / "tarieven"
    map_.mkdir()
    (map_ / "t.csv").write_text(
        "code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron,soort\n"
        "hulp,Hulp,uur,10,2015,,gemeente_wmo,1,hoog,test,kosten\n"
        "maatje,Vrijwilliger,uur,5,2015,,vrijwillig,0,middel,test,kosten\n"
        "bijstand,Bijstand,maand,200,2015,,gemeente_participatie,0,hoog,test,overdracht\n",
        encoding="utf-8",
    )
    (map_ / "prijsindex.csv").write_text("jaar,index\n2015,100\n2016,110\n", encoding="utf-8")
    velden = {
        "voor": [{"tarief": "hulp", "aantal": 100}, {"tarief": "bijstand", "aantal": 1}],
        "team": [{"tarief": "maatje", "aantal": 100}],
    }
    a = bereken([casusmap(*_drie_gelijke(**velden))], map_, _instellingen(), werkers=1).gemeente("Beta").antwoord
    assert a.per_perspectief["maatschappelijk"].schatting == pytest.approx(500)
    assert a.per_perspectief["gemeente"].schatting == pytest.approx(1200)
    assert a.per_perspectief["collectief"].schatting == pytest.approx(1200)
    assert a.schatting == a.per_perspectief["maatschappelijk"].schatting
    assert a.per_perspectief["gemeente"].kans_besparing == pytest.approx(1.0)


def test_antwoord_is_met_een_en_twee_werkers_hetzelfde() -> None:
    """De meegeleverde casussen met 1 en 2 werkers: hetzelfde antwoord tot op de bit (elke gemeente trekt uit haar
    eigen reeks, het totaal uit de zijne)."""
    instellingen = Instellingen(psa_iteraties=500, bootstrap_iteraties=200)
    een = bereken(PROJECT / "casussen", PROJECT / "tarieven", instellingen, werkers=1)
    twee = bereken(PROJECT / "casussen", PROJECT / "tarieven", instellingen, werkers=2)
    assert een.naar_dict() == twee.naar_dict()


@pytest.mark.parametrize(
    ("ruw", "dichtstbij", "boven"),
    [
        # op een log-schaal: |ln(100/130)| = 0,26 < |ln(200/130)| = 0,43; de kleinste ronde stap >= 130 is 200
        pytest.param(130.0, 100.0, 200.0, id="130"),
        # |ln(200/160)| = 0,22 < |ln(100/160)| = 0,47
        pytest.param(160.0, 200.0, 200.0, id="160"),
        # |ln(250/230)| = 0,08 < |ln(200/230)| = 0,14
        pytest.param(230.0, 250.0, 250.0, id="230"),
        # |ln(500/380)| = 0,27 < |ln(250/380)| = 0,42
        pytest.param(380.0, 500.0, 500.0, id="380"),
        # |ln(1000/800)| = 0,22 < |ln(500/800)| = 0,47: de stap van de volgende macht van 10
        pytest.param(800.0, 1000.0, 1000.0, id="800"),
        # een ronde stap blijft zichzelf
        pytest.param(0.25, 0.25, 0.25, id="0,25"),
        # 0,3: |ln(0,25/0,3)| = 0,18 < |ln(0,5/0,3)| = 0,51; omhoog is 0,5
        pytest.param(0.3, 0.25, 0.5, id="0,3"),
    ],
)
def test_mooie_stap_kiest_de_dichtste_of_de_eerste_ronde_stap_erboven(
    ruw: float, dichtstbij: float, boven: float
) -> None:
    """Eén regel voor ronde stappen (1, 2, 2,5, 5 x 10^k): de dichtstbijzijnde op een log-schaal (kanscurve), of de
    kleinste die minstens zo groot is (de as van een grafiek)."""
    from casuskosten.rekenen.antwoord import mooie_stap

    assert (mooie_stap(ruw), mooie_stap(ruw, naar="boven")) == pytest.approx((dichtstbij, boven))


def test_kanscurve_neemt_de_dichtste_ronde_stap_ook_als_die_kleiner_is() -> None:
    """theta gelijk verdeeld van -1300 tot 1300 (4001 punten, 0,65 uit elkaar): het 2,5e en 97,5e percentiel zijn
    -1235 en 1235, de ruwe stap (1235 + 1235) / 19 = 130, en de dichtstbijzijnde ronde stap 100 (niet 200): drempels
    -1200, -1100, ..., 1200 (25 stuks). Bij 0 liggen 2000 van de 4001 punten erboven."""
    theta = np.linspace(-1300.0, 1300.0, 4001)
    curve = kanscurve(theta)
    assert [p.drempel for p in curve] == [-1200.0 + 100.0 * k for k in range(25)]
    assert next(p.kans for p in curve if p.drempel == 0) == 2000 / 4001
