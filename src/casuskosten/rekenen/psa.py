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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..invoer.instellingen import Instellingen
from ..invoer.modellen import ZWAARTES
from .waarden import MIN_CASUSSEN_INTERVAL, PerJaarTrekkingen, PsaGroep

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_MAX_CEL = 2_000_000  # trekkingen x regels per blok: begrenst het geheugen
_Z_95 = 1.959963984540054
_STUK = 32  # casussen per matrixproduct voor de onzekere kansen


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


@dataclass(frozen=True)
class GemeentePsa:
    """De PSA van één gemeente: haar groepscijfers, haar sommen per trekking (voor het totaal), per casus de kans
    en het interval (in de volgorde van haar casussen), en bij een opschaling de trekkingen per casus per jaar."""

    groep: PsaGroep
    sommen: PsaSommen
    casussen: dict[str, FloatArray]
    per_jaar: PerJaarTrekkingen | None


def psa_gemeente(
    invoer: PsaInvoer, nr: int, seed: int, *, opschalen: bool = False, aandelen: FloatArray | None = None
) -> GemeentePsa:
    """De PSA van gemeente `nr` van `invoer`, uit haar eigen generators (dus onafhankelijk van de andere gemeenten).

    `opschalen`: ook de trekkingen per casus per jaar voor de opschaling, met `aandelen` N_h / N per zwaarte (in de
    volgorde van `ZWAARTES`) gepoststratificeerd, of bij None het gewone gemiddelde.
    """
    gemeente = invoer.gemeenten[nr]
    iteraties = invoer.factor.shape[1]
    casus_deel = slice(int(invoer.casus_grens[nr]), int(invoer.casus_grens[nr + 1]))
    regel_deel = slice(int(invoer.regel_grens[nr]), int(invoer.regel_grens[nr + 1]))
    strata = None
    if opschalen:
        strata = _Strata.maak(
            invoer.zwaarte[casus_deel] if invoer.zwaarte is not None else None,
            aandelen,
            strata_generator(seed, gemeente),
            iteraties,
        )
    rng = gemeente_generator(seed, gemeente)
    sommen, cijfers = _trek_gemeente(invoer.gemeente(casus_deel, regel_deel), invoer.factor, rng, iteraties, strata)
    per_jaar = PerJaarTrekkingen(strata.jaar, strata.jaar_gecorrigeerd) if strata is not None else None
    return GemeentePsa(sommen.groep(casus_deel.stop - casus_deel.start), sommen, cijfers, per_jaar)


#: de kolommen die de PSA per casus aan de casustabel toevoegt
CASUSKOLOMMEN = (
    "kans_besparing",
    "kans_besparing_gecorrigeerd",
    "besparing_pct_psa95_laag",
    "besparing_pct_psa95_hoog",
    "besparing_pct_gecorrigeerd_psa95_laag",
    "besparing_pct_gecorrigeerd_psa95_hoog",
)


@dataclass(frozen=True)
class PsaInvoer:
    """Alle casussen en maatschappelijke regels één keer als numpy-kolommen, in de volgorde van de verdeling over
    gemeenten (`casus_rijen`) en per casus op tariefcode: elke gemeente is een aaneengesloten stuk.

    De casussen staan per gemeente in de volgorde van de verdeling (op naam, daarbinnen in hun oorspronkelijke
    volgorde); de regels per casus op tariefcode en daarbinnen in hun oorspronkelijke volgorde, zoals de
    kanstrekkingen van een gemeente altijd geordend waren. De prijsfactoren per tariefcode worden door alle
    gemeenten gedeeld.
    """

    gemeenten: list[str]
    casus_grens: IntArray  # gemeente g: casussen casus_grens[g]:casus_grens[g+1]
    regel_grens: IntArray
    ids: list[str]
    zwaarte: npt.NDArray[np.object_] | None
    correctie: FloatArray  # per casus
    jaarfactor: FloatArray  # per casus: 12 / horizon
    casus: IntArray  # per regel: de casus (positie in de gesorteerde casussen)
    code: IntArray  # per regel: de tariefcode
    factor_nr: IntArray  # per regel: de rij in `factor` (tariefcode x spreiding)
    k1: FloatArray  # kosten bij kans 1 (contant, geïndexeerd)
    kans: FloatArray
    voor: npt.NDArray[np.bool_]
    concentratie: FloatArray
    factor: npt.NDArray[np.float32]  # prijsfactor per (tariefcode, sigma) x trekking, gedeeld door alle gemeenten

    @staticmethod
    def maak(
        regels: pd.DataFrame,
        casussen: pd.DataFrame,
        gemeenten: Sequence[str],
        casus_rijen: Sequence[npt.NDArray[np.intp]],
        instellingen: Instellingen,
    ) -> PsaInvoer:
        """`gemeenten` met per gemeente haar rijen in `casussen` (`casus_rijen`): de ene verdeling over gemeenten."""
        iteraties = instellingen.psa_iteraties
        spreiding = instellingen.onzekerheid.tariefspreiding
        concentratie = instellingen.onzekerheid.kansconcentratie
        casus_volgorde = np.concatenate([np.empty(0, dtype=np.intp), *casus_rijen])
        ids = casussen["id"].to_numpy()[casus_volgorde]
        casus_grens = np.cumsum([0, *(len(r) for r in casus_rijen)]).astype(np.int64)
        zekerheid = casussen["zekerheid"].to_numpy()[casus_volgorde]

        maatschappelijk = regels[regels["soort"] != "overdracht"]
        codes = sorted(set(maatschappelijk["tarief"].tolist()))
        code_van, _ = pd.factorize(maatschappelijk["tarief"].to_numpy(), sort=True)
        casus_van = pd.Index(ids).get_indexer(maatschappelijk["casus"].to_numpy())
        betrouwbaarheid = maatschappelijk["betrouwbaarheid"].to_numpy()
        spreid_per = {b: spreiding.voor(b) for b in set(betrouwbaarheid.tolist())}
        sigma_ = np.log1p(np.array([spreid_per[b] for b in betrouwbaarheid.tolist()], dtype=float)) / _Z_95
        # regels van casussen buiten de tabel tellen niet mee; daarna op (casus, code), stabiel
        mee = np.flatnonzero(casus_van >= 0)
        volgorde = mee[np.lexsort((code_van[mee], casus_van[mee]))]
        casus_r = casus_van[volgorde].astype(np.int64)
        code_r = code_van[volgorde].astype(np.int64)
        sigma_r = sigma_[volgorde]
        kans = maatschappelijk["kans"].to_numpy(float)[volgorde]
        conc_per = {z: concentratie.voor(z) for z in set(zekerheid.tolist())}
        conc_casus = np.array([conc_per[z] for z in zekerheid.tolist()], dtype=float)

        # één standaardnormale reeks per tariefcode; de prijsfactor exp(z x sigma) één keer per (code, sigma)
        z = np.empty((len(codes), iteraties), dtype=np.float32)
        for i, code in enumerate(codes):
            z[i] = code_generator(instellingen.seed, code).standard_normal(iteraties)
        if len(code_r):
            paren, factor_nr = np.unique(np.stack([code_r.astype(float), sigma_r]), axis=1, return_inverse=True)
            factor = np.exp(z[paren[0].astype(np.int64)] * paren[1].astype(np.float32)[:, None])
        else:
            factor_nr = np.empty(0, dtype=np.int64)
            factor = np.empty((0, iteraties), dtype=np.float32)

        regel_grens = np.searchsorted(casus_r, casus_grens).astype(np.int64)
        zwaarte = casussen["zwaarte"].to_numpy()[casus_volgorde] if "zwaarte" in casussen.columns else None
        return PsaInvoer(
            gemeenten=[str(g) for g in gemeenten],
            casus_grens=casus_grens,
            regel_grens=regel_grens,
            ids=ids.tolist(),
            zwaarte=zwaarte,
            correctie=casussen["correctie"].to_numpy(float)[casus_volgorde],
            jaarfactor=12.0 / casussen["horizon_maanden"].to_numpy(float)[casus_volgorde],
            casus=casus_r,
            code=code_r,
            factor_nr=factor_nr.reshape(-1).astype(np.int64),
            k1=maatschappelijk["kosten_kans_1"].to_numpy(float)[volgorde],
            kans=kans,
            voor=(maatschappelijk["traject"].to_numpy() == "voor_2015")[volgorde],
            concentratie=conc_casus[casus_r],
            factor=factor,
        )

    def gemeente(self, casussen: slice, regels: slice) -> _GroepInvoer:
        return _GroepInvoer.maak(self, casussen, regels)


@dataclass(frozen=True)
class _GroepInvoer:
    """De regels van één gemeente, uitgesplitst naar wat lineair is in de prijsfactoren en wat niet.

    Per trekking is een casus: vóór = som over regels vóór 2015 van k1 x kans x F, verschil = som over regels van
    teken x k1 x kans x F, en het vermeden deel = som over (casus, code)-paren van max(verschil van het paar, 0).
    Bij een vaste kans (0 of 1) is elke term een constante maal F van zijn (code, sigma); die constanten worden vooraf
    per casus opgeteld, zodat er per trekking alleen een klein matrixproduct overblijft. Een paar waarvan alle termen
    hetzelfde teken hebben is ook in het maximum lineair (max is dan het verschil zelf, of 0); alleen de paren met
    termen van beide tekens worden per trekking uitgerekend.
    """

    aantal: int  # casussen
    regels: int
    factoren: IntArray  # de rijen van de prijsfactor die deze gemeente gebruikt
    vast: npt.NDArray[np.float32]  # (factoren x 3 casussen): vóór | verschil | vermeden, bij vaste kansen
    onzeker: IntArray  # regels met 0 < kans < 1, in regelvolgorde (de volgorde van de kanstrekkingen)
    onzeker_kans: FloatArray
    onzeker_concentratie: FloatArray
    onzeker_factor: IntArray  # rij in `factoren`
    # per stuk van hoogstens _STUK casussen: (eerste casus, voorbij laatste, eerste en voorbij laatste onzekere
    # regel, gewichten (regels x 3 casussen)); in stukken zodat het matrixproduct lineair groeit met de casussen
    onzeker_stukken: list[tuple[int, int, int, int, npt.NDArray[np.float32]]]
    gemengd_factor: IntArray  # regels in paren met beide tekens: rij in `factoren`
    gemengd_kans: npt.NDArray[np.float32]  # vaste kans (bij onzekere regels overschreven per trekking)
    gemengd_onzeker: IntArray  # per onzekere regel in gemengde paren: (kolom in gemengd, kolom in onzeker)
    gemengd_onzeker_bron: IntArray
    gemengd_teken_k1: npt.NDArray[np.float32]
    gemengd_paar_begin: IntArray  # eerste gemengde regel van elk gemengd paar
    gemengd_casus_begin: IntArray  # eerste gemengde paar van elke casus met gemengde paren
    gemengd_casus: IntArray  # die casussen
    correctie: FloatArray
    jaarfactor: FloatArray

    @staticmethod
    def maak(alles: PsaInvoer, casussen: slice, regels: slice) -> _GroepInvoer:
        ci = alles.casus[regels] - casussen.start
        co = alles.code[regels]
        k1 = alles.k1[regels]
        kans = alles.kans[regels]
        voor = alles.voor[regels]
        correctie = alles.correctie[casussen]
        jaarfactor = alles.jaarfactor[casussen]
        concentratie = alles.concentratie[regels]
        c = len(correctie)
        factoren, f = np.unique(alles.factor_nr[regels], return_inverse=True)
        f = f.reshape(-1)
        nf = len(factoren)
        teken_k1 = np.where(voor, k1, -k1)
        # paren (casus, code): de regels staan al op (casus, code)
        nieuw = np.ones(len(ci), dtype=bool)
        if len(ci) > 1:
            nieuw[1:] = (ci[1:] != ci[:-1]) | (co[1:] != co[:-1])
        paar = np.cumsum(nieuw) - 1
        aantal_paren = int(paar[-1]) + 1 if len(ci) else 0
        pos = np.bincount(paar, weights=teken_k1 > 0, minlength=aantal_paren) > 0
        neg = np.bincount(paar, weights=teken_k1 < 0, minlength=aantal_paren) > 0
        gemengd_p = pos & neg
        gemengd = gemengd_p[paar]
        # het vermeden deel lineair: het verschil in paren met alleen positieve termen, anders 0 (of gemengd)
        vermeden = np.where(pos[paar] & ~gemengd, teken_k1, 0.0)
        gewichten = np.stack([np.where(voor, k1, 0.0), teken_k1, vermeden])  # 3 x regels
        is_onzeker = (kans > 0) & (kans < 1)
        vast = np.flatnonzero(~is_onzeker)
        tabel = np.zeros((nf, 3 * c))
        for soort in range(3):
            np.add.at(tabel, (f[vast], soort * c + ci[vast]), gewichten[soort, vast] * kans[vast])
        onzeker = np.flatnonzero(is_onzeker)
        stukken = []
        for lo in range(0, c, _STUK):
            hi = min(lo + _STUK, c)
            s0, s1 = (int(i) for i in np.searchsorted(ci[onzeker], [lo, hi]))
            if s1 == s0:
                continue
            rijen = onzeker[s0:s1]
            gewicht = np.zeros((s1 - s0, 3 * (hi - lo)), dtype=np.float32)
            for soort in range(3):
                gewicht[np.arange(s1 - s0), soort * (hi - lo) + ci[rijen] - lo] = gewichten[soort, rijen]
            stukken.append((lo, hi, s0, s1, gewicht))
        gem = np.flatnonzero(gemengd)
        paar_begin = np.flatnonzero(np.r_[True, paar[gem][1:] != paar[gem][:-1]]) if gem.size else gem
        casus_van_paar = ci[gem[paar_begin]]
        casus_begin = np.flatnonzero(np.r_[True, casus_van_paar[1:] != casus_van_paar[:-1]]) if gem.size else gem
        plek_onzeker = np.full(len(ci), -1, dtype=np.int64)
        plek_onzeker[onzeker] = np.arange(len(onzeker))
        gem_onz = np.flatnonzero(is_onzeker[gem])
        return _GroepInvoer(
            aantal=c,
            regels=len(ci),
            factoren=factoren.astype(np.int64),
            vast=tabel.astype(np.float32),
            onzeker=onzeker,
            onzeker_kans=kans[onzeker],
            onzeker_concentratie=concentratie[onzeker],
            onzeker_factor=f[onzeker].astype(np.int64),
            onzeker_stukken=stukken,
            gemengd_factor=f[gem].astype(np.int64),
            gemengd_kans=kans[gem].astype(np.float32),
            gemengd_onzeker=gem_onz,
            gemengd_onzeker_bron=plek_onzeker[gem[gem_onz]],
            gemengd_teken_k1=teken_k1[gem].astype(np.float32),
            gemengd_paar_begin=paar_begin.astype(np.int64),
            gemengd_casus_begin=casus_begin.astype(np.int64),
            gemengd_casus=casus_van_paar[casus_begin].astype(np.int64),
            correctie=correctie,
            jaarfactor=jaarfactor,
        )

    def trek(
        self, factor: npt.NDArray[np.float32], rng: np.random.Generator, begin: int, b: int
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Per trekking (b x casussen) vóór, verschil en vermeden; trekt de kansen uit `rng` zoals altijd."""
        c = self.aantal
        if not self.regels:
            leeg = np.zeros((b, c), dtype=np.float32)
            return leeg, leeg.copy(), leeg.copy()
        f = factor[self.factoren, begin : begin + b]  # factoren x b
        uitkomst = (f.T @ self.vast) if len(self.factoren) else np.zeros((b, 3 * c), dtype=np.float32)
        if self.onzeker.size:
            kans = trek_kansen(self.onzeker_kans, self.onzeker_concentratie, rng, b).astype(np.float32)
            termen = kans * f[self.onzeker_factor].T
            for lo, hi, s0, s1, gewicht in self.onzeker_stukken:
                stuk = termen[:, s0:s1] @ gewicht
                n = hi - lo
                for soort in range(3):
                    uitkomst[:, soort * c + lo : soort * c + hi] += stuk[:, soort * n : (soort + 1) * n]
        else:
            kans = np.zeros((b, 0), dtype=np.float32)
        if self.gemengd_factor.size:
            termen = np.repeat(self.gemengd_kans[None, :], b, axis=0)
            termen[:, self.gemengd_onzeker] = kans[:, self.gemengd_onzeker_bron]
            termen *= f[self.gemengd_factor].T
            termen *= self.gemengd_teken_k1
            paren = np.add.reduceat(termen, self.gemengd_paar_begin, axis=1)
            np.maximum(paren, 0.0, out=paren)
            uitkomst[:, 2 * c + self.gemengd_casus] += np.add.reduceat(paren, self.gemengd_casus_begin, axis=1)
        return uitkomst[:, :c], uitkomst[:, c : 2 * c], uitkomst[:, 2 * c :]


class PsaSommen:
    """Per trekking de sommen van een groep: voor, team, voor gecorrigeerd en de besparing per casus per jaar.

    Het totaal is de som van de gemeenten (`tel_op`, in de volgorde van de gemeenten: dezelfde bits met elk aantal
    werkers)."""

    def __init__(self, iteraties: int) -> None:
        self.voor = np.zeros(iteraties)
        self.team = np.zeros(iteraties)
        self.gecorrigeerd = np.zeros(iteraties)
        self.jaar = np.zeros(iteraties)  # som over (getrokken) casussen van besparing per jaar
        self.jaar_gecorrigeerd = np.zeros(iteraties)

    def tel_op(self, ander: PsaSommen) -> None:
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
    def maak(
        zwaarte: npt.NDArray[np.object_] | None,
        aandelen: FloatArray | None,
        rng: np.random.Generator,
        iteraties: int,
    ) -> _Strata:
        if aandelen is None or zwaarte is None:
            return _Strata(None, None, rng, iteraties)
        index = {z: i for i, z in enumerate(ZWAARTES)}
        nummer = np.array([index.get(z, -1) for z in zwaarte.tolist()], dtype=np.int64)
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
    factor: npt.NDArray[np.float32],
    rng: np.random.Generator,
    iteraties: int,
    strata: _Strata | None = None,
) -> tuple[PsaSommen, dict[str, FloatArray]]:
    """Alle trekkingen voor één gemeente, in blokken; geeft de sommen per trekking en de cijfers per casus."""
    c = invoer.aantal
    sommen = PsaSommen(iteraties)
    pct = np.full((iteraties, c), np.nan, dtype=np.float32)
    pct_gec = np.full((iteraties, c), np.nan, dtype=np.float32)
    goedkoper = np.zeros(c)
    goedkoper_gec = np.zeros(c)
    # de blokgrootte bepaalt de volgorde waarin kansen en casussen uit `rng` komen: niet veranderen
    blok = max(1, min(iteraties, _MAX_CEL // max(invoer.regels, c, 1)))
    for begin in range(0, iteraties, blok):
        b = min(blok, iteraties - begin)
        vc, dc, mc = invoer.trek(factor, rng, begin, b)
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
    cijfers: dict[str, FloatArray] = {
        "kans_besparing": goedkoper / iteraties,
        "kans_besparing_gecorrigeerd": goedkoper_gec / iteraties,
    }
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
        cijfers[f"{naam}_psa95_laag"] = laag
        cijfers[f"{naam}_psa95_hoog"] = hoog
    return sommen, cijfers


def interval_of_none(laag: float, hoog: float) -> tuple[float, float] | None:
    """Twee kolomwaarden als interval; NaN wordt None."""
    if math.isnan(laag) or math.isnan(hoog):
        return None
    return (laag, hoog)


__all__: Sequence[str] = (
    "CASUSKOLOMMEN",
    "GemeentePsa",
    "PerJaarTrekkingen",
    "PsaGroep",
    "PsaInvoer",
    "PsaSommen",
    "psa_gemeente",
    "sigma",
    "trek_kansen",
)
