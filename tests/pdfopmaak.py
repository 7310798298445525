"""De opmaak van een gerenderde PDF meten: waar elk getagd stuk (kop, tabelrij, figuur, alinea) op welke pagina staat.

De PDF's zijn getagd (PDF/UA-1): elk stuk tekst of tekening zit in een marked-content-reeks met een MCID, en de
structuurboom zegt welk element (H1, TR, Figure ...) bij welke MCID hoort. Deze module loopt de inhoud van elke
pagina af (met de transformatiematrix, zodat elke tekst, lijn en afbeelding een hoogte op de pagina krijgt), telt
kop- en voetregel (artefacten) niet mee, en koppelt de hoogtes aan de elementen. `overtredingen` toetst de regels
van issue 25, deel 5; de tests in `test_pdf_opmaak.py` roepen het aan.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field

import pikepdf

MM = 72 / 25.4
#: de marges van het sjabloon (uitvoer/typst/rapport.typ): boven 20 + 4 mm, onder 20 mm
BOVENMARGE = 24 * MM
ONDERMARGE = 20 * MM
KOPPEN = frozenset({"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})

Matrix = tuple[float, float, float, float, float, float]
EENHEID: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _maal(m: Matrix, n: Matrix) -> Matrix:
    """m gevolgd door n (PDF-volgorde: een punt p wordt p x m x n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _y(m: Matrix, x: float, y: float) -> float:
    return m[1] * x + m[3] * y + m[5]


@dataclass
class Element:
    """Een element van de structuurboom: zijn soort, zijn ouders (soorten) en per pagina zijn hoogte (boven, onder)."""

    soort: str
    ouders: tuple[str, ...]
    volgnummer: int
    kinderen: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (pagina, mcid)
    hoogtes: dict[int, tuple[float, float]] = field(default_factory=dict)

    def alle(self) -> list[Element]:
        """Dit element en al zijn nakomelingen."""
        uit = [self]
        for k in self.kinderen:
            uit += k.alle()
        return uit

    def paginas(self) -> set[int]:
        """De pagina's waarop dit element of een nakomeling iets tekent."""
        return {p for e in self.alle() for p in e.hoogtes}

    def hoogte(self, pagina: int) -> tuple[float, float] | None:
        """De bovenkant en onderkant (in punten vanaf de onderrand) op `pagina`, over alle nakomelingen."""
        hoogtes = [e.hoogtes[pagina] for e in self.alle() if pagina in e.hoogtes]
        if not hoogtes:
            return None
        return max(h[0] for h in hoogtes), min(h[1] for h in hoogtes)


@dataclass
class Opmaak:
    """De gemeten PDF: per pagina haar hoogte en de hoogtes van elk MCID, en de structuurboom."""

    paginahoogtes: list[float]
    elementen: list[Element]
    #: per pagina de (boven, onder) van alle getagde inhoud die geen artefact is
    inhoud: list[list[tuple[float, float]]]

    def van_soort(self, *soorten: str) -> list[Element]:
        """Alle elementen van een van deze soorten, in de volgorde van de boom."""
        return [e for e in self.elementen if e.soort in soorten]


def _meet_pagina(pdf: pikepdf.Pdf, pagina: pikepdf.Page) -> dict[int | None, tuple[float, float]]:
    """Per MCID (None: niet getagd) de hoogste bovenkant en laagste onderkant van wat die reeks tekent."""
    hoogtes: dict[int | None, list[float]] = defaultdict(list)
    stapel: list[Matrix] = []
    ctm = EENHEID
    tm = EENHEID
    grootte = 0.0
    gemerkt: list[int | str | None] = []  # per open marked-content-reeks: MCID, None of "artefact"
    punten: list[tuple[float, float]] = []

    def noteer(ys: list[float]) -> None:
        if "artefact" in gemerkt:
            return
        mcid = next((m for m in reversed(gemerkt) if isinstance(m, int)), None)
        hoogtes[mcid] += ys

    def vorm_xobject(naam: pikepdf.Name, m: Matrix) -> None:
        xobj = pagina.Resources.XObject[naam]
        if xobj.Subtype == "/Image":
            noteer([_y(m, 0, 0), _y(m, 1, 1), _y(m, 0, 1), _y(m, 1, 0)])
            return
        matrix = tuple(float(v) for v in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        x0, y0, x1, y1 = (float(v) for v in xobj.BBox)
        t = _maal(matrix, m)  # type: ignore[arg-type]
        noteer([_y(t, x0, y0), _y(t, x1, y1), _y(t, x0, y1), _y(t, x1, y0)])

    for operanden, op in pikepdf.parse_content_stream(pagina):
        o = str(op)
        if o == "q":
            stapel.append(ctm)
        elif o == "Q":
            ctm = stapel.pop()
        elif o == "cm":
            ctm = _maal(tuple(float(v) for v in operanden), ctm)  # type: ignore[arg-type]
        elif o == "BDC":
            tag, eigenschappen = operanden
            if str(tag) == "/Artifact":
                gemerkt.append("artefact")
            elif isinstance(eigenschappen, pikepdf.Dictionary) and "/MCID" in eigenschappen:
                gemerkt.append(int(eigenschappen.MCID))
            else:
                gemerkt.append(None)
        elif o == "BMC":
            gemerkt.append("artefact" if str(operanden[0]) == "/Artifact" else None)
        elif o == "EMC":
            gemerkt.pop()
        elif o == "BT":
            tm = EENHEID
        elif o == "Tf":
            grootte = float(operanden[1])
        elif o == "Tm":
            tm = tuple(float(v) for v in operanden)  # type: ignore[assignment]
        elif o in {"Tj", "TJ", "'", '"'}:
            m = _maal(tm, ctm)
            # de letters lopen van ongeveer 0,25 em onder tot 0,8 em boven de basislijn
            noteer([_y(m, 0, -0.25 * grootte), _y(m, 0, 0.8 * grootte)])
        elif o in {"m", "l"}:
            punten.append((float(operanden[0]), float(operanden[1])))
        elif o == "c":
            punten += [(float(operanden[i]), float(operanden[i + 1])) for i in (0, 2, 4)]
        elif o in {"v", "y"}:
            punten += [(float(operanden[i]), float(operanden[i + 1])) for i in (0, 2)]
        elif o == "re":
            x, y, w, h = (float(v) for v in operanden)
            punten += [(x, y), (x + w, y + h)]
        elif o in {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}:
            noteer([_y(ctm, x, y) for x, y in punten])
            punten = []
        elif o == "n":
            punten = []  # alleen een knipvlak
        elif o == "Do":
            vorm_xobject(operanden[0], ctm)
    return {k: (max(v), min(v)) for k, v in hoogtes.items() if v}


def meet(pdf_bytes: bytes) -> Opmaak:
    """Meet de PDF: de hoogtes per pagina en MCID, gekoppeld aan de elementen van de structuurboom."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    paginanummer = {p.objgen: i for i, p in enumerate(pdf.pages)}
    gemeten = [_meet_pagina(pdf, p) for p in pdf.pages]
    elementen: list[Element] = []

    def loop(knoop: object, ouders: tuple[str, ...], pagina: int | None, ouder: Element | None) -> None:
        if isinstance(knoop, pikepdf.Array):
            for k in knoop:
                loop(k, ouders, pagina, ouder)
            return
        if isinstance(knoop, int) and ouder is not None and pagina is not None:
            ouder.mcids.append((pagina, knoop))
            if knoop in gemeten[pagina]:
                ouder.hoogtes[pagina] = gemeten[pagina][knoop]
            return
        if not isinstance(knoop, pikepdf.Dictionary):
            return
        if "/Pg" in knoop:
            pagina = paginanummer[knoop.Pg.objgen]
        if "/MCID" in knoop and ouder is not None and pagina is not None:  # een marked-content-verwijzing
            loop(int(knoop.MCID), ouders, pagina, ouder)
            return
        if "/S" not in knoop:
            return  # een verwijzing naar een object (een link)
        element = Element(str(knoop.S), ouders, len(elementen))
        elementen.append(element)
        if ouder is not None:
            ouder.kinderen.append(element)
        if "/K" in knoop:
            loop(knoop.K, (*ouders, element.soort), pagina, element)

    loop(pdf.Root.StructTreeRoot.K, (), None, None)
    inhoud = [list(m.values()) for m in gemeten]
    return Opmaak([float(p.mediabox[3]) for p in pdf.pages], elementen, inhoud)


def _laagste(opmaak: Opmaak, pagina: int) -> float | None:
    hoogtes = opmaak.inhoud[pagina]
    return min(h[1] for h in hoogtes) if hoogtes else None


def koppen_zonder_inhoud(opmaak: Opmaak, deel: float = 0.15) -> list[str]:
    """Koppen in het onderste `deel` van de tekstruimte van een pagina zonder iets eronder op die pagina."""
    uit = []
    for kop in opmaak.van_soort(*KOPPEN):
        for p in kop.paginas():
            _, onder = kop.hoogte(p) or (0.0, 0.0)
            tekstruimte = opmaak.paginahoogtes[p] - BOVENMARGE - ONDERMARGE
            if onder > ONDERMARGE + deel * tekstruimte:
                continue
            laagste = _laagste(opmaak, p)
            if laagste is None or laagste >= onder - 0.5:
                uit.append(f"pagina {p + 1}: kop {kop.soort} op {onder / MM:.0f} mm zonder inhoud erna")
    return uit


def bijna_lege_paginas(opmaak: Opmaak, deel: float = 0.10) -> list[str]:
    """Pagina's (niet de laatste) waarvan de inhoud minder dan `deel` van de tekstruimte beslaat, van boven gemeten."""
    uit = []
    for p, hoogte in enumerate(opmaak.paginahoogtes[:-1]):
        tekstruimte = hoogte - BOVENMARGE - ONDERMARGE
        laagste = _laagste(opmaak, p)
        gevuld = 0.0 if laagste is None else (hoogte - BOVENMARGE - laagste) / tekstruimte
        if gevuld < deel:
            uit.append(f"pagina {p + 1}: {gevuld:.0%} inhoud")
    return uit


def tabellen_met_een_rij_onderaan(opmaak: Opmaak) -> list[str]:
    """Tabellen die op een pagina doorlopen naar de volgende en daar alleen hun kop en één rij laten staan."""
    uit = []
    for n, tabel in enumerate(opmaak.van_soort("/Table"), start=1):
        rijen = [e for e in tabel.alle() if e.soort == "/TR" and "/THead" not in e.ouders]
        paginas = sorted(tabel.paginas())
        for p in paginas[:-1]:
            op_p = [r for r in rijen if r.paginas() and min(r.paginas()) == p]
            if len(op_p) < 2:
                uit.append(f"pagina {p + 1}: tabel {n} loopt door met {len(op_p)} rij onder de kop")
    return uit
