"""De casussessie als Starlette-app: de casuslijst, de editor, live herberekenen, opslaan en de afdrukweergave.

`maak_app` geeft de app zonder beveiliging; `server.py` zet hem achter `veiligheid.beveiligd`. Elke handler leest
`toegang(request)`: het CSRF-token voor de formulieren en of deze gebruiker mag schrijven. Zonder middleware (tests)
geldt `LOKAAL`: schrijven mag, met een vast CSRF-token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import formaat
from ..fouten import CasuskostenFout
from ..invoer.casussen import lees_en_controleer, zoek_casusbestanden
from ..invoer.instellingen import Instellingen, laad_instellingen
from ..invoer.nieuw import maak_casus
from ..invoer.privacy import controleer_privacy
from ..invoer.tarieven import Tarieftabel, laad_tarieven
from ..pijplijn import kies_tariefmap
from .live import CONCEPT, bereken_een, uit_resultaat
from .veiligheid import CSRF_VELD, Toegang, casuspad

HIER = Path(__file__).parent
#: zonder `beveiligd` (tests, Python): de enige gebruiker schrijft
LOKAAL = Toegang(schrijven=True, csrf="lokaal")


def toegang_van(request: Request) -> Toegang:
    """De `Toegang` die `beveiligd` zette, of `LOKAAL` als de app zonder middleware draait."""
    gevonden = request.scope.get("state", {}).get("toegang")
    return gevonden if isinstance(gevonden, Toegang) else LOKAAL


@dataclass(frozen=True, slots=True)
class Regel:
    """Eén casus in de lijst."""

    pad: str
    id: str
    gemeente: str
    datum: str
    status: str  # geldig | waarschuwingen | fouten | concept
    besparing_per_jaar: float | None
    meldingen: tuple[str, ...]


STATUSTEKST = {
    "geldig": "geldig",
    "waarschuwingen": "geldig, met waarschuwingen",
    "fouten": "bevat fouten",
    "concept": "concept",
}


class Sessie:
    """De toestand van één sessie: de casusmap, de tarieven en de instellingen (één keer gelezen)."""

    def __init__(self, map_: Path, tarieven: Path | None, instellingen: Path | None) -> None:
        self.map = map_.resolve()
        self.tabel: Tarieftabel = laad_tarieven(kies_tariefmap(tarieven, [self.map]))
        self.instellingen: Instellingen = laad_instellingen(instellingen)
        self.omgeving = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HIER / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.omgeving.filters["euro"] = formaat.euro
        self.omgeving.filters["kans"] = formaat.kans
        self.omgeving.filters["datum"] = formaat.datum

    def pagina(self, request: Request, naam: str, status: int = 200, **context: Any) -> HTMLResponse:
        tekst = self.omgeving.get_template(naam).render(toegang=toegang_van(request), csrf_veld=CSRF_VELD, **context)
        return HTMLResponse(tekst, status_code=status)

    def relatief(self, pad: Path) -> str:
        return pad.resolve().relative_to(self.map).as_posix()

    def regel(self, pad: Path) -> Regel:
        gelezen = lees_en_controleer(pad, self.tabel)
        teksten = tuple(m.tekst for m in gelezen.meldingen)
        concept = any(m.veld == CONCEPT for m in gelezen.meldingen)
        cb = gelezen.casus
        datum = cb.casus.datum.isoformat() if cb else ""
        besparing = None
        status = "concept" if concept else "fouten" if gelezen.meldingen or cb is None else "geldig"
        if cb is not None and status == "geldig":
            try:
                resultaat = bereken_een(cb, self.tabel, self.instellingen)
                besparing = uit_resultaat(resultaat, cb).besparing_per_jaar
                # alleen wat over deze casus gaat (niet 'maar één casus' of 'meegeleverde tarieven')
                waarschuwingen = [*controleer_privacy(cb), *resultaat.casus_waarschuwingen.get(cb.casus.id, ())]
                if waarschuwingen:
                    status = "waarschuwingen"
            except CasuskostenFout as fout:
                status, teksten = "fouten", tuple(m.tekst for m in fout.meldingen)
        return Regel(self.relatief(pad), gelezen.id or "", gelezen.gemeente or "", datum, status, besparing, teksten)

    def casussen(self) -> list[Regel]:
        return [self.regel(p) for p in zoek_casusbestanden([self.map]) if p.suffix == ".yaml"]


def _verboden() -> Response:
    return HTMLResponse("<p>Geweigerd: u kijkt mee en kunt niets wijzigen.</p>", status_code=403)


def maak_app(map_: Path, *, tarieven: Path | None = None, instellingen: Path | None = None) -> Starlette:
    """De sessie-app voor casusmap `map_`, ZONDER de beveiligingsmiddleware (server.py zet hem in `beveiligd`)."""
    sessie = Sessie(Path(map_), tarieven, instellingen)

    async def lijst(request: Request) -> Response:
        return sessie.pagina(request, "lijst.html", casussen=sessie.casussen(), statustekst=STATUSTEKST, fout=None)

    async def nieuw(request: Request) -> Response:
        if not toegang_van(request).schrijven:
            return _verboden()
        async with request.form() as formulier:
            id_ = str(formulier.get("id", "")).strip()
            gemeente = str(formulier.get("gemeente", ""))
        try:
            doel = casuspad(sessie.map, f"{id_.lower()}.yaml") if id_ else None
            pad = maak_casus(gemeente, id_=id_ or None, uit=doel or None, datum=dt.date.today())
        except CasuskostenFout as fout:
            return sessie.pagina(
                request,
                "lijst.html",
                status=400,
                casussen=sessie.casussen(),
                statustekst=STATUSTEKST,
                fout="; ".join(m.tekst for m in fout.meldingen),
            )
        return RedirectResponse(f"/casus/{sessie.relatief(pad)}", status_code=303)

    routes = [
        Route("/", lijst, methods=["GET"]),
        Route("/nieuw", nieuw, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HIER / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.sessie = sessie
    return app
