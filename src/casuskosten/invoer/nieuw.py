"""`casuskosten nieuw`: een nieuw casusbestand uit het sjabloon `casus.yaml.j2`."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import errno
import os
import re
import unicodedata
from pathlib import Path

from ..fouten import InstellingenFout, Melding, UitvoerFout
from .modellen import ID_MET_PUNT
from .sjablonen import render, sjabloon_omgeving

SJABLOON = "casus.yaml.j2"
STANDAARD_SCHEMA = "casus.schema.json"


_BESTAANDE_CASUS = re.compile(r"([a-z0-9]+)-(\d+)\.ya?ml", re.IGNORECASE)
# stuurtekens (Cc: ook CR, tab en U+0085), onzichtbare opmaaktekens (Cf) en regel- en alineascheiders (U+2028/9)
_VERBODEN_CATEGORIEEN = {"Cc", "Cf", "Zl", "Zp"}


def volgend_id(gemeente: str, map_: Path) -> str:
    """Het id voor een nieuwe casus in `map_`: het voorvoegsel van de casussen die er al staan met het volgende
    nummer (`RTD-09` naast rtd-01 .. rtd-08); zonder casussen de eerste drie letters van de gemeente (`ROT-01`).

    Staan er casussen met verschillende voorvoegsels even vaak, dan is niet te raden welk bedoeld is: een fout.
    """
    nummers: dict[str, list[int]] = collections.defaultdict(list)
    if map_.is_dir():
        for bestand in map_.iterdir():
            gevonden = _BESTAANDE_CASUS.fullmatch(bestand.name)
            if gevonden:
                nummers[gevonden.group(1).upper()].append(int(gevonden.group(2)))
    if not nummers:
        voorvoegsel = (re.sub(r"[^A-Za-z]", "", gemeente)[:3] or "CAS").upper()
        return f"{voorvoegsel}-01"
    telling = collections.Counter({v: len(n) for v, n in nummers.items()}).most_common()
    if len(telling) > 1 and telling[0][1] == telling[1][1]:
        gelijk = sorted(v for v, aantal in telling if aantal == telling[0][1])
        raise InstellingenFout(
            [
                Melding(
                    str(map_),
                    None,
                    "--id",
                    f"de casussen in deze map hebben even vaak het voorvoegsel {' en '.join(gelijk)}; "
                    f"kies het id zelf met --id, bijvoorbeeld --id {gelijk[0]}-{max(nummers[gelijk[0]]) + 1:02d}",
                )
            ]
        )
    voorvoegsel = telling[0][0]
    return f"{voorvoegsel}-{max(nummers[voorvoegsel]) + 1:02d}"


def _controleer_gemeente(gemeente: str) -> str:
    """De gemeentenaam zonder spaties rondom; een naam met een stuurteken of regelscheider komt nooit in een bestand."""
    for positie, teken in enumerate(gemeente, start=1):
        if unicodedata.category(teken) in _VERBODEN_CATEGORIEEN:
            raise InstellingenFout(
                [
                    Melding(
                        None,
                        None,
                        "--gemeente",
                        f"de naam bevat op positie {positie} een stuurteken of regelscheider (U+{ord(teken):04X}); "
                        "gebruik alleen letters, cijfers, spaties en leestekens",
                    )
                ]
            )
    if not gemeente.strip():
        raise InstellingenFout([Melding(None, None, "--gemeente", "de naam is leeg; geef de naam van de gemeente")])
    return gemeente.strip()


_REDENEN = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EEXIST: "een deel van het pad is een bestand, geen map",
    errno.ENOENT: "het bestand of de map kan hier niet gemaakt worden",
    errno.ENOSPC: "de schijf is vol",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def _schrijffout(doel: Path, fout: OSError) -> UitvoerFout:
    """Een fout bij het schrijven van de nieuwe casus als Nederlandse melding bij --uit."""
    reden = _REDENEN.get(fout.errno or 0, f"het besturingssysteem weigert (foutcode {fout.errno})")
    return UitvoerFout([Melding(str(doel), None, "--uit", f"kan het nieuwe casusbestand niet schrijven: {reden}")])


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

    gemeente = _controleer_gemeente(gemeente)
    standaardmap = Path("casussen") / re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-")
    if id_ is None:
        id_ = volgend_id(gemeente, uit.parent if uit else standaardmap)
    if not re.fullmatch(r"[A-Za-z0-9._-]+", id_):
        raise InstellingenFout([Melding(None, None, "--id", f"'{id_}' mag alleen letters, cijfers, . _ - bevatten")])
    if id_.startswith("."):
        tekst = ID_MET_PUNT.format(id=id_, zonder=id_.lstrip(".") or "A-01")
        raise InstellingenFout([Melding(None, None, "--id", tekst)])
    doel = uit or standaardmap / f"{id_.lower()}.yaml"
    if doel.name.startswith("."):
        tekst = (
            "begint met een punt: een verborgen bestand, dat controleer en bereken niet lezen; kies een naam zonder "
            "punt vooraan"
        )
        raise InstellingenFout([Melding(str(doel), None, "--uit", tekst)])
    if doel.is_dir():
        raise UitvoerFout(
            [
                Melding(
                    str(doel),
                    None,
                    "--uit",
                    f"is een map; geef een bestandsnaam, bijvoorbeeld {doel / id_.lower()}.yaml",
                )
            ]
        )
    if doel.exists():
        raise UitvoerFout(
            [
                Melding(
                    str(doel),
                    None,
                    "--uit",
                    "bestand bestaat al; kies een ander --id of --uit (nieuw overschrijft nooit een bestaand bestand)",
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
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
    except OSError as fout:  # ook FileExistsError: een deel van het pad is een bestand
        raise _schrijffout(doel, fout) from None
    try:
        with doel.open("x", encoding="utf-8") as uitvoer:  # "x": faalt als het bestand intussen bestaat
            uitvoer.write(tekst)
    except FileExistsError:  # pragma: no cover - race met een ander proces
        raise UitvoerFout([Melding(str(doel), None, "--uit", "bestand bestaat al")]) from None
    except OSError as fout:
        with contextlib.suppress(OSError):
            doel.unlink(missing_ok=True)  # geen half casusbestand laten staan
        raise _schrijffout(doel, fout) from None
    return doel
