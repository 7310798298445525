"""Eén doorgang per gemeente: één verdeling van de gegevens, en een gemeente hangt niet af van de andere."""

from __future__ import annotations

from pathlib import Path

import pytest

from casuskosten import Instellingen, bereken
from casuskosten.rekenen.gemeenten import Verdeling, bereken_gemeenten
from tests.conftest import casus

SNEL = Instellingen(prijspeil=2015, discontovoet=0, psa_iteraties=300, bootstrap_iteraties=300)


def _casussen() -> list[dict[str, object]]:
    # zes casussen in Beta (genoeg voor een interval), twee in Alfa, in gemengde volgorde
    uit = []
    for i in range(8):
        gemeente = "Alfa" if i in (2, 5) else "Beta"
        uit.append(
            casus(
                id=f"C-{i}",
                gemeente=gemeente,
                voor=[{"tarief": "hulp", "aantal": 10 + i, "kans": 0.5}],
                team=[{"tarief": "maatje", "aantal": 3}],
            )
        )
    return uit


def test_de_verdeling_geeft_elke_gemeente_haar_casussen_in_hun_volgorde(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Eén verdeling: gemeenten op naam, elk met haar casussen in de oorspronkelijke volgorde; de PSA-invoer volgt
    precies die verdeling."""
    resultaat = bereken([casusmap(*_casussen())], tarieven, SNEL, werkers=1)
    verdeling = Verdeling.maak(resultaat.casussen, resultaat.regels, SNEL)
    assert [d.naam for d in verdeling.delen] == ["Alfa", "Beta"]
    assert verdeling.delen[0].casussen["id"].tolist() == ["C-2", "C-5"]
    assert verdeling.delen[1].casussen["id"].tolist() == ["C-0", "C-1", "C-3", "C-4", "C-6", "C-7"]
    assert verdeling.psa.ids == ["C-2", "C-5", "C-0", "C-1", "C-3", "C-4", "C-6", "C-7"]
    assert set(verdeling.delen[0].regels["casus"].tolist()) == {"C-2", "C-5"}


def test_een_gemeente_alleen_rekent_hetzelfde_als_tussen_andere(tarieven: Path, casusmap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Beta alleen geeft dezelfde kans, intervallen en sommen als Beta naast Alfa: elke gemeente trekt uit haar
    eigen reeksen in haar eigen doorgang."""
    samen = bereken([casusmap(*_casussen())], tarieven, SNEL, werkers=2)
    alleen_map = tmp_path / "alleen"
    alleen_map.mkdir()
    for bestand in (tmp_path / "casussen").iterdir():
        if "gemeente: Beta" in bestand.read_text(encoding="utf-8"):
            (alleen_map / bestand.name).write_text(bestand.read_text(encoding="utf-8"), encoding="utf-8")
    alleen = bereken([alleen_map], tarieven, SNEL, werkers=1)
    a, b = samen.gemeente("Beta"), alleen.gemeente("Beta")
    assert a.antwoord == b.antwoord
    assert a.besparing_pct_ci95 == b.besparing_pct_ci95
    # het totaal met één gemeente: dezelfde schatting, en het ondersteunende bootstrapinterval is dat van de gemeente
    assert alleen.totaal.antwoord.schatting == pytest.approx(b.antwoord.schatting)
    assert alleen.totaal.besparing_pct_ci95 == pytest.approx(b.besparing_pct_ci95)


def test_psa_kolommen_per_casus_komen_uit_de_doorgang_van_hun_gemeente(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De kans per huishouden staat onder het id van die casus, voor elke casus één keer."""
    resultaat = bereken([casusmap(*_casussen())], tarieven, SNEL, werkers=1)
    kolom = "antwoord_kans_goedkoper"
    uitkomst = bereken_gemeenten(resultaat.casussen.drop(columns=[kolom]), resultaat.regels, SNEL)
    assert sorted(uitkomst.psa_casussen.index) == sorted(f"C-{i}" for i in range(8))
    kansen = resultaat.casussen.set_index("id")[kolom]
    for casus_id, kans in uitkomst.psa_casussen[kolom].items():
        assert kans == kansen[casus_id]
        # vóór: 10 + i uur x 10 die met kans 0,5 gebeuren, tegen 3 uur maatje x 5 = 15: voor het huishouden is het
        # team goedkoper als de inzet gebeurt, dus in ongeveer de helft van de trekkingen
        assert 0.4 < kans < 0.6
