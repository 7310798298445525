"""Echte invoer: YAML-tags, dubbelzinnige getallen, onzichtbare tekens, grote bestanden, mappen met kapotte links en
`--sla-ongeldige-over` geven een Nederlandse melding of het juiste aantal casussen, nooit een traceback of een stil
verkeerd getal.

De bestanden in tests/data/casussen/ heten naar hun defect; de regelnummers zijn met de hand uit die bestanden gelezen.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from casuskosten.fouten import InvoerFout, Melding
from casuskosten.invoer.casussen import laad_casussen, lees_casus
from casuskosten.invoer.tarieven import Tarieftabel, laad_tarieven
from casuskosten.pijplijn import bereken, controleer_alles
from casuskosten.uitvoer.document import Tussenkop, gemeente_document
from casuskosten.uitvoer.terminal import toon_weggelaten
from tests.conftest import PROJECT, casus

CASUSSEN = Path(__file__).resolve().parent / "data" / "casussen"
ESCAPE = "vaak meegekopieerd uit Word of een e-mail; verwijder het of typ die tekst opnieuw"
TAG = "is niet toegestaan; gebruik gewone waarden"

# (bestand, regel, veld, de volledige melding)
MELDINGEN = [
    pytest.param(
        "tag-int-op-tekst.yaml",
        12,
        "trajecten.voor_2015.inzet[0].aantal",
        f"YAML-tag '!!int' {TAG}",
        id="tag-int-op-tekst",
    ),
    pytest.param(
        "tag-bool-op-tekst.yaml", 20, "doelen.voorkomen_zwaardere_zorg", f"YAML-tag '!!bool' {TAG}", id="tag-bool"
    ),
    pytest.param("tag-timestamp.yaml", 4, "datum", f"YAML-tag '!!timestamp' {TAG}", id="tag-timestamp"),
    pytest.param("tag-str.yaml", 3, "gemeente", f"YAML-tag '!!str' {TAG}", id="tag-str"),
    pytest.param(
        "tag-float.yaml", 18, "trajecten.sociaal_team.inzet[0].aantal", f"YAML-tag '!!float' {TAG}", id="tag-float"
    ),
    pytest.param("tag-op-sleutel.yaml", 7, None, f"YAML-tag '!!str' {TAG}", id="tag-op-sleutel"),
    pytest.param(
        "anker-zonder-alias.yaml",
        7,
        None,
        "YAML-anker '&verhaal' is niet toegestaan (ankers en aliassen worden geweigerd); haal '&verhaal' weg",
        id="anker-zonder-alias",
    ),
    pytest.param(
        "aantal-zestigtallig.yaml",
        12,
        "trajecten.voor_2015.inzet[0].aantal",
        "'1:30' is dubbelzinnig (oudere YAML leest het als zestigtallig getal: 1:30 wordt 90); schrijf een gewoon "
        "getal met een punt als decimaalteken (anderhalf = 1.5)",
        id="aantal-zestigtallig",
    ),
    pytest.param(
        "vanaf-maand-met-voorloopnul.yaml",
        14,
        "trajecten.voor_2015.inzet[0].vanaf_maand",
        "'012' begint met een 0 en is dubbelzinnig (oudere YAML leest het als octaal getal); schrijf 12, of '012' "
        "tussen aanhalingstekens als tekst bedoeld is",
        id="vanaf-maand-met-voorloopnul",
    ),
    pytest.param(
        "aantal-met-liggend-streepje.yaml",
        18,
        "trajecten.sociaal_team.inzet[0].aantal",
        "'1_000' bevat een liggend streepje (_) en is dubbelzinnig; schrijf 1000 zonder scheidingsteken",
        id="aantal-met-liggend-streepje",
    ),
    pytest.param(
        "aantal-hexadecimaal.yaml",
        12,
        "trajecten.voor_2015.inzet[0].aantal",
        "'0x1F' is een hexadecimaal, octaal of binair getal en dubbelzinnig; schrijf een gewoon getal",
        id="aantal-hexadecimaal",
    ),
    pytest.param(
        "harde-spatie-inspringing.yaml",
        17,
        None,
        "U+00A0 (harde spatie) gebruikt om in te springen; YAML vraagt gewone spaties",
        id="harde-spatie-inspringing",
    ),
    pytest.param(
        "breedteloze-spatie-in-sleutel.yaml",
        7,
        None,
        f"onzichtbaar teken U+200B (breedteloze spatie) in de tekst, {ESCAPE}",
        id="breedteloze-spatie-in-sleutel",
    ),
    pytest.param(
        "regelscheiding-u2028.yaml",
        7,
        None,
        f"onzichtbaar teken U+2028 (regelscheidingsteken) in de tekst, {ESCAPE}",
        id="regelscheiding-u2028",
    ),
    pytest.param(
        "rechts-naar-links-teken.yaml",
        7,
        None,
        f"onzichtbaar teken U+202E (rechts-naar-links-forcering) in de tekst, {ESCAPE}",
        id="rechts-naar-links-teken",
    ),
    pytest.param(
        "volgende-regel-u0085.yaml", 7, None, f"onzichtbaar stuurteken U+0085 in de tekst, {ESCAPE}", id="u0085"
    ),
    pytest.param(
        "stuurteken-als-escape.yaml",
        7,
        "situatie",
        f"onzichtbaar stuurteken U+0001 in de tekst (als escape geschreven), {ESCAPE}",
        id="stuurteken-als-escape",
    ),
]
#: bestanden in tests/data/casussen/ van dit bestand die geldig zijn (met een eigen test)
GELDIG = {"id-met-voorloopnul.yaml"}
#: met twee meldingen, in een eigen test
MEER = {"vormfout-en-onbekende-tariefcode.yaml"}
BESTANDEN = {p.values[0] for p in MELDINGEN} | GELDIG | MEER


@pytest.fixture(scope="module")
def tabel() -> Tarieftabel:
    """De meegeleverde tarieftabellen."""
    return laad_tarieven(PROJECT / "tarieven")


@pytest.mark.parametrize(("bestand", "regel", "veld", "tekst"), MELDINGEN)
def test_defect_geeft_precies_deze_melding(
    bestand: str, regel: int, veld: str | None, tekst: str, tabel: Tarieftabel
) -> None:
    """Elk defect bestand geeft precies één melding met de regel, het veld en de volledige Nederlandse tekst."""
    with pytest.raises(InvoerFout) as fout:
        laad_casussen([CASUSSEN / bestand], tabel)
    assert [(m.regel, m.veld, m.tekst) for m in fout.value.meldingen] == [(regel, veld, tekst)]


def test_id_met_voorloopnul_blijft_tekst_zoals_geschreven() -> None:
    """`id: 0012` is de tekst '0012', niet het octale getal 10 ('10') of 12."""
    assert lees_casus(CASUSSEN / "id-met-voorloopnul.yaml").casus.id == "0012"


def test_getallen_in_tekstvelden_blijven_tekst_zoals_geschreven(tmp_path: Path) -> None:
    """Een getal, datum of dubbelzinnige vorm in een tekstveld (team, ingebracht_door) is de tekst zoals geschreven."""
    tekst = (CASUSSEN / "id-met-voorloopnul.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("gemeente: Teststad", "gemeente: Teststad\nteam: 1:30\ningebracht_door: 2016-05-01")
    pad = tmp_path / "t.yaml"
    pad.write_text(tekst, encoding="utf-8")
    c = lees_casus(pad).casus
    assert (c.team, c.ingebracht_door) == ("1:30", "2016-05-01")


def test_vormfout_en_onbekende_tariefcode_in_een_ronde(tabel: Tarieftabel) -> None:
    """controleer meldt een vormfout én een verschreven tariefcode van dezelfde casus in één keer."""
    controle = controleer_alles([CASUSSEN / "vormfout-en-onbekende-tariefcode.yaml"], PROJECT / "tarieven")
    assert [(m.regel, m.veld, m.tekst) for m in controle.fouten] == [
        (6, "zekerheid", "ongeldige waarde 'zeker'; kies uit: hoog, middel, laag"),
        (
            11,
            "trajecten.voor_2015.inzet[0].tarief",
            "onbekende tariefcode 'hbh_uren' voor gemeente Teststad; bedoelde u 'hbh_uur'?",
        ),
    ]


def test_te_groot_bestand_wordt_geweigerd_voor_het_lezen(tmp_path: Path) -> None:
    """Een bestand van 3 GiB (ijl, kost geen schijfruimte) wordt op zijn grootte geweigerd zonder het te lezen."""
    pad = tmp_path / "groot.yaml"
    with pad.open("wb") as f:
        f.truncate(3 * 1024**3)
    with pytest.raises(InvoerFout) as fout:
        lees_casus(pad)
    (melding,) = fout.value.meldingen
    assert melding.tekst == "bestand is 3.221.225.472 bytes; de grens is 1.048.576 bytes per casus"


def test_melding_toont_stuurtekens_als_escape() -> None:
    """Een escape-reeks uit een bestand (ESC, U+202E) komt nooit rauw op de terminal: str(Melding) toont een escape."""
    melding = Melding("a\x1b[31m.yaml", 3, "id", "onbekende tariefcode '\x1b[2J\u202ex'")
    assert str(melding) == "a\\x1b[31m.yaml:3: id: onbekende tariefcode '\\x1b[2J\\u202ex'"


# --- mappen en bestanden ---


def _geldige_map(casusmap) -> Path:  # type: ignore[no-untyped-def]
    return casusmap(casus(id="T-01", voor=[{"tarief": "hulp", "aantal": 1}]))  # type: ignore[no-any-return]


def _zoekfouten(map_: Path, tarieven: Path) -> list[tuple[str, str]]:
    with pytest.raises(InvoerFout) as fout:
        laad_casussen([map_], laad_tarieven(tarieven))
    return [(Path(m.bestand or "").name, m.tekst) for m in fout.value.meldingen]


def test_kapotte_symbolische_link_wordt_gemeld(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een link naar een bestand dat niet bestaat, wordt gemeld in plaats van stil overgeslagen."""
    map_ = _geldige_map(casusmap)
    (map_ / "weg.yaml").symlink_to("bestaat-niet.yaml")
    assert _zoekfouten(map_, tarieven) == [
        ("weg.yaml", "symbolische link wijst naar 'bestaat-niet.yaml', dat niet bestaat")
    ]


def test_link_die_naar_zichzelf_wijst_wordt_gemeld(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een link in een lus (lus.yaml -> lus.yaml) wordt gemeld."""
    map_ = _geldige_map(casusmap)
    (map_ / "lus.yaml").symlink_to("lus.yaml")
    assert _zoekfouten(map_, tarieven) == [
        ("lus.yaml", "symbolische link in een lus (de link wijst, via andere links, naar zichzelf)")
    ]


def test_maplink_naar_bovenliggende_map_wordt_gemeld(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een link naar een bovenliggende map wordt gemeld en niet eindeloos doorzocht."""
    map_ = _geldige_map(casusmap)
    (map_ / "sub").mkdir()
    (map_ / "sub" / "terug").symlink_to("..")
    assert _zoekfouten(map_, tarieven) == [
        ("terug", "symbolische link naar een bovenliggende map (een lus); verwijder de link")
    ]


def test_onleesbare_map_wordt_gemeld(
    tarieven: Path,
    casusmap,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Een map die niet te lezen is (geen rechten), wordt gemeld in plaats van stil overgeslagen."""
    map_ = _geldige_map(casusmap)
    (map_ / "geheim").mkdir()
    echt = os.listdir

    def listdir(pad: os.PathLike[str]) -> list[str]:
        if Path(pad).name == "geheim":  # de tests draaien als root; die mag alles lezen, dus de weigering nagebootst
            raise PermissionError(13, "Permission denied")
        return echt(pad)

    monkeypatch.setattr(os, "listdir", listdir)
    assert _zoekfouten(map_, tarieven) == [("geheim", "map kan niet gelezen worden: geen leesrechten")]


def test_zelfde_bestand_twee_keer_genoemd_wordt_een_keer_gelezen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`casussen` en `casussen/t-01.yaml` samen geven één casus, geen 'dubbele id'."""
    map_ = _geldige_map(casusmap)
    geladen = laad_casussen([map_, map_.resolve() / "t-01.yaml"], laad_tarieven(tarieven))
    assert [cb.casus.id for cb in geladen.casussen] == ["T-01"]


def test_controleer_op_lege_map_is_een_fout(tarieven: Path, tmp_path: Path) -> None:
    """controleer op een map zonder casussen is een fout, net als bij bereken, niet 'In orde: 0 casussen'."""
    leeg = tmp_path / "leeg"
    leeg.mkdir()
    controle = controleer_alles([leeg], tarieven)
    assert [(m.bestand, m.tekst) for m in controle.fouten] == [
        (str(leeg), "geen casusbestanden (*.yaml of *.yml) gevonden")
    ]


# --- --sla-ongeldige-over ---


def _drie_gemeenten(casusmap) -> Path:  # type: ignore[no-untyped-def]
    """Twee geldige casussen (Alfa, Beta) en één ongeldige van Alfa met drie fouten."""
    return casusmap(  # type: ignore[no-any-return]
        casus(id="A-01", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(id="B-01", gemeente="Beta", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(
            id="A-02",
            gemeente="Alfa",
            zekerheid="zeker",
            voor=[{"tarief": "hulpp", "aantal": 1}, {"tarief": "hulp", "aantal": -1}],
        ),
    )


def test_sla_over_telt_casussen_niet_meldingen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén casus met drie fouten is één weggelaten casus, met zijn drie meldingen."""
    r = bereken([_drie_gemeenten(casusmap)], tarieven, sla_ongeldige_over=True)
    assert [(o.id, o.gemeente, len(o.meldingen)) for o in r.overgeslagen] == [("A-02", "Alfa", 3)]


def test_terminal_noemt_een_casus_met_zijn_meldingen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De terminal zegt '1 casus ongeldig' en zet de meldingen onder de casus."""
    r = bereken([_drie_gemeenten(casusmap)], tarieven, sla_ongeldige_over=True)
    uit = io.StringIO()
    toon_weggelaten(Console(file=uit, width=400), r.overgeslagen, "bold")
    regels = uit.getvalue().splitlines()
    assert regels[0] == "1 casus ongeldig, overgeslagen:"
    assert regels[1].endswith("a-02.yaml (casus A-02, Alfa)")
    assert len(regels) == 5
    assert all(r.startswith("    ") for r in regels[2:])


def test_gemeenterapport_noemt_alleen_eigen_weggelaten_casussen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Het rapport van Beta noemt de weggelaten casus van Alfa niet; dat van Alfa wel."""
    r = bereken([_drie_gemeenten(casusmap)], tarieven, sla_ongeldige_over=True)
    datum = dt.date(2024, 1, 1)
    assert [o.id for o in r.overgeslagen_van("Alfa")] == ["A-02"]
    assert r.overgeslagen_van("Beta") == ()
    for gemeente, genoemd in (("Alfa", True), ("Beta", False)):
        secties = gemeente_document(r, gemeente, datum).secties
        verantwoording = next(s for s in secties if s.sleutel == "verantwoording")
        koppen = {b.tekst for b in verantwoording.blokken if isinstance(b, Tussenkop)}
        assert ("Weggelaten casussen (ongeldig)" in koppen) is genoemd


def test_weggelaten_casus_hoort_bij_de_gemeente_in_elke_spelling(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een ongeldige casus in "'s-Hertogenbosch" (rechte apostrof) staat in het rapport van "’s-Hertogenbosch"
    (gekrulde apostrof): dezelfde `namen.sleutel`, dus dezelfde gemeente, zoals de README belooft."""
    from casuskosten.uitvoer.rapporten import gemeente_rapport

    r = bereken(
        [
            casusmap(
                casus(id="DB-01", gemeente="’s-Hertogenbosch", voor=[{"tarief": "hulp", "aantal": 1}]),
                casus(id="DB-02", gemeente="'s-Hertogenbosch", zekerheid="zeker"),
                casus(id="B-01", gemeente="Beta", voor=[{"tarief": "hulp", "aantal": 1}]),
            )
        ],
        tarieven,
        sla_ongeldige_over=True,
    )
    assert [o.id for o in r.overgeslagen_van("’s-Hertogenbosch")] == ["DB-02"]
    assert [o.id for o in r.overgeslagen_van("'S-HERTOGENBOSCH")] == ["DB-02"]
    assert r.overgeslagen_van("Beta") == ()
    html = gemeente_rapport(r, "’s-Hertogenbosch", "html", dt.date(2024, 1, 1)).decode("utf-8")
    assert "Weggelaten casussen (ongeldig)" in html
    assert "casus DB-02" in html
