"""Jaarbedragen, aantallen en namen zoals een lezer ze schrijft (issue 25, deel 6)."""

from casuskosten import formaat as f
from casuskosten.benamingen import leefgebiednaam


def test_jaarbedrag_in_miljoenen_met_een_decimaal() -> None:
    """Een jaarbedrag van een gemeente staat in miljoenen met één decimaal, een negatief bedrag als € -x."""
    assert f.miljoen(22_157_775) == "€ 22,2 mln"
    assert f.miljoen(-9_729_992) == "€ -9,7 mln"


def test_jaarbedrag_onder_een_miljoen_op_duizenden() -> None:
    """Onder een miljoen wordt een jaarbedrag op duizenden afgerond."""
    assert f.miljoen(701_905) == "€ 702.000"


def test_breed_interval_in_hele_miljoenen() -> None:
    """Liggen beide grenzen ver van nul, dan staat het interval in hele miljoenen."""
    assert f.miljoen_bereik(-33_400_000, 66_100_000) == "€ -33 mln tot € 66 mln"
    assert f.miljoen_bereik(-9_729_992, 44_272_686) == "€ -9,7 mln tot € 44,3 mln"


def test_aantal_enkelvoud_en_meervoud() -> None:
    """Bij 1 het enkelvoud, anders het meervoud."""
    assert f.aantal(1, "gemeente", "gemeenten") == "1 gemeente"
    assert f.aantal(4, "gemeente", "gemeenten") == "4 gemeenten"


def test_financien_met_trema() -> None:
    """Het leefgebied financien heet voor de lezer financiën."""
    assert leefgebiednaam("financien") == "financiën"
