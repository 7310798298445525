"""Maakt het Excel-bestand onder tests/data/vijandig-terminal/ opnieuw: `python -m tests.maak_vijandig_terminal`.

Het bestand staat in git; dit script laat zien hoe het defect gemaakt is.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

DATA = Path(__file__).resolve().parent / "data" / "vijandig-terminal"
KOP = ["code", "omschrijving", "eenheid", "prijs", "jaar", "gemeente", "financier", "lijn", "betrouwbaarheid", "bron"]
INDEX = "jaar,index\n2015,100\n2016,110\n2017,121\n"


def maak_csi_in_excel() -> None:
    """Cel B3 (omschrijving van zwaar) bevat U+009B, het stuurteken CSI: in een 8-bitsterminal hetzelfde als ESC [.
    XML (dus xlsx) laat het toe, openpyxl ook; de tool moet het weigeren."""
    boek = openpyxl.Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = "Tarieven"
    blad.append(KOP)
    blad.append(["hulp", "Hulp bij het huishouden", "uur", 10, 2015, None, "gemeente_wmo", 1, "hoog", "test"])
    blad.append(["zwaar", "Jeugdhulp\x9b31m met verblijf", "dag", 100, 2015, None, "gemeente_jeugd", 2, "laag", "test"])
    map_ = DATA / "tarief-excel-csi-in-omschrijving"
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    boek.save(map_ / "tarieven.xlsx")


if __name__ == "__main__":
    maak_csi_in_excel()
