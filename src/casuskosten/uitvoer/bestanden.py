"""Uitvoer veilig wegschrijven: eerst naar een tijdelijk bestand, dan in één keer op zijn plaats."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..fouten import Melding, UitvoerFout


def schrijf_atomair(pad: Path | str, inhoud: str | bytes | Iterable[str], *, beschermd: tuple[Path, ...] = ()) -> Path:
    """Schrijf `inhoud` naar `pad`; een bestaand bestand wordt pas vervangen als alles geschreven is.

    `beschermd` zijn invoerbestanden en -mappen: daarin (of via een symbolische link daarheen) wordt niet geschreven.
    """
    pad = Path(pad)
    doel = controleer_uitvoerpad(pad, beschermd)
    map_ = doel.parent
    if not map_.is_dir():
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"map {map_} bestaat niet")])
    delen: Iterable[bytes] = (
        [inhoud.encode("utf-8")]
        if isinstance(inhoud, str)
        else [inhoud]
        if isinstance(inhoud, bytes)
        else (deel.encode("utf-8") for deel in inhoud)
    )
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=map_)
    try:
        with os.fdopen(fd, "wb") as uit:
            for deel in delen:
                uit.write(deel)
        os.chmod(tijdelijk, _rechten(doel))  # mkstemp maakt 0600; een rapport moet gewoon leesbaar zijn
        os.replace(tijdelijk, doel)
    except BaseException as fout:  # ook een fout tijdens het maken van de inhoud: geen half bestand laten staan
        Path(tijdelijk).unlink(missing_ok=True)
        if not isinstance(fout, OSError):
            raise
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"kan niet schrijven: {fout.strerror}")]) from None
    return doel


def controleer_uitvoerpad(pad: Path | str, beschermd: tuple[Path, ...] = ()) -> Path:
    """Het volledige pad van `pad`; `UitvoerFout` als het in (of op) een invoerbestand of -map valt."""
    pad = Path(pad)
    doel = pad.resolve()
    for invoerpad in beschermd:
        invoer = invoerpad.resolve()
        if doel == invoer or (invoer.is_dir() and invoer in doel.parents):
            raise UitvoerFout(
                [
                    Melding(
                        str(pad),
                        None,
                        "--uit",
                        f"uitvoer zou invoer ({invoer}) overschrijven; kies een pad buiten de casus- en tariefmappen",
                    )
                ]
            )
    return doel


def maak_uitvoermap(pad: Path | str, beschermd: tuple[Path, ...] = ()) -> Path:
    """Maak de uitvoermap `pad` (als die er nog niet is), maar nooit in een invoermap; geeft het volledige pad."""
    map_ = controleer_uitvoerpad(pad, beschermd)
    if map_.exists() and not map_.is_dir():
        raise UitvoerFout([Melding(str(pad), None, "--uit", "bestaat al als bestand; geef een map op")])
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"kan map niet maken: {fout.strerror}")]) from None
    return map_


def _rechten(doel: Path) -> int:
    """De rechten van het bestaande bestand, of die van een nieuw bestand volgens de umask."""
    if doel.exists():
        return doel.stat().st_mode & 0o777
    masker = os.umask(0)
    os.umask(masker)
    return 0o666 & ~masker
