"""De schrijvers van de bibliotheek schrijven nooit in de invoer van hun resultaat, ook zonder de opdrachtregel.

`casuskosten.exporteer(resultaat, "xlsx", "casussen/x.xlsx")` vanuit Python wordt met dezelfde Nederlandse melding
geweigerd als `casuskosten export ... --uit casussen/x.xlsx`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import casuskosten
from casuskosten import cli
from casuskosten.fouten import InvoerFout, UitvoerFout
from tests.conftest import PRIJSINDEX_CSV, TARIEVEN_CSV, casus

DATUM = dt.date(2026, 1, 1)
SNEL = "bootstrap_iteraties = 100\npsa_iteraties = 100\n"

Schrijver = Callable[[Any, Path], object]

#: elke schrijver van de bibliotheek met één doelpad (bestand of map), zonder eigen `beschermd`
SCHRIJVERS: list[Any] = [
    pytest.param(lambda r, uit: casuskosten.exporteer(r, "xlsx", uit / "x.xlsx"), id="exporteer-xlsx"),
    pytest.param(lambda r, uit: casuskosten.exporteer(r, "json", uit / "x.json"), id="exporteer-json"),
    pytest.param(lambda r, uit: casuskosten.exporteer(r, "csv", uit / "tabellen"), id="exporteer-csv"),
    pytest.param(
        lambda r, uit: casuskosten.schrijf_gemeenterapporten(r, "html", uit / "rapporten", DATUM),
        id="gemeenterapporten",
    ),
    pytest.param(
        lambda r, uit: casuskosten.schrijf_gemeenterapporten(r, "html", uit / "alfa.html", DATUM, gemeente="Alfa"),
        id="gemeenterapport",
    ),
    pytest.param(lambda r, uit: casuskosten.schrijf_casusrapport(r, "html", uit / "boek.html", DATUM), id="casusboek"),
    pytest.param(lambda r, uit: casuskosten.schrijf_vergelijking(r, "pdf", uit / "v.pdf", DATUM), id="vergelijking"),
]


def _schrijf_casus(map_: Path, data: dict[str, Any]) -> None:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / f"{data['id'].lower()}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """casussen/alfa/a-01.yaml en casussen/beta/b-01.yaml (elke gemeente in een eigen map), tarieven/ en
    casuskosten.toml met weinig trekkingen, naast elkaar in één map."""
    map_ = tmp_path_factory.mktemp("werkmap")
    for gemeente, tarief in (("Alfa", "hulp"), ("Beta", "zwaar")):
        data = casus(id=f"{gemeente[0]}-01", gemeente=gemeente, voor=[{"tarief": tarief, "aantal": 2}])
        _schrijf_casus(map_ / "casussen" / gemeente.lower(), data)
    (map_ / "tarieven").mkdir()
    (map_ / "tarieven" / "test.csv").write_text(TARIEVEN_CSV, encoding="utf-8")
    (map_ / "tarieven" / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
    (map_ / "casuskosten.toml").write_text(SNEL, encoding="utf-8")
    (map_ / "SNEL.toml").write_text(SNEL, encoding="utf-8")  # voor `al_geladen`: een ander bestand, ook beschermd
    return map_


@pytest.fixture(scope="module")
def berekend(werkmap: Path) -> casuskosten.Resultaat:
    """Het resultaat van `casuskosten.bereken("casussen", "tarieven", instellingen)`, met relatieve paden."""
    oud = Path.cwd()
    os.chdir(werkmap)
    try:
        return casuskosten.bereken("casussen", "tarieven", casuskosten.laad_instellingen("casuskosten.toml"))
    finally:
        os.chdir(oud)


@pytest.fixture(scope="module")
def al_geladen(werkmap: Path) -> casuskosten.Resultaat:
    """Het resultaat van `bereken_casussen` op al geladen casussen: er zijn geen opgegeven paden."""
    tabel = casuskosten.laad_tarieven(werkmap / "tarieven")
    geladen = casuskosten.laad_casussen([werkmap / "casussen"], tabel)
    return casuskosten.bereken_casussen(geladen.casussen, tabel, casuskosten.laad_instellingen(werkmap / "SNEL.toml"))


#: (wat de map is, wat wel mag) in de weigering, per soort invoer
CASUSMAP = ("de casusmap", "kies een pad buiten de casusmappen")
TARIEFMAP = ("de tariefmap", "kies een pad buiten de tariefmap")


def _in_map(uit: Path, map_: Path, soort: tuple[str, str]) -> str:
    """De weigering van een nieuw bestand `uit` in invoermap `map_`."""
    wat, geldig = soort
    return (
        f"{uit}: --uit: uitvoer hoort niet in {wat} ({map_.resolve()}): daar staat invoer die het zou kunnen "
        f"overschrijven; {geldig}"
    )


def _inhoud(map_: Path) -> list[str]:
    return sorted(str(p.relative_to(map_)) for p in map_.rglob("*"))


@pytest.mark.parametrize("schrijf", SCHRIJVERS)
def test_elke_schrijver_weigert_de_opgegeven_casusmap_uit_zichzelf(
    schrijf: Schrijver, werkmap: Path, berekend: casuskosten.Resultaat
) -> None:
    """Ook zonder `beschermd=` weigert elke schrijver een pad in de casusmap die aan `bereken` is gegeven (hier
    casussen/, terwijl de casussen zelf in casussen/alfa/ en casussen/beta/ staan), en maakt daar niets aan."""
    voor = _inhoud(werkmap / "casussen")
    with pytest.raises(UitvoerFout) as fout:
        schrijf(berekend, werkmap / "casussen")
    assert str(fout.value).endswith(
        f"uitvoer hoort niet in de casusmap ({(werkmap / 'casussen').resolve()}): daar staat invoer die het zou "
        "kunnen overschrijven; kies een pad buiten de casusmappen"
    )
    assert _inhoud(werkmap / "casussen") == voor


@pytest.mark.parametrize("schrijf", SCHRIJVERS)
def test_elke_schrijver_weigert_de_map_van_een_casusbestand_zonder_opgegeven_paden(
    schrijf: Schrijver, werkmap: Path, al_geladen: casuskosten.Resultaat
) -> None:
    """Een resultaat van `bereken_casussen` kent geen opgegeven paden, wel zijn casusbestanden: in hun map
    (casussen/beta/) wordt niet geschreven."""
    assert al_geladen.invoerpaden == ()
    voor = _inhoud(werkmap / "casussen")
    with pytest.raises(UitvoerFout, match="overschrijven"):
        schrijf(al_geladen, werkmap / "casussen" / "beta")
    assert _inhoud(werkmap / "casussen") == voor


@pytest.mark.parametrize("route", ["berekend", "al_geladen"])
def test_de_tariefmap_is_beschermd(route: str, werkmap: Path, request: pytest.FixtureRequest) -> None:
    """Een export in de tariefmap wordt geweigerd, of het resultaat nu van `bereken` of `bereken_casussen` komt."""
    resultaat = request.getfixturevalue(route)
    uit = werkmap / "tarieven" / "x.xlsx"
    with pytest.raises(UitvoerFout) as fout:
        casuskosten.exporteer(resultaat, "xlsx", uit)
    assert str(fout.value) == _in_map(uit, werkmap / "tarieven", TARIEFMAP)
    assert not uit.exists()


@pytest.mark.parametrize(
    ("route", "bestand"), [("berekend", "casuskosten.toml"), ("al_geladen", "SNEL.toml")], ids=["bereken", "geladen"]
)
def test_het_instellingenbestand_wordt_niet_overschreven(
    route: str, bestand: str, werkmap: Path, request: pytest.FixtureRequest
) -> None:
    """Het instellingenbestand waaruit de instellingen van het resultaat komen, blijft zoals het was."""
    resultaat = request.getfixturevalue(route)
    uit = werkmap / bestand
    with pytest.raises(UitvoerFout) as fout:
        casuskosten.exporteer(resultaat, "json", uit)
    assert str(fout.value) == (
        f"{uit}: --uit: uitvoer zou het instellingenbestand ({uit.resolve()}) overschrijven; kies een andere naam (het "
        "instellingenbestand wordt alleen gelezen)"
    )
    assert uit.read_text(encoding="utf-8") == SNEL


def test_een_symbolische_link_naar_de_casusmap_wordt_gevolgd(
    werkmap: Path, berekend: casuskosten.Resultaat, tmp_path: Path
) -> None:
    """Een uitvoerpad via een link naar casussen/alfa/ (buiten de werkmap) is ook invoer."""
    link = tmp_path / "link"
    link.symlink_to(werkmap / "casussen" / "alfa", target_is_directory=True)
    with pytest.raises(UitvoerFout) as fout:
        casuskosten.exporteer(berekend, "xlsx", link / "x.xlsx")
    assert str(fout.value) == _in_map(link / "x.xlsx", werkmap / "casussen", CASUSMAP)
    assert sorted(p.name for p in (werkmap / "casussen" / "alfa").iterdir()) == ["a-01.yaml"]


def test_een_link_naar_een_casusbestand_overschrijft_het_niet(
    werkmap: Path, al_geladen: casuskosten.Resultaat, tmp_path: Path
) -> None:
    """`uit` is een link naar een casusbestand: het casusbestand blijft heel (het zou anders door JSON vervangen
    worden)."""
    casusbestand = werkmap / "casussen" / "alfa" / "a-01.yaml"
    voor = casusbestand.read_bytes()
    link = tmp_path / "uitkomst.json"
    link.symlink_to(casusbestand)
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.exporteer(al_geladen, "json", link)
    assert casusbestand.read_bytes() == voor


def test_bescherming_blijft_na_een_andere_werkmap(
    werkmap: Path, berekend: casuskosten.Resultaat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`bereken("casussen", ...)` met relatieve paden, daarna `os.chdir` elders (zoals in een notebook): casussen/
    van toen blijft beschermd, en het relatieve pad casussen/ in de nieuwe werkmap is gewoon uitvoer."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.exporteer(berekend, "xlsx", werkmap / "casussen" / "x.xlsx")
    (geschreven,) = casuskosten.exporteer(berekend, "xlsx", Path("casussen") / "x.xlsx")
    assert geschreven == (tmp_path / "casussen" / "x.xlsx").resolve()


def test_het_anonieme_resultaat_is_even_goed_beschermd(werkmap: Path, berekend: casuskosten.Resultaat) -> None:
    """`resultaat.anoniem()` kent dezelfde invoer: ook een anoniem casusboek komt niet in de casusmap."""
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.schrijf_casusrapport(berekend.anoniem(), "html", werkmap / "casussen" / "boek.html", DATUM)


@pytest.mark.parametrize("route", ["berekend", "al_geladen"])
def test_naast_de_invoer_schrijven_mag(route: str, werkmap: Path, request: pytest.FixtureRequest) -> None:
    """De map waarin casussen/, tarieven/ en het instellingenbestand staan, is zelf geen invoer."""
    resultaat = request.getfixturevalue(route)
    (geschreven,) = casuskosten.exporteer(resultaat, "json", werkmap / f"{route}.json")
    assert geschreven == (werkmap / f"{route}.json").resolve()
    assert geschreven.read_text(encoding="utf-8").startswith('{"prijspeil": ')


def test_beschermd_voegt_paden_toe_aan_de_eigen_invoer(
    werkmap: Path, berekend: casuskosten.Resultaat, tmp_path: Path
) -> None:
    """`beschermd=` spaart nog meer paden; de invoer van het resultaat blijft daarnaast beschermd."""
    eigen = tmp_path / "archief"
    eigen.mkdir()
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.exporteer(berekend, "xlsx", eigen / "x.xlsx", beschermd=[eigen])
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.exporteer(berekend, "xlsx", werkmap / "casussen" / "x.xlsx", beschermd=[eigen])


def test_python_en_opdrachtregel_weigeren_met_dezelfde_melding(
    werkmap: Path, berekend: casuskosten.Resultaat, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """De melding van `exporteer` vanuit Python is die van `casuskosten export --uit casussen/x.xlsx`."""
    monkeypatch.chdir(werkmap)
    with pytest.raises(UitvoerFout) as fout:
        casuskosten.exporteer(berekend, "xlsx", Path("casussen/x.xlsx"))
    with pytest.raises(SystemExit) as stop:
        cli.main(["export", "casussen", "--tarieven", "tarieven", "--uit", "casussen/x.xlsx", "--werkers", "1"])
    assert stop.value.code == 1
    assert capsys.readouterr().err.strip() == f"FOUT {fout.value}"


@pytest.mark.parametrize(
    ("schrijf", "verwacht"),
    [
        pytest.param(
            lambda r, uit: casuskosten.exporteer(r, "pdf", uit),
            "formaat: onbekend formaat 'pdf'; kies uit xlsx, csv, csv-nl, json",
            id="exporteer",
        ),
        pytest.param(
            lambda r, uit: casuskosten.schrijf_vergelijking(r, "docx", uit, DATUM),
            "formaat: onbekend formaat 'docx'; kies uit html, pdf",
            id="vergelijking",
        ),
    ],
)
def test_een_onbekend_formaat_is_een_fout_en_schrijft_niets(
    schrijf: Schrijver, verwacht: str, berekend: casuskosten.Resultaat, tmp_path: Path
) -> None:
    """Vanuit Python noemt een onbekend formaat de geldige (in plaats van stil csv of html te schrijven)."""
    with pytest.raises(InvoerFout) as fout:
        schrijf(berekend, tmp_path / "uit")
    assert str(fout.value) == verwacht
    assert list(tmp_path.iterdir()) == []


def test_formaat_in_hoofdletters_is_hetzelfde_formaat(berekend: casuskosten.Resultaat, tmp_path: Path) -> None:
    """`exporteer(r, "XLSX", ...)` schrijft een Excel-bestand, zoals `--formaat XLSX` op de opdrachtregel."""
    (pad,) = casuskosten.exporteer(berekend, "XLSX", tmp_path / "x.xlsx")
    assert pad.read_bytes()[:2] == b"PK"  # een xlsx is een zip-bestand
