import datetime as dt
from decimal import Decimal as D

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from assembler.contract import fmt

NBSP = "\u00a0"


def test_table_amount_groups_with_nbsp_and_uses_hyphen_minus():
    assert fmt.tkr(D("-343531")) == f"-343{NBSP}531"
    assert fmt.tkr(D("14684")) == f"14{NBSP}684"
    assert fmt.tkr(None) == ""


def test_rounding_is_half_away_from_zero_only_at_display():
    assert fmt.tkr(D("0.5")) == "1"
    assert fmt.tkr(D("-2.5")) == "-3"
    assert fmt.tkr(D("-0.4")) == "0"  # never `-0`


def test_sentence_amounts_carry_plus_on_positive():
    assert fmt.tkr_sentence(D("14684")) == f"+14{NBSP}684 tkr"
    assert fmt.tkr_sentence(D("-4903")) == f"-4{NBSP}903 tkr"
    assert fmt.tkr_sentence(D("-4903"), signed=False) == f"4{NBSP}903 tkr"
    assert fmt.mnkr_sentence(D("14684")) == "+14,7 mnkr"
    assert fmt.mnkr_sentence(D("3913"), signed=False) == "3,9 mnkr"


def test_percent_in_table_and_sentence():
    assert fmt.percent_table(D("0.948")) == "95%"
    assert fmt.percent_table(None) == "–"
    assert fmt.percent_sentence(D("0.02676")) == "+2,7 procent"
    assert fmt.percent_sentence(D("0.948"), signed=False, decimals=0) == "95 procent"


def test_dates_and_months_in_swedish():
    assert fmt.long_date(dt.date(2021, 9, 24)) == "24 september 2021"
    assert fmt.month_name(8) == "augusti"
    assert fmt.period_label(8) == "jan–aug"
    assert fmt.period_label(3) == "jan–mar"


def test_month_names_are_babels():
    """The month names are written out (no babel on import); they must stay the locale's."""
    from babel.dates import get_month_names

    assert fmt.MONTH_NAMES == dict(get_month_names("wide", locale=fmt.LOCALE))



@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=3),
       st.integers(0, 2))
def test_fast_formatting_equals_babels(value, decimals):
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    rounded = abs(fmt.round_half_up(value, decimals))
    assert fmt._plain(value, decimals) == format_decimal(rounded, format=pattern, locale="sv_SE")
