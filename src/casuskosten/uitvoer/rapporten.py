"""Rapporten maken en (atomair) wegschrijven: het gemeenterapport, het casusboek en de vergelijking, in HTML of PDF.

Dit is de laag tussen de opdrachtregel en de renderers: kiezen welke gemeente(n), bestandsnamen, formaat. Elke
schrijver (`schrijf_gemeenterapporten`, `schrijf_casusrapport`, `schrijf_vergelijking`) weigert uit zichzelf te
schrijven in de invoer van het resultaat (`bestanden.invoer_van`), ook vanuit Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..argumenten import publiek
from ..fouten import InvoerFout, Melding, UitvoerFout, bedoelde_u, gemaskeerd
from ..rekenen.resultaat import Resultaat
from .bestanden import (
    controleer_uitvoermap,
    controleer_uitvoerpad,
    invoer_van,
    kies_formaat,
    met_sjablonen,
    schrijf_atomair,
    schrijf_bestanden,
)
from .document import Document, casusboek_document, gemeente_document, vergelijking_document

FORMATEN: tuple[str, ...] = ("html", "pdf")


def lees_datum(tekst: str | None) -> dt.date:
    """De datum van `--datum` (JJJJ-MM-DD); zonder: vandaag.

    Alleen JJJJ-MM-DD met de cijfers 0-9: `date.fromisoformat` neemt sinds Python 3.11 ook 20160314 en de weekdatum
    2016-W11-1, en een rapport mag geen datum dragen die de gebruiker niet zo bedoelde."""
    if tekst is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", tekst):
            raise ValueError(tekst)
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise InvoerFout(
            [Melding(None, None, "--datum", f"datum '{tekst}' is geen geldige datum; schrijf JJJJ-MM-DD")]
        ) from None


def bestandsnaam(gemeente: str, formaat: str) -> str:
    """`Den Haag` -> `den-haag.html`; een persoonsgegeven in de naam gemaskeerd (`Alfa 0612345678` ->
    `alfa-06-78.html`): een bestandsnaam reist mee in mail en mappen."""
    kort = re.sub(r"[^a-z0-9]+", "-", gemaskeerd(gemeente).casefold()).strip("-") or "gemeente"
    return f"{kort}.{formaat}"


def casusbestandsnaam(casus_id: str, formaat: str) -> str:
    """`RTD-01` -> `rtd-01.html`; een id dat een persoonsgegeven is, gemaskeerd (`111222333` -> `11xxxxx33.html`)."""
    return f"{gemaskeerd(casus_id).lower().replace('*', 'x')}.{formaat}"


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


def teken(document: Document, formaat: str, sjablonen: Path | None = None) -> bytes:
    """Het document als PDF of als HTML (met `sjablonen`: de eigen sjablonen)."""
    if formaat == "pdf":
        from . import pdf

        return pdf.teken(document)
    from . import html

    return html.teken(document, sjablonen).encode("utf-8")


def gemeente_rapport(
    resultaat: Resultaat, gemeente: str, formaat: str, datum: dt.date, sjablonen: Path | None = None
) -> bytes:
    """Het rapport van één gemeente als HTML of PDF."""
    return teken(gemeente_document(resultaat, kies_gemeente(resultaat, gemeente), datum), formaat, sjablonen)


def casus_rapport(resultaat: Resultaat, formaat: str, datum: dt.date, sjablonen: Path | None = None) -> bytes:
    """Het rapport van de casussen in het resultaat (één casus, of een casusboek) als HTML of PDF."""
    return teken(casusboek_document(resultaat, datum), formaat, sjablonen)


def vergelijk_rapport(
    resultaat: Resultaat, formaat: str, datum: dt.date, sjablonen: Path | None = None, *, per: str = "gemeente"
) -> bytes:
    """De groepen (standaard de gemeenten) naast elkaar als HTML of PDF."""
    return teken(vergelijking_document(resultaat, datum, per), formaat, sjablonen)


@publiek
def schrijf_gemeenterapporten(
    resultaat: Resultaat,
    formaat: str,
    uit: Path | str,
    datum: dt.date,
    *,
    gemeente: str | None = None,
    sjablonen: Path | None = None,
    beschermd: Sequence[Path] = (),
    voortgang: Callable[[str], None] | None = None,
) -> list[Path]:
    """Met `gemeente`: één rapport naar bestand `uit`; zonder: één rapport per gemeente in map `uit`.

    Nooit in de invoer van `resultaat` (zie `bestanden.invoer_van`) of in `beschermd` (meer paden om te sparen).
    Eerst worden alle paden gecontroleerd en alle rapporten gemaakt, pas daarna geschreven: een fout bij de
    twintigste gemeente laat geen negentien rapporten (en geen nieuwe map) achter.
    """
    formaat = kies_formaat(formaat, FORMATEN)
    uit = Path(uit)
    gespaard = met_sjablonen((*invoer_van(resultaat), *beschermd), sjablonen)
    if gemeente is not None:
        controleer_uitvoerpad(uit, gespaard)
        inhoud = gemeente_rapport(resultaat, gemeente, formaat, datum, sjablonen)
        return [schrijf_atomair(uit, inhoud, beschermd=gespaard)]
    map_ = controleer_uitvoermap(uit, gespaard)
    namen = bestandsnamen([agg.gemeente or "" for agg in resultaat.gemeenten], formaat, uit)
    klaar: dict[Path, bytes] = {}
    for naam, bestand in namen.items():
        controleer_uitvoerpad(map_ / bestand, gespaard)
        if voortgang is not None:
            voortgang(naam)
        klaar[map_ / bestand] = gemeente_rapport(resultaat, naam, formaat, datum, sjablonen)
    return schrijf_bestanden(klaar, beschermd=gespaard)


@publiek
def schrijf_casusrapport(
    resultaat: Resultaat,
    formaat: str,
    uit: Path | str,
    datum: dt.date,
    *,
    sjablonen: Path | None = None,
    beschermd: Sequence[Path] = (),
) -> Path:
    """Het rapport van de casussen in het resultaat (één casus, of een casusboek) naar bestand `uit`.

    Nooit in de invoer van `resultaat` of in `beschermd`; het pad wordt gecontroleerd vóór het (bij een groot
    casusboek trage) opmaken.
    """
    formaat = kies_formaat(formaat, FORMATEN)
    gespaard = met_sjablonen((*invoer_van(resultaat), *beschermd), sjablonen)
    controleer_uitvoerpad(uit, gespaard)
    return schrijf_atomair(uit, casus_rapport(resultaat, formaat, datum, sjablonen), beschermd=gespaard)


@publiek
def schrijf_vergelijking(
    resultaat: Resultaat,
    formaat: str,
    uit: Path | str,
    datum: dt.date,
    *,
    sjablonen: Path | None = None,
    beschermd: Sequence[Path] = (),
    per: str = "gemeente",
) -> Path:
    """De groepen (`per`: gemeente, teammodel, leefgebied of jaar) naast elkaar naar bestand `uit`; nooit in de
    invoer van `resultaat` of in `beschermd`."""
    formaat = kies_formaat(formaat, FORMATEN)
    gespaard = met_sjablonen((*invoer_van(resultaat), *beschermd), sjablonen)
    controleer_uitvoerpad(uit, gespaard)
    inhoud = vergelijk_rapport(resultaat, formaat, datum, sjablonen, per=per)
    return schrijf_atomair(uit, inhoud, beschermd=gespaard)


def bestandsnamen(gemeenten: Sequence[str], formaat: str, uit: Path) -> dict[str, str]:
    """Per gemeente de bestandsnaam; twee gemeenten met dezelfde bestandsnaam (`Den Haag`, `Den-Haag`) zijn een fout.

    Een volgnummer erachter zou stil kiezen welk rapport bij welke naam hoort; de gebruiker weet welke spelling
    klopt.
    """
    namen: dict[str, str] = {}
    gezien: dict[str, str] = {}
    for gemeente in gemeenten:
        bestand = bestandsnaam(gemeente, formaat)
        eerder = gezien.setdefault(bestand.casefold(), gemeente)
        if eerder != gemeente:
            raise UitvoerFout(
                [
                    Melding(
                        str(uit),
                        None,
                        "gemeente",
                        f"gemeenten '{eerder}' en '{gemeente}' krijgen allebei het rapport {bestand}; "
                        "schrijf de gemeente in de casussen op één manier als het dezelfde is, of maak de "
                        "rapporten los met --gemeente en --uit",
                    )
                ]
            )
        namen[gemeente] = bestand
    return namen
