"""Issue 21, item 4: render returns what went wrong as data (the Word part, the paragraph, the
error), verify turns it into findings, and `report` and `templates check` fill a template in in
one way, so a broken template gives both the same findings at the same places."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from jinja2 import TemplateSyntaxError, UndefinedError

from assembler.app.report import TEMPLATES_DIR, example_context, run_template_check
from assembler.render.document import Rendered, render
from assembler.render.located import UnreadableTemplate
from helpers import minimal_folder, render_fast

PROPERTIES = dict(title="t", subject="s", author="a", moment=None)


@pytest.fixture(scope="module")
def context():
    return example_context()


def broken_memo(path: Path, body: list[str], footer: list[str] = ()) -> Path:
    """The shipped memo with these paragraphs added at the end of its body and its footer."""
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    for text in body:
        document.add_paragraph(text)
    for text in footer:
        document.sections[0].footer.add_paragraph(text)
    document.save(path)
    return path


def in_folder(tmp_path: Path, name: str, body: list[str], footer: list[str] = ()) -> Path:
    folder = tmp_path / "mallar"
    folder.mkdir(exist_ok=True)
    broken_memo(folder / name, body, footer)
    return folder


def template_findings(findings) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in findings if f.code.startswith("M")]


def test_render_returns_every_failure_with_its_place_instead_of_raising(tmp_path, context):
    path = broken_memo(tmp_path / "mall.docx", ["{{ finns_inte_i_brodtexten }}"],
                       ["Sida {{ sidfoten_ar_trasig "])
    rendered = render(path, context, **PROPERTIES)
    assert isinstance(rendered, Rendered) and rendered.data == b""
    body, footer = rendered.failures
    assert isinstance(body.cause, UndefinedError)
    assert body.place.part == "brödtext" and body.place.where.startswith("stycke ")
    assert body.place.text == "{{ finns_inte_i_brodtexten }}"
    assert isinstance(footer.cause, TemplateSyntaxError)
    assert footer.place.part == "sidfot" and footer.place.text == "Sida {{ sidfoten_ar_trasig"


def test_a_template_that_renders_carries_its_tree_and_no_failures(tmp_path, context):
    rendered = render(broken_memo(tmp_path / "mall.docx", ["Hej {{ namnd }}."]), context,
                      **PROPERTIES)
    assert rendered.failures == () and rendered.data.startswith(b"PK")
    assert rendered.body is not None and "Normal" in rendered.style_names.values()


def test_a_broken_body_and_footer_are_the_same_findings_in_report_and_check(tmp_path):
    folder = in_folder(tmp_path, "bilaga.docx", ["Nämnden {{ finns_inte_i_bilagan }}."],
                       ["{% if namnd %}sidfot utan slut"])
    checked = template_findings(run_template_check(folder).findings)
    reported = template_findings(render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                                             templates=folder).findings)
    assert [code for code, _ in checked] == ["M02-OKAND-VARIABEL", "M01-SYNTAX"]
    assert checked[0][1].startswith("bilaga.docx › brödtext › stycke ")
    assert checked[1][1] == "bilaga.docx › sidfot › stycke 2"
    assert reported == checked
    assert not (tmp_path / "ut").exists()


def test_a_template_past_the_sandbox_limits_is_one_finding_and_the_rest_is_not_tried(tmp_path):
    folder = in_folder(tmp_path, "bilaga.docx",
                       ["{% macro om() %}{{ om() }}{% endmacro %}{{ om() }}"],
                       ["{{ sidfoten_provas_inte }}"])
    checked = template_findings(run_template_check(folder).findings)
    reported = template_findings(render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                                             templates=folder).findings)
    assert [code for code, _ in checked] == ["M07-MALLGRANS"]
    assert reported == checked


def test_a_file_word_cannot_open_is_m05_in_report_and_check(tmp_path, context):
    folder = tmp_path / "mallar"
    folder.mkdir()
    with zipfile.ZipFile(folder / "bilaga.docx", "w") as archive:
        archive.writestr("word/document.xml", "inte xml")
    assert isinstance(render(folder / "bilaga.docx", context, **PROPERTIES).failures[0].cause,
                      UnreadableTemplate)
    checked = template_findings(run_template_check(folder).findings)
    reported = template_findings(render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                                             templates=folder).findings)
    assert checked == reported == [("M05-MALL-SAKNAS", "bilaga.docx")]
