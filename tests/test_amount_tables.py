"""The optional amount sheets declared in the contract (sheets.ECONOMY_SHEETS) are read,
reconciled and shown alike: a new one is a declaration, and these tests hold it to the rules
of the others (a typed sum against the rows, the rows' sums against the verksamheters' Ekonomi).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assembler.compute.economy import compute_economy
from assembler.contract.sheets import RESULTAT
from helpers import findings_in_memory, minimal_workbooks

HEADER = ["Verksamhet", "Kommunbidrag", "Utfall period", "Budget period", "Budget helår",
          "Prognos helår"]
# the minimal report's verksamheter: Alfa −940 / −980 / −1 500 / −1 470, Beta −1 300 / −1 320 /
# −2 000 / −1 990 (utfall period, budget period, budget helår, prognos helår)
ROWS = [["Alfa (1)", 1500, -940, -980, -1500, -1470], ["Beta (2)", 2000, -1300, -1320, -2000,
                                                       -1990]]


def with_resultat(rows: list[list]) -> dict:
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"][RESULTAT.title] = [HEADER] + rows
    return workbooks


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_result_sheet_that_sums_to_the_verksamheter_gives_no_finding():
    assert codes(findings_in_memory(with_resultat(ROWS))) == []


def test_a_typed_total_that_disagrees_with_the_rows_is_a_finding_at_its_cell():
    found = findings_in_memory(with_resultat(ROWS + [["Summa", 3500, -2240, -2300, -3500,
                                                       -3000]]))
    control = [f for f in found if f.code == "R06-KONTROLLSUMMA"]
    assert [(f.sheet, f.cell) for f in control] == [(RESULTAT.title, "F4")]


def test_rows_that_miss_the_verksamheters_ekonomi_are_a_finding():
    rows = [ROWS[0], ["Beta (2)", 2000, -1300, -1320, -2000, -1890]]  # prognos 100 tkr too good
    found = [f for f in findings_in_memory(with_resultat(rows)) if f.code == "R08-AVSTAMNING"]
    assert len(found) == 1 and found[0].sheet == RESULTAT.title
    assert "Prognos helår" in found[0].message


def test_the_result_table_is_computed_from_the_rows_with_the_kommunbidrag_column():
    report = report_of(with_resultat(ROWS))
    assert report.amount_sheet(RESULTAT) is not None
    table = compute_economy(report).sheet_table(RESULTAT)
    assert table is not None
    assert [c.title for c in table.columns][0] == "Kommunbidrag 2024"
    total = table.rows[-1]
    assert total.label == "Totalt" and total.values[0] == Decimal(3500)


def test_the_forecast_span_is_the_forecast_less_the_worsening_and_plus_the_improvement():
    from assembler.compute.economy import Labels
    from assembler.contract.amounts import ECONOMY_COLUMNS, Amount

    labels = Labels(2024, "jan–aug")
    row = {Amount.PROGNOS_HELAR: Decimal(-1000), Amount.PROGNOS_FORSAMRING: Decimal(200),
           Amount.PROGNOS_FORBATTRING: Decimal(50)}
    low, high = (labels.column(ECONOMY_COLUMNS[n]) for n in ("prognos_min", "prognos_max"))
    assert (low.value(row), high.value(row)) == (Decimal(-1200), Decimal(-950))
    assert low.value({Amount.PROGNOS_HELAR: Decimal(1)}) is None  # a blank is never a zero


def test_a_nettoram_verksamhet_may_give_its_forecast_span_per_enhet():
    workbooks = minimal_workbooks()
    ekonomi = workbooks["Alfa.xlsx"]["Ekonomi"]
    workbooks["Alfa.xlsx"]["Ekonomi"] = [ekonomi[0][:-1] + ["Prognosförsämring", "Varav"]] + [
        row[:-1] + [100, None] for row in ekonomi[1:]]
    assert codes(findings_in_memory(workbooks)) == []
    from assembler.compute.columnsets import attach_catalogue

    economy = compute_economy(report_of(workbooks))
    attach_catalogue(economy)
    alfa = economy.namnd_table.with_columns(["prognos", "prognos_min"]).row("Verksamhet Alfa")
    assert alfa.values == [Decimal(-1470), Decimal(-1670)]  # two enheter, 100 tkr each


def report_of(workbooks: dict):
    from helpers import raw_workbook
    from assembler.contract.findings import Findings
    from assembler.read.folder import report_from_workbooks

    report = report_from_workbooks([raw_workbook(n, s) for n, s in sorted(workbooks.items())],
                                   Findings())
    assert report is not None
    return report


# --- subtotals declared in the sheet (Delsumma) ---------------------------------------------------

KONTO_HEADER = ["Kontogrupp", "Utfall period", "Budget helår", "Prognos helår", "Prognos fg delår",
                "Budget period", "Delsumma"]
# sums to the minimal report's Ekonomi: utfall period −2 240, budget helår −3 500, prognos −3 460
KONTO_ROWS = [
    ["Intäkter", 1000, 1500, 1540, 1500, 980, "Res. före avskrivningar"],
    ["Personalkostnader", -3000, -4500, -4500, -4400, -3000, "Res. före avskrivningar"],
    ["Avskrivningar", -40, -100, -100, -100, -60, None],
    ["Finansiella intäkter", 10, 0, 0, 0, 0, "Finansnetto"],
    ["Finansiella kostnader", -210, -400, -400, -400, -220, "Finansnetto"],
]


def with_kontogrupper(rows: list[list]) -> dict:
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Kontogrupper"] = [KONTO_HEADER] + rows
    return workbooks


def test_a_delsumma_gives_a_subtotal_row_after_its_group_and_the_total_is_all_rows():
    workbooks = with_kontogrupper(KONTO_ROWS)
    assert codes(findings_in_memory(workbooks)) == []
    from assembler.contract.sheets import KONTOGRUPPER

    table = compute_economy(report_of(workbooks)).sheet_table(KONTOGRUPPER)
    assert table is not None
    labels = [r.label for r in table.rows]
    assert labels == ["Intäkter", "Personalkostnader", "Res. före avskrivningar", "Avskrivningar",
                      "Finansiella intäkter", "Finansiella kostnader", "Finansnetto",
                      "Nettokostnad"]
    prognos = next(i for i, c in enumerate(table.columns) if c.title == "Prognos 2024")
    assert table.row("Res. före avskrivningar").values[prognos] == Decimal(-2960)
    assert table.row("Finansnetto").values[prognos] == Decimal(-400)
    assert table.row("Nettokostnad").values[prognos] == Decimal(-3460)
    assert table.footing() == {}


def test_a_typed_subtotal_is_checked_against_its_rows_and_never_summed():
    typed = ["Finansnetto", -200, -400, -390, -400, -220, None]  # prognos 10 off, utfall 0 off
    found = findings_in_memory(with_kontogrupper(KONTO_ROWS + [typed]))
    assert [(f.code, f.cell) for f in found] == [("R06-KONTROLLSUMMA", "D7")]


def test_a_column_marked_optional_is_left_out_where_no_row_carries_its_amounts():
    """`kolumner('budget_period?')`: shown where the sheet has the period's budget, left out
    (never a column of blanks or zeros, never a template error) where it has not."""
    from assembler.compute.columnsets import attach_catalogue
    from assembler.compute.tables import MissingColumn

    without_period_budget = [[name, kb, utfall, budget, prognos]
                             for name, kb, utfall, _, budget, prognos in ROWS]
    header = [h for h in HEADER if h != "Budget period"]
    shown = {}
    for key, rows in (("with", [HEADER] + ROWS), ("without", [header] + without_period_budget)):
        workbooks = minimal_workbooks()
        workbooks["nämnd.xlsx"][RESULTAT.title] = rows
        economy = compute_economy(report_of(workbooks))
        attach_catalogue(economy)
        table = economy.sheet_table(RESULTAT)
        assert table is not None
        shown[key] = [c.title for c in table.with_columns(
            ["utfall_period", "budget_period?", "prognos"]).columns]
        if key == "without":
            with pytest.raises(MissingColumn):
                table.with_columns(["budget_period"])
    assert shown["with"] == ["Utfall jan–aug 2024", "Budget jan–aug 2024", "Prognos 2024"]
    assert shown["without"] == ["Utfall jan–aug 2024", "Prognos 2024"]


# --- a nämnd's resultaträkning beside the verksamheters' own (both levels) -----------------------

# sums to Verksamhet Alfa's Ekonomi: utfall period −940, budget helår −1 500, prognos −1 470,
# budget period −980
ALFA_KONTO = [["Intäkter", 100, 200, 230, 200, 120, None],
              ["Kostnader", -1040, -1700, -1700, -1700, -1100, None]]


def with_both_levels(alfa_rows: list[list]) -> dict:
    workbooks = with_kontogrupper(KONTO_ROWS)
    workbooks["Alfa.xlsx"]["Kontogrupper"] = [KONTO_HEADER] + alfa_rows
    return workbooks


def test_the_namnds_and_a_verksamhets_kontogrupper_stand_together_each_reconciled_alone():
    from assembler.contract.sheets import KONTOGRUPPER

    workbooks = with_both_levels(ALFA_KONTO)
    assert codes(findings_in_memory(workbooks)) == []
    economy = compute_economy(report_of(workbooks))
    namnd_table = economy.sheet_table(KONTOGRUPPER)
    assert namnd_table is not None and namnd_table.rows[0].label == "Intäkter"
    alfa = next(p for p in economy.verksamheter if p.verksamhet.name == "Verksamhet Alfa")
    assert alfa.kontogrupper_table is not None
    prognos = next(i for i, c in enumerate(alfa.kontogrupper_table.columns)
                   if c.title == "Prognos 2024")
    assert [r.label for r in alfa.kontogrupper_table.rows] == ["Intäkter", "Kostnader",
                                                               "Nettokostnad"]
    assert alfa.kontogrupper_table.rows[-1].values[prognos] == Decimal(-1470)
    assert namnd_table.rows[-1].values[prognos] == Decimal(-3460)  # the nämnd's: all of them


def test_a_verksamhets_kontogrupper_beside_the_namnds_that_miss_its_own_ekonomi_is_a_finding():
    rows = [ALFA_KONTO[0], ["Kostnader", -1040, -1700, -1800, -1700, -1100, None]]
    found = [f for f in findings_in_memory(with_both_levels(rows))
             if f.code.startswith(("R08", "R01"))]
    assert [(f.code, f.file, f.sheet) for f in found] == [
        ("R08-AVSTAMNING", "Alfa.xlsx", "Kontogrupper")]
    assert "Prognos helår" in found[0].message and "Verksamhet Alfa" in found[0].message


def test_other_amount_sheets_still_stand_at_one_level_only():
    workbooks = minimal_workbooks()
    header = ["Objekt", "Budget helår", "Utfall period", "Prognos helår"]
    workbooks["nämnd.xlsx"]["Investeringar"] = [header, ["Bibliotek", -100, -20, -100]]
    workbooks["Alfa.xlsx"]["Investeringar"] = [header, ["Bibliotek", -100, -20, -100]]
    assert "R01-BLAD-DUBBELT" in codes(findings_in_memory(workbooks))


# --- sum rows declared by Radtyp: a running Delsumma, a first and a second Summa ------------------

SUM_HEADER = KONTO_HEADER + ["Radtyp"]


def with_sum_rows(rows: list[list]) -> dict:
    workbooks = minimal_workbooks()
    workbooks["nämnd.xlsx"]["Kontogrupper"] = [SUM_HEADER] + rows
    return workbooks


def konto_table(workbooks: dict):
    from assembler.contract.sheets import KONTOGRUPPER

    table = compute_economy(report_of(workbooks)).sheet_table(KONTOGRUPPER)
    assert table is not None
    return table, next(i for i, c in enumerate(table.columns) if c.title == "Prognos 2024")


RUNNING = "Resultat efter finansiella poster"
SUM_ROWS = [row + [None] for row in KONTO_ROWS[:3]] + [
    [RUNNING, None, None, None, None, None, None, "Delsumma"]] + [
    row + [None] for row in KONTO_ROWS[3:]]


def test_a_delsumma_row_sums_everything_above_it_where_it_stands_and_is_never_summed():
    workbooks = with_sum_rows(SUM_ROWS)
    assert codes(findings_in_memory(workbooks)) == []
    table, prognos = konto_table(workbooks)
    assert [r.label for r in table.rows] == [
        "Intäkter", "Personalkostnader", "Res. före avskrivningar", "Avskrivningar", RUNNING,
        "Finansiella intäkter", "Finansiella kostnader", "Finansnetto", "Nettokostnad"]
    assert table.row(RUNNING).values[prognos] == Decimal(1540 - 4500 - 100)
    assert table.row(RUNNING).subtotal
    assert table.row("Nettokostnad").values[prognos] == Decimal(-3460)
    assert table.footing() == {}


def test_a_delsumma_row_with_a_figure_other_than_the_rows_above_is_a_finding_at_its_cell():
    rows = [list(r) for r in SUM_ROWS]
    rows[3][3] = -3000  # prognos: the rows above give −3 060
    found = findings_in_memory(with_sum_rows(rows))
    assert [(f.code, f.cell) for f in found] == [("R06-KONTROLLSUMMA", "D5")]


EXKL, INKL = "Årets resultat exkl över-/underskott", "Årets resultat inkl över-/underskott"


def test_a_second_summa_adds_the_rows_below_the_first_which_stays_the_reconciled_total():
    rows = [row + [None] for row in KONTO_ROWS] + [
        [EXKL, None, None, None, None, None, None, "Summa"],
        ["Över-/underskott", 0, 0, 300, 0, 0, None, None],  # outside Ekonomi: never reconciled
        [INKL, None, None, None, None, None, None, "Summa"]]
    workbooks = with_sum_rows(rows)
    assert codes(findings_in_memory(workbooks)) == []
    table, prognos = konto_table(workbooks)
    assert [r.label for r in table.rows][-3:] == [EXKL, "Över-/underskott", INKL]
    assert table.row(EXKL).values[prognos] == Decimal(-3460)
    assert table.row(INKL).values[prognos] == Decimal(-3160)
    assert not table.row(INKL).subtotal and table.footing() == {}
    renamed = table.with_total_label("Resultat")  # the template's summarad: the first total
    assert [r.label for r in renamed.rows][-3:] == ["Resultat", "Över-/underskott", INKL]


def test_sum_rows_belong_to_the_resultatrakning_not_to_ekonomi():
    workbooks = minimal_workbooks()
    ekonomi = workbooks["Alfa.xlsx"]["Ekonomi"]
    workbooks["Alfa.xlsx"]["Ekonomi"] = [ekonomi[0][:-1] + ["Radtyp"]] + [
        row[:-1] + [None] for row in ekonomi[1:]] + [["Delsumma Alfa"] + [None] * (
            len(ekonomi[0]) - 2) + ["Delsumma"]]
    assert "R03-OKANT-VARDE" in codes(findings_in_memory(workbooks))


def test_a_table_may_head_its_first_column_and_put_its_title_on_a_row_of_its_own():
    from assembler.compute.tables import RowKind

    table, _ = konto_table(with_kontogrupper(KONTO_ROWS))
    assert table.label_title == "Kontogrupp, belopp i tkr"
    assert table.with_label_title("Konto").headers[0] == "Konto"
    titled = table.with_title_row("Resultat").with_unit("mnkr")
    assert titled.headers[0] == "Resultat"
    assert titled.rows[0].kind is RowKind.TITLE
    assert titled.rows[0].label == "Kontogrupp, belopp i mnkr"
    assert titled.rows[1:] == table.with_unit("mnkr").rows


# --- further resultaträkningar: `Kontogrupper <namn>`, a part or several together ----------------

PART = "Kontogrupper Egen regi"
# a part of Alfa: far from Alfa's Ekonomi (prognos −1 470), and never reconciled with it
PART_ROWS = [["Intäkter", 100, 200, 210, 200, 90, None, None],
             ["Personalkostnader", -400, -600, -650, -600, -380, None, None],
             [RUNNING, None, None, None, None, None, None, "Delsumma"],
             ["Finansiella kostnader", -5, -10, -10, -10, -4, None, None]]


def with_part(rows: list[list], book: str = "Alfa.xlsx") -> dict:
    workbooks = minimal_workbooks()
    workbooks[book][PART] = [SUM_HEADER] + rows
    workbooks["nämnd.xlsx"]["Text"] = workbooks["nämnd.xlsx"]["Text"] + [
        [PART, "Prognosen håller sig nära budget."]]
    return workbooks


@pytest.mark.parametrize("book", ["Alfa.xlsx", "nämnd.xlsx"])
def test_a_named_kontogrupper_sheet_is_summed_like_kontogrupper_and_reconciled_with_nothing(book):
    from assembler.compute.context import build_context

    workbooks = with_part(PART_ROWS, book)
    assert codes(findings_in_memory(workbooks)) == []  # −460 is no part of any Ekonomi total
    report = report_of(workbooks)
    economy = compute_economy(report)
    alfa = next(p for p in economy.verksamheter if p.verksamhet.name == "Verksamhet Alfa")
    tables = alfa.part_tables if book == "Alfa.xlsx" else economy.part_tables
    table = tables["Egen regi"]
    prognos = next(i for i, c in enumerate(table.columns) if c.title == "Prognos 2024")
    assert [r.label for r in table.rows] == [
        "Intäkter", "Personalkostnader", RUNNING, "Finansiella kostnader", "Nettokostnad"]
    assert table.row(RUNNING).values[prognos] == Decimal(210 - 650)
    assert table.row("Nettokostnad").values[prognos] == Decimal(210 - 650 - 10)
    assert table.footing() == {}
    assert table in economy.tables
    context = build_context(report, economy)
    alfa_context = next(v for v in context.verksamheter if v.namn == "Verksamhet Alfa")
    items = alfa_context.resultatrakningar if book == "Alfa.xlsx" else context.resultatrakningar
    assert [(r.namn, r.tabell, r.text.plain) for r in items] == [
        ("Egen regi", table, "Prognosen håller sig nära budget.")]
    other = context.resultatrakningar if book == "Alfa.xlsx" else alfa_context.resultatrakningar
    assert other == []


def test_a_wrong_typed_delsumma_in_a_named_kontogrupper_sheet_is_a_finding_at_its_cell():
    rows = [list(r) for r in PART_ROWS]
    rows[2][3] = -400  # prognos: the rows above give −440
    found = findings_in_memory(with_part(rows))
    assert [(f.code, f.file, f.sheet, f.cell) for f in found] == [
        ("R06-KONTROLLSUMMA", "Alfa.xlsx", PART, "D4")]


@pytest.mark.parametrize("book", ["Alfa.xlsx", "nämnd.xlsx"])
def test_a_sentence_may_quote_a_named_kontogrupper_table_and_is_held_to_it(book):
    """The text check knows the further resultaträkningar's figures: the right one passes,
    a wrong one is a finding at the text's cell."""
    def text_findings(sentence: str) -> list[str]:
        workbooks = with_part(PART_ROWS, book)
        workbooks["nämnd.xlsx"]["Text"][-1] = [PART, sentence]
        return [f.code for f in findings_in_memory(workbooks)]

    assert text_findings("Egen regi prognostiserar en nettokostnad på 450 tkr.") == []
    assert text_findings("Egen regi prognostiserar en nettokostnad på 470 tkr.") != []
