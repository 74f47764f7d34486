"""The kansli's templates: the tjänsteskrivelse, overriding templates, `templates check` and
`templates vars`, and the table of contents with page numbers."""

import re

import pytest
from click.testing import CliRunner
from docx import Document

from assembler.app.options import RunOptions
from assembler.cli.commands import main
from assembler.app.report import TEMPLATES_DIR, example_context, run_report
from assembler.render import office
from assembler.verify.templates import variables_markdown
from helpers import (REPO, W, docx_tables, docx_text, find_table, minimal_folder,
                     render_fast, table_row)

NAMND = "Vuxenutbildnings- och arbetsmarknadsnämnden"


@pytest.fixture(scope="module")
def fixture_memo(tmp_path_factory, reference_folder):
    result = render_fast(reference_folder, tmp_path_factory.mktemp("memo"))
    return result.written


def test_memo_quotes_the_reports_figures(fixture_memo):
    report, memo = fixture_memo
    assert memo.name.startswith("Tjänsteskrivelse")
    text = docx_text(memo)
    assert f"{NAMND} beslutar" in text
    deviation = table_row(find_table(docx_tables(report), NAMND), "Nettokostnad")[-1]
    assert f"+{deviation} tkr inklusive intraprenader" in text.replace("\u00a0", " ")
    document = Document(memo)
    clauses = [p for p in document.paragraphs if re.match(r"\d+\.\tatt ", p.text)]
    assert [p.text for p in clauses] == [
        "1.\tatt fastställa Delårsrapport med prognos 2 för 2021, samt",
        "2.\tatt överlämna delårsrapporten till Kommunstyrelsen för vidare hantering."]
    for paragraph in clauses:
        att = next(r for r in paragraph.runs if r.text == "att")
        assert att.bold
    assert "Beslutsunderlag" in text
    assert f"Delårsrapport med prognos 2 2021, {NAMND}" in text
    assert "VAN 2021/118" in text and "Anna Exempel" in text


def test_att_sats_column_gives_the_memo_wording(tmp_path):
    from helpers import RAPPORT, write_workbook
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Beslut": [
        ["Nr", "Beslutspunkt", "Att-sats"],
        [1, "Testnämnden godkänner rapporten.", "godkänna rapporten"],
        [2, "Testnämnden lägger informationen till handlingarna.", None],
        [3, "att skicka rapporten vidare", None]]})
    memo = render_fast(folder, tmp_path / "ut").written[1]
    clauses = [p.text for p in Document(memo).paragraphs if "\tatt " in p.text]
    assert clauses == ["1.\tatt godkänna rapporten,",
                       "2.\tatt testnämnden lägger informationen till handlingarna, samt",
                       "3.\tatt skicka rapporten vidare."]


def test_template_folder_overriding_only_the_memo(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    memo = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    memo.add_paragraph("Egen mall för {{ namnd }}")
    memo.save(templates / "tjänsteskrivelse.docx")
    report, memo_out = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                                   templates=templates).written
    assert "Egen mall för Testnämnden" in docx_text(memo_out)
    assert "Egen mall" not in docx_text(report)
    assert "Enheternas delårsresultat och prognos" in docx_text(report)


def check(*args):
    result = CliRunner().invoke(main, ["templates", "check", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def broken_template(tmp_path, text):
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    document.add_paragraph(text)
    path = tmp_path / "trasig.docx"
    document.save(path)
    return path


def test_shipped_templates_pass_the_check():
    code, output = check()
    assert code == 0 and "Mallarna går att fylla i" in output


def test_check_names_an_unknown_variable(tmp_path):
    code, output = check(broken_template(tmp_path, "Hej {{ nämndnamn }}"))
    assert code == 2
    assert "Variabeln ”nämndnamn” finns inte" in output and "M02-OKAND-VARIABEL" in output


def test_check_locates_a_syntax_error(tmp_path):
    code, output = check(broken_template(tmp_path, "Trasig {{ namnd } här"))
    assert code == 2 and "M01-SYNTAX" in output
    count = len(Document(TEMPLATES_DIR / "tjänsteskrivelse.docx").paragraphs) + 1
    assert f"brödtext › stycke {count} " in output  # as a person counts them in Word
    assert "”Trasig {{ namnd } här”" in output


def test_check_refuses_a_sandbox_escape(tmp_path):
    code, output = check(broken_template(tmp_path, "{{ ''.__class__.__mro__ }}"))
    assert code == 2 and "M03-SANDLADA" in output and "Nekades" in output
    assert "åtkomst till ”__class__” är inte tillåten" in output


def test_rendering_refuses_a_sandbox_escape_too(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    broken_template(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}").rename(
        templates / "tjänsteskrivelse.docx")
    result = CliRunner().invoke(main, ["report", "--fast", str(minimal_folder(tmp_path / "in")),
                                       "-o", str(tmp_path / "ut"), "--mallar", str(templates)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "ut").exists()


def test_variable_reference_is_current():
    """docs/mallvariabler.md is generated from the context model; a test never rewrites it."""
    path = REPO / "docs" / "mallvariabler.md"
    fresh = variables_markdown(example_context())
    assert path.read_text(encoding="utf-8") == fresh, (
        "docs/mallvariabler.md är inaktuell: kör `assemble templates vars > docs/mallvariabler.md`")


def test_every_context_variable_is_described():
    text = variables_markdown(example_context()).split("## Filter")[0]
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ")][2:]
    assert rows and all(row[2].strip() for row in rows)
    names = [row[0].strip("| ") for row in rows]
    assert "tabell" in names and "verksamheter[].mening" in names and "malomraden[].nr" in names


# --- the table of contents and PDF ---------------------------------------------------------

def toc_entries(path):
    document = Document(path)
    return [p.text for p in document.paragraphs if p.style.name.startswith("toc")]


@pytest.mark.render
def test_toc_has_page_numbers_that_agree_with_the_pdf(fixture_with_pdf):
    from pypdf import PdfReader
    written = fixture_with_pdf
    report = written[0]
    entries = [e.split("\t") for e in toc_entries(report)]
    assert len(entries) == 17 and all(len(e) == 2 and e[1].isdigit() for e in entries)
    pdf = next(p for p in written if p.suffix == ".pdf" and p.stem == report.stem)
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(pdf).pages]
    toc_page = next(i for i, text in enumerate(pages) if text.startswith(
        re.sub(r"\s+", "", "Vuxenutbildnings- och arbetsmarknadsnämnden – Delårsrapport")) and
        "Innehåll" in text)
    assert all(entry[1] in pages[toc_page] for entry in entries)  # the PDF's TOC shows numbers
    for heading, page in entries:
        on_page = pages[int(page) - 1]
        assert re.sub(r"\s+", "", heading) in on_page, (heading, page)
    assert len([p for p in written if p.suffix == ".pdf"]) == 2


def test_fast_leaves_the_toc_without_page_numbers_and_marked_for_update(tmp_path,
                                                                       reference_folder):
    report = render_fast(reference_folder, tmp_path).written[0]
    entries = toc_entries(report)
    assert entries[0].split("\t")[0] == "1. Förslag till beslut"
    assert all(not e.split("\t")[1].strip() for e in entries)
    body = Document(report).element.body
    begin = next(f for f in body.iter(f"{W}fldChar") if f.get(f"{W}fldCharType") == "begin"
                 and "TOC" in "".join(t.text for t in body.iter(f"{W}instrText")))
    assert begin.get(f"{W}dirty") == "true"


def test_without_libreoffice_the_report_is_written_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["report", str(minimal_folder(tmp_path / "in")), "-o",
                                       str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    assert "LibreOffice hittades inte" in " ".join(result.output.split())
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_pdf_without_libreoffice_is_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["report", "--pdf", str(minimal_folder(tmp_path / "in")),
                                       "-o", str(tmp_path / "ut")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--pdf kräver LibreOffice" in " ".join(result.output.split())
    assert not (tmp_path / "ut").exists()


@pytest.mark.render
def test_default_run_with_page_numbers_is_byte_identical_too(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    written = run_report(folder, RunOptions(out_dir=tmp_path / "a")).written
    again = run_report(folder, RunOptions(out_dir=tmp_path / "b")).written
    second = [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in written] == second
    assert toc_entries(written[0])[0].endswith("\t3")  # page numbers were filled in


def template_codes(path):
    from assembler.app.report import run_template_check
    return [(f.code, f.found) for f in run_template_check(path).findings]


def test_check_reports_a_failure_while_filling_in(tmp_path):
    found = template_codes(broken_template(tmp_path, "Per månad: {{ ar / 0 }}"))
    assert [code for code, _ in found] == ["M04-MALLFEL"]
    assert "division med noll" in found[0][1]


def test_check_of_a_missing_template(tmp_path):
    assert template_codes(tmp_path / "finns-inte.docx") == [
        ("M05-MALL-SAKNAS", f"{tmp_path / 'finns-inte.docx'} finns inte")]


def test_check_warns_for_styles_the_tables_need(tmp_path):
    path = tmp_path / "enkel.docx"
    Document().save(path)  # Word's blank document: none of the report's own styles
    codes = template_codes(path)
    assert ("M06-FORMAT-SAKNAS", "Ekonomitabell") in codes
    assert ("M06-FORMAT-SAKNAS", "Tabelltal") in codes
