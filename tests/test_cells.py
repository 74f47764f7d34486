from decimal import Decimal as D

import pytest

from assembler.read import cells
from assembler.read.cells import CellError
from assembler.read.workbook import RawCell


def c(value, number_format="General", data_type="n", formula=None):
    return RawCell(value, "B2", number_format, data_type, formula)


@pytest.mark.parametrize("raw, expected", [
    (-4903, D("-4903")),
    (4903.5, D("4903.5")),
    ("-4 903", D("-4903")),
    ("\u22124 903", D("-4903")),  # U+2212 minus
    ("4 903,5", D("4903.5")),
    ("1\u00a0234", D("1234")),  # non-breaking space
    ("1\u202f234", D("1234")),  # narrow non-breaking space
    (" 12 ", D("12")),
])
def test_amounts_by_the_contract(raw, expected):
    assert cells.amount(c(raw)) == expected


@pytest.mark.parametrize("raw, code", [
    ("abc", "R02-EJ-TAL"),
    ("12 tkr?", "R02-EJ-TAL"),
    ("#DIV/0!", "R02-FELVARDE"),
    ("#####", "R02-FELVARDE"),
    (True, "R02-EJ-TAL"),
])
def test_bad_amounts_name_the_value(raw, code):
    with pytest.raises(CellError) as err:
        cells.amount(c(raw))
    assert err.value.code == code
    assert str(raw) in str(err.value.found)


@pytest.mark.parametrize("raw", [10**15, -(10**15), 1e300])
def test_an_amount_of_a_thousand_budgets_is_unreasonable(raw):
    with pytest.raises(CellError) as err:
        cells.amount(c(raw))
    assert err.value.code == "R02-ORIMLIGT"
    assert err.value.expected == "1 000 000 000 000 000 tkr"
    assert cells.amount(c(10**15 - 1)) == D(10**15 - 1)


def test_error_cell_type_and_uncached_formula():
    with pytest.raises(CellError) as err:
        cells.amount(c("#REF!", data_type="e"))
    assert err.value.code == "R02-FELVARDE"
    with pytest.raises(CellError) as err:
        cells.amount(c(None, formula="=SUM(B2:B5)"))
    assert err.value.code == "R02-FORMEL-UTAN-VARDE"
    assert err.value.found == "=SUM(B2:B5)"


def test_percent_format_means_fraction():
    assert cells.value(c(0.365, "0.0%")).number == D("36.5")
    assert cells.value(c(0.365, "0.0%")).decimals == 1
    assert cells.value(c(36.5)).number == D("36.5")


@pytest.mark.parametrize("raw, month", [("augusti", 8), ("8", 8), (8, 8), ("Aug", 8), ("mars", 3)])
def test_period_month(raw, month):
    assert cells.month(c(raw)) == month


def test_unknown_month_is_a_vocabulary_error():
    with pytest.raises(CellError) as err:
        cells.month(c("sommar"))
    assert err.value.code == "R03-OKANT-VARDE"


def test_a_date_that_lost_its_format_says_which_date_the_number_is():
    with pytest.raises(CellError) as err:
        cells.date(c(45918))
    assert err.value.code == "R03-OKANT-VARDE"
    assert "45918 är Excels dagnummer för 2025-09-18" in err.value.expected
    with pytest.raises(CellError) as err:
        cells.date(c(12))
    assert "dagnummer" not in err.value.expected


def test_a_date_in_an_amount_cell_is_shown_as_the_date():
    import datetime as dt

    with pytest.raises(CellError) as err:
        cells.amount(c(dt.datetime(2025, 1, 1)))
    assert err.value.code == "R02-EJ-TAL" and err.value.found == "”2025-01-01”"
