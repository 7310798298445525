"""Export van het resultaat naar Excel (xlsx), CSV (één bestand per tabel; `csv` of `csv-nl`) of JSON, voor analisten.

Leest alleen het `Resultaat`; bedragen blijven onafgerond. In CSV en JSON staan percentages op de schaal 0..100 en
aandelen op 0..1. In Excel zijn percentages breuken met een procentnotatie (de kop zegt "(aandeel)"), bedragen hebben
een euronotatie, datums zijn datums, de kopregel staat vast met een filter, en het werkblad `instellingen` noemt
prijspeil, elke instelling, de versie en de SHA-256 van elk invoerbestand. Dezelfde invoer geeft dezelfde bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..invoer.modellen import DOELEN
from ..rekenen.resultaat import Aggregaat, Resultaat
from .benamingen import financiernaam, trajectnaam, waarschuwingstitel
from .bestanden import controleer_uitvoermap, controleer_uitvoerpad, schrijf_atomair, schrijf_bestanden
from .document import versie

FORMATEN: tuple[str, ...] = ("xlsx", "csv", "csv-nl", "json")

#: de tabellen, in deze volgorde als werkbladen en als CSV-bestanden
TABELLEN: tuple[str, ...] = (
    "casussen",
    "regels",
    "gemeenten",
    "financiers",
    "waarschuwingen",
    "opschaling",
    "representativiteit",
)

_CI = tuple[float, float] | None


def tabellen(resultaat: Resultaat) -> dict[str, pd.DataFrame]:
    """De exporttabellen: casussen, regels, gemeenten (plus een rij Totaal), financiers, waarschuwingen, en per
    gemeente met [opschaling] de opschaling en de representativiteit."""
    groepen = (*resultaat.gemeenten, resultaat.totaal)
    return {
        **_basistabellen(resultaat, groepen),
        **_opschalingstabellen(resultaat),
    }


_OPSCHALING_KOLOMMEN = [
    "gemeente",
    "casussen_per_jaar",
    "weging",
    "besparing_per_casus_per_jaar",
    "besparing_per_casus_per_jaar_gecorrigeerd",
    "besparing_per_jaar",
    "besparing_per_jaar_psa95_laag",
    "besparing_per_jaar_psa95_hoog",
    "besparing_per_jaar_gecorrigeerd",
    "besparing_per_jaar_gecorrigeerd_psa95_laag",
    "besparing_per_jaar_gecorrigeerd_psa95_hoog",
    "kans_besparing_gecorrigeerd",
    "teamuren_per_casus_per_jaar",
    "productieve_uren_per_fte",
    "benodigde_fte",
    "fte",
    "fte_verschil",
]


def _opschalingstabellen(resultaat: Resultaat) -> dict[str, pd.DataFrame]:
    """Eén rij per opgeschaalde gemeente (met per financier een kolom besparing_per_jaar_<financier>) en per
    gemeente en zwaarte de representativiteit."""
    rijen, representatief = [], []
    for agg in resultaat.gemeenten:
        o = agg.opschaling
        if o is None:
            continue
        rij: dict[str, Any] = {
            "gemeente": _naam(agg),
            **{k: v for k, v in o.naar_dict().items() if k in _OPSCHALING_KOLOMMEN},
        }
        for naam in ("besparing_per_jaar", "besparing_per_jaar_gecorrigeerd"):
            rij[f"{naam}_psa95_laag"], rij[f"{naam}_psa95_hoog"] = getattr(o, f"{naam}_psa95")
        rij.update({f"besparing_per_jaar_{fin.financier}": fin.besparing_per_jaar for fin in o.per_financier_per_jaar})
        rijen.append(rij)
        representatief += [
            {
                "gemeente": _naam(agg),
                "zwaarte": r.zwaarte,
                "casussen": r.casussen,
                "aandeel_casussen": r.aandeel_casussen,
                "aandeel_caseload": r.aandeel_caseload,
            }
            for r in o.representativiteit
        ]
    opschaling = pd.DataFrame(rijen)
    volgorde = _OPSCHALING_KOLOMMEN + [k for k in opschaling.columns if k not in _OPSCHALING_KOLOMMEN]
    return {
        "opschaling": opschaling.reindex(columns=volgorde),
        "representativiteit": pd.DataFrame(
            representatief, columns=["gemeente", "zwaarte", "casussen", "aandeel_casussen", "aandeel_caseload"]
        ),
    }


def _basistabellen(resultaat: Resultaat, groepen: tuple[Aggregaat, ...]) -> dict[str, pd.DataFrame]:
    regels = resultaat.regels.reset_index(drop=True)
    # namen naast de codes: een analist filtert op de code en leest de naam
    kolommen = list(regels.columns)
    regels.insert(kolommen.index("traject") + 1, "traject_naam", regels["traject"].map(trajectnaam))
    kolommen = list(regels.columns)
    regels.insert(kolommen.index("financier") + 1, "financier_naam", regels["financier"].map(financiernaam))
    return {
        "casussen": resultaat.casussen.reset_index(drop=True),
        "regels": regels,
        "gemeenten": pd.DataFrame([_gemeenterij(agg) for agg in groepen]),
        "financiers": pd.DataFrame(
            [
                {
                    "gemeente": _naam(agg),
                    "financier": f.financier,
                    "financier_naam": financiernaam(f.financier),
                    "kosten_voor_2015": f.kosten_voor_2015,
                    "kosten_sociaal_team": f.kosten_sociaal_team,
                    "besparing": f.besparing,
                    "rol": f.rol,
                }
                for agg in groepen
                for f in agg.per_financier
            ],
            columns=[
                "gemeente",
                "financier",
                "financier_naam",
                "kosten_voor_2015",
                "kosten_sociaal_team",
                "besparing",
                "rol",
            ],
        ),
        "waarschuwingen": pd.DataFrame(
            [
                *({**w.naar_dict(), "titel": waarschuwingstitel(w.code)} for w in resultaat.alle_waarschuwingen()),
                *(
                    {
                        "code": "casus_weggelaten",
                        "titel": waarschuwingstitel("casus_weggelaten"),
                        "melding": str(melding),
                        "bestand": casus.bestand,
                        "casus": casus.id,
                        "gemeente": casus.gemeente,
                    }
                    for casus in resultaat.overgeslagen
                    for melding in casus.meldingen
                ),
            ],
            columns=["code", "titel", "melding", "bestand", "casus", "gemeente", "doel"],
        ),
    }


def _naam(agg: Aggregaat) -> str:
    return agg.gemeente if agg.gemeente is not None else "Totaal"


def _grenzen(ci: _CI) -> tuple[float | None, float | None]:
    return (ci[0], ci[1]) if ci is not None else (None, None)


def _gemeenterij(agg: Aggregaat) -> dict[str, Any]:
    ci_laag, ci_hoog = _grenzen(agg.besparing_pct_ci95)
    gec_laag, gec_hoog = _grenzen(agg.besparing_pct_gecorrigeerd_ci95)
    rij: dict[str, Any] = {
        "gemeente": _naam(agg),
        "aantal_casussen": agg.aantal_casussen,
        "periode_van": agg.periode[0],
        "periode_tot_en_met": agg.periode[1],
        "kosten_voor_2015": agg.kosten_voor_2015,
        "kosten_sociaal_team": agg.kosten_sociaal_team,
        "besparing": agg.besparing,
        "besparing_pct": agg.besparing_pct,
        "besparing_pct_ci95_laag": ci_laag,
        "besparing_pct_ci95_hoog": ci_hoog,
        "besparing_pct_gemiddeld": agg.besparing_pct_gemiddeld,
        "besparing_pct_mediaan": agg.besparing_pct_mediaan,
        "aantal_met_besparing": agg.aantal_met_besparing,
        "aandeel_met_besparing": agg.aandeel_met_besparing,
        "kosten_voor_2015_gecorrigeerd": agg.kosten_voor_2015_gecorrigeerd,
        "besparing_gecorrigeerd": agg.besparing_gecorrigeerd,
        "besparing_pct_gecorrigeerd": agg.besparing_pct_gecorrigeerd,
        "besparing_pct_gecorrigeerd_ci95_laag": gec_laag,
        "besparing_pct_gecorrigeerd_ci95_hoog": gec_hoog,
        "invloedrijkste_casus": agg.invloedrijkste_casus.id if agg.invloedrijkste_casus else None,
        "aandeel_kosten_laag_betrouwbaar_voor_2015": agg.aandeel_kosten_laag_betrouwbaar.get("voor_2015"),
        "aandeel_kosten_laag_betrouwbaar_sociaal_team": agg.aandeel_kosten_laag_betrouwbaar.get("sociaal_team"),
    }
    doelen = {d.doel: d for d in agg.doelen}
    for doel in DOELEN:
        gevonden = doelen.get(doel)
        rij[f"aandeel_ja_{doel}"] = gevonden.aandeel_ja if gevonden else None
        rij[f"aandeel_ja_of_deels_{doel}"] = gevonden.aandeel_ja_of_deels if gevonden else None
    rij["aantal_waarschuwingen"] = len(agg.waarschuwingen)
    return rij


# Tekens waarmee een spreadsheet een cel als formule leest (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab, CR
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def _schone_tekst(waarde: object) -> object:
    """Tekst zonder de stuurtekens die een xlsx-bestand niet mag bevatten (die worden U+FFFD); de rest blijft."""
    if isinstance(waarde, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", waarde)
    return waarde


def _onschadelijk_csv(waarde: object) -> object:
    """Een tekstcel die een spreadsheet als formule zou lezen, krijgt een `'` ervoor; getallen blijven getallen."""
    waarde = _schone_tekst(waarde)
    if isinstance(waarde, str) and waarde.startswith(_FORMULETEKENS):
        return "'" + waarde
    return waarde


def _teksten(tabel: pd.DataFrame, omzetten: Callable[[object], object]) -> pd.DataFrame:
    """`omzetten` op elke cel van de tekstkolommen; getalkolommen blijven onaangeroerd (-12,5 blijft een getal)."""
    tabel = tabel.copy()
    for kolom in tabel.columns:
        if pd.api.types.is_object_dtype(tabel[kolom]) or pd.api.types.is_string_dtype(tabel[kolom]):
            tabel[kolom] = tabel[kolom].map(omzetten).astype(object)
    return tabel


#: vaste datum in de werkmap (docProps/core.xml en de zip): dezelfde invoer geeft dezelfde bytes
VASTE_DATUM = dt.datetime(2000, 1, 1)

EURO = '"€" #,##0'
EURO_CENTEN = '"€" #,##0.00'
PROCENT = "0.0%"
DATUM = "yyyy-mm-dd"
AANDEEL_KOP = " (aandeel)"


def _is_pct(kolom: str) -> bool:
    """Een percentage op de schaal 0..100 (in Excel als breuk met procentnotatie)."""
    return "_pct" in kolom


def _is_aandeel(kolom: str) -> bool:
    """Al een breuk 0..1: aandelen, kansen, correctie."""
    return kolom.startswith(("aandeel", "kans", "laag_betrouwbaar")) or kolom in ("correctie", "kans")


def _is_bedrag(kolom: str) -> bool:
    if _is_pct(kolom) or _is_aandeel(kolom) or kolom.startswith("aantal"):
        return False
    return (
        kolom.startswith(("kosten", "besparing", "vermeden", "lijn2_")) or "_kosten" in kolom or ("_besparing" in kolom)
    )


def _notatie(kolom: str) -> str | None:
    if _is_pct(kolom) or _is_aandeel(kolom):
        return PROCENT
    if kolom in ("prijs", "tarief_prijs"):
        return EURO_CENTEN
    if _is_bedrag(kolom):
        return EURO
    if kolom in ("datum", "periode_van", "periode_tot_en_met"):
        return DATUM
    return None


def _celwaarde(waarde: object, kolom: str) -> object:
    """Een Python-waarde voor openpyxl: NaN leeg, datums als datum, percentages als breuk, tekst zonder
    stuurtekens."""
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return None
    if isinstance(waarde, pd.Timestamp):
        return waarde.date()
    if hasattr(waarde, "item") and not isinstance(waarde, str):  # numpy-getal -> Python-getal
        waarde = waarde.item()
    if kolom in ("datum", "periode_van", "periode_tot_en_met") and isinstance(waarde, str):
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            return waarde
    if _is_pct(kolom) and isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return waarde / 100
    return _schone_tekst(waarde)


def _werkblad(werkmap: Workbook, naam: str, tabel: pd.DataFrame) -> None:
    blad = werkmap.create_sheet(naam)
    koppen = [str(k) for k in tabel.columns]
    blad.append([k + AANDEEL_KOP if _is_pct(k) else k for k in koppen])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    notaties = [_notatie(k) for k in koppen]
    breedtes = [len(k) + (len(AANDEEL_KOP) if _is_pct(k) else 0) for k in koppen]
    for rij in tabel.itertuples(index=False, name=None):
        waarden = [_celwaarde(w, k) for w, k in zip(rij, koppen, strict=True)]
        blad.append(waarden)
        for i, w in enumerate(waarden):
            lengte = 12 if isinstance(w, int | float) else len(str(w)) if w is not None else 0
            breedtes[i] = max(breedtes[i], min(lengte, 60))
    for rij in blad.iter_rows(min_row=2):
        for cel, notatie in zip(rij, notaties, strict=True):
            # openpyxl maakt van elke tekst die met '=' begint een formule; wij schrijven nooit formules
            if cel.data_type == "f":
                cel.data_type = "s"
            if notatie is not None and cel.value is not None and cel.data_type in ("n", "d"):
                cel.number_format = notatie
    for i, breedte in enumerate(breedtes, start=1):
        blad.column_dimensions[get_column_letter(i)].width = breedte + 2
    blad.freeze_panes = "A2"  # kopregel blijft staan bij scrollen
    blad.auto_filter.ref = blad.dimensions


def instellingen(resultaat: Resultaat) -> pd.DataFrame:
    """Het werkblad instellingen: prijspeil, elke instelling (ook geneste), de versie en elk invoerbestand met
    SHA-256."""
    rijen: list[tuple[str, object]] = [("prijspeil", resultaat.prijspeil), ("versie casuskosten", versie())]

    def plat(voorvoegsel: str, waarde: object) -> None:
        if isinstance(waarde, dict):
            for sleutel, deel in waarde.items():
                plat(f"{voorvoegsel}.{sleutel}" if voorvoegsel else str(sleutel), deel)
        elif isinstance(waarde, list):  # bv. formatie.teamuren_tarieven: één cel, komma-gescheiden
            rijen.append((voorvoegsel, ", ".join(str(w) for w in waarde)))
        elif voorvoegsel != "prijspeil":  # staat al bovenaan, als het gekozen prijspeil
            rijen.append((voorvoegsel, "" if waarde is None else waarde))

    plat("", resultaat.instellingen.model_dump(mode="json"))
    for cb in resultaat.casusbestanden:
        rijen.append((f"sha256 {cb.bestand}", cb.document.sha256))
    for bestand, sha in resultaat.tariefbestanden:
        rijen.append((f"sha256 {bestand}", sha))
    return pd.DataFrame(rijen, columns=["instelling", "waarde"])


def naar_xlsx(resultaat: Resultaat) -> bytes:
    """Een Excel-werkmap met één werkblad per tabel en het werkblad instellingen; gebruikerstekst is altijd een
    tekstcel, nooit een formule."""
    werkmap = Workbook()
    werkmap.remove(werkmap.active)
    for naam, tabel in tabellen(resultaat).items():
        _werkblad(werkmap, naam, tabel)
    _werkblad(werkmap, "instellingen", instellingen(resultaat))
    werkmap.properties.creator = "casuskosten"
    werkmap.properties.created = VASTE_DATUM
    werkmap.properties.modified = VASTE_DATUM
    buffer = io.BytesIO()
    werkmap.save(buffer)
    return _vaste_zip(buffer.getvalue())


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _vaste_zip(inhoud: bytes) -> bytes:
    """Dezelfde zip met vaste datums: openpyxl zet het moment van opslaan in docProps/core.xml en in elk
    zip-item, en dan zou elke export andere bytes hebben."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for item in bron.infolist():
            data = bron.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            vast = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            vast.compress_type = zipfile.ZIP_DEFLATED
            vast.external_attr = 0o600 << 16
            doel.writestr(vast, data)
    return uit.getvalue()


def naar_csv(tabel: pd.DataFrame) -> str:
    """Eén tabel als CSV: komma-gescheiden, decimale punt, UTF-8; tekst die als formule gelezen zou worden krijgt
    een `'` ervoor."""
    return _teksten(tabel, _onschadelijk_csv).to_csv(index=False, lineterminator="\n")


def naar_csv_nl(tabel: pd.DataFrame) -> str:
    """Eén tabel voor Nederlandse Excel: puntkomma-gescheiden, decimale komma, met BOM (anders leest Excel UTF-8
    als Windows-1252: "VÃ³Ã³r"); dezelfde bescherming tegen formules als `naar_csv`."""
    return "\ufeff" + _teksten(tabel, _onschadelijk_csv).to_csv(
        index=False, sep=";", decimal=",", lineterminator="\r\n"
    )


def exporteer(resultaat: Resultaat, formaat: str, uit: Path | str, *, beschermd: Sequence[Path] = ()) -> list[Path]:
    """Schrijf de export (atomair) en geef de geschreven bestanden; csv schrijft één bestand per tabel in map `uit`.

    Eerst worden de paden gecontroleerd en is alle inhoud gemaakt; pas dan wordt er geschreven (alles of niets).
    """
    beschermd = tuple(beschermd)
    if formaat == "json":
        # casus voor casus, net als `bereken --json --uit`: geen volledige kopie in het geheugen
        return [schrijf_atomair(uit, resultaat.json_delen(), beschermd=beschermd)]
    if formaat == "xlsx":
        controleer_uitvoerpad(uit, beschermd)
        return [schrijf_atomair(uit, naar_xlsx(resultaat), beschermd=beschermd)]
    map_ = controleer_uitvoermap(uit, beschermd)
    for naam in TABELLEN:
        controleer_uitvoerpad(map_ / f"{naam}.csv", beschermd)
    schrijf = naar_csv_nl if formaat == "csv-nl" else naar_csv
    return schrijf_bestanden(
        {map_ / f"{naam}.csv": schrijf(tabel) for naam, tabel in tabellen(resultaat).items()}, beschermd=beschermd
    )
