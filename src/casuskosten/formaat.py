"""Nederlandse notatie van bedragen, percentages en datums, met babel (niet met de hand)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

# één keer ontleden: babel doet dat anders bij elke aanroep opnieuw (merkbaar bij duizenden waarschuwingen)
LOCALE = Locale.parse("nl_NL")


def euro(bedrag: float | None, decimalen: int = 0) -> str:
    """`1234.5` -> `€ 1.235` (of met decimalen `€ 1.234,50`); None -> `–`."""
    if bedrag is None:
        return "–"
    getal_patroon = "#,##0" if decimalen == 0 else "#,##0." + "0" * decimalen
    patroon = f"¤ {getal_patroon};¤ -{getal_patroon}"  # Nederlands: € -1.234, niet -€ 1.234
    return zonder_min_nul(str(format_currency(bedrag, "EUR", format=patroon, locale=LOCALE, currency_digits=False)))


def procent(waarde: float | None, decimalen: int = 1) -> str:
    """Een percentage op de schaal 0..100: `30.24` -> `30,2%`, `12.25` -> `12,3%` (half naar boven, niet naar even
    zoals `round`); None -> `–`."""
    if waarde is None:
        return "–"
    return _procent(half_naar_boven(waarde, decimalen), decimalen)


def half_naar_boven(waarde: float, decimalen: int) -> float:
    """Afronden zoals op school: 0,125 -> 0,13 en -4,75 -> -4,8 (weg van nul). Via de kortste decimale schrijfwijze
    (`repr`), zodat 2,675 als 2,675 telt en niet als 2,67499999... in binair."""
    stap = Decimal(1).scaleb(-decimalen)
    return float(Decimal(repr(waarde)).quantize(stap, rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)  # duizenden waarschuwingen noemen dezelfde afgeronde percentages
def _procent(waarde: float, decimalen: int) -> str:
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return f"{zonder_min_nul(str(format_decimal(waarde, format=patroon, locale=LOCALE)))}%"


def zonder_min_nul(tekst: str) -> str:
    """`-0`, `-0,0` en `€ -0` zonder minteken: wat op nul afrondt, is nul (geen "-0" in een tabel).

    Op de geschreven tekst, niet op het getal: zo telt de afronding van babel zelf, en -0,4 wordt "0" maar -0,6
    gewoon "-1"."""
    if "-" in tekst and not any(c in "123456789" for c in tekst):
        return tekst.replace("-", "", 1)
    return tekst


def aandeel(waarde: float | None, decimalen: int = 0) -> str:
    """Een aandeel op de schaal 0..1 als percentage: `0.25` -> `25%`."""
    return procent(None if waarde is None else waarde * 100, decimalen)


def getal(waarde: float | None, decimalen: int = 2) -> str:
    """Een getal met hooguit `decimalen` decimalen: `1234.5` -> `1.234,5`."""
    if waarde is None:
        return "–"
    patroon = "#,##0." + "#" * decimalen if decimalen else "#,##0"
    return zonder_min_nul(str(format_decimal(waarde, format=patroon, locale=LOCALE)))


def datum(waarde: dt.date | str) -> str:
    """`2016-03-14` -> `14 maart 2016`."""
    if isinstance(waarde, str):
        waarde = dt.date.fromisoformat(waarde)
    return str(format_date(waarde, format="long", locale=LOCALE))


def kans(waarde: float | None) -> str:
    """Een kans (0..1) als heel percentage, half naar boven afgerond: `0.745` -> `75%`; aan de randen in woorden,
    `meer dan 99%` en `minder dan 1%` (nooit "100%" of "0%" voor iets wat op 0,996 of 0,004 uitkomt); None -> `–`.

    De enige manier waarop terminal, rapporten en kernboodschappen een kans schrijven.
    """
    if waarde is None:
        return "–"
    if waarde > 0.99:
        return "meer dan 99%"
    if waarde < 0.01:
        return "minder dan 1%"
    return _procent(half_naar_boven(waarde * 100, 0), 0)


def interval(ci: tuple[float, float] | None, decimalen: int = 1) -> str:
    """Een 95%-interval als `[12,3% – 40,1%]`; None -> `–`."""
    if ci is None:
        return "–"
    return f"[{procent(ci[0], decimalen)} – {procent(ci[1], decimalen)}]"


def miljoen(bedrag: float | None, decimalen: int = 1) -> str:
    """Een jaarbedrag van een gemeente zoals een lezer het afrondt: `22_157_775` -> `€ 22,2 mln`, `-9_729_992` ->
    `€ -9,7 mln`; onder een miljoen op duizenden: `701_905` -> `€ 702.000`; None -> `–`.

    Alleen voor totalen per jaar van een hele gemeente (de begroting), niet voor bedragen per huishouden."""
    if bedrag is None:
        return "–"
    if abs(bedrag) < 999_500:
        return euro(half_naar_boven(bedrag / 1000, 0) * 1000)
    waarde = half_naar_boven(bedrag / 1_000_000, decimalen)
    if waarde == 0:
        waarde = 0.0
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    teken = "-" if waarde < 0 else ""
    return f"€ {teken}{format_decimal(abs(waarde), format=patroon, locale=LOCALE)} mln"


def miljoen_bereik(laag: float, hoog: float) -> str:
    """Een interval of bereik van jaarbedragen: `€ -9,7 mln tot € 44,3 mln`; liggen beide grenzen op 10 mln of meer
    van nul, dan in hele miljoenen (`€ -33 mln tot € 66 mln`): zo ver reikt de precisie van een interval niet."""
    decimalen = 0 if min(abs(laag), abs(hoog)) >= 9_950_000 else 1
    return f"{miljoen(laag, decimalen)} tot {miljoen(hoog, decimalen)}"


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """Een aantal met het juiste getal van het zelfstandig naamwoord: `1 gemeente`, `4 gemeenten`, `0 casussen`."""
    return f"{getal(n, 0)} {enkelvoud if n == 1 else meervoud}"
