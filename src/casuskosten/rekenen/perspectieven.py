"""De drie perspectieven (welke regels meetellen voor de maatschappij, het collectief en de gemeentebegroting) en
welk deel van de zekerheidscorrectie elke regel draagt."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..invoer.tarieven import FINANCIERS

#: de gemeentelijke financiers, en die van het collectief (gemeente, zorgverzekeraar, Wlz, Rijk, politie en justitie)
GEMEENTELIJK: frozenset[str] = frozenset(f for f in FINANCIERS if f.startswith("gemeente_"))
COLLECTIEF: frozenset[str] = GEMEENTELIJK | {"zorgverzekeraar", "wlz", "rijk", "politie_justitie"}


def perspectief_maskers(regels: pd.DataFrame) -> dict[str, pd.Series]:
    """Welke regels meetellen per perspectief.

    maatschappelijk: alle kosten, vrijwillige inzet gewaardeerd, zonder overdrachten (een overdracht zoals bijstand
    verschuift geld, het verbruikt het niet); collectief: financiers van het collectief, overdrachten meegeteld;
    gemeente: alleen de gemeentelijke financiers, overdrachten meegeteld (die drukken op de begroting).
    """
    financier = regels["financier"]
    return {
        "maatschappelijk": regels["soort"] != "overdracht",
        "collectief": financier.isin(COLLECTIEF),
        "gemeente": financier.isin(GEMEENTELIJK),
    }


def correctie_per_regel(regels: Any) -> npt.NDArray[np.float64]:
    """Per regel zijn deel van de zekerheidscorrectie: per (casus, tariefcode) correctie x max(0, vóór − team), bij
    de regels vóór 2015 van dat paar naar hun aandeel verdeeld (zo draagt de financier van de vermeden kosten de
    correctie); 0 voor de andere regels."""
    casus = np.asarray(regels["casus"], dtype=object)
    code = np.asarray(regels["tarief"], dtype=object)
    paar, _ = pd.factorize(pd.Series([f"{c}\x00{t}" for c, t in zip(casus.tolist(), code.tolist(), strict=True)]))
    voor = np.asarray(regels["traject"], dtype=object) == "voor_2015"
    # zoals de correctie van de casus zelf: alleen maatschappelijke regels (een overdracht wordt niet vermeden)
    kosten = np.where(
        np.asarray(regels["soort"], dtype=object) != "overdracht", np.asarray(regels["kosten"], float), 0.0
    )
    n = int(paar.max()) + 1 if len(paar) else 0
    v = np.bincount(paar, weights=np.where(voor, kosten, 0.0), minlength=n)
    t = np.bincount(paar, weights=np.where(voor, 0.0, kosten), minlength=n)
    correctie = np.zeros(n)
    correctie[paar] = np.asarray(regels["correctie"], dtype=float)
    per_paar = correctie * np.maximum(v - t, 0.0)
    aandeel = np.where(voor & (v[paar] != 0), kosten / np.where(v[paar] != 0, v[paar], 1.0), 0.0)
    uit: npt.NDArray[np.float64] = per_paar[paar] * aandeel
    return uit
