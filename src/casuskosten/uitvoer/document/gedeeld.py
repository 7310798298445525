"""Wat elk rapport deelt: de versie, de voettekst, het logo, de periode van de casussen en een bedragsinterval."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from ... import formaat as f
from ...fouten import InstellingenFout, Melding
from ...invoer.instellingen import Huisstijl, lees_logo
from ...rekenen.waarden import Aggregaat


def versie() -> str:
    """De versie van casuskosten, voor de verantwoording."""
    try:
        return metadata.version("casuskosten")
    except metadata.PackageNotFoundError:  # pragma: no cover - alleen zonder installatie
        return "0.0.0"


def voettekst(huisstijl: Huisstijl, prijspeil: int) -> str:
    """De regel onder elk rapport: versie, organisatie en wat de bedragen zijn."""
    voor = f" voor {huisstijl.organisatie}" if huisstijl.organisatie else ""
    return f"Gemaakt met casuskosten {versie()}{voor}. Bedragen in euro's, prijspeil {prijspeil}, contante waarde."


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
