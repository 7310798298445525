"""Per casus en per gemeente optellen: de sommen, percentages, financiers, doelen en de onzekerheid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..fouten import Waarschuwing, gemaskeerd
from ..invoer.casussen import CasusBestand
from ..invoer.instellingen import Correctie, Instellingen
from ..invoer.modellen import DOELEN, OORDELEN
from ..invoer.tarieven import FINANCIERS
from . import onzekerheid
from .beprijzing import disconto_factor
from .kernboodschap import kernboodschap
from .kolommen import Kolommen
from .perspectieven import correctie_per_regel, perspectief_maskers
from .waarden import (
    MIN_CASUSSEN_INTERVAL,
    PERSPECTIEVEN,
    Aggregaat,
    Antwoord,
    DoelCijfers,
    FinancierCijfers,
    Periode,
    Perspectief,
)
from .waarschuwingen import casus_waarschuwingen, groep_waarschuwingen

FloatArray = npt.NDArray[np.float64]


def verrijk_regels(regels: pd.DataFrame, correctie: Correctie) -> pd.DataFrame:
    """Kolommen die correctie en gevoeligheid nodig hebben, één keer voor alle regels berekend.

    Vult de tabel zelf aan (geen kopie: bij 100.000 casussen is dat een paar honderd MB) en geeft hem terug.
    """
    regels["correctie"] = (
        regels["zekerheid"].map({z: correctie.voor(z) for z in ("hoog", "middel", "laag")}).astype(float)
    )
    start = regels["vanaf_maand"].to_numpy(float)
    duur = regels["duur_maanden"].to_numpy(float)
    regels["kosten_kans_1"] = regels["aantal_totaal"] * regels["prijs"] * regels["disconto_factor"]
    regels["kosten_disconto_0"] = regels["kosten_nominaal"]
    regels["kosten_disconto_4"] = regels["kosten_nominaal"] * disconto_factor(start, duur, 0.04)
    return regels


def casustabel(casussen: Sequence[CasusBestand], regels: pd.DataFrame, correctie: Correctie) -> pd.DataFrame:
    """Eén rij per casus met de kosten van beide trajecten, besparing, correctie, per jaar, perspectieven en oordelen.

    De hoofdcijfers (kosten_voor_2015, besparing ...) zijn maatschappelijk. De correctie verlaagt alleen de
    vermeden kosten: per tariefcode c het deel van voor_2015 dat het sociaal team niet ook inzette,
    vermeden = som over c van max(0, V_c - T_c), en kosten_voor_2015_gecorrigeerd = voor - correctie x vermeden.
    """
    basis = pd.DataFrame(
        {
            "id": [cb.casus.id for cb in casussen],
            "gemeente": [cb.casus.gemeente for cb in casussen],
            "bestand": [gemaskeerd(cb.bestand) for cb in casussen],  # alleen om te tonen: gemaskeerd
            # een echte datumkolom (datetime64), zodat een analist kan filteren en sorteren op tijd
            "datum": pd.to_datetime([cb.casus.datum for cb in casussen]),
            "zekerheid": [cb.casus.zekerheid for cb in casussen],
            "horizon_maanden": [cb.casus.horizon_maanden for cb in casussen],
            "aantal_leefgebieden": [len(set(cb.casus.leefgebieden)) for cb in casussen],
            # voor de opschaling: de strata en hoe de casus in het onderzoek kwam (None = niet ingevuld)
            "zwaarte": pd.Series([cb.casus.zwaarte for cb in casussen], dtype=object),
            "selectie": pd.Series([cb.casus.selectie for cb in casussen], dtype=object),
            "teammodel": pd.Series([cb.casus.teammodel for cb in casussen], dtype=object),
        }
    )
    for doel in DOELEN:
        basis[f"doel_{doel}"] = [cb.casus.doelen.oordeel(doel) for cb in casussen]

    def per_traject(waarden: pd.Series, voorvoegsel: str) -> pd.DataFrame:
        tabel = waarden.groupby([regels["casus"], regels["traject"]]).sum().unstack(fill_value=0)
        tabel = tabel.reindex(columns=["voor_2015", "sociaal_team"], fill_value=0.0)
        return tabel.add_prefix(voorvoegsel)

    maskers = perspectief_maskers(regels)
    maatschappelijk = regels["kosten"].where(maskers["maatschappelijk"], 0.0)
    kosten = per_traject(maatschappelijk, "kosten_")
    lijn2 = per_traject(maatschappelijk.where(regels["lijn"] == 2, 0.0), "lijn2_")
    laag = per_traject(maatschappelijk.where(regels["betrouwbaarheid"] == "laag", 0.0), "laagk_")
    delen = [kosten, lijn2, laag]
    for naam in ("collectief", "gemeente"):
        delen.append(per_traject(regels["kosten"].where(maskers[naam], 0.0), f"{naam}_kosten_"))
    voor = regels["traject"] == "voor_2015"
    paren = (
        pd.DataFrame(
            {
                "casus": regels["casus"],
                "tarief": regels["tarief"],
                "v": maatschappelijk.where(voor, 0.0),
                "t": maatschappelijk.where(~voor, 0.0),
            }
        )
        .groupby(["casus", "tarief"], sort=False)[["v", "t"]]
        .sum()
    )
    vermeden = (paren["v"] - paren["t"]).clip(lower=0.0).groupby(level=0, sort=False).sum().rename("vermeden")
    alle = pd.concat([*delen, vermeden], axis=1)
    tabel = basis.join(alle, on="id").fillna(dict.fromkeys(alle.columns, 0.0))
    tabel["besparing"] = tabel["kosten_voor_2015"] - tabel["kosten_sociaal_team"]
    tabel["besparing_pct"] = _pct_kolom(tabel["besparing"], tabel["kosten_voor_2015"])
    tabel["correctie"] = tabel["zekerheid"].map(correctie.voor).astype(float)
    tabel["kosten_voor_2015_gecorrigeerd"] = tabel["kosten_voor_2015"] - tabel["correctie"] * tabel["vermeden"]
    tabel["besparing_gecorrigeerd"] = tabel["kosten_voor_2015_gecorrigeerd"] - tabel["kosten_sociaal_team"]
    tabel["besparing_pct_gecorrigeerd"] = _pct_kolom(
        tabel["besparing_gecorrigeerd"], tabel["kosten_voor_2015_gecorrigeerd"]
    )
    jaarfactor = 12.0 / tabel["horizon_maanden"].astype(float)
    tabel["besparing_per_jaar"] = tabel["besparing"] * jaarfactor
    tabel["besparing_per_jaar_gecorrigeerd"] = tabel["besparing_gecorrigeerd"] * jaarfactor
    for naam in ("maatschappelijk", "collectief", "gemeente"):
        bron = "kosten_" if naam == "maatschappelijk" else f"{naam}_kosten_"
        tabel[f"{naam}_kosten_voor_2015"] = tabel[f"{bron}voor_2015"]
        tabel[f"{naam}_kosten_sociaal_team"] = tabel[f"{bron}sociaal_team"]
        tabel[f"{naam}_besparing"] = tabel[f"{naam}_kosten_voor_2015"] - tabel[f"{naam}_kosten_sociaal_team"]
        tabel[f"{naam}_besparing_pct"] = _pct_kolom(tabel[f"{naam}_besparing"], tabel[f"{naam}_kosten_voor_2015"])
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


def aggregeer(
    gemeente: str | None,
    tabel: Kolommen,
    regels: Kolommen,
    instellingen: Instellingen,
    antwoord: Antwoord,
    *,
    aantal_gemeenten: int = 1,
    bootstrap: FloatArray | None = None,
    lagen: npt.NDArray[np.int64] | None = None,
) -> Aggregaat:
    """De cijfers van een groep casussen (één gemeente, of alles bij `gemeente` None).

    `tabel` en `regels` zijn de rijen van de groep uit de casustabel en de regeltabel, als numpy-kolommen.
    `bootstrap`: de bootstrapsommen van de groep als ze er al zijn (zie `bootstrap_sommen`; voor het totaal de
    gestratificeerde sommen uit `BootstrapTotaal`), anders worden ze hier getrokken; `lagen` dan per casus de laag
    van die bootstrap (voor de versnelling van BCa, zie `onzekerheid.bca_interval`).
    """
    # lang (ruim 80 regels) met reden: het vult één bevroren Aggregaat van ruim dertig velden, elk één regel; de
    # rekenstappen zelf staan in onzekerheid, kernboodschap en waarschuwingen
    voor = np.asarray(tabel["kosten_voor_2015"], dtype=float)
    team = np.asarray(tabel["kosten_sociaal_team"], dtype=float)
    voor_gec = np.asarray(tabel["kosten_voor_2015_gecorrigeerd"], dtype=float)
    som_voor, som_team, som_gec = float(voor.sum()), float(team.sum()), float(voor_gec.sum())
    besparing = som_voor - som_team
    pcts = np.asarray(tabel["besparing_pct"], dtype=float)
    pcts = pcts[~np.isnan(pcts)]
    n = len(tabel)

    if bootstrap is None and n >= MIN_CASUSSEN_INTERVAL:
        bootstrap = bootstrap_sommen(tabel, instellingen.bootstrap_iteraties, instellingen.seed, gemeente)
    ci, ci_gec = (
        onzekerheid.intervallen(
            bootstrap, [team, team], [voor, voor_gec], methode=instellingen.intervalmethode, lagen=lagen
        )
        if bootstrap is not None and n >= MIN_CASUSSEN_INTERVAL
        else (None, None)
    )
    ids = tabel["id"].tolist()
    invloed = onzekerheid.invloedrijkste(ids, voor, team) if gemeente is not None else None
    dominant = None
    if besparing > 0:
        aandelen = (voor - team) / besparing
        if n > 1 and aandelen.max() > 0.5:
            dominant = ids[int(aandelen.argmax())]

    maatschappelijk = regels.deel(regels["soort"] != "overdracht")
    laag: dict[str, float | None] = {}
    trajecten = maatschappelijk["traject"]
    laag_kosten = np.where(
        maatschappelijk["betrouwbaarheid"] == "laag", np.asarray(maatschappelijk["kosten"], dtype=float), 0.0
    )
    for traject, som in (("voor_2015", som_voor), ("sociaal_team", som_team)):
        deze = float(laag_kosten[trajecten == traject].sum())
        laag[traject] = deze / som if som else None

    horizonnen = tuple(sorted({int(h) for h in tabel["horizon_maanden"].tolist()}))
    waarschuwingen = groep_waarschuwingen(
        gemeente, n, ci is None, dominant if gemeente is not None else None, laag, horizonnen=horizonnen
    )
    per_jaar = float(np.mean(tabel["besparing_per_jaar"])) if n else 0.0
    per_jaar_gec = float(np.mean(tabel["besparing_per_jaar_gecorrigeerd"])) if n else 0.0
    spreiding = {b: instellingen.onzekerheid.tariefspreiding.voor(b) for b in ("hoog", "middel", "laag")}
    met_besparing = np.asarray(tabel["besparing"], dtype=float) > 0
    datums = tabel["datum"]
    return Aggregaat(
        gemeente=gemeente,
        aantal_casussen=n,
        kosten_voor_2015=som_voor,
        kosten_sociaal_team=som_team,
        besparing=besparing,
        besparing_pct=onzekerheid.pct(som_voor, som_team),
        besparing_pct_gemiddeld=float(np.mean(pcts)) if len(pcts) else None,
        besparing_pct_mediaan=float(np.median(pcts)) if len(pcts) else None,
        aantal_met_besparing=int(met_besparing.sum()),
        aandeel_met_besparing=float(met_besparing.mean()) if n else 0.0,
        kosten_voor_2015_gecorrigeerd=som_gec,
        besparing_gecorrigeerd=som_gec - som_team,
        besparing_pct_gecorrigeerd=onzekerheid.pct(som_gec, som_team),
        besparing_pct_ci95=ci,
        besparing_pct_gecorrigeerd_ci95=ci_gec,
        besparing_per_casus_per_jaar=per_jaar,
        besparing_per_casus_per_jaar_gecorrigeerd=per_jaar_gec,
        per_perspectief=_per_perspectief(tabel),
        horizonnen_maanden=horizonnen,
        kernboodschap=kernboodschap(gemeente, n, aantal_gemeenten, antwoord),
        antwoord=antwoord,
        invloedrijkste_casus=invloed,
        per_financier=_per_financier(regels),
        doelen=_doelen(tabel),
        gevoeligheid=onzekerheid.gevoeligheid(maatschappelijk, spreiding, _jaarfactoren(tabel, maatschappelijk), n),
        aandeel_kosten_laag_betrouwbaar=laag,
        periode=Periode(_dag(datums.min()), _dag(datums.max())),
        waarschuwingen=waarschuwingen,
    )


def _jaarfactoren(tabel: Kolommen, regels: Kolommen) -> FloatArray:
    """Per regel 12 / de horizon van zijn casus: de omrekening naar een besparing per jaar."""
    per_casus = dict(
        zip(tabel["id"].tolist(), (12.0 / np.asarray(tabel["horizon_maanden"], dtype=float)).tolist(), strict=True)
    )
    return np.array([per_casus[c] for c in regels["casus"].tolist()], dtype=float)


def _bootstrap_kolommen(tabel: Kolommen) -> list[FloatArray]:
    """De kolommen van de bootstrap in de volgorde van `onzekerheid.intervallen`: noemers (voor, voor gecorrigeerd)
    en teams (tweemaal hetzelfde object, zodat het één keer wordt opgeteld)."""
    team = np.asarray(tabel["kosten_sociaal_team"], dtype=float)
    return [
        np.asarray(tabel["kosten_voor_2015"], dtype=float),
        np.asarray(tabel["kosten_voor_2015_gecorrigeerd"], dtype=float),
        team,
        team,
    ]


def bootstrap_sommen(tabel: Kolommen, iteraties: int, seed: int, gemeente: str | None) -> FloatArray:
    """Per bootstraptrekking de sommen van voor, voor gecorrigeerd, team, team over de opnieuw getrokken casussen,
    uit de eigen generator van de groep."""
    return onzekerheid.bootstrap_sommen(
        _bootstrap_kolommen(tabel),
        iteraties,
        onzekerheid.generator(seed, gemeente),
    )


class BootstrapTotaal:
    """De bootstrap van het totaal, gestratificeerd naar gemeente: per trekking de som van de trekkingen van elke
    gemeente.

    De casussen zijn per gemeente verzameld, dus wordt er ook per gemeente opnieuw getrokken (zoals in de PSA). Een
    gemeente met 5 of meer casussen draagt haar eigen trekkingen bij (dezelfde als voor haar eigen interval, dus zonder
    extra rekenwerk); de casussen van alle kleinere gemeenten samen vormen één laag die als geheel opnieuw wordt
    getrokken (vanaf 5 casussen; daaronder tellen ze vast mee). Met één gemeente is het interval van het totaal dus
    precies dat van de gemeente.
    """

    def __init__(self, iteraties: int) -> None:
        self.sommen = np.zeros((iteraties, 4))
        self.klein: list[Kolommen] = []
        self.laag_van: dict[str, int] = {}  # gemeente -> haar laag; de kleine samen krijgen er één na de laatste

    def tel_op(self, gemeente: str, tabel: Kolommen, sommen: FloatArray | None) -> None:
        """Tel een gemeente op: haar bootstrapsommen, of (bij minder dan 5 casussen) onthoud haar casussen."""
        if sommen is None:
            self.klein.append(tabel)
            self.laag_van[gemeente] = -1
        else:
            self.sommen += sommen
            self.laag_van[gemeente] = len(self.laag_van)

    def lagen(self, gemeenten: npt.NDArray[np.object_]) -> npt.NDArray[np.int64]:
        """Per casus (met zijn gemeente in `gemeenten`) de laag van de bootstrap; -1 voor een casus die vast meetelt
        (de kleine gemeenten samen hebben minder dan 5 casussen)."""
        klein = len(self.laag_van) if sum(len(t) for t in self.klein) >= MIN_CASUSSEN_INTERVAL else -1
        nummers = {g: (klein if laag < 0 else laag) for g, laag in self.laag_van.items()}
        return np.array([nummers[str(g)] for g in gemeenten.tolist()], dtype=np.int64)

    def uitkomst(self, seed: int) -> FloatArray:
        """De sommen van het totaal, met de laag van de kleine gemeenten erbij."""
        if not self.klein:
            return self.sommen
        kolommen = [np.concatenate(k) for k in zip(*(_bootstrap_kolommen(t) for t in self.klein), strict=True)]
        kolommen[3] = kolommen[2]  # team tweemaal hetzelfde object: één keer optellen
        if len(kolommen[0]) >= MIN_CASUSSEN_INTERVAL:
            laag = onzekerheid.bootstrap_sommen(kolommen, len(self.sommen), onzekerheid.generator(seed, None))
            return self.sommen + laag
        vast: FloatArray = self.sommen + np.array([float(k.sum()) for k in kolommen])
        return vast


def _dag(datum: np.datetime64) -> str:
    return str(np.datetime_as_string(datum, unit="D"))


def _per_perspectief(tabel: Kolommen) -> dict[str, Perspectief]:
    uit = {}
    for naam in PERSPECTIEVEN:
        v = float(tabel[f"{naam}_kosten_voor_2015"].sum())
        t = float(tabel[f"{naam}_kosten_sociaal_team"].sum())
        uit[naam] = Perspectief(v, t, v - t, onzekerheid.pct(v, t))
    return uit


def _per_financier(regels: Kolommen) -> tuple[FinancierCijfers, ...]:
    financiers = regels["financier"]
    voor = regels["traject"] == "voor_2015"
    kosten = np.asarray(regels["kosten"], dtype=float)
    correctie = correctie_per_regel(regels) if len(regels) else np.zeros(0)
    uit = []
    for financier in FINANCIERS:  # vaste volgorde, alleen financiers die voorkomen
        deze = financiers == financier
        if not deze.any():
            continue
        v, t = float(kosten[deze & voor].sum()), float(kosten[deze & ~voor].sum())
        gecorrigeerd = v - t - float(correctie[deze].sum())
        rol = "bespaart" if gecorrigeerd > 0 else "investeert" if gecorrigeerd < 0 else "gelijk"
        uit.append(FinancierCijfers(financier, v, t, v - t, gecorrigeerd, rol))
    return tuple(uit)


def _doelen(tabel: Kolommen) -> tuple[DoelCijfers, ...]:
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
    casussen: Sequence[CasusBestand], tabel: pd.DataFrame, regels: pd.DataFrame | None = None
) -> dict[str, tuple[Waarschuwing, ...]]:
    """Per casus-id de waarschuwingen over doelen en tarieven; met de beprijsde `regels` ook over mogelijke
    dubbeltellingen."""
    rijen = cast("dict[str, dict[str, Any]]", tabel.set_index("id").to_dict("index"))
    dubbel: dict[str, list[dict[str, Any]]] = {}
    if regels is not None and len(regels):
        # alleen de casussen met een regel die mogelijk dubbel telt (meestal geen): hun regels als dicts
        betrokken = regels["casus"].isin(regels.loc[regels["inbegrepen_in"] != "", "casus"].unique())
        for regel in cast("list[dict[str, Any]]", regels[betrokken].to_dict("records")):
            dubbel.setdefault(regel["casus"], []).append(regel)
    uit = {}
    for cb in casussen:
        rij = dict(rijen[cb.casus.id])
        for traject in ("voor_2015", "sociaal_team"):
            rij[f"laag_betrouwbaar_{traject}"] = _none(rij[f"laag_betrouwbaar_{traject}"])
        gevonden = casus_waarschuwingen(cb, rij, dubbel.get(cb.casus.id, ()))
        if gevonden:
            uit[cb.casus.id] = gevonden
    return uit
