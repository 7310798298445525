"""Eerlijke cijfers: correctie, disconteren, bootstrap, invloed, gevoeligheid, doelcontroles en datakwaliteit.

Alle verwachte waarden zijn met de hand uitgerekend uit de ronde testtarieven (zie conftest): hulp 10, zwaar 100
(lijn 2, betrouwbaarheid laag), maatje 5 (vrijwillig), prijspeil 2015.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from casuskosten import Instellingen, InstellingenFout, bereken, laad_instellingen
from tests.conftest import Draai, casus
from tests.test_berekening import CASUS_A, CASUS_B

PEIL_2015 = Instellingen(prijspeil=2015, discontovoet=0)


def _codes(waarschuwingen) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.code for w in waarschuwingen]


# --- 1. zekerheidscorrectie -------------------------------------------------------------------------------------


def test_correctie_verlaagt_voor_2015_naar_zekerheid(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zekerheid middel verlaagt de vermeden kosten met 20%; hoog verandert niets.

    Casus A: vermeden = hulp max(0, 1040 - 130) + zwaar max(0, 500 - 0) + maatje max(0, 0 - 100) = 910 + 500 = 1410;
    gecorrigeerd 1540 - 0,2 x 1410 = 1258, besparing 1258 - 230 = 1028. Casus B (hoog): 120 blijft 120.
    """
    r = bereken([casusmap(CASUS_A, CASUS_B)], tarieven, PEIL_2015)
    a = r.casussen.set_index("id").loc["A"]
    assert a["vermeden"] == pytest.approx(1410)
    assert a["kosten_voor_2015_gecorrigeerd"] == pytest.approx(1258)
    assert a["besparing_gecorrigeerd"] == pytest.approx(1028)
    assert a["besparing_pct_gecorrigeerd"] == pytest.approx(1028 / 1258 * 100)
    beta = r.gemeente("Beta")
    assert beta.kosten_voor_2015_gecorrigeerd == pytest.approx(1258 + 120)
    assert beta.besparing_pct_gecorrigeerd == pytest.approx((1378 - 430) / 1378 * 100)


def test_correctie_uit_instellingenbestand(tmp_path: Path, tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """`[correctie] middel = 0.5` halveert de vermeden kosten bij zekerheid middel (1540 - 0,5 x 1410 = 835)."""
    toml = tmp_path / "casuskosten.toml"
    toml.write_text("prijspeil = 2015\ndiscontovoet = 0\n[correctie]\nmiddel = 0.5\n", encoding="utf-8")
    instellingen = laad_instellingen(toml)
    r = bereken([casusmap(CASUS_A)], tarieven, instellingen)
    assert r.casussen.iloc[0]["kosten_voor_2015_gecorrigeerd"] == pytest.approx(835)
    assert r.naar_dict()["instellingen"]["correctie"] == {"hoog": 0.0, "middel": 0.5, "laag": 0.4}


def test_ongeldige_instelling_noemt_bestand_regel_en_grens(tmp_path: Path) -> None:
    """Een correctie boven 1 noemt bestand, regel, veld en de grens."""
    toml = tmp_path / "casuskosten.toml"
    toml.write_text("seed = 1\n\n[correctie]\nlaag = 1.5\n", encoding="utf-8")
    with pytest.raises(InstellingenFout) as fout:
        laad_instellingen(toml)
    assert str(fout.value.meldingen[0]).startswith(f"{toml}:4: correctie.laag: '1.5' is te groot; moet <= 1")


def test_onbekende_instelling_stelt_de_juiste_voor(tmp_path: Path) -> None:
    """Een verschreven instelling is een fout met een suggestie."""
    toml = tmp_path / "casuskosten.toml"
    toml.write_text("discontovoed = 0.03\n", encoding="utf-8")
    with pytest.raises(InstellingenFout, match="bedoelde u 'discontovoet'"):
        laad_instellingen(toml)


# --- 2. disconteren -----------------------------------------------------------------------------------------------


def test_disconteren_per_jaar_waarin_de_kosten_vallen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Kosten in jaar k worden gedeeld door 1,0225^k; een eenmalige inzet telt in zijn startmaand."""
    c = casus(
        id="D",
        horizon_maanden=24,
        voor=[
            {"tarief": "hulp", "aantal": 1, "per": "maand"},  # 24 x 10, half in jaar 1
            {"tarief": "zwaar", "aantal": 1, "vanaf_maand": 18},  # 100 in jaar 1
            {"tarief": "hulp", "aantal": 1, "per": "maand", "duur": "12 maanden", "vanaf_maand": 6},  # 60 + 60
        ],
    )
    r = bereken([casusmap(c)], tarieven, Instellingen(prijspeil=2015))
    regels = r.regels.sort_values("nr")
    d = 1.0225
    assert regels["kosten_nominaal"].tolist() == pytest.approx([240, 100, 120])
    assert regels["kosten"].tolist() == pytest.approx([120 + 120 / d, 100 / d, 60 + 60 / d])
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(180 + 180 / d + 100 / d)


def test_binnen_twaalf_maanden_verandert_disconteren_niets(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Bij een horizon van 12 maanden zijn contante en nominale kosten gelijk."""
    r = bereken([casusmap(CASUS_A)], tarieven, Instellingen(prijspeil=2015))
    assert r.regels["kosten"].tolist() == pytest.approx(r.regels["kosten_nominaal"].tolist())
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(1540)


# --- 3. bootstrap ---------------------------------------------------------------------------------------------------


def _zes_casussen() -> list[dict]:  # type: ignore[type-arg]
    # voor: 100, 200, ..., 600 (hulp-uren x 10); team: steeds 50 -> elke besparing positief
    return [
        casus(id=f"S{i}", voor=[{"tarief": "hulp", "aantal": 10 * i}], team=[{"tarief": "hulp", "aantal": 5}])
        for i in range(1, 7)
    ]


def test_bootstrap_is_reproduceerbaar_en_bevat_de_schatting(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zelfde invoer en seed: zelfde interval; het interval bevat het percentage uit de sommen."""
    map_ = casusmap(*_zes_casussen())
    een = bereken([map_], tarieven, PEIL_2015).gemeente("Beta")
    twee = bereken([map_], tarieven, PEIL_2015).gemeente("Beta")
    assert een.besparing_pct == pytest.approx((2100 - 300) / 2100 * 100)
    assert een.besparing_pct_ci95 == twee.besparing_pct_ci95
    assert een.besparing_pct_ci95 is not None
    laag, hoog = een.besparing_pct_ci95
    assert laag <= een.besparing_pct <= hoog
    # elke trekking heeft besparing tussen (100-50)/100 en (600-50)/600: het interval blijft daarbinnen
    assert 50.0 <= laag < hoog <= 550 / 600 * 100
    assert een.besparing_pct_gecorrigeerd_ci95 is not None


def test_bootstrap_met_andere_seed_geeft_ander_interval(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De seed bepaalt de trekkingen (weinig trekkingen over gevarieerde casussen: de grenzen verschuiven)."""
    casussen = [
        casus(
            id=f"V{i}",
            voor=[{"tarief": "hulp", "aantal": 7 * i + 3}],
            team=[{"tarief": "hulp", "aantal": (i * 13) % 17 + 1}],
        )
        for i in range(1, 13)
    ]
    map_ = casusmap(*casussen)
    een = bereken([map_], tarieven, Instellingen(prijspeil=2015, seed=1, bootstrap_iteraties=200)).totaal
    twee = bereken([map_], tarieven, Instellingen(prijspeil=2015, seed=2, bootstrap_iteraties=200)).totaal
    assert een.besparing_pct == twee.besparing_pct
    assert een.besparing_pct_ci95 != twee.besparing_pct_ci95


def test_minder_dan_vijf_casussen_geen_interval_maar_waarschuwing(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Bij minder dan 5 casussen is het interval null en volgt een waarschuwing."""
    r = bereken([casusmap(*_zes_casussen()[:4])], tarieven, PEIL_2015)
    beta = r.gemeente("Beta")
    assert beta.besparing_pct_ci95 is None
    assert "geen_interval" in _codes(beta.waarschuwingen)
    assert r.naar_dict()["gemeenten"][0]["besparing_pct_ci95"] is None


# --- 4. invloed -----------------------------------------------------------------------------------------------------


def test_invloedrijkste_casus_en_dominante_casus(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Voor 100/100/1000, team 50/50/100: zonder de derde wordt het 50%; die draagt 900 van 1000 besparing."""
    casussen = [
        casus(id="I1", voor=[{"tarief": "hulp", "aantal": 10}], team=[{"tarief": "hulp", "aantal": 5}]),
        casus(id="I2", voor=[{"tarief": "hulp", "aantal": 10}], team=[{"tarief": "hulp", "aantal": 5}]),
        casus(id="I3", voor=[{"tarief": "hulp", "aantal": 100}], team=[{"tarief": "hulp", "aantal": 10}]),
    ]
    beta = bereken([casusmap(*casussen)], tarieven, PEIL_2015).gemeente("Beta")
    assert beta.invloedrijkste_casus is not None
    assert beta.invloedrijkste_casus.id == "I3"
    assert beta.invloedrijkste_casus.besparing_pct_zonder == pytest.approx(50.0)
    dominant = [w for w in beta.waarschuwingen if w.code == "dominante_casus"]
    assert [w.casus for w in dominant] == ["I3"]


# --- 5. gevoeligheid ------------------------------------------------------------------------------------------------


def test_gevoeligheid_tornado_met_de_hand(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """voor hulp 1000 (hoog, ±10%), team maatje 500 (middel, ±25%), 12 maanden: schatting € 500 per huishouden per
    jaar. De balken staan in dezelfde grootheid als het antwoord (euro per huishouden per jaar):

    hulp x0,9 / x1,1: 900 - 500 = 400 / 1100 - 500 = 600; maatje x0,75 / x1,25: 1000 - 375 = 625 / 1000 - 625 = 375;
    vrijwillig niet gewaardeerd: 1000. Omslagpunten: hulp 1000x = 500 -> 0,5; maatje 500x = 1000 -> 2.
    """
    c = casus(id="G", voor=[{"tarief": "hulp", "aantal": 100}], team=[{"tarief": "maatje", "aantal": 100}])
    totaal = bereken([casusmap(c)], tarieven, PEIL_2015).totaal
    tornado = {g.parameter: (g.laag, g.hoog) for g in totaal.gevoeligheid}
    assert tornado["tarief:hulp"] == pytest.approx((400, 600))
    assert tornado["tarief:maatje"] == pytest.approx((625, 375))
    assert tornado["vrijwillig"] == pytest.approx((500, 1000))
    assert tornado["kans"] == pytest.approx((500, 500))
    assert [g.parameter for g in totaal.gevoeligheid][:3] == ["vrijwillig", "tarief:maatje", "tarief:hulp"]
    omslag = {g.parameter: g.omslagpunt for g in totaal.gevoeligheid}
    assert omslag["tarief:hulp"] == pytest.approx(0.5)
    assert omslag["tarief:maatje"] == pytest.approx(2.0)


def test_gevoeligheid_scenario_kansen_en_correctie(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Casus A (middel, zwaar met kans 0,5) : de onzekere kans gaat beide kanten op.

    kans x 0,5: zwaar 250, voor 1290, vermeden 910 + 250 = 1160, gecorrigeerd 1290 - 232 = 1058 -> 1058 - 230 = 828;
    kans = 1: zwaar 1000, voor 2040, vermeden 1910, gecorrigeerd 2040 - 382 = 1658 -> 1658 - 230 = 1428;
    zonder correctie: 1540 - 230 = 1310; met: 1258 - 230 = 1028 (12 maanden: per jaar hetzelfde).
    """
    totaal = bereken([casusmap(CASUS_A)], tarieven, PEIL_2015).totaal
    tornado = {g.parameter: (g.laag, g.hoog) for g in totaal.gevoeligheid}
    assert tornado["kans"] == pytest.approx((828, 1428))
    assert tornado["correctie"] == pytest.approx((1028, 1310))


def test_gevoeligheid_discontovoet_nul_en_vier_procent(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een eenmalige 100 in jaar 1 (voor) tegen 50 in jaar 0 (team), horizon 24 maanden (per jaar: x 0,5):
    0% -> (100 - 50) x 0,5 = 25; 4% -> (100/1,04 - 50) x 0,5."""
    c = casus(
        id="R",
        horizon_maanden=24,
        voor=[{"tarief": "zwaar", "aantal": 1, "vanaf_maand": 12}],
        team=[{"tarief": "hulp", "aantal": 5}],
    )
    totaal = bereken([casusmap(c)], tarieven, Instellingen(prijspeil=2015)).totaal
    tornado = {g.parameter: (g.laag, g.hoog) for g in totaal.gevoeligheid}
    assert tornado["discontovoet"] == pytest.approx((25.0, (100 / 1.04 - 50) * 0.5))


# --- 6. doelcontroles -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "code"),
    [
        pytest.param(
            {
                "voor": [{"tarief": "hulp", "aantal": 1}],
                "team": [{"tarief": "zwaar", "aantal": 1}],
                "doelen": {"voorkomen_zwaardere_zorg": {"oordeel": "ja", "toelichting": "x"}},
            },
            "doel_zwaardere_zorg_ja_zonder_minder_lijn2",
            id="ja-maar-team-meer-lijn2",
        ),
        pytest.param(
            {
                "voor": [{"tarief": "zwaar", "aantal": 1}],
                "team": [{"tarief": "hulp", "aantal": 1}],
                "doelen": {"voorkomen_zwaardere_zorg": "nee"},
            },
            "doel_zwaardere_zorg_nee_wel_minder_lijn2",
            id="nee-maar-alleen-voor-lijn2",
        ),
        pytest.param(
            {"leefgebieden": ["wonen"], "doelen": {"integrale_aanpak": {"oordeel": "ja", "toelichting": "x"}}},
            "doel_integraal_te_weinig_leefgebieden",
            id="integraal-met-een-leefgebied",
        ),
        pytest.param({"doelen": {"zelfredzaamheid": "ja"}}, "doel_ja_zonder_toelichting", id="ja-zonder-toelichting"),
    ],
)
def test_doel_past_niet_bij_de_cijfers_geeft_waarschuwing(
    tarieven: Path,
    casusmap,
    velden: dict,  # type: ignore[no-untyped-def,type-arg]
    code: str,
) -> None:
    """Een oordeel dat niet past bij de beprijsde trajecten geeft een waarschuwing met bestand en doel."""
    r = bereken([casusmap(casus(id="W", **velden))], tarieven, PEIL_2015)
    gevonden = [w for w in r.casus_waarschuwingen.get("W", ()) if w.code == code]
    assert len(gevonden) == 1
    assert gevonden[0].bestand is not None
    assert gevonden[0].bestand.endswith("w.yaml")
    assert "w.yaml:" in gevonden[0].melding


def test_consistente_doelen_geven_geen_doelwaarschuwing(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Casus A: ja met toelichting en minder lijn-2-kosten bij het team: geen doelwaarschuwing."""
    r = bereken([casusmap(CASUS_A)], tarieven, PEIL_2015)
    assert not [w for w in r.casus_waarschuwingen.get("A", ()) if w.code.startswith("doel_")]


# --- 7. datakwaliteit -----------------------------------------------------------------------------------------------


def test_aandeel_laag_betrouwbaar_en_waarschuwing(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Casus A: zwaar (laag) is 500 van 1540 voor_2015 = 32,5% > 25%: waarschuwing; het team heeft 0%."""
    r = bereken([casusmap(CASUS_A)], tarieven, PEIL_2015)
    rij = r.casussen.iloc[0]
    assert rij["laag_betrouwbaar_voor_2015"] == pytest.approx(500 / 1540)
    assert rij["laag_betrouwbaar_sociaal_team"] == pytest.approx(0)
    # naast kans_zonder_toelichting (casus A heeft een kans onder 1 zonder toelichting), en maar één keer
    assert _codes(r.casus_waarschuwingen["A"]) == ["kans_zonder_toelichting", "veel_kosten_laag_betrouwbaar"]
    assert r.gemeente("Beta").aandeel_kosten_laag_betrouwbaar["voor_2015"] == pytest.approx(500 / 1540)
    assert "weinig_casussen" in _codes(r.gemeente("Beta").waarschuwingen)


# --- JSON en terminal ---------------------------------------------------------------------------------------------


def test_json_bevat_instellingen_interval_en_waarschuwingen(draai: Draai) -> None:
    """`bereken --json` op de meegeleverde data bevat de instellingen en per gemeente interval en gevoeligheid."""
    uit = draai("bereken", "--json")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    assert data["instellingen"]["discontovoet"] == 0.0225
    assert data["instellingen"]["bootstrap_iteraties"] == 10000
    for g in data["gemeenten"]:
        assert len(g["besparing_pct_ci95"]) == 2
        assert g["invloedrijkste_casus"]["id"]
        spreiding = [abs(x["hoog"] - x["laag"]) for x in g["gevoeligheid"] if x["laag"] is not None]
        assert spreiding == sorted(spreiding, reverse=True)
        assert all({"code", "melding"} <= set(w) for w in g["waarschuwingen"])
    assert (
        data["totaal"]["besparing_pct_ci95"][0]
        < data["totaal"]["besparing_pct"]
        < data["totaal"]["besparing_pct_ci95"][1]
    )


def test_logo_is_relatief_aan_het_instellingenbestand(tmp_path: Path) -> None:
    """`logo = "logo.png"` in casuskosten.toml wijst naar het logo naast dat bestand, waar je het commando ook start."""
    map_ = tmp_path / "huisstijl"
    map_.mkdir()
    toml = map_ / "casuskosten.toml"
    toml.write_text('[huisstijl]\nlogo = "logo.png"\n', encoding="utf-8")
    Image.new("RGB", (4, 4)).save(map_ / "logo.png")  # het logo wordt bij het laden op inhoud gecontroleerd
    assert laad_instellingen(toml).huisstijl.logo == str(map_ / "logo.png")
