"""Cijfers per casus en per gemeente, nagerekend met de hand.

Tarieven (conftest): hulp 10 (2015) en 20 (2017) landelijk, 15 (2016) in Alfa; zwaar 100; maatje 5 (vrijwillig).
Prijsindex 2015 = 100, 2016 = 110, 2017 = 121. Prijspeil 2015 tenzij anders vermeld, discontovoet 0 tenzij anders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casuskosten import Instellingen, bereken
from tests.conftest import PROJECT, casus

GEEN_DISCONTO = Instellingen(prijspeil=2015, discontovoet=0)

# Casus A (Beta, tariefjaar 2016 -> landelijke hulp 2015 = 10, zekerheid middel):
#   voor_2015: hulp 2 uur per week, heel jaar = 104 uur x 10 = 1040; zwaar 10 dagen eenmalig, kans 0,5 = 5 x 100 = 500
#              -> 1540
#   sociaal_team: hulp 1 uur per 2 weken, 6 maanden = 13 uur x 10 = 130; maatje 2 uur per week, 10 weken = 20 x 5 = 100
#              -> 230.  besparing 1310 = 85,0649...%
CASUS_A = casus(
    id="A",
    zekerheid="middel",
    voor=[{"tarief": "hulp", "aantal": 2, "per": "week"}, {"tarief": "zwaar", "aantal": 10, "kans": 0.5}],
    team=[
        {"tarief": "hulp", "aantal": 1, "per": "2 weken", "duur": "6 maanden"},
        {"tarief": "maatje", "aantal": 2, "per": "week", "duur": "10 weken"},
    ],
    doelen={
        "voorkomen_zwaardere_zorg": {"oordeel": "ja", "toelichting": "geen verblijf nodig"},
        "integrale_aanpak": "deels",
    },
)
# Casus B (Beta, hoog): voor hulp 1 per maand = 12 x 10 = 120; team zwaar 2 dagen = 200. besparing -80 = -66,67%
CASUS_B = casus(
    id="B",
    voor=[{"tarief": "hulp", "aantal": 1, "per": "maand"}],
    team=[{"tarief": "zwaar", "aantal": 2}],
    doelen={"voorkomen_zwaardere_zorg": "nee", "integrale_aanpak": "nee"},
)
# Casus C (Alfa, tariefjaar 2016 -> Alfa-rij 15 uit 2016, naar prijspeil 2015: 15 x 100/110):
#   voor hulp 10 uur eenmalig = 150 x 100/110 = 136,3636...; team niets. besparing 100%
CASUS_C = casus(id="C", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 10}])
C_VOOR = 150 * 100 / 110


@pytest.fixture
def resultaat(tarieven: Path, casusmap):  # type: ignore[no-untyped-def]
    return bereken([casusmap(CASUS_A, CASUS_B, CASUS_C)], tarieven, GEEN_DISCONTO)


def _rij(resultaat, casus_id):  # type: ignore[no-untyped-def]
    return resultaat.casussen.set_index("id").loc[casus_id]


def test_kosten_per_casus_zijn_aantal_keer_kans_prijs(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Kosten = aantal x aantal keer x kans x prijs, per traject opgeteld."""
    a = _rij(resultaat, "A")
    assert a["kosten_voor_2015"] == pytest.approx(1540)
    assert a["kosten_sociaal_team"] == pytest.approx(230)
    assert a["besparing"] == pytest.approx(1310)
    assert a["besparing_pct"] == pytest.approx(1310 / 1540 * 100)


def test_negatieve_besparing_als_het_sociaal_team_duurder_is(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Een duurder sociaal team geeft een negatieve besparing en een negatief percentage."""
    b = _rij(resultaat, "B")
    assert b["besparing"] == pytest.approx(-80)
    assert b["besparing_pct"] == pytest.approx(-80 / 120 * 100)


def test_gemeentetarief_en_indexatie_naar_prijspeil(resultaat) -> None:  # type: ignore[no-untyped-def]
    """De Alfa-rij uit 2016 wordt gekozen en naar prijspeil 2015 teruggerekend (x 100/110)."""
    c = _rij(resultaat, "C")
    assert c["kosten_voor_2015"] == pytest.approx(C_VOOR)
    assert c["besparing_pct"] == pytest.approx(100)


def test_besparing_pct_is_leeg_als_voor_2015_niets_kost(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder voor_2015-kosten bestaat er geen percentage (null), wel een besparing."""
    r = bereken([casusmap(casus(id="N", team=[{"tarief": "maatje", "aantal": 4}]))], tarieven, GEEN_DISCONTO)
    rij = _rij(r, "N")
    assert rij["besparing"] == pytest.approx(-20)
    assert r.naar_dict()["casussen"][0]["besparing_pct"] is None


def test_gemeentecijfers_uit_de_sommen_en_per_casus(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Per gemeente: sommen, percentage uit de sommen, gemiddelde en mediaan van de casuspercentages."""
    beta = resultaat.gemeente("beta")
    assert beta.aantal_casussen == 2
    assert beta.kosten_voor_2015 == pytest.approx(1660)
    assert beta.kosten_sociaal_team == pytest.approx(430)
    assert beta.besparing == pytest.approx(1230)
    assert beta.besparing_pct == pytest.approx(1230 / 1660 * 100)
    gemiddeld = (1310 / 1540 * 100 + -80 / 120 * 100) / 2
    assert beta.besparing_pct_gemiddeld == pytest.approx(gemiddeld)
    assert beta.besparing_pct_mediaan == pytest.approx(gemiddeld)
    assert beta.aandeel_met_besparing == pytest.approx(0.5)


def test_totaal_telt_alle_gemeenten_op(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Het totaal is de som over alle casussen, met het percentage uit de sommen."""
    totaal = resultaat.totaal
    assert totaal.aantal_casussen == 3
    assert totaal.kosten_voor_2015 == pytest.approx(1660 + C_VOOR)
    assert totaal.besparing_pct == pytest.approx((1660 + C_VOOR - 430) / (1660 + C_VOOR) * 100)
    assert totaal.besparing_pct_mediaan == pytest.approx(1310 / 1540 * 100)
    assert totaal.aandeel_met_besparing == pytest.approx(2 / 3)
    assert [g.gemeente for g in resultaat.gemeenten] == ["Alfa", "Beta"]


def test_per_financier_sommen_en_rol(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Per financier de drie sommen, en wie investeert en wie bespaart."""
    beta = {f.financier: f for f in resultaat.gemeente("Beta").per_financier}
    assert beta["gemeente_wmo"].kosten_voor_2015 == pytest.approx(1040 + 120)
    assert beta["gemeente_wmo"].kosten_sociaal_team == pytest.approx(130)
    assert beta["gemeente_wmo"].rol == "bespaart"
    assert beta["gemeente_jeugd"].besparing == pytest.approx(500 - 200)
    assert beta["vrijwillig"].kosten_sociaal_team == pytest.approx(100)
    assert beta["vrijwillig"].rol == "investeert"


def test_doelen_worden_geteld(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Per doel: hoe vaak ja, deels, nee en onbekend, plus de aandelen."""
    doelen = {d.doel: d for d in resultaat.gemeente("Beta").doelen}
    zwaar = doelen["voorkomen_zwaardere_zorg"]
    assert (zwaar.ja, zwaar.deels, zwaar.nee, zwaar.onbekend) == (1, 0, 1, 0)
    integraal = doelen["integrale_aanpak"]
    assert (integraal.ja, integraal.deels, integraal.nee) == (0, 1, 1)
    assert integraal.aandeel_ja_of_deels == pytest.approx(0.5)


def test_prijspeil_standaard_laatste_jaar_van_de_index(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder prijspeil gelden prijzen van het laatste indexjaar (2017): 12 x 10 x 121/100 = 145,20."""
    r = bereken([casusmap(CASUS_B)], tarieven, Instellingen(discontovoet=0))
    assert r.prijspeil == 2017
    assert _rij(r, "B")["kosten_voor_2015"] == pytest.approx(145.20)


def test_regels_in_json(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Elke beprijsde regel staat in de JSON met traject, tarief, aantal_totaal, prijs, kosten, financier en lijn."""
    a = next(c for c in resultaat.naar_dict()["casussen"] if c["id"] == "A")
    zwaar = next(r for r in a["regels"] if r["tarief"] == "zwaar")
    assert zwaar == pytest.approx(
        zwaar
        | {
            "traject": "voor_2015",
            "aantal_totaal": 10,
            "prijs": 100,
            "kans": 0.5,
            "kosten": 500,
            "financier": "gemeente_jeugd",
            "lijn": 2,
        }
    )
    assert a["doelen"]["voorkomen_zwaardere_zorg"] == "ja"


def test_bereken_casussen_weigert_een_zelf_samengestelde_lijst_met_dubbele_ids() -> None:
    """Vanuit Python een lijst met twee keer dezelfde casus: een `InvoerFout` met bestand, regel en veld id (zoals
    `laad_casussen` zegt), geen interne fout uit de PSA."""
    from casuskosten import bereken_casussen, laad_casussen, laad_tarieven
    from casuskosten.fouten import InvoerFout

    tabel = laad_tarieven(PROJECT / "tarieven")
    casussen = list(laad_casussen([PROJECT / "casussen" / "rotterdam"], tabel).casussen)
    with pytest.raises(InvoerFout) as fout:
        bereken_casussen([*casussen, casussen[0]], tabel)
    tekst = str(fout.value)
    assert f"id: id '{casussen[0].casus.id}' komt ook voor in" in tekst
    assert "elke casus heeft een eigen id" in tekst
