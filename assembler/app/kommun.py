"""`assemble kommun`: every nämnd's report folder and the kommun workbook in one pass, then the
kommun's own report at UT/ and each nämnd's own report in UT/<mapp>/, all or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..contract.findings import (Finding, Findings, TemplatePart, has_errors, M05_MALL_SAKNAS,
                                 R01_MAPP)
from ..contract.kommun import NAMNDER, KommunBook, NamndEntry, NamndFolder
from ..contract.model import Report
from .files import MAX_NAME_BYTES, OutputError, safe_file_name, shortened, write_all_or_none
from .progress import SILENT, Progress
from .report import (RunResult, _render_one, document_moment, finished_pdf, input_strings,
                     prepare, refuse_pdf_without_office, report_file_name)
from .resources import templates_dir

KOMMUN_TEMPLATES = templates_dir() / "kommun"
KOMMUN_TEMPLATE = "rapport.docx"
TRACE_FILE = "spårbarhet.csv"
SENTENCES = ("resultatmening", "balanskravsmening", "driftmening")  # formulations → context
TRACE_HEADERS = ["Tabell", "Rad", "Kolumn", "Värde (tkr)", "Nämnd", "Arbetsbok", "Blad", "Celler",
                 "Beräkning"]


@dataclass
class PreparedKommun:
    book: KommunBook | None
    folders: list[NamndFolder] = field(default_factory=list)
    documents: dict[str, dict[str, bytes]] = field(default_factory=dict)  # by mapp


@dataclass
class NamndRun:
    """One nämnd folder's own run, as a worker process hands it back: its findings (located in
    its folder), its report model, whether the model is whole, and its documents."""

    findings: list[Finding]
    report: Report | None
    whole: bool
    documents: dict[str, bytes] = field(default_factory=dict)


def run_namnd(folder: str, date: dt.date | None, render: bool) -> NamndRun:
    """read → validate → compute → render → verify for one nämnd, exactly as `assemble report`
    does (its documents only when it has no errors); runs in a worker process."""
    own = Findings()
    prepared = prepare(Path(folder), own)
    if prepared is None:
        return NamndRun(list(own), None, False)
    whole = prepared.economy is not None
    documents = namnd_documents(prepared, date, own) if render and whole and \
        not has_errors(own) else {}
    return NamndRun(list(own), prepared.report, whole, documents)


PARALLEL_FROM = 3  # nämnder: fewer are done in this process (a worker costs its start)


def run_namnder(paths: list[Path], date: dt.date | None, render: bool,
                progress: Progress = SILENT) -> list[NamndRun]:
    """Every nämnd's run, in worker processes (one per core) when there are several."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [run_namnd(str(path), date, render) for path in paths]
    progress.step(f"Gör {len(paths)} nämnder i {workers} processer")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_namnd, map(str, paths), [date] * len(paths),
                             [render] * len(paths)))


def is_kommun_folder(folder: Path) -> bool:
    from ..read.kommun import is_kommun_folder as check

    return check(folder)


def prefixed(finding: Finding, mapp: str) -> Finding:
    """A nämnd's finding located in the kommun folder: `Mapp/Bok.xlsx › Ekonomi › D3`."""
    return finding.in_file(f"{mapp}/{finding.file}" if finding.file else mapp)


def prepare_kommun(folder: Path, findings: Findings, progress: Progress = SILENT,
                   render: bool = False, date: dt.date | None = None) -> PreparedKommun:
    """Every nämnd folder and the kommun workbook read, validated and computed (with `render`,
    each nämnd's own documents made too); the checks across nämnder after."""
    from ..read.kommun import read_kommun_book, report_subfolders
    from ..validate.kommun import validate_kommun

    if not folder.is_dir():
        findings.add(R01_MAPP, found=str(folder))
        return PreparedKommun(None)
    progress.step(f"Läser kommunens arbetsbok i {folder}")
    book = read_kommun_book(folder, findings)
    subfolders = [p.name for p in report_subfolders(folder)]
    if book is None:
        return PreparedKommun(None)
    from ..compute.economy import compute_economy

    prepared = PreparedKommun(book)
    taken: dict[str, NamndEntry] = {}
    for entry in book.namnder:
        if entry.mapp.casefold() not in taken and (folder / entry.mapp).is_dir():
            taken[entry.mapp.casefold()] = entry  # the folder checks report the others
    entries = list(taken.values())
    progress.step(f"Kontrollerar {len(entries)} nämnder")
    runs = run_namnder([folder / e.mapp for e in entries], date, render, progress)
    for entry, run in zip(entries, runs, strict=False):
        findings.extend(prefixed(f, entry.mapp) for f in run.findings)
        economy = compute_economy(run.report) if run.whole and run.report else None
        prepared.folders.append(NamndFolder(entry, run.report, economy))
        prepared.documents[entry.mapp] = run.documents
    validate_kommun(book, subfolders, [(f.entry, f.report, f.economy is not None)
                                       for f in prepared.folders], findings)
    return prepared


def run_kommun_validate(folder: Path) -> RunResult:
    result = RunResult()
    prepare_kommun(folder, result.findings)
    return result


def kommun_file_name(book: KommunBook) -> str:
    info = book.info
    return shortened(safe_file_name(f"{info.rapporttitel} {info.ar} – {info.kommun}"),
                     MAX_NAME_BYTES - len(".docx")) + ".docx"


def trace_csv(trace) -> bytes:
    """spårbarhet.csv as Excel opens it in Swedish: semicolons, UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TRACE_HEADERS)
    for line in trace:
        writer.writerow([line.table, line.row, line.column, line.value, line.namnd,
                         line.workbooks, line.sheet, line.cells, line.formula])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def kommun_template(templates: Path | None) -> Path:
    own = templates / KOMMUN_TEMPLATE if templates is not None else None
    return own if own is not None and own.is_file() else KOMMUN_TEMPLATES / KOMMUN_TEMPLATE


def write_kommun_formulations(context, templates: Path | None, findings: Findings) -> bool:
    """The kommun's sentences in the words of templates/kommun/formuleringar.docx (a template
    folder's own replaces the rows it names). A row that cannot be written is a finding by its
    table row, never an internal error."""
    from ..render.sandbox import sandbox_environment
    from ..render.wording import apply_formulations, load_formulations, wording_files
    from ..verify.templates import check_wording

    try:
        apply_formulations(context, load_formulations(KOMMUN_TEMPLATES, templates),
                           sandbox_environment(autoescape=False))
    except Exception:
        before = len(findings)
        check_wording(wording_files(KOMMUN_TEMPLATES, templates), context, findings)
        if len(findings) == before:
            raise
        return False
    for name in SENTENCES:
        setattr(context, name, context.formulering.get(name, ""))
    return True


def kommun_context(folder: Path, findings: Findings):
    """The kommun report's context of a kommun folder; None when the folder has errors."""
    from ..compute.kommun import compute_kommun

    prepared = prepare_kommun(folder, findings)
    if prepared.book is None or has_errors(findings):
        return None
    names = {f.entry.mapp: report_file_name(f.report) for f in prepared.folders if f.report}
    return compute_kommun(prepared.book, prepared.folders, names).context


def run_kommun_template_check(target: Path | None, against: Path | None = None) -> RunResult:
    """The kommun's templates (templates/kommun/, or `target`) tried against the example kommun,
    or against the kommun folder `against`."""
    from ..verify.templates import check_files, template_files
    from .resources import kommun_example_dir

    result = RunResult()
    files = template_files(target, KOMMUN_TEMPLATES, result.findings)
    if not files:
        return result
    context = kommun_context(against or kommun_example_dir(), result.findings)
    if context is None:
        return result
    own = target if target is not None and target.is_dir() else None
    write_kommun_formulations(context, own, result.findings)
    check_files(files, context, KOMMUN_TEMPLATES, result.findings)
    return result


def kommun_variables_doc() -> str:
    """Every variable the kommun's templates can use, in Markdown (`templates vars --kommun`)."""
    from ..compute.kommun import KommunContext
    from ..contract.doc import markdown_lines
    from ..verify.templates import variable_rows
    from .resources import kommun_example_dir

    findings = Findings()
    context = kommun_context(kommun_example_dir(), findings)
    if context is None:
        raise OutputError(f"Exempelkommunen {kommun_example_dir()} saknas eller har fel.")
    write_kommun_formulations(context, None, findings)
    rows = [list(row) for row in variable_rows(KommunContext, context) if row[2]]
    return "\n".join([
        "# Kommunens mallvariabler", "",
        "Alla variabler som kommunens mallar i `templates/kommun/` kan använda, genererade från "
        "verktygets kontextmodell (`assemble templates vars --kommun`). Exemplen kommer från "
        "`inputs/kommun/`. Filtren är desamma som i nämndernas mallar (docs/mallvariabler.md).",
        "", *markdown_lines(["Variabel", "Typ", "Beskrivning", "Exempel"], rows)]) + "\n"


def namnd_documents(prepared, date: dt.date | None, findings: Findings) -> dict[str, bytes]:
    """One nämnd's own report and memo, exactly as `assemble report` makes and checks them;
    plain bytes, to cross from a worker process."""
    from ..verify.output import check_document
    from .report import render_documents

    report = prepared.report
    documents = render_documents(report, None, document_moment(report, date), prepared.economy,
                                 findings)
    typed = input_strings(report.model_dump())
    for name, data in documents.items():
        check_document(data, name, typed, findings)
    return {} if has_errors(findings) else {name: bytes(data) for name, data in documents.items()}


def kommun_document(prepared: PreparedKommun, templates: Path | None, date: dt.date | None,
                    report_names: dict[str, str], result: RunResult) -> dict[str, bytes]:
    from ..compute.kommun import compute_kommun
    from ..verify.output import check_document

    book = prepared.book
    assert book is not None
    computed = compute_kommun(book, prepared.folders, report_names)
    context = computed.context
    if not write_kommun_formulations(context, templates, result.findings):
        return {}
    info = book.info
    chosen = date or info.beslutsdatum
    moment = dt.datetime.combine(chosen, dt.time(12, 0)) if chosen else None
    name = kommun_file_name(book)
    title = f"{info.rapporttitel} {info.ar} – {info.kommun}"
    data = _render_one(kommun_template(templates), context, result.findings, title=title,
                       subject=info.kommun, author=info.forvaltning or info.kommun,
                       moment=moment)
    if data is None:
        return {}
    typed = [*book.texts.values(), *(n.name for n in book.namnder),
             *(f.report.text("Sammanfattande bedömning") for f in prepared.folders if f.report)]
    check_document(data, name, typed, result.findings)
    return {name: data, TRACE_FILE: trace_csv(computed.trace)}


def run_kommun(folder: Path, out_dir: Path, templates: Path | None = None,
               date: dt.date | None = None, pdf: bool = False, fast: bool = False,
               progress: Progress = SILENT) -> RunResult:
    result = RunResult()
    refuse_pdf_without_office(pdf, fast)
    if templates is not None and not templates.is_dir():
        result.findings.add(M05_MALL_SAKNAS, TemplatePart(templates.name),
                            found=f"Mallmappen {templates} finns inte")
        return result
    prepared = prepare_kommun(folder, result.findings, progress, render=True, date=date)
    if prepared.book is None or not result.ok:
        return result
    files: dict[Path, bytes] = {}
    report_names = {}
    reports: list[Path] = []
    for nämnd in prepared.folders:
        assert nämnd.report is not None
        name = report_names[nämnd.entry.mapp] = report_file_name(nämnd.report)
        target = out_dir / safe_file_name(nämnd.entry.mapp)
        files.update({target / n: data for n, data in prepared.documents[nämnd.entry.mapp].items()})
        reports.append(target / name)
    result.notes.extend(memo_date_notes(prepared, date))
    progress.step("Skriver kommunens rapport")
    documents = kommun_document(prepared, templates, date, report_names, result)
    if not result.ok or not documents:
        return result
    files.update({out_dir / n: data for n, data in documents.items()})
    reports.append(out_dir / kommun_file_name(prepared.book))
    if not fast:
        files = office_pass_all(files, reports, pdf, result, progress)
    write_all_or_none(files)
    result.written.extend(files)
    return result


def memo_date_notes(prepared: PreparedKommun, date: dt.date | None) -> list[str]:
    """`assemble report`'s note on the tjänsteskrivelse's date, once per wording, naming the
    nämnder it concerns."""
    from .report import memo_date_note

    by_note: dict[str, list[str]] = {}
    for nämnd in prepared.folders:
        memo = any(n.startswith("Tjänsteskrivelse") for n in prepared.documents[nämnd.entry.mapp])
        if memo and nämnd.report is not None and (note := memo_date_note(nämnd.report, date)):
            by_note.setdefault(note, []).append(nämnd.entry.name)
    return [f"{', '.join(names)}: {note}" for note, names in by_note.items()]


def office_pass_all(files: dict[Path, bytes], reports: list[Path], pdf: bool,
                    result: RunResult, progress: Progress = SILENT) -> dict[Path, bytes]:
    """The LibreOffice steps for every document of the run in one start of LibreOffice (one
    more with --pdf for the reports whose page numbers changed): TOC page numbers in each
    report, and PDFs when asked."""
    from ..render.document import with_toc_pages
    from ..render.office import Office, OfficeError, find_soffice, heading_pages

    if find_soffice() is None:
        result.notes.append("LibreOffice hittades inte: innehållsförteckningarna saknar "
                            "sidnummer tills dokumenten uppdateras i Word (F9).")
        return files
    chosen = [p for p in files if p.suffix == ".docx" and (pdf or p in reports)]
    done = dict(files)
    try:
        with Office() as office:
            progress.step(f"LibreOffice läser {len(chosen)} dokument")
            first = office.to_pdfs({str(p): files[p] for p in chosen})
            changed = {}
            for path in reports:
                done[path] = with_toc_pages(
                    files[path], lambda entries, key=str(path): heading_pages(first[key], entries))
                if done[path] != files[path]:
                    changed[str(path)] = done[path]
            if pdf:
                if changed:
                    progress.step(f"LibreOffice skriver om {len(changed)} PDF med sidnummer")
                    first.update(office.to_pdfs(changed))
                done.update({Path(key).with_suffix(".pdf"): finished_pdf(data, done[Path(key)])
                             for key, data in first.items()})
    except OfficeError as exc:
        if pdf:
            raise OutputError(str(exc)) from exc
        result.notes.append(f"{exc} Innehållsförteckningarna saknar sidnummer.")
        return files
    return done


def init_kommun(folder: Path, example: bool = False) -> list[Path]:
    """An empty kommun workbook with every sheet of the contract, dropdowns and instructions;
    or, with `example`, the shipped example kommun (the one in inputs/kommun/)."""
    if example:
        from .init import _write_new
        from .resources import kommun_example_dir

        source = kommun_example_dir()
        return _write_new(folder, {folder / p.relative_to(source): p.read_bytes()
                                   for p in sorted(source.rglob("*.xlsx"))})
    from ..contract.kommun import KOMMUN, KOMMUN_SHEETS
    from ..contract.model import ReportType
    from .init import _column_sheets, _fields_sheet, _save, _write_new, starter_sheet

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    kind = ReportType.INTERIM_2
    year = dt.date.today().year
    workbook = Workbook()
    first = workbook.active
    first.title = KOMMUN.title
    _fields_sheet(first, KOMMUN, {"rapporttyp": kind.value, "ar": year})
    _column_sheets(workbook, [starter_sheet(s, kind, year) for s in KOMMUN_SHEETS
                              if not s.fields])
    ws = workbook.create_sheet("Instruktioner", 0)
    ws.column_dimensions["A"].width = 110
    for row, line in enumerate(KOMMUN_INSTRUCTIONS, start=1):
        cell = ws.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    return _write_new(folder, {folder / "Kommunen.xlsx": _save(workbook)})


RAM = NAMNDER.column("budget_helar").header
KOMMUN_INSTRUCTIONS = [
    "Så fyller du i kommunens arbetsbok",
    "",
    "Kommunmappen innehåller den här arbetsboken och en undermapp per nämnd. Varje undermapp är "
    "en vanlig rapportmapp (nämndens arbetsbok och en per verksamhet).",
    "Kommun: År, Rapporttyp och Period till och med ska vara desamma som i nämndernas "
    "rapporter.",
    f"Nämnder: en rad per nämnd med nämndens namn, undermappens namn (Mapp) och fullmäktiges "
    f"ram ({RAM}, som nettokostnad: negativ). Ramen ska vara nämndens egen {RAM}.",
    "Finansiering: skatteintäkter, generella statsbidrag och utjämning, finansiella intäkter "
    "och kostnader och gemensamma poster, med Grupp som säger var i resultaträkningen raden "
    "står. Balanskravsjusteringar ger balanskravsutredningen.",
    "Balansräkning, Finansiella mål, Verksamhetsmål och Text: det som förvaltningsberättelsen "
    "och balansräkningen behöver.",
    "Belopp anges i tkr med tecken: intäkter positiva, kostnader negativa.",
    "",
    "Kontrollera mappen med: assemble validate KOMMUNMAPP",
    "Skriv rapporterna med: assemble kommun KOMMUNMAPP -o UTMAPP",
]
