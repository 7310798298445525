"""Kleur voor iedereen (issue 25, deel 3): het contrast volgens WCAG 2.1, een donkerder tint voor tekst in een te
lichte huisstijlkleur (HTML, PDF en `controleer`), en grafieken die in grijswaarden en voor kleurenblinden leesbaar
blijven.

De verwachte contrasten zijn met de hand uitgerekend met de formule van WCAG 2.1: per kanaal c = waarde / 255,
lineair c / 12,92 als c <= 0,03928 en anders ((c + 0,055) / 1,055) ^ 2,4; L = 0,2126 R + 0,7152 G + 0,0722 B;
contrast = (L_licht + 0,05) / (L_donker + 0,05).
"""

from __future__ import annotations

import colorsys
import datetime as dt
import io
import itertools
import re
from pathlib import Path

import pikepdf
import pytest

from casuskosten import Instellingen, bereken
from casuskosten.invoer.instellingen import Huisstijl
from casuskosten.kleuren import WIT, contrast, donkerder_tot, leesbaar_op, luminantie, tekstkleur
from casuskosten.pijplijn import controleer_alles
from casuskosten.uitvoer import grafieken
from casuskosten.uitvoer.document import gemeente_document
from casuskosten.uitvoer.document.blokken import Oordelen, OordelenPerDoel, Tornado, Tornadobalk
from casuskosten.uitvoer.html import teken as teken_html
from casuskosten.uitvoer.pdf import teken as teken_pdf
from tests.conftest import PROJECT, SNELLE_TOML, SNELLE_TREKKINGEN

LICHT_MERK = "#f5c400"
DATUM = dt.date(2026, 3, 9)


# --- de formule ------------------------------------------------------------------------------------------------


def test_zwart_op_wit_is_21_en_gelijke_kleuren_1() -> None:
    """De uitersten van de formule: zwart op wit (1,05 / 0,05) is 21:1, een kleur op zichzelf 1:1."""
    assert contrast("#000000", WIT) == pytest.approx(21.0)
    assert contrast("#1f5f8b", "#1f5f8b") == pytest.approx(1.0)


def test_contrast_van_767676_op_wit_is_4_54() -> None:
    """#767676: c = 118/255 = 0,46275, lineair ((0,46275 + 0,055) / 1,055) ^ 2,4 = 0,18116 in elk kanaal, dus L =
    0,18116 en het contrast 1,05 / 0,23116 = 4,54 (de bekende lichtste grijs die 4,5:1 haalt)."""
    assert luminantie("#767676") == pytest.approx(0.18116, abs=5e-5)
    assert contrast("#767676", WIT) == pytest.approx(4.542, abs=1e-3)


def test_contrast_is_symmetrisch() -> None:
    """De volgorde van de twee kleuren doet er niet toe: de lichtste staat altijd boven de deelstreep."""
    assert contrast(WIT, "#767676") == contrast("#767676", WIT)


def test_licht_merk_f5c400_haalt_op_wit_maar_1_64() -> None:
    """#f5c400: R = 245/255 -> 0,91315; G = 196/255 -> 0,55203; B = 0. L = 0,2126 x 0,91315 + 0,7152 x 0,55203 =
    0,58895; contrast 1,05 / 0,63895 = 1,64 (het cijfer uit de issue)."""
    assert luminantie(LICHT_MERK) == pytest.approx(0.58895, abs=5e-5)
    assert contrast(LICHT_MERK, WIT) == pytest.approx(1.643, abs=1e-3)


# --- de donkerder tint -----------------------------------------------------------------------------------------


def test_een_kleur_die_4_5_haalt_blijft_zichzelf() -> None:
    """De standaardkleur #1f5f8b haalt 6,8:1 op wit en blijft voor tekst ongewijzigd (in kleine letters)."""
    assert tekstkleur("#1f5f8b") == "#1f5f8b"
    assert tekstkleur("#1F5F8B") == "#1f5f8b"


def test_licht_merk_wordt_voor_tekst_8f7200() -> None:
    """#f5c400 heeft in HLS tint 48 graden, verzadiging 1 en lichtheid 245/510 = 0,48039. Twintig stappen van 1%
    omlaag (lichtheid 0,28039) geven chroma 2 x 0,28039 = 0,56078: R = 0,56078 x 255 = 143 (8f), G = 0,8 x 143 = 114
    (72), B = 0, dus #8f7200. Contrast: R 143 -> 0,27470, G 114 -> 0,16826, L = 0,17874, 1,05 / 0,22874 = 4,59."""
    assert tekstkleur(LICHT_MERK) == "#8f7200"
    assert contrast("#8f7200", WIT) == pytest.approx(4.590, abs=1e-3)


def test_een_stap_lichter_dan_de_tint_haalt_4_5_niet() -> None:
    """Negentien stappen (lichtheid 0,29039) geven R = 148 (94), G = 118 (76): L = 0,2126 x 0,29613 + 0,7152 x
    0,18116 = 0,19253, contrast 1,05 / 0,24253 = 4,33. Dus is #8f7200 de lichtste tint in stappen van 1% die 4,5:1
    haalt."""
    assert contrast("#947600", WIT) == pytest.approx(4.329, abs=1e-3)
    assert donkerder_tot(LICHT_MERK, 4.32) == "#947600"


def test_de_tint_houdt_kleurtoon_en_verzadiging() -> None:
    """Donkerder, niet anders: tint en verzadiging van #8f7200 zijn (op afronding na) die van #f5c400."""
    een = colorsys.rgb_to_hls(0xF5 / 255, 0xC4 / 255, 0)
    twee = colorsys.rgb_to_hls(0x8F / 255, 0x72 / 255, 0)
    assert twee[0] == pytest.approx(een[0], abs=0.003)
    assert twee[2] == pytest.approx(een[2], abs=0.01)


def test_wit_geeft_een_grijs_dat_4_5_haalt() -> None:
    """Ook wit (contrast 1) eindigt: zonder verzadiging wordt het een grijs die 4,5:1 haalt."""
    grijs = tekstkleur("#ffffff")
    assert grijs[1:3] == grijs[3:5] == grijs[5:7]
    assert contrast(grijs, WIT) >= 4.5


def test_huisstijl_geeft_zijn_tekstkleur() -> None:
    """`Huisstijl.tekstkleur` is de kleur die HTML en PDF voor koppen gebruiken."""
    assert Huisstijl(kleur=LICHT_MERK).tekstkleur == "#8f7200"
    assert Huisstijl().tekstkleur == Huisstijl().kleur


# --- controleer ------------------------------------------------------------------------------------------------


def _controleer_met(tmp_path: Path, kleur: str) -> list[str]:
    toml = tmp_path / "casuskosten.toml"
    toml.write_text(f'{SNELLE_TOML}\n[huisstijl]\norganisatie = "Gemeente Geel"\nkleur = "{kleur}"\n', "utf-8")
    controle = controleer_alles([PROJECT / "casussen" / "westerveld"], PROJECT / "tarieven", toml)
    return [w.melding for w in controle.waarschuwingen if w.code == "huisstijl_kleur_te_licht"]


def test_controleer_waarschuwt_voor_een_licht_merk_met_beide_contrasten(tmp_path: Path) -> None:
    """`controleer` zegt dat de kleur als tekst te licht is, met plaats (regel 6: na twee regels trekkingen, een lege
    regel, de tabelkop en de organisatie), beide contrastwaarden en de tint die de rapporten gebruiken."""
    (melding,) = _controleer_met(tmp_path, LICHT_MERK)
    assert melding.startswith(f"{tmp_path / 'casuskosten.toml'}:6: huisstijl.kleur '#f5c400'")
    assert "contrast van 1,64:1" in melding
    assert "minstens 4,5:1 (WCAG 2.1 AA)" in melding
    assert "#8f7200" in melding
    assert "(4,59:1)" in melding


def test_controleer_zwijgt_over_een_donkere_kleur(tmp_path: Path) -> None:
    """Een kleur die 4,5:1 haalt (#1f5f8b, 6,8:1) geeft geen waarschuwing."""
    assert _controleer_met(tmp_path, "#1f5f8b") == []


def test_contrast_net_onder_4_5_wordt_afgekapt_niet_afgerond(tmp_path: Path) -> None:
    """#777777 haalt 4,48:1 (L = 0,18447; 1,05 / 0,23447): afgerond zou dat "4,5:1" lijken, de melding zegt 4,47."""
    (melding,) = _controleer_met(tmp_path, "#777777")
    assert "contrast van 4,47:1" in melding


# --- HTML en PDF -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def licht_document():  # type: ignore[no-untyped-def]
    instellingen = Instellingen(huisstijl=Huisstijl(kleur=LICHT_MERK), **SNELLE_TREKKINGEN)
    resultaat = bereken([PROJECT / "casussen" / "westerveld"], PROJECT / "tarieven", instellingen)
    return gemeente_document(resultaat, "Westerveld", DATUM)


def test_html_zet_koppen_in_de_donkerder_tint(licht_document) -> None:  # type: ignore[no-untyped-def]
    """In de HTML krijgen h1 en h2 de tekstkleur; de lichte merkkleur blijft voor lijnen."""
    html = teken_html(licht_document)
    assert "--tekstkleur: #8f7200;" in html
    assert re.search(r"^h1 \{ color: var\(--tekstkleur\);", html, re.MULTILINE)
    assert re.search(r"^h2 \{ color: var\(--tekstkleur\);", html, re.MULTILINE)
    assert not re.search(r"color: var\(--kleur\)", html)


def _vulkleuren(pdf: pikepdf.Pdf) -> set[tuple[float, ...]]:
    """Alle vulkleuren (rg/sc/scn met drie getallen) in de inhoud van de pagina's, afgerond op twee decimalen."""
    uit = set()
    for pagina in pdf.pages:
        for operanden, operator in pikepdf.parse_content_stream(pagina):
            if str(operator) in ("rg", "sc", "scn") and len(operanden) == 3:
                uit.add(tuple(round(float(o), 2) for o in operanden))
    return uit


def test_pdf_zet_titel_en_koppen_in_de_donkerder_tint(licht_document) -> None:  # type: ignore[no-untyped-def]
    """In de PDF staat tekst in #8f7200 (143/255 = 0,56; 114/255 = 0,45; 0), en geen tekst in #f5c400 zelf (0,96;
    0,77; 0): die kleur houden alleen de lijnen (streekkleur, geen vulkleur)."""
    with pikepdf.open(io.BytesIO(teken_pdf(licht_document))) as pdf:
        kleuren = _vulkleuren(pdf)
    assert (0.56, 0.45, 0.0) in kleuren
    assert (0.96, 0.77, 0.0) not in kleuren


# --- grafieken -------------------------------------------------------------------------------------------------

#: een element van de SVG van renderSVG met zijn stijl: vulkleur als rgb(p%,p%,p%), en de tekst van een <text>
_ELEMENT = re.compile(r'<(\w+)[^>]*style="[^"]*fill: rgb\((\d+)%,(\d+)%,(\d+)%\)[^"]*"[^>]*>([^<]*)')


def _grijs(r: str, g: str, b: str) -> str:
    """Een kleur uit de SVG (procenten, zoals renderSVG ze schrijft) als #rrggbb, om in grijs om te rekenen."""
    return "#" + "".join(f"{round(int(p) * 2.55):02x}" for p in (r, g, b))


def _labels_op_vlakken(svg: str) -> list[tuple[str, str, str]]:
    """(label, labelkleur, vulkleur) voor elk getal dat op een vlak staat: het vlak is de laatste gevulde vorm vóór
    de tekst (zo tekent grafieken.doelen elk vak met zijn getal)."""
    uit, vulling = [], None
    for soort, r, g, b, tekst in _ELEMENT.findall(svg):
        if soort == "text":
            if tekst.strip().isdigit() and vulling is not None:
                uit.append((tekst.strip(), _grijs(r, g, b), vulling))
        else:
            vulling = _grijs(r, g, b)
    return uit


def _oordelen_svg() -> str:
    rijen = (Oordelen("Integrale aanpak", ja=4, deels=3, nee=2, onbekend=1),)
    return grafieken.als_svg(OordelenPerDoel(rijen), "doelen", "Doelen", "Per doel de oordelen.")


def test_ja_deels_nee_onbekend_verschillen_in_grijs() -> None:
    """In grijswaarden (de relatieve luminantie) verschilt elk paar oordeelkleuren minstens 1,5:1; was ja/nee 1,07."""
    waarden = [luminantie(k) for k in grafieken.OORDEELKLEUREN.values()]
    for een, twee in itertools.combinations(waarden, 2):
        hoog, laag = max(een, twee), min(een, twee)
        assert (hoog + 0.05) / (laag + 0.05) >= 1.5


def test_ja_is_donker_en_onbekend_licht() -> None:
    """Van ja naar onbekend steeds lichter, zodat de volgorde in de staaf ook zonder kleur te lezen is."""
    waarden = [luminantie(grafieken.OORDEELKLEUREN[o]) for o in ("ja", "deels", "nee", "onbekend")]
    assert waarden == sorted(waarden)


def test_elk_label_op_een_vulling_haalt_4_5() -> None:
    """Het getal in elk vak van de doelengrafiek staat met minstens 4,5:1 op zijn vulling (was wit op lichtgroen
    1,89:1): de labelkleur is wit of donker, welke het meeste contrast geeft."""
    for vulling in grafieken.OORDEELKLEUREN.values():
        assert contrast(leesbaar_op(vulling), vulling) >= 4.5
    for vulling in ("#a7aeb6", tekstkleur("#1f5f8b"), tekstkleur(LICHT_MERK)):
        assert contrast(leesbaar_op(vulling), vulling) >= 4.5


def test_doelengrafiek_in_grijs_vier_tinten_en_leesbare_getallen() -> None:
    """De SVG van de doelengrafiek (ja 4, deels 3, nee 2, onbekend 1), omgerekend naar grijs zoals renderSVG de
    kleuren schrijft: de vier vakken verschillen elk paar minstens 1,5:1 en elk getal staat met minstens 4,5:1 op
    zijn vak."""
    labels = _labels_op_vlakken(_oordelen_svg())
    assert [label for label, _, _ in labels] == ["4", "3", "2", "1"]
    vakken = [luminantie(vulling) for _, _, vulling in labels]
    for een, twee in itertools.combinations(vakken, 2):
        assert (max(een, twee) + 0.05) / (min(een, twee) + 0.05) >= 1.5
    for _, tekst, vulling in labels:
        assert contrast(tekst, vulling) >= 4.5


def test_staven_van_een_licht_merk_verschillen_in_grijs_van_de_grijze_staven() -> None:
    """Met #f5c400 (luminantie 0,59) vielen de staven in grijs bijna samen met de grijze (0,30). De grafiek tekent
    de staven in de tekstkleur #8f7200 (0,179) naast grijs #a7aeb6 (0,419): verhouding 0,469 / 0,229 = 2,05."""
    balken = (Tornadobalk("kans op uithuisplaatsing", 100.0, 900.0),)
    svg = grafieken.als_svg(Tornado(balken, 500.0, LICHT_MERK), "t", "Tornado", "Gevoeligheid.")
    vullingen = {_grijs(r, g, b) for soort, r, g, b, _ in _ELEMENT.findall(svg) if soort != "text"}
    # #8f7200 schrijft renderSVG als rgb(56%,44%,0%) = #8f7000; #f5c400 zou rgb(96%,76%,0%) zijn
    assert "#8f7000" in vullingen
    assert "#f5c200" not in vullingen
    assert (luminantie("#a7aeb6") + 0.05) / (luminantie("#8f7200") + 0.05) == pytest.approx(2.05, abs=0.01)
