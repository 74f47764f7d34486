"""Text from Excel as paragraphs: bold and italic runs of rich-text cells, bullets and numbered
lists, in the Text sheet and in chapters; the text stays data, and inline it is plain."""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from assembler.compute.text import BULLET, Text
from assembler.contract import rich
from assembler.contract.findings import Findings
from assembler.read.workbook import read_workbook
from helpers import RAPPORT, W, minimal_folder, render_fast, report_template_with, write_workbook

BOLD, ITALIC = InlineFont(b=True), InlineFont(i=True)
ARENDET = CellRichText([
    "Nämnden har ", TextBlock(BOLD, "ökat"), " antalet ", TextBlock(ITALIC, "besökare"),
    " med {{ namnd }}.\n- första punkten\n1. ett\n2. ", TextBlock(BOLD, "två\nfortsätter fet")])
KAPITEL = [["Rubrik", "Nivå", "Text"],
           ["Läsfrämjande", 2, CellRichText(["Målet är ", TextBlock(ITALIC, "läslust"), "."])]]


def as_shared_strings(path) -> None:
    """The workbook as Excel saves it: rich text in sharedStrings.xml, not inline (openpyxl
    writes inline strings; Excel and LibreOffice write shared ones)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    shared: list[bytes] = []

    def to_shared(match: re.Match) -> bytes:
        shared.append(match.group(2))
        return match.group(1).replace(b't="inlineStr"', b't="s"') + (
            b"<v>%d</v></c>" % (len(shared) - 1))

    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = re.sub(rb'(<c [^>]*t="inlineStr"[^>]*>)<is>(.*?)</is></c>', to_shared,
                             parts[name])
    ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="%s" count="%d">' % (ns, len(shared))
                                     + b"".join(b"<si>%s</si>" % s for s in shared) + b"</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared"])
def test_rich_runs_are_read_from_inline_and_shared_strings(tmp_path, shared):
    path = tmp_path / "nämnd.xlsx"
    write_workbook(path, {"Text": [["Avsnitt", "Text"], ["Ärendet", ARENDET]]})
    if shared:
        as_shared_strings(path)
    cell = read_workbook(path, Findings()).sheet("Text").rows[0].cells["B"]
    assert cell.value.startswith("Nämnden har ökat antalet besökare")
    assert rich.runs(cell.rich)[1] == ("ökat", True, False)
    assert rich.runs(cell.rich)[3] == ("besökare", False, True)


def test_paragraphs_bullets_numbers_and_runs():
    text = Text.parse(rich.marked([("Inledning ", False, False), ("fet\nfortsatt", True, False),
                                   ("\n- punkt\n1. ett\n12) tolv\n10 000 kronor", False, False)]))
    assert [(rich.runs(t), mark) for t, mark in text.paragraphs] == [
        ([("Inledning ", False, False), ("fet", True, False)], ""),
        ([("fortsatt", True, False)], ""),
        ([("punkt", False, False)], BULLET),
        ([("ett", False, False)], "1."),
        ([("tolv", False, False)], "12)"),
        ([("10 000 kronor", False, False)], "")]


def test_typed_control_characters_never_become_marks(tmp_path):
    path = tmp_path / "nämnd.xlsx"
    """Excel keeps a control character as `_x0002_`; the reader drops it."""
    typed = "a_x0002_b_x0003_c"
    write_workbook(path, {"Text": [["Avsnitt", "Text"], ["Ärendet", typed], ["Mål", CellRichText(
        [TextBlock(BOLD, "fet"), typed])]]})
    from assembler.read import cells

    rows = read_workbook(path, Findings()).sheet("Text").rows
    assert cells.rich_text(rows[0].cells["B"]) == "abc"
    assert rich.runs(cells.rich_text(rows[1].cells["B"])) == [("fet", True, False),
                                                              ("abc", False, False)]


def runs_of(paragraph) -> list[tuple[str, bool, bool]]:
    return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]


@pytest.fixture
def rich_report(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Text": [
        ["Avsnitt", "Text"], ["Ärendet", ARENDET]], "Kapitel Kvalitet": KAPITEL})
    templates = report_template_with(tmp_path / "mallar", "{{p kapitel.kvalitet }}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    return result.written


def test_the_memo_shows_bold_italic_bullets_and_numbers_as_typed(rich_report):
    memo = Document(next(p for p in rich_report if p.name.startswith("Tjänsteskrivelse")))
    paragraphs = memo.paragraphs
    first = next(p for p in paragraphs if p.text.startswith("Nämnden har"))
    assert runs_of(first) == [("Nämnden har ", False, False), ("ökat", True, False),
                              (" antalet ", False, False), ("besökare", False, True),
                              (" med {{ namnd }}.", False, False)]  # data, not template code
    index = paragraphs.index(first)
    bullet, one, two, more = paragraphs[index + 1:index + 5]
    assert bullet.style.name == "List Bullet" and bullet.text == "första punkten"
    assert one.text == "ett" and two.text == "två"  # Word numbers them: no typed digits
    assert one.style.name == two.style.name == "List Number"
    assert list_item(one) == list_item(two) and list_item(one)[1] == 0
    assert runs_of(two)[-1] == ("två", True, False)
    assert runs_of(more) == [("fortsätter fet", True, False)]


def list_item(paragraph) -> tuple[str, int]:
    """(numId, level) of a numbered paragraph."""
    num = paragraph._p.find(f"{W}pPr/{W}numPr")
    return (num.find(f"{W}numId").get(f"{W}val"), int(num.find(f"{W}ilvl").get(f"{W}val")))


def shown_numbers(path) -> list[str]:
    """The number Word shows before each numbered paragraph, read from numbering.xml."""
    from assembler.render.wordxml import ListNumbers

    document = Document(path)
    numbers = ListNumbers(document.part.numbering_part.element)
    return [numbers.next(list_item(p)) for p in document.paragraphs
            if p._p.find(f"{W}pPr/{W}numPr") is not None and p.style.name == "List Number"]


def test_numbered_lists_are_word_lists_counting_from_their_typed_numbers(tmp_path):
    """Each list from Excel is a list of its own in numbering.xml (the template's List
    Number format): a second list starts again, a list typed from 4 counts from 4, and a
    number that breaks the sequence starts a new list there."""
    folder = minimal_folder(tmp_path / "in")
    text = "Först:\n1. a\n2. b\nSedan:\n1. c\n2. d\n3. e\nFortsatt:\n4. f\n5. g\n9. h"
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Text": [
        ["Avsnitt", "Text"], ["Ärendet", text]]})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    memo = next(p for p in result.written if p.name.startswith("Tjänsteskrivelse"))
    assert shown_numbers(memo) == ["1.", "2.", "1.", "2.", "3.", "4.", "5.", "9."]
    paragraphs = [p for p in Document(memo).paragraphs if p.style.name == "List Number"]
    assert [p.text for p in paragraphs] == list("abcdefgh")
    lists = [list_item(p)[0] for p in paragraphs]
    assert len(set(lists)) == 4 and lists[0] == lists[1] != lists[2]
    from test_word_valid import audit

    assert audit(memo) == []


def test_a_chapter_keeps_its_italic(rich_report):
    report = Document(rich_report[0])
    paragraph = next(p for p in report.paragraphs if p.text == "Målet är läslust.")
    assert runs_of(paragraph)[1] == ("läslust", False, True)
    body = report.element.body
    assert not any(rich.has_marks(t.text or "") for t in body.iter(f"{W}t"))


def test_inline_text_from_excel_is_plain():
    from assembler.render.sandbox import sandbox_environment

    template = sandbox_environment().from_string("{{ x }}|{{ x | upper }}")
    assert template.render(x=rich.marked([("a", True, False), ("b", False, True)])) == "ab|AB"


@pytest.mark.slow
def test_the_documents_with_rich_text_pass_openxml_audit(rich_report):
    from test_word_valid import audit

    for path in rich_report:
        assert audit(path) == [], path.name


def test_a_verksamhets_analysis_keeps_its_bold(tmp_path):
    from helpers import verksamhet_sheets

    folder = minimal_folder(tmp_path / "in")
    analysis = CellRichText(["Kostnaderna ", TextBlock(BOLD, "minskade"), " under våren."])
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, -650, -1000, -950, None]], Ordning=1,
        **{"Ekonomisk analys": analysis}))
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    report = Document(result.written[0])
    paragraph = next(p for p in report.paragraphs if p.text == "Kostnaderna minskade under våren.")
    assert runs_of(paragraph)[1] == ("minskade", True, False)


def test_a_template_without_list_styles_gets_list_formats_of_its_own():
    """No numbering.xml style to follow: a decimal and a bullet format are added, each
    abstract numbering before every list (as the schema orders them)."""
    from assembler.render.wordxml import ListNumbers, WordLists, parse_xml_fragment

    root = parse_xml_fragment('<w:numbering><w:abstractNum w:abstractNumId="3"/>'
                              '<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>'
                              '</w:numbering>')
    lists = WordLists(lambda: root, {"decimal": None, "bullet": None})
    first, second, bullets = lists.start(1), lists.start(4), lists.start(kind="bullet")
    assert (first, second, bullets) == ("8", "9", "10")
    tags = [child.tag.split("}")[1] for child in root]
    assert tags == ["abstractNum"] * 3 + ["num"] * 4
    numbers = ListNumbers(root)
    assert [numbers.next((first, 0)), numbers.next((first, 0)), numbers.next((second, 0)),
            numbers.next((bullets, 0))] == ["1.", "2.", "4.", ""]
