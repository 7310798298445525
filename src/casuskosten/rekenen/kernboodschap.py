"""De kernboodschap: één of twee zinnen die een raadslid begrijpt, gebouwd uit de cijfers van een aggregaat.

Altijd de gecorrigeerde besparing per casus per jaar in euro's (bij een negatief bedrag: meerkosten, nooit "een
besparing van -4,7%") en de kans dat het sociaal team goedkoper was na correctie, als heel percentage
(`formaat.kans`), met het aantal casussen waarop dat rust.
"""

from __future__ import annotations

from .. import formaat as f
from .waarden import MIN_CASUSSEN_INTERVAL


def casussen_tekst(aantal: int) -> str:
    """`1 casus`, `8 casussen`."""
    return f"{aantal} casus" if aantal == 1 else f"{aantal} casussen"


def kernboodschap(
    gemeente: str | None,
    aantal_casussen: int,
    aantal_gemeenten: int,
    per_casus_per_jaar: float,
    kans_goedkoper: float,
) -> str:
    """De kernboodschap van een gemeente (of van het totaal bij `gemeente` None)."""
    waar = f"In {gemeente}" if gemeente is not None else f"Over alle {aantal_gemeenten} gemeenten samen"
    bedrag = f.euro(abs(per_casus_per_jaar))
    basis = f"({casussen_tekst(aantal_casussen)})"
    if round(per_casus_per_jaar) == 0:
        eerste = (
            f"{waar} kostte de aanpak van het sociaal team na correctie per casus per jaar ongeveer evenveel als "
            f"de aanpak van vóór 2015 {basis}."
        )
    elif per_casus_per_jaar > 0:
        eerste = (
            f"{waar} bespaarde de aanpak van het sociaal team na correctie gemiddeld {bedrag} per casus per jaar "
            f"ten opzichte van de aanpak van vóór 2015 {basis}."
        )
    else:
        eerste = (
            f"{waar} kostte de aanpak van het sociaal team na correctie gemiddeld {bedrag} per casus per jaar meer "
            f"dan de aanpak van vóór 2015: meerkosten, geen besparing {basis}."
        )
    tweede = f"De kans dat het sociaal team goedkoper was, is {f.kans(kans_goedkoper)}"
    if gemeente is not None and aantal_casussen < MIN_CASUSSEN_INTERVAL:
        tweede += "; met zo weinig casussen telt daarin alleen de onzekerheid van tarieven en kansen mee"
    return f"{eerste} {tweede}."


def casus_kernboodschap(per_jaar_gecorrigeerd: float, kans_goedkoper: float, horizon_maanden: int) -> str:
    """De kernboodschap van één casus: het verschil per jaar na correctie en de kans dat het team goedkoper was."""
    bedrag = f.euro(abs(per_jaar_gecorrigeerd))
    periode = f"over {horizon_maanden} maanden, omgerekend per jaar"
    if round(per_jaar_gecorrigeerd) == 0:
        eerste = f"In deze casus kostten beide aanpakken na correctie ongeveer evenveel ({periode})."
    elif per_jaar_gecorrigeerd > 0:
        eerste = f"In deze casus bespaarde het sociaal team na correctie {bedrag} per jaar ({periode})."
    else:
        eerste = f"In deze casus kostte het sociaal team na correctie {bedrag} per jaar meer: meerkosten ({periode})."
    return f"{eerste} De kans dat het sociaal team goedkoper was, is {f.kans(kans_goedkoper)}."
