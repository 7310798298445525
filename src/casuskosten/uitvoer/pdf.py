"""De rapporten als PDF met reportlab platypus, met dezelfde tekeningen als de HTML.

Leest alleen de rapportobjecten uit `rapport`. Alle tekst van gebruikers wordt geëscapet voor de Paragraph-opmaak.
In invariant-modus (geen tijdstempel, vaste document-id) geeft dezelfde invoer byte voor byte dezelfde PDF.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable, Sequence
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

from .. import formaat as f
from ..fouten import Waarschuwing
from ..invoer.casussen import Overgeslagen
from ..invoer.instellingen import Huisstijl
from ..invoer.modellen import DOELEN, TRAJECTEN
from ..rekenen.kernboodschap import heel_procent
from ..rekenen.resultaat import Resultaat
from . import grafieken
from .document import (
    TRAJECTNAMEN,
    Begroting,
    Casusboek,
    CasusWeergave,
    GemeenteRapport,
    Grafiek,
    Vergelijking,
    doelnaam,
    euro_interval,
    logo_inhoud,
    periode,
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
    """Gebruikerstekst veilig voor Paragraph-opmaak; regeleinden blijven regeleinden."""
    return escape(str(tekst)).replace("\n", "<br/>")


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
        for kop in (self.h1, self.h2, self.h3):
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


def _tabel(
    s: _Stijlen,
    koppen: Sequence[str],
    rijen: Iterable[Sequence[str]],
    breedtes: Sequence[float],
    *,
    rechts: Iterable[int] = (),
    voet: Sequence[str] | None = None,
) -> Table:
    """Een tabel met kopregel (herhaald op elke pagina); cellen zijn al geëscapete Paragraph-tekst."""
    rechts = set(rechts)
    schaal = TEKSTBREEDTE / sum(breedtes) if sum(breedtes) > TEKSTBREEDTE else 1.0
    kolombreedtes = [b * schaal for b in breedtes]
    data: list[list[Any]] = [
        [_cel(k, s.celkoprechts if i in rechts else s.celkop, kolombreedtes[i]) for i, k in enumerate(koppen)]
    ]
    for rij in rijen:
        data.append([_cel(c, s.celrechts if i in rechts else s.cel, kolombreedtes[i]) for i, c in enumerate(rij)])
    if voet is not None:
        data.append([Paragraph(f"<b>{c}</b>", s.celrechts if i in rechts else s.cel) for i, c in enumerate(voet)])
    tabel = Table(data, colWidths=kolombreedtes, repeatRows=1, hAlign="LEFT", splitInRow=1)
    stijl = [
        *_tekststijl(s.celkop, (0, 0), (-1, 0)),
        *_tekststijl(s.cel, (0, 1), (-1, -1)),
        *[("ALIGN", (i, 0), (i, -1), "RIGHT") for i in rechts],
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, s.kleur),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LIJN),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if voet is not None:
        stijl.append(("LINEABOVE", (0, -1), (-1, -1), 1, GRIJS))
    tabel.setStyle(TableStyle(stijl))
    return tabel


def _tekststijl(stijl: ParagraphStyle, van: tuple[int, int], tot: tuple[int, int]) -> list[tuple[Any, ...]]:
    """Tabelopmaak zodat cellen met gewone tekst (zie `_cel`) dezelfde letter hebben als de Paragraph-stijl."""
    return [
        ("FONTNAME", van, tot, stijl.fontName),
        ("FONTSIZE", van, tot, stijl.fontSize),
        ("LEADING", van, tot, stijl.leading),
        ("TEXTCOLOR", van, tot, stijl.textColor),
    ]


def _cel(tekst: str, stijl: ParagraphStyle, breedte: float) -> Any:
    """Een korte cel zonder opmaak als gewone tekst, anders een Paragraph.

    Een Paragraph wordt per tabel meerdere keren opgemaakt (en een casusboek wordt drie keer gebouwd voor de
    inhoudsopgave); voor een bedrag of getal is dat verspilling. `tekst` is al geëscapet: alleen tekst zonder `<` en
    `&` (dus zonder entiteiten) kan ongewijzigd als gewone tekst.
    """
    gewoon = "<" not in tekst and "&" not in tekst and "\n" not in tekst
    if gewoon and stringWidth(tekst, stijl.fontName, stijl.fontSize) <= breedte - 7:
        return tekst
    return Paragraph(tekst, stijl)


def _grafiek(s: _Stijlen, grafiek: Grafiek) -> KeepTogether:
    return KeepTogether(
        [grafiek.tekening, Paragraph(f"<i>{_t(grafiek.titel)}.</i> {_t(grafiek.beschrijving)}", s.klein)]
    )


def _waarschuwingen(s: _Stijlen, lijst: Sequence[Waarschuwing]) -> list[Flowable]:
    if not lijst:
        return []
    data = [[Paragraph(f"{_t(w.melding)} <font color='#5f6b76' size='6.5'>{_t(w.code)}</font>", s.cel)] for w in lijst]
    tabel = Table(data, colWidths=[TEKSTBREEDTE], hAlign="LEFT", splitInRow=1)
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


def _kenmerken(s: _Stijlen, paren: Sequence[tuple[str, str]]) -> Table:
    breedtes = [35 * mm, TEKSTBREEDTE - 35 * mm]
    data = [[_cel(k, s.klein, breedtes[0]), _cel(v, s.cel, breedtes[1])] for k, v in paren]
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


def _casus(s: _Stijlen, c: CasusWeergave, niveau: int) -> list[Flowable]:
    k = c.bestand.casus
    cijfers = c.cijfers
    paren = []
    if k.team:
        paren.append(("Team", _t(k.team + (f" (teammodel {k.teammodel})" if k.teammodel else ""))))
    if k.ingebracht_door:
        paren.append(("Ingebracht door", _t(k.ingebracht_door)))
    paren += [
        ("Beschreven op", f.datum(k.datum)),
        ("Horizon", f"{k.horizon_maanden} maanden"),
        ("Leefgebieden", _t(", ".join(lg.replace("_", " ") for lg in k.leefgebieden) or "–")),
        ("Zekerheid vóór 2015", f"{_t(k.zekerheid)} (correctie {f.aandeel(cijfers['correctie'])})"),
        ("Bestand", _t(c.bestand.bestand)),
    ]
    uit: list[Flowable] = [
        _kop(f"Casus {_t(k.id)} — {_t(k.gemeente)}", s.h1, c.anker, niveau),
        Paragraph(f"<b>{_t(cijfers['kernboodschap'])}</b>", s.groot),
        _kenmerken(s, paren),
        Paragraph("Situatie", s.h3),
        Paragraph(_t(k.situatie), s.gewoon),
    ]
    kolommen = []
    for traject in TRAJECTEN:
        t = getattr(k.trajecten, traject)
        delen: list[Flowable] = [Paragraph(TRAJECTNAMEN[traject], s.h3)]
        if t.beschrijving:
            delen.append(Paragraph(_t(t.beschrijving), s.cel))
            delen.append(Spacer(1, 4))
        delen.append(_inzettabel(s, c, traject, breed=False))
        kolommen.append(delen)
    naast = Table([kolommen], colWidths=[TEKSTBREEDTE / 2] * 2, hAlign="LEFT")
    naast.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # Naast elkaar kan niet over een pagina heen lopen (één tabelrij met twee kolommen vol tabellen); met veel
    # inzet of lange toelichtingen komen de trajecten onder elkaar, elk als tabel die over pagina's doorloopt.
    if naast.wrap(TEKSTBREEDTE, HOOGTE)[1] <= HOOGTE / 2:
        uit.append(naast)
    else:
        for traject, delen in zip(TRAJECTEN, kolommen, strict=True):
            uit += delen[:-1]
            uit.append(_inzettabel(s, c, traject, breed=True))
    uit.append(Spacer(1, 6))
    uit.append(
        _tabel(
            s,
            ["Uitkomst", "Zoals beschreven", "Gecorrigeerd voor zekerheid"],
            [
                (
                    "Kosten vóór 2015",
                    f.euro(cijfers["kosten_voor_2015"]),
                    f.euro(cijfers["kosten_voor_2015_gecorrigeerd"]),
                ),
                ("Kosten sociaal team", f.euro(cijfers["kosten_sociaal_team"]), f.euro(cijfers["kosten_sociaal_team"])),
                ("Besparing", f.euro(cijfers["besparing"]), f.euro(cijfers["besparing_gecorrigeerd"])),
                (
                    "Besparing in %",
                    f.procent(cijfers["besparing_pct"]),
                    f.procent(cijfers["besparing_pct_gecorrigeerd"]),
                ),
            ],
            [200, 130, 150],
            rechts=(1, 2),
        )
    )
    uit.append(_grafiek(s, c.grafiek))
    if k.onderbouwing:
        uit += [Paragraph("Onderbouwing van het traject vóór 2015", s.h3), Paragraph(_t(k.onderbouwing), s.gewoon)]
    uit.append(Paragraph("Doelen", s.h3))
    uit.append(
        _tabel(
            s,
            ["Doel", "Oordeel", "Toelichting"],
            [
                (doelnaam(d), _t(getattr(k.doelen, d).oordeel), _t(getattr(k.doelen, d).toelichting or ""))
                for d in DOELEN
            ],
            [120, 50, 310],
        )
    )
    if c.waarschuwingen:
        uit += [Paragraph("Waarschuwingen", s.h3), *_waarschuwingen(s, c.waarschuwingen)]
    return uit


def _begroting(s: _Stijlen, b: Begroting) -> list[Flowable]:
    """De sectie 'Wat betekent dit voor de begroting?' (de opschaling naar de caseload)."""
    uit: list[Flowable] = [CondPageBreak(200), _kop(b.titel, s.h1, "begroting")]
    if b.niet_opgeschaald is not None:
        return [*uit, Paragraph(_t(b.niet_opgeschaald), s.gewoon)]
    uit += [Paragraph(_t(zin), s.gewoon) for zin in b.inleiding]
    uit.append(
        _tabel(
            s, ["Cijfer", "Waarde", "95%-interval"], [tuple(map(_t, r)) for r in b.kern], [230, 110, 140], rechts=(1, 2)
        )
    )
    uit.append(Paragraph("Per financier per jaar", s.h3))
    uit.append(
        _tabel(
            s,
            ["Financier", "Besparing per jaar", "Rol"],
            [tuple(map(_t, r)) for r in b.financiers],
            [200, 140, 140],
            rechts=(1,),
        )
    )
    if b.grafiek is not None:
        uit.append(_grafiek(s, b.grafiek))
    uit.append(Paragraph("Lijken de casussen op de caseload?", s.h3))
    uit.append(
        _tabel(
            s,
            ["Zwaarte", "Casussen", "Aandeel casussen", "Aandeel caseload"],
            [tuple(map(_t, r)) for r in b.representativiteit],
            [150, 90, 120, 120],
            rechts=(1, 2, 3),
        )
    )
    uit.append(Paragraph("Formatie", s.h3))
    uit.append(_tabel(s, ["Formatie", "Waarde"], [tuple(map(_t, r)) for r in b.formatie], [300, 180], rechts=(1,)))
    uit += [Paragraph(_t(zin), s.opsomming, bulletText="•") for zin in b.kanttekeningen]
    return uit


def _inzettabel(s: _Stijlen, c: CasusWeergave, traject: str, *, breed: bool) -> Table:
    """De inzet van één traject: smal (naast het andere traject) of over de hele breedte."""
    rijen = [
        (
            f"{_t(r.omschrijving)}<br/><font size='6.5' color='#5f6b76'>{_t(r.financier)}"
            + (f"; {_t(r.toelichting)}" if r.toelichting else "")
            + "</font>",
            _t(r.hoeveel),
            f"{_t(r.prijs)} / {_t(r.eenheid)}",
            _t(r.kosten),
        )
        for r in c.regels[traject]
    ] or [("geen inzet", "", "", "")]
    return _tabel(
        s,
        ["Inzet (financier)", "Hoeveel", "Prijs", "Kosten"],
        rijen,
        [250, 80, 80, 70] if breed else [90, 50, 50, 45],
        rechts=(2, 3),
        voet=["Totaal", "", "", f.euro(c.cijfers[f"kosten_{traject}"])],
    )


def _verantwoording(
    s: _Stijlen,
    r: Resultaat,
    tarieven: Sequence[dict[str, Any]],
    invoer: Sequence[tuple[str, str]],
    overgeslagen: Sequence[Overgeslagen],
) -> list[Flowable]:
    ins = r.instellingen
    c = ins.correctie
    return [
        _kop("Verantwoording", s.h1, "verantwoording"),
        Paragraph("Methode", s.h2),
        Paragraph(
            "Per casus beschrijft een sociaal werker wat het sociaal team deed en hoe de casus vóór 2015 zou zijn "
            f"gelopen. Beide trajecten zijn beprijsd met de tarieven hieronder, geïndexeerd naar prijspeil "
            f"{r.prijspeil} en contant gemaakt tegen {f.procent(ins.discontovoet * 100, 2)} per jaar. De besparing "
            "uit de sommen is (som vóór 2015 − som sociaal team) / som vóór 2015. Het 95%-interval is een "
            f"percentiel-bootstrap over de casussen ({f.getal(ins.bootstrap_iteraties, 0)} trekkingen, seed "
            f"{ins.seed}). De zekerheidscorrectie verlaagt de kosten vóór 2015 met {f.aandeel(c.hoog)} (zekerheid "
            f"hoog), {f.aandeel(c.middel)} (middel) of {f.aandeel(c.laag)} (laag).",
            s.gewoon,
        ),
        _tabel(
            s,
            ["Instelling", "Waarde"],
            [
                ("prijspeil", str(r.prijspeil)),
                ("discontovoet", f.procent(ins.discontovoet * 100, 2)),
                ("bootstrap_iteraties", f.getal(ins.bootstrap_iteraties, 0)),
                ("seed", str(ins.seed)),
                (
                    "correctie hoog / middel / laag",
                    f"{f.aandeel(c.hoog)} / {f.aandeel(c.middel)} / {f.aandeel(c.laag)}",
                ),
            ],
            [200, 280],
        ),
        Paragraph("Gebruikte tarieven", s.h2),
        _tabel(
            s,
            ["Code", "Omschrijving", "Prijs", "Jaar", "Financier", "Betr.", "Bron"],
            [
                (
                    _t(t["tarief"]),
                    _t(t["omschrijving"]),
                    f"{f.euro(t['tarief_prijs'], 2)} / {_t(t['eenheid'])}",
                    str(t["tarief_jaar"]),
                    _t(str(t["financier"]).replace("_", " ")),
                    _t(t["betrouwbaarheid"]),
                    (
                        f"{_t(t['bron'])} <font size='6' color='#5f6b76'>({_t(t['tarief_bestand'])}:"
                        f"{t['tarief_regel']})</font>"
                    ),
                )
                for t in tarieven
            ],
            [62, 80, 58, 26, 52, 34, 168],
            rechts=(2, 3),
        ),
        Paragraph("Invoerbestanden", s.h2),
        _tabel(
            s,
            ["Bestand", "SHA-256"],
            [(_t(b), f"<font name='Courier' size='6.5'>{_t(sha)}</font>") for b, sha in invoer],
            [170, 310],
        ),
        *_weggelaten(s, overgeslagen),
        Paragraph(
            f"Prijzen in de tarieventabel zijn de prijzen van het tariefjaar; in de casussen staan ze op prijspeil "
            f"{r.prijspeil}. Gemaakt met casuskosten {versie()}.",
            s.klein,
        ),
    ]


def _weggelaten(s: _Stijlen, overgeslagen: Sequence[Overgeslagen]) -> list[Flowable]:
    """Casussen die met --sla-ongeldige-over zijn weggelaten, elk met zijn meldingen."""
    if not overgeslagen:
        return []
    aantal = len(overgeslagen)
    return [
        Paragraph("Weggelaten casussen (ongeldig)", s.h2),
        Paragraph(
            f"{aantal} {'ongeldige casus telt' if aantal == 1 else 'ongeldige casussen tellen'} niet mee.", s.gewoon
        ),
        *[
            p
            for casus in overgeslagen
            for p in (
                Paragraph(_t(casus.omschrijving), s.cel),
                *(Paragraph("– " + _t(str(m)), s.cel) for m in casus.meldingen),
            )
        ],
    ]


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


def gemeente_pdf(rapport: GemeenteRapport) -> bytes:
    """Het gemeenterapport als PDF."""
    g = rapport.cijfers
    r = rapport.resultaat

    def verhaal(s: _Stijlen, doc: _Document) -> list[Flowable]:
        uit = _kop_rapport(
            s,
            rapport.huisstijl,
            rapport.titel,
            [
                ("Gemeente", _t(g.gemeente)),
                ("Periode van de casussen", periode(g)),
                ("Prijspeil", str(r.prijspeil)),
                ("Aantal casussen", str(g.aantal_casussen)),
                ("Gemaakt op", f.datum(rapport.datum)),
            ],
        )
        uit.append(_kop("Samenvatting", s.h1, "samenvatting"))
        uit.append(Paragraph(f"<b>{_t(g.kernboodschap)}</b>", s.groot))
        uit.append(
            _tabel(
                s,
                ["Kerncijfer", "Waarde", "95%-interval", "Wat het betekent"],
                [(_t(k.naam), _t(k.waarde), _t(k.interval), _t(k.uitleg)) for k in rapport.kerncijfers],
                [130, 62, 110, 178],
                rechts=(1, 2),
            )
        )
        uit.append(Paragraph("Wat deze cijfers beperkt", s.h3))
        uit += [Paragraph(_t(zin), s.opsomming, bulletText="•") for zin in rapport.beperkingen]
        uit.append(Paragraph("Leeswijzer", s.h3))
        uit += [Paragraph(_t(zin), s.gewoon) for zin in rapport.leeswijzer]

        uit += [CondPageBreak(200), _kop("Toelichting op de cijfers", s.h1, "toelichting")]
        uit += [Paragraph(_t(zin), s.gewoon) for zin in rapport.samenvatting]
        kern = [
            ("Kosten vóór 2015", f.euro(g.kosten_voor_2015), ""),
            ("Kosten sociaal team", f.euro(g.kosten_sociaal_team), ""),
            ("Besparing", f.euro(g.besparing), ""),
            (
                "<b>Besparing uit de sommen</b>",
                f"<b>{f.procent(g.besparing_pct)}</b>",
                f.interval(g.besparing_pct_ci95),
            ),
            (
                "Besparing gecorrigeerd voor zekerheid",
                f.procent(g.besparing_pct_gecorrigeerd),
                f.interval(g.besparing_pct_gecorrigeerd_ci95),
            ),
            (
                "Idem, met onzekere tarieven en kansen (PSA)",
                f.procent(g.besparing_pct_gecorrigeerd),
                f.interval(g.besparing_pct_gecorrigeerd_psa95),
            ),
            (
                "Besparing per casus per jaar (zonder correctie)",
                f.euro(g.besparing_per_casus_per_jaar),
                euro_interval(g.besparing_per_casus_per_jaar_psa95),
            ),
            ("Gemiddelde besparing per casus", f.procent(g.besparing_pct_gemiddeld), ""),
            ("Mediaan per casus", f.procent(g.besparing_pct_mediaan), ""),
            ("Casussen met besparing", f"{g.aantal_met_besparing} van {g.aantal_casussen}", ""),
        ]
        if g.invloedrijkste_casus:
            kern.append(
                (
                    "Invloedrijkste casus",
                    _t(g.invloedrijkste_casus.id),
                    f"zonder: {f.procent(g.invloedrijkste_casus.besparing_pct_zonder)}",
                )
            )
        uit.append(_tabel(s, ["Cijfer", "Waarde", "95%-interval"], kern, [230, 110, 140], rechts=(1, 2)))
        if g.waarschuwingen:
            uit += [Paragraph("Waarschuwingen bij deze gemeente", s.h3), *_waarschuwingen(s, g.waarschuwingen)]

        eerste, *verder = rapport.grafieken["trajecten"]
        uit.append(KeepTogether([_kop("De casussen: beide trajecten", s.h1, "trajecten"), _grafiek(s, eerste)]))
        uit += [_grafiek(s, grafiek) for grafiek in verder]

        uit += [CondPageBreak(200), _kop("Wie investeert, wie bespaart", s.h1, "financiers")]
        uit.append(
            _tabel(
                s,
                ["Financier", "Vóór 2015", "Sociaal team", "Besparing", "Rol"],
                [
                    (
                        _t(fin.financier.replace("_", " ")),
                        f.euro(fin.kosten_voor_2015),
                        f.euro(fin.kosten_sociaal_team),
                        f.euro(fin.besparing),
                        fin.rol,
                    )
                    for fin in g.per_financier
                ],
                [150, 85, 85, 85, 75],
                rechts=(1, 2, 3),
            )
        )
        uit += [_grafiek(s, grafiek) for grafiek in rapport.grafieken["financiers"]]
        if rapport.begroting is not None:
            uit += _begroting(s, rapport.begroting)

        uit += [CondPageBreak(200), _kop("Doelen", s.h1, "doelen")]
        uit.append(
            _tabel(
                s,
                ["Doel", "ja", "deels", "nee", "onbekend", "aandeel ja", "ja of deels"],
                [
                    (
                        doelnaam(d.doel),
                        str(d.ja),
                        str(d.deels),
                        str(d.nee),
                        str(d.onbekend),
                        f.aandeel(d.aandeel_ja),
                        f.aandeel(d.aandeel_ja_of_deels),
                    )
                    for d in g.doelen
                ],
                [150, 45, 45, 45, 55, 65, 65],
                rechts=(1, 2, 3, 4, 5, 6),
            )
        )
        uit += [_grafiek(s, grafiek) for grafiek in rapport.grafieken["doelen"]]

        uit += [CondPageBreak(250), _kop("Gevoeligheid", s.h1, "gevoeligheid")]
        uit.append(
            Paragraph(
                f"Hoe verandert de gecorrigeerde besparing ({f.procent(g.besparing_pct_gecorrigeerd)}) als één aanname "
                "anders is? De langste balken wegen het zwaarst.",
                s.gewoon,
            )
        )
        uit += [_grafiek(s, grafiek) for grafiek in rapport.grafieken["tornado"]]
        uit.append(
            _tabel(
                s,
                ["Aanname", "Laag", "Hoog"],
                [(_t(v.omschrijving), f.procent(v.laag), f.procent(v.hoog)) for v in g.gevoeligheid],
                [320, 80, 80],
                rechts=(1, 2),
            )
        )

        uit += [PageBreak(), _kop("Overzicht van de casussen", s.h1, "overzicht")]
        uit.append(
            _tabel(
                s,
                ["Casus", "Datum", "Zekerheid", "Vóór 2015", "Sociaal team", "Besparing", "%", "Gecorr. %"],
                [
                    (
                        f'<a href="#{c.anker}" color="#1f5f8b">{_t(c.id)}</a>',
                        f.datum(c.cijfers["datum"]),
                        _t(c.cijfers["zekerheid"]),
                        f.euro(c.cijfers["kosten_voor_2015"]),
                        f.euro(c.cijfers["kosten_sociaal_team"]),
                        f.euro(c.cijfers["besparing"]),
                        f.procent(c.cijfers["besparing_pct"]),
                        f.procent(c.cijfers["besparing_pct_gecorrigeerd"]),
                    )
                    for c in rapport.casussen
                ],
                [55, 75, 45, 62, 62, 62, 50, 50],
                rechts=(3, 4, 5, 6, 7),
                voet=[
                    f"Alle {g.aantal_casussen}",
                    "",
                    "",
                    f.euro(g.kosten_voor_2015),
                    f.euro(g.kosten_sociaal_team),
                    f.euro(g.besparing),
                    f.procent(g.besparing_pct),
                    f.procent(g.besparing_pct_gecorrigeerd),
                ],
            )
        )
        uit.append(_kop("Bijlagen: de casussen", s.h2))
        for c in rapport.casussen:
            uit += [PageBreak(), *_casus(s, c, 1)]
        uit += [PageBreak(), *_verantwoording(s, r, rapport.tarieven, rapport.invoerbestanden, rapport.overgeslagen)]
        return uit

    return _bouw(rapport.titel, rapport.huisstijl, verhaal)


def casusboek_pdf(boek: Casusboek) -> bytes:
    """Eén casus, of een casusboek met inhoudsopgave (met paginanummers), als PDF."""

    def verhaal(s: _Stijlen, doc: _Document) -> list[Flowable]:
        uit = _kop_rapport(
            s,
            boek.huisstijl,
            boek.titel,
            [("Prijspeil", str(boek.resultaat.prijspeil)), ("Gemaakt op", f.datum(boek.datum))],
        )
        if len(boek.casussen) > 1:
            stijl = ParagraphStyle(
                "inhoud0",
                parent=s.gewoon,
                leftIndent=0,
                firstLineIndent=0,
                fontName=INHOUD_LETTER,
                fontSize=INHOUD_GROOTTE,
                leading=INHOUD_GROOTTE * 1.3,
            )
            regels = [(f"Casus {_t(c.id)} — {_t(c.bestand.casus.gemeente)}", c.anker) for c in boek.casussen]
            regels.append(("Verantwoording", "verantwoording"))
            uit += [Paragraph("Inhoud", s.h1), _inhoud(regels, stijl, doc), PageBreak()]
        for i, c in enumerate(boek.casussen):
            if i:
                uit.append(PageBreak())
            uit += _casus(s, c, 0)
        uit += [
            PageBreak(),
            *_verantwoording(s, boek.resultaat, boek.tarieven, boek.invoerbestanden, boek.overgeslagen),
        ]
        return uit

    return _bouw(boek.titel, boek.huisstijl, verhaal)


#: gemeenten per tekening van de forest plot: een tekening kan niet over een pagina heen, dus 342 gemeenten worden
#: twaalf tekeningen met dezelfde as
FOREST_PER_TEKENING = 30


def _forest(s: _Stijlen, vergelijking: Vergelijking) -> list[Flowable]:
    """De forest plot; bij veel gemeenten in delen van `FOREST_PER_TEKENING` met één gedeelde as."""
    r = vergelijking.resultaat
    groepen = (*r.gemeenten, r.totaal)
    if len(groepen) <= FOREST_PER_TEKENING:
        return [_grafiek(s, vergelijking.grafiek)]
    grafiek = vergelijking.grafiek
    namen = [g.gemeente or "Alle gemeenten" for g in groepen]
    schattingen = [g.besparing_pct for g in groepen]
    intervallen = [g.besparing_pct_ci95 for g in groepen]
    uit: list[Flowable] = []
    for begin in range(0, len(groepen), FOREST_PER_TEKENING):
        stuk = slice(begin, begin + FOREST_PER_TEKENING)
        uit.append(
            grafieken.forest(
                namen[stuk],
                schattingen[stuk],
                intervallen[stuk],
                vergelijking.huisstijl.kleur,
                as_van=(schattingen, intervallen),
            )
        )
    uit.append(Paragraph(f"<i>{_t(grafiek.titel)}.</i> {_t(grafiek.beschrijving)}", s.klein))
    return uit


def vergelijking_pdf(vergelijking: Vergelijking) -> bytes:
    """Alle gemeenten naast elkaar als PDF."""
    r = vergelijking.resultaat
    titel = "Sociale teams vergeleken"

    def verhaal(s: _Stijlen, doc: _Document) -> list[Flowable]:
        uit = _kop_rapport(
            s,
            vergelijking.huisstijl,
            titel,
            [
                ("Gemeenten", str(len(r.gemeenten))),
                ("Casussen", str(r.totaal.aantal_casussen)),
                ("Periode van de casussen", periode(r.totaal)),
                ("Prijspeil", str(r.prijspeil)),
                ("Gemaakt op", f.datum(vergelijking.datum)),
            ],
        )
        groepen = (*r.gemeenten, r.totaal)
        uit.append(Paragraph(f"<b>{_t(vergelijking.kernboodschap)}</b>", s.groot))
        uit.append(
            _tabel(
                s,
                ["Gemeente", "Casussen", "Per casus per jaar", "95%-interval", "Kans goedkoper", "Gecorrigeerd %"],
                [
                    (
                        _t(g.gemeente) if g.gemeente else "<b>Alle gemeenten</b>",
                        str(g.aantal_casussen),
                        f.euro(g.besparing_per_casus_per_jaar_gecorrigeerd),
                        euro_interval(g.besparing_per_casus_per_jaar_gecorrigeerd_psa95),
                        heel_procent(g.kans_besparing_gecorrigeerd),
                        f.procent(g.besparing_pct_gecorrigeerd),
                    )
                    for g in groepen
                ],
                [100, 45, 70, 115, 70, 70],
                rechts=(1, 2, 3, 4, 5),
            )
        )
        uit.append(
            Paragraph(
                "Per casus per jaar: de gemiddelde besparing na correctie (negatief: meerkosten). Interval en kans: "
                f"uit {f.getal(r.instellingen.psa_iteraties, 0)} doorrekeningen met andere casussen, tarieven en "
                "kansen.",
                s.klein,
            )
        )
        uit += _forest(s, vergelijking)
        uit.append(Paragraph("Doelen: aandeel casussen met ja (ja of deels)", s.h2))
        uit.append(
            _tabel(
                s,
                ["Gemeente", *(doelnaam(d) for d in DOELEN)],
                [
                    (
                        _t(g.gemeente) if g.gemeente else "<b>Alle gemeenten</b>",
                        *(f"{f.aandeel(d.aandeel_ja)} ({f.aandeel(d.aandeel_ja_of_deels)})" for d in g.doelen),
                    )
                    for g in groepen
                ],
                [90, 78, 78, 78, 78, 78],
                rechts=(1, 2, 3, 4, 5),
            )
        )
        alle = [w for g in groepen for w in g.waarschuwingen]
        if alle:
            uit += [Paragraph("Wat deze cijfers beperkt", s.h2), *_waarschuwingen(s, alle)]
        return uit

    return _bouw(titel, vergelijking.huisstijl, verhaal)
