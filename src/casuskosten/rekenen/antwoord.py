"""Van trekkingen naar het antwoord: interval, kans, kanscurve, EVPI en de bijdrage van elke bron.

Alles hier werkt op de trekkingen theta(d) van één grootheid, de gecorrigeerde besparing per huishouden per jaar
(`psa` maakt ze); hier wordt niets getrokken.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import numpy as np

from .waarden import (
    BRONNEN,
    GROOTHEID,
    MIN_CASUSSEN_ANTWOORD,
    Antwoord,
    Bron,
    FloatArray,
    Kanspunt,
    Omslagpunten,
    PerspectiefAntwoord,
)

#: ongeveer zoveel drempels in de kanscurve
DREMPELS = 20


def interval95(theta: FloatArray) -> tuple[float, float] | None:
    """Het 2,5e en 97,5e percentiel van de eindige trekkingen (None zonder trekkingen)."""
    eindig = theta[np.isfinite(theta)]
    if eindig.size == 0:
        return None
    laag, hoog = np.percentile(eindig, [2.5, 97.5])
    return float(laag), float(hoog)


def kans_positief(theta: FloatArray, drempel: float = 0.0) -> float:
    """Het aandeel trekkingen boven `drempel`."""
    return float(np.mean(theta > drempel)) if theta.size else 0.0


def evpi(theta: FloatArray) -> float:
    """E[max(theta, 0)] - max(E[theta], 0): wat volledige kennis waard is bij de keuze tussen de aanpak van het
    sociaal team (netto opbrengst theta) en die van vóór 2015 (0)."""
    if theta.size == 0:
        return 0.0
    return max(0.0, float(np.mean(np.maximum(theta, 0.0))) - max(float(np.mean(theta)), 0.0))


def mooie_stap(ruw: float, *, naar: Literal["dichtstbij", "boven"] = "dichtstbij") -> float:
    """Een ronde stap (1, 2, 2,5 of 5 maal een macht van 10) bij de stap `ruw` (groter dan 0), voor elk getal dat een
    lezer langs een schaal ziet: de drempels van de kanscurve en de streepjes op de as van een grafiek.

    `dichtstbij`: de ronde stap die op een logaritmische schaal het dichtst bij `ruw` ligt (ongeveer zoveel drempels
    als gevraagd). `boven`: de kleinste ronde stap van minstens `ruw` (nooit meer streepjes dan gevraagd, zodat de
    getallen onder een as niet over elkaar heen vallen).
    """
    if not ruw > 0 or not math.isfinite(ruw):
        raise ValueError(f"mooie_stap: de stap moet een eindig getal groter dan 0 zijn, niet {ruw}")
    macht = 10.0 ** math.floor(math.log10(ruw))
    kandidaten = [factor * macht for factor in (1.0, 2.0, 2.5, 5.0, 10.0)]
    if naar == "boven":
        return next(stap for stap in kandidaten if stap >= ruw)
    return min(kandidaten, key=lambda stap: abs(math.log(stap / ruw)))


def kanscurve(theta: FloatArray, aantal: int = DREMPELS) -> tuple[Kanspunt, ...]:
    """Ongeveer `aantal` ronde drempels van het 2,5e tot het 97,5e percentiel, altijd met 0, elk met de kans dat
    theta groter is dan die drempel."""
    grenzen = interval95(theta)
    if grenzen is None:
        return ()
    laag, hoog = grenzen
    drempels = {0.0}
    if hoog > laag:
        stap = mooie_stap((hoog - laag) / (aantal - 1))
        eerste = math.ceil(laag / stap)
        laatste = math.floor(hoog / stap)
        drempels.update(round(k * stap, 10) for k in range(eerste, laatste + 1))
    else:
        drempels.add(laag)
    gesorteerd = np.sort(theta)
    uit = []
    for drempel in sorted(drempels):
        boven = theta.size - int(np.searchsorted(gesorteerd, drempel, side="right"))
        uit.append(Kanspunt(float(drempel), boven / theta.size))
    return tuple(uit)


def bronnen(per_bron: Mapping[str, FloatArray]) -> dict[str, Bron]:
    """Per bron het aandeel in de som van de varianties van de bronnen apart, en haar EVPPI (de EVPI-formule op de
    trekkingen waarin alleen die bron varieert)."""
    varianties = {b: float(np.var(per_bron[b])) for b in BRONNEN}
    som = sum(varianties.values())
    return {b: Bron(varianties[b] / som if som > 0 else None, evpi(per_bron[b])) for b in BRONNEN}


def antwoord(
    aantal: int,
    schatting: Mapping[str, float],
    theta: Mapping[str, FloatArray],
    per_bron: Mapping[str, FloatArray],
    omslagpunten: Omslagpunten,
    *,
    zeker: bool = True,
) -> Antwoord:
    """Het antwoord van een groep uit de trekkingen per perspectief (`theta`) en per bron (`per_bron`).

    `schatting`: per perspectief het gemiddelde over de casussen bij de puntwaarden. Onder 3 casussen (of zonder
    bruikbare steekproefonzekerheid: `zeker` False) zijn interval, kans, kanscurve, bronnen en EVPI leeg.
    """
    genoeg = zeker and aantal >= MIN_CASUSSEN_ANTWOORD
    per_perspectief = {
        p: PerspectiefAntwoord(
            schatting[p],
            interval95(theta[p]) if genoeg else None,
            kans_positief(theta[p]) if genoeg else None,
        )
        for p in schatting
    }
    hoofd = theta["maatschappelijk"]
    return Antwoord(
        grootheid=GROOTHEID,
        perspectief="maatschappelijk",
        aantal_casussen=aantal,
        schatting=schatting["maatschappelijk"],
        interval95=interval95(hoofd) if genoeg else None,
        kans_besparing=kans_positief(hoofd) if genoeg else None,
        kanscurve=kanscurve(hoofd) if genoeg else None,
        per_perspectief=per_perspectief,
        bronnen=bronnen(per_bron) if genoeg else None,
        evpi=evpi(hoofd) if genoeg else None,
        omslagpunten=omslagpunten,
    )
