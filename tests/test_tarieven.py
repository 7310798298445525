"""Tarieven kiezen en indexeren, en tarieftabellen in de vormen die gebruikers uit Excel halen."""

from __future__ import annotations

from pathlib import Path

import pytest

from casuskosten.invoer.tarieven import laad_tarieven, lees_getal


@pytest.mark.parametrize(
    ("code", "gemeente", "jaar", "prijs"),
    [
        pytest.param("hulp", "Alfa", 2016, 15, id="gemeenterij-gaat-voor-landelijke"),
        pytest.param("hulp", "aLFa", 2016, 15, id="gemeente-hoofdletterongevoelig"),
        pytest.param("hulp", "Alfa", 2014, 15, id="gemeente-alleen-later-jaar-dan-kleinste-erna"),
        pytest.param("hulp", "Beta", 2016, 10, id="landelijk-grootste-jaar-tot-en-met"),
        pytest.param("hulp", "Beta", 2017, 20, id="landelijk-zelfde-jaar"),
        pytest.param("hulp", "Beta", 2030, 20, id="landelijk-na-laatste-jaar"),
        pytest.param("hulp", "Beta", 2010, 10, id="landelijk-voor-eerste-jaar-kleinste-erna"),
        pytest.param("zwaar", "Alfa", 2016, 100, id="gemeente-zonder-eigen-rij-krijgt-landelijke"),
    ],
)
def test_kies_volgt_de_keuzeregel(tarieven: Path, code: str, gemeente: str, jaar: int, prijs: float) -> None:
    """Eerst de rijen van de gemeente, anders landelijk; grootste jaar <= tariefjaar, anders kleinste erna."""
    tabel = laad_tarieven(tarieven)
    gekozen = tabel.kies(code, gemeente, jaar)
    assert gekozen is not None
    assert gekozen.prijs == prijs


def test_kies_onbekende_code_geeft_niets(tarieven: Path) -> None:
    """Een code die nergens staat levert geen tarief op."""
    assert laad_tarieven(tarieven).kies("bestaat_niet", "Beta", 2016) is None


def test_indexatie_rekent_om_met_index_peil_gedeeld_door_index_jaar(tarieven: Path) -> None:
    """prijs x index[peil] / index[jaar]: 10 uit 2015 is in 2017 10 x 121 / 100 = 12,10."""
    tabel = laad_tarieven(tarieven)
    assert tabel.prijsindex.factor(2015, 2017) * 10 == pytest.approx(12.10)
    assert tabel.prijsindex.factor(2016, 2015) * 15 == pytest.approx(15 * 100 / 110)


def test_geldend_gebruikt_dezelfde_keuze_als_de_beprijzing(tarieven: Path) -> None:
    """`geldend` toont per code precies de rij die `kies` voor die gemeente kiest."""
    tabel = laad_tarieven(tarieven)
    geldend = {r.code: r.prijs for r in tabel.geldend("Alfa", 2016)}
    assert geldend == {"hulp": 15, "zwaar": 100, "maatje": 5}


def test_puntkomma_met_decimale_komma_wordt_gelezen(tmp_path: Path) -> None:
    """Een CSV zoals Excel die in Nederland bewaart (; en decimale komma) geeft dezelfde prijzen."""
    (tmp_path / "nl.csv").write_text(
        "code;omschrijving;eenheid;prijs;jaar;gemeente;financier;lijn;betrouwbaarheid;bron\n"
        "hulp;Hulp, in natura;uur;1.032,76;2015;;gemeente_wmo;1;hoog;bron, met komma\n",
        encoding="utf-8",
    )
    (tmp_path / "prijsindex.csv").write_text("jaar;index\n2015;100,0\n", encoding="utf-8")
    tabel = laad_tarieven(tmp_path)
    regel = tabel.kies("hulp", "X", 2015)
    assert regel is not None
    assert regel.prijs == pytest.approx(1032.76)
    assert regel.omschrijving == "Hulp, in natura"


def test_xlsx_tabel_wordt_gelezen(tmp_path: Path) -> None:
    """Een tarieftabel als .xlsx telt mee naast de CSV-bestanden."""
    import openpyxl

    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(
        ["code", "omschrijving", "eenheid", "prijs", "jaar", "gemeente", "financier", "lijn", "betrouwbaarheid", "bron"]
    )
    blad.append(["wijk", "Wijkteam", "uur", 70.5, 2015, None, "gemeente_overig", 1, "laag", "aanname: test"])
    boek.save(tmp_path / "eigen.xlsx")
    (tmp_path / "prijsindex.csv").write_text("jaar,index\n2015,100\n", encoding="utf-8")
    regel = laad_tarieven(tmp_path).kies("wijk", "X", 2015)
    assert regel is not None
    assert (regel.prijs, regel.lijn, regel.financier) == (70.5, 1, "gemeente_overig")


@pytest.mark.parametrize(
    ("tekst", "getal"), [("32.76", 32.76), ("32,76", 32.76), ("1.234,56", 1234.56), ("€ 12", 12.0), ("7", 7.0)]
)
def test_lees_getal_kent_punt_en_komma(tekst: str, getal: float) -> None:
    """Bedragen met punt of komma als decimaalteken worden goed gelezen."""
    assert lees_getal(tekst) == pytest.approx(getal)


def test_gebundelde_tarieven_noemen_elk_een_bron() -> None:
    """Elke meegeleverde tariefrij heeft een bron; rijen zonder gepubliceerd cijfer zijn een aanname, laag."""
    tabel = laad_tarieven(Path(__file__).resolve().parent.parent / "tarieven")
    assert len(tabel.regels) >= 30
    for regel in tabel.regels:
        assert regel.bron
        if regel.is_aanname:
            assert regel.betrouwbaarheid == "laag", regel.code
    gemeenten = {r.gemeente for r in tabel.regels if r.gemeente}
    assert len(gemeenten) >= 2


def test_onwaarschijnlijk_hoge_prijs_is_een_fout(tmp_path: Path) -> None:
    """Een prijs boven 10 miljoen per eenheid (bijvoorbeeld een verschoven komma) wordt geweigerd met regel en veld."""
    from casuskosten import InvoerFout

    (tmp_path / "t.csv").write_text(
        "code,omschrijving,eenheid,prijs,jaar,gemeente,financier,lijn,betrouwbaarheid,bron\n"
        "hulp,Hulp,uur,3276000000,2015,,gemeente_wmo,1,hoog,test\n",
        encoding="utf-8",
    )
    (tmp_path / "prijsindex.csv").write_text("jaar,index\n2015,100\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_tarieven(tmp_path)
    melding = fout.value.meldingen[0]
    assert (melding.regel, melding.veld) == (2, "prijs")
    assert "onwaarschijnlijk hoog" in melding.tekst
