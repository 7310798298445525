"""Elke aanname genoemd (issue 22, deel 4): een bron bij elk getal van de opschaling, en wat geen bron heeft heet een
aanname, in de JSON, de verantwoording van het gemeenterapport en het werkblad instellingen.

De vorm: een tabel `bronnen` naast de getallen (`[opschaling.Beta.bronnen]`, `[opschaling.Beta.verdeling.bronnen]`,
`[formatie.bronnen]`). Een getal dat meetelt zonder bron, of met een bron die met "aanname" begint, is een aanname;
ook een standaardwaarde die meetelt (`formatie.productieve_uren_per_fte` zonder regel).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import textwrap
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from casuskosten import Instellingen, bereken
from casuskosten.fouten import CasuskostenFout
from casuskosten.invoer.instellingen import laad_instellingen
from casuskosten.rekenen.resultaat import uitvoerschema
from casuskosten.uitvoer.document import gemeente_document
from casuskosten.uitvoer.document.blokken import Alinea, Tabel
from casuskosten.uitvoer.export import exporteer
from tests.conftest import PROJECT, casus

#: de kop van elk instellingenbestand hier: 6 regels, zodat [opschaling.Beta] op regel 7 begint
KOP = "prijspeil = 2015\ndiscontovoet = 0.0\npsa_iteraties = 100\nbootstrap_iteraties = 100\n\n\n"

#: één getal met bron (casussen_per_jaar), één zonder (fte); productieve_uren_per_fte met bron, kosten_per_fte weg
EEN_WEL_EEN_NIET = """\
[opschaling.Beta]
casussen_per_jaar = 1000
fte = 4

[opschaling.Beta.bronnen]
casussen_per_jaar = "Jaarverslag wijkteams 2024, p. 12"

[formatie]
teamuren_tarieven = ["hulp"]
productieve_uren_per_fte = 1000

[formatie.bronnen]
productieve_uren_per_fte = "Cao sociaal werk 2024, art. 3"
"""


def _toml(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "casuskosten.toml"
    pad.write_text(KOP + textwrap.dedent(tekst), encoding="utf-8")
    return pad


def _drie_casussen() -> list[dict[str, object]]:
    return [
        casus(id=f"B-{i}", voor=[{"tarief": "zwaar", "aantal": i}], team=[{"tarief": "hulp", "aantal": 2 * i}])
        for i in (1, 2, 3)
    ]


# --- aannames -------------------------------------------------------------------------------------------------------


def test_aannames_noemt_het_getal_zonder_bron_en_niet_dat_met_bron(tmp_path: Path) -> None:
    """casussen_per_jaar en productieve_uren_per_fte hebben een bron, fte niet: precies fte is een aanname."""
    ins = laad_instellingen(_toml(tmp_path, EEN_WEL_EEN_NIET))
    assert ins.getallen() == (
        "opschaling.Beta.casussen_per_jaar",
        "opschaling.Beta.fte",
        "formatie.productieve_uren_per_fte",
    )
    assert ins.aannames() == ("opschaling.Beta.fte",)


def test_een_standaardwaarde_die_meetelt_is_een_aanname(tmp_path: Path) -> None:
    """Zonder [formatie] geldt 1.300 productieve uren per fte; de benodigde fte rust erop, dus ook dat is een aanname
    (en een standaardwaarde)."""
    ins = laad_instellingen(_toml(tmp_path, "[opschaling.Beta]\ncasussen_per_jaar = 1000\n"))
    assert ins.aannames() == ("opschaling.Beta.casussen_per_jaar", "formatie.productieve_uren_per_fte")
    assert ins.waarde("formatie.productieve_uren_per_fte") == 1300
    assert ins.is_standaard("formatie.productieve_uren_per_fte")
    assert not ins.is_standaard("opschaling.Beta.casussen_per_jaar")


def test_zonder_opschaling_geen_aannames(tmp_path: Path) -> None:
    """Zonder [opschaling] is er geen begroting: ook een [formatie] zonder bron telt dan niet mee."""
    ins = laad_instellingen(_toml(tmp_path, "[formatie]\nproductieve_uren_per_fte = 1200\n"))
    assert ins.aannames() == ()
    assert Instellingen().aannames() == ()


def test_een_bron_die_met_aanname_begint_blijft_een_aanname(tmp_path: Path) -> None:
    """Zoals in de tarieftabellen: "aanname: ..." legt uit waarom, maar is geen bron."""
    pad = _toml(
        tmp_path,
        """\
        [opschaling.Beta]
        casussen_per_jaar = 1000
        [opschaling.Beta.bronnen]
        casussen_per_jaar = "Aanname: orde van grootte"
        [formatie.bronnen]
        productieve_uren_per_fte = "Cao sociaal werk 2024"
        """,
    )
    ins = laad_instellingen(pad)
    assert ins.aannames() == ("opschaling.Beta.casussen_per_jaar",)
    assert ins.bron("opschaling.Beta.casussen_per_jaar") == "Aanname: orde van grootte"


def test_verdeling_telt_alle_zwaartes_ook_een_weggelaten(tmp_path: Path) -> None:
    """Een verdeling zonder complex rekent met 0 complexe huishoudens: ook dat getal is een aanname; de aantallen met
    een bron in [opschaling.Beta.verdeling.bronnen] niet."""
    pad = _toml(
        tmp_path,
        """\
        [opschaling.Beta]
        casussen_per_jaar = 1000
        [opschaling.Beta.bronnen]
        casussen_per_jaar = "Jaarverslag 2024"
        [opschaling.Beta.verdeling]
        enkelvoudig = 900
        meervoudig = 100
        [opschaling.Beta.verdeling.bronnen]
        enkelvoudig = "Registratie 2024, tabel 2"
        meervoudig = "Registratie 2024, tabel 2"
        [formatie.bronnen]
        productieve_uren_per_fte = "Cao sociaal werk 2024"
        """,
    )
    ins = laad_instellingen(pad)
    assert ins.aannames() == ("opschaling.Beta.verdeling.complex",)
    assert ins.waarde("opschaling.Beta.verdeling.complex") == 0
    assert ins.is_standaard("opschaling.Beta.verdeling.complex")
    assert ins.bron("opschaling.Beta.verdeling.enkelvoudig") == "Registratie 2024, tabel 2"


def test_kosten_per_fte_telt_alleen_bij_een_gemeente_met_fte(tmp_path: Path) -> None:
    """kosten_per_fte maal fte geeft de teamkosten: zonder fte bij de gemeente doet kosten_per_fte niets."""
    formatie = "[formatie]\nkosten_per_fte = 95000\n"
    zonder = laad_instellingen(_toml(tmp_path, "[opschaling.Beta]\ncasussen_per_jaar = 10\n" + formatie))
    assert "formatie.kosten_per_fte" not in zonder.aannames()
    met = laad_instellingen(_toml(tmp_path, "[opschaling.Beta]\ncasussen_per_jaar = 10\nfte = 2\n" + formatie))
    assert met.aannames()[-1] == "formatie.kosten_per_fte"
    assert met.waarde("formatie.kosten_per_fte") == 95000


def test_aannames_per_gemeente(tmp_path: Path) -> None:
    """aannames("alfa") geeft de getallen van Alfa (in elke spelling) en de formatie, niet die van Beta."""
    pad = _toml(
        tmp_path,
        """\
        [opschaling.Alfa]
        casussen_per_jaar = 10
        [opschaling.Beta]
        casussen_per_jaar = 20
        fte = 1
        """,
    )
    ins = laad_instellingen(pad)
    assert ins.aannames("ALFA") == ("opschaling.Alfa.casussen_per_jaar", "formatie.productieve_uren_per_fte")
    assert ins.aannames("Gamma") == ()


# --- bron() ---------------------------------------------------------------------------------------------------------


def test_bron_zoekt_de_gemeente_zoals_opschaling_voor(tmp_path: Path) -> None:
    """De gemeente in het pad in elke spelling; een getal zonder bron en een onbekende gemeente geven None."""
    pad = _toml(
        tmp_path,
        """\
        [opschaling."Den Haag"]
        casussen_per_jaar = 1000
        [opschaling."Den Haag".bronnen]
        casussen_per_jaar = "Jaarverslag 2024, p. 3"
        """,
    )
    ins = laad_instellingen(pad)
    assert ins.bron("opschaling.Den Haag.casussen_per_jaar") == "Jaarverslag 2024, p. 3"
    assert ins.bron("opschaling.den haag.casussen_per_jaar") == "Jaarverslag 2024, p. 3"
    assert ins.bron("opschaling.Den Haag.fte") is None
    assert ins.waarde("opschaling.Den Haag.fte") is None
    assert ins.bron("opschaling.Den Haag.verdeling.complex") is None
    assert ins.bron("opschaling.Utrecht.casussen_per_jaar") is None
    assert ins.bron("formatie.productieve_uren_per_fte") is None
    assert ins.aannames() == ("formatie.productieve_uren_per_fte",)


@pytest.mark.parametrize("pad", ["opschaling.Beta.casussen_per_jaarr", "formatie.teamuren_tarieven", "seed"])
def test_bron_van_iets_dat_geen_getal_met_bron_is_is_een_fout(pad: str) -> None:
    """Een pad dat geen getal van de opschaling is, is een Nederlandse fout met de geldige paden."""
    with pytest.raises(ValueError, match="is geen getal van de opschaling met een bron") as fout:
        Instellingen().bron(pad)
    assert "geldig: opschaling.<gemeente>.casussen_per_jaar, opschaling.<gemeente>.fte" in str(fout.value)


# --- fouten in bronnen ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "melding"),
    [
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = 10\n"
            '[opschaling.Beta.bronnen]\ncasussen_per_jaarr = "Jaarverslag"\n',
            "{f}:10: opschaling.Beta.bronnen.casussen_per_jaarr: onbekend veld 'casussen_per_jaarr'; bedoelde u "
            "'casussen_per_jaar'?; toegestaan: casussen_per_jaar, fte; [opschaling.Beta.bronnen] geeft alleen de bron "
            "van een getal uit [opschaling.Beta]",
            id="verschreven",
        ),
        pytest.param(
            '[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.Beta.bronnen]\ncomplex = "Registratie"\n',
            "{f}:10: opschaling.Beta.bronnen.complex: onbekend veld 'complex'; toegestaan: casussen_per_jaar, fte; de "
            "bronnen van de verdeling staan in [opschaling.Beta.verdeling.bronnen]",
            id="verdeling-bij-de-gemeente",
        ),
        pytest.param(
            '[formatie.bronnen]\nteamuren_tarieven = "tarieven"\n',
            "{f}:8: formatie.bronnen.teamuren_tarieven: onbekend veld 'teamuren_tarieven'; toegestaan: "
            "productieve_uren_per_fte, kosten_per_fte; teamuren_tarieven is geen getal; de tarieven zelf hebben hun "
            "bron in de tarieftabellen",
            id="geen-getal",
        ),
        pytest.param(
            '[opschaling.Beta]\ncasussen_per_jaar = 10\nbron = "Jaarverslag"\n',
            "{f}:9: opschaling.Beta.bron: onbekend veld 'bron'; bedoelde u 'bronnen'?; toegestaan: casussen_per_jaar, "
            "fte, verdeling, bronnen; een bron staat niet naast het getal, maar per getal in een eigen tabel "
            '[opschaling.Beta.bronnen], bijvoorbeeld casussen_per_jaar = "Jaarverslag wijkteams 2024, p. 12"',
            id="bron-naast-het-getal",
        ),
        pytest.param(
            "[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.Beta.bronnen]\ncasussen_per_jaar = 2024\n",
            "{f}:10: opschaling.Beta.bronnen.casussen_per_jaar: verwacht tekst, gekregen '2024'; een bron is tekst "
            'tussen aanhalingstekens, bijvoorbeeld casussen_per_jaar = "Jaarverslag wijkteams 2024, p. 12"',
            id="geen-tekst",
        ),
        pytest.param(
            '[opschaling.Beta]\ncasussen_per_jaar = 10\n[opschaling.Beta.bronnen]\ncasussen_per_jaar = " "\n',
            "{f}:10: opschaling.Beta.bronnen.casussen_per_jaar: een lege bron zegt niets; noem de bron (jaarverslag, "
            "pagina, jaar), of laat de regel weg: dan is het getal een aanname",
            id="leeg",
        ),
        pytest.param(
            "[formatie]\nkosten_per_fte = 0\n",
            "{f}:8: formatie.kosten_per_fte: '0' is te klein; moet > 0 zijn",
            id="kosten-per-fte-nul",
        ),
    ],
)
def test_een_fout_in_een_bron_is_een_nederlandse_melding_met_bestand_en_regel(
    tmp_path: Path, toml: str, melding: str
) -> None:
    """Een sleutel in bronnen die geen getal van die tabel is, is een fout met bestand, regel, veld, wat wel mag
    (met bedoelde u) en waar de bron dan hoort."""
    pad = _toml(tmp_path, toml)
    with pytest.raises(CasuskostenFout) as fout:
        laad_instellingen(pad)
    assert [str(m) for m in fout.value.meldingen] == [melding.format(f=pad)]


# --- JSON -----------------------------------------------------------------------------------------------------------


def test_instellingen_zonder_bronnen_houden_hun_json(tmp_path: Path) -> None:
    """Zonder bron geen sleutel bronnen in de JSON van de instellingen; met een bron alleen de gegeven bron, onder
    haar tabel."""
    zonder = laad_instellingen(_toml(tmp_path, "[opschaling.Beta]\ncasussen_per_jaar = 10\n")).naar_dict()
    assert zonder["opschaling"] == {"Beta": {"casussen_per_jaar": 10, "fte": None, "verdeling": None}}
    assert "bronnen" not in zonder["formatie"]
    met = laad_instellingen(_toml(tmp_path, EEN_WEL_EEN_NIET)).naar_dict()
    assert met["opschaling"]["Beta"]["bronnen"] == {"casussen_per_jaar": "Jaarverslag wijkteams 2024, p. 12"}
    assert met["formatie"]["bronnen"] == {"productieve_uren_per_fte": "Cao sociaal werk 2024, art. 3"}
    assert met["formatie"]["kosten_per_fte"] is None


@pytest.fixture
def resultaat(tmp_path: Path, tarieven: Path, casusmap):  # type: ignore[no-untyped-def]
    return bereken([casusmap(*_drie_casussen())], tarieven, laad_instellingen(_toml(tmp_path, EEN_WEL_EEN_NIET)))


def test_aannames_staan_bovenaan_de_json_na_de_instellingen(resultaat) -> None:  # type: ignore[no-untyped-def]
    """`aannames` direct na `instellingen`, in naar_dict en in de gestroomde JSON, en geldig volgens het schema."""
    data = resultaat.naar_dict()
    assert list(data)[:3] == ["prijspeil", "instellingen", "aannames"]
    assert data["aannames"] == ["opschaling.Beta.fte"]
    gestroomd = json.loads("".join(resultaat.json_delen()))
    assert gestroomd == json.loads(json.dumps(data))
    assert list(gestroomd)[:3] == ["prijspeil", "instellingen", "aannames"]
    jsonschema.validate(gestroomd, uitvoerschema())
    assert "aannames" in uitvoerschema()["required"]


# --- werkblad instellingen ------------------------------------------------------------------------------------------


def test_werkblad_instellingen_heeft_een_kolom_bron(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """De kolom bron: de bron naast casussen_per_jaar en productieve_uren_per_fte, leeg naast fte en de rest; geen
    rijen voor de bronnen zelf; de SHA-256 van het instellingenbestand staat erbij."""
    (pad,) = exporteer(resultaat, "xlsx", tmp_path / "uit.xlsx")
    blad = openpyxl.load_workbook(pad)["instellingen"]
    assert [c.value for c in blad[1]] == ["instelling", "waarde", "bron"]
    rijen = {r[0]: (r[1], r[2]) for r in blad.iter_rows(min_row=3, values_only=True)}
    assert rijen["opschaling.Beta.casussen_per_jaar"] == (1000, "Jaarverslag wijkteams 2024, p. 12")
    assert rijen["opschaling.Beta.fte"] == (4, None)
    assert rijen["formatie.productieve_uren_per_fte"] == (1000, "Cao sociaal werk 2024, art. 3")
    assert rijen["formatie.teamuren_tarieven"] == ("hulp", None)
    assert rijen["discontovoet"] == (0, None)
    assert not any(".bronnen" in naam for naam in rijen)
    toml = tmp_path / "casuskosten.toml"
    assert rijen[f"sha256 {toml}"] == (hashlib.sha256(toml.read_bytes()).hexdigest(), None)


# --- verantwoording -------------------------------------------------------------------------------------------------


def test_verantwoording_noemt_de_aannames_met_waarde_en_de_sha256(resultaat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """De verantwoording van Beta: elk getal van de opschaling met waarde en bron (fte: aanname), een zin die de
    ene aanname telt, en het instellingenbestand met zijn SHA-256 (hier zelf nagerekend) bij de invoerbestanden."""
    document = gemeente_document(resultaat, "Beta", dt.date(2024, 1, 1))
    blokken = next(s for s in document.secties if s.sleutel == "verantwoording").blokken
    getallen = next(b for b in blokken if isinstance(b, Tabel) and b.bijschrift == "Getallen van de opschaling")
    assert getallen.koppen == ("Instelling", "Waarde", "Bron")
    assert [tuple(c.tekst for c in rij) for rij in getallen.rijen] == [
        ("opschaling.Beta.casussen_per_jaar", "1.000", "Jaarverslag wijkteams 2024, p. 12"),
        ("opschaling.Beta.fte", "4", "aanname: geen bron"),
        ("formatie.productieve_uren_per_fte", "1.000", "Cao sociaal werk 2024, art. 3"),
    ]
    toml = tmp_path / "casuskosten.toml"
    zin = next(b.tekst for b in blokken if isinstance(b, Alinea) and b.tekst.startswith("De opschaling"))
    assert zin.startswith(
        f"De opschaling naar de caseload (de begroting) rust op 3 getallen uit het instellingenbestand {toml}"
    )
    assert "1 daarvan is een aanname" in zin
    bestanden = next(b for b in blokken if isinstance(b, Tabel) and b.koppen == ("Bestand", "SHA-256"))
    rijen = [tuple(c.tekst for c in rij) for rij in bestanden.rijen]
    assert rijen[0] == (str(toml), hashlib.sha256(toml.read_bytes()).hexdigest())


def test_verantwoording_zonder_opschaling_heeft_geen_aannames(tarieven: Path, casusmap) -> None:  # type: ignore[no-untyped-def]
    """Zonder [opschaling] (en zonder instellingenbestand) geen tabel met getallen en geen instellingenbestand."""
    r = bereken([casusmap(*_drie_casussen())], tarieven, Instellingen(prijspeil=2015, psa_iteraties=100))
    blokken = next(
        s for s in gemeente_document(r, "Beta", dt.date(2024, 1, 1)).secties if s.sleutel == "verantwoording"
    ).blokken
    assert not any(isinstance(b, Tabel) and b.bijschrift == "Getallen van de opschaling" for b in blokken)
    bestanden = next(b for b in blokken if isinstance(b, Tabel) and b.koppen == ("Bestand", "SHA-256"))
    assert all(not rij[0].tekst.endswith(".toml") for rij in bestanden.rijen)


# --- de demo --------------------------------------------------------------------------------------------------------


def test_demo_instellingen_noemen_elk_getal_een_aanname_met_uitleg() -> None:
    """Het project heeft voor geen getal van de demo een gepubliceerde bron (shared/data noemt geen caseload, formatie
    of fte-kosten): elk getal dat meetelt is een aanname, met een uitleg die met "aanname:" begint."""
    ins = laad_instellingen(PROJECT / "voorbeeld" / "casuskosten.toml")
    assert ins.aannames() == ins.getallen()
    assert ins.aannames() == (
        "opschaling.Rotterdam.casussen_per_jaar",
        "opschaling.Rotterdam.verdeling.enkelvoudig",
        "opschaling.Rotterdam.verdeling.meervoudig",
        "opschaling.Rotterdam.verdeling.complex",
        "opschaling.Westerveld.casussen_per_jaar",
        "opschaling.Westerveld.fte",
        "formatie.productieve_uren_per_fte",
        "formatie.kosten_per_fte",
    )
    for pad in ins.aannames():
        bron = ins.bron(pad)
        assert bron is not None
        assert bron.startswith("aanname: ")
