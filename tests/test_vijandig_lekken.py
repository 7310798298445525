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


# --- persoonsgegevens zoals Word ze schrijft ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "soort", "gemaskeerd"),
    [
        pytest.param("BSN 123\u00a0456\u00a0782.", "bsn", "BSN 12* *** *82.", id="bsn-met-harde-spaties"),
        pytest.param("BSN 123\u202f456\u202f782.", "bsn", "BSN 12* *** *82.", id="bsn-met-smalle-harde-spaties"),
        pytest.param(
            "IBAN \uff2e\uff2c\uff19\uff11\uff21\uff22\uff2e\uff21\uff10\uff14\uff11\uff17\uff11\uff16\uff14\uff13"
            "\uff10\uff10 klopt",
            "iban",
            "IBAN NL** **** **** **** 00 klopt",
            id="iban-met-volbreedte-tekens",
        ),
        pytest.param("bel 06\u201312345678 nu", "telefoon", "bel 06-******78 nu", id="telefoon-met-en-streepje"),
        pytest.param("bel 06\u221212345678 nu", "telefoon", "bel 06-******78 nu", id="telefoon-met-minteken"),
        pytest.param("BSN 123\u200b456782", "bsn", "BSN 12*****82", id="bsn-met-breedteloze-spatie"),
    ],
)
def test_persoonsgegevens_zoals_word_ze_schrijft_worden_gevonden(tekst: str, soort: str, gemaskeerd: str) -> None:
    """Na NFKC en het gelijktrekken van streepjes en spaties wordt het gevonden; gemaskeerd wordt precies het stuk
    van de oorspronkelijke tekst, de rest blijft staan (ook de punt en het woord erna)."""
    from casuskosten.invoer.privacy import maskeer, zoek

    assert [t.soort for t in zoek(tekst)] == [soort]
    assert maskeer(tekst) == gemaskeerd


def test_de_positie_van_een_vondst_wijst_in_de_oorspronkelijke_tekst() -> None:
    """Voor de vondst staat 'é' (NFKC laat het staan) en 'ﬁ' (wordt 'fi', twee tekens): begin en eind tellen in
    het origineel, zodat tekst[begin:eind] het telefoonnummer zelf is."""
    from casuskosten.invoer.privacy import zoek

    tekst = "café ﬁjn: 06\u201312345678!"
    [treffer] = zoek(tekst)
    assert tekst[treffer.begin : treffer.eind] == "06\u201312345678"


# --- een lineaire scan, en niet elke melding opnieuw ----------------------------------------------------------


def test_dezelfde_korte_tekst_wordt_een_keer_doorzocht(monkeypatch: pytest.MonkeyPatch) -> None:
    """Een bestandsnaam of melding die 1.000 keer terugkomt, gaat één keer door de scan (geteld, niet getimed)."""
    from casuskosten.invoer import privacy

    privacy._maskeer_onthouden.cache_clear()
    tellingen = []
    echt = privacy._maskeer

    def geteld(tekst: str) -> str:
        tellingen.append(tekst)
        return echt(tekst)

    monkeypatch.setattr(privacy, "_maskeer", geteld)
    for _ in range(1_000):
        assert privacy.maskeer("casussen/123456782.yaml: zekerheid: fout") == "casussen/12*****82.yaml: zekerheid: fout"
    assert len(tellingen) == 1
    privacy._maskeer_onthouden.cache_clear()


def test_een_lang_bijna_e_mailadres_wordt_in_begrensde_stappen_doorzocht() -> None:
    """`a.a.a.a...` zonder @ (200 KB): het e-mailpatroon kijkt vanaf elk woordbegin hooguit 64 tekens vooruit
    (was: tot het eind van de rij, kwadratisch). Geteld via de lengte die het patroon ooit kan overspannen."""
    from casuskosten.invoer.privacy import _EMAIL, zoek

    # het langst mogelijke lokale deel is 64 tekens: een adres met 65 wordt niet meer als geheel gevonden
    assert _EMAIL.search("a" * 64 + "@voorbeeld.nl") is not None
    assert _EMAIL.search("a" * 65 + "@voorbeeld.nl") is None
    assert zoek("a." * 100_000) == []


def test_het_tijdwoord_voor_een_postcode_wordt_alleen_vlak_ervoor_gezocht(monkeypatch: pytest.MonkeyPatch) -> None:
    """`2016 AB 12` 2.000 keer achter elkaar: per postcodevorm wordt hooguit 64 tekens teruggekeken (was: de hele
    tekst ervoor, kwadratisch; 50 KB kostte 35 s). Geteld via de lengte van elk doorzocht stuk, niet getimed."""
    from casuskosten.invoer import privacy

    gezocht: list[int] = []
    echt = privacy._TIJDWOORD

    class Geteld:
        def search(self, tekst: str, begin: int, eind: int) -> object:
            gezocht.append(eind - begin)
            return echt.search(tekst, begin, eind)

    monkeypatch.setattr(privacy, "_TIJDWOORD", Geteld())
    treffers = privacy.zoek("x 2016 AB 12 " * 2_000)
    assert len(treffers) == 2_000  # geen woord van tijd ervoor: elke vorm is een postcode met huisnummer
    assert len(gezocht) >= 2_000
    assert max(gezocht) <= 64
