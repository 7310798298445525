"""De waarden die een berekening oplevert, met bij elk veld zijn betekenis, eenheid en schaal (`velden.veld`).

Dit is het blad van `rekenen`: het importeert niets anders uit `rekenen`, zodat de modules die de cijfers maken
(aggregatie, onzekerheid, psa, opschaling) en het resultaatobject allemaal hier hun typen vinden, zonder kring.
JSON, de tabellen van de export, `Resultaat.tabel` en het JSON Schema van de uitvoer volgen uit deze verklaringen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..fouten import Waarschuwing
from ..invoer.modellen import DOELEN, OORDELEN, TRAJECTEN, ZWAARTES
from ..invoer.tarieven import BETROUWBAARHEDEN, FINANCIERS
from ..velden import (
    AANDEEL,
    AANTAL,
    CODE,
    DATUM,
    EURO,
    EURO_PER_CASUS_PER_JAAR,
    EURO_PER_JAAR,
    FTE,
    GETAL,
    JAAR,
    KANS,
    MAANDEN,
    PRIJS,
    PROCENT,
    SHA256,
    TEKST,
    UREN,
    Eenheid,
    Interval,
    beschrijf,
    naar_json,
    veld,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: onder dit aantal casussen geen bootstrap-interval (en worden de casussen in de PSA niet opnieuw getrokken)
MIN_CASUSSEN_INTERVAL = 5

#: de perspectieven, in de volgorde waarin ze getoond worden
PERSPECTIEVEN: tuple[str, ...] = ("maatschappelijk", "collectief", "gemeente")
ROLLEN: tuple[str, ...] = ("investeert", "bespaart", "gelijk")
ZEKERHEDEN: tuple[str, ...] = ("hoog", "middel", "laag")

_PCT = "besparing als percentage van de kosten vóór 2015"
_GEC = "na de zekerheidscorrectie op vermeden kosten"


@dataclass(frozen=True, slots=True)
class Perspectief:
    """De sommen vanuit één perspectief: maatschappelijk, collectief of gemeente."""

    kosten_voor_2015: float = veld("kosten van het traject vóór 2015", EURO)
    kosten_sociaal_team: float = veld("kosten van het traject van het sociaal team", EURO)
    besparing: float = veld("kosten vóór 2015 min kosten sociaal team", EURO)
    besparing_pct: float | None = veld(f"{_PCT} (leeg als die 0 zijn)", PROCENT)


@dataclass(frozen=True, slots=True)
class FinancierCijfers:
    """Wie investeert, wie bespaart: de drie sommen voor één financier."""

    financier: str = veld("de financier (code)", CODE, waarden=FINANCIERS)
    kosten_voor_2015: float = veld("kosten van deze financier in het traject vóór 2015", EURO)
    kosten_sociaal_team: float = veld("kosten van deze financier in het traject van het sociaal team", EURO)
    besparing: float = veld("kosten vóór 2015 min kosten sociaal team van deze financier", EURO)
    besparing_gecorrigeerd: float = veld(
        "besparing van deze financier na de zekerheidscorrectie op de vermeden kosten die hij droeg (per tariefcode)",
        EURO,
    )
    rol: str = veld("of de financier na correctie per saldo investeert of bespaart", CODE, waarden=ROLLEN)


@dataclass(frozen=True, slots=True)
class DoelCijfers:
    """Hoe vaak een doel ja, deels, nee of onbekend is beoordeeld."""

    doel: str = veld("het beleidsdoel (code)", CODE, waarden=DOELEN)
    ja: int = veld("aantal casussen met oordeel ja", AANTAL)
    deels: int = veld("aantal casussen met oordeel deels", AANTAL)
    nee: int = veld("aantal casussen met oordeel nee", AANTAL)
    onbekend: int = veld("aantal casussen met oordeel onbekend", AANTAL)
    aandeel_ja: float | None = veld("aandeel casussen met oordeel ja", AANDEEL)
    aandeel_ja_of_deels: float | None = veld("aandeel casussen met oordeel ja of deels", AANDEEL)


@dataclass(frozen=True, slots=True)
class Gevoeligheid:
    """Eén balk van het tornadodiagram: de uitkomst bij de lage en bij de hoge instelling van een parameter."""

    parameter: str = veld(
        "de parameter: 'tarief:<code>', 'kans', 'correctie', 'discontovoet', 'vrijwillig' of 'dubbeltelling'", TEKST
    )
    omschrijving: str = veld("de parameter in gewone woorden, met de lage en hoge instelling", TEKST)
    laag: float | None = veld(
        "de schatting van het antwoord (gecorrigeerde besparing per huishouden per jaar) bij de lage instelling",
        EURO_PER_CASUS_PER_JAAR,
    )
    hoog: float | None = veld(
        "de schatting van het antwoord (gecorrigeerde besparing per huishouden per jaar) bij de hoge instelling",
        EURO_PER_CASUS_PER_JAAR,
    )
    omslagpunt: float | None = veld(
        "alleen bij een tarief: de prijsfactor waarbij de schatting van het antwoord 0 wordt (leeg: niet tussen 0 en "
        "10)",
        GETAL,
        standaard=None,
    )

    @property
    def spreiding(self) -> float:
        """Het verschil tussen hoog en laag (0 als een van beide ontbreekt)."""
        if self.laag is None or self.hoog is None:
            return 0.0
        return abs(self.hoog - self.laag)


@dataclass(frozen=True, slots=True)
class Invloed:
    """De casus waarvan weglaten het besparingspercentage het meest verandert."""

    id: str = veld("het id van die casus", TEKST)
    besparing_pct_zonder: float | None = veld(f"{_PCT} van de groep zonder deze casus", PROCENT)


@dataclass(frozen=True, slots=True)
class Periode:
    """De vroegste en de laatste datum van de casussen."""

    van: str = veld("datum van de vroegste casus", DATUM)
    tot_en_met: str = veld("datum van de laatste casus", DATUM)


#: de ene grootheid waar elk antwoord over gaat
GROOTHEID = "besparing_per_huishouden_per_jaar_gecorrigeerd"
#: de bronnen van onzekerheid in de simulatie, elk uit te zetten in [onzekerheid]
BRONNEN: tuple[str, ...] = ("steekproef", "tarieven", "kansen")
#: onder dit aantal casussen zegt het antwoord niets over de gemeente: geen interval, kans, kanscurve of EVPI
MIN_CASUSSEN_ANTWOORD = 3

_THETA = "de gecorrigeerde besparing per huishouden per jaar"


@dataclass(frozen=True, slots=True)
class Kanspunt:
    """Eén punt van de kanscurve: de kans dat de besparing per huishouden per jaar groter is dan de drempel."""

    drempel: float = veld("de drempel: een besparing per huishouden per jaar", EURO_PER_CASUS_PER_JAAR)
    kans: float = veld(f"kans dat {_THETA} groter is dan de drempel", KANS)


@dataclass(frozen=True, slots=True)
class PerspectiefAntwoord:
    """Het antwoord vanuit één perspectief (maatschappelijk, collectief of gemeente)."""

    schatting: float = veld(f"{_THETA} in dit perspectief: het gemiddelde over de casussen", EURO_PER_CASUS_PER_JAAR)
    interval95: Interval | None = veld("95%-interval uit de simulatie (leeg onder 3 casussen)", EURO_PER_CASUS_PER_JAAR)
    kans_besparing: float | None = veld("kans (simulatie) dat de besparing positief is (leeg onder 3 casussen)", KANS)


@dataclass(frozen=True, slots=True)
class Bron:
    """Wat één bron van onzekerheid bijdraagt, en wat volledige kennis over die bron waard is."""

    aandeel_variantie: float | None = veld(
        "aandeel van deze bron in de som van de varianties van de bronnen apart", AANDEEL
    )
    evppi: float | None = veld(
        "verwachte waarde van volledige kennis over alleen deze bron (EVPPI), per huishouden per jaar",
        EURO_PER_CASUS_PER_JAAR,
    )


@dataclass(frozen=True, slots=True)
class Omslagpunten:
    """De waarden van betwiste aannames waarbij de schatting 0 wordt (leeg: geen oplossing in het bereik)."""

    kansfactor: float | None = veld(
        "factor op alle onzekere kansen (hoogstens 1) waarbij de schatting 0 wordt, gezocht in (0, 10]", GETAL
    )
    correctie: float | None = veld(
        "één correctie op alle vermeden kosten waarbij de schatting 0 wordt, in [0, 1]", AANDEEL
    )
    extra_teamuren: float | None = veld(
        "extra uren van het team per huishouden per jaar (tegen het teamtarief uit [formatie]) die de besparing "
        "opheffen",
        UREN,
    )


@dataclass(frozen=True, slots=True)
class Gepoold:
    """De gepoolde schatting van een groep (empirical Bayes onder het random-effectsmodel van de vergelijking)."""

    schatting: float = veld(
        "w x eigen schatting + (1 - w) x het gemiddelde over de groepen, w = tau^2 / (tau^2 + v)",
        EURO_PER_CASUS_PER_JAAR,
    )
    interval95: Interval = veld("95%-interval van de gepoolde schatting (normale benadering)", EURO_PER_CASUS_PER_JAAR)
    kans_besparing: float = veld("kans dat de gepoolde besparing positief is (normale benadering)", KANS)


@dataclass(frozen=True, slots=True)
class Antwoord:
    """Het antwoord op de vraag of het sociaal team goedkoper is: één grootheid, met al haar onzekerheid."""

    grootheid: str = veld("waar elk cijfer van dit antwoord over gaat", CODE, waarden=(GROOTHEID,))
    perspectief: str = veld("het perspectief van schatting, interval en kans", CODE, waarden=("maatschappelijk",))
    aantal_casussen: int = veld("aantal casussen", AANTAL)
    schatting: float = veld(
        f"{_THETA}: het gemiddelde over de casussen van hun besparing_per_jaar_gecorrigeerd", EURO_PER_CASUS_PER_JAAR
    )
    interval95: Interval | None = veld(
        "95%-interval uit de simulatie van steekproef, tarieven en kansen (leeg onder 3 casussen)",
        EURO_PER_CASUS_PER_JAAR,
    )
    kans_besparing: float | None = veld(f"kans (simulatie) dat {_THETA} positief is (leeg onder 3 casussen)", KANS)
    kanscurve: tuple[Kanspunt, ...] | None = veld(
        "de kans op een besparing van meer dan elk van ongeveer 20 drempels (leeg onder 3 casussen)",
        TEKST,
        tabel="kanscurve",
    )
    per_perspectief: dict[str, PerspectiefAntwoord] = veld(
        "schatting, interval en kans per perspectief, uit dezelfde trekkingen", TEKST, sleutels=PERSPECTIEVEN
    )
    bronnen: dict[str, Bron] | None = veld(
        "per bron van onzekerheid haar aandeel en haar EVPPI (leeg onder 3 casussen)", TEKST, sleutels=BRONNEN
    )
    evpi: float | None = veld(
        "verwachte waarde van volledige kennis (EVPI): E[max(theta, 0)] - max(E[theta], 0), per huishouden per jaar "
        "(leeg onder 3 casussen)",
        EURO_PER_CASUS_PER_JAAR,
    )
    omslagpunten: Omslagpunten = veld("de omslagpunten van betwiste aannames", TEKST)
    gepoold: Gepoold | None = veld(
        "de gepoolde schatting uit de vergelijking van de gemeenten (leeg onder 3 casussen of bij het totaal)",
        TEKST,
        standaard=None,
    )


#: waarnaar de vergelijking groepeert
GROEPERINGEN: tuple[str, ...] = ("gemeente", "teammodel", "leefgebied", "jaar")


@dataclass(frozen=True, slots=True)
class Groep:
    """Eén groep van de vergelijking (een gemeente, teammodel, leefgebied of jaar)."""

    groep: str = veld("de groep", TEKST)
    aantal_casussen: int = veld("aantal casussen in de groep", AANTAL)
    schatting: float = veld(f"{_THETA}: het gemiddelde over de casussen van de groep", EURO_PER_CASUS_PER_JAAR)
    se: float | None = veld(
        "standaardfout van die schatting: s / wortel(n) (leeg onder 3 casussen)", EURO_PER_CASUS_PER_JAAR
    )
    gepoold_schatting: float | None = veld(
        "de gepoolde schatting (empirical Bayes; leeg onder 3 casussen of zonder poolen)", EURO_PER_CASUS_PER_JAAR
    )
    gepoold_interval95: Interval | None = veld(
        "95%-interval van de gepoolde schatting (normale benadering)", EURO_PER_CASUS_PER_JAAR
    )


@dataclass(frozen=True, slots=True)
class Vergelijking:
    """Groepen naast elkaar zonder ruis als rangorde: random effects (DerSimonian-Laird) over de groepen met minstens
    3 casussen."""

    groepering: str = veld("waarnaar gegroepeerd is", CODE, waarden=GROEPERINGEN)
    groepen: tuple[Groep, ...] = veld("de groepen, op naam", TEKST, tabel="vergelijking")
    tau2: float | None = veld(
        "tau^2: de variantie van de echte verschillen tussen de groepen (DerSimonian-Laird, niet onder 0)",
        Eenheid("euro^2", "kwadraat van euro per huishouden per jaar", "number"),
    )
    q: float | None = veld("Cochran's Q over de groepen met minstens 3 casussen", GETAL)
    p_heterogeniteit: float | None = veld("p-waarde van Q (chi-kwadraat met k - 1 vrijheidsgraden)", KANS)
    i2: float | None = veld("I^2 = max(0, (Q - (k - 1)) / Q): het deel van de spreiding dat geen toeval is", AANDEEL)
    zin: str = veld("in één gewone zin of de groepen meer verschillen dan toeval", TEKST)


@dataclass(frozen=True, slots=True)
class CasusAntwoord:
    """Het antwoord voor één huishouden: elke onzekere inzet gebeurt of gebeurt niet."""

    schatting: float = veld(
        "de verwachte gecorrigeerde besparing per jaar van dit huishouden (= besparing_per_jaar_gecorrigeerd)",
        EURO_PER_CASUS_PER_JAAR,
    )
    interval95: Interval | None = veld(
        "95%-interval als elke inzet met een kans onder 1 wel of niet gebeurt (met tarieven en kansen onzeker)",
        EURO_PER_CASUS_PER_JAAR,
    )
    kans_goedkoper: float | None = veld("kans dat het sociaal team voor dit huishouden goedkoper was", KANS)


@dataclass(frozen=True, slots=True)
class Representativiteit:
    """Eén zwaarte: hoeveel casussen, hun aandeel, en het aandeel in de caseload (None zonder verdeling)."""

    zwaarte: str = veld("de zwaarte van de casussen", CODE, waarden=(*ZWAARTES, "onbekend"))
    casussen: int = veld("aantal casussen van deze zwaarte", AANTAL)
    aandeel_casussen: float = veld("aandeel van deze zwaarte onder de casussen", AANDEEL)
    aandeel_caseload: float | None = veld(
        "aandeel van deze zwaarte in de caseload volgens [opschaling] (leeg zonder verdeling)", AANDEEL
    )


@dataclass(frozen=True, slots=True)
class FinancierPerJaar:
    """De besparing van één financier per jaar voor de gedekte huishoudens (negatief: die financier investeert)."""

    financier: str = veld("de financier (code)", CODE, waarden=FINANCIERS)
    besparing_per_jaar: float = veld("besparing van deze financier per jaar, zonder correctie", EURO_PER_JAAR)
    besparing_per_jaar_gecorrigeerd: float = veld(
        "besparing van deze financier per jaar, na de zekerheidscorrectie op de vermeden kosten die hij droeg",
        EURO_PER_JAAR,
    )
    interval95: Interval | None = veld(
        "95%-interval van de besparing na correctie, uit dezelfde simulatie als die van de gemeente (leeg onder 3 "
        "casussen)",
        EURO_PER_JAAR,
    )
    rol: str = veld("of de financier na correctie per saldo investeert of bespaart", CODE, waarden=ROLLEN)


@dataclass(frozen=True, slots=True)
class Jaarbedrag:
    """Een besparing per jaar met haar 95%-interval en de kans dat ze positief is (uit de simulatie)."""

    besparing_per_jaar: float = veld("besparing per jaar na correctie", EURO_PER_JAAR)
    interval95: Interval | None = veld("95%-interval uit de simulatie (leeg onder 3 casussen)", EURO_PER_JAAR)
    kans_besparing: float | None = veld("kans (simulatie) dat de besparing positief is (leeg onder 3 casussen)", KANS)


@dataclass(frozen=True)
class Opgeschaald:
    """Wat de casussen betekenen voor de begroting van één gemeente per jaar, alleen voor de huishoudens die de
    casussen beschrijven (de gedekte zwaartes)."""

    casussen_per_jaar: int = veld("nieuwe huishoudens per jaar (instroom) volgens [opschaling]", AANTAL)
    weging: str = veld(
        "'verdeling': gemiddelde per zwaarte, gewogen naar de caseload; 'geen': gewoon gemiddelde",
        CODE,
        waarden=("verdeling", "geen"),
    )
    gedekt_aandeel: float | None = veld(
        "aandeel van de caseload in zwaartes met minstens één casus (leeg zonder verdeling: onbekend)", AANDEEL
    )
    besparing_per_casus_per_jaar: float = veld(
        "besparing per huishouden per jaar van de gedekte huishoudens, zonder correctie", EURO_PER_CASUS_PER_JAAR
    )
    besparing_per_casus_per_jaar_gecorrigeerd: float = veld(
        f"besparing per huishouden per jaar van de gedekte huishoudens, {_GEC}", EURO_PER_CASUS_PER_JAAR
    )
    besparing_per_jaar_gedekt: Jaarbedrag = veld(
        "de besparing per jaar voor de gedekte huishoudens (zonder verdeling: alle, aangenomen dat de casussen typisch "
        "zijn)",
        TEKST,
    )
    besparing_per_jaar_bereik: Interval | None = veld(
        "scenariobereik (geen interval) voor de hele caseload: de ongedekte huishoudens besparen tussen de laagste en "
        "de hoogste gedekte zwaarte (leeg zonder verdeling)",
        EURO_PER_JAAR,
    )
    teamkosten_per_huishouden_casussen: float = veld(
        "kosten van de teamuren in de casussen per huishouden per jaar (tegen het teamtarief)", EURO_PER_CASUS_PER_JAAR
    )
    teamkosten_per_huishouden_formatie: float | None = veld(
        "fte x kosten_per_fte / casussen_per_jaar: wat het team per huishouden per jaar kost (leeg zonder fte of "
        "kosten_per_fte)",
        EURO_PER_CASUS_PER_JAAR,
    )
    teamkosten_buiten_casussen: float | None = veld(
        "het positieve verschil: teamkosten die geen casus noemt (scholing, overleg, outreach, reistijd)",
        EURO_PER_CASUS_PER_JAAR,
    )
    besparing_per_jaar_met_teamkosten: Jaarbedrag | None = veld(
        "de besparing per jaar voor de gedekte huishoudens min de teamkosten buiten de casussen (leeg zonder fte of "
        "kosten_per_fte)",
        TEKST,
    )
    evpi: float | None = veld("EVPI voor de gedekte huishoudens per jaar (leeg onder 3 casussen)", EURO_PER_JAAR)
    evppi: dict[str, float | None] | None = veld(
        "per bron van onzekerheid de EVPPI voor de gedekte huishoudens per jaar", EURO_PER_JAAR, sleutels=BRONNEN
    )
    per_financier_per_jaar: tuple[FinancierPerJaar, ...] = veld(
        "per financier de besparing per jaar voor de gedekte huishoudens",
        TEKST,
        sleutel="financier",
        tabel="financiers_per_jaar",
    )
    representativiteit: tuple[Representativiteit, ...] = veld(
        "per zwaarte de casussen tegenover de caseload", TEKST, tabel="representativiteit"
    )
    teamuren_per_casus_per_jaar: float = veld("uren van het team per huishouden per jaar in de casussen", UREN)
    productieve_uren_per_fte: float = veld("productieve uren per fte per jaar ([formatie])", UREN)
    benodigde_fte: float = veld("fte die de caseload vraagt: teamuren x casussen / productieve uren", FTE)
    fte: float | None = veld("fte van de teams volgens [opschaling] (leeg: niet opgegeven)", FTE)
    fte_verschil: float | None = veld("fte min benodigde fte (leeg zonder fte)", FTE)
    capaciteit_huishoudens_per_jaar: float | None = veld(
        "fte x productieve uren / teamuren per huishouden per jaar: hoeveel nieuwe huishoudens de teams aankunnen "
        "(leeg zonder fte of teamuren)",
        GETAL,
    )
    waarschuwingen: tuple[Waarschuwing, ...] = veld(
        "waarschuwingen bij de opschaling", TEKST, standaard=(), in_tabel=False
    )

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object (zoals in `bereken --json`)."""
        return naar_json(self)


@dataclass(frozen=True, repr=False)
class Aggregaat:
    """De cijfers van een groep casussen: één gemeente, of alle casussen samen (`gemeente` is dan None)."""

    gemeente: str | None = veld(
        "de gemeente (niet bij het totaal)", TEKST, weglaten_als_none=True, leeg_in_tabel="Totaal"
    )
    kernboodschap: str = veld("de uitkomst in één zin", TEKST)
    antwoord: Antwoord = veld(
        "het antwoord: de gecorrigeerde besparing per huishouden per jaar met al haar onzekerheid", TEKST
    )
    aantal_casussen: int = veld("aantal casussen", AANTAL)
    periode: Periode = veld("periode van de casussen", TEKST)
    kosten_voor_2015: float = veld("som over de casussen van de kosten vóór 2015 (maatschappelijk)", EURO)
    kosten_sociaal_team: float = veld("som over de casussen van de kosten van het sociaal team", EURO)
    besparing: float = veld("som van de kosten vóór 2015 min die van het sociaal team", EURO)
    besparing_pct: float | None = veld(f"{_PCT}, uit de sommen", PROCENT)
    besparing_pct_ci95: Interval | None = veld(
        "ondersteunend cijfer: 95%-bootstrapinterval van besparing_pct (uit de sommen) over de casussen (leeg onder 5 "
        "casussen); niet het interval van het antwoord",
        PROCENT,
    )
    besparing_pct_gemiddeld: float | None = veld(f"gemiddelde over de casussen van hun {_PCT}", PROCENT)
    besparing_pct_mediaan: float | None = veld(f"mediaan over de casussen van hun {_PCT}", PROCENT)
    aantal_met_besparing: int = veld("aantal casussen waarin het sociaal team goedkoper was", AANTAL)
    aandeel_met_besparing: float = veld("aandeel casussen waarin het sociaal team goedkoper was", AANDEEL)
    kosten_voor_2015_gecorrigeerd: float = veld(f"som van de kosten vóór 2015, {_GEC}", EURO)
    besparing_gecorrigeerd: float = veld(f"besparing uit de sommen, {_GEC}", EURO)
    besparing_pct_gecorrigeerd: float | None = veld(f"{_PCT}, uit de sommen, {_GEC}", PROCENT)
    besparing_pct_gecorrigeerd_ci95: Interval | None = veld(
        "95%-bootstrapinterval van besparing_pct_gecorrigeerd (leeg onder 5 casussen)", PROCENT
    )
    besparing_per_casus_per_jaar: float = veld(
        "gemiddelde over de casussen van hun besparing per jaar", EURO_PER_CASUS_PER_JAAR
    )
    besparing_per_casus_per_jaar_gecorrigeerd: float = veld(
        f"gemiddelde over de casussen van hun besparing per jaar, {_GEC}", EURO_PER_CASUS_PER_JAAR
    )
    per_perspectief: dict[str, Perspectief] = veld(
        "de sommen per perspectief (maatschappelijk, collectief, gemeente)",
        TEKST,
        sleutels=PERSPECTIEVEN,
        voorvoegsel="",
    )
    horizonnen_maanden: tuple[int, ...] = veld("de verschillende horizonnen van de casussen", MAANDEN)
    invloedrijkste_casus: Invloed | None = veld(
        "de casus waarvan weglaten het besparingspercentage het meest verandert (niet bij het totaal)", TEKST
    )
    per_financier: tuple[FinancierCijfers, ...] = veld(
        "per financier de sommen", TEKST, sleutel="financier", tabel="financiers"
    )
    doelen: tuple[DoelCijfers, ...] = veld("per doel de oordelen", TEKST, sleutel="doel", tabel="doelen")
    gevoeligheid: tuple[Gevoeligheid, ...] = veld(
        "de balken van het tornadodiagram, de grootste eerst", TEKST, tabel="gevoeligheid"
    )
    aandeel_kosten_laag_betrouwbaar: dict[str, float | None] = veld(
        "per traject het aandeel van de kosten uit tariefrijen met betrouwbaarheid laag", AANDEEL, sleutels=TRAJECTEN
    )
    waarschuwingen: tuple[Waarschuwing, ...] = veld(
        "waarschuwingen bij deze groep", TEKST, standaard=(), in_tabel=False
    )
    opschaling: Opgeschaald | None = veld(
        "wat de casussen betekenen voor de begroting per jaar (alleen met [opschaling] voor deze gemeente)",
        TEKST,
        standaard=None,
        weglaten_als_none=True,
        tabel="opschaling",
    )

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object (zoals in `bereken --json`)."""
        return naar_json(self)


@dataclass(frozen=True, slots=True)
class RegelCijfers:
    """Eén beprijsde inzetregel van een casus."""

    traject: str = veld("het traject", CODE, waarden=TRAJECTEN)
    tarief: str = veld("de tariefcode", TEKST)
    omschrijving: str = veld("omschrijving van het tarief", TEKST)
    eenheid: str = veld("eenheid van het tarief (uur, dag, traject ...)", TEKST)
    aantal: float = veld("eenheden per keer", GETAL)
    per: str | None = veld("hoe vaak: dag, week, 2 weken, maand, kwartaal, jaar (leeg: eenmalig)", TEKST)
    vanaf_maand: int = veld("de maand (vanaf 0) waarin de inzet begint", MAANDEN)
    duur_maanden: float = veld("hoe lang de inzet loopt", MAANDEN)
    aantal_keer: float = veld("hoe vaak de inzet voorkomt binnen de horizon", GETAL)
    aantal_totaal: float = veld("aantal x aantal keer x kans", GETAL)
    kans: float = veld("kans dat de inzet gebeurt", KANS)
    tarief_jaar: int = veld("het jaar van de gekozen tariefrij", JAAR)
    tarief_prijs: float = veld("prijs per eenheid in de tariefrij, in het jaar van die rij", PRIJS)
    prijs: float = veld("prijs per eenheid, geïndexeerd naar het prijspeil", PRIJS)
    kosten_nominaal: float = veld("kosten zonder disconto", EURO)
    kosten: float = veld("kosten, contant gemaakt", EURO)
    soort: str = veld("kosten, of een overdracht (telt niet maatschappelijk)", CODE, waarden=("kosten", "overdracht"))
    financier: str = veld("wie betaalt (code)", CODE, waarden=FINANCIERS)
    lijn: int = veld("0 = informeel, 1 = eerstelijns, 2 = tweedelijns", AANTAL)
    betrouwbaarheid: str = veld("betrouwbaarheid van de tariefrij", CODE, waarden=BETROUWBAARHEDEN)
    bron: str = veld("bron van de tariefrij", TEKST)
    tarief_bestand: str = veld("het tariefbestand van de gekozen rij", TEKST)
    tarief_regel: int = veld("de regel van de gekozen rij in dat bestand", AANTAL)


@dataclass(frozen=True, slots=True)
class CasusCijfers:
    """De cijfers van één casus."""

    id: str = veld("het id van de casus", TEKST)
    gemeente: str = veld("de gemeente", TEKST)
    bestand: str = veld("het casusbestand", TEKST)
    datum: str = veld("wanneer de casus is beschreven", DATUM)
    zekerheid: str = veld("hoe zeker het traject vóór 2015 is", CODE, waarden=ZEKERHEDEN)
    horizon_maanden: int = veld("de periode waarover beide trajecten lopen", MAANDEN)
    teammodel: str | None = veld("het Movisie-teammodel (leeg: niet ingevuld)", CODE, waarden=("A1", "A2", "B", "C"))
    zwaarte: str | None = veld("de zwaarte van de problematiek (leeg: niet ingevuld)", CODE, waarden=ZWAARTES)
    selectie: str | None = veld(
        "hoe de casus in het onderzoek kwam (leeg: niet ingevuld)", CODE, waarden=("aselect", "gekozen")
    )
    leefgebieden: tuple[str, ...] = veld("de leefgebieden van de casus", CODE)
    kosten_voor_2015: float = veld("kosten van het traject vóór 2015 (maatschappelijk)", EURO)
    kosten_sociaal_team: float = veld("kosten van het traject van het sociaal team (maatschappelijk)", EURO)
    besparing: float = veld("kosten vóór 2015 min kosten sociaal team", EURO)
    besparing_pct: float | None = veld(f"{_PCT} (leeg als die 0 zijn)", PROCENT)
    correctie: float = veld("het deel van de vermeden kosten dat de zekerheidscorrectie aftrekt", AANDEEL)
    kosten_voor_2015_gecorrigeerd: float = veld(f"kosten vóór 2015, {_GEC}", EURO)
    besparing_gecorrigeerd: float = veld(f"besparing, {_GEC}", EURO)
    besparing_pct_gecorrigeerd: float | None = veld(f"{_PCT}, {_GEC}", PROCENT)
    vermeden_kosten: float = veld(
        "kosten vóór 2015 die het sociaal team voorkwam (per tariefcode, alleen positieve verschillen)", EURO
    )
    besparing_per_jaar: float = veld("besparing omgerekend naar 12 maanden", EURO_PER_CASUS_PER_JAAR)
    besparing_per_jaar_gecorrigeerd: float = veld(
        f"besparing omgerekend naar 12 maanden, {_GEC}", EURO_PER_CASUS_PER_JAAR
    )
    kernboodschap: str = veld("de uitkomst van de casus in één zin", TEKST)
    antwoord: CasusAntwoord = veld("het antwoord voor dit huishouden", TEKST)
    per_perspectief: dict[str, Perspectief] = veld(
        "de kosten per perspectief (maatschappelijk, collectief, gemeente)",
        TEKST,
        sleutels=PERSPECTIEVEN,
        voorvoegsel="",
    )
    aandeel_kosten_laag_betrouwbaar: dict[str, float | None] = veld(
        "per traject het aandeel van de kosten uit tariefrijen met betrouwbaarheid laag", AANDEEL, sleutels=TRAJECTEN
    )
    doelen: dict[str, str] = veld(
        f"per doel het oordeel ({', '.join(OORDELEN)})", CODE, sleutels=DOELEN, voorvoegsel="doel_"
    )
    regels: tuple[RegelCijfers, ...] = veld("de beprijsde inzetregels", TEKST, tabel="regels")
    waarschuwingen: tuple[Waarschuwing, ...] = veld("waarschuwingen bij deze casus", TEKST, in_tabel=False)

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object (zoals in `bereken --json`)."""
        return naar_json(self)


@dataclass(frozen=True, slots=True)
class Weggelaten:
    """Een casusbestand dat met `--sla-ongeldige-over` is weggelaten."""

    bestand: str = veld("het casusbestand", TEKST)
    id: str | None = veld("het id van de casus, als het leesbaar was", TEKST)
    gemeente: str | None = veld("de gemeente, als die leesbaar was", TEKST)
    meldingen: tuple[str, ...] = veld("waarom het is weggelaten", TEKST)


@dataclass(frozen=True, slots=True)
class Invoerbestand:
    """Een gelezen casusbestand met zijn SHA-256."""

    bestand: str = veld("het casusbestand", TEKST)
    sha256: str = veld("SHA-256 van de inhoud", SHA256)


def _kort(agg: Aggregaat) -> str:
    a = agg.antwoord
    from .. import formaat

    kans = f", kans {formaat.kans(a.kans_besparing)}" if a.kans_besparing is not None else ""
    casussen = formaat.aantal(agg.aantal_casussen, "casus", "casussen")
    return (
        f"Aggregaat({agg.gemeente or 'Totaal'}: {casussen}, {formaat.euro(a.schatting)} per "
        f"huishouden per jaar na correctie{kans})"
    )


Aggregaat.__repr__ = _kort  # type: ignore[method-assign,assignment]

for _klasse in (
    Perspectief,
    FinancierCijfers,
    DoelCijfers,
    Gevoeligheid,
    Invloed,
    Periode,
    Kanspunt,
    PerspectiefAntwoord,
    Bron,
    Omslagpunten,
    Gepoold,
    Antwoord,
    Groep,
    Vergelijking,
    CasusAntwoord,
    Representativiteit,
    FinancierPerJaar,
    Jaarbedrag,
    Opgeschaald,
    Aggregaat,
    RegelCijfers,
    CasusCijfers,
    Weggelaten,
    Invoerbestand,
):
    beschrijf(_klasse)
