"""Vijandige invoer, ronde drie (issue 24): de terminal, strikte typen en bestanden.

Elke klasse heeft eigen fixtures onder tests/data/vijandig-terminal/, genoemd naar het defect, en de melding of
uitkomst die ze moeten geven; de verwachte teksten zijn met de hand uit die bestanden afgeleid.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SNELLE_TOML, Draai

DATA = Path(__file__).resolve().parent / "data" / "vijandig-terminal"

# een terminal die kleur en links aankan: zo zou rich een [link=...] uit de invoer echt als hyperlink (OSC 8) tonen
TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
OSC_8 = "\x1b]8;"


def _invoer(tmp_path: Path, tarieven: Path, *fixtures: str) -> tuple[Path, Path]:
    """De gegeven fixtures in een eigen casusmap, en snelle instellingen ernaast."""
    map_ = tmp_path / "casussen"
    map_.mkdir()
    for naam in fixtures:
        shutil.copy(DATA / naam, map_ / naam)
    instellingen = tmp_path / "snel.toml"
    instellingen.write_text(SNELLE_TOML, encoding="utf-8")
    return map_, instellingen


# --- 1. de terminal gehoorzaamt zijn invoer niet ---------------------------------------------------------------


@pytest.mark.parametrize("opdracht", ["bereken", "controleer"])
def test_link_markup_in_een_gemeente_is_tekst_geen_hyperlink(
    opdracht: str, draai: Draai, tmp_path: Path, tarieven: Path
) -> None:
    """Een gemeente `[link=https://evil.invalid]Beta[/link]` staat letterlijk in tabellen en meldingen, en de
    terminal krijgt geen OSC-8-link, ook niet als hij kleur en links aankan."""
    map_, instellingen = _invoer(tmp_path, tarieven, "gemeente-met-link-markup.yaml")
    opties = ("--tarieven", str(tarieven), "--instellingen", str(instellingen))
    uit = draai(opdracht, str(map_), *opties, omgeving=TERMINAL)
    assert uit.returncode == 0, uit.stderr
    assert "[link=https://evil.invalid]Beta[/link]" in uit.stdout
    assert OSC_8 not in uit.stdout + uit.stderr
    assert "\x1b[" in uit.stdout  # de terminal kreeg wel kleur: de test kijkt echt naar een terminal met opmaak


def test_sluitlabel_in_een_gemeente_laat_rich_niet_crashen(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """Een gemeente `Gamma [/] [bold]vet` geeft geen MarkupError maar de tabellen, met de naam letterlijk erin."""
    map_, instellingen = _invoer(tmp_path, tarieven, "gemeente-met-sluitlabel.yaml")
    uit = draai("bereken", str(map_), "--tarieven", str(tarieven), "--instellingen", str(instellingen))
    assert uit.returncode == 0, uit.stderr
    assert "Gamma [/] [bold]vet" in uit.stdout


def test_markup_in_de_gemeente_van_tarieven_is_tekst(draai: Draai, tarieven: Path) -> None:
    """`tarieven --gemeente '[/]'` laat rich niet crashen: de titel noemt de gemeente letterlijk."""
    uit = draai("tarieven", "--tarieven", str(tarieven), "--gemeente", "[/]")
    assert uit.returncode == 0, uit.stderr
    assert "Tarieven voor [/] (prijspeil 2017)" in uit.stdout


def test_het_getoonde_pad_is_het_geschreven_pad(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """`--uit 'uit/[concept]'`: de map heet echt `[concept]` en de melding noemt dat pad, niet `uit/` (waarin rich
    `[concept]` als stijl zou opeten)."""
    map_, instellingen = _invoer(tmp_path, tarieven, "gemeente-met-link-markup.yaml")
    doel = tmp_path / "uit" / "[concept]"
    uit = draai(
        "rapport", str(map_), "--tarieven", str(tarieven), "--instellingen", str(instellingen),
        "--uit", str(doel), "--datum", "2020-01-01",
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    geschreven = sorted(doel.iterdir())
    assert len(geschreven) == 1
    assert f"Rapport geschreven: {geschreven[0]}" in uit.stderr


def test_stuurtekens_in_een_pad_komen_zichtbaar_op_het_scherm(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """Een uitvoermap met ESC en een OSC-8-link in de naam: de melding toont `\\x1b` als tekst, de terminal krijgt
    geen ESC uit de naam (alleen de kleurcodes van de tool zelf)."""
    map_, instellingen = _invoer(tmp_path, tarieven, "gemeente-met-link-markup.yaml")
    naam = "\x1b]8;;evil.invalid\x1b\\klik\x1b]8;;\x1b\\.json"  # een link zonder / (dat zou een map worden)
    uit = draai(
        "export", str(map_), "--tarieven", str(tarieven), "--instellingen", str(instellingen),
        "--formaat", "json", "--uit", str(tmp_path / naam), omgeving=TERMINAL,
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    assert (tmp_path / naam).is_file()
    assert OSC_8 not in uit.stderr
    assert "\\x1b]8;;evil.invalid\\x1b\\klik" in uit.stderr


# --- 2. stuurtekens en XML-ongeldige tekens worden bij de invoer geweigerd -------------------------------------

GEEN_TEKST = "tekst mag geen stuurtekens bevatten (alleen tab en regeleinde)"


@pytest.mark.parametrize(
    ("tariefmap", "plaats", "reden"),
    [
        pytest.param(
            "tarief-esc-in-omschrijving",
            "tarieven.csv:3: omschrijving:",
            "de cel bevat op positie 11 het onzichtbare teken U+001B (ESC, stuurteken)",
            id="esc-in-csv",
        ),
        pytest.param(
            "tarief-ffff-in-bron",
            "tarieven.csv:3: bron:",
            "de cel bevat op positie 4 het onzichtbare teken U+FFFF (geen teken)",
            id="ffff-in-csv",
        ),
        pytest.param(
            "tarief-excel-csi-in-omschrijving",
            "tarieven.xlsx:3: omschrijving:",
            "de cel bevat op positie 10 het onzichtbare teken U+009B (stuurteken)",
            id="csi-in-xlsx",
        ),
    ],
)
def test_stuurteken_in_een_tarieftabel_is_een_fout(
    tariefmap: str, plaats: str, reden: str, draai: Draai, tmp_path: Path
) -> None:
    """Een stuurteken of niet-teken in een cel van een tarieftabel (CSV of xlsx): FOUT met bestand, regel, kolom en
    het teken, exit 1, en het teken zelf komt niet op het scherm."""
    map_ = DATA / tariefmap
    uit = draai("tarieven", "--tarieven", str(map_))
    assert uit.returncode == 1
    assert f"FOUT {map_}/{plaats} {reden}; {GEEN_TEKST}" in uit.stderr
    assert "Traceback" not in uit.stderr
    assert not any(t in uit.stdout + uit.stderr for t in "\x1b\x9b\uffff")


def test_stuurteken_in_de_instellingen_is_een_fout(draai: Draai, tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een ESC als TOML-escape (`\\u001b`) in `[huisstijl] organisatie`: FOUT met bestand, regel 5 en veld."""
    from tests.conftest import casus

    bestand = DATA / "instellingen-esc-in-organisatie.toml"
    uit = draai("controleer", str(casusmap(casus())), "--tarieven", str(tarieven), "--instellingen", str(bestand))
    assert uit.returncode == 1
    assert (
        f"FOUT {bestand}:5: huisstijl.organisatie: de tekst bevat op positie 10 het onzichtbare teken U+001B (ESC, "
        f"stuurteken); {GEEN_TEKST}"
    ) in uit.stderr


def test_niet_teken_als_escape_in_een_casus_is_een_fout(draai: Draai, tarieven: Path) -> None:
    """`"\\uFFFF"` in de situatie van een casus (YAML laat het als escape toe): FOUT op regel 7, veld situatie."""
    bestand = DATA / "ffff-als-escape.yaml"
    uit = draai("controleer", str(bestand), "--tarieven", str(tarieven))
    assert uit.returncode == 1
    assert "ffff-als-escape.yaml:7: situatie: U+FFFF, geen teken, in de tekst (als escape geschreven)" in uit.stderr


def test_export_naar_xlsx_schrijft_geen_xml_ongeldig_teken() -> None:
    """Het vangnet van de xlsx-export (voor wat niet uit een gecontroleerd veld komt, zoals een pad): U+FFFE, U+FFFF,
    een losse surrogaat en ESC worden U+FFFD; tab, regeleinde en gewone tekst blijven."""
    from casuskosten.uitvoer.export import _schone_tekst

    assert _schone_tekst("a\ufffeb\uffffc\udcff\x1bd\te\nf") == "a\ufffdb\ufffdc\ufffd\ufffdd\te\nf"
