"""De verantwoording achterin elk rapport: methode, instellingen, de getallen van de opschaling met hun bron (en welke
aannames zijn), gebruikte tarieven, invoerbestanden (ook het instellingenbestand) met SHA-256, de opmerkingen met het
bestand waar ze over gaan en weggelaten casussen; daarna het colofon (wie, waarmee, welke versie).

Hier staan paden en hashes, nergens anders in een rapport; een waarschuwing staat ook hier in woorden, niet als code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from ... import formaat as f
from ...benamingen import financiernaam, waarschuwingstekst, waarschuwingstitel
from ...fouten import Waarschuwing, gemaskeerd
from ...invoer.casussen import Overgeslagen
from ...rekenen.resultaat import Resultaat
from .blokken import Alinea, Blok, Cel, Kenmerken, Naast, Opsomming, Sectie, Tabel, Tussenkop, tabel
from .casus import CasusWeergave
from .gedeeld import versie


@dataclass(frozen=True)
class GebruiktTarief:
    """Eén tariefrij die bij het beprijzen is gekozen, zoals `Resultaat.gebruikte_tarieven` haar geeft."""

    tarief: str
    omschrijving: str
    eenheid: str
    tarief_jaar: int
    tarief_prijs: float
    financier: str
    lijn: int
    betrouwbaarheid: str
    bron: str
    tarief_bestand: str
    tarief_regel: int


def gebruikte_tarieven(resultaat: Resultaat, gemeente: str | None) -> tuple[GebruiktTarief, ...]:
    """De gekozen tariefrijen (van de casussen van `gemeente`, of van alle casussen), gesorteerd op code."""
    rijen = cast("list[dict[str, Any]]", resultaat.gebruikte_tarieven(gemeente).to_dict("records"))
    return tuple(GebruiktTarief(**rij) for rij in rijen)


def invoerbestanden(resultaat: Resultaat, casussen: Iterable[CasusWeergave]) -> tuple[tuple[str, str], ...]:
    """De casusbestanden van het rapport en alle tariefbestanden, elk met SHA-256."""
    return (*((c.bestand.bestand, c.bestand.document.sha256) for c in casussen), *resultaat.tariefbestanden)


def verantwoording(
    r: Resultaat,
    tarieven: tuple[GebruiktTarief, ...],
    invoer: tuple[tuple[str, str], ...],
    overgeslagen: tuple[Overgeslagen, ...],
    waarschuwingen: tuple[Waarschuwing, ...],
    *,
    nieuwe_pagina: bool = True,
    opschaling: bool = True,
    opmerkingen: bool = True,
) -> Sectie:
    """De sectie Verantwoording, op een nieuwe pagina (een casusrapport van één casus: meteen na de casus).

    `opschaling`: met de getallen van de opschaling en hun bronnen; niet in een casusrapport of casusboek, dat geen
    begroting heeft. `opmerkingen`: met de tabel van de opmerkingen; niet bij één casus, die ze zelf al toont.
    """
    blokken: list[Blok] = [
        Tussenkop("Methode"),
        # de instellingen naast de methode die ze noemt: onder elkaar liet de tabel een halve breedte leeg
        Naast((_methode(r, opschaling=opschaling),), (_instellingen(r, opschaling=opschaling),)),
        *(_aannames(r, _gemeenten(r, invoer)) if opschaling else ()),
        Tussenkop("Gebruikte tarieven"),
        *_tarieventabellen(tarieven, r.prijspeil),
        Tussenkop("Invoerbestanden"),
        tabel(
            ("Bestand", "SHA-256"),
            ((gemaskeerd(b), h) for b, h in (*instellingenbestand(r), *invoer)),
            vast=(1,),
            soort="hash",
            bijschrift="Invoerbestanden met hun SHA-256",
            bron="Bron: de gelezen bytes van elk bestand.",
        ),
    ]
    if waarschuwingen and opmerkingen:
        blokken += [
            Tussenkop("Opmerkingen en waar ze staan"),
            tabel(
                ("Opmerking", "Waar", "Toelichting"),
                (
                    (waarschuwingstitel(w.code), w.bestand or w.casus or w.gemeente or "–", waarschuwingstekst(w))
                    for w in dict.fromkeys(waarschuwingen)
                ),
                bijschrift="Opmerkingen bij de invoer",
                soort="compact",
                bron="Bron: de controles bij het lezen en beprijzen van de casussen.",
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
    return Sectie("Verantwoording", "verantwoording", tuple(blokken), nieuwe_pagina=nieuwe_pagina)


def colofon(r: Resultaat, invoer: tuple[tuple[str, str], ...], datum: dt.date, *, opschaling: bool = True) -> Sectie:
    """Het colofon achteraan: wie het rapport maakte (de organisatie uit de instellingen), met welk hulpmiddel en
    welke versie, uit welke gegevens en bronnen, en de SHA-256 van het instellingenbestand. Alleen hier staat het
    hulpmiddel met zijn versie; de voettekst noemt alleen de organisatie."""
    ins = r.instellingen
    tarieven = len(r.tariefbestanden)
    casussen = len(invoer) - tarieven
    gemeenten = _gemeenten(r, invoer)
    paren: list[tuple[str, str]] = []
    if ins.huisstijl.organisatie:
        paren.append(("Opgesteld door", ins.huisstijl.organisatie))
    paren += [
        ("Datum", f.datum(datum)),
        ("Gemaakt met", f"casuskosten {versie()} (maatschappelijke businesscase van sociale wijkteams)"),
        (
            "Gegevens",
            f"{f.aantal(casussen, 'casusbestand', 'casusbestanden')}"
            + (f" ({', '.join(gemeenten)})" if gemeenten else "")
            + f" en {f.aantal(tarieven, 'tariefbestand', 'tariefbestanden')}; elk met zijn SHA-256 bij de "
            "invoerbestanden in de verantwoording",
        ),
        (
            "Bronnen",
            "de bron van elk tarief staat bij de gebruikte tarieven"
            + (", die van elk getal van de opschaling bij de aannames en bronnen" if opschaling else ""),
        ),
        (
            "Instellingen",
            f"{ins.bestand}, SHA-256 {ins.sha256}"
            if ins.bestand is not None and ins.sha256 is not None
            else "de standaardinstellingen (geen instellingenbestand)",
        ),
        ("Prijspeil", str(r.prijspeil)),
    ]
    return Sectie("Colofon", "colofon", (Kenmerken(tuple(paren)),), bijeen=True)


def _methode(r: Resultaat, *, opschaling: bool = True) -> Alinea:
    """Hoe de cijfers van dit rapport ontstaan. Een casusrapport of casusboek (`opschaling` False) heeft geen
    interval over casussen: zijn interval en kans per huishouden komen alleen uit de simulatie, dus daar geen zin
    over de bootstrap (die beschreef een interval dat in dat rapport niet staat)."""
    ins = r.instellingen
    c = ins.correctie
    begin = (
        "Per casus beschrijft een sociaal werker wat het sociaal team deed en hoe de casus vóór 2015 zou zijn "
        f"gelopen. Beide trajecten zijn beprijsd met de tarieven hieronder, geïndexeerd naar prijspeil "
        f"{r.prijspeil} en contant gemaakt tegen {f.procent(ins.discontovoet * 100, 2)} per jaar. "
    )
    correctie = (
        f"De zekerheidscorrectie verlaagt de kosten vóór 2015 met {f.aandeel(c.hoog)} (zekerheid "
        f"hoog), {f.aandeel(c.middel)} (middel) of {f.aandeel(c.laag)} (laag)."
    )
    trekkingen = f.getal(ins.psa_iteraties, 0)
    if not opschaling:
        return Alinea(
            begin + correctie + f" Het 95%-interval en de kans dat het team voor een huishouden goedkoper was, komen "
            f"uit {trekkingen} doorrekeningen (seed {ins.seed}) met onzekere tarieven en kansen, waarin elke inzet "
            "met een kans onder 1 wel of niet gebeurt."
        )
    return Alinea(
        begin + "De besparing uit de sommen is (som vóór 2015 − som sociaal team) / som vóór 2015; haar 95%-interval "
        f"is een {'BCa-' if ins.intervalmethode == 'bca' else 'percentiel-'}bootstrap over de casussen "
        f"({f.getal(ins.bootstrap_iteraties, 0)} trekkingen, seed {ins.seed}); voor het totaal worden de casussen "
        "binnen elke gemeente opnieuw getrokken, en die van gemeenten met minder dan 5 casussen samen. "
        "Het antwoord per huishouden per jaar is het gemiddelde over de casussen; zijn 95%-interval en de kans op een "
        f"besparing komen uit {trekkingen} doorrekeningen met onzekere tarieven en kansen, waarin ook meetelt dat de "
        "casussen een steekproef zijn. " + correctie
    )


def _instellingen(r: Resultaat, *, opschaling: bool = True) -> Tabel:
    """De instellingen die de methode noemt; zonder de bootstrap in een casusrapport of casusboek (zie `_methode`)."""
    ins = r.instellingen
    c = ins.correctie
    return tabel(
        ("Instelling", "Waarde"),
        (
            ("prijspeil", r.prijspeil),
            ("discontovoet", f.procent(ins.discontovoet * 100, 2)),
            *((("bootstrap_iteraties", f.getal(ins.bootstrap_iteraties, 0)),) if opschaling else ()),
            ("psa_iteraties", f.getal(ins.psa_iteraties, 0)),
            ("seed", ins.seed),
            ("correctie hoog / middel / laag", f"{f.aandeel(c.hoog)} / {f.aandeel(c.middel)} / {f.aandeel(c.laag)}"),
        ),
        bijschrift="Instellingen",
        soort="compact",
        bron=f"Bron: {'het instellingenbestand' if instellingenbestand(r) else 'de standaardinstellingen'}.",
    )


def instellingenbestand(r: Resultaat) -> tuple[tuple[str, str], ...]:
    """Het instellingenbestand met de SHA-256 van de gelezen bytes; leeg als de instellingen niet uit een bestand
    komen."""
    ins = r.instellingen
    return ((ins.bestand, ins.sha256),) if ins.bestand is not None and ins.sha256 is not None else ()


def _gemeenten(r: Resultaat, invoer: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """De gemeenten van de casusbestanden in `invoer`: die van het rapport."""
    bestanden = {bestand for bestand, _ in invoer}
    return tuple(dict.fromkeys(cb.casus.gemeente for cb in r.casusbestanden if cb.bestand in bestanden))


def _aannames(r: Resultaat, gemeenten: tuple[str, ...]) -> tuple[Blok, ...]:
    """De getallen van de opschaling van `gemeenten` met waarde en bron; een getal zonder bron heet een aanname.
    Leeg als geen van de gemeenten een [opschaling] heeft."""
    ins = r.instellingen
    # de formatie na de gemeenten, verder de volgorde van het bestand (sort is stabiel)
    paden = sorted(
        dict.fromkeys(p for g in gemeenten for p in ins.getallen(g)), key=lambda p: p.startswith("formatie.")
    )
    if not paden:
        return ()
    aannames = set(ins.aannames())
    aantal = sum(p in aannames for p in paden)
    herkomst = (
        f"het instellingenbestand {ins.bestand} (de SHA-256 staat bij de invoerbestanden)"
        if instellingenbestand(r)
        else "de instellingen"
    )
    if aantal == 0:
        oordeel = "Elk getal heeft een bron."
    else:
        # er zijn altijd minstens twee getallen: casussen_per_jaar en productieve_uren_per_fte
        telling = (
            f"Alle {aantal} zijn aannames"
            if aantal == len(paden)
            else f"{aantal} daarvan {'is een aanname' if aantal == 1 else 'zijn aannames'}"
        )
        oordeel = (
            f"{telling}: er staat geen bron bij, of de bron zegt dat het een aanname is; ook een standaardwaarde die "
            "meetelt is een aanname. Een bron staat in het instellingenbestand in een tabel bronnen naast de getallen "
            "(zie README); vervang een aanname door een cijfer met een bron voordat u ermee begroot."
        )
    zin = f"De opschaling naar de caseload (de begroting) rust op {len(paden)} getallen uit {herkomst}. {oordeel}"
    return (
        Tussenkop("Aannames en bronnen van de opschaling"),
        Alinea(zin),
        tabel(
            ("Instelling", "Waarde", "Bron"),
            (
                (
                    p,
                    _waarde(p, ins.waarde(p), ins.is_standaard(p)),
                    (ins.bron(p) or "aanname: geen bron") if p in aannames else ins.bron(p),
                )
                for p in paden
            ),
            rechts=(1,),
            vast=(0,),
            bijschrift="Getallen van de opschaling",
            soort="compact",
            bron="Bron: het instellingenbestand, met de bron van elk getal.",
        ),
    )


def _waarde(pad: str, waarde: float | None, standaard: bool) -> str:
    """Een getal van de opschaling zoals de lezer het leest: `€ 91.000`, `1.300`, `4,5`."""
    tekst = f.euro(waarde) if pad.endswith("kosten_per_fte") else f.getal(waarde, 1)
    return f"{tekst} (standaard)" if standaard else tekst


def bronnummers(tarieven: tuple[GebruiktTarief, ...]) -> dict[str, int]:
    """Elke bron van de tarieven één keer, genummerd vanaf 1 in de volgorde waarin de tarieven haar noemen."""
    return {bron: i for i, bron in enumerate(dict.fromkeys(t.bron for t in tarieven), start=1)}


def _tarieventabellen(tarieven: tuple[GebruiktTarief, ...], prijspeil: int) -> tuple[Tabel, Tabel]:
    """De gebruikte tarieven met per rij het nummer van haar bron (en bestand en regel), en daaronder elke bron één
    keer over de hele breedte: een lange bron in een smalle kolom maakte de tabel pagina's lang, en drie tarieven uit
    dezelfde tarieflijst herhaalden dezelfde tekst."""
    nummers = bronnummers(tarieven)
    return (
        tabel(
            ("Tarief (code)", "Prijs", "Jaar", "Financier", "Betr.", "Bron"),
            (
                (
                    # de code klein onder de naam: een eigen kolom voor lange codes liet te weinig ruimte over
                    Cel(t.omschrijving, onder=t.tarief),
                    f"{f.euro(t.tarief_prijs, 2)} / {t.eenheid}",
                    t.tarief_jaar,
                    financiernaam(t.financier),
                    t.betrouwbaarheid,
                    Cel(f"bron {nummers[t.bron]}", onder=f"{t.tarief_bestand}:{t.tarief_regel}"),
                )
                for t in tarieven
            ),
            rechts=(2,),
            vast=(5,),
            voetnoot=f"Prijzen van het tariefjaar; in de casussen staan ze op prijspeil {prijspeil}.",
            bijschrift="Gebruikte tarieven",
            soort="compact",
            bron="Bron: de tariefbestanden, met bestand en regel van elk tarief; de bronnen staan in de tabel hierna.",
        ),
        tabel(
            ("Nr.", "Bron van de tarieven"),
            ((nummer, bron) for bron, nummer in nummers.items()),
            rechts=(0,),
            bijschrift="Bronnen van de tarieven",
            soort="compact",
            bron="Bron: de kolom bron van de tariefbestanden; elke bron één keer.",
        ),
    )
