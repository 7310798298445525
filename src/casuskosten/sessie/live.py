"""Live herberekenen in de casussessie: formuliergegevens -> dezelfde lezer en controles als `controleer` -> dezelfde
beprijzing als `bereken`. Eén zuivere functie (`herbereken`), zonder webserver te testen en te meten."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..fouten import CasuskostenFout, Melding
from ..invoer.casussen import KANS_ZONDER_TOELICHTING, CasusBestand, kans_zonder_toelichting, lees_en_controleer_bytes
from ..invoer.instellingen import Instellingen
from ..invoer.modellen import TRAJECTEN
from ..invoer.privacy import controleer_privacy
from ..invoer.schrijven import casus_yaml
from ..invoer.tarieven import Tarieftabel
from ..pijplijn import bereken_casussen
from ..rekenen.resultaat import Resultaat

#: het veld van de melding dat een casus een concept is (geen fout in de invoer zelf)
CONCEPT = "concept"


@dataclass(frozen=True, slots=True)
class Uitkomst:
    """Wat de pagina na een wijziging toont.

    - `regelprijzen`: per traject de prijs van elke inzetregel (None als de casus nog niet te beprijzen is);
    - `totalen`: per traject de kosten; `besparing_per_jaar` en `kans_goedkoper`: het antwoord voor dit huishouden;
    - `meldingen`: per formulierveld (`trajecten.voor_2015.inzet.2.kans`, "" voor de casus als geheel) de meldingen
      van de lezer, `controleer_casus` en de privacycontrole; `fouten`: of er een echte fout bij zit (dan alleen
      als concept op te slaan).
    """

    regelprijzen: dict[str, tuple[float | None, ...]] = field(default_factory=dict)
    #: per traject per inzetregel (vanaf_maand, aantal maanden) voor de tijdlijn
    regelmaanden: dict[str, tuple[tuple[float, float] | None, ...]] = field(default_factory=dict)
    totalen: dict[str, float] = field(default_factory=dict)
    besparing_per_jaar: float | None = None
    kans_goedkoper: float | None = None
    meldingen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: de waarschuwingen van `controleer` (privacy, doelen, betrouwbaarheid) per formulierveld
    waarschuwingen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fouten: bool = False


def formulierveld(veld: str | None) -> str:
    """Het formulierveld bij het veld van een melding: `trajecten.voor_2015.inzet[2].kans` ->
    `trajecten.voor_2015.inzet.2.kans`; de doelen in de korte vorm (`doelen.zelfredzaamheid`) horen bij het oordeel."""
    if not veld:
        return ""
    naam = re.sub(r"\[(\d+)\]", r".\1", veld)
    if re.fullmatch(r"doelen\.[a-z_]+", naam):
        naam += ".oordeel"
    return naam


def _per_veld(meldingen: list[Melding]) -> dict[str, tuple[str, ...]]:
    uit: dict[str, list[str]] = {}
    for melding in meldingen:
        uit.setdefault(formulierveld(melding.veld), []).append(melding.tekst)
    return {veld: tuple(teksten) for veld, teksten in uit.items()}


def bereken_een(cb: CasusBestand, tabel: Tarieftabel, instellingen: Instellingen) -> Resultaat:
    """Eén casus beprijzen zoals `bereken` dat doet (met één werker: de sessie rekent één casus tegelijk)."""
    return bereken_casussen([cb], tabel, instellingen, werkers=1)


def uit_resultaat(resultaat: Resultaat, cb: CasusBestand) -> Uitkomst:
    """De cijfers van casus `cb` uit een `Resultaat` van `bereken`."""
    cijfers = resultaat.casus(cb.casus.id)
    regels = resultaat.regels
    prijzen: dict[str, tuple[float | None, ...]] = {}
    maanden: dict[str, tuple[tuple[float, float] | None, ...]] = {}
    for traject in TRAJECTEN:
        aantal = len(getattr(cb.casus.trajecten, traject).inzet)
        eigen = regels[regels["traject"] == traject]
        per_nr = {int(nr): float(prijs) for nr, prijs in zip(eigen["nr"], eigen["kosten"], strict=True)}
        tijd = {
            int(nr): (float(v), float(d))
            for nr, v, d in zip(eigen["nr"], eigen["vanaf_maand"], eigen["duur_maanden"], strict=True)
        }
        prijzen[traject] = tuple(per_nr.get(i) for i in range(aantal))  # nr telt vanaf 0, als de inzet
        maanden[traject] = tuple(tijd.get(i) for i in range(aantal))
    waarschuwingen: dict[str, list[str]] = {}
    for m in kans_zonder_toelichting(cb):  # bij het veld zelf; dezelfde tekst als in `controleer`
        waarschuwingen.setdefault(formulierveld(m.veld), []).append(m.tekst)
    for w in resultaat.casus_waarschuwingen.get(cb.casus.id, ()):
        if w.code == KANS_ZONDER_TOELICHTING:
            continue
        veld = f"doelen.{w.doel}.oordeel" if w.doel else ""
        waarschuwingen.setdefault(veld, []).append(w.melding.split(": ", 1)[-1] if w.bestand else w.melding)
    kans = cijfers.antwoord.kans_goedkoper
    return Uitkomst(
        regelprijzen=prijzen,
        regelmaanden=maanden,
        waarschuwingen={k: tuple(v) for k, v in waarschuwingen.items()},
        totalen={"voor_2015": cijfers.kosten_voor_2015, "sociaal_team": cijfers.kosten_sociaal_team},
        besparing_per_jaar=cijfers.antwoord.schatting,
        kans_goedkoper=None if kans is None or math.isnan(kans) else kans,
    )


def herbereken(
    formulier_gegevens: Mapping[str, Any],
    tabel: Tarieftabel,
    instellingen: Instellingen,
    *,
    bestand: str = "casus.yaml",
) -> Uitkomst:
    """De casus zoals het formulier hem nu beschrijft (als dict, zie `formulier.naar_gegevens`), gelezen met de
    lezer van elk casusbestand en beprijsd met `bereken`: dezelfde meldingen en dezelfde cijfers als na opslaan.

    Een concept wordt gerekend alsof hij af is (de meldingen van de casus zelf blijven staan)."""
    gegevens = {k: v for k, v in formulier_gegevens.items() if k != CONCEPT}
    gelezen = lees_en_controleer_bytes(casus_yaml(gegevens).encode("utf-8"), bestand, tabel)
    cb = gelezen.casus
    meldingen = list(gelezen.meldingen)
    privacy = _per_veld([vondst.melding() for vondst in controleer_privacy(cb)]) if cb is not None else {}
    if cb is None or gelezen.meldingen:
        # een fout van de lezer of tegen de tarieven (onbekende code): geen cijfers, want die zouden stil te laag zijn
        return Uitkomst(meldingen=_per_veld(meldingen), waarschuwingen=privacy, fouten=True)
    try:
        uitkomst = uit_resultaat(bereken_een(cb, tabel, instellingen), cb)
    except CasuskostenFout as fout:
        return Uitkomst(meldingen=_per_veld([*meldingen, *fout.meldingen]), waarschuwingen=privacy, fouten=True)
    samen = dict(uitkomst.waarschuwingen)
    for veld, teksten in privacy.items():
        samen[veld] = (*teksten, *samen.get(veld, ()))
    return dataclasses.replace(uitkomst, meldingen=_per_veld(meldingen), waarschuwingen=samen, fouten=bool(meldingen))
