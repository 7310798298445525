"""De jinja2-sjablonen: meegeleverd als package data (`templates/` in het pakket), of een eigen map via `--sjablonen`.

Een eigen map gaat vóór: een sjabloon dat daar staat vervangt het meegeleverde, de rest komt uit het pakket. Zo werkt
`--sjablonen` ook met een map die maar één aangepast sjabloon bevat, en werkt een wheel-installatie zonder projectmap.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..fouten import InstellingenFout, Melding


def meegeleverd(pakket: str, naam: str) -> str:
    """De tekst van een meegeleverd sjabloon van `pakket` (bijvoorbeeld `casuskosten.uitvoer`)."""
    return resources.files(pakket).joinpath("templates", naam).read_text(encoding="utf-8")


def sjabloon_omgeving(pakket: str, eigen: Path | str | None = None, **opties: Any) -> jinja2.Environment:
    """Een jinja2-omgeving die eerst in `eigen` zoekt en dan in de meegeleverde sjablonen van `pakket`."""
    laders: list[jinja2.BaseLoader] = []
    if eigen is not None:
        map_ = Path(eigen)
        if not map_.is_dir():
            raise InstellingenFout(
                [
                    Melding(
                        str(map_),
                        None,
                        "--sjablonen",
                        "sjablonenmap bestaat niet; geef een map op met eigen versies van de sjablonen",
                    )
                ]
            )
        laders.append(jinja2.FileSystemLoader(map_))
    laders.append(jinja2.FunctionLoader(_pakketlader(pakket)))
    return jinja2.Environment(loader=jinja2.ChoiceLoader(laders), **opties)


def _pakketlader(pakket: str) -> Callable[[str], str | None]:
    def laad(naam: str) -> str | None:
        try:
            return meegeleverd(pakket, naam)
        except (FileNotFoundError, IsADirectoryError):
            return None

    return laad


def render(omgeving: jinja2.Environment, naam: str, eigen: Path | str | None, **context: Any) -> str:
    """Render een sjabloon; een fout in een (eigen) sjabloon wordt een melding met sjabloon en regel."""
    try:
        return omgeving.get_template(naam).render(**context)
    except jinja2.TemplateSyntaxError as fout:
        bestand = fout.filename or naam
        raise InstellingenFout(
            [Melding(bestand, fout.lineno, "--sjablonen", f"sjabloon '{naam}' is ongeldig: {fout.message}")]
        ) from None
    except jinja2.TemplateNotFound as fout:
        raise InstellingenFout(
            [Melding(str(eigen) if eigen else None, None, "--sjablonen", f"sjabloon '{fout.name}' niet gevonden")]
        ) from None
    except jinja2.UndefinedError as fout:
        raise InstellingenFout(
            [Melding(str(eigen) if eigen else naam, None, "--sjablonen", f"sjabloon '{naam}' gebruikt {fout.message}")]
        ) from None
