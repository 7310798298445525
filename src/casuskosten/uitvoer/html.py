"""De rapporten als één zelfstandig HTML-bestand: tekent het `Document` uit `document/` met de jinja2-sjablonen in
`uitvoer/templates/` (autoescape aan).

`_basis.html.j2` is de pagina, `_sectie.html.j2` één sectie en `_blokken.html.j2` de blokken (tabel, alinea,
grafiek ...); `gemeente.html.j2`, `casusboek.html.j2` en `vergelijk.html.j2` breiden de basis uit zodat `--sjablonen`
elk soort rapport apart kan vervangen. De grafieken tekent `grafieken.py` uit hun beschrijving in het document:
dezelfde tekeningen als in de PDF, hier als inline SVG.
"""

from __future__ import annotations

import base64
import math
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..invoer.instellingen import Huisstijl
from ..invoer.sjablonen import render, sjabloon_omgeving
from . import grafieken_smal
from .document import Document, Grafiek, Tabel, logo_inhoud, versie
from .grafieken import als_svg


def omgeving(sjablonen: Path | str | None = None) -> jinja2.Environment:
    """De jinja2-omgeving met autoescape; de filters tekenen alleen (svg) of houden een bedrag bij elkaar (heel)."""
    env = sjabloon_omgeving(
        "casuskosten.uitvoer",
        sjablonen,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(svg=_svg, svg_smal=_svg_smal, heel=_heel)
    env.globals.update(versie=versie(), lange_kolommen=lange_kolommen)
    return env


#: vanaf zoveel tekens in een cel is een kolom een kolom met zinnen ("Wat het betekent") of met een korte zinsnede
#: ("1 per week, 143 keer, kans 60%")
LANGE_CEL = 50
MIDDELLANGE_CEL = 24


def lange_kolommen(tabel: Tabel) -> dict[int, str]:
    """Per kolom met tekst die op een smal scherm niet mag krimpen tot één woord per regel de klasse voor zijn
    minimale breedte: "lang" (een cel van meer dan `LANGE_CEL` tekens) of "middel" (meer dan `MIDDELLANGE_CEL`).
    Alleen breekbare, links uitgelijnde kolommen; de tabel scrolt dan in haar eigen vak."""
    uit: dict[int, str] = {}
    for i, (uitlijning, breekbaar) in enumerate(zip(tabel.uitlijning, tabel.breekbaar, strict=True)):
        if not breekbaar or uitlijning == "rechts":
            continue
        langste = max((len(rij[i].tekst) for rij in tabel.rijen if i < len(rij)), default=0)
        if langste > LANGE_CEL:
            uit[i] = "lang"
        elif langste > MIDDELLANGE_CEL:
            uit[i] = "middel"
    return uit


_BEDRAG = re.compile(r"€ -?[0-9][0-9.,]*")


def _heel(tekst: object) -> Markup:
    """De tekst geëscapet, met elk bedrag in een `<span class="bedrag">` (nowrap): de browser verdeelt "€ 13.506,43"
    nooit over twee regels, en de tekst blijft letterlijk "€ 13.506,43"."""
    veilig = str(escape(str(tekst)))
    return Markup(_BEDRAG.sub(lambda m: f'<span class="bedrag">{m.group(0)}</span>', veilig))


#: de kleinste tekst in een grafiek op het scherm, in CSS-pixels (zoals de rest van de pagina)
KLEINSTE_TEKST_PX = 12
_LETTERGROOTTE = re.compile(r"font-size: ([0-9.]+)px")
_BREEDTE = re.compile(r'viewBox="0 0 ([0-9.]+) ')


def _svg(grafiek: Grafiek) -> Markup:
    """De brede grafiek (dezelfde tekening als in de PDF) als inline SVG, met haar titel en beschrijving."""
    # de SVG komt van renderSVG, die elke tekst zelf escapet; titel en beschrijving escapet als_svg
    return _met_min_breedte(als_svg(grafiek.beeld, grafiek.sleutel, grafiek.titel, grafiek.beschrijving))


def _svg_smal(grafiek: Grafiek) -> Markup:
    """De smalle grafiek (`grafieken_smal`, voor een telefoon) als inline SVG; haar tekstalternatief is dat van de
    brede, waarnaar ze verwijst."""
    return _met_min_breedte(grafieken_smal.als_svg(grafiek.beeld, grafiek.sleutel))


def _met_min_breedte(svg: str) -> Markup:
    """De SVG met een `min-width`: zo breed dat haar kleinste letter `KLEINSTE_TEKST_PX` blijft. Is het vak smaller,
    dan scrolt ze in haar eigen vak (`.vak` in het sjabloon) in plaats van te krimpen."""
    groottes = [float(g) for g in _LETTERGROOTTE.findall(svg)]
    breedte = _BREEDTE.search(svg)
    if groottes and breedte:
        minimaal = math.ceil(float(breedte.group(1)) * KLEINSTE_TEKST_PX / min(groottes))
        svg = svg.replace("<svg ", f'<svg style="min-width: {minimaal}px" ', 1)
    return Markup(svg)


def _logo(huisstijl: Huisstijl) -> str | None:
    """Het logo als data-URI, zodat het HTML-bestand zelfstandig blijft; alleen een echte PNG of JPEG."""
    logo = logo_inhoud(huisstijl)
    if logo is None:
        return None
    soort, inhoud = logo
    return f"data:{soort};base64,{base64.b64encode(inhoud).decode('ascii')}"


class _Vaknamen:
    """Geeft elk scrollvak (`role="region"`) een eigen naam: twee tabellen met dezelfde koppen heten "Tabel: ..." en
    "Tabel: ... (2)", want twee landmarks met dezelfde naam zijn voor een schermlezer niet uit elkaar te houden."""

    def __init__(self) -> None:
        self._gezien: dict[str, int] = {}

    def __call__(self, naam: str) -> str:
        n = self._gezien[naam] = self._gezien.get(naam, 0) + 1
        return naam if n == 1 else f"{naam} ({n})"


def teken(document: Document, sjablonen: Path | str | None = None) -> str:
    """Het document als HTML, met het sjabloon van zijn soort."""
    env = omgeving(sjablonen)
    # per document opnieuw (omgeving() maakt elke keer een nieuwe), zodat dezelfde invoer dezelfde namen geeft
    env.globals["vaknaam"] = _Vaknamen()
    return render(
        env,
        document.sjabloon,
        sjablonen,
        document=document,
        huisstijl=document.huisstijl,
        logo=_logo(document.huisstijl),
    )
