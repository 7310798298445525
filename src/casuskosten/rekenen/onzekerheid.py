"""Hoe zeker is een besparing: bootstrap-interval, invloed van losse casussen en gevoeligheid (tornado).

Alles gevectoriseerd met numpy: geen Python-lus over trekkingen of casussen.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt
import pandas as pd

from .resultaat import Gevoeligheid, Invloed

FloatArray = npt.NDArray[np.float64]

MIN_CASUSSEN_INTERVAL = 5
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
    voor: FloatArray, team: FloatArray, iteraties: int, rng: np.random.Generator
) -> tuple[float, float] | None:
    """Percentiel-bootstrap over casussen van (som voor - som team) / som voor x 100.

    Trekkingen met een som voor van 0 tellen niet mee. Minder dan 5 casussen: None.
    """
    return bootstrap_intervallen(voor, [team], [voor], iteraties, rng)[0]


def bootstrap_intervallen(
    voor: FloatArray, teams: list[FloatArray], noemers: list[FloatArray], iteraties: int, rng: np.random.Generator
) -> list[tuple[float, float] | None]:
    """Eén set trekkingen voor meerdere percentages tegelijk: (som noemer_k - som team_k) / som noemer_k x 100.

    Alle kolommen worden uit dezelfde trekkingen gesommeerd: de trekkingen (het duurste deel) worden één keer
    gemaakt, wat bij duizenden casussen de helft van de tijd scheelt.
    """
    n = len(voor)
    k = len(teams)
    if n < MIN_CASUSSEN_INTERVAL:
        return [None] * k
    kolommen = [*noemers, *teams]
    # dezelfde kolom (bv. het sociaal team voor gewoon en gecorrigeerd) maar één keer optellen
    uniek: dict[int, int] = {}
    for kolom in kolommen:
        uniek.setdefault(id(kolom), len(uniek))
    waar = [uniek[id(kolom)] for kolom in kolommen]
    unieke_kolommen = list({id(kolom): kolom for kolom in kolommen}.values())
    sommen_uniek = np.empty((iteraties, len(unieke_kolommen)))
    blok = max(1, _MAX_CEL // n)
    for begin in range(0, iteraties, blok):
        aantal = min(blok, iteraties - begin)
        trekking = rng.integers(0, n, size=(aantal, n))
        for nr, waarden in enumerate(unieke_kolommen):  # dezelfde trekkingen voor elke kolom
            sommen_uniek[begin : begin + aantal, nr] = waarden[trekking].sum(axis=1)
    sommen = sommen_uniek[:, waar]
    uit: list[tuple[float, float] | None] = []
    for i in range(k):
        noemer, team = sommen[:, i], sommen[:, k + i]
        geldig = noemer != 0
        if not geldig.any():
            uit.append(None)
            continue
        waarden = (noemer[geldig] - team[geldig]) / noemer[geldig] * 100.0
        laag, hoog = np.percentile(waarden, [2.5, 97.5])
        uit.append((float(laag), float(hoog)))
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


def gevoeligheid(regels: pd.DataFrame, max_codes: int = 10) -> tuple[Gevoeligheid, ...]:
    """Het gecorrigeerde besparingspercentage bij andere aannames, gesorteerd op spreiding.

    Verwacht per regel de kolommen traject, tarief, financier, kosten, kosten_kans_1, kosten_disconto_0,
    kosten_disconto_4 en correctie_factor (1 - correctie voor voor_2015-regels, 1 voor sociaal_team).
    """
    voor = (regels["traject"] == "voor_2015").to_numpy()
    m = regels["correctie_factor"].to_numpy(float)
    k = regels["kosten"].to_numpy(float)

    def uitkomst(kosten: FloatArray, factor: FloatArray = m) -> float | None:
        return pct(float((kosten * factor)[voor].sum()), float(kosten[~voor].sum()))

    uit: list[Gevoeligheid] = []
    teken = np.where(voor, 1.0, -1.0)
    bijdrage = pd.Series(k * m * teken).groupby(regels["tarief"].to_numpy()).sum()
    volgorde = sorted(bijdrage.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:max_codes]
    codes = regels["tarief"].to_numpy()
    for code, _ in volgorde:
        deze = codes == code
        uit.append(
            Gevoeligheid(
                f"tarief:{code}",
                f"prijs van {code} x 0,75 / x 1,25",
                uitkomst(np.where(deze, k * 0.75, k)),
                uitkomst(np.where(deze, k * 1.25, k)),
            )
        )
    basis = uitkomst(k)
    uit.append(
        Gevoeligheid("kans", "huidige kansen / elke kans = 1", basis, uitkomst(regels["kosten_kans_1"].to_numpy(float)))
    )
    uit.append(Gevoeligheid("correctie", "met / zonder zekerheidscorrectie", basis, uitkomst(k, np.ones_like(m))))
    uit.append(
        Gevoeligheid(
            "discontovoet",
            "discontovoet 0% / 4%",
            uitkomst(regels["kosten_disconto_0"].to_numpy(float)),
            uitkomst(regels["kosten_disconto_4"].to_numpy(float)),
        )
    )
    vrijwillig = (regels["financier"] == "vrijwillig").to_numpy()
    uit.append(
        Gevoeligheid(
            "vrijwillig",
            "vrijwillige inzet gewaardeerd / niet gewaardeerd (0)",
            basis,
            uitkomst(np.where(vrijwillig, 0.0, k)),
        )
    )
    return tuple(sorted(uit, key=lambda g: -g.spreiding))
