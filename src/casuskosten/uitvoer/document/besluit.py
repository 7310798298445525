"""'Wat betekent dit voor uw besluit?': gewone zinnen die uit het antwoord volgen volgens vaste, genoemde regels.

Geen vrije tekst: elke regel is een `Besluitregel` met een naam, haar drempel en de voorwaarde in woorden (de tabel in
de README noemt ze alle, voorwaarde -> zin). `besluitzinnen` loopt de regels in volgorde af; een regel die niets te
zeggen heeft, geeft None. Hier wordt niets berekend: alleen cijfers uit het `Aggregaat` met een drempel vergeleken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ... import formaat as f
from ...benamingen import financiernaam
from ...rekenen.kernboodschap import casussen_tekst
from ...rekenen.waarden import MIN_CASUSSEN_ANTWOORD, Aggregaat
from .gedeeld import gevoeligheidsnaam

#: vanaf deze kans op een besparing laten de casussen een besparing overtuigend zien
KANS_OVERTUIGEND = 0.80
#: tot en met deze kans wijzen de casussen eerder op meerkosten
KANS_MEERKOSTEN = 0.20
#: onder dit aantal casussen is het antwoord een eerste indicatie
WEINIG_CASUSSEN = 10
#: onder deze waarde van volledige kennis (EVPI, euro per huishouden per jaar) verandert onderzoek de keuze nauwelijks
EVPI_NAUWELIJKS = 1.0

#: welk onderzoek een bron van onzekerheid wegneemt, in de woorden van "beter onderzoek naar ..."
ONDERZOEK_NAAR = {
    "steekproef": "meer casussen, willekeurig gekozen uit alle huishoudens die het team helpt",
    "tarieven": "de tarieven (gepubliceerde prijzen in plaats van aannames)",
    "kansen": "hoe de casussen vóór 2015 zouden zijn gelopen (de kansen in dat traject)",
}


@dataclass(frozen=True)
class Feiten:
    """Wat de regels lezen: het aggregaat van de gemeente en of elke casus aselect gekozen is."""

    agg: Aggregaat
    alle_aselect: bool


@dataclass(frozen=True)
class Besluitregel:
    """Eén regel: haar naam, de voorwaarde in woorden (voor de README) en de functie die de zin geeft (of None)."""

    naam: str
    voorwaarde: str
    zin: Callable[[Feiten], str | None]


def _overtuigend(feit: Feiten) -> str | None:
    kans = feit.agg.antwoord.kans_besparing
    if kans is None:
        return (
            f"Met minder dan {MIN_CASUSSEN_ANTWOORD} casussen is er geen uitspraak over de gemeente mogelijk; "
            "laat meer casussen beschrijven voordat u op deze cijfers een besluit neemt."
        )
    if kans >= KANS_OVERTUIGEND:
        return (
            f"De casussen laten een besparing overtuigend zien: de kans erop is {f.kans(kans)} "
            f"({f.kans(KANS_OVERTUIGEND)} of meer)."
        )
    if kans <= KANS_MEERKOSTEN:
        return (
            f"De casussen wijzen eerder op meerkosten dan op een besparing: de kans op een besparing is maar "
            f"{f.kans(kans)}."
        )
    return (
        f"De casussen laten een besparing niet overtuigend zien: de kans erop is {f.kans(kans)}, minder dan "
        f"{f.kans(KANS_OVERTUIGEND)}."
    )


def _onderzoek(feit: Feiten) -> str | None:
    a = feit.agg.antwoord
    if a.bronnen is None or a.evpi is None:
        return None
    if a.evpi < EVPI_NAUWELIJKS:
        return (
            "Meer onderzoek verandert de keuze nauwelijks: ook volledige kennis is minder dan "
            f"{f.euro(EVPI_NAUWELIJKS)} per huishouden per jaar waard."
        )
    bronnen = a.bronnen
    # bij gelijke EVPPI de vaste volgorde van de bronnen, zodat de zin niet van toeval afhangt
    beste = max(ONDERZOEK_NAAR, key=lambda b: bronnen[b].evppi or 0.0)
    waarde = bronnen[beste].evppi or 0.0
    return (
        f"Het meeste is te winnen met beter onderzoek naar {ONDERZOEK_NAAR[beste]}: tot {f.euro(waarde)} per "
        "huishouden per jaar."
    )


def _aanname(feit: Feiten) -> str | None:
    balken = [v for v in feit.agg.gevoeligheid if v.laag is not None and v.hoog is not None]
    if not balken:
        return None
    grootste = max(balken, key=lambda v: v.spreiding)
    laag, hoog = sorted((grootste.laag or 0.0, grootste.hoog or 0.0))
    naam = gevoeligheidsnaam(grootste.parameter, grootste.omschrijving)
    if laag < 0 < hoog:
        return (
            f"De uitkomst hangt af van één aanname, '{naam}': tussen de lage en de hoge instelling gaat het van "
            f"{f.euro(laag)} naar {f.euro(hoog)} per huishouden per jaar, dus van meerkosten naar een besparing."
        )
    return (
        f"Geen enkele aanname keert de uitkomst apart om; de invloedrijkste, '{naam}', geeft {f.euro(laag)} tot "
        f"{f.euro(hoog)} per huishouden per jaar."
    )


def _aantal(feit: Feiten) -> str | None:
    n = feit.agg.aantal_casussen
    if n < MIN_CASUSSEN_ANTWOORD or n >= WEINIG_CASUSSEN:
        return None
    return (
        f"Het antwoord rust op {casussen_tekst(n)}: een eerste indicatie. Met {WEINIG_CASUSSEN} of meer casussen "
        "wordt het steviger."
    )


def _selectie(feit: Feiten) -> str | None:
    if feit.alle_aselect:
        return None
    return (
        "Laat volgende casussen willekeurig kiezen: nu kozen de teams ze zelf (of het staat er niet bij), dus geldt "
        "de uitkomst voor deze casussen en niet zonder meer voor alle huishoudens die het team helpt."
    )


#: vrijwillige inzet is tijd, geen budget: zij "investeert" niet in de zin van een afspraak tussen financiers
_GEEN_BUDGET = frozenset({"vrijwillig"})


def _wie(feit: Feiten) -> str | None:
    fin = [x for x in feit.agg.per_financier if x.financier not in _GEEN_BUDGET]
    investeert = [x for x in fin if x.rol == "investeert"]
    bespaart = [x for x in fin if x.rol == "bespaart"]
    if not bespaart:
        return None
    meest = max(bespaart, key=lambda x: x.besparing_gecorrigeerd)
    winst = f"de grootste besparing is voor {financiernaam(meest.financier)} ({f.euro(meest.besparing_gecorrigeerd)})"
    if not investeert:
        return f"Geen financier investeert per saldo; {winst}, in de casussen samen na correctie."
    inleg = min(investeert, key=lambda x: x.besparing_gecorrigeerd)
    binnen = inleg.financier.startswith("gemeente_") and meest.financier.startswith("gemeente_")
    tussen = "de budgetten van de gemeente" if binnen else "de financiers"
    return (
        f"{financiernaam(inleg.financier)} investeert het meest ({f.euro(-inleg.besparing_gecorrigeerd)}) en {winst}, "
        f"in de casussen samen na correctie: de besparing valt ergens anders dan de investering, en dat vraagt "
        f"afspraken tussen {tussen}."
    )


#: de regels, in de volgorde waarin hun zinnen staan
REGELS: tuple[Besluitregel, ...] = (
    Besluitregel(
        "overtuigend",
        f"kans op een besparing >= {f.kans(KANS_OVERTUIGEND)}, tussen {f.kans(KANS_MEERKOSTEN)} en "
        f"{f.kans(KANS_OVERTUIGEND)}, <= {f.kans(KANS_MEERKOSTEN)}, of geen kans (minder dan {MIN_CASUSSEN_ANTWOORD} "
        "casussen)",
        _overtuigend,
    ),
    Besluitregel(
        "onderzoek",
        f"de bron met de hoogste EVPPI; bij een EVPI onder {f.euro(EVPI_NAUWELIJKS)} per huishouden per jaar: "
        "onderzoek verandert weinig",
        _onderzoek,
    ),
    Besluitregel(
        "aanname",
        "de langste balk van het tornadodiagram: gaat die van onder nul naar boven nul, of niet",
        _aanname,
    ),
    Besluitregel(
        "weinig_casussen",
        f"{MIN_CASUSSEN_ANTWOORD} tot {WEINIG_CASUSSEN - 1} casussen",
        _aantal,
    ),
    Besluitregel("selectie", "niet elke casus zegt `selectie: aselect`", _selectie),
    Besluitregel(
        "wie_investeert",
        "na correctie een financier die bespaart (vrijwillige inzet niet meegeteld): de grootste, en de grootste die "
        "investeert als die er is; beide een budget van de gemeente, of niet",
        _wie,
    ),
)


def besluitzinnen(agg: Aggregaat, *, alle_aselect: bool) -> tuple[str, ...]:
    """De zinnen van 'Wat betekent dit voor uw besluit?', één per regel die iets te zeggen heeft, in de volgorde
    van `REGELS`."""
    feit = Feiten(agg, alle_aselect)
    return tuple(zin for regel in REGELS if (zin := regel.zin(feit)) is not None)
