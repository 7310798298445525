"""Het resultaat als rich-tabellen voor de terminal. Rekent niets zelf uit: leest alleen het `Resultaat`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import formaat as f
from ..benamingen import PERSPECTIEFNAMEN, financiernaam, waarschuwingstitel
from ..fouten import Melding, zichtbaar
from ..invoer.casussen import aantal_casussen

if TYPE_CHECKING:  # alleen voor typen: de hulp en foutmeldingen moeten zonder pandas kunnen
    from ..fouten import Waarschuwing
    from ..invoer.casussen import Overgeslagen
    from ..invoer.tarieven import TariefOpPeil
    from ..rekenen.resultaat import Resultaat
    from ..rekenen.waarden import Aggregaat


def kernboodschappen(resultaat: Resultaat) -> Group:
    """Eerst het antwoord: de kernboodschap van het totaal en van elke gemeente, en de tabel per casus per jaar."""
    tabel = _tabel(
        "Per huishouden per jaar, na correctie (maatschappelijk, in euro's)",
        ("Casussen", "Besparing", "95%-interval", "Kans op besparing"),
    )
    for agg in [*resultaat.gemeenten, None]:
        a = agg or resultaat.totaal
        if agg is None:
            tabel.add_section()
        antwoord = a.antwoord
        interval = antwoord.interval95
        tabel.add_row(
            a.gemeente or "Totaal",
            str(a.aantal_casussen),
            f.getal(antwoord.schatting, 0),
            f"[{f.getal(interval[0], 0)} – {f.getal(interval[1], 0)}]" if interval else "te weinig casussen",
            f.kans(antwoord.kans_besparing),
            style="bold" if agg is None else None,
        )
    regels: list[RenderableType] = [Text(resultaat.totaal.kernboodschap, style="bold")]
    regels.extend(Text(g.kernboodschap) for g in resultaat.gemeenten)
    uitleg = Text(
        "Besparing: gemiddelde besparing per huishouden per jaar na zekerheidscorrectie; negatief = meerkosten. "
        "Interval en kans: uit de simulatie, waarin tarieven en kansen onzeker zijn en meetelt dat het maar een "
        "handvol casussen is. Kans op besparing: de kans dat deze besparing per huishouden per jaar positief is.",
        style="dim",
    )
    return Group(*regels, Text(""), tabel, uitleg)


def perspectieftabel(agg: Aggregaat, titel: str) -> Table:
    """Dezelfde casussen vanuit drie perspectieven: maatschappij, collectief en gemeentebegroting."""
    tabel = Table(title=titel, title_justify="left")
    tabel.add_column("Perspectief")
    for kop in ("Vóór 2015", "Team", "Besparing", "%"):
        tabel.add_column(kop, justify="right", no_wrap=True)
    for naam, p in agg.per_perspectief.items():
        tabel.add_row(
            PERSPECTIEFNAMEN[naam],
            f.getal(p.kosten_voor_2015, 0),
            f.getal(p.kosten_sociaal_team, 0),
            f.getal(p.besparing, 0),
            f.procent(p.besparing_pct),
        )
    return tabel


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
        "2015, met 95%-interval (bootstrap over casussen, BCa). Gecorr.: na zekerheidscorrectie op de vermeden "
        "kosten. Gem. en Mediaan: van de percentages per casus.",
        style="dim",
    )
    return Group(kosten, Text(""), procenten, uitleg)


def opschalingtabel(resultaat: Resultaat) -> Group | None:
    """Wat betekent dit per jaar? De opgeschaalde besparing en formatie per gemeente met [opschaling]; None als geen
    enkele gemeente er een heeft."""
    opgeschaald = [(a.gemeente or "", a.opschaling) for a in resultaat.gemeenten if a.opschaling is not None]
    if not opgeschaald:
        return None
    # bedragen in duizenden euro's en de fte's in één kolom, zodat de tabel op 80 kolommen past
    tabel = _tabel(
        "Wat betekent dit per jaar? (na correctie, in duizenden euro's)",
        ("Aantal", "Besparing", "95%-interval", "Kans", "Fte (+/−)"),
    )
    for naam, o in opgeschaald:
        interval = o.interval95
        fte = f.getal(o.benodigde_fte, 1)
        if o.fte_verschil is not None:
            fte += f" ({f.getal(o.fte_verschil, 1)})"
        tabel.add_row(
            naam,
            f.getal(o.casussen_per_jaar, 0),
            f.getal(o.besparing_per_jaar_gecorrigeerd / 1000, 0),
            f"[{f.getal(interval[0] / 1000, 0)} – {f.getal(interval[1] / 1000, 0)}]" if interval else "–",
            f.kans(o.kans_besparing),
            fte,
        )
    niet = [a.gemeente for a in resultaat.gemeenten if a.opschaling is None and a.gemeente]
    uitleg = (
        "Aantal: huishoudens per jaar. Besparing: per jaar, het aantal x de besparing per casus per jaar (gewogen "
        "naar de verdeling per zwaarte als die er is), met 95%-interval uit de simulatie. Fte: teamuren per casus x "
        "aantal "
        "/ productieve uren per fte; tussen haakjes: nodig min huidige fte. Aangenomen is dat de casussen typisch "
        "zijn voor de caseload; zie de waarschuwingen."
    )
    if niet:
        uitleg += f" Niet opgeschaald (geen [opschaling] in casuskosten.toml): {', '.join(niet)}."
    return Group(tabel, Text(uitleg, style="dim"))


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
    for kop in ("Vóór 2015", "Sociaal team", "Besparing"):
        tabel.add_column(kop, justify="right", no_wrap=True)
    tabel.add_column("Rol")
    for fin in agg.per_financier:
        kleur = {"bespaart": "green", "investeert": "red"}.get(fin.rol, "")
        tabel.add_row(
            financiernaam(fin.financier),
            f.euro(fin.kosten_voor_2015),
            f.euro(fin.kosten_sociaal_team),
            f.euro(fin.besparing),
            Text(fin.rol, style=kleur),
        )
    return tabel


#: zoveel voorbeelden per soort waarschuwing zonder --details
VOORBEELDEN = 3


def waarschuwingen(lijst: Iterable[Waarschuwing], *, details: bool = False) -> RenderableType:
    """De waarschuwingen per soort: titel, code en aantal, met de eerste paar (of met `details` alle) meldingen.

    Dezelfde melding (per casus, per gemeente en voor het totaal) staat er één keer; 40 waarschuwingen duwen zo
    de tabellen niet van het scherm.
    """
    per_soort: dict[str, dict[str, None]] = {}
    for w in lijst:
        per_soort.setdefault(w.code, {}).setdefault(w.melding, None)
    totaal = sum(len(m) for m in per_soort.values())
    kop = f"{totaal} {'waarschuwing' if totaal == 1 else 'waarschuwingen'}"
    if len(per_soort) > 1:
        kop += f" van {len(per_soort)} soorten"
    if not details and any(len(m) > VOORBEELDEN for m in per_soort.values()):
        kop += " (alle meldingen: --details)"
    regels: list[RenderableType] = [Text(kop, style="bold yellow")]
    for code, meldingen in per_soort.items():
        regels.append(
            Text.assemble(
                ("LET OP ", "bold yellow"),
                (waarschuwingstitel(code), "bold"),
                (f" [{code}]", "dim"),
                f": {len(meldingen)}×",
            )
        )
        getoond = list(meldingen) if details else list(meldingen)[:VOORBEELDEN]
        regels.extend(Text("  " + m, overflow="fold") for m in getoond)
        if len(meldingen) > len(getoond):
            regels.append(Text(f"  en nog {len(meldingen) - len(getoond)}", style="dim"))
    return Group(*regels)


def toon_resultaat(console: Console, resultaat: Resultaat, *, details: bool = False) -> None:
    """De terminaluitvoer van `bereken`: eerst het antwoord, dan de cijfers die het onderbouwen; de waarschuwingen
    per soort (met `details` elke melding)."""
    console.print(kernboodschappen(resultaat))
    console.print()
    console.print(gemeententabel(resultaat))
    console.print(
        Text(
            "Gecorrigeerd: vermeden kosten vóór 2015 verlaagd naar zekerheid (hoog "
            f"{f.aandeel(resultaat.instellingen.correctie.hoog)}, middel "
            f"{f.aandeel(resultaat.instellingen.correctie.middel)}, laag "
            f"{f.aandeel(resultaat.instellingen.correctie.laag)}); discontovoet "
            f"{f.procent(resultaat.instellingen.discontovoet * 100, 2)}.",
            style="dim",
        )
    )
    per_jaar = opschalingtabel(resultaat)
    if per_jaar is not None:
        console.print()
        console.print(per_jaar)
    console.print()
    console.print(
        Group(
            perspectieftabel(resultaat.totaal, "Drie perspectieven (alle casussen, in euro's)"),
            Text(
                "Maatschappelijk: alle kosten, zonder overdrachten zoals bijstand (die verschuiven geld). "
                "Collectief: gemeente, zorgverzekeraar, Wlz, Rijk, politie en justitie, met overdrachten. "
                "Gemeentebegroting: alleen de gemeentelijke financiers, met overdrachten.",
                style="dim",
            ),
        )
    )
    console.print()
    console.print(financiertabel(resultaat.totaal, "Wie investeert, wie bespaart (alle casussen)"))
    alle = resultaat.alle_waarschuwingen()
    if alle:
        console.print()
        console.print(waarschuwingen(alle, details=details))
    if resultaat.overgeslagen:
        console.print()
        toon_weggelaten(console, resultaat.overgeslagen, "bold red")


def toon_weggelaten(console: Console, overgeslagen: Sequence[Overgeslagen], stijl: str) -> None:
    """Per weggelaten casus het bestand (met id en gemeente als bekend) en daaronder elke melding."""
    console.print(Text(f"{aantal_casussen(len(overgeslagen))} ongeldig, overgeslagen:", style=stijl))
    for casus in overgeslagen:
        console.print(Text("  " + zichtbaar(casus.omschrijving)))
        for melding in casus.meldingen:
            console.print(Text("    " + str(melding)))


def toon_fouten(console: Console, meldingen: Iterable[Melding]) -> None:
    """Fouten in rood, één per regel, zonder traceback."""
    lijst = list(meldingen)
    for m in lijst:
        console.print(Text.assemble(("FOUT ", "bold red"), str(m)))
    if len(lijst) > 1:
        console.print(Text(f"{len(lijst)} fouten gevonden", style="bold red"))


#: vanaf deze breedte toont `tarieven` elke kolom apart, met jaar, geldt voor, lijn en bron
BREED = 140


def tarieventabel(tarieven: Iterable[TariefOpPeil], gemeente: str | None, peil: int, breedte: int = BREED) -> Table:
    """De tarieven die voor een gemeente gelden, met prijs op prijspeil en betrouwbaarheid; op een breed scherm
    (`breedte` >= `BREED`) elke kolom apart, met jaar, geldt voor, lijn en bron.

    Smaller (80 kolommen) staan code, omschrijving en financier onder elkaar in één kolom en vallen jaar, lijn,
    geldt voor en bron weg: liever minder kolommen dan "Omsc…", een bedrag over twee regels en één woord per regel.
    Codes en bedragen breken nooit; omschrijvingen alleen op spaties.
    """
    titel = f"Tarieven {'voor ' + gemeente if gemeente else 'landelijk'} (prijspeil {peil})"
    tabel = Table(title=titel, title_justify="left")
    if breedte < BREED:
        tabel.add_column("Tarief (financier)", ratio=1)
        tabel.add_column("Prijs", justify="right", no_wrap=True)
        tabel.add_column("Betr.", no_wrap=True)
        for t in tarieven:
            r = t.regel
            eigen = f"; {r.gemeente}" if t.eigen_gemeente and r.gemeente else ""
            tarief = Text.assemble(
                (r.code, "bold"), "\n", r.omschrijving, "\n", (financiernaam(r.financier) + eigen, "dim")
            )
            tabel.add_row(tarief, f"{f.euro(t.prijs, 2)} per {r.eenheid}", r.betrouwbaarheid)
        return tabel
    tabel.add_column("Code", no_wrap=True)
    tabel.add_column("Omschrijving", ratio=2)
    tabel.add_column("Prijs", justify="right", no_wrap=True)
    tabel.add_column("Eenheid", no_wrap=True)
    tabel.add_column("Jaar", justify="right", no_wrap=True)
    tabel.add_column("Geldt voor")
    tabel.add_column("Financier", ratio=1)
    tabel.add_column("Lijn", justify="right", no_wrap=True)
    tabel.add_column("Betrouwbaarheid", no_wrap=True)
    tabel.add_column("Bron", ratio=2)
    for t in tarieven:
        r = t.regel
        tabel.add_row(
            r.code,
            r.omschrijving,
            f.euro(t.prijs, 2),
            r.eenheid,
            str(r.jaar),
            r.gemeente if t.eigen_gemeente and r.gemeente else "landelijk",
            financiernaam(r.financier),
            str(r.lijn),
            r.betrouwbaarheid,
            r.bron,
        )
    return tabel
