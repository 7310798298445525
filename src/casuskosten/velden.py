"""De verklaring van de uitvoer: bij elk veld van een resultaatwaarde één keer zijn betekenis, eenheid en schaal.

Alles wat een resultaat naar buiten brengt leest alleen deze verklaring:

- `naar_json`: de JSON van `bereken --json` (bedragen onafgerond, percentages 0..100, aandelen 0..1);
- `plat` en `kolommen`: de rijen en kolommen van de tabellen (export en `Resultaat.tabel`), met `uitleg` per kolom;
- `json_schema`: het gepubliceerde JSON Schema van de uitvoer (`casuskosten schema --uitvoer`).

Een resultaatwaarde is een bevroren dataclass waarvan elk veld met `veld(...)` is verklaard. Een veld zonder
verklaring is een programmeerfout (`TypeError` bij het eerste gebruik), zodat er geen cijfer ongedocumenteerd naar
buiten kan. Hoe een veld in JSON en in een tabel komt, volgt uit zijn type:

| type                              | JSON                          | tabel                                   |
|-----------------------------------|-------------------------------|-----------------------------------------|
| getal, tekst, None                | de waarde                     | één kolom                               |
| `Interval` (laag, hoog)           | `[laag, hoog]`                | `<naam>_laag`, `<naam>_hoog`            |
| een resultaatwaarde               | object                        | `<naam>_<veld>` per veld                |
| `dict[str, getal of tekst]`       | object                        | `<naam>_<sleutel>` per sleutel          |
| `dict[str, waarde]`, rij waarden  | object per sleutel, of lijst  | `<naam>_<sleutel>_<veld>`; of `tabel=`  |
| `tuple[int, ...]`                 | lijst                         | één kolom, komma-gescheiden             |
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: een 95%-interval: (laag, hoog)
Interval = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Eenheid:
    """De eenheid en schaal van een veld, zoals een lezer van de uitvoer die moet weten."""

    naam: str
    omschrijving: str
    json_type: str  # number | integer | string | boolean
    #: de Excel-notatie; None: geen
    notatie: str | None = None
    #: in Excel gedeeld door 100 (een percentage 0..100 wordt een breuk met procentnotatie)
    als_breuk: bool = False


def notatie_zonder_min_nul(getal: str, voor: str = "") -> str:
    """Een Excel-notatie die een negatief getal schrijft als `€ -1.671` (net als PDF, HTML en terminal; niet Excels
    "-€ 1.671") en nooit "-0": wat op nul afrondt (-0,4 bij hele euro's) is "€ 0"; het getal in de cel blijft exact.

    Drie delen met voorwaarden in plaats van het gewone positief;negatief: [>=d] positief, [<=-d] negatief met een
    geschreven minteken, en de rest (|x| < d, d de helft van de laatste decimaal) als vaste tekst "€ 0" of "0%"
    zonder cijferplaats, zodat er geen minteken bij kan komen (en geen decimaalteken dat per taal verschilt). Zo is
    -0,5 "€ -1" (half van nul af, zoals Excel en LibreOffice afronden) en -0,49 "€ 0".

    Nagekeken in LibreOffice 7.4 (xlsx naar PDF, bekeken en met `pdftotext`): deze notatie geeft voor -0,4 / -0,5 /
    -3 / 0 / 2 / -1234,56 "€ 0", "€ -1", "€ -3", "€ 0", "€ 2", "€ -1,235" (Engelse scheidingstekens van die
    installatie). Het negatieve deel moet het tweede zijn: een eerste deel `[<=-0.5]"€" -#,##0` krijgt in
    LibreOffice nog een eigen minteken ervoor ("-€ -1"). Excel (volgens SheetJS' nabootsing `ssf`) toont in een deel
    met een "-" direct voor het getal de absolute waarde; in Excel zelf niet nagekeken.
    """
    decimalen = len(getal.split(".")[1].rstrip("%")) if "." in getal else 0
    schaal = 2 if getal.endswith("%") else 0  # 0,0% van een breuk: de laatste decimaal is 0,001 van de waarde
    drempel = format(0.5 * 10 ** -(decimalen + schaal), f".{decimalen + schaal + 1}f")
    nul = f'"{voor.replace(chr(34), "")}0{"%" if schaal else ""}"'
    return f"[>={drempel}]{voor}{getal};[<=-{drempel}]{voor}-{getal};{nul}"


_EURO = notatie_zonder_min_nul("#,##0", '"€" ')
_EURO_CENTEN = notatie_zonder_min_nul("#,##0.00", '"€" ')
_PROCENT = notatie_zonder_min_nul("0.0%")
_GEHEEL = "#,##0"  # een geheel getal kan niet op -0 afronden
_EEN_DECIMAAL = notatie_zonder_min_nul("#,##0.0")
_TWEE_DECIMALEN = notatie_zonder_min_nul("#,##0.00")

EURO = Eenheid("euro", "euro op het prijspeil, onafgerond, contant gemaakt over de horizon", "number", _EURO)
EURO_PER_CASUS_PER_JAAR = Eenheid(
    "euro per casus per jaar",
    "euro per huishouden per jaar (12 maanden), op het prijspeil, onafgerond",
    "number",
    _EURO,
)
EURO_PER_JAAR = Eenheid("euro per jaar", "euro per jaar voor de hele caseload, op het prijspeil", "number", _EURO)
PRIJS = Eenheid("euro per eenheid", "euro per eenheid van het tarief, met centen", "number", _EURO_CENTEN)
PROCENT = Eenheid(
    "procent", "procent op de schaal 0..100 (in Excel een breuk met procentnotatie)", "number", _PROCENT, True
)
AANDEEL = Eenheid("aandeel", "breuk op de schaal 0..1 (in Excel met procentnotatie)", "number", _PROCENT)
KANS = Eenheid("kans", "kans op de schaal 0..1 (in Excel met procentnotatie)", "number", _PROCENT)
AANTAL = Eenheid("aantal", "geheel aantal", "integer", _GEHEEL)
GETAL = Eenheid("getal", "getal zonder eenheid (een hoeveelheid of factor)", "number", _TWEE_DECIMALEN)
MAANDEN = Eenheid("maanden", "aantal maanden", "integer", _GEHEEL)
UREN = Eenheid("uren", "uren per casus per jaar", "number", _EEN_DECIMAAL)
FTE = Eenheid("fte", "voltijdbanen (in Excel met één decimaal)", "number", _EEN_DECIMAAL)
JAAR = Eenheid("jaar", "kalenderjaar", "integer", "0")
DATUM = Eenheid("datum", "datum als JJJJ-MM-DD", "string", "yyyy-mm-dd")
TEKST = Eenheid("tekst", "tekst", "string")
CODE = Eenheid("code", "een vaste code (zie de mogelijke waarden)", "string")
SHA256 = Eenheid("sha256", "SHA-256 van de inhoud, 64 hexadecimale tekens", "string")


@dataclass(frozen=True, slots=True)
class Veld:
    """De verklaring van één veld."""

    betekenis: str
    eenheid: Eenheid
    #: de mogelijke waarden van een code
    waarden: tuple[str, ...] = ()
    #: bij een dict: de mogelijke sleutels (voor het schema en de kolommen); leeg: vrij
    sleutels: tuple[str, ...] = ()
    #: bij een rij waarden: in JSON een object met dit veld als sleutel (het veld zelf staat er dan niet in)
    sleutel: str | None = None
    #: bij waarden: in de export een eigen tabel met deze naam (één rij per waarde, met de sleutel van de ouder)
    tabel: str | None = None
    #: het voorvoegsel van de kolommen bij plat maken; None: `<naam>_`
    voorvoegsel: str | None = None
    #: in JSON weglaten als de waarde None is (in plaats van null)
    weglaten_als_none: bool = False
    #: niet in de tabellen (wel in JSON), bijvoorbeeld omdat het een eigen tabel is die elders wordt gemaakt
    in_tabel: bool = True
    #: de waarde in een tabel als die None is (bijvoorbeeld "Totaal" voor de gemeente van het totaal)
    leeg_in_tabel: str | None = None


def veld(betekenis: str, eenheid: Eenheid, *, standaard: Any = dataclasses.MISSING, **opties: Any) -> Any:
    """Een verklaard dataclass-veld: `aantal: int = veld("aantal casussen", AANTAL)`."""
    metadata = {"veld": Veld(betekenis, eenheid, **opties)}
    if standaard is dataclasses.MISSING:
        return dataclasses.field(metadata=metadata)
    return dataclasses.field(default=standaard, metadata=metadata)


# --- soorten velden, afgeleid uit het type -------------------------------------------------------------------------

_SCALAIR = "scalair"
_INTERVAL = "interval"
_WAARDE = "waarde"
_DICT_SCALAIR = "dict_scalair"
_DICT_WAARDEN = "dict_waarden"
_RIJ_WAARDEN = "rij_waarden"
_RIJ_SCALAIR = "rij_scalair"


@dataclass(frozen=True, slots=True)
class _Plan:
    """Hoe één veld wordt omgezet: naam, verklaring, soort en (bij waarden) de klasse van de waarden."""

    naam: str
    veld: Veld
    soort: str
    klasse: type | None
    optioneel: bool
    python_type: Any


def _zonder_none(hint: Any) -> tuple[Any, bool]:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]), True  # noqa: UP007 - samengestelde rest
    return hint, False


def _soort(hint: Any) -> tuple[str, type | None]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if args == (float, float):
            return _INTERVAL, None
        if len(args) == 2 and args[1] is Ellipsis:
            if dataclasses.is_dataclass(args[0]):
                return _RIJ_WAARDEN, typing.cast("type", args[0])
            return _RIJ_SCALAIR, None
    if origin is dict:
        waarde, _ = _zonder_none(args[1])
        if dataclasses.is_dataclass(waarde):
            return _DICT_WAARDEN, typing.cast("type", waarde)
        return _DICT_SCALAIR, None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _WAARDE, hint
    return _SCALAIR, None


def plannen(klasse: type) -> tuple[_Plan, ...]:
    """De velden van een resultaatwaarde met hun verklaring, in de volgorde van de klasse."""
    plan = _PLANNEN.get(klasse)
    if plan is None:
        plan = _PLANNEN[klasse] = _maak_plannen(klasse)
    return plan


_PLANNEN: dict[type, tuple[_Plan, ...]] = {}


def _maak_plannen(klasse: type) -> tuple[_Plan, ...]:
    hints = typing.get_type_hints(klasse)
    uit = []
    for f in dataclasses.fields(klasse):
        verklaring = f.metadata.get("veld")
        if not isinstance(verklaring, Veld):
            raise TypeError(f"{klasse.__name__}.{f.name} heeft geen verklaring (veld(...))")
        hint, optioneel = _zonder_none(hints[f.name])
        soort, deel = _soort(hint)
        uit.append(_Plan(f.name, verklaring, soort, deel, optioneel, hint))
    return tuple(uit)


# --- JSON ----------------------------------------------------------------------------------------------------------


def json_getal(waarde: Any) -> Any:
    """numpy- en pandas-waarden als gewone Python-waarden; NaN wordt None."""
    if waarde is None:
        return None
    if hasattr(waarde, "item") and not isinstance(waarde, str):
        waarde = waarde.item()
    if isinstance(waarde, float) and math.isnan(waarde):
        return None
    return waarde


def naar_json(waarde: Any) -> dict[str, Any]:
    """Een resultaatwaarde als JSON-object, veld voor veld volgens de verklaring."""
    uit: dict[str, Any] = {}
    for plan in plannen(type(waarde)):
        deel = getattr(waarde, plan.naam)
        if deel is None and plan.veld.weglaten_als_none:
            continue
        uit[plan.naam] = _json_deel(plan, deel)
    return uit


def _json_deel(plan: _Plan, deel: Any) -> Any:
    if deel is None:
        return None
    if plan.soort == _SCALAIR:
        return json_getal(deel)
    if plan.soort in (_INTERVAL, _RIJ_SCALAIR):
        return [json_getal(w) for w in deel]
    if plan.soort == _WAARDE:
        return naar_json(deel)
    if plan.soort == _DICT_SCALAIR:
        return {k: json_getal(w) for k, w in deel.items()}
    if plan.soort == _DICT_WAARDEN:
        return {k: naar_json(w) for k, w in deel.items()}
    sleutel = plan.veld.sleutel
    if sleutel is None:
        return [naar_json(w) for w in deel]
    return {getattr(w, sleutel): {k: v for k, v in naar_json(w).items() if k != sleutel} for w in deel}


# --- tabellen ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kolom:
    """Eén kolom van een tabel: naam, betekenis en eenheid (voor het werkblad uitleg en de Excel-notatie)."""

    naam: str
    betekenis: str
    eenheid: Eenheid

    @property
    def label(self) -> str:
        """De kop voor een lezer (rij 2 van de Excel-export), zie `label`."""
        return label(self.naam, self.eenheid)


#: woorden van kolomnamen die een lezer anders schrijft; de rest blijft zoals het is
_LABELWOORDEN = {
    "pct": "%",
    "ci95": "95%-interval",
    "interval95": "95%-interval",
    "evpi": "EVPI",
    "evppi": "EVPI per bron",
    "se": "standaardfout",
    "id": "id",
    "fte": "fte",
    "financien": "financiën",
}
_LABELREEKSEN = (
    ("voor_2015", "vóór 2015"),
    ("sociaal_team", "sociaal team"),
    ("per_casus_per_jaar", "per casus per jaar"),
    ("invloedrijkste_casus_besparing_pct_zonder", "besparing_pct_zonder_invloedrijkste_casus"),
)
#: geneste namen die een lezer in zijn eigen woorden leest (de perspectieven zoals in de rapporten)
_LABELPATRONEN = (
    (r"per_perspectief_maatschappelijk_", "voor de samenleving,_"),
    (r"per_perspectief_collectief_", "voor overheid en zorgverzekeraars,_"),
    (r"per_perspectief_gemeente_", "voor de gemeentebegroting,_"),
    (r"bronnen_([a-z]+)_aandeel_variantie", r"aandeel van de variantie uit de \1"),
    (r"bronnen_([a-z]+)_evppi", r"EVPI van de \1"),
    (r"omslagpunten_", "omslagpunt_"),
)
#: de eenheid achter de kop, als de kolomnaam hem niet al noemt
_LABELEENHEDEN = {
    "euro": "€",
    "euro per casus per jaar": "€ per casus per jaar",
    "euro per jaar": "€ per jaar",
    "euro per eenheid": "€",
    "uren": "uren",
    "maanden": "maanden",
}


def _zonder_herhaling(woorden: list[str]) -> list[str]:
    """Zonder een staart van twee of meer woorden die er al eerder stond: `besparing per jaar gedekt besparing per
    jaar` (een waarde `besparing` in het veld `besparing_per_jaar_gedekt`) wordt `besparing per jaar gedekt`."""
    for lengte in range(len(woorden) // 2, 1, -1):
        staart = woorden[-lengte:]
        voor = woorden[:-lengte]
        if any(voor[i : i + lengte] == staart for i in range(len(voor) - lengte + 1)):
            return voor
    return woorden


def label(naam: str, eenheid: Eenheid) -> str:
    """Een leesbare Nederlandse kop bij een kolomnaam: `kosten_voor_2015` met eenheid euro wordt
    "Kosten vóór 2015 (€)", `besparing_pct_ci95_laag` "Besparing % 95%-interval laag", `benodigde_fte`
    "Benodigde fte". De eenheid staat erachter tussen haakjes, zonder wat de naam al zegt: `besparing_per_jaar_gedekt`
    in euro per jaar wordt "Besparing per jaar gedekt (€)", `teamuren_per_casus_per_jaar` in uren krijgt niets."""
    tekst = naam
    for patroon, leesbaar in _LABELPATRONEN:
        tekst = re.sub(patroon, leesbaar.replace(" ", "\0"), tekst)
    for reeks, leesbaar in _LABELREEKSEN:
        tekst = tekst.replace(reeks, leesbaar.replace(" ", "\0"))
    woorden = [_LABELWOORDEN.get(w, w) for w in tekst.split("_")]
    tekst = " ".join(_zonder_herhaling(" ".join(woorden).replace("\0", " ").split(" ")))
    achter = _LABELEENHEDEN.get(eenheid.naam)
    if achter is not None:
        zonder_euro = achter.removeprefix("€").strip()
        # "besparing per casus per jaar" in € per casus per jaar: alleen het teken; "teamuren" in uren of "vanaf
        # maand" in maanden: niets
        if zonder_euro and (zonder_euro in tekst or zonder_euro.removesuffix("en") in tekst.split(" ")):
            achter = "€" if achter.startswith("€") else None
        if achter is not None:
            tekst = f"{tekst} ({achter})"
    elif eenheid.als_breuk or eenheid.naam in ("aandeel", "kans"):
        tekst = tekst if "%" in tekst else f"{tekst} (%)"
    return tekst[:1].upper() + tekst[1:]


def _voorvoegsel(plan: _Plan) -> str:
    return plan.veld.voorvoegsel if plan.veld.voorvoegsel is not None else f"{plan.naam}_"


def kolommen(klasse: type, voorvoegsel: str = "", betekenis: str = "") -> list[Kolom]:
    """De kolommen van een platgemaakte resultaatwaarde (zonder de velden met een eigen tabel)."""
    uit: list[Kolom] = []
    for plan in plannen(klasse):
        if not plan.veld.in_tabel or plan.veld.tabel is not None:
            continue
        naam, tekst = voorvoegsel + plan.naam, _samen(betekenis, plan.veld.betekenis)
        if plan.soort in (_SCALAIR, _RIJ_SCALAIR):
            uit.append(Kolom(naam, tekst, plan.veld.eenheid))
        elif plan.soort == _INTERVAL:
            uit.append(Kolom(f"{naam}_laag", f"{tekst}: ondergrens", plan.veld.eenheid))
            uit.append(Kolom(f"{naam}_hoog", f"{tekst}: bovengrens", plan.veld.eenheid))
        elif plan.soort == _WAARDE:
            assert plan.klasse is not None
            uit.extend(kolommen(plan.klasse, voorvoegsel + _voorvoegsel(plan), tekst))
        elif plan.soort == _DICT_SCALAIR:
            uit.extend(
                Kolom(f"{voorvoegsel}{_voorvoegsel(plan)}{s}", f"{tekst}: {s}", plan.veld.eenheid)
                for s in plan.veld.sleutels
            )
        else:
            assert plan.klasse is not None
            for s in plan.veld.sleutels:
                uit.extend(kolommen(plan.klasse, f"{voorvoegsel}{_voorvoegsel(plan)}{s}_", f"{tekst} ({s})"))
    return uit


def _samen(ouder: str, kind: str) -> str:
    return f"{ouder}: {kind}" if ouder else kind


def plat(waarde: Any, voorvoegsel: str = "") -> dict[str, Any]:
    """Een resultaatwaarde als één tabelrij, met dezelfde kolommen als `kolommen(type(waarde))`."""
    uit: dict[str, Any] = {}
    for plan in plannen(type(waarde)):
        if not plan.veld.in_tabel or plan.veld.tabel is not None:
            continue
        deel, naam = getattr(waarde, plan.naam), voorvoegsel + plan.naam
        if plan.soort == _SCALAIR:
            uit[naam] = plan.veld.leeg_in_tabel if deel is None else deel
        elif plan.soort == _RIJ_SCALAIR:
            uit[naam] = ", ".join(str(w) for w in deel)
        elif plan.soort == _INTERVAL:
            uit[f"{naam}_laag"], uit[f"{naam}_hoog"] = deel if deel is not None else (None, None)
        elif plan.soort == _WAARDE:
            assert plan.klasse is not None
            binnen = voorvoegsel + _voorvoegsel(plan)
            if deel is None:
                uit.update(dict.fromkeys((k.naam for k in kolommen(plan.klasse, binnen)), None))
            else:
                uit.update(plat(deel, binnen))
        elif plan.soort == _DICT_SCALAIR:
            for s in plan.veld.sleutels:
                uit[f"{voorvoegsel}{_voorvoegsel(plan)}{s}"] = deel.get(s) if deel is not None else None
        elif deel is None:
            assert plan.klasse is not None
            for s in plan.veld.sleutels:
                binnen = f"{voorvoegsel}{_voorvoegsel(plan)}{s}_"
                uit.update(dict.fromkeys((k.naam for k in kolommen(plan.klasse, binnen)), None))
        else:
            assert plan.klasse is not None
            per_sleutel = (
                deel if plan.soort == _DICT_WAARDEN else {getattr(w, plan.veld.sleutel or ""): w for w in deel}
            )
            for s in plan.veld.sleutels:
                binnen = f"{voorvoegsel}{_voorvoegsel(plan)}{s}_"
                if s in per_sleutel:
                    uit.update(plat(per_sleutel[s], binnen))
                else:
                    uit.update(dict.fromkeys((k.naam for k in kolommen(plan.klasse, binnen)), None))
    return uit


def eigen_tabellen(klasse: type) -> Iterator[tuple[str, type, Veld]]:
    """De velden van `klasse` met een eigen tabel: (tabelnaam, klasse van de rijen, verklaring), ook genest."""
    for plan in plannen(klasse):
        if plan.klasse is None:
            continue
        if plan.veld.tabel is not None:
            yield plan.veld.tabel, plan.klasse, plan.veld
        yield from eigen_tabellen(plan.klasse)


def rijen_van(waarde: Any, tabel: str) -> list[Any]:
    """De waarden van `waarde` die in de eigen tabel `tabel` komen (ook uit geneste waarden)."""
    uit: list[Any] = []
    for plan in plannen(type(waarde)):
        deel = getattr(waarde, plan.naam)
        if plan.klasse is None or deel is None:
            continue
        if plan.veld.tabel == tabel:
            uit.extend(deel.values() if isinstance(deel, dict) else deel)
        elif plan.soort == _WAARDE:
            uit.extend(rijen_van(deel, tabel))
    return uit


# --- JSON Schema ---------------------------------------------------------------------------------------------------

_SCALAIRE_TYPEN: dict[Any, str] = {float: "number", int: "integer", str: "string", bool: "boolean"}


def json_schema(klasse: type, definities: dict[str, Any]) -> dict[str, Any]:
    """Het JSON Schema van een resultaatwaarde als verwijzing; de definitie zelf komt in `definities`."""
    naam = klasse.__name__
    if naam not in definities:
        definities[naam] = {}  # eerst een plek, zodat een waarde die naar zichzelf verwijst niet eindeloos doorgaat
        eigenschappen = {}
        verplicht = []
        for plan in plannen(klasse):
            eigenschappen[plan.naam] = _veldschema(plan, definities)
            if not plan.veld.weglaten_als_none:
                verplicht.append(plan.naam)
        definities[naam] = {
            "type": "object",
            "description": (klasse.__doc__ or naam).strip().splitlines()[0],
            "properties": eigenschappen,
            "required": verplicht,
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{naam}"}


def _veldschema(plan: _Plan, definities: dict[str, Any]) -> dict[str, Any]:
    v = plan.veld
    beschrijving = f"{v.betekenis} [{v.eenheid.naam}: {v.eenheid.omschrijving}]"
    schema: dict[str, Any]
    if plan.soort == _SCALAIR:
        schema = {"type": _SCALAIRE_TYPEN.get(plan.python_type, v.eenheid.json_type)}
        if v.waarden:
            schema["enum"] = list(v.waarden)
    elif plan.soort == _INTERVAL:
        schema = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    elif plan.soort == _RIJ_SCALAIR:
        schema = {"type": "array", "items": {"type": v.eenheid.json_type}}
    elif plan.soort == _WAARDE:
        assert plan.klasse is not None
        schema = json_schema(plan.klasse, definities)
    elif plan.soort == _DICT_SCALAIR:
        schema = {"type": "object", "additionalProperties": {"type": [v.eenheid.json_type, "null"]}}
        if v.sleutels:
            schema["propertyNames"] = {"enum": list(v.sleutels)}
    else:
        assert plan.klasse is not None
        binnen = json_schema(plan.klasse, definities)
        if plan.soort == _RIJ_WAARDEN and v.sleutel is None:
            schema = {"type": "array", "items": binnen}
        else:
            schema = {"type": "object", "additionalProperties": _zonder_sleutel(plan, binnen, definities)}
            if v.sleutels:
                schema["propertyNames"] = {"enum": list(v.sleutels)}
    if plan.optioneel:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": beschrijving, **schema}


def _zonder_sleutel(plan: _Plan, binnen: dict[str, Any], definities: dict[str, Any]) -> dict[str, Any]:
    """Bij een rij waarden met een sleutel: het object zonder het sleutelveld (dat is de naam van de eigenschap)."""
    if plan.veld.sleutel is None or plan.klasse is None:
        return binnen
    definitie = definities[plan.klasse.__name__]
    zonder = {k: w for k, w in definitie["properties"].items() if k != plan.veld.sleutel}
    return {
        **definitie,
        "properties": zonder,
        "required": [k for k in definitie["required"] if k != plan.veld.sleutel],
    }


def beschrijf(klasse: type) -> None:
    """Zet onder de docstring van `klasse` elk veld met zijn betekenis en eenheid (voor `help()` in een notebook)."""
    regels = [f"    {p.naam}: {p.veld.betekenis} [{p.veld.eenheid.naam}]" for p in plannen(klasse)]
    klasse.__doc__ = f"{(klasse.__doc__ or '').rstrip()}\n\nVelden:\n" + "\n".join(regels) + "\n"
