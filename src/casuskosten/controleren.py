"""`controleer`: alle problemen in één keer vinden, in casussen, tarieftabellen en instellingen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .fouten import CasuskostenFout, Melding
from .instellingen import laad_instellingen
from .laden import lees_alle, zoek_casusbestanden, zonder_dubbele_ids
from .privacy import CODE_VOORVOEGSEL, controleer_privacy
from .resultaat import Waarschuwing
from .tarieven import Tarieftabel, laad_tarieven


@dataclass(frozen=True)
class Controle:
    """Wat `controleer` vond: fouten (de invoer is onbruikbaar) en waarschuwingen (bruikbaar, maar let op)."""

    fouten: tuple[Melding, ...]
    waarschuwingen: tuple[Waarschuwing, ...]
    aantal_casussen: int
    aantal_tariefregels: int


def controleer_alles(
    paden: Sequence[Path], tarieven: Path, instellingen: Path | None = None, *, streng: bool = False
) -> Controle:
    """Controleer alles en verzamel elke fout; geeft waarschuwingen over de geldige casussen.

    Vermoedelijke persoonsgegevens worden in elke leesbare casus gezocht (ook als hij om een andere reden
    ongeldig is); met `streng` zijn ze fouten in plaats van waarschuwingen.
    """
    from .pijplijn import bereken_casussen

    fouten: list[Melding] = []
    try:
        gekozen = laad_instellingen(instellingen)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
        gekozen = None
    tabel: Tarieftabel | None = None
    try:
        tabel = laad_tarieven(tarieven)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
    try:
        bestanden = zoek_casusbestanden(paden)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
        bestanden = []
    geldig = []
    privacy: list[Waarschuwing] = []
    for cb, eigen in lees_alle(bestanden, tabel):
        fouten.extend(eigen)
        if cb is None:
            continue
        for vondst in controleer_privacy(cb):
            if streng:
                fouten.append(vondst.melding())
            else:
                privacy.append(vondst.waarschuwing())
        if not eigen:
            geldig.append(cb)
    geldig, dubbel = zonder_dubbele_ids(geldig)
    fouten.extend(dubbel)
    waarschuwingen = tuple(privacy)
    if geldig and tabel is not None and gekozen is not None:
        try:
            resultaat = bereken_casussen(geldig, tabel, gekozen)
            # de privacyvondsten staan er al in (van elke leesbare casus, niet alleen de geldige)
            waarschuwingen += tuple(
                w for w in resultaat.alle_waarschuwingen() if not w.code.startswith(CODE_VOORVOEGSEL)
            )
        except CasuskostenFout as fout:
            fouten.extend(fout.meldingen)
    return Controle(tuple(fouten), waarschuwingen, len(geldig), len(tabel.regels) if tabel else 0)
