"""Pagina 1 van het gemeenterapport in gewone woorden: de samenvatting, de kerncijfers met wat ze betekenen, wat de
cijfers beperkt en de leeswijzer. Voor een raadslid: geen codes, geen bestandsnamen."""

from __future__ import annotations

from dataclasses import dataclass

from ... import formaat as f
from ...rekenen.waarden import Aggregaat
from .gedeeld import euro_interval


@dataclass(frozen=True)
class Kerncijfer:
    """Eén kerncijfer op pagina 1: naam, waarde, interval en in één gewone zin wat het betekent."""

    naam: str
    waarde: str
    interval: str
    uitleg: str


def leeswijzer(iteraties: int) -> tuple[str, ...]:
    """De leeswijzer op pagina 1: wat een casus, de correctie en een interval zijn, in gewone woorden."""
    casus = (
        "Een casus beschrijft één huishouden: wat het sociaal team deed, en hoe het vóór 2015 waarschijnlijk was "
        "gegaan. Beide trajecten zijn met dezelfde tarieven in euro's omgerekend."
    )
    correctie = (
        "Hoe het vóór 2015 zou zijn gegaan, is een inschatting. Daarom verlagen we de kosten die het sociaal team "
        "vermeed naar hoe zeker die inschatting is (de correctie): weinig zeker, dan tellen ze minder mee."
    )
    interval = (
        f"Een interval geeft aan hoe ver het cijfer ernaast kan zitten. We hebben het {f.getal(iteraties, 0)} keer "
        "opnieuw uitgerekend met andere casussen uit dezelfde gemeente (vanaf 5 casussen), andere tarieven en andere "
        "kansen; 95 van de 100 uitkomsten liggen binnen het interval."
    )
    return (casus, correctie, interval)


def samenvatting(agg: Aggregaat) -> tuple[str, ...]:
    """De uitkomst in gewone woorden, zinnen die een raadslid begrijpt."""
    n = agg.aantal_casussen
    zinnen = [
        (
            f"In {agg.aantal_met_besparing} van de {n} {'casus' if n == 1 else 'casussen'} was de aanpak van het "
            "sociaal team goedkoper dan de aanpak van vóór 2015."
        )
    ]
    if agg.besparing >= 0:
        zin = f"Samen kostten de casussen met het sociaal team {f.euro(agg.besparing)} minder"
    else:
        zin = f"Samen kostten de casussen met het sociaal team {f.euro(-agg.besparing)} méér"
    if agg.besparing_pct is not None:
        if agg.besparing_pct >= 0:
            zin += f": een besparing van {f.procent(agg.besparing_pct)} op de kosten van vóór 2015"
        else:
            zin += f": meerkosten van {f.procent(-agg.besparing_pct)} ten opzichte van de kosten van vóór 2015"
        if agg.besparing_pct_ci95 is not None:
            laag, hoog = agg.besparing_pct_ci95
            zin += f" (95%-interval {f.procent(laag)} tot {f.procent(hoog)})"
    zinnen.append(zin + ".")
    if agg.besparing_pct_gecorrigeerd is not None:
        gecorrigeerd = agg.besparing_pct_gecorrigeerd
        zinnen.append(
            "Als we de vermeden kosten verlagen naar hoe zeker ze zijn (de zekerheidscorrectie), is dat "
            + (
                f"een besparing van {f.procent(gecorrigeerd)}."
                if gecorrigeerd >= 0
                else f"meerkosten van {f.procent(-gecorrigeerd)}."
            )
        )
    if agg.besparing_pct_gemiddeld is not None and agg.besparing_pct_mediaan is not None:
        zinnen.append(
            f"Per casus was de besparing gemiddeld {f.procent(agg.besparing_pct_gemiddeld)}; de middelste casus "
            f"(mediaan) bespaarde {f.procent(agg.besparing_pct_mediaan)}."
        )
    if agg.besparing_pct_ci95 is None:
        zinnen.append("Met minder dan 5 casussen is er geen betrouwbaarheidsinterval; de cijfers zijn een indicatie.")
    return tuple(zinnen)


def kerncijfers(agg: Aggregaat, iteraties: int) -> tuple[Kerncijfer, ...]:
    """Hooguit vijf kerncijfers voor pagina 1, elk met één gewone zin over wat het betekent."""
    gemeente = agg.per_perspectief.get("gemeente")
    cijfers = [
        Kerncijfer(
            "Besparing per casus per jaar, na correctie",
            f.euro(agg.besparing_per_casus_per_jaar_gecorrigeerd),
            euro_interval(agg.besparing_per_casus_per_jaar_gecorrigeerd_psa95),
            "Wat het sociaal team gemiddeld per huishouden per jaar minder kostte (negatief: meer kostte).",
        ),
        Kerncijfer(
            "Kans dat het sociaal team goedkoper was",
            f.kans(agg.kans_besparing_gecorrigeerd),
            "",
            f"In zoveel van de {f.getal(iteraties, 0)} doorrekeningen met andere casussen, tarieven en kansen was "
            "het team goedkoper.",
        ),
        Kerncijfer(
            "Besparing in procenten, na correctie",
            f.procent(agg.besparing_pct_gecorrigeerd),
            f.interval(agg.besparing_pct_gecorrigeerd_psa95),
            "Het deel van de kosten van vóór 2015 dat met het sociaal team niet nodig was.",
        ),
    ]
    if gemeente is not None:
        cijfers.append(
            Kerncijfer(
                "Verschil voor de gemeentebegroting",
                f.euro(gemeente.besparing),
                "",
                "Alleen wat de gemeente zelf betaalt (Wmo, jeugd, participatie, schuldhulp), uitkeringen meegeteld; "
                "zonder correctie.",
            )
        )
    cijfers.append(
        Kerncijfer(
            "Casussen waarin het team goedkoper was",
            f"{agg.aantal_met_besparing} van {agg.aantal_casussen}",
            "",
            "Zonder correctie geteld, casus voor casus.",
        )
    )
    return tuple(cijfers)


_BEPERKINGEN: dict[str, str] = {
    "weinig_casussen": "Het gaat om weinig casussen; de cijfers zijn een indicatie, geen meting.",
    "geen_interval": (
        "Met minder dan vijf casussen rekenen we niet met andere casussen uit dezelfde groep; het interval toont "
        "alleen de onzekerheid in tarieven en kansen."
    ),
    "dominante_casus": "Eén casus draagt meer dan de helft van de besparing; zonder die casus is het beeld anders.",
    "horizon_gemengd": (
        "De casussen beslaan verschillende perioden; vergelijk daarom de bedragen per casus per jaar, niet de sommen."
    ),
    "veel_kosten_laag_betrouwbaar": (
        "Een groot deel van de kosten rust op tarieven waarvoor geen gepubliceerd cijfer bestaat (aannames)."
    ),
}


def beperkingen(agg: Aggregaat, casus_waarschuwingen: int = 0, *, alle_aselect: bool = False) -> tuple[str, ...]:
    """'Wat deze cijfers beperkt' in gewone zinnen, zonder codes of bestandsnamen; elke soort één keer.

    `alle_aselect`: elke casus zegt `selectie: aselect`; dan vervalt de zin dat de teams de casussen kozen.
    """
    zinnen = []
    gezien: set[str] = set()
    for w in agg.waarschuwingen:
        zin = _BEPERKINGEN.get(w.code)
        if zin is not None and w.code not in gezien:
            gezien.add(w.code)
            zinnen.append(zin)
    if not alle_aselect:
        zinnen.append(
            "De casussen zijn niet aselect getrokken (of dat staat er niet bij); of ze typisch zijn voor alle "
            "huishoudens die het team helpt, is niet gemeten."
        )
    if casus_waarschuwingen:
        zinnen.append(
            f"Bij de casussen zelf staan {casus_waarschuwingen} opmerkingen over de onderbouwing; zie de bijlage."
        )
    return tuple(zinnen)
