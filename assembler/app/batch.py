"""Several report folders in one run, each in its own process so both cores work."""

from __future__ import annotations

import glob
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..contract.findings import Finding, Severity, open_findings
from .files import file_key, safe_file_name
from .options import RunOptions

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


@dataclass
class FolderResult:
    folder: str
    out_dir: str = ""  # its own subfolder of the output folder
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


def output_folders(out_dir: Path, folders: list[Path]) -> dict[Path, Path]:
    """Each folder of a batch writes into its own subfolder of the output folder, named as the
    folder; folders with the same name (`x/rapport`, `y/rapport`) get their parent's name in
    front (`x-rapport`), and a number if that is not enough. Never two in one subfolder."""
    names = {folder: safe_file_name(folder.resolve().name) or "rapport" for folder in folders}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[file_key(name)] = counts.get(file_key(name), 0) + 1
    chosen: dict[Path, Path] = {}
    taken: set[str] = set()
    for folder, name in names.items():
        if counts[file_key(name)] > 1:
            parent = safe_file_name(folder.resolve().parent.name)
            name = f"{parent}-{name}" if parent else name
        unique, number = name, 2
        while file_key(unique) in taken:
            unique, number = f"{name} ({number})", number + 1
        taken.add(file_key(unique))
        chosen[folder] = out_dir / unique
    return chosen


def renamed_outputs(folders: dict[Path, Path]) -> list[tuple[Path, Path]]:
    """(folder, subfolder) where the subfolder is not named as the folder: to be said."""
    return [(folder, out) for folder, out in folders.items()
            if out.name != folder.resolve().name]


# --- stopping: Ctrl-C ends the batch within a second ------------------------------------------
# Each worker unwinds the folder it is on (its output is written whole or not at all, see
# files.write_all_or_none); folders not yet handed out are never started. A signal close on
# the first one (a terminal sends Ctrl-C to every process, and the batch sends its own) is
# ignored, so it cannot cut the unwinding short; one that comes later is raised again, in case
# the first was swallowed (Python only prints an interrupt that hits a finalizer).
REPEAT_SECONDS = 0.3  # a signal this long after the first is raised again
GRACE_SECONDS = 1.0  # for the workers to unwind before they are ended outright
_busy = False  # this worker is running a folder
_stop_asked_at: float | None = None  # when this worker was first told to stop


def _stop_signal(signum, frame) -> None:
    global _stop_asked_at
    now = time.monotonic()
    first = _stop_asked_at is None
    if _stop_asked_at is None:
        _stop_asked_at = now
    if _busy and (first or now - _stop_asked_at > REPEAT_SECONDS):
        raise KeyboardInterrupt


def _worker_start() -> None:
    signal.signal(signal.SIGINT, _stop_signal)


def run_one(folder: str, options: RunOptions) -> FolderResult:
    """One folder, start to end, into `options.out_dir`; never raises (runs in a worker
    process)."""
    from .files import OutputError, crash_log
    from .report import run_report

    global _busy
    started = time.perf_counter()
    result = FolderResult(folder, str(options.out_dir))
    if _stop_asked_at is not None:
        result.failure = STOPPED
        return result
    try:
        _busy = True
        run = run_report(Path(folder), options)
        result.findings, result.notes = list(run.findings), run.notes
        result.written = [str(p) for p in run.written]
    except OutputError as exc:
        result.failure = str(exc)
    except KeyboardInterrupt:
        result.failure = STOPPED
    except Exception as exc:  # a bug: logged, and the other folders go on
        result.failure = (f"Ett internt fel uppstod ({type(exc).__name__}); detaljer i "
                          f"{crash_log(exc)}.")
    finally:
        _busy = False
    result.seconds = time.perf_counter() - started
    return result


STOPPED = "Avbruten; mappens tidigare utdata är orörd."


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the folders that were finished before it."""

    def __init__(self, finished: list[FolderResult]):
        super().__init__()
        self.finished = finished


def run_many(folders: list[Path], options: RunOptions, on_done=None) -> list[FolderResult]:
    """Each folder in its own process, at most one per core, each writing into its own
    subfolder of `options.out_dir`; results in the folders' order.
    Folders are handed out one at a time as workers free up, so nothing waits in a queue that
    Ctrl-C would have to drain."""
    # here, not on import: a single report need not load multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    workers = max(1, min(len(folders), os.cpu_count() or 1))
    targets = output_folders(options.out_dir, folders)
    results: dict[str, FolderResult] = {}
    waiting = list(folders)
    running: set[Future] = set()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                folder = waiting.pop(0)
                running.add(pool.submit(run_one, str(folder),
                                        options.writing_to(targets[folder])))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                results[result.folder] = result
                if on_done:
                    on_done(result)
    except KeyboardInterrupt:
        stop_workers(pool)
        raise BatchInterrupted([results[str(f)] for f in folders if str(f) in results]) from None
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()
    return [results[str(folder)] for folder in folders]


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started, let each running worker unwind its folder (asking twice),
    end any that has not done so within GRACE_SECONDS. (The pool's own shutdown would first
    finish every folder handed out; its worker processes are reached through `_processes`.)"""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    started = time.monotonic()
    for wait_until in (started + REPEAT_SECONDS + 0.1, started + GRACE_SECONDS):
        _ask_to_stop([p for p in processes if p.is_alive()])
        for process in processes:
            process.join(max(0.0, wait_until - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join(1)


def _ask_to_stop(processes) -> None:
    if sys.platform == "win32":  # the console's Ctrl-C reaches every worker itself
        return
    for process in processes:
        try:
            os.kill(process.pid, signal.SIGINT)
        except (OSError, TypeError):
            pass
