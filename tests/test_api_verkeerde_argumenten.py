"""Elke functie en methode van de publieke API (`casuskosten.__all__`) met verkeerde argumenten: altijd een
Nederlandse `CasuskostenFout` die het argument noemt, wat het kreeg en wat mag; nooit een kale TypeError of
AttributeError van diep uit de code (issue 24).

`test_elke_publieke_aanroep_staat_in_de_tabel` laat een nieuwe publieke functie of methode zonder rij hier falen.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import casuskosten
from casuskosten.fouten import ArgumentFout, CasuskostenFout
from tests.conftest import SNEL, casus, schrijf_casussen, schrijf_tarieven

DATUM = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Omgeving:
    """Een tariefmap, een casusmap, de geladen tabel en een berekend resultaat om verkeerd mee te werken."""

    tarieven: Path
    casussen: Path
    map_: Path
    tabel: casuskosten.Tarieftabel
    resultaat: casuskosten.Resultaat


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> Omgeving:
    """Eén casus van gemeente Beta met 2 uur hulp, eenmaal berekend voor alle aanroepen hieronder."""
    map_ = tmp_path_factory.mktemp("api")
    tarieven = schrijf_tarieven(map_ / "tarieven")
    casussen = schrijf_casussen(map_ / "casussen", casus(voor=[{"tarief": "hulp", "aantal": 2}]))
    tabel = casuskosten.laad_tarieven(tarieven)
    resultaat = casuskosten.bereken(casussen, tabel, SNEL, werkers=1)
    return Omgeving(tarieven, casussen, map_, tabel, resultaat)


Aanroep = Callable[[Omgeving], object]

# (publieke naam, aanroep, wat de melding moet zeggen): per publieke aanroep minstens een verkeerd type, en waar een
# pad of een verplicht object verwacht wordt ook None en een pad dat niet bestaat
AANROEPEN: list[Any] = [
    # --- functies ---
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(5, o.tarieven),
        "paden: bereken() kreeg 5 (int); verwacht tekst, een pad (pathlib.Path) of een lijst waarin elk element "
        "tekst of een pad (pathlib.Path) is",
        id="bereken-paden-getal",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(None, o.tarieven),
        "paden: bereken() kreeg None (NoneType); verwacht tekst",
        id="bereken-paden-none",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken([o.casussen, 7], o.tarieven),
        "paden: bereken() kreeg [",
        id="bereken-lijst-met-getal",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.casussen, 5),
        "tarieven: bereken() kreeg 5 (int); verwacht tekst, een pad (pathlib.Path), een Tarieftabel of None",
        id="bereken-tarieven-getal",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.casussen, o.tarieven, {"prijspeil": 2016}),
        "instellingen: bereken() kreeg {'prijspeil': 2016} (dict); verwacht een Instellingen of None",
        id="bereken-instellingen-dict",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.casussen, o.tarieven, sla_ongeldige_over="ja"),
        "sla_ongeldige_over: bereken() kreeg 'ja' (str); verwacht True of False",
        id="bereken-ja-als-tekst",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.casussen, o.tarieven, werkers=True),
        "werkers: bereken() kreeg True (bool); verwacht een geheel getal of None",
        id="bereken-werkers-boolean",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.map_ / "bestaat-niet", o.tarieven),
        "bestaat-niet: bestand of map bestaat niet",
        id="bereken-pad-bestaat-niet",
    ),
    pytest.param(
        "bereken",
        lambda o: casuskosten.bereken(o.casussen, o.tarieven, tarief="hulp"),
        "bereken: bereken(): kent geen argument 'tarief'",
        id="bereken-onbekend-trefwoord",
    ),
    pytest.param(
        "bereken_casussen",
        lambda o: casuskosten.bereken_casussen(o.casussen, o.tabel),
        "casussen: bereken_casussen() kreeg",
        id="bereken_casussen-pad-in-plaats-van-casussen",
    ),
    pytest.param(
        "bereken_casussen",
        lambda o: casuskosten.bereken_casussen([], None),
        "tabel: bereken_casussen() kreeg None (NoneType); verwacht een Tarieftabel",
        id="bereken_casussen-tabel-none",
    ),
    pytest.param(
        "bereken_invoer",
        lambda o: casuskosten.bereken_invoer(str(o.casussen)),
        "opties: bereken_invoer() kreeg",
        id="bereken_invoer-tekst",
    ),
    pytest.param(
        "controleer_invoer",
        lambda o: casuskosten.controleer_invoer(None),
        "opties: controleer_invoer() kreeg None (NoneType); verwacht een Invoeropties",
        id="controleer_invoer-none",
    ),
    pytest.param(
        "controleer_invoer",
        lambda o: casuskosten.controleer_invoer(casuskosten.Invoeropties((o.casussen,)), streng="nee"),
        "streng: controleer_invoer() kreeg 'nee' (str); verwacht True of False",
        id="controleer_invoer-streng-tekst",
    ),
    pytest.param(
        "exporteer",
        lambda o: casuskosten.exporteer(None, "json", o.map_ / "uit.json"),
        "resultaat: exporteer() kreeg None (NoneType); verwacht een Resultaat",
        id="exporteer-none",
    ),
    pytest.param(
        "exporteer",
        lambda o: casuskosten.exporteer(o.resultaat, "json", 5),
        "uit: exporteer() kreeg 5 (int); verwacht een pad (pathlib.Path) of tekst",
        id="exporteer-uit-getal",
    ),
    pytest.param(
        "laad_casussen",
        lambda o: casuskosten.laad_casussen(str(o.casussen), o.tabel),
        "paden: laad_casussen() kreeg",
        id="laad_casussen-een-tekst-is-geen-lijst",
    ),
    pytest.param(
        "laad_casussen",
        lambda o: casuskosten.laad_casussen([o.casussen], "tarieven"),
        "tabel: laad_casussen() kreeg 'tarieven' (str); verwacht een Tarieftabel",
        id="laad_casussen-tabel-tekst",
    ),
    pytest.param(
        "laad_instellingen",
        lambda o: casuskosten.laad_instellingen(2016),
        "pad: laad_instellingen() kreeg 2016 (int); verwacht een pad (pathlib.Path), tekst of None",
        id="laad_instellingen-getal",
    ),
    pytest.param(
        "laad_instellingen",
        lambda o: casuskosten.laad_instellingen(o.map_ / "geen.toml"),
        "geen.toml: instellingenbestand bestaat niet",
        id="laad_instellingen-bestaat-niet",
    ),
    pytest.param(
        "laad_tarieven",
        lambda o: casuskosten.laad_tarieven(None),
        "map_: laad_tarieven() kreeg None (NoneType); verwacht een pad (pathlib.Path) of tekst",
        id="laad_tarieven-none",
    ),
    pytest.param(
        "laad_tarieven",
        lambda o: casuskosten.laad_tarieven(o.map_ / "geen-tarieven"),
        "geen-tarieven: tariefmap bestaat niet",
        id="laad_tarieven-bestaat-niet",
    ),
    pytest.param(
        "lees_casus_voor_schema",
        lambda o: casuskosten.lees_casus_voor_schema(5),
        "pad: lees_casus_voor_schema() kreeg 5 (int); verwacht een pad (pathlib.Path) of tekst",
        id="lees_casus_voor_schema-getal",
    ),
    pytest.param(
        "lees_casus_voor_schema",
        lambda o: casuskosten.lees_casus_voor_schema(o.map_ / "geen.yaml"),
        "geen.yaml: kan bestand niet lezen",
        id="lees_casus_voor_schema-bestaat-niet",
    ),
    pytest.param(
        "schrijf_casusrapport",
        lambda o: casuskosten.schrijf_casusrapport(o.resultaat, "html", o.map_ / "c.html", "2026-01-01"),
        "datum: schrijf_casusrapport() kreeg '2026-01-01' (str); verwacht een datum (datetime.date)",
        id="schrijf_casusrapport-datum-als-tekst",
    ),
    pytest.param(
        "schrijf_gemeenterapporten",
        lambda o: casuskosten.schrijf_gemeenterapporten(o.resultaat, "html", o.map_ / "r", DATUM, gemeente=5),
        "gemeente: schrijf_gemeenterapporten() kreeg 5 (int); verwacht tekst of None",
        id="schrijf_gemeenterapporten-gemeente-getal",
    ),
    pytest.param(
        "schrijf_vergelijking",
        lambda o: casuskosten.schrijf_vergelijking(o.resultaat, None, o.map_ / "v.html", DATUM),
        "formaat: schrijf_vergelijking() kreeg None (NoneType); verwacht tekst",
        id="schrijf_vergelijking-formaat-none",
    ),
    # --- klassen die een gebruiker zelf maakt ---
    pytest.param(
        "Instellingen",
        lambda o: casuskosten.Instellingen(prijspeil="2016a"),
        "prijspeil: verwacht een geheel getal",
        id="Instellingen-prijspeil-tekst",
    ),
    pytest.param(
        "Invoeropties",
        lambda o: casuskosten.Invoeropties(5),
        "paden: Invoeropties() kreeg 5 (int); verwacht tekst, een pad (pathlib.Path) of een lijst",
        id="Invoeropties-paden-getal",
    ),
    pytest.param(
        "Invoeropties",
        lambda o: casuskosten.Invoeropties(werkers="twee"),
        "werkers: Invoeropties() kreeg 'twee' (str); verwacht een geheel getal of None",
        id="Invoeropties-werkers-tekst",
    ),
    # --- methoden ---
    pytest.param(
        "Instellingen.aannames",
        lambda o: SNEL.aannames(5),
        "gemeente: Instellingen.aannames() kreeg 5 (int); verwacht tekst of None",
        id="aannames",
    ),
    pytest.param(
        "Instellingen.bron", lambda o: SNEL.bron(None), "pad: Instellingen.bron() kreeg None (NoneType)", id="bron"
    ),
    pytest.param(
        "Instellingen.getallen", lambda o: SNEL.getallen(["Alfa"]), "gemeente: Instellingen.getallen()", id="getallen"
    ),
    pytest.param(
        "Instellingen.herkomst", lambda o: SNEL.herkomst(1), "veld: Instellingen.herkomst() kreeg 1", id="herkomst"
    ),
    pytest.param(
        "Instellingen.is_standaard",
        lambda o: SNEL.is_standaard(1.5),
        "pad: Instellingen.is_standaard()",
        id="is_standaard",
    ),
    pytest.param(
        "Instellingen.opschaling_voor",
        lambda o: SNEL.opschaling_voor(None),
        "gemeente: Instellingen.opschaling_voor() kreeg None (NoneType); verwacht tekst",
        id="opschaling_voor",
    ),
    pytest.param(
        "Instellingen.regel_van",
        lambda o: SNEL.regel_van("opschaling", 3),
        "pad: Instellingen.regel_van() kreeg ('opschaling', 3) (tuple: element 1 is 3 (int)); verwacht een lijst "
        "waarin elk element tekst is",
        id="regel_van",
    ),
    pytest.param(
        "Instellingen.waarde", lambda o: SNEL.waarde(b"fte"), "pad: Instellingen.waarde() kreeg b'fte'", id="waarde"
    ),
    pytest.param(
        "Invoeropties.invoerpaden",
        lambda o: casuskosten.Invoeropties().invoerpaden("tarieven"),
        "tariefmap: Invoeropties.invoerpaden() kreeg 'tarieven' (str); verwacht een pad (pathlib.Path)",
        id="invoerpaden",
    ),
    pytest.param(
        "Resultaat.casus", lambda o: o.resultaat.casus(1), "casus_id: Resultaat.casus() kreeg 1 (int)", id="casus"
    ),
    pytest.param(
        "Resultaat.casusbestand",
        lambda o: o.resultaat.casusbestand(None),
        "casus_id: Resultaat.casusbestand() kreeg None",
        id="casusbestand",
    ),
    pytest.param(
        "Resultaat.casuscijfers",
        lambda o: o.resultaat.casuscijfers("T-01"),
        "ids: Resultaat.casuscijfers() kreeg 'T-01' (str); verwacht een lijst waarin elk element tekst is of None",
        id="casuscijfers-een-tekst",
    ),
    pytest.param(
        "Resultaat.casuscijfers_van",
        lambda o: o.resultaat.casuscijfers_van(None),
        "gemeente: Resultaat.casuscijfers_van() kreeg None",
        id="casuscijfers_van",
    ),
    pytest.param(
        "Resultaat.gebruikte_tarieven",
        lambda o: o.resultaat.gebruikte_tarieven(3),
        "gemeente: Resultaat.gebruikte_tarieven() kreeg 3 (int); verwacht tekst of None",
        id="gebruikte_tarieven",
    ),
    pytest.param(
        "Resultaat.gemeente", lambda o: o.resultaat.gemeente(5), "naam: Resultaat.gemeente() kreeg 5", id="gemeente"
    ),
    pytest.param(
        "Resultaat.overgeslagen_van",
        lambda o: o.resultaat.overgeslagen_van(["Beta"]),
        "gemeente: Resultaat.overgeslagen_van() kreeg ['Beta'] (list)",
        id="overgeslagen_van",
    ),
    pytest.param(
        "Resultaat.tabel", lambda o: o.resultaat.tabel(0), "naam: Resultaat.tabel() kreeg 0 (int)", id="tabel"
    ),
    pytest.param(
        "Resultaat.vergelijk",
        lambda o: o.resultaat.vergelijk(None),
        "per: Resultaat.vergelijk() kreeg None",
        id="vergelijk",
    ),
    pytest.param(
        "Tarieftabel.bijna_gelijke_gemeente",
        lambda o: o.tabel.bijna_gelijke_gemeente(None),
        "gemeente: Tarieftabel.bijna_gelijke_gemeente() kreeg None",
        id="bijna_gelijke_gemeente",
    ),
    pytest.param(
        "Tarieftabel.codes", lambda o: o.tabel.codes(1), "gemeente: Tarieftabel.codes() kreeg 1 (int)", id="codes"
    ),
    pytest.param(
        "Tarieftabel.geldend",
        lambda o: o.tabel.geldend("Beta", "2016"),
        "jaar: Tarieftabel.geldend() kreeg '2016' (str); verwacht een geheel getal",
        id="geldend-jaar-als-tekst",
    ),
    pytest.param(
        "Tarieftabel.gemeenten_met_code",
        lambda o: o.tabel.gemeenten_met_code(None),
        "code: Tarieftabel.gemeenten_met_code() kreeg None",
        id="gemeenten_met_code",
    ),
    pytest.param(
        "Tarieftabel.kies",
        lambda o: o.tabel.kies(5, "Beta", 2016),
        "code: Tarieftabel.kies() kreeg 5 (int); verwacht tekst",
        id="kies-code-getal",
    ),
    pytest.param(
        "Tarieftabel.kies",
        lambda o: o.tabel.kies("hulp", "Beta", "2016"),
        "jaar: Tarieftabel.kies() kreeg '2016' (str); verwacht een geheel getal",
        id="kies-jaar-tekst",
    ),
    pytest.param(
        "Tarieftabel.met_prijs",
        lambda o: o.tabel.met_prijs("hulp", "35"),
        "prijs: Tarieftabel.met_prijs() kreeg '35' (str); verwacht een getal",
        id="met_prijs-prijs-tekst",
    ),
    pytest.param(
        "Tarieftabel.met_prijs",
        lambda o: o.tabel.met_prijs("hulp", 35, gemeente=5),
        "gemeente: Tarieftabel.met_prijs() kreeg 5 (int); verwacht tekst of None",
        id="met_prijs-gemeente-getal",
    ),
    pytest.param(
        "Tarieftabel.spelling",
        lambda o: o.tabel.spelling(None),
        "gemeente: Tarieftabel.spelling() kreeg None",
        id="spelling",
    ),
    pytest.param(
        "Tarieftabel.zonder",
        lambda o: o.tabel.zonder("hulp", gemeente=["Alfa"]),
        "gemeente: Tarieftabel.zonder() kreeg ['Alfa'] (list); verwacht tekst of None",
        id="zonder",
    ),
]

# publieke namen zonder rij hierboven, elk met de reden
ZONDER_ARGUMENTEN = {
    "__version__": "een tekst, geen aanroep",
    "Aggregaat": "wordt door de berekening gemaakt, niet door de gebruiker",
    "Controle": "wordt door controleer_invoer gemaakt",
    "Resultaat": "wordt door bereken gemaakt",
    "Tarieftabel": "wordt door laad_tarieven (en met_prijs, zonder) gemaakt",
    "Melding": "de bouwsteen van elke fout; hoort bij de fouten zelf",
    "Waarschuwing": "wordt door de controles gemaakt",
    "CasuskostenFout": "een foutklasse",
    "ArgumentFout": "een foutklasse",
    "InvoerFout": "een foutklasse",
    "InstellingenFout": "een foutklasse",
    "UitvoerFout": "een foutklasse",
}


def _publieke_aanroepen() -> set[str]:
    """Elke publieke functie uit `__all__`, elke klasse, en elke eigen publieke methode met een argument."""
    namen = set()
    for naam in casuskosten.__all__:
        obj = getattr(casuskosten, naam)
        namen.add(naam)
        if not inspect.isclass(obj):
            continue
        for attribuut in dir(obj):
            if attribuut.startswith(("_", "model_")):  # model_*: de API van pydantic, niet de onze
                continue
            definitie = next((k for k in obj.__mro__ if attribuut in k.__dict__), None)
            if definitie is None or not definitie.__module__.startswith("casuskosten"):
                continue
            functie = definitie.__dict__[attribuut]
            if not inspect.isfunction(functie):
                continue  # eigenschappen en velden
            argumenten = [p for p in inspect.signature(functie).parameters if p != "self"]
            if argumenten:
                namen.add(f"{naam}.{attribuut}")
    return namen


def test_elke_publieke_aanroep_staat_in_de_tabel() -> None:
    """Elke publieke functie en methode met argumenten heeft een rij in AANROEPEN (of een reden in
    ZONDER_ARGUMENTEN); een nieuwe functie zonder rij laat deze test falen."""
    getest = {p.values[0] for p in AANROEPEN}
    assert _publieke_aanroepen() - set(ZONDER_ARGUMENTEN) == getest


@pytest.mark.parametrize(("naam", "aanroep", "melding"), AANROEPEN)
def test_verkeerde_argumenten_geven_een_nederlandse_fout(
    omgeving: Omgeving, naam: str, aanroep: Aanroep, melding: str
) -> None:
    """Elke aanroep hierboven geeft een `CasuskostenFout` met de gegeven melding, geen kale TypeError."""
    with pytest.raises(CasuskostenFout) as fout:
        aanroep(omgeving)
    assert melding in str(fout.value)


def test_een_argumentfout_is_ook_een_typeerror(omgeving: Omgeving) -> None:
    """Wie in een notebook al `except TypeError` schreef, vangt de Nederlandse fout nog steeds."""
    with pytest.raises(TypeError) as fout:
        omgeving.tabel.met_prijs(35, "hulp")  # type: ignore[arg-type]
    assert isinstance(fout.value, ArgumentFout)
    # beide argumenten in één fout, elk met zijn eigen melding
    assert [m.veld for m in fout.value.meldingen] == ["code", "prijs"]


def test_een_lange_waarde_wordt_in_de_melding_afgekapt(omgeving: Omgeving) -> None:
    """Een verkeerd argument van een miljoen tekens komt niet in zijn geheel in de melding: 40 tekens en '…'."""
    with pytest.raises(ArgumentFout) as fout:
        omgeving.resultaat.gemeente(b"x" * 1_000_000)  # type: ignore[arg-type]
    # repr(b'xxx...') is "b'" + 1.000.000 x + "'"; de eerste 39 tekens blijven: b' en 37 x
    assert str(fout.value) == "naam: Resultaat.gemeente() kreeg b'" + "x" * 37 + "… (bytes); verwacht tekst"


def test_een_bsn_als_argument_wordt_gemaskeerd(omgeving: Omgeving) -> None:
    """Een persoonsgegeven dat per ongeluk als argument meegaat, komt gemaskeerd in de melding (zoals elke melding)."""
    with pytest.raises(ArgumentFout) as fout:
        omgeving.resultaat.casus(["111222333"])  # type: ignore[arg-type]
    assert "111222333" not in str(fout.value)
    assert "'11*****33'" in str(fout.value)


def test_goede_argumenten_gaan_ongemoeid_door(omgeving: Omgeving) -> None:
    """De controle laat geldige aanroepen met elk toegestaan type door (Path en tekst, None, een lijst)."""
    assert omgeving.tabel.kies("HULP", "Beta", 2016).prijs == 10  # type: ignore[union-attr]
    assert omgeving.tabel.met_prijs("hulp", 12.5, jaar=2015).kies("hulp", "Beta", 2015).prijs == 12.5  # type: ignore[union-attr]
    assert [c.id for c in omgeving.resultaat.casuscijfers(["T-01"])] == ["T-01"]
    assert casuskosten.Invoeropties("casussen", tarieven="tarieven").paden == (Path("casussen"),)


def test_een_ontbrekend_argument_is_ook_een_argumentfout(omgeving: Omgeving) -> None:
    """Ook via de snelle weg (alleen argumenten zonder naam): `tabel.spelling()` zegt welk argument ontbreekt."""
    with pytest.raises(ArgumentFout) as fout:
        omgeving.tabel.spelling()  # type: ignore[call-arg]
    assert str(fout.value) == (
        "Tarieftabel.spelling: Tarieftabel.spelling(): mist het verplichte argument 'gemeente'; "
        "zie help(Tarieftabel.spelling)"
    )
