"""Wat in een rapport staat, gelezen uit het `Resultaat`: de casussen met hun teksten, de zinnen en de grafieken.

HTML (`rapport_html`) en PDF (`rapport_pdf`) tonen allebei deze objecten; zo staat elke zin en elke grafiek op één
plek. Hier wordt niets berekend: alleen gekozen, gesorteerd en in woorden gezet.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import pandas as pd
from reportlab.graphics.shapes import Drawing

from .. import formaat as f
from ..fouten import InstellingenFout, Melding, Waarschuwing
from ..invoer.casussen import CasusBestand, Overgeslagen
from ..invoer.instellingen import Huisstijl, lees_logo
from ..invoer.modellen import DOELEN, TRAJECTEN
from ..rekenen.kernboodschap import heel_procent
from ..rekenen.resultaat import Aggregaat, Resultaat
from . import grafieken

TRAJECTNAMEN = {"voor_2015": "Vóór 2015", "sociaal_team": "Sociaal team"}
DOELNAMEN = {
    "voorkomen_zwaardere_zorg": "Zwaardere zorg voorkomen",
    "integrale_aanpak": "Integrale aanpak",
    "preventie_escalatie": "Escalatie voorkomen",
    "betere_ondersteuning": "Betere ondersteuning",
    "zelfredzaamheid": "Zelfredzaamheid vergroot",
}
PER_WOORD = {
    "dag": "per dag",
    "week": "per week",
    "2 weken": "per 2 weken",
    "maand": "per maand",
    "kwartaal": "per kwartaal",
    "jaar": "per jaar",
}


@dataclass(frozen=True)
class Grafiek:
    """Een tekening met haar tekstalternatief, voor `<figure>` in HTML en een onderschrift in PDF."""

    sleutel: str
    titel: str
    beschrijving: str
    tekening: Drawing


@dataclass(frozen=True)
class Regel:
    """Eén beprijsde inzetregel zoals hij in een rapport staat (al in Nederlandse notatie)."""

    omschrijving: str
    tarief: str
    hoeveel: str
    eenheid: str
    prijs: str
    kosten: str
    financier: str
    toelichting: str | None


@dataclass(frozen=True)
class CasusWeergave:
    """Eén casus met haar teksten, cijfers, regels per traject, waarschuwingen en grafiek."""

    bestand: CasusBestand
    cijfers: dict[str, Any]
    regels: dict[str, tuple[Regel, ...]]
    waarschuwingen: tuple[Waarschuwing, ...]
    grafiek: Grafiek

    @property
    def id(self) -> str:
        """Het id van de casus."""
        return self.bestand.casus.id

    @property
    def anker(self) -> str:
        """Het HTML-anker van de casus: `casus-RTD-01`."""
        return f"casus-{_sleutel(self.id)}"


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
        "opnieuw uitgerekend met andere casussen uit dezelfde groep, andere tarieven en andere kansen; 95 van de 100 "
        "uitkomsten liggen binnen het interval."
    )
    return (casus, correctie, interval)


@dataclass(frozen=True)
class Begroting:
    """De sectie 'Wat betekent dit voor de begroting?': de opschaling naar de caseload van de gemeente.

    Zonder [opschaling] alleen `niet_opgeschaald` (één regel); anders de tabellen en de grafiek.
    """

    titel: str
    niet_opgeschaald: str | None = None
    inleiding: tuple[str, ...] = ()
    kern: tuple[tuple[str, str, str], ...] = ()  # (cijfer, waarde, 95%-interval)
    financiers: tuple[tuple[str, str, str], ...] = ()  # (financier, besparing per jaar, rol)
    grafiek: Grafiek | None = None
    representativiteit: tuple[tuple[str, str, str, str], ...] = ()  # (zwaarte, casussen, aandeel, caseload)
    formatie: tuple[tuple[str, str], ...] = ()
    kanttekeningen: tuple[str, ...] = ()


#: wat de opgeschaalde cijfers niet betekenen; staat bij elke opschaling
_NIET_BEDOELD: tuple[str, ...] = (
    (
        "Wat deze cijfers niet zeggen: de casussen zijn gekozen, niet getrokken; opschalen neemt aan dat ze typisch "
        "zijn voor alle huishoudens. Effecten op gedrag, wachtlijsten of de instroom zijn niet meegerekend, en een "
        "besparing op papier bewijst niet dat het sociaal team haar veroorzaakte."
    ),
    (
        "Per financier staan de bedragen zonder zekerheidscorrectie en met overdrachten (zoals bijstand), zoals in de "
        "tabel 'Wie investeert, wie bespaart'."
    ),
)
BEGROTING_TITEL = "Wat betekent dit voor de begroting?"
NIET_OPGESCHAALD = "Niet opgeschaald: geen [opschaling] voor deze gemeente in casuskosten.toml."


def begroting(agg: Aggregaat, kleur: str) -> Begroting:
    """De begrotingssectie van één gemeente, uit `agg.opschaling`."""
    o = agg.opschaling
    if o is None:
        return Begroting(BEGROTING_TITEL, niet_opgeschaald=NIET_OPGESCHAALD)
    weging = (
        "gewogen naar de verdeling van de caseload over enkelvoudig, meervoudig en complex (poststratificatie)"
        if o.weging == "verdeling"
        else "als gewoon gemiddelde over de casussen (niet gewogen naar zwaarte)"
    )
    gewogen = (
        f"De teams ondersteunen per jaar {f.getal(o.casussen_per_jaar, 0)} huishoudens. Als de casussen typisch zijn "
        "voor die huishoudens, bespaart de aanpak van het sociaal team per jaar "
        f"{f.euro(o.besparing_per_jaar_gecorrigeerd)} na correctie "
        f"{euro_interval(o.besparing_per_jaar_gecorrigeerd_psa95)}: het aantal huishoudens maal de besparing per "
        f"casus per jaar, {weging}."
    )
    inleiding = (
        gewogen,
        f"De kans dat de aanpak op deze schaal goedkoper is: {heel_procent(o.kans_besparing_gecorrigeerd)}.",
    )
    kern = (
        ("Huishoudens per jaar", f.getal(o.casussen_per_jaar, 0), ""),
        ("Besparing per casus per jaar, na correctie", f.euro(o.besparing_per_casus_per_jaar_gecorrigeerd), ""),
        (
            "Besparing per jaar, na correctie",
            f.euro(o.besparing_per_jaar_gecorrigeerd),
            euro_interval(o.besparing_per_jaar_gecorrigeerd_psa95),
        ),
        (
            "Besparing per jaar, zonder correctie",
            f.euro(o.besparing_per_jaar),
            euro_interval(o.besparing_per_jaar_psa95),
        ),
        ("Kans dat het sociaal team goedkoper is", heel_procent(o.kans_besparing_gecorrigeerd), ""),
    )
    financiers = tuple(
        (fin.financier.replace("_", " "), f.euro(fin.besparing_per_jaar), fin.rol) for fin in o.per_financier_per_jaar
    )
    beschrijving = "; ".join(f"{naam} {bedrag} ({rol})" for naam, bedrag, rol in financiers)
    grafiek = Grafiek(
        "begroting-financiers",
        "Besparing per financier per jaar, op de schaal van de caseload",
        f"Per financier de besparing per jaar (rechts: bespaart, links: investeert): {beschrijving}.",
        grafieken.per_financier_per_jaar(
            [fin.financier for fin in o.per_financier_per_jaar],
            [fin.besparing_per_jaar for fin in o.per_financier_per_jaar],
            kleur,
        ),
    )
    representatief = tuple(
        (
            r.zwaarte,
            str(r.casussen),
            f.aandeel(r.aandeel_casussen),
            f.aandeel(r.aandeel_caseload) if r.aandeel_caseload is not None else "–",
        )
        for r in o.representativiteit
    )
    formatie = [
        ("Teamuren per casus per jaar", f.getal(o.teamuren_per_casus_per_jaar, 1)),
        ("Productieve uren per fte per jaar", f.getal(o.productieve_uren_per_fte, 0)),
        ("Benodigde formatie (fte)", f.getal(o.benodigde_fte, 1)),
    ]
    if o.fte is not None and o.fte_verschil is not None:
        formatie += [
            ("Huidige formatie (fte)", f.getal(o.fte, 1)),
            ("Verschil (benodigd − huidig)", f.getal(o.fte_verschil, 1)),
        ]
    kanttekeningen = (*(w.melding for w in o.waarschuwingen), *_NIET_BEDOELD)
    return Begroting(
        BEGROTING_TITEL,
        inleiding=inleiding,
        kern=kern,
        financiers=financiers,
        grafiek=grafiek,
        representativiteit=representatief,
        formatie=tuple(formatie),
        kanttekeningen=kanttekeningen,
    )


@dataclass(frozen=True)
class GemeenteRapport:
    """Alles wat in het rapport van één gemeente staat."""

    resultaat: Resultaat
    cijfers: Aggregaat
    datum: dt.date
    huisstijl: Huisstijl
    casussen: tuple[CasusWeergave, ...]
    samenvatting: tuple[str, ...]
    grafieken: dict[str, tuple[Grafiek, ...]] = field(default_factory=dict)
    kerncijfers: tuple[Kerncijfer, ...] = ()
    beperkingen: tuple[str, ...] = ()
    leeswijzer: tuple[str, ...] = ()
    tarieven: tuple[dict[str, Any], ...] = ()
    invoerbestanden: tuple[tuple[str, str], ...] = ()
    #: de weggelaten casussen van deze gemeente (en die waarvan de gemeente onleesbaar was)
    overgeslagen: tuple[Overgeslagen, ...] = ()
    #: 'Wat betekent dit voor de begroting?' (de opschaling, of één regel dat er niet opgeschaald is)
    begroting: Begroting | None = None

    @property
    def titel(self) -> str:
        """De titel van het rapport."""
        return f"Maatschappelijke businesscase sociaal team {self.cijfers.gemeente}"


@dataclass(frozen=True)
class Casusboek:
    """Het rapport van één of meer losse casussen."""

    resultaat: Resultaat
    datum: dt.date
    huisstijl: Huisstijl
    casussen: tuple[CasusWeergave, ...]
    tarieven: tuple[dict[str, Any], ...] = ()
    invoerbestanden: tuple[tuple[str, str], ...] = ()
    overgeslagen: tuple[Overgeslagen, ...] = ()

    @property
    def titel(self) -> str:
        """De titel: de casus zelf, of 'Casusboek' bij meerdere."""
        if len(self.casussen) == 1:
            c = self.casussen[0].bestand.casus
            return f"Casus {c.id} ({c.gemeente})"
        return f"Casusboek: {len(self.casussen)} casussen"


@dataclass(frozen=True)
class Vergelijking:
    """Alle gemeenten naast elkaar."""

    resultaat: Resultaat
    datum: dt.date
    huisstijl: Huisstijl
    grafiek: Grafiek

    @property
    def kernboodschap(self) -> str:
        """De kernboodschap van alle gemeenten samen."""
        return self.resultaat.totaal.kernboodschap


def logo_inhoud(huisstijl: Huisstijl) -> tuple[str, bytes] | None:
    """MIME-type en inhoud van het logo van de huisstijl, opnieuw op inhoud gecontroleerd (alleen PNG of JPEG);
    `InstellingenFout` als het geen (leesbare) afbeelding meer is."""
    if not huisstijl.logo:
        return None
    try:
        return lees_logo(Path(huisstijl.logo))
    except ValueError as fout:
        raise InstellingenFout([Melding(None, None, "huisstijl.logo", str(fout))]) from None


def versie() -> str:
    """De versie van casuskosten, voor de verantwoording."""
    try:
        return metadata.version("casuskosten")
    except metadata.PackageNotFoundError:  # pragma: no cover - alleen zonder installatie
        return "0.0.0"


def periode(agg: Aggregaat) -> str:
    """De periode die de casussen beslaan: `12 oktober 2015 – 14 maart 2016`."""
    van, tot = agg.periode
    return f.datum(van) if van == tot else f"{f.datum(van)} – {f.datum(tot)}"


def doelnaam(doel: str) -> str:
    """De leesbare naam van een doel."""
    return DOELNAMEN.get(doel, doel.replace("_", " "))


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


def euro_interval(interval: tuple[float, float] | None) -> str:
    return "–" if interval is None else f"[{f.euro(interval[0])} – {f.euro(interval[1])}]"


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
            heel_procent(agg.kans_besparing_gecorrigeerd),
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
                "Alleen wat de gemeente zelf betaalt (Wmo, jeugd, participatie, schuldhulp), uitkeringen meegeteld.",
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


def beperkingen(agg: Aggregaat, casus_waarschuwingen: int = 0) -> tuple[str, ...]:
    """'Wat deze cijfers beperkt' in gewone zinnen, zonder codes of bestandsnamen; elke soort één keer."""
    zinnen = []
    gezien: set[str] = set()
    for w in agg.waarschuwingen:
        zin = _BEPERKINGEN.get(w.code)
        if zin is not None and w.code not in gezien:
            gezien.add(w.code)
            zinnen.append(zin)
    zinnen.append(
        "De casussen zijn door de teams zelf gekozen; of ze typisch zijn voor alle huishoudens die het team helpt, "
        "is niet gemeten."
    )
    if casus_waarschuwingen:
        zinnen.append(
            f"Bij de casussen zelf staan {casus_waarschuwingen} opmerkingen over de onderbouwing; zie de bijlage."
        )
    return tuple(zinnen)


def _regels(deel: pd.DataFrame, cb: CasusBestand) -> dict[str, tuple[Regel, ...]]:
    """De beprijsde regels van één casus (`deel`), per traject, als rapportregels."""
    uit: dict[str, tuple[Regel, ...]] = {}
    for traject in TRAJECTEN:
        inzet = getattr(cb.casus.trajecten, traject).inzet
        rijen = cast("list[dict[str, Any]]", deel[deel["traject"] == traject].sort_values("nr").to_dict("records"))
        uit[traject] = tuple(_regel(rij, inzet[int(rij["nr"])].toelichting) for rij in rijen)
    return uit


def _regel(rij: dict[str, Any], toelichting: str | None) -> Regel:
    per = rij["per"] if isinstance(rij["per"], str) else None
    hoeveel = f.getal(rij["aantal"])
    if per is not None:
        hoeveel += f" {PER_WOORD.get(per, per)}, {f.getal(rij['aantal_keer'])} keer"
    if rij["kans"] < 1:
        hoeveel += f", kans {f.aandeel(rij['kans'])}"
    return Regel(
        omschrijving=str(rij["omschrijving"]),
        tarief=str(rij["tarief"]),
        hoeveel=hoeveel,
        eenheid=str(rij["eenheid"]),
        prijs=f.euro(rij["prijs"], 2),
        kosten=f.euro(rij["kosten"], 2),
        financier=str(rij["financier"]).replace("_", " "),
        toelichting=toelichting,
    )


def casusweergaven(resultaat: Resultaat, ids: list[str] | None = None) -> tuple[CasusWeergave, ...]:
    """De casussen (alle, of `ids` in die volgorde) met teksten, regels, waarschuwingen en grafiek."""
    kleur = resultaat.instellingen.huisstijl.kleur
    rijen = cast("dict[str, dict[str, Any]]", resultaat.casussen.set_index("id").to_dict("index"))
    gekozen = ids if ids is not None else [str(i) for i in resultaat.casussen["id"]]
    # één keer splitsen in plaats van per casus alle regels te doorzoeken (een casusboek van 1.000 casussen)
    per_casus = dict(tuple(resultaat.regels.groupby("casus", sort=False)))
    leeg = resultaat.regels.iloc[0:0]
    uit = []
    for casus_id in gekozen:
        cb = resultaat.casusbestand(casus_id)
        rij = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rijen[casus_id].items()}
        uit.append(
            CasusWeergave(
                bestand=cb,
                cijfers=rij,
                regels=_regels(per_casus.get(casus_id, leeg), cb),
                waarschuwingen=resultaat.casus_waarschuwingen.get(casus_id, ()),
                grafiek=Grafiek(
                    f"grafiek-casus-{_sleutel(casus_id)}",
                    f"Kosten van beide trajecten, casus {casus_id}",
                    f"Vóór 2015 {f.euro(rij['kosten_voor_2015'])}, sociaal team {f.euro(rij['kosten_sociaal_team'])}.",
                    grafieken.casus(
                        float(rijen[casus_id]["kosten_voor_2015"]), float(rijen[casus_id]["kosten_sociaal_team"]), kleur
                    ),
                ),
            )
        )
    return tuple(uit)


def _sleutel(tekst: str) -> str:
    """Een veilige id voor HTML uit een casus-id (letters, cijfers, . _ -)."""
    return "".join(t if t.isalnum() or t in "-_" else "-" for t in tekst)


def _tarieven(resultaat: Resultaat, gemeente: str | None) -> tuple[dict[str, Any], ...]:
    return tuple(cast("list[dict[str, Any]]", resultaat.gebruikte_tarieven(gemeente).to_dict("records")))


def _invoerbestanden(resultaat: Resultaat, casussen: tuple[CasusWeergave, ...]) -> tuple[tuple[str, str], ...]:
    """De casusbestanden van het rapport en alle tariefbestanden, elk met SHA-256."""
    return (*((c.bestand.bestand, c.bestand.document.sha256) for c in casussen), *resultaat.tariefbestanden)


def gemeenterapport(resultaat: Resultaat, gemeente: str, datum: dt.date) -> GemeenteRapport:
    """Het rapport van één gemeente; `KeyError` als de gemeente geen casussen heeft."""
    agg = resultaat.gemeente(gemeente)
    naam = agg.gemeente or gemeente
    kleur = resultaat.instellingen.huisstijl.kleur
    tabel = resultaat.casussen[resultaat.casussen["gemeente"] == naam].sort_values("id")
    ids = [str(i) for i in tabel["id"]]
    trajecten = grafieken.trajecten_per_casus(
        ids,
        tabel["kosten_voor_2015"].tolist(),
        tabel["kosten_sociaal_team"].tolist(),
        tabel["besparing"].tolist(),
        kleur,
    )
    delen = len(trajecten)
    grafiek_trajecten = tuple(
        Grafiek(
            f"trajecten-{i}",
            "Kosten van beide trajecten per casus" + (f" (deel {i + 1} van {delen})" if delen > 1 else ""),
            "Liggende staven per casus, gesorteerd op besparing (grootste eerst): grijs de kosten vóór 2015, in kleur "
            "de kosten met het sociaal team. De bedragen staan in het overzicht van de casussen.",
            tekening,
        )
        for i, tekening in enumerate(trajecten)
    )
    financiers = "; ".join(
        f"{fin.financier.replace('_', ' ')} {fin.rol} ({f.euro(fin.besparing)})" for fin in agg.per_financier
    )
    doelen = "; ".join(
        f"{doelnaam(d.doel)}: {d.ja} ja, {d.deels} deels, {d.nee} nee, {d.onbekend} onbekend" for d in agg.doelen
    )
    gevoelig = "; ".join(f"{g.omschrijving}: {f.procent(g.laag)} tot {f.procent(g.hoog)}" for g in agg.gevoeligheid[:5])
    casussen = casusweergaven(resultaat, ids)
    return GemeenteRapport(
        resultaat=resultaat,
        cijfers=agg,
        datum=datum,
        huisstijl=resultaat.instellingen.huisstijl,
        casussen=casussen,
        samenvatting=samenvatting(agg),
        kerncijfers=kerncijfers(agg, resultaat.instellingen.psa_iteraties),
        leeswijzer=leeswijzer(resultaat.instellingen.psa_iteraties),
        beperkingen=beperkingen(agg, sum(len(c.waarschuwingen) for c in casussen)),
        tarieven=_tarieven(resultaat, naam),
        invoerbestanden=_invoerbestanden(resultaat, casussen),
        overgeslagen=tuple(
            o
            for o in resultaat.overgeslagen
            if o.gemeente is None or o.gemeente.strip().casefold() == naam.strip().casefold()
        ),
        begroting=begroting(agg, kleur),
        grafieken={
            "trajecten": grafiek_trajecten,
            "financiers": (
                Grafiek(
                    "financiers",
                    "Kosten per financier, vóór 2015 en met het sociaal team",
                    f"Wie investeert, wie bespaart: {financiers}.",
                    grafieken.per_financier(agg.per_financier, kleur),
                ),
            ),
            "doelen": (
                Grafiek(
                    "doelen",
                    "Oordeel per doel",
                    f"Per doel het aantal casussen met ja, deels, nee en onbekend: {doelen}.",
                    grafieken.doelen(agg.doelen),
                ),
            ),
            "tornado": (
                Grafiek(
                    "tornado",
                    "Gevoeligheid van het gecorrigeerde besparingspercentage",
                    f"Tornadodiagram rond {f.procent(agg.besparing_pct_gecorrigeerd)}. Grijs: de prijs x 0,75, of de "
                    "huidige aanname; in kleur: de prijs x 1,25, of de gewijzigde aanname. De grootste vijf: "
                    f"{gevoelig}.",
                    grafieken.tornado(agg.gevoeligheid, agg.besparing_pct_gecorrigeerd, kleur),
                ),
            ),
        },
    )


def casusboek(resultaat: Resultaat, datum: dt.date) -> Casusboek:
    """Het rapport van de casussen in het resultaat, in de volgorde waarin ze zijn gelezen."""
    casussen = casusweergaven(resultaat, [cb.casus.id for cb in resultaat.casusbestanden])
    return Casusboek(
        resultaat=resultaat,
        datum=datum,
        huisstijl=resultaat.instellingen.huisstijl,
        casussen=casussen,
        tarieven=_tarieven(resultaat, None),
        invoerbestanden=_invoerbestanden(resultaat, casussen),
        overgeslagen=resultaat.overgeslagen,
    )


def vergelijking(resultaat: Resultaat, datum: dt.date) -> Vergelijking:
    """Alle gemeenten naast elkaar, met de forest plot van de intervallen."""
    groepen = (*resultaat.gemeenten, resultaat.totaal)
    namen = [g.gemeente or "Alle gemeenten" for g in groepen]
    return Vergelijking(
        resultaat=resultaat,
        datum=datum,
        huisstijl=resultaat.instellingen.huisstijl,
        grafiek=Grafiek(
            "forest",
            "Besparing per gemeente na correctie, met 95%-interval",
            "Per gemeente het besparingspercentage na correctie (blokje) en het 95%-interval uit de probabilistische "
            "analyse (lijn): "
            + "; ".join(
                f"{n} {f.procent(g.besparing_pct_gecorrigeerd)} {f.interval(g.besparing_pct_gecorrigeerd_psa95)}"
                for n, g in zip(namen, groepen, strict=True)
            )
            + ".",
            grafieken.forest(
                namen,
                [g.besparing_pct_gecorrigeerd for g in groepen],
                [g.besparing_pct_gecorrigeerd_psa95 for g in groepen],
                resultaat.instellingen.huisstijl.kleur,
            ),
        ),
    )


__all__ = [
    "DOELEN",
    "Begroting",
    "CasusWeergave",
    "Casusboek",
    "GemeenteRapport",
    "Grafiek",
    "Vergelijking",
    "begroting",
    "casusboek",
    "gemeenterapport",
    "samenvatting",
    "vergelijking",
]
