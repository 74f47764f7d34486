"""The shipped Eskilstuna-style format (templates/eskilstuna, inputs/eskilstuna) renders the
published figures of Delårsrapport 1 2022 into the protokollsutdrag and the report."""

from __future__ import annotations

import pytest

from helpers import REPO, docx_tables, docx_text, find_table, render_fast, table_row
from test_word_valid import audit

FOLDER = REPO / "inputs" / "eskilstuna"
TEMPLATES = REPO / "templates" / "eskilstuna"


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    result = render_fast(FOLDER, tmp_path_factory.mktemp("eskilstuna"), templates=TEMPLATES)
    assert result.ok, [f.message for f in result.findings]
    return {path.name.split(" – ")[0]: path for path in result.written}


def test_three_documents_and_no_errors(produced):
    assert sorted(produced) == ["Delårsrapport 1 2022", "Protokollsutdrag", "Tjänsteskrivelse"]


@pytest.mark.parametrize("document", ["Protokollsutdrag", "Delårsrapport 1 2022"])
def test_summary_quotes_the_published_figures(produced, document):
    text = docx_text(produced[document])
    # the published figures, each sign said once: by its word, never a minus after it too
    assert ("Det ekonomiska utfallet till och med mars 2022 uppvisar ett underskott jämfört med "
            "budget på 0,1 miljoner kronor. Den största avvikande posten är underskott på "
            "ekonomiskt bistånd med 6,0 miljoner kronor. Prognosen för nämnden 2022 beräknas "
            "till ett totalt underskott om 28,6 miljoner kronor.") in text


def test_one_aerende_words_the_forecast_one_way_in_every_document(produced):
    """Belopp i text `miljoner kronor`: the memo's default wording and the format's own write
    the year's deficit alike (not `28,6 mnkr` beside `-28,6 miljoner kronor`)."""
    import re

    for name, path in produced.items():
        mentions = set(re.findall(r"[-−]?28,6 (?:mnkr|miljoner kronor)", docx_text(path)))
        assert mentions == {"28,6 miljoner kronor"}, (name, mentions)


def test_protokollsutdrag_has_paragraph_decision_and_recipients(produced):
    text = docx_text(produced["Protokollsutdrag"])
    for part in ("§ 25", "Arbetsmarknads- och vuxenutbildningsnämndens delårsrapport 1, år 2022",
                 "Beslut", "1.\tDelårsrapport 1 för 2022 godkänns.", "Ärendebeskrivning",
                 "Beslutet skickas till", "Kommunrevisionen"):
        assert part in text


def test_report_tables_count_commitments_and_show_values_as_typed(produced):
    tables = docx_tables(produced["Delårsrapport 1 2022"])
    counts = next(t for t in tables if t[0][0] == "Ej påbörjad")
    # the original's words (Statusar); åtaganden typed `Ej påbörjat` or `Klart` count under them
    assert counts == [["Ej påbörjad", "Pågår", "Klart, avslutat", "Försenat", "Totalt"],
                      ["6", "30", "4", "0", "40"]]
    betyg = next(t for t in tables if t[0][0].startswith("Andel som slutfört Komvux"))
    assert table_row(betyg, "Grundläggande nivå")[1:3] == ["85,1", "175"]
    arbetsloshet = next(t for t in tables if t[0][0] == "Arbetslöshet mars 2022")
    assert table_row(arbetsloshet, "Totalt")[1:] == ["12,3", "7,0"]


def test_income_statement_in_mnkr_with_period_and_year_deviation(produced):
    tables = docx_tables(produced["Delårsrapport 1 2022"])
    statement = find_table(tables, "Arbetsmarknads- och vuxenutbildningsnämnden, belopp i mnkr")
    # the nämnd's long name on a title row over the whole width (titelrad), not wrapped on
    # three lines in the first of seven columns
    assert set(statement[0]) == {"Arbetsmarknads- och vuxenutbildningsnämnden, belopp i mnkr"}
    assert statement[1][0] == "Verksamhet"
    assert table_row(statement, "Kommunbidrag")[1:] == ["114,7", "114,7", "0,0", "458,7",
                                                        "458,7", "0,0"]
    assert table_row(statement, "Resultat")[3] == "-0,1"
    assert table_row(statement, "Resultat")[6] == "-28,6"
    assert table_row(statement, "Ekonomiskt bistånd")[3] == "-6,0"


def test_income_statement_by_konto_beside_the_year_before(produced):
    """The published Resultaträkning by konto (sheet Kontogrupper): Utfall Mar 2021 beside
    this year's period, budget, prognos and both deviations, with its subtotals; the printed
    rows carry the published rounding, so an Avrundning row says what the rows lack. Its first
    column is headed Konto, and it ends in the two total rows the sheet declares (Radtyp
    Summa): exkl and inkl över-/underskott, equal as published (no över-/underskott used)."""
    statement = find_table(docx_tables(produced["Delårsrapport 1 2022"]), "Konto")
    assert statement[0][0] == "Konto"
    assert statement[0][1:] == ["Utfall jan–mar 2021", "Utfall jan–mar 2022",
                                "Budget jan–mar 2022", "Avvikelse jan–mar", "Prognos 2022",
                                "Avvikelse budget–prognos"]
    # the published figures of every row are in tests/test_format_checklists.py
    assert [row[0] for row in statement[1:]] == [
        "Kommunersättning", "Övriga intäkter", "Summa INTÄKTER", "Personalkostnader",
        "Lokalkostnader", "Köp av verksamhet", "Övriga kostnader", "Summa KOSTNADER",
        "FINANSNETTO", "Avrundning", "Summa ÅRETS RESULTAT exkl över-/underskott",
        "Summa ÅRETS RESULTAT inkl över-/underskott"]
    assert table_row(statement, "Köp av verksamhet")[4] == "-3,4"  # -27,8 − -24,5 unrounded
    for total in ("exkl", "inkl"):
        assert table_row(statement, f"Summa ÅRETS RESULTAT {total} över-/underskott")[1:] == [
            "-14,9", "-3,7", "-3,6", "-0,1", "-28,6", "-28,6"]
    assert table_row(statement, "Avrundning")[1:3] == ["0,1", "-0,1"]


def test_investment_report_per_project(produced):
    """The published Investeringsredovisning (sheet Investeringar): budget −4,0 mnkr, nothing
    used by March, no deviation."""
    report = produced["Delårsrapport 1 2022"]
    assert "Investeringsredovisning" in docx_text(report)
    table = find_table(docx_tables(report), "Projekt")
    assert table[0][0] == "Projekt"
    assert table_row(table, "Nämndbeslutad investering")[1:] == ["-4,0", "0,0", "0,0"]
    assert table_row(table, "Summa Investeringsredovisning")[1:] == ["-4,0", "0,0", "0,0"]


@pytest.mark.slow
def test_documents_pass_openxml_audit(produced):
    for path in [*produced.values(), *TEMPLATES.glob("*.docx")]:
        assert audit(path) == [], path.name


def test_main_processes_per_area_with_assessment_and_trend(produced):
    """Sammanställning av de viktigaste huvudprocesserna, from `Poster Huvudprocesser`."""
    report = produced["Delårsrapport 1 2022"]
    text = docx_text(report)
    assert text.index("Sammanställning av de viktigaste huvudprocesserna") < text.index(
        "Hållbar utveckling") < text.index("Effektiv organisation")
    tables = [t for t in docx_tables(report) if t[0] == ["Huvudprocess", "Bedömning", "Trend"]]
    assert [[row[0] for row in t[1:]] for t in tables] == [
        ["Försörjningsstöd", "Arbetsmarknadsåtgärder", "Yrkesutbildningar"],
        ["Processkvalitet", "Medarbetare", "Ekonomi"]]
    assert tables[0][2] == ["Arbetsmarknadsåtgärder", "Behöver förbättras", "↘"]


def test_internal_control_per_verksamhet_with_each_result(produced):
    """Intern styrning och kontroll, from `Poster Intern kontroll`: verksamhet › kontroll."""
    from docx import Document

    document = Document(produced["Delårsrapport 1 2022"])
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    start = paragraphs.index(("Heading 1", "Intern styrning och kontroll"))
    section = paragraphs[start:]
    assert [text for style, text in section if style == "Heading 2"] == [
        "Ekonomiskt bistånd", "Arbetsmarknadsinsatser", "Vuxenutbildning"]
    controls = [i for i, (style, _) in enumerate(section) if style == "Heading 3"]
    assert len(controls) == 4
    results = [section[i + 1][1] for i, (_, text) in enumerate(section) if text == "Resultat"]
    assert len(results) == 4
    assert results[1].startswith("Enkäten är besvarad.")
    methods = [t for t in docx_tables(produced["Delårsrapport 1 2022"])
               if t[0] == ["Frekvens", "Metod"]]
    assert methods[1][1] == ["En gång, våren 2022", "Enkät till handläggare och enhetschefer."]


def test_the_period_is_spelled_one_way_in_the_report(produced):
    """`Utfall jan–mar 2022` in the Försörjningsstöd table as in the tool's own column labels,
    never `jan–mars` beside them."""
    import re

    text = docx_text(produced["Delårsrapport 1 2022"])
    spellings = set(re.findall(r"jan–mars?\b", text))
    assert spellings == {"jan–mar"}, spellings


def test_a_process_heading_and_its_syfte_keep_with_what_follows(produced):
    """`2.5 Tillhandahålla arbetsmarknadsåtgärder` and its one-line Syfte never end a page: the
    Syfte paragraph keeps with the next (the heading keeps with it by its style)."""
    from docx import Document

    syften = [p for p in Document(str(produced["Delårsrapport 1 2022"])).paragraphs
              if p.text.startswith("Syfte: ")]
    assert len(syften) >= 5
    assert all(p.paragraph_format.keep_with_next for p in syften)
