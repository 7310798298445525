"""Het ene resultaatobject dat elke uitvoer (terminal, JSON, rapporten, export) leest.

De cijfers komen uit `aggregatie` en `onzekerheid`; dit zijn de bevroren containers, de opzoekfuncties
(`gemeente`, `casusbestand`) en de omzetting naar de JSON-vorm.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from ..fouten import InvoerFout, Melding, Waarschuwing, bedoelde_u
from ..invoer.instellingen import Instellingen
from ..invoer.namen import sleutel

if TYPE_CHECKING:  # pragma: no cover - alleen voor de typecontrole
    from ..invoer.casussen import CasusBestand, Overgeslagen
    from .opschaling import Opgeschaald  # opschaling -> psa -> onzekerheid -> resultaat: alleen als type


@dataclass(frozen=True, slots=True)
class FinancierCijfers:
    """Wie investeert, wie bespaart: de drie sommen voor één financier."""

    financier: str
    kosten_voor_2015: float
    kosten_sociaal_team: float
    besparing: float
    rol: str  # investeert | bespaart | gelijk


@dataclass(frozen=True, slots=True)
class DoelCijfers:
    """Hoe vaak een doel ja, deels, nee of onbekend is beoordeeld."""

    doel: str
    ja: int
    deels: int
    nee: int
    onbekend: int
    aandeel_ja: float | None
    aandeel_ja_of_deels: float | None


@dataclass(frozen=True, slots=True)
class Gevoeligheid:
    """Eén balk van het tornadodiagram: de uitkomst bij de lage en bij de hoge instelling van een parameter."""

    parameter: str
    omschrijving: str
    laag: float | None
    hoog: float | None
    omslagpunt: float | None = None  # alleen bij tarieven: de prijsfactor waarbij de gecorrigeerde besparing 0 wordt

    @property
    def spreiding(self) -> float:
        """Het verschil tussen hoog en laag (0 als een van beide ontbreekt)."""
        if self.laag is None or self.hoog is None:
            return 0.0
        return abs(self.hoog - self.laag)


@dataclass(frozen=True, slots=True)
class Perspectief:
    """De sommen vanuit één perspectief: maatschappelijk, collectief of gemeente."""

    kosten_voor_2015: float
    kosten_sociaal_team: float
    besparing: float
    besparing_pct: float | None

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object."""
        return {
            "kosten_voor_2015": self.kosten_voor_2015,
            "kosten_sociaal_team": self.kosten_sociaal_team,
            "besparing": self.besparing,
            "besparing_pct": self.besparing_pct,
        }


#: de perspectieven, in de volgorde waarin ze getoond worden
PERSPECTIEVEN: tuple[str, ...] = ("maatschappelijk", "collectief", "gemeente")


@dataclass(frozen=True, slots=True)
class Invloed:
    """De casus waarvan weglaten het besparingspercentage het meest verandert."""

    id: str
    besparing_pct_zonder: float | None


@dataclass(frozen=True)
class Aggregaat:
    """De cijfers van een groep casussen: één gemeente, of alle casussen samen (`gemeente` is dan None)."""

    gemeente: str | None
    aantal_casussen: int
    kosten_voor_2015: float
    kosten_sociaal_team: float
    besparing: float
    besparing_pct: float | None
    besparing_pct_gemiddeld: float | None
    besparing_pct_mediaan: float | None
    aantal_met_besparing: int
    aandeel_met_besparing: float
    kosten_voor_2015_gecorrigeerd: float
    besparing_gecorrigeerd: float
    besparing_pct_gecorrigeerd: float | None
    besparing_pct_ci95: tuple[float, float] | None
    besparing_pct_gecorrigeerd_ci95: tuple[float, float] | None
    besparing_per_casus_per_jaar: float
    besparing_per_casus_per_jaar_gecorrigeerd: float
    kans_besparing: float
    kans_besparing_gecorrigeerd: float
    besparing_pct_psa95: tuple[float, float] | None
    besparing_pct_gecorrigeerd_psa95: tuple[float, float] | None
    besparing_per_casus_per_jaar_psa95: tuple[float, float]
    besparing_per_casus_per_jaar_gecorrigeerd_psa95: tuple[float, float]
    per_perspectief: dict[str, Perspectief]
    horizonnen: tuple[int, ...]
    kernboodschap: str
    invloedrijkste_casus: Invloed | None
    per_financier: tuple[FinancierCijfers, ...]
    doelen: tuple[DoelCijfers, ...]
    gevoeligheid: tuple[Gevoeligheid, ...]
    aandeel_kosten_laag_betrouwbaar: dict[str, float | None]
    periode: tuple[str, str]
    waarschuwingen: tuple[Waarschuwing, ...] = ()
    #: wat de casussen betekenen voor de begroting; None zonder [opschaling] voor deze gemeente (en bij het totaal)
    opschaling: Opgeschaald | None = None

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object; `opschaling` alleen bij een gemeente met [opschaling]."""
        uit: dict[str, Any] = {}
        if self.gemeente is not None:
            uit["gemeente"] = self.gemeente
        uit |= {
            "kernboodschap": self.kernboodschap,
            "aantal_casussen": self.aantal_casussen,
            "periode": {"van": self.periode[0], "tot_en_met": self.periode[1]},
            "kosten_voor_2015": self.kosten_voor_2015,
            "kosten_sociaal_team": self.kosten_sociaal_team,
            "besparing": self.besparing,
            "besparing_pct": self.besparing_pct,
            "besparing_pct_ci95": list(self.besparing_pct_ci95) if self.besparing_pct_ci95 else None,
            "besparing_pct_gemiddeld": self.besparing_pct_gemiddeld,
            "besparing_pct_mediaan": self.besparing_pct_mediaan,
            "aantal_met_besparing": self.aantal_met_besparing,
            "aandeel_met_besparing": self.aandeel_met_besparing,
            "kosten_voor_2015_gecorrigeerd": self.kosten_voor_2015_gecorrigeerd,
            "besparing_gecorrigeerd": self.besparing_gecorrigeerd,
            "besparing_pct_gecorrigeerd": self.besparing_pct_gecorrigeerd,
            "besparing_pct_gecorrigeerd_ci95": (
                list(self.besparing_pct_gecorrigeerd_ci95) if self.besparing_pct_gecorrigeerd_ci95 else None
            ),
            "besparing_per_casus_per_jaar": self.besparing_per_casus_per_jaar,
            "besparing_per_casus_per_jaar_gecorrigeerd": self.besparing_per_casus_per_jaar_gecorrigeerd,
            "kans_besparing": self.kans_besparing,
            "kans_besparing_gecorrigeerd": self.kans_besparing_gecorrigeerd,
            "besparing_pct_psa95": _lijst(self.besparing_pct_psa95),
            "besparing_pct_gecorrigeerd_psa95": _lijst(self.besparing_pct_gecorrigeerd_psa95),
            "besparing_per_casus_per_jaar_psa95": _lijst(self.besparing_per_casus_per_jaar_psa95),
            "besparing_per_casus_per_jaar_gecorrigeerd_psa95": _lijst(
                self.besparing_per_casus_per_jaar_gecorrigeerd_psa95
            ),
            "per_perspectief": {naam: p.naar_dict() for naam, p in self.per_perspectief.items()},
            "horizonnen_maanden": list(self.horizonnen),
            "invloedrijkste_casus": (
                {
                    "id": self.invloedrijkste_casus.id,
                    "besparing_pct_zonder": self.invloedrijkste_casus.besparing_pct_zonder,
                }
                if self.invloedrijkste_casus
                else None
            ),
            "per_financier": {
                f.financier: {
                    "kosten_voor_2015": f.kosten_voor_2015,
                    "kosten_sociaal_team": f.kosten_sociaal_team,
                    "besparing": f.besparing,
                    "rol": f.rol,
                }
                for f in self.per_financier
            },
            "doelen": {
                d.doel: {
                    "ja": d.ja,
                    "deels": d.deels,
                    "nee": d.nee,
                    "onbekend": d.onbekend,
                    "aandeel_ja": d.aandeel_ja,
                    "aandeel_ja_of_deels": d.aandeel_ja_of_deels,
                }
                for d in self.doelen
            },
            "gevoeligheid": [
                {
                    "parameter": g.parameter,
                    "omschrijving": g.omschrijving,
                    "laag": g.laag,
                    "hoog": g.hoog,
                    **({"omslagpunt": g.omslagpunt} if g.parameter.startswith("tarief:") else {}),
                }
                for g in self.gevoeligheid
            ],
            "aandeel_kosten_laag_betrouwbaar": self.aandeel_kosten_laag_betrouwbaar,
            "waarschuwingen": [w.naar_dict() for w in self.waarschuwingen],
        }
        if self.opschaling is not None:
            uit["opschaling"] = self.opschaling.naar_dict()
        return uit


@dataclass(frozen=True)
class Resultaat:
    """Alles wat een berekening oplevert; elke uitvoer leest alleen dit object.

    - `casussen`: één rij per casus met de cijfers en oordelen (pandas DataFrame),
    - `regels`: alle beprijsde inzetregels (pandas DataFrame),
    - `gemeenten` en `totaal`: de aggregaten,
    - `overgeslagen`: casussen die bij `sla_ongeldige_over` zijn weggelaten, elk met zijn meldingen,
    - `casusbestanden`: de geladen casussen zelf, met hun teksten (situatie, beschrijvingen, toelichtingen) voor de
      rapporten,
    - `tariefbestanden`: elk gelezen tariefbestand (ook de prijsindex) met SHA-256, voor de verantwoording.
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

    def anoniem(self) -> Resultaat:
        """Hetzelfde resultaat zonder vrije tekst in de casussen (situatie, beschrijvingen, toelichtingen)."""
        import dataclasses

        from ..invoer.privacy import maskeer, zonder_vrije_tekst

        # een id die op een persoonsgegeven lijkt (111222333) gemaskeerd, in de casussen én in de tabellen
        casussen = self.casussen.assign(id=self.casussen["id"].map(maskeer)) if len(self.casussen) else self.casussen
        regels = self.regels.assign(casus=self.regels["casus"].map(maskeer)) if len(self.regels) else self.regels
        return dataclasses.replace(
            self,
            casussen=casussen,
            regels=regels,
            casusbestanden=tuple(zonder_vrije_tekst(cb) for cb in self.casusbestanden),
        )

    def gemeente(self, naam: str) -> Aggregaat:
        """Het aggregaat van één gemeente, in elke spelling met dezelfde `namen.sleutel`.

        Een onbekende naam is een `InvoerFout` met de bekende namen en een suggestie.
        """
        for agg in self.gemeenten:
            if agg.gemeente is not None and sleutel(agg.gemeente) == sleutel(naam):
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

    def casusbestand(self, casus_id: str) -> CasusBestand:
        """De geladen casus met dit id (voor de teksten in rapporten); `KeyError` als die er niet is."""
        for cb in self.casusbestanden:
            if cb.casus.id == casus_id:
                return cb
        raise KeyError(casus_id)

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

    def naar_dict(self) -> dict[str, Any]:
        """De JSON-vorm van `bereken --json`; bedragen onafgerond, percentages 0..100."""
        return {**self._kop(), "casussen": list(self.casus_dicts()), **self._staart()}

    def json_delen(self) -> Iterator[str]:
        """Dezelfde JSON als `naar_dict`, in stukken: casus voor casus, zonder alles tegelijk in het geheugen."""
        kop = json.dumps(self._kop(), ensure_ascii=False)
        yield kop[:-1] + ', "casussen": ['
        for i, casus in enumerate(self.casus_dicts()):
            yield (", " if i else "") + json.dumps(casus, ensure_ascii=False)
        yield "], " + json.dumps(self._staart(), ensure_ascii=False)[1:] + "\n"

    def _kop(self) -> dict[str, Any]:
        return {"prijspeil": self.prijspeil, "instellingen": self.instellingen.naar_dict()}

    def _staart(self) -> dict[str, Any]:
        return {
            "gemeenten": [g.naar_dict() for g in self.gemeenten],
            "totaal": self.totaal.naar_dict(),
            "overgeslagen": [
                {
                    "bestand": o.bestand,
                    "id": o.id,
                    "gemeente": o.gemeente,
                    "meldingen": [str(m) for m in o.meldingen],
                }
                for o in self.overgeslagen
            ],
            "invoerbestanden": [{"bestand": b, "sha256": h} for b, h in self.invoerbestanden],
        }

    def casus_dicts(self) -> Iterator[dict[str, Any]]:
        """Per casus het JSON-object met zijn beprijsde regels, in de volgorde van de casussen."""
        # als numpy-arrays houden en per casus een stukje omzetten: alles in één keer naar Python-objecten kost bij
        # 100.000 casussen honderden MB
        kolommen = {k: self.regels[k].to_numpy() for k in _REGEL_VELDEN}
        # de regels van een casus staan aaneengesloten (beprijzing loopt casus voor casus): bepaal de blokken
        ids = self.regels["casus"].tolist()
        blokken: dict[str, tuple[int, int]] = {}
        begin = 0
        for i in range(1, len(ids) + 1):
            if i == len(ids) or ids[i] != ids[begin]:
                blokken[str(ids[begin])] = (begin, i)
                begin = i
        doel_kolommen = [k for k in self.casussen.columns if k.startswith("doel_")]
        for rij in cast("list[dict[str, Any]]", self.casussen.to_dict("records")):
            van, tot = blokken.get(rij["id"], (0, 0))
            yield {
                "id": rij["id"],
                "gemeente": rij["gemeente"],
                "bestand": rij["bestand"],
                "datum": rij["datum"].date().isoformat(),
                "zekerheid": rij["zekerheid"],
                "horizon_maanden": rij["horizon_maanden"],
                "kosten_voor_2015": rij["kosten_voor_2015"],
                "kosten_sociaal_team": rij["kosten_sociaal_team"],
                "besparing": rij["besparing"],
                "besparing_pct": _json(rij["besparing_pct"]),
                "kosten_voor_2015_gecorrigeerd": rij["kosten_voor_2015_gecorrigeerd"],
                "besparing_gecorrigeerd": rij["besparing_gecorrigeerd"],
                "besparing_pct_gecorrigeerd": _json(rij["besparing_pct_gecorrigeerd"]),
                "vermeden_kosten": rij["vermeden"],
                "besparing_per_jaar": rij["besparing_per_jaar"],
                "besparing_per_jaar_gecorrigeerd": rij["besparing_per_jaar_gecorrigeerd"],
                "kernboodschap": rij["kernboodschap"],
                "kans_besparing": _json(rij["kans_besparing"]),
                "kans_besparing_gecorrigeerd": _json(rij["kans_besparing_gecorrigeerd"]),
                "besparing_pct_psa95": _interval(rij, "besparing_pct_psa95"),
                "besparing_pct_gecorrigeerd_psa95": _interval(rij, "besparing_pct_gecorrigeerd_psa95"),
                "per_perspectief": {
                    naam: {
                        "kosten_voor_2015": rij[f"{naam}_kosten_voor_2015"],
                        "kosten_sociaal_team": rij[f"{naam}_kosten_sociaal_team"],
                        "besparing": rij[f"{naam}_besparing"],
                        "besparing_pct": _json(rij[f"{naam}_besparing_pct"]),
                    }
                    for naam in PERSPECTIEVEN
                },
                "aandeel_kosten_laag_betrouwbaar": {
                    "voor_2015": _json(rij["laag_betrouwbaar_voor_2015"]),
                    "sociaal_team": _json(rij["laag_betrouwbaar_sociaal_team"]),
                },
                "doelen": {k.removeprefix("doel_"): rij[k] for k in doel_kolommen},
                "regels": _regels_als_dicts({k: kolommen[k][van:tot].tolist() for k in _REGEL_VELDEN}, tot - van),
                "waarschuwingen": [w.naar_dict() for w in self.casus_waarschuwingen.get(rij["id"], ())],
            }


_REGEL_VELDEN = (
    "traject",
    "tarief",
    "omschrijving",
    "eenheid",
    "aantal",
    "per",
    "aantal_keer",
    "aantal_totaal",
    "kans",
    "tarief_jaar",
    "prijs",
    "kosten_nominaal",
    "kosten",
    "soort",
    "financier",
    "lijn",
    "betrouwbaarheid",
    "bron",
)


def _interval(rij: dict[str, Any], naam: str) -> list[float] | None:
    laag, hoog = _json(rij[f"{naam}_laag"]), _json(rij[f"{naam}_hoog"])
    return None if laag is None or hoog is None else [laag, hoog]


def _lijst(interval: tuple[float, float] | None) -> list[float] | None:
    return list(interval) if interval is not None else None


def _regels_als_dicts(blok: dict[str, list[Any]], aantal: int) -> list[dict[str, Any]]:
    return [{k: _json(blok[k][j]) for k in _REGEL_VELDEN} for j in range(aantal)]


def _json(waarde: Any) -> Any:
    """numpy- en pandas-waarden naar gewone Python-waarden; NaN wordt null."""
    if waarde is None:
        return None
    if hasattr(waarde, "item"):
        waarde = waarde.item()
    if isinstance(waarde, float) and math.isnan(waarde):
        return None
    return waarde
