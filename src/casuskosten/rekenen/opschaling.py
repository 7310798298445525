"""Van casussen naar de begroting: opschalen naar de caseload van een gemeente, representativiteit en formatie.

Het idee volgt de MKBA-tool sociale wijkteams (LPBL): bereik x effect. Het effect is de besparing per casus per jaar;
het bereik is `casussen_per_jaar` uit `[opschaling]`. Met een `verdeling` per zwaarte wordt het gemiddelde
gepoststratificeerd: som over zwaartes h van N_h / N x het gemiddelde in h (een verhouding van gemiddelden per
stratum), zodat een steekproef met te veel complexe casussen de opschaling niet opblaast. De formatie volgt de vraag
uit de BUCH-evaluatie (Nautus): teamuren per casus x aantal casussen / productieve uren per fte.

Hier wordt alleen gewogen en opgeteld; de trekkingen komen uit `psa`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from .. import formaat
from ..fouten import InstellingenFout, Melding, Waarschuwing, bedoelde_u, opsomming
from ..invoer.instellingen import Formatie, Instellingen
from ..invoer.instellingen import Opschaling as OpschalingInstelling
from ..invoer.modellen import ZWAARTES
from ..invoer.namen import sleutel
from ..invoer.tarieven import FINANCIERS, Tarieftabel
from .antwoord import evpi, interval95, kans_positief
from .perspectieven import correctie_per_regel
from .waarden import BRONNEN, FinancierPerJaar, Jaarbedrag, Opgeschaald, Representativiteit

FloatArray = npt.NDArray[np.float64]

#: hoeveel procentpunt het aandeel casussen van een zwaarte van haar aandeel in de caseload mag afwijken
DREMPEL_REPRESENTATIEF = 15.0


#: de eenheid van een teamuren-code: uren van het team zelf
EENHEID_UUR = "uur"


def controleer_formatie(instellingen: Instellingen, tarieven: Tarieftabel) -> None:
    """Elke code in `formatie.teamuren_tarieven` bestaat in de tarieftabellen en telt uren; anders een
    `InstellingenFout` met de regel in casuskosten.toml. Alleen nodig als er iets op te schalen is."""
    if not instellingen.opschaling:
        return
    bestand, regel = instellingen.regel_van("formatie", "teamuren_tarieven")
    veld = "formatie.teamuren_tarieven"
    uurcodes = sorted({r.code for r in tarieven.regels if r.eenheid == EENHEID_UUR})
    # zonder [formatie] in het bestand geldt de standaardwaarde; zeg dan waar die te wijzigen is
    standaard = "" if regel is not None else " (standaardwaarde; zet teamuren_tarieven onder [formatie])"
    meldingen = []
    for code in instellingen.formatie.teamuren_tarieven:
        rijen = [r for r in tarieven.regels if r.code == code]
        if not rijen:
            meldingen.append(
                Melding(
                    bestand,
                    regel,
                    veld,
                    f"tariefcode '{code}' staat niet in de tarieftabellen{bedoelde_u(code, uurcodes)}; kies codes met "
                    f"eenheid {EENHEID_UUR}, zoals {opsomming(uurcodes, 8) or '(geen)'}{standaard}",
                )
            )
            continue
        for rij in rijen:
            if rij.eenheid != EENHEID_UUR:
                meldingen.append(
                    Melding(
                        bestand,
                        regel,
                        veld,
                        f"tariefcode '{code}' heeft eenheid '{rij.eenheid}' ({rij.bestand}:{rij.regel}), geen "
                        f"{EENHEID_UUR}; teamuren_tarieven telt uren van het team zelf: kies codes met eenheid "
                        f"{EENHEID_UUR}",
                    )
                )
                break
    if meldingen:
        raise InstellingenFout(meldingen)


def onbekende_gemeenten(instellingen: Instellingen, gemeenten: Sequence[str]) -> tuple[Waarschuwing, ...]:
    """Een waarschuwing voor elke gemeente in [opschaling] zonder casussen: daar wordt niets opgeschaald."""
    bekend = {sleutel(g) for g in gemeenten}
    uit = []
    for naam in instellingen.opschaling:
        if sleutel(naam) in bekend:
            continue
        bestand, regel = instellingen.regel_van("opschaling", naam)
        plaats = f"{bestand}:{regel}: " if bestand and regel else f"{bestand}: " if bestand else ""
        uit.append(
            Waarschuwing(
                "opschaling_onbekende_gemeente",
                f"{plaats}[opschaling] noemt gemeente '{naam}', maar daarvan zijn geen casussen"
                f"{bedoelde_u(naam, gemeenten)}; bekend: {opsomming(sorted(gemeenten), 12) or '(geen)'}. "
                "Voor deze gemeente wordt niets opgeschaald",
                bestand=bestand,
                gemeente=naam,
            )
        )
    return tuple(uit)


def aandelen(tabel: pd.DataFrame, instelling: OpschalingInstelling) -> FloatArray | None:
    """Per zwaarte (volgorde `ZWAARTES`) N_h / N_gedekt voor de gedekte zwaartes (met huishoudens en minstens één
    casus) en 0 voor de andere, als er gepoststratificeerd kan worden; anders None (gewoon gemiddelde).

    Dat kan alleen met een verdeling en als elke casus een zwaarte heeft. Een zwaarte zonder casus telt niet mee: over
    huishoudens die geen casus beschrijft, zegt het gemiddelde niets (zie `gedekt_aandeel` en het scenariobereik).
    """
    if instelling.verdeling is None:
        return None
    zwaartes = tabel["zwaarte"].tolist()
    if any(z not in ZWAARTES for z in zwaartes):
        return None
    aantallen = instelling.verdeling.aantallen()
    gedekt = {z: n for z, n in aantallen.items() if n > 0 and z in zwaartes}
    totaal = sum(gedekt.values())
    if not totaal:
        return None
    return np.array([gedekt.get(z, 0) / totaal for z in ZWAARTES], dtype=float)


def gedekte_huishoudens(tabel: pd.DataFrame, instelling: OpschalingInstelling) -> int | None:
    """Het aantal nieuwe huishoudens per jaar in zwaartes met minstens één casus; None zonder verdeling."""
    if instelling.verdeling is None or aandelen(tabel, instelling) is None:
        return None
    zwaartes = set(tabel["zwaarte"].tolist())
    return sum(n for z, n in instelling.verdeling.aantallen().items() if z in zwaartes)


def gewichten(tabel: pd.DataFrame, deel: FloatArray | None) -> FloatArray:
    """Per casus het gewicht in het gemiddelde: 1 / n, of gepoststratificeerd (N_h / N) / n_h; samen 1."""
    n = len(tabel)
    if deel is None:
        return np.full(n, 1.0 / n) if n else np.zeros(0)
    zwaartes = tabel["zwaarte"].tolist()
    tel = {z: zwaartes.count(z) for z in ZWAARTES}
    return np.array([deel[ZWAARTES.index(z)] / tel[z] for z in zwaartes], dtype=float)


def schaal_op(  # noqa: PLR0917 - de invoer van één gemeente, elk een eigen soort; aangeroepen op één plek
    gemeente: str,
    tabel: pd.DataFrame,
    regels: pd.DataFrame,
    instelling: OpschalingInstelling,
    formatie: Formatie,
    deel: FloatArray | None,
    trekkingen: Mapping[str, FloatArray] | None,
    financiers: Mapping[str, FloatArray] | None = None,
) -> Opgeschaald:
    """De opschaling van één gemeente: `tabel` en `regels` van haar casussen, `deel` uit `aandelen`, en de
    trekkingen van de (gewogen) gecorrigeerde besparing per huishouden per jaar: `theta` en per bron (None onder 3
    casussen: dan geen interval, kans of EVPI), en dezelfde per financier (`financiers`, uit dezelfde trekkingen)."""
    n_jaar = instelling.casussen_per_jaar
    gedekt = gedekte_huishoudens(tabel, instelling) if deel is not None else None
    n_gedekt = gedekt if gedekt is not None else n_jaar
    w = gewichten(tabel, deel)
    per_casus = float(w @ tabel["besparing_per_jaar"].to_numpy(float))
    per_casus_gec = float(w @ tabel["besparing_per_jaar_gecorrigeerd"].to_numpy(float))
    teamuren = float(w @ _teamuren_per_jaar(tabel, regels, formatie.teamuren_tarieven))
    teamkosten = float(w @ _teamkosten_per_jaar(tabel, regels, formatie.teamuren_tarieven))
    benodigd = n_jaar * teamuren / formatie.productieve_uren_per_fte
    formatiekosten = (
        instelling.fte * formatie.kosten_per_fte / n_jaar
        if instelling.fte is not None and formatie.kosten_per_fte is not None
        else None
    )
    buiten = max(0.0, formatiekosten - teamkosten) if formatiekosten is not None else None
    theta = trekkingen["theta"] if trekkingen is not None else None
    capaciteit = (
        instelling.fte * formatie.productieve_uren_per_fte / teamuren
        if instelling.fte is not None and teamuren > 0
        else None
    )
    return Opgeschaald(
        casussen_per_jaar=n_jaar,
        weging="verdeling" if deel is not None else "geen",
        gedekt_aandeel=gedekt / n_jaar if gedekt is not None else None,
        besparing_per_casus_per_jaar=per_casus,
        besparing_per_casus_per_jaar_gecorrigeerd=per_casus_gec,
        besparing_per_jaar_gedekt=_jaarbedrag(n_gedekt, per_casus_gec, theta),
        besparing_per_jaar_bereik=_bereik(tabel, deel, n_jaar, n_gedekt, per_casus_gec) if deel is not None else None,
        teamkosten_per_huishouden_casussen=teamkosten,
        teamkosten_per_huishouden_formatie=formatiekosten,
        teamkosten_buiten_casussen=buiten,
        besparing_per_jaar_met_teamkosten=(
            _jaarbedrag(n_gedekt, per_casus_gec - buiten, theta - buiten if theta is not None else None)
            if buiten is not None
            else None
        ),
        evpi=n_gedekt * evpi(theta) if theta is not None else None,
        evppi={b: n_gedekt * evpi(trekkingen[b]) for b in BRONNEN} if trekkingen is not None else None,
        per_financier_per_jaar=_per_financier(tabel, regels, w, n_gedekt, financiers),
        representativiteit=representativiteit(tabel, instelling),
        teamuren_per_casus_per_jaar=teamuren,
        productieve_uren_per_fte=formatie.productieve_uren_per_fte,
        benodigde_fte=benodigd,
        fte=instelling.fte,
        fte_verschil=benodigd - instelling.fte if instelling.fte is not None else None,
        capaciteit_huishoudens_per_jaar=capaciteit,
        waarschuwingen=(
            *waarschuwingen(gemeente, tabel, instelling),
            *_formatiewaarschuwingen(gemeente, n_jaar, teamuren, capaciteit, instelling, formatie),
        ),
    )


def _jaarbedrag(aantal: int, per_huishouden: float, theta: FloatArray | None) -> Jaarbedrag:
    return Jaarbedrag(
        besparing_per_jaar=aantal * per_huishouden,
        interval95=interval95(aantal * theta) if theta is not None else None,
        kans_besparing=kans_positief(theta) if theta is not None else None,
    )


def _bereik(
    tabel: pd.DataFrame, deel: FloatArray, n_jaar: int, n_gedekt: int, per_casus_gec: float
) -> tuple[float, float]:
    """Het scenariobereik voor de hele caseload: de gedekte huishoudens met hun schatting, de ongedekte tussen de
    laagste en de hoogste gemiddelde besparing van een gedekte zwaarte."""
    zwaartes = tabel["zwaarte"].to_numpy()
    y = tabel["besparing_per_jaar_gecorrigeerd"].to_numpy(float)
    gemiddelden = [float(y[zwaartes == z].mean()) for i, z in enumerate(ZWAARTES) if deel[i] > 0]
    gedekt = n_gedekt * per_casus_gec
    ongedekt = n_jaar - n_gedekt
    return gedekt + ongedekt * min(gemiddelden), gedekt + ongedekt * max(gemiddelden)


#: onder dit deel van de formatie-uren vallen de teamuren in de casussen op
DREMPEL_TEAMUREN = 0.75


def _formatiewaarschuwingen(  # noqa: PLR0917 - de cijfers van één gemeente; aangeroepen op één plek
    gemeente: str,
    n_jaar: int,
    teamuren: float,
    capaciteit: float | None,
    instelling: OpschalingInstelling,
    formatie: Formatie,
) -> tuple[Waarschuwing, ...]:
    """teamuren_onder_formatie en capaciteit_te_klein."""
    uit: list[Waarschuwing] = []
    if instelling.fte is None:
        return ()
    formatie_uren = instelling.fte * formatie.productieve_uren_per_fte
    if teamuren * n_jaar < DREMPEL_TEAMUREN * formatie_uren:
        uit.append(
            Waarschuwing(
                "teamuren_onder_formatie",
                f"{gemeente}: de casussen noemen {formaat.getal(teamuren, 1)} teamuren per huishouden per jaar, "
                f"samen {formaat.getal(teamuren * n_jaar, 0)} uur voor {formaat.getal(n_jaar, 0)} huishoudens; de "
                f"formatie heeft {formaat.getal(formatie_uren, 0)} productieve uren. Minder dan "
                f"{formaat.getal(DREMPEL_TEAMUREN * 100, 0)}% daarvan staat in de casussen: de rest (scholing, "
                "overleg, outreach, reistijd) kost ook geld"
                + (
                    "; dat is als teamkosten buiten de casussen van de besparing afgetrokken"
                    if formatie.kosten_per_fte is not None
                    else "; geef [formatie] kosten_per_fte om het mee te tellen"
                ),
                gemeente=gemeente,
            )
        )
    if capaciteit is not None and n_jaar > capaciteit:
        uit.append(
            Waarschuwing(
                "capaciteit_te_klein",
                f"{gemeente}: met {formaat.getal(instelling.fte, 1)} fte en {formaat.getal(teamuren, 1)} teamuren per "
                f"huishouden kunnen de teams zo'n {formaat.getal(capaciteit, 0)} nieuwe huishoudens per jaar helpen, "
                f"minder dan de {formaat.getal(n_jaar, 0)} van casussen_per_jaar: reken op een wachtlijst",
                gemeente=gemeente,
            )
        )
    return tuple(uit)


def _jaarfactor(tabel: pd.DataFrame) -> pd.Series:
    return pd.Series(12.0 / tabel["horizon_maanden"].to_numpy(float), index=tabel["id"].to_numpy())


def _teamuren_per_jaar(tabel: pd.DataFrame, regels: pd.DataFrame, codes: Sequence[str]) -> FloatArray:
    """Per casus de uren van het team zelf per jaar: eenheden van de teamuren-codes in het sociaal-teamtraject,
    maal de kans, maal 12 / horizon."""
    team = regels[(regels["traject"] == "sociaal_team") & regels["tarief"].isin(list(codes))]
    uren = (team["aantal_totaal"] * team["kans"]).groupby(team["casus"]).sum()
    per_casus = uren.reindex(tabel["id"].to_numpy(), fill_value=0.0).astype(float)
    return (per_casus * _jaarfactor(tabel)).to_numpy(float)


def _teamkosten_per_jaar(tabel: pd.DataFrame, regels: pd.DataFrame, codes: Sequence[str]) -> FloatArray:
    """Per casus de kosten van de uren van het team zelf per jaar (de teamuren-codes in het sociaal-teamtraject)."""
    team = regels[(regels["traject"] == "sociaal_team") & regels["tarief"].isin(list(codes))]
    kosten = team["kosten"].groupby(team["casus"]).sum()
    per_casus = kosten.reindex(tabel["id"].to_numpy(), fill_value=0.0).astype(float)
    return (per_casus * _jaarfactor(tabel)).to_numpy(float)


def _per_financier(
    tabel: pd.DataFrame,
    regels: pd.DataFrame,
    w: FloatArray,
    n_jaar: int,
    trekkingen: Mapping[str, FloatArray] | None,
) -> tuple[FinancierPerJaar, ...]:
    """Per financier: het gewogen gemiddelde van (voor − team) x 12 / horizon per casus, maal het aantal (gedekte)
    huishoudens, zonder en met correctie, en het 95%-interval van dat laatste uit `trekkingen` (per financier, uit
    dezelfde simulatie als de besparing van de gemeente; None onder 3 casussen).

    Zoals de financiertabel van de gemeente: alle regels, ook overdrachten (die drukken op een begroting); de
    zekerheidscorrectie gaat per tariefcode naar de financier van de vermeden kosten (`correctie_per_regel`).
    """
    teken = np.where(regels["traject"].to_numpy() == "voor_2015", 1.0, -1.0)
    verschil = pd.Series(regels["kosten"].to_numpy(float) * teken, index=regels.index)
    gecorrigeerd = verschil - pd.Series(correctie_per_regel(regels), index=regels.index)
    gewicht = pd.Series(w, index=tabel["id"].to_numpy()) * _jaarfactor(tabel)
    uit = []
    aanwezig = set(regels["financier"].tolist())

    def per_jaar(bedragen: pd.Series, financier: str) -> float:
        deze = bedragen[regels["financier"] == financier]
        per_casus = deze.groupby(regels["casus"][deze.index]).sum()
        return float((per_casus * gewicht.reindex(per_casus.index)).sum()) * n_jaar

    for financier in FINANCIERS:  # vaste volgorde, alleen financiers die voorkomen
        if financier not in aanwezig:
            continue
        zonder, met = per_jaar(verschil, financier), per_jaar(gecorrigeerd, financier)
        rol = "bespaart" if met > 0 else "investeert" if met < 0 else "gelijk"
        theta = trekkingen.get(financier) if trekkingen is not None else None
        interval = interval95(n_jaar * theta) if theta is not None else None
        uit.append(FinancierPerJaar(financier, zonder, met, interval, rol))
    return tuple(uit)


def representativiteit(tabel: pd.DataFrame, instelling: OpschalingInstelling) -> tuple[Representativiteit, ...]:
    """Per zwaarte het aantal en aandeel casussen naast het aandeel in de caseload; 'onbekend' voor casussen
    zonder zwaarte."""
    n = len(tabel)
    zwaartes = tabel["zwaarte"].tolist()
    aantallen = instelling.verdeling.aantallen() if instelling.verdeling is not None else None
    uit = [
        Representativiteit(
            z,
            zwaartes.count(z),
            zwaartes.count(z) / n if n else 0.0,
            aantallen[z] / instelling.casussen_per_jaar if aantallen is not None else None,
        )
        for z in ZWAARTES
    ]
    zonder = sum(1 for z in zwaartes if z not in ZWAARTES)
    if zonder:
        uit.append(Representativiteit("onbekend", zonder, zonder / n, None))
    return tuple(uit)


def waarschuwingen(gemeente: str, tabel: pd.DataFrame, instelling: OpschalingInstelling) -> tuple[Waarschuwing, ...]:
    """niet_representatief, zwaarte_ontbreekt en casussen_gekozen voor de opschaling van één gemeente."""
    uit: list[Waarschuwing] = []
    n = len(tabel)
    if instelling.verdeling is not None:
        redenen = []
        for r in representativiteit(tabel, instelling):
            if r.aandeel_caseload is None:
                continue
            if r.casussen == 0 and r.aandeel_caseload > 0:
                redenen.append(
                    f"geen casus met zwaarte {r.zwaarte} ({formaat.aandeel(r.aandeel_caseload)} van de caseload)"
                )
            elif abs(r.aandeel_casussen - r.aandeel_caseload) * 100 > DREMPEL_REPRESENTATIEF + 1e-9:
                redenen.append(
                    f"{r.zwaarte} {formaat.aandeel(r.aandeel_casussen)} van de casussen tegen "
                    f"{formaat.aandeel(r.aandeel_caseload)} van de caseload"
                )
        if redenen:
            uit.append(
                Waarschuwing(
                    "niet_representatief",
                    f"{gemeente}: de casussen lijken niet op de caseload ({'; '.join(redenen)}); een verschil van meer "
                    f"dan {formaat.getal(DREMPEL_REPRESENTATIEF, 0)} procentpunt of een zwaarte zonder casus maakt "
                    "de opschaling onzeker",
                    gemeente=gemeente,
                )
            )
        zonder = sum(1 for z in tabel["zwaarte"].tolist() if z not in ZWAARTES)
        if zonder:
            uit.append(
                Waarschuwing(
                    "zwaarte_ontbreekt",
                    f"{gemeente}: {zonder} van de {n} casussen hebben geen zwaarte; daarom is niet gewogen naar de "
                    "verdeling (weging geen). Geef elke casus zwaarte: enkelvoudig, meervoudig of complex",
                    gemeente=gemeente,
                )
            )
    aselect = sum(1 for s in tabel["selectie"].tolist() if s == "aselect")
    if aselect < n:
        uit.append(
            Waarschuwing(
                "casussen_gekozen",
                f"{gemeente}: {n - aselect} van de {n} casussen zijn niet aselect getrokken (selectie: aselect "
                "ontbreekt); de opschaling neemt aan dat ze typisch zijn voor alle huishoudens die de teams helpen",
                gemeente=gemeente,
            )
        )
    return tuple(uit)


__all__: Sequence[str] = (
    "DREMPEL_REPRESENTATIEF",
    "FinancierPerJaar",
    "Opgeschaald",
    "Representativiteit",
    "aandelen",
    "controleer_formatie",
    "gewichten",
    "onbekende_gemeenten",
    "representativiteit",
    "schaal_op",
    "waarschuwingen",
)
