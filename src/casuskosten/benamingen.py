"""De namen die een lezer ziet, op één plek: trajecten, doelen, financiers, perspectieven, leefgebieden en
waarschuwingen.

Rapporten (HTML en PDF), de terminal, de grafieken en de Excel-export lezen hun namen hier, zodat een label niet
per uitvoer kan verschillen ("Voor 2015" hier, "Vóór 2015" daar). Zonder pandas of reportlab: de terminal gebruikt
dit ook voor `controleer`.
"""

from __future__ import annotations

import re

from .fouten import Waarschuwing

TRAJECTNAMEN = {"voor_2015": "Vóór 2015", "sociaal_team": "Sociaal team"}

DOELNAMEN = {
    "voorkomen_zwaardere_zorg": "Zwaardere zorg voorkomen",
    "integrale_aanpak": "Integrale aanpak",
    "preventie_escalatie": "Escalatie voorkomen",
    "betere_ondersteuning": "Betere ondersteuning",
    "zelfredzaamheid": "Zelfredzaamheid vergroot",
}

FINANCIERNAMEN = {
    "gemeente_wmo": "Gemeente – Wmo",
    "gemeente_jeugd": "Gemeente – Jeugd",
    "gemeente_participatie": "Gemeente – Participatie",
    "gemeente_schuldhulp": "Gemeente – Schuldhulp",
    "gemeente_overig": "Gemeente – Overig",
    "zorgverzekeraar": "Zorgverzekeraar",
    "wlz": "Wlz",
    "woningcorporatie": "Woningcorporatie",
    "rijk": "Rijk",
    "politie_justitie": "Politie en justitie",
    "vrijwillig": "Vrijwillige inzet",
    "overig": "Overig",
}

PERSPECTIEFNAMEN = {
    "maatschappelijk": "Maatschappelijk",
    "collectief": "Collectief",
    "gemeente": "Gemeentebegroting",
}

#: per waarschuwingscode een titel in gewone woorden (de code zelf staat alleen in de verantwoording en de export)
WAARSCHUWINGSTITELS = {
    "weinig_casussen": "Weinig casussen",
    "geen_interval": "Geen interval",
    "dominante_casus": "Eén casus weegt zwaar",
    "horizon_gemengd": "Verschillende perioden",
    "veel_kosten_laag_betrouwbaar": "Kosten rusten op aannames",
    "doel_zwaardere_zorg_ja_zonder_minder_lijn2": "Doel en kosten spreken elkaar tegen",
    "doel_zwaardere_zorg_nee_wel_minder_lijn2": "Doel en kosten spreken elkaar tegen",
    "doel_integraal_te_weinig_leefgebieden": "Integraal met één leefgebied",
    "doel_ja_zonder_toelichting": "Doel zonder toelichting",
    "kans_zonder_toelichting": "Kans zonder toelichting",
    "mogelijk_dubbel": "Mogelijk dubbel geteld",
    "gemeente_bijna_gelijk": "Gemeentenaam lijkt op een andere",
    "tariefbestand_niet_gelezen": "Tariefbestand niet gelezen",
    "meegeleverde_tarieven": "Meegeleverde landelijke tarieven",
    "casus_weggelaten": "Casus weggelaten",
    "verborgen_casusbestand": "Verborgen casusbestand niet gelezen",
    "huisstijl_kleur_te_licht": "Huisstijlkleur te licht voor tekst",
}


def trajectnaam(traject: str) -> str:
    """`voor_2015` -> `Vóór 2015`."""
    return TRAJECTNAMEN.get(traject, _leesbaar(traject))


def doelnaam(doel: str) -> str:
    """`voorkomen_zwaardere_zorg` -> `Zwaardere zorg voorkomen`."""
    return DOELNAMEN.get(doel, _leesbaar(doel))


def financiernaam(financier: str) -> str:
    """`gemeente_wmo` -> `Gemeente – Wmo`."""
    return FINANCIERNAMEN.get(financier, _leesbaar(financier))


def perspectiefnaam(perspectief: str) -> str:
    """`gemeente` -> `Gemeentebegroting`."""
    return PERSPECTIEFNAMEN.get(perspectief, _leesbaar(perspectief))


#: leefgebieden die met alleen de underscores weg nog geen goed Nederlands zijn
LEEFGEBIEDNAMEN = {"financien": "financiën"}


def leefgebiednaam(leefgebied: str) -> str:
    """`werk_en_dagbesteding` -> `werk en dagbesteding`, `financien` -> `financiën` (leefgebieden staan midden in
    een opsomming)."""
    return LEEFGEBIEDNAMEN.get(leefgebied, leefgebied.replace("_", " "))


def waarschuwingstitel(code: str) -> str:
    """De titel van een soort waarschuwing; een onbekende code wordt leesbaar gemaakt."""
    return WAARSCHUWINGSTITELS.get(code, _leesbaar(code))


#: codes uit de invoer die in een melding staan, en wat een lezer in plaats daarvan leest
_CODES_IN_TEKST: tuple[tuple[str, str], ...] = (("(selectie: aselect ontbreekt)", "(of dat staat er niet bij)"),)
_PLAATS = re.compile(r"^\S+?(?::\d+)?: ")
#: het veld na de plaats (`trajecten.voor_2015.inzet[3].toelichting: `): voor de terminal, niet voor een lezer
_VELDPAD = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+|\[\d+\])+: ")
_DOELCODE = re.compile("|".join(sorted(DOELNAMEN, key=len, reverse=True)))


def waarschuwingstekst(w: Waarschuwing) -> str:
    """De melding als gewone zin: zonder bestandsnaam en veld vooraan, met doelnamen in plaats van codes, met een
    hoofdletter en een punt."""
    tekst = w.melding
    if w.bestand and tekst.startswith(w.bestand):
        tekst = _VELDPAD.sub("", _PLAATS.sub("", tekst, count=1), count=1)
    tekst = _DOELCODE.sub(lambda m: f"'{doelnaam(m.group(0))}'", tekst)
    tekst = tekst.replace("lijn-2-kosten", "kosten van zware (tweedelijns) zorg")
    tekst = tekst.replace("traject voor 2015", f"traject {TRAJECTNAMEN['voor_2015']}")
    for code, woorden in _CODES_IN_TEKST:
        tekst = tekst.replace(code, woorden)
    return zin(tekst)


def zin(tekst: str) -> str:
    """Met een hoofdletter en een punt aan het eind."""
    tekst = tekst.strip()
    if not tekst:
        return tekst
    tekst = tekst[0].upper() + tekst[1:]
    return tekst if tekst.endswith((".", "!", "?")) else tekst + "."


def _leesbaar(code: str) -> str:
    tekst = code.replace("_", " ")
    return tekst[:1].upper() + tekst[1:]
