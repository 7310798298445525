"""Een casus als YAML schrijven (de casussessie): vaste volgorde, en de lezer leest precies terug wat er stond."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casuskosten.invoer.casussen import CONCEPT_TEKST, lees_casus, lees_en_controleer_bytes
from casuskosten.invoer.modellen import DOELEN, Casus
from casuskosten.invoer.schrijven import als_gegevens, casus_yaml, scalair
from casuskosten.invoer.yamlbron import INVULTEKST
from tests.conftest import PROJECT

CASUSSEN = sorted((PROJECT / "casussen").rglob("*.yaml"))


def _terug(tekst: str) -> Casus:
    gelezen = lees_en_controleer_bytes(tekst.encode("utf-8"), "sessie.yaml", None)
    assert gelezen.casus is not None, [str(m) for m in gelezen.meldingen]
    return gelezen.casus.casus


def _minimaal(**anders: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "ABC-01",
        "gemeente": "Rotterdam",
        "datum": dt.date(2016, 3, 14),
        "zekerheid": "middel",
        "situatie": "Een huishouden met schulden.",
        "trajecten": {
            "voor_2015": {"inzet": [{"tarief": "hbh_uur", "aantal": 2, "per": "week"}]},
            "sociaal_team": {"inzet": [{"tarief": "wijkteam_uur", "aantal": 6}]},
        },
        "doelen": dict.fromkeys(DOELEN, "ja"),
    }
    data.update(anders)
    return data


@pytest.mark.parametrize("pad", CASUSSEN, ids=lambda p: p.name)
def test_elke_meegeleverde_casus_komt_ongewijzigd_terug(pad: Path) -> None:
    """Lezen, schrijven en weer lezen geeft dezelfde casus, voor elk meegeleverd bestand."""
    casus = lees_casus(pad).casus
    assert _terug(casus_yaml(als_gegevens(casus))) == casus


def test_schrijven_is_stabiel() -> None:
    """Twee keer schrijven geeft dezelfde bytes, en de sleutels staan in de volgorde van het casusformaat."""
    casus = lees_casus(PROJECT / "casussen/rotterdam/rtd-01.yaml").casus
    tekst = casus_yaml(als_gegevens(casus))
    assert casus_yaml(als_gegevens(_terug(tekst))) == tekst
    sleutels = [r.split(":")[0] for r in tekst.splitlines() if r and not r.startswith(" ")]
    assert sleutels == [
        "id",
        "gemeente",
        "team",
        "teammodel",
        "ingebracht_door",
        "datum",
        "horizon_maanden",
        "zekerheid",
        "onderbouwing",
        "leefgebieden",
        "zwaarte",
        "situatie",
        "trajecten",
        "doelen",
    ]


@pytest.mark.parametrize(
    ("waarde", "yaml"),
    [
        pytest.param("Rotterdam", "Rotterdam", id="gewone-tekst-kaal"),
        pytest.param("0012", '"0012"', id="cijfers-als-tekst-tussen-aanhalingstekens"),
        pytest.param("'s-Hertogenbosch", '"\'s-Hertogenbosch"', id="apostrof-vooraan"),
        pytest.param("yes", '"yes"', id="yaml-ja-woord"),
        pytest.param("Off", '"Off"', id="yaml-uit-woord"),
        pytest.param("ja", "ja", id="oordeel-ja-is-gewoon-tekst"),
        pytest.param("let op: schulden", '"let op: schulden"', id="dubbele-punt-spatie"),
        pytest.param("zie #3", '"zie #3"', id="hekje"),
        pytest.param("6 maanden", "6 maanden", id="duur-kaal"),
        pytest.param(2.0, "2", id="heel-getal"),
        pytest.param(0.35, "0.35", id="kans"),
        pytest.param(1e-05, "0.00001", id="klein-getal-met-punt-niet-e-notatie"),
        pytest.param(dt.date(2016, 3, 14), "2016-03-14", id="datum"),
        pytest.param(True, "true", id="ja-nee"),
    ],
)
def test_een_waarde_wordt_geschreven_zoals_de_lezer_haar_terugleest(waarde: object, yaml: str) -> None:
    """Elke scalair zoals met de hand bedacht; kaal alleen waar de lezer er niets anders van kan maken."""
    assert scalair(waarde) == yaml


def test_tekst_over_meer_regels_wordt_een_letterlijk_blok() -> None:
    """Een situatie over twee regels staat als `situatie: |-` met ingesprongen regels."""
    tekst = casus_yaml(_minimaal(situatie="Eerste regel.\nTweede regel."))
    assert "situatie: |-\n  Eerste regel.\n  Tweede regel.\n" in tekst
    assert _terug(tekst).situatie == "Eerste regel.\nTweede regel."


def test_gebeurtenissen_staan_op_de_tijdlijn_van_een_traject() -> None:
    """Een gebeurtenis (maand en tekst) hoort bij een traject en komt terug zoals geschreven."""
    data = _minimaal()
    data["trajecten"]["voor_2015"]["gebeurtenissen"] = [{"maand": 3, "tekst": "Huisuitzetting dreigt"}]
    tekst = casus_yaml(data)
    assert "    gebeurtenissen:\n      - maand: 3\n        tekst: Huisuitzetting dreigt\n" in tekst
    gebeurtenis = _terug(tekst).trajecten.voor_2015.gebeurtenissen[0]
    assert (gebeurtenis.maand, gebeurtenis.tekst) == (3, "Huisuitzetting dreigt")


def test_een_concept_wordt_geweigerd_als_concept_met_zijn_andere_fouten() -> None:
    """`concept: true` staat bovenaan in de meldingen, daarna wat er nog mis is; een concept telt nooit mee."""
    data = _minimaal(concept=True, zekerheid="misschien")
    gelezen = lees_en_controleer_bytes(casus_yaml(data).encode(), "concept.yaml", None)
    assert gelezen.casus is None
    eerste, *rest = gelezen.meldingen
    assert (eerste.regel, eerste.veld, eerste.tekst) == (1, "concept", CONCEPT_TEKST)
    assert [m.veld for m in rest] == ["zekerheid"]
    # ook een concept zonder andere fouten telt niet mee
    assert lees_en_controleer_bytes(casus_yaml(_minimaal(concept=True)).encode(), "c.yaml", None).casus is None
    # `concept: false` is een gewone casus
    assert _terug(casus_yaml(_minimaal(concept=False))).concept is False


# zonder de invultekst van `nieuw`: die wordt bewust geweigerd (nog niet ingevuld), en Hypothesis voegt tekst uit de
# broncode zelf (zoals '<VUL IN') in zijn voorbeelden in
_TEKST = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t.strip() and INVULTEKST not in t)


@settings(max_examples=300, deadline=None)
@given(
    gemeente=_TEKST,
    situatie=st.lists(_TEKST, min_size=1, max_size=4).map("\n".join),
    toelichting=_TEKST,
    aantal=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    kans=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_willekeurige_tekst_en_getallen_komen_precies_terug(
    gemeente: str, situatie: str, toelichting: str, aantal: float, kans: float
) -> None:
    """Welke tekst of welk getal een deelnemer ook typt: het bestand geeft precies die waarde terug."""
    inzet = {"tarief": "hbh_uur", "aantal": aantal, "kans": kans, "toelichting": toelichting}
    data = _minimaal(gemeente=gemeente, situatie=situatie)
    data["trajecten"]["voor_2015"]["inzet"] = [inzet]
    casus = _terug(casus_yaml(data))
    assert casus.gemeente == gemeente
    assert casus.situatie == situatie
    [terug] = casus.trajecten.voor_2015.inzet
    assert (terug.aantal, terug.kans, terug.toelichting) == (aantal, kans, toelichting)
