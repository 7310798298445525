"""Het documentmodel: wat in een rapport staat, gelezen uit het `Resultaat`, als één bevroren `Document`.

Een document bestaat uit secties met koppen, alinea's, opsommingen, tabellen (koppen, rijen met al opgemaakte cellen,
uitlijning en breekbaarheid per kolom, voetregel, voetnoot), grafieken en kenmerken. HTML (`html.py` met de sjablonen)
en PDF (`pdf.py`) tekenen alleen dit model; zo staat elke kop, elk label en elke zin op één plek en kunnen ze tussen
HTML en PDF niet uit elkaar lopen. Namen voor de lezer komen uit `benamingen`. Hier wordt niets berekend: alleen
gekozen, gesorteerd en in woorden gezet.

Een sectie toevoegen is één bouwfunctie (`_sectie_...`) die een `Sectie` geeft, en één regel in `gemeente_document`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, cast

import pandas as pd
from reportlab.graphics.shapes import Drawing

from .. import formaat as f
from ..benamingen import (
    DOELNAMEN,
    doelnaam,
    financiernaam,
    leefgebiednaam,
    trajectnaam,
    waarschuwingstekst,
    waarschuwingstitel,
    zin,
)
from ..fouten import InstellingenFout, Melding, Waarschuwing
from ..invoer.casussen import CasusBestand, Overgeslagen
from ..invoer.instellingen import Huisstijl, lees_logo
from ..invoer.modellen import TRAJECTEN
from ..rekenen.kernboodschap import heel_procent
from ..rekenen.resultaat import Resultaat
from ..rekenen.waarden import Aggregaat
from . import grafieken

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
    #: het tekstalternatief (in HTML de <desc> van de SVG); niet gedrukt
    beschrijving: str
    tekening: Drawing
    #: wat onder de grafiek staat: één korte zin voor de lezer
    onderschrift: str = ""
    #: dezelfde grafiek in delen die elk op een pagina passen (PDF); leeg: de tekening past
    delen: tuple[Drawing, ...] = ()


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
        "opnieuw uitgerekend met andere casussen uit dezelfde gemeente (vanaf 5 casussen), andere tarieven en andere "
        "kansen; 95 van de 100 uitkomsten liggen binnen het interval."
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
        (financiernaam(fin.financier), f.euro(fin.besparing_per_jaar), fin.rol) for fin in o.per_financier_per_jaar
    )
    beschrijving = "; ".join(f"{naam} {bedrag} ({rol})" for naam, bedrag, rol in financiers)
    grafiek = Grafiek(
        "begroting-financiers",
        "Besparing per financier per jaar, op de schaal van de caseload",
        f"Per financier de besparing per jaar (rechts: bespaart, links: investeert): {beschrijving}.",
        grafieken.per_financier_per_jaar(
            [financiernaam(fin.financier) for fin in o.per_financier_per_jaar],
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
    van, tot = agg.periode.van, agg.periode.tot_en_met
    return f.datum(van) if van == tot else f"{f.datum(van)} – {f.datum(tot)}"


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
        financier=financiernaam(str(rij["financier"])),
        toelichting=toelichting,
    )


def casusweergaven(resultaat: Resultaat, ids: list[str] | None = None) -> tuple[CasusWeergave, ...]:
    """De casussen (alle, of `ids` in die volgorde) met teksten, regels, waarschuwingen en grafiek."""
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
            "Grijs: vóór 2015; in kleur: met het sociaal team. Gesorteerd op besparing, de grootste bovenaan.",
        )
        for i, tekening in enumerate(trajecten)
    )
    financiers = "; ".join(_financierzin(fin.financier, fin.rol, fin.besparing) for fin in agg.per_financier)
    doelen = "; ".join(
        f"{doelnaam(d.doel)}: {d.ja} ja, {d.deels} deels, {d.nee} nee, {d.onbekend} onbekend" for d in agg.doelen
    )
    gevoelig = "; ".join(
        f"{gevoeligheidsnaam(g.parameter, g.omschrijving)}: {f.procent(g.laag)} tot {f.procent(g.hoog)}"
        for g in agg.gevoeligheid[:5]
    )
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
        beperkingen=beperkingen(
            agg,
            sum(len(c.waarschuwingen) for c in casussen),
            alle_aselect=all(c.bestand.casus.selectie == "aselect" for c in casussen),
        ),
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
                    grafieken.per_financier(
                        agg.per_financier, kleur, [financiernaam(x.financier) for x in agg.per_financier]
                    ),
                    "Grijs: vóór 2015; in kleur: met het sociaal team.",
                ),
            ),
            "doelen": (
                Grafiek(
                    "doelen",
                    "Oordeel per doel",
                    f"Per doel het aantal casussen met ja, deels, nee en onbekend: {doelen}.",
                    grafieken.doelen(agg.doelen, [doelnaam(d.doel) for d in agg.doelen]),
                    "Per doel het aantal casussen met ja, deels, nee en onbekend.",
                ),
            ),
            "tornado": (
                Grafiek(
                    "tornado",
                    "Gevoeligheid van het gecorrigeerde besparingspercentage",
                    f"Tornadodiagram rond {f.procent(agg.besparing_pct_gecorrigeerd)}. Grijs: de lage instelling; in "
                    f"kleur: de hoge instelling. De grootste vijf: {gevoelig}.",
                    grafieken.tornado(
                        agg.gevoeligheid,
                        agg.besparing_pct_gecorrigeerd,
                        kleur,
                        [gevoeligheidsnaam(g.parameter, g.omschrijving) for g in agg.gevoeligheid],
                    ),
                    "Grijs: de lage instelling; in kleur: de hoge. De langste balken wegen het zwaarst.",
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


#: gemeenten per tekening van de forest plot in de PDF: een tekening kan niet over een pagina heen, dus 342 gemeenten
#: worden twaalf tekeningen met dezelfde as
FOREST_PER_TEKENING = 30


def vergelijking(resultaat: Resultaat, datum: dt.date) -> Vergelijking:
    """Alle gemeenten naast elkaar, met de forest plot van de intervallen."""
    groepen = (*resultaat.gemeenten, resultaat.totaal)
    namen = [g.gemeente or "Alle gemeenten" for g in groepen]
    schattingen = [g.besparing_pct_gecorrigeerd for g in groepen]
    intervallen = [g.besparing_pct_gecorrigeerd_psa95 for g in groepen]
    kleur = resultaat.instellingen.huisstijl.kleur
    delen: tuple[Drawing, ...] = ()
    if len(groepen) > FOREST_PER_TEKENING:
        delen = tuple(
            grafieken.forest(
                namen[begin : begin + FOREST_PER_TEKENING],
                schattingen[begin : begin + FOREST_PER_TEKENING],
                intervallen[begin : begin + FOREST_PER_TEKENING],
                kleur,
                as_van=(schattingen, intervallen),
            )
            for begin in range(0, len(groepen), FOREST_PER_TEKENING)
        )
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
                f"{n} {f.procent(s)} {f.interval(i)}" for n, s, i in zip(namen, schattingen, intervallen, strict=True)
            )
            + ".",
            grafieken.forest(namen, schattingen, intervallen, kleur),
            "Blokje: de besparing na correctie; lijn: het 95%-interval.",
            delen,
        ),
    )


# --- het documentmodel ---------------------------------------------------------------------------------------------

Uitlijning = Literal["links", "rechts"]


@dataclass(frozen=True)
class Cel:
    """Eén tabelcel, al opgemaakt: de tekst, eventueel een tweede regel in klein schrift, een link of vet."""

    tekst: str
    onder: str = ""
    link: str | None = None
    vet: bool = False


@dataclass(frozen=True)
class Tabel:
    """Een tabel: koppen, rijen met opgemaakte cellen, uitlijning en breekbaarheid per kolom, voetregel en voetnoot.

    `breekbaar` is de breedte-aanwijzing per kolom: een breekbare kolom (omschrijving, bron, toelichting) loopt door
    op spaties; een onbreekbare (bedrag, code, datum) wordt nooit afgebroken en krijgt de breedte van zijn langste
    cel. De renderers meten de kolombreedtes aan de inhoud.
    """

    koppen: tuple[str, ...]
    rijen: tuple[tuple[Cel, ...], ...]
    uitlijning: tuple[Uitlijning, ...]
    breekbaar: tuple[bool, ...]
    voet: tuple[Cel, ...] | None = None
    voetnoot: str = ""
    bijschrift: str = ""
    #: een opmaaksoort voor de renderer: "" (gewoon), "smal" (naast een andere tabel), "hash" (vaste breedte)
    soort: str = ""


@dataclass(frozen=True)
class Alinea:
    """Een alinea; `soort` groot (de kernboodschap), gewoon of klein."""

    tekst: str
    soort: Literal["groot", "gewoon", "klein"] = "gewoon"
    vet: bool = False


@dataclass(frozen=True)
class Opsomming:
    """Een lijst met punten, elk een hele zin."""

    punten: tuple[str, ...]


@dataclass(frozen=True)
class Tussenkop:
    """Een kop binnen een sectie."""

    tekst: str


@dataclass(frozen=True)
class Figuur:
    """Een grafiek met titel en onderschrift."""

    grafiek: Grafiek


@dataclass(frozen=True)
class Kenmerken:
    """Naam-waardeparen (een definitielijst): team, datum, horizon ..."""

    paren: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Meldingen:
    """Opmerkingen in een kader, elk met een titel in gewone woorden en een zin (zonder code of bestandsnaam)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Naast:
    """Twee kolommen naast elkaar (de twee trajecten); past het niet op een pagina, dan onder elkaar."""

    links: tuple[Blok, ...]
    rechts: tuple[Blok, ...]


@dataclass(frozen=True)
class Inhoud:
    """Een inhoudsopgave: per regel de tekst, het anker en een korte toevoeging."""

    regels: tuple[tuple[str, str, str], ...]


Blok = Alinea | Opsomming | Tussenkop | Tabel | Figuur | Kenmerken | Meldingen | Naast | Inhoud


@dataclass(frozen=True)
class Sectie:
    """Een sectie met kop (niveau 1 een hoofdstuk, 2 een casus in de bijlagen) en blokken.

    `nieuwe_pagina`: een hoofdstuk dat op een nieuwe pagina begint (bijlagen, verantwoording). `bijeen`: liever heel
    op één pagina; begint alleen op een nieuwe pagina als het niet meer past en de vorige dan al voor een derde vol
    is. Zonder `titel` geen kop (de enige casus van een casusrapport: de titel staat er al boven).
    """

    titel: str | None
    sleutel: str
    blokken: tuple[Blok, ...]
    niveau: int = 1
    nieuwe_pagina: bool = False
    bijeen: bool = False
    bladwijzer: bool = True


@dataclass(frozen=True)
class Document:
    """Eén rapport zoals het getekend wordt: titel, kenmerken, secties en de huisstijl."""

    titel: str
    kenmerken: tuple[tuple[str, str], ...]
    secties: tuple[Sectie, ...]
    huisstijl: Huisstijl
    voettekst: str
    #: het sjabloon van dit soort rapport (`gemeente.html.j2` ...), zodat `--sjablonen` het per soort kan vervangen
    sjabloon: str = "document.html.j2"


def cel(tekst: object, **opties: Any) -> Cel:
    """Een cel uit een waarde."""
    return Cel(str(tekst), **opties)


def _rij(*waarden: object) -> tuple[Cel, ...]:
    return tuple(w if isinstance(w, Cel) else Cel(str(w)) for w in waarden)


def _tabel(
    koppen: tuple[str, ...],
    rijen: Any,
    *,
    rechts: tuple[int, ...] = (),
    vast: tuple[int, ...] = (),
    voet: tuple[object, ...] | None = None,
    voetnoot: str = "",
    bijschrift: str = "",
    soort: str = "",
) -> Tabel:
    """Een tabel; kolommen in `rechts` rechts uitgelijnd en (zoals `vast`) nooit afgebroken."""
    n = len(koppen)
    return Tabel(
        koppen=koppen,
        rijen=tuple(_rij(*r) for r in rijen),
        uitlijning=tuple("rechts" if i in rechts else "links" for i in range(n)),
        breekbaar=tuple(i not in rechts and i not in vast for i in range(n)),
        voet=_rij(*voet) if voet is not None else None,
        voetnoot=voetnoot,
        bijschrift=bijschrift,
        soort=soort,
    )


def _financierzin(financier: str, rol: str, besparing: float) -> str:
    naam = financiernaam(financier)
    if rol == "investeert":
        return f"{naam} investeert {f.euro(-besparing)}"
    if rol == "bespaart":
        return f"{naam} bespaart {f.euro(besparing)}"
    return f"{naam}: {rol}"


def gevoeligheidsnaam(parameter: str, omschrijving: str) -> str:
    """De naam van een balk in het tornadodiagram: bij een tarief de omschrijving, geen code."""
    if parameter.startswith("tarief:"):
        return "Prijs: " + omschrijving.split(": prijs", 1)[0]
    return {
        "kans": "Onzekere kansen",
        "correctie": "Zekerheidscorrectie",
        "discontovoet": "Discontovoet",
        "vrijwillig": "Waardering vrijwillige inzet",
    }.get(parameter, zin(omschrijving).rstrip("."))


def _gevoeligheidsdetail(parameter: str, omschrijving: str) -> str:
    detail = omschrijving.split(": ", 1)[1] if parameter.startswith("tarief:") else omschrijving
    return zin(detail.replace(" x ", " × ")).rstrip(".")


def _meldingen(lijst: tuple[Waarschuwing, ...]) -> Meldingen:
    """Waarschuwingen voor de lezer: titel per soort en de zin, zonder code of bestandsnaam; dubbele één keer."""
    gezien: dict[tuple[str, str], None] = {}
    for w in lijst:
        gezien.setdefault((waarschuwingstitel(w.code), waarschuwingstekst(w)), None)
    return Meldingen(tuple(gezien))


# --- de secties van het gemeenterapport ------------------------------------------------------------------------------


def _sectie_samenvatting(rapport: GemeenteRapport) -> Sectie:
    """Pagina 1 voor de raad: kernboodschap, kerncijfers met uitleg, wat ze beperkt en een leeswijzer."""
    return Sectie(
        "Samenvatting",
        "samenvatting",
        (
            Alinea(rapport.cijfers.kernboodschap, "groot", vet=True),
            _tabel(
                ("Kerncijfer", "Waarde", "95%-interval", "Wat het betekent"),
                ((k.naam, k.waarde, k.interval, k.uitleg) for k in rapport.kerncijfers),
                rechts=(1, 2),
            ),
            Tussenkop("Wat deze cijfers beperkt"),
            Opsomming(rapport.beperkingen),
            Tussenkop("Leeswijzer"),
            *(Alinea(z) for z in rapport.leeswijzer),
        ),
    )


def _sectie_toelichting(rapport: GemeenteRapport) -> Sectie:
    g = rapport.cijfers
    kern: list[tuple[object, ...]] = [
        ("Kosten vóór 2015", f.euro(g.kosten_voor_2015), ""),
        ("Kosten sociaal team", f.euro(g.kosten_sociaal_team), ""),
        ("Besparing", f.euro(g.besparing), ""),
        (
            Cel("Besparing uit de sommen", vet=True),
            Cel(f.procent(g.besparing_pct), vet=True),
            f.interval(g.besparing_pct_ci95),
        ),
        (
            "Besparing gecorrigeerd voor zekerheid",
            f.procent(g.besparing_pct_gecorrigeerd),
            f.interval(g.besparing_pct_gecorrigeerd_ci95),
        ),
        (
            "Idem, met onzekere tarieven en kansen",
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
                g.invloedrijkste_casus.id,
                f"zonder: {f.procent(g.invloedrijkste_casus.besparing_pct_zonder)}",
            )
        )
    blokken: list[Blok] = [
        *(Alinea(z) for z in rapport.samenvatting),
        _tabel(("Cijfer", "Waarde", "95%-interval"), kern, rechts=(1, 2)),
    ]
    if g.waarschuwingen:
        blokken += [Tussenkop("Waarschuwingen bij deze gemeente"), _meldingen(g.waarschuwingen)]
    return Sectie("Toelichting op de cijfers", "toelichting", tuple(blokken))


def _sectie_trajecten(rapport: GemeenteRapport) -> Sectie:
    return Sectie(
        "De casussen: beide trajecten",
        "trajecten",
        tuple(Figuur(g) for g in rapport.grafieken["trajecten"]),
    )


def _sectie_financiers(rapport: GemeenteRapport) -> Sectie:
    g = rapport.cijfers
    return Sectie(
        "Wie investeert, wie bespaart",
        "financiers",
        (
            _tabel(
                ("Financier", "Vóór 2015", "Sociaal team", "Besparing", "Rol"),
                (
                    (
                        financiernaam(fin.financier),
                        f.euro(fin.kosten_voor_2015),
                        f.euro(fin.kosten_sociaal_team),
                        f.euro(fin.besparing),
                        fin.rol,
                    )
                    for fin in g.per_financier
                ),
                rechts=(1, 2, 3),
                voetnoot="Besparing negatief: deze financier betaalt met het sociaal team meer (investeert).",
            ),
            *(Figuur(x) for x in rapport.grafieken["financiers"]),
        ),
    )


def _sectie_begroting(rapport: GemeenteRapport) -> Sectie:
    """'Wat betekent dit voor de begroting?': de opschaling, of één regel dat er niet is opgeschaald."""
    b = rapport.begroting or Begroting(BEGROTING_TITEL, niet_opgeschaald=NIET_OPGESCHAALD)
    if b.niet_opgeschaald is not None:
        return Sectie(b.titel, "begroting", (Alinea(b.niet_opgeschaald),))
    blokken: list[Blok] = [Alinea(zin) for zin in b.inleiding]
    blokken.append(_tabel(("Cijfer", "Waarde", "95%-interval"), b.kern, rechts=(1, 2)))
    blokken.append(Tussenkop("Per financier per jaar"))
    blokken.append(_tabel(("Financier", "Besparing per jaar", "Rol"), b.financiers, rechts=(1,)))
    if b.grafiek is not None:
        blokken.append(Figuur(b.grafiek))
    blokken.append(Tussenkop("Lijken de casussen op de caseload?"))
    blokken.append(
        _tabel(("Zwaarte", "Casussen", "Aandeel casussen", "Aandeel caseload"), b.representativiteit, rechts=(1, 2, 3))
    )
    blokken.append(Tussenkop("Formatie"))
    blokken.append(_tabel(("Formatie", "Waarde"), b.formatie, rechts=(1,)))
    blokken.append(Opsomming(b.kanttekeningen))
    return Sectie(b.titel, "begroting", tuple(blokken))


def _sectie_doelen(rapport: GemeenteRapport) -> Sectie:
    g = rapport.cijfers
    return Sectie(
        "Doelen",
        "doelen",
        (
            _tabel(
                ("Doel", "Ja", "Deels", "Nee", "Onbekend", "Aandeel ja", "Ja of deels"),
                (
                    (
                        doelnaam(d.doel),
                        d.ja,
                        d.deels,
                        d.nee,
                        d.onbekend,
                        f.aandeel(d.aandeel_ja),
                        f.aandeel(d.aandeel_ja_of_deels),
                    )
                    for d in g.doelen
                ),
                rechts=(1, 2, 3, 4, 5, 6),
            ),
            *(Figuur(x) for x in rapport.grafieken["doelen"]),
        ),
    )


def _sectie_gevoeligheid(rapport: GemeenteRapport) -> Sectie:
    g = rapport.cijfers
    return Sectie(
        "Gevoeligheid",
        "gevoeligheid",
        (
            Alinea(
                f"Hoe verandert de gecorrigeerde besparing ({f.procent(g.besparing_pct_gecorrigeerd)}) als één "
                "aanname anders is? De langste balken wegen het zwaarst."
            ),
            *(Figuur(x) for x in rapport.grafieken["tornado"]),
            _tabel(
                ("Aanname", "Lage / hoge instelling", "Laag", "Hoog"),
                (
                    (
                        gevoeligheidsnaam(v.parameter, v.omschrijving),
                        _gevoeligheidsdetail(v.parameter, v.omschrijving),
                        f.procent(v.laag),
                        f.procent(v.hoog),
                    )
                    for v in g.gevoeligheid
                ),
                rechts=(2, 3),
            ),
        ),
    )


def _sectie_overzicht(rapport: GemeenteRapport) -> Sectie:
    g = rapport.cijfers
    return Sectie(
        "Overzicht van de casussen",
        "overzicht",
        (
            _tabel(
                ("Casus", "Datum", "Zekerheid", "Vóór 2015", "Sociaal team", "Besparing", "%", "Gecorr. %"),
                (
                    (
                        Cel(c.id, link=c.anker),
                        f.datum(c.cijfers["datum"]),
                        c.cijfers["zekerheid"],
                        f.euro(c.cijfers["kosten_voor_2015"]),
                        f.euro(c.cijfers["kosten_sociaal_team"]),
                        f.euro(c.cijfers["besparing"]),
                        f.procent(c.cijfers["besparing_pct"]),
                        f.procent(c.cijfers["besparing_pct_gecorrigeerd"]),
                    )
                    for c in rapport.casussen
                ),
                rechts=(3, 4, 5, 6, 7),
                vast=(0, 1),
                voet=(
                    f"Alle {g.aantal_casussen}",
                    "",
                    "",
                    f.euro(g.kosten_voor_2015),
                    f.euro(g.kosten_sociaal_team),
                    f.euro(g.besparing),
                    f.procent(g.besparing_pct),
                    f.procent(g.besparing_pct_gecorrigeerd),
                ),
            ),
        ),
    )


def _casus_kenmerken(c: CasusWeergave) -> tuple[tuple[str, str], ...]:
    k = c.bestand.casus
    paren = []
    if k.team:
        paren.append(("Team", k.team + (f" (teammodel {k.teammodel})" if k.teammodel else "")))
    if k.ingebracht_door:
        paren.append(("Ingebracht door", k.ingebracht_door))
    paren += [
        ("Beschreven op", f.datum(k.datum)),
        ("Horizon", f"{k.horizon_maanden} maanden"),
        ("Leefgebieden", ", ".join(leefgebiednaam(lg) for lg in k.leefgebieden) or "–"),
        ("Zekerheid vóór 2015", f"{k.zekerheid} (correctie {f.aandeel(c.cijfers['correctie'])})"),
    ]
    return tuple(paren)


def _inzet(c: CasusWeergave, traject: str) -> tuple[Blok, ...]:
    t = getattr(c.bestand.casus.trajecten, traject)
    blokken: list[Blok] = [Tussenkop(trajectnaam(traject))]
    if t.beschrijving:
        blokken.append(Alinea(t.beschrijving, "klein"))
    rijen: list[tuple[object, ...]] = [
        (
            Cel(r.omschrijving, onder=r.financier + (f"; {r.toelichting}" if r.toelichting else "")),
            r.hoeveel,
            f"{r.prijs} / {r.eenheid}",
            r.kosten,
        )
        for r in c.regels[traject]
    ] or [("geen inzet", "", "", "")]
    blokken.append(
        _tabel(
            ("Inzet (financier)", "Hoeveel", "Prijs", "Kosten"),
            rijen,
            rechts=(3,),
            voet=("Totaal", "", "", f.euro(c.cijfers[f"kosten_{traject}"])),
            soort="smal",
        )
    )
    return tuple(blokken)


def casussectie(c: CasusWeergave, *, niveau: int = 2, met_kop: bool = True, nieuwe_pagina: bool = False) -> Sectie:
    """Eén casus: kernboodschap, kenmerken, situatie, beide trajecten naast elkaar, uitkomst met de kans op een
    besparing, doelen en opmerkingen; voor een typische casus één of twee pagina's."""
    k = c.bestand.casus
    cijfers = c.cijfers
    blokken: list[Blok] = [
        Alinea(str(cijfers["kernboodschap"]), "groot", vet=True),
        Kenmerken(_casus_kenmerken(c)),
        Tussenkop("Situatie"),
        Alinea(k.situatie),
        Naast(_inzet(c, "voor_2015"), _inzet(c, "sociaal_team")),
        Tussenkop("Uitkomst"),
        _tabel(
            ("Cijfer", "Zoals beschreven", "Gecorrigeerd voor zekerheid"),
            (
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
                (
                    "Kans dat het team goedkoper was",
                    heel_procent(cijfers["kans_besparing"]),
                    heel_procent(cijfers["kans_besparing_gecorrigeerd"]),
                ),
            ),
            rechts=(1, 2),
            voetnoot="Kans: het deel van de doorrekeningen met andere tarieven en kansen waarin het sociaal team "
            "goedkoper was.",
        ),
    ]
    if k.onderbouwing:
        blokken += [Tussenkop("Onderbouwing van het traject vóór 2015"), Alinea(k.onderbouwing)]
    blokken += [
        Tussenkop("Doelen"),
        _tabel(
            ("Doel", "Oordeel", "Toelichting"),
            ((doelnaam(d), getattr(k.doelen, d).oordeel, getattr(k.doelen, d).toelichting or "") for d in DOELNAMEN),
            vast=(1,),
        ),
    ]
    if c.waarschuwingen:
        blokken += [Tussenkop("Opmerkingen bij de onderbouwing"), _meldingen(c.waarschuwingen)]
    return Sectie(
        f"Casus {k.id} — {k.gemeente}" if met_kop else None,
        c.anker,
        tuple(blokken),
        niveau=niveau,
        nieuwe_pagina=nieuwe_pagina,
        bijeen=True,
    )


def _verantwoording(
    r: Resultaat,
    tarieven: tuple[dict[str, Any], ...],
    invoer: tuple[tuple[str, str], ...],
    overgeslagen: tuple[Overgeslagen, ...],
    waarschuwingen: tuple[Waarschuwing, ...],
) -> Sectie:
    """Methode, instellingen, gebruikte tarieven (met code, bron en bestand), invoerbestanden met SHA-256, de
    waarschuwingen met code en plaats en de versie: hier staan codes, paden en hashes, nergens anders."""
    ins = r.instellingen
    c = ins.correctie
    blokken: list[Blok] = [
        Tussenkop("Methode"),
        Alinea(
            "Per casus beschrijft een sociaal werker wat het sociaal team deed en hoe de casus vóór 2015 zou zijn "
            f"gelopen. Beide trajecten zijn beprijsd met de tarieven hieronder, geïndexeerd naar prijspeil "
            f"{r.prijspeil} en contant gemaakt tegen {f.procent(ins.discontovoet * 100, 2)} per jaar. De besparing "
            "uit de sommen is (som vóór 2015 − som sociaal team) / som vóór 2015. Het 95%-interval is een "
            f"{'BCa-' if ins.intervalmethode == 'bca' else 'percentiel-'}bootstrap over de casussen "
            f"({f.getal(ins.bootstrap_iteraties, 0)} trekkingen, seed {ins.seed}); voor het totaal worden de casussen "
            "binnen elke gemeente opnieuw getrokken, en die van gemeenten met minder dan 5 casussen samen. "
            f"De zekerheidscorrectie verlaagt de kosten vóór 2015 met {f.aandeel(c.hoog)} (zekerheid "
            f"hoog), {f.aandeel(c.middel)} (middel) of {f.aandeel(c.laag)} (laag)."
        ),
        _tabel(
            ("Instelling", "Waarde"),
            (
                ("prijspeil", r.prijspeil),
                ("discontovoet", f.procent(ins.discontovoet * 100, 2)),
                ("bootstrap_iteraties", f.getal(ins.bootstrap_iteraties, 0)),
                ("psa_iteraties", f.getal(ins.psa_iteraties, 0)),
                ("seed", ins.seed),
                (
                    "correctie hoog / middel / laag",
                    f"{f.aandeel(c.hoog)} / {f.aandeel(c.middel)} / {f.aandeel(c.laag)}",
                ),
            ),
            bijschrift="Instellingen",
        ),
        Tussenkop("Gebruikte tarieven"),
        _tabel(
            ("Tarief (code)", "Prijs", "Jaar", "Financier", "Betr.", "Bron"),
            (
                (
                    # de code klein onder de naam: een eigen kolom voor lange codes liet te weinig ruimte over,
                    # zodat reportlab woorden in de bron moest breken
                    Cel(str(t["omschrijving"]), onder=str(t["tarief"])),
                    f"{f.euro(t['tarief_prijs'], 2)} / {t['eenheid']}",
                    t["tarief_jaar"],
                    financiernaam(str(t["financier"])),
                    t["betrouwbaarheid"],
                    Cel(str(t["bron"]), onder=f"{t['tarief_bestand']}:{t['tarief_regel']}"),
                )
                for t in tarieven
            ),
            rechts=(2,),
            voetnoot=f"Prijzen van het tariefjaar; in de casussen staan ze op prijspeil {r.prijspeil}.",
        ),
        Tussenkop("Invoerbestanden"),
        _tabel(("Bestand", "SHA-256"), invoer, vast=(1,), soort="hash"),
    ]
    if waarschuwingen:
        blokken += [
            Tussenkop("Waarschuwingen met code en plaats"),
            _tabel(
                ("Code", "Melding"),
                ((w.code, w.melding) for w in waarschuwingen),
                vast=(0,),
            ),
        ]
    if overgeslagen:
        aantal = len(overgeslagen)
        blokken += [
            Tussenkop("Weggelaten casussen (ongeldig)"),
            Alinea(f"{aantal} {'ongeldige casus telt' if aantal == 1 else 'ongeldige casussen tellen'} niet mee."),
            Opsomming(
                tuple(
                    casus.omschrijving + "".join(f"\n– {melding}" for melding in casus.meldingen)
                    for casus in overgeslagen
                )
            ),
        ]
    blokken.append(Alinea(f"Gemaakt met casuskosten {versie()}.", "klein"))
    return Sectie("Verantwoording", "verantwoording", tuple(blokken), nieuwe_pagina=True)


def _voettekst(huisstijl: Huisstijl, prijspeil: int) -> str:
    voor = f" voor {huisstijl.organisatie}" if huisstijl.organisatie else ""
    return f"Gemaakt met casuskosten {versie()}{voor}. Bedragen in euro's, prijspeil {prijspeil}, contante waarde."


def gemeente_document(rapport: GemeenteRapport) -> Document:
    """Het gemeenterapport als document: pagina 1 voor de raad, dan de onderbouwing, de bijlagen en de
    verantwoording."""
    g = rapport.cijfers
    r = rapport.resultaat
    secties = [
        _sectie_samenvatting(rapport),
        _sectie_toelichting(rapport),
        _sectie_trajecten(rapport),
        _sectie_financiers(rapport),
        _sectie_begroting(rapport),
        _sectie_doelen(rapport),
        _sectie_gevoeligheid(rapport),
        _sectie_overzicht(rapport),
        Sectie("Bijlagen: de casussen", "bijlagen", (), nieuwe_pagina=True),
        *(casussectie(c) for c in rapport.casussen),
        _verantwoording(
            r,
            rapport.tarieven,
            rapport.invoerbestanden,
            rapport.overgeslagen,
            (*g.waarschuwingen, *(w for c in rapport.casussen for w in c.waarschuwingen)),
        ),
    ]
    return Document(
        titel=rapport.titel,
        kenmerken=(
            ("Gemeente", g.gemeente or ""),
            ("Periode van de casussen", periode(g)),
            ("Prijspeil", str(r.prijspeil)),
            ("Aantal casussen", str(g.aantal_casussen)),
            ("Gemaakt op", f.datum(rapport.datum)),
        ),
        secties=tuple(secties),
        huisstijl=rapport.huisstijl,
        voettekst=_voettekst(rapport.huisstijl, r.prijspeil),
        sjabloon="gemeente.html.j2",
    )


def casusboek_document(boek: Casusboek) -> Document:
    """Eén casus (de titel één keer, daaronder meteen de casus) of een casusboek met inhoudsopgave."""
    een = len(boek.casussen) == 1
    secties: list[Sectie] = []
    if not een:
        secties.append(
            Sectie(
                "Inhoud",
                "inhoud",
                (
                    Inhoud(
                        (
                            *(
                                (
                                    f"Casus {c.id} — {c.bestand.casus.gemeente}",
                                    c.anker,
                                    f.procent(c.cijfers["besparing_pct"]),
                                )
                                for c in boek.casussen
                            ),
                            ("Verantwoording", "verantwoording", ""),
                        )
                    ),
                ),
                bladwijzer=False,
            )
        )
    # na de inhoudsopgave begint de eerste casus op een nieuwe pagina; daarna alleen als de casus niet past
    secties += [
        casussectie(c, niveau=1, met_kop=not een, nieuwe_pagina=i == 0 and not een) for i, c in enumerate(boek.casussen)
    ]
    secties.append(
        _verantwoording(
            boek.resultaat,
            boek.tarieven,
            boek.invoerbestanden,
            boek.overgeslagen,
            tuple(w for c in boek.casussen for w in c.waarschuwingen),
        )
    )
    return Document(
        titel=boek.titel,
        kenmerken=(("Prijspeil", str(boek.resultaat.prijspeil)), ("Gemaakt op", f.datum(boek.datum))),
        secties=tuple(secties),
        huisstijl=boek.huisstijl,
        voettekst=_voettekst(boek.huisstijl, boek.resultaat.prijspeil),
        sjabloon="casusboek.html.j2",
    )


def vergelijking_document(stuk: Vergelijking) -> Document:
    """Alle gemeenten naast elkaar: kernboodschap, tabel, forest plot, doelen en wat de cijfers beperkt."""
    r = stuk.resultaat
    groepen = (*r.gemeenten, r.totaal)

    def naam(agg: Aggregaat) -> Cel:
        return Cel(agg.gemeente) if agg.gemeente else Cel("Alle gemeenten", vet=True)

    blokken: list[Blok] = [
        Alinea(stuk.kernboodschap, "groot", vet=True),
        _tabel(
            ("Gemeente", "Casussen", "Per casus per jaar", "95%-interval", "Kans goedkoper", "Gecorrigeerd %"),
            (
                (
                    naam(g),
                    g.aantal_casussen,
                    f.euro(g.besparing_per_casus_per_jaar_gecorrigeerd),
                    euro_interval(g.besparing_per_casus_per_jaar_gecorrigeerd_psa95),
                    heel_procent(g.kans_besparing_gecorrigeerd),
                    f.procent(g.besparing_pct_gecorrigeerd),
                )
                for g in groepen
            ),
            rechts=(1, 2, 3, 4, 5),
            voetnoot="Per casus per jaar: de gemiddelde besparing na correctie (negatief: meerkosten). Interval en "
            f"kans: uit {f.getal(r.instellingen.psa_iteraties, 0)} doorrekeningen met andere casussen, tarieven en "
            "kansen.",
        ),
        Figuur(stuk.grafiek),
    ]
    secties = [
        Sectie("Besparing per gemeente", "besparing", tuple(blokken)),
        Sectie(
            "Doelen: aandeel casussen met ja (ja of deels)",
            "doelen",
            (
                _tabel(
                    ("Gemeente", *(doelnaam(d) for d in DOELNAMEN)),
                    (
                        (
                            naam(g),
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
        secties.append(Sectie("Wat deze cijfers beperkt", "beperkingen", (_meldingen(alle),)))
    return Document(
        titel="Sociale teams vergeleken",
        kenmerken=(
            ("Gemeenten", str(len(r.gemeenten))),
            ("Casussen", str(r.totaal.aantal_casussen)),
            ("Periode van de casussen", periode(r.totaal)),
            ("Prijspeil", str(r.prijspeil)),
            ("Gemaakt op", f.datum(stuk.datum)),
        ),
        secties=tuple(secties),
        huisstijl=stuk.huisstijl,
        voettekst=_voettekst(stuk.huisstijl, r.prijspeil),
        sjabloon="vergelijk.html.j2",
    )


__all__ = [
    "Alinea",
    "Begroting",
    "Blok",
    "CasusWeergave",
    "Casusboek",
    "Cel",
    "Document",
    "Figuur",
    "GemeenteRapport",
    "Grafiek",
    "Inhoud",
    "Kenmerken",
    "Meldingen",
    "Naast",
    "Opsomming",
    "Sectie",
    "Tabel",
    "Tussenkop",
    "Vergelijking",
    "begroting",
    "casusboek",
    "casusboek_document",
    "gemeente_document",
    "gemeenterapport",
    "samenvatting",
    "vergelijking",
    "vergelijking_document",
]
