"""Elke PDF is toegankelijk en archiveerbaar (issue 25): getagd (PDF/UA-1) en PDF/A-2a, gelezen met pikepdf.

De structuurboom heeft koppen, alinea's, lijsten, tabellen met kopcellen en figuren met het tekstalternatief uit het
documentmodel; de taal is nl, de titel wordt getoond, alle letters zijn ingebed en de XMP-metadata noemen PDF/A-2a
en PDF/UA-1. Tekst met Typst-opmaaktekens uit een casus staat letterlijk in de PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from casuskosten import bereken
from casuskosten.uitvoer.document import (
    Document,
    Figuur,
    Naast,
    Sectie,
    casusboek_document,
    gemeente_document,
    vergelijking_document,
)
from casuskosten.uitvoer.pdf import teken
from casuskosten.uitvoer.rapporten import casus_rapport
from tests.conftest import PROJECT, casus
from tests.test_berekening import GEEN_DISCONTO

DATUM = dt.date(2026, 3, 9)


@pytest.fixture(scope="module")
def rotterdam():  # type: ignore[no-untyped-def]
    """De meegeleverde casussen van Rotterdam: alle soorten blokken komen in het gemeenterapport voor."""
    return bereken([PROJECT / "casussen" / "rotterdam"], PROJECT / "tarieven")


@pytest.fixture(scope="module")
def documenten(rotterdam) -> dict[str, Document]:  # type: ignore[no-untyped-def]
    return {
        "gemeente": gemeente_document(rotterdam, "Rotterdam", DATUM),
        "casusboek": casusboek_document(rotterdam, DATUM),
        "vergelijking": vergelijking_document(rotterdam, DATUM),
    }


@pytest.fixture(scope="module")
def pdfs(documenten: dict[str, Document]) -> dict[str, bytes]:
    return {soort: teken(d) for soort, d in documenten.items()}


def _knopen(knoop: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Alle structuurelementen onder `knoop`, in leesvolgorde."""
    kinderen = knoop.get("/K")
    if kinderen is None:
        return
    for kind in kinderen if isinstance(kinderen, pikepdf.Array) else [kinderen]:
        if isinstance(kind, pikepdf.Dictionary) and "/S" in kind:
            yield kind
            yield from _knopen(kind)


def _tags(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return list(_knopen(pdf.Root.StructTreeRoot))


def _grafieken(blokken: object) -> Iterator[Figuur]:
    for blok in blokken:  # type: ignore[attr-defined]
        if isinstance(blok, Figuur):
            yield blok
        elif isinstance(blok, Naast):
            yield from _grafieken((*blok.links, *blok.rechts))


def _beschrijvingen(document: Document) -> list[str]:
    secties: tuple[Sectie, ...] = document.secties
    return [f.grafiek.beschrijving for s in secties for f in _grafieken(s.blokken)]


SOORTEN = ["gemeente", "casusboek", "vergelijking"]


@pytest.mark.parametrize("soort", SOORTEN)
def test_pdf_is_getagd_met_taal_nl_en_getoonde_titel(pdfs: dict[str, bytes], documenten, soort: str) -> None:  # type: ignore[no-untyped-def]
    """Elke PDF heeft een structuurboom, /MarkInfo /Marked true, /Lang nl en toont de titel van het rapport."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "nl"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title) == documenten[soort].titel
        assert _tags(pdf)[0].S == "/Document"


def test_gemeenterapport_heeft_alle_soorten_tags(pdfs: dict[str, bytes]) -> None:
    """Het gemeenterapport heeft koppen op twee niveaus, alinea's, lijsten met punten, tabellen met kop- en gewone
    cellen en figuren in zijn structuurboom."""
    with pikepdf.open(io.BytesIO(pdfs["gemeente"])) as pdf:
        soorten = {str(t.S) for t in _tags(pdf)}
    assert {"/Title", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure"} <= soorten


@pytest.mark.parametrize("soort", SOORTEN)
def test_koppen_slaan_geen_niveau_over(pdfs: dict[str, bytes], soort: str) -> None:
    """De koppen beginnen bij H1 en gaan nooit meer dan één niveau dieper dan de vorige kop (PDF/UA)."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        niveaus = [int(str(t.S)[2:]) for t in _tags(pdf) if str(t.S)[:2] == "/H" and str(t.S)[2:].isdigit()]
    assert niveaus[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(niveaus)), niveaus


@pytest.mark.parametrize("soort", SOORTEN)
def test_elke_tabel_heeft_een_kopregel(pdfs: dict[str, bytes], soort: str) -> None:
    """Elke tabel in de structuurboom heeft kopcellen (TH) in zijn eerste rij."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        tabellen = [t for t in _tags(pdf) if t.S == "/Table"]
        assert tabellen
        for tabel in tabellen:
            eerste_rij = next(t for t in _knopen(tabel) if t.S == "/TR")
            cellen = eerste_rij.K if isinstance(eerste_rij.K, pikepdf.Array) else [eerste_rij.K]
            assert {str(c.S) for c in cellen} == {"/TH"}


@pytest.mark.parametrize("soort", ["gemeente", "vergelijking"])  # het casusboek heeft geen grafieken
def test_elke_figuur_heeft_het_tekstalternatief_uit_het_documentmodel(  # type: ignore[no-untyped-def]
    pdfs: dict[str, bytes], documenten, soort: str
) -> None:
    """Elke Figure heeft een /Alt; die van de grafieken zijn hun beschrijving uit het documentmodel, in volgorde."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        alts = [str(t.get("/Alt", "")) for t in _tags(pdf) if t.S == "/Figure"]
    assert alts
    assert all(a.strip() for a in alts)
    beschrijvingen = _beschrijvingen(documenten[soort])
    assert beschrijvingen
    # een lange grafiek staat in delen, elk met titel, 'deel i van n' en de beschrijving
    eindes = [next((b for b in beschrijvingen if a.endswith(b)), None) for a in alts]
    assert None not in eindes
    assert [b for i, b in enumerate(eindes) if i == 0 or eindes[i - 1] != b] == beschrijvingen


def _letters(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Elk lettertype op elke pagina, ook in vormen (de SVG-grafieken)."""
    gezien: set[tuple[int, int]] = set()

    def uit(bronnen: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        for letter in bronnen.get("/Font", {}).values():
            if letter.objgen not in gezien:
                gezien.add(letter.objgen)
                yield letter
        for vorm in bronnen.get("/XObject", {}).values():
            if vorm.get("/Subtype") == "/Form" and vorm.objgen not in gezien:
                gezien.add(vorm.objgen)
                yield from uit(vorm.get("/Resources", pikepdf.Dictionary()))

    for pagina in pdf.pages:
        yield from uit(pagina.Resources)


@pytest.mark.parametrize("soort", SOORTEN)
def test_alle_letters_zijn_ingebed(pdfs: dict[str, bytes], soort: str) -> None:
    """Elk lettertype heeft zijn letterbestand in de PDF (FontFile, FontFile2 of FontFile3); geen Helvetica of
    Courier van de lezer."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        letters = list(_letters(pdf))
        assert letters
        for letter in letters:
            if letter.Subtype == "/Type3":
                continue  # de tekens staan als tekening in de letter zelf
            beschrijving = (letter.DescendantFonts[0] if letter.Subtype == "/Type0" else letter).FontDescriptor
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(beschrijving.keys()), letter.get("/BaseFont")
        namen = " ".join(str(letter.get("/BaseFont", "")) for letter in letters)
    assert "LiberationSans" in namen
    assert "Helvetica" not in namen
    assert "Courier" not in namen


@pytest.mark.parametrize("soort", SOORTEN)
def test_xmp_noemt_pdf_a_2a_en_pdf_ua_1(pdfs: dict[str, bytes], soort: str) -> None:
    """De XMP-metadata identificeren de PDF als PDF/A-2a en PDF/UA-1, met taal nl en de datum van het rapport."""
    with pikepdf.open(io.BytesIO(pdfs[soort])) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2"
        assert xmp["pdfaid:conformance"] == "A"
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["xmp:CreateDate"].startswith("2026-03-09")
        assert pdf.pdf_version >= "1.7"


def test_bladwijzers_volgen_de_hoofdstukken(pdfs: dict[str, bytes], documenten) -> None:  # type: ignore[no-untyped-def]
    """De bladwijzers van het gemeenterapport zijn de hoofdstukken (niveau 1) van het documentmodel."""
    with pikepdf.open(io.BytesIO(pdfs["gemeente"])) as pdf, pdf.open_outline() as inhoud:
        bovenste = [b.title for b in inhoud.root]
    verwacht = [s.titel for s in documenten["gemeente"].secties if s.niveau == 1 and s.titel and s.bladwijzer]
    assert bovenste == verwacht


TYPST_TEKST = "#set page(width: 1cm) $x^2$ *vet* _schuin_ @ref <label> `code` \\ [haak] // geen commentaar"


def test_typst_opmaak_in_een_casus_staat_letterlijk_in_de_pdf(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een situatie vol Typst-opmaak (#, $, *, _, @, <, `, \\, [, ], //) verandert de PDF niet: de tekst staat er
    letterlijk in, de pagina is A4 gebleven en de PDF blijft getagd."""
    from pypdf import PdfReader

    r = bereken([casusmap(casus(id="T1", situatie=TYPST_TEKST))], tarieven, GEEN_DISCONTO)
    pdf = casus_rapport(r, "pdf", DATUM)
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = " ".join(" ".join(p.extract_text() for p in lezer.pages).split())
    assert TYPST_TEKST in tekst
    assert [round(float(w)) for w in lezer.pages[0].mediabox[2:]] == [595, 842]
    with pikepdf.open(io.BytesIO(pdf)) as p:
        assert "/StructTreeRoot" in p.Root


def test_andere_datum_geeft_andere_tijdstempel_zelfde_inhoud(documenten) -> None:  # type: ignore[no-untyped-def]
    """De tijdstempel van de PDF is de datum van het document: een andere --datum verandert de metadata, dezelfde
    datum geeft dezelfde bytes."""
    import dataclasses

    d = documenten["vergelijking"]
    later = dataclasses.replace(d, datum=dt.date(2027, 5, 1))
    assert teken(d) == teken(d)
    with pikepdf.open(io.BytesIO(teken(later))) as pdf:
        assert pdf.open_metadata()["xmp:CreateDate"].startswith("2027-05-01")


def test_een_forest_plot_in_delen_heeft_per_deel_een_eigen_tekstalternatief() -> None:
    """61 gemeenten in drie delen: elk deel noemt 'deel i van 3' en alleen zijn eigen gemeenten; een te lange
    beschrijving wordt ingekort en zegt dat (PDF/A staat geen tekenreeks boven 32.767 bytes toe)."""
    from casuskosten.uitvoer.pdf import ALT_MAX, _tekstalternatieven

    beschrijving = "Per gemeente: " + "; ".join(f"Gemeente {i}: € {i}" for i in range(61)) + "."
    alts = _tekstalternatieven("Forest", beschrijving, [30, 30, 1])
    assert [a.split(".")[0] for a in alts] == ["Forest, deel 1 van 3", "Forest, deel 2 van 3", "Forest, deel 3 van 3"]
    assert "Gemeente 29: € 29." in alts[0]
    assert "Gemeente 30:" not in alts[0]
    assert alts[1].endswith("Gemeente 59: € 59.")
    assert alts[2] == "Forest, deel 3 van 3. Per gemeente: Gemeente 60: € 60."
    lang = _tekstalternatieven("Kans", "x " * 20_000, [0])
    assert len(lang[0]) <= ALT_MAX
    assert lang[0].endswith("(ingekort; alle cijfers staan in de tabel bij deze grafiek)")
