"""De vergelijking (`casuskosten vergelijk`): alle gemeenten naast elkaar, van het `Resultaat` naar één `Document`."""

from __future__ import annotations

import datetime as dt

from ... import formaat as f
from ...benamingen import DOELNAMEN, doelnaam
from ...rekenen.resultaat import Resultaat
from ...rekenen.waarden import Aggregaat
from .blokken import Alinea, Cel, Document, Figuur, Forest, Grafiek, Schatting, Sectie, Tabel, meldingen, tabel
from .gedeeld import euro_interval, periode, voettekst


def vergelijking_document(resultaat: Resultaat, datum: dt.date) -> Document:
    """Alle gemeenten naast elkaar: kernboodschap, tabel, forest plot, doelen en wat de cijfers beperkt."""
    groepen = (*resultaat.gemeenten, resultaat.totaal)
    huisstijl = resultaat.instellingen.huisstijl
    secties = [
        Sectie(
            "Besparing per gemeente",
            "besparing",
            (
                Alinea(resultaat.totaal.kernboodschap, "groot", vet=True),
                _besparingen(groepen, resultaat.instellingen.psa_iteraties),
                Figuur(_forest(groepen, huisstijl.kleur)),
            ),
        ),
        Sectie(
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
                ),
            ),
        ),
    ]
    alle = tuple(w for g in groepen for w in g.waarschuwingen)
    if alle:
        secties.append(Sectie("Wat deze cijfers beperkt", "beperkingen", (meldingen(alle),)))
    return Document(
        titel="Sociale teams vergeleken",
        kenmerken=(
            ("Gemeenten", str(len(resultaat.gemeenten))),
            ("Casussen", str(resultaat.totaal.aantal_casussen)),
            ("Periode van de casussen", periode(resultaat.totaal)),
            ("Prijspeil", str(resultaat.prijspeil)),
            ("Gemaakt op", f.datum(datum)),
        ),
        secties=tuple(secties),
        huisstijl=huisstijl,
        voettekst=voettekst(huisstijl, resultaat.prijspeil),
        sjabloon="vergelijk.html.j2",
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
    )


def _bedrag(waarde: float | None) -> str:
    return f.euro(waarde) if waarde is not None else "–"


def _forest(groepen: tuple[Aggregaat, ...], kleur: str) -> Grafiek:
    """De forest plot van de intervallen; in de PDF bij veel gemeenten in delen met één gedeelde as."""
    rijen = tuple(
        Schatting(g.gemeente or "Alle gemeenten", g.antwoord.schatting, g.antwoord.interval95) for g in groepen
    )
    return Grafiek(
        "forest",
        "Besparing per huishouden per jaar na correctie, met 95%-interval",
        "Per gemeente de besparing per huishouden per jaar na correctie (blokje) en het 95%-interval uit de "
        "simulatie (lijn): "
        + "; ".join(
            f"{r.naam} {f.euro(r.waarde) if r.waarde is not None else '–'} {euro_interval(r.interval)}" for r in rijen
        )
        + ".",
        Forest(rijen, kleur),
        "Blokje: de besparing na correctie; lijn: het 95%-interval.",
    )
