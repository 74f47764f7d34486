"""Every number and date the user sees is formatted here, so a figure reads the same
in a table and in a sentence. Amounts arrive unrounded; rounding happens only here."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import parse_pattern

LOCALE = "sv_SE"
_LOCALE = Locale.parse(LOCALE)
_SYMBOLS = _LOCALE.number_symbols["latn"]
_GROUP, _DECIMAL = _SYMBOLS["group"], _SYMBOLS["decimal"]  # NBSP and comma for sv_SE
# The locale's pattern groups by three (#,##0), which is what Python's `,` format does; checked
# against babel's own formatting in tests/test_fmt.py.
assert parse_pattern(_LOCALE.decimal_formats[None].pattern).grouping == (3, 3)
DASH = "–"  # shown where a value cannot be computed (division by zero)


def round_half_up(value: Decimal, decimals: int = 0) -> Decimal:
    """Economists round 0,5 away from zero, not to even."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _plain(value: Decimal, decimals: int) -> str:
    """Unsigned magnitude with the locale's grouping (non-breaking space) and decimal comma.

    Babel's own apply() costs ~60 µs a number; a report with thousands of figures formats them
    with the locale's symbols through Python's grouping instead (same result, see the tests)."""
    magnitude = abs(round_half_up(value, decimals))
    text = f"{magnitude:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", _DECIMAL).replace("\0", _GROUP)


def _signed(value: Decimal, decimals: int, plus: bool) -> str:
    rounded = round_half_up(value, decimals)
    if rounded < 0:
        sign = "-"  # ASCII hyphen-minus, as the spec asks, not CLDR's U+2212
    elif rounded > 0 and plus:
        sign = "+"
    else:
        sign = ""
    return sign + _plain(value, decimals)


def tkr(value: Decimal | None) -> str:
    """Table amount in whole tkr: `-343 531`."""
    if value is None:
        return ""
    return _signed(value, 0, plus=False)


def tkr_sentence(value: Decimal, signed: bool = True) -> str:
    """Amount in a sentence: `+14 684 tkr`; unsigned magnitude when the sign is in words."""
    return (_signed(value, 0, plus=True) if signed else _plain(value, 0)) + " tkr"


def mnkr_sentence(value_tkr: Decimal, signed: bool = True) -> str:
    """Amount in a sentence in mnkr with one decimal: `14,7 mnkr`."""
    value = Decimal(value_tkr) / 1000
    return (_signed(value, 1, plus=True) if signed else _plain(value, 1)) + " mnkr"


def amount_sentence(value_tkr: Decimal, unit: str, signed: bool = True) -> str:
    return mnkr_sentence(value_tkr, signed) if unit == "mnkr" else tkr_sentence(value_tkr, signed)


def percent_table(ratio: Decimal | None) -> str:
    """Ratio 0,95 as `95%` in a table; `–` when it cannot be computed."""
    if ratio is None:
        return DASH
    return _signed(ratio * 100, 0, plus=False) + "%"


def percent_sentence(ratio: Decimal, signed: bool = True, decimals: int = 1) -> str:
    """Ratio 0,027 as `+2,7 procent` in a sentence; förbrukning uses 0 decimals like its table."""
    value = ratio * 100
    return (_signed(value, decimals, plus=True) if signed else _plain(value, decimals)) + " procent"


def key_value(number: Decimal | None, text: str, decimals: int, unit: str = "") -> str:
    """An indicator or key figure: `36,5%` for unit %, `6,41`, or text as written (`Ca 57 %`)."""
    if number is None:
        return text
    return number_str(number, decimals) + ("%" if unit.strip() == "%" else "")


def number_str(value: Decimal, decimals: int = 0) -> str:
    return _signed(value, decimals, plus=False)


def change_percent(ratio: Decimal | None) -> str:
    """Change against last year, `4%`; blank when there is no comparable base."""
    return "" if ratio is None else _signed(ratio * 100, 0, plus=True) + "%"


def long_date(value: dt.date) -> str:
    """`24 september 2021`."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def month_name(month: int) -> str:
    """`augusti`."""
    return get_month_names("wide", locale=LOCALE)[month]


def month_short(month: int) -> str:
    """`aug`: three letters, no period, as Swedish reports write period headers."""
    return month_name(month)[:3]


def period_label(last_month: int) -> str:
    """`jan–aug` for the period from January to and including `last_month`."""
    return f"{month_short(1)}{DASH}{month_short(last_month)}"
