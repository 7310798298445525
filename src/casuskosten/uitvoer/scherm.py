"""De consoles van de opdrachtregel: alles wat uit een bestand, een naam of een pad komt, bereikt de terminal als
tekst.

Geen rich-markup (`[link=...]`, `[bold]`, `[/]`), geen emoji-codes, geen automatische kleuring en geen
stuurtekens: een gemeente `[link=https://evil.invalid]Beta[/link]` staat er letterlijk, `[concept]` in een pad wordt
niet als stijl opgegeten, en een ESC uit een tarieftabel komt als `\\x1b` op het scherm. Opmaak van de tool zelf gaat
met `Text`-objecten en stijlen, nooit met markup in een tekst. Licht te importeren: `--help` laadt dit ook.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook
from rich.segment import Segment

from ..fouten import zichtbaar_per_regel


class _AlsTekst:
    """Rendert een renderbaar object en maakt in elk tekstsegment de stuurtekens zichtbaar (het vangnet: wat toch
    nog een ESC of een richtingsteken bevat, bijvoorbeeld een bestandsnaam, komt er zo niet als opdracht door)."""

    def __init__(self, inhoud: RenderableType) -> None:
        self.inhoud = inhoud

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inhoud, options):
            if segment.control or not segment.text:
                yield segment  # cursorbewegingen en dergelijke van rich zelf (voortgangsbalk)
            else:
                yield Segment(zichtbaar_per_regel(segment.text), segment.style)


class _Tekstbewaker(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_AlsTekst(r) for r in renderables]


def console(**opties: Any) -> Console:
    """Een rich-console die invoer als tekst toont: zonder markup, emoji en kleuring, met stuurtekens zichtbaar
    gemaakt. De opties (`stderr`, `width`, `record`, `file` ...) gaan naar `rich.console.Console`."""
    nieuw = Console(markup=False, emoji=False, highlight=False, **opties)
    nieuw.push_render_hook(_Tekstbewaker())
    return nieuw
