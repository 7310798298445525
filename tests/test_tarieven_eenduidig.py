"""Tarieftabellen die anders stil verkeerd zouden prijzen (issue 24): wat wel eenduidig is, telt zoals bedoeld.

De defecten zelf (met hun volledige melding) staan in de tabel FOUTEN van test_robuust_tarieven.py; hier staat wat
geldig is en goed moet tellen, de fixtures die pas in de test gemaakt worden (bestandsnamen die alleen in
hoofdletters verschillen kunnen niet in git op Windows of macOS, een zip-bom hoort niet in git) en de opdrachtregel.
Verwachte bedragen zijn met de hand uitgerekend.
"""

from __future__ import annotations

import io
import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from casuskosten import Instellingen, bereken
from casuskosten.fouten import InvoerFout, Melding
from casuskosten.invoer import tarieven as tariefmodule
from casuskosten.invoer.tarieven import MAX_XLSX_ONDERDEEL, laad_tarieven
from tests.conftest import Draai, casus

TARIEFMAPPEN = Path(__file__).resolve().parent / "data" / "tarieven"
PEIL_2016 = Instellingen(prijspeil=2016, discontovoet=0)
KOP = "code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron\n"
HULP = "hulp,Hulp,uur,40,2016,,gemeente_wmo,1,hoog,test\n"
INDEX = "jaar,index\n2015,100\n2016,110\n"


@pytest.fixture
def werkmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Een lege werkmap als huidige map, zodat meldingen korte relatieve paden noemen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _kopie(werkmap: Path, map_naam: str) -> Path:
    shutil.copytree(TARIEFMAPPEN / map_naam, werkmap / "tarieven")
    return Path("tarieven")


def _meldingen(map_: Path) -> tuple[Melding, ...]:
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(map_, weergave="tarieven")
    return fout.value.meldingen


# --- codes zijn hoofdletterongevoelig --------------------------------------------------------------------------


def test_gemeenterij_met_code_in_hoofdletters_vervangt_de_landelijke() -> None:
    """`wmo_UUR` in de gemeenterij is dezelfde code als landelijk `wmo_uur`: Alfa krijgt haar eigen prijs."""
    tabel = laad_tarieven(TARIEFMAPPEN / "code-hoofdletters-gemeente")
    assert tabel.alle_codes() == ["wmo_uur"]
    alfa, beta = tabel.kies("wmo_uur", "Alfa", 2016), tabel.kies("WMO_Uur", "Beta", 2016)
    assert alfa is not None
    assert beta is not None
    assert (alfa.prijs, beta.prijs) == (50, 40)


def test_casus_met_code_in_andere_hoofdletters_rekent_met_dezelfde_code(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een casus die `WMO_Uur` schrijft, krijgt het tarief van wmo_uur en telt als die ene code, niet als een tweede."""
    tarieven = _kopie(werkmap, "code-hoofdletters-gemeente")
    map_ = casusmap(
        casus(id="A-1", gemeente="Alfa", voor=[{"tarief": "WMO_Uur", "aantal": 2}, {"tarief": "wmo_uur", "aantal": 1}])
    )
    r = bereken([map_], tarieven, PEIL_2016)
    # eigen tarief Alfa 50 (gemeenterij wmo_UUR): 2 x 50 + 1 x 50 = 150
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(150.0)
    assert set(r.regels["tarief"]) == {"wmo_uur"}


# --- gemeentenamen -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gemeente", "prijs"),
    [
        pytest.param("Alfa", 40, id="casus-zonder-voorvoegsel"),
        pytest.param("gemeente alfa", 40, id="casus-met-voorvoegsel"),
        pytest.param("'s-Hertogenbosch", 30, id="s-hertogenbosch"),
        pytest.param("Beta", 10, id="andere-gemeente-landelijk"),
    ],
)
def test_gemeente_met_voorvoegsel_in_de_tabel_geldt_voor_de_casus(gemeente: str, prijs: float) -> None:
    """'Gemeente Alfa' en "gemeente 's-Hertogenbosch" in een tariefrij zijn Alfa en 's-Hertogenbosch."""
    regel = laad_tarieven(TARIEFMAPPEN / "gemeente-voorvoegsel").kies("hulp", gemeente, 2016)
    assert regel is not None
    assert regel.prijs == prijs


def test_gemeente_met_voorvoegsel_heet_overal_zonder(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De casus van 'Alfa' rekent met het tarief van 'Gemeente Alfa' en heet in de uitvoer 'Alfa'."""
    tarieven = _kopie(werkmap, "gemeente-voorvoegsel")
    map_ = casusmap(casus(id="A-1", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 3}]))
    r = bereken([map_], tarieven, PEIL_2016)
    # eigen tarief 40: 3 x 40 = 120 (landelijk zou 3 x 10 = 30 zijn)
    assert [(g.gemeente, g.kosten_voor_2015) for g in r.gemeenten] == [("Alfa", pytest.approx(120.0))]
    assert [w for w in r.alle_waarschuwingen() if w.code == "gemeente_bijna_gelijk"] == []


def test_casus_met_voorvoegsel_heet_zonder(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """'Gemeente Beta' en 'Beta' in twee casussen zijn één gemeente, getoond als 'Beta' (ook zonder eigen tarieven)."""
    tarieven = _kopie(werkmap, "gemeente-voorvoegsel")
    map_ = casusmap(
        casus(id="B-1", gemeente="Gemeente Beta", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(id="B-2", gemeente="Beta", voor=[{"tarief": "hulp", "aantal": 2}]),
    )
    r = bereken([map_], tarieven, PEIL_2016)
    # landelijk tarief 10: 1 x 10 + 2 x 10 = 30
    assert [(g.gemeente, g.aantal_casussen, g.kosten_voor_2015) for g in r.gemeenten] == [("Beta", 2, 30.0)]


# --- kopregel -----------------------------------------------------------------------------------------------------


def test_sep_regel_van_excel_geeft_het_scheidingsteken() -> None:
    """Een eerste regel `sep=;` (zoals Excel hem schrijft) wijst het scheidingsteken aan; de gegevens staan op regel 3
    en 40,50 is 40.5 (decimale komma bij de puntkomma)."""
    (regel,) = laad_tarieven(TARIEFMAPPEN / "kop-sep-regel", weergave="tarieven").regels
    assert (regel.code, regel.prijs, regel.bestand, regel.regel) == ("hulp", 40.5, "tarieven/tarieven.csv", 3)


def test_vrije_kolommen_toelichting_en_opmerking_worden_niet_gelezen(tmp_path: Path) -> None:
    """toelichting en opmerking mogen naast de tariefkolommen; de rij telt gewoon."""
    (tmp_path / "prijsindex.csv").write_text("jaar,index,toelichting\n2016,110,CBS\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text(
        KOP.replace("\n", ",toelichting,Opmerking\n") + HULP.replace("\n", ",zie website,nagekeken\n"),
        encoding="utf-8",
    )
    (regel,) = laad_tarieven(tmp_path).regels
    assert (regel.code, regel.prijs) == ("hulp", 40)


# --- bestandsnamen die alleen in hoofdletters verschillen ----------------------------------------------------------


@pytest.mark.parametrize(
    ("namen", "melding"),
    [
        pytest.param(
            ("prijsindex.csv", "Prijsindex.csv"),
            Melding(
                "tarieven/prijsindex.csv",
                None,
                None,
                "'Prijsindex.csv' en 'prijsindex.csv' verschillen alleen in hoofdletters; op een ander bestandssysteem "
                "(Windows, macOS) is dat één bestand en is niet te zeggen welke geldt; laat er één staan",
            ),
            id="twee-prijsindexen",
        ),
        pytest.param(
            ("landelijk.csv", "Landelijk.csv"),
            Melding(
                "tarieven/landelijk.csv",
                None,
                None,
                "'Landelijk.csv' en 'landelijk.csv' verschillen alleen in hoofdletters; op een ander bestandssysteem "
                "(Windows, macOS) is dat één bestand en is niet te zeggen welke geldt; laat er één staan",
            ),
            id="twee-tarieftabellen",
        ),
    ],
)
def test_bestandsnamen_die_alleen_in_hoofdletters_verschillen(
    tmp_path: Path, namen: tuple[str, str], melding: Melding
) -> None:
    """`prijsindex.csv` naast `Prijsindex.csv` (of twee tabellen zo): één fout die beide noemt, geen stille keuze."""
    (tmp_path / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    (tmp_path / "landelijk.csv").write_text(KOP + HULP, encoding="utf-8")
    for naam in namen:
        (tmp_path / naam).write_text(INDEX if "index" in naam.lower() else KOP + HULP, encoding="utf-8")
    assert _meldingen(tmp_path) == (melding,)


# --- zip-bom --------------------------------------------------------------------------------------------------------


def _zipbom(pad: Path, opvulling: int) -> None:
    """Een geldig .xlsx met één cel, waarvan de XML van het werkblad `opvulling` spaties extra bevat (die pakken in
    tot een paar honderd kB)."""
    boek = openpyxl.Workbook()
    blad = boek.active
    assert blad is not None
    blad["A1"] = "code"
    buffer = io.BytesIO()
    boek.save(buffer)
    with zipfile.ZipFile(buffer) as bron, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as doel:
        for onderdeel in bron.infolist():
            inhoud = bron.read(onderdeel)
            if onderdeel.filename != "xl/worksheets/sheet1.xml":
                doel.writestr(onderdeel.filename, inhoud)
                continue
            kop, _, rest = inhoud.partition(b"?>")
            with doel.open(onderdeel.filename, "w", force_zip64=True) as blad_xml:
                blad_xml.write(kop + b"?>")
                blok = b" " * 2**20
                for _ in range(opvulling // len(blok)):
                    blad_xml.write(blok)
                blad_xml.write(rest)


def test_zipbom_wordt_snel_geweigerd_zonder_uitpakken(tmp_path: Path) -> None:
    """Een .xlsx van een paar honderd kB dat uitgepakt meer dan 50 MB per onderdeel wordt: een Nederlandse fout, snel
    en zonder het uit te pakken (het geheugen blijft klein)."""
    assert MAX_XLSX_ONDERDEEL == 50 * 2**20  # de grens die de README noemt
    (tmp_path / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    _zipbom(tmp_path / "bom.xlsx", MAX_XLSX_ONDERDEEL + 2**20)
    assert (tmp_path / "bom.xlsx").stat().st_size < 2**20
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        meldingen = _meldingen(tmp_path)
        duur = time.perf_counter() - begin
        piek = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # 50 MB + 1 MB spaties plus de paar honderd bytes XML van openpyxl: afgerond 51 MB
    assert meldingen == (
        Melding(
            "tarieven/bom.xlsx",
            None,
            None,
            "het Excel-bestand wordt uitgepakt te groot: onderdeel 'xl/worksheets/sheet1.xml' is 51 MB, meer dan "
            "50 MB per onderdeel; een tarieftabel is veel kleiner: is dit het goede bestand? sla de tabel opnieuw op "
            "als .xlsx of .csv",
        ),
    )
    assert duur < 2
    assert piek < 10 * 2**20


def test_xlsx_dat_samen_te_groot_uitpakt_wordt_geweigerd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ook de grens voor alle onderdelen samen (200 MB; hier verlaagd tot 1 kB) houdt een bestand tegen voor het
    lezen."""
    monkeypatch.setattr(tariefmodule, "MAX_XLSX_TOTAAL", 2**10)
    (tmp_path / "prijsindex.csv").write_text(INDEX, encoding="utf-8")
    openpyxl.Workbook().save(tmp_path / "klein.xlsx")
    with zipfile.ZipFile(tmp_path / "klein.xlsx") as archief:
        totaal = sum(i.file_size for i in archief.infolist())
    assert 1536 <= totaal < 2**20  # afgerond 2 kB of meer, in kB geschreven
    (melding,) = _meldingen(tmp_path)
    assert melding.tekst == (
        f"het Excel-bestand wordt uitgepakt te groot: {round(totaal / 1024)} kB, meer dan 1 kB; een tarieftabel is "
        "veel kleiner: is dit het goede bestand? sla de tabel opnieuw op als .xlsx of .csv"
    )


# --- de opdrachtregel ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opdracht",
    [
        pytest.param(("controleer", "casussen"), id="controleer"),
        pytest.param(("bereken", "casussen", "--json", "--uit", "uit.json"), id="bereken"),
        pytest.param(("tarieven",), id="tarieven"),
    ],
)
def test_elke_opdracht_die_tarieven_leest_weigert_de_verschreven_kolom(
    draai: Draai, werkmap: Path, opdracht: tuple[str, ...]
) -> None:
    """controleer, bereken en tarieven stoppen bij `sort` voor `soort` met de melding, exit 1, geen traceback en
    geen uitvoerbestand."""
    _kopie(werkmap, "kolom-verschreven")
    (werkmap / "casussen").mkdir()
    (werkmap / "casussen" / "a.yaml").write_text(
        "id: A-1\ngemeente: Alfa\ndatum: 2016-05-01\nzekerheid: hoog\nleefgebieden: [financien]\n"
        "situatie: Test.\ntrajecten: {}\n",
        encoding="utf-8",
    )
    uit = draai(*opdracht, "--tarieven", "tarieven", cwd=werkmap)
    assert uit.returncode == 1
    assert "Traceback" not in uit.stdout + uit.stderr
    assert "tarieven/tarieven.csv:1: sort: onbekende kolom 'sort'; bedoelde u 'soort'?" in " ".join(uit.stderr.split())
    assert not (werkmap / "uit.json").exists()
