"""Record sheets (`Poster <namn>`, grouped by `Postgrupper`): read from Excel, grouped and
nested in sheet order, checked, and looped over by a template into the produced .docx."""

import pytest
from docx import Document

from assembler.compute.context import build_context
from assembler.contract.findings import Findings
from assembler.read.folder import load_report
from helpers import (docx_text, findings_in_memory, minimal_folder, minimal_workbooks,
                     render_fast, verksamhet_sheets, write_folder, write_workbook)
from test_free_tables import template_with

MALOMRADEN = [["Nr", "Målområde", "Sammanfattande analys"], [1, "Ett gott liv", "Analys ett."],
              [2, "Lärande hela livet", "Analys två."]]
KF_MAL = [
    ["Målområde", "KF-mål", "Bidrag", "Åtagande", "Beskrivning"],
    [1, "Skillnaderna i livsvillkor ska minska", "Nämnden bidrar genom insatser.\nEtt stycke till.",
     None, None],
    [None, None, None, "Fler ska klara SFI", "Uppföljning varje månad.\n- en punkt"],
    [None, None, None, "Kortare tid med bistånd", "Planeringen är förenklad."],
    [None, "Fler ska kunna påverka", "Nämnden frågar medborgarna.", None, None],
    [2, "Fler ska ha arbete", "Nämnden matchar mot arbetsgivare.", "Fler i studier",
     "Vägledning tidigt."],
]
INRIKTNINGAR = [["Målområde", "Inriktning", "Text"],
                [1, "Samverkan med civilsamhället", "Nämnden samverkar i bosättningen."],
                [2, "Livslångt lärande", "Kurserna finns på distans."]]
POSTGRUPPER = [["Blad", "Gruppera efter", "Obligatoriska kolumner"],
               ["KF-mål", "Målområde › KF-mål › Åtagande", "Bidrag"],
               ["Poster Inriktningar", "Målområde, Inriktning", None]]


def record_workbooks(**changes):
    books = minimal_workbooks()
    books["nämnd.xlsx"].update({"Målområden": MALOMRADEN, "Poster KF-mål": KF_MAL,
                                "Poster Inriktningar": INRIKTNINGAR,
                                "Postgrupper": POSTGRUPPER, **changes})
    return books


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    folder = write_folder(tmp_path_factory.mktemp("poster") / "in", record_workbooks())
    findings = Findings()
    report = load_report(folder, findings)
    assert report is not None and not findings, [f.message for f in findings]
    return build_context(report)


def test_records_are_grouped_and_nested_in_sheet_order(context):
    groups = context.poster["kf_mal"]
    assert [g.namn for g in groups] == ["1", "2"]
    assert [kf.namn for kf in groups[0].poster] == ["Skillnaderna i livsvillkor ska minska",
                                                    "Fler ska kunna påverka"]
    first = groups[0].poster[0]
    assert [a.namn for a in first.poster] == ["Fler ska klara SFI", "Kortare tid med bistånd"]
    # a field belongs to the nearest group column to its left
    assert first.falt["bidrag"].paragraphs == (("Nämnden bidrar genom insatser.", False),
                                               ("Ett stycke till.", False))
    assert "beskrivning" not in first.falt
    assert first.poster[0].falt["beskrivning"].paragraphs == (
        ("Uppföljning varje månad.", False), ("en punkt", True))
    # KF-mål and its first åtagande on one row, under a new målområde: nothing carried over
    second = groups[1].poster[0]
    assert second.falt["bidrag"].paragraphs == (("Nämnden matchar mot arbetsgivare.", False),)
    assert [(a.namn, a.falt["beskrivning"].paragraphs) for a in second.poster] == [
        ("Fler i studier", (("Vägledning tidigt.", False),))]


def test_each_goal_area_reaches_its_own_records(context):
    by_nr = {m.nr: m.poster for m in context.malomraden}
    assert [kf.namn for kf in by_nr[1]["kf_mal"]] == ["Skillnaderna i livsvillkor ska minska",
                                                      "Fler ska kunna påverka"]
    assert [i.namn for i in by_nr[2]["inriktningar"]] == ["Livslångt lärande"]


def test_a_sheet_without_grouping_is_one_record_a_row(tmp_path):
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Poster Kontroller"] = [["Kontroll", "Resultat"],
                                               ["Attestlistor", "Inga avvikelser."],
                                               ["Avtalstrohet", "Två inköp utan avtal."]]
    folder = write_folder(tmp_path / "in", books)
    report = load_report(folder, Findings())
    context = build_context(report)
    alfa = next(v for v in context.verksamheter if v.namn == "Verksamhet Alfa")
    records = alfa.poster["kontroller"]
    assert [r.namn for r in records] == ["Attestlistor", "Avtalstrohet"]
    assert records[1].falt["resultat"].paragraphs == (("Två inköp utan avtal.", False),)
    assert context.poster == {}


def test_template_loops_over_the_records_into_the_docx(tmp_path):
    folder = write_folder(tmp_path / "in", record_workbooks())
    templates = template_with(
        tmp_path, "{%p for m in malomraden %}", "Målområde {{ m.nr }}",
        "{%p for kf in m.poster.kf_mal %}", "KF: {{ kf.namn }}", "{{p kf.bidrag }}",
        "{%p for a in kf.poster %}", "Å: {{ a.namn }}", "{{p a.beskrivning }}", "{%p endfor %}",
        "{%p endfor %}", "{%p endfor %}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    text = docx_text(result.written[0])
    tail = text[text.rindex("Egna uppgifter"):]
    order = ["Målområde 1", "KF: Skillnaderna i livsvillkor ska minska",
             "Nämnden bidrar genom insatser.", "Ett stycke till.", "Å: Fler ska klara SFI",
             "Uppföljning varje månad.", "en punkt", "Å: Kortare tid med bistånd",
             "KF: Fler ska kunna påverka", "Målområde 2", "KF: Fler ska ha arbete",
             "Å: Fler i studier", "Vägledning tidigt."]
    positions = [tail.index(item) for item in order]
    assert positions == sorted(positions)
    bullets = [p.text for p in Document(result.written[0]).paragraphs
               if p.style.name == "List Bullet"]
    assert "en punkt" in bullets


def found(workbooks):
    return {(f.code, f.sheet, f.cell) for f in findings_in_memory(workbooks)
            if f.code.startswith("R30")}


def test_a_missing_group_or_required_column_is_an_error_at_the_header_row():
    sheet = [[h for h in row[:3]] for row in KF_MAL]  # no Åtagande, no Beskrivning
    groups = [POSTGRUPPER[0], ["KF-mål", "Målområde › KF-mål › Åtagande", "Bidrag, Ansvarig"],
              POSTGRUPPER[2]]
    result = findings_in_memory(record_workbooks(**{"Poster KF-mål": sheet,
                                                    "Postgrupper": groups}))
    missing = [f for f in result if f.code == "R30-POST-KOLUMN-SAKNAS"]
    assert {(f.sheet, f.cell, f.expected) for f in missing} == {
        ("Poster KF-mål", "rad 1", "Åtagande"), ("Poster KF-mål", "rad 1", "Ansvarig")}
    assert "”Bidrag”" in missing[0].found


def test_a_record_without_its_group_is_an_error_at_its_cell():
    sheet = [KF_MAL[0], [None, None, None, "Ett åtagande utan mål", "Text."], *KF_MAL[1:]]
    assert ("R30-POST-OKAND-GRUPP", "Poster KF-mål", "A2") in found(
        record_workbooks(**{"Poster KF-mål": sheet}))


def test_a_goal_area_the_nämnd_does_not_have_is_an_unknown_group():
    sheet = KF_MAL + [[7, "Ett mål i ett målområde som inte finns", "Text.", None, None]]
    result = [f for f in findings_in_memory(record_workbooks(**{"Poster KF-mål": sheet}))
              if f.code == "R30-POST-OKAND-GRUPP"]
    assert [(f.cell, f.found, f.expected) for f in result] == [
        ("A7", "Målområde ”7”", "bladet Målområden har bara 1, 2")]


def test_a_record_without_text_is_a_warning_naming_its_fields():
    sheet = KF_MAL + [[None, None, None, "Ett åtagande utan beskrivning", None]]
    result = [f for f in findings_in_memory(record_workbooks(**{"Poster KF-mål": sheet}))
              if f.code == "R30-POST-TOM"]
    assert [(f.sheet, f.cell, f.found, f.expected, f.severity.value) for f in result] == [
        ("Poster KF-mål", "A7", "Åtagande ”Ett åtagande utan beskrivning”", "”Beskrivning”",
         "varning")]


def test_a_declared_sheet_that_no_workbook_has_is_a_warning():
    groups = POSTGRUPPER + [["Huvudprocesser", "Process", None]]
    assert ("R30-POSTBLAD-SAKNAS", "Postgrupper", "A4") in found(
        record_workbooks(**{"Postgrupper": groups}))


def test_a_complete_record_sheet_has_no_findings():
    assert found(record_workbooks()) == set()


def test_default_template_without_record_sheets_has_no_empty_headings(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {**minimal_workbooks()["nämnd.xlsx"],
                                            "Målområden": MALOMRADEN})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    text = docx_text(result.written[0])
    assert "Målområde 1 Ett gott liv" in text
    assert "Beskrivning av bidrag" not in text and "Inriktningar inom" not in text
    assert "KOMMUNFULLMÄKTIGEMÅL" not in text


def test_verksamhet_workbook_records_stay_with_their_verksamhet(tmp_path):
    books = minimal_workbooks()
    books["Beta.xlsx"] = verksamhet_sheets("Verksamhet Beta", [
        ["Enhet 3", -2000, -1300, -1320, -2000, -1990, None]], Ordning=2) | {
        "Poster Kontroller": [["Kontroll", "Resultat"], ["Kassahantering", "Utan anmärkning."]]}
    report = load_report(write_folder(tmp_path / "in", books), Findings())
    context = build_context(report)
    by_name = {v.namn: v.poster for v in context.verksamheter}
    assert [r.namn for r in by_name["Verksamhet Beta"]["kontroller"]] == ["Kassahantering"]
    assert by_name["Verksamhet Alfa"] == {}
