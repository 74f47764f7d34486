"""read → model → validate → compute → render, one direction, for one report folder."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .files import (MAX_NAME_BYTES, MAX_PROPERTY_CHARS, MEMO_PREFIX, OutputError,  # noqa: F401
                    safe_file_name, shortened, write_all_or_none, write_atomic)
from ..contract.findings import (M05_MALL_SAKNAS, R21_ARENDE_SAKNAS, Findings, TemplatePart,
                                 has_errors)
from ..contract.checked import model_dump
from ..contract.model import Report
from .options import RunOptions
from .progress import SILENT, Progress

if TYPE_CHECKING:
    from ..compute.economy import Economy
    from ..render.document import Rendered

from .resources import example_dir, templates_dir

TEMPLATES_DIR = templates_dir()
EXAMPLE_DIR = example_dir()
REPORT_TEMPLATE = "rapport.docx"
MEMO_TEMPLATE = "tjänsteskrivelse.docx"


@dataclass
class RunResult:
    findings: Findings = field(default_factory=Findings)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # information for the user, not findings
    # a template check against a report folder: the folder's own findings, kept apart
    data_findings: Findings = field(default_factory=Findings)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def report_file_name(report: Report) -> str:
    """`{Rapporttitel} {År} – {Nämnd}.docx`, short enough that the memo's name fits too."""
    info = report.info
    room = MAX_NAME_BYTES - len(MEMO_PREFIX.encode("utf-8")) - len(".docx")
    namnd = safe_file_name(info.namnd)  # `...` or `?` alone leave nothing: no dangling `–`
    name = safe_file_name(f"{info.rapporttitel} {info.ar}" + (f" – {namnd}" if namnd else ""))
    return shortened(name, room) + ".docx"


def document_label(template: Path) -> str:
    """`tjänsteskrivelse.docx` → `Tjänsteskrivelse`, `bilaga 1.docx` → `Bilaga 1`."""
    stem = unicodedata.normalize("NFC", template.stem).strip()
    return stem[:1].upper() + stem[1:]


def is_report_template(template: Path) -> bool:
    return unicodedata.normalize("NFC", template.name).casefold() == REPORT_TEMPLATE


def document_file_name(report: Report, template: Path) -> str:
    """The report's own name for the report; `{Mall} – {the report's name}` for the others."""
    if is_report_template(template):
        return report_file_name(report)
    name = f"{safe_file_name(document_label(template))} – {report_file_name(report)}"
    return shortened(name[:-len(".docx")], MAX_NAME_BYTES - len(".docx")) + ".docx"


def document_templates(templates: Path | None, findings: Findings | None = None,
                       notes: list[str] | None = None) -> list[Path]:
    """Every document of the decision: each .docx of the default folder, replaced by name
    (without regard to case) or joined by each .docx of the template folder, less those it
    leaves out (`tjänsteskrivelse.ingen`); the report first. formuleringar.docx holds wording,
    not a document. What cannot be used is a finding."""
    from ..verify.templates import template_targets

    documents, _ = template_targets(templates if templates is not None and templates.is_dir()
                                    else None, TEMPLATES_DIR,
                                    Findings() if findings is None else findings,
                                    [] if notes is None else notes)
    return sorted(documents, key=lambda p: (not is_report_template(p), p.name.casefold()))


MEMO_WITHOUT_ARENDET = R21_ARENDE_SAKNAS


def makes_memo(templates: Path | None) -> bool:
    from ..verify.templates import left_out

    return MEMO_TEMPLATE.casefold() not in left_out(templates)


def property_text(text: str) -> str:
    """A core property as Word accepts it: at most 255 characters."""
    return text if len(text) <= MAX_PROPERTY_CHARS else text[:MAX_PROPERTY_CHARS - 1] + "…"


@dataclass
class Prepared:
    report: Report
    economy: Economy | None  # computed once, for the text rules and the documents


def prepare(folder: Path, findings: Findings, progress: Progress = SILENT) -> Prepared | None:
    """read → model → validate → compute, and the text rules that need computed figures."""
    from ..read.folder import load_report

    progress.step(f"Läser arbetsböckerna i {folder}")
    report = load_report(folder, findings)
    if report is None:
        return None
    progress.step(f"Kontrollerar {len(report.verksamheter)} verksamheter och nämnden")
    return prepare_report(report, findings)


def prepare_report(report: Report, findings: Findings) -> Prepared:
    """validate → compute, and the text rules that need computed figures."""
    from ..compute.economy import compute_economy
    from ..verify.footing import check_footing
    from ..verify.text import check_texts
    from ..validate.acknowledge import acknowledge
    from ..validate.rules import validate

    validate(report, findings)
    if has_errors(findings):
        acknowledge(report, findings)
        return Prepared(report, None)
    economy = compute_economy(report)
    check_footing(report, economy, findings)
    check_texts(report, findings, economy)
    acknowledge(report, findings)
    return Prepared(report, economy)


def load_and_validate(folder: Path, findings: Findings) -> Report | None:
    prepared = prepare(folder, findings)
    return prepared.report if prepared else None


def write_formulations(context, templates: Path | None, findings: Findings) -> bool:
    """The sentences of the context, in the words of formuleringar.docx, written in one pass
    that also finds what is wrong with them. False, with the problems as findings by table row,
    when a formulation cannot be written (the kansli's wording: never an internal error)."""
    from ..render.wording import wording_files
    from ..verify.templates import check_wording

    before = len(findings)
    check_wording(wording_files(TEMPLATES_DIR, templates), context, findings)
    return len(findings) == before


def _render_one(path: Path, context, findings: Findings, **properties) -> Rendered | None:
    """One document, or None with an M-finding (template name, paragraph, Swedish message)."""
    from ..verify.templates import render_template

    return render_template(path, context, findings, **{
        key: property_text(value) if isinstance(value, str) else value
        for key, value in properties.items()})


def document_names(templates: list[Path], name_of, findings: Findings) -> dict[str, Path]:
    """Each document's file name (`name_of(template)`); two templates that would write the
    same file (as Windows compares names) are a finding, never one document silently dropped."""
    from ..verify.templates import name_clash

    names: dict[str, Path] = {}
    taken: dict[str, Path] = {}
    for path in templates:
        name = name_of(path)
        key = unicodedata.normalize("NFC", name).casefold()
        if key in taken:
            name_clash(findings, path, taken[key], f"skulle båda skrivas som ”{name}”.",
                       "Byt namn på den ena mallen så att dokumenten får olika namn.")
            continue
        taken[key] = path
        names[name] = path
    return names


def render_documents(report: Report, templates: Path | None, moment: dt.datetime | None,
                     economy: Economy | None = None, findings: Findings | None = None,
                     notes: list[str] | None = None) -> dict[str, Rendered]:
    """Both documents from one context, so the memo quotes exactly the report's figures. A
    template or formulation that fails adds its finding to `findings` and leaves its document
    out."""
    from ..compute.context import build_context

    findings = Findings() if findings is None else findings
    info = report.info
    context = build_context(report, economy, memo_date=moment.date() if moment else "")
    if not write_formulations(context, templates, findings):
        return {}
    author = info.forvaltning or info.namnd
    report_title = f"{info.rapporttitel} {info.ar} – {info.namnd}"
    wanted = document_names(document_templates(templates, findings, notes),
                            lambda path: document_file_name(report, path), findings)
    documents = {}
    for name, template in wanted.items():
        title = (report_title if is_report_template(template)
                 else f"{document_label(template)}: {report_title}")
        data = _render_one(template, context, findings, title=title,
                           subject=info.namnd, author=author, moment=moment)
        if data is not None:
            documents[name] = data
    if len(documents) < len(wanted) and not has_errors(findings):
        raise OutputError("Ett av dokumenten kunde inte göras.")
    return documents


def document_moment(report: Report, date: dt.date | None) -> dt.datetime | None:
    """The date written into the document's properties: --datum, else Beslutsdatum."""
    chosen = date or report.info.beslutsdatum
    return dt.datetime.combine(chosen, dt.time(12, 0)) if chosen else None


def memo_date_note(report: Report, date: dt.date | None) -> str:
    """A tjänsteskrivelse is written before the meeting; without --datum it has the meeting's."""
    from ..contract import fmt

    if date is not None:
        return ""
    if report.info.beslutsdatum is None:
        return ("Tjänsteskrivelsen har inget datum: ange --datum ÅÅÅÅ-MM-DD (den dag den "
                "skrivs) eller Beslutsdatum i bladet Rapport.")
    return (f"Tjänsteskrivelsen är daterad med sammanträdets dag, "
            f"{fmt.long_date(report.info.beslutsdatum)} (Beslutsdatum). Ange --datum ÅÅÅÅ-MM-DD "
            f"för den dag den skrivs.")


def input_strings(value) -> list[str]:
    """Every string of the model: what the economists typed, shown as written."""
    if isinstance(value, str):
        from ..contract.rich import plain

        return [plain(value)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in input_strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in input_strings(v)]
    return []


class TypedStrings:
    """The model's strings (`input_strings`), gathered on first use: the check of the
    documents reads them only when a paragraph looks like a leak."""

    def __init__(self, report: Report):
        self.report = report
        self.strings: list[str] | None = None

    def __iter__(self):
        if self.strings is None:
            self.strings = input_strings(model_dump(self.report))
        return iter(self.strings)


def office_pass(documents: dict[str, bytes], reports: list[str], pdf: bool,
                result: RunResult, progress: Progress = SILENT) -> dict[str, bytes]:
    """The LibreOffice steps for every document of a run, in one start of LibreOffice: TOC
    page numbers in each of `reports`, and PDFs when asked. Returns every file to write.

    One conversion gives the page numbers (and, with --pdf, the other documents' PDFs); only a
    --pdf run converts a report a second time, with its page numbers filled in. Keys are file
    names or paths; a PDF is keyed as its document with the suffix .pdf."""
    from ..render.document import with_toc_pages
    from ..render.office import Office, OfficeError, find_soffice, heading_pages, page_count

    one = len(reports) == 1
    toc = "innehållsförteckningen" if one else "innehållsförteckningarna"
    if find_soffice() is None:
        result.notes.append(f"LibreOffice hittades inte: {toc} saknar sidnummer tills "
                            f"{'dokumentet' if one else 'dokumenten'} uppdateras i Word (F9).")
        return documents
    chosen = {k: data for k, data in documents.items()
              if k.endswith(".docx") and (pdf or k in reports)}
    files = dict(documents)
    try:
        with Office() as office:
            progress.step("LibreOffice läser rapporten för innehållsförteckningens sidnummer"
                          if one else f"LibreOffice läser {len(chosen)} dokument")
            first = office.to_pdfs(chosen)
            if one:
                progress.step(f"LibreOffice: rapporten har {page_count(first[reports[0]])} "
                              f"sidor; sidnummer till innehållsförteckningen")
            changed = {}
            for key in reports:
                files[key] = with_toc_pages(
                    documents[key], lambda entries, key=key: heading_pages(first[key], entries))
                if files[key] != documents[key]:
                    changed[key] = files[key]
            if pdf:
                progress.step(f"LibreOffice skriver {len(chosen)} PDF-filer")
                if changed:
                    first.update(office.to_pdfs(changed))
                files.update(finished_pdfs(first, files))
    except OfficeError as exc:
        if pdf:
            raise OutputError(str(exc)) from exc
        result.notes.append(f"{exc} {toc[0].upper()}{toc[1:]} saknar sidnummer.")
        return documents
    return files


def finished_pdf(pdf: bytes, document: bytes) -> bytes:
    """An exported PDF finished for PDF/UA with its document's alt texts."""
    from ..render.document import alt_texts
    from ..render.pdftags import finish

    return finish(pdf, alt_texts(document))


def finished_pdfs(pdfs: dict[str, bytes], documents: dict[str, bytes]) -> dict[str, bytes]:
    """{file name: PDF}: each exported PDF finished for PDF/UA with its document's alt texts."""
    return {str(Path(name).with_suffix(".pdf")): finished_pdf(data, documents[name])
            for name, data in pdfs.items()}


def refuse_pdf_without_office(pdf: bool, fast: bool) -> None:
    """--pdf needs LibreOffice: said before anything is read, not after the work."""
    if not pdf or fast:
        return
    from ..render.office import find_soffice

    if find_soffice() is None:
        raise OutputError("--pdf kräver LibreOffice, som inte hittades. Installera LibreOffice "
                          "eller kör utan --pdf.")


def run_report(folder: Path, options: RunOptions, progress: Progress = SILENT) -> RunResult:
    from ..compute.economy import compute_economy
    from ..verify.documents import check_documents
    from ..verify.output import check_document

    templates, date = options.templates, options.date
    result = RunResult()
    refuse_pdf_without_office(options.pdf, options.fast)
    prepared = prepare(folder, result.findings, progress)
    if not makes_memo(templates):  # no tjänsteskrivelse: its missing Ärendet is no matter
        result.findings[:] = [f for f in result.findings if f.rule is not MEMO_WITHOUT_ARENDET]
    if prepared is None or not result.ok:
        return result
    report = prepared.report
    if templates is not None and not templates.is_dir():
        result.findings.add(M05_MALL_SAKNAS, TemplatePart(templates.name),
                            found=f"Mallmappen {templates} finns inte")
        return result
    memo = makes_memo(templates)
    progress.step("Skriver rapporten och tjänsteskrivelsen" if memo else "Skriver rapporten")
    if memo and (note := memo_date_note(report, date)):
        result.notes.append(note)
    documents = render_documents(report, templates, document_moment(report, date),
                                 prepared.economy, result.findings, result.notes)
    if not result.ok:
        return result
    typed = TypedStrings(report)
    for name, rendered in documents.items():
        check_document(rendered, name, typed, result.findings)
    if not result.ok:
        return result
    check_documents(documents, report, prepared.economy or compute_economy(report),
                    result.findings)
    files = {name: rendered.data for name, rendered in documents.items()}
    if not options.fast:
        files = office_pass(files, [report_file_name(report)], options.pdf, result, progress)
    # all made and checked before any is written, and written all or none
    try:
        write_all_or_none({options.out_dir / name: data for name, data in files.items()})
    except OutputError as exc:
        raise OutputError(f"{exc} Utmappen anges med -o.") from exc
    result.written.extend(options.out_dir / name for name in files)
    return result


def example_context():
    """The context of the shipped example, for checking templates and listing variables."""
    from ..compute.context import build_context

    findings = Findings()
    prepared = prepare(EXAMPLE_DIR, findings)
    if prepared is None or has_errors(findings):
        raise OutputError(f"Exempelmappen {EXAMPLE_DIR} saknas eller har fel; den behövs för "
                          f"att prova mallarna.")
    context = build_context(prepared.report, prepared.economy, memo_date=dt.date(2025, 9, 18))
    write_formulations(context, None, findings)
    return context


def variables_doc() -> str:
    """Every variable and filter a template can use, in Markdown (`templates vars`)."""
    from ..verify.templates import variables_markdown

    return variables_markdown(example_context())


def folder_context(folder: Path, findings: Findings):
    """The context of the kommun's own report folder, for checking its templates against its
    own data (its Text sections, its verksamheter); None when the folder itself has errors."""
    from ..compute.context import build_context

    prepared = prepare(folder, findings)
    if prepared is None or has_errors(findings):
        return None
    moment = document_moment(prepared.report, None)
    return build_context(prepared.report, prepared.economy,
                         memo_date=moment.date() if moment else "")


def run_template_check(target: Path | None, against: Path | None = None) -> RunResult:
    """Each template tried against the example, or against the report folder `against`, with
    the wording merged as `report --mallar` merges it. The report folder's own findings are
    kept apart (`data_findings`): they are the economists' to fix, not the kansli's."""
    from ..render.wording import WORDING_FILE
    from ..verify.templates import (StandIns, check_template, check_wording, stand_in_findings,
                                    template_targets)

    result = RunResult()
    documents, own_wording = template_targets(target, TEMPLATES_DIR, result.findings,
                                              result.notes)
    if not documents and own_wording is None:
        return result
    if against is None:
        context = example_context()
        stand_ins = StandIns.install(context)
    else:
        context, stand_ins = folder_context(against, result.data_findings), None
        if context is None:
            return result  # the folder's own findings say what to fix first
    default_wording = TEMPLATES_DIR / WORDING_FILE
    wording = [default_wording] + ([own_wording] if own_wording is not None
                                   and own_wording.resolve() != default_wording.resolve() else [])
    # written into the context in one pass, those that fail empty
    formulations, _ = check_wording(wording, context, result.findings)
    stand_in_findings(stand_ins, [(f.file, "tabell", f"rad {f.row} ({f.name})", f.source)
                                  for f in formulations], result.findings)
    # the documents' names as a report names them (the report's title left out)
    named = document_names(documents, lambda path: "" if is_report_template(path) else
                           safe_file_name(document_label(path)), result.findings)
    for path in named.values():
        check_template(path, context, result.findings, stand_ins)
    return result


def run_validate(folder: Path) -> RunResult:
    result = RunResult()
    load_and_validate(folder, result.findings)
    return result
