"""De HTML op een smal scherm zonder browser: welke tabelkolommen een minimale breedte krijgen (klasse `lang` of
`middel`), zodat een kolom met zinnen op 390 px niet tot één woord per regel krimpt. In de browser getoetst in
tests/test_html_browser.py."""

from __future__ import annotations

from casuskosten.uitvoer.document import Cel, Tabel
from casuskosten.uitvoer.html import lange_kolommen, omgeving

ZIN = "Wat het sociaal team gemiddeld per huishouden per jaar minder kostte, voor de hele samenleving."  # 95 tekens
ZINSNEDE = "2 per week, 143 keer, kans 60%"  # 30 tekens


def _tabel(*rijen: tuple[str, ...], uitlijning: tuple[str, ...] = ("links", "rechts", "links")) -> Tabel:
    return Tabel(
        koppen=("Kerncijfer", "Waarde", "Wat het betekent"),
        rijen=tuple(tuple(Cel(t) for t in rij) for rij in rijen),
        uitlijning=uitlijning,  # type: ignore[arg-type]
        breekbaar=(True, False, True),
    )


def test_een_kolom_met_een_zin_van_meer_dan_50_tekens_is_lang() -> None:
    """De derde kolom heeft een cel van 95 tekens (> 50): klasse lang; de eerste ("Kans", 4 tekens) niets."""
    assert lange_kolommen(_tabel(("Kans", "77%", ZIN), ("Aantal", "8", "kort"))) == {2: "lang"}


def test_een_kolom_met_een_zinsnede_van_25_tot_50_tekens_is_middel() -> None:
    """Een langste cel van 30 tekens (tussen 24 en 50): klasse middel."""
    assert lange_kolommen(_tabel(("Kans", "77%", ZINSNEDE))) == {2: "middel"}


def test_een_onbreekbare_of_rechts_uitgelijnde_kolom_krijgt_geen_minimale_breedte() -> None:
    """Een bedrag of code breekt al niet af (nowrap): ook met 95 tekens in kolom 1 (onbreekbaar) of in een rechts
    uitgelijnde kolom 2 geen klasse."""
    tabel = _tabel(("kort", ZIN, ZIN), uitlijning=("links", "rechts", "rechts"))
    assert lange_kolommen(tabel) == {}


def test_de_cellen_van_een_lange_kolom_dragen_de_klasse_in_de_html() -> None:
    """In de getekende tabel heeft elke cel van de derde kolom class="lang", ook de korte; de andere niet."""
    env = omgeving()
    env.globals["vaknaam"] = str  # de naam van het scrollvak doet hier niet ter zake
    blokken = env.get_template("_blokken.html.j2").module
    html = str(blokken.tabel(_tabel(("Kans", "77%", ZIN), ("A", "8", "kort"))))  # type: ignore[attr-defined]
    assert html.count('<td class="lang">') == 2
    assert '<th scope="row" class="lang">' not in html
