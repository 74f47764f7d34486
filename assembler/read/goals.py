"""Model: the goal sheets (Målområden, Iakttagelser, Indikatorer, Åtaganden) and Fem år."""

from __future__ import annotations

from collections.abc import Sequence

from . import cells
from ..contract.findings import Findings, R01_FALT_SAKNAS, R03_OKANT_VARDE
from ..contract.model import (Commitment, Goal, Goals, Indicator, KeyFigure, Observation, Value,
                              Verksamhet)
from ..contract.sheets import (ANNUAL, ATAGANDEN, FEM_AR, IAKTTAGELSER, INDIKATORER, MALOMRADEN,
                               Column)
from ..contract.vocab import (CommitmentStatus, ObservationType, TargetWord,
                              declared_status_words)
from .load import SheetReader
from .workbook import RawSheet, RawWorkbook

STATUS_WORDS = CommitmentStatus.words()


class GoalReader:
    def __init__(self, year: int, kind: str, findings: Findings, goal_numbers: set[int] | None,
                 status_words: dict[str, str] | None = None):
        self.year, self.kind, self.findings = year, kind, findings
        self.goal_numbers = goal_numbers
        self.status_words = status_words or STATUS_WORDS

    def rows(self, sheet: RawSheet, columns: Sequence[Column]):
        reader = SheetReader(sheet, columns, self.year, self.kind, self.findings)
        for row, values in reader.rows():
            yield reader, reader.source(row, values), values

    def goal_number(self, reader: SheetReader, values, source) -> int | None:
        number = reader.convert(values, "malomrade", cells.integer)
        if number is None:
            if "malomrade" not in values:
                reader.add(R01_FALT_SAKNAS, f"A{source.row}",
                           expected=IAKTTAGELSER.column("malomrade").header)
            return None
        if self.goal_numbers is not None and number not in self.goal_numbers:
            reader.add(R03_OKANT_VARDE, values["malomrade"].coord, found=f"”{number}”",
                       expected=f"ett Nr från bladet {MALOMRADEN.title}: "
                                + ", ".join(map(str, sorted(self.goal_numbers))))
            return None
        return number

    def observations(self, sheet: RawSheet) -> list[Observation]:
        items = []
        for reader, source, values in self.rows(sheet, IAKTTAGELSER.columns):
            number = self.goal_number(reader, values, source)
            kind = reader.convert(values, "type",
                                  lambda c: cells.choice(c, ObservationType.words()))
            text = reader.convert(values, "text", cells.text)
            if number is not None and kind and text:
                items.append(Observation(malomrade=number, text=text, source=source,
                                         positive=kind == ObservationType.POSITIV))
        return items

    def target(self, reader: SheetReader, values) -> Value:
        target = reader.convert(values, "target", cells.value) or Value()
        if target.text and target.text != "-":
            word = reader.convert(values, "target", lambda c: cells.choice(c, TargetWord.words()))
            return Value(text=word) if word else Value()
        return target

    def indicators(self, sheet: RawSheet) -> list[Indicator]:
        items = []
        current = "v2u" if self.kind == ANNUAL else "v2"
        for reader, source, values in self.rows(sheet, INDIKATORER.columns):
            number = self.goal_number(reader, values, source)
            name = reader.convert(values, "name", cells.text)
            parsed = [reader.convert(values, f, cells.value) or Value()
                      for f in ("v0", "v1", current)]
            if number is None or not name:
                continue
            items.append(Indicator(
                malomrade=number, group=reader.convert(values, "group", cells.text) or "",
                name=name, unit=reader.convert(values, "unit", cells.text) or "", values=parsed,
                target=self.target(reader, values),
                comment=reader.convert(values, "comment", cells.text) or "", source=source))
        return items

    def commitments(self, sheet: RawSheet) -> list[Commitment]:
        items = []
        for reader, source, values in self.rows(sheet, ATAGANDEN.columns):
            number = self.goal_number(reader, values, source)
            status = reader.convert(values, "status",
                                    lambda c: cells.choice(c, self.status_words))
            text = reader.convert(values, "text", cells.text)
            if number is not None and status and text:
                comment = reader.convert(values, "comment", cells.text) or ""
                done = reader.convert(values, "done", cells.value)
                items.append(Commitment(malomrade=number, text=text, status=status, source=source,
                                        comment=comment, done=done))
        return items

    def goals(self, sheet: RawSheet) -> list[Goal]:
        items = []
        for reader, source, values in self.rows(sheet, MALOMRADEN.columns):
            number = reader.convert(values, "nr", cells.integer)
            name = reader.convert(values, "name", cells.text)
            if number is not None and name:
                analysis = reader.convert(values, "analysis", cells.rich_text) or ""
                items.append(Goal(nr=number, name=name, source=source, analysis=analysis))
        return items

    def five_years(self, sheet: RawSheet) -> list[KeyFigure]:
        items = []
        current = "v4u" if self.kind == ANNUAL else "v4"
        for reader, source, values in self.rows(sheet, FEM_AR.columns):
            name = reader.convert(values, "name", cells.text)
            level = reader.convert(values, "level", cells.integer) or 0
            parsed = [reader.convert(values, f, cells.value) or Value()
                      for f in ("v0", "v1", "v2", "v3", current)]
            chart = reader.convert(values, "chart", cells.yes_no) if "chart" in values else False
            if name:
                items.append(KeyFigure(
                    group=reader.convert(values, "group", cells.text) or "", name=name,
                    level=max(0, min(level, 2)), values=parsed, chart=bool(chart), source=source,
                    comment=reader.convert(values, "comment", cells.text) or ""))
        return items


def read_goals(namnd: RawWorkbook, verksamhet_books: list[RawWorkbook], year: int, kind: str,
               findings: Findings, statuses: list[str] | None = None) -> Goals:
    """Nämnd items first, then each verksamhet's in the order of the report."""
    goals_sheet = namnd.sheet(MALOMRADEN.title)
    base = GoalReader(year, kind, findings, None)
    malomraden = base.goals(goals_sheet) if goals_sheet else []
    # statuses Statusar declares for Åtaganden are allowed beside the fixed ones
    words = declared_status_words(statuses or [])
    reader = GoalReader(year, kind, findings, {g.nr for g in malomraden} if goals_sheet else None,
                        words)
    result = Goals(malomraden=malomraden)
    for book in [namnd] + verksamhet_books:
        if sheet := book.sheet(IAKTTAGELSER.title):
            result.observations += reader.observations(sheet)
        if sheet := book.sheet(INDIKATORER.title):
            result.indicators += reader.indicators(sheet)
        if sheet := book.sheet(ATAGANDEN.title):
            result.commitments += reader.commitments(sheet)
    if sheet := namnd.sheet(FEM_AR.title):
        result.five_years = reader.five_years(sheet)
    return result


def books_in_report_order(verksamheter: list[Verksamhet], books: list[RawWorkbook]
                          ) -> list[RawWorkbook]:
    """The verksamheter's workbooks in the order of `verksamheter` (the report's order)."""
    by_name = {b.name: b for b in books}
    return [by_name[v.file] for v in verksamheter if v.file in by_name]
