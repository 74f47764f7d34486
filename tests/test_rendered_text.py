"""Issue 19, item 3: every sentence the documents say is checked against the figures of the
entity it speaks of — the kansli's formulations and templates, chapters and list comments in the
produced documents, the economists' Text as typed — and cited by the heading it stands under.

The small report (helpers.minimal_workbooks), in tkr: Verksamhet Alfa +30 for the year (+40 for
the period), its Enhet 2 -20 (-10), Verksamhet Beta +10 (+20); the nämnd +40 (+60).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from assembler.app.report import (TEMPLATES_DIR, document_file_name, prepare_report,
                                  render_documents)
from assembler.contract.findings import RULES, Findings, Severity
from assembler.read.folder import report_from_workbooks
from assembler.verify.documents import check_documents, heading_level
from helpers import (EXAMPLE, FIXTURE, MEMO_TEXT, REPO, findings_in_memory, minimal_workbooks,
                     raw_workbook, render_fast)
from test_wording import say, wording_docx

TEXT_CODES = ("R14-TEXT-ENTITET", "R14-TEXT-BELOPP", "R14-TEXT-FEL-ENTITET", "R14-TEXT-PERIOD",
              "R15-TECKENORD", "R15-TECKEN-TABELL", "R15-TECKEN-DUBBELT", "R15-NOLL-AVVIKELSE")


def with_text(text: str) -> dict:
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Text"] = MEMO_TEXT + [["Ekonomisk analys", text]]
    return workbooks


def text_findings(workbooks: dict) -> list:
    return [f for f in findings_in_memory(workbooks) if f.code in TEXT_CODES]


def documents_and_findings(workbooks: dict, templates: Path | None = None):
    """The produced documents (in memory) and every finding of the run, the document check's
    included: what `assemble report` gives, without writing a file."""
    findings = Findings()
    report = report_from_workbooks([raw_workbook(n, s) for n, s in sorted(workbooks.items())],
                                   findings)
    prepared = prepare_report(report, findings)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    documents = render_documents(report, templates, None, prepared.economy, findings)
    check_documents(documents, report, prepared.economy, findings)
    return report, [f for f in findings if f.code in TEXT_CODES]


def kansli_wording(tmp_path: Path, rows) -> Path:
    templates = tmp_path / "mallar"
    templates.mkdir(exist_ok=True)
    wording_docx(templates / "formuleringar.docx", rows)
    return templates


def report_name(report) -> str:
    return document_file_name(report, TEMPLATES_DIR / "rapport.docx")


# --- the defects of the issue, each at its place -----------------------------------------------

def test_a_kansli_row_calling_a_positive_deviation_negative(tmp_path):
    templates = kansli_wording(tmp_path, [(
        "ekonomisk_sammanfattning",
        "Nämnden prognostiserar en negativ avvikelse på {{ ekonomi.namnd.avvikelse | tkr }}.")])
    report, found = documents_and_findings(minimal_workbooks(), templates)
    # the summary stands in the report three times and in the memo: one finding, first place
    assert [(f.code, f.file, f.sheet) for f in found] == [
        ("R15-TECKEN-TABELL", report_name(report), "Förslag till beslut")]
    assert found[0].found == "40 tkr" and found[0].expected == "+40 tkr"
    assert "”negativ avvikelse”" in found[0].message
    assert found[0].cell.startswith("”Nämnden prognostiserar")


def test_a_formulation_under_a_verksamhet_heading_is_checked_against_that_verksamhet(tmp_path):
    templates = kansli_wording(tmp_path, [(
        "verksamhet_mening(verksamhet)",
        "För helåret prognostiseras ett underskott på "
        "{{ verksamhet.siffror.avvikelse | tkr('inget') }}.")])
    report, found = documents_and_findings(minimal_workbooks(), templates)
    assert [(f.code, f.sheet, f.found) for f in found] == [
        ("R15-TECKEN-TABELL", "Verksamhet Alfa", "30 tkr"),
        ("R15-TECKEN-TABELL", "Verksamhet Beta", "10 tkr")]
    assert {f.file for f in found} == {report_name(report)}


def test_overskott_typed_in_text_where_the_table_shows_a_deficit():
    found = text_findings(with_text("Enhet 2 visar ett överskott på 20 tkr."))
    assert [(f.code, f.file, f.sheet, f.cell) for f in found] == [
        ("R15-TECKEN-TABELL", "nämnd.xlsx", "Text", "B3")]
    assert found[0].expected == "-20 tkr" and "”överskott”" in found[0].message


def test_typed_text_is_checked_once_at_its_cell_not_again_in_the_document():
    _, found = documents_and_findings(with_text("Enhet 2 visar ett överskott på 20 tkr."))
    assert [(f.code, f.sheet, f.cell) for f in found] == [("R15-TECKEN-TABELL", "Text", "B3")]


def test_a_period_figure_quoted_as_the_full_year():
    found = text_findings(with_text("För helåret prognostiseras ett överskott på 60 tkr."))
    assert [(f.code, f.sheet, f.cell, f.found, f.expected) for f in found] == [
        ("R14-TEXT-PERIOD", "Text", "B3", "60 tkr", "40 tkr")]


def test_a_period_figure_in_the_kanslis_template_is_cited_by_the_templates_own_heading(
        tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    memo = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    memo.add_paragraph("Ekonomin i korthet", style="Heading 2")
    memo.add_paragraph("För helåret prognostiserar nämnden ett överskott på "
                       "{{ ekonomi.namnd.avvikelse_period | tkr }}.")
    memo.save(templates / "tjänsteskrivelse.docx")
    report, found = documents_and_findings(minimal_workbooks(), templates)
    memo_name = document_file_name(report, templates / "tjänsteskrivelse.docx")
    assert [(f.code, f.file, f.sheet, f.expected) for f in found] == [
        ("R14-TEXT-PERIOD", memo_name, "Ekonomin i korthet", "40 tkr")]
    assert "Verksamhet Alfa, Avvikelse" not in found[0].message  # the nämnd's own row


def test_a_deviation_that_rounds_to_zero_in_the_printed_unit(tmp_path):
    sentence = ("För helåret prognostiseras en {{ verksamhet.siffror.avvikelse | avvikelseord%s }}"
                " avvikelse på {{ verksamhet.siffror.avvikelse | mnkr }}.")
    templates = kansli_wording(tmp_path, [("verksamhet_mening(verksamhet)", sentence % "")])
    _, found = documents_and_findings(minimal_workbooks(), templates)
    # +30 tkr and +10 tkr are 0,0 mnkr: "positiv avvikelse på 0,0 mnkr"
    assert [(f.code, f.sheet, f.found) for f in found] == [
        ("R15-NOLL-AVVIKELSE", "Verksamhet Alfa", "0,0 mnkr"),
        ("R15-NOLL-AVVIKELSE", "Verksamhet Beta", "0,0 mnkr")]
    assert "noll(enhet='mnkr')" in found[0].message
    # the filter told the printed unit chooses "ingen": nothing left to say
    templates = kansli_wording(tmp_path, [("verksamhet_mening(verksamhet)",
                                           sentence % "(enhet='mnkr')")])
    assert documents_and_findings(minimal_workbooks(), templates)[1] == []


def test_a_figure_of_another_entity_is_not_accepted_for_the_one_named():
    # +30 is Verksamhet Alfa's deviation, not Beta's (+10)
    found = text_findings(with_text("Verksamhet Beta prognostiserar en positiv avvikelse på "
                                    "30 tkr."))
    assert [(f.code, f.sheet, f.cell, f.found, f.expected) for f in found] == [
        ("R14-TEXT-FEL-ENTITET", "Text", "B3", "30 tkr", "10 tkr")]
    assert "Verksamhet Alfa" in found[0].message and "Verksamhet Beta" in found[0].message


def test_a_sign_written_twice():
    found = text_findings(with_text("Enhet 2 visar en negativ avvikelse på -20 tkr."))
    assert [(f.code, f.cell, f.found) for f in found] == [("R15-TECKEN-DUBBELT", "B3", "-20 tkr")]


def test_a_plus_after_a_positive_word_is_the_house_style_not_a_sign_twice():
    assert text_findings(with_text("Verksamhet Alfa visar en positiv avvikelse på +30 tkr.")) \
        == []


def test_a_bracketed_list_takes_the_sign_word_before_it():
    found = text_findings(with_text(
        "Negativ avvikelse har enhet 2 (-20 tkr). Positiv avvikelse har verksamhet alfa "
        "(+30 tkr) och verksamhet beta (-10 tkr)."))
    assert [(f.code, f.found) for f in found] == [("R15-TECKEN-DUBBELT", "-20 tkr"),
                                                  ("R15-TECKENORD", "-10 tkr")]


# --- chapters and list comments, as the produced document shows them ---------------------------

def test_a_chapter_sentence_is_checked_under_the_chapters_own_heading(tmp_path):
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Kapitel Ekonomi"] = [
        ["Rubrik", "Nivå", "Text"], ["Verksamhet Alfa", 2, "Året slutar med ett underskott på "
                                                           "30 tkr."]]
    templates = tmp_path / "mallar"
    templates.mkdir()
    memo = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    memo.add_paragraph("{{p kapitel.ekonomi }}")
    memo.save(templates / "tjänsteskrivelse.docx")
    report, found = documents_and_findings(workbooks, templates)
    assert [(f.code, f.sheet, f.found) for f in found] == [
        ("R15-TECKEN-TABELL", "Verksamhet Alfa", "30 tkr")]
    assert found[0].file == document_file_name(report, templates / "tjänsteskrivelse.docx")


def test_a_list_comment_in_a_table_is_checked(tmp_path):
    folder = tmp_path / "exempel"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "Kultur- och fritidsnämnden.xlsx"
    book = openpyxl.load_workbook(path)
    book["Åtaganden"]["D2"] = "Ombyggnaden gav Bibliotek ett underskott på 110 tkr."
    book.save(path)
    result = render_fast(folder, tmp_path / "ut")
    found = [f for f in result.findings if f.code in TEXT_CODES]
    assert [(f.code, f.sheet, f.found) for f in found] == [
        ("R15-TECKEN-TABELL", "Nämndens åtaganden", "110 tkr")]  # Bibliotek is +110


# --- no noise: the shipped examples and the reference case -------------------------------------

EXAMPLES = [("exempel", None), ("uppsala", "uppsala"), ("eskilstuna", "eskilstuna"),
            ("orebro-ks", "orebro-ks")]


@pytest.mark.parametrize("name, templates", EXAMPLES)
def test_the_shipped_examples_say_nothing_against_their_tables(tmp_path, name, templates):
    result = render_fast(REPO / "inputs" / name, tmp_path / "ut",
                         templates=REPO / "templates" / templates if templates else None)
    assert result.written
    assert [(f.code, f.location, f.message) for f in result.findings
            if f.code in TEXT_CODES] == []


@pytest.mark.skipif(not FIXTURE.is_dir(), reason="referensfallet ../shared/fixtures saknas")
def test_the_reference_case_says_nothing_against_its_tables(tmp_path):
    result = render_fast(FIXTURE, tmp_path / "ut")
    assert result.written
    assert [f.message for f in result.findings if f.code in TEXT_CODES] == []


# --- the filters and the places ---------------------------------------------------------------

@pytest.mark.parametrize("source, value, expected", [
    ("{{ x | avvikelseord }}", 30, "positiv"),  # in the report's unit, tkr
    ("{{ x | avvikelseord(enhet='mnkr') }}", 30, "ingen"),  # printed 0,0 mnkr
    ("{{ x | avvikelseord('mnkr') }}", -60, "negativ"),  # -0,1 mnkr
    ("{{ x | resultatord(enhet='mnkr', decimaler=0) }}", 400, "nollresultat"),  # 0 mnkr
    ("{{ x | forandringsord(enhet='mnkr') }}", -40, "oförändrat"),
    ("{{ 'ja' if x is noll else 'nej' }}", 30, "nej"),
    ("{{ 'ja' if x is noll(enhet='mnkr') else 'nej' }}", 30, "ja"),
    ("{{ 'ja' if x is noll('mnkr', decimaler=0) else 'nej' }}", 400, "ja"),
])
def test_the_sign_filters_take_the_printed_unit(source, value, expected):
    assert say(source, x=value, belopp_enhet="tkr") == expected


@pytest.mark.parametrize("style, level", [("heading 2", 2), ("Heading 1", 1), ("Title", 0),
                                          ("Rubrik memo", 9), ("Ärenderubrik", 9),
                                          ("Normal", None), ("toc 1", None)])
def test_headings_are_known_by_their_style(style, level):
    assert heading_level(style) == level


def test_the_new_text_rules_are_warnings_in_the_catalogue():
    for code in TEXT_CODES:
        assert RULES[code].severity is Severity.WARNING
    source = (REPO / "assembler" / "verify" / "text.py").read_text(encoding="utf-8")
    assert '"5.1"' not in source and '"5.4"' not in source


def test_a_short_name_is_not_found_inside_ordinary_words():
    # an enhet called `E`: "en positiv avvikelse" does not speak of it
    workbooks = minimal_workbooks()
    workbooks["Alfa.xlsx"]["Ekonomi"][1][0] = "E"
    _, found = documents_and_findings(workbooks)
    assert found == []


def test_the_forecast_word_nearer_the_amount_wins_over_the_period_before_it(tmp_path):
    # the default summary's words, with the period's deviation (+60) where the year's belongs
    templates = kansli_wording(tmp_path, [(
        "ekonomisk_sammanfattning",
        "Med utfallet till och med {{ period_manad }} som grund prognostiseras "
        "{{ avvikelse(ekonomi.namnd.avvikelse_period) }}.")])
    report, found = documents_and_findings(minimal_workbooks(), templates)
    assert [(f.code, f.file, f.sheet, f.found, f.expected) for f in found] == [
        ("R14-TEXT-PERIOD", report_name(report), "Förslag till beslut", "+60 tkr", "40 tkr")]


def test_an_amount_called_the_periods_is_not_taken_for_the_year():
    assert text_findings(with_text("Till och med augusti visar nämnden ett överskott på "
                                   "60 tkr, och för helåret prognostiseras 40 tkr.")) == []


@pytest.fixture(scope="module")
def example_book():
    from assembler.app.report import prepare
    from assembler.verify.figures import figure_book

    prepared = prepare(EXAMPLE, Findings())
    return figure_book(prepared.report, prepared.economy)


@pytest.mark.parametrize("heading, sentence, codes", [
    # Fritid och idrott: Förändring mot föregående prognos +650 (Simhall +250)
    ("Fritid och idrott", "Prognosen har förbättrats med 650 tkr sedan förra rapporten.", []),
    ("Fritid och idrott", "Prognosen har försämrats med 650 tkr sedan förra rapporten.",
     ["R15-TECKEN-TABELL"]),
    (None, "Simhallens prognos har ökat med 250 tkr.", []),
    (None, "Simhallens prognos har minskat med 250 tkr.", ["R15-TECKEN-TABELL"]),
    (None, "Simhallens prognos för kostnaderna har minskat med 250 tkr.", []),
    (None, "Simhallens intäkter minskar med 250 tkr.", []),  # not said of the result
    # the entities named among the amount's own words: Simhall's or Intäkter's figures
    (None, "Personalkostnaderna är 736 tkr lägre än budget.", []),
    ("Bibliotek", "Stadsbiblioteket visar en positiv avvikelse på 450 tkr medan filialerna har "
                  "ett underskott på 340 tkr.", []),
    ("Bibliotek", "Filialerna har en avvikelse på 450 tkr.", ["R14-TEXT-FEL-ENTITET"]),
    # Stadsbiblioteket's +450 is no underskott: the amount is simply not Filialer's
    ("Bibliotek", "Filialerna har ett underskott på 450 tkr.", ["R14-TEXT-ENTITET"]),
    (None, "Kulturskolan prognostiserar ett underskott på 900 tkr.", []),
    (None, "Nettokostnaden uppgår till 129,2 mnkr mot en budget på 129,5 mnkr.", []),
    (None, "Utfallet till och med augusti är 86,1 mnkr.", []),
    (None, "Till och med augusti har nämnden förbrukat 100 procent av periodens budget.", []),
    (None, "För helåret prognostiseras nämnden ett överskott på 0,3 mnkr.", []),
    (None, "För helåret prognostiseras nämnden ett överskott på 0,3 procent.",
     ["R14-TEXT-ENTITET"]),
])
def test_sentences_against_the_example(example_book, heading, sentence, codes):
    from assembler.verify.text import Scope, check_text

    found = Findings()
    check_text(sentence, Scope(heading), example_book, {}, found)
    assert [f.code for f in found] == codes
