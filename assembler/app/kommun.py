"""`assemble kommun`: every nämnd's report folder and the kommun workbook in one pass, then the
kommun's own report at UT/ and each nämnd's own report in UT/<mapp>/, all or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..contract.amounts import Amount
from ..contract.findings import (M05_MALL_SAKNAS, R01_MAPP, Finding, Findings, TemplatePart,
                                 has_errors)
from ..contract.kommun import NAMNDER, KommunBook, NamndEntry, NamndFolder
from ..contract.checked import model_dump
from ..contract.model import Report
from ..contract.vocab import normalize
from ..compute.kommun import KommunResult
from .files import MAX_NAME_BYTES, OutputError, safe_file_name, shortened, write_all_or_none
from .options import RunOptions
from .progress import SILENT, Progress
from .report import (RunResult, _render_one, document_moment, input_strings, office_pass, prepare,
                     refuse_pdf_without_office, report_file_name)
from .resources import templates_dir

KOMMUN_TEMPLATES = templates_dir() / "kommun"
KOMMUN_TEMPLATE = "rapport.docx"
TRACE_FILE = "spårbarhet.csv"
SENTENCES = ("resultatmening", "balanskravsmening", "driftmening")  # formulations → context
TRACE_HEADERS = ["Tabell", "Rad", "Kolumn", "Värde", "Enhet", "Nämnd", "Arbetsbok", "Blad",
                 "Celler", "Beräkning"]


@dataclass
class PreparedKommun:
    book: KommunBook | None
    folders: list[NamndFolder] = field(default_factory=list)
    documents: dict[str, dict[str, bytes]] = field(default_factory=dict)  # by mapp
    computed: KommunResult | None = None  # the kommun's report, when every nämnd is whole


@dataclass
class NamndRun:
    """One nämnd folder's own run, as a worker process hands it back: its findings (located in
    its folder), its report model, whether the model is whole, and its documents."""

    findings: list[Finding]
    report: Report | None
    whole: bool
    documents: dict[str, bytes] = field(default_factory=dict)


def run_namnd(folder: str, date: dt.date | None, render: bool,
              templates: Path | None = None) -> NamndRun:
    """read → validate → compute → render → verify for one nämnd, exactly as `assemble report
    --mallar templates` does (its documents only when it has no errors); runs in a worker
    process."""
    from .report import MEMO_WITHOUT_ARENDET, makes_memo

    own = Findings()
    prepared = prepare(Path(folder), own)
    if not makes_memo(templates):  # no tjänsteskrivelse: its missing Ärendet is no matter
        own[:] = [f for f in own if f.rule is not MEMO_WITHOUT_ARENDET]
    if prepared is None:
        return NamndRun(list(own), None, False)
    whole = prepared.economy is not None
    documents = namnd_documents(prepared, date, own, templates) if render and whole and \
        not has_errors(own) else {}
    return NamndRun(list(own), prepared.report, whole, documents)


PARALLEL_FROM = 3  # nämnder: fewer are done in this process (a worker costs its start)


def run_namnder(paths: list[Path], date: dt.date | None, render: bool,
                progress: Progress = SILENT,
                templates: list[Path | None] | None = None) -> list[NamndRun]:
    """Every nämnd's run, in worker processes (one per core) when there are several;
    `templates`: each nämnd's template folder (None: the shipped templates)."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    chosen = templates or [None] * len(paths)
    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [run_namnd(str(path), date, render, t) for path, t in zip(paths, chosen,
                                                                          strict=True)]
    progress.step(f"Gör {len(paths)} nämnder i {workers} processer")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_namnd, map(str, paths), [date] * len(paths),
                             [render] * len(paths), chosen))


NAMND_TEMPLATES = "nämnder"  # in the kommun's template folder: the nämnder's template sets


def _subfolder(folder: Path, name: str) -> Path | None:
    """`folder`'s subfolder `name`, as Windows and macOS match names (case, NFC)."""
    import unicodedata

    def key(text: str) -> str:
        return unicodedata.normalize("NFC", text).casefold()

    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.iterdir()) if p.is_dir() and key(p.name) == key(name)),
                None)


def has_own_files(folder: Path) -> bool:
    return any(p.is_file() and not p.name.startswith((".", "~$")) for p in folder.iterdir())


def namnd_templates(templates: Path | None, mapp: str) -> Path | None:
    """One nämnd's template folder under the kommun's `--mallar MALLMAPP`: MALLMAPP/nämnder/<Mapp>/
    when the kansli keeps a set for that nämnd, else MALLMAPP/nämnder/ when it holds templates
    of its own (every nämnd's), else None: the shipped templates. Each is read as
    `assemble report --mallar` reads a folder."""
    common = _subfolder(templates, NAMND_TEMPLATES) if templates is not None else None
    if common is None:
        return None
    return _subfolder(common, mapp) or (common if has_own_files(common) else None)


def prefixed(finding: Finding, mapp: str) -> Finding:
    """A nämnd's finding located in the kommun folder: `Mapp/Bok.xlsx › Ekonomi › D3`."""
    return finding.in_file(f"{mapp}/{finding.file}" if finding.file else mapp)


def prepare_kommun(folder: Path, findings: Findings, progress: Progress = SILENT,
                   render: bool = False, date: dt.date | None = None,
                   templates: Path | None = None) -> PreparedKommun:
    """Every nämnd folder and the kommun workbook read, validated and computed (with `render`,
    each nämnd's own documents made too); the checks across nämnder after."""
    from ..compute.kommun import compute_kommun
    from ..read.kommun import read_kommun_book, report_subfolders
    from ..validate.kommun import check_cash_flow, validate_kommun

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
    # a Mapp is its folder as the folder checks match them (case, Unicode form, spaces): the
    # folder `Kultur- och fritidsnämnden` in NFD was left out of the kommun's totals, silently
    by_key = {normalize(p.name): p for p in sorted(p for p in folder.iterdir() if p.is_dir())}
    taken: dict[str, tuple[NamndEntry, Path]] = {}
    for entry in book.namnder:
        key = normalize(entry.mapp)
        if key not in taken and key in by_key:
            taken[key] = (entry, by_key[key])  # the folder checks report the others
    entries = [entry for entry, _ in taken.values()]
    progress.step(f"Kontrollerar {len(entries)} nämnder")
    runs = run_namnder([path for _, path in taken.values()], date, render, progress,
                       [namnd_templates(templates, e.mapp) for e in entries])
    for entry, run in zip(entries, runs, strict=False):
        findings.extend(prefixed(f, entry.mapp) for f in run.findings)
        economy = compute_economy(run.report) if run.whole and run.report else None
        prepared.folders.append(NamndFolder(entry, run.report, economy))
        prepared.documents[entry.mapp] = run.documents
    validate_kommun(book, subfolders, [(f.entry, f.report, f.economy is not None)
                                       for f in prepared.folders], findings)
    if not has_errors(findings):
        prepared.computed = computed = compute_kommun(book, prepared.folders, {
            f.entry.mapp: report_file_name(f.report) for f in prepared.folders if f.report})
        check_cash_flow(book, computed.result, computed.cash_flow, computed.cash_flow_field,
                        findings)
    return prepared


def run_kommun_validate(folder: Path) -> RunResult:
    result = RunResult()
    prepare_kommun(folder, result.findings)
    return result


def kommun_file_name(book: KommunBook) -> str:
    info = book.info
    kommun = safe_file_name(info.kommun)  # `...` alone leaves nothing: no dangling `–`
    name = safe_file_name(f"{info.rapporttitel} {info.ar}" + (f" – {kommun}" if kommun else ""))
    return shortened(name, MAX_NAME_BYTES - len(".docx")) + ".docx"


def trace_csv(computed: KommunResult) -> bytes:
    """spårbarhet.csv as Excel opens it in Swedish: semicolons, UTF-8 with a BOM; every figure
    as the report prints it, in the unit of its tables (Belopp i tabeller), said on each row."""
    from ..contract import fmt

    unit = computed.unit
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TRACE_HEADERS)
    for line in computed.trace:
        value = fmt.tkr(line.value) if unit == "tkr" else fmt.number_str(
            fmt.shown_value(line.value, unit), fmt.unit_decimals(unit))
        writer.writerow([line.table, line.row, line.column, value, unit, line.namnd,
                         line.workbooks, line.sheet, line.cells, line.formula])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def kommun_template(templates: Path | None) -> Path:
    own = templates / KOMMUN_TEMPLATE if templates is not None else None
    return own if own is not None and own.is_file() else KOMMUN_TEMPLATES / KOMMUN_TEMPLATE


def write_kommun_formulations(context, templates: Path | None, findings: Findings) -> bool:
    """The kommun's sentences in the words of templates/kommun/formuleringar.docx (a template
    folder's own replaces the rows it names). A row that cannot be written is a finding by its
    table row, never an internal error."""
    from ..render.wording import wording_files
    from ..verify.templates import check_wording

    before = len(findings)
    check_wording(wording_files(KOMMUN_TEMPLATES, templates), context, findings)
    if len(findings) != before:
        return False
    for name in SENTENCES:
        setattr(context, name, context.formulering.get(name, ""))
    return True


def kommun_context(folder: Path, findings: Findings):
    """The kommun report's context of a kommun folder; None when the folder has errors."""
    prepared = prepare_kommun(folder, findings)
    if prepared.computed is None or has_errors(findings):
        return None
    return prepared.computed.context


def run_kommun_template_check(target: Path | None, against: Path | None = None) -> RunResult:
    """The kommun's templates (templates/kommun/, or `target`) tried against the example kommun,
    or against the kommun folder `against`; and the nämnder's template sets in
    `target`/nämnder/, each as `templates check` tries a nämnd's set."""
    from ..verify.templates import check_files, template_files
    from .resources import kommun_example_dir

    result = RunResult()
    if target is not None and target.is_dir():
        check_namnd_sets(target, against or kommun_example_dir(), result)
        if not has_own_files(target) and _subfolder(target, NAMND_TEMPLATES) is not None:
            return result  # the nämnder's templates only: the kommun's report keeps its own
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


def check_namnd_sets(target: Path, kommun: Path, result: RunResult) -> None:
    """Each template set under `target`/nämnder/ tried as `templates check --mot` tries it: a
    nämnd's own set (a subfolder named as its Mapp) against that nämnd's folder in `kommun`,
    the common set against the example nämnd. Findings are located in the set's folder."""
    from .report import run_template_check

    common = _subfolder(target, NAMND_TEMPLATES)
    if common is None:
        return
    sets: list[tuple[Path, Path | None]] = [(common, None)] if has_own_files(common) else []
    for folder in sorted(p for p in common.iterdir() if p.is_dir() and not p.name.startswith(".")):
        nämnd = _subfolder(kommun, folder.name)
        if nämnd is None:
            result.notes.append(f"Mallmappen {folder} har samma namn som ingen nämnds mapp i "
                                f"{kommun} och används inte. Döp den som nämndens Mapp.")
            continue
        sets.append((folder, nämnd))
    for folder, nämnd in sets:
        checked = run_template_check(folder, nämnd)
        where = folder.relative_to(target).as_posix()
        result.findings.extend(prefixed(f, where) for f in checked.findings)
        result.notes.extend(checked.notes)


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


def namnd_documents(prepared, date: dt.date | None, findings: Findings,
                    templates: Path | None = None) -> dict[str, bytes]:
    """One nämnd's own report and memo, exactly as `assemble report` makes and checks them;
    plain bytes, to cross from a worker process."""
    from ..verify.output import check_document
    from .report import render_documents

    report = prepared.report
    documents = render_documents(report, templates, document_moment(report, date),
                                 prepared.economy, findings)
    typed = input_strings(model_dump(report))
    for name, rendered in documents.items():
        check_document(rendered, name, typed, findings)
    return {} if has_errors(findings) else {name: r.data for name, r in documents.items()}


def kommun_document(prepared: PreparedKommun, templates: Path | None, date: dt.date | None,
                    result: RunResult) -> dict[str, bytes]:
    from ..verify.output import check_document

    book, computed = prepared.book, prepared.computed
    assert book is not None and computed is not None
    context = computed.context
    if not write_kommun_formulations(context, templates, result.findings):
        return {}
    info = book.info
    chosen = date or info.beslutsdatum
    moment = dt.datetime.combine(chosen, dt.time(12, 0)) if chosen else None
    name = kommun_file_name(book)
    title = f"{info.rapporttitel} {info.ar} – {info.kommun}"
    rendered = _render_one(kommun_template(templates), context, result.findings, title=title,
                           subject=info.kommun, author=info.forvaltning or info.kommun,
                           moment=moment)
    if rendered is None:
        return {}
    typed = [*book.texts.values(), *(n.name for n in book.namnder),
             *(f.report.text("Sammanfattande bedömning") for f in prepared.folders if f.report)]
    check_document(rendered, name, typed, result.findings)
    return {name: rendered.data, TRACE_FILE: trace_csv(computed)}


def run_kommun(folder: Path, options: RunOptions, progress: Progress = SILENT) -> RunResult:
    out_dir, templates, date = options.out_dir, options.templates, options.date
    result = RunResult()
    refuse_pdf_without_office(options.pdf, options.fast)
    if templates is not None and not templates.is_dir():
        result.findings.add(M05_MALL_SAKNAS, TemplatePart(templates.name),
                            found=f"Mallmappen {templates} finns inte")
        return result
    prepared = prepare_kommun(folder, result.findings, progress, render=True, date=date,
                              templates=templates)
    if prepared.book is None or prepared.computed is None or not result.ok:
        return result
    files: dict[Path, bytes] = {}
    reports: list[Path] = []
    for nämnd in prepared.folders:
        assert nämnd.report is not None
        name = report_file_name(nämnd.report)
        target = out_dir / safe_file_name(nämnd.entry.mapp)
        files.update({target / n: data for n, data in prepared.documents[nämnd.entry.mapp].items()})
        reports.append(target / name)
    result.notes.extend(memo_date_notes(prepared, date))
    progress.step("Skriver kommunens rapport")
    documents = kommun_document(prepared, templates, date, result)
    if not result.ok or not documents:
        return result
    files.update({out_dir / n: data for n, data in documents.items()})
    reports.append(out_dir / kommun_file_name(prepared.book))
    if not options.fast:
        done = office_pass({str(p): data for p, data in files.items()}, list(map(str, reports)),
                           options.pdf, result, progress)
        files = {Path(key): data for key, data in done.items()}
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


RAM = NAMNDER.column(Amount.BUDGET_HELAR).header
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
    "Kassaflöde: kassaflödesanalysen. Raden Årets resultat ska vara resultaträkningens, och "
    "kassaflödet förändringen av balansräkningens rad Kassa och bank.",
    "Noter: en rad per specifikationsrad, med notens nummer i kolumnen Not. En rad i "
    "Finansiering eller Balansräkning hänvisar till noten med numret i sin kolumn Not.",
    "Belopp anges i tkr med tecken: intäkter positiva, kostnader negativa.",
    "",
    "Kontrollera mappen med: assemble validate KOMMUNMAPP",
    "Skriv rapporterna med: assemble kommun KOMMUNMAPP -o UTMAPP",
]
