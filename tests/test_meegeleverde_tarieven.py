"""De meegeleverde tarieven in tarieven/: het juiste jaar bij elke bron, en aannames die zeggen dat ze het zijn."""

from __future__ import annotations

import pytest

from casuskosten.invoer.tarieven import laad_tarieven, zoek_tarieven
from tests.conftest import PROJECT

TABEL = laad_tarieven(PROJECT / "tarieven")
LANDELIJK = {r.code: r for r in TABEL.regels if not r.gemeente}


@pytest.mark.parametrize("code", sorted(c for c, r in LANDELIJK.items() if "Kostenhandleiding" in r.bron))
def test_rijen_uit_de_kostenhandleiding_hebben_jaar_2022(code: str) -> None:
    """Een rij die op een prijs uit de Kostenhandleiding rust (prijspeil 2022) heeft jaar 2022, niet 2016.

    Met jaar 2016 zou de indexering een prijs van 2022 nog eens met de inflatie 2016-2022 (ca. 21%) verhogen.
    """
    assert LANDELIJK[code].jaar == 2022


def test_afgeleide_aannames_hebben_jaar_2022() -> None:
    """wijkteam_uur, wmo_consulent_uur en zwn_bespreking zijn afgeleid van prijzen van 2022 en hebben dat jaar."""
    assert {c: LANDELIJK[c].jaar for c in ("wijkteam_uur", "wmo_consulent_uur", "zwn_bespreking")} == {
        "wijkteam_uur": 2022,
        "wmo_consulent_uur": 2022,
        "zwn_bespreking": 2022,
    }


def test_wijkteam_uur_blijft_binnen_de_band_van_zijn_bron() -> None:
    """Op prijspeil 2025 ligt wijkteam_uur tussen begeleiding thuis (64) en contact maatschappelijk werk (127).

    Met de hand: 70 x index 2025 / index 2022 = 70 x 134,517 / 121,445 = 70 x 1,10764 = 77,53.
    (Met het oude jaar 2016 was het 70 x 134,517 / 100,300 = 93,88.)
    """
    wijkteam = {t.regel.code: t for t in zoek_tarieven(TABEL, "Rotterdam", 2025, "wijkteam")}["wijkteam_uur"]
    assert wijkteam.prijs == pytest.approx(77.53, abs=0.005)
    assert 64 <= wijkteam.prijs <= 127


def test_zwn_bespreking_rekent_met_het_wijkteamuur() -> None:
    """zwn_bespreking is 20 professionals x 0,25 uur x wijkteam_uur: 20 x 0,25 x 70 = 350 (2022)."""
    assert LANDELIJK["zwn_bespreking"].prijs == pytest.approx(20 * 0.25 * LANDELIJK["wijkteam_uur"].prijs)


def test_beschermingsbewind_volgt_de_regeling_beloning() -> None:
    """Beschermingsbewind: jaarbeloning professionele bewindvoerder 2024 EUR 1.320 / 12 = EUR 110 per maand.

    Op prijspeil 2025: 110 x 134,517 / 130,220 = 110 x 1,03300 = 113,63.
    """
    bewind = LANDELIJK["beschermingsbewind_maand"]
    assert (bewind.prijs, bewind.jaar) == (pytest.approx(1320 / 12), 2024)
    assert "Regeling beloning curatoren, bewindvoerders en mentoren" in bewind.bron
    op_peil = {t.regel.code: t for t in zoek_tarieven(TABEL, "Rotterdam", 2025, "bewind")}
    assert op_peil["beschermingsbewind_maand"].prijs == pytest.approx(113.63, abs=0.005)


def test_maatschappelijk_werk_zegt_dat_het_het_ggz_tarief_is() -> None:
    """maatschappelijk_werk_contact noemt dat het de ggz-prijs van de Kostenhandleiding is, als benadering."""
    rij = LANDELIJK["maatschappelijk_werk_contact"]
    assert "ggz" in rij.omschrijving
    assert "categorie ggz" in rij.bron
    assert rij.betrouwbaarheid == "middel"


@pytest.mark.parametrize("regel", [r for r in TABEL.regels if r.bron.startswith("aanname")], ids=lambda r: r.code)
def test_een_aanname_heeft_betrouwbaarheid_laag(regel) -> None:  # type: ignore[no-untyped-def]
    """Een rij zonder gepubliceerd cijfer (bron begint met 'aanname') heeft betrouwbaarheid laag."""
    assert regel.betrouwbaarheid == "laag"
