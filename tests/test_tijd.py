"""Tijdsafspraken: 1 jaar = 12 maanden = 52 weken = 365 dagen, 1 kwartaal = 3 maanden."""

from __future__ import annotations

from fractions import Fraction

import pytest

from casuskosten.invoer.tijd import aantal_keer, duur_maanden, lees_duur


@pytest.mark.parametrize(
    ("per", "duur", "keer"),
    [
        pytest.param("week", None, 52, id="12-maanden-per-week-is-52"),
        pytest.param("2 weken", None, 26, id="12-maanden-per-2-weken-is-26"),
        pytest.param("dag", None, 365, id="12-maanden-per-dag-is-365"),
        pytest.param("maand", None, 12, id="12-maanden-per-maand-is-12"),
        pytest.param("kwartaal", None, 4, id="12-maanden-per-kwartaal-is-4"),
        pytest.param("jaar", None, 1, id="12-maanden-per-jaar-is-1"),
        pytest.param("week", "10 weken", 10, id="10-weken-per-week-is-precies-10"),
        pytest.param("week", "6 maanden", 26, id="6-maanden-per-week-is-26"),
        pytest.param("dag", "2 weken", Fraction(2 * 365, 52), id="2-weken-per-dag-is-2/52-jaar"),
        pytest.param("maand", "1 jaar", 12, id="enkelvoud-jaar"),
        pytest.param("2 weken", "1,5 jaar", 39, id="decimale-komma"),
        pytest.param(None, None, 1, id="eenmalig-is-1"),
    ],
)
def test_aantal_keer_volgt_de_tijdsafspraken(per: str | None, duur: str | None, keer: Fraction) -> None:
    """Een terugkerende inzet komt zo vaak voor als zijn duur gemeten in de eenheid van `per`."""
    maanden = duur_maanden(per, duur, 0, 12)
    assert aantal_keer(per, maanden) == keer


def test_zonder_duur_loopt_inzet_tot_einde_horizon() -> None:
    """Zonder duur loopt een inzet vanaf vanaf_maand tot het einde van de horizon."""
    assert duur_maanden("maand", None, 4, 24) == 20
    assert aantal_keer("maand", Fraction(20)) == 20


def test_eenmalige_inzet_heeft_duur_nul() -> None:
    """Een inzet zonder `per` is eenmalig en duurt 0 maanden."""
    assert duur_maanden(None, None, 3, 12) == 0


@pytest.mark.parametrize("tekst", ["zes maanden", "6", "6 eeuwen", "-2 weken", "0 dagen"])
def test_onleesbare_duur_legt_uit_wat_wel_kan(tekst: str) -> None:
    """Een duur die niet te lezen is, noemt de vorm die wel geldig is."""
    with pytest.raises(ValueError, match=r"dagen\|weken\|maanden|groter dan 0"):
        lees_duur(tekst)
