"""Het JSON Schema van het casusformaat, gegenereerd uit de modellen (niet met de hand geschreven).

Editors die JSON Schema lezen (VS Code met de YAML-extensie, JetBrains, Neovim met yaml-language-server) geven
daarmee aanvulling, uitleg bij elk veld en rode onderstrepingen bij fouten.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from .modellen import DOELEN, OORDELEN, Casus
from .tijd import DUUR_VOORBEELD

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
_EENHEDEN = ("dag", "dagen", "week", "weken", "maand", "maanden", "kwartaal", "kwartalen", "jaar", "jaren")


def _hoofdletterongevoelig(woord: str) -> str:
    """`dag` -> `[dD][aA][gG]`: JSON Schema kent geen vlag voor hoofdletters, de tool leest `6 Maanden` wel."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in woord)


#: wat `tijd.lees_duur` leest: een getal groter dan 0 (punt of komma) en een eenheid, in elke schrijfwijze
DUUR_PATROON = (
    r"^\s*(0*[1-9][0-9]*([.,][0-9]+)?|0+[.,][0-9]*[1-9][0-9]*)\s*("
    + "|".join(_hoofdletterongevoelig(e) for e in _EENHEDEN)
    + r")\s*$"
)
#: tekst die na het weghalen van witruimte aan begin en eind niet leeg is (de modellen strippen eerst)
NIET_LEEG = r"\S"
DATUM_PATROON = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def casus_schema(tariefcodes: Sequence[str] = ()) -> dict[str, Any]:
    """Het schema van één casusbestand; `tariefcodes` verschijnen als suggesties bij `tarief`."""
    schema = copy.deepcopy(Casus.model_json_schema(mode="validation"))
    schema["$schema"] = SCHEMA_URI
    schema["title"] = "casuskosten: casus"
    schema["description"] = (
        "Eén praktijkcasus van een sociaal wijkteam: de situatie, wat het team deed "
        "(sociaal_team), hoe het vóór 2015 zou zijn gegaan (voor_2015) en de vijf doelen."
    )
    defs = schema.get("$defs", {})
    inzet = defs["Inzet"]["properties"]
    if tariefcodes:
        inzet["tarief"]["examples"] = sorted(tariefcodes)
    inzet["duur"] = {
        "anyOf": [{"type": "string", "pattern": DUUR_PATROON}, {"type": "null"}],
        "default": None,
        "description": f"hoe lang de inzet loopt: {DUUR_VOORBEELD}; alleen met per",
    }
    inzet["aantal"]["examples"] = [1, 2, 0.5]
    inzet["tarief"]["pattern"] = NIET_LEEG
    # zoals de modellen: een duur vraagt een `per` (een eenmalige inzet heeft geen duur)
    defs["Inzet"]["if"] = {"required": ["duur"], "properties": {"duur": {"type": "string"}}}
    defs["Inzet"]["then"] = {"required": ["per"], "properties": {"per": {"type": "string"}}}
    # een doel mag kort (`ja`) of lang ({oordeel, toelichting}); pydantic ziet alleen de lange vorm
    doelen = defs["Doelen"]["properties"]
    for doel in DOELEN:
        beschrijving = doelen[doel].get("description", "")
        doelen[doel] = {
            "description": beschrijving,
            "anyOf": [{"type": "string", "enum": list(OORDELEN)}, {"$ref": "#/$defs/Doel"}],
        }
    props = schema["properties"]
    props["datum"]["examples"] = ["2016-03-14"]
    # een editor leest een datum als tekst; `format` alleen wordt niet door elke validator gecontroleerd
    props["datum"]["pattern"] = DATUM_PATROON
    props["id"]["pattern"] = r"^\s*[A-Za-z0-9._-]+\s*$"
    for veld in ("gemeente", "situatie"):
        props[veld]["pattern"] = NIET_LEEG
    props["situatie"]["examples"] = ["Vertel de situatie zoals u die aantrof; noem mensen bij hun rol, nooit bij naam."]
    return schema
