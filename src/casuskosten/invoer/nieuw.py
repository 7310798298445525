"""`casuskosten nieuw`: een nieuw casusbestand uit het sjabloon `casus.yaml.j2`."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ..fouten import InstellingenFout, Melding, UitvoerFout
from .sjablonen import render, sjabloon_omgeving

SJABLOON = "casus.yaml.j2"
STANDAARD_SCHEMA = "casus.schema.json"


def volgend_id(gemeente: str, map_: Path) -> str:
    """`ROT-01`, `ROT-02` ...: de eerste drie letters van de gemeente en het eerste vrije nummer in `map_`."""
    voorvoegsel = (re.sub(r"[^A-Za-z]", "", gemeente)[:3] or "CAS").upper()
    nummer = 1
    while (map_ / f"{voorvoegsel.lower()}-{nummer:02d}.yaml").exists():
        nummer += 1
    return f"{voorvoegsel}-{nummer:02d}"


def maak_casus(
    gemeente: str,
    *,
    id_: str | None = None,
    uit: Path | None = None,
    datum: dt.date | None = None,
    schema: Path = Path(STANDAARD_SCHEMA),
    sjablonen: Path | None = None,
) -> Path:
    """Schrijf een nieuwe casus en geef het pad terug; een bestaand bestand wordt nooit overschreven."""
    import jinja2

    if not gemeente.strip() or "\n" in gemeente:
        raise InstellingenFout([Melding(None, None, "--gemeente", f"'{gemeente}' is geen bruikbare gemeentenaam")])
    gemeente = gemeente.strip()
    standaardmap = Path("casussen") / re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-")
    if id_ is None:
        id_ = volgend_id(gemeente, uit.parent if uit else standaardmap)
    if not re.fullmatch(r"[A-Za-z0-9._-]+", id_):
        raise InstellingenFout([Melding(None, None, "--id", f"'{id_}' mag alleen letters, cijfers, . _ - bevatten")])
    doel = uit or standaardmap / f"{id_.lower()}.yaml"
    if doel.exists():
        raise UitvoerFout(
            [
                Melding(
                    str(doel),
                    None,
                    "--uit",
                    "bestand bestaat al; kies een ander --id of --uit (een bestaande casus wordt nooit overschreven)",
                )
            ]
        )
    datum = datum or dt.date.today()
    import json

    omgeving = sjabloon_omgeving(
        "casuskosten.invoer",
        sjablonen,
        autoescape=False,  # YAML, geen HTML: waarden gaan via de filter yaml_tekst
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    omgeving.filters["yaml_tekst"] = lambda waarde: json.dumps(str(waarde), ensure_ascii=False)
    schema_pad = Path(os.path.relpath(schema.resolve(), doel.parent.resolve())).as_posix()
    tekst = render(
        omgeving,
        SJABLOON,
        sjablonen,
        id=id_,
        gemeente=gemeente,
        datum=datum.isoformat(),
        jaar=datum.year,
        schema=schema_pad,
    )
    doel.parent.mkdir(parents=True, exist_ok=True)
    try:
        with doel.open("x", encoding="utf-8") as uitvoer:  # "x": faalt als het bestand intussen bestaat
            uitvoer.write(tekst)
    except FileExistsError:  # pragma: no cover - race met een ander proces
        raise UitvoerFout([Melding(str(doel), None, "--uit", "bestand bestaat al")]) from None
    return doel
