"""De kernboodschap: één of twee zinnen die een raadslid begrijpt, gebouwd uit de cijfers van een aggregaat.

Altijd het antwoord: de gecorrigeerde besparing per huishouden per jaar in euro's (bij een negatief bedrag:
meerkosten, nooit "een besparing van -4,7%") en de kans dat die positief is, als heel percentage, met het aantal
casussen waarop dat rust. Onder 3 casussen alleen wat de casussen laten zien.
"""

from __future__ import annotations

from .. import formaat as f
from .waarden import MIN_CASUSSEN_ANTWOORD, Antwoord


def casussen_tekst(aantal: int) -> str:
    """`1 casus`, `8 casussen`."""
    return f"{aantal} casus" if aantal == 1 else f"{aantal} casussen"


def kernboodschap(gemeente: str | None, aantal_casussen: int, aantal_gemeenten: int, antwoord: Antwoord) -> str:
    """De kernboodschap van een gemeente (of van het totaal bij `gemeente` None): `antwoord.schatting` en
    `antwoord.kans_besparing`, of bij minder dan 3 casussen alleen wat de casussen zelf laten zien."""
    waar = (
        f"In {gemeente}"
        if gemeente is not None
        else "In de ene gemeente"
        if aantal_gemeenten == 1
        else f"Over alle {aantal_gemeenten} gemeenten samen"
    )
    schatting = antwoord.schatting
    bedrag = f.euro(abs(schatting))
    basis = f"({casussen_tekst(aantal_casussen)})"
    if antwoord.kans_besparing is None:
        wat = (
            "kostten beide aanpakken na correctie ongeveer evenveel"
            if round(schatting) == 0
            else f"bespaarde het sociaal team na correctie gemiddeld {bedrag} per huishouden per jaar"
            if schatting > 0
            else f"kostte het sociaal team na correctie gemiddeld {bedrag} per huishouden per jaar meer"
        )
        # enkelvoud en meervoud: "de ene casus die beschreven is", "de 2 casussen die beschreven zijn"
        beschreven = (
            "de ene casus die beschreven is. Eén casus is te weinig"
            if aantal_casussen == 1
            else f"de {casussen_tekst(aantal_casussen)} die beschreven zijn. Dat zijn te weinig casussen"
        )
        return (
            f"{waar} {wat} in {beschreven} voor een uitspraak over {gemeente or 'de gemeenten'}: hiervoor zijn "
            f"minstens {MIN_CASUSSEN_ANTWOORD} casussen nodig."
        )
    if round(schatting) == 0:
        eerste = (
            f"{waar} kostte de aanpak van het sociaal team na correctie per huishouden per jaar ongeveer evenveel als "
            f"de aanpak van vóór 2015 {basis}."
        )
    elif schatting > 0:
        eerste = (
            f"{waar} bespaarde de aanpak van het sociaal team na correctie gemiddeld {bedrag} per huishouden per jaar "
            f"ten opzichte van de aanpak van vóór 2015 {basis}."
        )
    else:
        eerste = (
            f"{waar} kostte de aanpak van het sociaal team na correctie gemiddeld {bedrag} per huishouden per jaar "
            f"meer dan de aanpak van vóór 2015: meerkosten, geen besparing {basis}."
        )
    return f"{eerste} De kans dat het sociaal team goedkoper was, is {f.kans(antwoord.kans_besparing)}."


def casus_kernboodschap(per_jaar_gecorrigeerd: float, kans_goedkoper: float, horizon_maanden: int) -> str:
    """De kernboodschap van één casus: het verschil per jaar na correctie en de kans dat het team voor dit
    huishouden goedkoper was (elke onzekere inzet gebeurt of niet)."""
    bedrag = f.euro(abs(per_jaar_gecorrigeerd))
    periode = f"over {horizon_maanden} maanden, omgerekend per jaar"
    if round(per_jaar_gecorrigeerd) == 0:
        eerste = f"In deze casus kostten beide aanpakken na correctie ongeveer evenveel ({periode})."
    elif per_jaar_gecorrigeerd > 0:
        eerste = f"In deze casus bespaarde het sociaal team na correctie {bedrag} per jaar ({periode})."
    else:
        eerste = f"In deze casus kostte het sociaal team na correctie {bedrag} per jaar meer: meerkosten ({periode})."
    return f"{eerste} De kans dat het sociaal team voor dit huishouden goedkoper was, is {f.kans(kans_goedkoper)}."
