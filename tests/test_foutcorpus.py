"""Het foutencorpus: elk defect invoerbestand geeft een Nederlandse melding met bestand, regel, veld en wat wel mag.

De bestanden in tests/data/casussen/ en tests/data/tarieven/ heten naar hun defect en zijn verder geldig. De
verwachte regelnummers zijn met de hand uit die bestanden gelezen, niet uit de uitvoer van het hulpmiddel.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casuskosten.fouten import InvoerFout, Melding
from casuskosten.invoer.casussen import controleer_casus, laad_casussen, lees_casus
from casuskosten.invoer.tarieven import Tarieftabel, laad_tarieven
from tests.conftest import PROJECT, Draai

DATA = Path(__file__).resolve().parent / "data"
CASUSSEN = DATA / "casussen"
DUBBEL = DATA / "casussen-dubbel"
TARIEFMAPPEN = DATA / "tarieven"
GELDIG = {"utf8-bom.yaml"}

# (bestand onder tests/data, regel, veld, stukje tekst dat zegt wat er mis is en wat wel geldig is)
CASUSFOUTEN = [
    # YAML-syntax en bestandsvorm: geen veld, wel de regel waar het misgaat
    pytest.param(
        "casussen/yaml-syntaxfout.yaml",
        7,
        None,
        "dubbele punt op een onverwachte plaats (zet tekst met ': ' tussen aanhalingstekens)",
        id="yaml-syntaxfout",
    ),
    pytest.param(
        "casussen/tab-inspringing.yaml", 17, None, "tab gebruikt om in te springen; YAML vraagt spaties", id="tab"
    ),
    # inspringfouten: de oorzaak en de oplossing, op de regel van de sleutel
    pytest.param(
        "casussen/een-spatie-te-ver-ingesprongen.yaml",
        12,
        None,
        "YAML-syntaxfout: deze regel springt 1 spatie verder in dan de regel erboven; zet 'aantal' precies onder "
        "'tarief'",
        id="een-spatie-te-ver-ingesprongen",
    ),
    pytest.param(
        "casussen/sleutel-minder-ver-ingesprongen.yaml",
        13,
        None,
        "YAML-syntaxfout: deze regel springt 1 spatie minder ver in dan de regel erboven; zet 'per' precies onder "
        "'aantal'",
        id="sleutel-minder-ver-ingesprongen",
    ),
    pytest.param(
        "casussen/sleutel-op-hoogste-niveau.yaml",
        14,
        "sociaal_team",
        "sociaal_team staat op het hoogste niveau; hoort het onder trajecten:?",
        id="sleutel-op-hoogste-niveau",
    ),
    pytest.param(
        "casussen/leeg-bestand.yaml", None, None, "bestand is leeg; verwacht een casus (id:, gemeente:", id="leeg"
    ),
    pytest.param(
        "casussen/lijst-in-plaats-van-mapping.yaml",
        2,
        None,
        "verwacht een casus als mapping (id:, gemeente:, ...), gekregen een lijst",
        id="lijst-in-plaats-van-mapping",
    ),
    pytest.param(
        "casussen/scalair-in-plaats-van-mapping.yaml",
        2,
        None,
        "verwacht een casus als mapping (id:, gemeente:, ...), gekregen een losse waarde",
        id="scalair-in-plaats-van-mapping",
    ),
    # de regel waar het tweede document begint (direct na '---' op regel 24)
    pytest.param(
        "casussen/meerdere-documenten.yaml",
        25,
        None,
        "meer dan één YAML-document ('---'); zet elke casus in een eigen bestand",
        id="meerdere-documenten",
    ),
    # sleutels: een onbekende noemt de dichtstbijzijnde, een ontbrekende zegt wat erin hoort
    pytest.param(
        "casussen/onbekende-sleutel.yaml",
        7,
        "situatei",
        "onbekend veld 'situatei'; bedoelde u 'situatie'?",
        id="onbekende-sleutel",
    ),
    # een ontbrekend veld hoort bij de mapping waar het in moet: de casus begint op regel 2
    pytest.param(
        "casussen/ontbrekende-sleutel.yaml",
        2,
        "zekerheid",
        "verplicht veld ontbreekt; voeg 'zekerheid:' toe (hoe zeker het voor_2015-traject is: hoog, middel of laag)",
        id="ontbrekende-sleutel",
    ),
    pytest.param(
        "casussen/dubbele-sleutel.yaml",
        7,
        "zekerheid",
        "komt twee keer voor in dezelfde mapping (ook op regel 6); laat er één staan",
        id="dubbele-sleutel",
    ),
    # getallen
    pytest.param(
        "casussen/verkeerd-type.yaml",
        12,
        "trajecten.voor_2015.inzet[0].aantal",
        "verwacht een getal (met een punt als decimaalteken), gekregen 'twee'",
        id="verkeerd-type",
    ),
    pytest.param(
        "casussen/decimale-komma.yaml",
        12,
        "trajecten.voor_2015.inzet[0].aantal",
        "verwacht een getal (met een punt als decimaalteken), gekregen '2,5'",
        id="decimale-komma",
    ),
    # een kans zoals aan tafel gezegd: nooit omgezet, wel het getal dat er moet staan
    pytest.param(
        "casussen/kans-als-procent.yaml",
        13,
        "trajecten.voor_2015.inzet[0].kans",
        "schrijf een kans als getal van 0 tot 1, niet als procent: voor 50% schrijf 0.5",
        id="kans-als-procent",
    ),
    pytest.param(
        "casussen/kans-als-procent-met-spatie.yaml",
        13,
        "trajecten.voor_2015.inzet[0].kans",
        "niet als procent: voor 12,5 % schrijf 0.125",  # 12,5 / 100 = 0,125
        id="kans-als-procent-met-spatie",
    ),
    pytest.param(
        "casussen/kans-met-komma.yaml",
        13,
        "trajecten.voor_2015.inzet[0].kans",
        "schrijf een kans met een punt als decimaalteken: voor 0,7 schrijf 0.7",
        id="kans-met-komma",
    ),
    pytest.param(
        "casussen/negatief-aantal.yaml",
        17,
        "trajecten.sociaal_team.inzet[0].aantal",
        "'-6' is te klein; moet >= 0 zijn",
        id="negatief-aantal",
    ),
    pytest.param(
        "casussen/kans-groter-dan-een.yaml",
        14,
        "trajecten.voor_2015.inzet[0].kans",
        "'1.5' is te groot; moet <= 1 zijn",
        id="kans-groter-dan-een",
    ),
    # tijd: horizon, duur en per
    pytest.param(
        "casussen/vanaf-maand-buiten-horizon.yaml",
        18,
        "trajecten.sociaal_team.inzet[0].vanaf_maand",
        "vanaf_maand 12 valt buiten de horizon; moet kleiner zijn dan horizon_maanden (12)",
        id="vanaf-maand-buiten-horizon",
    ),
    pytest.param(
        "casussen/duur-voorbij-horizon.yaml",
        14,
        "trajecten.voor_2015.inzet[0].duur",
        "loopt voorbij de horizon van 12 maanden; maak de duur korter of de horizon langer",
        id="duur-voorbij-horizon",
    ),
    pytest.param(
        "casussen/onbekende-per.yaml",
        13,
        "trajecten.voor_2015.inzet[0].per",
        "ongeldige waarde 'maandelijks'; bedoelde u 'maand'?; kies uit: dag, week, 2 weken, maand, kwartaal, jaar",
        id="onbekende-per",
    ),
    pytest.param(
        "casussen/onleesbare-duur.yaml",
        14,
        "trajecten.voor_2015.inzet[0].duur",
        "duur 'een half jaar' is niet te lezen; verwacht '<getal> dagen|weken|maanden|kwartalen|jaren'",
        id="onleesbare-duur",
    ),
    # de fout hoort bij de hele inzetregel (die begint op regel 11), niet bij één veld
    pytest.param(
        "casussen/duur-zonder-per.yaml",
        13,
        "trajecten.voor_2015.inzet[0].duur",
        "'duur' kan alleen samen met 'per'",
        id="duur-zonder-per",
    ),
    pytest.param(
        "casussen/datum-bestaat-niet.yaml",
        4,
        "datum",
        "datum '2016-02-30' bestaat niet; gebruik JJJJ-MM-DD met een echte dag",
        id="datum-bestaat-niet",
    ),
    # tarieven
    pytest.param(
        "casussen/onbekende-tariefcode.yaml",
        11,
        "trajecten.voor_2015.inzet[0].tarief",
        "onbekende tariefcode 'hbh_uren' voor gemeente Teststad; bedoelde u 'hbh_uur'?",
        id="onbekende-tariefcode",
    ),
    pytest.param(
        "casussen/tariefcode-van-andere-gemeente.yaml",
        16,
        "trajecten.sociaal_team.inzet[0].tarief",
        "onbekende tariefcode 'begeleiding_plus_uur' voor gemeente Teststad; deze code bestaat alleen voor Westerveld",
        id="tariefcode-van-andere-gemeente",
    ),
    # lijsten en keuzes
    pytest.param(
        "casussen/inzet-als-mapping.yaml",
        15,
        "trajecten.sociaal_team.inzet",
        "verwacht een lijst (regels die met '- ' beginnen), gekregen een mapping",
        id="inzet-als-mapping",
    ),
    pytest.param(
        "casussen/onbekend-leefgebied.yaml",
        8,
        "leefgebieden[1]",
        "ongeldige waarde 'schulden'; kies uit: financien, huishouden, wonen",
        id="onbekend-leefgebied",
    ),
    # doelen: de korte vorm `integrale_aanpak: jaa` wordt gemeld bij het veld dat de gebruiker schreef
    pytest.param(
        "casussen/ongeldig-oordeel.yaml",
        20,
        "doelen.integrale_aanpak",
        "ongeldige waarde 'jaa'; bedoelde u 'ja'?; kies uit: ja, deels, nee, onbekend",
        id="ongeldig-oordeel",
    ),
    pytest.param(
        "casussen/leeg-oordeel.yaml",
        20,
        "doelen.integrale_aanpak",
        "verwacht ja, deels, nee of onbekend (of {oordeel: ..., toelichting: ...}), gekregen een lege waarde",
        id="leeg-oordeel",
    ),
    pytest.param(
        "casussen/oordeel-als-boolean.yaml",
        21,
        "doelen.preventie_escalatie",
        "verwacht ja, deels, nee of onbekend (schrijf het woord uit, niet true/false/yes/no)",
        id="oordeel-als-boolean",
    ),
    pytest.param(
        "casussen/komma-in-flow-mapping.yaml",
        20,
        "doelen.integrale_aanpak.netwerkberaad",
        "een komma binnen {...} begint een nieuw veld: zet tekst met komma's tussen aanhalingstekens",
        id="komma-in-flow-mapping",
    ),
    # onveilige YAML: de regel van de alias (*aantal), niet die van het anker
    pytest.param(
        "casussen/alias-anker.yaml",
        17,
        "trajecten.sociaal_team.inzet[0].aantal",
        "YAML-aliassen en -ankers (&naam, *naam) zijn niet toegestaan; schrijf de waarde uit",
        id="alias-anker",
    ),
    pytest.param(
        "casussen/python-tag.yaml",
        7,
        "situatie",
        "YAML-tag '!!python/object/apply:os.system' is niet toegestaan; gebruik gewone waarden",
        id="python-tag",
    ),
    # tekenset: een fout over het hele bestand heeft geen regel, een fout teken wel
    pytest.param(
        "casussen/latin1.yaml",
        7,
        None,
        "bestand is geen geldige UTF-8 (misschien Latin-1/Windows-1252); sla het op als UTF-8",
        id="latin1",
    ),
    pytest.param(
        "casussen/utf16.yaml", None, None, "bestand is opgeslagen als UTF-16; sla het op als UTF-8", id="utf16"
    ),
    pytest.param(
        "casussen/binair.yaml",
        None,
        None,
        "dit is geen tekstbestand (het bevat NUL-bytes); verwacht een YAML-bestand in UTF-8",
        id="binair",
    ),
    pytest.param(
        "casussen/stuurteken.yaml",
        7,
        None,
        "onzichtbaar stuurteken U+000B in de tekst",
        id="stuurteken",
    ),
    # issue 24: escapes en tekens die geen teken zijn, met hun eigen melding (niet "YAML-syntaxfout")
    pytest.param(
        "casussen/surrogaat-als-escape.yaml",
        7,
        None,
        "escape '\\ud800' op kolom 32 is U+D800, losse surrogaat, geen teken (de helft van een UTF-16-paar)",
        id="surrogaat-als-escape",
    ),
    pytest.param(
        "casussen/surrogatenpaar-als-escape.yaml",
        7,
        None,
        "escape '\\ud83d\\ude00' op kolom 33 is een UTF-16-paar (zoals JSON het schrijft); YAML kent alleen één "
        "escape per teken: schrijf '\\U0001F600' of het teken zelf",
        id="surrogatenpaar-als-escape",
    ),
    pytest.param(
        "casussen/niet-teken-fffe.yaml",
        7,
        None,
        "U+FFFE, geen teken, in de tekst op kolom 32",
        id="niet-teken-fffe",
    ),
    pytest.param(
        "casussen/niet-teken-ffff-als-escape.yaml",
        7,
        "situatie",
        "U+FFFF, geen teken, in de tekst (als escape geschreven) op kolom 11",
        id="niet-teken-ffff-als-escape",
    ),
    # over bestanden heen: de tweede casus met dezelfde id noemt de eerste
    pytest.param(
        "casussen-dubbel/dubbele-id-2.yaml",
        2,
        "id",
        "dubbele-id-1.yaml:2; elke casus heeft een eigen id",
        id="dubbele-id",
    ),
]

TARIEFFOUTEN = [
    pytest.param(
        "ontbrekende-kolom/tarieven.csv",
        1,
        "financier",
        "kolom ontbreekt; verwacht de kolommen code, omschrijving, eenheid, prijs, jaar, gemeente, financier, lijn",
        id="ontbrekende-kolom",
    ),
    pytest.param(
        "prijs-geen-getal/tarieven.csv",
        3,
        "prijs",
        "'n.v.t.' is geen bedrag; verwacht bijvoorbeeld 32.76 of 32,76",
        id="prijs-geen-getal",
    ),
    pytest.param(
        "dubbele-rij/tarieven.csv",
        3,
        "code",
        "dubbele rij voor (hbh_uur, 2022, landelijk); staat al in ",
        id="dubbele-rij",
    ),
    pytest.param(
        "onbekende-financier/tarieven.csv",
        2,
        "financier",
        "onbekende financier 'gemeente-wmo'; bedoelde u 'gemeente_wmo'?; kies uit gemeente_wmo",
        id="onbekende-financier",
    ),
]

# Engelse woorden van PyYAML, libyaml en pydantic die nooit in een melding mogen opduiken
ENGELS = re.compile(r"\b(found|expected|allowed|could not|while|input|should|field required|value error)\b", re.I)


@pytest.fixture(scope="module")
def tabel() -> Tarieftabel:
    """De meegeleverde tarieftabellen."""
    return laad_tarieven(PROJECT / "tarieven")


def _meldingen(invoer: Path, tabel: Tarieftabel) -> tuple[Melding, ...]:
    with pytest.raises(InvoerFout) as fout:
        laad_casussen([invoer], tabel)
    return fout.value.meldingen


def _zoek(meldingen: tuple[Melding, ...], pad: Path, tekst: str) -> list[Melding]:
    """De meldingen over `pad` waarin `tekst` staat."""
    over_bestand = [m for m in meldingen if m.bestand is not None and Path(m.bestand).resolve() == pad.resolve()]
    assert over_bestand, f"geen melding over {pad.name}; wel: {[str(m) for m in meldingen]}"
    passend = [m for m in over_bestand if tekst in m.tekst]
    assert passend, f"geen melding met {tekst!r}; wel: {[str(m) for m in over_bestand]}"
    return passend


@pytest.mark.parametrize(("bestand", "regel", "veld", "tekst"), CASUSFOUTEN)
def test_defecte_casus_geeft_melding_met_plaats_en_wat_wel_mag(
    bestand: str, regel: int | None, veld: str | None, tekst: str, tabel: Tarieftabel
) -> None:
    """Elk defect casusbestand geeft een Nederlandse melding met bestand, regel, veld en wat wel geldig is."""
    pad = DATA / bestand
    # een dubbele id is pas te zien als de andere casus ook geladen wordt
    meldingen = _meldingen(pad.parent if pad.parent == DUBBEL else pad, tabel)
    passend = _zoek(meldingen, pad, tekst)
    assert [(m.regel, m.veld) for m in passend] == [(regel, veld)]


def test_elk_bestand_in_het_corpus_staat_in_de_tabel() -> None:
    """Een nieuw defect bestand zonder verwachte melding valt op: elk bestand staat in de tabel of is bewust geldig."""
    in_tabel = {DATA / p.values[0] for p in CASUSFOUTEN}
    from tests.test_robuust_yaml import BESTANDEN as ROBUUST  # die staan in de tabel van test_robuust_yaml

    op_schijf = {p for map_ in (CASUSSEN, DUBBEL) for p in map_.iterdir() if p.name not in GELDIG | ROBUUST}
    assert op_schijf - in_tabel <= {DUBBEL / "dubbele-id-1.yaml"}
    assert in_tabel <= op_schijf


def test_geen_engelse_tekst_in_meldingen(tabel: Tarieftabel) -> None:
    """Geen melding over het corpus lekt Engelse tekst van PyYAML of pydantic door."""
    meldingen = [*_meldingen(CASUSSEN, tabel), *_meldingen(DUBBEL, tabel)]
    for map_ in sorted(TARIEFMAPPEN.iterdir()):
        try:
            laad_tarieven(map_)
        except InvoerFout as fout:
            meldingen.extend(fout.meldingen)
    engels = [str(m) for m in meldingen if ENGELS.search(m.tekst)]
    assert engels == []


def test_elke_melding_noemt_het_bestand(tabel: Tarieftabel) -> None:
    """Elke melding over het corpus noemt het bestand waar de fout in zit."""
    assert all(m.bestand for m in _meldingen(CASUSSEN, tabel))


def test_utf8_met_bom_laadt_gewoon(tabel: Tarieftabel) -> None:
    """Een UTF-8-bestand met BOM (zoals Kladblok het opslaat) is geldig; de BOM hoort niet bij de eerste sleutel."""
    cb = lees_casus(CASUSSEN / "utf8-bom.yaml")
    assert cb.casus.id == "fc-utf8-bom"
    assert cb.casus.situatie == "Mevrouw drinkt koffie in het buurtcafé."
    assert controleer_casus(cb, tabel) == []


def test_python_tag_maakt_geen_object() -> None:
    """Een !!python-tag wordt geweigerd voordat er iets wordt uitgevoerd of aangemaakt."""
    with pytest.raises(InvoerFout) as fout:
        lees_casus(CASUSSEN / "python-tag.yaml")
    assert [m.veld for m in fout.value.meldingen] == ["situatie"]


@pytest.mark.parametrize(("bestand", "regel", "veld", "tekst"), TARIEFFOUTEN)
def test_defecte_tarieftabel_geeft_melding_met_plaats_en_wat_wel_mag(
    bestand: str, regel: int, veld: str, tekst: str
) -> None:
    """Elke defecte tariefmap geeft een Nederlandse melding met het bestand, de regel, de kolom en wat wel geldig is."""
    pad = TARIEFMAPPEN / bestand
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(pad.parent)
    passend = _zoek(fout.value.meldingen, pad, tekst)
    assert [(m.regel, m.veld) for m in passend] == [(regel, veld)]


def test_dubbele_tariefrij_noemt_de_eerste_rij() -> None:
    """Een dubbele tariefrij noemt waar de eerste staat en zegt dat er één moet blijven."""
    pad = TARIEFMAPPEN / "dubbele-rij" / "tarieven.csv"
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(pad.parent)
    (melding,) = fout.value.meldingen
    assert melding.tekst.endswith(f"staat al in {melding.bestand}:2; laat er één staan")


def test_puntkomma_en_decimale_komma_laden_als_getal() -> None:
    """Een tabel zoals Excel die in Nederland opslaat (';', '32,76', '32.015,76', CRLF) levert de juiste getallen."""
    tabel = laad_tarieven(TARIEFMAPPEN / "puntkomma-decimale-komma")
    hbh = tabel.kies("hbh_uur", "Teststad", 2022)
    wonen = tabel.kies("beschermd_wonen_jaar", "Teststad", 2022)
    assert hbh is not None
    assert wonen is not None
    assert (hbh.prijs, wonen.prijs) == (32.76, 32015.76)
    assert hbh.bron == "Kostenhandleiding, referentieprijs"
    assert tabel.prijsindex.cijfers == {2021: 110.405, 2022: 121.445}


# --- de opdrachtregel (via de ingang van het commando, in het proces van pytest) ---


def test_controleer_meldt_alle_defecte_bestanden_in_een_keer(draai: Draai) -> None:
    """`controleer` op het hele corpus noemt elk defect bestand met zijn regel, in één run, zonder traceback."""
    uit = draai("controleer", "tests/data/casussen", "--tarieven", "tarieven")
    assert uit.returncode == 1
    assert "Traceback" not in uit.stdout + uit.stderr
    for param in CASUSFOUTEN:
        bestand, regel = param.values[0], param.values[1]
        if not str(bestand).startswith("casussen/"):
            continue
        plaats = f"tests/data/{bestand}" + (f":{regel}" if regel is not None else "")
        assert f"FOUT {plaats}" in uit.stderr
    assert "utf8-bom.yaml" not in uit.stderr


def test_controleer_meldt_dubbele_id(draai: Draai) -> None:
    """`controleer` noemt een id die in twee bestanden staat, met beide plaatsen."""
    uit = draai("controleer", "tests/data/casussen-dubbel", "--tarieven", "tarieven")
    assert uit.returncode == 1
    assert (
        "tests/data/casussen-dubbel/dubbele-id-2.yaml:2: id: id 'fc-dubbele-id' komt ook voor in "
        "tests/data/casussen-dubbel/dubbele-id-1.yaml:2" in uit.stderr
    )


def test_bereken_met_defecte_casus_schrijft_geen_uitvoer(draai: Draai, tmp_path: Path) -> None:
    """`bereken --uit` met een defecte casus stopt met code 1, meldt de fout en maakt het uitvoerbestand niet."""
    doel = tmp_path / "uit.json"
    uit = draai(
        "bereken", "tests/data/casussen/onbekende-sleutel.yaml", "--tarieven", "tarieven", "--json", "--uit", str(doel)
    )
    assert uit.returncode == 1
    assert "Traceback" not in uit.stdout + uit.stderr
    assert "onbekende-sleutel.yaml:7: situatei: onbekend veld 'situatei'; bedoelde u 'situatie'?" in uit.stderr
    assert not doel.exists()
