"""Lekken via namen (issue 24): één maskeerregel voor elke plek waar een naam of waarde in de uitvoer komt.

Bestandsnamen in foutregels, weggelaten casussen in JSON en xlsx, en met `--anoniem` ook ids, gemeentenamen,
geciteerde ongeldige waarden, de invloedrijkste casus, titel, kop, bestandsnaam en PDF-metadata. Elke test maakt
zijn eigen vijandige casusmap, genoemd naar het defect.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from casuskosten import bereken
from tests.conftest import SNEL, Draai, casus, schrijf_tarieven

# persoonsgegevens zoals een tester ze als bestandsnaam, id of gemeente gebruikte, met hun gemaskeerde vorm
BSN = "123456782"  # elfproef: 9+16+21+24+25+24+21+16-2 = 154 = 14 x 11
IBAN = "NL91ABNA0417164300"
EMAIL = "j.jansen@example.nl"
TELEFOON = "0612345678"
ID_BSN = "111222333"  # elfproef: 9+8+7+12+10+8+9+6-3 = 66 = 6 x 11
RUW = (BSN, IBAN, EMAIL, TELEFOON, ID_BSN, "mevrouw Jansen")


def _schrijf(map_: Path, naam: str, data: dict[str, Any]) -> None:
    (map_ / naam).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _ongeldige_casussen_met_persoonsgegevens_als_naam(map_: Path) -> Path:
    """Drie ongeldige casussen die een BSN, IBAN en e-mailadres als bestandsnaam hebben; de eerste citeert een naam."""
    map_.mkdir(parents=True, exist_ok=True)
    _schrijf(map_, f"{BSN}.yaml", casus(id="X-1", zekerheid="hoog volgens mevrouw Jansen"))
    _schrijf(map_, f"{IBAN}.yaml", casus(id="X-2", voor=[{"tarief": "onbekend_tarief", "aantal": 1}]))
    _schrijf(map_, f"{EMAIL}.yaml", casus(id="X-3", datum="geen datum"))
    return map_


def _gemeente_met_telefoonnummer(map_: Path) -> Path:
    """Vier geldige casussen van gemeente 'Alfa 0612345678': drie zonder besparing van betekenis (10-12 uur hulp
    tegen 20 uur maatje) en één met een BSN als id die alles bespaart (100 uur hulp, geen team): de invloedrijkste."""
    map_.mkdir(parents=True, exist_ok=True)
    gemeente = f"Alfa {TELEFOON}"
    for i in range(3):
        _schrijf(
            map_,
            f"ok-{i}.yaml",
            casus(
                id=f"OK-{i}",
                gemeente=gemeente,
                voor=[{"tarief": "hulp", "aantal": 10 + i}],
                team=[{"tarief": "maatje", "aantal": 20}],
            ),
        )
    _schrijf(map_, "zwaar.yaml", casus(id=ID_BSN, gemeente=gemeente, voor=[{"tarief": "hulp", "aantal": 100}]))
    return map_


@pytest.fixture
def vijandig(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(casusmap met beide soorten, tariefmap, instellingenbestand), los van elkaar in tmp_path."""
    casussen = tmp_path / "casussen"
    _ongeldige_casussen_met_persoonsgegevens_als_naam(casussen)
    _gemeente_met_telefoonnummer(casussen)
    toml = tmp_path / "snel.toml"
    toml.write_text("bootstrap_iteraties = 100\npsa_iteraties = 100\n", encoding="utf-8")
    return casussen, schrijf_tarieven(tmp_path / "tarieven"), toml


def _lekt(tekst: str) -> list[str]:
    return [w for w in RUW if w in tekst]


def test_foutregels_maskeren_bestandsnamen_die_persoonsgegevens_zijn(draai: Draai, tmp_path: Path) -> None:
    """`controleer`: de FOUT-regels noemen 12*****82.yaml, NL** ... 00.yaml en j***@***.yaml, nooit de echte naam."""
    map_ = _ongeldige_casussen_met_persoonsgegevens_als_naam(tmp_path / "casussen")
    uit = draai("controleer", str(map_), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")))
    assert uit.returncode == 1
    fouten = [r for r in uit.stderr.splitlines() if r.startswith("FOUT")]
    bestanden = sorted(r.split(": ", 1)[0].rsplit("/", 1)[-1].split(":")[0] for r in fouten)
    assert bestanden == ["12*****82.yaml", "NL** **** **** **** 00.yaml", "j***@***.yaml"]
    assert [w for w in (BSN, IBAN, EMAIL) if w in uit.stdout + uit.stderr] == []


def test_json_en_xlsx_noemen_weggelaten_bestanden_gemaskeerd(draai: Draai, vijandig: tuple[Path, Path, Path]) -> None:
    """`bereken --json` en `export --formaat xlsx` met --sla-ongeldige-over: de weggelaten bestanden gemaskeerd."""
    casussen, tarieven, toml = vijandig
    opties = [str(casussen), "--tarieven", str(tarieven), "--instellingen", str(toml), "--sla-ongeldige-over"]
    uit = draai("bereken", *opties, "--json")
    assert uit.returncode == 0, uit.stderr
    weggelaten = sorted(o["bestand"].rsplit("/", 1)[-1] for o in json.loads(uit.stdout)["overgeslagen"])
    assert weggelaten == ["12*****82.yaml", "NL** **** **** **** 00.yaml", "j***@***.yaml"]
    assert [w for w in (BSN, IBAN, EMAIL) if w in uit.stdout + uit.stderr] == []
    doel = casussen.parent / "uit" / "export.xlsx"
    assert draai("export", *opties, "--formaat", "xlsx", "--uit", str(doel)).returncode == 0
    with zipfile.ZipFile(doel) as xlsx:
        inhoud = "".join(xlsx.read(n).decode("utf-8") for n in xlsx.namelist() if n.endswith(".xml"))
    assert [w for w in (BSN, IBAN, EMAIL) if w in inhoud] == []
    assert "12*****82.yaml" in inhoud


@pytest.mark.parametrize("formaat", ["html", "pdf"])
def test_anoniem_rapport_lekt_geen_naam_of_geciteerde_waarde(
    draai: Draai, vijandig: tuple[Path, Path, Path], formaat: str
) -> None:
    """`rapport --anoniem --gemeente 'Alfa 0612345678'` zonder --uit: geen persoonsgegeven in bestandsnaam, tekst,
    titel of PDF-metadata."""
    casussen, tarieven, toml = vijandig
    werkmap = casussen.parent
    uit = draai(
        "rapport", str(casussen), "--tarieven", str(tarieven), "--instellingen", str(toml), "--sla-ongeldige-over",
        "--anoniem", "--gemeente", f"Alfa {TELEFOON}", "--formaat", formaat, cwd=werkmap,
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    [rapport] = (werkmap / "uitvoer").iterdir()
    assert rapport.name == f"alfa-06-78.{formaat}"
    if formaat == "html":
        tekst = rapport.read_text(encoding="utf-8")
        titel = tekst.split("<title>", 1)[1].split("</title>", 1)[0]
    else:
        from pypdf import PdfReader

        pdf = PdfReader(rapport)
        tekst = "\n".join(p.extract_text() for p in pdf.pages)
        assert pdf.metadata is not None
        titel = f"{pdf.metadata.title} {pdf.metadata.subject}"
        tekst += titel
    assert "Alfa 06******78" in titel
    assert _lekt(tekst) == []


def test_anoniem_casusboek_citeert_geen_ongeldige_waarde(draai: Draai, vijandig: tuple[Path, Path, Path]) -> None:
    """`casus --anoniem`: onder "Weggelaten casussen" staat `ongeldige waarde '…'`, niet de tekst met de naam."""
    casussen, tarieven, toml = vijandig
    doel = casussen.parent / "uit" / "boek.html"
    uit = draai(
        "casus", str(casussen), "--tarieven", str(tarieven), "--instellingen", str(toml), "--sla-ongeldige-over",
        "--anoniem", "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    tekst = doel.read_text(encoding="utf-8")
    assert _lekt(tekst) == []
    assert "12*****82.yaml:4: zekerheid: ongeldige waarde &#39;…&#39;; kies uit: hoog, middel, laag" in tekst


def test_anoniem_resultaat_maskeert_gemeente_id_en_invloedrijkste_casus(vijandig: tuple[Path, Path, Path]) -> None:
    """`Resultaat.anoniem()` maskeert de gemeente in aggregaat, kernboodschap, vergelijking en tabellen, en het id
    van de invloedrijkste casus; de cijfers blijven gelijk en de gemeente is nog op haar echte naam te vinden."""
    casussen, tarieven, _ = vijandig
    gewoon = bereken(casussen, tarieven, SNEL, sla_ongeldige_over=True, werkers=1)
    anoniem = gewoon.anoniem()
    [agg] = anoniem.gemeenten
    assert agg.gemeente == "Alfa 06******78"
    assert agg.invloedrijkste_casus is not None
    assert agg.invloedrijkste_casus.id == "11*****33"
    assert TELEFOON not in agg.kernboodschap
    assert anoniem.vergelijking is not None
    assert [g.groep for g in anoniem.vergelijking.groepen] == ["Alfa 06******78"]
    assert sorted(set(anoniem.casussen["gemeente"])) == ["Alfa 06******78"]
    assert anoniem.gemeente(f"Alfa {TELEFOON}") is agg
    assert agg.besparing == gewoon.gemeenten[0].besparing
    tekst = json.dumps(anoniem.naar_dict(), ensure_ascii=False)
    assert _lekt(tekst) == []


def test_casusrapport_zonder_uit_heeft_een_gemaskeerde_bestandsnaam(draai: Draai, tmp_path: Path) -> None:
    """`casus zwaar.yaml` met id 111222333 schrijft uitvoer/11xxxxx33.html, niet uitvoer/111222333.html."""
    casussen = _gemeente_met_telefoonnummer(tmp_path / "casussen")
    schrijf_tarieven(tmp_path / "tarieven")
    uit = draai("casus", str(casussen / "zwaar.yaml"), "--tarieven", str(tmp_path / "tarieven"), cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    assert [p.name for p in (tmp_path / "uitvoer").iterdir()] == ["11xxxxx33.html"]
