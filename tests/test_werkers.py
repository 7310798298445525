"""Werkers (issue 15): lezen in processen, de PSA in draden; de uitkomst is met elk aantal werkers dezelfde."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import casuskosten.invoer.casussen as casussen_module
import casuskosten.rekenen.gemeenten as gemeenten_module
from casuskosten import Instellingen, bereken
from casuskosten.fouten import ArgumentFout, InvoerFout
from casuskosten.invoer.casussen import PARALLEL_VANAF, Gelezen, laad_casussen
from casuskosten.invoer.tarieven import laad_tarieven
from tests.conftest import PROJECT, Draai, draai_proces

sys.path.insert(0, str(PROJECT / "benchmarks"))
from genereer import genereer

AANTAL = PARALLEL_VANAF + 30  # genoeg bestanden om de werkprocessen te laten lezen


@pytest.fixture(scope="module")
def landelijk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Een gegenereerde set van AANTAL casussen over 12 gemeenten, en een instellingenbestand dat één gemeente
    opschaalt (ook die trekkingen moeten met elk aantal werkers gelijk zijn)."""
    map_ = tmp_path_factory.mktemp("landelijk")
    genereer(AANTAL, map_ / "casussen", gemeenten=12)
    (map_ / "instellingen.toml").write_text(
        "psa_iteraties = 300\nbootstrap_iteraties = 300\n\n[opschaling.Gemeente003]\ncasussen_per_jaar = 400\n",
        encoding="utf-8",
    )
    return map_


@pytest.mark.traag
def test_json_is_byte_voor_byte_gelijk_met_een_en_twee_werkers(landelijk: Path, tmp_path: Path) -> None:
    """`bereken --json` met --werkers 1 en --werkers 2 schrijft dezelfde bytes (lezen, PSA, totaal, opschaling).

    Als echt proces: met twee werkers leest het commando in werkprocessen (fork), en dat hoort niet in pytest."""
    uitvoer = []
    for werkers in ("1", "2"):
        uit = tmp_path / f"werkers-{werkers}.json"
        proces = draai_proces(
            "bereken",
            str(landelijk / "casussen"),
            "--tarieven",
            str(PROJECT / "tarieven"),
            "--instellingen",
            str(landelijk / "instellingen.toml"),
            "--json",
            "--uit",
            str(uit),
            "--werkers",
            werkers,
        )
        assert proces.returncode == 0, proces.stderr
        uitvoer.append(uit.read_bytes())
    assert len(uitvoer[0]) > 100_000
    assert b'"opschaling"' in uitvoer[0]
    assert uitvoer[0] == uitvoer[1]


_SPOREN: list[Path] = []
_ORIGINEEL = casussen_module._lees_stuk


def _lees_met_spoor(stuk: Sequence[Path]) -> list[Gelezen]:
    """`_lees_stuk` die een spoor achterlaat met het proces dat las (op moduleniveau: de pool zoekt hem op naam)."""
    (_SPOREN[0] / f"{os.getpid()}-{stuk[0].name}").touch()
    return _ORIGINEEL(stuk)


@pytest.mark.traag
def test_twee_werkers_lezen_echt_in_twee_processen(
    landelijk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Met werkers=2 lezen twee andere processen dan het hoofdproces de bestanden; de volgorde blijft die van de
    bestanden."""
    monkeypatch.setattr(casussen_module, "_lees_stuk", _lees_met_spoor)
    monkeypatch.setattr(sys.modules[__name__], "_SPOREN", [tmp_path])
    tabel = laad_tarieven(PROJECT / "tarieven")
    geladen = laad_casussen([landelijk / "casussen"], tabel, werkers=2)
    processen = {int(p.name.split("-", 1)[0]) for p in tmp_path.iterdir()}
    assert len(processen) == 2
    assert os.getpid() not in processen
    assert len(geladen.casussen) == AANTAL
    ids = [cb.casus.id for cb in geladen.casussen]
    serieel = [cb.casus.id for cb in laad_casussen([landelijk / "casussen"], tabel, werkers=1).casussen]
    assert ids == serieel


@pytest.mark.traag
def test_psa_rekent_met_twee_werkers_in_twee_draden(landelijk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """De doorgang per gemeente (met haar PSA) verdeelt de gemeenten over twee draden naast het hoofdproces, en het
    totaal blijft hetzelfde."""
    origineel = gemeenten_module.psa_gemeente
    draden: set[str] = set()

    def met_spoor(*args: Any, **kwargs: Any) -> Any:
        draden.add(threading.current_thread().name)
        return origineel(*args, **kwargs)

    monkeypatch.setattr(gemeenten_module, "psa_gemeente", met_spoor)
    instellingen = Instellingen(psa_iteraties=200, bootstrap_iteraties=200)
    twee = bereken(landelijk / "casussen", PROJECT / "tarieven", instellingen, werkers=2)
    assert len(draden) == 2
    assert all(naam.startswith("casuskosten-gemeente") for naam in draden)
    draden.clear()
    een = bereken(landelijk / "casussen", PROJECT / "tarieven", instellingen, werkers=1)
    assert draden == {threading.main_thread().name}
    assert "".join(een.json_delen()) == "".join(twee.json_delen())


def _maak_fout(pad: Path, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


@pytest.mark.traag
def test_meldingen_uit_werkers_komen_in_de_volgorde_van_de_bestanden(tmp_path: Path) -> None:
    """Fouten vroeg, midden en laat in de set (in verschillende stukken van de werkers) komen met bestand, regel en
    veld terug, in dezelfde volgorde als met één werker."""
    paden = genereer(AANTAL, tmp_path, gemeenten=12)
    _maak_fout(paden[3], "horizon_maanden: ", "horizon_maanden: -")
    _maak_fout(paden[AANTAL // 2], "tarief: wijkteam_uur", "tarief: wijkteam_uurr")
    _maak_fout(paden[-2], "zekerheid: ", "zekerheid: heel_")
    tabel = laad_tarieven(PROJECT / "tarieven")
    meldingen = []
    for werkers in (1, 2):
        with pytest.raises(InvoerFout) as fout:
            laad_casussen([tmp_path], tabel, werkers=werkers)
        meldingen.append([str(m) for m in fout.value.meldingen])
    assert meldingen[0] == meldingen[1]
    # de bestanden worden op pad gelezen (gemeente003/..., gemeente009/..., gemeente012/...)
    fout_bestanden = sorted([paden[3], paden[AANTAL // 2], paden[-2]])
    assert [m.split(":", 1)[0] for m in meldingen[0]] == [casussen_module.weergave(p) for p in fout_bestanden]
    per_bestand = dict(zip(fout_bestanden, meldingen[0], strict=True))
    assert "horizon_maanden" in per_bestand[paden[3]]
    assert "onbekende tariefcode 'wijkteam_uurr'" in per_bestand[paden[AANTAL // 2]]
    assert "zekerheid" in per_bestand[paden[-2]]


@pytest.mark.parametrize("werkers", [0, -1])
def test_ongeldig_aantal_werkers_is_een_nederlandse_fout(werkers: Any) -> None:
    """Vanuit Python: een aantal werkers kleiner dan 1 geeft een `InvoerFout`."""
    with pytest.raises(InvoerFout, match="geen geldig aantal werkers; geef 1 of meer"):
        bereken(PROJECT / "casussen", PROJECT / "tarieven", werkers=werkers)


@pytest.mark.parametrize("werkers", [True, 1.5])
def test_werkers_die_geen_geheel_getal_zijn_geven_een_argumentfout(werkers: Any) -> None:
    """Vanuit Python: True of 1,5 werkers is geen geheel getal: een `ArgumentFout` die zegt wat wel mag."""
    with pytest.raises(ArgumentFout, match=r"^werkers: bereken\(\) kreeg .*; verwacht een geheel getal of None$"):
        bereken(PROJECT / "casussen", PROJECT / "tarieven", werkers=werkers)


def test_ongeldig_aantal_werkers_op_de_opdrachtregel(draai: Draai) -> None:
    """`--werkers 0` en `--werkers twee`: een melding in het Nederlands, code 1, geen traceback."""
    nul = draai("bereken", "casussen", "--werkers", "0")
    assert nul.returncode == 1
    assert "ongeldige waarde voor --werkers: moet 1 of meer zijn" in nul.stderr
    twee = draai("bereken", "casussen", "--werkers", "twee")
    assert twee.returncode == 1
    assert "verwacht een geheel getal, bijvoorbeeld 2" in twee.stderr
    assert "Traceback" not in nul.stderr + twee.stderr


def test_voortgangsbalk_op_een_terminal_laat_werkprocessen_toe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Op een terminal tekent `bereken` een voortgangsbalk. Die mag geen eigen verversdraad starten: met een tweede
    draad leest casuskosten (terecht) niet in werkprocessen, en dan zou een gebruiker aan een terminal nooit de
    werkers krijgen."""
    import io

    from rich.console import Console

    from casuskosten import cli
    from casuskosten.invoer.casussen import kan_splitsen

    scherm = io.StringIO()
    monkeypatch.setattr(cli, "fout_console", Console(file=scherm, force_terminal=True, width=100))
    with cli._voortgangsbalk("Casussen lezen") as bij:
        assert bij is not None
        assert kan_splitsen()
        bij(2000, 4000)
    assert "Casussen lezen" in scherm.getvalue()


@pytest.mark.traag
def test_vanuit_een_werkproces_van_een_ander_leest_casuskosten_in_een_proces() -> None:
    """Een werkproces (daemon) van bijvoorbeeld een eigen multiprocessing.Pool mag geen kinderen krijgen: dan leest
    casuskosten zelf in één proces in plaats van te falen."""
    import multiprocessing

    from casuskosten.invoer.casussen import kan_splitsen

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(kan_splitsen) is False


@pytest.mark.parametrize(
    ("inhoud", "hoogstens"),
    [("50000 100000\n", 1), ("150000 100000\n", 2), ("max 100000\n", None), ("onzin\n", None)],
)
def test_standaard_werkers_volgen_het_cpu_quotum_van_de_container(tmp_path: Path, inhoud: str, hoogstens: Any) -> None:
    """Een container met een quotum van een halve of anderhalve kern krijgt 1 of 2 werkers, niet een per kern van de
    machine; zonder quotum (of onleesbaar) alle kernen waarop het proces mag draaien."""
    from casuskosten.pijplijn import beschikbare_kernen

    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text(inhoud, encoding="ascii")
    kernen = len(os.sched_getaffinity(0))
    verwacht = kernen if hoogstens is None else min(kernen, hoogstens)
    assert beschikbare_kernen(cpu_max) == verwacht
    assert beschikbare_kernen(tmp_path / "bestaat-niet") == kernen


@pytest.mark.parametrize("opdracht", ["bereken", "controleer", "rapport", "casus", "vergelijk", "export"])
def test_elke_opdracht_die_casussen_leest_kent_werkers(draai: Draai, opdracht: str) -> None:
    """Niet alleen `bereken`: elke opdracht die casussen leest en rekent, neemt --werkers (en weigert 0 in het
    Nederlands)."""
    hulp = draai(opdracht, "--help")
    assert hulp.returncode == 0
    assert "--werkers" in hulp.stdout
    nul = draai(opdracht, "casussen", "--werkers", "0")
    assert nul.returncode == 1
    assert "ongeldige waarde voor --werkers: moet 1 of meer zijn" in nul.stderr


@pytest.mark.traag
def test_controleer_meldt_met_een_en_twee_werkers_hetzelfde(landelijk: Path) -> None:
    """`controleer` leest met twee werkers in processen en geeft dezelfde uitvoer als met één (als echt proces, zoals
    hierboven)."""
    uitvoer = []
    for werkers in ("1", "2"):
        proces = draai_proces(
            "controleer",
            str(landelijk / "casussen"),
            "--tarieven",
            str(PROJECT / "tarieven"),
            "--instellingen",
            str(landelijk / "instellingen.toml"),
            "--werkers",
            werkers,
        )
        assert proces.returncode == 0, proces.stderr
        uitvoer.append(proces.stdout)
    assert f"In orde: {AANTAL} casussen" in uitvoer[0]
    assert uitvoer[0] == uitvoer[1]
