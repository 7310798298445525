"""De rapporten als PDF met Typst: tekent het `Document` uit `document/`, verder niets.

Het documentmodel gaat als JSON naar het Typst-sjabloon `typst/rapport.typ` (in `sys.inputs`): alle tekst uit de
invoer is daar gegevens, nooit Typst-opmaak, dus een `#`, `$` of `[` staat letterlijk in de PDF. Typst schrijft een
getagde PDF (structuurboom met koppen, alinea's, lijsten, tabellen met kopcellen en figuren met tekstalternatief),
met taal `nl`, titel, bladwijzers en ingebedde letters, en identificeert hem als PDF/A-2a en PDF/UA-1.

Hier worden alleen kolombreedtes gemeten (aan de inhoud, met de Helvetica-maten van reportlab: de meegeleverde
Liberation Sans is maatvast met Helvetica) en de grafieken als SVG gemaakt (`grafieken.svg_delen`). Een woord of
bedrag wordt nooit afgebroken: kolommen zijn minstens zo breed als hun langste woord, onbreekbare kolommen (bedragen,
codes) zo breed als hun langste cel, en in een bedrag staat een harde spatie. Dezelfde invoer en `--datum` geven byte
voor byte dezelfde PDF: de tijdstempel is de datum van het document.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from . import grafieken
from .document import (
    Alinea,
    Blok,
    Cel,
    Document,
    Figuur,
    Inhoud,
    Kenmerken,
    Meldingen,
    Naast,
    Opsomming,
    Sectie,
    Tabel,
    Tussenkop,
    logo_inhoud,
)

#: de tekstbreedte van een A4 met marges van 2 cm, in punten
TEKSTBREEDTE = (210 - 2 * 20) / 25.4 * 72
#: de ruimte tussen de twee kolommen van `Naast`
TUSSENRUIMTE = 8.0
SJABLOON = Path(__file__).parent / "typst" / "rapport.typ"
LETTERTYPEN = Path(__file__).parent / "lettertypen"
#: de normen waaraan elke PDF voldoet (Typst controleert ze bij het schrijven en weigert anders)
NORMEN = ["a-2a", "ua-1"]

# de maten van de letters in het sjabloon: Liberation Sans heeft dezelfde breedtes als Helvetica
LETTER = "Helvetica"
LETTER_VET = "Helvetica-Bold"
CEL = 8.0
CEL_KLEIN = 6.5
#: binnenmarge van een tabelcel links en rechts samen (`inset` in het sjabloon)
CELMARGE = 6.0


def _heel(tekst: str) -> str:
    """Een harde spatie tussen € en het bedrag: "€ 13.506,43" wordt nooit over twee regels verdeeld."""
    return tekst.replace("€ ", "€\u00a0")


#: een woord (tot de volgende gewone spatie of regeleinde) met een teken waarna Typst een regel zou mogen breken
_BREEKBAAR_WOORD = re.compile(r"([^ \t\n]*(?:[/–—‐|!?}\]](?=[^ \t\n])|-(?=[^0-9 \t\n]))[^ \t\n]*)")


def _woorden(tekst: str) -> str | list[str]:
    """Tekst voor het sjabloon waarin een regel alleen op een spatie breekt, zoals de kolombreedtes rekenen.

    Typst breekt (Unicode-regelafbreking) ook na een / of een koppelteken vóór een letter ("onderstreept</" + "u>",
    "zorg-" + "verzekeraar"); zulke woorden gaan als lijst mee (oneven plaatsen), en het sjabloon zet elk in een
    onbreekbaar `box`. Een koppelteken vóór een cijfer ("RTD-01", "€ -1.671") breekt niet. Zonder zulke woorden: de
    tekst. Alleen waar nodig: elk `box` kost opmaaktijd.
    """
    tekst = _heel(tekst)
    delen = _BREEKBAAR_WOORD.split(tekst)
    return tekst if len(delen) == 1 else delen


_WOORDGRENS = re.compile(r"[ \t\n]+")


def _woordbreedte(tekst: str, letter: str, grootte: float) -> float:
    """De breedte van het langste woord: smaller mag een breekbare kolom niet worden. Alleen gewone spaties en
    regeleinden scheiden woorden: een bedrag met harde spatie is één woord."""
    return max((stringWidth(w, letter, grootte) for w in _WOORDGRENS.split(_heel(tekst)) if w), default=0.0)


def _regelbreedte(tekst: str, letter: str, grootte: float) -> float:
    return max((stringWidth(r, letter, grootte) for r in _heel(tekst).split("\n")), default=0.0)


def kolombreedtes(tabel: Tabel, beschikbaar: float) -> list[float]:
    """Kolombreedtes gemeten aan de inhoud.

    Minimaal: een breekbare kolom zo breed als haar langste woord, een onbreekbare zo breed als haar langste cel
    (een kop mag op spaties breken). Past alles op één regel, dan krijgt elke kolom haar natuurlijke breedte en gaat
    de rest naar de breekbare kolommen; anders krijgt elke kolom haar minimum en wordt de rest verdeeld naar wat de
    breekbare kolommen nog zouden willen. Alleen als zelfs de minima niet passen, wordt er geschaald.
    """
    n = len(tabel.koppen)
    minimaal = [0.0] * n
    natuurlijk = [0.0] * n
    for i, kop in enumerate(tabel.koppen):
        minimaal[i] = _woordbreedte(kop, LETTER_VET, CEL)
        natuurlijk[i] = stringWidth(kop, LETTER_VET, CEL)
    rijen = [*tabel.rijen, *([tabel.voet] if tabel.voet is not None else [])]
    for rij in rijen:
        for i, c in enumerate(rij):
            letter = LETTER_VET if c.vet else LETTER
            breed = _regelbreedte(c.tekst, letter, CEL)
            onder = _regelbreedte(c.onder, LETTER, CEL_KLEIN) if c.onder else 0.0
            natuurlijk[i] = max(natuurlijk[i], breed, onder)
            if tabel.breekbaar[i]:
                woord = _woordbreedte(c.tekst, letter, CEL)
                if c.onder:
                    woord = max(woord, _woordbreedte(c.onder, LETTER, CEL_KLEIN))
                minimaal[i] = max(minimaal[i], woord)
            else:
                minimaal[i] = max(minimaal[i], breed, _woordbreedte(c.onder, LETTER, CEL_KLEIN))
    # een halve punt speling tegen afronding, en een punt voor de vette voetregel
    minimaal = [m + CELMARGE + 1.0 for m in minimaal]
    natuurlijk = [max(m, b + CELMARGE + 1.0) for m, b in zip(minimaal, natuurlijk, strict=True)]
    breekbaar = [i for i in range(n) if tabel.breekbaar[i]]
    if sum(natuurlijk) <= beschikbaar:
        breedtes = list(natuurlijk)
        rest = beschikbaar - sum(breedtes)
        if breekbaar:
            totaal = sum(natuurlijk[i] for i in breekbaar)
            for i in breekbaar:
                breedtes[i] += rest * natuurlijk[i] / totaal
        return breedtes
    rest = beschikbaar - sum(minimaal)
    if rest < 0:
        # de langste woorden passen samen niet: de enige plek waar een woord over twee regels kan gaan
        return [m * beschikbaar / sum(minimaal) for m in minimaal]
    breedtes = list(minimaal)
    wens = {i: natuurlijk[i] - minimaal[i] for i in breekbaar}
    totaal = sum(wens.values())
    for i in breekbaar:
        breedtes[i] += rest * (wens[i] / totaal if totaal else 1 / len(breekbaar))
    return breedtes


#: de teksthoogte van een pagina in punten (A4, boven- en ondermarge; zie het sjabloon)
TEKSTHOOGTE = (297 - 2 * 20 - 4) / 25.4 * 72


def _regels(tekst: str, letter: str, grootte: float, breedte: float) -> int:
    """Ruwe schatting van het aantal regels van `tekst` in een kolom van `breedte` punten."""
    if not tekst:
        return 0
    return sum(max(1, -(-int(stringWidth(r, letter, grootte)) // max(int(breedte), 1))) for r in tekst.split("\n"))


def _hoogte(blok: Blok, breedte: float) -> float:
    """Geschatte hoogte van een blok in punten: genoeg om te kiezen of een sectie nog op deze pagina past.

    Meten in Typst (`measure`) zou elke sectie een tweede keer opmaken; dat maakte een casusboek vijf keer trager.
    """
    if isinstance(blok, Alinea):
        grootte = {"groot": 10.5, "gewoon": 9.0, "klein": 7.5}[blok.soort]
        return _regels(blok.tekst, LETTER_VET if blok.vet else LETTER, grootte, breedte) * grootte * 1.3 + 7
    if isinstance(blok, Tussenkop):
        return 25.0
    if isinstance(blok, Opsomming):
        return sum(_regels(p, LETTER, 9.0, breedte - 12) * 11.7 + 7 for p in blok.punten)
    if isinstance(blok, Tabel):
        breedtes = kolombreedtes(blok, breedte)
        hoogte = 14.0 + (12.0 if blok.bijschrift else 0.0) + 10.0
        hoogte += (_regels(blok.voetnoot, LETTER, 7.5, breedte) + _regels(blok.bron, LETTER, 7.5, breedte)) * 9.5
        for rij in (*blok.rijen, *([blok.voet] if blok.voet is not None else [])):
            regels = max(
                (
                    _regels(c.tekst, LETTER, CEL, b - CELMARGE) + _regels(c.onder, LETTER, CEL_KLEIN, b - CELMARGE)
                    for c, b in zip(rij, breedtes, strict=False)
                ),
                default=1,
            )
            hoogte += regels * 10.5 + 5.5
        return hoogte
    if isinstance(blok, Figuur):
        return sum(float(t.height) for t in grafieken.pagina_delen(blok.grafiek.beeld)) + 40.0
    if isinstance(blok, Kenmerken):
        return sum(_regels(v, LETTER, CEL, breedte - 80) * 10.5 + 3 for _, v in blok.paren) + 10
    if isinstance(blok, Meldingen):
        return sum(_regels(f"{t}. {m}", LETTER, CEL, breedte - 16) * 10.5 + 6 for t, m in blok.items) + 22
    if isinstance(blok, Inhoud):
        return len(blok.regels) * 16.0
    half = (breedte - TUSSENRUIMTE) / 2
    return max(sum(_hoogte(b, half) for b in deel) for deel in (blok.links, blok.rechts))


#: het langste tekstalternatief: PDF/A staat geen tekenreeks boven 32.767 bytes toe (UTF-16: twee per teken)
ALT_MAX = 10_000


def _tekstalternatieven(titel: str, beschrijving: str, rijen: Sequence[int]) -> list[str]:
    """Het tekstalternatief van elk deel van een grafiek.

    Eén deel: de beschrijving. Een forest plot in delen: elk deel noemt titel en 'deel i van n' en, als de
    beschrijving één zin per rij heeft ("...: a; b; c."), alleen de rijen van dat deel. Langer dan `ALT_MAX`
    tekens wordt ingekort, en dan zegt het tekstalternatief dat de cijfers in de tabel staan.
    """
    n = len(rijen)
    if n == 1:
        return [_ingekort(beschrijving)]
    kop, _, rest = beschrijving.partition(": ")
    items = rest.removesuffix(".").split("; ")
    if rest and len(items) == sum(rijen):
        uit, begin = [], 0
        for i, aantal in enumerate(rijen):
            deel = "; ".join(items[begin : begin + aantal])
            uit.append(_ingekort(f"{titel}, deel {i + 1} van {n}. {kop}: {deel}."))
            begin += aantal
        return uit
    return [_ingekort(f"{titel}, deel {i + 1} van {n}. {beschrijving}") for i in range(n)]


def _ingekort(alt: str) -> str:
    if len(alt) <= ALT_MAX:
        return alt
    return alt[: ALT_MAX - 80].rsplit(" ", 1)[0] + " … (ingekort; alle cijfers staan in de tabel bij deze grafiek)"


class _Opbouw:
    """Het document als JSON-gegevens voor het sjabloon, met de grafieken als SVG-invoer apart."""

    def __init__(self, document: Document) -> None:
        self.invoer: dict[str, str] = {}
        self.labels: set[str] = set()
        #: het niveau van de laatste sectiekop: een tussenkop komt er één onder, nooit een niveau overgeslagen
        self.niveau = 0
        self.document = document
        self._verzamel_labels(document.secties)

    def _verzamel_labels(self, secties: Sequence[Sectie]) -> None:
        for s in secties:
            if s.titel is not None:
                self.labels.add(s.sleutel)

    def _cel(self, c: Cel) -> dict[str, Any]:
        link = c.link if c.link in self.labels else None
        return {"t": _woorden(c.tekst), "o": _woorden(c.onder), "l": link, "v": c.vet}

    def _tabel(self, t: Tabel, breedte: float) -> dict[str, Any]:
        return {
            "soort": "tabel",
            "koppen": [_woorden(k) for k in t.koppen],
            "rijen": [[self._cel(c) for c in rij] for rij in t.rijen],
            "rechts": [u == "rechts" for u in t.uitlijning],
            "breekbaar": list(t.breekbaar),
            "breedtes": [round(b, 2) for b in kolombreedtes(t, breedte)],
            "voet": [self._cel(c) for c in t.voet] if t.voet is not None else None,
            "voetnoot": _woorden(t.voetnoot),
            "bijschrift": t.kopschrift,
            "bron": _woorden(t.bron),
            "hash": t.soort == "hash",
            # de tabellen van de verantwoording staan dichter op elkaar: daar leest men op, niet door
            "compact": t.soort in ("compact", "hash"),
        }

    def _figuur(self, figuur: Figuur) -> dict[str, Any]:
        g = figuur.grafiek
        delen = grafieken.svg_delen(g.beeld)
        alts = _tekstalternatieven(g.titel, g.beschrijving, [rijen for _, _, rijen in delen])
        uit = []
        for (svg, breedte, _), alt in zip(delen, alts, strict=True):
            naam = f"svg{len(self.invoer)}"
            self.invoer[naam] = svg
            uit.append({"svg": naam, "breedte": round(breedte, 2), "alt": alt})
        return {
            "soort": "figuur",
            "titel": g.kopschrift,
            "onderschrift": _woorden(g.onderschrift),
            "bron": _woorden(g.bron),
            "delen": uit,
        }

    def blok(self, blok: Blok, breedte: float) -> dict[str, Any]:
        if isinstance(blok, Alinea):
            return {"soort": "alinea", "tekst": _woorden(blok.tekst), "stijl": blok.soort, "vet": blok.vet}
        if isinstance(blok, Tussenkop):
            niveau = min(self.niveau + 1, 6)
            return {
                "soort": "kop",
                "tekst": blok.tekst,
                "niveau": niveau,
                "stijl": "tussen",
                "sleutel": None,
                "bladwijzer": False,
            }
        if isinstance(blok, Opsomming):
            return {"soort": "lijst", "punten": [_woorden(p) for p in blok.punten]}
        if isinstance(blok, Tabel):
            return self._tabel(blok, breedte)
        if isinstance(blok, Figuur):
            return self._figuur(blok)
        if isinstance(blok, Kenmerken):
            return {"soort": "kenmerken", "paren": [[k, _woorden(v)] for k, v in blok.paren]}
        if isinstance(blok, Meldingen):
            return {"soort": "meldingen", "items": [[titel, _woorden(tekst)] for titel, tekst in blok.items]}
        if isinstance(blok, Inhoud):
            regels = [[tekst, sleutel if sleutel in self.labels else None] for tekst, sleutel, _ in blok.regels]
            return {"soort": "inhoud", "regels": regels}
        return self._naast(blok, breedte)

    def _naast(self, blok: Naast, breedte: float) -> dict[str, Any]:
        """Twee kolommen naast elkaar (een rij van een Typst-raster mag over een pagina heen lopen)."""
        half = (breedte - TUSSENRUIMTE) / 2
        return {
            "soort": "naast",
            "links": [self.blok(b, half) for b in blok.links],
            "rechts": [self.blok(b, half) for b in blok.rechts],
        }

    def sectie(self, sectie: Sectie, gezien: set[str]) -> dict[str, Any]:
        kop = None
        if sectie.titel is not None:
            self.niveau = min(sectie.niveau, self.niveau + 1) if sectie.niveau > 1 else 1
            stijl = "1" if sectie.niveau <= 1 else "2"
            # een anker één keer: Typst weigert een label dat twee keer voorkomt
            sleutel = sectie.sleutel if sectie.sleutel not in gezien else None
            gezien.add(sectie.sleutel)
            kop = {
                "soort": "kop",
                "tekst": sectie.titel,
                "niveau": self.niveau,
                "stijl": stijl,
                "sleutel": sleutel,
                "bladwijzer": sectie.bladwijzer,
            }
        return {
            "kop": kop,
            "blokken": [self.blok(b, TEKSTBREEDTE) for b in sectie.blokken],
            "nieuwe_pagina": sectie.nieuwe_pagina,
            # liever heel op één pagina: onbreekbaar als de sectie (geschat) hooguit twee derde pagina is; een
            # langere sectie begint dus niet op een lege pagina
            "bijeen": sectie.bijeen
            and not sectie.nieuwe_pagina
            and 30 + sum(_hoogte(b, TEKSTBREEDTE) for b in sectie.blokken) <= TEKSTHOOGTE * 2 / 3,
        }

    def gegevens(self) -> dict[str, Any]:
        d = self.document
        h = d.huisstijl
        gezien: set[str] = set()
        logo = logo_inhoud(h)
        datum = d.datum or dt.date(2000, 1, 1)
        return {
            "titel": d.titel,
            "auteur": h.organisatie or "casuskosten",
            "organisatie": h.organisatie or "",
            "kopregel": h.organisatie or "",
            "voetregel": h.organisatie or "",
            "kleur": h.kleur,
            "tekstkleur": h.tekstkleur,
            "datum": [datum.year, datum.month, datum.day],
            "logo": None
            if logo is None
            else {
                "soort": "png" if logo[0] == "image/png" else "jpg",
                "bytes": list(logo[1]),
                "alt": f"Logo van {h.organisatie}" if h.organisatie else "Logo",
            },
            "kenmerken": [[k, _woorden(v)] for k, v in d.kenmerken],
            "secties": [self.sectie(s, gezien) for s in d.secties],
            # de secties die nog op de omslag staan (de inhoudsopgave); None: geen omslag
            "omslag": _op_omslag(d.secties) if d.omslag else None,
        }


def _op_omslag(secties: Sequence[Sectie]) -> int:
    """Hoeveel secties er op de omslag staan: de inhoudsopgave als die vooraan staat, anders geen."""
    eerste = secties[0].blokken if secties else ()
    return 1 if len(eerste) == 1 and isinstance(eerste[0], Inhoud) else 0


@functools.cache
def _vertaler() -> Any:
    """Eén Typst-vertaler per proces: de letters worden één keer gelezen. Alleen de meegeleverde letters (en die
    van Typst zelf), nooit die van het systeem: elke machine geeft dezelfde PDF."""
    import typst

    return typst.Compiler(
        str(SJABLOON), root=str(SJABLOON.parent), font_paths=[str(LETTERTYPEN)], ignore_system_fonts=True
    )


def vertaal(document: Document) -> tuple[bytes, list[str]]:
    """Het document als getagde PDF met de waarschuwingen van Typst (zoals "document did not converge": dan staat
    er iets op een andere plek dan de opmaak bedoelde); de tests eisen dat er geen zijn."""
    opbouw = _Opbouw(document)
    gegevens = opbouw.gegevens()
    invoer = {"document": json.dumps(gegevens, ensure_ascii=False, allow_nan=False), **opbouw.invoer}
    datum = document.datum or dt.date(2000, 1, 1)
    tijdstempel = dt.datetime(datum.year, datum.month, datum.day, tzinfo=dt.UTC)
    pdf, waarschuwingen = _vertaler().compile_with_warnings(
        sys_inputs=invoer, pdf_standards=NORMEN, timestamp=tijdstempel
    )
    assert isinstance(pdf, bytes)  # één PDF, geen lijst pagina's
    return pdf, [str(w) for w in waarschuwingen]


def teken(document: Document) -> bytes:
    """Het document als getagde PDF (PDF/A-2a en PDF/UA-1): titel en kenmerken, dan elke sectie."""
    return vertaal(document)[0]
