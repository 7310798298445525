"""YAML veilig lezen met regelnummers per veld.

PyYAML's C-parser (`CSafeLoader`) bouwt de knopenboom; de omzetting naar Python-waarden doen we zelf, zodat
- elk veld zijn regelnummer houdt (voor meldingen als `rtd-04.yaml:17`),
- aliassen en ankers (`&`, `*`) geweigerd worden voordat er iets uitgevouwen wordt ("billion laughs"),
- geen enkele tag objecten maakt en dubbele sleutels een fout zijn.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..fouten import InvoerFout, Melding, os_reden
from .modellen import SLEUTELS
from .tekens import KLASSE, MAX_CIJFERS, cijfers_voor_de_komma, kort_getal, te_veel_cijfers

try:  # de C-versie is er vrijwel altijd; de Python-versie is alleen een vangnet
    from yaml import CSafeLoader as _VeiligeLader
except ImportError:  # pragma: no cover - afhankelijk van de PyYAML-bouw
    from yaml import SafeLoader as _VeiligeLader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
# De lezer kent zelf tags toe in een eigen naamruimte. Een tag die de schrijver zelf zette (ook `!!str` of `!!int`)
# heeft nooit deze naam en wordt dus altijd herkend en geweigerd.
_EIGEN = "casuskosten:"
_STR, _SEQ, _MAP = f"{_EIGEN}str", f"{_EIGEN}seq", f"{_EIGEN}map"
_INT, _FLOAT, _BOOL, _NULL, _DATUM = (f"{_EIGEN}{t}" for t in ("int", "float", "bool", "null", "timestamp"))
#: een getalvorm die YAML 1.1 en 1.2 verschillend lezen (`012`, `0x1F`, `1:30`, `1_000`): nooit stil omgezet
_DUBBELZINNIG = f"{_EIGEN}dubbelzinnig"
#: de niet-specifieke tag `!` (`! 12`): ook een tag van de schrijver
_UITROEP = f"{_EIGEN}!"

_TIJDSTIP = next(
    patroon.pattern
    for patroon_lijst in (_VeiligeLader.yaml_implicit_resolvers.get("2", ()),)
    for tag, patroon in patroon_lijst
    if tag == f"{_TAG}timestamp"
).strip("^$")
# YAML 1.2 core-schema voor getallen, plus de YAML 1.1-vormen die PyYAML stil omzet, als aparte groep
_SCALAIR = re.compile(
    rf"""(?:
    (?P<null>~|null|Null|NULL)
    |(?P<bool>yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)
    |(?P<int>[-+]?(?:0|[1-9][0-9]*))
    |(?P<float>[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))
    |(?P<timestamp>{_TIJDSTIP})
    |(?P<voorloopnul>[-+]?0[0-9_]+)
    |(?P<grondtal>[-+]?0[oObBxX][0-9a-fA-F_]+)
    |(?P<zestigtallig>[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)
    |(?P<streepje>(?=[^_]*_)(?:[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?)
    )\Z""",
    re.VERBOSE,
)
_SOORT_TAG = {
    "null": _NULL,
    "bool": _BOOL,
    "int": _INT,
    "float": _FLOAT,
    "timestamp": _DATUM,
    "voorloopnul": _DUBBELZINNIG,
    "grondtal": _DUBBELZINNIG,
    "zestigtallig": _DUBBELZINNIG,
    "streepje": _DUBBELZINNIG,
}
_KANDIDAAT = frozenset("0123456789+-.~nNyYtTfFoO")


class _Loader(_VeiligeLader):
    """`CSafeLoader` met een eigen tag-bepaling: YAML 1.2-getallen, YAML 1.1-ja/nee, en dubbelzinnige getalvormen
    apart gemarkeerd; alle tags in een eigen naamruimte, zodat een tag van de schrijver altijd opvalt.

    De C-parser vraagt voor elke knoop zonder tag een tag; de standaardmethode doet dat met veel Python-overhead en
    was de duurste stap van het lezen.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if not value:
                    return _NULL
                if value[0] in _KANDIDAAT:
                    gevonden = _SCALAIR.match(value)
                    if gevonden is not None and gevonden.lastgroup is not None:
                        return _SOORT_TAG[gevonden.lastgroup]
                return _STR
            return _STR if implicit[1] else _UITROEP
        if not implicit:
            return _UITROEP
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

_SCALAIRE_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _DATUM, _DUBBELZINNIG})
_CONSTRUCTOR = SafeConstructor()

# Tekens die je niet ziet maar die de betekenis veranderen: stuurtekens (ook U+0085), zachte afbreekstreepjes,
# breedteloze tekens, richtingstekens (U+202E keert tekst om), regel- en alineascheiders (U+2028/9) en een BOM
# midden in de tekst. Tab, regeleinde en harde spatie in gewone tekst zijn wel toegestaan. De stuurtekens en de
# XML-ongeldige tekens (losse surrogaten, U+FFFE/U+FFFF) komen uit tekens.KLASSE, dezelfde als bij tarieven.
_ONZICHTBAAR = re.compile(f"[{KLASSE}\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
# een harde spatie (of een andere spatie die geen spatie is) vóór de eerste tekst van een regel: inspringing
_VREEMDE_INSPRINGING = re.compile("^[ \u00a0\u2007\u202f\u3000]*[\u00a0\u2007\u202f\u3000]", re.MULTILINE)
_NAMEN = {
    0x00A0: "harde spatie",
    0x00AD: "zacht afbreekstreepje",
    0x2007: "cijferspatie",
    0x200B: "breedteloze spatie",
    0x200C: "breedteloze niet-verbinder",
    0x200D: "breedteloze verbinder",
    0x200E: "links-naar-rechts-teken",
    0x200F: "rechts-naar-links-teken",
    0x2028: "regelscheidingsteken",
    0x2029: "alineascheidingsteken",
    0x202A: "links-naar-rechts-inbedding",
    0x202B: "rechts-naar-links-inbedding",
    0x202C: "einde richtingsopmaak",
    0x202D: "links-naar-rechts-forcering",
    0x202E: "rechts-naar-links-forcering",
    0x202F: "smalle harde spatie",
    0x2060: "woordverbinder",
    0x3000: "brede spatie",
    0xFEFF: "BOM midden in de tekst",
}


def _tekennaam(teken: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: code en naam, zodat de gebruiker het teken kan opzoeken."""
    naam = _NAMEN.get(ord(teken)) or unicodedata.name(teken, "").lower()
    return f"U+{ord(teken):04X}" + (f" ({naam})" if naam else "")


def _onzichtbaar_tekst(teken: str, waar: str, kolom: int | None = None) -> str:
    code = ord(teken)
    if code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
        # geen onzichtbaar teken uit Word maar een niet-teken: meestal een kapotte export of bytevolgorde (UTF-16)
        soort = "losse surrogaat, geen teken" if code < 0xE000 else "geen teken"
        plaats = f" op kolom {kolom}" if kolom is not None else ""
        return (
            f"U+{code:04X}, {soort}, {waar}{plaats}: Unicode kent dit niet als tekst en een xlsx- of HTML-bestand "
            "wordt er onleesbaar van (vaak uit een kapotte export of een verkeerde bytevolgorde); verwijder het"
        )
    soort = "stuurteken" if unicodedata.category(teken) == "Cc" else "teken"
    return (
        f"onzichtbaar {soort} {_tekennaam(teken)} {waar}, vaak meegekopieerd uit Word of een e-mail; "
        "verwijder het of typ die tekst opnieuw"
    )


def _geen_onzichtbare_tekens(tekst: str, bestand: str) -> None:
    """Weiger onzichtbare tekens vóór het parsen, met hun regel en code (U+....)."""
    meldingen = []
    inspringing = _VREEMDE_INSPRINGING.search(tekst)
    if inspringing is not None:
        teken = tekst[inspringing.end() - 1]
        meldingen.append(
            Melding(
                bestand,
                tekst.count("\n", 0, inspringing.start()) + 1,
                None,
                f"{_tekennaam(teken)} gebruikt om in te springen; YAML vraagt gewone spaties",
            )
        )
    gevonden = _ONZICHTBAAR.search(tekst)
    if gevonden is not None:
        regel = tekst.count("\n", 0, gevonden.start()) + 1
        kolom = gevonden.start() - tekst.rfind("\n", 0, gevonden.start())
        meldingen.append(Melding(bestand, regel, None, _onzichtbaar_tekst(gevonden.group(), "in de tekst", kolom)))
    if meldingen:
        raise InvoerFout(sorted(meldingen, key=lambda m: m.regel or 0))


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """De inhoud van één YAML-bestand plus het regelnummer (1-based) van elk veld."""

    bestand: str
    data: Any
    regels: dict[Pad, int]
    sha256: str
    invulplekken: tuple[Pad, ...] = ()
    #: de tekst zoals geschreven van elk getal, ja/nee en elke datum (voor velden die tekst zijn, zoals `id: 0012`)
    ruw: dict[Pad, str] = field(default_factory=dict)
    #: getalvormen die YAML 1.1 en 1.2 verschillend lezen (`012`, `1:30`): alleen in een tekstveld toegestaan
    dubbelzinnig: frozenset[Pad] = frozenset()

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
    bestand = weergave or str(pad)
    return yaml_document(_lees_begrensd(pad, bestand, max_grootte), bestand, max_grootte=max_grootte)


def yaml_document(inhoud: bytes, bestand: str, *, max_grootte: int = MAX_BESTANDSGROOTTE) -> YamlDocument:
    """Dezelfde lezer als `lees_yaml`, voor bytes die al in het geheugen staan (de casussessie)."""
    import hashlib

    if len(inhoud) > max_grootte:
        raise _te_groot(bestand, len(inhoud), max_grootte)
    tekst = decodeer(inhoud, bestand)
    omzetter = _zet_om(tekst, bestand)
    return YamlDocument(
        bestand,
        omzetter.data,
        omzetter.regels,
        hashlib.sha256(inhoud).hexdigest(),
        tuple(omzetter.invulplekken),
        omzetter.ruw,
        frozenset(omzetter.dubbelzinnig),
    )


def _te_groot(bestand: str, grootte: int, max_grootte: int) -> InvoerFout:
    tekst = f"bestand is {grootte:,} bytes; de grens is {max_grootte:,} bytes per casus".replace(",", ".")
    return InvoerFout([Melding(bestand, None, None, tekst)])


def _lees_begrensd(pad: Path, bestand: str, max_grootte: int) -> bytes:
    """De bytes van een gewoon bestand, geweigerd op grootte vóór het lezen (een bestand van 3 GiB wordt niet gelezen).

    Een FIFO of apparaat wordt niet geopend (dat zou kunnen blijven wachten); een bestand dat tijdens het lezen
    groeit, wordt niet verder gelezen dan de grens.
    """
    import stat

    try:
        info = pad.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvoerFout([Melding(bestand, None, None, "is geen gewoon bestand (maar een map, pijp of apparaat)")])
        if info.st_size > max_grootte:
            raise _te_groot(bestand, info.st_size, max_grootte)
        with pad.open("rb") as invoer:
            inhoud = invoer.read(max_grootte + 1)
    except OSError as fout:
        raise InvoerFout([Melding(bestand, None, None, f"kan bestand niet lezen: {os_reden(fout)}")]) from None
    if len(inhoud) > max_grootte:
        raise _te_groot(bestand, len(inhoud), max_grootte)
    return inhoud


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
    _geen_onzichtbare_tekens(tekst, bestand)
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
    if "&" in tekst:  # een anker zonder alias staat niet in de knopenboom; alleen zoeken als er een '&' staat
        _geen_ankers(tekst, bestand)
    return omzetter


def _geen_ankers(bron: str, bestand: str) -> None:
    """Weiger een anker (`&naam`), ook als er geen alias naar verwijst."""
    for gebeurtenis in yaml.parse(bron, Loader=_Loader):
        anker = getattr(gebeurtenis, "anchor", None)
        if anker is not None and not isinstance(gebeurtenis, yaml.AliasEvent):
            regel = gebeurtenis.start_mark.line + 1 if gebeurtenis.start_mark is not None else None
            raise InvoerFout(
                [
                    Melding(
                        bestand,
                        regel,
                        None,
                        f"YAML-anker '&{anker}' is niet toegestaan (ankers en aliassen worden geweigerd); "
                        f"haal '&{anker}' weg",
                    )
                ]
            )


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
    sleutel = _te_lange_sleutel(probleem, bron, mark)
    if sleutel is not None:
        return Melding(bestand, regel, None, sleutel)
    if "invalid Unicode character escape" in probleem:
        return Melding(bestand, regel, None, _escapemelding(bron, mark))
    inspringing = _inspringfout(probleem, bron, mark)
    if inspringing is not None:
        return Melding(bestand, inspringing[0], None, f"YAML-syntaxfout: {inspringing[1]}")
    # de teksten van libyaml (C) en PyYAML (Python) verschillen iets; de sleutels passen op beide
    uitleg = {
        "mapping values are not allowed": (
            "dubbele punt op een onverwachte plaats (zet tekst met ': ' tussen aanhalingstekens)"
        ),
        "could not find expected ':'": "een ':' ontbreekt na de sleutel",
        "did not find expected key": (
            "inspringing klopt niet; zet sleutels van hetzelfde niveau precies onder elkaar, met spaties"
        ),
        "expected '-' indicator": (
            "inspringing klopt niet in een lijst; zet elke '- ' van de lijst en de sleutels van één regel "
            "precies onder elkaar, met spaties"
        ),
        "expected <block end>": (
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
        # nooit de Engelse tekst van de YAML-lezer: de regel en wat er meestal mis is
        "controleer op deze regel de inspringing (spaties, sleutels van één niveau precies onder elkaar), "
        "dubbele punten en aanhalingstekens",
    )
    return Melding(bestand, regel, None, f"YAML-syntaxfout: {tekst}")


def _escapemelding(bron: str, mark: Any) -> str:
    """De melding voor een escape die geen teken is (`"\\ud800"`: een losse surrogaat, `"\\U00110000"`: voorbij
    het laatste Unicode-teken), met de escape zelf en de kolom waar hij staat."""
    if mark is None:  # pragma: no cover - de lezer geeft altijd een positie
        return "een escape (\\u....) is geen geldig Unicode-teken; schrijf het teken zelf of haal de escape weg"
    regeltekst = bron.splitlines()[mark.line] if mark.line < len(bron.splitlines()) else ""
    # de lezer wijst naar (of net voorbij) de escape: de laatste \u of \U die op of vóór die kolom begint
    escapes = [m for m in re.finditer(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", regeltekst) if m.start() <= mark.column]
    if not escapes:
        return "een escape (\\u....) is geen geldig Unicode-teken; schrijf het teken zelf of haal de escape weg"
    escape = escapes[-1]
    code = int(escape.group(1)[1:], 16)
    paar = re.match(r"\\u([dD][c-fC-F][0-9A-Fa-f]{2})", regeltekst[escape.end() :])
    if 0xD800 <= code <= 0xDBFF and paar:  # een UTF-16-paar zoals JSON het schrijft: YAML kent dat niet
        teken = 0x10000 + ((code - 0xD800) << 10) + (int(paar.group(1), 16) - 0xDC00)
        return (
            f"escape '{escape.group()}{paar.group()}' op kolom {escape.start() + 1} is een UTF-16-paar (zoals JSON "
            f"het schrijft); YAML kent alleen één escape per teken: schrijf '\\U{teken:08X}' of het teken zelf"
        )
    soort = (
        f"U+{code:04X}, losse surrogaat, geen teken (de helft van een UTF-16-paar)"
        if 0xD800 <= code <= 0xDFFF
        else f"U+{code:X}, voorbij het laatste Unicode-teken U+10FFFF"
    )
    return (
        f"escape '{escape.group()}' op kolom {escape.start() + 1} is {soort}; zo'n escape komt meestal uit een "
        "kapotte JSON- of Windows-export: schrijf het teken zelf, of haal de escape weg"
    )


#: YAML staat een eenvoudige sleutel van hooguit 1.024 tekens toe; daarboven meldt de lezer "could not find
#: expected ':'", terwijl de dubbele punt er wel staat
MAX_SLEUTEL = 1024


def _te_lange_sleutel(probleem: str, bron: str, mark: yaml.Mark | None) -> str | None:
    """De echte oorzaak als de YAML-lezer een ':' mist achter een sleutel die langer is dan YAML toestaat."""
    if "could not find expected ':'" not in probleem or mark is None:
        return None
    regels = bron.splitlines()
    # de lezer meldt de regel ná de sleutel (of het einde): kijk naar de regel ervoor en de regel zelf
    for nummer in (mark.line - 1, mark.line):
        if 0 <= nummer < len(regels):
            sleutel, dubbelepunt, _ = regels[nummer].lstrip(" -").partition(":")
            if dubbelepunt and len(sleutel) > MAX_SLEUTEL:
                from ..formaat import getal

                return (
                    f"YAML-syntaxfout: sleutel op regel {nummer + 1} is {getal(len(sleutel), 0)} tekens lang; YAML "
                    f"staat hooguit {getal(MAX_SLEUTEL, 0)} tekens toe (is dit tekst die onder een veld hoort, "
                    "zoals situatie:?)"
                )
    return None


_SLEUTELREGEL = re.compile(r"^ *(?:- +)*([A-Za-z_][A-Za-z0-9_]*) *:(?: |$)")


def _sleutel_op(regel: str) -> tuple[int, str] | None:
    """(kolom, naam) van de sleutel waarmee een regel begint (ook na `- `), of None."""
    gevonden = _SLEUTELREGEL.match(regel)
    return (gevonden.start(1), gevonden.group(1)) if gevonden else None


def _spaties(aantal: int) -> str:
    return "1 spatie" if aantal == 1 else f"{aantal} spaties"


def _inspringfout(probleem: str, bron: str, mark: yaml.Mark | None) -> tuple[int, str] | None:
    """(regel, uitleg) als de syntaxfout een sleutel is die anders inspringt dan de sleutels erboven.

    Eén spatie te veel voor een sleutel maakt van de regel een vervolg van de waarde erboven; de YAML-lezer meldt
    dan een dubbele punt op een verkeerde plaats ("zet tekst tussen aanhalingstekens" is dan de verkeerde raad).
    Eén spatie te weinig past bij geen enkel niveau erboven. Alleen een bekende sleutel van het casusformaat telt,
    zodat `Mevrouw zegt: het gaat wel` de raad over aanhalingstekens houdt.
    """
    if mark is None:
        return None
    regels = bron.split("\n")
    if mark.line >= len(regels):
        return None
    eigen = _sleutel_op(regels[mark.line])
    if eigen is None or eigen[1] not in SLEUTELS:
        return None
    kolom, naam = eigen
    erboven = [
        (i, gevonden)
        for i in range(mark.line - 1, -1, -1)
        if regels[i].strip()
        and not regels[i].lstrip().startswith("#")
        and (gevonden := _sleutel_op(regels[i])) is not None
    ]
    if not erboven:
        return None
    vorige_regel, (vorige_kolom, vorige_naam) = erboven[0]
    waar = "de regel erboven" if vorige_regel == mark.line - 1 else f"'{vorige_naam}' op regel {vorige_regel + 1}"
    blokfout = any(s in probleem for s in ("expected key", "expected '-' indicator", "expected <block end>"))
    verder = blokfout or (
        # de dubbele punt waar de lezer over valt, moet die van de sleutel zelf zijn
        "mapping values are not allowed" in probleem and regels[mark.line].find(":", kolom) == mark.column
    )
    if verder and kolom > vorige_kolom:
        return mark.line + 1, (
            f"deze regel springt {_spaties(kolom - vorige_kolom)} verder in dan {waar}; zet '{naam}' precies "
            f"onder '{vorige_naam}' (sleutels van hetzelfde niveau staan precies onder elkaar, met spaties)"
        )
    if not blokfout or kolom >= vorige_kolom:
        return None
    # de niveaus erboven: elke sleutel die minder ver inspringt dan alles tussen hem en deze regel
    niveaus: list[tuple[int, int, str]] = []
    for i, (k, n) in erboven:
        if not niveaus or k < niveaus[-1][1]:
            niveaus.append((i, k, n))
        streepje = regels[i].find("- ")
        if 0 <= streepje < k and streepje < niveaus[-1][1]:
            niveaus.append((i, streepje, "-"))
    if any(k == kolom for _, k, _ in niveaus):
        return None  # dit niveau bestaat; de fout is iets anders
    # het dichtstbijzijnde niveau erboven dat een sleutel is (een '- ' telt als niveau, maar niet als plek)
    hoger = min((n for n in niveaus if n[1] > kolom and n[2] != "-"), key=lambda n: n[1])
    if hoger[0] != vorige_regel:
        waar = f"'{hoger[2]}' op regel {hoger[0] + 1}"
    return mark.line + 1, (
        f"deze regel springt {_spaties(hoger[1] - kolom)} minder ver in dan {waar}; zet '{naam}' precies "
        f"onder '{hoger[2]}' (sleutels van hetzelfde niveau staan precies onder elkaar, met spaties)"
    )


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
    if tag == _UITROEP:
        return "!"
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _tag_fout(tag: str) -> str:
    return f"YAML-tag '{_tagnaam(tag)}' is niet toegestaan; gebruik gewone waarden"


def dubbelzinnig_tekst(waarde: str) -> str:
    """De melding bij een getalvorm die YAML 1.1 en 1.2 verschillend lezen, met wat de gebruiker wel kan schrijven."""
    soort = _SCALAIR.match(waarde)
    groep = soort.lastgroup if soort is not None else None
    if groep == "voorloopnul":
        return (
            f"'{waarde}' begint met een 0 en is dubbelzinnig (oudere YAML leest het als octaal getal); "
            f"schrijf {int(waarde)}, of '{waarde}' tussen aanhalingstekens als tekst bedoeld is"
        )
    if groep == "zestigtallig":
        return (
            f"'{waarde}' is dubbelzinnig (oudere YAML leest het als zestigtallig getal: 1:30 wordt 90); "
            "schrijf een gewoon getal met een punt als decimaalteken (anderhalf = 1.5)"
        )
    if groep == "grondtal":
        return f"'{waarde}' is een hexadecimaal, octaal of binair getal en dubbelzinnig; schrijf een gewoon getal"
    return (
        f"'{waarde}' bevat een liggend streepje (_) en is dubbelzinnig; "
        f"schrijf {waarde.replace('_', '')} zonder scheidingsteken"
    )


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
        self.ruw: dict[Pad, str] = {}
        self.dubbelzinnig: set[Pad] = set()

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
                raise self._fout(node, pad, _tag_fout(node.tag))
            return [self.waarde(kind, (*pad, i)) for i, kind in enumerate(node.value)]
        if soort is MappingNode:
            if node.tag != _MAP:
                raise self._fout(node, pad, _tag_fout(node.tag))
            uit: dict[str, Any] = {}
            for sleutel_node, waarde_node in node.value:
                if not isinstance(sleutel_node, ScalarNode) or (
                    sleutel_node.value == "<<" and sleutel_node.style is None
                ):
                    raise self._fout(
                        sleutel_node, pad, "sleutels moeten gewone namen zijn (geen lijsten, mappings of '<<')"
                    )
                if sleutel_node.tag not in _SCALAIRE_TAGS:
                    raise self._fout(sleutel_node, pad, _tag_fout(sleutel_node.tag))
                # een sleutel is de tekst zoals geschreven (`012:` blijft '012')
                sleutel = str(sleutel_node.value)
                self._zichtbaar(sleutel_node, pad, sleutel, "in een sleutel", spaties=True)
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

    def _zichtbaar(self, node: Node, pad: Pad, tekst: str, waar: str, *, spaties: bool = False) -> None:
        """Weiger onzichtbare tekens die als escape (`"\\x01"`, `"\\u202e"`) of in een sleutel zijn geschreven."""
        gevonden = _ONZICHTBAAR.search(tekst)
        if gevonden is None and spaties:
            gevonden = re.search("[\u00a0\u2007\u202f\u3000]", tekst)
        if gevonden is not None:
            kolom = node.start_mark.column + 1  # waar de waarde begint: de escape staat in de bron, niet in `tekst`
            raise self._fout(node, pad, _onzichtbaar_tekst(gevonden.group(), waar, kolom))

    def _scalair(self, node: ScalarNode, pad: Pad) -> Any:
        tag = node.tag
        if tag not in _SCALAIRE_TAGS:
            raise self._fout(node, pad, _tag_fout(tag))
        waarde = node.value
        if tag == _STR:
            if INVULTEKST in waarde:
                self.invulplekken.append(pad)
            if node.style == '"' and "\\" in self.bron:  # alleen tussen dubbele aanhalingstekens bestaan escapes
                self._zichtbaar(node, pad, waarde, "in de tekst (als escape geschreven)")
            return waarde
        if tag == _NULL:
            return None
        self.ruw[pad] = waarde
        if tag == _DUBBELZINNIG:
            self.dubbelzinnig.add(pad)
            return waarde
        if tag == _BOOL:
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag in (_INT, _FLOAT) and (cijfers := cijfers_voor_de_komma(waarde)) > MAX_CIJFERS:
            raise self._fout(
                node,
                pad,
                f"'{kort_getal(waarde)}' {te_veel_cijfers(cijfers)}; is het tekst, zet het dan tussen aanhalingstekens",
            )
        if tag == _INT:
            return int(waarde)
        if tag == _FLOAT:
            zonder_teken = waarde.lstrip("+-").lower()
            if zonder_teken in (".inf", ".nan"):
                return (
                    math.copysign(math.inf, -1.0 if waarde.startswith("-") else 1.0)
                    if "inf" in zonder_teken
                    else math.nan
                )
            return float(waarde)
        try:
            datum = _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError:
            raise self._fout(
                node, pad, f"datum '{waarde}' bestaat niet; gebruik JJJJ-MM-DD met een echte dag"
            ) from None
        if isinstance(datum, dt.datetime):
            # een tijdstip (met of zonder tijdzone) is geen dag: niet stil afkappen, de validatie zegt het
            return datum
        return datum
