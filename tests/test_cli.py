"""De opdrachtregel: exitcodes, JSON-vorm, Nederlandse hulp en fouten zonder traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, Draai, casus, draai_in_proces, draai_proces


def _opdrachten() -> list[str]:
    from casuskosten.cli import opdrachtnamen

    return opdrachtnamen()


OPDRACHTEN = _opdrachten()

# voor `from tests.test_cli import draai` (van voor de fixture `draai` in conftest): dezelfde aanroep in het proces
draai = draai_in_proces


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        pytest.param(["bereken", "--foo"], "onbekende optie '--foo'", id="onbekende-optie"),
        pytest.param(
            ["bereken", "--prijspeil", "abc"],
            "ongeldige waarde voor --prijspeil: verwacht een geheel getal",
            id="geen-getal",
        ),
        pytest.param(["nieuw"], "--gemeente ontbreekt", id="verplichte-optie"),
        pytest.param(["berekne"], "onbekende opdracht 'berekne'; bedoelde u 'bereken'?", id="verschreven-opdracht"),
    ],
)
def test_fout_in_de_aanroep_is_nederlands_met_exitcode_1(draai: Draai, args: list[str], verwacht: str) -> None:
    """Een verkeerde aanroep geeft een Nederlandse melding, exitcode 1 en geen traceback."""
    uit = draai(*args)
    assert uit.returncode == 1
    assert verwacht in uit.stderr
    assert "Traceback" not in uit.stderr


def test_hulp_is_nederlands(draai: Draai) -> None:
    """Ook de vaste teksten van de hulp zijn Nederlands."""
    uit = draai("bereken", "--help")
    assert "Gebruik: casuskosten bereken [OPTIES]" in uit.stdout
    assert "Toon deze hulp en stop." in uit.stdout
    assert "Show this message" not in uit.stdout


def test_versie(draai: Draai) -> None:
    """`--version` toont de versie en stopt met code 0."""
    uit = draai("--version")
    assert uit.returncode == 0
    assert uit.stdout.startswith("casuskosten 0.")


# Python-typenamen die typer anders in de hulp zet: <list[Path]>, <bool>, <path>, <int>, <str>, {bestanden}
PYTHON_TYPEN = re.compile(r"<(?:list\[|bool|str|int|float|path|Path|datetime)[^>]*>|\{[a-z_]+\}|list\[")


@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_elke_opdracht_heeft_nederlandse_hulp_met_voorbeeld(draai: Draai, opdracht: str) -> None:
    """`--help` van elke opdracht geeft een Nederlandse uitleg met een voorbeeld en geen Python-typenamen."""
    uit = draai(opdracht, "--help")
    assert uit.returncode == 0
    assert "Voorbeeld: casuskosten " + opdracht in uit.stdout
    assert "Opties" in uit.stdout
    assert PYTHON_TYPEN.findall(uit.stdout) == []


@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_elke_opdracht_staat_in_de_readme(opdracht: str) -> None:
    """Elke opdracht is gedocumenteerd in de README."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"casuskosten {opdracht}" in readme


def test_bereken_json_heeft_de_afgesproken_vorm(draai: Draai) -> None:
    """`bereken --json` op de meegeleverde casussen geeft prijspeil, casussen, gemeenten en totaal."""
    uit = draai("bereken", "casussen", "--tarieven", "tarieven", "--json")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    assert set(data) >= {"prijspeil", "instellingen", "casussen", "gemeenten", "totaal"}
    assert len(data["casussen"]) >= 25
    assert len(data["gemeenten"]) >= 4
    eerste = data["casussen"][0]
    assert set(eerste) >= {
        "id",
        "gemeente",
        "bestand",
        "kosten_voor_2015",
        "kosten_sociaal_team",
        "besparing",
        "besparing_pct",
        "doelen",
        "regels",
    }
    assert set(eerste["regels"][0]) >= {"traject", "tarief", "aantal_totaal", "prijs", "kosten", "financier", "lijn"}
    gemeente = data["gemeenten"][0]
    assert set(gemeente) >= {
        "gemeente",
        "aantal_casussen",
        "kosten_voor_2015",
        "kosten_sociaal_team",
        "besparing",
        "besparing_pct",
        "besparing_pct_gemiddeld",
        "besparing_pct_mediaan",
        "aandeel_met_besparing",
        "per_financier",
        "doelen",
    }
    # de sommen kloppen met de casussen
    for g in data["gemeenten"]:
        eigen = [c for c in data["casussen"] if c["gemeente"] == g["gemeente"]]
        assert g["aantal_casussen"] == len(eigen)
        assert g["besparing"] == pytest.approx(sum(c["besparing"] for c in eigen))
    assert data["totaal"]["besparing"] == pytest.approx(sum(c["besparing"] for c in data["casussen"]))


# --- het echte commando: een apart proces, zoals een gebruiker het start ----------------------------------------
# De overige tests draaien de opdrachtregel in het proces van pytest (fixture `draai`); deze twee starten het echte
# commando en zien ook dat de aanroep in het proces precies dezelfde exitcode, stdout en stderr geeft.


def _zelfde_als_in_proces(echt: subprocess.CompletedProcess[str], *args: str) -> None:
    binnen = draai_in_proces(*args)
    assert (binnen.returncode, binnen.stdout, binnen.stderr) == (echt.returncode, echt.stdout, echt.stderr)


def test_bereken_toont_tabel_met_nederlandse_notatie(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De terminaltabel gebruikt punten voor duizendtallen en een komma voor decimalen."""
    map_ = casusmap(casus(id="G", voor=[{"tarief": "hulp", "aantal": 150}], team=[{"tarief": "hulp", "aantal": 40}]))
    args = ("bereken", str(map_), "--tarieven", str(tarieven), "--prijspeil", "2015")
    uit = draai_proces(*args)
    assert uit.returncode == 0, uit.stderr
    # 150 x 10 = 1.500; 40 x 10 = 400; besparing 1.100 = 73,3%
    assert "1.500" in uit.stdout
    assert "1.100" in uit.stdout
    assert "73,3%" in uit.stdout
    _zelfde_als_in_proces(uit, *args)


def test_ongeldige_invoer_exit_1_zonder_traceback_en_zonder_uitvoer(tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een fout geeft exitcode 1 (van het besturingssysteem gezien), een Nederlandse melding met bestand en regel,
    en schrijft niets."""
    map_ = casusmap(casus(id="F", voor=[{"tarief": "hulpp", "aantal": 1}]))
    doel = tmp_path / "uit.json"
    args = ("bereken", str(map_), "--tarieven", str(tarieven), "--json", "--uit", str(doel))
    uit = draai_proces(*args)
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr + uit.stdout
    assert "f.yaml:" in uit.stderr
    assert "onbekende tariefcode 'hulpp'" in uit.stderr
    assert "bedoelde u 'hulp'?" in uit.stderr
    assert not doel.exists()
    _zelfde_als_in_proces(uit, *args)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("bereken", "--foo"), id="gebruiksfout"),
        pytest.param(("tarieven", "--zoek", "huishouden", "--prijspeil", "2023"), id="brede-tabel"),
        pytest.param(("casus", "--help"), id="hulp"),
    ],
)
def test_de_aanroep_in_het_proces_is_gelijk_aan_het_echte_commando(args: tuple[str, ...]) -> None:
    """Een gebruiksfout van click, een tabel op de volle breedte en de hulp van typer (elk met een eigen console)
    zien er in het proces van pytest hetzelfde uit als bij het echte commando."""
    _zelfde_als_in_proces(draai_proces(*args), *args)


def test_sla_ongeldige_over_noemt_weggelaten_casussen(draai: Draai, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Met --sla-ongeldige-over gaat bereken door en noemt de JSON welke casus is weggelaten en waarom."""
    map_ = casusmap(
        casus(id="G1", voor=[{"tarief": "hulp", "aantal": 1}]), casus(id="G2", voor=[{"tarief": "hulpp", "aantal": 1}])
    )
    uit = draai("bereken", str(map_), "--tarieven", str(tarieven), "--json", "--sla-ongeldige-over")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    assert [c["id"] for c in data["casussen"]] == ["G1"]
    assert len(data["overgeslagen"]) == 1
    assert data["overgeslagen"][0]["bestand"].endswith("g2.yaml")


def test_controleer_meegeleverde_data_is_in_orde(draai: Draai) -> None:
    """De meegeleverde casussen en tarieven zijn geldig."""
    uit = draai("controleer", "casussen", "--tarieven", "tarieven")
    assert uit.returncode == 0, uit.stderr
    assert "In orde: 26 casussen" in uit.stdout


def test_uitvoer_in_een_invoermap_wordt_geweigerd(draai: Draai, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`--uit` binnen de casusmap zou invoer kunnen overschrijven en wordt geweigerd."""
    map_ = casusmap(casus(id="H", voor=[{"tarief": "hulp", "aantal": 1}]))
    uit = draai("bereken", str(map_), "--tarieven", str(tarieven), "--json", "--uit", str(map_ / "h.yaml"))
    assert uit.returncode == 1
    assert "overschrijven" in uit.stderr
    assert "id: H" in (map_ / "h.yaml").read_text(encoding="utf-8")


def test_uitvoer_krijgt_gewone_bestandsrechten(draai: Draai, tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een geschreven bestand is leesbaar volgens de umask (niet 0600 van het tijdelijke bestand)."""
    map_ = casusmap(casus(id="R", voor=[{"tarief": "hulp", "aantal": 1}]))
    doel = tmp_path / "uit.json"
    oud = os.umask(0o022)
    try:
        uit = draai("bereken", str(map_), "--tarieven", str(tarieven), "--json", "--uit", str(doel))
    finally:
        os.umask(oud)
    assert uit.returncode == 0, uit.stderr
    assert doel.stat().st_mode & 0o777 == 0o644


def test_json_in_stukken_is_gelijk_aan_het_geheel(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De gestreamde JSON (naar een bestand of pijp) is precies dezelfde als `naar_dict`."""
    from casuskosten import Instellingen, bereken

    map_ = casusmap(*(casus(id=f"J{i}", voor=[{"tarief": "hulp", "aantal": i}]) for i in range(1, 4)))
    r = bereken([map_], tarieven, Instellingen(prijspeil=2015))
    assert json.loads("".join(r.json_delen())) == json.loads(json.dumps(r.naar_dict()))
    assert [c["id"] for c in json.loads("".join(r.json_delen()))["casussen"]] == ["J1", "J2", "J3"]


def test_hulp_laadt_geen_zware_bibliotheken() -> None:
    """`casuskosten --help` importeert pandas, numpy, reportlab en jinja2 niet (snel starten)."""
    code = (
        "import sys\n"
        "sys.argv = ['casuskosten', '--help']\n"
        "from casuskosten.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(','.join(m for m in ('pandas', 'numpy', 'reportlab', 'jinja2') if m in sys.modules), file=sys.stderr)\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert uit.returncode == 0
    assert uit.stderr.strip() == ""
