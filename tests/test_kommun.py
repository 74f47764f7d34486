"""`assemble kommun`: the kommun's report compiled from every nämnd's own data, the checks across
nämnder (each a located finding), spårbarhet.csv, and the nämnder's own reports beside it."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from assembler.app.options import RunOptions
from assembler.app.kommun import TRACE_FILE, prepare_kommun, run_kommun
from assembler.cli.commands import main
from assembler.contract.findings import Findings
from helpers import REPO, W

KOMMUN = REPO / "inputs" / "kommun"
BOOK = "Storsjö kommun.xlsx"
REPORT = "Delårsrapport 2025 – Storsjö kommun.docx"
NAMNDER = ["Kommunstyrelsen", "Kultur- och fritidsnämnden", "Arbetsmarknadsnämnden",
           "Barn- och utbildningsnämnden", "Vård- och omsorgsnämnden", "Samhällsbyggnadsnämnden"]


def rows_of(path: Path) -> list[list[str]]:
    """Every table row of a .docx as its cells' texts, as a reader sees them (a soft hyphen
    where a long name may break is not there until it breaks)."""
    return [[cell.text.strip().replace("\u00ad", "") for cell in row.cells]
            for table in Document(str(path)).tables for row in table.rows]


def table_of(path: Path, title: str) -> dict[str, list[str]]:
    """The rows of the table whose first header cell is `title`, by label."""
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == title)
    return {row.cells[0].text.strip().replace("\u00ad", ""): [c.text.strip().replace("\u00ad", "")
                                         for c in row.cells[1:]] for row in table.rows}


def edit(path: Path, sheet: str, cell: str, value) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("kommun") / "ut"
    result = CliRunner().invoke(main, ["kommun", str(KOMMUN), "-o", str(out), "--fast"])
    assert "Traceback" not in result.output
    return result, out


def test_the_example_kommun_exits_0_and_writes_its_report_and_six_nämnd_reports(written):
    result, out = written
    assert result.exit_code == 0, result.output
    assert (out / REPORT).is_file() and (out / TRACE_FILE).is_file()
    for name in NAMNDER:
        reports = sorted(p.name for p in (out / name).glob("*.docx"))
        assert reports == [f"Delårsrapport med prognos 2 2025 – {name}.docx",
                           f"Tjänsteskrivelse – Delårsrapport med prognos 2 2025 – {name}.docx"]


def test_each_nämnd_s_own_report_is_byte_for_byte_what_assemble_report_writes(written, tmp_path):
    from helpers import render_fast

    _, out = written
    alone = render_fast(KOMMUN / "Arbetsmarknadsnämnden", tmp_path / "ensam")
    assert alone.ok and len(alone.written) == 2
    for path in alone.written:
        assert (out / "Arbetsmarknadsnämnden" / path.name).read_bytes() == path.read_bytes()


CHANGES = "Varav ändringar"


def driftredovisning(out: Path, changes: bool = False) -> dict[str, list[str]]:
    """The driftredovisning's rows by nämnd; without `changes`, without the column of the
    ram's changes (so the columns are those of a nämnd's own report)."""
    rows = rows_of(out / REPORT)
    start = next(i for i, r in enumerate(rows) if r[0] == "Nämnd, belopp i tkr")
    dropped = rows[start].index(CHANGES) if CHANGES in rows[start] and not changes else None
    table = {}
    for row in rows[start + 1:]:
        kept = [cell for i, cell in enumerate(row) if i != dropped]
        table[kept[0]] = kept[1:]
        if row[0] == "Summa nämnder":
            return table
    raise AssertionError("no total row")


def test_every_figure_of_a_nämnd_row_is_one_its_own_report_prints(written):
    _, out = written
    table = driftredovisning(out)
    for name in NAMNDER:
        utfall, budget, prognos, avvikelse = table[name][:4]
        own = rows_of(out / name / f"Delårsrapport med prognos 2 2025 – {name}.docx")
        if name == "Arbetsmarknadsnämnden":  # Kommunbidrag: the net cost is Resultat − bidrag
            bidrag = next(r for r in own if r[0] == "Kommunbidrag")
            resultat = next(r for r in own if r[0] == "Resultat")
            assert [number(utfall), number(budget), number(prognos), number(avvikelse)] == [
                number(resultat[i]) - number(bidrag[i]) for i in (1, 4, 5)] + [
                number(resultat[6])]
            continue
        assert any(r[0] == "Nettokostnad" and [r[1], r[4], r[5], r[6]] ==
                   [utfall, budget, prognos, avvikelse] for r in own), (name, table[name])


def own_changes(path: Path) -> list[int]:
    """What a nämnd's verksamhet tables print as the total's Förändring mot föregående prognos
    (the total less the Kommunbidrag row's change, under the kommunbidrag model)."""
    changes = []
    for table in Document(str(path)).tables:
        header = [cell.text.strip().replace("\u00ad", "") for cell in table.rows[0].cells]
        if "Förändring mot föregående prognos" not in header:
            continue
        at = header.index("Förändring mot föregående prognos")
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows[1:]]
        total = next(r for r in reversed(rows) if r[at])
        bidrag = sum(number(r[at]) for r in rows if r[0] == "Kommunbidrag")
        changes.append(number(total[at]) - bidrag)
    return changes


def test_the_previous_forecast_and_its_change_are_figures_the_nämnd_s_report_prints(written):
    """Prognos fg delår and Förändring in a nämnd's row: the change is the sum of what the
    nämnd's own verksamhet tables print, and forecast − change is the previous forecast; as
    the kommun keeps the previous forecast (Kultur- och fritidsnämnden), its cell."""
    _, out = written
    table = driftredovisning(out)
    for name in NAMNDER:
        prognos, before, change = (number(x) for x in (table[name][2], *table[name][4:6]))
        assert prognos - before == change, name
        if name == "Kultur- och fritidsnämnden":
            assert before == -128683  # Storsjö kommun.xlsx › Nämnder › E3
            continue
        own = own_changes(out / name / f"Delårsrapport med prognos 2 2025 – {name}.docx")
        assert own and sum(own) == change, (name, own, change)
    total = table["Summa nämnder"]
    assert number(total[5]) == sum(number(table[n][5]) for n in NAMNDER) != 0
    lines = list(csv.DictReader((out / TRACE_FILE).open(encoding="utf-8-sig"), delimiter=";"))
    kept = next(line for line in lines if line["Kolumn"] == "Prognos fg delår"
                and line["Rad"] == "Kultur- och fritidsnämnden")
    assert (kept["Arbetsbok"], kept["Blad"], kept["Celler"]) == (BOOK, "Nämnder", "E3")
    own = next(line for line in lines if line["Kolumn"] == "Prognos fg delår"
               and line["Rad"] == "Kommunstyrelsen")
    assert "Kommunstyrelsen/Politisk verksamhet.xlsx › Ekonomi" in own["Celler"]


def number(text: str) -> int:
    return int(text.replace("\u00a0", "").replace(" ", "")) if text else 0


def test_the_totals_foot(written):
    _, out = written
    table = driftredovisning(out, changes=True)
    assert table["Vård- och omsorgsnämnden"][2] == "-12\u00a0000"  # Varav ändringar
    total = table.pop("Summa nämnder")
    for column, shown in enumerate(total):
        assert sum(number(row[column]) for row in table.values()) == number(shown)


def widest_figures_and_widths(path: Path) -> list[tuple[int, int]]:
    """Per number column of every table: its widest figure (characters) and its grid width."""
    found = []
    for table in Document(str(path)).tables:
        grid = [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")]
        figures = [[c.text.strip() for c in row.cells] for row in table.rows[1:]]
        for index in range(1, len(grid)):
            texts = [r[index] for r in figures if index < len(r)]
            if texts and all(re.fullmatch(r"-?[\d\u00a0 ]+%?", t) for t in texts if t):
                found.append((max(len(t) for t in texts), grid[index]))
    return found


def test_a_figure_column_is_as_wide_as_its_widest_figure(written):
    """`Budget 2025` holds `-1 516 600`: never the narrowest column beside one of zeros (its
    figures would touch their neighbours'); same in a nämnd's report (`Utfall` beside `Förbr %`)."""
    _, out = written
    for path in [out / REPORT, out / "Vård- och omsorgsnämnden" / next(
            p.name for p in (out / "Vård- och omsorgsnämnden").glob("Delår*.docx"))]:
        columns = widest_figures_and_widths(path)
        assert columns
        for chars, width in columns:
            assert width >= chars * 80 + 140, (path.name, chars, width)


def test_the_resultaträkning_starts_from_the_nämnders_total_and_ends_in_årets_resultat(written):
    _, out = written
    rows = table_of(out / REPORT, "Resultaträkning, belopp i tkr")
    nämnder = driftredovisning(out)["Summa nämnder"]
    assert rows["Nämndernas nettokostnader"][1:5] == nämnder[:4]  # after the column Not
    text = " ".join(p.text for p in Document(str(out / REPORT)).paragraphs)
    prognos = rows["Årets resultat"][3]
    assert f"Årets resultat prognostiseras till ett överskott på {prognos} tkr" in text
    assert table_of(out / REPORT, "Balanskravsutredning, belopp i tkr")[
        "Balanskravsresultat"] == ["40\u00a0250"]
    assert "Balanskravsresultatet beräknas bli 40\u00a0250 tkr, så balanskravet uppfylls" in text


def test_each_nämnd_s_bedömning_is_quoted_as_written(written):
    _, out = written
    text = "\n".join(p.text for p in Document(str(out / REPORT)).paragraphs)
    own = load_workbook(KOMMUN / "Arbetsmarknadsnämnden" / "Arbetsmarknadsnämnden.xlsx")["Text"]
    bedömning = next(row[1] for row in own.iter_rows(values_only=True)
                     if row[0] == "Sammanfattande bedömning")
    for paragraph in bedömning.split("\n"):
        assert paragraph in text


def test_spårbarhet_leads_every_nämnd_figure_to_its_cells(written):
    _, out = written
    with (out / TRACE_FILE).open(encoding="utf-8-sig", newline="") as stream:
        lines = list(csv.DictReader(stream, delimiter=";"))
    budget = next(line for line in lines if line["Tabell"] == "driftredovisning"
                  and line["Rad"] == "Barn- och utbildningsnämnden"
                  and line["Kolumn"] == "Budget 2025")
    assert (budget["Värde"], budget["Enhet"]) == ("-1\u00a0516\u00a0600", "tkr")
    assert "Barn- och utbildningsnämnden/Förskola.xlsx › Ekonomi › E2+E3" in budget["Celler"]
    skatt = next(line for line in lines if line["Rad"] == "Skatteintäkter"
                 and line["Kolumn"] == "Budget 2025")
    assert (skatt["Arbetsbok"], skatt["Blad"], skatt["Celler"]) == (BOOK, "Finansiering", "E5")
    shown = {(line["Tabell"], line["Rad"], line["Kolumn"]) for line in lines}
    assert ("resultaträkning", "Årets resultat", "Prognos 2025") in shown
    assert all(line["Celler"] or line["Beräkning"] for line in lines)


def add_field(path: Path, sheet: str, name: str, value) -> str:
    """Appends a Fält/Värde row; its value's cell."""
    book = load_workbook(path)
    book[sheet].append([name, value])
    cell = f"B{book[sheet].max_row}"
    book.save(path)
    return cell


def test_spårbarhet_leads_a_budget_ram_to_its_cell_not_to_the_enheter(tmp_path):
    folder = kommun_copy(tmp_path)
    kultur, sbn = "Kultur- och fritidsnämnden", "Samhällsbyggnadsnämnden"
    bibliotek = add_field(folder / kultur / "Bibliotek.xlsx", "Verksamhet", "Budget helår", -35800)
    ram = add_field(folder / sbn / f"{sbn}.xlsx", "Rapport", "Budget helår", -74600)
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok, [f.message for f in result.findings]
    with (tmp_path / "ut" / TRACE_FILE).open(encoding="utf-8-sig", newline="") as stream:
        budget = {line["Rad"]: line for line in csv.DictReader(stream, delimiter=";")
                  if line["Tabell"] == "driftredovisning" and line["Kolumn"] == "Budget 2025"}
    # a verksamhet's ram beside the other verksamheter' enheter
    assert f"{kultur}/Bibliotek.xlsx › Verksamhet › {bibliotek}" in budget[kultur]["Celler"]
    assert f"{kultur}/Fritid och idrott.xlsx › Ekonomi › E2+E3+E4+E5" in budget[kultur]["Celler"]
    assert "Bibliotek.xlsx › Ekonomi" not in budget[kultur]["Celler"]
    assert budget[kultur]["Blad"] == "Verksamhet, Ekonomi"
    # the nämnd's ram alone
    assert (budget[sbn]["Värde"], budget[sbn]["Arbetsbok"], budget[sbn]["Blad"],
            budget[sbn]["Celler"]) == ("-74\u00a0600", f"{sbn}/{sbn}.xlsx", "Rapport",
                                       f"{sbn}/{sbn}.xlsx › Rapport › {ram}")
    assert "budgetram" in budget[sbn]["Beräkning"]


# --- the checks across nämnder -----------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Findings:
    """One copy of the example with one defect per check, read in one pass."""
    folder = tmp_path_factory.mktemp("trasig") / "kommun"
    shutil.copytree(KOMMUN, folder)
    edit(folder / BOOK, "Nämnder", "C5", -1500000)  # Barn- och utbildningsnämnden's ram
    edit(folder / "Kommunstyrelsen" / "Kommunstyrelsen.xlsx", "Rapport", "B6", 2024)
    edit(folder / "Samhällsbyggnadsnämnden" / "Samhällsbyggnadsnämnden.xlsx", "Rapport", "B7",
         "juni")
    (folder / "Vård- och omsorgsnämnden").rename(folder / "Omsorgsnämnden")
    edit(folder / BOOK, "Balansräkning", "D2", 3900000)
    edit(folder / BOOK, "Nämnder", "A4", "Arbetsmarknadsnämnd")
    book = load_workbook(folder / BOOK)
    del book["Text"]
    book.save(folder / BOOK)
    findings = Findings()
    prepare_kommun(folder, findings)
    return findings


def only(findings: Findings, code: str):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, (code, [f.location + " " + f.message for f in findings])
    return found[0]


def test_a_ram_that_differs_from_the_nämnd_s_budget_names_the_nämnd_and_both(broken):
    finding = only(broken, "K02-RAM")
    assert (finding.file, finding.sheet, finding.cell) == (BOOK, "Nämnder", "C5")
    assert "Barn- och utbildningsnämnden" in finding.message
    assert "-1 500 000" in finding.message.replace("\u00a0", " ")
    assert "-1 516 600" in finding.message.replace("\u00a0", " ")


def test_a_nämnd_of_another_year_is_found_at_its_own_cell(broken):
    finding = only(broken, "K03-AR")
    assert (finding.file, finding.sheet, finding.cell) == (
        "Kommunstyrelsen/Kommunstyrelsen.xlsx", "Rapport", "B6")
    assert finding.found == "2024" and finding.expected == "2025"


def test_a_nämnd_whose_period_ends_another_month(broken):
    finding = only(broken, "K03-PERIOD")
    assert finding.file == "Samhällsbyggnadsnämnden/Samhällsbyggnadsnämnden.xlsx"
    assert (finding.found, finding.expected) == ("juni", "augusti")


def test_a_listed_nämnd_without_folder_and_a_folder_not_listed(broken):
    missing = only(broken, "K01-MAPP-SAKNAS")
    assert (missing.sheet, missing.cell) == ("Nämnder", "B6")
    assert "Vård- och omsorgsnämnden" in missing.found
    assert "Omsorgsnämnden" in only(broken, "K01-MAPP-EJ-LISTAD").found


def test_a_nämnd_named_otherwise_in_its_own_workbook_is_a_warning(broken):
    finding = only(broken, "K03-NAMN")
    assert (finding.file, finding.sheet, finding.cell) == (BOOK, "Nämnder", "A4")
    assert (finding.found, finding.expected) == ("”Arbetsmarknadsnämnden”", "”Arbetsmarknadsnämnd”")


def test_a_missing_part_of_the_delårsrapport_is_a_warning_naming_it(broken):
    parts = {f.found for f in broken if f.code == "K04-DEL-SAKNAS"}
    assert parts == {"Väsentliga händelser", "Förväntad utveckling"}
    assert all("RKR R17" in f.message for f in broken if f.code == "K04-DEL-SAKNAS")


def test_a_balansräkning_that_does_not_balance(broken):
    message = only(broken, "K05-BALANS").message.replace("\u00a0", " ")
    assert "4 556 163 tkr" in message and "4 486 000 tkr (Utfall period)" in message


def test_findings_of_a_nämnd_folder_are_prefixed_with_its_folder(tmp_path):
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    edit(folder / "Kommunstyrelsen" / "Politisk verksamhet.xlsx", "Ekonomi", "C2", "x")
    edit(folder / "Arbetsmarknadsnämnden" / "Arbetsmarknadsnämnden.xlsx", "Rapport", "B5",
         "Årsberättelse")
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert not result.ok and not (tmp_path / "ut").exists()
    wrong = only(result.findings, "R02-EJ-TAL")
    assert wrong.location.startswith("Kommunstyrelsen/Politisk verksamhet.xlsx › Ekonomi › C2")
    assert only(result.findings, "K03-RAPPORTTYP").file == \
        "Arbetsmarknadsnämnden/Arbetsmarknadsnämnden.xlsx"


def test_the_kommun_workbook_missing_twice_or_a_folder_twice(tmp_path):
    folder = tmp_path / "kommun"
    (folder / "Nämnd").mkdir(parents=True)
    findings = Findings()
    prepare_kommun(folder, findings)
    assert [f.code for f in findings] == ["K01-INGEN-KOMMUNBOK"]
    shutil.copy(KOMMUN / BOOK, folder / "A.xlsx")
    shutil.copy(KOMMUN / BOOK, folder / "B.xlsx")
    findings = Findings()
    prepare_kommun(folder, findings)
    assert only(findings, "K01-TVA-KOMMUNBOK").found == "A.xlsx, B.xlsx"
    (folder / "B.xlsx").unlink()
    edit(folder / "A.xlsx", "Nämnder", "B3", "Kommunstyrelsen")
    findings = Findings()
    prepare_kommun(folder, findings)
    assert (only(findings, "K01-MAPP-DUBBEL").cell, only(findings, "K01-MAPP-DUBBEL").expected) \
        == ("B3", "2")


def test_validate_on_a_kommun_folder_runs_the_same_checks(tmp_path):
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    edit(folder / BOOK, "Nämnder", "C2", -1)
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 2
    assert '"code": "K02-RAM"' in result.output


def test_report_on_a_kommun_folder_says_to_use_assemble_kommun(tmp_path):
    result = CliRunner().invoke(main, ["report", str(KOMMUN), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "assemble kommun" in " ".join(result.output.split())
    assert not (tmp_path / "ut").exists()


def test_a_batch_over_inputs_leaves_the_kommun_folder_out_and_says_so(tmp_path):
    result = CliRunner().invoke(main, ["report", "--fast", str(REPO / "inputs" / "exempel"),
                                       str(KOMMUN), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    assert "är en kommunmapp och görs inte här" in " ".join(result.output.split())
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_kommun_on_a_nämnd_folder_asks_for_the_kommun_workbook(tmp_path):
    result = CliRunner().invoke(main, ["kommun", str(REPO / "inputs" / "exempel"), "-o",
                                       str(tmp_path / "ut"), "--fast"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "K01-INGEN-KOMMUNBOK" in result.output and not (tmp_path / "ut").exists()


def test_init_kommun_writes_an_empty_kommun_workbook(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ny"), "--kommun"])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "ny" / "Kommunen.xlsx")
    assert book.sheetnames[:4] == ["Instruktioner", "Kommun", "Nämnder", "Finansiering"]
    assert [c.value for c in book["Nämnder"][1]][:3] == ["Nämnd", "Mapp", "Budget helår"]
    assert any(v.formula1 and "Skatter och bidrag" in v.formula1
               for v in book["Finansiering"].data_validations.dataValidation)


# --- the document itself -----------------------------------------------------------------------

@pytest.mark.slow
def test_the_kommun_report_and_its_template_pass_openxml_audit(written):
    from assembler.app.kommun import KOMMUN_TEMPLATES
    from test_word_valid import audit

    _, out = written
    assert audit(KOMMUN_TEMPLATES / "rapport.docx") == []
    assert audit(out / REPORT) == []


def test_the_kommun_report_has_no_heading_skipping_a_level(written):
    from test_word_valid import outline_levels, skipped_levels

    _, out = written
    headings = outline_levels(out / REPORT)
    assert (1, "Driftredovisning") in headings and (2, "Arbetsmarknadsnämnden") in headings
    assert skipped_levels(headings) == []


def test_the_shipped_kommun_templates_pass_the_template_check():
    from assembler.app.kommun import run_kommun_template_check

    assert run_kommun_template_check(None).findings == []


def test_templates_check_on_the_kommun_set_without_the_flag_checks_it_as_kommun_templates():
    """`assemble templates check templates/kommun` (as a kansli would type it, every shipped set
    in turn) checks the set against the example kommun and says so, instead of five errors."""
    done = CliRunner().invoke(main, ["templates", "check", str(REPO / "templates" / "kommun")])
    assert done.exit_code == 0, done.output
    assert "mallar för kommunens rapport" in done.output
    nämnd = CliRunner().invoke(main, ["templates", "check", str(REPO / "templates")])
    assert nämnd.exit_code == 0 and "kommunens rapport" not in nämnd.output


@pytest.mark.render
def test_with_libreoffice_the_kommun_report_gets_page_numbers_and_a_tagged_pdf(tmp_path):
    import re
    import subprocess

    from assembler.render.office import find_soffice
    from assembler.render.wordxml import toc_entry_text, toc_paragraphs

    if find_soffice() is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice eller pdfinfo saknas")
    result = run_kommun(KOMMUN, RunOptions(out_dir=tmp_path / "ut", pdf=True))
    assert result.ok, [f.message for f in result.findings]
    entries = [toc_entry_text(p) for p in toc_paragraphs(
        Document(str(tmp_path / "ut" / REPORT)).element.body)]
    assert any(re.fullmatch(r"5\. Driftredovisning\s*\d+", e) for e in entries), entries
    pdf = tmp_path / "ut" / REPORT.replace(".docx", ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M), info
    assert (tmp_path / "ut" / "Kommunstyrelsen" /
            "Delårsrapport med prognos 2 2025 – Kommunstyrelsen.pdf").is_file()


# --- the årsredovisning ------------------------------------------------------------------------

def annual_kommun(tmp_path: Path, financing: list[list], sheets: dict[str, list[list]]):
    """A kommun of one nämnd (Test, an årsberättelse 2024) and its årsredovisning's run."""
    from helpers import annual_folder, write_workbook

    folder = tmp_path / "kommun"
    annual_folder(folder / "Test")
    write_workbook(folder / "Testby kommun.xlsx", {
        "Kommun": [["Fält", "Värde"], ["Kommun", "Testby kommun"], ["År", 2024],
                   ["Rapporttyp", "Årsberättelse"]],
        "Nämnder": [["Nämnd", "Mapp", "Budget helår"], ["Testnämnden", "Test", -8050]],
        "Finansiering": [["Post", "Grupp", "Budget helår", "Utfall helår"],
                         ["Skatteintäkter", "Skatter och bidrag", 8300, 8410], *financing],
        **sheets})
    return run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))


def test_an_årsredovisning_from_nämnder_with_årsberättelser(tmp_path):
    result = annual_kommun(tmp_path, [["Finansiella kostnader", "Finansiell", -100, -90]], {
        "Text": [["Avsnitt", "Text"], ["Väsentliga händelser", "Ett lugnt år."],
                 ["Förväntad utveckling", "Fler invånare."]]})
    assert result.ok, [f.location + " " + f.message for f in result.findings]
    missing = {f.found for f in result.findings if f.code == "K04-DEL-SAKNAS"}
    assert "Kassaflödesanalys" in missing and "Balansräkning" in missing
    assert any("bladet Kassaflöde" in f.message for f in result.findings
               if f.found == "Kassaflödesanalys")
    assert all("LKBR" in f.message for f in result.findings if f.code == "K04-DEL-SAKNAS")
    report = tmp_path / "ut" / "Årsredovisning 2024 – Testby kommun.docx"
    rows = {r[0]: r[1:] for r in rows_of(report)}
    assert rows["Testnämnden"] == ["-8\u00a0060", "-8\u00a0050", "-10"]  # Utfall, Budget, Avvikelse
    assert rows["Årets resultat"] == ["260", "150", "110"]
    assert rows["Balanskravsresultat"] == ["260"]
    text = " ".join(p.text for p in Document(str(report)).paragraphs)
    assert "Årets resultat blev ett överskott på 260 tkr, mot ett budgeterat överskott på 150 tkr" \
        in text


def test_the_kommun_variables_doc_is_up_to_date():
    from assembler.app.kommun import kommun_variables_doc

    path = REPO / "docs" / "kommunmallvariabler.md"
    assert path.read_text(encoding="utf-8") == kommun_variables_doc(), (
        "docs/kommunmallvariabler.md är inaktuell: kör "
        "`assemble templates vars --kommun > docs/kommunmallvariabler.md`")


def test_the_previous_delår_s_budget_shows_before_this_one_only_when_filled(tmp_path, written):
    _, example = written
    assert "Budget fg delår" not in table_of(example / REPORT, "Nämnd, belopp i tkr")[
        "Nämnd, belopp i tkr"]
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    book = load_workbook(folder / BOOK)
    sheet = book["Nämnder"]
    column = sheet.max_column + 1
    sheet.cell(1, column, "Budget fg delår")
    rams = {}
    for row in range(2, sheet.max_row + 1):
        rams[sheet.cell(row, 1).value] = sheet.cell(row, 3).value
        sheet.cell(row, column, sheet.cell(row, 3).value)  # before the year's changes
    book.save(folder / BOOK)
    letter = sheet.cell(1, column).column_letter
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok, [f.message for f in result.findings]
    table = table_of(tmp_path / "ut" / REPORT, "Nämnd, belopp i tkr")
    header = table.pop("Nämnd, belopp i tkr")
    at = header.index("Budget fg delår")
    assert header[at + 1] == "Budget 2025"
    for name in NAMNDER:
        assert number(table[name][at]) == rams[name], name
    assert number(table["Summa nämnder"][at]) == sum(rams.values())
    drift = next(t for t in Document(str(tmp_path / "ut" / REPORT)).tables
                 if t.rows[0].cells[0].text == "Nämnd, belopp i tkr")
    grid = [int(c.w) for c in drift._tbl.tblGrid.gridCol_lst]
    # eight figures, none squeezed (-1 516 600 on one line), and the rest for the names
    assert len(grid) == 9 and min(grid[1:]) >= sum(grid) * 0.095 and grid[0] >= sum(grid) * 0.17
    # a name too long for its column breaks before its organ word, never mid-word
    names = [row.cells[0].text for row in drift.rows[1:]]
    assert "Samhällsbyggnads\u00adnämnden" in names and "Kommunstyrelsen" in [
        n.replace("\u00ad", "") for n in names]
    lines = list(csv.DictReader((tmp_path / "ut" / TRACE_FILE).open(encoding="utf-8-sig"),
                                delimiter=";"))
    traced = next(line for line in lines if line["Kolumn"] == "Budget fg delår"
                  and line["Rad"] == NAMNDER[0])
    assert (traced["Arbetsbok"], traced["Blad"], traced["Celler"]) == (BOOK, "Nämnder",
                                                                       f"{letter}2")

    edit(folder / BOOK, "Nämnder", f"{letter}3", None)  # one nämnd without: a visible blank
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut2", fast=True))
    assert result.ok, [f.message for f in result.findings]
    table = table_of(tmp_path / "ut2" / REPORT, "Nämnd, belopp i tkr")
    assert table[NAMNDER[1]][at] == "" and table["Summa nämnder"][at] == ""
    assert number(table[NAMNDER[0]][at]) == rams[NAMNDER[0]]


# --- the ram's changes during the year ---------------------------------------------------------

def test_budget_changes_add_to_the_ram_in_the_check_and_show_in_the_driftredovisning(tmp_path):
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    book = load_workbook(folder / BOOK)
    sheet = book["Nämnder"]
    assert sheet["D1"].value == "Budgetändringar"
    sheet["C5"] = -1500000  # Barn- och utbildningsnämnden: own Budget helår −1 516 600
    sheet["D5"] = -16600
    book.save(folder / BOOK)
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok and not [f for f in result.findings if f.code == "K02-RAM"]
    rows = driftredovisning(tmp_path / "ut", changes=True)
    header = next(r for r in rows_of(tmp_path / "ut" / REPORT) if r[0] == "Nämnd, belopp i tkr")
    at = header.index("Varav ändringar")
    assert header[at - 1] == "Budget 2025"
    assert rows["Barn- och utbildningsnämnden"][at - 1] == "-16\u00a0600"
    assert rows["Kommunstyrelsen"][at - 1] == "0"
    assert rows["Summa nämnder"][at - 1] == "-28\u00a0600"  # the example's own: −12 000
    lines = list(csv.DictReader((tmp_path / "ut" / TRACE_FILE).open(encoding="utf-8-sig"),
                                delimiter=";"))
    traced = next(line for line in lines if line["Kolumn"] == "Varav ändringar"
                  and line["Rad"] == "Barn- och utbildningsnämnden")
    assert (traced["Blad"], traced["Celler"]) == ("Nämnder", "D5")

    edit(folder / BOOK, "Nämnder", "D5", -10000)
    findings = Findings()
    prepare_kommun(folder, findings)
    finding = only(findings, "K02-RAM")
    message = finding.message.replace("\u00a0", " ")
    assert finding.expected.replace("\u00a0", " ") == "-1 510 000"
    assert "-1 500 000 tkr och -10 000 tkr i ändringar" in message


# --- the kassaflödesanalys ---------------------------------------------------------------------

def test_an_årsredovisning_with_a_kassaflöde_sheet_gets_its_kassaflödesanalys(tmp_path):
    result = annual_kommun(tmp_path, [], {
        "Kassaflöde": [["Post", "Grupp", "Bokslut fg år", "Utfall helår"],
                       ["Årets resultat", "Löpande verksamhet", 120, 260],
                       ["Justering för avskrivningar", "Löpande verksamhet", 300, 310],
                       ["Investering i anläggningar", "Investeringsverksamhet", -500, -650],
                       ["Nyupptagna lån", "Finansieringsverksamhet", 100, 200]]})
    assert result.ok, [f.location + " " + f.message for f in result.findings]
    assert "Kassaflödesanalys" not in {f.found for f in result.findings
                                       if f.code == "K04-DEL-SAKNAS"}
    rows = rows_of(tmp_path / "ut" / "Årsredovisning 2024 – Testby kommun.docx")
    start = next(i for i, r in enumerate(rows) if r[0] == "Kassaflödesanalys, belopp i tkr")
    table = {r[0]: r[1:] for r in rows[start:]}
    assert rows[start][1:] == ["2023", "2024"]
    assert table["Kassaflöde från den löpande verksamheten"] == ["420", "570"]
    assert table["Kassaflöde från investeringsverksamheten"] == ["-500", "-650"]
    assert table["Kassaflöde från finansieringsverksamheten"] == ["100", "200"]
    assert table["Årets kassaflöde"] == ["20", "120"]
    with (tmp_path / "ut" / TRACE_FILE).open(encoding="utf-8-sig", newline="") as stream:
        traced = [line for line in csv.DictReader(stream, delimiter=";")
                  if line["Tabell"] == "kassaflödesanalys"]
    assert any(line["Rad"] == "Nyupptagna lån" and line["Celler"] == "D5" for line in traced)


# --- what the command prints -------------------------------------------------------------------

def test_kommun_prints_the_memo_date_note_and_a_summary_line(written, tmp_path):
    result, _ = written  # `assemble kommun inputs/kommun -o UT --fast`
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Tjänsteskrivelsen är daterad med sammanträdets dag" in text
    assert "Kommunstyrelsen" in text.split("Tjänsteskrivelsen är daterad")[0]
    assert text.rstrip().endswith("Inga fel eller varningar.")
    dated = CliRunner().invoke(main, ["kommun", str(KOMMUN), "-o", str(tmp_path / "ut2"),
                                      "--fast", "--datum", "2025-10-01"])
    assert dated.exit_code == 0 and "Tjänsteskrivelsen" not in dated.output


# --- kassaflödesanalys reconciled, noter, the unit of spårbarhet.csv, empty sections ----------

def kommun_copy(tmp_path: Path, *edits) -> Path:
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    for sheet, cell, value in edits:
        edit(folder / BOOK, sheet, cell, value)
    return folder


def findings_of(folder: Path) -> Findings:
    findings = Findings()
    prepare_kommun(folder, findings)
    return findings


def test_the_example_s_kassaflödesanalys_starts_in_årets_resultat_and_ends_in_kassa_och_bank(
        written):
    _, out = written
    table = table_of(out / REPORT, "Kassaflödesanalys, belopp i tkr")
    result = table_of(out / REPORT, "Resultaträkning, belopp i tkr")["Årets resultat"]
    assert table["Årets resultat"] == [result[1]] == ["35\u00a0037"]  # Utfall jan–aug 2025
    balance = table_of(out / REPORT, "Balansräkning, belopp i tkr")["Kassa och bank"]
    assert table["Likvida medel vid periodens början"] == [balance[1]] == ["72\u00a0000"]
    assert table["Likvida medel vid periodens slut"] == [balance[2]] == ["160\u00a0163"]
    assert number(table["Periodens kassaflöde"][0]) == 160163 - 72000


def test_a_kassaflöde_whose_årets_resultat_is_not_the_resultaträkning_s(tmp_path):
    folder = kommun_copy(tmp_path, ("Kassaflöde", "C2", 35000))
    finding = only(findings_of(folder), "K06-KASSAFLODE-RESULTAT")
    assert (finding.file, finding.sheet, finding.cell) == (BOOK, "Kassaflöde", "C2")
    message = finding.message.replace("\u00a0", " ")
    assert "35 000 tkr (Utfall period)" in message and "årets resultat är 35 037 tkr" in message


def test_a_kassaflöde_that_is_not_the_change_of_kassa_och_bank(tmp_path):
    folder = kommun_copy(tmp_path, ("Balansräkning", "D4", 160000))
    findings = findings_of(folder)
    finding = only(findings, "K06-KASSAFLODE-LIKVIDA")
    assert (finding.file, finding.sheet) == (BOOK, "Kassaflöde")
    message = finding.message.replace("\u00a0", " ")
    assert "kassaflöde på 88 163 tkr" in message
    assert "”Kassa och bank” har ändrats med 88 000 tkr (från 72 000 till 160 000 tkr)" in message
    assert not [f for f in findings if f.code == "K06-KASSAFLODE-RESULTAT"]


def test_the_notes_are_numbered_in_the_statements_and_specified_in_noter(written):
    _, out = written
    result = table_of(out / REPORT, "Resultaträkning, belopp i tkr")
    assert result["Resultaträkning, belopp i tkr"][0] == "Not"
    assert result["Skatteintäkter"][0] == "1" and result["Avskrivningar"][0] == ""
    assert table_of(out / REPORT, "Balansräkning, belopp i tkr")["Kassa och bank"][0] == "3"
    headings = [p.text for p in Document(str(out / REPORT)).paragraphs
                if p.style.name.startswith(("Heading", "Rubrik onumrerad"))]
    assert headings[-4:] == ["Noter", "Not 1 Skatteintäkter",
                             "Not 2 Generella statsbidrag och utjämning", "Not 3 Kassa och bank"]
    tables = [t for t in Document(str(out / REPORT)).tables
              if t.rows[0].cells[0].text == "Belopp i tkr"]
    skatt = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in tables[0].rows}
    assert skatt["Belopp i tkr"] == ["Bokslut 2024", "Utfall jan–aug 2025"]
    assert skatt["Summa"] == ["2\u00a0432\u00a0000", result["Skatteintäkter"][1]]


def test_a_note_referred_to_but_missing_and_a_note_nobody_refers_to(tmp_path):
    folder = kommun_copy(tmp_path, ("Finansiering", "G5", 7))  # Skatteintäkter: Not 1 → 7
    findings = findings_of(folder)
    missing = only(findings, "K07-NOT-SAKNAS")
    assert (missing.file, missing.sheet, missing.cell) == (BOOK, "Finansiering", "G5")
    assert "Skatteintäkter" in missing.message and "not 7" in missing.message
    assert missing.expected == "1, 2, 3"
    unreferred = only(findings, "K07-NOT-OREFERERAD")
    assert (unreferred.sheet, unreferred.cell, unreferred.found) == ("Noter", "A2", "1")


def test_a_note_whose_summa_is_not_its_row_s_figure(tmp_path):
    folder = kommun_copy(tmp_path, ("Noter", "D2", 2441000))  # Preliminär kommunalskatt
    findings = findings_of(folder)
    finding = only(findings, "K07-NOT-SUMMA")
    assert (finding.file, finding.sheet, finding.cell) == (BOOK, "Noter", "D2:D4")
    assert (finding.found, finding.expected) == ("2\u00a0433\u00a0000", "2\u00a0432\u00a0000")
    message = finding.message.replace("\u00a0", " ")
    assert "Not 1 summerar till 2 433 000 tkr (Bokslut fg år)" in message
    assert "raden ”Skatteintäkter” i bladet Finansiering" in message
    assert "(skillnad 1 000 tkr)" in message


def test_the_example_s_notes_sum_to_their_rows():
    assert not [f for f in findings_of(KOMMUN) if f.code == "K07-NOT-SUMMA"]


def test_spårbarhet_in_mnkr_prints_every_figure_as_the_report_does(tmp_path):
    folder = kommun_copy(tmp_path, ("Kommun", "B10", "mnkr"))
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok, [f.message for f in result.findings]
    with (tmp_path / "ut" / TRACE_FILE).open(encoding="utf-8-sig", newline="") as stream:
        lines = list(csv.DictReader(stream, delimiter=";"))
    assert {line["Enhet"] for line in lines} == {"mnkr"}
    drift = table_of(tmp_path / "ut" / REPORT, "Nämnd, belopp i mnkr")
    header = drift.pop("Nämnd, belopp i mnkr")
    traced = {(line["Rad"], line["Kolumn"]): line["Värde"] for line in lines
              if line["Tabell"] == "driftredovisning"}
    printed = {(row, header[i]): value for row, values in drift.items()
               for i, value in enumerate(values) if value}
    assert printed[("Barn- och utbildningsnämnden", "Budget 2025")] == "-1\u00a0516,6"
    assert ("Avrundning", "Avvikelse budget–prognos") in printed  # mnkr rows no longer foot
    assert traced == printed


def test_a_section_the_text_sheet_lacks_is_left_out_heading_and_all(tmp_path):
    folder = kommun_copy(tmp_path)
    book = load_workbook(folder / BOOK)
    text = book["Text"]
    for row in range(text.max_row, 1, -1):
        if text.cell(row, 1).value in ("Väsentliga händelser", "Förväntad utveckling"):
            text.delete_rows(row)
    book.save(folder / BOOK)
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok
    assert {f.found for f in result.findings if f.code == "K04-DEL-SAKNAS"} == {
        "Väsentliga händelser", "Förväntad utveckling"}
    paragraphs = Document(str(tmp_path / "ut" / REPORT)).paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert "Väsentliga händelser" not in headings and "Förväntad utveckling" not in headings
    assert headings[:3] == ["Förvaltningsberättelse", "Sammanfattning",
                            "God ekonomisk hushållning"]
    assert not [p for p in paragraphs if p.style.name.startswith("Heading") and not p.text]


# --- the nämnder's templates under the kommun's --mallar ---------------------------------------

def nämnd_template_sets(folder: Path, own: str) -> Path:
    """A kommun template folder with only nämnd sets: nämnder/ (every nämnd: the report, no
    tjänsteskrivelse) and nämnder/`own`/ (that nämnd's own report template)."""
    common = folder / "nämnder"
    (common / own).mkdir(parents=True)
    shutil.copy(REPO / "templates" / "rapport.docx", common / "rapport.docx")
    (common / "tjänsteskrivelse.ingen").write_bytes(b"")
    document = Document(str(REPO / "templates" / "rapport.docx"))
    document.paragraphs[0].insert_paragraph_before("Kulturens egen mall")
    document.save(str(common / own / "rapport.docx"))
    return folder


def test_mallar_gives_every_nämnd_the_common_set_and_a_nämnd_its_own(tmp_path):
    templates = nämnd_template_sets(tmp_path / "mallar", "Kultur- och fritidsnämnden")
    out = tmp_path / "ut"
    result = run_kommun(KOMMUN, RunOptions(out_dir=out, templates=templates, fast=True))
    assert result.ok, [f.message for f in result.findings]
    assert (out / REPORT).is_file()  # the kommun's report: its shipped template
    kultur = sorted(p.name for p in (out / "Kultur- och fritidsnämnden").glob("*.docx"))
    assert len(kultur) == 2  # its own report template; the shipped tjänsteskrivelse
    text = Document(str(out / "Kultur- och fritidsnämnden" / kultur[0])).paragraphs[0].text
    assert text == "Kulturens egen mall"
    for name in NAMNDER:
        if name != "Kultur- och fritidsnämnden":
            documents = [p.name for p in (out / name).glob("*.docx")]
            assert documents == [f"Delårsrapport med prognos 2 2025 – {name}.docx"], documents
            first = Document(str(out / name / documents[0])).paragraphs[0].text
            assert first != "Kulturens egen mall"


def test_a_nämnder_set_holding_only_the_marker_gives_every_nämnd_the_report_alone(tmp_path):
    templates = tmp_path / "mallar"
    (templates / "nämnder").mkdir(parents=True)
    (templates / "nämnder" / "tjänsteskrivelse.ingen").write_bytes(b"")
    out = tmp_path / "ut"
    result = run_kommun(KOMMUN, RunOptions(out_dir=out, templates=templates, fast=True))
    assert result.ok, [f.message for f in result.findings]
    assert (out / REPORT).is_file()
    for name in NAMNDER:
        documents = [p.name for p in (out / name).glob("*.docx")]
        assert documents == [f"Delårsrapport med prognos 2 2025 – {name}.docx"], documents
    done = CliRunner().invoke(main, ["templates", "check", "--kommun", str(templates)])
    assert done.exit_code == 0, done.output
    assert "M05" not in done.output


def test_templates_check_kommun_checks_each_nämnd_set_against_its_nämnd(tmp_path):
    templates = nämnd_template_sets(tmp_path / "mallar", "Kommunstyrelsen")
    shutil.copytree(REPO / "templates" / "orebro-ks",
                    templates / "nämnder" / "Kultur- och fritidsnämnden")
    (templates / "nämnder" / "Kulturnämnden").mkdir()
    done = CliRunner().invoke(main, ["templates", "check", "--kommun", str(templates)])
    assert done.exit_code == 2, done.output
    output = " ".join(done.output.split())
    assert "nämnder/Kultur- och fritidsnämnden/rapport.docx" in output
    assert "M02-OKAND-VARIABEL" in output
    assert "nämnder/Kommunstyrelsen" not in output  # its set fits its nämnd
    assert "Kulturnämnden har samma namn som ingen nämnds mapp" in output


def test_an_årsredovisning_s_notes_and_kassaflöde_reconciled(tmp_path):
    result = annual_kommun(tmp_path, [], {
        "Balansräkning": [["Post", "Grupp", "Bokslut fg år", "Utfall helår", "Not"],
                          ["Kassa och bank", "Tillgångar", 500, 620, 1],
                          ["Eget kapital", "Eget kapital och skulder", 500, 620]],
        "Kassaflöde": [["Post", "Grupp", "Utfall helår"],
                       ["Årets resultat", "Löpande verksamhet", 350],  # the RR's
                       ["Amortering", "Finansieringsverksamhet", -230]],
        "Noter": [["Not", "Rubrik", "Post", "Bokslut fg år", "Utfall helår"],
                  [1, "Kassa och bank", "Bank", 480, 600], [1, None, "Kassa", 20, 20]]})
    assert result.ok, [f.location + " " + f.message for f in result.findings]
    assert not [f for f in result.findings if f.code.startswith(("K06", "K07"))]
    report = tmp_path / "ut" / "Årsredovisning 2024 – Testby kommun.docx"
    assert table_of(report, "Balansräkning, belopp i tkr")["Kassa och bank"] == [
        "1", "500", "620"]
    cash = table_of(report, "Kassaflödesanalys, belopp i tkr")
    assert cash["Årets kassaflöde"] == ["120"]
    assert cash["Likvida medel vid årets början"] == ["500"]
    assert cash["Likvida medel vid årets slut"] == ["620"]
    note = table_of(report, "Belopp i tkr")
    assert note["Belopp i tkr"] == ["2023-12-31", "2024-12-31"]
    assert note["Summa"] == ["500", "620"]


def test_a_nämnd_whose_set_has_no_tjänsteskrivelse_gets_no_warning_for_its_ärendet(tmp_path):
    folder = tmp_path / "kommun"
    shutil.copytree(KOMMUN, folder)
    own = folder / "Samhällsbyggnadsnämnden" / "Samhällsbyggnadsnämnden.xlsx"
    book = load_workbook(own)
    text = book["Text"]
    text.delete_rows(next(c.row for c in text["A"] if c.value == "Ärendet"))
    book.save(own)
    assert only(findings_of(folder), "R21-ARENDE-SAKNAS").file.startswith(
        "Samhällsbyggnadsnämnden/")
    templates = nämnd_template_sets(tmp_path / "mallar", "Kultur- och fritidsnämnden")
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", templates=templates,
                                                 fast=True))
    assert result.ok and not [f for f in result.findings if f.code == "R21-ARENDE-SAKNAS"]
