"""Other report types: a template folder can leave out the tjänsteskrivelse, and a report of
its own name (a kvalitetsredovisning) follows the period logic of the kind it declares."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from assembler.app.report import TEMPLATES_DIR, run_validate
from assembler.app.rollforward import roll_folder
from assembler.contract.model import ReportType
from helpers import RAPPORT, docx_tables, minimal_folder, render_fast, write_workbook


def own_templates(tmp_path, *markers: str):
    folder = tmp_path / "mallar"
    folder.mkdir()
    shutil.copy(TEMPLATES_DIR / "rapport.docx", folder)
    for marker in markers:
        (folder / marker).write_bytes(b"")
    return folder


@pytest.mark.parametrize("marker", ["tjänsteskrivelse.ingen", "Tjänsteskrivelse.ingen.txt"])
def test_a_folder_that_leaves_out_the_memo_gets_only_the_report(tmp_path, marker):
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=own_templates(tmp_path, marker))
    assert result.ok
    assert [p.name for p in result.written] == [
        "Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    assert not any("Tjänsteskrivelsen är daterad" in n for n in result.notes)


def test_without_a_memo_a_missing_arendet_is_no_warning(tmp_path):
    from helpers import minimal_workbooks, write_folder

    books = minimal_workbooks()
    books["nämnd.xlsx"]["Text"] = [["Avsnitt", "Text"]]  # no Ärendet
    folder = write_folder(tmp_path / "in", books)
    warned = render_fast(folder, tmp_path / "ut1").findings
    assert "R21-ARENDE-SAKNAS" in [f.code for f in warned]
    result = render_fast(folder, tmp_path / "ut2",
                         templates=own_templates(tmp_path, "tjänsteskrivelse.ingen"))
    assert "R21-ARENDE-SAKNAS" not in [f.code for f in result.findings]


def test_a_folder_without_the_memo_and_without_a_marker_keeps_the_default_memo(tmp_path):
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=own_templates(tmp_path))
    assert sorted(p.name.split(" – ")[0] for p in result.written) == [
        "Delårsrapport med prognos 2 2024", "Tjänsteskrivelse"]


def only_the_marker(tmp_path, marker: str = "tjänsteskrivelse.ingen"):
    folder = tmp_path / "mallar"
    folder.mkdir()
    (folder / marker).write_bytes(b"")
    return folder


def test_a_folder_holding_only_the_marker_is_the_shipped_report_without_the_memo(tmp_path):
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=only_the_marker(tmp_path))
    assert result.ok, [f.message for f in result.findings]
    assert [p.name for p in result.written] == [
        "Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    shipped = render_fast(minimal_folder(tmp_path / "in2"), tmp_path / "ut2").written
    assert Document(result.written[0]).paragraphs[0].text == \
        Document([p for p in shipped if p.name.startswith("Del")][0]).paragraphs[0].text


def test_templates_check_accepts_a_folder_holding_only_the_marker(tmp_path):
    from assembler.app.report import document_templates, run_template_check

    folder = only_the_marker(tmp_path)
    checked = run_template_check(folder)
    assert checked.ok and checked.findings == [], [f.message for f in checked.findings]
    assert [p.name for p in document_templates(folder)] == ["rapport.docx"]


@pytest.mark.parametrize("marker", ["rapport.ingen", "bilaga.ingen"])
def test_a_folder_holding_only_a_marker_that_leaves_out_nothing_is_still_empty(tmp_path, marker):
    from assembler.app.report import run_template_check

    checked = run_template_check(only_the_marker(tmp_path, marker))
    assert [f.code for f in checked.findings] == ["M05-MALL-SAKNAS"]


def test_the_report_itself_cannot_be_left_out(tmp_path):
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                         templates=own_templates(tmp_path, "rapport.ingen",
                                                 "tjänsteskrivelse.ingen"))
    assert [p.name for p in result.written] == [
        "Delårsrapport med prognos 2 2024 – Testnämnden.docx"]


def kvalitetsredovisning(folder):
    rapport = [r for r in RAPPORT if r[0] not in ("Rapporttyp", "Period till och med")]
    minimal_folder(folder)
    write_workbook(folder / "nämnd.xlsx", {"Rapport": rapport + [
        ["Rapporttyp", "Årsberättelse"], ["Rapporttitel", "Kvalitetsredovisning"]]})
    for name in ("Alfa.xlsx", "Beta.xlsx"):
        (folder / name).unlink()
    from helpers import ANNUAL_HEADER, verksamhet_sheets
    write_workbook(folder / "Skola.xlsx", verksamhet_sheets("Skola", [], Ordning=1) | {
        "Ekonomi": [ANNUAL_HEADER, ["Undervisning", -5000, -5200, -5100]]})
    return folder


def test_a_report_of_its_own_name_follows_its_declared_kind(tmp_path):
    folder = kvalitetsredovisning(tmp_path / "in")
    result = render_fast(folder, tmp_path / "ut",
                         templates=own_templates(tmp_path, "tjänsteskrivelse.ingen"))
    assert result.ok, [f.message for f in result.findings]
    report = result.written[0]
    assert report.name == "Kvalitetsredovisning 2024 – Testnämnden.docx"
    assert Document(report).core_properties.title == "Kvalitetsredovisning 2024 – Testnämnden"
    # the annual kind's columns: the year's Utfall against Bokslut, no period columns
    assert docx_tables(report)[0][0] == ["Testnämnden, belopp i tkr", "Bokslut 2023",
                                         "Utfall 2024", "Budget 2024", "Avvikelse",
                                         "Förändring % mot 2023"]


def test_an_unknown_report_kind_says_where_the_title_goes(tmp_path):
    folder = minimal_folder(tmp_path / "in", [r if r[0] != "Rapporttyp" else
                                              ["Rapporttyp", "Kvalitetsredovisning"]
                                              for r in RAPPORT])
    found = [f for f in run_validate(folder).findings if f.code == "R03-OKANT-VARDE"]
    assert len(found) == 1 and "Rapporttitel" in found[0].message
    assert "Årsberättelse" in found[0].message


def test_the_next_period_keeps_the_reports_own_name(tmp_path):
    folder = kvalitetsredovisning(tmp_path / "in")
    result = roll_folder(folder, tmp_path / "nästa", kind=ReportType.ANNUAL)
    assert (result.new.kind, result.new.year, result.new.title) == (
        ReportType.ANNUAL, 2025, "Kvalitetsredovisning")
    interim = roll_folder(folder, tmp_path / "delår")
    assert interim.new.title == ReportType.INTERIM_1.default_title
