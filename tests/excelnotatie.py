"""Een getal tonen zoals een spreadsheet het met een getalnotatie doet, voor de tests van de xlsx (zonder Excel of
LibreOffice): alleen de notaties die casuskosten schrijft, met Nederlandse scheidingstekens (1.234,5).

De regels, zoals nagekeken in LibreOffice 7.4 (xlsx naar PDF, bekeken en met pdftotext):
- zonder voorwaarden: positief;negatief[;nul]; het negatieve deel toont de absolute waarde, bij één deel krijgt een
  negatief getal er een minteken vóór alles voor ("-€ 3");
- met voorwaarden ([>=0.5] ...): het eerste deel waarvan de voorwaarde klopt, anders het laatste; in het eerste
  deel zet de spreadsheet zelf een minteken vóór alles (zo wordt `[<=-0.5]"€" -#,##0;...` "-€ -1"), in de andere
  delen staat de absolute waarde (een minteken alleen als het in de notatie staat);
- een deel zonder cijferplaats is vaste tekst.
Afronden gaat half van nul af, zoals Excel en LibreOffice.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_VOORWAARDE = re.compile(r"^\[(>=|<=|>|<|=)(-?[0-9.]+)\]")
_GETAL = re.compile(r"-?[#0,]*0(?:\.0*#*)?%?")


def _delen(notatie: str) -> list[str]:
    """De delen tussen puntkomma's buiten aanhalingstekens."""
    delen, huidig, binnen = [], "", False
    for teken in notatie:
        if teken == '"':
            binnen = not binnen
        if teken == ";" and not binnen:
            delen.append(huidig)
            huidig = ""
        else:
            huidig += teken
    return [*delen, huidig]


def _klopt(waarde: float, op: str, drempel: float) -> bool:
    return {
        ">=": waarde >= drempel,
        "<=": waarde <= drempel,
        ">": waarde > drempel,
        "<": waarde < drempel,
        "=": waarde == drempel,
    }[op]


def toon(waarde: float, notatie: str) -> str:
    """`waarde` zoals hij met `notatie` in de cel staat: `toon(-0.4, EURO.notatie)` -> "€ 0"."""
    delen = _delen(notatie)
    if any(_VOORWAARDE.match(d) for d in delen):
        index = len(delen) - 1
        for i, kandidaat in enumerate(delen):
            gevonden = _VOORWAARDE.match(kandidaat)
            if gevonden and _klopt(waarde, gevonden[1], float(gevonden[2])):
                index = i
                break
        deel = _VOORWAARDE.sub("", delen[index])
    else:
        index = 0 if waarde >= 0 or len(delen) == 1 else 1
        if waarde == 0 and len(delen) > 2:
            index = 2
        deel = delen[index]
    tekst = deel.replace('"', "")
    patroon = _GETAL.search(tekst)
    if patroon is None:  # vaste tekst, zonder cijferplaats
        return tekst
    getalpatroon = patroon[0].lstrip("-")
    procent = getalpatroon.endswith("%")
    achter = getalpatroon.rstrip("%").split(".")[1] if "." in getalpatroon else ""
    decimalen, minstens = len(achter), achter.count("0")  # een "#" na de komma: alleen als hij geen 0 is
    getal = Decimal(repr(abs(waarde))) * (100 if procent else 1)
    afgerond = getal.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    geschreven = f"{afgerond:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    while decimalen > minstens and geschreven.endswith("0"):
        geschreven, decimalen = geschreven[:-1], decimalen - 1
    geschreven = geschreven.removesuffix(",")
    if "," not in getalpatroon:
        geschreven = geschreven.replace(".", "")
    zelf = "-" if waarde < 0 and index == 0 else ""  # het minteken van de spreadsheet zelf, vóór alles
    minteken = "-" if patroon[0].startswith("-") else ""
    return f"{zelf}{tekst[: patroon.start()]}{minteken}{geschreven}{'%' if procent else ''}{tekst[patroon.end() :]}"
