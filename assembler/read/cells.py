"""Turning one raw cell into a typed value, by the number and text rules of the input contract."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation


from ..contract import fmt
from ..contract import rich
from ..contract.findings import (Rule, R02_EJ_HELTAL, R02_EJ_TAL, R02_FELVARDE,
                                 R02_FORMEL_UTAN_VARDE, R02_ORIMLIGT, R02_TUSENTALSPUNKT,
                                 R03_OKANT_VARDE)
from ..contract.sheets import MONTHS, YEARS
from ..contract.vocab import YesNo
from .workbook import RawCell, normalize

EXCEL_ERRORS = {"#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!",
                "#CALC!", "#GETTING_DATA"}
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007\t"), None)
# Characters Word's XML cannot hold (control characters but tab and line breaks, and U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Excel stores characters XML cannot hold as `_x0001_`; openpyxl leaves them encoded
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DOT_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")  # `-3.825`, `1.234.567`


class CellError(Exception):
    """A cell value that breaks the contract; the caller turns it into a finding."""

    def __init__(self, rule: Rule, found: object, expected: str = ""):
        super().__init__(rule.code)
        self.rule, self.found, self.expected = rule, found, expected

    @property
    def code(self) -> str:
        return self.rule.code


def _show(value: object) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()  # a date typed in an amount cell: as Excel shows it, no 00:00:00
    text = str(value)
    return f"”{text[:60]}…”" if len(text) > 60 else f"”{text}”"


def check_readable(cell: RawCell) -> None:
    """CellError when the cell holds an Excel error value or a formula without a saved value,
    whatever the cell is meant to hold."""
    _check_formula_and_error(cell)


def _check_formula_and_error(cell: RawCell) -> None:
    if cell.uncached_formula is not None:
        raise CellError(R02_FORMEL_UTAN_VARDE, cell.uncached_formula)
    value = cell.value
    if cell.data_type == "e" or (isinstance(value, str) and "#" in value  # every error has one
                                 and (value.strip() in EXCEL_ERRORS
                                      or set(value.strip()) == {"#"})):
        raise CellError(R02_FELVARDE, _show(value))


def number_from_text(text: str) -> Decimal | None:
    """`-4 903`, `−4 903` (U+2212), `4 903,5`, `1 234` with (non-breaking) spaces; else None."""
    cleaned = (text.translate(_SPACES).replace("\u2212", "-").replace("\u2013", "-")
               .replace(",", "."))
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def to_decimal(value: float | int) -> Decimal:
    # repr gives the shortest text that round-trips, so 0.1 stays 0.1 and not 0.1000000000000000055
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


MAX_AMOUNT = Decimal(10) ** 15  # tkr; a thousand times a large kommun's whole budget


def amount(cell: RawCell | None) -> Decimal | None:
    """An amount in tkr; None for an empty cell."""
    value = _amount(cell)
    if value is not None and abs(value) >= MAX_AMOUNT:
        raise CellError(R02_ORIMLIGT, _show(value), "1 000 000 000 000 000 tkr")
    return value


def _amount(cell: RawCell | None) -> Decimal | None:
    if cell is None:
        return None
    value = cell.value
    if type(value) is int and cell.uncached_formula is None and cell.data_type != "e":
        return Decimal(value)  # the common cell, as below without the checks it cannot fail
    _check_formula_and_error(cell)
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise CellError(R02_EJ_TAL, _show(value), "-4 903")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(R02_EJ_TAL, _show(value), "-4 903")
        return to_decimal(value)
    cleaned = str(value).translate(_SPACES).replace("\u2212", "-").replace("\u2013", "-")
    if _DOT_THOUSANDS.match(cleaned):  # typed as text: a separator or a decimal point?
        raise CellError(R02_TUSENTALSPUNKT, _show(value),
                        fmt.number_str(Decimal(cleaned.replace(".", ""))))
    parsed = number_from_text(str(value))
    if parsed is None:
        raise CellError(R02_EJ_TAL, _show(value), "-4 903")
    return parsed


def text(cell: RawCell | None) -> str:
    if cell is None:
        return ""
    _check_formula_and_error(cell)
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return _clean(str(value)).strip()


def _clean(text: str) -> str:
    """Excel's escapes decoded, line breaks as `\n`, characters Word cannot hold removed."""
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def rich_text(cell: RawCell | None) -> str:
    """Text with its bold and italic runs marked (contract.rich), for prose that becomes
    paragraphs; a cell without formatted runs gives what `text` gives."""
    if cell is None or cell.rich is None:
        return text(cell)
    _check_formula_and_error(cell)
    return rich.strip(rich.marked((_clean(run), bold, italic)
                                  for run, bold, italic in rich.runs(cell.rich)))


def _format_decimals(number_format: str) -> int | None:
    """Decimals a number format shows: `0.0` → 1, `#,##0.00 %` → 2, `General` → None."""
    match = re.search(r"\.(0+)", number_format or "")
    if match:
        return len(match.group(1))
    return 0 if re.search(r"[0#]", number_format or "") else None


def _digits_after_point(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _typed_decimals(value: Decimal) -> int:
    """Decimals as typed in text: `83,0` keeps one."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def value(cell: RawCell | None):
    """An indicator or key-figure value: a number with the decimals it was given, or text."""
    from ..contract.model import Value

    if cell is None:
        return Value()
    _check_formula_and_error(cell)
    raw = cell.value
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return Value(text=text(cell))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise CellError(R02_EJ_TAL, _show(raw), "ett tal eller en text som -")
        number = to_decimal(raw)
    else:
        parsed = number_from_text(str(raw))
        if parsed is None:
            return Value(text=text(cell))
        return Value(number=parsed, decimals=_typed_decimals(parsed))
    shown = _format_decimals(cell.number_format)
    if "%" in (cell.number_format or ""):
        number *= 100
    decimals = shown if shown is not None else _digits_after_point(number)
    return Value(number=number, decimals=decimals)


YEAR_EXAMPLE = "ett årtal, t.ex. 2024"


def year(cell: RawCell | None) -> int | None:
    """A report year: a whole number the contract accepts (2000–2100)."""
    value = integer(cell, YEAR_EXAMPLE)
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise CellError(R03_OKANT_VARDE, _show(value), YEAR_EXAMPLE)
    return value


def integer(cell: RawCell | None, expected: str = "ett heltal, t.ex. 3") -> int | None:
    """A whole number (an order, a goal's number, a level): text or decimals are an error that
    says so, not one asking for an amount in tkr."""
    try:
        value = amount(cell)
    except CellError as err:
        if err.rule is R02_EJ_TAL or err.rule is R02_TUSENTALSPUNKT:
            raise CellError(R02_EJ_HELTAL, err.found, expected) from None
        raise
    if cell is None or value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(R02_EJ_HELTAL, _show(cell.value), expected)
    return int(value)


def choice(cell: RawCell | None, allowed: dict[str, str], expected: str = "") -> str | None:
    """A closed-vocabulary value; `allowed` maps normalized spellings to the canonical one.
    `expected` says what is allowed when a list of the canonical values would not."""
    if cell is None:
        return None
    raw = text(cell)
    key = normalize(raw)
    if key not in allowed:
        raise CellError(R03_OKANT_VARDE, _show(raw),
                        expected or ", ".join(dict.fromkeys(allowed.values())))
    return allowed[key]


def yes_no(cell: RawCell | None, default: bool = False) -> bool:
    if cell is None:
        return default
    word = YesNo.words().get(normalize(text(cell)))
    if word is None:
        raise CellError(R03_OKANT_VARDE, _show(text(cell)), ", ".join(YesNo.values()))
    return YesNo(word).truth


def _month_numbers() -> dict[str, int]:
    return {normalize(name): number for number, name in enumerate(MONTHS, start=1)}


def month(cell: RawCell) -> int:
    """`augusti`, `8`, `aug` or a date → 8."""
    value = cell.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.month
    raw = text(cell)
    if raw.isdigit() and 1 <= int(raw) <= 12:
        return int(raw)
    key = normalize(raw).rstrip(".")
    for name, number in _month_numbers().items():
        if key == name or (len(key) >= 3 and name.startswith(key)):
            return number
    as_date = _parse_date_text(raw)
    if as_date:
        return as_date.month
    raise CellError(R03_OKANT_VARDE, _show(raw), "en månad, t.ex. augusti eller 8")


def _parse_date_text(raw: str) -> dt.date | None:
    raw = raw.strip()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    match = re.match(r"^(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", normalize(raw))
    if match:
        months = _month_numbers()
        if match.group(2) in months:
            try:
                return dt.date(int(match.group(3)), months[match.group(2)], int(match.group(1)))
            except ValueError:
                return None
    return None


def date(cell: RawCell | None) -> dt.date | None:
    """A date cell, `2021-09-24` or `24 september 2021`."""
    if cell is None:
        return None
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = _parse_date_text(text(cell))
    if parsed is None:
        raise CellError(R03_OKANT_VARDE, _show(text(cell)),
                        "ett datum, t.ex. 2021-09-24" + _serial_hint(value))
    return parsed


def _serial_hint(value: object) -> str:
    """`45918` in a date cell is Excel's day number of a date whose cell lost its date format."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    if not 36526 <= value < 73051:  # 2000-01-01 … 2099-12-31
        return ""
    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    return f" ({value:g} är Excels dagnummer för {day.isoformat()}: formatera cellen som datum)"
