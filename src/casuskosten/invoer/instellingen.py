"""Instellingen uit `casuskosten.toml`; elke instelling heeft een gedocumenteerde standaardwaarde.

De getallen van de opschaling (`[opschaling.<gemeente>]`, de `verdeling` en `[formatie]`) kunnen een bron hebben, in
een tabel `bronnen` naast de getallen (`[opschaling.Rotterdam.bronnen]`, `[opschaling.Rotterdam.verdeling.bronnen]`,
`[formatie.bronnen]`). Een getal dat meetelt zonder bron, of met een bron die met "aanname" begint, is een aanname
(`Instellingen.aannames`).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import tomllib
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from ..argumenten import publiek
from ..fouten import InstellingenFout, Melding, Waarschuwing, bedoelde_u, opsomming, os_reden
from ..kleuren import MINIMAAL_CONTRAST, WIT, contrast, tekstkleur
from .modellen import ZWAARTES
from .namen import sleutel
from .tekens import MAX_CIJFERS, cijfers_voor_de_komma, ongeldig_teken, te_veel_cijfers, teksten
from .validatie import vertaal
from .yamlbron import YamlDocument

STANDAARD_BESTAND = "casuskosten.toml"
_UIT_BESTAND = "uit_bestand"  # validatiecontext: de fout wordt vertaald met bestand en regelnummers


#: loopt er al een validatie van een instellingenmodel? Dan vertaalt alleen de buitenste de fout (met het hele pad)
_IN_VALIDATIE: ContextVar[bool] = ContextVar("casuskosten_instellingen_validatie", default=False)


class _Model(BaseModel):
    # strict: `hoog = true` of `seed = true` is geen getal (zonder strict werd true stil 1,0: elke kosten 0)
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    @model_validator(mode="wrap")
    @classmethod
    def _nederlandse_fout(cls, data: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo) -> Any:
        """Direct gemaakt vanuit Python (`Instellingen(discontovoet=3)`, `Correctie(hoog=2)`): een ongeldige waarde is
        een `InstellingenFout` met een Nederlandse melding in plaats van een Engelse pydantic-fout. Alleen de buitenste
        validatie vertaalt, zodat de melding het hele pad noemt (`correctie.hoog`)."""
        if _IN_VALIDATIE.get() or (info.context and info.context.get(_UIT_BESTAND)):
            return handler(data)  # binnen een ander model, of laad_instellingen vertaalt zelf met bestand en regels
        teken = _IN_VALIDATIE.set(True)
        try:
            return handler(data)
        except ValidationError as fout:
            document = YamlDocument(f"{cls.__name__}(...)", data, {}, "")
            raise InstellingenFout(vertaal(fout, document, cls)) from None
        finally:
            _IN_VALIDATIE.reset(teken)


class _PerNiveau(_Model):
    """Eén getal per niveau (hoog, middel, laag): zekerheid van een casus of betrouwbaarheid van een tarief."""

    def voor(self, niveau: str) -> float:
        """Het getal bij dit niveau."""
        waarde: float = getattr(self, niveau)
        return waarde


class Correctie(_PerNiveau):
    """Aandeel waarmee de kosten van het voor_2015-traject verlaagd worden, naar zekerheid (optimism bias)."""

    hoog: float = Field(default=0.0, ge=0, le=1, description="correctie bij zekerheid hoog")
    middel: float = Field(default=0.20, ge=0, le=1, description="correctie bij zekerheid middel")
    laag: float = Field(default=0.40, ge=0, le=1, description="correctie bij zekerheid laag")


class Tariefspreiding(_PerNiveau):
    """Hoe ver een tarief er naar boven of beneden naast kan zitten (95%), naar de betrouwbaarheid van de tariefrij."""

    hoog: float = Field(default=0.10, ge=0, le=2, description="spreiding bij betrouwbaarheid hoog (0,10 = ±10%)")
    middel: float = Field(default=0.25, ge=0, le=2, description="spreiding bij betrouwbaarheid middel")
    laag: float = Field(default=0.50, ge=0, le=2, description="spreiding bij betrouwbaarheid laag")


class Kansconcentratie(_PerNiveau):
    """Hoe vast een kans ligt (de k van Beta(kans x k, (1 - kans) x k)), naar de zekerheid van de casus."""

    hoog: float = Field(default=40.0, gt=0, le=100_000, description="concentratie bij zekerheid hoog")
    middel: float = Field(default=15.0, gt=0, le=100_000, description="concentratie bij zekerheid middel")
    laag: float = Field(default=6.0, gt=0, le=100_000, description="concentratie bij zekerheid laag")


class Onzekerheid(_Model):
    """De bronnen van onzekerheid die de simulatie (PSA) trekt; elke bron is uit te zetten (dan telt de puntwaarde)."""

    steekproef: bool = Field(
        default=True,
        description="onzekerheid doordat het maar n casussen zijn (Student-t rond het gemiddelde)",
    )
    tarieven: bool = Field(default=True, description="onzekerheid in de tarieven (lognormale prijsfactor)")
    kansen: bool = Field(default=True, description="onzekerheid in de kansen (Beta, maal de kansfactor)")
    kansfactor: float = Field(
        default=0.15,
        ge=0,
        le=2,
        description="sigma van de gedeelde kansfactor (lognormaal, mediaan 1): alle kansen samen te hoog of te laag; "
        "0 = uit. Een aanname, geen gemeten waarde",
    )
    tariefspreiding: Tariefspreiding = Field(default_factory=Tariefspreiding)
    kansconcentratie: Kansconcentratie = Field(default_factory=Kansconcentratie)


class Huisstijl(_Model):
    """Huisstijl van rapporten (organisatie, logo, hoofdkleur)."""

    organisatie: str = Field(default="", description="naam van de organisatie op elk rapport")
    logo: str | None = Field(default=None, description="pad naar een PNG- of JPG-logo")
    kleur: str = Field(default="#1f5f8b", description="hoofdkleur als #rrggbb")

    @field_validator("kleur")
    @classmethod
    def _kleur(cls, kleur: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", kleur):
            raise ValueError(f"kleur '{kleur[:40]}' is geen kleurcode; schrijf #rrggbb, bijvoorbeeld #1f5f8b")
        return kleur

    @property
    def tekstkleur(self) -> str:
        """De kleur van tekst in de huisstijl (koppen): `kleur`, of een donkerder tint van dezelfde kleurtoon als
        `kleur` op wit onder 4,5:1 blijft (zie `kleuren.tekstkleur`)."""
        return tekstkleur(self.kleur)

    @field_validator("logo")
    @classmethod
    def _logo(cls, logo: str | None) -> str | None:
        if logo:
            lees_logo(Path(logo))  # al bij het laden, zodat ook `controleer` een kapot logo meldt
        return logo


#: grootste logobestand; een logo van enkele megabytes maakt elk HTML-rapport even groot
LOGO_MAX_BYTES = 2 * 1024 * 1024
#: grootste logo in beeldpunten (een klein bestand kan uitpakken tot een enorm plaatje)
LOGO_MAX_PIXELS = 25_000_000
_LOGO_SOORTEN = ((b"\x89PNG\r\n\x1a\n", "image/png", "PNG"), (b"\xff\xd8\xff", "image/jpeg", "JPEG"))


def lees_logo(pad: Path) -> tuple[str, bytes]:
    """Het MIME-type en de inhoud van logo `pad`, als het echt een PNG of JPEG is; anders `ValueError` (Nederlands).

    Gekeken wordt naar de inhoud, niet naar de naam: alleen een bestand dat met de handtekening van PNG of JPEG
    begint én door Pillow helemaal gelezen kan worden, komt in een rapport. Een ander bestand (`../../etc/passwd`)
    komt er dus nooit in, waar het ook staat.
    """
    try:
        if not pad.is_file():
            raise ValueError(f"logobestand {pad} bestaat niet; geef een PNG- of JPEG-bestand op")
        if pad.stat().st_size > LOGO_MAX_BYTES:
            raise ValueError(f"logobestand {pad} is groter dan {LOGO_MAX_BYTES // (1024 * 1024)} MB; maak het kleiner")
        inhoud = pad.read_bytes()
    except OSError as fout:
        raise ValueError(f"logobestand {pad} is niet te lezen ({os_reden(fout)})") from None
    soort = next(((mime, naam) for kop, mime, naam in _LOGO_SOORTEN if inhoud.startswith(kop)), None)
    if soort is None:
        raise ValueError(f"logobestand {pad} is geen PNG- of JPEG-afbeelding; geef een PNG- of JPEG-bestand op")
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(inhoud), formats=[soort[1]]) as beeld:
                if beeld.width * beeld.height > LOGO_MAX_PIXELS:
                    raise ValueError("te veel beeldpunten")
                beeld.load()  # leest alle beeldpunten: een afgekapt of kapot bestand valt hier af
    except Exception:  # Pillow geeft bij kapotte bestanden allerlei fouten; voor de gebruiker is het er één
        raise ValueError(
            f"logobestand {pad} is geen leesbare {soort[1]}-afbeelding (kapot, afgekapt of te groot); "
            "sla het logo opnieuw op als PNG of JPEG"
        ) from None
    return soort[0], inhoud


class _Bronnen(_Model):
    """De tabel `bronnen` naast de getallen van een tabel: per getal de bron als tekst (jaarverslag, pagina, jaar).

    Alleen de getallen van de tabel zelf mogen erin (een andere sleutel is een fout met bedoelde u); een getal zonder
    bron, of met een bron die met "aanname" begint (zoals in de tarieftabellen), is een aanname. In de JSON staan
    alleen de gegeven bronnen.
    """

    @field_validator("*")
    @classmethod
    def _niet_leeg(cls, bron: str | None) -> str | None:
        if bron is not None and not bron.strip():
            raise ValueError(
                "een lege bron zegt niets; noem de bron (jaarverslag, pagina, jaar), of laat de regel weg: dan is het "
                "getal een aanname"
            )
        return bron

    @model_serializer(mode="wrap")
    def _alleen_gegeven(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        gegeven: dict[str, Any] = handler(self)
        return {veld: bron for veld, bron in gegeven.items() if bron is not None}

    def voor(self, veld: str) -> str | None:
        """De bron van getal `veld`, of None."""
        bron: str | None = getattr(self, veld)
        return bron


def _bronveld(getal: str) -> Any:
    return Field(default=None, description=f"de bron van {getal} (tekst); zonder bron is {getal} een aanname")


class VerdelingBronnen(_Bronnen):
    """De bronnen van de aantallen per zwaarte (`[opschaling.<gemeente>.verdeling.bronnen]`)."""

    enkelvoudig: str | None = _bronveld("enkelvoudig")
    meervoudig: str | None = _bronveld("meervoudig")
    complex: str | None = _bronveld("complex")


class OpschalingBronnen(_Bronnen):
    """De bronnen van de getallen van één gemeente (`[opschaling.<gemeente>.bronnen]`)."""

    casussen_per_jaar: str | None = _bronveld("casussen_per_jaar")
    fte: str | None = _bronveld("fte")


class FormatieBronnen(_Bronnen):
    """De bronnen van de getallen van de formatie (`[formatie.bronnen]`)."""

    productieve_uren_per_fte: str | None = _bronveld("productieve_uren_per_fte")
    kosten_per_fte: str | None = _bronveld("kosten_per_fte")


class Verdeling(_Model):
    """De caseload van een jaar per zwaarte (huishoudens); een zwaarte die ontbreekt telt als 0."""

    enkelvoudig: int = Field(default=0, ge=0, le=10_000_000, description="huishoudens met één leefgebied per jaar")
    meervoudig: int = Field(default=0, ge=0, le=10_000_000, description="huishoudens met meerdere leefgebieden")
    complex: int = Field(default=0, ge=0, le=10_000_000, description="huishoudens met zware meervoudige problematiek")
    bronnen: VerdelingBronnen = Field(
        default_factory=VerdelingBronnen, description="per aantal de bron; een aantal zonder bron is een aanname"
    )

    def aantallen(self) -> dict[str, int]:
        """Per zwaarte (in de vaste volgorde) het aantal huishoudens per jaar."""
        return {z: int(getattr(self, z)) for z in ZWAARTES}


class Opschaling(_Model):
    """Hoeveel huishoudens de sociale teams van één gemeente per jaar helpen, en met hoeveel fte."""

    casussen_per_jaar: int = Field(
        gt=0,
        le=10_000_000,
        description="nieuwe huishoudens per jaar (instroom) die de teams gaan ondersteunen, niet de caseload op één "
        "moment",
    )
    fte: float | None = Field(default=None, gt=0, le=1_000_000, description="de huidige formatie van de teams (fte)")
    verdeling: Verdeling | None = Field(default=None, description="de caseload per zwaarte; samen casussen_per_jaar")
    bronnen: OpschalingBronnen = Field(
        default_factory=OpschalingBronnen,
        description="per getal (casussen_per_jaar, fte) de bron; een getal zonder bron is een aanname",
    )

    @field_validator("verdeling")
    @classmethod
    def _telt_op(cls, verdeling: Verdeling | None, info: ValidationInfo) -> Verdeling | None:
        totaal = info.data.get("casussen_per_jaar")
        if verdeling is not None and totaal is not None:
            aantallen = verdeling.aantallen()
            som = sum(aantallen.values())
            if som != totaal:
                delen = " + ".join(f"{z} {n}" for z, n in aantallen.items() if n)
                raise ValueError(
                    f"de verdeling telt op tot {som} ({delen or 'niets'}), maar casussen_per_jaar is {totaal}; "
                    "laat enkelvoudig + meervoudig + complex optellen tot casussen_per_jaar"
                )
        return verdeling


class Formatie(_Model):
    """Hoe teamuren naar fte gaan: welke tariefcodes uren van het team zelf zijn, en productieve uren per fte."""

    teamuren_tarieven: tuple[str, ...] = Field(
        default=("wijkteam_uur",), description="tariefcodes (eenheid uur) die uren van het sociaal team zelf zijn"
    )
    # minstens 100: minder is geen formatie maar een tikfout, en bijna 0 gaf `benodigde_fte: Infinity`
    productieve_uren_per_fte: float = Field(
        default=1300.0, ge=100, le=8760, description="uren per fte per jaar die aan huishoudens besteed worden"
    )
    kosten_per_fte: float | None = Field(
        default=None,
        gt=0,
        le=10_000_000,
        description="wat één fte van het team per jaar kost, in euro op het prijspeil van de uitkomsten (loon, "
        "werkgeverslasten, opleiding, overhead); met fte per gemeente geeft het de hele kosten van het team",
    )
    bronnen: FormatieBronnen = Field(
        default_factory=FormatieBronnen,
        description="per getal (productieve_uren_per_fte, kosten_per_fte) de bron; zonder bron is het een aanname",
    )

    @field_validator("teamuren_tarieven", mode="before")
    @classmethod
    def _lijst(cls, waarde: Any) -> Any:
        # TOML geeft een lijst; strikt zou alleen een tuple aannemen. Tariefcodes zijn hoofdletterongevoelig.
        waarde = tuple(waarde) if isinstance(waarde, list) else waarde
        if isinstance(waarde, tuple) and all(isinstance(c, str) for c in waarde):
            return tuple(c.lower() for c in waarde)
        return waarde


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
    opschaling: dict[str, Opschaling] = Field(
        default_factory=dict, description="per gemeente (naam zoals in de casussen) de caseload per jaar"
    )
    formatie: Formatie = Field(default_factory=Formatie)

    @field_validator("opschaling")
    @classmethod
    def _een_keer_per_gemeente(cls, opschaling: dict[str, Opschaling]) -> dict[str, Opschaling]:
        gezien: dict[str, str] = {}
        for naam in opschaling:
            eerder = gezien.setdefault(sleutel(naam), naam)
            if eerder != naam:
                raise ValueError(
                    f"gemeente '{naam}' staat twee keer in [opschaling] (ook als '{eerder}'); schrijf elke gemeente "
                    "één keer"
                )
        return opschaling

    @publiek
    def opschaling_voor(self, gemeente: str) -> Opschaling | None:
        """De [opschaling] van `gemeente` (hoofdletters en spelling als in `namen.sleutel`), of None."""
        for naam, waarde in self.opschaling.items():
            if sleutel(naam) == sleutel(gemeente):
                return waarde
        return None

    @publiek
    def getallen(self, gemeente: str | None = None) -> tuple[str, ...]:
        """De paden van de getallen van de opschaling die meetellen, in de volgorde van het bestand.

        Per gemeente in [opschaling] (met `gemeente` alleen die, gespeld als in `opschaling_voor`):
        `opschaling.<gemeente>.casussen_per_jaar`, `.fte` als die gegeven is en met een verdeling alle drie de
        aantallen (`.verdeling.complex`: ook een weggelaten zwaarte telt, als 0). Dan uit [formatie]
        `formatie.productieve_uren_per_fte` (ook de standaardwaarde: de benodigde fte rust erop) en
        `formatie.kosten_per_fte` als die gegeven is en een gemeente `fte` heeft (alleen dan telt hij). Zonder
        opschaling telt [formatie] niet mee: er is geen begroting.
        """
        paden: list[str] = []
        kosten = False
        for naam, o in self.opschaling.items():
            if gemeente is not None and sleutel(naam) != sleutel(gemeente):
                continue
            paden.append(f"opschaling.{naam}.casussen_per_jaar")
            if o.fte is not None:
                paden.append(f"opschaling.{naam}.fte")
                kosten = True
            if o.verdeling is not None:
                paden.extend(f"opschaling.{naam}.verdeling.{z}" for z in ZWAARTES)
        if paden:
            paden.append("formatie.productieve_uren_per_fte")
            if kosten and self.formatie.kosten_per_fte is not None:
                paden.append("formatie.kosten_per_fte")
        return tuple(paden)

    def waarschuwingen(self) -> tuple[Waarschuwing, ...]:
        """Wat aan deze instellingen bruikbaar is maar aandacht vraagt: een huisstijlkleur die als tekst op wit te
        weinig contrast heeft (de rapporten gebruiken dan een donkerder tint voor tekst)."""
        kleur = self.huisstijl.kleur
        tekst = self.huisstijl.tekstkleur
        if tekst == kleur.lower():
            return ()
        bestand, regel = self.regel_van("huisstijl", "kleur")
        plaats = f"{bestand}:{regel}: " if bestand and regel else f"{bestand}: " if bestand else ""
        was, wordt = _verhouding(contrast(kleur, WIT)), _verhouding(contrast(tekst, WIT))
        melding = (
            f"{plaats}huisstijl.kleur '{kleur}' heeft als tekst op wit een contrast van {was}; tekst vraagt "
            f"minstens {_verhouding(MINIMAAL_CONTRAST)} (WCAG 2.1 AA). De rapporten zetten koppen daarom in {tekst}, "
            f"een donkerder tint van dezelfde kleurtoon ({wordt}); lijnen en vlakken houden {kleur}. Kies zelf een "
            "donkerder kleur om dat te voorkomen"
        )
        return (Waarschuwing("huisstijl_kleur_te_licht", melding, bestand),)

    @publiek
    def aannames(self, gemeente: str | None = None) -> tuple[str, ...]:
        """De getallen die meetellen (`getallen`) zonder bron, of met een bron die met "aanname" begint, als paden
        (`opschaling.Rotterdam.casussen_per_jaar`).

        Een standaardwaarde die een cijfer van de begroting gebruikt (`formatie.productieve_uren_per_fte` zonder
        regel in het bestand) staat er ook in: ook die is een aanname zonder bron. Een getal dat niet gegeven is en
        niets doet (`fte` weggelaten) niet.
        """
        return tuple(p for p in self.getallen(gemeente) if _is_aanname(self.bron(p)))

    @publiek
    def bron(self, pad: str) -> str | None:
        """De bron van het getal op `pad` (`opschaling.Rotterdam.casussen_per_jaar`, `opschaling.Rotterdam.verdeling
        .complex`, `formatie.productieve_uren_per_fte`), of None: zonder bron, of een gemeente zonder [opschaling].

        De gemeente in het pad mag in elke spelling die `opschaling_voor` vindt. Een pad dat geen getal met een bron
        kan zijn, is een `ValueError` met de geldige paden.
        """
        tabel = self._tabel_van(pad)
        return None if tabel is None else tabel[0].bronnen.voor(tabel[1])

    @publiek
    def waarde(self, pad: str) -> int | float | None:
        """Het getal op `pad` (zoals bij `bron`), of None als het niet gegeven is (`fte`, een verdeling, of
        `kosten_per_fte` weggelaten) of de gemeente geen [opschaling] heeft."""
        tabel = self._tabel_van(pad)
        if tabel is None:
            return None
        getal: int | float | None = getattr(tabel[0], tabel[1])
        return getal

    @publiek
    def is_standaard(self, pad: str) -> bool:
        """Staat het getal op `pad` (zoals bij `bron`) niet in de instellingen, zodat zijn standaardwaarde geldt
        (`formatie.productieve_uren_per_fte` zonder regel, een weggelaten zwaarte in de verdeling)?"""
        tabel = self._tabel_van(pad)
        return tabel is not None and tabel[1] not in tabel[0].model_fields_set

    def _tabel_van(self, pad: str) -> tuple[Verdeling | Opschaling | Formatie, str] | None:
        """(de tabel, het veld) van getal `pad`; None als de gemeente of haar verdeling er niet is."""
        if pad.startswith("formatie."):
            veld = pad.removeprefix("formatie.")
            if veld in FORMATIE_GETALLEN:
                return self.formatie, veld
        elif pad.startswith("opschaling."):
            rest = pad.removeprefix("opschaling.")
            # van rechts: een gemeentenaam kan zelf een punt bevatten
            for veld in (*(f"verdeling.{z}" for z in ZWAARTES), *OPSCHALING_GETALLEN):
                if rest.endswith("." + veld) and len(rest) > len(veld) + 1:
                    o = self.opschaling_voor(rest[: -len(veld) - 1])
                    if o is None:
                        return None
                    if veld.startswith("verdeling."):
                        return (o.verdeling, veld.removeprefix("verdeling.")) if o.verdeling is not None else None
                    return o, veld
        geldig = [
            *(f"opschaling.<gemeente>.{v}" for v in OPSCHALING_GETALLEN),
            *(f"opschaling.<gemeente>.verdeling.{z}" for z in ZWAARTES),
            *(f"formatie.{v}" for v in FORMATIE_GETALLEN),
        ]
        voorbeelden = [*self.getallen(), *(f"formatie.{v}" for v in FORMATIE_GETALLEN)]
        raise ValueError(
            f"'{pad}' is geen getal van de opschaling met een bron{bedoelde_u(pad, voorbeelden)}; geldig: "
            f"{opsomming(geldig, 10)}"
        )

    @publiek
    def regel_van(self, *pad: str) -> tuple[str | None, int | None]:
        """(bestand, regel) van een tabel of sleutel in casuskosten.toml, voor meldingen die pas later vallen."""
        bestand, regels = self._bron
        for lengte in range(len(pad), 0, -1):
            if pad[:lengte] in regels:
                return bestand, regels[pad[:lengte]]
        return bestand, None

    #: waar elke instelling vandaan kwam: veld -> (bestand, regel, naam), voor meldingen die pas later vallen
    _herkomst: dict[str, tuple[str | None, int | None, str]] = PrivateAttr(default_factory=dict)
    #: het instellingenbestand en zijn regelkaart (zie `regel_van`)
    _bron: tuple[str | None, dict[tuple[str | int, ...], int]] = PrivateAttr(default=(None, {}))
    #: de SHA-256 van de gelezen bytes van het instellingenbestand
    _sha256: str | None = PrivateAttr(default=None)

    def naar_dict(self) -> dict[str, Any]:
        """De instellingen zoals ze in de JSON-uitvoer staan; een tabel `bronnen` alleen als er een bron in staat."""
        uit: dict[str, Any] = _zonder_lege_bronnen(self.model_dump(mode="json"))
        return uit

    @property
    def bestand(self) -> str | None:
        """Het instellingenbestand waaruit deze instellingen gelezen zijn; None als er geen bestand was."""
        return self._bron[0]

    @property
    def sha256(self) -> str | None:
        """De SHA-256 (hex) van het instellingenbestand zoals het gelezen is; None als er geen bestand was."""
        return self._sha256

    @publiek
    def herkomst(self, veld: str) -> tuple[str | None, int | None, str]:
        """(bestand, regel, naam) van instelling `veld`: de optie (`--prijspeil`) of de regel in casuskosten.toml."""
        return self._herkomst.get(veld, (None, None, veld))


#: de getallen van een gemeente in [opschaling] en van [formatie] die een bron kunnen hebben (naast de verdeling)
OPSCHALING_GETALLEN: tuple[str, ...] = tuple(OpschalingBronnen.model_fields)
FORMATIE_GETALLEN: tuple[str, ...] = tuple(FormatieBronnen.model_fields)


def _is_aanname(bron: str | None) -> bool:
    """Geen bron, of een bron die zegt dat het een aanname is ("aanname: ...", zoals in de tarieftabellen)."""
    return bron is None or bron.strip().lower().startswith("aanname")


def _zonder_lege_bronnen(data: Any) -> Any:
    """`data` zonder de lege tabellen `bronnen` (een tabel zonder bron): de JSON blijft zoals zonder bronnen."""
    if isinstance(data, dict):
        return {k: _zonder_lege_bronnen(v) for k, v in data.items() if not (k == "bronnen" and v == {})}
    return data


def _verhouding(waarde: float) -> str:
    """Een contrastverhouding als "4,59:1", naar beneden afgekapt op twee decimalen: een contrast net onder 4,5 mag
    nooit als "4,5:1" in een melding staan; 4,50 wordt "4,5:1"."""
    afgekapt = f"{math.floor(round(waarde * 100, 6)) / 100:.2f}".rstrip("0").rstrip(".")
    return afgekapt.replace(".", ",") + ":1"


@publiek
def laad_instellingen(pad: Path | str | None = None, **overschrijf: Any) -> Instellingen:
    """Lees `casuskosten.toml` (of `pad`); zonder bestand gelden de standaardwaarden.

    `overschrijf` zijn opties van de opdrachtregel (None betekent: niet opgegeven).
    """
    data: dict[str, Any] = {}
    tekst = ""
    sha256: str | None = None
    bestand = str(pad) if pad is not None else STANDAARD_BESTAND
    bron = Path(bestand)
    if pad is not None and not bron.is_file():
        raise InstellingenFout([Melding(bestand, None, None, "instellingenbestand bestaat niet")])
    if bron.is_file():
        try:
            inhoud = bron.read_bytes()
            sha256 = hashlib.sha256(inhoud).hexdigest()
            tekst = inhoud.decode("utf-8-sig")
            data = tomllib.loads(tekst)
        except UnicodeDecodeError:
            raise InstellingenFout([Melding(bestand, None, None, "bestand is geen UTF-8")]) from None
        except tomllib.TOMLDecodeError as fout:
            regel = re.search(r"line (\d+)", str(fout))
            raise InstellingenFout(
                [Melding(bestand, int(regel.group(1)) if regel else None, None, _toml_fout(str(fout)))]
            ) from None
        # TOMLDecodeError is ook een ValueError, dus eerst die; tomllib zet een geheel getal van duizenden cijfers om
        # en loopt dan op Python's grens
        except ValueError:
            raise InstellingenFout([_te_lang_getal(bestand, tekst)]) from None
    regels = _toml_regels(tekst)
    _geen_stuurtekens(data, bestand, regels)
    _geen_te_lange_getallen(data, bestand, regels)
    data.update({k: v for k, v in overschrijf.items() if v is not None})
    huisstijl = data.get("huisstijl")
    if isinstance(huisstijl, dict) and isinstance(huisstijl.get("logo"), str) and bron.is_file():
        # een logo staat naast het instellingenbestand, niet naast de map waaruit het commando toevallig draait
        logo = Path(huisstijl["logo"]).expanduser()
        if not logo.is_absolute():
            data["huisstijl"] = {**huisstijl, "logo": str(bron.parent / logo)}
    try:
        instellingen = Instellingen.model_validate(data, context={_UIT_BESTAND: True})
    except ValidationError as fout:
        document = YamlDocument(bestand, data, regels, "")
        meldingen = vertaal(fout, document, Instellingen)
        raise InstellingenFout(_met_bronnentip(fout, meldingen)) from None
    if bron.is_file():
        instellingen._bron = (bestand, regels)
        instellingen._sha256 = sha256
    for veld in Instellingen.model_fields:
        if overschrijf.get(veld) is not None:
            instellingen._herkomst[veld] = (None, None, "--" + veld.replace("_", "-"))
        elif (veld,) in regels:
            instellingen._herkomst[veld] = (bestand, regels[(veld,)], veld)
    return instellingen


def _te_lang_getal(bestand: str, tekst: str) -> Melding:
    """De melding voor het eerste getal in `tekst` met meer dan MAX_CIJFERS cijfers (tomllib zegt niet waar)."""
    gevonden = re.search(rf"(?<![0-9_])[0-9][0-9_]{{{MAX_CIJFERS},}}", tekst)
    regel = tekst.count("\n", 0, gevonden.start()) + 1 if gevonden else None
    cijfers = cijfers_voor_de_komma(gevonden.group()) if gevonden else MAX_CIJFERS + 1
    return Melding(bestand, regel, None, f"de waarde {te_veel_cijfers(cijfers)}")


def _geen_te_lange_getallen(data: dict[str, Any], bestand: str, regels: dict[tuple[str | int, ...], int]) -> None:
    """Weiger een geheel getal met meer dan MAX_CIJFERS cijfers, met regel en veld (geen instelling heeft er zoveel)."""
    meldingen = []
    for pad, getal in _getallen(data):
        cijfers = len(str(abs(getal)))
        if cijfers > MAX_CIJFERS:
            regel = next((regels[pad[:n]] for n in range(len(pad), 0, -1) if pad[:n] in regels), None)
            veld = ".".join(str(d) for d in pad)
            meldingen.append(Melding(bestand, regel, veld, f"de waarde {te_veel_cijfers(cijfers)}"))
    if meldingen:
        raise InstellingenFout(meldingen)


def _getallen(data: Any, pad: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], int]]:
    if isinstance(data, int) and not isinstance(data, bool):
        yield pad, data
    elif isinstance(data, dict):
        for sleutel, waarde in data.items():
            yield from _getallen(waarde, (*pad, sleutel))
    elif isinstance(data, list):
        for i, waarde in enumerate(data):
            yield from _getallen(waarde, (*pad, i))


def _geen_stuurtekens(data: dict[str, Any], bestand: str, regels: dict[tuple[str | int, ...], int]) -> None:
    """Weiger een stuurteken of XML-ongeldig teken in een sleutel of tekst (TOML laat ze als escape toe, `"\\u001b"`):
    ze zouden de terminal, de HTML en een xlsx-export bereiken."""
    meldingen = []
    for pad, tekst in teksten(data):
        reden = ongeldig_teken(tekst)
        if reden is not None:
            regel = next((regels[pad[:n]] for n in range(len(pad), 0, -1) if pad[:n] in regels), None)
            veld = ".".join(str(d) for d in pad)
            meldingen.append(Melding(bestand, regel, veld, f"de tekst {reden}"))
    if meldingen:
        raise InstellingenFout(meldingen)


def _tabelkop(*delen: str) -> str:
    """De TOML-kop van een tabel: `[opschaling.Rotterdam.bronnen]`, `[opschaling."Den Haag".bronnen]`."""
    return "[" + ".".join(d if re.fullmatch(r"[A-Za-z0-9_-]+", d) else f'"{d}"' for d in delen) + "]"


def _bronnentip(pad: tuple[str | int, ...], soort: str) -> str | None:
    """Wat er mis is aan een bron op `pad` (de plaats van de fout), of None als de fout niet over bronnen gaat."""
    delen = tuple(str(d) for d in pad)
    voorbeeld = 'casussen_per_jaar = "Jaarverslag wijkteams 2024, p. 12"'
    if delen[:1] in (("opschaling",), ("formatie",)) and delen[-1] == "bron" and soort == "extra_forbidden":
        return (
            f"een bron staat niet naast het getal, maar per getal in een eigen tabel "
            f"{_tabelkop(*delen[:-1], 'bronnen')}, bijvoorbeeld {voorbeeld}"
        )
    if "bronnen" not in delen:
        return None
    plaats = delen.index("bronnen")
    tabel = delen[:plaats]
    if plaats == len(delen) - 1:  # `bronnen = "..."` in plaats van een tabel
        return f"bronnen is een tabel {_tabelkop(*tabel, 'bronnen')} met per getal een bron, bijvoorbeeld {voorbeeld}"
    sleutel_ = delen[plaats + 1]
    if soort == "string_type":
        return (
            f'een bron is tekst tussen aanhalingstekens, bijvoorbeeld {sleutel_} = "Jaarverslag wijkteams 2024, p. 12"'
        )
    if soort != "extra_forbidden":
        return None
    if tabel[:1] == ("opschaling",) and len(tabel) == 2 and sleutel_ in ("verdeling", *ZWAARTES):
        return f"de bronnen van de verdeling staan in {_tabelkop(*tabel, 'verdeling', 'bronnen')}"
    if tabel[-1:] == ("verdeling",) and sleutel_ in OPSCHALING_GETALLEN:
        return f"de bron van {sleutel_} staat in {_tabelkop(*tabel[:-1], 'bronnen')}"
    if tabel[:1] == ("opschaling",) and sleutel_ in FORMATIE_GETALLEN:
        return f"de bron van {sleutel_} staat in {_tabelkop('formatie', 'bronnen')}"
    if tabel == ("formatie",) and sleutel_ in OPSCHALING_GETALLEN:
        return f"de bron van {sleutel_} staat bij de gemeente, in [opschaling.<gemeente>.bronnen]"
    if tabel == ("formatie",) and sleutel_ == "teamuren_tarieven":
        return "teamuren_tarieven is geen getal; de tarieven zelf hebben hun bron in de tarieftabellen"
    return f"{_tabelkop(*tabel, 'bronnen')} geeft alleen de bron van een getal uit {_tabelkop(*tabel)}"


def _met_bronnentip(fout: ValidationError, meldingen: list[Melding]) -> list[Melding]:
    """De meldingen van `vertaal`, met bij een fout in een bron wat daar wel hoort (`_bronnentip`)."""
    uit = []
    for e, melding in zip(fout.errors(include_url=False), meldingen, strict=True):
        tip = _bronnentip(tuple(d for d in e["loc"] if isinstance(d, str | int)), e["type"])
        uit.append(
            melding if tip is None else Melding(melding.bestand, melding.regel, melding.veld, f"{melding.tekst}; {tip}")
        )
    return uit


# tomllib meldt in het Engels; de veelvoorkomende fouten in het Nederlands, met wat wel mag
_TOML_FOUTEN: tuple[tuple[str, str], ...] = (
    (r"Cannot declare \((.*?)\) twice", "tabel [{0}] staat twee keer in het bestand; zet alles onder één kop [{0}]"),
    (r"Cannot overwrite a value", "deze sleutel heeft al een waarde (staat hij twee keer in dezelfde tabel?)"),
    (r"Cannot mutate immutable namespace", "deze sleutel of tabel is al eerder vastgelegd; schrijf hem één keer"),
    (r"Expected '\]' at the end of a table declaration", "']' ontbreekt aan het eind van de tabelkop"),
    (r"Illegal character", "ongeldig teken; sluit tekst af met een aanhalingsteken op dezelfde regel"),
    (r"Invalid value", "ongeldige waarde; schrijf tekst tussen aanhalingstekens, getallen met een punt, of true/false"),
    (r"Expected '=' after a key", "'=' ontbreekt na de sleutel; schrijf sleutel = waarde"),
    (r"Expected newline or end of document", "na een waarde hoort een nieuwe regel (voorloopnul of twee waarden?)"),
    (r"Invalid (?:statement|initial character for a key part)", "ongeldige regel; schrijf sleutel = waarde of [tabel]"),
)


def _toml_fout(tekst: str) -> str:
    """De TOML-syntaxfout in het Nederlands (met kolom); een onbekende fout in algemene woorden."""
    kolom = re.search(r"column (\d+)", tekst)
    waar = f" (kolom {kolom.group(1)})" if kolom else ""
    for patroon, uitleg in _TOML_FOUTEN:
        treffer = re.search(patroon, tekst)
        if treffer:
            delen = [".".join(re.findall(r"'([^']*)'", g)) for g in treffer.groups()]
            return f"TOML-syntaxfout{waar}: {uitleg.format(*delen)}"
    return f"TOML-syntaxfout{waar}: controleer aanhalingstekens, '=' en de [tabelkoppen] op deze regel"


# een deel van een tabelnaam: kaal (opschaling) of tussen aanhalingstekens ("Den Haag")
_TOML_DEEL = r"[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'"
_TOML_KOP = re.compile(rf"^\s*\[\s*((?:{_TOML_DEEL})(?:\s*\.\s*(?:{_TOML_DEEL}))*)\s*\]")


def _toml_regels(tekst: str) -> dict[tuple[str | int, ...], int]:
    """Een eenvoudige regelkaart voor TOML: `[tabel]` (ook `[opschaling."Den Haag"]`) en `sleutel =` per regel."""
    regels: dict[tuple[str | int, ...], int] = {}
    tabel: tuple[str, ...] = ()
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        kop = _TOML_KOP.match(regel)
        if kop:
            tabel = tuple(d.strip("\"'") for d in re.findall(_TOML_DEEL, kop.group(1)))
            regels.setdefault(tabel, nummer)
            if tabel and tabel[0] not in Instellingen.model_fields:
                # `[opschalingen.Alfa]` (tikfout): de onbekende tabel opschalingen begint op deze regel; bij een
                # bekende tabel wijst een melding over de hele tabel liever naar geen regel dan naar een gemeente
                regels.setdefault(tabel[:1], nummer)
            continue
        sleutelregel = re.match(r"^\s*([A-Za-z0-9_]+)\s*=", regel)
        if sleutelregel:
            regels.setdefault((*tabel, sleutelregel.group(1)), nummer)
    return regels
