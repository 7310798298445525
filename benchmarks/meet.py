"""`make bench`: meet casuskosten tegen de YAML-parsevloer, naast elkaar in dezelfde run.

Elk cijfer is een verhouding tussen twee metingen in deze run (deze machines zijn gedeeld en onrustig); de absolute
tijden staan er ter informatie bij. Grootte via de omgeving: BENCH_N1 (standaard 20000) en BENCH_N2 (100000).

Rij 1b zet de PSA van deze code naast de PSA van vóór issue 20 (commit BENCH_OUDE_PSA, standaard 97eca4f, uit git
uitgepakt in een tijdelijke map), op BENCH_PSA_N (2000) gegenereerde casussen, in BENCH_PSA_RONDES (5) rondes om en
om. Rij 7 is de dekking van `antwoord.interval95` (`dekking.py`, BENCH_DEKKING steekproeven per populatie en n).
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

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
# de PSA in één proces: dezelfde geladen casussen met veel en met weinig trekkingen; het verschil is wat de PSA kost.
# Eén werker: zo meet de rij het rekenwerk, niet hoe de andere gebruikers van de machine de tweede kern bezetten.
PSA_KOSTEN = """
import sys, time
import casuskosten
from casuskosten import Instellingen, bereken_casussen, laad_casussen, laad_tarieven
tabel = laad_tarieven("tarieven")
casussen = laad_casussen([sys.argv[1]], tabel).casussen
veel, weinig = int(sys.argv[2]), int(sys.argv[3])
def meet(iteraties):
    begin, cpu = time.perf_counter(), time.process_time()
    bereken_casussen(casussen, tabel, Instellingen(psa_iteraties=iteraties), werkers=1)
    return f"{time.perf_counter() - begin:.4f} {time.process_time() - cpu:.4f}"
meet(weinig)  # warm: wat pas bij de eerste berekening wordt geladen of onthouden
sys.stderr.write(f"PSA_KOSTEN={casuskosten.__file__} {meet(veel)} {meet(weinig)}\\n")
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


def draai(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """(wandkloktijd in s, piekgeheugen in MiB, stderr) van één proces.

    Het piekgeheugen is de grootste som van het RSS van het proces en al zijn kinderen (de werkprocessen), elke
    0,05 s gemeten, en minstens het eigen piek-RSS van het proces (`ru_maxrss`). Gedeelde pagina's van een fork tellen
    daarbij in elk proces mee: eerder te veel dan te weinig.
    """
    begin = time.perf_counter()
    proces = subprocess.Popen(args, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
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
    if proces.stderr:
        proces.stderr.close()
    proces.returncode = os.waitstatus_to_exitcode(status)  # os.wait4 heeft het proces al opgehaald, Popen weet dat niet
    if proces.returncode != 0:
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


def oude_code(ref: str, doel: Path) -> Path | str:
    """Pak `src/` van commit `ref` uit in `doel` (zonder worktree: `git archive`); het pad naar die `src`, of waarom
    het niet lukte."""
    try:
        archief = subprocess.run(
            ["git", "-C", str(PROJECT), "archive", "--format=tar", ref, "src"], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as fout:
        reden = (
            fout.stderr.decode(errors="replace").strip() if isinstance(fout, subprocess.CalledProcessError) else fout
        )
        return f"geen code van {ref}: {reden}"
    with tarfile.open(fileobj=io.BytesIO(archief)) as tar:
        tar.extractall(doel, filter="data")
    return doel / "src"


class PsaMeting(NamedTuple):
    """Eén ronde van één versie: wandklok en processortijd (s) van `bereken_casussen` met veel en met weinig
    trekkingen."""

    wand_veel: float
    cpu_veel: float
    wand_weinig: float
    cpu_weinig: float

    @property
    def psa(self) -> float:
        """Wat de PSA kost (wandklok): de tijd met veel min die met weinig trekkingen."""
        return self.wand_veel - self.wand_weinig

    @property
    def psa_cpu(self) -> float:
        """Idem in processortijd."""
        return self.cpu_veel - self.cpu_weinig


def psa_kosten(map_: Path, oud: Path, rondes: int, veel: int = 10_000, weinig: int = 100) -> dict[str, list[PsaMeting]]:
    """Per versie ("oud": de code in `oud`, "nieuw": deze `src`) en ronde de tijden van `bereken_casussen` op de
    casussen in `map_` met `veel` en met `weinig` trekkingen, in één proces per versie en ronde. De versies om en om,
    de volgorde elke ronde omgedraaid (oud-nieuw, nieuw-oud, ...), zodat een machine die trager of sneller wordt beide
    even hard raakt."""
    bronnen = {"oud": oud, "nieuw": PROJECT / "src"}
    uit: dict[str, list[PsaMeting]] = {"oud": [], "nieuw": []}
    for ronde in range(rondes):
        for versie in ("oud", "nieuw") if ronde % 2 == 0 else ("nieuw", "oud"):
            env = {**os.environ, "PYTHONPATH": str(bronnen[versie])}
            _, _, fout = draai([PYTHON, "-c", PSA_KOSTEN, str(map_), str(veel), str(weinig)], env=env)
            pad, *tijden = next(r.split("=", 1)[1] for r in fout.splitlines() if r.startswith("PSA_KOSTEN=")).split()
            if not Path(pad).resolve().is_relative_to(bronnen[versie].resolve()):
                raise SystemExit(f"rij 1b: de {versie}e versie laadde {pad}, niet de code uit {bronnen[versie]}")
            uit[versie].append(PsaMeting(*(float(t) for t in tijden)))
    return uit


def psa_rij(
    metingen: dict[str, list[PsaMeting]], aantal: int, ref: str, veel: int = 10_000
) -> tuple[str, str, str, str]:
    """Rij 1b: wat de PSA kost (tijd met `veel` min tijd met weinig trekkingen), nieuw gedeeld door oud, ronde voor
    ronde, in processortijd: op een gedeelde machine telt de wandklok ook het wachten op een kern mee, de
    processortijd niet. De mediaan, met de kleinste en grootste verhouding, dezelfde op de wandklok, en de verhouding
    van de hele berekening met `veel` trekkingen."""
    trekkingen = f"{veel:_}".replace("_", ".")
    naam = f"1b. PSA ({trekkingen} trekkingen) nieuw / oud ({ref}), {aantal} casussen"
    # een ronde waarin de oude PSA (binnen de meetnauwkeurigheid) niets kostte, zegt niets over de verhouding
    paren = [
        (n, o)
        for n, o in zip(metingen["nieuw"], metingen["oud"], strict=True)
        if o.psa_cpu > 0 and o.psa > 0 and o.cpu_veel > 0
    ]
    if not paren:
        return (naam, "–", "<= 1,25x", "te weinig werk om te meten (de PSA kostte in geen ronde meetbaar tijd)")
    verhouding = [n.psa_cpu / o.psa_cpu for n, o in paren]
    wand = statistics.median(n.psa / o.psa for n, o in paren)
    geheel = statistics.median(n.cpu_veel / o.cpu_veel for n, o in paren)
    nieuw = statistics.median(m.psa_cpu for m in metingen["nieuw"])
    oud = statistics.median(m.psa_cpu for m in metingen["oud"])
    absoluut = (
        f"processortijd PSA nieuw {_nl(nieuw, 1)} s, oud {_nl(oud, 1)} s; {len(paren)} rondes {_nl(min(verhouding))}–"
        f"{_nl(max(verhouding))}x; wandklok {_nl(wand)}x; hele berekening {_nl(geheel)}x (1 werker)"
    )
    return (
        naam,
        f"{_nl(statistics.median(verhouding))}x",
        "<= 1,25x",
        absoluut,
    )


def _nl(getal: float, decimalen: int = 2) -> str:
    """Een getal met een decimale komma."""
    return f"{getal:.{decimalen}f}".replace(".", ",")


def lees_regels(uitvoer: str, soort: str) -> list[dict[str, str]]:
    """De regels `SOORT sleutel=waarde ...` uit de uitvoer van `dekking.py`."""
    return [
        dict(deel.split("=", 1) for deel in regel.split()[1:])
        for regel in uitvoer.splitlines()
        if regel.split(" ", 1)[0] == soort
    ]


def dekking_rijen(uitvoer: str) -> list[tuple[str, str, str, str]]:
    """Rij 7 (per populatie en n) en de dekking van het besparingspercentage uit de uitvoer van `dekking.py`."""
    rijen = []
    for d in lees_regels(uitvoer, "DEKKING"):
        f = {k: float(v) for k, v in d.items() if k not in ("populatie",)}
        kansen = ""
        if "nieuw_kans80" in f:
            kansen = (
                f"; bij echt 0 kans >= 0,80 in {_nl(f['nieuw_kans80'])}, oud {_nl(f['percentiel_kans80'])} "
                "(eerlijk 0,20)"
            )
        oud = (
            f"oud: BCa {_nl(f['bca'], 3)} (te hoog {_nl(f['bca_optimistisch'], 3)}), "
            f"percentiel {_nl(f['percentiel'], 3)} (te hoog {_nl(f['percentiel_optimistisch'], 3)}); "
            f"exact t {_nl(f['t'], 3)}{kansen}; {d['herhalingen']} steekproeven"
        )
        rijen.append(
            (
                f"7. dekking antwoord.interval95, {d['populatie']}, n = {d['n']}",
                f"{_nl(f['nieuw'], 3)} (te hoog {_nl(f['nieuw_optimistisch'], 3)})",
                ">= 0,90 (nominaal 0,95)" if d["n"] == "6" else "0,95 nominaal",
                oud,
            )
        )
    for d in lees_regels(uitvoer, "DEKKINGPCT"):
        rijen.append(
            (
                f"extra: dekking bootstrap besparingspercentage (ondersteunend), {d['n']} casussen",
                f"BCa {_nl(float(d['bca']), 3)}",
                "0,95",
                f"percentiel {_nl(float(d['percentiel']), 3)}",
            )
        )
    return rijen


def casusboek_rij(tmp: Path) -> tuple[str, str, str, str]:
    """De rij van het casusboek (1000 casussen als PDF); als `casus` faalt, staat de fout in de rij en gaat de rest
    van de tabel door (rij 7 en de andere rijen hangen er niet van af)."""
    boek_map = tmp / "boek"
    genereer(1000, boek_map, gemeenten=20, seed=7)
    boek = tmp / "casusboek.pdf"
    naam = "extra: casusboek 1000 casussen (pdf)"
    try:
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
    except SystemExit as fout:
        laatste = next((r.strip() for r in reversed(str(fout).splitlines()) if r.strip()), "onbekende fout")
        return (naam, "mislukt", ">= 50 p/s", laatste)
    from pypdf import PdfReader

    paginas = len(PdfReader(boek).pages)
    return (
        naam,
        f"{paginas / tijd_boek:.0f} p/s",
        ">= 50 p/s",
        f"{paginas} pagina's in {tijd_boek:.1f} s (incl. lezen en rekenen)",
    )


def vergelijk_rij(tmp: Path) -> tuple[str, str, str, str]:
    """Issue 24: `vergelijk --formaat pdf` blijft lineair in het aantal gemeenten (twee casussen per gemeente).

    Grootten via BENCH_VERGELIJK ("2000,10000"); het doel is tijd(groot)/tijd(klein) <= 1,2 x de verhouding van de
    aantallen (bij 2.000 en 10.000: <= 6). De rekentijd (PSA per gemeente) telt mee: de gebruiker wacht op beide.
    """
    klein, groot = (int(n) for n in os.environ.get("BENCH_VERGELIJK", "2000,10000").split(","))
    tijden = []
    for aantal in (klein, groot):
        map_ = tmp / f"vergelijk-{aantal}"
        genereer(2 * aantal, map_, gemeenten=aantal, seed=11)
        warm(map_)
        uit = tmp / f"vergelijk-{aantal}.pdf"
        args = [PYTHON, "-m", "casuskosten", "vergelijk", str(map_), "--formaat", "pdf", "--uit", str(uit)]
        tijd, _, _ = draai([*args, "--datum", "2026-01-01"])
        tijden.append(tijd)
    doel = 1.2 * groot / klein
    return (
        f"extra: vergelijk pdf tijd({groot} gemeenten) / tijd({klein})",
        f"{tijden[1] / tijden[0]:.2f}",
        f"<= {_nl(doel, 1)}",
        f"{tijden[1]:.0f} s / {tijden[0]:.0f} s",
    )


# een vijandige vrije tekst (issue 24): lange rijen zonder spatie, bijna-e-mailadressen, cijfers met punten,
# harde spaties en en-streepjes; de privacyscan was hierop kwadratisch (300 KB: 147 s)
PRIVACY_BLOK = (
    "a." * 40 + "1." * 40 + "a-" * 40 + " tel 06\u201312345678, BSN 123\u00a0456\u00a0782, 1234 AB 12 en "
    "NL91 ABNA 0417 1643 00; geboren 01-02-1980. " + "x 2016 AB 12 in 2017 CD 3 " * 10
)


def privacy_rij() -> tuple[str, str, str, str]:
    """tijd(1 MiB) / tijd(100 KiB) van de privacyscan op vijandige tekst: lineair is ~10."""
    sys.path.insert(0, str(PROJECT / "src"))
    from casuskosten.invoer.privacy import zoek

    def tijd(grootte: int) -> float:
        tekst = (PRIVACY_BLOK * (grootte // len(PRIVACY_BLOK) + 1))[:grootte]
        metingen = []
        for _ in range(3):
            begin = time.perf_counter()
            zoek(tekst)
            metingen.append(time.perf_counter() - begin)
        return min(metingen)

    klein, groot = tijd(100 * 1024), tijd(1024 * 1024)
    return (
        "extra: privacyscan tijd(1 MiB) / tijd(100 KiB)",
        f"{groot / klein:.1f}x",
        "<= 20x (lineair ~10x)",
        f"1 MiB in {_nl(groot)} s",
    )


#: issue 26: zoveel inzetregels heeft de casus van de sessierij (over beide trajecten), en zoveel wijzigingen meet hij
SESSIE_REGELS = 40
SESSIE_WIJZIGINGEN = 50


def sessie_casus(regels: int = SESSIE_REGELS) -> dict[str, object]:
    """Een meegeleverde casus (rtd-01) met `regels` inzetregels: de regels van elk traject herhaald tot de helft, elke
    regel met een toelichting (de sessie vraagt die bij een kans onder 1)."""
    import yaml

    gegevens: dict[str, object] = yaml.safe_load((PROJECT / "casussen" / "rotterdam" / "rtd-01.yaml").read_bytes())
    trajecten = gegevens["trajecten"]
    assert isinstance(trajecten, dict)
    for traject in trajecten.values():
        inzet = traject["inzet"]
        traject["inzet"] = [
            {"toelichting": "regel voor de benchmark", **inzet[i % len(inzet)]} for i in range(regels // 2)
        ]
    return gegevens


def sessie_rij() -> tuple[str, str, str, str]:
    """De p95 van `sessie.live.herbereken` (wat de editor na elke wijziging doet: lezen, controleren, beprijzen met
    `bereken`) over SESSIE_WIJZIGINGEN wijzigingen van een casus van SESSIE_REGELS regels, met de tarieven en
    instellingen zoals de sessie ze leest (de meegeleverde tarieven, de standaardinstellingen); doel <= 300 ms."""
    naam = f"26. sessie: herberekenen {SESSIE_REGELS} regels, p95 van {SESSIE_WIJZIGINGEN}"
    sys.path.insert(0, str(PROJECT / "src"))
    try:
        from casuskosten.invoer.instellingen import laad_instellingen
        from casuskosten.invoer.tarieven import laad_tarieven
        from casuskosten.sessie.live import herbereken
    except ImportError as fout:  # het extra web ontbreekt, of de sessie is er (nog) niet
        return (naam, "niet gemeten", "<= 300 ms", f"{fout}; pip install -e '.[web]'")
    tabel = laad_tarieven(PROJECT / "tarieven")
    instellingen = laad_instellingen(None)
    gegevens = sessie_casus()
    trajecten = gegevens["trajecten"]
    assert isinstance(trajecten, dict)
    regels = [r for t in ("voor_2015", "sociaal_team") for r in trajecten[t]["inzet"]]
    for _ in range(3):  # opwarmen: de eerste keer laadt de beprijzing haar tabellen
        herbereken(gegevens, tabel, instellingen)
    tijden = []
    for i in range(SESSIE_WIJZIGINGEN):
        regels[i % len(regels)]["aantal"] = 1 + i % 5  # één veld gewijzigd, zoals na één toets in de editor
        begin = time.perf_counter()
        uitkomst = herbereken(gegevens, tabel, instellingen)
        tijden.append(time.perf_counter() - begin)
        if uitkomst.fouten or len(uitkomst.regelprijzen.get("voor_2015", ())) != SESSIE_REGELS // 2:
            raise SystemExit(f"sessierij: de casus van {SESSIE_REGELS} regels werd niet beprijsd: {uitkomst.meldingen}")
    p95 = statistics.quantiles(tijden, n=20, method="inclusive")[-1]
    return (
        naam,
        f"{p95 * 1000:.0f} ms",
        "<= 300 ms",
        f"p95 / doel {p95 / 0.3:.2f}x; mediaan {statistics.median(tijden) * 1000:.0f} ms, in één proces",
    )


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
        # rij 1b: de PSA van deze code naast die van vóór issue 20, op dezelfde casussen en 10.000 trekkingen
        n_psa = int(os.environ.get("BENCH_PSA_N", "2000"))
        ref = os.environ.get("BENCH_OUDE_PSA", "97eca4f")
        oud = oude_code(ref, Path(tmp) / "oud")
        if isinstance(oud, str):
            rijen.append((f"1b. PSA nieuw / oud ({ref})", "niet gemeten", "<= 1,25x", oud))
        else:
            map_psa = Path(tmp) / "psa"
            genereer(n_psa, map_psa)
            warm(map_psa)
            metingen = psa_kosten(map_psa, oud, int(os.environ.get("BENCH_PSA_RONDES", "5")))
            rijen.append(psa_rij(metingen, n_psa, ref))
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
        rijen.append(casusboek_rij(Path(tmp)))
        rijen.append(vergelijk_rij(Path(tmp)))
        rijen.append(privacy_rij())
        rijen.append(sessie_rij())
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
        rijen.extend(dekking_rijen(dekking))
    breedte = [max(len(r[i]) for r in rijen) for i in range(4)]
    kop = ("meting", "uitkomst", "doel", "absoluut")
    print("  ".join(k.ljust(b) for k, b in zip(kop, breedte, strict=True)))
    for rij in rijen:
        print("  ".join(v.ljust(b) for v, b in zip(rij, breedte, strict=True)))


if __name__ == "__main__":
    main()
