"""Waar de jinja2-sjablonen staan: `--sjablonen DIR` (een eigen kopie, voor een eigen huisstijl) of `templates/`."""

from __future__ import annotations

from pathlib import Path

from .fouten import InstellingenFout, Melding

#: de meegeleverde map `templates/` in de projectmap (naast src/)
STANDAARD_MAP = Path(__file__).resolve().parents[2] / "templates"


def sjabloonmap(eigen: Path | str | None = None) -> Path:
    """De map met sjablonen; een opgegeven map moet bestaan."""
    if eigen is not None:
        map_ = Path(eigen)
        if not map_.is_dir():
            raise InstellingenFout(
                [Melding(str(map_), None, "--sjablonen", "sjablonenmap bestaat niet; geef een kopie van templates/ op")]
            )
        return map_
    if not STANDAARD_MAP.is_dir():  # pragma: no cover - alleen bij een installatie zonder projectmap
        raise InstellingenFout(
            [Melding(str(STANDAARD_MAP), None, None, "meegeleverde sjablonen niet gevonden; geef --sjablonen op")]
        )
    return STANDAARD_MAP
