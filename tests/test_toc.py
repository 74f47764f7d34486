"""The template's table of contents: its field keeps its switches and levels, a heading has
the number Word shows (none when its style is unnumbered), and each entry links to its
heading; with LibreOffice every entry gets its page number."""

from __future__ import annotations

import re

import pytest
from docx import Document

from assembler.app.options import RunOptions
from assembler.app.report import EXAMPLE_DIR, TEMPLATES_DIR, run_report
from assembler.render.wordxml import parse_toc_instruction
from helpers import W, minimal_folder, render_fast

INSTRUCTION = ' TOC \\o "1-3" \\h \\z '


def three_level_template(tmp_path, instruction: str = INSTRUCTION):
    """The default report template with a 3-level TOC field, a numbered Heading 3 and a
    Heading 2 whose numbering is switched off on the paragraph."""
    folder = tmp_path / "mallar"
    folder.mkdir(exist_ok=True)
    document = Document(TEMPLATES_DIR / "rapport.docx")
    for instr in document.element.body.iter(f"{W}instrText"):
        if instr.text.strip().startswith("TOC"):
            instr.text = instruction
    document.add_paragraph("Kvalitet", style="Heading 1")
    document.add_paragraph("Mål och ambitioner", style="Heading 2")
    document.add_paragraph("Läsfrämjande", style="Heading 3")
    plain = document.add_paragraph("Utan nummer", style="Heading 2")
    plain.paragraph_format.element.get_or_add_pPr()  # numbering off on the paragraph:
    from docx.oxml import parse_xml
    plain._p.pPr.append(parse_xml(
        f'<w:numPr xmlns:w="{W[1:-1]}"><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    document.add_paragraph("Fördjupning", style="Heading 3")
    document.save(folder / "rapport.docx")
    return folder


def toc_entries(path) -> list[tuple[str, str]]:
    document = Document(path)
    return [(p.style.name, p.text) for p in document.paragraphs
            if re.fullmatch(r"toc \d", p.style.name.lower())]


def test_instruction_switches_are_read():
    toc = parse_toc_instruction(' TOC \\o "1-3" \\h \\z \\u ')
    assert (toc.first, toc.last, toc.links, toc.outline) == (1, 3, True, True)
    styled = parse_toc_instruction(' TOC \\t "Rubrik kapitel;1;Rubrik avsnitt;2" ')
    assert styled.styles == (("Rubrik kapitel", 1), ("Rubrik avsnitt", 2))
    assert styled.level(1) is None  # only the named styles
    assert parse_toc_instruction(" TOC ").level(4) == 4


def test_three_levels_and_the_instruction_are_kept(tmp_path):
    report = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=three_level_template(tmp_path)).written[0]
    document = Document(report)
    instruction = "".join(t.text for t in document.element.body.iter(f"{W}instrText")
                          if "TOC" in t.text)
    assert instruction == INSTRUCTION
    entries = [(style, text.split("\t")[0]) for style, text in toc_entries(report)]
    last_chapter = entries[-5][1].split(".")[0]
    assert entries[-5:] == [
        ("toc 1", f"{last_chapter}. Kvalitet"),
        ("toc 2", f"{last_chapter}.1 Mål och ambitioner"),
        ("toc 3", f"{last_chapter}.1.1 Läsfrämjande"),
        ("toc 2", "Utan nummer"),  # no invented "6.2"
        ("toc 3", f"{last_chapter}.1.2 Fördjupning")]


def test_unnumbered_headings_get_no_number(tmp_path):
    report = render_fast(EXAMPLE_DIR, tmp_path / "ut").written[0]
    texts = [text.split("\t")[0] for _, text in toc_entries(report)]
    unnumbered = [t for t in texts if not t[0].isdigit()]
    assert unnumbered == ["Händelser av väsentlig betydelse och förväntad utveckling"]


def test_entries_link_to_bookmarks_on_their_headings(tmp_path):
    report = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=three_level_template(tmp_path)).written[0]
    body = Document(report).element.body
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    links = [(h.get(f"{W}anchor"), "".join(t.text for t in h.iter(f"{W}t")))
             for h in body.iter(f"{W}hyperlink")]
    assert len(links) == len(toc_entries(report)) > 5
    for anchor, text in links:
        heading = bookmarks[anchor]
        heading_text = "".join(t.text for t in heading.iter(f"{W}t"))
        assert text.strip().endswith(heading_text), (text, heading_text)
    ids = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))


def test_without_the_link_switch_entries_are_plain_text(tmp_path):
    templates = three_level_template(tmp_path, ' TOC \\o "1-2" \\z ')
    report = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=templates).written[0]
    body = Document(report).element.body
    assert not list(body.iter(f"{W}hyperlink"))
    assert {style for style, _ in toc_entries(report)} == {"toc 1", "toc 2"}


@pytest.mark.render
def test_every_level_gets_its_page_number_and_links_in_the_pdf(tmp_path):
    from pypdf import PdfReader

    result = run_report(minimal_folder(tmp_path / "in"), RunOptions(
        out_dir=tmp_path / "ut", templates=three_level_template(tmp_path), pdf=True))
    assert result.ok
    entries = toc_entries(result.written[0])
    assert entries and all(text.split("\t")[1].strip().isdigit() for _, text in entries), entries
    pdf = next(p for p in result.written if p.suffix == ".pdf" and p.stem == result.written[0].stem)
    links = [a.get_object() for page in PdfReader(pdf).pages for a in page.get("/Annots") or []
             if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) >= len(entries)
