"""De grafieken van de rapporten: van de beschrijving in het document (`document.blokken`, bijvoorbeeld
`TrajectenPerCasus` of `Forest`) naar een reportlab-`Drawing`.

Dezelfde tekening gaat als SVG-afbeelding in de PDF (`svg_delen`, in delen via `pagina_delen` voor een grafiek die
niet op één pagina past) en als inline SVG in de HTML (`als_svg`). De functies rekenen zelf niets uit; ze schalen
alleen naar de breedte van de pagina.
"""

from __future__ import annotations

import itertools
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from html import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from .. import formaat as f
from .. import kleuren
from ..benamingen import trajectnaam
from ..rekenen.antwoord import mooie_stap
from .document.blokken import (
    Beeld,
    BesparingPerFinancierPerJaar,
    Forest,
    Kanscurve,
    KostenPerFinancier,
    OordelenPerDoel,
    Schatting,
    Tornado,
    TrajectenPerCasus,
    Trajectkosten,
)

BREEDTE = 470.0  # past binnen de tekstbreedte van een A4 met marges van 2 cm
LETTER = "Helvetica"
#: lijnen: de nullijn, het gepoolde interval
GRIJS = colors.HexColor("#8c96a0")
LICHT = colors.HexColor("#d9dee3")
TEKST = colors.HexColor(kleuren.TEKST)
#: de vulling van de grijze staven (vóór 2015, de lage instelling, investeert), met een donkere rand (`RAND`): een
#: luminantie van 0,42, zodat hij in grijswaarden lichter blijft dan de hoofdkleur van de staven ernaast (die is de
#: tekstkleur van de huisstijl, luminantie hooguit 0,18: een verhouding van minstens 2:1)
BALKGRIJS = colors.HexColor("#a7aeb6")
RAND = colors.HexColor("#5f6b76")
#: ja, deels, nee, onbekend: van donker naar licht (luminantie 0,07, 0,32, 0,56 en 0,87), zodat ze ook in grijs en
#: voor wie rood en groen niet onderscheidt verschillen (elk paar minstens 1,5:1); het label op een vlak is wit of
#: donker, met minstens 4,5:1 (`kleuren.leesbaar_op`)
OORDEELKLEUREN = {
    "ja": "#1f5535",
    "deels": "#5da974",
    "nee": "#f1b7b5",
    "onbekend": "#f0f0f0",
}
#: gemeenten per tekening van de forest plot in de PDF: een tekening kan niet over een pagina heen, dus 342 gemeenten
#: worden twaalf tekeningen met dezelfde as
FOREST_PER_TEKENING = 30


#: zoveel vakken tussen de streepjes van een as, ongeveer: de stap is de kleinste ronde stap van minstens een vijfde
#: van het bereik, zodat de getallen eronder niet over elkaar heen vallen
VAKKEN = 5


def _as(laag: float, hoog: float) -> tuple[float, float, list[float]]:
    """Asgrenzen op ronde getallen die 0, `laag` en `hoog` omvatten, met de streepjes."""
    laag, hoog = min(laag, 0.0), max(hoog, 0.0)
    if hoog == laag:
        hoog = laag + 1.0
    stap = mooie_stap((hoog - laag) / VAKKEN, naar="boven")
    begin = math.floor(laag / stap) * stap
    eind = math.ceil(hoog / stap) * stap
    streepjes = [begin + i * stap for i in range(round((eind - begin) / stap) + 1)]
    return begin, eind, streepjes


def _tekst(
    x: float, y: float, tekst: str, grootte: float = 7.5, anker: str = "start", *, kleur: colors.Color = TEKST
) -> String:
    return String(x, y, tekst, fontName=LETTER, fontSize=grootte, fillColor=kleur, textAnchor=anker)


def hoofdkleur(kleur: str) -> colors.Color:
    """De hoofdkleur van de staven, punten en lijnen: de tekstkleur van de huisstijl (`kleuren.tekstkleur`), zodat
    een licht merk (#f5c400) in grijs niet samenvalt met de grijze staven en een wit label erop leesbaar blijft."""
    return colors.HexColor(kleuren.tekstkleur(kleur))


def is_licht(vulling: colors.Color) -> bool:
    """Of een vlak in deze kleur een donkere rand nodig heeft om op wit en in grijs te zien te zijn (minder dan 3:1)."""
    return kleuren.contrast(vulling.hexval().replace("0x", "#"), kleuren.WIT) < 3


def _vlak(x: float, y: float, breedte: float, hoogte: float, vulling: colors.Color) -> Rect:
    """Een staaf; een lichte vulling krijgt een donkere rand, zodat hij ook op wit en in grijs te zien is."""
    return Rect(
        x, y, breedte, hoogte, fillColor=vulling, strokeColor=RAND if is_licht(vulling) else None, strokeWidth=0.5
    )


def labelkleur(vulling: colors.Color) -> colors.Color:
    """Wit of donker: de labelkleur met het meeste contrast op `vulling`."""
    return colors.HexColor(kleuren.leesbaar_op(vulling.hexval().replace("0x", "#")))


def _legenda(d: Drawing, x: float, y: float, items: Sequence[tuple[str, colors.Color]]) -> None:
    for naam, kleur in items:
        d.add(_vlak(x, y - 1, 8, 8, kleur))
        d.add(_tekst(x + 11, y, naam))
        x += 16 + len(naam) * 4.2


def _x_as(
    d: Drawing,
    vlak: tuple[float, float, float, float],
    as_: tuple[float, float, list[float]],
    opmaak: Callable[[float], str],
) -> None:
    """Rasterlijnen, streepjes met labels onder het tekenvlak (x0, y, breedte, hoogte) en een nullijn."""
    x0, y, breedte, hoogte = vlak
    begin, eind, streepjes = as_
    for waarde in streepjes:
        x = x0 + (waarde - begin) / (eind - begin) * breedte
        d.add(Line(x, y, x, y + hoogte, strokeColor=LICHT, strokeWidth=0.5))
        d.add(_tekst(x, y - 10, opmaak(waarde), anker="middle"))
    nul = x0 + (0 - begin) / (eind - begin) * breedte
    d.add(Line(nul, y, nul, y + hoogte, strokeColor=GRIJS, strokeWidth=0.8))


def _bedrag_kort(waarde: float) -> str:
    return f.euro(waarde)


def _pct_kort(waarde: float) -> str:
    return f.procent(waarde, 0)


#: de titels van de assen, met hun eenheid; elke grafiek heeft er een onder haar horizontale as (de kanscurve ook een
#: boven haar verticale as)
AS_TRAJECTEN = "Kosten van de casus over haar hele periode (€)"
AS_FINANCIERS = "Kosten in de casussen samen (€)"
AS_FINANCIERS_PER_JAAR = "Besparing per jaar voor de caseload (€)"
AS_DOELEN = "Aandeel van de casussen (%)"
AS_ANTWOORD = "Besparing per huishouden per jaar, na correctie (€)"
AS_DREMPEL = "Drempel: besparing per huishouden per jaar (€)"
AS_KANS = "Kans op een besparing van meer dan de drempel (%)"
#: ruimte onder het tekenvlak voor de getallen van de as en de astitel
ONDER = 34.0


def _astitel(d: Drawing, x0: float, breedte: float, tekst: str) -> None:
    """De titel van de horizontale as, gecentreerd onder de getallen."""
    d.add(_tekst(x0 + breedte / 2, 4, tekst, grootte=7.5, anker="middle"))


def _label(d: Drawing, x: float, y: float, tekst: str, tekens: int, *, grootte: float = 7.5) -> None:
    """Een label rechts uitgelijnd op x, rond hoogte y: over twee regels verdeeld als het te lang is, en kleiner als
    het ook dan niet past; nooit afgekapt met "…"."""
    regels = textwrap.wrap(tekst, tekens, break_long_words=False) or [""]
    if len(regels) > 2:
        regels = textwrap.wrap(tekst, math.ceil(len(tekst) / 2) + 1, break_long_words=False)
    langste = max(len(r) for r in regels)
    if len(regels) > 2 or langste > tekens:
        grootte = max(4.5, grootte * tekens / max(langste, 1))
    stap = grootte + 1
    for j, regel in enumerate(regels):
        d.add(_tekst(x, y + stap / 2 * (len(regels) - 1) - stap * j, regel, grootte=grootte, anker="end"))


def _twee_trajecten(
    rijen: Sequence[Trajectkosten],
    kleur: str,
    *,
    labelbreedte: float,
    astitel: str,
    schaal: tuple[float, float] | None = None,
) -> Drawing:
    """Per rij twee liggende staven: voor_2015 (grijs) en sociaal team (hoofdkleur); zonder `schaal` een as over
    deze rijen."""
    labels = [r.label for r in rijen]
    voor = [r.voor_2015 for r in rijen]
    team = [r.sociaal_team for r in rijen]
    rij = 20.0
    boven, onder = 22.0, ONDER
    hoogte = boven + onder + rij * len(labels)
    d = Drawing(BREEDTE, hoogte)
    x0 = labelbreedte
    breedte = BREEDTE - x0 - 25  # ruimte voor het label van het laatste streepje
    laag, hoog = schaal if schaal is not None else (min([0.0, *voor, *team]), max([0.0, *voor, *team]))
    as_ = _as(laag, hoog)
    begin, eind, _ = as_
    _x_as(d, (x0, onder, breedte, rij * len(labels)), as_, _bedrag_kort)
    _astitel(d, x0, breedte, astitel)

    def x(waarde: float) -> float:
        return x0 + (waarde - begin) / (eind - begin) * breedte

    hoofd = hoofdkleur(kleur)
    for i, (label, v, t) in enumerate(zip(labels, voor, team, strict=True)):
        y = onder + rij * (len(labels) - 1 - i)
        _label(d, x0 - 4, y + 7, label, int(labelbreedte / 4))
        d.add(_vlak(min(x(0), x(v)), y + 10, abs(x(v) - x(0)), 7, BALKGRIJS))
        d.add(_vlak(min(x(0), x(t)), y + 3, abs(x(t) - x(0)), 7, hoofd))
    _legenda(d, x0, hoogte - 12, [(trajectnaam("voor_2015"), BALKGRIJS), (trajectnaam("sociaal_team"), hoofd)])
    return d


def trajecten_per_casus(beeld: TrajectenPerCasus) -> Drawing:
    """De kosten van beide trajecten per casus, op de as `beeld.schaal` (die alle delen van een lange reeks delen)."""
    return _twee_trajecten(beeld.rijen, beeld.kleur, labelbreedte=70, astitel=AS_TRAJECTEN, schaal=beeld.schaal)


def per_financier(beeld: KostenPerFinancier) -> Drawing:
    """Wie investeert, wie bespaart: per financier de kosten van beide trajecten."""
    return _twee_trajecten(beeld.rijen, beeld.kleur, labelbreedte=130, astitel=AS_FINANCIERS)


def per_financier_per_jaar(beeld: BesparingPerFinancierPerJaar) -> Drawing:
    """Per financier één liggende staaf: de besparing per jaar op de schaal van de caseload. Rechts van de nullijn
    (hoofdkleur) bespaart de financier, links (grijs) investeert hij."""
    namen = [r.financier for r in beeld.rijen]
    bedragen = [r.besparing_per_jaar for r in beeld.rijen]
    rij, boven, onder, x0 = 20.0, 22.0, ONDER, 130.0
    hoogte = boven + onder + rij * max(len(namen), 1)
    d = Drawing(BREEDTE, hoogte)
    breedte = BREEDTE - x0 - 25
    as_ = _as(min([0.0, *bedragen]), max([0.0, *bedragen]))
    begin, eind, _ = as_
    _x_as(d, (x0, onder, breedte, rij * len(namen)), as_, f.miljoen)
    _astitel(d, x0, breedte, AS_FINANCIERS_PER_JAAR)

    def x(waarde: float) -> float:
        return x0 + (waarde - begin) / (eind - begin) * breedte

    hoofd = hoofdkleur(beeld.kleur)
    for i, (naam, bedrag) in enumerate(zip(namen, bedragen, strict=True)):
        y = onder + rij * (len(namen) - 1 - i)
        _label(d, x0 - 4, y + 7, naam.replace("_", " "), int(x0 / 4))
        vulling = hoofd if bedrag >= 0 else BALKGRIJS
        d.add(_vlak(min(x(0), x(bedrag)), y + 4, abs(x(bedrag) - x(0)), 11, vulling))
    _legenda(d, x0, hoogte - 12, [("bespaart per jaar", hoofd), ("investeert per jaar", BALKGRIJS)])
    return d


def doelen(beeld: OordelenPerDoel) -> Drawing:
    """Per doel een gestapelde staaf van 100%: ja, deels, nee, onbekend."""
    cijfers = beeld.rijen
    rij, boven, onder, x0 = 20.0, 22.0, ONDER, 150.0
    hoogte = boven + onder + rij * len(cijfers)
    d = Drawing(BREEDTE, hoogte)
    breedte = BREEDTE - x0 - 10
    _x_as(d, (x0, onder, breedte, rij * len(cijfers)), (0.0, 100.0, [0, 25, 50, 75, 100]), _pct_kort)
    _astitel(d, x0, breedte, AS_DOELEN)
    for i, doel in enumerate(cijfers):
        y = onder + rij * (len(cijfers) - 1 - i)
        _label(d, x0 - 4, y + 7, doel.doel, int(x0 / 4))
        totaal = doel.ja + doel.deels + doel.nee + doel.onbekend
        x = x0
        for oordeel in ("ja", "deels", "nee", "onbekend"):
            aantal = getattr(doel, oordeel)
            if not totaal or not aantal:
                continue
            w = aantal / totaal * breedte
            vulling = colors.HexColor(OORDEELKLEUREN[oordeel])
            d.add(Rect(x, y + 3, w, 13, fillColor=vulling, strokeColor=RAND, strokeWidth=0.5))
            if w > 14:
                d.add(
                    String(
                        x + w / 2,
                        y + 7,
                        str(aantal),
                        fontName=LETTER,
                        fontSize=7.5,
                        fillColor=labelkleur(vulling),
                        textAnchor="middle",
                    )
                )
            x += w
    _legenda(d, x0, hoogte - 12, [(o, colors.HexColor(OORDEELKLEUREN[o])) for o in ("ja", "deels", "nee", "onbekend")])
    return d


def tornado(beeld: Tornado) -> Drawing:
    """Tornadodiagram: per aanname de gecorrigeerde besparing per huishouden per jaar bij de lage en de hoge
    instelling."""
    balken, basis = beeld.balken, beeld.basis
    rij, boven, onder, x0 = 18.0, 22.0, ONDER, 200.0
    hoogte = boven + onder + rij * max(len(balken), 1)
    d = Drawing(BREEDTE, hoogte)
    if not balken or basis is None:
        d.add(_tekst(x0, onder, "geen gevoeligheid te berekenen"))
        return d
    waarden = [basis, *(g.laag for g in balken), *(g.hoog for g in balken)]
    as_ = _as(min(waarden), max(waarden))
    begin, eind, _ = as_
    breedte = BREEDTE - x0 - 30
    _x_as(d, (x0, onder, breedte, rij * len(balken)), as_, _bedrag_kort)
    _astitel(d, x0, breedte, AS_ANTWOORD)

    def x(waarde: float) -> float:
        return x0 + (waarde - begin) / (eind - begin) * breedte

    hoofd = hoofdkleur(beeld.kleur)
    for i, g in enumerate(balken):
        y = onder + rij * (len(balken) - 1 - i)
        # een lang label over regels verdeeld, nooit afgekapt met "…"
        regels = textwrap.wrap(g.naam, 52) or [""]
        for j, regel in enumerate(regels):
            d.add(_tekst(x0 - 4, y + 6 + 4 * (len(regels) - 1) - 8 * j, regel, grootte=7, anker="end"))
        for waarde, vulling in ((g.laag, BALKGRIJS), (g.hoog, hoofd)):
            links = min(x(basis), x(waarde))
            d.add(_vlak(links, y + 3, abs(x(waarde) - x(basis)), 11, vulling))
        kleinste, grootste = sorted((g.laag, g.hoog))
        # labels buiten de balken en de basislijn, zodat ze elkaar niet raken
        links_label = _bedrag_kort(kleinste)
        links_x = min(x(kleinste), x(basis)) - 3
        # past het niet meer links van de balk, dan in de balk, in de labelkleur van zijn vulling
        if links_x - len(links_label) * 3.6 < x0:
            vulling = BALKGRIJS if kleinste == g.laag else hoofd
            d.add(_tekst(links_x + 6, y + 6, links_label, grootte=6.5, kleur=labelkleur(vulling)))
        else:
            d.add(_tekst(links_x, y + 6, links_label, grootte=6.5, anker="end"))
        d.add(_tekst(max(x(grootste), x(basis)) + 3, y + 6, _bedrag_kort(grootste), grootte=6.5))
    d.add(Line(x(basis), onder - 2, x(basis), onder + rij * len(balken), strokeColor=TEKST, strokeWidth=1))
    _legenda(
        d,
        x0,
        hoogte - 12,
        [("lage instelling", BALKGRIJS), ("hoge instelling", hoofd), (f"schatting {f.euro(basis)}", TEKST)],
    )
    return d


def forest(rijen: Sequence[Schatting], kleur: str, as_van: Sequence[Schatting] | None = None) -> Drawing:
    """Forest plot: per gemeente de besparing per huishouden per jaar na correctie met haar 95%-interval.

    `as_van`: álle rijen, als deze tekening één deel is van een lange plot: dan hebben alle delen dezelfde as.
    """
    rij, boven, onder, x0 = 20.0, 22.0, ONDER, 120.0
    namen = [r.naam for r in rijen]
    hoogte = boven + onder + rij * len(namen)
    d = Drawing(BREEDTE, hoogte)
    alle = as_van if as_van is not None else rijen
    waarden = (
        [r.waarde for r in alle if r.waarde is not None]
        + [g for r in alle if r.interval for g in r.interval]
        + [g for r in alle if r.gepoold_interval for g in r.gepoold_interval]
    )
    if not waarden:
        waarden = [0.0, 100.0]
    as_ = _as(min(waarden), max(waarden))
    begin, eind, streepjes = as_
    breedte = BREEDTE - x0 - 20

    def x(waarde: float) -> float:
        return x0 + (waarde - begin) / (eind - begin) * breedte

    for waarde in streepjes:
        d.add(Line(x(waarde), onder, x(waarde), onder + rij * len(namen), strokeColor=LICHT, strokeWidth=0.5))
        d.add(_tekst(x(waarde), onder - 10, _bedrag_kort(waarde), anker="middle"))
    d.add(Line(x(0), onder, x(0), onder + rij * len(namen), strokeColor=GRIJS, strokeWidth=0.8))
    _astitel(d, x0, breedte, AS_ANTWOORD)
    hoofd = hoofdkleur(kleur)
    met_gepoold = any(r.gepoold is not None for r in alle)
    for i, r in enumerate(rijen):
        y = onder + rij * (len(namen) - 1 - i) + rij / 2 + (2 if met_gepoold else 0)
        _label(d, x0 - 4, y - 3, r.naam, 28)
        if r.interval is not None:
            d.add(Line(x(r.interval[0]), y, x(r.interval[1]), y, strokeColor=TEKST, strokeWidth=1))
            for grens in r.interval:
                d.add(Line(x(grens), y - 3, x(grens), y + 3, strokeColor=TEKST, strokeWidth=1))
        if r.waarde is not None:
            d.add(Rect(x(r.waarde) - 3.5, y - 3.5, 7, 7, fillColor=hoofd, strokeColor=None))
        if r.gepoold is not None and r.gepoold_interval is not None:
            yg = y - 6
            d.add(Line(x(r.gepoold_interval[0]), yg, x(r.gepoold_interval[1]), yg, strokeColor=GRIJS, strokeWidth=1))
            px = x(r.gepoold)
            d.add(
                Polygon(
                    [px, yg + 3.5, px + 3.5, yg, px, yg - 3.5, px - 3.5, yg], fillColor=colors.white, strokeColor=TEKST
                )
            )
    _legenda(d, x0, hoogte - 12, [("eigen schatting", hoofd)] + ([("gepoold (ruit)", GRIJS)] if met_gepoold else []))
    d.add(_tekst(x0 + 200, hoogte - 12, "lijn: 95%-interval"))
    return d


def kanscurve(beeld: Kanscurve) -> Drawing:
    """De kanscurve: horizontaal de drempel (euro per huishouden per jaar), verticaal de kans op een besparing van
    meer dan die drempel; een trap door de punten, met de kans bij 0 gemarkeerd."""
    punten = beeld.punten
    boven, onder, x0, hoogte_vlak = 22.0, ONDER, 45.0, 130.0
    d = Drawing(BREEDTE, boven + onder + hoogte_vlak)
    if not punten:
        d.add(_tekst(x0, onder, "te weinig casussen voor een kanscurve"))
        return d
    breedte = BREEDTE - x0 - 20
    drempels = [p.drempel for p in punten]
    as_ = _as(min(drempels), max(drempels))
    begin, eind, _ = as_
    _x_as(d, (x0, onder, breedte, hoogte_vlak), as_, _bedrag_kort)
    _astitel(d, x0, breedte, AS_DREMPEL)

    def x(waarde: float) -> float:
        return x0 + (waarde - begin) / (eind - begin) * breedte

    def y(kans: float) -> float:
        return onder + kans * hoogte_vlak

    for kans in (0.0, 0.25, 0.5, 0.75, 1.0):
        d.add(Line(x0, y(kans), x0 + breedte, y(kans), strokeColor=LICHT, strokeWidth=0.5))
        d.add(_tekst(x0 - 4, y(kans) - 3, _pct_kort(kans * 100), anker="end"))
    hoofd = hoofdkleur(beeld.kleur)
    for een, twee in itertools.pairwise(punten):
        d.add(Line(x(een.drempel), y(een.kans), x(twee.drempel), y(twee.kans), strokeColor=hoofd, strokeWidth=1.6))
    for p in punten:
        d.add(Rect(x(p.drempel) - 2, y(p.kans) - 2, 4, 4, fillColor=hoofd, strokeColor=None))
    nul = next((p for p in punten if p.drempel == 0), None)
    if nul is not None:
        d.add(_tekst(x(0) + 5, y(nul.kans) + 4, f"kans op een besparing: {f.kans(nul.kans)}", grootte=7.5))
    # de titel van de verticale as, boven die as (liggende tekst leest beter dan een gedraaide)
    d.add(_tekst(x0 - 30, boven + onder + hoogte_vlak - 12, AS_KANS))
    return d


_HOOFD = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def teken(beeld: Beeld) -> Drawing:
    """De grafiek die `beeld` beschrijft, als één tekening."""
    if isinstance(beeld, TrajectenPerCasus):
        return trajecten_per_casus(beeld)
    if isinstance(beeld, KostenPerFinancier):
        return per_financier(beeld)
    if isinstance(beeld, BesparingPerFinancierPerJaar):
        return per_financier_per_jaar(beeld)
    if isinstance(beeld, OordelenPerDoel):
        return doelen(beeld)
    if isinstance(beeld, Tornado):
        return tornado(beeld)
    if isinstance(beeld, Kanscurve):
        return kanscurve(beeld)
    return forest(beeld.rijen, beeld.kleur)


def pagina_delen(beeld: Beeld) -> list[Drawing]:
    """De grafiek als tekeningen die elk op een pagina passen (een tekening kan niet over een pagina heen): een
    forest plot van meer dan `FOREST_PER_TEKENING` gemeenten in delen met één gedeelde as, de rest als één tekening."""
    if isinstance(beeld, Forest) and len(beeld.rijen) > FOREST_PER_TEKENING:
        return [
            forest(beeld.rijen[begin : begin + FOREST_PER_TEKENING], beeld.kleur, as_van=beeld.rijen)
            for begin in range(0, len(beeld.rijen), FOREST_PER_TEKENING)
        ]
    return [teken(beeld)]


def als_svg(beeld: Beeld, sleutel: str, titel: str, beschrijving: str) -> str:
    """De grafiek als inline `<svg>` voor in HTML, met unieke id's (`sleutel`) en een titel en beschrijving.

    renderSVG geeft elke tekening dezelfde id's (`clip`, `group`); meerdere grafieken in één pagina zouden elkaars
    knipvlak gebruiken.
    """
    return inline_svg(teken(beeld), sleutel, titel, beschrijving)


def inline_svg(tekening: Drawing, sleutel: str, titel: str | None, beschrijving: str = "", *, naam: str = "") -> str:
    """Een tekening als inline `<svg>` met id's die met `sleutel` beginnen (`sleutel-clip`, `sleutel-g`).

    Met een `titel` krijgt de SVG haar `<title>` en `<desc>` (id's `sleutel-titel` en `sleutel-desc`); zonder (None)
    verwijst ze met aria-labelledby naar die van de grafiek `naam`, die elders in de pagina staan: zo staat een
    tekstalternatief één keer in de pagina, ook als dezelfde grafiek twee keer getekend is (breed en smal).
    """
    from reportlab.graphics import renderSVG

    svg = _HOOFD.sub("", renderSVG.drawToString(tekening), count=1)
    svg = svg.replace('id="clip"', f'id="{sleutel}-clip"').replace("url(#clip)", f"url(#{sleutel}-clip)")
    svg = svg.replace('id="group"', f'id="{sleutel}-g"')
    bron = sleutel if titel is not None else naam
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{bron}-titel {bron}-desc" class="grafiek" ', 1)
    if titel is None:
        return re.sub(r"\s*<title>\.\.\.</title>\s*<desc>\.\.\.</desc>", "", svg, count=1).strip()
    svg = svg.replace("<title>...</title>", f'<title id="{sleutel}-titel">{escape(titel)}</title>', 1)
    return svg.replace("<desc>...</desc>", f'<desc id="{sleutel}-desc">{escape(beschrijving)}</desc>', 1).strip()


_LETTERFAMILIE = re.compile(r"font-family: Helvetica(-Bold)?;")


def svg_delen(beeld: Beeld) -> list[tuple[str, float, int]]:
    """De grafiek als SVG-tekeningen voor de PDF (zie `pagina_delen`), elk met zijn breedte in punten en het aantal
    rijen (gemeenten) dat het deel van een forest plot toont (anders 0).

    De tekst staat in Liberation Sans, maatvast met de Helvetica waarmee reportlab de labels plaatst; een vette
    Helvetica wordt vette Liberation Sans.
    """
    from reportlab.graphics import renderSVG

    uit = []
    delen = pagina_delen(beeld)
    for i, tekening in enumerate(delen):
        svg = _HOOFD.sub("", renderSVG.drawToString(tekening), count=1)
        svg = _LETTERFAMILIE.sub(
            lambda m: "font-family: Liberation Sans;" + (" font-weight: bold;" if m.group(1) else ""), svg
        )
        rijen = 0
        if isinstance(beeld, Forest) and len(delen) > 1:
            rijen = len(beeld.rijen[i * FOREST_PER_TEKENING : (i + 1) * FOREST_PER_TEKENING])
        uit.append((svg, float(tekening.width), rijen))
    return uit
