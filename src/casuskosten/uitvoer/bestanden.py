"""Uitvoer veilig wegschrijven: eerst alles controleren en klaarzetten, dan in één keer op zijn plaats.

Volgorde bij elke opdracht: (1) elk doelpad controleren (niet in invoer, een gewoon bestand of nog niet bestaand),
(2) de inhoud maken, (3) naar tijdelijke bestanden naast het doel schrijven, (4) pas als alles gelukt is de tijdelijke
bestanden op hun plaats zetten. Gaat er iets mis vóór stap 4, dan blijft er niets achter: geen half bestand en geen
lege map die casuskosten zelf heeft aangemaakt.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..fouten import InvoerFout, Melding, UitvoerFout, os_reden
from ..invoer.opties import Invoerpad, Soort

if TYPE_CHECKING:  # pragma: no cover - alleen voor de typecontrole
    from ..rekenen.resultaat import Resultaat

Inhoud = str | bytes | Iterable[str]
#: een pad dat een schrijver spaart: een `Invoerpad` (met wat het is), of een gewoon pad (`beschermd=` vanuit Python)
Beschermd = Path | Invoerpad

#: de map van casuskosten zelf: de meegeleverde sjablonen, lettertypen en landelijke tarieven, die elke opdracht
#: leest; een rapport op een meegeleverd sjabloon zou elk volgend rapport stil veranderen
PAKKET = Invoerpad(Path(__file__).resolve().parents[1], "pakket")

#: per soort invoer: (wat een bestand ervan is, met de extensies waarvoor dat geldt; wat de map is; wat wel mag)
_SOORTEN: dict[Soort, tuple[str, tuple[str, ...], str, str]] = {
    "casussen": ("een casusbestand", (".yaml", ".yml"), "de casusmap", "kies een pad buiten de casusmappen"),
    "tarieven": ("een tariefbestand", (".csv", ".xlsx"), "de tariefmap", "kies een pad buiten de tariefmap"),
    "instellingen": (
        "het instellingenbestand",
        (),
        "de map van het instellingenbestand",
        "kies een andere naam (het instellingenbestand wordt alleen gelezen)",
    ),
    "logo": (
        "het logo uit de instellingen",
        (),
        "de map van het logo",
        "kies een andere naam (het logo uit de instellingen wordt alleen gelezen)",
    ),
    "sjablonen": ("een sjabloon", (".j2",), "de sjablonenmap", "kies een pad buiten de sjablonenmap (--sjablonen)"),
    "pakket": (
        "een meegeleverd bestand van casuskosten",
        (),
        "de map van het pakket casuskosten",
        (
            "kies een pad buiten de map van het pakket (de meegeleverde sjablonen, lettertypen en tarieven worden "
            "alleen gelezen)"
        ),
    ),
    "beschermd": ("een beschermd bestand", (), "een beschermde map", "kies een pad buiten de paden in beschermd="),
}

# Nederlandse redenen voor de gewone schrijffouten; strerror van het besturingssysteem is Engels
_REDENEN: dict[int, str] = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "het pad is een map",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.ELOOP: "het pad bevat een kring van symbolische links",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.EINVAL: "dit pad kan geen gewoon bestand bevatten",
    errno.EFBIG: "het bestand wordt groter dan het besturingssysteem dit proces toestaat (ulimit -f)",
}


def invoer_van(resultaat: Resultaat) -> tuple[Invoerpad, ...]:
    """De invoer van `resultaat`, waarin geen schrijver schrijft: wat er opgegeven was (`Resultaat.invoerpaden`:
    casuspaden, tariefmap, instellingenbestand), en verder de map van elk gelezen (of overgeslagen) casusbestand en
    tariefbestand, het instellingenbestand waaruit de instellingen komen en het logo dat daarin staat. Een eigen
    sjablonenmap (`--sjablonen`) voegt de schrijver zelf toe (zie `met_sjablonen`); de map van het pakket (de
    meegeleverde sjablonen) is altijd beschermd (`PAKKET`).

    Zo is ook een resultaat van `bereken_casussen` (zonder opgegeven paden) beschermd. Wat al binnen de opgegeven
    invoer valt, staat er niet nog eens in: een melding noemt de opgegeven map, en bij 100.000 casussen in een paar
    honderd mappen blijft de controle per uitvoerbestand kort.
    """
    opgegeven = tuple(resultaat.invoerpaden)
    bestanden: list[tuple[str, Soort]] = [
        *((b, "casussen") for b, _ in resultaat.invoerbestanden),
        *((o.bestand, "casussen") for o in resultaat.overgeslagen),
        *((b, "tarieven") for b, _ in resultaat.tariefbestanden),
    ]
    # per map één bestaand bestand is genoeg; een casus of tabel uit het geheugen heeft geen map om te beschermen
    mappen: dict[tuple[str, Soort], bool] = {}
    for bestand, soort in bestanden:
        sleutel = (os.path.dirname(os.path.abspath(bestand)), soort)
        if not mappen.get(sleutel):
            mappen[sleutel] = os.path.isfile(bestand)
    afgeleid = [Invoerpad(Path(m), soort) for (m, soort), bestaat in mappen.items() if bestaat]
    if resultaat.instellingen.bestand is not None:
        afgeleid.append(Invoerpad(Path(resultaat.instellingen.bestand).absolute(), "instellingen"))
    if resultaat.instellingen.huisstijl.logo:  # het logo uit de instellingen is ook gelezen invoer
        afgeleid.append(Invoerpad(Path(resultaat.instellingen.huisstijl.logo).absolute(), "logo"))
    return opgegeven + tuple(p for p in dict.fromkeys(afgeleid) if _raakt_invoer(_opgelost(p.pad), opgegeven) is None)


def met_sjablonen(beschermd: Sequence[Beschermd], sjablonen: Path | str | None) -> tuple[Beschermd, ...]:
    """`beschermd` plus de eigen sjablonenmap (als die er is): een rapport op een sjabloon zou elk volgend rapport
    stil het oude laten zijn."""
    if sjablonen is None:
        return tuple(beschermd)
    return (*beschermd, Invoerpad(Path(sjablonen).absolute(), "sjablonen"))


def _opgelost(pad: Path) -> Path:
    try:
        return pad.resolve()
    except (OSError, RuntimeError):  # een kring van links: zoals het er staat (de controle slaat het dan over)
        return pad


def kies_formaat(formaat: str, geldig: Sequence[str], veld: str = "formaat") -> str:
    """Het formaat in kleine letters; een onbekend formaat is een `InvoerFout` die de geldige noemt (op de
    opdrachtregel heet `veld` --formaat)."""
    if formaat.lower() not in geldig:
        raise InvoerFout([Melding(None, None, veld, f"onbekend formaat '{formaat}'; kies uit {', '.join(geldig)}")])
    return formaat.lower()


def schrijf_atomair(pad: Path | str, inhoud: Inhoud, *, beschermd: Sequence[Beschermd] = ()) -> Path:
    """Schrijf `inhoud` naar `pad`; een bestaand bestand wordt pas vervangen als alles geschreven is.

    `beschermd` zijn invoerbestanden en -mappen: daarin (of via een symbolische link daarheen) wordt niet geschreven.
    Een ontbrekende map op het pad wordt aangemaakt (en weer weggehaald als het schrijven mislukt).
    """
    return schrijf_bestanden({Path(pad): inhoud}, beschermd=beschermd)[0]


def schrijf_bestanden(bestanden: Mapping[Path, Inhoud], *, beschermd: Sequence[Beschermd] = ()) -> list[Path]:
    """Schrijf meerdere bestanden alles-of-niets: eerst alle tijdelijke bestanden, dan alle op hun plaats.

    Een fout bij het controleren of schrijven laat geen enkel bestand en geen nieuwe map achter.
    """
    doelen = {pad: controleer_uitvoerpad(pad, beschermd) for pad in bestanden}
    gemaakt: list[Path] = []
    tijdelijk: dict[Path, str] = {}
    try:
        for pad, inhoud in bestanden.items():
            doel = doelen[pad]
            _maak_mappen(pad, doel.parent, gemaakt)
            tijdelijk[doel] = _schrijf_tijdelijk(pad, doel, inhoud)
        for doel, tijdelijk_pad in tijdelijk.items():
            try:
                os.replace(tijdelijk_pad, doel)
            except OSError as fout:
                raise _fout(doel, fout) from None
    except BaseException:  # ook een fout tijdens het maken van de inhoud: niets half laten staan
        for tijdelijk_pad in tijdelijk.values():
            Path(tijdelijk_pad).unlink(missing_ok=True)
        for map_ in reversed(gemaakt):
            try:
                map_.rmdir()
            except OSError:
                break  # niet leeg of niet meer van ons: laten staan
        raise
    return list(doelen.values())


def _schrijf_tijdelijk(pad: Path, doel: Path, inhoud: Inhoud) -> str:
    delen: Iterable[bytes] = (
        [inhoud.encode("utf-8")]
        if isinstance(inhoud, str)
        else [inhoud]
        if isinstance(inhoud, bytes)
        else (deel.encode("utf-8") for deel in inhoud)
    )
    try:
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name[:200]}.", suffix=".tmp", dir=doel.parent)
    except OSError as fout:
        if fout.errno == errno.ENOENT and doel.parent.is_dir():  # /proc en dergelijke: de map is er wel
            fout = OSError(errno.EINVAL, "")
        raise _fout(pad, fout) from None
    try:
        with os.fdopen(fd, "wb") as uit:
            for deel in delen:
                uit.write(deel)
        os.chmod(tijdelijk, _rechten(doel))  # mkstemp maakt 0600; een rapport moet gewoon leesbaar zijn
    except BaseException as fout:
        Path(tijdelijk).unlink(missing_ok=True)
        if isinstance(fout, OSError):
            raise _fout(pad, fout) from None
        raise
    return tijdelijk


def _maak_mappen(pad: Path, map_: Path, gemaakt: list[Path]) -> None:
    """Maak de ontbrekende mappen tot en met `map_` en onthoud welke nieuw zijn (om ze bij een fout op te ruimen)."""
    ontbrekend = [m for m in (map_, *map_.parents) if not m.exists()]
    for nieuw in reversed(ontbrekend):
        try:
            nieuw.mkdir()
        except OSError as fout:
            raise _fout(pad, fout, f"kan map {nieuw} niet maken") from None
        gemaakt.append(nieuw)
    if not map_.is_dir():
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"{map_} is geen map")])


def _fout(pad: Path | str, fout: OSError, wat: str = "kan niet schrijven") -> UitvoerFout:
    reden = _REDENEN.get(fout.errno or 0) or os_reden(fout)
    return UitvoerFout([Melding(str(pad), None, "--uit", f"{wat}: {reden}")])


def controleer_uitvoerpad(pad: Path | str, beschermd: Sequence[Beschermd] = ()) -> Path:
    """Het volledige pad van `pad`, als daar een gewoon bestand geschreven mag worden; anders `UitvoerFout`.

    Geweigerd: een pad in (of op) een invoerbestand of -map, een bestaande map, en alles wat geen gewoon bestand is
    (apparaat zoals /dev/stdout, pipe, socket): dat zou door een gewoon bestand vervangen worden.
    """
    pad = Path(pad)
    doel = _volledig(pad)
    _niet_in_invoer(pad, doel, beschermd)
    try:
        # het pad zelf, niet alleen het opgeloste: /dev/stdout wijst via /proc naar 'pipe:[...]', dat niet bestaat
        soort = os.stat(pad).st_mode
    except FileNotFoundError:
        return doel
    except OSError as fout:
        raise _fout(pad, fout) from None
    if stat.S_ISDIR(soort):
        raise UitvoerFout([Melding(str(pad), None, "--uit", "is een map; geef een bestandsnaam")])
    if not stat.S_ISREG(soort):
        raise UitvoerFout(
            [
                Melding(
                    str(pad),
                    None,
                    "--uit",
                    "is geen gewoon bestand (maar een apparaat, pipe of socket); casuskosten schrijft alleen gewone "
                    "bestanden. Voor het scherm of een pipe: laat --uit weg bij 'bereken' en 'schema'",
                )
            ]
        )
    return doel


def controleer_uitvoermap(pad: Path | str, beschermd: Sequence[Beschermd] = ()) -> Path:
    """Het volledige pad van uitvoermap `pad` (die mag nog niet bestaan), zonder iets aan te maken."""
    pad = Path(pad)
    map_ = _volledig(pad)
    _niet_in_invoer(pad, map_, beschermd)
    if map_.exists() and not map_.is_dir():
        raise UitvoerFout([Melding(str(pad), None, "--uit", "bestaat al als bestand; geef een map op")])
    return map_


def maak_uitvoermap(pad: Path | str, beschermd: Sequence[Beschermd] = ()) -> Path:
    """Maak de uitvoermap `pad` (als die er nog niet is), maar nooit in een invoermap; geeft het volledige pad."""
    map_ = controleer_uitvoermap(pad, beschermd)
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise _fout(pad, fout, "kan map niet maken") from None
    return map_


def _volledig(pad: Path) -> Path:
    try:
        return pad.resolve()
    except (OSError, RuntimeError) as fout:  # RuntimeError: kring van symbolische links (Python 3.11/3.12)
        reden = _REDENEN[errno.ELOOP] if isinstance(fout, RuntimeError) else _REDENEN.get(fout.errno or 0, "")
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"ongeldig uitvoerpad: {reden}")]) from None


def _niet_in_invoer(pad: Path, doel: Path, beschermd: Sequence[Beschermd]) -> None:
    """Weiger volledig pad `doel` als het op of in invoer ligt (of in de map van het pakket), met een melding die
    zegt wat die invoer is en wat wel mag."""
    geraakt = _raakt_invoer(doel, (*beschermd, PAKKET))
    if geraakt is not None:
        raise UitvoerFout([Melding(str(pad), None, "--uit", _weigering(doel, *geraakt))])


def _weigering(doel: Path, invoer: Path, soort: Soort) -> str:
    """`uitvoer zou het logo uit de instellingen (/w/logo.png) overschrijven; kies een andere naam ...`: wat er
    geraakt wordt en wat wel mag. Een bestaand bestand wordt bij naam genoemd; een nieuw bestand in een invoermap
    noemt de map."""
    bestand, extensies, map_, geldig = _SOORTEN[soort]
    if doel.is_file():
        if doel != invoer and extensies and not doel.name.lower().endswith(extensies):
            bestand = f"een bestand in {map_}"
        return f"uitvoer zou {bestand} ({doel}) overschrijven; {geldig}"
    if doel == invoer and not invoer.is_dir():  # casuskosten.toml dat er nog niet is, maar wel vanzelf gelezen wordt
        return f"uitvoer zou {bestand} ({doel}) worden, dat een volgende opdracht leest; {geldig}"
    return f"uitvoer hoort niet in {map_} ({invoer}): daar staat invoer die het zou kunnen overschrijven; {geldig}"


def _raakt_invoer(doel: Path, beschermd: Sequence[Beschermd]) -> tuple[Path, Soort] | None:
    """Het eerste (opgeloste) invoerpad waarop of waarin volledig pad `doel` ligt, met zijn soort, of None."""
    for invoerpad in beschermd:
        pad, soort = (invoerpad.pad, invoerpad.soort) if isinstance(invoerpad, Invoerpad) else (invoerpad, "beschermd")
        try:
            invoer = Path(pad).resolve()
        except (OSError, RuntimeError):
            continue  # een onleesbaar invoerpad is elders al een fout; hier valt er niets te beschermen
        if doel == invoer or (invoer.is_dir() and invoer in doel.parents):
            return invoer, soort
    return None


def _rechten(doel: Path) -> int:
    """De rechten van het bestaande bestand, of die van een nieuw bestand volgens de umask."""
    if doel.exists():
        return doel.stat().st_mode & 0o777
    masker = os.umask(0)
    os.umask(masker)
    return 0o666 & ~masker
