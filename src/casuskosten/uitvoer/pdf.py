"""De rapporten als PDF met reportlab platypus: tekent het `Document` uit `document/`, verder niets.

Koppen, labels en cellen komen kant-en-klaar uit het documentmodel; hier worden alleen kolombreedtes gemeten
(aan de inhoud, met `stringWidth`), pagina's ingedeeld en tekst geëscapet voor de Paragraph-opmaak. Een woord of een
bedrag wordt nooit afgebroken: kolommen zijn minstens zo breed als hun langste woord, onbreekbare kolommen (bedragen,
codes) zo breed als hun langste cel, en in een bedrag staat een harde spatie. In invariant-modus (geen tijdstempel,
vaste document-id) geeft dezelfde invoer byte voor byte dezelfde PDF.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..invoer.instellingen import Huisstijl
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
    versie,
)

MARGE = 20 * mm
TEKSTBREEDTE = A4[0] - 2 * MARGE
#: ruwe bovengrens van de teksthoogte op een pagina (voor de keuze naast of onder elkaar)
HOOGTE = A4[1] - 2 * MARGE
LIJN = colors.HexColor("#d9dee3")
GRIJS = colors.HexColor("#5f6b76")
WAARSCHUWING = colors.HexColor("#fff8e1")


def _t(tekst: object) -> str:
    """Tekst veilig voor Paragraph-opmaak; regeleinden blijven regeleinden, een bedrag blijft bij elkaar."""
    return _heel(escape(str(tekst))).replace("\n", "<br/>")


def _heel(tekst: str) -> str:
    """Een harde spatie tussen € en het bedrag: "€ 13.506,43" wordt nooit over twee regels verdeeld."""
    return tekst.replace("€ ", "€\u00a0")


class _Stijlen:
    """De alinea-stijlen van een rapport, in de hoofdkleur van de huisstijl."""

    def __init__(self, kleur: str) -> None:
        basis: StyleSheet1 = getSampleStyleSheet()
        hoofd = colors.HexColor(kleur)
        self.gewoon = ParagraphStyle("gewoon", parent=basis["Normal"], fontSize=9, leading=12.5, spaceAfter=4)
        self.groot = ParagraphStyle("groot", parent=self.gewoon, fontSize=10.5, leading=14.5, spaceAfter=6)
        self.klein = ParagraphStyle("klein", parent=self.gewoon, fontSize=7.5, leading=9.5, textColor=GRIJS)
        self.opsomming = ParagraphStyle("opsomming", parent=self.gewoon, leftIndent=10, bulletIndent=0)
        self.cel = ParagraphStyle("cel", parent=self.gewoon, fontSize=8, leading=10, spaceAfter=0)
        self.celrechts = ParagraphStyle("celrechts", parent=self.cel, alignment=2)
        self.celklein = ParagraphStyle("celklein", parent=self.cel, fontSize=6.5, leading=8)
        self.celkop = ParagraphStyle("celkop", parent=self.cel, fontName="Helvetica-Bold")
        self.celkoprechts = ParagraphStyle("celkoprechts", parent=self.celkop, alignment=2)
        self.titel = ParagraphStyle(
            "titel", parent=basis["Title"], alignment=0, fontSize=19, leading=23, textColor=hoofd, spaceAfter=8
        )
        self.h1 = ParagraphStyle(
            "h1", parent=basis["Heading1"], fontSize=14, leading=18, textColor=hoofd, spaceBefore=10, spaceAfter=6
        )
        self.h2 = ParagraphStyle("h2", parent=basis["Heading2"], fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=4)
        self.h3 = ParagraphStyle("h3", parent=basis["Heading3"], fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=3)
        self.h4 = ParagraphStyle("h4", parent=self.h3, fontSize=8.5, leading=11, spaceBefore=5, spaceAfter=2)
        for kop in (self.h1, self.h2, self.h3, self.h4):
            kop.keepWithNext = 1  # nooit een kop onderaan een pagina zonder wat erbij hoort
        self.kleur = hoofd


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab heeft geen typen
    """A4 met kop- en voettekst; koppen in stijl h1 en de casuskoppen komen in de inhoudsopgave en de bladwijzers."""

    def __init__(self, buffer: io.BytesIO, titel: str, huisstijl: Huisstijl) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGE,
            rightMargin=MARGE,
            topMargin=MARGE,
            bottomMargin=MARGE,
            title=titel,
            author=huisstijl.organisatie or "casuskosten",
            creator=f"casuskosten {versie()}",
            subject=titel,
            invariant=1,
        )
        self._titel = titel
        self._huisstijl = huisstijl
        #: sleutels van de koppen waarvan de inhoudsopgave (`_inhoud`) het paginanummer toont
        self.inhoud_sleutels: set[str] = set()
        self.inhoud_nummer: Callable[[Any, str, str], None] | None = None
        kader = Frame(MARGE, MARGE, TEKSTBREEDTE, A4[1] - 2 * MARGE, id="tekst", leftPadding=0, rightPadding=0)
        self.addPageTemplates([PageTemplate(id="pagina", frames=[kader], onPage=self._rand)])

    def beforeDocument(self) -> None:  # noqa: N802 - naam uit reportlab
        """Maak de tekenfunctie van de inhoudsopgave bekend bij het canvas."""
        if self.inhoud_nummer is not None:
            self.canv.setNamedCB("casuskosten_inhoud", self.inhoud_nummer)

    def _rand(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(GRIJS)
        boven = A4[1] - MARGE + 8 * mm
        canvas.drawString(MARGE, boven, self._huisstijl.organisatie or "casuskosten")
        canvas.drawRightString(A4[0] - MARGE, boven, self._titel)
        canvas.setStrokeColor(colors.HexColor(self._huisstijl.kleur))
        canvas.setLineWidth(1.5)
        canvas.line(MARGE, boven - 3, A4[0] - MARGE, boven - 3)
        canvas.drawString(MARGE, MARGE - 10 * mm, f"casuskosten {versie()}")
        canvas.drawRightString(A4[0] - MARGE, MARGE - 10 * mm, f"pagina {doc.page}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - naam uit reportlab
        """Koppen met een bladwijzer-sleutel gaan in de inhoudsopgave en de PDF-bladwijzers."""
        sleutel = getattr(flowable, "_bladwijzer", None)
        if sleutel is None:
            return
        niveau, tekst = flowable._niveau, flowable.getPlainText()
        self.canv.bookmarkPage(sleutel)
        self.canv.addOutlineEntry(tekst, sleutel, level=niveau, closed=True)
        self.notify("TOCEntry", (niveau, tekst, self.page, sleutel))
        if sleutel in self.inhoud_sleutels:
            # het paginanummer voor de inhoudsopgave, als PDF-formulier dat daar al eerder naar verwijst
            self.canv.beginForm(_formuliernaam(sleutel), lowerx=-100, lowery=-5, upperx=5, uppery=20)
            self.canv.setFont(INHOUD_LETTER, INHOUD_GROOTTE)
            self.canv.drawRightString(0, 0, str(self.page))
            self.canv.endForm()


INHOUD_LETTER = "Helvetica"
INHOUD_GROOTTE = 9.5


def _formuliernaam(sleutel: str) -> str:
    # crc32 en niet hash(): die verschilt per proces, en dezelfde invoer moet dezelfde bytes geven
    return "inhoud_" + "".join(t if t.isalnum() else "_" for t in sleutel) + f"_{zlib.crc32(sleutel.encode())}"


def _inhoud(regels: Sequence[tuple[str, str]], stijl: ParagraphStyle, doc: _Document) -> Table:
    """Een inhoudsopgave in één opmaakronde.

    reportlab's TableOfContents kent de paginanummers pas na een volledige ronde en bouwt het boek daarom twee keer.
    Hier staat op de plaats van elk nummer een verwijzing naar een PDF-formulier; dat formulier wordt gemaakt zodra
    de kop van die casus op een pagina staat (`_Document.afterFlowable`). Eén ronde is genoeg, ook voor 1.000 casussen.
    """
    doc.inhoud_sleutels.update(sleutel for _, sleutel in regels)
    reserve = stringWidth("99999", INHOUD_LETTER, INHOUD_GROOTTE)

    def nummer(canvas: Any, soort: str, label: str) -> None:
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        punt = " . "
        breedte = TEKSTBREEDTE - reserve - x
        puntjes = max(0, int(breedte / stringWidth(punt, INHOUD_LETTER, INHOUD_GROOTTE)))
        canvas.saveState()
        canvas.setFont(INHOUD_LETTER, INHOUD_GROOTTE)
        canvas.drawRightString(TEKSTBREEDTE - reserve, y, punt * puntjes)
        canvas.translate(TEKSTBREEDTE, y)
        canvas.doForm(_formuliernaam(label))
        canvas.restoreState()

    rijen = []
    for tekst, sleutel in regels:
        alinea = Paragraph(
            f'<a href="#{sleutel}">{tekst}</a><onDraw name="casuskosten_inhoud" label="{sleutel}"/>', stijl
        )
        rijen.append([alinea])
    tabel = Table(rijen, colWidths=[TEKSTBREEDTE], hAlign="LEFT", splitInRow=1)
    tabel.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    doc.inhoud_nummer = nummer
    return tabel


def _kop(tekst: str, stijl: ParagraphStyle, sleutel: str | None = None, niveau: int = 0) -> Paragraph:
    """Een kop; met `sleutel` ook een bladwijzer en een regel in de inhoudsopgave. `tekst` is al geëscapet."""
    alinea = Paragraph(tekst, stijl)
    if sleutel is not None:
        alinea._bladwijzer = sleutel
        alinea._niveau = niveau
    return alinea


def _kenmerken(s: _Stijlen, paren: Sequence[tuple[str, str]], breedte: float = TEKSTBREEDTE) -> Table:
    """Naam-waardeparen; namen en waarden zijn al geëscapet."""
    links = max((stringWidth(k, s.klein.fontName, s.klein.fontSize) for k, _ in paren), default=0) + 8
    breedtes = [links, breedte - links]
    data = [[Paragraph(k, s.klein), Paragraph(v, s.cel)] for k, v in paren]
    tabel = Table(data, colWidths=breedtes, hAlign="LEFT", splitInRow=1)
    tabel.setStyle(
        TableStyle(
            [
                *_tekststijl(s.klein, (0, 0), (0, -1)),
                *_tekststijl(s.cel, (1, 0), (1, -1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return tabel


def _kop_rapport(s: _Stijlen, huisstijl: Huisstijl, titel: str, paren: Sequence[tuple[str, str]]) -> list[Flowable]:
    uit: list[Flowable] = []
    inhoud = logo_inhoud(huisstijl)
    if inhoud is not None:
        logo = Image(io.BytesIO(inhoud[1]))
        schaal = min(1.0, (18 * mm) / logo.drawHeight)
        logo.drawWidth, logo.drawHeight = logo.drawWidth * schaal, logo.drawHeight * schaal
        logo.hAlign = "RIGHT"
        uit.append(logo)
    if huisstijl.organisatie:
        uit.append(Paragraph(_t(huisstijl.organisatie), s.klein))
    uit += [Paragraph(_t(titel), s.titel), _kenmerken(s, paren), Spacer(1, 6)]
    return uit


def _bouw(titel: str, huisstijl: Huisstijl, verhaal: Callable[[_Stijlen, _Document], list[Flowable]]) -> bytes:
    """Bouw de PDF in invariant-modus, in één opmaakronde (zie `_inhoud`)."""
    vorig = rl_config.invariant
    rl_config.invariant = 1
    try:
        buffer = io.BytesIO()
        doc = _Document(buffer, titel, huisstijl)
        doc.build(verhaal(_Stijlen(huisstijl.kleur), doc))
        return buffer.getvalue()
    finally:
        rl_config.invariant = vorig


#: binnenmarge van een tabelcel links en rechts samen (zie `_tabelstijl`)
CELMARGE = 6.0


def _woordbreedte(tekst: str, letter: str, grootte: float) -> float:
    """De breedte van het langste woord: smaller mag een breekbare kolom niet worden. Alleen gewone spaties en
    regeleinden scheiden woorden, net als in reportlab: een bedrag met harde spatie is één woord."""
    return max((stringWidth(w, letter, grootte) for w in _WOORDGRENS.split(_heel(tekst)) if w), default=0.0)


_WOORDGRENS = re.compile(r"[ \t\n]+")


def _regelbreedte(tekst: str, letter: str, grootte: float) -> float:
    return max((stringWidth(r, letter, grootte) for r in _heel(tekst).split("\n")), default=0.0)


def kolombreedtes(tabel: Tabel, s: _Stijlen, beschikbaar: float) -> list[float]:
    """Kolombreedtes gemeten aan de inhoud.

    Minimaal: een breekbare kolom zo breed als haar langste woord, een onbreekbare zo breed als haar langste cel
    (een kop mag op spaties breken). Past alles op één regel, dan krijgt elke kolom haar natuurlijke breedte en gaat
    de rest naar de breekbare kolommen; anders krijgt elke kolom haar minimum en wordt de rest verdeeld naar wat de
    breekbare kolommen nog zouden willen. Alleen als zelfs de minima niet passen, wordt er geschaald.
    """
    n = len(tabel.koppen)
    klein = s.celklein
    minimaal = [0.0] * n
    natuurlijk = [0.0] * n
    for i, kop in enumerate(tabel.koppen):
        minimaal[i] = _woordbreedte(kop, s.celkop.fontName, s.celkop.fontSize)
        natuurlijk[i] = stringWidth(kop, s.celkop.fontName, s.celkop.fontSize)
    rijen = [*tabel.rijen, *([tabel.voet] if tabel.voet is not None else [])]
    for rij in rijen:
        for i, c in enumerate(rij):
            letter = s.celkop.fontName if c.vet else s.cel.fontName
            breed = _regelbreedte(c.tekst, letter, s.cel.fontSize)
            onder = _regelbreedte(c.onder, klein.fontName, klein.fontSize) if c.onder else 0.0
            natuurlijk[i] = max(natuurlijk[i], breed, onder)
            if tabel.breekbaar[i]:
                woord = _woordbreedte(c.tekst, letter, s.cel.fontSize)
                if c.onder:
                    woord = max(woord, _woordbreedte(c.onder, klein.fontName, klein.fontSize))
                minimaal[i] = max(minimaal[i], woord)
            else:
                minimaal[i] = max(minimaal[i], breed, _woordbreedte(c.onder, klein.fontName, klein.fontSize))
    minimaal = [m + CELMARGE + 0.5 for m in minimaal]
    natuurlijk = [max(m, b + CELMARGE + 0.5) for m, b in zip(minimaal, natuurlijk, strict=True)]
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
        # de langste woorden passen samen niet: de enige plek waar reportlab een woord zou breken
        return [m * beschikbaar / sum(minimaal) for m in minimaal]
    breedtes = list(minimaal)
    wens = {i: natuurlijk[i] - minimaal[i] for i in breekbaar}
    totaal = sum(wens.values())
    for i in breekbaar:
        breedtes[i] += rest * (wens[i] / totaal if totaal else 1 / len(breekbaar))
    return breedtes


def _celinhoud(c: Cel, rechts: bool, breekbaar: bool, s: _Stijlen) -> Any:
    """Een onbreekbare cel zonder opmaak als gewone tekst (breekt nooit), anders een Paragraph."""
    if not breekbaar and not c.onder and c.link is None and not c.vet and "\n" not in c.tekst:
        return _heel(c.tekst)
    tekst = _t(c.tekst)
    if c.vet:
        tekst = f"<b>{tekst}</b>"
    if c.link is not None:
        tekst = f'<a href="#{c.link}" color="#1f5f8b">{tekst}</a>'
    if c.onder:
        tekst += f"<br/><font size='{s.celklein.fontSize}' color='#5f6b76'>{_t(c.onder)}</font>"
    stijl = s.celrechts if rechts else s.cel
    return Paragraph(tekst, stijl)


def _tabel(s: _Stijlen, tabel: Tabel, beschikbaar: float) -> list[Flowable]:
    """Een tabel met kopregel (herhaald op elke pagina), splitsbaar binnen een rij, breedtes uit de inhoud."""
    breedtes = kolombreedtes(tabel, s, beschikbaar)
    rechts = [u == "rechts" for u in tabel.uitlijning]
    data: list[list[Any]] = [
        [Paragraph(_t(k), s.celkoprechts if rechts[i] else s.celkop) for i, k in enumerate(tabel.koppen)]
    ]
    for rij in tabel.rijen:
        data.append([_celinhoud(c, rechts[i], tabel.breekbaar[i], s) for i, c in enumerate(rij)])
    if tabel.voet is not None:
        data.append([_celinhoud(Cel(c.tekst, vet=True), rechts[i], True, s) for i, c in enumerate(tabel.voet)])
    t = Table(data, colWidths=breedtes, repeatRows=1, hAlign="LEFT", splitInRow=1)
    stijl = [
        *_tekststijl(s.celkop, (0, 0), (-1, 0)),
        *_tekststijl(s.cel, (0, 1), (-1, -1)),
        *[("ALIGN", (i, 0), (i, -1), "RIGHT") for i in range(len(rechts)) if rechts[i]],
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, s.kleur),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LIJN),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELMARGE / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELMARGE / 2),
    ]
    if tabel.soort == "hash":
        stijl += [("FONTNAME", (-1, 1), (-1, -1), "Courier"), ("FONTSIZE", (-1, 1), (-1, -1), 6.5)]
    if tabel.voet is not None:
        stijl.append(("LINEABOVE", (0, -1), (-1, -1), 1, GRIJS))
    t.setStyle(TableStyle(stijl))
    uit: list[Flowable] = []
    if tabel.bijschrift:
        uit.append(Paragraph(f"<b>{_t(tabel.bijschrift)}</b>", s.cel))
    uit.append(t)
    if tabel.voetnoot:
        uit.append(Paragraph(_t(tabel.voetnoot), s.klein))
    uit.append(Spacer(1, 4))
    return uit


def _tekststijl(stijl: ParagraphStyle, van: tuple[int, int], tot: tuple[int, int]) -> list[tuple[Any, ...]]:
    """Tabelopmaak zodat cellen met gewone tekst (zie `_celinhoud`) dezelfde letter hebben als de Paragraph-stijl."""
    return [
        ("FONTNAME", van, tot, stijl.fontName),
        ("FONTSIZE", van, tot, stijl.fontSize),
        ("LEADING", van, tot, stijl.leading),
        ("TEXTCOLOR", van, tot, stijl.textColor),
    ]


def _figuur(s: _Stijlen, figuur: Figuur) -> list[Flowable]:
    g = figuur.grafiek
    onderschrift = Paragraph(
        f"<i>{_t(g.titel)}.</i> {_t(g.onderschrift)}" if g.onderschrift else f"<i>{_t(g.titel)}.</i>", s.klein
    )
    delen = grafieken.pagina_delen(g.beeld)
    if len(delen) > 1:
        # een tekening kan niet over een pagina heen: de delen met één gedeelde as, het onderschrift eronder
        return [*delen, onderschrift]
    return [KeepTogether([delen[0], onderschrift])]


def _meldingen(s: _Stijlen, meldingen: Meldingen, breedte: float) -> list[Flowable]:
    if not meldingen.items:
        return []
    data = [[Paragraph(f"<b>{_t(titel)}.</b> {_t(tekst)}", s.cel)] for titel, tekst in meldingen.items]
    tabel = Table(data, colWidths=[breedte], hAlign="LEFT", splitInRow=1)
    tabel.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), WAARSCHUWING),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor("#d9a400")),
                ("LINEBELOW", (0, 0), (-1, -1), 2, colors.white),
            ]
        )
    )
    return [tabel, Spacer(1, 4)]


def _blokken(s: _Stijlen, blokken: Sequence[Blok], breedte: float, doc: _Document, niveau: int) -> list[Flowable]:
    uit: list[Flowable] = []
    for blok in blokken:
        uit += _blok(s, blok, breedte, doc, niveau)
    return uit


def _blok(s: _Stijlen, blok: Blok, breedte: float, doc: _Document, niveau: int) -> list[Flowable]:
    """Eén blok van het documentmodel als flowables, in `breedte` punten."""
    if isinstance(blok, Alinea):
        stijl = {"groot": s.groot, "gewoon": s.gewoon, "klein": s.klein}[blok.soort]
        tekst = _t(blok.tekst)
        return [Paragraph(f"<b>{tekst}</b>" if blok.vet else tekst, stijl)]
    if isinstance(blok, Tussenkop):
        return [Paragraph(_t(blok.tekst), s.h3 if niveau <= 1 else s.h4)]
    if isinstance(blok, Opsomming):
        return [Paragraph(_t(punt), s.opsomming, bulletText="•") for punt in blok.punten]
    if isinstance(blok, Tabel):
        return _tabel(s, blok, breedte)
    if isinstance(blok, Figuur):
        return _figuur(s, blok)
    if isinstance(blok, Kenmerken):
        return [_kenmerken(s, [(_t(k), _t(v)) for k, v in blok.paren], breedte), Spacer(1, 4)]
    if isinstance(blok, Meldingen):
        return _meldingen(s, blok, breedte)
    if isinstance(blok, Inhoud):
        stijl = ParagraphStyle(
            "inhoud0",
            parent=s.gewoon,
            fontName=INHOUD_LETTER,
            fontSize=INHOUD_GROOTTE,
            leading=INHOUD_GROOTTE * 1.3,
        )
        return [_inhoud([(_t(tekst), sleutel) for tekst, sleutel, _ in blok.regels], stijl, doc)]
    return _naast(s, blok, breedte, doc, niveau)


def _naast(s: _Stijlen, blok: Naast, breedte: float, doc: _Document, niveau: int) -> list[Flowable]:
    """Twee kolommen naast elkaar; zijn ze samen hoger dan een halve pagina, dan onder elkaar over de hele breedte
    (één tabelrij kan niet over een pagina heen lopen)."""
    half = (breedte - 8) / 2
    kolommen = [_blokken(s, deel, half, doc, niveau) for deel in (blok.links, blok.rechts)]
    tabel = Table([kolommen], colWidths=[half + 8, half], hAlign="LEFT")
    tabel.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 8),
            ]
        )
    )
    if tabel.wrap(breedte, HOOGTE)[1] <= HOOGTE / 2:
        return [tabel]
    return _blokken(s, (*blok.links, *blok.rechts), breedte, doc, niveau)


def _hoogte(flowables: Sequence[Flowable]) -> float:
    """De hoogte die `flowables` samen innemen over de tekstbreedte."""
    return float(
        sum(fl.wrap(TEKSTBREEDTE, HOOGTE * 50)[1] + fl.getSpaceBefore() + fl.getSpaceAfter() for fl in flowables)
    )


def _sectie(s: _Stijlen, sectie: Sectie, doc: _Document, eerste: bool) -> list[Flowable]:
    uit: list[Flowable] = []
    if sectie.nieuwe_pagina and not eerste:
        uit.append(PageBreak())
    if sectie.titel is not None:
        stijl = s.h1 if sectie.niveau <= 1 else s.h2
        sleutel = sectie.sleutel if sectie.bladwijzer else None
        uit.append(_kop(_t(sectie.titel), stijl, sleutel, sectie.niveau - 1))
    uit += _blokken(s, sectie.blokken, TEKSTBREEDTE, doc, sectie.niveau)
    if sectie.bijeen and not sectie.nieuwe_pagina:
        # Liever heel op één pagina. Een nieuwe pagina alleen als de sectie niet meer past én de huidige pagina dan
        # al voor minstens een derde vol is; een sectie langer dan een pagina begint dus niet op een lege pagina.
        nodig = min(_hoogte(uit), HOOGTE * 2 / 3)
        uit.insert(0, CondPageBreak(nodig))
    return uit


def teken(document: Document) -> bytes:
    """Het document als PDF: titel en kenmerken, dan elke sectie."""

    def verhaal(s: _Stijlen, doc: _Document) -> list[Flowable]:
        uit = _kop_rapport(s, document.huisstijl, document.titel, [(k, _t(v)) for k, v in document.kenmerken])
        for i, sectie in enumerate(document.secties):
            uit += _sectie(s, sectie, doc, i == 0)
        return uit

    return _bouw(document.titel, document.huisstijl, verhaal)
