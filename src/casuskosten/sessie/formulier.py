"""Formulier <-> casusgegevens: de velden van de editor (platte namen) en de dict die `casus_yaml` schrijft.

Veldnamen (stabiel; de browsertests sturen ze aan, de ids zijn dezelfde naam met `-` in plaats van `.`):

- casus: `id`, `gemeente`, `team`, `teammodel`, `ingebracht_door`, `datum`, `prijspeil`, `horizon_maanden`,
  `zekerheid`, `onderbouwing`, `zwaarte`, `selectie`, `situatie`, `leefgebieden` (meerdere), `concept`;
- per traject (`voor_2015`, `sociaal_team`): `trajecten.T.beschrijving`, per inzetregel i (vanaf 0)
  `trajecten.T.inzet.i.{tarief,aantal,per,duur,vanaf_maand,kans,toelichting}`, per gebeurtenis j
  `trajecten.T.gebeurtenissen.j.{maand,tekst}`;
- per doel D: `doelen.D.oordeel`, `doelen.D.toelichting`.

Getallen worden alleen omgezet als ze ondubbelzinnig zijn (`2`, `0.5`); al het andere (`50%`, `0,5`) gaat als tekst
naar de lezer, die er de melding van `controleer` bij geeft. Niets wordt geraden.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..invoer.modellen import TRAJECTEN, Doelen, Gebeurtenis, Inzet

DOELEN: tuple[str, ...] = tuple(Doelen.model_fields)
INZETVELDEN: tuple[str, ...] = ("tarief", "aantal", "per", "duur", "vanaf_maand", "kans", "toelichting")
GEBEURTENISVELDEN: tuple[str, ...] = ("maand", "tekst")
CASUSVELDEN: tuple[str, ...] = (
    "id",
    "gemeente",
    "team",
    "teammodel",
    "ingebracht_door",
    "datum",
    "prijspeil",
    "horizon_maanden",
    "zekerheid",
    "onderbouwing",
    "zwaarte",
    "selectie",
    "situatie",
)
_GEHEEL = frozenset({"prijspeil", "horizon_maanden", "vanaf_maand", "maand"})
_GETAL = frozenset({"aantal", "kans"})
_INZET = re.compile(r"trajecten\.(voor_2015|sociaal_team)\.(inzet|gebeurtenissen)\.(\d{1,4})\.([a-z_]+)")
assert set(INZETVELDEN) == set(Inzet.model_fields)
assert set(GEBEURTENISVELDEN) == set(Gebeurtenis.model_fields)


def veld_id(naam: str) -> str:
    """Het HTML-id van formulierveld `naam`: `trajecten.voor_2015.inzet.0.tarief` wordt
    `trajecten-voor_2015-inzet-0-tarief`."""
    return naam.replace(".", "-")


def _waarde(naam: str, tekst: str) -> Any:
    """De waarde van een veld zoals de lezer hem uit YAML zou krijgen; leeg is None (weggelaten)."""
    if tekst.strip() == "":
        return None
    if naam in _GEHEEL and re.fullmatch(r"-?[0-9]+", tekst.strip()):
        return int(tekst)
    if naam in _GETAL:
        schoon = tekst.strip()
        if re.fullmatch(r"-?[0-9]+", schoon):
            return int(schoon)
        if re.fullmatch(r"-?[0-9]*\.[0-9]+", schoon):
            return float(schoon)
    if naam == "datum" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", tekst.strip()):
        try:
            return dt.date.fromisoformat(tekst.strip())
        except ValueError:
            return tekst  # de lezer meldt de ongeldige datum
    # regeleinden uit een browser (CRLF) als in een bestand
    return tekst.replace("\r\n", "\n")


def naar_gegevens(velden: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """De casus (als dict in de vaste volgorde van `casus_yaml`) uit de velden van het formulier."""
    casus: dict[str, Any] = {}
    regels: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    beschrijving: dict[str, Any] = {}
    doelen: dict[str, dict[str, Any]] = {d: {} for d in DOELEN}
    leefgebieden: list[str] = []
    concept = False
    for naam, tekst in velden:
        if naam in CASUSVELDEN:
            casus[naam] = _waarde(naam, tekst)
        elif naam == "leefgebieden":
            if tekst not in leefgebieden:
                leefgebieden.append(tekst)
        elif naam == "concept":
            concept = tekst == "ja"
        elif gevonden := _INZET.fullmatch(naam):
            traject, soort, nummer, veld = gevonden.groups()
            if veld in (INZETVELDEN if soort == "inzet" else GEBEURTENISVELDEN):
                regels.setdefault((traject, soort), {}).setdefault(int(nummer), {})[veld] = _waarde(veld, tekst)
        elif gevonden := re.fullmatch(r"trajecten\.(voor_2015|sociaal_team)\.beschrijving", naam):
            beschrijving[gevonden.group(1)] = _waarde("beschrijving", tekst)
        elif (gevonden := re.fullmatch(r"doelen\.([a-z_]+)\.(oordeel|toelichting)", naam)) and gevonden.group(
            1
        ) in doelen:
            doelen[gevonden.group(1)][gevonden.group(2)] = _waarde(gevonden.group(2), tekst)
    uit: dict[str, Any] = {"concept": True} if concept else {}
    uit.update(casus)
    uit["leefgebieden"] = leefgebieden or None
    trajecten: dict[str, Any] = {}
    for traject in TRAJECTEN:
        deel: dict[str, Any] = {"beschrijving": beschrijving.get(traject)}
        for soort in ("inzet", "gebeurtenissen"):
            lijst = [regels[(traject, soort)][i] for i in sorted(regels.get((traject, soort), {}))]
            deel[soort] = lijst if soort == "inzet" or lijst else None
        trajecten[traject] = deel
    uit["trajecten"] = trajecten
    uit["doelen"] = {
        d: (w.get("oordeel") if w.get("toelichting") is None else {k: v for k, v in w.items() if v is not None})
        for d, w in doelen.items()
    }
    return uit


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde)


def _mapping(waarde: Any) -> Mapping[str, Any]:
    return waarde if isinstance(waarde, Mapping) else {}


def _lijst(waarde: Any) -> list[Any]:
    return list(waarde) if isinstance(waarde, list | tuple) else []


def naar_formulier(gegevens: Any) -> dict[str, Any]:
    """De waarden voor de editor (alles als tekst) uit casusgegevens: een gelezen YAML-document (ook een ongeldig)
    of de uitkomst van `naar_gegevens`."""
    data = _mapping(gegevens)
    uit: dict[str, Any] = {naam: _tekst(data.get(naam)) for naam in CASUSVELDEN}
    uit["concept"] = data.get("concept") is True
    uit["leefgebieden"] = [str(x) for x in _lijst(data.get("leefgebieden"))]
    trajecten = _mapping(data.get("trajecten"))
    uit["trajecten"] = {}
    for traject in TRAJECTEN:
        deel = _mapping(trajecten.get(traject))
        uit["trajecten"][traject] = {
            "beschrijving": _tekst(deel.get("beschrijving")),
            "inzet": [{v: _tekst(_mapping(r).get(v)) for v in INZETVELDEN} for r in _lijst(deel.get("inzet"))],
            "gebeurtenissen": [
                {v: _tekst(_mapping(r).get(v)) for v in GEBEURTENISVELDEN} for r in _lijst(deel.get("gebeurtenissen"))
            ],
        }
    doelen = _mapping(data.get("doelen"))
    uit["doelen"] = {}
    for doel in DOELEN:
        waarde = doelen.get(doel)
        if isinstance(waarde, Mapping):
            uit["doelen"][doel] = {
                "oordeel": _tekst(waarde.get("oordeel")),
                "toelichting": _tekst(waarde.get("toelichting")),
            }
        else:
            uit["doelen"][doel] = {"oordeel": _tekst(waarde), "toelichting": ""}
    return uit


def bewerk(formulier: dict[str, Any], actie: str) -> dict[str, Any]:
    """Een regel erbij of eraf (`inzet-erbij:voor_2015`, `inzet-weg:voor_2015:2`, `gebeurtenis-erbij:...`)."""
    delen = actie.split(":")
    if len(delen) < 2 or delen[1] not in TRAJECTEN:
        return formulier
    soort = "inzet" if delen[0].startswith("inzet") else "gebeurtenissen"
    velden = INZETVELDEN if soort == "inzet" else GEBEURTENISVELDEN
    lijst = formulier["trajecten"][delen[1]][soort]
    if delen[0].endswith("-erbij"):
        lijst.append(dict.fromkeys(velden, ""))
    elif delen[0].endswith("-weg") and len(delen) == 3 and delen[2].isdigit() and int(delen[2]) < len(lijst):
        del lijst[int(delen[2])]
    return formulier
