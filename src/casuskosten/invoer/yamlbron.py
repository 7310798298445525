"""YAML veilig lezen met regelnummers per veld.

PyYAML's C-parser (`CSafeLoader`) bouwt de knopenboom; de omzetting naar Python-waarden doen we zelf, zodat
- elk veld zijn regelnummer houdt (voor meldingen als `rtd-04.yaml:17`),
- aliassen en ankers (`&`, `*`) geweigerd worden voordat er iets uitgevouwen wordt ("billion laughs"),
- geen enkele tag objecten maakt en dubbele sleutels een fout zijn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..fouten import InvoerFout, Melding

try:  # de C-versie is er vrijwel altijd; de Python-versie is alleen een vangnet
    from yaml import CSafeLoader as _VeiligeLader
except ImportError:  # pragma: no cover - afhankelijk van de PyYAML-bouw
    from yaml import SafeLoader as _VeiligeLader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = f"{_TAG}str", f"{_TAG}seq", f"{_TAG}map"
_IMPLICIET: dict[str, tuple[tuple[str, Any], ...]] = {
    teken: tuple(regels) for teken, regels in _VeiligeLader.yaml_implicit_resolvers.items() if teken is not None
}
if _VeiligeLader.yaml_implicit_resolvers.get(None):  # pragma: no cover - de standaard-resolver heeft er geen
    raise RuntimeError("onverwachte wildcard-resolver in PyYAML")


class _Loader(_VeiligeLader):
    """`CSafeLoader` met een snellere tag-bepaling: dezelfde regels (YAML 1.1 zoals PyYAML), zonder padresolvers.

    De C-parser vraagt voor elke knoop een tag; de standaardmethode doet dat met veel Python-overhead en was de
    duurste stap van het lezen.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, patroon in _IMPLICIET.get(value[:1], ()):
                    if patroon.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


Pad = tuple[str | int, ...]

#: de invultekst in een nieuw casusbestand (`casuskosten nieuw`): zolang die er staat, is de casus niet af
INVULTEKST = "<VUL IN"
MAX_BESTANDSGROOTTE = 1024 * 1024  # 1 MiB per casus; een echte casus is een paar kB
MAX_DIEPTE = 64  # niveaus van geneste lijsten/mappings; een casus heeft er een stuk of vijf
_DIEPTESCAN_VANAF = 8 * 1024  # tekens; zie _niet_te_diep

_SCALAIRE_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = SafeConstructor()


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """De inhoud van één YAML-bestand plus het regelnummer (1-based) van elk veld."""

    bestand: str
    data: Any
    regels: dict[Pad, int]
    sha256: str
    invulplekken: tuple[Pad, ...] = ()

    def regel(self, pad: Pad) -> int | None:
        """Het regelnummer van `pad`, of van het dichtstbijzijnde bovenliggende veld."""
        for lengte in range(len(pad), -1, -1):
            gevonden = self.regels.get(pad[:lengte])
            if gevonden is not None:
                return gevonden
        return None


def pad_tekst(pad: Pad) -> str:
    """`("trajecten", "voor_2015", "inzet", 2, "tarief")` -> `trajecten.voor_2015.inzet[2].tarief`."""
    tekst = ""
    for deel in pad:
        if isinstance(deel, int):
            tekst += f"[{deel}]"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    return tekst


def decodeer(inhoud: bytes, bestand: str) -> str:
    """Bytes naar tekst: UTF-8 (met of zonder BOM); al het andere een duidelijke fout."""
    if inhoud.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvoerFout([Melding(bestand, None, None, "bestand is opgeslagen als UTF-16; sla het op als UTF-8")])
    if b"\x00" in inhoud:
        raise InvoerFout(
            [
                Melding(
                    bestand,
                    None,
                    None,
                    "dit is geen tekstbestand (het bevat NUL-bytes); verwacht een YAML-bestand in UTF-8",
                )
            ]
        )
    if inhoud.startswith(b"\xef\xbb\xbf"):
        inhoud = inhoud[3:]
    try:
        return inhoud.decode("utf-8")
    except UnicodeDecodeError as fout:
        regel = inhoud[: fout.start].count(b"\n") + 1
        raise InvoerFout(
            [
                Melding(
                    bestand,
                    regel,
                    None,
                    "bestand is geen geldige UTF-8 (misschien Latin-1/Windows-1252); sla het op als UTF-8",
                )
            ]
        ) from None


def lees_yaml(pad: Path, *, weergave: str | None = None, max_grootte: int = MAX_BESTANDSGROOTTE) -> YamlDocument:
    """Lees één YAML-bestand met één document; gooit `InvoerFout` met een bruikbare melding."""
    import hashlib

    bestand = weergave or str(pad)
    try:
        inhoud = pad.read_bytes()
    except OSError as fout:
        raise InvoerFout([Melding(bestand, None, None, f"kan bestand niet lezen: {fout.strerror}")]) from None
    if len(inhoud) > max_grootte:
        raise InvoerFout(
            [
                Melding(
                    bestand,
                    None,
                    None,
                    f"bestand is {len(inhoud):,} bytes; de grens is {max_grootte:,} bytes per casus".replace(",", "."),
                )
            ]
        )
    tekst = decodeer(inhoud, bestand)
    omzetter = _zet_om(tekst, bestand)
    return YamlDocument(
        bestand, omzetter.data, omzetter.regels, hashlib.sha256(inhoud).hexdigest(), tuple(omzetter.invulplekken)
    )


def _te_diep(bestand: str, regel: int | None) -> InvoerFout:
    return InvoerFout(
        [
            Melding(
                bestand,
                regel,
                None,
                f"lijsten en mappings zijn meer dan {MAX_DIEPTE} niveaus diep genest; "
                "een casus heeft er hooguit een stuk of vijf",
            )
        ]
    )


def _niet_te_diep(tekst: str, bestand: str) -> None:
    """Weiger diep geneste lijsten/mappings in een groot bestand vóór libyaml er een boom van bouwt.

    libyaml bouwt de boom recursief op en crasht (segfault) vanaf zo'n 20.000 niveaus: `- - - ...` in 40 kB.
    Elk niveau kost minstens één teken, dus een bestand onder `_DIEPTESCAN_VANAF` komt daar niet in de buurt;
    daarin vangt `_Omzetter` de diepte af. Een groter bestand wordt eerst als gebeurtenissen gelezen (niet
    recursief), tot de eerste te diepe knoop.
    """
    if len(tekst) < _DIEPTESCAN_VANAF:
        return
    diepte = 0
    for gebeurtenis in yaml.parse(tekst, Loader=_Loader):
        if isinstance(gebeurtenis, yaml.CollectionStartEvent):
            diepte += 1
            if diepte > MAX_DIEPTE:
                raise _te_diep(bestand, gebeurtenis.start_mark.line + 1 if gebeurtenis.start_mark else None)
        elif isinstance(gebeurtenis, yaml.CollectionEndEvent):
            diepte -= 1


def lees_yaml_tekst(tekst: str, bestand: str) -> tuple[Any, dict[Pad, int]]:
    """Tekst naar (data, regelnummers); weigert syntaxfouten, meerdere documenten, aliassen en tags."""
    omzetter = _zet_om(tekst, bestand)
    return omzetter.data, omzetter.regels


def _zet_om(tekst: str, bestand: str) -> _Omzetter:
    try:
        _niet_te_diep(tekst, bestand)
        documenten = list(yaml.compose_all(tekst, Loader=_Loader))
    except yaml.MarkedYAMLError as fout:
        raise InvoerFout([_syntaxmelding(fout, bestand, tekst)]) from None
    except yaml.reader.ReaderError as fout:
        # de positie is bij libyaml een byte-, bij PyYAML een tekenpositie; het teken zelf zoeken klopt bij allebei
        teken = chr(fout.character) if isinstance(fout.character, int) else (str(fout.character)[:1] or "\x00")
        regel = tekst[: tekst.find(teken)].count("\n") + 1 if teken in tekst else None
        raise InvoerFout(
            [
                Melding(
                    bestand,
                    regel,
                    None,
                    f"onzichtbaar stuurteken U+{ord(teken):04X} in de tekst, vaak meegekopieerd uit Word of een "
                    "e-mail; verwijder het of typ die tekst opnieuw",
                )
            ]
        ) from None
    except yaml.YAMLError as fout:  # pragma: no cover - zonder positie
        raise InvoerFout([Melding(bestand, None, None, f"YAML-fout: {fout}")]) from None
    documenten = [d for d in documenten if d is not None]
    if not documenten:
        raise InvoerFout([Melding(bestand, None, None, "bestand is leeg; verwacht een casus (id:, gemeente:, ...)")])
    if len(documenten) > 1:
        regel = documenten[1].start_mark.line + 1
        raise InvoerFout(
            [
                Melding(
                    bestand,
                    regel,
                    None,
                    "bestand bevat meer dan één YAML-document ('---'); zet elke casus in een eigen bestand",
                )
            ]
        )
    omzetter = _Omzetter(bestand, tekst)
    omzetter.data = omzetter.waarde(documenten[0], ())
    return omzetter


def _syntaxmelding(fout: yaml.MarkedYAMLError, bestand: str, bron: str) -> Melding:
    probleem = fout.problem or ""
    mark = fout.problem_mark or fout.context_mark
    if "end of stream" in probleem and fout.context_mark is not None:
        # een aanhalingsteken of haakje dat nooit sluit: waar het opent helpt meer dan het einde van het bestand
        mark = fout.context_mark
    regel = mark.line + 1 if mark is not None else None
    # PyYAML noemt de tab ('\\t'), libyaml niet altijd ("found character that cannot start any token")
    if "'\\t'" in probleem or "\t" in probleem or "tab character" in probleem or _teken_op(bron, mark) == "\t":
        return Melding(bestand, regel, None, "tab gebruikt om in te springen; YAML vraagt spaties")
    # de teksten van libyaml (C) en PyYAML (Python) verschillen iets; de sleutels passen op beide
    uitleg = {
        "mapping values are not allowed": (
            "dubbele punt op een onverwachte plaats (zet tekst met ': ' tussen aanhalingstekens)"
        ),
        "could not find expected ':'": "een ':' ontbreekt na de sleutel",
        "did not find expected key": (
            "inspringing klopt niet; zet sleutels van hetzelfde niveau precies onder elkaar, met spaties"
        ),
        "found undefined alias": "alias zonder anker; aliassen (*) zijn niet toegestaan",
        "end of stream": "een aanhalingsteken of haakje dat hier opent, wordt nergens gesloten",
        "expected ',' or ']'": "'[' wordt niet gesloten met ']' (of er mist een komma)",
        "expected ',' or '}'": "'{' wordt niet gesloten met '}' (of er mist een komma)",
        "cannot start any token": "een waarde begint met een teken als @ of `; zet zulke tekst tussen aanhalingstekens",
    }
    tekst = next(
        (v for k, v in uitleg.items() if k in probleem),
        f"controleer inspringing, dubbele punten en aanhalingstekens (de YAML-lezer meldt: {probleem})",
    )
    return Melding(bestand, regel, None, f"YAML-syntaxfout: {tekst}")


def _teken_op(bron: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    regels = bron.split("\n")
    if mark.line >= len(regels) or mark.column >= len(regels[mark.line]):
        return ""
    return regels[mark.line][mark.column]


def _eerste_alias(bron: str) -> int | None:
    """De regel van de eerste alias (*naam); de knopenboom kent alleen de plaats van het anker."""
    for gebeurtenis in yaml.parse(bron, Loader=_Loader):
        if isinstance(gebeurtenis, yaml.AliasEvent) and gebeurtenis.start_mark is not None:
            return gebeurtenis.start_mark.line + 1
    return None  # pragma: no cover - alleen aangeroepen als er een alias is


def _tagnaam(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` -> `!!python/object`, zoals de gebruiker het schreef."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


_PADEN: dict[Pad, Pad] = {}


def _gedeeld(pad: Pad) -> Pad:
    """Hetzelfde pad-object voor elke casus: 100.000 casussen delen hun ~60 paden in plaats van elk een kopie."""
    if len(_PADEN) > 200_000:  # begrensd: zelfverzonnen sleutels in ongeldige bestanden vullen de cache niet eindeloos
        return pad
    return _PADEN.setdefault(pad, pad)


class _Omzetter:
    """Zet een knopenboom om naar dicts, lijsten en scalairen, en noteert per pad het regelnummer."""

    def __init__(self, bestand: str, bron: str) -> None:
        self.bestand = bestand
        self.bron = bron
        self.regels: dict[Pad, int] = {}
        self._gezien: set[int] = set()
        self.data: Any = None
        self.invulplekken: list[Pad] = []  # velden met de invultekst van `casuskosten nieuw`

    def _fout(self, node: Node, pad: Pad, tekst: str) -> InvoerFout:
        return InvoerFout([Melding(self.bestand, node.start_mark.line + 1, pad_tekst(pad) or None, tekst)])

    def waarde(self, node: Node, pad: Pad, regel: int | None = None) -> Any:
        """De Python-waarde van `node`; `regel` is die van de sleutel als de knoop een waarde in een mapping is."""
        if len(pad) >= MAX_DIEPTE and not isinstance(node, ScalarNode):  # de wortel telt als eerste niveau
            raise _te_diep(self.bestand, node.start_mark.line + 1)
        if id(node) in self._gezien:
            # de knoop van een alias is die van het anker; de regel van de alias zelf komt uit de gebeurtenissen
            raise InvoerFout(
                [
                    Melding(
                        self.bestand,
                        _eerste_alias(self.bron) or node.start_mark.line + 1,
                        pad_tekst(pad) or None,
                        "YAML-aliassen en -ankers (&naam, *naam) zijn niet toegestaan; schrijf de waarde uit",
                    )
                ]
            )
        self._gezien.add(id(node))
        pad = _gedeeld(pad)
        self.regels[pad] = regel if regel is not None else node.start_mark.line + 1
        soort = type(node)
        if soort is ScalarNode:
            return self._scalair(node, pad)  # type: ignore[arg-type]
        if soort is SequenceNode:
            if node.tag != _SEQ:
                raise self._fout(
                    node, pad, f"YAML-tag '{_tagnaam(node.tag)}' is niet toegestaan; gebruik gewone waarden"
                )
            return [self.waarde(kind, (*pad, i)) for i, kind in enumerate(node.value)]
        if soort is MappingNode:
            if node.tag != _MAP:
                raise self._fout(
                    node, pad, f"YAML-tag '{_tagnaam(node.tag)}' is niet toegestaan; gebruik gewone waarden"
                )
            uit: dict[str, Any] = {}
            for sleutel_node, waarde_node in node.value:
                if not isinstance(sleutel_node, ScalarNode) or sleutel_node.tag == f"{_TAG}merge":
                    raise self._fout(
                        sleutel_node, pad, "sleutels moeten gewone namen zijn (geen lijsten, mappings of '<<')"
                    )
                sleutel = str(sleutel_node.value)
                if sleutel in uit:
                    raise self._fout(
                        sleutel_node,
                        (*pad, sleutel),
                        f"sleutel komt twee keer voor in dezelfde mapping (ook op regel "
                        f"{self.regels[(*pad, sleutel)]}); laat er één staan",
                    )
                uit[sleutel] = self.waarde(waarde_node, (*pad, sleutel), sleutel_node.start_mark.line + 1)
            return uit
        raise self._fout(node, pad, "onbekend soort YAML-knoop")  # pragma: no cover

    def _scalair(self, node: ScalarNode, pad: Pad) -> Any:
        tag = node.tag
        if tag not in _SCALAIRE_TAGS:
            raise self._fout(node, pad, f"YAML-tag '{_tagnaam(tag)}' is niet toegestaan; gebruik gewone waarden")
        if tag == _STR:
            if INVULTEKST in node.value:
                self.invulplekken.append(pad)
            return node.value
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag.endswith(":int"):
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag.endswith(":float"):
            return _CONSTRUCTOR.construct_yaml_float(node)
        try:
            waarde = _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError:
            raise self._fout(
                node, pad, f"datum '{node.value}' bestaat niet; gebruik JJJJ-MM-DD met een echte dag"
            ) from None
        if isinstance(waarde, dt.datetime):
            return waarde.date()
        return waarde
