"""Several report folders in one run, each in its own process so both cores work."""

from __future__ import annotations

import glob
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..contract.findings import Finding, Severity, open_findings


@dataclass
class FolderResult:
    folder: str
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failure: str = ""  # a message when the run could not finish (output error, bug)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(open_findings(self.findings)) - self.errors

    @property
    def verdict(self) -> str:
        if self.failure or self.errors:
            return "inte skriven"
        return "skriven, med varningar" if open_findings(self.findings) else "skriven"


def expand_folders(arguments: list[Path]) -> list[Path]:
    """Folders as given; a pattern such as `inputs/*/` is expanded here too, because the
    Windows command prompt does not expand it."""
    folders: list[Path] = []
    for argument in arguments:
        text = str(argument)
        if not argument.exists() and any(ch in text for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(text) if Path(m).is_dir())
            folders += matches or [argument]
        else:
            folders.append(argument)
    return list(dict.fromkeys(folders))


def output_folder(out_dir: Path, folder: Path) -> Path:
    """Each folder of a batch writes into its own subfolder of the output folder."""
    return out_dir / folder.resolve().name


def run_one(folder: str, out_dir: str, templates: str | None, date, pdf: bool,
            fast: bool) -> FolderResult:
    """One folder, start to end; never raises (runs in a worker process)."""
    from .files import OutputError, crash_log
    from .report import run_report

    started = time.perf_counter()
    result = FolderResult(folder)
    try:
        run = run_report(Path(folder), Path(out_dir), Path(templates) if templates else None,
                         date, pdf=pdf, fast=fast)
        result.findings, result.notes = list(run.findings), run.notes
        result.written = [str(p) for p in run.written]
    except OutputError as exc:
        result.failure = str(exc)
    except Exception as exc:  # a bug: logged, and the other folders go on
        result.failure = (f"Ett internt fel uppstod ({type(exc).__name__}); detaljer i "
                          f"{crash_log(exc)}.")
    result.seconds = time.perf_counter() - started
    return result


def run_many(folders: list[Path], out_dir: Path, templates: Path | None, date, pdf: bool,
             fast: bool, on_done=None) -> list[FolderResult]:
    """Each folder in its own process, at most one per core; results in the folders' order."""
    workers = max(1, min(len(folders), os.cpu_count() or 1))
    results: dict[str, FolderResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_one, str(folder), str(output_folder(out_dir, folder)),
                               str(templates) if templates else None, date, pdf, fast): folder
                   for folder in folders}
        for future in as_completed(futures):
            result = future.result()
            results[result.folder] = result
            if on_done:
                on_done(result)
    return [results[str(folder)] for folder in folders]
