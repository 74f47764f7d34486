"""Robustness, round 2: each class of defect fed through the real command line, asserting the
exit code, the message with its location, and that no earlier output changed."""

import functools
import os
import re
import shutil
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from assembler.app import report as pipeline
from assembler.cli.commands import main
from assembler.app.report import TEMPLATES_DIR, run_validate
from helpers import (EXAMPLE, FIXTURE, MEMO_TEXT, RAPPORT, docx_tables, minimal_folder, patch_zip,
                     render_fast, table_row, write_workbook)

OLD = b"den gamla rapporten"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, " ".join(result.output.split())


@functools.cache
def minimal_report_names() -> tuple[str, ...]:
    """The names of the two documents a run on `minimal_folder` writes (rendered once)."""
    with tempfile.TemporaryDirectory() as temp:
        folder = minimal_folder(Path(temp) / "in")
        return tuple(p.name for p in render_fast(folder, Path(temp) / "ut").written)


def earlier_output(tmp_path):
    """A folder with the input and an output folder holding last run's two documents."""
    folder = minimal_folder(tmp_path / "in")
    out = tmp_path / "ut"
    out.mkdir()
    names = list(minimal_report_names())
    for name in names:
        (out / name).write_bytes(OLD)
    return folder, out, names


def unchanged(out, names):
    return sorted(p.name for p in out.iterdir()) == sorted(names) and all(
        (out / name).read_bytes() == OLD for name in names)


# --- 1. all documents or none ----------------------------------------------------------------

def test_a_folder_named_as_the_memo_leaves_the_old_report_in_place(tmp_path):
    folder, out, names = earlier_output(tmp_path)
    memo = out / names[1]
    memo.unlink()
    memo.mkdir()
    code, output = run("report", "--fast", folder, "-o", out)
    assert code == 2
    assert f"Kan inte skriva {names[1]}: det finns en mapp med det namnet" in output
    assert (out / names[0]).read_bytes() == OLD and memo.is_dir()
    assert sorted(p.name for p in out.iterdir()) == sorted(names)  # no temporary files left


def test_a_failure_while_moving_in_the_second_file_puts_the_first_back(tmp_path, monkeypatch):
    folder, out, names = earlier_output(tmp_path)
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if str(source).endswith(".tmp") and str(target).endswith(names[1]) and len(calls) < 5:
            raise PermissionError(13, "låst")  # moving the new memo in; putting back works
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    code, output = run("report", "--fast", folder, "-o", out)
    assert code == 2 and f"Kan inte skriva {names[1]}" in output
    assert any(str(c).endswith(names[0]) for c in calls)  # the report had been moved in
    assert unchanged(out, names)


# --- 2. template failures are findings at the paragraph a person counts ----------------------

def template_folder(tmp_path, name, text, before=None):
    """A copy of a shipped template with `text` as a new paragraph (before paragraph `before`,
    counted from 1 as in Word, or last)."""
    templates = tmp_path / "mallar"
    templates.mkdir(exist_ok=True)
    document = Document(TEMPLATES_DIR / name)
    if before is None:
        document.add_paragraph(text)
    else:
        document.paragraphs[before - 1].insert_paragraph_before(text)
    document.save(templates / name)
    return templates


def test_a_syntax_error_in_the_report_template_names_file_paragraph_and_text(tmp_path):
    folder, out, names = earlier_output(tmp_path)
    templates = template_folder(tmp_path, "rapport.docx", "Här {%p\u00a0if namnd %} slut", 10)
    code, output = run("report", "--fast", folder, "-o", out, "--mallar", templates)
    assert code == 2 and "M01-SYNTAX" in output
    assert "rapport.docx brödtext › stycke 10 " in output
    assert "okänd tagg ”p”" in output and "{%p[hårt blanksteg]if namnd %}" in output
    assert unchanged(out, names)


def test_templates_check_counts_paragraphs_as_word_does(tmp_path):
    path = template_folder(tmp_path, "rapport.docx", "{{ finns_inte }}", 116) / "rapport.docx"
    code, output = run("templates", "check", path)
    assert code == 2 and "rapport.docx brödtext › stycke 116 " in output
    assert "Variabeln ”finns_inte” finns inte" in output


def test_a_failure_in_a_table_cell_names_table_row_and_cell(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "{{ namnd.nope }}"
    document.save(templates / "tjänsteskrivelse.docx")
    code, output = run("templates", "check", templates / "tjänsteskrivelse.docx")
    tables = len(Document(TEMPLATES_DIR / "tjänsteskrivelse.docx").tables) + 1
    assert code == 2 and f"tabell {tables}, rad 2, cell 2" in output


@pytest.mark.parametrize("text, code, fragment", [
    ("{{ ''.__class__.__mro__ }}", "M03-SANDLADA", "åtkomst till ”__class__” är inte tillåten"),
    ("{% include 'annan.docx' %}", "M03-SANDLADA", "{% include %}, {% import %} och"),
    ("{% import 'x' as y %}", "M03-SANDLADA", "{% include %}, {% import %} och"),
    ("{% if namnd %} aldrig stängd", "M01-SYNTAX", "blocket ”if” stängs aldrig"),
    ("{{ namnd|okänt }}", "M01-SYNTAX", "okänt filter ”okänt”"),
    ("{{ ar / 0 }}", "M04-MALLFEL", "division med noll"),
    ("{{ range(10**9)|list }}", "M07-MALLGRANS", "range(…)"),
])
def test_template_failures_in_report_are_findings(tmp_path, text, code, fragment):
    folder, out, names = earlier_output(tmp_path)
    templates = template_folder(tmp_path, "tjänsteskrivelse.docx", text)
    exit_code, output = run("report", "--fast", folder, "-o", out, "--mallar", templates)
    assert exit_code == 2 and code in output and fragment in output
    assert "tjänsteskrivelse.docx brödtext › stycke" in output
    assert unchanged(out, names)


def test_a_template_that_is_no_word_file(tmp_path):
    folder, out, names = earlier_output(tmp_path)
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "rapport.docx").write_text("inte en Word-fil")
    code, output = run("report", "--fast", folder, "-o", out, "--mallar", templates)
    assert code == 2 and "rapport.docx kan inte öppnas som Word-dokument" in output
    assert unchanged(out, names)


def test_a_missing_template_folder(tmp_path):
    folder, out, names = earlier_output(tmp_path)
    code, output = run("report", "--fast", folder, "-o", out, "--mallar", tmp_path / "saknas")
    assert code == 2 and "finns inte" in output and "M05-MALL-SAKNAS" in output
    assert unchanged(out, names)


# --- 3. a budget for templates ---------------------------------------------------------------

HOSTILE = [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 2**(2**32) }}",
    "{{ 'x' * 10**8 * 30 }}",
    "{% set s = 'x' * 999999 %}{% for i in range(100000) %}{{ s }}{% endfor %}",
    "{% set s = 'x' * 999999 %}{{ s|replace('x', s) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '%0999999999d' % 1 }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% set ns = namespace(s='x' * 999999) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}",
    "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = ns.l + [i] %}"
    "{% endfor %}",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_templates_stop_quickly_in_report(tmp_path, text):
    folder, out, names = earlier_output(tmp_path)
    templates = template_folder(tmp_path, "tjänsteskrivelse.docx", text)
    started = time.monotonic()
    code, output = run("report", "--fast", folder, "-o", out, "--mallar", templates)
    assert time.monotonic() - started < 30
    assert code == 2 and "M07-MALLGRANS" in output and "Mallen stoppades" in output
    assert "tjänsteskrivelse.docx brödtext › stycke" in output
    assert unchanged(out, names)


@pytest.mark.slow
@pytest.mark.parametrize("text", HOSTILE[:3])
def test_hostile_templates_stop_quickly_in_templates_check(tmp_path, text):
    path = template_folder(tmp_path, "tjänsteskrivelse.docx", text) / "tjänsteskrivelse.docx"
    started = time.monotonic()
    code, output = run("templates", "check", path)
    assert time.monotonic() - started < 30
    assert code == 2 and "M07-MALLGRANS" in output and "tjänsteskrivelse.docx" in output


def test_the_wall_clock_stops_what_the_step_count_does_not(monkeypatch):
    from assembler.render import sandbox

    env = sandbox.sandbox_environment(seconds=0.2)
    monkeypatch.setattr(sandbox, "MAX_STEPS", 10**12)
    template = env.from_string("{% for i in range(100000) %}{% for j in range(100000) %}"
                               "{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(sandbox.BudgetExceeded, match="längre tid än"):
        template.render()
    assert time.monotonic() - started < 5


def test_the_standard_templates_stay_far_below_the_budget(tmp_path, monkeypatch):
    from assembler.render import sandbox

    seen = []
    original = sandbox.Budget.watching

    def spy(self):
        seen.append(self)
        return original(self)

    monkeypatch.setattr(sandbox.Budget, "watching", spy)
    render_fast(EXAMPLE, tmp_path)
    assert seen and max(b.steps for b in seen) < sandbox.MAX_STEPS / 10
    assert max(b.total for b in seen) < sandbox.MAX_TOTAL / 10


# --- 4. Unicode --------------------------------------------------------------------------------

def test_a_goals_sheet_named_in_nfd_is_read(tmp_path):
    folder = tmp_path / "exempel"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "Kultur- och fritidsnämnden.xlsx"
    book = load_workbook(path)
    book["Målområden"].title = unicodedata.normalize("NFD", "Målområden")
    book.save(path)
    result = render_fast(folder, tmp_path / "ut")
    assert result.findings == []
    assert "Målområden" in [t[0][0] for t in docx_tables(result.written[0])]


def test_bidi_controls_never_reach_the_file_name(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Text": MEMO_TEXT, "Rapport": [r if r[0] != "Nämnd" else
                                                      ["Nämnd", "Test\u202excod.exe\u200b"]
                                                      for r in RAPPORT]})
    code, output = run("report", "--fast", folder, "-o", tmp_path / "ut")
    assert code == 0
    names = [p.name for p in (tmp_path / "ut").iterdir()]
    assert all(not any(unicodedata.category(ch) == "Cf" for ch in n) for n in names)
    assert "Delårsrapport med prognos 2 2024 – Testxcod.exe.docx" in names


def test_a_header_in_nfd_is_not_unknown(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Text": MEMO_TEXT,
        "Rapport": [["Fält", unicodedata.normalize("NFD", "Värde")]] + RAPPORT[1:]})
    assert run_validate(folder).findings == []


# --- 6. sheets the contract does not read ------------------------------------------------------

def test_a_pasted_ledger_of_150_000_rows_is_never_parsed(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Huvudbok": [["Konto"]],
                                          "Text": MEMO_TEXT})  # Huvudbok is sheet2.xml
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="inlineStr"><is>'
                   f'<t>Verifikation {n}</t></is></c></row>' for n in range(2, 150_002))
    patch_zip(folder / "nämnd.xlsx", "xl/worksheets/sheet2.xml", lambda xml: re.sub(
        rb"<dimension[^>]*/>", b"", xml).replace(b"</row></sheetData>",
                                                  b"</row>" + rows.encode() + b"</sheetData>"))
    started = time.monotonic()
    code, output = run("report", "--fast", folder, "-o", tmp_path / "ut")
    assert code == 0 and "Skrev" in output
    assert time.monotonic() - started < 15  # it took 30–80 s when the ledger was parsed


# --- 7. bounded resources ------------------------------------------------------------------------

def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    folder = minimal_folder(tmp_path / "in")
    with (folder / "Stor.xlsx").open("wb") as stream:
        stream.truncate(3 * 1024**3)  # 3 GiB, sparse
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("read whole file"))
    code, output = run("validate", folder)
    assert code == 2 and "Stor.xlsx" in output and "R01-FOR-STOR" in output


@pytest.mark.slow
def test_a_sheet_of_a_gigabyte_of_whitespace_is_refused(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    with zipfile.ZipFile(folder / "Alfa.xlsx", "a", zipfile.ZIP_DEFLATED,
                         compresslevel=1) as archive:
        with archive.open("xl/worksheets/sheet3.xml", "w", force_zip64=True) as part:
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(27):  # 432 MB of whitespace, about 2 MB packed
                part.write(chunk)
    started = time.monotonic()
    code, output = run("validate", folder)
    assert code == 2 and "Alfa.xlsx" in output and "uppackad" in output
    assert time.monotonic() - started < 10


# --- 8. long names -------------------------------------------------------------------------------

def test_a_nämnd_of_300_characters(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    long_name = "Nämnden för " + "x" * 300
    write_workbook(folder / "nämnd.xlsx", {"Text": MEMO_TEXT, "Rapport": [r if r[0] != "Nämnd" else
                                                      ["Nämnd", long_name] for r in RAPPORT]})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok
    for path in result.written:
        assert len(path.name.encode("utf-8")) <= 200 and path.name.endswith("….docx")
        properties = Document(path).core_properties
        assert len(properties.subject) == 255 and properties.subject.startswith("Nämnden för x")


# --- 9. Ctrl-C -----------------------------------------------------------------------------------

def test_ctrl_c_says_avbrutet_exits_130_and_leaves_earlier_output(tmp_path, monkeypatch):
    folder, out, names = earlier_output(tmp_path)
    real_replace = os.replace

    calls = []

    def interrupted_replace(source, target):
        calls.append(target)
        if str(target).endswith(names[1]) and len(calls) < 5:
            raise KeyboardInterrupt  # while moving the new memo in
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    result = CliRunner().invoke(main, ["report", "--fast", str(folder), "-o", str(out)])
    assert result.exit_code == 130 and "Avbrutet." in result.output
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert unchanged(out, names)


def test_ctrl_c_while_reading(tmp_path, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "prepare", interrupt)
    result = CliRunner().invoke(main, ["validate", str(minimal_folder(tmp_path / "in"))])
    assert result.exit_code == 130 and "Avbrutet." in result.output


# --- 11. one nämnd total -------------------------------------------------------------------------

def test_a_rounding_difference_is_shown_as_a_row_and_warned(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    header = ["Verksamhetsområde", "Bokslut fg år", "Utfall period", "Budget period",
              "Budget helår", "Prognos helår"]
    book = load_workbook(folder / "nämnd.xlsx")
    sheet = book.create_sheet("Verksamhetsområden")
    for row in [header, ["Område A", -1500, -940, -980, -1500, -1470],
                ["Område B", -2000, -1300, -1320, -2001, -1990]]:
        sheet.append(row)
    book.save(folder / "nämnd.xlsx")
    out = tmp_path / "ut"
    code, output = run("report", "--fast", folder, "-o", out)
    assert code == 1
    assert ("nämnd.xlsx Verksamhetsområden › E3 (Område B) varning Summan av Budget helår i "
            "Verksamhetsområden (nämnden) är -3 501 tkr, men verksamheternas Ekonomi ger "
            "-3 500 tkr") in output.replace("\u00a0", " ")
    tables = docx_tables(sorted(out.glob("Delårsrapport*.docx"))[0])
    by_title = {t[0][0]: t for t in tables}
    namnd_total = table_row(by_title["Testnämnden, belopp i tkr"], "Nettokostnad")
    areas = by_title["Verksamhet, belopp i tkr"]
    assert table_row(areas, "Avrundning")[5] == "1"
    assert table_row(areas, "Nettokostnad")[5] == "-3 500"
    assert namnd_total[-1] == table_row(areas, "Nettokostnad")[-1]  # the same deviation


def test_every_table_of_the_fixture_prints_the_same_nämnd_total(tmp_path):
    if not FIXTURE.is_dir():
        pytest.skip("referensfallet saknas")
    report = render_fast(FIXTURE, tmp_path).written[0]
    totals = [t for t in docx_tables(report) if t[0][0].startswith(
        ("Vuxenutbildnings- och arbetsmarknadsnämnden,", "Kontogrupp,", "Verksamhet,"))]
    assert len(totals) == 3
    deviations = {table_row(t, "Nettokostnad")[-1] for t in totals}
    assert deviations == {"14 682"}
    budgets = {v for t in totals for h, v in zip(t[0], table_row(t, "Nettokostnad"), strict=False)
               if h == "Budget 2021"}
    assert budgets == {"-548 683"}
    assert all(re.fullmatch(r"-?\d*", c.replace(" ", "")) for c in
               table_row(totals[1], "Avrundning")[1:])


def test_failures_in_the_header_and_the_document_properties_are_located(tmp_path):
    from assembler.app.report import run_template_check

    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    document.sections[0].header.paragraphs[0].text = "Sidhuvud {{ finns_inte }}"
    document.core_properties.title = "{{ 2**(2**32) }}"
    document.save(tmp_path / "mall.docx")
    found = [(f.code, f.location) for f in run_template_check(tmp_path / "mall.docx").findings]
    assert found == [("M02-OKAND-VARIABEL", "mall.docx › sidhuvud › stycke 1"),
                     ("M07-MALLGRANS", "mall.docx › dokumentegenskaper")]


def test_a_macro_document_renamed_to_docx_is_no_template(tmp_path):
    folder, out, names = earlier_output(tmp_path)
    templates = tmp_path / "mallar"
    templates.mkdir()
    shutil.copy(TEMPLATES_DIR / "tjänsteskrivelse.docx", templates / "tjänsteskrivelse.docx")
    patch_zip(templates / "tjänsteskrivelse.docx", "[Content_Types].xml", lambda xml: xml.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"))
    code, output = run("report", "--fast", folder, "-o", out, "--mallar", templates)
    assert code == 2 and "tjänsteskrivelse.docx kan inte öppnas som Word-dokument" in output
    assert unchanged(out, names)


def test_a_macro_calling_itself_stops_at_the_call_depth_not_at_pythons_limit():
    """Python's recursion limit can come after the C stack is spent under the tracer (a crash,
    seen once in CI); the sandbox's own depth stops it first, in Swedish."""
    from assembler.render import sandbox

    env = sandbox.sandbox_environment()
    template = env.from_string("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}")
    with pytest.raises(sandbox.BudgetExceeded, match="inuti sig själv"):
        template.render()
    nested = env.from_string("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{% endif %}x"
                             "{% endmacro %}{{ m(50) }}")
    assert nested.render() == "x" * 51  # a real nesting well inside the limit still renders
