"""De hele berekening in één aanroep: tarieven en casussen lezen, beprijzen, optellen.

En `controleer_alles`, dat alle problemen in casussen, tarieftabellen en instellingen in één keer verzamelt.
`bereken_invoer` en `controleer_invoer` zijn de ene aanroep achter elke opdracht: `Invoeropties` erin, een
`Resultaat` of `Controle` eruit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .argumenten import publiek
from .fouten import CasuskostenFout, InstellingenFout, InvoerFout, Melding, Waarschuwing
from .invoer.casussen import (
    CasusBestand,
    Overgeslagen,
    Voortgang,
    eenduidige_gemeenten,
    geen_casussen_melding,
    gemeente_waarschuwingen,
    laad_casussen,
    lees_alle,
    verborgen_waarschuwingen,
    vind_casusbestanden,
    zonder_dubbele_ids,
)
from .invoer.instellingen import STANDAARD_BESTAND, Instellingen, laad_instellingen
from .invoer.opties import STANDAARD_CASUSSEN, Invoeropties, Invoerpad, invoerpaden
from .invoer.privacy import CODE_VOORVOEGSEL, controleer_privacy, privacy_waarschuwingen
from .invoer.tarieven import PRIJSINDEX, Tarieftabel, laad_tarieven, meegeleverde_tariefmap, tariefbestanden
from .rekenen.aggregatie import (
    casustabel,
    verrijk_regels,
    waarschuwingen_per_casus,
)
from .rekenen.beprijzing import beprijs
from .rekenen.gemeenten import bereken_gemeenten
from .rekenen.kernboodschap import casus_kernboodschap
from .rekenen.opschaling import controleer_formatie, onbekende_gemeenten
from .rekenen.resultaat import Resultaat
from .rekenen.vergelijking import gepoold_per_groep

STANDAARD_TARIEVEN = "tarieven"
# hoe ver boven een casusmap naar tarieven/ gezocht wordt: casussen/<gemeente>/x.yaml -> ../../tarieven
_ZOEKDIEPTE = 3

Paden = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""Eén pad (`"casussen"`, `Path(...)`) of een lijst ervan."""


def als_paden(paden: Paden) -> list[Path]:
    """Eén pad of een lijst van paden als lijst van `Path`: een losse tekst is één pad, niet een rij letters."""
    if isinstance(paden, str | os.PathLike):
        return [Path(paden)]
    return [Path(p) for p in paden]


def werkmapinvoer(tariefmap: Path) -> tuple[Invoerpad, ...]:
    """De invoer van een opdracht die zelf geen casussen of instellingen leest (`schema`): de tariefmap, en wat elke
    andere opdracht in deze werkmap zonder opties leest: casussen/, casuskosten.toml en het logo daarin. Zo schrijft
    `schema --uit` niet over een casus, de instellingen of het logo van de volgende `rapport`.

    Een instellingenbestand dat niet te lezen is, geeft hier geen fout (deze opdracht gebruikt het niet); dan is alleen
    het bestand zelf beschermd, want het logo staat er niet leesbaar in.
    """
    beschermd = invoerpaden([Path(STANDAARD_CASUSSEN)], tariefmap, Path(STANDAARD_BESTAND))
    try:
        logo = laad_instellingen().huisstijl.logo
    except CasuskostenFout:
        logo = None
    return (*beschermd, *([Invoerpad(Path(logo).absolute(), "logo")] if logo else []))


def kies_tariefmap(tarieven: str | os.PathLike[str] | None, paden: Paden) -> Path:
    """De tariefmap: `tarieven` als die gegeven is, anders `tarieven/` in de werkmap, anders `tarieven/` naast de
    casussen (in de map van elk casuspad of tot drie mappen daarboven).

    Vinden verschillende casuspaden verschillende tariefmappen, dan is dat een fout: welke bedoeld is, is niet te
    raden. Wordt er geen gevonden, dan gelden de landelijke tarieven die met casuskosten meekomen
    (`meegeleverde_tariefmap`), met de waarschuwing `meegeleverde_tarieven`.
    """
    if tarieven is not None:
        return Path(tarieven)
    werkmap = Path(STANDAARD_TARIEVEN)
    if werkmap.is_dir():
        return werkmap
    gezocht: list[Path] = [Path(os.path.abspath(werkmap))]
    gevonden: list[Path] = []
    for pad in als_paden(paden):
        volledig = Path(os.path.abspath(pad))  # abspath, niet absolute(): zonder '..' in de melding
        begin = volledig if volledig.is_dir() else volledig.parent
        for map_ in [begin, *begin.parents][: _ZOEKDIEPTE + 1]:
            kandidaat = map_ / STANDAARD_TARIEVEN
            if kandidaat.is_dir():
                if kandidaat not in gevonden:
                    gevonden.append(kandidaat)
                break
            if kandidaat not in gezocht:
                gezocht.append(kandidaat)
    if len(gevonden) == 1:
        return gevonden[0]
    if gevonden:
        tekst = (
            f"de casussen liggen naast verschillende tariefmappen ({', '.join(map(str, gevonden))}); "
            "kies er een met --tarieven"
        )
        raise InvoerFout([Melding(None, None, "tarieven", tekst)])
    # nergens een eigen tariefmap: de landelijke tabellen die met casuskosten meekomen (een waarschuwing zegt het)
    meegeleverd = meegeleverde_tariefmap()
    if meegeleverd.is_dir():
        return meegeleverd
    tekst = f"geen tariefmap gevonden; gezocht naar {', '.join(map(str, gezocht))}; geef de map op met --tarieven"
    raise InvoerFout([Melding(None, None, "tarieven", tekst)])


def kopieer_tarieven(bron: str | os.PathLike[str], doel: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Kopieer de tarieftabellen en de prijsindex uit `bron` (eerst gelezen en gecontroleerd) naar de nieuwe map
    `doel`: het begin van de eigen tarieven van een gemeente. Een bestaande map die niet leeg is, wordt nooit
    overschreven. Geeft de geschreven bestanden terug."""
    import shutil
    import tempfile

    bron, doel = Path(bron), Path(doel)
    laad_tarieven(bron)  # alleen een geldige tabel wordt het begin van een eigen tabel
    echte_bron = bron.resolve()
    if doel.resolve() == echte_bron or echte_bron in doel.resolve().parents:
        # een kopie in de bronmap maakt van de invoer een map met een tweede tabel erin
        tekst = (
            f"uitvoer zou invoer ({echte_bron}) overschrijven; kies een map buiten de tariefmap waaruit gekopieerd "
            "wordt"
        )
        raise InstellingenFout([Melding(str(doel), None, "--kopieer", tekst)])
    if doel.exists() and (not doel.is_dir() or any(doel.iterdir())):
        tekst = "bestaat al en is geen lege map; kies een nieuwe map (casuskosten overschrijft nooit tarieven)"
        raise InstellingenFout([Melding(str(doel), None, "--kopieer", tekst)])
    bestanden = [*tariefbestanden(bron), *(p for p in bron.iterdir() if p.name.lower() == PRIJSINDEX)]
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        # eerst in een tijdelijke map ernaast, dan in één keer op zijn plaats: nooit een halve kopie
        with tempfile.TemporaryDirectory(dir=doel.parent, prefix=f".{doel.name}-") as tijdelijk:
            # de rechten van een gewone nieuwe map (de umask van de gebruiker), niet de 0700 van een tijdelijke map;
            # afgelezen aan een proefmap in plaats van os.umask te zetten en terug te zetten (dat geldt voor het hele
            # proces, dus ook voor andere draden)
            proef = Path(tijdelijk) / "proef"
            proef.mkdir()
            rechten = proef.stat().st_mode & 0o777
            proef.rmdir()
            for bestand in bestanden:
                shutil.copyfile(bestand, Path(tijdelijk) / bestand.name)
            if doel.exists():
                doel.rmdir()
            os.replace(tijdelijk, doel)
            doel.chmod(rechten)
            Path(tijdelijk).mkdir()  # TemporaryDirectory ruimt zijn eigen map op; die is nu verplaatst
    except OSError as fout:
        tekst = f"kan de tarieven niet kopiëren: {fout.strerror or fout}"
        raise InstellingenFout([Melding(str(doel), None, "--kopieer", tekst)]) from None
    return tuple(doel / b.name for b in bestanden)


def beschikbare_kernen(cpu_max: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """Het aantal kernen dat dit proces mag gebruiken (standaard voor `werkers`): de kernen waarop het mag draaien,
    en in een container met een CPU-quotum (cgroup v2, `cpu.max`) niet meer dan dat quotum."""
    kernen = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        quotum, periode = cpu_max.read_text(encoding="ascii").split()[:2]
        if quotum != "max":
            kernen = min(kernen, math.ceil(int(quotum) / int(periode)))
    except (OSError, ValueError):
        pass  # geen cgroup v2 of geen quotum: de kernen zelf
    return max(1, kernen)


def controleer_werkers(werkers: int | None) -> int:
    """`werkers`, of het aantal beschikbare kernen bij None; een fout bij minder dan 1."""
    if werkers is None:
        return beschikbare_kernen()
    if isinstance(werkers, bool) or not isinstance(werkers, int) or werkers < 1:
        raise InvoerFout([Melding(None, None, "werkers", f"'{werkers}' is geen geldig aantal werkers; geef 1 of meer")])
    return werkers


@publiek
def bereken_casussen(
    casussen: Sequence[CasusBestand],
    tabel: Tarieftabel,
    instellingen: Instellingen | None = None,
    *,
    overgeslagen: Sequence[Overgeslagen] = (),
    werkers: int | None = None,
) -> Resultaat:
    """Beprijs en tel op voor al geladen casussen.

    `werkers`: hoeveel gemeenten de PSA tegelijk doorrekent (standaard: het aantal beschikbare kernen). De uitkomst is
    met elk aantal werkers dezelfde, tot op de laatste bit.
    """
    werkers = controleer_werkers(werkers)
    instellingen = instellingen or Instellingen()
    # `laad_casussen` weigert dubbele ids al; wie zelf een lijst samenstelt, krijgt dezelfde melding (elke casus telt
    # in de PSA en de rapporten onder zijn id: twee met hetzelfde id zijn niet uit elkaar te houden)
    _, dubbel = zonder_dubbele_ids(list(casussen))
    if dubbel:
        raise InvoerFout([m for g in dubbel for m in g.meldingen])
    casussen = eenduidige_gemeenten(casussen, tabel)
    try:
        prijspeil = tabel.prijsindex.peil(instellingen.prijspeil)
    except InstellingenFout as fout:  # de fout zit in de optie of instelling, niet in het indexbestand
        bestand, regel, veld = instellingen.herkomst("prijspeil")
        raise InstellingenFout([Melding(bestand, regel, veld, m.tekst) for m in fout.meldingen]) from None
    regels = verrijk_regels(beprijs(casussen, tabel, prijspeil, instellingen.discontovoet), instellingen.correctie)
    tabel_casussen = casustabel(casussen, regels, instellingen.correctie)
    controleer_formatie(instellingen, tabel)
    gemeenten = [str(g) for g in tabel_casussen["gemeente"].unique()]
    uitkomst = bereken_gemeenten(
        tabel_casussen,
        regels,
        instellingen,
        werkers=werkers,
        teamprijzen={g: teamprijs(tabel, instellingen.formatie.teamuren_tarieven, g, prijspeil) for g in gemeenten},
    )
    tabel_casussen = tabel_casussen.join(uitkomst.psa_casussen.drop(columns=["antwoord_schatting"]), on="id")
    tabel_casussen["kernboodschap"] = [
        casus_kernboodschap(per_jaar, kans, horizon)
        for per_jaar, kans, horizon in zip(
            tabel_casussen["besparing_per_jaar_gecorrigeerd"].tolist(),
            tabel_casussen["antwoord_kans_goedkoper"].tolist(),
            tabel_casussen["horizon_maanden"].tolist(),
            strict=True,
        )
    ]
    totaal = uitkomst.totaal
    # wat er bij het lezen van de tarieven of instellingen niet is meegenomen hoort bij het geheel
    onbekend = onbekende_gemeenten(instellingen, [str(g) for g in tabel_casussen["gemeente"].unique()])
    totaal = dataclasses.replace(totaal, waarschuwingen=(*tabel.waarschuwingen, *onbekend, *totaal.waarschuwingen))
    resultaat = Resultaat(
        prijspeil=prijspeil,
        instellingen=instellingen.model_copy(update={"prijspeil": prijspeil}),
        casussen=tabel_casussen,
        regels=regels,
        gemeenten=uitkomst.gemeenten,
        totaal=totaal,
        casus_waarschuwingen=_per_casus(
            casussen,
            privacy_waarschuwingen(casussen),
            waarschuwingen_per_casus(casussen, tabel_casussen, regels),
            gemeente_waarschuwingen(casussen, tabel),
        ),
        overgeslagen=tuple(overgeslagen),
        invoerbestanden=tuple([(cb.bestand, cb.document.sha256) for cb in casussen]),
        casusbestanden=tuple(casussen),
        tariefbestanden=tuple((b, _sha256(b)) for b in tabel.bestanden),
    )
    return met_vergelijking(resultaat)


def met_vergelijking(resultaat: Resultaat) -> Resultaat:
    """Het resultaat met de vergelijking van de gemeenten en, per gemeente, haar gepoolde schatting."""
    vergelijking = resultaat.vergelijk("gemeente")
    gepoold = gepoold_per_groep(vergelijking)
    gemeenten = tuple(
        dataclasses.replace(g, antwoord=dataclasses.replace(g.antwoord, gepoold=gepoold.get(g.gemeente or "")))
        for g in resultaat.gemeenten
    )
    return dataclasses.replace(resultaat, gemeenten=gemeenten, vergelijking=vergelijking)


def teamprijs(tabel: Tarieftabel, codes: Sequence[str], gemeente: str, prijspeil: int) -> float | None:
    """De prijs van een uur van het team voor `gemeente` op het prijspeil: de eerste teamuren-code uit [formatie] die
    in de tarieftabellen staat (voor het omslagpunt extra_teamuren); None als er geen is."""
    for code in codes:
        rij = tabel.kies(code, gemeente, prijspeil)
        if rij is None:
            continue
        try:
            return rij.prijs * tabel.prijsindex.factor(rij.jaar, prijspeil)
        except InvoerFout:  # een rij die niet te indexeren is: dan is er geen teamprijs (het omslagpunt is null)
            continue
    return None


def _sha256(bestand: str) -> str:
    """De SHA-256 van een tariefbestand; leeg als het (bij een tabel uit het geheugen) niet bestaat."""
    pad = Path(bestand)
    return hashlib.sha256(pad.read_bytes()).hexdigest() if pad.is_file() else ""


def _per_casus(
    casussen: Sequence[CasusBestand], *bronnen: dict[str, tuple[Waarschuwing, ...]]
) -> dict[str, tuple[Waarschuwing, ...]]:
    """De waarschuwingen van meerdere controles per casus samengevoegd, in de volgorde van de casussen."""
    uit = {}
    for cb in casussen:
        samen = tuple(w for bron in bronnen for w in bron.get(cb.casus.id, ()))
        if samen:
            uit[cb.casus.id] = samen
    return uit


@publiek
def bereken(
    paden: Paden = STANDAARD_CASUSSEN,
    tarieven: str | os.PathLike[str] | Tarieftabel | None = None,
    instellingen: Instellingen | None = None,
    *,
    sla_ongeldige_over: bool = False,
    voortgang: Voortgang | None = None,
    werkers: int | None = None,
) -> Resultaat:
    """Lees tarieven en casussen en bereken alles; gooit `CasuskostenFout` bij ongeldige invoer.

    `paden` is één pad of een lijst van paden (tekst of `Path`). `tarieven` is een tariefmap of een al geladen
    `Tarieftabel` (bijvoorbeeld een wat-als uit `met_prijs`); zonder geldt `tarieven/` in de werkmap of naast de
    casussen (zie `kies_tariefmap`). `voortgang(gedaan, totaal)` wordt tijdens het lezen aangeroepen
    (voor een voortgangsbalk). `werkers`: hoeveel processen (bij het lezen) en draden (bij de PSA) tegelijk werken,
    standaard het aantal beschikbare kernen; de uitkomst is met elk aantal dezelfde, tot op de laatste bit.

    >>> import casuskosten
    >>> resultaat = casuskosten.bereken("casussen", "tarieven")     # doctest: +SKIP
    >>> resultaat.casussen[["id", "besparing_pct"]]                  # doctest: +SKIP
    """
    if isinstance(tarieven, Tarieftabel):
        tariefmap, tabel = None, tarieven
    else:
        tariefmap = kies_tariefmap(tarieven, paden)
        tabel = laad_tarieven(tariefmap)
    werkers = controleer_werkers(werkers)
    geladen = laad_casussen(
        als_paden(paden), tabel, sla_ongeldige_over=sla_ongeldige_over, voortgang=voortgang, werkers=werkers
    )
    resultaat = bereken_casussen(
        geladen.casussen, tabel, instellingen, overgeslagen=geladen.overgeslagen, werkers=werkers
    )
    if geladen.verborgen:  # een verborgen casusbestand hoort bij het geheel: het telt niet, en dat staat erbij
        extra = verborgen_waarschuwingen(geladen.verborgen)
        totaal = dataclasses.replace(resultaat.totaal, waarschuwingen=(*extra, *resultaat.totaal.waarschuwingen))
        resultaat = dataclasses.replace(resultaat, totaal=totaal)
    # het resultaat onthoudt zijn invoer: elke schrijver weigert daarin te schrijven (ook vanuit Python)
    bestand = instellingen.bestand if instellingen is not None else None
    eigen = invoerpaden(als_paden(paden), tariefmap, Path(bestand) if bestand is not None else None)
    return dataclasses.replace(resultaat, invoerpaden=eigen)


@publiek
def bereken_invoer(opties: Invoeropties, *, voortgang: Voortgang | None = None) -> Resultaat:
    """Lees en bereken wat `opties` beschrijven: de ene aanroep achter elke opdracht die casussen beprijst.

    Eerst de instellingen (met het prijspeil van `opties`), dan de tariefmap, dan de casussen; bij meerdere fouten
    komt dus altijd dezelfde eerst. `voortgang` zoals bij `bereken`. Het resultaat kent zijn invoer
    (`Resultaat.invoerpaden`, met het instellingenbestand ook als dat er niet is), zodat geen schrijver daarin schrijft.

    >>> opties = casuskosten.Invoeropties(("casussen",), tarieven="tarieven", prijspeil=2016)  # doctest: +SKIP
    >>> casuskosten.bereken_invoer(opties).gemeente("Rotterdam").besparing_pct              # doctest: +SKIP
    """
    instellingen = laad_instellingen(opties.instellingen, prijspeil=opties.prijspeil)
    tariefmap = kies_tariefmap(opties.tarieven, opties.paden)
    resultaat = bereken(
        list(opties.paden),
        tariefmap,
        instellingen,
        sla_ongeldige_over=opties.sla_ongeldige_over,
        voortgang=voortgang,
        werkers=opties.werkers,
    )
    return dataclasses.replace(resultaat, invoerpaden=opties.invoerpaden(tariefmap))


@dataclass(frozen=True)
class Controle:
    """Wat `controleer` vond: fouten (de invoer is onbruikbaar) en waarschuwingen (bruikbaar, maar let op)."""

    fouten: tuple[Melding, ...]
    waarschuwingen: tuple[Waarschuwing, ...]
    aantal_casussen: int
    aantal_tariefregels: int


@publiek
def controleer_invoer(opties: Invoeropties, *, streng: bool = False) -> Controle:
    """Controleer wat `opties` beschrijven (zie `controleer_alles`); `sla_ongeldige_over` telt hier niet: een
    controle meldt juist elke ongeldige casus."""
    return controleer_alles(
        opties.paden,
        opties.tarieven,
        opties.instellingen,
        streng=streng,
        werkers=opties.werkers,
        prijspeil=opties.prijspeil,
    )


def controleer_alles(
    paden: Sequence[Path],
    tarieven: Path | None,
    instellingen: Path | None = None,
    *,
    streng: bool = False,
    werkers: int | None = None,
    prijspeil: int | None = None,
) -> Controle:
    """Controleer alles en verzamel elke fout; geeft waarschuwingen over de geldige casussen.

    `werkers` zoals bij `bereken`: de meldingen en waarschuwingen zijn met elk aantal dezelfde, in dezelfde volgorde.
    `prijspeil` zoals bij `laad_instellingen`: een prijspeil buiten de prijsindex is dan ook een fout.

    Vermoedelijke persoonsgegevens worden in elke leesbare casus gezocht (ook als hij om een andere reden
    ongeldig is); met `streng` zijn ze fouten in plaats van waarschuwingen.
    """
    werkers = controleer_werkers(werkers)
    fouten: list[Melding] = []
    try:
        gekozen = laad_instellingen(instellingen, prijspeil=prijspeil)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
        gekozen = None
    tabel: Tarieftabel | None = None
    try:
        tabel = laad_tarieven(kies_tariefmap(tarieven, paden))
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
    verborgen: list[Path] = []
    bestanden, zoekfouten = vind_casusbestanden(paden, verborgen)
    fouten.extend(zoekfouten)
    if not bestanden and not zoekfouten:
        fouten.append(geen_casussen_melding(paden))  # zoals bij bereken: nul casussen is niet "in orde"
    geldig = []
    privacy: list[Waarschuwing] = []
    for gelezen in lees_alle(bestanden, tabel, werkers=werkers):
        cb, eigen = gelezen.casus, gelezen.meldingen
        fouten.extend(eigen)
        if cb is None:
            continue
        for vondst in controleer_privacy(cb):
            if streng:
                fouten.append(vondst.melding())
            else:
                privacy.append(vondst.waarschuwing())
        if not eigen:
            geldig.append(cb)
    geldig, dubbel = zonder_dubbele_ids(geldig)
    fouten.extend(m for g in dubbel for m in g.meldingen)
    waarschuwingen = (
        *(gekozen.waarschuwingen() if gekozen else ()),
        *(tabel.waarschuwingen if tabel else ()),
        *verborgen_waarschuwingen(verborgen),
        *privacy,
    )
    if geldig and tabel is not None and gekozen is not None:
        try:
            resultaat = bereken_casussen(geldig, tabel, gekozen, werkers=werkers)
            # de privacyvondsten staan er al in (van elke leesbare casus, niet alleen de geldige)
            waarschuwingen += tuple(
                w
                for w in resultaat.alle_waarschuwingen()
                if not w.code.startswith(CODE_VOORVOEGSEL) and w not in tabel.waarschuwingen
            )
        except CasuskostenFout as fout:
            fouten.extend(fout.meldingen)
    return Controle(tuple(fouten), waarschuwingen, len(geldig), len(tabel.regels) if tabel else 0)
