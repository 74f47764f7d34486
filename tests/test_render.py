"""The produced .docx as Word and LibreOffice see it."""

import re
import shutil
import subprocess

import pytest
from docx import Document

from helpers import EXAMPLE, W, docx_text, minimal_folder, render_fast, write_workbook

FORBIDDEN = [r"#####", r"#DIV/0!", r"\bNone\b", r"\bnan\b", r"\{\{", r"\{%", r"\binf\b"]


def assert_no_leaks(text: str) -> None:
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text, flags=re.I), pattern


def pdf_text(pdf) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.render
def test_fixture_converts_to_pdf_without_leaks(fixture_with_pdf):
    report = fixture_with_pdf[0]
    text = pdf_text(report.with_suffix(".pdf"))
    assert "Enheternas delårsresultat och prognos" in text
    assert "14 682" in text.replace("\u00a0", " ")
    assert_no_leaks(text)


def test_docx_text_has_no_leaks(fixture_docx):
    text = docx_text(fixture_docx)
    assert_no_leaks(text)


def test_same_inputs_give_byte_identical_files(tmp_path, reference_folder, fixture_docx):
    again = render_fast(reference_folder, tmp_path / "b").written[0]
    assert again.name == fixture_docx.name and again.read_bytes() == fixture_docx.read_bytes()


def test_tables_repeat_header_rows_and_rows_do_not_split(fixture_docx):
    document = Document(fixture_docx)
    for table in document.tables:
        rows = table._tbl.findall(W + "tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert table.style.name == "Ekonomitabell"


def test_number_cells_right_aligned_totals_bold_varav_italic(fixture_docx):
    document = Document(fixture_docx)
    table = next(t for t in document.tables
                 if t.rows[0].cells[0].text.startswith("Vuxenutbildnings- och"))
    for row in table.rows:
        assert row.cells[0].paragraphs[0].style.name in ("Tabelltext", "Tabellhuvud")
        assert row.cells[1].paragraphs[0].style.name in ("Tabelltal", "Tabellhuvud tal")
    by_label = {row.cells[0].text: row for row in table.rows}
    total_run = by_label["Nettokostnad"].cells[-1].paragraphs[0].runs[0]
    assert total_run.style.name == "Summarad" and total_run.style.font.bold
    varav_run = by_label["- varav planeringsreserv"].cells[1].paragraphs[0].runs[0]
    assert varav_run.style.name == "Varavrad" and varav_run.style.font.italic


def test_toc_field_lists_every_numbered_heading(fixture_docx):
    document = Document(fixture_docx)
    body = document.element.body
    instr = "".join(t.text for t in body.iter(W + "instrText"))
    assert "TOC" in instr
    toc_lines = [p for p in document.paragraphs if p.style.name.startswith("toc")]
    texts = [p.text.split("\t")[0] for p in toc_lines]
    assert texts == [
        "1. Förslag till beslut", "2. Förvaltningschefens bedömning och analys",
        "Händelser av väsentlig betydelse och förväntad utveckling",
        "3. Sammanfattande iakttagelser",
        "4. Nämndens bidrag till utveckling inom Kommunfullmäktiges mål",
        "4.1 Målområde 1 Örebro i sin fulla kraft",
        "4.2 Målområde 2 Lärande, utbildning och arbete genom hela livet i Örebro",
        "4.3 Målområde 3 Ett tryggt och gott liv för alla i Örebro",
        "4.4 Målområde 4 Örebro skapar livsmiljöer för god livskvalitet",
        "4.5 Målområde 5 Ett klimatpositivt Örebro med friska ekosystem och god biologisk "
        "mångfald",
        "4.6 Målområde 6 Hållbara och resurseffektiva Örebro",
        "5. Analysunderlag – ekonomi", "5.1 Enheternas delårsresultat och prognos",
        "5.2 Intäkts- och kostnadsutveckling", "5.3 Verksamheternas delårsresultat och prognos",
        "5.4 Investeringar", "6. Fem år i sammandrag"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings] == [t.split(" ", 1)[1] for t in texts if t[0].isdigit()
                                     and "." not in t.split(" ")[0][:-1]]


def test_core_properties(fixture_docx):
    props = Document(fixture_docx).core_properties
    assert props.title == ("Delårsrapport med prognos 2 2021 – "
                           "Vuxenutbildnings- och arbetsmarknadsnämnden")
    assert props.language == "sv-SE"
    assert props.subject == "Vuxenutbildnings- och arbetsmarknadsnämnden"
    assert props.author == "Förvaltningen för arbete och vuxenutbildning"
    assert props.created.date().isoformat() == "2021-09-24"


def test_text_from_excel_is_data_not_template_code(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": [["Fält", "Värde"], ["Kommun", "K & <K>"], ["Nämnd", "Nämnd & Co <test>"],
                    ["Rapporttyp", "Delårsrapport 2"], ["År", 2024], ["Period till och med", 8]],
        "Text": [["Avsnitt", "Text"],
                 ["Sammanfattande bedömning", "{{ 7*7 }} och {% if true %}x{% endif %} & <b>"],
                 ["Ekonomisk analys", "Rad ett\n- punkt & mer\n• punkt två"]],
    })
    result = render_fast(folder, tmp_path / "out")
    assert result.ok
    text = docx_text(result.written[0])
    assert "{{ 7*7 }} och {% if true %}x{% endif %} & <b>" in text
    assert "49" not in text
    assert "Nämnd & Co <test>" in text
    document = Document(result.written[0])
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["punkt & mer", "punkt två"]


def test_example_folder_renders(tmp_path):
    result = render_fast(EXAMPLE, tmp_path)
    assert result.ok, [f.message for f in result.findings]
    text = docx_text(result.written[0])
    assert "Kultur- och fritidsnämnden" in text
    assert "- varav Utvecklingsreserv" in text  # a verksamhet shown by its enheter
    assert "Förändring mot föregående prognos" in text  # Prognos fg delår given


def test_docxtpl_listing_pass_runs_only_for_control_characters_in_text():
    from assembler.render import wordxml

    assert wordxml.has_listing_characters('<w:p><w:r><w:t xml:space="preserve">a\nb</w:t>')
    assert wordxml.has_listing_characters("<w:t>a\tb</w:t>")
    assert not wordxml.has_listing_characters('<?xml version="1.0"?>\n<w:p>\n<w:r><w:t>a</w:t>'
                                              "</w:r>\n</w:p>\n<w:tbl>\t</w:tbl>")


def test_compiled_templates_are_cached_between_runs_and_a_bad_cache_file_is_ignored(
        tmp_path, monkeypatch):
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from assembler.render import sandbox

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    source = "{{ namn | upper }} har {{ antal }} enheter"
    first = sandbox.sandbox_environment().from_string(source).render(namn="ab", antal=3)
    cached = list(tmp_path.rglob("*.code"))
    assert first == "AB har 3 enheter" and len(cached) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("kompilerades igen")

    with monkeypatch.context() as patched:
        patched.setattr(ImmutableSandboxedEnvironment, "compile", no_compiling)
        assert sandbox.sandbox_environment().from_string(source).render(
            namn="cd", antal=4) == "CD har 4 enheter"
    cached[0].write_bytes(b"trasig")
    assert sandbox.sandbox_environment().from_string(source).render(
        namn="ef", antal=5) == "EF har 5 enheter"
    # another environment shape (no autoescape) compiles its own code
    sandbox.sandbox_environment(autoescape=False).from_string(source).render(namn="", antal=1)
    assert len(list(tmp_path.rglob("*.code"))) == 2
