"""Dekking van de 95%-intervallen (rij 7 van `make bench`): het nieuwe `antwoord.interval95` tegen de oude bootstrap.

**Rij 7, het antwoord.** De grootheid is de gecorrigeerde besparing per huishouden per jaar: het gemiddelde over de
casussen van `besparing_per_jaar_gecorrigeerd`. Drie populaties met een bekend echt gemiddelde:

- `rechtsscheef`: y = 2600 x (G - 1) met G ~ Gamma(1) (exponentieel, scheefheid +2): echt gemiddelde 0;
- `linksscheef`: het spiegelbeeld, y = -2600 x (G - 1) (scheefheid -2), zoals de meegeleverde besparingen links
  scheef zijn: echt gemiddelde 0, dus elke 'besparing' die een steekproef vindt is toeval;
- `meegeleverd`: de 26 meegeleverde casussen als populatie (hun `besparing_per_jaar_gecorrigeerd`, scheefheid ~-1),
  met teruglegging getrokken (elke trekking is een onafhankelijke casus uit die verdeling); echt gemiddelde: het
  gemiddelde van de 26.

Per populatie en n (6, 8, 20) trekken we herhaald n casussen. Elke steekproef wordt een eigen gemeente van
synthetische casussen (een inzetregel voor_2015 of sociaal_team, horizon 12 maanden, geen correctie) waarvan de
gecorrigeerde besparing per jaar precies de getrokken y is, en alle steekproeven gaan samen door de echte
berekening (`bereken_casussen`, de doorgang per gemeente, `antwoord.interval95`), met alleen de steekproefbron aan:
tarieven en kansen uit, want het echte gemiddelde hoort bij de puntwaarden. Zo meet de rij de code die de gebruiker
draait, niet een naberekening. De oude methode is de bootstrap over casussen van hetzelfde gemiddelde (zoals de oude
PSA en `bootstrap_intervallen` trokken): percentiel en BCa (`bca_interval`, met de jackknife van het gemiddelde).

We tellen hoe vaak elk interval het echte gemiddelde bevat (nominaal 95%) en hoe vaak het er *boven* ligt
("optimistisch": het interval belooft meer besparing dan er is). Bij de populaties met echt gemiddelde 0 ook hoe vaak
de kans op een besparing 0,80 of meer is (eerlijk: 20%) en 0,95 of meer (eerlijk: 5%).

**Het besparingspercentage** (ondersteunend cijfer, `besparing_pct_ci95`): zoals vóór issue 20 de dekking van de
bootstrap van (som voor - som team) / som voor op steekproeven zonder teruglegging uit de 26 meegeleverde casussen.

Een benchmark, geen test: de uitkomst hangt af van de populatie en van het toeval, en zegt hoe goed de methode werkt.

    python benchmarks/dekking.py [--herhalingen 1000] [--trekkingen 2000] [--werkers N]

Standaard `--herhalingen` uit BENCH_DEKKING (1000 steekproeven per populatie en n: standaardfout ~1 procentpunt
rond 90%).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from casuskosten import Instellingen, bereken, bereken_casussen, laad_casussen, laad_tarieven
from casuskosten.invoer.casussen import CasusBestand
from casuskosten.invoer.instellingen import Correctie, Onzekerheid
from casuskosten.invoer.tarieven import Tarieftabel
from casuskosten.rekenen.onzekerheid import bca_interval, bootstrap_intervallen, bootstrap_sommen

PROJECT = Path(__file__).resolve().parent.parent
FloatArray = npt.NDArray[np.float64]

POPULATIES = ("rechtsscheef", "linksscheef", "meegeleverd")
AANTALLEN = (6, 8, 20)
SCHAAL = 2600.0  # ongeveer de standaardafwijking van de meegeleverde besparingen per jaar
SJABLOON = """id: SJABLOON
gemeente: Sjabloon
datum: 2022-01-01
horizon_maanden: 12
zekerheid: hoog
situatie: |
  Synthetische casus voor de dekkingsmeting; geen echte situatie.
trajecten:
  voor_2015:
    inzet:
      - tarief: wmo_consulent_uur
        aantal: 1
  sociaal_team:
    inzet:
      - tarief: wijkteam_uur
        aantal: 1
doelen:
  voorkomen_zwaardere_zorg: onbekend
  integrale_aanpak: onbekend
  preventie_escalatie: onbekend
  betere_ondersteuning: onbekend
  zelfredzaamheid: onbekend
"""


def instellingen(trekkingen: int) -> Instellingen:
    """Alleen de steekproefbron; geen correctie (dan is y lineair in de aantallen), de bootstrap van de gemeente op
    het minimum (die wordt hier niet gebruikt)."""
    return Instellingen(
        psa_iteraties=trekkingen,
        bootstrap_iteraties=100,
        correctie=Correctie(hoog=0.0, middel=0.0, laag=0.0),
        onzekerheid=Onzekerheid(steekproef=True, tarieven=False, kansen=False, kansfactor=0.0),
    )


@dataclass(frozen=True)
class Sjabloon:
    """Eén ingelezen casus als mal, en wat één eenheid voor_2015 en sociaal_team per jaar scheelt (`ijk`)."""

    casus: CasusBestand
    tabel: Tarieftabel
    per_voor: float = 1.0
    per_team: float = 1.0

    @staticmethod
    def lees(tabel: Tarieftabel) -> Sjabloon:
        """Lees de mal zoals elk casusbestand (uit een tijdelijke map) en ijk hem door de echte berekening."""
        with tempfile.TemporaryDirectory(prefix="casuskosten-dekking-") as tmp:
            (Path(tmp) / "sjabloon.yaml").write_text(SJABLOON, encoding="utf-8")
            casus = laad_casussen([tmp], tabel).casussen[0]
        ruw = Sjabloon(casus, tabel)
        r = bereken_casussen(
            [ruw.maak("IJK-V", "Ijk", 1.0, 0.0), ruw.maak("IJK-T", "Ijk", 0.0, 1.0)], tabel, instellingen(100)
        )
        per_voor, per_team = r.casussen.set_index("id").loc[["IJK-V", "IJK-T"], "besparing_per_jaar_gecorrigeerd"]
        return Sjabloon(casus, tabel, float(per_voor), -float(per_team))

    def maak(self, id_: str, gemeente: str, voor: float, team: float) -> CasusBestand:
        """Een kopie van de mal met `voor` eenheden voor_2015 en `team` eenheden sociaal team (0: geen regel)."""
        c = self.casus.casus
        trajecten = c.trajecten
        v, t = trajecten.voor_2015, trajecten.sociaal_team
        nieuw = trajecten.model_copy(
            update={
                "voor_2015": v.model_copy(
                    update={"inzet": (v.inzet[0].model_copy(update={"aantal": voor}),) if voor else ()}
                ),
                "sociaal_team": t.model_copy(
                    update={"inzet": (t.inzet[0].model_copy(update={"aantal": team}),) if team else ()}
                ),
            }
        )
        return CasusBestand(
            c.model_copy(update={"id": id_, "gemeente": gemeente, "trajecten": nieuw}), self.casus.document
        )

    def met_besparing(self, id_: str, gemeente: str, y: float) -> CasusBestand:
        """Een casus met gecorrigeerde besparing per jaar `y`."""
        return self.maak(id_, gemeente, max(y, 0.0) / self.per_voor, max(-y, 0.0) / self.per_team)


@dataclass(frozen=True)
class Intervallen:
    """Per steekproef de grenzen en de kans op een besparing (> 0)."""

    laag: FloatArray
    hoog: FloatArray
    kans: FloatArray


def nieuw(y: FloatArray, sjabloon: Sjabloon, trekkingen: int, werkers: int | None) -> Intervallen:
    """`antwoord.interval95` en `antwoord.kans_besparing` van elke steekproef (rij van `y`), door de echte berekening:
    elke steekproef is een gemeente."""
    steekproeven, n = y.shape
    namen = [f"Steekproef{s:05d}" for s in range(steekproeven)]
    casussen = [
        sjabloon.met_besparing(f"S{s:05d}-{i:02d}", namen[s], float(y[s, i]))
        for s in range(steekproeven)
        for i in range(n)
    ]
    r = bereken_casussen(casussen, sjabloon.tabel, instellingen(trekkingen), werkers=werkers)
    # de berekening moet precies de getrokken besparingen zien
    berekend = r.casussen.set_index("id").loc[[c.casus.id for c in casussen], "besparing_per_jaar_gecorrigeerd"]
    afwijking = float(np.max(np.abs(berekend.to_numpy(float).reshape(steekproeven, n) - y)))
    if afwijking > 1e-6 * SCHAAL:
        raise SystemExit(f"dekking: de synthetische casussen geven niet de getrokken besparing (afwijking {afwijking})")
    per_naam = {g.gemeente: g.antwoord for g in r.gemeenten}
    laag, hoog, kans = np.full(steekproeven, np.nan), np.full(steekproeven, np.nan), np.full(steekproeven, np.nan)
    for s, naam in enumerate(namen):
        antwoord = per_naam[naam]
        if antwoord.interval95 is not None and antwoord.kans_besparing is not None:
            laag[s], hoog[s] = antwoord.interval95
            kans[s] = antwoord.kans_besparing
    return Intervallen(laag, hoog, kans)


def oud(y: FloatArray, trekkingen: int, rng: np.random.Generator) -> dict[str, Intervallen]:
    """De oude bootstrap over casussen van het gemiddelde van elke steekproef: percentiel en BCa, met de kans als het
    aandeel bootstrapgemiddelden boven 0 (zoals de oude PSA)."""
    steekproeven, n = y.shape
    uit = {
        m: Intervallen(np.empty(steekproeven), np.empty(steekproeven), np.empty(steekproeven))
        for m in ("percentiel", "bca")
    }
    for s in range(steekproeven):
        rij = y[s]
        gemiddelden = bootstrap_sommen([rij], trekkingen, rng)[:, 0] / n
        kans = float(np.mean(gemiddelden > 0))
        laag, hoog = np.percentile(gemiddelden, [2.5, 97.5])
        jackknife = (rij.sum() - rij) / (n - 1)
        grenzen = {
            "percentiel": (float(laag), float(hoog)),
            "bca": bca_interval(float(rij.mean()), gemiddelden, jackknife),
        }
        for methode, (lo, hi) in grenzen.items():
            uit[methode].laag[s], uit[methode].hoog[s], uit[methode].kans[s] = lo, hi, kans
    return uit


def student_t(y: FloatArray) -> Intervallen:
    """De gesloten vorm van de steekproefbron alleen: gemiddelde +- t(0,975; n - 1) x s / wortel(n), en de kans
    P(theta > 0) = F_t(gemiddelde / (s / wortel(n))). Zonder toevalsruis van de trekkingen: zo is te zien hoeveel van
    het verschil met 95% de methode is en hoeveel de eindige trekkingen."""
    from scipy import stats

    n = y.shape[1]
    gemiddelde = y.mean(axis=1)
    fout = y.std(axis=1, ddof=1) / np.sqrt(n)
    q = float(stats.t.ppf(0.975, n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        kans = np.asarray(stats.t.cdf(gemiddelde / fout, n - 1), dtype=float)
    return Intervallen(gemiddelde - q * fout, gemiddelde + q * fout, kans)


def trekker(
    populatie: str, meegeleverd: FloatArray
) -> tuple[Callable[[np.random.Generator, int, int], FloatArray], float]:
    """De trekking van `populatie` (rng, steekproeven, n) -> y, en het echte gemiddelde."""
    if populatie == "rechtsscheef":
        return lambda rng, s, n: SCHAAL * (rng.gamma(1.0, size=(s, n)) - 1.0), 0.0
    if populatie == "linksscheef":
        return lambda rng, s, n: -SCHAAL * (rng.gamma(1.0, size=(s, n)) - 1.0), 0.0
    if populatie == "meegeleverd":
        return lambda rng, s, n: rng.choice(meegeleverd, size=(s, n), replace=True), float(meegeleverd.mean())
    raise ValueError(f"onbekende populatie {populatie!r}")


def tel(intervallen: Intervallen, echt: float) -> dict[str, float]:
    """Dekking, optimistisch en pessimistisch gemist, en (bij echt 0) de kansen van 0,80 en 0,95 of meer."""
    geldig = np.isfinite(intervallen.laag)
    laag, hoog = intervallen.laag[geldig], intervallen.hoog[geldig]
    uit = {
        "dekking": float(np.mean((laag <= echt) & (echt <= hoog))),
        "optimistisch": float(np.mean(laag > echt)),
        "pessimistisch": float(np.mean(hoog < echt)),
    }
    if echt == 0.0:
        uit["kans80"] = float(np.mean(intervallen.kans[geldig] >= 0.80))
        uit["kans95"] = float(np.mean(intervallen.kans[geldig] >= 0.95))
    return uit


def meegeleverde_besparingen() -> FloatArray:
    """De gecorrigeerde besparing per jaar van de meegeleverde casussen, met de standaardinstellingen."""
    r = bereken(PROJECT / "casussen", PROJECT / "tarieven")
    return r.casussen["besparing_per_jaar_gecorrigeerd"].to_numpy(float)


def dekking_antwoord(
    populatie: str,
    n: int,
    sjabloon: Sjabloon,
    meegeleverd: FloatArray,
    *,
    herhalingen: int,
    trekkingen: int,
    werkers: int | None = None,
    seed: int = 1,
) -> dict[str, float]:
    """Rij 7 voor één populatie en n: per methode (`nieuw`; `t`, zijn gesloten vorm; `bca`, `percentiel`) dekking,
    optimistisch, pessimistisch en bij een echt gemiddelde van 0 de kansen; sleutels als `nieuw`,
    `nieuw_optimistisch`, ..."""
    trek, echt = trekker(populatie, meegeleverd)
    rng = np.random.default_rng([seed, POPULATIES.index(populatie), n])
    y = trek(rng, herhalingen, n)
    per_methode = {
        "nieuw": nieuw(y, sjabloon, trekkingen, werkers),
        "t": student_t(y),
        **oud(y, trekkingen, rng),
    }
    uit: dict[str, float] = {"echt": echt}
    for methode, intervallen in per_methode.items():
        for sleutel, waarde in tel(intervallen, echt).items():
            uit[methode if sleutel == "dekking" else f"{methode}_{sleutel}"] = waarde
    return uit


def dekking_percentage(
    voor: FloatArray, team: FloatArray, n: int, *, herhalingen: int = 400, trekkingen: int = 2000, seed: int = 1
) -> dict[str, float]:
    """Aandeel steekproeven van n casussen (zonder teruglegging) waarvan het bootstrapinterval van het
    besparingspercentage uit de sommen (percentiel en BCa) de waarde van de 26 meegeleverde casussen bevat."""
    echt = (voor.sum() - team.sum()) / voor.sum() * 100
    rng = np.random.default_rng(seed)
    raak = {"percentiel": 0, "bca": 0}
    for _ in range(herhalingen):
        keuze = rng.choice(len(voor), size=n, replace=False)
        v, t = voor[keuze], team[keuze]
        for methode in raak:
            interval = bootstrap_intervallen(
                v, [t], [v], trekkingen, np.random.default_rng(rng.integers(2**32)), methode=methode
            )[0]
            if interval is not None and interval[0] <= echt <= interval[1]:
                raak[methode] += 1
    return {m: r / herhalingen for m, r in raak.items()}


def regel(soort: str, velden: dict[str, object]) -> str:
    """Eén uitvoerregel `SOORT sleutel=waarde ...` (die `meet.py` leest)."""
    tekst = " ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in velden.items())
    return f"{soort} {tekst}\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Druk rij 7 (per populatie en n) en de dekking van het besparingspercentage af."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhalingen", type=int, default=int(os.environ.get("BENCH_DEKKING", "1000")))
    parser.add_argument("--trekkingen", type=int, default=2000, help="PSA- en bootstraptrekkingen per steekproef")
    parser.add_argument("--werkers", type=int, default=None)
    parser.add_argument("--populaties", nargs="*", default=list(POPULATIES), choices=POPULATIES)
    parser.add_argument("--aantallen", nargs="*", type=int, default=list(AANTALLEN))
    parser.add_argument("--zonder-percentage", action="store_true", help="sla de dekking van het percentage over")
    args = parser.parse_args(argv)
    tabel = laad_tarieven(PROJECT / "tarieven")
    sjabloon = Sjabloon.lees(tabel)
    meegeleverd = meegeleverde_besparingen()
    for populatie in args.populaties:
        for n in args.aantallen:
            begin = time.perf_counter()
            uit = dekking_antwoord(
                populatie,
                n,
                sjabloon,
                meegeleverd,
                herhalingen=args.herhalingen,
                trekkingen=args.trekkingen,
                werkers=args.werkers,
            )
            velden: dict[str, object] = {"populatie": populatie, "n": n, "herhalingen": args.herhalingen, **uit}
            velden["seconden"] = time.perf_counter() - begin
            sys.stdout.write(regel("DEKKING", velden))
            sys.stdout.flush()
    if not args.zonder_percentage:
        r = bereken(PROJECT / "casussen", PROJECT / "tarieven")
        voor = r.casussen["kosten_voor_2015"].to_numpy(float)
        team = r.casussen["kosten_sociaal_team"].to_numpy(float)
        for n in args.aantallen:
            if n < len(voor):
                pct = dekking_percentage(voor, team, n, herhalingen=min(400, args.herhalingen))
                sys.stdout.write(regel("DEKKINGPCT", {"n": n, **pct}))


if __name__ == "__main__":
    main()
