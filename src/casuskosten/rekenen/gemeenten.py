"""Per gemeente alles in één doorgang, en het totaal daarna in één geordende lus.

Eén verdeling van de gegevens over gemeenten (`Verdeling`: op naam, daarbinnen de casussen en regels in hun
oorspronkelijke volgorde). Voor elke gemeente rekent `bereken_gemeente` uit haar eigen deel alles uit: de PSA, de
bootstrap, het tornadodiagram, de cijfers per jaar en de opschaling, en geeft haar bevroren `Aggregaat`. Het totaal
wordt daarna uit de gemeenten opgeteld, in de volgorde van de gemeenten. Werkers splitsen alleen die ene lus: elke
gemeente trekt uit haar eigen toevalsreeksen, dus de uitkomst is met elk aantal werkers dezelfde, tot op de bit.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
from threadpoolctl import ThreadpoolController

from ..invoer.instellingen import Instellingen
from ..invoer.instellingen import Opschaling as OpschalingInstelling
from ..invoer.modellen import ZWAARTES
from .aggregatie import BootstrapTotaal, aggregeer, bootstrap_sommen
from .antwoord import antwoord
from .kolommen import Kolommen, per_gemeente
from .opschaling import aandelen, schaal_op
from .psa import (
    KANSFACTOREN,
    PsaInvoer,
    Strata,
    TotaalSommen,
    Trekkingen,
    omslag_kansfactor,
    psa_gemeente,
    strata_generator,
)
from .waarden import (
    MIN_CASUSSEN_ANTWOORD,
    MIN_CASUSSEN_INTERVAL,
    PERSPECTIEVEN,
    Aggregaat,
    FloatArray,
    Omslagpunten,
)


@dataclass(frozen=True)
class Gemeentedeel:
    """Het deel van één gemeente: haar casussen en regels, en haar plek in de PSA-invoer."""

    nr: int
    naam: str
    casussen: Kolommen
    regels: Kolommen
    opschaling: OpschalingInstelling | None


@dataclass(frozen=True)
class Verdeling:
    """De ene verdeling van casussen en regels over gemeenten, met de gedeelde PSA-invoer."""

    delen: tuple[Gemeentedeel, ...]
    casussen: Kolommen
    regels: Kolommen
    psa: PsaInvoer

    @staticmethod
    def maak(casussen: pd.DataFrame, regels: pd.DataFrame, instellingen: Instellingen) -> Verdeling:
        """Verdeel de casustabel en de regeltabel over de gemeenten (op naam)."""
        alle_casussen, alle_regels = Kolommen(casussen), Kolommen(regels)
        delen = tuple(
            Gemeentedeel(nr, naam, eigen_casussen, eigen_regels, instellingen.opschaling_voor(naam))
            for nr, (naam, eigen_casussen, eigen_regels) in enumerate(per_gemeente(alle_casussen, alle_regels))
        )
        psa = PsaInvoer.maak(regels, casussen, [d.naam for d in delen], [d.casussen.rijen for d in delen], instellingen)
        return Verdeling(delen, alle_casussen, alle_regels, psa)


@dataclass(frozen=True)
class Gemeentecijfers:
    """Wat één gemeente oplevert: haar aggregaat, en wat het totaal en de casustabel van haar nodig hebben."""

    aggregaat: Aggregaat
    trekkingen: Trekkingen
    #: per perspectief de som over haar casussen van de puntwaarde (voor de schatting van het totaal)
    punt_som: dict[str, float]
    kansfactor_som: FloatArray
    #: per casus (in de volgorde van `ids`) het antwoord van het huishouden
    casussen: dict[str, FloatArray]
    ids: list[str]
    #: de bootstrapsommen, vanaf 5 casussen (anders None: dan telt de gemeente in de laag van de kleine gemeenten)
    bootstrap: FloatArray | None


def omslag_correctie(casussen: Kolommen) -> float | None:
    """De ene correctie op alle vermeden kosten waarbij de schatting 0 wordt: de som van de ongecorrigeerde
    besparingen per jaar gedeeld door de som van de vermeden kosten per jaar; None buiten [0, 1]."""
    jaarfactor = 12.0 / np.asarray(casussen["horizon_maanden"], dtype=float)
    besparing = float(np.asarray(casussen["besparing_per_jaar"], dtype=float).sum())
    vermeden = float((np.asarray(casussen["vermeden"], dtype=float) * jaarfactor).sum())
    if vermeden <= 0:
        return None
    r = besparing / vermeden
    return r if 0 <= r <= 1 else None


def omslagpunten(
    casussen: Kolommen, schatting: float, kansfactor: float | None, teamprijs: float | None
) -> Omslagpunten:
    """De drie omslagpunten van een groep: kansfactor (uit de simulatie), correctie en extra teamuren."""
    extra = schatting / teamprijs if teamprijs and schatting > 0 else None
    return Omslagpunten(kansfactor=kansfactor, correctie=omslag_correctie(casussen), extra_teamuren=extra)


def bereken_gemeente(
    deel: Gemeentedeel, verdeling: Verdeling, instellingen: Instellingen, teamprijs: float | None = None
) -> Gemeentecijfers:
    """Alles voor één gemeente uit haar eigen deel: simulatie, antwoord, bootstrap, tornado en opschaling."""
    n = len(deel.casussen)
    # de aandelen per zwaarte (of None: gewoon gemiddelde) zijn nodig vóór de simulatie, die ermee weegt
    per_zwaarte = aandelen(deel.casussen.tabel(), deel.opschaling) if deel.opschaling is not None else None
    grens = slice(int(verdeling.psa.casus_grens[deel.nr]), int(verdeling.psa.casus_grens[deel.nr + 1]))
    strata = None
    # één gedekte zwaarte met alle casussen is het gewone gemiddelde: dan de trekkingen van de gemeente zelf; maar
    # casussen in een zwaarte zonder huishoudens wegen niet mee (gewicht 0), dus dan wel gewogen
    zwaartes = verdeling.psa.zwaarte[grens] if verdeling.psa.zwaarte is not None else None
    if (
        per_zwaarte is not None
        and zwaartes is not None
        and (int((per_zwaarte > 0).sum()) > 1 or any(per_zwaarte[ZWAARTES.index(z)] == 0 for z in zwaartes.tolist()))
    ):
        strata = Strata.maak(
            zwaartes,
            per_zwaarte,
            strata_generator(instellingen.seed, deel.naam),
            instellingen.onzekerheid.steekproef,
        )
    met_trekkingen = deel.opschaling is not None and n >= MIN_CASUSSEN_ANTWOORD
    psa = psa_gemeente(verdeling.psa, deel.nr, instellingen.seed, strata=strata, financiers=met_trekkingen)
    c = n
    schatting = {p: float(psa.punt[i * c : (i + 1) * c].astype(np.float64).mean()) for i, p in enumerate(PERSPECTIEVEN)}
    uitkomst = antwoord(
        n,
        schatting,
        psa.trekkingen.theta,
        psa.trekkingen.bron,
        omslagpunten(deel.casussen, schatting["maatschappelijk"], psa.omslag_kansfactor, teamprijs),
    )
    sommen = (
        bootstrap_sommen(deel.casussen, instellingen.bootstrap_iteraties, instellingen.seed, deel.naam)
        if n >= MIN_CASUSSEN_INTERVAL
        else None
    )
    agg = aggregeer(deel.naam, deel.casussen, deel.regels, instellingen, uitkomst, bootstrap=sommen)
    if deel.opschaling is not None:
        # gewogen naar zwaarte, of (zonder weging) precies de trekkingen van het antwoord
        gewogen = psa.opschaling or {"theta": psa.trekkingen.theta["maatschappelijk"], **psa.trekkingen.bron}
        opgeschaald = schaal_op(
            deel.naam,
            deel.casussen.tabel(),
            deel.regels.tabel(),
            deel.opschaling,
            instellingen.formatie,
            per_zwaarte,
            gewogen if met_trekkingen else None,
            psa.financiers if met_trekkingen else None,
        )
        agg = dataclasses.replace(
            agg, opschaling=opgeschaald, waarschuwingen=(*agg.waarschuwingen, *opgeschaald.waarschuwingen)
        )
    deel.regels.vergeet()
    laag, hoog = psa.casus_interval
    return Gemeentecijfers(
        aggregaat=agg,
        trekkingen=psa.trekkingen,
        punt_som={p: schatting[p] * n for p in PERSPECTIEVEN},
        kansfactor_som=psa.kansfactor_som,
        casussen={
            "antwoord_schatting": psa.casus_schatting,
            "antwoord_interval95_laag": laag,
            "antwoord_interval95_hoog": hoog,
            "antwoord_kans_goedkoper": psa.casus_kans_goedkoper,
        },
        ids=verdeling.psa.ids[grens],
        bootstrap=sommen,
    )


#: de kolommen die de simulatie per casus aan de casustabel toevoegt
CASUSKOLOMMEN: tuple[str, ...] = (
    "antwoord_schatting",
    "antwoord_interval95_laag",
    "antwoord_interval95_hoog",
    "antwoord_kans_goedkoper",
)


@dataclass(frozen=True)
class Gemeenten:
    """De aggregaten van alle gemeenten en het totaal, en per casus de kolommen van het antwoord (index: casus-id)."""

    gemeenten: tuple[Aggregaat, ...]
    totaal: Aggregaat
    psa_casussen: pd.DataFrame


def bereken_gemeenten(
    casussen: pd.DataFrame,
    regels: pd.DataFrame,
    instellingen: Instellingen,
    *,
    werkers: int = 1,
    teamprijzen: Mapping[str, float | None] | None = None,
) -> Gemeenten:
    """Elke gemeente in één doorgang (in draden als `werkers` > 1), daarna het totaal in de volgorde van de
    gemeenten. `teamprijzen`: per gemeente de prijs van een uur van het team (voor het omslagpunt extra_teamuren)."""
    teamprijzen = teamprijzen or {}
    verdeling = Verdeling.maak(casussen, regels, instellingen)
    totaal_sommen = TotaalSommen(instellingen.psa_iteraties)
    bootstrap_totaal = BootstrapTotaal(instellingen.bootstrap_iteraties)
    gemeenten: list[Aggregaat] = []
    ids: list[str] = []
    kolommen: dict[str, list[FloatArray]] = {naam: [] for naam in CASUSKOLOMMEN}
    punt_som = dict.fromkeys(PERSPECTIEVEN, 0.0)
    kansfactor_som = np.zeros(len(KANSFACTOREN))
    prijs_som, prijs_aantal = 0.0, 0
    grootte = [len(d.casussen) + len(d.regels) for d in verdeling.delen]

    def een(deel: Gemeentedeel) -> Gemeentecijfers:
        return bereken_gemeente(deel, verdeling, instellingen, teamprijzen.get(deel.naam))

    for deel, cijfers in zip(verdeling.delen, verdeel(een, verdeling.delen, grootte, werkers), strict=True):
        n = len(deel.casussen)
        gemeenten.append(cijfers.aggregaat)
        totaal_sommen.tel_op(cijfers.trekkingen, n)
        bootstrap_totaal.tel_op(deel.naam, deel.casussen, cijfers.bootstrap)
        for p in PERSPECTIEVEN:
            punt_som[p] += cijfers.punt_som[p]
        kansfactor_som += cijfers.kansfactor_som
        if (prijs := teamprijzen.get(deel.naam)) is not None:
            prijs_som, prijs_aantal = prijs_som + prijs * n, prijs_aantal + n
        ids.extend(cijfers.ids)
        for naam in CASUSKOLOMMEN:
            kolommen[naam].append(cijfers.casussen[naam])
    n_totaal = max(len(casussen), 1)
    schatting = {p: punt_som[p] / n_totaal for p in PERSPECTIEVEN}
    trekkingen = totaal_sommen.trekkingen(instellingen.seed, instellingen.onzekerheid)
    uitkomst = antwoord(
        len(casussen),
        schatting,
        trekkingen.theta,
        trekkingen.bron,
        omslagpunten(
            verdeling.casussen,
            schatting["maatschappelijk"],
            omslag_kansfactor(kansfactor_som),
            prijs_som / prijs_aantal if prijs_aantal else None,
        ),
        zeker=totaal_sommen.zeker(instellingen.onzekerheid),
    )
    totaal = aggregeer(
        None,
        verdeling.casussen,
        verdeling.regels,
        instellingen,
        uitkomst,
        aantal_gemeenten=len(gemeenten),
        bootstrap=bootstrap_totaal.uitkomst(instellingen.seed),
        lagen=bootstrap_totaal.lagen(verdeling.casussen["gemeente"]),
    )
    psa_casussen = (
        pd.DataFrame({k: np.concatenate(v) for k, v in kolommen.items()}, index=pd.Index(ids, name="id"))
        if ids
        else pd.DataFrame()
    )
    return Gemeenten(tuple(gemeenten), totaal, psa_casussen)


T = TypeVar("T")
D = TypeVar("D")


def verdeel(taak: Callable[[D], T], delen: Sequence[D], grootte: Sequence[int], werkers: int) -> Iterator[T]:
    """`taak` op elk deel, in de volgorde van `delen`; met meer dan één werker in draden.

    Draden, geen processen: het zware werk (trekken, matrixproducten, percentielen, bootstrap) doet numpy zonder de
    GIL, en zo gaat er niets over een procesgrens. In vensters van 8 x werkers delen, binnen een venster de grootste
    eerst (`grootte`): de draden lopen niet ver vooruit, dus liggen er nooit de trekkingen van honderden gemeenten
    tegelijk in het geheugen. Eén rekendraad van de rekenbibliotheek (BLAS) per werker: meer draden maakten de
    kleine matrixproducten trager, niet sneller (gemeten).
    """
    regelaar = ThreadpoolController()

    def beperkt(deel: D) -> T:
        # ook in elke draad: bij MKL en OpenMP-builds geldt de grens per draad (bij OpenBLAS met pthreads voor het
        # hele proces, en dan is dit een herhaling van de grens hieronder)
        with regelaar.limit(limits=1, user_api="blas"):
            return taak(deel)

    with regelaar.limit(limits=1, user_api="blas"):
        if werkers <= 1 or len(delen) <= 1:
            yield from map(taak, delen)
            return
        nummers = iter(range(len(delen)))
        with ThreadPoolExecutor(max_workers=werkers, thread_name_prefix="casuskosten-gemeente") as pool:
            for venster in iter(lambda: list(itertools.islice(nummers, 8 * werkers)), []):
                toekomst = {nr: pool.submit(beperkt, delen[nr]) for nr in sorted(venster, key=lambda nr: -grootte[nr])}
                for nr in venster:
                    yield toekomst.pop(nr).result()
