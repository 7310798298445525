"""Vanuit Python: wat-als met een tarief, en een resultaat dat in een notebook kort en leesbaar is."""

from __future__ import annotations

import pytest

import casuskosten
from casuskosten import CasuskostenFout, Instellingen
from tests.conftest import casus

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
        pytest.param("hulp", True, {}, "prijs: 'True' is geen bedrag", id="boolean"),
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
    with pytest.raises(CasuskostenFout, match=melding.replace("?", r"\?").replace("(", r"\(")):
        tabel.met_prijs(code, prijs, **opties)  # type: ignore[arg-type]


def test_resultaat_en_aggregaat_zijn_kort_in_een_notebook(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """repr noemt het antwoord in een regel, geen 100.000 tekens; help(Aggregaat) noemt elk veld met zijn eenheid."""
    r = casuskosten.bereken([casusmap(casus(id="K", voor=[{"tarief": "hulp", "aantal": 10}]))], tarieven, PEIL_2015)
    assert len(repr(r)) < 400
    assert "€ 100 per huishouden per jaar" in repr(r)
    assert repr(r.gemeente("Beta")) == "Aggregaat(Beta: 1 casussen, € 100 per huishouden per jaar na correctie)"
    doc = casuskosten.Aggregaat.__doc__ or ""
    assert "besparing_pct: besparing als percentage van de kosten vóór 2015, uit de sommen [procent]" in doc
