"""De xlsx om af te drukken en te lezen (issue 25 deel 7): afdrukinstellingen, leesbare koppen, getalnotaties en de
aanmaakdatum van de run.

Eén export van de demo (casussen/, tarieven/, voorbeeld/casuskosten.toml: met opschaling, dus ook fte), per module
gemaakt en daarna alleen gelezen met openpyxl.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from casuskosten import bereken, laad_instellingen
from casuskosten.rekenen.resultaat import TABELLEN, Resultaat
from casuskosten.uitvoer.export import exporteer
from tests.conftest import PROJECT, Draai

DATUM = dt.date(2026, 3, 1)
#: alle werkbladen: de tabellen, instellingen en uitleg
WERKBLADEN = (*TABELLEN, "instellingen", "uitleg")


@pytest.fixture(scope="module")
def resultaat() -> Resultaat:
    return bereken(
        [PROJECT / "casussen"], PROJECT / "tarieven", laad_instellingen(PROJECT / "voorbeeld" / "casuskosten.toml")
    )


@pytest.fixture(scope="module")
def xlsx(resultaat: Resultaat, tmp_path_factory: pytest.TempPathFactory) -> Path:
    (pad,) = exporteer(resultaat, "xlsx", tmp_path_factory.mktemp("xlsx") / "demo.xlsx", datum=DATUM)
    return pad


@pytest.fixture(scope="module")
def werkmap(xlsx: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx)


def _koppen(blad) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(c.value) for c in blad[1]]


def _kolom(blad, naam: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """De cellen van kolom `naam` (rij 1) vanaf de eerste gegevensrij (rij 3)."""
    i = _koppen(blad).index(naam) + 1
    return [blad.cell(row=r, column=i) for r in range(3, blad.max_row + 1)]


@pytest.mark.parametrize("naam", WERKBLADEN)
def test_elk_werkblad_drukt_af_op_a4_liggend_een_pagina_breed(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Elk werkblad: A4 (papiercode 9) liggend, passend op één pagina breed en zo veel pagina's hoog als nodig (0)."""
    opzet = werkmap[naam].page_setup
    assert (opzet.orientation, opzet.paperSize) == ("landscape", 9)
    assert werkmap[naam].sheet_properties.pageSetUpPr.fitToPage is True
    assert (opzet.fitToWidth, opzet.fitToHeight) == (1, 0)


@pytest.mark.parametrize("naam", WERKBLADEN)
def test_elk_werkblad_herhaalt_de_koprijen_met_rasterlijnen_en_paginanummer(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Elke afgedrukte pagina heeft de twee koprijen (kolomnamen en leesbare koppen), rasterlijnen en onderaan
    "pagina x van y" (Excel-codes &P en &N)."""
    blad = werkmap[naam]
    assert blad.print_title_rows == "$1:$2"
    assert blad.print_options.gridLines is True
    assert blad.oddFooter.center.text == "pagina &P van &N"


def test_rij_twee_heeft_leesbare_nederlandse_koppen(werkmap) -> None:  # type: ignore[no-untyped-def]
    """Onder de kolomnaam kosten_voor_2015 staat "Kosten vóór 2015 (€)", onder benodigde_fte "Benodigde fte", onder
    besparing_pct (aandeel) "Besparing %"."""
    casussen = werkmap["casussen"]
    labels = dict(zip(_koppen(casussen), (c.value for c in casussen[2]), strict=True))
    assert labels["kosten_voor_2015"] == "Kosten vóór 2015 (€)"
    assert labels["besparing_pct (aandeel)"] == "Besparing %"
    opschaling = werkmap["opschaling"]
    assert dict(zip(_koppen(opschaling), (c.value for c in opschaling[2]), strict=True))["benodigde_fte"] == (
        "Benodigde fte"
    )


def test_pandas_leest_de_werkmap_zonder_de_rij_met_koppen(xlsx: Path) -> None:
    """`pd.read_excel(pad, skiprows=[1])` (het voorbeeld in de README) geeft de kolomnamen als kop en als eerste rij
    de eerste casus, met getallen als getal: kosten_voor_2015 is een float, niet de tekst van de kop."""
    casussen = pd.read_excel(xlsx, sheet_name="casussen", skiprows=[1])
    assert "kosten_voor_2015" in casussen.columns
    assert pd.api.types.is_float_dtype(casussen["kosten_voor_2015"])
    assert (casussen["kosten_voor_2015"] > 0).all()


def test_uitleg_koppelt_elke_kolomnaam_aan_zijn_kop(werkmap) -> None:  # type: ignore[no-untyped-def]
    """Het werkblad uitleg heeft een kolom label, en voor elke kolom van elke tabel is dat precies de kop in rij 2
    van dat werkblad."""
    uitleg = werkmap["uitleg"]
    assert _koppen(uitleg)[:3] == ["tabel", "kolom", "label"]
    gekoppeld = {(r[0], r[1]): r[2] for r in uitleg.iter_rows(min_row=3, values_only=True)}
    for naam in TABELLEN:
        blad = werkmap[naam]
        for kop, cel in zip(_koppen(blad), blad[2], strict=True):
            assert gekoppeld[(naam, kop.removesuffix(" (aandeel)"))] == cel.value, (naam, kop)


@pytest.mark.parametrize("naam", TABELLEN)
def test_elke_getalcel_van_een_tabel_heeft_een_notatie(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Geen getal in een tabel staat in de standaardnotatie (waarin Excel 364,1025641 toont): elke kolom met
    getallen heeft een notatie uit de eenheid. (instellingen en uitleg zijn geen tabellen met kolommen van één
    soort.)"""
    blad = werkmap[naam]
    zonder = {
        (_koppen(blad)[cel.column - 1])
        for rij in blad.iter_rows(min_row=3)
        for cel in rij
        if isinstance(cel.value, int | float) and not isinstance(cel.value, bool) and cel.number_format == "General"
    }
    assert zonder == set()


def test_fte_heeft_een_decimaal(werkmap) -> None:  # type: ignore[no-untyped-def]
    """benodigde_fte (Rotterdam: een getal als 364,1025641) heeft notatie #,##0.0: één decimaal."""
    cellen = [c for c in _kolom(werkmap["opschaling"], "benodigde_fte") if c.value is not None]
    assert cellen
    assert {c.number_format for c in cellen} == {"#,##0.0"}


def test_een_negatief_bedrag_heeft_het_minteken_na_het_euroteken(werkmap) -> None:  # type: ignore[no-untyped-def]
    """Bedragen hebben de notatie "€" #,##0;"€" -#,##0: het tweede deel (negatief) schrijft "€ -1.671", zoals de PDF
    en de HTML, niet Excels standaard "-€ 1.671". De demo heeft een negatieve ondergrens van het interval."""
    cellen = [c for c in _kolom(werkmap["opschaling"], "besparing_per_jaar_gedekt_interval95_laag") if c.value]
    assert any(c.value < 0 for c in cellen)
    positief, negatief = cellen[0].number_format.split(";")
    assert (positief, negatief) == ('"€" #,##0', '"€" -#,##0')


def test_werkmap_is_gemaakt_op_de_datum_van_de_run(werkmap) -> None:  # type: ignore[no-untyped-def]
    """De eigenschappen 'gemaakt' en 'gewijzigd' zijn de opgegeven datum (1 maart 2026), niet 1-1-2000."""
    assert werkmap.properties.created == dt.datetime(2026, 3, 1)
    assert werkmap.properties.modified == dt.datetime(2026, 3, 1)


def test_export_met_datum_geeft_dezelfde_bytes_en_die_datum(draai: Draai, tmp_path: Path) -> None:
    """`export --datum 2026-03-01` twee keer: byte voor byte dezelfde xlsx, gemaakt op 1 maart 2026."""
    paden = [tmp_path / f"{i}.xlsx" for i in (1, 2)]
    for pad in paden:
        uitkomst = draai(
            "export", "casussen", "--tarieven", "tarieven", "--instellingen", "voorbeeld/casuskosten.toml",
            "--datum", "2026-03-01", "--uit", str(pad),
        )  # fmt: skip
        assert uitkomst.returncode == 0, uitkomst.stderr
    assert paden[0].read_bytes() == paden[1].read_bytes()
    assert openpyxl.load_workbook(paden[0]).properties.created == dt.datetime(2026, 3, 1)


def test_export_met_ongeldige_datum_zegt_wat_geldig_is(draai: Draai, tmp_path: Path) -> None:
    """`export --datum 1-3-2026`: exitcode 1, een Nederlandse melding met JJJJ-MM-DD, geen traceback en geen bestand."""
    uit = tmp_path / "x.xlsx"
    uitkomst = draai("export", "casussen", "--tarieven", "tarieven", "--datum", "1-3-2026", "--uit", str(uit))
    assert uitkomst.returncode == 1
    assert "JJJJ-MM-DD" in uitkomst.stderr
    assert "Traceback" not in uitkomst.stderr
    assert not uit.exists()


def test_het_pandasvoorbeeld_uit_de_readme_leest_de_cijfers(xlsx: Path) -> None:
    """De regel `pd.read_excel(...)` uit de README (bij de export) draait zoals hij er staat, op deze werkmap: de
    eerste rij is de eerste casus (een id, geen kop), en de kolom kosten_voor_2015 heeft getallen."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    (regel,) = [r.strip() for r in readme.splitlines() if "pd.read_excel(" in r]
    ruimte: dict[str, object] = {"pd": pd}
    exec(regel.replace('"uitvoer/casuskosten.xlsx"', repr(str(xlsx))), ruimte)
    casussen = ruimte["casussen"]
    assert isinstance(casussen, pd.DataFrame)
    assert casussen["id"].iloc[0] != "Id"
    assert pd.api.types.is_float_dtype(casussen["kosten_voor_2015"])
