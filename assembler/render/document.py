"""Render: a template + a context → .docx bytes, in a Jinja sandbox with autoescape.

Text from Excel is data: it is inserted as escaped text or as paragraphs built here, never
evaluated as template code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compute.context import RecordContext, Text
from ..compute.tables import Chart, ColumnKind, Row, RowKind, Table, blank_on_purpose
from ..contract import fmt
from . import styles as st
from . import wordxml
from .styles import Styles

if TYPE_CHECKING:
    from .located import Failure

STATUS_MARK = "●"
EMPTY_CELL = "---"
CHAR_DXA, CELL_PADDING_DXA = 105, 260  # a table character (9–10 pt) and a cell's margins


def _cell_text(value, kind: ColumnKind, row: Row, unit: str = "tkr",
               percent_decimals: int = 0) -> str:
    if kind is ColumnKind.PERCENT:
        return fmt.percent_table(value, percent_decimals)
    if kind is ColumnKind.CHANGE:
        return fmt.change_percent(value, percent_decimals)
    if kind is ColumnKind.COUNT:
        return fmt.number_str(value)
    if kind is ColumnKind.TEXT:
        return value or ""
    if kind is ColumnKind.VALUE:
        return "" if value is None else fmt.key_value(value.number, value.text, value.decimals,
                                                      row.unit)
    if value is None and row.figures is not None:  # computed from figures the inputs do not
        return fmt.percent_table(None)  # give: shown as missing (`–`), never as 0
    if unit != "tkr" and value is not None:
        return fmt.number_str(fmt.shown_value(value, unit), fmt.unit_decimals(unit))
    return fmt.tkr(value)


NUMERIC_KINDS = {ColumnKind.AMOUNT, ColumnKind.PERCENT, ColumnKind.CHANGE, ColumnKind.COUNT,
                 ColumnKind.VALUE}


def _row_char_style(row: Row, styles: Styles) -> str | None:
    if row.kind is RowKind.TOTAL or row.kind is RowKind.GROUP:
        return styles.id(st.TOTAL_ROW)
    if row.kind is RowKind.VARAV:
        return styles.id(st.VARAV_ROW)
    return None


SMALL_TABLE_ROWS = 20  # header included: kept on one page, and with the heading above it


def _widths(table: Table, text_width: int) -> list[int]:
    count = len(table.headers)
    if table.relative_widths and len(table.relative_widths) == count:
        return wordxml.relative_widths(table.relative_widths, text_width)
    if table.label_title is None:
        return wordxml.equal_widths(count, text_width)
    share = table.label_share or (0.34 if count <= 4 else (0.26 if count <= 8 else 0.19))
    numeric = all(c.kind in NUMERIC_KINDS for c in table.columns)
    if numeric:
        if table.label_share is None:
            share = _label_share_for_names(table, share, count, text_width)
        return wordxml.column_widths(count, share, text_width)
    return _fit_short_text_columns(
        table, _fit_status_columns(table, wordxml.text_widths(count, share, text_width)))


MAX_LABEL_SHARE, MIN_NUMBER_DXA = 0.45, 1100  # a number column still fits `-628 412`


def _label_share_for_names(table: Table, share: float, count: int, text_width: int) -> float:
    """A label column wide enough for its longest row name on one line (`KAFP KSF Plan.reserv o
    Avstämn RAM`) and its header on two lines, as long as every number column keeps room for
    its figures."""
    longest = max((len(r.label) + 2 * r.level for r in table.rows), default=0)
    longest = max(longest, _two_line_width(table.label_title or ""))
    wanted = (longest * CHAR_DXA + CELL_PADDING_DXA) / text_width
    room = 1 - (count - 1) * MIN_NUMBER_DXA / text_width
    return max(share, min(wanted, room, MAX_LABEL_SHARE))


def _two_line_width(title: str) -> int:
    """The characters a line needs so the title wraps into two lines at most (`Barn- och
    utbildningsnämnden, belopp i tkr` on two lines, not three)."""
    words = title.split()
    return min((max(len(" ".join(words[:i])), len(" ".join(words[i:])))
                for i in range(1, len(words))), default=len(title))


def _fit_short_text_columns(table: Table, widths: list[int]) -> list[int]:
    """A text column of short words (`Tot`/`K`/`M`, `Öka`) no wider than its longest word; the
    label column gets the width it frees, so long row names wrap less."""
    if table.label_title is None:
        return widths
    widths = list(widths)
    for index, column in enumerate(table.columns):
        if column.kind is not ColumnKind.TEXT:
            continue
        texts = [str(r.values[index] or "") for r in table.rows]
        longest = max((len(word) for text in [column.title, *texts] for word in text.split()),
                      default=0)
        if any(len(text) > longest for text in texts):
            continue  # several words in a cell: a column of running text keeps its width
        _narrow(widths, index + 1, longest * CHAR_DXA + CELL_PADDING_DXA, to=0)
    return widths


def _fit_status_columns(table: Table, widths: list[int]) -> list[int]:
    """A status column no wider than its longest word (and the mark); the last text column
    gets the width it frees."""
    offset = 0 if table.label_title is None else 1
    status = [i for i, c in enumerate(table.columns) if c.kind is ColumnKind.STATUS]
    others = [i for i, c in enumerate(table.columns) if c.kind is not ColumnKind.STATUS]
    if not status or not others:
        return widths
    widths = list(widths)
    for index in status:
        longest = max((len(str(r.values[index] or "")) for r in table.rows), default=0)
        fitted = (len(STATUS_MARK) + 1 + longest) * CHAR_DXA + CELL_PADDING_DXA
        _narrow(widths, index + offset, fitted, to=others[-1] + offset)
    return widths


def _narrow(widths: list[int], index: int, fitted: int, to: int) -> None:
    """Column `index` no wider than `fitted`; column `to` gets the width it frees."""
    freed = max(widths[index] - fitted, 0)
    widths[index] -= freed
    widths[to] += freed


def _cell(value, column, row: Row, styles: Styles, char_style: str | None,
          keep: bool, unit: str = "tkr", percent_decimals: int = 0) -> list[str]:
    """The paragraphs (XML) of one cell; `keep` keeps them with the next row's."""
    if column.kind is ColumnKind.BULLETS:
        if not value:
            return [wordxml.paragraph_xml(EMPTY_CELL, styles.id(st.TABLE_TEXT), keep_next=keep)]
        return [wordxml.paragraph_xml(item, styles.id(st.TABLE_BULLET), keep_next=keep)
                for item in value]
    if column.kind is ColumnKind.STATUS:
        return [wordxml.paragraph_xml("", styles.id(st.TABLE_TEXT), runs=[
            (STATUS_MARK + " ", styles.status(value)), (value, None)], keep_next=keep)]
    if blank_on_purpose(value, column, row):
        return [wordxml.paragraph_xml("", styles.id(st.TABLE_TEXT), char_style, keep_next=keep)]
    style = st.TABLE_NUMBER if column.kind in NUMERIC_KINDS else st.TABLE_TEXT
    text = _cell_text(value, column.kind, row, unit, percent_decimals)
    return [wordxml.paragraph_xml(text, styles.id(style), char_style, keep_next=keep)]


# where the long words of column titles may break (soft hyphens, U+00AD): number columns that
# share the width are narrow; a table's single number column is not
TITLE_BREAKS = [(re.compile(r"^Avvikelse( budget–prognos)?$"), "Av\u00advikelse\\1"),
                (re.compile(r"\b(period|års)(budget)\b"), "\\1\u00ad\\2"),
                (re.compile(r"\b(före)(gående)\b", re.IGNORECASE), "\\1\u00ad\\2"),
                (re.compile(r"\b(procent)(enheter)\b", re.IGNORECASE), "\\1\u00ad\\2")]
# a header's longest unbreakable piece must fit its column (bold 8 pt, up to 105 twips a
# character, and the cell's margins), or Word and LibreOffice break the word anywhere
HEADER_CHAR_DXA, HEADER_PADDING_DXA, MIN_LABEL_DXA = 105, 130, 1400
UNBREAKABLE = re.compile(r"[^\s\u00ad\-–/]+[\-–/]?")


def _header_need(title: str) -> int:
    pieces = UNBREAKABLE.findall(title)
    return max((len(p) for p in pieces), default=0) * HEADER_CHAR_DXA + HEADER_PADDING_DXA


# a figure in a table cell (8 pt: digits 89 twips, spaces and minus about 50) and what a
# number column keeps beside it: the cell's margins (114) and a gap, so figures never touch
FIGURE_CHAR_DXA, FIGURE_PADDING_DXA = 80, 140


def _figure_texts(table: Table) -> list[dict[int, str]]:
    """Each row's figures as the cells show them, by column index (number columns but key
    values): formatted once, for the column widths and the cells."""
    formats = [(i, _column_format(c.kind, table)) for i, c in enumerate(table.columns)
               if c.kind in NUMERIC_KINDS and c.kind is not ColumnKind.VALUE]
    return [{} if r.kind is RowKind.TITLE else
            {i: text_of(r.values[i], r) for i, text_of in formats if i < len(r.values)}
            for r in table.rows]


def _column_format(kind: ColumnKind, table: Table):
    """`_cell_text` for one column, as a function of (value, row): an amount column in tkr,
    most of a report's figures, goes straight to `fmt.tkr`."""
    if kind is ColumnKind.AMOUNT and table.unit == "tkr":
        return _amount_text
    unit, decimals = table.unit, table.percent_decimals
    return lambda value, row: _cell_text(value, kind, row, unit, decimals)


def _amount_text(value, row: Row) -> str:
    """`_cell_text` of an amount in tkr."""
    if value is None:
        return _cell_text(value, ColumnKind.AMOUNT, row)
    return fmt.tkr(value)


def _figure_needs(table: Table, texts: list[dict[int, str]]) -> list[int]:
    """The width each number column needs for its widest figure (0 for text columns)."""
    needs = []
    for index in range(len(table.columns)):
        longest = max((len(row[index]) for row in texts if index in row), default=0)
        needs.append(longest * FIGURE_CHAR_DXA + FIGURE_PADDING_DXA if longest else 0)
    return needs


def _fitted_widths(table: Table, titles: list[str], text_width: int,
                   texts: list[dict[int, str]] | None = None) -> list[int]:
    """The columns' widths: their shares of the page, then every column as wide as its header's
    longest unbreakable word and its widest figure, as far as other columns have room."""
    texts = _figure_texts(table) if texts is None else texts
    figures = ([0] if table.label_title is not None else []) + _figure_needs(table, texts)
    return _fit_header_words(titles, _widths(table, text_width), _label_floor(table), figures)


def _fit_header_words(titles: list[str], widths: list[int], label_floor: int | None,
                      figures: list[int] | None = None) -> list[int]:
    """Every column at least as wide as the longest piece of its header that may not break
    and its widest figure (`figures`). The width comes from the label column down to
    `label_floor` (its row names on one line; None: no label column), then from the columns
    with the most room to spare."""
    widths = list(widths)
    needs = [max(_header_need(t), f) for t, f in zip(titles, figures or [0] * len(titles),
                                                    strict=True)]
    floors = list(needs)
    if label_floor is not None:
        floors[0] = max(needs[0], min(label_floor, widths[0]), MIN_LABEL_DXA)
    label = label_floor is not None
    for index, need in enumerate(needs):
        donors = sorted((i for i in range(len(widths)) if i != index),
                        key=lambda i: (not (label and i == 0), floors[i] - widths[i]))
        for donor in donors:
            short = need - widths[index]
            room = widths[donor] - floors[donor]
            if short <= 0:
                break
            if room > 0:
                moved = min(short, room)
                widths[donor] -= moved
                widths[index] += moved
    return widths


# where a row name's word may break when it is longer than its column: before the organ word
# of a compound (`Samhällsbyggnads|nämnden`), never anywhere in the word
LABEL_BREAK = re.compile(r"(?<=[^\W\d_]{4})(nämnden|nämnd|styrelsen|förvaltningen|beredningen|"
                         r"utskottet)$")


def _label_text(label: str, width: int, level: int = 0) -> str:
    """The row name, with a soft hyphen in a word too long for the label column's `width`."""
    room = width - CELL_PADDING_DXA - 170 * level
    if len(label) * CHAR_DXA <= room:  # no word of it can be too long (most rows)
        return label
    return " ".join(LABEL_BREAK.sub("\u00ad\\1", word) if len(word) * CHAR_DXA > room else word
                    for word in label.split(" "))


def _label_floor(table: Table) -> int | None:
    """The width the label column keeps for its row names on one line (None: no label)."""
    if table.label_title is None:
        return None
    longest = max((len(r.label) + 2 * r.level for r in table.rows), default=0)
    return longest * CHAR_DXA + CELL_PADDING_DXA


def _column_title(title: str, table: Table) -> str:
    if len(table.columns) < 2:
        return title
    for word, broken in TITLE_BREAKS:
        title = word.sub(broken, title)
    return title


def _keeps_with_next(table: Table, index: int, small: bool) -> bool:
    """Every row of a small table but the last, and any row whose next row is one of its
    sub-rows (`K`/`M`, `- varav …`): a page never parts a row from them."""
    if index + 1 >= len(table.rows):
        return False
    return small or table.rows[index + 1].level > 0


def table_xml(table: Table, styles: Styles, text_width: int, header_lines: int = 0) -> str:
    """A small table is kept on one page: every row's paragraphs keep with the next row (Word
    honours that inside tables, and LibreOffice 7.4 turns a table kept row by row into one that
    does not split). A longer table keeps each row with its sub-rows."""
    titles = ([] if table.label_title is None else [table.label_title]) + [
        _column_title(c.title, table) for c in table.columns]
    texts = _figure_texts(table)
    widths = _fitted_widths(table, titles, text_width, texts)
    small = len(table.rows) + 1 <= SMALL_TABLE_ROWS
    header_cells = [] if table.label_title is None else [
        [wordxml.paragraph_xml(table.label_title, styles.id(st.TABLE_HEADER), keep_next=True)]]
    header_cells += [[wordxml.paragraph_xml(_column_title(c.title, table), styles.id(
        st.TABLE_NUMBER_HEADER if c.kind in NUMERIC_KINDS else st.TABLE_HEADER), keep_next=True)]
        for c in table.columns]
    leading = next((i for i, r in enumerate(table.rows) if r.kind is not RowKind.TITLE),
                   len(table.rows))
    span = len(widths)
    # titles before the first row stand above the column headers and repeat with them
    rows: list = [([wordxml.Spanned([wordxml.paragraph_xml(
        r.label, styles.id(st.TABLE_HEADER), keep_next=True)], span)], True)
        for r in table.rows[:leading]]
    rows.append((header_cells, True))
    text_style, number_style = styles.id(st.TABLE_TEXT), styles.id(st.TABLE_NUMBER)
    for index, row in enumerate(table.rows):
        keep = _keeps_with_next(table, index, small)
        if index < leading:
            continue
        if row.kind is RowKind.TITLE:
            rows.append(([wordxml.Spanned([wordxml.paragraph_xml(
                row.label, styles.id(st.TABLE_HEADER), keep_next=True)], span)], False))
            continue
        char_style = _row_char_style(row, styles)
        cells: list = [] if table.label_title is None else [
            [wordxml.paragraph_xml(_label_text(row.label, widths[0], row.level), text_style,
                                   char_style, 170 * row.level, keep_next=keep)]]
        figures = texts[index]
        figure_cell = wordxml.paragraphs_of(number_style, char_style, keep)
        blank_cell = wordxml.paragraphs_of(text_style, char_style, keep)("")
        for column, (v, c) in enumerate(zip(row.values, table.columns, strict=False)):
            if column not in figures:
                cells.append(_cell(v, c, row, styles, char_style, keep, table.unit,
                                   table.percent_decimals))
            elif v is None and blank_on_purpose(v, c, row):
                cells.append(blank_cell)
            else:  # a figure, formatted for the column widths already
                cells.append(figure_cell(figures[column]))
        rows.append((cells, False))
    height = header_lines * HEADER_LINE_DXA + HEADER_MARGINS_DXA if header_lines else 0
    return wordxml.table_xml(styles.id(st.TABLE) or "TableGrid", widths, rows, height)


HEADER_LINE_DXA, HEADER_MARGINS_DXA = 190, 60  # a line of 8 pt text, the cell's margins
AVERAGE_HEADER_CHAR_DXA = 90


def header_lines(table: Table, text_width: int) -> int:
    """How many lines the column headers of a table take at most, words wrapped greedily."""
    titles = ([] if table.label_title is None else [table.label_title]) + [
        _column_title(c.title, table) for c in table.columns]
    widths = _fitted_widths(table, titles, text_width)
    return max((_wrapped_lines(t, w - HEADER_PADDING_DXA)
                for t, w in zip(titles, widths, strict=False)),
               default=1)


def _wrapped_lines(title: str, room: int) -> int:
    lines, used = 1, 0
    for word in title.replace("\u00ad", "").split():
        width = len(word) * AVERAGE_HEADER_CHAR_DXA
        if used and used + AVERAGE_HEADER_CHAR_DXA + width > room:
            lines, used = lines + 1, width
        else:
            used += (AVERAGE_HEADER_CHAR_DXA if used else 0) + width
    return lines


def text_xml(text: Text, styles: Styles, style: st.StyleUse = st.NORMAL,
             lists: wordxml.WordLists | None = None) -> str:
    """Paragraphs of text from Excel (Text, chapters, list comments, record fields), in one
    way: headings in the template's heading styles, bullets as `List Bullet`, numbered items
    as Word numbering in `List Number` (each list counting from its first typed number; typed
    digits without `lists`), the rest in `style`; bold and italic as typed."""
    from ..compute.text import BULLET
    from ..contract import rich

    bullet, normal = styles.id(st.LIST_BULLET), styles.id(style) or styles.id(st.NORMAL)
    numbered = styles.id(st.LIST_NUMBER) or normal
    headings = dict(text.headings)
    parts = []
    expected: int | None = None  # the number that continues the current numbered list
    num_id: str | None = None
    for index, (content, mark) in enumerate(text.paragraphs):
        number = _typed_number(mark) if index not in headings else None
        if number is not None and lists is not None:
            if number != expected:
                num_id = lists.start(number)
            expected = number + 1
            parts.append(wordxml.prose_paragraph_xml(rich.runs(content), numbered,
                                                     num_id=num_id))
            continue
        expected = None
        if index in headings:
            paragraph_style = styles.id(st.HEADINGS[headings[index]]) or normal
        else:
            paragraph_style = bullet if mark == BULLET else normal
        own_bullet = lists.start(kind="bullet") if mark == BULLET and not bullet and lists \
            else None
        parts.append(wordxml.prose_paragraph_xml(rich.runs(content), paragraph_style,
                                                 "" if mark == BULLET else mark, own_bullet))
    return "".join(parts)


def _typed_number(mark: str) -> int | None:
    """`12)` → 12; None for a bullet or no list."""
    digits = mark.rstrip(".)")
    return int(digits) if digits.isdigit() else None


class Fragment:
    """Body XML that docxtpl inserts in place of a `{{p … }}` paragraph (like its Subdoc, but
    without loading a whole document to hold a few paragraphs)."""

    def __init__(self, xml: str):
        self._xml: str | None = xml

    @property
    def xml(self) -> str:
        return self._xml or ""

    def __html__(self) -> str:
        return self.xml

    __str__ = __html__


class TableFragment(Fragment):
    """A table as inserted by `{{p … }}`; it keeps its `Table`, so a template filter
    (`kolumner`, `enhet`, `summarad`) can ask for another shape of the same figures."""

    def __init__(self, table: Table, converter):
        self.table, self.converter, self._xml = table, converter, None

    @property
    def xml(self) -> str:
        if self._xml is None:
            self._xml = self.converter.table_body(self.table)
        return self._xml

    def reshaped(self, table: Table) -> TableFragment:
        return TableFragment(table, self.converter)

    def __html__(self) -> str:
        return self.converter.held_back(self)

    def __str__(self) -> str:
        return self.xml


class LazyDict(dict):
    """A context record whose values are converted when a template first uses them, so the
    memo does not pay for the report's tables and charts."""

    def __init__(self, raw: dict, convert):
        super().__init__(raw)
        self._convert = convert
        self._done: set = set()
        self._missing = getattr(raw, "__missing__", None)  # a template check's stand-ins

    def __missing__(self, key):
        if self._missing is None:
            raise KeyError(key)
        return self._missing(key)

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if key not in self._done:
            value = self._convert(value)
            self[key] = value
            self._done.add(key)
        return value

    def get(self, key, default=None):
        return self[key] if key in self else default


class Converter:
    """Turns context values into what docxtpl inserts: XML for tables, texts and charts (a
    chart also adds its part to the document)."""

    def __init__(self, template):
        self.template = template
        document = template.get_docx()
        self.styles = Styles(document)
        self.looks = looks = wordxml.paragraph_looks(document.styles.element)
        list_styles = {"decimal": self.styles.id(st.LIST_NUMBER),
                       "bullet": self.styles.id(st.LIST_BULLET)}
        self.lists = wordxml.WordLists(  # the rendered document's numbering, when a list needs it
            lambda: wordxml.numbering_of(self.template.docx.part),
            {kind: looks[style_id].numbering if style_id in looks else None
             for kind, style_id in list_styles.items()})
        self.text_width = wordxml.text_width_dxa(document)
        self.charts = 0
        self.holding = False  # tables wait in slots while the body renders (see `fill_slots`)
        self._held: list[TableFragment] = []

    def held_back(self, fragment: TableFragment) -> str:
        """A slot for the table's XML when the document's body is rendering, else the XML."""
        body_part = self.template.docx._part
        if not self.holding or self.template.current_rendering_part is not body_part:
            return fragment.xml
        self._held.append(fragment)
        return wordxml.slot_xml(len(self._held) - 1)

    def fill_slots(self, body) -> None:
        """Each held table's XML built and parsed into the rendered body, one at a time."""
        def pieces_of(index: int) -> list[str]:
            fragment = self._held[index]
            pieces = ([fragment._xml] if fragment._xml is not None
                      else self.table_pieces(fragment.table))
            fragment._xml = None
            return [self.template.resolve_listing(piece) for piece in pieces]

        wordxml.fill_slots(body, pieces_of)
        self._held = []

    def table(self, table: Table):
        return TableFragment(table, self)

    def table_body(self, table: Table) -> str:
        return "".join(self.table_pieces(table))

    def table_pieces(self, table: Table) -> list[str]:
        """The table and the paragraphs after it (footnotes, spacing), each on its own."""
        return [table_xml(table.footed(), self.styles, self.text_width),
                *(wordxml.paragraph_xml(note, self.styles.id(st.TABLE_NOTE))
                  for note in table.notes),
                wordxml.paragraph_xml("", self.styles.id(st.TABLE_SPACING))]

    PANEL_GAP_DXA = 284  # 0,5 cm between tables side by side

    def side_by_side(self, tables: list[Table]) -> Fragment:
        """Tables next to each other across the text width (`bredvid`), each with its
        footnotes below it."""
        count = len(tables)
        inner = (self.text_width - self.PANEL_GAP_DXA * (count - 1)) // count
        lines = max(header_lines(table, inner) for table in tables)
        widths, contents = [], []
        for index, table in enumerate(tables):
            if index:
                widths.append(self.PANEL_GAP_DXA)
                contents.append("")
            widths.append(inner)
            contents.append(table_xml(table, self.styles, inner, lines) + self.notes_xml(table))
        return Fragment(wordxml.panels_xml(widths, contents)
                        + wordxml.paragraph_xml("", self.styles.id(st.TABLE_SPACING)))

    def notes_xml(self, table: Table) -> str:
        return "".join(wordxml.paragraph_xml(note, self.styles.id(st.TABLE_NOTE))
                       for note in table.notes)

    def text(self, text: Text):
        return Fragment(text_xml(text, self.styles, lists=self.lists)) if text else ""

    def chart(self, chart: Chart):
        from . import chartxml

        document = self.template.docx
        rid = chartxml.add_chart(document.part, chart, chartxml.default_font(document))
        self.charts += 1
        number = chart.number_texts.get(self.charts, f"{self.charts}.")
        caption = wordxml.paragraph_xml(" ".join(t for t in (number, chart.title) if t),
                                        self.styles.id(st.CAPTION) or self.styles.id(st.NORMAL))
        return Fragment(chartxml.inline_xml(chart, rid, self.charts, self.styles.id(st.NORMAL))
                        + caption)

    def convert(self, value):
        if isinstance(value, Table):
            return self.table(value)
        if isinstance(value, Chart):
            return self.chart(value)
        if isinstance(value, Text):
            return self.text(value)
        if value is None:
            return ""
        if isinstance(value, RecordContext):  # its fields reachable by name: `kf.bidrag`
            fixed = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return LazyDict({**value.falt, **fixed}, self.convert)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return LazyDict({f.name: getattr(value, f.name) for f in dataclasses.fields(value)},
                            self.convert)
        if isinstance(value, dict):
            return LazyDict(value, self.convert)
        if isinstance(value, list):
            return [self.convert(v) for v in value]
        return value

    def top_level(self, context) -> dict:
        """A plain dict: Jinja copies the top level with dict(**…), which skips LazyDict.
        Earlier releases' names of a variable reach the same value."""
        from ..compute.context import RENAMED

        top = {f.name: self.convert(getattr(context, f.name)) for f in dataclasses.fields(context)}
        top.update({old: top[new] for old, new in RENAMED.items() if new in top})
        return top


def toc_levels(toc: wordxml.TocField) -> list[int]:
    """The entry levels a TOC field can list (the TOC styles a template needs): its heading
    levels, at most three, and the levels its \\t styles take."""
    levels = set(range(toc.first, min(toc.last, 3) + 1)) | {level for _, level in toc.styles}
    return sorted(level for level in levels if level in st.TOC)


def _heading_entries(document, converter: Converter, toc: wordxml.TocField) -> list:
    """(level, `5.1 Enheternas …`, heading paragraph) for each heading the TOC lists, with the
    number Word shows (none for an unnumbered heading)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:  # not `numbering_part`: python-docx adds an empty one to a document without
        numbering = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        numbering = None
    by_style = {converter.styles.id(name): level for name, level in toc.styles}
    return wordxml.heading_paragraphs(document.element.body, converter.looks, numbering, toc,
                                      {k: v for k, v in by_style.items() if k})


@dataclass(frozen=True)
class Rendered:
    """A template filled in: the .docx, with the body and style names of the tree it was saved
    from (the output check reads them without unzipping and parsing it again); or, instead, each
    failure that stopped it, where it happened."""

    data: bytes = b""
    failures: tuple[Failure, ...] = ()
    body: Any = None
    style_names: Mapping[str, str] = field(default_factory=dict)


def _template_class():
    """docxtpl's template without its document-wide passes when the output cannot need them:
    `resolve_listing` only acts on tab, newline, bell and form-feed characters in text, and
    `fix_tables` only widens a table grid when a `{%tc %}` loop adds cells to its rows."""
    from .located import LocatedTemplate

    class Template(LocatedTemplate):
        column_loops = False

        def patch_xml(self, src_xml):
            patched, column_loops = _patched(src_xml, super().patch_xml)
            self.column_loops = self.column_loops or column_loops
            return patched

        def resolve_listing(self, xml):
            return super().resolve_listing(xml) if wordxml.has_listing_characters(xml) else xml

        def fix_tables(self, xml):
            if self.column_loops:
                return super().fix_tables(xml)
            return wordxml.parse_leniently(xml)

    return Template


def _patched(src_xml: str, patch) -> tuple[str, bool]:
    """docxtpl's rewriting of a part's XML into Jinja source (`patch`: two dozen regular
    expressions over the whole part), and whether it has a `{%tc %}` loop; kept in the user's
    cache folder, as the source's compiled code is, since the same template gives the same."""
    from docxtpl import __version__ as docxtpl_version

    from .cachedir import cache_path, keep

    path = cache_path("docxtpl", f"{docxtpl_version} {PATCH_CACHE_FORMAT}", src_xml, ".xml")
    with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
        flag, patched = path.read_bytes().decode("utf-8", "surrogatepass").split("\n", 1)
        return patched, flag == "tc"
    column_loops = re.search(r"\{%-?\s*tc\b", re.sub(r"<[^>]*>", "", src_xml)) is not None
    patched = patch(src_xml)
    keep(path, (("tc" if column_loops else "-") + "\n" + patched).encode("utf-8", "surrogatepass"))
    return patched, column_loops


PATCH_CACHE_FORMAT = 1  # raised when what `_patched` keeps changes


def render(template_path: Path, context, *, title: str, subject: str, author: str,
           moment: dt.datetime | None) -> Rendered:
    """The template filled in with `context`; every part is tried (the body, headers, footers,
    properties, notes), so a failure in one does not hide another. Never raises for the
    template's fault: what went wrong comes back as `Rendered.failures`."""
    from .located import Failure, Place, UnreadableTemplate
    from .sandbox import sandbox_environment

    try:
        template = _template_class()(str(template_path))
        template.init_docx()
        template.get_docx().styles  # noqa: B018 (reads styles.xml: a broken one fails here)
    except Exception as exc:
        return Rendered(failures=(Failure(Place(""), UnreadableTemplate(str(exc))),))
    try:
        converter = Converter(template)
        converter.holding = True
        failures = fill_parts(template, converter.top_level(context), sandbox_environment())
        if failures:
            return Rendered(failures=tuple(failures))
        return _finished(template, converter, title=title, subject=subject, author=author,
                         moment=moment)
    except Exception as exc:  # docxtpl's own rewriting or a finishing step: the template's
        return Rendered(failures=(Failure(Place(""), exc),))  # fault, never a crash


def _template_parts(template) -> list:
    """Each part of the template as a step that renders it: docxtpl's `render` taken apart, so
    a part that fails is noted and the others are still tried."""
    def body(context, env):
        tree = template.fix_tables(template.build_xml(context, env))
        template.fix_docpr_ids(tree)
        template.map_tree(tree)

    def header_or_footer(rel_key, part):
        def step(context, env):
            xml = template.get_part_xml(part)
            rendered = template.render_xml_part(template.patch_xml(xml), part, context, env)
            template.map_headers_footers_xml(
                rel_key, rendered.encode(template.get_headers_footers_encoding(xml)))
        return step

    steps = [body]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        steps += [header_or_footer(rel_key, part)
                  for rel_key, part in list(template.get_headers_footers(uri))]
    return steps + [template.render_properties, template.render_footnotes]


def fill_parts(template, context: dict, env) -> list[Failure]:
    """Every part of `template` rendered with `context`; the failures, each at its place. Once
    the sandbox's limits are reached the rest is not tried: it would only repeat it."""
    from .located import Failure, Place, TemplateFailure
    from .sandbox import LIMITS_REACHED

    template.render_init()
    failures: list[Failure] = []
    for step in _template_parts(template):
        try:
            step(context, env)
        except TemplateFailure as failure:
            failures.append(Failure(failure.place, failure.cause))
            if isinstance(failure.cause, LIMITS_REACHED):
                break
        except Exception as exc:  # docxtpl's own rewriting of the part failed
            failures.append(Failure(Place(""), exc))
    template.is_rendered = True
    return failures


def _finished(template, converter: Converter, *, title: str, subject: str, author: str,
              moment: dt.datetime | None) -> Rendered:
    """The filled-in template made whole: tables in their slots, unused charts dropped, the TOC
    filled in, headings kept with what follows, the properties set; saved."""
    document = template.docx  # get_docx() would reload the unrendered template
    converter.fill_slots(document.element.body)
    if converter.charts:
        from . import chartxml

        chartxml.drop_unused(document.part, document.element.body)
    styles = converter.styles
    toc = wordxml.toc_field(document.element.body)
    if toc is not None:
        toc_ids = {level: styles.id(style) for level, style in st.TOC.items()}
        wordxml.fill_toc(document.element.body, _heading_entries(document, converter, toc),
                         toc, toc_ids, converter.text_width)
    wordxml.keep_with_next(document.element.body, converter.looks)
    wordxml.set_core_properties(document, title=title, subject=subject, author=author,
                                language=fmt.LANGUAGE_TAG, moment=moment)
    wordxml.drop_template_leftovers(document)
    buffer = io.BytesIO()
    with wordxml.stable_saving():
        template.save(buffer)
    return Rendered(buffer.getvalue(), body=document.element.body,
                    style_names=styles.names)


def document_tree(document: Rendered | bytes) -> tuple[Any, Mapping[str, str]]:
    """(body, style names by id) of a document: a freshly rendered one carries the tree it was
    saved from; a .docx read from bytes is parsed."""
    if isinstance(document, Rendered):
        return document.body, document.style_names
    return wordxml.body_and_style_names(document)


def document_data(document: Rendered | bytes) -> bytes:
    return document.data if isinstance(document, Rendered) else document


def alt_texts(data: bytes) -> list[str]:
    """The alt texts of the document's pictures and charts, in order."""
    return wordxml.picture_descriptions(wordxml.body_and_style_names(data)[0])


def with_toc_pages(data: bytes, find_pages) -> bytes:
    """The same document with the TOC's page numbers filled in; nothing else changes.

    `find_pages(entries)` gets the TOC entries' texts and returns their page numbers."""
    from docx import Document

    document = Document(io.BytesIO(data))
    body = document.element.body
    entries = [wordxml.toc_entry_text(p) for p in wordxml.toc_paragraphs(body)]
    if not entries:
        return data
    if wordxml.set_toc_pages(body, find_pages(entries)):
        wordxml.clear_update_fields(document.settings.element)
    buffer = io.BytesIO()
    with wordxml.stable_saving():
        document.save(buffer)
    return buffer.getvalue()
