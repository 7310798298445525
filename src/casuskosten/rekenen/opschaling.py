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
from .waarden import BRONNEN, FinancierPerJaar, Opgeschaald, Representativiteit

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
    """N_h / N per zwaarte (volgorde `ZWAARTES`) als er gepoststratificeerd kan worden, anders None.

    Dat kan alleen met een verdeling, als elke casus een zwaarte heeft en elke zwaarte met huishoudens in de
    verdeling minstens één casus: anders valt er een deel van de caseload zonder casus weg, en dat zou stil een
    ander cijfer geven dan de gebruiker vroeg.
    """
    if instelling.verdeling is None:
        return None
    zwaartes = tabel["zwaarte"].tolist()
    if any(z not in ZWAARTES for z in zwaartes):
        return None
    aantallen = instelling.verdeling.aantallen()
    if any(n > 0 and z not in zwaartes for z, n in aantallen.items()):
        return None
    return np.array([aantallen[z] / instelling.casussen_per_jaar for z in ZWAARTES], dtype=float)


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
) -> Opgeschaald:
    """De opschaling van één gemeente: `tabel` en `regels` van haar casussen, `deel` uit `aandelen`, en de
    trekkingen van de (gewogen) gecorrigeerde besparing per casus per jaar: `theta` en per bron (None onder 3
    casussen: dan geen interval, kans of EVPI)."""
    n_jaar = instelling.casussen_per_jaar
    w = gewichten(tabel, deel)
    per_casus = float(w @ tabel["besparing_per_jaar"].to_numpy(float))
    per_casus_gec = float(w @ tabel["besparing_per_jaar_gecorrigeerd"].to_numpy(float))
    teamuren = float(w @ _teamuren_per_jaar(tabel, regels, formatie.teamuren_tarieven))
    benodigd = n_jaar * teamuren / formatie.productieve_uren_per_fte
    return Opgeschaald(
        casussen_per_jaar=n_jaar,
        weging="verdeling" if deel is not None else "geen",
        besparing_per_casus_per_jaar=per_casus,
        besparing_per_casus_per_jaar_gecorrigeerd=per_casus_gec,
        besparing_per_jaar=n_jaar * per_casus,
        besparing_per_jaar_gecorrigeerd=n_jaar * per_casus_gec,
        interval95=interval95(n_jaar * trekkingen["theta"]) if trekkingen is not None else None,
        kans_besparing=kans_positief(trekkingen["theta"]) if trekkingen is not None else None,
        evpi=n_jaar * evpi(trekkingen["theta"]) if trekkingen is not None else None,
        evppi={b: n_jaar * evpi(trekkingen[b]) for b in BRONNEN} if trekkingen is not None else None,
        per_financier_per_jaar=_per_financier(tabel, regels, w, n_jaar),
        representativiteit=representativiteit(tabel, instelling),
        teamuren_per_casus_per_jaar=teamuren,
        productieve_uren_per_fte=formatie.productieve_uren_per_fte,
        benodigde_fte=benodigd,
        fte=instelling.fte,
        fte_verschil=benodigd - instelling.fte if instelling.fte is not None else None,
        waarschuwingen=waarschuwingen(gemeente, tabel, instelling),
    )


def _jaarfactor(tabel: pd.DataFrame) -> pd.Series:
    return pd.Series(12.0 / tabel["horizon_maanden"].to_numpy(float), index=tabel["id"].to_numpy())


def _teamuren_per_jaar(tabel: pd.DataFrame, regels: pd.DataFrame, codes: Sequence[str]) -> FloatArray:
    """Per casus de uren van het team zelf per jaar: eenheden van de teamuren-codes in het sociaal-teamtraject,
    maal de kans, maal 12 / horizon."""
    team = regels[(regels["traject"] == "sociaal_team") & regels["tarief"].isin(list(codes))]
    uren = (team["aantal_totaal"] * team["kans"]).groupby(team["casus"]).sum()
    per_casus = uren.reindex(tabel["id"].to_numpy(), fill_value=0.0).astype(float)
    return (per_casus * _jaarfactor(tabel)).to_numpy(float)


def _per_financier(
    tabel: pd.DataFrame, regels: pd.DataFrame, w: FloatArray, n_jaar: int
) -> tuple[FinancierPerJaar, ...]:
    """Per financier: het gewogen gemiddelde van (voor − team) x 12 / horizon per casus, maal casussen_per_jaar.

    Zoals de financiertabel van de gemeente: alle regels, ook overdrachten (die drukken op een begroting), en zonder
    zekerheidscorrectie (die hoort bij de maatschappelijke vermeden kosten, niet bij één financier).
    """
    teken = np.where(regels["traject"].to_numpy() == "voor_2015", 1.0, -1.0)
    verschil = pd.Series(regels["kosten"].to_numpy(float) * teken, index=regels.index)
    per_paar = verschil.groupby([regels["casus"], regels["financier"]]).sum()
    gewicht = pd.Series(w, index=tabel["id"].to_numpy()) * _jaarfactor(tabel)
    uit = []
    aanwezig = set(regels["financier"].tolist())
    for financier in FINANCIERS:  # vaste volgorde, alleen financiers die voorkomen
        if financier not in aanwezig:
            continue
        per_casus = per_paar.xs(financier, level=1) if financier in per_paar.index.get_level_values(1) else None
        bedrag = 0.0 if per_casus is None else float((per_casus * gewicht.reindex(per_casus.index)).sum())
        bedrag *= n_jaar
        rol = "bespaart" if bedrag > 0 else "investeert" if bedrag < 0 else "gelijk"
        uit.append(FinancierPerJaar(financier, bedrag, rol))
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
