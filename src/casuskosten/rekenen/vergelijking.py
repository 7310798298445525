"""Groepen vergelijken zonder ruis als rangorde te lezen: random effects over de groepen (DerSimonian-Laird), Cochran's
Q met zijn p-waarde, I^2 en de gepoolde schatting per groep (empirical Bayes).

Invoer per groep: de gecorrigeerde besparing per jaar van elke casus (y_i). Per groep met minstens 3 casussen:
y_g = het gemiddelde, v_g = s_g^2 / n_g (s_g met n_g - 1 in de noemer). Met w_g = 1 / v_g:

- Q = som w_g (y_g - y_w)^2 met y_w = som w_g y_g / som w_g; p = P(chi^2(k - 1) > Q);
- tau^2 = max(0, (Q - (k - 1)) / (som w_g - som w_g^2 / som w_g)) (DerSimonian & Laird 1986);
- mu = som w*_g y_g / som w*_g met w*_g = 1 / (v_g + tau^2);
- gepoold_g = B_g y_g + (1 - B_g) mu met B_g = tau^2 / (tau^2 + v_g), variantie B_g v_g + (1 - B_g)^2 / som w*_g;
- I^2 = max(0, (Q - (k - 1)) / Q).

Het rekenwerk staat hier met numpy (tien regels, elke stap zichtbaar en nagerekend in de tests, ook tegen
statsmodels.stats.meta_analysis); de verdelingen komen uit scipy.stats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from .. import formaat as f
from .waarden import MIN_CASUSSEN_ANTWOORD, FloatArray, Gepoold, Groep, Vergelijking

_Z_95 = 1.959963984540054

_MEERVOUD = {"gemeente": "gemeenten", "teammodel": "teammodellen", "leefgebied": "leefgebieden", "jaar": "jaren"}


def vergelijk(groepering: str, groepen: Mapping[str, FloatArray]) -> Vergelijking:
    """De vergelijking van `groepen` (naam -> de y van haar casussen), de groepen op naam.

    Bij `leefgebied` overlappen de groepen (een casus telt in elk leefgebied dat hij noemt): dan alleen de cijfers per
    groep, zonder poolen en zonder toets, want het model neemt onafhankelijke groepen aan.
    """
    from scipy import stats

    namen = sorted(groepen)
    y = {g: float(np.mean(groepen[g])) if len(groepen[g]) else 0.0 for g in namen}
    v: dict[str, float | None] = {
        g: float(np.var(groepen[g], ddof=1)) / len(groepen[g]) if len(groepen[g]) >= MIN_CASUSSEN_ANTWOORD else None
        for g in namen
    }
    mee = [g for g in namen if (var := v[g]) is not None and var > 0]
    if groepering == "leefgebied" or len(mee) < 2:
        rijen = tuple(_groep(g, groepen[g], y[g], v[g], None) for g in namen)
        return Vergelijking(groepering, rijen, None, None, None, None, _zin(groepering, len(mee), None, None))
    yg = np.array([y[g] for g in mee])
    vg = np.array([v[g] or 0.0 for g in mee])
    w = 1.0 / vg
    y_w = float((w * yg).sum() / w.sum())
    q = float((w * (yg - y_w) ** 2).sum())
    k = len(mee)
    c = float(w.sum() - (w**2).sum() / w.sum())
    tau2 = max(0.0, (q - (k - 1)) / c)
    w_re = 1.0 / (vg + tau2)
    mu = float((w_re * yg).sum() / w_re.sum())
    var_mu = 1.0 / float(w_re.sum())
    p = float(stats.chi2.sf(q, k - 1))
    i2 = max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0
    gepoold: dict[str, Gepoold] = {}
    for g, y_g, v_g in zip(mee, yg.tolist(), vg.tolist(), strict=True):
        b = tau2 / (tau2 + v_g)
        schatting = b * y_g + (1 - b) * mu
        sd = math.sqrt(b * v_g + (1 - b) ** 2 * var_mu)
        kans = float(stats.norm.sf(0.0, loc=schatting, scale=sd)) if sd > 0 else float(schatting > 0)
        gepoold[g] = Gepoold(schatting, (schatting - _Z_95 * sd, schatting + _Z_95 * sd), kans)
    rijen = tuple(_groep(g, groepen[g], y[g], v[g], gepoold.get(g)) for g in namen)
    return Vergelijking(groepering, rijen, tau2, q, p, i2, _zin(groepering, k, p, i2))


def _groep(naam: str, waarden: FloatArray, y: float, v: float | None, gepoold: Gepoold | None) -> Groep:
    return Groep(
        groep=naam,
        aantal_casussen=len(waarden),
        schatting=y,
        se=math.sqrt(v) if v is not None else None,
        gepoold_schatting=gepoold.schatting if gepoold else None,
        gepoold_interval95=gepoold.interval95 if gepoold else None,
    )


def gepoold_per_groep(vergelijking: Vergelijking) -> dict[str, Gepoold]:
    """Per groep met een gepoolde schatting die schatting met haar interval en kans (voor `antwoord.gepoold`)."""
    from scipy import stats

    uit = {}
    for g in vergelijking.groepen:
        if g.gepoold_schatting is None or g.gepoold_interval95 is None:
            continue
        sd = (g.gepoold_interval95[1] - g.gepoold_schatting) / _Z_95
        kans = (
            float(stats.norm.sf(0.0, loc=g.gepoold_schatting, scale=sd)) if sd > 0 else float(g.gepoold_schatting > 0)
        )
        uit[g.groep] = Gepoold(g.gepoold_schatting, g.gepoold_interval95, kans)
    return uit


def _zin(groepering: str, k: int, p: float | None, i2: float | None) -> str:
    """Of de groepen meer verschillen dan toeval, in één gewone zin."""
    meervoud = _MEERVOUD.get(groepering, "groepen")
    if groepering == "leefgebied":
        return (
            "Een casus telt in elk leefgebied dat hij noemt, dus de groepen overlappen: hier staan alleen de cijfers "
            "per leefgebied, zonder gepoolde schatting en zonder toets op verschillen (die nemen aan dat de groepen "
            "los van elkaar staan)."
        )
    if k < 2 or p is None or i2 is None:
        return (
            f"Er zijn minder dan twee {meervoud} met minstens {MIN_CASUSSEN_ANTWOORD} casussen (en spreiding): "
            "vergelijken kan nog niet."
        )
    if p < 0.05:
        return (
            f"De {meervoud} verschillen meer dan toeval in zo weinig casussen zou geven (p = {f.getal(p, 3)}; "
            f"{f.aandeel(i2)} van de spreiding is geen toeval): de verschillen zijn waarschijnlijk echt."
        )
    return (
        f"De {meervoud} verschillen niet meer dan toeval in zo weinig casussen zou geven (p = {f.getal(p, 2)}): "
        "lees de verschillen niet als een rangorde; de gepoolde schattingen trekken ze daarom naar elkaar toe."
    )


def groepen_van(
    groepering: str,
    *,
    y: Sequence[float],
    gemeenten: Sequence[str],
    teammodellen: Sequence[str | None],
    leefgebieden: Sequence[Sequence[str]],
    jaren: Sequence[int],
) -> dict[str, FloatArray]:
    """Per groep de y's van haar casussen; bij `leefgebied` telt een casus in elk leefgebied dat hij noemt."""
    uit: dict[str, list[float]] = {}
    for i, waarde in enumerate(y):
        if groepering == "gemeente":
            sleutels: Sequence[str] = (gemeenten[i],)
        elif groepering == "teammodel":
            sleutels = (teammodellen[i] or "zonder teammodel",)
        elif groepering == "jaar":
            sleutels = (str(jaren[i]),)
        else:
            sleutels = tuple(dict.fromkeys(leefgebieden[i])) or ("zonder leefgebied",)
        for sleutel in sleutels:
            uit.setdefault(sleutel, []).append(waarde)
    return {g: np.asarray(w, dtype=float) for g, w in uit.items()}
