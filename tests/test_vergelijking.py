"""De vergelijking van groepen: DerSimonian-Laird, Q, p, I² en de gepoolde schattingen, met de hand nagerekend.

Drie groepen van elk 3 casussen, y = gecorrigeerde besparing per huishouden per jaar:
- A: 0, 300, 600 -> gemiddelde 300; s² = (300² + 0 + 300²) / 2 = 90.000; v = 90.000 / 3 = 30.000
- B: 600, 900, 1200 -> 900, v = 30.000
- C: -300, 0, 300 -> 0, v = 30.000
w = 1 / 30.000 per groep; y_w = (300 + 900 + 0) / 3 = 400;
Q = (100² + 500² + 400²) / 30.000 = 420.000 / 30.000 = 14; k - 1 = 2; p = P(chi²(2) > 14) = e^-7 = 0,000912;
C = 3w - 3w² / 3w = 2w = 1 / 15.000; tau² = (14 - 2) x 15.000 = 180.000; I² = 12 / 14 = 0,857;
w* = 1 / 210.000 per groep; mu = 400; var(mu) = 210.000 / 3 = 70.000;
B = 180.000 / 210.000 = 6/7; gepoold A = 6/7 x 300 + 1/7 x 400 = 2.200 / 7 = 314,29, variantie
6/7 x 30.000 + (1/7)² x 70.000 = 25.714,29 + 1.428,57 = 27.142,86.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

from casuskosten import CasuskostenFout, Instellingen, bereken
from casuskosten.rekenen.vergelijking import vergelijk
from tests.conftest import casus

GROEPEN = {"A": np.array([0.0, 300.0, 600.0]), "B": np.array([600.0, 900.0, 1200.0]), "C": np.array([-300.0, 0, 300])}
SNEL = Instellingen(prijspeil=2015, discontovoet=0, psa_iteraties=200, bootstrap_iteraties=200)


def test_dersimonian_laird_q_p_en_i2_op_drie_groepen_met_de_hand() -> None:
    """Q = 14, p = e^-7, tau² = 180.000, I² = 12/14 (zie boven)."""
    v = vergelijk("gemeente", GROEPEN)
    assert v.q == pytest.approx(14.0)
    assert v.p_heterogeniteit == pytest.approx(math.exp(-7))
    assert v.tau2 == pytest.approx(180_000.0)
    assert v.i2 == pytest.approx(12 / 14)
    a = next(g for g in v.groepen if g.groep == "A")
    assert a.schatting == pytest.approx(300.0)
    assert a.se == pytest.approx(math.sqrt(30_000.0))
    assert a.gepoold_schatting == pytest.approx(2200 / 7)
    sd = math.sqrt(6 / 7 * 30_000 + 70_000 / 49)
    assert a.gepoold_interval95 == pytest.approx((2200 / 7 - 1.959964 * sd, 2200 / 7 + 1.959964 * sd))
    assert "verschillen meer dan toeval" in v.zin


def test_dersimonian_laird_komt_overeen_met_statsmodels() -> None:
    """Dezelfde tau², Q, I² en random-effectsgemiddelde als statsmodels.stats.meta_analysis, ook met ongelijke v."""
    groepen = {
        "A": np.array([100.0, 250.0, 900.0, 1300.0]),
        "B": np.array([-400.0, 50.0, 200.0]),
        "C": np.array([800.0, 1000.0, 1100.0, 1500.0, 2100.0]),
    }
    v = vergelijk("gemeente", groepen)
    y = np.array([groepen[g].mean() for g in "ABC"])
    var = np.array([groepen[g].var(ddof=1) / len(groepen[g]) for g in "ABC"])
    sm = combine_effects(y, var, method_re="dl")
    assert v.tau2 == pytest.approx(max(sm.tau2, 0.0))
    assert v.q == pytest.approx(sm.q)
    assert v.i2 == pytest.approx(sm.i2)
    assert v.p_heterogeniteit == pytest.approx(stats.chi2.sf(sm.q, 2))


def test_tau2_wordt_niet_negatief_als_q_kleiner_is_dan_k_min_1() -> None:
    """Drie gelijke gemiddelden: Q = 0 < k - 1, dus tau² = 0 (niet negatief), I² = 0 en elke gepoolde schatting is
    het gewone gewogen gemiddelde; de zin zegt dat de verschillen toeval kunnen zijn."""
    groepen = {"A": np.array([0.0, 300, 600]), "B": np.array([200.0, 300, 400]), "C": np.array([-100.0, 300, 700])}
    v = vergelijk("gemeente", groepen)
    assert v.q == pytest.approx(0.0)
    assert v.tau2 == 0.0
    assert v.i2 == 0.0
    assert {round(g.gepoold_schatting or 0, 6) for g in v.groepen} == {300.0}
    assert "niet meer dan toeval" in v.zin


def test_groepen_onder_drie_casussen_tellen_niet_mee() -> None:
    """Een groep met 2 casussen staat erin met haar schatting, zonder standaardfout en zonder gepoolde schatting, en
    doet niet mee aan Q; met minder dan twee groepen van 3 is er geen toets."""
    groepen = {**GROEPEN, "D": np.array([5000.0, 7000.0])}
    v = vergelijk("gemeente", groepen)
    d = next(g for g in v.groepen if g.groep == "D")
    assert d.schatting == 6000.0
    assert (d.se, d.gepoold_schatting, d.gepoold_interval95) == (None, None, None)
    assert v.q == pytest.approx(14.0)  # zoals zonder D
    alleen = vergelijk("gemeente", {"A": GROEPEN["A"], "D": groepen["D"]})
    assert (alleen.q, alleen.tau2, alleen.p_heterogeniteit) == (None, None, None)
    assert "vergelijken kan nog niet" in alleen.zin


def test_leefgebieden_overlappen_en_worden_niet_gepoold() -> None:
    """Per leefgebied alleen de cijfers per groep: geen Q, geen tau², geen gepoolde schatting, en de zin zegt waarom."""
    v = vergelijk("leefgebied", GROEPEN)
    assert (v.q, v.tau2, v.p_heterogeniteit, v.i2) == (None, None, None, None)
    assert all(g.gepoold_schatting is None for g in v.groepen)
    assert all(g.se is not None for g in v.groepen)
    assert "overlappen" in v.zin


def _casussen() -> list[dict[str, Any]]:
    """De drie groepen als casussen (hulp 10 per uur, zekerheid hoog, 12 maanden): y = 10 x uren vóór - 10 x uren
    team."""
    uit = []
    for gemeente, ys, model in (
        ("Gamma", GROEPEN["A"], "A1"),
        ("Delta", GROEPEN["B"], "B"),
        ("Epsilon", GROEPEN["C"], "C"),
    ):
        for i, y in enumerate(ys.tolist()):
            voor = [{"tarief": "hulp", "aantal": y / 10}] if y > 0 else []
            team = [{"tarief": "hulp", "aantal": -y / 10}] if y < 0 else []
            leef = ["financien", "wonen"] if i == 0 else ["financien"]
            uit.append(
                casus(
                    id=f"{gemeente[:3].upper()}-{i}",
                    gemeente=gemeente,
                    teammodel=model,
                    voor=voor,
                    team=team,
                    leefgebieden=leef,
                )
            )
    return uit


def test_de_vergelijking_van_de_gemeenten_staat_in_het_resultaat_met_gepoold_per_gemeente(
    tarieven: Path, casusmap
) -> None:  # type: ignore[no-untyped-def]
    """Door de hele berekening: de gemeenten Gamma, Delta en Epsilon hebben de y's van A, B en C; de vergelijking en
    antwoord.gepoold van Gamma zijn die van groep A."""
    r = bereken([casusmap(*_casussen())], tarieven, SNEL, werkers=1)
    assert r.vergelijking is not None
    assert r.vergelijking.groepering == "gemeente"
    assert [g.groep for g in r.vergelijking.groepen] == ["Delta", "Epsilon", "Gamma"]
    assert r.vergelijking.tau2 == pytest.approx(180_000.0)
    gamma = r.gemeente("Gamma").antwoord
    assert gamma.gepoold is not None
    assert gamma.gepoold.schatting == pytest.approx(2200 / 7)
    sd = math.sqrt(6 / 7 * 30_000 + 70_000 / 49)
    assert gamma.gepoold.kans_besparing == pytest.approx(stats.norm.cdf((2200 / 7) / sd))
    assert r.totaal.antwoord.gepoold is None
    assert r.naar_dict()["vergelijking"]["q"] == pytest.approx(14.0)


def test_per_teammodel_en_per_jaar_en_per_leefgebied(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Per teammodel dezelfde groepen (A1, B, C); per jaar één groep (2016) en dus geen toets; per leefgebied telt
    een casus in elk leefgebied: financien heeft alle 9, wonen de 3 eersten."""
    r = bereken([casusmap(*_casussen())], tarieven, SNEL, werkers=1)
    team = r.vergelijk("teammodel")
    assert [g.groep for g in team.groepen] == ["A1", "B", "C"]
    assert team.q == pytest.approx(14.0)
    jaar = r.vergelijk("jaar")
    assert [(g.groep, g.aantal_casussen) for g in jaar.groepen] == [("2016", 9)]
    assert jaar.q is None
    leef = r.vergelijk("leefgebied")
    assert {g.groep: g.aantal_casussen for g in leef.groepen} == {"financien": 9, "wonen": 3}
    with pytest.raises(CasuskostenFout, match="bedoelde u 'teammodel'"):
        r.vergelijk("team")


def test_vergelijk_per_teammodel_op_de_opdrachtregel(tarieven: Path, casusmap, tmp_path: Path, draai) -> None:  # type: ignore[no-untyped-def]
    """`vergelijk --per teammodel` schrijft een rapport dat begint met de zin over verschillen en de teammodellen
    noemt; een onbekende groepering is een fout met exitcode 1."""
    map_ = casusmap(*_casussen())
    uit = tmp_path / "v.html"
    klaar = draai(
        "vergelijk",
        str(map_),
        "--tarieven",
        str(tarieven),
        "--prijspeil",
        "2015",
        "--per",
        "teammodel",
        "--uit",
        str(uit),
    )
    assert klaar.returncode == 0, klaar.stderr
    tekst = uit.read_text(encoding="utf-8")
    assert "Sociale teams vergeleken per teammodel" in tekst
    assert tekst.index("verschillen meer dan toeval") < tekst.index("figuur-forest")
    fout = draai(
        "vergelijk", str(map_), "--tarieven", str(tarieven), "--per", "team", "--uit", str(tmp_path / "x.html")
    )
    assert fout.returncode == 1
    assert "kies uit gemeente, teammodel, leefgebied, jaar" in fout.stderr
    assert not (tmp_path / "x.html").exists()
