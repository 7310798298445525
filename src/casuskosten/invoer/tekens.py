"""Tekens die geen tekst zijn, op één plek: stuurtekens en wat XML (en dus een xlsx- of HTML-bestand) niet mag
bevatten. Ze worden bij de invoer geweigerd, in casussen, tarieftabellen en instellingen, met bestand, regel en
veld: een ESC uit een tarieftabel mag de terminal niet bereiken, en U+FFFF in een export maakt een xlsx die Excel
beschadigd noemt.

Tab en regeleinde zijn tekst; al het andere uit C0 en C1 (ook ESC, DEL en U+0085), losse surrogaten en de
niet-tekens U+FFFE en U+FFFF niet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

#: de tekenklasse (zonder haken) voor wie hem in een eigen, ruimere klasse opneemt (zie yamlbron)
KLASSE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
ONGELDIG = re.compile(f"[{KLASSE}]")


def tekennaam(teken: str) -> str:
    """`U+001B (ESC, stuurteken)`: de code en wat het is, zodat de gebruiker het kan opzoeken."""
    code = ord(teken)
    if 0xD800 <= code <= 0xDFFF:
        soort = "losse surrogaat, geen teken"
    elif code in (0xFFFE, 0xFFFF):
        soort = "geen teken"
    else:
        soort = "stuurteken"
    afkorting = {0x1B: "ESC", 0x7F: "DEL", 0x00: "NUL"}.get(code)
    naam = afkorting or unicodedata.name(teken, "").lower()
    return f"U+{code:04X} ({f'{naam}, ' if naam else ''}{soort})"


def ongeldig_teken(tekst: str) -> str | None:
    """Waarom `tekst` geen tekst is (het eerste stuurteken of XML-ongeldige teken, met positie en code), of None."""
    gevonden = ONGELDIG.search(tekst)
    if gevonden is None:
        return None
    return (
        f"bevat op positie {gevonden.start() + 1} het onzichtbare teken {tekennaam(gevonden.group())}; tekst mag "
        "geen stuurtekens bevatten (alleen tab en regeleinde), vaak meegekopieerd uit een ander programma: verwijder "
        "het of typ de tekst opnieuw"
    )


def teksten(data: Any, pad: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(pad, tekst) van elke sleutel en elke tekstwaarde in geneste dicts en lijsten (zoals tomllib ze geeft)."""
    if isinstance(data, str):
        yield pad, data
    elif isinstance(data, dict):
        for sleutel, waarde in data.items():
            if isinstance(sleutel, str):
                yield (*pad, sleutel), sleutel
            yield from teksten(waarde, (*pad, sleutel))
    elif isinstance(data, list | tuple):
        for i, waarde in enumerate(data):
            yield from teksten(waarde, (*pad, i))


# --- getallen ------------------------------------------------------------------------------------------------------

#: zoveel cijfers mag het gehele deel van een getal hebben (een bedrag, aantal of jaartal heeft er een handvol); meer
#: is een tikfout of een geplakte reeks, en duizenden cijfers laten Python's `int` een ValueError geven (de grens op
#: het omzetten van tekst naar een geheel getal). Gecontroleerd vóór de omzetting, in YAML, CSV, xlsx en TOML.
MAX_CIJFERS = 15


def cijfers_voor_de_komma(tekst: str) -> int:
    """Het aantal cijfers 0-9 in het gehele deel van een getal zoals geschreven (vóór `.`, `e` of `E`), zonder
    voorloopnullen: `-1_000.5` -> 4."""
    geheel = re.split(r"[.eE]", tekst, maxsplit=1)[0]
    return len(re.sub(r"[^0-9]", "", geheel).lstrip("0"))


def te_veel_cijfers(aantal: int) -> str:
    """De melding voor een getal met `aantal` cijfers vóór de komma (meer dan MAX_CIJFERS)."""
    return (
        f"is een getal van {aantal} cijfers; een getal heeft er hier hooguit {MAX_CIJFERS} vóór de komma (een "
        "tikfout of een geplakte reeks?)"
    )


def kort_getal(tekst: str, lengte: int = 20) -> str:
    """Een lang getal voor in een melding: het begin en het aantal tekens, nooit duizenden cijfers."""
    return tekst if len(tekst) <= lengte else f"{tekst[:lengte]}... ({len(tekst)} tekens)"
