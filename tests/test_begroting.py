"""De begroting (issue 22): alleen voor gedekte huishoudens, de hele teamkosten en de capaciteit, en de correctie per
financier; met de hand nagerekend.

Casussen (conftest-tarieven, prijspeil 2015, discontovoet 0, zekerheid hoog, 12 maanden), zoals in test_opschaling:
A enkelvoudig: vóór zwaar 1 dag (100), team hulp 2 uur (20) -> 80; B enkelvoudig: 200 tegen 40 -> 160; C complex:
1.000 tegen 300 -> 700. Teamuren-code hulp (10 per uur), 1.000 productieve uren per fte.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import pytest
from scipy import stats

from casuskosten import bereken, laad_instellingen
from tests.conftest import casus
from tests.test_opschaling import FORMATIE, _drie


def _bereken(tmp_path: Path, tarieven: Path, casusmap, toml: str, casussen: list[dict[str, Any]], **kop: Any):  # type: ignore[no-untyped-def]
    pad = tmp_path / "casuskosten.toml"
    iteraties = kop.get("iteraties", 2000)
    tekst = f"prijspeil = 2015\ndiscontovoet = 0.0\npsa_iteraties = {iteraties}\nbootstrap_iteraties = 200\n"
    pad.write_text(tekst + textwrap.dedent(toml), encoding="utf-8")
    return bereken([casusmap(*casussen)], tarieven, laad_instellingen(pad), werkers=1)


def _correctiecasussen() -> list[dict[str, Any]]:
    """Drie gelijke huishoudens, zekerheid middel: vóór zwaar 10 dagen en hulp 10 uur, team hulp 5 uur."""
    return [
        casus(
            id=f"F{i}",
            zekerheid="middel",
            voor=[{"tarief": "zwaar", "aantal": 10}, {"tarief": "hulp", "aantal": 10}],
            team=[{"tarief": "hulp", "aantal": 5}],
        )
        for i in range(3)
    ]


VERDELING = (
    "[opschaling.Beta]\ncasussen_per_jaar = 1000\n{fte}[opschaling.Beta.verdeling]\nenkelvoudig = 900\ncomplex = 100\n"
)


def test_hele_teamkosten_en_capaciteit_op_drie_casussen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """4 fte à 50.000: 200.000 / 1.000 = 200 per huishouden; de casussen noemen 0,45 x 20 + 0,45 x 40 + 0,1 x 300 = 57;
    buiten de casussen 143. Met teamkosten: 1.000 x (178 - 143) = 35.000 per jaar. Capaciteit 4 x 1.000 / 5,7 = 701,75
    huishoudens < 1.000: capaciteit_te_klein; 5,7 x 1.000 = 5.700 uur is meer dan 75% van 4.000: geen
    teamuren_onder_formatie."""
    toml = VERDELING.format(fte="fte = 4\n") + FORMATIE + "kosten_per_fte = 50000\n"
    agg = _bereken(tarieven.parent, tarieven, casusmap, toml, _drie()).gemeente("Beta")
    o = agg.opschaling
    assert o is not None
    assert o.teamkosten_per_huishouden_formatie == pytest.approx(200.0)
    assert o.teamkosten_per_huishouden_casussen == pytest.approx(57.0)
    assert o.teamkosten_buiten_casussen == pytest.approx(143.0)
    assert o.besparing_per_jaar_met_teamkosten is not None
    assert o.besparing_per_jaar_met_teamkosten.besparing_per_jaar == pytest.approx(35_000.0)
    assert o.capaciteit_huishoudens_per_jaar == pytest.approx(4000 / 5.7)
    codes = [w.code for w in agg.waarschuwingen]
    assert "capaciteit_te_klein" in codes
    assert "teamuren_onder_formatie" not in codes


def test_teamuren_onder_de_formatie_geven_een_waarschuwing(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """10 fte = 10.000 uur; de casussen vullen 5.700 uur, minder dan 75% (7.500): teamuren_onder_formatie; capaciteit
    10.000 / 5,7 = 1.754 > 1.000: geen wachtlijst."""
    toml = VERDELING.format(fte="fte = 10\n") + FORMATIE
    agg = _bereken(tarieven.parent, tarieven, casusmap, toml, _drie()).gemeente("Beta")
    codes = [w.code for w in agg.waarschuwingen]
    assert "teamuren_onder_formatie" in codes
    assert "capaciteit_te_klein" not in codes
    assert agg.opschaling is not None
    assert agg.opschaling.besparing_per_jaar_met_teamkosten is None  # zonder kosten_per_fte
    melding = next(w.melding for w in agg.waarschuwingen if w.code == "teamuren_onder_formatie")
    assert melding.endswith("geef [formatie] kosten_per_fte om het mee te tellen")
    met_kosten = _bereken(tarieven.parent, tarieven, casusmap, toml + "kosten_per_fte = 50000\n", _drie())
    melding = next(w.melding for w in met_kosten.gemeente("Beta").waarschuwingen if w.code == "teamuren_onder_formatie")
    assert melding.endswith("van de besparing afgetrokken")


def test_zwaarte_met_een_casus_gebruikt_de_gepoolde_variantie(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen de steekproef: complex heeft één casus (C). n = 3, H = 2, dus 1 vrijheidsgraad; s_p² = de kwadraten
    binnen enkelvoudig ((80 - 120)² + (160 - 120)² = 3.200) / 1; schaal √(0,9² / 2 + 0,1² / 1) = √0,415. Het interval
    per jaar is 1.000 x (178 ± t(0,975; 1) x √(3.200 x 0,415))."""
    toml = VERDELING.format(fte="") + FORMATIE + "[onzekerheid]\ntarieven = false\nkansen = false\n"
    o = _bereken(tarieven.parent, tarieven, casusmap, toml, _drie(), iteraties=60_000).gemeente("Beta").opschaling
    assert o is not None
    marge = 1000 * stats.t.ppf(0.975, 1) * math.sqrt(3200 * 0.415)
    interval = o.besparing_per_jaar_gedekt.interval95
    assert interval is not None
    assert interval[0] == pytest.approx(178_000 - marge, rel=0.08)
    assert interval[1] == pytest.approx(178_000 + marge, rel=0.08)


def test_correctie_gaat_per_tariefcode_naar_de_financier_van_de_vermeden_kosten(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zekerheid middel (0,2). Vóór: zwaar 10 dagen (jeugd, 1.000) en hulp 10 uur (Wmo, 100); team: hulp 5 uur (50).
    Vermeden: zwaar 1.000 (correctie 200, jeugd), hulp 100 - 50 = 50 (correctie 10, Wmo). Jeugd 1.000 -> 800, Wmo
    50 -> 40; samen 840 = 1.050 - 210. Per jaar voor 3 gelijke huishoudens x 3."""
    drie = _correctiecasussen()
    toml = "[opschaling.Beta]\ncasussen_per_jaar = 3\n" + FORMATIE
    agg = _bereken(tarieven.parent, tarieven, casusmap, toml, drie).gemeente("Beta")
    sommen = {f.financier: (f.besparing, f.besparing_gecorrigeerd) for f in agg.per_financier}
    assert sommen == {
        "gemeente_wmo": (pytest.approx(150.0), pytest.approx(120.0)),
        "gemeente_jeugd": (pytest.approx(3000.0), pytest.approx(2400.0)),
    }
    assert agg.besparing_gecorrigeerd == pytest.approx(3 * 840)
    assert agg.opschaling is not None
    per_jaar = {f.financier: f.besparing_per_jaar_gecorrigeerd for f in agg.opschaling.per_financier_per_jaar}
    assert per_jaar == {"gemeente_wmo": pytest.approx(120.0), "gemeente_jeugd": pytest.approx(2400.0)}


def test_begroting_in_het_rapport_begint_met_de_hele_teamkosten_en_noemt_aannames(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Met fte en kosten_per_fte begint de begroting met de besparing na de hele teamkosten (35.000, zie boven), en
    een getal zonder bron krijgt "(aanname)"."""
    import datetime as dt

    from casuskosten.uitvoer.document import Alinea, gemeente_document

    toml = VERDELING.format(fte="fte = 4\n") + FORMATIE + "kosten_per_fte = 50000\n"
    r = _bereken(tarieven.parent, tarieven, casusmap, toml, _drie())
    document = gemeente_document(r, "Beta", dt.date(2026, 1, 1))
    begroting = next(s for s in document.secties if s.sleutel == "begroting")
    eerste = next(b for b in begroting.blokken if isinstance(b, Alinea))
    assert "bespaart de aanpak van het sociaal team per jaar € 35.000 na correctie en met de hele kosten" in (
        eerste.tekst.replace("\u00a0", " ")
    )
    cellen = [c.tekst for b in begroting.blokken if hasattr(b, "rijen") for rij in b.rijen for c in rij]
    assert "1.000 (aanname)" in cellen
    # ook de formatie: productieve uren en huidige fte zonder bron, en de capaciteit 4 x 1.000 / 5,7 = 702
    assert "1.000 (aanname)" in cellen[cellen.index("Productieve uren per fte per jaar") + 1]
    assert cellen[cellen.index("Huidige formatie (fte)") + 1] == "4 (aanname)"
    assert cellen[cellen.index("Capaciteit: nieuwe huishoudens per jaar") + 1] == "702"


def test_interval_per_financier_komt_uit_dezelfde_trekkingen_als_de_gemeente(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alleen de steekproef, vijf casussen zonder zwaarte: vóór zwaar a dagen (jeugd, 100 per dag, a = 1 .. 5), team
    hulp 5 uur (Wmo, 50). Jeugd per huishouden 100 .. 500: gemiddelde 300, s = √25.000 = 158,11; Wmo steeds -50. Het
    interval van jeugd per jaar (10 huishoudens) is 10 x (300 ± t(0,975; 4) x 158,11 / √5) = [1.037, 4.963]; Wmo
    heeft geen spreiding: [-500, -500]. Dezelfde trekking T geeft de gemeente 10 x (250 + 158,11 / √5 x T): haar
    interval is dat van jeugd min 500, tot op de afronding."""
    vijf = [
        casus(id=f"S{a}", voor=[{"tarief": "zwaar", "aantal": a}], team=[{"tarief": "hulp", "aantal": 5}])
        for a in range(1, 6)
    ]
    toml = (
        "[opschaling.Beta]\ncasussen_per_jaar = 10\n" + FORMATIE + "[onzekerheid]\ntarieven = false\nkansen = false\n"
    )
    o = _bereken(tarieven.parent, tarieven, casusmap, toml, vijf, iteraties=40_000).gemeente("Beta").opschaling
    assert o is not None
    per = {f.financier: f for f in o.per_financier_per_jaar}
    assert per["gemeente_jeugd"].besparing_per_jaar_gecorrigeerd == pytest.approx(3000.0)
    assert per["gemeente_wmo"].besparing_per_jaar_gecorrigeerd == pytest.approx(-500.0)
    jeugd = per["gemeente_jeugd"].interval95
    assert jeugd is not None
    marge = 10 * stats.t.ppf(0.975, 4) * math.sqrt(25_000) / math.sqrt(5)
    assert jeugd[0] == pytest.approx(3000 - marge, rel=0.03)
    assert jeugd[1] == pytest.approx(3000 + marge, rel=0.03)
    assert per["gemeente_wmo"].interval95 == (pytest.approx(-500.0), pytest.approx(-500.0))
    gemeente = o.besparing_per_jaar_gedekt.interval95
    assert gemeente is not None
    assert gemeente[0] == pytest.approx(jeugd[0] - 500, rel=1e-9)
    assert gemeente[1] == pytest.approx(jeugd[1] - 500, rel=1e-9)


def test_interval_per_financier_is_gewogen_naar_zwaarte_met_de_gepoolde_variantie(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De drie casussen van de module, alleen de steekproef, verdeling 900 enkelvoudig / 100 complex. Jeugd (zwaar):
    100, 200 en 1.000 per huishouden; gewogen 0,9 x 150 + 0,1 x 1.000 = 235, s_p² = (50² + 50²) / 1 = 5.000. Wmo
    (hulp): -20, -40, -300; gewogen -57, s_p² = (10² + 10²) / 1 = 200. Met de gedeelde trekking T per trekking:
    jeugd = 235 + √(5.000 x 0,415) x T en de gemeente = 178 + √(3.200 x 0,415) x T; uit de grens van de gemeente
    volgt die van jeugd (en Wmo) precies."""
    toml = VERDELING.format(fte="") + FORMATIE + "[onzekerheid]\ntarieven = false\nkansen = false\n"
    o = _bereken(tarieven.parent, tarieven, casusmap, toml, _drie(), iteraties=20_000).gemeente("Beta").opschaling
    assert o is not None
    per = {f.financier: f for f in o.per_financier_per_jaar}
    assert per["gemeente_jeugd"].besparing_per_jaar_gecorrigeerd == pytest.approx(235_000.0)
    assert per["gemeente_wmo"].besparing_per_jaar_gecorrigeerd == pytest.approx(-57_000.0)
    gemeente = o.besparing_per_jaar_gedekt.interval95
    jeugd, wmo = per["gemeente_jeugd"].interval95, per["gemeente_wmo"].interval95
    assert gemeente is not None
    assert jeugd is not None
    assert wmo is not None
    for i in (0, 1):
        t = (gemeente[i] / 1000 - 178) / math.sqrt(3200 * 0.415)
        assert jeugd[i] == pytest.approx(1000 * (235 + math.sqrt(5000 * 0.415) * t), rel=1e-6)
        assert wmo[i] == pytest.approx(1000 * (-57 + math.sqrt(200 * 0.415) * t), rel=1e-6)
    # en die T is die van de t-verdeling met 1 vrijheidsgraad
    assert (gemeente[0] / 1000 - 178) / math.sqrt(3200 * 0.415) == pytest.approx(stats.t.ppf(0.025, 1), rel=0.1)


def test_zonder_onzekerheid_valt_het_interval_per_financier_samen_met_de_schatting(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De casussen van de correctietest (jeugd 2.400, Wmo 120 per jaar na correctie) met tarieven, kansen en
    steekproef uit: het interval is het punt, ook met de correctie per trekking uitgerekend. Met een onzekere kans
    (0,5 op de zware dag vóór 2015) blijft het punt binnen het interval."""
    drie = _correctiecasussen()
    uit = "[onzekerheid]\ntarieven = false\nkansen = false\nsteekproef = false\n"
    toml = "[opschaling.Beta]\ncasussen_per_jaar = 3\n" + FORMATIE
    o = _bereken(tarieven.parent, tarieven, casusmap, toml + uit, drie).gemeente("Beta").opschaling
    assert o is not None
    per = {f.financier: f.interval95 for f in o.per_financier_per_jaar}
    assert per == {
        "gemeente_wmo": (pytest.approx(120.0), pytest.approx(120.0)),
        "gemeente_jeugd": (pytest.approx(2400.0), pytest.approx(2400.0)),
    }


def test_overdracht_buiten_het_collectief_telt_per_financier_op_zijn_puntwaarde(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een overdracht van financier overig (30 per maand) telt in geen perspectief en dus niet in de simulatie; per
    financier telt ze wel: 2 maanden vóór 2015 = 60 per huishouden, x 3 huishoudens = 180 per jaar, en omdat ze niet
    getrokken wordt, is haar interval het punt, ook met alle onzekerheid aan. Jeugd (zwaar, betrouwbaarheid laag)
    heeft wel spreiding."""
    (tarieven / "overdracht.csv").write_text(
        "code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron,soort\n"
        "huur,Huurbijdrage,maand,30,2015,,overig,0,hoog,test,overdracht\n",
        encoding="utf-8",
    )
    drie = [
        casus(
            id=f"H{i}",
            voor=[{"tarief": "huur", "aantal": 2}, {"tarief": "zwaar", "aantal": i + 1}],
            team=[{"tarief": "hulp", "aantal": 2}],
        )
        for i in range(3)
    ]
    toml = "[opschaling.Beta]\ncasussen_per_jaar = 3\n" + FORMATIE
    o = _bereken(tarieven.parent, tarieven, casusmap, toml, drie).gemeente("Beta").opschaling
    assert o is not None
    per = {f.financier: f for f in o.per_financier_per_jaar}
    assert per["overig"].besparing_per_jaar_gecorrigeerd == pytest.approx(180.0)
    assert per["overig"].interval95 == (pytest.approx(180.0), pytest.approx(180.0))
    jeugd = per["gemeente_jeugd"].interval95
    assert jeugd is not None
    assert jeugd[0] < 600 < jeugd[1]
