"""Eén manier om een negatief bedrag te schrijven, in elke uitvoer (issue 25 deel 6): "€ -80", nooit "-€ 80", en
wat op nul afrondt is 0, nooit "-0".

Twee casussen met de tarieven uit tests/conftest.py (prijspeil 2015, discontovoet 0, zekerheid hoog: geen
correctie):
- N-01 (gemeente Negatief): vóór 2015 hulp 1 uur per maand = 12 x 10 = 120; sociaal team zwaar 2 dagen = 2 x 100 =
  200; besparing 120 - 200 = -80. Per financier: gemeente_jeugd betaalt 200 meer, besparing -200.
- N-02 (gemeente Nul): vóór 2015 hulp 1 uur = 10; sociaal team hulp 1,03 uur = 10,30; besparing -0,30, op hele
  euro's 0 (en -3,0% van 10).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from casuskosten import bereken
from casuskosten.rekenen.resultaat import TABELLEN, Resultaat
from casuskosten.uitvoer.export import exporteer
from casuskosten.uitvoer.rapporten import gemeente_rapport
from tests.conftest import Draai, casus, schrijf_casussen, schrijf_tarieven
from tests.excelnotatie import toon
from tests.test_berekening import GEEN_DISCONTO

DATUM = dt.date(2026, 3, 1)
NEGATIEF = casus(
    id="N-01",
    gemeente="Negatief",
    voor=[{"tarief": "hulp", "aantal": 1, "per": "maand"}],
    team=[{"tarief": "zwaar", "aantal": 2}],
)
BIJNA_NUL = casus(
    id="N-02", gemeente="Nul", voor=[{"tarief": "hulp", "aantal": 1}], team=[{"tarief": "hulp", "aantal": 1.03}]
)
#: "-0", "-0,0", "€ -0" (niet "-0,3" en niet een datum als 2016-05-01)
MIN_NUL = re.compile(r"(?<![0-9])-\s?0(?:,0+)?(?![0-9,.]*[1-9])")


@pytest.fixture(scope="module")
def map_(tmp_path_factory: pytest.TempPathFactory) -> Path:
    basis = tmp_path_factory.mktemp("negatief")
    schrijf_casussen(basis / "casussen", NEGATIEF, BIJNA_NUL)
    schrijf_tarieven(basis / "tarieven")
    return basis


@pytest.fixture(scope="module")
def resultaat(map_: Path) -> Resultaat:
    return bereken([map_ / "casussen"], map_ / "tarieven", GEEN_DISCONTO)


def _geen_min_nul_en_geen_min_voor_euro(tekst: str) -> None:
    assert not MIN_NUL.search(tekst), MIN_NUL.search(tekst)
    assert not re.search(r"-\s?€", tekst)


def test_de_fixture_rekent_zoals_met_de_hand(resultaat: Resultaat) -> None:
    """N-01 bespaart -80 (120 - 200), N-02 -0,30 (10 - 10,30): de andere tests gaan over hoe dat geschreven wordt."""
    tabel = resultaat.tabel("casussen")
    besparing = dict(zip(tabel["id"], tabel["besparing"], strict=True))
    assert besparing["N-01"] == pytest.approx(-80)
    assert besparing["N-02"] == pytest.approx(-0.3)


def test_terminal_schrijft_een_negatief_bedrag_als_euro_min(draai: Draai, map_: Path) -> None:
    """`bereken`: de financier gemeente_jeugd als "€ -200", Nul met besparing 0; nergens "-0" of "-€"."""
    uitkomst = draai("bereken", str(map_ / "casussen"), "--tarieven", str(map_ / "tarieven"), "--prijspeil", "2015")
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "€ -200" in uitkomst.stdout
    _geen_min_nul_en_geen_min_voor_euro(uitkomst.stdout)


@pytest.mark.parametrize("gemeente", ["Negatief", "Nul"])
def test_html_schrijft_een_negatief_bedrag_als_euro_min(resultaat: Resultaat, gemeente: str) -> None:
    """Het HTML-rapport: bij Negatief staat "€ -80" (en "€ -200" bij de financier), bij Nul nergens "-0"."""
    html = gemeente_rapport(resultaat, gemeente, "html", DATUM).decode()
    tekst = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1]).replace("&nbsp;", " ").replace("\u00a0", " ")
    if gemeente == "Negatief":
        assert "€ -80" in tekst
        assert "€ -200" in tekst
    _geen_min_nul_en_geen_min_voor_euro(tekst)


@pytest.mark.parametrize("gemeente", ["Negatief", "Nul"])
def test_pdf_schrijft_een_negatief_bedrag_als_euro_min(resultaat: Resultaat, gemeente: str) -> None:
    """De tekst van het PDF-rapport (pypdf): bij Negatief "€ -80", bij Nul nergens "-0"; nergens "-€"."""
    from pypdf import PdfReader

    pdf = gemeente_rapport(resultaat, gemeente, "pdf", DATUM)
    tekst = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).replace("\u00a0", " ")
    tekst = tekst.replace("\u2212", "-")  # een typografisch minteken telt ook
    if gemeente == "Negatief":
        assert "€ -80" in tekst
    _geen_min_nul_en_geen_min_voor_euro(tekst)


def test_xlsx_toont_een_negatief_bedrag_als_euro_min_en_bijna_nul_als_nul(resultaat: Resultaat, tmp_path: Path) -> None:
    """De xlsx, elke getalcel getoond met zijn notatie: de besparing van N-01 is "€ -80", die van N-02 "€ 0" (de cel
    houdt -0,30); in geen werkblad "-0" of "-€"."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx", datum=DATUM)
    werkmap = openpyxl.load_workbook(pad)
    casussen = werkmap["casussen"]
    koppen = [c.value for c in casussen[1]]
    besparing = {r[koppen.index("id")].value: r[koppen.index("besparing")] for r in casussen.iter_rows(min_row=3)}
    assert toon(besparing["N-01"].value, besparing["N-01"].number_format) == "€ -80"
    assert besparing["N-02"].value == pytest.approx(-0.3)
    assert toon(besparing["N-02"].value, besparing["N-02"].number_format) == "€ 0"
    for naam in TABELLEN:
        for rij in werkmap[naam].iter_rows(min_row=3):
            for cel in rij:
                if isinstance(cel.value, int | float) and not isinstance(cel.value, bool):
                    _geen_min_nul_en_geen_min_voor_euro(toon(cel.value, cel.number_format))
