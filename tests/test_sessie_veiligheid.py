"""De beveiliging van de casussessie (issue 26): Host-lijst, tokens en cookie, CSRF en Sec-Fetch-Site,
beveiligingsheaders, en paden die alleen naar *.yaml in de casusmap mogen wijzen.

Een kleine Starlette-app achter `beveiligd`, gedreven met Starlette's TestClient (Host `testserver`)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

with warnings.catch_warnings():
    # starlette 1.10 wil httpx2 voor de TestClient en waarschuwt bij httpx; beide werken hier (issue 26)
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", category=UserWarning)
    from starlette.testclient import TestClient

from casuskosten.fouten import CasuskostenFout
from casuskosten.sessie import veiligheid
from casuskosten.sessie.veiligheid import COOKIE, CSP, CasuspadFout, beveiligd, casuspad, toegang

SCHRIJF = "schrijf-geheim-0123456789"
LEES = "lees-geheim-9876543210"
ZELFDE_SITE = {"sec-fetch-site": "same-origin"}


async def _lees(request: Request) -> Response:
    t = toegang(request)
    return JSONResponse({"schrijven": t.schrijven, "csrf": t.csrf}, headers={"cache-control": "max-age=3600"})


async def _schrijf(request: Request) -> Response:
    async with request.form() as formulier:
        return JSONResponse({"naam": formulier.get("naam"), "schrijven": toegang(request).schrijven})


def _app() -> Starlette:
    return Starlette(routes=[Route("/", _lees), Route("/casus", _schrijf, methods=["POST", "PUT", "DELETE"])])


def _klant(schrijf_token: str | None = None, lees_token: str | None = None, **opties: object) -> TestClient:
    app = beveiligd(_app(), hosts=["testserver", "127.0.0.1"], schrijf_token=schrijf_token, lees_token=lees_token)
    return TestClient(app, follow_redirects=False, **opties)


def _csrf(klant: TestClient) -> str:
    antwoord = klant.get("/")
    assert antwoord.status_code == 200
    waarde: str = antwoord.json()["csrf"]
    return waarde


# --- Host ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        pytest.param("evil.example", id="vreemde-naam"),
        pytest.param("testserver.evil.example", id="toegestane-naam-als-voorvoegsel"),
        pytest.param("testserver:abc", id="poort-geen-getal"),
        pytest.param("testserver:80:81", id="twee-poorten"),
        pytest.param("", id="leeg"),
    ],
)
def test_een_host_buiten_de_lijst_wordt_geweigerd(host: str) -> None:
    """Een Host-header die niet in de lijst staat (DNS-rebinding) krijgt 400 met een Nederlandse tekst, ook bij GET."""
    antwoord = _klant().get("/", headers={"host": host})
    assert antwoord.status_code == 400
    assert "onbekende Host-header" in antwoord.text


def test_een_host_uit_de_lijst_mag_met_een_poort() -> None:
    """`127.0.0.1:51234` past bij de naam `127.0.0.1` uit de lijst: de poort is vrij (poort 0 bij het starten)."""
    assert _klant().get("/", headers={"host": "127.0.0.1:51234"}).status_code == 200


# --- beveiligingsheaders ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "verzoek",
    [
        pytest.param(lambda k: k.get("/"), id="gewoon-antwoord"),
        pytest.param(lambda k: k.get("/", headers={"host": "evil.example"}), id="weigering-host"),
        pytest.param(lambda k: k.post("/casus", headers=ZELFDE_SITE), id="weigering-csrf"),
        pytest.param(lambda k: k.get("/bestaat-niet"), id="404-van-de-app"),
    ],
)
def test_elk_antwoord_krijgt_de_beveiligingsheaders(verzoek: Callable[[TestClient], object]) -> None:
    """Elk antwoord, ook een weigering of een 404, heeft de strikte CSP, nosniff, Referrer-Policy same-origin en
    no-store; een Cache-Control van de app wordt overschreven."""
    antwoord = verzoek(_klant())
    headers = antwoord.headers
    assert headers["content-security-policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"
    assert headers.get_list("cache-control") == ["no-store"]


def test_de_csp_staat_geen_inline_script_toe() -> None:
    """Geen 'unsafe-inline' of 'unsafe-eval' in de CSP: een script kan alleen een bestand van de server zijn."""
    assert "unsafe" not in CSP
    assert "script-src 'self'" in CSP


# --- lokaal: de enige gebruiker schrijft, maar alleen vanaf de eigen pagina ------------------------------------------


def test_lokaal_schrijft_de_enige_gebruiker_met_csrf_in_de_header() -> None:
    """Zonder tokens mag een POST met het CSRF-token in X-CSRF-Token en Sec-Fetch-Site same-origin; de app krijgt de
    body ongeschonden (het formulierveld naam)."""
    klant = _klant()
    antwoord = klant.post("/casus", data={"naam": "Één casus"}, headers={**ZELFDE_SITE, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 200
    assert antwoord.json() == {"naam": "Één casus", "schrijven": True}


def test_het_csrf_token_mag_ook_als_formulierveld() -> None:
    """Een gewoon formulier (zonder htmx) stuurt het token als veld `csrf`; url-gecodeerd en multipart werken."""
    klant = _klant()
    csrf = _csrf(klant)
    gecodeerd = klant.post("/casus", data={"naam": "a", "csrf": csrf}, headers=ZELFDE_SITE)
    multipart = klant.post(
        "/casus",
        content=(
            f'--g\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            '--g\r\nContent-Disposition: form-data; name="naam"\r\n\r\nb\r\n--g--\r\n'
        ).encode(),
        headers={**ZELFDE_SITE, "content-type": "multipart/form-data; boundary=g"},
    )
    assert (gecodeerd.status_code, gecodeerd.json()["naam"]) == (200, "a")
    assert (multipart.status_code, multipart.json()["naam"]) == (200, "b")


@pytest.mark.parametrize("methode", ["POST", "PUT", "DELETE"])
@pytest.mark.parametrize(
    "csrf",
    [pytest.param(None, id="zonder-csrf"), pytest.param("verzonnen", id="verkeerd-csrf"), pytest.param("", id="leeg")],
)
def test_schrijven_zonder_geldig_csrf_token_wordt_geweigerd(methode: str, csrf: str | None) -> None:
    """POST, PUT en DELETE zonder of met een verkeerd CSRF-token: 403, en de app wordt niet aangeroepen."""
    headers = {**ZELFDE_SITE, **({"x-csrf-token": csrf} if csrf is not None else {})}
    antwoord = _klant().request(methode, "/casus", headers=headers)
    assert antwoord.status_code == 403
    assert "CSRF-token ontbreekt of klopt niet" in antwoord.text


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_een_verzoek_van_een_andere_site_wordt_geweigerd_ook_met_geldig_csrf(site: str) -> None:
    """Sec-Fetch-Site cross-site of same-site (een andere poort of subdomein): 403, ook met een geldig CSRF-token."""
    klant = _klant()
    antwoord = klant.post("/casus", headers={"sec-fetch-site": site, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 403
    assert "andere site (Sec-Fetch-Site)" in antwoord.text


def test_zonder_sec_fetch_site_mag_het_met_een_passende_origin_en_csrf() -> None:
    """Een oudere browser zonder Fetch Metadata: toegestaan als de Origin bij de Host past en het CSRF-token klopt."""
    klant = _klant()
    antwoord = klant.post("/casus", headers={"origin": "http://testserver", "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 200


@pytest.mark.parametrize(
    ("headers", "tekst"),
    [
        pytest.param({}, "geen Sec-Fetch-Site en geen Origin", id="geen-origin"),
        pytest.param({"origin": "http://evil.example"}, "Origin past niet bij Host", id="vreemde-origin"),
        pytest.param({"origin": "null"}, "Origin past niet bij Host", id="origin-null"),
        pytest.param({"origin": "http://testserver:8000"}, "Origin past niet bij Host", id="andere-poort"),
        pytest.param({**ZELFDE_SITE, "origin": "http://evil.example"}, "Origin past niet bij Host", id="tegenstrijdig"),
    ],
)
def test_een_verzoek_zonder_bewijs_van_herkomst_wordt_geweigerd(headers: dict[str, str], tekst: str) -> None:
    """Geen Sec-Fetch-Site en geen Origin, of een Origin die niet bij de Host past: 403, ook met geldig CSRF."""
    klant = _klant()
    antwoord = klant.post("/casus", headers={**headers, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 403
    assert tekst in antwoord.text


def test_een_te_groot_verzoek_wordt_geweigerd() -> None:
    """Een body boven MAX_VERZOEK (4 MB) wordt niet in het geheugen gelezen maar met 413 geweigerd."""
    klant = _klant()
    body = b"x" * (veiligheid.MAX_VERZOEK + 1)
    antwoord = klant.post("/casus", content=body, headers={**ZELFDE_SITE, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 413


def test_elke_server_heeft_een_eigen_csrf_geheim() -> None:
    """Het CSRF-token van de ene server geldt niet bij een andere (of na een herstart)."""
    eerste, tweede = _klant(), _klant()
    assert _csrf(eerste) != _csrf(tweede)
    antwoord = tweede.post("/casus", headers={**ZELFDE_SITE, "x-csrf-token": _csrf(eerste)})
    assert antwoord.status_code == 403


# --- met --lan: tokens, cookie en alleen lezen --------------------------------------------------------------------


def test_met_tokens_is_er_zonder_cookie_geen_toegang() -> None:
    """Met --lan krijgt wie geen token heeft 403 met een Nederlandse uitleg, ook voor een GET."""
    antwoord = _klant(SCHRIJF, LEES).get("/")
    assert antwoord.status_code == 403
    assert "token van de facilitator" in antwoord.text


def test_het_token_uit_de_url_wordt_een_strikt_cookie_en_verdwijnt_uit_de_url() -> None:
    """`?token=...` geeft een HttpOnly, SameSite=Strict cookie en een 303 naar dezelfde URL zonder het token (andere
    parameters blijven)."""
    antwoord = _klant(SCHRIJF, LEES).get("/", params={"token": SCHRIJF, "casus": "a.yaml"})
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/?casus=a.yaml"
    cookie = antwoord.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={SCHRIJF};")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Path=/" in cookie


def test_een_link_van_een_andere_site_gaat_verder_via_een_eigen_pagina() -> None:
    """Komt de token-URL van een andere site (Sec-Fetch-Site cross-site), dan geen 303 maar een pagina met
    meta-refresh: na een 303 in een keten die elders begon, stuurt de browser het Strict-cookie niet mee."""
    antwoord = _klant(SCHRIJF, LEES).get("/", params={"token": LEES}, headers={"sec-fetch-site": "cross-site"})
    assert antwoord.status_code == 200
    assert '<meta http-equiv="refresh" content="0;url=/">' in antwoord.text
    assert "<script" not in antwoord.text
    assert "SameSite=Strict" in antwoord.headers["set-cookie"]


def test_het_schrijf_token_mag_schrijven() -> None:
    """Met het cookie van het schrijf-token ziet de app schrijven=True en mag een POST met het eigen CSRF-token."""
    klant = _klant(SCHRIJF, LEES)
    klant.get("/", params={"token": SCHRIJF})
    assert klant.get("/").json()["schrijven"] is True
    antwoord = klant.post("/casus", data={"naam": "x"}, headers={**ZELFDE_SITE, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 200


def test_het_lees_token_mag_lezen_maar_niet_schrijven() -> None:
    """Met het lees-token ziet de app schrijven=False, en een POST wordt geweigerd, ook met het eigen CSRF-token."""
    klant = _klant(SCHRIJF, LEES)
    klant.get("/", params={"token": LEES})
    assert klant.get("/").json()["schrijven"] is False
    antwoord = klant.post("/casus", headers={**ZELFDE_SITE, "x-csrf-token": _csrf(klant)})
    assert antwoord.status_code == 403
    assert "kijkt mee" in antwoord.text


def test_het_csrf_token_hangt_aan_het_toegangstoken() -> None:
    """Wie meekijkt, krijgt een ander CSRF-token dan de facilitator: het zijne werkt niet met het schrijf-cookie."""
    facilitator, deelnemer = _klant(SCHRIJF, LEES), None
    facilitator.get("/", params={"token": SCHRIJF})
    deelnemer = TestClient(facilitator.app, follow_redirects=False)
    deelnemer.get("/", params={"token": LEES})
    csrf_deelnemer = _csrf(deelnemer)
    assert csrf_deelnemer != _csrf(facilitator)
    antwoord = facilitator.post("/casus", headers={**ZELFDE_SITE, "x-csrf-token": csrf_deelnemer})
    assert antwoord.status_code == 403


@pytest.mark.parametrize(
    "token", [pytest.param("verkeerd", id="verzonnen"), pytest.param(SCHRIJF[:-1], id="bijna-goed"), ""]
)
def test_een_verkeerd_token_in_de_url_geeft_geen_cookie(token: str) -> None:
    """Een onbekend token in de URL: 403 en geen cookie."""
    antwoord = _klant(SCHRIJF, LEES).get("/", params={"token": token})
    assert antwoord.status_code == 403
    assert "set-cookie" not in antwoord.headers


def test_een_token_in_de_url_van_een_post_geeft_geen_toegang() -> None:
    """Alleen een GET zet het cookie; een POST naar `?token=...` zonder cookie blijft geweigerd."""
    antwoord = _klant(SCHRIJF, LEES).post(f"/casus?token={SCHRIJF}", headers=ZELFDE_SITE)
    assert antwoord.status_code == 403
    assert "set-cookie" not in antwoord.headers


def test_tokens_worden_in_constante_tijd_vergeleken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Elk token (cookie en URL) gaat door hmac.compare_digest, en steeds tegen beide tokens."""
    vergeleken: list[bytes] = []
    echt = veiligheid.hmac.compare_digest

    def tel(a: bytes, b: bytes) -> bool:
        vergeleken.append(b)
        return echt(a, b)

    monkeypatch.setattr(veiligheid.hmac, "compare_digest", tel)
    _klant(SCHRIJF, LEES, cookies={COOKIE: "verkeerd"}).get("/")
    assert vergeleken == [SCHRIJF.encode(), LEES.encode()]


def test_een_lees_token_zonder_schrijf_token_is_een_programmeerfout() -> None:
    """`beveiligd` met alleen een lees-token zou niemand laten schrijven: ValueError bij het opbouwen."""
    with pytest.raises(ValueError, match="lees-token zonder schrijf-token"):
        beveiligd(_app(), hosts=["testserver"], schrijf_token=None, lees_token=LEES)


# --- casuspad -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relatief", "reden"),
    [
        pytest.param("", "leeg", id="leeg"),
        pytest.param("../buiten.yaml", "'..'", id="punt-punt"),
        pytest.param("gemeente/../../buiten.yaml", "'..'", id="punt-punt-diep"),
        pytest.param("./a.yaml", "'.'", id="punt"),
        pytest.param("gemeente//a.yaml", "lege delen", id="dubbele-slash"),
        pytest.param("/etc/passwd.yaml", "absoluut pad", id="absoluut"),
        pytest.param("C:/casussen/a.yaml", "absoluut pad", id="schijfletter"),
        pytest.param("gemeente\\a.yaml", "backslash", id="backslash"),
        pytest.param("..\\buiten.yaml", "backslash", id="backslash-punt-punt"),
        pytest.param("a\x00.yaml", "stuurteken", id="nul"),
        pytest.param("a\n.yaml", "stuurteken", id="nieuwe-regel"),
        pytest.param(".verborgen.yaml", "verborgen naam", id="verborgen-bestand"),
        pytest.param(".git/a.yaml", "verborgen naam", id="verborgen-map"),
        pytest.param("a.yml", "extensie .yaml", id="yml"),
        pytest.param("a.yaml.txt", "extensie .yaml", id="dubbele-extensie"),
        pytest.param("a.YAML", "extensie .yaml", id="hoofdletters"),
        pytest.param("gemeente", "extensie .yaml", id="map"),
    ],
)
def test_casuspad_weigert_een_pad_buiten_de_regels(tmp_path: Path, relatief: str, reden: str) -> None:
    """Alleen `*.yaml` in of onder de map: elk ander pad geeft een CasuspadFout (uit de eigen familie) met de reden."""
    with pytest.raises(CasuspadFout) as fout:
        casuspad(tmp_path, relatief)
    assert isinstance(fout.value, CasuskostenFout)
    assert "dit pad is niet toegestaan" in str(fout.value)
    assert reden in str(fout.value)


def test_casuspad_herhaalt_geen_stuurteken_uit_het_pad(tmp_path: Path) -> None:
    """Een ESC in het pad komt niet rauw in de melding (Melding maakt het zichtbaar als \\x1b)."""
    with pytest.raises(CasuspadFout) as fout:
        casuspad(tmp_path, "a\x1b[2J.yaml")
    assert "\x1b" not in str(fout.value)


@pytest.mark.parametrize("relatief", ["a.yaml", "rotterdam/rtd-04.yaml", "nieuw/diep/casus.yaml"])
def test_casuspad_geeft_een_yaml_in_of_onder_de_map(tmp_path: Path, relatief: str) -> None:
    """Een (nog niet bestaand) `*.yaml` in of onder de map geeft het opgeloste pad daarbinnen."""
    assert casuspad(tmp_path, relatief) == tmp_path.resolve() / relatief


def test_casuspad_decodeert_niet_zelf(tmp_path: Path) -> None:
    """`%2e%2e` is voor casuspad een gewone naam binnen de map (Starlette decodeert de URL één keer; twee keer
    decoderen zou `..` alsnog binnenlaten)."""
    assert casuspad(tmp_path, "%2e%2e/a.yaml") == tmp_path.resolve() / "%2e%2e" / "a.yaml"


@pytest.mark.skipif(os.name == "nt", reason="symbolische links vragen op Windows extra rechten")
def test_casuspad_weigert_een_symlink_die_uit_de_map_wijst(tmp_path: Path) -> None:
    """Een bestand of map in de casusmap die een link naar buiten is, geeft een CasuspadFout."""
    map_ = tmp_path / "casussen"
    buiten = tmp_path / "buiten"
    map_.mkdir()
    buiten.mkdir()
    (buiten / "geheim.yaml").write_text("id: X\n", encoding="utf-8")
    (map_ / "link.yaml").symlink_to(buiten / "geheim.yaml")
    (map_ / "linkmap").symlink_to(buiten, target_is_directory=True)
    for relatief in ("link.yaml", "linkmap/geheim.yaml", "linkmap/nieuw.yaml"):
        with pytest.raises(CasuspadFout, match="buiten de casusmap"):
            casuspad(map_, relatief)


@pytest.mark.skipif(os.name == "nt", reason="symbolische links vragen op Windows extra rechten")
def test_casuspad_staat_een_symlink_binnen_de_map_toe(tmp_path: Path) -> None:
    """Een link naar een .yaml binnen de map mag; het pad wijst dan naar het echte bestand."""
    (tmp_path / "echt.yaml").write_text("id: X\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "echt.yaml")
    assert casuspad(tmp_path, "link.yaml") == (tmp_path / "echt.yaml").resolve()


def test_casuspad_weigert_een_map_met_een_yaml_naam(tmp_path: Path) -> None:
    """Een map die `x.yaml` heet, is geen casusbestand."""
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(CasuspadFout, match="geen bestand"):
        casuspad(tmp_path, "x.yaml")
