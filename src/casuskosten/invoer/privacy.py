"""Persoonsgegevens in de vrije tekst van een casus vinden, zonder ze ooit zelf te herhalen.

Casussen beschrijven kwetsbare huishoudens; een BSN of IBAN in een situatieschets mag nooit in een raadsrapport
belanden. Gezocht wordt naar burgerservicenummers (elfproef), IBANs (mod-97), e-mailadressen, Nederlandse
telefoonnummers, postcodes met huisnummer en geboortedata. Alleen vrije tekst wordt doorzocht (niet `datum`,
bedragen of tariefcodes), en elke vondst wordt gemaskeerd gemeld: `12*****82`, `NL** **** **** **** 00`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn

from ..fouten import CITAAT, Melding, Waarschuwing, zet_masker
from .modellen import DOELEN, TRAJECTEN, Casus, Doel, Traject
from .yamlbron import Pad, pad_tekst

if TYPE_CHECKING:  # casussen importeert validatie; privacy wordt al bij `import casuskosten.invoer` geladen
    from .casussen import CasusBestand

#: voorvoegsel van de code van elke privacywaarschuwing
CODE_VOORVOEGSEL = "privacy_"

#: soort -> hoe de melding de vondst noemt
SOORTEN: dict[str, str] = {
    "bsn": "burgerservicenummer (BSN)",
    "iban": "IBAN (rekeningnummer)",
    "email": "e-mailadres",
    "telefoon": "telefoonnummer",
    "postcode": "postcode met huisnummer",
    "geboortedatum": "geboortedatum",
}

# IBAN aaneengeschreven of in groepjes van vier, gescheiden door spatie of punt (`NL91 ABNA 0417 1643 00`,
# `NL91.ABNA.0417.1643.00`)
_IBAN = re.compile(
    r"\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?:[ .]?[A-Z0-9]{4}){2,7}(?:[ .]?[A-Z0-9]{1,3})?)\b", re.IGNORECASE
)
# begrensd (een lokaal deel is hooguit 64 tekens, een domeinlabel 63, RFC 5321): met `*` zocht het patroon vanaf
# elk woordbegin in een lange rij als `a.a.a.a...` tot het eind naar een `@`, kwadratisch in de tekstlengte
_EMAIL = re.compile(r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b")
# 9 cijfers, eventueel als 123.456.782, 123-456-782, 123 456 782 (ook over een regelovergang) of 1234.56.782;
# niet midden in een groter getal of bedrag
_BSN = re.compile(
    r"(?<![\d.,€])(?<!€ )"
    r"(?:\d{9}|\d{3}([.-])\d{3}\1\d{3}|\d{3}\s+\d{3}\s+\d{3}|\d{6}\s*\n\s*\d{3}|\d{3}\s*\n\s*\d{6}"
    r"|\d{4}([. -])\d{2}\2\d{3})"
    r"(?![\d€]|[.,]\d)"
)
# 0, +31 of 0031, een kengetal zonder 0 en in totaal 9 cijfers; tussen de cijfers spaties, streepjes, een schuine
# streep of haakjes om het kengetal (`(010) 123 45 67`, `06/12345678`)
_TELEFOON = re.compile(r"(?<![\w+])(?:\+31|0031|\(0|0)(?:[ -]?\(0\))?\)?[ -/]?[1-9](?:\)?[ -/]?\d){8}(?![\d])")
_POSTCODE = r"(?P<cijfers>[1-9]\d{3}) ?(?P<letters>[A-Za-z]{2})(?![A-Za-z])"
_HUISNUMMER = r"\d{1,5}(?: ?[a-zA-Z](?![A-Za-z])|-\d{1,4})?"
# postcode met huisnummer (`1234 AB 12a`), en huisnummer met postcode (`Dorpsstraat 12, 1234 AB`)
_POSTCODE_HUISNUMMER = re.compile(rf"(?<![\w-]){_POSTCODE}[ ,]+(?:nr\.? ?)?{_HUISNUMMER}(?!\d)")
_HUISNUMMER_POSTCODE = re.compile(rf"(?<![\w-]){_HUISNUMMER},? {_POSTCODE}")
# postcodeletters die in kleine letters gewone woorden zijn (`2016 en 3`, `1500 op 20`): alleen in hoofdletters
_WOORDEN = frozenset(
    {"aa", "al", "af", "as", "at", "ca", "de", "en", "er", "ex", "im", "in", "is", "je", "ik", "na", "nu", "of"}
    | {"om", "on", "op", "pa", "te", "to", "uw", "vs", "we", "ze", "zo"}
)
# een jaartal met een woord van tijd ervoor (`in 2016 WW 6 maanden`) is geen postcode
_TIJDWOORD_VENSTER = 64
_TIJDWOORD = re.compile(r"(?:in|sinds|vanaf|van|tot|t/m|tussen|per|na|voor|begin|eind|medio|rond|jaar)\s*$", re.I)
_MAANDEN = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATUM = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}} (?:{_MAANDEN})\.? (?:19|20)\d{{2}})"
)
# een datum kort na geboren, geb., geboortedatum, geboortedag
_GEBOREN = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum|geboortedag)\W{{1,3}}(?:\w+ ){{0,3}}?({_DATUM})", re.IGNORECASE
)
# een losse dd-mm-jjjj-datum van vóór 2010: in vrije tekst vrijwel altijd een geboortedatum
_OUDE_DATUM = re.compile(r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(19\d{2}|200\d)(?![\d/-]|\.\d)")


@dataclass(frozen=True, slots=True)
class Treffer:
    """Een vermoedelijk persoonsgegeven in een tekst: soort, positie en de gemaskeerde vorm."""

    soort: str
    begin: int
    eind: int
    gemaskeerd: str


@dataclass(frozen=True, slots=True)
class Vondst:
    """Een treffer in een casusbestand, met bestand, regel en veld."""

    soort: str
    gemaskeerd: str
    bestand: str
    regel: int | None
    veld: str
    casus: str
    gemeente: str

    @property
    def code(self) -> str:
        """De vaste waarschuwingscode, bijvoorbeeld `privacy_bsn`."""
        return CODE_VOORVOEGSEL + self.soort

    @property
    def tekst(self) -> str:
        """Wat er gevonden is en wat de gebruiker moet doen; herhaalt de waarde nooit volledig."""
        return (
            f"mogelijk een {SOORTEN[self.soort]}: '{self.gemaskeerd}'; "
            "haal het uit de casus en noem mensen alleen bij hun rol"
        )

    def waarschuwing(self) -> Waarschuwing:
        """Als waarschuwing, met `bestand:regel: veld:` voorin de melding."""
        return Waarschuwing(self.code, str(self.melding()), self.bestand, self.casus, self.gemeente)

    def melding(self) -> Melding:
        """Als foutmelding (voor `controleer --streng`)."""
        return Melding(self.bestand, self.regel, self.veld, self.tekst)


def elfproef(cijfers: str) -> bool:
    """Voldoen 9 cijfers aan de elfproef voor burgerservicenummers (python-stdnum; 000000000 telt niet)?"""
    if len(cijfers) != 9 or not cijfers.isdigit() or int(cijfers) == 0:
        return False
    return bool(stdnum_bsn.is_valid(cijfers))


def iban_geldig(iban: str) -> bool:
    """Klopt de lengte voor het land en het controlegetal (mod-97) van een IBAN (python-stdnum; spaties mogen)?"""
    try:
        # check_country=False: alleen lengte en opbouw per land en mod-97; een IBAN met een (volgens de nationale
        # controle) fout rekeningnummer is nog steeds een rekeningnummer dat niet in een rapport hoort
        stdnum_iban.validate(iban.replace(".", " "), check_country=False)
    except ValidationError:
        return False
    return True


def _iban_in(gevonden: str) -> str | None:
    """Het langste geldige IBAN waarmee `gevonden` begint, of None.

    Het patroon kan een woord te veel pakken (`BE68 5390 0754 7034 voor`); een IBAN houdt op aan het eind van een
    groepje (of van de tekst) en het controlegetal moet kloppen.
    """
    for eind in range(len(gevonden), 14, -1):
        if eind < len(gevonden) and gevonden[eind] not in " .":
            continue
        kandidaat = gevonden[:eind]
        if iban_geldig(kandidaat):
            return kandidaat
    return None


def _masker(waarde: str, begin: int, eind: int) -> str:
    """Houd de eerste `begin` en laatste `eind` letters/cijfers, vervang de rest door `*`; leestekens blijven."""
    posities = [i for i, c in enumerate(waarde) if c.isalnum()]
    zichtbaar = set(posities[:begin]) | set(posities[len(posities) - eind :] if eind else ())
    return "".join(c if not c.isalnum() or i in zichtbaar else "*" for i, c in enumerate(waarde))


def _masker_iban(iban: str) -> str:
    compact = re.sub(r"[ .]", "", iban).upper()
    rest = "*" * (len(compact) - 6) + compact[-2:]
    return f"{compact[:2]}** " + " ".join(rest[i : i + 4] for i in range(0, len(rest), 4))


def _masker_email(adres: str) -> str:
    lokaal, _, domein = adres.partition("@")
    return f"{lokaal[0]}***@***.{domein.rsplit('.', 1)[-1]}"


def _is_postcode(tekst: str, m: re.Match[str]) -> bool:
    """Is dit postcodevormige stuk echt een postcode? Niet bij een gewoon woord in kleine letters (`2016 en 3`) of
    een jaartal na een woord van tijd (`in 2016 WW 6 maanden`)."""
    letters = m.group("letters")
    if letters.islower() and letters in _WOORDEN:
        return False
    if not (letters.isupper() or letters.islower()):
        return False  # `1234 Ab 5`: geen schrijfwijze van een postcode
    jaar = 1900 <= int(m.group("cijfers")) <= 2099
    # alleen het stuk vlak ervoor: vanaf het begin van de tekst zoeken maakte de scan kwadratisch (elke
    # postcodevorm doorzocht alles ervoor; 50 KB `2016 AB 12 ...` kostte 35 s)
    begin = m.start("cijfers")
    return not (jaar and _TIJDWOORD.search(tekst, max(0, begin - _TIJDWOORD_VENSTER), begin))


def maskeer(tekst: str) -> str:
    """`tekst` met elk vermoedelijk persoonsgegeven vervangen door zijn gemaskeerde vorm.

    Eén functie voor elke plek waar een waarde van de gebruiker terugkomt (meldingen, waarschuwingen, export,
    rapporten): wat de controle zou melden, komt nergens onverkort terug. Dezelfde korte tekst (een bestandsnaam,
    gemeente of melding die vaak terugkomt) wordt maar één keer doorzocht.
    """
    if len(tekst) <= _ONTHOUD_TOT:
        return _maskeer_onthouden(tekst)
    return _maskeer(tekst)


#: tot deze lengte onthoudt `maskeer` zijn uitkomst (meldingen, namen); een lange situatie niet
_ONTHOUD_TOT = 2_000


@functools.lru_cache(maxsize=8_192)
def _maskeer_onthouden(tekst: str) -> str:
    return _maskeer(tekst)


def _maskeer(tekst: str) -> str:
    treffers = zoek(tekst)
    if not treffers:
        return tekst
    delen, vorige = [], 0
    for t in treffers:
        delen += [tekst[vorige : t.begin], t.gemaskeerd]
        vorige = t.eind
    return "".join([*delen, tekst[vorige:]])


def _kandidaten(tekst: str) -> Iterator[Treffer]:
    for m in _IBAN.finditer(tekst):
        iban = _iban_in(m.group())
        if iban is not None:
            yield Treffer("iban", m.start(), m.start() + len(iban), _masker_iban(iban))
    for m in _EMAIL.finditer(tekst):
        yield Treffer("email", m.start(), m.end(), _masker_email(m.group()))
    for m in _BSN.finditer(tekst):
        if elfproef(re.sub(r"\D", "", m.group())):
            yield Treffer("bsn", m.start(), m.end(), _masker(m.group(), 2, 2))
    for m in _TELEFOON.finditer(tekst):
        yield Treffer("telefoon", m.start(), m.end(), _masker(m.group(), 2, 2))
    for m in _POSTCODE_HUISNUMMER.finditer(tekst):
        if _is_postcode(tekst, m):
            yield Treffer("postcode", m.start(), m.end(), _masker(m.group(), 2, 0))
    for m in _HUISNUMMER_POSTCODE.finditer(tekst):
        if _is_postcode(tekst, m):
            yield Treffer("postcode", m.start(), m.end(), _masker(m.group(), 0, 0))
    for m in _GEBOREN.finditer(tekst):
        yield Treffer("geboortedatum", m.start(1), m.end(1), _masker(m.group(1), 0, 0))
    for m in _OUDE_DATUM.finditer(tekst):
        dag, maand = int(m.group(1)), int(m.group(3))
        if 1 <= dag <= 31 and 1 <= maand <= 12 and int(m.group(4)) < 2010:
            yield Treffer("geboortedatum", m.start(), m.end(), _masker(m.group(), 0, 0))


# streepjes die Word en andere tekstverwerkers schrijven (koppelteken, niet-afbrekend, figuur-, en-, em-streepje,
# minteken, klein en volbreedte koppelteken) en spaties (harde spatie, smalle harde spatie, ...) na NFKC
_STREEPJES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SPATIES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " "
)
_NIET_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.cache
def _teken(teken: str) -> str:
    """Eén niet-ASCII-teken zoals de herkenning het ziet: NFKC (volbreedte cijfers worden 0-9), streepjes `-`,
    spaties ` `; onzichtbare opmaaktekens (breedteloze spatie, zachte afbreking) vallen weg."""
    if unicodedata.category(teken) == "Cf":
        return ""
    return unicodedata.normalize("NFKC", teken).translate(_STREEPJES).translate(_SPATIES)


def _genormaliseerd(tekst: str) -> tuple[str, list[int] | None]:
    """`tekst` genormaliseerd voor de herkenning, met per teken de positie in het origineel (plus het eind); None
    als er niets te normaliseren viel (zuiver ASCII). Lineair: alleen niet-ASCII-stukken worden per teken bekeken."""
    if tekst.isascii():
        return tekst, None
    delen: list[str] = []
    posities: list[int] = []
    vorige = 0
    for m in _NIET_ASCII.finditer(tekst):
        delen.append(tekst[vorige : m.start()])
        posities.extend(range(vorige, m.start()))
        for i in range(m.start(), m.end()):
            vorm = _teken(tekst[i])
            delen.append(vorm)
            posities.extend([i] * len(vorm))
        vorige = m.end()
    delen.append(tekst[vorige:])
    posities.extend(range(vorige, len(tekst) + 1))
    return "".join(delen), posities


def zoek(tekst: str) -> list[Treffer]:
    """Alle vermoedelijke persoonsgegevens in `tekst`, op volgorde, zonder overlap (de langste wint).

    Gezocht wordt in de genormaliseerde tekst (NFKC, streepjes, spaties; zie `_teken`), zodat een BSN met harde
    spaties, een IBAN met volbreedte cijfers of een telefoonnummer met een en-streepje (zoals Word ze schrijft) ook
    gevonden wordt; `begin` en `eind` wijzen in de oorspronkelijke tekst.
    """
    genormaliseerd, posities = _genormaliseerd(tekst)
    gekozen: list[Treffer] = []
    for treffer in sorted(_kandidaten(genormaliseerd), key=lambda t: (t.begin, -(t.eind - t.begin))):
        if not gekozen or treffer.begin >= gekozen[-1].eind:
            gekozen.append(treffer)
    if posities is None:
        return gekozen
    return [
        dataclasses.replace(t, begin=posities[t.begin], eind=posities[t.eind - 1] + 1) if t.eind > t.begin else t
        for t in gekozen
    ]


def vrije_teksten(casus: Casus) -> Iterator[tuple[Pad, str]]:
    """Elk vrij-tekstveld van een casus met zijn pad: situatie, onderbouwing, team, beschrijvingen, toelichtingen."""
    # ook id en gemeente: geen vrije tekst, maar een id als 111222333 staat daarna in elk rapport
    for veld in ("id", "gemeente", "situatie", "onderbouwing", "team", "ingebracht_door"):
        waarde: str | None = getattr(casus, veld)
        if waarde:
            yield (veld,), waarde
    for traject in TRAJECTEN:
        gegevens: Traject = getattr(casus.trajecten, traject)
        if gegevens.beschrijving:
            yield ("trajecten", traject, "beschrijving"), gegevens.beschrijving
        for i, inzet in enumerate(gegevens.inzet):
            if inzet.toelichting:
                yield ("trajecten", traject, "inzet", i, "toelichting"), inzet.toelichting
    for doel in DOELEN:
        oordeel: Doel = getattr(casus.doelen, doel)
        if oordeel.toelichting:
            yield ("doelen", doel, "toelichting"), oordeel.toelichting


def controleer_privacy(cb: CasusBestand) -> tuple[Vondst, ...]:
    """Alle vermoedelijke persoonsgegevens in de vrije tekst van één casus."""
    uit = []
    for pad, tekst in vrije_teksten(cb.casus):
        for treffer in zoek(tekst):
            uit.append(
                Vondst(
                    treffer.soort,
                    treffer.gemaskeerd,
                    cb.bestand,
                    cb.document.regel(pad),
                    pad_tekst(pad),
                    cb.casus.id,
                    cb.casus.gemeente,
                )
            )
    return tuple(uit)


def privacy_waarschuwingen(casussen: Sequence[CasusBestand]) -> dict[str, tuple[Waarschuwing, ...]]:
    """Per casus-id de privacywaarschuwingen (alleen casussen met een vondst)."""
    uit = {}
    for cb in casussen:
        vondsten = controleer_privacy(cb)
        if vondsten:
            uit[cb.casus.id] = tuple(v.waarschuwing() for v in vondsten)
    return uit


WEGGELATEN = "(weggelaten: rapport gemaakt met --anoniem)"


T = TypeVar("T")


def zonder_citaten(melding: Melding) -> Melding:
    """De melding zonder de tekst van geciteerde waarden (`'...'` wordt `'…'`), voor `--anoniem`: een ongeldige
    waarde kan een naam of verhaal bevatten dat geen patroon herkent."""
    return Melding(melding.bestand, melding.regel, melding.veld, CITAAT.sub("'…'", melding.tekst))


def maskeer_teksten(waarde: T) -> T:
    """`waarde` (een bevroren dataclass, tuple, lijst, woordenboek of tekst, ook genest) met elke tekst door
    `maskeer`: gemeentenamen, ids, kernboodschappen en titels in een aggregaat of vergelijking (voor `--anoniem`), het
    formulier van de casussessie voor een deelnemer. Getallen en ja/nee blijven gelijk."""
    if isinstance(waarde, str):
        return maskeer(waarde)  # type: ignore[return-value]
    if isinstance(waarde, tuple):
        return tuple(maskeer_teksten(w) for w in waarde)  # type: ignore[return-value]
    if isinstance(waarde, list):  # het formulier van de casussessie
        return [maskeer_teksten(w) for w in waarde]  # type: ignore[return-value]
    if isinstance(waarde, dict):
        return {k: maskeer_teksten(w) for k, w in waarde.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        velden = {v.name: getattr(waarde, v.name) for v in dataclasses.fields(waarde) if v.init}
        nieuw = {k: maskeer_teksten(w) for k, w in velden.items()}
        if all(nieuw[k] is velden[k] for k in velden):
            return waarde
        return dataclasses.replace(waarde, **nieuw)
    return waarde


def zonder_vrije_tekst(cb: CasusBestand) -> CasusBestand:
    """De casus zonder situatie, onderbouwing, team, ingebracht_door, beschrijvingen en toelichtingen (voor
    `--anoniem`); een id of gemeente die op een persoonsgegeven lijkt, wordt gemaskeerd.

    De cijfers veranderen niet: alleen de vrije tekst gaat eruit. De verplichte situatie krijgt een vaste tekst die
    zegt dat hij bewust is weggelaten.
    """
    casus = cb.casus

    def traject(t: Traject) -> Traject:
        inzet = tuple(i.model_copy(update={"toelichting": None}) for i in t.inzet)
        return t.model_copy(update={"beschrijving": None, "inzet": inzet})

    doelen = casus.doelen.model_copy(
        update={d: getattr(casus.doelen, d).model_copy(update={"toelichting": None}) for d in DOELEN}
    )
    trajecten = casus.trajecten.model_copy(update={t: traject(getattr(casus.trajecten, t)) for t in TRAJECTEN})
    kaal = casus.model_copy(
        update={
            "id": maskeer(casus.id),
            "gemeente": maskeer(casus.gemeente),
            "situatie": WEGGELATEN,
            "onderbouwing": None,
            "team": None,  # de README telt team en ingebracht_door tot de vrije tekst
            "ingebracht_door": None,
            "trajecten": trajecten,
            "doelen": doelen,
        }
    )
    return dataclasses.replace(cb, casus=kaal)


# Elke melding en waarschuwing gaat door `maskeer` (zie fouten.zet_masker): één plek voor stderr, JSON, export en
# rapporten. Hier en niet in fouten.py, omdat fouten de onderste laag is en de herkenning hier woont.
zet_masker(maskeer)
