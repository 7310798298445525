"""De casussessie-app (issue 26) met Starlette's TestClient: casuslijst, editor, live rekenen, opslaan.

De testtarieven (tests/data/sessie/tarieven) zijn ronde getallen op prijspeil 2022 (index 100, één jaar): uur_a
kost 50 euro, uur_b 100 euro; met een horizon van 12 maanden is er geen disconto en bij zekerheid hoog geen correctie.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # starlette 1.10 wil httpx2 voor de TestClient en waarschuwt bij httpx; beide werken hier
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", category=UserWarning)
    from starlette.testclient import TestClient

from casuskosten.sessie.app import maak_app

TARIEVEN = Path(__file__).parent / "data" / "sessie" / "tarieven"

#: een kleine geldige casus: vóór 2015 10 x 50 + 2 x 100 x 0,5 = 500 + 100 = 600; sociaal team 4 x 50 = 200;
#: besparing 600 - 200 = 400 over 12 maanden = 400 per jaar
KLEIN = """\
id: TST-01
gemeente: Teststad
datum: 2022-03-01
horizon_maanden: 12
zekerheid: hoog
leefgebieden: [financien]
situatie: Een huishouden met schulden.
trajecten:
  voor_2015:
    inzet:
      - tarief: uur_a
        aantal: 10
      - tarief: uur_b
        aantal: 2
        kans: 0.5
        toelichting: alleen als de schulden oplopen
  sociaal_team:
    inzet:
      - tarief: uur_a
        aantal: 4
doelen:
  voorkomen_zwaardere_zorg: onbekend
  integrale_aanpak: onbekend
  preventie_escalatie: onbekend
  betere_ondersteuning: onbekend
  zelfredzaamheid: onbekend
"""


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    (tmp_path / "tst-01.yaml").write_text(KLEIN, encoding="utf-8")
    (tmp_path / "fout").mkdir()
    (tmp_path / "fout" / "tst-02.yaml").write_text(
        KLEIN.replace("TST-01", "TST-02").replace("tarief: uur_b", "tarief: uur_c"), encoding="utf-8"
    )
    (tmp_path / "tst-03.yaml").write_text("concept: true\n" + KLEIN.replace("TST-01", "TST-03"), encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(map_: Path) -> TestClient:
    return TestClient(maak_app(map_, tarieven=TARIEVEN))


def _rij(html: str, pad: str) -> str:
    begin = html.index(f'href="/casus/{pad}"')
    return html[begin : html.index("</tr>", begin)]


def test_casuslijst_toont_status_en_besparing_per_jaar(client: TestClient) -> None:
    """De lijst toont elke casus in en onder de map met zijn status; de geldige met zijn besparing per jaar."""
    html = client.get("/").text
    geldig = _rij(html, "tst-01.yaml")
    assert "status-geldig" in geldig
    assert "€ 400" in geldig  # 600 - 200 over 12 maanden
    assert "status-fouten" in _rij(html, "fout/tst-02.yaml")
    assert "status-concept" in _rij(html, "tst-03.yaml")


def test_nieuwe_casus_komt_uit_het_sjabloon_van_nieuw(client: TestClient, map_: Path) -> None:
    """Het formulier 'nieuwe casus' schrijft een bestand uit het sjabloon van `casuskosten nieuw` en opent de editor."""
    antwoord = client.post(
        "/nieuw", data={"id": "TST-09", "gemeente": "Teststad", "csrf": "lokaal"}, follow_redirects=False
    )
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/casus/tst-09.yaml"
    tekst = (map_ / "tst-09.yaml").read_text(encoding="utf-8")
    assert 'id: "TST-09"' in tekst or "id: TST-09" in tekst
    assert "<VUL IN" in tekst
