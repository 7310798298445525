"""Privacy op echte invoer: persoonsgegevens in andere schrijfwijzen gevonden, en nergens onverkort herhaald."""

from __future__ import annotations

from pathlib import Path

import pytest

from casuskosten.invoer.privacy import maskeer, zoek
from tests.conftest import Draai

DATA = Path(__file__).resolve().parent / "data" / "privacy"
TARIEVEN = Path(__file__).resolve().parent / "data" / "uitvoer" / "formule-injectie" / "tarieven"

# (tekst, soort, gemaskeerde tekst); de BSN 111222333 haalt de elfproef: 9+8+7+12+10+8+9+6-3 = 66 = 6·11
GEVONDEN = [
    pytest.param("BSN 111-222-333", "bsn", "BSN 11*-***-*33", id="bsn-streepjes"),
    pytest.param(
        "BSN 111 222\n333 staat op de brief", "bsn", "BSN 11* ***\n*33 staat op de brief", id="bsn-twee-regels"
    ),
    pytest.param("woont op 1234 ab 12", "postcode", "woont op 12** ** **", id="postcode-kleine-letters"),
    pytest.param("bel (010) 123 45 67", "telefoon", "bel (01*) *** ** 67", id="telefoon-haakjes"),
    pytest.param("bel 06/12345678", "telefoon", "bel 06/******78", id="telefoon-schuine-streep"),
    pytest.param("rekening NL91.ABNA.0417.1643.00", "iban", "rekening NL** **** **** **** 00", id="iban-punten"),
]


@pytest.mark.parametrize(("tekst", "soort", "gemaskeerd"), GEVONDEN)
def test_andere_schrijfwijze_wordt_gevonden_en_gemaskeerd(tekst: str, soort: str, gemaskeerd: str) -> None:
    """Elke schrijfwijze die `--streng` miste, wordt nu gevonden en door `maskeer` vervangen."""
    assert [t.soort for t in zoek(tekst)] == [soort]
    assert maskeer(tekst) == gemaskeerd


@pytest.mark.parametrize(
    "tekst",
    [
        pytest.param("in 2016 WW 6 maanden", id="jaar-ww-maanden"),
        pytest.param("tussen 2016 en 2017", id="jaren-met-en"),
        pytest.param("kosten 1500 en 20 uur", id="getal-en-getal"),
    ],
)
def test_jaartal_met_afkorting_is_geen_postcode(tekst: str) -> None:
    """Een jaartal na een woord van tijd of een gewoon woord in kleine letters is geen postcode."""
    assert zoek(tekst) == []


def test_foutmelding_maskeert_bsn_en_geboortedatum(draai: Draai) -> None:
    """Een BSN in `zekerheid` en een geboortedatum in `datum` komen gemaskeerd in de foutmeldingen op stderr."""
    uit = draai("controleer", "tests/data/privacy/ongeldig", "--tarieven", str(TARIEVEN))
    assert uit.returncode == 1
    assert uit.stderr.splitlines()[:2] == [
        (
            "FOUT tests/data/privacy/ongeldig/bsn-in-zekerheid.yaml:4: zekerheid: ongeldige waarde '11*****33'; "
            "kies uit: hoog, middel, laag"
        ),
        (
            "FOUT tests/data/privacy/ongeldig/geboortedatum-in-datum.yaml:3: datum: verwacht een datum als "
            "JJJJ-MM-DD, gekregen 'geboren **-**-****'"
        ),
    ]


def test_waarschuwingen_csv_maskeert_weggelaten_casussen(draai: Draai, tmp_path: Path) -> None:
    """Met --sla-ongeldige-over staan de redenen gemaskeerd in waarschuwingen.csv."""
    doel = tmp_path / "tabellen"
    uit = draai(
        "export", str(DATA / "ongeldig"), "--tarieven", str(TARIEVEN), "--sla-ongeldige-over", "--formaat", "csv",
        "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    tekst = (doel / "waarschuwingen.csv").read_text(encoding="utf-8")
    assert "ongeldige waarde '11*****33'" in tekst
    assert "'geboren **-**-****'" in tekst
    assert "111222333" not in tekst
    assert "15-06-1972" not in tekst
    assert "12345678" not in uit.stderr + tekst


def test_anoniem_rapport_maskeert_en_laat_team_weg(draai: Draai, tmp_path: Path) -> None:
    """Het --anoniem-rapport noemt de weggelaten casussen zonder geciteerde waarde en laat team en ingebracht_door
    weg."""
    doel = tmp_path / "beta.html"
    uit = draai(
        "rapport", str(DATA / "ongeldig"), "--tarieven", str(TARIEVEN), "--sla-ongeldige-over", "--anoniem",
        "--gemeente", "Beta", "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    html = doel.read_text(encoding="utf-8")
    # met --anoniem ook de gemaskeerde waarde niet: een geciteerde ongeldige waarde wordt '…'
    assert "zekerheid: ongeldige waarde &#39;…&#39;" in html
    for waarde in ("111222333", "15-06-1972", "Wijkteam Noord", "Jan de Vries", "12345678"):
        assert waarde not in html


def test_bsn_als_id_wordt_gemeld_en_in_anoniem_rapport_gemaskeerd(draai: Draai, tmp_path: Path) -> None:
    """Een id die een BSN is, geeft een privacywaarschuwing en komt in een --anoniem-rapport nergens voluit voor."""
    controle = draai("controleer", str(DATA / "id"), "--tarieven", str(TARIEVEN))
    assert controle.returncode == 0, controle.stderr
    assert "id: mogelijk een burgerservicenummer (BSN): '11*****33'" in " ".join(controle.stdout.split())
    doel = tmp_path / "beta.html"
    uit = draai(
        "rapport", str(DATA / "id"), "--tarieven", str(TARIEVEN), "--anoniem", "--gemeente", "Beta",
        "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    assert "111222333" not in doel.read_text(encoding="utf-8")
