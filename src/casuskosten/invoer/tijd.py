"""Tijdsafspraken: 1 jaar = 12 maanden = 52 weken = 365 dagen; 1 kwartaal = 3 maanden.

Er wordt met breuken gerekend, zodat `duur: 10 weken` met `per: week` precies 10 keer is en niet 9,999....
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

#: hoe vaak een terugkerende inzet per jaar voorkomt, per waarde van `per`
PER_PER_JAAR: dict[str, int] = {"dag": 365, "week": 52, "2 weken": 26, "maand": 12, "kwartaal": 4, "jaar": 1}

#: eenheden van `duur`, met hoeveel er in een jaar gaan
_DUUR_EENHEDEN: dict[str, int] = {
    "dag": 365,
    "dagen": 365,
    "week": 52,
    "weken": 52,
    "maand": 12,
    "maanden": 12,
    "kwartaal": 4,
    "kwartalen": 4,
    "jaar": 1,
    "jaren": 1,
}
_DUUR = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)\s*$")
DUUR_VOORBEELD = "'<getal> dagen|weken|maanden|kwartalen|jaren', bijvoorbeeld '6 maanden' of '10 weken'"


@lru_cache(maxsize=4096)  # dezelfde duren komen in duizenden casussen terug
def lees_duur(tekst: str) -> Fraction:
    """De duur in jaren; `ValueError` met een Nederlandse uitleg als de tekst niet te lezen is."""
    treffer = _DUUR.match(tekst.lower())
    if not treffer or treffer.group(2) not in _DUUR_EENHEDEN:
        raise ValueError(f"duur '{tekst}' is niet te lezen; verwacht {DUUR_VOORBEELD}")
    getal = Fraction(treffer.group(1).replace(",", "."))
    if getal <= 0:
        raise ValueError(f"duur '{tekst}' moet groter dan 0 zijn")
    return getal / _DUUR_EENHEDEN[treffer.group(2)]


def duur_maanden(per: str | None, duur: str | None, vanaf_maand: int, horizon_maanden: int) -> Fraction:
    """Hoe lang een inzet loopt, in maanden (0 voor een eenmalige inzet)."""
    if per is None:
        return Fraction(0)
    if duur is None:
        return Fraction(horizon_maanden - vanaf_maand)
    return lees_duur(duur) * 12


def aantal_keer(per: str | None, maanden: Fraction) -> Fraction:
    """Hoe vaak een inzet voorkomt: eenmalig 1, anders de duur gemeten in de eenheid van `per`."""
    if per is None:
        return Fraction(1)
    return maanden / 12 * PER_PER_JAAR[per]


@lru_cache(maxsize=65536)  # dezelfde combinaties van per, duur, start en horizon komen in duizenden casussen terug
def tijdvak(per: str | None, duur: str | None, vanaf_maand: int, horizon_maanden: int) -> tuple[Fraction, Fraction]:
    """(duur in maanden, aantal keer) van een inzet: de ene plek waar beprijzing en controle dit uitrekenen."""
    maanden = duur_maanden(per, duur, vanaf_maand, horizon_maanden)
    return maanden, aantal_keer(per, maanden)
