"""Pydantic-fouten vertalen naar Nederlandse meldingen met bestand, regel, veld en wat wel geldig is."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..fouten import Melding, bedoelde_u, opsomming
from .yamlbron import Pad, YamlDocument, pad_tekst


def _model_in(annotatie: Any) -> type[BaseModel] | None:
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    for arg in typing.get_args(annotatie):
        gevonden = _model_in(arg)
        if gevonden is not None:
            return gevonden
    return None


def _velden_bij(model: type[BaseModel], pad: Pad) -> list[str]:
    """De toegestane sleutels in de mapping waar `pad` naar wijst."""
    huidig: type[BaseModel] | None = model
    sleutel_volgt = False  # na een dict-veld (zoals [opschaling]) is het volgende deel een vrije sleutel
    for deel in pad:
        if isinstance(deel, int) or huidig is None or sleutel_volgt:
            sleutel_volgt = False
            continue
        veld = huidig.model_fields.get(deel)
        huidig = _model_in(veld.annotation) if veld is not None else None
        sleutel_volgt = veld is not None and typing.get_origin(veld.annotation) is dict
    return list(huidig.model_fields) if huidig is not None else []


def _model_bij(model: type[BaseModel], pad: Pad) -> type[BaseModel] | None:
    """Het model van de mapping waar `pad` naar wijst (lijstposities overgeslagen), of None."""
    if not any(isinstance(deel, str) for deel in pad):
        return model
    veld = _veld(model, pad)
    return _model_in(veld.annotation) if veld is not None else None


def _een_niveau_lager(model: type[BaseModel], pad: Pad, naam: str) -> list[str]:
    """De velden van de mapping op `pad` waaronder `naam` wel een veld is (een sleutel die te weinig inspringt)."""
    huidig = _model_bij(model, pad)
    if huidig is None:
        return []
    return [
        veld
        for veld, info in huidig.model_fields.items()
        if (onder := _model_in(info.annotation)) is not None and naam in onder.model_fields
    ]


def _veld(model: type[BaseModel], pad: Pad) -> FieldInfo | None:
    """Het pydantic-veld waar `pad` naar wijst (lijstposities overgeslagen), of None."""
    huidig: type[BaseModel] | None = model
    veld: FieldInfo | None = None
    for deel in pad:
        if isinstance(deel, int):
            continue
        if huidig is None:
            return None
        veld = huidig.model_fields.get(deel)
        if veld is None:
            return None
        huidig = _model_in(veld.annotation)
    return veld


def is_tekstveld(model: type[BaseModel], pad: Pad) -> bool:
    """Is het veld op `pad` tekst (`str`, eventueel optioneel)? Dan is een getal daar tekst zoals geschreven."""
    # lijstposities doen er niet toe (alleen óf het laatste deel er een is): één antwoord per vorm van het pad,
    # zodat elk getal in elke casus niet opnieuw door de modelvelden hoeft
    return _is_tekstveld(model, tuple(0 if isinstance(deel, int) else deel for deel in pad))


@functools.lru_cache(maxsize=4096)
def _is_tekstveld(model: type[BaseModel], pad: Pad) -> bool:
    veld = _veld(model, pad)
    if veld is None or (pad and isinstance(pad[-1], int)):
        return False
    annotatie = veld.annotation
    if annotatie is str:
        return True
    return typing.get_origin(annotatie) in (typing.Union, types.UnionType) and str in typing.get_args(annotatie)


def _geschreven_pad(pad: Pad, data: Any) -> Pad:
    """Het pad zoals het in het bestand staat.

    De korte vorm `integrale_aanpak: jaa` wordt vóór de validatie `{oordeel: jaa}`; die stap 'oordeel' schreef
    de gebruiker niet, dus de melding hoort bij `doelen.integrale_aanpak`.
    """
    if not pad or pad[-1] != "oordeel":
        return pad
    waarde = data
    for deel in pad[:-1]:
        try:
            waarde = waarde[deel]
        except (KeyError, IndexError, TypeError):
            return pad
    return pad if isinstance(waarde, dict) else pad[:-1]


def _getal(waarde: Any) -> str:
    """1.0 -> '1', 0.5 -> '0.5': grenzen zoals de gebruiker ze schrijft."""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def _toegestane_waarden(model: type[BaseModel], pad: Pad) -> tuple[str, ...]:
    huidig: type[BaseModel] | None = model
    annotatie: Any = None
    for deel in pad:
        if isinstance(deel, int) or huidig is None:
            continue
        veld = huidig.model_fields.get(deel)
        if veld is None:
            return ()
        annotatie = veld.annotation
        huidig = _model_in(annotatie)
    waarden: list[str] = []  # de Literal-waarden, in volgorde

    def verzamel(a: Any) -> None:
        if typing.get_origin(a) is typing.Literal:
            waarden.extend(str(x) for x in typing.get_args(a))
        elif typing.get_origin(a) in (typing.Union, types.UnionType, tuple):
            for arg in typing.get_args(a):
                verzamel(arg)

    verzamel(annotatie)
    return tuple(waarden)


def _weergave(waarde: Any) -> str:
    if isinstance(waarde, str):
        return f"'{waarde}'"
    if isinstance(waarde, dict):
        return "een mapping"
    if isinstance(waarde, list):
        return "een lijst"
    if waarde is None:
        return "een lege waarde"
    if isinstance(waarde, bool):
        return "ja/nee (true/false)"
    return f"'{waarde}'"


#: zoveel meldingen per bestand (en per opdracht op de terminal) voluit; de rest wordt één regel "en nog ..."
MAX_MELDINGEN = 10
MAX_MELDINGEN_TOTAAL = 200


class Slotregel(Melding):
    """De regel "en nog ... meldingen": hoort na de meldingen die wel getoond worden, ook na het sorteren."""

    __slots__ = ()


def en_nog(aantal: int, bestand: str | None = None) -> Melding:
    """De slotregel na de eerste meldingen: `en nog 99.990 meldingen in casussen/x.yaml; los eerst deze op`."""
    from ..formaat import aantal as telwoord

    waar = " in dit bestand" if bestand else ""
    return Slotregel(bestand, None, None, f"en nog {telwoord(aantal, 'melding', 'meldingen')}{waar}; los eerst deze op")


def begrensd(meldingen: Sequence[Melding], maximaal: int = MAX_MELDINGEN_TOTAAL) -> list[Melding]:
    """De eerste `maximaal` meldingen en, als er meer zijn, één slotregel met het aantal dat niet getoond wordt
    (100.000 onbekende sleutels drukken zo geen 25 MB af)."""
    if len(meldingen) <= maximaal:
        return list(meldingen)
    return [*meldingen[:maximaal], en_nog(len(meldingen) - maximaal)]


def vertaal(fout: ValidationError, document: YamlDocument, model: type[BaseModel]) -> list[Melding]:
    """Elke pydantic-fout als `Melding` met regelnummer uit het YAML-document; na `MAX_MELDINGEN` één slotregel."""
    meldingen = []
    fouten = fout.errors(include_url=False)
    for e in fouten[:MAX_MELDINGEN]:
        pad: Pad = tuple(d for d in e["loc"] if isinstance(d, str | int))
        soort = e["type"]
        invoer = e.get("input")
        tekst = _tekst(soort, e, invoer, model, pad)
        # de before-validator van een doel voegt een stap 'oordeel' toe die de gebruiker niet schreef
        pad = _geschreven_pad(pad, document.data)
        meldingen.append(Melding(document.bestand, document.regel(pad), pad_tekst(pad) or None, tekst))
    if len(fouten) > MAX_MELDINGEN:
        meldingen.append(en_nog(len(fouten) - MAX_MELDINGEN, document.bestand))
    return meldingen


def _tekst(soort: str, e: Any, invoer: Any, model: type[BaseModel], pad: Pad) -> str:
    ctx = e.get("ctx") or {}
    if soort == "missing":
        veld = _veld(model, pad)
        uitleg = f" ({veld.description})" if veld is not None and veld.description else ""
        return f"verplicht veld ontbreekt; voeg '{pad[-1]}:' toe{uitleg}"
    if soort == "extra_forbidden":
        naam = str(pad[-1])
        onder = _een_niveau_lager(model, pad[:-1], naam)
        if onder:
            ouder = next((d for d in reversed(pad[:-1]) if isinstance(d, str)), None)
            waar = f"direct onder {ouder}" if ouder else "op het hoogste niveau"
            keuze = " of ".join(f"{o}:" for o in onder)
            return (
                f"{naam} staat {waar}; hoort het onder {keuze}? Spring het dan even ver in als de andere "
                f"sleutels daaronder"
            )
        velden = _velden_bij(model, pad[:-1])
        tip = ""
        # 'toelichting: a, b' binnen {...} geeft een sleutel 'b' zonder waarde, of een met spaties
        if " " in naam or naam.endswith(".") or invoer is None:
            tip = (
                " (een komma binnen {...} begint een nieuw veld: zet tekst met komma's tussen aanhalingstekens,"
                " of schrijf de mapping over meerdere regels)"
            )
        return f"onbekend veld '{naam}'{bedoelde_u(naam, velden)}; toegestaan: {opsomming(velden, 20)}{tip}"
    if soort in ("literal_error", "enum"):
        mogelijk: tuple[str, ...] = _toegestane_waarden(model, pad) or tuple(
            str(ctx.get("expected", "")).replace("'", "").split(", ")
        )
        extra = bedoelde_u(str(invoer), mogelijk) if isinstance(invoer, str) else ""
        return f"ongeldige waarde {_weergave(invoer)}{extra}; kies uit: {opsomming(mogelijk, 20)}"
    if soort in ("model_type", "model_attributes_type", "dict_type"):
        oordelen = _toegestane_waarden(model, (*pad, "oordeel"))
        if oordelen:  # een doel schrijft men meestal kort: `integrale_aanpak: ja`
            return (
                f"verwacht {', '.join(oordelen[:-1])} of {oordelen[-1]} (of {{oordeel: ..., toelichting: ...}}), "
                f"gekregen {_weergave(invoer)}"
            )
        return f"verwacht een mapping (sleutel: waarde), gekregen {_weergave(invoer)}"
    if soort in ("list_type", "tuple_type", "sequence_type"):
        return f"verwacht een lijst (regels die met '- ' beginnen), gekregen {_weergave(invoer)}"
    if soort in ("int_type", "int_parsing", "int_from_float"):
        return f"verwacht een geheel getal, gekregen {_weergave(invoer)}"
    if soort == "finite_number":
        return "moet een gewoon (eindig) getal zijn, geen oneindig of NaN; bijvoorbeeld 2 of 0.5"
    if soort in ("float_type", "float_parsing"):
        return f"verwacht een getal (met een punt als decimaalteken), gekregen {_weergave(invoer)}"
    if soort in ("string_type",):
        return f"verwacht tekst, gekregen {_weergave(invoer)}"
    if soort == "string_too_short":
        return "mag niet leeg zijn"
    if soort == "string_pattern_mismatch":
        return f"{_weergave(invoer)} mag alleen letters, cijfers, punt, liggend streepje en koppelteken bevatten"
    if soort in ("greater_than_equal", "greater_than"):
        teken = ">=" if soort == "greater_than_equal" else ">"
        return f"{_weergave(invoer)} is te klein; moet {teken} {_getal(ctx.get('ge', ctx.get('gt')))} zijn"
    if soort in ("less_than_equal", "less_than"):
        teken = "<=" if soort == "less_than_equal" else "<"
        return f"{_weergave(invoer)} is te groot; moet {teken} {_getal(ctx.get('le', ctx.get('lt')))} zijn"
    if soort.startswith("date"):
        return f"verwacht een datum als JJJJ-MM-DD, gekregen {_weergave(invoer)}"
    if soort == "value_error":
        return str(ctx.get("error", e.get("msg", "")))
    if soort == "bool_type":
        return f"verwacht ja of nee, gekregen {_weergave(invoer)}"
    return f"ongeldige waarde {_weergave(invoer)} ({e.get('msg', soort)})"
