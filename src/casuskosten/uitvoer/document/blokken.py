"""De woordenschat van een document: secties, blokken (tabel, alinea, grafiek ...) en wat elke grafiek toont.

Alles is bevroren en al in woorden gezet; `pdf.py` en `html.py` tekenen het alleen. Een grafiek is hier een
beschrijving (de cijfers, de titel en het tekstalternatief), geen tekening: `grafieken.py` maakt er een
reportlab-tekening van, als SVG-afbeelding in de PDF en als inline SVG in de HTML. Deze module kent reportlab niet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from ...benamingen import waarschuwingstekst, waarschuwingstitel
from ...fouten import Waarschuwing
from ...invoer.instellingen import Huisstijl

Uitlijning = Literal["links", "rechts"]


# --- wat een grafiek toont ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trajectkosten:
    """Eén rij met twee staven: de kosten vóór 2015 (grijs) en met het sociaal team (in kleur)."""

    label: str
    voor_2015: float
    sociaal_team: float


@dataclass(frozen=True)
class TrajectenPerCasus:
    """Per casus de kosten van beide trajecten, in de volgorde van `rijen`.

    `schaal` (laag, hoog) is de as over álle casussen: een lange reeks staat in delen die elk op een pagina passen,
    met dezelfde as.
    """

    rijen: tuple[Trajectkosten, ...]
    schaal: tuple[float, float]
    kleur: str


@dataclass(frozen=True)
class KostenPerFinancier:
    """Wie investeert, wie bespaart: per financier (met de naam voor de lezer) de kosten van beide trajecten."""

    rijen: tuple[Trajectkosten, ...]
    kleur: str


@dataclass(frozen=True)
class Financierbesparing:
    """Eén staaf: de besparing van een financier per jaar (negatief: hij investeert)."""

    financier: str
    besparing_per_jaar: float


@dataclass(frozen=True)
class BesparingPerFinancierPerJaar:
    """Per financier de besparing per jaar op de schaal van de caseload; rechts bespaart hij, links investeert hij."""

    rijen: tuple[Financierbesparing, ...]
    kleur: str


@dataclass(frozen=True)
class Oordelen:
    """Hoeveel casussen een doel ja, deels, nee of onbekend gaven; `doel` is de naam voor de lezer."""

    doel: str
    ja: int
    deels: int
    nee: int
    onbekend: int


@dataclass(frozen=True)
class OordelenPerDoel:
    """Per doel een gestapelde staaf van 100%: ja, deels, nee, onbekend."""

    rijen: tuple[Oordelen, ...]


@dataclass(frozen=True)
class Tornadobalk:
    """Eén aanname van het tornadodiagram: de uitkomst bij haar lage en bij haar hoge instelling."""

    naam: str
    laag: float
    hoog: float


@dataclass(frozen=True)
class Tornado:
    """Het tornadodiagram rond `basis` (de schatting van het antwoord in euro per huishouden per jaar; None: niet te
    berekenen)."""

    balken: tuple[Tornadobalk, ...]
    basis: float | None
    kleur: str


@dataclass(frozen=True)
class Schatting:
    """Eén rij van de forest plot: de besparing per huishouden per jaar met haar 95%-interval (elk kan ontbreken)."""

    naam: str
    waarde: float | None
    interval: tuple[float, float] | None
    #: de gepoolde schatting met haar interval (leeg: niet gepoold)
    gepoold: float | None = None
    gepoold_interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class Forest:
    """De forest plot: per gemeente (en voor alle samen) de besparing na correctie met haar 95%-interval."""

    rijen: tuple[Schatting, ...]
    kleur: str


@dataclass(frozen=True)
class Kanscurvepunt:
    """Eén punt van de kanscurve: de kans op een besparing van meer dan `drempel` euro per huishouden per jaar."""

    drempel: float
    kans: float


@dataclass(frozen=True)
class Kanscurve:
    """Hoe zeker is een besparing van minstens ... ? Per drempel de kans, oplopend naar drempel."""

    punten: tuple[Kanscurvepunt, ...]
    kleur: str


Beeld = (
    TrajectenPerCasus
    | KostenPerFinancier
    | BesparingPerFinancierPerJaar
    | OordelenPerDoel
    | Tornado
    | Forest
    | Kanscurve
)


@dataclass(frozen=True)
class Grafiek:
    """Een grafiek met haar tekstalternatief, voor `<figure>` in HTML en een onderschrift in PDF."""

    sleutel: str
    titel: str
    #: het tekstalternatief (in HTML de <desc> van de SVG); niet gedrukt
    beschrijving: str
    #: wat de grafiek toont; de renderers tekenen het
    beeld: Beeld
    #: wat onder de grafiek staat: één korte zin voor de lezer
    onderschrift: str = ""
    #: de bronregel onder de grafiek ("Bron: ...")
    bron: str = ""
    #: het nummer ("Figuur 3"), gegeven door `genummerd` in de volgorde van het document
    nummer: int | None = None

    @property
    def kopschrift(self) -> str:
        """Nummer en titel: "Figuur 2. Oordeel per doel"; zonder nummer de titel."""
        return f"Figuur {self.nummer}. {self.titel}" if self.nummer is not None else self.titel


# --- de blokken ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cel:
    """Eén tabelcel, al opgemaakt: de tekst, eventueel een tweede regel in klein schrift, een link of vet."""

    tekst: str
    onder: str = ""
    link: str | None = None
    vet: bool = False


@dataclass(frozen=True)
class Tabel:
    """Een tabel: koppen, rijen met opgemaakte cellen, uitlijning en breekbaarheid per kolom, voetregel en voetnoot.

    `breekbaar` is de breedte-aanwijzing per kolom: een breekbare kolom (omschrijving, bron, toelichting) loopt door
    op spaties; een onbreekbare (bedrag, code, datum) wordt nooit afgebroken en krijgt de breedte van zijn langste
    cel. De renderers meten de kolombreedtes aan de inhoud.
    """

    koppen: tuple[str, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    uitlijning: tuple[Uitlijning, ...]
    breekbaar: tuple[bool, ...]
    voet: tuple[Cel, ...] | None = None
    voetnoot: str = ""
    #: de titel van de tabel; met titel krijgt ze een nummer ("Tabel 3. titel") van `genummerd`
    bijschrift: str = ""
    #: een opmaaksoort voor de renderer: "" (gewoon), "smal" (naast een andere tabel), "hash" (vaste breedte),
    #: "compact" (de verantwoording: dichtere rijen in de PDF)
    soort: str = ""
    #: de bronregel onder de tabel ("Bron: ...")
    bron: str = ""
    nummer: int | None = None

    @property
    def kopschrift(self) -> str:
        """Nummer en titel zoals boven de tabel: "Tabel 3. Antwoord per perspectief"; zonder nummer de titel."""
        return f"Tabel {self.nummer}. {self.bijschrift}" if self.nummer is not None else self.bijschrift


@dataclass(frozen=True)
class Alinea:
    """Een alinea; `soort` groot (de kernboodschap), gewoon of klein."""

    tekst: str
    soort: Literal["groot", "gewoon", "klein"] = "gewoon"
    vet: bool = False


@dataclass(frozen=True)
class Opsomming:
    """Een lijst met punten, elk een hele zin."""

    punten: tuple[str, ...]


@dataclass(frozen=True)
class Tussenkop:
    """Een kop binnen een sectie."""

    tekst: str


@dataclass(frozen=True)
class Figuur:
    """Een grafiek met titel en onderschrift."""

    grafiek: Grafiek


@dataclass(frozen=True)
class Kenmerken:
    """Naam-waardeparen (een definitielijst): team, datum, horizon ..."""

    paren: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Meldingen:
    """Opmerkingen in een kader, elk met een titel in gewone woorden en een zin (zonder code of bestandsnaam)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Naast:
    """Twee kolommen naast elkaar (de twee trajecten); past het niet op een pagina, dan onder elkaar."""

    links: tuple[Blok, ...]
    rechts: tuple[Blok, ...]


@dataclass(frozen=True)
class Inhoud:
    """Een inhoudsopgave: per regel de tekst, het anker en een korte toevoeging."""

    regels: tuple[tuple[str, str, str], ...]


Blok = Alinea | Opsomming | Tussenkop | Tabel | Figuur | Kenmerken | Meldingen | Naast | Inhoud


@dataclass(frozen=True)
class Sectie:
    """Een sectie met kop (niveau 1 een hoofdstuk, 2 een casus in de bijlagen) en blokken.

    `nieuwe_pagina`: een hoofdstuk dat op een nieuwe pagina begint (bijlagen, verantwoording). `bijeen`: liever heel
    op één pagina; begint alleen op een nieuwe pagina als het niet meer past en de vorige dan al voor een derde vol
    is. Zonder `titel` geen kop (de enige casus van een casusrapport: de titel staat er al boven).
    """

    titel: str | None
    sleutel: str
    blokken: tuple[Blok, ...]
    niveau: int = 1
    nieuwe_pagina: bool = False
    bijeen: bool = False
    bladwijzer: bool = True


@dataclass(frozen=True)
class Document:
    """Eén rapport zoals het getekend wordt: titel, kenmerken, secties en de huisstijl."""

    titel: str
    kenmerken: tuple[tuple[str, str], ...]
    secties: tuple[Sectie, ...]
    huisstijl: Huisstijl
    voettekst: str
    #: het sjabloon van dit soort rapport (`gemeente.html.j2` ...), zodat `--sjablonen` het per soort kan vervangen
    sjabloon: str = "document.html.j2"
    #: de datum van het rapport (`--datum`): ook de tijdstempel van de PDF, zodat dezelfde invoer dezelfde bytes geeft
    datum: dt.date | None = None
    #: titel, kenmerken en (als de eerste sectie een inhoudsopgave is) de inhoud op een eigen omslag, zonder
    #: paginanummer: de samenvatting is dan pagina 1. Zonder omslag (een casusrapport) staan ze boven pagina 1.
    omslag: bool = False


# --- bouwen --------------------------------------------------------------------------------------------------------


def cel(tekst: object, **opties: Any) -> Cel:
    """Een cel uit een waarde."""
    return Cel(str(tekst), **opties)


def _rij(*waarden: object) -> tuple[Cel, ...]:
    return tuple(w if isinstance(w, Cel) else Cel(str(w)) for w in waarden)


def tabel(
    koppen: tuple[str, ...],
    rijen: Iterable[tuple[object, ...]],
    *,
    rechts: tuple[int, ...] = (),
    vast: tuple[int, ...] = (),
    voet: tuple[object, ...] | None = None,
    voetnoot: str = "",
    bijschrift: str = "",
    soort: str = "",
    bron: str = "",
) -> Tabel:
    """Een tabel uit rijen met waarden of cellen; kolommen in `rechts` rechts uitgelijnd en (zoals `vast`) nooit
    afgebroken."""
    n = len(koppen)
    return Tabel(
        koppen=koppen,
        rijen=tuple(_rij(*r) for r in rijen),
        uitlijning=tuple("rechts" if i in rechts else "links" for i in range(n)),
        breekbaar=tuple(i not in rechts and i not in vast for i in range(n)),
        voet=_rij(*voet) if voet is not None else None,
        voetnoot=voetnoot,
        bijschrift=bijschrift,
        soort=soort,
        bron=bron,
    )


def meldingen(lijst: Iterable[Waarschuwing]) -> Meldingen:
    """Waarschuwingen voor de lezer: titel per soort en de zin, zonder code of bestandsnaam; dubbele één keer."""
    gezien: dict[tuple[str, str], None] = {}
    for w in lijst:
        gezien.setdefault((waarschuwingstitel(w.code), waarschuwingstekst(w)), None)
    return Meldingen(tuple(gezien))


def genummerd(secties: Iterable[Sectie]) -> tuple[Sectie, ...]:
    """De secties met elke tabel met titel en elke grafiek genummerd in leesvolgorde (Tabel 1, 2 ...; Figuur 1, 2
    ...): HTML en PDF tonen dezelfde nummers."""
    teller = {"tabel": 0, "figuur": 0}

    def blok(b: Blok) -> Blok:
        if isinstance(b, Tabel) and b.bijschrift:
            teller["tabel"] += 1
            return replace(b, nummer=teller["tabel"])
        if isinstance(b, Figuur):
            teller["figuur"] += 1
            return Figuur(replace(b.grafiek, nummer=teller["figuur"]))
        if isinstance(b, Naast):
            return Naast(tuple(blok(x) for x in b.links), tuple(blok(x) for x in b.rechts))
        return b

    return tuple(replace(s, blokken=tuple(blok(b) for b in s.blokken)) for s in secties)
