"""`assemble init NY --från FÖRRA`: the next period's folder from last period's."""

import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.cli.commands import main
from assembler.contract.findings import Findings
from assembler.read.folder import load_report
from assembler.contract.model import ReportType
from assembler.app.report import OutputError, run_validate
from assembler.app.rollforward import roll_folder
from helpers import EXAMPLE

NAMND = "Kultur- och fritidsnämnden.xlsx"


def rows_by_header(path, sheet):
    ws = load_workbook(path)[sheet]
    headers = [c.value for c in ws[1]]
    return headers, [dict(zip(headers, r, strict=False))
                     for r in ws.iter_rows(min_row=2, values_only=True)
                     if any(v is not None for v in r)]


def fill_column(path, sheet, header, value_of):
    """Set `header` on every row from value_of(row as {header: value})."""
    workbook = load_workbook(path)
    ws = workbook[sheet]
    headers = [c.value for c in ws[1]]
    column = headers.index(header) + 1
    for row in range(2, ws.max_row + 1):
        values = dict(zip(headers, (c.value for c in ws[row]), strict=False))
        if any(v is not None for v in values.values()):
            ws.cell(row, column).value = value_of(values)
    workbook.save(path)


def errors(folder):
    return [(f.code, f.location, f.message) for f in run_validate(folder).findings
            if f.severity.value == "fel"]


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    """The example rolled to the Årsberättelse of the same year (tests only read it)."""
    target = tmp_path_factory.mktemp("roll") / "ars"
    result = roll_folder(EXAMPLE, target)
    assert (result.new.kind, result.new.year) == (ReportType.ANNUAL, 2025)
    return target


@pytest.fixture(scope="module")
def filled(annual, tmp_path_factory):
    """That Årsberättelse with one period's amounts."""
    target = tmp_path_factory.mktemp("filled") / "ars"
    shutil.copytree(annual, target)
    fill_annual(target)
    return target


@pytest.fixture(scope="module")
def next_year(filled, tmp_path_factory):
    target = tmp_path_factory.mktemp("next") / "d1"
    result = roll_folder(filled, target)
    assert (result.new.kind, result.new.year) == (ReportType.INTERIM_1, 2026)
    return target


def fill_annual(folder):
    """One period's amounts: each enhet 1 % over budget, indicators and Fem år given."""
    for path in folder.glob("*.xlsx"):
        if "Ekonomi" in load_workbook(path, read_only=True).sheetnames:
            fill_column(path, "Ekonomi", "Utfall helår",
                        lambda r: None if r["Enhet"] in ("Summa", "Nettokostnad")
                        else r["Budget helår"] * 1.01)
    namnd = folder / NAMND
    fill_column(namnd, "Indikatorer", "Utfall", lambda r: 100)
    fill_column(namnd, "Fem år", "Utfall", lambda r: 50 if r["Nivå"] else 100)
    for sheet in ("Kontogrupper", "Verksamhetsområden", "Investeringar"):
        workbook = load_workbook(namnd)
        del workbook[sheet]
        workbook.save(namnd)


def test_example_to_annual_keeps_enheter_and_budget_and_empties_the_outcome(annual):
    for path in EXAMPLE.glob("*.xlsx"):
        before = load_workbook(path, data_only=True)
        if "Ekonomi" not in before.sheetnames:
            continue
        _, old_rows = rows_by_header(path, "Ekonomi")
        headers, new_rows = rows_by_header(annual / path.name, "Ekonomi")
        assert headers == ["Enhet", "Bokslut fg år", "Budget helår", "Utfall helår", "Varav"]
        assert [(r["Enhet"], r["Budget helår"], r["Varav"]) for r in new_rows] == [
            (r["Enhet"], r["Budget helår"], r["Varav"]) for r in old_rows]
        assert all(r["Utfall helår"] is None for r in new_rows)
    _, texts = rows_by_header(annual / NAMND, "Text")
    assert texts and all(r["Text"] is None for r in texts)
    rapport = {r["Fält"]: r["Värde"] for r in rows_by_header(annual / NAMND, "Rapport")[1]}
    assert rapport["Rapporttyp"] == "Årsberättelse" and rapport["Beslutsdatum"] is None
    _, underlag = rows_by_header(annual / NAMND, "Beslutsunderlag")
    assert underlag[0]["Dokument"] == "Årsberättelse 2025"


def test_rolled_folder_keeps_formats_and_widths(annual):
    old = load_workbook(EXAMPLE / "Bibliotek.xlsx")["Ekonomi"]
    new = load_workbook(annual / "Bibliotek.xlsx")["Ekonomi"]
    assert new.column_dimensions["A"].width == old.column_dimensions["A"].width
    assert new["C2"].number_format == old["E2"].number_format  # Budget helår moved from E to C
    assert new["A1"].font.b == old["A1"].font.b


def test_rolled_folder_filled_with_one_period_validates_without_error(filled):
    assert errors(filled) == []


def test_annual_rolls_into_next_years_first_interim(filled, next_year):
    annual, target = filled, next_year
    _, closed = rows_by_header(annual / "Bibliotek.xlsx", "Ekonomi")
    headers, rows = rows_by_header(target / "Bibliotek.xlsx", "Ekonomi")
    assert "Utfall period" in headers and "Prognos helår" in headers
    assert [(r["Enhet"], r["Bokslut fg år"]) for r in rows] == [
        (r["Enhet"], r["Utfall helår"]) for r in closed]
    assert all(r["Budget helår"] is None for r in rows)  # a new budget year
    _, old_indicators = rows_by_header(annual / NAMND, "Indikatorer")
    headers, indicators = rows_by_header(target / NAMND, "Indikatorer")
    assert "Prognos" in headers and "Utfall" not in headers
    assert [(r["Utfall år-2"], r["Utfall år-1"], r["Prognos"]) for r in indicators] == [
        (r["Utfall år-1"], r["Utfall"], None) for r in old_indicators]
    _, five = rows_by_header(target / NAMND, "Fem år")
    assert five[0]["Utfall år-1"] == 100


def test_intraprenad_carries_its_accumulated_result_into_the_next_year(filled, next_year):
    findings = Findings()
    old = load_report(filled, findings)
    skola = next(v for v in old.verksamheter if v.intraprenad)
    deviation = sum(r.get("utfall_helar") - r.get("budget_helar") for r in skola.ekonomi.rows)
    info = {r["Fält"]: r["Värde"]
            for r in rows_by_header(next_year / skola.file, "Verksamhet")[1]}
    assert Decimal(str(info["Ingående ackumulerat resultat"])) == pytest.approx(
        skola.ingaende_ack + deviation)


def test_interim_one_to_two_fills_the_previous_forecast(tmp_path):
    first = roll_folder(EXAMPLE, tmp_path / "d1", ReportType.INTERIM_1, 2025)
    assert first.new.kind is ReportType.INTERIM_1
    fill_column(tmp_path / "d1" / "Bibliotek.xlsx",
                "Ekonomi", "Prognos helår", lambda r: -1000)
    roll_folder(tmp_path / "d1", tmp_path / "d2")
    headers, rows = rows_by_header(tmp_path / "d2" / "Bibliotek.xlsx", "Ekonomi")
    assert "Prognos fg delår" in headers
    assert {r["Prognos fg delår"] for r in rows} == {-1000}
    assert {r["Prognos helår"] for r in rows} == {None}


def test_roll_forward_never_overwrites(annual):
    before = (annual / NAMND).read_bytes()
    with pytest.raises(OutputError, match="Finns redan"):
        roll_folder(EXAMPLE, annual)
    assert (annual / NAMND).read_bytes() == before


def test_cli_prints_what_was_carried_and_emptied(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ny"), "--från", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "till Årsberättelse 2025" in result.output
    assert "Ekonomi: behålls: Enhet, Bokslut fg år, Budget helår, Varav" in result.output
    assert "Text: töms: Text" in result.output
    missing = CliRunner().invoke(main, ["init", str(tmp_path / "x")])
    assert missing.exit_code == 2 and "--år" in missing.output


def test_year_bearing_headers_move_on_a_year(tmp_path):
    from assembler.app.init import init_folder

    init_folder(tmp_path / "ars", 2024, ReportType.ANNUAL, ["Alfa"])
    fill_column_rows(tmp_path / "ars" / "Alfa.xlsx", "Ekonomi",
                     [["Enhet 1", -900, -1000, -980, None, None]])
    fill_column_rows(tmp_path / "ars" / "Nämnden.xlsx", "Indikatorer",
                     [[1, None, "Besök", "antal", 10, 11, 12, "Öka", "Notering"]])
    roll_folder(tmp_path / "ars", tmp_path / "d1")
    headers, rows = rows_by_header(tmp_path / "d1" / "Alfa.xlsx", "Ekonomi")
    assert headers[:2] == ["Enhet", "Bokslut 2024"]
    assert rows[0]["Bokslut 2024"] == -980 and rows[0]["Budget helår"] is None
    headers, rows = rows_by_header(tmp_path / "d1" / "Nämnden.xlsx", "Indikatorer")
    assert headers[4:7] == ["Utfall 2023", "Utfall 2024", "Prognos"]
    assert (rows[0]["Utfall 2023"], rows[0]["Utfall 2024"], rows[0]["Kommentar"]) == (11, 12, None)


def fill_column_rows(path, sheet, rows):
    workbook = load_workbook(path)
    for row in rows:
        workbook[sheet].append(row)
    workbook.save(path)


# --- issue 23: all or nothing, right words and years, nothing dropped without a word -----------

def annual_2020(tmp_path, beslut=(), ekonomi=(), **verksamhet):
    """An Årsberättelse 2020 made by `init`, with Beslut rows and Alfa's Ekonomi rows."""
    from assembler.app.init import init_folder

    folder = tmp_path / "ars2020"
    init_folder(folder, 2020, ReportType.ANNUAL, ["Alfa"])
    fill_column_rows(folder / "Nämnden.xlsx", "Beslut", [list(r) for r in beslut])
    fill_column_rows(folder / "Alfa.xlsx", "Ekonomi", [list(r) for r in ekonomi])
    if verksamhet:
        from assembler.app.rollforward import set_fields
        workbook = load_workbook(folder / "Alfa.xlsx")
        set_fields(workbook["Verksamhet"], verksamhet)
        workbook.save(folder / "Alfa.xlsx")
    return folder


def column_values(path, sheet, header):
    return [r[header] for r in rows_by_header(path, sheet)[1]]


def test_decision_texts_name_the_new_report_in_correct_swedish(tmp_path):
    folder = annual_2020(tmp_path, beslut=[
        [1, "Årsberättelsen lämnas till kommunfullmäktige.", "lämna årsberättelsen 2020"],
        [2, "Nämnden godkänner årsberättelsens bokslut för 2020.", None],
        [3, "Årsberättelse 2020 fastställs.", None],
        [4, "Jämför med årsberättelsen 2019.", None]])
    roll_folder(folder, tmp_path / "d1")
    namnd = tmp_path / "d1" / "Nämnden.xlsx"
    assert column_values(namnd, "Beslut", "Beslutspunkt") == [
        "Delårsrapporten lämnas till kommunfullmäktige.",
        "Nämnden godkänner delårsrapportens bokslut för 2020.",
        "Delårsrapport med prognos 1 2021 fastställs.",
        "Jämför med årsberättelsen 2019."]  # another report: left as it is
    assert column_values(namnd, "Beslut", "Att-sats")[0] == "lämna delårsrapporten 2021"


@pytest.mark.parametrize("previous, new, text, expected", [
    ((ReportType.INTERIM_2, 2020), (ReportType.ANNUAL, 2020),
     "Delårsrapport 2, år 2020 och delårsrapporten 2020", "Årsberättelse, år 2020 och "
                                                         "årsberättelsen 2020"),
    ((ReportType.INTERIM_2, 2020), (ReportType.INTERIM_1, 2021),
     "Delårsrapport med prognos 2 2020; delårsrapporten 2020", "Delårsrapport med prognos 1 "
                                                              "2021; delårsrapporten 2021"),
    ((ReportType.INTERIM_1, 2022), (ReportType.INTERIM_2, 2022),
     "delårsrapport 1 och Delårsrapport 2 2021", "delårsrapport 2 och Delårsrapport 2 2021"),
    ((ReportType.ANNUAL, 2020), (ReportType.INTERIM_1, 2021),
     "Årsberättelsens bilaga; årsberättelses", "Delårsrapportens bilaga; delårsrapports"),
])
def test_report_names_change_form_by_form(previous, new, text, expected):
    from assembler.app.rollforward import Period, rename_mentions

    def period(kind, year):
        return Period(kind, year, kind.default_title)

    assert rename_mentions(text, period(*previous), period(*new)) == expected


def test_chapters_and_tables_are_emptied_and_every_other_sheet_is_listed(tmp_path):
    folder = annual_2020(tmp_path)
    fill_column_rows(folder / "Nämnden.xlsx", "Kapitel Exempel",
                     [["Bakgrund", 2, "Förra årets text."]])
    fill_column_rows(folder / "Nämnden.xlsx", "Tabell Exempel",
                     [["Svenska", 3.1, 3.4, None, "Not om betygen"], ["Summa", None, None,
                                                                      "summa", None]])
    workbook = load_workbook(folder / "Nämnden.xlsx")
    workbook.create_sheet("Anteckningar")["A1"] = "egna anteckningar"
    workbook.save(folder / "Nämnden.xlsx")
    result = roll_folder(folder, tmp_path / "d1")
    namnd = tmp_path / "d1" / "Nämnden.xlsx"
    assert rows_by_header(namnd, "Kapitel Exempel")[1] == [
        {"Rubrik": "Bakgrund", "Nivå": 2, "Text": None}]
    assert [tuple(r.values()) for r in rows_by_header(namnd, "Tabell Exempel")[1]] == [
        ("Svenska", None, None, None, None), ("Summa", None, None, "summa", None)]
    assert load_workbook(namnd)["Anteckningar"]["A1"].value == "egna anteckningar"
    lines = [line for book in result.books for change in book.changes for line in change.lines()]
    for line in ["Kapitel Exempel: behålls: Rubrik, Nivå", "Kapitel Exempel: töms: Text",
                 "Tabell Exempel: behålls: Radnamn, Nivå",
                 "Tabell Exempel: töms: Kolumn 1 (enhet), Kolumn 2 (enhet), Fotnot",
                 "Anteckningar: förs över oförändrat", "Statusar: förs över oförändrat",
                 "Instruktioner: sätts: anvisningarna för Delårsrapport 1 2021"]:
        assert line in lines
    instructions = [c.value for c in load_workbook(namnd)["Instruktioner"]["A"]]
    assert any("delårsrapport" in str(v) for v in instructions)


def test_a_damaged_workbook_in_the_previous_folder_refuses_the_roll(tmp_path):
    folder = annual_2020(tmp_path)
    (folder / "Beta.xlsx").write_bytes(b"PK\x03\x04 inte en arbetsbok")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "d1"), "--från", str(folder)])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Beta.xlsx" in text and "R01-EJ-XLSX" in text and "Inget skrevs" in text
    assert not (tmp_path / "d1").exists()


def test_rolling_forward_past_the_contracts_last_year_is_refused(tmp_path):
    from assembler.app.init import init_folder

    init_folder(tmp_path / "ars", 2100, ReportType.ANNUAL, ["Alfa"])
    with pytest.raises(OutputError, match="Årsberättelse|2101") as refused:
        roll_folder(tmp_path / "ars", tmp_path / "ny")
    assert "2000–2100" in str(refused.value) and not (tmp_path / "ny").exists()


def test_the_new_folder_never_gets_a_second_namnd_or_verksamhet(tmp_path):
    from assembler.app.init import init_folder

    folder = annual_2020(tmp_path)
    init_folder(tmp_path / "other", 2021, ReportType.INTERIM_1, ["Gamma", "ALFA"])
    target = tmp_path / "d1"
    target.mkdir()
    shutil.copy(tmp_path / "other" / "Nämnden.xlsx", target / "Annan nämnd.xlsx")
    with pytest.raises(OutputError, match="nämndarbetsbok, Annan nämnd.xlsx"):
        roll_folder(folder, target)
    (target / "Annan nämnd.xlsx").unlink()
    shutil.copy(tmp_path / "other" / "ALFA.xlsx", target / "Alfa (ny).xlsx")
    with pytest.raises(OutputError, match="Alfa \\(ny\\).xlsx för verksamheten ”ALFA”"):
        roll_folder(folder, target)
    (target / "Alfa (ny).xlsx").unlink()
    shutil.copy(tmp_path / "other" / "Gamma.xlsx", target / "Gamma.xlsx")  # a new verksamhet
    roll_folder(folder, target)
    assert sorted(p.name for p in target.iterdir()) == ["Alfa.xlsx", "Gamma.xlsx",
                                                        "Nämnden.xlsx"]


def test_radtyp_markers_are_kept(tmp_path):
    folder = annual_2020(tmp_path, ekonomi=[
        ["Bidrag", None, 5000, 5000, None, None, "Kommunbidrag"],
        ["Enhet 1", None, -5000, -4900, None, None, None]])
    workbook = load_workbook(folder / "Nämnden.xlsx")
    ws = workbook["Kontogrupper"]
    ws.cell(1, 6, "Radtyp")
    ws.append(["Kommunbidrag", None, None, 5000, 5000, "Kommunbidrag"])
    workbook.save(folder / "Nämnden.xlsx")
    result = roll_folder(folder, tmp_path / "d1")
    assert column_values(tmp_path / "d1" / "Alfa.xlsx", "Ekonomi", "Radtyp") == [
        "Kommunbidrag", None]
    assert column_values(tmp_path / "d1" / "Nämnden.xlsx", "Kontogrupper", "Radtyp") == [
        "Kommunbidrag"]
    lines = [line for book in result.books for change in book.changes for line in change.lines()]
    assert not any("Radtyp" in line and ("töms" in line or "tas bort" in line) for line in lines)


def test_kontogrupper_sum_rows_and_delsummor_carry_over_with_the_figures_cleared(tmp_path):
    from helpers import REPO

    eskilstuna = REPO / "inputs" / "eskilstuna"
    book = "Arbetsmarknads- och vuxenutbildningsnämnden.xlsx"
    result = roll_folder(eskilstuna, tmp_path / "d2")
    before = rows_by_header(eskilstuna / book, "Kontogrupper")[1]
    headers, after = rows_by_header(tmp_path / "d2" / book, "Kontogrupper")
    kept = ("Kontogrupp", "Delsumma", "Radtyp")
    assert [[r[h] for h in kept] for r in after] == [[r[h] for h in kept] for r in before]
    assert [r["Radtyp"] for r in after][-2:] == ["Summa", "Summa"]
    assert after[-1]["Kontogrupp"] == "Summa ÅRETS RESULTAT inkl över-/underskott"
    assert after[1]["Delsumma"] == "Summa INTÄKTER"
    # Budget helår stays within the year; the period's figures are emptied, not dropped
    assert [r["Budget helår"] for r in after] == [r["Budget helår"] for r in before]
    assert "Budget period" in headers
    assert all(r[h] is None for r in after for h in ("Utfall period", "Budget period",
                                                     "Prognos helår", "Utfall period fg år"))
    lines = [line for b in result.books for change in b.changes for line in change.lines()]
    assert not any(line.startswith("Kontogrupper: tas bort") for line in lines)


def test_accumulated_result_is_kept_and_flagged_when_the_outcome_is_blank(tmp_path):
    folder = annual_2020(tmp_path, ekonomi=[["Enhet 1", None, -18200, None, None, None, None]],
                         Intraprenad="Ja", **{"Ingående ackumulerat resultat": 1850})
    result = roll_folder(folder, tmp_path / "d1")
    info = {r["Fält"]: r["Värde"]
            for r in rows_by_header(tmp_path / "d1" / "Alfa.xlsx", "Verksamhet")[1]}
    assert info["Ingående ackumulerat resultat"] == 1850  # not 1 850 + 0 − (−18 200)
    lines = [line for book in result.books for change in book.changes for line in change.lines()]
    assert any(line.startswith("Verksamhet: kontrollera: Ingående ackumulerat resultat "
                               "(Utfall helår saknas i Ekonomi för Enhet 1") for line in lines)


def test_records_keep_their_groups_and_empty_their_text(annual):
    """`Poster KF-mål`: the KF-mål and åtaganden stay for the next period, the nämnd's
    contribution and the åtagandens' text are the period's and are emptied."""
    headers, rows = rows_by_header(annual / NAMND, "Poster KF-mål")
    assert headers == ["Målområde", "KF-mål", "Bidrag", "Åtagande", "Beskrivning"]
    assert rows[0]["KF-mål"].startswith("Skillnaderna i invånarnas tillgång till kultur")
    assert rows[1]["Åtagande"] == "Öppna meröppet bibliotek i Norr"
    assert all(r["Bidrag"] is None and r["Beskrivning"] is None for r in rows)
    _, inriktningar = rows_by_header(annual / NAMND, "Poster Inriktningar")
    assert inriktningar[0]["Inriktning"] and inriktningar[0]["Beskrivning"] is None
    found = {f.code for f in run_validate(annual).findings}
    assert "R30-POST-TOM" in found  # the next period is told what to write
