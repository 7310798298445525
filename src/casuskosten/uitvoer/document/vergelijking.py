"""De vergelijking (`casuskosten vergelijk`): alle gemeenten naast elkaar, van het `Resultaat` naar één `Document`."""

from __future__ import annotations

import datetime as dt

from ... import formaat as f
from ...benamingen import DOELNAMEN, doelnaam, leefgebiednaam
from ...rekenen.resultaat import Resultaat
from ...rekenen.waarden import Aggregaat, Vergelijking
from .besluit import besluitzinnen
from .blokken import (
    Alinea,
    Blok,
    Cel,
    Document,
    Figuur,
    Forest,
    Grafiek,
    Opsomming,
    Schatting,
    Sectie,
    Tabel,
    Tussenkop,
    genummerd,
    meldingen,
    tabel,
)
from .gedeeld import euro_interval, omslagkenmerken, periode, voettekst

_Z = 1.959963984540054
#: de bronregel van de tabellen en de grafiek van de vergelijking
BRON = "Bron: de casussen van alle gemeenten, beprijsd met de gebruikte tarieven."


_KOPNAAM = {"gemeente": "Gemeente", "teammodel": "Teammodel", "leefgebied": "Leefgebied", "jaar": "Jaar"}
_TITELS = {
    "gemeente": "Besparing per gemeente",
    "teammodel": "Besparing per teammodel",
    "leefgebied": "Besparing per leefgebied",
    "jaar": "Besparing per jaar van beschrijving",
}


def vergelijking_document(resultaat: Resultaat, datum: dt.date, per: str = "gemeente") -> Document:
    """De groepen naast elkaar (per gemeente, teammodel, leefgebied of jaar): eerst de zin of ze meer verschillen dan
    toeval, dan de forest plot (eigen en gepoolde schatting), dan de tabel; per gemeente ook de doelen."""
    vergelijking = resultaat.vergelijk(per)
    groepen = (*resultaat.gemeenten, resultaat.totaal)
    huisstijl = resultaat.instellingen.huisstijl
    blokken: list[Blok] = [
        Alinea(vergelijking.zin, "groot", vet=True),
        Figuur(_forest(vergelijking, huisstijl.kleur)),
        _groepentabel(vergelijking),
    ]
    if per == "gemeente":
        blokken += [
            Tussenkop("Het antwoord per gemeente"),
            Alinea(resultaat.totaal.kernboodschap),
            _besparingen(groepen, resultaat.instellingen.psa_iteraties),
            # dezelfde regels als op pagina 1 van een gemeenterapport, voor alle gemeenten samen
            Tussenkop("Wat betekent dit voor uw besluit? (alle gemeenten samen)"),
            Opsomming(
                besluitzinnen(
                    resultaat.totaal,
                    alle_aselect=all(c.selectie == "aselect" for c in resultaat.casuscijfers()),
                )
            ),
        ]
    secties = [Sectie(_TITELS[per], "besparing", tuple(blokken))]
    if per == "gemeente":
        secties.append(_doelen(groepen))
    alle = tuple(w for g in groepen for w in g.waarschuwingen)
    if alle:
        secties.append(Sectie("Wat deze cijfers beperkt", "beperkingen", (meldingen(alle),)))
    return Document(
        titel="Sociale teams vergeleken" + ("" if per == "gemeente" else f" per {per}"),
        kenmerken=(
            ("Gemeenten", str(len(resultaat.gemeenten))),
            ("Casussen", str(resultaat.totaal.aantal_casussen)),
            ("Periode van de casussen", periode(resultaat.totaal)),
            ("Prijspeil", str(resultaat.prijspeil)),
            *omslagkenmerken(huisstijl, datum),
        ),
        secties=genummerd(secties),
        huisstijl=huisstijl,
        voettekst=voettekst(huisstijl, resultaat.prijspeil),
        sjabloon="vergelijk.html.j2",
        datum=datum,
    )


def _naam(agg: Aggregaat) -> Cel:
    return Cel(agg.gemeente) if agg.gemeente else Cel("Alle gemeenten", vet=True)


def _besparingen(groepen: tuple[Aggregaat, ...], iteraties: int) -> Tabel:
    return tabel(
        ("Gemeente", "Casussen", "Per huishouden per jaar", "95%-interval", "Kans op besparing"),
        (
            (
                _naam(g),
                g.aantal_casussen,
                f.euro(g.antwoord.schatting),
                euro_interval(g.antwoord.interval95),
                f.kans(g.antwoord.kans_besparing),
            )
            for g in groepen
        ),
        rechts=(1, 2, 3, 4),
        voetnoot="Per huishouden per jaar: de gemiddelde besparing na correctie (negatief: meerkosten). Interval en "
        f"kans: uit {f.getal(iteraties, 0)} doorrekeningen met andere tarieven en kansen, met meegenomen dat het "
        "maar een handvol casussen per gemeente is. Onder 3 casussen: geen interval en geen kans.",
        bijschrift="Het antwoord per gemeente",
        bron=BRON.removesuffix(".") + f"; {f.getal(iteraties, 0)} doorrekeningen.",
    )


def _bedrag(waarde: float | None) -> str:
    return f.euro(waarde) if waarde is not None else "–"


def _doelen(groepen: tuple[Aggregaat, ...]) -> Sectie:
    return Sectie(
        "Doelen: aandeel casussen met ja (ja of deels)",
        "doelen",
        (
            tabel(
                ("Gemeente", *(doelnaam(d) for d in DOELNAMEN)),
                (
                    (
                        _naam(g),
                        *(f"{f.aandeel(d.aandeel_ja)} ({f.aandeel(d.aandeel_ja_of_deels)})" for d in g.doelen),
                    )
                    for g in groepen
                ),
                rechts=tuple(range(1, len(DOELNAMEN) + 1)),
                bijschrift="Aandeel casussen met ja (ja of deels) per doel",
                bron="Bron: het oordeel per doel in de casussen.",
            ),
        ),
    )


def _groepsnaam(v: Vergelijking, groep: str) -> str:
    """De naam voor de lezer: een leefgebied met zijn naam, niet de code."""
    return leefgebiednaam(groep) if v.groepering == "leefgebied" else groep


def _groepentabel(v: Vergelijking) -> Tabel:
    """Per groep de eigen schatting met standaardfout en de gepoolde schatting met interval."""
    voetnoot = (
        "Eigen: het gemiddelde van de gecorrigeerde besparing per huishouden per jaar van de casussen in de groep, met "
        "de standaardfout (s / √n). Gepoold: de eigen schatting, naar het gemiddelde over de groepen getrokken naar "
        "hoe onzeker ze is (empirical Bayes, random effects); onder 3 casussen niet."
    )
    if v.tau2 is not None and v.q is not None and v.p_heterogeniteit is not None and v.i2 is not None:
        voetnoot += (
            f" Q = {f.getal(v.q, 2)}, p = {f.getal(v.p_heterogeniteit, 3)}, I² = {f.aandeel(v.i2)}, "
            f"τ² = {f.getal(v.tau2, 0)}."
        )
    return tabel(
        (_KOPNAAM[v.groepering], "Casussen", "Eigen schatting", "Standaardfout", "Gepoold", "95%-interval gepoold"),
        (
            (
                _groepsnaam(v, g.groep),
                g.aantal_casussen,
                f.euro(g.schatting),
                f.euro(g.se) if g.se is not None else "–",
                f.euro(g.gepoold_schatting) if g.gepoold_schatting is not None else "–",
                euro_interval(g.gepoold_interval95),
            )
            for g in v.groepen
        ),
        rechts=(1, 2, 3, 4, 5),
        voetnoot=voetnoot,
        bijschrift="Eigen en gepoolde schatting per groep",
        bron=BRON,
    )


def _forest(v: Vergelijking, kleur: str) -> Grafiek:
    """De forest plot op naam (geen rangorde): per groep de eigen schatting (± 1,96 standaardfout) en de gepoolde
    schatting met haar interval; in de PDF bij veel groepen in delen met één gedeelde as."""
    rijen = tuple(
        Schatting(
            _groepsnaam(v, g.groep),
            g.schatting,
            (g.schatting - _Z * g.se, g.schatting + _Z * g.se) if g.se is not None else None,
            g.gepoold_schatting,
            g.gepoold_interval95,
        )
        for g in v.groepen
    )
    beschrijving = "; ".join(
        f"{r.naam}: eigen {_bedrag(r.waarde)} {euro_interval(r.interval)}"
        + (f", gepoold {_bedrag(r.gepoold)} {euro_interval(r.gepoold_interval)}" if r.gepoold is not None else "")
        for r in rijen
    )
    return Grafiek(
        "forest",
        "Besparing per huishouden per jaar na correctie: eigen en gepoolde schatting",
        f"Per groep, op naam: de eigen schatting (blokje, lijn ± 1,96 standaardfout) en de gepoolde schatting (ruit, "
        f"grijze lijn: 95%-interval): {beschrijving}.",
        Forest(rijen, kleur),
        "Blokje: eigen schatting; ruit: gepoold. Op naam gesorteerd, niet op grootte.",
        bron=BRON,
    )
