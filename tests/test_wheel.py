"""Een gewone installatie (wheel, geen `pip install -e`) werkt buiten de repository: sjablonen zitten in het pakket.

De tests zelf draaien op een bewerkbare installatie en zouden een wheel zonder `.j2`-bestanden nooit opmerken. Hier
wordt het wheel gebouwd uit een kopie van de bron, in een nieuwe virtuele omgeving buiten de checkout geïnstalleerd
en vanuit een map die niet de repository is gebruikt zoals een consultant dat zou doen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import PROJECT

# een wheel bouwen en in een nieuwe omgeving installeren duurt seconden: niet in `make test-snel`
pytestmark = pytest.mark.traag


def _draai(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    uit = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**omgeving, "NO_COLOR": "1", "COLUMNS": "200"},
        check=False,
        timeout=300,
    )
    assert uit.returncode == 0, f"{args}: {uit.stdout}\n{uit.stderr}"
    return uit


@pytest.fixture(scope="module")
def geinstalleerd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """De bin-map van een nieuwe virtuele omgeving met casuskosten uit een zelf gebouwd wheel."""
    basis = tmp_path_factory.mktemp("wheel")
    # bouwen uit een kopie: setuptools schrijft build/ en egg-info naast de bron, niet in de checkout
    bron = basis / "bron"
    bron.mkdir()
    shutil.copy(PROJECT / "pyproject.toml", bron)
    shutil.copy(PROJECT / "README.md", bron)
    shutil.copytree(PROJECT / "src", bron / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    _draai(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "--wheel-dir",
        basis / "dist",
        f"{bron}/",
        cwd=basis,
    )
    wheel = next((basis / "dist").glob("casuskosten-*.whl"))

    omgeving = basis / "venv"
    _draai(sys.executable, "-m", "venv", "--without-pip", omgeving, cwd=basis)
    python = omgeving / "bin" / "python"
    _draai(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel, cwd=basis)
    # de afhankelijkheden (pandas, reportlab ...) komen uit de testomgeving: een pad in een .pth-bestand, zonder de
    # .pth-bestanden daar te verwerken, dus zonder de bewerkbare installatie van casuskosten
    eigen = Path(
        _draai(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=basis).stdout.strip()
    )
    (eigen / "afhankelijkheden.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    herkomst = _draai(python, "-c", "import casuskosten; print(casuskosten.__file__)", cwd=basis).stdout.strip()
    assert Path(herkomst).is_relative_to(omgeving), herkomst
    return omgeving / "bin"


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Een map buiten de repository met alleen een kopie van casussen/ en tarieven/."""
    map_ = tmp_path_factory.mktemp("consultant")
    shutil.copytree(PROJECT / "casussen", map_ / "casussen")
    shutil.copytree(PROJECT / "tarieven", map_ / "tarieven")
    return map_


def test_wheel_bevat_de_sjablonen_en_maakt_html_rapporten(geinstalleerd: Path, werkmap: Path) -> None:
    """`casuskosten rapport --formaat html` uit een wheel schrijft per gemeente een volledig HTML-rapport."""
    _draai(geinstalleerd / "casuskosten", "rapport", "--formaat", "html", "--datum", "2024-01-31", cwd=werkmap)
    rotterdam = (werkmap / "uitvoer" / "rotterdam.html").read_text(encoding="utf-8")
    assert rotterdam.startswith("<!DOCTYPE html>")
    assert "Rotterdam" in rotterdam
    assert "RTD-08" in rotterdam
    assert sorted(p.name for p in (werkmap / "uitvoer").glob("*.html")) == [
        "giessenlanden.html",
        "rotterdam.html",
        "waddinxveen.html",
        "westerveld.html",
    ]


def test_wheel_maakt_een_casusrapport(geinstalleerd: Path, werkmap: Path) -> None:
    """`casuskosten casus` uit een wheel schrijft het HTML-rapport van één casus."""
    _draai(geinstalleerd / "casuskosten", "casus", "casussen/westerveld/wsv-02.yaml", cwd=werkmap)
    html = (werkmap / "uitvoer" / "wsv-02.html").read_text(encoding="utf-8")
    assert "WSV-02" in html
    assert "Westerveld" in html


def test_wheel_maakt_een_nieuwe_casus_uit_het_sjabloon(geinstalleerd: Path, tmp_path: Path) -> None:
    """`casuskosten nieuw` uit een wheel schrijft een casus uit het meegeleverde YAML-sjabloon."""
    # een eigen werkmap: een half ingevulde casus in de gedeelde map zou de andere opdrachten laten weigeren
    _draai(geinstalleerd / "casuskosten", "nieuw", "--gemeente", "Hoorn", cwd=tmp_path)
    tekst = (tmp_path / "casussen" / "hoorn" / "hoo-01.yaml").read_text(encoding="utf-8")
    assert 'id: "HOO-01"' in tekst
    assert 'gemeente: "Hoorn"' in tekst
    assert "<VUL IN" in tekst


def test_wheel_rekent_zonder_tariefmap_met_de_meegeleverde_tarieven(geinstalleerd: Path, tmp_path: Path) -> None:
    """In een map met alleen casussen (geen tarieven/) rekent een wheel-installatie met de landelijke tarieven uit
    het pakket, en zegt dat; `schema` kent dan de tariefcodes."""
    shutil.copytree(PROJECT / "casussen", tmp_path / "casussen")
    uit = _draai(geinstalleerd / "casuskosten", "bereken", "casussen", "--json", "--uit", "u.json", cwd=tmp_path)
    data = json.loads((tmp_path / "u.json").read_text(encoding="utf-8"))
    assert data["totaal"]["aantal_casussen"] == 26
    assert "meegeleverde_tarieven" in [w["code"] for w in data["totaal"]["waarschuwingen"]]
    assert uit.returncode == 0
    schema = _draai(geinstalleerd / "casuskosten", "schema", cwd=tmp_path).stdout
    assert "hbh_uur" in schema


def test_wheel_zonder_tariefmap_toont_kopieert_en_maakt_een_pdf(geinstalleerd: Path, tmp_path: Path) -> None:
    """Met alleen casussen in de map: `tarieven` toont de meegeleverde codes, `tarieven --kopieer` schrijft ze als
    begin van eigen tarieven (en weigert een tweede keer), en `rapport --formaat pdf` schrijft een PDF."""
    shutil.copytree(PROJECT / "casussen", tmp_path / "casussen")
    assert "hbh_uur" in _draai(geinstalleerd / "casuskosten", "tarieven", "--zoek", "hbh", cwd=tmp_path).stdout
    _draai(geinstalleerd / "casuskosten", "tarieven", "--kopieer", "eigen", cwd=tmp_path)
    assert sorted(p.name for p in (tmp_path / "eigen").iterdir()) == [
        "gemeenten.csv",
        "landelijk.csv",
        "prijsindex.csv",
    ]
    assert (tmp_path / "eigen" / "landelijk.csv").read_bytes() == (PROJECT / "tarieven" / "landelijk.csv").read_bytes()
    nog_eens = subprocess.run(
        [str(geinstalleerd / "casuskosten"), "tarieven", "--kopieer", "eigen"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert nog_eens.returncode == 1
    assert "bestaat al en is geen lege map" in nog_eens.stderr
    _draai(
        geinstalleerd / "casuskosten", "rapport", "casussen", "--formaat", "pdf", "--datum", "2024-01-31", cwd=tmp_path
    )
    pdfs = sorted((tmp_path / "uitvoer").glob("*.pdf"))
    assert len(pdfs) == 4
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_wheel_maakt_de_vergelijking_als_pdf(geinstalleerd: Path, werkmap: Path) -> None:
    """`casuskosten vergelijk --formaat pdf` uit een wheel schrijft een PDF met alle gemeenten."""
    _draai(geinstalleerd / "casuskosten", "vergelijk", "casussen", "--formaat", "pdf", cwd=werkmap)
    pdf = werkmap / "uitvoer" / "vergelijking.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    tekst = "".join(pagina.extract_text() for pagina in PdfReader(pdf).pages)
    for gemeente in ("Giessenlanden", "Rotterdam", "Waddinxveen", "Westerveld"):
        assert gemeente in tekst


def test_wheel_bevat_de_casussessie_met_htmx_sjablonen_en_stijl(geinstalleerd: Path, werkmap: Path) -> None:
    """De sessie uit het wheel (zonder de bron ernaast) toont de casuslijst en de editor van een meegeleverde casus en
    levert htmx, de stijl, het script en de licentie van htmx: zonder die bestanden in het pakket zou een
    `pip install "casuskosten[web]"` een pagina zonder opmaak en zonder live herberekenen geven."""
    script = "\n".join(
        (
            "from pathlib import Path",
            "from starlette.testclient import TestClient",
            "from casuskosten.sessie.app import maak_app",
            "k = TestClient(maak_app(Path('casussen'), tarieven=Path('tarieven')))",
            "for u in ['/', '/casus/rotterdam/rtd-01.yaml', '/static/htmx.min.js', '/static/sessie.css',",
            "          '/static/sessie.js', '/static/htmx.LICENSE.txt']:",
            "    a = k.get(u)",
            "    print(u, a.status_code, len(a.content), 'Uitkomst' in a.text)",
        )
    )
    uit = {
        r.split()[0]: r.split()[1:]
        for r in _draai(geinstalleerd / "python", "-c", script, cwd=werkmap).stdout.splitlines()
    }
    for url in ("/", "/casus/rotterdam/rtd-01.yaml", "/static/sessie.css", "/static/sessie.js"):
        assert uit[url][0] == "200", (url, uit[url])
        assert int(uit[url][1]) > 500, (url, uit[url])  # een echte pagina, geen lege
    assert uit["/casus/rotterdam/rtd-01.yaml"][2] == "True"  # de editor met het uitkomstpaneel
    assert uit["/static/htmx.min.js"][0] == "200"
    assert int(uit["/static/htmx.min.js"][1]) > 40_000  # htmx 2.0.11 is 52 KB
    assert uit["/static/htmx.LICENSE.txt"][0] == "200"
