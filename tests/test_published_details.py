"""Details the published originals show: a varav row over several enheter (the nämnd's sheet
Varavrader), the change against last year where the outcome is 0, the memo's signature title
from the data, and last year's bokslut of the investments carried into the next year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assembler.compute.economy import change_against_last_year
from helpers import (docx_text, findings_in_memory, minimal_workbooks, render_fast, write_folder)

D = Decimal
GROUP = "Enhet 1 och Enhet 3"


def with_groups(*rows: list) -> dict:
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Varavrader"] = [["Varav", "Enhet"], *rows]
    return workbooks


def economy_of(workbooks: dict):
    from assembler.compute.economy import compute_economy
    from assembler.contract.findings import Findings
    from assembler.read.folder import report_from_workbooks
    from helpers import raw_workbook

    findings = Findings()
    books = [raw_workbook(name, sheets) for name, sheets in sorted(workbooks.items())]
    report = report_from_workbooks(books, findings)
    assert report is not None and not [f for f in findings if f.severity.value == "fel"]
    return compute_economy(report)


def test_a_varav_row_sums_enheter_of_several_verksamheter_under_the_total():
    economy = economy_of(with_groups([GROUP, "Enhet 1"], [GROUP, "enhet 3"], [GROUP, "Enhet 1"]))
    labels = [row.label for row in economy.namnd_table.rows]
    assert labels == ["Verksamhet Alfa", "Verksamhet Beta", "Nettokostnad",
                      f"- varav {GROUP}"]
    varav = economy.namnd_table.rows[-1]
    first_column = economy.namnd_table.columns[0]  # Utfall period
    assert varav.values[0] == D(-600 - 1300), first_column.title  # Enhet 1 once, not twice
    assert economy.total["utfall_period"] == D(-600 - 340 - 1300)  # not counted in the total
    assert economy.varav_groups == [(GROUP, {"bokslut_fg": D(-3000), "utfall_period": D(-1900),
                                             "budget_period": D(-1970), "budget_helar": D(-3000),
                                             "prognos_helar": D(-2940)})]


def test_an_unknown_enhet_in_a_varav_row_is_an_error_at_its_cell():
    findings = findings_in_memory(with_groups([GROUP, "Enhet 1"], [GROUP, "Enhet 9"]))
    found = [f for f in findings if f.code == "R05-VARAVRAD-OKAND"]
    assert len(found) == 1
    assert (found[0].file, found[0].sheet, found[0].cell) == ("nämnd.xlsx", "Varavrader", "B3")
    assert "”Enhet 9”" in found[0].message and "Enhet 3" in found[0].message


def test_a_varav_row_shows_in_the_report_and_its_figures_by_name(tmp_path):
    folder = write_folder(tmp_path / "in", with_groups([GROUP, "Enhet 1"], [GROUP, "Enhet 3"]))
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    from helpers import docx_tables, table_row

    report = next(p for p in result.written if not p.name.startswith("Tjänsteskrivelse"))
    table = next(t for t in docx_tables(report) if t[0][0].startswith("Testnämnden"))
    assert table_row(table, f"- varav {GROUP}")[1] == "-1 900"


@pytest.mark.parametrize("base, now, expected", [
    (D(-42), D(0), D(-1)),  # a change to exactly 0 is -100 %
    (D(2922), D(0), D(-1)),
    (D(0), D(-30), None),  # no base: division by zero, blank
    (D(44), D(-2208), None),  # the sign changes: no comparable base
    (D(-100), D(-50), D("-0.5")),
])
def test_change_against_last_year(base, now, expected):
    assert change_against_last_year({"bokslut_fg": base, "utfall_helar": now}) == expected


def test_change_against_last_year_is_blank_without_either_figure():
    assert change_against_last_year({"utfall_helar": D(0)}) is None
    assert change_against_last_year({"bokslut_fg": D(-5)}) is None


def test_an_outcome_that_prints_as_0_tkr_needs_no_budget():
    workbooks = minimal_workbooks()
    workbooks["Beta.xlsx"]["Ekonomi"].append(["Liten", 3, 0.1, 0, 0, 0.1, None])
    workbooks["Beta.xlsx"]["Ekonomi"].append(["Större", 3, 4, 0, 0, 4, None])
    cells = [f.cell for f in findings_in_memory(workbooks) if f.code == "R11-BUDGET-NOLL"]
    assert cells == ["E4"]


def test_the_memo_signature_title_is_the_chief_title_field(tmp_path):
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Rapport"] = [*workbooks["nämnd.xlsx"]["Rapport"],
                                         ["Förvaltningschef", "Kim Påhittad"]]
    default = render_fast(write_folder(tmp_path / "a", workbooks), tmp_path / "ut-a")
    workbooks["nämnd.xlsx"]["Rapport"].append(["Förvaltningschefens titel", "Kommundirektör"])
    titled = render_fast(write_folder(tmp_path / "b", workbooks), tmp_path / "ut-b")
    for result, title in ((default, "Förvaltningschef"), (titled, "Kommundirektör")):
        memo = next(p for p in result.written if p.name.startswith("Tjänsteskrivelse"))
        lines = docx_text(memo).split("\n")
        assert lines[lines.index("Kim Påhittad") + 1] == title


def test_investments_bokslut_is_filled_from_last_years_outcome_over_the_year_end(tmp_path):
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from assembler.cli.commands import main
    from helpers import REPO

    out = tmp_path / "2021"
    result = CliRunner().invoke(main, ["init", str(out), "--från",
                                       str(REPO / "inputs" / "orebro-ks")])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out / "Kommunstyrelseförvaltningen.xlsx")["Investeringar"]
                .iter_rows(values_only=True))
    assert rows[0][:2] == ("Objekt", "Bokslut fg år")
    assert [round(r[1]) for r in rows[1:]] == [-42, -9057, 0]  # the 2020 outcome
