"""De simulatie (PSA) van de ene grootheid: de gecorrigeerde besparing per huishouden per jaar, met al haar onzekerheid.

In elke trekking d (standaard 10.000, vaste `seed`), elke bron uit te zetten in `[onzekerheid]`:

- **tarieven** (`tarieven`): één prijsfactor per tariefcode, gedeeld door alle casussen, beide trajecten en alle
  gemeenten: lognormaal met mediaan 1 en sigma = ln(1 + s) / 1,96, met s de spreiding bij de betrouwbaarheid van de
  tariefrij (`[onzekerheid.tariefspreiding]`);
- **kansen** (`kansen`): elke inzetregel met 0 < kans < 1 trekt zijn kans uit Beta(kans x k, (1 - kans) x k), met k
  de concentratie bij de zekerheid van de casus (`[onzekerheid.kansconcentratie]`), maal één **gedeelde kansfactor**
  per trekking (lognormaal, mediaan 1, sigma `kansfactor`; alle kansen samen te hoog of te laag), hoogstens 1;
- **steekproef** (`steekproef`): met de tarieven en kansen van die trekking is y_i(d) de gecorrigeerde besparing per
  jaar van casus i; theta(d) = gemiddelde(y(d)) + s(d) / wortel(n) x T(d), met s(d) de standaardafwijking van y(d)
  (ddof 1) en T(d) een Student-t-trekking met n - 1 vrijheidsgraden: de standaard a-posteriori verdeling van een
  gemiddelde onder de referentie-prior. Het totaal stratificeert naar gemeente (zie `TotaalSommen`).

Daarna gelden dezelfde regels als voor de puntschatting: de correctie op vermeden kosten per (casus, tariefcode), per
perspectief alleen de regels van dat perspectief. Uit dezelfde toevalsgetallen komen ook de trekkingen waarin maar
één bron varieert (voor de EVPPI per bron) en, per huishouden, de trekkingen waarin elke onzekere inzet wel of niet
gebeurt (Bernoulli met de getrokken kans). Alles gevectoriseerd per blok trekkingen; elke gemeente heeft haar eigen
generator en elke tariefcode zijn eigen reeks, zodat de uitkomst van een gemeente niet afhangt van welke andere
gemeenten meedoen, en van het aantal werkers.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..invoer.instellingen import Instellingen, Onzekerheid
from ..invoer.modellen import ZWAARTES
from ..invoer.tarieven import FINANCIERS
from .perspectieven import perspectief_maskers
from .waarden import PERSPECTIEVEN, FloatArray, IntArray

F32 = npt.NDArray[np.float32]

_MAX_CEL = 2_000_000  # trekkingen x regels per blok: begrenst het geheugen
_Z_95 = 1.959963984540054
_STUK = 32  # casussen per matrixproduct voor de onzekere kansen
_P = len(PERSPECTIEVEN)
#: het voorvoegsel van de trekkingen per financier in `GemeentePsa.opschaling`
FINANCIER = "financier:"
#: waar een steekproefterm bij hoort (en dus de kwadratische afwijkingen nodig zijn): de perspectieven en de bron
#: steekproef; bij de bronnen tarieven en kansen alleen blijft de steekproef op haar puntwaarde
MET_STEEKPROEFTERM = (*PERSPECTIEVEN, "steekproef")


def sigma(spreiding: float) -> float:
    """De sigma van de lognormale prijsfactor: 95% van de trekkingen ligt tussen 1/(1+s) en 1+s."""
    return math.log1p(spreiding) / _Z_95


def code_generator(seed: int, code: str) -> np.random.Generator:
    """De reeks van één tariefcode: dezelfde voor elke gemeente en elke run met dezelfde seed."""
    return np.random.default_rng([seed, 1, zlib.crc32(code.encode("utf-8"))])


def gemeente_generator(seed: int, gemeente: str) -> np.random.Generator:
    """De generator van één gemeente (kansen, gebeurtenissen en steekproef)."""
    return np.random.default_rng([seed, 2, zlib.crc32(gemeente.encode("utf-8"))])


def strata_generator(seed: int, gemeente: str) -> np.random.Generator:
    """De generator voor de steekproefterm van de opschaling naar zwaarte: een eigen reeks, zodat de andere cijfers
    van de gemeente niet veranderen als er een verdeling bij komt."""
    return np.random.default_rng([seed, 3, zlib.crc32(gemeente.encode("utf-8"))])


def kansfactor_generator(seed: int) -> np.random.Generator:
    """De reeks van de gedeelde kansfactor: één getal per trekking voor alle gemeenten."""
    return np.random.default_rng([seed, 4])


def totaal_generator(seed: int) -> np.random.Generator:
    """De reeks van de steekproefterm van het totaal."""
    return np.random.default_rng([seed, 5])


def trek_kansen(kans: FloatArray, concentratie: FloatArray, rng: np.random.Generator, aantal: int) -> FloatArray:
    """`aantal` trekkingen per regel uit Beta(kans x k, (1 - kans) x k).

    Verwachting: kans; variantie: kans (1 - kans) / (k + 1).
    """
    return rng.beta(kans * concentratie, (1.0 - kans) * concentratie, size=(aantal, len(kans)))


@dataclass(frozen=True)
class PsaInvoer:
    """Alle casussen en regels één keer als numpy-kolommen, in de volgorde van de verdeling over gemeenten
    (`casus_rijen`) en per casus op (tariefcode, perspectieven): elke gemeente is een aaneengesloten stuk.

    De casussen staan per gemeente in de volgorde van de verdeling; de regels per casus op tariefcode en daarbinnen
    in hun oorspronkelijke volgorde (de volgorde van de kanstrekkingen). De prijsfactoren per tariefcode en de
    kansfactor per trekking worden door alle gemeenten gedeeld.
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
    lid: npt.NDArray[np.bool_]  # per regel x perspectief: telt de regel mee
    factor_nr: IntArray  # per regel: de rij in `factor` (tariefcode x spreiding)
    k1: FloatArray  # kosten bij kans 1 (contant, geïndexeerd)
    kans: FloatArray
    voor: npt.NDArray[np.bool_]
    concentratie: FloatArray
    financier: IntArray  # per regel: de financier (positie in FINANCIERS)
    overdracht: npt.NDArray[np.bool_]  # per regel: een overdracht (telt niet in de zekerheidscorrectie)
    # de regels die in geen perspectief tellen (overdrachten buiten het collectief), alleen voor de bedragen per
    # financier, op hun puntwaarde: per regel de casus, de financier en teken x kosten; op casus gesorteerd
    buiten_casus: IntArray
    buiten_financier: IntArray
    buiten_bedrag: FloatArray
    factor: F32 | None  # prijsfactor per (tariefcode, sigma) x trekking; None: tarieven uit
    kansfactor: F32 | None  # per trekking; None: geen kansfactor (of kansen uit)
    iteraties: int
    onzekerheid: Onzekerheid

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
        onzekerheid = instellingen.onzekerheid
        casus_volgorde = np.concatenate([np.empty(0, dtype=np.intp), *casus_rijen])
        ids = casussen["id"].to_numpy()[casus_volgorde]
        casus_grens = np.cumsum([0, *(len(r) for r in casus_rijen)]).astype(np.int64)
        zekerheid = casussen["zekerheid"].to_numpy()[casus_volgorde]

        maskers = perspectief_maskers(regels)
        lid_alle = np.stack([maskers[p].to_numpy(bool) for p in PERSPECTIEVEN], axis=1)
        ergens = lid_alle.any(axis=1)  # een regel die in geen perspectief telt, doet niet mee
        codes_alle = regels["tarief"].to_numpy()
        code_van, codes = pd.factorize(codes_alle, sort=True)
        casus_van = pd.Index(ids).get_indexer(regels["casus"].to_numpy())
        betrouwbaarheid = regels["betrouwbaarheid"].to_numpy()
        spreid_per = {b: onzekerheid.tariefspreiding.voor(b) for b in set(betrouwbaarheid.tolist())}
        sigma_ = np.log1p(np.array([spreid_per[b] for b in betrouwbaarheid.tolist()], dtype=float)) / _Z_95
        lid_code = lid_alle @ np.array([1, 2, 4])
        # regels van casussen buiten de tabel tellen niet mee; daarna op (casus, code, perspectieven), stabiel
        mee = np.flatnonzero((casus_van >= 0) & ergens)
        volgorde = mee[np.lexsort((lid_code[mee], code_van[mee], casus_van[mee]))]
        casus_r = casus_van[volgorde].astype(np.int64)
        code_r = code_van[volgorde].astype(np.int64)
        sigma_r = sigma_[volgorde]
        conc_per = {z: onzekerheid.kansconcentratie.voor(z) for z in set(zekerheid.tolist())}
        conc_casus = np.array([conc_per[z] for z in zekerheid.tolist()], dtype=float)

        factor: F32 | None = None
        factor_nr = np.zeros(len(code_r), dtype=np.int64)
        if onzekerheid.tarieven and len(code_r):
            # één standaardnormale reeks per tariefcode; de prijsfactor exp(z x sigma) één keer per (code, sigma)
            gebruikt = np.unique(code_r)
            z = np.zeros((len(codes), iteraties), dtype=np.float32)
            for i in gebruikt.tolist():
                z[i] = code_generator(instellingen.seed, str(codes[i])).standard_normal(iteraties)
            paren, nr = np.unique(np.stack([code_r.astype(float), sigma_r]), axis=1, return_inverse=True)
            factor = np.exp(z[paren[0].astype(np.int64)] * paren[1].astype(np.float32)[:, None])
            factor_nr = nr.reshape(-1).astype(np.int64)
        kansfactor: F32 | None = None
        if onzekerheid.kansen and onzekerheid.kansfactor > 0:
            z_k = kansfactor_generator(instellingen.seed).standard_normal(iteraties)
            kansfactor = np.exp(z_k * onzekerheid.kansfactor).astype(np.float32)

        regel_grens = np.searchsorted(casus_r, casus_grens).astype(np.int64)
        financier_nr = pd.Index(FINANCIERS).get_indexer(pd.Index(regels["financier"])).astype(np.int64)
        buiten = np.flatnonzero((casus_van >= 0) & ~ergens)
        buiten = buiten[np.argsort(casus_van[buiten], kind="stable")]
        teken = np.where(regels["traject"].to_numpy()[buiten] == "voor_2015", 1.0, -1.0)
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
            lid=lid_alle[volgorde],
            factor_nr=factor_nr,
            k1=regels["kosten_kans_1"].to_numpy(float)[volgorde],
            kans=regels["kans"].to_numpy(float)[volgorde],
            voor=(regels["traject"].to_numpy() == "voor_2015")[volgorde],
            concentratie=conc_casus[casus_r],
            financier=financier_nr[volgorde],
            overdracht=(regels["soort"].to_numpy() == "overdracht")[volgorde],
            buiten_casus=casus_van[buiten].astype(np.int64),
            buiten_financier=financier_nr[buiten],
            buiten_bedrag=regels["kosten"].to_numpy(float)[buiten] * teken,
            factor=factor,
            kansfactor=kansfactor,
            iteraties=iteraties,
            onzekerheid=onzekerheid,
        )

    def gemeente(self, nr: int) -> Model:
        """Het model van gemeente `nr`."""
        casussen = slice(int(self.casus_grens[nr]), int(self.casus_grens[nr + 1]))
        regels = slice(int(self.regel_grens[nr]), int(self.regel_grens[nr + 1]))
        return Model.maak(self, casussen, regels)

    def financiers(self, nr: int, model: Model) -> FinancierModel:
        """Het model per financier van gemeente `nr`, bij haar `model` (dezelfde prijsfactoren en kansen)."""
        casussen = slice(int(self.casus_grens[nr]), int(self.casus_grens[nr + 1]))
        regels = slice(int(self.regel_grens[nr]), int(self.regel_grens[nr + 1]))
        return FinancierModel.maak(self, casussen, regels, model)


@dataclass(frozen=True)
class Model:
    """De gecorrigeerde besparing per jaar van elke casus van één gemeente als functie van prijsfactoren en kansen.

    Per casus i en perspectief p: y = jaarfactor x (verschil - correctie x vermeden), met verschil = som over regels
    van teken x k1 x kans x F en vermeden = som over (casus, code)-paren van max(verschil van het paar, 0). Bij een
    vaste kans (0 of 1) is elke term een constante maal F van zijn (code, sigma); die constanten worden vooraf per
    casus opgeteld, zodat er per trekking alleen een klein matrixproduct overblijft. Een paar waarvan alle termen
    hetzelfde teken hebben is ook in het maximum lineair (het verschil zelf, of 0); alleen de paren met termen van
    beide tekens ("gemengd") worden per trekking uitgerekend. Kolommen: perspectief p, casus i -> p x c + i.
    """

    aantal: int  # casussen
    regels: int
    factoren: IntArray  # de rijen van de prijsfactor die deze gemeente gebruikt
    vast: F32  # (factoren x 3c): gewichten van de regels met een vaste kans
    vast_som: F32  # (3c): dezelfde bij prijsfactor 1
    onzeker_kans: FloatArray  # de regels met 0 < kans < 1, in regelvolgorde (de volgorde van de kanstrekkingen)
    onzeker_concentratie: FloatArray
    onzeker_factor: IntArray  # rij in `factoren`
    # per stuk van hoogstens _STUK casussen: (eerste casus, voorbij laatste, eerste en voorbij laatste onzekere
    # regel, gewichten (regels x 3 x casussen in het stuk))
    onzeker_stukken: tuple[tuple[int, int, int, int, F32], ...]
    gemengd_factor: IntArray  # regels in gemengde paren: rij in `factoren`
    gemengd_kans: F32  # hun puntkans (bij onzekere regels per trekking overschreven)
    gemengd_onzeker: IntArray  # welke gemengde regels onzeker zijn ...
    gemengd_onzeker_bron: IntArray  # ... en hun kolom in de onzekere regels
    gemengd_teken_k1: F32
    gemengd_paar_begin: IntArray  # eerste gemengde regel van elk gemengd paar
    # per perspectief: (de gemengde paren in dat perspectief, per casus het eerste daarvan, die casussen, het gewicht
    # -correctie x jaarfactor per paar)
    gemengd_per_perspectief: tuple[tuple[IntArray, IntArray, IntArray, F32], ...]
    jaarfactor: FloatArray
    correctie: FloatArray

    @staticmethod
    def maak(alles: PsaInvoer, casussen: slice, regels: slice) -> Model:
        """Het model van de casussen `casussen` en hun regels `regels` van `alles`."""
        # lang (ruim 80 regels) met reden: één doorgang die de paren, de lineaire gewichten, de stukken onzekere
        # regels en de gemengde paren uit dezelfde gesorteerde arrays afleidt; opgesplitst zou elk deel een tiental
        # van die arrays moeten doorgeven en zou de volgorde (die van de kanstrekkingen) op meer plekken vastliggen
        ci = alles.casus[regels] - casussen.start
        co = alles.code[regels]
        lid = alles.lid[regels]
        k1 = alles.k1[regels]
        kans = alles.kans[regels]
        voor = alles.voor[regels]
        correctie = alles.correctie[casussen]
        jaarfactor = alles.jaarfactor[casussen]
        c = len(correctie)
        factoren, f = np.unique(alles.factor_nr[regels], return_inverse=True)
        f = f.reshape(-1)
        nf = len(factoren)
        teken_k1 = np.where(voor, k1, -k1)
        lid_code = lid @ np.array([1, 2, 4])
        # paren (casus, code, perspectieven): de regels staan al in die volgorde
        nieuw = np.ones(len(ci), dtype=bool)
        if len(ci) > 1:
            nieuw[1:] = (ci[1:] != ci[:-1]) | (co[1:] != co[:-1]) | (lid_code[1:] != lid_code[:-1])
        paar = np.cumsum(nieuw) - 1
        aantal_paren = int(paar[-1]) + 1 if len(ci) else 0
        pos = np.bincount(paar, weights=teken_k1 > 0, minlength=aantal_paren) > 0
        neg = np.bincount(paar, weights=teken_k1 < 0, minlength=aantal_paren) > 0
        gemengd_p = pos & neg
        gemengd = gemengd_p[paar]
        # het vermeden deel lineair: het verschil in paren met alleen positieve termen, anders 0 (of gemengd)
        vermeden = np.where(pos[paar] & ~gemengd, teken_k1, 0.0)
        gewicht = jaarfactor[ci] * (teken_k1 - correctie[ci] * vermeden)  # per regel, op kans x F
        is_onzeker = (kans > 0) & (kans < 1)
        vast_i = np.flatnonzero(~is_onzeker)
        tabel = np.zeros((nf, _P * c))
        for p in range(_P):
            deze = vast_i[lid[vast_i, p]]
            np.add.at(tabel, (f[deze], p * c + ci[deze]), gewicht[deze] * kans[deze])
        onzeker = np.flatnonzero(is_onzeker)
        stukken = []
        for lo in range(0, c, _STUK):
            hi = min(lo + _STUK, c)
            s0, s1 = (int(i) for i in np.searchsorted(ci[onzeker], [lo, hi]))
            if s1 == s0:
                continue
            rijen = onzeker[s0:s1]
            stuk = np.zeros((s1 - s0, _P * (hi - lo)), dtype=np.float32)
            for p in range(_P):
                stuk[np.arange(s1 - s0), p * (hi - lo) + ci[rijen] - lo] = np.where(lid[rijen, p], gewicht[rijen], 0)
            stukken.append((lo, hi, s0, s1, stuk))
        gem = np.flatnonzero(gemengd)
        paar_begin = np.flatnonzero(np.r_[True, paar[gem][1:] != paar[gem][:-1]]) if gem.size else gem
        eerste = gem[paar_begin]  # de eerste regel van elk gemengd paar
        plek_onzeker = np.full(len(ci), -1, dtype=np.int64)
        plek_onzeker[onzeker] = np.arange(len(onzeker))
        gem_onz = np.flatnonzero(is_onzeker[gem])
        per_perspectief = []
        for p in range(_P):
            paren_p = np.flatnonzero(lid[eerste, p]) if eerste.size else np.empty(0, dtype=np.int64)
            casus_p = ci[eerste[paren_p]]
            begin_p = np.flatnonzero(np.r_[True, casus_p[1:] != casus_p[:-1]]) if paren_p.size else paren_p
            coef = (-correctie[casus_p] * jaarfactor[casus_p]).astype(np.float32)
            per_perspectief.append(
                (paren_p.astype(np.int64), begin_p.astype(np.int64), casus_p[begin_p].astype(np.int64), coef)
            )
        vast = tabel.astype(np.float32)
        return Model(
            aantal=c,
            regels=len(ci),
            factoren=factoren.astype(np.int64),
            vast=vast,
            vast_som=vast.sum(axis=0),
            onzeker_kans=kans[onzeker],
            onzeker_concentratie=alles.concentratie[regels][onzeker],
            onzeker_factor=f[onzeker].astype(np.int64),
            onzeker_stukken=tuple(stukken),
            gemengd_factor=f[gem].astype(np.int64),
            gemengd_kans=kans[gem].astype(np.float32),
            gemengd_onzeker=gem_onz,
            gemengd_onzeker_bron=plek_onzeker[gem[gem_onz]],
            gemengd_teken_k1=teken_k1[gem].astype(np.float32),
            gemengd_paar_begin=paar_begin.astype(np.int64),
            gemengd_per_perspectief=tuple(per_perspectief),
            jaarfactor=jaarfactor,
            correctie=correctie,
        )

    def y(self, f: F32 | None, kansen: F32 | None, b: int, *, perspectieven: int = _P) -> F32:
        """(b x perspectieven*c): per trekking de gecorrigeerde besparing per jaar van elke casus.

        `f`: de prijsfactoren van deze gemeente (factoren x b), of None voor 1; `kansen`: de kansen van de onzekere
        regels (b x regels), of None voor hun puntkans. `perspectieven` 1: alleen maatschappelijk.
        """
        c = self.aantal
        kol = perspectieven * c
        uit: F32 = np.repeat(self.vast_som[None, :kol], b, axis=0) if f is None else f.T @ self.vast[:, :kol]
        if self.onzeker_kans.size:
            k = kansen if kansen is not None else np.repeat(self.onzeker_kans[None, :].astype(np.float32), b, axis=0)
            termen = k * f[self.onzeker_factor].T if f is not None else k
            for lo, hi, s0, s1, gewicht in self.onzeker_stukken:
                n = hi - lo
                stuk = termen[:, s0:s1] @ gewicht[:, : perspectieven * n]
                for p in range(perspectieven):
                    uit[:, p * c + lo : p * c + hi] += stuk[:, p * n : (p + 1) * n]
        if self.gemengd_factor.size:
            termen = np.repeat(self.gemengd_kans[None, :], b, axis=0)
            if kansen is not None and self.gemengd_onzeker.size:
                termen[:, self.gemengd_onzeker] = kansen[:, self.gemengd_onzeker_bron]
            if f is not None:
                termen *= f[self.gemengd_factor].T
            termen *= self.gemengd_teken_k1
            paren = np.add.reduceat(termen, self.gemengd_paar_begin, axis=1)
            np.maximum(paren, 0.0, out=paren)
            for p in range(perspectieven):
                paren_p, begin_p, casus_p, coef = self.gemengd_per_perspectief[p]
                if paren_p.size:
                    bijdrage = np.add.reduceat(paren[:, paren_p] * coef, begin_p, axis=1)
                    uit[:, p * c + casus_p] += bijdrage
        return uit

    def punt_y(self) -> F32:
        """(3c): de gecorrigeerde besparing per jaar per casus en perspectief bij de puntwaarden."""
        rij: F32 = self.y(None, None, 1)[0]
        return rij

    def y_bij_kansfactor(self, factoren: FloatArray) -> F32:
        """(len(factoren) x c): maatschappelijk, bij puntprijzen en alle onzekere kansen maal elke factor
        (hoogstens 1)."""
        k = np.minimum(factoren[:, None] * self.onzeker_kans[None, :], 1.0).astype(np.float32)
        return self.y(None, k, len(factoren), perspectieven=1)


@dataclass(frozen=True)
class FinancierModel:
    """Per financier de gecorrigeerde besparing per jaar van elke casus van één gemeente, uit dezelfde prijsfactoren
    en getrokken kansen als haar `Model`.

    Zoals de bedragen per financier van de opschaling (`opschaling._per_financier`): alle regels, ook overdrachten,
    elk bij zijn eigen financier; de zekerheidscorrectie per (casus, tariefcode) is correctie x max(0, vóór − team)
    over de regels die geen overdracht zijn, en gaat naar de regels vóór 2015 van dat paar naar hun aandeel in de
    kosten (`perspectieven.correctie_per_regel`), maar nu in elke trekking opnieuw. Regels die in geen perspectief
    tellen (overdrachten van een financier buiten het collectief) staan in de PSA-invoer niet; zij tellen op hun
    puntwaarde mee (`vast`). Kolommen: financier g, casus i -> g x c + i.
    """

    namen: tuple[str, ...]  # de financiers die voorkomen, in de volgorde van FINANCIERS
    aantal: int
    factor: IntArray  # per regel: rij in de prijsfactoren van het model
    onzeker: IntArray  # per regel: kolom in de onzekere kansen van het model, of -1
    k1: FloatArray
    kans: FloatArray
    teken: FloatArray  # +1 vóór 2015, -1 sociaal team
    gecorrigeerd: npt.NDArray[np.bool_]  # regels vóór 2015 die geen overdracht zijn: zij dragen de correctie
    telt_v: FloatArray  # 1 voor regels vóór 2015 zonder overdracht (de v van het paar)
    telt_t: FloatArray  # 1 voor regels van het team zonder overdracht (de t van het paar)
    paar_begin: IntArray  # eerste regel van elk (casus, code)-paar (de regels staan op casus en code)
    paar: IntArray  # per regel zijn paar
    paar_correctie: FloatArray  # per paar de correctie van zijn casus
    jaarfactor_regel: FloatArray  # per regel de jaarfactor van zijn casus
    kolom: IntArray  # per regel (in de volgorde `orde`): financier x c + casus
    orde: IntArray
    kolom_begin: IntArray
    kolommen: IntArray  # de kolommen met minstens één regel
    vast: FloatArray  # (namen x c): de regels buiten de PSA-invoer, per jaar

    @staticmethod
    def maak(alles: PsaInvoer, casussen: slice, regels: slice, model: Model) -> FinancierModel:
        """Het model per financier van de casussen `casussen` en hun regels `regels` van `alles`."""
        c = casussen.stop - casussen.start
        ci = alles.casus[regels] - casussen.start
        co = alles.code[regels]
        fin = alles.financier[regels]
        b_lo, b_hi = (int(i) for i in np.searchsorted(alles.buiten_casus, [casussen.start, casussen.stop]))
        b_fin = alles.buiten_financier[b_lo:b_hi]
        namen_nr = np.unique(np.r_[fin, b_fin]).astype(np.int64)
        groep = np.searchsorted(namen_nr, fin)
        jaarfactor = alles.jaarfactor[casussen]
        vast = np.zeros((len(namen_nr), c))
        np.add.at(
            vast,
            (np.searchsorted(namen_nr, b_fin), alles.buiten_casus[b_lo:b_hi] - casussen.start),
            alles.buiten_bedrag[b_lo:b_hi] * jaarfactor[alles.buiten_casus[b_lo:b_hi] - casussen.start],
        )
        _, f = np.unique(alles.factor_nr[regels], return_inverse=True)
        kans = alles.kans[regels]
        onzeker = np.full(len(ci), -1, dtype=np.int64)
        is_onzeker = (kans > 0) & (kans < 1)
        onzeker[is_onzeker] = np.arange(int(is_onzeker.sum()))
        voor = alles.voor[regels]
        geen_overdracht = ~alles.overdracht[regels]
        nieuw = np.ones(len(ci), dtype=bool)
        if len(ci) > 1:
            nieuw[1:] = (ci[1:] != ci[:-1]) | (co[1:] != co[:-1])
        paar = np.cumsum(nieuw) - 1
        kolom = groep * c + ci
        orde = np.argsort(kolom, kind="stable")
        gesorteerd = kolom[orde]
        kolom_begin = np.flatnonzero(np.r_[True, gesorteerd[1:] != gesorteerd[:-1]]) if len(ci) else np.zeros(0, int)
        return FinancierModel(
            namen=tuple(FINANCIERS[int(i)] for i in namen_nr),
            aantal=c,
            factor=f.reshape(-1).astype(np.int64),
            onzeker=onzeker,
            k1=alles.k1[regels],
            kans=kans,
            teken=np.where(voor, 1.0, -1.0),
            gecorrigeerd=voor & geen_overdracht,
            telt_v=(voor & geen_overdracht).astype(float),
            telt_t=(~voor & geen_overdracht).astype(float),
            paar_begin=np.flatnonzero(nieuw).astype(np.int64),
            paar=paar.astype(np.int64),
            paar_correctie=alles.correctie[casussen][ci[nieuw]] if len(ci) else np.zeros(0),
            jaarfactor_regel=jaarfactor[ci],
            kolom=gesorteerd.astype(np.int64),
            orde=orde.astype(np.int64),
            kolom_begin=kolom_begin.astype(np.int64),
            kolommen=gesorteerd[kolom_begin].astype(np.int64),
            vast=vast,
        )

    def y(self, f: F32 | None, kansen: F32 | None, b: int) -> FloatArray:
        """(b x financiers x c): per trekking de gecorrigeerde besparing per jaar van elke casus per financier; `f`
        en `kansen` zoals bij `Model.y`."""
        c = self.aantal
        uit = np.repeat(self.vast.reshape(1, -1), b, axis=0)
        if self.k1.size:
            kosten = np.repeat((self.k1 * self.kans)[None, :], b, axis=0)
            if kansen is not None and (self.onzeker >= 0).any():
                onz = self.onzeker >= 0
                kosten[:, onz] = self.k1[onz] * kansen[:, self.onzeker[onz]]
            if f is not None:
                kosten *= f[self.factor].T
            v = np.add.reduceat(kosten * self.telt_v, self.paar_begin, axis=1)
            t = np.add.reduceat(kosten * self.telt_t, self.paar_begin, axis=1)
            overschot = np.maximum(v - t, 0.0) * self.paar_correctie
            deel = np.divide(overschot, v, out=np.zeros_like(v), where=v != 0)
            bedrag = self.teken * kosten - np.where(self.gecorrigeerd, deel[:, self.paar] * kosten, 0.0)
            bedrag *= self.jaarfactor_regel
            uit[:, self.kolommen] += np.add.reduceat(bedrag[:, self.orde], self.kolom_begin, axis=1)
        return uit.reshape(b, len(self.namen), c)


@dataclass
class Trekkingen:
    """Wat de simulatie van één groep oplevert, per trekking (voor het antwoord en voor het totaal).

    `theta`: per perspectief; `bron`: per bron (alleen die bron varieert; maatschappelijk); `som`: per trekking de
    som van y over de casussen, per perspectief en per bron; `kwadraten`: de som van de kwadratische afwijkingen van
    hun gemiddelde, alleen waar een steekproefterm bij hoort (per perspectief en voor de bron steekproef). Zo kan het
    totaal de gemeenten samenvoegen.
    """

    theta: dict[str, FloatArray]
    bron: dict[str, FloatArray]
    som: dict[str, FloatArray]
    kwadraten: dict[str, FloatArray]


@dataclass(frozen=True)
class GemeentePsa:
    """De simulatie van één gemeente: haar trekkingen, per casus het antwoord van het huishouden (in de volgorde van
    haar casussen), de puntwaarden per casus en, bij een opschaling, de trekkingen van het gewogen gemiddelde."""

    trekkingen: Trekkingen
    punt: F32  # (3c)
    casus_schatting: FloatArray
    casus_interval: tuple[FloatArray, FloatArray]
    casus_kans_goedkoper: FloatArray
    opschaling: dict[str, FloatArray] | None  # "theta" en per bron, gewogen naar de zwaartes
    #: per financier de trekkingen van de (gewogen) gecorrigeerde besparing per huishouden per jaar; leeg zonder
    #: `financiers`
    financiers: dict[str, FloatArray]
    kansfactor_som: FloatArray  # op KANSFACTOREN, voor het omslagpunt van het totaal
    omslag_kansfactor: float | None


def _steekproefterm(y: FloatArray | F32, t: FloatArray | None) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(gemiddelde + s / wortel(n) x T, som, kwadratische afwijkingen) per trekking van y (b x n); bij y van
    b x groepen x n (de perspectieven) per groep, elk b x groepen."""
    n = y.shape[-1]
    y64 = y.astype(np.float64)  # altijd een kopie: hieronder in place
    som = y64.sum(axis=-1)
    gemiddelde = som / max(n, 1)
    kwadraten = np.zeros(som.shape)
    if n:
        y64 -= gemiddelde[..., None]
        np.square(y64, out=y64)
        kwadraten = y64.sum(axis=-1)
    if t is None or n < 2:
        return gemiddelde, som, kwadraten
    per_trekking = t if y.ndim == 2 else t[:, None]
    return gemiddelde + np.sqrt(kwadraten / (n - 1)) / math.sqrt(n) * per_trekking, som, kwadraten


def _gemiddelde(y: FloatArray | F32) -> tuple[FloatArray, FloatArray]:
    """(gemiddelde, som) per trekking van y (b x n): het begin van `_steekproefterm`, voor de bronnen zonder
    steekproefterm."""
    som = y.astype(np.float64).sum(axis=1)
    return som / max(y.shape[1], 1), som


def _met_steekproefterm(som: FloatArray, kwadraten: FloatArray, n: int, t: FloatArray | None) -> FloatArray:
    """Het eerste deel van `_steekproefterm` voor één rij y die in elke trekking dezelfde is (`som` en `kwadraten`
    van die rij, lengte 1): dezelfde bewerkingen in dezelfde volgorde, dus dezelfde bits als op de herhaalde rij."""
    gemiddelde = som / max(n, 1)
    if t is None or n < 2:
        return gemiddelde
    uit: FloatArray = gemiddelde + np.sqrt(kwadraten / (n - 1)) / math.sqrt(n) * t
    return uit


def _rijen(rij: FloatArray, b: int) -> FloatArray:
    """`rij` b keer onder elkaar (b x len(rij)): y bij de puntwaarden in elke trekking."""
    return np.repeat(rij[None, :], b, axis=0)


def psa_gemeente(
    invoer: PsaInvoer, nr: int, seed: int, *, strata: Strata | None = None, financiers: bool = False
) -> GemeentePsa:
    """De simulatie van gemeente `nr` van `invoer`, uit haar eigen generator (dus onafhankelijk van de andere
    gemeenten en van het aantal werkers). `strata`: de weging naar zwaarte voor de opschaling; `financiers`: ook de
    trekkingen per financier (voor de opschaling), uit dezelfde prijsfactoren, kansen en steekproefterm."""
    model = invoer.gemeente(nr)
    per_financier = invoer.financiers(nr, model) if financiers else None
    gemeente = invoer.gemeenten[nr]
    iteraties = invoer.iteraties
    instelling = invoer.onzekerheid
    c = model.aantal
    rng = gemeente_generator(seed, gemeente)
    punt = model.punt_y()
    punt_maat = punt[:c].astype(np.float64)
    # alleen de steekproefbron: y is in elke trekking de puntwaarde, dus som en kwadraten één keer (één rij)
    _, punt_som, punt_kwadraten = _steekproefterm(punt_maat[None, :], None)
    theta = {p: np.zeros(iteraties) for p in PERSPECTIEVEN}
    som = {k: np.zeros(iteraties) for k in (*PERSPECTIEVEN, "steekproef", "tarieven", "kansen")}
    kwadraten = {k: np.zeros(iteraties) for k in MET_STEEKPROEFTERM}
    bron = {b: np.zeros(iteraties) for b in ("steekproef", "tarieven", "kansen")}
    per_huishouden = np.zeros((iteraties, c), dtype=np.float32)
    namen = tuple(FINANCIER + n for n in per_financier.namen) if per_financier is not None else ()
    gewogen = strata.leeg(iteraties, namen) if strata is not None else None
    financier_theta = {n: np.zeros(iteraties) for n in namen} if strata is None else {}
    # de blokgrootte bepaalt de volgorde waarin kansen en gebeurtenissen uit `rng` komen: niet veranderen
    blok = max(1, min(iteraties, _MAX_CEL // max(model.regels, _P * c, 1)))
    for begin in range(0, iteraties, blok):
        b = min(blok, iteraties - begin)
        plek = slice(begin, begin + b)
        f = invoer.factor[model.factoren, plek] if invoer.factor is not None else None
        kansen = None
        if instelling.kansen and model.onzeker_kans.size:
            getrokken = trek_kansen(model.onzeker_kans, model.onzeker_concentratie, rng, b)
            if invoer.kansfactor is not None:
                getrokken *= invoer.kansfactor[plek, None]
            kansen = np.minimum(getrokken, 1.0).astype(np.float32)
        gebeurt = None
        if model.onzeker_kans.size:
            kans_nu = kansen if kansen is not None else model.onzeker_kans[None, :]
            gebeurt = (rng.random((b, model.onzeker_kans.size)) < kans_nu).astype(np.float32)
        t = rng.standard_t(c - 1, size=b) if instelling.steekproef and c >= 2 else None
        y = model.y(f, kansen, b)
        # de perspectieven samen: y is (b x 3c) met perspectief p in de kolommen p x c tot (p + 1) x c
        theta_p, som_p, kwadraten_p = _steekproefterm(y.reshape(b, _P, c), t)
        for i, p in enumerate(PERSPECTIEVEN):
            theta[p][plek], som[p][plek], kwadraten[p][plek] = theta_p[:, i], som_p[:, i], kwadraten_p[:, i]
        # de bronnen apart, uit dezelfde toevalsgetallen; de andere bronnen op hun puntwaarde
        y_tarief: F32 | FloatArray = model.y(f, None, b, perspectieven=1) if f is not None else _rijen(punt_maat, b)
        y_kans: F32 | FloatArray = (
            model.y(None, kansen, b, perspectieven=1) if kansen is not None else _rijen(punt_maat, b)
        )
        bron["steekproef"][plek] = _met_steekproefterm(punt_som, punt_kwadraten, c, t)
        som["steekproef"][plek], kwadraten["steekproef"][plek] = punt_som[0], punt_kwadraten[0]
        bron["tarieven"][plek], som["tarieven"][plek] = _gemiddelde(y_tarief)
        bron["kansen"][plek], som["kansen"][plek] = _gemiddelde(y_kans)
        # het huishouden: elke onzekere inzet gebeurt of niet
        per_huishouden[plek] = model.y(f, gebeurt, b, perspectieven=1) if gebeurt is not None else y[:, :c]
        y_financier = per_financier.y(f, kansen, b) if per_financier is not None else None
        if gewogen is not None and strata is not None:
            ys: dict[str, F32 | FloatArray] = {
                "theta": y[:, :c],
                "tarieven": y_tarief,
                "kansen": y_kans,
                "steekproef": _rijen(punt_maat, b),
            }
            if y_financier is not None:
                ys.update({n: y_financier[:, g] for g, n in enumerate(namen)})
            strata.tel(gewogen, plek, ys)
        elif y_financier is not None:
            theta_f = _steekproefterm(y_financier, t)[0]
            for g, n in enumerate(namen):
                financier_theta[n][plek] = theta_f[:, g]
    laag = np.full(c, np.nan)
    hoog = np.full(c, np.nan)
    if c and iteraties:
        grenzen = np.percentile(per_huishouden, [2.5, 97.5], axis=0)
        laag, hoog = grenzen[0].astype(float), grenzen[1].astype(float)
    return GemeentePsa(
        trekkingen=Trekkingen(theta, bron, som, kwadraten),
        punt=punt,
        casus_schatting=punt_maat,
        casus_interval=(laag, hoog),
        casus_kans_goedkoper=(per_huishouden > 0).mean(axis=0) if iteraties else np.full(c, np.nan),
        opschaling=gewogen,
        financiers=(
            {n.removeprefix(FINANCIER): gewogen[n] for n in namen}
            if gewogen is not None
            else {n.removeprefix(FINANCIER): d for n, d in financier_theta.items()}
        ),
        kansfactor_som=(curve := kansfactor_som(model)),
        omslag_kansfactor=omslag_kansfactor(curve, model),
    )


class Strata:
    """De gewogen gemiddelde besparing per casus per jaar voor de opschaling van één gemeente, per trekking.

    Met aandelen w_h = N_h / N per zwaarte h gepoststratificeerd: theta_w = som over h van w_h x gemiddelde_h(y) +
    s_p x wortel(som w_h^2 / n_h) x T, met s_p^2 de gepoolde variantie binnen de zwaartes (n - H vrijheidsgraden) en
    T uit de eigen reeks van de opschaling (`strata_generator`).
    """

    def __init__(self, nummer: IntArray, aandelen: FloatArray, rng: np.random.Generator, steekproef: bool) -> None:
        self.nummer = nummer  # per casus de index van zijn zwaarte
        self.aandelen = aandelen
        self.rng = rng
        self.steekproef = steekproef
        telling = np.bincount(nummer, minlength=len(aandelen)).astype(float)
        self.gewicht = np.where(telling[nummer] > 0, aandelen[nummer] / np.maximum(telling[nummer], 1), 0.0)
        self.vrijheid = len(nummer) - int((telling > 0).sum())
        self.schaal = math.sqrt(float(sum(a * a / n for a, n in zip(aandelen, telling, strict=True) if n > 0)))

    @staticmethod
    def maak(
        zwaarte: npt.NDArray[np.object_], aandelen: FloatArray, rng: np.random.Generator, steekproef: bool
    ) -> Strata:
        """Per casus zijn zwaarte (in de volgorde van `ZWAARTES`) met de aandelen N_h / N."""
        index = {z: i for i, z in enumerate(ZWAARTES)}
        nummer = np.array([index[z] for z in zwaarte.tolist()], dtype=np.int64)
        return Strata(nummer, np.asarray(aandelen, dtype=float), rng, steekproef)

    def leeg(self, iteraties: int, extra: Sequence[str] = ()) -> dict[str, FloatArray]:
        """Lege trekkingen voor `tel`; `extra`: de financiers (`FINANCIER` + naam)."""
        return {k: np.zeros(iteraties) for k in ("theta", "tarieven", "kansen", "steekproef", *extra)}

    def tel(self, uit: dict[str, FloatArray], plek: slice, ys: Mapping[str, F32 | FloatArray]) -> None:
        """Vul de trekkingen `plek` in voor elke y (b x casussen); theta en steekproef met de steekproefterm."""
        b = plek.stop - plek.start
        t = self.rng.standard_t(self.vrijheid, size=b) if self.steekproef and self.vrijheid >= 1 else None
        for naam, y in ys.items():
            y64 = np.asarray(y, dtype=np.float64)
            gemiddelde = y64 @ self.gewicht
            if t is not None and (naam in ("theta", "steekproef") or naam.startswith(FINANCIER)):
                binnen = np.zeros(b)
                for h in range(len(self.aandelen)):
                    leden = self.nummer == h
                    if leden.any():
                        deel = y64[:, leden]
                        binnen += ((deel - deel.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
                gemiddelde = gemiddelde + np.sqrt(binnen / self.vrijheid) * self.schaal * t
            uit[naam][plek] = gemiddelde


class TotaalSommen:
    """Het totaal, gestratificeerd naar gemeente: theta = som over g van (n_g / n) x gemiddelde_g(y) + s_p / wortel(n)
    x T, met s_p^2 de gepoolde variantie binnen de gemeenten (n - G vrijheidsgraden) en T uit de eigen reeks van
    het totaal. De gemeenten worden in hun volgorde opgeteld (dezelfde bits met elk aantal werkers)."""

    def __init__(self, iteraties: int) -> None:
        self.som = {k: np.zeros(iteraties) for k in (*PERSPECTIEVEN, "steekproef", "tarieven", "kansen")}
        self.kwadraten = {k: np.zeros(iteraties) for k in MET_STEEKPROEFTERM}
        self.aantal = 0
        self.groepen = 0

    def tel_op(self, trekkingen: Trekkingen, aantal: int) -> None:
        """Tel een gemeente met `aantal` casussen op."""
        if not aantal:
            return
        for k in self.som:
            self.som[k] += trekkingen.som[k]
        for k in self.kwadraten:
            self.kwadraten[k] += trekkingen.kwadraten[k]
        self.aantal += aantal
        self.groepen += 1

    def trekkingen(self, seed: int, onzekerheid: Onzekerheid) -> Trekkingen:
        """De trekkingen van theta van het totaal, per perspectief en per bron."""
        n = max(self.aantal, 1)
        vrijheid = self.aantal - self.groepen
        iteraties = len(self.som["maatschappelijk"])
        t = (
            totaal_generator(seed).standard_t(vrijheid, size=iteraties)
            if onzekerheid.steekproef and vrijheid >= 1
            else None
        )

        def theta(k: str, met_steekproef: bool) -> FloatArray:
            gemiddelde = self.som[k] / n
            if t is None or not met_steekproef:
                return gemiddelde
            return gemiddelde + np.sqrt(self.kwadraten[k] / vrijheid) / math.sqrt(n) * t

        return Trekkingen(
            {p: theta(p, True) for p in PERSPECTIEVEN},
            {
                "steekproef": theta("steekproef", True),
                "tarieven": theta("tarieven", False),
                "kansen": theta("kansen", False),
            },
            self.som,
            self.kwadraten,
        )

    def zeker(self, onzekerheid: Onzekerheid) -> bool:
        """Of de steekproefonzekerheid van het totaal te schatten is (minstens één vrijheidsgraad), of uit staat."""
        return not onzekerheid.steekproef or self.aantal - self.groepen >= 1


__all__: Sequence[str] = (
    "FINANCIER",
    "KANSFACTOREN",
    "FinancierModel",
    "GemeentePsa",
    "Model",
    "PsaInvoer",
    "Strata",
    "TotaalSommen",
    "Trekkingen",
    "kansfactor_som",
    "omslag_kansfactor",
    "psa_gemeente",
    "sigma",
    "strata_generator",
    "trek_kansen",
)


#: de factoren op alle onzekere kansen waarop het omslagpunt van de kansfactor eerst wordt gezocht, in (0, 10]
KANSFACTOREN: FloatArray = np.unique(np.r_[np.geomspace(0.01, 10.0, 400), 1.0])


def kansfactor_som(model: Model) -> FloatArray:
    """Per factor in `KANSFACTOREN` de som over de casussen van de gecorrigeerde besparing per jaar (maatschappelijk),
    bij puntprijzen en alle onzekere kansen maal die factor (hoogstens 1)."""
    if not model.onzeker_kans.size:
        vast: FloatArray = np.repeat(float(model.punt_y()[: model.aantal].astype(np.float64).sum()), len(KANSFACTOREN))
        return vast
    som: FloatArray = np.asarray(model.y_bij_kansfactor(KANSFACTOREN), dtype=np.float64).sum(axis=1)
    return som


def omslag_kansfactor(som: FloatArray, precies: Model | None = None) -> float | None:
    """De factor op alle onzekere kansen waarbij de schatting 0 wordt: het tekenwissel in `som` (op `KANSFACTOREN`)
    het dichtst bij 1, met `precies` verfijnd door bisectie op het model zelf, anders lineair tussen de twee
    roosterpunten. None als de schatting in (0, 10] niet van teken wisselt."""
    teken = np.sign(som)
    if not np.any(teken[:-1] * teken[1:] <= 0) or np.all(som == 0):
        return None
    wissels = np.flatnonzero(teken[:-1] * teken[1:] <= 0)
    i = int(wissels[np.argmin(np.abs(np.log(KANSFACTOREN[wissels])))])
    laag, hoog = float(KANSFACTOREN[i]), float(KANSFACTOREN[i + 1])
    f_laag, f_hoog = float(som[i]), float(som[i + 1])
    if f_laag == 0:
        return laag
    if f_hoog == 0:
        return hoog
    if precies is None:
        return laag + (hoog - laag) * f_laag / (f_laag - f_hoog)
    for _ in range(60):
        midden = (laag + hoog) / 2
        waarde = float(np.asarray(precies.y_bij_kansfactor(np.array([midden])), dtype=np.float64).sum())
        if (waarde > 0) == (f_laag > 0):
            laag, f_laag = midden, waarde
        else:
            hoog = midden
    return (laag + hoog) / 2
