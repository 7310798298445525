"""De casussessie in een echte browser (issue 26): headless Chromium via Playwright tegen een echte server op een
vrije poort van 127.0.0.1 (`sessie.server.op_de_achtergrond`, uvicorn in een draad).

Beveiliging (Done when 5): wat een andere site in de browser van de facilitator probeert (een formulier dat naar de
sessie post, een fetch), wordt door de server geweigerd; de browser stuurt daarbij zelf de echte Sec-Fetch-Site- en
Origin-headers, die een test over HTTP alleen kan nabootsen."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route, expect

from casuskosten.sessie import server
from tests.browser import axe, axe_samenvatting, nieuwe_pagina
from tests.conftest import PROJECT, draai_in_proces

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


# --- de echte app (sessie/app.py) ---------------------------------------------------------------------------------

GEHEIM = "GEHEIM-BUITEN-DE-MAP-7f3a"


@pytest.fixture
def casusmap(tmp_path: Path) -> Path:
    """Een casusmap met kopieën van twee meegeleverde casussen (rtd-03 zonder meldingen in de editor), en ernaast
    (buiten de map) een geheim .yaml-bestand."""
    map_ = tmp_path / "casussen"
    (map_ / "rotterdam").mkdir(parents=True)
    for naam in ("rtd-01.yaml", "rtd-03.yaml"):
        shutil.copy(PROJECT / "casussen" / "rotterdam" / naam, map_ / "rotterdam" / naam)
    (tmp_path / "geheim.yaml").write_text(f"id: {GEHEIM}\n", encoding="utf-8")
    return map_


@pytest.fixture
def echte_sessie(casusmap: Path) -> Iterator[str]:
    """De echte sessie-app zonder --lan op een vrije poort; geeft de basis-URL."""
    with server.op_de_achtergrond(server.maak_sessie(casusmap, tarieven=PROJECT / "tarieven")) as poort:
        yield f"http://127.0.0.1:{poort}"


@pytest.fixture
def lan_sessie(casusmap: Path) -> Iterator[tuple[server.Sessie, str]]:
    """De echte sessie-app met --lan (adres 127.0.0.1, zodat de test erbij kan); geeft de sessie en de basis-URL."""
    sessie = server.maak_sessie(casusmap, lan=True, adres="127.0.0.1", tarieven=PROJECT / "tarieven")
    with server.op_de_achtergrond(sessie) as poort:
        yield sessie, f"http://127.0.0.1:{poort}"


def test_de_casuslijst_heeft_geen_toegankelijkheidsfouten(browser: Browser, echte_sessie: str) -> None:
    """axe-core vindt 0 overtredingen op de casuslijst (met de CSP uit, alleen zodat axe geladen kan worden)."""
    with nieuwe_pagina(browser, bypass_csp=True) as pagina:
        pagina.goto(echte_sessie + "/")
        assert pagina.get_by_role("link", name="RTD-01").is_visible()
        overtredingen = axe(pagina)
        assert overtredingen == [], axe_samenvatting(overtredingen)


def test_de_pagina_laadt_niets_van_buiten_en_geen_inline_script(browser: Browser, echte_sessie: str) -> None:
    """Met de strikte CSP aan: elk verzoek van de casuslijst gaat naar de sessie zelf, en de browser meldt geen
    CSP-overtreding (geen inline script of stijl die geweigerd wordt)."""
    verzoeken: list[str] = []
    meldingen: list[str] = []
    with nieuwe_pagina(browser) as pagina:
        pagina.on("request", lambda v: verzoeken.append(v.url))
        pagina.on("console", lambda m: meldingen.append(m.text))
        pagina.goto(echte_sessie + "/")
        pagina.wait_for_load_state("networkidle")
    assert verzoeken
    assert [u for u in verzoeken if not u.startswith(echte_sessie + "/")] == []
    assert [m for m in meldingen if "Content Security Policy" in m] == []


def test_het_lees_token_ziet_geen_invoervelden_en_kan_niet_schrijven(
    browser: Browser, lan_sessie: tuple[server.Sessie, str], casusmap: Path
) -> None:
    """Een deelnemer (URL met het lees-token): het token wordt een cookie en verdwijnt uit de adresbalk; de pagina
    heeft geen invoerveld of knop; een POST vanuit die pagina (zelfde site, met het CSRF-token uit een formulier van
    de facilitator nagebootst met dat van de deelnemer) wordt geweigerd, en er komt geen bestand bij."""
    sessie, basis = lan_sessie
    voor = sorted(p.name for p in casusmap.rglob("*"))
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(f"{basis}/?token={sessie.lees_token}")
        assert pagina.url == basis + "/"
        assert pagina.get_by_role("link", name="RTD-01").is_visible()
        assert pagina.locator("input:not([type=hidden]), textarea, select, button").count() == 0
        status = pagina.evaluate(
            "() => fetch('/nieuw', {method: 'POST', body: new URLSearchParams({id: 'X-01', gemeente: 'Rotterdam'})})"
            ".then(a => a.status)"
        )
    assert status == 403
    assert sorted(p.name for p in casusmap.rglob("*")) == voor


def test_het_schrijf_token_ziet_het_formulier_voor_een_nieuwe_casus(
    browser: Browser, lan_sessie: tuple[server.Sessie, str]
) -> None:
    """De facilitator (URL met het schrijf-token) ziet wel het formulier 'Nieuwe casus'; zonder token geen toegang."""
    sessie, basis = lan_sessie
    with nieuwe_pagina(browser) as pagina:
        antwoord = pagina.goto(basis + "/")
        assert antwoord is not None
        assert antwoord.status == 403
        pagina.goto(f"{basis}/?token={sessie.schrijf_token}")
        assert pagina.get_by_label("Gemeente").is_editable()


@pytest.mark.parametrize(
    "pad",
    [
        pytest.param("/casus/../geheim.yaml", id="punt-punt"),
        pytest.param("/casus/%2e%2e/geheim.yaml", id="url-gecodeerd"),
        pytest.param("/casus/%2E%2E%2Fgeheim.yaml", id="url-gecodeerd-met-slash"),
        pytest.param("/casus/rotterdam/%2e%2e/%2e%2e/geheim.yaml", id="diep"),
        pytest.param("/casus/..%5cgeheim.yaml", id="backslash"),
        pytest.param("/static/../../geheim.yaml", id="via-static"),
        pytest.param("/static/%2e%2e/%2e%2e/%2e%2e/geheim.yaml", id="via-static-gecodeerd"),
    ],
)
def test_een_pad_buiten_de_map_wordt_nooit_gelezen(echte_sessie: str, pad: str) -> None:
    """Een pad met `..` (ook url-gecodeerd, met een backslash of via /static) geeft een foutstatus, en de inhoud van
    het .yaml-bestand naast de casusmap komt nooit in het antwoord. Over HTTP met het pad precies zoals hier
    geschreven (een browser zou `..` zelf al wegwerken)."""
    poort = int(echte_sessie.rsplit(":", 1)[1])
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.request("GET", pad)
        antwoord = verbinding.getresponse()
        tekst = antwoord.read().decode("utf-8", "replace")
    finally:
        verbinding.close()
    assert antwoord.status >= 400
    assert GEHEIM not in tekst


def test_nieuwe_casus_met_alleen_het_toetsenbord(browser: Browser, echte_sessie: str, casusmap: Path) -> None:
    """Alleen Tab, typen en Enter: vanaf het begin van de casuslijst naar het veld Id, een id en een gemeente typen
    en met Enter versturen; het bestand staat daarna in de map."""
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(echte_sessie + "/")
        for _ in range(40):
            pagina.keyboard.press("Tab")
            if pagina.evaluate("() => document.activeElement && document.activeElement.id") == "nieuw-id":
                break
        else:
            pytest.fail("met Tab is het veld Id van 'Nieuwe casus' niet te bereiken")
        pagina.keyboard.type("RTD-09")
        pagina.keyboard.press("Tab")
        pagina.keyboard.type("Rotterdam")
        with pagina.expect_navigation():
            pagina.keyboard.press("Enter")
        inhoud = pagina.content()
    assert (casusmap / "rtd-09.yaml").is_file(), inhoud[-1500:]


# --- de editor (Done when 1-4 en 6) -------------------------------------------------------------------------------


def _naar(pagina: Page, veld_id: str, maximaal: int = 400) -> None:
    """Met Tab (alleen het toetsenbord) naar het element met id `veld_id`; faalt als het niet te bereiken is."""
    for _ in range(maximaal):
        if pagina.evaluate("() => document.activeElement ? document.activeElement.id : ''") == veld_id:
            return
        pagina.keyboard.press("Tab")
    pytest.fail(f"met Tab is #{veld_id} niet te bereiken (na {maximaal} keer Tab)")


def _typ(pagina: Page, veld_id: str, tekst: str) -> None:
    """Met Tab naar het veld, alles selecteren en `tekst` typen, en met Tab verder (dan rekent de editor opnieuw)."""
    _naar(pagina, veld_id)
    pagina.keyboard.press("Control+A")
    if tekst:
        pagina.keyboard.type(tekst)
    else:
        pagina.keyboard.press("Delete")
    pagina.keyboard.press("Tab")


def _euro(tekst: str) -> float:
    """Een bedrag zoals de pagina het toont (`€ 1.234`, `€ -59`, `€ 12,50`) als getal."""
    schoon = tekst.replace("€", "").replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    return float(schoon.replace(".", "").replace(",", "."))


def _melding_bij(pagina: Page, veld_id: str) -> str:
    """De tekst van het meldingenvak waar het veld met aria-describedby naar wijst, zodra het veld ongeldig is."""
    veld = pagina.locator(f"#{veld_id}")
    # ruim wachten: op een belaste machine (make test naast andere werk) duurde één herberekening eens langer dan de
    # standaard 5 s van expect; de uitkomst zelf hangt niet van de tijd af
    expect(veld).to_have_attribute("aria-invalid", "true", timeout=20_000)
    beschreven = (veld.get_attribute("aria-describedby") or "").split()
    assert f"{veld_id}-melding" in beschreven
    vak = pagina.locator(f"#{veld_id}-melding")
    expect(vak).to_be_visible()
    return vak.inner_text()


def _waarschuwing_bij(pagina: Page, veld_id: str) -> str:
    """De tekst van het meldingenvak waar het veld met aria-describedby naar wijst, met een waarschuwing: het veld
    blijft geldig (geen aria-invalid), maar een schermlezer leest de waarschuwing voor bij het veld."""
    veld = pagina.locator(f"#{veld_id}")
    vak = pagina.locator(f"#{veld_id}-melding .waarschuwing")
    expect(vak).to_be_visible()
    assert veld.get_attribute("aria-invalid") is None
    assert f"{veld_id}-melding" in (veld.get_attribute("aria-describedby") or "").split()
    return vak.inner_text()


def test_een_casus_vanaf_niets_met_het_toetsenbord_en_de_cijfers_kloppen_met_bereken(
    browser: Browser, echte_sessie: str, casusmap: Path
) -> None:
    """Done when 1 en 3: met alleen Tab, typen en Enter een nieuwe casus maken, elke '<VUL IN' vervangen, en zien dat
    regelprijzen en totalen verschijnen; opslaan (met bevestiging na de diff, want 'nieuw' schreef het bestand), dan
    accepteert `controleer` het bestand en geeft `bereken --json` dezelfde totalen en besparing als de pagina."""
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(echte_sessie + "/")
        _typ(pagina, "nieuw-id", "RTD-77")
        _naar(pagina, "nieuw-gemeente")
        pagina.keyboard.type("Rotterdam")
        with pagina.expect_navigation():
            pagina.keyboard.press("Enter")
        assert pagina.url.endswith("/casus/rtd-77.yaml")
        expect(pagina.locator("#totaal-voor_2015")).to_contain_text("–")  # nog niet te beprijzen
        for veld_id, tekst in (
            ("team", "Wijkteam Noord"),
            ("situatie", "Alleenstaande met schulden; post bleef liggen."),
            ("onderbouwing", "Zonder team was de hulp bij het huishouden doorgelopen."),
            ("trajecten-voor_2015-beschrijving", "Wmo-consulent indiceert hulp bij het huishouden."),
            ("trajecten-voor_2015-inzet-0-tarief", "hbh_uur"),
            ("trajecten-voor_2015-inzet-0-toelichting", "indicatie van de consulent"),
            ("trajecten-sociaal_team-beschrijving", "De sociaal werker regelt een schuldmaatje."),
            ("trajecten-sociaal_team-inzet-0-tarief", "wijkteam_uur"),
        ):
            _typ(pagina, veld_id, tekst)
        expect(pagina.locator("#prijs-voor_2015-0")).to_contain_text("€")
        expect(pagina.locator("#prijs-sociaal_team-0")).to_contain_text("€")
        expect(pagina.locator("#antwoord")).to_contain_text("geen fouten")
        totaal_voor = _euro(pagina.locator("#totaal-voor_2015 strong").inner_text())
        totaal_team = _euro(pagina.locator("#totaal-sociaal_team strong").inner_text())
        besparing = _euro(pagina.locator("#besparing").inner_text())
        # één regel per traject: het totaal van het traject is de prijs van die regel
        assert totaal_voor == _euro(pagina.locator("#prijs-voor_2015-0").inner_text())
        assert totaal_team == _euro(pagina.locator("#prijs-sociaal_team-0").inner_text())
        _naar(pagina, "opslaan")
        with pagina.expect_navigation():
            pagina.keyboard.press("Enter")
        if pagina.locator("#bevestig").count():
            _naar(pagina, "bevestig")
            with pagina.expect_navigation():
                pagina.keyboard.press("Enter")
        expect(pagina.locator("#bericht")).to_have_text("Opgeslagen.")
    bestand = casusmap / "rtd-77.yaml"
    assert "VUL IN" not in bestand.read_text(encoding="utf-8")
    controleer = draai_in_proces("controleer", str(bestand), "--tarieven", str(PROJECT / "tarieven"))
    assert controleer.returncode == 0, controleer.stderr
    assert "In orde" in controleer.stdout
    bereken = draai_in_proces("bereken", str(bestand), "--tarieven", str(PROJECT / "tarieven"), "--json")
    assert bereken.returncode == 0, bereken.stderr
    cijfers = json.loads(bereken.stdout)["casussen"][0]
    # de pagina toont hele euro's: vergelijk afgerond
    assert round(cijfers["kosten_voor_2015"]) == totaal_voor
    assert round(cijfers["kosten_sociaal_team"]) == totaal_team
    assert round(cijfers["antwoord"]["schatting"]) == besparing


def test_de_typische_fouten_staan_elk_bij_hun_veld(browser: Browser, echte_sessie: str) -> None:
    """Done when 2: een verschreven tariefcode en een kans van '50%': elke melding (dezelfde tekst als `controleer`)
    staat in het vak waar het veld met aria-describedby naar wijst, en het veld is aria-invalid."""
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(echte_sessie + "/casus/rotterdam/rtd-01.yaml")
        _typ(pagina, "trajecten-voor_2015-inzet-1-tarief", "hbh_uurr")
        assert "onbekende tariefcode 'hbh_uurr'" in _melding_bij(pagina, "trajecten-voor_2015-inzet-1-tarief")
        assert "bedoelde u 'hbh_uur'?" in _melding_bij(pagina, "trajecten-voor_2015-inzet-1-tarief")
        _typ(pagina, "trajecten-voor_2015-inzet-2-kans", "50%")
        assert "niet als procent: voor 50% schrijf 0.5" in _melding_bij(pagina, "trajecten-voor_2015-inzet-2-kans")
        expect(pagina.locator("#antwoord")).to_contain_text("bevat fouten")


def test_een_ontbrekende_toelichting_bij_een_kans_onder_100_procent(browser: Browser, echte_sessie: str) -> None:
    """Done when 2: de toelichting van een regel met kans 0,5 leegmaken geeft bij de toelichting de waarschuwing van
    `controleer` (geen fout: de uitkomst blijft staan)."""
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(echte_sessie + "/casus/rotterdam/rtd-01.yaml")
        _typ(pagina, "trajecten-voor_2015-inzet-2-toelichting", "")
        melding = _waarschuwing_bij(pagina, "trajecten-voor_2015-inzet-2-toelichting")
        assert "kans 50% zonder toelichting: schrijf waarom deze inzet vóór 2015 maar met die kans" in melding
        expect(pagina.locator("#antwoord")).not_to_contain_text("bevat fouten")


def test_een_handgeschreven_casus_toont_de_diff_voor_het_opslaan(
    browser: Browser, echte_sessie: str, casusmap: Path
) -> None:
    """Done when 4: een meegeleverde, met de hand geschreven casus openen, één regel wijzigen (aantal 1 -> 3) en
    opslaan: eerst de diff (met de gewijzigde regel en de commentaarregel die verdwijnt), het bestand is dan nog
    ongewijzigd; pas na 'Ja, zo opslaan' staat de wijziging in het bestand."""
    bestand = casusmap / "rotterdam" / "rtd-03.yaml"
    oud = bestand.read_bytes()
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(echte_sessie + "/casus/rotterdam/rtd-03.yaml")
        _typ(pagina, "trajecten-voor_2015-inzet-1-aantal", "3")
        with pagina.expect_navigation():
            pagina.locator("#opslaan").click()
        diff = pagina.locator("#diff")
        expect(diff).to_be_visible()
        tekst = diff.inner_text()
        assert "-zwaarte: meervoudig  # meerdere leefgebieden" in tekst  # het commentaar gaat verloren
        assert bestand.read_bytes() == oud
        with pagina.expect_navigation():
            pagina.locator("#bevestig").click()
        expect(pagina.locator("#bericht")).to_have_text("Opgeslagen.")
    gelezen = yaml.safe_load(bestand.read_text(encoding="utf-8"))
    assert gelezen["trajecten"]["voor_2015"]["inzet"][1]["aantal"] == 3


@pytest.mark.parametrize(
    ("pad", "fouten_tonen"),
    [
        pytest.param("/casus/rotterdam/rtd-01.yaml", False, id="editor"),
        pytest.param("/casus/rotterdam/rtd-01.yaml", True, id="editor-met-fouten"),
        pytest.param("/casus/rotterdam/rtd-01.yaml/print", False, id="afdrukweergave"),
    ],
)
def test_editor_en_afdruk_hebben_geen_toegankelijkheidsfouten(
    browser: Browser, echte_sessie: str, pad: str, fouten_tonen: bool
) -> None:
    """Done when 6: axe-core vindt 0 overtredingen in de editor, in de editor met meldingen bij de velden, en in de
    afdrukweergave (de CSP staat alleen voor het laden van axe uit)."""
    with nieuwe_pagina(browser, bypass_csp=True) as pagina:
        pagina.goto(echte_sessie + pad)
        if fouten_tonen:
            _typ(pagina, "trajecten-voor_2015-inzet-1-tarief", "hbh_uurr")
            _typ(pagina, "trajecten-voor_2015-inzet-2-kans", "50%")
            _melding_bij(pagina, "trajecten-voor_2015-inzet-2-kans")
        overtredingen = axe(pagina)
        assert overtredingen == [], axe_samenvatting(overtredingen)


def test_het_lees_token_kan_in_de_editor_niets_invullen(
    browser: Browser, lan_sessie: tuple[server.Sessie, str]
) -> None:
    """Een deelnemer ziet de editor met de cijfers, maar elk zichtbaar veld is uitgeschakeld en er is geen knop om
    op te slaan."""
    sessie, basis = lan_sessie
    with nieuwe_pagina(browser) as pagina:
        pagina.goto(f"{basis}/casus/rotterdam/rtd-03.yaml?token={sessie.lees_token}")
        expect(pagina.locator("#totaal-voor_2015")).to_contain_text("€")
        velden = pagina.locator("input:not([type=hidden]), textarea, select")
        assert velden.count() > 20
        assert [i for i in range(velden.count()) if velden.nth(i).is_editable()] == []
        assert pagina.locator("#opslaan").count() == 0


def test_dns_rebinding_een_vreemde_naam_voor_127_0_0_1_wordt_geweigerd(browser: Browser, echte_sessie: str) -> None:
    """Een aanvaller laat evil.example naar 127.0.0.1 wijzen (DNS-rebinding; hier met Chromiums host-resolver-rules):
    de browser stuurt dan Host evil.example, en de sessie antwoordt 400 zonder iets van de casussen te tonen."""
    from tests.browser import CHROMIUM_ARGS, chromium_pad

    poort = echte_sessie.rsplit(":", 1)[1]
    tweede = browser.browser_type.launch(
        executable_path=str(chromium_pad()),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        pagina = tweede.new_page()
        antwoord = pagina.goto(f"http://evil.example:{poort}/")
        assert antwoord is not None
        assert antwoord.status == 400
        assert "onbekende Host-header" in pagina.content()
        assert "RTD-01" not in pagina.content()
    finally:
        tweede.close()


def test_een_deelnemer_ziet_het_nieuwe_totaal_zonder_te_herladen(
    browser: Browser, lan_sessie: tuple[server.Sessie, str]
) -> None:
    """Meekijken (--lan): de facilitator maakt van het keukentafelgesprek in rtd-03 (aantal 1, eenmalig) er 3, zonder
    op te slaan; binnen enkele seconden toont de pagina van de deelnemer (een eigen browsercontext met het
    lees-token, CSP aan) het nieuwe aantal, de nieuwe regelprijs en het nieuwe totaal, gemarkeerd als nog niet
    opgeslagen, zonder dat de pagina herlaadt, verspringt of de focus verliest;
    axe vindt daarna 0 overtredingen op die pagina."""
    sessie, basis = lan_sessie
    url = f"{basis}/casus/rotterdam/rtd-03.yaml"
    meldingen: list[str] = []
    with nieuwe_pagina(browser) as facilitator, nieuwe_pagina(browser, hoogte=600) as deelnemer:
        deelnemer.on("console", lambda m: meldingen.append(m.text))
        deelnemer.goto(f"{url}?token={sessie.lees_token}")
        expect(deelnemer.locator("#meekijk-stand")).to_contain_text("Zoals opgeslagen in het bestand")
        prijs_voor = _euro(deelnemer.locator("#prijs-voor_2015-1").inner_text())
        totaal_voor = _euro(deelnemer.locator("#totaal-voor_2015 strong").inner_text())
        deelnemer.locator("#naar-afdruk").focus()
        deelnemer.evaluate("() => { window.nietHerladen = true; window.scrollTo(0, 300); }")

        facilitator.goto(f"{url}?token={sessie.schrijf_token}")
        _typ(facilitator, "trajecten-voor_2015-inzet-1-aantal", "3")

        expect(deelnemer.locator("#meekijk-stand")).to_contain_text("Nog niet opgeslagen", timeout=8000)
        expect(deelnemer.locator("#trajecten-voor_2015-inzet-1-aantal")).to_have_value("3")
        expect(deelnemer.locator("#trajecten-voor_2015-inzet-1-aantal")).to_be_disabled()
        prijs_na = _euro(deelnemer.locator("#prijs-voor_2015-1").inner_text())
        totaal_na = _euro(deelnemer.locator("#totaal-voor_2015 strong").inner_text())
        assert deelnemer.evaluate("() => window.nietHerladen === true"), "de pagina van de deelnemer herlaadde"
        assert deelnemer.evaluate("() => window.scrollY") == 300
        assert deelnemer.evaluate("() => document.activeElement.id") == "naar-afdruk"
    # drie in plaats van één gesprek: de regel kost 3 x zoveel en het totaal stijgt met 2 x de oude regelprijs;
    # elk getoond bedrag is op hele euro's afgerond, dus 3 x een afgerond bedrag wijkt hooguit 1,5 euro af
    assert prijs_voor > 0
    assert prijs_na == pytest.approx(3 * prijs_voor, abs=1.5)
    assert totaal_na - totaal_voor == pytest.approx(prijs_na - prijs_voor, abs=1)
    assert [m for m in meldingen if "Content Security Policy" in m] == []

    with nieuwe_pagina(browser, bypass_csp=True) as later:
        later.goto(f"{url}?token={sessie.lees_token}")
        expect(later.locator("#meekijk-stand")).to_contain_text("Nog niet opgeslagen")  # wie later komt, ziet de stand
        overtredingen = axe(later)
        assert overtredingen == [], axe_samenvatting(overtredingen)


# --- op een telefoon (390 px breed) --------------------------------------------------------------------------------

TELEFOON = 390

#: de pagina's van een sessie zoals een facilitator ze op een telefoon opent; "editor-met-fout" heeft een kans van
#: "50%", zodat bovenaan de langste status staat ("bevat fouten: alleen als concept op te slaan") en bij het veld een
#: melding
OP_EEN_TELEFOON = [
    pytest.param("/", False, id="casuslijst"),
    pytest.param("/casus/rotterdam/rtd-01.yaml", False, id="editor"),
    pytest.param("/casus/rotterdam/rtd-01.yaml", True, id="editor-met-fout"),
    pytest.param("/casus/rotterdam/rtd-01.yaml/print", False, id="afdrukweergave"),
]

#: elk zichtbaar element dat links of rechts buiten het scherm steekt, behalve binnen een scrollvak (een voorouder
#: met overflow-x auto of scroll: daar scrolt de tabel in haar eigen vak) of een bewust onzichtbaar element (de
#: overslaan-link staat geheel buiten beeld tot hij focus krijgt; de kolomkoppen van de kaartjes zijn geknipt)
_BUITEN_HET_SCHERM = """() => {
  const breedte = document.documentElement.clientWidth;
  const verborgen = e => { for (let a = e; a; a = a.parentElement) { const s = getComputedStyle(a);
    if (s.clipPath !== 'none' || s.clip !== 'auto') return true; } return false; };
  const inScrollvak = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const uit = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= breedte) continue;
    if ((r.left < -0.5 || r.right > breedte + 0.5) && !inScrollvak(e) && !verborgen(e)) {
      const naam = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}`;
      uit.push(`${naam} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return uit;
}"""

#: elk zichtbaar element met eigen tekst (of een invoerveld) met een lettergrootte onder 12 px
_TE_KLEINE_TEKST = """() => {
  const uit = [];
  for (const e of document.body.querySelectorAll('*')) {
    const eigen = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== '')
      || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(e.tagName);
    const r = e.getBoundingClientRect();
    if (!eigen || r.width === 0 || r.height === 0) continue;
    const grootte = parseFloat(getComputedStyle(e).fontSize);
    const tekst = e.textContent.trim().slice(0, 40);
    if (grootte < 12) uit.push(`${e.tagName.toLowerCase()}.${e.className} ${grootte}px: ${tekst}`);
  }
  return uit;
}"""


def _open_op_een_telefoon(pagina: Page, url: str, met_fout: bool) -> None:
    pagina.goto(url)
    if met_fout:
        _typ(pagina, "trajecten-voor_2015-inzet-2-kans", "50%")
        _melding_bij(pagina, "trajecten-voor_2015-inzet-2-kans")
        expect(pagina.locator("#antwoord")).to_contain_text("bevat fouten: alleen als concept op te slaan")


@pytest.mark.parametrize(("pad", "met_fout"), OP_EEN_TELEFOON)
def test_op_een_telefoon_scrolt_de_pagina_niet_opzij(
    browser: Browser, echte_sessie: str, pad: str, met_fout: bool
) -> None:
    """Op 390 px is de pagina niet breder dan het scherm (scrollWidth <= 390) en steekt geen element buiten het
    scherm, behalve binnen een scrollvak: de casuslijst staat als kaartjes, een status breekt af, de tabellen van de
    afdrukweergave scrollen in hun eigen vak."""
    with nieuwe_pagina(browser, breedte=TELEFOON, hoogte=844) as pagina:
        _open_op_een_telefoon(pagina, echte_sessie + pad, met_fout)
        assert pagina.evaluate("document.documentElement.scrollWidth") <= TELEFOON
        assert pagina.evaluate(_BUITEN_HET_SCHERM) == []


@pytest.mark.parametrize(("pad", "met_fout"), OP_EEN_TELEFOON)
def test_op_een_telefoon_is_alle_tekst_minstens_12_px(
    browser: Browser, echte_sessie: str, pad: str, met_fout: bool
) -> None:
    """Op 390 px heeft elke zichtbare tekst (ook in invoervelden en knoppen) een lettergrootte van minstens 12 px."""
    with nieuwe_pagina(browser, breedte=TELEFOON, hoogte=844) as pagina:
        _open_op_een_telefoon(pagina, echte_sessie + pad, met_fout)
        assert pagina.evaluate(_TE_KLEINE_TEKST) == []


@pytest.mark.parametrize(("pad", "met_fout"), OP_EEN_TELEFOON)
def test_op_een_telefoon_geen_toegankelijkheidsfouten(
    browser: Browser, echte_sessie: str, pad: str, met_fout: bool
) -> None:
    """axe-core vindt ook op 390 px 0 overtredingen (de kaartjes van de casuslijst, het scrollvak van de afdruk)."""
    with nieuwe_pagina(browser, breedte=TELEFOON, hoogte=844, bypass_csp=True) as pagina:
        _open_op_een_telefoon(pagina, echte_sessie + pad, met_fout)
        overtredingen = axe(pagina)
        assert overtredingen == [], axe_samenvatting(overtredingen)


def test_op_een_telefoon_dekt_de_uitkomst_geen_veld_af(browser: Browser, echte_sessie: str) -> None:
    """Op 390 px plakt de uitkomst niet boven aan het scherm: een veld ver onder in de editor (de eerste toelichting
    bij de doelen), bovenaan het scherm gescrold, is daar zelf het bovenste element en niet het uitkomstpaneel."""
    with nieuwe_pagina(browser, breedte=TELEFOON, hoogte=844) as pagina:
        pagina.goto(echte_sessie + "/casus/rotterdam/rtd-01.yaml")
        veld = pagina.locator(".doelen textarea").first
        bovenste = veld.evaluate(
            """e => { e.scrollIntoView({block: 'start'}); const r = e.getBoundingClientRect();
                     const o = document.elementFromPoint(r.left + r.width / 2, r.top + 5);
                     return o === e ? 'veld' : (o && o.closest('#antwoord') ? 'uitkomst' : String(o && o.tagName)); }"""
        )
        assert bovenste == "veld"


def test_afgedrukt_past_elke_tabel_in_haar_helft_van_de_pagina(browser: Browser, echte_sessie: str) -> None:
    """Afgedrukt op A4 (printmedia, 718 px breed: 210 mm op 96 dpi min de standaardmarges van Chromium) staan beide
    trajecten naast elkaar en valt elke tabel binnen haar eigen traject, niet over het andere heen."""
    with nieuwe_pagina(browser, breedte=718, hoogte=1000) as pagina:
        pagina.emulate_media(media="print")
        pagina.goto(echte_sessie + "/casus/rotterdam/rtd-01.yaml/print")
        maten = pagina.evaluate(
            """() => [...document.querySelectorAll('.traject')].map(s => {
                 const r = s.getBoundingClientRect(); const t = s.querySelector('table').getBoundingClientRect();
                 return [Math.round(r.left), Math.round(r.right), Math.round(t.left), Math.round(t.right)]; })"""
        )
    assert len(maten) == 2
    (links_l, links_r, tabel_l_l, tabel_l_r), (rechts_l, rechts_r, tabel_r_l, tabel_r_r) = maten
    assert links_r <= rechts_l  # naast elkaar, niet onder elkaar
    assert links_l <= tabel_l_l
    assert tabel_l_r <= links_r
    assert rechts_l <= tabel_r_l
    assert tabel_r_r <= rechts_r
