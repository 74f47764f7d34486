"""read → model → validate → compute → render, one direction, for one report folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .findings import Findings, has_errors
from .model import Report

if TYPE_CHECKING:
    from .economy import Economy

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "inputs" / "exempel"
REPORT_TEMPLATE = "rapport.docx"
MEMO_TEMPLATE = "tjänsteskrivelse.docx"


class OutputError(Exception):
    """Output could not be written; the message says what the user can do."""


@dataclass
class RunResult:
    findings: Findings = field(default_factory=Findings)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # information for the user, not findings

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


def memo_file_name(report: Report) -> str:
    return "Tjänsteskrivelse – " + report_file_name(report)


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


@dataclass
class Prepared:
    report: Report
    economy: Economy | None  # computed once, for the text rules and the documents


def prepare(folder: Path, findings: Findings) -> Prepared | None:
    """read → model → validate → compute, and the text rules that need computed figures."""
    from .economy import compute_economy
    from .load import load_report
    from .textcheck import check_texts
    from .validate import validate

    report = load_report(folder, findings)
    if report is None:
        return None
    validate(report, findings)
    if has_errors(findings):
        return Prepared(report, None)
    economy = compute_economy(report)
    check_texts(report, findings, economy)
    return Prepared(report, economy)


def load_and_validate(folder: Path, findings: Findings) -> Report | None:
    prepared = prepare(folder, findings)
    return prepared.report if prepared else None


def template_path(name: str, override_dir: Path | None) -> Path:
    if override_dir is not None and (override_dir / name).is_file():
        return override_dir / name
    return TEMPLATES_DIR / name


def render_documents(report: Report, templates: Path | None, moment: dt.datetime | None,
                     economy: Economy | None = None) -> dict[str, bytes]:
    """Both documents from one context, so the memo quotes exactly the report's figures."""
    from . import fmt
    from .context import build_context
    from .render.docx import render

    info = report.info
    context = build_context(report, economy,
                            memo_date=fmt.long_date(moment.date()) if moment else "")
    author = info.forvaltning or info.namnd
    return {
        report_file_name(report): render(
            template_path(REPORT_TEMPLATE, templates), context,
            title=f"{info.rapporttitel} {info.ar}", subject=info.namnd, author=author,
            moment=moment),
        memo_file_name(report): render(
            template_path(MEMO_TEMPLATE, templates), context,
            title=f"Tjänsteskrivelse: {info.rapporttitel} {info.ar}", subject=info.namnd,
            author=author, moment=moment),
    }


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


def office_pass(documents: dict[str, bytes], report_name: str, pdf: bool,
                result: RunResult) -> dict[str, bytes]:
    """The LibreOffice steps: TOC page numbers, and PDFs when asked. Returns every file to write.

    One conversion gives the page numbers (and, with --pdf, the memo's PDF); only a --pdf run
    converts the report a second time, with its page numbers filled in."""
    from .render.docx import with_toc_pages
    from .render.office import Office, OfficeError, find_soffice, heading_pages

    if find_soffice() is None:
        result.notes.append("LibreOffice hittades inte: innehållsförteckningen saknar sidnummer "
                            "tills dokumentet uppdateras i Word (F9).")
        return documents
    files = dict(documents)
    try:
        with Office() as office:
            first = office.to_pdfs(documents if pdf else {report_name: documents[report_name]})
            files[report_name] = with_toc_pages(
                documents[report_name],
                lambda entries: heading_pages(first[report_name], entries))
            if pdf:
                if files[report_name] != documents[report_name]:
                    first.update(office.to_pdfs({report_name: files[report_name]}))
                files.update({Path(name).with_suffix(".pdf").name: data
                              for name, data in first.items()})
    except OfficeError as exc:
        if pdf:
            raise OutputError(str(exc)) from exc
        result.notes.append(f"{exc} Innehållsförteckningen saknar sidnummer.")
        return documents
    return files


def run_report(folder: Path, out_dir: Path, templates: Path | None = None,
               date: dt.date | None = None, pdf: bool = False, fast: bool = False) -> RunResult:
    from .outputcheck import check_document
    from .render.office import find_soffice

    result = RunResult()
    if pdf and not fast and find_soffice() is None:
        raise OutputError("--pdf kräver LibreOffice, som inte hittades. Installera LibreOffice "
                          "eller kör utan --pdf.")
    prepared = prepare(folder, result.findings)
    if prepared is None or not result.ok:
        return result
    report = prepared.report
    documents = render_documents(report, templates, document_moment(report, date),
                                 prepared.economy)
    typed = input_strings(report.model_dump())
    for name, data in documents.items():
        check_document(data, name, typed, result.findings)
    if not result.ok:
        return result
    if not fast:
        documents = office_pass(documents, report_file_name(report), pdf, result)
    for name, data in documents.items():  # all made and checked before any is written
        write_atomic(out_dir / name, data)
        result.written.append(out_dir / name)
    return result


def example_context():
    """The context of the shipped example, for checking templates and listing variables."""
    from .context import build_context

    findings = Findings()
    prepared = prepare(EXAMPLE_DIR, findings)
    if prepared is None or has_errors(findings):
        raise OutputError(f"Exempelmappen {EXAMPLE_DIR} saknas eller har fel; den behövs för "
                          f"att prova mallarna.")
    return build_context(prepared.report, prepared.economy, memo_date="18 september 2025")


def run_template_check(target: Path | None) -> RunResult:
    from .templating import check_template, template_files

    result = RunResult()
    files = template_files(target, TEMPLATES_DIR, result.findings)
    if files:
        context = example_context()
        for path in files:
            check_template(path, context, result.findings)
    return result


def run_validate(folder: Path) -> RunResult:
    result = RunResult()
    load_and_validate(folder, result.findings)
    return result
