"""Een kans onder 1 zonder toelichting: één regel voor `controleer`, `bereken`, de rapporten en de sessie.

Een waarschuwing, geen fout: de cijfers kloppen ook zonder toelichting, en bestaande bestanden blijven geldig. Maar een
lezer moet kunnen zien waarom een inzet vóór 2015 maar met die kans was gebeurd, dus de tool zegt het, met bestand,
regel en veld.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casuskosten.invoer.casussen import kans_zonder_toelichting, lees_casus, toelichting_waarschuwingen
from casuskosten.pijplijn import bereken
from tests.conftest import PROJECT, Draai

TARIEVEN = PROJECT / "tarieven"

#: regel 12 is de eerste kans (0.5, zonder toelichting), regel 15 de tweede (0.25, toelichting alleen spaties),
#: regel 19 een kans met toelichting, regel 26 een kans in het traject sociaal team (daar geldt de regel niet)
CASUS = """\
id: KT-01
gemeente: Teststad
datum: 2016-05-01
horizon_maanden: 12
zekerheid: middel
situatie: Een kleine testcasus.
trajecten:
  voor_2015:
    inzet:
      - tarief: hbh_uur
        aantal: 2
        kans: 0.5
      - tarief: hbh_uur
        aantal: 1
        kans: 0.25
        toelichting: "   "
      - tarief: hbh_uur
        aantal: 1
        kans: 0.7
        toelichting: alleen als de buren aan de bel trekken
  sociaal_team:
    inzet:
      - tarief: wijkteam_uur
        aantal: 6
        kans: 0.5
doelen:
  voorkomen_zwaardere_zorg: onbekend
  integrale_aanpak: onbekend
  preventie_escalatie: onbekend
  betere_ondersteuning: onbekend
  zelfredzaamheid: onbekend
"""


@pytest.fixture
def casus(tmp_path: Path) -> Path:
    pad = tmp_path / "kt-01.yaml"
    pad.write_text(CASUS, encoding="utf-8")
    return pad


def test_elke_kans_onder_1_zonder_toelichting_krijgt_een_melding_bij_zijn_toelichtingsveld(casus: Path) -> None:
    """Per regel vóór 2015 een melding met de regel van de kans en het veld `toelichting`; een toelichting van
    alleen spaties telt als geen; een regel met toelichting en het traject sociaal team krijgen er geen."""
    meldingen = kans_zonder_toelichting(lees_casus(casus))
    assert [(m.regel, m.veld) for m in meldingen] == [
        (12, "trajecten.voor_2015.inzet[0].toelichting"),
        (15, "trajecten.voor_2015.inzet[1].toelichting"),
    ]
    assert meldingen[0].tekst.startswith("kans 50% zonder toelichting: schrijf waarom deze inzet vóór 2015")
    assert meldingen[1].tekst.startswith("kans 25% zonder toelichting")


def test_bereken_geeft_een_waarschuwing_per_casus_met_alle_regels(casus: Path) -> None:
    """`bereken` telt de casus gewoon mee en geeft één waarschuwing voor de casus, op de regel van de eerste kans,
    die beide regels noemt: vijf bijna gelijke regels per casus maakten de terminal en de verantwoording onleesbaar."""
    resultaat = bereken([casus], TARIEVEN)
    waarschuwingen = [w for w in resultaat.casus_waarschuwingen["KT-01"] if w.code == "kans_zonder_toelichting"]
    assert len(waarschuwingen) == 1
    assert waarschuwingen[0].melding.endswith(  # het pad ervoor is relatief aan de werkmap
        f"{casus.name}:12: trajecten.voor_2015.inzet: 2 regels met een kans onder 100% zonder toelichting "
        "(regel 1: 50%, regel 2: 25%): schrijf bij elk waarom deze inzet vóór 2015 maar met die kans was "
        "gebeurd, zodat een lezer de kans kan volgen"
    )


def test_een_enkele_regel_zonder_toelichting_noemt_zijn_eigen_veld(tmp_path: Path) -> None:
    """Met één zo'n regel is de waarschuwing de melding van dat veld zelf (geen telling van 1 regel)."""
    pad = tmp_path / "kt-02.yaml"
    pad.write_text(CASUS.replace("KT-01", "KT-02").replace('toelichting: "   "', "toelichting: na een val"), "utf-8")
    (waarschuwing,) = toelichting_waarschuwingen(lees_casus(pad))
    assert f"{pad.name}:12: trajecten.voor_2015.inzet[0].toelichting: kans 50% zonder" in waarschuwing.melding
    assert "regels" not in waarschuwing.melding


def test_met_alle_toelichtingen_is_er_geen_waarschuwing(tmp_path: Path) -> None:
    """Een casus waarin elke kans onder 1 vóór 2015 een toelichting heeft, geeft deze waarschuwing niet."""
    pad = tmp_path / "kt-03.yaml"
    tekst = CASUS.replace("KT-01", "KT-03").replace('toelichting: "   "', "toelichting: na een val")
    tekst = tekst.replace(
        "        kans: 0.5\n      - tarief: hbh_uur",
        "        kans: 0.5\n        toelichting: x\n      - tarief: hbh_uur",
        1,
    )
    pad.write_text(tekst, encoding="utf-8")
    assert toelichting_waarschuwingen(lees_casus(pad)) == ()


def test_controleer_accepteert_de_casus_en_noemt_de_waarschuwing(casus: Path, draai: Draai) -> None:
    """`controleer` eindigt met 0 (het bestand is geldig) en noemt de waarschuwing met bestand en regel, ook met
    `--streng` (dat gaat over persoonsgegevens)."""
    for extra in ((), ("--streng",)):
        uitkomst = draai("controleer", str(casus), "--tarieven", str(TARIEVEN), "--details", *extra)
        assert uitkomst.returncode == 0, uitkomst.stderr
        tekst = " ".join((uitkomst.stdout + uitkomst.stderr).split())
        assert "Kans zonder toelichting" in tekst
        assert (
            f"{casus.name}:12: trajecten.voor_2015.inzet: 2 regels met een kans onder 100% zonder toelichting" in tekst
        )


def test_het_rapport_noemt_de_waarschuwing_zonder_plaats_en_veld(casus: Path) -> None:
    """In een rapport staat de waarschuwing als zin voor een lezer: zonder bestand, regel en veldpad
    (`trajecten.voor_2015.inzet: `), die in de terminal wel staan; de regels geteld zoals de sessie ze toont."""
    from casuskosten.benamingen import waarschuwingstekst

    (waarschuwing,) = toelichting_waarschuwingen(lees_casus(casus))
    assert waarschuwingstekst(waarschuwing) == (
        "2 regels met een kans onder 100% zonder toelichting (regel 1: 50%, regel 2: 25%): schrijf bij elk waarom deze "
        "inzet vóór 2015 maar met die kans was gebeurd, zodat een lezer de kans kan volgen."
    )
