"""De drie perspectieven: welke regels meetellen voor de maatschappij, het collectief en de gemeentebegroting."""

from __future__ import annotations

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
