"""Het casusformaat als bevroren, strikte pydantic-modellen.

De veldnamen zijn dezelfde woorden als in de YAML-bestanden; een onbekende sleutel is een fout.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationInfo, field_validator

from .tijd import PER_PER_JAAR, lees_duur

Oordeel = Literal["ja", "deels", "nee", "onbekend"]
Zekerheid = Literal["hoog", "middel", "laag"]
Teammodel = Literal["A1", "A2", "B", "C"]
Per = Literal["dag", "week", "2 weken", "maand", "kwartaal", "jaar"]
Leefgebied = Literal[
    "financien",
    "huishouden",
    "wonen",
    "gezondheid",
    "psychisch_welbevinden",
    "sociaal_netwerk",
    "opvoeding",
    "onderwijs",
    "werk_en_dagbesteding",
    "justitie",
    "verslaving",
    "zelfzorg",
]
TrajectNaam = Literal["voor_2015", "sociaal_team"]
#: Movisie: enkelvoudige en meervoudige problematiek; complex = zware meervoudige problematiek
Zwaarte = Literal["enkelvoudig", "meervoudig", "complex"]
#: hoe de casus in het onderzoek kwam: aselect getrokken of door het team gekozen
Selectie = Literal["aselect", "gekozen"]
ZWAARTES: tuple[str, ...] = get_args(Zwaarte)

#: de vijf beleidsdoelen, in vaste volgorde
DOELEN: tuple[str, ...] = (
    "voorkomen_zwaardere_zorg",
    "integrale_aanpak",
    "preventie_escalatie",
    "betere_ondersteuning",
    "zelfredzaamheid",
)
OORDELEN: tuple[str, ...] = ("ja", "deels", "nee", "onbekend")
TRAJECTEN: tuple[str, ...] = ("voor_2015", "sociaal_team")

if set(PER_PER_JAAR) != set(get_args(Per)):  # pragma: no cover - één bron van waarheid voor 'per'
    raise RuntimeError("PER_PER_JAAR en Per lopen uiteen")


_GETALVORM = re.compile(r"\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*")


def geen_getal_als_tekst(waarde: Any, *, geheel: bool = False) -> Any:
    """Weiger tekst in een getalveld: `kans: '0.5'` staat tussen aanhalingstekens en is dus tekst, nooit omgezet.

    Aanhalingstekens zeggen in YAML "dit is tekst"; zo'n waarde stil als getal lezen zou raden (ook `'1_000'` of
    `' 0.5 '` las pydantic als getal), en het schema van de editor weigert tekst in een getalveld ook.
    """
    if isinstance(waarde, bool):
        raise ValueError("verwacht een getal, geen ja/nee")
    if not isinstance(waarde, str):
        return waarde
    if _GETALVORM.fullmatch(waarde):  # zonder aanhalingstekens was dit een getal geweest
        raise ValueError(
            f"'{waarde.strip()}' staat tussen aanhalingstekens en is dus tekst; schrijf het getal zonder "
            "aanhalingstekens"
        )
    if geheel:
        raise ValueError(f"verwacht een geheel getal, gekregen '{waarde[:40]}'")
    raise ValueError(f"verwacht een getal (met een punt als decimaalteken), gekregen '{waarde[:40]}'")


_PROCENT = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*")
_KOMMAGETAL = re.compile(r"\s*([01]),([0-9]+)\s*")


def kans_geen_tekst(waarde: Any) -> Any:
    """Als `geen_getal_als_tekst`, met de uitleg voor de twee gewoonten van aan tafel: een kans als procent (`50%`)
    en met een komma (`0,5`); beide worden geweigerd (nooit omgezet), met het getal dat er wel moet staan."""
    if isinstance(waarde, str):
        procent = _PROCENT.fullmatch(waarde)
        if procent:
            getal = float(procent.group(1).replace(",", ".")) / 100
            raise ValueError(
                f"schrijf een kans als getal van 0 tot 1, niet als procent: voor {waarde.strip()} schrijf {getal:g}"
            )
        komma = _KOMMAGETAL.fullmatch(waarde)
        if komma:
            raise ValueError(
                f"schrijf een kans met een punt als decimaalteken: voor {waarde.strip()} schrijf "
                f"{komma.group(1)}.{komma.group(2)}"
            )
    return geen_getal_als_tekst(waarde)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Tekst = Annotated[str, Field(min_length=1)]


class Doel(_Model):
    """Het oordeel over één beleidsdoel, met een toelichting."""

    oordeel: Oordeel = Field(description="ja, deels, nee of onbekend")
    toelichting: str | None = Field(default=None, description="waarom dit oordeel (verplicht aanbevolen bij 'ja')")


def _doel_uit_tekst(waarde: Any) -> Any:
    if isinstance(waarde, bool):
        raise ValueError("verwacht ja, deels, nee of onbekend (schrijf het woord uit, niet true/false/yes/no)")
    if isinstance(waarde, str):
        return {"oordeel": waarde.strip()}
    return waarde


DoelVeld = Annotated[Doel, Field(description="ja | deels | nee | onbekend, of {oordeel: ..., toelichting: ...}")]


class Doelen(_Model):
    """Alle vijf beleidsdoelen; elk oordeel is ja, deels, nee of onbekend."""

    voorkomen_zwaardere_zorg: DoelVeld = Field(
        description="is zwaardere zorg voorkomen of uitgesteld: ja | deels | nee | onbekend"
    )
    integrale_aanpak: DoelVeld = Field(
        description="is de aanpak integraal (meerdere leefgebieden samen): ja | deels | nee | onbekend"
    )
    preventie_escalatie: DoelVeld = Field(description="is escalatie voorkomen: ja | deels | nee | onbekend")
    betere_ondersteuning: DoelVeld = Field(description="is de ondersteuning beter: ja | deels | nee | onbekend")
    zelfredzaamheid: DoelVeld = Field(description="is de zelfredzaamheid vergroot: ja | deels | nee | onbekend")

    @field_validator(*DOELEN, mode="before")
    @classmethod
    def _kort(cls, waarde: Any) -> Any:
        return _doel_uit_tekst(waarde)

    def oordeel(self, doel: str) -> str:
        """Het oordeel over `doel` als tekst."""
        gevonden: Doel = getattr(self, doel)
        return gevonden.oordeel


class Inzet(_Model):
    """Eén regel inzet in een traject: een tariefcode, een aantal en wanneer en hoe vaak."""

    tarief: Tekst = Field(description="tariefcode uit de tarieftabellen, bijvoorbeeld hbh_uur")
    aantal: float = Field(
        ge=0,
        le=1_000_000_000,
        allow_inf_nan=False,
        description="eenheden per keer (uren, contacten, dagen, trajecten ...)",
    )
    per: Per | None = Field(default=None, description="dag | week | 2 weken | maand | kwartaal | jaar; leeg = eenmalig")
    duur: str | None = Field(default=None, description="bijvoorbeeld '6 maanden' of '10 weken'; alleen met per")
    vanaf_maand: int = Field(default=0, ge=0, description="maand (vanaf 0) waarin de inzet begint")
    kans: float = Field(
        default=1.0, ge=0, le=1, allow_inf_nan=False, description="kans (0..1) dat de inzet plaatsvindt"
    )
    toelichting: str | None = Field(default=None, description="korte uitleg")

    @field_validator("tarief")
    @classmethod
    def _code_klein(cls, waarde: str) -> str:
        # tariefcodes zijn hoofdletterongevoelig (zie invoer.tarieven.tariefcode): één vorm voor elke uitvoer
        return waarde.lower()

    @field_validator("duur")
    @classmethod
    def _duur_leesbaar(cls, waarde: str | None, info: ValidationInfo) -> str | None:
        if waarde is not None:
            lees_duur(waarde)
            if "per" in info.data and info.data["per"] is None:
                raise ValueError(
                    "'duur' kan alleen samen met 'per' (bijvoorbeeld per: week); een eenmalige inzet heeft geen duur"
                )
        return waarde

    @field_validator("aantal", mode="before")
    @classmethod
    def _geen_ja_nee(cls, waarde: Any) -> Any:
        return geen_getal_als_tekst(waarde)

    @field_validator("kans", mode="before")
    @classmethod
    def _kans_geen_tekst(cls, waarde: Any) -> Any:
        return kans_geen_tekst(waarde)

    @field_validator("vanaf_maand", mode="before")
    @classmethod
    def _maand_geen_tekst(cls, waarde: Any) -> Any:
        return geen_getal_als_tekst(waarde, geheel=True)


class Gebeurtenis(_Model):
    """Een gebeurtenis in het leven van het huishouden op de tijdlijn van een traject (geen kosten, wel context)."""

    maand: int = Field(ge=0, description="maand (vanaf 0) waarin het gebeurt")
    tekst: Tekst = Field(description="wat er gebeurt, kort; noem mensen bij hun rol, nooit bij naam")

    @field_validator("maand", mode="before")
    @classmethod
    def _maand_geen_tekst(cls, waarde: Any) -> Any:
        return geen_getal_als_tekst(waarde, geheel=True)


class Traject(_Model):
    """Een aanpak: wat er gebeurde (sociaal_team) of zou zijn gebeurd (voor_2015)."""

    beschrijving: str | None = Field(default=None, description="korte beschrijving van de aanpak")
    inzet: tuple[Inzet, ...] = Field(description="lijst van inzetregels; mag leeg zijn")
    gebeurtenissen: tuple[Gebeurtenis, ...] = Field(
        default=(),
        description="gebeurtenissen in het leven van het huishouden (maand en tekst), zoals in een casussessie",
    )


class Trajecten(_Model):
    """De twee trajecten die met elkaar vergeleken worden."""

    voor_2015: Traject = Field(description="hoe het voor 2015 zou zijn gegaan (het contrafeitelijke traject)")
    sociaal_team: Traject = Field(description="wat het sociaal team deed")


#: een id is ook de bestandsnaam van de casus: `.a-01.yaml` is verborgen en telt dan nergens mee
ID_MET_PUNT = (
    "'{id}' begint met een punt; een casus met dat id wordt een verborgen bestand dat controleer en bereken niet "
    "lezen. Laat de punt weg, bijvoorbeeld '{zonder}'"
)


class Casus(_Model):
    """Eén praktijkcasus: de situatie, twee trajecten en de oordelen over de vijf doelen."""

    concept: StrictBool = Field(
        default=False,
        description="true = nog niet af (een concept uit de casussessie); een concept telt nergens mee",
    )
    id: str = Field(pattern=r"^[A-Za-z0-9._-]+$", description="unieke code, letters, cijfers, . _ -")
    gemeente: Tekst = Field(description="de gemeente van het sociaal team")
    team: str | None = Field(default=None, description="naam van het team")
    teammodel: Teammodel | None = Field(default=None, description="Movisie-teammodel A1, A2, B of C")
    ingebracht_door: str | None = Field(default=None, description="een rol, nooit een naam")
    datum: dt.date = Field(description="wanneer de casus is beschreven, JJJJ-MM-DD")
    prijspeil: int | None = Field(
        default=None, ge=1900, le=2200, description="welk tariefjaar geldt; standaard het jaar van datum"
    )
    horizon_maanden: int = Field(
        default=12, ge=1, le=120, description="periode in maanden waarover beide trajecten lopen"
    )
    zekerheid: Zekerheid = Field(description="hoe zeker het voor_2015-traject is: hoog, middel of laag")
    onderbouwing: str | None = Field(default=None, description="waarom het voor_2015-traject aannemelijk is")
    leefgebieden: tuple[Leefgebied, ...] = Field(default=(), description="de leefgebieden waarop de casus speelt")
    zwaarte: Zwaarte | None = Field(
        default=None,
        description="enkelvoudig (één leefgebied), meervoudig (meerdere) of complex (zware meervoudige problematiek)",
    )
    selectie: Selectie | None = Field(
        default=None, description="hoe de casus in het onderzoek kwam: aselect (getrokken) of gekozen; leeg = onbekend"
    )
    situatie: Tekst = Field(description="de situatie, verteld zoals de sociaal werker haar zag")
    trajecten: Trajecten = Field(description="de twee trajecten: voor_2015 en sociaal_team")
    doelen: Doelen = Field(description="het oordeel over elk van de vijf beleidsdoelen")

    @field_validator("id", "gemeente", mode="before")
    @classmethod
    def _getal_als_tekst(cls, waarde: Any) -> Any:
        # `id: 17` of `gemeente: 1` is in YAML een getal; als naam is het gewoon tekst
        if isinstance(waarde, int) and not isinstance(waarde, bool):
            return str(waarde)
        return waarde

    @field_validator("id")
    @classmethod
    def _geen_punt_vooraan(cls, waarde: str) -> str:
        if waarde.startswith("."):
            raise ValueError(ID_MET_PUNT.format(id=waarde, zonder=waarde.lstrip(".") or "A-01"))
        return waarde

    @field_validator("prijspeil", "horizon_maanden", mode="before")
    @classmethod
    def _jaar_geen_tekst(cls, waarde: Any) -> Any:
        return geen_getal_als_tekst(waarde, geheel=True)

    @field_validator("datum", mode="before")
    @classmethod
    def _alleen_een_dag(cls, waarde: Any) -> Any:
        # pydantic leest 0, 1 of -1 als seconden sinds 1970 en een tijdstip als een dag: nooit raden wat bedoeld is
        if isinstance(waarde, dt.datetime):
            raise ValueError(f"datum '{waarde.isoformat()}' heeft een tijd; schrijf alleen de dag als JJJJ-MM-DD")
        if isinstance(waarde, bool | int | float):
            raise ValueError(f"datum '{waarde}' is een getal, geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2016-03-14")
        if isinstance(waarde, str) and re.search(r"\d[T ]\d", waarde.strip()):
            raise ValueError(f"datum '{waarde[:40]}' heeft een tijd; schrijf alleen de dag als JJJJ-MM-DD")
        return waarde

    @property
    def tariefjaar(self) -> int:
        """Het jaar waarvoor tarieven gekozen worden."""
        return self.prijspeil if self.prijspeil is not None else self.datum.year


#: elke sleutel die ergens in een casus kan staan (voor de uitleg bij een inspringfout)
SLEUTELS: frozenset[str] = frozenset(
    naam for model in (Casus, Trajecten, Traject, Inzet, Gebeurtenis, Doelen, Doel) for naam in model.model_fields
)
