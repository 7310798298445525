"""Beveiliging van de casussessie: één ASGI-middleware om de app (`beveiligd`) en één padcontrole (`casuspad`).

De middleware doet, in deze volgorde, voor elk verzoek:

1. de Host-header moet in de lijst staan (tegen DNS-rebinding), anders 400;
2. toegang: zonder tokens (127.0.0.1) schrijft de enige gebruiker; met tokens (`--lan`) is een cookie nodig. Het
   token komt één keer in de URL (`?token=...`), wordt een HttpOnly-, SameSite=Strict-cookie en de browser gaat door
   naar dezelfde URL zonder token (zodat het niet in de geschiedenis of een schermafbeelding blijft staan). Het
   lees-token mag alleen GET en HEAD, het schrijf-token alles; anders 403;
3. elk ander verzoek dan GET of HEAD (POST, PUT, PATCH, DELETE ...) moet komen van een pagina van deze server:
   `Sec-Fetch-Site` is `same-origin` of `none`, een meegestuurde Origin past bij de Host, en het CSRF-token (veld
   `csrf` of header `X-CSRF-Token`) klopt; anders 403.

Ontbreekt `Sec-Fetch-Site`, dan mag het verzoek alleen met een Origin die bij de Host past én een geldig CSRF-token.
Waarom niet altijd weigeren: Safari vóór 16.4 (iPads die niet meer bijwerken) stuurt geen Fetch Metadata, wel een
Origin bij elke POST; een CSRF-token dat aan het toegangstoken vastzit plus een Origin van deze server is de klassieke
verdediging (OWASP), en een aanvaller kan geen van beide vervalsen vanuit een andere site. Zonder Origin weigeren we:
dan is niet te zien waar het verzoek vandaan komt.

Elk antwoord (ook een weigering) krijgt een strikte Content-Security-Policy, `nosniff`, `Referrer-Policy: same-origin`
(het token in de URL lekt niet naar een andere site) en `no-store`. Niet `no-referrer`: dan stuurt Chromium bij een
gewoon formulier `Origin: null`, en zou elke POST van de eigen pagina worden geweigerd. De app leest per verzoek
`toegang(request)`: mag deze gebruiker schrijven, en welk CSRF-token hoort in de formulieren en in `hx-headers`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..fouten import InvoerFout, Melding

#: de naam van het toegangscookie (met --lan) en van het CSRF-veld en de CSRF-header
COOKIE = "casuskosten_toegang"
CSRF_VELD = "csrf"
CSRF_HEADER = "x-csrf-token"
#: de naam van de parameter waarmee het token één keer in de URL staat
TOKEN_PARAMETER = "token"

#: een formulier met een hele casus erin: ruim boven de 1 MiB van een casusbestand (yamlbron.MAX_BESTANDSGROOTTE),
#: ook url-gecodeerd; groter wordt geweigerd vóór de app het ziet
MAX_VERZOEK = 4 * 1024 * 1024

VEILIGE_METHODEN = frozenset({"GET", "HEAD"})
TOEGESTANE_FETCH_SITE = frozenset({"same-origin", "none"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
BEVEILIGINGSHEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("cache-control", "no-store"),
)


@dataclass(frozen=True, slots=True)
class Toegang:
    """Wat de gebruiker van dit verzoek mag: `schrijven` (anders alleen lezen) en het `csrf`-token dat in elk
    formulier (veld `csrf`) en in `hx-headers` (`X-CSRF-Token`) hoort."""

    schrijven: bool
    csrf: str


def toegang(request: Request) -> Toegang:
    """De `Toegang` die `beveiligd` voor dit verzoek in `scope["state"]` zette."""
    gevonden = request.scope.get("state", {}).get("toegang")
    if not isinstance(gevonden, Toegang):
        raise RuntimeError("de app draait niet achter veiligheid.beveiligd")  # programmeerfout, geen gebruikersfout
    return gevonden


def _vergelijk(a: str, b: str) -> bool:
    """Constant-time vergelijken (de tijd verraadt niet hoeveel tekens kloppen)."""
    return hmac.compare_digest(a.encode("utf-8", "surrogateescape"), b.encode("utf-8", "surrogateescape"))


def _hostnaam(host: str) -> str | None:
    """De naam uit een Host-header zonder poort (`[::1]:8000` -> `::1`), in kleine letters; None als het geen
    geldige Host is."""
    host = host.strip().lower()
    if host.startswith("["):
        einde = host.find("]")
        if einde < 0:
            return None
        naam, rest = host[1:einde], host[einde + 1 :]
    else:
        naam, _, poort = host.partition(":")
        rest = f":{poort}" if _ else ""
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return None
    return naam or None


def _tekst(status: int, tekst: str) -> Response:
    return PlainTextResponse(tekst + "\n", status_code=status)


class _Beveiligd:
    def __init__(self, app: ASGIApp, hosts: Sequence[str], schrijf_token: str | None, lees_token: str | None) -> None:
        if lees_token is not None and schrijf_token is None:
            raise ValueError("een lees-token zonder schrijf-token: dan zou niemand kunnen schrijven")
        if not hosts:
            raise ValueError("geen enkele toegestane host")
        self.app = app
        self.hosts = frozenset(h.lower().strip("[]") for h in hosts)
        self.schrijf_token = schrijf_token
        self.lees_token = lees_token
        # per server een nieuw geheim: na een herstart is elk oud formulier ongeldig
        self._geheim = secrets.token_bytes(32)

    def _csrf(self, token: str | None) -> str:
        # het CSRF-token hangt aan het toegangstoken: wie alleen mag lezen, ziet nooit een CSRF-token dat schrijft
        bericht = b"csrf\0" + (token.encode("utf-8") if token is not None else b"lokaal")
        return base64.urlsafe_b64encode(hmac.new(self._geheim, bericht, hashlib.sha256).digest()).decode().rstrip("=")

    def _rol(self, token: str | None) -> Toegang | None:
        """De toegang die bij `token` hoort, of None; vergelijkt met beide tokens (geen vroege uitstap)."""
        if self.schrijf_token is None:
            return Toegang(schrijven=True, csrf=self._csrf(None))
        if token is None:
            return None
        schrijft = _vergelijk(token, self.schrijf_token)
        leest = self.lees_token is not None and _vergelijk(token, self.lees_token)
        if schrijft:
            return Toegang(schrijven=True, csrf=self._csrf(self.schrijf_token))
        if leest:
            return Toegang(schrijven=False, csrf=self._csrf(self.lees_token))
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            # de app gebruikt geen websockets; niets dat hier niet hoort komt erdoor
            await send({"type": "websocket.close", "code": 1008})
            return

        async def met_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for naam, waarde in BEVEILIGINGSHEADERS:
                    headers[naam] = waarde
            await send(message)

        uitkomst, receive = await self._controleer(scope, receive)
        if isinstance(uitkomst, Response):
            await uitkomst(scope, receive, met_headers)
            return
        scope = {**scope, "state": {**scope.get("state", {}), "toegang": uitkomst}}
        await self.app(scope, receive, met_headers)

    async def _controleer(self, scope: Scope, receive: Receive) -> tuple[Response | Toegang, Receive]:
        """De weigering van dit verzoek, of de toegang van de gebruiker; met een `receive` voor de app (de body kan
        al gelezen zijn voor het CSRF-veld)."""
        request = Request(scope)
        host = request.headers.get("host", "")
        naam = _hostnaam(host)
        if naam is None or naam not in self.hosts:
            return _tekst(
                400, "Geweigerd: onbekende Host-header. Open de sessie via de URL die casuskosten afdrukte."
            ), receive

        methode = scope["method"].upper()
        url_token = request.query_params.get(TOKEN_PARAMETER)
        if self.schrijf_token is not None and url_token is not None and methode in VEILIGE_METHODEN:
            return self._token_naar_cookie(request, url_token), receive

        rol = self._rol(request.cookies.get(COOKIE))
        if rol is None:
            return _tekst(403, "Geen toegang: open de sessie via de URL met het token van de facilitator."), receive
        if methode in VEILIGE_METHODEN:
            return rol, receive

        if not rol.schrijven:
            return _tekst(
                403, "Geweigerd: u kijkt mee en kunt niets wijzigen; alleen de facilitator schrijft."
            ), receive
        herkomst = self._herkomst(request, host)
        if herkomst is not None:
            return _tekst(403, herkomst), receive
        body = await self._lees_body(receive)
        if body is None:
            return _tekst(413, f"Geweigerd: het verzoek is groter dan {MAX_VERZOEK // 2**20} MB."), receive
        receive = _afspelen(body, receive)
        csrf = request.headers.get(CSRF_HEADER) or await self._csrf_uit_formulier(scope, body)
        if csrf is None or not _vergelijk(csrf, rol.csrf):
            return _tekst(403, "Geweigerd: het CSRF-token ontbreekt of klopt niet. Laad de pagina opnieuw."), receive
        return rol, receive

    def _token_naar_cookie(self, request: Request, token: str) -> Response:
        """Een geldig token uit de URL wordt een cookie, en de browser gaat naar dezelfde URL zonder token."""
        if self._rol(token) is None:
            return _tekst(403, "Geen toegang: het token in de URL klopt niet. Vraag de facilitator om de juiste URL.")
        rest = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != TOKEN_PARAMETER]
        doel = quote(request.url.path) + (f"?{urlencode(rest)}" if rest else "")
        cookie: SimpleCookie = SimpleCookie()
        cookie[COOKIE] = token
        cookie[COOKIE]["path"] = "/"
        cookie[COOKIE]["httponly"] = True
        cookie[COOKIE]["samesite"] = "Strict"
        if request.headers.get("sec-fetch-site", "none") in TOEGESTANE_FETCH_SITE:
            antwoord: Response = Response(status_code=303, headers={"location": doel})
        else:
            # een link vanuit een andere site (chat, mail in de browser): na een 303 zou de browser het nieuwe
            # SameSite=Strict-cookie niet meesturen (de keten begon elders); een doorverwijzing vanuit onze eigen
            # pagina wel. Geen script (CSP): een meta-refresh en een gewone link.
            doel_html = html.escape(doel, quote=True)
            antwoord = Response(
                '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
                f'<meta http-equiv="refresh" content="0;url={doel_html}"><title>Casussessie</title></head>'
                f'<body><p><a href="{doel_html}">Verder naar de casussessie</a></p></body></html>',
                media_type="text/html",
            )
        antwoord.headers.append("set-cookie", cookie[COOKIE].OutputString())
        return antwoord

    @staticmethod
    def _herkomst(request: Request, host: str) -> str | None:
        """Waarom dit schrijvende verzoek niet van een pagina van deze server komt, of None als het dat wel doet."""
        fetch_site = request.headers.get("sec-fetch-site")
        origin = request.headers.get("origin")
        if fetch_site is not None and fetch_site not in TOEGESTANE_FETCH_SITE:
            return "Geweigerd: het verzoek komt van een andere site (Sec-Fetch-Site)."
        if origin is None:
            if fetch_site is None:
                return "Geweigerd: het verzoek zegt niet waar het vandaan komt (geen Sec-Fetch-Site en geen Origin)."
            return None
        if not _vergelijk(origin.lower(), f"http://{host.lower()}"):
            return "Geweigerd: het verzoek komt van een andere site (Origin past niet bij Host)."
        return None

    @staticmethod
    async def _lees_body(receive: Receive) -> bytes | None:
        """De hele body (hooguit MAX_VERZOEK bytes), of None als hij groter is."""
        delen: list[bytes] = []
        grootte = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            deel: bytes = message.get("body", b"")
            grootte += len(deel)
            if grootte > MAX_VERZOEK:
                return None
            delen.append(deel)
            if not message.get("more_body", False):
                break
        return b"".join(delen)

    @staticmethod
    async def _csrf_uit_formulier(scope: Scope, body: bytes) -> str | None:
        """Het veld `csrf` uit een formulier (url-gecodeerd of multipart), of None."""
        soort = Request(scope).headers.get("content-type", "").split(";")[0].strip().lower()
        if soort not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            return None
        try:
            async with Request(scope, _afspelen(body, None)).form(max_fields=10_000) as formulier:
                waarde = formulier.get(CSRF_VELD)
        except Exception:  # een kapot formulier is gewoon 'geen geldig CSRF-token'
            return None
        return waarde if isinstance(waarde, str) else None


def _afspelen(body: bytes, receive: Receive | None) -> Receive:
    """Een `receive` die `body` één keer geeft en daarna wacht op `receive` (de verbinding), of meldt dat de
    verbinding dicht is."""
    gegeven = False

    async def opnieuw() -> Message:
        nonlocal gegeven
        if not gegeven:
            gegeven = True
            return {"type": "http.request", "body": body, "more_body": False}
        if receive is None:
            return {"type": "http.disconnect"}
        return await receive()

    return opnieuw


def beveiligd(app: ASGIApp, *, hosts: Sequence[str], schrijf_token: str | None, lees_token: str | None) -> ASGIApp:
    """`app` achter de controles van de casussessie (zie de moduletekst).

    - `hosts`: toegestane namen in de Host-header, zonder poort (`127.0.0.1`, `localhost`, een LAN-adres);
    - `schrijf_token`, `lees_token`: beide None = lokaal, de enige gebruiker schrijft; met `--lan` geeft het
      schrijf-token alles en het lees-token alleen GET en HEAD.

    De app leest per verzoek `toegang(request)` (of `request.state.toegang`).
    """
    return _Beveiligd(app, hosts, schrijf_token, lees_token)


def _padfout(relatief: str, reden: str) -> InvoerFout:
    return CasuspadFout([Melding(relatief or None, None, None, f"dit pad is niet toegestaan: {reden}")])


class CasuspadFout(InvoerFout):
    """Een pad uit een verzoek wijst niet naar een `*.yaml` in of onder de casusmap."""


def casuspad(map_: Path, relatief: str) -> Path:
    """Het pad van casusbestand `relatief` (met `/`, zoals in een URL) in of onder `map_`, opgelost.

    Alleen `*.yaml`, direct in of onder de map. Geweigerd (`CasuspadFout`): een leeg pad, `..`, een absoluut pad,
    een backslash, een NUL of ander stuurteken, een verborgen naam (punt vooraan) en een symbolische link die uit de
    map wijst. Het bestand hoeft nog niet te bestaan (een nieuwe casus).
    """
    if not relatief:
        raise _padfout(relatief, "het is leeg; geef een bestandsnaam die eindigt op .yaml")
    if any(ord(t) < 0x20 or t == "\x7f" for t in relatief):
        raise _padfout(relatief, "het bevat een stuurteken (zoals NUL)")
    if "\\" in relatief:
        raise _padfout(relatief, "gebruik / tussen mappen, geen backslash")
    if relatief.startswith("/") or ":" in relatief:
        raise _padfout(relatief, "een absoluut pad of een dubbele punt (schijfletter); geef een pad binnen de casusmap")
    delen = relatief.split("/")
    if any(deel in {"", ".", ".."} for deel in delen):
        raise _padfout(relatief, "'..', '.' en lege delen mogen niet; geef een pad binnen de casusmap")
    if any(deel.startswith(".") for deel in delen):
        raise _padfout(relatief, "een verborgen naam (met een punt vooraan)")
    if PurePosixPath(relatief).suffix != ".yaml":
        raise _padfout(relatief, "alleen casusbestanden met de extensie .yaml")
    basis = map_.resolve()
    pad = (basis / relatief).resolve()
    if not pad.is_relative_to(basis) or pad == basis:
        raise _padfout(relatief, "het wijst (via een symbolische link) buiten de casusmap")
    if pad.suffix != ".yaml":
        raise _padfout(relatief, "het wijst (via een symbolische link) naar iets anders dan een .yaml-bestand")
    if pad.exists() and not pad.is_file():
        raise _padfout(relatief, "het is geen bestand")
    return pad


__all__ = ["COOKIE", "CSP", "CSRF_HEADER", "CSRF_VELD", "CasuspadFout", "Toegang", "beveiligd", "casuspad", "toegang"]
