"""De opdrachtregel: zet argumenten om in aanroepen van de kern en toont het resultaat. Rekent zelf niets."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.rich_utils as _ru
from rich.console import Console

from .fouten import CasuskostenFout, InvoerFout, Melding

# typer toont koppen in het Engels; de gebruikers van dit hulpmiddel lezen Nederlands
_ru.ARGUMENTS_PANEL_TITLE = "Argumenten"
_ru.OPTIONS_PANEL_TITLE = "Opties"
_ru.COMMANDS_PANEL_TITLE = "Opdrachten"
_ru.DEFAULT_STRING = "[standaard: {}]"
_ru.REQUIRED_LONG_STRING = "[verplicht]"

app = typer.Typer(
    name="casuskosten",
    help="Maatschappelijke businesscase van sociale wijkteams: casussen beprijzen en besparingen per gemeente "
    "optellen.\n\nVoorbeeld: casuskosten bereken casussen --tarieven tarieven",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

uit_console = Console(width=None if sys.stdout.isatty() else 200)
fout_console = Console(stderr=True, soft_wrap=True)

Paden = Annotated[
    list[Path] | None,
    typer.Argument(help="Casusbestanden of mappen (recursief *.yaml/*.yml). Standaard: casussen/", show_default=False),
]
TarievenOptie = Annotated[
    Path, typer.Option("--tarieven", help="Map met tarieftabellen (*.csv, *.xlsx) en prijsindex.csv.")
]
PrijspeilOptie = Annotated[
    int | None,
    typer.Option(
        "--prijspeil",
        help="Prijspeil (jaar) van alle bedragen. Standaard: het laatste jaar van de prijsindex.",
        show_default=False,
    ),
]
InstellingenOptie = Annotated[
    Path | None,
    typer.Option(
        "--instellingen",
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


def _paden(paden: list[Path] | None) -> list[Path]:
    return list(paden) if paden else [Path("casussen")]


@app.command()
def controleer(
    paden: Paden = None,
    tarieven: TarievenOptie = Path("tarieven"),
    instellingen: InstellingenOptie = None,
    streng: Annotated[
        bool,
        typer.Option(
            "--streng", help="Vermoedelijke persoonsgegevens (BSN, IBAN ...) zijn fouten, geen waarschuwingen."
        ),
    ] = False,
) -> None:
    """Controleer casussen en tarieftabellen; meldt alle problemen tegelijk en stopt met code 1 als er een is.

    Zoekt ook persoonsgegevens in de vrije tekst (gemaskeerd gemeld); met --streng zijn dat fouten.

    Voorbeeld: casuskosten controleer casussen/rotterdam --tarieven tarieven --streng
    """
    from .controleren import controleer_alles
    from .terminal import toon_fouten, waarschuwingen

    rapport = controleer_alles(_paden(paden), tarieven, instellingen, streng=streng)
    if rapport.waarschuwingen:
        uit_console.print(waarschuwingen(rapport.waarschuwingen))
    if rapport.fouten:
        toon_fouten(fout_console, rapport.fouten)
        raise typer.Exit(1)
    uit_console.print(
        f"[green]In orde:[/green] {rapport.aantal_casussen} casussen, {rapport.aantal_tariefregels} "
        f"tariefregels, {len(rapport.waarschuwingen)} waarschuwingen."
    )


@app.command()
def bereken(
    paden: Paden = None,
    tarieven: TarievenOptie = Path("tarieven"),
    prijspeil: PrijspeilOptie = None,
    json_: Annotated[bool, typer.Option("--json", help="Geef de cijfers als JSON in plaats van tabellen.")] = False,
    uit: Annotated[
        Path | None,
        typer.Option("--uit", help="Schrijf naar dit bestand in plaats van naar het scherm.", show_default=False),
    ] = None,
    instellingen: InstellingenOptie = None,
    sla_ongeldige_over: SlaOverOptie = False,
) -> None:
    """Beprijs beide trajecten van elke casus en toon de besparing per gemeente.

    Voorbeeld: casuskosten bereken casussen --tarieven tarieven --prijspeil 2016 --json --uit uitkomst.json
    """
    from .instellingen import laad_instellingen
    from .pijplijn import bereken as bereken_kern
    from .uitvoer import schrijf_atomair

    gekozen = laad_instellingen(instellingen, prijspeil=prijspeil)
    resultaat = bereken_kern(_paden(paden), tarieven, gekozen, sla_ongeldige_over=sla_ongeldige_over)
    beschermd = (*_paden(paden), tarieven)
    if json_:
        # ingesprongen alleen voor een mens aan een terminal: de compacte vorm gebruikt de snelle C-encoder
        inspringen = 2 if uit is None and sys.stdout.isatty() else None
        tekst = json.dumps(resultaat.naar_dict(), ensure_ascii=False, indent=inspringen)
        if uit is not None:
            schrijf_atomair(uit, tekst + "\n", beschermd=beschermd)
            fout_console.print(f"JSON geschreven naar {uit}")
        else:
            sys.stdout.write(tekst + "\n")
        return
    from .terminal import toon_resultaat

    if uit is not None:
        opname = Console(record=True, width=160, file=open(Path("/dev/null"), "w"))  # noqa: SIM115
        toon_resultaat(opname, resultaat)
        schrijf_atomair(uit, opname.export_text(), beschermd=beschermd)
        fout_console.print(f"Tabellen geschreven naar {uit}")
        return
    toon_resultaat(uit_console, resultaat)


@app.command()
def nieuw(
    gemeente: Annotated[str, typer.Option("--gemeente", help="De gemeente van de casus.")],
    id_: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="Id van de casus. Standaard: de eerste drie letters van de "
            "gemeente en het eerste vrije nummer, bijvoorbeeld ROT-03.",
            show_default=False,
        ),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit", help="Pad van het nieuwe bestand. Standaard: casussen/<gemeente>/<id>.yaml.", show_default=False
        ),
    ] = None,
    schema: Annotated[
        Path,
        typer.Option(
            "--schema",
            help="JSON Schema waar de eerste regel de editor naar "
            "verwijst (maak het met 'casuskosten schema --uit ...').",
        ),
    ] = Path("casus.schema.json"),
    sjablonen: Annotated[
        Path | None, typer.Option("--sjablonen", help="Map met een eigen kopie van templates/.", show_default=False)
    ] = None,
) -> None:
    """Schrijf een nieuw casusbestand met elk veld, uitleg per veld en de datum van vandaag.

    Het bestand wordt geweigerd door 'controleer' tot elke '<VUL IN ...>' is vervangen. Een bestaand bestand wordt
    nooit overschreven.

    Voorbeeld: casuskosten nieuw --gemeente Rotterdam --id RTD-09
    """
    from .nieuw import maak_casus

    pad = maak_casus(gemeente, id_=id_, uit=uit, schema=schema, sjablonen=sjablonen)
    uit_console.print(
        f"Nieuwe casus geschreven: [bold]{pad}[/bold]. Vul elke '<VUL IN ...>' in en draai daarna "
        f"'casuskosten controleer {pad}'."
    )
    if not schema.exists():
        uit_console.print(f"Tip: 'casuskosten schema --uit {schema}' geeft uw editor aanvulling en controle.")


@app.command()
def schema(
    uit: Annotated[
        Path | None, typer.Option("--uit", help="Schrijf het schema naar dit bestand.", show_default=False)
    ] = None,
    tarieven: TarievenOptie = Path("tarieven"),
) -> None:
    """Geef het JSON Schema van het casusformaat, voor aanvulling en controle in de editor.

    De tariefcodes uit de tarieftabellen verschijnen als suggesties bij 'tarief'. Zet bovenaan een casus:
    '# yaml-language-server: $schema=casus.schema.json'.

    Voorbeeld: casuskosten schema --uit casus.schema.json
    """
    from .schema import casus_schema
    from .tarieven import laad_tarieven
    from .uitvoer import schrijf_atomair

    codes = laad_tarieven(tarieven).alle_codes() if tarieven.is_dir() else []
    tekst = json.dumps(casus_schema(codes), ensure_ascii=False, indent=2) + "\n"
    if uit is None:
        sys.stdout.write(tekst)
        return
    schrijf_atomair(uit, tekst, beschermd=(tarieven,))
    fout_console.print(f"Schema geschreven naar {uit}")


@app.command("tarieven")
def tarieven_opzoeken(
    gemeente: Annotated[
        str | None,
        typer.Option(
            "--gemeente",
            help="Toon de tarieven die voor deze gemeente gelden (eigen rijen gaan voor landelijke).",
            show_default=False,
        ),
    ] = None,
    zoek: Annotated[
        str | None, typer.Option("--zoek", help="Zoek in code en omschrijving.", show_default=False)
    ] = None,
    prijspeil: PrijspeilOptie = None,
    tarieven: TarievenOptie = Path("tarieven"),
) -> None:
    """Zoek tariefcodes op: omschrijving, eenheid, prijs op prijspeil, jaar, financier, lijn, betrouwbaarheid, bron.

    De keuze per code is dezelfde als bij het beprijzen van een casus met dat tariefjaar.

    Voorbeeld: casuskosten tarieven --gemeente Westerveld --zoek begeleiding --prijspeil 2023
    """
    from .tarieven import laad_tarieven, zoek_tarieven
    from .terminal import tarieventabel

    tabel = laad_tarieven(tarieven)
    peil = prijspeil or tabel.prijsindex.laatste_jaar
    if peil not in tabel.prijsindex.cijfers:
        raise InvoerFout(
            [
                Melding(
                    tabel.prijsindex.bestand,
                    None,
                    "--prijspeil",
                    f"prijspeil {peil} staat niet in de prijsindex; kies een jaar in {tabel.prijsindex.bereik()}",
                )
            ]
        )
    gevonden = zoek_tarieven(tabel, gemeente, peil, zoek)
    if not gevonden:
        uit_console.print(f"Geen tarieven gevonden{f' voor {zoek!r}' if zoek else ''}.")
        raise typer.Exit(1)
    uit_console.print(tarieventabel(gevonden, gemeente, peil))


def main(argv: list[str] | None = None) -> Any:
    """Ingang van het commando `casuskosten`: fouten van de gebruiker worden hier, op één plek, netjes getoond."""
    try:
        return app(args=argv, standalone_mode=True)
    except CasuskostenFout as fout:
        from .terminal import toon_fouten

        toon_fouten(fout_console, fout.meldingen)
        sys.exit(1)


__all__ = ["InvoerFout", "Melding", "app", "main"]
