"""De rapporten als één zelfstandig HTML-bestand, uit de jinja2-sjablonen in `uitvoer/templates/` (autoescape aan).

Leest alleen de rapportobjecten uit `rapport`; de grafieken zijn dezelfde tekeningen als in de PDF, hier als inline SVG.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import formaat as f
from ..invoer.instellingen import Huisstijl
from ..invoer.sjablonen import render, sjabloon_omgeving
from ..rekenen.kernboodschap import heel_procent
from .document import (
    DOELNAMEN,
    TRAJECTNAMEN,
    Casusboek,
    GemeenteRapport,
    Grafiek,
    Vergelijking,
    doelnaam,
    euro_interval,
    logo_inhoud,
    periode,
    versie,
)
from .grafieken import als_svg


def omgeving(sjablonen: Path | str | None = None) -> jinja2.Environment:
    """De jinja2-omgeving met autoescape en de Nederlandse notatie als filters."""
    env = sjabloon_omgeving(
        "casuskosten.uitvoer",
        sjablonen,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        euro=f.euro,
        procent=f.procent,
        aandeel=f.aandeel,
        getal=f.getal,
        datum=f.datum,
        interval=f.interval,
        doelnaam=doelnaam,
        periode=periode,
        euro_interval=euro_interval,
        heel_procent=heel_procent,
        svg=_svg,
    )
    env.globals.update(trajectnamen=TRAJECTNAMEN, doelnamen=DOELNAMEN, versie=versie())
    return env


def _svg(grafiek: Grafiek) -> Markup:
    # de SVG komt van renderSVG, die elke tekst zelf escapet; titel en beschrijving escapet als_svg
    return Markup(als_svg(grafiek.tekening, grafiek.sleutel, grafiek.titel, grafiek.beschrijving))


def _logo(huisstijl: Huisstijl) -> str | None:
    """Het logo als data-URI, zodat het HTML-bestand zelfstandig blijft; alleen een echte PNG of JPEG."""
    logo = logo_inhoud(huisstijl)
    if logo is None:
        return None
    soort, inhoud = logo
    return f"data:{soort};base64,{base64.b64encode(inhoud).decode('ascii')}"


def _render(naam: str, sjablonen: Path | str | None, huisstijl: Huisstijl, **context: Any) -> str:
    return render(omgeving(sjablonen), naam, sjablonen, huisstijl=huisstijl, logo=_logo(huisstijl), **context)


def gemeente_html(rapport: GemeenteRapport, sjablonen: Path | str | None = None) -> str:
    """Het gemeenterapport als HTML."""
    return _render(
        "gemeente.html.j2",
        sjablonen,
        rapport.huisstijl,
        rapport=rapport,
        r=rapport.resultaat,
        tarieven=rapport.tarieven,
        invoerbestanden=rapport.invoerbestanden,
        overgeslagen=rapport.overgeslagen,
    )


def casusboek_html(boek: Casusboek, sjablonen: Path | str | None = None) -> str:
    """Eén casus, of een casusboek met inhoudsopgave, als HTML."""
    return _render(
        "casusboek.html.j2",
        sjablonen,
        boek.huisstijl,
        boek=boek,
        r=boek.resultaat,
        tarieven=boek.tarieven,
        invoerbestanden=boek.invoerbestanden,
        overgeslagen=boek.overgeslagen,
    )


def vergelijking_html(vergelijking: Vergelijking, sjablonen: Path | str | None = None) -> str:
    """Alle gemeenten naast elkaar als HTML."""
    return _render(
        "vergelijk.html.j2", sjablonen, vergelijking.huisstijl, vergelijking=vergelijking, r=vergelijking.resultaat
    )
