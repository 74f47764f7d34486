"""The economist's own tables (`Tabell …`), chapters with headings (`Kapitel …`) and the
template's choice of economy columns (`kolumner`, `enhet`, `summarad`): from the workbook to
the produced .docx."""


import pytest
from docx import Document

from assembler.contract.findings import Findings
from assembler.render.filters import FilterError, enhet, summarad
from assembler.app.report import TEMPLATES_DIR, run_validate
from helpers import (RAPPORT, W, docx_tables, docx_text, minimal_folder, render_fast,
                     verksamhet_sheets, write_workbook)

BETYG = [
    ["Andel med minst godkänt betyg (procent)", "Jan–feb 2022 (%)", "Varav A–C (%)",
     "Antal satta betyg (antal)", "Nivå", "Fotnot"],
    ["Grundläggande nivå", "85,1", "47,1", 175, "rubrik", None],
    ["Kvinna", "83,7", "49,7", 123, 1, "Exklusive prövningar"],
    ["Man", "88,5", None, 52, 1, None],
    ["Gymnasial nivå", "83,0", "34,8", 137, None, "Exklusive prövningar"],
    ["Prövningar", "-", "Ca 57 %", 10, None, "Nytt mått 2022\nEn elev räknas en gång"],
    ["Totalt", None, None, None, "summa", None],
]
PORTFOLJER = [
    ["Rubrik", "Nivå", "Text"],
    [None, None, "Portföljerna bidrar på flera sätt."],
    ["Digitalt först, 200 mnkr under 2017–2021", 2, "Strategin har förlängts.\n- en punkt"],
    ["Sociala investeringar, 100 mnkr", None, "I början av året."],
    ["Bryggan", 3, "Utvärderingen är klar."],
]


def template_with(tmp_path, *lines: str):
    """The default report template with `lines` added at its end, each a paragraph."""
    folder = tmp_path / "mallar"
    folder.mkdir(exist_ok=True)
    document = Document(TEMPLATES_DIR / "rapport.docx")
    document.add_paragraph("Egna uppgifter", style="Heading 1")
    for line in lines:
        document.add_paragraph(line)
    document.save(folder / "rapport.docx")
    return folder


def namnd_with(folder, **sheets):
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, **sheets})
    return folder


@pytest.fixture
def betyg_report(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"), **{"Tabell Betyg": BETYG})
    templates = template_with(tmp_path, "{{p tabeller.betyg }}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]


def test_free_table_shows_values_as_typed_with_a_computed_sum_row(betyg_report):
    table = docx_tables(betyg_report)[-1]
    assert table[0] == ["Andel med minst godkänt betyg (procent)", "Jan–feb 2022 (%)",
                        "Varav A–C (%)", "Antal satta betyg (antal)"]
    rows = {r[0]: r[1:] for r in table[1:]}
    assert rows["Gymnasial nivå 1)"] == ["83,0", "34,8", "137"]  # decimals as typed
    assert rows["Prövningar 2) 3)"] == ["-", "Ca 57 %", "10"]  # text as typed
    assert rows["Man"] == ["88,5", "", "52"]  # a blank cell on purpose, no R18 alarm
    # main rows only (not Kvinna/Man); percentages are not summed
    assert rows["Totalt"] == ["", "", "322"]


def test_reused_footnote_keeps_its_number_below_the_table(betyg_report):
    text = docx_text(betyg_report)
    assert "Kvinna 1)" in text and "Gymnasial nivå 1)" in text
    notes = [p.text for p in Document(betyg_report).paragraphs if p.style.name == "Fotnot"]
    assert notes == ["1) Exklusive prövningar", "2) Nytt mått 2022", "3) En elev räknas en gång"]


def test_row_levels_are_styled(betyg_report):
    body = Document(betyg_report).element.body
    table = list(body.iter(W + "tbl"))[-1]
    rows = list(table.iter(W + "tr"))
    def row_xml(label):
        return next(r for r in rows if "".join(t.text for t in r.iter(W + "t")).startswith(label))
    assert row_xml("Grundläggande nivå").find(f".//{W}rStyle") is not None  # bold heading row
    assert row_xml("Totalt").find(f".//{W}rStyle") is not None
    assert row_xml("Kvinna").find(f".//{W}ind") is not None  # sub-row indented


def test_free_table_never_becomes_a_goal_area(betyg_report):
    text = docx_text(betyg_report)
    assert "Indikatorer inom målområde" not in text
    assert "Sammanfattande iakttagelser" not in text


def test_verksamhet_tables_and_the_ordered_list(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"), **{"Tabell Betyg": BETYG})
    write_workbook(folder / "Beta.xlsx", verksamhet_sheets("Verksamhet Beta", [
        ["Enhet 3", -2000, -1300, -1320, -2000, -1990, None]], Ordning=2) | {
        "Tabell Nyckeltal": [["Nyckeltal", "2023", "2024"], ["Besök", 1200, 1350]]})
    templates = template_with(
        tmp_path, "{%p for t in fria_tabeller %}", "{{ t.namn }} ({{ t.verksamhet }})",
        "{%p endfor %}", "{%p for v in verksamheter %}",
        "{%p if v.tabeller.nyckeltal is defined %}", "{{p v.tabeller.nyckeltal }}", "{%p endif %}",
        "{%p endfor %}")
    report = render_fast(folder, tmp_path / "ut", templates=templates).written[0]
    text = docx_text(report)
    assert "Betyg ()" in text and "Nyckeltal (Verksamhet Beta)" in text
    assert text.index("Betyg ()") < text.index("Nyckeltal (Verksamhet Beta)")
    assert docx_tables(report)[-1] == [["Nyckeltal", "2023", "2024"], ["Besök", "1 200", "1 350"]]


def test_chapter_from_excel_gets_numbered_headings_in_the_toc(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"), **{"Kapitel Portföljer": PORTFOLJER})
    templates = template_with(tmp_path, "{{p kapitel.portfoljer }}")
    report = render_fast(folder, tmp_path / "ut", templates=templates).written[0]
    document = Document(report)
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[-4:] == [("Heading 1", "Egna uppgifter"),
                             ("Heading 2", "Digitalt först, 200 mnkr under 2017–2021"),
                             ("Heading 2", "Sociala investeringar, 100 mnkr"),
                             ("Heading 3", "Bryggan")]
    toc = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name.startswith("toc")]
    number = toc[-3].split(".")[0]
    assert toc[-2:] == [f"{number}.1 Digitalt först, 200 mnkr under 2017–2021",
                        f"{number}.2 Sociala investeringar, 100 mnkr"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "en punkt" in bullets
    text = docx_text(report)
    assert text.index("Portföljerna bidrar") < text.index("Strategin har förlängts")


def test_template_chooses_columns_unit_and_total_label(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    templates = template_with(tmp_path, "{{p tabell.namnd | kolumner('budget', 'utfall_period', "
                                        "'avvikelse_period') | enhet('mnkr') "
                                        "| summarad('Resultat') }}",
                              "{{p tabell.namnd | kolumner('bokslut_fg', 'utfall_period') "
                              "| arsordning('nyast') }}")
    report = render_fast(folder, tmp_path / "ut", templates=templates).written[0]
    assert docx_tables(report)[-1] == [
        ["Testnämnden, belopp i tkr", "Utfall jan–aug 2024", "Bokslut 2023"],
        ["Verksamhet Alfa", "-940", "-1 500"],
        ["Verksamhet Beta", "-1 300", "-2 000"],
        ["Nettokostnad", "-2 240", "-3 500"]]
    assert docx_tables(report)[-2] == [
        ["Testnämnden, belopp i mnkr", "Budget 2024", "Utfall jan–aug 2024", "Avvikelse jan–aug"],
        ["Verksamhet Alfa", "-1,5", "-0,9", "0,0"],
        ["Verksamhet Beta", "-2,0", "-1,3", "0,0"],
        ["Avrundning", "", "", "0,1"],  # 0,04 + 0,02 print as 0,0 each: the rows foot openly
        ["Resultat", "-3,5", "-2,2", "0,1"]]


def test_unknown_column_name_is_a_template_finding(tmp_path):
    from assembler.app.report import run_template_check

    templates = template_with(tmp_path, "{{p tabell.namnd | kolumner('utfal') }}")
    [found] = [f for f in run_template_check(templates / "rapport.docx").findings
               if f.code == "M04-MALLFEL"]
    assert "okänd kolumn 'utfal'" in found.message and "utfall_period" in found.message


@pytest.mark.parametrize("use", [lambda: enhet("text", "mnkr"), lambda: summarad(3, "x")])
def test_table_filters_on_something_else_say_so(use):
    with pytest.raises(FilterError, match="bara på en tabell"):
        use()


def test_same_columns_reproduce_the_table():
    from assembler.compute.context import build_context
    from assembler.read.folder import load_report
    from helpers import EXAMPLE

    context = build_context(load_report(EXAMPLE, Findings()))
    table = context.tabell["namnd"]
    names = ["utfall_period", "budget_period", "forbrukning_period", "budget", "prognos",
             "avvikelse"]
    same = table.with_columns(names)
    assert [c.title for c in same.columns] == [c.title for c in table.columns]
    assert [r.values for r in same.rows] == [r.values for r in table.rows]
    assert same.with_unit("mnkr").rows[-1].values[0] == table.rows[-1].values[0]  # unrounded


# --- validation of the new sheets ---------------------------------------------------------

def findings(folder, code):
    return [f for f in run_validate(folder).findings if f.code == code]


def test_typed_value_in_a_sum_row(tmp_path):
    rows = [r[:] for r in BETYG]
    rows[-1][3] = 322
    folder = namnd_with(minimal_folder(tmp_path / "in"), **{"Tabell Betyg": rows})
    [found] = findings(folder, "R06-SUMMARAD-INSKRIVEN")
    assert (found.sheet, found.cell, found.found) == ("Tabell Betyg", "D7", "”322”")


def test_table_without_value_columns(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"),
                        **{"Tabell Tom": [["Rad", "Fotnot"], ["a", "b"]]})
    [found] = findings(folder, "R01-TABELL-UTAN-KOLUMNER")
    assert found.sheet == "Tabell Tom" and "”Rad”" in found.found


def test_two_sheets_with_the_same_template_name(tmp_path):
    table = [["Rad", "Värde"], ["a", 1]]
    folder = namnd_with(minimal_folder(tmp_path / "in"),
                        **{"Tabell Ärenden": table, "Tabell Arenden": table})
    [found] = findings(folder, "R01-NAMN-DUBBELT")
    assert (found.found, found.expected) == ("Tabell Arenden", "Tabell Ärenden")


def test_unknown_row_level_and_heading_level(tmp_path):
    rows = [r[:] for r in BETYG]
    rows[2][4] = "K"
    chapter = [r[:] for r in PORTFOLJER]
    chapter[2][1] = 7
    folder = namnd_with(minimal_folder(tmp_path / "in"),
                        **{"Tabell Betyg": rows, "Kapitel Portföljer": chapter})
    found = {(f.sheet, f.cell) for f in findings(folder, "R03-OKANT-VARDE")}
    assert found == {("Tabell Betyg", "E3"), ("Kapitel Portföljer", "B3")}


def test_table_row_without_a_name(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"),
                        **{"Tabell Betyg": [["Rad", "Värde"], ["a", 1], [None, 2]]})
    [found] = findings(folder, "R01-RAD-UTAN-NAMN")
    assert (found.sheet, found.cell) == ("Tabell Betyg", "A3")


def test_init_offers_a_table_and_a_chapter_sheet(tmp_path):
    from openpyxl import load_workbook

    from assembler.contract.model import ReportType
    from assembler.app.init import init_folder

    init_folder(tmp_path / "ny", 2024, ReportType.INTERIM_2, ["Bibliotek"])
    namnd = load_workbook(tmp_path / "ny" / "Nämnden.xlsx")
    assert [c.value for c in namnd["Tabell Exempel"][1]] == [
        "Radnamn", "Kolumn 1 (enhet)", "Kolumn 2 (enhet)", "Nivå", "Fotnot"]
    assert [c.value for c in namnd["Kapitel Exempel"][1]] == ["Rubrik", "Nivå", "Text"]
    validations = namnd["Tabell Exempel"].data_validations.dataValidation
    levels = {str(v.sqref): v.formula1 for v in validations}
    assert levels["D2:D201"] == '"0,1,2,varav,rubrik,summa,titel,bredd,kolumntyp"'


def test_years_newest_first():
    from assembler.compute.tables import Column, ColumnKind, Table

    table = Table("Nyckeltal", [Column(t, kind=ColumnKind.VALUE) for t in
                                ("Utfall 2022", "Utfall 2023", "Kommentar", "Prognos 2024")])
    table.add_values("Besök", [1, 2, "x", 3])
    newest = table.with_years(newest_first=True)
    assert [c.title for c in newest.columns] == ["Prognos 2024", "Utfall 2023", "Kommentar",
                                                 "Utfall 2022"]
    assert newest.rows[0].values == [3, 2, "x", 1]
    assert table.with_years(newest_first=False).rows[0].values == [1, 2, "x", 3]


def test_tot_k_m_rows_with_a_text_column_and_blank_names(tmp_path):
    """Örebro KS's anställningsmyndighet table: Tot/K/M rows, the K/M rows without a name."""
    sheet = [["Indikatorer", "Tot K/M", "Utfall 2019", "Utfall 2020", "Målvärde 2020", "Nivå",
              "Fotnot"],
             ["Sjukfrånvaro i procent av arbetstiden", "Tot", "4,4", "3,8", "Minska", None,
              "Exkl. Socialnämndens verksamheter"],
             [None, "K", "4,9", "4,4", None, 1, None],
             [None, "M", "3,0", "2,6", None, 1, None],
             ["Styrningsindex", "Tot", 66, 69, "Öka", None, "Exkl. Socialnämndens verksamheter"]]
    folder = namnd_with(minimal_folder(tmp_path / "in"), **{"Tabell Anställning": sheet})
    templates = template_with(tmp_path, "{{p tabeller.anstallning }}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    assert docx_tables(result.written[0])[-1] == [
        ["Indikatorer", "Tot K/M", "Utfall 2019", "Utfall 2020", "Målvärde 2020"],
        ["Sjukfrånvaro i procent av arbetstiden 1)", "Tot", "4,4", "3,8", "Minska"],
        ["", "K", "4,9", "4,4", ""],
        ["", "M", "3,0", "2,6", ""],
        ["Styrningsindex 1)", "Tot", "66", "69", "Öka"]]


def test_untouched_example_sheet_from_init_gives_no_table(tmp_path):
    folder = namnd_with(minimal_folder(tmp_path / "in"),
                        **{"Tabell Exempel": [["Radnamn", "Kolumn 1 (enhet)", "Nivå"]]})
    from assembler.compute.context import build_context
    from assembler.read.folder import load_report

    findings = Findings()
    context = build_context(load_report(folder, findings))
    assert findings == [] and context.tabeller == {} and context.fria_tabeller == []


def test_template_gives_the_percent_columns_one_decimal_and_the_default_keeps_none(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    templates = template_with(tmp_path, "{{p tabell.namnd | kolumner('utfall_period', "
                                        "'forbrukning_ar') | procentdecimaler(1) }}",
                              "{{p tabell.namnd | kolumner('utfall_period', 'forbrukning_ar') }}")
    report = render_fast(folder, tmp_path / "ut", templates=templates).written[0]
    one, default = docx_tables(report)[-2:]
    assert one[1][-1] == "62,7%"
    assert default[1][-1] == "63%"


def test_percent_decimals_outside_0_to_2_are_a_template_finding(tmp_path):
    from assembler.app.report import run_template_check

    templates = template_with(tmp_path, "{{p tabell.namnd | procentdecimaler(5) }}")
    [found] = [f for f in run_template_check(templates / "rapport.docx").findings
               if f.code == "M04-MALLFEL"]
    assert "procentdecimaler" in found.message and "0–2" in found.message
