"""Read: a kommun folder → its kommun workbook (the one with the sheet `Kommun`) and the
subfolders that hold the nämnder's report folders. Each nämnd folder is read as any report
folder (`folder.load_report`)."""

from __future__ import annotations

from pathlib import Path

from . import cells
from ..contract.amounts import Amount
from ..contract.findings import (Findings, K01_INGEN_KOMMUNBOK, K01_TVA_KOMMUNBOK, R01_BLAD_SAKNAS,
                                 R01_FALT_SAKNAS)
from ..contract.kommun import (BALANSRAKNING, FINANSIELLA_MAL, FINANSIERING, KASSAFLODE,
                               KOMMUN, KOMMUN_SHEETS, KOMMUN_TEXT, NAMNDER, NOTER, VERKSAMHETSMAL,
                               AmountLine, Assessment, BalanceGroup, CashFlowGroup,
                               FinancingGroup, GoalLine, KommunBook, KommunInfo, NamndEntry,
                               NoteLine, kommun_title)
from ..contract.model import ReportType, Source
from ..contract.sheets import Sheet, kind_of
from .kind import is_kommun_book
from .load import FieldReader, SheetReader, read_texts, sheets_present
from .workbook import RawSheet, RawWorkbook, normalize, read_workbook, workbook_paths

KOMMUN_KEYS = {normalize(sheet.title) for sheet in KOMMUN_SHEETS}


def report_subfolders(folder: Path) -> list[Path]:
    """The subfolders that hold workbooks: the nämnder's report folders, by name."""
    return sorted((p for p in folder.iterdir()
                   if p.is_dir() and not p.name.startswith((".", "~$"))
                   and any(x.suffix.lower() == ".xlsx" for x in p.iterdir())),
                  key=lambda p: p.name)


def read_kommun_book(folder: Path, findings: Findings) -> KommunBook | None:
    paths = [p for p in workbook_paths(folder, findings) if is_kommun_book(p)]
    if not paths:
        findings.add(K01_INGEN_KOMMUNBOK)
        return None
    if len(paths) > 1:
        findings.add(K01_TVA_KOMMUNBOK, found=", ".join(p.name for p in paths))
        return None
    book = read_workbook(paths[0], findings, lambda key: key in KOMMUN_KEYS)
    return kommun_from_workbook(book, findings) if book is not None else None


def kommun_from_workbook(book: RawWorkbook, findings: Findings) -> KommunBook | None:
    info = read_kommun_info(book.sheet(KOMMUN.title), book.name, findings)
    for declared in (NAMNDER, FINANSIERING):
        if book.sheet(declared.title) is None:
            findings.add(R01_BLAD_SAKNAS, file=book.name, expected=declared.title,
                         found=sheets_present(book))
    if info is None:
        return None
    kind = kind_of(info.rapporttyp)
    texts, sources = read_texts(book.sheet(KOMMUN_TEXT.title), findings)
    goals = [goal for declared in (FINANSIELLA_MAL, VERKSAMHETSMAL)
             for goal in read_goals(book.sheet(declared.title), declared, info.ar, kind, findings)]
    return KommunBook(
        file=book.name, info=info,
        namnder=read_namnder(book.sheet(NAMNDER.title), info.ar, kind, findings),
        financing=read_lines(book.sheet(FINANSIERING.title), FINANSIERING, FinancingGroup,
                             info.ar, kind, findings),
        balance=read_lines(book.sheet(BALANSRAKNING.title), BALANSRAKNING, BalanceGroup,
                           info.ar, kind, findings),
        cash_flow=read_lines(book.sheet(KASSAFLODE.title), KASSAFLODE, CashFlowGroup,
                             info.ar, kind, findings),
        notes=read_notes(book.sheet(NOTER.title), info.ar, kind, findings),
        goals=goals, texts=texts, text_sources=sources,
        sheets={key for key, sheet in book.sheets.items() if sheet.rows})


def read_kommun_info(sheet: RawSheet | None, file: str, findings: Findings) -> KommunInfo | None:
    if sheet is None:
        findings.add(R01_BLAD_SAKNAS, file=file, expected=KOMMUN.title)
        return None
    f = FieldReader(sheet, findings)
    field = KOMMUN.field
    kind_text = f.read(field("rapporttyp"), required=True)
    year = f.read(field("ar"), required=True)
    kommun = f.read(field("kommun"), required=True)
    kind = ReportType(kind_text) if kind_text else None
    period = f.read(field("period_month"), required=bool(kind and not kind.is_annual))
    title = f.read(field("rapporttitel"), default=kommun_title(kind) if kind else "")
    rest = {name: f.read(field(name)) for name in ("beslutsdatum", "diarienummer",
                                                    "forvaltning", "belopp_i_tabeller")}
    if kind is None or year is None or not kommun:
        return None
    return KommunInfo(kommun=kommun, ar=year, rapporttyp=kind, rapporttitel=title,
                      period_month=12 if kind.is_annual else (period or 12),
                      beslutsdatum=rest["beslutsdatum"],
                      diarienummer=rest["diarienummer"] or "",
                      forvaltning=rest["forvaltning"] or "",
                      belopp_i_tabeller=rest["belopp_i_tabeller"] or "tkr",
                      source=Source(file=sheet.file, sheet=sheet.title, cells=f.cells))


def read_namnder(sheet: RawSheet | None, year: int, kind: str,
                 findings: Findings) -> list[NamndEntry]:
    if sheet is None:
        return []
    reader = SheetReader(sheet, NAMNDER.columns, year, kind, findings)
    entries: list[NamndEntry] = []
    for row, values in reader.rows():
        name = reader.convert(values, "name", cells.text)
        mapp = reader.convert(values, "mapp", cells.text)
        if not name:
            continue
        if not mapp:
            reader.add(R01_FALT_SAKNAS, f"B{row}", expected=NAMNDER.column("mapp").header)
            continue
        amounts = {f: reader.convert(values, f, cells.amount)
                   for f in (Amount.BUDGET_HELAR, "budgetandringar", "budget_fg_delar",
                             Amount.PROGNOS_FG_DELAR)}
        if amounts[Amount.BUDGET_HELAR] is None and Amount.BUDGET_HELAR not in values:
            reader.add(R01_FALT_SAKNAS, f"C{row}",
                       expected=NAMNDER.column(Amount.BUDGET_HELAR).header)
        entries.append(NamndEntry(
            name=name, mapp=mapp, ram=amounts[Amount.BUDGET_HELAR],
            prognos_fg_delar=amounts[Amount.PROGNOS_FG_DELAR],
            ordning=reader.convert(values, "ordning", cells.integer),
            source=reader.source(row, values), andringar=amounts["budgetandringar"],
            budget_fg_delar=amounts["budget_fg_delar"]))
    return entries


def read_lines(sheet: RawSheet | None, declared: Sheet, groups, year: int, kind: str,
               findings: Findings) -> list[AmountLine]:
    if sheet is None:
        return []
    reader = SheetReader(sheet, declared.columns, year, kind, findings)
    amount_fields = [c.field for c in declared.columns if c.kind == "amount"]
    lines = []
    for row, values in reader.rows():
        name = reader.convert(values, "name", cells.text)
        group = reader.convert(values, "grupp", lambda c: cells.choice(c, groups.words()))
        if not name:
            continue
        if not group:
            if "grupp" not in values:
                reader.add(R01_FALT_SAKNAS, values["name"].coord.replace("A", "B", 1),
                           expected=declared.column("grupp").header)
            continue
        lines.append(AmountLine(name, group, _amounts(reader, values, amount_fields),
                                reader.source(row, values),
                                reader.convert(values, "note", cells.integer)))
    return lines


def _amounts(reader: SheetReader, values, amount_fields: list[str]) -> dict:
    return {f: value for f in amount_fields
            if (value := reader.convert(values, f, cells.amount)) is not None}


def read_notes(sheet: RawSheet | None, year: int, kind: str,
               findings: Findings) -> list[NoteLine]:
    """The sheet Noter: each row a line of its note's specification; a note's Rubrik is the
    first one given on its rows."""
    if sheet is None:
        return []
    reader = SheetReader(sheet, NOTER.columns, year, kind, findings)
    amount_fields = [c.field for c in NOTER.columns if c.kind == "amount"]
    lines: list[NoteLine] = []
    rubrik: dict[int, str] = {}
    for row, values in reader.rows():
        note = reader.convert(values, "note", cells.integer)
        if note is None:
            if "note" not in values:
                letter = next((k for k, c in reader.by_letter.items() if c.field == "note"), "A")
                reader.add(R01_FALT_SAKNAS, f"{letter}{row}",
                           expected=NOTER.column("note").header)
            continue
        given = reader.convert(values, "rubrik", cells.text) or ""
        if given:
            rubrik.setdefault(note, given)
        lines.append(NoteLine(note, given, reader.convert(values, "name", cells.text) or "",
                              _amounts(reader, values, amount_fields),
                              reader.source(row, values)))
    for line in lines:
        line.rubrik = rubrik.get(line.note, "")
    return lines


def read_goals(sheet: RawSheet | None, declared: Sheet, year: int, kind: str,
               findings: Findings) -> list[GoalLine]:
    if sheet is None:
        return []
    reader = SheetReader(sheet, declared.columns, year, kind, findings)
    goals = []
    for row, values in reader.rows():
        text = {f: reader.convert(values, f, cells.text) or ""
                for f in ("name", "target", "outcome", "comment")}
        assessment = reader.convert(values, "assessment",
                                    lambda c: cells.choice(c, Assessment.words())) or ""
        if text["name"]:
            goals.append(GoalLine(declared.title, text["name"], text["target"], text["outcome"],
                                  assessment, text["comment"], reader.source(row, values)))
    return goals

