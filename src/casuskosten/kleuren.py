"""Kleuren die iedereen kan lezen: het contrast volgens WCAG 2.1 en een donkerder tint van de huisstijlkleur voor
tekst.

Tekst in de huisstijlkleur (koppen in HTML en PDF) vraagt een contrast van minstens 4,5:1 op wit (WCAG 2.1 AA,
succescriterium 1.4.3). Haalt de kleur dat niet, dan gebruiken de rapporten voor tekst dezelfde kleurtoon, donkerder
gemaakt tot hij het wel haalt; `controleer` zegt dat (zie `invoer.instellingen.Instellingen.waarschuwingen`).
"""

from __future__ import annotations

import colorsys

WIT = "#ffffff"
#: de kleur van gewone tekst in de rapporten
TEKST = "#222222"
#: het kleinste contrast van tekst op zijn achtergrond (WCAG 2.1 AA, gewone tekst)
MINIMAAL_CONTRAST = 4.5


def _kanalen(kleur: str) -> tuple[int, int, int]:
    return int(kleur[1:3], 16), int(kleur[3:5], 16), int(kleur[5:7], 16)


def _lineair(kanaal: int) -> float:
    c = kanaal / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminantie(kleur: str) -> float:
    """De relatieve luminantie van `kleur` (#rrggbb) volgens WCAG 2.1: 0 voor zwart, 1 voor wit."""
    r, g, b = (_lineair(k) for k in _kanalen(kleur))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(een: str, twee: str) -> float:
    """De contrastverhouding van twee kleuren volgens WCAG 2.1, (L1 + 0,05) / (L2 + 0,05) met L1 de lichtste: van 1
    (gelijk) tot 21 (zwart op wit)."""
    licht, donker = sorted((luminantie(een), luminantie(twee)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def _met_lichtheid(kleur: str, lichtheid: float) -> str:
    r, g, b = (k / 255 for k in _kanalen(kleur))
    tint, _, verzadiging = colorsys.rgb_to_hls(r, g, b)
    nr, ng, nb = colorsys.hls_to_rgb(tint, lichtheid, verzadiging)
    return "#" + "".join(f"{round(k * 255):02x}" for k in (nr, ng, nb))


def donkerder_tot(kleur: str, minimaal: float, achtergrond: str = WIT) -> str:
    """`kleur` zelf als die op `achtergrond` een contrast van minstens `minimaal` heeft; anders dezelfde kleurtoon
    en verzadiging (HLS), met de lichtheid in stappen van 1% verlaagd tot het contrast wel gehaald wordt.

    Voor een lichte achtergrond; de stappen van 1% maken de uitkomst voorspelbaar en met de hand na te rekenen.
    """
    if contrast(kleur, achtergrond) >= minimaal:
        return kleur.lower()
    r, g, b = (k / 255 for k in _kanalen(kleur))
    lichtheid = colorsys.rgb_to_hls(r, g, b)[1]
    stap = 1
    while True:
        kandidaat = _met_lichtheid(kleur, max(lichtheid - stap / 100, 0.0))
        if contrast(kandidaat, achtergrond) >= minimaal:
            return kandidaat
        stap += 1


def tekstkleur(kleur: str) -> str:
    """De kleur voor tekst in huisstijlkleur `kleur` op wit: de kleur zelf bij een contrast van minstens 4,5:1,
    anders een donkerder tint van dezelfde kleurtoon die dat wel haalt."""
    return donkerder_tot(kleur, MINIMAAL_CONTRAST)


def leesbaar_op(vulling: str) -> str:
    """De kleur van een label op een vlak met kleur `vulling`: wit of de tekstkleur, welke het meeste contrast
    geeft."""
    return WIT if contrast(WIT, vulling) >= contrast(TEKST, vulling) else TEKST
