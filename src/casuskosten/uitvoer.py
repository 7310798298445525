"""Uitvoer veilig wegschrijven: eerst naar een tijdelijk bestand, dan in één keer op zijn plaats."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .fouten import Melding, UitvoerFout


def schrijf_atomair(pad: Path | str, inhoud: str | bytes, *, beschermd: tuple[Path, ...] = ()) -> Path:
    """Schrijf `inhoud` naar `pad`; een bestaand bestand wordt pas vervangen als alles geschreven is.

    `beschermd` zijn invoerbestanden en -mappen: daarin (of via een symbolische link daarheen) wordt niet geschreven.
    """
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
    map_ = doel.parent
    if not map_.is_dir():
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"map {map_} bestaat niet")])
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=map_)
    try:
        with os.fdopen(fd, "wb") as uit:
            uit.write(data)
        os.replace(tijdelijk, doel)
    except OSError as fout:
        Path(tijdelijk).unlink(missing_ok=True)
        raise UitvoerFout([Melding(str(pad), None, "--uit", f"kan niet schrijven: {fout.strerror}")]) from None
    return doel
