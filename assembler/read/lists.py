"""Model: lists with their own vocabulary. The sheet `Statusar` (nämnd workbook) declares, per
list, its statuses in order; every sheet it names (`Uppdrag`, a local plan …) is read as a list
from the nämnd's and the verksamheters' workbooks, its label column headed by the sheet's name.
Åtaganden keeps its own sheet and statuses unless `Statusar` declares others for it."""

from __future__ import annotations

from . import cells
from ..contract.findings import (Findings, R01_FALT_SAKNAS, R24_FOR_MANGA_STATUSAR,
                                 R24_LISTA_SAKNAS, R24_STATUS_DUBBEL, R24_STATUS_SAKNAS)
from ..contract.model import ListItem, ListSheet, ListStatus
from ..contract.sheets import DELAR, STATUSAR, list_columns
from ..contract.vocab import COMMITMENTS
from .load import SheetReader
from .workbook import RawSheet, RawWorkbook, normalize


# A list's row table has a column per status, one for the labels and one for Totalt; a Word
# table has at most 63 columns
MAX_WORD_COLUMNS = 63
MAX_STATUSES = MAX_WORD_COLUMNS - 2


def _text(reader: SheetReader, values: dict, field: str) -> str:
    return reader.convert(values, field, cells.text) or ""


def read_statuses(sheet: RawSheet, findings: Findings) -> dict[str, ListSheet]:
    """Each list named in `Statusar`, with its statuses in the sheet's order."""
    reader = SheetReader(sheet, STATUSAR.columns, 0, DELAR, findings)
    status_letter = _letter_of(reader, "status")
    lists: dict[str, ListSheet] = {}
    beyond: dict[str, tuple[str, str, int]] = {}  # list → (name, first cell beyond, statuses)
    for row, values in list(reader.rows()):
        name = reader.convert(values, "list", cells.text)
        status = reader.convert(values, "status", cells.text)
        if name and status_letter and "status" not in values:
            reader.add(R24_STATUS_SAKNAS, f"{status_letter}{row}", found=f"”{name}”",
                       expected=STATUSAR.column("status").header)
        if not name or not status:
            continue
        listed = lists.setdefault(normalize(name), ListSheet(name=name))
        if any(normalize(s.status) == normalize(status) for s in listed.statuses):
            reader.add(R24_STATUS_DUBBEL, values["status"].coord, found=f"”{status}”",
                       expected=name)
            continue
        if len(listed.statuses) >= MAX_STATUSES:
            first = beyond.get(normalize(name), (name, values["status"].coord, MAX_STATUSES))
            beyond[normalize(name)] = (*first[:2], first[2] + 1)
            continue
        listed.statuses.append(ListStatus(status=status, rubrik=_text(reader, values, "rubrik"),
                                          ental=_text(reader, values, "ental"),
                                          flertal=_text(reader, values, "flertal")))
    for name, cell, given in beyond.values():
        reader.add(R24_FOR_MANGA_STATUSAR, cell, found=f"”{name}”", expected=MAX_STATUSES,
                   count=given)
    return lists


def _letter_of(reader: SheetReader, field: str) -> str | None:
    """The column letter a field was found in, if its column is there."""
    return next((letter for letter, column in reader.by_letter.items() if column.field == field),
                None)


def read_items(sheet: RawSheet, listed: ListSheet, findings: Findings) -> list[ListItem]:
    allowed = {normalize(s.status): s.status for s in listed.statuses}
    reader = SheetReader(sheet, list_columns(sheet.title), 0, DELAR, findings)
    items = []
    for row, values in reader.rows():
        text = reader.convert(values, "text", cells.text)
        status = reader.convert(values, "status", lambda c: cells.choice(c, allowed))
        if "status" not in values:
            reader.add(R01_FALT_SAKNAS, f"A{row}", expected=STATUSAR.column("status").header)
        year = reader.convert(values, "year", lambda c: cells.integer(c, cells.YEAR_EXAMPLE))
        done = reader.convert(values, "done", cells.amount)
        if text and status:
            items.append(ListItem(text=text, status=status, expected_year=year, done=done,
                                  comment=reader.convert(values, "comment", cells.rich_text) or "",
                                  source=reader.source(row, values)))
    return items


def commitment_statuses(lists: list[ListSheet]) -> list[str]:
    """The statuses Statusar declares for Åtaganden, if any."""
    return [s.status for listed in lists if normalize(listed.name) == normalize(COMMITMENTS)
            for s in listed.statuses]


def read_lists(namnd: RawWorkbook, books: list[RawWorkbook], findings: Findings
               ) -> list[ListSheet]:
    """Declared lists, nämnd items first, then each verksamhet's in the report's order."""
    declared = namnd.sheet(STATUSAR.title)
    if declared is None:
        return []
    lists = read_statuses(declared, findings)
    for key, listed in lists.items():
        sheets = [s for book in [namnd] + books for s in book.sheets.values()
                  if normalize(s.title) == key]
        if not sheets:
            findings.add(R24_LISTA_SAKNAS, file=namnd.name, sheet=declared.title,
                         found=f"”{listed.name}”")
        if normalize(listed.name) == normalize(COMMITMENTS):
            continue  # read as Åtaganden by load_goals; only its vocabulary is declared here
        for sheet in sheets:
            listed.items += read_items(sheet, listed, findings)
    return list(lists.values())
