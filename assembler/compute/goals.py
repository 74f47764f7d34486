"""Compute: sections 3, 4 and 6 from the goal items. Section 3 and section 4 are built from the
same items, so the summary can never disagree with the detail."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..contract import fmt
from ..contract.amounts import ECONOMY_COLUMNS
from ..contract.model import Commitment, Goals, Indicator, KeyFigure, Report, Value
from ..contract.words import Worded
from .tables import COUNT, TOTAL, Chart, Column, ColumnKind, RowKind, Table
from ..contract.vocab import STATUSES, canonical_status


@dataclass
class GoalSection:
    nr: int
    name: str
    analysis: str
    observations: Table | None  # Positiva iakttagelser | Förbättringsområden; None without any
    indicators: Table | None
    indicator_notes: list[str] = field(default_factory=list)  # `1) …`
    commitments: Table | None = None


@dataclass
class GoalsResult:
    summary: Table | None  # section 3
    status_counts: Table | None
    sections: list[GoalSection]
    five_years: Table | None
    five_year_notes: list[str]
    five_year_charts: list[Chart]


# labels worded by formuleringar.docx (the row of that name); the text is the default
POSITIVE = Worded("Positiva iakttagelser", "kolumnrubrik_positiva_iakttagelser")
IMPROVEMENTS = Worded("Förbättringsområden", "kolumnrubrik_forbattringsomraden")
STATUS_COUNTS = Worded("Status för nämndens åtaganden", "tabellrubrik_atagandestatus")
STATUS = Worded("Status", "kolumnrubrik_status")
DONE = Worded("Färdiggrad", "kolumnrubrik_fardiggrad")
COMMENT = Worded("Kommentar", "kolumnrubrik_kommentar")


def _texts(goals: Goals, nr: int, positive: bool) -> list[str]:
    return [o.text for o in goals.observations if o.malomrade == nr and o.positive is positive]


def summary_table(goals: Goals) -> Table | None:
    if not goals.malomraden:
        return None
    # the first column's title is the kansli's (formulering tabellrubrik_malomraden)
    table = Table("", [Column(POSITIVE, kind=ColumnKind.BULLETS),
                       Column(IMPROVEMENTS, kind=ColumnKind.BULLETS)], label_share=0.28)
    for goal in goals.malomraden:
        table.add_values(goal.name, [_texts(goals, goal.nr, True), _texts(goals, goal.nr, False)])
    return table


def status_counts(commitments: list[Commitment]) -> Table | None:
    if not commitments:
        return None
    table = Table(STATUS_COUNTS, [Column(COUNT, kind=ColumnKind.COUNT)], label_share=0.6)
    for status in STATUSES:
        count = sum(1 for c in commitments if canonical_status(c.status) == status)
        table.add_values(status, [Decimal(count)])
    table.add_values(TOTAL, [Decimal(len(commitments))], RowKind.TOTAL)
    return table


def observation_table(goals: Goals, nr: int) -> Table | None:
    """Section 4's two-column table: the label column holds the positive observations. A
    målområde without any gets no table (section 3's summary shows its `---`)."""
    if not any(o.malomrade == nr for o in goals.observations):
        return None
    table = Table(None, [Column(POSITIVE, kind=ColumnKind.BULLETS),
                         Column(IMPROVEMENTS, kind=ColumnKind.BULLETS)])
    table.add_values("", [_texts(goals, nr, True), _texts(goals, nr, False)])
    return table


def year_title(report: Report, column: str, year: int) -> str:
    """The title of the economy's column `column` (`utfall`, `resultat`) for `year`."""
    info = report.info
    return ECONOMY_COLUMNS[column].title_for(year, fmt.period_label(info.period_month),
                                             info.rapporttyp.is_annual)


def indicator_headers(report: Report) -> list[str]:
    year = report.info.ar
    return [year_title(report, "utfall", year - 2), year_title(report, "utfall", year - 1),
            year_title(report, "resultat", year),
            Worded(f"Målvärde {year}", "kolumnrubrik_malvarde", year)]


class GroupedRows:
    """Adds rows to a table of values: a bold sub-heading row when the group changes, and a
    comment as a footnote `1)` numbered within the table."""

    def __init__(self, table: Table):
        self.table = table
        self.notes: list[str] = []
        self.group: str | None = None

    def add(self, group: str, name: str, comment: str, values: list, level: int,
            unit: str = "") -> None:
        if group and group != self.group:
            self.table.add_values(group, [None] * len(self.table.columns), RowKind.GROUP)
        self.group = group
        if comment:
            self.notes.append(f"{len(self.notes) + 1}) {comment}")
            name += f" {len(self.notes)})"
        self.table.add_values(name, values, level=level, unit=unit)


def indicator_table(report: Report, items: list[Indicator]) -> tuple[Table, list[str]]:
    columns = [Column(h, kind=ColumnKind.VALUE) for h in indicator_headers(report)]
    # titled by the formulering tabellrubrik_indikatorer(m)
    rows = GroupedRows(Table("", columns, label_share=0.44))
    for item in items:
        rows.add(item.group, item.name, item.comment, list(item.values) + [item.target],
                 level=1 if item.group else 0, unit=item.unit)
    return rows.table, rows.notes


def commitment_table(items: list[Commitment]) -> Table | None:
    if not items:
        return None
    done = any(item.done is not None for item in items)  # the column only when typed
    columns = [Column(STATUS, kind=ColumnKind.STATUS)]
    columns += [Column(DONE, kind=ColumnKind.VALUE)] if done else []
    # titled by the formulering tabellrubrik_ataganden(m)
    table = Table("", columns + [Column(COMMENT, kind=ColumnKind.TEXT)],
                  label_share=0.42)
    for item in items:
        table.add_values(item.text, [item.status] + ([item.done] if done else [])
                         + [item.comment], unit="%" if done else "")
    return table


def row_decimals(values: list[Value]) -> int:
    """One row reads with one number of decimals: `4,2  4,0  4,1`."""
    return max((v.decimals for v in values if v.number is not None), default=0)


def block_decimals(rows: list[KeyFigure]) -> list[int]:
    """A main row and its sub-rows read with one number of decimals, as in the published
    report: `Ungdomar 10,0  9,0` under a rate given with one decimal."""
    blocks: list[list[int]] = []
    for index, row in enumerate(rows):
        if row.level == 0 or not blocks:
            blocks.append([])
        blocks[-1].append(index)
    decimals = [0] * len(rows)
    for block in blocks:
        shared = max(row_decimals(rows[i].values) for i in block)
        for i in block:
            decimals[i] = shared
    return decimals


def five_year_table(report: Report, rows: list[KeyFigure]) -> tuple[Table | None, list[str]]:
    if not rows:
        return None, []
    year = report.info.ar
    headers = [year_title(report, "utfall", year - offset) for offset in (4, 3, 2, 1)]
    headers.append(year_title(report, "resultat", year))
    grouped = GroupedRows(Table("", [Column(h, kind=ColumnKind.VALUE) for h in headers],
                                label_share=0.4))
    for row, decimals in zip(rows, block_decimals(rows), strict=False):
        values = [replace(v, decimals=decimals) for v in row.values]
        grouped.add(row.group, row.name, row.comment, values, level=row.level)
    return grouped.table, grouped.notes


def trend_chart(report: Report, row: KeyFigure) -> Chart:
    year = report.info.ar
    labels = [str(year - offset) for offset in (4, 3, 2, 1)] + [str(year)]
    values = [v.number for v in row.values]
    forecast = not report.info.rapporttyp.is_annual and values[-1] is not None
    return Chart("trend", labels, values, subject=row.name, decimals=row_decimals(row.values),
                 unit="", last_is_forecast=forecast)


def compute_goals(report: Report) -> GoalsResult:
    goals = report.goals
    sections = []
    for goal in goals.malomraden:
        items = [i for i in goals.indicators if i.malomrade == goal.nr]
        indicators, notes = indicator_table(report, items) if items else (None, [])
        sections.append(GoalSection(
            nr=goal.nr, name=goal.name, analysis=goal.analysis,
            observations=observation_table(goals, goal.nr), indicators=indicators,
            indicator_notes=notes,
            commitments=commitment_table([c for c in goals.commitments if c.malomrade == goal.nr])))
    five_years, five_notes = five_year_table(report, goals.five_years)
    return GoalsResult(summary=summary_table(goals), status_counts=status_counts(goals.commitments),
                       sections=sections, five_years=five_years, five_year_notes=five_notes,
                       five_year_charts=[trend_chart(report, k) for k in goals.five_years
                                         if k.chart and any(v.number is not None
                                                            for v in k.values)])
