"""casuskosten: de maatschappelijke businesscase van sociale wijkteams, casus voor casus.

Gebruik vanuit Python (bijvoorbeeld in een notebook)::

    import casuskosten
    resultaat = casuskosten.bereken("casussen", "tarieven")
    resultaat.casussen            # pandas DataFrame, één rij per casus
    resultaat.gemeente("Rotterdam").besparing_pct
    casuskosten.exporteer(resultaat, "xlsx", "uitvoer/casuskosten.xlsx")  # nooit in de casus- of tariefmap

De namen worden pas bij gebruik geïmporteerd, zodat `casuskosten --help` geen pandas hoeft te laden.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WAAR = {
    "ArgumentFout": "fouten",
    "CasuskostenFout": "fouten",
    "InstellingenFout": "fouten",
    "InvoerFout": "fouten",
    "Melding": "fouten",
    "UitvoerFout": "fouten",
    "Instellingen": "invoer.instellingen",
    "laad_instellingen": "invoer.instellingen",
    "laad_casussen": "invoer.casussen",
    "lees_casus_voor_schema": "invoer.casussen",
    "bereken": "pijplijn",
    "bereken_casussen": "pijplijn",
    "bereken_invoer": "pijplijn",
    "controleer_invoer": "pijplijn",
    "Controle": "pijplijn",
    "Invoeropties": "invoer.opties",
    "exporteer": "uitvoer.export",
    "schrijf_gemeenterapporten": "uitvoer.rapporten",
    "schrijf_casusrapport": "uitvoer.rapporten",
    "schrijf_vergelijking": "uitvoer.rapporten",
    "Aggregaat": "rekenen.waarden",
    "Resultaat": "rekenen.resultaat",
    "Waarschuwing": "fouten",
    "Tarieftabel": "invoer.tarieven",
    "laad_tarieven": "invoer.tarieven",
}

__all__ = [
    "Aggregaat",
    "ArgumentFout",
    "CasuskostenFout",
    "Controle",
    "Instellingen",
    "InstellingenFout",
    "InvoerFout",
    "Invoeropties",
    "Melding",
    "Resultaat",
    "Tarieftabel",
    "UitvoerFout",
    "Waarschuwing",
    "__version__",
    "bereken",
    "bereken_casussen",
    "bereken_invoer",
    "controleer_invoer",
    "exporteer",
    "laad_casussen",
    "laad_instellingen",
    "laad_tarieven",
    "lees_casus_voor_schema",
    "schrijf_casusrapport",
    "schrijf_gemeenterapporten",
    "schrijf_vergelijking",
]

if TYPE_CHECKING:  # pragma: no cover - alleen voor typecontrole en editors
    __version__: str
    from .fouten import ArgumentFout, CasuskostenFout, InstellingenFout, InvoerFout, Melding, UitvoerFout, Waarschuwing
    from .invoer.casussen import laad_casussen, lees_casus_voor_schema
    from .invoer.instellingen import Instellingen, laad_instellingen
    from .invoer.opties import Invoeropties
    from .invoer.tarieven import Tarieftabel, laad_tarieven
    from .pijplijn import Controle, bereken, bereken_casussen, bereken_invoer, controleer_invoer
    from .rekenen.resultaat import Resultaat
    from .rekenen.waarden import Aggregaat
    from .uitvoer.export import exporteer
    from .uitvoer.rapporten import schrijf_casusrapport, schrijf_gemeenterapporten, schrijf_vergelijking


def _versie() -> str:
    # importlib.metadata kost ~50 ms bij het opstarten; alleen --version en wie erom vraagt hebben het nodig
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("casuskosten")
    except PackageNotFoundError:  # pragma: no cover - alleen zonder installatie
        return "0.0.0"


def __getattr__(naam: str) -> Any:
    if naam == "__version__":
        return _versie()
    module = _WAAR.get(naam)
    if module is None:
        raise AttributeError(f"module 'casuskosten' heeft geen attribuut '{naam}'")
    return getattr(importlib.import_module(f".{module}", __name__), naam)


def __dir__() -> list[str]:
    """De publieke namen, ook al worden ze pas bij gebruik geïmporteerd (voor dir() en aanvulling in notebooks)."""
    return sorted(__all__)
