"""Het schema in een echte editor: de yaml-language-server uit npm (wat VS Code en andere editors gebruiken).

De server draait over stdio met een kleine LSP-client (`tests/lsp_klant.py`); het schema wordt aan de bestanden
gekoppeld met `yaml.schemas`, zoals een gebruiker dat in de editor instelt. De versie staat vast in
tests/lsp/package-lock.json; `make test` installeert hem met `npm ci` in .venv/node.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from casuskosten.invoer.schema import casus_schema
from casuskosten.invoer.tarieven import laad_tarieven
from tests import lsp_klant
from tests.conftest import PROJECT
from tests.lsp_klant import LspKlant

pytestmark = pytest.mark.traag

CASUSSEN = PROJECT / "casussen"


@pytest.fixture(scope="module")
def map_(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Een map met het schema van de meegeleverde tarieven, waarin de tests casussen schrijven."""
    map_ = tmp_path_factory.mktemp("editor")
    schema = casus_schema(laad_tarieven(PROJECT / "tarieven"))
    (map_ / "casus.schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return map_


@pytest.fixture(scope="module")
def editor(map_: Path) -> Iterator[LspKlant]:
    """Eén yaml-language-server voor alle tests in dit bestand; zonder Node.js een fout die zegt wat te installeren."""
    ontbreekt = lsp_klant.ontbreekt()
    if ontbreekt is not None:
        pytest.fail(ontbreekt, pytrace=False)
    instellingen = {
        "yaml": {
            "schemas": {(map_ / "casus.schema.json").as_uri(): "*.yaml"},
            "validate": True,
            "hover": True,
            "completion": True,
            "schemaStore": {"enable": False},  # geen schema's van internet
            "format": {"enable": False},
        }
    }
    with LspKlant(instellingen) as klant:
        yield klant


def _casus(map_: Path, naam: str, bron: Path, *vervangingen: tuple[str, str]) -> Path:
    """Een kopie van een meegeleverde casus met tekstvervangingen (elke vervanging moet iets veranderen)."""
    tekst = bron.read_text(encoding="utf-8")
    for oud, nieuw in vervangingen:
        assert oud in tekst, oud
        tekst = tekst.replace(oud, nieuw, 1)
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _regel_met(pad: Path, stuk: str) -> tuple[int, str]:
    """(regelnummer vanaf 0, regel) van de eerste regel met `stuk`."""
    return next((i, r) for i, r in enumerate(pad.read_text(encoding="utf-8").split("\n")) if stuk in r)


@pytest.mark.parametrize(
    "casus",
    ["giessenlanden/gsl-01.yaml", "rotterdam/rtd-01.yaml", "waddinxveen/wdx-04.yaml", "westerveld/wsv-01.yaml"],
)
def test_goede_meegeleverde_casus_geeft_geen_meldingen(editor: LspKlant, casus: str) -> None:
    """Een meegeleverde casus (ook met de eigen codes van Westerveld) krijgt geen enkele rode onderstreping."""
    assert editor.open(CASUSSEN / casus) == []


def test_verschreven_tariefcode_wordt_onderstreept(editor: LspKlant, map_: Path) -> None:
    """`hbh_uuur` in plaats van `hbh_uur`: één fout, op de code zelf, met de geldige codes erbij."""
    pad = _casus(map_, "verschreven.yaml", CASUSSEN / "rotterdam/rtd-01.yaml", ("tarief: hbh_uur", "tarief: hbh_uuur"))
    regel, tekst = _regel_met(pad, "hbh_uuur")
    [melding] = editor.open(pad)
    assert melding["severity"] == 1
    assert melding["range"]["start"] == {"line": regel, "character": tekst.index("hbh_uuur")}
    assert '"hbh_uur"' in melding["message"]


def test_eigen_code_van_een_andere_gemeente_wordt_onderstreept(editor: LspKlant, map_: Path) -> None:
    """`vraagverheldering` bestaat alleen voor Westerveld: fout in een casus uit Rotterdam, goed in Westerveld."""
    code = "tarief: vraagverheldering"
    rotterdam = _casus(map_, "andere-gemeente.yaml", CASUSSEN / "rotterdam/rtd-01.yaml", ("tarief: hbh_uur", code))
    regel, _ = _regel_met(rotterdam, "vraagverheldering")
    assert [m["range"]["start"]["line"] for m in editor.open(rotterdam)] == [regel]
    westerveld = _casus(
        map_, "eigen-gemeente.yaml", CASUSSEN / "westerveld/wsv-01.yaml", ("tarief: schuldhulp_traject", code)
    )
    assert editor.open(westerveld) == []


def test_duur_zonder_per_wordt_onderstreept(editor: LspKlant, map_: Path) -> None:
    """Zoals de tool: een `duur` zonder `per` is een fout in de editor."""
    pad = _casus(map_, "duur-zonder-per.yaml", CASUSSEN / "waddinxveen/wdx-04.yaml", ("        per: week\n", ""))
    meldingen = editor.open(pad)
    assert [m["message"] for m in meldingen] == ['Missing property "per".']


def _aanvulling_bij_tarief(editor: LspKlant, map_: Path, gemeente: str) -> dict[str, str]:
    """De aanvulling op een lege `tarief: ` in een casus van `gemeente`: code -> uitleg."""
    pad = _casus(
        map_,
        f"aanvullen-{gemeente.lower()}.yaml",
        CASUSSEN / "rotterdam/rtd-01.yaml",
        ("gemeente: Rotterdam", f"gemeente: {gemeente}"),
        ("tarief: hbh_uur", "tarief: "),
    )
    editor.open(pad)
    regels = pad.read_text(encoding="utf-8").split("\n")
    regel, tekst = next((i, r) for i, r in enumerate(regels) if r.endswith("tarief: "))
    items = editor.aanvulling(pad, regel, len(tekst))
    return {item["label"]: item.get("documentation", {}).get("value", "") for item in items}


def test_aanvulling_bij_tarief_geeft_de_codes_van_de_gemeente_met_uitleg(editor: LspKlant, map_: Path) -> None:
    """Rotterdam krijgt de 36 landelijke codes, Westerveld ook zijn drie eigen; elk met omschrijving en prijs."""
    rotterdam = _aanvulling_bij_tarief(editor, map_, "Rotterdam")
    assert len(rotterdam) == 36
    assert "vraagverheldering" not in rotterdam
    # met de hand: 32,76 (2022) x 134,517 / 121,445 = 36,29
    assert rotterdam["hbh_uur"] == (
        "Hulp bij het huishouden: € 36,29 per uur (landelijk, prijspeil 2025), betrouwbaarheid hoog"
    )
    assert all(uitleg for uitleg in rotterdam.values())
    westerveld = _aanvulling_bij_tarief(editor, map_, "Westerveld")
    eigen = {"begeleiding_plus_uur", "vraagverheldering", "vraagverheldering_stabilisatie"}
    assert set(westerveld) - set(rotterdam) == eigen


def test_uitleg_bij_de_muis_is_kort(editor: LspKlant) -> None:
    """Met de muis op een tariefcode: de uitleg van die ene code, in een paar regels (niet alle codes)."""
    pad = CASUSSEN / "rotterdam/rtd-01.yaml"
    editor.open(pad)
    regel, tekst = _regel_met(pad, "tarief: hbh_uur")
    uitleg = editor.uitleg(pad, regel, tekst.index("hbh_uur") + 2)
    assert "Hulp bij het huishouden: € 36,29 per uur" in uitleg
    assert len(uitleg.splitlines()) <= 10
    assert "wijkteam_uur" not in uitleg
    sleutel = editor.uitleg(pad, regel, tekst.index("tarief") + 1)
    assert len(sleutel.splitlines()) <= 10


def test_uitleg_bij_de_muis_noemt_de_prijs_van_de_gemeente(editor: LspKlant) -> None:
    """In een casus van Westerveld toont de muis op hbh_uur de eigen prijs van Westerveld, die de tool rekent."""
    pad = CASUSSEN / "westerveld/wsv-02.yaml"
    editor.open(pad)
    regel, tekst = _regel_met(pad, "tarief: hbh_uur")
    uitleg = editor.uitleg(pad, regel, tekst.index("hbh_uur") + 2)
    # met de hand: 32,40 (Westerveld, 2023) x 134,517 / 126,060 = 34,57; landelijk zou € 36,29 zijn
    assert "€ 34,57 per uur (Westerveld, prijspeil 2025)" in uitleg
    assert "36,29" not in uitleg


def test_zonder_node_zegt_de_test_wat_te_installeren(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Zonder `node` op het pad faalt de editortest met de uitleg welk pakket te installeren (geen overslaan)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert lsp_klant.ontbreekt() == lsp_klant.ZONDER_NODE
    assert "sudo apt-get install nodejs npm" in lsp_klant.ZONDER_NODE
