"""Eén documentmodel, twee keer getekend (issue 14): HTML en PDF delen koppen en labels, pagina 1 is voor de raad,
en geen woord of bedrag wordt in de PDF afgebroken."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from casuskosten import bereken
from casuskosten.uitvoer.document import Tabel, gemeente_document
from casuskosten.uitvoer.rapporten import gemeente_rapport
from tests.conftest import PROJECT
from tests.test_rapporten import Pagina

DATUM = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def rotterdam():  # type: ignore[no-untyped-def]
    """De meegeleverde casussen van Rotterdam met de meegeleverde tarieven (lange omschrijvingen en bronnen)."""
    return bereken([PROJECT / "casussen" / "rotterdam"], PROJECT / "tarieven")


@pytest.fixture(scope="module")
def pdf_paginas(rotterdam) -> list[str]:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    lezer = PdfReader(io.BytesIO(gemeente_rapport(rotterdam, "Rotterdam", "pdf", DATUM)))
    return [pagina.extract_text() or "" for pagina in lezer.pages]


def _woorden(tekst: str) -> set[str]:
    return set(tekst.split())


def test_html_en_pdf_hebben_dezelfde_tabelkoppen_en_labels(rotterdam, pdf_paginas: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Elke tabelkop en elk rijlabel (eerste kolom) van het documentmodel staat als <th> in de HTML en als tekst in
    de PDF: beide tekenen hetzelfde model."""
    document = gemeente_document(rotterdam, "Rotterdam", DATUM)
    tabellen = [b for s in document.secties for b in s.blokken if isinstance(b, Tabel)]
    koppen = {k for t in tabellen for k in t.koppen}
    labels = {rij[0].tekst for t in tabellen for rij in t.rijen if len(rij[0].tekst) < 40}
    html = gemeente_rapport(rotterdam, "Rotterdam", "html", DATUM).decode("utf-8")
    th = re.findall(r"<th[^>]*>(.*?)</th>", html, flags=re.S)
    html_koppen = {" ".join(re.sub(r"<[^>]+>", "", t).split()) for t in th}
    pdf = " ".join(" ".join(p.split()) for p in pdf_paginas)
    for tekst in sorted(koppen | labels):
        leesbaar = tekst.replace("&", "&amp;")
        assert leesbaar in html_koppen or tekst in Pagina(html).tekst, tekst
        assert " ".join(tekst.split()) in pdf, tekst
    for verwacht in ("Vóór 2015", "Gemeente – Wmo", "Zwaardere zorg voorkomen", "Sociaal team"):
        assert verwacht in html
        assert verwacht in pdf


def test_pagina_1_heeft_de_kernboodschap_en_geen_codes(rotterdam, pdf_paginas: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Pagina 1 van het gemeenterapport (de eerste na de omslag zonder nummer) heeft de kernboodschap, zegt "pagina 1
    van" en bevat geen woord met een underscore (geen tariefcode, waarschuwingscode of bestandsnaam)."""
    assert "pagina" not in pdf_paginas[0]  # de omslag heeft geen paginanummer
    eerste = " ".join(pdf_paginas[1].split())
    assert f"pagina 1 van {len(pdf_paginas) - 1}" in eerste
    assert " ".join(rotterdam.gemeente("Rotterdam").kernboodschap.split()) in eerste
    assert "Wat deze cijfers beperkt" in eerste
    assert "Leeswijzer" in eerste
    assert [w for w in eerste.split() if "_" in w] == []
    assert ".yaml" not in eerste


def test_geen_woord_van_een_tariefomschrijving_of_bron_wordt_afgebroken(rotterdam, pdf_paginas: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Elk woord van elke gebruikte tariefomschrijving en -bron staat heel in de PDF-tekst (geen
    "schuldhu / lpverleningstraject"), net als elke tariefcode."""
    woorden = _woorden(" ".join(pdf_paginas))
    tarieven = rotterdam.gebruikte_tarieven("Rotterdam")
    for _, t in tarieven.iterrows():
        for woord in f"{t['omschrijving']} {t['bron']}".split():
            assert woord in woorden, (woord, t["tarief"])
        assert t["tarief"] in woorden


def test_geen_bedrag_wordt_afgebroken(rotterdam, pdf_paginas: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Geen regel van de PDF eindigt op een los euroteken of op een bedrag waarvan de rest op de volgende regel
    staat: € en het bedrag staan altijd samen."""
    for pagina in pdf_paginas:
        for regel in pagina.splitlines():
            assert not regel.rstrip().endswith("€"), regel
    tekst = " ".join(pdf_paginas)
    kosten = rotterdam.casussen.set_index("id").loc["RTD-01", "kosten_voor_2015"]
    assert re.search(r"€\s7\.379", tekst), kosten  # het totaal van RTD-01 vóór 2015 (zie de bijlage)


def test_casusrapport_van_een_typische_casus_is_een_of_twee_paginas(tmp_path: Path) -> None:
    """RTD-01 (vier regels per traject) als casusrapport: hooguit twee pagina's, verantwoording en colofon
    meegeteld; de titel één keer als kop, met de kans op een besparing en de doelen."""
    from pypdf import PdfReader

    from casuskosten.uitvoer.rapporten import casus_rapport

    r = bereken([PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml"], PROJECT / "tarieven")
    lezer = PdfReader(io.BytesIO(casus_rapport(r, "pdf", DATUM)))
    paginas = [" ".join((p.extract_text() or "").split()) for p in lezer.pages]
    assert len(paginas) <= 2
    tekst = " ".join(paginas)
    assert "Verantwoording Methode" in tekst
    assert "Colofon" in tekst
    # de titel staat één keer als kop (en verder alleen in de kopregel van elke pagina), geen "Casus RTD-01 — ..."
    assert tekst.count("Casus RTD-01 (Rotterdam)") == len(paginas) + 1
    assert "Casus RTD-01 —" not in tekst
    assert "Kans dat het team voor dit huishouden goedkoper was" in tekst
    assert "Zwaardere zorg voorkomen" in tekst


def _methode(document: object) -> tuple[str, str]:
    """De tekst van de alinea onder de kop Methode van de verantwoording, en de tabel Instellingen ernaast als tekst."""
    from casuskosten.uitvoer.document import Document
    from casuskosten.uitvoer.document.blokken import Alinea, Naast

    assert isinstance(document, Document)
    sectie = next(s for s in document.secties if s.sleutel == "verantwoording")
    naast = next(b for b in sectie.blokken if isinstance(b, Naast))
    (instellingen,) = (b for b in naast.rechts if isinstance(b, Tabel))
    return next(b.tekst for b in naast.links if isinstance(b, Alinea)), " ".join(map(str, instellingen.rijen))


def test_de_methode_van_een_casusrapport_beschrijft_de_simulatie_en_geen_bootstrap() -> None:
    """Een casusrapport heeft geen interval over casussen: de methode noemt waar zijn interval en kans vandaan komen
    (de doorrekeningen, met psa_iteraties en seed) en niet de bootstrap over de casussen, die het rapport niet heeft;
    de tabel Instellingen noemt dan ook geen bootstrap_iteraties. Het gemeenterapport noemt beide."""
    from casuskosten import Instellingen
    from casuskosten.uitvoer.document import casusboek_document

    ins = Instellingen(bootstrap_iteraties=123, psa_iteraties=456, seed=7)
    r = bereken([PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml"], PROJECT / "tarieven", instellingen=ins)
    casus, casus_instellingen = _methode(casusboek_document(r, DATUM))
    assert "komen uit 456 doorrekeningen (seed 7) met onzekere tarieven en kansen" in casus
    assert "bootstrap" not in casus
    assert "bootstrap_iteraties" not in casus_instellingen
    assert "psa_iteraties" in casus_instellingen
    gemeente, gemeente_instellingen = _methode(gemeente_document(r, "Rotterdam", DATUM))
    assert "bootstrap over de casussen (123 trekkingen, seed 7)" in gemeente
    # de schatting zelf komt niet uit de simulatie (het gemiddelde bij de puntwaarden), alleen interval en kans
    assert "Het antwoord per huishouden per jaar is het gemiddelde over de casussen" in gemeente
    assert "zijn 95%-interval en de kans op een besparing komen uit 456 doorrekeningen" in gemeente
    assert "bootstrap_iteraties" in gemeente_instellingen


def _teksten(waarde: object) -> list[str]:
    """Alle tekst in een documentmodel, recursief door dataclasses, tuples en lijsten."""
    import dataclasses

    if isinstance(waarde, str):
        return [waarde]
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return [t for veld in dataclasses.fields(waarde) for t in _teksten(getattr(waarde, veld.name))]
    if isinstance(waarde, tuple | list):
        return [t for deel in waarde for t in _teksten(deel)]
    return []


def test_geen_tekst_in_een_rapport_bevat_een_onopgevuld_sjabloonveld(rotterdam) -> None:  # type: ignore[no-untyped-def]
    """Geen `{f.aandeel(c.hoog)}` of ander Python-veld in gemeenterapport, casusboek of vergelijking: een zin die over
    twee regels is gesplitst, verloor eens zijn f-voorvoegsel en stond zo in de verantwoording."""
    from casuskosten.uitvoer.document import casusboek_document, vergelijking_document

    documenten = [
        gemeente_document(rotterdam, "Rotterdam", DATUM),
        casusboek_document(rotterdam, DATUM),
        vergelijking_document(rotterdam, DATUM),
    ]
    teksten = [t for d in documenten for t in _teksten(d)]
    assert any("De zekerheidscorrectie verlaagt de kosten vóór 2015 met 0%" in t for t in teksten)
    assert [t for t in teksten if re.search(r"\{[A-Za-z_][^}]*\}", t)] == []


def _waarden(waarde: object) -> list[object]:
    """Elke waarde in een documentmodel, recursief door dataclasses, tuples en lijsten."""
    import dataclasses

    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return [waarde, *(w for veld in dataclasses.fields(waarde) for w in _waarden(getattr(waarde, veld.name)))]
    if isinstance(waarde, tuple | list):
        return [w for deel in waarde for w in _waarden(deel)]
    return [waarde]


def test_het_documentmodel_draagt_geen_reportlab_tekeningen(rotterdam) -> None:  # type: ignore[no-untyped-def]
    """Geen waarde in een document komt uit reportlab: een grafiek is een beschrijving (cijfers, titel,
    tekstalternatief) die pdf.py en html.py elk zelf tekenen. En geen module van het documentmodel importeert
    reportlab."""
    import ast

    from casuskosten.uitvoer import document
    from casuskosten.uitvoer.document import Figuur, casusboek_document, vergelijking_document

    documenten = [
        gemeente_document(rotterdam, "Rotterdam", DATUM),
        casusboek_document(rotterdam, DATUM),
        vergelijking_document(rotterdam, DATUM),
    ]
    waarden = [w for d in documenten for w in _waarden(d)]
    # trajecten, financiers, kanscurve, doelen, tornado, forest
    assert sum(isinstance(w, Figuur) for w in waarden) == 6
    assert [w for w in waarden if type(w).__module__.startswith("reportlab")] == []
    for bestand in Path(document.__file__).parent.glob("*.py"):
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import | ast.ImportFrom):
                namen = [a.name for a in knoop.names] + [getattr(knoop, "module", None) or ""]
                assert not any(n.startswith("reportlab") for n in namen), bestand.name


def test_een_lange_forest_plot_is_in_de_pdf_in_delen_en_in_html_een_grafiek(rotterdam) -> None:  # type: ignore[no-untyped-def]
    """Dezelfde beschrijving van 61 gemeenten: de PDF tekent drie delen van hooguit 30 (een tekening kan niet over
    een pagina heen), de HTML één SVG; alle delen hebben dezelfde as."""
    from casuskosten.uitvoer import grafieken
    from casuskosten.uitvoer.document import Forest, Schatting

    beeld = Forest(
        tuple(Schatting(f"Gemeente {i}", float(i), (i - 10.0, i + 10.0)) for i in range(61)),
        "#1f5f8b",
    )
    delen = grafieken.pagina_delen(beeld)
    assert len(delen) == 3
    assert [d.height for d in delen[:2]] == [delen[0].height] * 2 > [delen[2].height]

    def aslabels(tekening: object) -> list[str]:
        return [s.text for s in tekening.contents if getattr(s, "text", "").startswith("€")]  # type: ignore[attr-defined]

    assert aslabels(delen[0]) == aslabels(delen[2])
    # de eerste 30 alleen reiken tot 39: de as is die van alle 61 (tot 70, dus een streepje bij 80)
    assert any(label.replace("\u00a0", " ") == "€ 80" for label in aslabels(delen[0]))
    assert grafieken.als_svg(beeld, "forest", "Titel", "Uitleg").count("<svg") == 1


def test_tabellen_en_figuren_zijn_doorgenummerd_met_titel_en_bron(rotterdam, pdf_paginas: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Elke tabel met titel en elke grafiek heeft een nummer, 1, 2, 3 ... in leesvolgorde, en een bronregel; de
    eerste tabel is de kerncijfertabel op pagina 1, de eerste grafiek de kanscurve; HTML en PDF noemen ze gelijk."""
    from casuskosten.uitvoer.document import Figuur
    from casuskosten.uitvoer.document.blokken import Naast

    document = gemeente_document(rotterdam, "Rotterdam", DATUM)
    # in leesvolgorde, ook de blokken naast elkaar (de instellingen naast de methode): eerst links, dan rechts
    blokken = [
        x
        for s in document.secties
        for b in s.blokken
        for x in ((*b.links, *b.rechts) if isinstance(b, Naast) else (b,))
    ]
    tabellen = [b for b in blokken if isinstance(b, Tabel) and b.bijschrift]
    figuren = [b.grafiek for b in blokken if isinstance(b, Figuur)]
    assert [t.nummer for t in tabellen] == list(range(1, len(tabellen) + 1))
    assert [g.nummer for g in figuren] == list(range(1, len(figuren) + 1))
    assert all(t.bron.startswith("Bron: ") for t in tabellen)
    assert all(g.bron.startswith("Bron: ") for g in figuren)
    html = gemeente_rapport(rotterdam, "Rotterdam", "html", DATUM).decode("utf-8")
    assert "<caption>Tabel 1. Kerncijfers</caption>" in html
    assert "Figuur 1. Hoe zeker is een besparing van minstens een bepaald bedrag?" in html
    pdf = " ".join(" ".join(p.split()) for p in pdf_paginas)
    assert "Tabel 1. Kerncijfers" in " ".join(pdf_paginas[1].split())
    assert "Figuur 1. Hoe zeker is een besparing van minstens een bepaald bedrag?" in pdf
    assert "Bron: 8 casussen van Rotterdam, beprijsd met de gebruikte tarieven (zie Verantwoording)." in pdf


def test_een_lang_tornadolabel_wordt_over_regels_verdeeld_niet_afgekapt() -> None:
    """Een aanname van 80 tekens staat heel in de tekening van het tornadodiagram, over twee regels, zonder "…"."""
    from reportlab.graphics.shapes import String

    from casuskosten.uitvoer.document import Tornado, Tornadobalk
    from casuskosten.uitvoer.grafieken import tornado

    naam = "Prijs: Professioneel sociaal wijkteam met een heel lange omschrijving van de inzet"
    d = tornado(Tornado((Tornadobalk(naam, -100.0, 300.0),), 100.0, "#1f5f8b"))
    teksten = [e.text for e in d.contents if isinstance(e, String)]
    assert not any("…" in t for t in teksten)
    regels = [t for t in teksten if t and t in naam]
    assert " ".join(regels) == naam
    assert len(regels) == 2
