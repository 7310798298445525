"""Vanuit Python: wat-als met een tarief, en een resultaat dat in een notebook kort en leesbaar is."""

from __future__ import annotations

import re

import pytest

import casuskosten
from casuskosten import CasuskostenFout, Instellingen
from tests.conftest import PROJECT, casus

PEIL_2015 = Instellingen(prijspeil=2015, discontovoet=0, psa_iteraties=200, bootstrap_iteraties=200)


def test_wat_als_met_een_andere_prijs_rekent_opnieuw(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """hulp landelijk 10 (2015) -> 35: 10 uur vóór kost 350 in plaats van 100; de bron zegt dat het een wat-als is,
    en de oorspronkelijke tabel verandert niet."""
    tabel = casuskosten.laad_tarieven(tarieven)
    casussen = casuskosten.laad_casussen([casusmap(casus(id="W", voor=[{"tarief": "hulp", "aantal": 10}]))], tabel)
    gewoon = casuskosten.bereken_casussen(casussen.casussen, tabel, PEIL_2015, werkers=1)
    wat_als = tabel.met_prijs("hulp", 35, jaar=2015)
    anders = casuskosten.bereken_casussen(casussen.casussen, wat_als, PEIL_2015, werkers=1)
    assert gewoon.totaal.kosten_voor_2015 == pytest.approx(100)
    assert anders.totaal.kosten_voor_2015 == pytest.approx(350)
    rij = anders.gebruikte_tarieven().iloc[0]
    assert rij["bron"].startswith("wat-als: prijs 35 in plaats van 10.0")
    assert tabel.kies("hulp", "Beta", 2015).prijs == 10  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "prijs", "opties", "melding"),
    [
        pytest.param("hulp", -1, {}, "prijs: prijs -1 ligt niet tussen 0 en 10.000.000", id="negatief"),
        pytest.param(
            "hulp", True, {}, "prijs: Tarieftabel.met_prijs() kreeg True (bool); verwacht een getal", id="boolean"
        ),
        pytest.param("hulpp", 5, {}, "code: onbekende tariefcode 'hulpp'; bedoelde u 'hulp'?", id="tikfout"),
        pytest.param(
            "zwaar", 5, {"gemeente": "Alfa"}, "tariefcode 'zwaar' heeft geen rij voor gemeente 'Alfa'", id="gemeente"
        ),
    ],
)
def test_wat_als_weigert_wat_de_tabel_ook_weigert(
    tarieven, code: str, prijs: object, opties: dict[str, object], melding: str
) -> None:  # type: ignore[no-untyped-def]
    """Een negatieve prijs, een boolean, een onbekende code of een rij die er niet is: een Nederlandse fout."""
    tabel = casuskosten.laad_tarieven(tarieven)
    with pytest.raises(CasuskostenFout, match=re.escape(melding)):
        tabel.met_prijs(code, prijs, **opties)  # type: ignore[arg-type]


def test_resultaat_en_aggregaat_zijn_kort_in_een_notebook(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """repr noemt het antwoord in een regel, geen 100.000 tekens; help(Aggregaat) noemt elk veld met zijn eenheid."""
    r = casuskosten.bereken([casusmap(casus(id="K", voor=[{"tarief": "hulp", "aantal": 10}]))], tarieven, PEIL_2015)
    assert len(repr(r)) < 400
    assert "€ 100 per huishouden per jaar" in repr(r)
    assert repr(r.gemeente("Beta")) == "Aggregaat(Beta: 1 casus, € 100 per huishouden per jaar na correctie)"
    doc = casuskosten.Aggregaat.__doc__ or ""
    assert "besparing_pct: besparing als percentage van de kosten vóór 2015, uit de sommen [procent]" in doc


def _readme_voorbeeld() -> str:
    tekst = (PROJECT / "README.md").read_text(encoding="utf-8")
    na = tekst.split("<!-- notebook-voorbeeld -->", 1)[1]
    return na.split("```python\n", 1)[1].split("\n```", 1)[0]


@pytest.mark.traag
def test_het_notebookvoorbeeld_uit_de_readme_draait_en_de_wat_als_klopt_met_de_hand(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Het voorbeeld uit de README draait zoals het er staat (in de projectmap, met een grafiek). De wat-als
    (hbh_uur landelijk 32,76 -> 35) is met de hand na te rekenen: per regel verandert de prijs op peil met
    35 / 32,76, dus de kosten met kosten x (35 / 32,76 - 1); in de drie Rotterdamse casussen met hbh_uur kost vóór
    2015 meer dan het team, dus de correctie (1 - c) geldt op het hele verschil; per jaar x 12 / horizon, gemiddeld
    over de Rotterdamse casussen. Westerveld heeft een eigen rij en verandert niet; zonder die rij wel."""
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(PROJECT)
    ruimte: dict[str, object] = {}
    exec(compile(_readme_voorbeeld(), "README.md", "exec"), ruimte)
    resultaat = ruimte["resultaat"]
    assert isinstance(resultaat, casuskosten.Resultaat)
    regels = resultaat.regels
    rotterdam = resultaat.casussen[resultaat.casussen["gemeente"] == "Rotterdam"]
    hbh = regels[(regels["tarief"] == "hbh_uur") & (regels["gemeente"] == "Rotterdam")]
    assert sorted(set(hbh["casus"])) == ["RTD-01", "RTD-03", "RTD-08"]
    verandering = 0.0
    for id_, deel in hbh.groupby("casus"):
        teken = deel["traject"].map({"voor_2015": 1.0, "sociaal_team": -1.0})
        verschil = float((teken * deel["kosten"]).sum())
        assert verschil > 0  # vóór 2015 duurder: de correctie werkt op het hele verschil
        rij = rotterdam[rotterdam["id"] == id_].iloc[0]
        correctie = float(deel["correctie"].iloc[0])
        verandering += verschil * (35 / 32.76 - 1) * (1 - correctie) * 12 / float(rij["horizon_maanden"])
    verwacht = float(ruimte["gewoon"]) + verandering / len(rotterdam)  # type: ignore[arg-type]
    assert ruimte["anders"] == pytest.approx(verwacht, rel=1e-6)  # de schatting komt uit float32
    duurder, landelijk = ruimte["duurder"], ruimte["landelijk"]
    assert isinstance(duurder, casuskosten.Resultaat)
    assert isinstance(landelijk, casuskosten.Resultaat)
    westerveld = resultaat.gemeente("Westerveld").antwoord.schatting
    assert duurder.gemeente("Westerveld").antwoord.schatting == pytest.approx(westerveld, rel=1e-12)
    assert landelijk.gemeente("Westerveld").antwoord.schatting != pytest.approx(westerveld, rel=1e-6)
    assert ruimte["as_"].get_xlabel() == "drempel (€ per huishouden per jaar)"  # type: ignore[attr-defined]


def test_resultaat_toont_zich_in_jupyter_als_kernboodschap_en_tabel(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """_repr_html_: de kernboodschap en per gemeente een rij (naam ge-escaped), met het totaal als voet."""
    c = casus(id="K", gemeente="<b>Beta</b>", voor=[{"tarief": "hulp", "aantal": 10}])
    r = casuskosten.bereken([casusmap(c)], tarieven, PEIL_2015)
    html = r._repr_html_()
    assert html.startswith("<div><p>")
    assert "&lt;b&gt;Beta&lt;/b&gt;" in html
    assert "<b>Beta</b>" not in html
    assert '<td style="text-align:right">€ 100</td>' in html
    assert '<tfoot><tr><th scope="row" style="text-align:left">Totaal</th>' in html


def test_bereken_neemt_een_geladen_tarieftabel(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """bereken(casussen, tarieven=tabel): de wat-als-tabel zonder omweg; hulp 10 -> 12 per uur, 10 uur: 120."""
    tabel = casuskosten.laad_tarieven(tarieven).met_prijs("hulp", 12, jaar=2015)
    r = casuskosten.bereken([casusmap(casus(id="W", voor=[{"tarief": "hulp", "aantal": 10}]))], tabel, PEIL_2015)
    assert r.totaal.kosten_voor_2015 == pytest.approx(120)


def test_zonder_eigen_rij_geldt_het_landelijke_tarief(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Alfa heeft een eigen hulp-rij (15 in 2016, op peil 2015: 15 / 1,1); zonder die rij geldt landelijk 10. Zonder
    de hele code is een casus met hulp een onbekende tariefcode; een gemeente zonder eigen rij is een fout."""
    tabel = casuskosten.laad_tarieven(tarieven)
    c = casus(id="A", gemeente="Alfa", voor=[{"tarief": "hulp", "aantal": 10}])
    casussen = casuskosten.laad_casussen([casusmap(c)], tabel).casussen
    eigen = casuskosten.bereken_casussen(casussen, tabel, PEIL_2015, werkers=1)
    landelijk = casuskosten.bereken_casussen(casussen, tabel.zonder("hulp", gemeente="Alfa"), PEIL_2015, werkers=1)
    assert eigen.totaal.kosten_voor_2015 == pytest.approx(150 / 1.1)
    assert landelijk.totaal.kosten_voor_2015 == pytest.approx(100)
    assert "hulp" not in tabel.zonder("hulp").alle_codes()
    with pytest.raises(CasuskostenFout, match="tariefcode 'zwaar' heeft geen eigen rij voor gemeente 'Alfa'"):
        tabel.zonder("zwaar", gemeente="Alfa")
    with pytest.raises(CasuskostenFout, match="onbekende tariefcode 'hulpp'; bedoelde u 'hulp'"):
        tabel.zonder("hulpp")
