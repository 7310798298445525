"""De casussessie starten: de socket binden, de app achter `veiligheid.beveiligd` zetten en uvicorn laten serveren.

- Standaard op 127.0.0.1, op een vrije poort: deze module bindt de socket zelf en geeft hem aan uvicorn, dus er is
  geen moment waarop een ander proces de poort kan pakken tussen 'vrij gevonden' en 'in gebruik'.
- Met `lan=True` (`--lan`) op 0.0.0.0, met het LAN-adres van deze machine in de Host-lijst, en twee tokens
  (`secrets.token_urlsafe(32)`): de facilitator krijgt de URL met het schrijf-token, de deelnemers die met het
  lees-token (alleen kijken). Zonder `--lan` geen tokens: alleen wie op deze machine zit, kan de sessie bereiken.
- Ctrl-C of SIGTERM: uvicorn rondt lopende verzoeken af, en de sessie stopt met één Nederlandse regel (zonder dat het
  signaal daarna nog eens wordt opgeworpen, zoals uvicorn zelf doet).

`maak_sessie` bouwt de beschermde app zonder te serveren (voor tests en de benchmark); `op_de_achtergrond` serveert
hem in een draad (voor de browsertests).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import secrets
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from ..fouten import CasuskostenFout, Melding, os_reden
from .veiligheid import TOKEN_PARAMETER, beveiligd

#: de namen waaronder de sessie op deze machine bereikbaar is (Host-header, zonder poort)
LOKALE_HOSTS = ("127.0.0.1", "localhost")
LOKAAL_ADRES = "127.0.0.1"
ALLE_ADRESSEN = "0.0.0.0"  # alleen met --lan, en dan met tokens en een Host-lijst
#: een adres uit TEST-NET-1 (RFC 5737): een UDP-socket die ermee 'verbindt', verstuurt niets, maar laat het
#: besturingssysteem kiezen via welk eigen adres het verkeer naar buiten zou gaan
_BUITEN = ("192.0.2.1", 9)


class SessieFout(CasuskostenFout):
    """De sessie kan niet starten (de map bestaat niet, de poort is bezet, geen netwerkadres voor --lan)."""


@dataclass(frozen=True, slots=True)
class Sessie:
    """Een beschermde app en wat nodig is om de URL's te maken: de toegestane hosts, het adres in de URL's en de
    tokens (beide None zonder --lan)."""

    app: ASGIApp
    hosts: tuple[str, ...]
    adres: str
    schrijf_token: str | None
    lees_token: str | None

    def url(self, poort: int, *, token: str | None = None) -> str:
        """De URL van de casuslijst op `poort`, met `token` erin als dat er is."""
        adres = f"[{self.adres}]" if ":" in self.adres else self.adres
        return f"http://{adres}:{poort}/" + (f"?{TOKEN_PARAMETER}={token}" if token else "")

    def urls(self, poort: int) -> tuple[tuple[str, str], ...]:
        """(voor wie, URL): zonder --lan één URL, met --lan die van de facilitator (schrijven) en die van de
        deelnemers (alleen lezen)."""
        if self.schrijf_token is None or self.lees_token is None:
            return (("Casussessie", self.url(poort)),)
        return (
            ("Facilitator (schrijven; deel deze URL niet)", self.url(poort, token=self.schrijf_token)),
            ("Deelnemers (alleen meekijken)", self.url(poort, token=self.lees_token)),
        )


def lan_adres() -> str | None:
    """Het adres van deze machine in het lokale netwerk (zoals 192.168.1.20), of None als er geen is dan loopback.

    Er gaat geen pakket over het netwerk: een UDP-socket 'verbinden' kiest alleen de route."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(_BUITEN)
        adres: str = s.getsockname()[0]
        if not ipaddress.ip_address(adres).is_loopback and not ipaddress.ip_address(adres).is_unspecified:
            return adres
    with contextlib.suppress(OSError):
        adres = socket.gethostbyname(socket.gethostname())
        if not ipaddress.ip_address(adres).is_loopback:
            return adres
    return None


def _maak_app() -> Callable[..., ASGIApp]:
    """`app.maak_app` (de editor, schermen en live herberekening), pas hier geladen: de tests van de server kunnen
    hem vervangen door een kleine app, en het laden van de sjablonen gebeurt pas als er een sessie start."""
    from .app import maak_app

    return maak_app


def _controleer_map(map_: Path) -> None:
    if not map_.exists():
        tekst = "de casusmap bestaat niet; geef een bestaande map, bijvoorbeeld: casuskosten sessie casussen"
    elif not map_.is_dir():
        tekst = "dit is geen map; geef de map met de casussen (*.yaml), bijvoorbeeld: casuskosten sessie casussen"
    else:
        return
    raise SessieFout([Melding(str(map_), None, None, tekst)])


def maak_sessie(
    map_: Path,
    *,
    lan: bool = False,
    tarieven: Path | None = None,
    instellingen: Path | None = None,
    adres: str | None = None,
) -> Sessie:
    """De app van de casussessie op `map_`, achter `beveiligd`, zonder te serveren.

    Zonder `lan`: hosts 127.0.0.1 en localhost, geen tokens. Met `lan`: ook `adres` (standaard `lan_adres()`) in de
    Host-lijst, en een nieuw schrijf- en lees-token. Een map die niet bestaat of een --lan zonder netwerkadres geeft
    een `SessieFout`.
    """
    _controleer_map(map_)
    hosts: tuple[str, ...] = LOKALE_HOSTS
    schrijf_token = lees_token = None
    url_adres = LOKAAL_ADRES
    if lan:
        gevonden = adres or lan_adres()
        if gevonden is None:
            raise SessieFout(
                "--lan: deze machine heeft geen adres in een lokaal netwerk (alleen 127.0.0.1); verbind met het "
                "netwerk van de deelnemers, of start zonder --lan"
            )
        hosts = (*LOKALE_HOSTS, gevonden)
        url_adres = gevonden
        schrijf_token, lees_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    app = _maak_app()(map_, tarieven=tarieven, instellingen=instellingen)
    return Sessie(
        app=beveiligd(app, hosts=hosts, schrijf_token=schrijf_token, lees_token=lees_token),
        hosts=hosts,
        adres=url_adres,
        schrijf_token=schrijf_token,
        lees_token=lees_token,
    )


def bind(adres: str, poort: int = 0) -> socket.socket:
    """Een luisterende TCP-socket op `adres` en `poort` (0: een vrije poort die het besturingssysteem kiest).

    Een bezette of verboden poort geeft een `SessieFout` met wat te doen."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # geen SO_REUSEADDR-wachttijd na een vorige sessie op dezelfde poort; twee servers tegelijk kan niet (Linux
        # en macOS staan dat met alleen SO_REUSEADDR niet toe)
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: daar zou SO_REUSEADDR een tweede server toelaten
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((adres, poort))
        sock.listen(128)
    except OSError as fout:
        sock.close()
        if fout.errno == errno.EADDRINUSE:
            raise SessieFout(
                f"poort {poort} is al in gebruik; kies een andere met --poort, of laat --poort weg (een vrije poort)"
            ) from None
        if fout.errno == errno.EACCES:
            raise SessieFout(
                f"poort {poort} mag dit proces niet gebruiken (onder 1024 vraagt dat beheerdersrechten); kies een "
                "poort vanaf 1024, of laat --poort weg"
            ) from None
        raise SessieFout(f"de sessie kan niet luisteren op {adres}:{poort}: {os_reden(fout)}") from None
    sock.set_inheritable(True)
    return sock


class Server(uvicorn.Server):
    """uvicorn's server, maar een signaal (Ctrl-C, SIGTERM) stopt hem netjes zonder het daarna opnieuw op te werpen:
    dan kan `start` zijn eigen slotregel tonen. In een andere draad dan de hoofddraad: geen signalen (stop met
    `should_exit`)."""

    gestopt_door: int | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        signalen = (signal.SIGINT, signal.SIGTERM)
        oud = {sig: signal.signal(sig, self._stop) for sig in signalen}
        try:
            yield
        finally:
            for sig, handler in oud.items():
                signal.signal(sig, handler)

    def _stop(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True  # een tweede Ctrl-C: niet meer wachten op open verbindingen
        self.gestopt_door = sig
        self.should_exit = True


def server(app: ASGIApp) -> Server:
    """Een uvicorn-server voor `app`: alleen waarschuwingen in het log, geen toegangslog (daarin zouden paden en
    tokens staan), geen websockets en geen `Server`-header."""
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        ws="none",
        lifespan="off",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
    return Server(config)


@contextlib.contextmanager
def op_de_achtergrond(sessie: Sessie, adres: str = LOKAAL_ADRES) -> Iterator[int]:
    """Serveer `sessie` in een draad op een vrije poort van `adres`; geeft de poort, en stopt de server na het blok.

    Voor tests en de benchmark: dezelfde socket, dezelfde uvicorn-instellingen als `start`."""
    sock = bind(adres)
    poort: int = sock.getsockname()[1]
    uv = server(sessie.app)
    draad = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, name="casussessie", daemon=True)
    draad.start()
    try:
        while not uv.started:
            if not draad.is_alive():
                raise RuntimeError("de casussessie startte niet; zie de uitvoer van uvicorn hierboven")
            threading.Event().wait(0.01)
        yield poort
    finally:
        uv.should_exit = True
        draad.join(timeout=10)
        sock.close()


_REDENEN: dict[int, str] = {signal.SIGINT: " (Ctrl-C)", signal.SIGTERM: " (SIGTERM)"}


def start(
    map_: Path,
    *,
    lan: bool = False,
    browser: bool = True,
    tarieven: Path | None = None,
    instellingen: Path | None = None,
    poort: int = 0,
    melden: Callable[[str], None] = print,
) -> None:
    """Start de casussessie op `map_` en serveer tot Ctrl-C of SIGTERM.

    Drukt (via `melden`) de URL('s) af, opent de browser (tenzij `browser=False`) en zegt aan het eind in één regel
    dat de sessie gestopt is. Fouten die de gebruiker kan oplossen (map, poort, netwerk) zijn een `SessieFout`, vóór
    er iets geserveerd wordt."""
    sessie = maak_sessie(map_, lan=lan, tarieven=tarieven, instellingen=instellingen)
    sock = bind(ALLE_ADRESSEN if lan else LOKAAL_ADRES, poort)
    try:
        gekozen: int = sock.getsockname()[1]
        urls = sessie.urls(gekozen)
        melden(f"Casussessie op {map_}; stop met Ctrl-C.")
        for wie, url in urls:
            melden(f"{wie}: {url}")
        if lan:
            melden(
                "Iedereen in dit netwerk met de URL van de deelnemers kan meekijken; alleen de URL van de "
                "facilitator kan schrijven. De tokens gelden tot de sessie stopt."
            )
        uv = server(sessie.app)
        if browser:
            # de socket luistert al: een verzoek van de browser wacht in de wachtrij tot uvicorn draait
            webbrowser.open(urls[0][1])
        uv.run(sockets=[sock])
    finally:
        sock.close()
    reden = _REDENEN.get(uv.gestopt_door, "") if uv.gestopt_door is not None else ""
    melden(f"Casussessie gestopt{reden}. Wat bewaard is, staat in {map_}; niet bewaarde wijzigingen zijn weg.")


__all__ = [
    "LOKALE_HOSTS",
    "Server",
    "Sessie",
    "SessieFout",
    "bind",
    "lan_adres",
    "maak_sessie",
    "op_de_achtergrond",
    "server",
    "start",
]
