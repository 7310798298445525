"""`make bench`: meet casuskosten tegen de YAML-parsevloer, naast elkaar in dezelfde run.

Elk cijfer is een verhouding tussen twee metingen in deze run (deze machines zijn gedeeld en onrustig); de absolute
tijden staan er ter informatie bij. Grootte via de omgeving: BENCH_N1 (standaard 20000) en BENCH_N2 (100000).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from genereer import genereer

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VLOER = """
import sys, time, yaml
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""
BOOTSTRAP = """
import statistics, sys, time
from casuskosten import Instellingen, bereken_casussen, laad_casussen, laad_tarieven
tabel = laad_tarieven("tarieven")
casussen = laad_casussen(["casussen"], tabel).casussen
def meet(iteraties):
    tijden = []
    for _ in range(5):
        begin = time.perf_counter()
        bereken_casussen(casussen, tabel, Instellingen(bootstrap_iteraties=iteraties))
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)
meet(100)
sys.stderr.write(f"BOOTSTRAP={meet(10000) - meet(100):.3f} {meet(100):.3f}\\n")
"""
WAT_ALS = """
import statistics, sys, time
from pathlib import Path
from casuskosten import bereken
kopie = Path(sys.argv[1])
bereken("casussen", kopie)  # de sessie loopt al: geïmporteerd en één keer gerekend
landelijk = kopie / "landelijk.csv"
tekst = landelijk.read_text(encoding="utf-8")
landelijk.write_text(tekst.replace(",32.76,2022,", ",35.00,2022,", 1), encoding="utf-8")
tijden = []
for _ in range(3):
    begin = time.perf_counter()
    bereken("casussen", kopie)  # leest tarieven en casussen opnieuw: het gewijzigde tarief telt mee
    tijden.append(time.perf_counter() - begin)
sys.stderr.write(f"WAT_ALS={statistics.median(tijden):.3f}\\n")
"""
HULP = """
import sys
from casuskosten.cli import main
sys.argv = ["casuskosten", "--help"]
try:
    main()
except SystemExit:
    pass
zwaar = [m for m in ("pandas", "numpy", "reportlab", "jinja2") if m in sys.modules]
sys.stderr.write("ZWAAR=" + ",".join(zwaar) + "\\n")
"""


def draai(args: list[str]) -> tuple[float, int, str]:
    """(wandkloktijd in s, piekgeheugen in MiB, stderr) van één proces.

    Het piekgeheugen is de grootste som van het RSS van het proces en al zijn kinderen (de werkprocessen), elke
    0,05 s gemeten, en minstens het eigen piek-RSS van het proces (`ru_maxrss`). Gedeelde pagina's van een fork tellen
    daarbij in elk proces mee: eerder te veel dan te weinig.
    """
    begin = time.perf_counter()
    proces = subprocess.Popen(args, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    piek = [0]
    klaar = threading.Event()

    def meet() -> None:
        while not klaar.wait(0.05):
            piek[0] = max(piek[0], _rss_boom(proces.pid))

    meter = threading.Thread(target=meet, daemon=True)
    meter.start()
    _, status, gebruik = os.wait4(proces.pid, 0)
    klaar.set()
    meter.join()
    duur = time.perf_counter() - begin
    fout = proces.stderr.read() if proces.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mislukt: {' '.join(args)}\n{fout}")
    return duur, max(gebruik.ru_maxrss, piek[0]) // 1024, fout


def _rss_boom(pid: int) -> int:
    """Het RSS (KiB) van `pid` en al zijn nakomelingen, uit /proc (0 als het proces al weg is)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        kinderen = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()
    except OSError:
        return 0
    rss = next((int(r.split()[1]) for r in status.splitlines() if r.startswith("VmRSS:")), 0)
    return rss + sum(_rss_boom(int(kind)) for kind in kinderen)


def warm(map_: Path) -> None:
    """Lees alle bestanden één keer, zodat vloer en casuskosten allebei uit de paginacache lezen: deze machine haalt
    pas geschreven bestanden na een tijdje uit het geheugen (DAMON), en dan meet de eerste van de twee de schijf."""
    for pad in sorted(map_.rglob("*.yaml")):
        pad.read_bytes()


def main() -> None:
    """Meet alles en druk één tabel af."""
    n1 = int(os.environ.get("BENCH_N1", "20000"))
    n2 = int(os.environ.get("BENCH_N2", "100000"))
    rijen: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="casuskosten-bench-") as tmp:
        map1, map2 = Path(tmp) / "n1", Path(tmp) / "n2"
        print(f"genereren: {n1} en {n2} casussen ...", file=sys.stderr)
        genereer(n1, map1)
        genereer(n2, map2)
        uit = Path(tmp) / "uit.json"
        warm(map1)
        vloer1, _, _ = draai([PYTHON, "-c", VLOER, str(map1)])
        tijd1, _, _ = draai([PYTHON, "-m", "casuskosten", "bereken", str(map1), "--json", "--uit", str(uit)])
        rijen.append(
            (
                f"doel 1. bereken --json {n1} / parsevloer",
                f"{tijd1 / vloer1:.2f}x",
                "<= 1,0x",
                f"{tijd1:.1f} s / {vloer1:.1f} s",
            )
        )
        # de PSA: dezelfde berekening met 100 trekkingen in plaats van 10.000; het verschil is wat de PSA kost
        weinig = Path(tmp) / "weinig-psa.toml"
        weinig.write_text("psa_iteraties = 100\n", encoding="utf-8")
        zonder, _, _ = draai(
            [
                PYTHON,
                "-m",
                "casuskosten",
                "bereken",
                str(map1),
                "--json",
                "--uit",
                str(uit),
                "--instellingen",
                str(weinig),
            ]
        )
        rijen.append(
            (
                "  waarvan de PSA (10.000 trekkingen) / parsevloer",
                f"+{(tijd1 - zonder) / vloer1:.2f}x",
                "-",
                f"{tijd1:.1f} s met, {zonder:.1f} s met 100 trekkingen",
            )
        )
        warm(map2)
        vloer2, _, _ = draai([PYTHON, "-c", VLOER, str(map2)])
        tijd2, piek2, _ = draai([PYTHON, "-m", "casuskosten", "bereken", str(map2), "--json", "--uit", str(uit)])
        rijen.append(
            (f"  bereken --json {n2} / parsevloer", f"{tijd2 / vloer2:.2f}x", "-", f"{tijd2:.1f} s / {vloer2:.1f} s")
        )
        rijen.append(
            (
                f"doel 2. tijd({n2}) / tijd({n1})",
                f"{tijd2 / tijd1:.2f}",
                "<= 5,0",
                f"{tijd2:.1f} s / {tijd1:.1f} s",
            )
        )
        rijen.append(
            (f"doel 3. piekgeheugen bij {n2}", f"{piek2} MiB", "<= 1024 MiB", "RSS, met de werkprocessen opgeteld")
        )
        # wat-als: de meegeleverde set opnieuw na het wijzigen van één tarief (issue 15, doel 4)
        wat_als = Path(tmp) / "tarieven-wat-als"
        shutil.copytree(PROJECT / "tarieven", wat_als)
        landelijk = wat_als / "landelijk.csv"
        tekst = landelijk.read_text(encoding="utf-8")
        if ",32.76,2022," not in tekst:  # het script hierboven verandert dit tarief
            raise SystemExit("wat-als: het tarief hbh_uur 32.76 (2022) staat niet meer in tarieven/landelijk.csv")
        _, _, fout = draai([PYTHON, "-c", WAT_ALS, str(wat_als)])
        sessie = float(next(r.split("=", 1)[1] for r in fout.splitlines() if r.startswith("WAT_ALS=")))
        rijen.append(
            ("doel 4. wat-als: meegeleverde set na één tarief", f"{sessie:.2f} s", "<= 1,0 s", "in een sessie")
        )
        landelijk.write_text(tekst.replace(",32.76,2022,", ",36.00,2022,", 1), encoding="utf-8")
        tijd_wat_als, _, _ = draai(
            [PYTHON, "-m", "casuskosten", "bereken", "casussen", "--tarieven", str(wat_als), "--uit", str(uit)]
        )
        rijen.append(
            (
                "  idem als los proces (casuskosten bereken)",
                f"{tijd_wat_als:.2f} s",
                "-",
                "wandklok, inclusief importeren",
            )
        )
        metingen = [draai([PYTHON, "-c", HULP]) for _ in range(5)]
        hulp, fout = statistics.median(m[0] for m in metingen), metingen[0][2]
        leeg, _, _ = draai([PYTHON, "-c", "pass"])
        zwaar = next((r.split("=", 1)[1] for r in fout.splitlines() if r.startswith("ZWAAR=")), "?")
        rijen.append(
            ("extra: casuskosten --help (mediaan van 5)", f"{hulp:.2f} s", "<= 0,3 s", f"kale python {leeg:.2f} s")
        )
        rijen.append(("extra: zware modules bij --help", zwaar or "geen", "geen", "pandas, numpy, reportlab, jinja2"))
        boek_map = Path(tmp) / "boek"
        genereer(1000, boek_map, gemeenten=20, seed=7)
        boek = Path(tmp) / "casusboek.pdf"
        tijd_boek, _, _ = draai(
            [
                PYTHON,
                "-m",
                "casuskosten",
                "casus",
                str(boek_map),
                "--formaat",
                "pdf",
                "--uit",
                str(boek),
                "--datum",
                "2026-01-01",
            ]
        )
        from pypdf import PdfReader

        paginas = len(PdfReader(boek).pages)
        rijen.append(
            (
                "extra: casusboek 1000 casussen (pdf)",
                f"{paginas / tijd_boek:.0f} p/s",
                ">= 50 p/s",
                f"{paginas} pagina's in {tijd_boek:.1f} s (incl. lezen en rekenen)",
            )
        )
        _, _, fout = draai([PYTHON, "-c", BOOTSTRAP])
        extra, basis = next(r.split("=", 1)[1] for r in fout.splitlines() if r.startswith("BOOTSTRAP=")).split()
        rijen.append(
            (
                "extra: bootstrap 10.000 op meegeleverde casussen",
                f"+{float(extra):.2f} s",
                "ruim < 1 s",
                f"berekening met 100 trekkingen {float(basis):.2f} s",
            )
        )
        dekking = subprocess.run(
            [PYTHON, str(PROJECT / "benchmarks" / "dekking.py")],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for regel in dekking.splitlines():
            n, percentiel, bca = (deel.split("=")[1] for deel in regel.split()[1:])
            rijen.append(
                (f"extra: dekking 95%-interval bij {n} casussen", f"BCa {bca}", "0,95", f"percentiel {percentiel}")
            )
    breedte = [max(len(r[i]) for r in rijen) for i in range(4)]
    kop = ("meting", "uitkomst", "doel", "absoluut")
    print("  ".join(k.ljust(b) for k, b in zip(kop, breedte, strict=True)))
    for rij in rijen:
        print("  ".join(v.ljust(b) for v, b in zip(rij, breedte, strict=True)))


if __name__ == "__main__":
    main()
