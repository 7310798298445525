"""De getalnotaties van de xlsx: een negatief getal als "€ -1.234" en nooit "-0" (issue 25 deel 6), terwijl de cel
het exacte getal houdt.

De getoonde tekst komt uit `tests.excelnotatie.toon`, dat de regels van de spreadsheet volgt zoals nagekeken in
LibreOffice 7.4; Nederlandse scheidingstekens.
"""

from __future__ import annotations

import pytest

from casuskosten.rekenen.resultaat import TABELLEN, tabelkolommen
from casuskosten.velden import (
    AANDEEL,
    EURO,
    EURO_PER_CASUS_PER_JAAR,
    EURO_PER_JAAR,
    FTE,
    GETAL,
    KANS,
    PRIJS,
    PROCENT,
    UREN,
    Eenheid,
    label,
)
from tests.excelnotatie import toon


@pytest.mark.parametrize(
    ("eenheid", "waarde", "getoond"),
    [
        pytest.param(EURO, -0.4, "€ 0", id="euro--0,4-rondt-af-op-nul"),
        pytest.param(EURO, -0.49, "€ 0", id="euro--0,49-rondt-af-op-nul"),
        pytest.param(EURO, -0.5, "€ -1", id="euro--0,5-half-van-nul-af"),
        pytest.param(EURO, -3, "€ -3", id="euro--3"),
        pytest.param(EURO, 0, "€ 0", id="euro-0"),
        pytest.param(EURO, 2, "€ 2", id="euro-2"),
        pytest.param(EURO, 0.4, "€ 0", id="euro-0,4"),
        pytest.param(EURO, -1234.56, "€ -1.235", id="euro--1234,56"),
        pytest.param(EURO_PER_JAAR, -9_729_992.4, "€ -9.729.992", id="euro-per-jaar-negatief"),
        pytest.param(EURO_PER_CASUS_PER_JAAR, -0.3, "€ 0", id="euro-per-casus-per-jaar--0,3"),
        pytest.param(PRIJS, -0.004, "€ 0", id="prijs--0,004-rondt-af-op-nul"),
        pytest.param(PRIJS, -0.005, "€ -0,01", id="prijs--0,005-half-van-nul-af"),
        pytest.param(PRIJS, -1234.5, "€ -1.234,50", id="prijs--1234,5"),
        pytest.param(PRIJS, 30.87, "€ 30,87", id="prijs-30,87"),
        # een breuk: -0,0004 is -0,04%, met één decimaal 0; -0,0006 is -0,06%, dat is -0,1%
        pytest.param(PROCENT, -0.0004, "0%", id="procent--0,04%-rondt-af-op-nul"),
        pytest.param(PROCENT, -0.0006, "-0,1%", id="procent--0,06%"),
        pytest.param(PROCENT, -0.182, "-18,2%", id="procent--18,2%"),
        pytest.param(PROCENT, 0.851, "85,1%", id="procent-85,1%"),
        pytest.param(FTE, -0.04, "0", id="fte--0,04-rondt-af-op-nul"),
        pytest.param(FTE, -74.44, "-74,4", id="fte--74,44"),
        pytest.param(FTE, 364.1025641, "364,1", id="fte-364,1025641"),
        pytest.param(UREN, -0.01, "0", id="uren--0,01"),
        pytest.param(GETAL, -0.004, "0", id="getal--0,004"),
        pytest.param(GETAL, -2.826, "-2,83", id="getal--2,826"),
    ],
)
def test_een_getal_wordt_getoond_zonder_min_nul_en_met_het_minteken_na_het_euroteken(
    eenheid: Eenheid, waarde: float, getoond: str
) -> None:
    """Wat op nul afrondt is "€ 0" of "0" (nooit "-0"), een negatief bedrag is "€ -…" (niet "-€ …")."""
    assert eenheid.notatie is not None
    assert toon(waarde, eenheid.notatie) == getoond


def test_de_oude_notatie_toonde_min_nul() -> None:
    """De notatie van vóór deze versie, "€" #,##0;"€" -#,##0, toont -0,4 als "€ -0": het gebrek dat de nieuwe
    notatie oplost (en een controle dat `toon` het gebrek ziet)."""
    assert toon(-0.4, '"€" #,##0;"€" -#,##0') == "€ -0"


def test_een_negatief_deel_als_eerste_krijgt_een_dubbel_minteken() -> None:
    """Met het negatieve deel als eerste (`[<=-0.5]"€" -#,##0;...`) zet LibreOffice er zelf nog een minteken voor:
    "-€ -3". Daarom staat het negatieve deel in onze notaties als tweede."""
    assert toon(-3, '[<=-0.5]"€" -#,##0;[>=0.5]"€" #,##0;"€ 0"') == "-€ -3"
    assert toon(-3, EURO.notatie or "") == "€ -3"


@pytest.mark.parametrize(
    ("naam", "eenheid", "kop"),
    [
        pytest.param(
            "besparing_per_jaar_gedekt_besparing_per_jaar", EURO_PER_JAAR, "Besparing per jaar gedekt (€)",
            id="herhaalde-woorden-weg",
        ),
        pytest.param(
            "besparing_per_casus_per_jaar_gecorrigeerd", EURO_PER_CASUS_PER_JAAR,
            "Besparing per casus per jaar gecorrigeerd (€)", id="eenheid-al-in-de-naam",
        ),
        pytest.param("teamuren_per_casus_per_jaar", UREN, "Teamuren per casus per jaar", id="uren-al-in-de-naam"),
        pytest.param("kosten_voor_2015", EURO, "Kosten vóór 2015 (€)", id="eenheid-erachter"),
        pytest.param(
            "invloedrijkste_casus_besparing_pct_zonder", GETAL, "Besparing % zonder invloedrijkste casus",
            id="in-de-volgorde-van-een-zin",
        ),
        pytest.param(
            "antwoord_per_perspectief_gemeente_interval95_laag", EURO_PER_CASUS_PER_JAAR,
            "Antwoord voor de gemeentebegroting, 95%-interval laag (€ per casus per jaar)",
            id="perspectief-zoals-in-het-rapport",
        ),
        pytest.param(
            "antwoord_per_perspectief_maatschappelijk_kans_besparing", KANS,
            "Antwoord voor de samenleving, kans besparing (%)", id="perspectief-samenleving",
        ),
        pytest.param(
            "antwoord_bronnen_steekproef_aandeel_variantie", AANDEEL,
            "Antwoord aandeel van de variantie uit de steekproef (%)", id="bron-in-woorden",
        ),
        pytest.param(
            "antwoord_bronnen_tarieven_evppi", EURO_PER_CASUS_PER_JAAR,
            "Antwoord EVPI van de tarieven (€ per casus per jaar)", id="evpi-van-een-bron",
        ),
        pytest.param("antwoord_omslagpunten_kansfactor", GETAL, "Antwoord omslagpunt kansfactor", id="omslagpunt"),
    ],
)  # fmt: skip
def test_een_kolomnaam_wordt_een_nederlandse_kop(naam: str, eenheid: Eenheid, kop: str) -> None:
    """De kop in rij 2 herhaalt geen woorden en geen eenheid die de naam al noemt."""
    assert label(naam, eenheid) == kop


def test_geen_kop_van_de_export_herhaalt_een_reeks_woorden() -> None:
    """Alle koppen van alle tabellen (eenmaal gelezen): vóór de eenheid tussen haakjes staat geen reeks van twee
    woorden twee keer ("besparing per jaar gedekt besparing per jaar"), en de eenheid herhaalt het laatste woord
    niet ("vanaf maand (maanden)")."""
    for tabel in TABELLEN:
        for kolom in tabelkolommen(tabel):
            kop, _, eenheid = kolom.label.lower().partition(" (")
            woorden = kop.split()
            paren = [" ".join(woorden[i : i + 2]) for i in range(len(woorden) - 1)]
            assert len(paren) == len(set(paren)), (tabel, kolom.naam, kolom.label)
            assert not eenheid.startswith(woorden[-1][:5]), (tabel, kolom.naam, kolom.label)
