"""Layout a secretary signs off: table headers break only where a word may break, a chart
stays with its sentence and caption, and a heading never ends a page."""

from __future__ import annotations

import re

import pytest
from docx import Document

from assembler.app.report import EXAMPLE_DIR
from assembler.render.wordxml import paragraph_looks
from helpers import REPO, W, render_fast

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
