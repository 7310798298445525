"""casuskosten: de maatschappelijke businesscase van sociale wijkteams, casus voor casus.

Gebruik vanuit Python (bijvoorbeeld in een notebook)::

    import casuskosten
    resultaat = casuskosten.bereken(["casussen"], "tarieven")
    resultaat.casussen            # pandas DataFrame, één rij per casus
    resultaat.gemeente("Rotterdam").besparing_pct

De namen worden pas bij gebruik geïmporteerd, zodat `casuskosten --help` geen pandas hoeft te laden.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("casuskosten")
except PackageNotFoundError:  # pragma: no cover - alleen zonder installatie
    __version__ = "0.0.0"

_WAAR = {
    "CasuskostenFout": "fouten",
    "InstellingenFout": "fouten",
    "InvoerFout": "fouten",
    "Melding": "fouten",
    "UitvoerFout": "fouten",
    "Instellingen": "instellingen",
    "laad_instellingen": "instellingen",
    "laad_casussen": "laden",
    "bereken": "pijplijn",
    "bereken_casussen": "pijplijn",
    "Aggregaat": "resultaat",
    "Resultaat": "resultaat",
    "Waarschuwing": "resultaat",
    "Tarieftabel": "tarieven",
    "laad_tarieven": "tarieven",
}

__all__ = [
    "Aggregaat",
    "CasuskostenFout",
    "Instellingen",
    "InstellingenFout",
    "InvoerFout",
    "Melding",
    "Resultaat",
    "Tarieftabel",
    "UitvoerFout",
    "Waarschuwing",
    "__version__",
    "bereken",
    "bereken_casussen",
    "laad_casussen",
    "laad_instellingen",
    "laad_tarieven",
]

if TYPE_CHECKING:  # pragma: no cover - alleen voor typecontrole en editors
    from .fouten import CasuskostenFout, InstellingenFout, InvoerFout, Melding, UitvoerFout
    from .instellingen import Instellingen, laad_instellingen
    from .laden import laad_casussen
    from .pijplijn import bereken, bereken_casussen
    from .resultaat import Aggregaat, Resultaat, Waarschuwing
    from .tarieven import Tarieftabel, laad_tarieven


def __getattr__(naam: str) -> Any:
    module = _WAAR.get(naam)
    if module is None:
        raise AttributeError(f"module 'casuskosten' heeft geen attribuut '{naam}'")
    return getattr(importlib.import_module(f".{module}", __name__), naam)
