"""Beide trajecten van elke casus beprijzen: één tabel met alle beprijsde regels.

kosten van een regel = aantal x aantal_keer x kans x prijs (geïndexeerd naar het prijspeil),
contant gemaakt per jaar waarin de kosten vallen.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..fouten import InvoerFout, Melding
from ..invoer.casussen import CasusBestand
from ..invoer.modellen import TRAJECTEN
from ..invoer.tarieven import Tariefregel, Tarieftabel
from ..invoer.tijd import tijdvak

FloatArray = npt.NDArray[np.float64]

REGEL_KOLOMMEN = (
    "casus",
    "gemeente",
    "traject",
    "nr",
    "tarief",
    "omschrijving",
    "eenheid",
    "aantal",
    "per",
    "vanaf_maand",
    "duur_maanden",
    "aantal_keer",
    "aantal_totaal",
    "kans",
    "tarief_jaar",
    "tarief_prijs",
    "prijs",
    "financier",
    "lijn",
    "betrouwbaarheid",
    "bron",
    "tarief_bestand",
    "tarief_regel",
    "zekerheid",
    "soort",
    # de codes in hetzelfde traject waarvan het tarief de kosten van deze regel al bevat (overlapt_met), met ';'
    # gescheiden; leeg als er geen is. Alleen voor de waarschuwing mogelijk_dubbel en de gevoeligheid
    "inbegrepen_in",
)


_GETALLEN = frozenset({"aantal", "duur_maanden", "aantal_keer", "aantal_totaal", "kans", "tarief_prijs", "prijs"})
_GEHELE_GETALLEN = frozenset({"nr", "vanaf_maand", "tarief_jaar", "lijn", "tarief_regel"})


def disconto_factor(start: FloatArray, duur: FloatArray, voet: float) -> FloatArray:
    """Contante-waardefactor per regel.

    De kosten worden gelijk gespreid over [start, start + duur) in maanden (een eenmalige inzet, duur 0, valt in
    zijn startmaand); het deel in jaar k (maanden 12k .. 12k+12) wordt gedeeld door (1 + voet)^k.
    """
    start = np.asarray(start, dtype=float)
    duur = np.asarray(duur, dtype=float)
    if voet == 0 or start.size == 0:
        return np.ones_like(start)
    eind = start + duur
    eenmalig = duur <= 0
    noemer = np.where(eenmalig, 1.0, duur)
    factor = np.zeros_like(start)
    jaren = int(np.ceil(float(eind.max()) / 12)) + 1
    for k in range(jaren):  # hooguit 11 jaar (horizon <= 120 maanden); gevectoriseerd over alle regels
        onder, boven = 12.0 * k, 12.0 * (k + 1)
        overlap = np.clip(np.minimum(eind, boven) - np.maximum(start, onder), 0.0, None)
        deel = np.where(eenmalig, (np.floor(start / 12) == k).astype(float), overlap / noemer)
        factor += deel / (1.0 + voet) ** k
    return factor


def inbegrepen_in(tarieven: Sequence[Tariefregel | None]) -> dict[str, str]:
    """Per code in één traject de andere codes in dat traject waarvan het gekozen tarief de kosten van deze code al
    bevat (`overlapt_met`), met ';' gescheiden; codes zonder zo'n code staan er niet in."""
    aanwezig = {t.code for t in tarieven if t is not None}
    uit: dict[str, set[str]] = {}
    for tarief in tarieven:
        if tarief is not None:
            for code in tarief.overlapt_met:
                if code in aanwezig:
                    uit.setdefault(code, set()).add(tarief.code)
    return {code: ";".join(sorted(door)) for code, door in uit.items()}


def beprijs(casussen: Sequence[CasusBestand], tabel: Tarieftabel, prijspeil: int, discontovoet: float) -> pd.DataFrame:
    """Alle inzetregels van alle casussen als één tabel met `kosten_nominaal` en `kosten` (contante waarde)."""
    # lang (ruim 80 regels) met reden: één lus over alle inzetregels die recht in de kolommen schrijft; opgesplitst
    # kost elke regel een functieaanroep met tien argumenten extra, en bij 100.000 casussen telt dat
    # getallen in compacte arrays (8 bytes per waarde) in plaats van lijsten met Python-objecten (32 bytes): bij
    # 100.000 casussen scheelt dat honderden MB op het moment dat de tabel wordt opgebouwd
    kolommen: dict[str, Any] = {
        k: array("d") if k in _GETALLEN else array("q") if k in _GEHELE_GETALLEN else [] for k in REGEL_KOLOMMEN
    }
    index = tabel.prijsindex
    index_factor: dict[int, float] = {}
    gekozen: dict[tuple[str, str, int], Tariefregel | None] = {}
    meldingen: list[Melding] = []
    # alleen een gebruikte tariefrij heeft zijn jaar in de index nodig: per rij de casussen die hem gebruiken
    zonder_index: dict[Tariefregel, dict[str, CasusBestand]] = {}
    met_overlap = any(r.overlapt_met for r in tabel.regels)
    for cb in casussen:
        casus = cb.casus
        for traject in TRAJECTEN:
            inzetten = getattr(casus.trajecten, traject).inzet
            inbegrepen = (
                inbegrepen_in([tabel.kies(i.tarief, casus.gemeente, casus.tariefjaar) for i in inzetten])
                if met_overlap
                else {}
            )
            for nr, inzet in enumerate(inzetten):
                sleutel = (inzet.tarief, casus.gemeente, casus.tariefjaar)
                if sleutel not in gekozen:
                    gekozen[sleutel] = tabel.kies(*sleutel)
                regel = gekozen[sleutel]
                if regel is None:  # laden.controleer_casus vangt dit al af; hier alleen als vangnet
                    meldingen.append(Melding(cb.bestand, None, "tarief", f"onbekende tariefcode '{inzet.tarief}'"))
                    continue
                if regel.jaar not in index.cijfers:
                    zonder_index.setdefault(regel, {}).setdefault(casus.id, cb)
                    continue
                if regel.jaar not in index_factor:
                    index_factor[regel.jaar] = index.factor(regel.jaar, prijspeil)
                tijd = tijdvak(inzet.per, inzet.duur, inzet.vanaf_maand, casus.horizon_maanden)
                maanden, keer = float(tijd[0]), float(tijd[1])
                waarden = (
                    casus.id,
                    casus.gemeente,
                    traject,
                    nr,
                    inzet.tarief,
                    regel.omschrijving,
                    regel.eenheid,
                    inzet.aantal,
                    inzet.per,
                    inzet.vanaf_maand,
                    maanden,
                    keer,
                    inzet.aantal * keer,
                    inzet.kans,
                    regel.jaar,
                    regel.prijs,
                    regel.prijs * index_factor[regel.jaar],
                    regel.financier,
                    regel.lijn,
                    regel.betrouwbaarheid,
                    regel.bron,
                    regel.bestand,
                    regel.regel,
                    casus.zekerheid,
                    regel.soort,
                    inbegrepen.get(regel.code, ""),
                )
                for naam, waarde in zip(REGEL_KOLOMMEN, waarden, strict=True):
                    kolommen[naam].append(waarde)
    for regel, gebruikers in zonder_index.items():
        eerste = next(iter(gebruikers.values()))
        andere = f" en {len(gebruikers) - 1} andere casussen" if len(gebruikers) > 1 else ""
        meldingen.append(
            index.ontbrekend_jaar(regel, prijspeil, f"voor casus {eerste.casus.id} ({eerste.bestand}){andere}")
        )
    if meldingen:
        raise InvoerFout(meldingen)
    regels = pd.DataFrame(
        {k: np.frombuffer(v, dtype=v.typecode) if isinstance(v, array) else v for k, v in kolommen.items()}
    )
    kolommen.clear()
    regels["lijn"] = regels["lijn"].astype("int64")
    regels["kosten_nominaal"] = (regels["aantal_totaal"] * regels["kans"] * regels["prijs"]).astype(float)
    factor = disconto_factor(
        regels["vanaf_maand"].to_numpy(float), regels["duur_maanden"].to_numpy(float), discontovoet
    )
    regels["disconto_factor"] = factor
    regels["kosten"] = regels["kosten_nominaal"] * factor
    return regels
