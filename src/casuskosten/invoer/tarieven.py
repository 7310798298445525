"""Tarieftabellen en prijsindex lezen, en de ene regel die kiest welk tarief geldt.

Elke `*.csv` en `*.xlsx` in de tariefmap wordt gelezen en samengevoegd; `prijsindex.csv` is de prijsindex.
CSV mag komma-gescheiden met punten zijn, of (zoals Excel in Nederland exporteert) puntkomma-gescheiden met
decimale komma's.
"""

from __future__ import annotations

import bisect
import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from ..fouten import InstellingenFout, InvoerFout, Melding, bedoelde_u, opsomming
from .yamlbron import decodeer

Financier = Literal[
    "gemeente_wmo",
    "gemeente_jeugd",
    "gemeente_participatie",
    "gemeente_schuldhulp",
    "gemeente_overig",
    "zorgverzekeraar",
    "wlz",
    "woningcorporatie",
    "rijk",
    "politie_justitie",
    "vrijwillig",
    "overig",
]
FINANCIERS: tuple[str, ...] = get_args(Financier)
BETROUWBAARHEDEN: tuple[str, ...] = ("hoog", "middel", "laag")
#: `soort` (optionele kolom): kosten (standaard) of overdracht (een inkomensoverdracht zoals bijstand of toeslagen:
#: maatschappelijk geen kosten, voor de begroting van gemeente en collectief wel)
SOORTEN: tuple[str, ...] = ("kosten", "overdracht")
LIJNEN: tuple[int, ...] = (0, 1, 2)
KOLOMMEN: tuple[str, ...] = (
    "code",
    "omschrijving",
    "eenheid",
    "prijs",
    "jaar",
    "gemeente",
    "financier",
    "lijn",
    "betrouwbaarheid",
    "bron",
)
PRIJSINDEX = "prijsindex.csv"
MAX_PRIJS = 10_000_000  # per eenheid; daarboven is het vrijwel zeker een tikfout (en sommen kunnen niet overlopen)


@dataclass(frozen=True, slots=True)
class Tariefregel:
    """Eén rij uit een tarieftabel, met waar hij vandaan komt."""

    code: str
    omschrijving: str
    eenheid: str
    prijs: float
    jaar: int
    gemeente: str | None
    financier: str
    lijn: int
    betrouwbaarheid: str
    bron: str
    bestand: str
    regel: int
    soort: str = "kosten"

    @property
    def is_aanname(self) -> bool:
        """Een rij zonder gepubliceerd cijfer."""
        return self.bron.lower().startswith("aanname")


@dataclass(frozen=True)
class Prijsindex:
    """Jaar -> indexcijfer; bedragen worden omgerekend met index[peil] / index[jaar]."""

    cijfers: dict[int, float]
    bestand: str

    def factor(self, van_jaar: int, naar_jaar: int) -> float:
        """De factor om een prijs uit `van_jaar` uit te drukken in prijzen van `naar_jaar`."""
        for jaar in (van_jaar, naar_jaar):
            if jaar not in self.cijfers:
                raise InvoerFout(
                    [Melding(self.bestand, None, "jaar", f"de prijsindex mist jaar {jaar}; aanwezig: {self.bereik()}")]
                )
        return self.cijfers[naar_jaar] / self.cijfers[van_jaar]

    def bereik(self) -> str:
        """De jaren in de index als tekst."""
        jaren = sorted(self.cijfers)
        return f"{jaren[0]}-{jaren[-1]}" if jaren else "geen"

    def peil(self, gewenst: int | None, veld: str = "prijspeil") -> int:
        """Het prijspeil: `gewenst`, of standaard het laatste jaar; een jaar buiten de index is een fout."""
        peil = gewenst if gewenst is not None else self.laatste_jaar
        if peil not in self.cijfers:
            raise InstellingenFout(
                [
                    Melding(
                        self.bestand,
                        None,
                        veld,
                        f"prijspeil {peil} staat niet in de prijsindex; kies een jaar in {self.bereik()}",
                    )
                ]
            )
        return peil

    @property
    def laatste_jaar(self) -> int:
        """Het standaard prijspeil: het laatste jaar in de index."""
        return max(self.cijfers)


@dataclass(frozen=True)
class Tarieftabel:
    """Alle tariefregels plus de prijsindex, met de ene keuzeregel voor een tarief."""

    regels: tuple[Tariefregel, ...]
    prijsindex: Prijsindex
    bestanden: tuple[str, ...] = ()
    _per_sleutel: dict[tuple[str, str], list[Tariefregel]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for regel in self.regels:
            sleutel = (regel.code, (regel.gemeente or "").casefold())
            self._per_sleutel.setdefault(sleutel, []).append(regel)
        for lijst in self._per_sleutel.values():
            lijst.sort(key=lambda r: r.jaar)

    def kies(self, code: str, gemeente: str, jaar: int) -> Tariefregel | None:
        """Het tarief voor `code` in `gemeente` bij tariefjaar `jaar`.

        Eerst de rijen van de gemeente zelf, anders de landelijke: daarbinnen de rij met het grootste
        `jaar` <= `jaar`, anders de rij met het kleinste `jaar` daarboven.
        """
        for sleutel in ((code, gemeente.casefold()), (code, "")):
            rijen = self._per_sleutel.get(sleutel)
            if rijen:
                positie = bisect.bisect_right([r.jaar for r in rijen], jaar)
                return rijen[positie - 1] if positie > 0 else rijen[0]
        return None

    def codes(self, gemeente: str | None = None) -> list[str]:
        """Alle codes die voor `gemeente` (of landelijk) te gebruiken zijn."""
        sleutel = (gemeente or "").casefold()
        return sorted({c for c, g in self._per_sleutel if g in ("", sleutel)})

    def alle_codes(self) -> list[str]:
        """Alle codes in alle tabellen."""
        return sorted({c for c, _ in self._per_sleutel})

    def gemeenten_met_code(self, code: str) -> list[str]:
        """De gemeenten met een eigen rij voor `code` (voor een uitleg bij een ontbrekende code)."""
        return sorted({r.gemeente for r in self.regels if r.code == code and r.gemeente})

    def geldend(self, gemeente: str | None, jaar: int) -> list[Tariefregel]:
        """Per code de rij die voor `gemeente` bij tariefjaar `jaar` geldt (dezelfde keuze als de beprijzing)."""
        uit = []
        for code in self.codes(gemeente):
            gekozen = self.kies(code, gemeente or "", jaar)
            if gekozen is not None:
                uit.append(gekozen)
        return uit


@dataclass(frozen=True, slots=True)
class TariefOpPeil:
    """Een geldend tarief met zijn prijs omgerekend naar een prijspeil."""

    regel: Tariefregel
    prijs: float
    eigen_gemeente: bool


def zoek_tarieven(tabel: Tarieftabel, gemeente: str | None, peil: int, zoek: str | None = None) -> list[TariefOpPeil]:
    """De codes die voor `gemeente` bij tariefjaar `peil` gelden (dezelfde keuze als de beprijzing), met de prijs
    op prijspeil `peil`; `zoek` filtert op code en omschrijving (hoofdletterongevoelig)."""
    uit = []
    woord = (zoek or "").casefold()
    for regel in tabel.geldend(gemeente, peil):
        if woord and woord not in regel.code.casefold() and woord not in regel.omschrijving.casefold():
            continue
        prijs = regel.prijs * tabel.prijsindex.factor(regel.jaar, peil)
        uit.append(TariefOpPeil(regel, prijs, regel.gemeente is not None))
    return uit


def tariefbestanden(map_: Path) -> list[Path]:
    """De tariefbestanden in een map (zonder de prijsindex), gesorteerd."""
    return sorted(
        p
        for p in map_.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".csv", ".xlsx")
        and p.name != PRIJSINDEX
        and not p.name.startswith(("~$", "."))
    )


def laad_tarieven(map_: Path | str, *, weergave: str | None = None) -> Tarieftabel:
    """Lees alle tarieftabellen en de prijsindex uit een map; alle problemen samen in één `InvoerFout`."""
    map_ = Path(map_)
    basis = weergave or str(map_)
    if not map_.is_dir():
        raise InvoerFout(
            [
                Melding(
                    basis,
                    None,
                    None,
                    "tariefmap bestaat niet; geef een map met *.csv en prijsindex.csv op met --tarieven",
                )
            ]
        )
    meldingen: list[Melding] = []
    regels: list[Tariefregel] = []
    bestanden = tariefbestanden(map_)
    if not bestanden:
        meldingen.append(Melding(basis, None, None, "geen tarieftabellen (*.csv of *.xlsx) in deze map"))
    for pad in bestanden:
        naam = str(Path(basis) / pad.name)
        try:
            rijen = list(_rijen(pad, naam))
        except InvoerFout as fout:
            meldingen.extend(fout.meldingen)
            continue
        for nummer, rij in rijen:
            regel = _tariefregel(rij, naam, nummer, meldingen)
            if regel is not None:
                regels.append(regel)
    index_pad = map_ / PRIJSINDEX
    index = _laad_prijsindex(index_pad, str(Path(basis) / PRIJSINDEX), meldingen)
    _controleer_dubbel(regels, meldingen)
    if index is not None:
        for regel in regels:
            if regel.jaar not in index.cijfers:
                meldingen.append(
                    Melding(
                        regel.bestand,
                        regel.regel,
                        "jaar",
                        f"de prijsindex ({index.bestand}) mist jaar {regel.jaar}; aanwezig: {index.bereik()}",
                    )
                )
    if meldingen or index is None:
        raise InvoerFout(meldingen)
    return Tarieftabel(tuple(regels), index, tuple(str(Path(basis) / p.name) for p in [*bestanden, index_pad]))


def _rijen(pad: Path, naam: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(regelnummer, rij) per gegevensrij; controleert de kolommen."""
    if pad.suffix.lower() == ".xlsx":
        kop, data = _xlsx(pad, naam)
    else:
        kop, data = _csv(pad, naam)
    kop = [k.strip().lower() for k in kop]
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(
            [Melding(naam, 1, ", ".join(ontbrekend), f"kolom ontbreekt; verwacht de kolommen {', '.join(KOLOMMEN)}")]
        )
    for nummer, waarden in data:
        if not any(w.strip() for w in waarden):
            continue
        yield nummer, {k: (waarden[i].strip() if i < len(waarden) else "") for i, k in enumerate(kop)}


def _csv(pad: Path, naam: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    tekst = decodeer(pad.read_bytes(), naam)
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    rijen = list(lezer)
    if not rijen:
        raise InvoerFout(
            [Melding(naam, None, None, "tarieftabel is leeg; verwacht een kopregel met " + ", ".join(KOLOMMEN))]
        )
    # csv.reader telt regels; bij velden met een regelovergang loopt het nummer uit de pas, dat accepteren we
    return rijen[0], [(i + 2, rij) for i, rij in enumerate(rijen[1:])]


def _xlsx(pad: Path, naam: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import openpyxl

    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception:  # openpyxl gooit uiteenlopende fouten bij een kapot bestand
        raise InvoerFout(
            [Melding(naam, None, None, "kan dit Excel-bestand niet lezen; sla het opnieuw op als .xlsx")]
        ) from None
    blad = boek.worksheets[0]
    rijen = [["" if c is None else str(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    boek.close()
    if not rijen:
        raise InvoerFout([Melding(naam, None, None, "het eerste werkblad is leeg")])
    return rijen[0], [(i + 2, rij) for i, rij in enumerate(rijen[1:])]


def lees_getal(tekst: str) -> float:
    """'32.76', '32,76' of '1.234,56' naar een getal; `ValueError` als het geen getal is."""
    waarde = tekst.strip().replace("€", "").replace(" ", "")
    if "," in waarde:
        waarde = waarde.replace(".", "").replace(",", ".")
    getal = float(waarde)
    if not math.isfinite(getal):
        raise ValueError(tekst)
    return getal


def _tariefregel(rij: dict[str, str], naam: str, nummer: int, meldingen: list[Melding]) -> Tariefregel | None:
    fouten_voor = len(meldingen)

    def fout(veld: str, tekst: str) -> None:
        meldingen.append(Melding(naam, nummer, veld, tekst))

    code = rij["code"]
    if not code:
        fout("code", "code ontbreekt")
    try:
        prijs = lees_getal(rij["prijs"])
        if prijs < 0:
            fout("prijs", f"prijs {rij['prijs']} is negatief; verwacht een bedrag >= 0")
        elif prijs > MAX_PRIJS:
            fout(
                "prijs",
                f"prijs {rij['prijs']} is onwaarschijnlijk hoog; verwacht een bedrag per eenheid van hooguit "
                "10 miljoen (staat de komma goed?)",
            )
    except ValueError:
        prijs = 0.0
        fout("prijs", f"'{rij['prijs']}' is geen bedrag; verwacht bijvoorbeeld 32.76 of 32,76")
    try:
        jaar = int(rij["jaar"])
        if not 1900 <= jaar <= 2200:
            raise ValueError
    except ValueError:
        jaar = 0
        fout("jaar", f"'{rij['jaar']}' is geen jaartal; verwacht bijvoorbeeld 2016")
    if rij["financier"] not in FINANCIERS:
        fout(
            "financier",
            f"onbekende financier '{rij['financier']}'{bedoelde_u(rij['financier'], FINANCIERS)}; "
            f"kies uit {opsomming(FINANCIERS, 20)}",
        )
    try:
        lijn = int(rij["lijn"])
        if lijn not in LIJNEN:
            raise ValueError
    except ValueError:
        lijn = 0
        fout("lijn", f"'{rij['lijn']}' is geen geldige lijn; kies 0 (informeel), 1 (basis) of 2 (specialistisch)")
    if rij["betrouwbaarheid"] not in BETROUWBAARHEDEN:
        fout("betrouwbaarheid", f"'{rij['betrouwbaarheid']}' is ongeldig; kies hoog, middel of laag")
    soort = rij.get("soort", "") or "kosten"
    if soort not in SOORTEN:
        fout("soort", f"'{soort}' is ongeldig; kies kosten of overdracht (of laat de cel leeg: kosten)")
    if not rij["bron"]:
        fout("bron", "bron ontbreekt; noem de bron, of schrijf 'aanname: ...' als er geen gepubliceerd cijfer is")
    if len(meldingen) > fouten_voor:
        return None
    return Tariefregel(
        code=code,
        omschrijving=rij["omschrijving"],
        eenheid=rij["eenheid"],
        prijs=prijs,
        jaar=jaar,
        gemeente=rij["gemeente"] or None,
        financier=rij["financier"],
        lijn=lijn,
        betrouwbaarheid=rij["betrouwbaarheid"],
        bron=rij["bron"],
        bestand=naam,
        regel=nummer,
        soort=soort,
    )


def _controleer_dubbel(regels: Iterable[Tariefregel], meldingen: list[Melding]) -> None:
    gezien: dict[tuple[str, int, str], Tariefregel] = {}
    for regel in regels:
        sleutel = (regel.code, regel.jaar, (regel.gemeente or "").casefold())
        eerder = gezien.get(sleutel)
        if eerder is not None:
            waar = regel.gemeente or "landelijk"
            meldingen.append(
                Melding(
                    regel.bestand,
                    regel.regel,
                    "code",
                    f"dubbele rij voor ({regel.code}, {regel.jaar}, {waar}); "
                    f"staat al in {eerder.bestand}:{eerder.regel}; laat er één staan",
                )
            )
        else:
            gezien[sleutel] = regel


def _laad_prijsindex(pad: Path, naam: str, meldingen: list[Melding]) -> Prijsindex | None:
    if not pad.is_file():
        meldingen.append(
            Melding(
                naam, None, None, "prijsindex ontbreekt; verwacht een bestand prijsindex.csv met de kolommen jaar,index"
            )
        )
        return None
    try:
        kop, data = _csv(pad, naam)
    except InvoerFout as fout:
        meldingen.extend(fout.meldingen)
        return None
    kop = [k.strip().lower() for k in kop]
    if "jaar" not in kop or "index" not in kop:
        meldingen.append(Melding(naam, 1, None, "verwacht de kolommen jaar,index"))
        return None
    cijfers: dict[int, float] = {}
    for nummer, waarden in data:
        rij = dict(zip(kop, (w.strip() for w in waarden), strict=False))
        if not any(rij.values()):
            continue
        try:
            jaar = int(rij.get("jaar", ""))
        except ValueError:
            meldingen.append(Melding(naam, nummer, "jaar", f"'{rij.get('jaar', '')}' is geen jaartal"))
            continue
        try:
            index = lees_getal(rij.get("index", ""))
            if index <= 0:
                raise ValueError
        except ValueError:
            meldingen.append(Melding(naam, nummer, "index", f"'{rij.get('index', '')}' is geen positief getal"))
            continue
        if jaar in cijfers:
            meldingen.append(Melding(naam, nummer, "jaar", f"jaar {jaar} staat twee keer in de prijsindex"))
        cijfers[jaar] = index
    if not cijfers:
        meldingen.append(Melding(naam, None, None, "prijsindex bevat geen jaren"))
        return None
    jaren = sorted(cijfers)
    gaten = [j for j in range(jaren[0], jaren[-1] + 1) if j not in cijfers]
    if gaten:
        meldingen.append(
            Melding(
                naam,
                None,
                "jaar",
                f"de prijsindex mist jaar {', '.join(map(str, gaten))}; "
                "vul elk jaar tussen het eerste en het laatste in",
            )
        )
    return Prijsindex(cijfers, naam)
