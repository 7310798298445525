"""Rooktest van de benchmark: een paar dozijn gegenereerde casussen door hetzelfde codepad als `make bench`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from casuskosten import bereken
from tests.conftest import PROJECT, SNEL

sys.path.insert(0, str(PROJECT / "benchmarks"))
from genereer import genereer


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
