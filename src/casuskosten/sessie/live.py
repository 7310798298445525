"""Live herberekenen in de casussessie: formuliergegevens -> dezelfde lezer en controles als `controleer` -> dezelfde
beprijzing als `bereken`. Eén zuivere functie (`herbereken`), zonder webserver te testen en te meten."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..fouten import CasuskostenFout, Melding
from ..invoer.casussen import CasusBestand, lees_en_controleer_bytes
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
    totalen: dict[str, float] = field(default_factory=dict)
    besparing_per_jaar: float | None = None
    kans_goedkoper: float | None = None
    meldingen: dict[str, tuple[str, ...]] = field(default_factory=dict)
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
    for traject in TRAJECTEN:
        aantal = len(getattr(cb.casus.trajecten, traject).inzet)
        eigen = regels[regels["traject"] == traject]
        per_nr = {int(nr): float(prijs) for nr, prijs in zip(eigen["nr"], eigen["prijs"], strict=True)}
        prijzen[traject] = tuple(per_nr.get(i) for i in range(aantal))  # nr telt vanaf 0, als de inzet
    kans = cijfers.antwoord.kans_goedkoper
    return Uitkomst(
        regelprijzen=prijzen,
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
    meldingen = list(gelezen.meldingen)
    cb = gelezen.casus
    if cb is not None:
        meldingen.extend(vondst.melding() for vondst in controleer_privacy(cb))
    fouten = bool(gelezen.meldingen) or cb is None
    if cb is None or gelezen.meldingen:
        return Uitkomst(meldingen=_per_veld(meldingen), fouten=fouten)
    try:
        uitkomst = uit_resultaat(bereken_een(cb, tabel, instellingen), cb)
    except CasuskostenFout as fout:
        return Uitkomst(meldingen=_per_veld([*meldingen, *fout.meldingen]), fouten=True)
    return Uitkomst(
        regelprijzen=uitkomst.regelprijzen,
        totalen=uitkomst.totalen,
        besparing_per_jaar=uitkomst.besparing_per_jaar,
        kans_goedkoper=uitkomst.kans_goedkoper,
        meldingen=_per_veld(meldingen),
        fouten=False,
    )
