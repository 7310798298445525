"""Waarschuwingen: passen de oordelen over de doelen bij de beprijsde trajecten, en hoe sterk is het bewijs."""

from __future__ import annotations

from typing import Any

from ..formaat import aandeel as _aandeel
from ..formaat import euro
from ..fouten import Waarschuwing
from ..invoer.casussen import CasusBestand
from ..invoer.modellen import DOELEN

DREMPEL_LAAG_BETROUWBAAR = 0.25
MIN_CASUSSEN_GEMEENTE = 10

_TRAJECT_NAMEN = {"voor_2015": "vóór 2015", "sociaal_team": "sociaal team"}


def casus_waarschuwingen(cb: CasusBestand, cijfers: dict[str, Any]) -> tuple[Waarschuwing, ...]:
    """Consistentie van de doeloordelen en de kwaliteit van de tarieven voor één casus.

    `cijfers` is de rij van de casus in de casustabel (lijn-2-kosten en aandelen laag betrouwbaar).
    """
    casus, bestand = cb.casus, cb.bestand
    uit: list[Waarschuwing] = []

    def w(code: str, melding: str, doel: str | None = None) -> None:
        regel = cb.document.regel(("doelen", doel)) if doel else None
        plaats = f"{bestand}:{regel}" if regel else bestand
        uit.append(Waarschuwing(code, f"{plaats}: {melding}", bestand, casus.id, casus.gemeente, doel))

    lijn2_voor, lijn2_team = cijfers["lijn2_voor_2015"], cijfers["lijn2_sociaal_team"]
    zwaar = casus.doelen.oordeel("voorkomen_zwaardere_zorg")
    if zwaar == "ja" and not lijn2_team < lijn2_voor:
        w(
            "doel_zwaardere_zorg_ja_zonder_minder_lijn2",
            "voorkomen_zwaardere_zorg is 'ja', maar het sociaal team heeft niet minder lijn-2-kosten "
            f"(sociaal team {euro(lijn2_team)}, voor 2015 {euro(lijn2_voor)})",
            "voorkomen_zwaardere_zorg",
        )
    if zwaar == "nee" and lijn2_voor > 0 and lijn2_team == 0:
        w(
            "doel_zwaardere_zorg_nee_wel_minder_lijn2",
            "voorkomen_zwaardere_zorg is 'nee', maar voor 2015 had lijn-2-kosten en het sociaal team geen",
            "voorkomen_zwaardere_zorg",
        )
    if casus.doelen.oordeel("integrale_aanpak") == "ja" and len(set(casus.leefgebieden)) < 2:
        w(
            "doel_integraal_te_weinig_leefgebieden",
            f"integrale_aanpak is 'ja', maar de casus noemt {len(set(casus.leefgebieden))} leefgebied(en); "
            "een integrale aanpak vraagt er minstens twee",
            "integrale_aanpak",
        )
    for doel in DOELEN:
        oordeel = getattr(casus.doelen, doel)
        if oordeel.oordeel == "ja" and not oordeel.toelichting:
            w("doel_ja_zonder_toelichting", f"{doel} is 'ja' zonder toelichting; schrijf waarom", doel)
    for traject in ("voor_2015", "sociaal_team"):
        aandeel = cijfers[f"laag_betrouwbaar_{traject}"]
        if aandeel is not None and aandeel > DREMPEL_LAAG_BETROUWBAAR:
            w(
                "veel_kosten_laag_betrouwbaar",
                f"{_pct(aandeel)} van de kosten van traject {_TRAJECT_NAMEN[traject]} rust op tarieven met "
                "betrouwbaarheid laag",
            )
    return tuple(uit)


def groep_waarschuwingen(
    gemeente: str | None,
    aantal: int,
    ci_ontbreekt: bool,
    dominant: str | None,
    laag: dict[str, float | None],
    *,
    horizonnen: tuple[int, ...] = (),
) -> tuple[Waarschuwing, ...]:
    """Waarschuwingen over een gemeente (of het totaal, `gemeente` None)."""
    wie = f"gemeente {gemeente}" if gemeente else "het totaal"
    uit: list[Waarschuwing] = []
    if gemeente is not None and aantal < MIN_CASUSSEN_GEMEENTE:
        uit.append(
            Waarschuwing(
                "weinig_casussen",
                f"{wie} heeft {aantal} {'casus' if aantal == 1 else 'casussen'} (minder dan "
                f"{MIN_CASUSSEN_GEMEENTE}); de cijfers zijn alleen indicatief",
                gemeente=gemeente,
            )
        )
    if ci_ontbreekt:
        uit.append(
            Waarschuwing(
                "geen_interval",
                f"{wie}: te weinig casussen (minder dan 5) voor een betrouwbaarheidsinterval",
                gemeente=gemeente,
            )
        )
    if dominant is not None:
        uit.append(
            Waarschuwing(
                "dominante_casus",
                f"{wie}: casus {dominant} draagt meer dan de helft van de totale besparing",
                casus=dominant,
                gemeente=gemeente,
            )
        )
    if gemeente is not None and len(horizonnen) > 1:
        uit.append(
            Waarschuwing(
                "horizon_gemengd",
                f"{wie}: de casussen hebben verschillende horizonnen ({', '.join(str(h) for h in horizonnen)} "
                "maanden); vergelijk de besparing per casus per jaar, niet de sommen",
                gemeente=gemeente,
            )
        )
    for traject, aandeel in laag.items():
        if aandeel is not None and aandeel > DREMPEL_LAAG_BETROUWBAAR:
            uit.append(
                Waarschuwing(
                    "veel_kosten_laag_betrouwbaar",
                    f"{wie}: {_pct(aandeel)} van de kosten van traject {_TRAJECT_NAMEN[traject]} rust "
                    "op tarieven met betrouwbaarheid laag",
                    gemeente=gemeente,
                )
            )
    return tuple(uit)


def _pct(waarde: float) -> str:
    return _aandeel(waarde)
