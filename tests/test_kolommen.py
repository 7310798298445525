"""Optellen per gemeente op numpy-kolommen: welke rijen bij welke gemeente horen, in welke volgorde."""

from __future__ import annotations

import pandas as pd

from casuskosten.rekenen.kolommen import Kolommen, per_gemeente

CASUSSEN = pd.DataFrame({"id": ["Z-1", "A-1", "Z-2", "B-1"], "gemeente": ["Zwolle", "Almere", "Zwolle", "Baarn"]})
REGELS = pd.DataFrame(
    {
        "casus": ["Z-1", "Z-1", "A-1", "Z-2"],
        "gemeente": ["Zwolle", "Zwolle", "Almere", "Zwolle"],
        "kosten": [1.0, 2.0, 4.0, 8.0],
    }
)


def test_gemeenten_op_naam_met_hun_casussen_in_de_volgorde_van_de_tabel() -> None:
    """per_gemeente geeft de gemeenten op naam gesorteerd, elk met haar casussen in de oorspronkelijke volgorde."""
    uit = [(naam, casussen["id"].tolist()) for naam, casussen, _ in per_gemeente(Kolommen(CASUSSEN), Kolommen(REGELS))]
    assert uit == [("Almere", ["A-1"]), ("Baarn", ["B-1"]), ("Zwolle", ["Z-1", "Z-2"])]


def test_regels_horen_bij_de_gemeente_en_een_gemeente_zonder_regels_krijgt_er_geen() -> None:
    """De regels van een gemeente zijn precies de hare (som 1 + 2 + 8 = 11 voor Zwolle); Baarn heeft er geen."""
    regels = {naam: r["kosten"].tolist() for naam, _, r in per_gemeente(Kolommen(CASUSSEN), Kolommen(REGELS))}
    assert regels == {"Almere": [4.0], "Baarn": [], "Zwolle": [1.0, 2.0, 8.0]}
    assert sum(regels["Zwolle"]) == 11.0


def test_een_deel_van_een_deel_wijst_naar_de_juiste_rijen() -> None:
    """Een masker op een deel selecteert binnen dat deel, niet binnen de hele tabel."""
    zwolle = next(r for naam, _, r in per_gemeente(Kolommen(CASUSSEN), Kolommen(REGELS)) if naam == "Zwolle")
    duur = zwolle.deel(zwolle["kosten"] > 1.5)
    assert duur["kosten"].tolist() == [2.0, 8.0]
    assert len(duur) == 2
