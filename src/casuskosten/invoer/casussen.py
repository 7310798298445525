"""Casusbestanden zoeken, lezen en valideren: eerst de vorm (modellen), dan tegen de tarieven en de tijdsregels."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from pydantic import ValidationError

from ..fouten import InvoerFout, Melding, Waarschuwing, bedoelde_u
from .modellen import DOELEN, TRAJECTEN, Casus
from .namen import eerste_spelling, sleutel
from .tarieven import Tarieftabel
from .tijd import tijdvak
from .validatie import vertaal
from .yamlbron import MAX_BESTANDSGROOTTE, YamlDocument, lees_yaml, pad_tekst

EXTENSIES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class CasusBestand:
    """Een geldige casus met het bestand waar hij uit komt (voor meldingen en verantwoording)."""

    casus: Casus
    document: YamlDocument

    @property
    def bestand(self) -> str:
        """Het bestand zoals de gebruiker het ziet."""
        return self.document.bestand


@dataclass(frozen=True)
class Geladen:
    """De geldige casussen en, bij `sla_ongeldige_over`, wat is overgeslagen en waarom."""

    casussen: tuple[CasusBestand, ...]
    overgeslagen: tuple[Melding, ...] = ()


def weergave(pad: Path) -> str:
    """Een pad zoals de gebruiker het herkent: relatief aan de werkmap als dat kan."""
    try:
        return os.path.relpath(pad)
    except ValueError:  # pragma: no cover - ander station op Windows
        return str(pad)


def zoek_casusbestanden(paden: Iterable[Path | str]) -> list[Path]:
    """Alle *.yaml/*.yml in de gegeven bestanden en mappen (recursief), gesorteerd en zonder dubbelen."""
    gevonden: dict[Path, None] = {}
    ontbrekend = []
    for pad in map(Path, paden):
        if pad.is_dir():
            for kind in sorted(pad.rglob("*")):
                if kind.suffix.lower() in EXTENSIES and kind.is_file() and not kind.name.startswith("."):
                    gevonden.setdefault(kind, None)
        elif pad.is_file():
            gevonden.setdefault(pad, None)
        else:
            ontbrekend.append(Melding(str(pad), None, None, "bestand of map bestaat niet"))
    if ontbrekend:
        raise InvoerFout(ontbrekend)
    return list(gevonden)


def lees_casus(pad: Path, *, max_grootte: int = MAX_BESTANDSGROOTTE) -> CasusBestand:
    """Lees één casusbestand en controleer de vorm; `InvoerFout` met alle vormfouten."""
    document = lees_yaml(pad, weergave=weergave(pad), max_grootte=max_grootte)
    if not isinstance(document.data, dict):
        soort = "een lijst" if isinstance(document.data, list) else "een losse waarde"
        raise InvoerFout(
            [
                Melding(
                    document.bestand,
                    document.regel(()) or 1,
                    None,
                    f"verwacht een casus als mapping (id:, gemeente:, ...), gekregen {soort}",
                )
            ]
        )
    open_plekken = _placeholders(document)
    try:
        casus = Casus.model_validate(document.data)
    except ValidationError as fout:
        raise InvoerFout([*open_plekken, *vertaal(fout, document, Casus)]) from None
    if open_plekken:
        raise InvoerFout(open_plekken)
    return CasusBestand(casus, document)


def _placeholders(document: YamlDocument) -> list[Melding]:
    """Velden die nog de invultekst uit `casuskosten nieuw` bevatten (gevonden tijdens het lezen)."""
    return [
        Melding(
            document.bestand,
            document.regel(pad),
            pad_tekst(pad),
            "nog niet ingevuld: vervang de tekst '<VUL IN ...>' door de echte waarde",
        )
        for pad in document.invulplekken
    ]


def controleer_casus(cb: CasusBestand, tabel: Tarieftabel) -> list[Melding]:
    """Controles die de tarieven en de tijdsregels nodig hebben: onbekende codes, inzet buiten de horizon."""
    casus, doc = cb.casus, cb.document
    meldingen = []
    codes = tabel.codes(casus.gemeente)
    for traject in TRAJECTEN:
        for i, inzet in enumerate(getattr(casus.trajecten, traject).inzet):
            pad = ("trajecten", traject, "inzet", i)
            if tabel.kies(inzet.tarief, casus.gemeente, casus.tariefjaar) is None:
                elders = tabel.gemeenten_met_code(inzet.tarief)
                uitleg = (
                    f"; deze code bestaat alleen voor {', '.join(elders)}"
                    if elders
                    else bedoelde_u(inzet.tarief, codes)
                )
                meldingen.append(
                    Melding(
                        doc.bestand,
                        doc.regel((*pad, "tarief")),
                        pad_tekst((*pad, "tarief")),
                        f"onbekende tariefcode '{inzet.tarief}' voor gemeente {casus.gemeente}{uitleg}",
                    )
                )
            if inzet.vanaf_maand >= casus.horizon_maanden:
                meldingen.append(
                    Melding(
                        doc.bestand,
                        doc.regel((*pad, "vanaf_maand")),
                        pad_tekst((*pad, "vanaf_maand")),
                        f"vanaf_maand {inzet.vanaf_maand} valt buiten de horizon; moet kleiner zijn "
                        f"dan horizon_maanden ({casus.horizon_maanden})",
                    )
                )
                continue
            maanden, _ = tijdvak(inzet.per, inzet.duur, inzet.vanaf_maand, casus.horizon_maanden)
            if inzet.vanaf_maand + maanden > casus.horizon_maanden:
                meldingen.append(
                    Melding(
                        doc.bestand,
                        doc.regel((*pad, "duur")),
                        pad_tekst((*pad, "duur")),
                        f"duur '{inzet.duur}' ({_maanden(maanden)} maanden) vanaf maand "
                        f"{inzet.vanaf_maand} loopt voorbij de horizon van {casus.horizon_maanden} "
                        f"maanden; maak de duur korter of de horizon langer",
                    )
                )
    return meldingen


def _maanden(waarde: Fraction) -> str:
    return str(int(waarde)) if waarde.denominator == 1 else f"{float(waarde):.1f}".replace(".", ",")


def lees_en_controleer(
    pad: Path, tabel: Tarieftabel | None, max_grootte: int = MAX_BESTANDSGROOTTE
) -> tuple[CasusBestand | None, list[Melding]]:
    """Eén bestand lezen en controleren: (de casus, of None als de vorm ongeldig is; de meldingen).

    Een casus met een geldige vorm maar een fout tegen de tarieven of de tijdsregels komt terug mét meldingen.
    """
    try:
        cb = lees_casus(pad, max_grootte=max_grootte)
    except InvoerFout as fout:
        return None, list(fout.meldingen)
    eigen = controleer_casus(cb, tabel) if tabel is not None else []
    # Na de controle zijn de ruwe YAML-gegevens niet meer nodig, en van de regelnummers alleen die waar latere
    # meldingen naar wijzen (id, doelen, vrije tekst voor de privacycontrole): bij 100.000 casussen scheelt dat
    # honderden MB. Een ontbrekend pad valt in `YamlDocument.regel` terug op het bovenliggende veld.
    bewaard = {
        p: r for p, r in cb.document.regels.items() if not p or (isinstance(p[-1], str) and p[-1] in _LATER_NODIG)
    }
    cb = CasusBestand(cb.casus, dataclasses.replace(cb.document, data=None, regels=bewaard))
    return cb, eigen


_LATER_NODIG = frozenset(
    {
        "id",
        "gemeente",
        "datum",
        "situatie",
        "onderbouwing",
        "team",
        "ingebracht_door",
        "beschrijving",
        "toelichting",
        "doelen",
        *DOELEN,
    }
)


Voortgang = Callable[[int, int], None]
"""Wordt aangeroepen met (gedaan, totaal); de CLI tekent er een voortgangsbalk mee, de kern tekent niets."""


def lees_alle(
    bestanden: Sequence[Path],
    tabel: Tarieftabel | None,
    max_grootte: int = MAX_BESTANDSGROOTTE,
    voortgang: Voortgang | None = None,
) -> list[tuple[CasusBestand | None, list[Melding]]]:
    """`lees_en_controleer` voor elk bestand, in volgorde.

    Bewust in één proces: parallel lezen met een procespool is gemeten en was trager, omdat het terugsturen
    (pickle) van gevalideerde pydantic-modellen meer kost dan het parsen op een tweede kern oplevert
    (zie benchmarks/README.md).
    """
    if voortgang is None:
        return [lees_en_controleer(p, tabel, max_grootte) for p in bestanden]
    uit = []
    for i, pad in enumerate(bestanden, start=1):
        uit.append(lees_en_controleer(pad, tabel, max_grootte))
        if i % 100 == 0 or i == len(bestanden):
            voortgang(i, len(bestanden))
    return uit


def laad_casussen(
    paden: Sequence[Path | str],
    tabel: Tarieftabel,
    *,
    sla_ongeldige_over: bool = False,
    max_grootte: int = MAX_BESTANDSGROOTTE,
    voortgang: Voortgang | None = None,
) -> Geladen:
    """Lees en controleer alle casussen; bij een fout alle meldingen samen, tenzij `sla_ongeldige_over`."""
    bestanden = zoek_casusbestanden(paden)
    meldingen: list[Melding] = []
    geldig: list[CasusBestand] = []
    for cb, eigen in lees_alle(bestanden, tabel, max_grootte, voortgang):
        meldingen.extend(eigen)
        if cb is not None and not eigen:
            geldig.append(cb)
    geldig, dubbel = zonder_dubbele_ids(geldig)
    meldingen.extend(dubbel)
    if not bestanden:
        meldingen.append(
            Melding(", ".join(map(str, paden)) or None, None, None, "geen casusbestanden (*.yaml of *.yml) gevonden")
        )
    if meldingen and not sla_ongeldige_over:
        raise InvoerFout(meldingen)
    if not geldig:
        raise InvoerFout([*meldingen, Melding(None, None, None, "geen enkele geldige casus over om te berekenen")])
    return Geladen(tuple(geldig), tuple(meldingen))


def zonder_dubbele_ids(casussen: list[CasusBestand]) -> tuple[list[CasusBestand], list[Melding]]:
    eerste: dict[str, CasusBestand] = {}
    meldingen = []
    dubbel: set[str] = set()
    for cb in casussen:
        if cb.casus.id in eerste:
            ander = eerste[cb.casus.id]
            dubbel.add(cb.casus.id)
            meldingen.append(
                Melding(
                    cb.bestand,
                    cb.document.regel(("id",)),
                    "id",
                    f"id '{cb.casus.id}' komt ook voor in {ander.bestand}:"
                    f"{ander.document.regel(('id',))}; elke casus heeft een eigen id",
                )
            )
        else:
            eerste[cb.casus.id] = cb
    return [cb for cb in casussen if cb.casus.id not in dubbel], meldingen


def eenduidige_gemeenten(casussen: Sequence[CasusBestand], tabel: Tarieftabel) -> list[CasusBestand]:
    """Dezelfde casussen met elke gemeente in één spelling (zie `namen.sleutel`): die van de tarieftabel, anders de
    eerste in bestandsvolgorde. Zo zijn 'Den Haag' en 'den haag' één gemeente in elke tabel en elk rapport."""
    eerste = eerste_spelling(cb.casus.gemeente for cb in sorted(casussen, key=lambda cb: cb.bestand))
    uit = []
    for cb in casussen:
        naam = tabel.spelling(cb.casus.gemeente) or eerste[sleutel(cb.casus.gemeente)]
        gelijk = naam == cb.casus.gemeente
        uit.append(cb if gelijk else CasusBestand(cb.casus.model_copy(update={"gemeente": naam}), cb.document))
    return uit


def gemeente_waarschuwingen(
    casussen: Sequence[CasusBestand], tabel: Tarieftabel
) -> dict[str, tuple[Waarschuwing, ...]]:
    """Per casus-id een waarschuwing als de gemeente geen eigen tarieven heeft, maar een bijna gelijke naam wel."""
    uit: dict[str, tuple[Waarschuwing, ...]] = {}
    for cb in casussen:
        ander = tabel.bijna_gelijke_gemeente(cb.casus.gemeente)
        if ander is not None:
            regel = cb.document.regel(("gemeente",))
            plaats = f"{cb.bestand}:{regel}" if regel else cb.bestand
            tekst = (
                f"{plaats}: gemeente '{cb.casus.gemeente}' heeft geen eigen tarieven, '{ander}' wel; "
                f"nu gelden de landelijke tarieven (bedoelt u '{ander}'?)"
            )
            uit[cb.casus.id] = (Waarschuwing("gemeente_bijna_gelijk", tekst, cb.bestand, cb.casus.id, ander),)
    return uit
