"""Per casus en per gemeente optellen: de sommen, percentages, financiers, doelen en de onzekerheid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from ..fouten import Waarschuwing
from ..invoer.casussen import CasusBestand
from ..invoer.instellingen import Instellingen
from ..invoer.modellen import DOELEN, OORDELEN
from ..invoer.tarieven import FINANCIERS
from . import onzekerheid
from .beprijzing import disconto_factor
from .resultaat import Aggregaat, DoelCijfers, FinancierCijfers
from .waarschuwingen import casus_waarschuwingen, groep_waarschuwingen


def verrijk_regels(regels: pd.DataFrame, instellingen: Instellingen) -> pd.DataFrame:
    """Kolommen die correctie en gevoeligheid nodig hebben, één keer voor alle regels berekend.

    Vult de tabel zelf aan (geen kopie: bij 100.000 casussen is dat een paar honderd MB) en geeft hem terug.
    """
    correctie = (
        regels["zekerheid"].map({z: instellingen.correctie.voor(z) for z in ("hoog", "middel", "laag")}).astype(float)
    )
    regels["correctie_factor"] = np.where(regels["traject"] == "voor_2015", 1.0 - correctie, 1.0)
    regels["kosten_gecorrigeerd"] = regels["kosten"] * regels["correctie_factor"]
    start = regels["vanaf_maand"].to_numpy(float)
    duur = regels["duur_maanden"].to_numpy(float)
    regels["kosten_kans_1"] = regels["aantal_totaal"] * regels["prijs"] * regels["disconto_factor"]
    regels["kosten_disconto_0"] = regels["kosten_nominaal"]
    regels["kosten_disconto_4"] = regels["kosten_nominaal"] * disconto_factor(start, duur, 0.04)
    return regels


def casustabel(casussen: Sequence[CasusBestand], regels: pd.DataFrame, instellingen: Instellingen) -> pd.DataFrame:
    """Eén rij per casus met de kosten van beide trajecten, besparing, correctie en oordelen."""
    basis = pd.DataFrame(
        {
            "id": [cb.casus.id for cb in casussen],
            "gemeente": [cb.casus.gemeente for cb in casussen],
            "bestand": [cb.bestand for cb in casussen],
            # een echte datumkolom (datetime64), zodat een analist kan filteren en sorteren op tijd
            "datum": pd.to_datetime([cb.casus.datum for cb in casussen]),
            "zekerheid": [cb.casus.zekerheid for cb in casussen],
            "horizon_maanden": [cb.casus.horizon_maanden for cb in casussen],
            "aantal_leefgebieden": [len(set(cb.casus.leefgebieden)) for cb in casussen],
        }
    )
    for doel in DOELEN:
        basis[f"doel_{doel}"] = [cb.casus.doelen.oordeel(doel) for cb in casussen]

    def per_traject(waarden: pd.Series, voorvoegsel: str) -> pd.DataFrame:
        tabel = waarden.groupby([regels["casus"], regels["traject"]]).sum().unstack(fill_value=0)
        tabel = tabel.reindex(columns=["voor_2015", "sociaal_team"], fill_value=0.0)
        return tabel.add_prefix(voorvoegsel)

    kosten = per_traject(regels["kosten"], "kosten_")
    lijn2 = per_traject(regels["kosten"].where(regels["lijn"] == 2, 0.0), "lijn2_")
    laag = per_traject(regels["kosten"].where(regels["betrouwbaarheid"] == "laag", 0.0), "laagk_")
    tabel = basis.join(pd.concat([kosten, lijn2, laag], axis=1), on="id").fillna(
        dict.fromkeys([*kosten.columns, *lijn2.columns, *laag.columns], 0.0)
    )
    tabel["besparing"] = tabel["kosten_voor_2015"] - tabel["kosten_sociaal_team"]
    tabel["besparing_pct"] = _pct_kolom(tabel["besparing"], tabel["kosten_voor_2015"])
    tabel["correctie"] = tabel["zekerheid"].map(instellingen.correctie.voor).astype(float)
    tabel["kosten_voor_2015_gecorrigeerd"] = tabel["kosten_voor_2015"] * (1.0 - tabel["correctie"])
    tabel["besparing_gecorrigeerd"] = tabel["kosten_voor_2015_gecorrigeerd"] - tabel["kosten_sociaal_team"]
    tabel["besparing_pct_gecorrigeerd"] = _pct_kolom(
        tabel["besparing_gecorrigeerd"], tabel["kosten_voor_2015_gecorrigeerd"]
    )
    for traject in ("voor_2015", "sociaal_team"):
        tabel[f"laag_betrouwbaar_{traject}"] = _pct_kolom(tabel[f"laagk_{traject}"], tabel[f"kosten_{traject}"]) / 100
    return tabel.drop(columns=["laagk_voor_2015", "laagk_sociaal_team"])


def _pct_kolom(teller: pd.Series, noemer: pd.Series) -> pd.Series:
    uitkomst = (teller / noemer.where(noemer != 0)) * 100.0
    return uitkomst.astype(float)


def _none(waarde: Any) -> float | None:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)):
        return None
    return float(waarde)


def aggregeer(gemeente: str | None, tabel: pd.DataFrame, regels: pd.DataFrame, instellingen: Instellingen) -> Aggregaat:
    """De cijfers van een groep casussen (één gemeente, of alles bij `gemeente` None)."""
    voor = tabel["kosten_voor_2015"].to_numpy(float)
    team = tabel["kosten_sociaal_team"].to_numpy(float)
    voor_gec = tabel["kosten_voor_2015_gecorrigeerd"].to_numpy(float)
    som_voor, som_team, som_gec = float(voor.sum()), float(team.sum()), float(voor_gec.sum())
    besparing = som_voor - som_team
    pcts = tabel["besparing_pct"].dropna()
    n = len(tabel)

    ci, ci_gec = onzekerheid.bootstrap_intervallen(
        voor,
        [team, team],
        [voor, voor_gec],
        instellingen.bootstrap_iteraties,
        onzekerheid.generator(instellingen.seed, gemeente),
    )
    ids = tabel["id"].tolist()
    invloed = onzekerheid.invloedrijkste(ids, voor, team) if gemeente is not None else None
    dominant = None
    if besparing > 0:
        aandelen = (voor - team) / besparing
        if n > 1 and aandelen.max() > 0.5:
            dominant = ids[int(aandelen.argmax())]

    laag: dict[str, float | None] = {}
    trajecten = regels["traject"].to_numpy()
    laag_kosten = np.where((regels["betrouwbaarheid"] == "laag").to_numpy(), regels["kosten"].to_numpy(float), 0.0)
    for traject, som in (("voor_2015", som_voor), ("sociaal_team", som_team)):
        deze = float(laag_kosten[trajecten == traject].sum())
        laag[traject] = deze / som if som else None

    waarschuwingen = groep_waarschuwingen(gemeente, n, ci is None, dominant if gemeente is not None else None, laag)
    return Aggregaat(
        gemeente=gemeente,
        aantal_casussen=n,
        kosten_voor_2015=som_voor,
        kosten_sociaal_team=som_team,
        besparing=besparing,
        besparing_pct=onzekerheid.pct(som_voor, som_team),
        besparing_pct_gemiddeld=float(pcts.mean()) if len(pcts) else None,
        besparing_pct_mediaan=float(pcts.median()) if len(pcts) else None,
        aantal_met_besparing=int((tabel["besparing"] > 0).sum()),
        aandeel_met_besparing=float((tabel["besparing"] > 0).mean()) if n else 0.0,
        kosten_voor_2015_gecorrigeerd=som_gec,
        besparing_gecorrigeerd=som_gec - som_team,
        besparing_pct_gecorrigeerd=onzekerheid.pct(som_gec, som_team),
        besparing_pct_ci95=ci,
        besparing_pct_gecorrigeerd_ci95=ci_gec,
        invloedrijkste_casus=invloed,
        per_financier=_per_financier(regels),
        doelen=_doelen(tabel),
        gevoeligheid=onzekerheid.gevoeligheid(regels),
        aandeel_kosten_laag_betrouwbaar=laag,
        periode=(tabel["datum"].min().date().isoformat(), tabel["datum"].max().date().isoformat()),
        waarschuwingen=waarschuwingen,
    )


def _per_financier(regels: pd.DataFrame) -> tuple[FinancierCijfers, ...]:
    # numpy-maskers in plaats van een pandas-groupby: bij honderden gemeenten scheelt dat seconden
    financiers = regels["financier"].to_numpy()
    voor = (regels["traject"] == "voor_2015").to_numpy()
    kosten = regels["kosten"].to_numpy(float)
    uit = []
    for financier in FINANCIERS:  # vaste volgorde, alleen financiers die voorkomen
        deze = financiers == financier
        if not deze.any():
            continue
        v, t = float(kosten[deze & voor].sum()), float(kosten[deze & ~voor].sum())
        rol = "bespaart" if v > t else "investeert" if t > v else "gelijk"
        uit.append(FinancierCijfers(financier, v, t, v - t, rol))
    return tuple(uit)


def _doelen(tabel: pd.DataFrame) -> tuple[DoelCijfers, ...]:
    uit = []
    n = len(tabel)
    for doel in DOELEN:
        tel = Counter(tabel[f"doel_{doel}"].tolist())
        aantallen = {o: tel.get(o, 0) for o in OORDELEN}
        uit.append(
            DoelCijfers(
                doel,
                **aantallen,
                aandeel_ja=aantallen["ja"] / n if n else None,
                aandeel_ja_of_deels=(aantallen["ja"] + aantallen["deels"]) / n if n else None,
            )
        )
    return tuple(uit)


def waarschuwingen_per_casus(
    casussen: Sequence[CasusBestand], tabel: pd.DataFrame
) -> dict[str, tuple[Waarschuwing, ...]]:
    """Per casus-id de waarschuwingen over doelen en tarieven."""
    rijen = cast("dict[str, dict[str, Any]]", tabel.set_index("id").to_dict("index"))
    uit = {}
    for cb in casussen:
        rij = dict(rijen[cb.casus.id])
        for traject in ("voor_2015", "sociaal_team"):
            rij[f"laag_betrouwbaar_{traject}"] = _none(rij[f"laag_betrouwbaar_{traject}"])
        gevonden = casus_waarschuwingen(cb, rij)
        if gevonden:
            uit[cb.casus.id] = gevonden
    return uit
