"""Een datum wordt nooit geraden: een getal (0, 1, -1) of een tijdstip is geen dag (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import Draai, casus


@pytest.mark.parametrize(
    ("waarde", "melding"),
    [
        pytest.param("0", "datum '0' is een getal, geen datum", id="nul"),
        pytest.param("1", "datum '1' is een getal, geen datum", id="een"),
        pytest.param("-1", "datum '-1' is een getal, geen datum", id="min-een"),
        pytest.param("2016-03-14T10:00:00", "heeft een tijd; schrijf alleen de dag", id="tijdstip"),
        pytest.param("2016-03-14T10:00:00+02:00", "heeft een tijd; schrijf alleen de dag", id="tijdzone"),
        pytest.param("'14-03-2016'", "verwacht een datum als JJJJ-MM-DD", id="andere-volgorde"),
        pytest.param("'2016-03-14 10:00'", "heeft een tijd; schrijf alleen de dag", id="tijd-als-tekst"),
    ],
)
def test_een_datum_die_geen_dag_is_wordt_geweigerd(
    waarde: str, melding: str, tarieven: Path, tmp_path: Path, draai: Draai
) -> None:
    """`controleer` weigert de casus met de regel en het veld datum, en rekent niet met 1970 of een afgekapte dag."""
    tekst = yaml.safe_dump(casus(id="D", datum="X"), allow_unicode=True).replace("datum: X", f"datum: {waarde}")
    pad = tmp_path / "d.yaml"
    pad.write_text(tekst, encoding="utf-8")
    uit = draai("controleer", str(pad), "--tarieven", str(tarieven))
    assert uit.returncode == 1
    assert melding in uit.stderr
    assert "datum" in uit.stderr


def test_een_gewone_datum_blijft_werken(tarieven: Path, tmp_path: Path, draai: Draai) -> None:
    """2016-03-14 zonder aanhalingstekens en '2016-03-14' als tekst zijn allebei goed."""
    for i, waarde in enumerate(("2016-03-14", "'2016-03-14'")):
        tekst = yaml.safe_dump(casus(id=f"D{i}", datum="X"), allow_unicode=True).replace("datum: X", f"datum: {waarde}")
        (tmp_path / f"d{i}.yaml").write_text(tekst, encoding="utf-8")
    uit = draai("controleer", str(tmp_path), "--tarieven", str(tarieven))
    assert uit.returncode == 0, uit.stderr
