"""Vijandige invoer, ronde drie (issue 24, de rest): geen Infinity in JSON, geen "-0", uitvoer nooit op een gelezen
bestand (logo, sjabloon, instellingen, tarieven, casus), geen verborgen casusbestanden, signalen, namen die geen UTF-8
zijn en tekens die YAML niet kan dragen. Elk geval met de melding of uitkomst die het moet geven."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from casuskosten import formaat
from tests.conftest import Draai, casus, schrijf_casussen, schrijf_tarieven

SNEL = "bootstrap_iteraties = 100\npsa_iteraties = 100\n"


@pytest.fixture
def werkmap(tmp_path: Path) -> Path:
    """casussen/a-01.yaml (Alfa, 2 uur hulp), tarieven/, logo.png, sjablonen/gemeente.html.j2 en casuskosten.toml
    met dat logo, naast elkaar in één map."""
    schrijf_tarieven(tmp_path / "tarieven")
    schrijf_casussen(tmp_path / "casussen", casus(id="A-01", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 2}]))
    Image.new("RGB", (4, 4), "red").save(tmp_path / "logo.png")
    (tmp_path / "sjablonen").mkdir()
    (tmp_path / "sjablonen" / "gemeente.html.j2").write_text("{% extends 'basis.html.j2' %}\n", encoding="utf-8")
    (tmp_path / "casuskosten.toml").write_text(SNEL + '[huisstijl]\nlogo = "logo.png"\n', encoding="utf-8")
    return tmp_path


def _inhoud(map_: Path) -> dict[str, bytes]:
    return {str(p.relative_to(map_)): p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file()}


# --- 1. geen Infinity of NaN: onmogelijke getallen al bij de instellingen geweigerd --------------------------------


@pytest.mark.parametrize("uren", ["0.001", "0", "99.5"])
def test_productieve_uren_onder_honderd_zijn_een_fout_in_het_instellingenbestand(
    uren: str, draai: Draai, werkmap: Path
) -> None:
    """`productieve_uren_per_fte = 0.001` gaf `benodigde_fte: Infinity` (ongeldige JSON); nu een FOUT met bestand,
    regel (5: na twee regels trekkingen, een lege regel en [formatie]) en veld, en geen JSON op stdout."""
    (werkmap / "casuskosten.toml").write_text(
        SNEL + f"\n[formatie]\nproductieve_uren_per_fte = {uren}\n", encoding="utf-8"
    )
    uit = draai("bereken", "casussen", "--tarieven", "tarieven", "--json", cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stdout == ""
    assert (
        f"FOUT casuskosten.toml:5: formatie.productieve_uren_per_fte: '{uren}' is te klein; moet >= 100 zijn"
        in uit.stderr
    )


def test_honderd_productieve_uren_geeft_eindige_json(draai: Draai, werkmap: Path) -> None:
    """Precies op de grens (100 uur) is geldig, en de JSON is strikt (json.loads zonder NaN/Infinity)."""
    import json

    (werkmap / "casuskosten.toml").write_text(SNEL + "\n[formatie]\nproductieve_uren_per_fte = 100\n", encoding="utf-8")
    uit = draai("bereken", "casussen", "--tarieven", "tarieven", "--json", cwd=werkmap)
    assert uit.returncode == 0, uit.stderr

    def weiger(waarde: str) -> float:
        raise AssertionError(f"{waarde} in de JSON")

    json.loads(uit.stdout, parse_constant=weiger)


# --- 2. geen "-0" ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        pytest.param(formaat.getal(-0.4, 0), "0", id="getal--0,4"),
        pytest.param(formaat.getal(-0.6, 0), "-1", id="getal--0,6"),
        pytest.param(formaat.getal(-0.004, 2), "0", id="getal--0,004-twee-decimalen"),
        pytest.param(formaat.getal(-0.0), "0", id="getal-min-nul"),
        pytest.param(formaat.euro(-0.4), "€ 0", id="euro--0,4"),
        pytest.param(formaat.euro(-0.6), "€ -1", id="euro--0,6"),
        pytest.param(formaat.euro(-0.004, 2), "€ 0,00", id="euro-centen"),
        pytest.param(formaat.procent(-0.04), "0,0%", id="procent--0,04"),
        pytest.param(formaat.procent(-0.06), "-0,1%", id="procent--0,06"),
        pytest.param(formaat.aandeel(-0.001), "0%", id="aandeel--0,1-procent"),
        pytest.param(formaat.interval((-0.04, -0.01)), "[0,0% – 0,0%]", id="interval-rond-nul"),
        pytest.param(formaat.miljoen(-400), "€ 0", id="miljoen--400"),
    ],
)
def test_wat_op_nul_afrondt_is_nul_zonder_minteken(tekst: str, verwacht: str) -> None:
    """-0,4 rondt af op 0 en staat als "0" (niet "-0"); -0,6 rondt af op -1 en houdt zijn minteken."""
    assert tekst == verwacht


# --- 3. uitvoer nooit op een bestand dat de run gelezen heeft -------------------------------------------------

_LOGO = ("logo.png", "logo.png")
_SJABLOON = ("sjablonen/gemeente.html.j2", "sjablonen")
_INSTELLINGEN = ("casuskosten.toml", "casuskosten.toml")
_TARIEF = ("tarieven/test.csv", "tarieven")
_CASUS = ("casussen/a-01.yaml", "casussen")
_INVOER = ["casussen", "--tarieven", "tarieven", "--instellingen", "casuskosten.toml", "--werkers", "1"]


@pytest.mark.parametrize(
    ("opdracht", "doel"),
    [
        pytest.param(["rapport", *_INVOER, "--gemeente", "Alfa"], _LOGO, id="rapport-op-logo"),
        pytest.param(["rapport", *_INVOER, "--gemeente", "Alfa", "--formaat", "pdf"], _LOGO, id="rapport-pdf-op-logo"),
        pytest.param(
            ["rapport", *_INVOER, "--gemeente", "Alfa", "--sjablonen", "sjablonen"], _SJABLOON, id="rapport-op-sjabloon"
        ),
        pytest.param(["rapport", *_INVOER, "--gemeente", "Alfa"], _INSTELLINGEN, id="rapport-op-instellingen"),
        pytest.param(["rapport", *_INVOER, "--gemeente", "Alfa"], _TARIEF, id="rapport-op-tarief"),
        pytest.param(["rapport", *_INVOER, "--gemeente", "Alfa"], _CASUS, id="rapport-op-casus"),
        pytest.param(["casus", *_INVOER], _LOGO, id="casusboek-op-logo"),
        pytest.param(["casus", *_INVOER, "--sjablonen", "sjablonen"], _SJABLOON, id="casusboek-op-sjabloon"),
        pytest.param(["vergelijk", *_INVOER], _LOGO, id="vergelijk-op-logo"),
        pytest.param(["vergelijk", *_INVOER, "--sjablonen", "sjablonen"], _SJABLOON, id="vergelijk-op-sjabloon"),
        pytest.param(["export", *_INVOER, "--formaat", "json"], _LOGO, id="export-op-logo"),
        pytest.param(["export", *_INVOER, "--formaat", "xlsx"], _INSTELLINGEN, id="export-op-instellingen"),
        pytest.param(["bereken", *_INVOER, "--json"], _LOGO, id="bereken-json-op-logo"),
        pytest.param(["bereken", *_INVOER, "--json"], _CASUS, id="bereken-json-op-casus"),
    ],
)
def test_uitvoer_op_gelezen_invoer_wordt_geweigerd(
    opdracht: list[str], doel: tuple[str, str], draai: Draai, werkmap: Path
) -> None:
    """`--uit logo.png` (het logo uit de instellingen), het eigen sjabloon, het instellingenbestand, een tariefbestand
    of een casus: FOUT met het pad en welke invoer, exit 1, en geen enkel bestand veranderd of bijgekomen."""
    uit_pad, invoer = doel
    voor = _inhoud(werkmap)
    uit = draai(*opdracht, "--uit", uit_pad, cwd=werkmap)
    assert uit.returncode == 1, uit.stderr
    assert uit.stderr.strip() == (
        f"FOUT {uit_pad}: --uit: uitvoer zou invoer ({(werkmap / invoer).resolve()}) overschrijven; kies een pad "
        "buiten de casus- en tariefmappen"
    )
    assert _inhoud(werkmap) == voor


def test_het_logo_blijft_beschermd_vanuit_python(werkmap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`casuskosten.schrijf_gemeenterapporten(r, ..., "logo.png")` weigert ook zonder opdrachtregel: het logo staat in
    de instellingen van het resultaat."""
    import datetime as dt

    import casuskosten
    from casuskosten.fouten import UitvoerFout

    monkeypatch.chdir(werkmap)
    resultaat = casuskosten.bereken("casussen", "tarieven", casuskosten.laad_instellingen("casuskosten.toml"))
    voor = (werkmap / "logo.png").read_bytes()
    with pytest.raises(UitvoerFout, match="overschrijven"):
        casuskosten.schrijf_gemeenterapporten(resultaat, "html", "logo.png", dt.date(2026, 1, 1), gemeente="Alfa")
    assert (werkmap / "logo.png").read_bytes() == voor


# --- 4. geen verborgen casusbestanden --------------------------------------------------------------------------


def test_nieuw_met_een_id_met_punt_vooraan_is_een_fout(draai: Draai, tmp_path: Path) -> None:
    """`nieuw --id .a-01` zou casussen/alfa/.a-01.yaml schrijven, dat niemand ziet: FOUT, en er komt niets bij."""
    uit = draai("nieuw", "--gemeente", "Alfa", "--id", ".a-01", cwd=tmp_path)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        "FOUT --id: '.a-01' begint met een punt; een casus met dat id wordt een verborgen bestand dat controleer en "
        "bereken niet lezen. Laat de punt weg, bijvoorbeeld 'a-01'"
    )
    assert list(tmp_path.iterdir()) == []


def test_nieuw_naar_een_verborgen_bestandsnaam_is_een_fout(draai: Draai, tmp_path: Path) -> None:
    """`nieuw --uit casussen/.b.yaml`: ook een verborgen bestand, dus een FOUT zonder bestand."""
    uit = draai("nieuw", "--gemeente", "Alfa", "--uit", "casussen/.b.yaml", cwd=tmp_path)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        "FOUT casussen/.b.yaml: --uit: begint met een punt: een verborgen bestand, dat controleer en bereken niet "
        "lezen; kies een naam zonder punt vooraan"
    )
    assert list(tmp_path.iterdir()) == []


def test_een_id_met_punt_vooraan_in_een_casus_is_een_fout(draai: Draai, werkmap: Path) -> None:
    """`id: .a-01` in casussen/a-01.yaml (regel 1): FOUT met bestand, regel en veld."""
    schrijf_casussen(werkmap / "casussen", casus(id=".a-01", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 2}]))
    (werkmap / "casussen" / "a-01.yaml").unlink()
    (werkmap / "casussen" / ".a-01.yaml").rename(werkmap / "casussen" / "a-01.yaml")
    uit = draai("controleer", "casussen", "--tarieven", "tarieven", "--instellingen", "casuskosten.toml", cwd=werkmap)
    assert uit.returncode == 1
    assert (
        "FOUT casussen/a-01.yaml:1: id: '.a-01' begint met een punt; een casus met dat id wordt een verborgen bestand "
        "dat controleer en bereken niet lezen. Laat de punt weg, bijvoorbeeld 'a-01'"
    ) in uit.stderr


_VERBORGEN = (
    "casussen/.x.yaml: verborgen bestand (de naam begint met een punt), dus niet gelezen; geef het een naam zonder "
    "punt vooraan als het een casus is"
)


@pytest.mark.parametrize("opdracht", ["controleer", "bereken"])
def test_een_verborgen_casusbestand_wordt_gemeld(opdracht: str, draai: Draai, werkmap: Path) -> None:
    """casussen/.x.yaml (een kopie van een geldige casus) telt niet mee, maar `controleer` en `bereken` noemen het in
    een waarschuwing; de geldige casus telt gewoon (exit 0)."""
    (werkmap / "casussen" / ".x.yaml").write_bytes((werkmap / "casussen" / "a-01.yaml").read_bytes())
    uit = draai(opdracht, "casussen", "--tarieven", "tarieven", "--instellingen", "casuskosten.toml", cwd=werkmap)
    assert uit.returncode == 0, uit.stderr
    assert "Verborgen casusbestand niet gelezen [verborgen_casusbestand]: 1×" in uit.stdout + uit.stderr
    assert _VERBORGEN in uit.stdout + uit.stderr


def test_een_verborgen_map_blijft_stil(draai: Draai, werkmap: Path) -> None:
    """Een verborgen map (.git) is geen casusbestand: geen waarschuwing voor wat daarin staat."""
    (werkmap / "casussen" / ".git").mkdir()
    (werkmap / "casussen" / ".git" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    uit = draai("controleer", "casussen", "--tarieven", "tarieven", "--instellingen", "casuskosten.toml", cwd=werkmap)
    assert uit.returncode == 0, uit.stderr
    assert "verborgen" not in uit.stdout + uit.stderr
