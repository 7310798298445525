"""Tabellen als numpy-kolommen, per gemeente te snijden zonder pandas.

Bij ~340 gemeenten kostte het optellen per gemeente vooral pandas-overhead (een groupby, een selectie per kolom,
een Series per vergelijking): tientallen milliseconden per gemeente, ook bij een handvol casussen. Hier wordt elke
kolom één keer naar numpy omgezet en per gemeente met een indexrij gesneden.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

Index = npt.NDArray[np.intp]


class Kolommen:
    """Een alleen-lezen tabel van numpy-kolommen (dezelfde namen als in de DataFrame), eventueel een deel van de
    rijen. Een kolom wordt pas bij gebruik omgezet en gesneden, en dan bewaard; de volledige kolommen worden één
    keer omgezet en door alle delen gedeeld."""

    def __init__(
        self,
        bron: pd.DataFrame,
        *,
        _volle: dict[str, Any] | None = None,
        _index: Index | None = None,
        _slot: threading.Lock | None = None,
    ):
        self._bron = bron
        self._volle: dict[str, Any] = {} if _volle is None else _volle
        self._index = _index
        self._cache: dict[str, Any] = {}
        # de delen van een tabel worden in draden gelezen (een gemeente per draad): de volledige kolom maar één keer
        self._slot = threading.Lock() if _slot is None else _slot

    def _volledig(self, naam: str) -> Any:
        kolom = self._volle.get(naam)
        if kolom is None:
            with self._slot:
                kolom = self._volle.get(naam)
                if kolom is None:
                    kolom = self._volle[naam] = self._bron[naam].to_numpy()
        return kolom

    def __getitem__(self, naam: str) -> Any:
        """De kolom als numpy-array (tekst als object-array, datums als datetime64)."""
        kolom = self._cache.get(naam)
        if kolom is None:
            kolom = self._volledig(naam)
            if self._index is not None:
                kolom = kolom[self._index]
            self._cache[naam] = kolom
        return kolom

    def vergeet(self) -> None:
        """Laat de gesneden kolommen van dit deel los (ze worden bij een volgend gebruik opnieuw gesneden)."""
        self._cache.clear()

    @property
    def rijen(self) -> Index:
        """De posities van deze rijen in de hele tabel."""
        return np.arange(len(self._bron), dtype=np.intp) if self._index is None else self._index

    def tabel(self) -> pd.DataFrame:
        """Deze rijen als pandas-tabel (met de index van de hele tabel), voor wie pandas nodig heeft."""
        return self._bron if self._index is None else self._bron.iloc[self._index]

    def __len__(self) -> int:
        return len(self._bron) if self._index is None else len(self._index)

    def deel(self, rijen: Index | npt.NDArray[np.bool_]) -> Kolommen:
        """De rijen `rijen` (posities, of een masker over deze rijen) van deze tabel."""
        posities: Index = np.flatnonzero(rijen) if rijen.dtype == np.bool_ else rijen.astype(np.intp, copy=False)
        index = posities if self._index is None else self._index[posities]
        return Kolommen(self._bron, _volle=self._volle, _index=index, _slot=self._slot)


def per_groep(tabel: Kolommen, sleutel: str) -> dict[Any, Index]:
    """Per waarde van kolom `sleutel` de rijposities, in de volgorde van de tabel (zoals een pandas-groupby)."""
    codes, waarden = pd.factorize(tabel[sleutel])
    if not len(waarden):
        return {}
    volgorde = np.argsort(codes, kind="stable")
    grenzen = np.cumsum(np.bincount(codes, minlength=len(waarden)))[:-1]
    return dict(zip(waarden.tolist(), np.split(volgorde, grenzen), strict=True))


def per_gemeente(casussen: Kolommen, regels: Kolommen) -> Iterator[tuple[str, Kolommen, Kolommen]]:
    """Per gemeente, op naam gesorteerd: (naam, haar casussen, haar regels)."""
    regels_per_gemeente = per_groep(regels, "gemeente")
    geen = np.empty(0, dtype=np.intp)
    for naam, rijen in sorted(per_groep(casussen, "gemeente").items()):
        yield str(naam), casussen.deel(rijen), regels.deel(regels_per_gemeente.get(naam, geen))
