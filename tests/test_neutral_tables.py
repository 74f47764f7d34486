"""Compute's tables are neutral data; what is Word's is render's. Cells left blank on purpose are
marked by the data, and render gives them no number style, so the output check (R18) never
takes them for lost numbers; column titles are plain text, and render puts in the soft hyphens
that let Word break their long words in narrow number columns."""

import re
from decimal import Decimal as D

from assembler.compute.tables import Column, ColumnKind, Row, Table, blank_on_purpose
from assembler.contract.model import Value
from assembler.contract.findings import Findings
from assembler.render import wordxml
from assembler.render.document import table_xml
from assembler.verify.output import _check_table
from helpers import W


class NamedStyles:
    """A template whose style ids are the declared styles' names without spaces."""

    def id(self, style):
        return getattr(style, "name", style).replace(" ", "")


def cell_styles(xml: str) -> list[list[tuple[str, str]]]:
    """(style, text) of each cell's first paragraph, row by row."""
    rows = re.findall(r"<w:tr>(.*?)</w:tr>", xml)
    return [[(re.search(r'pStyle w:val="(\w+)"', c).group(1),
              "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", c)))
             for c in re.findall(r"<w:tc>(.*?)</w:tc>", row)] for row in rows]


def test_which_cells_are_blank_on_purpose():
    amount, change = Column("Utfall"), Column("Förändring", kind=ColumnKind.CHANGE)
    value = Column("Värde", kind=ColumnKind.VALUE)
    normal, partial = Row("A", []), Row("Justering", [], partial=True)
    assert blank_on_purpose(None, change, normal)  # no comparable base
    assert blank_on_purpose(None, amount, partial)  # an adjustment row's other columns
    assert blank_on_purpose(Value(), value, partial)
    assert blank_on_purpose(Value(), value, normal)  # an indicator's year without a value
    assert not blank_on_purpose(None, amount, normal)  # a number that should be there
    assert not blank_on_purpose(D(0), amount, partial)


def test_an_adjustment_rows_blank_cells_carry_no_number_style():
    table = Table("Belopp i tkr", [Column("Utfall"), Column("Avvikelse")])
    table.add_values("Verksamhet", [D(10), D(-3)])
    table.add_partial("Justering", {1: D(2)})
    rows = cell_styles(table_xml(table, NamedStyles(), 9000))
    assert rows[1][1:] == [("Tabelltal", "10"), ("Tabelltal", "-3")]
    assert rows[2][1:] == [("Tabelltext", ""), ("Tabelltal", "2")]


def test_column_titles_are_plain_and_render_adds_the_soft_hyphens():
    from assembler.contract.amounts import DEVIATION_TITLE as DEVIATION, FORBR_PERIOD, FORBR_YEAR

    assert all("\u00ad" not in t for t in (DEVIATION, FORBR_PERIOD, FORBR_YEAR))
    table = Table("Belopp i tkr", [Column(DEVIATION), Column(FORBR_PERIOD), Column(FORBR_YEAR),
                                   Column("Avvikelse jan–aug")])
    titles = [text for _, text in cell_styles(table_xml(table, NamedStyles(), 9000))[0]]
    assert titles[1:] == ["Av\u00advikelse budget–prognos", "Förbr % av period\u00adbudget",
                          "Förbr % av års\u00adbudget", "Avvikelse jan–aug"]
    alone = Table("Justerad avvikelse, belopp i tkr", [Column("Avvikelse")])
    assert cell_styles(table_xml(alone, NamedStyles(), 9000))[0][1][1] == "Avvikelse"


def test_the_output_check_finds_a_lost_number_and_nothing_left_blank_on_purpose():
    table = Table("Belopp i tkr", [Column("Utfall"), Column("Avvikelse"),
                                   Column("Målvärde", kind=ColumnKind.VALUE)])
    table.add_values("Lost", [None, None, Value(number=D(5))])  # two of three figures gone
    table.add_values("Indikator", [D(10), D(1), Value()])  # no value reported: blank on purpose
    table.add_partial("Justering", {1: D(2)})
    xml = f'<w:body xmlns:w="{W[1:-1]}">{table_xml(table, NamedStyles(), 9000)}</w:body>'
    tbl = wordxml.parse_leniently(xml)[0]
    findings = Findings()
    _check_table(tbl, {"Tabelltal": "Tabelltal", "Tabelltext": "Tabelltext"}, "5.1",
                 "rapport.docx", 1, findings)
    assert [(f.code, f.cell) for f in findings] == [("R18-UTDATA", "tabell 1, rad 2")]
