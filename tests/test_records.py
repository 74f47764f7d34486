"""Record sheets (`Poster <namn>`, grouped by `Postgrupper`): read from Excel, grouped and
nested in sheet order, checked, and looped over by a template into the produced .docx."""

import re

import pytest
from docx import Document

from assembler.compute.context import build_context
from assembler.contract.findings import Findings
from assembler.read.folder import load_report
from helpers import (EXAMPLE, SHARED, docx_text, findings_in_memory, minimal_folder,
                     minimal_workbooks, render_fast, verksamhet_sheets, write_folder,
                     write_workbook)
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
INRIKTNINGAR = [["Målområde", "Inriktning", "Beskrivning"],
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
    assert first.falt["bidrag"].paragraphs == (("Nämnden bidrar genom insatser.", ""),
                                               ("Ett stycke till.", ""))
    assert "beskrivning" not in first.falt
    assert first.rad["bidrag"] == "Nämnden bidrar genom insatser. Ett stycke till."  # one line
    assert [f["rubrik"] for f in first.kolumner] == ["Bidrag"]  # its own level's, filled
    assert [f["rubrik"] for f in first.poster[0].kolumner] == ["Beskrivning"]
    assert first.poster[0].falt["beskrivning"].paragraphs == (
        ("Uppföljning varje månad.", ""), ("en punkt", "•"))
    # KF-mål and its first åtagande on one row, under a new målområde: nothing carried over
    second = groups[1].poster[0]
    assert second.falt["bidrag"].paragraphs == (("Nämnden matchar mot arbetsgivare.", ""),)
    assert [(a.namn, a.falt["beskrivning"].paragraphs) for a in second.poster] == [
        ("Fler i studier", (("Vägledning tidigt.", ""),))]


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
    assert records[1].falt["resultat"].paragraphs == (("Två inköp utan avtal.", ""),)
    # every column but the one that names the record, in sheet order, for a generic template
    assert [(f["rubrik"], f["text"]) for f in records[1].kolumner] == [
        ("Resultat", "Två inköp utan avtal.")]
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
        ("Poster KF-mål", "E7", "Åtagande ”Ett åtagande utan beskrivning”", "”Beskrivning”",
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


# --- the default format (inputs/exempel, templates/rapport.docx): 4.x.2 as in the original ---

REFERENCE = (SHARED / "reference"
             / "delarsrapport-2-2021-vuxenutbildnings-och-arbetsmarknadsnamnden.txt")
# what each målområde of the original carries under 4.x (the sub-headings and block labels)
CHECKLIST = ["Sammanfattande analys av bidraget till utveckling inom målområde {nr}",
             "Beskrivning av bidrag till Kommunfullmäktiges mål", "KOMMUNFULLMÄKTIGEMÅL",
             "Nämndens åtaganden:", "Inriktningar inom målområde {nr}"]


KF_EXAMPLE_GOALS = [
    "Skillnaderna i invånarnas tillgång till kultur ska minska mellan stadsdelar och landsbygd",
    "Barn och unga ska ha en meningsfull fritid", "Invånarna ska kunna påverka kommunens utbud",
    "Fler invånare ska röra sig varje dag", "Föreningslivet ska vara starkt och öppet för alla",
    "Nämnder och styrelser ska hålla sin budget"]


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    result = render_fast(EXAMPLE, tmp_path_factory.mktemp("exempel"))
    assert result.ok, [f.message for f in result.findings]
    return Document(result.written[0])


def goal_blocks(lines: list[str], start: str) -> dict[int, list[str]]:
    """The lines of each målområde section (`<start>Målområde N …` up to the next one or the
    next chapter), by N."""
    blocks: dict[int, list[str]] = {}
    current = None
    for line in lines:
        match = re.match(rf"^{start}Målområde (\d+)\b", line)
        if match:
            current = int(match.group(1))
            blocks[current] = []
        elif current is not None and re.match(r"^(\d+\.\s+)?(Analysunderlag|5\.?\s)", line):
            current = None
        elif current is not None:
            blocks[current].append(line)
    return blocks


def checklist(lines: list[str], nr: int) -> list[str]:
    """The checklist's items (unnumbered) that `lines` hold, in the order they first appear;
    a heading's number (`4.1.2`) does not count."""
    wanted = {item.format(nr=nr): item for item in CHECKLIST}
    seen = []
    for line in lines:
        line = re.sub(r"^[\d.]+\s+", "", line)
        seen += [item for text, item in wanted.items() if line.startswith(text)]
    return list(dict.fromkeys(seen))


def test_each_goal_area_has_the_sections_of_the_original(example_report):
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} saknas")
    original = goal_blocks(REFERENCE.read_text(encoding="utf-8").splitlines(), r"4\.\d ")
    produced = goal_blocks([p.text.strip() for p in example_report.paragraphs], "")
    assert len(produced) == 3
    for nr, lines in produced.items():
        assert checklist(lines, nr) == checklist(original[1], 1) == CHECKLIST, nr
        assert set(checklist(original[nr], nr)) <= set(checklist(lines, nr)), nr


def test_kf_goal_blocks_carry_their_text_in_the_example(example_report):
    paragraphs = [(p.style.name, p.text.strip()) for p in example_report.paragraphs]
    labels = [i for i, (style, text) in enumerate(paragraphs) if text == "KOMMUNFULLMÄKTIGEMÅL"]
    assert len(labels) == len(KF_EXAMPLE_GOALS)
    goals = [paragraphs[i + 1] for i in labels]
    assert goals == [("Postrubrik", goal) for goal in KF_EXAMPLE_GOALS]
    first = labels[0]
    assert paragraphs[first + 2][1].startswith("Nämnden bidrar genom att föra biblioteken")
    items = [(text, style) for style, text in paragraphs[first:labels[1]]
             if style == "Postpunkt"]
    assert items == [("Öppna meröppet bibliotek i Norr", "Postpunkt"),
                     ("Ta fram en plan för kulturskolans lokaler", "Postpunkt")]
    assert example_report.styles["Postpunkt"].font.italic
    headings = [text for style, text in paragraphs if style == "Heading 3"]
    assert headings.count("Beskrivning av bidrag till Kommunfullmäktiges mål och "
                          "inriktningar") == 3


def test_the_example_commitments_are_those_of_the_status_table(example_report):
    """The åtaganden told in 4.x.2 are the same as in the table of åtaganden with status."""
    told = {p.text.strip() for p in example_report.paragraphs if p.style.name == "Postpunkt"}
    tables = [[c.text for c in row.cells] for t in example_report.tables for row in t.rows
              if t.rows[0].cells[0].text == "Åtagande"]
    listed = {row[0] for row in tables if row[0] != "Åtagande"}
    assert listed and listed <= told


def test_a_blank_field_renders_as_nothing_in_the_default_template(tmp_path):
    sheet = KF_MAL + [[None, None, None, "Ett åtagande utan beskrivning", None]]
    folder = write_folder(tmp_path / "in", record_workbooks(**{"Poster KF-mål": sheet}))
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    assert [f.code for f in result.findings if f.code.startswith("R30")] == ["R30-POST-TOM"]
    paragraphs = [p.text for p in Document(result.written[0]).paragraphs]
    item = paragraphs.index("Ett åtagande utan beskrivning")
    assert paragraphs[item + 1] == "Inriktningar inom målområde 2"  # nothing between


def test_a_required_field_left_blank_is_a_warning_at_the_record():
    sheet = KF_MAL + [[None, "Ett mål utan bidrag", None, "Ett åtagande", "Text."]]
    result = [f for f in findings_in_memory(record_workbooks(**{"Poster KF-mål": sheet}))
              if f.code == "R30-POST-FALT-TOMT"]
    assert [(f.cell, f.found, f.expected) for f in result] == [
        ("C7", "KF-mål ”Ett mål utan bidrag”", "”Bidrag”")]
    # an empty record is told once, at the cell to fill, not again as a blank required field
    empty = KF_MAL + [[None, "Ett mål utan text", None, None, None]]
    assert found(record_workbooks(**{"Poster KF-mål": empty})) == {
        ("R30-POST-TOM", "Poster KF-mål", "C7")}
    # a record whose text is on a row further down is complete
    later = KF_MAL[:5] + [[None, "Fler ska kunna påverka", None, None, None],
                          [None, None, "Bidraget står på raden under.", None, None]]
    assert not [f for f in findings_in_memory(record_workbooks(**{"Poster KF-mål": later}))
                if f.code in ("R30-POST-FALT-TOMT", "R30-POST-TOM")]


def test_a_template_can_show_every_field_as_label_and_value(tmp_path):
    """An activity record with the kommun's own columns (Ansvarig, När …), shown as
    `Etikett: värde` without the template naming them."""
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Poster Aktiviteter"] = [
        ["Mål", "Aktivitet", "Ansvarig", "När", "Återrapportering"],
        ["Fler läser", "Läsfrämjande i förskolan", "Bibliotekschef", "Hösten", None],
        [None, "Bokbuss till byarna", "Enhetschef", "Hela året", "Till nämnden i maj"]]
    books["nämnd.xlsx"]["Postgrupper"] = [POSTGRUPPER[0], ["Aktiviteter", "Mål › Aktivitet", None]]
    folder = write_folder(tmp_path / "in", books)
    templates = template_with(
        tmp_path, "{%p for mal in poster.aktiviteter %}", "Mål: {{ mal.namn }}",
        "{%p for a in mal.poster %}", "Aktivitet: {{ a.namn }}", "{%p for f in a.kolumner %}",
        "{{ f.rubrik }}: {{ f.text }}", "{%p endfor %}", "{%p endfor %}", "{%p endfor %}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    lines = [p.text for p in Document(result.written[0]).paragraphs]
    tail = lines[len(lines) - lines[::-1].index("Egna uppgifter"):]
    assert tail == ["Mål: Fler läser", "Aktivitet: Läsfrämjande i förskolan",
                    "Ansvarig: Bibliotekschef", "När: Hösten", "Aktivitet: Bokbuss till byarna",
                    "Ansvarig: Enhetschef", "När: Hela året",
                    "Återrapportering: Till nämnden i maj"]


def test_reference_fixture_without_record_sheets_renders_as_before(fixture_docx):
    """The reference case has no `Poster …` sheets: its section 4 has no 4.x.2 at all."""
    paragraphs = [p.text for p in Document(fixture_docx).paragraphs]
    assert any(p.startswith("Sammanfattande analys av bidraget") for p in paragraphs)
    assert not [p for p in paragraphs if p.startswith("Beskrivning av bidrag")
                or p in ("KOMMUNFULLMÄKTIGEMÅL", "Nämndens åtaganden:")]
