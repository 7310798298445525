"""Privacycontrole: persoonsgegevens in vrije tekst vinden, gemaskeerd melden, en --streng maakt ze fouten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casuskosten.invoer.casussen import lees_casus, zoek_casusbestanden
from casuskosten.invoer.privacy import controleer_privacy, elfproef, iban_geldig, zoek
from tests.conftest import PROJECT, Draai

# Een casus met een BSN in de situatie (regel 6) en een IBAN in een toelichting bij een inzetregel (regel 15).
CASUS_MET_PERSOONSGEGEVENS = """\
id: P-01
gemeente: Beta
datum: 2016-05-01
zekerheid: hoog
leefgebieden: [financien, huishouden]
situatie: Moeder met twee kinderen, BSN 111222333, schulden bij de woningcorporatie.
trajecten:
  voor_2015:
    inzet: []
  sociaal_team:
    beschrijving: Het team regelt budgetbeheer.
    inzet:
      - tarief: hulp
        aantal: 2
        toelichting: huur betaald vanaf NL91 ABNA 0417 1643 00
doelen:
  voorkomen_zwaardere_zorg: onbekend
  integrale_aanpak: onbekend
  preventie_escalatie: onbekend
  betere_ondersteuning: onbekend
  zelfredzaamheid: onbekend
"""


@pytest.mark.parametrize(
    ("tekst", "soort"),
    [
        # 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 69 − 3 = 66 = 6·11
        pytest.param("de BSN is 111222333.", "bsn", id="bsn-aaneen"),
        # 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 1·2 = 156 − 2 = 154 = 14·11
        pytest.param("bsn: 123.456.782", "bsn", id="bsn-met-punten"),
        pytest.param("burgerservicenummer 1234.56.782", "bsn", id="bsn-4-2-3"),
        pytest.param("nummer 123 456 782 op de brief", "bsn", id="bsn-met-spaties"),
        # 9·(9+8+7+6+5+4+3+2) − 0 = 9·44 = 396 = 36·11
        pytest.param("(999999990)", "bsn", id="bsn-tussen-haakjes"),
        # NL91ABNA0417164300: herschikt ABNA0417164300NL91 = 101123100417164300232191, en dat mod 97 = 1
        pytest.param("rekening NL91ABNA0417164300", "iban", id="iban-nl-aaneen"),
        pytest.param("op NL91 ABNA 0417 1643 00 gestort", "iban", id="iban-nl-groepjes"),
        pytest.param("nl91abna0417164300", "iban", id="iban-kleine-letters"),
        # DE89370400440532013000: herschikt 370400440532013000131489, mod 97 = 1
        pytest.param("Duitse rekening DE89 3704 0044 0532 0130 00", "iban", id="iban-de"),
        # BE68539007547034: herschikt 539007547034111468, mod 97 = 1; daarna nog een woord van vier letters
        pytest.param("BE68 5390 0754 7034 voor de huur", "iban", id="iban-be-gevolgd-door-woorden"),
        pytest.param("mail naar j.jansen@example.nl graag", "email", id="email"),
        pytest.param("Contact: Piet.de-Vries+wmo@gemeente.rotterdam.nl", "email", id="email-subdomein"),
        pytest.param("bel 06-12345678", "telefoon", id="mobiel-streepje"),
        pytest.param("mobiel 06 1234 5678", "telefoon", id="mobiel-spaties"),
        pytest.param("tel. 0612345678", "telefoon", id="mobiel-aaneen"),
        pytest.param("vast nummer 010 1234567", "telefoon", id="vast-rotterdam"),
        pytest.param("020-123 45 67", "telefoon", id="vast-amsterdam-groepjes"),
        pytest.param("+31 6 12345678", "telefoon", id="internationaal-plus"),
        pytest.param("+31 (0)6 12345678", "telefoon", id="internationaal-met-0"),
        pytest.param("0031 6 12345678", "telefoon", id="internationaal-0031"),
        pytest.param("woont op 1234 AB 12", "postcode", id="postcode-huisnummer"),
        pytest.param("adres 1234AB 12a", "postcode", id="postcode-huisnummer-toevoeging"),
        pytest.param("Dorpsstraat 12, 1234 AB Rotterdam", "postcode", id="huisnummer-postcode"),
        pytest.param("geboren op 12 maart 1975", "geboortedatum", id="geboren-maandnaam"),
        pytest.param("geb. 3-4-1980", "geboortedatum", id="geb-afkorting"),
        pytest.param("geboortedatum: 1980-04-03", "geboortedatum", id="geboortedatum-iso"),
        pytest.param("zoon, geboren 12-06-2012, zit op school", "geboortedatum", id="geboren-na-2010"),
        pytest.param("vader (15-06-1972) werkt niet", "geboortedatum", id="losse-datum-voor-2010"),
        pytest.param("vader (15/06/1972) werkt niet", "geboortedatum", id="losse-datum-schuine-strepen"),
    ],
)
def test_persoonsgegeven_wordt_herkend(tekst: str, soort: str) -> None:
    """Elk soort persoonsgegeven wordt in vrije tekst herkend, één keer, met de juiste soort."""
    treffers = zoek(tekst)
    assert [t.soort for t in treffers] == [soort]


@pytest.mark.parametrize(
    "tekst",
    [
        # 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 9 = 147 = 13·11 + 4: geen BSN
        pytest.param("dossier 123456789", id="negen-cijfers-zonder-elfproef"),
        # 69 − 4 = 65 = 5·11 + 10
        pytest.param("nummer 111222334", id="bijna-bsn"),
        pytest.param("€ 123.456.782", id="bedrag-met-euroteken"),
        pytest.param("1234567820 klanten", id="tien-cijfers-is-geen-bsn"),
        # NL92...: herschikt ...232192, mod 97 = 2
        pytest.param("rekening NL92ABNA0417164300", id="iban-fout-controlegetal"),
        pytest.param("NL91ABNA041716430", id="iban-te-kort"),
        pytest.param("€ 1.234,56", id="bedrag"),
        pytest.param("12.000 euro per jaar", id="rond-bedrag"),
        pytest.param("32,76 per uur", id="tarief"),
        pytest.param("2016", id="jaartal"),
        pytest.param("van 2012 tot 2015", id="jaren"),
        pytest.param("rond 1980-1985", id="jarenreeks"),
        pytest.param("horizon 12 maanden", id="horizon"),
        pytest.param("2 uur per week, 6 maanden lang", id="inzet"),
        pytest.param("in 2016 op 12 maart kwam de melding", id="jaar-en-datum-in-zin"),
        pytest.param("op 12-03-2015 kwam de melding", id="datum-na-2010"),
        pytest.param("beschreven op 2015-10-12", id="iso-datum-zonder-geboren"),
        pytest.param("geboren in 1960", id="alleen-geboortejaar"),
        pytest.param("wijkteam@ niet ingevuld", id="losse-apenstaart"),
        pytest.param("2016 AB", id="jaar-met-hoofdletters"),
        pytest.param("Wmo 2015 GGZ 12", id="afkortingen"),
    ],
)
def test_gewone_tekst_wordt_niet_gemeld(tekst: str) -> None:
    """Bedragen, jaartallen, tarieven, aantallen en datums van gebeurtenissen zijn geen persoonsgegevens."""
    assert zoek(tekst) == []


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        pytest.param("111222333", "11*****33", id="bsn"),
        pytest.param("NL91ABNA0417164300", "NL** **** **** **** 00", id="iban"),
        pytest.param("j.jansen@example.nl", "j***@***.nl", id="email"),
        pytest.param("06-12345678", "06-******78", id="telefoon"),
        pytest.param("1234 AB 12", "12** ** **", id="postcode"),
        pytest.param("geboren 15-06-1972", "**-**-****", id="geboortedatum"),
    ],
)
def test_vondst_wordt_gemaskeerd(waarde: str, verwacht: str) -> None:
    """De gemaskeerde vorm laat hooguit een paar tekens zien, nooit de hele waarde."""
    (treffer,) = zoek(waarde)
    assert treffer.gemaskeerd == verwacht


def test_elfproef() -> None:
    """De elfproef accepteert alleen 9 cijfers met een gewogen som deelbaar door 11 en niet 0."""
    assert elfproef("111222333")
    assert not elfproef("111222334")
    assert not elfproef("000000000")  # som 0 telt niet
    assert not elfproef("11122233")  # 8 cijfers


def test_iban_mod97_en_lengte() -> None:
    """Een IBAN moet de lengte van zijn land hebben en mod 97 gelijk aan 1."""
    assert iban_geldig("NL91 ABNA 0417 1643 00")
    assert iban_geldig("GB82WEST12345698765432")  # herschikt 3214282912345698765432161182, mod 97 = 1
    assert not iban_geldig("NL91ABNA04171643000")  # één teken te lang voor NL (18)
    assert not iban_geldig("XX91ABNA0417164300")  # geen land


def test_melding_noemt_bestand_regel_veld_en_niet_de_waarde(tmp_path: Path) -> None:
    """Elke vondst noemt bestand:regel, het veld en de soort, met de waarde gemaskeerd en nooit voluit."""
    pad = tmp_path / "p-01.yaml"
    pad.write_text(CASUS_MET_PERSOONSGEGEVENS, encoding="utf-8")
    vondsten = controleer_privacy(lees_casus(pad))
    meldingen = [v.waarschuwing() for v in vondsten]
    assert [w.code for w in meldingen] == ["privacy_bsn", "privacy_iban"]
    bsn, iban = (w.melding for w in meldingen)
    assert "p-01.yaml:6: situatie: " in bsn
    assert "burgerservicenummer" in bsn
    assert "111222333" not in bsn
    assert "p-01.yaml:15: trajecten.sociaal_team.inzet[0].toelichting: " in iban
    assert "IBAN" in iban
    assert "0417 1643" not in iban
    assert "ABNA" not in iban
    assert all(w.casus == "P-01" and w.gemeente == "Beta" for w in meldingen)


def test_alleen_vrije_tekst_wordt_doorzocht(tmp_path: Path) -> None:
    """Velden als datum en aantal worden niet doorzocht; ook een datum van vóór 2010 daar is geen vondst."""
    tekst = CASUS_MET_PERSOONSGEGEVENS.replace("datum: 2016-05-01", "datum: 2009-05-01").replace(
        "Moeder met twee kinderen, BSN 111222333,", "Moeder met twee kinderen,"
    )
    tekst = tekst.replace("NL91 ABNA 0417 1643 00", "de eigen rekening").replace("aantal: 2", "aantal: 111222333")
    pad = tmp_path / "p-02.yaml"
    pad.write_text(tekst, encoding="utf-8")
    assert controleer_privacy(lees_casus(pad)) == ()


def test_meegeleverde_casussen_bevatten_geen_persoonsgegevens() -> None:
    """De voorbeeldcasussen in casussen/ geven geen enkele privacyvondst."""
    bestanden = zoek_casusbestanden([PROJECT / "casussen"])
    assert len(bestanden) >= 20
    vondsten = [v for pad in bestanden for v in controleer_privacy(lees_casus(pad))]
    assert vondsten == []


def _casusmap_met_persoonsgegevens(tmp_path: Path) -> Path:
    map_ = tmp_path / "casussen"
    map_.mkdir()
    (map_ / "p-01.yaml").write_text(CASUS_MET_PERSOONSGEGEVENS, encoding="utf-8")
    return map_


def test_controleer_meldt_persoonsgegevens_als_waarschuwing(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """Zonder --streng zijn vondsten waarschuwingen: exitcode 0, code en plaats in de uitvoer, waarde gemaskeerd."""
    uit = draai("controleer", str(_casusmap_met_persoonsgegevens(tmp_path)), "--tarieven", str(tarieven))
    assert uit.returncode == 0, uit.stderr
    assert "[privacy_bsn]" in uit.stdout
    assert "[privacy_iban]" in uit.stdout
    assert "p-01.yaml:6" in uit.stdout
    assert "11*****33" in uit.stdout
    assert "111222333" not in uit.stdout + uit.stderr
    assert "In orde: 1 casus," in uit.stdout


def test_controleer_streng_maakt_persoonsgegevens_fouten(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """Met --streng is elke vondst een FOUT met bestand:regel en veld, en stopt controleer met code 1."""
    uit = draai("controleer", str(_casusmap_met_persoonsgegevens(tmp_path)), "--tarieven", str(tarieven), "--streng")
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    assert "FOUT " in uit.stderr
    assert "p-01.yaml:6: situatie: mogelijk een burgerservicenummer" in uit.stderr
    assert "p-01.yaml:15: trajecten.sociaal_team.inzet[0].toelichting: mogelijk een IBAN" in uit.stderr
    assert "111222333" not in uit.stdout + uit.stderr


def test_controleer_streng_zonder_vondsten_is_in_orde(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """--streng verandert niets aan een casus zonder persoonsgegevens."""
    map_ = _casusmap_met_persoonsgegevens(tmp_path)
    pad = map_ / "p-01.yaml"
    schoon = pad.read_text(encoding="utf-8").replace("BSN 111222333, ", "").replace("NL91 ABNA 0417 1643 00", "x")
    pad.write_text(schoon, encoding="utf-8")
    uit = draai("controleer", str(map_), "--tarieven", str(tarieven), "--streng")
    assert uit.returncode == 0, uit.stderr
    assert "privacy_" not in uit.stdout


def test_bereken_toont_privacywaarschuwingen_in_json(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """`bereken --json` zet de privacyvondsten bij de casus, gemaskeerd, en rekent gewoon door (exitcode 0)."""
    uit = draai("bereken", str(_casusmap_met_persoonsgegevens(tmp_path)), "--tarieven", str(tarieven), "--json")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    codes = [w["code"] for w in data["casussen"][0]["waarschuwingen"]]
    assert codes[:2] == ["privacy_bsn", "privacy_iban"]
    assert "111222333" not in uit.stdout
    assert "0417" not in uit.stdout


def test_bereken_toont_privacywaarschuwingen_in_tabeluitvoer(draai: Draai, tmp_path: Path, tarieven: Path) -> None:
    """Ook de terminaluitvoer van `bereken` noemt de privacyvondsten."""
    uit = draai("bereken", str(_casusmap_met_persoonsgegevens(tmp_path)), "--tarieven", str(tarieven))
    assert uit.returncode == 0, uit.stderr
    assert "[privacy_bsn]" in uit.stdout
    assert "111222333" not in uit.stdout
