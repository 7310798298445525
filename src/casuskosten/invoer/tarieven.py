"""Tarieftabellen en prijsindex lezen, en de ene regel die kiest welk tarief geldt.

Elke `*.csv` en `*.xlsx` in de tariefmap wordt gelezen en samengevoegd; `prijsindex.csv` is de prijsindex. Andere
bestanden en submappen worden niet gelezen en krijgen een waarschuwing. CSV mag komma-gescheiden zijn (decimale punt)
of, zoals Excel in Nederland exporteert, puntkomma-gescheiden (decimale komma); hoe een getal gelezen wordt staat bij
`lees_getal`. Van een .xlsx telt elk zichtbaar werkblad met een kopregel met `code` en `prijs`.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import difflib
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args

from ..argumenten import controleer, publiek
from ..fouten import InstellingenFout, InvoerFout, Melding, Waarschuwing, bedoelde_u, leesbare_naam, opsomming
from .namen import bijna_gelijk, gemeentenaam, netjes, sleutel
from .tekens import MAX_CIJFERS, cijfers_voor_de_komma, ongeldig_teken, te_veel_cijfers
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
#: optionele kolommen: `soort` (hierboven) en `overlapt_met`: de codes waarvan deze rij de kosten al bevat (een
#: huisuitzetting waarvan het bedrag de opvang erna omvat), gescheiden door OVERLAP_SCHEIDING
OPTIONELE_KOLOMMEN: tuple[str, ...] = ("soort", "overlapt_met")
OVERLAP_SCHEIDING = ";"
INDEXKOLOMMEN: tuple[str, ...] = ("jaar", "index")
#: optionele kolom van de prijsindex: de bron van het indexcijfer
OPTIONELE_INDEXKOLOMMEN: tuple[str, ...] = ("bron",)
#: kolommen voor eigen uitleg, in elke tabel toegestaan en nooit gelezen; elke andere onbekende kolom is een fout
VRIJE_KOLOMMEN: tuple[str, ...] = ("toelichting", "opmerking")
#: tekens die in geen gemeentenaam staan: een cel met een van deze tekens noemt meer dan één gemeente
_GEMEENTE_SCHEIDING = re.compile(r"[,;/&+|\n]")
#: hooguit zoveel bytes per onderdeel van een .xlsx (uitgepakt), gecontroleerd voor het lezen: een tarieftabel van
#: 100.000 rijen is ongeveer 20 MB; een 'zip-bom' van een paar kB die uitgepakt gigabytes wordt, wordt zo geweigerd
MAX_XLSX_ONDERDEEL = 50 * 2**20
#: en samen
MAX_XLSX_TOTAAL = 200 * 2**20
PRIJSINDEX = "prijsindex.csv"
MAX_PRIJS = 10_000_000  # per eenheid; daarboven is het vrijwel zeker een tikfout (en sommen kunnen niet overlopen)
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2200
GELEZEN = (".csv", ".xlsx")
# bestanden die op een tarieftabel lijken maar niet gelezen worden, met wat de gebruiker kan doen
_ANDER_FORMAAT = {
    ".xlsm": "sla het op als .xlsx (zonder macro's)",
    ".xls": "sla het op als .xlsx",
    ".ods": "sla het op als .xlsx of .csv",
    ".tsv": "sla het op als .csv (komma of puntkomma als scheidingsteken)",
    ".txt": "sla het op als .csv",
}


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
    #: de codes waarvan deze rij de kosten al bevat (kolom `overlapt_met`; leeg: geen)
    overlapt_met: tuple[str, ...] = ()

    @property
    def is_aanname(self) -> bool:
        """Een rij zonder gepubliceerd cijfer."""
        return self.bron.lower().startswith("aanname")


@dataclass(frozen=True)
class Prijsindex:
    """Jaar -> indexcijfer; bedragen worden omgerekend met index[peil] / index[jaar].

    De index hoeft niet aaneengesloten te zijn: alleen de jaren die een gebruikte tariefrij of het prijspeil nodig
    heeft moeten erin staan.
    """

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
        """De jaren in de index als tekst, aaneengesloten stukken als 'van-tot': '2015-2016, 2019'."""
        stukken: list[list[int]] = []
        for jaar in sorted(self.cijfers):
            if stukken and jaar == stukken[-1][-1] + 1:
                stukken[-1].append(jaar)
            else:
                stukken.append([jaar])
        return ", ".join(f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in stukken) or "geen"

    def ontbrekend_jaar(self, regel: Tariefregel, peil: int, waarvoor: str) -> Melding:
        """De melding bij een tariefrij waarvan het jaar niet in de index staat, terwijl `waarvoor` hem nodig heeft."""
        return Melding(
            regel.bestand,
            regel.regel,
            "jaar",
            f"de prijsindex ({self.bestand}) mist jaar {regel.jaar}, nodig om {regel.code} om te rekenen naar "
            f"prijspeil {peil} {waarvoor}; aanwezig: {self.bereik()}",
        )

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
    """Alle tariefregels plus de prijsindex, met de ene keuzeregel voor een tarief.

    Gemeenten worden vergeleken op hun `namen.sleutel`: 'Den Haag', 'den haag' en ’s/'s-spellingen zijn één gemeente.
    `waarschuwingen` zegt wat er bij het lezen niet is meegenomen (bestanden, werkbladen).
    """

    regels: tuple[Tariefregel, ...]
    prijsindex: Prijsindex
    bestanden: tuple[str, ...] = ()
    waarschuwingen: tuple[Waarschuwing, ...] = ()
    _per_sleutel: dict[tuple[str, str], list[Tariefregel]] = field(default_factory=dict, repr=False, compare=False)
    _gemeenten: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for regel in self.regels:
            self._per_sleutel.setdefault((regel.code, sleutel(regel.gemeente or "")), []).append(regel)
            if regel.gemeente:
                self._gemeenten.setdefault(sleutel(regel.gemeente), regel.gemeente)
        for lijst in self._per_sleutel.values():
            lijst.sort(key=lambda r: r.jaar)

    def kies(self, code: str, gemeente: str, jaar: int) -> Tariefregel | None:
        """Het tarief voor `code` in `gemeente` bij tariefjaar `jaar`.

        Eerst de rijen van de gemeente zelf, anders de landelijke: daarbinnen de rij met het grootste
        `jaar` <= `jaar`, anders de rij met het kleinste `jaar` daarboven. Codes zijn hoofdletterongevoelig.
        """
        try:
            return self._kies(code, gemeente, jaar)
        except (AttributeError, TypeError):
            # `kies` draait voor elke inzetregel: de argumenten worden pas nagekeken als het misgaat
            controleer(Tarieftabel.kies, "Tarieftabel.kies", self, code, gemeente, jaar)
            raise

    def _kies(self, code: str, gemeente: str, jaar: int) -> Tariefregel | None:
        code = tariefcode(code)
        for sleutel_ in ((code, sleutel(gemeente)), (code, "")):
            rijen = self._per_sleutel.get(sleutel_)
            if rijen:
                positie = bisect.bisect_right([r.jaar for r in rijen], jaar)
                return rijen[positie - 1] if positie > 0 else rijen[0]
        return None

    @publiek
    def met_prijs(
        self, code: str, prijs: float, *, gemeente: str | None = None, jaar: int | None = None
    ) -> Tarieftabel:
        """Wat als: dezelfde tabel met een andere prijs voor `code` (landelijk, of alleen de rijen van `gemeente`;
        alle jaren, of alleen `jaar`). De prijs is die in het jaar van de rij, net als in de tabel; dezelfde regels als
        bij het lezen (>= 0 en hooguit 10 miljoen). De bron van de rij zegt dat het een wat-als is.

        >>> tabel = casuskosten.laad_tarieven("tarieven")                   # doctest: +SKIP
        >>> casuskosten.bereken_casussen(casussen, tabel.met_prijs("hbh_uur", 35))   # doctest: +SKIP
        """
        if isinstance(prijs, bool) or not isinstance(prijs, int | float) or math.isnan(prijs):
            raise InvoerFout(
                [Melding(None, None, "prijs", f"'{prijs}' is geen bedrag; geef een getal, bijvoorbeeld 35")]
            )
        if prijs < 0 or prijs > MAX_PRIJS:
            raise InvoerFout(
                [Melding(None, None, "prijs", f"prijs {prijs} ligt niet tussen 0 en {MAX_PRIJS:_}".replace("_", "."))]
            )
        alle = self.alle_codes()
        code = tariefcode(code)
        if code not in alle:
            raise InvoerFout([Melding(None, None, "code", f"onbekende tariefcode '{code}'{bedoelde_u(code, alle)}")])
        waar = sleutel(gemeente) if gemeente is not None else ""
        nieuw = []
        geraakt = 0
        for regel in self.regels:
            if regel.code == code and sleutel(regel.gemeente or "") == waar and (jaar is None or regel.jaar == jaar):
                geraakt += 1
                bron = f"wat-als: prijs {prijs} in plaats van {regel.prijs} ({regel.bron})"
                nieuw.append(dataclasses.replace(regel, prijs=float(prijs), bron=bron))
            else:
                nieuw.append(regel)
        if not geraakt:
            wat = f"voor gemeente '{gemeente}'" if gemeente is not None else "landelijk"
            raise InvoerFout(
                [
                    Melding(
                        None, None, "code", f"tariefcode '{code}' heeft geen rij {wat}{f' in {jaar}' if jaar else ''}"
                    )
                ]
            )
        return Tarieftabel(tuple(nieuw), self.prijsindex, self.bestanden, self.waarschuwingen)

    @publiek
    def zonder(self, code: str, *, gemeente: str | None = None) -> Tarieftabel:
        """Wat als: dezelfde tabel zonder de rijen van `code`; met `gemeente` alleen zonder de eigen rijen van die
        gemeente, zodat daar het landelijke tarief geldt. Een casus die de code dan nog gebruikt, geeft bij het
        rekenen de gewone melding van een onbekende tariefcode.

        >>> landelijk = tabel.zonder("hbh_uur", gemeente="Rotterdam")   # doctest: +SKIP
        """
        if not isinstance(code, str):
            raise InvoerFout([Melding(None, None, "code", f"'{code}' is geen tariefcode; geef een tekst")])
        if gemeente is not None and not isinstance(gemeente, str):
            raise InvoerFout([Melding(None, None, "gemeente", f"'{gemeente}' is geen gemeentenaam; geef een tekst")])
        alle = self.alle_codes()
        if code not in alle:
            raise InvoerFout([Melding(None, None, "code", f"onbekende tariefcode '{code}'{bedoelde_u(code, alle)}")])
        waar = sleutel(gemeente) if gemeente is not None else None
        blijft = tuple(
            r for r in self.regels if not (r.code == code and (waar is None or sleutel(r.gemeente or "") == waar))
        )
        if gemeente is not None and len(blijft) == len(self.regels):
            raise InvoerFout(
                [
                    Melding(
                        None, None, "gemeente", f"tariefcode '{code}' heeft geen eigen rij voor gemeente '{gemeente}'"
                    )
                ]
            )
        return Tarieftabel(blijft, self.prijsindex, self.bestanden, self.waarschuwingen)

    @publiek
    def codes(self, gemeente: str | None = None) -> list[str]:
        """Alle codes die voor `gemeente` (of landelijk) te gebruiken zijn."""
        eigen = sleutel(gemeente or "")
        return sorted({c for c, g in self._per_sleutel if g in ("", eigen)})

    def alle_codes(self) -> list[str]:
        """Alle codes in alle tabellen."""
        return sorted({c for c, _ in self._per_sleutel})

    @publiek
    def gemeenten_met_code(self, code: str) -> list[str]:
        """De gemeenten met een eigen rij voor `code` (voor een uitleg bij een ontbrekende code)."""
        code = tariefcode(code)
        return sorted({self._gemeenten[sleutel(r.gemeente)] for r in self.regels if r.code == code and r.gemeente})

    @publiek
    def spelling(self, gemeente: str) -> str | None:
        """Hoe de tarieftabel deze gemeente schrijft (de eerste rij), of None als ze geen eigen rijen heeft."""
        return self._gemeenten.get(sleutel(gemeente))

    @publiek
    def bijna_gelijke_gemeente(self, gemeente: str) -> str | None:
        """Een gemeente met eigen rijen waarvan de naam op een verschrijving van `gemeente` lijkt, als `gemeente`
        zelf geen eigen rijen heeft; anders None."""
        if sleutel(gemeente) in self._gemeenten:
            return None
        return bijna_gelijk(gemeente, self._gemeenten.values())

    @publiek
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
    index = tabel.prijsindex
    ontbrekend = []
    for regel in tabel.geldend(gemeente, peil):
        if woord and woord not in regel.code.casefold() and woord not in regel.omschrijving.casefold():
            continue
        if regel.jaar not in index.cijfers:
            ontbrekend.append(index.ontbrekend_jaar(regel, peil, "voor het overzicht van tarieven"))
            continue
        prijs = regel.prijs * index.factor(regel.jaar, peil)
        uit.append(TariefOpPeil(regel, prijs, regel.gemeente is not None))
    if ontbrekend:
        raise InvoerFout(ontbrekend)
    return uit


def _overslaan(pad: Path) -> bool:
    """Verborgen bestanden en de slotbestanden die Excel naast een geopend bestand zet: stilzwijgend overslaan."""
    return pad.name.startswith(("~$", "."))


def tariefbestanden(map_: Path) -> list[Path]:
    """De tariefbestanden in een map (zonder de prijsindex), gesorteerd."""
    return sorted(
        p
        for p in map_.iterdir()
        if p.is_file() and p.suffix.lower() in GELEZEN and p.name.lower() != PRIJSINDEX and not _overslaan(p)
    )


def _niet_gelezen(map_: Path, basis: str) -> list[Waarschuwing]:
    """Een waarschuwing voor elk bestand en elke submap in de tariefmap die niet gelezen wordt."""
    uit = []
    for pad in sorted(map_.iterdir()):
        if _overslaan(pad) or pad.name.lower() == PRIJSINDEX:
            continue
        naam = leesbare_naam(str(Path(basis) / pad.name))
        if pad.is_dir():
            tekst = "submap in de tariefmap wordt niet gelezen; zet tarieftabellen direct in de tariefmap"
        elif not pad.exists():
            tekst = "verwijst naar een bestand dat niet bestaat en wordt niet gelezen"
        elif pad.suffix.lower() in GELEZEN:
            continue
        else:
            hint = _ANDER_FORMAAT.get(pad.suffix.lower(), "alleen *.csv en *.xlsx zijn tarieftabellen")
            tekst = f"wordt niet gelezen: {hint}"
        uit.append(Waarschuwing("tariefbestand_niet_gelezen", f"{naam}: {tekst}", naam))
    return uit


def _hoofdletterdubbel(map_: Path, basis: str) -> list[Melding]:
    """Twee tariefbestanden (of prijsindexen) waarvan de namen alleen in hoofdletters verschillen (`prijsindex.csv`
    naast `Prijsindex.csv`): welke gelezen wordt, hangt van het bestandssysteem af, dus een fout die beide noemt."""
    per_naam: dict[str, list[str]] = {}
    for pad in sorted(map_.iterdir()):
        if pad.is_file() and pad.suffix.lower() in GELEZEN and not _overslaan(pad):
            per_naam.setdefault(pad.name.casefold(), []).append(pad.name)
    meldingen = []
    for namen in per_naam.values():
        if len(namen) > 1:
            meldingen.append(
                Melding(
                    str(Path(basis) / namen[-1]),
                    None,
                    None,
                    f"{' en '.join(repr(n) for n in namen)} verschillen alleen in hoofdletters; op een ander "
                    "bestandssysteem (Windows, macOS) is dat één bestand en is niet te zeggen welke geldt; laat er één "
                    "staan",
                )
            )
    return meldingen


def meegeleverde_tariefmap() -> Path:
    """De landelijke tarieftabellen en de prijsindex die met casuskosten meekomen (ook in een wheel)."""
    from importlib.resources import files

    return Path(str(files("casuskosten") / "tarieven"))


@publiek
def laad_tarieven(map_: Path | str, *, weergave: str | None = None) -> Tarieftabel:
    """Lees alle tarieftabellen en de prijsindex uit een map; alle problemen samen in één `InvoerFout`."""
    map_ = Path(map_)
    basis = leesbare_naam(weergave or str(map_))  # alleen voor meldingen en de herkomst van een tarief
    if map_.is_file():
        raise InvoerFout(
            [
                Melding(
                    basis,
                    None,
                    None,
                    "dit is een bestand; verwacht de tariefmap waarin de tarieftabellen en prijsindex.csv staan "
                    f"(bijvoorbeeld --tarieven {Path(basis).parent})",
                )
            ]
        )
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
    try:
        bestanden = tariefbestanden(map_)
        waarschuwingen = _niet_gelezen(map_, basis)
        meldingen = _hoofdletterdubbel(map_, basis)
    except OSError:
        raise InvoerFout([Melding(basis, None, None, "kan de tariefmap niet lezen (geen leesrechten?)")]) from None
    if meldingen:
        raise InvoerFout(meldingen)
    regels: list[Tariefregel] = []
    if not bestanden:
        meldingen.append(Melding(basis, None, None, "geen tarieftabellen (*.csv of *.xlsx) in deze map"))
    geschreven: dict[tuple[str, int], str] = {}  # (bestand, regel) -> de code zoals hij in de rij staat
    gelezen_codes: set[str] = set()  # ook van rijen met een fout: een verwijzing ernaar is dan geen tweede fout
    for pad in bestanden:
        naam = leesbare_naam(str(Path(basis) / pad.name))
        for blad in _bladen(pad, naam, meldingen, waarschuwingen):
            for nummer, rij in _rijen(blad, KOLOMMEN, meldingen, OPTIONELE_KOLOMMEN):
                gelezen_codes.add(tariefcode(rij["code"]))
                regel = _tariefregel(rij, blad, nummer, meldingen)
                if regel is not None:
                    regels.append(regel)
                    geschreven[(regel.bestand, regel.regel)] = rij["code"]
    index_pad = next((p for p in map_.iterdir() if p.name.lower() == PRIJSINDEX), map_ / PRIJSINDEX)
    index = _laad_prijsindex(index_pad, leesbare_naam(str(Path(basis) / index_pad.name)), meldingen)
    _controleer_dubbel(regels, geschreven, meldingen)
    _controleer_eenheid(regels, meldingen)
    _controleer_overlap(regels, gelezen_codes - {""}, meldingen)
    # Een jaar dat in de index ontbreekt is hier nog geen fout: alleen als een casus de rij gebruikt (beprijzing)
    if meldingen or index is None:
        raise InvoerFout(meldingen)
    # abspath, niet resolve(): in een ontwikkelinstallatie is de meegeleverde map een link naar tarieven/ van het
    # project, en wie die map zelf opgeeft (`--tarieven tarieven`) rekent met een eigen map, niet met de meegeleverde
    if os.path.abspath(map_) == os.path.abspath(meegeleverde_tariefmap()):
        waarschuwingen.append(
            Waarschuwing(
                "meegeleverde_tarieven",
                "geen eigen tariefmap gevonden (tarieven/ in de werkmap of naast de casussen); gerekend met de "
                f"landelijke tarieven die met casuskosten meekomen ({basis}). Geef een eigen map op met --tarieven "
                "voor de tarieven van uw gemeente",
                basis,
            )
        )
    return Tarieftabel(
        tuple(regels),
        index,
        tuple(leesbare_naam(str(Path(basis) / p.name)) for p in [*bestanden, index_pad]),
        tuple(waarschuwingen),
    )


# --- bestanden lezen ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Blad:
    """De ruwe inhoud van één CSV-bestand of werkblad: kopregel en (regelnummer, waarden) per gegevensrij."""

    naam: str
    kop: list[str]
    rijen: list[tuple[int, list[str]]]
    scheiding: str | None = None  # bij CSV: ',' of ';'
    decimaal: str | None = None  # het decimaalteken dat bij de scheiding hoort, None bij Excel-tekstcellen
    kopregel: int = 1  # 2 na een regel `sep=;`


class _Excelgetal(str):
    """Een getalcel uit Excel: de waarde gaat mee, zodat ze niet opnieuw uit tekst gelezen (en misverstaan) wordt."""

    waarde: float

    def __new__(cls, waarde: float) -> _Excelgetal:
        tekst = str(int(waarde)) if float(waarde).is_integer() else format(Decimal(repr(float(waarde))), "f")
        nieuw = super().__new__(cls, tekst)
        nieuw.waarde = float(waarde)
        return nieuw


def _bladen(pad: Path, naam: str, meldingen: list[Melding], waarschuwingen: list[Waarschuwing]) -> list[_Blad]:
    """De bladen van een tariefbestand (één bij CSV); problemen gaan naar `meldingen`."""
    if pad.suffix.lower() == ".xlsx":
        return _xlsx(pad, naam, meldingen, waarschuwingen)
    blad = _csv(pad, naam, meldingen)
    return [blad] if blad is not None else []


def _lees_tekst(pad: Path, naam: str, meldingen: list[Melding]) -> str | None:
    try:
        return decodeer(pad.read_bytes(), naam)
    except InvoerFout as fout:
        meldingen.extend(fout.meldingen)
    except OSError:
        meldingen.append(Melding(naam, None, None, "kan het bestand niet lezen (geen leesrechten?)"))
    return None


_SEP = re.compile(r'"?sep=(.)"?[,;]*')


def _csv(pad: Path, naam: str, meldingen: list[Melding]) -> _Blad | None:
    """Een CSV-bestand; het scheidingsteken volgt uit de kopregel (, of ;). Een eerste regel `sep=;` of `sep=,`, die
    Excel schrijft als het scheidingsteken erbij moet, geldt als die aanwijzing (de kopregel is dan regel 2). Een met
    tabs gescheiden bestand wordt geweigerd met die reden (niet: tien ontbrekende kolommen)."""
    tekst = _lees_tekst(pad, naam, meldingen)
    if tekst is None:
        return None
    eerste, _, rest = tekst.partition("\n")
    kopregel = 1
    aangewezen = _SEP.fullmatch(eerste.strip())
    if aangewezen:
        if aangewezen.group(1) not in ";,":
            teken = "een tab" if aangewezen.group(1) == "\t" else f"'{aangewezen.group(1)}'"
            meldingen.append(
                Melding(
                    naam,
                    1,
                    None,
                    f"regel 1 wijst {teken} aan als scheidingsteken; gebruik ; of , (sla het bestand in Excel op als "
                    "CSV met puntkomma's)",
                )
            )
            return None
        tekst, kopregel = rest, 2
        eerste = tekst.split("\n", 1)[0]
        scheiding = aangewezen.group(1)
    else:
        scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    if eerste.count("\t") > eerste.count(scheiding):
        meldingen.append(
            Melding(
                naam,
                kopregel,
                None,
                "het bestand is met tabs gescheiden; gebruik ; of , als scheidingsteken (sla het in Excel op als CSV)",
            )
        )
        return None
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    rijen: list[tuple[int, list[str]]] = []
    begin = kopregel
    try:
        for rij in lezer:
            rijen.append((begin, rij))
            begin = lezer.line_num + kopregel  # een veld met een regelovergang beslaat meer regels
    except csv.Error:
        meldingen.append(
            Melding(naam, begin, None, "geen geldige CSV vanaf deze regel (een veld is te lang of bevat een NUL-teken)")
        )
        return None
    if not rijen:
        meldingen.append(Melding(naam, None, None, "bestand is leeg; verwacht een kopregel met de kolommen"))
        return None
    return _Blad(naam, rijen[0][1], rijen[1:], scheiding, "," if scheiding == ";" else ".", kopregel)


_NAAM_SCHEIDING = {",": "komma's", ";": "puntkomma's"}


def _kolom(naam: str) -> str:
    """Een kolomnaam zoals hij vergeleken wordt: `netjes` (ook harde en onzichtbare spaties), kleine letters."""
    return netjes(naam).lower()


def _kop(blad: _Blad, verplicht: Sequence[str], optioneel: Sequence[str], meldingen: list[Melding]) -> list[str] | None:
    """De kolomnamen van de kopregel (`_kolom`), of None na een melding als de kopregel niet te gebruiken is.

    De ene controle voor elke tabel (tarieven en prijsindex, CSV en Excel): de verplichte kolommen staan erin, geen
    kolom staat twee keer in de kopregel en elke andere kolom is `optioneel` of een vrije kolom (VRIJE_KOLOMMEN).
    Een onbekende kolom is een fout, met 'bedoelde u': anders wordt `sort` voor `soort` stil niet gelezen.
    """
    kop = [_kolom(k) for k in blad.kop]
    regel = blad.kopregel
    ontbrekend = [k for k in verplicht if k not in kop]
    if ontbrekend and (later := _kop_later(blad, verplicht)) is not None:
        weg = "de titelregel" if later == regel + 1 else f"de regels {regel} tot en met {later - 1}"
        meldingen.append(
            Melding(
                blad.naam,
                regel,
                None,
                f"regel {regel} is geen kopregel; de kopregel staat op regel {later} — haal {weg} weg (de kopregel "
                "met de kolomnamen moet de eerste regel zijn)",
            )
        )
        return None
    bekend = (*verplicht, *optioneel)
    fouten_voor = len(meldingen)
    for kolom in dict.fromkeys(kop):
        if not kolom or kolom in bekend or kolom in VRIJE_KOLOMMEN:
            continue
        genormaliseerd = re.sub(r"[\s\-]+", "_", kolom)
        treffer = difflib.get_close_matches(genormaliseerd, [*ontbrekend, *[k for k in optioneel if k not in kop]], n=1)
        hint = f"; bedoelde u '{treffer[0]}'?" if treffer else ""
        extra = f" en optioneel {', '.join(optioneel)}" if optioneel else ""
        meldingen.append(
            Melding(
                blad.naam,
                regel,
                kolom,
                f"onbekende kolom '{_kort(kolom)}'{hint or ';'} een kolom met een andere naam wordt niet gelezen; de "
                f"kolommen zijn {', '.join(verplicht)}{extra}; eigen uitleg mag in een kolom "
                f"{' of '.join(VRIJE_KOLOMMEN)}",
            )
        )
    if ontbrekend:
        meldingen.append(
            Melding(
                blad.naam, regel, ", ".join(ontbrekend), f"kolom ontbreekt; verwacht de kolommen {', '.join(verplicht)}"
            )
        )
    dubbel = sorted({k for k in kop if k and kop.count(k) > 1})
    if dubbel:
        meldingen.append(
            Melding(blad.naam, regel, ", ".join(dubbel), "kolom staat twee keer in de kopregel; laat er één staan")
        )
    return None if len(meldingen) > fouten_voor else kop


def _kop_later(blad: _Blad, verplicht: Sequence[str]) -> int | None:
    """De regel (tot regel 10) waarop een kopregel met alle `verplicht`e kolommen staat, in elk scheidingsteken;
    None als die er niet is. Voor een titelregel boven de kopregel."""
    for nummer, waarden in blad.rijen:
        if nummer > 10:
            break
        kandidaten = [waarden]
        if blad.scheiding is not None:
            tekst = blad.scheiding.join(waarden)
            kandidaten += [next(csv.reader([tekst], delimiter=d), []) for d in (";", ",", "\t")]
        if any(set(verplicht) <= {_kolom(w) for w in k} for k in kandidaten):
            return nummer
    return None


def _rijen(
    blad: _Blad, verplicht: Sequence[str], meldingen: list[Melding], optioneel: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """(regelnummer, rij) per gegevensrij; controleert de kopregel (`_kop`) en het aantal waarden per rij.

    Een waarde in een kolom zonder naam in de kopregel is een fout (één keer per kolom): die zou stil wegvallen. Een
    cel met een stuurteken of een XML-ongeldig teken (`tekens.ongeldig_teken`) is een fout; die rij komt er niet uit."""
    kop = _kop(blad, verplicht, optioneel, meldingen)
    if kop is None:
        return
    breedte = len(kop)
    naamloos: set[int] = set()
    for nummer, waarden in blad.rijen:
        if not any(w.strip() for w in waarden):
            continue
        if blad.scheiding is not None and len(waarden) != breedte:
            fout = _breedtefout(blad, waarden, breedte)
            if fout:
                meldingen.append(Melding(blad.naam, nummer, None, fout))
                continue
        for i, k in enumerate(kop):
            if not k and i < len(waarden) and waarden[i].strip() and i not in naamloos:
                naamloos.add(i)
                meldingen.append(
                    Melding(
                        blad.naam,
                        nummer,
                        None,
                        f"kolom {i + 1} heeft geen naam in de kopregel, maar hier staat '{_kort(waarden[i].strip())}' "
                        "in; geef de kolom een naam (bijvoorbeeld toelichting) of maak de cel leeg",
                    )
                )
        rij = {k: _schoon(waarden[i]) if i < len(waarden) else "" for i, k in enumerate(kop) if k}
        ongeldig = [(k, reden) for k, w in rij.items() if (reden := ongeldig_teken(w)) is not None]
        if ongeldig:  # een ESC of U+FFFF zou de terminal, de HTML en een xlsx-export bereiken
            meldingen.extend(Melding(blad.naam, nummer, k, f"de cel {reden}") for k, reden in ongeldig)
            continue
        yield nummer, rij


def _schoon(waarde: str) -> str:
    return waarde if isinstance(waarde, _Excelgetal) else waarde.strip()


def _breedtefout(blad: _Blad, waarden: list[str], breedte: int) -> str | None:
    """Waarom een CSV-rij met een ander aantal waarden dan de kopregel niet te lezen is, of None als hij het wel is."""
    scheiding = blad.scheiding or ","
    if len(waarden) > breedte:
        if not any(w.strip() for w in waarden[breedte:]):
            return None  # lege velden achteraan, zoals Excel ze soms schrijft
        hint = " of schrijf getallen met een decimale punt (32.76)" if scheiding == "," else ""
        return (
            f"deze regel heeft {len(waarden)} waarden, de kopregel {breedte} kolommen; staat er een "
            f"{'komma' if scheiding == ',' else 'puntkomma'} in een getal of tekst zonder aanhalingstekens? "
            f'zet zo\'n waarde tussen aanhalingstekens ("..."){hint}'
        )
    ander = ";" if scheiding == "," else ","
    if len(next(csv.reader([scheiding.join(waarden)], delimiter=ander))) >= breedte:
        return (
            f"deze regel is gescheiden met {_NAAM_SCHEIDING[ander]}, de kopregel met {_NAAM_SCHEIDING[scheiding]}; "
            "gebruik in het hele bestand hetzelfde scheidingsteken"
        )
    return None  # te weinig waarden: de lege velden krijgen hieronder elk hun eigen melding


def _xlsx(pad: Path, naam: str, meldingen: list[Melding], waarschuwingen: list[Waarschuwing]) -> list[_Blad]:
    """Elk zichtbaar werkblad met een kopregel met `code` en `prijs`; andere niet-lege werkbladen geven een
    waarschuwing. Samengevoegde cellen en formules zonder opgeslagen uitkomst in de tabel zijn fouten."""
    import openpyxl

    if (te_groot := _te_groot_uitgepakt(pad)) is not None:
        meldingen.append(Melding(naam, None, None, te_groot))
        return []
    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception:  # openpyxl gooit uiteenlopende fouten bij een kapot bestand
        meldingen.append(Melding(naam, None, None, "kan dit Excel-bestand niet lezen; sla het opnieuw op als .xlsx"))
        return []
    bladen: list[_Blad] = []
    gevuld = False
    fouten_voor = len(meldingen)
    try:
        meerdere = len(boek.worksheets) > 1
        for werkblad in boek.worksheets:
            bladnaam = f"{naam} (werkblad '{werkblad.title}')" if meerdere else naam
            try:
                gelezen = _werkblad(werkblad)
            except Exception:  # kapotte XML, een beschadigd zip-archief: openpyxl en zipfile gooien van alles
                meldingen.append(
                    Melding(
                        bladnaam,
                        None,
                        None,
                        "dit werkblad is beschadigd en niet te lezen; open het bestand in Excel en sla het opnieuw op",
                    )
                )
                continue
            if gelezen is None:
                continue
            gevuld = True
            kop, rijen, inhoud = gelezen
            tariefkop = {"code", "prijs"} <= {_kolom(k) for k in kop}
            if werkblad.sheet_state != "visible" and tariefkop:
                meldingen.append(
                    Melding(
                        bladnaam,
                        None,
                        None,
                        "dit werkblad is verborgen, maar heeft een kopregel met code en prijs; een verborgen tabel "
                        "telt niet stilletjes mee of niet mee: maak het werkblad zichtbaar (dan telt het mee) of "
                        "verwijder het",
                    )
                )
                continue
            if not tariefkop:
                later = _excelkop_later(werkblad) if werkblad.sheet_state == "visible" else None
                if later is not None:
                    weg = "de titelregel" if later == 2 else f"de regels 1 tot en met {later - 1}"
                    meldingen.append(
                        Melding(
                            bladnaam,
                            1,
                            None,
                            f"regel 1 is geen kopregel; de kopregel staat op regel {later} — haal {weg} weg (de "
                            "kopregel met de kolomnamen moet de eerste regel zijn)",
                        )
                    )
                    continue
                reden = "is verborgen" if werkblad.sheet_state != "visible" else "heeft geen kopregel met code en prijs"
                waarschuwingen.append(
                    Waarschuwing(
                        "tariefbestand_niet_gelezen", f"{bladnaam}: wordt niet gelezen: dit werkblad {reden}", naam
                    )
                )
                continue
            fouten_blad = len(meldingen)
            gevulde_rijen = {1, *(n for n, _ in rijen)}
            verborgen = [r for r in inhoud.verborgen_rijen if r in gevulde_rijen]
            _excelfouten(bladnaam, kop, inhoud.samengevoegd, inhoud.formules, meldingen)
            _verborgen(bladnaam, kop, verborgen, inhoud.verborgen_kolommen, meldingen)
            if inhoud.buiten_kop is not None:
                meldingen.append(_buiten_kop(bladnaam, *inhoud.buiten_kop))
            if inhoud.te_lang is not None:
                meldingen.append(_te_lang(bladnaam, kop, *inhoud.te_lang))
            if len(meldingen) == fouten_blad:
                bladen.append(_Blad(bladnaam, kop, rijen))
    finally:
        boek.close()
    if not bladen and len(meldingen) == fouten_voor:
        tekst = (
            f"geen zichtbaar werkblad met een kopregel met code en prijs; verwacht de kolommen {', '.join(KOLOMMEN)}"
            if gevuld
            else f"het Excel-bestand is leeg; verwacht een kopregel met de kolommen {', '.join(KOLOMMEN)}"
        )
        meldingen.append(Melding(naam, None, None, tekst))
    return bladen


def _te_groot_uitgepakt(pad: Path) -> str | None:
    """Waarom een .xlsx uitgepakt te groot is om te lezen, of None. Alleen de opgegeven groottes in het zip-archief
    worden gelezen, niets uitgepakt; zipfile pakt nooit meer uit dan die opgegeven grootte, dus de grens houdt."""
    import zipfile

    try:
        with zipfile.ZipFile(pad) as archief:
            onderdelen = archief.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # geen (leesbaar) zip-archief: de melding van openpyxl hieronder
    totaal = 0
    for onderdeel in onderdelen:
        totaal += onderdeel.file_size
        if onderdeel.file_size > MAX_XLSX_ONDERDEEL:
            return (
                f"het Excel-bestand wordt uitgepakt te groot: onderdeel '{_kort(onderdeel.filename)}' is "
                f"{_grootte(onderdeel.file_size)}, meer dan {_grootte(MAX_XLSX_ONDERDEEL)} per onderdeel; een "
                "tarieftabel is veel kleiner: is dit het goede bestand? sla de tabel opnieuw op als .xlsx of .csv"
            )
    if totaal > MAX_XLSX_TOTAAL:
        return (
            f"het Excel-bestand wordt uitgepakt te groot: {_grootte(totaal)}, meer dan {_grootte(MAX_XLSX_TOTAAL)}; "
            "een tarieftabel is veel kleiner: is dit het goede bestand? sla de tabel opnieuw op als .xlsx of .csv"
        )
    return None


def _grootte(aantal: int) -> str:
    """Een aantal bytes in kB, MB of GB, Nederlands geschreven: '12 kB', '50 MB', '4,3 GB'."""
    if aantal >= 2**30:
        return f"{aantal / 2**30:.1f} GB".replace(".", ",")
    if aantal < 2**20:
        return f"{max(1, round(aantal / 2**10))} kB"
    return f"{aantal / 2**20:.0f} MB"


def _excelkop_later(werkblad: Any) -> int | None:
    """De rij (2 tot en met 10) met een kopregel met code en prijs, als rij 1 dat niet is (een titelregel)."""
    rijen = werkblad.iter_rows(min_row=2, max_row=10, max_col=100, values_only=True)
    try:
        for nummer, rij in enumerate(rijen, start=2):
            if {"code", "prijs"} <= {_kolom(_celtekst(v)) for v in rij}:
                return nummer
    finally:
        rijen.close()
    return None


def _te_lang(naam: str, kop: list[str], rij: int, kolom: int, cijfers: int) -> Melding:
    """Een getalcel met te veel cijfers (zie `_Inhoud.te_lang`), met cel, regel en kolom."""
    from openpyxl.utils.cell import get_column_letter

    veld = _kolom(kop[kolom - 1]) or None if 0 < kolom <= len(kop) else None
    return Melding(naam, rij, veld, f"cel {get_column_letter(kolom)}{rij} {te_veel_cijfers(cijfers)}")


def _buiten_kop(naam: str, rij: int, kolom: int) -> Melding:
    """Een gevulde cel rechts van de laatste kolom met een naam: die zou stil niet gelezen worden."""
    from openpyxl.utils.cell import get_column_letter

    letter = get_column_letter(kolom)
    return Melding(
        naam,
        rij,
        None,
        f"cel {letter}{rij} is gevuld, maar kolom {letter} heeft geen naam in de kopregel; geef de kolom een naam "
        "(bijvoorbeeld toelichting) of maak de cel leeg",
    )


def _verborgen(naam: str, kop: list[str], rijen: list[int], kolommen: list[int], meldingen: list[Melding]) -> None:
    """Verborgen (of weggefilterde) rijen en verborgen kolommen van de tabel: Excel toont ze niet, maar ze staan wel
    in het bestand. Ze stil meetellen of stil weglaten geeft allebei een ander bedrag dan wie de tabel bekijkt
    verwacht; dus een fout."""
    from openpyxl.utils.cell import get_column_letter

    for rij in rijen:
        meldingen.append(
            Melding(
                naam,
                rij,
                None,
                f"rij {rij} is verborgen in Excel (of weggefilterd), maar staat wel in het bestand; maak de rij "
                "zichtbaar (filter uit) als hij mee moet tellen, of verwijder hem",
            )
        )
    for kolom in kolommen:
        veld = _kolom(kop[kolom - 1]) or None if kolom <= len(kop) else None
        meldingen.append(
            Melding(
                naam,
                1,
                veld,
                f"kolom {get_column_letter(kolom)} is verborgen in Excel, maar staat wel in het bestand; maak de kolom "
                "zichtbaar als hij mee moet tellen, of verwijder hem",
            )
        )


@dataclass
class _Inhoud:
    """Wat openpyxl in de zuinige leesstand niet geeft, uit één doorloop over de XML van een werkblad."""

    samengevoegd: list[str] = field(default_factory=list)  # de samengevoegde bereiken die de tabel raken
    formules: list[tuple[int, int]] = field(default_factory=list)  # (rij, kolom) met een formule zonder uitkomst
    laatste_rij: int = 0  # de laatste rij met een gevulde cel in de tabel (0: geen)
    verborgen_rijen: list[int] = field(default_factory=list)
    verborgen_kolommen: list[int] = field(default_factory=list)  # tot en met de laatste kop
    buiten_kop: tuple[int, int] | None = None  # de eerste gevulde cel (rij, kolom) rechts van de laatste kop
    #: de eerste getalcel (rij, kolom, cijfers) met meer dan MAX_CIJFERS cijfers: openpyxl zou er een ValueError op
    #: geven (Python's grens op int uit tekst), of een getal dat niemand zo bedoelde
    te_lang: tuple[int, int, int] | None = None


_Werkblad = tuple[list[str], list[tuple[int, list[str]]], _Inhoud]


def _werkblad(werkblad: Any) -> _Werkblad | None:
    """(kop, rijen, samengevoegde bereiken, cellen met een formule zonder uitkomst) van één werkblad, of None als
    het leeg is.

    Het geheugen blijft begrensd door de cellen die echt gevuld zijn: de afmeting die het bestand opgeeft wordt
    genegeerd (één opgemaakte lege cel in XFD1048576 zou anders een miljoen rijen van 16.384 kolommen maken), alleen
    de kolommen tot en met de laatste kop worden gelezen en alleen de rijen tot en met de laatste gevulde.
    """
    werkblad.reset_dimensions()
    eerste = werkblad.iter_rows(min_row=1, max_row=1, values_only=True)
    try:
        kop_ruw = list(next(eerste, ()))
    finally:
        eerste.close()
    while kop_ruw and (kop_ruw[-1] is None or not str(kop_ruw[-1]).strip()):
        kop_ruw.pop()
    breedte = len(kop_ruw) or _MAX_KOLOMMEN
    inhoud = _bladinhoud(werkblad, breedte)
    laatste_rij = inhoud.laatste_rij
    if not kop_ruw:
        return ([], [], inhoud) if laatste_rij > 0 else None
    rijen = []
    if laatste_rij >= 2 and inhoud.te_lang is None:  # anders geeft openpyxl een ValueError; _xlsx meldt de cel
        gelezen = werkblad.iter_rows(min_row=2, max_row=laatste_rij, max_col=breedte, values_only=True)
        for nummer, rij in enumerate(gelezen, start=2):
            if rij.count(None) < breedte:  # openpyxl vult ontbrekende rijen aan met lege; count is snel (in C)
                rijen.append((nummer, [_celtekst(v) for v in rij]))
    return [_celtekst(v) for v in kop_ruw], rijen, inhoud


_MAX_KOLOMMEN = 16_384  # XFD, de laatste kolom in Excel


def _celtekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return _Excelgetal(waarde)
    return str(waarde)


def _bladinhoud(werkblad: Any, breedte: int) -> _Inhoud:
    """De samengevoegde bereiken die de tabel raken, de cellen met een formule zonder opgeslagen uitkomst, de
    laatste rij met een gevulde cel in de eerste `breedte` kolommen (0 als er geen is), de verborgen rijen, de
    verborgen kolommen (tot en met `breedte`) en de eerste gevulde cel rechts van kolom `breedte`.

    openpyxl geeft in de zuinige leesstand geen van alle, dus één doorloop over de XML van het blad, rij voor rij
    weggegooid.
    """
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
    from openpyxl.xml.constants import SHEET_MAIN_NS

    ns = "{" + SHEET_MAIN_NS + "}"
    samengevoegd: list[str] = []
    formules: list[tuple[int, int]] = []
    laatste_rij = 0
    verborgen_rijen: list[int] = []
    verborgen_kolommen: set[int] = set()
    buiten_kop: tuple[int, int] | None = None
    te_lang: tuple[int, int, int] | None = None
    gegevens = None
    rij = kolom = 0
    with werkblad._get_source() as bron:  # het XML-deel van dit werkblad in het zip-archief
        for gebeurtenis, element in iterparse(bron, events=("start", "end")):
            if gebeurtenis == "start":
                if element.tag == ns + "sheetData":
                    gegevens = element
                elif element.tag == ns + "row":
                    rij = int(element.get("r") or rij + 1)
                    kolom = 0
                    if element.get("hidden") in ("1", "true"):
                        verborgen_rijen.append(rij)
                elif element.tag == ns + "col" and element.get("hidden") in ("1", "true"):
                    try:
                        van, tot = int(element.get("min") or 0), int(element.get("max") or 0)
                    except ValueError:
                        van = tot = 0
                    verborgen_kolommen.update(range(max(van, 1), min(tot, breedte) + 1))
                continue
            if element.tag == ns + "c":
                ref = element.get("r")
                rij, kolom = coordinate_to_tuple(ref) if ref else (rij, kolom + 1)
                if kolom > breedte and (buiten_kop is not None or breedte == _MAX_KOLOMMEN):
                    continue
                uitkomst = element.find(ns + "v")
                heeft_uitkomst = (uitkomst is not None and bool(uitkomst.text)) or element.find(ns + "is") is not None
                if kolom > breedte:
                    if heeft_uitkomst or element.find(ns + "f") is not None:
                        buiten_kop = (rij, kolom)
                    continue
                heeft_formule = element.find(ns + "f") is not None
                if te_lang is None and uitkomst is not None and uitkomst.text and element.get("t") in (None, "n"):
                    cijfers = cijfers_voor_de_komma(uitkomst.text)
                    te_lang = (rij, kolom, cijfers) if cijfers > MAX_CIJFERS else None
                if heeft_formule and not heeft_uitkomst:
                    formules.append((rij, kolom))
                if heeft_formule or heeft_uitkomst:
                    laatste_rij = max(laatste_rij, rij)
            elif element.tag == ns + "row" and gegevens is not None:
                gegevens.clear()  # verwerkte rijen direct weggooien: geheugen begrensd, ook bij een miljoen rijen
            elif element.tag == ns + "mergeCell":
                bereik = element.get("ref") or ""
                try:
                    if range_boundaries(bereik)[0] <= breedte:
                        samengevoegd.append(bereik)
                except (TypeError, ValueError):
                    samengevoegd.append(bereik)
    return _Inhoud(
        samengevoegd, formules, laatste_rij, verborgen_rijen, sorted(verborgen_kolommen), buiten_kop, te_lang
    )


def _excelfouten(
    naam: str, kop: list[str], samengevoegd: list[str], formules: list[tuple[int, int]], meldingen: list[Melding]
) -> None:
    """Samengevoegde cellen en formules zonder uitkomst: wat Excel toont is niet wat in het bestand staat."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    def kolomnaam(kolom: int) -> str | None:
        return (kop[kolom - 1].strip().lower() or None) if 0 < kolom <= len(kop) else None

    for bereik in samengevoegd:
        try:
            kolom, rij, *_ = range_boundaries(bereik)
        except (TypeError, ValueError):
            kolom = rij = None
        meldingen.append(
            Melding(
                naam,
                rij,
                kolomnaam(kolom) if kolom else None,
                f"samengevoegde cellen {bereik}: alleen de eerste cel heeft een waarde, de andere zijn leeg (een lege "
                "gemeente betekent een landelijk tarief); maak de samenvoeging ongedaan en vul elke cel in",
            )
        )
    for rij, kolom in formules:
        meldingen.append(
            Melding(
                naam,
                rij,
                kolomnaam(kolom),
                f"cel {get_column_letter(kolom)}{rij} bevat een formule zonder opgeslagen uitkomst; open het bestand "
                "in Excel en sla het daar op (dan bewaart Excel de uitkomst), of typ de waarde zelf",
            )
        )


# --- getallen -----------------------------------------------------------------------------------------------------


class GetalFout(ValueError):
    """Tekst die geen getal is; `reden` zegt waarom als dat meer is dan 'geen getal' (dubbelzinnig, e-notatie ...)."""

    def __init__(self, tekst: str, reden: str | None = None) -> None:
        super().__init__(tekst)
        self.reden = reden


_SPATIES = str.maketrans(dict.fromkeys(map(ord, "\u00a0\u202f\u2009"), " "))
_CIJFERS = re.compile(r"[0-9]+")


def _gegroepeerd(deel: str, teken: str) -> bool:
    """`deel` is een geheel getal met `teken` tussen groepjes van drie cijfers: 1.234 of 12.345.678."""
    return re.fullmatch(rf"[1-9][0-9]{{0,2}}(?:{re.escape(teken)}[0-9]{{3}})+", deel) is not None


def _geheel_deel(deel: str, duizend: str | None) -> str:
    """De cijfers van het deel voor het decimaalteken; duizendtallen alleen in groepjes van drie."""
    if _CIJFERS.fullmatch(deel):
        return deel
    for teken in (duizend, " "):
        if teken and _gegroepeerd(deel, teken):
            return deel.replace(teken, "")
    raise GetalFout(deel)


def lees_getal(tekst: str, decimaalteken: str | None = None) -> float:
    """Een getal zoals een Nederlandse of Engelse gebruiker het bedoelt; `GetalFout` (een `ValueError`) als het
    geen getal is of twee dingen kan betekenen.

    De regel: staan er een punt én een komma in, dan is het laatste teken het decimaalteken en het andere het
    scheidingsteken voor duizendtallen (`1.234,56` en `1,234.56` zijn allebei 1234,56). Staat er één soort in en
    meer dan eens, dan zijn het duizendtallen (`1.234.567`). Staat er precies één punt of komma in, dan is het een
    decimaalteken, behalve als er precies drie cijfers na komen en het ook duizendtallen kunnen zijn (`1.234`): dan
    beslist het decimaalteken van het bestand (`decimaalteken`: ',' in een puntkomma-bestand, '.' in een
    komma-bestand), en zonder dat, of als het teken het andere is, is het getal dubbelzinnig en geweigerd.
    Duizendtallen staan altijd in groepjes van drie; een spatie (ook een harde) mag ook. Een euroteken mag ervoor of
    erachter. Geweigerd: e-notatie (`1e3`), `_` en cijfers buiten 0-9 (zoals Arabisch-Indische).
    """
    if isinstance(tekst, _Excelgetal):
        return tekst.waarde
    waarde = tekst.translate(_SPATIES).strip().removeprefix("€").removesuffix("€").strip()
    teken = ""
    if waarde[:1] in ("-", "+"):
        teken, waarde = waarde[0], waarde[1:].strip()
    for c in waarde:
        if c not in "0123456789., ":
            if unicodedata.decimal(c, None) is not None:
                raise GetalFout(
                    tekst,
                    f"bevat het teken '{c}' (U+{ord(c):04X}), geen gewoon cijfer; typ het getal met de cijfers 0-9",
                )
            if c in "eE" and re.fullmatch(r"[0-9.,]+[eE][+-]?[0-9]+", waarde):
                raise GetalFout(
                    tekst, "is in e-notatie; schrijf het getal voluit (bijvoorbeeld 1000 in plaats van 1e3)"
                )
            raise GetalFout(tekst)
    if not waarde or not any(c.isdigit() for c in waarde):
        raise GetalFout(tekst)
    punt, komma = waarde.rfind("."), waarde.rfind(",")
    if punt >= 0 and komma >= 0:
        decimaal = "." if punt > komma else ","
        duizend = "," if decimaal == "." else "."
        geheel, breuk = waarde.rsplit(decimaal, 1)
        getal = f"{_geheel_deel(geheel, duizend)}.{breuk}"
    elif punt >= 0 or komma >= 0:
        scheider = "." if punt >= 0 else ","
        if waarde.count(scheider) > 1:
            getal = _geheel_deel(waarde, scheider)
        else:
            geheel, breuk = waarde.split(scheider)
            if len(breuk) == 3 and _gegroepeerd(waarde, scheider) and scheider != decimaalteken:
                raise GetalFout(tekst, _dubbelzinnig(geheel, breuk, decimaalteken))
            getal = f"{_geheel_deel(geheel, None) if geheel else '0'}.{breuk}"
    else:
        getal = _geheel_deel(waarde, None)
    if not _CIJFERS.fullmatch(getal.split(".", 1)[-1]):
        raise GetalFout(tekst)
    if (cijfers := cijfers_voor_de_komma(getal)) > MAX_CIJFERS:
        raise GetalFout(tekst, te_veel_cijfers(cijfers))
    return float(teken + getal)


def _dubbelzinnig(geheel: str, breuk: str, decimaalteken: str | None) -> str:
    duizend, klein = f"{geheel}{breuk}", f"{geheel},{breuk}"
    if decimaalteken == ",":
        uitleg = "in dit bestand (gescheiden met puntkomma's) is de komma het decimaalteken"
        voorbeeld = f"schrijf {duizend} of {geheel}.{breuk},00 voor duizendtallen, of {klein}"
    elif decimaalteken == ".":
        uitleg = "in dit bestand (gescheiden met komma's) is de punt het decimaalteken"
        voorbeeld = f"schrijf {duizend} voor duizendtallen, of {geheel}.{breuk}"
    else:
        uitleg = "de cel bevat tekst, geen getal"
        voorbeeld = "typ het bedrag als getal in de cel"
    return f"is dubbelzinnig: {duizend} of {klein}? {uitleg}; {voorbeeld}"


def _geheel(tekst: str) -> int:
    """Een geheel getal uit gewone cijfers 0-9 (Python's `int` neemt ook '2_017' en Arabisch-Indische cijfers)."""
    if isinstance(tekst, _Excelgetal) and tekst.waarde.is_integer():
        return int(tekst.waarde)
    if not re.fullmatch(r"[0-9]{1,9}", tekst.strip()):
        raise ValueError(tekst)
    return int(tekst)


def _jaartal(tekst: str) -> int:
    jaar = _geheel(tekst)
    if not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        raise ValueError(tekst)
    return jaar


def _kort(tekst: str, lengte: int = 40) -> str:
    """Een waarde voor in een melding: nooit een hele geplakte alinea."""
    return tekst if len(tekst) <= lengte else tekst[: lengte - 3] + "..."


def _vreemd_teken(code: str) -> str | None:
    """Waarom een tariefcode niet deugt als er een teken buiten ASCII of een stuurteken in staat, anders None.

    Een Cyrillische 'а' of Griekse 'ο' ziet eruit als een gewone letter, maar de code is dan een andere code.
    """
    for positie, teken in enumerate(code, start=1):
        if not teken.isascii() or not teken.isprintable():
            zichtbaar = f"'{teken}' " if teken.isprintable() and not teken.isspace() else ""
            naam = unicodedata.name(teken, "")
            return (
                f"code bevat op positie {positie} het teken {zichtbaar}(U+{ord(teken):04X}{f' {naam}' if naam else ''})"
                ", geen gewone letter of cijfer; typ de code opnieuw met a-z, 0-9 en _"
            )
    return None


def _tariefregel(rij: dict[str, str], blad: _Blad, nummer: int, meldingen: list[Melding]) -> Tariefregel | None:
    fouten_voor = len(meldingen)

    def fout(veld: str, tekst: str) -> None:
        meldingen.append(Melding(blad.naam, nummer, veld, tekst))

    code = rij["code"]
    if not code:
        fout("code", "code ontbreekt")
    elif (vreemd := _vreemd_teken(code)) is not None:
        fout("code", vreemd)
    code = tariefcode(code)
    if _GEMEENTE_SCHEIDING.search(rij["gemeente"]):
        fout(
            "gemeente",
            f"'{_kort(netjes(rij['gemeente']))}' noemt meer dan één gemeente; zet elke gemeente op een eigen rij "
            "(één rij per gemeente)",
        )
    try:
        prijs = lees_getal(rij["prijs"], blad.decimaal)
        if prijs < 0:
            fout("prijs", f"prijs {rij['prijs']} is negatief; verwacht een bedrag >= 0")
        elif prijs > MAX_PRIJS:
            fout(
                "prijs",
                f"prijs {rij['prijs']} is onwaarschijnlijk hoog; verwacht een bedrag per eenheid van hooguit "
                "10 miljoen (staat de komma goed?)",
            )
    except GetalFout as getalfout:
        prijs = 0.0
        reden = getalfout.reden or "is geen bedrag; verwacht bijvoorbeeld 32.76 of 32,76"
        fout("prijs", f"'{_kort(rij['prijs'])}' {reden}")
    try:
        jaar = _jaartal(rij["jaar"])
    except ValueError:
        jaar = 0
        fout("jaar", f"'{_kort(rij['jaar'])}' is geen jaartal; verwacht bijvoorbeeld 2016")
    if rij["financier"] not in FINANCIERS:
        fout(
            "financier",
            f"onbekende financier '{_kort(rij['financier'])}'{bedoelde_u(rij['financier'], FINANCIERS)}; "
            f"kies uit {opsomming(FINANCIERS, 20)}",
        )
    try:
        lijn = _geheel(rij["lijn"])
        if lijn not in LIJNEN:
            raise ValueError
    except ValueError:
        lijn = 0
        fout(
            "lijn", f"'{_kort(rij['lijn'])}' is geen geldige lijn; kies 0 (informeel), 1 (basis) of 2 (specialistisch)"
        )
    if rij["betrouwbaarheid"] not in BETROUWBAARHEDEN:
        fout("betrouwbaarheid", f"'{_kort(rij['betrouwbaarheid'])}' is ongeldig; kies hoog, middel of laag")
    soort = rij.get("soort", "") or "kosten"
    if soort not in SOORTEN:
        fout("soort", f"'{soort}' is ongeldig; kies kosten of overdracht (of laat de cel leeg: kosten)")
    if not rij["bron"]:
        fout("bron", "bron ontbreekt; noem de bron, of schrijf 'aanname: ...' als er geen gepubliceerd cijfer is")
    overlapt_met = tuple(dict.fromkeys(tariefcode(c) for c in _codelijst(rij.get("overlapt_met", ""))))
    if code and code in overlapt_met:
        fout(
            "overlapt_met",
            f"{code} staat in zijn eigen overlapt_met; noem alleen andere codes waarvan deze rij de kosten al bevat",
        )
    if len(meldingen) > fouten_voor:
        return None
    return Tariefregel(
        code=code,
        omschrijving=rij["omschrijving"],
        eenheid=rij["eenheid"],
        prijs=prijs,
        jaar=jaar,
        gemeente=gemeentenaam(rij["gemeente"]) or None,
        financier=rij["financier"],
        lijn=lijn,
        betrouwbaarheid=rij["betrouwbaarheid"],
        bron=rij["bron"],
        bestand=blad.naam,
        regel=nummer,
        soort=soort,
        overlapt_met=overlapt_met,
    )


def tariefcode(code: str) -> str:
    """De vorm waarin een tariefcode vergeleken en getoond wordt: kleine letters. Codes zijn hoofdletterongevoelig
    (`wmo_UUR` en `wmo_uur` zijn één code), in de tarieftabellen, in casussen en in de instellingen."""
    return code.strip().lower()


def _codelijst(cel: str) -> tuple[str, ...]:
    """De codes in een cel `overlapt_met`: gescheiden door een puntkomma, spaties eromheen en lege stukken (een
    puntkomma aan het eind) tellen niet, elke code één keer."""
    return tuple(dict.fromkeys(c.strip() for c in cel.split(OVERLAP_SCHEIDING) if c.strip()))


def _controleer_overlap(regels: Sequence[Tariefregel], codes: set[str], meldingen: list[Melding]) -> None:
    """Elke code in `overlapt_met` staat in de tarieftabellen (in enig bestand, voor enige gemeente), en geen code
    bevat via overlapt_met zichzelf (a bevat b en b bevat a: dan is niet te zeggen welke van de twee weg moet)."""
    geldig = sorted(codes)
    for regel in regels:
        for code in regel.overlapt_met:
            if code in codes:
                continue
            delen = [d.strip() for d in re.split(r"[,\s]+", code) if d.strip()]
            if len(delen) > 1 and all(d in codes for d in delen):
                uitleg = f"scheid codes met een puntkomma: {OVERLAP_SCHEIDING.join(delen)}"
            else:
                uitleg = (
                    f"onbekende tariefcode '{_kort(code)}'{bedoelde_u(code, geldig)}; noem codes uit de "
                    f"tarieftabellen ({opsomming(geldig)}), gescheiden door een puntkomma"
                )
            meldingen.append(Melding(regel.bestand, regel.regel, "overlapt_met", uitleg))
    _controleer_kring(regels, meldingen)


def _controleer_kring(regels: Sequence[Tariefregel], meldingen: list[Melding]) -> None:
    """Een kring in overlapt_met (a bevat b, b bevat a) is een fout bij de rij die hem sluit."""
    bevat: dict[str, dict[str, Tariefregel]] = {}
    for regel in regels:
        for code in regel.overlapt_met:
            bevat.setdefault(regel.code, {}).setdefault(code, regel)
    klaar: set[str] = set()
    for begin in list(bevat):
        if begin in klaar:
            continue
        # diepte-eerst zonder recursie, in de volgorde van de rijen; `pad` is de keten vanaf `begin`, een buur op het
        # pad sluit een kring
        pad: list[str] = [begin]
        buren: list[Iterator[str]] = [iter(bevat.get(begin, {}))]
        while buren:
            volgende = next(buren[-1], None)
            if volgende is None:
                klaar.add(pad.pop())
                buren.pop()
            elif volgende in pad:
                kring = [*pad[pad.index(volgende) :], volgende]
                regel = bevat[pad[-1]][volgende]
                meldingen.append(
                    Melding(
                        regel.bestand,
                        regel.regel,
                        "overlapt_met",
                        f"kring in overlapt_met ({' -> '.join(kring)}): dan bevat elke code in de kring de kosten van "
                        "de andere en is niet te zeggen welke dubbel telt; laat overlapt_met bij één van deze rijen "
                        "weg",
                    )
                )
            elif volgende not in klaar:
                pad.append(volgende)
                buren.append(iter(bevat.get(volgende, {})))


def _controleer_dubbel(
    regels: Iterable[Tariefregel], geschreven: dict[tuple[str, int], str], meldingen: list[Melding]
) -> None:
    """Twee rijen voor dezelfde code, hetzelfde jaar en dezelfde gemeente (of allebei landelijk) zijn een fout, ook
    als de codes alleen in hoofdletters verschillen (`geschreven`: de code zoals hij in de rij staat)."""
    gezien: dict[tuple[str, int, str], Tariefregel] = {}
    for regel in regels:
        sleutel_ = (regel.code, regel.jaar, sleutel(regel.gemeente or ""))
        eerder = gezien.get(sleutel_)
        if eerder is not None:
            waar = regel.gemeente or "landelijk"
            dit = geschreven.get((regel.bestand, regel.regel), regel.code)
            dat = geschreven.get((eerder.bestand, eerder.regel), eerder.code)
            hoofdletters = (
                f" (als '{dat}', hier '{dit}': tariefcodes zijn hoofdletterongevoelig, dit is dezelfde code)"
                if dit != dat
                else ""
            )
            meldingen.append(
                Melding(
                    regel.bestand,
                    regel.regel,
                    "code",
                    f"dubbele rij voor ({regel.code}, {regel.jaar}, {waar}); "
                    f"staat al in {eerder.bestand}:{eerder.regel}{hoofdletters}; laat er één staan",
                )
            )
        else:
            gezien[sleutel_] = regel


def _eenheid(regel: Tariefregel) -> str:
    return " ".join(regel.eenheid.split()).casefold()


def _controleer_eenheid(regels: Sequence[Tariefregel], meldingen: list[Melding]) -> None:
    """Eén eenheid per code: een rij (van een gemeente, of een ander jaar) met een andere eenheid dan de landelijke
    rij (of, zonder landelijke rij, de eerste rij) van die code is een fout. Anders prijst een casus met 2 uur als
    2 dagdelen."""
    eerste: dict[str, Tariefregel] = {}
    for regel in sorted(regels, key=lambda r: r.gemeente is not None):  # stabiel: landelijke rijen eerst
        maat = eerste.setdefault(regel.code, regel)
        if _eenheid(regel) != _eenheid(maat):
            meldingen.append(
                Melding(
                    regel.bestand,
                    regel.regel,
                    "eenheid",
                    f"eenheid '{_kort(regel.eenheid)}' van {regel.code} wijkt af van eenheid '{_kort(maat.eenheid)}' "
                    f"in {maat.bestand}:{maat.regel}; één code heeft één eenheid (de aantallen in de casussen zijn in "
                    "die eenheid); neem dezelfde eenheid, of geef deze rij een eigen code",
                )
            )


def _laad_prijsindex(pad: Path, naam: str, meldingen: list[Melding]) -> Prijsindex | None:
    if not pad.is_file():
        meldingen.append(
            Melding(
                naam, None, None, "prijsindex ontbreekt; verwacht een bestand prijsindex.csv met de kolommen jaar,index"
            )
        )
        return None
    blad = _csv(pad, naam, meldingen)
    if blad is None:
        return None
    cijfers: dict[int, float] = {}
    for nummer, rij in _rijen(blad, INDEXKOLOMMEN, meldingen, OPTIONELE_INDEXKOLOMMEN):
        try:
            jaar = _jaartal(rij["jaar"])
        except ValueError:
            meldingen.append(
                Melding(
                    naam,
                    nummer,
                    "jaar",
                    f"'{_kort(rij['jaar'])}' is geen jaartal; verwacht een jaar van {EERSTE_JAAR} tot en met "
                    f"{LAATSTE_JAAR}, bijvoorbeeld 2016",
                )
            )
            continue
        try:
            index = lees_getal(rij["index"], blad.decimaal)
            if index <= 0:
                raise GetalFout(rij["index"])
        except GetalFout as getalfout:
            meldingen.append(
                Melding(naam, nummer, "index", f"'{_kort(rij['index'])}' {getalfout.reden or 'is geen positief getal'}")
            )
            continue
        if blad.scheiding == "," and _CIJFERS.fullmatch(rij.get("bron", "")):
            # `2017,121,9` met een kolom bron: de 9 is vrijwel zeker het decimaal van 121,9, geen bron
            meldingen.append(
                Melding(
                    naam,
                    nummer,
                    "index",
                    f"bron '{rij['bron']}' is alleen een getal: staat er een decimale komma in de index "
                    f"({rij['index']},{rij['bron']})? schrijf een decimale punt ({rij['index']}.{rij['bron']}) of "
                    "zet de index tussen aanhalingstekens",
                )
            )
            continue
        if jaar in cijfers:
            meldingen.append(Melding(naam, nummer, "jaar", f"jaar {jaar} staat twee keer in de prijsindex"))
        cijfers[jaar] = index
    if not cijfers:
        if not any(m.bestand == naam for m in meldingen):
            meldingen.append(Melding(naam, None, None, "prijsindex bevat geen jaren"))
        return None
    return Prijsindex(cijfers, naam)
