"""Dekking van het 95%-interval: percentiel-bootstrap tegen BCa, op steekproeven uit de meegeleverde casussen.

De 26 meegeleverde casussen zijn de 'populatie'; hun besparingspercentage uit de sommen is de echte waarde. We trekken
herhaald n casussen (zonder teruglegging) en tellen hoe vaak elk interval de echte waarde bevat. Nominaal is dat 95%.
Een benchmark, geen test: de uitkomst hangt af van de casussen en van het toeval, en zegt hoe goed de methode werkt.

    python benchmarks/dekking.py            (of als regel in `make bench`)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from casuskosten import bereken
from casuskosten.rekenen.onzekerheid import bootstrap_intervallen

PROJECT = Path(__file__).resolve().parent.parent


def dekking(
    voor: np.ndarray, team: np.ndarray, n: int, *, herhalingen: int = 400, trekkingen: int = 2000, seed: int = 1
) -> dict[str, float]:
    """Aandeel steekproeven van n casussen waarvan het interval (percentiel en BCa) de populatiewaarde bevat."""
    echt = (voor.sum() - team.sum()) / voor.sum() * 100
    rng = np.random.default_rng(seed)
    raak = {"percentiel": 0, "bca": 0}
    for _ in range(herhalingen):
        keuze = rng.choice(len(voor), size=n, replace=False)
        v, t = voor[keuze], team[keuze]
        for methode in raak:
            interval = bootstrap_intervallen(
                v, [t], [v], trekkingen, np.random.default_rng(rng.integers(2**32)), methode=methode
            )[0]
            if interval is not None and interval[0] <= echt <= interval[1]:
                raak[methode] += 1
    return {m: r / herhalingen for m, r in raak.items()}


def main() -> None:
    """Druk de dekking af bij 6, 8 en 20 casussen."""
    r = bereken(PROJECT / "casussen", PROJECT / "tarieven")
    voor = r.casussen["kosten_voor_2015"].to_numpy(float)
    team = r.casussen["kosten_sociaal_team"].to_numpy(float)
    for n in (6, 8, 20):
        uit = dekking(voor, team, n)
        sys.stdout.write(f"DEKKING n={n} percentiel={uit['percentiel']:.3f} bca={uit['bca']:.3f}\n")


if __name__ == "__main__":
    main()
