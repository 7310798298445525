"""Persoonsgegevens in de vrije tekst van een casus vinden, zonder ze ooit zelf te herhalen.

Casussen beschrijven kwetsbare huishoudens; een BSN of IBAN in een situatieschets mag nooit in een raadsrapport
belanden. Gezocht wordt naar burgerservicenummers (elfproef), IBANs (mod-97), e-mailadressen, Nederlandse
telefoonnummers, postcodes met huisnummer en geboortedata. Alleen vrije tekst wordt doorzocht (niet `datum`,
bedragen of tariefcodes), en elke vondst wordt gemaskeerd gemeld: `12*****82`, `NL** **** **** **** 00`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..fouten import Melding, Waarschuwing
from .casussen import CasusBestand
from .modellen import DOELEN, TRAJECTEN, Casus, Doel, Traject
from .yamlbron import Pad, pad_tekst

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

# Lengte van een IBAN per land (SWIFT IBAN-register); samen met mod-97 houdt dit gewone tekst buiten schot.
_IBAN_LENGTE = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip

# IBAN aaneengeschreven of in groepjes van vier (`NL91 ABNA 0417 1643 00`)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b")
# 9 cijfers, eventueel als 123.456.782, 123 456 782 of 1234.56.782; niet midden in een groter getal of bedrag
_BSN = re.compile(r"(?<![\d.,€])(?<!€ )(?:\d{9}|\d{3}([. ])\d{3}\1\d{3}|\d{4}([. ])\d{2}\2\d{3})(?![\d€]|[.,]\d)")
# 0, +31 of 0031, een kengetal zonder 0 en in totaal 9 cijfers, met hooguit één spatie of streepje ertussen
_TELEFOON = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[ -]?\(0\))?[ -]?[1-9](?:[ -]?\d){8}(?![\d])")
_POSTCODE = r"[1-9]\d{3} ?[A-Z]{2}(?![A-Za-z])"
_HUISNUMMER = r"\d{1,5}(?: ?[a-zA-Z](?![A-Za-z])|-\d{1,4})?"
# postcode met huisnummer (`1234 AB 12a`), en huisnummer met postcode (`Dorpsstraat 12, 1234 AB`)
_POSTCODE_HUISNUMMER = re.compile(rf"(?<![\w-]){_POSTCODE}[ ,]+(?:nr\.? ?)?{_HUISNUMMER}(?!\d)")
_HUISNUMMER_POSTCODE = re.compile(rf"(?<![\w-]){_HUISNUMMER},? {_POSTCODE}")
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
    """Voldoen 9 cijfers aan de elfproef voor burgerservicenummers (9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0 mod 11)?"""
    if len(cijfers) != 9 or not cijfers.isdigit():
        return False
    som = sum(gewicht * int(c) for gewicht, c in zip(range(9, 1, -1), cijfers[:8], strict=True)) - int(cijfers[8])
    return som != 0 and som % 11 == 0


def iban_geldig(iban: str) -> bool:
    """Klopt de lengte voor het land en het controlegetal (mod-97 == 1) van een IBAN (spaties mogen)?"""
    compact = iban.replace(" ", "").upper()
    if _IBAN_LENGTE.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    herschikt = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in herschikt)) % 97 == 1


def _iban_in(gevonden: str) -> str | None:
    """Het geldige IBAN waarmee `gevonden` begint, of None.

    Het patroon kan een woord te veel pakken (`BE68 5390 0754 7034 voor`); de lengte per land bepaalt waar het
    IBAN ophoudt, en daar moet een groepje eindigen.
    """
    lengte = _IBAN_LENGTE.get(gevonden[:2].upper())
    if lengte is None:
        return None
    geteld = 0
    for i, teken in enumerate(gevonden):
        geteld += teken != " "
        if geteld == lengte:
            kandidaat, rest = gevonden[: i + 1], gevonden[i + 1 :]
            return kandidaat if (not rest or rest[0] == " ") and iban_geldig(kandidaat) else None
    return None


def _masker(waarde: str, begin: int, eind: int) -> str:
    """Houd de eerste `begin` en laatste `eind` letters/cijfers, vervang de rest door `*`; leestekens blijven."""
    posities = [i for i, c in enumerate(waarde) if c.isalnum()]
    zichtbaar = set(posities[:begin]) | set(posities[len(posities) - eind :] if eind else ())
    return "".join(c if not c.isalnum() or i in zichtbaar else "*" for i, c in enumerate(waarde))


def _masker_iban(iban: str) -> str:
    compact = iban.replace(" ", "").upper()
    rest = "*" * (len(compact) - 6) + compact[-2:]
    return f"{compact[:2]}** " + " ".join(rest[i : i + 4] for i in range(0, len(rest), 4))


def _masker_email(adres: str) -> str:
    lokaal, _, domein = adres.partition("@")
    return f"{lokaal[0]}***@***.{domein.rsplit('.', 1)[-1]}"


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
        yield Treffer("postcode", m.start(), m.end(), _masker(m.group(), 2, 0))
    for m in _HUISNUMMER_POSTCODE.finditer(tekst):
        yield Treffer("postcode", m.start(), m.end(), _masker(m.group(), 0, 0))
    for m in _GEBOREN.finditer(tekst):
        yield Treffer("geboortedatum", m.start(1), m.end(1), _masker(m.group(1), 0, 0))
    for m in _OUDE_DATUM.finditer(tekst):
        dag, maand = int(m.group(1)), int(m.group(3))
        if 1 <= dag <= 31 and 1 <= maand <= 12 and int(m.group(4)) < 2010:
            yield Treffer("geboortedatum", m.start(), m.end(), _masker(m.group(), 0, 0))


def zoek(tekst: str) -> list[Treffer]:
    """Alle vermoedelijke persoonsgegevens in `tekst`, op volgorde, zonder overlap (de langste wint)."""
    gekozen: list[Treffer] = []
    for treffer in sorted(_kandidaten(tekst), key=lambda t: (t.begin, -(t.eind - t.begin))):
        if not gekozen or treffer.begin >= gekozen[-1].eind:
            gekozen.append(treffer)
    return gekozen


def vrije_teksten(casus: Casus) -> Iterator[tuple[Pad, str]]:
    """Elk vrij-tekstveld van een casus met zijn pad: situatie, onderbouwing, team, beschrijvingen, toelichtingen."""
    for veld in ("situatie", "onderbouwing", "team", "ingebracht_door"):
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


def zonder_vrije_tekst(cb: CasusBestand) -> CasusBestand:
    """De casus zonder situatie, onderbouwing, beschrijvingen en toelichtingen (voor `--anoniem`).

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
        update={"situatie": WEGGELATEN, "onderbouwing": None, "trajecten": trajecten, "doelen": doelen}
    )
    return CasusBestand(kaal, cb.document)
