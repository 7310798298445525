"""Eén casus als sectie: in de bijlagen van het gemeenterapport, in het casusboek en als eigen casusrapport.

De cijfers komen getypeerd uit `Resultaat.casuscijfers` (`CasusCijfers` met zijn `RegelCijfers`), de teksten
(situatie, beschrijvingen, toelichtingen, doelen) uit het casusbestand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ... import formaat as f
from ...benamingen import DOELNAMEN, doelnaam, financiernaam, leefgebiednaam, trajectnaam
from ...invoer.casussen import CasusBestand
from ...rekenen.resultaat import Resultaat
from ...rekenen.waarden import CasusCijfers, RegelCijfers
from .blokken import Alinea, Blok, Cel, Kenmerken, Naast, Sectie, Tussenkop, meldingen, tabel
from .gedeeld import euro_interval

PER_WOORD = {
    "dag": "per dag",
    "week": "per week",
    "2 weken": "per 2 weken",
    "maand": "per maand",
    "kwartaal": "per kwartaal",
    "jaar": "per jaar",
}


@dataclass(frozen=True)
class CasusWeergave:
    """Eén casus: haar cijfers uit het resultaat naast haar teksten uit het casusbestand."""

    bestand: CasusBestand
    cijfers: CasusCijfers

    @property
    def id(self) -> str:
        """Het id van de casus."""
        return self.cijfers.id

    @property
    def anker(self) -> str:
        """Het HTML-anker van de casus: `casus-RTD-01`."""
        return "casus-" + "".join(t if t.isalnum() or t in "-_" else "-" for t in self.id)

    def inzet(self, traject: str) -> tuple[tuple[RegelCijfers, str | None], ...]:
        """De beprijsde regels van één traject, elk met de toelichting van zijn inzet in het casusbestand."""
        regels = tuple(r for r in self.cijfers.regels if r.traject == traject)
        inzet = getattr(self.bestand.casus.trajecten, traject).inzet
        # de beprijzing maakt van elke inzet één regel, in de volgorde van het bestand (strict: anders een fout)
        return tuple((regel, i.toelichting) for regel, i in zip(regels, inzet, strict=True))


def casusweergaven(resultaat: Resultaat, cijfers: Iterable[CasusCijfers]) -> tuple[CasusWeergave, ...]:
    """De casussen met deze cijfers (in die volgorde), elk met haar casusbestand."""
    bestanden = {cb.casus.id: cb for cb in resultaat.casusbestanden}
    return tuple(CasusWeergave(bestanden.get(c.id) or resultaat.casusbestand(c.id), c) for c in cijfers)


def _kenmerken(c: CasusWeergave) -> tuple[tuple[str, str], ...]:
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
        ("Zekerheid vóór 2015", f"{k.zekerheid} (correctie {f.aandeel(c.cijfers.correctie)})"),
    ]
    return tuple(paren)


def _hoeveel(r: RegelCijfers) -> str:
    """`2 per week, 26 keer, kans 50%`: hoeveel, hoe vaak en de kans van een inzet."""
    hoeveel = f.getal(r.aantal)
    if r.per is not None:
        hoeveel += f" {PER_WOORD.get(r.per, r.per)}, {f.getal(r.aantal_keer)} keer"
    if r.kans < 1:
        hoeveel += f", kans {f.kans(r.kans)}"
    return hoeveel


def _inzet(c: CasusWeergave, traject: str) -> tuple[Blok, ...]:
    t = getattr(c.bestand.casus.trajecten, traject)
    blokken: list[Blok] = [Tussenkop(trajectnaam(traject))]
    if t.beschrijving:
        blokken.append(Alinea(t.beschrijving, "klein"))
    rijen: list[tuple[object, ...]] = [
        (
            Cel(r.omschrijving, onder=financiernaam(r.financier) + (f"; {toelichting}" if toelichting else "")),
            _hoeveel(r),
            f"{f.euro(r.prijs, 2)} / {r.eenheid}",
            f.euro(r.kosten, 2),
        )
        for r, toelichting in c.inzet(traject)
    ] or [("geen inzet", "", "", "")]
    totaal = c.cijfers.kosten_voor_2015 if traject == "voor_2015" else c.cijfers.kosten_sociaal_team
    blokken.append(
        tabel(
            ("Inzet (financier)", "Hoeveel", "Prijs", "Kosten"),
            rijen,
            rechts=(3,),
            voet=("Totaal", "", "", f.euro(totaal)),
            soort="smal",
        )
    )
    return tuple(blokken)


def _uitkomst(c: CasusCijfers) -> tuple[tuple[str, str, str], ...]:
    """(cijfer, zoals beschreven, gecorrigeerd voor zekerheid)."""
    return (
        ("Kosten vóór 2015", f.euro(c.kosten_voor_2015), f.euro(c.kosten_voor_2015_gecorrigeerd)),
        ("Kosten sociaal team", f.euro(c.kosten_sociaal_team), f.euro(c.kosten_sociaal_team)),
        ("Besparing", f.euro(c.besparing), f.euro(c.besparing_gecorrigeerd)),
        ("Besparing in %", f.procent(c.besparing_pct), f.procent(c.besparing_pct_gecorrigeerd)),
        ("Besparing per jaar", f.euro(c.besparing_per_jaar), f.euro(c.besparing_per_jaar_gecorrigeerd)),
        ("95%-interval per jaar (dit huishouden)", "", euro_interval(c.antwoord.interval95)),
        ("Kans dat het team voor dit huishouden goedkoper was", "", f.kans(c.antwoord.kans_goedkoper)),
    )


def casussectie(c: CasusWeergave, *, niveau: int = 2, met_kop: bool = True, nieuwe_pagina: bool = False) -> Sectie:
    """Eén casus: kernboodschap, kenmerken, situatie, beide trajecten naast elkaar, uitkomst met de kans op een
    besparing, doelen en opmerkingen; voor een typische casus één of twee pagina's."""
    k = c.bestand.casus
    blokken: list[Blok] = [
        Alinea(c.cijfers.kernboodschap, "groot", vet=True),
        Kenmerken(_kenmerken(c)),
        Tussenkop("Situatie"),
        Alinea(k.situatie),
        Naast(_inzet(c, "voor_2015"), _inzet(c, "sociaal_team")),
        Tussenkop("Uitkomst"),
        tabel(
            ("Cijfer", "Zoals beschreven", "Gecorrigeerd voor zekerheid"),
            _uitkomst(c.cijfers),
            rechts=(1, 2),
            voetnoot="Interval en kans voor dit ene huishouden: elke inzet met een kans gebeurt in een doorrekening "
            "wel of niet, met andere tarieven en kansen; de kans is het deel van de doorrekeningen waarin het sociaal "
            "team goedkoper was.",
            bijschrift=f"Uitkomst van casus {k.id}",
            bron="Bron: de casusbeschrijving en de gebruikte tarieven; interval en kans uit de simulatie.",
        ),
    ]
    if k.onderbouwing:
        blokken += [Tussenkop("Onderbouwing van het traject vóór 2015"), Alinea(k.onderbouwing)]
    blokken += [
        Tussenkop("Doelen"),
        tabel(
            ("Doel", "Oordeel", "Toelichting"),
            ((doelnaam(d), getattr(k.doelen, d).oordeel, getattr(k.doelen, d).toelichting or "") for d in DOELNAMEN),
            vast=(1,),
            bijschrift=f"Doelen van casus {k.id}",
            bron="Bron: het oordeel in de casusbeschrijving.",
        ),
    ]
    if c.cijfers.waarschuwingen:
        blokken += [Tussenkop("Opmerkingen bij de onderbouwing"), meldingen(c.cijfers.waarschuwingen)]
    return Sectie(
        f"Casus {k.id} — {k.gemeente}" if met_kop else None,
        c.anker,
        tuple(blokken),
        niveau=niveau,
        nieuwe_pagina=nieuwe_pagina,
        bijeen=True,
    )
