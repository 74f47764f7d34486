"""Benchmark: the whole comparison table in one run.

    python benchmarks/bench.py            # 500, 2 000 and 8 000 enheter, batches of 8 and 30
    python benchmarks/bench.py --quick    # small sizes only, for a smoke run
    python benchmarks/bench.py --before /work/main/.venv/bin/python   # also an earlier build,
                                          # its runs alternating with this one's

Prints `assemble report --fast` against the floor, `validate` against the read part of the
floor, peak RSS, the LibreOffice pass (default run minus --fast) against one plain PDF
conversion of the same report, a batch of folders against one by one, and `assemble kommun
--fast` over 30 nämnder against 30 separate `report --fast` runs (target: at most half;
`--kommun` runs only that).

Floor = reading every input cell with openpyxl (read-only) + opening and re-saving the produced
.docx files with python-docx: the least any tool doing this job must spend. Every figure is a
whole process as a user runs it, peak RSS from the children's resource usage. Each time is given
as wall clock and as CPU time (user + system, the least of five; the LibreOffice pass of three):
on a shared, loaded machine the wall clock says little, so every ratio against a floor is taken
on the CPU time. Run, floor, read floor and validate of one size take turns, round by round, so
a slow spell of the machine falls on each alike. The LibreOffice pass counts the CPU time of
LibreOffice itself (a child the tool waits for). Every child runs as in a user's install, where
nothing brings numpy (the test extra does, and openpyxl imports it when present) and the
package's bytecode is cached (pip compiles it; an editable install writes it on the first run):
PYTHONDONTWRITEBYTECODE would have every run compile the tool's own modules again, about 0,3 s
that neither a user nor the floor (its libraries compiled by pip) spends. Each install runs once
before it is timed (its templates' compiled code then in the cache folder, as for a user's
second run).

The last table lists every target beside its measured value and floor.
"""

from __future__ import annotations

import argparse
import compileall
from itertools import pairwise
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Callable

from openpyxl import Workbook

REPO = Path(__file__).resolve().parents[1]
SIZES = [(10, 50), (40, 50), (160, 50)]
# runs per figure of the size table, the least kept: on a shared virtual machine one run in
# three or four takes 20–50 % more CPU time than the others (host noise), so three runs left
# the validate ratio swinging between 1,2 and 1,7 from one bench to the next
REPEATS = 5
OFFICE_REPEATS = 3  # a LibreOffice run takes 3–30 s
QUICK_SIZES = [(4, 10), (16, 10)]


def write_folder(folder: Path, verksamheter: int, enheter: int) -> None:
    """A clean report folder: consistent amounts, evenly periodised budgets, no warnings."""
    folder.mkdir(parents=True, exist_ok=True)
    namnd = Workbook()
    ws = namnd.active
    ws.title = "Rapport"
    for row in [["Fält", "Värde"], ["Kommun", "Benchby kommun"], ["Nämnd", "Prestandanämnden"],
                ["Förvaltning", "Prestandaförvaltningen"], ["Rapporttyp", "Delårsrapport 2"],
                ["År", 2024], ["Period till och med", "augusti"], ["Beslutsdatum", "2024-09-20"]]:
        ws.append(row)
    namnd.save(folder / "nämnd.xlsx")
    for v in range(verksamheter):
        book = Workbook()
        info = book.active
        info.title = "Verksamhet"
        for row in [["Fält", "Värde"], ["Verksamhet", f"Verksamhet {v + 1:03d}"],
                    ["Ordning", v + 1],
                    ["Ekonomisk analys", "Verksamheten följer i stort sett sin budget."]]:
            info.append(row)
        ekonomi = book.create_sheet("Ekonomi")
        ekonomi.append(["Enhet", "Bokslut fg år", "Utfall period", "Budget period",
                        "Budget helår", "Prognos helår", "Varav"])
        for e in range(enheter):
            budget = -(1000 + (v * 37 + e * 11) % 900) * 10
            period = round(budget * 8 / 12)
            ekonomi.append([f"Enhet {v + 1:03d}-{e + 1:03d}", round(budget * 0.97),
                            round(period * (0.95 + (e % 10) / 100)), period, budget,
                            round(budget * (0.98 + (e % 5) / 100)), None])
        book.save(folder / f"verksamhet-{v + 1:03d}.xlsx")


# as in a user's install: openpyxl would import numpy (0,3 s) if the test extra brought it
PRELUDE = "import sys; sys.modules.setdefault('numpy', None)\n"
READ_FLOOR = PRELUDE + """
import sys
from pathlib import Path
from openpyxl import load_workbook
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    book = load_workbook(path, read_only=True, data_only=True)
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            for _ in row:
                pass
    book.close()
"""
FLOOR = READ_FLOOR + """
import tempfile
from docx import Document
with tempfile.TemporaryDirectory() as scratch:
    for path in sys.argv[2:]:
        Document(path).save(str(Path(scratch) / Path(path).name))
"""


def best(args: list[str], times: int = 3) -> tuple[float, float]:
    """The least (wall seconds, CPU seconds) of `times` runs."""
    runs = [run_child(args) for _ in range(times)]
    return min(r[0] for r in runs), min(r[3] for r in runs)


def run_child(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess, float]:
    """(seconds, peak RSS in MB of the largest child so far, result, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # from a folder without the source: `python -c` and `-m` put the current folder first on
    # sys.path, and each install (`--before`) must import its own package, not this checkout
    done = subprocess.run(args, capture_output=True, text=True, cwd=tempfile.gettempdir())
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    # ru_maxrss is the largest child so far (KiB on Linux); runs go from small to large
    return seconds, after.ru_maxrss / 1024, done, cpu


def assemble(*args: str) -> list[str]:
    return [sys.executable, "-m", "assembler.cli", *args]


# the run's own peak RSS (RUSAGE_CHILDREN would include an earlier LibreOffice child)
RSS_WRAPPER = PRELUDE + """
import atexit, resource, runpy, sys
atexit.register(lambda: sys.stderr.write(
    f"\\nRSS_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))
sys.argv = ["assemble", *sys.argv[1:]]
runpy.run_module("assembler.cli", run_name="__main__")
"""


def measured_run(*args: str, python: str = sys.executable) -> tuple[float, float, float]:
    """(seconds, CPU seconds, the run's peak RSS in MB) of `assemble *args` (with `python`'s
    install of the tool)."""
    seconds, _, done, cpu = run_child([python, "-c", RSS_WRAPPER, *args])
    if done.returncode not in (0, 1):
        print(done.stdout, done.stderr)
        raise SystemExit(f"misslyckades: assemble {' '.join(args)}")
    return seconds, cpu, int(done.stderr.rsplit("RSS_KIB", 1)[1]) / 1024


def checked(args: list[str]) -> tuple[float, float]:
    seconds, rss, done, _ = run_child(args)
    if done.returncode not in (0, 1):
        print(done.stdout, done.stderr)
        raise SystemExit(f"misslyckades: {' '.join(args)}")
    return seconds, rss


Job = Callable[[], tuple[float, float, float]]  # one timed run: (wall, CPU seconds, RSS MB)


def plain_conversion(docx: Path, work: Path) -> Job | None:
    """One plain PDF conversion of the same report, with a warm profile of its own, as a job
    (None without LibreOffice)."""
    from assembler.render.office import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None
    profile = (work / "lo-profil").as_uri()
    work.mkdir(parents=True, exist_ok=True)
    source = work / "plain.docx"
    source.write_bytes(docx.read_bytes())
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work), str(source)]
    run_child(command)  # warm the profile
    return child_job(command)


def interleaved(jobs: dict[str, Job], times: int) -> dict[str, tuple[float, float, float]]:
    """Each job's least (wall, CPU, RSS) of `times` rounds, every round running each job once:
    run and floor side by side, so a slow spell of the shared machine (it lasts minutes) falls
    on both alike rather than on the one measured while it lasted."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in jobs}
    for _ in range(times):
        for name, job in jobs.items():
            runs[name].append(job())
    return {name: (min(r[0] for r in own), min(r[1] for r in own), min(r[2] for r in own))
            for name, own in runs.items()}


def child_job(args: list[str]) -> Job:
    def job() -> tuple[float, float, float]:
        seconds, _, done, cpu = run_child(args)
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            raise SystemExit(f"misslyckades: {' '.join(args)}")
        return seconds, cpu, 0.0
    return job


def size_rows(sizes, work: Path, with_office: bool, before: str | None = None) -> list[dict]:
    rows = []
    pythons = [sys.executable] + ([before] if before else [])
    for verksamheter, enheter in sizes:
        folder = work / f"in-{verksamheter}x{enheter}"
        out = work / f"ut-{verksamheter}x{enheter}"
        write_folder(folder, verksamheter, enheter)
        fast_args = ["report", str(folder), "-o", str(out), "--fast"]
        for python in pythons:  # a first run each: the documents the floor opens, and the
            measured_run(*fast_args, python=python)  # templates' compiled code in the cache
        docs = sorted(out.glob("*.docx"))
        jobs: dict[str, Job] = {f"fast{index}": partial(measured_run, *fast_args, python=python)
                for index, python in enumerate(pythons)}
        jobs["floor"] = child_job([sys.executable, "-c", FLOOR, str(folder), *map(str, docs)])
        jobs["read"] = child_job([sys.executable, "-c", READ_FLOOR, str(folder)])
        jobs["validate"] = partial(measured_run, "validate", str(folder))
        best_of = interleaved(jobs, REPEATS)
        seconds, cpu, rss = best_of["fast0"]
        row = {"n": verksamheter * enheter, "size": f"{verksamheter} × {enheter}",
               "run": seconds, "run_cpu": cpu, "floor": best_of["floor"][0],
               "floor_cpu": best_of["floor"][1], "read": best_of["read"][0],
               "read_cpu": best_of["read"][1], "validate": best_of["validate"][0],
               "validate_cpu": best_of["validate"][1], "rss": rss}
        if before:
            row["before_cpu"] = best_of["fast1"][1]
        if with_office:
            office_args = ["report", str(folder), "-o", str(out) + "-lo"]
            office_jobs: dict[str, Job] = {
                f"full{index}": partial(measured_run, *office_args, python=python)
                for index, python in enumerate(pythons)}
            report = next(d for d in docs if not d.name.startswith("Tjänsteskrivelse"))
            plain = plain_conversion(report, work / f"plain-{row['n']}")
            if plain:
                office_jobs["plain"] = plain
            office = interleaved(office_jobs, OFFICE_REPEATS)
            row["office"] = office["full0"][0] - seconds
            row["office_cpu"] = office["full0"][1] - cpu
            if before:
                row["before_office_cpu"] = office["full1"][1] - best_of["fast1"][1]
            if plain:
                row["plain"], row["plain_cpu"] = office["plain"][:2]
        rows.append(row)
    return rows


def batch_rows(counts: list[int], work: Path) -> list[tuple[int, float, float]]:
    """A batch of N small folders in one command against N runs one by one (N × one run)."""
    single = work / "batch-in" / "m-00"
    write_folder(single, 5, 20)
    one, _ = min(checked(assemble("report", str(single), "-o", str(work / "one"), "--fast"))
                 for _ in range(3))
    rows = []
    for count in counts:
        folders = []
        for index in range(count):
            folder = work / "batch-in" / f"m-{index:02d}"
            if not folder.exists():
                shutil.copytree(single, folder)
            folders.append(str(folder))
        seconds, _ = checked(assemble("report", *folders, "-o", str(work / f"batch-{count}"),
                                      "--fast"))
        rows.append((count, seconds, one * count))
    return rows


def write_kommun(folder: Path, count: int) -> list[Path]:
    """A kommun folder with `count` nämnder: the example kommun's nämnder copied (each copy its
    own subfolder and row in Nämnder, with the same ram). Returns the nämnd folders."""
    from openpyxl import load_workbook

    source = REPO / "inputs" / "kommun"
    book = load_workbook(source / "Storsjö kommun.xlsx")
    sheet = book["Nämnder"]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    sheet.delete_rows(2, sheet.max_row)
    folder.mkdir(parents=True, exist_ok=True)
    folders = []
    for index in range(count):
        # Nämnd, Mapp, the nämnd's figures (as many columns as the sheet has), Ordning
        name, mapp, *figures, _ = rows[index % len(rows)]
        copy = f"{mapp} {index // len(rows) + 1}"
        shutil.copytree(source / mapp, folder / copy)
        sheet.append([f"{name} {index // len(rows) + 1}", copy, *figures, index + 1])
        folders.append(folder / copy)
    book.save(folder / "Storsjö kommun.xlsx")
    return folders


def kommun_rows(counts: list[int], work: Path) -> list[tuple[int, float, float]]:
    """`assemble kommun --fast` over N nämnder against N separate `report --fast` runs (the
    nämnder's own reports, one process each, as without the kommun command), wall seconds."""
    rows = []
    for count in counts:
        folder = work / f"kommun-{count}"
        folders = write_kommun(folder, count)
        together, _ = checked(assemble("kommun", str(folder),
                                       "-o", str(work / f"kommun-ut-{count}"), "--fast", "-q"))
        started = time.perf_counter()
        for index, nämnd in enumerate(folders):
            checked(assemble("report", str(nämnd), "-o", str(work / f"separat-{count}-{index}"),
                             "--fast", "-q"))
        rows.append((count, together, time.perf_counter() - started))
    return rows


def print_kommun(rows: list[tuple[int, float, float]]) -> None:
    print()
    print("| nämnder | assemble kommun --fast s | report --fast en i taget s | kvot |")
    print("|---:|---:|---:|---:|")
    for count, together, apart in rows:
        print(f"| {count} | {together:.1f} | {apart:.1f} | {together / apart:.2f} |")


def as_installed() -> None:
    """The tool's bytecode written, and the children free to use it, as in a user's install."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(REPO / "assembler", quiet=1)


def main() -> None:
    as_installed()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="små storlekar, för en röktest")
    parser.add_argument("--no-office", action="store_true", help="utan LibreOffice-passet")
    parser.add_argument("--before", metavar="PYTHON",
                        help="också en annan installation (dess python), växelvis med den här")
    parser.add_argument("--kommun", action="store_true",
                        help="bara kommunens rapport: 30 nämnder mot 30 körningar en i taget")
    options = parser.parse_args()
    if options.kommun:
        with tempfile.TemporaryDirectory() as scratch:
            print_kommun(kommun_rows([6] if options.quick else [30], Path(scratch)))
        return
    sizes = QUICK_SIZES if options.quick else SIZES
    print(f"Maskin: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} kärnor, {time.strftime('%Y-%m-%d')}")
    print(f"Belastning (1, 5, 15 min): {load_text()} vid start")
    python_pass = best([sys.executable, "-c", "pass"], 5)[0]
    help_time = best(assemble("--help"), 5)[0]
    print(f"Start: python -c pass {python_pass:.3f} s, assemble --help {help_time:.3f} s")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        rows = size_rows(sizes, work, not options.no_office, options.before)
        print_sizes(rows)  # before the batches: a failure there keeps these figures
        if options.before:
            print_before(rows, options.before)
        batches = batch_rows([8] if options.quick else [8, 30], work)
        kommun = kommun_rows([6] if options.quick else [30], work)
    print()
    print("| mappar | i en körning s | en i taget s | uppsnabbning |")
    print("|---:|---:|---:|---:|")
    for count, together, apart in batches:
        print(f"| {count} | {together:.1f} | {apart:.1f} | {apart / together:.2f} |")
    print_kommun(kommun)
    print()
    print_targets(rows, batches, kommun)
    print(f"\nBelastning (1, 5, 15 min): {load_text()} vid slut")


def print_sizes(rows: list[dict]) -> None:
    print()
    print("| enheter | --fast s (cpu) | golv s (cpu) | kvot (cpu) | validate s (cpu) "
          "| läsgolv s (cpu) | kvot (cpu) | topp-RSS MB | LibreOffice-passet s (cpu) "
          "| en konvertering s (cpu) | kvot (cpu) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        office = (f"{r['office']:.1f} ({r['office_cpu']:.1f}) | {r['plain']:.1f} "
                  f"({r['plain_cpu']:.1f}) | {r['office_cpu'] / r['plain_cpu']:.2f}"
                  if r.get("plain") else "– | – | –")
        print(f"| {r['n']} | {r['run']:.2f} ({r['run_cpu']:.2f}) "
              f"| {r['floor']:.2f} ({r['floor_cpu']:.2f}) "
              f"| {r['run_cpu'] / r['floor_cpu']:.2f} "
              f"| {r['validate']:.2f} ({r['validate_cpu']:.2f}) "
              f"| {r['read']:.2f} ({r['read_cpu']:.2f}) "
              f"| {r['validate_cpu'] / r['read_cpu']:.2f} "
              f"| {r['rss']:.0f} | {office} |")
    for small, large in pairwise(rows):
        print(f"{large['n'] / small['n']:.0f}× data → {large['run_cpu'] / small['run_cpu']:.2f}× "
              f"cpu-tid ({small['n']} → {large['n']} enheter)")
    sys.stdout.flush()


def print_before(rows: list[dict], before: str) -> None:
    """This install against `before`, their runs alternating: CPU seconds."""
    print(f"\nFöre ({before}) och nu, växelvis i samma körning (cpu s, bästa av fem):")
    print("| enheter | --fast före | nu | golv | kvot före → nu | LibreOffice-passet före | nu "
          "| en konvertering | kvot före → nu |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        office = "– | – | – | –"
        if r.get("plain_cpu"):
            office = (f"{r['before_office_cpu']:.1f} | {r['office_cpu']:.1f} "
                      f"| {r['plain_cpu']:.1f} | {r['before_office_cpu'] / r['plain_cpu']:.2f} → "
                      f"{r['office_cpu'] / r['plain_cpu']:.2f}")
        print(f"| {r['n']} | {r['before_cpu']:.2f} | {r['run_cpu']:.2f} | {r['floor_cpu']:.2f} "
              f"| {r['before_cpu'] / r['floor_cpu']:.2f} → {r['run_cpu'] / r['floor_cpu']:.2f} "
              f"| {office} |")
    sys.stdout.flush()


def load_text() -> str:
    """The machine's load average: on a shared machine, how far the wall times can be trusted."""
    if not hasattr(os, "getloadavg"):
        return "okänd"
    return " / ".join(f"{value:.1f}".replace(".", ",") for value in os.getloadavg())


def print_targets(rows: list[dict], batches: list[tuple[int, float, float]],
                  kommun: list[tuple[int, float, float]]) -> None:
    """Every target beside its measured value and its floor. The ratios against a floor are
    taken on CPU time (user + system; for the LibreOffice pass LibreOffice's own too), which a
    shared machine's load does not stretch; batches and the kommun run are about using both
    cores, so theirs are wall clock."""
    print("| mål | uppmätt | golv | kvot | gräns | nått |")
    print("|---|---:|---:|---:|---:|---|")

    def line(target: str, measured: str, floor: str, ratio: float, limit: float,
             higher_is_better: bool = False) -> None:
        met = ratio >= limit if higher_is_better else ratio <= limit
        print(f"| {target} | {measured} | {floor} | {ratio:.2f} | {limit:g} "
              f"| {'ja' if met else '**nej**'} |")

    middle = next((r for r in rows if r["n"] == 2000), rows[len(rows) // 2])
    line(f"--fast ≤ 2 × golvet vid {middle['n']} enheter (cpu)", f"{middle['run_cpu']:.2f} s",
         f"{middle['floor_cpu']:.2f} s", middle["run_cpu"] / middle["floor_cpu"], 2)
    for r in rows:
        line(f"validate ≤ 1,5 × läsgolvet vid {r['n']} enheter (cpu)",
             f"{r['validate_cpu']:.2f} s", f"{r['read_cpu']:.2f} s",
             r["validate_cpu"] / r["read_cpu"], 1.5)
    largest = rows[-1]
    line(f"topp-RSS ≤ 250 MB vid {largest['n']} enheter", f"{largest['rss']:.0f} MB", "–",
         largest["rss"] / 250, 1)
    for small, large in pairwise(rows):
        line(f"{large['n'] / small['n']:.0f} × data ≤ {large['n'] / small['n']:.0f} × tid "
             f"({small['n']} → {large['n']}, cpu)", f"{large['run_cpu']:.2f} s",
             f"{small['run_cpu']:.2f} s", large["run_cpu"] / small["run_cpu"],
             large["n"] / small["n"])
    for r in rows:
        if r.get("plain"):
            line(f"LibreOffice-passet ≤ 1,2 × en konvertering vid {r['n']} enheter (cpu)",
                 f"{r['office_cpu']:.1f} s", f"{r['plain_cpu']:.1f} s",
                 r["office_cpu"] / r["plain_cpu"], 1.2)
    for count, together, apart in batches:
        line(f"{count} mappar ≥ 1,7 × snabbare än en i taget (vägg)", f"{together:.1f} s",
             f"{apart:.1f} s", apart / together, 1.7, higher_is_better=True)
    for count, together, apart in kommun:
        line(f"assemble kommun, {count} nämnder ≤ 0,5 × {count} körningar en i taget (vägg)",
             f"{together:.1f} s", f"{apart:.1f} s", together / apart, 0.5)


if __name__ == "__main__":
    main()
