"""Uitvoer schrijven op echte systemen: een Nederlandse melding in plaats van een traceback, en bij een fout niets.

Ook: gebruikerstekst blijft tekst in de export (geen formules), en de PDF's kunnen gewone, lange inhoud aan.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from pathlib import Path

import openpyxl
import pytest

from casuskosten.fouten import UitvoerFout
from casuskosten.uitvoer import rapporten
from casuskosten.uitvoer.bestanden import schrijf_atomair
from tests.conftest import SNEL, SNELLE_TOML, Draai, casus, draai_in_proces, draai_proces

DATA = Path(__file__).resolve().parent / "data" / "uitvoer"
FORMULE = DATA / "formule-injectie"


def _fout(uit: str) -> str:
    """De foutregel(s) zonder kleur en zonder de door rich afgebroken regels."""
    return " ".join(uit.split())


# --- klasse 4: uitvoer schrijven -----------------------------------------------------------------------------------


@pytest.fixture
def werkmap(tmp_path: Path, tarieven: Path, casusmap) -> Path:  # type: ignore[no-untyped-def]
    """Een werkmap met casussen/ (twee gemeenten) en tarieven/; de opdrachten draaien hierin."""
    casusmap(
        casus(id="A-01", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 3}]),
        casus(id="B-01", gemeente="Beta", voor=[{"tarief": "hulp", "aantal": 2}]),
    )
    return tmp_path


# (opdracht in de werkmap, voorbereiding, verwachte foutmelding op stderr)
UITVOERFOUTEN = [
    pytest.param(
        ["rapport", "casussen", "--formaat", "html"],
        "bestand-uitvoer",
        "FOUT uitvoer: --uit: bestaat al als bestand; geef een map op",
        id="bestand-uitvoer-rapport",
    ),
    pytest.param(
        ["export", "casussen"],
        "bestand-uitvoer",
        "FOUT uitvoer/casuskosten.xlsx: --uit: kan niet schrijven: een deel van het pad is geen map",
        id="bestand-uitvoer-export",
    ),
    pytest.param(
        ["vergelijk", "casussen"],
        "bestand-uitvoer",
        "FOUT uitvoer/vergelijking.html: --uit: kan niet schrijven: een deel van het pad is geen map",
        id="bestand-uitvoer-vergelijk",
    ),
    pytest.param(
        ["bereken", "casussen", "--json", "--uit", "/proc/uitkomst.json"],
        None,
        "FOUT /proc/uitkomst.json: --uit: kan niet schrijven: dit pad kan geen gewoon bestand bevatten",
        id="proc",
    ),
    pytest.param(
        ["bereken", "casussen", "--json", "--uit", "/sys/uitkomst.json"],
        None,
        "FOUT /sys/uitkomst.json: --uit: kan niet schrijven: geen schrijfrechten",
        id="alleen-lezen",
    ),
    pytest.param(
        ["bereken", "casussen", "--json", "--uit", "pijp"],
        "fifo",
        "FOUT pijp: --uit: is geen gewoon bestand (maar een apparaat, pipe of socket); casuskosten schrijft alleen "
        "gewone bestanden. Voor het scherm of een pipe: laat --uit weg bij 'bereken' en 'schema'",
        id="fifo",
    ),
    pytest.param(
        ["export", "casussen", "--formaat", "json", "--uit", "/dev/stdout"],
        "stdout-is-een-pijp",
        "FOUT /dev/stdout: --uit: is geen gewoon bestand (maar een apparaat, pipe of socket); casuskosten schrijft "
        "alleen gewone bestanden. Voor het scherm of een pipe: laat --uit weg bij 'bereken' en 'schema'",
        id="dev-stdout-in-pipe",
    ),
]


@pytest.mark.parametrize(("args", "voorbereiding", "verwacht"), UITVOERFOUTEN)
def test_onschrijfbare_uitvoer_geeft_een_melding(
    draai: Draai, werkmap: Path, args: list[str], voorbereiding: str | None, verwacht: str
) -> None:
    """Een uitvoerpad waar niet (als gewoon bestand) geschreven kan worden, geeft exitcode 1 en een Nederlandse
    melding zonder traceback; er komt niets bij in de werkmap."""
    if voorbereiding == "bestand-uitvoer":
        (werkmap / "uitvoer").write_text("ik ben een bestand", encoding="utf-8")
    if voorbereiding == "fifo":
        os.mkfifo(werkmap / "pijp")
    voor = sorted(p.name for p in werkmap.iterdir())
    # /dev/stdout is een pijp alleen in een echt proces; in pytest is het het (gewone) opvangbestand van pytest
    lopen = draai_proces if voorbereiding == "stdout-is-een-pijp" else draai
    uit = lopen(*args, "--tarieven", "tarieven", cwd=werkmap)
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    assert verwacht in _fout(uit.stderr)
    assert sorted(p.name for p in werkmap.iterdir()) == voor
    if voorbereiding == "fifo":
        assert (werkmap / "pijp").is_fifo()


def test_map_als_uitvoerbestand_noemt_de_map(draai: Draai, werkmap: Path) -> None:
    """`--uit` naar een bestaande map voor een bestandsuitvoer zegt dat het een map is."""
    uit = draai("export", "casussen", "--tarieven", "tarieven", "--uit", str(werkmap), cwd=werkmap)
    assert uit.returncode == 1
    assert _fout(uit.stderr) == f"FOUT {werkmap}: --uit: is een map; geef een bestandsnaam"


def test_schrijven_zonder_rechten_geeft_een_melding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Een map zonder schrijfrechten (hier nagebootst: de tests kunnen als root draaien) geeft een UitvoerFout."""

    def geweigerd(**_: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", geweigerd)
    with pytest.raises(UitvoerFout) as fout:
        schrijf_atomair(tmp_path / "rapport.html", "<p>hoi</p>")
    assert str(fout.value) == f"{tmp_path / 'rapport.html'}: --uit: kan niet schrijven: geen schrijfrechten"
    assert list(tmp_path.iterdir()) == []


def test_export_zonder_uit_maakt_de_map_uitvoer(draai: Draai, werkmap: Path) -> None:
    """`export` zonder `--uit` maakt `uitvoer/` zelf aan en schrijft daar casuskosten.xlsx."""
    uit = draai("export", "casussen", "--tarieven", "tarieven", cwd=werkmap)
    assert uit.returncode == 0, uit.stderr
    assert (werkmap / "uitvoer" / "casuskosten.xlsx").is_file()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["rapport", ".", "--gemeente", "Alfa"], id="rapport"),
        pytest.param(["rapport", "."], id="rapport-alle"),
        pytest.param(["vergelijk", "."], id="vergelijk"),
        pytest.param(["export", "."], id="export"),
        pytest.param(["casus", "a-01.yaml"], id="casus"),
    ],
)
def test_geweigerde_uitvoer_in_casusmap_laat_geen_lege_map_achter(draai: Draai, werkmap: Path, args: list[str]) -> None:
    """Draait een opdracht in de casusmap zelf, dan wordt `uitvoer/` daar geweigerd vóórdat er iets is aangemaakt."""
    casussen = werkmap / "casussen"
    uit = draai(*args, "--tarieven", "../tarieven", cwd=casussen)
    assert uit.returncode == 1
    assert (
        f"uitvoer hoort niet in de casusmap ({casussen}): daar staat invoer die het zou kunnen overschrijven; kies een "
        "pad buiten de casusmappen"
    ) in _fout(uit.stderr)
    assert sorted(p.name for p in casussen.iterdir()) == ["a-01.yaml", "b-01.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["bereken", "casussen/a-01.yaml", "--json"], id="bereken-json"),
        pytest.param(["bereken", "casussen/a-01.yaml"], id="bereken-tabel"),
        pytest.param(["export", "casussen/a-01.yaml", "--formaat", "json"], id="export"),
        pytest.param(["vergelijk", "casussen/a-01.yaml"], id="vergelijk"),
        pytest.param(["casus", "casussen/a-01.yaml"], id="casus"),
    ],
)
def test_elke_opdracht_beschermt_de_map_van_een_los_casusbestand(draai: Draai, werkmap: Path, args: list[str]) -> None:
    """Ook met één los casusbestand als invoer weigert elke opdracht (ook `bereken`) uitvoer naast dat bestand."""
    uit = draai(*args, "--tarieven", "tarieven", "--uit", "casussen/uit.txt", cwd=werkmap)
    assert uit.returncode == 1
    assert _fout(uit.stderr) == (
        f"FOUT casussen/uit.txt: --uit: uitvoer hoort niet in de casusmap ({werkmap / 'casussen'}): daar staat "
        "invoer die het zou kunnen overschrijven; kies een pad buiten de casusmappen"
    )


def test_instellingenbestand_wordt_niet_overschreven(draai: Draai, werkmap: Path) -> None:
    """`--uit` op het instellingenbestand wordt geweigerd; het bestand blijft zoals het was."""
    (werkmap / "casuskosten.toml").write_text("seed = 7\n", encoding="utf-8")
    uit = draai("bereken", "casussen", "--tarieven", "tarieven", "--json", "--uit", "casuskosten.toml", cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        f"FOUT casuskosten.toml: --uit: uitvoer zou het instellingenbestand ({werkmap / 'casuskosten.toml'}) "
        "overschrijven; kies een andere naam (het instellingenbestand wordt alleen gelezen)"
    )
    assert (werkmap / "casuskosten.toml").read_text(encoding="utf-8") == "seed = 7\n"


def test_mislukt_rapport_van_een_gemeente_laat_geen_enkel_rapport_achter(
    werkmap: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gaat het rapport van de tweede gemeente mis, dan is ook dat van de eerste niet geschreven, en de nieuwe map
    is er niet."""
    from casuskosten.pijplijn import bereken

    resultaat = bereken([werkmap / "casussen"], werkmap / "tarieven", SNEL)
    echt = rapporten.gemeente_rapport

    def tweede_mislukt(r, gemeente, *args):  # type: ignore[no-untyped-def]
        if gemeente == "Beta":
            raise UitvoerFout("rapport Beta mislukt")
        return echt(r, gemeente, *args)

    monkeypatch.setattr(rapporten, "gemeente_rapport", tweede_mislukt)
    doel = werkmap / "rapporten"
    with pytest.raises(UitvoerFout, match="rapport Beta mislukt"):
        rapporten.schrijf_gemeenterapporten(resultaat, "html", doel, rapporten.lees_datum("2026-01-01"))
    assert not doel.exists()


def test_gemeenten_met_dezelfde_bestandsnaam_worden_geweigerd(
    draai: Draai, tmp_path: Path, tarieven: Path, casusmap
) -> None:  # type: ignore[no-untyped-def]
    """`Den Haag` en `Den-Haag` zouden allebei den-haag.html worden: een fout met beide namen, geen rapport."""
    map_ = casusmap(
        casus(id="DH-01", gemeente="Den Haag", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(id="DH-02", gemeente="Den-Haag", voor=[{"tarief": "hulp", "aantal": 1}]),
    )
    doel = tmp_path / "rapporten"
    uit = draai("rapport", str(map_), "--tarieven", str(tarieven), "--uit", str(doel))
    assert uit.returncode == 1
    assert _fout(uit.stderr) == (
        f"FOUT {doel}: gemeente: gemeenten 'Den Haag' en 'Den-Haag' krijgen allebei het rapport den-haag.html; "
        "schrijf de gemeente in de casussen op één manier als het dezelfde is, of maak de rapporten los met "
        "--gemeente en --uit"
    )
    assert not doel.exists()


def test_rapport_per_gemeente_schrijft_alle_rapporten(draai: Draai, werkmap: Path, snel_toml: Path) -> None:
    """Zonder `--gemeente` en `--uit` komt er per gemeente één rapport in `uitvoer/`."""
    uit = draai("rapport", "casussen", "--tarieven", "tarieven", "--instellingen", str(snel_toml), cwd=werkmap)
    assert uit.returncode == 0, uit.stderr
    assert sorted(p.name for p in (werkmap / "uitvoer").iterdir()) == ["alfa.html", "beta.html"]


# --- klasse 11: formule-injectie in de export ----------------------------------------------------------------------


def _export(map_: Path, formaat: str) -> Path:
    doel = map_ / ("export.xlsx" if formaat == "xlsx" else "tabellen")
    uit = draai_in_proces(
        "export",
        str(FORMULE / "casussen"),
        "--tarieven",
        str(FORMULE / "tarieven"),
        "--formaat",
        formaat,
        "--uit",
        str(doel),
    )
    assert uit.returncode == 0, uit.stderr
    return doel


# de tests hieronder lezen de export alleen: één keer maken per module, niet per parameter
@pytest.fixture(scope="module")
def formule_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`export --formaat xlsx` van de casussen met formuletekens."""
    return _export(tmp_path_factory.mktemp("formule-xlsx"), "xlsx")


@pytest.fixture(scope="module")
def formule_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`export --formaat csv` van de casussen met formuletekens (de map met een bestand per tabel)."""
    return _export(tmp_path_factory.mktemp("formule-csv"), "csv")


FORMULECELLEN = [
    pytest.param("casussen", "gemeente", 3, '=HYPERLINK("http://example.org","klik")', id="gemeente-casussen"),
    pytest.param("regels", "gemeente", 3, '=HYPERLINK("http://example.org","klik")', id="gemeente-regels"),
    pytest.param("gemeenten", "gemeente", 3, '=HYPERLINK("http://example.org","klik")', id="gemeente-gemeenten"),
    pytest.param("financiers", "gemeente", 3, '=HYPERLINK("http://example.org","klik")', id="gemeente-financiers"),
    pytest.param("waarschuwingen", "gemeente", 3, '=HYPERLINK("http://example.org","klik")', id="gemeente-waarsch"),
    pytest.param("regels", "omschrijving", 3, "=1+1 hulp bij het huishouden", id="omschrijving"),
    # de tabel schrijft @SUM; tariefcodes zijn hoofdletterongevoelig en worden in kleine letters getoond
    pytest.param("regels", "tarief", 4, "@sum", id="tariefcode"),
]


@pytest.mark.parametrize(("blad", "kolom", "rij", "tekst"), FORMULECELLEN)
def test_xlsx_schrijft_gebruikerstekst_als_tekstcel(
    formule_xlsx: Path, blad: str, kolom: str, rij: int, tekst: str
) -> None:
    """Een gemeente, tariefcode of omschrijving die met `=` of `@` begint, is in de xlsx een tekstcel, geen formule."""
    werkblad = openpyxl.load_workbook(formule_xlsx)[blad]
    koppen = [c.value for c in werkblad[1]]
    cel = werkblad.cell(row=rij, column=koppen.index(kolom) + 1)
    assert (cel.value, cel.data_type) == (tekst, "s")


def test_xlsx_vervangt_stuurtekens_uit_een_bestandsnaam(tmp_path: Path) -> None:
    """De invoer weigert stuurtekens in tekst, maar een bestandsnaam mag ze hebben (Linux): een casusbestand
    `a<BEL>b.yaml` staat in de xlsx als `a\ufffdb.yaml` (U+FFFD), en het bestand opent (was: een crash van openpyxl
    of een xlsx die Excel beschadigd noemt)."""
    casussen = tmp_path / "casussen"
    casussen.mkdir()
    bron = next((FORMULE / "casussen").glob("*.yaml"))
    (casussen / "a\x07b.yaml").write_bytes(bron.read_bytes())
    doel = tmp_path / "export.xlsx"
    uit = draai_in_proces(
        "export", str(casussen), "--tarieven", str(FORMULE / "tarieven"), "--formaat", "xlsx", "--uit", str(doel)
    )
    assert uit.returncode == 0, uit.stderr
    werkblad = openpyxl.load_workbook(doel)["casussen"]
    koppen = [c.value for c in werkblad[1]]
    bestanden = [werkblad.cell(row=r, column=koppen.index("bestand") + 1).value for r in range(3, werkblad.max_row + 1)]
    assert any(str(b).endswith("a\ufffdb.yaml") for b in bestanden), bestanden


CSVCELLEN = [
    pytest.param("casussen.csv", "gemeente", 0, '\'=HYPERLINK("http://example.org","klik")', id="gemeente"),
    pytest.param("regels.csv", "omschrijving", 0, "'=1+1 hulp bij het huishouden", id="omschrijving-is"),
    pytest.param("regels.csv", "omschrijving", 1, "'-Begeleiding met bel", id="omschrijving-min"),
    pytest.param("regels.csv", "tarief", 1, "'@sum", id="tariefcode-at"),  # @SUM in kleine letters
    pytest.param("regels.csv", "tarief", 0, "hulp", id="gewone-tekst-blijft"),
    pytest.param("casussen.csv", "besparing", 0, "60.0", id="getal-blijft"),
]


@pytest.mark.parametrize(("bestand", "kolom", "rij", "verwacht"), CSVCELLEN)
def test_csv_neutraliseert_formuletekens(formule_csv: Path, bestand: str, kolom: str, rij: int, verwacht: str) -> None:
    """In CSV krijgt tekst die met `=`, `+`, `-`, `@`, tab of CR begint een `'` ervoor (OWASP); getallen niet."""
    tekst = (formule_csv / bestand).read_text(encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(tekst)))[rij][kolom] == verwacht


def test_csv_laat_negatieve_bedragen_getallen(draai: Draai, tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een negatieve besparing blijft in CSV een getal zonder `'` ervoor.

    Met de hand: hulp 2015 kost 10 bij index 100, op prijspeil 2017 (index 121) 12,10; vóór 1 uur, team 2 uur:
    12,10 - 24,20 = -12,10.
    """
    map_ = casusmap(casus(id="N-01", voor=[{"tarief": "hulp", "aantal": 1}], team=[{"tarief": "hulp", "aantal": 2}]))
    doel = tmp_path / "tabellen"
    uit = draai("export", str(map_), "--tarieven", str(tarieven), "--formaat", "csv", "--uit", str(doel))
    assert uit.returncode == 0, uit.stderr
    rij = next(csv.DictReader(io.StringIO((doel / "casussen.csv").read_text(encoding="utf-8"))))
    assert rij["besparing"] == "-12.1"


# --- klasse 9: instellingen en huisstijl ---------------------------------------------------------------------------

INSTELLINGEN = Path(__file__).resolve().parent / "data" / "instellingen"

# (fixture onder tests/data/instellingen, verwachte melding; het pad ervoor is dat van het instellingenbestand)
INSTELLINGFOUTEN = [
    pytest.param(
        "correctie-als-boolean.toml",
        ":2: correctie.hoog: verwacht een getal (met een punt als decimaalteken), gekregen ja/nee (true/false)",
        id="correctie-true",
    ),
    pytest.param(
        "seed-als-boolean.toml", ":1: seed: verwacht een geheel getal, gekregen ja/nee (true/false)", id="seed-true"
    ),
    pytest.param(
        "kleur-als-naam.toml",
        ":2: huisstijl.kleur: kleur 'red' is geen kleurcode; schrijf #rrggbb, bijvoorbeeld #1f5f8b",
        id="kleur-red",
    ),
    pytest.param(
        "prijspeil-buiten-index.toml",
        ":2: prijspeil: prijspeil 2030 staat niet in de prijsindex; kies een jaar in 2015-2017",
        id="prijspeil",
    ),
    pytest.param(
        "dubbele-tabel.toml",
        ":4: TOML-syntaxfout (kolom 11): tabel [correctie] staat twee keer in het bestand; zet alles onder één kop "
        "[correctie]",
        id="dubbele-tabel",
    ),
    pytest.param(
        "logo-buiten-de-map.toml",
        f":2: huisstijl.logo: logobestand {INSTELLINGEN}/../../../../../../../../etc/passwd is geen PNG- of "
        "JPEG-afbeelding; geef een PNG- of JPEG-bestand op",
        id="logo-passwd",
    ),
    pytest.param(
        "logo-geen-afbeelding.toml",
        f":2: huisstijl.logo: logobestand {INSTELLINGEN}/logo-is-tekst.png is geen PNG- of JPEG-afbeelding; geef "
        "een PNG- of JPEG-bestand op",
        id="logo-tekst",
    ),
    pytest.param(
        "logo-afgekapt.toml",
        f":2: huisstijl.logo: logobestand {INSTELLINGEN}/logo-afgekapt.png is geen leesbare PNG-afbeelding (kapot, "
        "afgekapt of te groot); sla het logo opnieuw op als PNG of JPEG",
        id="logo-afgekapt",
    ),
]


@pytest.mark.parametrize(("fixture", "verwacht"), INSTELLINGFOUTEN)
def test_controleer_meldt_ongeldige_instelling(
    draai: Draai, tarieven: Path, casusmap, fixture: str, verwacht: str
) -> None:  # type: ignore[no-untyped-def]
    """Een ongeldige instelling of een logo dat geen afbeelding is, noemt bestand, regel en wat wel mag; ook
    `controleer` meldt het (en zegt niet 'In orde')."""
    map_ = casusmap(casus(id="I-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    bestand = INSTELLINGEN / fixture
    uit = draai("controleer", str(map_), "--tarieven", str(tarieven), "--instellingen", str(bestand))
    assert uit.returncode == 1
    assert _fout(uit.stderr) == f"FOUT {bestand}{verwacht}"


@pytest.mark.parametrize("fixture", ["correctie-als-boolean.toml", "logo-geen-afbeelding.toml", "logo-afgekapt.toml"])
def test_rapport_met_ongeldige_instelling_schrijft_niets(
    draai: Draai, tmp_path: Path, tarieven: Path, casusmap, fixture: str
) -> None:  # type: ignore[no-untyped-def]
    """`rapport --formaat pdf` met een ongeldige instelling of logo stopt met een melding zonder traceback en
    zonder uitvoer."""
    map_ = casusmap(casus(id="I-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    uit = draai(
        "rapport", str(map_), "--tarieven", str(tarieven), "--instellingen", str(INSTELLINGEN / fixture),
        "--formaat", "pdf", "--uit", str(tmp_path / "rapporten"),
    )  # fmt: skip
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    assert f"FOUT {INSTELLINGEN / fixture}:2:" in _fout(uit.stderr)
    assert not (tmp_path / "rapporten").exists()


def test_prijspeil_van_de_optie_noemt_de_optie(draai: Draai, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een prijspeil buiten de index via `--prijspeil` noemt de optie en de jaren, niet het indexbestand."""
    map_ = casusmap(casus(id="P-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    uit = draai("bereken", str(map_), "--tarieven", str(tarieven), "--prijspeil", "2031")
    assert uit.returncode == 1
    assert (
        _fout(uit.stderr) == "FOUT --prijspeil: prijspeil 2031 staat niet in de prijsindex; kies een jaar in 2015-2017"
    )


@pytest.mark.parametrize("formaat", ["html", "pdf"])
def test_echt_logo_komt_in_het_rapport(draai: Draai, tmp_path: Path, tarieven: Path, casusmap, formaat: str) -> None:  # type: ignore[no-untyped-def]
    """Een echte PNG naast het instellingenbestand komt in het rapport (HTML als data-URI, PDF als afbeelding)."""
    map_ = casusmap(casus(id="L-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    doel = tmp_path / f"rapport.{formaat}"
    uit = draai(
        "rapport", str(map_), "--gemeente", "Beta", "--tarieven", str(tarieven), "--formaat", formaat,
        "--instellingen", str(INSTELLINGEN / "logo-goed.toml"), "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    if formaat == "html":
        assert 'src="data:image/png;base64,' in doel.read_text(encoding="utf-8")
    else:
        from pypdf import PdfReader

        assert len(PdfReader(doel).pages[0].images) == 1


@pytest.mark.parametrize(
    ("sjabloon", "verwacht"),
    [
        pytest.param(None, "--sjablonen: sjabloon 'weg.j2' niet gevonden", id="ontbrekend"),
        pytest.param("{% if %}kapot", "--sjablonen: sjabloon 'gemeente.html.j2' is ongeldig", id="kapot"),
    ],
)
def test_sjabloonfout_geeft_geen_traceback(
    draai: Draai, tmp_path: Path, tarieven: Path, casusmap, *, sjabloon: str | None, verwacht: str
) -> None:  # type: ignore[no-untyped-def]
    """Een ontbrekend of kapot eigen sjabloon geeft een melding met de sjabloonnaam, geen jinja2-traceback."""
    map_ = casusmap(casus(id="S-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    eigen = tmp_path / "sjablonen"
    eigen.mkdir()
    (eigen / "gemeente.html.j2").write_text(sjabloon or '{% include "weg.j2" %}', encoding="utf-8")
    uit = draai(
        "rapport", str(map_), "--gemeente", "Beta", "--tarieven", str(tarieven), "--sjablonen", str(eigen),
        "--uit", str(tmp_path / "r.html"),
    )  # fmt: skip
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    assert verwacht in _fout(uit.stderr)
    assert not (tmp_path / "r.html").exists()


# --- klasse 10: PDF met gewone, lange inhoud -----------------------------------------------------------------------

ZIN = "de cliënt kreeg hulp bij het huishouden en schuldhulpverlening via het sociale team in de wijk"
WOORDEN = ZIN.split(" ")


def _tekst(aantal: int) -> str:
    return " ".join(WOORDEN[i % len(WOORDEN)] for i in range(aantal))


def _pdf_tekst(pad: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    lezer = PdfReader(pad)
    return len(lezer.pages), " ".join(pagina.extract_text() for pagina in lezer.pages)


LANGE_CASUSSEN = [
    pytest.param(
        {"doelen": {"zelfredzaamheid": {"oordeel": "ja", "toelichting": _tekst(1000) + " EINDE"}}},
        id="doeltoelichting-1000-woorden",
    ),
    pytest.param(
        {"team": [{"tarief": "hulp", "aantal": 1, "toelichting": _tekst(150) + " EINDE"}]},
        id="inzettoelichting-150-woorden",
    ),
    pytest.param(
        {
            "team": [{"tarief": "hulp", "aantal": i + 1, "toelichting": f"regel {i}"} for i in range(24)]
            + [{"tarief": "hulp", "aantal": 99, "toelichting": "EINDE"}]
        },
        id="25-inzetregels",
    ),
    pytest.param({"situatie": _tekst(3000) + " EINDE"}, id="situatie-3000-woorden"),
]


@pytest.mark.parametrize("velden", LANGE_CASUSSEN)
def test_pdf_van_een_casus_met_lange_inhoud(
    draai: Draai, tmp_path: Path, tarieven: Path, casusmap, snel_toml: Path, *, velden: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    """Een lange toelichting, veel inzetregels of een lange situatie loopt over meer pagina's door (geen
    LayoutError); de laatste woorden staan in de PDF."""
    map_ = casusmap(casus(id="L-01", voor=[{"tarief": "hulp", "aantal": 1}], **velden))
    doel = tmp_path / "casus.pdf"
    uit = draai(
        "casus", str(map_), "--tarieven", str(tarieven), "--instellingen", str(snel_toml),
        "--formaat", "pdf", "--uit", str(doel),
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    paginas, tekst = _pdf_tekst(doel)
    assert paginas > 1
    assert "EINDE" in tekst


@pytest.mark.traag
def test_vergelijking_van_342_gemeenten_als_pdf(draai: Draai, tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`vergelijk --formaat pdf` over 342 gemeenten (elk één casus) geeft een PDF met de tabel over pagina's, de
    kop herhaald, en de forest plot in delen; de eerste en de laatste gemeente staan erin."""
    casusmap(
        *(
            casus(id=f"G-{i:03d}", gemeente=f"Gemeente {i:03d}", voor=[{"tarief": "hulp", "aantal": 2}])
            for i in range(342)
        )
    )
    (tmp_path / "casuskosten.toml").write_text(SNELLE_TOML, encoding="utf-8")
    doel = tmp_path / "vergelijking.pdf"
    uit = draai("vergelijk", "casussen", "--tarieven", "tarieven", "--formaat", "pdf", "--uit", str(doel), cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    paginas, tekst = _pdf_tekst(doel)
    assert paginas > 10
    assert "Gemeente 000" in tekst
    assert "Gemeente 341" in tekst
    assert tekst.count("95%-interval") > 5  # kop van de tabel herhaald op elke pagina
