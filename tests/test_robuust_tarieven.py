"""Echte tarieftabellen: een ijle prijsindex, getallen in elke notatie, Excel-bestanden en gemeentenamen.

Elke map onder tests/data/tarieven/ heet naar zijn defect. De verwachte meldingen zijn volledig uitgeschreven; de
verwachte bedragen zijn met de hand uitgerekend (de berekening staat erbij), nooit uit de uitvoer van het programma.
"""

from __future__ import annotations

import shutil
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from casuskosten import Instellingen, bereken
from casuskosten.fouten import InstellingenFout, InvoerFout, Melding
from casuskosten.invoer.tarieven import GetalFout, laad_tarieven, lees_getal
from casuskosten.pijplijn import controleer_alles
from tests.conftest import Draai, casus

TARIEFMAPPEN = Path(__file__).resolve().parent / "data" / "tarieven"
PEIL_2016 = Instellingen(prijspeil=2016, discontovoet=0)

_ZET_TUSSEN_AANHALINGSTEKENS = (
    "staat er een komma in een getal of tekst zonder aanhalingstekens? zet zo'n waarde tussen aanhalingstekens "
    '("...") of schrijf getallen met een decimale punt (32.76)'
)
_TYP_OPNIEUW = "geen gewone letter of cijfer; typ de code opnieuw met a-z, 0-9 en _"
_KOLOMMEN_TARIEF = (
    "een kolom met een andere naam wordt niet gelezen; de kolommen zijn code, omschrijving, eenheid, prijs, jaar, "
    "gemeente, financier, lijn, betrouwbaarheid, bron en optioneel soort, overlapt_met; eigen uitleg mag in een kolom "
    "toelichting of opmerking"
)

# (map, bestand in de map, regel, veld, de volledige melding); bestanden heten 'tarieven/...' (weergave)
FOUTEN = [
    # 1. prijsindex
    pytest.param(
        "prijsindex-jaar-als-datum",
        "prijsindex.csv",
        3,
        "jaar",
        "'20170101' is geen jaartal; verwacht een jaar van 1900 tot en met 2200, bijvoorbeeld 2016",
        id="prijsindex-jaar-als-datum",
    ),
    pytest.param(
        "prijsindex-jaar-te-groot",
        "prijsindex.csv",
        3,
        "jaar",
        "'201700000' is geen jaartal; verwacht een jaar van 1900 tot en met 2200, bijvoorbeeld 2016",
        id="prijsindex-jaar-te-groot",
    ),
    pytest.param(
        "prijsindex-meer-waarden-dan-kolommen",
        "prijsindex.csv",
        3,
        None,
        f"deze regel heeft 3 waarden, de kopregel 2 kolommen; {_ZET_TUSSEN_AANHALINGSTEKENS}",
        id="prijsindex-meer-waarden-dan-kolommen",
    ),
    pytest.param(
        "prijsindex-decimale-komma-in-bronkolom",
        "prijsindex.csv",
        3,
        "index",
        "bron '9' is alleen een getal: staat er een decimale komma in de index (121,9)? schrijf een decimale punt "
        "(121.9) of zet de index tussen aanhalingstekens",
        id="prijsindex-decimale-komma-in-bronkolom",
    ),
    # 6. getallen
    pytest.param(
        "puntkomma-dubbelzinnig-duizendtal",
        "tarieven.csv",
        2,
        "prijs",
        "'1.234' is dubbelzinnig: 1234 of 1,234? in dit bestand (gescheiden met puntkomma's) is de komma het "
        "decimaalteken; schrijf 1234 of 1.234,00 voor duizendtallen, of 1,234",
        id="puntkomma-dubbelzinnig-duizendtal",
    ),
    pytest.param(
        "komma-dubbelzinnig-duizendtal",
        "tarieven.csv",
        2,
        "prijs",
        "'1,234' is dubbelzinnig: 1234 of 1,234? in dit bestand (gescheiden met komma's) is de punt het "
        "decimaalteken; schrijf 1234 voor duizendtallen, of 1.234",
        id="komma-dubbelzinnig-duizendtal",
    ),
    pytest.param(
        "getal-met-liggend-streepje",
        "tarieven.csv",
        2,
        "prijs",
        "'1_000' is geen bedrag; verwacht bijvoorbeeld 32.76 of 32,76",
        id="getal-met-liggend-streepje",
    ),
    pytest.param(
        "getal-in-e-notatie",
        "tarieven.csv",
        2,
        "prijs",
        "'1e3' is in e-notatie; schrijf het getal voluit (bijvoorbeeld 1000 in plaats van 1e3)",
        id="getal-in-e-notatie",
    ),
    pytest.param(
        "getal-arabisch-indische-cijfers",
        "tarieven.csv",
        2,
        "prijs",
        "'\u0661\u0662\u0663' bevat het teken '\u0661' (U+0661), geen gewoon cijfer; typ het getal met de cijfers 0-9",
        id="getal-arabisch-indische-cijfers",
    ),
    pytest.param(
        "jaar-met-liggend-streepje",
        "tarieven.csv",
        2,
        "jaar",
        "'2_016' is geen jaartal; verwacht bijvoorbeeld 2016",
        id="jaar-met-liggend-streepje",
    ),
    pytest.param(
        "rij-met-ander-scheidingsteken",
        "tarieven.csv",
        3,
        None,
        "deze regel is gescheiden met komma's, de kopregel met puntkomma's; gebruik in het hele bestand hetzelfde "
        "scheidingsteken",
        id="rij-met-ander-scheidingsteken",
    ),
    pytest.param(
        "rij-meer-waarden-dan-kolommen",
        "tarieven.csv",
        2,
        None,
        f"deze regel heeft 11 waarden, de kopregel 10 kolommen; {_ZET_TUSSEN_AANHALINGSTEKENS}",
        id="rij-meer-waarden-dan-kolommen",
    ),
    # 7. Excel
    pytest.param(
        "excel-samengevoegde-gemeente",
        "tarieven.xlsx",
        2,
        "gemeente",
        "samengevoegde cellen F2:F3: alleen de eerste cel heeft een waarde, de andere zijn leeg (een lege gemeente "
        "betekent een landelijk tarief); maak de samenvoeging ongedaan en vul elke cel in",
        id="excel-samengevoegde-gemeente",
    ),
    pytest.param(
        "excel-formule-zonder-uitkomst",
        "tarieven.xlsx",
        2,
        "prijs",
        "cel D2 bevat een formule zonder opgeslagen uitkomst; open het bestand in Excel en sla het daar op (dan "
        "bewaart Excel de uitkomst), of typ de waarde zelf",
        id="excel-formule-zonder-uitkomst",
    ),
    pytest.param(
        "excel-beschadigd-werkblad",
        "tarieven.xlsx",
        None,
        None,
        "dit werkblad is beschadigd en niet te lezen; open het bestand in Excel en sla het opnieuw op",
        id="excel-beschadigd-werkblad",
    ),
    pytest.param(
        "excel-geen-excelbestand",
        "tarieven.xlsx",
        None,
        None,
        "kan dit Excel-bestand niet lezen; sla het opnieuw op als .xlsx",
        id="excel-geen-excelbestand",
    ),
    # 8. tariefcodes met letters die op gewone letters lijken
    pytest.param(
        "tariefcode-lijkt-op-ascii",
        "tarieven.csv",
        2,
        "code",
        f"code bevat op positie 5 het teken '\u0443' (U+0443 CYRILLIC SMALL LETTER U), {_TYP_OPNIEUW}",
        id="tariefcode-cyrillisch",
    ),
    pytest.param(
        "tariefcode-lijkt-op-ascii",
        "tarieven.csv",
        3,
        "code",
        f"code bevat op positie 2 het teken '\u03bf' (U+03BF GREEK SMALL LETTER OMICRON), {_TYP_OPNIEUW}",
        id="tariefcode-grieks",
    ),
    pytest.param(
        "tariefcode-lijkt-op-ascii",
        "tarieven.csv",
        4,
        "code",
        f"code bevat op positie 1 het teken '\uff48' (U+FF48 FULLWIDTH LATIN SMALL LETTER H), {_TYP_OPNIEUW}",
        id="tariefcode-fullwidth",
    ),
    pytest.param(
        "tariefcode-lijkt-op-ascii",
        "tarieven.csv",
        5,
        "code",
        f"code bevat op positie 5 het teken (U+200B ZERO WIDTH SPACE), {_TYP_OPNIEUW}",
        id="tariefcode-onzichtbare-spatie",
    ),
    # 9. tabellen die stil verkeerd zouden prijzen (issue 24): kolommen, codes, eenheden, gemeenten, Excel, kopregel
    pytest.param(
        "kolom-verschreven",
        "tarieven.csv",
        1,
        "sort",
        f"onbekende kolom 'sort'; bedoelde u 'soort'? {_KOLOMMEN_TARIEF}",
        id="kolom-verschreven-sort",
    ),
    pytest.param(
        "kolom-onbekend",
        "tarieven.csv",
        1,
        "notities",
        f"onbekende kolom 'notities'; {_KOLOMMEN_TARIEF}",
        id="kolom-onbekend",
    ),
    pytest.param(
        "kolom-dubbel",
        "tarieven.csv",
        1,
        "soort",
        "kolom staat twee keer in de kopregel; laat er één staan",
        id="kolom-dubbel-soort",
    ),
    pytest.param(
        "excel-verschreven-kolom",
        "tarieven.xlsx",
        1,
        "sort",
        f"onbekende kolom 'sort'; bedoelde u 'soort'? {_KOLOMMEN_TARIEF}",
        id="excel-verschreven-kolom-sort",
    ),
    pytest.param(
        "excel-dubbele-kolom",
        "tarieven.xlsx",
        1,
        "soort",
        "kolom staat twee keer in de kopregel; laat er één staan",
        id="excel-dubbele-kolom-soort-en-Soort",
    ),
    pytest.param(
        "prijsindex-kolom-verschreven",
        "prijsindex.csv",
        1,
        "bronn",
        "onbekende kolom 'bronn'; bedoelde u 'bron'? een kolom met een andere naam wordt niet gelezen; de kolommen "
        "zijn jaar, index en optioneel bron; eigen uitleg mag in een kolom toelichting of opmerking",
        id="prijsindex-kolom-verschreven",
    ),
    pytest.param(
        "prijsindex-kolom-dubbel",
        "prijsindex.csv",
        1,
        "index",
        "kolom staat twee keer in de kopregel; laat er één staan",
        id="prijsindex-kolom-dubbel",
    ),
    pytest.param(
        "code-hoofdletters-dubbel",
        "tarieven.csv",
        3,
        "code",
        "dubbele rij voor (wmo_uur, 2016, landelijk); staat al in tarieven/tarieven.csv:2 (als 'wmo_uur', hier "
        "'WMO_uur': tariefcodes zijn hoofdletterongevoelig, dit is dezelfde code); laat er één staan",
        id="code-alleen-in-hoofdletters-anders",
    ),
    pytest.param(
        "eenheid-anders-in-gemeente",
        "gemeenten.csv",
        2,
        "eenheid",
        "eenheid 'dagdeel' van wmo_uur wijkt af van eenheid 'uur' in tarieven/landelijk.csv:2; één code heeft één "
        "eenheid (de aantallen in de casussen zijn in die eenheid); neem dezelfde eenheid, of geef deze rij een eigen "
        "code",
        id="eenheid-anders-in-gemeente",
    ),
    pytest.param(
        "gemeente-meerdere-in-cel",
        "tarieven.csv",
        3,
        "gemeente",
        "'Alfa, Beta' noemt meer dan één gemeente; zet elke gemeente op een eigen rij (één rij per gemeente)",
        id="gemeenten-met-komma",
    ),
    pytest.param(
        "gemeente-meerdere-in-cel",
        "tarieven.csv",
        4,
        "gemeente",
        "'Gamma; Delta' noemt meer dan één gemeente; zet elke gemeente op een eigen rij (één rij per gemeente)",
        id="gemeenten-met-puntkomma",
    ),
    pytest.param(
        "gemeente-meerdere-in-cel",
        "tarieven.csv",
        5,
        "gemeente",
        "'Epsilon/Zeta' noemt meer dan één gemeente; zet elke gemeente op een eigen rij (één rij per gemeente)",
        id="gemeenten-met-schuine-streep",
    ),
    pytest.param(
        "excel-verborgen-rij",
        "tarieven.xlsx",
        3,
        None,
        "rij 3 is verborgen in Excel (of weggefilterd), maar staat wel in het bestand; maak de rij zichtbaar (filter "
        "uit) als hij mee moet tellen, of verwijder hem",
        id="excel-verborgen-rij",
    ),
    pytest.param(
        "excel-verborgen-kolom",
        "tarieven.xlsx",
        1,
        "gemeente",
        "kolom F is verborgen in Excel, maar staat wel in het bestand; maak de kolom zichtbaar als hij mee moet "
        "tellen, of verwijder hem",
        id="excel-verborgen-kolom",
    ),
    pytest.param(
        "excel-cel-buiten-kopregel",
        "tarieven.xlsx",
        2,
        None,
        "cel K2 is gevuld, maar kolom K heeft geen naam in de kopregel; geef de kolom een naam (bijvoorbeeld "
        "toelichting) of maak de cel leeg",
        id="excel-cel-buiten-kopregel",
    ),
    pytest.param(
        "excel-verborgen-werkblad",
        "tarieven.xlsx (werkblad 'Oud')",
        None,
        None,
        "dit werkblad is verborgen, maar heeft een kopregel met code en prijs; een verborgen tabel telt niet "
        "stilletjes mee of niet mee: maak het werkblad zichtbaar (dan telt het mee) of verwijder het",
        id="excel-verborgen-werkblad",
    ),
    pytest.param(
        "kop-titelregel",
        "tarieven.csv",
        1,
        None,
        "regel 1 is geen kopregel; de kopregel staat op regel 2 — haal de titelregel weg (de kopregel met de "
        "kolomnamen moet de eerste regel zijn)",
        id="titelregel-boven-de-kopregel",
    ),
    pytest.param(
        "excel-titelregel",
        "tarieven.xlsx",
        1,
        None,
        "regel 1 is geen kopregel; de kopregel staat op regel 2 — haal de titelregel weg (de kopregel met de "
        "kolomnamen moet de eerste regel zijn)",
        id="excel-titelregel-boven-de-kopregel",
    ),
    pytest.param(
        "kop-tabs",
        "tarieven.csv",
        1,
        None,
        "het bestand is met tabs gescheiden; gebruik ; of , als scheidingsteken (sla het in Excel op als CSV)",
        id="met-tabs-gescheiden",
    ),
    # na `sep=;` is de kopregel regel 2 en de eerste gegevensrij regel 3
    pytest.param(
        "kop-sep-regel-fout",
        "tarieven.csv",
        3,
        "bron",
        "bron ontbreekt; noem de bron, of schrijf 'aanname: ...' als er geen gepubliceerd cijfer is",
        id="sep-regel-telt-mee-in-de-regelnummers",
    ),
]


def _meldingen(map_naam: str) -> tuple[Melding, ...]:
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(TARIEFMAPPEN / map_naam, weergave="tarieven")
    return fout.value.meldingen


@pytest.mark.parametrize(("map_naam", "bestand", "regel", "veld", "tekst"), FOUTEN)
def test_defecte_tariefmap_geeft_precies_deze_melding(
    map_naam: str, bestand: str, regel: int | None, veld: str | None, tekst: str
) -> None:
    """Elke defecte tariefmap geeft voor de defecte regel precies deze Nederlandse melding, met bestand en veld."""
    meldingen = _meldingen(map_naam)
    over_regel = [m for m in meldingen if m.regel == regel]
    assert over_regel == [Melding(f"tarieven/{bestand}", regel, veld, tekst)]


def test_elke_defecte_map_geeft_alleen_de_verwachte_meldingen() -> None:
    """Geen vervolgmeldingen: een rij in een ander scheidingsteken of met te veel waarden is één melding, geen zes."""
    verwacht = Counter(p.values[0] for p in FOUTEN)
    for map_naam, aantal in verwacht.items():
        assert len(_meldingen(str(map_naam))) == aantal, map_naam


# --- 1. ijle prijsindex ----------------------------------------------------------------------------------------


@pytest.fixture
def werkmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Een lege werkmap als huidige map, zodat meldingen korte relatieve paden noemen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tariefmap(werkmap: Path, map_naam: str) -> Path:
    shutil.copytree(TARIEFMAPPEN / map_naam, werkmap / "tarieven")
    return Path("tarieven")


def test_ijle_prijsindex_rekent_met_de_jaren_die_er_zijn(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een index met alleen 2010 en 2013 is genoeg; een rij uit 2011 die niemand gebruikt stoort niet."""
    tarieven = _tariefmap(werkmap, "prijsindex-ijl")
    c = casus(
        id="I-1",
        datum="2010-05-01",
        voor=[{"tarief": "hulp", "aantal": 1}],
        team=[{"tarief": "zwaar", "aantal": 1}],
    )
    r = bereken([casusmap(c)], tarieven, Instellingen(discontovoet=0))
    # prijspeil 2013 (laatste jaar); hulp 2010: 100 x 99 / 90 = 110; zwaar 2013: 50 x 99 / 99 = 50
    assert r.prijspeil == 2013
    rij = r.casussen.iloc[0]
    assert rij["kosten_voor_2015"] == pytest.approx(110.0)
    assert rij["kosten_sociaal_team"] == pytest.approx(50.0)
    assert rij["besparing"] == pytest.approx(60.0)


@pytest.mark.parametrize(
    ("geval", "verwacht"),
    [
        pytest.param(
            ("prijsindex-ijl", "2011-05-01", "hulp"),
            "tarieven/tarieven.csv:3: jaar: de prijsindex (tarieven/prijsindex.csv) mist jaar 2011, nodig om hulp om "
            "te rekenen naar prijspeil 2013 voor casus N-1 (casussen/n-1.yaml); aanwezig: 2010, 2013",
            id="ijle-index-gebruikte-rij",
        ),
        pytest.param(
            ("prijsindex-mist-jaar", "2016-05-01", "wijkteam_uur"),
            "tarieven/tarieven.csv:3: jaar: de prijsindex (tarieven/prijsindex.csv) mist jaar 2019, nodig om "
            "wijkteam_uur om te rekenen naar prijspeil 2022 voor casus N-1 (casussen/n-1.yaml); aanwezig: 2021-2022",
            id="prijsindex-mist-jaar",
        ),
    ],
)
def test_ontbrekend_jaar_van_een_gebruikte_rij_noemt_rij_en_casus(  # type: ignore[no-untyped-def]
    werkmap: Path, casusmap, geval: tuple[str, str, str], verwacht: str
) -> None:
    """Mist de index het jaar van een tariefrij die een casus gebruikt, dan noemt de fout de rij en de casus."""
    map_naam, datum, tarief = geval
    tarieven = _tariefmap(werkmap, map_naam)
    c = casus(id="N-1", datum=datum, voor=[{"tarief": tarief, "aantal": 1}])
    with pytest.raises(InvoerFout) as fout:
        bereken([casusmap(c)], tarieven, Instellingen(discontovoet=0))
    assert [str(m) for m in fout.value.meldingen] == [verwacht]


def test_ongebruikte_rij_zonder_indexjaar_laat_de_rest_rekenen(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een rij uit 2019 zonder indexcijfer stoort een casus die alleen een andere code gebruikt niet."""
    tarieven = _tariefmap(werkmap, "prijsindex-mist-jaar")
    c = casus(id="G-1", datum="2022-05-01", voor=[{"tarief": "hbh_uur", "aantal": 2}])
    r = bereken([casusmap(c)], tarieven, Instellingen(discontovoet=0))
    # hbh_uur 32,76 uit 2022, prijspeil 2022: 2 x 32,76 = 65,52
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(65.52)


def test_prijspeil_buiten_ijle_index_noemt_de_aanwezige_jaren() -> None:
    """Een gevraagd prijspeil dat niet in de index staat is een fout bij de optie, met de jaren die er wel zijn."""
    index = laad_tarieven(TARIEFMAPPEN / "prijsindex-ijl", weergave="tarieven").prijsindex
    with pytest.raises(InstellingenFout) as fout:
        index.peil(2012, "--prijspeil")
    assert [str(m) for m in fout.value.meldingen] == [
        "tarieven/prijsindex.csv: --prijspeil: prijspeil 2012 staat niet in de prijsindex; kies een jaar in 2010, 2013"
    ]


# --- 6. getallen -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "prijs"),
    [
        pytest.param("engels", 1234.56, id="engels-gegroepeerd-1,234.56"),
        pytest.param("punt", 32.76, id="decimale-punt-in-puntkommabestand-32.76"),
        pytest.param("spatie", 1234.50, id="spatie-als-duizendtal-1_234,50"),
        pytest.param("miljoen", 1_234_567.0, id="twee-punten-zijn-duizendtallen-1.234.567"),
        pytest.param("nl", 1234.00, id="euroteken-en-nederlands-1.234,00"),
        pytest.param("klein", 0.125, id="nul-komma-drie-decimalen-0.125"),
    ],
)
def test_eenduidige_getallen_in_puntkommabestand(code: str, prijs: float) -> None:
    """Elke notatie die maar één ding kan betekenen wordt gelezen zoals de gebruiker het bedoelt."""
    regel = laad_tarieven(TARIEFMAPPEN / "getallen-eenduidig").kies(code, "X", 2016)
    assert regel is not None
    assert regel.prijs == pytest.approx(prijs)


def test_engels_gegroepeerd_bedrag_in_kommabestand_telt_voluit(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """'1,234.56' tussen aanhalingstekens in een kommabestand is 1234,56, niet 1,23."""
    tarieven = _tariefmap(werkmap, "komma-engels-gegroepeerd")
    c = casus(id="K-1", voor=[{"tarief": "hulp", "aantal": 2}, {"tarief": "punt", "aantal": 1000}])
    r = bereken([casusmap(c)], tarieven, PEIL_2016)
    # hulp 1234,56 x 2 = 2469,12; punt 1.234 (decimale punt in een kommabestand) x 1000 = 1234; samen 3703,12
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(3703.12)


@pytest.mark.parametrize(
    ("tekst", "decimaalteken", "getal"),
    [
        pytest.param("1.234", ".", 1.234, id="punt-in-kommabestand"),
        pytest.param("1,234", ",", 1.234, id="komma-in-puntkommabestand"),
        pytest.param("1.234,5", None, 1234.5, id="beide-tekens-nederlands"),
        pytest.param("1,234.5", None, 1234.5, id="beide-tekens-engels"),
        pytest.param("12.345.678", None, 12_345_678.0, id="meer-groepen"),
        pytest.param("-7,5", ",", -7.5, id="negatief"),
        pytest.param("1\u00a0234,50", ",", 1234.5, id="harde-spatie-als-duizendtal"),
    ],
)
def test_lees_getal_volgt_de_vaste_regel(tekst: str, decimaalteken: str | None, getal: float) -> None:
    """De regel voor punt en komma (zie lees_getal) geeft deze waarden."""
    assert lees_getal(tekst, decimaalteken) == pytest.approx(getal)


@pytest.mark.parametrize(
    "tekst",
    [
        pytest.param("1.234", id="dubbelzinnig-zonder-context"),
        pytest.param("1.23,45", id="groep-van-twee"),
        pytest.param("1,2,3", id="geen-groepen-van-drie"),
        pytest.param("1 000_0", id="liggend-streepje"),
        pytest.param("\uff11\uff12", id="fullwidth-cijfers"),
        pytest.param("inf", id="oneindig"),
        pytest.param("5.", id="niets-na-de-punt"),
    ],
)
def test_lees_getal_weigert_wat_niet_eenduidig_is(tekst: str) -> None:
    """Wat geen getal is of twee dingen kan betekenen wordt geweigerd, nooit geraden."""
    with pytest.raises(GetalFout):
        lees_getal(tekst)


# --- 7. Excel en de tariefmap ----------------------------------------------------------------------------------


def test_alle_zichtbare_werkbladen_met_tariefkop_tellen_mee(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een tweede werkblad met dezelfde kop telt mee; een uitlegblad en een verborgen blad geven een waarschuwing."""
    tarieven = _tariefmap(werkmap, "excel-meerdere-werkbladen")
    tabel = laad_tarieven(tarieven)
    zwaar = tabel.kies("zwaar", "X", 2016)
    assert zwaar is not None
    assert (zwaar.prijs, zwaar.bestand, zwaar.regel) == (90, "tarieven/tarieven.xlsx (werkblad 'Jeugd')", 2)
    assert [w.melding for w in tabel.waarschuwingen] == [
        (
            "tarieven/tarieven.xlsx (werkblad 'Toelichting'): wordt niet gelezen: dit werkblad heeft geen kopregel met "
            "code en prijs"
        ),
        "tarieven/tarieven.xlsx (werkblad 'Oud'): wordt niet gelezen: dit werkblad is verborgen",
    ]
    c = casus(id="X-1", voor=[{"tarief": "hulp", "aantal": 1}, {"tarief": "zwaar", "aantal": 2}])
    r = bereken([casusmap(c)], tarieven, PEIL_2016)
    # hulp 40 (werkblad Tarieven, niet 1 uit het verborgen blad) + zwaar 2 x 90 (werkblad Jeugd) = 220
    assert r.casussen.iloc[0]["kosten_voor_2015"] == pytest.approx(220.0)


def test_opgemaakte_lege_cel_in_xfd1048576_kost_geen_tijd_of_geheugen() -> None:
    """Eén opgemaakte lege cel in de laatste cel van het blad: lezen blijft snel en het geheugen klein."""
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        tabel = laad_tarieven(TARIEFMAPPEN / "excel-lege-cel-xfd1048576")
        duur = time.perf_counter() - begin
        piek = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(r.code, r.prijs) for r in tabel.regels] == [("hulp", 40)]
    assert duur < 10  # ruim; was 35 s
    assert piek < 100 * 2**20  # ruim; was 5,8 GB


def test_bestanden_die_niet_gelezen_worden_geven_een_waarschuwing() -> None:
    """.xlsm, .tsv, .txt en een submap in de tariefmap worden niet gelezen, en dat wordt gezegd."""
    tabel = laad_tarieven(TARIEFMAPPEN / "ongelezen-bestanden", weergave="tarieven")
    assert [(w.code, w.melding) for w in tabel.waarschuwingen] == [
        (
            "tariefbestand_niet_gelezen",
            "tarieven/archief: submap in de tariefmap wordt niet gelezen; zet tarieftabellen direct in de tariefmap",
        ),
        (
            "tariefbestand_niet_gelezen",
            "tarieven/export.tsv: wordt niet gelezen: sla het op als .csv (komma of puntkomma als scheidingsteken)",
        ),
        (
            "tariefbestand_niet_gelezen",
            "tarieven/macro.xlsm: wordt niet gelezen: sla het op als .xlsx (zonder macro's)",
        ),
        ("tariefbestand_niet_gelezen", "tarieven/notities.txt: wordt niet gelezen: sla het op als .csv"),
    ]


def test_waarschuwing_over_tariefmap_staat_in_resultaat_en_controle(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """De waarschuwingen over niet gelezen bestanden komen in het resultaat (totaal) en in `controleer`, één keer."""
    tarieven = _tariefmap(werkmap, "ongelezen-bestanden")
    map_ = casusmap(casus(id="O-1", voor=[{"tarief": "hulp", "aantal": 1}]))
    r = bereken([map_], tarieven, PEIL_2016)
    codes = [w.code for w in r.alle_waarschuwingen()]
    assert codes.count("tariefbestand_niet_gelezen") == 4
    controle = controleer_alles([map_], tarieven)
    assert [w.code for w in controle.waarschuwingen].count("tariefbestand_niet_gelezen") == 4


def test_tariefbestand_in_plaats_van_map_zegt_dat() -> None:
    """--tarieven met een bestand in plaats van een map zegt dat, met de map die wel bedoeld is."""
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(TARIEFMAPPEN / "dubbele-rij" / "tarieven.csv", weergave="tarieven/landelijk.csv")
    assert [str(m) for m in fout.value.meldingen] == [
        (
            "tarieven/landelijk.csv: dit is een bestand; verwacht de tariefmap waarin de tarieftabellen en "
            "prijsindex.csv staan (bijvoorbeeld --tarieven tarieven)"
        )
    ]


def test_tariefbestand_als_optie_exit_1_zonder_traceback(draai: Draai) -> None:
    """`bereken --tarieven <bestand>` stopt met code 1 en de melding, zonder traceback."""
    uit = draai("bereken", "casussen", "--tarieven", "tarieven/landelijk.csv")
    assert uit.returncode == 1
    assert "Traceback" not in uit.stdout + uit.stderr
    assert "tarieven/landelijk.csv: dit is een bestand; verwacht de tariefmap" in uit.stderr


# --- 8. gemeentenamen ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gemeente", "prijs"),
    [
        pytest.param("'s-Hertogenbosch", 30, id="rechte-apostrof-tegen-typografische"),
        pytest.param("\u2019S-HERTOGENBOSCH", 30, id="hoofdletters"),
        pytest.param("Den\u00a0Haag", 40, id="harde-spatie"),
        pytest.param("den  haag", 40, id="kleine-letters-dubbele-spatie"),
        pytest.param("Den Haag\u200b", 40, id="onzichtbare-spatie"),
        pytest.param("Su\u0301dwest-Frysla\u0302n", 50, id="nfd-accenten"),
        pytest.param("Su\u0301dwest\u2011Frysla\u0302n", 50, id="niet-afbrekend-koppelteken"),
        pytest.param("Westerveld", 60, id="gewoon"),
        pytest.param("Beta", 10, id="geen-eigen-rij-landelijk"),
    ],
)
def test_gemeente_krijgt_eigen_tarief_in_elke_spelling(gemeente: str, prijs: float) -> None:
    """Dezelfde naam in een andere Unicode-vorm, spatie, apostrof of hoofdletter krijgt de eigen tarieven."""
    regel = laad_tarieven(TARIEFMAPPEN / "gemeente-spellingen").kies("hulp", gemeente, 2016)
    assert regel is not None
    assert regel.prijs == prijs


def test_den_haag_en_den_haag_zijn_een_gemeente(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """'den haag' en 'Den Haag' zijn één gemeente, in de spelling van de tarieftabel, met beide casussen."""
    tarieven = _tariefmap(werkmap, "gemeente-spellingen")
    map_ = casusmap(
        casus(id="A-1", gemeente="den haag", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(id="B-1", gemeente="Den\u00a0Haag", voor=[{"tarief": "hulp", "aantal": 2}]),
    )
    r = bereken([map_], tarieven, PEIL_2016)
    assert [g.gemeente for g in r.gemeenten] == ["Den Haag"]
    # eigen tarief 40: 1 x 40 + 2 x 40 = 120
    assert r.gemeenten[0].aantal_casussen == 2
    assert r.gemeenten[0].kosten_voor_2015 == pytest.approx(120.0)
    assert set(r.regels["gemeente"]) == {"Den Haag"}
    assert r.gemeente("DEN HAAG").gemeente == "Den Haag"


def test_gemeente_zonder_tarieven_krijgt_de_eerste_spelling(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder eigen rijen toont elke uitvoer de spelling uit het eerste bestand (in bestandsvolgorde)."""
    tarieven = _tariefmap(werkmap, "gemeente-spellingen")
    map_ = casusmap(
        casus(id="B-2", gemeente="Beta", voor=[{"tarief": "hulp", "aantal": 2}]),
        casus(id="A-2", gemeente="beta ", voor=[{"tarief": "hulp", "aantal": 1}]),
    )
    r = bereken([map_], tarieven, PEIL_2016)
    # a-2.yaml komt voor b-2.yaml; landelijk tarief 10: 1 x 10 + 2 x 10 = 30
    assert [(g.gemeente, g.aantal_casussen, g.kosten_voor_2015) for g in r.gemeenten] == [("beta", 2, 30.0)]


def test_bijna_gelijke_gemeente_geeft_waarschuwing(werkmap: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Een gemeente zonder eigen rijen terwijl een bijna gelijke naam ze wel heeft: een waarschuwing met de naam."""
    tarieven = _tariefmap(werkmap, "gemeente-spellingen")
    map_ = casusmap(
        casus(id="W-1", gemeente="Westervelt", voor=[{"tarief": "hulp", "aantal": 1}]),
        casus(id="H-1", gemeente="den haag", voor=[{"tarief": "hulp", "aantal": 1}]),
    )
    r = bereken([map_], tarieven, PEIL_2016)
    bijna = [w for w in r.alle_waarschuwingen() if w.code == "gemeente_bijna_gelijk"]
    assert [(w.casus, w.melding) for w in bijna] == [
        (
            "W-1",
            (
                "casussen/w-1.yaml:2: gemeente 'Westervelt' heeft geen eigen tarieven, 'Westerveld' wel; nu gelden de "
                "landelijke tarieven (bedoelt u 'Westerveld'?)"
            ),
        )
    ]
    # Westervelt krijgt het landelijke tarief 10, niet 60
    assert r.gemeente("Westervelt").kosten_voor_2015 == pytest.approx(10.0)
