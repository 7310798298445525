"""De Python-API: wat een notebookgebruiker als eerste typt, werkt of geeft een Nederlandse `CasuskostenFout`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

import casuskosten
from casuskosten.fouten import CasuskostenFout, InstellingenFout, InvoerFout
from casuskosten.invoer.instellingen import Correctie, Huisstijl, laad_instellingen
from tests.conftest import PROJECT, casus

PEIL_2015 = casuskosten.Instellingen(prijspeil=2015, discontovoet=0.0)


def _twee_gemeenten(casusmap):  # type: ignore[no-untyped-def]
    """Twee casussen: Rotterdam (10 uur hulp) en Westerveld (4 uur maatje), met de prijzen van 2015."""
    return casusmap(
        casus(id="RTD-01", gemeente="Rotterdam", datum="2015-03-01", voor=[{"tarief": "hulp", "aantal": 10}]),
        casus(id="WSV-01", gemeente="Westerveld", datum="2016-11-30", voor=[{"tarief": "maatje", "aantal": 4}]),
    )


def test_readme_vanuit_python_draait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Het codeblok onder 'Vanuit Python' in de README werkt zoals het er staat (vanuit de projectmap)."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    sectie = readme.split("## Vanuit Python", 1)[1].split("\n## ", 1)[0]
    blok = re.search(r"```python\n(.*?)```", sectie, re.DOTALL)
    assert blok is not None
    monkeypatch.chdir(PROJECT)
    exec(compile(blok.group(1), "README.md (Vanuit Python)", "exec"), {})


@pytest.mark.parametrize(
    "als",
    [
        pytest.param(str, id="tekst"),
        pytest.param(Path, id="path"),
        pytest.param(lambda p: [str(p)], id="lijst-van-tekst"),
        pytest.param(lambda p: (Path(p),), id="tuple-van-path"),
    ],
)
def test_bereken_neemt_een_pad_als_tekst_path_of_lijst(als, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`bereken("casussen", "tarieven")` leest de map (niet de letters van de tekst), net als een lijst van paden."""
    map_ = _twee_gemeenten(casusmap)
    resultaat = casuskosten.bereken(als(map_), str(tarieven), PEIL_2015)
    assert sorted(resultaat.casussen["id"]) == ["RTD-01", "WSV-01"]
    # Rotterdam: 10 uur hulp x EUR 10 (landelijk 2015) = EUR 100 voor_2015, niets in het sociaal team
    assert resultaat.gemeente("Rotterdam").kosten_voor_2015 == pytest.approx(100.0)


def test_onbekende_gemeente_is_een_fout_met_suggestie_en_de_bekende_namen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`resultaat.gemeente("Roterdam")` geeft een `InvoerFout` met 'bedoelde u' en de bekende gemeenten."""
    resultaat = casuskosten.bereken(_twee_gemeenten(casusmap), tarieven, PEIL_2015)
    with pytest.raises(InvoerFout) as fout:
        resultaat.gemeente("Roterdam")
    assert str(fout.value) == (
        "gemeente: geen casussen van gemeente 'Roterdam'; bedoelde u 'Rotterdam'?; bekend: Rotterdam, Westerveld"
    )


def test_onbekende_gemeente_zonder_gelijkende_naam_noemt_de_bekende(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een gemeente zonder casussen (Utrecht) is een `CasuskostenFout` die de bekende namen noemt, geen KeyError."""
    resultaat = casuskosten.bereken(_twee_gemeenten(casusmap), tarieven, PEIL_2015)
    with pytest.raises(CasuskostenFout, match=r"^gemeente: geen casussen van gemeente 'Utrecht'; bekend: Rotterdam"):
        resultaat.gemeente("Utrecht")


def test_gemeente_opzoeken_is_hoofdletterongevoelig(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`gemeente("ROTTERDAM")` vindt Rotterdam."""
    resultaat = casuskosten.bereken(_twee_gemeenten(casusmap), tarieven, PEIL_2015)
    assert resultaat.gemeente("ROTTERDAM").gemeente == "Rotterdam"


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        pytest.param(
            {"discontovoet": 3}, "Instellingen(...): discontovoet: '3' is te groot; moet <= 0.2 zijn", id="te-groot"
        ),
        pytest.param(
            {"discontovoet": "drie"},
            "Instellingen(...): discontovoet: verwacht een getal (met een punt als decimaalteken), gekregen 'drie'",
            id="geen-getal",
        ),
        pytest.param(
            {"correctie": {"hoog": 2}},
            "Instellingen(...): correctie.hoog: '2' is te groot; moet <= 1 zijn",
            id="genest",
        ),
        pytest.param(
            {"disconto": 0.03},
            "Instellingen(...): disconto: onbekend veld 'disconto'; bedoelde u 'discontovoet'?; toegestaan: "
            "prijspeil, discontovoet, bootstrap_iteraties, psa_iteraties, intervalmethode, seed, correctie, "
            "onzekerheid, huisstijl, opschaling, formatie",
            id="tikfout",
        ),
    ],
)
def test_ongeldige_instellingen_uit_python_geven_een_nederlandse_fout(velden: dict[str, object], verwacht: str) -> None:
    """`Instellingen(discontovoet=3)` geeft een `InstellingenFout` met een Nederlandse melding, geen pydantic-fout."""
    with pytest.raises(InstellingenFout) as fout:
        casuskosten.Instellingen(**velden)  # type: ignore[arg-type]
    assert str(fout.value) == verwacht


@pytest.mark.parametrize(
    ("maak", "verwacht"),
    [
        pytest.param(
            lambda: Correctie(hoog=2), "Correctie(...): hoog: '2' is te groot; moet <= 1 zijn", id="correctie"
        ),
        pytest.param(lambda: Huisstijl(kleur=5), "Huisstijl(...): kleur: verwacht tekst, gekregen '5'", id="huisstijl"),
        pytest.param(
            lambda: casuskosten.Instellingen(correctie=Correctie(hoog=0.1), onzekerheid={"kansconcentratie": {"x": 1}}),
            "Instellingen(...): onzekerheid.kansconcentratie.x: onbekend veld 'x'",
            id="genest-in-instellingen",
        ),
    ],
)
def test_ook_de_onderdelen_van_de_instellingen_geven_een_nederlandse_fout(maak: Any, verwacht: str) -> None:
    """`Correctie(hoog=2)` en `Huisstijl(kleur=5)` (ook bouwstenen van `Instellingen`) geven een `InstellingenFout`;
    binnen `Instellingen(...)` noemt de melding het hele pad."""
    with pytest.raises(InstellingenFout) as fout:
        maak()
    assert str(fout.value).startswith(verwacht)


def test_instellingenbestand_houdt_bestand_en_regel_in_de_melding(tmp_path: Path) -> None:
    """Een fout in casuskosten.toml noemt nog steeds het bestand en de regel (niet 'Instellingen(...)')."""
    bestand = tmp_path / "casuskosten.toml"
    bestand.write_text("seed = 1\n\n[correctie]\nhoog = 2\n", encoding="utf-8")
    with pytest.raises(InstellingenFout) as fout:
        laad_instellingen(bestand)
    assert str(fout.value) == f"{bestand}:4: correctie.hoog: '2' is te groot; moet <= 1 zijn"


def test_instellingen_blijven_bevroren() -> None:
    """Gemaakte instellingen zijn niet te wijzigen (frozen)."""
    eigen = casuskosten.Instellingen(prijspeil=2016, discontovoet=0.03)
    with pytest.raises(ValueError, match="frozen"):
        eigen.seed = 1  # type: ignore[misc]


def test_dir_toont_de_publieke_namen() -> None:
    """`dir(casuskosten)` toont precies de publieke namen, ook al worden ze pas bij gebruik geïmporteerd."""
    assert dir(casuskosten) == sorted(casuskosten.__all__)
    assert {"bereken", "Instellingen", "CasuskostenFout", "Resultaat"} <= set(dir(casuskosten))


def test_datumkolom_is_een_datum(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De kolom `datum` van `resultaat.casussen` is datetime64 (geen tekst); de JSON houdt JJJJ-MM-DD."""
    resultaat = casuskosten.bereken(_twee_gemeenten(casusmap), tarieven, PEIL_2015)
    assert pd.api.types.is_datetime64_any_dtype(resultaat.casussen["datum"])
    datums = dict(zip(resultaat.casussen["id"], resultaat.casussen["datum"], strict=True))
    assert datums["RTD-01"] == pd.Timestamp(2015, 3, 1)
    json_datums = {c["id"]: c["datum"] for c in resultaat.naar_dict()["casussen"]}
    assert json_datums == {"RTD-01": "2015-03-01", "WSV-01": "2016-11-30"}
    assert (resultaat.totaal.periode.van, resultaat.totaal.periode.tot_en_met) == ("2015-03-01", "2016-11-30")


# --- tarieven/ naast de casussen --------------------------------------------------------------------------------


def test_zonder_tariefmap_in_de_werkmap_geldt_die_naast_de_casussen(
    tmp_path: Path,
    tarieven: Path,
    casusmap,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Vanuit een andere map vindt `bereken(pad)` de map tarieven/ naast de casusmap (hier tmp_path/tarieven)."""
    map_ = _twee_gemeenten(casusmap)
    elders = tmp_path / "elders"
    elders.mkdir()
    monkeypatch.chdir(elders)
    resultaat = casuskosten.bereken(str(map_), instellingen=PEIL_2015)
    assert resultaat.gemeente("Rotterdam").kosten_voor_2015 == pytest.approx(100.0)
    assert resultaat.tariefbestanden[0][0].startswith(str(tarieven))


def test_zonder_tariefmap_rekent_met_de_meegeleverde_landelijke_tarieven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Geen tarieven/ in de werkmap of naast de casussen: de landelijke tabellen van het pakket, met een waarschuwing
    die het zegt; de casus wordt beprijsd met hbh_uur uit die tabellen (hetzelfde als met --tarieven tarieven)."""
    casussen = tmp_path / "a" / "b" / "casussen"
    casussen.mkdir(parents=True)
    (casussen / "x.yaml").write_text(
        yaml.safe_dump(casus(id="X", voor=[{"tarief": "hbh_uur", "aantal": 10}]), allow_unicode=True), encoding="utf-8"
    )
    elders = tmp_path / "elders"
    elders.mkdir()
    monkeypatch.chdir(elders)
    meegeleverd = casuskosten.bereken(casussen, instellingen=PEIL_2015, werkers=1)
    assert "meegeleverde_tarieven" in [w.code for w in meegeleverd.alle_waarschuwingen()]
    assert {Path(b).name for b, _ in meegeleverd.tariefbestanden} == {
        "gemeenten.csv",
        "landelijk.csv",
        "prijsindex.csv",
    }
    eigen = casuskosten.bereken(casussen, PROJECT / "tarieven", PEIL_2015, werkers=1)
    # wie de map zelf opgeeft, krijgt de waarschuwing niet, ook niet als het pakket er (ontwikkelinstallatie) via een
    # link naar wijst
    assert "meegeleverde_tarieven" not in [w.code for w in eigen.alle_waarschuwingen()]
    assert meegeleverd.totaal.kosten_voor_2015 == pytest.approx(eigen.totaal.kosten_voor_2015)
    assert meegeleverd.totaal.kosten_voor_2015 > 0


def test_de_meegeleverde_tarieven_zijn_die_van_de_projectmap() -> None:
    """Het pakket levert precies de tabellen van tarieven/ (een link), byte voor byte."""
    from casuskosten.invoer.tarieven import meegeleverde_tariefmap

    map_ = meegeleverde_tariefmap()
    assert sorted(p.name for p in map_.iterdir()) == sorted(p.name for p in (PROJECT / "tarieven").iterdir())
    for pad in (PROJECT / "tarieven").iterdir():
        assert (map_ / pad.name).read_bytes() == pad.read_bytes()


def test_verschillende_tariefmappen_naast_de_casussen_is_een_fout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Liggen twee casusmappen elk naast een eigen tarieven/, dan wordt niet geraden welke bedoeld is."""
    for project in ("een", "twee"):
        (tmp_path / project / "casussen").mkdir(parents=True)
        (tmp_path / project / "tarieven").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvoerFout) as fout:
        casuskosten.bereken([tmp_path / "een" / "casussen", tmp_path / "twee" / "casussen"])
    assert str(fout.value) == (
        f"tarieven: de casussen liggen naast verschillende tariefmappen ({tmp_path / 'een' / 'tarieven'}, "
        f"{tmp_path / 'twee' / 'tarieven'}); kies er een met --tarieven"
    )
