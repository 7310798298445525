"""De opdrachtregel houdt zich aan wat de hulp en de README beloven: hulpteksten, `nieuw`, `export` en Ctrl-C."""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from casuskosten import cli
from casuskosten.fouten import InstellingenFout, UitvoerFout
from casuskosten.invoer.nieuw import maak_casus, volgend_id
from tests.conftest import PROJECT, Draai
from tests.test_cli import PYTHON_TYPEN

# --- hulp -------------------------------------------------------------------------------------------------------


def test_hoofdhulp_zonder_python_typen_en_met_spatie_tussen_de_versieopties(draai: Draai) -> None:
    """`casuskosten --help` toont `--version, --versie` (met spatie) en geen <bool>."""
    uit = draai("--help")
    assert uit.returncode == 0
    assert "--version, --versie" in uit.stdout
    assert PYTHON_TYPEN.findall(uit.stdout) == []


def test_casus_gebruik_toont_bestand_in_plaats_van_accolades(draai: Draai) -> None:
    """De gebruiksregel van `casus` is `casuskosten casus [OPTIES] BESTAND...`, niet `{bestanden}...`."""
    uit = draai("casus", "--help")
    assert "Gebruik: casuskosten casus [OPTIES] BESTAND..." in uit.stdout


@pytest.mark.parametrize("opdracht", [c.callback for c in cli.app.registered_commands], ids=cli.opdrachtnamen())
def test_hulpteksten_hebben_geen_regelovergang_midden_in_een_alinea(opdracht) -> None:  # type: ignore[no-untyped-def]
    """Elke alinea van de hulp van een opdracht staat op één regel; typer zou een harde regelovergang overnemen."""
    alineas = inspect.cleandoc(opdracht.__doc__).split("\n\n")
    assert [a for a in alineas if "\n" in a] == []


# --- nieuw -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bestanden", "verwacht"),
    [
        pytest.param([f"rtd-{n:02d}.yaml" for n in range(1, 9)], "RTD-09", id="voorvoegsel-van-bestaande"),
        pytest.param(["rtd-01.yaml", "rtd-03.yaml", "notities.txt"], "RTD-04", id="na-het-hoogste-nummer"),
        pytest.param([], "ROT-01", id="zonder-casussen-drie-letters"),
        pytest.param(["rtd-01.yaml", "rtd-02.yaml", "rot-01.yaml"], "RTD-03", id="meest-gebruikte-voorvoegsel"),
    ],
)
def test_nieuw_stelt_het_voorvoegsel_van_de_bestaande_casussen_voor(
    tmp_path: Path, bestanden: list[str], verwacht: str
) -> None:
    """`nieuw --gemeente Rotterdam` naast rtd-01 .. rtd-08 stelt RTD-09 voor, niet ROT-01."""
    for naam in bestanden:
        (tmp_path / naam).write_text("", encoding="utf-8")
    assert volgend_id("Rotterdam", tmp_path) == verwacht


def test_nieuw_weigert_te_raden_bij_even_vaak_gebruikte_voorvoegsels(tmp_path: Path) -> None:
    """Staan er evenveel RTD- als ROT-casussen, dan vraagt `nieuw` om --id in plaats van te kiezen."""
    for naam in ("rtd-01.yaml", "rot-01.yaml"):
        (tmp_path / naam).write_text("", encoding="utf-8")
    with pytest.raises(InstellingenFout) as fout:
        volgend_id("Rotterdam", tmp_path)
    assert str(fout.value) == (
        f"{tmp_path}: --id: de casussen in deze map hebben even vaak het voorvoegsel ROT en RTD; "
        "kies het id zelf met --id, bijvoorbeeld --id ROT-02"
    )


def test_nieuw_op_de_meegeleverde_casussen_stelt_rtd_09_voor() -> None:
    """Met de meegeleverde casussen van Rotterdam (rtd-01 .. rtd-08) wordt het RTD-09."""
    assert volgend_id("Rotterdam", PROJECT / "casussen" / "rotterdam") == "RTD-09"


@pytest.mark.parametrize(
    ("gemeente", "code", "positie"),
    [
        pytest.param("Rotter\rdam", "000D", 7, id="carriage-return"),
        pytest.param("Rotter\ndam", "000A", 7, id="newline"),
        pytest.param("Rotter\u2028dam", "2028", 7, id="line-separator"),
        pytest.param("Rotter\u2029dam", "2029", 7, id="paragraph-separator"),
        pytest.param("Rotter\u0085dam", "0085", 7, id="next-line"),
        pytest.param("Rotter\tdam", "0009", 7, id="tab"),
        pytest.param("\u200bRotterdam", "200B", 1, id="zero-width-space"),
        pytest.param("Rotterdam\x00", "0000", 10, id="nul"),
    ],
)
def test_nieuw_weigert_een_gemeente_met_stuurtekens(tmp_path: Path, gemeente: str, code: str, positie: int) -> None:
    """Een gemeentenaam met een stuurteken of regelscheider wordt geweigerd en komt nooit in een bestand."""
    uit = tmp_path / "nieuw.yaml"
    with pytest.raises(InstellingenFout) as fout:
        maak_casus(gemeente, id_="RTD-99", uit=uit)
    assert str(fout.value) == (
        f"--gemeente: de naam bevat op positie {positie} een stuurteken of regelscheider (U+{code}); "
        "gebruik alleen letters, cijfers, spaties en leestekens"
    )
    assert not uit.exists()


def test_nieuw_weigert_een_lege_gemeente(tmp_path: Path) -> None:
    """Een gemeentenaam van alleen spaties is een fout."""
    with pytest.raises(InstellingenFout, match=r"^--gemeente: de naam is leeg; geef de naam van de gemeente$"):
        maak_casus("   ", id_="X-01", uit=tmp_path / "x.yaml")


def _bestand(tmp_path: Path) -> Path:
    pad = tmp_path / "een-bestand"
    pad.write_text("", encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("maak_uit", "reden"),
    [
        pytest.param(
            lambda t: _bestand(t) / "x.yaml",
            "kan het nieuwe casusbestand niet schrijven: een deel van het pad is een bestand, geen map",
            id="map-is-een-bestand",
        ),
        pytest.param(
            lambda t: _bestand(t) / "sub" / "x.yaml",
            "kan het nieuwe casusbestand niet schrijven: een deel van het pad is een bestand, geen map",
            id="dieper-onder-een-bestand",
        ),
        pytest.param(
            lambda t: Path("/proc/casuskosten-test.yaml"),
            "kan het nieuwe casusbestand niet schrijven: het bestand of de map kan hier niet gemaakt worden",
            id="proc",
        ),
        pytest.param(
            lambda t: t,
            "is een map; geef een bestandsnaam, bijvoorbeeld {uit}/x-01.yaml",
            id="uit-is-een-map",
        ),
    ],
)
def test_nieuw_met_een_onbruikbare_uit_geeft_een_nederlandse_fout(tmp_path: Path, maak_uit, reden: str) -> None:  # type: ignore[no-untyped-def]
    """Een --uit waar niet geschreven kan worden is een `UitvoerFout` met de reden in het Nederlands."""
    uit = maak_uit(tmp_path)
    with pytest.raises(UitvoerFout) as fout:
        maak_casus("X", id_="X-01", uit=uit)
    assert str(fout.value) == f"{uit}: --uit: {reden.format(uit=uit)}"


def test_nieuw_met_onbruikbare_uit_op_de_opdrachtregel_zonder_traceback(draai: Draai, tmp_path: Path) -> None:
    """`casuskosten nieuw --uit /proc/...` stopt met exitcode 1 en een melding, zonder traceback."""
    uit = draai("nieuw", "--gemeente", "X", "--uit", "/proc/casuskosten-test.yaml", cwd=tmp_path)
    assert uit.returncode == 1
    assert "FOUT /proc/casuskosten-test.yaml: --uit: kan het nieuwe casusbestand niet schrijven" in uit.stderr
    assert "Traceback" not in uit.stderr


# --- export ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formaat", "verwacht"),
    [
        pytest.param("json", ["uitvoer/casuskosten.json"], id="json"),
        pytest.param(
            "csv",
            [
                f"uitvoer/{t}.csv"
                for t in (
                    "casussen",
                    "doelen",
                    "financiers",
                    "financiers_per_jaar",
                    "gemeenten",
                    "gevoeligheid",
                    "kanscurve",
                    "opschaling",
                    "regels",
                    "representativiteit",
                    "waarschuwingen",
                )
            ],
            id="csv-in-de-map-uitvoer",
        ),
    ],
)
def test_export_zonder_uit_schrijft_in_uitvoer(draai: Draai, tmp_path: Path, formaat: str, verwacht: list[str]) -> None:
    """`export` zonder --uit schrijft naar uitvoer/ met een naam die bij het formaat past (geen JSON in .xlsx)."""
    uit = draai(
        "export", str(PROJECT / "casussen" / "westerveld"), "--tarieven", str(PROJECT / "tarieven"),
        "--formaat", formaat, cwd=tmp_path,
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "uitvoer").iterdir()) == verwacht


# --- Ctrl-C ------------------------------------------------------------------------------------------------------


def test_ctrl_c_in_een_opdracht_geeft_exitcode_130_met_melding(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C tijdens het rekenen: exitcode 130 en 'Afgebroken', niet stil (typer maakt er zelf Exit(130) van)."""
    from casuskosten import pijplijn

    def onderbroken(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pijplijn, "bereken", onderbroken)
    monkeypatch.chdir(PROJECT)
    with pytest.raises(SystemExit) as stop:
        cli.main(["bereken", "casussen", "--tarieven", "tarieven"])
    assert stop.value.code == 130
    assert "Afgebroken; er is niets half geschreven." in capsys.readouterr().err


def test_sigint_naar_het_proces_geeft_exitcode_130_met_melding(tmp_path: Path) -> None:
    """Een echte SIGINT tijdens een opdracht: exitcode 130 en de melding 'Afgebroken', zonder traceback."""
    # het proces meldt zich zodra het in de opdracht zit en wacht dan; pas dan komt het signaal
    script = (
        "import sys, time\n"
        "from casuskosten import cli, pijplijn\n"
        "def wacht(*a, **k):\n"
        "    print('bezig', flush=True)\n"
        "    time.sleep(60)\n"
        "pijplijn.bereken = wacht\n"
        f"cli.main(['bereken', {str(PROJECT / 'casussen')!r}, '--tarieven', {str(PROJECT / 'tarieven')!r}])\n"
    )
    proces = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert proces.stdout is not None
        assert proces.stdout.readline() == "bezig\n"
        proces.send_signal(signal.SIGINT)
        _, fouten = proces.communicate(timeout=60)
    finally:
        proces.kill()
    assert proces.returncode == 130
    assert "Afgebroken; er is niets half geschreven." in fouten
    assert "Traceback" not in fouten
