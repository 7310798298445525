"""De sectie 'Wat betekent dit voor de begroting?' van het gemeenterapport: de opschaling naar de caseload.

Zonder [opschaling] voor de gemeente staat er één regel (`NIET_OPGESCHAALD`); anders de kerncijfers per jaar, de
besparing per financier met een grafiek, de representativiteit, de formatie en wat de cijfers niet zeggen.
"""

from __future__ import annotations

from ... import formaat as f
from ...benamingen import financiernaam
from ...rekenen.waarden import Aggregaat, Opgeschaald
from .blokken import (
    Alinea,
    BesparingPerFinancierPerJaar,
    Blok,
    Figuur,
    Financierbesparing,
    Grafiek,
    Opsomming,
    Sectie,
    Tussenkop,
    tabel,
)
from .gedeeld import euro_interval

BEGROTING_TITEL = "Wat betekent dit voor de begroting?"
NIET_OPGESCHAALD = "Niet opgeschaald: geen [opschaling] voor deze gemeente in casuskosten.toml."

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


def begrotingssectie(agg: Aggregaat, kleur: str) -> Sectie:
    """De begrotingssectie van één gemeente, uit `agg.opschaling`; `kleur` is de hoofdkleur van de grafiek."""
    o = agg.opschaling
    if o is None:
        return Sectie(BEGROTING_TITEL, "begroting", (Alinea(NIET_OPGESCHAALD),))
    financiers = tuple(
        (financiernaam(fin.financier), f.euro(fin.besparing_per_jaar), fin.rol) for fin in o.per_financier_per_jaar
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
    blokken: tuple[Blok, ...] = (
        *(Alinea(zin) for zin in _inleiding(o)),
        tabel(("Cijfer", "Waarde", "95%-interval"), _kern(o), rechts=(1, 2)),
        Tussenkop("Per financier per jaar"),
        tabel(("Financier", "Besparing per jaar", "Rol"), financiers, rechts=(1,)),
        Figuur(_grafiek(o, financiers, kleur)),
        Tussenkop("Lijken de casussen op de caseload?"),
        tabel(("Zwaarte", "Casussen", "Aandeel casussen", "Aandeel caseload"), representatief, rechts=(1, 2, 3)),
        Tussenkop("Formatie"),
        tabel(("Formatie", "Waarde"), _formatie(o), rechts=(1,)),
        Opsomming((*(w.melding for w in o.waarschuwingen), *_NIET_BEDOELD)),
    )
    return Sectie(BEGROTING_TITEL, "begroting", blokken)


def _inleiding(o: Opgeschaald) -> tuple[str, ...]:
    weging = (
        "gewogen naar de verdeling van de caseload over enkelvoudig, meervoudig en complex (poststratificatie)"
        if o.weging == "verdeling"
        else "als gewoon gemiddelde over de casussen (niet gewogen naar zwaarte)"
    )
    gewogen = (
        f"De teams ondersteunen per jaar {f.getal(o.casussen_per_jaar, 0)} huishoudens. Als de casussen typisch zijn "
        "voor die huishoudens, bespaart de aanpak van het sociaal team per jaar "
        f"{f.euro(o.besparing_per_jaar_gecorrigeerd)} na correctie "
        f"{euro_interval(o.interval95)}: het aantal huishoudens maal de besparing per "
        f"huishouden per jaar, {weging}."
    )
    if o.kans_besparing is None:
        return (gewogen, "Met minder dan drie casussen is er geen interval en geen kans op deze schaal.")
    return (gewogen, f"De kans dat de aanpak op deze schaal goedkoper is: {f.kans(o.kans_besparing)}.")


def _kern(o: Opgeschaald) -> tuple[tuple[str, str, str], ...]:
    """(cijfer, waarde, 95%-interval) op de schaal van de caseload."""
    return (
        ("Huishoudens per jaar", f.getal(o.casussen_per_jaar, 0), ""),
        ("Besparing per huishouden per jaar, na correctie", f.euro(o.besparing_per_casus_per_jaar_gecorrigeerd), ""),
        ("Besparing per jaar, na correctie", f.euro(o.besparing_per_jaar_gecorrigeerd), euro_interval(o.interval95)),
        ("Besparing per jaar, zonder correctie", f.euro(o.besparing_per_jaar), ""),
        ("Kans dat het sociaal team goedkoper is", f.kans(o.kans_besparing), ""),
        ("Waarde van volledige kennis per jaar (EVPI)", f.euro(o.evpi) if o.evpi is not None else "–", ""),
    )


def _grafiek(o: Opgeschaald, financiers: tuple[tuple[str, str, str], ...], kleur: str) -> Grafiek:
    """De besparing per financier per jaar; `financiers` zijn de rijen van de tabel erboven (naam, bedrag, rol)."""
    beschrijving = "; ".join(f"{naam} {bedrag} ({rol})" for naam, bedrag, rol in financiers)
    return Grafiek(
        "begroting-financiers",
        "Besparing per financier per jaar, op de schaal van de caseload",
        f"Per financier de besparing per jaar (rechts: bespaart, links: investeert): {beschrijving}.",
        BesparingPerFinancierPerJaar(
            tuple(
                Financierbesparing(financiernaam(fin.financier), fin.besparing_per_jaar)
                for fin in o.per_financier_per_jaar
            ),
            kleur,
        ),
    )


def _formatie(o: Opgeschaald) -> tuple[tuple[str, str], ...]:
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
    return tuple(formatie)
