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
DUUR_PATROON = r"^\s*\d+([.,]\d+)?\s*(dag|dagen|week|weken|maand|maanden|kwartaal|kwartalen|jaar|jaren)\s*$"


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
    props["situatie"]["examples"] = ["Vertel de situatie zoals u die aantrof; noem mensen bij hun rol, nooit bij naam."]
    return schema
