"""Eén verklaarde resultaatvorm: JSON, exporttabellen, `Resultaat.tabel` en het JSON Schema van de uitvoer volgen uit
dezelfde verklaring, en elk veld is gedocumenteerd.

Casussen A, B (Beta) en C (Alfa) uit test_berekening, prijspeil 2015, discontovoet 0, correctie middel 0,2:
- A: vóór 1540, team 230; vermeden per tariefcode: hulp 1040 - 130 = 910, zwaar 500 - 0 = 500, maatje 0 - 100 -> 0,
  samen 1410; gecorrigeerd vóór = 1540 - 0,2 x 1410 = 1258, besparing gecorrigeerd 1258 - 230 = 1028;
- B (hoog, correctie 0): vóór 120, team 200;
- Beta: vóór 1660, team 430, besparing 1230 = 74,096...%; gecorrigeerd vóór 1378, besparing 948.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pandas as pd
import pytest

from casuskosten import bereken
from casuskosten.fouten import Waarschuwing
from casuskosten.rekenen import waarden
from casuskosten.rekenen.resultaat import TABELLEN, tabelkolommen, uitleg, uitvoerschema
from casuskosten.uitvoer.export import exporteer
from casuskosten.velden import PROCENT, plannen
from tests.conftest import PROJECT
from tests.excelnotatie import toon
from tests.test_berekening import CASUS_A, CASUS_B, CASUS_C, GEEN_DISCONTO

#: kolommen waarmee de berekening werkt en die een analist nooit te zien krijgt
WERKKOLOMMEN = {
    "kosten_kans_1",
    "kosten_disconto_0",
    "kosten_disconto_4",
    "disconto_factor",
    "lijn2_voor_2015",
    "lijn2_sociaal_team",
    "laagk_voor_2015",
    "collectief_kosten_voor_2015_werk",
    "nr",
    "vermeden",
    "aantal_leefgebieden",
}


@pytest.fixture(scope="module")
def resultaat(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import yaml

    from tests.conftest import PRIJSINDEX_CSV, TARIEVEN_CSV

    basis = tmp_path_factory.mktemp("schema")
    (basis / "tarieven").mkdir()
    (basis / "tarieven" / "test.csv").write_text(TARIEVEN_CSV, encoding="utf-8")
    (basis / "tarieven" / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
    (basis / "casussen").mkdir()
    for c in (CASUS_A, CASUS_B, CASUS_C):
        (basis / "casussen" / f"{c['id'].lower()}.yaml").write_text(yaml.safe_dump(c, allow_unicode=True), "utf-8")
    return bereken([basis / "casussen"], basis / "tarieven", GEEN_DISCONTO)


def _bereikbare_klassen() -> set[type]:
    """Elke resultaatwaarde die in de uitvoer kan komen, ook genest."""
    gezien: set[type] = set()
    open_ = [waarden.CasusCijfers, waarden.Aggregaat, waarden.Weggelaten, waarden.Invoerbestand, Waarschuwing]
    while open_:
        klasse = open_.pop()
        if klasse in gezien:
            continue
        gezien.add(klasse)
        open_.extend(p.klasse for p in plannen(klasse) if p.klasse is not None)
    return gezien


def test_elk_veld_van_de_uitvoer_heeft_een_betekenis_en_eenheid() -> None:
    """Elk veld van elke waarde die in de uitvoer kan komen is verklaard, met een betekenis van meer dan één woord."""
    klassen = _bereikbare_klassen()
    assert {waarden.Opgeschaald, waarden.RegelCijfers, waarden.Perspectief, waarden.Periode} <= klassen
    for klasse in klassen:
        for plan in plannen(klasse):
            assert len(plan.veld.betekenis.split()) >= 2, f"{klasse.__name__}.{plan.naam}"
            assert plan.veld.eenheid.omschrijving, f"{klasse.__name__}.{plan.naam}"


def test_een_veld_zonder_verklaring_is_een_programmeerfout() -> None:
    """Een resultaatwaarde met een veld zonder `veld(...)` kan niet naar buiten: `plannen` weigert hem."""

    @dataclasses.dataclass(frozen=True)
    class Kaal:
        bedrag: float

    with pytest.raises(TypeError, match=r"Kaal\.bedrag heeft geen verklaring"):
        plannen(Kaal)


def test_json_voldoet_aan_het_gepubliceerde_uitvoerschema(resultaat) -> None:  # type: ignore[no-untyped-def]
    """De JSON van `bereken --json` voldoet aan `uitvoerschema()`; het schema staat geen sleutels toe die niet
    verklaard zijn (additionalProperties: false), dus elke sleutel in de JSON is er een uit de verklaring."""
    schema = uitvoerschema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads("".join(resultaat.json_delen()))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert set(data["casussen"][0]) == {p.naam for p in plannen(waarden.CasusCijfers)}


def test_het_uitvoerschema_weigert_een_onverklaarde_sleutel(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Een sleutel die niet in de verklaring staat, valt op: het schema is streng."""
    data = resultaat.naar_dict()
    data["gemeenten"][0]["kans_op_iets"] = 0.5
    with pytest.raises(jsonschema.ValidationError, match="kans_op_iets"):
        jsonschema.validate(data, uitvoerschema(), cls=jsonschema.Draft202012Validator)


def test_demo_json_voldoet_aan_het_uitvoerschema_ook_met_opschaling() -> None:
    """De meegeleverde casussen met de demo-instellingen (twee gemeenten opgeschaald) voldoen aan het schema."""
    from casuskosten import laad_instellingen

    instellingen = laad_instellingen(PROJECT / "voorbeeld" / "casuskosten.toml").model_copy(
        update={"bootstrap_iteraties": 200, "psa_iteraties": 200}
    )
    uitkomst = bereken(PROJECT / "casussen", PROJECT / "tarieven", instellingen, werkers=1)
    assert any(g.opschaling is not None for g in uitkomst.gemeenten)
    jsonschema.validate(uitkomst.naar_dict(), uitvoerschema(), cls=jsonschema.Draft202012Validator)


def test_tabel_geeft_precies_de_kolommen_van_de_export(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`resultaat.tabel(naam)` heeft dezelfde kolommen als het CSV-bestand van de export, in dezelfde volgorde, en
    dat zijn de verklaarde kolommen (`tabelkolommen`)."""
    exporteer(resultaat, "csv", tmp_path / "csv")
    for naam in TABELLEN:
        with (tmp_path / "csv" / f"{naam}.csv").open(encoding="utf-8") as bestand:
            koppen = next(csv.reader(bestand))
        verklaard = [k.naam for k in tabelkolommen(naam)]
        assert koppen == verklaard, naam
        assert list(resultaat.tabel(naam).columns) == verklaard, naam


def test_geen_werkkolom_bereikt_een_analist(resultaat) -> None:  # type: ignore[no-untyped-def]
    """De hulpkolommen van de berekening (kosten_kans_1, kosten_disconto_4, disconto_factor ...) staan in geen tabel."""
    for naam in TABELLEN:
        assert not WERKKOLOMMEN & set(resultaat.tabel(naam).columns), naam


def test_tabellen_hebben_de_met_de_hand_nagerekende_cijfers(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Zie de bovenkant van dit bestand: A 1540 / 230 / gecorrigeerd 1258; Beta 1660 / 430 / 948; Totaal erbij."""
    casussen = resultaat.tabel("casussen").set_index("id")
    assert casussen.loc["A", "kosten_voor_2015"] == pytest.approx(1540)
    assert casussen.loc["A", "vermeden_kosten"] == pytest.approx(1410)
    assert casussen.loc["A", "correctie"] == pytest.approx(0.2)
    assert casussen.loc["A", "kosten_voor_2015_gecorrigeerd"] == pytest.approx(1258)
    assert casussen.loc["A", "besparing_gecorrigeerd"] == pytest.approx(1028)
    assert casussen.loc["A", "maatschappelijk_besparing"] == pytest.approx(1310)
    assert casussen.loc["A", "doel_voorkomen_zwaardere_zorg"] == "ja"
    assert casussen.loc["A", "leefgebieden"] == "financien, huishouden"
    assert pd.api.types.is_datetime64_any_dtype(casussen["datum"])
    gemeenten = resultaat.tabel("gemeenten").set_index("gemeente")
    assert list(gemeenten.index) == ["Alfa", "Beta", "Totaal"]
    assert gemeenten.loc["Beta", "kosten_voor_2015"] == pytest.approx(1660)
    assert gemeenten.loc["Beta", "besparing_pct"] == pytest.approx(1230 / 1660 * 100)
    assert gemeenten.loc["Beta", "besparing_gecorrigeerd"] == pytest.approx(948)
    assert gemeenten.loc["Totaal", "aantal_casussen"] == 3
    doelen = resultaat.tabel("doelen").set_index(["gemeente", "doel"])
    # Beta: A ja, B nee voor zwaardere zorg
    assert doelen.loc[("Beta", "voorkomen_zwaardere_zorg"), "ja"] == 1
    assert doelen.loc[("Beta", "voorkomen_zwaardere_zorg"), "aandeel_ja"] == pytest.approx(0.5)
    assert doelen.loc[("Beta", "voorkomen_zwaardere_zorg"), "doel_naam"] == "Zwaardere zorg voorkomen"
    regels = resultaat.tabel("regels")
    zwaar = regels[(regels["casus"] == "A") & (regels["tarief"] == "zwaar")].iloc[0]
    assert zwaar["kosten"] == pytest.approx(500)
    assert zwaar["traject_naam"] == "Vóór 2015"
    assert zwaar["tarief_regel"] == 5  # de vierde datarij van test.csv staat op regel 5


def test_casustabel_en_casus_json_zeggen_hetzelfde(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Elke cel van de casustabel is de waarde uit de JSON van die casus (platgemaakt volgens de verklaring)."""
    tabel = resultaat.tabel("casussen").set_index("id")
    for casus in resultaat.naar_dict()["casussen"]:
        rij = tabel.loc[casus["id"]]
        assert rij["besparing_pct"] == pytest.approx(casus["besparing_pct"])
        assert rij["antwoord_kans_goedkoper"] == pytest.approx(casus["antwoord"]["kans_goedkoper"])
        for perspectief, cijfers in casus["per_perspectief"].items():
            assert rij[f"{perspectief}_besparing"] == pytest.approx(cijfers["besparing"])
        assert rij["aandeel_kosten_laag_betrouwbaar_voor_2015"] == pytest.approx(
            casus["aandeel_kosten_laag_betrouwbaar"]["voor_2015"]
        )
        laag, hoog = casus["antwoord"]["interval95"]
        assert (rij["antwoord_interval95_laag"], rij["antwoord_interval95_hoog"]) == pytest.approx((laag, hoog))


def test_onbekende_tabel_noemt_de_tabellen(resultaat) -> None:  # type: ignore[no-untyped-def]
    """`tabel("gemeente")` is een Nederlandse fout met een suggestie, geen KeyError."""
    from casuskosten import CasuskostenFout

    with pytest.raises(CasuskostenFout, match=r"onbekende tabel 'gemeente'; bedoelde u 'gemeenten'\?"):
        resultaat.tabel("gemeente")


def test_uitleg_in_excel_noemt_elke_kolom_met_betekenis_en_eenheid(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Het werkblad uitleg heeft voor elke kolom van elk werkblad (behalve instellingen en uitleg) een rij met
    betekenis, eenheid en schaal; een percentage zegt dat het in Excel een breuk is."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    werkmap = openpyxl.load_workbook(pad, read_only=True)
    rijen = list(werkmap["uitleg"].iter_rows(values_only=True))
    assert rijen[0] == ("tabel", "kolom", "label", "betekenis", "eenheid", "schaal")
    uitgelegd: dict[tuple[str, str], tuple[Any, ...]] = {(r[0], r[1]): r for r in rijen[2:]}
    for naam in TABELLEN:
        koppen = [c.value for c in next(werkmap[naam].iter_rows(max_row=1))]
        for kop in koppen:
            kolom = str(kop).removesuffix(" (aandeel)")
            assert (naam, kolom) in uitgelegd, (naam, kolom)
            assert uitgelegd[(naam, kolom)][3], (naam, kolom)
    pct = uitgelegd[("gemeenten", "besparing_pct")]
    assert pct[4] == "procent"
    assert "breuk" in pct[5]
    assert len(rijen) - 2 == len(uitleg())
    werkmap.close()


def test_excel_notatie_volgt_de_eenheid(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Een percentage (eenheid procent) staat als breuk met procentnotatie, een bedrag in euro's, een kans als
    procent zonder te delen: de notatie komt uit de verklaring, niet uit de kolomnaam."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    werkmap = openpyxl.load_workbook(pad)
    blad = werkmap["gemeenten"]
    koppen = [c.value for c in blad[1]]
    beta = next(r for r in blad.iter_rows(min_row=3) if r[0].value == "Beta")
    pct = beta[koppen.index("besparing_pct (aandeel)")]
    assert pct.value == pytest.approx(1230 / 1660)
    assert pct.number_format == PROCENT.notatie
    bedrag = beta[koppen.index("besparing_gecorrigeerd")]
    assert bedrag.value == pytest.approx(948)
    assert toon(bedrag.value, bedrag.number_format) == "€ 948"
    kans = beta[koppen.index("antwoord_kans_besparing")]
    assert kans.value is None  # Beta heeft 2 casussen: te weinig voor een kans
    alfa_totaal = next(r for r in blad.iter_rows(min_row=3) if r[0].value == "Totaal")
    kans = alfa_totaal[koppen.index("antwoord_kans_besparing")]
    assert 0 <= kans.value <= 1
    assert kans.number_format == PROCENT.notatie  # geen deling door 100: de kans is al een breuk


def test_csv_bestanden_van_de_export() -> None:
    """De export schrijft precies deze tabellen (in deze volgorde als werkbladen en als CSV-bestanden)."""
    assert TABELLEN == (
        "casussen",
        "regels",
        "gemeenten",
        "financiers",
        "doelen",
        "gevoeligheid",
        "kanscurve",
        "vergelijking",
        "waarschuwingen",
        "opschaling",
        "financiers_per_jaar",
        "representativiteit",
    )


def test_csv_nl_en_csv_hebben_dezelfde_kolommen(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """csv-nl (puntkomma, BOM) heeft dezelfde koppen als csv."""
    exporteer(resultaat, "csv", tmp_path / "en")
    exporteer(resultaat, "csv-nl", tmp_path / "nl")
    for naam in TABELLEN:
        en = next(csv.reader(io.StringIO((tmp_path / "en" / f"{naam}.csv").read_text("utf-8"))))
        nl = next(csv.reader(io.StringIO((tmp_path / "nl" / f"{naam}.csv").read_text("utf-8-sig")), delimiter=";"))
        assert en == nl, naam


def test_schema_uitvoer_geeft_het_uitvoerschema(tmp_path: Path) -> None:
    """`casuskosten schema --uitvoer --uit FILE` schrijft het JSON Schema van de uitvoer (niet dat van een casus)."""
    from tests.test_cli import draai

    uit = draai("schema", "--uitvoer", "--uit", str(tmp_path / "uitvoer.schema.json"))
    assert uit.returncode == 0, uit.stderr
    schema = json.loads((tmp_path / "uitvoer.schema.json").read_text(encoding="utf-8"))
    assert schema == uitvoerschema()
    assert "gemeenten" in schema["properties"]
