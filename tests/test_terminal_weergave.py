"""De terminal: waarschuwingen per soort, `--details`, tarieven op 80 kolommen, percentages half naar boven."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from casuskosten import formaat
from casuskosten.fouten import Waarschuwing
from casuskosten.uitvoer.terminal import waarschuwingen

VIJF = [Waarschuwing("weinig_casussen", f"gemeente G{i} heeft 2 casussen", gemeente=f"G{i}") for i in range(5)]


def _tekst(renderbaar: object, breedte: int = 80) -> str:
    console = Console(width=breedte, file=io.StringIO(), record=True)
    console.print(renderbaar)
    return console.export_text()


def test_waarschuwingen_per_soort_met_aantal_en_de_eerste_drie() -> None:
    """Vijf waarschuwingen van één soort: één kop met titel, code en 5×, de eerste drie en 'en nog 2'."""
    tekst = _tekst(waarschuwingen(VIJF))
    assert "LET OP Weinig casussen [weinig_casussen]: 5×" in tekst
    assert "gemeente G2 heeft 2 casussen" in tekst
    assert "gemeente G3" not in tekst
    assert "en nog 2" in tekst
    assert "(alle meldingen: --details)" in tekst


def test_details_toont_elke_waarschuwing() -> None:
    """Met details staan alle vijf er, zonder 'en nog'."""
    tekst = _tekst(waarschuwingen(VIJF, details=True))
    assert "gemeente G4 heeft 2 casussen" in tekst
    assert "en nog" not in tekst


def test_dezelfde_melding_staat_er_een_keer() -> None:
    """Dezelfde melding twee keer (per casus en per gemeente) telt en staat één keer."""
    dubbel = [Waarschuwing("dominante_casus", "casus A draagt meer dan de helft")] * 2
    assert "Eén casus weegt zwaar [dominante_casus]: 1×" in _tekst(waarschuwingen(dubbel))


def test_tarieven_passen_op_80_kolommen_zonder_afgebroken_bedrag_of_code(tarieven) -> None:  # type: ignore[no-untyped-def]
    """`tarieven` op 80 kolommen: geen regel breder dan 80, geen "Omsc…", het bedrag met eenheid op één regel."""
    from casuskosten.invoer.tarieven import laad_tarieven, zoek_tarieven
    from casuskosten.uitvoer.terminal import tarieventabel

    tabel = laad_tarieven(tarieven)
    peil = tabel.prijsindex.peil(None, "--prijspeil")
    tekst = _tekst(tarieventabel(zoek_tarieven(tabel, None, peil, None), None, peil, 80))
    assert max(len(r) for r in tekst.splitlines()) <= 80
    assert "…" not in tekst
    assert "Hulp bij het huishouden" in tekst
    assert "€ 20,00 per uur" in tekst  # hulp: de rij van 2017 (20) op prijspeil 2017


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        pytest.param(12.25, 1, "12,3%", id="half-naar-boven-niet-naar-even"),
        pytest.param(0.125, 2, "0,13%", id="twee-decimalen"),
        pytest.param(2.675, 2, "2,68%", id="binair-2.67499"),
        pytest.param(-4.75, 1, "-4,8%", id="negatief-weg-van-nul"),
        pytest.param(12.5, 0, "13%", id="geen-decimalen"),
    ],
)
def test_procent_rondt_half_naar_boven(waarde: float, decimalen: int, tekst: str) -> None:
    """Percentages ronden half naar boven (12,25 -> 12,3), niet naar even zoals Python's round (12,2)."""
    assert formaat.procent(waarde, decimalen) == tekst


def test_opschalingstabel_past_op_80_kolommen() -> None:
    """'Wat betekent dit per jaar?' op de meegeleverde set met voorbeeld/casuskosten.toml past op 80 kolommen."""
    import io

    from rich.console import Console

    from casuskosten import bereken, laad_instellingen
    from casuskosten.uitvoer.terminal import opschalingtabel
    from tests.conftest import PROJECT

    r = bereken(
        PROJECT / "casussen", PROJECT / "tarieven", laad_instellingen(PROJECT / "voorbeeld" / "casuskosten.toml")
    )
    tabel = opschalingtabel(r)
    assert tabel is not None
    console = Console(width=80, file=io.StringIO())
    console.print(tabel)
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(regel) for regel in uit.splitlines()) <= 80
    assert "Rotterdam " in uit  # de naam is niet over twee regels gevouwen


def test_terminal_schrijft_een_bijna_zekere_kans_zoals_het_rapport(tarieven, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een team dat in elke doorrekening goedkoper is (kans 1): de terminal zegt "meer dan 99%", net als de
    kernboodschap en het rapport, en niet "100%"."""
    from casuskosten import bereken
    from casuskosten.uitvoer.terminal import kernboodschappen
    from tests.conftest import casus

    zeker = [
        casus(id=f"Z{i}", voor=[{"tarief": "zwaar", "aantal": 10}], team=[{"tarief": "hulp", "aantal": 1}])
        for i in range(3)
    ]
    r = bereken([casusmap(*zeker)], tarieven)
    kans = r.gemeente("Beta").antwoord.kans_besparing
    assert kans is not None
    assert kans > 0.99
    tekst = _tekst(kernboodschappen(r), breedte=200)
    assert tekst.count("meer dan 99%") >= 3  # kernboodschap van totaal en Beta, en de tabel
    assert "100%" not in tekst
