"""De argumenten van de publieke API nagekeken tegen hun typeannotaties, vóórdat er iets mee gebeurt.

Vanuit een notebook is `casuskosten.bereken(5)` of `tabel.met_prijs("hbh_uur", "35")` een gewone vergissing; die
hoort een Nederlandse `ArgumentFout` te geven (welk argument, wat het kreeg, wat mag) en geen kale TypeError of
AttributeError van drie lagen diep. `@publiek` op een functie of methode doet dat op één plek, met de annotaties
als enige bron: een nieuwe parameter wordt vanzelf gecontroleerd.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import inspect
import os
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from .fouten import ArgumentFout, Melding

P = ParamSpec("P")
R = TypeVar("R")

#: zo lang mag de weergave van een gekregen waarde in een melding zijn
_WEERGAVE = 40


def _kort(waarde: object) -> str:
    tekst = repr(waarde)
    return tekst if len(tekst) <= _WEERGAVE else tekst[: _WEERGAVE - 1] + "…"


def _is_getal(waarde: object, soort: type) -> bool:
    # True is in Python een int, maar `werkers=True` of `prijs=True` is een vergissing, geen 1
    if isinstance(waarde, bool):
        return False
    return isinstance(waarde, int) if soort is int else isinstance(waarde, int | float)


def _elementen(soort: Any) -> tuple[Any, ...] | None:
    """De elementtypen van een lijsttype (`Sequence[X]`, `tuple[X, ...]`, `list[X]`), of None bij een ander type."""
    oorsprong = typing.get_origin(soort)
    argumenten = typing.get_args(soort)
    if oorsprong in (collections.abc.Sequence, list, collections.abc.Iterable) and argumenten:
        return argumenten
    if oorsprong is tuple and len(argumenten) == 2 and argumenten[1] is Ellipsis:
        return argumenten[:1]
    return None


def afwijking(waarde: object, soort: Any) -> str | None:
    """Waarom `waarde` niet bij annotatie `soort` past (bijvoorbeeld 'element 2 is 5 (int)'), of None als hij past.

    Wat hier niet te controleren is (een TypeVar, een onbekende vorm), past: liever geen controle dan een valse.
    """
    if soort is Any or soort is object:
        return None
    if soort is None or soort is type(None):
        return None if waarde is None else ""
    oorsprong = typing.get_origin(soort)
    if oorsprong in (typing.Union, types.UnionType):
        redenen = [afwijking(waarde, deel) for deel in typing.get_args(soort)]
        if any(r is None for r in redenen):
            return None
        # een lijst met één fout element: zeg welk element, niet alleen dat het geen lijst van tekst is
        return next((r for r in redenen if r), "")
    if oorsprong is typing.Literal:
        return None if waarde in typing.get_args(soort) else ""
    if soort in (int, float):
        return None if _is_getal(waarde, soort) else ""
    if oorsprong is collections.abc.Callable or soort is collections.abc.Callable:
        return None if callable(waarde) else ""
    if oorsprong is not None:
        if not isinstance(waarde, oorsprong):
            return ""
        elementen = _elementen(soort)
        if elementen is not None and isinstance(waarde, str):
            return ""  # één tekst is geen lijst van teksten (anders telt elke letter als een pad)
        if elementen is not None and isinstance(waarde, collections.abc.Sequence):
            for i, element in enumerate(waarde):
                if afwijking(element, elementen[0]) is not None:
                    return f"element {i} is {_kort(element)} ({type(element).__name__})"
        return None
    if isinstance(soort, type):
        return None if isinstance(waarde, soort) else ""
    return None


def beschrijving(soort: Any) -> str:
    """Wat annotatie `soort` in gewone woorden toestaat: 'tekst, een pad of None'."""
    oorsprong = typing.get_origin(soort)
    if oorsprong in (typing.Union, types.UnionType):
        delen = list(dict.fromkeys(beschrijving(d) for d in typing.get_args(soort)))
        return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " of " + delen[-1]
    if oorsprong is typing.Literal:
        return "een van " + ", ".join(repr(w) for w in typing.get_args(soort))
    if oorsprong is collections.abc.Callable or soort is collections.abc.Callable:
        return "een functie"
    elementen = _elementen(soort)
    if elementen is not None:
        return f"een lijst waarin elk element {beschrijving(elementen[0])} is"
    if oorsprong is os.PathLike or soort in (os.PathLike, Path):
        return "een pad (pathlib.Path)"
    namen: dict[Any, str] = {
        str: "tekst",
        int: "een geheel getal",
        float: "een getal",
        bool: "True of False",
        type(None): "None",
        None: "None",
        dt.date: "een datum (datetime.date)",
        dict: "een dict",
    }
    if soort in namen:
        return namen[soort]
    naam = getattr(oorsprong or soort, "__name__", str(soort))
    return f"een {naam}"


@functools.cache
def _annotaties(functie: Callable[..., Any]) -> dict[str, Any]:
    """De annotaties van `functie` als typen; een naam die alleen voor de typecontrole bestaat, slaat hij over."""
    try:
        return typing.get_type_hints(functie)
    except NameError:
        uit: dict[str, Any] = {}
        for naam, tekst in functie.__annotations__.items():
            try:  # de annotaties zijn tekst (from __future__ import annotations) uit onze eigen broncode
                uit[naam] = eval(tekst, functie.__globals__) if isinstance(tekst, str) else tekst
            except NameError:
                continue
        return uit


def controleer(functie: Callable[..., Any], naam: str, *args: Any, **kwargs: Any) -> None:
    """Gooi `ArgumentFout` als een argument van deze aanroep van `functie` (publiek `naam`) niet bij zijn
    annotatie past, of als de aanroep zelf niet klopt (te veel argumenten, een onbekend trefwoord)."""
    handtekening = inspect.signature(functie)
    try:
        gebonden = handtekening.bind(*args, **kwargs)
    except TypeError as fout:
        tekst = str(fout).replace("missing a required argument:", "mist het verplichte argument")
        tekst = tekst.replace("got an unexpected keyword argument", "kent geen argument")
        tekst = tekst.replace("too many positional arguments", "te veel argumenten zonder naam")
        raise ArgumentFout([Melding(None, None, naam, f"{naam}(): {tekst}; zie help({naam})")]) from None
    annotaties = _annotaties(functie)
    waarden: dict[str, tuple[object, Any]] = {}
    for parameter, waarde in gebonden.arguments.items():
        soort: Any = annotaties.get(parameter)
        if soort is None or parameter in ("self", "cls"):
            continue
        soort_parameter = handtekening.parameters[parameter].kind
        if soort_parameter is inspect.Parameter.VAR_KEYWORD:
            continue  # **overschrijf: de waarden controleert de aangeroepen functie zelf
        if soort_parameter is inspect.Parameter.VAR_POSITIONAL:
            soort = tuple[soort, ...]  # *pad: str is een rij teksten
        waarden[parameter] = (waarde, soort)
    controleer_waarden(naam, waarden)


def controleer_waarden(naam: str, waarden: Mapping[str, tuple[object, Any]]) -> None:
    """Gooi `ArgumentFout` met een melding per argument (naam -> (waarde, toegestaan type)) dat niet past."""
    meldingen = []
    for parameter, (waarde, soort) in waarden.items():
        reden = afwijking(waarde, soort)
        if reden is not None:
            gekregen = f"{_kort(waarde)} ({type(waarde).__name__}{': ' + reden if reden else ''})"
            meldingen.append(
                Melding(None, None, parameter, f"{naam}() kreeg {gekregen}; verwacht {beschrijving(soort)}")
            )
    if meldingen:
        raise ArgumentFout(meldingen)


def _snelle_typen(soort: Any) -> tuple[type, ...] | None:
    """De klassen waarvan elke instantie zonder meer bij `soort` past (een unie van gewone klassen, None), of None
    als dat niet zo eenvoudig is (getallen: True is een int; lijsttypen: de elementen tellen ook)."""
    delen = typing.get_args(soort) if typing.get_origin(soort) in (typing.Union, types.UnionType) else (soort,)
    klassen: list[type] = []
    for deel in delen:
        if deel is None or deel is type(None):
            klassen.append(type(None))
        elif isinstance(deel, type) and deel not in (int, float, bool) and typing.get_origin(deel) is None:
            klassen.append(deel)
        elif typing.get_origin(deel) is os.PathLike:
            klassen.append(os.PathLike)
        else:
            return None
    return tuple(klassen)


def publiek(functie: Callable[P, R]) -> Callable[P, R]:
    """Decorator voor een functie of methode van de publieke API: eerst `controleer`, dan de functie zelf.

    Sommige methoden draaien per casus (`Tarieftabel.codes`, `spelling`): een aanroep met alleen argumenten zonder
    naam, die elk een instantie van een toegestane klasse zijn, gaat zonder `inspect` door (~1 µs in plaats van
    ~15 µs); alles anders krijgt de volledige controle.
    """
    naam = functie.__qualname__
    snel: list[tuple[type, ...] | None] = []
    verplicht: list[int] = []

    def snelle_controle(args: tuple[Any, ...]) -> bool:
        if not verplicht:
            handtekening = inspect.signature(functie)
            annotaties = _annotaties(functie)
            for parameter in handtekening.parameters.values():
                if parameter.kind not in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
                    break
                soort = annotaties.get(parameter.name)
                snel.append(() if parameter.name in ("self", "cls") or soort is None else _snelle_typen(soort))
            positioneel = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            verplicht.append(
                sum(p.default is p.empty for p in handtekening.parameters.values() if p.kind in positioneel)
            )
        if not verplicht[0] <= len(args) <= len(snel):
            return False
        for waarde, klassen in zip(args, snel, strict=False):
            if klassen is None or (klassen and not isinstance(waarde, klassen)):
                return False
        return True

    @functools.wraps(functie)
    def gecontroleerd(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs or not snelle_controle(args):
            controleer(functie, naam, *args, **kwargs)
        return functie(*args, **kwargs)

    return gecontroleerd
