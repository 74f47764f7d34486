"""Layout a secretary signs off: table headers break only where a word may break, a chart
stays with its sentence and caption, and a heading never ends a page."""

from __future__ import annotations

import re

import pytest
from docx import Document

from assembler.app.report import EXAMPLE_DIR
from assembler.render.wordxml import paragraph_looks
from helpers import REPO, W, docx_text, render_fast

FORMATS = {"exempel": (EXAMPLE_DIR, None),
           "eskilstuna": (REPO / "inputs" / "eskilstuna", REPO / "templates" / "eskilstuna"),
           "orebro-ks": (REPO / "inputs" / "orebro-ks", REPO / "templates" / "orebro-ks"),
           "uppsala": (REPO / "inputs" / "uppsala", REPO / "templates" / "uppsala")}
# bold 8 pt Arial: a character is at most ~90 twips wide on average; the cell's margins 114
CHAR_TWIPS, MARGINS_TWIPS = 90, 114
UNBREAKABLE = re.compile(r"[^\s\u00ad\-–/]+")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("layout")
    found = {}
    for name, (folder, templates) in FORMATS.items():
        result = render_fast(folder, out / name, templates=templates)
        found[name] = Document(next(p for p in result.written if p.name.startswith(
            ("Delår", "Års"))))
    return found


@pytest.mark.parametrize("name", FORMATS)
def test_every_header_word_fits_its_column(reports, name):
    """No `föregåend|e` or `procenten|heter`: a header's pieces between spaces, hyphens and
    soft hyphens fit the column they head."""
    body = reports[name].element.body
    for table in body.iter(f"{W}tbl"):
        widths = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        header = table.find(f"{W}tr")
        for width, cell in zip(widths, header.iterfind(f"{W}tc"), strict=False):
            text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
            longest = max((len(p) for p in UNBREAKABLE.findall(text)), default=0)
            assert longest * CHAR_TWIPS + MARGINS_TWIPS <= width, (text, width)


def test_the_example_header_breaks_at_a_hyphenation_point(reports):
    texts = ["".join(t.text for t in p.iter(f"{W}t"))
             for p in reports["exempel"].element.body.iter(f"{W}p")]
    assert "Förändring mot före\u00adgående prognos" in texts


def test_a_chart_keeps_with_its_sentence_and_caption(reports):
    body = reports["exempel"].element.body
    children = list(body)
    charts = [i for i, p in enumerate(children) if p.tag == f"{W}p" and next(
        p.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"), None)
        is not None]
    assert len(charts) >= 2
    for index in charts:
        for p in (children[index - 1], children[index]):
            assert p.find(f"{W}pPr/{W}keepNext") is not None
        caption = "".join(t.text for t in children[index + 1].iter(f"{W}t"))
        assert caption.startswith("Diagram ")


@pytest.mark.parametrize("name", FORMATS)
def test_every_heading_keeps_with_the_next_paragraph(reports, name):
    document = reports[name]
    looks = paragraph_looks(document.styles.element)
    styles = {s.style_id: s for s in document.styles}
    headings = 0
    for p in document.paragraphs:
        look = looks.get(p.style.style_id)
        if not p.text.strip() or look is None or not look.outline:
            continue
        headings += 1
        kept = p.paragraph_format.keep_with_next
        assert kept or (kept is None and look.keep_next), p.text
        assert styles[p.style.style_id] is not None
    assert headings


AMOUNT_UNIT = re.compile(r"\d(?:,\d+)? (tkr|mnkr|miljoner kronor|tusen kronor)\b")


@pytest.mark.parametrize("name", FORMATS)
def test_one_arende_words_its_amounts_one_way_in_every_document(tmp_path, name):
    """The running text of every document of the ärende (report, tjänsteskrivelse,
    protokollsutdrag) writes amounts in one unit: never "28,6 mnkr" in one and "28,6 miljoner
    kronor" in another. Tables (tkr) are not running text."""
    folder, templates = FORMATS[name]
    result = render_fast(folder, tmp_path, templates=templates)
    units: dict[str, set[str]] = {}
    for path in result.written:
        for paragraph in Document(path).paragraphs:  # body paragraphs, not table cells
            for unit in AMOUNT_UNIT.findall(paragraph.text):
                units.setdefault(unit, set()).add(path.name.split(" – ")[0])
    assert len(units) == 1, units
    assert len(result.written) >= 2
    texts = {path.name: docx_text(path) for path in result.written}
    # one percent style, `98%`, everywhere (Uppsala writes "procent" in words)
    assert any("%" in text for text in texts.values()) or name == "uppsala"
    assert [name for name, text in texts.items() if re.search(r"\d[ \u00a0]%", text)] == []


def heading_texts(path) -> set[str]:
    """The document's heading paragraphs (Heading n, the template's own `… rubrik …`)."""
    return {" ".join(p.text.split()) for p in Document(path).paragraphs
            if p.text.strip() and (p.style.name.casefold().startswith("heading")
                                   or "rubrik" in p.style.name.casefold())}


def last_lines(pdf) -> list[str]:
    """The last line of text on each page, page numbers and running headers aside."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    found = []
    for page in text.split("\f"):
        lines = [" ".join(line.split()) for line in page.split("\n") if line.strip()]
        body = [line for line in lines if not line.isdigit()]
        if body:
            found.append(re.sub(r"^\d+(\.\d+)*\.?\s+", "", body[-1]))
    return found


@pytest.mark.render
@pytest.mark.parametrize("name", ["exempel", "orebro-ks", "eskilstuna", "uppsala"])
def test_no_page_of_the_pdf_ends_with_a_heading(name, tmp_path):
    """Looked at as pages (LibreOffice's PDF): a heading always has its text below it."""
    import shutil

    from test_accessibility import checked

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas")
    made = checked(name, tmp_path)
    pdfs = [p for p in made.written if p.suffix == ".pdf"]
    assert pdfs
    for pdf in pdfs:
        headings = heading_texts(pdf.with_suffix(".docx"))
        ending = [line for line in last_lines(pdf) if line in headings]
        assert not ending, (pdf.name, ending)


def test_a_long_label_header_wraps_on_two_lines_not_three():
    """`Barn- och utbildningsnämnden, belopp i tkr` above short row names: the label column
    takes room from the figures for its header's longer line (`…utbildningsnämnden,`)."""
    from decimal import Decimal

    from assembler.compute.tables import Column, ColumnKind, Table
    from assembler.render.document import CELL_PADDING_DXA, CHAR_DXA, _widths

    table = Table("Barn- och utbildningsnämnden, belopp i tkr",
                  [Column(f"År {n}", kind=ColumnKind.AMOUNT) for n in range(5)])
    table.add_values("Förskola", [Decimal(-122500)] * 5)
    widths = _widths(table, 9638)
    assert widths[0] >= len("Barn- och utbildningsnämnden,") * CHAR_DXA + CELL_PADDING_DXA
    assert min(widths[1:]) >= 1100
