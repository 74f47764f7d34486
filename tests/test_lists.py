"""Lists with their own statuses (sheet Statusar): counts, count sentences in words, count
tables in a column or a row, groups by status; Åtaganden keeps its five statuses."""

from docx import Document

from assembler.compute.context import build_context
from assembler.contract.findings import Findings
from assembler.read.folder import load_report
from helpers import (RAPPORT, docx_tables, docx_text, findings_in_memory, minimal_folder,
                     minimal_workbooks, render_fast, write_folder, write_workbook)

STATUSAR = [["Lista", "Status", "Rubrik", "I text", "I text ental"],
            ["Uppdrag", "Klart", "Färdiga uppdrag", "färdiga", None],
            ["Uppdrag", "Klart 2020", "Förväntas bli färdiga 2020", "förväntas bli färdiga 2020",
             None],
            ["Uppdrag", "Stoppat", "Stoppade uppdrag", "är stoppade", "är stoppad"],
            ["Uppdrag", "Försenat", "Försenade uppdrag", "är försenade", "är försenad"]]
UPPDRAG = [["Uppdrag", "Status", "Kommentar"]] + [[f"Uppdrag {i}", "Klart", None]
                                                  for i in range(7)] + [
    [f"Uppdrag {i}", "Klart 2020", None] for i in range(7, 11)] + [
    ["Uppdrag 11", "stoppat", "Väntar på beslut"]]


def books_with(statusar=STATUSAR, uppdrag=UPPDRAG):
    return minimal_workbooks() | {"nämnd.xlsx": {"Rapport": RAPPORT, "Statusar": statusar,
                                                 "Uppdrag": uppdrag}}


def folder_with(tmp_path, statusar=STATUSAR, uppdrag=UPPDRAG):
    return write_folder(tmp_path / "in", books_with(statusar, uppdrag))


def test_counts_groups_and_sentence(tmp_path):
    findings = Findings()
    context = build_context(load_report(folder_with(tmp_path), findings))
    assert list(findings) == []
    uppdrag = context.listor["uppdrag"]
    assert uppdrag.antal == 12
    assert [(g.rubrik, g.antal) for g in uppdrag.statusar] == [
        ("Färdiga uppdrag", 7), ("Förväntas bli färdiga 2020", 4), ("Stoppade uppdrag", 1),
        ("Försenade uppdrag", 0)]
    assert uppdrag.statusar[2].punkter[0]["kommentar"] == "Väntar på beslut"
    assert [r.values for r in uppdrag.tabell_rad.rows] == [[7, 4, 1, 0, 12]]


def test_the_report_writes_counts_in_words_a_row_table_and_groups(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    doc = Document()
    for line in ["Av {{ listor.uppdrag.antal }} uppdrag är {{ listor.uppdrag.mening }}.",
                 "{{p listor.uppdrag.tabell_rad }}",
                 "{%p for s in listor.uppdrag.statusar if s.antal %}",
                 "{{ s.rubrik }} ({{ s.antal }} st.)",
                 "{%p endfor %}"]:
        doc.add_paragraph(line)
    doc.save(templates / "rapport.docx")
    result = render_fast(folder_with(tmp_path), tmp_path / "ut", templates=templates)
    path = next(p for p in result.written if "Tjänsteskrivelse" not in p.name)
    text = docx_text(path)
    assert ("Av 12 uppdrag är sju färdiga, fyra förväntas bli färdiga 2020 och en är stoppad."
            in text)
    assert "Färdiga uppdrag (7 st.)" in text and "Försenade uppdrag" not in text
    assert docx_tables(path)[0] == [["Klart", "Klart 2020", "Stoppat", "Försenat", "Totalt"],
                                    ["7", "4", "1", "0", "12"]]


def test_commitments_keep_their_five_statuses(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Målområden": [["Nr", "Målområde"], [1, "Ett"]],
        "Åtaganden": [["Målområde", "Åtagande", "Status"], [1, "A", "Klart"], [1, "B", "Pågår"]]})
    context = build_context(load_report(folder, Findings()))
    ataganden = context.listor["ataganden"]
    assert [(g.status, g.antal) for g in ataganden.statusar] == [
        ("Ej påbörjat", 0), ("Pågår", 1), ("Klart", 1), ("Försenat", 0), ("Stoppat", 0)]
    assert context.tabell["atagandestatus"].rows[-1].values == [2]


def codes(books):
    return [(f.code, f.sheet, f.cell) for f in findings_in_memory(books)]


def test_a_status_declared_twice_is_an_error():
    statusar = STATUSAR + [["Uppdrag", "klart", None, None, None]]
    assert ("R24-STATUS-DUBBEL", "Statusar", "B6") in codes(books_with(statusar))


def test_a_declared_list_without_a_sheet_is_a_warning():
    statusar = STATUSAR + [["Handlingsplan", "Klart", None, None, None]]
    assert ("R24-LISTA-SAKNAS", "Statusar", "") in codes(books_with(statusar))


def test_an_undeclared_status_is_reported_with_the_declared_ones():
    found = [f for f in findings_in_memory(books_with(uppdrag=UPPDRAG + [
        ["Uppdrag 12", "Avbrutet", None]])) if f.code == "R03-OKANT-VARDE"]
    assert [(f.sheet, f.cell) for f in found] == [("Uppdrag", "B14")]
    assert "Klart 2020" in found[0].expected


def test_commitments_may_declare_their_own_vocabulary(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Målområden": [["Nr", "Målområde"], [1, "Ett"]],
        "Statusar": [["Lista", "Status"], ["Åtaganden", "Genomfört"], ["Åtaganden", "Pågår"],
                     ["Åtaganden", "Ej genomfört"]],
        "Åtaganden": [["Målområde", "Åtagande", "Status"], [1, "A", "Genomfört"],
                      [1, "B", "Genomfört"], [1, "C", "Pågår"]]})
    findings = Findings()
    context = build_context(load_report(folder, findings))
    assert list(findings) == []
    assert [(g.status, g.antal) for g in context.listor["ataganden"].statusar] == [
        ("Genomfört", 2), ("Pågår", 1), ("Ej genomfört", 0)]


def test_a_declared_spelling_of_a_fixed_status_counts_the_old_spelling_too(tmp_path):
    """Eskilstuna's words in Statusar (`Ej påbörjad`, `Klart, avslutat`): an åtagande typed the
    old way (`Klart`, `Ej påbörjat`) still reads, and counts and shows under the declared word;
    the status still gets the mark of its fixed status."""
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": RAPPORT, "Målområden": [["Nr", "Målområde"], [1, "Ett"]],
        "Statusar": [["Lista", "Status"], ["Åtaganden", "Ej påbörjad"], ["Åtaganden", "Pågår"],
                     ["Åtaganden", "Klart, avslutat"], ["Åtaganden", "Försenat"]],
        "Åtaganden": [["Målområde", "Åtagande", "Status"], [1, "A", "Klart"],
                      [1, "B", "klart, avslutat"], [1, "C", "Ej påbörjat"], [1, "D", "Pågår"]]})
    findings = Findings()
    context = build_context(load_report(folder, findings))
    assert list(findings) == []
    assert [(g.status, g.antal) for g in context.listor["ataganden"].statusar] == [
        ("Ej påbörjad", 1), ("Pågår", 1), ("Klart, avslutat", 2), ("Försenat", 0)]
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    commitments = next(t for t in docx_tables(result.written[0]) if t[0][0] == "Åtagande")
    assert [row[1] for row in commitments[1:]] == ["● Klart, avslutat", "● Klart, avslutat",
                                                   "● Ej påbörjad", "● Pågår"]
    marks = {p.text: p.runs[0].style.name for t in Document(result.written[0]).tables
             for row in t.rows for c in row.cells for p in c.paragraphs
             if p.text.startswith("● ")}
    assert marks["● Klart, avslutat"] == "Status Klart"
    assert marks["● Ej påbörjad"] == "Status Ej påbörjad"
