"""Instellingen uit `casuskosten.toml`; elke instelling heeft een gedocumenteerde standaardwaarde."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from ..fouten import InstellingenFout, Melding
from .validatie import vertaal
from .yamlbron import YamlDocument

STANDAARD_BESTAND = "casuskosten.toml"
_UIT_BESTAND = "uit_bestand"  # validatiecontext: de fout wordt vertaald met bestand en regelnummers


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Correctie(_Model):
    """Aandeel waarmee de kosten van het voor_2015-traject verlaagd worden, naar zekerheid (optimism bias)."""

    hoog: float = Field(default=0.0, ge=0, le=1, description="correctie bij zekerheid hoog")
    middel: float = Field(default=0.20, ge=0, le=1, description="correctie bij zekerheid middel")
    laag: float = Field(default=0.40, ge=0, le=1, description="correctie bij zekerheid laag")

    def voor(self, zekerheid: str) -> float:
        """De correctie voor een zekerheidsniveau."""
        waarde: float = getattr(self, zekerheid)
        return waarde


class Tariefspreiding(_Model):
    """Hoe ver een tarief er naar boven of beneden naast kan zitten (95%), naar de betrouwbaarheid van de tariefrij."""

    hoog: float = Field(default=0.10, ge=0, le=2, description="spreiding bij betrouwbaarheid hoog (0,10 = ±10%)")
    middel: float = Field(default=0.25, ge=0, le=2, description="spreiding bij betrouwbaarheid middel")
    laag: float = Field(default=0.50, ge=0, le=2, description="spreiding bij betrouwbaarheid laag")

    def voor(self, betrouwbaarheid: str) -> float:
        """De spreiding voor een betrouwbaarheid."""
        waarde: float = getattr(self, betrouwbaarheid)
        return waarde


class Kansconcentratie(_Model):
    """Hoe vast een kans ligt (de k van Beta(kans x k, (1 - kans) x k)), naar de zekerheid van de casus."""

    hoog: float = Field(default=40.0, gt=0, le=100_000, description="concentratie bij zekerheid hoog")
    middel: float = Field(default=15.0, gt=0, le=100_000, description="concentratie bij zekerheid middel")
    laag: float = Field(default=6.0, gt=0, le=100_000, description="concentratie bij zekerheid laag")

    def voor(self, zekerheid: str) -> float:
        """De concentratie voor een zekerheidsniveau."""
        waarde: float = getattr(self, zekerheid)
        return waarde


class Onzekerheid(_Model):
    """De onzekerheid in tarieven en kansen die de probabilistische gevoeligheidsanalyse (PSA) trekt."""

    tariefspreiding: Tariefspreiding = Field(default_factory=Tariefspreiding)
    kansconcentratie: Kansconcentratie = Field(default_factory=Kansconcentratie)


class Huisstijl(_Model):
    """Huisstijl van rapporten (organisatie, logo, hoofdkleur)."""

    organisatie: str = Field(default="", description="naam van de organisatie op elk rapport")
    logo: str | None = Field(default=None, description="pad naar een PNG- of JPG-logo")
    kleur: str = Field(default="#1f5f8b", pattern=r"^#[0-9a-fA-F]{6}$", description="hoofdkleur als #rrggbb")


class Instellingen(_Model):
    """Alle instellingen van een berekening; komen mee in de JSON-uitvoer."""

    prijspeil: int | None = Field(
        default=None, description="prijspeil van de uitkomsten; standaard het laatste jaar van de prijsindex"
    )
    discontovoet: float = Field(
        default=0.0225, ge=0, le=0.2, description="discontovoet per jaar voor kosten na de eerste 12 maanden"
    )
    bootstrap_iteraties: int = Field(
        default=10_000, ge=100, le=1_000_000, description="aantal bootstrap-trekkingen voor het 95%-interval"
    )
    psa_iteraties: int = Field(
        default=10_000, ge=100, le=1_000_000, description="aantal trekkingen van de probabilistische analyse (PSA)"
    )
    intervalmethode: Literal["bca", "percentiel"] = Field(
        default="bca", description="bootstrap-interval: bca (bias-gecorrigeerd en versneld) of percentiel"
    )
    seed: int = Field(
        default=2015, ge=0, description="startwaarde van de toevalsgenerator: zelfde invoer, zelfde interval"
    )
    correctie: Correctie = Field(default_factory=Correctie)
    onzekerheid: Onzekerheid = Field(default_factory=Onzekerheid)
    huisstijl: Huisstijl = Field(default_factory=Huisstijl)

    @model_validator(mode="wrap")
    @classmethod
    def _nederlandse_fout(
        cls, data: Any, handler: ModelWrapValidatorHandler[Instellingen], info: ValidationInfo
    ) -> Instellingen:
        """Direct gemaakt (`Instellingen(discontovoet=3)`, vanuit Python): een ongeldige waarde is een
        `InstellingenFout` met een Nederlandse melding in plaats van een Engelse pydantic-fout."""
        try:
            return handler(data)
        except ValidationError as fout:
            if info.context and info.context.get(_UIT_BESTAND):
                raise  # laad_instellingen vertaalt zelf, met het bestand en de regelnummers
            document = YamlDocument("Instellingen(...)", data, {}, "")
            raise InstellingenFout(vertaal(fout, document, cls)) from None

    def naar_dict(self) -> dict[str, Any]:
        """De instellingen zoals ze in de JSON-uitvoer staan."""
        return self.model_dump(mode="json")


def laad_instellingen(pad: Path | str | None = None, **overschrijf: Any) -> Instellingen:
    """Lees `casuskosten.toml` (of `pad`); zonder bestand gelden de standaardwaarden.

    `overschrijf` zijn opties van de opdrachtregel (None betekent: niet opgegeven).
    """
    data: dict[str, Any] = {}
    tekst = ""
    bestand = str(pad) if pad is not None else STANDAARD_BESTAND
    bron = Path(bestand)
    if pad is not None and not bron.is_file():
        raise InstellingenFout([Melding(bestand, None, None, "instellingenbestand bestaat niet")])
    if bron.is_file():
        try:
            tekst = bron.read_text(encoding="utf-8-sig")
            data = tomllib.loads(tekst)
        except UnicodeDecodeError:
            raise InstellingenFout([Melding(bestand, None, None, "bestand is geen UTF-8")]) from None
        except tomllib.TOMLDecodeError as fout:
            regel = re.search(r"line (\d+)", str(fout))
            raise InstellingenFout(
                [Melding(bestand, int(regel.group(1)) if regel else None, None, f"TOML-syntaxfout: {fout}")]
            ) from None
    data.update({k: v for k, v in overschrijf.items() if v is not None})
    huisstijl = data.get("huisstijl")
    if isinstance(huisstijl, dict) and isinstance(huisstijl.get("logo"), str) and bron.is_file():
        # een logo staat naast het instellingenbestand, niet naast de map waaruit het commando toevallig draait
        logo = Path(huisstijl["logo"]).expanduser()
        if not logo.is_absolute():
            data["huisstijl"] = {**huisstijl, "logo": str(bron.parent / logo)}
    try:
        return Instellingen.model_validate(data, context={_UIT_BESTAND: True})
    except ValidationError as fout:
        document = YamlDocument(bestand, data, _toml_regels(tekst), "")
        raise InstellingenFout(vertaal(fout, document, Instellingen)) from None


def _toml_regels(tekst: str) -> dict[tuple[str | int, ...], int]:
    """Een eenvoudige regelkaart voor TOML: `[tabel]` en `sleutel =` per regel."""
    regels: dict[tuple[str | int, ...], int] = {}
    tabel: tuple[str, ...] = ()
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        kop = re.match(r"^\s*\[([A-Za-z0-9_.]+)\]", regel)
        if kop:
            tabel = tuple(kop.group(1).split("."))
            regels.setdefault(tabel, nummer)
            continue
        sleutel = re.match(r"^\s*([A-Za-z0-9_]+)\s*=", regel)
        if sleutel:
            regels.setdefault((*tabel, sleutel.group(1)), nummer)
    return regels
