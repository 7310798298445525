"""Dubbeltelling: de kolom `overlapt_met` in de tarieftabellen, de waarschuwing `mogelijk_dubbel` en de balk
`dubbeltelling` in de gevoeligheid (issue 22, deel 5).

Alle verwachte bedragen zijn met de hand uitgerekend uit de ronde testtarieven (conftest: hulp 10 in 2015) plus
OVERLAP_CSV hieronder (uitzetting 1000, die de opvang al bevat; opvang 50 per nacht), prijspeil 2015, discontovoet 0,
zekerheid hoog (geen correctie) en horizon 12 maanden (een casus telt één jaar).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from casuskosten import Instellingen, bereken
from casuskosten.fouten import InvoerFout, Melding
from casuskosten.invoer.tarieven import laad_tarieven
from tests.conftest import PROJECT, SNELLE_TOML, SNELLE_TREKKINGEN, Draai, casus

PEIL_2015 = Instellingen(prijspeil=2015, discontovoet=0, **SNELLE_TREKKINGEN)

KOP = "code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron,overlapt_met\n"
OVERLAP_CSV = (
    KOP
    + "uitzetting,Huisuitzetting met opvang,uitzetting,1000,2015,,woningcorporatie,2,middel,test,opvang\n"
    + "opvang,Maatschappelijke opvang,nacht,50,2015,,gemeente_overig,2,laag,aanname: test,\n"
)

# D-1: in het traject vóór 2015 zowel de uitzetting als de opvang die erin zit
# voor = uitzetting 1 x 0,5 x 1000 = 500 + opvang 8 x 50 = 400 + hulp 10 x 10 = 100 = 1000; team = hulp 20 x 10 = 200
# besparing 800 per jaar; zonder de opvang: voor 600, besparing 400
CASUS_DUBBEL = casus(
    id="D-1",
    voor=[
        {"tarief": "uitzetting", "aantal": 1, "kans": 0.5},
        {"tarief": "opvang", "aantal": 8, "toelichting": "opvang na de uitzetting"},
        {"tarief": "hulp", "aantal": 10},
    ],
    team=[{"tarief": "hulp", "aantal": 20}],
)
# D-2: de uitzetting vóór 2015 en opvang bij het sociaal team: twee trajecten, geen dubbeltelling
# voor = 500, team = opvang 8 x 50 = 400; besparing 100, met en zonder hetzelfde
CASUS_APART = casus(
    id="D-2",
    voor=[{"tarief": "uitzetting", "aantal": 1, "kans": 0.5}],
    team=[{"tarief": "opvang", "aantal": 8}],
)


@pytest.fixture
def overlap(tarieven: Path) -> Path:
    """De testtarieven plus overlap.csv: uitzetting (1000) bevat opvang (50 per nacht)."""
    (tarieven / "overlap.csv").write_text(OVERLAP_CSV, encoding="utf-8")
    return tarieven


def _meldingen(map_: Path) -> tuple[Melding, ...]:
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(map_, weergave="tarieven")
    return fout.value.meldingen


def _dubbel(r, casus_id: str) -> list:  # type: ignore[no-untyped-def]
    return [w for w in r.casus_waarschuwingen.get(casus_id, ()) if w.code == "mogelijk_dubbel"]


def _balk(aggregaat, parameter: str = "dubbeltelling"):  # type: ignore[no-untyped-def]
    return next((g for g in aggregaat.gevoeligheid if g.parameter == parameter), None)


# --- de waarschuwing en de gevoeligheid -------------------------------------------------------------------------


def test_traject_met_beide_codes_geeft_mogelijk_dubbel_met_het_bedrag(
    overlap: Path,
    casusmap,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """D-1 rekent vóór 2015 de opvang (8 x 50 = 400) naast de uitzetting die hem al bevat: één waarschuwing met
    400 euro, de rij van overlapt_met (overlap.csv regel 2) en de regel van de opvang in het casusbestand (de
    toelichting; de regels van de rest van de inzet bewaart het document na het lezen niet)."""
    casusmap(CASUS_DUBBEL)
    monkeypatch.chdir(tmp_path)
    r = bereken(["casussen"], "tarieven", PEIL_2015)
    [w] = _dubbel(r, "D-1")
    assert (w.bestand, w.casus, w.gemeente) == ("casussen/d-1.yaml", "D-1", "Beta")
    regel = next(i for i, t in enumerate(Path("casussen/d-1.yaml").read_text().splitlines(), 1) if "toelichting" in t)
    assert w.melding == (
        f"casussen/d-1.yaml:{regel}: traject vóór 2015 rekent opvang (€ 400) naast uitzetting, waarvan het tarief "
        "die kosten al bevat (overlapt_met in tarieven/overlap.csv:2); € 400 telt mogelijk dubbel"
    )


def test_codes_in_verschillende_trajecten_zijn_geen_dubbeltelling(overlap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """D-2 heeft de uitzetting vóór 2015 en de opvang bij het sociaal team: geen waarschuwing, geen balk."""
    r = bereken([casusmap(CASUS_APART)], overlap, PEIL_2015)
    assert _dubbel(r, "D-2") == []
    assert _balk(r.gemeente("Beta")) is None


def test_gevoeligheid_toont_de_schatting_met_en_zonder_dubbeltelling(overlap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De balk dubbeltelling: laag = de schatting met alle regels, hoog = zonder de opvang in D-1.

    Per huishouden per jaar, gemiddeld over D-1 en D-2: met (800 + 100) / 2 = 450; zonder (400 + 100) / 2 = 250
    (de opvang van D-2 bij het sociaal team blijft staan).
    """
    r = bereken([casusmap(CASUS_DUBBEL, CASUS_APART)], overlap, PEIL_2015)
    beta = r.gemeente("Beta")
    assert beta.besparing_per_casus_per_jaar_gecorrigeerd == pytest.approx(450)
    balk = _balk(beta)
    assert balk is not None
    assert balk.omschrijving == "met / zonder mogelijke dubbeltellingen (overlapt_met)"
    assert (balk.laag, balk.hoog) == (pytest.approx(450), pytest.approx(250))
    assert balk.omslagpunt is None
    assert [w.casus for w in r.alle_waarschuwingen() if w.code == "mogelijk_dubbel"] == ["D-1"]


def test_dubbeltelling_bij_het_sociaal_team_verhoogt_de_besparing_zonder(overlap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Staat de dubbeltelling in het traject van het sociaal team, dan is de besparing zonder hoger.

    voor = hulp 30 x 10 = 300; team = uitzetting 1 x 0,5 x 1000 = 500 + opvang 2 x 50 = 100 = 600: besparing -300;
    zonder de opvang: 300 - 500 = -200. Het bedrag op het spel: 100.
    """
    c = casus(
        id="D-3",
        voor=[{"tarief": "hulp", "aantal": 30}],
        team=[{"tarief": "uitzetting", "aantal": 1, "kans": 0.5}, {"tarief": "opvang", "aantal": 2}],
    )
    r = bereken([casusmap(c)], overlap, PEIL_2015)
    balk = _balk(r.gemeente("Beta"))
    assert balk is not None
    assert (balk.laag, balk.hoog) == (pytest.approx(-300), pytest.approx(-200))
    [w] = _dubbel(r, "D-3")
    assert "traject sociaal team rekent opvang (€ 100) naast uitzetting" in w.melding
    assert w.melding.endswith("; € 100 telt mogelijk dubbel")


def test_mogelijk_dubbel_in_de_json_en_met_titel(overlap: Path, casusmap, draai: Draai, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`bereken --json`: de waarschuwing staat bij de casus, de balk bij de gemeente; de terminal toont de titel."""
    toml = tmp_path / "peil.toml"
    toml.write_text(f"prijspeil = 2015\ndiscontovoet = 0.0\n{SNELLE_TOML}", encoding="utf-8")
    map_ = casusmap(CASUS_DUBBEL, CASUS_APART)
    uit = draai("bereken", str(map_), "--tarieven", str(overlap), "--instellingen", str(toml), "--json")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    per_casus = {c["id"]: [w["code"] for w in c.get("waarschuwingen", [])] for c in data["casussen"]}
    assert "mogelijk_dubbel" in per_casus["D-1"]
    assert "mogelijk_dubbel" not in per_casus["D-2"]
    [beta] = data["gemeenten"]
    [balk] = [g for g in beta["gevoeligheid"] if g["parameter"] == "dubbeltelling"]
    assert (balk["laag"], balk["hoog"]) == (pytest.approx(450), pytest.approx(250))
    tekst = draai("bereken", str(map_), "--tarieven", str(overlap), "--instellingen", str(toml), "--details")
    assert "Mogelijk dubbel geteld" in tekst.stdout + tekst.stderr


# --- zonder de kolom --------------------------------------------------------------------------------------------


def test_tabel_zonder_overlapt_met_werkt_als_voorheen(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De testtarieven hebben de kolom niet: elke rij heeft een lege overlapt_met, er is geen waarschuwing en geen
    balk, en de andere balken zijn er nog."""
    tabel = laad_tarieven(tarieven)
    assert {r.overlapt_met for r in tabel.regels} == {()}
    c = casus(id="Z-1", voor=[{"tarief": "hulp", "aantal": 10}, {"tarief": "zwaar", "aantal": 1}])
    r = bereken([casusmap(c)], tarieven, PEIL_2015)
    assert _dubbel(r, "Z-1") == []
    parameters = {g.parameter for g in r.gemeente("Beta").gevoeligheid}
    assert parameters == {"tarief:hulp", "tarief:zwaar", "kans", "correctie", "discontovoet", "vrijwillig"}
    assert (r.regels["inbegrepen_in"] == "").all()


# --- de kolom lezen ---------------------------------------------------------------------------------------------


def test_meer_codes_gescheiden_door_een_puntkomma(tarieven: Path) -> None:
    """`"opvang; hulp;"` in een komma-bestand: twee codes, spaties en de lege laatste weg."""
    (tarieven / "overlap.csv").write_text(
        KOP + 'uitzetting,Uitzetting,uitzetting,1000,2015,,woningcorporatie,2,middel,test,"opvang; hulp;"\n'
        "opvang,Opvang,nacht,50,2015,,gemeente_overig,2,laag,aanname: test,\n",
        encoding="utf-8",
    )
    regels = {r.code: r for r in laad_tarieven(tarieven).regels}
    assert regels["uitzetting"].overlapt_met == ("opvang", "hulp")
    assert regels["opvang"].overlapt_met == ()


def test_puntkommabestand_met_twee_codes_tussen_aanhalingstekens(tarieven: Path) -> None:
    """Zoals Excel in Nederland bewaart: puntkomma's als scheidingsteken, de cel met twee codes tussen
    aanhalingstekens."""
    (tarieven / "overlap.csv").write_text(
        KOP.replace(",", ";")
        + 'uitzetting;Uitzetting;uitzetting;1000;2015;;woningcorporatie;2;middel;test;"opvang;hulp"\n'
        "opvang;Opvang;nacht;50;2015;;gemeente_overig;2;laag;aanname: test;\n",
        encoding="utf-8",
    )
    regels = {r.code: r for r in laad_tarieven(tarieven).regels}
    assert regels["uitzetting"].overlapt_met == ("opvang", "hulp")


def test_onbekende_code_in_overlapt_met_noemt_bestand_regel_en_bedoelde_u(overlap: Path) -> None:
    """Een verschreven code is een fout bij zijn rij, met 'bedoelde u' en de geldige codes."""
    (overlap / "overlap.csv").write_text(OVERLAP_CSV.replace(",test,opvang\n", ",test,opvnag\n"), encoding="utf-8")
    assert _meldingen(overlap) == (
        Melding(
            "tarieven/overlap.csv",
            2,
            "overlapt_met",
            "onbekende tariefcode 'opvnag'; bedoelde u 'opvang'?; noem codes uit de tarieftabellen (hulp, maatje, "
            "opvang, uitzetting, zwaar), gescheiden door een puntkomma",
        ),
    )


def test_onbekende_code_op_de_opdrachtregel(overlap: Path, draai: Draai) -> None:
    """`tarieven` met een onbekende code: exitcode niet 0 en de melding met bestand en regel."""
    (overlap / "overlap.csv").write_text(OVERLAP_CSV.replace(",test,opvang\n", ",test,opvnag\n"), encoding="utf-8")
    uit = draai("tarieven", "--tarieven", str(overlap))
    assert uit.returncode != 0
    assert f"{overlap / 'overlap.csv'}:2" in uit.stderr
    assert "onbekende tariefcode 'opvnag'; bedoelde u 'opvang'?" in uit.stderr


def test_codes_met_een_komma_krijgen_de_puntkomma_als_voorstel(overlap: Path) -> None:
    """`"opvang,hulp"` is geen code; de melding zegt dat codes met een puntkomma gescheiden worden."""
    (overlap / "overlap.csv").write_text(
        OVERLAP_CSV.replace(",test,opvang\n", ',test,"opvang,hulp"\n'), encoding="utf-8"
    )
    assert _meldingen(overlap) == (
        Melding("tarieven/overlap.csv", 2, "overlapt_met", "scheid codes met een puntkomma: opvang;hulp"),
    )


def test_code_in_zijn_eigen_overlapt_met_is_een_fout(overlap: Path) -> None:
    """Een rij die zichzelf bevat, is een tikfout."""
    (overlap / "overlap.csv").write_text(OVERLAP_CSV.replace(",test,opvang\n", ",test,uitzetting\n"), encoding="utf-8")
    assert _meldingen(overlap) == (
        Melding(
            "tarieven/overlap.csv",
            2,
            "overlapt_met",
            "uitzetting staat in zijn eigen overlapt_met; noem alleen andere codes waarvan deze rij de kosten al bevat",
        ),
    )


def test_kring_in_overlapt_met_is_een_fout(overlap: Path) -> None:
    """uitzetting bevat opvang en opvang bevat uitzetting: niet te zeggen welke dubbel telt; één melding, bij de rij
    die de kring sluit."""
    (overlap / "overlap.csv").write_text(OVERLAP_CSV.replace("aanname: test,\n", "aanname: test,uitzetting\n"))
    assert _meldingen(overlap) == (
        Melding(
            "tarieven/overlap.csv",
            3,
            "overlapt_met",
            "kring in overlapt_met (uitzetting -> opvang -> uitzetting): dan bevat elke code in de kring de kosten "
            "van de andere en is niet te zeggen welke dubbel telt; laat overlapt_met bij één van deze rijen weg",
        ),
    )


@pytest.mark.parametrize("kolom", ["overlap_met", "overlapt met", "Overlapt-Met", "overlaptmet"])
def test_verschreven_kolomnaam_wordt_geweigerd(tarieven: Path, kolom: str) -> None:
    """Een kolom die op overlapt_met lijkt, wordt niet stil overgeslagen: een fout met 'bedoelde u'."""
    (tarieven / "overlap.csv").write_text(OVERLAP_CSV.replace("overlapt_met", kolom), encoding="utf-8")
    [melding] = _meldingen(tarieven)
    assert (melding.bestand, melding.regel, melding.veld) == ("tarieven/overlap.csv", 1, kolom.lower())
    assert melding.tekst.startswith(f"onbekende kolom '{kolom.lower()}'; bedoelde u 'overlapt_met'? ")


def test_een_eigen_extra_kolom_mag_nog(tarieven: Path) -> None:
    """Een kolom toelichting is een vrije kolom: niet gelezen en geen fout (elke andere onbekende kolom wel)."""
    (tarieven / "extra.csv").write_text(
        KOP.replace("overlapt_met", "toelichting") + "opvang,Opvang,nacht,50,2015,,gemeente_overig,2,laag,test,zie x\n",
        encoding="utf-8",
    )
    assert "opvang" in laad_tarieven(tarieven).alle_codes()


def test_overlapt_met_twee_keer_in_de_kopregel(tarieven: Path) -> None:
    """Twee kolommen overlapt_met: welke geldt is niet te raden."""
    (tarieven / "overlap.csv").write_text(
        KOP.replace("\n", ",overlapt_met\n") + "opvang,Opvang,nacht,50,2015,,gemeente_overig,2,laag,test,,\n",
        encoding="utf-8",
    )
    assert _meldingen(tarieven) == (
        Melding("tarieven/overlap.csv", 1, "overlapt_met", "kolom staat twee keer in de kopregel; laat er één staan"),
    )


# --- de meegeleverde huisuitzetting -----------------------------------------------------------------------------


def test_meegeleverde_huisuitzetting_bevat_de_opvang_niet() -> None:
    """De bron (Eropaf!, 2014) noemt de opvang als kosten bovenop de uitzetting: geen overlapt_met, en de bron zegt
    waarom."""
    rij = next(r for r in laad_tarieven(PROJECT / "tarieven").regels if r.code == "huisuitzetting")
    assert rij.overlapt_met == ()
    assert "De opvang zit dus niet in dit bedrag: geen overlapt_met" in rij.bron


def test_demo_met_opvang_in_de_huisuitzetting(tmp_path: Path, draai: Draai) -> None:
    """Wie de opvang wel in de uitzetting rekent (overlapt_met), ziet in de demo mogelijk_dubbel bij RTD-02, RTD-05
    en WSV-01, en de balk: Rotterdam 1.108 met, 662 zonder; Westerveld 673 met, 543 zonder (zoals de README zegt)."""
    tarieven = tmp_path / "tarieven"
    shutil.copytree(PROJECT / "tarieven", tarieven)
    pad = tarieven / "landelijk.csv"
    with pad.open(encoding="utf-8", newline="") as f:
        rijen = list(csv.reader(f))
    rijen[0].append("overlapt_met")
    for rij in rijen[1:]:
        rij.append("maatschappelijke_opvang_nacht" if rij[0] == "huisuitzetting" else "")
    with pad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rijen)
    toml = PROJECT / "voorbeeld" / "casuskosten.toml"
    uit = draai("bereken", "casussen", "--tarieven", str(tarieven), "--instellingen", str(toml), "--json")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    dubbel = sorted(
        c["id"] for c in data["casussen"] for w in c.get("waarschuwingen", []) if w["code"] == "mogelijk_dubbel"
    )
    assert dubbel == ["RTD-02", "RTD-05", "WSV-01"]
    balken = {
        g["gemeente"]: (round(b["laag"]), round(b["hoog"]))
        for g in data["gemeenten"]
        for b in g["gevoeligheid"]
        if b["parameter"] == "dubbeltelling"
    }
    assert balken == {"Rotterdam": (1108, 662), "Westerveld": (673, 543)}
