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
from ..read.lists import STATUSAR
from ..contract.model import BudgetModel, Organ, ReportType
from ..contract.vocab import OBSERVATION_TYPES, STATUSES, TARGET_WORDS

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
    headers.append("Radtyp")  # Kommunbidrag marks the kommunbidrag row
    return Sheet("Ekonomi", headers, tuple(range(2, len(headers) - 1)), (34,),
                 dropdowns=((len(headers), ["Kommunbidrag"], True),))


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
        Sheet("Statusar", [c.header for c in STATUSAR], widths=(20, 24, 30, 34, 34)),
        Sheet("Fem år", ["Grupp", "Nyckeltal", "Nivå", *[f"Utfall {year - n}" for n in (4, 3, 2, 1)],
                         current, "Kommentar", "Diagram"], widths=(20, 50, 6),
              dropdowns=((3, ["0", "1", "2"], True), (10, _yes_no(), True))),
        *economy_sheets(kind, year),
        *own_sheets(),
    ]


def own_sheets() -> list[Sheet]:
    """The economist's own table and chapter, to copy and rename (`Tabell Betyg` …)."""
    from ..read.tables import CHAPTER_PREFIX, HEADING_LEVELS, TABLE_PREFIX

    return [
        Sheet(TABLE_PREFIX + "Exempel", ["Radnamn", "Kolumn 1 (enhet)", "Kolumn 2 (enhet)",
                                         "Nivå", "Fotnot"], widths=(40, 16, 16, 8, 50),
              dropdowns=((4, ["0", "1", "2", "varav", "rubrik", "summa"], True),)),
        Sheet(CHAPTER_PREFIX + "Exempel", ["Rubrik", "Nivå", "Text"], widths=(50, 8, 100),
              dropdowns=((2, list(HEADING_LEVELS), True),)),
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
    "Egna tabeller: kopiera bladet Tabell Exempel och döp om det, t.ex. till Tabell Betyg. "
    "Första kolumnen har radnamnen, övriga kolumner värdena med enheten inom parentes i "
    "rubriken, t.ex. Andel (%). Nivå: 1 eller 2 för underrader (Kvinnor/Män), varav, rubrik "
    "(fet rad) eller summa (summan räknas av verktyget). Fotnot blir en numrerad not under "
    "tabellen.",
    "Egna kapitel: kopiera bladet Kapitel Exempel och döp om det. En rad per avsnitt: Rubrik, "
    "Nivå (1–4, standard 2) och Text. Rubrikerna numreras och kommer med i innehållsförteckningen.",
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
        ("Belopp i text", "tkr"), ("Organ", ""), ("Budgetmodell", BudgetModel.NETTORAM.value),
    ], {"Budgetmodell": ([m.value for m in BudgetModel], True),"Rapporttyp": ([t.value for t in ReportType], True), "Belopp i text": (["tkr", "mnkr"], True),
        "Organ": ([o.value for o in Organ], True),
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
        ("Ekonomisk analys", ""), ("Ansvarig", ""), ("Utanför nämndens resultat", "Nej"),
    ], {"Intraprenad": (_yes_no(), True), "Visa enheter i nämndens tabell": (_yes_no(), True),
        "Utanför nämndens resultat": (_yes_no(), True)})
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
    if len(files) != len(names) + 1:
        raise OutputError("Två verksamheter får samma filnamn. Ge dem olika namn.")
    return _write_new(folder, files)


def init_example(folder: Path) -> list[Path]:
    """The shipped example report folder (the one in inputs/exempel/), copied to `folder`."""
    from .resources import example_dir

    files = {folder / source.name: source.read_bytes()
             for source in sorted(example_dir().glob("*.xlsx"))}
    return _write_new(folder, files)


def _write_new(folder: Path, files: dict[Path, bytes]) -> list[Path]:
    existing = [p.name for p in files if p.exists()]
    if existing:
        raise OutputError(f"Finns redan i {folder}: {', '.join(existing)}. Inget skrevs; välj "
                          f"en ny mapp eller flytta filerna.")
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)
