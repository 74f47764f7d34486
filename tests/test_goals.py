"""Sections 3, 4 and 6, the Årsberättelse and Delårsrapport 1 report types, and the charts."""

import json
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import Workbook

from helpers import (EXPECTED, MEMO_TEXT, RAPPORT, W, annual_folder, docx_tables, docx_text,
                     findings_in_memory, minimal_folder, minimal_workbooks, render_fast,
                     verksamhet_sheets, write_workbook)

GOALS = ["Örebro i sin fulla kraft", "Lärande, utbildning och arbete genom hela livet i Örebro",
         "Ett tryggt och gott liv för alla i Örebro",
         "Örebro skapar livsmiljöer för god livskvalitet",
         "Ett klimatpositivt Örebro med friska ekosystem och god biologisk mångfald",
         "Hållbara och resurseffektiva Örebro"]


@pytest.fixture(scope="module")
def tables(fixture_docx):
    return docx_tables(fixture_docx)


def bullets_in(document, table_index):
    table = document.tables[table_index]
    return [[[p.text for p in cell.paragraphs] for cell in row.cells] for row in table.rows]


def test_section_3_counts_match_section_4(fixture_docx):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["iakttagelser_counts"]
    document = Document(fixture_docx)
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Målområden")
    rows = {r.cells[0].text: r for r in summary.rows[1:]}
    for nr, (positive, improve) in expected.items():
        row = rows[GOALS[int(nr) - 1]]
        for cell, count in ((row.cells[1], positive), (row.cells[2], improve)):
            items = [p for p in cell.paragraphs if p.style.name == "Tabellpunkt"]
            assert len(items) == count, (nr, cell.text)
            if count == 0:
                assert cell.text == "---"
    # section 4 shows the same items for målområde 1
    detail = [t for t in document.tables if t.rows[0].cells[0].text == "Positiva iakttagelser"]
    with_observations = [nr for nr, counts in expected.items() if sum(counts)]
    assert len(detail) == len(with_observations) < len(expected)  # none for a goal without any
    first = [p.text for p in detail[0].rows[1].cells[0].paragraphs]
    assert first == [p.text for p in rows[GOALS[0]].cells[1].paragraphs]


def test_indicator_tables_for_goals_1_2_3_6_hold_all_23(tables):
    indicator_tables = [t for t in tables if t[0][0].startswith("Indikatorer inom målområde")]
    assert [t[0][0] for t in indicator_tables] == [
        f"Indikatorer inom målområde {n}" for n in (1, 2, 3, 6)]
    assert indicator_tables[0][0][1:] == ["Utfall 2019", "Utfall 2020", "Prognos 2021",
                                          "Målvärde 2021"]
    groups = {"Kunskapsmål", "Näringsliv", "Arbetsmarknadsinsats"}
    rows = [r for t in indicator_tables for r in t[1:] if r[0] not in groups]
    assert len(rows) == json.loads(EXPECTED.read_text(encoding="utf-8"))["indicator_rows"]


def test_indicator_values_and_footnotes(fixture_docx, tables):
    goal_1 = next(t for t in tables if t[0][0] == "Indikatorer inom målområde 1")
    by_label = {r[0]: r[1:] for r in goal_1}
    assert by_label["Andel unika hushåll med långvarigt ekonomiskt bistånd 3)"] == [
        "30,7%", "33,3%", "36,5%", "Minska"]
    assert by_label["Bidragstidens längd, månader"] == ["6,41", "6,55", "6,9", "Minska"]
    assert by_label["Andel elever som avslutas innan nivå D, uppbär ekonomiskt bistånd och "
                    "erbjuds aktivitet 2)"] == [
        "-", "-", "Ca 57 %", "100%"]
    text = docx_text(fixture_docx)
    assert "Kommentarer till indikatorernas prognos" in text
    assert "1) Avser avbrott av orsakerna B, C, E och K." in text


def test_group_rows_are_bold_subheadings(fixture_docx):
    document = Document(fixture_docx)
    table = next(t for t in document.tables
                 if t.rows[0].cells[0].text == "Indikatorer inom målområde 2")
    group = next(r for r in table.rows if r.cells[0].text == "Kunskapsmål")
    assert group.cells[0].paragraphs[0].runs[0].style.name == "Summarad"
    assert all(c.text == "" for c in group.cells[1:])


def test_five_years_with_groups_sub_rows_and_footnotes(fixture_docx, tables):
    five = next(t for t in tables if t[0][1:] == ["Utfall 2017", "Utfall 2018", "Utfall 2019",
                                                   "Utfall 2020", "Prognos 2021"])
    labels = [r[0] for r in five]
    assert "Befolkning" in labels and "Anställda" in labels
    assert five[labels.index("Totalt antal invånare, Örebro kommun 1)")][1:] == [
        "150 227", "153 686", "155 643", "156 361", "Öka"]
    kvinnor = five[labels.index("Öppna arbetslösheten, Örebro (%)") + 1]
    assert kvinnor == ["Kvinnor", "4,2", "4,0", "4,1", "4,1", "Minska"]  # one row, one format
    ungdomar = next(r for r in five if r[0] == "Ungdomar" and r[1] == "10,0")
    # as its block, like the original
    assert ungdomar[1:] == ["10,0", "9,0", "9,0", "12,0", "Minska"]
    document = Document(fixture_docx)
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Utfall 2017")
    indents = {}
    for row in table.rows:
        ind = row.cells[0].paragraphs[0]._p.find(f"{W}pPr/{W}ind")
        indents[row.cells[0].text] = int(ind.get(f"{W}left")) if ind is not None else 0
    assert indents["Flickor"] > indents["Ungdomar"] > indents["Befolkning"] == 0
    assert "1) Enligt SCB:s befolkningsstatistik." in docx_text(fixture_docx)


def images(path):
    document = Document(path)
    return [(d.get("descr"), d.get("title")) for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]


def test_fixture_has_the_deviation_chart_with_alt_text(fixture_docx):
    found = images(fixture_docx)
    assert len(found) == 1
    assert found[0][0].startswith("Stapeldiagram över avvikelse mot budget per verksamhet")
    assert "Verksamhet Vuxenutbildning -4\u00a0904 tkr" in found[0][0]


def test_a_five_year_row_marked_diagram_gets_a_trend_chart(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    five = [["Grupp", "Nyckeltal", "Nivå", "Utfall år-4", "Utfall år-3", "Utfall år-2",
             "Utfall år-1", "Prognos", "Kommentar", "Diagram"],
            ["Elever", "Antal elever", 0, 120, 130, 128, 140, 150, None, "Ja"],
            ["Elever", "Antal lärare", 0, 12, 13, 13, 14, 14, None, None]]
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Fem år": five})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok
    alt = [descr for descr, _ in images(result.written[0])]
    assert any(a.startswith("Linjediagram för Antal elever (sista värdet är en prognos): "
                            "2020: 120") for a in alt), alt
    assert not any("Antal lärare" in a for a in alt)


def test_percent_formatted_cells_and_decimals(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT})
    book = Workbook()
    book.remove(book.active)
    for title, rows in {"Rapport": RAPPORT,
                        "Målområden": [["Nr", "Målområde", "Sammanfattande analys"],
                                       [1, "Mål", ""]],
                        "Indikatorer": [["Målområde", "Indikator", "Enhet", "Utfall år-2",
                                         "Utfall år-1", "Prognos", "Målvärde"],
                                        [1, "Andel A", "%", 0.365, 36.5, "36,5", 0.4],
                                        [1, "Tid", "dagar", 6.41, 6.5, 7, "Minska"]]}.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    indicators = book["Indikatorer"]
    indicators["D2"].number_format = "0.0%"
    indicators["G2"].number_format = "0%"
    book.save(folder / "nämnd.xlsx")
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    table = next(t for t in docx_tables(result.written[0]) if t[0][0].startswith("Indikatorer"))
    assert table[1] == ["Andel A", "36,5%", "36,5%", "36,5%", "40%"]
    assert table[2] == ["Tid", "6,41", "6,5", "7", "Minska"]


# --- report types --------------------------------------------------------------------------

def test_arsberattelse_deviations_and_no_forecast_wording(tmp_path):
    result = render_fast(annual_folder(tmp_path / "in"), tmp_path / "ut")
    assert result.ok and result.written
    assert [f.code for f in result.findings] == ["R11-BUDGET-NOLL"]  # the unit with budget 0
    path = result.written[0]
    assert path.name == "Årsberättelse 2024 – Testnämnden.docx"
    text = docx_text(path)
    assert not re.search(r"prognos", text, re.IGNORECASE)
    tables = docx_tables(path)
    namnd = next(t for t in tables if t[0][0].startswith("Testnämnden"))
    assert namnd[0][1:] == ["Bokslut 2023", "Utfall 2024", "Budget 2024", "Avvikelse",
                            "Förändring % mot 2023"]
    rows = {r[0]: r[1:] for r in namnd}
    assert rows["Skola"] == ["-4 700", "-4 680", "-4 850", "170", "0%"]
    assert rows["Stöd"][3] == "-230"
    assert rows["Nettokostnad"][3] == "-10"
    kafe = next(t for t in tables if t[0][0].startswith("Skola"))
    assert {r[0]: r[1:] for r in kafe}["Kafé"] == ["300", "420", "350", "70", "+40%"]
    stod = next(t for t in tables if t[0][0].startswith("Stöd"))
    assert {r[0]: r[1:] for r in stod}["Nytt projekt"] == ["0", "-80", "0", "-80", ""]
    assert "Testnämnden fastställer Årsberättelse för 2024." in text
    assert "Årsberättelsen överlämnas till Kommunstyrelsen" in text
    assert "Årets utfall för nämnden visar en negativ avvikelse mot budget på 10 tkr." in text
    assert "Årets utfall visar en positiv avvikelse mot budget på +170 tkr." in text


def test_delarsrapport_1_period_in_every_header_and_sentence(tmp_path):
    rapport = [list(r) for r in RAPPORT]
    for row in rapport:
        if row[0] == "Rapporttyp":
            row[1] = "Delårsrapport 1"
        if row[0] == "Period till och med":
            row[1] = "mars"
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "nämnd.xlsx", {"Rapport": rapport})
    for name, rows in {"Alfa": [["E1", -1000, -240, -250, -1000, -980, None]],
                       "Beta": [["E2", -2000, -510, -500, -2000, -2010, None]]}.items():
        write_workbook(folder / f"{name}.xlsx", verksamhet_sheets(f"Verksamhet {name}", rows))
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    path = result.written[0]
    assert path.name.startswith("Delårsrapport med prognos 1 2024")
    headers = [h for t in docx_tables(path) for h in t[0] if "Utfall jan" in h or "Budget jan" in h]
    assert headers and all("jan–mar" in h for h in headers)
    text = docx_text(path)
    assert "till och med mars" in text
    assert "aug" not in text


# --- goal vocabulary -----------------------------------------------------------------------

@pytest.mark.parametrize("sheet, row, code, cell", [
    ("Iakttagelser", [1, "Negativ", "Något"], "R03-OKANT-VARDE", "B2"),
    ("Iakttagelser", [7, "Positiv", "Något"], "R03-OKANT-VARDE", "A2"),
    ("Åtaganden", [1, "Göra något", "Halvklart", ""], "R03-OKANT-VARDE", "C2"),
])
def test_goal_vocabulary(sheet, row, code, cell):
    headers = {"Iakttagelser": ["Målområde", "Typ", "Iakttagelse"],
               "Åtaganden": ["Målområde", "Åtagande", "Status", "Kommentar"]}
    books = minimal_workbooks() | {"nämnd.xlsx": {
        "Rapport": RAPPORT, "Text": MEMO_TEXT, "Målområden": [["Nr", "Målområde"], [1, "Mål ett"]],
        sheet: [headers[sheet], row]}}
    found = [(f.code, f.sheet, f.cell) for f in findings_in_memory(books)]
    assert found == [(code, sheet, cell)]


def test_unknown_target_word():
    books = minimal_workbooks() | {"nämnd.xlsx": {"Rapport": RAPPORT, "Text": MEMO_TEXT,
                                                   "Indikatorer": [
        ["Målområde", "Indikator", "Enhet", "Utfall år-2", "Utfall år-1", "Prognos", "Målvärde"],
        [1, "Andel", "%", 1, 2, 3, "Höja"]]}}
    found = findings_in_memory(books)
    assert [(f.code, f.cell, f.found) for f in found] == [("R03-OKANT-VARDE", "G2", "”Höja”")]


def test_commitments_and_status_counts(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Målområden": [["Nr", "Målområde"], [1, "Mål ett"], [2, "Mål två"]],
        "Åtaganden": [["Målområde", "Åtagande", "Status", "Kommentar"],
                      [1, "Införa e-tjänst", "Klart", "Klar i maj."],
                      [1, "Ny rutin", "Pågår", ""], [2, "Utredning", "pågår", ""],
                      [2, "Flytt", "Försenat", "Lokalen blev inte klar."]]})
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, -650, -1000, -950, None]]) | {
        "Åtaganden": [["Målområde", "Åtagande", "Status"], [2, "Alfas åtagande", "Ej påbörjad"]]})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    tables = docx_tables(result.written[0])
    counts = next(t for t in tables if t[0][0] == "Status för nämndens åtaganden")
    assert counts[1:] == [["Ej påbörjat", "1"], ["Pågår", "2"], ["Klart", "1"],
                          ["Försenat", "1"], ["Stoppat", "0"], ["Totalt", "5"]]
    goal_2 = [t for t in tables if t[0][0] == "Åtagande"][1]
    assert goal_2[1:] == [["Utredning", "● Pågår", ""],
                          ["Flytt", "● Försenat", "Lokalen blev inte klar."],
                          ["Alfas åtagande", "● Ej påbörjat", ""]]  # nämnd first, then verksamheter
    document = Document(result.written[0])
    mark = next(r for t in document.tables for row in t.rows for c in row.cells
                for p in c.paragraphs for r in p.runs if r.text == "● ")
    assert mark.style.name.startswith("Status ")
    # the status column is no wider than "● Ej påbörjat"; the comment gets the rest
    commitments = next(t for t in document.tables if t.rows[0].cells[0].text == "Åtagande")
    widths = [int(c.get(qn("w:w"))) for c in commitments._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[1] < 2000 < widths[2], widths
    # the old template style name still colours "Ej påbörjat"
    not_started = next(r for t in document.tables for row in t.rows for c in row.cells
                       for p in c.paragraphs if p.text == "● Ej påbörjat" for r in p.runs[:1])
    assert not_started.style.name == "Status Ej påbörjad"


def test_a_goal_without_observations_gets_no_empty_table_in_section_4(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Text": MEMO_TEXT,
        "Målområden": [["Nr", "Målområde"], [1, "Mål ett"], [2, "Mål två"]],
        "Iakttagelser": [["Målområde", "Typ", "Iakttagelse"], [1, "Positiv", "Fler besök."]]})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    tables = docx_tables(result.written[0])
    summary = next(t for t in tables if t[0][0] == "Målområden")
    assert summary[2] == ["Mål två", "---", "---"]  # section 3 keeps its dashes
    detail = [t for t in tables if t[0][0] == "Positiva iakttagelser"]
    assert len(detail) == 1 and detail[0][1][0] == "Fler besök."


def test_a_fardiggrad_column_gives_the_commitment_table_a_column_in_percent(tmp_path):
    """Åtaganden's optional Färdiggrad (Eskilstuna shows it beside the status): a column in the
    målområde's table as typed, in percent or percent-formatted; a blank is blank, never 0 %."""
    folder = minimal_folder(tmp_path / "in")
    rows = [["Målområde", "Åtagande", "Status", "Färdiggrad", "Kommentar"],
            [1, "Införa e-tjänst", "Klart", 100, "Klar i maj."],
            [1, "Ny rutin", "Pågår", 0.25, ""], [1, "Utredning", "Ej påbörjat", None, ""]]
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Målområden": [["Nr", "Målområde"], [1, "Mål ett"]],
        "Åtaganden": rows})
    from openpyxl import load_workbook

    book = load_workbook(folder / "nämnd.xlsx")
    book["Åtaganden"]["D3"].number_format = "0%"
    book.save(folder / "nämnd.xlsx")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, -650, -1000, -950, None]]))
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    table = next(t for t in docx_tables(result.written[0]) if t[0][0] == "Åtagande")
    assert table == [["Åtagande", "Status", "Färdiggrad", "Kommentar"],
                     ["Införa e-tjänst", "● Klart", "100%", "Klar i maj."],
                     ["Ny rutin", "● Pågår", "25%", ""],
                     ["Utredning", "● Ej påbörjat", "", ""]]
