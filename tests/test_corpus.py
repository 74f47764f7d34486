"""Bad inputs that must never crash the tool: each gets a clear Swedish message, exit 2 (or a
warning where that is right), never a traceback and never a partial output file."""

import datetime as dt
import io
import shutil
import unicodedata
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from assembler.cli.commands import main
from assembler.compute.economy import compute_economy
from assembler.contract.findings import Findings, has_errors
from assembler.app.report import load_and_validate
from helpers import (EKONOMI_HEADER, MEMO_TEXT, RAPPORT, docx_tables, docx_text,
                     findings_in_memory, make_strict, minimal_folder, minimal_workbooks, patch_zip,
                     render_fast, verksamhet_sheets, write_folder, write_workbook)

GOOD = [["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Enhet 2", -500, -340, -330, -500, -520, None]]


def alfa(rows=GOOD, header=EKONOMI_HEADER, name="Verksamhet Alfa", **fields):
    return verksamhet_sheets(name, [], Ordning=1, **fields) | {"Ekonomi": [header] + rows}


def edit(path, fn):
    book = load_workbook(path)
    fn(book)
    book.save(path)


def real_xlsx_bytes():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def rapport(**changes):
    rows = [list(r) for r in RAPPORT]
    for key, value in changes.items():
        for r in rows:
            if r[0] == key:
                r[1] = value
    return rows


def nfd(text):
    return unicodedata.normalize("NFD", text)


def empty_text_formula(d, column="G"):
    """A formula that returns "" (=OM(…;"";…)), saved by Excel with an empty cached value."""
    write_workbook(d / "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, -650, -1000, -950,
                                           '=IF(1=1,"","x")']]))
    patch_zip(d / "Alfa.xlsx", "xl/worksheets/sheet2.xml", lambda xml: xml.replace(
        f'<c r="{column}2">'.encode(), f'<c r="{column}2" t="str">'.encode()))


def zip_bomb(d):
    """A real workbook with one extra part of 60 MB of spaces, packed to a few kB."""
    with zipfile.ZipFile(d / "Alfa.xlsx", "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet9.xml", b" " * (60 * 1024 * 1024))


def huge_file(d):
    with (d / "Stor.xlsx").open("wb") as stream:  # sparse: no disk is used
        stream.truncate(150 * 1024 * 1024)


def with_sheet(path, title, rows, hidden=False):
    def add(book):
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        if hidden:
            ws.sheet_state = "hidden"
    edit(path, add)


CASES = {
    "text file named .xlsx": (lambda d: (d / "x.xlsx").write_text("hej"), 2, "x.xlsx"),
    "empty .xlsx": (lambda d: (d / "tom.xlsx").write_bytes(b""), 2, "filen är tom"),
    "password-protected .xlsx": (lambda d: (d / "p.xlsx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 512),
                                 2, "lösenordsskyddad"),
    "truncated .xlsx": (lambda d: (d / "t.xlsx").write_bytes(real_xlsx_bytes()[:300]), 2, "t.xlsx"),
    "zip that is no workbook": (lambda d: zipfile.ZipFile(d / "z.xlsx", "w").writestr("a.txt", "x"),
                                2, "z.xlsx"),
    ".xls renamed": (lambda d: (d / "gammal.xls").write_bytes(b"\xd0\xcf\x11\xe0"), 2, ".xls"),
    ".xlsm": (lambda d: (d / "makro.xlsm").write_bytes(real_xlsx_bytes()), 2, ".xlsm"),
    ".csv": (lambda d: (d / "data.csv").write_text("a;b"), 2, ".csv"),
    ".ods": (lambda d: (d / "calc.ods").write_bytes(b"PK"), 2, ".ods"),
    "empty folder": (lambda d: [p.unlink() for p in d.iterdir()], 2, "bladet ”Rapport”"),
    "no nämnd workbook": (lambda d: (d / "nämnd.xlsx").unlink(), 2, "bladet ”Rapport”"),
    "two nämnd workbooks": (lambda d: write_workbook(d / "n2.xlsx", {"Rapport": RAPPORT}), 2,
                            "n2.xlsx"),
    "no verksamhet": (lambda d: [(d / "Alfa.xlsx").unlink(), (d / "Beta.xlsx").unlink()], 2,
                      "ingen verksamhetsarbetsbok"),
    "duplicate verksamhet": (lambda d: write_workbook(d / "Gamma.xlsx", alfa()), 2,
                             "finns också i"),
    "missing Ekonomi sheet": (lambda d: write_workbook(d / "Alfa.xlsx", {"Verksamhet": alfa()["Verksamhet"]}),
                              2, "”Ekonomi” saknas"),
    "missing required field": (lambda d: write_workbook(d / "nämnd.xlsx", {"Rapport": RAPPORT[:2] + RAPPORT[3:]}),
                               2, "”Nämnd” saknas"),
    "missing required column": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        [r[:5] for r in GOOD], EKONOMI_HEADER[:5])), 2, "”Prognos helår” saknas"),
    "merged header cells": (lambda d: edit(d / "Alfa.xlsx", lambda b: b["Ekonomi"].merge_cells("E1:F1")),
                            2, "”Prognos helår” saknas"),
    "hidden sheet": (lambda d: edit(d / "Alfa.xlsx", lambda b: setattr(b["Ekonomi"], "sheet_state", "hidden")),
                     1, "dolt"),
    "header row on row 3": (lambda d: write_workbook(d / "Alfa.xlsx", {
        "Verksamhet": alfa()["Verksamhet"], "Ekonomi": [["Titel"], [], EKONOMI_HEADER] + GOOD}),
        2, "står i rad 3"),
    "duplicate headers": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        [r + [-1] for r in GOOD], EKONOMI_HEADER + ["Prognos helår"])), 2, "finns redan i F1"),
    "headers with odd case and spaces": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        header=["  ENHET", "bokslut  fg år", "Utfall\u00a0period", "budget period ", "Budget Helår",
                "PROGNOS HELÅR", "varav"])), 0, "Skrev"),
    "a row far down at 1 000 000": (lambda d: edit(d / "Alfa.xlsx", lambda b: [
        b["Ekonomi"].cell(1_000_000, 1, "Enhet längst ner"), b["Ekonomi"].cell(1_000_000, 2, -7),
        b["Ekonomi"].cell(1_000_000, 3, -7),
        b["Ekonomi"].cell(1_000_000, 4, -7), b["Ekonomi"].cell(1_000_000, 5, -10),
        b["Ekonomi"].cell(1_000_000, 6, -10)]), 0,
        "Skrev"),
    "50 000-character text": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        **{"Ekonomisk analys": "Lång text. " * 4545})), 0, "Skrev"),
    "control characters in text": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        **{"Ekonomisk analys": "Före_x0001_efter_x0007_ och _x001F_slut"})), 0, "Skrev"),
    "&<>\"' in every text field": (lambda d: [
        write_workbook(d / "nämnd.xlsx", {"Rapport": rapport(Kommun="A & B <kommun>",
                                                             Nämnd="N \"&\" 'M' <x>"),
                                          "Text": [["Avsnitt", "Text"], ["Ärendet", "<&>\"'"]],
                                          "Beslut": [["Nr", "Beslutspunkt"], [1, "Att <b> & 'c'"]]}),
        write_workbook(d / "Alfa.xlsx", alfa([["E <1> & \"2\"", -1000, -600, -650, -1000, -950, None]],
                                             name="V & <W> 'x'", **{"Ekonomisk analys": "a & <b>"}))],
        0, "Skrev"),
    "error value #REF!": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", "#REF!", -600, -650, -1000, -950, None]])),
                          2, "felvärdet ”#REF!”"),
    "error value #####": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", -1, "#####", -650, -1000, -950, None]])),
                          2, "”#####”"),
    "error value #N/A as error cell": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", -1, -600, "#N/A", -1000, -950, None]])),
                                       2, "#N/A"),
    "formula without cached value": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", -1, "=C3*2", -650, -1000, -950, None]])),
                                     2, "inget sparat värde"),
    "date where a number belongs": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", dt.date(2024, 3, 1), -600, -650, -1000, -950, None]])),
                                    2, "inget tal"),
    "boolean where a number belongs": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", True, -600, -650, -1000, -950, None]])),
                                       2, "inget tal"),
    "text nan and inf as amounts": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", "nan", "inf", -650, -1000, -950, None]])),
                                    2, "”nan” är inget tal"),
    "numbers as text with odd spaces and minus signs": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([
        ["E", "\u22121\u00a0000", " -600 ", "\u2212650", "-1 000,0", "\u2212 950", None]])), 0, "Skrev"),
    "duplicate enheter": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(GOOD + [GOOD[0]])), 2,
                          "finns redan på rad 2"),
    "varav loop": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(GOOD + [
        ["A", 0, 0, 0, 0, 0, "B"], ["B", 0, 0, 0, 0, 0, "A"]])), 2, "går i ring"),
    "varav naming nothing": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(GOOD + [
        ["A", 0, 0, 0, 0, 0, "Finns ej"]])), 2, "”Finns ej”"),
    "lock file": (lambda d: (d / "~$nämnd.xlsx").write_bytes(b"lock"), 0, "Skrev"),
    "a marked copy from validate --mark": (lambda d: write_workbook(
        d / "nämnd (granskad).xlsx", {"Rapport": RAPPORT}), 0, "Skrev"),
    "unknown Rapporttyp": (lambda d: write_workbook(d / "nämnd.xlsx", {"Rapport": rapport(Rapporttyp="Kvartal")}),
                           2, "”Kvartal” är inte tillåtet"),
    "År in words": (lambda d: write_workbook(d / "nämnd.xlsx", {"Rapport": rapport(År="tjugotjugofyra")}),
                    2, "”tjugotjugofyra”"),
    "unknown month": (lambda d: write_workbook(d / "nämnd.xlsx", {"Rapport": rapport(**{"Period till och med": "sommar"})}),
                      2, "”sommar”"),
    "unreadable Beslutsdatum": (lambda d: write_workbook(d / "nämnd.xlsx", {"Rapport": RAPPORT + [["Beslutsdatum", "igår"]]}),
                                2, "”igår”"),
    "Ekonomi with headers only": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([])), 2,
                                  "Ekonomi › A2 fel Bladet Ekonomi har ingen rad"),
    "huge amounts": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([["E", -1e12, -6e11, -6.5e11, -1e12, -9.5e11, None]])),
                     0, "Skrev"),
    "sheet names with odd case and spaces": (lambda d: write_workbook(d / "Alfa.xlsx", {
        " verksamhet ": alfa()["Verksamhet"], "EKONOMI": alfa()["Ekonomi"]}), 0, "Skrev"),
    # --- round 2: Unicode as macOS and web pages type it -----------------------------------
    "headers in decomposed Unicode (NFD)": (lambda d: write_workbook(d / "nämnd.xlsx", {
        "Text": MEMO_TEXT, "Rapport": [["Fält", nfd("Värde")]] + RAPPORT[1:]}), 0, "Skrev"),
    "field name and vocabulary in NFD": (lambda d: write_workbook(d / "nämnd.xlsx", {
        "Text": MEMO_TEXT, "Rapport": [[nfd(k), nfd(v) if isinstance(v, str) else v] for k, v in RAPPORT]}), 0,
        "Skrev"),
    "amount header in NFD": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        header=[nfd(h) for h in EKONOMI_HEADER])), 0, "Skrev"),
    "zero-width space and soft hyphen in headers": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        header=["Enhet\u200b", "Bokslut fg år", "Utfall period", "Bud\u00adget period",
                "Budget helår", "Prognos helår\ufeff", "Varav"])), 0, "Skrev"),
    "sheet names with invisible characters": (lambda d: write_workbook(d / "Alfa.xlsx", {
        "Verksamhet\u200b": alfa()["Verksamhet"], "\u202bEkonomi": alfa()["Ekonomi"]}), 0, "Skrev"),
    "duplicate verksamhet in NFD": (lambda d: [
        write_workbook(d / "Alfa.xlsx", alfa(name="Förskola Ö")),
        write_workbook(d / "Gamma.xlsx", alfa(name=nfd("Förskola Ö")))], 2, "finns också i"),
    "duplicate verksamhet with a zero-width space": (lambda d: write_workbook(
        d / "Gamma.xlsx", alfa(name="Verksamhet\u200b Alfa")), 2, "finns också i"),
    "duplicate enhet in NFD": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(
        GOOD + [[nfd("Enhet 1")] + GOOD[0][1:], ["Enhet ö", -1, -1, -1, -1, -1, None],
                [nfd("Enhet ö"), -1, -1, -1, -1, -1, None]])), 2, "finns redan på rad 5"),
    "Varav naming its enhet in NFD": (lambda d: write_workbook(d / "Alfa.xlsx", alfa(GOOD + [
        ["Enhet ö", -100, -60, -65, -100, -95, None],
        ["Del av ö", -10, -6, -6, -10, -9, nfd("Enhet ö")]])), 0, "Skrev"),
    "right-to-left override in Nämnd": (lambda d: write_workbook(d / "nämnd.xlsx", {
        "Text": MEMO_TEXT, "Rapport": rapport(Nämnd="Test\u202excod.exe")}), 0, "Skrev"),
    "Nämnd of 400 characters": (lambda d: write_workbook(d / "nämnd.xlsx", {
        "Text": MEMO_TEXT, "Rapport": rapport(Nämnd="Nämnden för " + "mycket långa namn " * 22)}), 0, "Skrev"),
    "Nämnd with slashes and colons": (lambda d: write_workbook(d / "nämnd.xlsx", {
        "Text": MEMO_TEXT, "Rapport": rapport(Nämnd="Bygg/Miljö: nämnden?*")}), 0, "Skrev"),
    # --- Excel's own values ------------------------------------------------------------------
    "formula returning empty text in Varav": (empty_text_formula, 0, "Skrev"),
    "formula returning empty text in an amount": (lambda d: [
        write_workbook(d / "Alfa.xlsx", alfa([["Enhet 1", '=IF(1=1,"",1)', -600, -650, -1000,
                                               -950, None]])),
        patch_zip(d / "Alfa.xlsx", "xl/worksheets/sheet2.xml", lambda xml: xml.replace(
            b'<c r="B2">', b'<c r="B2" t="str">'))], 0, "Skrev"),
    "Strict Open XML workbook": (lambda d: make_strict(d / "Alfa.xlsx"), 2, "Strict Open XML"),
    # --- sheets the contract does not read ---------------------------------------------------
    "extra sheet with an error value and a far row": (lambda d: with_sheet(
        d / "Alfa.xlsx", "Huvudbok", [["Konto", "Belopp"], ["4010", "#REF!"]]), 0, "Skrev"),
    "hidden extra sheet": (lambda d: with_sheet(d / "Alfa.xlsx", "Anteckningar", [["x"]],
                                                hidden=True), 0, "Skrev"),
    "extra sheet with a formula without value": (lambda d: with_sheet(
        d / "nämnd.xlsx", "Beräkning", [["=A2*2"]]), 0, "Skrev"),
    # --- resources ---------------------------------------------------------------------------
    "150 MB file named .xlsx": (huge_file, 2, "Stor.xlsx"),
    "zip bomb inside a workbook": (zip_bomb, 2, "uppackad"),
    # --- magnitudes --------------------------------------------------------------------------
    "thousands separator read as decimal point": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([
        ["Enhet 1", -1000, -600, -650, -1000, -3.825, None]])), 1, "-3,825 tkr: menade du -3 825?"),
    "thousands separator in text": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([
        ["Enhet 1", -1000, "-0.650", -650, -1000, -950, None]])), 1, "menade du -650?"),
    "a fraction among whole thousands": (lambda d: write_workbook(d / "Alfa.xlsx", alfa([
        ["Enhet 1", -1500, -1200, -1300, -2.5, -1900, None]])), 1, "-2,5 tkr: menade du -2 500?"),
}


def test_corpus_has_at_least_65_cases():
    assert len(CASES) >= 65


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name, tmp_path):
    breaker, expected_exit, fragment = CASES[name]
    folder = minimal_folder(tmp_path / "in")
    breaker(folder)
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["report", "--fast", str(folder), "-o", str(out)])
    text = " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.exit_code == expected_exit, result.output
    assert fragment in text, result.output
    written = list(out.glob("*")) if out.exists() else []
    if expected_exit == 2:
        assert written == []
    else:
        assert [p.suffix for p in written] == [".docx", ".docx"]


def test_special_characters_come_out_literally(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    CASES["&<>\"' in every text field"][0](folder)
    CliRunner().invoke(main, ["report", "--fast", str(folder), "-o", str(tmp_path / "ut")])
    text = docx_text(sorted((tmp_path / "ut").glob("Delårsrapport*.docx"))[0])
    for expected in ["N \"&\" 'M' <x>", "E <1> & \"2\"", "V & <W> 'x'", "a & <b>",
                     "Att <b> & 'c'"]:
        assert expected in text, expected


def test_control_characters_are_dropped(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    CASES["control characters in text"][0](folder)
    CliRunner().invoke(main, ["report", "--fast", str(folder), "-o", str(tmp_path / "ut")])
    text = docx_text(sorted((tmp_path / "ut").glob("Delårsrapport*.docx"))[0])
    assert "Föreefter och slut" in text


def test_output_folder_that_is_a_file(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    blocker = tmp_path / "ut"
    blocker.write_text("jag är en fil")
    result = CliRunner().invoke(main, ["report", "--fast", str(folder), "-o", str(blocker)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Kan inte skriva" in " ".join(result.output.split())
    assert blocker.read_text() == "jag är en fil"


@pytest.fixture(scope="module")
def fuzz_base(tmp_path_factory):
    """The minimal folder's other workbooks, written once for all the examples."""
    folder = minimal_folder(tmp_path_factory.mktemp("fuzz_base"))
    (folder / "Alfa.xlsx").unlink()
    return folder


cell_values = st.one_of(
    st.none(), st.integers(-10**9, 10**9), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.booleans(), st.dates(min_value=dt.date(1900, 1, 1)),
    st.sampled_from(["-4 903", "\u22124 903", "1\u00a0234,5", "#DIV/0!", "Summa", "Enhet 1",
                     "=A1+1", "Ja", "Nej", "augusti", "", "  "]))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell_values, min_size=7, max_size=7), max_size=6),
       info=st.lists(cell_values, min_size=3, max_size=3))
def test_arbitrary_cell_values_never_crash(fuzz_base, tmp_path_factory, rows, info):
    folder = tmp_path_factory.mktemp("fuzz")
    for book in fuzz_base.iterdir():  # copies: openpyxl writes a workbook a hundred times slower
        shutil.copy(book, folder)
    fields = dict(zip(["Ordning", "Intraprenad", "Ingående ackumulerat resultat"], info, strict=False))
    try:
        write_workbook(folder / "Alfa.xlsx", alfa([list(r) for r in rows], **fields))
    except Exception:  # openpyxl refuses some values (e.g. control characters): not our input
        return
    findings = Findings()
    report = load_and_validate(folder, findings)
    if report is not None and not has_errors(findings):
        compute_economy(report)


# --- 6. folders of the first release ----------------------------------------------------------

KONTO = ["Kontogrupp", "Bokslut fg år", "Budget fg år", "Utfall period fg år", "Budget helår",
         "Utfall period", "Prognos helår"]


def uppsala_shape():
    """Kontogrupper with a `Kommunbidrag` row while the verksamheter report their result
    after kommunbidrag, Budgetmodell unset: the first release's contract."""
    return {
        "nämnd.xlsx": {"Rapport": RAPPORT, "Text": MEMO_TEXT, "Kontogrupper": [
            KONTO, ["Intäkter", 500, 480, 300, 500, 320, 510],
            ["Personalkostnader", -2500, -2450, -1600, -2600, -1700, -2620],
            ["Övriga kostnader", -1000, -1030, -690, -1400, -560, -1350],
            ["Kommunbidrag", 3000, 3000, 2000, 3500, 1947, 3500]]},
        "Alfa.xlsx": verksamhet_sheets("Verksamhet Alfa", [
            ["Enhet 1", -10, -16, -12, -20, 40, None]], Ordning=1),
        "Beta.xlsx": verksamhet_sheets("Verksamhet Beta", [
            ["Enhet 3", 10, 23, 12, 20, 0, None]], Ordning=2),
    }


def annual_first_release():
    """An Årsberättelse with the year written in the headers and a typed Summa row."""
    rapport = [r for r in RAPPORT if r[0] not in ("Rapporttyp", "Period till och med")]
    header = ["Enhet", "Bokslut 2023", "Budget helår", "Utfall helår", "Varav"]
    return {
        "nämnd.xlsx": {"Rapport": rapport + [["Rapporttyp", "Årsberättelse"]],
                       "Text": MEMO_TEXT},
        "Alfa.xlsx": {"Verksamhet": [["Fält", "Värde"], ["Verksamhet", "Verksamhet Alfa"]],
                      "Ekonomi": [header, ["Enhet 1", -1000, -1000, -950, None],
                                  ["Del av 1", -100, -100, -90, "Enhet 1"],
                                  ["Summa", -1000, -1000, -950, None]]},
    }


FIRST_RELEASE = {"Uppsala shape": uppsala_shape, "Årsberättelse": annual_first_release,
                 "minimal": minimal_workbooks}


@pytest.mark.parametrize("name", list(FIRST_RELEASE))
def test_a_first_release_folder_validates_cleanly(name):
    assert findings_in_memory(FIRST_RELEASE[name]()) == []


def test_the_uppsala_shape_still_reconciles_a_real_difference():
    books = uppsala_shape()
    books["nämnd.xlsx"]["Kontogrupper"][2][4] = -2700  # Personalkostnader budget 100 off
    [finding] = [f for f in findings_in_memory(books) if f.code == "R08-AVSTAMNING"]
    assert finding.values["column"] == "Budget helår" and finding.sheet == "Kontogrupper"


def test_the_uppsala_shape_renders_its_tables(tmp_path):
    folder = write_folder(tmp_path / "in", uppsala_shape())
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok and len(result.written) == 2, result.findings
    tables = docx_tables(result.written[0])
    konto = next(t for t in tables if t[0][0].startswith("Kontogrupp"))
    assert [row[0] for row in konto[1:]] == ["Intäkter", "Personalkostnader",
                                             "Övriga kostnader", "Kommunbidrag", "Resultat"]
    assert konto[-1][-1] == "40"


def test_a_first_release_annual_report_renders_its_figures_and_varav(tmp_path):
    folder = write_folder(tmp_path / "in", annual_first_release())
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok and len(result.written) == 2, result.findings
    own = next(t for t in docx_tables(result.written[0]) if t[0][0].startswith("Verksamhet Alfa"))
    assert [row[:4] for row in own[1:]] == [["Enhet 1", "-1 000", "-950", "-1 000"],
                                            ["- varav Del av 1", "-100", "-90", "-100"],
                                            ["Summa", "-1 000", "-950", "-1 000"]]
