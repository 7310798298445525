"""Waarschuwingen: passen de oordelen over de doelen bij de beprijsde trajecten, en hoe sterk is het bewijs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..formaat import aandeel as _aandeel
from ..formaat import aantal as _aantal
from ..formaat import euro
from ..fouten import Waarschuwing
from ..invoer.casussen import CasusBestand, toelichting_waarschuwingen
from ..invoer.modellen import DOELEN, TRAJECTEN

DREMPEL_LAAG_BETROUWBAAR = 0.25
MIN_CASUSSEN_GEMEENTE = 10

_TRAJECT_NAMEN = {"voor_2015": "vóór 2015", "sociaal_team": "sociaal team"}


def casus_waarschuwingen(
    cb: CasusBestand, cijfers: dict[str, Any], regels: Sequence[Mapping[str, Any]] = ()
) -> tuple[Waarschuwing, ...]:
    """Consistentie van de doeloordelen, de kwaliteit van de tarieven en mogelijke dubbeltellingen voor één casus.

    `cijfers` is de rij van de casus in de casustabel (lijn-2-kosten en aandelen laag betrouwbaar); `regels` zijn
    de beprijsde regels van de casus (traject, nr, tarief, kosten, inbegrepen_in, tarief_bestand, tarief_regel),
    alleen nodig als een ervan `inbegrepen_in` heeft (zie `mogelijk_dubbel`).
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
    uit.extend(toelichting_waarschuwingen(cb))
    for traject in ("voor_2015", "sociaal_team"):
        aandeel = cijfers[f"laag_betrouwbaar_{traject}"]
        if aandeel is not None and aandeel > DREMPEL_LAAG_BETROUWBAAR:
            w(
                "veel_kosten_laag_betrouwbaar",
                f"{_pct(aandeel)} van de kosten van traject {_TRAJECT_NAMEN[traject]} rust op tarieven met "
                "betrouwbaarheid laag",
            )
    dubbel = mogelijk_dubbel(regels)
    if dubbel is not None:
        traject, nr, melding = dubbel
        # na het lezen bewaart het document alleen de regels van vrije tekst: de toelichting van de inzetregel, of
        # de beschrijving van het traject, anders alleen het bestand
        pad = ("trajecten", traject)
        regel = cb.document.regels.get((*pad, "inzet", nr, "toelichting")) or cb.document.regels.get(
            (*pad, "beschrijving")
        )
        plaats = f"{bestand}:{regel}" if regel else bestand
        uit.append(Waarschuwing("mogelijk_dubbel", f"{plaats}: {melding}", bestand, casus.id, casus.gemeente))
    return tuple(uit)


def mogelijk_dubbel(regels: Sequence[Mapping[str, Any]]) -> tuple[str, int, str] | None:
    """De melding over mogelijke dubbeltellingen in de beprijsde regels van één casus, of None als er geen zijn:
    (traject en nr van de eerste regel die mogelijk dubbel telt, de melding zonder plaats).

    Een regel telt mogelijk dubbel als in hetzelfde traject een code staat waarvan het tarief zijn kosten al bevat
    (kolom `overlapt_met`, in de beprijzing `inbegrepen_in`); wat op het spel staat zijn de kosten van al zijn
    regels in dat traject.
    """
    delen: list[str] = []
    totaal = 0.0
    eerste: tuple[str, int] | None = None
    for traject in TRAJECTEN:
        deze = [r for r in regels if r["traject"] == traject]
        # per code die mogelijk dubbel telt: de codes die hem al bevatten en zijn kosten in dit traject
        per_code: dict[str, tuple[str, float]] = {}
        for r in deze:
            if r["inbegrepen_in"]:
                door, bedrag = per_code.get(r["tarief"], (r["inbegrepen_in"], 0.0))
                per_code[r["tarief"]] = (door, bedrag + float(r["kosten"]))
                eerste = eerste or (traject, int(r["nr"]))
        # waar de tariefrij van elke code staat (de eerste regel van die code)
        waar = {str(r["tarief"]): f"{r['tarief_bestand']}:{r['tarief_regel']}" for r in reversed(deze)}
        for code, (door, bedrag) in per_code.items():
            bevattend = door.split(";")
            codes = " en ".join(bevattend)
            delen.append(
                f"traject {_TRAJECT_NAMEN[traject]} rekent {code} ({euro(bedrag)}) naast {codes}, waarvan het "
                f"tarief die kosten al bevat (overlapt_met in {', '.join(waar[b] for b in bevattend)})"
            )
            totaal += bedrag
    if eerste is None:
        return None
    return (*eerste, f"{'; '.join(delen)}; {euro(totaal)} telt mogelijk dubbel")


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
                f"{wie} heeft {_aantal(aantal, 'casus', 'casussen')} (minder dan "
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
