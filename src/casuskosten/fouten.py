"""Eén familie van fouten: alles wat een gebruiker kan veroorzaken is een `CasuskostenFout`.

Elke melding noemt het bestand, de regel, het veld en wat wel geldig is. De CLI vangt de basisklasse op één
plek af en toont de meldingen zonder traceback.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .velden import CODE, TEKST, naar_json, veld

# stuurtekens (ook ESC en U+0085), breedteloze en richtingstekens, regel- en alineascheiders
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def zichtbaar(tekst: str) -> str:
    """Tekst uit een bestand veilig voor de terminal: elk onzichtbaar teken als escape (`\\x1b`, `\\u202e`).

    Zo komt een escape-reeks uit een bestand (kleuren, cursor, een omgekeerde tekstrichting) nooit ongezien op het
    scherm. Elke `Melding` gaat hierdoorheen; dit is de enige plek.
    """
    return _ONZICHTBAAR.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), tekst)


def zichtbaar_per_regel(tekst: str) -> str:
    """Als `zichtbaar`, maar nieuwe regels en tabs blijven staan: voor tekst die al over regels is verdeeld (een
    tabel, een alinea op de terminal)."""
    return "\n".join("\t".join(zichtbaar(stuk) for stuk in regel.split("\t")) for regel in tekst.split("\n"))


_MASKER: list[Callable[[str], str]] = []


def zet_masker(masker: Callable[[str], str]) -> None:
    """Laat elke melding en waarschuwing voortaan door `masker` gaan (invoer.privacy.maskeer zet zichzelf hier):
    een BSN of geboortedatum die de gebruiker in een veld schreef, komt zo in geen enkele melding terug."""
    _MASKER[:] = [masker]


def _gemaskeerd(tekst: str) -> str:
    return _MASKER[0](tekst) if _MASKER else tekst


@dataclass(frozen=True, slots=True)
class Melding:
    """Eén probleem in de invoer, met de plaats waar het zit; de tekst is gemaskeerd (zie `zet_masker`)."""

    bestand: str | None
    regel: int | None
    veld: str | None
    tekst: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "tekst", _gemaskeerd(self.tekst))

    def __str__(self) -> str:
        plaats = self.bestand or ""
        if self.bestand and self.regel is not None:
            plaats += f":{self.regel}"
        delen = [d for d in (plaats, self.veld) if d]
        return zichtbaar(": ".join([*delen, self.tekst]))


class CasuskostenFout(Exception):
    """Basis van alle fouten die de gebruiker kan veroorzaken en oplossen."""

    def __init__(self, meldingen: Iterable[Melding] | str) -> None:
        if isinstance(meldingen, str):
            meldingen = [Melding(None, None, None, meldingen)]
        self.meldingen: tuple[Melding, ...] = tuple(meldingen)
        super().__init__("\n".join(str(m) for m in self.meldingen))


class InvoerFout(CasuskostenFout):
    """Een of meer casus- of tariefbestanden zijn ongeldig."""


class InstellingenFout(CasuskostenFout):
    """Het instellingenbestand (casuskosten.toml) of een optie is ongeldig."""


class UitvoerFout(CasuskostenFout):
    """Uitvoer kan niet (veilig) geschreven worden."""


def bedoelde_u(waarde: str, mogelijk: Iterable[str]) -> str:
    """Een 'bedoelde u ...?'-toevoeging voor een verschreven naam, of een lege tekst."""
    kandidaten = sorted(set(mogelijk))
    treffers = difflib.get_close_matches(waarde, kandidaten, n=1, cutoff=0.6)
    if not treffers:
        lager = {k.lower(): k for k in kandidaten}
        treffers = [lager[w] for w in difflib.get_close_matches(waarde.lower(), list(lager), n=1, cutoff=0.6)]
    return f"; bedoelde u '{treffers[0]}'?" if treffers else ""


def opsomming(waarden: Iterable[str], maximaal: int = 12) -> str:
    """Een korte opsomming van geldige waarden voor in een melding."""
    lijst = list(waarden)
    if len(lijst) > maximaal:
        return ", ".join(lijst[:maximaal]) + f", ... ({len(lijst)} in totaal)"
    return ", ".join(lijst)


@dataclass(frozen=True, slots=True)
class Waarschuwing:
    """Een waarschuwing met een vaste `code` en een Nederlandse `melding`."""

    code: str = veld("vaste code van de soort waarschuwing", CODE)
    melding: str = veld("de waarschuwing in gewone woorden", TEKST)
    bestand: str | None = veld("het bestand waar het om gaat", TEKST, standaard=None, weglaten_als_none=True)
    casus: str | None = veld("het id van de casus", TEKST, standaard=None, weglaten_als_none=True)
    gemeente: str | None = veld("de gemeente", TEKST, standaard=None, weglaten_als_none=True)
    doel: str | None = veld("het doel", TEKST, standaard=None, weglaten_als_none=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "melding", zichtbaar(_gemaskeerd(self.melding)))
        if self.casus is not None:
            object.__setattr__(self, "casus", _gemaskeerd(self.casus))

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object, zonder lege velden."""
        return naar_json(self)
