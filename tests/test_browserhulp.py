"""De browserhulp (tests/browser.py): welke chromium hij kiest, wat hij zegt als er geen is, en dat axe-core werkt.

De tests die de browser starten (~1-3 s voor de eerste) hebben het merkteken traag."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests import browser as browserhulp
from tests.browser import axe, nieuwe_pagina


@pytest.fixture
def zonder_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Een machine zonder chromium: leeg PATH, geen /usr/bin/chromium en geen CASUSKOSTEN_CHROMIUM."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(browserhulp.OMGEVING_CHROMIUM, raising=False)
    monkeypatch.setattr(browserhulp, "DEBIAN_CHROMIUM", tmp_path / "bestaat-niet")


@pytest.mark.usefixtures("zonder_chromium")
def test_zonder_chromium_zegt_de_test_wat_te_installeren() -> None:
    """Zonder chromium is er geen pad, en de melding noemt het Debian-pakket en de omgevingsvariabele."""
    assert browserhulp.chromium_pad() is None
    melding = browserhulp.ontbreekt_chromium()
    assert melding == browserhulp.ZONDER_CHROMIUM
    assert "sudo apt-get install chromium" in melding
    assert "CASUSKOSTEN_CHROMIUM" in melding


@pytest.mark.usefixtures("zonder_chromium")
def test_omgevingsvariabele_wijst_de_browser_aan(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CASUSKOSTEN_CHROMIUM met een uitvoerbaar bestand wint, ook als er geen chromium op het pad staat."""
    eigen = tmp_path / "mijn-chrome"
    eigen.write_text("#!/bin/sh\n", encoding="utf-8")
    eigen.chmod(eigen.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(browserhulp.OMGEVING_CHROMIUM, str(eigen))
    assert browserhulp.chromium_pad() == eigen
    assert browserhulp.ontbreekt_chromium() is None


def test_omgevingsvariabele_naar_niets_noemt_de_waarde(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Wijst CASUSKOSTEN_CHROMIUM naar een niet-bestaand bestand, dan geen stille terugval op een andere browser
    maar een melding met de verkeerde waarde erin."""
    fout = tmp_path / "geen-chrome"
    monkeypatch.setenv(browserhulp.OMGEVING_CHROMIUM, str(fout))
    assert browserhulp.chromium_pad() is None
    melding = browserhulp.ontbreekt_chromium()
    assert melding is not None
    assert melding.startswith(f"CASUSKOSTEN_CHROMIUM={fout} wijst niet naar een uitvoerbaar bestand.")


def test_zonder_axe_faalt_de_test_met_wat_te_doen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Ontbreekt axe.min.js, dan faalt `axe` (niet overslaan) met de uitleg dat `make test` het installeert; de
    pagina wordt daarvoor niet eens aangeraakt."""
    monkeypatch.setattr(browserhulp, "AXE", tmp_path / "axe.min.js")
    with pytest.raises(pytest.fail.Exception, match=r"axe-core ontbreekt in .*; draai 'make test'"):
        axe(None)  # type: ignore[arg-type]


@pytest.mark.traag
def test_axe_vindt_een_plaatje_zonder_alt_tekst(pagina: Page) -> None:
    """axe-core draait echt: een pagina met één <img> zonder alt geeft precies de overtreding image-alt."""
    pagina.set_content(
        '<html lang="nl"><head><title>Proef</title></head><body><main><h1>Proef</h1><img src="x.png"></main></body>'
        "</html>"
    )
    assert [o["id"] for o in axe(pagina)] == ["image-alt"]
    pagina.set_content(
        '<html lang="nl"><head><title>Proef</title></head><body><main><h1>Proef</h1><img src="x.png" alt="Een x">'
        "</main></body></html>"
    )
    assert axe(pagina) == []


@pytest.mark.traag
def test_nieuwe_pagina_heeft_de_gevraagde_breedte_en_eigen_opslag(browser: Browser) -> None:
    """Elke `nieuwe_pagina` heeft de gevraagde viewport en een eigen context: opslag van de ene lekt niet in de
    andere."""
    with nieuwe_pagina(browser, breedte=390) as smal:
        smal.goto("about:blank")
        assert smal.evaluate("window.innerWidth") == 390
        smal.context.add_cookies([{"name": "proef", "value": "1", "url": "http://localhost/"}])
    with nieuwe_pagina(browser) as breed:
        assert breed.evaluate("window.innerWidth") == 1280
        assert breed.context.cookies() == []


@pytest.mark.traag
def test_browser_is_de_gekozen_chromium(browser: Browser) -> None:
    """De sessie draait de chromium van `chromium_pad` (Debian's pakket), niet een door Playwright gedownloade:
    de versie van de browser staat in wat dat bestand zelf met --version zegt."""
    pad = browserhulp.chromium_pad()
    assert pad is not None
    zelf = subprocess.run([str(pad), "--version"], capture_output=True, text=True, check=True, timeout=30).stdout
    assert browser.browser_type.name == "chromium"
    assert browser.version in zelf
