"""De eigen tag-bepaling van de YAML-lezer geeft dezelfde typen als PyYAML's eigen `CSafeLoader`."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casuskosten.invoer import yamlbron

SCALAIREN = st.text(alphabet="0123456789abcdefnotyrulsNOTYRULSE.:-+_~x ", min_size=0, max_size=12)


def _tags(tekst: str, lader: type) -> list[str]:
    knoop = yaml.compose(tekst, Loader=lader)
    return [v.tag for _, v in knoop.value]


@settings(max_examples=300, deadline=None)
@given(st.lists(SCALAIREN, min_size=1, max_size=5))
def test_zelfde_tags_als_pyyaml(waarden: list[str]) -> None:
    """Voor elke gewone waarde (getal, datum, ja/nee-woorden, null, tekst) kiest de snelle lezer dezelfde tag."""
    regels = "".join(f"k{i}: {w.strip() or chr(39) * 2}\n" for i, w in enumerate(waarden))
    try:
        verwacht = _tags(regels, yamlbron._VeiligeLader)
    except yaml.YAMLError:
        return  # geen geldige YAML: dan doet de vergelijking er niet toe
    assert _tags(regels, yamlbron._Loader) == verwacht


def test_bekende_gevallen() -> None:
    """ja/nee blijven tekst; yes/no, getallen, datums en null worden herkend zoals in PyYAML."""
    tekst = "a: ja\nb: nee\nc: yes\nd: 12\ne: 1.5\nf: 2016-03-14\ng: ~\nh: '12'\n"
    tags = [t.rsplit(":", 1)[1] for t in _tags(tekst, yamlbron._Loader)]
    assert tags == ["str", "str", "bool", "int", "float", "timestamp", "null", "str"]
