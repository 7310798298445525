"""Het JSON Schema van het casusformaat, gegenereerd uit de modellen (niet met de hand geschreven).

Editors die JSON Schema lezen (VS Code met de YAML-extensie, JetBrains, Neovim met yaml-language-server) geven
daarmee aanvulling, uitleg bij elk veld en rode onderstrepingen bij fouten.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..formaat import euro
from .modellen import DOELEN, OORDELEN, TRAJECTEN, Casus
from .namen import netjes, sleutel
from .tarieven import Tariefregel, Tarieftabel
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


def casus_schema(tabel: Tarieftabel | None = None) -> dict[str, Any]:
    """Het schema van één casusbestand; met `tabel` kent `tarief` de codes (elk met een korte uitleg).

    De landelijke codes gelden overal; de codes die alleen een gemeente heeft, alleen als `gemeente` die gemeente
    is (`if`/`then` bovenaan). Elke uitleg staat één keer in `$defs`.
    """
    schema = copy.deepcopy(Casus.model_json_schema(mode="validation"))
    schema["$schema"] = SCHEMA_URI
    schema["title"] = "casuskosten: casus"
    schema["description"] = (
        "Eén praktijkcasus van een sociaal wijkteam: de situatie, wat het team deed "
        "(sociaal_team), hoe het vóór 2015 zou zijn gegaan (voor_2015) en de vijf doelen."
    )
    defs = schema.get("$defs", {})
    inzet = defs["Inzet"]["properties"]
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
    if tabel is not None:
        _met_tariefcodes(schema, tabel)
    return schema


def _met_tariefcodes(schema: dict[str, Any], tabel: Tarieftabel) -> None:
    """`tarief` als keuze uit de codes: landelijk overal, de eigen codes van een gemeente alleen bij die gemeente.

    JSON Schema kan een keuzelijst niet uitbreiden binnen `allOf`; daarom staat de lijst niet bij `Inzet` maar per
    geval bovenaan: als `gemeente` een gemeente met eigen rijen is, de codes zoals die gemeente ze prijst; anders
    (`else`) alleen landelijk. Zo biedt de editor bij elke casus precies de codes aan die `controleer` goedkeurt,
    met de prijs die de tool daar rekent (ook bij een landelijke code met een eigen prijs van de gemeente). Elke
    uitleg staat één keer in `$defs` (`tarief:code`, of `tarief:code@gemeente` voor een eigen rij); de lijsten
    verwijzen ernaar, zodat het schema klein blijft.
    """
    defs = schema["$defs"]
    defs["Inzet"]["properties"]["tarief"]["description"] = (
        "tariefcode: de aanvulling (Ctrl+Spatie) toont de codes die voor deze gemeente gelden, met prijs; "
        "'casuskosten tarieven --gemeente ...' toont de prijzen van de gemeente zelf"
    )
    peil = tabel.prijsindex.peil(None)

    def keuze(code: str, gemeente: str | None) -> dict[str, str]:
        """Een verwijzing naar de uitleg van de rij die de tool voor `code` in `gemeente` kiest."""
        regel = tabel.kies(code, gemeente or "", peil)
        if regel is None:  # pragma: no cover - de codes komen uit dezelfde tabel
            raise AssertionError(code)
        naam = f"tarief:{code}" + (f"@{_defnaam(regel.gemeente)}" if regel.gemeente else "")
        defs.setdefault(naam, {"enum": [code], "markdownEnumDescriptions": [_uitleg(tabel, regel, peil)]})
        return {"$ref": f"#/$defs/{naam}"}

    defs["landelijke_code"] = {"type": "string", "anyOf": [keuze(c, None) for c in tabel.codes(None)]}
    defs["tarief_landelijk"] = _tarief_in_traject({"$ref": "#/$defs/landelijke_code"})
    gemeenten = sorted({netjes(r.gemeente) for r in tabel.regels if r.gemeente}, key=sleutel)
    regels: list[dict[str, Any]] = []
    met_eigen: list[dict[str, Any]] = []
    for gemeente in gemeenten:
        naam = _defnaam(gemeente)
        defs[f"code_{naam}"] = {"type": "string", "anyOf": [keuze(c, gemeente) for c in tabel.codes(gemeente)]}
        defs[f"tarief_{naam}"] = _tarief_in_traject({"$ref": f"#/$defs/code_{naam}"})
        is_gemeente = {"pattern": _gemeentepatroon(gemeente)}
        met_eigen.append(is_gemeente)
        regels.append(
            {
                "if": {"required": ["gemeente"], "properties": {"gemeente": is_gemeente}},
                "then": _trajecten(f"#/$defs/tarief_{naam}"),
            }
        )
    anders = _trajecten("#/$defs/tarief_landelijk")
    if met_eigen:
        regels.append(
            {"if": {"required": ["gemeente"], "properties": {"gemeente": {"anyOf": met_eigen}}}, "else": anders}
        )
    else:
        regels.append(anders)
    schema["allOf"] = regels


def _defnaam(gemeente: str) -> str:
    """`'s-Hertogenbosch` -> `s_hertogenbosch`: een naam voor `$defs` (zelfde sleutel als de tool)."""
    return re.sub(r"[^a-z0-9]+", "_", sleutel(gemeente)).strip("_")


def _trajecten(verwijzing: str) -> dict[str, Any]:
    return {"properties": {"trajecten": {"properties": {t: {"$ref": verwijzing} for t in TRAJECTEN}}}}


def _tarief_in_traject(tarief: dict[str, Any]) -> dict[str, Any]:
    return {"properties": {"inzet": {"items": {"properties": {"tarief": tarief}}}}}


def _uitleg(tabel: Tarieftabel, regel: Tariefregel, peil: int) -> str:
    """`Hulp bij het huishouden: € 36,29 per uur (landelijk, prijspeil 2025), betrouwbaarheid hoog`."""
    index = tabel.prijsindex
    waar = netjes(regel.gemeente) if regel.gemeente else "landelijk"
    if regel.jaar in index.cijfers:
        prijs, wanneer = regel.prijs * index.factor(regel.jaar, peil), f"prijspeil {peil}"
    else:  # geen indexcijfer voor het jaar van de rij: de prijs van dat jaar, zo gezegd
        prijs, wanneer = regel.prijs, f"prijs van {regel.jaar}"
    return (
        f"{regel.omschrijving}: {euro(prijs, 2)} per {regel.eenheid} ({waar}, {wanneer}), "
        f"betrouwbaarheid {regel.betrouwbaarheid}"
    )


def _gemeentepatroon(gemeente: str) -> str:
    """Een patroon dat de gemeentenaam herkent zoals de tool (`namen.sleutel`): hoofdletters, spaties, apostroffen."""
    delen = []
    for teken in netjes(gemeente):
        if teken.isalpha() and teken.lower() != teken.upper():
            delen.append(f"[{teken.lower()}{teken.upper()}]")
        elif teken == " ":
            delen.append(r"\s+")
        elif teken in "'’‘":
            delen.append("['’‘]")
        elif teken in "-‐‑–":
            delen.append("[-‐‑–]")
        elif teken.isalnum():
            delen.append(teken)
        else:
            delen.append("\\" + teken)
    return r"^\s*" + "".join(delen) + r"\s*$"
