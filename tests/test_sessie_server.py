"""De server van de casussessie (`sessie/server.py`) en de opdracht `casuskosten sessie`: binden, Host-lijst, tokens
met --lan, netjes stoppen op SIGTERM, en de Nederlandse fouten van de opdrachtregel.

De server draait hier echt (uvicorn op een vrije poort, verzoeken over HTTP met http.client, zodat elke header
precies is wat de test zegt), met een kleine app in plaats van de editor: deze tests gaan over de server en de
beveiliging eromheen, niet over de schermen (die testen tests/test_sessie_browser.py)."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT, Draai

pytest.importorskip("starlette")

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from casuskosten.sessie import server
from casuskosten.sessie.veiligheid import COOKIE, toegang


async def _lees(request: Request) -> Response:
    t = toegang(request)
    return JSONResponse({"schrijven": t.schrijven, "csrf": t.csrf})


async def _schrijf(request: Request) -> Response:
    return JSONResponse({"geschreven": True})


def _kleine_app(map_: Path, **_: Any) -> Starlette:
    return Starlette(routes=[Route("/", _lees), Route("/schrijf", _schrijf, methods=["POST"])])


@pytest.fixture
def kleine_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """`maak_sessie` bouwt de kleine app hierboven in plaats van de editor."""
    monkeypatch.setattr(server, "_maak_app", lambda: _kleine_app)


def _verzoek(
    poort: int, methode: str, pad: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> tuple[int, dict[str, str], str]:
    """Eén HTTP-verzoek naar 127.0.0.1:`poort` met precies deze headers (ook Host); (status, headers, tekst)."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.putrequest(methode, pad, skip_host=True, skip_accept_encoding=True)
        alle = {"host": f"127.0.0.1:{poort}", **(headers or {})}
        if body:
            alle["content-length"] = str(len(body))
        for naam, waarde in alle.items():
            verbinding.putheader(naam, waarde)
        verbinding.endheaders(body or None)
        antwoord = verbinding.getresponse()
        return antwoord.status, {k.lower(): v for k, v in antwoord.getheaders()}, antwoord.read().decode("utf-8")
    finally:
        verbinding.close()


@pytest.fixture
def lokaal(kleine_app: None, tmp_path: Path) -> Iterator[int]:
    """Een echte server zonder --lan op een vrije poort van 127.0.0.1; geeft de poort."""
    with server.op_de_achtergrond(server.maak_sessie(tmp_path)) as poort:
        yield poort


# --- de beschermde app zonder te serveren --------------------------------------------------------------------------


def test_zonder_lan_alleen_deze_machine_en_geen_tokens(kleine_app: None, tmp_path: Path) -> None:
    """Zonder --lan: hosts 127.0.0.1 en localhost, geen tokens, één URL op 127.0.0.1 zonder token."""
    sessie = server.maak_sessie(tmp_path)
    assert sessie.hosts == ("127.0.0.1", "localhost")
    assert (sessie.schrijf_token, sessie.lees_token) == (None, None)
    assert sessie.urls(8123) == (("Casussessie", "http://127.0.0.1:8123/"),)


def test_met_lan_het_lan_adres_erbij_en_twee_verschillende_tokens(kleine_app: None, tmp_path: Path) -> None:
    """Met --lan staat het LAN-adres in de Host-lijst en de URL's, en zijn er twee tokens van 43 tekens
    (token_urlsafe(32): 32 bytes in base64 zonder opvulling = ceil(32 * 4 / 3) = 43), elk in zijn eigen URL."""
    sessie = server.maak_sessie(tmp_path, lan=True, adres="192.168.1.20")
    assert sessie.hosts == ("127.0.0.1", "localhost", "192.168.1.20")
    assert sessie.schrijf_token is not None
    assert sessie.lees_token is not None
    assert len(sessie.schrijf_token) == len(sessie.lees_token) == 43
    assert sessie.schrijf_token != sessie.lees_token
    (_, facilitator), (_, deelnemers) = sessie.urls(8123)
    assert facilitator == f"http://192.168.1.20:8123/?token={sessie.schrijf_token}"
    assert deelnemers == f"http://192.168.1.20:8123/?token={sessie.lees_token}"


def test_elke_sessie_met_lan_krijgt_nieuwe_tokens(kleine_app: None, tmp_path: Path) -> None:
    """Twee keer starten geeft andere tokens: een oude URL geeft na een herstart geen toegang meer."""
    een = server.maak_sessie(tmp_path, lan=True, adres="10.0.0.5")
    twee = server.maak_sessie(tmp_path, lan=True, adres="10.0.0.5")
    assert {een.schrijf_token, een.lees_token}.isdisjoint({twee.schrijf_token, twee.lees_token})


def test_lan_zonder_netwerkadres_wordt_geweigerd(
    kleine_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Heeft de machine alleen loopback, dan start --lan niet (deelnemers zouden er nooit bij kunnen)."""
    monkeypatch.setattr(server, "lan_adres", lambda: None)
    with pytest.raises(server.SessieFout, match="geen adres in een lokaal netwerk"):
        server.maak_sessie(tmp_path, lan=True)


def test_een_map_die_niet_bestaat_wordt_geweigerd(kleine_app: None, tmp_path: Path) -> None:
    """Een casusmap die er niet is: een SessieFout die de map noemt."""
    with pytest.raises(server.SessieFout, match="bestaat niet"):
        server.maak_sessie(tmp_path / "nergens")


def test_bind_kiest_een_vrije_poort_op_alleen_loopback() -> None:
    """`bind("127.0.0.1")` luistert op 127.0.0.1 en een poort > 0 die het besturingssysteem koos."""
    sock = server.bind(server.LOKAAL_ADRES)
    try:
        adres, poort = sock.getsockname()
        assert adres == "127.0.0.1"
        assert poort > 0
    finally:
        sock.close()


def test_een_bezette_poort_geeft_een_nederlandse_fout() -> None:
    """Een tweede server op dezelfde poort: SessieFout 'al in gebruik' met wat te doen (geen OSError)."""
    eerste = server.bind(server.LOKAAL_ADRES)
    try:
        poort = eerste.getsockname()[1]
        with pytest.raises(server.SessieFout, match=f"poort {poort} is al in gebruik; kies een andere met --poort"):
            server.bind(server.LOKAAL_ADRES, poort)
    finally:
        eerste.close()


# --- over HTTP tegen een echte server -----------------------------------------------------------------------------


def test_de_echte_server_antwoordt_met_de_beveiligingsheaders(lokaal: int) -> None:
    """Een GET op de echte server: 200, de strikte CSP en geen `server`-header (uvicorn noemt zich niet)."""
    status, headers, _ = _verzoek(lokaal, "GET", "/")
    assert status == 200
    assert headers["content-security-policy"].startswith("default-src 'self'; script-src 'self';")
    assert "server" not in headers


def test_de_echte_server_weigert_een_vreemde_host(lokaal: int) -> None:
    """DNS-rebinding: een Host die niet in de lijst staat, krijgt 400, ook al komt het verzoek op 127.0.0.1."""
    status, _, tekst = _verzoek(lokaal, "GET", "/", {"host": f"evil.example:{lokaal}"})
    assert status == 400
    assert "onbekende Host-header" in tekst


def test_de_echte_server_weigert_een_post_zonder_csrf(lokaal: int) -> None:
    """Een POST van de eigen site maar zonder CSRF-token: 403."""
    status, _, tekst = _verzoek(lokaal, "POST", "/schrijf", {"sec-fetch-site": "same-origin"}, b"a=1")
    assert status == 403
    assert "CSRF-token ontbreekt" in tekst


def test_de_echte_server_weigert_een_post_van_een_andere_site(lokaal: int) -> None:
    """Sec-Fetch-Site cross-site: 403, ook met het geldige CSRF-token."""
    _, _, tekst = _verzoek(lokaal, "GET", "/")
    csrf = tekst.split('"csrf":"')[1].split('"')[0]
    status, _, tekst = _verzoek(lokaal, "POST", "/schrijf", {"sec-fetch-site": "cross-site", "x-csrf-token": csrf})
    assert status == 403
    assert "andere site" in tekst


def test_met_lan_schrijft_het_lees_token_niet(kleine_app: None, tmp_path: Path) -> None:
    """Met --lan: het cookie van het lees-token mag lezen, maar een POST (met het eigen CSRF-token en van de eigen
    site) wordt geweigerd; het schrijf-token mag dezelfde POST wel."""
    sessie = server.maak_sessie(tmp_path, lan=True, adres="127.0.0.1")
    with server.op_de_achtergrond(sessie) as poort:
        for token, verwacht in ((sessie.lees_token, 403), (sessie.schrijf_token, 200)):
            status, headers, _ = _verzoek(poort, "GET", f"/?token={token}")
            assert status == 303
            cookie = headers["set-cookie"].split(";")[0]
            assert cookie == f"{COOKIE}={token}"
            _, _, tekst = _verzoek(poort, "GET", "/", {"cookie": cookie})
            csrf = tekst.split('"csrf":"')[1].split('"')[0]
            zelfde = {"cookie": cookie, "sec-fetch-site": "same-origin", "x-csrf-token": csrf}
            status, _, tekst = _verzoek(poort, "POST", "/schrijf", zelfde)
            assert status == verwacht, tekst


# --- starten en stoppen als proces --------------------------------------------------------------------------------

_START = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.test_sessie_server import _kleine_app
    from casuskosten.sessie import server
    server._maak_app = lambda: _kleine_app
    server.start(Path(sys.argv[1]), browser=False, melden=lambda r: print(r, flush=True))
    """
)


@pytest.mark.traag
def test_sigterm_stopt_de_sessie_netjes_met_een_nederlandse_regel(tmp_path: Path) -> None:
    """`start` drukt de URL af, serveert, en stopt op SIGTERM met exitcode 0 en 'Casussessie gestopt (SIGTERM)'
    (uvicorn zelf zou het signaal daarna opnieuw opwerpen: dan exitcode -15 en geen slotregel)."""
    proces = subprocess.Popen(
        [sys.executable, "-c", _START, str(tmp_path)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT / "src"), str(PROJECT)])},
    )
    try:
        assert proces.stdout is not None
        proces.stdout.readline()  # "Casussessie op ..."
        url = proces.stdout.readline().strip()
        assert url.startswith("Casussessie: http://127.0.0.1:")
        poort = int(url.rsplit(":", 1)[1].rstrip("/"))
        for _ in range(100):  # uvicorn start na het afdrukken; de socket luistert al
            try:
                assert _verzoek(poort, "GET", "/")[0] == 200
                break
            except ConnectionError:
                time.sleep(0.05)
        proces.send_signal(signal.SIGTERM)
        uit, fout = proces.communicate(timeout=30)
    finally:
        if proces.poll() is None:
            proces.kill()
    assert proces.returncode == 0, fout
    assert "Casussessie gestopt (SIGTERM)." in uit
    assert "Traceback" not in fout


# --- de opdracht casuskosten sessie -------------------------------------------------------------------------------


def test_hulp_van_sessie_is_nederlands_met_de_opties(draai: Draai) -> None:
    """`casuskosten sessie --help` noemt MAP, --lan, --geen-browser, --poort en hoe het extra te installeren."""
    uit = draai("sessie", "--help")
    assert uit.returncode == 0
    for tekst in ("Gebruik: casuskosten sessie [OPTIES] [MAP]", "--lan", "--geen-browser", "--poort", "--tarieven"):
        assert tekst in uit.stdout
    assert 'pip install "casuskosten[web]"' in uit.stdout


def test_zonder_het_extra_web_een_nederlandse_fout(draai: Draai, monkeypatch: pytest.MonkeyPatch) -> None:
    """Is starlette niet geïnstalleerd (nagebootst: de import faalt), dan FOUT met de pip-regel en exitcode 1,
    zonder traceback, en er start niets."""
    monkeypatch.setitem(sys.modules, "starlette", None)
    gestart: list[object] = []
    monkeypatch.setattr(server, "start", lambda *a, **k: gestart.append(a))
    uit = draai("sessie", "casussen", "--geen-browser")
    assert uit.returncode == 1
    assert "FOUT" in uit.stderr
    assert "de casussessie vraagt het extra 'web', en starlette ontbreekt" in uit.stderr
    assert 'pip install "casuskosten[web]"' in uit.stderr
    assert "Traceback" not in uit.stderr
    assert gestart == []


def test_sessie_op_een_map_die_niet_bestaat(draai: Draai, tmp_path: Path) -> None:
    """`casuskosten sessie nergens`: FOUT die de map noemt, exitcode 1, geen traceback, geen server."""
    uit = draai("sessie", str(tmp_path / "nergens"), "--geen-browser")
    assert uit.returncode == 1
    assert f"FOUT {tmp_path / 'nergens'}: de casusmap bestaat niet" in uit.stderr
    assert "Traceback" not in uit.stderr


@pytest.mark.parametrize("poort", ["0", "70000"])
def test_sessie_met_een_poort_buiten_het_bereik(draai: Draai, poort: str) -> None:
    """`--poort 0` of `--poort 70000`: FOUT met het geldige bereik, exitcode 1."""
    uit = draai("sessie", "casussen", "--poort", poort, "--geen-browser")
    assert uit.returncode == 1
    assert f"--poort {poort}: kies een poort van 1024 tot en met 65535" in uit.stderr


def test_hulp_laadt_de_webserver_niet() -> None:
    """`casuskosten --help` en `casuskosten sessie --help` importeren starlette en uvicorn niet: wie het extra niet
    heeft, merkt er niets van, en de hulp blijft snel."""
    code = (
        "import sys\n"
        "from casuskosten.cli import main\n"
        "for args in (['--help'], ['sessie', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print(','.join(m for m in ('starlette', 'uvicorn') if m in sys.modules), file=sys.stderr)\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert uit.returncode == 0
    assert uit.stderr.strip() == ""


@pytest.mark.traag
def test_casuskosten_sessie_serveert_de_casuslijst_en_stopt_op_ctrl_c(tmp_path: Path) -> None:
    """Het echte commando `casuskosten sessie MAP --geen-browser` (met de echte app): de URL op stdout, de casuslijst
    met de meegeleverde casus, en op SIGINT (Ctrl-C) exitcode 0 met 'Casussessie gestopt (Ctrl-C)'."""
    map_ = tmp_path / "casussen"
    map_.mkdir()
    (map_ / "rtd-01.yaml").write_bytes((PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml").read_bytes())
    proces = subprocess.Popen(
        [sys.executable, "-m", "casuskosten", "sessie", str(map_), "--geen-browser", "--tarieven", "tarieven"],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proces.stdout is not None
        proces.stdout.readline()
        url = proces.stdout.readline().strip()
        assert url.startswith("Casussessie: http://127.0.0.1:"), url
        poort = int(url.rsplit(":", 1)[1].rstrip("/"))
        status, _, tekst = 0, {}, ""
        for _ in range(200):
            try:
                status, _, tekst = _verzoek(poort, "GET", "/")
                break
            except ConnectionError:
                time.sleep(0.05)
        assert status == 200
        assert "RTD-01" in tekst
        proces.send_signal(signal.SIGINT)
        uit, fout = proces.communicate(timeout=30)
    finally:
        if proces.poll() is None:
            proces.kill()
    assert proces.returncode == 0, fout
    assert "Casussessie gestopt (Ctrl-C)." in uit
    assert "Traceback" not in fout


@pytest.mark.traag
def test_de_benchmarkrij_van_de_sessie_meet_een_casus_van_40_regels() -> None:
    """`make bench` rij 26: de casus heeft 20 + 20 regels, herbereken geeft voor elke regel een prijs (anders stopt
    de rij), en de rij meldt een p95 in ms tegen het doel van 300 ms."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from meet import sessie_casus, sessie_rij

    trajecten = sessie_casus()["trajecten"]
    assert isinstance(trajecten, dict)
    assert [len(t["inzet"]) for t in trajecten.values()] == [20, 20]
    naam, uitkomst, doel, _ = sessie_rij()
    assert naam == "26. sessie: herberekenen 40 regels, p95 van 50"
    assert uitkomst.endswith(" ms")
    assert doel == "<= 300 ms"


def test_start_met_lan_bindt_alle_adressen_en_drukt_twee_urls_met_tokens_af(
    kleine_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`start(lan=True)` bindt 0.0.0.0, drukt de URL van de facilitator en die van de deelnemers af (elk met een
    eigen token, op het LAN-adres), opent geen browser met browser=False, en beide URL's werken: de deelnemer mag
    lezen maar niet schrijven. (Het LAN-adres is hier 127.0.0.1, zodat de test zonder netwerk draait.)"""
    import threading

    monkeypatch.setattr(server, "lan_adres", lambda: "127.0.0.1")
    gebonden: list[tuple[str, int]] = []
    servers: list[server.Server] = []
    echt_bind, echt_server = server.bind, server.server

    def bind(adres: str, poort: int = 0) -> Any:
        gebonden.append((adres, poort))
        return echt_bind(adres, poort)

    def maak_server(app: Any) -> server.Server:
        servers.append(echt_server(app))
        return servers[-1]

    monkeypatch.setattr(server, "bind", bind)
    monkeypatch.setattr(server, "server", maak_server)
    monkeypatch.setattr(server.webbrowser, "open", lambda url: pytest.fail(f"browser geopend: {url}"))
    regels: list[str] = []
    draad = threading.Thread(
        target=server.start, args=(tmp_path,), kwargs={"lan": True, "browser": False, "melden": regels.append}
    )
    draad.start()
    try:
        for _ in range(200):
            if servers and servers[0].started:
                break
            time.sleep(0.05)
        assert gebonden == [("0.0.0.0", 0)]
        facilitator = next(r for r in regels if r.startswith("Facilitator"))
        deelnemers = next(r for r in regels if r.startswith("Deelnemers"))
        schrijf = facilitator.rsplit("?token=", 1)[1]
        lees = deelnemers.rsplit("?token=", 1)[1]
        assert schrijf != lees
        poort = int(facilitator.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        for token, verwacht in ((lees, 403), (schrijf, 200)):
            cookie = _verzoek(poort, "GET", f"/?token={token}")[1]["set-cookie"].split(";")[0]
            csrf = _verzoek(poort, "GET", "/", {"cookie": cookie})[2].split('"csrf":"')[1].split('"')[0]
            zelfde = {"cookie": cookie, "sec-fetch-site": "same-origin", "x-csrf-token": csrf}
            assert _verzoek(poort, "POST", "/schrijf", zelfde)[0] == verwacht
    finally:
        if servers:
            servers[0].should_exit = True
        draad.join(timeout=15)
    assert not draad.is_alive()
    assert regels[-1].startswith("Casussessie gestopt.")
