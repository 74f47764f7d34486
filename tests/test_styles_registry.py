"""Issue 21, item 3: the styles the tool writes in are declared once (assembler/render/styles.py)
and found in a template by their identity; render, the template check, the output check and
the tools that build the shipped templates all use that declaration."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from docx import Document

from assembler.render import styles as st
from assembler.verify.templates import missing_styles

REPO = Path(__file__).resolve().parents[1]
# the same words meaning something else: a sheet's column header, a PDF structure tag
OTHER_MEANINGS = {("contract/sheets.py", "Fotnot"), ("render/pdftags.py", "Caption"),
                  ("contract/findings.py", "toc 1")}  # M06's example in docs/regler.md


def test_no_style_name_is_written_outside_the_registry():
    names = {style.name for style in st.STYLES}
    found = []
    for path in sorted((REPO / "assembler").rglob("*.py")):
        module = path.relative_to(REPO / "assembler").as_posix()
        if module == "render/styles.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names and \
                    (module, node.value) not in OTHER_MEANINGS:
                found.append((module, node.lineno, node.value))
    assert found == []


def test_the_required_styles_are_the_table_list_and_heading_styles():
    assert st.REQUIRED == ["Ekonomitabell", "Tabelltext", "Tabelltal", "Tabellhuvud",
                           "Tabellhuvud tal", "Tabellpunkt", "Tabellavstånd", "Summarad",
                           "Varavrad", "Fotnot", "Heading 1", "Heading 2", "Heading 3",
                           "Rubrik onumrerad", "List Bullet"]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("template", ["rapport.docx", "tjänsteskrivelse.docx"])
def test_the_shipped_templates_have_every_declared_style_of_its_kind(template):
    document = Document(REPO / "templates" / template)
    styles = st.Styles(document)
    kinds = {style.get(f"{W}styleId"): style.get(f"{W}type")
             for style in document.styles.element.iter(f"{W}style")}
    for style in st.STYLES:
        if style.required or style in (st.TOC[1], st.TOC[2]):
            found = styles.id(style)
            assert found is not None, style.name
            assert kinds[found] == style.kind.value, style.name


def test_a_style_is_found_by_its_identity_not_its_display_name(tmp_path):
    """LibreOffice saves Word's `toc 1` as `TOC 1` (id Contents1) and a kansli may rename a
    built-in heading in Word: the id still finds it."""
    document = Document(REPO / "templates" / "rapport.docx")
    for style in document.styles.element.iter(f"{W}style"):
        if style.get(f"{W}styleId") == "TOC1":
            style.set(f"{W}styleId", "Contents1")
            style.find(f"{W}name").set(f"{W}val", "TOC 1")
        if style.get(f"{W}styleId") == "Heading2":
            style.find(f"{W}name").set(f"{W}val", "Rubrik nivå två")
    styles = st.Styles(document)
    assert styles.id(st.TOC[1]) == "Contents1"
    assert styles.id(st.HEADINGS[2]) == "Heading2"
    assert "toc 1" not in missing_styles(document) and "Heading 2" not in missing_styles(document)


def test_a_template_without_a_declared_style_is_warned_about_by_its_name(tmp_path):
    document = Document(REPO / "templates" / "rapport.docx")
    for style in list(document.styles.element.iter(f"{W}style")):
        if style.find(f"{W}name").get(f"{W}val") == st.TABLE_SPACING.name:
            style.getparent().remove(style)
    assert missing_styles(document) == [st.TABLE_SPACING.name]


def test_the_mark_of_a_status_takes_the_style_of_the_older_word_too():
    document = Document(REPO / "templates" / "rapport.docx")
    styles = st.Styles(document)
    assert styles.status("Ej påbörjat") == styles.id("Status Ej påbörjad") is not None
    assert styles.status("Pågår") == styles.id("Status Pågår") is not None


# --- no section numbers in code -----------------------------------------------------------

SECTION_NUMBER = re.compile(r"(?<![\d,./\w])[1-9]\.[1-9](?![\d.])")


def test_no_message_or_doc_of_the_tool_names_a_section_by_its_number():
    """One kommun's chapter numbers (`5.2–5.4`) are not another's: a message names the table
    or the heading the template gives, never a number. Docstrings and comments may."""
    found = []
    for path in sorted((REPO / "assembler").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [(path.name, node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and SECTION_NUMBER.search(node.value)]
    assert found == []


def test_the_detector_would_see_a_section_number():
    assert SECTION_NUMBER.search("nämndens tabeller (5.2–5.4)")
    assert not SECTION_NUMBER.search("1,5 procent") and not SECTION_NUMBER.search("/1.1/")
