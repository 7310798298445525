"""Vijandige invoer, ronde drie (issue 24, de rest): geen Infinity in JSON, geen "-0", uitvoer nooit op een gelezen
bestand (logo, sjabloon, instellingen, tarieven, casus), geen verborgen casusbestanden, signalen, namen die geen UTF-8
zijn en tekens die YAML niet kan dragen. Elk geval met de melding of uitkomst die het moet geven."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

import casuskosten
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

#: het meegeleverde HTML-sjabloon, in de map van het pakket: voor de opdrachten zonder --sjablonen het sjabloon dat
#: elke volgende `rapport` leest
PAKKETSJABLOON = Path(casuskosten.__file__).parent / "uitvoer" / "templates" / "gemeente.html.j2"

#: per gelezen invoer: het pad voor --uit (in de werkmap) en wat de weigering erover zegt (na het volledige pad)
_LOGO = (
    "logo.png",
    "het logo uit de instellingen",
    "kies een andere naam (het logo uit de instellingen wordt alleen gelezen)",
)
_SJABLOON = ("sjablonen/gemeente.html.j2", "een sjabloon", "kies een pad buiten de sjablonenmap (--sjablonen)")
_PAKKET = (
    str(PAKKETSJABLOON),
    "een meegeleverd bestand van casuskosten",
    (
        "kies een pad buiten de map van het pakket (de meegeleverde sjablonen, lettertypen en tarieven worden "
        "alleen gelezen)"
    ),
)
_INSTELLINGEN = (
    "casuskosten.toml",
    "het instellingenbestand",
    "kies een andere naam (het instellingenbestand wordt alleen gelezen)",
)
_TARIEF = ("tarieven/test.csv", "een tariefbestand", "kies een pad buiten de tariefmap")
_CASUS = ("casussen/a-01.yaml", "een casusbestand", "kies een pad buiten de casusmappen")
_INVOER = ["casussen", "--tarieven", "tarieven", "--instellingen", "casuskosten.toml", "--werkers", "1"]

#: elke opdracht met een uitvoeroptie (--uit) die invoer leest; zie `test_elke_uitvoeroptie_staat_in_de_lijst`
_MET_UIT = {
    "bereken-json": ["bereken", *_INVOER, "--json"],
    "bereken-tabellen": ["bereken", *_INVOER],
    "schema": ["schema", "--tarieven", "tarieven"],
    "rapport": ["rapport", *_INVOER, "--gemeente", "Alfa", "--sjablonen", "sjablonen"],
    "rapport-pdf": ["rapport", *_INVOER, "--gemeente", "Alfa", "--formaat", "pdf", "--sjablonen", "sjablonen"],
    "casus": ["casus", *_INVOER, "--sjablonen", "sjablonen"],
    "vergelijk": ["vergelijk", *_INVOER, "--sjablonen", "sjablonen"],
    "export-xlsx": ["export", *_INVOER, "--formaat", "xlsx"],
    "export-json": ["export", *_INVOER, "--formaat", "json"],
}
#: de opdrachten zonder --sjablonen lezen het meegeleverde sjabloon (bereken en export niet, maar de volgende
#: rapport wel: het pakket is voor elke opdracht beschermd)
_ZONDER_SJABLONEN = {"bereken-json", "bereken-tabellen", "schema", "export-xlsx", "export-json"}


def _gevallen() -> list[object]:
    gevallen = []
    for naam, opdracht in _MET_UIT.items():
        sjabloon = _PAKKET if naam in _ZONDER_SJABLONEN else _SJABLOON
        for soort, doel in (
            ("casus", _CASUS),
            ("tarief", _TARIEF),
            ("instellingen", _INSTELLINGEN),
            ("logo", _LOGO),
            ("sjabloon", sjabloon),
        ):
            gevallen.append(pytest.param(opdracht, doel, id=f"{naam}-op-{soort}"))
    return gevallen


@pytest.fixture
def pakketsjabloon_terug() -> Iterator[None]:
    """Zet het meegeleverde sjabloon na de test terug zoals het was, mocht de bescherming ooit falen: een test die
    dat aantoont, mag de broncode niet beschadigen."""
    voor = PAKKETSJABLOON.read_bytes()
    try:
        yield
    finally:
        if PAKKETSJABLOON.read_bytes() != voor:
            PAKKETSJABLOON.write_bytes(voor)


@pytest.mark.parametrize(("opdracht", "doel"), _gevallen())
@pytest.mark.usefixtures("pakketsjabloon_terug")
def test_uitvoer_op_gelezen_invoer_wordt_geweigerd_met_wat_het_is(
    opdracht: list[str], doel: tuple[str, str, str], draai: Draai, werkmap: Path
) -> None:
    """Elke opdracht met --uit weigert een casus, een tariefbestand, het instellingenbestand, het logo uit de
    instellingen en een sjabloon (het eigen sjabloon, of het meegeleverde voor wie geen --sjablonen heeft): FOUT met
    het pad, wat dat bestand is en wat wel mag; exit 1, en geen bestand veranderd of bijgekomen."""
    uit_pad, wat, geldig = doel
    voor = _inhoud(werkmap)
    sjabloon = PAKKETSJABLOON.read_bytes()
    uit = draai(*opdracht, "--uit", uit_pad, cwd=werkmap)
    assert uit.returncode == 1, uit.stderr
    assert uit.stderr.strip() == (
        f"FOUT {uit_pad}: --uit: uitvoer zou {wat} ({(werkmap / uit_pad).resolve()}) overschrijven; {geldig}"
    )
    assert _inhoud(werkmap) == voor
    assert PAKKETSJABLOON.read_bytes() == sjabloon


@pytest.mark.parametrize("doel", [_CASUS, _TARIEF, _INSTELLINGEN, _LOGO, _SJABLOON], ids=lambda d: d[0])
def test_nieuw_overschrijft_geen_enkel_bestaand_bestand(
    doel: tuple[str, str, str], draai: Draai, werkmap: Path
) -> None:
    """`nieuw --uit` op een casus, tariefbestand, instellingenbestand, logo of sjabloon: FOUT, want nieuw schrijft
    nooit over een bestaand bestand; niets veranderd."""
    uit_pad = doel[0]
    voor = _inhoud(werkmap)
    uit = draai("nieuw", "--gemeente", "Alfa", "--uit", uit_pad, cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        f"FOUT {uit_pad}: --uit: bestand bestaat al; kies een ander --id of --uit (nieuw overschrijft nooit een "
        "bestaand bestand)"
    )
    assert _inhoud(werkmap) == voor


@pytest.mark.parametrize("doel", [_CASUS, _TARIEF, _INSTELLINGEN, _LOGO, _SJABLOON], ids=lambda d: d[0])
def test_tarieven_kopieren_overschrijft_geen_enkel_bestaand_bestand(
    doel: tuple[str, str, str], draai: Draai, werkmap: Path
) -> None:
    """`tarieven --kopieer` naar een van die bestanden: FOUT (de kopie is een nieuwe of lege map, en nooit in de
    tariefmap waaruit gekopieerd wordt); niets veranderd."""
    uit_pad = doel[0]
    voor = _inhoud(werkmap)
    uit = draai("tarieven", "--tarieven", "tarieven", "--kopieer", uit_pad, cwd=werkmap)
    assert uit.returncode == 1
    reden = (
        f"uitvoer zou invoer ({(werkmap / 'tarieven').resolve()}) overschrijven; kies een map buiten de tariefmap "
        "waaruit gekopieerd wordt"
        if doel == _TARIEF  # in de bronmap: dat gaat voor
        else "bestaat al en is geen lege map; kies een nieuwe map (casuskosten overschrijft nooit tarieven)"
    )
    assert uit.stderr.strip() == f"FOUT {uit_pad}: --kopieer: {reden}"
    assert _inhoud(werkmap) == voor


def test_schema_met_een_kapot_instellingenbestand_schrijft_en_spaart_het_bestand(draai: Draai, werkmap: Path) -> None:
    """`schema` gebruikt de instellingen niet: een kapot casuskosten.toml (regel 1 zonder '=') is geen fout, het
    schema wordt geschreven; alleen `--uit casuskosten.toml` wordt geweigerd (het logo staat er niet leesbaar in)."""
    (werkmap / "casuskosten.toml").write_text("kapot\n", encoding="utf-8")
    goed = draai("schema", "--tarieven", "tarieven", "--uit", "casus.schema.json", cwd=werkmap)
    assert goed.returncode == 0, goed.stderr
    assert (werkmap / "casus.schema.json").read_text(encoding="utf-8").startswith("{")
    fout = draai("schema", "--tarieven", "tarieven", "--uit", "casuskosten.toml", cwd=werkmap)
    assert fout.returncode == 1
    assert fout.stderr.strip().startswith(
        f"FOUT casuskosten.toml: --uit: uitvoer zou het instellingenbestand ({werkmap / 'casuskosten.toml'}) "
        "overschrijven"
    )
    assert (werkmap / "casuskosten.toml").read_text(encoding="utf-8") == "kapot\n"


def test_een_instellingenbestand_dat_er_nog_niet_is_wordt_niet_geschreven(draai: Draai, werkmap: Path) -> None:
    """Zonder casuskosten.toml is `--uit casuskosten.toml` toch geweigerd (de volgende opdracht zou de JSON als
    instellingen lezen), met een melding die niet van overschrijven spreekt; er komt geen bestand bij."""
    (werkmap / "casuskosten.toml").unlink()
    uit = draai("bereken", "casussen", "--tarieven", "tarieven", "--json", "--uit", "casuskosten.toml", cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        f"FOUT casuskosten.toml: --uit: uitvoer zou het instellingenbestand ({werkmap / 'casuskosten.toml'}) worden, "
        "dat een volgende opdracht leest; kies een andere naam (het instellingenbestand wordt alleen gelezen)"
    )
    assert not (werkmap / "casuskosten.toml").exists()


def test_elke_uitvoeroptie_staat_in_de_lijst() -> None:
    """Elke opdracht met een optie die een pad schrijft (--uit, --kopieer) staat in een van de tests hierboven, en
    geen andere opdracht heeft er een: een nieuwe opdracht met --uit valt hier op tot hij een test heeft."""
    import typer

    from casuskosten.cli import app

    groep = typer.main.get_command(app)
    assert isinstance(groep, typer.core.TyperGroup)
    met_uitvoer = {
        naam
        for naam, opdracht in groep.commands.items()
        if any({"--uit", "--kopieer"} & set(param.opts) for param in opdracht.params)
    }
    assert met_uitvoer == {opdracht[0] for opdracht in _MET_UIT.values()} | {"nieuw", "tarieven"}


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


# --- 6. een bestandsnaam die geen UTF-8 is ------------------------------------------------------------------------


@pytest.fixture
def vreemde_namen(werkmap: Path) -> Path:
    """De werkmap met de casus als casussen/b"\\xff-a.yaml" en de tarieftabel als tarieven/b"\\xfe.csv": op Linux
    geldige namen, maar geen UTF-8 (Python geeft ze met losse surrogaten)."""
    casussen, tarieven = os.fsencode(werkmap / "casussen"), os.fsencode(werkmap / "tarieven")
    os.rename(os.path.join(casussen, b"a-01.yaml"), os.path.join(casussen, b"\xff-a.yaml"))
    os.rename(os.path.join(tarieven, b"test.csv"), os.path.join(tarieven, b"\xfe.csv"))
    return werkmap


@pytest.mark.parametrize(
    ("opdracht", "uit"),
    [
        pytest.param(["bereken"], None, id="terminal"),
        pytest.param(["bereken", "--json"], None, id="json-stdout"),
        pytest.param(["bereken", "--json"], "x.json", id="json-bestand"),
        pytest.param(["export", "--formaat", "xlsx"], "x.xlsx", id="xlsx"),
        pytest.param(["export", "--formaat", "csv"], "csv", id="csv"),
        pytest.param(["rapport", "--gemeente", "Alfa"], "a.html", id="html"),
        pytest.param(["casus"], "c.html", id="casusboek-html"),
        pytest.param(["rapport", "--gemeente", "Alfa", "--formaat", "pdf"], "a.pdf", id="pdf", marks=pytest.mark.traag),
        pytest.param(["casus", "--formaat", "pdf"], "c.pdf", id="casusboek-pdf", marks=pytest.mark.traag),
    ],
)
def test_een_naam_die_geen_utf8_is_laat_geen_uitvoer_vallen(
    opdracht: list[str], uit: str | None, draai: Draai, vreemde_namen: Path
) -> None:
    """Elke uitvoer wordt geschreven (exit 0); in de JSON staan de namen met het vervangingsteken U+FFFD, zoals elke
    uitvoer ze toont: casussen/\ufffd-a.yaml en tarieven/\ufffd.csv."""
    import json

    (soort, *rest) = opdracht
    extra = ["--uit", uit] if uit else []
    uitkomst = draai(soort, *_INVOER, *rest, *extra, cwd=vreemde_namen)
    assert uitkomst.returncode == 0, uitkomst.stderr
    if uit is not None:
        assert (vreemde_namen / uit).exists()
    if uit in (None, "x.json") and "--json" in rest:
        tekst = uitkomst.stdout if uit is None else (vreemde_namen / uit).read_text(encoding="utf-8")
        data = json.loads(tekst)
        assert data["invoerbestanden"][0]["bestand"] == "casussen/\ufffd-a.yaml"
        assert data["casussen"][0]["regels"][0]["tarief_bestand"] == "tarieven/\ufffd.csv"


def test_een_verborgen_naam_die_geen_utf8_is_wordt_leesbaar_gemeld(draai: Draai, werkmap: Path) -> None:
    """Ook in een waarschuwing staat een onleesbare naam met U+FFFD: casussen/.\ufffd.yaml."""
    bron = (werkmap / "casussen" / "a-01.yaml").read_bytes()
    with open(os.path.join(os.fsencode(werkmap / "casussen"), b".\xff.yaml"), "wb") as uit:
        uit.write(bron)
    uitkomst = draai("controleer", *_INVOER, cwd=werkmap)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "casussen/.\ufffd.yaml: verborgen bestand" in uitkomst.stdout


#: een uitvoermap b"uit\\xfd" (op Linux een geldige naam, geen UTF-8); Python geeft hem als "uit\\udcfd"
_UIT = os.fsdecode(b"uit\xfd")


@pytest.mark.parametrize(
    ("opdracht", "doel", "regel"),
    [
        pytest.param(["bereken", *_INVOER, "--json"], "x.json", "JSON geschreven naar uit\ufffd/x.json", id="json"),
        pytest.param(["bereken", *_INVOER], "x.txt", "Tabellen geschreven naar uit\ufffd/x.txt", id="tabellen"),
        pytest.param(["schema"], "s.json", "Schema geschreven naar uit\ufffd/s.json", id="schema"),
        pytest.param(
            ["nieuw", "--gemeente", "Alfa"], "a.yaml", "Nieuwe casus geschreven: uit\ufffd/a.yaml.", id="nieuw"
        ),
        pytest.param(
            ["tarieven", "--tarieven", "tarieven", "--kopieer"],
            "t",
            "Tarieven gekopieerd naar uit\ufffd/t:",
            id="kopie",
        ),
        pytest.param(
            ["export", *_INVOER, "--formaat", "xlsx"],
            "x.xlsx",
            "Export (xlsx) geschreven naar uit\ufffd/x.xlsx",
            id="xlsx",
        ),
        pytest.param(
            ["export", *_INVOER, "--formaat", "csv"], "csv", "Export (csv) geschreven naar uit\ufffd/csv/ (", id="csv"
        ),
        pytest.param(
            ["rapport", *_INVOER, "--gemeente", "Alfa"],
            "a.html",
            "Rapport geschreven: {map}/uit\ufffd/a.html",
            id="gemeenterapport",
        ),
        pytest.param(
            ["rapport", *_INVOER],
            "rapporten",
            "Rapport geschreven: {map}/uit\ufffd/rapporten/alfa.html",
            id="gemeenterapporten",
        ),
        pytest.param(["casus", *_INVOER], "c.html", "Rapport geschreven: {map}/uit\ufffd/c.html", id="casusboek"),
        pytest.param(
            ["vergelijk", *_INVOER], "v.html", "Vergelijking geschreven: {map}/uit\ufffd/v.html", id="vergelijking"
        ),
    ],
)
def test_een_uitvoerpad_dat_geen_utf8_is_staat_met_u_fffd_in_de_melding(
    opdracht: list[str], doel: str, regel: str, draai: Draai, werkmap: Path
) -> None:
    """Na het schrijven naar de map b"uit\\xfd" noemt elke opdracht het pad met U+FFFD, zoals elke melding een
    onleesbare naam toont, en nooit als losse surrogaat (`\\udcfd` op stderr, een ruwe byte op stdout)."""
    optie = [] if opdracht[-1] == "--kopieer" else ["--uit"]
    uitkomst = draai(*opdracht, *optie, f"{_UIT}/{doel}", cwd=werkmap)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert os.path.exists(os.path.join(os.fsencode(werkmap), b"uit\xfd", os.fsencode(doel)))
    tekst = uitkomst.stdout + uitkomst.stderr
    assert regel.format(map=werkmap.resolve()) in tekst
    assert "\\udcfd" not in tekst
    assert "\udcfd" not in tekst


def test_een_foutmelding_over_een_uitvoerpad_dat_geen_utf8_is_toont_u_fffd(draai: Draai, werkmap: Path) -> None:
    """`--uit uit\\xfd/x.json/y` terwijl uit\\xfd/x.json een bestand is: de FOUT noemt het pad met U+FFFD."""
    os.mkdir(os.path.join(os.fsencode(werkmap), b"uit\xfd"))
    with open(os.path.join(os.fsencode(werkmap), b"uit\xfd", b"x.json"), "wb"):
        pass
    uitkomst = draai("bereken", *_INVOER, "--json", "--uit", f"{_UIT}/x.json/y", cwd=werkmap)
    assert uitkomst.returncode == 1
    assert uitkomst.stderr.strip() == (
        "FOUT uit\ufffd/x.json/y: --uit: kan niet schrijven: een deel van het pad is geen map"
    )


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        pytest.param(os.fsdecode(b"\xe2\x82.yaml"), "\ufffd.yaml", id="afgekapt-teken-is-een-vervanging"),
        pytest.param(os.fsdecode(b"a\xff\xfeb"), "a\ufffd\ufffdb", id="twee-losse-bytes"),
        pytest.param("\udcff\ud800", "\ufffd\ud800", id="met-een-andere-surrogaat"),
        pytest.param("gewoon/é.yaml", "gewoon/é.yaml", id="utf8-blijft"),
    ],
)
def test_leesbare_naam_vervangt_elk_byte_dat_geen_utf8_is(naam: str, verwacht: str) -> None:
    """Zoals UTF-8 met `errors="replace"`: een afgekapt teken (twee bytes van drie) wordt één U+FFFD, twee losse
    bytes twee; staat er ook een surrogaat in die niet van een byte komt, dan toch geen traceback."""
    from casuskosten.fouten import leesbare_naam

    assert leesbare_naam(naam) == verwacht


# --- 5. SIGTERM en SIGHUP ruimen op zoals Ctrl-C ---------------------------------------------------------------

#: `bereken --json --uit nieuw/diep/x.json`, waarbij het schrijven na het eerste stuk JSON wacht tot het signaal komt:
#: zo staat het tijdelijke bestand er gegarandeerd als het signaal komt (geen geluk met de timing)
_TRAAG_SCHRIJVEN = """
import sys, time
from casuskosten import cli
from casuskosten.rekenen.resultaat import Resultaat
echt = Resultaat.json_delen
def traag(self):
    delen = echt(self)
    yield next(delen)
    print("bezig", flush=True)
    time.sleep(60)
    yield from delen
Resultaat.json_delen = traag
cli.main(sys.argv[1:])
"""


@pytest.mark.traag
@pytest.mark.parametrize(("signaal", "naam"), [(15, "SIGTERM"), (1, "SIGHUP")], ids=["sigterm", "sighup"])
def test_een_signaal_midden_in_het_schrijven_laat_niets_achter(signaal: int, naam: str, werkmap: Path) -> None:
    """Een echt SIGTERM of SIGHUP terwijl het tijdelijke bestand half geschreven is: het tijdelijke bestand en de
    mappen nieuw/ en nieuw/diep/ die casuskosten zelf maakte, zijn weg; exitcode 128 + signaal (143 of 129) en één
    Nederlandse regel, zonder traceback."""
    import subprocess
    import sys

    proces = subprocess.Popen(
        [sys.executable, "-c", _TRAAG_SCHRIJVEN, "bereken", *_INVOER, "--json", "--uit", "nieuw/diep/x.json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=werkmap,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    )
    try:
        assert proces.stdout is not None
        assert proces.stdout.readline() == "bezig\n"
        # "bezig" komt pas als het eerste stuk JSON naar het tijdelijke bestand is gegaan: dat staat er dus al
        tijdelijk = list((werkmap / "nieuw" / "diep").glob(".x.json.*.tmp"))
        assert len(tijdelijk) == 1
        proces.send_signal(signaal)
        _, fouten = proces.communicate(timeout=60)
    finally:
        proces.kill()
    assert proces.returncode == 128 + signaal
    assert fouten.strip().splitlines()[-1] == f"Beëindigd ({naam}); er is niets half geschreven."
    assert "Traceback" not in fouten
    assert not (werkmap / "nieuw").exists()


def test_na_een_opdracht_zijn_de_oude_signaalhandlers_terug(draai: Draai, werkmap: Path) -> None:
    """`cli.main` vanuit Python (een notebook, een test) laat de SIGTERM-handler van de aanroeper staan."""
    import signal

    voor = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    draai("controleer", *_INVOER, cwd=werkmap)
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == voor


def test_tarieven_kopieren_in_de_bronmap_wordt_geweigerd(draai: Draai, werkmap: Path) -> None:
    """`tarieven --tarieven tarieven --kopieer tarieven/kopie` zou een kopie ín de invoer zetten: FOUT, exit 1, en de
    tariefmap blijft zoals hij was."""
    voor = _inhoud(werkmap / "tarieven")
    uit = draai("tarieven", "--tarieven", "tarieven", "--kopieer", "tarieven/kopie", cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        f"FOUT tarieven/kopie: --kopieer: uitvoer zou invoer ({(werkmap / 'tarieven').resolve()}) overschrijven; kies "
        "een map buiten de tariefmap waaruit gekopieerd wordt"
    )
    assert _inhoud(werkmap / "tarieven") == voor
    assert sorted(p.name for p in (werkmap / "tarieven").iterdir()) == ["prijsindex.csv", "test.csv"]


@pytest.mark.parametrize(
    ("doel", "reden"),
    [
        ("tarieven/test.csv", "uitvoer zou een tariefbestand ({tarieven}/test.csv) overschrijven"),
        (
            "tarieven/schema.json",
            "uitvoer hoort niet in de tariefmap ({tarieven}): daar staat invoer die het zou kunnen overschrijven",
        ),
    ],
    ids=["op-een-tariefbestand", "nieuw-bestand-in-de-tariefmap"],
)
def test_schema_in_de_tariefmap_wordt_geweigerd(doel: str, reden: str, draai: Draai, werkmap: Path) -> None:
    """`schema --tarieven tarieven --uit tarieven/...` schrijft niet in de tabel die het las: een bestaand
    tariefbestand wordt bij naam genoemd, een nieuw bestand in de map noemt de map."""
    voor = _inhoud(werkmap)
    uit = draai("schema", "--tarieven", "tarieven", "--uit", doel, cwd=werkmap)
    assert uit.returncode == 1
    assert uit.stderr.strip() == (
        f"FOUT {doel}: --uit: {reden.format(tarieven=(werkmap / 'tarieven').resolve())}; kies een pad buiten de "
        "tariefmap"
    )
    assert _inhoud(werkmap) == voor


# --- audit: een geheel getal van duizenden cijfers (Python's grens op int-tekst) in elke invoer ----------------------

_VIJFDUIZEND = "9" * 5000


def test_een_getal_van_duizenden_cijfers_in_een_casus_is_een_fout(draai: Draai, werkmap: Path) -> None:
    """`aantal: 999...` (5.000 cijfers) gaf een ValueError van int(); nu een FOUT met regel en veld, en het getal
    afgekort (20 tekens en de lengte)."""
    pad = werkmap / "casussen" / "a-01.yaml"
    tekst = pad.read_text(encoding="utf-8")
    assert "aantal: 2\n" in tekst
    pad.write_text(tekst.replace("aantal: 2\n", f"aantal: {_VIJFDUIZEND}\n", 1), encoding="utf-8")
    uit = draai("controleer", *_INVOER, cwd=werkmap)
    assert uit.returncode == 1
    assert (
        f"FOUT casussen/a-01.yaml:13: trajecten.voor_2015.inzet[0].aantal: '{'9' * 20}... (5000 tekens)' is een getal "
        "van 5000 cijfers; een getal heeft er hier hooguit 15 vóór de komma (een tikfout of een geplakte reeks?)"
    ) in uit.stderr
    assert "Traceback" not in uit.stderr


def test_een_getal_van_duizenden_cijfers_in_de_instellingen_is_een_fout(draai: Draai, werkmap: Path) -> None:
    """`bootstrap_iteraties = 999...` in het instellingenbestand: FOUT met bestand en regel."""
    (werkmap / "casuskosten.toml").write_text(f"bootstrap_iteraties = {_VIJFDUIZEND}\n", encoding="utf-8")
    uit = draai("controleer", *_INVOER, cwd=werkmap)
    assert uit.returncode == 1
    assert (
        "FOUT casuskosten.toml:1: de waarde is een getal van 5000 cijfers; een getal heeft er hier hooguit 15 vóór "
        "de komma (een tikfout of een geplakte reeks?)"
    ) in uit.stderr


def test_een_prijs_van_duizenden_cijfers_in_een_tarieftabel_is_een_fout(draai: Draai, werkmap: Path) -> None:
    """Een prijs van 5.000 cijfers in tarieven/test.csv: FOUT die het getal van 5000 cijfers noemt, geen traceback."""
    pad = werkmap / "tarieven" / "test.csv"
    regels = pad.read_text(encoding="utf-8").splitlines()
    velden = regels[1].split(",")
    velden[3] = _VIJFDUIZEND  # de kolom prijs
    pad.write_text("\n".join([regels[0], ",".join(velden), *regels[2:]]) + "\n", encoding="utf-8")
    uit = draai("controleer", *_INVOER, cwd=werkmap)
    assert uit.returncode == 1
    assert "is een getal van 5000 cijfers; een getal heeft er hier hooguit 15 vóór de komma" in uit.stderr
    assert "FOUT tarieven/test.csv:2" in uit.stderr
    assert "Traceback" not in uit.stderr
