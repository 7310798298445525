"""De casussessie in een echte browser (issue 26): headless Chromium via Playwright tegen een echte server op een
vrije poort van 127.0.0.1 (`sessie.server.op_de_achtergrond`, uvicorn in een draad).

Beveiliging (Done when 5): wat een andere site in de browser van de facilitator probeert (een formulier dat naar de
sessie post, een fetch), wordt door de server geweigerd; de browser stuurt daarbij zelf de echte Sec-Fetch-Site- en
Origin-headers, die een test over HTTP alleen kan nabootsen."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Route

from casuskosten.sessie import server
from tests.browser import nieuwe_pagina

pytestmark = pytest.mark.traag

_GESCHREVEN: list[str] = []


def _kleine_app(map_: Path, **_: Any) -> Any:
    """Een app met één schrijvende route die bijhoudt of hij ooit werd bereikt."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route as Pad

    async def lijst(request: Request) -> Response:
        return HTMLResponse('<!doctype html><html lang="nl"><head><title>Sessie</title></head><body>x</body></html>')

    async def schrijf(request: Request) -> Response:
        _GESCHREVEN.append(request.method)
        return HTMLResponse("geschreven")

    return Starlette(routes=[Pad("/", lijst), Pad("/schrijf", schrijf, methods=["POST"])])


@pytest.fixture
def sessie_poort(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[int]:
    """Een echte sessie (zonder --lan) op een vrije poort; geeft de poort."""
    monkeypatch.setattr(server, "_maak_app", lambda: _kleine_app)
    _GESCHREVEN.clear()
    with server.op_de_achtergrond(server.maak_sessie(tmp_path)) as poort:
        yield poort


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort: int = s.getsockname()[1]
        return poort


def test_een_formulier_van_een_andere_site_kan_niet_schrijven(browser: Browser, sessie_poort: int) -> None:
    """Een pagina van een andere site (http://localhost:ANDERE_POORT, door Playwright geserveerd) die een formulier
    naar de sessie op 127.0.0.1 verstuurt: de browser stuurt Sec-Fetch-Site cross-site, de server antwoordt 403 en
    de app wordt nooit bereikt."""
    aanvaller = f"http://localhost:{_vrije_poort()}/"
    doel = f"http://127.0.0.1:{sessie_poort}/schrijf"
    html = (
        '<!doctype html><html lang="nl"><head><title>Aanval</title></head><body>'
        f'<form method="post" action="{doel}"><input name="naam" value="x"><button>Verstuur</button></form>'
        "</body></html>"
    )
    with nieuwe_pagina(browser) as pagina:

        def aanvalspagina(route: Route) -> None:
            route.fulfill(status=200, content_type="text/html", body=html)

        pagina.route(aanvaller, aanvalspagina)
        pagina.goto(aanvaller)
        with pagina.expect_response(doel) as antwoord:
            pagina.get_by_role("button", name="Verstuur").click()
        assert antwoord.value.status == 403
        assert "andere site" in antwoord.value.text()
    assert _GESCHREVEN == []
