"""Een casus schrijven: het sjabloon van `nieuw`, het JSON Schema voor editors en het opzoeken van tarieven."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from casuskosten.fouten import CasuskostenFout, InvoerFout
from casuskosten.invoer.casussen import controleer_casus, lees_casus, lees_casus_voor_schema
from casuskosten.invoer.modellen import Casus
from casuskosten.invoer.nieuw import maak_casus
from casuskosten.invoer.schema import casus_schema
from casuskosten.invoer.tarieven import laad_tarieven, zoek_tarieven
from tests.conftest import PROJECT, Draai

TARIEVEN = PROJECT / "tarieven"
INGEVULD = {
    "team": "Wijkteam Noord",
    "onderbouwing": "Zo liep het in vergelijkbare casussen in 2014.",
    "situatie": "Een alleenstaande vader met schulden.",
    "beschrijving": "Een beschrijving.",
    "toelichting": "Een toelichting.",
}


def _vul_in(tekst: str) -> str:
    """Vervang elke invultekst zoals een evaluator dat zou doen (per sleutel een passende waarde)."""
    regels = []
    tarieven = iter(["hbh_uur", "wijkteam_uur"])
    for origineel in tekst.splitlines():
        regel = origineel
        if "<VUL IN" in regel and not regel.lstrip().startswith("#"):
            sleutel = regel.strip().lstrip("- ").split(":", 1)[0]
            inspringing = regel[: len(regel) - len(regel.lstrip())]
            if sleutel == "tarief":
                regel = regel.split('"<VUL IN')[0] + next(tarieven)
            elif sleutel in INGEVULD:
                regel = regel.split('"<VUL IN')[0] + json.dumps(INGEVULD[sleutel])
            else:  # de regel onder `situatie: |`
                regel = inspringing + INGEVULD["situatie"]
        regels.append(regel)
    return "\n".join(regels) + "\n"


def test_nieuwe_casus_faalt_tot_de_invulteksten_vervangen_zijn(tmp_path: Path) -> None:
    """Een onaangeroerde nieuwe casus wordt geweigerd met een melding per '<VUL IN ...>', met regelnummer."""
    pad = maak_casus("Rotterdam", id_="RTD-99", uit=tmp_path / "rtd-99.yaml", datum=dt.date(2016, 3, 14))
    with pytest.raises(InvoerFout) as fout:
        lees_casus(pad)
    meldingen = fout.value.meldingen
    assert len(meldingen) == 8
    assert all("nog niet ingevuld" in m.tekst for m in meldingen)
    regels = pad.read_text(encoding="utf-8").splitlines()
    situatie = next(m for m in meldingen if m.veld == "situatie")
    assert situatie.regel is not None
    assert regels[situatie.regel - 1].startswith("situatie:")


def test_ingevulde_nieuwe_casus_is_geldig(tmp_path: Path) -> None:
    """Ingevuld is het sjabloon een geldige casus met de datum, de gemeente en vijf doelen op onbekend."""
    pad = maak_casus("Rotterdam", id_="RTD-99", uit=tmp_path / "rtd-99.yaml", datum=dt.date(2016, 3, 14))
    pad.write_text(_vul_in(pad.read_text(encoding="utf-8")), encoding="utf-8")
    cb = lees_casus(pad)
    assert controleer_casus(cb, laad_tarieven(TARIEVEN)) == []
    assert cb.casus.datum == dt.date(2016, 3, 14)
    assert cb.casus.gemeente == "Rotterdam"
    assert [cb.casus.doelen.oordeel(d) for d in ("voorkomen_zwaardere_zorg", "zelfredzaamheid")] == ["onbekend"] * 2
    assert pad.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_nieuw_overschrijft_nooit(tmp_path: Path) -> None:
    """Een bestaand bestand blijft onaangeroerd en `nieuw` meldt een fout."""
    pad = tmp_path / "bestaat.yaml"
    pad.write_text("id: X\n", encoding="utf-8")
    with pytest.raises(CasuskostenFout, match="bestaat al"):
        maak_casus("Rotterdam", uit=pad)
    assert pad.read_text(encoding="utf-8") == "id: X\n"


def test_nieuw_kiest_het_eerste_vrije_id(tmp_path: Path) -> None:
    """Zonder --id wordt het de eerste drie letters van de gemeente en het eerste vrije nummer."""
    oud = Path.cwd()
    os.chdir(tmp_path)
    try:
        een = maak_casus("Giessenlanden")
        twee = maak_casus("Giessenlanden")
    finally:
        os.chdir(oud)
    assert (een.as_posix(), twee.as_posix()) == (
        "casussen/giessenlanden/gie-01.yaml",
        "casussen/giessenlanden/gie-02.yaml",
    )


def test_schema_keurt_elke_meegeleverde_casus_goed() -> None:
    """Het schema met tariefcodes is geldig (draft 2020-12) en elke meegeleverde casus voldoet eraan."""
    schema = casus_schema(laad_tarieven(TARIEVEN))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    bestanden = sorted((PROJECT / "casussen").rglob("*.yaml"))
    assert len(bestanden) == 26
    for pad in bestanden:
        fouten = list(validator.iter_errors(lees_casus_voor_schema(pad)))
        assert fouten == [], f"{pad}: {fouten[0].message if fouten else ''}"


def test_met_yaml_safe_load_zijn_datums_geen_tekst() -> None:
    """Waarom de README `lees_casus_voor_schema` noemt: `yaml.safe_load` maakt van een datum een `date`."""
    pad = sorted((PROJECT / "casussen").rglob("*.yaml"))[0]
    validator = jsonschema.Draft202012Validator(casus_schema())
    assert not validator.is_valid(yaml.safe_load(pad.read_text(encoding="utf-8")))
    assert validator.is_valid(lees_casus_voor_schema(pad))


GELDIG: dict[str, Any] = {
    "id": "S-1",
    "gemeente": "X",
    "datum": "2016-01-01",
    "zekerheid": "hoog",
    "situatie": "tekst",
    "trajecten": {
        "voor_2015": {"inzet": [{"tarief": "hbh_uur", "aantal": 1, "per": "week", "duur": "6 maanden"}]},
        "sociaal_team": {"inzet": []},
    },
    "doelen": {
        "voorkomen_zwaardere_zorg": "ja",
        "integrale_aanpak": {"oordeel": "deels", "toelichting": "x"},
        "preventie_escalatie": "nee",
        "betere_ondersteuning": "onbekend",
        "zelfredzaamheid": "ja",
    },
}


def _met(pad: tuple[Any, ...], waarde: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GELDIG))
    doel = data
    for deel in pad[:-1]:
        doel = doel[deel]
    if waarde is ...:
        del doel[pad[-1]]
    else:
        doel[pad[-1]] = waarde
    return data


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_met(("situatei",), "x"), id="onbekende-sleutel"),
        pytest.param(_met(("zekerheid",), ...), id="ontbrekende-sleutel"),
        pytest.param(_met(("horizon_maanden",), "twaalf"), id="verkeerd-type"),
        pytest.param(_met(("horizon_maanden",), 121), id="horizon-te-lang"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "kans"), 1.5), id="kans-groter-dan-een"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "aantal"), -1), id="negatief-aantal"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "per"), "eeuw"), id="onbekende-per"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "duur"), "zes maanden"), id="onleesbare-duur"),
        pytest.param(_met(("doelen", "zelfredzaamheid"), "jawel"), id="ongeldig-oordeel"),
        pytest.param(_met(("zekerheid",), "heel hoog"), id="ongeldige-zekerheid"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "per"), ...), id="duur-zonder-per"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "per"), None), id="duur-met-lege-per"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "kans"), "0.5"), id="kans-als-tekst"),
        pytest.param(_met(("trajecten", "voor_2015", "inzet", 0, "duur"), "0 weken"), id="duur-nul"),
        pytest.param(_met(("datum",), "2016-1-1"), id="datum-zonder-voorloopnullen"),
        pytest.param(_met(("gemeente",), "  "), id="gemeente-alleen-spaties"),
    ],
)
def test_schema_weigert_fouten_op_schemaniveau(data: dict[str, Any]) -> None:
    """Wat de modellen weigeren, weigert het schema ook; wat het schema goedkeurt, keuren de modellen goed."""
    schema = casus_schema()
    assert jsonschema.Draft202012Validator(schema).is_valid(GELDIG)
    Casus.model_validate(GELDIG | {"datum": dt.date(2016, 1, 1)})
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)
    with pytest.raises(ValueError, match=r"validation error"):
        Casus.model_validate(data)


def test_schema_heeft_nederlandse_uitleg_bij_elk_veld() -> None:
    """Elk veld in het schema heeft een beschrijving, ook zonder tarieftabel."""
    schema = casus_schema()
    onderdelen = [schema, *schema["$defs"].values()]
    for onderdeel in onderdelen:
        for naam, veld in onderdeel["properties"].items():
            assert veld.get("description"), naam
    assert "uitleg" not in schema["properties"]["situatie"]["description"]  # een echte beschrijving, geen sjabloon
    assert schema["properties"]["situatie"]["description"].startswith("de situatie")
    assert "anyOf" not in schema["$defs"]["Inzet"]["properties"]["tarief"]  # zonder tabel: elke code, geen lijst


def _uitleg_per_code(schema: dict[str, Any], lijst: str) -> dict[str, str]:
    """code -> uitleg van een keuzelijst in `$defs`, door de verwijzingen heen (`#/$defs/tarief:...`)."""
    defs = schema["$defs"]
    keuzes = [defs[k["$ref"].removeprefix("#/$defs/")] for k in defs[lijst]["anyOf"]]
    return {k["enum"][0]: k["markdownEnumDescriptions"][0] for k in keuzes}


def test_schema_kent_de_tariefcodes_met_uitleg() -> None:
    """Elke landelijke code staat één keer in `$defs` met omschrijving, prijs op prijspeil en betrouwbaarheid."""
    schema = casus_schema(laad_tarieven(TARIEVEN))
    landelijk = _uitleg_per_code(schema, "landelijke_code")
    assert len(landelijk) == len(schema["$defs"]["landelijke_code"]["anyOf"]) == 36
    # met de hand: 32,76 (2022) x 134,517 / 121,445 (CPI 2025 / 2022) = 36,286
    assert (
        landelijk["hbh_uur"]
        == "Hulp bij het huishouden: € 36,29 per uur (landelijk, prijspeil 2025), betrouwbaarheid hoog"
    )
    westerveld = _uitleg_per_code(schema, "code_westerveld")
    eigen = ["begeleiding_plus_uur", "vraagverheldering", "vraagverheldering_stabilisatie"]
    assert sorted(set(westerveld) - set(landelijk)) == eigen
    assert set(landelijk) <= set(westerveld)
    # 1394,44 (2023) x 134,517 / 126,060 = 1487,99
    assert westerveld["vraagverheldering"].startswith(
        "Vraagverheldering (eenmalig): € 1.487,99 per traject (Westerveld,"
    )
    tekst = json.dumps(schema, ensure_ascii=False)
    assert tekst.count("Hulp bij het huishouden: ") == 1
    assert tekst.count("Hulp bij het huishouden (zorg in natura): ") == 1  # de eigen rij van Westerveld, één keer
    assert "examples" not in schema["$defs"]["Inzet"]["properties"]["tarief"]


def test_schema_geeft_de_eigen_prijs_van_een_gemeente_bij_een_landelijke_code() -> None:
    """Westerveld heeft een eigen prijs voor hbh_uur: de uitleg daar noemt die prijs, niet de landelijke."""
    schema = casus_schema(laad_tarieven(TARIEVEN))
    # met de hand: 32,40 (Westerveld, 2023) x 134,517 / 126,060 (CPI 2025 / 2023) = 34,574
    assert _uitleg_per_code(schema, "code_westerveld")["hbh_uur"] == (
        "Hulp bij het huishouden (zorg in natura): € 34,57 per uur (Westerveld, prijspeil 2025), betrouwbaarheid hoog"
    )
    # een landelijke code zonder eigen rij in Westerveld: de landelijke uitleg
    assert (
        _uitleg_per_code(schema, "code_westerveld")["wijkteam_uur"]
        == (_uitleg_per_code(schema, "landelijke_code")["wijkteam_uur"])
    )
    # Hengelo heeft alleen een eigen hbh_uur: ook die gemeente krijgt een eigen lijst met die prijs
    assert "(Hengelo, " in _uitleg_per_code(schema, "code_hengelo")["hbh_uur"]


@pytest.mark.parametrize(
    ("gemeente", "code", "geldig"),
    [
        pytest.param("Westerveld", "vraagverheldering", True, id="eigen-code-in-eigen-gemeente"),
        pytest.param("  westerveld ", "vraagverheldering", True, id="eigen-code-gemeente-anders-geschreven"),
        pytest.param("Rotterdam", "vraagverheldering", False, id="eigen-code-in-andere-gemeente"),
        pytest.param("Westerveld", "hbh_uur", True, id="landelijke-code-in-gemeente-met-eigen-codes"),
        pytest.param("Rotterdam", "hbh_uur", True, id="landelijke-code"),
        pytest.param("Rotterdam", "hbh_uuur", False, id="verschreven-code"),
        pytest.param("Waddinxveen", "vraagverheldering", False, id="code-van-de-ene-gemeente-in-de-andere"),
        pytest.param("Waddinxveen", "dagbesteding_jeugd_dagdeel", True, id="waddinxveen-eigen-code"),
    ],
)
def test_codes_van_een_gemeente_alleen_bij_die_gemeente(gemeente: str, code: str, geldig: bool) -> None:
    """Zoals `controleer`: een eigen code van een gemeente is in het schema alleen geldig bij die gemeente."""
    validator = jsonschema.Draft202012Validator(casus_schema(laad_tarieven(TARIEVEN)))
    data = _met(("trajecten", "sociaal_team", "inzet"), [{"tarief": code, "aantal": 1}]) | {"gemeente": gemeente}
    data["trajecten"]["voor_2015"]["inzet"][0]["tarief"] = "wijkteam_uur"
    assert validator.is_valid(data) is geldig


def test_meegeleverd_schema_is_actueel() -> None:
    """casus.schema.json in de projectmap is precies wat `casuskosten schema` nu maakt."""
    verwacht = casus_schema(laad_tarieven(TARIEVEN))
    assert json.loads((PROJECT / "casus.schema.json").read_text(encoding="utf-8")) == verwacht


def test_tarieven_toont_wat_de_beprijzing_kiest() -> None:
    """Westerveld krijgt zijn eigen hbh_uur (32,40 in 2023), Rotterdam de landelijke (32,76 in 2022)."""
    tabel = laad_tarieven(TARIEVEN)
    westerveld = {t.regel.code: t for t in zoek_tarieven(tabel, "Westerveld", 2023, "hbh")}
    assert westerveld["hbh_uur"].prijs == pytest.approx(32.40)
    assert westerveld["hbh_uur"].eigen_gemeente
    rotterdam = {t.regel.code: t for t in zoek_tarieven(tabel, "Rotterdam", 2022, "huishouden")}
    assert rotterdam["hbh_uur"].prijs == pytest.approx(32.76)
    assert not rotterdam["hbh_uur"].eigen_gemeente
    for t in zoek_tarieven(tabel, "Westerveld", 2023):
        assert tabel.kies(t.regel.code, "Westerveld", 2023) is t.regel


def test_tarieven_opdracht_zoekt_in_code_en_omschrijving(draai: Draai) -> None:
    """`casuskosten tarieven --zoek` vindt op omschrijving en toont prijs, betrouwbaarheid en bron."""
    uit = draai(
        "tarieven", "--gemeente", "Westerveld", "--zoek", "huishouden", "--prijspeil", "2023",
        omgeving={"COLUMNS": "250"},
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    assert "hbh_uur" in uit.stdout
    assert "€ 32,40" in uit.stdout
    assert "Tarieven Wmo 2023" in uit.stdout
    assert "wijkteam_uur" not in uit.stdout
