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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
from threadpoolctl import ThreadpoolController

from ..invoer.instellingen import Instellingen
from ..invoer.instellingen import Opschaling as OpschalingInstelling
from .aggregatie import BootstrapTotaal, aggregeer, bootstrap_sommen
from .kolommen import Kolommen, per_gemeente
from .opschaling import aandelen, schaal_op
from .psa import CASUSKOLOMMEN, PsaInvoer, PsaSommen, psa_gemeente
from .waarden import MIN_CASUSSEN_INTERVAL, Aggregaat, FloatArray


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
    psa_sommen: PsaSommen
    #: per casus (in de volgorde van `ids`) de kans en het PSA-interval
    psa_casussen: dict[str, FloatArray]
    ids: list[str]
    #: de bootstrapsommen, vanaf 5 casussen (anders None: dan telt de gemeente in de laag van de kleine gemeenten)
    bootstrap: FloatArray | None


def bereken_gemeente(deel: Gemeentedeel, verdeling: Verdeling, instellingen: Instellingen) -> Gemeentecijfers:
    """Alles voor één gemeente uit haar eigen deel: PSA, bootstrap, tornado, cijfers per jaar en opschaling."""
    n = len(deel.casussen)
    # de aandelen per zwaarte (of None: gewoon gemiddelde) zijn nodig vóór de PSA, die ermee weegt
    per_zwaarte = aandelen(deel.casussen.tabel(), deel.opschaling) if deel.opschaling is not None else None
    psa = psa_gemeente(
        verdeling.psa, deel.nr, instellingen.seed, opschalen=deel.opschaling is not None, aandelen=per_zwaarte
    )
    sommen = (
        bootstrap_sommen(deel.casussen, instellingen.bootstrap_iteraties, instellingen.seed, deel.naam)
        if n >= MIN_CASUSSEN_INTERVAL
        else None
    )
    agg = aggregeer(deel.naam, deel.casussen, deel.regels, instellingen, psa.groep, bootstrap=sommen)
    if deel.opschaling is not None and psa.per_jaar is not None:
        opgeschaald = schaal_op(
            deel.naam,
            deel.casussen.tabel(),
            deel.regels.tabel(),
            deel.opschaling,
            instellingen.formatie,
            per_zwaarte,
            psa.per_jaar,
        )
        agg = dataclasses.replace(
            agg, opschaling=opgeschaald, waarschuwingen=(*agg.waarschuwingen, *opgeschaald.waarschuwingen)
        )
    deel.regels.vergeet()
    ids = verdeling.psa.ids[int(verdeling.psa.casus_grens[deel.nr]) : int(verdeling.psa.casus_grens[deel.nr + 1])]
    return Gemeentecijfers(agg, psa.sommen, psa.casussen, ids, sommen)


@dataclass(frozen=True)
class Gemeenten:
    """De aggregaten van alle gemeenten en het totaal, en per casus de PSA-kolommen (index: casus-id)."""

    gemeenten: tuple[Aggregaat, ...]
    totaal: Aggregaat
    psa_casussen: pd.DataFrame


def bereken_gemeenten(
    casussen: pd.DataFrame, regels: pd.DataFrame, instellingen: Instellingen, *, werkers: int = 1
) -> Gemeenten:
    """Elke gemeente in één doorgang (in draden als `werkers` > 1), daarna het totaal in de volgorde van de
    gemeenten."""
    verdeling = Verdeling.maak(casussen, regels, instellingen)
    iteraties = instellingen.psa_iteraties
    psa_totaal = PsaSommen(iteraties)
    bootstrap_totaal = BootstrapTotaal(instellingen.bootstrap_iteraties)
    gemeenten: list[Aggregaat] = []
    ids: list[str] = []
    kolommen: dict[str, list[FloatArray]] = {naam: [] for naam in CASUSKOLOMMEN}
    grootte = [len(d.casussen) + len(d.regels) for d in verdeling.delen]

    def een(deel: Gemeentedeel) -> Gemeentecijfers:
        return bereken_gemeente(deel, verdeling, instellingen)

    for deel, cijfers in zip(verdeling.delen, verdeel(een, verdeling.delen, grootte, werkers), strict=True):
        gemeenten.append(cijfers.aggregaat)
        psa_totaal.tel_op(cijfers.psa_sommen)
        bootstrap_totaal.tel_op(deel.naam, deel.casussen, cijfers.bootstrap)
        ids.extend(cijfers.ids)
        for naam in CASUSKOLOMMEN:
            kolommen[naam].append(cijfers.psa_casussen[naam])
    totaal = aggregeer(
        None,
        verdeling.casussen,
        verdeling.regels,
        instellingen,
        psa_totaal.groep(len(casussen)),
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
