"""Een casus als YAML schrijven: vaste sleutelvolgorde, en wat de lezer terugleest is precies wat er stond.

De casussessie schrijft hiermee; `lees_casus` leest het bestand daarna tot op de laatste bit terug (getest met alle
meegeleverde casussen en met hypothesis). Tekst staat zonder aanhalingstekens als de lezer er niets anders van kan
maken (`gemeente: Rotterdam`), anders tussen dubbele aanhalingstekens (`id: "0012"`, `gemeente: "'s-Hertogenbosch"`);
tekst over meer regels als letterlijk blok (`situatie: |`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from .modellen import Casus, Doel, Doelen, Gebeurtenis, Inzet, Traject, Trajecten

#: de volgorde van de sleutels per soort mapping: die van de modellen (en van de meegeleverde casussen)
_VOLGORDE: dict[type[BaseModel], tuple[str, ...]] = {
    model: tuple(model.model_fields) for model in (Casus, Trajecten, Traject, Inzet, Gebeurtenis, Doelen, Doel)
}
_ONDER: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Casus, "trajecten"): Trajecten,
    (Casus, "doelen"): Doelen,
    (Trajecten, "voor_2015"): Traject,
    (Trajecten, "sociaal_team"): Traject,
    (Traject, "inzet"): Inzet,
    (Traject, "gebeurtenissen"): Gebeurtenis,
    **{(Doelen, doel): Doel for doel in Doelen.model_fields},
}
# tekst zonder aanhalingstekens: begint met een letter, daarna letters, cijfers en gewone leestekens; nooit ': ' of
# ' #' (YAML-betekenis), nooit spaties aan het eind
_KAAL = re.compile(r"[^\W\d_][\w .,;()/%+'’&-]*", re.UNICODE)
# woorden die YAML 1.1 (PyYAML) als ja/nee of leeg leest
_WOORDEN = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# een duur of per zoals mensen hem schrijven: `6 maanden`, `2 weken`
_DUUR = re.compile(r"[0-9]+ [^\W\d_]+")
_INSPRING = "  "


def casus_yaml(data: Mapping[str, Any]) -> str:
    """De YAML-tekst van een casus (als dict, zoals de casussessie hem opbouwt), in de vaste volgorde.

    Lege waarden (None) worden weggelaten; sleutels die het casusformaat niet kent, komen na de bekende in de
    volgorde waarin ze staan (de lezer meldt ze dan als onbekend veld, zoals in elk bestand).
    """
    regels: list[str] = []
    _mapping(data, Casus, 0, regels)
    return "\n".join(regels) + "\n"


def _gesorteerd(data: Mapping[str, Any], model: type[BaseModel] | None) -> list[tuple[str, Any]]:
    volgorde = _VOLGORDE.get(model, ()) if model is not None else ()
    bekend = [(k, data[k]) for k in volgorde if k in data]
    return bekend + [(k, v) for k, v in data.items() if k not in volgorde]


def _mapping(data: Mapping[str, Any], model: type[BaseModel] | None, diepte: int, regels: list[str]) -> None:
    voor = _INSPRING * diepte
    for sleutel, waarde in _gesorteerd(data, model):
        if waarde is None:
            continue
        kop = f"{voor}{_sleutel(sleutel)}:"
        onder = _ONDER.get((model, sleutel)) if model is not None else None
        if isinstance(waarde, Mapping):
            if not waarde:
                regels.append(f"{kop} {{}}")
                continue
            regels.append(kop)
            _mapping(waarde, onder, diepte + 1, regels)
        elif isinstance(waarde, Sequence) and not isinstance(waarde, str | bytes):
            _reeks(kop, waarde, onder, diepte, regels)
        elif isinstance(waarde, str) and "\n" in waarde and _als_blok(waarde):
            regels.append(f"{kop} |{_chomp(waarde)}")
            inhoud = waarde[:-1] if waarde.endswith("\n") else waarde
            regels.extend(f"{voor}{_INSPRING}{r}" if r else "" for r in inhoud.split("\n"))
        else:
            regels.append(f"{kop} {scalair(waarde)}")


def _reeks(kop: str, waarden: Sequence[Any], model: type[BaseModel] | None, diepte: int, regels: list[str]) -> None:
    if not waarden:
        regels.append(f"{kop} []")
        return
    if all(isinstance(w, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", w) and _kaal(w) for w in waarden):
        regels.append(f"{kop} [{', '.join(waarden)}]")  # zoals `leefgebieden: [financien, wonen]`
        return
    regels.append(kop)
    voor = _INSPRING * (diepte + 1)
    for waarde in waarden:
        if isinstance(waarde, Mapping) and waarde and any(v is not None for v in waarde.values()):
            onder: list[str] = []
            _mapping(waarde, model, diepte + 2, onder)
            # de eerste sleutel achter het streepje: `- tarief: hbh_uur`
            onder[0] = f"{voor}- {onder[0].lstrip()}"
            regels.extend(onder)
        elif isinstance(waarde, Mapping):
            regels.append(f"{voor}- {{}}")
        else:
            regels.append(f"{voor}- {scalair(waarde)}")


def _sleutel(sleutel: str) -> str:
    return sleutel if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sleutel) else json.dumps(sleutel, ensure_ascii=False)


def _kaal(tekst: str) -> bool:
    """Mag deze tekst zonder aanhalingstekens? Alleen als de lezer er niets anders dan precies deze tekst van maakt."""
    if _DUUR.fullmatch(tekst):
        return True
    return bool(_KAAL.fullmatch(tekst)) and tekst.lower() not in _WOORDEN and not tekst.endswith((" ", ":"))


def _als_blok(tekst: str) -> bool:
    """Kan deze tekst als letterlijk blok (`|`)? Niet met een spatie aan het begin (dan zou de inspringing anders
    gelezen worden), niet met regeleinden aan het eind die het blok niet kan dragen, en alleen gewone tekens."""
    inhoud = tekst[:-1] if tekst.endswith("\n") else tekst
    return (
        not tekst.startswith((" ", "\t", "\n"))
        and not inhoud.endswith("\n")
        and all(r == r.rstrip(" \t") for r in inhoud.split("\n"))
        and all(t in {"\n", "\t"} or t.isprintable() for t in tekst)
        and not any(r.startswith(("\t",)) for r in inhoud.split("\n"))
    )


def _chomp(tekst: str) -> str:
    return "" if tekst.endswith("\n") else "-"


def scalair(waarde: Any) -> str:
    """Eén waarde als YAML-scalair die de lezer precies zo terugleest (`2`, `0.35`, `2016-03-14`, `"0012"`)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise ValueError(f"geen eindig getal: {waarde}")
        if waarde.is_integer() and abs(waarde) < 1e15:
            return str(int(waarde))
        tekst = repr(waarde)
        # PyYAML leest `1e-05` als tekst: schrijf het kortste exacte decimale getal met een punt
        return format(Decimal(tekst), "f") if "e" in tekst or "E" in tekst else tekst
    if isinstance(waarde, dt.datetime):
        raise ValueError("een tijdstip hoort niet in een casus; alleen een dag")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, str):
        return waarde if _kaal(waarde) else json.dumps(waarde, ensure_ascii=False)
    raise TypeError(f"kan {type(waarde).__name__} niet als YAML schrijven")


def als_gegevens(casus: Casus) -> dict[str, Any]:
    """Een geldige casus als dict voor `casus_yaml`, in de korte vormen die een mens schrijft.

    Standaardwaarden weggelaten (`kans: 1`, `vanaf_maand: 0`; de horizon staat er altijd), een doel zonder
    toelichting als één woord (`integrale_aanpak: ja`).
    """
    gegevens = casus.model_dump(mode="python", exclude_defaults=True)
    gegevens["horizon_maanden"] = casus.horizon_maanden  # altijd zichtbaar: de periode waarover alles loopt
    doelen = gegevens["doelen"]
    for doel, waarde in doelen.items():
        if set(waarde) == {"oordeel"}:
            doelen[doel] = waarde["oordeel"]
    for traject in gegevens["trajecten"].values():
        traject.setdefault("inzet", [])
    return gegevens
