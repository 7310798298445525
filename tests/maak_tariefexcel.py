"""Maakt de Excel-bestanden onder tests/data/tarieven/excel-*/ opnieuw: `python -m tests.maak_tariefexcel`.

De bestanden staan in git; dit script laat zien hoe elk defect gemaakt is (openpyxl bewaart formules zonder
uitkomst, zoals een bestand dat nooit in Excel is opgeslagen).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

DATA = Path(__file__).resolve().parent / "data" / "tarieven"
KOP = ["code", "omschrijving", "eenheid", "prijs", "jaar", "gemeente", "financier", "lijn", "betrouwbaarheid", "bron"]
INDEX = "jaar,index\n2015,100\n2016,110\n2017,121\n"


def _rij(code: str, prijs: object, gemeente: str | None = None) -> list[object]:
    return [code, code.capitalize(), "uur", prijs, 2016, gemeente, "gemeente_wmo", 1, "hoog", "test"]


def _bewaar(boek: openpyxl.Workbook, map_naam: str) -> Path:
    map_ = DATA / map_naam
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    pad = map_ / "tarieven.xlsx"
    boek.save(pad)
    return pad


def _nieuw(*rijen: list[object]) -> openpyxl.Workbook:
    boek = openpyxl.Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = "Tarieven"
    blad.append(KOP)
    for rij in rijen:
        blad.append(rij)
    return boek


def maak_verborgen_en_kop() -> None:
    """De fixtures van verborgen rijen, kolommen en werkbladen en van kopregels die niet deugen (issue 24)."""
    # een verborgen werkblad met een tariefkop: telt niet stil mee of niet mee, een fout
    boek = _nieuw(_rij("hulp", 40))
    verborgen = boek.create_sheet("Oud")
    verborgen.append(KOP)
    verborgen.append(_rij("hulp", 1))
    verborgen.sheet_state = "hidden"
    _bewaar(boek, "excel-verborgen-werkblad")

    # rij 3 is verborgen (zoals een filter hem wegzet); Excel toont alleen hulp 40
    boek = _nieuw(_rij("hulp", 40), _rij("zwaar", 90))
    boek["Tarieven"].row_dimensions[3].hidden = True
    _bewaar(boek, "excel-verborgen-rij")

    # kolom F (gemeente) is verborgen: wie kijkt ziet een landelijk tarief, het bestand zegt Westerveld
    boek = _nieuw(_rij("hulp", 40, "Westerveld"))
    boek["Tarieven"].column_dimensions["F"].hidden = True
    _bewaar(boek, "excel-verborgen-kolom")

    # een titelregel boven de kopregel
    boek = openpyxl.Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = "Tarieven"
    blad.append(["Tarieven Wmo 2016"])
    blad.append(KOP)
    blad.append(_rij("hulp", 40))
    _bewaar(boek, "excel-titelregel")

    # `overdracht` in kolom K, zonder kolomnaam: zou stil niet gelezen worden (een transfer telt dan als kosten)
    boek = _nieuw(_rij("bijstand", 1000))
    boek["Tarieven"]["K2"] = "overdracht"
    _bewaar(boek, "excel-cel-buiten-kopregel")

    # `sort` in plaats van de optionele kolom `soort`
    boek = _nieuw()
    boek["Tarieven"].cell(row=1, column=11, value="sort")
    boek["Tarieven"].append([*_rij("bijstand", 1000), "overdracht"])
    _bewaar(boek, "excel-verschreven-kolom")

    # de kolom `soort` twee keer
    boek = _nieuw()
    boek["Tarieven"].cell(row=1, column=11, value="soort")
    boek["Tarieven"].cell(row=1, column=12, value="Soort")
    boek["Tarieven"].append([*_rij("bijstand", 1000), "overdracht", "kosten"])
    _bewaar(boek, "excel-dubbele-kolom")


def maak() -> None:
    """Alle Excel-fixtures."""
    maak_verborgen_en_kop()
    # samengevoegde gemeentecel: F2:F3 toont 'Westerveld' voor beide rijen, maar F3 is in het bestand leeg
    boek = _nieuw(_rij("hulp", 40, "Westerveld"), _rij("zwaar", 90))
    boek["Tarieven"].merge_cells("F2:F3")
    _bewaar(boek, "excel-samengevoegde-gemeente")

    # een tweede werkblad met dezelfde kop telt mee; een blad met uitleg en een verborgen blad niet
    boek = _nieuw(_rij("hulp", 40))
    tweede = boek.create_sheet("Jeugd")
    tweede.append(KOP)
    tweede.append(["zwaar", "Zwaar", "dag", 90, 2016, None, "gemeente_jeugd", 2, "hoog", "test"])
    uitleg = boek.create_sheet("Toelichting")
    uitleg.append(["Deze tabel is bijgewerkt in 2016."])
    verborgen = boek.create_sheet("Oud")  # een verborgen lijst voor een keuzelijst: geen tarieftabel
    verborgen.append(["financier"])
    verborgen.append(["gemeente_wmo"])
    verborgen.sheet_state = "hidden"
    _bewaar(boek, "excel-meerdere-werkbladen")

    # een formule zonder opgeslagen uitkomst in de prijs
    _bewaar(_nieuw(_rij("hulp", "=30+10")), "excel-formule-zonder-uitkomst")

    # één opgemaakte, lege cel in de laatste cel van het blad (XFD1048576)
    boek = _nieuw(_rij("hulp", 40))
    boek["Tarieven"].cell(row=1_048_576, column=16_384).fill = PatternFill("solid", fgColor="FFFF00")
    _bewaar(boek, "excel-lege-cel-xfd1048576")

    # een geldig archief waarin de XML van het werkblad halverwege afbreekt
    pad = _bewaar(_nieuw(_rij("hulp", 40), _rij("zwaar", 90)), "excel-beschadigd-werkblad")
    with zipfile.ZipFile(pad) as archief:
        delen = {naam: archief.read(naam) for naam in archief.namelist()}
    blad = "xl/worksheets/sheet1.xml"
    delen[blad] = delen[blad][: len(delen[blad]) // 2]
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in delen.items():
            archief.writestr(naam, inhoud)

    # geen zip-archief maar tekst met de extensie .xlsx
    map_ = DATA / "excel-geen-excelbestand"
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    (map_ / "tarieven.xlsx").write_text(",".join(KOP) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    # `python -m tests.maak_tariefexcel verborgen`: alleen de fixtures van maak_verborgen_en_kop
    if sys.argv[1:] == ["verborgen"]:
        maak_verborgen_en_kop()
    else:
        maak()
