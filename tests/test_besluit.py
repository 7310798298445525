"""'Wat betekent dit voor uw besluit?' (issue 25, deel 2): elke regel aan beide kanten van haar drempel, met
aggregaten waarin het cijfer dat de regel leest met de hand is gezet."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from casuskosten import bereken
from casuskosten.rekenen.waarden import Aggregaat, Bron, FinancierCijfers, Gevoeligheid
from casuskosten.uitvoer.document import gemeente_document
from casuskosten.uitvoer.document.besluit import REGELS, Feiten, besluitzinnen
from tests.conftest import PROJECT, SNEL, casus, schrijf_casussen, schrijf_tarieven

HULP = {"tarief": "hulp", "aantal": 2, "per": "week", "duur": "6 maanden"}


@pytest.fixture(scope="module")
def agg(tmp_path_factory: pytest.TempPathFactory) -> Aggregaat:
    """Een echt aggregaat van Beta (drie casussen), waarvan elke test het cijfer van zijn regel met de hand zet."""
    map_ = tmp_path_factory.mktemp("besluit")
    tarieven = schrijf_tarieven(map_ / "tarieven")
    casussen = schrijf_casussen(map_ / "casussen", *(casus(voor=[HULP], id=f"T-0{i}") for i in (1, 2, 3)))
    return bereken([casussen], tarieven, instellingen=SNEL).gemeente("Beta")


def _regel(naam: str, agg: Aggregaat, *, alle_aselect: bool = True) -> str | None:
    (regel,) = (r for r in REGELS if r.naam == naam)
    return regel.zin(Feiten(agg, alle_aselect))


def _met_kans(agg: Aggregaat, kans: float | None) -> Aggregaat:
    return replace(agg, antwoord=replace(agg.antwoord, kans_besparing=kans))


NIET = "De casussen laten een besparing niet overtuigend zien: de kans erop is "


@pytest.mark.parametrize(
    ("kans", "verwacht"),
    [
        pytest.param(0.79, NIET + "79%, minder dan 80%.", id="net-onder-80"),
        pytest.param(
            0.80, "De casussen laten een besparing overtuigend zien: de kans erop is 80% (80% of meer).", id="op-80"
        ),
        pytest.param(0.21, NIET + "21%, minder dan 80%.", id="net-boven-20"),
        pytest.param(
            0.20,
            "De casussen wijzen eerder op meerkosten dan op een besparing: de kans op een besparing is maar 20%.",
            id="op-20",
        ),
    ],
)
def test_de_kans_op_een_besparing_bepaalt_of_de_casussen_haar_overtuigend_laten_zien(
    agg: Aggregaat, kans: float, verwacht: str
) -> None:
    """Vanaf 80% overtuigend, tot en met 20% eerder meerkosten, daartussen niet overtuigend."""
    assert _regel("overtuigend", _met_kans(agg, kans)) == verwacht


def test_zonder_kans_zegt_het_besluit_dat_er_meer_casussen_nodig_zijn(agg: Aggregaat) -> None:
    """Onder 3 casussen is er geen kans (None): dan geen uitspraak, wel het advies meer casussen te beschrijven."""
    zin = _regel("overtuigend", _met_kans(agg, None))
    assert zin is not None
    assert zin.startswith("Met minder dan 3 casussen is er geen uitspraak over de gemeente mogelijk")


def _met_bronnen(agg: Aggregaat, evpi: float, steekproef: float, tarieven: float, kansen: float) -> Aggregaat:
    bronnen = {
        "steekproef": Bron(0.5, steekproef),
        "tarieven": Bron(0.2, tarieven),
        "kansen": Bron(0.3, kansen),
    }
    return replace(agg, antwoord=replace(agg.antwoord, bronnen=bronnen, evpi=evpi))


def test_het_onderzoek_met_de_hoogste_evppi_is_het_meeste_waard(agg: Aggregaat) -> None:
    """De bron met de hoogste EVPPI (tarieven, € 40 tegen € 12 en € 30) wordt genoemd, met haar waarde."""
    zin = _regel("onderzoek", _met_bronnen(agg, 50.0, 12.0, 40.0, 30.0))
    assert zin == (
        "Het meeste is te winnen met beter onderzoek naar de tarieven (gepubliceerde prijzen in plaats van "
        "aannames): tot € 40 per huishouden per jaar."
    )


def test_onder_een_euro_evpi_verandert_onderzoek_de_keuze_nauwelijks(agg: Aggregaat) -> None:
    """EVPI € 0,99 (onder de drempel van € 1): geen bron genoemd; op € 1 wel."""
    onder = _regel("onderzoek", _met_bronnen(agg, 0.99, 0.5, 0.2, 0.9))
    assert onder is not None
    assert onder.startswith("Meer onderzoek verandert de keuze nauwelijks")
    op = _regel("onderzoek", _met_bronnen(agg, 1.0, 0.5, 0.2, 0.9))
    assert op is not None
    assert op.startswith("Het meeste is te winnen met beter onderzoek naar hoe de casussen vóór 2015")


def test_zonder_waarde_van_informatie_zwijgt_de_onderzoeksregel(agg: Aggregaat) -> None:
    """Onder 3 casussen zijn er geen bronnen en geen EVPI: geen zin."""
    assert _regel("onderzoek", replace(agg, antwoord=replace(agg.antwoord, bronnen=None, evpi=None))) is None


def _met_balken(agg: Aggregaat, *balken: tuple[float, float]) -> Aggregaat:
    return replace(
        agg,
        gevoeligheid=tuple(Gevoeligheid("discontovoet", "discontovoet 0% / 6%", laag, hoog) for laag, hoog in balken),
    )


def test_een_aanname_die_de_uitkomst_omkeert_wordt_genoemd(agg: Aggregaat) -> None:
    """De langste balk (−€ 100 tot € 300, spreiding 400, tegen € 50 tot € 60) gaat door nul: de uitkomst hangt af
    van die aanname."""
    zin = _regel("aanname", _met_balken(agg, (50.0, 60.0), (300.0, -100.0)))
    assert zin is not None
    assert zin.startswith("De uitkomst hangt af van één aanname, 'Discontovoet'")
    assert "dus van meerkosten naar een besparing" in zin


def test_een_langste_balk_boven_nul_keert_de_uitkomst_niet_om(agg: Aggregaat) -> None:
    """De langste balk ligt helemaal boven nul (€ 1 tot € 400): geen aanname keert de uitkomst apart om."""
    zin = _regel("aanname", _met_balken(agg, (1.0, 400.0), (-5.0, 5.0)))
    assert zin is not None
    assert zin.startswith("Geen enkele aanname keert de uitkomst apart om; de invloedrijkste, 'Discontovoet'")


@pytest.mark.parametrize(("aantal", "zegt_iets"), [(2, False), (3, True), (9, True), (10, False)])
def test_weinig_casussen_is_van_3_tot_en_met_9(agg: Aggregaat, aantal: int, zegt_iets: bool) -> None:
    """3 tot 9 casussen: een eerste indicatie; onder 3 zegt de kansregel het al, vanaf 10 geen zin."""
    zin = _regel("weinig_casussen", replace(agg, aantal_casussen=aantal))
    assert (zin is not None) is zegt_iets
    if zin is not None:
        assert zin.startswith(f"Het antwoord rust op {aantal} casussen: een eerste indicatie")


def test_niet_aselect_gekozen_casussen_geven_een_zin_aselect_niet(agg: Aggregaat) -> None:
    """Zegt niet elke casus `selectie: aselect`, dan het advies volgende casussen willekeurig te kiezen."""
    zin = _regel("selectie", agg, alle_aselect=False)
    assert zin is not None
    assert zin.startswith("Laat volgende casussen willekeurig kiezen")
    assert _regel("selectie", agg, alle_aselect=True) is None


def _fin(financier: str, besparing: float) -> FinancierCijfers:
    rol = "bespaart" if besparing > 0 else "investeert" if besparing < 0 else "gelijk"
    return FinancierCijfers(financier, 0.0, 0.0, besparing, besparing, rol)


def test_wie_het_meest_investeert_en_wie_het_meest_bespaart(agg: Aggregaat) -> None:
    """Jeugd investeert € 500 (meer dan Wmo's € 100), de zorgverzekeraar bespaart € 900 (meer dan de Wlz): die twee
    worden genoemd, met 'tussen de financiers' want de zorgverzekeraar is geen budget van de gemeente."""
    fin = (_fin("gemeente_wmo", -100), _fin("gemeente_jeugd", -500), _fin("wlz", 300), _fin("zorgverzekeraar", 900))
    zin = _regel("wie_investeert", replace(agg, per_financier=fin))
    assert zin == (
        "Gemeente – Jeugd investeert het meest (€ 500) en de grootste besparing is voor Zorgverzekeraar (€ 900), in "
        "de casussen samen na correctie: de besparing valt ergens anders dan de investering, en dat vraagt afspraken "
        "tussen de financiers."
    )


def test_investering_en_besparing_binnen_de_gemeente_vragen_afspraken_tussen_haar_budgetten(agg: Aggregaat) -> None:
    """Overig investeert, Wmo bespaart: beide budgetten van de gemeente."""
    fin = (_fin("gemeente_overig", -200), _fin("gemeente_wmo", 300))
    zin = _regel("wie_investeert", replace(agg, per_financier=fin))
    assert zin is not None
    assert zin.endswith("afspraken tussen de budgetten van de gemeente.")


def test_vrijwillige_inzet_telt_niet_als_investeerder(agg: Aggregaat) -> None:
    """Alleen vrijwillige inzet 'investeert' (€ 800): geen financier investeert per saldo."""
    fin = (_fin("vrijwillig", -800), _fin("gemeente_wmo", 300))
    zin = _regel("wie_investeert", replace(agg, per_financier=fin))
    assert zin == (
        "Geen financier investeert per saldo; de grootste besparing is voor Gemeente – Wmo (€ 300), in de casussen "
        "samen na correctie."
    )


def test_zonder_financier_die_bespaart_zwijgt_de_financiersregel(agg: Aggregaat) -> None:
    """Alleen investeerders: geen zin over wie bespaart."""
    fin = (_fin("gemeente_wmo", -300),)
    assert _regel("wie_investeert", replace(agg, per_financier=fin)) is None


def test_besluitzinnen_volgen_de_volgorde_van_de_regels(agg: Aggregaat) -> None:
    """Elke regel met iets te zeggen geeft één zin, in de volgorde van REGELS: kans eerst, financiers laatst."""
    zinnen = besluitzinnen(replace(_met_kans(agg, 0.5), per_financier=(_fin("gemeente_wmo", 300),)), alle_aselect=False)
    assert zinnen[0].startswith("De casussen laten een besparing niet overtuigend zien")
    assert zinnen[-1].startswith("Geen financier investeert per saldo")
    assert any(z.startswith("Laat volgende casussen willekeurig kiezen") for z in zinnen)


def test_het_gemeenterapport_heeft_het_besluit_op_de_samenvattingspagina() -> None:
    """Rotterdam: de sectie Samenvatting heeft de tussenkop en als opsomming precies de besluitzinnen."""
    from casuskosten.uitvoer.document import Opsomming, Tussenkop

    r = bereken([PROJECT / "casussen" / "rotterdam"], PROJECT / "tarieven", instellingen=SNEL)
    doc = gemeente_document(r, "Rotterdam", dt.date(2026, 1, 15))
    samenvatting = next(s for s in doc.secties if s.sleutel == "samenvatting")
    blokken = list(samenvatting.blokken)
    kop = next(i for i, b in enumerate(blokken) if isinstance(b, Tussenkop) and "uw besluit" in b.tekst)
    lijst = blokken[kop + 1]
    assert isinstance(lijst, Opsomming)
    assert lijst.punten == besluitzinnen(r.gemeente("Rotterdam"), alle_aselect=False)


def test_de_readme_noemt_elke_besluitregel() -> None:
    """Elke regel staat met haar naam in de tabel in de README."""
    readme = Path(PROJECT / "README.md").read_text(encoding="utf-8")
    for regel in REGELS:
        assert f"| `{regel.naam}` |" in readme, regel.naam


def test_de_vergelijking_heeft_het_besluit_voor_alle_gemeenten_samen() -> None:
    """De vergelijking per gemeente zet onder het antwoord per gemeente de besluitzinnen van het totaal."""
    from casuskosten.uitvoer.document import Opsomming, Tussenkop, vergelijking_document

    r = bereken([PROJECT / "casussen"], PROJECT / "tarieven", instellingen=SNEL)
    blokken = list(vergelijking_document(r, dt.date(2026, 1, 15)).secties[0].blokken)
    kop = next(i for i, b in enumerate(blokken) if isinstance(b, Tussenkop) and "uw besluit" in b.tekst)
    lijst = blokken[kop + 1]
    assert isinstance(lijst, Opsomming)
    assert lijst.punten == besluitzinnen(r.totaal, alle_aselect=False)
    assert lijst.punten[0].startswith("De casussen laten een besparing")
