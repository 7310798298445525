"""`tarieven --kopieer MAP`: de tarieftabellen die gelden als begin van eigen tarieven (issue 23), snel en zonder
wheel (de wheel-test doet hetzelfde vanuit een echte installatie)."""

from __future__ import annotations

import os
from pathlib import Path

from casuskosten.invoer.tarieven import laad_tarieven
from tests.conftest import PROJECT, Draai

TARIEVEN = PROJECT / "tarieven"


def test_kopie_bevat_dezelfde_bestanden_en_dezelfde_tabel(draai: Draai, tmp_path: Path) -> None:
    """De kopie heeft elk tariefbestand en de prijsindex byte voor byte, en leest als dezelfde tabel."""
    doel = tmp_path / "eigen"
    uit = draai("tarieven", "--tarieven", str(TARIEVEN), "--kopieer", str(doel))
    assert uit.returncode == 0, uit.stderr
    bron = {p.name: p.read_bytes() for p in TARIEVEN.iterdir() if p.suffix in {".csv", ".xlsx"}}
    assert {p.name: p.read_bytes() for p in doel.iterdir()} == bron
    assert len(laad_tarieven(doel).regels) == len(laad_tarieven(TARIEVEN).regels)


def test_kopie_is_een_gewone_map_met_de_rechten_van_de_umask(draai: Draai, tmp_path: Path) -> None:
    """De map krijgt de rechten van een gewone nieuwe map (umask 027 -> 0750), niet de 0700 van een tijdelijke map."""
    oud = os.umask(0o027)
    try:
        uit = draai("tarieven", "--tarieven", str(TARIEVEN), "--kopieer", str(tmp_path / "eigen"))
    finally:
        os.umask(oud)
    assert uit.returncode == 0, uit.stderr
    assert (tmp_path / "eigen").stat().st_mode & 0o777 == 0o750


def test_kopie_overschrijft_nooit_een_map_die_niet_leeg_is(draai: Draai, tmp_path: Path) -> None:
    """Een bestaande map met een bestand erin blijft onaangeroerd: FOUT met de map en de optie, exit 1."""
    doel = tmp_path / "eigen"
    doel.mkdir()
    (doel / "landelijk.csv").write_text("van mij\n", encoding="utf-8")
    uit = draai("tarieven", "--tarieven", str(TARIEVEN), "--kopieer", str(doel))
    assert uit.returncode == 1
    assert uit.stderr.startswith(f"FOUT {doel}: --kopieer: bestaat al en is geen lege map"), uit.stderr
    assert [p.name for p in doel.iterdir()] == ["landelijk.csv"]
    assert (doel / "landelijk.csv").read_text(encoding="utf-8") == "van mij\n"
