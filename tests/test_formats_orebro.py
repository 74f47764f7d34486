"""The shipped Örebro KS-style format (templates/orebro-ks, inputs/orebro-ks): Kommunstyrelsen's
Årsberättelse 2020 renders with the published totals, its portfolio chapters from Excel, the
Tot/K/M table, and Stadsrevisionen and Valnämnden in their own blocks outside the total."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from assembler.app.options import RunOptions
from assembler.cli.commands import main
from helpers import REPO, docx_tables, docx_text, render_fast, table_row
from test_word_valid import audit

FOLDER = REPO / "inputs" / "orebro-ks"
TEMPLATES = REPO / "templates" / "orebro-ks"
NAMND_ROWS = ["Kommungemensamt", "Kommungemensamma statsbidrag", "Politisk kommunledning",
              "Kommunstyrelseförvaltningen", "Nettokostnad"]
PORTFOLIOS = [
    "4.1 Digitaliseringssatsningen Digitalt först, 200 mnkr under 2017–2021",
    "4.2 Sociala investeringar, 100 mnkr tills vidare",
    "4.3 Kompetensförsörjning, 18 mnkr årligen tills vidare",
    "4.4 Den växande kommunen, 40 mnkr under 2018–2023",
    "4.5 Strukturförändringsprogram för hemvården, 25 mnkr under 2020",
    "4.6 Örebro för integration, 40,275 mnkr under 2018–2020",
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return render_fast(FOLDER, tmp_path_factory.mktemp("orebro"), templates=TEMPLATES)


@pytest.fixture(scope="module")
def report(result):
    return next(p for p in result.written if p.name.startswith("Årsberättelse"))


def numbered_headings(path) -> list[str]:
    """Heading 1–2 as Word numbers them (`4.1 …`), in document order."""
    counters = [0, 0]
    headings = []
    for paragraph in Document(str(path)).paragraphs:
        match = re.fullmatch(r"Heading ([12])", paragraph.style.name)
        if not match:
            continue
        level = int(match.group(1))
        counters[level - 1] += 1
        counters[level:] = [0] * (2 - level)
        number = ".".join(str(n) for n in counters[:level]) + ("." if level == 1 else "")
        headings.append(f"{number} {paragraph.text}")
    return headings


def test_only_warnings_and_two_documents(result):
    assert result.ok
    assert {f.severity.value for f in result.findings} <= {"varning"}
    assert sorted(p.name.split(" – ")[0] for p in result.written) == [
        "Tjänsteskrivelse", "Årsberättelse 2020"]


def test_nettoredovisning_shows_the_published_totals(report):
    table = next(t for t in docx_tables(report) if t[0][0] == "Kommunstyrelsen, belopp i tkr")
    assert [row[0] for row in table[1:6]] == NAMND_ROWS
    assert table_row(table, "Nettokostnad")[1:5] == ["-628 412", "-623 900", "-556 739",
                                                     "-67 161"]
    assert table_row(table, "Kommungemensamt")[1:5] == ["-352 351", "-294 402", "-249 483",
                                                        "-44 919"]
    assert table_row(table, "Kommungemensamma statsbidrag")[2:5] == ["94 107", "131 400",
                                                                     "-37 293"]


def test_unrounded_totals_are_the_published_within_rounding(result):
    context = build_context_of_folder()
    namnd = context.ekonomi.namnd
    assert abs(namnd.utfall - Decimal(-623900)) <= 1
    assert abs(namnd.avvikelse - Decimal(-67161)) <= 1
    assert [v.namn for v in context.ekonomi.utanfor] == ["Stadsrevisionen", "Valnämnden"]


def number(text):
    return int(text.replace("\u00a0", "").replace(" ", "") or 0)


def assert_foots(table, total_label):
    """The printed rows (an `Avrundning` row among them) add up to the printed total."""
    total = next(i for i, row in enumerate(table) if row[0] == total_label)
    for column in range(1, 5):
        assert sum(number(row[column]) for row in table[1:total]) == number(table[total][column])


def test_5_2_and_5_4_sum_to_the_styrelse_without_the_annexed_bodies(report):
    tables = docx_tables(report)
    konto = [t for t in tables if t[0][0].startswith("Kontogrupp")][:4]
    net = [sum(number(table_row(t, "Nettokostnad")[i]) for t in konto) for i in range(1, 5)]
    assert net == [-628412, -623900, -556739, -67161]
    invest = next(t for t in tables if t[0][0].startswith("Objekt"))
    assert table_row(invest, "Totalt")[1:5] == ["-14 776", "-9 098", "-9 589", "491"]


@pytest.mark.parametrize("body, figures", [
    ("Stadsrevisionen", ["-3 640", "-3 611", "-3 894", "283"]),
    ("Valnämnden", ["-2 600", "-202", "-223", "21"]),
])
def test_annexed_bodies_have_own_blocks_outside_every_total(report, body, figures):
    tables = docx_tables(report)
    own = next(t for t in tables if t[0][0] == f"{body}, belopp i tkr")
    assert table_row(own, "Summa")[1:5] == figures
    for table in tables:
        if not table[0][0].startswith(body):
            assert body not in [row[0] for row in table]
    text = docx_text(report)
    sentences = [s for s in text.split("\n") if "redovisar för 2020" in s]
    assert sentences and all(body.lower() not in s.lower() for s in sentences)
    assert ("Stadsrevisionen och Valnämnden redovisas i egna block och ingår inte i styrelsens "
            "nettokostnad eller avvikelse.") in text


def test_chapter_8_words_its_figures_in_mnkr_and_small_blocks_by_direction(report):
    """Chapter 8's running text keeps one unit, mnkr, as the original; a block under 10 mnkr
    (the original's Stadsrevisionen, Valnämnden: no figure in its text) says the direction of
    its deviation, judged in tkr so that Valnämnden's +21 tkr is no "i nivå med budget"."""
    text = docx_text(report)
    assert "Valnämnden redovisar en positiv avvikelse mot budget." in text
    assert "Stadsrevisionen redovisar en positiv avvikelse mot budget." in text
    assert ("Utfallet för 2020 är -40,5 mnkr mot en budget på -51,7 mnkr, en positiv avvikelse "
            "om +11,1 mnkr.") in text
    chapter_8 = text[text.index("Analysunderlag – ekonomi"):]
    assert not re.search(r"\d tkr", chapter_8.split("Investeringar")[0])


def test_the_varav_row_over_two_enheter_is_where_the_original_has_it(report):
    """The Nettoredovisning's "varav Myndighetsavdelningen samt centralt skolstöd": right under
    Nettokostnad, the sum of KMY and KCS (Varavrader), never in the total; the table's columns
    are the original's four."""
    table = next(t for t in docx_tables(report) if t[0][0] == "Kommunstyrelsen, belopp i tkr")
    assert [h.replace("\u00ad", "") for h in table[0][1:]] == [
        "Bokslut 2019", "Utfall 2020", "Budget 2020", "Avvikelse"]
    labels = [row[0] for row in table[1:]]
    assert labels == [*NAMND_ROWS, "- varav Myndighetsavdelningen samt centralt skolstöd"]
    assert table[-1][1:] == ["-5 598", "0", "0", "0"]
    assert sum(number(row[1]) for row in table[1:5]) == number(table_row(table, "Nettokostnad")[1])


def test_investments_in_the_original_columns_with_its_figures(report):
    table = next(t for t in docx_tables(report) if t[0][0].startswith("Objekt"))
    assert [h.replace("\u00ad", "") for h in table[0][1:]] == [
        "Bokslut 2019", "Utfall 2020", "Budget 2020", "Avvikelse", "Förändring % mot 2019"]
    published = {"KAK": ["-1 783", "-42", "-645", "603", "-97,7"],
                 "KIT": ["-12 248", "-9 057", "-8 744", "-313", "-26,1"],
                 "KMY": ["-746", "0", "-200", "200", "-100,0"],
                 "Totalt": ["-14 776", "-9 098", "-9 589", "491", "-38,4"]}
    for row in table[1:]:
        if row[0].split()[0] in published:
            assert [*row[1:5], row[5].rstrip("%")] == published[row[0].split()[0]], row[0]


def test_the_memo_is_signed_with_the_kommundirektors_title_from_the_data(result):
    memo = next(p for p in result.written if p.name.startswith("Tjänsteskrivelse"))
    lines = docx_text(memo).split("\n")
    assert lines[lines.index("Helena Provberg") + 1] == "Kommundirektör"
    assert "Förvaltningschef" not in lines


def test_chapters_from_excel_are_numbered_headings(report):
    headings = numbered_headings(report)
    start = headings.index("4. Kommunstyrelsens utvecklingsportföljer och riktade satsningar "
                           "för 2020")
    assert headings[start + 1:start + 7] == PORTFOLIOS
    assert "6. Kommunstyrelsens ansvar för internt stöd" in headings
    assert "7. Kommunstyrelsens ansvar som anställningsmyndighet" in headings
    assert "5.6 Målområde 6 Hållbara och resurseffektiva Örebro" in headings
    # as the original: the unnumbered "Delårsresultat och prognos – ekonomi" first, then 8.1
    assert "8.1 Enheternas delårsresultat och prognos" in headings
    assert "8.2 Redovisas utanför styrelsens resultat" in headings


def test_tot_k_m_table_with_reused_footnotes(report):
    table = next(t for t in docx_tables(report) if t[0][0] == "Indikatorer")
    assert table[0][1:] == ["Tot/K/M", "Utfall 2018", "Utfall 2019", "Utfall 2020",
                            "Målvärde 2020"]
    start = [row[0] for row in table].index("Sjukfrånvaro i procent av arbetstiden")
    assert table[start:start + 3] == [
        ["Sjukfrånvaro i procent av arbetstiden", "Tot", "4,8", "4,4", "3,8", "Minska"],
        ["", "K", "4,9", "4,9", "4,4", ""], ["", "M", "4,6", "3,0", "2,6", ""]]
    assert table_row(table, "Andel enheter med HME-värde på minst 78, procent 1) 2)")[1:5] == [
        "Tot", "30", "32", "37"]
    assert table_row(table, "Styrningsindex 2)")[4] == "69"
    text = docx_text(report)
    assert "1) Hållbart medarbetarengagemang (HME), utan socialnämndens verksamheter." in text
    assert text.count("2) Resultaten för 2018 och 2019 är inte helt jämförbara") == 1


def test_a_long_table_keeps_each_row_with_its_k_and_m_rows(report, monkeypatch):
    """Too long to keep whole, the Tot/K/M table keeps each indicator with its K and M rows;
    an indicator and the next one may part."""
    from assembler.render import document as render_docx

    monkeypatch.setattr(render_docx, "SMALL_TABLE_ROWS", 0)
    table = next(t for t in build_context_of_folder().tabeller.values())
    xml = render_docx.table_xml(table, render_docx.Styles(Document(str(report))), 9638)
    rows = re.findall(r"<w:tr>.*?</w:tr>", xml)[1:]
    kept = ["<w:keepNext/>" in re.search(r"<w:tc>.*?</w:tc>", row).group(0) for row in rows]
    sub_row = [row.level > 0 for row in table.rows]
    assert kept == [following for following in sub_row[1:]] + [False]
    assert any(kept) and not all(kept)


def build_context_of_folder():
    from assembler.compute.context import build_context
    from assembler.contract.findings import Findings
    from assembler.read.folder import load_report

    return build_context(load_report(FOLDER, Findings()))


def test_cli_exit_code_is_0_with_the_true_warnings_acknowledged(tmp_path):
    """The README's command: the published data's true warnings (a central pot with a
    positive budget, rows without budget, rows rounded one by one) are acknowledged in the
    sheet Kvitterat, listed as such, and the run exits 0."""
    done = CliRunner().invoke(main, ["report", str(FOLDER), "-o", str(tmp_path / "ut"),
                                     "--mallar", str(TEMPLATES), "--fast", "-q"])
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    assert "0 fel, 0 varningar, 11 kvitterade" in done.output
    assert "kvitterad" in done.output and "central pott" in done.output


@pytest.mark.slow
def test_documents_and_templates_pass_openxml_audit(result):
    for path in [*result.written, *TEMPLATES.glob("*.docx")]:
        assert audit(path) == [], path.name


@pytest.mark.render
def test_pdf_has_the_table_of_contents_with_the_portfolios(tmp_path):
    from assembler.app.report import run_report
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas")
    written = run_report(FOLDER, RunOptions(out_dir=tmp_path / "ut", templates=TEMPLATES,
                                            pdf=True)).written
    pdf = next(p for p in written if p.name.startswith("Årsberättelse") and p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    text = re.sub(r"[ \u00a0]+", " ", text)
    for heading in PORTFOLIOS:
        assert re.search(re.escape(heading) + r" ?\.+ ?\d+", text), heading
    assert "-623 900" in text and "-67 161" in text


def grid_widths(table) -> list[int]:
    grid = table._tbl.tblGrid
    return [int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]


def test_row_names_get_the_width_short_columns_do_not_need(report):
    doc = Document(str(report))
    by_title = {t.rows[0].cells[0].text: t for t in doc.tables}
    units = grid_widths(by_title["Kommunstyrelseförvaltningen, belopp i tkr"])
    # `KAFP KSF Plan.reserv o Avstämn RAM` on one line; the figures keep their room
    assert units[0] >= 34 * 105 + 260 and min(units[1:]) >= 1100
    indicators = grid_widths(by_title["Indikatorer"])
    tot_k_m, first_value, target = indicators[1], indicators[2], indicators[-1]
    assert tot_k_m < first_value and target < first_value
    assert indicators[0] > first_value + (first_value - tot_k_m)


def test_each_goal_area_describes_its_kf_goals_as_the_original(report):
    """5.x.2: every KF-mål of the original, under its målområde, with the styrelse's
    contribution (records `Poster KF-mål`)."""
    reference = (REPO.parent / "shared" / "reference"
                 / "arsberattelse-2020-kommunstyrelsen-orebro.txt")
    paragraphs = [(p.style.name, p.text.strip()) for p in Document(report).paragraphs]
    labels = [i for i, (_, text) in enumerate(paragraphs) if text == "KOMMUNFULLMÄKTIGEMÅL"]
    headings = [i for i, (_, text) in enumerate(paragraphs)
                if text == "Beskrivning av bidrag till Kommunfullmäktiges mål"]
    goals = [i for i, (style, _) in enumerate(paragraphs) if style == "Heading 2"
             and paragraphs[i][1].startswith("Målområde ")]
    assert len(headings) == 6 and len(labels) == 30
    per_goal = [sum(1 for i in labels if start < i < end)
                for start, end in zip(goals, goals[1:] + [len(paragraphs)], strict=True)]
    assert per_goal == [4, 3, 7, 6, 6, 4]
    for i in labels:
        assert paragraphs[i + 1][0] == "Postrubrik" and paragraphs[i + 2][1]
    if reference.is_file():
        original = reference.read_text(encoding="utf-8").split("\n")
        published = [original[i + 2][:40] for i, line in enumerate(original)
                     if line == "KOMMUNFULLMÄKTIGEMÅL"]
        produced = [paragraphs[i + 1][1][:40] for i in labels]
        assert [title[:25] for title in produced] == [title[:25] for title in published]


def enhet_table(report, name):
    return next(t for t in docx_tables(report) if t[0][0] == f"{name}, belopp i tkr")


@pytest.mark.parametrize("name, label, published", [
    ("Politisk kommunledning", "KLKF Kommunfullmäktige", "-40,2"),
    ("Politisk kommunledning", "KLC Kansli Centerpartiet", "4,2"),
    ("Politisk kommunledning", "Summa", "-7,6"),
    ("Kommungemensamt", "KGIT Kommungem IT", "-96,7"),
    ("Kommunstyrelseförvaltningen", "KAK Kansli och Demokratistöd", "0,1"),
    ("Kommunstyrelseförvaltningen", "Summa", "4,0"),
    ("Stadsrevisionen", "Summa", "-0,8"),
    ("Valnämnden", "Summa", "-92,2"),
])
def test_change_percent_has_one_decimal_as_published(report, name, label, published):
    """Örebro's "Förändr% 2019 o 2020" (the template's `procentdecimaler(1)`); our column
    keeps its sign and percent mark."""
    shown = table_row(enhet_table(report, name), label)[-1]
    assert shown.lstrip("+").rstrip("%") == published


KONTO_BLOCKS = ["Kommungemensamt", "Kommungemensamma statsbidrag", "Politisk kommunledning",
                "Kommunstyrelseförvaltningen", "Stadsrevisionen", "Valnämnden"]
# 5.2 as published: kontogrupp → bokslut 2019, utfall 2020, budget 2020, avvikelse
PUBLISHED_KONTO = {
    "Politisk kommunledning": {
        "3 Intäkter": ["598", "489", "-109", "598"],
        "5 Personalkostnader": ["-32 759", "-30 275", "-37 399", "7 124"],
        "Nettokostnad": ["-43 899", "-40 548", "-51 686", "11 138"]},
    "Kommungemensamt": {  # without the statsbidrag, a block of its own here
        "4 Inköp tillg o vhet samt bidrag": ["-362 088", "-306 086", "-209 218", "-96 868"],
        "7 Övriga kostnader": ["-44 253", "-46 095", "-50 869", "4 774"]},
    "Kommunstyrelseförvaltningen": {
        "4 Inköp tillg o vhet samt bidrag": ["-63 990", "-46 782", "-47 347", "565"],
        "7 Övriga kostnader": ["-125 302", "-126 163", "-96 532", "-29 631"],
        "Nettokostnad": ["-368 357", "-383 057", "-386 970", "3 913"]},
    "Stadsrevisionen": {
        "5 Personalkostnader": ["-1 302", "-1 111", "-1 398", "287"],
        "Nettokostnad": ["-3 640", "-3 611", "-3 894", "283"]},
    "Valnämnden": {
        "3 Intäkter": ["2 922", "0", "0", "0"],
        "5 Personalkostnader": ["-4 168", "-104", "-158", "54"],
        "Nettokostnad": ["-2 600", "-202", "-223", "21"]},
}


def test_5_2_has_a_kontogrupp_table_per_block_as_published(report):
    """The original's 5.2: a kontogrupp table per block under the block's name, the
    annexed bodies' too, in the columns of 5.1; each foots (Avrundning where the published
    rows do not)."""
    paragraphs = [p.text for p in Document(str(report)).paragraphs]
    start = paragraphs.index("Intäkts- och kostnadsutveckling")
    assert [t for t in paragraphs[start + 1:] if t in KONTO_BLOCKS] == KONTO_BLOCKS
    konto = [t for t in docx_tables(report) if t[0][0].startswith("Kontogrupp")]
    assert len(konto) == len(KONTO_BLOCKS)
    blocks = dict(zip(KONTO_BLOCKS, konto, strict=True))
    for table in blocks.values():
        assert table[0][1:] == ["Bokslut 2019", "Utfall 2020", "Budget 2020", "Avvikelse",
                                "Förändring % mot 2019"]
        assert_foots(table, "Nettokostnad")
    for name, rows in PUBLISHED_KONTO.items():
        for label, published in rows.items():
            assert table_row(blocks[name], label)[1:5] == published, (name, label)
    assert table_row(blocks["Politisk kommunledning"], "7 Övriga kostnader")[-1] == "+20,4%"
    assert table_row(blocks["Valnämnden"], "Nettokostnad")[-1] == "-92,2%"


BLOCKS_5_1 = ["Politisk kommunledning", "Kommungemensamt", "Kommungemensamma statsbidrag",
              "Kommunstyrelseförvaltningen", "Stadsrevisionen", "Valnämnden"]
# rows whose published Avvikelse or Förändring % is not that of the printed whole tkr: their
# cells carry decimals (bokslut, utfall, budget, avvikelse, förändring %)
LEDGER_ROWS = {
    "KLKD Kansli Kristdemokraterna": ["-2 562", "-2 738", "-3 416", "679", "6,8"],
    "KLSD Kansli Sverigedemokraterna": ["-2 347", "-2 190", "-3 004", "813", "-6,7"],
    "KLÖP Kansli Örebropartiet": ["-1 565", "-1 762", "-2 216", "455", "12,6"],
    "KHR HR-avdelningen": ["-41 164", "-42 401", "-50 423", "8 023", "3,0"],
    "KLÖS Övriga styrelser": ["-8", "-6", "5", "-11", "-29,2"],
    "KGFC Kommungemensamt Förmånscykel": ["893", "711", "421", "290", "-20,3"],
    "KLMP Kansli Miljöpartiet": ["-520", "-523", "-727", "204", "0,7"],
    "KLPG Kansli Partigemensamt": ["-94", "-52", "-90", "38", "-44,6"],
}


def block_rows(report) -> dict[str, list[str]]:
    """5.1's rows by their code (`KLKD`): bokslut, utfall, budget, avvikelse, förändring %."""
    rows = {}
    for name in BLOCKS_5_1:
        table = enhet_table(report, name)
        assert_foots(table, "Summa")
        for row in table[1:]:
            rows[row[0].split()[0]] = [*row[1:5], row[5].lstrip("+").rstrip("%")]
    return rows


def test_rows_with_ledger_decimals_show_the_published_avvikelse_and_change(report):
    rows = block_rows(report)
    for label, published in LEDGER_ROWS.items():
        assert rows[label.split()[0]] == published, label


def test_every_5_1_row_is_the_published(report):
    """Against the original, when ../shared has it: every unit row of the five blocks."""
    reference = (REPO.parent / "shared" / "reference"
                 / "arsberattelse-2020-kommunstyrelsen-orebro.txt")
    if not reference.is_file():
        pytest.skip("the published original is not in ../shared")
    text = reference.read_text(encoding="utf-8")
    section = text[text.index("\n5.1 Enheternas delårsresultat och prognos\n"):
                   text.index("\n5.2 Intäkt- och")]
    rows = block_rows(report)
    compared = 0
    for line in section.split("\n"):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) >= 5 and re.fullmatch(r"-?[\d ]+", cells[1]) and cells[0].split()[0] in rows:
            code = cells[0].split()[0]
            published = cells[1:]
            if code == "KMY":  # the original leaves -5 601 → 0 blank; 0 is -100,0 %
                assert rows[code][4] == "-100,0"
                published = cells[1:5]
            assert rows[code][:len(published)] == published, cells[0]
            compared += 1
    assert compared == 47


def test_every_5_2_row_is_the_published(report):
    """Against the original, when ../shared has it: every kontogrupp row of the blocks, but
    Kommungemensamt's Intäkter (its statsbidrag are a block of their own here) and the
    original's ##### (a change from 0, ours is blank)."""
    reference = (REPO.parent / "shared" / "reference"
                 / "arsberattelse-2020-kommunstyrelsen-orebro.txt")
    if not reference.is_file():
        pytest.skip("the published original is not in ../shared")
    text = reference.read_text(encoding="utf-8")
    section = text[text.index("\n5.2 Intäkt- och"):text.rindex("\n5.4 Investeringar")]
    published_blocks = section.split("KONTOGRUPP SUM")[1:]
    konto = [t for t in docx_tables(report) if t[0][0].startswith("Kontogrupp")]
    ours = dict(zip(KONTO_BLOCKS, konto, strict=True))
    compared = 0
    for name, published in zip(["Politisk kommunledning", "Kommungemensamt",
                                "Kommunstyrelseförvaltningen", "Stadsrevisionen", "Valnämnden"],
                               published_blocks, strict=True):
        rows = {row[0].split()[0]: [*row[1:5], row[5].lstrip("+").rstrip("%")]
                for row in ours[name]}
        for line in published.split("\n"):
            cells = [c.strip() for c in line.split("\t") if c.strip()]
            if len(cells) < 5 or not re.match(r"\d[AB]? ", cells[0]):
                continue
            code = cells[0].split()[0]
            if name == "Kommungemensamt" and code == "3":
                continue
            expected = cells[1:5] if cells[5:] == ["#####"] else cells[1:]
            assert rows[code][:len(expected)] == expected, (name, cells[0])
            compared += 1
    assert compared == 28


def test_a_numbered_list_from_excel_is_a_word_list(report):
    """Effektivisering's three omprövningar, typed `1. … 3.` in Excel: List Number paragraphs
    of one Word list, without typed digits."""
    items = [p for p in Document(str(report)).paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items] == ["Mänskliga rättigheter: genomförd.",
                                       "Giftfri miljö: genomförd.", "Inköp: pågår."]
    lists = {p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
             for p in items}
    assert len(lists) == 1
