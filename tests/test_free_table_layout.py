"""The layout of the economist's own tables (`Tabell …`): relative column widths, text or
number columns as declared, footnote marks as typed, a title row over the whole width, tables
side by side, and header rows that repeat on a new page."""

from __future__ import annotations

import pytest
from docx import Document

from assembler.render.filters import FilterError
from helpers import (RAPPORT, W, minimal_folder, render_fast, report_template_with,
                     write_workbook)

STATISTIK = [
    ["Skola", "Kod", "Elever (antal)", "Andel (%)", "Nivå", "Fotnot"],
    ["Förskolor i Storsjö", None, None, None, "titel", None],
    [3, 1, 1, 1, "bredd", None],
    [None, "text", None, None, "kolumntyp", None],
    ["Norra", 441, 120, "45,0", None, "*) Läsåret 2023/24"],
    ["Södra", 442, 95, "38,5", None, "Exklusive fristående"],
    ["Västra", 443, 80, "40,0", None, "*) Läsåret 2023/24"],
]
PANEL = [["Enhet", "Antal (antal)"], ["A", 1], ["B", 2]]


def report_with(tmp_path, *lines: str, **sheets):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, **sheets})
    return render_fast(folder, tmp_path / "ut",
                       templates=report_template_with(tmp_path / "mallar", *lines))


def cell_texts(row) -> list[str]:
    return ["".join(t.text for t in c.iter(f"{W}t")) for c in row.iterfind(f"{W}tc")]


@pytest.fixture
def statistik(tmp_path):
    result = report_with(tmp_path, "{{p tabeller.statistik }}",
                         **{"Tabell Statistik": STATISTIK})
    assert result.ok, [f.message for f in result.findings]
    from test_word_valid import audit

    assert audit(result.written[0]) == []  # a title cell spans the grid as Word expects
    body = Document(result.written[0]).element.body
    return list(body.iter(f"{W}tbl"))[-1], body


def test_relative_widths_split_the_text_width(statistik):
    table, _ = statistik
    widths = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
    assert len(widths) == 4
    assert abs(widths[0] - 3 * widths[1]) <= 3 and widths[1] == widths[2] == widths[3]


def test_a_title_row_spans_the_table_above_the_headers_and_repeats(statistik):
    table, _ = statistik
    rows = list(table.iterfind(f"{W}tr"))
    assert cell_texts(rows[0]) == ["Förskolor i Storsjö"]
    assert rows[0].find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "4"
    assert cell_texts(rows[1]) == ["Skola", "Kod", "Elever (antal)", "Andel (%)"]
    headers = [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows]
    assert headers == [True, True] + [False] * (len(rows) - 2)


def test_a_declared_text_column_is_text_and_marks_are_as_typed(statistik):
    table, body = statistik
    rows = list(table.iterfind(f"{W}tr"))
    assert cell_texts(rows[2]) == ["Norra *)", "441", "120", "45,0"]
    assert cell_texts(rows[3])[0] == "Södra 1)"
    code_style = rows[2].findall(f"{W}tc")[1].find(f"{W}p/{W}pPr/{W}pStyle").get(f"{W}val")
    number_style = rows[2].findall(f"{W}tc")[2].find(f"{W}p/{W}pPr/{W}pStyle").get(f"{W}val")
    assert (code_style, number_style) == ("Tabelltext", "Tabelltal")
    notes = [p for p in body.iterfind(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None
             and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Fotnot"]
    assert ["".join(t.text for t in p.iter(f"{W}t")) for p in notes][-2:] == [
        "*) Läsåret 2023/24", "1) Exklusive fristående"]


def test_three_tables_side_by_side(tmp_path):
    result = report_with(tmp_path, "{{p tabeller.a | bredvid(tabeller.b, tabeller.c) }}",
                         **{"Tabell A": PANEL, "Tabell B": PANEL, "Tabell C": PANEL})
    assert result.ok, [f.message for f in result.findings]
    body = Document(result.written[0]).element.body
    outer = [t for t in body.iterfind(f"{W}tbl")][-1]
    cells = list(outer.iterfind(f"{W}tr/{W}tc"))
    assert len(cells) == 5  # three panels and the gaps between them
    inner = [c.find(f"{W}tbl") for c in cells[::2]]
    assert all(t is not None for t in inner)
    widths = [int(c.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for c in cells]
    assert sum(int(g.get(f"{W}w")) for g in inner[0].find(f"{W}tblGrid")) <= widths[0]
    assert all(c[-1].tag == f"{W}p" for c in cells)  # a cell ends with a paragraph
    heights = {t.find(f"{W}tr/{W}trPr/{W}trHeight").get(f"{W}val") for t in inner}
    assert len(heights) == 1  # the header rows line up
    from test_word_valid import audit

    assert audit(result.written[0]) == []


def test_more_than_four_panels_is_a_template_finding(tmp_path):
    from assembler.render.filters import bredvid

    class Fake:
        table = None
        reshaped = None
    with pytest.raises(FilterError):
        bredvid(*[Fake()] * 5)


def test_a_wrong_width_is_a_finding_at_its_cell(tmp_path):
    sheet = [row[:] for row in STATISTIK]
    sheet[2] = [3, "bred", 1, 1, "bredd", None]
    result = report_with(tmp_path, "{{p tabeller.statistik }}", **{"Tabell Statistik": sheet})
    assert [(f.code, f.cell) for f in result.findings if f.code.startswith("R02")] == [
        ("R02-EJ-TAL", "B3")]
