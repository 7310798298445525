"""Rooktest van de benchmark: een paar dozijn gegenereerde casussen door hetzelfde codepad als `make bench`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from casuskosten import bereken
from tests.conftest import PROJECT, SNEL

sys.path.insert(0, str(PROJECT / "benchmarks"))
from dekking import POPULATIES
from dekking import main as dekking
from genereer import genereer
from meet import dekking_rijen, oude_code, psa_kosten, psa_rij


@pytest.mark.traag
def test_gegenereerde_set_is_geldig_en_wordt_berekend(tmp_path: Path) -> None:
    """36 synthetische casussen over 12 gemeenten zijn geldig en komen allemaal in de uitkomst."""
    genereer(36, tmp_path, gemeenten=12)
    r = bereken([tmp_path], PROJECT / "tarieven", SNEL)
    assert r.totaal.aantal_casussen == 36
    assert len(r.gemeenten) == 12
    assert sum(g.aantal_casussen for g in r.gemeenten) == 36


def test_generator_is_deterministisch(tmp_path: Path) -> None:
    """Dezelfde seed geeft byte voor byte dezelfde bestanden."""
    een = genereer(5, tmp_path / "a")
    twee = genereer(5, tmp_path / "b")
    assert [p.read_bytes() for p in een] == [p.read_bytes() for p in twee]


@pytest.mark.traag
def test_dekking_rij_7_door_de_echte_berekening(capsys: pytest.CaptureFixture[str]) -> None:
    """Rij 7 met een handvol steekproeven van 6: de synthetische casussen geven precies de getrokken besparing (anders
    stopt dekking.py), en meet.py maakt van elke populatie een rij, en van het percentage de ondersteunende rij."""
    dekking(["--herhalingen", "4", "--trekkingen", "200", "--werkers", "1", "--aantallen", "6"])
    rijen = dekking_rijen(capsys.readouterr().out)
    namen = [r[0] for r in rijen]
    assert namen == [
        *(f"7. dekking antwoord.interval95, {p}, n = 6" for p in POPULATIES),
        "extra: dekking bootstrap besparingspercentage (ondersteunend), 6 casussen",
    ]
    assert all(r[2] == ">= 0,90 (nominaal 0,95)" for r in rijen[:3])
    assert "kans >= 0,80" in rijen[0][3]  # echt gemiddelde 0: ook de kansen
    assert "kans >= 0,80" not in rijen[2][3]  # de meegeleverde populatie heeft een ander gemiddelde


@pytest.mark.traag
def test_rij_1b_oude_en_nieuwe_psa_naast_elkaar(tmp_path: Path) -> None:
    """Rij 1b op een paar casussen: de oude code komt uit git en wordt echt geladen (psa_kosten controleert welk
    casuskosten elk proces importeerde), beide versies in elke ronde."""
    oud = oude_code("97eca4f", tmp_path / "oud")
    if isinstance(oud, str):
        pytest.skip(oud)  # bijvoorbeeld een uitgepakte bron zonder git
    genereer(12, tmp_path / "casussen", gemeenten=4)
    metingen = psa_kosten(tmp_path / "casussen", oud, 1, veel=200, weinig=100)
    assert {v: len(m) for v, m in metingen.items()} == {"oud": 1, "nieuw": 1}
    rij = psa_rij(metingen, 12, "97eca4f", veel=200)
    assert rij[0] == "1b. PSA (200 trekkingen) nieuw / oud (97eca4f), 12 casussen"
    assert rij[2] == "<= 1,25x"
