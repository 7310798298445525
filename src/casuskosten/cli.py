"""De opdrachtregel: zet argumenten om in aanroepen van de kern en toont het resultaat. Rekent zelf niets.

Elke opdracht die casussen leest, doet hetzelfde: opties -> `Invoeropties` -> één aanroep van de kern
(`pijplijn.bereken_invoer`) -> tonen of schrijven. De schrijvers van de kern beschermen de invoer zelf.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.text import Text
from typer._click import core as _klik_core
from typer._click import exceptions as _klik_fouten
from typer._click.formatting import HelpFormatter

from .fouten import CasuskostenFout, InvoerFout, Melding
from .uitvoer.scherm import console

if TYPE_CHECKING:  # pragma: no cover - alleen voor de typecontrole; de kern wordt pas in een opdracht geladen
    from .invoer.opties import Invoeropties
    from .rekenen.resultaat import Resultaat

# --- Nederlandse hulp --------------------------------------------------------------------------------------------
# typer en click hebben geen vertalingen: hun vaste hulpteksten zijn Engels. Alleen onze eigen opdrachten (cls=...)
# krijgen Nederlandse; typer en click zelf blijven onaangeroerd, ook na `import casuskosten.cli`. Wat typer niet per
# opdracht laat instellen (de koppen, [default: ...], [required]) staat alleen tijdens het opmaken van onze eigen
# hulp op zijn Nederlandse waarde. tests/test_cli_nederlands.py laat per vertaling zien wat typer anders toont.

#: typers vaste teksten in typer.rich_utils, met wat onze hulp in plaats daarvan toont
_TYPER_TEKSTEN: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "DEFAULT_STRING": "[standaard: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
}


@contextlib.contextmanager
def _nederlandse_teksten() -> Iterator[None]:
    """Typers vaste hulpteksten in het Nederlands, alleen zolang het blok duurt; daarna weer zoals ze waren."""
    import typer.rich_utils as teksten

    oud = {naam: getattr(teksten, naam) for naam in (*_TYPER_TEKSTEN, "highlighter")}
    kleuring = teksten.highlighter

    def met_spatie(tekst: Any) -> Any:
        """`--version, --versie` in plaats van typers `--version,--versie`."""
        return kleuring(tekst.replace(",", ", ") if isinstance(tekst, str) else tekst)

    try:
        for naam, tekst in _TYPER_TEKSTEN.items():
            setattr(teksten, naam, tekst)
        teksten.highlighter = met_spatie  # type: ignore[assignment]
        yield
    finally:
        for naam, waarde in oud.items():
            setattr(teksten, naam, waarde)


class _Argument(typer.core.TyperArgument):
    """Een argument toont in de hulp zijn naam (PAD), niet typers Python-typenaam (<list[Path]>) ernaast."""

    def display_type_rich(self, ctx: _klik_core.Context) -> str | None:
        return None


class _Optie(typer.core.TyperOption):
    """De kolom 'soort waarde' in de hulp: de metavar (JAAR, FILE, html|pdf ...), nooit een Python-typenaam zoals
    <bool> of <path>; een schakelaar krijgt niets."""

    def display_type_rich(self, ctx: _klik_core.Context) -> str | None:
        return None if self.is_flag else self.metavar


def _nederlands(param: _klik_core.Parameter) -> None:
    """Geef een parameter van typer de Nederlandse weergave hierboven (typer maakt ze zelf, zonder keuze van klasse)."""
    if isinstance(param, typer.core.TyperArgument):
        param.__class__ = _Argument
    elif isinstance(param, typer.core.TyperOption):
        param.__class__ = _Optie


class _NederlandseHulp(_klik_core.Command):
    """Hulp en gebruiksregel in het Nederlands: `Gebruik:`, `BESTAND...` en 'Toon deze hulp en stop.'."""

    def format_usage(self, ctx: _klik_core.Context, formatter: HelpFormatter) -> None:
        # typer zet een verplicht argument tussen accolades ({BESTAND}); gebruikelijk is BESTAND...
        delen = re.sub(r"\{([^{}]+)\}", r"\1", " ".join(self.collect_usage_pieces(ctx)))
        formatter.write_usage(ctx.command_path, delen, prefix="Gebruik: ")

    def get_help_option(self, ctx: _klik_core.Context) -> Any:
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
            _nederlands(optie)
        return optie

    def format_help(self, ctx: _klik_core.Context, formatter: HelpFormatter) -> None:
        for param in self.params:
            _nederlands(param)
        with _nederlandse_teksten():
            super().format_help(ctx, formatter)


class _Opdracht(_NederlandseHulp, typer.core.TyperCommand):
    """Een opdracht van casuskosten (`@app.command(cls=_Opdracht)`), met Nederlandse hulp."""


class _Groep(_NederlandseHulp, typer.core.TyperGroup):
    """De opdracht `casuskosten` zelf, met Nederlandse hulp."""


app = typer.Typer(
    name="casuskosten",
    help="Maatschappelijke businesscase van sociale wijkteams: casussen beprijzen en besparingen per gemeente "
    "optellen.\n\nVoorbeeld: casuskosten bereken casussen --tarieven tarieven",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=_Groep,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)

# alles wat deze consoles tonen is tekst, ook markup of stuurtekens uit een bestand, naam of pad (uitvoer/scherm.py);
# de opmaak van de tool zelf gaat met Text en stijlen
uit_console = console(width=None if sys.stdout.isatty() else 200)
fout_console = console(stderr=True, soft_wrap=True)

Paden = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Casusbestanden of mappen (recursief *.yaml/*.yml). Standaard: casussen/",
        show_default=False,
        metavar="PAD",
    ),
]
TarievenOptie = Annotated[
    Path | None,
    typer.Option(
        "--tarieven",
        help="Map met tarieftabellen (*.csv, *.xlsx) en prijsindex.csv. Standaard: tarieven/ in de werkmap, anders "
        "tarieven/ naast de casussen.",
        show_default=False,
        metavar="DIR",
    ),
]
PrijspeilOptie = Annotated[
    int | None,
    typer.Option(
        "--prijspeil",
        metavar="JAAR",
        help="Prijspeil (jaar) van alle bedragen. Standaard: het laatste jaar van de prijsindex.",
        show_default=False,
    ),
]
InstellingenOptie = Annotated[
    Path | None,
    typer.Option(
        "--instellingen",
        metavar="FILE",
        help="Instellingenbestand. Standaard: casuskosten.toml in de werkmap, als dat er is.",
        show_default=False,
    ),
]
SlaOverOptie = Annotated[
    bool,
    typer.Option(
        "--sla-ongeldige-over",
        help="Ga door zonder de ongeldige casussen; de uitvoer noemt welke zijn weggelaten en waarom.",
    ),
]


def _versie(waarde: bool) -> None:
    if waarde:
        from . import __version__

        uit_console.print(f"casuskosten {__version__}")
        raise typer.Exit


@app.callback()
def _hoofd(
    versie: Annotated[
        bool,
        typer.Option("--version", "--versie", callback=_versie, is_eager=True, help="Toon het versienummer en stop."),
    ] = False,
) -> None:
    """Maatschappelijke businesscase van sociale wijkteams."""


@contextlib.contextmanager
def _voortgangsbalk(omschrijving: str) -> Iterator[Callable[[int, int], None] | None]:
    """Een rich-voortgangsbalk voor lang werk op een terminal (vanaf 2.000 bestanden); anders niets."""
    if not fout_console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    # zonder eigen verversdraad (auto_refresh): het lezen in werkprocessen (fork) gebeurt alleen vanuit een proces
    # zonder andere draden; de balk ververst bij elke stap van de voortgang
    with Progress(console=fout_console, transient=True, auto_refresh=False) as balk:
        taak = balk.add_task(omschrijving, total=None, visible=False)

        def bij(gedaan: int, totaal: int) -> None:
            balk.update(taak, completed=gedaan, total=totaal, visible=totaal >= 2000, refresh=True)

        yield bij


def _invoeropties(
    paden: list[Path] | None,
    tarieven: Path | None,
    instellingen: Path | None,
    prijspeil: int | None = None,
    sla_ongeldige_over: bool = False,
    werkers: int | None = None,
) -> Invoeropties:
    """De gedeelde opties van elke opdracht die casussen leest, als één object voor de kern."""
    from .invoer.opties import STANDAARD_CASUSSEN, Invoeropties

    return Invoeropties(
        paden=tuple(paden or [Path(STANDAARD_CASUSSEN)]),
        tarieven=tarieven,
        instellingen=instellingen,
        prijspeil=prijspeil,
        sla_ongeldige_over=sla_ongeldige_over,
        werkers=werkers,
    )


def _lees(opties: Invoeropties, *, weggelaten_melden: bool = True, anoniem: bool = False) -> Resultaat:
    """De ene aanroep van de kern (met een voortgangsbalk bij veel bestanden); zegt op de terminal welke casussen
    met --sla-ongeldige-over niet meetellen."""
    from . import pijplijn

    with _voortgangsbalk("Casussen lezen") as voortgang:
        resultaat = pijplijn.bereken_invoer(opties, voortgang=voortgang)
    if weggelaten_melden:
        _meld_weggelaten(resultaat.overgeslagen)
    return resultaat.anoniem() if anoniem else resultaat


DetailsOptie = Annotated[
    bool,
    typer.Option("--details", help="Toon elke waarschuwing; zonder: per soort het aantal en de eerste drie."),
]


WerkersOptie = Annotated[
    int | None,
    typer.Option(
        "--werkers",
        metavar="AANTAL",
        min=1,
        help="Hoeveel kernen tegelijk rekenen (lezen vanaf 400 bestanden, en de onzekerheidsanalyse). Standaard: "
        "alle beschikbare kernen. De uitkomst is met elk aantal dezelfde.",
        show_default=False,
    ),
]


@app.command(cls=_Opdracht)
def controleer(
    paden: Paden = None,
    tarieven: TarievenOptie = None,
    instellingen: InstellingenOptie = None,
    streng: Annotated[
        bool,
        typer.Option(
            "--streng", help="Vermoedelijke persoonsgegevens (BSN, IBAN ...) zijn fouten, geen waarschuwingen."
        ),
    ] = False,
    details: DetailsOptie = False,
    werkers: WerkersOptie = None,
) -> None:
    """Controleer casussen en tarieftabellen; meldt alle problemen tegelijk en stopt met code 1 als er een is.

    Zoekt ook persoonsgegevens in de vrije tekst (gemaskeerd gemeld); met --streng zijn dat fouten.

    Voorbeeld: casuskosten controleer casussen/rotterdam --tarieven tarieven --streng
    """
    from .formaat import aantal
    from .invoer.validatie import begrensd
    from .pijplijn import controleer_invoer
    from .uitvoer.terminal import toon_fouten, waarschuwingen

    rapport = controleer_invoer(_invoeropties(paden, tarieven, instellingen, werkers=werkers), streng=streng)
    if rapport.waarschuwingen:
        uit_console.print(waarschuwingen(rapport.waarschuwingen, details=details))
    if rapport.fouten:
        toon_fouten(fout_console, begrensd(rapport.fouten))
        raise typer.Exit(1)
    uit_console.print(
        Text.assemble(
            ("In orde:", "green"),
            f" {aantal(rapport.aantal_casussen, 'casus', 'casussen')}, "
            f"{aantal(rapport.aantal_tariefregels, 'tariefregel', 'tariefregels')}, "
            f"{aantal(len(rapport.waarschuwingen), 'waarschuwing', 'waarschuwingen')}.",
        )
    )


@app.command(cls=_Opdracht)
def bereken(
    paden: Paden = None,
    tarieven: TarievenOptie = None,
    prijspeil: PrijspeilOptie = None,
    json_: Annotated[bool, typer.Option("--json", help="Geef de cijfers als JSON in plaats van tabellen.")] = False,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit", metavar="FILE", help="Schrijf naar dit bestand in plaats van naar het scherm.", show_default=False
        ),
    ] = None,
    instellingen: InstellingenOptie = None,
    sla_ongeldige_over: SlaOverOptie = False,
    details: DetailsOptie = False,
    werkers: WerkersOptie = None,
) -> None:
    """Beprijs beide trajecten van elke casus en toon de besparing per gemeente.

    Voorbeeld: casuskosten bereken casussen --tarieven tarieven --prijspeil 2016 --json --uit uitkomst.json
    """
    from .uitvoer.bestanden import invoer_van, schrijf_atomair

    opties = _invoeropties(paden, tarieven, instellingen, prijspeil, sla_ongeldige_over, werkers)
    resultaat = _lees(opties, weggelaten_melden=False)  # de tabellen en de JSON noemen de weggelaten casussen zelf
    if json_:
        if uit is not None:  # casus voor casus naar het bestand: bij 100.000 casussen niet alles tegelijk in geheugen
            schrijf_atomair(uit, resultaat.json_delen(), beschermd=invoer_van(resultaat))
            fout_console.print(f"JSON geschreven naar {uit}")
        elif sys.stdout.isatty():  # een mens leest mee: ingesprongen
            sys.stdout.write(json.dumps(resultaat.naar_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        else:
            sys.stdout.writelines(resultaat.json_delen())
        return
    from .uitvoer.terminal import toon_resultaat

    if uit is not None:
        opname = console(record=True, width=160, file=io.StringIO())
        toon_resultaat(opname, resultaat, details=details)
        schrijf_atomair(uit, opname.export_text(), beschermd=invoer_van(resultaat))
        fout_console.print(f"Tabellen geschreven naar {uit}")
        return
    toon_resultaat(uit_console, resultaat, details=details)


@app.command(cls=_Opdracht)
def nieuw(
    gemeente: Annotated[str, typer.Option("--gemeente", metavar="NAAM", help="De gemeente van de casus.")],
    id_: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Id van de casus. Standaard: het voorvoegsel van de bestaande casussen van de gemeente (RTD bij "
            "rtd-01.yaml) met het eerste vrije nummer, bijvoorbeeld RTD-09; zonder bestaande casussen de eerste drie "
            "letters van de gemeente, bijvoorbeeld ROT-01.",
            show_default=False,
        ),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="FILE",
            help="Pad van het nieuwe bestand. Standaard: casussen/<gemeente>/<id>.yaml.",
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        Path,
        typer.Option(
            "--schema",
            metavar="FILE",
            help="JSON Schema waar de eerste regel de editor naar "
            "verwijst (maak het met 'casuskosten schema --uit ...').",
        ),
    ] = Path("casus.schema.json"),
    sjablonen: Annotated[
        Path | None,
        typer.Option("--sjablonen", metavar="DIR", help="Map met een eigen kopie van templates/.", show_default=False),
    ] = None,
) -> None:
    """Schrijf een nieuw casusbestand met elk veld, uitleg per veld en de datum van vandaag.

    Het bestand wordt geweigerd door 'controleer' tot elke '<VUL IN ...>' is vervangen.

    Een bestaand bestand wordt nooit overschreven.

    Voorbeeld: casuskosten nieuw --gemeente Rotterdam --id RTD-09
    """
    from .invoer.nieuw import maak_casus

    pad = maak_casus(gemeente, id_=id_, uit=uit, schema=schema, sjablonen=sjablonen)
    uit_console.print(
        Text.assemble(
            "Nieuwe casus geschreven: ",
            (str(pad), "bold"),
            f". Vul elke '<VUL IN ...>' in en draai daarna 'casuskosten controleer {pad}'.",
        )
    )
    if not schema.exists():
        uit_console.print(f"Tip: 'casuskosten schema --uit {schema}' geeft uw editor aanvulling en controle.")


@app.command(cls=_Opdracht)
def schema(
    uit: Annotated[
        Path | None,
        typer.Option("--uit", metavar="FILE", help="Schrijf het schema naar dit bestand.", show_default=False),
    ] = None,
    tarieven: TarievenOptie = None,
    uitvoer: Annotated[
        bool,
        typer.Option(
            "--uitvoer",
            help="Het JSON Schema van de uitvoer (bereken --json, export --formaat json) in plaats van het "
            "casusformaat: elk veld met betekenis en eenheid.",
        ),
    ] = False,
) -> None:
    """Geef het JSON Schema van het casusformaat, voor aanvulling en controle in de editor.

    Bij 'tarief' de tariefcodes met omschrijving en prijs; eigen codes alleen bij hun gemeente.

    Met --uitvoer: het schema van de uitvoer, voor wie de JSON verder verwerkt.

    Zet bovenaan een casus: '# yaml-language-server: $schema=casus.schema.json'.

    Voorbeeld: casuskosten schema --uit casus.schema.json
    """
    from .invoer.schema import casus_schema
    from .invoer.tarieven import laad_tarieven
    from .pijplijn import kies_tariefmap, werkmapinvoer
    from .uitvoer.bestanden import schrijf_atomair

    # zonder eigen tariefmap: de codes van de meegeleverde landelijke tarieven
    map_ = kies_tariefmap(tarieven, [])
    if uitvoer:
        from .rekenen.resultaat import uitvoerschema

        tekst = json.dumps(uitvoerschema(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    else:
        tekst = json.dumps(casus_schema(laad_tarieven(map_)), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if uit is None:
        sys.stdout.write(tekst)
        return
    schrijf_atomair(uit, tekst, beschermd=werkmapinvoer(map_))
    fout_console.print(f"Schema geschreven naar {uit}")


@app.command("tarieven", cls=_Opdracht)
def tarieven_opzoeken(
    gemeente: Annotated[
        str | None,
        typer.Option(
            "--gemeente",
            metavar="NAAM",
            help="Toon de tarieven die voor deze gemeente gelden (eigen rijen gaan voor landelijke).",
            show_default=False,
        ),
    ] = None,
    zoek: Annotated[
        str | None, typer.Option("--zoek", metavar="TEKST", help="Zoek in code en omschrijving.", show_default=False)
    ] = None,
    prijspeil: PrijspeilOptie = None,
    tarieven: TarievenOptie = None,
    kopieer: Annotated[
        Path | None,
        typer.Option(
            "--kopieer",
            metavar="MAP",
            help="Kopieer de tarieftabellen en de prijsindex naar deze nieuwe map: het begin van eigen tarieven.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Zoek tariefcodes op: omschrijving, eenheid, prijs op prijspeil, jaar, financier, lijn, betrouwbaarheid, bron.

    De keuze per code is dezelfde als bij het beprijzen van een casus met dat tariefjaar.

    Voorbeeld: casuskosten tarieven --gemeente Westerveld --zoek begeleiding --prijspeil 2023

    Eigen tarieven beginnen: casuskosten tarieven --kopieer tarieven
    """
    from .invoer.tarieven import laad_tarieven, zoek_tarieven
    from .pijplijn import kies_tariefmap, kopieer_tarieven

    if kopieer is not None:
        geschreven = kopieer_tarieven(kies_tariefmap(tarieven, []), kopieer)
        namen = ", ".join(p.name for p in geschreven)
        uit_console.print(
            f"Tarieven gekopieerd naar {kopieer}: {namen}. Pas de prijzen en bronnen aan; casuskosten leest de map "
            f"vanzelf als ze 'tarieven' heet en in de werkmap of naast de casussen staat, anders met --tarieven.",
            markup=False,
            highlight=False,
        )
        return
    from .uitvoer.terminal import tarieventabel

    tabel = laad_tarieven(kies_tariefmap(tarieven, []))
    peil = tabel.prijsindex.peil(prijspeil, "--prijspeil")
    gevonden = zoek_tarieven(tabel, gemeente, peil, zoek)
    if not gevonden:
        uit_console.print(f"Geen tarieven gevonden{f' voor {zoek!r}' if zoek else ''}.")
        raise typer.Exit(1)
    uit_console.print(tarieventabel(gevonden, gemeente, peil, uit_console.width))


# --- export en rapporten -----------------------------------------------------------------------------------------


def _kies_formaat(formaat: str, geldig: tuple[str, ...]) -> str:
    """Het formaat in kleine letters, vóór het (trage) rekenen; een onbekend formaat noemt de geldige."""
    from .uitvoer.bestanden import kies_formaat

    return kies_formaat(formaat, geldig, "--formaat")


@app.command(cls=_Opdracht)
def export(
    paden: Paden = None,
    formaat: Annotated[
        str,
        typer.Option(
            "--formaat",
            metavar="xlsx|csv|csv-nl|json",
            help="xlsx, csv, csv-nl (puntkomma, decimale komma, BOM: voor Nederlandse Excel) of json.",
        ),
    ] = "xlsx",
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="PAD",
            help="Het bestand (xlsx, json) of de map (csv, csv-nl: één bestand per tabel). Standaard: "
            "uitvoer/casuskosten.xlsx, uitvoer/casuskosten.json of (csv) de map uitvoer/.",
            show_default=False,
        ),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            metavar="JJJJ-MM-DD",
            help="Aanmaakdatum van de xlsx, JJJJ-MM-DD (dezelfde invoer en datum geven dezelfde bytes). "
            "Standaard: vandaag.",
            show_default=False,
        ),
    ] = None,
    tarieven: TarievenOptie = None,
    prijspeil: PrijspeilOptie = None,
    instellingen: InstellingenOptie = None,
    sla_ongeldige_over: SlaOverOptie = False,
    werkers: WerkersOptie = None,
) -> None:
    """Exporteer alle cijfers voor analyse: Excel, CSV of JSON.

    xlsx: de werkbladen casussen, regels, gemeenten, financiers, waarschuwingen en instellingen.

    csv: één bestand per tabel in de map --uit; csv-nl hetzelfde voor Nederlandse Excel.

    json: hetzelfde als 'bereken --json'.

    Voorbeeld: casuskosten export casussen --formaat xlsx --uit uitvoer/casuskosten.xlsx
    """
    from .uitvoer.export import FORMATEN, exporteer
    from .uitvoer.rapporten import lees_datum

    gekozen_formaat = _kies_formaat(formaat, FORMATEN)
    op = lees_datum(datum)
    resultaat = _lees(_invoeropties(paden, tarieven, instellingen, prijspeil, sla_ongeldige_over, werkers))
    if uit is None:
        map_ = gekozen_formaat.startswith("csv")
        uit = Path("uitvoer") if map_ else Path("uitvoer") / f"casuskosten.{gekozen_formaat}"
    geschreven = exporteer(resultaat, gekozen_formaat, uit, datum=op)
    waar = uit if not gekozen_formaat.startswith("csv") else f"{uit}/ ({', '.join(p.name for p in geschreven)})"
    fout_console.print(f"Export ({gekozen_formaat}) geschreven naar {waar}")


RapportFormaatOptie = Annotated[
    str, typer.Option("--formaat", metavar="html|pdf", help="html (één zelfstandig bestand) of pdf.")
]
DatumOptie = Annotated[
    str | None,
    typer.Option(
        "--datum",
        metavar="JJJJ-MM-DD",
        help="Datum op het rapport, JJJJ-MM-DD. Standaard: vandaag.",
        show_default=False,
    ),
]
SjablonenOptie = Annotated[
    Path | None,
    typer.Option(
        "--sjablonen", metavar="DIR", help="Map met een eigen kopie van templates/ (huisstijl).", show_default=False
    ),
]


def _meld_weggelaten(overgeslagen: tuple[Any, ...]) -> None:
    """Met --sla-ongeldige-over: zeg op de terminal welke casussen niet meetellen (de uitvoer zelf noemt ze ook)."""
    from .uitvoer.terminal import toon_weggelaten

    if overgeslagen:
        fout_console.print(Text("LET OP", style="bold yellow"), end=" ")
        toon_weggelaten(fout_console, overgeslagen, "bold yellow")


@contextlib.contextmanager
def _rapportbalk(aantal: int) -> Iterator[Callable[[str], None] | None]:
    """Een voortgangsbalk per gemeenterapport op een terminal (`aantal` rapporten, 0: geen balk); anders niets."""
    if not aantal or not fout_console.is_terminal:
        yield None
        return
    from rich.markup import escape
    from rich.progress import Progress

    from .fouten import zichtbaar

    with Progress(console=fout_console, transient=True) as balk:
        taak = balk.add_task("Rapporten", total=aantal)

        def stap(naam: str) -> None:
            # de kolom van de balk leest markup: de gemeentenaam gaat er als tekst in
            balk.update(taak, advance=1, description=f"Rapport {escape(zichtbaar(naam))}")

        yield stap


AnoniemOptie = Annotated[
    bool,
    typer.Option(
        "--anoniem",
        help="Laat situatie, onderbouwing, beschrijvingen en toelichtingen weg (alleen cijfers en oordelen).",
    ),
]


@app.command(cls=_Opdracht)
def rapport(
    paden: Paden = None,
    gemeente: Annotated[
        str | None,
        typer.Option(
            "--gemeente",
            metavar="NAAM",
            help="Alleen het rapport van deze gemeente. Zonder: één rapport per gemeente in een map.",
            show_default=False,
        ),
    ] = None,
    formaat: RapportFormaatOptie = "html",
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="PAD",
            help="Het bestand (met --gemeente) of de map (zonder). Standaard: uitvoer/<gemeente>.<formaat> "
            "of uitvoer/.",
            show_default=False,
        ),
    ] = None,
    datum: DatumOptie = None,
    tarieven: TarievenOptie = None,
    prijspeil: PrijspeilOptie = None,
    instellingen: InstellingenOptie = None,
    sla_ongeldige_over: SlaOverOptie = False,
    sjablonen: SjablonenOptie = None,
    anoniem: AnoniemOptie = False,
    werkers: WerkersOptie = None,
) -> None:
    """Maak het rapport van een gemeente, of van elke gemeente.

    Met samenvatting, grafieken, financiers, doelen, gevoeligheid, de casussen als bijlage en de verantwoording.

    Voorbeeld: casuskosten rapport casussen --gemeente Rotterdam --formaat html --uit uitvoer/rotterdam.html
    """
    from .uitvoer.rapporten import FORMATEN, bestandsnaam, lees_datum, schrijf_gemeenterapporten

    gekozen_formaat = _kies_formaat(formaat, FORMATEN)
    op = lees_datum(datum)
    opties = _invoeropties(paden, tarieven, instellingen, prijspeil, sla_ongeldige_over, werkers)
    resultaat = _lees(opties, anoniem=anoniem)
    if uit is None:
        uit = Path("uitvoer") / bestandsnaam(gemeente, gekozen_formaat) if gemeente else Path("uitvoer")
    with _rapportbalk(len(resultaat.gemeenten) if gemeente is None else 0) as stap:
        geschreven = schrijf_gemeenterapporten(
            resultaat, gekozen_formaat, uit, op, gemeente=gemeente, sjablonen=sjablonen, voortgang=stap
        )
    for pad in geschreven:
        fout_console.print(f"Rapport geschreven: {pad}")


@app.command(cls=_Opdracht)
def casus(
    bestanden: Annotated[list[Path], typer.Argument(help="Eén of meer casusbestanden (of mappen).", metavar="BESTAND")],
    formaat: RapportFormaatOptie = "html",
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="FILE",
            help="Het rapportbestand. Standaard: uitvoer/<id>.<formaat> of uitvoer/casusboek.<formaat>.",
            show_default=False,
        ),
    ] = None,
    datum: DatumOptie = None,
    tarieven: TarievenOptie = None,
    prijspeil: PrijspeilOptie = None,
    instellingen: InstellingenOptie = None,
    sjablonen: SjablonenOptie = None,
    anoniem: AnoniemOptie = False,
    sla_ongeldige_over: SlaOverOptie = False,
    werkers: WerkersOptie = None,
) -> None:
    """Maak het rapport van één casus, of van meerdere als casusboek met inhoudsopgave.

    Voorbeeld: casuskosten casus casussen/rotterdam/rtd-01.yaml --formaat html --uit uitvoer/rtd-01.html
    """
    from .uitvoer.rapporten import FORMATEN, casusbestandsnaam, lees_datum, schrijf_casusrapport

    gekozen_formaat = _kies_formaat(formaat, FORMATEN)
    op = lees_datum(datum)
    opties = _invoeropties(bestanden, tarieven, instellingen, prijspeil, sla_ongeldige_over, werkers)
    resultaat = _lees(opties, anoniem=anoniem)
    if uit is None:
        ids = [cb.casus.id for cb in resultaat.casusbestanden]
        naam = casusbestandsnaam(ids[0], gekozen_formaat) if len(ids) == 1 else f"casusboek.{gekozen_formaat}"
        uit = Path("uitvoer") / naam
    aantal = len(resultaat.casusbestanden)
    # een groot casusboek duurt even: laat op een terminal zien dat er gewerkt wordt
    bezig = (
        fout_console.status(f"Casusboek van {aantal} casussen opmaken ({gekozen_formaat}) ...")
        if fout_console.is_terminal and aantal >= 50
        else contextlib.nullcontext()
    )
    with bezig:
        pad = schrijf_casusrapport(resultaat, gekozen_formaat, uit, op, sjablonen=sjablonen)
    fout_console.print(f"Rapport geschreven: {pad}")


@app.command(cls=_Opdracht)
def vergelijk(
    paden: Paden = None,
    formaat: RapportFormaatOptie = "html",
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="FILE",
            help="Het rapportbestand. Standaard: uitvoer/vergelijking.<formaat>.",
            show_default=False,
        ),
    ] = None,
    datum: DatumOptie = None,
    tarieven: TarievenOptie = None,
    prijspeil: PrijspeilOptie = None,
    instellingen: InstellingenOptie = None,
    sla_ongeldige_over: SlaOverOptie = False,
    sjablonen: SjablonenOptie = None,
    werkers: WerkersOptie = None,
    per: Annotated[
        str,
        typer.Option(
            "--per",
            metavar="gemeente|teammodel|leefgebied|jaar",
            help="Waarnaar groeperen: gemeente (standaard), teammodel, leefgebied of jaar (van de datum van de casus).",
        ),
    ] = "gemeente",
) -> None:
    """Zet de gemeenten (of teammodellen, leefgebieden, jaren) naast elkaar.

    Eerst of de groepen meer verschillen dan toeval in zo weinig casussen zou geven.

    Dan per groep de besparing per huishouden per jaar, eigen en gepoold (forest plot op naam), en de tabel.

    Voorbeeld: casuskosten vergelijk casussen --per teammodel --formaat pdf --uit uitvoer/vergelijking.pdf
    """
    from .uitvoer.rapporten import FORMATEN, lees_datum, schrijf_vergelijking

    gekozen_formaat = _kies_formaat(formaat, FORMATEN)
    op = lees_datum(datum)
    resultaat = _lees(_invoeropties(paden, tarieven, instellingen, prijspeil, sla_ongeldige_over, werkers))
    if uit is None:
        uit = Path("uitvoer") / f"vergelijking.{gekozen_formaat}"
    resultaat.vergelijk(per)  # een onbekende groepering is een fout vóór er iets geschreven wordt
    pad = schrijf_vergelijking(resultaat, gekozen_formaat, uit, op, sjablonen=sjablonen, per=per)
    fout_console.print(f"Vergelijking geschreven: {pad}")


#: de modules van het extra 'web' (pyproject.toml), met de naam van hun pakket
_WEB_EXTRA = (("starlette", "starlette"), ("uvicorn", "uvicorn"), ("python_multipart", "python-multipart"))


def _web_extra() -> None:
    """Stop met een Nederlandse melding als het extra 'web' (of een deel ervan) niet is geïnstalleerd."""
    import importlib

    ontbreekt = []
    for module, pakket in _WEB_EXTRA:
        try:
            importlib.import_module(module)
        except ImportError:
            ontbreekt.append(pakket)
    if ontbreekt:
        raise CasuskostenFout(
            f"de casussessie vraagt het extra 'web', en {', '.join(ontbreekt)} ontbreekt; installeer het met: "
            'pip install "casuskosten[web]"'
        )


@app.command(cls=_Opdracht)
def sessie(
    map_: Annotated[
        Path,
        typer.Argument(
            help="De casusmap: de sessie leest en schrijft alleen *.yaml in of onder deze map.", metavar="MAP"
        ),
    ] = Path("casussen"),
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            help="Ook bereikbaar in het lokale netwerk, voor deelnemers die op hun eigen apparaat meekijken: twee "
            "URL's met een geheim token, één voor de facilitator (schrijven) en één voor de deelnemers (alleen lezen).",
        ),
    ] = False,
    geen_browser: Annotated[
        bool, typer.Option("--geen-browser", help="Open de browser niet; de URL staat op het scherm.")
    ] = False,
    poort: Annotated[
        int | None,
        typer.Option(
            "--poort",
            metavar="POORT",
            help="Het poortnummer (1024-65535). Standaard: een vrije poort.",
            show_default=False,
        ),
    ] = None,
    tarieven: TarievenOptie = None,
    instellingen: InstellingenOptie = None,
) -> None:
    """Start de casussessie: een lokale webapp waarin u samen een casus opbouwt, live beprijsd en gecontroleerd.

    Standaard alleen op deze machine (127.0.0.1, een vrije poort) en de browser gaat open. Stop met Ctrl-C.

    Vraagt het extra 'web': pip install "casuskosten\\[web]".

    Voorbeeld: casuskosten sessie casussen --lan
    """
    if poort is not None and not 1 <= poort <= 65535:
        raise CasuskostenFout(f"--poort {poort}: kies een poort van 1024 tot en met 65535, of laat --poort weg")
    _web_extra()
    from .sessie.server import start

    start(
        map_,
        lan=lan,
        browser=not geen_browser,
        tarieven=tarieven,
        instellingen=instellingen,
        poort=poort or 0,
        melden=lambda regel: uit_console.print(regel, highlight=False, soft_wrap=True),
    )


def opdrachtnamen() -> list[str]:
    """De namen van alle opdrachten, zoals een gebruiker ze typt."""
    return [c.name or (c.callback.__name__.replace("_", "-") if c.callback else "") for c in app.registered_commands]


def _gebruiksfout(fout: _klik_fouten.UsageError) -> str:
    """Een fout in de aanroep (onbekende optie, ontbrekende waarde ...) in het Nederlands."""
    from .fouten import bedoelde_u

    if isinstance(fout, _klik_fouten.NoSuchOption):
        mogelijk = sorted(fout.possibilities or [])
        tip = bedoelde_u(fout.option_name, mogelijk) if mogelijk else ""
        return f"onbekende optie '{fout.option_name}'{tip}; zie --help voor de geldige opties"
    hint = ""
    if isinstance(fout, _klik_fouten.BadParameter) and fout.param is not None:
        hint = " / ".join(fout.param.opts) or str(fout.param.name)
    if isinstance(fout, _klik_fouten.MissingParameter):
        return f"{hint or 'een verplichte waarde'} ontbreekt; zie --help"
    if isinstance(fout, _klik_fouten.BadParameter):
        bericht = fout.message
        voorbeeld = "2016" if hint == "--prijspeil" else "2"
        if (grens := re.search(r"greater than or equal to (-?[0-9.]+)", bericht)) is not None:
            bericht = f"moet {grens.group(1)} of meer zijn"
        for engels, nederlands in (
            ("valid integer", f"verwacht een geheel getal, bijvoorbeeld {voorbeeld}"),
            ("valid number", "verwacht een getal"),
            ("valid float", "verwacht een getal"),
            ("valid boolean", "verwacht ja of nee"),
        ):
            if engels in bericht:
                bericht = nederlands
        return f"ongeldige waarde voor {hint}: {bericht.rstrip('.')}"
    bericht = fout.message
    if bericht.startswith("No such command"):
        naam = bericht.split("'")[1] if "'" in bericht else bericht
        opdrachten = opdrachtnamen()
        return f"onbekende opdracht '{naam}'{bedoelde_u(naam, opdrachten)}; kies uit: {', '.join(opdrachten)}"
    if bericht.startswith("Got unexpected extra argument"):
        return f"onverwacht extra argument {bericht.split('(', 1)[-1].rstrip(')')}; zie --help"
    return f"ongeldige aanroep: {bericht}; zie --help"


def main(argv: list[str] | None = None) -> Any:
    """Ingang van het commando `casuskosten`: fouten van de gebruiker worden hier, op één plek, netjes getoond.

    Fouten in de invoer en in de aanroep geven een Nederlandse melding en exitcode 1, zonder traceback.
    """
    try:
        with _stop_bij_signaal():
            uitkomst = app(args=argv, prog_name="casuskosten", standalone_mode=False)
    except _Beeindigd as stop:
        # de uitzondering is onderweg langs elke schrijver gekomen: die hebben hun tijdelijke bestanden en nieuwe
        # mappen al opgeruimd (zie bestanden.schrijf_bestanden), net als bij Ctrl-C
        fout_console.print(f"Beëindigd ({signal.Signals(stop.signaal).name}); er is niets half geschreven.")
        sys.exit(128 + stop.signaal)
    except CasuskostenFout as fout:
        _toon_fouten(fout.meldingen)
        sys.exit(1)
    except _klik_fouten.NoArgsIsHelpError as fout:
        uit_console.print(fout.ctx.get_help() if fout.ctx else "")
        sys.exit(0)
    except _klik_fouten.UsageError as fout:
        _toon_fouten([Melding(None, None, None, _gebruiksfout(fout))])
        sys.exit(1)
    except typer.Abort:
        fout_console.print("Afgebroken; er is niets half geschreven.")
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C buiten een opdracht (bij het starten)
        _afgebroken()
    if uitkomst == _CTRL_C:
        # typer vangt Ctrl-C binnen een opdracht zelf af en geeft (met standalone_mode=False) alleen exitcode 130
        # terug, zonder melding; geen van onze opdrachten eindigt zelf met 130
        _afgebroken()
    sys.exit(uitkomst if isinstance(uitkomst, int) else 0)


def _toon_fouten(meldingen: Sequence[Melding]) -> None:
    """Meldingen via de terminaluitvoer; pas hier geïmporteerd, want die laadt babel, pydantic en het privacymasker,
    en `--help` heeft die niet nodig (met het masker erbij kost dat ~0,7 s)."""
    from .invoer.validatie import begrensd
    from .uitvoer.terminal import toon_fouten

    toon_fouten(fout_console, begrensd(meldingen))


_CTRL_C = 130  # de gebruikelijke exitcode na SIGINT (128 + 2)


class _Beeindigd(BaseException):
    """SIGTERM of SIGHUP tijdens een opdracht; een BaseException, zodat typer en click hem niet opvangen en elke
    `except BaseException` onderweg (het alles-of-niets-schrijven) opruimt voordat het proces stopt."""

    def __init__(self, signaal: int) -> None:
        super().__init__(signaal)
        self.signaal = signaal


@contextlib.contextmanager
def _stop_bij_signaal() -> Iterator[None]:
    """SIGTERM (kill, systemd, een CI-time-out) en SIGHUP (het terminalvenster dicht) ruimen op zoals Ctrl-C: het
    signaal wordt een uitzondering in de hoofddraad. Alleen voor de duur van de opdracht; daarna de oude handlers
    terug (wie `main` vanuit Python aanroept, houdt de zijne)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signalen kunnen alleen in de hoofddraad worden afgehandeld
        return

    def stop(signaal: int, _frame: object) -> None:
        raise _Beeindigd(signaal)

    signalen = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    oud = {s: signal.signal(s, stop) for s in signalen}
    try:
        yield
    finally:
        for s, handler in oud.items():
            signal.signal(s, handler)


def _afgebroken() -> NoReturn:
    """Ctrl-C: zeg dat er niets half geschreven is (uitvoer gaat atomair) en stop met exitcode 130."""
    fout_console.print("Afgebroken; er is niets half geschreven.")
    sys.exit(_CTRL_C)


__all__ = ["InvoerFout", "Melding", "app", "main"]
