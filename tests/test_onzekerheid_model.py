"""Onzekerheid als model: PSA, BCa, correctie op vermeden kosten, cijfers per jaar, perspectieven en kernboodschap.

Elke verwachte waarde is met de hand (of in gesloten vorm) uitgerekend uit de ronde testtarieven van conftest:
hulp 10 (hoog), zwaar 100 (laag), maatje 5 (middel, vrijwillig); prijspeil 2015, discontovoet 0.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from casuskosten import Instellingen, bereken
from casuskosten.formaat import kans
from casuskosten.invoer.instellingen import Onzekerheid
from casuskosten.rekenen.onzekerheid import bca_interval
from casuskosten.rekenen.psa import trek_kansen
from tests.conftest import PRIJSINDEX_CSV, Draai, casus

PEIL_2015 = Instellingen(prijspeil=2015, discontovoet=0)
Z = 1.959963984540054  # de 97,5%-grens van de standaardnormale verdeling


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


# --- PSA -------------------------------------------------------------------------------------------------------


def test_psa_van_een_casus_volgt_de_normale_benadering(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén laag-betrouwbare voor-regel (zwaar 1000) tegen één hoog-betrouwbare team-regel (hulp 900), geen kansen.

    Met lognormale prijsfactoren is ln(V/T) = ln(1000/900) + σV Z1 - σT Z2 normaal met σ² = σV² + σT², waarbij
    σV = ln(1,5)/1,96 = 0,20687 (laag) en σT = ln(1,1)/1,96 = 0,04863 (hoog): σ = 0,21251.
    De kans dat het team voor dit huishouden goedkoper was = Φ(ln(10/9) / 0,21251) = Φ(0,4958) = 0,690.
    """
    c = casus(id="P", voor=[{"tarief": "zwaar", "aantal": 10}], team=[{"tarief": "hulp", "aantal": 90}])
    r = bereken([casusmap(c)], tarieven, Instellingen(prijspeil=2015, discontovoet=0, psa_iteraties=100_000))
    sigma_v, sigma_t = math.log(1.5) / Z, math.log(1.1) / Z
    sigma = math.hypot(sigma_v, sigma_t)
    antwoord = r.casus("P").antwoord
    # 100.000 trekkingen: standaardfout 0,0015 voor de kans
    assert antwoord.kans_goedkoper == pytest.approx(_phi(math.log(1000 / 900) / sigma), abs=0.005)
    assert antwoord.interval95 is not None
    assert antwoord.interval95[0] < 100 < antwoord.interval95[1]
    # één casus: te weinig voor een kans van de gemeente
    assert r.gemeente("Beta").antwoord.kans_besparing is None


def test_beta_trekking_heeft_de_verwachting_en_spreiding_van_de_kans() -> None:
    """Beta(0,4 x 15, 0,6 x 15) = Beta(6, 9): verwachting 0,4, standaardafwijking √(0,4 x 0,6 / 16) = 0,1225."""
    trekking = trek_kansen(np.array([0.4]), np.array([15.0]), np.random.default_rng(7), 200_000)[:, 0]
    assert trekking.mean() == pytest.approx(0.4, abs=0.002)
    assert trekking.std() == pytest.approx(math.sqrt(0.4 * 0.6 / 16), abs=0.002)


def test_psa_trekt_onzekere_kansen_uit_de_beta_verdeling(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen kansen (geen tarieven, geen steekproef, geen kansfactor): drie casussen, alleen K heeft een onzekere
    regel. K is middel (correctie 0,2 op de vermeden 1000 X): y_K = 800 X - 300, dus theta = (800 X - 300) / 3 met
    X ~ Beta(6, 9) (middel: k = 15), en P(theta > 0) = P(X > 0,375) = I_{0,625}(9, 6) (de Beta-staart; scipy).
    """
    k = casus(
        id="K",
        zekerheid="middel",
        voor=[{"tarief": "zwaar", "aantal": 10, "kans": 0.4}],
        team=[{"tarief": "hulp", "aantal": 30}],
    )
    leeg = [casus(id=f"L{i}") for i in (1, 2)]
    alleen_kansen = Onzekerheid(steekproef=False, tarieven=False, kansfactor=0)
    instellingen = Instellingen(prijspeil=2015, discontovoet=0, psa_iteraties=20_000, onzekerheid=alleen_kansen)
    r = bereken([casusmap(k, *leeg)], tarieven, instellingen)
    from scipy import stats

    assert r.gemeente("Beta").antwoord.kans_besparing == pytest.approx(stats.beta.sf(0.375, 6, 9), abs=0.01)
    # voor het huishouden K zelf: de inzet gebeurt (kans X) of niet, dus gemiddeld in 40% van de gevallen
    assert r.casus("K").antwoord.kans_goedkoper == pytest.approx(0.4, abs=0.015)


def test_psa_is_reproduceerbaar_met_dezelfde_seed(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Dezelfde invoer en seed geven dezelfde JSON, een andere seed een ander interval."""
    casussen = [
        casus(
            id=f"R{i}",
            voor=[{"tarief": "zwaar", "aantal": i, "kans": 0.5}],
            team=[{"tarief": "hulp", "aantal": 3 * i}],
        )
        for i in range(1, 7)
    ]
    map_ = casusmap(*casussen)
    een = bereken([map_], tarieven, Instellingen(prijspeil=2015, psa_iteraties=500, bootstrap_iteraties=200))
    twee = bereken([map_], tarieven, Instellingen(prijspeil=2015, psa_iteraties=500, bootstrap_iteraties=200))
    ander = bereken([map_], tarieven, Instellingen(prijspeil=2015, psa_iteraties=500, bootstrap_iteraties=200, seed=9))
    assert json.dumps(een.naar_dict()) == json.dumps(twee.naar_dict())
    assert een.totaal.antwoord.interval95 != ander.totaal.antwoord.interval95


def test_psa_van_een_gemeente_hangt_niet_af_van_andere_gemeenten(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een extra gemeente in de run verandert het antwoord van Beta niet."""
    beta = [
        casus(id=f"B{i}", voor=[{"tarief": "zwaar", "aantal": i, "kans": 0.6}], team=[{"tarief": "hulp", "aantal": 20}])
        for i in range(1, 7)
    ]
    alfa = casus(
        id="A1", gemeente="Alfa", voor=[{"tarief": "zwaar", "aantal": 3}], team=[{"tarief": "maatje", "aantal": 9}]
    )
    instellingen = Instellingen(prijspeil=2015, psa_iteraties=400, bootstrap_iteraties=200)
    alleen = bereken([casusmap(*beta)], tarieven, instellingen).gemeente("Beta")
    samen = bereken([casusmap(*beta, alfa)], tarieven, instellingen).gemeente("Beta")
    assert alleen.antwoord == samen.antwoord


# --- BCa -------------------------------------------------------------------------------------------------------


def test_bca_interval_met_de_hand() -> None:
    """Trekkingen 0..999, schatting 599,5, jackknife 1, 2, 3, 4, 10.

    z0 = Φ⁻¹(600/1000) = 0,25335; jackknife-gemiddelde 4, afwijkingen 3, 2, 1, 0, -6:
    a = (27 + 8 + 1 + 0 - 216) / (6 x 50^1,5) = -180 / 2121,32 = -0,084853.
    α1 = Φ(z0 + (z0 - 1,96)/(1 - a(z0 - 1,96))) = Φ(-1,74225) = 0,040732 -> percentiel 0,040732 x 999 = 40,691;
    α2 = Φ(z0 + (z0 + 1,96)/(1 - a(z0 + 1,96))) = Φ(2,11671) = 0,982858 -> 981,875.
    """
    laag, hoog = bca_interval(599.5, np.arange(1000.0), np.array([1.0, 2, 3, 4, 10]))
    assert laag == pytest.approx(40.691, abs=0.01)
    assert hoog == pytest.approx(981.875, abs=0.01)


def test_bca_zonder_scheefheid_is_het_percentielinterval() -> None:
    """Met z0 = 0 (schatting in het midden) en a = 0 (symmetrische jackknife) vallen BCa en percentiel samen."""
    # 0,5 .. 999,5: precies de helft ligt onder 500; lineair geïnterpoleerd ligt het 2,5%-punt op
    # plaats 0,025 x 999 = 24,975, dus 0,5 + 24,975 = 25,475, en het 97,5%-punt op 0,5 + 974,025 = 974,525
    trekkingen = np.arange(1000.0) + 0.5
    laag, hoog = bca_interval(500.0, trekkingen, np.array([1.0, 2, 3, 4, 5]))
    assert laag == pytest.approx(25.475)
    assert hoog == pytest.approx(974.525)


def test_instellingen_noemen_de_intervalmethode(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De JSON zegt welke intervalmethode is gebruikt: standaard bca."""
    r = bereken([casusmap(casus(id="M", voor=[{"tarief": "hulp", "aantal": 1}]))], tarieven, PEIL_2015)
    assert r.naar_dict()["instellingen"]["intervalmethode"] == "bca"


# --- correctie, per jaar, perspectieven, omslagpunt ------------------------------------------------------------


def test_correctie_raakt_alleen_vermeden_kosten_niet_de_gedeelde(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Hulp in beide trajecten (1000 tegen 800) wordt maar voor het verschil gecorrigeerd.

    voor: hulp 1000 + zwaar 2000 = 3000; team: hulp 800 + maatje 500 = 1300; middel: correctie 0,2.
    vermeden = max(0, 1000 - 800) + max(0, 2000 - 0) + max(0, 0 - 500) = 2200;
    gecorrigeerd 3000 - 0,2 x 2200 = 2560; besparing 2560 - 1300 = 1260 (bruto-correctie zou 1100 geven).
    """
    c = casus(
        id="G",
        zekerheid="middel",
        voor=[{"tarief": "hulp", "aantal": 100}, {"tarief": "zwaar", "aantal": 20}],
        team=[{"tarief": "hulp", "aantal": 80}, {"tarief": "maatje", "aantal": 100}],
    )
    rij = bereken([casusmap(c)], tarieven, PEIL_2015).casussen.iloc[0]
    assert rij["vermeden"] == pytest.approx(2200)
    assert rij["kosten_voor_2015_gecorrigeerd"] == pytest.approx(2560)
    assert rij["besparing_gecorrigeerd"] == pytest.approx(1260)


def test_besparing_per_jaar_en_gemengde_horizon(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Besparing x 12 / horizon; het gemiddelde per casus per jaar; waarschuwing bij gemengde horizonnen.

    J1 (12 maanden): 1000 - 400 = 600 per jaar. J2 (24 maanden, hulp 1 uur per maand = 24 x 10 = 240 tegen 0):
    240 x 12/24 = 120 per jaar. Gemiddeld (600 + 120) / 2 = 360 per casus per jaar.
    """
    j1 = casus(id="J1", voor=[{"tarief": "zwaar", "aantal": 10}], team=[{"tarief": "hulp", "aantal": 40}])
    j2 = casus(id="J2", horizon_maanden=24, voor=[{"tarief": "hulp", "aantal": 1, "per": "maand"}])
    r = bereken([casusmap(j1, j2)], tarieven, PEIL_2015)
    per_jaar = r.casussen.set_index("id")["besparing_per_jaar"]
    assert per_jaar["J1"] == pytest.approx(600)
    assert per_jaar["J2"] == pytest.approx(120)
    beta = r.gemeente("Beta")
    assert beta.besparing_per_casus_per_jaar == pytest.approx(360)
    assert beta.besparing_per_casus_per_jaar_gecorrigeerd == pytest.approx(360)  # zekerheid hoog: geen correctie
    assert "horizon_gemengd" in [w.code for w in beta.waarschuwingen]


PERSPECTIEF_TARIEVEN = """\
code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron,soort
hulp,Hulp bij het huishouden,uur,10,2015,,gemeente_wmo,1,hoog,test,
zwaar,Jeugdhulp met verblijf,dag,100,2015,,gemeente_jeugd,2,laag,test,kosten
maatje,Vrijwilliger,uur,5,2015,,vrijwillig,0,middel,test,
ggz,Behandeling ggz,uur,100,2015,,zorgverzekeraar,2,middel,test,
uitkering,Bijstandsuitkering,maand,1000,2015,,gemeente_participatie,1,hoog,test,overdracht
"""


def test_perspectieven_met_een_overdracht(tmp_path: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een bijstandsuitkering (overdracht) telt voor gemeente en collectief, niet maatschappelijk.

    voor: uitkering 3 maanden 3000 (overdracht, gemeente) + zwaar 10 dagen 1000 (gemeente);
    team: hulp 50 uur 500 (gemeente) + maatje 40 uur 200 (vrijwillig) + ggz 2 uur 200 (zorgverzekeraar).
    maatschappelijk: 1000 tegen 900 -> 100 (10%); collectief: 4000 tegen 700 -> 3300 (82,5%);
    gemeente: 4000 tegen 500 -> 3500 (87,5%).
    """
    tarieven = tmp_path / "tarieven"
    tarieven.mkdir()
    (tarieven / "tarieven.csv").write_text(PERSPECTIEF_TARIEVEN, encoding="utf-8")
    (tarieven / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
    c = casus(
        id="O",
        voor=[{"tarief": "uitkering", "aantal": 3}, {"tarief": "zwaar", "aantal": 10}],
        team=[{"tarief": "hulp", "aantal": 50}, {"tarief": "maatje", "aantal": 40}, {"tarief": "ggz", "aantal": 2}],
    )
    r = bereken([casusmap(c)], tarieven, PEIL_2015)
    perspectief = r.totaal.per_perspectief
    assert r.totaal.besparing == pytest.approx(100)
    assert (perspectief["maatschappelijk"].besparing, perspectief["maatschappelijk"].besparing_pct) == pytest.approx(
        (100, 10.0)
    )
    assert (perspectief["collectief"].kosten_voor_2015, perspectief["collectief"].kosten_sociaal_team) == pytest.approx(
        (4000, 700)
    )
    assert perspectief["collectief"].besparing_pct == pytest.approx(82.5)
    assert (perspectief["gemeente"].besparing, perspectief["gemeente"].besparing_pct) == pytest.approx((3500, 87.5))
    casus_json = r.naar_dict()["casussen"][0]["per_perspectief"]
    assert casus_json["gemeente"]["besparing"] == pytest.approx(3500)


def test_omslagpunt_met_correctie_op_een_casus_met_twee_regels(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Middel (0,2): voor hulp 1000, team maatje 500; gecorrigeerd 800 - 500 = 300.

    hulp x: 800x - 500 = 0 -> x = 0,625; maatje x: 800 - 500x = 0 -> x = 1,6.
    """
    c = casus(
        id="Q", zekerheid="middel", voor=[{"tarief": "hulp", "aantal": 100}], team=[{"tarief": "maatje", "aantal": 100}]
    )
    totaal = bereken([casusmap(c)], tarieven, PEIL_2015).totaal
    omslag = {g.parameter: g.omslagpunt for g in totaal.gevoeligheid}
    assert omslag["tarief:hulp"] == pytest.approx(0.625)
    assert omslag["tarief:maatje"] == pytest.approx(1.6)
    json_omslag = {g["parameter"]: g.get("omslagpunt") for g in totaal.naar_dict()["gevoeligheid"]}
    assert json_omslag["tarief:hulp"] == pytest.approx(0.625)
    # een parameter die geen tarief is heeft geen omslagpunt: null (het veld staat er altijd, zoals het schema zegt)
    anders = [g for g in totaal.naar_dict()["gevoeligheid"] if not g["parameter"].startswith("tarief:")]
    assert anders
    assert all(g["omslagpunt"] is None for g in anders)


def test_omslagpunt_buiten_nul_tot_tien_is_null(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Voor hulp 1000 tegen team hulp 10 en maatje 5: maatje zou x 199 moeten: null (buiten (0, 10])."""
    c = casus(
        id="N",
        voor=[{"tarief": "hulp", "aantal": 100}],
        team=[{"tarief": "hulp", "aantal": 1}, {"tarief": "maatje", "aantal": 1}],
    )
    totaal = bereken([casusmap(c)], tarieven, PEIL_2015).totaal
    omslag = {g.parameter: g.omslagpunt for g in totaal.gevoeligheid}
    assert omslag["tarief:maatje"] is None


def test_tornado_labels_gebruiken_de_omschrijving(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een tariefbalk heet naar de omschrijving en de spreiding, niet naar de code."""
    c = casus(id="L", voor=[{"tarief": "zwaar", "aantal": 1}], team=[{"tarief": "hulp", "aantal": 1}])
    totaal = bereken([casusmap(c)], tarieven, PEIL_2015).totaal
    labels = {g.parameter: g.omschrijving for g in totaal.gevoeligheid}
    assert labels["tarief:zwaar"] == "Jeugdhulp met verblijf: prijs -50% / +50% (betrouwbaarheid laag)"


# --- kernboodschap ---------------------------------------------------------------------------------------------


def test_kernboodschap_noemt_meerkosten_bij_een_duurder_team(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Team 2000 tegen voor 1000 (12 maanden, drie gelijke casussen): € 1.000 meerkosten per huishouden per jaar,
    nooit 'besparing -…%'."""
    drie = [
        casus(id=f"D{i}", voor=[{"tarief": "zwaar", "aantal": 10}], team=[{"tarief": "zwaar", "aantal": 20}])
        for i in range(3)
    ]
    beta = bereken([casusmap(*drie)], tarieven, PEIL_2015).gemeente("Beta")
    assert beta.kernboodschap.startswith(
        "In Beta kostte de aanpak van het sociaal team na correctie gemiddeld € 1.000 per huishouden per jaar meer"
    )
    assert "meerkosten" in beta.kernboodschap
    assert "-" not in beta.kernboodschap.replace("sociaal team", "")
    assert "(3 casussen)" in beta.kernboodschap
    # dezelfde code in beide trajecten en drie gelijke casussen: het team is in elke trekking duurder
    assert "is minder dan 1%" in beta.kernboodschap


def test_kernboodschap_noemt_besparing_en_kans_als_heel_percentage(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Voor 1000 tegen team 400, 500 en 300 (hoog, 12 maanden): € 600 per huishouden per jaar; de kans staat er als
    heel percentage, en het is de kans van het antwoord."""
    drie = [
        casus(id=f"S{i}", voor=[{"tarief": "zwaar", "aantal": 10}], team=[{"tarief": "hulp", "aantal": uren}])
        for i, uren in enumerate((40, 50, 30))
    ]
    beta = bereken([casusmap(*drie)], tarieven, PEIL_2015).gemeente("Beta")
    assert beta.kernboodschap.startswith(
        "In Beta bespaarde de aanpak van het sociaal team na correctie gemiddeld € 600 per huishouden per jaar"
    )
    assert beta.antwoord.kans_besparing is not None
    assert f"is {kans(beta.antwoord.kans_besparing)}" in beta.kernboodschap


def test_demo_begint_met_de_kernboodschap(draai: Draai) -> None:
    """`casuskosten bereken casussen` op de meegeleverde set toont eerst de kernboodschap van het totaal."""
    uit = draai("bereken", "casussen", "--tarieven", "tarieven")
    assert uit.returncode == 0, uit.stderr
    eerste = next(regel for regel in uit.stdout.splitlines() if regel.strip())
    assert eerste.startswith("Over alle 4 gemeenten samen")
    assert "per huishouden per jaar" in uit.stdout.split("\n\n")[0]


@pytest.mark.parametrize(
    ("selectie", "genoemd"),
    [
        pytest.param(None, True, id="onbekend"),
        pytest.param("gekozen", True, id="gekozen"),
        pytest.param("aselect", False, id="aselect"),
    ],
)
def test_beperking_over_gekozen_casussen_volgt_het_veld_selectie(
    tarieven: Path, casusmap, selectie: str | None, genoemd: bool
) -> None:  # type: ignore[no-untyped-def]
    """Pagina 1 zegt dat de casussen niet aselect zijn, tenzij elke casus `selectie: aselect` heeft."""
    import datetime as dt

    from casuskosten.uitvoer.document import Opsomming, Tussenkop, gemeente_document

    extra = {} if selectie is None else {"selectie": selectie}
    c = casus(id="S1", voor=[{"tarief": "hulp", "aantal": 10}], **extra)
    document = gemeente_document(bereken([casusmap(c)], tarieven, PEIL_2015), "Beta", dt.date(2026, 1, 1))
    samenvatting = next(s for s in document.secties if s.sleutel == "samenvatting")
    blokken = list(samenvatting.blokken)
    # de opsomming onder de tussenkop "Wat deze cijfers beperkt" (die van het besluit staat ervoor)
    kop = next(i for i, b in enumerate(blokken) if isinstance(b, Tussenkop) and b.tekst == "Wat deze cijfers beperkt")
    beperkingen = blokken[kop + 1]
    assert isinstance(beperkingen, Opsomming)
    assert any("niet aselect getrokken" in zin for zin in beperkingen.punten) is genoemd


# --- Bootstrap van het totaal, gestratificeerd naar gemeente ------------------------------------------------------


def _gelijke_casussen(gemeente: str, aantal: int, team_uren: int) -> list[dict[str, object]]:
    """`aantal` gelijke casussen: vóór zwaar 10 dagen (1000), team maatje `team_uren` uur (5 per uur)."""
    return [
        casus(
            id=f"{gemeente[:3].upper()}-{i:02d}",
            gemeente=gemeente,
            voor=[{"tarief": "zwaar", "aantal": 10}],
            team=[{"tarief": "maatje", "aantal": team_uren}],
        )
        for i in range(1, aantal + 1)
    ]


@pytest.mark.parametrize("methode", ["bca", "percentiel"])
def test_totaal_trekt_binnen_elke_gemeente_opnieuw(tarieven: Path, casusmap, methode: str) -> None:  # type: ignore[no-untyped-def]
    """Twee gemeenten van elk 5 gelijke casussen: Beta 1000 tegen 600 (40%), Gamma 1000 tegen 900 (10%).

    Binnen elke gemeente is elke hertrekking gelijk, dus is elke trekking van het totaal (10.000 - 7.500) / 10.000
    = 25%: het interval is [25, 25]. Trekken over alle casussen samen zou een mengsel van 40%- en 10%-casussen geven
    en een breed interval; de casussen zijn per gemeente verzameld, dus dat zou spreiding verzinnen.
    """
    map_ = casusmap(*_gelijke_casussen("Beta", 5, 120), *_gelijke_casussen("Gamma", 5, 180))
    r = bereken([map_], tarieven, PEIL_2015.model_copy(update={"intervalmethode": methode}))
    assert r.gemeente("Beta").besparing_pct_ci95 == (40.0, 40.0)
    assert r.gemeente("Gamma").besparing_pct_ci95 == (10.0, 10.0)
    assert r.totaal.besparing_pct == 25.0
    assert r.totaal.besparing_pct_ci95 == (25.0, 25.0)


def test_kleine_gemeenten_samen_tellen_vast_mee_onder_vijf_casussen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Beta 5 gelijke casussen (1000 tegen 600), Gamma en Delta elk 2 (1000 tegen 900 en 1000 tegen 300).

    Gamma en Delta samen zijn 4 casussen: te weinig om opnieuw te trekken, ze tellen vast mee. Totaal:
    (9.000 - (3.000 + 1.800 + 600)) / 9.000 = 40%, en het interval is [40, 40].
    """
    map_ = casusmap(
        *_gelijke_casussen("Beta", 5, 120), *_gelijke_casussen("Gamma", 2, 180), *_gelijke_casussen("Delta", 2, 60)
    )
    r = bereken([map_], tarieven, PEIL_2015)
    assert r.gemeente("Gamma").besparing_pct_ci95 is None
    assert r.totaal.besparing_pct == pytest.approx(40.0)
    laag, hoog = r.totaal.besparing_pct_ci95 or (math.nan, math.nan)
    assert laag == pytest.approx(40.0)
    assert hoog == pytest.approx(40.0)


def test_kleine_gemeenten_samen_worden_als_een_laag_opnieuw_getrokken(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Drie gemeenten van 2 casussen (10%, 40% en 70% besparing): samen 6 casussen, één laag die opnieuw wordt
    getrokken. Het interval ligt dan om 40% heen en is niet leeg, maar kan niet buiten [10, 70] vallen."""
    map_ = casusmap(
        *_gelijke_casussen("Gamma", 2, 180), *_gelijke_casussen("Delta", 2, 120), *_gelijke_casussen("Epsilon", 2, 60)
    )
    r = bereken([map_], tarieven, PEIL_2015.model_copy(update={"intervalmethode": "percentiel"}))
    assert r.totaal.besparing_pct == pytest.approx(40.0)
    laag, hoog = r.totaal.besparing_pct_ci95 or (math.nan, math.nan)
    assert 10.0 <= laag < 40.0 < hoog <= 70.0


def test_met_een_gemeente_is_het_interval_van_het_totaal_dat_van_de_gemeente(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén gemeente met 6 verschillende casussen: het totaal trekt dezelfde casussen uit dezelfde laag, dus hetzelfde
    interval (voorheen trok het totaal met een eigen generator en week het net af)."""
    casussen = [
        casus(
            id=f"B-{i}",
            voor=[{"tarief": "zwaar", "aantal": 10}],
            team=[{"tarief": "maatje", "aantal": 20 * i}],
        )
        for i in range(1, 7)
    ]
    r = bereken([casusmap(*casussen)], tarieven, PEIL_2015)
    assert r.totaal.besparing_pct_ci95 is not None
    assert r.totaal.besparing_pct_ci95 == r.gemeente("Beta").besparing_pct_ci95
    assert r.totaal.besparing_pct_gecorrigeerd_ci95 == r.gemeente("Beta").besparing_pct_gecorrigeerd_ci95


def test_bca_versnelling_van_een_gestratificeerde_bootstrap_telt_alleen_afwijkingen_binnen_de_laag() -> None:
    """Jackknife 1, 2, 3 in laag 0 en 10 .. 14 in laag 1: binnen de lagen zijn de afwijkingen 1, 0, -1 en 2 .. -2,
    samen symmetrisch, dus a = 0: het interval is dat zonder versnelling (zelfde trekkingen). Over alles samen
    (gemiddelde 8,25; afwijkingen 7,25 6,25 5,25 -1,75 .. -5,75) is Σ(θ̄ - θ)³ = 393,75, dus a > 0 en een ander interval.
    Een waarde in laag -1 (een casus die vast meetelt) telt niet mee."""
    trekkingen = np.random.default_rng(3).normal(20.0, 5.0, 4000)
    jackknife = np.array([1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 13.0, 14.0, 500.0])
    lagen = np.array([0, 0, 0, 1, 1, 1, 1, 1, -1])
    zonder_versnelling = bca_interval(19.0, trekkingen, np.zeros(3))
    assert bca_interval(19.0, trekkingen, jackknife, lagen=lagen) == zonder_versnelling
    assert bca_interval(19.0, trekkingen, jackknife[:8]) != zonder_versnelling


def test_totaal_met_vijf_gemeenten_heeft_een_interval_rond_zijn_percentage(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Vijf gemeenten van 5 verschillende casussen: het gestratificeerde BCa-interval van het totaal omvat het
    percentage uit de sommen en is smaller dan het bereik van de casussen (10% tot 70%)."""
    alle = []
    for g, gemeente in enumerate(("Beta", "Gamma", "Delta", "Epsilon", "Zeta")):
        for i in range(5):
            uren = 60 + 30 * ((g + i) % 5)  # 10%, 25%, 40%, 55% of 70% besparing (vóór 1000, team 5 per uur)
            alle.append(
                casus(
                    id=f"{gemeente[:3].upper()}-{i}",
                    gemeente=gemeente,
                    voor=[{"tarief": "zwaar", "aantal": 10}],
                    team=[{"tarief": "maatje", "aantal": uren}],
                )
            )
    r = bereken([casusmap(*alle)], tarieven, PEIL_2015)
    assert r.totaal.besparing_pct == pytest.approx(40.0)
    laag, hoog = r.totaal.besparing_pct_ci95 or (math.nan, math.nan)
    assert 10.0 < laag < 40.0 < hoog < 70.0
