"""Gedeelde bouwstenen voor tests: een kleine tarieftabel met ronde prijzen en een casusschrijver."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent

TARIEVEN_CSV = """\
code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron
hulp,Hulp bij het huishouden,uur,10,2015,,gemeente_wmo,1,hoog,test
hulp,Hulp bij het huishouden,uur,20,2017,,gemeente_wmo,1,hoog,test
hulp,Hulp Alfa,uur,15,2016,Alfa,gemeente_wmo,1,hoog,test
zwaar,Jeugdhulp met verblijf,dag,100,2015,,gemeente_jeugd,2,laag,aanname: test
maatje,Vrijwilliger,uur,5,2015,,vrijwillig,0,middel,test
"""
PRIJSINDEX_CSV = "jaar,index\n2015,100\n2016,110\n2017,121\n"

BASIS_CASUS: dict[str, Any] = {
    "id": "T-01",
    "gemeente": "Beta",
    "datum": "2016-05-01",
    "zekerheid": "hoog",
    "leefgebieden": ["financien", "huishouden"],
    "situatie": "Een illustratieve testcasus.",
    "trajecten": {
        "voor_2015": {"inzet": []},
        "sociaal_team": {"inzet": []},
    },
    "doelen": {
        "voorkomen_zwaardere_zorg": "onbekend",
        "integrale_aanpak": "onbekend",
        "preventie_escalatie": "onbekend",
        "betere_ondersteuning": "onbekend",
        "zelfredzaamheid": "onbekend",
    },
}


@pytest.fixture
def tarieven(tmp_path: Path) -> Path:
    """Een tariefmap met ronde prijzen: hulp 10 (2015) / 20 (2017), Alfa 15 (2016), zwaar 100, maatje 5."""
    map_ = tmp_path / "tarieven"
    map_.mkdir()
    (map_ / "test.csv").write_text(TARIEVEN_CSV, encoding="utf-8")
    (map_ / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
    return map_


def casus(
    voor: list[dict[str, Any]] | None = None, team: list[dict[str, Any]] | None = None, **velden: Any
) -> dict[str, Any]:
    """Een geldige casus als dict, met de gegeven inzet en velden."""
    data = copy.deepcopy(BASIS_CASUS)
    data["trajecten"]["voor_2015"]["inzet"] = voor or []
    data["trajecten"]["sociaal_team"]["inzet"] = team or []
    doelen = velden.pop("doelen", {})
    data["doelen"].update(doelen)
    data.update(velden)
    return data


@pytest.fixture
def casusmap(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Schrijft casussen als YAML-bestanden in tmp_path/casussen en geeft de map terug."""
    map_ = tmp_path / "casussen"
    map_.mkdir()

    def schrijf(*casussen: dict[str, Any]) -> Path:
        for c in casussen:
            (map_ / f"{c['id'].lower()}.yaml").write_text(
                yaml.safe_dump(c, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        return map_

    return schrijf
