"""De grafieken voor een smal scherm (een telefoon): dezelfde beschrijving uit het document als in `grafieken.py`,
getekend op `BREEDTE` eenheden met alle tekst op `LETTER_PX`.

Eén eenheid van de tekening is één CSS-pixel op een telefoon van 360 px breed (360 min de marges van de pagina), zo
is elke letter daar 12 px. De brede tekening verkleind tot die breedte zou letters van ongeveer 6 px geven. Wat
anders is dan breed: een label dat niet links naast de staven past, staat erboven (over regels verdeeld, nooit
afgekapt); de as krijgt zo veel streepjes als er passen zonder dat hun getallen elkaar raken; een legenda en een
astitel lopen door op een volgende regel. De PDF gebruikt alleen de brede tekening; de HTML toont deze onder
60rem (`_basis.html.j2`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import formaat as f
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
from .grafieken import (
    AS_ANTWOORD,
    AS_DOELEN,
    AS_DREMPEL,
    AS_FINANCIERS,
    AS_FINANCIERS_PER_JAAR,
    AS_KANS,
    AS_TRAJECTEN,
    BALKGRIJS,
    GRIJS,
    LETTER,
    LICHT,
    OORDEELKLEUREN,
    RAND,
    TEKST,
    hoofdkleur,
    inline_svg,
    is_licht,
    labelkleur,
)

#: de breedte van de tekening: 360 px min twee keer de marge van de pagina op een telefoon (.75rem = 12 px)
BREEDTE = 336.0
#: elke tekst, in eenheden van de tekening (= CSS-pixels op een telefoon van 360 px)
LETTER_PX = 12.0
#: de afstand tussen twee regels tekst
REGEL = 15.0
#: zo breed mag het breedste label zijn om nog links naast de staven te staan; anders staat elk label erboven
NAAST_HOOGSTENS = 0.3 * BREEDTE
#: de vrije ruimte tussen de getallen van twee streepjes op de as
TUSSENRUIMTE = 10.0


def tekstbreedte(tekst: str) -> float:
    """De breedte van `tekst` in Helvetica (maatvast met Liberation Sans en Arial) op `LETTER_PX`."""
    return float(stringWidth(tekst, LETTER, LETTER_PX))


def regels(tekst: str, breedte: float) -> list[str]:
    """De tekst over regels van hooguit `breedte` verdeeld, op woordgrenzen; een woord dat alleen al te breed is,
    wordt op tekens verdeeld. Er valt nooit iets weg."""
    uit: list[str] = []
    regel = ""
    for woord in tekst.split():
        proef = f"{regel} {woord}" if regel else woord
        if tekstbreedte(proef) <= breedte:
            regel = proef
            continue
        if regel:
            uit.append(regel)
        regel = ""
        for teken_ in woord:
            if regel and tekstbreedte(regel + teken_) > breedte:
                uit.append(regel)
                regel = ""
            regel += teken_
    return [*uit, regel] if regel or not uit else uit


class _Vel:
    """Een tekening die van boven naar beneden wordt opgebouwd: y telt hier vanaf de bovenrand, reportlab vanaf de
    onderrand; `tekening` draait dat om als de hoogte bekend is."""

    def __init__(self) -> None:
        self._vormen: list[Callable[[float], Shape]] = []

    def tekst(self, x: float, y: float, tekst: str, anker: str = "start", *, kleur: colors.Color = TEKST) -> None:
        """Tekst met zijn basislijn op y."""
        self._vormen.append(
            lambda h: String(x, h - y, tekst, fontName=LETTER, fontSize=LETTER_PX, fillColor=kleur, textAnchor=anker)
        )

    def vlak(
        self, x: float, y: float, breedte: float, hoogte: float, vulling: colors.Color, *, rand: bool = False
    ) -> None:
        """Een vlak met zijn bovenrand op y; een lichte vulling (of met `rand` elke) krijgt een donkere rand."""
        lijn = RAND if rand or is_licht(vulling) else None
        self._vormen.append(
            lambda h: Rect(x, h - y - hoogte, breedte, hoogte, fillColor=vulling, strokeColor=lijn, strokeWidth=0.5)
        )

    def lijn(self, van: tuple[float, float], tot: tuple[float, float], kleur: colors.Color, dikte: float = 1.0) -> None:
        (x1, y1), (x2, y2) = van, tot
        self._vormen.append(lambda h: Line(x1, h - y1, x2, h - y2, strokeColor=kleur, strokeWidth=dikte))

    def ruit(self, x: float, y: float, straal: float) -> None:
        """De ruit van een gepoolde schatting: wit met een donkere rand."""
        self._vormen.append(
            lambda h: Polygon(
                [x, h - y + straal, x + straal, h - y, x, h - y - straal, x - straal, h - y],
                fillColor=colors.white,
                strokeColor=TEKST,
            )
        )

    def tekening(self, hoogte: float) -> Drawing:
        d = Drawing(BREEDTE, hoogte)
        for vorm in self._vormen:
            d.add(vorm(hoogte))
        return d


def _legenda(vel: _Vel, y: float, items: Sequence[tuple[str, colors.Color | None]], *, rand: bool = False) -> float:
    """De legenda vanaf y, over zoveel regels als nodig; een item zonder kleur is alleen tekst. Geeft de y eronder."""
    x, basis = 1.0, y + LETTER_PX + 2
    for naam, kleur in items:
        breedte = (14 if kleur is not None else 0) + tekstbreedte(naam)
        if x > 1 and x + breedte > BREEDTE:
            x, basis = 1.0, basis + REGEL + 2
        if kleur is not None:
            vel.vlak(x, basis - 10, 10, 10, kleur, rand=rand)
            x += 14
        vel.tekst(x, basis, naam)
        x += tekstbreedte(naam) + 16
    return basis + 4


@dataclass(frozen=True)
class _As:
    """Een horizontale as: het bereik, de streepjes en waar het tekenvlak ligt (van `links` tot `rechts`)."""

    begin: float
    eind: float
    streepjes: tuple[float, ...]
    links: float
    rechts: float

    def x(self, waarde: float) -> float:
        return self.links + (waarde - self.begin) / (self.eind - self.begin) * (self.rechts - self.links)


def _as(
    laag: float,
    hoog: float,
    opmaak: Callable[[float], str],
    *,
    links: float = 0.0,
    vrij: tuple[float, float] = (0.0, 0.0),
    vast: Sequence[float] | None = None,
) -> _As:
    """Een as op ronde getallen die 0, `laag` en `hoog` omvat, tussen `links` en de rechterrand, met zo veel
    streepjes (vijf, vier, drie of twee stappen) als er passen zonder dat hun getallen elkaar raken. `vrij`: de
    ruimte die links en rechts van het tekenvlak vrij moet blijven (voor de getallen naast een balk); `vast`: de
    streepjes als ze passen (0 tot 100%)."""
    laag, hoog = min(laag, 0.0), max(hoog, 0.0)
    if hoog == laag:
        hoog = laag + 1.0
    kandidaten = [list(vast)] if vast is not None else []
    for aantal in (5, 4, 3, 2):
        stap = mooie_stap((hoog - laag) / aantal, naar="boven")
        begin = math.floor(laag / stap) * stap
        eind = math.ceil(hoog / stap) * stap
        kandidaten.append([begin + i * stap for i in range(round((eind - begin) / stap) + 1)])
    # na de lus geldt de eerste die past, of anders de laatste (twee stappen)
    for streepjes in kandidaten:
        breedtes = [tekstbreedte(opmaak(s)) for s in streepjes]
        linker = links + max(breedtes[0] / 2 + 1, vrij[0])
        rechter = BREEDTE - max(breedtes[-1] / 2 + 1, vrij[1])
        if max(breedtes) + TUSSENRUIMTE <= (rechter - linker) / max(len(streepjes) - 1, 1):
            break
    return _As(streepjes[0], streepjes[-1], tuple(streepjes), linker, rechter)


def _onderas(vel: _Vel, as_: _As, y: float, opmaak: Callable[[float], str], titel: str) -> float:
    """De getallen van de as onder het tekenvlak (dat op y eindigt) en de astitel daaronder, over regels als hij te
    breed is. Geeft de hoogte van de hele tekening."""
    for waarde in as_.streepjes:
        vel.tekst(as_.x(waarde), y + LETTER_PX + 2, opmaak(waarde), anker="middle")
    y += LETTER_PX + 2 + 6
    for regel in regels(titel, BREEDTE):
        y += REGEL
        vel.tekst(BREEDTE / 2, y, regel, anker="middle")
    return y + 5


@dataclass(frozen=True)
class _Rij:
    """Waar een rij staat: de regels van haar label (tekst, x, basislijn, anker) en de band van haar staven."""

    label: tuple[tuple[str, float, float, str], ...]
    boven: float
    hoogte: float


def _rijen(labels: Sequence[str], y: float, band: float, *, naast: bool = True) -> tuple[list[_Rij], float, float]:
    """De rijen onder elkaar vanaf y. Past het breedste label in `NAAST_HOOGSTENS` (en mag het: `naast`), dan staat
    elk label rechts uitgelijnd naast zijn staven; anders staat het erboven, over de hele breedte en over regels
    verdeeld.
    Geeft de rijen, de linkerrand van het tekenvlak en de y onder de laatste rij."""
    breedste = max((tekstbreedte(label) for label in labels), default=0.0)
    rijen: list[_Rij] = []
    if naast and breedste <= NAAST_HOOGSTENS:
        links, hoogte = breedste + 8, max(band, REGEL)
        for label in labels:
            midden = y + hoogte / 2
            rijen.append(_Rij(((label, links - 6, midden + 4, "end"),), midden - band / 2, band))
            y += hoogte + 8
        return rijen, links, y - 8
    for label in labels:
        tekst = []
        for regel in regels(label, BREEDTE):
            y += REGEL
            tekst.append((regel, 0.0, y - 3, "start"))
        rijen.append(_Rij(tuple(tekst), y + 1, band))
        y += 1 + band + 11
    return rijen, 0.0, y - 11


def _raster(vel: _Vel, as_: _As, rijen: Sequence[_Rij], *, nullijn: bool = True) -> None:
    """De labels, de rasterlijnen en de nullijn. Staan de labels naast de staven, dan loopt elke lijn door over alle
    rijen; staan ze erboven, dan per rij alleen over de band van haar staven, niet door de labels."""
    naast = all(anker == "end" for rij in rijen for *_, anker in rij.label)
    banden = [(rijen[0].boven, rijen[-1].boven + rijen[-1].hoogte)] if naast and rijen else []
    banden = banden or [(rij.boven, rij.boven + rij.hoogte) for rij in rijen]
    for boven, onder in banden:
        for waarde in as_.streepjes:
            vel.lijn((as_.x(waarde), boven - 3), (as_.x(waarde), onder + 3), LICHT, 0.75)
        if nullijn:
            vel.lijn((as_.x(0), boven - 3), (as_.x(0), onder + 3), GRIJS)
    for rij in rijen:
        for tekst, x, y, anker in rij.label:
            vel.tekst(x, y, tekst, anker)


def _staaf(vel: _Vel, as_: _As, bereik: tuple[float, float], band: tuple[float, float], vulling: colors.Color) -> None:
    """Een liggende staaf van de ene waarde tot de andere (`bereik`), in de band (boven, hoogte)."""
    links, rechts = sorted(as_.x(w) for w in bereik)
    vel.vlak(links, band[0], rechts - links, band[1], vulling)


def _twee_trajecten(
    rijen: Sequence[Trajectkosten], kleur: str, astitel: str, schaal: tuple[float, float] | None = None
) -> Drawing:
    """Per rij twee liggende staven: vóór 2015 (grijs) en met het sociaal team (hoofdkleur)."""
    vel, hoofd = _Vel(), hoofdkleur(kleur)
    y = _legenda(vel, 0, [(trajectnaam("voor_2015"), BALKGRIJS), (trajectnaam("sociaal_team"), hoofd)]) + 10
    waarden = [0.0, *(r.voor_2015 for r in rijen), *(r.sociaal_team for r in rijen)]
    laag, hoog = schaal if schaal is not None else (min(waarden), max(waarden))
    geplaatst, links, y = _rijen([r.label for r in rijen], y, 19)
    as_ = _as(laag, hoog, f.euro, links=links)
    _raster(vel, as_, geplaatst)
    for rij, r in zip(geplaatst, rijen, strict=True):
        _staaf(vel, as_, (0, r.voor_2015), (rij.boven, 9), BALKGRIJS)
        _staaf(vel, as_, (0, r.sociaal_team), (rij.boven + 10, 9), hoofd)
    return vel.tekening(_onderas(vel, as_, y, f.euro, astitel))


def trajecten_per_casus(beeld: TrajectenPerCasus) -> Drawing:
    """De kosten van beide trajecten per casus, op de as `beeld.schaal` (zoals breed)."""
    return _twee_trajecten(beeld.rijen, beeld.kleur, AS_TRAJECTEN, beeld.schaal)


def per_financier(beeld: KostenPerFinancier) -> Drawing:
    """Wie investeert, wie bespaart: per financier de kosten van beide trajecten."""
    return _twee_trajecten(beeld.rijen, beeld.kleur, AS_FINANCIERS)


def per_financier_per_jaar(beeld: BesparingPerFinancierPerJaar) -> Drawing:
    """Per financier één staaf: rechts van de nullijn (hoofdkleur) bespaart hij per jaar, links (grijs) investeert
    hij."""
    vel, hoofd = _Vel(), hoofdkleur(beeld.kleur)
    y = _legenda(vel, 0, [("bespaart per jaar", hoofd), ("investeert per jaar", BALKGRIJS)]) + 10
    bedragen = [r.besparing_per_jaar for r in beeld.rijen]
    geplaatst, links, y = _rijen([r.financier.replace("_", " ") for r in beeld.rijen], y, 12)
    as_ = _as(min([0.0, *bedragen]), max([0.0, *bedragen]), f.miljoen, links=links)
    _raster(vel, as_, geplaatst)
    for rij, bedrag in zip(geplaatst, bedragen, strict=True):
        _staaf(vel, as_, (0, bedrag), (rij.boven, 12), hoofd if bedrag >= 0 else BALKGRIJS)
    return vel.tekening(_onderas(vel, as_, y, f.miljoen, AS_FINANCIERS_PER_JAAR))


def _procent(waarde: float) -> str:
    return f.procent(waarde, 0)


def doelen(beeld: OordelenPerDoel) -> Drawing:
    """Per doel een gestapelde staaf van 100%: ja, deels, nee, onbekend, met het aantal casussen erin als het past."""
    vel = _Vel()
    oordelen = ("ja", "deels", "nee", "onbekend")
    y = _legenda(vel, 0, [(o, colors.HexColor(OORDEELKLEUREN[o])) for o in oordelen]) + 10
    geplaatst, links, y = _rijen([d.doel for d in beeld.rijen], y, 18)
    as_ = _as(0, 100, _procent, links=links, vast=(0, 25, 50, 75, 100))
    _raster(vel, as_, geplaatst, nullijn=False)
    for rij, doel in zip(geplaatst, beeld.rijen, strict=True):
        totaal = doel.ja + doel.deels + doel.nee + doel.onbekend
        x = as_.links
        for oordeel in oordelen:
            aantal = getattr(doel, oordeel)
            if not totaal or not aantal:
                continue
            breedte = aantal / totaal * (as_.rechts - as_.links)
            vulling = colors.HexColor(OORDEELKLEUREN[oordeel])
            vel.vlak(x, rij.boven, breedte, rij.hoogte, vulling, rand=True)
            if tekstbreedte(str(aantal)) + 6 <= breedte:
                vel.tekst(x + breedte / 2, rij.boven + 13.5, str(aantal), "middle", kleur=labelkleur(vulling))
            x += breedte
    return vel.tekening(_onderas(vel, as_, y, _procent, AS_DOELEN))


def tornado(beeld: Tornado) -> Drawing:
    """Het tornadodiagram: per aanname (het label boven de balk) de besparing bij haar lage en hoge instelling, met
    links de kleinste en rechts de grootste uitkomst als bedrag."""
    vel, hoofd, basis = _Vel(), hoofdkleur(beeld.kleur), beeld.basis
    if not beeld.balken or basis is None:
        vel.tekst(0, 20, "geen gevoeligheid te berekenen")
        return vel.tekening(30)
    items = [("lage instelling", BALKGRIJS), ("hoge instelling", hoofd), (f"schatting {f.euro(basis)}", TEKST)]
    y = _legenda(vel, 0, items) + 10
    # de bedragen naast de balken hebben de hele breedte nodig: de labels staan altijd erboven
    geplaatst, _, y = _rijen([g.naam for g in beeld.balken], y, 12, naast=False)
    # de bedragen in een kolom links (de kleinste uitkomst) en rechts (de grootste) van het tekenvlak, zodat geen
    # rasterlijn door een getal loopt
    links = [f.euro(min(g.laag, g.hoog)) for g in beeld.balken]
    rechts = [f.euro(max(g.laag, g.hoog)) for g in beeld.balken]
    vrij = (max(map(tekstbreedte, links)) + 8, max(map(tekstbreedte, rechts)) + 8)
    waarden = [basis, *(g.laag for g in beeld.balken), *(g.hoog for g in beeld.balken)]
    as_ = _as(min(waarden), max(waarden), f.euro, vrij=vrij)
    _raster(vel, as_, geplaatst)
    for rij, g, links_label, rechts_label in zip(geplaatst, beeld.balken, links, rechts, strict=True):
        _staaf(vel, as_, (basis, g.laag), (rij.boven, 12), BALKGRIJS)
        _staaf(vel, as_, (basis, g.hoog), (rij.boven, 12), hoofd)
        vel.tekst(as_.links - 6, rij.boven + 10.5, links_label, "end")
        vel.tekst(as_.rechts + 6, rij.boven + 10.5, rechts_label)
        vel.lijn((as_.x(basis), rij.boven - 3), (as_.x(basis), rij.boven + 15), TEKST, 1.2)
    return vel.tekening(_onderas(vel, as_, y, f.euro, AS_ANTWOORD))


def forest(rijen: Sequence[Schatting], kleur: str) -> Drawing:
    """De forest plot: per groep de eigen schatting (blokje) met haar 95%-interval (lijn) en, als er gepoold is, de
    gepoolde (ruit) met het hare eronder."""
    vel, hoofd = _Vel(), hoofdkleur(kleur)
    met_gepoold = any(r.gepoold is not None for r in rijen)
    items: list[tuple[str, colors.Color | None]] = [("eigen schatting", hoofd)]
    items += [("gepoold (ruit)", GRIJS)] if met_gepoold else []
    y = _legenda(vel, 0, [*items, ("lijn: 95%-interval", None)]) + 10
    waarden = (
        [r.waarde for r in rijen if r.waarde is not None]
        + [g for r in rijen if r.interval for g in r.interval]
        + [g for r in rijen if r.gepoold_interval for g in r.gepoold_interval]
    ) or [0.0, 100.0]
    geplaatst, links, y = _rijen([r.naam for r in rijen], y, 17 if met_gepoold else 9)
    as_ = _as(min(waarden), max(waarden), f.euro, links=links)
    _raster(vel, as_, geplaatst)
    for rij, r in zip(geplaatst, rijen, strict=True):
        eigen = rij.boven + 4.5
        if r.interval is not None:
            vel.lijn((as_.x(r.interval[0]), eigen), (as_.x(r.interval[1]), eigen), TEKST, 1.2)
            for grens in r.interval:
                vel.lijn((as_.x(grens), eigen - 4), (as_.x(grens), eigen + 4), TEKST, 1.2)
        if r.waarde is not None:
            vel.vlak(as_.x(r.waarde) - 4, eigen - 4, 8, 8, hoofd)
        if r.gepoold is not None and r.gepoold_interval is not None:
            gepoold = eigen + 8
            vel.lijn((as_.x(r.gepoold_interval[0]), gepoold), (as_.x(r.gepoold_interval[1]), gepoold), GRIJS, 1.2)
            vel.ruit(as_.x(r.gepoold), gepoold, 4)
    return vel.tekening(_onderas(vel, as_, y, f.euro, AS_ANTWOORD))


def kanscurve(beeld: Kanscurve) -> Drawing:
    """De kanscurve: horizontaal de drempel, verticaal de kans op een besparing van meer dan die drempel; de titel
    van de verticale as erboven, de kans bij 0 erbij geschreven."""
    vel, hoofd, punten = _Vel(), hoofdkleur(beeld.kleur), beeld.punten
    if not punten:
        vel.tekst(0, 20, "te weinig casussen voor een kanscurve")
        return vel.tekening(30)
    y = 0.0
    for regel in regels(AS_KANS, BREEDTE):
        y += REGEL
        vel.tekst(0, y - 3, regel)
    boven, hoogte = y + 22, 170.0
    x0 = tekstbreedte(_procent(100)) + 6
    drempels = [p.drempel for p in punten]
    as_ = _as(min(drempels), max(drempels), f.euro, links=x0)

    def y_(kans: float) -> float:
        return boven + (1 - kans) * hoogte

    for waarde in as_.streepjes:
        vel.lijn((as_.x(waarde), boven), (as_.x(waarde), boven + hoogte), LICHT, 0.75)
    for kans in (0.0, 0.25, 0.5, 0.75, 1.0):
        vel.lijn((as_.links, y_(kans)), (as_.rechts, y_(kans)), LICHT, 0.75)
        vel.tekst(x0 - 4, y_(kans) + 4, _procent(kans * 100), "end")
    vel.lijn((as_.x(0), boven), (as_.x(0), boven + hoogte), GRIJS)
    for een, twee in itertools.pairwise(punten):
        vel.lijn((as_.x(een.drempel), y_(een.kans)), (as_.x(twee.drempel), y_(twee.kans)), hoofd, 2)
    for p in punten:
        vel.vlak(as_.x(p.drempel) - 2.5, y_(p.kans) - 2.5, 5, 5, hoofd)
    nul = next((p for p in punten if p.drempel == 0), None)
    if nul is not None:
        tekst = f"kans op een besparing: {f.kans(nul.kans)}"
        vel.tekst(min(as_.x(0) + 6, BREEDTE - tekstbreedte(tekst)), y_(nul.kans) - 7, tekst)
    return vel.tekening(_onderas(vel, as_, boven + hoogte, f.euro, AS_DREMPEL))


def teken(beeld: Beeld) -> Drawing:
    """De smalle tekening van de grafiek die `beeld` beschrijft."""
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
    if isinstance(beeld, Forest):
        return forest(beeld.rijen, beeld.kleur)
    raise TypeError(beeld)  # pragma: no cover - Beeld kent geen andere soorten


def als_svg(beeld: Beeld, sleutel: str) -> str:
    """De smalle grafiek als inline `<svg>` met eigen id's (`sleutel-smal-...`), zonder eigen titel en beschrijving:
    ze verwijst met aria-labelledby naar die van de brede grafiek (`grafieken.als_svg` met dezelfde `sleutel`), zodat
    het tekstalternatief één keer in de pagina staat."""
    return inline_svg(teken(beeld), f"{sleutel}-smal", None, naam=sleutel)
