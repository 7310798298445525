"""De casussessie als Starlette-app: de casuslijst, de editor, live herberekenen, opslaan en de afdrukweergave.

`maak_app` geeft de app zonder beveiliging; `server.py` zet hem achter `veiligheid.beveiligd`. Elke handler leest
`toegang(request)`: het CSRF-token voor de formulieren en of deze gebruiker mag schrijven. Zonder middleware (tests)
geldt `LOKAAL`: schrijven mag, met een vast CSRF-token.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

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
from ..invoer.modellen import TRAJECTEN, Leefgebied, Oordeel, Per, Selectie, Teammodel, Zekerheid, Zwaarte
from ..invoer.nieuw import maak_casus
from ..invoer.privacy import controleer_privacy, maskeer_teksten
from ..invoer.schrijven import casus_yaml
from ..invoer.tarieven import TariefOpPeil, Tarieftabel, laad_tarieven, zoek_tarieven
from ..invoer.yamlbron import yaml_document
from ..pijplijn import kies_tariefmap
from ..uitvoer.bestanden import schrijf_atomair
from . import formulier as fm
from .live import CONCEPT, Uitkomst, bereken_een, herbereken, uit_resultaat
from .meekijken import Meekijken, Stand
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
        self.omgeving.filters["id"] = fm.veld_id
        self.omgeving.globals.update(
            trajecten=TRAJECTEN,
            trajectnaam={"voor_2015": "Vóór 2015 (zonder sociaal team)", "sociaal_team": "Met het sociaal team"},
            doelen=fm.DOELEN,
            keuzes={
                "zekerheid": get_args(Zekerheid),
                "teammodel": get_args(Teammodel),
                "selectie": get_args(Selectie),
                "zwaarte": get_args(Zwaarte),
                "per": get_args(Per),
                "oordeel": get_args(Oordeel),
                "leefgebieden": get_args(Leefgebied),
            },
            kanspresets=(("1", "100%"), ("0.7", "70%"), ("0.35", "35%")),
        )
        self.peil = self.tabel.prijsindex.peil(self.instellingen.prijspeil)
        self.meekijken = Meekijken()

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

    @functools.lru_cache(maxsize=64)  # noqa: B019 - één Sessie per app, leeft zo lang als de server
    def tarieven(self, gemeente: str) -> dict[str, TariefOpPeil]:
        """De tarieven die voor `gemeente` gelden, met hun prijs op het prijspeil (code in kleine letters)."""
        try:
            return {t.regel.code.lower(): t for t in zoek_tarieven(self.tabel, gemeente or None, self.peil)}
        except CasuskostenFout:
            return {}

    def herbereken(self, gegevens: dict[str, Any], bestand: str) -> Uitkomst:
        return herbereken(gegevens, self.tabel, self.instellingen, bestand=bestand)

    def casussen(self) -> list[Regel]:
        return [self.regel(p) for p in zoek_casusbestanden([self.map]) if p.suffix == ".yaml"]


def sha256(tekst: bytes) -> str:
    return hashlib.sha256(tekst).hexdigest()


def _bestandsversie(inhoud: bytes | None) -> str:
    return "bestand-" + (sha256(inhoud)[:16] if inhoud is not None else "weg")


def meekijkversie(stand: Stand | None, pad: Path) -> str:
    """Wat de deelnemers van `pad` zien, als versie: de stand van de facilitator, of anders de inhoud van het bestand
    (zo zien ze ook een opgeslagen wijziging zonder dat de stand een nummer hoeft te krijgen)."""
    if stand is not None:
        return f"stand-{stand.versie}"
    return _bestandsversie(pad.read_bytes() if pad.is_file() else None)


def veldnamen(formulier: dict[str, Any]) -> list[str]:
    """Alle formuliervelden van deze casus (voor de meldingen bij hun veld)."""
    namen = [*fm.CASUSVELDEN, "leefgebieden"]
    for traject in TRAJECTEN:
        deel = formulier["trajecten"][traject]
        namen.append(f"trajecten.{traject}.beschrijving")
        for i in range(len(deel["inzet"])):
            namen.extend(f"trajecten.{traject}.inzet.{i}.{v}" for v in fm.INZETVELDEN)
        for i in range(len(deel["gebeurtenissen"])):
            namen.extend(f"trajecten.{traject}.gebeurtenissen.{i}.{v}" for v in fm.GEBEURTENISVELDEN)
    for doel in fm.DOELEN:
        namen.extend((f"doelen.{doel}.oordeel", f"doelen.{doel}.toelichting"))
    return namen


def algemeen(uitkomst: Uitkomst, namen: list[str]) -> list[tuple[str, str, bool]]:
    """De meldingen die bij geen enkel formulierveld horen (veld, tekst, is_fout): bovenaan de pagina."""
    bekend = set(namen)
    uit = [
        (veld, tekst, True) for veld, teksten in uitkomst.meldingen.items() if veld not in bekend for tekst in teksten
    ]
    uit += [
        (veld, tekst, False)
        for veld, teksten in uitkomst.waarschuwingen.items()
        if veld not in bekend
        for tekst in teksten
    ]
    return uit


def _verboden() -> Response:
    return HTMLResponse("<p>Geweigerd: u kijkt mee en kunt niets wijzigen.</p>", status_code=403)


def _zelf_geschreven(inhoud: bytes, bestand: str) -> bool:
    """Schreef de casussessie dit bestand (precies `casus_yaml` van zijn eigen inhoud)? Commentaar of andere opmaak
    maakt het verschil."""
    try:
        data = yaml_document(inhoud, bestand).data
    except CasuskostenFout:
        return False
    gegevens = fm.naar_gegevens(_velden_van(fm.naar_formulier(data)))
    return casus_yaml(gegevens).encode("utf-8") == inhoud


def _velden_van(formulier: dict[str, Any]) -> list[tuple[str, str]]:
    """De velden zoals de browser ze zou sturen voor deze formulierwaarden (de omgekeerde van `naar_formulier`)."""
    velden = [(naam, formulier[naam]) for naam in fm.CASUSVELDEN]
    velden += [("leefgebieden", g) for g in formulier["leefgebieden"]]
    if formulier["concept"]:
        velden.append(("concept", "ja"))
    for traject in TRAJECTEN:
        deel = formulier["trajecten"][traject]
        velden.append((f"trajecten.{traject}.beschrijving", deel["beschrijving"]))
        for soort in ("inzet", "gebeurtenissen"):
            for i, regel in enumerate(deel[soort]):
                velden += [(f"trajecten.{traject}.{soort}.{i}.{k}", v) for k, v in regel.items()]
    for doel in fm.DOELEN:
        velden += [(f"doelen.{doel}.{k}", v) for k, v in formulier["doelen"][doel].items()]
    return velden


async def _padfout(request: Request, fout: Exception) -> Response:
    tekst = fout.meldingen[0].tekst if isinstance(fout, CasuskostenFout) and fout.meldingen else "ongeldig verzoek"
    return HTMLResponse(f"<p>Geweigerd: {html.escape(tekst)}</p>", status_code=404)


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

    def _pad(request: Request) -> tuple[str, Path]:
        relatief = str(request.path_params["pad"])
        return relatief, casuspad(sessie.map, relatief)

    def _editor(
        request: Request,
        relatief: str,
        formulier: dict[str, Any],
        *,
        sha: str,
        status: int = 200,
        bericht: str | None = None,
        fout: str | None = None,
        diff: list[tuple[str, str]] | None = None,
        uitkomst: Uitkomst | None = None,
        versie: str = "",
        onopgeslagen: bool = False,
    ) -> Response:
        if uitkomst is None:
            uitkomst = sessie.herbereken(fm.naar_gegevens(_velden_van(formulier)), relatief)
        namen = veldnamen(formulier)
        return sessie.pagina(
            request,
            "editor.html",
            status=status,
            pad=relatief,
            f=formulier,
            u=uitkomst,
            namen=namen,
            algemeen=algemeen(uitkomst, namen),
            tarieven=sessie.tarieven(formulier["gemeente"]),
            peil=sessie.peil,
            sha=sha,
            bericht=bericht,
            fout=fout,
            diff=diff,
            versie=versie,
            onopgeslagen=onopgeslagen,
        )

    def _toon(request: Request, relatief: str, pad: Path, stand: Stand | None) -> Response:
        """De editor met de stand van de facilitator (`stand`), of anders met het bestand op schijf. Een deelnemer
        (alleen lezen) ziet in de velden elk vermoedelijk persoonsgegeven gemaskeerd, zoals in de meldingen: een
        BSN of telefoonnummer dat aan tafel wordt getypt, komt niet op ieders telefoon."""
        lezer = not toegang_van(request).schrijven
        if stand is not None:
            versie = meekijkversie(stand, pad)
            formulier = maskeer_teksten(stand.formulier) if lezer else stand.formulier
            return _editor(
                request, relatief, formulier, sha="", uitkomst=stand.uitkomst, versie=versie, onopgeslagen=True
            )
        if not pad.is_file():
            return HTMLResponse("<p>Deze casus bestaat niet (meer).</p>", status_code=404)
        inhoud = pad.read_bytes()
        try:
            data = yaml_document(inhoud, relatief).data
        except CasuskostenFout as fout:
            tekst = "; ".join(m.tekst for m in fout.meldingen)
            return HTMLResponse(f"<p>Dit bestand is geen leesbare casus: {html.escape(tekst)}</p>", status_code=422)
        formulier = fm.naar_formulier(data)
        return _editor(
            request,
            relatief,
            maskeer_teksten(formulier) if lezer else formulier,
            sha=sha256(inhoud),
            versie=_bestandsversie(inhoud),
        )

    async def editor(request: Request) -> Response:
        try:
            relatief, pad = _pad(request)
        except CasuskostenFout as fout:
            return HTMLResponse(f"<p>{html.escape(fout.meldingen[0].tekst)}</p>", status_code=404)
        if toegang_van(request).schrijven:
            # de facilitator opent de casus (opnieuw) van schijf: wat hij nog niet opsloeg, telt niet meer
            sessie.meekijken.vergeet(pad)
            return _toon(request, relatief, pad, None)
        return _toon(request, relatief, pad, sessie.meekijken.stand(pad))

    async def meekijken(request: Request) -> Response:
        """Voor de deelnemers: 204 (htmx verandert niets) als `versie` nog klopt, anders de editor met wat ze nu
        moeten zien. `versie` wordt alleen vergeleken, nooit gelezen als iets anders dan tekst."""
        relatief, pad = _pad(request)
        stand = sessie.meekijken.stand(pad)
        if request.query_params.get("versie") == meekijkversie(stand, pad):
            return Response(status_code=204)
        return _toon(request, relatief, pad, stand)

    async def _formulier(request: Request) -> tuple[list[tuple[str, str]], dict[str, str]]:
        async with request.form(max_fields=20_000) as formulier:
            velden = [(k, v) for k, v in formulier.multi_items() if isinstance(v, str)]
        return velden, dict(velden)

    async def bereken(request: Request) -> Response:
        if not toegang_van(request).schrijven:
            return _verboden()
        relatief, pad = _pad(request)
        velden, _los = await _formulier(request)
        formulier = fm.naar_formulier(fm.naar_gegevens(velden))
        uitkomst = sessie.herbereken(fm.naar_gegevens(velden), relatief)
        sessie.meekijken.zet(pad, formulier, uitkomst)
        namen = veldnamen(formulier)
        return sessie.pagina(
            request,
            "cijfers.html",
            f=formulier,
            u=uitkomst,
            namen=namen,
            algemeen=algemeen(uitkomst, namen),
            tarieven=sessie.tarieven(formulier["gemeente"]),
            peil=sessie.peil,
        )

    async def bewerk(request: Request) -> Response:
        if not toegang_van(request).schrijven:
            return _verboden()
        relatief, pad = _pad(request)
        velden, los = await _formulier(request)
        formulier = fm.bewerk(fm.naar_formulier(fm.naar_gegevens(velden)), los.get("actie", ""))
        uitkomst = sessie.herbereken(fm.naar_gegevens(_velden_van(formulier)), relatief)
        sessie.meekijken.zet(pad, formulier, uitkomst)
        return _editor(request, relatief, formulier, sha=los.get("sha256", ""), uitkomst=uitkomst)

    async def opslaan(request: Request) -> Response:
        if not toegang_van(request).schrijven:
            return _verboden()
        relatief, pad = _pad(request)
        velden, los = await _formulier(request)
        gegevens = fm.naar_gegevens(velden)
        formulier = fm.naar_formulier(gegevens)
        geopend = los.get("sha256", "")
        oud = pad.read_bytes() if pad.is_file() else None
        if (oud is not None and sha256(oud) != geopend) or (oud is None and geopend):
            return _editor(
                request,
                relatief,
                formulier,
                sha=geopend,
                status=409,
                fout="Niet opgeslagen: het bestand is op schijf gewijzigd sinds u het opende. Open de casus "
                "opnieuw (uw wijzigingen hier gaan dan verloren; kopieer ze zo nodig eerst).",
            )
        tekst = casus_yaml(gegevens)
        if oud is not None and los.get("bevestigd") != "ja" and not _zelf_geschreven(oud, relatief):
            oude_tekst = oud.decode("utf-8", "replace")
            regels = difflib.unified_diff(
                oude_tekst.splitlines(), tekst.splitlines(), f"{relatief} (nu)", f"{relatief} (na opslaan)", lineterm=""
            )
            diff = [("plus" if r.startswith("+") else "min" if r.startswith("-") else "", r) for r in regels]
            return _editor(
                request,
                relatief,
                formulier,
                sha=geopend,
                diff=diff,
                bericht="Dit bestand is niet door de casussessie geschreven. Bekijk hieronder wat er verandert "
                "(opmaak en commentaar gaan verloren) en bevestig.",
            )
        uitkomst = sessie.herbereken(gegevens, relatief)
        if uitkomst.fouten and not gegevens.get(CONCEPT):
            return _editor(
                request,
                relatief,
                formulier,
                sha=geopend,
                status=422,
                fout="Niet opgeslagen: de casus bevat fouten (zie de meldingen bij de velden). Vink 'Opslaan als "
                "concept' aan om hem als concept te bewaren; een concept telt nergens mee.",
            )
        try:
            schrijf_atomair(pad, tekst)
        except CasuskostenFout as fout:
            return _editor(request, relatief, formulier, sha=geopend, status=500, fout=fout.meldingen[0].tekst)
        sessie.meekijken.vergeet(pad)  # de deelnemers zien nu het bestand
        bericht = "Opgeslagen als concept." if gegevens.get(CONCEPT) else "Opgeslagen."
        return _editor(request, relatief, formulier, sha=sha256(tekst.encode("utf-8")), bericht=bericht)

    async def afdruk(request: Request) -> Response:
        relatief, pad = _pad(request)
        if not pad.is_file():
            return HTMLResponse("<p>Deze casus bestaat niet (meer).</p>", status_code=404)
        formulier = fm.naar_formulier(yaml_document(pad.read_bytes(), relatief).data)
        uitkomst = sessie.herbereken(fm.naar_gegevens(_velden_van(formulier)), relatief)
        return sessie.pagina(
            request,
            "afdruk.html",
            pad=relatief,
            f=formulier if toegang_van(request).schrijven else maskeer_teksten(formulier),  # zoals in de editor
            u=uitkomst,
            tarieven=sessie.tarieven(formulier["gemeente"]),
        )

    async def tariefzoeker(request: Request) -> Response:
        zoek = next((v for k, v in request.query_params.items() if k.endswith(".tarief")), "")
        gemeente = request.query_params.get("gemeente", "")
        woord = zoek.casefold().strip()
        gevonden = [
            t
            for t in sessie.tarieven(gemeente).values()
            if not woord or woord in t.regel.code.casefold() or woord in t.regel.omschrijving.casefold()
        ][:50]
        return sessie.pagina(request, "opties.html", gevonden=sorted(gevonden, key=lambda t: t.regel.code))

    routes = [
        Route("/", lijst, methods=["GET"]),
        Route("/nieuw", nieuw, methods=["POST"]),
        Route("/tarieven", tariefzoeker, methods=["GET"]),
        Route("/casus/{pad:path}/bereken", bereken, methods=["POST"]),
        Route("/casus/{pad:path}/bewerk", bewerk, methods=["POST"]),
        Route("/casus/{pad:path}/opslaan", opslaan, methods=["POST"]),
        Route("/casus/{pad:path}/print", afdruk, methods=["GET"]),
        Route("/casus/{pad:path}/meekijken", meekijken, methods=["GET"]),
        Route("/casus/{pad:path}", editor, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HIER / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={CasuskostenFout: _padfout})
    app.state.sessie = sessie
    return app
