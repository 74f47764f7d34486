"""Templates the kansli changes: page margins the tables follow, small tables kept on one page,
styles found after a word processor renamed them, and pictures with alt text."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Cm

from assembler.app.options import RunOptions
from assembler.app.report import TEMPLATES_DIR, run_report, run_template_check
from helpers import (EXAMPLE, W, minimal_folder, render_fast, verksamhet_sheets,
                     write_workbook)

ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def template_copy(folder, change) -> None:
    """templates/ copied to `folder`, with `change(document)` applied to the report template."""
    folder.mkdir()
    shutil.copy(TEMPLATES_DIR / "tjänsteskrivelse.docx", folder)
    document = Document(TEMPLATES_DIR / "rapport.docx")
    change(document)
    document.save(folder / "rapport.docx")


def wider_margins(document) -> None:
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.5)


def test_tables_fit_inside_the_text_width_of_a_template_with_wider_margins(tmp_path):
    template_copy(tmp_path / "mallar", wider_margins)
    report = render_fast(EXAMPLE, tmp_path / "ut", templates=tmp_path / "mallar").written[0]
    document = Document(report)
    section = document.element.body.find(f"{W}sectPr")
    margins = section.find(f"{W}pgMar")
    text_width = (int(section.find(f"{W}pgSz").get(f"{W}w")) - int(margins.get(f"{W}left"))
                  - int(margins.get(f"{W}right")))
    assert abs(text_width - 9071) <= 1  # 21 cm − 2 × 2,5 cm
    widths = []
    for table in document.element.body.iter(f"{W}tbl"):
        declared = int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
        grid = sum(int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol"))
        assert declared <= text_width and grid <= text_width
        widths.append(grid)
    assert max(widths) >= text_width - 10  # the full-width tables use the width they have


def kept_rows(table) -> list[bool]:
    """Per row: is every paragraph in it kept with the next?"""
    return [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))
            for row in table.findall(f"{W}tr")]


def test_small_tables_are_kept_on_one_page_large_ones_may_break(tmp_path):
    from assembler.render.document import SMALL_TABLE_ROWS

    long_folder = minimal_folder(tmp_path / "lång")
    write_workbook(long_folder / "Gamma.xlsx", verksamhet_sheets("Verksamhet Gamma", [
        [f"Enhet {n}", -10, -6, -6, -10, -10, None] for n in range(SMALL_TABLE_ROWS + 5)],
        Ordning=3))
    tables = []
    for source in (EXAMPLE, long_folder):
        report = render_fast(source, tmp_path / f"ut-{source.name}").written[0]
        tables += list(Document(report).element.body.iter(f"{W}tbl"))
    small = [t for t in tables if len(t.findall(f"{W}tr")) <= SMALL_TABLE_ROWS]
    large = [t for t in tables if len(t.findall(f"{W}tr")) > SMALL_TABLE_ROWS]
    assert small and large
    for table in small:
        assert kept_rows(table) == [True] * (len(table.findall(f"{W}tr")) - 1) + [False]
    for table in large:
        assert not all(kept_rows(table)[1:-1])


# --- a template saved by LibreOffice --------------------------------------------------------

def libreoffice_copy(soffice, folder):
    folder.mkdir()
    subprocess.run([*soffice, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
                    str(TEMPLATES_DIR / "rapport.docx")], check=True, capture_output=True,
                   timeout=180)
    shutil.copy(TEMPLATES_DIR / "tjänsteskrivelse.docx", folder)
    return folder


@pytest.mark.render
def test_template_saved_by_libreoffice_still_gives_a_toc_with_leaders_and_pages(tmp_path,
                                                                               soffice):
    mallar = libreoffice_copy(soffice, tmp_path / "mallar")
    saved = Document(mallar / "rapport.docx")
    assert any(s.name == "TOC 1" for s in saved.styles)  # what LibreOffice renames it to
    result = run_report(EXAMPLE, RunOptions(out_dir=tmp_path / "ut", templates=mallar))
    assert result.ok
    document = Document(result.written[0])
    from assembler.render.wordxml import toc_paragraphs

    entries = toc_paragraphs(document.element.body)
    assert len(entries) > 5
    for p in entries:
        style = document.styles.element.get_by_id(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"))
        tab = style.find(f"{W}pPr/{W}tabs/{W}tab[@{W}val='right']")
        assert tab is not None and tab.get(f"{W}leader") == "dot"
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        assert text.rstrip()[-1].isdigit(), text  # the page number
    assert not template_codes(mallar / "rapport.docx")


def template_codes(path):
    return [(f.code, f.found, f.sheet) for f in run_template_check(path).findings]


def test_check_names_a_missing_toc_style(tmp_path):
    def drop_toc_styles(document):
        for style in list(document.styles.element):
            if style.get(f"{W}styleId") in ("TOC1", "TOC2"):
                document.styles.element.remove(style)
    template_copy(tmp_path / "mallar", drop_toc_styles)
    assert template_codes(tmp_path / "mallar" / "rapport.docx") == [
        ("M06-FORMAT-SAKNAS", "toc 1", ""), ("M06-FORMAT-SAKNAS", "toc 2", "")]
    report = render_fast(EXAMPLE, tmp_path / "ut", templates=tmp_path / "mallar").written[0]
    from assembler.render.wordxml import toc_paragraphs

    for p in toc_paragraphs(Document(report).element.body):  # the leaders all the same
        tab = p.find(f"{W}pPr/{W}tabs/{W}tab")
        assert tab.get(f"{W}leader") == "dot" and tab.get(f"{W}pos") == "9638"


def test_check_warns_for_a_picture_without_alt_text(tmp_path):
    def add_pictures(document):
        document.add_paragraph().add_run().add_picture(io.BytesIO(ONE_PIXEL_PNG))
        described = document.add_paragraph().add_run().add_picture(io.BytesIO(ONE_PIXEL_PNG))
        described._inline.docPr.set("descr", "Kommunens logotyp")
    template_copy(tmp_path / "mallar", add_pictures)
    assert template_codes(tmp_path / "mallar" / "rapport.docx") == [
        ("M08-ALT-TEXT", "", "brödtext, bild 1")]


FILLER_PARAGRAPHS = 33  # puts the table's first rows at the bottom of page 1


def document_with_table_at_page_bottom(path, small: bool) -> None:
    from decimal import Decimal

    from docx.oxml import parse_xml

    from assembler.render import document as render_docx
    from assembler.compute.tables import Column, Row, Table

    document = Document(TEMPLATES_DIR / "rapport.docx")
    body = document.element.body
    for child in list(body)[:-1]:  # keep the section properties
        body.remove(child)
    for n in range(FILLER_PARAGRAPHS):
        document.add_paragraph(f"Fyllnad {n}")
    table = Table("Status", [Column("Antal")], [Row(f"RAD{n}", [Decimal(n)]) for n in range(8)])
    limit = render_docx.SMALL_TABLE_ROWS
    render_docx.SMALL_TABLE_ROWS = limit if small else 0
    try:
        xml = render_docx.table_xml(table, render_docx.Styles(document), 9638)
    finally:
        render_docx.SMALL_TABLE_ROWS = limit
    document.paragraphs[-1]._p.addnext(parse_xml(xml.replace(
        "<w:tbl>", f'<w:tbl xmlns:w="{W[1:-1]}">', 1)))
    document.save(path)


@pytest.mark.render
def test_libreoffice_moves_a_small_table_whole_to_the_next_page(tmp_path, soffice):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas")
    document_with_table_at_page_bottom(tmp_path / "hel.docx", small=True)
    document_with_table_at_page_bottom(tmp_path / "delad.docx", small=False)
    subprocess.run([*soffice, "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "hel.docx"), str(tmp_path / "delad.docx")],
                   check=True, capture_output=True, timeout=180)

    def rows_per_page(name):
        pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n),
                                 str(tmp_path / f"{name}.pdf"), "-"],
                                capture_output=True, text=True).stdout for n in (1, 2)]
        return [sum(f"RAD{n}" in page for n in range(8)) for page in pages]

    assert 0 not in rows_per_page("delad")  # not kept together, it splits here
    assert rows_per_page("hel") == [0, 8]


def keeps_with_next(paragraph) -> bool:
    """Keep with next on the paragraph, else the nearest style in its chain that sets it."""
    if paragraph.paragraph_format.keep_with_next is not None:
        return paragraph.paragraph_format.keep_with_next
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def is_table_tag(text: str) -> bool:
    return text.startswith(("{{p tabell", "{{p tabeller"))


def lines_before_tables(path) -> list[str]:
    """The line that stands right before each table in a template (control tags skipped; a
    table or a block of text from Excel before it left out), when it does not keep with it."""
    loose, before = [], None
    for paragraph in Document(str(path)).paragraphs:
        text = paragraph.text.strip()
        if text.startswith("{%"):
            continue
        if is_table_tag(text) and before is not None and not keeps_with_next(before) \
                and not before.text.strip().startswith("{{p "):  # a table or a text block
            loose.append(before.text.strip())
        before = paragraph
    return loose


@pytest.mark.parametrize("path", sorted(TEMPLATES_DIR.rglob("*.docx")),
                         ids=lambda p: str(p.relative_to(TEMPLATES_DIR)))
def test_the_line_above_a_table_keeps_with_it(path):
    """A heading or its lead-in line never ends a page while its table starts the next (the
    Uppsala Bilaga 1 heading did)."""
    assert lines_before_tables(path) == []
