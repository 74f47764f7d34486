"""Documents Word opens without offering to repair them, with clean properties, a heading
structure without gaps, and a PDF the kommun may publish (EN 301 549 / WCAG 2.1 AA)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from assembler.app.report import TEMPLATES_DIR
from helpers import EXAMPLE, FIXTURE, W, annual_folder, render_fast

CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"


def audit(path: Path) -> list[str]:
    """openxml-audit's errors and warnings: what makes Word offer to repair the file."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=0).validate(path)
    return [f"{e.severity.value}: {e.description} ({e.part_uri} {e.path})" for e in result.errors]


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, list[Path]]:
    """Every document the tool writes for the example, the fixture and an Årsberättelse."""
    out = tmp_path_factory.mktemp("word_valid")
    folders = {"exempel": EXAMPLE, "årsberättelse": annual_folder(out / "årsberättelse-in")}
    if FIXTURE.is_dir():
        folders["fixture"] = FIXTURE
    written = {}
    for name, folder in folders.items():
        result = render_fast(folder, out / name)
        assert result.ok, [f.message for f in result.findings]
        written[name] = result.written
    return written


@pytest.mark.slow
@pytest.mark.parametrize("template", ["rapport.docx", "tjänsteskrivelse.docx"])
def test_templates_pass_openxml_audit(template):
    assert audit(TEMPLATES_DIR / template) == []


@pytest.mark.slow
@pytest.mark.parametrize("source", ["exempel", "årsberättelse", "fixture"])
def test_every_produced_document_passes_openxml_audit(produced, source):
    if source not in produced:
        pytest.skip("../shared/fixtures saknas")
    assert len(produced[source]) == 2
    for path in produced[source]:
        assert audit(path) == [], path.name


@pytest.mark.render
def test_report_with_toc_page_numbers_passes_openxml_audit(fixture_docx_with_pages):
    assert audit(fixture_docx_with_pages) == []


def core_properties(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("docProps/core.xml"))
    found: dict[str, list[str]] = {}
    for child in root:
        found.setdefault(child.tag, []).append(child.text or "")
    return found


def test_core_properties_written_once_in_their_own_namespace(produced):
    report, memo = produced["exempel"]
    props = core_properties(report)
    assert props[f"{DC}title"] == ["Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden"]
    assert props[f"{CORE}lastModifiedBy"] == ["Kultur- och fritidsförvaltningen"]
    assert props[f"{CORE}revision"] == ["1"]
    assert props[f"{DC}language"] == ["sv-SE"]
    assert all(tag.startswith((CORE, DC, "{http://purl.org/dc/terms/}")) for tag in props)
    assert f"{DC}description" not in props  # the template's own description is not carried
    assert core_properties(memo)[f"{DC}title"] == [
        "Tjänsteskrivelse: Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden"]


def test_no_template_leftovers(produced):
    for path in produced["exempel"]:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            app = package.read("docProps/app.xml").decode()
        assert "docProps/thumbnail.jpeg" not in names
        assert "word/stylesWithEffects.xml" not in names
        assert "Macintosh" not in app and "<Application>assembler</Application>" in app


@pytest.mark.render
def test_toc_with_page_numbers_does_not_ask_to_update_fields(fixture_docx_with_pages):
    fixture_docx = fixture_docx_with_pages
    body = Document(fixture_docx).element.body
    begins = [f for f in body.iter(f"{W}fldChar") if f.get(f"{W}fldCharType") == "begin"]
    assert begins and all(f.get(f"{W}dirty") is None for f in begins)
    with zipfile.ZipFile(fixture_docx) as package:
        assert b"updateFields" not in package.read("word/settings.xml")


# --- headings -------------------------------------------------------------------------------

def outline_levels(path: Path) -> list[tuple[int, str]]:
    """(level 1–9, text) of each heading in body order: the paragraph's own outline level, else
    its style's (following basedOn), as Word, LibreOffice and the PDF's tags see it."""
    document = Document(path)
    by_id = {s.element.get(f"{W}styleId"): s.element for s in document.styles}

    def style_level(style_id):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = by_id.get(style_id)
            if style is None:
                return None
            level = style.find(f"{W}pPr/{W}outlineLvl")
            if level is not None:
                return int(level.get(f"{W}val"))
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    found = []
    for p in document.element.body.iter(f"{W}p"):
        own = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        level = int(own.get(f"{W}val")) if own is not None else style_level(
            style.get(f"{W}val") if style is not None else None)
        text = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
        if level is not None and level < 9 and text:
            found.append((level + 1, text))
    return found


def skipped_levels(headings: list[tuple[int, str]]) -> list[str]:
    skips, previous = [], 0
    for level, text in headings:
        if level > previous + 1:
            skips.append(f"H{previous}→H{level} {text}")
        previous = level
    return skips


@pytest.mark.parametrize("source", ["exempel", "årsberättelse", "fixture"])
def test_no_heading_skips_a_level(produced, source):
    if source not in produced:
        pytest.skip("../shared/fixtures saknas")
    for path in produced[source]:
        headings = outline_levels(path)
        assert headings, path.name
        assert skipped_levels(headings) == [], path.name


def test_memo_headings_are_real_headings(produced):
    memo = produced["exempel"][1]
    titles = [text for level, text in outline_levels(memo) if level == 1]
    assert {"Förslag till beslut", "Sammanfattning", "Beslutsunderlag"} <= set(titles)


def test_sub_headings_stay_out_of_the_toc(produced):
    """Levels come from the paragraphs, so the TOC keeps listing what it listed before."""
    from assembler.render.wordxml import toc_entry_text, toc_paragraphs

    report = Document(produced["exempel"][0])
    entries = [toc_entry_text(p) for p in toc_paragraphs(report.element.body)]
    assert "Kultur- och fritidsnämnden förslag till Kultur- och fritidsnämnden" not in entries
    assert not any(e in ("Beslutsunderlag", "Effektivisering", "Bibliotek") for e in entries)
    assert any(e.startswith("5.1 ") for e in entries)


def test_every_picture_has_alt_text(produced):
    for path in produced["exempel"] + produced["årsberättelse"]:
        document = Document(path)
        pictures = list(document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
        assert all(p.get("descr") for p in pictures), path.name


# --- the PDF --------------------------------------------------------------------------------

@pytest.mark.render
def test_pdf_is_tagged_with_a_pdf_ua_identifier(fixture_with_pdf):
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo saknas")
    pdf = next(p for p in fixture_with_pdf if p.suffix == ".pdf" and "Tjänste" not in p.name)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M), info
    metadata = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True,
                              text=True).stdout
    assert "pdfuaid:part" in metadata or "pdfuaid" in metadata


def test_every_heading_keeps_with_what_follows(produced):
    """No heading is left alone at the bottom of a page."""
    report = produced["exempel"][0]
    document = Document(report)
    keeping = {s.element.get(f"{W}styleId") for s in document.styles
               if s.element.find(f"{W}pPr/{W}keepNext") is not None}
    from assembler.render.wordxml import toc_paragraphs

    headings = {text for _, text in outline_levels(report)}
    toc = set(toc_paragraphs(document.element.body))
    for p in document.element.body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
        if text not in headings or p in toc:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        direct = p.find(f"{W}pPr/{W}keepNext") is not None
        assert direct or (style is not None and style.get(f"{W}val") in keeping), text
