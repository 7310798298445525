"""Meekijken met `--lan`: de laatste formulierstand van de facilitator per casusbestand, alleen in het geheugen.

Elke herberekening van de facilitator (`/bereken`, `/bewerk`) zet hier het formulier en zijn uitkomst, met een nieuw
versienummer; de alleen-lezenpagina van de deelnemers vraagt elke twee seconden of de versie veranderde en toont dan
die stand. Opslaan of de casus opnieuw van schijf openen vergeet de stand: dan zien de deelnemers het bestand.
Niets hiervan komt op schijf; na een herstart is het weg.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .live import Uitkomst


@dataclass(frozen=True, slots=True)
class Stand:
    """Wat de facilitator nu invult (nog niet opgeslagen): het formulier, zijn uitkomst en het versienummer."""

    versie: int
    formulier: dict[str, Any]
    uitkomst: Uitkomst


class Meekijken:
    """De standen per casusbestand (opgelost pad, zodat twee schrijfwijzen van één bestand één stand delen).

    Zonder slot: de handlers van de app draaien in één event loop, en tussen lezen en schrijven van het woordenboek
    zit geen `await`."""

    def __init__(self) -> None:
        self._standen: dict[Path, Stand] = {}
        # één teller voor alle bestanden: een versienummer komt nooit twee keer voor, ook niet na `vergeet`
        self._teller = itertools.count(1)

    def zet(self, pad: Path, formulier: dict[str, Any], uitkomst: Uitkomst) -> Stand:
        """Bewaar de stand van de facilitator voor `pad`, met een nieuw versienummer."""
        stand = Stand(next(self._teller), formulier, uitkomst)
        self._standen[pad] = stand
        return stand

    def vergeet(self, pad: Path) -> None:
        """Vergeet de stand van `pad` (opgeslagen of opnieuw geopend): de deelnemers zien weer het bestand."""
        self._standen.pop(pad, None)

    def stand(self, pad: Path) -> Stand | None:
        """De stand van `pad`, of None als de deelnemers het bestand zien."""
        return self._standen.get(pad)
