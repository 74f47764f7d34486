"""read → model → validate → compute → render, one direction, for one report folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Findings, has_errors
from .model import Report

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
REPORT_TEMPLATE = "rapport.docx"


class OutputError(Exception):
    """Output could not be written; the message says what the user can do."""


@dataclass
class RunResult:
    findings: Findings = field(default_factory=Findings)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def safe_file_name(name: str) -> str:
    """Legal on Windows too: no `<>:"/\\|?*`, no trailing dots or spaces."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name)
    return cleaned.strip(" .")


def report_file_name(report: Report) -> str:
    info = report.info
    return safe_file_name(f"{info.rapporttitel} {info.ar} – {info.namnd}") + ".docx"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".assembler-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"Kan inte skriva i {path.parent}: {exc.strerror or exc}. Ange en "
                          f"mapp med -o.") from exc
    try:
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except PermissionError as exc:
        raise OutputError(f"Kan inte skriva {path.name}: filen är skrivskyddad eller öppen i ett "
                          f"annat program (t.ex. Word). Stäng den och försök igen.") from exc
    except OSError as exc:
        raise OutputError(f"Kan inte skriva {path}: {exc.strerror or exc}.") from exc
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def load_and_validate(folder: Path, findings: Findings) -> Report | None:
    from .load import load_report
    from .validate import validate

    report = load_report(folder, findings)
    if report is not None:
        validate(report, findings)
    return report


def template_path(name: str, override_dir: Path | None) -> Path:
    if override_dir is not None and (override_dir / name).is_file():
        return override_dir / name
    return TEMPLATES_DIR / name


def render_report(report: Report, templates: Path | None, moment: dt.datetime | None) -> bytes:
    from .context import build_context
    from .render.docx import render

    info = report.info
    return render(template_path(REPORT_TEMPLATE, templates), build_context(report),
                  title=f"{info.rapporttitel} {info.ar}", subject=info.namnd,
                  author=info.forvaltning or info.namnd, moment=moment)


def document_moment(report: Report, date: dt.date | None) -> dt.datetime | None:
    """The date written into the document's properties: --datum, else Beslutsdatum."""
    chosen = date or report.info.beslutsdatum
    return dt.datetime.combine(chosen, dt.time(12, 0)) if chosen else None


def input_strings(value) -> list[str]:
    """Every string of the model: what the economists typed, shown as written."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in input_strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in input_strings(v)]
    return []


def run_report(folder: Path, out_dir: Path, templates: Path | None = None,
               date: dt.date | None = None) -> RunResult:
    from .outputcheck import check_document

    result = RunResult()
    report = load_and_validate(folder, result.findings)
    if report is None or not result.ok:
        return result
    data = render_report(report, templates, document_moment(report, date))
    target = out_dir / report_file_name(report)
    check_document(data, target.name, input_strings(report.model_dump()), result.findings)
    if not result.ok:
        return result
    write_atomic(target, data)
    result.written.append(target)
    return result


def run_validate(folder: Path) -> RunResult:
    result = RunResult()
    load_and_validate(folder, result.findings)
    return result
