"""Eén sleutel voor gemeentenamen, zodat dezelfde naam in elke spelling dezelfde gemeente is.

Gebruikers typen, plakken en exporteren namen in allerlei vormen die er op het scherm hetzelfde uitzien: een é als
één teken of als e plus accent (NFD, zoals macOS bestandsnamen bewaart), een harde spatie (NBSP) uit Word of een
webpagina, een onzichtbare spatie (U+200B), een typografische apostrof (’s-Hertogenbosch) en hoofdletters
(`Den Haag`, `den haag`), en met of zonder het woord 'gemeente' ervoor (`Gemeente Alfa`, zoals een tarieflijst van
de gemeente zelf de naam vaak schrijft). `sleutel` maakt van al die vormen één sleutel; de tariefkeuze en het groeperen
per gemeente gebruiken alleen die sleutel.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# onzichtbare tekens die wel in geplakte tekst zitten maar niets betekenen
_ONZICHTBAAR = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# typografische en verwante apostroffen, en streepjes die op een koppelteken lijken
_GELIJK = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u2032": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
BIJNA_GELIJK = 0.85
"""De difflib-ratio vanaf waar twee verschillende sleutels als verschrijving van elkaar gelden."""


def netjes(naam: str) -> str:
    """De naam zoals hij getoond wordt: NFC, zonder onzichtbare tekens, witruimte (ook NBSP) als één spatie.

    Hoofdletters en apostroffen blijven zoals de gebruiker ze schreef.
    """
    return " ".join(unicodedata.normalize("NFC", naam).translate(_ONZICHTBAAR).split())


_VOORVOEGSEL = "gemeente "


def gemeentenaam(naam: str) -> str:
    """`netjes`, zonder een voorvoegsel 'gemeente ' (in elke hoofdletterspelling): 'Gemeente Alfa' is 'Alfa'.

    Geen Nederlandse gemeente heeft 'Gemeente' in haar naam; alleen het woord zelf blijft staan.
    """
    naam = netjes(naam)
    if naam.casefold().startswith(_VOORVOEGSEL) and len(naam) > len(_VOORVOEGSEL):
        return naam[len(_VOORVOEGSEL) :]
    return naam


@lru_cache(maxsize=4096)  # bij 100.000 casussen komen dezelfde paar honderd namen steeds terug
def sleutel(naam: str) -> str:
    """De vergelijkingssleutel van een gemeentenaam: `gemeentenaam`, apostroffen en streepjes gelijk, casefold."""
    return gemeentenaam(naam).translate(_GELIJK).casefold()


def bijna_gelijk(naam: str, kandidaten: Iterable[str]) -> str | None:
    """De kandidaat die op een verschrijving van `naam` lijkt (maar een andere sleutel heeft), of None."""
    eigen = sleutel(naam)
    per_sleutel = {sleutel(k): k for k in sorted(kandidaten)}
    per_sleutel.pop(eigen, None)
    treffers = difflib.get_close_matches(eigen, list(per_sleutel), n=1, cutoff=BIJNA_GELIJK)
    return per_sleutel[treffers[0]] if treffers else None


def eerste_spelling(namen: Iterable[str]) -> dict[str, str]:
    """Per sleutel de eerste spelling (in de gegeven volgorde), als `gemeentenaam`: die toont elke uitvoer."""
    uit: dict[str, str] = {}
    for naam in namen:
        uit.setdefault(sleutel(naam), gemeentenaam(naam))
    return uit
