"""De invoer van een opdracht in één bevroren object, en de paden waarin daarom nooit geschreven wordt.

De opdrachtregel bouwt één `Invoeropties` uit zijn opties en geeft die aan één aanroep van de kern
(`pijplijn.bereken_invoer`); vanuit Python kan dat ook.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..argumenten import controleer_waarden, publiek
from .instellingen import STANDAARD_BESTAND

STANDAARD_CASUSSEN = "casussen"

#: wat een beschermd pad is, voor de melding als uitvoer erop zou komen: casussen (een casuspad of de map van een
#: casusbestand), tarieven, instellingen (het instellingenbestand), logo (dat uit de instellingen), sjablonen (een
#: eigen sjablonenmap), pakket (de map van casuskosten zelf) of beschermd (met `beschermd=` opgegeven)
Soort = Literal["casussen", "tarieven", "instellingen", "logo", "sjablonen", "pakket", "beschermd"]


@dataclass(frozen=True, slots=True)
class Invoerpad:
    """Een pad waarin (of waarop) geen opdracht schrijft, met wat het is: zo kan de weigering zeggen dat het om het
    logo uit de instellingen gaat, en niet om 'de casus- en tariefmappen'. Bruikbaar als pad (`os.fspath`)."""

    pad: Path
    soort: Soort

    def __fspath__(self) -> str:
        return os.fspath(self.pad)


@dataclass(frozen=True, slots=True)
class Invoeropties:
    """Wat een opdracht leest en hoe: casuspaden, tariefmap, instellingenbestand, prijspeil, of ongeldige casussen
    worden overgeslagen, en met hoeveel werkers.

    Zonder `tarieven` geldt tarieven/ in de werkmap of naast de casussen (zie `pijplijn.kies_tariefmap`), zonder
    `instellingen` casuskosten.toml in de werkmap als dat er is, zonder `prijspeil` dat van de instellingen (standaard
    het laatste jaar van de prijsindex). Een pad mag tekst zijn; één pad als tekst is één pad, geen rij letters.
    """

    paden: tuple[Path, ...] = (Path(STANDAARD_CASUSSEN),)
    tarieven: Path | None = None
    instellingen: Path | None = None
    prijspeil: int | None = None
    sla_ongeldige_over: bool = False
    werkers: int | None = None

    def __post_init__(self) -> None:
        pad = str | os.PathLike[str]
        controleer_waarden(
            "Invoeropties",
            {
                "paden": (self.paden, pad | Sequence[pad]),
                "tarieven": (self.tarieven, pad | None),
                "instellingen": (self.instellingen, pad | None),
                "prijspeil": (self.prijspeil, int | None),
                "sla_ongeldige_over": (self.sla_ongeldige_over, bool),
                "werkers": (self.werkers, int | None),
            },
        )
        # vanuit een notebook komt er tekst binnen; de rest van de kern rekent met Path
        rij = [self.paden] if isinstance(self.paden, str | os.PathLike) else self.paden
        object.__setattr__(self, "paden", tuple(Path(p) for p in rij))
        for veld in ("tarieven", "instellingen"):
            waarde = getattr(self, veld)
            if waarde is not None:
                object.__setattr__(self, veld, Path(waarde))

    @publiek
    def invoerpaden(self, tariefmap: Path) -> tuple[Invoerpad, ...]:
        """De invoer waarin geen opdracht schrijft, met de gekozen `tariefmap` (zie `invoerpaden`).

        Het instellingenbestand hoort erbij, ook als het (nog) niet bestaat: `--uit casuskosten.toml` zou de
        instellingen van de volgende keer zijn.
        """
        return invoerpaden(self.paden, tariefmap, self.instellingen or Path(STANDAARD_BESTAND))


def invoerpaden(paden: Sequence[Path], tariefmap: Path | None, instellingen: Path | None) -> tuple[Invoerpad, ...]:
    """De invoer waarin nooit geschreven wordt, voor élke opdracht dezelfde: de casuspaden, de map van elk los
    casusbestand, de tariefmap en het instellingenbestand.

    Volledige paden (symbolische links blijven staan, die lost de controle zelf op), zodat een andere werkmap later
    in een notebook niets aan de bescherming verandert.
    """
    volledig = [Path(p).absolute() for p in paden]
    andere: list[tuple[Path | None, Soort]] = [(tariefmap, "tarieven"), (instellingen, "instellingen")]
    return (
        *(Invoerpad(p, "casussen") for p in volledig),
        *(Invoerpad(p.parent, "casussen") for p in volledig if p.is_file()),
        *(Invoerpad(Path(p).absolute(), soort) for p, soort in andere if p is not None),
    )
