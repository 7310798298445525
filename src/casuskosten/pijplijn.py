"""De hele berekening in één aanroep: tarieven en casussen lezen, beprijzen, optellen.

En `controleer_alles`, dat alle problemen in casussen, tarieftabellen en instellingen in één keer verzamelt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .fouten import CasuskostenFout, InstellingenFout, Melding, Waarschuwing
from .invoer.casussen import CasusBestand, Voortgang, laad_casussen, lees_alle, zoek_casusbestanden, zonder_dubbele_ids
from .invoer.instellingen import Instellingen, laad_instellingen
from .invoer.privacy import CODE_VOORVOEGSEL, controleer_privacy, privacy_waarschuwingen
from .invoer.tarieven import Tarieftabel, laad_tarieven
from .rekenen.aggregatie import aggregeer, casustabel, verrijk_regels, waarschuwingen_per_casus
from .rekenen.beprijzing import beprijs
from .rekenen.resultaat import Resultaat

STANDAARD_CASUSSEN = "casussen"
STANDAARD_TARIEVEN = "tarieven"


def bereken_casussen(
    casussen: Sequence[CasusBestand],
    tabel: Tarieftabel,
    instellingen: Instellingen | None = None,
    *,
    overgeslagen: Sequence[str] = (),
) -> Resultaat:
    """Beprijs en tel op voor al geladen casussen."""
    instellingen = instellingen or Instellingen()
    try:
        prijspeil = tabel.prijsindex.peil(instellingen.prijspeil)
    except InstellingenFout as fout:  # de fout zit in de optie of instelling, niet in het indexbestand
        bestand, regel, veld = instellingen.herkomst("prijspeil")
        raise InstellingenFout([Melding(bestand, regel, veld, m.tekst) for m in fout.meldingen]) from None
    regels = verrijk_regels(beprijs(casussen, tabel, prijspeil, instellingen.discontovoet), instellingen)
    tabel_casussen = casustabel(casussen, regels, instellingen)
    gemeenten = []
    regels_per_gemeente = dict(tuple(regels.groupby("gemeente", sort=False)))
    leeg = regels.iloc[0:0]
    for gemeente, deel in tabel_casussen.groupby("gemeente", sort=True):
        gemeenten.append(aggregeer(str(gemeente), deel, regels_per_gemeente.get(gemeente, leeg), instellingen))
    totaal = aggregeer(None, tabel_casussen, regels, instellingen)
    return Resultaat(
        prijspeil=prijspeil,
        instellingen=instellingen.model_copy(update={"prijspeil": prijspeil}),
        casussen=tabel_casussen,
        regels=regels,
        gemeenten=tuple(gemeenten),
        totaal=totaal,
        casus_waarschuwingen=_per_casus(
            casussen, privacy_waarschuwingen(casussen), waarschuwingen_per_casus(casussen, tabel_casussen)
        ),
        overgeslagen=tuple(overgeslagen),
        invoerbestanden=tuple([(cb.bestand, cb.document.sha256) for cb in casussen]),
        casusbestanden=tuple(casussen),
        tariefbestanden=tuple((b, _sha256(b)) for b in tabel.bestanden),
    )


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


def bereken(
    paden: Sequence[Path | str] = (STANDAARD_CASUSSEN,),
    tarieven: Path | str = STANDAARD_TARIEVEN,
    instellingen: Instellingen | None = None,
    *,
    sla_ongeldige_over: bool = False,
    voortgang: Voortgang | None = None,
) -> Resultaat:
    """Lees tarieven en casussen en bereken alles; gooit `CasuskostenFout` bij ongeldige invoer.

    `voortgang(gedaan, totaal)` wordt tijdens het lezen aangeroepen (voor een voortgangsbalk).

    >>> import casuskosten
    >>> resultaat = casuskosten.bereken(["casussen"], "tarieven")   # doctest: +SKIP
    >>> resultaat.casussen[["id", "besparing_pct"]]                  # doctest: +SKIP
    """
    tabel = laad_tarieven(tarieven)
    geladen = laad_casussen(paden, tabel, sla_ongeldige_over=sla_ongeldige_over, voortgang=voortgang)
    return bereken_casussen(geladen.casussen, tabel, instellingen, overgeslagen=[str(m) for m in geladen.overgeslagen])


@dataclass(frozen=True)
class Controle:
    """Wat `controleer` vond: fouten (de invoer is onbruikbaar) en waarschuwingen (bruikbaar, maar let op)."""

    fouten: tuple[Melding, ...]
    waarschuwingen: tuple[Waarschuwing, ...]
    aantal_casussen: int
    aantal_tariefregels: int


def controleer_alles(
    paden: Sequence[Path], tarieven: Path, instellingen: Path | None = None, *, streng: bool = False
) -> Controle:
    """Controleer alles en verzamel elke fout; geeft waarschuwingen over de geldige casussen.

    Vermoedelijke persoonsgegevens worden in elke leesbare casus gezocht (ook als hij om een andere reden
    ongeldig is); met `streng` zijn ze fouten in plaats van waarschuwingen.
    """
    fouten: list[Melding] = []
    try:
        gekozen = laad_instellingen(instellingen)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
        gekozen = None
    tabel: Tarieftabel | None = None
    try:
        tabel = laad_tarieven(tarieven)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
    try:
        bestanden = zoek_casusbestanden(paden)
    except CasuskostenFout as fout:
        fouten.extend(fout.meldingen)
        bestanden = []
    geldig = []
    privacy: list[Waarschuwing] = []
    for cb, eigen in lees_alle(bestanden, tabel):
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
    fouten.extend(dubbel)
    waarschuwingen = tuple(privacy)
    if geldig and tabel is not None and gekozen is not None:
        try:
            resultaat = bereken_casussen(geldig, tabel, gekozen)
            # de privacyvondsten staan er al in (van elke leesbare casus, niet alleen de geldige)
            waarschuwingen += tuple(
                w for w in resultaat.alle_waarschuwingen() if not w.code.startswith(CODE_VOORVOEGSEL)
            )
        except CasuskostenFout as fout:
            fouten.extend(fout.meldingen)
    return Controle(tuple(fouten), waarschuwingen, len(geldig), len(tabel.regels) if tabel else 0)
