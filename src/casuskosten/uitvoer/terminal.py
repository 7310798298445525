"""Het resultaat als rich-tabellen voor de terminal. Rekent niets zelf uit: leest alleen het `Resultaat`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import formaat as f
from ..fouten import Melding

if TYPE_CHECKING:  # alleen voor typen: de hulp en foutmeldingen moeten zonder pandas kunnen
    from ..fouten import Waarschuwing
    from ..invoer.tarieven import TariefOpPeil
    from ..rekenen.resultaat import Aggregaat, Resultaat


def gemeententabel(resultaat: Resultaat) -> Group:
    """Per gemeente plus het totaal, in twee smalle tabellen (kosten en percentages) die ook op 80 kolommen passen."""
    kosten = _tabel(
        f"Kosten per gemeente (prijspeil {resultaat.prijspeil}, contante waarde, in euro's)",
        ("Casussen", "Vóór 2015", "Team", "Besparing", "Goedkoper"),
    )
    procenten = _tabel(
        "Besparing in procenten van de kosten vóór 2015",
        ("Sommen", "95%-interval", "Gecorr.", "Gem.", "Mediaan"),
    )
    groepen = [*resultaat.gemeenten, None]
    for agg in groepen:
        a = agg or resultaat.totaal
        stijl = "bold" if agg is None else None
        if agg is None:
            kosten.add_section()
            procenten.add_section()
        naam = a.gemeente or "Totaal"
        kosten.add_row(
            naam,
            str(a.aantal_casussen),
            f.getal(a.kosten_voor_2015, 0),
            f.getal(a.kosten_sociaal_team, 0),
            f.getal(a.besparing, 0),
            f"{a.aantal_met_besparing} van {a.aantal_casussen}",
            style=stijl,
        )
        procenten.add_row(
            naam,
            f.procent(a.besparing_pct),
            f.interval(a.besparing_pct_ci95),
            f.procent(a.besparing_pct_gecorrigeerd),
            f.procent(a.besparing_pct_gemiddeld),
            f.procent(a.besparing_pct_mediaan),
            style=stijl,
        )
    uitleg = Text(
        "Goedkoper: casussen waarin het sociaal team goedkoper was. Sommen: (som vóór 2015 − som team) / som vóór "
        "2015, met 95%-interval (bootstrap). Gecorr.: na zekerheidscorrectie. Gem. en Mediaan: van de percentages "
        "per casus.",
        style="dim",
    )
    return Group(kosten, Text(""), procenten, uitleg)


def _tabel(titel: str, koppen: tuple[str, ...]) -> Table:
    tabel = Table(title=titel, title_justify="left")
    tabel.add_column("Gemeente", overflow="fold")
    for kop in koppen:
        tabel.add_column(kop, justify="right", no_wrap=True)  # getallen nooit afkappen of breken
    return tabel


def financiertabel(agg: Aggregaat, titel: str) -> Table:
    """Wie investeert, wie bespaart."""
    tabel = Table(title=titel, title_justify="left")
    tabel.add_column("Financier")
    for kop in ("Voor 2015", "Sociaal team", "Besparing"):
        tabel.add_column(kop, justify="right")
    tabel.add_column("Rol")
    for fin in agg.per_financier:
        kleur = {"bespaart": "green", "investeert": "red"}.get(fin.rol, "")
        tabel.add_row(
            fin.financier,
            f.euro(fin.kosten_voor_2015),
            f.euro(fin.kosten_sociaal_team),
            f.euro(fin.besparing),
            Text(fin.rol, style=kleur),
        )
    return tabel


def waarschuwingen(lijst: Iterable[Waarschuwing]) -> RenderableType:
    """Alle waarschuwingen, één per regel."""
    regels = [Text.assemble(("LET OP ", "bold yellow"), (f"[{w.code}] ", "dim"), w.melding) for w in lijst]
    return Group(*regels)


def toon_resultaat(console: Console, resultaat: Resultaat) -> None:
    """De terminaluitvoer van `bereken`."""
    console.print(gemeententabel(resultaat))
    console.print(
        Text(
            "Gecorrigeerd: voor_2015 verlaagd naar zekerheid (hoog "
            f"{f.aandeel(resultaat.instellingen.correctie.hoog)}, middel "
            f"{f.aandeel(resultaat.instellingen.correctie.middel)}, laag "
            f"{f.aandeel(resultaat.instellingen.correctie.laag)}); discontovoet "
            f"{f.procent(resultaat.instellingen.discontovoet * 100, 2)}.",
            style="dim",
        )
    )
    console.print()
    console.print(financiertabel(resultaat.totaal, "Wie investeert, wie bespaart (alle casussen)"))
    alle = resultaat.alle_waarschuwingen()
    if alle:
        console.print()
        console.print(Text(f"{len(alle)} waarschuwingen", style="bold yellow"))
        console.print(waarschuwingen(alle))
    if resultaat.overgeslagen:
        console.print()
        console.print(Text(f"{len(resultaat.overgeslagen)} ongeldige casussen overgeslagen:", style="bold red"))
        for reden in resultaat.overgeslagen:
            console.print(Text("  " + reden))


def toon_fouten(console: Console, meldingen: Iterable[Melding]) -> None:
    """Fouten in rood, één per regel, zonder traceback."""
    lijst = list(meldingen)
    for m in lijst:
        console.print(Text.assemble(("FOUT ", "bold red"), str(m)))
    if len(lijst) > 1:
        console.print(Text(f"{len(lijst)} fouten gevonden", style="bold red"))


def tarieventabel(tarieven: Iterable[TariefOpPeil], gemeente: str | None, peil: int) -> Table:
    """De tarieven die voor een gemeente gelden, met prijs op prijspeil en bron."""
    titel = f"Tarieven {'voor ' + gemeente if gemeente else 'landelijk'} (prijspeil {peil})"
    tabel = Table(title=titel, title_justify="left")
    for kop, rechts in (
        ("Code", False),
        ("Omschrijving", False),
        ("Eenheid", False),
        ("Prijs", True),
        ("Jaar", True),
        ("Geldt voor", False),
        ("Financier", False),
        ("Lijn", True),
        ("Betrouwbaarheid", False),
        ("Bron", False),
    ):
        tabel.add_column(kop, justify="right" if rechts else "left", no_wrap=kop == "Code")
    for t in tarieven:
        r = t.regel
        tabel.add_row(
            r.code,
            r.omschrijving,
            r.eenheid,
            f.euro(t.prijs, 2),
            str(r.jaar),
            r.gemeente if t.eigen_gemeente and r.gemeente else "landelijk",
            r.financier,
            str(r.lijn),
            r.betrouwbaarheid,
            r.bron,
        )
    return tabel
