"""read → model → validate → compute → render, one direction, for one report folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .files import OutputError, safe_file_name, write_atomic  # also imported from here
from .findings import Findings, has_errors
from .model import Report

if TYPE_CHECKING:
    from .economy import Economy

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "inputs" / "exempel"
REPORT_TEMPLATE = "rapport.docx"
MEMO_TEMPLATE = "tjänsteskrivelse.docx"


@dataclass
class RunResult:
    findings: Findings = field(default_factory=Findings)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # information for the user, not findings

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def report_file_name(report: Report) -> str:
    info = report.info
    return safe_file_name(f"{info.rapporttitel} {info.ar} – {info.namnd}") + ".docx"


def memo_file_name(report: Report) -> str:
    return "Tjänsteskrivelse – " + report_file_name(report)


@dataclass
class Prepared:
    report: Report
    economy: Economy | None  # computed once, for the text rules and the documents


def prepare(folder: Path, findings: Findings) -> Prepared | None:
    """read → model → validate → compute, and the text rules that need computed figures."""
    from .load_folder import load_report

    report = load_report(folder, findings)
    return None if report is None else prepare_report(report, findings)


def prepare_report(report: Report, findings: Findings) -> Prepared:
    """validate → compute, and the text rules that need computed figures."""
    from .economy import compute_economy
    from .textcheck import check_texts
    from .validate import validate

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


def fill_toc_pages(data: bytes, office) -> bytes:
    """Page numbers for the TOC, read from LibreOffice's PDF of the document itself."""
    from .render.docx import with_toc_pages
    from .render.office import heading_pages

    def find_pages(entries: list[str]) -> list[int | None]:
        return heading_pages(office.to_pdfs({"rapport": data})["rapport"], entries)

    return with_toc_pages(data, find_pages)


def office_pass(documents: dict[str, bytes], report_name: str, pdf: bool,
                result: RunResult) -> dict[str, bytes]:
    """The LibreOffice steps: TOC page numbers, and PDFs when asked. Returns every file to write."""
    from .render.office import Office, OfficeError, find_soffice

    if find_soffice() is None:
        result.notes.append("LibreOffice hittades inte: innehållsförteckningen saknar sidnummer "
                            "tills dokumentet uppdateras i Word (F9).")
        return documents
    files = dict(documents)
    try:
        with Office() as office:
            files[report_name] = fill_toc_pages(documents[report_name], office)
            if pdf:
                pdfs = office.to_pdfs({name: files[name] for name in documents})
                files.update({Path(name).with_suffix(".pdf").name: data
                              for name, data in pdfs.items()})
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
