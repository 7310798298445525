"""De smalle grafieken voor een telefoon (issue 25 deel 4), zonder browser: gelezen uit de reportlab-tekening die
`grafieken_smal` maakt. In de browser getoetst in tests/test_html_browser.py (390 en 1280 px)."""

from __future__ import annotations

import re

import pytest
from reportlab.graphics.shapes import Drawing, Group, String

from casuskosten.uitvoer import grafieken, grafieken_smal
from casuskosten.uitvoer.document import Grafiek
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
from casuskosten.uitvoer.grafieken_smal import tekstbreedte
from casuskosten.uitvoer.html import omgeving

KLEUR = "#1f5f8b"
LANG = "Gemeente met een uitzonderlijk lange naam die nergens in een label past"
#: langer dan de hele breedte van 336 eenheden op 12 px (ongeveer 600 eenheden)
ZEER_LANG = "Prijs: Casusbespreking zorgwelzijnsnetwerk (ca. 20 professionals x 15 min) met nog een lange toelichting"

BEELDEN: dict[str, Beeld] = {
    "trajecten": TrajectenPerCasus(
        tuple(Trajectkosten(f"RTD-{i:02d}", 1000.0 * i, 700.0 * i) for i in range(1, 9)), (0, 8000), KLEUR
    ),
    "financiers": KostenPerFinancier(
        (Trajectkosten("Gemeente – Participatie", 8500, 14600), Trajectkosten("Zorgverzekeraar", 8900, 4500)), KLEUR
    ),
    "financiers_per_jaar": BesparingPerFinancierPerJaar(
        (Financierbesparing("Gemeente – Wmo", 19.6e6), Financierbesparing("Vrijwillige inzet", -9.9e6)), KLEUR
    ),
    "doelen": OordelenPerDoel(
        (Oordelen("Zwaardere zorg voorkomen", 4, 3, 1, 0), Oordelen("Integrale aanpak", 7, 1, 0, 0))
    ),
    "tornado": Tornado((Tornadobalk("Onzekere kansen", -1184, 7168), Tornadobalk(ZEER_LANG, 936, 1280)), 1108, KLEUR),
    "forest": Forest(
        tuple(
            Schatting(naam, 300, (-1376, 3391), 750, (-200, 1700))
            for naam in ("Giessenlanden", "Rotterdam", "Waddinxveen", "Westerveld")
        ),
        KLEUR,
    ),
    "kanscurve": Kanscurve(tuple(Kanscurvepunt(d, 1 - (d + 2000) / 7000) for d in range(-2000, 5000, 250)), KLEUR),
    # een bereik van miljoenen: lange getallen, dus minder streepjes
    "tornado_groot": Tornado(
        (Tornadobalk("Onzekere kansen", -1_234_567, 9_876_543), Tornadobalk("Discontovoet", 10, 20)), 5, KLEUR
    ),
}
IDS = list(BEELDEN)


def _teksten(tekening: Drawing) -> list[String]:
    """Elke tekst in de tekening, ook in groepen."""
    uit: list[String] = []
    for vorm in tekening.contents:
        if isinstance(vorm, String):
            uit.append(vorm)
        elif isinstance(vorm, Group):
            uit.extend(_teksten(vorm))  # type: ignore[arg-type]
    return uit


def _vak(tekst: String) -> tuple[float, float, float, float]:
    """Links, rechts, onder en boven van een tekst: de breedte in Helvetica op zijn grootte, naar zijn anker; in de
    hoogte de onderlengte (0,21 em) en de hoofdletterhoogte (0,72 em) rond de basislijn."""
    breedte = tekstbreedte(tekst.text) * tekst.fontSize / grafieken_smal.LETTER_PX
    links = {"start": tekst.x, "middle": tekst.x - breedte / 2, "end": tekst.x - breedte}[tekst.textAnchor]
    return links, links + breedte, tekst.y - 0.21 * tekst.fontSize, tekst.y + 0.72 * tekst.fontSize


@pytest.mark.parametrize("naam", IDS)
def test_de_smalle_tekening_is_336_breed_met_alle_tekst_op_12(naam: str) -> None:
    """Breedte 336 eenheden (360 px min 2 x 12 px marge) en elke tekst 12 eenheden: op een telefoon van 360 px is
    een eenheid een pixel, dus de tekst 12 px; de brede tekening heeft 470 eenheden met letters van 6,5 tot 7,5."""
    tekening = grafieken_smal.teken(BEELDEN[naam])
    assert tekening.width == 336
    assert {t.fontSize for t in _teksten(tekening)} == {12}


@pytest.mark.parametrize("naam", IDS)
def test_elke_tekst_staat_binnen_de_tekening(naam: str) -> None:
    """Geen label, getal of titel steekt links of rechts buiten de 336 eenheden (dan zou de SVG het afsnijden),
    ook het label van 105 tekens niet: het staat over regels verdeeld."""
    tekening = grafieken_smal.teken(BEELDEN[naam])
    for tekst in _teksten(tekening):
        links, rechts, onder, boven = _vak(tekst)
        assert links >= -0.01, tekst.text
        assert rechts <= tekening.width + 0.01, tekst.text
        assert onder >= 0, tekst.text
        assert boven <= tekening.height, tekst.text


@pytest.mark.parametrize("naam", IDS)
def test_geen_twee_teksten_overlappen(naam: str) -> None:
    """Geen twee teksten raken elkaar: de getallen onder de as niet (er komen minder streepjes als ze niet passen),
    een label niet met de legenda of een getal naast een balk."""
    vakken = [(t.text, _vak(t)) for t in _teksten(grafieken_smal.teken(BEELDEN[naam]))]
    for i, (een, (l1, r1, o1, b1)) in enumerate(vakken):
        for twee, (l2, r2, o2, b2) in vakken[i + 1 :]:
            raakt = l1 < r2 and l2 < r1 and o1 < b2 and o2 < b1
            assert not raakt, (een, twee)


def test_een_label_te_lang_voor_de_breedte_staat_er_helemaal_over_regels() -> None:
    """Het label van 105 tekens (ongeveer 600 eenheden op 12 px) staat over regels van hooguit 336 eenheden,
    elk woord in volgorde, zonder "…"."""
    teksten = [t.text for t in _teksten(grafieken_smal.teken(BEELDEN["tornado"]))]
    regels = [t for t in teksten if t.split()[0] in ZEER_LANG.split() and t not in {"Onzekere kansen"}]
    assert " ".join(regels).endswith(ZEER_LANG)
    assert len(regels) >= 2
    assert all(tekstbreedte(r) <= 336 for r in regels)
    assert not any("…" in t for t in teksten)


@pytest.mark.parametrize(
    "beeld",
    [
        pytest.param(TrajectenPerCasus((Trajectkosten(LANG, 7000, 3000),), (0, 7000), KLEUR), id="trajecten"),
        pytest.param(BesparingPerFinancierPerJaar((Financierbesparing(LANG, 2e6),), KLEUR), id="financiers-per-jaar"),
        pytest.param(OordelenPerDoel((Oordelen(LANG, 3, 1, 1, 0),)), id="doelen"),
        pytest.param(Forest((Schatting(LANG, 300, (-100, 700)),), KLEUR), id="forest"),
    ],
)
def test_een_lang_label_staat_boven_de_staven_over_de_hele_breedte(beeld: Beeld) -> None:
    """Een naam van 72 tekens past niet links naast de staven (meer dan 0,3 x 336 eenheden): hij begint op x = 0
    en het tekenvlak krijgt de volle breedte; elk woord staat er."""
    teksten = _teksten(grafieken_smal.teken(beeld))
    label = [t for t in teksten if t.text.startswith("Gemeente met")]
    assert label
    assert label[0].x == 0
    assert label[0].textAnchor == "start"
    assert set(LANG.split()) <= set(" ".join(t.text for t in teksten).split())


def test_korte_labels_staan_links_naast_de_staven() -> None:
    """ "RTD-01" (ongeveer 40 eenheden) past in 0,3 x 336 = 101 eenheden: rechts uitgelijnd naast zijn staven, zoals
    in de brede grafiek."""
    teksten = _teksten(grafieken_smal.teken(BEELDEN["trajecten"]))
    label = next(t for t in teksten if t.text == "RTD-01")
    assert label.textAnchor == "end"
    assert 30 < label.x < 101


def test_met_lange_getallen_komen_er_minder_streepjes() -> None:
    """Van € -1.234.567 tot € 9.876.543 met de getallen ernaast passen vijf stappen van € 2.500.000 niet (elk
    getal ongeveer 75 eenheden op een tekenvlak van ongeveer 180): de as krijgt er minder, en hoogstens vier
    getallen."""
    teksten = [t.text.replace("\u00a0", " ") for t in _teksten(grafieken_smal.teken(BEELDEN["tornado_groot"]))]
    as_getallen = [t for t in teksten if re.fullmatch(r"€ -?[0-9.]+", t) and t.endswith(".000")]
    assert 2 <= len(as_getallen) <= 4, as_getallen


def test_de_as_en_de_astitel_zijn_dezelfde_als_breed() -> None:
    """De smalle tekening heeft de titel van haar as met eenheid, als de brede (die van de PDF)."""
    teksten = " ".join(t.text for t in _teksten(grafieken_smal.teken(BEELDEN["tornado"])))
    assert grafieken.AS_ANTWOORD in teksten


def test_de_html_tekent_elke_grafiek_breed_en_smal_met_een_tekstalternatief() -> None:
    """Een figuur heeft twee vakken (breed en smal) met dezelfde naam; de smalle SVG heeft geen eigen <title> of
    <desc> en verwijst met aria-labelledby naar die van de brede, en haar id's verschillen van de brede."""
    env = omgeving()
    env.globals["vaknaam"] = str
    blokken = env.get_template("_blokken.html.j2").module
    grafiek = Grafiek("doelen", "Oordeel per doel", "Per doel de oordelen.", BEELDEN["doelen"], nummer=5)
    html = str(blokken.figuur(grafiek))  # type: ignore[attr-defined]
    breed, smal = html.split('class="vak grafiekvak smal"')
    assert 'class="vak grafiekvak breed"' in breed
    assert '<title id="doelen-titel">Oordeel per doel</title>' in breed
    assert "<title" not in smal
    assert "<desc" not in smal
    assert 'aria-labelledby="doelen-titel doelen-desc"' in smal
    assert 'id="doelen-smal-clip"' in smal
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert html.count('aria-label="Grafiek: Oordeel per doel"') == 2


def test_de_smalle_svg_krijgt_een_min_breedte_van_336_px() -> None:
    """Met letters van 12 eenheden in 336 eenheden is de kleinste breedte waarbij de tekst 12 px blijft
    336 x 12 / 12 = 336 px; op een nog smaller scherm scrolt ze in haar vak in plaats van te krimpen."""
    env = omgeving()
    grafiek = Grafiek("t", "Tornado", "Gevoeligheid.", BEELDEN["tornado"])
    assert 'style="min-width: 336px"' in str(env.filters["svg_smal"](grafiek))
