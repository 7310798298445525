"""De grafieken (issue 25, deel 2 en 5): elke as heeft een titel met haar eenheid, gelezen uit de SVG die de HTML
inline krijgt, en geen label wordt met "…" afgekapt."""

from __future__ import annotations

import re
from html import unescape

import pytest

from casuskosten.uitvoer import grafieken
from casuskosten.uitvoer.document.blokken import (
    Beeld,
    BesparingPerFinancierPerJaar,
    Financierbesparing,
    Forest,
    Kanscurve,
    Kanscurvepunt,
    KostenPerFinancier,
    Oordelen,
    OordelenPerDoel,
    Schatting,
    Tornado,
    Tornadobalk,
    TrajectenPerCasus,
    Trajectkosten,
)

KLEUR = "#1f5f8b"
LANG = "Gemeente met een uitzonderlijk lange naam die nergens in een label past"


def _teksten(beeld: Beeld) -> list[str]:
    """De tekst van elk `<text>`-element van de inline SVG, zoals een lezer (of een schermlezer) die ziet."""
    svg = grafieken.als_svg(beeld, "g", "Titel", "Uitleg")
    return [unescape(t).replace("\u00a0", " ") for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


BEELDEN = {
    "trajecten": (
        TrajectenPerCasus((Trajectkosten("RTD-01", 7000, 3000),), (0, 7000), KLEUR),
        "Kosten van de casus over haar hele periode (€)",
    ),
    "financiers": (
        KostenPerFinancier((Trajectkosten("Gemeente – Wmo", 5000, 2000),), KLEUR),
        "Kosten in de casussen samen (€)",
    ),
    "financiers_per_jaar": (
        BesparingPerFinancierPerJaar((Financierbesparing("Zorgverzekeraar", 2e6),), KLEUR),
        "Besparing per jaar voor de caseload (€)",
    ),
    "doelen": (OordelenPerDoel((Oordelen("Integrale aanpak", 3, 1, 1, 0),)), "Aandeel van de casussen (%)"),
    "tornado": (
        Tornado((Tornadobalk("Onzekere kansen", -100, 800),), 300, KLEUR),
        "Besparing per huishouden per jaar, na correctie (€)",
    ),
    "forest": (
        Forest((Schatting("Rotterdam", 300, (-100, 700)),), KLEUR),
        "Besparing per huishouden per jaar, na correctie (€)",
    ),
    "kanscurve": (
        Kanscurve((Kanscurvepunt(0, 0.8), Kanscurvepunt(500, 0.4)), KLEUR),
        "Drempel: besparing per huishouden per jaar (€)",
    ),
}


@pytest.mark.parametrize(("beeld", "titel"), BEELDEN.values(), ids=BEELDEN.keys())
def test_de_horizontale_as_heeft_een_titel_met_eenheid(beeld: Beeld, titel: str) -> None:
    """Onder de getallen van de as staat haar titel, met de eenheid tussen haakjes."""
    assert titel in _teksten(beeld)


def test_de_kanscurve_heeft_ook_een_titel_op_de_verticale_as() -> None:
    """Verticaal staat de kans in procenten; de titel zegt dat."""
    beeld, _ = BEELDEN["kanscurve"]
    assert "Kans op een besparing van meer dan de drempel (%)" in _teksten(beeld)


@pytest.mark.parametrize(
    "beeld",
    [
        pytest.param(TrajectenPerCasus((Trajectkosten(LANG, 7000, 3000),), (0, 7000), KLEUR), id="trajecten"),
        pytest.param(KostenPerFinancier((Trajectkosten(LANG, 5000, 2000),), KLEUR), id="financiers"),
        pytest.param(BesparingPerFinancierPerJaar((Financierbesparing(LANG, 2e6),), KLEUR), id="financiers-per-jaar"),
        pytest.param(OordelenPerDoel((Oordelen(LANG, 3, 1, 1, 0),)), id="doelen"),
        pytest.param(Forest((Schatting(LANG, 300, (-100, 700)),), KLEUR), id="forest"),
    ],
)
def test_een_lang_label_staat_er_helemaal_zonder_afkapteken(beeld: Beeld) -> None:
    """Een naam van 72 tekens wordt over regels verdeeld (of kleiner gezet): elk woord staat er, en nergens "…"."""
    teksten = _teksten(beeld)
    assert not any("…" in t or "..." in t for t in teksten)
    woorden = " ".join(teksten).split()
    for woord in LANG.split():
        assert woord in woorden, woord


@pytest.mark.parametrize(
    ("laag", "hoog", "verwacht"),
    [
        # bereik 650, een vijfde 130, de kleinste ronde stap >= 130 is 200: van floor(-130/200) x 200 = -200 tot
        # ceil(520/200) x 200 = 600 (de dichtstbijzijnde stap, 100, zou 9 streepjes geven)
        pytest.param(-130.0, 520.0, (-200.0, 600.0, [-200.0, 0.0, 200.0, 400.0, 600.0]), id="min-130-tot-520"),
        # alleen positief: de as begint bij 0; bereik 1000, een vijfde 200, stap 200
        pytest.param(40.0, 1000.0, (0.0, 1000.0, [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]), id="0-tot-1000"),
        # alles 0: een as van 0 tot 1, een vijfde 0,2, stap 0,2
        pytest.param(0.0, 0.0, (0.0, 1.0, pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])), id="alles-nul"),
    ],
)
def test_de_as_van_een_grafiek_heeft_ronde_streepjes_die_0_en_alle_waarden_omvatten(
    laag: float, hoog: float, verwacht: tuple[float, float, list[float]]
) -> None:
    """De streepjes van een as lopen in ronde stappen van minstens een vijfde van het bereik, van onder 0 en de
    laagste waarde tot boven de hoogste."""
    assert grafieken._as(laag, hoog) == verwacht
