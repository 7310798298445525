"""Eén invoerobject en één aanroep per opdracht: de opdrachtregel bouwt `Invoeropties` en roept de kern één keer aan."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import casuskosten
from casuskosten import cli, pijplijn
from casuskosten.fouten import CasuskostenFout, InstellingenFout, Melding
from casuskosten.invoer.opties import Invoeropties, Invoerpad
from tests.conftest import casus

SNEL = "bootstrap_iteraties = 100\npsa_iteraties = 100\n"


@pytest.mark.parametrize(
    ("paden", "verwacht"),
    [
        pytest.param("casussen", (Path("casussen"),), id="tekst-is-een-pad"),
        pytest.param(Path("casussen"), (Path("casussen"),), id="path"),
        pytest.param(["a", Path("b")], (Path("a"), Path("b")), id="lijst"),
    ],
)
def test_invoeropties_maken_van_elk_pad_een_path(paden: object, verwacht: tuple[Path, ...]) -> None:
    """`Invoeropties("casussen")` leest de map casussen, niet de letters c, a, s ...; tekst wordt `Path`."""
    opties = Invoeropties(paden, tarieven="tarieven", instellingen="eigen.toml")  # type: ignore[arg-type]
    assert opties.paden == verwacht
    assert (opties.tarieven, opties.instellingen) == (Path("tarieven"), Path("eigen.toml"))


def test_invoeropties_zijn_bevroren() -> None:
    """Een opdracht kan de opties van een ander niet onderweg veranderen."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        Invoeropties().werkers = 2  # type: ignore[misc]


def test_zonder_paden_leest_de_kern_casussen() -> None:
    """Net als de opdrachtregel zonder PAD: standaard de map casussen/."""
    assert Invoeropties().paden == (Path("casussen"),)


def test_bereken_invoer_rekent_als_bereken_en_kent_zijn_invoer(
    tarieven: Path, casusmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`bereken_invoer(opties)` geeft dezelfde cijfers als `bereken` met dezelfde invoer; het resultaat onthoudt de
    casusmap, de tariefmap en het instellingenbestand (ook casuskosten.toml als dat er niet is)."""
    map_ = casusmap(casus(id="A-01", gemeente="Alfa", datum="2015-03-01", voor=[{"tarief": "hulp", "aantal": 10}]))
    monkeypatch.chdir(tmp_path)
    opties = Invoeropties((map_,), tarieven=tarieven, prijspeil=2015, werkers=1)
    resultaat = casuskosten.bereken_invoer(opties)
    los = casuskosten.bereken(map_, tarieven, casuskosten.Instellingen(prijspeil=2015), werkers=1)
    # 10 uur hulp in Alfa: het Alfa-tarief van 2016 (15) terug naar 2015 (index 110 -> 100)
    assert resultaat.gemeente("Alfa").kosten_voor_2015 == pytest.approx(10 * 15 / 1.1)
    assert resultaat.naar_dict() == los.naar_dict()
    assert resultaat.invoerpaden == (
        Invoerpad(map_, "casussen"),
        Invoerpad(tarieven, "tarieven"),
        Invoerpad(tmp_path / "casuskosten.toml", "instellingen"),
    )


def test_bereken_invoer_leest_eerst_de_instellingen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ontbreken instellingenbestand én tariefmap, dan meldt elke opdracht eerst het instellingenbestand."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InstellingenFout, match=r"^weg\.toml: instellingenbestand bestaat niet$"):
        casuskosten.bereken_invoer(Invoeropties(instellingen=Path("weg.toml")))


def test_controleer_invoer_toetst_het_prijspeil(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een prijspeil buiten de prijsindex (2015-2017) is ook bij een controle een fout."""
    map_ = casusmap(casus(id="A-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    goed = casuskosten.controleer_invoer(Invoeropties((map_,), tarieven=tarieven, prijspeil=2016, werkers=1))
    fout = casuskosten.controleer_invoer(Invoeropties((map_,), tarieven=tarieven, prijspeil=1990, werkers=1))
    assert goed.fouten == ()
    assert len(fout.fouten) == 1
    assert "1990" in fout.fouten[0].tekst


class _Gestopt(CasuskostenFout):
    """Stopt de opdracht direct na de aanroep van de kern (de test wil alleen de opties zien)."""


ALLE_OPTIES = ["--tarieven", "t", "--instellingen", "s.toml", "--prijspeil", "2016", "--sla-ongeldige-over"]
VERWACHT = Invoeropties(
    (Path("x.yaml"),), tarieven=Path("t"), instellingen=Path("s.toml"), prijspeil=2016, sla_ongeldige_over=True
)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["bereken", "x.yaml", *ALLE_OPTIES, "--json"], id="bereken"),
        pytest.param(["export", "x.yaml", *ALLE_OPTIES, "--formaat", "csv"], id="export"),
        pytest.param(["rapport", "x.yaml", *ALLE_OPTIES, "--gemeente", "Alfa"], id="rapport"),
        pytest.param(["casus", "x.yaml", *ALLE_OPTIES, "--anoniem"], id="casus"),
        pytest.param(["vergelijk", "x.yaml", *ALLE_OPTIES, "--formaat", "pdf"], id="vergelijk"),
    ],
)
def test_elke_opdracht_geeft_zijn_opties_in_een_aanroep_aan_de_kern(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """bereken, export, rapport, casus en vergelijk lezen niets zelf: één `bereken_invoer` met alle opties."""
    aanroepen: list[Invoeropties] = []

    def kern(opties: Invoeropties, **_: object) -> None:
        aanroepen.append(opties)
        raise _Gestopt([Melding(None, None, None, "gestopt")])

    monkeypatch.setattr(pijplijn, "bereken_invoer", kern)
    with pytest.raises(SystemExit) as stop:
        cli.main([*args, "--werkers", "3"])
    assert stop.value.code == 1
    assert aanroepen == [dataclasses.replace(VERWACHT, werkers=3)]
    assert "FOUT gestopt" in capsys.readouterr().err


def test_controleer_geeft_zijn_opties_in_een_aanroep_aan_de_kern(monkeypatch: pytest.MonkeyPatch) -> None:
    """`controleer` zonder PAD: de standaardmap casussen/, met --streng apart van de invoer."""
    aanroepen: list[tuple[Invoeropties, bool]] = []

    def kern(opties: Invoeropties, *, streng: bool = False) -> pijplijn.Controle:
        aanroepen.append((opties, streng))
        return pijplijn.Controle((), (), 1, 1)

    monkeypatch.setattr(pijplijn, "controleer_invoer", kern)
    with pytest.raises(SystemExit) as stop:
        cli.main(["controleer", "--tarieven", "t", "--streng", "--werkers", "2"])
    assert stop.value.code == 0
    assert aanroepen == [(Invoeropties(tarieven=Path("t"), werkers=2), True)]


def test_bereken_op_de_opdrachtregel_schrijft_wat_de_kern_gaf(
    tarieven: Path, casusmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Van opties tot bestand in één proces: `bereken --json --uit` schrijft de JSON van `bereken_invoer`."""
    map_ = casusmap(casus(id="A-01", voor=[{"tarief": "hulp", "aantal": 1}]))
    (tmp_path / "snel.toml").write_text(SNEL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    uit = tmp_path / "uit.json"
    with pytest.raises(SystemExit) as stop:
        cli.main(["bereken", str(map_), "--tarieven", str(tarieven), "--instellingen", "snel.toml", "--json",
                  "--uit", str(uit), "--werkers", "1"])  # fmt: skip
    assert stop.value.code == 0
    opties = Invoeropties((map_,), tarieven=tarieven, instellingen=Path("snel.toml"), werkers=1)
    assert uit.read_text(encoding="utf-8") == "".join(casuskosten.bereken_invoer(opties).json_delen())
