"""Export voor analisten: xlsx met vijf werkbladen, csv per tabel, json als `bereken --json`.

Verwachte cijfers uit tests/test_berekening.py (prijspeil 2015, discontovoet 0): casus A kost vóór 2015 1540 en met
het sociaal team 230; gemeente Beta (A en B) 1660 en 430.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from casuskosten import UitvoerFout, bereken
from casuskosten.uitvoer.export import exporteer
from tests.conftest import draai_in_proces as draai  # de opdrachtregel in het proces (zie conftest)
from tests.test_berekening import CASUS_A, CASUS_B, CASUS_C, GEEN_DISCONTO


@pytest.fixture
def resultaat(tarieven: Path, casusmap):  # type: ignore[no-untyped-def]
    return bereken([casusmap(CASUS_A, CASUS_B, CASUS_C)], tarieven, GEEN_DISCONTO)


def test_xlsx_heeft_alle_werkbladen_en_instellingen(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """De Excel-werkmap heeft een werkblad per tabel (opschaling, financiers_per_jaar en representativiteit leeg
    zonder [opschaling]), dan instellingen en uitleg."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    werkmap = openpyxl.load_workbook(pad, read_only=True)
    assert werkmap.sheetnames == [
        "casussen",
        "regels",
        "gemeenten",
        "financiers",
        "doelen",
        "gevoeligheid",
        "kanscurve",
        "vergelijking",
        "waarschuwingen",
        "opschaling",
        "financiers_per_jaar",
        "representativiteit",
        "instellingen",
        "uitleg",
    ]
    werkmap.close()


def test_xlsx_bevat_de_onafgeronde_cijfers(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Casus A kost 1540 vóór 2015 en 230 met het team; Beta telt op tot 1660 en 430, met een rij Totaal.
    Percentages staan in Excel als breuk (kop "(aandeel)"): 1310 / 1540."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    casussen = pd.read_excel(pad, skiprows=[1], sheet_name="casussen").set_index("id")
    assert casussen.loc["A", "kosten_voor_2015"] == pytest.approx(1540)
    assert casussen.loc["A", "kosten_sociaal_team"] == pytest.approx(230)
    assert casussen.loc["A", "besparing_pct (aandeel)"] == pytest.approx(1310 / 1540)
    gemeenten = pd.read_excel(pad, skiprows=[1], sheet_name="gemeenten").set_index("gemeente")
    assert list(gemeenten.index) == ["Alfa", "Beta", "Totaal"]
    assert gemeenten.loc["Beta", "kosten_voor_2015"] == pytest.approx(1660)
    assert gemeenten.loc["Beta", "kosten_sociaal_team"] == pytest.approx(430)
    regels = pd.read_excel(pad, skiprows=[1], sheet_name="regels")
    zwaar = regels[(regels["casus"] == "A") & (regels["tarief"] == "zwaar")].iloc[0]
    assert zwaar["kosten"] == pytest.approx(500)
    assert zwaar["bron"] == "aanname: test"


def test_financiers_per_gemeente_met_rol(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Het werkblad financiers heeft per gemeente en financier de sommen en de rol (bespaart/investeert)."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    fin = pd.read_excel(pad, skiprows=[1], sheet_name="financiers").set_index(["gemeente", "financier"])
    assert fin.loc[("Beta", "gemeente_wmo"), "kosten_voor_2015"] == pytest.approx(1040 + 120)
    assert fin.loc[("Beta", "vrijwillig"), "rol"] == "investeert"


def test_waarschuwingen_staan_in_de_export(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Het werkblad waarschuwingen heeft elke waarschuwing met code en melding (hier o.a. weinig_casussen)."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    waarschuwingen = pd.read_excel(pad, skiprows=[1], sheet_name="waarschuwingen")
    assert len(waarschuwingen) == len(resultaat.alle_waarschuwingen())
    assert "weinig_casussen" in set(waarschuwingen["code"])


def test_csv_schrijft_een_bestand_per_tabel(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """csv maakt de map --uit en schrijft er casussen.csv, regels.csv ... in, met decimale punten."""
    geschreven = exporteer(resultaat, "csv", tmp_path / "tabellen")
    assert [p.name for p in geschreven] == [
        "casussen.csv",
        "regels.csv",
        "gemeenten.csv",
        "financiers.csv",
        "doelen.csv",
        "gevoeligheid.csv",
        "kanscurve.csv",
        "vergelijking.csv",
        "waarschuwingen.csv",
        "opschaling.csv",
        "financiers_per_jaar.csv",
        "representativiteit.csv",
    ]
    casussen = pd.read_csv(tmp_path / "tabellen" / "casussen.csv").set_index("id")
    assert casussen.loc["A", "kosten_voor_2015"] == pytest.approx(1540)


def test_json_is_gelijk_aan_bereken_json(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`export --formaat json` schrijft byte voor byte hetzelfde als `bereken --json --uit`."""
    map_ = casusmap(CASUS_A, CASUS_B)
    opties = ["--tarieven", str(tarieven), "--prijspeil", "2015"]
    export = draai("export", str(map_), *opties, "--formaat", "json", "--uit", str(tmp_path / "a.json"))
    assert export.returncode == 0, export.stderr
    bereken_ = draai("bereken", str(map_), *opties, "--json", "--uit", str(tmp_path / "b.json"))
    assert bereken_.returncode == 0, bereken_.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_export_in_de_casusmap_wordt_geweigerd(resultaat, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een export in een invoermap wordt geweigerd, ook als map voor csv (er wordt niets aangemaakt)."""
    map_ = casusmap()
    with pytest.raises(UitvoerFout, match="overschrijven"):
        exporteer(resultaat, "csv", map_ / "tabellen", beschermd=[map_])
    assert not (map_ / "tabellen").exists()


def test_onbekend_exportformaat_is_een_fout(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`--formaat pdf` bij export noemt de geldige formaten en stopt met code 1."""
    map_ = casusmap(CASUS_A)
    uit = draai("export", str(map_), "--tarieven", str(tarieven), "--formaat", "pdf", "--uit", str(tmp_path / "x"))
    assert uit.returncode == 1
    assert "kies uit xlsx, csv, csv-nl, json" in uit.stderr
