"""Meldingen die begrensd zijn en niet misleiden (issue 24): 100.000 onbekende sleutels geven geen 25 MB, een waarde
van 800 KB staat niet voluit in een melding, en elke melding noemt de echte oorzaak."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from casuskosten.fouten import Melding
from tests.conftest import Draai, casus, schrijf_tarieven


def _schrijf(map_: Path, naam: str, data: Any) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / naam
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pad


def _honderdduizend_onbekende_sleutels(map_: Path) -> Path:
    """Een geldige casus met daaronder k0 ... k99999: 1 (onder de grens van 1 MiB per bestand)."""
    data = casus(id="K-1")
    data.update({f"k{i}": 1 for i in range(100_000)})
    return _schrijf(map_, "honderdduizend-onbekende-sleutels.yaml", data)


def test_honderdduizend_onbekende_sleutels_geven_tien_meldingen_en_een_slotregel(draai: Draai, tmp_path: Path) -> None:
    """De eerste 10 meldingen (k0 ... k9, op regelvolgorde) en dan "en nog 99.990 meldingen in dit bestand"."""
    _honderdduizend_onbekende_sleutels(tmp_path / "casussen")
    uit = draai("controleer", str(tmp_path / "casussen"), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")))
    assert uit.returncode == 1
    regels = [r for r in uit.stderr.splitlines() if r.startswith("FOUT")]
    assert len(regels) == 11
    assert [r.split(": ")[1] for r in regels[:10]] == [f"k{i}" for i in range(10)]
    assert regels[-1].endswith(
        "honderdduizend-onbekende-sleutels.yaml: en nog 99.990 meldingen in dit bestand; los eerst deze op"
    )
    assert len(uit.stderr) < 5_000


def test_een_waarde_van_800_kb_wordt_in_de_melding_afgekapt(draai: Draai, tmp_path: Path) -> None:
    """`zekerheid: xxx...` (800.000 tekens): de melding citeert 60 tekens en '…', niet de hele waarde."""
    _schrijf(tmp_path / "casussen", "waarde-van-800-kb.yaml", casus(id="W-1", zekerheid="x" * 800_000))
    uit = draai("controleer", str(tmp_path / "casussen"), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")))
    assert uit.returncode == 1
    [regel] = [r for r in uit.stderr.splitlines() if r.startswith("FOUT")]
    assert regel.endswith(
        f"waarde-van-800-kb.yaml:4: zekerheid: ongeldige waarde '{'x' * 60}…'; kies uit: hoog, middel, laag"
    )


def test_eerst_maskeren_dan_afkappen() -> None:
    """Een BSN op de grens van 60 tekens wordt eerst gemaskeerd: er blijven geen 6 cijfers van over."""
    melding = Melding(None, None, None, f"ongeldige waarde '{'a ' * 27}123456782 en nog veel meer tekst hierna'")
    assert "123456" not in melding.tekst
    assert melding.tekst.endswith("…'")
    assert len(melding.tekst) == len("ongeldige waarde ''") + 60 + 1


def test_een_lange_veldnaam_wordt_afgekapt() -> None:
    """Een onbekende sleutel van 5.000 tekens staat als veld met 120 tekens en '…' in de melding."""
    melding = Melding("x.yaml", 3, "s" * 5_000, "onbekend veld")
    assert melding.veld == "s" * 120 + "…"


def test_veel_fouten_op_de_terminal_zijn_begrensd() -> None:
    """Over veel bestanden samen: na 200 meldingen één regel "en nog 1.800 meldingen"."""
    from casuskosten.invoer.validatie import begrensd

    meldingen = [Melding(f"c/{i}.yaml", 1, "id", "fout") for i in range(2_000)]
    getoond = begrensd(meldingen)
    assert getoond[:200] == meldingen[:200]
    assert [str(m) for m in getoond[200:]] == ["en nog 1.800 meldingen; los eerst deze op"]
