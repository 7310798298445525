"""Eigenschappen die voor elke geldige invoer gelden (hypothesis); laden gooit nooit iets anders dan onze fout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import casuskosten
from casuskosten.fouten import CasuskostenFout
from casuskosten.invoer.casussen import lees_casus
from casuskosten.invoer.yamlbron import lees_yaml_tekst
from casuskosten.rekenen.resultaat import Aggregaat, Resultaat
from tests.conftest import PRIJSINDEX_CSV, PROJECT, SNEL, TARIEVEN_CSV, casus

# de eigenschappen gaan over bedragen en sommen, niet over de intervallen: weinig trekkingen volstaan
INSTELLINGEN = SNEL
EIGENSCHAP = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
GEMEENTEN = ("Alfa", "Beta", "Gamma")
PERS = (None, "dag", "week", "2 weken", "maand", "kwartaal", "jaar")
# prijzen in prijspeil 2017 (laatste jaar van de index 2015 = 100, 2016 = 110, 2017 = 121), met de keuzeregel uit de
# README met de hand uitgerekend: hulp 10 (2015) geldt voor 2015 en 2016, hulp 20 (2017) voor 2017; Alfa heeft een
# eigen hulp-rij 15 (2016) die ook voor 2015 geldt (er is geen Alfa-rij van vóór 2016)
PRIJS_2017 = {
    ("hulp", "Alfa", 2015): 15 * 121 / 110,
    ("hulp", "Alfa", 2016): 15 * 121 / 110,
    ("hulp", "Alfa", 2017): 15 * 121 / 110,
    ("hulp", "Beta", 2015): 10 * 121 / 100,
    ("hulp", "Beta", 2016): 10 * 121 / 100,
    ("hulp", "Beta", 2017): 20.0,
    ("zwaar", None, None): 100 * 121 / 100,
    ("maatje", None, None): 5 * 121 / 100,
}


@st.composite
def inzetregels(draw: st.DrawFn, horizon: int) -> dict[str, Any]:
    """Eén geldige inzetregel die binnen de horizon past."""
    regel: dict[str, Any] = {
        "tarief": draw(st.sampled_from(["hulp", "zwaar", "maatje"])),
        "aantal": draw(st.integers(0, 40) | st.sampled_from([0.5, 1.5, 2.25])),
    }
    vanaf = draw(st.integers(0, horizon - 1))
    if vanaf:
        regel["vanaf_maand"] = vanaf
    per = draw(st.sampled_from(PERS))
    if per is not None:
        regel["per"] = per
        maanden = draw(st.none() | st.integers(1, horizon - vanaf))
        if maanden is not None:
            regel["duur"] = f"{maanden} maanden"
    kans = draw(st.sampled_from([1, 1, 0.9, 0.5, 0.25, 0]))
    if kans != 1:
        regel["kans"] = kans
    return regel


@st.composite
def casussen(draw: st.DrawFn, maximaal: int = 6) -> list[dict[str, Any]]:
    """1 tot `maximaal` geldige casussen met unieke ids, verspreid over een paar gemeenten."""
    uit = []
    for nr in range(draw(st.integers(1, maximaal))):
        horizon = draw(st.sampled_from([6, 12, 24, 36]))
        uit.append(
            casus(
                id=f"C-{nr:02d}",
                gemeente=draw(st.sampled_from(GEMEENTEN)),
                datum=draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2017, 12, 31))).isoformat(),
                horizon_maanden=horizon,
                zekerheid=draw(st.sampled_from(["hoog", "middel", "laag"])),
                voor=draw(st.lists(inzetregels(horizon), max_size=4)),
                team=draw(st.lists(inzetregels(horizon), max_size=4)),
            )
        )
    return uit


def _tarieftabel(factor: float) -> str:
    """De testtarieven met elke prijs maal `factor`."""
    rijen = list(csv.DictReader(io.StringIO(TARIEVEN_CSV)))
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, fieldnames=list(rijen[0]), lineterminator="\n")
    schrijver.writeheader()
    for rij in rijen:
        schrijver.writerow({**rij, "prijs": str(float(rij["prijs"]) * factor)})
    return uit.getvalue()


@contextmanager
def werkmap(data: list[dict[str, Any]], factoren: tuple[float, ...] = (1.0,)) -> Iterator[tuple[Path, list[Path]]]:
    """Een tijdelijke map met de casussen en per factor een tariefmap met de prijzen maal die factor."""
    with tempfile.TemporaryDirectory() as tijdelijk:
        basis = Path(tijdelijk)
        map_ = basis / "casussen"
        map_.mkdir()
        for c in data:
            (map_ / f"{c['id'].lower()}.yaml").write_text(
                yaml.safe_dump(c, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        tariefmappen = []
        for i, factor in enumerate(factoren):
            tarieven = basis / f"tarieven{i}"
            tarieven.mkdir()
            (tarieven / "test.csv").write_text(_tarieftabel(factor), encoding="utf-8")
            (tarieven / "prijsindex.csv").write_text(PRIJSINDEX_CSV, encoding="utf-8")
            tariefmappen.append(tarieven)
        yield map_, tariefmappen


def _bereken(data: list[dict[str, Any]], factoren: tuple[float, ...] = (1.0,)) -> list[Resultaat]:
    with werkmap(data, factoren) as (map_, tariefmappen):
        return [casuskosten.bereken([map_], t, INSTELLINGEN) for t in tariefmappen]


def _gelijk(a: float | None, b: float | None) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


@pytest.mark.traag
@EIGENSCHAP
@given(casussen())
def test_besparing_is_voor_min_team_en_kosten_zijn_de_som_van_de_regels(data: list[dict[str, Any]]) -> None:
    """Voor elke casus: besparing = voor − team, en elk traject kost de som van zijn beprijsde regels."""
    (resultaat,) = _bereken(data)
    regels = resultaat.regels
    for rij in resultaat.casussen.to_dict("records"):
        assert rij["besparing"] == pytest.approx(rij["kosten_voor_2015"] - rij["kosten_sociaal_team"], abs=1e-9)
        for traject, kolom in (("voor_2015", "kosten_voor_2015"), ("sociaal_team", "kosten_sociaal_team")):
            eigen = regels[(regels["casus"] == rij["id"]) & (regels["traject"] == traject)]
            assert rij[kolom] == pytest.approx(float(eigen["kosten"].sum()), abs=1e-9)
        if rij["kosten_voor_2015"] > 0:
            assert rij["besparing_pct"] == pytest.approx(rij["besparing"] / rij["kosten_voor_2015"] * 100)


@pytest.mark.traag
@EIGENSCHAP
@given(casussen())
def test_gemeentesommen_zijn_de_sommen_van_hun_casussen(data: list[dict[str, Any]]) -> None:
    """De sommen en aantallen van elke gemeente, en van het totaal, zijn de sommen over hun casussen."""
    (resultaat,) = _bereken(data)
    per_gemeente: dict[str, list[dict[str, Any]]] = {}
    for c in data:
        per_gemeente.setdefault(c["gemeente"], []).append(c)
    assert sorted(g.gemeente or "" for g in resultaat.gemeenten) == sorted(per_gemeente)
    tabel = resultaat.casussen
    for agg in resultaat.gemeenten:
        eigen = tabel[tabel["gemeente"] == agg.gemeente]
        assert agg.aantal_casussen == len(per_gemeente[str(agg.gemeente)]) == len(eigen)
        for kolom in ("kosten_voor_2015", "kosten_sociaal_team", "besparing", "kosten_voor_2015_gecorrigeerd"):
            assert getattr(agg, kolom) == pytest.approx(float(eigen[kolom].sum()), abs=1e-9)
    assert resultaat.totaal.aantal_casussen == len(data)
    for kolom in ("kosten_voor_2015", "kosten_sociaal_team", "besparing"):
        assert getattr(resultaat.totaal, kolom) == pytest.approx(
            sum(getattr(g, kolom) for g in resultaat.gemeenten), abs=1e-9
        )


@pytest.mark.traag
@EIGENSCHAP
@given(casussen())
def test_financiersommen_zijn_de_totalen(data: list[dict[str, Any]]) -> None:
    """Per gemeente en in het totaal tellen de sommen per financier op tot de drie totalen."""
    (resultaat,) = _bereken(data)
    for agg in (*resultaat.gemeenten, resultaat.totaal):
        for kolom in ("kosten_voor_2015", "kosten_sociaal_team", "besparing"):
            assert sum(getattr(f, kolom) for f in agg.per_financier) == pytest.approx(getattr(agg, kolom), abs=1e-9)
        for f in agg.per_financier:
            assert f.rol == ("bespaart" if f.besparing > 0 else "investeert" if f.besparing < 0 else "gelijk")


_BEDRAGEN = ("kosten_voor_2015", "kosten_sociaal_team", "besparing", "kosten_voor_2015_gecorrigeerd")
_PERCENTAGES = (
    "besparing_pct",
    "besparing_pct_gemiddeld",
    "besparing_pct_mediaan",
    "besparing_pct_gecorrigeerd",
    "aandeel_met_besparing",
)


def _vergelijk_aggregaat(een: Aggregaat, twee: Aggregaat) -> None:
    for veld in _BEDRAGEN:
        assert getattr(twee, veld) == pytest.approx(2 * getattr(een, veld), rel=1e-9, abs=1e-9), veld
    for veld in _PERCENTAGES:
        assert _gelijk(getattr(een, veld), getattr(twee, veld)), veld
    for veld in ("besparing_pct_ci95", "besparing_pct_gecorrigeerd_ci95"):
        a, b = getattr(een, veld), getattr(twee, veld)
        assert (a is None) == (b is None), veld
        if a is not None:
            assert list(b) == pytest.approx(list(a), rel=1e-9, abs=1e-9), veld
    for traject, aandeel in een.aandeel_kosten_laag_betrouwbaar.items():
        assert _gelijk(aandeel, twee.aandeel_kosten_laag_betrouwbaar[traject]), traject
    assert {f.financier: f.rol for f in een.per_financier} == {f.financier: f.rol for f in twee.per_financier}
    # de tornado staat in euro per huishouden per jaar: verdubbelt mee; het omslagpunt (een factor) blijft gelijk
    gevoelig = {g.parameter: g for g in twee.gevoeligheid}
    for g in een.gevoeligheid:
        for kant in ("laag", "hoog"):
            a, b = getattr(g, kant), getattr(gevoelig[g.parameter], kant)
            assert (a is None) == (b is None), g.parameter
            if a is not None:
                assert b == pytest.approx(2 * a, rel=1e-9, abs=1e-9), g.parameter
        assert _gelijk(g.omslagpunt, gevoelig[g.parameter].omslagpunt), g.parameter
    assert twee.antwoord.schatting == pytest.approx(2 * een.antwoord.schatting, rel=1e-9, abs=1e-9)


@pytest.mark.traag
@EIGENSCHAP
@given(casussen())
def test_dubbele_prijzen_verdubbelen_kosten_en_laten_percentages_gelijk(data: list[dict[str, Any]]) -> None:
    """Met elke prijs maal 2 verdubbelt elk bedrag (regel, casus, gemeente, totaal); elk percentage blijft gelijk."""
    een, twee = _bereken(data, (1.0, 2.0))
    assert list(twee.regels["kosten"]) == pytest.approx([2 * k for k in een.regels["kosten"]], rel=1e-9, abs=1e-9)
    for a, b in zip(een.casussen.to_dict("records"), twee.casussen.to_dict("records"), strict=True):
        assert a["id"] == b["id"]
        for veld in ("kosten_voor_2015", "kosten_sociaal_team", "besparing", "besparing_gecorrigeerd"):
            assert b[veld] == pytest.approx(2 * a[veld], rel=1e-9, abs=1e-9), veld
        for veld in ("besparing_pct", "besparing_pct_gecorrigeerd", "laag_betrouwbaar_voor_2015"):
            assert _gelijk(a[veld], b[veld]), veld
    assert [g.gemeente for g in een.gemeenten] == [g.gemeente for g in twee.gemeenten]
    for a, b in zip((*een.gemeenten, een.totaal), (*twee.gemeenten, twee.totaal), strict=True):
        _vergelijk_aggregaat(a, b)


@pytest.mark.traag
@EIGENSCHAP
@given(
    gemeente=st.sampled_from(["Alfa", "Beta"]),
    jaar=st.sampled_from([2015, 2016, 2017]),
    tarief=st.sampled_from(["hulp", "zwaar", "maatje"]),
    aantal=st.integers(0, 50),
    kans=st.sampled_from([1, 0.5, 0.25, 0]),
)
def test_eenmalige_inzet_kost_aantal_maal_kans_maal_prijs(
    gemeente: str, jaar: int, tarief: str, aantal: int, kans: float
) -> None:
    """Een eenmalige inzet in het eerste jaar kost aantal × kans × de (met de hand gekozen, geïndexeerde) prijs."""
    sleutel = (tarief, gemeente, jaar) if tarief == "hulp" else (tarief, None, None)
    data = [
        casus(
            id="E", gemeente=gemeente, datum=f"{jaar}-06-01", voor=[{"tarief": tarief, "aantal": aantal, "kans": kans}]
        )
    ]
    (resultaat,) = _bereken(data)
    assert resultaat.prijspeil == 2017
    assert float(resultaat.casussen["kosten_voor_2015"].iloc[0]) == pytest.approx(aantal * kans * PRIJS_2017[sleutel])


YAMLACHTIG = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzé0123456789 \n\t:-[]{}&*!|>'\",#%@`?.~\\<=+_/\ufeff\x00\x07")
    ),
    max_size=400,
)
STUKKEN = st.lists(
    st.sampled_from(
        [
            "id: A\n",
            "gemeente: Beta\n",
            "datum: 2016-02-30\n",
            "datum: 2016-05-01\n",
            "zekerheid: hoog\n",
            "situatie: x\n",
            "trajecten:\n",
            "  voor_2015:\n",
            "    inzet:\n",
            "      - tarief: hulp\n",
            "        aantal: -1\n",
            "        per: eeuw\n",
            "        duur: 3 maanden\n",
            "        kans: 2\n",
            "doelen:\n",
            "  integrale_aanpak: yes\n",
            "  zelfredzaamheid: {oordeel: ja, toelichting: a, b}\n",
            "a: &x [1, 2]\n",
            "b: *x\n",
            "<<: {c: 1}\n",
            "c: !!python/object/apply:os.system ['true']\n",
            "---\n",
            "? [k]\n: v\n",
            "horizon_maanden: 1e999\n",
            "prijspeil: .nan\n",
            "- - - - [x]\n",
            "\t",
            "  ",
            "'",
            "\ufeff",
            "id: 0x1F\n",
            "leefgebieden: [financien, financien, maan]\n",
        ]
    ),
    max_size=25,
).map("".join)


def _laad(inhoud: bytes) -> None:
    with tempfile.TemporaryDirectory() as tijdelijk:
        pad = Path(tijdelijk) / "casus.yaml"
        pad.write_bytes(inhoud)
        try:
            lees_casus(pad)
        except CasuskostenFout as fout:
            meldingen = fout.meldingen
        else:
            return
    assert meldingen, "een fout zonder melding helpt niemand"
    assert all(str(m) for m in meldingen)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
@example(b"\xff\xfeid: A\n")
@example(b"id: A\nsituatie: caf\xe9\n")
@example(b"\xef\xbb\xbfid: A\n")
def test_willekeurige_bytes_geven_alleen_een_eigen_fout(inhoud: bytes) -> None:
    """Welke bytes een casusbestand ook bevat: lees_casus gooit niets anders dan een CasuskostenFout."""
    _laad(inhoud)


@settings(max_examples=150, deadline=None)
@given(YAMLACHTIG | STUKKEN)
@example("- " * 2000 + "x")
@example("a: " + "[" * 200 + "]" * 200)
def test_yamlachtige_tekst_geeft_alleen_een_eigen_fout(tekst: str) -> None:
    """Willekeurige YAML-achtige tekst (tags, ankers, tabs, halve casussen) geeft alleen een CasuskostenFout."""
    _laad(tekst.encode("utf-8"))


def test_diep_genest_bestand_wordt_snel_geweigerd(tmp_path: Path) -> None:
    """Een klein bestand met 100.000 niveaus `- - - ...` is een nette fout, geen crash van de YAML-lezer.

    In een apart proces: zonder de dieptegrens crasht libyaml met een segfault, en dat zou pytest zelf meenemen.
    """
    pad = tmp_path / "diep.yaml"
    pad.write_text("- " * 100_000 + "x\n", encoding="utf-8")
    uit = subprocess.run(
        [sys.executable, "-m", "casuskosten", "controleer", str(pad), "--tarieven", str(PROJECT / "tarieven")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        check=False,
        timeout=60,
    )
    assert uit.returncode == 1, uit.stderr
    assert "diep.yaml:1: lijsten en mappings zijn meer dan 64 niveaus diep genest" in uit.stderr
    assert "Traceback" not in uit.stderr


@pytest.mark.parametrize("opvulling", [0, 10_000], ids=["klein-bestand", "groot-bestand"])
def test_dieptegrens_is_64_niveaus(opvulling: int) -> None:
    """64 niveaus (de wortel meegeteld) mag, 65 niet; in een klein en in een groot bestand dezelfde grens."""

    def tekst(lijsten: int) -> str:
        return "a: " + "[" * lijsten + "]" * lijsten + "\n# " + "x" * opvulling + "\n"

    data, _ = lees_yaml_tekst(tekst(63), "diep.yaml")  # wortel + 63 lijsten = 64 niveaus
    assert isinstance(data["a"], list)
    with pytest.raises(CasuskostenFout, match="meer dan 64 niveaus diep genest"):
        lees_yaml_tekst(tekst(64), "diep.yaml")
