"""Rapporten maken en (atomair) wegschrijven: het gemeenterapport, het casusboek en de vergelijking, in HTML of PDF.

Dit is de laag tussen de opdrachtregel en de renderers: kiezen welke gemeente(n), bestandsnamen, formaat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..fouten import InvoerFout, Melding, bedoelde_u
from ..rekenen.resultaat import Resultaat
from .bestanden import maak_uitvoermap, schrijf_atomair
from .document import casusboek, gemeenterapport, vergelijking

FORMATEN: tuple[str, ...] = ("html", "pdf")


def lees_datum(tekst: str | None) -> dt.date:
    """De datum van `--datum` (JJJJ-MM-DD); zonder: vandaag."""
    if tekst is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise InvoerFout(
            [Melding(None, None, "--datum", f"datum '{tekst}' is geen geldige datum; schrijf JJJJ-MM-DD")]
        ) from None


def bestandsnaam(gemeente: str, formaat: str) -> str:
    """`Den Haag` -> `den-haag.html`."""
    kort = re.sub(r"[^a-z0-9]+", "-", gemeente.casefold()).strip("-") or "gemeente"
    return f"{kort}.{formaat}"


def kies_gemeente(resultaat: Resultaat, naam: str) -> str:
    """De gemeente zoals ze in de casussen staat; een onbekende naam is een fout met de bekende namen."""
    try:
        gevonden = resultaat.gemeente(naam).gemeente
    except InvoerFout:  # resultaat.gemeente meldt het veld 'gemeente'; hier heet het de optie --gemeente
        bekend = [g.gemeente for g in resultaat.gemeenten if g.gemeente]
        raise InvoerFout(
            [
                Melding(
                    None,
                    None,
                    "--gemeente",
                    f"geen casussen van gemeente '{naam}'{bedoelde_u(naam, bekend)}; bekend: {', '.join(bekend)}",
                )
            ]
        ) from None
    assert gevonden is not None  # een gemeente-aggregaat heeft altijd een naam
    return gevonden


def gemeente_rapport(
    resultaat: Resultaat, gemeente: str, formaat: str, datum: dt.date, sjablonen: Path | None = None
) -> bytes:
    """Het rapport van één gemeente als HTML of PDF."""
    rapport = gemeenterapport(resultaat, kies_gemeente(resultaat, gemeente), datum)
    if formaat == "pdf":
        from .pdf import gemeente_pdf

        return gemeente_pdf(rapport)
    from .html import gemeente_html

    return gemeente_html(rapport, sjablonen).encode("utf-8")


def casus_rapport(resultaat: Resultaat, formaat: str, datum: dt.date, sjablonen: Path | None = None) -> bytes:
    """Het rapport van de casussen in het resultaat (één casus, of een casusboek) als HTML of PDF."""
    boek = casusboek(resultaat, datum)
    if formaat == "pdf":
        from .pdf import casusboek_pdf

        return casusboek_pdf(boek)
    from .html import casusboek_html

    return casusboek_html(boek, sjablonen).encode("utf-8")


def vergelijk_rapport(resultaat: Resultaat, formaat: str, datum: dt.date, sjablonen: Path | None = None) -> bytes:
    """Alle gemeenten naast elkaar als HTML of PDF."""
    stuk = vergelijking(resultaat, datum)
    if formaat == "pdf":
        from .pdf import vergelijking_pdf

        return vergelijking_pdf(stuk)
    from .html import vergelijking_html

    return vergelijking_html(stuk, sjablonen).encode("utf-8")


def schrijf_gemeenterapporten(
    resultaat: Resultaat,
    formaat: str,
    uit: Path,
    datum: dt.date,
    *,
    gemeente: str | None = None,
    sjablonen: Path | None = None,
    beschermd: Sequence[Path] = (),
    voortgang: Callable[[str], None] | None = None,
) -> list[Path]:
    """Met `gemeente`: één rapport naar bestand `uit`; zonder: één rapport per gemeente in map `uit`."""
    if gemeente is not None:
        inhoud = gemeente_rapport(resultaat, gemeente, formaat, datum, sjablonen)
        return [schrijf_atomair(uit, inhoud, beschermd=tuple(beschermd))]
    map_ = maak_uitvoermap(uit, tuple(beschermd))
    geschreven = []
    for agg in resultaat.gemeenten:
        naam = agg.gemeente or ""
        if voortgang is not None:
            voortgang(naam)
        inhoud = gemeente_rapport(resultaat, naam, formaat, datum, sjablonen)
        geschreven.append(schrijf_atomair(map_ / bestandsnaam(naam, formaat), inhoud, beschermd=tuple(beschermd)))
    return geschreven
