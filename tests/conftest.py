"""Gedeelde bouwstenen voor tests: een kleine tarieftabel met ronde prijzen, een casusschrijver, snelle
instellingen en de opdrachtregel (in dit proces of als echt proces)."""

from __future__ import annotations

import contextlib
import copy
import io
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from casuskosten import Instellingen

PROJECT = Path(__file__).resolve().parent.parent

# de fixtures `browser` en `pagina` (headless chromium met Playwright) voor elk testbestand; zie tests/browser.py
pytest_plugins = ["tests.browser"]

TARIEVEN_CSV = """\
code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron
hulp,Hulp bij het huishouden,uur,10,2015,,gemeente_wmo,1,hoog,test
hulp,Hulp bij het huishouden,uur,20,2017,,gemeente_wmo,1,hoog,test
hulp,Hulp Alfa,uur,15,2016,Alfa,gemeente_wmo,1,hoog,test
zwaar,Jeugdhulp met verblijf,dag,100,2015,,gemeente_jeugd,2,laag,aanname: test
maatje,Vrijwilliger,uur,5,2015,,vrijwillig,0,middel,test
"""
PRIJSINDEX_CSV = "jaar,index\n2015,100\n2016,110\n2017,121\n"

BASIS_CASUS: dict[str, Any] = {
    "id": "T-01",
    "gemeente": "Beta",
    "datum": "2016-05-01",
    "zekerheid": "hoog",
    "leefgebieden": ["financien", "huishouden"],
    "situatie": "Een illustratieve testcasus.",
    "trajecten": {
        "voor_2015": {"inzet": []},
        "sociaal_team": {"inzet": []},
    },
    "doelen": {
        "voorkomen_zwaardere_zorg": "onbekend",
        "integrale_aanpak": "onbekend",
        "preventie_escalatie": "onbekend",
        "betere_ondersteuning": "onbekend",
        "zelfredzaamheid": "onbekend",
    },
}


def schrijf_tarieven(map_: Path) -> Path:
    """Schrijft de tariefmap met ronde prijzen (TARIEVEN_CSV, PRIJSINDEX_CSV) in `map_` en geeft die terug."""
    map_.mkdir(parents=True)
    (map_ / "test.csv").write_text(TARIEVEN_CSV, encoding="utf-8")
    (map_ / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
    return map_


def schrijf_casussen(map_: Path, *casussen: dict[str, Any]) -> Path:
    """Schrijft casussen als YAML-bestanden (<id>.yaml, kleine letters) in `map_` en geeft die terug."""
    map_.mkdir(parents=True, exist_ok=True)
    for c in casussen:
        (map_ / f"{c['id'].lower()}.yaml").write_text(
            yaml.safe_dump(c, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return map_


@pytest.fixture
def tarieven(tmp_path: Path) -> Path:
    """Een tariefmap met ronde prijzen: hulp 10 (2015) / 20 (2017), Alfa 15 (2016), zwaar 100, maatje 5."""
    return schrijf_tarieven(tmp_path / "tarieven")


def casus(
    voor: list[dict[str, Any]] | None = None, team: list[dict[str, Any]] | None = None, **velden: Any
) -> dict[str, Any]:
    """Een geldige casus als dict, met de gegeven inzet en velden."""
    data = copy.deepcopy(BASIS_CASUS)
    data["trajecten"]["voor_2015"]["inzet"] = voor or []
    data["trajecten"]["sociaal_team"]["inzet"] = team or []
    doelen = velden.pop("doelen", {})
    data["doelen"].update(doelen)
    data.update(velden)
    return data


@pytest.fixture
def casusmap(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Schrijft casussen als YAML-bestanden in tmp_path/casussen en geeft de map terug."""
    map_ = tmp_path / "casussen"
    map_.mkdir()

    def schrijf(*casussen: dict[str, Any]) -> Path:
        return schrijf_casussen(map_, *casussen)

    return schrijf


# --- snelle instellingen ---------------------------------------------------------------------------------------

# Zo weinig trekkingen als de instellingen toestaan (standaard 10.000 elk). Alleen voor tests die geen intervallen,
# kansen of andere onzekerheidscijfers narekenen: de puntschattingen (kosten, besparingen, sommen, percentages)
# hangen niet van het aantal trekkingen af.
SNELLE_TREKKINGEN = {"bootstrap_iteraties": 100, "psa_iteraties": 100}
SNEL = Instellingen(**SNELLE_TREKKINGEN)
SNELLE_TOML = "".join(f"{naam} = {aantal}\n" for naam, aantal in SNELLE_TREKKINGEN.items())


@pytest.fixture
def snel() -> Instellingen:
    """De standaardinstellingen met zo weinig trekkingen als mag (zie SNELLE_TREKKINGEN), voor `bereken(...)`."""
    return SNEL


@pytest.fixture
def snel_toml(tmp_path: Path) -> Path:
    """Hetzelfde als instellingenbestand, voor `--instellingen` op de opdrachtregel; het staat naast (niet in) de
    casus- en tariefmap van `casusmap` en `tarieven`, zodat de bescherming van de invoer er niet over struikelt."""
    pad = tmp_path / "snel.toml"
    pad.write_text(SNELLE_TOML, encoding="utf-8")
    return pad


# --- de opdrachtregel ------------------------------------------------------------------------------------------

# zoals de tests een gebruiker nabootsen: een breed scherm en geen kleur
OMGEVING = {"COLUMNS": "200", "NO_COLOR": "1"}


@dataclass(frozen=True)
class Uitkomst:
    """Wat een gebruiker van één aanroep van `casuskosten` ziet (zelfde velden als subprocess.CompletedProcess)."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def _pijp() -> io.TextIOWrapper:
    """Een uitvoerstroom zoals een pijp naar een ander proces: utf-8, geen terminal."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _gelezen(stroom: io.TextIOWrapper) -> str:
    """De tekst zoals `subprocess.run(text=True)` hem leest (universele regeleinden)."""
    stroom.flush()
    ruw = stroom.buffer.getvalue()  # type: ignore[attr-defined]
    return io.TextIOWrapper(io.BytesIO(ruw), encoding="utf-8").read()


def draai_in_proces(*args: str, cwd: Path = PROJECT, omgeving: Mapping[str, str] | None = None) -> Uitkomst:
    """`casuskosten ARGS` in dit proces, via dezelfde ingang als het echte commando (`casuskosten.cli:main`, zie
    [project.scripts]): dezelfde exitcode en dezelfde tekst op stdout en stderr, zonder ~1,4 s om op te starten.

    Wat een nieuw proces anders zou hebben, wordt per aanroep nagebootst: de werkmap, de omgeving (COLUMNS, NO_COLOR)
    en de twee consoles van cli.py, die bij het importeren hun breedte en kleur kiezen naar stdout en de omgeving;
    ze worden hier op dezelfde manier opnieuw gemaakt, met stdout en stderr als pijp (geen terminal). Een
    onverwachte uitzondering komt niet als traceback in stderr maar laat de test falen, met de traceback erbij.
    `test_cli.py` vergelijkt deze uitkomst met die van een echt proces."""
    from casuskosten import cli
    from casuskosten.uitvoer.scherm import console

    uit, fout = _pijp(), _pijp()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        for naam, waarde in {**OMGEVING, **(omgeving or {})}.items():
            mp.setenv(naam, waarde)
        mp.chdir(cwd)
        # dezelfde regels als bovenin cli.py
        mp.setattr(cli, "uit_console", console(width=None if sys.stdout.isatty() else 200))
        mp.setattr(cli, "fout_console", console(stderr=True, soft_wrap=True))
        try:
            cli.main(list(args))
        except SystemExit as einde:
            code = einde.code
        else:  # pragma: no cover - main eindigt altijd met sys.exit
            code = 0
        if code is not None and not isinstance(code, int):  # zoals de interpreter: de tekst op stderr, code 1
            print(code, file=sys.stderr)
            code = 1
    return Uitkomst(tuple(args), code or 0, _gelezen(uit), _gelezen(fout))


Draai = Callable[..., Uitkomst]


@pytest.fixture
def draai() -> Draai:
    """`draai("bereken", map_, "--json")`: de opdrachtregel in dit proces (zie `draai_in_proces`)."""
    return draai_in_proces


def draai_proces(
    *args: str, cwd: Path = PROJECT, omgeving: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`casuskosten ARGS` als apart proces, zoals een gebruiker het start; alleen voor wat een echt proces nodig
    heeft (werkprocessen, signalen, een verse interpreter, de exitcode van het besturingssysteem)."""
    return subprocess.run(
        [sys.executable, "-m", "casuskosten", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **OMGEVING, **(omgeving or {})},
        check=False,
        timeout=120,
    )
