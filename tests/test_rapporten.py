"""Rapporten: het gemeenterapport en het casusboek in HTML (en PDF), gelezen met een parser.

Verwachte cijfers uit tests/test_berekening.py (prijspeil 2015, discontovoet 0): casus A kost vóór 2015 € 1.540 en
met het sociaal team € 230, besparing 85,1%; gemeente Beta (A en B) € 1.660 en € 430, besparing 74,1%.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from casuskosten import bereken
from casuskosten.fouten import CasuskostenFout
from casuskosten.invoer.sjablonen import meegeleverd
from casuskosten.uitvoer.rapporten import casus_rapport, gemeente_rapport, vergelijk_rapport
from tests.conftest import Draai, casus, schrijf_casussen, schrijf_tarieven
from tests.test_berekening import CASUS_A, CASUS_B, CASUS_C, GEEN_DISCONTO

DATUM = dt.date(2026, 11, 23)


class Pagina(HTMLParser):
    """Leest een HTML-pagina: de zichtbare tekst, alle tags, de tabellen en de figuren."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.stukken: list[str] = []
        self.attributen: list[tuple[str, dict[str, str | None]]] = []
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributen.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not (self._in and self._in[-1] in ("style", "title", "desc")):
            self.stukken.append(data)

    @property
    def tekst(self) -> str:
        """Alle zichtbare tekst, met enkele spaties."""
        return " ".join(" ".join(self.stukken).split())


def _gemeente_html(resultaat, gemeente: str = "Beta") -> str:  # type: ignore[no-untyped-def]
    return gemeente_rapport(resultaat, gemeente, "html", DATUM).decode("utf-8")


# de tests met `resultaat` en `beta_html` lezen die alleen: één keer rekenen en opmaken per module
@pytest.fixture(scope="module")
def abc_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Een map met casussen/ (A en B in Beta, C in Alfa) en tarieven/ (de ronde testtarieven)."""
    basis = tmp_path_factory.mktemp("abc")
    schrijf_casussen(basis / "casussen", CASUS_A, CASUS_B, CASUS_C)
    schrijf_tarieven(basis / "tarieven")
    return basis


@pytest.fixture(scope="module")
def resultaat(abc_map: Path):  # type: ignore[no-untyped-def]
    return bereken([abc_map / "casussen"], abc_map / "tarieven", GEEN_DISCONTO)


@pytest.fixture(scope="module")
def beta_html(resultaat) -> str:  # type: ignore[no-untyped-def]
    """Het HTML-rapport van Beta."""
    return _gemeente_html(resultaat)


def test_gemeenterapport_toont_de_cijfers_in_nederlandse_notatie(beta_html: str) -> None:
    """Het rapport van Beta noemt de sommen (€ 1.660, € 430), de besparing 74,1% en casus A (€ 1.540, 85,1%)."""
    tekst = Pagina(beta_html).tekst
    assert "Maatschappelijke businesscase sociaal team Beta" in tekst
    for verwacht in ("€ 1.660", "€ 430", "€ 1.230", "74,1%", "€ 1.540", "€ 230", "85,1%", "-66,7%"):
        assert verwacht in tekst, verwacht
    assert "23 november 2026" in tekst
    assert "Prijspeil 2015" in tekst


def test_samenvatting_in_gewone_woorden(beta_html: str) -> None:
    """De samenvatting zegt in hoeveel casussen het sociaal team goedkoper was, noemt de sommen als ondersteunend
    cijfer, en zegt dat twee casussen te weinig zijn voor een uitspraak (geen interval, geen kans)."""
    tekst = Pagina(beta_html).tekst
    assert "In 1 van de 2 casussen was de aanpak van het sociaal team goedkoper" in tekst
    assert "Ondersteunend, uit de sommen: samen kostten de casussen met het sociaal team € 1.230 minder" in tekst
    # Beta per huishouden per jaar na correctie: (1028 - 80) / 2 = 474
    assert "Per huishouden per jaar bespaarde het sociaal team na correctie gemiddeld € 474." in tekst
    assert "geen uitspraak over de gemeente" in tekst
    assert "geen bootstrapinterval" in tekst
    assert "minder dan 10" in tekst  # de waarschuwing weinig_casussen


def test_gemeenterapport_heeft_alle_secties(beta_html: str) -> None:
    """Samenvatting, trajecten, financiers, doelen, gevoeligheid, overzicht, bijlagen en verantwoording."""
    tekst = Pagina(beta_html).tekst
    for kop in (
        "Samenvatting",
        "De casussen: beide trajecten",
        "Wie investeert, wie bespaart",
        "Doelen",
        "Gevoeligheid",
        "Overzicht van de casussen",
        "Bijlagen: de casussen",
        "Verantwoording",
    ):
        assert kop in tekst, kop
    assert "Casus A — Beta" in tekst
    assert "Casus C" not in tekst  # C hoort bij Alfa


def test_verantwoording_noemt_tarieven_bron_en_sha256(beta_html: str, abc_map: Path) -> None:
    """Elke gebruikte tariefrij staat er met prijs, jaar, financier, betrouwbaarheid, bron en regel in de tabel;
    elk invoerbestand van de gemeente met zijn SHA-256.

    Met de hand uit conftest.TARIEVEN_CSV (regel 1 is de kop): Beta (A en B, tariefjaar 2016) gebruikt de landelijke
    hulp van 2015 (regel 2, € 10 per uur), zwaar (regel 5, € 100 per dag, aanname) en maatje (regel 6, € 5 per uur);
    hulp van 2017 (regel 3, € 20) en de Alfa-rij (regel 4, € 15) niet. De SHA-256 is die van de bytes op schijf,
    hier los van casuskosten met hashlib berekend; c.yaml hoort bij Alfa en staat er niet in."""
    tekst = Pagina(beta_html).tekst
    tarieven, casussen = abc_map / "tarieven", abc_map / "casussen"
    test_csv = tarieven / "test.csv"
    # de rijen op code (hulp, maatje, zwaar) citeren hun bron met een nummer: "test" is bron 1 (hulp en maatje),
    # "aanname: test" bron 2 (zwaar); de bronnen staan elk één keer in de tabel erna
    for rij in (
        f"Hulp bij het huishouden hulp € 10,00 / uur 2015 Gemeente – Wmo hoog bron 1 {test_csv}:2",
        f"Jeugdhulp met verblijf zwaar € 100,00 / dag 2015 Gemeente – Jeugd laag bron 2 {test_csv}:5",
        f"Vrijwilliger maatje € 5,00 / uur 2015 Vrijwillige inzet middel bron 1 {test_csv}:6",
        "Nr. Bron van de tarieven 1 test 2 aanname: test",
    ):
        assert rij in tekst, rij
    assert f"{test_csv}:3" not in tekst
    assert f"{test_csv}:4" not in tekst
    for pad in (casussen / "a.yaml", casussen / "b.yaml", test_csv, tarieven / "prijsindex.csv"):
        sha = hashlib.sha256(pad.read_bytes()).hexdigest()
        assert f"{pad.parent.name}/{pad.name} {sha}" in tekst, pad.name
    assert hashlib.sha256((casussen / "c.yaml").read_bytes()).hexdigest() not in tekst
    assert "casuskosten 0." in tekst


def test_tabellen_hebben_echte_koppen_en_grafieken_een_tekstalternatief(beta_html: str) -> None:
    """Elke tabel heeft <th>-koppen; elke grafiek is een <figure> met <figcaption> en twee inline <svg>'s (breed en
    smal) met één <title>: beide verwijzen met aria-labelledby naar id's die in de pagina staan."""
    html = beta_html
    pagina = Pagina(html)
    assert pagina.tags.count("table") > 5
    tabellen = re.findall(r"<table.*?</table>", html, flags=re.DOTALL)
    assert all(re.search(r"<thead><tr><th scope=\"col\"", tabel) for tabel in tabellen)
    figuren = pagina.tags.count("figure")
    assert figuren >= 4
    assert pagina.tags.count("figcaption") == figuren
    assert pagina.tags.count("svg") == 2 * figuren
    svgs = [a for tag, a in pagina.attributen if tag == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    # de <title> van een grafiek (die van de pagina heeft geen id)
    titels = [a["id"] for tag, a in pagina.attributen if tag == "title" and a.get("id")]
    assert len(titels) == figuren
    bestaand = {a["id"] for _, a in pagina.attributen if a.get("id")}
    assert all(set(a["aria-labelledby"].split()) <= bestaand for a in svgs)
    # elke grafiek heeft eigen id's: geen gedeeld knipvlak tussen grafieken
    ids = [a["id"] for _, a in pagina.attributen if a.get("id")]
    assert len(ids) == len(set(ids))


def test_html_is_zelfstandig(beta_html: str) -> None:
    """Geen externe verzoeken: geen <script>, <link> of src/href naar buiten."""
    pagina = Pagina(beta_html)
    assert "script" not in pagina.tags
    assert "link" not in pagina.tags
    for _, attrs in pagina.attributen:
        for naam in ("src", "href"):
            waarde = attrs.get(naam) or ""
            assert not waarde.startswith(("http:", "https:", "//")), waarde


def test_gebruikerstekst_wordt_letterlijk_getoond(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`<script>` in de situatie of een toelichting wordt geëscapet en verschijnt letterlijk als tekst."""
    kwaad = casus(
        id="X",
        situatie="<script>alert('x')</script> & <b>vet</b>",
        voor=[{"tarief": "hulp", "aantal": 1, "toelichting": "<img src=x onerror=alert(1)>"}],
        doelen={"zelfredzaamheid": {"oordeel": "deels", "toelichting": "</td><script>"}},
    )
    r = bereken([casusmap(kwaad)], tarieven, GEEN_DISCONTO)
    for html in (_gemeente_html(r), casus_rapport(r, "html", DATUM).decode("utf-8")):
        pagina = Pagina(html)
        assert "script" not in pagina.tags
        assert "img" not in pagina.tags
        assert "b" not in pagina.tags
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in html
        assert "<script>alert('x')</script> & <b>vet</b>" in pagina.tekst
        assert "<img src=x onerror=alert(1)>" in pagina.tekst


def test_zelfde_invoer_en_datum_geeft_dezelfde_bytes(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Twee keer rekenen en renderen met dezelfde --datum geeft byte voor byte hetzelfde HTML-bestand."""
    map_ = casusmap(CASUS_A, CASUS_B, CASUS_C)
    eerste = bereken([map_], tarieven, GEEN_DISCONTO)
    tweede = bereken([map_], tarieven, GEEN_DISCONTO)
    assert gemeente_rapport(eerste, "Beta", "html", DATUM) == gemeente_rapport(tweede, "Beta", "html", DATUM)
    assert casus_rapport(eerste, "html", DATUM) == casus_rapport(tweede, "html", DATUM)


def test_gemeente_met_een_casus(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een gemeente met één casus geeft een rapport (zonder interval, met enkelvoud 'casus')."""
    r = bereken([casusmap(CASUS_A)], tarieven, GEEN_DISCONTO)
    tekst = Pagina(_gemeente_html(r)).tekst
    assert "In 1 van de 1 casus was de aanpak" in tekst
    assert "85,1%" in tekst


@pytest.mark.traag
def test_gemeente_met_honderd_casussen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """100 casussen: alle in het overzicht en als bijlage; de trajectgrafiek is in delen van 30 gesplitst."""
    casussen = [
        casus(
            id=f"H-{i:03d}",
            voor=[{"tarief": "hulp", "aantal": 10 + i}],
            team=[{"tarief": "maatje", "aantal": i % 7}],
        )
        for i in range(100)
    ]
    r = bereken([casusmap(*casussen)], tarieven, GEEN_DISCONTO)
    html = _gemeente_html(r)
    pagina = Pagina(html)
    assert "In 100 van de 100 casussen" in pagina.tekst
    assert pagina.tekst.count("Casus H-0") == 100
    assert "(deel 4 van 4)" in pagina.tekst
    assert html.count('id="figuur-trajecten-') == 4


def test_casusboek_met_inhoudsopgave(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Meerdere casussen geven een casusboek met inhoud en links naar elke casus; één casus geen inhoud."""
    pagina = Pagina(casus_rapport(resultaat, "html", DATUM).decode("utf-8"))
    assert "Casusboek Alfa en Beta: 3 casussen" in pagina.tekst  # de gemeenten op alfabet
    assert "Inhoud" in pagina.tekst
    links = {a.get("href") for tag, a in pagina.attributen if tag == "a"}
    assert {"#casus-A", "#casus-B", "#casus-C"} <= links


def test_casusrapport_toont_beide_trajecten_en_doelen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén casus: situatie, per regel omschrijving, aantal, prijs, kosten en financier, de totalen en de doelen."""
    r = bereken([casusmap(CASUS_A)], tarieven, GEEN_DISCONTO)
    tekst = Pagina(casus_rapport(r, "html", DATUM).decode("utf-8")).tekst
    assert "Casus A (Beta)" in tekst
    assert "Inhoud" not in tekst
    assert "Een illustratieve testcasus." in tekst
    assert "Hulp bij het huishouden" in tekst
    assert "2 per week, 52 keer" in tekst
    assert "€ 10,00 / uur" in tekst
    assert "€ 1.040,00" in tekst
    assert "€ 500,00" in tekst  # zwaar, kans 50%
    assert "kans 50%" in tekst
    assert "Gemeente – Jeugd" in tekst  # financier per regel, met de naam uit benamingen
    assert "geen verblijf nodig" in tekst  # toelichting bij een doel
    assert "Zwaardere zorg voorkomen ja" in tekst


def test_rapport_cli_een_bestand_per_gemeente(
    draai: Draai, tmp_path: Path, tarieven: Path, casusmap, snel_toml: Path
) -> None:  # type: ignore[no-untyped-def]
    """Zonder --gemeente schrijft `rapport` één HTML-bestand per gemeente in de map --uit."""
    map_ = casusmap(CASUS_A, CASUS_B, CASUS_C)
    doel = tmp_path / "rapporten"
    uit = draai(
        "rapport", str(map_), "--tarieven", str(tarieven), "--instellingen", str(snel_toml),
        "--uit", str(doel), "--datum", "2026-11-23",
    )  # fmt: skip
    assert uit.returncode == 0, uit.stderr
    assert sorted(p.name for p in doel.iterdir()) == ["alfa.html", "beta.html"]


def test_rapport_cli_weigert_uitvoer_in_de_casusmap(draai: Draai, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een rapport in de casusmap wordt geweigerd (exitcode 1) en er wordt niets geschreven."""
    map_ = casusmap(CASUS_A)
    uit = draai("rapport", str(map_), "--tarieven", str(tarieven), "--gemeente", "Beta", "--uit", str(map_ / "r.html"))
    assert uit.returncode == 1
    assert "overschrijven" in uit.stderr
    assert not (map_ / "r.html").exists()


def test_onbekende_gemeente_noemt_de_bekende(draai: Draai, tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`--gemeente Betaa` is een fout met een suggestie en de gemeenten die er wel zijn."""
    map_ = casusmap(CASUS_A)
    uit = draai("rapport", str(map_), "--tarieven", str(tarieven), "--gemeente", "Betaa", "--uit", str(tmp_path / "r"))
    assert uit.returncode == 1
    assert "bedoelde u 'Beta'?" in uit.stderr


def test_eigen_sjablonen(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Met --sjablonen gaat een eigen sjabloon vóór het meegeleverde; de andere komen uit het pakket."""
    eigen = tmp_path / "sjablonen"
    eigen.mkdir()
    basis = meegeleverd("casuskosten.uitvoer", "_basis.html.j2")
    (eigen / "_basis.html.j2").write_text(basis.replace("<main>", "<main><p>Adviesbureau Voorbeeld</p>"))
    html = gemeente_rapport(resultaat, "Beta", "html", DATUM, eigen).decode("utf-8")
    assert "Adviesbureau Voorbeeld" in html


def test_kapot_eigen_sjabloon_is_een_melding_met_sjabloon_en_regel(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Een syntaxfout in een eigen sjabloon is een CasuskostenFout die het sjabloon en de regel noemt."""
    eigen = tmp_path / "sjablonen"
    eigen.mkdir()
    (eigen / "gemeente.html.j2").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(CasuskostenFout) as fout:
        gemeente_rapport(resultaat, "Beta", "html", DATUM, eigen)
    tekst = str(fout.value)
    assert "gemeente.html.j2" in tekst
    assert ":2:" in tekst or "regel 2" in tekst


# --- PDF ---------------------------------------------------------------------------------------------------------


def _pdf_tekst(pdf: bytes) -> str:
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((pagina.extract_text() or "").split()) for pagina in lezer.pages)


def test_pdf_gemeenterapport_bevat_de_cijfers(resultaat) -> None:  # type: ignore[no-untyped-def]
    """De PDF van Beta heeft dezelfde cijfers en zinnen als de HTML, in Nederlandse notatie."""
    tekst = _pdf_tekst(gemeente_rapport(resultaat, "Beta", "pdf", DATUM))
    for verwacht in (
        "Maatschappelijke businesscase sociaal team Beta",
        "In 1 van de 2 casussen was de aanpak van het sociaal team goedkoper",
        "€ 1.660",
        "74,1%",
        "Casus A — Beta",
        "€ 1.540",
        "85,1%",
        "23 november 2026",
        "Verantwoording",
        "aanname: test",
        resultaat.casusbestand("A").document.sha256,
    ):
        assert verwacht in tekst, verwacht


def test_pdf_toont_gebruikerstekst_letterlijk(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Opmaaktekens in de situatie (<b>, &, <script>) breken de PDF niet en staan er letterlijk in."""
    kwaad = casus(id="X", situatie="<script>alert('x')</script> & <b>vet</b> <para>")
    r = bereken([casusmap(kwaad)], tarieven, GEEN_DISCONTO)
    tekst = _pdf_tekst(casus_rapport(r, "pdf", DATUM))
    assert "<script>alert('x')</script> & <b>vet</b> <para>" in tekst


def test_pdf_zelfde_invoer_en_datum_geeft_dezelfde_bytes(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Met dezelfde datum geeft twee keer renderen byte voor byte dezelfde PDF (de tijdstempel is de datum)."""
    map_ = casusmap(CASUS_A, CASUS_B, CASUS_C)
    eerste = bereken([map_], tarieven, GEEN_DISCONTO)
    tweede = bereken([map_], tarieven, GEEN_DISCONTO)
    assert gemeente_rapport(eerste, "Beta", "pdf", DATUM) == gemeente_rapport(tweede, "Beta", "pdf", DATUM)
    assert casus_rapport(eerste, "pdf", DATUM) == casus_rapport(tweede, "pdf", DATUM)


@pytest.mark.traag
def test_pdf_gemeente_met_een_en_met_honderd_casussen(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """De PDF werkt voor één casus en voor 100 casussen (elke casus als bijlage, grafieken passen op een pagina)."""
    een = bereken([casusmap(CASUS_A)], tarieven, GEEN_DISCONTO)
    assert "In 1 van de 1 casus" in _pdf_tekst(gemeente_rapport(een, "Beta", "pdf", DATUM))
    honderd = [casus(id=f"H-{i:03d}", voor=[{"tarief": "hulp", "aantal": 10 + i}]) for i in range(100)]
    map_ = tmp_path / "honderd"
    map_.mkdir()
    for c in honderd:
        (map_ / f"{c['id']}.yaml").write_text(yaml.safe_dump(c, allow_unicode=True), encoding="utf-8")
    r = bereken([map_], tarieven, GEEN_DISCONTO)
    tekst = _pdf_tekst(gemeente_rapport(r, "Beta", "pdf", DATUM))
    assert "In 100 van de 100 casussen" in tekst
    assert tekst.count("Casus H-") == 100
    assert "(deel 4 van 4)" in tekst


def test_pdf_casusboek_heeft_inhoudsopgave_en_bladwijzers(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Het casusboek heeft een inhoudsopgave met paginanummers en een bladwijzer per casus."""
    from pypdf import PdfReader

    pdf = casus_rapport(resultaat, "pdf", DATUM)
    tekst = _pdf_tekst(pdf)
    assert "Inhoud" in tekst
    assert "Casus A — Beta" in tekst
    bladwijzers = [b.title for b in PdfReader(io.BytesIO(pdf)).outline if not isinstance(b, list)]
    assert bladwijzers[:3] == ["Casus A — Beta", "Casus B — Beta", "Casus C — Alfa"]


def test_pdf_inhoudsopgave_noemt_de_juiste_paginas(resultaat) -> None:  # type: ignore[no-untyped-def]
    """Elk paginanummer in de inhoudsopgave is het gedrukte nummer van de pagina waar de bladwijzer van die casus
    naartoe wijst: de omslag telt niet mee, dus één lager dan de hoeveelste pagina van het bestand."""
    import re

    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(casus_rapport(resultaat, "pdf", DATUM)))
    echt = {b.title: lezer.get_destination_page_number(b) for b in lezer.outline if not isinstance(b, list)}
    inhoud = lezer.pages[0].extract_text()  # titel en inhoudsopgave staan samen op de omslag
    # elke regel: de titel, puntjes en het paginanummer ("Casus A — Beta . . . . 2")
    genoemd = {
        m.group(1): int(m.group(2))
        for r in inhoud.splitlines()
        if (m := re.fullmatch(r"(Casus \S+ — \S+)[ .]*?(\d+)", r.strip()))
    }
    assert list(genoemd) == ["Casus A — Beta", "Casus B — Beta", "Casus C — Alfa"]
    assert genoemd == {k: v for k, v in echt.items() if k.startswith("Casus")}
    assert "99999" not in inhoud


# --- vergelijking --------------------------------------------------------------------------------------------------


def test_vergelijking_zet_alle_gemeenten_naast_elkaar(resultaat) -> None:  # type: ignore[no-untyped-def]
    """De vergelijking noemt elke gemeente met de besparing per huishouden per jaar na correctie, en tekent de forest
    plot (HTML en PDF).

    Beta (A middel, B hoog): per huishouden per jaar (1028 - 80) / 2 = 474; Alfa (C, hoog): 150 x 100/110 = 136.
    Met 2 en 1 casussen: geen kans.
    """
    html = vergelijk_rapport(resultaat, "html", DATUM).decode("utf-8")
    pagina = Pagina(html)
    assert "Sociale teams vergeleken" in pagina.tekst
    assert "Alfa" in pagina.tekst
    assert "€ 474" in pagina.tekst  # Beta
    assert "€ 136" in pagina.tekst  # Alfa
    assert "Alle gemeenten" in pagina.tekst
    assert 'id="figuur-forest"' in html
    pdf = _pdf_tekst(vergelijk_rapport(resultaat, "pdf", DATUM))
    assert "€ 474" in pdf
    assert "€ 136" in pdf
    assert "Alfa" in pdf


def test_vergelijk_en_rapport_pdf_via_de_opdrachtregel(draai: Draai, tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`vergelijk --formaat pdf` en `rapport --formaat pdf` schrijven geldige PDF-bestanden."""
    map_ = casusmap(CASUS_A, CASUS_B, CASUS_C)
    opties = ["--tarieven", str(tarieven), "--datum", "2026-11-23", "--formaat", "pdf"]
    uit = draai("vergelijk", str(map_), *opties, "--uit", str(tmp_path / "v.pdf"))
    assert uit.returncode == 0, uit.stderr
    assert (tmp_path / "v.pdf").read_bytes().startswith(b"%PDF-")
    uit = draai("rapport", str(map_), *opties, "--gemeente", "alfa", "--uit", str(tmp_path / "alfa.pdf"))
    assert uit.returncode == 0, uit.stderr
    assert "Casus C — Alfa" in _pdf_tekst((tmp_path / "alfa.pdf").read_bytes())


def test_huisstijl_organisatie_logo_en_kleur(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """[huisstijl] zet organisatie (geëscapet), logo (als data-URI) en hoofdkleur in HTML en organisatie in de PDF."""
    from PIL import Image

    from casuskosten import Instellingen
    from casuskosten.invoer.instellingen import Huisstijl

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 20), "#7a1f5c").save(logo)
    stijl = Huisstijl(organisatie="Bureau <Voorbeeld> & Co", logo=str(logo), kleur="#7a1f5c")
    r = bereken([casusmap(CASUS_A)], tarieven, Instellingen(prijspeil=2015, discontovoet=0, huisstijl=stijl))
    html = gemeente_rapport(r, "Beta", "html", DATUM).decode("utf-8")
    assert "Bureau &lt;Voorbeeld&gt; &amp; Co" in html
    assert 'src="data:image/png;base64,' in html
    assert "--kleur: #7a1f5c" in html
    assert "Bureau <Voorbeeld> & Co" in _pdf_tekst(gemeente_rapport(r, "Beta", "pdf", DATUM))


@pytest.mark.traag
def test_pdf_casusboek_gelijk_in_verschillende_processen(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Twee processen met een andere hash-seed maken byte voor byte hetzelfde casusboek (met inhoudsopgave)."""
    import os
    import subprocess
    import sys

    map_ = casusmap(CASUS_A, CASUS_B, CASUS_C)
    uitkomsten = []
    for seed in ("1", "2"):
        doel = tmp_path / f"boek-{seed}.pdf"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "casuskosten",
                "casus",
                str(map_),
                "--tarieven",
                str(tarieven),
                "--formaat",
                "pdf",
                "--uit",
                str(doel),
                "--datum",
                "2026-11-23",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        uitkomsten.append(doel.read_bytes())
    assert uitkomsten[0] == uitkomsten[1]


def test_weggelaten_casussen_staan_in_rapport_en_export(draai: Draai, tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Met --sla-ongeldige-over noemen het rapport (HTML en PDF) en de export welke casus is weggelaten en waarom."""
    import csv

    from pypdf import PdfReader

    map_ = casusmap(CASUS_A, casus(id="KAPOT", voor=[{"tarief": "bestaat_niet", "aantal": 1}]))
    r = bereken([map_], tarieven, GEEN_DISCONTO, sla_ongeldige_over=True)
    html = gemeente_rapport(r, "Beta", "html", DATUM).decode()
    assert "Weggelaten casussen (ongeldig)" in html
    assert "kapot.yaml" in html
    assert "onbekende tariefcode &#39;bestaat_niet&#39;" in html
    pdf = PdfReader(io.BytesIO(gemeente_rapport(r, "Beta", "pdf", DATUM)))
    assert "kapot.yaml" in " ".join(p.extract_text() for p in pdf.pages)
    uit = draai(
        "export",
        str(map_),
        "--tarieven",
        str(tarieven),
        "--formaat",
        "csv",
        "--uit",
        str(tmp_path / "t"),
        "--sla-ongeldige-over",
    )
    assert uit.returncode == 0, uit.stderr
    assert "kapot.yaml" in uit.stderr
    with (tmp_path / "t" / "waarschuwingen.csv").open(encoding="utf-8") as bestand:
        rijen = [rij for rij in csv.DictReader(bestand) if rij["code"] == "casus_weggelaten"]
    assert len(rijen) == 1
    assert "kapot.yaml" in rijen[0]["melding"]


@pytest.mark.parametrize(
    ("titel", "verwacht"),
    [
        pytest.param("Oordeel per doel", "<em>Figuur 5. Oordeel per doel.</em>", id="punt-erbij"),
        pytest.param("Hoe zeker is een besparing?", "<em>Figuur 5. Hoe zeker is een besparing?</em>", id="vraagteken"),
    ],
)
def test_onderschrift_van_een_grafiek_krijgt_een_punt_maar_niet_na_een_vraagteken(titel: str, verwacht: str) -> None:
    """Na de titel in het onderschrift komt een punt, tenzij de titel al op een leesteken eindigt (was: "... bepaald
    bedrag?.")."""
    from casuskosten.uitvoer.document import Grafiek
    from casuskosten.uitvoer.document.blokken import Oordelen, OordelenPerDoel
    from casuskosten.uitvoer.html import omgeving

    env = omgeving()
    env.globals["vaknaam"] = str
    blokken = env.get_template("_blokken.html.j2").module
    beeld = OordelenPerDoel((Oordelen("Integrale aanpak", 3, 1, 1, 0),))
    html = str(blokken.figuur(Grafiek("doelen", titel, "Uitleg.", beeld, nummer=5)))  # type: ignore[attr-defined]
    assert verwacht in html
