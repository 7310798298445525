"""Eén familie van fouten: alles wat een gebruiker kan veroorzaken is een `CasuskostenFout`.

Elke melding noemt het bestand, de regel, het veld en wat wel geldig is. De CLI vangt de basisklasse op één
plek af en toont de meldingen zonder traceback.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .velden import CODE, TEKST, naar_json, veld

# stuurtekens (ook ESC en U+0085), breedteloze en richtingstekens, regel- en alineascheiders
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


#: wat `os.fsdecode` van een byte maakt dat geen UTF-8 is: een losse surrogaat U+DC80..U+DCFF
_NIET_UTF8 = re.compile("[\udc80-\udcff]")


def leesbare_naam(tekst: str) -> str:
    """Een pad of bestandsnaam met elk niet-UTF-8-byte (dat `os.fsdecode` als losse surrogaat teruggeeft) vervangen
    door U+FFFD: `b"\\xff.yaml"` wordt `\ufffd.yaml`. Losse surrogaten kan geen uitvoer schrijven (JSON, HTML, PDF en
    xlsx vallen erover, en de terminal toont ze als `\\udcff`); zo wordt het onleesbare deel zichtbaar in plaats
    van een traceback of een escape."""
    if _NIET_UTF8.search(tekst) is None:
        return tekst
    try:
        return os.fsencode(tekst).decode("utf-8", errors="replace")
    except UnicodeEncodeError:  # er staat ook een andere losse surrogaat in: teken voor teken
        return _NIET_UTF8.sub("\ufffd", tekst)


def zichtbaar(tekst: str) -> str:
    """Tekst uit een bestand veilig voor de terminal: elk onzichtbaar teken als escape (`\\x1b`, `\\u202e`), en een
    byte uit een pad dat geen UTF-8 is als U+FFFD (zie `leesbare_naam`).

    Zo komt een escape-reeks uit een bestand (kleuren, cursor, een omgekeerde tekstrichting) nooit ongezien op het
    scherm. Elke `Melding` en alles wat de consoles van de opdrachtregel tonen (`uitvoer.scherm`) gaat hierdoorheen;
    dit is de enige plek.
    """
    return _ONZICHTBAAR.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), leesbare_naam(tekst))


def zichtbaar_per_regel(tekst: str) -> str:
    """Als `zichtbaar`, maar nieuwe regels en tabs blijven staan: voor tekst die al over regels is verdeeld (een
    tabel, een alinea op de terminal)."""
    return "\n".join("\t".join(zichtbaar(stuk) for stuk in regel.split("\t")) for regel in tekst.split("\n"))


_MASKER: list[Callable[[str], str]] = []


def zet_masker(masker: Callable[[str], str]) -> None:
    """Laat elke melding en waarschuwing voortaan door `masker` gaan (invoer.privacy.maskeer zet zichzelf hier):
    een BSN of geboortedatum die de gebruiker in een veld schreef, komt zo in geen enkele melding terug."""
    _MASKER[:] = [masker]


def gemaskeerd(tekst: str) -> str:
    """`tekst` met elk vermoedelijk persoonsgegeven gemaskeerd (de regel van `invoer.privacy.maskeer`): voor elke
    naam of waarde die in uitvoer terechtkomt, ook bestandsnamen, ids en gemeentenamen."""
    return _MASKER[0](tekst) if _MASKER else tekst


def _gemaskeerd_of_none(tekst: str | None) -> str | None:
    return gemaskeerd(tekst) if tekst else tekst


#: zo lang mag een geciteerde waarde (`'...'`) of een veldnaam in een melding zijn; daarna "…"
MAX_CITAAT = 60
MAX_VELD = 120
#: een geciteerde waarde: `'...'` na een spatie, haakje of dubbele punt en vóór een spatie of leesteken (zodat in
#: "'012' begint ... of '012'" het stuk ertussen geen citaat is)
CITAAT = re.compile(r"(?<![^\s(:=])'([^'\s][^'\n]*)'(?=$|[\s;,.)?:!])")


def afgekapt(tekst: str, lengte: int = MAX_CITAAT) -> str:
    """`tekst` van hooguit `lengte` tekens, met "…" als er iets af is: een waarde van 800 KB staat zo niet in elke
    melding voluit."""
    return tekst if len(tekst) <= lengte else tekst[:lengte] + "…"


def _kap_citaat(m: re.Match[str]) -> str:
    return f"'{afgekapt(m.group(1))}'" if len(m.group(1)) > MAX_CITAAT else m.group()


@dataclass(frozen=True, slots=True)
class Melding:
    """Eén probleem in de invoer, met de plaats waar het zit; bestand, veld en tekst zijn gemaskeerd (zie
    `zet_masker`)."""

    bestand: str | None
    regel: int | None
    veld: str | None
    tekst: str

    def __post_init__(self) -> None:
        # ook het bestand en het veld: een casus kan 123456782.yaml heten, een onbekende sleutel een e-mailadres zijn;
        # eerst maskeren, dan afkappen (anders blijft van een afgekapt BSN een deel voluit staan)
        object.__setattr__(self, "bestand", _gemaskeerd_of_none(self.bestand))
        veld_ = _gemaskeerd_of_none(self.veld)
        object.__setattr__(self, "veld", afgekapt(veld_, MAX_VELD) if veld_ else veld_)
        object.__setattr__(self, "tekst", CITAAT.sub(_kap_citaat, gemaskeerd(self.tekst)))

    def __str__(self) -> str:
        plaats = self.bestand or ""
        if self.bestand and self.regel is not None:
            plaats += f":{self.regel}"
        delen = [d for d in (plaats, self.veld) if d]
        return zichtbaar(": ".join([*delen, self.tekst]))


class CasuskostenFout(Exception):
    """Basis van alle fouten die de gebruiker kan veroorzaken en oplossen."""

    def __init__(self, meldingen: Iterable[Melding] | str) -> None:
        if isinstance(meldingen, str):
            meldingen = [Melding(None, None, None, meldingen)]
        self.meldingen: tuple[Melding, ...] = tuple(meldingen)
        super().__init__("\n".join(str(m) for m in self.meldingen))


class InvoerFout(CasuskostenFout):
    """Een of meer casus- of tariefbestanden zijn ongeldig."""


class InstellingenFout(CasuskostenFout):
    """Het instellingenbestand (casuskosten.toml) of een optie is ongeldig."""


class UitvoerFout(CasuskostenFout):
    """Uitvoer kan niet (veilig) geschreven worden."""


class ArgumentFout(CasuskostenFout, TypeError):
    """Een functie van de publieke API kreeg een argument van het verkeerde type (zie `argumenten.publiek`).

    Ook een TypeError, zodat code die dat al opving, blijft werken.
    """


# wat het besturingssysteem zegt, in het Nederlands: strerror is Engels ("File too large", "No such file ...")
_OS_REDENEN = {
    errno.ENOENT: "het bestand bestaat niet",
    errno.EACCES: "geen leesrechten",
    errno.EPERM: "geen rechten",
    errno.EISDIR: "het pad is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.ELOOP: "het pad bevat een kring van symbolische links",
    errno.EFBIG: "het bestand is groter dan het besturingssysteem dit proces toestaat (ulimit -f)",
    errno.ENOSPC: "de schijf is vol",
    errno.EMFILE: "te veel open bestanden",
    errno.EIO: "invoer-/uitvoerfout van de schijf",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
}


def os_reden(fout: OSError) -> str:
    """De reden van een `OSError` in het Nederlands; nooit de Engelse tekst van het besturingssysteem."""
    if fout.errno in _OS_REDENEN:
        return _OS_REDENEN[fout.errno]
    naam = errno.errorcode.get(fout.errno or 0)
    return f"fout van het besturingssysteem ({naam})" if naam else "onbekende fout van het besturingssysteem"


def bedoelde_u(waarde: str, mogelijk: Iterable[str]) -> str:
    """Een 'bedoelde u ...?'-toevoeging voor een verschreven naam, of een lege tekst."""
    kandidaten = sorted(set(mogelijk))
    treffers = difflib.get_close_matches(waarde, kandidaten, n=1, cutoff=0.6)
    if not treffers:
        lager = {k.lower(): k for k in kandidaten}
        treffers = [lager[w] for w in difflib.get_close_matches(waarde.lower(), list(lager), n=1, cutoff=0.6)]
    return f"; bedoelde u '{treffers[0]}'?" if treffers else ""


def opsomming(waarden: Iterable[str], maximaal: int = 12) -> str:
    """Een korte opsomming van geldige waarden voor in een melding."""
    lijst = list(waarden)
    if len(lijst) > maximaal:
        return ", ".join(lijst[:maximaal]) + f", ... ({len(lijst)} in totaal)"
    return ", ".join(lijst)


@dataclass(frozen=True, slots=True)
class Waarschuwing:
    """Een waarschuwing met een vaste `code` en een Nederlandse `melding`."""

    code: str = veld("vaste code van de soort waarschuwing", CODE)
    melding: str = veld("de waarschuwing in gewone woorden", TEKST)
    bestand: str | None = veld("het bestand waar het om gaat", TEKST, standaard=None, weglaten_als_none=True)
    casus: str | None = veld("het id van de casus", TEKST, standaard=None, weglaten_als_none=True)
    gemeente: str | None = veld("de gemeente", TEKST, standaard=None, weglaten_als_none=True)
    doel: str | None = veld("het doel", TEKST, standaard=None, weglaten_als_none=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "melding", zichtbaar(gemaskeerd(self.melding)))
        for veld_ in ("bestand", "casus", "gemeente"):
            object.__setattr__(self, veld_, _gemaskeerd_of_none(getattr(self, veld_)))

    def naar_dict(self) -> dict[str, Any]:
        """Als JSON-object, zonder lege velden."""
        return naar_json(self)
