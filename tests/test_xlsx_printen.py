"""De xlsx om af te drukken en te lezen (issue 25 deel 7): afdrukinstellingen, leesbare koppen, getalnotaties en de
aanmaakdatum van de run.

Eén export van de demo (casussen/, tarieven/, voorbeeld/casuskosten.toml: met opschaling, dus ook fte), per module
gemaakt en daarna alleen gelezen met openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from casuskosten import bereken, laad_instellingen
from casuskosten.rekenen.resultaat import TABELLEN, Resultaat
from casuskosten.uitvoer.export import exporteer
from tests.conftest import PROJECT, Draai
from tests.excelnotatie import toon

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
def test_elk_werkblad_drukt_af_op_a4_liggend_zo_hoog_als_nodig(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Elk werkblad: A4 (papiercode 9) liggend, passend op een aantal pagina's breed en zo veel pagina's hoog als
    nodig (0)."""
    opzet = werkmap[naam].page_setup
    assert (opzet.orientation, opzet.paperSize) == ("landscape", 9)
    assert werkmap[naam].sheet_properties.pageSetUpPr.fitToPage is True
    assert opzet.fitToWidth >= 1
    assert opzet.fitToHeight == 0


def _pixels(blad) -> list[float]:  # type: ignore[no-untyped-def]
    """De breedte van elke kolom in pixels op 100%: Excel-breedte (tekens van Calibri 11) x 7 + 5."""
    return [blad.column_dimensions[get_column_letter(i)].width * 7 + 5 for i in range(1, blad.max_column + 1)]


@pytest.mark.parametrize("naam", WERKBLADEN)
def test_elk_werkblad_drukt_af_op_een_leesbare_schaal(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Eén pagina breed maakte van een werkblad met 72 kolommen een afdruk op 10% (onleesbaar). Nu is het aantal
    pagina's breed zo gekozen dat elke pagina op minstens 65% drukt: de breedte per pagina (de herhaalde kolommen
    plus een evenredig deel van de rest) past in de afdrukbare breedte van A4 liggend (11,69 inch min de marges, x 96
    pixels) gedeeld door 0,65."""
    blad = werkmap[naam]
    pixels = _pixels(blad)
    herhaald = len(blad.print_title_cols.split(":")) - 1 if blad.print_title_cols else 0
    vast = sum(pixels[:herhaald])
    per_pagina = vast + (sum(pixels) - vast) / blad.page_setup.fitToWidth
    afdrukbaar = (11.69 - blad.page_margins.left - blad.page_margins.right) * 96
    assert per_pagina <= afdrukbaar / 0.65 * 1.01, (naam, per_pagina, afdrukbaar)


def test_een_smal_werkblad_is_een_pagina_breed_en_een_breed_herhaalt_de_gemeente(werkmap) -> None:  # type: ignore[no-untyped-def]
    """financiers (8 kolommen) past op één pagina breed; gemeenten (72 kolommen) is meer pagina's breed, met de
    kolom gemeente (A) links op elke pagina en eerst de pagina's naast elkaar."""
    assert werkmap["financiers"].page_setup.fitToWidth == 1
    gemeenten = werkmap["gemeenten"]
    assert gemeenten.page_setup.fitToWidth > 1
    assert gemeenten.print_title_cols == "$A:$A"
    assert gemeenten.page_setup.pageOrder == "overThenDown"


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
    """benodigde_fte (Rotterdam: een getal als 364,1025641) wordt met één decimaal getoond ("364,1")."""
    cellen = [c for c in _kolom(werkmap["opschaling"], "benodigde_fte") if c.value is not None]
    assert cellen
    for cel in cellen:
        assert re.fullmatch(r"[0-9.]+,[0-9]", toon(cel.value, cel.number_format)), cel.value


def test_een_negatief_bedrag_heeft_het_minteken_na_het_euroteken(werkmap) -> None:  # type: ignore[no-untyped-def]
    """Een negatief bedrag staat er als "€ -9.729.992", zoals in de PDF en de HTML, niet als Excels standaard
    "-€ 9.729.992". De demo heeft een negatieve ondergrens van het interval (Rotterdam)."""
    cellen = [c for c in _kolom(werkmap["opschaling"], "besparing_per_jaar_gedekt_interval95_laag") if c.value]
    negatief = [c for c in cellen if c.value < 0]
    assert negatief
    for cel in negatief:
        assert re.fullmatch(r"€ -[1-9][0-9.]*", toon(cel.value, cel.number_format)), cel.value


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


def _getalcellen(blad):  # type: ignore[no-untyped-def]
    for rij in blad.iter_rows(min_row=3):
        for cel in rij:
            if isinstance(cel.value, int | float) and not isinstance(cel.value, bool):
                yield cel


@pytest.mark.parametrize("naam", TABELLEN)
def test_geen_getal_van_een_tabel_wordt_als_min_nul_getoond(werkmap, naam: str) -> None:  # type: ignore[no-untyped-def]
    """Elk getal van elk werkblad, getoond met zijn notatie: nergens "-0", "-0,0" of "€ -0" (wat op nul afrondt is
    nul), en nergens "-€" (een negatief bedrag is "€ -…"). De cel zelf houdt het exacte getal."""
    for cel in _getalcellen(werkmap[naam]):
        getoond = toon(cel.value, cel.number_format)
        assert not re.search(r"-0(?:,0*)?(?![0-9,]*[1-9])", getoond), (cel.coordinate, cel.value, getoond)
        assert "-€" not in getoond, (cel.coordinate, cel.value, getoond)


def test_instellingen_hebben_een_notatie_zoals_in_het_instellingenbestand(werkmap) -> None:  # type: ignore[no-untyped-def]
    """In het werkblad instellingen staat elk getal in een notatie: prijspeil 2025 als "2025" (geen "2.025"), de
    discontovoet 0,0225 als "0,0225" en correctie.middel 0,2 als "0,2"; geen getal in de standaardnotatie."""
    blad = werkmap["instellingen"]
    waarden = {r[0].value: r[1] for r in blad.iter_rows(min_row=3)}
    assert toon(waarden["prijspeil"].value, waarden["prijspeil"].number_format) == "2025"
    assert toon(waarden["discontovoet"].value, waarden["discontovoet"].number_format) == "0,0225"
    assert toon(waarden["correctie.middel"].value, waarden["correctie.middel"].number_format) == "0,2"
    assert {c.coordinate for c in _getalcellen(blad) if c.number_format == "General"} == set()
