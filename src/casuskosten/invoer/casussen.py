"""Casusbestanden zoeken, lezen en valideren: eerst de vorm (modellen), dan tegen de tarieven en de tijdsregels."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import math
import multiprocessing
import os
import stat
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from pydantic import ValidationError

from .. import formaat
from ..argumenten import publiek
from ..fouten import (
    CasuskostenFout,
    InvoerFout,
    Melding,
    Waarschuwing,
    bedoelde_u,
    gemaskeerd,
    leesbare_naam,
    os_reden,
)
from .modellen import DOELEN, TRAJECTEN, Casus
from .namen import eerste_spelling, sleutel
from .tarieven import Tarieftabel
from .tijd import tijdvak
from .validatie import Slotregel, is_tekstveld, vertaal
from .yamlbron import (
    MAX_BESTANDSGROOTTE,
    Pad,
    YamlDocument,
    dubbelzinnig_tekst,
    lees_yaml,
    pad_tekst,
    yaml_document,
)

EXTENSIES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class CasusBestand:
    """Een geldige casus met het bestand waar hij uit komt (voor meldingen en verantwoording)."""

    casus: Casus
    document: YamlDocument

    @property
    def bestand(self) -> str:
        """Het bestand zoals de gebruiker het ziet."""
        return self.document.bestand


@dataclass(frozen=True, slots=True)
class Overgeslagen:
    """Eén casusbestand dat met `sla_ongeldige_over` is weggelaten, met al zijn meldingen.

    `id` en `gemeente` staan erbij als ze leesbaar waren, zodat een gemeenterapport alleen zijn eigen weggelaten
    casussen noemt.
    """

    bestand: str
    id: str | None
    gemeente: str | None
    meldingen: tuple[Melding, ...]

    @property
    def omschrijving(self) -> str:
        """`casussen/rtd-04.yaml (casus RTD-04, Rotterdam)`: welke casus, zo ver als bekend; gemaskeerd (een bestand
        kan 123456782.yaml heten). `bestand` zelf blijft het echte pad: de uitvoer wordt er nooit in geschreven."""
        delen = [f"casus {self.id}" if self.id else "", self.gemeente or ""]
        bekend = ", ".join(d for d in delen if d)
        return gemaskeerd(f"{self.bestand} ({bekend})" if bekend else self.bestand)


def aantal_casussen(aantal: int) -> str:
    """`1 casus`, `3 casussen`."""
    return f"{aantal} casus" if aantal == 1 else f"{aantal} casussen"


@dataclass(frozen=True, slots=True)
class Gelezen:
    """Eén gelezen bestand: de casus (None als de vorm ongeldig is), de meldingen, en id en gemeente als leesbaar."""

    bestand: str
    casus: CasusBestand | None
    meldingen: tuple[Melding, ...]
    id: str | None = None
    gemeente: str | None = None


@dataclass(frozen=True)
class Geladen:
    """De geldige casussen en, bij `sla_ongeldige_over`, welke casussen zijn overgeslagen en waarom."""

    casussen: tuple[CasusBestand, ...]
    overgeslagen: tuple[Overgeslagen, ...] = ()
    #: verborgen casusbestanden in de mappen (`.a-01.yaml`): niet gelezen, wel gemeld (zie `verborgen_waarschuwingen`)
    verborgen: tuple[Path, ...] = ()


def weergave(pad: Path) -> str:
    """Een pad zoals de gebruiker het herkent: relatief aan de werkmap als dat kan.

    Een naam die geen geldige UTF-8 is (`b"\\xff.yaml"` op Linux) komt van Python met losse surrogaten terug; die
    kan geen uitvoer schrijven (JSON, HTML, PDF en xlsx vallen erover). Daarom hier, op de ene plek waar een pad
    tekst wordt, elk onleesbaar byte als vervangingsteken U+FFFD: `�.yaml`."""
    try:
        tekst = os.path.relpath(pad)
    except ValueError:  # pragma: no cover - ander station op Windows
        tekst = str(pad)
    return leesbare_naam(tekst)


def zoek_casusbestanden(paden: Iterable[Path | str]) -> list[Path]:
    """Alle *.yaml/*.yml in de gegeven bestanden en mappen (recursief), gesorteerd en zonder dubbelen.

    Gooit `InvoerFout` als een pad niet bestaat of iets onderweg niet te lezen is (zie `vind_casusbestanden`).
    """
    bestanden, meldingen = vind_casusbestanden(paden)
    if meldingen:
        raise InvoerFout(meldingen)
    return bestanden


def vind_casusbestanden(
    paden: Iterable[Path | str], verborgen: list[Path] | None = None
) -> tuple[list[Path], list[Melding]]:
    """De casusbestanden in de gegeven bestanden en mappen, en een melding voor alles wat niet te lezen is.

    Niets wordt stil overgeslagen (dan zou `bereken` stil minder casussen tellen): een kapotte symbolische link,
    een lus van links of een onleesbare map is een melding. Verborgen bestanden en mappen (`.git`) tellen niet
    mee; een verborgen casusbestand (`.a-01.yaml`) komt in `verborgen`, voor een waarschuwing. Hetzelfde bestand via
    twee wegen (`casussen` en `casussen/t-01.yaml`) wordt één keer gelezen.
    """
    gevonden: dict[str, Path] = {}  # echt pad -> pad zoals de gebruiker het gaf
    meldingen: list[Melding] = []
    for pad in map(Path, paden):
        info = _stat(pad, meldingen)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            _doorzoek(pad, (os.path.realpath(pad),), gevonden, meldingen, verborgen)
        elif stat.S_ISREG(info.st_mode):
            gevonden.setdefault(os.path.realpath(pad), pad)
        else:
            meldingen.append(
                Melding(weergave(pad), None, None, "is geen gewoon bestand of map (maar een pijp of apparaat)")
            )
    return sorted(gevonden.values()), meldingen


def _stat(pad: Path, meldingen: list[Melding]) -> os.stat_result | None:
    """`stat` van `pad` (links gevolgd), of None met een melding die zegt wat er mis is."""
    try:
        return pad.stat()
    except OSError as fout:
        if fout.errno == errno.ELOOP:
            tekst = "symbolische link in een lus (de link wijst, via andere links, naar zichzelf)"
        elif pad.is_symlink():
            tekst = f"symbolische link wijst naar '{os.readlink(pad)}', dat niet bestaat"
        elif fout.errno == errno.ENOENT:
            tekst = "bestand of map bestaat niet"
        else:
            tekst = f"kan niet gelezen worden: {os_reden(fout)}"
        meldingen.append(Melding(weergave(pad), None, None, tekst))
        return None


def _doorzoek(
    map_: Path,
    keten: tuple[str, ...],
    gevonden: dict[str, Path],
    meldingen: list[Melding],
    verborgen: list[Path] | None = None,
) -> None:
    """Zoek recursief in `map_`; `keten` zijn de echte paden van de mappen erboven (om lussen te herkennen).
    Een verborgen casusbestand (`.x.yaml`) wordt niet gelezen, maar wel in `verborgen` genoteerd."""
    try:
        namen = sorted(os.listdir(map_))
    except OSError as fout:
        meldingen.append(Melding(weergave(map_), None, None, f"map kan niet gelezen worden: {os_reden(fout)}"))
        return
    for naam in namen:
        if naam.startswith("."):
            if verborgen is not None and Path(naam).suffix.lower() in EXTENSIES:
                verborgen.append(map_ / naam)
            continue
        kind = map_ / naam
        info = _stat(kind, meldingen)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            echt = os.path.realpath(kind)
            if echt in keten:
                meldingen.append(
                    Melding(
                        weergave(kind),
                        None,
                        None,
                        "symbolische link naar een bovenliggende map (een lus); verwijder de link",
                    )
                )
                continue
            _doorzoek(kind, (*keten, echt), gevonden, meldingen, verborgen)
        elif stat.S_ISREG(info.st_mode) and kind.suffix.lower() in EXTENSIES:
            gevonden.setdefault(os.path.realpath(kind), kind)


def geen_casussen_melding(paden: Sequence[Path | str]) -> Melding:
    """De fout als er geen enkel casusbestand is gevonden (bij `bereken` én bij `controleer`)."""
    return Melding(", ".join(map(str, paden)) or None, None, None, "geen casusbestanden (*.yaml of *.yml) gevonden")


def lees_casus(pad: Path, *, max_grootte: int = MAX_BESTANDSGROOTTE) -> CasusBestand:
    """Lees één casusbestand en controleer de vorm; `InvoerFout` met alle vormfouten."""
    return _valideer(lees_yaml(pad, weergave=weergave(pad), max_grootte=max_grootte))


@publiek
def lees_casus_voor_schema(pad: Path | str) -> object:
    """Een casusbestand zoals het JSON Schema (`casuskosten schema`, `casus.schema.json`) het ziet, voor `jsonschema`.

    Dezelfde lezer als `lees_casus`, maar zonder de modellen: een datum blijft tekst (`'2016-03-14'`, zoals in een
    editor), een getal of ja/nee in een tekstveld is de tekst zoals geschreven (`id: 0012` wordt `'0012'`), en
    `.inf`/`.nan` blijven tekst (het schema weigert ze dan, zoals de modellen). YAML-fouten geven een `InvoerFout`.

        import json, pathlib, jsonschema, casuskosten
        schema = json.loads(pathlib.Path("casus.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        validator.validate(casuskosten.lees_casus_voor_schema("casussen/rotterdam/rtd-01.yaml"))
    """
    bestand = Path(pad)
    document = lees_yaml(bestand, weergave=weergave(bestand))
    data = document.data
    for plek, tekst in document.ruw.items():
        if plek and is_tekstveld(Casus, plek):
            _zet(data, plek, tekst)
    return _als_json(data)


def _als_json(waarde: object) -> object:
    """Datums als JJJJ-MM-DD (een tijdstip met zijn tijd), oneindig en NaN als tekst: wat JSON kent."""
    if isinstance(waarde, dict):
        return {k: _als_json(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_als_json(v) for v in waarde]
    if isinstance(waarde, dt.date):  # ook dt.datetime: '2016-03-14T10:00:00', dat het schema weigert
        return waarde.isoformat()
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return str(waarde)
    return waarde


def _zet(data: dict[str, object], pad: Pad, waarde: str) -> None:
    """Zet `waarde` op `pad` in de geneste dicts en lijsten van een YAML-document."""
    doel: object = data
    for deel in pad[:-1]:
        doel = doel[deel]  # type: ignore[index]
    doel[pad[-1]] = waarde  # type: ignore[index]


def _valideer(document: YamlDocument) -> CasusBestand:
    if not isinstance(document.data, dict):
        soort = "een lijst" if isinstance(document.data, list) else "een losse waarde"
        raise InvoerFout(
            [
                Melding(
                    document.bestand,
                    document.regel(()) or 1,
                    None,
                    f"verwacht een casus als mapping (id:, gemeente:, ...), gekregen {soort}",
                )
            ]
        )
    open_plekken = _placeholders(document)
    # Een getal, datum of ja/nee in een tekstveld is de tekst zoals geschreven (`id: 0012` blijft '0012'); een
    # dubbelzinnige getalvorm (`012`, `1:30`) in een ander veld is een fout, nooit een stille omzetting.
    dubbelzinnig: list[Melding] = []
    for pad, tekst in document.ruw.items():
        if is_tekstveld(Casus, pad):
            _zet(document.data, pad, tekst)
        elif pad in document.dubbelzinnig:
            dubbelzinnig.append(
                Melding(document.bestand, document.regel(pad), pad_tekst(pad), dubbelzinnig_tekst(tekst))
            )
    concept = _concept(document)
    try:
        casus = Casus.model_validate(document.data)
    except ValidationError as fout:
        al_gemeld = {m.veld for m in dubbelzinnig}
        vorm = [m for m in vertaal(fout, document, Casus) if m.veld not in al_gemeld]
        raise InvoerFout([*concept, *sorted([*open_plekken, *dubbelzinnig, *vorm], key=_volgorde)]) from None
    if concept or open_plekken or dubbelzinnig:
        raise InvoerFout([*concept, *sorted([*open_plekken, *dubbelzinnig], key=_volgorde)])
    return CasusBestand(casus, document)


CONCEPT_TEKST = (
    "deze casus is een concept (concept: true) en telt nergens mee; maak hem af (in de casussessie, of haal "
    "'concept: true' weg als alles klopt)"
)


def _concept(document: YamlDocument) -> list[Melding]:
    """De melding dat een casus een concept is (bovenaan, vóór zijn andere fouten), of niets."""
    if isinstance(document.data, dict) and document.data.get("concept") is True:
        return [Melding(document.bestand, document.regel(("concept",)), "concept", CONCEPT_TEKST)]
    return []


def _volgorde(melding: Melding) -> tuple[bool, int]:
    return isinstance(melding, Slotregel), melding.regel or 0


def _placeholders(document: YamlDocument) -> list[Melding]:
    """Velden die nog de invultekst uit `casuskosten nieuw` bevatten (gevonden tijdens het lezen)."""
    return [
        Melding(
            document.bestand,
            document.regel(pad),
            pad_tekst(pad),
            "nog niet ingevuld: vervang de tekst '<VUL IN ...>' door de echte waarde",
        )
        for pad in document.invulplekken
    ]


def controleer_casus(cb: CasusBestand, tabel: Tarieftabel) -> list[Melding]:
    """Controles die de tarieven en de tijdsregels nodig hebben: onbekende codes, inzet buiten de horizon."""
    casus, doc = cb.casus, cb.document
    meldingen = []
    codes = tabel.codes(casus.gemeente)
    for traject in TRAJECTEN:
        for i, inzet in enumerate(getattr(casus.trajecten, traject).inzet):
            pad = ("trajecten", traject, "inzet", i)
            if tabel.kies(inzet.tarief, casus.gemeente, casus.tariefjaar) is None:
                meldingen.append(
                    _onbekende_code(
                        doc, (*pad, "tarief"), inzet.tarief, gemeente=casus.gemeente, codes=codes, tabel=tabel
                    )
                )
            if inzet.vanaf_maand >= casus.horizon_maanden:
                meldingen.append(
                    Melding(
                        doc.bestand,
                        doc.regel((*pad, "vanaf_maand")),
                        pad_tekst((*pad, "vanaf_maand")),
                        f"vanaf_maand {inzet.vanaf_maand} valt buiten de horizon; moet kleiner zijn "
                        f"dan horizon_maanden ({casus.horizon_maanden})",
                    )
                )
                continue
            maanden, _ = tijdvak(inzet.per, inzet.duur, inzet.vanaf_maand, casus.horizon_maanden)
            if inzet.vanaf_maand + maanden > casus.horizon_maanden:
                meldingen.append(
                    Melding(
                        doc.bestand,
                        doc.regel((*pad, "duur")),
                        pad_tekst((*pad, "duur")),
                        f"duur '{inzet.duur}' ({_maanden(maanden)} maanden) vanaf maand "
                        f"{inzet.vanaf_maand} loopt voorbij de horizon van {casus.horizon_maanden} "
                        f"maanden; maak de duur korter of de horizon langer",
                    )
                )
    return meldingen


def _onbekende_code(
    doc: YamlDocument, pad: Pad, code: str, *, gemeente: str | None, codes: list[str], tabel: Tarieftabel
) -> Melding:
    elders = tabel.gemeenten_met_code(code)
    uitleg = f"; deze code bestaat alleen voor {', '.join(elders)}" if elders else bedoelde_u(code, codes)
    voor = f" voor gemeente {gemeente}" if gemeente else ""
    return Melding(doc.bestand, doc.regel(pad), pad_tekst(pad), f"onbekende tariefcode '{code}'{voor}{uitleg}")


def _ruwe_tariefcodes(document: YamlDocument, tabel: Tarieftabel) -> list[Melding]:
    """De tariefcodes van een casus met vormfouten toch controleren, waar de code zelf leesbaar is.

    Zo meldt `controleer` een verschreven code in dezelfde ronde als de vormfouten, niet pas daarna.
    """
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("trajecten"), dict):
        return []
    gemeente = data.get("gemeente")
    gemeente = gemeente.strip() if isinstance(gemeente, str) and gemeente.strip() else None
    codes = tabel.codes(gemeente) if gemeente else tabel.alle_codes()
    bekend = set(codes)
    meldingen = []
    for traject in TRAJECTEN:
        inhoud = data["trajecten"].get(traject)
        inzet = inhoud.get("inzet") if isinstance(inhoud, dict) else None
        if not isinstance(inzet, list):
            continue
        for i, regel in enumerate(inzet):
            code = regel.get("tarief") if isinstance(regel, dict) else None
            if isinstance(code, str) and code.strip() and code.strip().lower() not in bekend:
                pad = ("trajecten", traject, "inzet", i, "tarief")
                meldingen.append(
                    _onbekende_code(document, pad, code.strip(), gemeente=gemeente, codes=codes, tabel=tabel)
                )
    return meldingen


def _naam(data: object, veld: str) -> str | None:
    waarde = data.get(veld) if isinstance(data, dict) else None
    return waarde.strip() or None if isinstance(waarde, str) else None


def _maanden(waarde: Fraction) -> str:
    """Een aantal maanden dat niet met zichzelf in strijd is: `18`, `12,5`, en 366 dagen (12,03 maanden) als
    `ruim 12` in plaats van `12,0` (dat voorbij een horizon van 12 zou lopen)."""
    if waarde.denominator == 1:
        return str(int(waarde))
    afgerond = round(waarde, 1)
    if afgerond.denominator == 1:  # een breuk die op één decimaal als geheel getal zou ogen
        geheel = math.floor(waarde)
        return f"ruim {geheel}" if waarde > geheel else f"bijna {math.ceil(waarde)}"
    return f"{float(waarde):.1f}".replace(".", ",")


def lees_en_controleer(pad: Path, tabel: Tarieftabel | None, max_grootte: int = MAX_BESTANDSGROOTTE) -> Gelezen:
    """Eén bestand lezen en controleren: de casus (of None als de vorm ongeldig is) en de meldingen.

    Een casus met een geldige vorm maar een fout tegen de tarieven of de tijdsregels komt terug mét meldingen.
    """
    try:
        document = lees_yaml(pad, weergave=weergave(pad), max_grootte=max_grootte)
    except InvoerFout as fout:
        return Gelezen(weergave(pad), None, fout.meldingen)
    return _controleer_document(document, tabel, bewaar=False)


def lees_en_controleer_bytes(inhoud: bytes, bestand: str, tabel: Tarieftabel | None) -> Gelezen:
    """Als `lees_en_controleer`, voor de bytes van een casusbestand dat (nog) niet op schijf staat: dezelfde lezer,
    dezelfde meldingen. De casus houdt zijn regelnummers, voor meldingen bij het veld (de casussessie)."""
    try:
        document = yaml_document(inhoud, bestand)
    except InvoerFout as fout:
        return Gelezen(bestand, None, fout.meldingen)
    return _controleer_document(document, tabel, bewaar=True)


def _controleer_document(document: YamlDocument, tabel: Tarieftabel | None, *, bewaar: bool) -> Gelezen:
    id_, gemeente = _naam(document.data, "id"), _naam(document.data, "gemeente")
    try:
        cb = _valideer(document)
    except InvoerFout as fout:
        meldingen = list(fout.meldingen)
        if tabel is not None:
            meldingen = sorted([*meldingen, *_ruwe_tariefcodes(document, tabel)], key=_volgorde)
        return Gelezen(document.bestand, None, tuple(meldingen), id_, gemeente)
    eigen = controleer_casus(cb, tabel) if tabel is not None else []
    if bewaar:
        return Gelezen(cb.bestand, cb, tuple(eigen), cb.casus.id, cb.casus.gemeente)
    # Na de controle zijn de ruwe YAML-gegevens niet meer nodig, en van de regelnummers alleen die waar latere
    # meldingen naar wijzen (id, doelen, vrije tekst voor de privacycontrole): bij 100.000 casussen scheelt dat
    # honderden MB. Een ontbrekend pad valt in `YamlDocument.regel` terug op het bovenliggende veld.
    bewaard = {
        p: r for p, r in cb.document.regels.items() if not p or (isinstance(p[-1], str) and p[-1] in _LATER_NODIG)
    }
    cb = CasusBestand(cb.casus, dataclasses.replace(cb.document, data=None, regels=bewaard, ruw={}))
    return Gelezen(cb.bestand, cb, tuple(eigen), cb.casus.id, cb.casus.gemeente)


_LATER_NODIG = frozenset(
    {
        "id",
        "gemeente",
        "datum",
        "situatie",
        "onderbouwing",
        "team",
        "ingebracht_door",
        "beschrijving",
        "toelichting",
        "kans",  # de waarschuwing kans_zonder_toelichting wijst naar de regel van de kans
        "doelen",
        *DOELEN,
    }
)


Voortgang = Callable[[int, int], None]
"""Wordt aangeroepen met (gedaan, totaal); de CLI tekent er een voortgangsbalk mee, de kern tekent niets."""


def lees_alle(
    bestanden: Sequence[Path],
    tabel: Tarieftabel | None,
    max_grootte: int = MAX_BESTANDSGROOTTE,
    voortgang: Voortgang | None = None,
    *,
    werkers: int = 1,
) -> list[Gelezen]:
    """`lees_en_controleer` voor elk bestand; de uitkomst in de volgorde van `bestanden`, hoeveel werkers er ook zijn.

    Met `werkers` > 1 en vanaf `PARALLEL_VANAF` bestanden lezen en valideren werkprocessen elk een stuk bestanden
    (alleen waar een proces zich kan splitsen, `fork`: dan erven ze de tarieftabel zonder dat die over een
    procesgrens gaat). Ze sturen de gevalideerde casussen terug zonder ruwe YAML-gegevens; dat terugsturen kost
    ongeveer een vijfde van wat het lezen kost (gemeten, zie benchmarks/README.md).
    """
    stukken = [bestanden[i : i + _STUK] for i in range(0, len(bestanden), _STUK)]
    if werkers > 1 and len(bestanden) >= PARALLEL_VANAF and kan_splitsen():
        _WERK[:] = [(tabel, max_grootte)]
        try:
            with ProcessPoolExecutor(
                min(werkers, len(stukken)), mp_context=multiprocessing.get_context("fork")
            ) as pool:
                with warnings.catch_warnings():
                    # de werkers ontstaan bij de eerste opdracht. Python 3.12+ waarschuwt bij fork in een proces met
                    # draden (die van numpy's rekenbibliotheek); de werkers lezen alleen bestanden en raken ze niet
                    warnings.simplefilter("ignore", DeprecationWarning)
                    delen = pool.map(_lees_stuk, stukken)
                return _verzamel(delen, len(bestanden), voortgang)
        except BrokenProcessPool:
            # een werker is weggevallen (bijvoorbeeld door te weinig geheugen): zeggen wat er kan, niet blijven wachten
            raise CasuskostenFout(
                "een werkproces voor het lezen van de casussen stopte onverwacht (te weinig geheugen?); "
                "probeer het opnieuw met --werkers 1"
            ) from None
        finally:
            _WERK.clear()
    return _verzamel(
        ([lees_en_controleer(p, tabel, max_grootte) for p in stuk] for stuk in stukken), len(bestanden), voortgang
    )


def kan_splitsen() -> bool:
    """Mogen er werkprocessen lezen? Alleen op Linux (fork: de werkers erven de tarieftabel; op macOS is fork na het
    laden van de systeembibliotheken onveilig, daarom start Python daar standaard anders), niet vanuit een werkproces
    van iemand anders (daar mogen geen kinderen komen), en alleen vanuit een proces zonder andere Python-draden (niet
    in bijvoorbeeld een Jupyter-kernel): een fork kopieert geen draden, en een slot dat een andere draad op dat moment
    vasthoudt, blijft in het kind voor altijd dicht. Met één proces is de uitkomst dezelfde."""
    return (
        sys.platform.startswith("linux")
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
    )


#: vanaf zoveel bestanden lezen werkprocessen; daaronder kost het opstarten meer dan het oplevert
PARALLEL_VANAF = 400
_STUK = 50  # bestanden per opdracht aan een werker (en per stap van de voortgang)
_WERK: list[tuple[Tarieftabel | None, int]] = []


def _lees_stuk(stuk: Sequence[Path]) -> list[Gelezen]:
    tabel, max_grootte = _WERK[0]
    return [lees_en_controleer(p, tabel, max_grootte) for p in stuk]


def _verzamel(delen: Iterable[list[Gelezen]], totaal: int, voortgang: Voortgang | None) -> list[Gelezen]:
    uit: list[Gelezen] = []
    for deel in delen:
        uit += deel
        if voortgang is not None:
            voortgang(len(uit), totaal)
    return uit


@publiek
def laad_casussen(
    paden: Sequence[Path | str],
    tabel: Tarieftabel,
    *,
    sla_ongeldige_over: bool = False,
    max_grootte: int = MAX_BESTANDSGROOTTE,
    voortgang: Voortgang | None = None,
    werkers: int = 1,
) -> Geladen:
    """Lees en controleer alle casussen; bij een fout alle meldingen samen, tenzij `sla_ongeldige_over`.

    Met `sla_ongeldige_over` is elk weggelaten bestand één `Overgeslagen` met al zijn meldingen (een casus met acht
    fouten is één weggelaten casus, niet acht).
    """
    verborgen: list[Path] = []
    bestanden, zoekfouten = vind_casusbestanden(paden, verborgen)
    if not bestanden and not zoekfouten:
        raise InvoerFout([geen_casussen_melding(paden)])
    # wat niet te vinden of te openen was, is ook een weggelaten casus(bestand)
    ongeldig = [Gelezen(m.bestand or "", None, (m,)) for m in zoekfouten]
    gelezen = lees_alle(bestanden, tabel, max_grootte, voortgang, werkers=werkers)
    ongeldig += [g for g in gelezen if g.casus is None or g.meldingen]
    geldig, dubbel = zonder_dubbele_ids([g.casus for g in gelezen if g.casus is not None and not g.meldingen])
    ongeldig += dubbel
    meldingen = [m for g in ongeldig for m in g.meldingen]
    if meldingen and not sla_ongeldige_over:
        raise InvoerFout(meldingen)
    if not geldig:
        raise InvoerFout([*meldingen, Melding(None, None, None, "geen enkele geldige casus over om te berekenen")])
    weggelaten = tuple(Overgeslagen(g.bestand, g.id, g.gemeente, g.meldingen) for g in ongeldig)
    return Geladen(tuple(geldig), weggelaten, tuple(verborgen))


#: de code van de waarschuwing bij een kans onder 1 zonder toelichting (zie `kans_zonder_toelichting`)
KANS_ZONDER_TOELICHTING = "kans_zonder_toelichting"


def _kans_tekst(kans: float) -> str:
    """Een kans zoals de sessie en de rapporten hem noemen: `0.5` -> `50%`, `0.125` -> `12,5%`."""
    return formaat.aandeel(kans, 0 if float(kans * 100).is_integer() else 1)


def kans_zonder_toelichting(cb: CasusBestand) -> tuple[Melding, ...]:
    """Per inzet vóór 2015 met een kans onder 1 en zonder toelichting een melding bij het veld `toelichting`: een
    lezer moet kunnen zien waarom deze inzet maar met die kans was gebeurd. Een waarschuwing, geen fout: de cijfers
    kloppen, en bestaande bestanden blijven geldig. `controleer`, `bereken` en de sessie tonen deze ene tekst."""
    uit = []
    for i, inzet in enumerate(cb.casus.trajecten.voor_2015.inzet):
        if inzet.kans < 1 and not (inzet.toelichting or "").strip():
            uit.append(
                Melding(
                    cb.bestand,
                    cb.document.regel(("trajecten", "voor_2015", "inzet", i, "kans")),
                    f"trajecten.voor_2015.inzet[{i}].toelichting",
                    f"kans {_kans_tekst(inzet.kans)} zonder toelichting: schrijf waarom deze inzet vóór 2015 maar met "
                    "die kans was gebeurd, zodat een lezer de kans kan volgen",
                )
            )
    return tuple(uit)


def toelichting_waarschuwingen(cb: CasusBestand) -> tuple[Waarschuwing, ...]:
    """De meldingen van `kans_zonder_toelichting` als één waarschuwing per casus (`bestand:regel: veld: tekst`, met
    de regel van de eerste): een casus met vijf zulke regels gaf anders vijf bijna gelijke regels in de terminal en
    in de verantwoording van het rapport. De sessie toont elke regel apart, bij zijn eigen veld."""
    meldingen = kans_zonder_toelichting(cb)
    if len(meldingen) <= 1:
        tekst = str(meldingen[0]) if meldingen else ""
    else:
        eerste = meldingen[0]
        regels = ", ".join(
            f"regel {i + 1}: {_kans_tekst(inzet.kans)}"  # geteld zoals de sessie ("Regel 1")
            for i, inzet in enumerate(cb.casus.trajecten.voor_2015.inzet)
            if inzet.kans < 1 and not (inzet.toelichting or "").strip()
        )
        tekst = str(
            Melding(
                eerste.bestand,
                eerste.regel,
                "trajecten.voor_2015.inzet",
                f"{len(meldingen)} regels met een kans onder 100% zonder toelichting ({regels}): schrijf bij elk "
                "waarom deze inzet vóór 2015 maar met die kans was gebeurd, zodat een lezer de kans kan volgen",
            )
        )
    return (Waarschuwing(KANS_ZONDER_TOELICHTING, tekst, cb.bestand, cb.casus.id, cb.casus.gemeente),) if tekst else ()


def verborgen_waarschuwingen(verborgen: Iterable[Path]) -> tuple[Waarschuwing, ...]:
    """Per verborgen casusbestand (`.a-01.yaml`) een waarschuwing: het telt niet mee, en dat moet de gebruiker weten
    (anders telt `bereken` stil een casus minder dan er in de map staan)."""
    return tuple(
        Waarschuwing(
            "verborgen_casusbestand",
            f"{weergave(pad)}: verborgen bestand (de naam begint met een punt), dus niet gelezen; geef het een naam "
            "zonder punt vooraan als het een casus is",
            weergave(pad),
        )
        for pad in verborgen
    )


def zonder_dubbele_ids(casussen: list[CasusBestand]) -> tuple[list[CasusBestand], list[Gelezen]]:
    """De casussen zonder die met een id dat al eerder voorkwam; elke weggelaten casus met zijn melding."""
    eerste: dict[str, CasusBestand] = {}
    weg: list[Gelezen] = []
    dubbel: set[str] = set()
    for cb in casussen:
        if cb.casus.id in eerste:
            ander = eerste[cb.casus.id]
            if cb.casus.id not in dubbel:
                # de eerste valt ook weg (welke van de twee is de echte?): ook die wordt genoemd, niet stil weggelaten
                weg.append(
                    Gelezen(
                        ander.bestand,
                        None,
                        (
                            Melding(
                                ander.bestand,
                                ander.document.regel(("id",)),
                                "id",
                                f"id '{cb.casus.id}' komt ook voor in {cb.bestand}:{cb.document.regel(('id',))}; "
                                "elke casus heeft een eigen id",
                            ),
                        ),
                        ander.casus.id,
                        ander.casus.gemeente,
                    )
                )
            dubbel.add(cb.casus.id)
            melding = Melding(
                cb.bestand,
                cb.document.regel(("id",)),
                "id",
                f"id '{cb.casus.id}' komt ook voor in {ander.bestand}:"
                f"{ander.document.regel(('id',))}; elke casus heeft een eigen id",
            )
            weg.append(Gelezen(cb.bestand, None, (melding,), cb.casus.id, cb.casus.gemeente))
        else:
            eerste[cb.casus.id] = cb
    return [cb for cb in casussen if cb.casus.id not in dubbel], weg


def eenduidige_gemeenten(casussen: Sequence[CasusBestand], tabel: Tarieftabel) -> list[CasusBestand]:
    """Dezelfde casussen met elke gemeente in één spelling (zie `namen.sleutel`): die van de tarieftabel, anders de
    eerste in bestandsvolgorde. Zo zijn 'Den Haag' en 'den haag' één gemeente in elke tabel en elk rapport."""
    eerste = eerste_spelling(cb.casus.gemeente for cb in sorted(casussen, key=lambda cb: cb.bestand))
    uit = []
    for cb in casussen:
        naam = tabel.spelling(cb.casus.gemeente) or eerste[sleutel(cb.casus.gemeente)]
        gelijk = naam == cb.casus.gemeente
        uit.append(cb if gelijk else CasusBestand(cb.casus.model_copy(update={"gemeente": naam}), cb.document))
    return uit


def gemeente_waarschuwingen(
    casussen: Sequence[CasusBestand], tabel: Tarieftabel
) -> dict[str, tuple[Waarschuwing, ...]]:
    """Per casus-id een waarschuwing als de gemeente geen eigen tarieven heeft, maar een bijna gelijke naam wel."""
    uit: dict[str, tuple[Waarschuwing, ...]] = {}
    for cb in casussen:
        ander = tabel.bijna_gelijke_gemeente(cb.casus.gemeente)
        if ander is not None:
            regel = cb.document.regel(("gemeente",))
            plaats = f"{cb.bestand}:{regel}" if regel else cb.bestand
            tekst = (
                f"{plaats}: gemeente '{cb.casus.gemeente}' heeft geen eigen tarieven, '{ander}' wel; "
                f"nu gelden de landelijke tarieven (bedoelt u '{ander}'?)"
            )
            uit[cb.casus.id] = (Waarschuwing("gemeente_bijna_gelijk", tekst, cb.bestand, cb.casus.id, ander),)
    return uit
