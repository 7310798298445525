"""De eigen tag-bepaling van de YAML-lezer: dezelfde waarden als PyYAML, behalve de vormen die YAML 1.1 en 1.2
verschillend lezen; die worden nooit stil omgezet."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casuskosten.fouten import InvoerFout
from casuskosten.invoer import yamlbron
from casuskosten.invoer.yamlbron import lees_yaml_tekst

SCALAIREN = st.text(alphabet="0123456789abcdefnotyrulsNOTYRULSE.:-+_~x ", min_size=0, max_size=12)


def _tags(tekst: str, lader: type) -> list[str]:
    knoop = yaml.compose(tekst, Loader=lader)
    return [v.tag for _, v in knoop.value]


def _gelijk(ons: Any, pyyaml: Any) -> bool:
    if isinstance(ons, float) and isinstance(pyyaml, str):
        return float(pyyaml) == ons  # `1e3`: YAML 1.2 een getal, PyYAML (1.1) tekst; dezelfde waarde
    if isinstance(ons, float) and isinstance(pyyaml, float) and math.isnan(ons):
        return math.isnan(pyyaml)
    return type(ons) is type(pyyaml) and bool(ons == pyyaml)


@settings(max_examples=300, deadline=None)
@given(st.lists(SCALAIREN, min_size=1, max_size=5))
def test_zelfde_waarden_als_pyyaml_of_dubbelzinnig(waarden: list[str]) -> None:
    """Elke gewone waarde wordt gelezen als PyYAML hem leest, of als dubbelzinnig gemarkeerd en als tekst bewaard."""
    regels = "".join(f"k{i}: {w.strip() or chr(39) * 2}\n" for i, w in enumerate(waarden))
    try:
        verwacht = yaml.load(regels, Loader=yamlbron._VeiligeLader)
    except yaml.YAMLError:
        return  # geen geldige YAML: dan doet de vergelijking er niet toe
    except ValueError:
        # PyYAML zelf struikelt (`0b_` wordt int('', 2)): wij lezen zo'n waarde zonder fout, als dubbelzinnig
        omzetter = yamlbron._zet_om(regels, "t.yaml")
        for i, w in enumerate(waarden):
            try:
                yaml.load(f"k: {w.strip() or chr(39) * 2}\n", Loader=yamlbron._VeiligeLader)
            except ValueError:
                assert (f"k{i}",) in omzetter.dubbelzinnig, w
        return
    omzetter = yamlbron._zet_om(regels, "t.yaml")
    for sleutel, ons in omzetter.data.items():
        if (sleutel,) in omzetter.dubbelzinnig:
            assert isinstance(verwacht[sleutel], int | float | str)
            assert ons == regels.split(f"{sleutel}: ", 1)[1].split("\n", 1)[0]
        else:
            assert _gelijk(ons, verwacht[sleutel]), (sleutel, ons, verwacht[sleutel])


def test_bekende_gevallen() -> None:
    """ja/nee blijven tekst; yes/no, getallen, datums en null worden herkend; 012 en 1:30 zijn dubbelzinnig."""
    tekst = "a: ja\nb: nee\nc: yes\nd: 12\ne: 1.5\nf: 2016-03-14\ng: ~\nh: '12'\ni: 012\nj: 1:30\n"
    tags = [t.rsplit(":", 1)[1] for t in _tags(tekst, yamlbron._Loader)]
    assert tags == ["str", "str", "bool", "int", "float", "timestamp", "null", "str", "dubbelzinnig", "dubbelzinnig"]


def test_een_leeg_binair_of_hex_getal_is_dubbelzinnig_waar_pyyaml_crasht() -> None:
    """`0b_` en `0x_` laten PyYAML crashen (ValueError, gevonden door de eigenschapstest hierboven); wij lezen ze
    zonder fout, als tekst, gemarkeerd als dubbelzinnig (de lezer meldt ze dan met regel en veld)."""
    omzetter = yamlbron._zet_om("a: 0b_\nb: 0x_\n", "t.yaml")
    assert omzetter.data == {"a": "0b_", "b": "0x_"}
    assert {("a",), ("b",)} <= omzetter.dubbelzinnig


def test_een_getal_met_streepje_dat_met_een_punt_begint_is_dubbelzinnig() -> None:
    """`.0_` leest oudere YAML (PyYAML) als 0.0: dubbelzinnig gemarkeerd en als tekst bewaard, nooit stil 0.0;
    `._` is in beide gewoon tekst (gevonden door de eigenschapstest hierboven)."""
    omzetter = yamlbron._zet_om("a: .0_\nb: ._\n", "t.yaml")
    assert omzetter.data == {"a": ".0_", "b": "._"}
    assert ("a",) in omzetter.dubbelzinnig
    assert ("b",) not in omzetter.dubbelzinnig


@pytest.mark.parametrize(
    ("tekst", "regel", "uitleg"),
    [
        pytest.param(
            "id: A\nzekerheid: hoog\n  situatie: tekst\n",
            3,
            "deze regel springt 2 spaties verder in dan de regel erboven; zet 'situatie' precies onder 'zekerheid'",
            id="twee-spaties-te-ver",
        ),
        pytest.param(
            "id: A\nzekerheid: hoog\n# opmerking\n\n situatie: tekst\n",
            5,
            "deze regel springt 1 spatie verder in dan 'zekerheid' op regel 2; zet 'situatie' precies onder "
            "'zekerheid'",
            id="met-opmerking-ertussen",
        ),
        pytest.param(
            "doelen:\n    integrale_aanpak: ja\n    zelfredzaamheid: ja\n  preventie_escalatie: nee\n",
            4,
            "deze regel springt 2 spaties minder ver in dan de regel erboven; zet 'preventie_escalatie' precies "
            "onder 'zelfredzaamheid'",
            id="twee-spaties-terug",
        ),
        pytest.param(
            "situatie: Mevrouw zegt\n  dat het: wel gaat\n",
            2,
            "dubbele punt op een onverwachte plaats (zet tekst met ': ' tussen aanhalingstekens)",
            id="dubbele-punt-in-vervolgregel-blijft-aanhalingstekens",
        ),
        pytest.param(
            "situatie: Mevrouw zegt: het gaat wel\n",
            1,
            "dubbele punt op een onverwachte plaats (zet tekst met ': ' tussen aanhalingstekens)",
            id="dubbele-punt-in-tekst",
        ),
    ],
)
def test_inspringfout_noemt_oorzaak_en_oplossing(tekst: str, regel: int, uitleg: str) -> None:
    """Een sleutel die anders inspringt: hoeveel spaties, onder welke sleutel; tekst met ': ' houdt de quotes-raad."""
    with pytest.raises(InvoerFout) as fout:
        lees_yaml_tekst(tekst, "casus.yaml")
    [melding] = fout.value.meldingen
    assert (melding.regel, melding.tekst.split(" (sleutels van")[0]) == (regel, f"YAML-syntaxfout: {uitleg}")
