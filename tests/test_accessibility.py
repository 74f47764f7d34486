"""Accessible PDFs: outloud (a PDF/UA-1 and WCAG checker, test extra only) on every PDF of every
shipped example, and the finishing step (render/pdftags.py) on a PDF built here."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from assembler.app.options import RunOptions
from assembler.render import pdftags
from assembler.render.document import alt_texts
from assembler.render.office import find_soffice
from helpers import EXAMPLE, REPO, in_background, in_background_in_temp_folder, render_fast

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# each shipped example folder with its template set (None: the standard templates)
SHIPPED = {"exempel": None, "uppsala": "uppsala", "eskilstuna": "eskilstuna",
           "orebro-ks": "orebro-ks", "kvalitet": "kvalitet"}
MAX_WARNINGS = 5


@dataclass
class Checked:
    """One example made with --pdf, and outloud's verdict on each of its PDFs."""

    written: list[Path]
    verdicts: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)


def make_and_check(name: str, out: Path) -> Checked:
    import outloud

    from assembler.app.report import run_report

    templates = SHIPPED[name]
    result = run_report(REPO / "inputs" / name, RunOptions(
        out_dir=out, pdf=True, templates=REPO / "templates" / templates if templates else None))
    assert result.ok, [f.message for f in result.findings]
    checked = Checked(result.written)
    for pdf in (p for p in result.written if p.suffix == ".pdf"):
        verdict = outloud.check(str(pdf))
        assert verdict.error is None, verdict.error
        lines = [f"{f.rule} {f.severity} ×{f.count}: {f.message}" for f in verdict.findings
                 if f.severity in ("error", "warning")]
        checked.verdicts[pdf.name] = (verdict.errors, verdict.warnings, lines)
    return checked


def can_check() -> bool:
    return find_soffice() is not None and importlib.util.find_spec("outloud") is not None


_started: dict[str, Future] = {}


def start_early(config, selected) -> None:
    """The four runs with LibreOffice and their checks start with the test run (conftest.py)."""
    if not can_check() or not selected & {"test_every_pdf_passes_outloud",
                                          "test_charts_alt_texts_reach_the_pdf",
                                          "test_contents_entries_are_links_in_the_pdf"}:
        return
    for name in SHIPPED:
        _started[name] = in_background_in_temp_folder(
            config, f"assembler-ua-{name}-", lambda folder, name=name: (name, folder / "ut"),
            make_and_check)[1]


def checked(name: str, tmp_path: Path) -> Checked:
    if not can_check():
        pytest.skip("LibreOffice eller outloud saknas")
    future = _started.get(name) or in_background(make_and_check, name, tmp_path / "ut")
    return future.result()


@pytest.mark.render
@pytest.mark.parametrize("name", SHIPPED)
def test_every_pdf_passes_outloud(name, tmp_path):
    """PDF/UA-1 by outloud: no error and at most five warnings in any PDF of the example."""
    made = checked(name, tmp_path)
    assert len(made.verdicts) == len([p for p in made.written if p.suffix == ".docx"])
    for pdf, (errors, warnings, lines) in made.verdicts.items():
        assert errors == 0 and warnings <= MAX_WARNINGS, (pdf, lines)


@pytest.mark.render
def test_reference_fixture_pdfs_pass_outloud(fixture_with_pdf):
    """The reference case's PDFs (made once for the render tests) pass the same check."""
    outloud = pytest.importorskip("outloud")
    pdfs = [p for p in fixture_with_pdf if p.suffix == ".pdf"]
    assert len(pdfs) == 2
    for pdf in pdfs:
        verdict = outloud.check(str(pdf))
        lines = [f"{f.rule} ×{f.count}: {f.message}" for f in verdict.findings
                 if f.severity in ("error", "warning")]
        assert verdict.error is None and verdict.errors == 0, lines
        assert verdict.warnings <= MAX_WARNINGS, lines


@pytest.mark.render
def test_charts_alt_texts_reach_the_pdf(tmp_path):
    made = checked("exempel", tmp_path)
    report = made.written[0]
    wanted = alt_texts(report.read_bytes())
    assert len(wanted) == 3 and all(wanted)
    with pikepdf.open(report.with_suffix(".pdf")) as pdf:
        tree = pdf.Root.StructTreeRoot
        figures = [e for e in pdftags._elements(tree) if e.get("/S") == "/Figure"]
        assert [str(f.get("/Alt")) for f in figures] == wanted


@pytest.mark.render
def test_contents_entries_are_links_in_the_pdf(tmp_path):
    made = checked("exempel", tmp_path)
    report = made.written[0]
    with pikepdf.open(report.with_suffix(".pdf")) as pdf:
        page_of = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
        links = [a for a in pdf.pages[1].obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Link"]
        targets = [page_of[(a.get("/Dest") or a.A.D)[0].objgen] for a in links]
        texts = [str(a.get("/Contents", "")) for a in links]
    assert len(links) == 14
    # the entry `5.1 Enheternas delårsresultat och prognos …7` leads to page 7
    for text, target in zip(texts, targets, strict=False):
        assert text.rstrip().endswith(f"\t{target}"), (text, target)


# --- without LibreOffice --------------------------------------------------------------------

def test_contents_entries_link_to_bookmarked_headings_in_the_docx(tmp_path):
    report = render_fast(EXAMPLE, tmp_path / "ut").written[0]
    with zipfile.ZipFile(report) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) == 14 and len(set(anchors)) == 14
    headings = ["".join(t.text for t in bookmarks[anchor].iter(f"{W}t")) for anchor in anchors]
    entries = ["".join(t.text for t in h.iter(f"{W}t")) for h in body.iter(f"{W}hyperlink")]
    assert headings[0] == "Förslag till beslut" and entries[0].startswith("1. Förslag till beslut")
    assert all(entry.split(" ", 1)[-1].startswith(heading) or entry.startswith(heading)
               for entry, heading in zip(entries, headings, strict=False))


def tagged_pdf(*, empty_paragraphs: int = 1) -> bytes:
    """One page: a tagged paragraph, a line drawn outside any tag, a figure without /Alt, and
    empty paragraphs in the structure tree."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(
        b"/Standard <</MCID 0>> BDC BT /F1 12 Tf 10 150 Td (Text) Tj ET EMC\n"
        b"q 0 0 1 RG 10 140 m 190 140 l S Q\n"
        b"/Figure <</MCID 1>> BDC 10 10 50 50 re f EMC\n")
    document = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Document))
    text = pikepdf.Dictionary(S=pikepdf.Name("/Standard"), K=0, Pg=page.obj, P=document)
    figure = pikepdf.Dictionary(S=pikepdf.Name.Figure, K=1, Pg=page.obj, P=document)
    empty = [pikepdf.Dictionary(S=pikepdf.Name("/Standard"), Pg=page.obj, P=document)
             for _ in range(empty_paragraphs)]
    document.K = pikepdf.Array([pdf.make_indirect(e) for e in [*empty, text, figure]])
    pdf.Root.StructTreeRoot = pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=document,
        RoleMap=pikepdf.Dictionary({"/Standard": pikepdf.Name.P}))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def structure(data: bytes) -> list[tuple[str, str | None]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(str(e.S), str(e.Alt) if "/Alt" in e else None)
                for e in pdftags._elements(pdf.Root.StructTreeRoot)]


def untagged_paints(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        depth, loose = 0, 0
        for instruction in pikepdf.parse_content_stream(pdf.pages[0]):
            operator = str(instruction.operator)
            depth += operator in ("BDC", "BMC")
            depth -= operator == "EMC"
            loose += depth == 0 and operator in pdftags.PATH_PAINTING
        return loose


def test_finishing_sets_alt_drops_empty_paragraphs_and_marks_lines_as_artifacts():
    before = tagged_pdf(empty_paragraphs=2)
    assert untagged_paints(before) == 1
    after = pdftags.finish(before, ["Stapeldiagram över avvikelsen"])
    assert structure(after) == [("/Document", None), ("/Standard", None),
                                ("/Figure", "Stapeldiagram över avvikelsen")]
    assert untagged_paints(after) == 0


def test_alt_texts_are_not_guessed_when_their_number_does_not_match_the_figures():
    after = pdftags.finish(tagged_pdf(), ["Ett", "Två"])
    assert ("/Figure", None) in structure(after)


def test_finishing_is_byte_stable():
    before = tagged_pdf()
    assert pdftags.finish(before, ["Diagram"]) == pdftags.finish(before, ["Diagram"])


@pytest.mark.render
def test_the_kommun_report_and_its_namnd_pdfs_pass_outloud(tmp_path):
    """`assemble kommun --pdf`: the kommun's report and every nämnd's PDFs are finished for
    PDF/UA like a nämnd's own run (alt texts, empty elements, artifacts)."""
    if not can_check():
        pytest.skip("LibreOffice eller outloud saknas")
    import outloud

    from assembler.app.kommun import run_kommun

    result = run_kommun(REPO / "inputs" / "kommun", RunOptions(out_dir=tmp_path / "ut", pdf=True))
    assert result.ok, [f.message for f in result.findings]
    pdfs = [p for p in result.written if p.suffix == ".pdf"]
    assert len(pdfs) == len([p for p in result.written if p.suffix == ".docx"]) > 7
    for pdf in pdfs:
        verdict = outloud.check(str(pdf))
        assert verdict.error is None and verdict.errors == 0, (pdf.name, verdict.findings)
        assert verdict.warnings <= MAX_WARNINGS, (pdf.name, verdict.findings)
