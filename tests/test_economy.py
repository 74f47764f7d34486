from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.compute.economy import accumulated, compute_economy, rows_with_varav, sheet_total
from assembler.contract.model import (AmountSheet, EconomyRow, Report, ReportInfo, ReportType,
                                      Source, Verksamhet)
from assembler.compute.tables import RowKind

SRC = Source(file="x.xlsx", sheet="Ekonomi")
FIELDS = ["utfall_period", "budget_period", "budget_helar", "prognos_helar"]


def row(name, utfall, budget_period, budget, prognos, varav=None, **extra):
    amounts = dict(zip(FIELDS, map(D, (utfall, budget_period, budget, prognos)), strict=False))
    amounts.update({k: D(v) for k, v in extra.items()})
    return EconomyRow(name=name, amounts=amounts, varav=varav, source=SRC)


def verksamhet(name, rows, **kw):
    return Verksamhet(name=name, file=f"{name}.xlsx", ekonomi=AmountSheet(rows=rows), **kw)


def report(*verksamheter, **info):
    defaults = dict(kommun="K", namnd="Testnämnden", rapporttyp=ReportType.INTERIM_2,
                    rapporttitel="Delårsrapport med prognos 2", ar=2024, period_month=8,
                    source=SRC)
    defaults.update(info)
    return Report(info=ReportInfo(**defaults), verksamheter=list(verksamheter))


def test_deviation_is_forecast_minus_budget_and_positive_is_better():
    economy = compute_economy(report(verksamhet("A", [row("E", -60, -65, -100, -90)])))
    assert economy.deviation == D(10)
    assert economy.namnd_table.row("A").values[-1] == D(10)


def test_varav_rows_are_shown_but_never_summed():
    v = verksamhet("A", [row("Parent", -60, -65, -100, -90),
                         row("Child", -10, -10, -20, -20, varav="Parent")])
    assert sheet_total(v.ekonomi)["budget_helar"] == D(-100)
    table = compute_economy(report(v)).verksamheter[0].table
    labels = [(r.label, r.kind) for r in table.rows]
    assert labels == [("Parent", RowKind.NORMAL), ("- varav Child", RowKind.VARAV),
                      ("Nettokostnad", RowKind.TOTAL)]


def test_varav_loop_does_not_hang_compute():
    rows = [row("A", 0, 0, 0, 0, varav="B"), row("B", 0, 0, 0, 0, varav="A"),
            row("C", -1, -1, -1, -1)]
    assert [r.name for r, _ in rows_with_varav(rows)] == ["C"]


def test_forbrukning_with_zero_budget_is_not_computed():
    economy = compute_economy(report(verksamhet("A", [row("E", -5, 0, 0, 0)])))
    assert economy.namnd_table.row("A").values[2] is None


def test_intraprenad_rows_and_adjusted_deviation():
    plain = verksamhet("A", [row("E", -100, -110, -200, -180)], ordning=1)
    intra = verksamhet("I", [row("F", -60, -55, -90, -95)], ordning=2, intraprenad=True,
                       ingaende_ack=D(8))
    economy = compute_economy(report(plain, intra))
    table = economy.namnd_table
    assert table.row("Nettokostnad").values[-1] == D(15)
    assert table.row("- varav intraprenader").values[-1] == D(-5)
    assert table.row("Nettokostnad exkl. intraprenader").values[-1] == D(20)
    adjusted = economy.adjusted_table
    assert [r.values[0] for r in adjusted.rows] == [D(20), D(-5), D(15)]
    assert economy.share_of_budgetram(economy.deviation) == D(15) / D(290)


def test_accumulated_result_formulas():
    use = accumulated("I", D(10243), D(-4903))
    assert (use.ianspraktagande, use.nya_underskott, use.utgaende) == (D(-4903), D(0), D(5340))
    short = accumulated("I", D(1000), D(-3000))
    assert (short.ianspraktagande, short.nya_underskott) == (D(-1000), D(-2000))
    nothing = accumulated("I", D(0), D(-3000))
    assert (nothing.ianspraktagande, nothing.nya_underskott) == (D(0), D(-3000))
    surplus = accumulated("I", D(500), D(700))
    assert (surplus.nya_overskott, surplus.utgaende) == (D(700), D(1200))


def test_visa_enheter_lists_units_in_the_namnd_table():
    v = verksamhet("Ledning", [row("Nämnd", -5, -5, -8, -8), row("Kansli", -50, -55, -80, -75),
                               row("Reserv", 0, -3, -5, -5, varav="Kansli")], visa_enheter=True)
    labels = [r.label for r in compute_economy(report(v)).namnd_table.rows]
    assert labels == ["Nämnd", "Kansli", "- varav Reserv", "Nettokostnad"]


def test_verksamheter_keep_the_order_given():
    economy = compute_economy(report(verksamhet("B", [row("x", 0, 0, -1, -1)]),
                                     verksamhet("A", [row("y", 0, 0, -1, -1)])))
    assert [r.label for r in economy.namnd_table.rows][:2] == ["B", "A"]


amounts = st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts, amounts), min_size=1, max_size=12))
def test_total_is_the_sum_of_rows_on_unrounded_values(values):
    rows = [row(f"E{i}", *v) for i, v in enumerate(values)]
    economy = compute_economy(report(verksamhet("A", rows)))
    expected = sum((v[3] - v[2] for v in values), D(0))
    assert economy.deviation == expected
    assert economy.namnd_table.row("Nettokostnad").values[-1] == expected
