"""Wat elk rapport deelt: de versie, de voettekst, het logo, de periode van de casussen en een bedragsinterval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ... import formaat as f
from ...benamingen import zin
from ...fouten import InstellingenFout, Melding
from ...invoer.instellingen import Huisstijl, lees_logo
from ...rekenen.waarden import Aggregaat
from .blokken import Inhoud, Sectie


def versie() -> str:
    """De versie van casuskosten, voor de verantwoording."""
    try:
        return metadata.version("casuskosten")
    except metadata.PackageNotFoundError:  # pragma: no cover - alleen zonder installatie
        return "0.0.0"


def voettekst(huisstijl: Huisstijl, prijspeil: int) -> str:
    """De regel onder elk rapport: de organisatie en wat de bedragen zijn; hulpmiddel en versie staan in het colofon."""
    voor = f"{huisstijl.organisatie}. " if huisstijl.organisatie else ""
    return f"{voor}Bedragen in euro's, prijspeil {prijspeil}, contante waarde."


def omslagkenmerken(huisstijl: Huisstijl, datum: dt.date) -> tuple[tuple[str, str], ...]:
    """Wat elke omslag onder de kenmerken van het rapport zelf noemt: wie het opstelde, de datum en de versie van de
    methode (de methode is die van deze versie van casuskosten; zie README, Methode)."""
    door = (("Opgesteld door", huisstijl.organisatie),) if huisstijl.organisatie else ()
    return (*door, ("Datum", f.datum(datum)), ("Versie van de methode", versie()))


def logo_inhoud(huisstijl: Huisstijl) -> tuple[str, bytes] | None:
    """MIME-type en inhoud van het logo van de huisstijl, opnieuw op inhoud gecontroleerd (alleen PNG of JPEG);
    `InstellingenFout` als het geen (leesbare) afbeelding meer is."""
    if not huisstijl.logo:
        return None
    try:
        return lees_logo(Path(huisstijl.logo))
    except ValueError as fout:
        raise InstellingenFout([Melding(None, None, "huisstijl.logo", str(fout))]) from None


def periode(agg: Aggregaat) -> str:
    """De periode die de casussen beslaan: `12 oktober 2015 – 14 maart 2016`."""
    van, tot = agg.periode.van, agg.periode.tot_en_met
    return f.datum(van) if van == tot else f"{f.datum(van)} – {f.datum(tot)}"


def euro_interval(interval: tuple[float, float] | None) -> str:
    """Een 95%-interval van bedragen: `[€ -1.310 – € 2.538]`; None -> `–`."""
    return "–" if interval is None else f"[{f.euro(interval[0])} – {f.euro(interval[1])}]"


def bron_casussen(agg: Aggregaat) -> str:
    """De bronregel van een tabel of grafiek uit de casussen: "Bron: 8 casussen van Rotterdam, beprijsd met de
    gebruikte tarieven (zie Verantwoording)."."""
    wie = f" van {agg.gemeente}" if agg.gemeente else ""
    aantal = f.aantal(agg.aantal_casussen, "casus", "casussen")
    return f"Bron: {aantal}{wie}, beprijsd met de gebruikte tarieven (zie Verantwoording)."


def bron_simulatie(agg: Aggregaat, iteraties: int) -> str:
    """De bronregel van een cijfer uit de simulatie: de casussen en het aantal doorrekeningen."""
    return bron_casussen(agg).removesuffix(".") + f"; {f.getal(iteraties, 0)} doorrekeningen."


def inhoudsopgave(secties: Iterable[Sectie]) -> Sectie:
    """De inhoudsopgave van de hoofdstukken (niveau 1, met kop), in HTML een lijst met ankers en in de PDF met het
    paginanummer; op de omslag."""
    regels = tuple((s.titel, s.sleutel, "") for s in secties if s.niveau == 1 and s.titel is not None)
    return Sectie("Inhoud", "inhoud", (Inhoud(regels),), bladwijzer=False)


def gevoeligheidsnaam(parameter: str, omschrijving: str) -> str:
    """De naam van een balk in het tornadodiagram: bij een tarief de omschrijving, geen code."""
    if parameter.startswith("tarief:"):
        return "Prijs: " + omschrijving.split(": prijs", 1)[0]
    return {
        "kans": "Onzekere kansen",
        "correctie": "Zekerheidscorrectie",
        "discontovoet": "Discontovoet",
        "vrijwillig": "Waardering vrijwillige inzet",
        "dubbeltelling": "Mogelijke dubbeltellingen",
    }.get(parameter, zin(omschrijving).rstrip("."))
