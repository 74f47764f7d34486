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


def test_separators_are_babels():
    """The group and decimal signs are written out (no babel at start); they must stay the
    locale's, and its pattern must group by three as Python's `,` does."""
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse(fmt.LOCALE)
    symbols = locale.number_symbols["latn"]
    assert (fmt.GROUP, fmt.DECIMAL) == (symbols["group"], symbols["decimal"])
    assert parse_pattern(locale.decimal_formats[None].pattern).grouping == (3, 3)


HALVES = [D(n) / 2 for n in range(-9, 10)] + [D("-1234567.5"), D("999999.5"), D("-999.5"),
                                               D("0.49999"), D("-0.5000001"), D("12345678901")]


@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=4)
       | st.sampled_from(HALVES) | st.integers(-10**9, 10**9))
def test_whole_amounts_are_babels_with_a_hyphen_minus(value):
    """A table's tkr (and a whole number, a percentage without decimals) in one step: the text
    babel gives the value rounded half away from zero, with an ASCII minus and never `-0`."""
    rounded = D(value).quantize(D(1), rounding="ROUND_HALF_UP")
    babel_text = format_decimal(abs(rounded), format="#,##0", locale="sv_SE")
    expected = ("-" if rounded < 0 else "") + babel_text
    assert fmt.tkr(value) == fmt.number_str(value) == expected
    assert fmt.percent_table(D(value) / 100) == expected + "%"


def test_rounding_halves_and_zero_in_tables():
    assert [fmt.tkr(v) for v in HALVES[:19]] == [
        "-5", "-4", "-4", "-3", "-3", "-2", "-2", "-1", "-1", "0", "1", "1", "2", "2", "3", "3",
        "4", "4", "5"]
    assert fmt.tkr(D("-1234567.5")) == f"-1{NBSP}234{NBSP}568"
    assert fmt.tkr(D("-0.5000001")) == "-1" and fmt.tkr(D("0.49999")) == "0"
    assert fmt.tkr(D("-0")) == fmt.tkr(D("-0.4")) == fmt.tkr(0) == "0"


def test_long_dates_are_babels():
    """`24 september 2021` is written without babel's dates; it must read as babel's."""
    from babel.dates import format_date

    days = [dt.date(year, month, day) for year in (999, 2020, 2026) for month in range(1, 13)
            for day in (1, 9, 10, 28)]
    for day in days:
        assert fmt.long_date(day) == format_date(day, "d MMMM y", locale=fmt.LOCALE)
        assert fmt.date_text(day) == fmt.long_date(day)


def test_figures_and_long_dates_are_written_without_babels_locale_data(monkeypatch):
    """Loading babel's sv_SE data costs 0,025 s at every start: a report's figures and dates
    are written from the signs and names above, which the tests hold equal to babel's."""
    import babel.localedata

    def refuse(*args, **kwargs):
        raise AssertionError("babel's locale data was loaded")

    monkeypatch.setattr(babel.localedata, "load", refuse)
    assert fmt.tkr(D("-343531.5")) == f"-343{NBSP}532"
    assert fmt.mnkr_sentence(D("14684")) == "+14,7 mnkr"
    assert fmt.percent_text(D("0.027")) == "2,7 procent"
    assert fmt.amount_text(D("-6000"), "mnkr") == "-6,0 mnkr"
    assert fmt.long_date(dt.date(2021, 9, 24)) == fmt.date_text(dt.date(2021, 9, 24)) \
        == "24 september 2021"
    assert fmt.DateText(dt.date(2024, 1, 5)) == "5 januari 2024"
