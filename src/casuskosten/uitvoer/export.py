"""Export van het resultaat naar Excel (xlsx), CSV (één bestand per tabel) of JSON, voor analisten.

Leest alleen het `Resultaat`; bedragen blijven onafgerond, percentages op de schaal 0..100, aandelen 0..1.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..invoer.modellen import DOELEN
from ..rekenen.resultaat import Aggregaat, Resultaat
from .bestanden import controleer_uitvoermap, controleer_uitvoerpad, schrijf_atomair, schrijf_bestanden

FORMATEN: tuple[str, ...] = ("xlsx", "csv", "json")

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
    return {
        "casussen": resultaat.casussen.reset_index(drop=True),
        "regels": resultaat.regels.reset_index(drop=True),
        "gemeenten": pd.DataFrame([_gemeenterij(agg) for agg in groepen]),
        "financiers": pd.DataFrame(
            [
                {
                    "gemeente": _naam(agg),
                    "financier": f.financier,
                    "kosten_voor_2015": f.kosten_voor_2015,
                    "kosten_sociaal_team": f.kosten_sociaal_team,
                    "besparing": f.besparing,
                    "rol": f.rol,
                }
                for agg in groepen
                for f in agg.per_financier
            ],
            columns=["gemeente", "financier", "kosten_voor_2015", "kosten_sociaal_team", "besparing", "rol"],
        ),
        "waarschuwingen": pd.DataFrame(
            [
                *(w.naar_dict() for w in resultaat.alle_waarschuwingen()),
                *(
                    {
                        "code": "casus_weggelaten",
                        "melding": str(melding),
                        "bestand": casus.bestand,
                        "casus": casus.id,
                        "gemeente": casus.gemeente,
                    }
                    for casus in resultaat.overgeslagen
                    for melding in casus.meldingen
                ),
            ],
            columns=["code", "melding", "bestand", "casus", "gemeente", "doel"],
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


def naar_xlsx(resultaat: Resultaat) -> bytes:
    """Een Excel-werkmap met één werkblad per tabel; gebruikerstekst is altijd een tekstcel, nooit een formule."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as schrijver:
        for naam, tabel in tabellen(resultaat).items():
            _teksten(tabel, _schone_tekst).to_excel(schrijver, sheet_name=naam, index=False)
            blad = schrijver.sheets[naam]
            blad.freeze_panes = "A2"  # kopregel blijft staan bij scrollen
            for rij in blad.iter_rows():
                for cel in rij:
                    # openpyxl maakt van elke tekst die met '=' begint een formule; wij schrijven nooit formules
                    if cel.data_type == "f":
                        cel.data_type = "s"
    return buffer.getvalue()


def naar_csv(tabel: pd.DataFrame) -> str:
    """Eén tabel als CSV: komma-gescheiden, decimale punt, UTF-8; tekst die als formule gelezen zou worden krijgt
    een `'` ervoor."""
    return _teksten(tabel, _onschadelijk_csv).to_csv(index=False, lineterminator="\n")


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
    return schrijf_bestanden(
        {map_ / f"{naam}.csv": naar_csv(tabel) for naam, tabel in tabellen(resultaat).items()}, beschermd=beschermd
    )
