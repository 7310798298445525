"""Hoe zeker is een besparing: bootstrap-interval, invloed van losse casussen en gevoeligheid (tornado).

Alles gevectoriseerd met numpy: geen Python-lus over trekkingen of casussen.
"""

from __future__ import annotations

import zlib
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pandas as pd

from .kolommen import Kolommen
from .waarden import MIN_CASUSSEN_INTERVAL, Gevoeligheid, Invloed

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_MAX_CEL = 4_000_000  # trekkingen x casussen per blok: begrenst het geheugen bij grote aantallen


def pct(voor: float, team: float) -> float | None:
    """Besparing als percentage van de voor_2015-kosten; None als die 0 zijn."""
    if voor == 0:
        return None
    return (voor - team) / voor * 100.0


def generator(seed: int, naam: str | None) -> np.random.Generator:
    """Een generator per groep: het interval van een gemeente hangt niet af van welke andere gemeenten meedoen."""
    return np.random.default_rng([seed, zlib.crc32((naam or "").encode("utf-8"))])


def bootstrap_ci95(
    voor: FloatArray, team: FloatArray, iteraties: int, rng: np.random.Generator, methode: str = "bca"
) -> tuple[float, float] | None:
    """Bootstrap over casussen van (som voor - som team) / som voor x 100.

    Trekkingen met een som voor van 0 tellen niet mee. Minder dan 5 casussen: None.
    """
    return bootstrap_intervallen(voor, [team], [voor], iteraties, rng, methode=methode)[0]


def bca_interval(
    schatting: float,
    trekkingen: FloatArray,
    jackknife: FloatArray,
    alfa: float = 0.05,
    *,
    lagen: IntArray | None = None,
) -> tuple[float, float]:
    """Het BCa-interval (Efron & Tibshirani 1993, hoofdstuk 14) uit bootstrap- en jackknife-waarden.

    z0 = Φ⁻¹(aandeel trekkingen onder de schatting) corrigeert de scheefheid van de verdeling, de versnelling
    a = Σ(θ̄ - θᵢ)³ / (6 (Σ(θ̄ - θᵢ)²)^1,5) uit de jackknife corrigeert een spreiding die met de waarde meebeweegt.
    De grenzen zijn de percentielen Φ(z0 + (z0 + z) / (1 - a (z0 + z))) voor z = Φ⁻¹(α/2) en Φ⁻¹(1 - α/2).

    Bij een gestratificeerde bootstrap geeft `lagen` per jackknife-waarde zijn laag: dan is θ̄ het gemiddelde binnen
    de eigen laag (de bootstrap trekt ook binnen de laag, dus verschillen tússen lagen horen niet in de versnelling),
    en een waarde met laag -1 (een casus die vast meetelt) telt niet mee.
    """
    normaal = NormalDist()
    b = len(trekkingen)
    # een aandeel van 0 of 1 geeft een oneindige z0: begrens op een halve trekking van de rand
    aandeel = min(max(float(np.mean(trekkingen < schatting)), 0.5 / b), 1 - 0.5 / b)
    z0 = normaal.inv_cdf(aandeel)
    if lagen is None:
        afwijking = float(np.mean(jackknife)) - jackknife
    else:
        mee = lagen >= 0
        _, positie = np.unique(lagen[mee], return_inverse=True)
        positie = positie.reshape(-1)
        gemiddelde = np.bincount(positie, weights=jackknife[mee]) / np.bincount(positie)
        afwijking = gemiddelde[positie] - jackknife[mee]
    kwadraten = float(np.sum(afwijking**2))
    a = float(np.sum(afwijking**3)) / (6.0 * kwadraten**1.5) if kwadraten > 0 else 0.0
    grenzen = []
    for z in (normaal.inv_cdf(alfa / 2), normaal.inv_cdf(1 - alfa / 2)):
        grenzen.append(normaal.cdf(z0 + (z0 + z) / (1 - a * (z0 + z))))
    laag, hoog = np.percentile(trekkingen, [100 * grenzen[0], 100 * grenzen[1]])
    return float(laag), float(hoog)


def bootstrap_intervallen(
    voor: FloatArray,
    teams: list[FloatArray],
    noemers: list[FloatArray],
    iteraties: int,
    rng: np.random.Generator,
    *,
    methode: str = "bca",
) -> list[tuple[float, float] | None]:
    """Eén set trekkingen voor meerdere percentages tegelijk: (som noemer_k - som team_k) / som noemer_k x 100.

    Alle kolommen worden uit dezelfde trekkingen gesommeerd: de trekkingen (het duurste deel) worden één keer
    gemaakt, wat bij duizenden casussen de helft van de tijd scheelt. `methode` is "bca" (standaard) of "percentiel".
    """
    if len(voor) < MIN_CASUSSEN_INTERVAL:
        return [None] * len(teams)
    sommen = bootstrap_sommen([*noemers, *teams], iteraties, rng)
    return intervallen(sommen, teams, noemers, methode=methode)


def bootstrap_sommen(kolommen: list[FloatArray], iteraties: int, rng: np.random.Generator) -> FloatArray:
    """Per trekking (rij) de som van elke kolom over de met teruglegging getrokken casussen (iteraties x kolommen).

    Dezelfde trekking voor elke kolom; een kolom die vaker voorkomt (hetzelfde object) wordt één keer opgeteld.
    """
    n = len(kolommen[0]) if kolommen else 0
    uniek: dict[int, int] = {}
    for kolom in kolommen:
        uniek.setdefault(id(kolom), len(uniek))
    waar = [uniek[id(kolom)] for kolom in kolommen]
    unieke_kolommen = list({id(kolom): kolom for kolom in kolommen}.values())
    sommen_uniek = np.empty((iteraties, len(unieke_kolommen)))
    blok = max(1, _MAX_CEL // max(n, 1))
    for begin in range(0, iteraties, blok):
        aantal = min(blok, iteraties - begin)
        trekking = rng.integers(0, n, size=(aantal, n))
        for nr, waarden in enumerate(unieke_kolommen):  # dezelfde trekkingen voor elke kolom
            sommen_uniek[begin : begin + aantal, nr] = waarden[trekking].sum(axis=1)
    return sommen_uniek[:, waar]


def intervallen(
    sommen: FloatArray,
    teams: list[FloatArray],
    noemers: list[FloatArray],
    *,
    methode: str = "bca",
    lagen: IntArray | None = None,
) -> list[tuple[float, float] | None]:
    """De intervallen uit de bootstrapsommen (kolommen: eerst de noemers, dan de teams, zoals `bootstrap_sommen`).

    Bij "bca" komt de versnelling uit de jackknife over de casussen in `noemers` en `teams`; `lagen` (per casus) als
    de bootstrap gestratificeerd was (zie `bca_interval`).
    """
    k = len(teams)
    uit: list[tuple[float, float] | None] = []
    for i in range(k):
        noemer, team = sommen[:, i], sommen[:, k + i]
        geldig = noemer != 0
        schatting = pct(float(noemers[i].sum()), float(teams[i].sum()))
        if not geldig.any() or schatting is None:
            uit.append(None)
            continue
        waarden = (noemer[geldig] - team[geldig]) / noemer[geldig] * 100.0
        if methode == "percentiel":
            laag, hoog = np.percentile(waarden, [2.5, 97.5])
            uit.append((float(laag), float(hoog)))
            continue
        # jackknife: het percentage zonder casus j, voor elke j
        n_zonder = float(noemers[i].sum()) - noemers[i]
        t_zonder = float(teams[i].sum()) - teams[i]
        with np.errstate(divide="ignore", invalid="ignore"):
            jackknife = np.where(n_zonder != 0, (n_zonder - t_zonder) / n_zonder * 100.0, np.nan)
        eindig = np.isfinite(jackknife)
        uit.append(
            bca_interval(
                schatting, waarden, jackknife[eindig], lagen=None if lagen is None else np.asarray(lagen)[eindig]
            )
        )
    return uit


def invloedrijkste(ids: list[str], voor: FloatArray, team: FloatArray) -> Invloed | None:
    """De casus waarvan weglaten het besparingspercentage (uit de sommen) het meest verandert."""
    if len(ids) < 2:
        return None
    totaal_v, totaal_t = float(voor.sum()), float(team.sum())
    basis = pct(totaal_v, totaal_t)
    v_zonder = totaal_v - voor
    t_zonder = totaal_t - team
    with np.errstate(divide="ignore", invalid="ignore"):
        zonder = np.where(v_zonder != 0, (v_zonder - t_zonder) / v_zonder * 100.0, np.nan)
    verschil = np.abs(zonder - (basis if basis is not None else np.nan))
    if np.all(np.isnan(verschil)):
        return None
    i = int(np.nanargmax(verschil))
    return Invloed(ids[i], None if np.isnan(zonder[i]) else float(zonder[i]))


class _Paren:
    """De regels van een groep per (casus, tariefcode)-paar: daarop werkt de correctie op vermeden kosten."""

    def __init__(self, regels: Kolommen, jaarfactor: FloatArray | None = None, aantal_casussen: int = 1) -> None:
        casus_nr, _ = pd.factorize(regels["casus"])
        self.code_nr, self.codes = pd.factorize(regels["tarief"])
        code_nr = self.code_nr
        sleutel = casus_nr.astype(np.int64) * max(len(self.codes), 1) + code_nr
        self.paar = np.unique(sleutel, return_inverse=True)[1].astype(np.int64)
        self.aantal = int(self.paar.max()) + 1 if len(self.paar) else 0
        self.voor = regels["traject"] == "voor_2015"
        # de correctie van de casus, per paar (alle regels van een paar horen bij één casus)
        self.correctie = np.zeros(self.aantal)
        self.correctie[self.paar] = np.asarray(regels["correctie"], dtype=float)
        self.code_van_paar = np.zeros(self.aantal, dtype=np.int64)
        self.code_van_paar[self.paar] = code_nr
        # per paar: 12 / horizon van zijn casus, gedeeld door het aantal casussen (de schatting is een gemiddelde)
        self.gewicht = np.ones(self.aantal)
        if jaarfactor is not None:
            self.gewicht[self.paar] = jaarfactor / max(aantal_casussen, 1)

    def per_paar(self, kosten: FloatArray, correctie: FloatArray | None = None) -> tuple[FloatArray, FloatArray]:
        """Per paar (bijdrage aan voor gecorrigeerd, kosten sociaal team)."""
        v = np.bincount(self.paar, weights=np.where(self.voor, kosten, 0.0), minlength=self.aantal)
        t = np.bincount(self.paar, weights=np.where(self.voor, 0.0, kosten), minlength=self.aantal)
        f = self.correctie if correctie is None else correctie
        gecorrigeerd: FloatArray = v - f * np.maximum(v - t, 0.0)
        team: FloatArray = np.asarray(t, dtype=float)
        return gecorrigeerd, team

    def pct(self, kosten: FloatArray, correctie: FloatArray | None = None) -> float | None:
        """Het gecorrigeerde besparingspercentage van de groep bij deze regelkosten."""
        gecorrigeerd, team = self.per_paar(kosten, correctie)
        return pct(float(gecorrigeerd.sum()), float(team.sum()))

    def schatting(self, kosten: FloatArray, correctie: FloatArray | None = None) -> float:
        """De gecorrigeerde besparing per huishouden per jaar van de groep bij deze regelkosten."""
        gecorrigeerd, team = self.per_paar(kosten, correctie)
        return float((self.gewicht * (gecorrigeerd - team)).sum())


def _tarieven(
    regels: Kolommen, paren: _Paren, k: FloatArray, spreiding: dict[str, float], max_codes: int
) -> list[Gevoeligheid]:
    """De balken van de tariefcodes met de grootste bijdrage, elk met zijn omslagpunt."""
    uit: list[Gevoeligheid] = []
    gecorrigeerd, team = paren.per_paar(k)
    bijdrage_paar = paren.gewicht * (gecorrigeerd - team)  # de bijdrage van elk paar aan de schatting
    bijdrage = np.bincount(paren.code_van_paar, weights=bijdrage_paar, minlength=len(paren.codes))
    totaal = float(bijdrage_paar.sum())
    betrouwbaarheid = regels["betrouwbaarheid"]
    s = np.full(len(regels), np.nan)
    for niveau, waarde in spreiding.items():
        s[betrouwbaarheid == niveau] = waarde
    omschrijvingen = dict(zip(regels["tarief"].tolist(), regels["omschrijving"].tolist(), strict=True))
    betrouwbaarheden = dict(zip(regels["tarief"].tolist(), regels["betrouwbaarheid"].tolist(), strict=True))
    volgorde = sorted(range(len(paren.codes)), key=lambda i: (-abs(float(bijdrage[i])), str(paren.codes[i])))
    for i in volgorde[:max_codes]:
        code = str(paren.codes[i])
        deze = paren.code_nr == i
        spreid = float(s[deze].max())
        # de schatting is lineair in de prijsfactor x van één code (x > 0): totaal + (x - 1) B
        b = float(bijdrage[i])
        omslag = 1.0 - totaal / b if b != 0 else None
        uit.append(
            Gevoeligheid(
                f"tarief:{code}",
                f"{omschrijvingen[code]}: prijs -{_pct_tekst(spreid)} / +{_pct_tekst(spreid)} "
                f"(betrouwbaarheid {betrouwbaarheden[code]})",
                paren.schatting(np.where(deze, k * (1 - s), k)),
                paren.schatting(np.where(deze, k * (1 + s), k)),
                omslagpunt=omslag if omslag is not None and 0 < omslag <= 10 else None,
            )
        )
    return uit


def gevoeligheid(
    regels: Kolommen,
    spreiding: dict[str, float],
    jaarfactor: FloatArray,
    aantal_casussen: int,
    max_codes: int = 10,
) -> tuple[Gevoeligheid, ...]:
    """De schatting van het antwoord (de gecorrigeerde besparing per huishouden per jaar) bij andere aannames,
    gesorteerd op spreiding (tornado).

    Verwacht de maatschappelijke regels van de groep met de kolommen casus, traject, tarief, omschrijving,
    betrouwbaarheid, financier, kosten, kosten_kans_1, kans, kosten_disconto_0, kosten_disconto_4 en correctie (de
    correctie van de casus), en per regel `jaarfactor` (12 / de horizon van zijn casus). Tarieven gaan ±s omhoog en
    omlaag, met s de spreiding bij hun betrouwbaarheid (dezelfde als in de simulatie); elke tariefcode krijgt een
    omslagpunt: de prijsfactor waarbij de schatting 0 wordt.
    """
    paren = _Paren(regels, jaarfactor, aantal_casussen)
    k = np.asarray(regels["kosten"], dtype=float)
    basis = paren.schatting(k)
    uit = _tarieven(regels, paren, k, spreiding, max_codes)
    # alleen onzekere kansen (0 < kans < 1) bewegen: een inzet met kans 1 is zeker
    kans = np.asarray(regels["kans"], dtype=float)
    onzeker = (kans > 0) & (kans < 1)
    kans1 = np.asarray(regels["kosten_kans_1"], dtype=float)
    uit.append(
        Gevoeligheid(
            "kans",
            "onzekere kansen (tussen 0 en 1) x 0,5 / gelijk aan 1",
            paren.schatting(np.where(onzeker, k * 0.5, k)),
            paren.schatting(kans1),
        )
    )
    uit.append(
        Gevoeligheid("correctie", "met / zonder zekerheidscorrectie", basis, paren.schatting(k, np.zeros(paren.aantal)))
    )
    uit.append(
        Gevoeligheid(
            "discontovoet",
            "discontovoet 0% / 4%",
            paren.schatting(np.asarray(regels["kosten_disconto_0"], dtype=float)),
            paren.schatting(np.asarray(regels["kosten_disconto_4"], dtype=float)),
        )
    )
    vrijwillig = regels["financier"] == "vrijwillig"
    uit.append(
        Gevoeligheid(
            "vrijwillig",
            "vrijwillige inzet gewaardeerd / niet gewaardeerd (0)",
            basis,
            paren.schatting(np.where(vrijwillig, 0.0, k)),
        )
    )
    return tuple(sorted(uit, key=lambda g: -g.spreiding))


def _pct_tekst(aandeel: float) -> str:
    return f"{aandeel * 100:.0f}%"
