"""Het gemeenterapport (`casuskosten rapport`): van het `Resultaat` naar één `Document`.

Pagina 1 voor de raad (samenvatting, `kernteksten`), dan de onderbouwing (toelichting, trajecten, financiers,
begroting, doelen, gevoeligheid, overzicht), de casussen als bijlage (`casus`) en de verantwoording. Een sectie
toevoegen is één functie `_sectie_...` die een `Sectie` geeft, en één regel in `gemeente_document`.
"""

from __future__ import annotations

import datetime as dt

from ... import formaat as f
from ...benamingen import doelnaam, financiernaam, zin
from ...rekenen.kernboodschap import casussen_tekst
from ...rekenen.resultaat import Resultaat
from ...rekenen.waarden import Aggregaat
from .begroting import begrotingssectie
from .besluit import besluitzinnen
from .blokken import (
    Alinea,
    Blok,
    Cel,
    Document,
    Figuur,
    Grafiek,
    Kanscurve,
    Kanscurvepunt,
    KostenPerFinancier,
    Oordelen,
    OordelenPerDoel,
    Opsomming,
    Sectie,
    Tornado,
    Tornadobalk,
    TrajectenPerCasus,
    Trajectkosten,
    Tussenkop,
    genummerd,
    meldingen,
    tabel,
)
from .casus import CasusWeergave, casussectie, casusweergaven
from .gedeeld import (
    bron_casussen,
    bron_simulatie,
    euro_interval,
    gevoeligheidsnaam,
    inhoudsopgave,
    omslagkenmerken,
    periode,
    voettekst,
)
from .kernteksten import beperkingen, kerncijfers, leeswijzer, onderzoekszin, samenvatting
from .verantwoording import colofon, gebruikte_tarieven, invoerbestanden, verantwoording

#: hoeveel casussen er hooguit in één grafiek staan; meer geeft meerdere grafieken met dezelfde as, die elk op een
#: pagina passen
CASUSSEN_PER_GRAFIEK = 30


def gemeente_document(resultaat: Resultaat, gemeente: str, datum: dt.date) -> Document:
    """Het rapport van één gemeente (in elke spelling van haar naam); een `InvoerFout` als de gemeente geen casussen
    heeft."""
    g = resultaat.gemeente(gemeente)
    naam = g.gemeente or gemeente
    kleur = resultaat.instellingen.huisstijl.kleur
    casussen = casusweergaven(resultaat, sorted(resultaat.casuscijfers_van(naam), key=lambda c: c.id))
    invoer = invoerbestanden(resultaat, casussen)
    secties = [
        _sectie_samenvatting(g, casussen, resultaat.instellingen.psa_iteraties),
        _sectie_toelichting(g, kleur, resultaat.instellingen.psa_iteraties),
        _sectie_trajecten(g, casussen, kleur),
        _sectie_financiers(g, kleur),
        begrotingssectie(g, kleur, resultaat.instellingen.aannames(naam)),
        _sectie_doelen(g),
        _sectie_gevoeligheid(g, kleur),
        _sectie_overzicht(g, casussen),
        Sectie("Bijlagen: de casussen", "bijlagen", (), nieuwe_pagina=True),
        *(casussectie(c) for c in casussen),
        verantwoording(
            resultaat,
            gebruikte_tarieven(resultaat, naam),
            invoer,
            resultaat.overgeslagen_van(naam),
            (*g.waarschuwingen, *(w for c in casussen for w in c.cijfers.waarschuwingen)),
        ),
        colofon(resultaat, invoer, datum),
    ]
    return Document(
        titel=f"Maatschappelijke businesscase sociaal team {naam}",
        kenmerken=(
            ("Gemeente", naam),
            ("Periode van de casussen", periode(g)),
            ("Prijspeil", str(resultaat.prijspeil)),
            ("Aantal casussen", str(g.aantal_casussen)),
            *omslagkenmerken(resultaat.instellingen.huisstijl, datum),
        ),
        secties=genummerd((inhoudsopgave(secties), *secties)),
        huisstijl=resultaat.instellingen.huisstijl,
        voettekst=voettekst(resultaat.instellingen.huisstijl, resultaat.prijspeil),
        sjabloon="gemeente.html.j2",
        datum=datum,
        omslag=True,
    )


def _sectie_samenvatting(g: Aggregaat, casussen: tuple[CasusWeergave, ...], iteraties: int) -> Sectie:
    """Pagina 1 voor de raad: kernboodschap, kerncijfers met uitleg, wat dit betekent voor het besluit (`besluit`),
    wat de cijfers beperkt en een leeswijzer."""
    alle_aselect = all(c.cijfers.selectie == "aselect" for c in casussen)
    beperkt = beperkingen(g, sum(len(c.cijfers.waarschuwingen) for c in casussen), alle_aselect=alle_aselect)
    return Sectie(
        "Samenvatting",
        "samenvatting",
        (
            Alinea(g.kernboodschap, "groot", vet=True),
            tabel(
                ("Kerncijfer", "Waarde", "95%-interval", "Wat het betekent"),
                ((k.naam, k.waarde, k.interval, k.uitleg) for k in kerncijfers(g, iteraties)),
                rechts=(1, 2),
                bijschrift="Kerncijfers",
                bron=bron_simulatie(g, iteraties),
            ),
            Tussenkop("Wat betekent dit voor uw besluit?"),
            Opsomming(besluitzinnen(g, alle_aselect=alle_aselect)),
            Tussenkop("Wat deze cijfers beperkt"),
            Opsomming(beperkt),
            Tussenkop("Leeswijzer"),
            *(Alinea(z) for z in leeswijzer(iteraties, g.aantal_casussen)),
        ),
    )


_PERSPECTIEFREGELS = (
    ("maatschappelijk", "Voor de samenleving (maatschappelijk)"),
    ("collectief", "Voor overheid en zorgverzekeraars (collectief)"),
    ("gemeente", "Voor de gemeentebegroting"),
)
_BRONNAMEN = {"steekproef": "Welke casussen er zijn (steekproef)", "tarieven": "Tarieven", "kansen": "Kansen"}


def _antwoordtabel(g: Aggregaat, iteraties: int) -> Blok:
    """Het antwoord per perspectief: besparing per huishouden per jaar na correctie, interval en kans."""
    return tabel(
        ("Per huishouden per jaar, na correctie", "Besparing", "95%-interval", "Kans op besparing"),
        (
            (
                naam,
                f.euro(g.antwoord.per_perspectief[p].schatting),
                euro_interval(g.antwoord.per_perspectief[p].interval95),
                f.kans(g.antwoord.per_perspectief[p].kans_besparing),
            )
            for p, naam in _PERSPECTIEFREGELS
        ),
        rechts=(1, 2, 3),
        voetnoot="Interval en kans uit de simulatie: tarieven en kansen onzeker, en meegenomen dat het maar "
        f"{casussen_tekst(g.aantal_casussen)} zijn.",
        bijschrift="Het antwoord per perspectief",
        bron=bron_simulatie(g, iteraties),
    )


def _kanscurve(g: Aggregaat, kleur: str, iteraties: int) -> tuple[Blok, ...]:
    curve = g.antwoord.kanscurve
    if not curve:
        return ()
    punten = "; ".join(f"meer dan {f.euro(p.drempel)}: {f.kans(p.kans)}" for p in curve)
    return (
        Figuur(
            Grafiek(
                "kanscurve",
                "Hoe zeker is een besparing van minstens een bepaald bedrag?",
                f"Lijn van de kans op een besparing per huishouden per jaar van meer dan elk bedrag: {punten}.",
                Kanscurve(tuple(Kanscurvepunt(p.drempel, p.kans) for p in curve), kleur),
                "Horizontaal een bedrag per huishouden per jaar, verticaal de kans dat de besparing groter is.",
                bron=bron_simulatie(g, iteraties),
            )
        ),
    )


def _bronnen(g: Aggregaat, iteraties: int) -> tuple[Blok, ...]:
    a = g.antwoord
    if a.bronnen is None or a.evpi is None:
        return ()
    onderzoek = onderzoekszin(g)
    return (
        Tussenkop("Welk onderzoek het antwoord zou veranderen"),
        *((Alinea(onderzoek),) if onderzoek is not None else ()),
        tabel(
            ("Bron van onzekerheid", "Aandeel in de onzekerheid", "Waarde van volledige kennis"),
            (
                (
                    _BRONNAMEN[b],
                    f.aandeel(a.bronnen[b].aandeel_variantie),
                    f.euro(a.bronnen[b].evppi) if a.bronnen[b].evppi is not None else "–",
                )
                for b in ("steekproef", "tarieven", "kansen")
            ),
            rechts=(1, 2),
            voet=("Alles samen (EVPI)", "", f.euro(a.evpi)),
            voetnoot="Waarde van volledige kennis: wat het per huishouden per jaar waard is om deze onzekerheid weg "
            "te nemen voordat de gemeente kiest (EVPPI); exact als de bronnen optellen.",
            bijschrift="Aandeel in de onzekerheid en waarde van informatie per bron",
            bron=bron_simulatie(g, iteraties),
        ),
    )


def _sectie_toelichting(g: Aggregaat, kleur: str, iteraties: int) -> Sectie:
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
            "Besparing uit de sommen, gecorrigeerd voor zekerheid",
            f.procent(g.besparing_pct_gecorrigeerd),
            f.interval(g.besparing_pct_gecorrigeerd_ci95),
        ),
        ("Besparing per huishouden per jaar (zonder correctie)", f.euro(g.besparing_per_casus_per_jaar), ""),
        ("Gemiddelde besparing per casus", f.procent(g.besparing_pct_gemiddeld), ""),
        ("Mediaan per casus", f.procent(g.besparing_pct_mediaan), ""),
        ("Casussen met besparing", f"{g.aantal_met_besparing} van {g.aantal_casussen}", ""),
    ]
    if g.invloedrijkste_casus:
        kern.append(
            (
                "Invloedrijkste casus",
                g.invloedrijkste_casus.id,
                f"zonder deze casus: {f.procent(g.invloedrijkste_casus.besparing_pct_zonder)}",
            )
        )
    blokken: list[Blok] = [
        *(Alinea(z) for z in samenvatting(g)),
        _antwoordtabel(g, iteraties),
        *_kanscurve(g, kleur, iteraties),
        *_bronnen(g, iteraties),
        Tussenkop("Ondersteunende cijfers uit de sommen"),
        tabel(
            ("Cijfer", "Waarde", "95%-bootstrapinterval"),
            kern,
            rechts=(1, 2),
            voetnoot="Uit de sommen over de casussen: een casus die langer liep, telt zwaarder. Het interval is een "
            "bootstrap over de casussen (vanaf 5 casussen), niet het interval van het antwoord.",
            bijschrift="Ondersteunende cijfers uit de sommen",
            bron=bron_casussen(g),
        ),
    ]
    if g.waarschuwingen:
        blokken += [Tussenkop("Waarschuwingen bij deze gemeente"), meldingen(g.waarschuwingen)]
    return Sectie("Toelichting op de cijfers", "toelichting", tuple(blokken))


def _sectie_trajecten(g: Aggregaat, casussen: tuple[CasusWeergave, ...], kleur: str) -> Sectie:
    """Per casus de kosten van beide trajecten, de grootste besparing bovenaan; lange reeksen in delen met één as."""
    cijfers = sorted((c.cijfers for c in casussen), key=lambda c: (-c.besparing, c.id))
    rijen = tuple(Trajectkosten(c.id, c.kosten_voor_2015, c.kosten_sociaal_team) for c in cijfers)
    bedragen = [0.0, *(r.voor_2015 for r in rijen), *(r.sociaal_team for r in rijen)]
    schaal = (min(bedragen), max(bedragen))
    delen = [rijen[begin : begin + CASUSSEN_PER_GRAFIEK] for begin in range(0, len(rijen), CASUSSEN_PER_GRAFIEK)]
    grafieken = (
        Grafiek(
            f"trajecten-{i}",
            "Kosten van beide trajecten per casus" + (f" (deel {i + 1} van {len(delen)})" if len(delen) > 1 else ""),
            "Liggende staven per casus, gesorteerd op besparing (grootste eerst): grijs de kosten vóór 2015, in kleur "
            "de kosten met het sociaal team. De bedragen staan in het overzicht van de casussen.",
            TrajectenPerCasus(deel, schaal, kleur),
            "Grijs: vóór 2015; in kleur: met het sociaal team. Gesorteerd op besparing, de grootste bovenaan.",
            bron=bron_casussen(g),
        )
        for i, deel in enumerate(delen)
    )
    return Sectie("De casussen: beide trajecten", "trajecten", tuple(Figuur(g) for g in grafieken))


def _financierzin(financier: str, rol: str, besparing: float) -> str:
    naam = financiernaam(financier)
    if rol == "investeert":
        return f"{naam} investeert {f.euro(-besparing)}"
    if rol == "bespaart":
        return f"{naam} bespaart {f.euro(besparing)}"
    return f"{naam}: {rol}"


def _sectie_financiers(g: Aggregaat, kleur: str) -> Sectie:
    wie = "; ".join(_financierzin(fin.financier, fin.rol, fin.besparing_gecorrigeerd) for fin in g.per_financier)
    grafiek = Grafiek(
        "financiers",
        "Kosten per financier, vóór 2015 en met het sociaal team",
        f"Wie investeert, wie bespaart: {wie}.",
        KostenPerFinancier(
            tuple(
                Trajectkosten(financiernaam(fin.financier), fin.kosten_voor_2015, fin.kosten_sociaal_team)
                for fin in g.per_financier
            ),
            kleur,
        ),
        "Grijs: vóór 2015; in kleur: met het sociaal team.",
        bron=bron_casussen(g),
    )
    return Sectie(
        "Wie investeert, wie bespaart (na correctie)",
        "financiers",
        (
            tabel(
                ("Financier", "Vóór 2015", "Sociaal team", "Besparing", "Na correctie", "Rol (na correctie)"),
                (
                    (
                        financiernaam(fin.financier),
                        f.euro(fin.kosten_voor_2015),
                        f.euro(fin.kosten_sociaal_team),
                        f.euro(fin.besparing),
                        f.euro(fin.besparing_gecorrigeerd),
                        fin.rol,
                    )
                    for fin in g.per_financier
                ),
                rechts=(1, 2, 3, 4),
                voetnoot="Besparing negatief: deze financier betaalt met het sociaal team meer (investeert). Na "
                "correctie: de zekerheidscorrectie gaat per tariefcode naar de financier van de vermeden kosten, zoals "
                "in de begroting per jaar.",
                bijschrift="Kosten en besparing per financier",
                bron=bron_casussen(g),
            ),
            Figuur(grafiek),
        ),
    )


def _sectie_doelen(g: Aggregaat) -> Sectie:
    oordelen = "; ".join(
        f"{doelnaam(d.doel)}: {d.ja} ja, {d.deels} deels, {d.nee} nee, {d.onbekend} onbekend" for d in g.doelen
    )
    grafiek = Grafiek(
        "doelen",
        "Oordeel per doel",
        f"Per doel het aantal casussen met ja, deels, nee en onbekend: {oordelen}.",
        OordelenPerDoel(tuple(Oordelen(doelnaam(d.doel), d.ja, d.deels, d.nee, d.onbekend) for d in g.doelen)),
        "Per doel het aantal casussen met ja, deels, nee en onbekend.",
        bron=f"Bron: het oordeel per doel in de {casussen_tekst(g.aantal_casussen)} van {g.gemeente}.",
    )
    return Sectie(
        "Doelen",
        "doelen",
        (
            tabel(
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
                bijschrift="Oordeel per doel",
                bron=f"Bron: het oordeel per doel in de {casussen_tekst(g.aantal_casussen)} van {g.gemeente}.",
            ),
            Figuur(grafiek),
        ),
    )


def _gevoeligheidsdetail(parameter: str, omschrijving: str) -> str:
    detail = omschrijving.split(": ", 1)[1] if parameter.startswith("tarief:") else omschrijving
    return zin(detail.replace(" x ", " × ")).rstrip(".")


def _tornado(g: Aggregaat, kleur: str) -> Grafiek:
    gevoelig = "; ".join(
        f"{gevoeligheidsnaam(v.parameter, v.omschrijving)}: {f.euro(v.laag)} tot {f.euro(v.hoog)}"
        for v in g.gevoeligheid[:5]
    )
    balken = tuple(
        Tornadobalk(gevoeligheidsnaam(v.parameter, v.omschrijving), v.laag, v.hoog)
        for v in g.gevoeligheid
        if v.laag is not None and v.hoog is not None
    )
    return Grafiek(
        "tornado",
        "Gevoeligheid van de besparing per huishouden per jaar",
        f"Tornadodiagram rond {f.euro(g.antwoord.schatting)} per huishouden per jaar. Grijs: de lage instelling; in "
        f"kleur: de hoge instelling. De grootste vijf: {gevoelig}.",
        Tornado(balken, g.antwoord.schatting, kleur),
        "Grijs: de lage instelling; in kleur: de hoge. De langste balken wegen het zwaarst.",
        bron=bron_casussen(g).removesuffix(".") + "; elke aanname apart op haar lage en hoge instelling.",
    )


def _omslagtekst(waarde: float | None, opmaak: str) -> str:
    if waarde is None:
        return "geen in dit bereik"
    if opmaak == "factor":
        return f"× {f.getal(waarde, 2)}"
    if opmaak == "aandeel":
        return f.aandeel(waarde)
    return f"{f.getal(waarde, 1)} uur"


def _omslagpunten(g: Aggregaat) -> Blok:
    """De omslagpunten van de betwiste aannames, naast die per tarief."""
    o = g.antwoord.omslagpunten
    rijen: list[tuple[object, ...]] = [
        ("Alle onzekere kansen maal", _omslagtekst(o.kansfactor, "factor"), "gezocht tussen × 0 en × 10"),
        ("Eén correctie op alle vermeden kosten", _omslagtekst(o.correctie, "aandeel"), "tussen 0% en 100%"),
        ("Extra uren van het team per huishouden per jaar", _omslagtekst(o.extra_teamuren, "uren"), "teamtarief"),
    ]
    rijen += [
        (gevoeligheidsnaam(v.parameter, v.omschrijving), _omslagtekst(v.omslagpunt, "factor"), "prijsfactor")
        for v in g.gevoeligheid
        if v.parameter.startswith("tarief:")
    ]
    return tabel(
        ("Aanname", "Omslagpunt", "Toelichting"),
        rijen,
        rechts=(1,),
        voetnoot="Bij deze waarde wordt de besparing per huishouden per jaar nul. Ligt een omslagpunt dicht bij de "
        "huidige waarde (kansen × 1, de eigen correctie, de prijs × 1), dan hangt de uitkomst aan die aanname.",
        bijschrift="Omslagpunten: bij welke waarde de besparing nul wordt",
        bron=bron_casussen(g),
    )


def _sectie_gevoeligheid(g: Aggregaat, kleur: str) -> Sectie:
    return Sectie(
        "Gevoeligheid",
        "gevoeligheid",
        (
            Alinea(
                f"Hoe verandert de besparing per huishouden per jaar na correctie ({f.euro(g.antwoord.schatting)}) "
                "als één aanname anders is? De langste balken wegen het zwaarst."
            ),
            Figuur(_tornado(g, kleur)),
            tabel(
                ("Aanname", "Lage / hoge instelling", "Laag", "Hoog"),
                (
                    (
                        gevoeligheidsnaam(v.parameter, v.omschrijving),
                        _gevoeligheidsdetail(v.parameter, v.omschrijving),
                        f.euro(v.laag) if v.laag is not None else "–",
                        f.euro(v.hoog) if v.hoog is not None else "–",
                    )
                    for v in g.gevoeligheid
                ),
                rechts=(2, 3),
                voetnoot="Laag en hoog: de besparing per huishouden per jaar na correctie bij die instelling.",
                bijschrift="Gevoeligheid per aanname",
                bron=bron_casussen(g),
            ),
            Tussenkop("Omslagpunten"),
            _omslagpunten(g),
        ),
    )


def _sectie_overzicht(g: Aggregaat, casussen: tuple[CasusWeergave, ...]) -> Sectie:
    return Sectie(
        "Overzicht van de casussen",
        "overzicht",
        (
            tabel(
                (
                    "Casus",
                    "Datum",
                    "Zekerheid",
                    "Vóór 2015",
                    "Sociaal team",
                    "Besparing",
                    "Per jaar, na correctie",
                    "Kans goedkoper",
                ),
                (
                    (
                        Cel(c.id, link=c.anker),
                        f.datum(c.cijfers.datum),
                        c.cijfers.zekerheid,
                        f.euro(c.cijfers.kosten_voor_2015),
                        f.euro(c.cijfers.kosten_sociaal_team),
                        f.euro(c.cijfers.besparing),
                        f.euro(c.cijfers.antwoord.schatting),
                        f.kans(c.cijfers.antwoord.kans_goedkoper),
                    )
                    for c in casussen
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
                    f.euro(g.antwoord.schatting),
                    "",
                ),
                voetnoot="Per jaar, na correctie: de gecorrigeerde besparing omgerekend naar 12 maanden (onderaan het "
                "gemiddelde per huishouden). Kans goedkoper: voor dat ene huishouden, als elke inzet met een kans wel "
                "of niet gebeurt.",
                bijschrift="De casussen van " + (g.gemeente or "de gemeente"),
                bron=bron_casussen(g),
            ),
        ),
    )
