"""Het ene resultaatobject dat elke uitvoer (terminal, JSON, rapporten, export) leest.

De cijfers komen uit `aggregatie`, `onzekerheid` en `psa`; hun typen en de verklaring van elk veld staan in `waarden`.
Hier: de opzoekfuncties (`gemeente`, `casus`, `casusbestand`, en per gemeente `casuscijfers_van` en
`overgeslagen_van`: welke casus bij welke gemeente hoort, één keer met `namen.sleutel`), de getypeerde casuscijfers,
en de JSON, de tabellen en het JSON Schema van de uitvoer, die alle drie uit de verklaringen volgen (`velden`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from ..argumenten import publiek
from ..benamingen import doelnaam, financiernaam, trajectnaam, waarschuwingstitel
from ..fouten import InvoerFout, Melding, Waarschuwing, bedoelde_u, gemaskeerd
from ..invoer.instellingen import Instellingen
from ..invoer.namen import sleutel
from ..velden import (
    DATUM,
    TEKST,
    Kolom,
    eigen_tabellen,
    json_getal,
    json_schema,
    kolommen,
    naar_json,
    plat,
    rijen_van,
)
from .vergelijking import groepen_van, vergelijk
from .waarden import (
    GROEPERINGEN,
    PERSPECTIEVEN,
    Aggregaat,
    CasusAntwoord,
    CasusCijfers,
    Groep,
    Invoerbestand,
    Opgeschaald,
    Perspectief,
    RegelCijfers,
    Vergelijking,
    Weggelaten,
)

if TYPE_CHECKING:  # pragma: no cover - alleen voor de typecontrole
    from ..invoer.casussen import CasusBestand, Overgeslagen
    from ..invoer.opties import Invoerpad


@dataclass(frozen=True, repr=False)
class Resultaat:
    """Alles wat een berekening oplevert; elke uitvoer leest alleen dit object.

    - `casussen`: één rij per casus met de cijfers en oordelen (pandas DataFrame),
    - `regels`: alle beprijsde inzetregels (pandas DataFrame),
    - `gemeenten` en `totaal`: de aggregaten,
    - `overgeslagen`: casussen die bij `sla_ongeldige_over` zijn weggelaten, elk met zijn meldingen,
    - `casusbestanden`: de geladen casussen zelf, met hun teksten (situatie, beschrijvingen, toelichtingen) voor de
      rapporten,
    - `tariefbestanden`: elk gelezen tariefbestand (ook de prijsindex) met SHA-256, voor de verantwoording,
    - `invoerpaden`: de opgegeven invoer (casuspaden, de map van elk los casusbestand, tariefmap,
      instellingenbestand), elk als `Invoerpad` met wat het is; samen met de bestanden hierboven schrijft geen
      schrijver daarin
      (zie `uitvoer.bestanden.invoer_van`). Leeg als de casussen al geladen waren (`bereken_casussen`).
    """

    prijspeil: int
    instellingen: Instellingen
    casussen: pd.DataFrame
    regels: pd.DataFrame
    gemeenten: tuple[Aggregaat, ...]
    totaal: Aggregaat
    casus_waarschuwingen: dict[str, tuple[Waarschuwing, ...]] = field(default_factory=dict)
    overgeslagen: tuple[Overgeslagen, ...] = ()
    invoerbestanden: tuple[tuple[str, str], ...] = ()
    casusbestanden: tuple[CasusBestand, ...] = ()
    tariefbestanden: tuple[tuple[str, str], ...] = ()
    #: de gemeenten naast elkaar (random effects); zie `vergelijk` voor een andere groepering
    vergelijking: Vergelijking | None = None
    invoerpaden: tuple[Invoerpad, ...] = ()

    def __repr__(self) -> str:
        """Kort, voor een notebook: de tabellen en casussen staan in `tabel(...)` en `casuscijfers()`."""
        from .. import formaat

        a = self.totaal.antwoord
        kans = f", kans {formaat.kans(a.kans_besparing)}" if a.kans_besparing is not None else ""
        return (
            f"Resultaat(prijspeil {self.prijspeil}: {formaat.aantal(self.totaal.aantal_casussen, 'casus', 'casussen')} "
            f"in {formaat.aantal(len(self.gemeenten), 'gemeente', 'gemeenten')}; {formaat.euro(a.schatting)} per "
            f"huishouden per jaar na correctie{kans}; "
            f"tabellen: {', '.join(TABELLEN)})"
        )

    def _repr_html_(self) -> str:
        """Voor Jupyter: de kernboodschap van het totaal en per gemeente het antwoord, als kleine HTML-tabel."""
        from html import escape

        from .. import formaat

        def rij(agg: Aggregaat, kop: bool = False) -> str:
            a = agg.antwoord
            interval = (
                f"{formaat.euro(a.interval95[0])} – {formaat.euro(a.interval95[1])}"
                if a.interval95 is not None
                else "–"
            )
            cel = "th" if kop else "td"
            waarden = (
                escape(agg.gemeente or "Totaal"),
                str(agg.aantal_casussen),
                formaat.euro(a.schatting),
                interval,
                formaat.kans(a.kans_besparing),
            )
            eerste, *rest = waarden
            return (
                f'<tr><{cel} scope="row" style="text-align:left">{eerste}</{cel}>'
                + "".join(f'<{cel} style="text-align:right">{escape(w)}</{cel}>' for w in rest)
                + "</tr>"
            )

        koppen = ("Gemeente", "Casussen", "Besparing per huishouden per jaar", "95%-interval", "Kans op besparing")
        kop = "".join(f'<th scope="col">{escape(k)}</th>' for k in koppen)
        lichaam = "".join(rij(g) for g in self.gemeenten)
        return (
            f"<div><p>{escape(self.totaal.kernboodschap)}</p>"
            f"<table><caption>Per gemeente, na correctie (prijspeil {self.prijspeil})</caption>"
            f"<thead><tr>{kop}</tr></thead><tbody>{lichaam}</tbody>"
            f"<tfoot>{rij(self.totaal, kop=True)}</tfoot></table></div>"
        )

    def anoniem(self) -> Resultaat:
        """Hetzelfde resultaat zonder vrije tekst in de casussen (situatie, beschrijvingen, toelichtingen), en met
        elke id, gemeentenaam en bestandsnaam gemaskeerd (`invoer.privacy.maskeer`): in de tabellen, de aggregaten
        (ook titel, kop, kernboodschap en de invloedrijkste casus), de vergelijking en de weggelaten casussen, waar
        geen geciteerde waarde meer in staat. De cijfers veranderen niet."""
        import dataclasses

        from ..invoer.casussen import Overgeslagen
        from ..invoer.privacy import maskeer, maskeer_teksten, zonder_citaten, zonder_vrije_tekst

        def kolommen(tabel: pd.DataFrame, *namen: str) -> pd.DataFrame:
            aanwezig = [n for n in namen if n in tabel.columns]
            if not len(tabel) or not aanwezig:
                return tabel
            return tabel.assign(
                **{n: tabel[n].map(lambda w: maskeer(w) if isinstance(w, str) else w) for n in aanwezig}
            )

        overgeslagen = tuple(
            Overgeslagen(
                o.bestand,  # het echte pad: de uitvoer wordt er nooit in geschreven (getoond wordt het gemaskeerd)
                maskeer(o.id) if o.id else o.id,
                maskeer(o.gemeente) if o.gemeente else o.gemeente,
                tuple(zonder_citaten(m) for m in o.meldingen),
            )
            for o in self.overgeslagen
        )
        return dataclasses.replace(
            self,
            casussen=kolommen(self.casussen, "id", "gemeente", "bestand", "kernboodschap"),
            regels=kolommen(self.regels, "casus", "gemeente"),
            gemeenten=tuple(maskeer_teksten(g) for g in self.gemeenten),
            totaal=maskeer_teksten(self.totaal),
            vergelijking=maskeer_teksten(self.vergelijking) if self.vergelijking is not None else None,
            casus_waarschuwingen={maskeer(k): v for k, v in self.casus_waarschuwingen.items()},
            overgeslagen=overgeslagen,
            casusbestanden=tuple(zonder_vrije_tekst(cb) for cb in self.casusbestanden),
        )

    @publiek
    def gemeente(self, naam: str) -> Aggregaat:
        """Het aggregaat van één gemeente, in elke spelling met dezelfde `namen.sleutel`.

        Een onbekende naam is een `InvoerFout` met de bekende namen en een suggestie.
        """
        # ook de gemaskeerde vorm: in een anoniem resultaat heet 'Alfa 0612345678' 'Alfa 06******78'
        gezocht = {sleutel(naam), sleutel(gemaskeerd(naam))}
        for agg in self.gemeenten:
            if agg.gemeente is not None and sleutel(agg.gemeente) in gezocht:
                return agg
        bekend = [agg.gemeente for agg in self.gemeenten if agg.gemeente is not None]
        raise InvoerFout(
            [
                Melding(
                    None,
                    None,
                    "gemeente",
                    f"geen casussen van gemeente '{naam}'{bedoelde_u(naam, bekend)}; bekend: "
                    f"{', '.join(bekend) or '(geen)'}",
                )
            ]
        )

    @publiek
    def casuscijfers_van(self, gemeente: str) -> tuple[CasusCijfers, ...]:
        """De cijfers van de casussen van één gemeente (in elke spelling met dezelfde `namen.sleutel`), in de volgorde
        van de casussen; een `InvoerFout` als de gemeente geen casussen heeft."""
        naam = self.gemeente(gemeente).gemeente
        ids = self.casussen.loc[self.casussen["gemeente"] == naam, "id"]
        return tuple(self.casuscijfers([str(i) for i in ids]))

    @publiek
    def overgeslagen_van(self, gemeente: str) -> tuple[Overgeslagen, ...]:
        """De weggelaten casussen die bij `gemeente` horen, in elke spelling met dezelfde `namen.sleutel`
        ("'s-Hertogenbosch" en "’s-Hertogenbosch" zijn één gemeente), en die waarvan de gemeente niet leesbaar was:
        die kunnen bij elke gemeente horen."""
        eigen = sleutel(gemeente)
        return tuple(o for o in self.overgeslagen if o.gemeente is None or sleutel(o.gemeente) in ("", eigen))

    @publiek
    def casusbestand(self, casus_id: str) -> CasusBestand:
        """De geladen casus met dit id (voor de teksten in rapporten); een `InvoerFout` als die er niet is."""
        for cb in self.casusbestanden:
            if cb.casus.id == casus_id:
                return cb
        raise self._onbekende_casus(casus_id)

    def _onbekende_casus(self, casus_id: str) -> InvoerFout:
        bekend = [str(i) for i in self.casussen["id"].tolist()] if len(self.casussen) else []
        return InvoerFout(
            [
                Melding(
                    None,
                    None,
                    "casus",
                    f"geen casus met id '{casus_id}'{bedoelde_u(casus_id, bekend)}; bekend: "
                    f"{', '.join(bekend[:12]) or '(geen)'}{' ...' if len(bekend) > 12 else ''}",
                )
            ]
        )

    @publiek
    def casus(self, casus_id: str) -> CasusCijfers:
        """De cijfers van één casus (getypeerd, met zijn regels en waarschuwingen); een `InvoerFout` als hij er niet
        is."""
        for cijfers in self.casuscijfers([casus_id]):
            return cijfers
        raise self._onbekende_casus(casus_id)

    @publiek
    def casuscijfers(self, ids: list[str] | None = None) -> Iterator[CasusCijfers]:
        """Per casus de getypeerde cijfers, in de volgorde van de casussen (met `ids`: alleen die)."""
        # de enige plek waar de werkkolommen van de casustabel hun naam in de uitvoer krijgen
        kolommen_regels = {k: self.regels[k].to_numpy() for k in _REGEL_VELDEN}
        blokken = _blokken(self.regels["casus"].tolist())
        casussen = self.casussen if ids is None else self.casussen[self.casussen["id"].isin(ids)]
        leefgebieden = {cb.casus.id: tuple(dict.fromkeys(cb.casus.leefgebieden)) for cb in self.casusbestanden}
        for rij in cast("list[dict[str, Any]]", casussen.to_dict("records")):
            van, tot = blokken.get(rij["id"], (0, 0))
            blok = {k: kolommen_regels[k][van:tot].tolist() for k in _REGEL_VELDEN}
            yield CasusCijfers(
                id=rij["id"],
                gemeente=rij["gemeente"],
                bestand=rij["bestand"],
                datum=rij["datum"].date().isoformat(),
                zekerheid=rij["zekerheid"],
                horizon_maanden=int(rij["horizon_maanden"]),
                teammodel=json_getal(rij["teammodel"]),
                zwaarte=json_getal(rij["zwaarte"]),
                selectie=json_getal(rij["selectie"]),
                leefgebieden=leefgebieden.get(rij["id"], ()),
                kosten_voor_2015=rij["kosten_voor_2015"],
                kosten_sociaal_team=rij["kosten_sociaal_team"],
                besparing=rij["besparing"],
                besparing_pct=json_getal(rij["besparing_pct"]),
                correctie=rij["correctie"],
                kosten_voor_2015_gecorrigeerd=rij["kosten_voor_2015_gecorrigeerd"],
                besparing_gecorrigeerd=rij["besparing_gecorrigeerd"],
                besparing_pct_gecorrigeerd=json_getal(rij["besparing_pct_gecorrigeerd"]),
                vermeden_kosten=rij["vermeden"],
                besparing_per_jaar=rij["besparing_per_jaar"],
                besparing_per_jaar_gecorrigeerd=rij["besparing_per_jaar_gecorrigeerd"],
                kernboodschap=rij["kernboodschap"],
                antwoord=CasusAntwoord(
                    schatting=rij["besparing_per_jaar_gecorrigeerd"],
                    interval95=_interval(rij, "antwoord_interval95"),
                    kans_goedkoper=json_getal(rij["antwoord_kans_goedkoper"]),
                ),
                per_perspectief={
                    naam: Perspectief(
                        kosten_voor_2015=rij[f"{naam}_kosten_voor_2015"],
                        kosten_sociaal_team=rij[f"{naam}_kosten_sociaal_team"],
                        besparing=rij[f"{naam}_besparing"],
                        besparing_pct=json_getal(rij[f"{naam}_besparing_pct"]),
                    )
                    for naam in PERSPECTIEVEN
                },
                aandeel_kosten_laag_betrouwbaar={
                    "voor_2015": json_getal(rij["laag_betrouwbaar_voor_2015"]),
                    "sociaal_team": json_getal(rij["laag_betrouwbaar_sociaal_team"]),
                },
                doelen={d.removeprefix("doel_"): rij[d] for d in rij if d.startswith("doel_")},
                regels=tuple(
                    RegelCijfers(**{k: json_getal(blok[k][j]) for k in _REGEL_VELDEN}) for j in range(tot - van)
                ),
                waarschuwingen=self.casus_waarschuwingen.get(rij["id"], ()),
            )

    @publiek
    def gebruikte_tarieven(self, gemeente: str | None = None) -> pd.DataFrame:
        """Elke tariefrij die bij het beprijzen is gekozen (voor de verantwoording), één keer, gesorteerd op code.

        Met `gemeente` alleen de rijen die voor de casussen van die gemeente zijn gebruikt.
        """
        kolommen = [
            "tarief",
            "omschrijving",
            "eenheid",
            "tarief_jaar",
            "tarief_prijs",
            "financier",
            "lijn",
            "betrouwbaarheid",
            "bron",
            "tarief_bestand",
            "tarief_regel",
        ]
        regels = self.regels if gemeente is None else self.regels[self.regels["gemeente"] == gemeente]
        uniek = regels[kolommen].drop_duplicates(["tarief_bestand", "tarief_regel"])
        return uniek.sort_values(["tarief", "tarief_jaar", "tarief_bestand", "tarief_regel"]).reset_index(drop=True)

    def alle_waarschuwingen(self) -> list[Waarschuwing]:
        """Alle waarschuwingen: per casus, per gemeente en over het totaal."""
        uit = [w for ws in self.casus_waarschuwingen.values() for w in ws]
        for agg in (*self.gemeenten, self.totaal):
            uit.extend(agg.waarschuwingen)
        return uit

    def _kop(self) -> dict[str, Any]:
        kop: dict[str, Any] = {
            "prijspeil": self.prijspeil,
            "instellingen": self.instellingen.naar_dict(),
            "aannames": list(self.instellingen.aannames()),
        }
        if self.vergelijking is not None:
            kop["vergelijking"] = naar_json(self.vergelijking)
        return kop

    @publiek
    def vergelijk(self, per: str = "gemeente") -> Vergelijking:
        """De groepen naast elkaar: per `gemeente`, `teammodel`, `leefgebied` of `jaar` (van de datum van de casus),
        met random effects, Q, I^2 en gepoolde schattingen (zie `rekenen.vergelijking`)."""
        if per not in GROEPERINGEN:
            raise InvoerFout(
                [
                    Melding(
                        None,
                        None,
                        "per",
                        f"'{per}' is geen groepering{bedoelde_u(per, GROEPERINGEN)}; kies uit "
                        f"{', '.join(GROEPERINGEN)}",
                    )
                ]
            )
        if per == "gemeente" and self.vergelijking is not None:
            return self.vergelijking
        leefgebieden = {cb.casus.id: tuple(cb.casus.leefgebieden) for cb in self.casusbestanden}
        tabel = self.casussen
        return vergelijk(
            per,
            groepen_van(
                per,
                y=tabel["besparing_per_jaar_gecorrigeerd"].tolist(),
                gemeenten=[str(g) for g in tabel["gemeente"].tolist()],
                teammodellen=tabel["teammodel"].tolist() if "teammodel" in tabel.columns else [None] * len(tabel),
                leefgebieden=[leefgebieden.get(str(i), ()) for i in tabel["id"].tolist()],
                jaren=[int(d.year) for d in tabel["datum"].tolist()],
            ),
        )

    def _staart(self) -> dict[str, Any]:
        return {
            "gemeenten": [naar_json(g) for g in self.gemeenten],
            "totaal": naar_json(self.totaal),
            "overgeslagen": [naar_json(w) for w in self._weggelaten()],
            "invoerbestanden": [naar_json(Invoerbestand(gemaskeerd(b), h)) for b, h in self.invoerbestanden],
        }

    def _weggelaten(self) -> list[Weggelaten]:
        return [
            Weggelaten(gemaskeerd(o.bestand), o.id, o.gemeente, tuple(str(m) for m in o.meldingen))
            for o in self.overgeslagen
        ]

    def casus_dicts(self) -> Iterator[dict[str, Any]]:
        """Per casus het JSON-object met zijn beprijsde regels, in de volgorde van de casussen."""
        for cijfers in self.casuscijfers():
            yield naar_json(cijfers)

    # --- tabellen ---------------------------------------------------------------------------------------------

    @publiek
    def tabel(self, naam: str) -> pd.DataFrame:
        """Eén tabel van de export als DataFrame, met precies de kolommen van de export (zie `TABELLEN` en
        `uitleg`): bedragen onafgerond, percentages 0..100, aandelen en kansen 0..1, datums als datum."""
        if naam not in TABELLEN:
            raise InvoerFout(
                [
                    Melding(
                        None,
                        None,
                        "tabel",
                        f"onbekende tabel '{naam}'{bedoelde_u(naam, TABELLEN)}; kies uit {', '.join(TABELLEN)}",
                    )
                ]
            )
        return self.tabellen()[naam]

    def tabellen(self) -> dict[str, pd.DataFrame]:
        """Alle tabellen van de export, in de volgorde van `TABELLEN`."""
        casussen = list(self.casuscijfers())
        groepen = (*self.gemeenten, self.totaal)
        rijen: dict[str, list[dict[str, Any]]] = {naam: [] for naam in TABELLEN}
        for c in casussen:
            rijen["casussen"].append(plat(c))
            rijen["regels"].extend({"casus": c.id, "gemeente": c.gemeente, **plat(r)} for r in c.regels)
        for g in groepen:
            rijen["gemeenten"].append(plat(g))
            ouder = {"gemeente": _groepsnaam(g)}
            for tabel, _, _ in eigen_tabellen(Aggregaat):
                if tabel == "opschaling":
                    if g.opschaling is not None:
                        rijen[tabel].append({**ouder, **plat(g.opschaling)})
                else:
                    rijen[tabel].extend({**ouder, **plat(w)} for w in rijen_van(g, tabel))
        if self.vergelijking is not None:
            rijen["vergelijking"] = [
                {"groepering": self.vergelijking.groepering, **plat(g)} for g in self.vergelijking.groepen
            ]
        rijen["waarschuwingen"] = [plat(w) for w in self.alle_waarschuwingen()] + [
            {"code": "casus_weggelaten", "melding": m, "bestand": w.bestand, "casus": w.id, "gemeente": w.gemeente}
            for w in self._weggelaten()
            for m in w.meldingen
        ]
        uit = {}
        for naam in TABELLEN:
            kolommen_ = tabelkolommen(naam)
            df = pd.DataFrame(rijen[naam], columns=[k.naam for k in kolommen_ if k.naam not in _NAMEN])
            for k in kolommen_:
                if k.naam in _NAMEN:
                    bron, omzetten = _NAMEN[k.naam]
                    df.insert(list(df.columns).index(bron) + 1, k.naam, df[bron].map(omzetten))
                elif k.eenheid is DATUM:
                    df[k.naam] = pd.to_datetime(df[k.naam])
            uit[naam] = df
        return uit

    # --- JSON ------------------------------------------------------------------------------------------------

    def naar_dict(self) -> dict[str, Any]:
        """De JSON-vorm van `bereken --json`; bedragen onafgerond, percentages 0..100."""
        return {**self._kop(), "casussen": list(self.casus_dicts()), **self._staart()}

    def json_delen(self) -> Iterator[str]:
        """Dezelfde JSON als `naar_dict`, in stukken: casus voor casus, zonder alles tegelijk in het geheugen."""
        kop = json.dumps(self._kop(), ensure_ascii=False, allow_nan=False)
        yield kop[:-1] + ', "casussen": ['
        for i, casus in enumerate(self.casus_dicts()):
            yield (", " if i else "") + json.dumps(casus, ensure_ascii=False, allow_nan=False)
        yield "], " + json.dumps(self._staart(), ensure_ascii=False, allow_nan=False)[1:] + "\n"


#: de tabellen van de export, in deze volgorde als werkbladen en als CSV-bestanden
TABELLEN: tuple[str, ...] = (
    "casussen",
    "regels",
    "gemeenten",
    "financiers",
    "doelen",
    "gevoeligheid",
    "kanscurve",
    "vergelijking",
    "waarschuwingen",
    "opschaling",
    "financiers_per_jaar",
    "representativiteit",
)

#: kolommen met de naam voor de lezer naast een code: kolom -> (codekolom, omzetting)
_NAMEN: dict[str, tuple[str, Callable[[str], str]]] = {
    "traject_naam": ("traject", trajectnaam),
    "financier_naam": ("financier", financiernaam),
    "doel_naam": ("doel", doelnaam),
    "titel": ("code", waarschuwingstitel),
}
_NAAM_UITLEG = {
    "traject_naam": "het traject zoals de rapporten het noemen",
    "financier_naam": "de financier zoals de rapporten hem noemen",
    "doel_naam": "het doel zoals de rapporten het noemen",
    "titel": "de soort waarschuwing in gewone woorden",
}


def tabelkolommen(naam: str) -> list[Kolom]:
    """De kolommen van een exporttabel met hun betekenis en eenheid, in de volgorde van de tabel."""
    groep = Kolom("gemeente", "de gemeente ('Totaal' voor alle casussen samen)", TEKST)
    if naam == "casussen":
        basis = kolommen(CasusCijfers)
    elif naam == "regels":
        basis = [
            Kolom("casus", "het id van de casus", TEKST),
            Kolom("gemeente", "de gemeente", TEKST),
            *kolommen(RegelCijfers),
        ]
    elif naam == "gemeenten":
        basis = [groep, *kolommen(Aggregaat)[1:]]
    elif naam == "waarschuwingen":
        basis = kolommen(Waarschuwing)
    elif naam == "vergelijking":
        basis = [Kolom("groepering", "waarnaar gegroepeerd is (gemeente)", TEKST), *kolommen(Groep)]
    else:
        klasse = {t: k for t, k, _ in eigen_tabellen(Aggregaat)}[naam]
        basis = [groep, *kolommen(klasse)]
    uit: list[Kolom] = []
    for k in basis:
        uit.append(k)
        for naamkolom, (bron, _) in _NAMEN.items():
            if k.naam == bron and (naam != "waarschuwingen" or bron == "code"):
                uit.append(Kolom(naamkolom, _NAAM_UITLEG[naamkolom], TEKST))
    return uit


def uitleg() -> pd.DataFrame:
    """Elke kolom van elke tabel met zijn betekenis, eenheid en schaal (het werkblad uitleg van de export)."""
    return pd.DataFrame(
        [
            {
                "tabel": naam,
                "kolom": k.naam,
                "betekenis": k.betekenis,
                "eenheid": k.eenheid.naam,
                "schaal": k.eenheid.omschrijving,
            }
            for naam in TABELLEN
            for k in tabelkolommen(naam)
        ],
        columns=["tabel", "kolom", "betekenis", "eenheid", "schaal"],
    )


def uitvoerschema() -> dict[str, Any]:
    """Het JSON Schema van de uitvoer van `bereken --json` (en `export --formaat json`), uit de verklaringen."""
    definities: dict[str, Any] = {}
    casus = json_schema(CasusCijfers, definities)
    groep = json_schema(Aggregaat, definities)
    weggelaten = json_schema(Weggelaten, definities)
    bestand = json_schema(Invoerbestand, definities)
    json_schema(Opgeschaald, definities)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://casuskosten.nl/schema/uitvoer.json",
        "title": "casuskosten: uitvoer van bereken --json",
        "description": (
            "Alle cijfers van een berekening. Bedragen in euro op het prijspeil, onafgerond; percentages op de schaal "
            "0..100; aandelen en kansen op de schaal 0..1. Elk veld noemt zijn eenheid tussen [ ]."
        ),
        "type": "object",
        "properties": {
            "prijspeil": {"description": "het prijspeil (jaar) van alle bedragen", "type": "integer"},
            "instellingen": {
                "description": "de gebruikte instellingen, zoals in casuskosten.toml (met het gekozen prijspeil)",
                "type": "object",
            },
            "aannames": {
                "description": (
                    "de getallen van de opschaling die meetellen zonder bron (of met een bron die met 'aanname' "
                    "begint), als pad in de instellingen: opschaling.<gemeente>.casussen_per_jaar, "
                    "opschaling.<gemeente>.fte, opschaling.<gemeente>.verdeling.<zwaarte>, "
                    "formatie.productieve_uren_per_fte (ook als standaardwaarde), formatie.kosten_per_fte"
                ),
                "type": "array",
                "items": {"type": "string"},
            },
            "vergelijking": {**json_schema(Vergelijking, definities), "description": "de gemeenten naast elkaar"},
            "casussen": {"description": "per casus de cijfers", "type": "array", "items": casus},
            "gemeenten": {"description": "per gemeente de cijfers", "type": "array", "items": groep},
            "totaal": {**groep, "description": "alle casussen samen"},
            "overgeslagen": {
                "description": "casussen die met --sla-ongeldige-over zijn weggelaten",
                "type": "array",
                "items": weggelaten,
            },
            "invoerbestanden": {"description": "elk gelezen casusbestand", "type": "array", "items": bestand},
        },
        "required": [
            "prijspeil",
            "instellingen",
            "aannames",
            "casussen",
            "gemeenten",
            "totaal",
            "overgeslagen",
            "invoerbestanden",
        ],
        "additionalProperties": False,
        "$defs": definities,
    }


def _groepsnaam(agg: Aggregaat) -> str:
    return agg.gemeente if agg.gemeente is not None else "Totaal"


_REGEL_VELDEN: tuple[str, ...] = tuple(f for f in RegelCijfers.__dataclass_fields__)


def _blokken(ids: list[Any]) -> dict[str, tuple[int, int]]:
    """De regels van een casus staan aaneengesloten (beprijzing loopt casus voor casus): per casus (van, tot)."""
    blokken: dict[str, tuple[int, int]] = {}
    begin = 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[begin]:
            blokken[str(ids[begin])] = (begin, i)
            begin = i
    return blokken


def _interval(rij: dict[str, Any], naam: str) -> tuple[float, float] | None:
    laag, hoog = json_getal(rij[f"{naam}_laag"]), json_getal(rij[f"{naam}_hoog"])
    return None if laag is None or hoog is None else (laag, hoog)
