"""Waarom cli.py eigen opdrachtklassen heeft: typer toont zijn vaste hulpteksten in het Engels.

Per vertaling een rij: wat typer zelf toont (in een gewone typer-app met dezelfde soorten opties) en wat een
opdracht van casuskosten toont. Valt een vertaling weg, dan faalt haar rij; wordt typer ooit zelf Nederlands, dan
faalt de Engelse kant en kan de vertaling weg. De vertalingen gelden alleen voor onze eigen opdrachten: typer en
click zelf blijven onaangeroerd, ook na `import casuskosten.cli`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.core
import typer.rich_utils
from typer._click import core as klik_core
from typer.testing import CliRunner

from casuskosten import cli


def _app(groep: type[typer.core.TyperGroup] | None, opdracht: type[typer.core.TyperCommand] | None) -> typer.Typer:
    """Een kleine app met elke soort parameter die casuskosten heeft: een verplicht argument met meerdere waarden,
    een schakelaar, een optie met standaardwaarde, een verplichte optie, en twee lange namen voor één optie."""
    app = typer.Typer(
        name="proef",
        add_completion=False,
        rich_markup_mode="rich",
        **({"cls": groep, "options_metavar": "[OPTIES]"} if groep else {}),  # type: ignore[arg-type]
    )

    @app.callback()
    def _hoofd(
        versie: Annotated[bool, typer.Option("--version", "--versie", help="Versie.")] = False,
    ) -> None:
        """Proef."""

    @app.command(cls=opdracht)
    def doe(
        bestanden: Annotated[list[Path], typer.Argument(help="Bestanden.", metavar="BESTAND")],
        gemeente: Annotated[str, typer.Option("--gemeente", metavar="NAAM", help="Gemeente.")],
        streng: Annotated[bool, typer.Option("--streng", help="Streng.")] = False,
        formaat: Annotated[str, typer.Option("--formaat", metavar="html|pdf", help="Formaat.")] = "html",
    ) -> None:
        """Doe iets."""

    @app.command(cls=opdracht)
    def laat() -> None:
        """Laat iets."""

    return app


def _hulp(app: typer.Typer, *args: str) -> str:
    uit = CliRunner().invoke(app, [*args, "--help"], prog_name="proef", env={"COLUMNS": "150", "NO_COLOR": "1"})
    assert uit.exit_code == 0, uit.output
    return uit.output


@pytest.fixture(scope="module")
def typers() -> dict[str, str]:
    """De hulp van de gewone typer-app: hoofdopdracht en opdracht samen."""
    app = _app(None, None)
    return {"hoofd": _hulp(app), "doe": _hulp(app, "doe")}


@pytest.fixture(scope="module")
def onze() -> dict[str, str]:
    """Dezelfde app met de opdrachtklassen van casuskosten."""
    app = _app(cli._Groep, cli._Opdracht)
    return {"hoofd": _hulp(app), "doe": _hulp(app, "doe")}


@pytest.mark.parametrize(
    ("waar", "engels", "nederlands"),
    [
        pytest.param("doe", "Usage: proef doe", "Gebruik: proef doe", id="gebruik-format_usage"),
        pytest.param("doe", "{BESTAND}...", " BESTAND...", id="verplicht-argument-zonder-accolades"),
        pytest.param("doe", "Show this message and exit.", "Toon deze hulp en stop.", id="hulpoptie-get_help_option"),
        pytest.param("doe", "─ Arguments ─", "─ Argumenten ─", id="kop-argumenten"),
        pytest.param("doe", "─ Options ─", "─ Opties ─", id="kop-opties"),
        pytest.param("hoofd", "─ Commands ─", "─ Opdrachten ─", id="kop-opdrachten"),
        pytest.param("doe", "[default: html]", "[standaard: html]", id="standaardwaarde"),
        pytest.param("doe", "[required]", "[verplicht]", id="verplicht"),
        pytest.param("hoofd", "--version,--versie", "--version, --versie", id="spatie-tussen-lange-namen"),
    ],
)
def test_typer_toont_engels_waar_onze_opdrachten_nederlands_tonen(
    waar: str, engels: str, nederlands: str, typers: dict[str, str], onze: dict[str, str]
) -> None:
    """Elke vertaling is nodig: typer toont de Engelse tekst, onze opdrachtklassen de Nederlandse."""
    assert engels in typers[waar]
    assert nederlands in onze[waar]
    assert engels not in onze[waar]


@pytest.mark.parametrize(
    "python_type",
    [
        pytest.param("<list[Path]>", id="argument-_Argument"),
        pytest.param("<bool>", id="schakelaar-_Optie"),
    ],
)
def test_typer_toont_python_typen_die_onze_hulp_weglaat(
    python_type: str, typers: dict[str, str], onze: dict[str, str]
) -> None:
    """Een gebruiker leest `BESTAND` en `--streng`, geen Python-typenamen ernaast; typer zet ze er wel bij."""
    assert python_type in typers["doe"]
    assert python_type not in onze["doe"]


def _typer_zoals_het_is() -> dict[str, object]:
    """Wat typer en click zelf tonen en doen, om te zien of iemand het heeft veranderd."""
    return {
        **{naam: getattr(typer.rich_utils, naam) for naam in cli._TYPER_TEKSTEN},
        "highlighter": typer.rich_utils.highlighter,
        "get_usage": klik_core.Command.get_usage,
        "format_usage": klik_core.Command.format_usage,
        "get_help_option": klik_core.Command.get_help_option,
        "argument": typer.core.TyperArgument.display_type_rich,
        "optie": typer.core.TyperOption.display_type_rich,
    }


def test_import_van_cli_laat_typer_en_click_ongemoeid() -> None:
    """Na `import casuskosten.cli` zijn typers koppen nog Engels en zijn de klassen van typer en click hun eigen."""
    teksten = _typer_zoals_het_is()
    assert teksten["OPTIONS_PANEL_TITLE"] == "Options"
    assert teksten["DEFAULT_STRING"] == "[default: {}]"
    assert isinstance(teksten["highlighter"], typer.rich_utils.OptionHighlighter)
    for naam in ("get_usage", "format_usage", "get_help_option", "argument", "optie"):
        assert getattr(teksten[naam], "__module__", "").startswith("typer."), naam


def test_na_onze_hulp_is_typer_weer_zoals_het_was() -> None:
    """Onze hulp zet typers teksten alleen tijdens het opmaken op Nederlands; daarna toont een andere app Engels."""
    voor = _typer_zoals_het_is()
    _hulp(cli.app, "rapport")
    assert _typer_zoals_het_is() == voor
    assert "─ Options ─" in _hulp(_app(None, None), "doe")


def test_de_bibliotheek_laadt_geen_typer_click_of_rich() -> None:
    """`import casuskosten` met de rekenkern en de schrijvers laadt typer, click en rich niet, dus verandert er ook
    niets aan (een notebook met een eigen typer-app merkt niets van casuskosten)."""
    code = (
        "import sys, casuskosten\n"
        "for naam in ('bereken_invoer', 'exporteer', 'schrijf_gemeenterapporten', 'Invoeropties'):\n"
        "    getattr(casuskosten, naam)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich')))\n"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}, timeout=120
    )
    assert uit.stdout.strip() == "[]"


def test_elke_opdracht_van_casuskosten_heeft_de_nederlandse_klasse() -> None:
    """Een nieuwe opdracht zonder `cls=_Opdracht` zou Engelse hulp krijgen."""
    assert [c.cls for c in cli.app.registered_commands] == [cli._Opdracht] * len(cli.app.registered_commands)
