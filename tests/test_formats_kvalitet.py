"""The shipped kvalitetsredovisning (templates/kvalitet, inputs/kvalitet): the report alone, from
Excel alone, with activity records whose fields carry bold labels, three statistics panels side
by side and a table of contents of three levels."""

from __future__ import annotations

import re

import pytest
from docx import Document

from assembler.app.options import RunOptions
from assembler.app.report import run_report
from helpers import REPO, W, render_fast
from test_word_valid import audit

FOLDER = REPO / "inputs" / "kvalitet"
TEMPLATES = REPO / "templates" / "kvalitet"
LABELS = ["Aktivitet", "Ansvarig", "Hur", "När", "Vem", "Återrapportering"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = render_fast(FOLDER, tmp_path_factory.mktemp("kvalitet"), templates=TEMPLATES)
    assert result.ok and not result.findings, [f.message for f in result.findings]
    assert [p.name for p in result.written] == [
        "Kvalitetsredovisning 2024 – Barn- och utbildningsnämnden.docx"]  # no memo
    return result.written[0]


def test_every_activity_record_has_its_fields_with_bold_labels(report):
    paragraphs = Document(report).paragraphs
    texts = [p.text for p in paragraphs]
    assigned = [i for i, text in enumerate(texts) if text == "Uppdrag"]
    assert len(assigned) == 6
    first = assigned[0]
    assert texts[first + 1] == "Stärka läsundervisningen i årskurs 1–3"
    fields = paragraphs[first + 2:first + 2 + len(LABELS)]
    assert [p.text.split(": ")[0] for p in fields] == LABELS
    assert fields[1].text == "Ansvarig: Rektorerna i grundskolan"
    for paragraph in fields:
        bold = "".join(r.text for r in paragraph.runs if r.bold)
        assert bold.strip() == paragraph.text.split(": ")[0] + ":"
    # the mål and the ambition above it are headings of level 2 and 3
    heading = {p.text: p.style.name for p in paragraphs}
    assert heading["Alla barn och elever når kunskapsmålen"] == "Heading 2"
    assert heading["Fler elever läser med god förståelse"] == "Heading 3"


def test_three_statistics_tables_side_by_side_in_one_row(report):
    body = Document(report).element.body
    outer = [t for t in body.iterfind(f"{W}tbl") if t.find(f"{W}tr/{W}tc/{W}tbl") is not None]
    assert len(outer) == 1
    rows = outer[0].findall(f"{W}tr")
    assert len(rows) == 1
    panels = [c.find(f"{W}tbl") for c in rows[0].iterfind(f"{W}tc")]
    panels = [p for p in panels if p is not None]
    titles = ["".join(t.text for t in p.find(f"{W}tr").iter(f"{W}t")) for p in panels]
    assert titles == ["Barn i förskolan", "Elever i grundskolan", "Personal"]
    widths = [int(g.get(f"{W}w")) for g in panels[0].find(f"{W}tblGrid")]
    assert abs(2 * widths[0] - 3 * widths[1]) <= 6  # bredd 3 : 2


def test_contents_keep_three_levels(report):
    document = Document(report)
    instruction = "".join(t.text for t in document.element.body.iter(f"{W}instrText")
                          if "TOC" in t.text)
    assert '\\o "1-3"' in instruction
    entries = [(p.style.name.lower(), p.text.split("\t")[0]) for p in document.paragraphs
               if re.fullmatch(r"toc \d", p.style.name.lower())]
    assert ("toc 3", "2.1.1 Fler elever läser med god förståelse") in entries
    assert {style for style, _ in entries} == {"toc 1", "toc 2", "toc 3"}


def test_opens_in_word_without_repair(report):
    assert audit(report) == []


@pytest.mark.render
def test_the_pdf_contents_give_page_numbers_at_level_three(tmp_path):
    result = run_report(FOLDER, RunOptions(out_dir=tmp_path / "ut", templates=TEMPLATES,
                                           pdf=True))
    assert result.ok
    entries = [p.text for p in Document(result.written[0]).paragraphs
               if p.style.name.lower() == "toc 3"]
    assert len(entries) >= 5
    assert all(text.split("\t")[-1].strip().isdigit() for text in entries), entries
    assert any(p.suffix == ".pdf" for p in result.written)
