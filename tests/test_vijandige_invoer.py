"""Vijandige invoer blijft begrensd en onschadelijk: aliassen, grote bestanden, opmaak in gebruikerstekst,
uitvoerpaden, en rapporten zonder vrije tekst (--anoniem)."""

from __future__ import annotations

import datetime as dt
import io
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casuskosten import InvoerFout, UitvoerFout, bereken
from casuskosten.invoer.casussen import lees_casus
from casuskosten.invoer.privacy import WEGGELATEN
from casuskosten.uitvoer.bestanden import schrijf_atomair
from casuskosten.uitvoer.rapporten import casus_rapport, gemeente_rapport
from tests.conftest import Draai, casus
from tests.test_berekening import GEEN_DISCONTO

DATUM = dt.date(2026, 11, 23)

BILJOEN_LACHEN = """\
id: LOL
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_biljoen_lachen_wordt_geweigerd_bij_de_eerste_alias(tmp_path: Path) -> None:
    """Een 'billion laughs'-bestand wordt geweigerd op de regel van de eerste alias, zonder iets uit te vouwen."""
    pad = tmp_path / "lol.yaml"
    pad.write_text(BILJOEN_LACHEN, encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        lees_casus(pad)
    melding = fout.value.meldingen[0]
    assert melding.regel == 3
    assert "aliassen" in melding.tekst


def test_te_groot_bestand_wordt_geweigerd(tmp_path: Path) -> None:
    """Een casusbestand boven 1 MiB wordt niet gelezen; de melding noemt grootte en grens."""
    pad = tmp_path / "groot.yaml"
    pad.write_text("situatie: |\n" + ("  " + "x" * 100 + "\n") * 11_000, encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"de grens is 1\.048\.576 bytes"):
        lees_casus(pad)


VIJANDIG = {
    "situatie": (
        "<script>alert(1)</script> {{ 'sjabloon' ~ 'code' }} <font size=80>GROOT</font> "
        "<a href=https://x.test>klik</a> a < b & c"
    ),
    "team": "Team <b>vet</b> & {% raw %}",
    "gemeente": "Beta<i>",
    "beschrijving": "<para>alinea</para> & <br/>",
    "toelichting": "<u>onderstreept</u> 5 < 6 &amp;",
}


def _vijandige_casus(teksten: dict[str, str] = VIJANDIG) -> dict:  # type: ignore[type-arg]
    c = casus(
        id="V1",
        gemeente=teksten["gemeente"],
        situatie=teksten["situatie"],
        voor=[{"tarief": "hulp", "aantal": 10, "toelichting": teksten["toelichting"]}],
    )
    c["team"] = teksten["team"]  # de naam van het team (de helper `casus` gebruikt `team=` voor de inzet)
    c["trajecten"]["voor_2015"]["beschrijving"] = teksten["beschrijving"]
    return c


ONSCHULDIG = {k: "gewone tekst" if k != "gemeente" else "Beta" for k in VIJANDIG}


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.tekst: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)


def test_gebruikerstekst_verandert_de_html_niet(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Markup, jinja-code en losse < en & in situatie, team, gemeente, beschrijving en toelichting staan letterlijk in
    de HTML, en de pagina heeft precies dezelfde tags als met gewone tekst."""
    r = bereken([casusmap(_vijandige_casus())], tarieven, GEEN_DISCONTO)
    (tmp_path / "gewoon").mkdir()
    gewoon_map = tmp_path / "gewoon"
    import yaml

    (gewoon_map / "v1.yaml").write_text(yaml.safe_dump(_vijandige_casus(ONSCHULDIG)), encoding="utf-8")
    gewoon = bereken([gewoon_map], tarieven, GEEN_DISCONTO)
    paren = (
        (gemeente_rapport(r, "Beta<i>", "html", DATUM), gemeente_rapport(gewoon, "Beta", "html", DATUM)),
        (casus_rapport(r, "html", DATUM), casus_rapport(gewoon, "html", DATUM)),
    )
    for vijandig_html, gewoon_html in paren:
        pagina = _Tags(vijandig_html.decode())
        assert pagina.tags == _Tags(gewoon_html.decode()).tags
        tekst = " ".join(" ".join(pagina.tekst).split())
        for waarde in VIJANDIG.values():
            assert " ".join(waarde.split()) in tekst, waarde
        # uitgevoerd zou {{ 'sjabloon' ~ 'code' }} het woord sjablooncode geven; dat komt nergens anders in een rapport
        # voor (vroeger {{ 7 * 7 }} en "49" niet in de tekst: dat viel om zodra het tijdelijke pad van pytest, dat in
        # de verantwoording staat, een 49 bevatte, zoals /tmp/pytest-of-root/pytest-49/)
        assert "sjablooncode" not in tekst


def test_gebruikerstekst_verandert_de_pdf_niet(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Reportlab-opmaak (<font size=80>, <a href>, <para>) en losse < en & staan letterlijk in de PDF."""
    from pypdf import PdfReader

    r = bereken([casusmap(_vijandige_casus())], tarieven, GEEN_DISCONTO)
    pdf = casus_rapport(r, "pdf", DATUM)
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for stuk in (
        "<font size=80>GROOT</font>",
        "<a href=https://x.test>klik</a>",
        "a < b & c",
        "<para>alinea</para>",
        "<u>onderstreept</u> 5 < 6 &amp;",
    ):
        assert stuk in tekst, stuk
    assert b"/URI" not in pdf  # geen echte link uit de <a href> van de gebruiker


def test_anoniem_laat_alle_vrije_tekst_weg(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """--anoniem: situatie, beschrijving en toelichtingen staan niet in HTML of PDF; de cijfers blijven gelijk."""
    from pypdf import PdfReader

    c = casus(
        id="A1",
        situatie="Geheime situatie",
        voor=[{"tarief": "hulp", "aantal": 10, "toelichting": "Geheim1"}],
        doelen={"zelfredzaamheid": {"oordeel": "ja", "toelichting": "Geheim2"}},
        onderbouwing="Geheim3",
    )
    c["trajecten"]["sociaal_team"]["beschrijving"] = "Geheim4"
    r = bereken([casusmap(c)], tarieven, GEEN_DISCONTO).anoniem()
    html = casus_rapport(r, "html", DATUM).decode()
    pdf = casus_rapport(r, "pdf", DATUM)
    pdf_tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for geheim in ("Geheime situatie", "Geheim1", "Geheim2", "Geheim3", "Geheim4"):
        assert geheim not in html
        assert geheim not in pdf_tekst
    assert WEGGELATEN in html
    assert "€ 100" in html  # 10 uur x 10: de cijfers blijven


def test_anoniem_via_de_opdrachtregel(draai: Draai, tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`casus --anoniem` schrijft een rapport zonder de situatie."""
    map_ = casusmap(casus(id="A2", situatie="Heel persoonlijk verhaal", voor=[{"tarief": "hulp", "aantal": 1}]))
    doel = tmp_path / "a2.html"
    uit = draai(
        "casus",
        str(map_ / "a2.yaml"),
        "--tarieven",
        str(tarieven),
        "--anoniem",
        "--uit",
        str(doel),
        "--datum",
        "2026-11-23",
    )
    assert uit.returncode == 0, uit.stderr
    assert "Heel persoonlijk verhaal" not in doel.read_text(encoding="utf-8")


def test_uitvoer_via_symlink_naar_invoer_wordt_geweigerd(tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een --uit die een symbolische link naar een casusbestand is, wordt geweigerd; de casus blijft heel."""
    map_ = casusmap(casus(id="S1", voor=[{"tarief": "hulp", "aantal": 1}]))
    link = tmp_path / "uit.json"
    os.symlink(map_ / "s1.yaml", link)
    voor = (map_ / "s1.yaml").read_bytes()
    with pytest.raises(UitvoerFout, match="overschrijven"):
        schrijf_atomair(link, "{}", beschermd=(map_,))
    assert (map_ / "s1.yaml").read_bytes() == voor


def test_mislukte_uitvoer_laat_geen_half_bestand_achter(tmp_path: Path) -> None:
    """Gaat het maken van de inhoud halverwege mis, dan blijft het bestaande bestand zoals het was."""
    doel = tmp_path / "rapport.json"
    doel.write_text("oud", encoding="utf-8")

    def delen():  # type: ignore[no-untyped-def]
        yield "nieuw begin"
        raise RuntimeError("halverwege mis")

    with pytest.raises(RuntimeError):
        schrijf_atomair(doel, delen())
    assert doel.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]
