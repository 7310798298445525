"""Elke HTML van de demo in een echte browser, op een telefoon (390 px) en een laptop (1280 px) (issue 25 deel 4 en
het grijstoetsdeel van deel 3).

De HTML's zijn die van `make demo` (de rapporten per gemeente en de vergelijking, met voorbeeld/casuskosten.toml),
plus het casusboek van Westerveld en het casusrapport van RTD-01, en een run in een lichte huisstijlkleur
(`kleur = "#f5c400"`, die op wit als tekst maar 1,64:1 haalt). Ze worden één keer per module gemaakt via de
Python-API, en elke HTML wordt per breedte één keer geladen en gemeten (één pagina per breedte, één browser per
module); de tests lezen daarna alleen de metingen.

Per HTML en breedte:
- het document is niet breder dan het venster (de pagina scrolt niet opzij);
- geen zichtbaar element steekt buiten het venster, tenzij het in een scrollvak staat (overflow-x auto/scroll);
- elke zichtbare tekst is minstens 12 px (in een SVG: de lettergrootte maal de schaal van de grafiek op het scherm);
- axe-core vindt 0 overtredingen.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from casuskosten import bereken, laad_instellingen
from casuskosten.uitvoer.rapporten import schrijf_casusrapport, schrijf_gemeenterapporten, schrijf_vergelijking
from tests.browser import axe, axe_samenvatting, nieuwe_pagina
from tests.conftest import PROJECT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.traag

DATUM = dt.date(2026, 3, 1)
BREEDTES = (390, 1280)
DEMO = PROJECT / "voorbeeld" / "casuskosten.toml"
#: de lichte huisstijlkleur uit het issue: als tekst op wit 1,64:1, dus de rapporten moeten een donkerder tint nemen
LICHT_MERK = "#f5c400"
#: de kleinste tekst op het scherm, in CSS-pixels (een afrondingsmarge van 0,05 px voor een geschaalde SVG)
KLEINSTE_PX = 12

#: de HTML's van de demo (bestandsnaam in de tijdelijke map); "merk/..." is de run met de lichte huisstijlkleur
HTMLS = (
    "giessenlanden.html",
    "rotterdam.html",
    "waddinxveen.html",
    "westerveld.html",
    "vergelijking.html",
    "casusboek-westerveld.html",
    "rtd-01.html",
    "merk/westerveld.html",
    "merk/vergelijking.html",
    "merk/casusboek-westerveld.html",
)

#: meet in de geladen pagina: documentbreedte, uitstekende elementen en te kleine tekst
METEN = """() => {
  const vw = document.documentElement.clientWidth;
  const inVak = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const zichtbaar = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const beschrijf = (el) => {
    const r = el.getBoundingClientRect();
    return `<${el.tagName.toLowerCase()}> ${Math.round(r.left)}..${Math.round(r.right)} px: `
      + (el.textContent || '').trim().slice(0, 50);
  };
  const uitstekend = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;  // de grafiek als geheel telt
    if (!zichtbaar(el)) continue;
    const r = el.getBoundingClientRect();
    if ((r.right > vw + 1 || r.left < -1) && !inVak(el)) uitstekend.push(beschrijf(el));
  }
  const klein = [];
  const loper = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = loper.nextNode(); n; n = loper.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !zichtbaar(el)) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {  // lettergrootte in eenheden van de viewBox: maal de schaal op het scherm
      const m = el.getScreenCTM();
      if (m) px = px * Math.hypot(m.a, m.b);
    }
    if (px < KLEINSTE - 0.05) {
      klein.push(`${px.toFixed(1)} px <${el.tagName.toLowerCase()}>: ${n.textContent.trim().slice(0, 50)}`);
    }
  }
  const grafieken = [...document.querySelectorAll('figure')].map((fig) => {
    const svgs = [...fig.querySelectorAll('svg')].filter(zichtbaar);
    const svg = svgs[0];
    if (!svg) return {id: fig.id, zichtbaar: 0};
    const r = svg.getBoundingClientRect();
    const vak = svg.parentElement;
    const groottes = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim())
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b));
    return {
      id: fig.id, zichtbaar: svgs.length, soort: vak.className, links: r.left, rechts: r.right,
      scrolt: vak.scrollWidth > vak.clientWidth + 1, kleinste: Math.min(...groottes),
    };
  });
  return {breedte: document.documentElement.scrollWidth, venster: vw, uitstekend: uitstekend, klein: klein,
          grafieken: grafieken};
}""".replace("KLEINSTE", str(KLEINSTE_PX))


@dataclass(frozen=True)
class Meting:
    breedte: int
    venster: int
    uitstekend: list[str]
    klein: list[str]
    axe: list[dict[str, Any]]
    #: per <figure>: id, het aantal zichtbare SVG's, de klasse van het vak van de zichtbare, haar linker- en
    #: rechterrand, of haar vak scrolt en haar kleinste tekst op het scherm (px)
    grafieken: list[dict[str, Any]]


def _maak_htmls(map_: Path, instellingen: Path) -> None:
    """De HTML's van `make demo` met `instellingen`, plus het casusboek van Westerveld en het rapport van RTD-01."""
    ins = laad_instellingen(instellingen)
    alles = bereken([PROJECT / "casussen"], PROJECT / "tarieven", ins)
    schrijf_gemeenterapporten(alles, "html", map_, DATUM)
    schrijf_vergelijking(alles, "html", map_ / "vergelijking.html", DATUM)
    westerveld = bereken([PROJECT / "casussen" / "westerveld"], PROJECT / "tarieven", ins)
    schrijf_casusrapport(westerveld, "html", map_ / "casusboek-westerveld.html", DATUM)
    rtd = bereken([PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml"], PROJECT / "tarieven", ins)
    schrijf_casusrapport(rtd, "html", map_ / "rtd-01.html", DATUM)


@pytest.fixture(scope="module")
def htmlmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = tmp_path_factory.mktemp("html")
    _maak_htmls(map_, DEMO)
    merk = map_ / "merk"
    merk.mkdir()
    instellingen = merk / "casuskosten.toml"
    instellingen.write_text(
        DEMO.read_text(encoding="utf-8") + f'\n[huisstijl]\norganisatie = "Gemeente Proef"\nkleur = "{LICHT_MERK}"\n',
        encoding="utf-8",
    )
    _maak_htmls(merk, instellingen)
    return map_


@pytest.fixture(scope="module")
def metingen(browser: Browser, htmlmap: Path) -> dict[tuple[str, int], Meting]:
    """Elke HTML op elke breedte één keer geladen en gemeten, met één pagina per breedte."""
    uit: dict[tuple[str, int], Meting] = {}
    for breedte in BREEDTES:
        with nieuwe_pagina(browser, breedte=breedte) as pagina:
            for naam in HTMLS:
                pagina.goto((htmlmap / naam).as_uri())
                gemeten = pagina.evaluate(METEN)
                uit[(naam, breedte)] = Meting(
                    gemeten["breedte"],
                    gemeten["venster"],
                    gemeten["uitstekend"],
                    gemeten["klein"],
                    axe(pagina),
                    gemeten["grafieken"],
                )
    return uit


OVERAL = [pytest.param(naam, breedte, id=f"{naam}-{breedte}") for naam in HTMLS for breedte in BREEDTES]


@pytest.mark.parametrize(("naam", "breedte"), OVERAL)
def test_pagina_scrolt_niet_opzij(metingen: dict[tuple[str, int], Meting], naam: str, breedte: int) -> None:
    """Het document is niet breder dan het venster: op 390 px geen horizontale paginascroll (was: 714 px)."""
    meting = metingen[(naam, breedte)]
    assert meting.breedte <= meting.venster, f"{naam}: document {meting.breedte} px in een venster van {breedte} px"


@pytest.mark.parametrize(("naam", "breedte"), OVERAL)
def test_niets_steekt_buiten_het_venster_behalve_in_een_scrollvak(
    metingen: dict[tuple[str, int], Meting], naam: str, breedte: int
) -> None:
    """Geen zichtbaar element valt buiten het venster, tenzij een voorouder zelf scrolt (een tabel of grafiek in haar
    vak); anders zou het afgesneden of onbereikbaar zijn."""
    assert metingen[(naam, breedte)].uitstekend == []


@pytest.mark.parametrize(("naam", "breedte"), OVERAL)
def test_elke_tekst_is_minstens_12_px(metingen: dict[tuple[str, int], Meting], naam: str, breedte: int) -> None:
    """Elke zichtbare tekst, ook in de grafieken (was: ongeveer 5,5 px op 390 px), heeft een berekende lettergrootte
    van minstens 12 px."""
    assert metingen[(naam, breedte)].klein == []


@pytest.mark.parametrize(("naam", "breedte"), OVERAL)
def test_axe_vindt_geen_overtredingen(metingen: dict[tuple[str, int], Meting], naam: str, breedte: int) -> None:
    """axe-core: 0 overtredingen, ook in de lichte huisstijlkleur (was: 11 ernstige, koppen van 1,64:1)."""
    overtredingen = metingen[(naam, breedte)].axe
    assert overtredingen == [], axe_samenvatting(overtredingen)


# --- de grafieken: op een telefoon de smalle tekening, helemaal in beeld ------------------------------------------

#: de HTML's met grafieken (het casusrapport en het casusboek hebben er geen)
MET_GRAFIEKEN = [naam for naam in HTMLS if "casusboek" not in naam and naam != "rtd-01.html"]
GRAFIEKEN = [pytest.param(naam, breedte, id=f"{naam}-{breedte}") for naam in MET_GRAFIEKEN for breedte in BREEDTES]
TELEFOON = [pytest.param(naam, id=naam) for naam in MET_GRAFIEKEN]


@pytest.mark.parametrize(("naam", "breedte"), GRAFIEKEN)
def test_elke_grafiek_toont_een_tekening_smal_op_een_telefoon_breed_op_een_laptop(
    metingen: dict[tuple[str, int], Meting], naam: str, breedte: int
) -> None:
    """Van de twee tekeningen per figuur is er precies één zichtbaar: op 390 px de smalle, op 1280 px de brede (die
    van de PDF)."""
    grafieken = metingen[(naam, breedte)].grafieken
    assert len(grafieken) >= 1
    verwacht = "smal" if breedte < 960 else "breed"
    for g in grafieken:
        assert g["zichtbaar"] == 1, g
        assert verwacht in g["soort"].split(), g


@pytest.mark.parametrize("naam", TELEFOON)
def test_op_een_telefoon_staat_elke_grafiek_helemaal_in_het_venster(
    metingen: dict[tuple[str, int], Meting], naam: str
) -> None:
    """Op 390 px ligt de zichtbare SVG van elke grafiek binnen het venster (0 tot 390 px) en scrolt haar vak niet:
    de lezer ziet de hele grafiek (was: ongeveer 752 px breed, de helft buiten beeld)."""
    meting = metingen[(naam, 390)]
    for g in meting.grafieken:
        assert g["links"] >= 0, g
        assert g["rechts"] <= meting.venster, g
        assert not g["scrolt"], g


@pytest.mark.parametrize(("naam", "breedte"), GRAFIEKEN)
def test_de_tekst_van_elke_zichtbare_grafiek_is_minstens_12_px(
    metingen: dict[tuple[str, int], Meting], naam: str, breedte: int
) -> None:
    """De kleinste tekst van elke zichtbare grafiek, lettergrootte maal de schaal van de SVG op het scherm
    (getScreenCTM), is minstens 12 px. Op 390 px is het vak 366 px breed en de smalle tekening 336 eenheden met
    letters van 12: 12 x 366 / 336 = 13,1 px."""
    for g in metingen[(naam, breedte)].grafieken:
        assert g["kleinste"] >= KLEINSTE_PX - 0.05, g


# --- de metingen zelf: vinden ze wat ze moeten vinden? ------------------------------------------------------------

SLECHT = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Slecht</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<main><table><tr><td style="min-width: 700px">te breed, zonder vak</td></tr></table>
<p style="font-size: 10px">te klein</p>
<div style="overflow-x: auto"><p style="width: 900px">breed, maar in een vak</p></div>
<svg viewBox="0 0 1000 100" width="100%"><text x="0" y="50" style="font-size: 12px">geschaald</text></svg>
</main></body></html>"""


def test_de_meting_vindt_een_te_brede_tabel_te_kleine_tekst_en_een_gekrompen_grafiek(
    browser: Browser, tmp_path: Path
) -> None:
    """Op 390 px: een tabel van 700 px zonder vak maakt het document breder en steekt uit; 10 px tekst is te klein;
    12 px in een SVG met viewBox 1000 breed op ongeveer 366 px wordt ongeveer 12 x 366 / 1000 = 4,4 px; een breed
    element in een scrollvak telt niet als uitstekend."""
    pad = tmp_path / "slecht.html"
    pad.write_text(SLECHT, encoding="utf-8")
    with nieuwe_pagina(browser, breedte=390) as pagina:
        pagina.goto(pad.as_uri())
        gemeten = pagina.evaluate(METEN)
    assert gemeten["breedte"] > 390
    assert any("te breed, zonder vak" in u for u in gemeten["uitstekend"])
    assert not any("in een vak" in u for u in gemeten["uitstekend"])
    klein = " | ".join(gemeten["klein"])
    assert "10.0 px <p>: te klein" in klein
    assert "geschaald" in klein


# --- grijstoets: ja, deels, nee en onbekend blijven in grijs uit elkaar te houden ---------------------------------


def _luminantie(rgb: tuple[int, int, int]) -> float:
    """Relatieve luminantie (WCAG 2.1) van een sRGB-pixel: het grijs dat een zwart-witprinter ervan maakt."""

    def lineair(k: int) -> float:
        c = k / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * lineair(r) + 0.7152 * lineair(g) + 0.0722 * lineair(b)


# Met de hand uit OORDEELKLEUREN (uitvoer/grafieken.py), Y = 0,2126 R + 0,7152 G + 0,0722 B met per kanaal
# c = k / 255 en ((c + 0,055) / 1,055) ^ 2,4:
#   ja       #1f5535 (31, 85, 53):    R 0,01369  G 0,09084  B 0,03560  -> 0,00291 + 0,06497 + 0,00257 = 0,0705
#   deels    #5da974 (93, 169, 116):  R 0,10946  G 0,39677  B 0,17464  -> 0,02327 + 0,28377 + 0,01261 = 0,3197
#   nee      #f1b7b5 (241, 183, 181): R 0,87962  G 0,47353  B 0,46206  -> 0,18701 + 0,33867 + 0,03336 = 0,5590
#   onbekend #f0f0f0 (240, 240, 240): 0,87136 per kanaal                                             = 0,8714
# De SVG schrijft de kleuren in hele procenten (rgb(94%,71%,70%) voor nee: 240, 181, 179), wat nee ongeveer 0,011
# donkerder maakt (G 183 -> 181 alleen al 0,7152 x (0,4735 - 0,4621) = 0,008); daarom een marge van 0,02.
VERWACHT_GRIJS = {"ja": 0.0705, "deels": 0.3197, "nee": 0.5590, "onbekend": 0.8714}
MARGE = 0.02
# Het gestelde minimum: twee naburige categorieën verschillen in grijs minstens 1,5:1 (WCAG-contrastverhouding
# (L1 + 0,05) / (L2 + 0,05)). Met de hand: deels/ja 0,3697 / 0,1205 = 3,07; nee/deels 0,6090 / 0,3697 = 1,65;
# onbekend/nee 0,9214 / 0,6090 = 1,51 (met de procentkleuren: 0,9214 / 0,5990 = 1,54). Ter vergelijking: het issue
# mat ja tegen nee vroeger op 1,07.
MINIMAAL_GRIJSCONTRAST = 1.5
#: zoveel pixels van een categorie moeten er minstens zijn: een vlak van een staaf, niet een rand van een letter
MINSTE_PIXELS = 100


@pytest.fixture(scope="module")
def grijzen(browser: Browser, htmlmap: Path) -> dict[str, list[float]]:
    """De luminanties van de pixels van de doelengrafiek van Rotterdam (1280 px), per categorie: de pixels waarvan
    het grijs binnen de marge van het verwachte grijs van die categorie valt."""
    from io import BytesIO

    from PIL import Image

    with nieuwe_pagina(browser, breedte=1280) as pagina:
        pagina.goto((htmlmap / "rotterdam.html").as_uri())
        beeld = _schermafdruk(pagina, "#figuur-doelen .breed svg")
    pixels = Image.open(BytesIO(beeld)).convert("RGB")
    tellingen = pixels.getcolors(maxcolors=1 << 20) or []
    grijs_per_kleur = [(aantal, _luminantie(typing.cast("tuple[int, int, int]", rgb))) for aantal, rgb in tellingen]
    return {
        categorie: [y for aantal, y in grijs_per_kleur if abs(y - verwacht) <= MARGE for _ in range(aantal)]
        for categorie, verwacht in VERWACHT_GRIJS.items()
    }


def _schermafdruk(pagina: Page, kiezer: str) -> bytes:
    element = pagina.locator(kiezer)
    element.scroll_into_view_if_needed()
    return element.screenshot()


@pytest.mark.parametrize("categorie", list(VERWACHT_GRIJS))
def test_grijstoets_elke_categorie_staat_in_de_grafiek_met_het_verwachte_grijs(
    grijzen: dict[str, list[float]], categorie: str
) -> None:
    """De doelengrafiek heeft voor ja, deels, nee en onbekend elk een vlak (minstens 100 pixels) met het grijs dat
    met de hand uit hun kleur is berekend."""
    assert len(grijzen[categorie]) >= MINSTE_PIXELS, (categorie, len(grijzen[categorie]))


@pytest.mark.parametrize(("lichter", "donkerder"), [("deels", "ja"), ("nee", "deels"), ("onbekend", "nee")])
def test_grijstoets_naburige_categorieen_verschillen_genoeg_in_grijs(
    grijzen: dict[str, list[float]], lichter: str, donkerder: str
) -> None:
    """In grijs verschillen naburige categorieën (ja < deels < nee < onbekend) minstens 1,5:1, gemeten aan de
    meest voorkomende grijswaarde van elk vlak in de schermafdruk."""

    def meest(categorie: str) -> float:
        waarden = grijzen[categorie]
        assert waarden, f"geen pixels van {categorie}"
        return max(set(waarden), key=waarden.count)

    licht, donker = meest(lichter), meest(donkerder)
    verhouding = (licht + 0.05) / (donker + 0.05)
    assert verhouding >= MINIMAAL_GRIJSCONTRAST, (lichter, donkerder, round(verhouding, 3))
    assert not math.isclose(licht, donker)


def test_op_een_telefoon_houdt_een_kolom_met_zinnen_een_leesbare_breedte(browser: Browser, htmlmap: Path) -> None:
    """Op 390 px is de kolom "Wat het betekent" van de kerncijfers van Rotterdam minstens 15rem = 240 px breed (was:
    ongeveer 30 px, één woord per regel); de tabel scrolt dan in haar vak."""
    with nieuwe_pagina(browser, breedte=390) as pagina:
        pagina.goto((htmlmap / "rotterdam.html").as_uri())
        breedtes = pagina.evaluate(
            """() => {
              const kop = [...document.querySelectorAll('thead th')]
                .find(th => th.textContent.trim() === 'Wat het betekent');
              const tabel = kop.closest('table');
              const kolom = [...kop.parentElement.children].indexOf(kop);
              return [...tabel.tBodies[0].rows].map(r => r.cells[kolom].getBoundingClientRect().width);
            }"""
        )
    assert breedtes
    assert min(breedtes) >= 240 - 0.5, breedtes
