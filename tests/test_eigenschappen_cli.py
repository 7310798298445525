"""Eigenschapstest over de opdrachtregel: welke vijandige casus- en tariefmap hypothesis ook maakt, `bereken`,
`controleer`, `export` en `rapport` eindigen met code 0 of 1, tonen nooit een traceback en schrijven bij code 1
geen uitvoerbestand.

De CLI draait in hetzelfde proces (`draai_in_proces`, via `casuskosten.cli.main`) voor de snelheid; een onverwachte
uitzondering komt dan gewoon naar boven en laat de test falen, net zoals een traceback in een apart proces.
"""

from __future__ import annotations

import contextlib
import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PRIJSINDEX_CSV, TARIEVEN_CSV, casus, draai_in_proces

GELDIG = casus(
    voor=[{"tarief": "hulp", "aantal": 2, "per": "week", "duur": "6 maanden"}, {"tarief": "zwaar", "aantal": 3}],
    team=[{"tarief": "maatje", "aantal": 1, "per": "maand", "kans": 0.5}],
)

# waarden die een gebruiker (of een kapot programma) op elke plek kan zetten
RARE_TEKST = st.text(
    alphabet=st.sampled_from(
        [*"aZ09 :-_.,'\"#&*!%@`{}[]|>\\\t\n", "\u00a0", "\u200b", "\u202e", "\u2028", "\x85", "\x1b", "é", "€"]
    ),
    max_size=20,
)
WAARDEN: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        RARE_TEKST,
        st.sampled_from(["012", "1:30", "0x1F", "1_000", "2016-02-30", "ja", "yes", "hulp", "<VUL IN>"]),
    ),
    lambda kind: st.lists(kind, max_size=3) | st.dictionaries(st.sampled_from(["a", "id", "tarief"]), kind, max_size=3),
    max_leaves=6,
)
PADEN = [
    ("id",),
    ("gemeente",),
    ("datum",),
    ("zekerheid",),
    ("horizon_maanden",),
    ("prijspeil",),
    ("situatie",),
    ("leefgebieden",),
    ("trajecten",),
    ("trajecten", "voor_2015"),
    ("trajecten", "voor_2015", "inzet"),
    ("trajecten", "voor_2015", "inzet", 0, "tarief"),
    ("trajecten", "voor_2015", "inzet", 0, "aantal"),
    ("trajecten", "voor_2015", "inzet", 0, "per"),
    ("trajecten", "voor_2015", "inzet", 0, "duur"),
    ("trajecten", "voor_2015", "inzet", 1, "vanaf_maand"),
    ("trajecten", "sociaal_team", "inzet", 0, "kans"),
    ("doelen",),
    ("doelen", "integrale_aanpak"),
]


def _zet(data: dict[str, Any], pad: tuple[str | int, ...], waarde: Any, weg: bool) -> None:
    """Zet of verwijder de waarde op `pad`; niets als een eerdere verandering het pad al heeft weggehaald."""
    doel: Any = data
    with contextlib.suppress(KeyError, IndexError, TypeError):
        for deel in pad[:-1]:
            doel = doel[deel]
        if weg:
            del doel[pad[-1]]
        else:
            doel[pad[-1]] = waarde


@st.composite
def casusbestand(draw: st.DrawFn) -> bytes:
    """Een geldige casus met een paar veranderingen in de gegevens en daarna in de tekst of de bytes."""
    data = copy.deepcopy(GELDIG)
    data["id"] = draw(st.sampled_from(["T-01", "T-02", "T-03", "0012", "T-04", "T-05"]))
    data["gemeente"] = draw(st.sampled_from(["Beta", "Alfa", "beta"]))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        _zet(data, draw(st.sampled_from(PADEN)), draw(WAARDEN), draw(st.booleans()))
    tekst = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    soort = draw(st.sampled_from(["gewoon"] * 6 + ["tag", "anker", "invoegen", "afkappen", "bytes", "leeg", "lijst"]))
    if soort == "tag":
        tekst = tekst.replace(": ", f": {draw(st.sampled_from(['!!int', '!!str', '!!bool', '!!timestamp', '!x']))} ", 1)
    elif soort == "anker":
        tekst = tekst.replace("situatie: ", "situatie: &a ", 1) + draw(st.sampled_from(["", "team: *a\n"]))
    elif soort == "invoegen":
        plek = draw(st.integers(0, len(tekst)))
        tekst = tekst[:plek] + draw(RARE_TEKST) + tekst[plek:]
    elif soort == "afkappen":
        tekst = tekst[: draw(st.integers(0, len(tekst)))]
    elif soort == "leeg":
        tekst = ""
    elif soort == "lijst":
        tekst = "- " + "\n  ".join(tekst.splitlines()) + "\n"
    inhoud = tekst.encode("utf-8")
    if soort == "bytes":
        inhoud = draw(st.sampled_from([b"", b"\xff\xfe", b"\x00", inhoud[:40]])) + draw(st.binary(max_size=30))
    return inhoud


@st.composite
def tariefmap(draw: st.DrawFn) -> dict[str, bytes]:
    """De test-tarieftabel en prijsindex, met kapotte cellen, rijen of bytes."""
    regels = TARIEVEN_CSV.splitlines()
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        i = draw(st.integers(1, len(regels) - 1))
        cellen = regels[i].split(",")
        soort = draw(st.sampled_from(["cel", "weg", "extra"]))
        if soort == "cel":
            cellen[draw(st.integers(0, len(cellen) - 1))] = draw(
                st.sampled_from(["", "x", "-1", "1e400", "nan", "1,234.56", "=1+1", "2017,121", "99999999999"])
            )
            regels[i] = ",".join(cellen)
        elif soort == "weg":
            del regels[i]
        else:
            regels[i] += ",extra"
    bestanden = {"test.csv": ("\n".join(regels) + "\n").encode(), "prijsindex.csv": PRIJSINDEX_CSV.encode()}
    kapot = draw(st.sampled_from([None] * 6 + ["test.csv", "prijsindex.csv"]))
    if kapot is not None:
        bestanden[kapot] = draw(st.sampled_from([b"", b"\x00\x01", b"jaar,index\n20170101,1\n", b"\xff\xfe1"]))
    return bestanden


OPDRACHTEN = [
    ("bereken", None),
    ("bereken --json --uit {uit}/uit.json", "uit.json"),
    ("controleer", None),
    ("export --formaat xlsx --uit {uit}/uit.xlsx", "uit.xlsx"),
    ("export --formaat csv --uit {uit}/tabellen", "tabellen"),
    ("rapport --formaat html --uit {uit}/rapporten", "rapporten"),
]


def _draai(argv: list[str]) -> tuple[int, str]:
    uit = draai_in_proces(*argv)
    return uit.returncode, uit.stdout + uit.stderr


@pytest.mark.traag
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    casussen=st.lists(casusbestand(), min_size=0, max_size=3),
    tarieven=tariefmap(),
    opdracht=st.sampled_from(OPDRACHTEN),
    sla_over=st.booleans(),
)
def test_cli_op_vijandige_mappen(
    casussen: list[bytes], tarieven: dict[str, bytes], opdracht: tuple[str, str | None], sla_over: bool
) -> None:
    """Code 0 of 1, nooit een traceback, en bij code 1 geen uitvoerbestand."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "casussen").mkdir()
        (root / "tarieven").mkdir()
        (root / "uit").mkdir()
        for i, inhoud in enumerate(casussen):
            (root / "casussen" / f"c{i}.yaml").write_bytes(inhoud)
        for naam, inhoud in tarieven.items():
            (root / "tarieven" / naam).write_bytes(inhoud)
        woorden, uitvoer = opdracht
        argv = [*woorden.format(uit=root / "uit").split(), str(root / "casussen"), "--tarieven", str(root / "tarieven")]
        if sla_over and woorden.split()[0] != "controleer":
            argv.append("--sla-ongeldige-over")
        code, tekst = _draai(argv)
        assert code in (0, 1), tekst
        assert "Traceback" not in tekst
        if code == 1 and uitvoer is not None:
            assert list((root / "uit").iterdir()) == [], tekst
