"""De opmaakregels van issue 25, deel 5, op de gerenderde PDF (posities per pagina uit de getagde inhoud, zie
`tests/pdfopmaak.py`): voor elke PDF van de demo en voor lange inhoud (een gemeente met veel casussen, lange
toelichtingen en namen, een casus met 40 regels).

- geen kop in de onderste 15% van een pagina zonder zijn eerste inhoud erna op die pagina;
- geen pagina met minder dan 10% inhoud, behalve de laatste;
- een tabel laat onderaan een pagina nooit alleen haar kop en één rij staan;
- een gewone casus (elke meegeleverde) als casusrapport hooguit 2 pagina's;
- geen label afgekapt met "…" of "...";
- en Typst zegt niet dat de opmaak niet stabiliseerde.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from casuskosten import Instellingen, bereken, laad_instellingen
from casuskosten.rekenen.resultaat import Resultaat
from casuskosten.uitvoer import pdf
from casuskosten.uitvoer.document import casusboek_document, gemeente_document, vergelijking_document
from tests import pdfopmaak
from tests.conftest import PROJECT, SNEL, casus, schrijf_casussen, schrijf_tarieven

pytestmark = pytest.mark.traag

DATUM = dt.date(2026, 1, 15)
LANGE_GEMEENTE = "Bovenstroomse Uiterwaarden aan de Oude Rijn en de Lange Linschoten"
LANGE_TOELICHTING = (
    "Het team heeft met de bewoner, de huisarts, de woningcorporatie en de schuldhulpverlening een plan gemaakt "
    "waarin elke stap is afgesproken, met wie er belt, wie er langsgaat en wanneer er opnieuw wordt gekeken of het "
    "plan nog werkt; dat kostte in het begin veel tijd maar voorkwam later een uithuisplaatsing. "
) * 2


def _inzet(i: int, toelichting: str = "") -> dict[str, Any]:
    regel: dict[str, Any] = {"tarief": ("hulp", "maatje", "zwaar")[i % 3], "aantal": 1 + i % 4}
    if i % 2:
        regel |= {"per": "week", "duur": f"{1 + i % 6} maanden"}
    if toelichting:
        regel["toelichting"] = toelichting
    return regel


def _pdfs_van(resultaat: Resultaat, naam: str) -> dict[str, tuple[bytes, list[str]]]:
    uit = {}
    for gemeente in (g.gemeente for g in resultaat.gemeenten if g.gemeente):
        uit[f"{naam}: {gemeente}"] = pdf.vertaal(gemeente_document(resultaat, gemeente, DATUM))
    uit[f"{naam}: casusboek"] = pdf.vertaal(casusboek_document(resultaat, DATUM))
    return uit


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, list[str]]]:
    """Elke PDF van de demo (gemeenterapporten met de opschaling, vergelijking, casusrapport, casusboek) en die van
    de lange inhoud, met de waarschuwingen van Typst."""
    demo = bereken(
        [PROJECT / "casussen"],
        PROJECT / "tarieven",
        instellingen=laad_instellingen(PROJECT / "voorbeeld" / "casuskosten.toml"),
    )
    uit = {
        f"demo: {g}": pdf.vertaal(gemeente_document(demo, g, DATUM))
        for g in (a.gemeente for a in demo.gemeenten if a.gemeente)
    }
    uit["demo: vergelijking"] = pdf.vertaal(vergelijking_document(demo, DATUM))
    westerveld = bereken([PROJECT / "casussen" / "westerveld"], PROJECT / "tarieven")
    uit["demo: casusboek westerveld"] = pdf.vertaal(casusboek_document(westerveld, DATUM))
    rtd01 = bereken([PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml"], PROJECT / "tarieven")
    uit["demo: rtd-01"] = pdf.vertaal(casusboek_document(rtd01, DATUM))

    map_ = tmp_path_factory.mktemp("lang")
    tarieven = schrijf_tarieven(map_ / "tarieven")
    veel = [
        casus(voor=[_inzet(i), _inzet(i + 1)], team=[_inzet(i + 2)], id=f"V-{i:02d}", gemeente="Beta")
        for i in range(1, 46)
    ]
    lang = [
        casus(
            voor=[_inzet(i, LANGE_TOELICHTING) for i in range(4)],
            team=[_inzet(i + 1, LANGE_TOELICHTING) for i in range(3)],
            id=f"L-{i:02d}",
            gemeente=LANGE_GEMEENTE,
            situatie=LANGE_TOELICHTING * 3,
        )
        for i in range(1, 5)
    ]
    veertig = casus(
        voor=[_inzet(i, "inzet voor het hele gezin") for i in range(20)],
        team=[_inzet(i + 1, "inzet van het team") for i in range(20)],
        id="R-40",
        gemeente="Gamma",
    )
    resultaat = bereken([schrijf_casussen(map_ / "casussen", *veel, *lang, veertig)], tarieven, instellingen=SNEL)
    uit |= _pdfs_van(resultaat, "lang")
    return uit


def _namen() -> list[str]:
    return [
        "demo: Giessenlanden",
        "demo: Rotterdam",
        "demo: Waddinxveen",
        "demo: Westerveld",
        "demo: vergelijking",
        "demo: casusboek westerveld",
        "demo: rtd-01",
        "lang: Beta",
        f"lang: {LANGE_GEMEENTE}",
        "lang: Gamma",
        "lang: casusboek",
    ]


def test_alle_verwachte_pdfs_zijn_gemaakt(pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    """De lijst van PDF's hieronder is volledig: elke regel wordt op al deze PDF's getoetst."""
    assert sorted(pdfs) == sorted(_namen())


@pytest.mark.parametrize("naam", _namen())
def test_typst_opmaak_stabiliseert(pdfs: dict[str, tuple[bytes, list[str]]], naam: str) -> None:
    """Geen waarschuwing van Typst: een opmaak die niet stabiliseert, zet dingen op een andere plek dan bedoeld."""
    assert pdfs[naam][1] == []


@pytest.mark.parametrize("naam", _namen())
def test_geen_kop_onderaan_zonder_inhoud_erna(pdfs: dict[str, tuple[bytes, list[str]]], naam: str) -> None:
    """Een kop in de onderste 15% van de tekstruimte heeft op dezelfde pagina inhoud onder zich."""
    assert pdfopmaak.koppen_zonder_inhoud(pdfopmaak.meet(pdfs[naam][0])) == []


@pytest.mark.parametrize("naam", _namen())
def test_geen_bijna_lege_pagina(pdfs: dict[str, tuple[bytes, list[str]]], naam: str) -> None:
    """Elke pagina behalve de laatste is voor minstens 10% van haar tekstruimte gevuld."""
    assert pdfopmaak.bijna_lege_paginas(pdfopmaak.meet(pdfs[naam][0])) == []


@pytest.mark.parametrize("naam", _namen())
def test_geen_tabel_met_alleen_kop_en_een_rij_onderaan(pdfs: dict[str, tuple[bytes, list[str]]], naam: str) -> None:
    """Loopt een tabel door naar de volgende pagina, dan staan er op deze minstens twee rijen onder de kop."""
    assert pdfopmaak.tabellen_met_een_rij_onderaan(pdfopmaak.meet(pdfs[naam][0])) == []


def _invoertekst() -> str:
    delen = [p.read_text(encoding="utf-8") for p in (PROJECT / "tarieven").rglob("*.csv")]
    delen += [p.read_text(encoding="utf-8") for p in (PROJECT / "casussen").rglob("*.yaml")]
    return " ".join(" ".join(delen).split())


@pytest.mark.parametrize("naam", _namen())
def test_geen_label_afgekapt(pdfs: dict[str, tuple[bytes, list[str]]], naam: str) -> None:
    """Nergens "…"; "..." alleen waar het letterlijk in de invoer staat (een bron citeert "'contact ... mental
    health care'"), met het woord ervoor."""
    tekst = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(_io(pdfs[naam][0])).pages)
    assert "…" not in tekst
    invoer = _invoertekst()
    for woord in re.findall(r"(\S+) \.\.\.", tekst):
        assert f"{woord} ..." in invoer, woord


def _io(inhoud: bytes) -> Any:
    import io

    return io.BytesIO(inhoud)


def _casusbestanden() -> list[Path]:
    return sorted((PROJECT / "casussen").rglob("*.yaml"))


def test_elke_meegeleverde_casus_staat_in_het_casusrapport_op_hooguit_twee_paginas() -> None:
    """Elke meegeleverde casus (een gewone casus) als eigen casusrapport: de casus zelf staat op 1 of 2 pagina's,
    dus de verantwoording begint uiterlijk op pagina 2. (Met verantwoording en colofon is het rapport van RTD-01 2
    pagina's, zie test_documentmodel; dat van een casus met veel tariefrijen met lange bronnen 3.)"""
    snel = Instellingen(bootstrap_iteraties=100, psa_iteraties=100)
    te_lang = {}
    for bestand in _casusbestanden():
        r = bereken([bestand], PROJECT / "tarieven", instellingen=snel)
        paginas = [
            " ".join((p.extract_text() or "").split())
            for p in PdfReader(_io(pdf.teken(casusboek_document(r, DATUM)))).pages
        ]
        begin = next(i for i, tekst in enumerate(paginas) if "Verantwoording Methode" in tekst)
        if begin > 1:
            te_lang[bestand.name] = begin + 1
    assert te_lang == {}
