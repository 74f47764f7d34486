"""Benchmark: `assemble report --fast` against the floor, at growing sizes.

    python benchmarks/bench.py            # 10×50, 40×50 and 160×50 enheter
    python benchmarks/bench.py --quick    # small sizes only, for a smoke run

Floor = reading every input cell with openpyxl (read-only) + opening and re-saving the produced
.docx files with python-docx: the least any tool doing this job must spend. The whole run is
measured as a user runs it (a new process), peak RSS from the child's resource usage. The
LibreOffice pass that fills the TOC's page numbers is measured separately.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

REPO = Path(__file__).resolve().parents[1]
SIZES = [(10, 50), (40, 50), (160, 50)]
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


FLOOR = """
import sys, tempfile
from pathlib import Path
from docx import Document
from openpyxl import load_workbook
folder = Path(sys.argv[1])
for path in sorted(folder.glob("*.xlsx")):
    book = load_workbook(path, read_only=True, data_only=True)
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            for _ in row:
                pass
    book.close()
with tempfile.TemporaryDirectory() as scratch:
    for path in sys.argv[2:]:
        Document(path).save(str(Path(scratch) / Path(path).name))
"""


def floor_seconds(folder: Path, outputs: list[Path]) -> float:
    """The floor as a process of its own, like the run: interpreter start, its two imports,
    reading every cell, re-saving the documents. Best of three."""
    args = [sys.executable, "-c", FLOOR, str(folder), *map(str, outputs)]
    return min(run_child(args)[0] for _ in range(3))


def run_child(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(seconds, peak RSS in MB of this child, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is the largest child so far (KiB on Linux); runs go from small to large
    return seconds, max(peak, before) / 1024, done


def assemble(*args: str) -> list[str]:
    return [sys.executable, "-m", "assembler.cli", *args]


def startup() -> tuple[float, float]:
    def best(args):
        return min(run_child(args)[0] for _ in range(5))
    return best([sys.executable, "-c", "pass"]), best(assemble("--help"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--toc", action="store_true", help="also time the LibreOffice TOC pass")
    options = parser.parse_args()
    sizes = QUICK_SIZES if options.quick else SIZES
    print(f"Maskin: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} kärnor")
    python_pass, help_time = startup()
    print(f"Start: python -c pass {python_pass:.3f} s, assemble --help {help_time:.3f} s "
          f"(skillnad {help_time - python_pass:.3f} s, mål ≤ 0,3 s)")
    print(f"{'storlek':>12} {'enheter':>8} {'körning s':>10} {'golv s':>8} {'kvot':>6} "
          f"{'topp-RSS MB':>12}")
    results = []
    with tempfile.TemporaryDirectory() as work:
        for verksamheter, enheter in sizes:
            folder = Path(work) / f"in-{verksamheter}x{enheter}"
            out = Path(work) / f"ut-{verksamheter}x{enheter}"
            write_folder(folder, verksamheter, enheter)
            runs = [run_child(assemble("report", str(folder), "-o", str(out), "--fast"))
                    for _ in range(2)]
            seconds, rss, done = min(runs, key=lambda r: r[0])
            if done.returncode != 0:
                print(done.stdout, done.stderr)
                raise SystemExit(f"assemble misslyckades vid {verksamheter}×{enheter}")
            floor = floor_seconds(folder, sorted(out.glob("*.docx")))
            results.append((verksamheter * enheter, seconds, floor))
            print(f"{verksamheter:>5} × {enheter:<4} {verksamheter * enheter:>8} {seconds:>10.2f} "
                  f"{floor:>8.2f} {seconds / floor:>6.2f} {rss:>12.0f}")
            if options.toc:
                toc_seconds, _, _ = run_child(assemble("report", str(folder), "-o",
                                                       str(out) + "-toc"))
                print(f"{'':>12} med LibreOffice-passet (sidnummer i innehållet): "
                      f"{toc_seconds:.2f} s")
    for (small_n, small_s, _), (large_n, large_s, _) in zip(results, results[1:]):
        print(f"{large_n / small_n:.0f}× data → {large_s / small_s:.2f}× tid "
              f"({small_n} → {large_n} enheter)")


if __name__ == "__main__":
    main()
