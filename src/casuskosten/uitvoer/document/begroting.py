"""De sectie 'Wat betekent dit voor de begroting?' van het gemeenterapport: de opschaling naar de caseload.

Zonder [opschaling] voor de gemeente staat er één regel (`NIET_OPGESCHAALD`); anders de kerncijfers per jaar, de
besparing per financier met een grafiek, de representativiteit, de formatie en wat de cijfers niet zeggen.
"""

from __future__ import annotations

from collections.abc import Callable

from ... import formaat as f
from ...benamingen import financiernaam, waarschuwingstekst
from ...rekenen.waarden import Aggregaat, Jaarbedrag, Opgeschaald
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
        "Per financier staan de bedragen na zekerheidscorrectie (die gaat naar de financier van de vermeden kosten) "
        "en met overdrachten (zoals bijstand), zoals in de tabel 'Wie investeert, wie bespaart'."
    ),
)


#: de bronregel van de begroting: de casussen opgeschaald met de getallen uit de instellingen
BRON_OPSCHALING = "Bron: de casussen, opgeschaald met de getallen in de instellingen (zie Verantwoording)."


def begrotingssectie(agg: Aggregaat, kleur: str, aannames: tuple[str, ...] = ()) -> Sectie:
    """De begrotingssectie van één gemeente, uit `agg.opschaling`; `kleur` is de hoofdkleur van de grafiek;
    `aannames`: de instellingen zonder bron (`Instellingen.aannames`), die "(aanname)" krijgen."""
    o = agg.opschaling
    if o is None:
        return Sectie(BEGROTING_TITEL, "begroting", (Alinea(NIET_OPGESCHAALD),))
    financiers = tuple(
        (financiernaam(fin.financier), f.miljoen(fin.besparing_per_jaar_gecorrigeerd), fin.rol)
        for fin in o.per_financier_per_jaar
    )
    financierrijen = tuple(
        (naam, bedrag, miljoen_interval(fin.interval95), rol)
        for (naam, bedrag, rol), fin in zip(financiers, o.per_financier_per_jaar, strict=True)
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
        tabel(
            ("Cijfer", "Waarde", "95%-interval of bereik"),
            _kern(o, _aanname(aannames)),
            rechts=(1, 2),
            voetnoot="Huishoudens: nieuwe huishoudens per jaar (instroom), niet de caseload op één moment. Een casus "
            "die langer loopt dan 12 maanden telt per jaar.",
            bijschrift="De begroting op de schaal van de caseload",
            bron=BRON_OPSCHALING,
        ),
        Tussenkop("Per financier per jaar, na correctie"),
        tabel(
            ("Financier", "Besparing per jaar, na correctie", "95%-interval", "Rol"),
            financierrijen,
            rechts=(1, 2),
            voetnoot="De intervallen komen uit dezelfde simulatie als die van de gemeente; ze tellen niet op tot het "
            "interval van de gemeente, omdat de financiers samen onzeker zijn.",
            bijschrift="Besparing per financier per jaar",
            bron=BRON_OPSCHALING,
        ),
        Figuur(_grafiek(o, financiers, kleur)),
        Tussenkop("Lijken de casussen op de caseload?"),
        tabel(
            ("Zwaarte", "Casussen", "Aandeel casussen", "Aandeel caseload"),
            representatief,
            rechts=(1, 2, 3),
            bijschrift="De casussen naast de caseload, naar zwaarte",
            bron="Bron: de zwaarte van de casussen en de verdeling van de caseload in de instellingen.",
        ),
        Tussenkop("Formatie"),
        tabel(
            ("Formatie", "Waarde"),
            _formatie(o, _aanname(aannames)),
            rechts=(1,),
            bijschrift="Formatie van het team",
            bron=BRON_OPSCHALING,
        ),
        Opsomming((*(waarschuwingstekst(w) for w in o.waarschuwingen), *_NIET_BEDOELD)),
    )
    return Sectie(BEGROTING_TITEL, "begroting", blokken)


def miljoen_interval(interval: tuple[float, float] | None) -> str:
    """Een interval of bereik van jaarbedragen van de gemeente: `€ -9,7 mln tot € 44,3 mln`; None -> `–`."""
    return "–" if interval is None else f.miljoen_bereik(*interval)


def _hoofdbedrag(o: Opgeschaald) -> tuple[str, Jaarbedrag]:
    """Waar de begroting mee begint: de gedekte besparing met de hele teamkosten als die bekend zijn, anders de
    gedekte besparing."""
    if o.besparing_per_jaar_met_teamkosten is not None:
        return "na correctie en met de hele kosten van het team", o.besparing_per_jaar_met_teamkosten
    return "na correctie (alleen de teamuren uit de casussen)", o.besparing_per_jaar_gedekt


def _wie(o: Opgeschaald) -> str:
    if o.gedekt_aandeel is None:
        return (
            f"de {f.getal(o.casussen_per_jaar, 0)} nieuwe huishoudens per jaar, aangenomen dat de casussen typisch "
            "zijn voor hen (er is geen verdeling per zwaarte)"
        )
    gedekt = round(o.gedekt_aandeel * o.casussen_per_jaar)
    return f"de {f.getal(gedekt, 0)} nieuwe huishoudens per jaar in zwaartes waarvan casussen zijn"


def _inleiding(o: Opgeschaald) -> tuple[str, ...]:
    soort, bedrag = _hoofdbedrag(o)
    werkwoord = "bespaart" if bedrag.besparing_per_jaar >= 0 else "kost"
    hoofd = (
        f"Voor {_wie(o)} {werkwoord} de aanpak van het sociaal team per jaar "
        f"{f.miljoen(abs(bedrag.besparing_per_jaar))}{'' if bedrag.besparing_per_jaar >= 0 else ' méér'} {soort}"
        f"{'' if bedrag.interval95 is None else ' (95%-interval ' + miljoen_interval(bedrag.interval95) + ')'}."
    )
    zinnen = [hoofd]
    if bedrag.kans_besparing is None:
        zinnen.append("Met minder dan drie casussen is er geen interval en geen kans op deze schaal.")
    else:
        zinnen.append(f"De kans dat de aanpak op deze schaal goedkoper is: {f.kans(bedrag.kans_besparing)}.")
    if o.gedekt_aandeel is not None and o.gedekt_aandeel < 1:
        ongedekt = [r.zwaarte for r in o.representativiteit if r.casussen == 0 and (r.aandeel_caseload or 0) > 0]
        zinnen.append(
            f"Over {f.aandeel(1 - o.gedekt_aandeel)} van de caseload ({', '.join(ongedekt)}) beschrijft geen casus "
            "iets; "
            "daarom telt dat deel niet mee. Voor de hele caseload staat hieronder alleen een scenariobereik "
            f"({miljoen_interval(o.besparing_per_jaar_bereik)}): het ongedekte deel bespaart dan evenveel als de "
            "slechtste tot de beste gedekte zwaarte. Dat is geen interval."
        )
    if o.teamkosten_buiten_casussen is not None and o.teamkosten_per_huishouden_formatie is not None:
        zinnen.append(
            f"Het team kost volgens de formatie {f.euro(o.teamkosten_per_huishouden_formatie)} per huishouden per "
            f"jaar; de casussen noemen teamuren voor {f.euro(o.teamkosten_per_huishouden_casussen)}. Het verschil, "
            f"{f.euro(o.teamkosten_buiten_casussen)} per huishouden (scholing, overleg, outreach, reistijd), is "
            "van de besparing afgetrokken."
        )
    return tuple(zinnen)


def _aanname(aannames: tuple[str, ...]) -> Callable[[str], str]:
    """' (aanname)' voor een instelling zonder bron, anders niets."""
    namen = {p.rsplit(".", 1)[-1] for p in aannames if p.startswith(("opschaling.", "formatie."))}

    def merk(veld: str) -> str:
        return " (aanname)" if veld in namen else ""

    return merk


def _kern(o: Opgeschaald, aanname: Callable[[str], str]) -> tuple[tuple[str, str, str], ...]:
    """(cijfer, waarde, 95%-interval of bereik) op de schaal van de caseload; een aanname zegt dat."""
    rijen = [("Nieuwe huishoudens per jaar", f.getal(o.casussen_per_jaar, 0) + aanname("casussen_per_jaar"), "")]
    if o.gedekt_aandeel is not None:
        rijen.append(("Deel van de caseload met casussen (gedekt)", f.aandeel(o.gedekt_aandeel), ""))
    rijen.append(
        ("Besparing per huishouden per jaar, na correctie", f.euro(o.besparing_per_casus_per_jaar_gecorrigeerd), "")
    )
    if o.besparing_per_jaar_met_teamkosten is not None:
        m = o.besparing_per_jaar_met_teamkosten
        rijen.append(
            (
                "Besparing per jaar, met de hele teamkosten",
                f.miljoen(m.besparing_per_jaar),
                miljoen_interval(m.interval95),
            )
        )
    g = o.besparing_per_jaar_gedekt
    rijen.append(
        ("Besparing per jaar, gedekte huishoudens", f.miljoen(g.besparing_per_jaar), miljoen_interval(g.interval95))
    )
    if o.besparing_per_jaar_bereik is not None and o.gedekt_aandeel is not None and o.gedekt_aandeel < 1:
        laag, hoog = o.besparing_per_jaar_bereik
        rijen.append(("Hele caseload: scenariobereik (geen interval)", "", f.miljoen_bereik(laag, hoog)))
    if o.teamkosten_per_huishouden_formatie is not None:
        rijen.append(
            (
                "Teamkosten per huishouden per jaar (formatie)",
                f.euro(o.teamkosten_per_huishouden_formatie) + aanname("kosten_per_fte"),
                "",
            )
        )
    rijen.append(
        ("Teamkosten per huishouden per jaar (in de casussen)", f.euro(o.teamkosten_per_huishouden_casussen), "")
    )
    rijen.append(("Waarde van volledige kennis per jaar (EVPI)", f.miljoen(o.evpi), ""))
    return tuple(rijen)


def _grafiek(o: Opgeschaald, financiers: tuple[tuple[str, str, str], ...], kleur: str) -> Grafiek:
    """De besparing per financier per jaar; `financiers` zijn de rijen van de tabel erboven (naam, bedrag, rol)."""
    beschrijving = "; ".join(f"{naam} {bedrag} ({rol})" for naam, bedrag, rol in financiers)
    return Grafiek(
        "begroting-financiers",
        "Besparing per financier per jaar, op de schaal van de caseload",
        f"Per financier de besparing per jaar (rechts: bespaart, links: investeert): {beschrijving}.",
        BesparingPerFinancierPerJaar(
            tuple(
                Financierbesparing(financiernaam(fin.financier), fin.besparing_per_jaar_gecorrigeerd)
                for fin in o.per_financier_per_jaar
            ),
            kleur,
        ),
        bron=BRON_OPSCHALING,
    )


def _formatie(o: Opgeschaald, aanname: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    """De formatie; een instelling zonder bron (productieve uren, huidige fte) zegt dat ze een aanname is."""
    formatie = [
        ("Teamuren per huishouden per jaar", f.getal(o.teamuren_per_casus_per_jaar, 1)),
        (
            "Productieve uren per fte per jaar",
            f.getal(o.productieve_uren_per_fte, 0) + aanname("productieve_uren_per_fte"),
        ),
        ("Benodigde formatie (fte)", f.getal(o.benodigde_fte, 1)),
    ]
    if o.fte is not None and o.fte_verschil is not None:
        formatie += [
            ("Huidige formatie (fte)", f.getal(o.fte, 1) + aanname("fte")),
            ("Verschil (benodigd − huidig)", f.getal(o.fte_verschil, 1)),
        ]
    if o.capaciteit_huishoudens_per_jaar is not None:
        formatie.append(("Capaciteit: nieuwe huishoudens per jaar", f.getal(o.capaciteit_huishoudens_per_jaar, 0)))
    return tuple(formatie)
