"""Meldingen die begrensd zijn en niet misleiden (issue 24): 100.000 onbekende sleutels geven geen 25 MB, een waarde
van 800 KB staat niet voluit in een melding, en elke melding noemt de echte oorzaak."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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


# --- meldingen die de echte oorzaak noemen ------------------------------------------------------------------


def test_een_sleutel_van_meer_dan_1024_tekens_heet_te_lang(draai: Draai, tmp_path: Path) -> None:
    """Een sleutel van 1.100 tekens met een dubbele punt erachter: niet "een ':' ontbreekt", maar dat de sleutel te
    lang is (YAML staat 1.024 tekens toe)."""
    map_ = tmp_path / "casussen"
    pad = _schrijf(map_, "sleutel-van-1100-tekens.yaml", casus(id="S-1"))
    regels = pad.read_text(encoding="utf-8").count("\n")
    with pad.open("a", encoding="utf-8") as uit:
        uit.write("s" * 1_100 + ": 1\n")
    uit = draai("controleer", str(map_), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")))
    assert uit.returncode == 1
    [fout] = [r for r in uit.stderr.splitlines() if r.startswith("FOUT")]
    assert fout.endswith(
        f"sleutel-van-1100-tekens.yaml:{regels + 1}: YAML-syntaxfout: sleutel op regel {regels + 1} is 1.100 tekens "
        "lang; YAML staat hooguit 1.024 tekens toe (is dit tekst die onder een veld hoort, zoals situatie:?)"
    )
    assert "ontbreekt" not in uit.stderr


@pytest.mark.parametrize(
    ("duur", "maanden"),
    [
        # 366 dagen = 366 x 12 / 365 = 12,03 maanden: op één decimaal 12,0, en dat loopt niet voorbij 12
        pytest.param("366 dagen", "ruim 12", id="366-dagen-is-ruim-12-maanden"),
        # 53 weken = 53 x 7 x 12 / 365 = 12,197 maanden: 12,2 zegt het eerlijk
        pytest.param("53 weken", "12,2", id="53-weken-is-12-komma-2-maanden"),
        pytest.param("13 maanden", "13", id="13-maanden"),
    ],
)
def test_een_duur_voorbij_de_horizon_spreekt_zichzelf_niet_tegen(
    draai: Draai, tmp_path: Path, duur: str, maanden: str
) -> None:
    """Nooit "366 dagen (12,0 maanden) loopt voorbij de horizon van 12 maanden"."""
    inzet = {"tarief": "hulp", "aantal": 1, "per": "dag", "duur": duur}
    _schrijf(tmp_path / "casussen", "duur-net-voorbij-horizon.yaml", casus(id="D-1", voor=[inzet]))
    uit = draai("controleer", str(tmp_path / "casussen"), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")))
    assert uit.returncode == 1
    assert f"duur '{duur}' ({maanden} maanden) vanaf maand 0 loopt voorbij de horizon van 12 maanden" in " ".join(
        uit.stderr.split()
    )


def test_een_onbekende_tabel_in_de_instellingen_heeft_een_regelnummer(draai: Draai, tmp_path: Path) -> None:
    """`[opschalingen.Alfa]` op regel 3 (tikfout voor opschaling): de melding noemt snel.toml:3."""
    toml = tmp_path / "tikfout-opschalingen.toml"
    toml.write_text("bootstrap_iteraties = 100\n\n[opschalingen.Alfa]\ncasussen_per_jaar = 10\n", encoding="utf-8")
    _schrijf(tmp_path / "casussen", "t-01.yaml", casus())
    uit = draai(
        "controleer", str(tmp_path / "casussen"), "--tarieven", str(schrijf_tarieven(tmp_path / "tarieven")),
        "--instellingen", str(toml),
    )  # fmt: skip
    assert uit.returncode == 1
    assert f"{toml}:3: opschalingen: onbekend veld 'opschalingen'; bedoelde u 'opschaling'?" in uit.stderr


def test_een_fout_van_het_besturingssysteem_is_nederlands() -> None:
    """EFBIG ("File too large", bij ulimit -f) en een onbekende errno: nooit de Engelse tekst van strerror."""
    import errno

    from casuskosten.fouten import os_reden
    from casuskosten.uitvoer.bestanden import _fout

    groot = OSError(errno.EFBIG, "File too large")
    assert os_reden(groot) == "het bestand is groter dan het besturingssysteem dit proces toestaat (ulimit -f)"
    assert str(_fout("uit.json", groot)) == (
        "uit.json: --uit: kan niet schrijven: het bestand wordt groter dan het besturingssysteem dit proces "
        "toestaat (ulimit -f)"
    )
    assert os_reden(OSError(errno.ETXTBSY, "Text file busy")) == "fout van het besturingssysteem (ETXTBSY)"
