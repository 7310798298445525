"""Het JSON Schema en de tool zijn het eens over de vorm van een casus.

Eigenschapstest: hypothesis verandert geldige meegeleverde casussen (velden weg, verkeerde typen, extra sleutels,
een duur zonder per, varianten van kans, datum en duur). Elke variant wordt als YAML geschreven en gelezen zoals
de README het beschrijft: door de tool (`lees_casus`) en door `jsonschema` op `lees_casus_voor_schema`. Beide
moeten hetzelfde oordeel geven.

Alleen de tool controleert (en dus buiten deze vergelijking):
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casuskosten.fouten import InvoerFout
from casuskosten.invoer.casussen import controleer_casus, lees_casus, lees_casus_voor_schema
from casuskosten.invoer.schema import casus_schema
from casuskosten.invoer.tarieven import laad_tarieven
from tests.conftest import PROJECT

#: de regels die alleen de tool controleert; het schema kan ze niet (of niet helemaal) uitdrukken
ALLEEN_DE_TOOL = (
    "de tariefcode bestaat voor het tariefjaar (het schema met codes kent geen jaren; hier: zonder codes)",
    "vanaf_maand ligt binnen horizon_maanden (controleer)",
    "vanaf_maand plus duur loopt niet voorbij horizon_maanden (controleer)",
    "geen invultekst '<VUL IN ...>' meer (lees_casus)",
    "geen persoonsgegevens in vrije tekst (controleer)",
    "elke id komt één keer voor over alle bestanden (controleer, bereken)",
    "YAML-veiligheid: geen ankers, tags, dubbele sleutels, te grote of te diepe bestanden (de lezer, vóór beide)",
    "een gemeentenaam met harde spatie of typografische apostrof is dezelfde gemeente (schema: alleen hoofdletters)",
)
__doc__ = (__doc__ or "") + "".join(f"\n- {regel}" for regel in ALLEEN_DE_TOOL)

CASUSSEN = sorted((PROJECT / "casussen").rglob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(
    casus_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

WAARDEN: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2.5,
    1e10,
    float("inf"),
    "",
    "   ",
    "tekst",
    "0.5",
    "12",
    "ja",
    "week",
    "6 maanden",
    "2016-03-14",
    dt.date(2016, 3, 14),
    [],
    ["x"],
    ["financien"],
    {},
    {"oordeel": "ja"},
    {"a": 1},
]
KANSEN: list[Any] = [0, 1, 0.5, 1e-3, "0.5", " 0.5 ", "1", "50%", "0,5", 1.5, -0.1, True, None, float("nan")]
DATUMS: list[Any] = [
    "2016-03-14",
    dt.date(2016, 3, 14),
    "2016-3-14",
    "2016-02-30",
    "14-03-2016",
    20160314,
    0,
    dt.datetime(2016, 3, 14, 10, 0),
    "2016-03-14T10:00:00",
    "",
    None,
]
DUREN: list[Any] = [
    "6 maanden",
    "6 Maanden",
    "1,5 jaar",
    "0.5 kwartaal",
    "10weken",
    "0 weken",
    ".5 jaar",
    "zes maanden",
    "6 eeuwen",
    6,
    "",
    None,
]


def _paden(data: Any, pad: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Elk pad naar een waarde in het document (niet de wortel)."""
    uit = [pad] if pad else []
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            uit += _paden(waarde, (*pad, sleutel))
    elif isinstance(data, list):
        for i, waarde in enumerate(data):
            uit += _paden(waarde, (*pad, i))
    return uit


def _ouder(data: Any, pad: tuple[Any, ...]) -> Any:
    for deel in pad[:-1]:
        data = data[deel]
    return data


def _inzetregels(data: dict[str, Any]) -> list[dict[str, Any]]:
    """De inzetregels die (na eerdere veranderingen) nog mappings in een lijst in een traject zijn."""
    trajecten = data.get("trajecten")
    if not isinstance(trajecten, dict):
        return []
    lijsten = [t.get("inzet") for t in trajecten.values() if isinstance(t, dict)]
    return [r for lijst in lijsten if isinstance(lijst, list) for r in lijst if isinstance(r, dict)]


@st.composite
def varianten(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """Een meegeleverde casus met één tot drie veranderingen, en welke (voor de foutmelding van de test)."""
    pad = draw(st.sampled_from(CASUSSEN))
    data: dict[str, Any] = copy.deepcopy(_BASIS[pad])
    gedaan = [pad.name]
    for _ in range(draw(st.integers(1, 3))):
        soort = draw(st.sampled_from(["weg", "waarde", "extra", "duur_zonder_per", "kans", "datum", "duur"]))
        regels = _inzetregels(data)
        if soort in ("weg", "waarde", "extra"):
            paden = _paden(data)
            doel = draw(st.sampled_from(paden))
            ouder = _ouder(data, doel)
            if soort == "weg":
                del ouder[doel[-1]]
            elif soort == "waarde":
                ouder[doel[-1]] = draw(st.sampled_from(WAARDEN))
            else:
                mappings = [p for p in [(), *paden] if isinstance(_ouder(data, (*p, None)), dict)]
                plek = _ouder(data, (*draw(st.sampled_from(mappings)), None))
                plek[draw(st.sampled_from(["extra", "Tarief", "situatei", "oordeel", "per"]))] = draw(
                    st.sampled_from(WAARDEN)
                )
                doel = ("extra",)
        elif soort == "duur_zonder_per":
            met_duur = [r for r in regels if "duur" in r]
            if not met_duur:
                continue
            regel = draw(st.sampled_from(met_duur))
            if draw(st.booleans()):
                regel.pop("per", None)
            else:
                regel["per"] = None
            doel = ("per",)
        elif soort in ("kans", "duur"):
            if not regels:
                continue
            draw(st.sampled_from(regels))[soort] = draw(st.sampled_from(KANSEN if soort == "kans" else DUREN))
            doel = (soort,)
        else:
            data["datum"] = draw(st.sampled_from(DATUMS))
            doel = ("datum",)
        gedaan.append(f"{soort} {'.'.join(map(str, doel))}")
    return data, gedaan


def _basis() -> dict[Path, dict[str, Any]]:
    uit = {}
    for pad in CASUSSEN:
        data = lees_casus_voor_schema(pad)
        assert isinstance(data, dict)
        uit[pad] = data
    return uit


_BASIS = _basis()


def _oordelen(data: dict[str, Any], map_: Path) -> tuple[bool, bool, str]:
    """(tool keurt goed, schema keurt goed, uitleg) voor één document, geschreven als YAML."""
    bestand = map_ / "casus.yaml"
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        lees_casus(bestand)
        tool, tool_uitleg = True, ""
    except InvoerFout as fout:
        tool, tool_uitleg = False, "; ".join(f"{m.veld}: {m.tekst}" for m in fout.meldingen)
    try:
        fouten = list(VALIDATOR.iter_errors(lees_casus_voor_schema(bestand)))
    except InvoerFout:
        fouten = [jsonschema.ValidationError("YAML-fout")]
    schema_uitleg = "; ".join(f"{list(f.absolute_path)}: {f.message}" for f in fouten[:3])
    return tool, not fouten, f"tool: {tool_uitleg or 'goed'} | schema: {schema_uitleg or 'goed'}"


def test_elke_meegeleverde_casus_voldoet_aan_het_schema_zoals_de_readme_leest() -> None:
    """Alle 26 meegeleverde casussen, gelezen met `lees_casus_voor_schema`, voldoen aan het schema (ook `format`)."""
    assert len(CASUSSEN) == 26
    for pad in CASUSSEN:
        fouten = list(VALIDATOR.iter_errors(lees_casus_voor_schema(pad)))
        assert fouten == [], f"{pad}: {fouten[0].message if fouten else ''}"


@pytest.mark.traag
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(varianten())
def test_schema_en_tool_geven_hetzelfde_oordeel_over_de_vorm(variant: tuple[dict[str, Any], list[str]]) -> None:
    """Voor elke veranderde casus: het schema keurt goed precies als de tool (`lees_casus`) goedkeurt."""
    data, gedaan = variant
    with tempfile.TemporaryDirectory() as map_:
        tool, schema, uitleg = _oordelen(data, Path(map_))
    assert tool == schema, f"{gedaan}: {uitleg}"


def _eerste_inzet(data: dict[str, Any]) -> dict[str, Any]:
    regel: dict[str, Any] = data["trajecten"]["voor_2015"]["inzet"][0]
    return regel


@pytest.mark.parametrize(
    ("regel", "verandering", "waar"),
    [
        pytest.param(
            "invultekst",
            lambda d: d.update(situatie="<VUL IN: de situatie>"),
            "lees",
            id="invultekst",
        ),
        pytest.param(
            "vanaf_maand binnen de horizon",
            lambda d: _eerste_inzet(d).update(vanaf_maand=d.get("horizon_maanden", 12)),
            "controleer",
            id="vanaf-maand-buiten-horizon",
        ),
        pytest.param(
            "duur binnen de horizon",
            lambda d: _eerste_inzet(d).update(per="week", duur="20 jaar"),
            "controleer",
            id="duur-voorbij-horizon",
        ),
        pytest.param(
            "tariefcode bestaat",
            lambda d: _eerste_inzet(d).update(tarief="hbh_uuur"),
            "controleer",
            id="onbekende-code",
        ),
    ],
)
def test_regels_die_alleen_de_tool_kent_staan_in_de_lijst(regel: str, verandering: Any, waar: str) -> None:
    """Wat de lijst `ALLEEN_DE_TOOL` noemt, keurt het vormschema goed en weigert de tool echt."""
    data = copy.deepcopy(_BASIS[CASUSSEN[0]])
    verandering(data)
    assert VALIDATOR.is_valid(data), regel
    with tempfile.TemporaryDirectory() as map_:
        bestand = Path(map_) / "casus.yaml"
        bestand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if waar == "lees":
            with pytest.raises(InvoerFout):
                lees_casus(bestand)
        else:
            assert controleer_casus(lees_casus(bestand), laad_tarieven(PROJECT / "tarieven")) != []


def _readme_blok() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    sectie = readme.split("### Een casus controleren tegen het schema", 1)[1].split("\n## ", 1)[0]
    blok = re.search(r"```python\n(.*?)```", sectie, re.DOTALL)
    assert blok is not None
    return blok.group(1)


def test_readme_valideren_vanuit_python_draait(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Het codeblok in de README meldt niets bij een goede casus en de fout bij een casus met kans als tekst."""
    monkeypatch.chdir(PROJECT)
    exec(compile(_readme_blok(), "README.md", "exec"), {})
    assert capsys.readouterr().out == ""
    fout = tmp_path / "kans-als-tekst.yaml"
    bron = (PROJECT / "casussen/rotterdam/rtd-01.yaml").read_text(encoding="utf-8")
    assert "kans: 0.5\n" in bron
    fout.write_text(bron.replace("kans: 0.5\n", "kans: '0.5'\n", 1), encoding="utf-8")
    exec(compile(_readme_blok().replace("casussen/rotterdam/rtd-01.yaml", str(fout)), "README.md", "exec"), {})
    assert "is not of type 'number'" in capsys.readouterr().out
