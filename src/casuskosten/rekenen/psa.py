"""Probabilistische gevoeligheidsanalyse (PSA): hoe zeker is de besparing als casussen, tarieven én kansen onzeker zijn.

In elke trekking (standaard 10.000, vaste `seed`):

- **casussen**: per gemeente worden de casussen met teruglegging opnieuw getrokken (bij 5 of meer casussen; bij
  minder blijven ze zoals ze zijn); het totaal trekt binnen elke gemeente (gestratificeerd);
- **tarieven**: één prijsfactor per tariefcode, gedeeld door alle casussen en beide trajecten: lognormaal met
  mediaan 1 en sigma = ln(1 + s) / 1,96, met s de spreiding bij de betrouwbaarheid van de tariefrij
  (`[onzekerheid.tariefspreiding]`);
- **kansen**: elke inzetregel met 0 < kans < 1 trekt zijn kans uit Beta(kans x k, (1 - kans) x k), met k de
  concentratie bij de zekerheid van de casus (`[onzekerheid.kansconcentratie]`).

Daarna gelden dezelfde regels als voor de puntschatting: de correctie op vermeden kosten per (casus, tariefcode) en
alleen de maatschappelijke regels (geen overdrachten). Alles gevectoriseerd per blok trekkingen; elke gemeente heeft
zijn eigen generator en elke tariefcode zijn eigen reeks, zodat de uitkomst van een gemeente niet afhangt van welke
andere gemeenten meedoen.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..invoer.instellingen import Instellingen
from ..invoer.modellen import ZWAARTES
from .onzekerheid import MIN_CASUSSEN_INTERVAL

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_MAX_CEL = 2_000_000  # trekkingen x regels per blok: begrenst het geheugen
_Z_95 = 1.959963984540054


@dataclass(frozen=True)
class PsaGroep:
    """De PSA-uitkomst van een groep casussen (een gemeente of het totaal)."""

    kans_besparing: float
    kans_besparing_gecorrigeerd: float
    besparing_pct_psa95: tuple[float, float] | None
    besparing_pct_gecorrigeerd_psa95: tuple[float, float] | None
    besparing_per_casus_per_jaar_psa95: tuple[float, float]
    besparing_per_casus_per_jaar_gecorrigeerd_psa95: tuple[float, float]


@dataclass(frozen=True)
class PerJaarTrekkingen:
    """Per trekking de besparing per casus per jaar (zonder en met correctie) zoals de opschaling die weegt."""

    besparing: FloatArray
    besparing_gecorrigeerd: FloatArray


@dataclass(frozen=True)
class PsaUitkomst:
    """Per gemeente (sleutel: naam) en voor het totaal (sleutel None), plus per casus een tabel.

    `per_jaar`: alleen voor de gemeenten die om een opschaling vroegen, de trekkingen per casus per jaar.
    """

    groepen: dict[str | None, PsaGroep]
    casussen: (
        pd.DataFrame
    )  # index: casus-id; kolommen kans_besparing(_gecorrigeerd), besparing_pct(_gecorrigeerd)_psa95_*
    per_jaar: dict[str, PerJaarTrekkingen] = field(default_factory=dict)


def sigma(spreiding: float) -> float:
    """De sigma van de lognormale prijsfactor: 95% van de trekkingen ligt tussen 1/(1+s) en 1+s."""
    return math.log1p(spreiding) / _Z_95


def code_generator(seed: int, code: str) -> np.random.Generator:
    """De reeks van één tariefcode: dezelfde voor elke gemeente en elke run met dezelfde seed."""
    return np.random.default_rng([seed, 1, zlib.crc32(code.encode("utf-8"))])


def gemeente_generator(seed: int, gemeente: str) -> np.random.Generator:
    """De generator van één gemeente (casussen en kansen)."""
    return np.random.default_rng([seed, 2, zlib.crc32(gemeente.encode("utf-8"))])


def strata_generator(seed: int, gemeente: str) -> np.random.Generator:
    """De generator voor het trekken binnen zwaartes (opschaling): een eigen reeks, zodat de andere cijfers van de
    gemeente niet veranderen als er een verdeling bij komt."""
    return np.random.default_rng([seed, 3, zlib.crc32(gemeente.encode("utf-8"))])


def trek_kansen(kans: FloatArray, concentratie: FloatArray, rng: np.random.Generator, aantal: int) -> FloatArray:
    """`aantal` trekkingen per regel uit Beta(kans x k, (1 - kans) x k).

    Verwachting: kans; variantie: kans (1 - kans) / (k + 1).
    """
    return rng.beta(kans * concentratie, (1.0 - kans) * concentratie, size=(aantal, len(kans)))


def _percentielen(waarden: npt.NDArray[np.floating]) -> tuple[float, float] | None:
    geldig = waarden[np.isfinite(waarden)]
    if geldig.size == 0:
        return None
    laag, hoog = np.percentile(geldig, [2.5, 97.5])
    return float(laag), float(hoog)


def _pct(teller: npt.NDArray[np.floating[Any]], noemer: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.floating[Any]]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(noemer != 0, teller / noemer * 100.0, np.nan)


def psa(
    regels: pd.DataFrame,
    casussen: pd.DataFrame,
    instellingen: Instellingen,
    opschaling: Mapping[str, FloatArray | None] | None = None,
) -> PsaUitkomst:
    """De PSA over alle gemeenten en het totaal.

    `regels` zijn de beprijsde regels (kolommen casus, traject, tarief, kosten_kans_1, kans, betrouwbaarheid, soort);
    `casussen` de casustabel (id, gemeente, zekerheid, correctie, horizon_maanden, en bij een verdeling zwaarte), in
    de volgorde van de casussen. `opschaling`: per gemeente die opgeschaald wordt de aandelen N_h / N per zwaarte (in
    de volgorde van `ZWAARTES`) voor het poststratificeren, of None voor het gewone gemiddelde.
    """
    opschaling = opschaling or {}
    iteraties = instellingen.psa_iteraties
    maatschappelijk = regels[regels["soort"] != "overdracht"]
    codes = sorted(set(maatschappelijk["tarief"].tolist()))
    code_nr = {c: i for i, c in enumerate(codes)}
    # één standaardnormale reeks per tariefcode (iteraties x codes)
    # codes x iteraties: de trekkingen van één code liggen aaneengesloten in het geheugen
    z = np.empty((len(codes), iteraties), dtype=np.float32)
    for i, code in enumerate(codes):
        z[i] = code_generator(instellingen.seed, code).standard_normal(iteraties)
    spreiding = instellingen.onzekerheid.tariefspreiding
    concentratie = instellingen.onzekerheid.kansconcentratie

    totaal = _Sommen(iteraties)
    groepen: dict[str | None, PsaGroep] = {}
    per_casus: list[pd.DataFrame] = []
    per_jaar: dict[str, PerJaarTrekkingen] = {}
    regels_per_casus = dict(tuple(maatschappelijk.groupby("casus", sort=False)))
    for gemeente, deel in casussen.groupby("gemeente", sort=True):
        ids = deel["id"].tolist()
        leeg = maatschappelijk.iloc[0:0]
        gemeente_regels = pd.concat([regels_per_casus.get(i, leeg) for i in ids]) if ids else leeg
        invoer = _GroepInvoer.maak(deel, gemeente_regels, code_nr, spreiding.voor, concentratie.voor)
        rng = gemeente_generator(instellingen.seed, str(gemeente))
        strata = None
        if str(gemeente) in opschaling:
            aandelen = opschaling[str(gemeente)]
            strata = _Strata.maak(deel, aandelen, strata_generator(instellingen.seed, str(gemeente)), iteraties)
        sommen, casus_tabel = _trek_gemeente(invoer, z, rng, iteraties, strata)
        groepen[str(gemeente)] = sommen.groep(len(ids))
        if strata is not None:
            per_jaar[str(gemeente)] = PerJaarTrekkingen(strata.jaar, strata.jaar_gecorrigeerd)
        totaal.tel_op(sommen)
        per_casus.append(casus_tabel)
    groepen[None] = totaal.groep(len(casussen))
    casus_uit = pd.concat(per_casus) if per_casus else pd.DataFrame()
    return PsaUitkomst(groepen, casus_uit, per_jaar)


@dataclass(frozen=True)
class _GroepInvoer:
    """De regels van één gemeente als arrays, gesorteerd per casus en tariefcode."""

    ids: list[str]
    k1: FloatArray  # kosten bij kans 1 (contant, geïndexeerd)
    kans: FloatArray
    onzeker: npt.NDArray[np.bool_]  # 0 < kans < 1
    concentratie: FloatArray
    sigma: FloatArray
    code: IntArray
    voor: npt.NDArray[np.bool_]
    paar_begin: IntArray  # eerste regel van elk (casus, code)-paar
    casus_van_paar: IntArray
    correctie: FloatArray  # per casus
    jaarfactor: FloatArray  # per casus: 12 / horizon

    @staticmethod
    def maak(
        casussen: pd.DataFrame,
        regels: pd.DataFrame,
        code_nr: dict[str, int],
        spreiding_voor: Callable[[str], float],
        concentratie_voor: Callable[[str], float],
    ) -> _GroepInvoer:
        ids = casussen["id"].tolist()
        casus_nr = {c: i for i, c in enumerate(ids)}
        ci = np.array([casus_nr[c] for c in regels["casus"].tolist()], dtype=np.int64)
        co = np.array([code_nr[c] for c in regels["tarief"].tolist()], dtype=np.int64)
        volgorde = np.lexsort((co, ci))
        ci, co = ci[volgorde], co[volgorde]
        kans = regels["kans"].to_numpy(float)[volgorde]
        zekerheid = casussen["zekerheid"].to_numpy()[ci] if len(ci) else np.array([], dtype=object)
        spreid = np.array([spreiding_voor(b) for b in regels["betrouwbaarheid"].tolist()], dtype=float)
        conc = np.array([concentratie_voor(z) for z in zekerheid.tolist()], dtype=float)
        nieuw_paar = np.ones(len(ci), dtype=bool)
        if len(ci) > 1:
            nieuw_paar[1:] = (ci[1:] != ci[:-1]) | (co[1:] != co[:-1])
        paar_begin = np.flatnonzero(nieuw_paar).astype(np.int64)
        return _GroepInvoer(
            ids=ids,
            k1=regels["kosten_kans_1"].to_numpy(float)[volgorde],
            kans=kans,
            onzeker=(kans > 0) & (kans < 1),
            concentratie=conc,
            sigma=np.log1p(spreid[volgorde]) / _Z_95,
            code=co,
            voor=(regels["traject"].to_numpy() == "voor_2015")[volgorde],
            paar_begin=paar_begin,
            casus_van_paar=ci[paar_begin],
            correctie=casussen["correctie"].to_numpy(float),
            jaarfactor=12.0 / casussen["horizon_maanden"].to_numpy(float),
        )


class _Sommen:
    """Per trekking de sommen van een groep: voor, team, voor gecorrigeerd en de besparing per casus per jaar."""

    def __init__(self, iteraties: int) -> None:
        self.voor = np.zeros(iteraties)
        self.team = np.zeros(iteraties)
        self.gecorrigeerd = np.zeros(iteraties)
        self.jaar = np.zeros(iteraties)  # som over (getrokken) casussen van besparing per jaar
        self.jaar_gecorrigeerd = np.zeros(iteraties)

    def tel_op(self, ander: _Sommen) -> None:
        self.voor += ander.voor
        self.team += ander.team
        self.gecorrigeerd += ander.gecorrigeerd
        self.jaar += ander.jaar
        self.jaar_gecorrigeerd += ander.jaar_gecorrigeerd

    def groep(self, aantal_casussen: int) -> PsaGroep:
        n = max(aantal_casussen, 1)
        return PsaGroep(
            kans_besparing=float(np.mean(self.voor > self.team)),
            kans_besparing_gecorrigeerd=float(np.mean(self.gecorrigeerd > self.team)),
            besparing_pct_psa95=_percentielen(_pct(self.voor - self.team, self.voor)),
            besparing_pct_gecorrigeerd_psa95=_percentielen(_pct(self.gecorrigeerd - self.team, self.gecorrigeerd)),
            besparing_per_casus_per_jaar_psa95=_percentielen(self.jaar / n) or (0.0, 0.0),
            besparing_per_casus_per_jaar_gecorrigeerd_psa95=_percentielen(self.jaar_gecorrigeerd / n) or (0.0, 0.0),
        )


class _Strata:
    """Het gewogen gemiddelde per casus per jaar in elke trekking, voor de opschaling van één gemeente.

    Zonder aandelen het gewone gemiddelde over de (opnieuw getrokken) casussen: jaar / n uit dezelfde trekkingen als
    de gemeente. Met aandelen gepoststratificeerd: som over zwaartes h van N_h / N x het gemiddelde in h, waarbij de
    casussen binnen elke zwaarte met teruglegging opnieuw getrokken worden (vanaf 5 casussen in die zwaarte, zoals
    bij de gemeente); een zwaarte die alle casussen bevat gebruikt de trekking van de gemeente zelf, zodat één
    zwaarte precies het gewone gemiddelde geeft.
    """

    def __init__(
        self, nummer: IntArray | None, aandelen: FloatArray | None, rng: np.random.Generator, iteraties: int
    ) -> None:
        self.nummer = nummer  # per casus de index van zijn zwaarte (-1: zonder)
        self.aandelen = aandelen
        self.rng = rng
        self.jaar = np.zeros(iteraties)
        self.jaar_gecorrigeerd = np.zeros(iteraties)

    @staticmethod
    def maak(casussen: pd.DataFrame, aandelen: FloatArray | None, rng: np.random.Generator, iteraties: int) -> _Strata:
        if aandelen is None:
            return _Strata(None, None, rng, iteraties)
        index = {z: i for i, z in enumerate(ZWAARTES)}
        nummer = np.array([index.get(z, -1) for z in casussen["zwaarte"].tolist()], dtype=np.int64)
        return _Strata(nummer, np.asarray(aandelen, dtype=float), rng, iteraties)

    def tel(self, plek: slice, gewicht: FloatArray, jaar: FloatArray, jaar_gec: FloatArray) -> None:
        """Vul de trekkingen `plek` in; `jaar` en `jaar_gec` zijn (trekkingen x casussen) per casus per jaar."""
        b, c = jaar.shape
        if self.nummer is None or self.aandelen is None:
            n = max(c, 1)
            self.jaar[plek] = (gewicht * jaar).sum(axis=1) / n
            self.jaar_gecorrigeerd[plek] = (gewicht * jaar_gec).sum(axis=1) / n
            return
        self.jaar[plek] = 0.0
        self.jaar_gecorrigeerd[plek] = 0.0
        for h, aandeel in enumerate(self.aandelen.tolist()):
            leden = np.flatnonzero(self.nummer == h)
            if aandeel == 0 or leden.size == 0:
                continue
            if leden.size == c:
                binnen = gewicht
            elif leden.size >= MIN_CASUSSEN_INTERVAL:
                binnen = self.rng.multinomial(leden.size, np.full(leden.size, 1.0 / leden.size), size=b).astype(float)
            else:
                binnen = np.ones((b, leden.size))
            self.jaar[plek] += aandeel * (binnen * jaar[:, leden]).sum(axis=1) / leden.size
            self.jaar_gecorrigeerd[plek] += aandeel * (binnen * jaar_gec[:, leden]).sum(axis=1) / leden.size


def _trek_gemeente(
    invoer: _GroepInvoer,
    z: npt.NDArray[np.float32],
    rng: np.random.Generator,
    iteraties: int,
    strata: _Strata | None = None,
) -> tuple[_Sommen, pd.DataFrame]:
    """Alle trekkingen voor één gemeente, in blokken; geeft de sommen per trekking en de cijfers per casus."""
    c = len(invoer.ids)
    regels = len(invoer.k1)
    sommen = _Sommen(iteraties)
    pct = np.full((iteraties, c), np.nan, dtype=np.float32)
    pct_gec = np.full((iteraties, c), np.nan, dtype=np.float32)
    goedkoper = np.zeros(c)
    goedkoper_gec = np.zeros(c)
    onzeker = np.flatnonzero(invoer.onzeker)
    casussen_met_paren = np.unique(invoer.casus_van_paar)
    casus_begin = np.flatnonzero(np.r_[True, invoer.casus_van_paar[1:] != invoer.casus_van_paar[:-1]])
    blok = max(1, min(iteraties, _MAX_CEL // max(regels, c, 1)))
    # in float32: de helft van het geheugenverkeer; de sommen per trekking gaan daarna weer in float64
    # regels als rijen, trekkingen als kolommen: reduceat over rijen loopt door aaneengesloten geheugen; in float32
    # (de helft van het geheugenverkeer), de sommen per trekking daarna weer in float64
    k1 = invoer.k1.astype(np.float32)[:, None]
    teken = np.where(invoer.voor, 1.0, -1.0).astype(np.float32)[:, None]
    voor_masker = invoer.voor.astype(np.float32)[:, None]
    sigma_ = invoer.sigma.astype(np.float32)[:, None]
    kans_vast = invoer.kans.astype(np.float32)[:, None]
    for begin in range(0, iteraties, blok):
        b = min(blok, iteraties - begin)
        vc = np.zeros((c, b), dtype=np.float32)
        dc = np.zeros((c, b), dtype=np.float32)
        mc = np.zeros((c, b), dtype=np.float32)
        if regels:
            kosten = np.exp(z[invoer.code, begin : begin + b] * sigma_)
            kosten *= k1
            kans = np.repeat(kans_vast, b, axis=1)
            if onzeker.size:
                kans[onzeker] = trek_kansen(invoer.kans[onzeker], invoer.concentratie[onzeker], rng, b).T
            kosten *= kans
            # per (casus, code)-paar het verschil V - T; per casus de som vóór 2015 en het verschil
            dp = np.add.reduceat(kosten * teken, invoer.paar_begin, axis=0)
            vp = np.add.reduceat(kosten * voor_masker, invoer.paar_begin, axis=0)
            vc[casussen_met_paren] = np.add.reduceat(vp, casus_begin, axis=0)
            dc[casussen_met_paren] = np.add.reduceat(dp, casus_begin, axis=0)
            np.maximum(dp, 0.0, out=dp)
            mc[casussen_met_paren] = np.add.reduceat(dp, casus_begin, axis=0)
        vc, dc, mc = vc.T, dc.T, mc.T
        tc = vc - dc
        gc = vc - invoer.correctie.astype(np.float32) * mc
        goedkoper += (vc > tc).sum(axis=0)
        goedkoper_gec += (gc > tc).sum(axis=0)
        pct[begin : begin + b] = _pct(vc - tc, vc)
        pct_gec[begin : begin + b] = _pct(gc - tc, gc)
        # casussen opnieuw trekken (met teruglegging) vanaf 5 casussen; daaronder blijven ze zoals ze zijn
        if c >= MIN_CASUSSEN_INTERVAL:
            gewicht = rng.multinomial(c, np.full(c, 1.0 / c), size=b).astype(float)
        else:
            gewicht = np.ones((b, c))
        # gewogen sommen als matrixproduct, in float64
        sommen.voor[begin : begin + b] = np.einsum("ij,ij->i", gewicht, vc, dtype=np.float64)
        sommen.team[begin : begin + b] = np.einsum("ij,ij->i", gewicht, tc, dtype=np.float64)
        sommen.gecorrigeerd[begin : begin + b] = np.einsum("ij,ij->i", gewicht, gc, dtype=np.float64)
        jaar_gewicht = gewicht * invoer.jaarfactor
        sommen.jaar[begin : begin + b] = np.einsum("ij,ij->i", jaar_gewicht, dc, dtype=np.float64)
        sommen.jaar_gecorrigeerd[begin : begin + b] = np.einsum("ij,ij->i", jaar_gewicht, gc - tc, dtype=np.float64)
        if strata is not None:
            strata.tel(slice(begin, begin + b), gewicht, dc * invoer.jaarfactor, (gc - tc) * invoer.jaarfactor)
    tabel = pd.DataFrame(
        {
            "kans_besparing": goedkoper / iteraties,
            "kans_besparing_gecorrigeerd": goedkoper_gec / iteraties,
        },
        index=pd.Index(invoer.ids, name="id"),
    )
    for naam, waarden in (("besparing_pct", pct), ("besparing_pct_gecorrigeerd", pct_gec)):
        laag = np.full(c, np.nan)
        hoog = np.full(c, np.nan)
        eindig = np.isfinite(waarden)
        volledig = eindig.all(axis=0)  # de gewone casus: in elke trekking een percentage (snel, zonder NaN)
        if volledig.any():
            grenzen = np.percentile(waarden[:, volledig], [2.5, 97.5], axis=0)
            laag[volledig], hoog[volledig] = grenzen[0], grenzen[1]
        deels = eindig.any(axis=0) & ~volledig
        if deels.any():
            grenzen = np.nanpercentile(waarden[:, deels], [2.5, 97.5], axis=0)
            laag[deels], hoog[deels] = grenzen[0], grenzen[1]
        tabel[f"{naam}_psa95_laag"] = laag
        tabel[f"{naam}_psa95_hoog"] = hoog
    return sommen, tabel


def interval_of_none(laag: float, hoog: float) -> tuple[float, float] | None:
    """Twee kolomwaarden als interval; NaN wordt None."""
    if math.isnan(laag) or math.isnan(hoog):
        return None
    return (laag, hoog)


__all__: Sequence[str] = ("PerJaarTrekkingen", "PsaGroep", "PsaUitkomst", "psa", "sigma", "trek_kansen")
