"""De casussessie-app (issue 26) met Starlette's TestClient: casuslijst, editor, live rekenen, opslaan.

De testtarieven (tests/data/sessie/tarieven) zijn ronde getallen op prijspeil 2022 (index 100, één jaar): uur_a
kost 50 euro, uur_b 100 euro; met een horizon van 12 maanden is er geen disconto en bij zekerheid hoog geen correctie.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml

with warnings.catch_warnings():
    # starlette 1.10 wil httpx2 voor de TestClient en waarschuwt bij httpx; beide werken hier
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", category=UserWarning)
    from starlette.testclient import TestClient

from casuskosten.invoer.casussen import lees_casus, lees_en_controleer, lees_en_controleer_bytes, zoek_casusbestanden
from casuskosten.invoer.instellingen import laad_instellingen
from casuskosten.invoer.schrijven import casus_yaml
from casuskosten.invoer.tarieven import laad_tarieven
from casuskosten.invoer.yamlbron import yaml_document
from casuskosten.pijplijn import bereken
from casuskosten.sessie.app import _velden_van, _zelf_geschreven, maak_app
from casuskosten.sessie.formulier import naar_formulier, naar_gegevens
from casuskosten.sessie.live import herbereken
from casuskosten.sessie.veiligheid import beveiligd

TARIEVEN = Path(__file__).parent / "data" / "sessie" / "tarieven"

#: een kleine geldige casus: vóór 2015 10 x 50 + 2 x 100 x 0,5 = 500 + 100 = 600; sociaal team 4 x 50 = 200;
#: besparing 600 - 200 = 400 over 12 maanden = 400 per jaar
KLEIN = """\
id: TST-01
gemeente: Teststad
datum: 2022-03-01
horizon_maanden: 12
zekerheid: hoog
leefgebieden: [financien]
situatie: Een huishouden met schulden.
trajecten:
  voor_2015:
    inzet:
      - tarief: uur_a
        aantal: 10
      - tarief: uur_b
        aantal: 2
        kans: 0.5
        toelichting: alleen als de schulden oplopen
  sociaal_team:
    inzet:
      - tarief: uur_a
        aantal: 4
doelen:
  voorkomen_zwaardere_zorg: onbekend
  integrale_aanpak: onbekend
  preventie_escalatie: onbekend
  betere_ondersteuning: onbekend
  zelfredzaamheid: onbekend
"""


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    (tmp_path / "tst-01.yaml").write_text(KLEIN, encoding="utf-8")
    (tmp_path / "fout").mkdir()
    (tmp_path / "fout" / "tst-02.yaml").write_text(
        KLEIN.replace("TST-01", "TST-02").replace("tarief: uur_b", "tarief: uur_c"), encoding="utf-8"
    )
    (tmp_path / "tst-03.yaml").write_text("concept: true\n" + KLEIN.replace("TST-01", "TST-03"), encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(map_: Path) -> TestClient:
    return TestClient(maak_app(map_, tarieven=TARIEVEN))


def _rij(html: str, pad: str) -> str:
    begin = html.index(f'href="/casus/{pad}"')
    return html[begin : html.index("</tr>", begin)]


def test_casuslijst_toont_status_en_besparing_per_jaar(client: TestClient) -> None:
    """De lijst toont elke casus in en onder de map met zijn status; de geldige met zijn besparing per jaar."""
    html = client.get("/").text
    geldig = _rij(html, "tst-01.yaml")
    assert "status-geldig" in geldig
    assert "€ 400" in geldig  # 600 - 200 over 12 maanden
    assert "status-fouten" in _rij(html, "fout/tst-02.yaml")
    assert "status-concept" in _rij(html, "tst-03.yaml")


def test_nieuwe_casus_komt_uit_het_sjabloon_van_nieuw(client: TestClient, map_: Path) -> None:
    """Het formulier 'nieuwe casus' schrijft een bestand uit het sjabloon van `casuskosten nieuw` en opent de editor."""
    antwoord = client.post(
        "/nieuw", data={"id": "TST-09", "gemeente": "Teststad", "csrf": "lokaal"}, follow_redirects=False
    )
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/casus/tst-09.yaml"
    tekst = (map_ / "tst-09.yaml").read_text(encoding="utf-8")
    assert 'id: "TST-09"' in tekst or "id: TST-09" in tekst
    assert "<VUL IN" in tekst


# --- hulp: het formulier zoals de browser het stuurt -------------------------------------------------------------


class _Velden(HTMLParser):
    """De velden van een pagina: (tag, attributen) van elke input, select, textarea en label."""

    def __init__(self) -> None:
        super().__init__()
        self.velden: list[tuple[str, dict[str, str | None]]] = []
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag in {"input", "select", "textarea", "button"}:
            self.velden.append((tag, attributen))
        if tag == "label" and attributen.get("for"):
            self.labels.add(str(attributen["for"]))


def _velden(html: str) -> _Velden:
    lezer = _Velden()
    lezer.feed(html)
    return lezer


def _formulier(tekst: str, **anders: str) -> list[tuple[str, str]]:
    """De velden die de editor voor casus `tekst` stuurt, met `anders` (veldnaam met '.' als '__') vervangen."""
    velden = _velden_van(naar_formulier(yaml.safe_load(tekst)))
    vervang = {k.replace("__", "."): v for k, v in anders.items()}
    uit = [(k, vervang.pop(k, v)) for k, v in velden]
    return [*uit, *vervang.items(), ("csrf", "lokaal")]


def _post(klant: TestClient, url: str, velden: list[tuple[str, str]]) -> Any:
    """Een POST met herhaalde velden (zoals leefgebieden), url-gecodeerd als door een browser."""
    soort = {"content-type": "application/x-www-form-urlencoded"}
    return klant.post(url, content=urlencode(velden).encode(), headers=soort)


def _melding(html: str, veld_id: str) -> str:
    """De tekst in het meldingenvak van veld `veld_id`."""
    begin = html.index(f'id="{veld_id}-melding"')
    return unescape(html[begin : html.index("</div>", begin)])


# --- editor ----------------------------------------------------------------------------------------------------


def test_editor_toont_elk_veld_met_een_label(client: TestClient) -> None:
    """Elk zichtbaar invoerveld van de editor heeft een <label for> en een aria-describedby naar zijn meldingen."""
    lezer = _velden(client.get("/casus/tst-01.yaml").text)
    zichtbaar = [a for t, a in lezer.velden if t != "button" and a.get("type") != "hidden"]
    namen = {a.get("name") for a in zichtbaar}
    for naam in (
        "id",
        "gemeente",
        "datum",
        "zekerheid",
        "horizon_maanden",
        "leefgebieden",
        "teammodel",
        "selectie",
        "situatie",
        "trajecten.voor_2015.inzet.1.kans",
        "trajecten.sociaal_team.inzet.0.tarief",
        "doelen.zelfredzaamheid.oordeel",
        "doelen.zelfredzaamheid.toelichting",
    ):
        assert naam in namen, naam
    for attributen in zichtbaar:
        assert attributen.get("id") in lezer.labels, attributen
    assert all(a.get("aria-describedby") for a in zichtbaar if a.get("type") != "checkbox")


def test_live_herberekenen_geeft_de_prijzen_met_de_hand_uitgerekend(client: TestClient) -> None:
    """Na een wijziging (aantal uur_b van 2 naar 3) rekent /bereken regelprijs, totalen en besparing opnieuw."""
    html = _post(
        client, "/casus/tst-01.yaml/bereken", _formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3")
    ).text
    # regel 2: 3 x 100 x 0,5 = 150; vóór 2015: 10 x 50 + 150 = 650; sociaal team 4 x 50 = 200; besparing 450/jaar
    assert re.search(r'id="prijs-voor_2015-1"[^>]*>€ 150<', html)
    assert re.search(r'id="prijs-voor_2015-0"[^>]*>€ 500<', html)
    assert re.search(r'id="totaal-voor_2015"[^>]*>Totaal: <strong>€ 650<', html)
    assert re.search(r'id="totaal-sociaal_team"[^>]*>Totaal: <strong>€ 200<', html)
    assert re.search(r'id="besparing">€ 450<', html)
    assert 'hx-swap-oob="true"' in html


def test_herbereken_zonder_webserver(tmp_path: Path) -> None:
    """`live.herbereken` is een gewone functie: dezelfde cijfers zonder app."""
    uitkomst = herbereken(yaml.safe_load(KLEIN), laad_tarieven(TARIEVEN), laad_instellingen(None))
    # 10 x 50 = 500 en 2 x 100 x 0,5 = 100; sociaal team 4 x 50 = 200; besparing 400 per jaar (12 maanden)
    assert uitkomst.regelprijzen["voor_2015"] == pytest.approx((500.0, 100.0))
    assert uitkomst.totalen == pytest.approx({"voor_2015": 600.0, "sociaal_team": 200.0})
    assert uitkomst.besparing_per_jaar == pytest.approx(400.0)
    assert not uitkomst.fouten


def test_verkeerd_gespelde_code_staat_bij_het_tariefveld(client: TestClient) -> None:
    """Een verkeerd gespelde code geeft bij dat veld de melding van controleer, met 'bedoelde u'."""
    html = _post(
        client, "/casus/tst-01.yaml/bereken", _formulier(KLEIN, trajecten__voor_2015__inzet__1__tarief="uur_bb")
    ).text
    melding = _melding(html, "trajecten-voor_2015-inzet-1-tarief")
    assert "onbekende tariefcode 'uur_bb'" in melding
    assert "bedoelde u 'uur_b'" in melding


def test_kans_als_procent_staat_bij_het_kansveld(client: TestClient) -> None:
    """Een kans geschreven als '50%' geeft bij het kansveld de melding dat er een getal met een punt moet staan."""
    html = _post(
        client, "/casus/tst-01.yaml/bereken", _formulier(KLEIN, trajecten__voor_2015__inzet__1__kans="50%")
    ).text
    melding = _melding(html, "trajecten-voor_2015-inzet-1-kans")
    assert "niet als procent: voor 50% schrijf 0.5" in melding
    assert 'data-fout="ja"' in melding


def test_ontbrekende_toelichting_bij_kans_onder_1_is_een_waarschuwing_bij_de_toelichting(client: TestClient) -> None:
    """Een kans onder 1 zonder toelichting geeft bij het toelichtingsveld van die regel de waarschuwing van
    `controleer` (dezelfde tekst), geen fout: het veld is niet ongeldig en de cijfers blijven staan."""
    html = _post(
        client, "/casus/tst-01.yaml/bereken", _formulier(KLEIN, trajecten__voor_2015__inzet__1__toelichting="")
    ).text
    melding = _melding(html, "trajecten-voor_2015-inzet-1-toelichting")
    assert '<p class="waarschuwing"><span class="label">Let op:</span> kans 50% zonder toelichting: ' in melding
    assert "schrijf waarom deze inzet vóór 2015 maar met die kans was gebeurd" in melding
    assert 'data-fout="ja"' not in melding
    assert re.search(r'id="besparing">€ 400<', html)  # 600 - 200, zie KLEIN: de kans telt gewoon mee


def test_alleen_het_traject_voor_2015_vraagt_een_toelichting_bij_een_kans(client: TestClient) -> None:
    """Het label van de toelichting zegt alleen vóór 2015 dat een kans onder 100% een toelichting nodig heeft: daar
    geldt de waarschuwing kans_zonder_toelichting; bij het sociaal team heet het veld gewoon 'Toelichting'."""
    html = client.get("/casus/tst-01.yaml").text
    voor = html[html.index('for="trajecten-voor_2015-inzet-0-toelichting"') :]
    team = html[html.index('for="trajecten-sociaal_team-inzet-0-toelichting"') :]
    assert voor.split("</label>")[0].endswith("Toelichting (nodig bij een kans onder 100%)")
    assert team.split("</label>")[0].endswith(">Toelichting")


def test_opslaan_zonder_toelichting_bij_kans_onder_1_is_geen_concept(client: TestClient, map_: Path) -> None:
    """Een waarschuwing blokkeert opslaan niet: de casus zonder toelichting wordt gewoon opgeslagen (geen concept),
    en `controleer` geeft bij het teruglezen dezelfde waarschuwing."""
    pad = map_ / "tst-01.yaml"
    velden = _formulier(KLEIN, trajecten__voor_2015__inzet__1__toelichting="")
    html = _post(client, "/casus/tst-01.yaml/opslaan", [*velden, ("sha256", _sha(pad)), ("bevestigd", "ja")]).text
    assert "Opgeslagen." in html
    tekst = pad.read_text(encoding="utf-8")
    assert not tekst.startswith("concept")
    assert "alleen als de schulden oplopen" not in tekst
    resultaat = bereken([pad], TARIEVEN)
    codes = [w.code for w in resultaat.casus_waarschuwingen["TST-01"]]
    assert codes.count("kans_zonder_toelichting") == 1


# --- opslaan ---------------------------------------------------------------------------------------------------


def _sha(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def test_opslaan_leest_terug_en_bereken_geeft_dezelfde_cijfers(client: TestClient, map_: Path) -> None:
    """Een opgeslagen casus leest de lezer terug, en `bereken` geeft de besparing die de app toonde."""
    pad = map_ / "tst-01.yaml"
    velden = [
        *_formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3"),
        ("sha256", _sha(pad)),
        ("bevestigd", "ja"),
    ]
    html = _post(client, "/casus/tst-01.yaml/opslaan", velden).text
    assert "Opgeslagen." in html
    assert re.search(r'id="besparing">€ 450<', html)  # 650 - 200, zie de test hierboven
    resultaat = bereken([pad], TARIEVEN)
    assert resultaat.casus("TST-01").besparing_per_jaar_gecorrigeerd == pytest.approx(450.0)
    assert lees_casus(pad).casus.trajecten.voor_2015.inzet[1].aantal == 3


def test_handgeschreven_bestand_toont_eerst_een_diff_met_het_commentaar(client: TestClient, map_: Path) -> None:
    """Een bestand met commentaar wordt niet stil herschreven: eerst een diff (met de commentaarregel) en een vraag."""
    pad = map_ / "tst-01.yaml"
    pad.write_text(KLEIN.replace("zekerheid: hoog", "zekerheid: hoog  # gepubliceerde casus"), encoding="utf-8")
    voor = pad.read_bytes()
    html = _post(client, "/casus/tst-01.yaml/opslaan", [*_formulier(KLEIN), ("sha256", _sha(pad))]).text
    assert pad.read_bytes() == voor  # nog niets geschreven
    diff = html[html.index('id="diff"') : html.index("</pre>")]
    assert '<span class="min">-zekerheid: hoog  # gepubliceerde casus</span>' in diff
    assert 'id="bevestig"' in html


def test_opslaan_geweigerd_als_het_bestand_intussen_veranderde(client: TestClient, map_: Path) -> None:
    """Veranderde het bestand op schijf na het openen (andere sha256), dan weigert opslaan met een melding."""
    pad = map_ / "tst-01.yaml"
    geopend = _sha(pad)
    pad.write_text(KLEIN.replace("Een huishouden", "Een gezin"), encoding="utf-8")
    antwoord = _post(
        client, "/casus/tst-01.yaml/opslaan", [*_formulier(KLEIN), ("sha256", geopend), ("bevestigd", "ja")]
    )
    assert antwoord.status_code == 409
    assert "op schijf gewijzigd" in antwoord.text
    assert "Een gezin" in pad.read_text(encoding="utf-8")


def test_casus_met_fouten_alleen_als_concept(client: TestClient, map_: Path) -> None:
    """Met een fout weigert opslaan, behalve als concept; controleer meldt het bestand daarna als concept."""
    pad = map_ / "tst-01.yaml"
    fout = _formulier(KLEIN, trajecten__voor_2015__inzet__1__kans="50%")
    geweigerd = _post(client, "/casus/tst-01.yaml/opslaan", [*fout, ("sha256", _sha(pad)), ("bevestigd", "ja")])
    assert geweigerd.status_code == 422
    assert "kans: 0.5" in pad.read_text(encoding="utf-8")
    concept = _post(
        client, "/casus/tst-01.yaml/opslaan", [*fout, ("sha256", _sha(pad)), ("bevestigd", "ja"), ("concept", "ja")]
    )
    assert "Opgeslagen als concept." in concept.text
    assert pad.read_text(encoding="utf-8").startswith("concept: true\n")
    gelezen = lees_en_controleer(pad, laad_tarieven(TARIEVEN))
    assert gelezen.meldingen[0].veld == "concept"


def test_meekijker_ziet_geen_invoer_en_kan_niet_opslaan(map_: Path) -> None:
    """Met het lees-token is elk veld uitgeschakeld, staat er geen opslaanknop, en wordt opslaan geweigerd (403)."""
    app = beveiligd(
        maak_app(map_, tarieven=TARIEVEN), hosts=["testserver"], schrijf_token="s" * 20, lees_token="l" * 20
    )
    klant = TestClient(app)
    html = klant.get("/casus/tst-01.yaml", params={"token": "l" * 20}).text
    lezer = _velden(html)
    bedienbaar = [a for t, a in lezer.velden if a.get("type") != "hidden" and "disabled" not in a]
    assert bedienbaar == []
    assert 'id="opslaan"' not in html
    antwoord = _post(klant, "/casus/tst-01.yaml/opslaan", _formulier(KLEIN))
    assert antwoord.status_code == 403


def test_tarief_zoeken_geeft_opties_met_omschrijving_en_prijs(client: TestClient) -> None:
    """De zoeker achter het tariefveld geeft <option>s met code, omschrijving, eenheid, prijs op peil en bron."""
    html = client.get("/tarieven", params={"trajecten.voor_2015.inzet.0.tarief": "schuld", "gemeente": "Teststad"}).text
    # alleen uur_b ('Schuldhulp gesprek') past; 100 euro in 2022 is op prijspeil 2022 (index 100) 100 euro
    assert html.count("<option") == 1
    assert '<option value="uur_b">uur_b – Schuldhulp gesprek (per uur, € 100,00, hoog, testtarief)</option>' in html


def test_inzetregel_erbij_en_eraf_zonder_op_te_slaan(client: TestClient, map_: Path) -> None:
    """'Inzetregel toevoegen' geeft een lege regel 3; 'Regel 1 verwijderen' haalt regel 1 weg; het bestand blijft."""
    voor = (map_ / "tst-01.yaml").read_bytes()
    erbij = _post(client, "/casus/tst-01.yaml/bewerk", [*_formulier(KLEIN), ("actie", "inzet-erbij:voor_2015")]).text
    assert 'name="trajecten.voor_2015.inzet.2.tarief" value=""' in erbij
    eraf = _post(client, "/casus/tst-01.yaml/bewerk", [*_formulier(KLEIN), ("actie", "inzet-weg:voor_2015:0")]).text
    # de regel met uur_b (2 x 100 x 0,5 = 100) schuift naar plaats 0; er is geen regel 1 meer
    assert 'name="trajecten.voor_2015.inzet.0.tarief" value="uur_b"' in eraf
    assert 'name="trajecten.voor_2015.inzet.1.tarief"' not in eraf
    assert re.search(r'id="prijs-voor_2015-0"[^>]*>€ 100<', eraf)
    assert (map_ / "tst-01.yaml").read_bytes() == voor


def test_afdrukweergave_zet_beide_trajecten_naast_elkaar(client: TestClient) -> None:
    """De afdrukweergave toont beide trajecten met hun totalen (600 en 200, zie KLEIN)."""
    html = client.get("/casus/tst-01.yaml/print").text
    assert "Vóór 2015 (zonder sociaal team)" in html
    assert "Met het sociaal team" in html
    assert re.search(r'Totaal</th><td class="getal">€ 600<', html)
    assert re.search(r'Totaal</th><td class="getal">€ 200<', html)


def test_tweede_keer_opslaan_zonder_diff(client: TestClient, map_: Path) -> None:
    """Een bestand dat de sessie zelf schreef, slaat ze daarna meteen op: geen diff en geen vraag meer."""
    pad = map_ / "tst-01.yaml"
    _post(client, "/casus/tst-01.yaml/opslaan", [*_formulier(KLEIN), ("sha256", _sha(pad)), ("bevestigd", "ja")])
    tekst = pad.read_text(encoding="utf-8")
    html = _post(
        client, "/casus/tst-01.yaml/opslaan", [*_formulier(tekst, team="Wijkteam Zuid"), ("sha256", _sha(pad))]
    ).text
    assert 'id="diff"' not in html
    assert "Opgeslagen." in html
    assert "team: Wijkteam Zuid" in pad.read_text(encoding="utf-8")


def test_elke_meegeleverde_casus_komt_ongeschonden_door_het_formulier() -> None:
    """Elke meegeleverde casus, door het formulier heen en weer en geschreven, leest terug als dezelfde casus; en
    de sessie herkent dat bestand daarna als door haarzelf geschreven (geen diff bij de volgende keer)."""
    bestanden = zoek_casusbestanden([Path(__file__).parents[1] / "casussen"])
    assert len(bestanden) >= 20
    for pad in bestanden:
        data = yaml_document(pad.read_bytes(), str(pad)).data
        tekst = casus_yaml(naar_gegevens(_velden_van(naar_formulier(data))))
        gelezen = lees_en_controleer_bytes(tekst.encode("utf-8"), "terug.yaml", None)
        assert gelezen.casus is not None, (pad, gelezen.meldingen)
        assert gelezen.casus.casus == lees_casus(pad).casus, pad
        assert _zelf_geschreven(tekst.encode("utf-8"), "terug.yaml"), pad


# --- meekijken met --lan: de deelnemers zien wat de facilitator nu invult -----------------------------------------

SCHRIJF, LEES = "s" * 20, "l" * 20


@pytest.fixture
def tafel(map_: Path) -> tuple[TestClient, TestClient]:
    """Eén sessie met --lan-tokens, en twee browsers: de facilitator (schrijf-token) en een deelnemer (lees-token)."""
    app = beveiligd(maak_app(map_, tarieven=TARIEVEN), hosts=["testserver"], schrijf_token=SCHRIJF, lees_token=LEES)
    facilitator, deelnemer = TestClient(app), TestClient(app)
    facilitator.get("/", params={"token": SCHRIJF})
    deelnemer.get("/", params={"token": LEES})
    return facilitator, deelnemer


def _versie(html: str) -> str:
    """De versie waarmee de pagina van de deelnemer vraagt of er iets veranderde."""
    gevonden = re.search(r"/meekijken\?versie=([\w-]+)", html)
    assert gevonden, "geen meekijkvak op de pagina"
    return gevonden.group(1)


def _als_facilitator(facilitator: TestClient, url: str, velden: list[tuple[str, str]]) -> Any:
    """Een POST zoals de browser van de facilitator hem stuurt (met het CSRF-token van de lijst, dat aan zijn
    token vastzit; de lijst openen verandert niets aan een casus)."""
    csrf = re.search(r'name="csrf" value="([^"]+)"', facilitator.get("/").text)
    assert csrf
    velden = [(k, csrf.group(1) if k == "csrf" else v) for k, v in velden]
    soort = {"content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin"}
    return facilitator.post(url, content=urlencode(velden).encode(), headers=soort)


def _herbereken_als_facilitator(facilitator: TestClient, pad: str, velden: list[tuple[str, str]]) -> Any:
    """De live herberekening zoals de browser van de facilitator hem stuurt."""
    return _als_facilitator(facilitator, f"/casus/{pad}/bereken", velden)


def test_meekijker_ziet_de_herberekening_van_de_facilitator(tafel: tuple[TestClient, TestClient]) -> None:
    """Na een herberekening van de facilitator (aantal uur_b van 2 naar 3, niet opgeslagen) geeft de meekijkvraag
    van de deelnemer de nieuwe regelprijs en het nieuwe totaal, gemarkeerd als nog niet opgeslagen en alleen lezen."""
    facilitator, deelnemer = tafel
    pagina = deelnemer.get("/casus/tst-01.yaml").text
    assert re.search(r'id="totaal-voor_2015"[^>]*>Totaal: <strong>€ 600<', pagina)  # 500 + 100, zie KLEIN
    assert "Nog niet opgeslagen" not in pagina
    antwoord = _herbereken_als_facilitator(
        facilitator, "tst-01.yaml", _formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3")
    )
    assert antwoord.status_code == 200
    nieuw = deelnemer.get("/casus/tst-01.yaml/meekijken", params={"versie": _versie(pagina)})
    assert nieuw.status_code == 200
    # regel 2: 3 x 100 x 0,5 = 150; vóór 2015: 500 + 150 = 650
    assert re.search(r'id="prijs-voor_2015-1"[^>]*>€ 150<', nieuw.text)
    assert re.search(r'id="totaal-voor_2015"[^>]*>Totaal: <strong>€ 650<', nieuw.text)
    assert "Nog niet opgeslagen: u ziet de casus zoals de facilitator hem nu invult." in nieuw.text
    bedienbaar = [a for t, a in _velden(nieuw.text).velden if a.get("type") != "hidden" and "disabled" not in a]
    assert bedienbaar == []
    assert _versie(nieuw.text) != _versie(pagina)


def test_meekijkvraag_zonder_wijziging_geeft_204(tafel: tuple[TestClient, TestClient]) -> None:
    """Veranderde er niets sinds de versie van de pagina, dan 204 zonder inhoud (htmx verwisselt dan niets)."""
    _, deelnemer = tafel
    versie = _versie(deelnemer.get("/casus/tst-01.yaml").text)
    antwoord = deelnemer.get("/casus/tst-01.yaml/meekijken", params={"versie": versie})
    assert antwoord.status_code == 204
    assert antwoord.content == b""


def test_lees_token_kan_de_stand_niet_zetten(tafel: tuple[TestClient, TestClient]) -> None:
    """Een herberekening met het lees-token wordt geweigerd (403), en de deelnemers zien daarna niets nieuws."""
    _, deelnemer = tafel
    versie = _versie(deelnemer.get("/casus/tst-01.yaml").text)
    soort = {"content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin"}
    velden = _formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3")
    antwoord = deelnemer.post("/casus/tst-01.yaml/bereken", content=urlencode(velden).encode(), headers=soort)
    assert antwoord.status_code == 403
    assert deelnemer.get("/casus/tst-01.yaml/meekijken", params={"versie": versie}).status_code == 204


def test_meekijken_vraagt_een_token(map_: Path) -> None:
    """Zonder token (geen cookie) geeft de meekijkvraag 403 en niets van de casus."""
    app = beveiligd(maak_app(map_, tarieven=TARIEVEN), hosts=["testserver"], schrijf_token=SCHRIJF, lees_token=LEES)
    antwoord = TestClient(app).get("/casus/tst-01.yaml/meekijken", params={"versie": "x"})
    assert antwoord.status_code == 403
    assert "TST-01" not in antwoord.text


def test_opnieuw_openen_vergeet_de_stand(tafel: tuple[TestClient, TestClient]) -> None:
    """Opent de facilitator de casus opnieuw van schijf, dan zien de deelnemers weer het bestand (600, zie KLEIN)."""
    facilitator, deelnemer = tafel
    _herbereken_als_facilitator(
        facilitator, "tst-01.yaml", _formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3")
    )
    onopgeslagen = deelnemer.get("/casus/tst-01.yaml").text
    assert "Nog niet opgeslagen" in onopgeslagen  # wie later binnenkomt, ziet meteen de stand
    facilitator.get("/casus/tst-01.yaml")
    nieuw = deelnemer.get("/casus/tst-01.yaml/meekijken", params={"versie": _versie(onopgeslagen)})
    assert nieuw.status_code == 200
    assert re.search(r'id="totaal-voor_2015"[^>]*>Totaal: <strong>€ 600<', nieuw.text)
    assert "Zoals opgeslagen in het bestand" in nieuw.text


def test_opslaan_vergeet_de_stand_en_toont_het_bestand(tafel: tuple[TestClient, TestClient], map_: Path) -> None:
    """Na opslaan (aantal 3) zien de deelnemers het bestand: 650 (500 + 3 x 100 x 0,5), niet meer 'nog niet
    opgeslagen'."""
    facilitator, deelnemer = tafel
    velden = _formulier(KLEIN, trajecten__voor_2015__inzet__1__aantal="3")
    _herbereken_als_facilitator(facilitator, "tst-01.yaml", velden)
    versie = _versie(deelnemer.get("/casus/tst-01.yaml").text)
    opslaan = [*velden, ("sha256", _sha(map_ / "tst-01.yaml")), ("bevestigd", "ja")]
    assert "Opgeslagen." in _als_facilitator(facilitator, "/casus/tst-01.yaml/opslaan", opslaan).text
    nieuw = deelnemer.get("/casus/tst-01.yaml/meekijken", params={"versie": versie})
    assert nieuw.status_code == 200
    assert re.search(r'id="totaal-voor_2015"[^>]*>Totaal: <strong>€ 650<', nieuw.text)
    assert "Nog niet opgeslagen" not in nieuw.text


def test_de_stand_van_een_casus_lekt_niet_naar_een_andere(tafel: tuple[TestClient, TestClient]) -> None:
    """Wat de facilitator in tst-01 invult, staat niet in de meekijkvraag van tst-03 (die blijft 204 bij zijn
    versie, en toont zonder versie het bestand)."""
    facilitator, deelnemer = tafel
    versie = _versie(deelnemer.get("/casus/tst-03.yaml").text)
    _herbereken_als_facilitator(facilitator, "tst-01.yaml", _formulier(KLEIN, team="Wijkteam Geheimzuid"))
    assert deelnemer.get("/casus/tst-03.yaml/meekijken", params={"versie": versie}).status_code == 204
    andere = deelnemer.get("/casus/tst-03.yaml/meekijken").text
    assert "Geheimzuid" not in andere
    assert "Nog niet opgeslagen" not in andere


def test_de_stand_blijft_in_het_geheugen_en_zonder_het_token_van_de_facilitator(
    tafel: tuple[TestClient, TestClient], map_: Path
) -> None:
    """Een herberekening schrijft niets in de casusmap (geen bestand erbij, het bestand ongewijzigd), en wat de
    deelnemer daarna krijgt, bevat het CSRF-token van de facilitator niet (alleen zijn eigen)."""
    facilitator, deelnemer = tafel
    voor = {p: p.read_bytes() for p in map_.rglob("*") if p.is_file()}
    csrf = re.search(r'name="csrf" value="([^"]+)"', facilitator.get("/").text)
    assert csrf
    _herbereken_als_facilitator(facilitator, "tst-01.yaml", _formulier(KLEIN, team="Wijkteam Noord"))
    assert {p: p.read_bytes() for p in map_.rglob("*") if p.is_file()} == voor
    nieuw = deelnemer.get("/casus/tst-01.yaml/meekijken").text
    assert 'value="Wijkteam Noord"' in nieuw
    assert csrf.group(1) not in nieuw
    assert SCHRIJF not in nieuw


def test_deelnemer_ziet_een_persoonsgegeven_nergens_onverkort(tafel: tuple[TestClient, TestClient]) -> None:
    """Typt de facilitator een e-mailadres in de situatie, dan krijgt de deelnemer dezelfde privacywaarschuwing als
    de editor, met het adres gemaskeerd (j***@***.nl), en ook in het (uitgeschakelde) veld staat het gemaskeerd: een
    adres dat aan tafel wordt getypt, komt niet op ieders telefoon. De rest van de tekst blijft staan."""
    facilitator, deelnemer = tafel
    situatie = "Mail jan.devries@example.nl voor een afspraak."
    _herbereken_als_facilitator(facilitator, "tst-01.yaml", _formulier(KLEIN, situatie=situatie))
    nieuw = deelnemer.get("/casus/tst-01.yaml/meekijken").text
    assert "j***@***.nl" in _melding(nieuw, "situatie")
    assert "jan.devries@example.nl" not in nieuw
    assert re.search(r"<textarea [^>]*disabled[^>]*>Mail j\*\*\*@\*\*\*\.nl voor een afspraak\.", nieuw)


def test_deelnemer_ziet_een_persoonsgegeven_in_het_bestand_gemaskeerd_de_facilitator_niet(
    map_: Path, tafel: tuple[TestClient, TestClient]
) -> None:
    """Staat het adres al in het bestand, dan ziet de deelnemer het gemaskeerd in het veld; de facilitator ziet zijn
    eigen bestand zoals het is (hij moet het kunnen verbeteren), met de waarschuwing erbij."""
    facilitator, deelnemer = tafel
    tekst = KLEIN.replace("Een huishouden met schulden.", "Bel 06-12345678 na vijven.")
    # de afdrukweergave toont geen situatie, wel de toelichting van een regel
    tekst = tekst.replace("alleen als de schulden oplopen", "Bel 06-12345678 na vijven.")
    (map_ / "tst-01.yaml").write_text(tekst, encoding="utf-8")
    lezer = deelnemer.get("/casus/tst-01.yaml").text
    schrijver = facilitator.get("/casus/tst-01.yaml").text
    assert "12345678" not in lezer
    assert "Bel 06" in lezer
    assert "Bel 06-12345678 na vijven." in schrijver
    # ook de afdrukweergave
    afdruk_lezer, afdruk_schrijver = (k.get("/casus/tst-01.yaml/print") for k in (deelnemer, facilitator))
    assert (afdruk_lezer.status_code, afdruk_schrijver.status_code) == (200, 200)
    assert "12345678" not in afdruk_lezer.text
    assert "Bel 06" in afdruk_lezer.text
    assert "Bel 06-12345678 na vijven." in afdruk_schrijver.text
