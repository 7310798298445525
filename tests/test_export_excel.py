"""Excel voor analisten en CSV voor Nederlandse Excel (issue 14).

Verwachte cijfers uit tests/test_berekening.py (prijspeil 2015, discontovoet 0): casus A (datum 1 mei 2016) kost
vóór 2015 1540 en met het sociaal team 230; besparing 1310 / 1540 = 0,8506... (85,1%).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from casuskosten import bereken
from casuskosten.uitvoer.export import exporteer
from tests.conftest import schrijf_casussen, schrijf_tarieven
from tests.excelnotatie import toon
from tests.test_berekening import CASUS_A, CASUS_B, CASUS_C, GEEN_DISCONTO


# de tests lezen het resultaat en de werkmap alleen: één keer rekenen en exporteren per module
@pytest.fixture(scope="module")
def resultaat(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    basis = tmp_path_factory.mktemp("abc")
    casussen = schrijf_casussen(basis / "casussen", CASUS_A, CASUS_B, CASUS_C)
    return bereken([casussen], schrijf_tarieven(basis / "tarieven"), GEEN_DISCONTO)


@pytest.fixture(scope="module")
def werkmap(resultaat, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:  # type: ignore[no-untyped-def]
    (pad,) = exporteer(resultaat, "xlsx", tmp_path_factory.mktemp("xlsx") / "uit.xlsx")
    return openpyxl.load_workbook(pad)


def _cel(blad, kolom: str, rij: int):  # type: ignore[no-untyped-def]
    koppen = [c.value for c in blad[1]]
    return blad.cell(row=rij, column=koppen.index(kolom) + 1)


def _rij_van_casus(blad, casus: str) -> int:  # type: ignore[no-untyped-def]
    koppen = [c.value for c in blad[1]]
    kolom = koppen.index("id") + 1
    return next(r for r in range(3, blad.max_row + 1) if blad.cell(row=r, column=kolom).value == casus)


def test_bedragen_hebben_een_euronotatie(werkmap) -> None:  # type: ignore[no-untyped-def]
    """Kosten van casus A (1540) zijn een getal dat als "€ 1.540" wordt getoond, geen tekst en geen 15 decimalen."""
    blad = werkmap["casussen"]
    cel = _cel(blad, "kosten_voor_2015", _rij_van_casus(blad, "A"))
    assert cel.value == pytest.approx(1540)
    assert toon(cel.value, cel.number_format) == "€ 1.540"


def test_percentages_zijn_breuken_met_procentnotatie_en_de_kop_zegt_het(werkmap) -> None:  # type: ignore[no-untyped-def]
    """besparing_pct van casus A is 1310 / 1540 als breuk, met notatie 0.0% en kop 'besparing_pct (aandeel)'."""
    blad = werkmap["casussen"]
    cel = _cel(blad, "besparing_pct (aandeel)", _rij_van_casus(blad, "A"))
    assert cel.value == pytest.approx(1310 / 1540)
    assert toon(cel.value, cel.number_format) == "85,1%"  # 0,85064... met één decimaal


def test_aandelen_houden_hun_schaal_met_procentnotatie(werkmap) -> None:  # type: ignore[no-untyped-def]
    """aandeel_met_besparing van Beta (A wel, B niet) is 0,5 met notatie 0.0%."""
    blad = werkmap["gemeenten"]
    koppen = [c.value for c in blad[1]]
    rij = next(
        r for r in range(3, blad.max_row + 1) if blad.cell(row=r, column=koppen.index("gemeente") + 1).value == "Beta"
    )
    cel = _cel(blad, "aandeel_met_besparing", rij)
    assert cel.value == pytest.approx(0.5)
    assert toon(cel.value, cel.number_format) == "50,0%"


def test_datums_zijn_datumcellen(werkmap) -> None:  # type: ignore[no-untyped-def]
    """De datum van casus A is een datumcel (1 mei 2016), geen tekst."""
    blad = werkmap["casussen"]
    cel = _cel(blad, "datum", _rij_van_casus(blad, "A"))
    assert cel.is_date
    assert cel.value.date() == dt.date(2016, 5, 1)


@pytest.mark.parametrize("blad", ["casussen", "regels", "gemeenten", "financiers", "waarschuwingen", "instellingen"])
def test_elk_werkblad_heeft_vaste_kopregel_filter_en_kolombreedtes(werkmap, blad: str) -> None:  # type: ignore[no-untyped-def]
    """Elk werkblad: de twee koprijen vast (A3), een autofilter vanaf de leesbare koppen (rij 2) over de hele tabel
    en een breedte per kolom waarin elk woord van de leesbare kop past (de kop loopt door op meer regels, maar geen
    woord breekt; de kolomnaam in rij 1 is klein en mag wel breken)."""
    werkblad = werkmap[blad]
    assert werkblad.freeze_panes == "A3"
    assert werkblad.auto_filter.ref == werkblad.dimensions.replace("A1:", "A2:")
    for i, cel in enumerate(werkblad[2], start=1):
        langste = max(len(w) for w in str(cel.value).split())
        assert werkblad.column_dimensions[get_column_letter(i)].width >= langste, cel.value
        assert werkblad[1][i - 1].alignment.wrap_text
        assert cel.alignment.wrap_text


def test_namen_staan_naast_de_codes(werkmap) -> None:  # type: ignore[no-untyped-def]
    """In regels en financiers staat naast de code van de financier zijn naam (gemeente_jeugd: Gemeente – Jeugd)."""
    koppen = [c.value for c in werkmap["regels"][1]]
    assert koppen[koppen.index("financier") + 1] == "financier_naam"
    assert koppen[koppen.index("traject") + 1] == "traject_naam"
    blad = werkmap["financiers"]
    namen = {
        _cel(blad, "financier", r).value: _cel(blad, "financier_naam", r).value for r in range(3, blad.max_row + 1)
    }
    assert namen["gemeente_jeugd"] == "Gemeente – Jeugd"


def test_werkblad_instellingen_noemt_prijspeil_instellingen_versie_en_hashes(resultaat, werkmap) -> None:  # type: ignore[no-untyped-def]
    """instellingen: prijspeil 2015, discontovoet 0, correctie.middel, de versie en de SHA-256 van elk bestand."""
    blad = werkmap["instellingen"]
    waarden = {blad.cell(row=r, column=1).value: blad.cell(row=r, column=2).value for r in range(3, blad.max_row + 1)}
    assert waarden["prijspeil"] == 2015
    assert waarden["discontovoet"] == 0
    assert "correctie.middel" in waarden
    assert waarden["versie casuskosten"].startswith("0.")
    a = resultaat.casusbestand("A")
    assert waarden[f"sha256 {a.bestand}"] == a.document.sha256
    for bestand, sha in resultaat.tariefbestanden:
        assert waarden[f"sha256 {bestand}"] == sha


def test_twee_exports_geven_dezelfde_bytes(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Twee keer rekenen en exporteren (met tijd ertussen) geeft byte voor byte dezelfde xlsx."""
    map_ = casusmap(CASUS_A, CASUS_B)
    (een,) = exporteer(bereken([map_], tarieven, GEEN_DISCONTO), "xlsx", tmp_path / "een.xlsx")
    (twee,) = exporteer(bereken([map_], tarieven, GEEN_DISCONTO), "xlsx", tmp_path / "twee.xlsx")
    assert een.read_bytes() == twee.read_bytes()


def test_csv_nl_heeft_bom_puntkomma_en_decimale_komma(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """csv-nl: UTF-8 met BOM, ';' als scheidingsteken en 1310 / 1540 * 100 = 85,06... met een komma."""
    exporteer(resultaat, "csv-nl", tmp_path / "nl")
    ruw = (tmp_path / "nl" / "casussen.csv").read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")
    koppen, *rijen = csv.reader(io.StringIO(ruw.decode("utf-8-sig")), delimiter=";")
    assert koppen[:2] == ["id", "gemeente"]
    a = next(r for r in rijen if r[0] == "A")
    assert a[koppen.index("kosten_voor_2015")] == "1540,0"
    assert a[koppen.index("besparing_pct")].startswith("85,06")


def test_csv_blijft_komma_en_punt_zonder_bom(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """csv blijft zoals het was: geen BOM, komma's, decimale punt."""
    exporteer(resultaat, "csv", tmp_path / "en")
    ruw = (tmp_path / "en" / "casussen.csv").read_bytes()
    assert not ruw.startswith(b"\xef\xbb\xbf")
    koppen, *rijen = csv.reader(io.StringIO(ruw.decode("utf-8")))
    a = next(r for r in rijen if r[0] == "A")
    assert a[koppen.index("kosten_voor_2015")] == "1540.0"
