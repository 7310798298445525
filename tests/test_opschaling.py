"""Van casussen naar de begroting: opschaling naar de caseload, representativiteit en formatie (issue 13).

Verwachte cijfers met de hand uit de ronde testtarieven van conftest (prijspeil 2015, discontovoet 0, zekerheid hoog
dus geen correctie, horizon 12 maanden): hulp 10 per uur (gemeente_wmo), zwaar 100 per dag (gemeente_jeugd).

De drie casussen van Beta:
- A enkelvoudig: vóór zwaar 1 (100), team hulp 2 (20): besparing 80 per jaar, 2 teamuren;
- B enkelvoudig: vóór zwaar 2 (200), team hulp 4 (40): besparing 160 per jaar, 4 teamuren;
- C complex: vóór zwaar 10 (1.000), team hulp 30 (300): besparing 700 per jaar, 30 teamuren.
Gewoon gemiddelde: (80 + 160 + 700) / 3 = 313,33. Met verdeling enkelvoudig 900, complex 100 (N = 1.000):
0,9 x (80 + 160) / 2 + 0,1 x 700 = 108 + 70 = 178 per casus, 178.000 per jaar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest

from casuskosten import bereken
from casuskosten.fouten import CasuskostenFout
from casuskosten.invoer.instellingen import laad_instellingen
from casuskosten.uitvoer.document import NIET_OPGESCHAALD, Alinea, gemeente_document
from casuskosten.uitvoer.export import tabellen
from casuskosten.uitvoer.html import teken
from tests.conftest import casus

FORMATIE = '[formatie]\nteamuren_tarieven = ["hulp"]\nproductieve_uren_per_fte = 1000\n'


def _drie(**extra: Any) -> list[dict[str, Any]]:
    return [
        casus(
            id="A",
            zwaarte="enkelvoudig",
            voor=[{"tarief": "zwaar", "aantal": 1}],
            team=[{"tarief": "hulp", "aantal": 2}],
            **extra,
        ),
        casus(
            id="B",
            zwaarte="enkelvoudig",
            voor=[{"tarief": "zwaar", "aantal": 2}],
            team=[{"tarief": "hulp", "aantal": 4}],
            **extra,
        ),
        casus(
            id="C",
            zwaarte="complex",
            voor=[{"tarief": "zwaar", "aantal": 10}],
            team=[{"tarief": "hulp", "aantal": 30}],
            **extra,
        ),
    ]


def _instellingen(tmp_path: Path, toml: str) -> Path:
    pad = tmp_path / "casuskosten.toml"
    kop = "prijspeil = 2015\ndiscontovoet = 0.0\npsa_iteraties = 2000\nbootstrap_iteraties = 200\n"
    pad.write_text(kop + textwrap.dedent(toml), encoding="utf-8")
    return pad


def _bereken(tmp_path: Path, tarieven: Path, casusmap, toml: str, casussen: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    instellingen = laad_instellingen(_instellingen(tmp_path, toml))
    return bereken([casusmap(*casussen)], tarieven, instellingen)


VERDELING = """
[opschaling.beta]
casussen_per_jaar = 1000
[opschaling.beta.verdeling]
enkelvoudig = 900
complex = 100
"""


def test_gepoststratificeerd_gemiddelde_weegt_de_zwaartes_naar_de_caseload(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Met een verdeling: 0,9 x 120 + 0,1 x 700 = 178 per casus per jaar, x 1.000 = 178.000; weging 'verdeling'."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert o.weging == "verdeling"
    assert o.besparing_per_casus_per_jaar == pytest.approx(178.0)
    assert o.besparing_per_casus_per_jaar_gecorrigeerd == pytest.approx(178.0)
    # elke zwaarte met huishoudens heeft een casus: alles gedekt, het bereik is het cijfer zelf
    assert o.gedekt_aandeel == pytest.approx(1.0)
    assert o.besparing_per_jaar_gedekt.besparing_per_jaar == pytest.approx(178_000.0)
    assert o.besparing_per_jaar_bereik == (pytest.approx(178_000.0), pytest.approx(178_000.0))


def test_zonder_verdeling_is_het_het_gewone_gemiddelde(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder verdeling: (80 + 160 + 700) / 3 = 313,33 per casus, x 600 = 188.000 per jaar; weging 'geen'."""
    r = _bereken(
        tarieven.parent, tarieven, casusmap, "[opschaling.Beta]\ncasussen_per_jaar = 600\n" + FORMATIE, _drie()
    )
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert o.weging == "geen"
    assert o.besparing_per_casus_per_jaar == pytest.approx(940 / 3)
    assert o.besparing_per_jaar_gedekt.besparing_per_jaar == pytest.approx(188_000.0)
    assert o.gedekt_aandeel is None
    assert o.besparing_per_jaar_bereik is None


def test_besparing_per_financier_per_jaar_op_de_schaal_van_de_caseload(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Jeugd bespaart 0,45 x 100 + 0,45 x 200 + 0,1 x 1.000 = 235 per casus (235.000 per jaar); Wmo investeert
    0,45 x 20 + 0,45 x 40 + 0,1 x 300 = 57 per casus (−57.000); samen de 178.000."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    o = r.gemeente("Beta").opschaling
    assert o is not None
    per = {f.financier: (f.besparing_per_jaar, f.rol) for f in o.per_financier_per_jaar}
    assert per == {
        "gemeente_wmo": (pytest.approx(-57_000.0), "investeert"),
        "gemeente_jeugd": (pytest.approx(235_000.0), "bespaart"),
    }


def test_representativiteit_per_zwaarte_met_aandelen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Twee van de drie casussen enkelvoudig (2/3) tegen 900 / 1.000 van de caseload; complex 1/3 tegen 0,1."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert [(x.zwaarte, x.casussen, x.aandeel_casussen, x.aandeel_caseload) for x in o.representativiteit] == [
        ("enkelvoudig", 2, pytest.approx(2 / 3), pytest.approx(0.9)),
        ("meervoudig", 0, 0.0, 0.0),
        ("complex", 1, pytest.approx(1 / 3), pytest.approx(0.1)),
    ]


def test_afwijking_van_meer_dan_15_punten_geeft_niet_representatief(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """67% enkelvoudig tegen 90% (23 punten) en 33% complex tegen 10%: waarschuwing niet_representatief."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    gevonden = [w.melding for w in r.gemeente("Beta").waarschuwingen if w.code == "niet_representatief"]
    assert gevonden == [
        (
            "Beta: de casussen lijken niet op de caseload (enkelvoudig 67% van de casussen tegen 90% van de caseload; "
            "complex 33% van de casussen tegen 10% van de caseload); een verschil van meer dan 15 procentpunt of een "
            "zwaarte zonder casus maakt de opschaling onzeker"
        )
    ]


def test_precies_15_punten_verschil_is_nog_representatief(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Twee enkelvoudig en twee complex (50%) tegen 650 / 350 van 1.000: 15 punten, niet meer; geen waarschuwing."""
    vier = [*_drie(), casus(id="D", zwaarte="complex", voor=[{"tarief": "zwaar", "aantal": 1}])]
    toml = (
        "[opschaling.Beta]\ncasussen_per_jaar = 1000\n[opschaling.Beta.verdeling]\nenkelvoudig = 650\ncomplex = 350\n"
    )
    r = _bereken(tarieven.parent, tarieven, casusmap, toml + FORMATIE, vier)
    assert "niet_representatief" not in [w.code for w in r.gemeente("Beta").waarschuwingen]


def test_zwaarte_zonder_casus_telt_niet_mee_en_geeft_een_scenariobereik(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Meervoudig heeft 100 huishoudens maar geen casus: die tellen niet mee. Gedekt: 600 enkelvoudig + 300 complex =
    900 van 1.000 (0,9). Per huishouden (600/900) x 120 + (300/900) x 700 = 313,33; gedekt 900 x 313,33 = 282.000.
    Scenariobereik voor alle 1.000: 282.000 + 100 x [120, 700] = [294.000, 352.000]. Met niet_representatief."""
    toml = (
        "[opschaling.Beta]\ncasussen_per_jaar = 1000\n[opschaling.Beta.verdeling]\n"
        "enkelvoudig = 600\nmeervoudig = 100\ncomplex = 300\n"
    )
    r = _bereken(tarieven.parent, tarieven, casusmap, toml + FORMATIE, _drie())
    agg = r.gemeente("Beta")
    o = agg.opschaling
    assert o is not None
    assert o.weging == "verdeling"
    assert o.gedekt_aandeel == pytest.approx(0.9)
    assert o.besparing_per_casus_per_jaar_gecorrigeerd == pytest.approx(940 / 3)
    assert o.besparing_per_jaar_gedekt.besparing_per_jaar == pytest.approx(282_000.0)
    assert o.besparing_per_jaar_bereik == (pytest.approx(294_000.0), pytest.approx(352_000.0))
    assert [w.melding for w in agg.waarschuwingen if w.code == "niet_representatief"] == [
        (
            "Beta: de casussen lijken niet op de caseload (geen casus met zwaarte meervoudig (10% van de caseload)); "
            "een verschil van meer dan 15 procentpunt of een zwaarte zonder casus maakt de opschaling onzeker"
        )
    ]


def test_niet_elke_casus_aselect_geeft_casussen_gekozen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder selectie (onbekend) telt een casus als niet aselect: waarschuwing casussen_gekozen."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    assert [w.melding for w in r.gemeente("Beta").waarschuwingen if w.code == "casussen_gekozen"] == [
        (
            "Beta: 3 van de 3 casussen zijn niet aselect getrokken (selectie: aselect ontbreekt); de opschaling neemt "
            "aan dat ze typisch zijn voor alle huishoudens die de teams helpen"
        )
    ]


def test_alle_casussen_aselect_geeft_geen_casussen_gekozen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zegt elke casus selectie: aselect, dan is er geen waarschuwing casussen_gekozen."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie(selectie="aselect"))
    assert "casussen_gekozen" not in [w.code for w in r.gemeente("Beta").waarschuwingen]


def test_formatie_zonder_huidige_fte(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Teamuren 0,45 x 2 + 0,45 x 4 + 0,1 x 30 = 5,7 per casus; 1.000 x 5,7 / 1.000 uur = 5,7 fte; geen verschil."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert o.teamuren_per_casus_per_jaar == pytest.approx(5.7)
    assert o.benodigde_fte == pytest.approx(5.7)
    assert o.fte is None
    assert o.fte_verschil is None


def test_formatie_met_huidige_fte_geeft_het_verschil(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Met fte = 4: verschil 5,7 − 4 = 1,7 fte (tekort); met de standaard 1.300 uur: 5.700 / 1.300 = 4,385 fte."""
    toml = VERDELING.replace("casussen_per_jaar = 1000", "casussen_per_jaar = 1000\nfte = 4")
    r = _bereken(tarieven.parent, tarieven, casusmap, toml + '[formatie]\nteamuren_tarieven = ["hulp"]\n', _drie())
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert o.benodigde_fte == pytest.approx(5700 / 1300)
    assert o.fte_verschil == pytest.approx(5700 / 1300 - 4)


def test_gemeente_zonder_opschaling_krijgt_niets_en_het_rapport_zegt_dat(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder [opschaling] voor Beta: geen sleutel opschaling in de JSON, en het rapport zegt het in één regel."""
    r = _bereken(tarieven.parent, tarieven, casusmap, "", _drie())
    assert "opschaling" not in r.gemeente("Beta").naar_dict()
    document = gemeente_document(r, "Beta", dt.date(2024, 1, 1))
    begroting = next(s for s in document.secties if s.sleutel == "begroting")
    assert begroting.blokken == (Alinea(NIET_OPGESCHAALD),)
    assert f">{NIET_OPGESCHAALD}</p>" in teken(document)
    assert len(tabellen(r)["opschaling"]) == 0


def test_json_van_de_opschaling_geeft_de_met_de_hand_uitgerekende_cijfers(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De sleutel opschaling in de JSON van Beta, met de verdeling 900 enkelvoudig / 100 complex (N = 1.000) en
    1.000 productieve uren per fte, veld voor veld (de velden uit het issue, plus waarschuwingen en uren per fte).

    Met de hand (zie de kop van dit bestand):
    - per casus 0,9 x (80 + 160) / 2 + 0,1 x 700 = 108 + 70 = 178; x 1.000 = 178.000 per jaar; zekerheid hoog, dus
      gecorrigeerd (0% eraf) hetzelfde;
    - Jeugd (zwaar) 0,45 x 100 + 0,45 x 200 + 0,1 x 1.000 = 235 per casus: 235.000; Wmo (hulp) 0,45 x 20 + 0,45 x 40
      + 0,1 x 300 = 57 per casus: −57.000 (investeert); samen 178.000;
    - 2 van de 3 casussen enkelvoudig (2/3 tegen 0,9), geen meervoudig, 1 complex (1/3 tegen 0,1);
    - teamuren 0,45 x 2 + 0,45 x 4 + 0,1 x 30 = 5,7 per casus; 1.000 x 5,7 / 1.000 uur = 5,7 fte; geen huidige fte.
    Het PSA-interval is niet met de hand uit te rekenen: het ligt om de 178.000, en omdat elke casus bespaart, is de
    kans op een besparing vrijwel 1."""
    r = _bereken(tarieven.parent, tarieven, casusmap, VERDELING + FORMATIE, _drie())
    opschaling = r.gemeente("Beta").naar_dict()["opschaling"]
    psa = {veld: opschaling.pop(veld) for veld in ("besparing_per_jaar_gedekt", "evpi", "evppi")}
    intervallen = {fin: bedragen.pop("interval95") for fin, bedragen in opschaling["per_financier_per_jaar"].items()}
    assert intervallen["gemeente_jeugd"][0] < 235_000 < intervallen["gemeente_jeugd"][1]
    assert intervallen["gemeente_wmo"][0] < -57_000 < intervallen["gemeente_wmo"][1]
    waarschuwingen = opschaling.pop("waarschuwingen")
    assert opschaling == {
        "casussen_per_jaar": 1000,
        "weging": "verdeling",
        "besparing_per_casus_per_jaar": pytest.approx(178.0),
        "gedekt_aandeel": pytest.approx(1.0),
        "besparing_per_casus_per_jaar_gecorrigeerd": pytest.approx(178.0),
        "besparing_per_jaar_bereik": [pytest.approx(178_000.0), pytest.approx(178_000.0)],
        # teamuren-code hulp (10 per uur): 0,45 x 20 + 0,45 x 40 + 0,1 x 300 = 57 per huishouden per jaar
        "teamkosten_per_huishouden_casussen": pytest.approx(57.0),
        "teamkosten_per_huishouden_formatie": None,
        "teamkosten_buiten_casussen": None,
        "besparing_per_jaar_met_teamkosten": None,
        "per_financier_per_jaar": {
            "gemeente_wmo": {
                "besparing_per_jaar": pytest.approx(-57_000.0),
                "besparing_per_jaar_gecorrigeerd": pytest.approx(-57_000.0),
                "rol": "investeert",
            },
            "gemeente_jeugd": {
                "besparing_per_jaar": pytest.approx(235_000.0),
                "besparing_per_jaar_gecorrigeerd": pytest.approx(235_000.0),
                "rol": "bespaart",
            },
        },
        "representativiteit": [
            {
                "zwaarte": "enkelvoudig",
                "casussen": 2,
                "aandeel_casussen": pytest.approx(2 / 3),
                "aandeel_caseload": 0.9,
            },
            {"zwaarte": "meervoudig", "casussen": 0, "aandeel_casussen": 0.0, "aandeel_caseload": 0.0},
            {"zwaarte": "complex", "casussen": 1, "aandeel_casussen": pytest.approx(1 / 3), "aandeel_caseload": 0.1},
        ],
        "teamuren_per_casus_per_jaar": pytest.approx(5.7),
        "productieve_uren_per_fte": 1000.0,
        "benodigde_fte": pytest.approx(5.7),
        "fte": None,
        "fte_verschil": None,
        "capaciteit_huishoudens_per_jaar": None,
    }
    assert [w["code"] for w in waarschuwingen] == ["niet_representatief", "casussen_gekozen"]
    # de simulatie: grenzen, geen handwaarden
    gedekt = psa["besparing_per_jaar_gedekt"]
    assert gedekt["besparing_per_jaar"] == pytest.approx(178_000.0)
    laag, hoog = gedekt["interval95"]
    assert laag < 178_000 < hoog
    assert 0 <= gedekt["kans_besparing"] <= 1
    assert psa["evpi"] >= 0
    assert set(psa["evppi"]) == {"steekproef", "tarieven", "kansen"}


# --- PSA: structurele eigenschappen ----------------------------------------------------------------------------


def _zes(zwaarte: str) -> list[dict[str, Any]]:
    """Zes casussen met uiteenlopende besparing en onzekere kansen, zodat casussen opnieuw getrokken worden."""
    return [
        casus(
            id=f"S{i}",
            zwaarte=zwaarte if i < 3 or zwaarte == "meervoudig" else "complex",
            zekerheid="middel",
            voor=[{"tarief": "zwaar", "aantal": i + 1, "kans": 0.6}],
            team=[{"tarief": "hulp", "aantal": 5 * i + 3}],
        )
        for i in range(6)
    ]


def test_psa_interval_van_de_opschaling_bevat_de_puntschatting(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Het 95%-interval per jaar omvat de gepoststratificeerde gecorrigeerde puntschatting; de EVPI per jaar is
    niet negatief en de kans ligt tussen 0 en 1."""
    toml = (
        "[opschaling.Beta]\ncasussen_per_jaar = 1000\n[opschaling.Beta.verdeling]\nenkelvoudig = 500\ncomplex = 500\n"
    )
    r = _bereken(tarieven.parent, tarieven, casusmap, toml + FORMATIE, _zes("enkelvoudig"))
    o = r.gemeente("Beta").opschaling
    assert o is not None
    assert o.weging == "verdeling"
    g = o.besparing_per_jaar_gedekt
    assert g.interval95 is not None
    laag, hoog = g.interval95
    assert laag < g.besparing_per_jaar < hoog
    assert g.kans_besparing is not None
    assert 0 < g.kans_besparing < 1
    assert o.evpi is not None
    assert o.evpi >= 0
    assert o.evppi is not None
    assert set(o.evppi) == {"steekproef", "tarieven", "kansen"}


def test_een_zwaarte_geeft_casussen_per_jaar_maal_het_interval_per_casus(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alle casussen en de hele caseload meervoudig: het interval per jaar is 1.000 x dat per casus per jaar."""
    toml = "[opschaling.Beta]\ncasussen_per_jaar = 1000\n[opschaling.Beta.verdeling]\nmeervoudig = 1000\n"
    r = _bereken(tarieven.parent, tarieven, casusmap, toml + FORMATIE, _zes("meervoudig"))
    agg = r.gemeente("Beta")
    assert agg.opschaling is not None
    assert agg.opschaling.weging == "verdeling"
    assert agg.antwoord.interval95 is not None
    gedekt = agg.opschaling.besparing_per_jaar_gedekt
    assert gedekt.interval95 is not None
    laag, hoog = agg.antwoord.interval95
    assert gedekt.interval95 == (
        pytest.approx(1000 * laag, rel=1e-9),
        pytest.approx(1000 * hoog, rel=1e-9),
    )
    assert gedekt.kans_besparing == agg.antwoord.kans_besparing
    assert agg.antwoord.evpi is not None
    assert agg.opschaling.evpi == pytest.approx(1000 * agg.antwoord.evpi, rel=1e-9)


def test_opschaling_verandert_de_andere_cijfers_van_de_gemeente_niet(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De steekproefterm van de weging naar zwaarte gebruikt een eigen generator: het antwoord blijft gelijk."""
    zonder = _bereken(tarieven.parent, tarieven, casusmap, "", _zes("enkelvoudig")).gemeente("Beta")
    toml = (
        "[opschaling.Beta]\ncasussen_per_jaar = 1000\n[opschaling.Beta.verdeling]\nenkelvoudig = 500\ncomplex = 500\n"
    )
    met = _bereken(tarieven.parent, tarieven, casusmap, toml + FORMATIE, _zes("enkelvoudig")).gemeente("Beta")
    # (alleen het omslagpunt extra_teamuren verschilt: [formatie] noemt hier een teamtarief)
    assert dataclasses.replace(met.antwoord, omslagpunten=zonder.antwoord.omslagpunten) == zonder.antwoord
    assert met.besparing_pct_gecorrigeerd_ci95 == zonder.besparing_pct_gecorrigeerd_ci95


# --- ongeldige instellingen ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "melding"),
    [
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = -5\n",
            "{f}:6: opschaling.Beta.casussen_per_jaar: '-5' is te klein; moet > 0 zijn",
            id="negatieve-caseload",
        ),
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.Beta.verdeling]\nenkelvoudig = 5\nzwaar = 5\n",
            "{f}:9: opschaling.Beta.verdeling.zwaar: onbekend veld 'zwaar'; toegestaan: enkelvoudig, meervoudig, "
            "complex, bronnen",
            id="onbekende-zwaarte",
        ),
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.Beta.verdeling]\nenkelvoudig = 5\ncomplex = 4\n",
            "{f}:7: opschaling.Beta.verdeling: de verdeling telt op tot 9 (enkelvoudig 5 + complex 4), maar "
            "casussen_per_jaar is 10; laat enkelvoudig + meervoudig + complex optellen tot casussen_per_jaar",
            id="verdeling-telt-niet-op",
        ),
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.BETA]\ncasussen_per_jaar = 20\n",
            "{f}: opschaling: gemeente 'BETA' staat twee keer in [opschaling] (ook als 'Beta'); schrijf elke gemeente "
            "één keer",
            id="gemeente-twee-keer",
        ),
    ],
)
def test_ongeldige_opschaling_is_een_fout_met_regel(tmp_path: Path, toml: str, melding: str) -> None:
    """Een ongeldige [opschaling] is een fout met bestand, regel, veld en wat wel geldig is."""
    pad = _instellingen(tmp_path, toml)
    with pytest.raises(CasuskostenFout) as fout:
        laad_instellingen(pad)
    assert [str(m) for m in fout.value.meldingen] == [melding.format(f=pad)]


@pytest.mark.parametrize(
    ("formatie", "melding"),
    [
        pytest.param(
            '[formatie]\nteamuren_tarieven = ["hulpp"]\n',
            "{f}:9: formatie.teamuren_tarieven: tariefcode 'hulpp' staat niet in de tarieftabellen; bedoelde u "
            "'hulp'?; kies codes met eenheid uur, zoals hulp, maatje",
            id="teamuren-code-onbekend",
        ),
        pytest.param(
            '[formatie]\nteamuren_tarieven = ["zwaar"]\n',
            "{f}:9: formatie.teamuren_tarieven: tariefcode 'zwaar' heeft eenheid 'dag' ({t}:5), geen uur; "
            "teamuren_tarieven telt uren van het team zelf: kies codes met eenheid uur",
            id="teamuren-code-geen-uren",
        ),
    ],
)
def test_teamuren_code_moet_uren_in_de_tarieven_zijn(
    tmp_path: Path,
    tarieven: Path,
    casusmap,
    formatie: str,
    melding: str,  # type: ignore[no-untyped-def]
) -> None:
    """Een teamuren-code die niet in de tarieven staat of geen uren telt, is een fout met de regel in de toml."""
    pad = _instellingen(tmp_path, "[opschaling.Beta]\ncasussen_per_jaar = 10\n\n" + formatie)
    with pytest.raises(CasuskostenFout) as fout:
        bereken([casusmap(*_drie())], tarieven, laad_instellingen(pad))
    assert [str(m) for m in fout.value.meldingen] == [melding.format(f=pad, t=tarieven / "test.csv")]


def test_onbekende_gemeente_in_opschaling_is_een_waarschuwing(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """[opschaling.Bta] zonder casussen: een waarschuwing met de regel, een suggestie en de bekende gemeenten."""
    r = _bereken(tarieven.parent, tarieven, casusmap, "[opschaling.Bta]\ncasussen_per_jaar = 10\n" + FORMATIE, _drie())
    pad = tarieven.parent / "casuskosten.toml"
    assert [w.melding for w in r.totaal.waarschuwingen if w.code == "opschaling_onbekende_gemeente"] == [
        (
            f"{pad}:5: [opschaling] noemt gemeente 'Bta', maar daarvan zijn geen casussen; bedoelde u 'Beta'?; bekend: "
            "Beta. Voor deze gemeente wordt niets opgeschaald"
        )
    ]
    assert r.gemeente("Beta").opschaling is None
