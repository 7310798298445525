"""Export van het resultaat naar Excel (xlsx), CSV (één bestand per tabel) of JSON, voor analisten.

Leest alleen het `Resultaat`; bedragen blijven onafgerond, percentages op de schaal 0..100, aandelen 0..1.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..invoer.modellen import DOELEN
from ..rekenen.resultaat import Aggregaat, Resultaat
from .bestanden import maak_uitvoermap, schrijf_atomair

FORMATEN: tuple[str, ...] = ("xlsx", "csv", "json")

#: de tabellen, in deze volgorde als werkbladen en als CSV-bestanden
TABELLEN: tuple[str, ...] = ("casussen", "regels", "gemeenten", "financiers", "waarschuwingen")

_CI = tuple[float, float] | None


def tabellen(resultaat: Resultaat) -> dict[str, pd.DataFrame]:
    """De vijf exporttabellen: casussen, regels, gemeenten (plus een rij Totaal), financiers en waarschuwingen."""
    groepen = (*resultaat.gemeenten, resultaat.totaal)
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


def naar_xlsx(resultaat: Resultaat) -> bytes:
    """Een Excel-werkmap met één werkblad per tabel."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as schrijver:
        for naam, tabel in tabellen(resultaat).items():
            tabel.to_excel(schrijver, sheet_name=naam, index=False)
            blad = schrijver.sheets[naam]
            blad.freeze_panes = "A2"  # kopregel blijft staan bij scrollen
    return buffer.getvalue()


def naar_csv(tabel: pd.DataFrame) -> str:
    """Eén tabel als CSV: komma-gescheiden, decimale punt, UTF-8."""
    return tabel.to_csv(index=False, lineterminator="\n")


def exporteer(resultaat: Resultaat, formaat: str, uit: Path | str, *, beschermd: Sequence[Path] = ()) -> list[Path]:
    """Schrijf de export (atomair) en geef de geschreven bestanden; csv schrijft één bestand per tabel in map `uit`."""
    beschermd = tuple(beschermd)
    if formaat == "json":
        # casus voor casus, net als `bereken --json --uit`: geen volledige kopie in het geheugen
        return [schrijf_atomair(uit, resultaat.json_delen(), beschermd=beschermd)]
    if formaat == "xlsx":
        return [schrijf_atomair(uit, naar_xlsx(resultaat), beschermd=beschermd)]
    map_ = maak_uitvoermap(uit, beschermd)
    return [
        schrijf_atomair(map_ / f"{naam}.csv", naar_csv(tabel), beschermd=beschermd)
        for naam, tabel in tabellen(resultaat).items()
    ]
