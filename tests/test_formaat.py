"""Nederlandse notatie (met babel): bedragen, percentages, datums en intervallen."""

from __future__ import annotations

import pytest

from casuskosten import formaat


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        pytest.param(1234.4, 0, "€ 1.234", id="duizendtallen-met-punt"),
        pytest.param(1234.56, 2, "€ 1.234,56", id="decimale-komma"),
        pytest.param(-6265.2, 0, "€ -6.265", id="negatief-na-het-teken"),
        pytest.param(-0.4, 0, "€ 0", id="geen-min-nul"),
        pytest.param(None, 0, "–", id="leeg"),
    ],
)
def test_euro(waarde: float | None, decimalen: int, tekst: str) -> None:
    """Bedragen zoals in Nederland: € 1.234,56 en € -6.265."""
    assert formaat.euro(waarde, decimalen) == tekst


def test_procent_aandeel_datum_en_interval() -> None:
    """30,2%; een aandeel 0,25 als 25%; 14 maart 2016; een interval met en-dash."""
    assert formaat.procent(30.24) == "30,2%"
    assert formaat.procent(-4.75) == "-4,8%"
    assert formaat.aandeel(0.25) == "25%"
    assert formaat.datum("2016-03-14") == "14 maart 2016"
    assert formaat.interval((12.34, 40.06)) == "[12,3% – 40,1%]"
    assert formaat.getal(1234.5) == "1.234,5"


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        pytest.param(0.996, "meer dan 99%", id="bijna-zeker-geen-100"),
        pytest.param(0.004, "minder dan 1%", id="bijna-nooit-geen-0"),
        pytest.param(0.5, "50%", id="midden"),
        pytest.param(0.745, "75%", id="half-naar-boven"),
        pytest.param(0.735, "74%", id="afronden-naar-beneden"),
        pytest.param(0.99, "99%", id="de-rand-zelf-is-een-getal"),
        pytest.param(None, "–", id="leeg"),
    ],
)
def test_kans_is_een_heel_percentage_met_de_randen_in_woorden(waarde: float | None, tekst: str) -> None:
    """Een kans wordt een heel percentage, half naar boven afgerond; boven 99% en onder 1% in woorden, zodat 0,996
    nooit als "100%" (zeker) en 0,004 nooit als "0%" (onmogelijk) gelezen wordt."""
    assert formaat.kans(waarde) == tekst
