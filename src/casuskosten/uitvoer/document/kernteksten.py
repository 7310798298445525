"""Pagina 1 van het gemeenterapport in gewone woorden: de samenvatting, de kerncijfers met wat ze betekenen, wat de
cijfers beperkt en de leeswijzer. Voor een raadslid: geen codes, geen bestandsnamen."""

from __future__ import annotations

from dataclasses import dataclass

from ... import formaat as f
from ...rekenen.kernboodschap import casussen_tekst
from ...rekenen.waarden import Aggregaat
from .gedeeld import euro_interval


@dataclass(frozen=True)
class Kerncijfer:
    """Eén kerncijfer op pagina 1: naam, waarde, interval en in één gewone zin wat het betekent."""

    naam: str
    waarde: str
    interval: str
    uitleg: str


def leeswijzer(iteraties: int, aantal_casussen: int) -> tuple[str, ...]:
    """De leeswijzer op pagina 1: wat een casus, de correctie en een interval zijn, in gewone woorden."""
    casus = (
        "Een casus beschrijft één huishouden: wat het sociaal team deed, en hoe het vóór 2015 waarschijnlijk was "
        "gegaan. Beide trajecten zijn met dezelfde tarieven in euro's omgerekend, per huishouden per jaar."
    )
    correctie = (
        "Hoe het vóór 2015 zou zijn gegaan, is een inschatting. Daarom verlagen we de kosten die het sociaal team "
        "vermeed naar hoe zeker die inschatting is (de correctie): weinig zeker, dan tellen ze minder mee."
    )
    interval = (
        f"Een interval geeft aan hoe ver het cijfer ernaast kan zitten. We hebben dezelfde casussen "
        f"{f.getal(iteraties, 0)} keer opnieuw doorgerekend met andere tarieven en kansen, en meegenomen dat het maar "
        f"{casussen_tekst(aantal_casussen)} zijn; 95 van de 100 uitkomsten liggen binnen het interval. De kans op een "
        "besparing is het deel van die uitkomsten waarin het sociaal team goedkoper was."
    )
    return (casus, correctie, interval)


def samenvatting(agg: Aggregaat) -> tuple[str, ...]:
    """De uitkomst in gewone woorden: eerst het antwoord per huishouden per jaar, dan de ondersteunende cijfers uit de
    sommen (zonder kans ernaast: die hoort bij het antwoord)."""
    n = agg.aantal_casussen
    a = agg.antwoord
    zinnen = [
        (
            f"In {agg.aantal_met_besparing} van de {casussen_tekst(n)} was de aanpak van het sociaal team goedkoper "
            "dan de aanpak van vóór 2015."
        )
    ]
    bedrag = f.euro(abs(a.schatting))
    antwoord = (
        f"Per huishouden per jaar bespaarde het sociaal team na correctie gemiddeld {bedrag}"
        if a.schatting >= 0
        else f"Per huishouden per jaar kostte het sociaal team na correctie gemiddeld {bedrag} meer"
    )
    if a.interval95 is not None:
        antwoord += f" (95%-interval {f.euro(a.interval95[0])} tot {f.euro(a.interval95[1])})"
    zinnen.append(antwoord + ".")
    zin = "Ondersteunend, uit de sommen: samen kostten de casussen met het sociaal team " + (
        f"{f.euro(agg.besparing)} minder" if agg.besparing >= 0 else f"{f.euro(-agg.besparing)} méér"
    )
    if agg.besparing_pct is not None:
        if agg.besparing_pct >= 0:
            zin += f", {f.procent(agg.besparing_pct)} van de kosten van vóór 2015"
        else:
            zin += f", {f.procent(-agg.besparing_pct)} meer dan de kosten van vóór 2015"
        if agg.besparing_pct_ci95 is not None:
            laag, hoog = agg.besparing_pct_ci95
            zin += f" (bootstrapinterval {f.procent(laag)} tot {f.procent(hoog)})"
    zinnen.append(
        zin + ". In die som telt een casus die langer liep zwaarder; daarom gaat het antwoord over het bedrag per "
        "huishouden per jaar."
    )
    if agg.besparing_pct_gemiddeld is not None and agg.besparing_pct_mediaan is not None:
        zinnen.append(
            f"Per casus was de besparing gemiddeld {f.procent(agg.besparing_pct_gemiddeld)} van de kosten van vóór "
            f"2015; de middelste casus (mediaan) bespaarde {f.procent(agg.besparing_pct_mediaan)}."
        )
    return tuple(zinnen)


def _perspectiefcijfer(agg: Aggregaat, perspectief: str, naam: str, uitleg: str) -> Kerncijfer:
    cijfer = agg.antwoord.per_perspectief[perspectief]
    kans = f" Kans op een besparing: {f.kans(cijfer.kans_besparing)}." if cijfer.kans_besparing is not None else ""
    return Kerncijfer(naam, f.euro(cijfer.schatting), euro_interval(cijfer.interval95), uitleg + kans)


def kerncijfers(agg: Aggregaat, iteraties: int) -> tuple[Kerncijfer, ...]:
    """Hooguit vijf kerncijfers voor pagina 1, elk met één gewone zin over wat het betekent; alle over hetzelfde: de
    besparing per huishouden per jaar na correctie."""
    a = agg.antwoord
    weinig = a.kans_besparing is None
    return (
        Kerncijfer(
            "Besparing per huishouden per jaar, na correctie",
            f.euro(a.schatting),
            euro_interval(a.interval95),
            "Wat het sociaal team gemiddeld per huishouden per jaar minder kostte (negatief: meer kostte), voor de "
            "hele samenleving.",
        ),
        Kerncijfer(
            "Kans op een besparing",
            f.kans(a.kans_besparing),
            "",
            "Te weinig casussen voor een kans."
            if weinig
            else f"In zoveel van de {f.getal(iteraties, 0)} doorrekeningen (andere tarieven en kansen, en meegenomen "
            "dat het maar een handvol casussen is) was die besparing groter dan nul.",
        ),
        _perspectiefcijfer(
            agg,
            "collectief",
            "Voor de overheid en de zorgverzekeraars, per huishouden per jaar",
            "Alleen wat collectief betaald wordt (gemeente, zorgverzekeraar, Wlz, Rijk, politie en justitie), na "
            "correctie.",
        ),
        _perspectiefcijfer(
            agg,
            "gemeente",
            "Voor de gemeentebegroting, per huishouden per jaar, na correctie",
            "Alleen wat de gemeente zelf betaalt (Wmo, jeugd, participatie, schuldhulp), uitkeringen meegeteld.",
        ),
        Kerncijfer(
            "Casussen waarin het team goedkoper was",
            f"{agg.aantal_met_besparing} van {agg.aantal_casussen}",
            "",
            "Zonder correctie geteld, casus voor casus.",
        ),
    )


_BRONZINNEN = {
    "steekproef": "meer willekeurig gekozen casussen",
    "tarieven": "betere tarieven (gepubliceerde prijzen in plaats van aannames)",
    "kansen": "een betere onderbouwing van de kansen in het traject van vóór 2015",
}


_MEESTE_WAARD = {
    "steekproef": "Meer willekeurig gekozen casussen zijn het meeste waard",
    "tarieven": "Betere tarieven (gepubliceerde prijzen in plaats van aannames) zijn het meeste waard",
    "kansen": "Een betere onderbouwing van de kansen in het traject van vóór 2015 is het meeste waard",
}


def onderzoekszin(agg: Aggregaat) -> str | None:
    """In één gewone zin welk onderzoek het antwoord het meest zou veranderen (uit de EVPPI per bron), en wat
    nauwelijks; None onder 3 casussen."""
    a = agg.antwoord
    if a.bronnen is None or a.evpi is None:
        return None
    if a.evpi < 1:
        return (
            "Meer onderzoek verandert de keuze nauwelijks: ook met volledige kennis is de verwachte winst minder "
            "dan € 1 per huishouden per jaar."
        )
    bronnen = a.bronnen
    volgorde = sorted(bronnen, key=lambda b: -(bronnen[b].evppi or 0.0))
    beste = volgorde[0]
    weinig = [b for b in volgorde[1:] if (bronnen[b].aandeel_variantie or 0.0) < 0.1]
    zin = _MEESTE_WAARD[beste] + f" (tot {f.euro(bronnen[beste].evppi or 0.0)} per huishouden per jaar)"
    if weinig:
        zin += "; " + " en ".join(_BRONZINNEN[b] for b in weinig) + " veranderen de uitkomst nauwelijks"
    return zin + "."


_BEPERKINGEN: dict[str, str] = {
    "weinig_casussen": "Het gaat om weinig casussen; de cijfers zijn een indicatie, geen meting.",
    "geen_interval": (
        "Met minder dan vijf casussen is er geen bootstrapinterval voor de ondersteunende cijfers uit de sommen."
    ),
    "dominante_casus": "Eén casus draagt meer dan de helft van de besparing; zonder die casus is het beeld anders.",
    "horizon_gemengd": (
        "De casussen beslaan verschillende perioden; vergelijk daarom de bedragen per huishouden per jaar, niet de "
        "sommen."
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
    if agg.antwoord.kans_besparing is None:
        zinnen.append(
            "Met minder dan drie casussen is er geen uitspraak over de gemeente: geen interval en geen kans, alleen "
            "wat deze casussen laten zien."
        )
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
            f"Bij de casussen zelf {'staat' if casus_waarschuwingen == 1 else 'staan'} "
            f"{f.aantal(casus_waarschuwingen, 'opmerking', 'opmerkingen')} over de onderbouwing; zie de bijlage."
        )
    return tuple(zinnen)
