"""Een echte browser voor tests: Playwright met Debian's chromium (headless) en axe-core voor toegankelijkheid.

Gebruik in een testbestand de fixtures (geregistreerd in tests/conftest.py via `pytest_plugins`):

    def test_iets(pagina: Page) -> None:          # een nieuwe context per test, 1280 x 800
        pagina.goto(pad.as_uri())
        assert axe(pagina) == []

    def test_smal(browser: Browser) -> None:      # zelf contexten maken, bijvoorbeeld op 390 px
        with nieuwe_pagina(browser, breedte=390) as pagina:
            ...

Er is één browser per testsessie (het starten kost ~1 s); elke test krijgt een eigen context, dus geen gedeelde
cookies, opslag of viewport. Ontbreekt chromium of axe-core, dan FAALT de test met een Nederlandse uitleg wat te
installeren: een browsertest die stil wordt overgeslagen, bewijst niets.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PROJECT = Path(__file__).resolve().parent.parent

#: omgevingsvariabele met het pad naar een chromium (of chrome) als die niet als `chromium` op het pad staat
OMGEVING_CHROMIUM = "CASUSKOSTEN_CHROMIUM"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

#: headless in een container of CI: geen sandbox (geen user namespaces), geen GPU, en geen verkeer naar Google
#: (updates, componenten, eerste-start-schermen) dat de tests trager of onvoorspelbaar maakt
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)

AXE = PROJECT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"

ZONDER_CHROMIUM = (
    "Chromium ontbreekt; de browsertests draaien de HTML in een echte headless Chromium. Installeer het "
    "(Debian/Ubuntu: 'sudo apt-get install chromium'), of zet elders het pad naar een chromium of chrome in de "
    f"omgevingsvariabele {OMGEVING_CHROMIUM} (bijvoorbeeld {OMGEVING_CHROMIUM}=/Applications/Chromium.app/"
    "Contents/MacOS/Chromium)."
)
ZONDER_AXE = (
    f"axe-core ontbreekt in {AXE.parent}; draai 'make test' (dat installeert het met 'npm ci' uit "
    "tests/lsp/package-lock.json), of zelf: mkdir -p .venv/node && cp tests/lsp/package*.json .venv/node/ && "
    "npm ci --prefix .venv/node"
)


def chromium_pad() -> Path | None:
    """Het uitvoerbare chromium: uit CASUSKOSTEN_CHROMIUM als die gezet is, anders `chromium` op het pad, anders
    /usr/bin/chromium; None als er geen is (ook als CASUSKOSTEN_CHROMIUM naar niets uitvoerbaars wijst)."""
    gezet = os.environ.get(OMGEVING_CHROMIUM)
    if gezet:
        pad = Path(gezet)
        return pad if pad.is_file() and os.access(pad, os.X_OK) else None
    gevonden = shutil.which("chromium")
    if gevonden is not None:
        return Path(gevonden)
    return DEBIAN_CHROMIUM if DEBIAN_CHROMIUM.is_file() and os.access(DEBIAN_CHROMIUM, os.X_OK) else None


def ontbreekt_chromium() -> str | None:
    """Wat er ontbreekt om de browser te starten (een Nederlandse uitleg met wat te installeren), of None."""
    if chromium_pad() is not None:
        return None
    gezet = os.environ.get(OMGEVING_CHROMIUM)
    if gezet:
        return f"{OMGEVING_CHROMIUM}={gezet} wijst niet naar een uitvoerbaar bestand. {ZONDER_CHROMIUM}"
    return ZONDER_CHROMIUM


# per testbestand, niet per sessie: zolang Playwright loopt heeft het proces een tweede draad, en dan lezen de
# casussen (terecht) niet in werkprocessen (`casussen.kan_splitsen`), wat tests/test_werkers.py laat falen
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Eén headless chromium per testbestand; zonder chromium faalt de test met wat te installeren."""
    melding = ontbreekt_chromium()
    if melding is not None:
        pytest.fail(melding, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_pad()), args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def nieuwe_pagina(browser: Browser, breedte: int = 1280, hoogte: int = 800, **opties: Any) -> Iterator[Page]:
    """Een pagina in een eigen, nieuwe context met de gegeven viewport (px); `opties` gaan naar `new_context`
    (bijvoorbeeld `color_scheme="dark"` of `device_scale_factor=2`). De context sluit na het blok."""
    context = browser.new_context(viewport={"width": breedte, "height": hoogte}, **opties)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def pagina(browser: Browser) -> Iterator[Page]:
    """Een lege pagina (1280 x 800) in een nieuwe context, alleen voor deze test."""
    with nieuwe_pagina(browser) as nieuw:
        yield nieuw


def axe(pagina: Page, opties: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """De overtredingen die axe-core (versie uit tests/lsp/package-lock.json) op de geladen pagina vindt: een lijst
    van {'id', 'impact', 'help', 'nodes': [...]}, leeg als alles in orde is. `opties` gaan naar `axe.run` (bijvoorbeeld
    {'runOnly': ['wcag2a', 'wcag2aa']}). Zonder axe-core faalt de test met wat te doen."""
    if not AXE.is_file():
        pytest.fail(ZONDER_AXE, pytrace=False)
    if not pagina.evaluate("() => typeof window.axe !== 'undefined'"):
        pagina.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    uitkomst: dict[str, Any] = pagina.evaluate("opties => axe.run(document, opties)", opties or {})
    overtredingen: list[dict[str, Any]] = uitkomst["violations"]
    return overtredingen


def axe_samenvatting(overtredingen: list[dict[str, Any]]) -> str:
    """Overtredingen als leesbare regels (regel, ernst, uitleg, de eerste elementen), voor een assert-melding."""
    regels = []
    for o in overtredingen:
        doelen = ", ".join(" ".join(n["target"]) for n in o["nodes"][:3])
        regels.append(f"{o['id']} ({o['impact']}): {o['help']} -- {len(o['nodes'])}x, o.a. {doelen}")
    return "\n".join(regels)
