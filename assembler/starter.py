"""`assemble init`: a blank report folder that already follows the input contract.

Headers are styled and frozen, amount columns formatted as numbers, closed vocabularies offered
as dropdowns, and an `Instruktioner` sheet explains the rest. Existing files are never
overwritten.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .files import OutputError, safe_file_name, write_atomic
from .model import ReportType
from .vocab import OBSERVATION_TYPES, STATUSES, TARGET_WORDS

HEADER_FILL = "DCE4EE"
FORMATTED_ROWS = 200  # rows given number formats and dropdowns in advance
AMOUNT_FORMAT = "#,##0;-#,##0"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    amount_columns: tuple[int, ...] = ()  # 1-based
    widths: tuple[int, ...] = ()
    dropdowns: tuple[tuple[int, list[str], bool], ...] = ()  # (column, values, strict)


def _yes_no():
    return ["Ja", "Nej"]


def economy_sheets(kind: ReportType, year: int) -> list[Sheet]:
    previous = year - 1
    if kind.is_annual:
        konto = ["Kontogrupp", f"Bokslut {previous}", f"Budget {previous}", "Budget helår",
                 "Utfall helår"]
        omraden = ["Verksamhetsområde", f"Bokslut {previous}", "Budget helår", "Utfall helår"]
        invest = ["Objekt", "Budget helår", "Utfall helår"]
    else:
        konto = ["Kontogrupp", f"Bokslut {previous}", f"Budget {previous}",
                 f"Utfall period {previous}", "Budget helår", "Utfall period", "Prognos helår"]
        omraden = ["Verksamhetsområde", f"Bokslut {previous}", "Utfall period", "Budget period",
                   "Budget helår", "Prognos helår"]
        invest = ["Objekt", "Budget helår", "Utfall period", "Prognos helår"]
    return [Sheet("Kontogrupper", konto, tuple(range(2, len(konto) + 1))),
            Sheet("Verksamhetsområden", omraden, tuple(range(2, len(omraden) + 1))),
            Sheet("Investeringar", invest, tuple(range(2, len(invest) + 1)))]


def ekonomi_sheet(kind: ReportType, year: int) -> Sheet:
    if kind.is_annual:
        headers = ["Enhet", f"Bokslut {year - 1}", "Budget helår", "Utfall helår", "Avvikelse",
                   "Varav"]
    else:
        headers = ["Enhet", f"Bokslut {year - 1}", "Utfall period", "Budget period",
                   "Budget helår", "Prognos helår", "Prognos fg delår", "Avvikelse", "Varav"]
    return Sheet("Ekonomi", headers, tuple(range(2, len(headers))), (34,))


def goal_sheets(kind: ReportType, year: int) -> list[Sheet]:
    current = "Utfall" if kind.is_annual else "Prognos"
    targets = list(dict.fromkeys(TARGET_WORDS.values()))
    types = list(dict.fromkeys(OBSERVATION_TYPES.values()))
    return [
        Sheet("Iakttagelser", ["Målområde", "Typ", "Iakttagelse"], widths=(12, 20, 90),
              dropdowns=((2, types, True),)),
        Sheet("Indikatorer", ["Målområde", "Grupp", "Indikator", "Enhet", f"Utfall {year - 2}",
                              f"Utfall {year - 1}", current, "Målvärde", "Kommentar"],
              widths=(12, 20, 60, 10, 12, 12, 12, 12, 50),
              dropdowns=((4, ["%", "antal", "tkr", "mnkr", "kr", "månader", "dagar", "index"],
                          False), (8, targets, False))),
        Sheet("Åtaganden", ["Målområde", "Åtagande", "Status", "Kommentar"],
              widths=(12, 60, 14, 60), dropdowns=((3, STATUSES, True),)),
    ]


def namnd_sheets(kind: ReportType, year: int) -> list[Sheet]:
    current = "Utfall" if kind.is_annual else "Prognos"
    return [
        Sheet("Beslut", ["Nr", "Beslutspunkt", "Att-sats"], widths=(6, 80, 60)),
        Sheet("Beslutsunderlag", ["Dokument", "Diarienummer"], widths=(60, 20)),
        Sheet("Text", ["Avsnitt", "Text"], widths=(34, 100)),
        Sheet("Målområden", ["Nr", "Målområde", "Sammanfattande analys"], widths=(6, 50, 100)),
        *goal_sheets(kind, year),
        Sheet("Fem år", ["Grupp", "Nyckeltal", "Nivå", *[f"Utfall {year - n}" for n in (4, 3, 2, 1)],
                         current, "Kommentar", "Diagram"], widths=(20, 50, 6),
              dropdowns=((3, ["0", "1", "2"], True), (10, _yes_no(), True))),
        *economy_sheets(kind, year),
    ]


TEXT_KEYS = ["Sammanfattande bedömning", "Förvaltningschefens analys",
             "Händelser av väsentlig betydelse", "Förväntad utveckling", "Ekonomisk analys",
             "Effektivisering", "Intäkts- och kostnadsutveckling", "Investeringar", "Ärendet"]

INSTRUCTIONS = [
    "Så fyller du i rapportmappen",
    "",
    "Mappen innehåller nämndens arbetsbok (den med bladet Rapport) och en arbetsbok per "
    "verksamhet (med bladet Verksamhet). Lägg till fler verksamheter genom att kopiera en "
    "verksamhets arbetsbok och byta namn i bladet Verksamhet.",
    "Rad 1 i varje blad är rubrikraden. Ändra inte rubrikerna; kolumnernas ordning spelar "
    "ingen roll.",
    "Belopp anges i tkr med tecken: intäkter positiva, kostnader negativa.",
    "Summarader behövs inte: verktyget räknar alla summor, avvikelser och procent. En rad som "
    "heter Summa, Totalt eller Nettokostnad används som kontrollsumma.",
    "Varav: skriv namnet på den enhet raden ingår i. Raden visas som ”- varav …” och räknas "
    "inte in i summorna.",
    "I textceller börjar Alt+Enter ett nytt stycke, och en rad som börjar med ”- ” blir en "
    "punkt i en lista.",
    "Blad som inte behövs kan lämnas tomma.",
    "",
    "Kontrollera mappen med: assemble validate MAPP",
    "Skriv rapporten med: assemble report MAPP -o UTMAPP",
    "Hela beskrivningen finns i docs/indata.md.",
]


def _style_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(sheet.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    ws.freeze_panes = "A2"
    for index in range(1, len(sheet.headers) + 1):
        width = sheet.widths[index - 1] if index <= len(sheet.widths) else 16
        ws.column_dimensions[get_column_letter(index)].width = width
    for column in sheet.amount_columns:
        for row in range(2, FORMATTED_ROWS + 2):
            ws.cell(row, column).number_format = AMOUNT_FORMAT
    for column, values, strict in sheet.dropdowns:
        letter = get_column_letter(column)
        _dropdown(ws, DataValidation, f"{letter}2:{letter}{FORMATTED_ROWS + 1}", values, strict)


def _dropdown(ws, data_validation, cells: str, values: list[str], strict: bool) -> None:
    validation = data_validation(type="list", formula1='"' + ",".join(values) + '"',
                                 allow_blank=True, showErrorMessage=strict)
    validation.error = "Välj ett av värdena i listan."
    validation.errorTitle = "Okänt värde"
    ws.add_data_validation(validation)
    validation.add(cells)


def _field_sheet(ws, fields: list[tuple[str, object]],
                 dropdowns: dict[str, tuple[list[str], bool]]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    _style_sheet(ws, Sheet(ws.title, ["Fält", "Värde"], widths=(34, 60)))
    for row, (name, value) in enumerate(fields, start=2):
        ws.cell(row, 1, name)
        if value not in (None, ""):
            ws.cell(row, 2, value)
        if name in dropdowns:
            values, strict = dropdowns[name]
            _dropdown(ws, DataValidation, f"B{row}", values, strict)


def _instructions(workbook) -> None:
    from openpyxl.styles import Alignment, Font

    ws = workbook.create_sheet("Instruktioner", 0)
    ws.column_dimensions["A"].width = 110
    for row, line in enumerate(INSTRUCTIONS, start=1):
        cell = ws.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def namnd_workbook(kind: ReportType, year: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    rapport = workbook.active
    rapport.title = "Rapport"
    _field_sheet(rapport, [
        ("Kommun", ""), ("Nämnd", ""), ("Förvaltning", ""), ("Rapporttyp", kind.value),
        ("Rapporttitel", kind.default_title), ("År", year),
        ("Period till och med", "december" if kind.is_annual else ""), ("Beslutsdatum", ""),
        ("Paragraf", ""), ("Diarienummer", ""), ("Mottagare", "Kommunstyrelsen"),
        ("Förslagsställare", "Förvaltningen"), ("Förvaltningschef", ""), ("Handläggare", ""),
        ("Belopp i text", "tkr"),
    ], {"Rapporttyp": ([t.value for t in ReportType], True), "Belopp i text": (["tkr", "mnkr"], True),
        "Period till och med": (MONTHS, False)})
    for sheet in namnd_sheets(kind, year):
        ws = workbook.create_sheet(sheet.title)
        _style_sheet(ws, sheet)
        if sheet.title == "Text":
            for row, key in enumerate(TEXT_KEYS, start=2):
                ws.cell(row, 1, key)
    _instructions(workbook)
    return _save(workbook)


def verksamhet_workbook(name: str, order: int, kind: ReportType, year: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    info = workbook.active
    info.title = "Verksamhet"
    _field_sheet(info, [
        ("Verksamhet", name), ("Ordning", order), ("Intraprenad", "Nej"),
        ("Ingående ackumulerat resultat", ""), ("Visa enheter i nämndens tabell", "Nej"),
        ("Ekonomisk analys", ""), ("Ansvarig", ""),
    ], {"Intraprenad": (_yes_no(), True), "Visa enheter i nämndens tabell": (_yes_no(), True)})
    _style_sheet(workbook.create_sheet("Ekonomi"), ekonomi_sheet(kind, year))
    for sheet in goal_sheets(kind, year):
        _style_sheet(workbook.create_sheet(sheet.title), sheet)
    return _save(workbook)


def init_folder(folder: Path, year: int, kind: ReportType, verksamheter: list[str]) -> list[Path]:
    names = verksamheter or ["Verksamhet 1"]
    files = {folder / "Nämnden.xlsx": namnd_workbook(kind, year)}
    for order, name in enumerate(names, start=1):
        files[folder / (safe_file_name(name) + ".xlsx")] = verksamhet_workbook(name, order, kind,
                                                                               year)
    existing = [p.name for p in files if p.exists()]
    if existing:
        raise OutputError(f"Finns redan i {folder}: {', '.join(existing)}. Inget skrevs; välj "
                          f"en ny mapp eller flytta filerna.")
    if len(files) != len(names) + 1:
        raise OutputError("Två verksamheter får samma filnamn. Ge dem olika namn.")
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)
