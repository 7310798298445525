"""Een deterministische synthetische landelijke set casussen voor benchmarks (vaste seed).

    python benchmarks/genereer.py AANTAL MAP [--gemeenten 340] [--seed 1]

Elke casus trekt een realistische mix van inzet uit de meegeleverde landelijke tarieven: het sociaal team met
wijkteam-uren en lichte hulp, voor_2015 met Wmo-consulent, zorgwelzijnsnetwerk en soms zwaardere zorg met een kans.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
OORDELEN = ["ja", "deels", "nee", "onbekend"]
DOELEN = [
    "voorkomen_zwaardere_zorg",
    "integrale_aanpak",
    "preventie_escalatie",
    "betere_ondersteuning",
    "zelfredzaamheid",
]
PER = [None, "week", "2 weken", "maand", "kwartaal"]


def landelijke_codes() -> dict[int, list[str]]:
    """Landelijke tariefcodes per lijn, uit tarieven/landelijk.csv."""
    per_lijn: dict[int, list[str]] = {0: [], 1: [], 2: []}
    with (PROJECT / "tarieven" / "landelijk.csv").open(encoding="utf-8") as bestand:
        for rij in csv.DictReader(bestand):
            per_lijn[int(rij["lijn"])].append(rij["code"])
    return per_lijn


def _inzet(rng: random.Random, code: str, horizon: int, kans: bool) -> str:
    per = rng.choice(PER)
    regels = [f"      - tarief: {code}", f"        aantal: {rng.choice([1, 1, 2, 3, 0.5, 4])}"]
    if per is not None:
        regels.append(f"        per: {per}")
        vanaf = rng.randrange(0, max(1, horizon // 2))
        maanden = rng.randint(1, horizon - vanaf)
        regels.append(f"        duur: {maanden} maanden")
        if vanaf:
            regels.append(f"        vanaf_maand: {vanaf}")
    if kans:
        regels.append(f"        kans: {rng.choice([0.3, 0.5, 0.7, 0.9])}")
    return "\n".join(regels)


def casus_tekst(rng: random.Random, nummer: int, gemeente: str, codes: dict[int, list[str]]) -> str:
    """Eén synthetische casus als YAML-tekst."""
    horizon = rng.choice([12, 12, 12, 24, 36])
    voor = [_inzet(rng, "wmo_consulent_uur", horizon, False), _inzet(rng, "zwn_bespreking", horizon, True)]
    voor += [
        _inzet(rng, rng.choice(codes[rng.choice([1, 2, 2])]), horizon, rng.random() < 0.6)
        for _ in range(rng.randint(1, 4))
    ]
    team = [_inzet(rng, "wijkteam_uur", horizon, False)]
    team += [_inzet(rng, rng.choice(codes[rng.choice([0, 1, 1, 2])]), horizon, False) for _ in range(rng.randint(0, 3))]
    doelen = "\n".join(f"  {d}: {rng.choice(OORDELEN)}" for d in DOELEN)
    jaar = rng.randint(2015, 2024)
    return f"""id: SYN-{nummer:06d}
gemeente: {gemeente}
datum: {jaar}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}
horizon_maanden: {horizon}
zekerheid: {rng.choice(["hoog", "middel", "laag"])}
leefgebieden: [financien, huishouden]
situatie: |
  Synthetische casus {nummer} voor een benchmark; geen echte situatie.
trajecten:
  voor_2015:
    inzet:
{chr(10).join(voor)}
  sociaal_team:
    inzet:
{chr(10).join(team)}
doelen:
{doelen}
"""


def genereer(aantal: int, map_: Path, gemeenten: int = 340, seed: int = 1) -> list[Path]:
    """Schrijf `aantal` casussen verdeeld over `gemeenten` gemeenten in `map_/<gemeente>/`."""
    rng = random.Random(seed)
    codes = landelijke_codes()
    paden = []
    for nummer in range(1, aantal + 1):
        gemeente = f"Gemeente{(nummer - 1) % gemeenten + 1:03d}"
        doel = map_ / gemeente.lower() / f"syn-{nummer:06d}.yaml"
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_text(casus_tekst(rng, nummer, gemeente, codes), encoding="utf-8")
        paden.append(doel)
    return paden


def main() -> None:
    """Opdrachtregel van de generator."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("aantal", type=int)
    parser.add_argument("map", type=Path)
    parser.add_argument("--gemeenten", type=int, default=340)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    genereer(args.aantal, args.map, args.gemeenten, args.seed)


if __name__ == "__main__":
    main()
