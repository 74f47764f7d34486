"""Every number and date the user sees is formatted here, so a figure reads the same
in a table and in a sentence. Amounts arrive unrounded; rounding happens only here."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


LOCALE = "sv_SE"
LANGUAGE_TAG = "sv-SE"  # documents' language (BCP 47), for Word and the PDF


# The locale's group and decimal signs, written out as the month names below are: loading
# babel's sv_SE data costs 0,025 s at every start. tests/test_fmt.py holds them equal to
# babel's, and babel's pattern for the locale (#,##0) groups by three, as Python's `,` does.
GROUP, DECIMAL = "\u00a0", ","
DASH = "–"  # shown where a value cannot be computed (division by zero)
# The house style for a percentage: `98%`, the sign right after the number, in tables and text
# alike. The published originals write it so (Örebro's delårsrapport 102 times, never `98 %`;
# Eskilstuna 38 to 6, Uppsala 3 to 0), although Svenska skrivregler would put a space before it.
PERCENT_SIGN = "%"


def with_percent_sign(number: str) -> str:
    return number + PERCENT_SIGN


_QUANTA = [Decimal(1).scaleb(-decimals) for decimals in range(10)]


def round_half_up(value: Decimal, decimals: int = 0) -> Decimal:
    """Economists round 0,5 away from zero, not to even."""
    quantum = _QUANTA[decimals] if 0 <= decimals < len(_QUANTA) else Decimal(1).scaleb(-decimals)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def _plain(value: Decimal, decimals: int) -> str:
    """Unsigned magnitude with the locale's grouping (non-breaking space) and decimal comma.

    Babel's own apply() costs ~60 µs a number; a report with thousands of figures formats them
    with the locale's symbols through Python's grouping instead (same result, see the tests)."""
    return _grouped(abs(round_half_up(value, decimals)), decimals)


def _grouped(magnitude: Decimal, decimals: int) -> str:
    if not decimals:  # a whole number (already rounded): an int formats five times faster
        return f"{int(magnitude):,}".replace(",", GROUP)
    text = f"{magnitude:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", DECIMAL).replace("\0", GROUP)


_WHOLE = Decimal(1)


def _signed(value: Decimal, decimals: int, plus: bool) -> str:
    if not decimals and not plus:
        return tkr(value)
    rounded = round_half_up(value, decimals)
    if rounded < 0:
        sign = "-"  # ASCII hyphen-minus, as the spec asks, not CLDR's U+2212
    elif rounded > 0 and plus:
        sign = "+"
    else:
        sign = ""
    return sign + _grouped(abs(rounded), decimals)


def tkr(value: Decimal | None) -> str:
    """Table amount in whole tkr: `-343 531`; `_signed(value, 0, plus=False)` in one step, as
    a table formats thousands of them: rounded half away from zero, and Python's grouping of
    the int writes the minus (never `-0`: the int of -0 is 0). Equal to babel's for every
    value (tests/test_fmt.py)."""
    if value is None:
        return ""
    number = value if type(value) is Decimal else Decimal(value)
    return f"{int(number.quantize(_WHOLE, ROUND_HALF_UP)):,}".replace(",", GROUP)


def tkr_sentence(value: Decimal, signed: bool = True) -> str:
    """Amount in a sentence: `+14 684 tkr`; unsigned magnitude when the sign is in words."""
    return (_signed(value, 0, plus=True) if signed else _plain(value, 0)) + " tkr"


def mnkr_sentence(value_tkr: Decimal, signed: bool = True) -> str:
    """Amount in a sentence in mnkr with one decimal: `14,7 mnkr`."""
    value = Decimal(value_tkr) / 1000
    return (_signed(value, 1, plus=True) if signed else _plain(value, 1)) + " mnkr"


def percent_table(ratio: Decimal | None, decimals: int = 0) -> str:
    """Ratio 0,95 as `95%` in a table; `–` when it cannot be computed."""
    if ratio is None:
        return DASH
    return with_percent_sign(_signed(ratio * 100, decimals, plus=False))


def percent_sentence(ratio: Decimal, signed: bool = True, decimals: int = 1) -> str:
    """Ratio 0,027 as `+2,7 procent` in a sentence; förbrukning uses 0 decimals like its table."""
    value = ratio * 100
    return (_signed(value, decimals, plus=True) if signed else _plain(value, decimals)) + " procent"


def key_value(number: Decimal | None, text: str, decimals: int, unit: str = "") -> str:
    """An indicator or key figure: `36,5%` for unit %, `6,41`, or text as written (`Ca 57%`)."""
    if number is None:
        return text
    shown = number_str(number, decimals)
    return with_percent_sign(shown) if unit.strip() == PERCENT_SIGN else shown


def number_str(value: Decimal, decimals: int = 0) -> str:
    return _signed(value, decimals, plus=False)


def change_percent(ratio: Decimal | None, decimals: int = 0) -> str:
    """Change against last year, `+4%` (`+4,2%` with one decimal); blank when there is no
    comparable base."""
    return "" if ratio is None else with_percent_sign(_signed(ratio * 100, decimals, plus=True))


def long_date(value: dt.date) -> str:
    """`24 september 2021`: babel's `d MMMM y` for sv_SE (tests/test_fmt.py holds them equal),
    written without loading babel."""
    return f"{value.day} {month_name(value.month)} {value.year}"


# babel's sv_SE month names (tests/test_fmt.py holds them equal), written out: the contract
# declares its month vocabulary on import, and `validate` need not load babel's dates for that
MONTH_NAMES = {number: name for number, name in enumerate(
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"), start=1)}


def month_name(month: int) -> str:
    """`augusti`."""
    return MONTH_NAMES[month]


def month_short(month: int) -> str:
    """`aug`: three letters, no period, as Swedish reports write period headers."""
    return month_name(month)[:3]


def period_label(last_month: int) -> str:
    """`jan–aug` for the period from January to and including `last_month`."""
    return f"{month_short(1)}{DASH}{month_short(last_month)}"


# --- Prose: what a kansli needs to write a sentence around a figure (filters in templates) ---

SIGN_SHOWN, SIGN_ALWAYS, SIGN_NONE = "minus", "plus", "inget"
SIGN_WORDED = "utan minus"  # after a sign word: `+14 684` when positive, `4 903` when negative
AMOUNT_WORDS = {"tkr": "tusen kronor", "mnkr": "miljoner kronor"}


def _with_sign(value: Decimal, decimals: int, sign: str) -> str:
    """`sign`: `minus` shows a minus on negatives (as tables do), `plus` also a plus on
    positives, `inget` the magnitude only, `utan minus` a plus on positives and the magnitude
    of negatives (after a sign word: `positiv … +14 684`, `negativ … 4 903`)."""
    if sign == SIGN_NONE or sign == SIGN_WORDED and value < 0:
        return _plain(value, decimals)
    if sign == SIGN_WORDED:
        return _signed(value, decimals, plus=True)
    return _signed(value, decimals, plus=sign == SIGN_ALWAYS)


def shown_value(value_tkr: Decimal, unit: str) -> Decimal:
    """The amount in the unit it is written in: tkr as given, mnkr divided by 1 000."""
    return Decimal(value_tkr) / 1000 if unit == "mnkr" else Decimal(value_tkr)


def unit_decimals(unit: str) -> int:
    return 1 if unit == "mnkr" else 0


def amount_text(value_tkr: Decimal, unit: str = "tkr", sign: str = SIGN_SHOWN,
                decimals: int | None = None, words: bool = False) -> str:
    """An amount in a sentence: `-6,0 mnkr`, `26,4 miljoner kronor`, `+14 684 tkr`."""
    places = unit_decimals(unit) if decimals is None else decimals
    number = _with_sign(shown_value(value_tkr, unit), places, sign)
    return f"{number} {AMOUNT_WORDS[unit] if words else unit}"


def rounds_to_zero(value_tkr: Decimal, unit: str = "tkr", decimals: int | None = None) -> bool:
    """True when the amount would be written as 0 (or 0,0): no sign word fits it."""
    places = unit_decimals(unit) if decimals is None else decimals
    return round_half_up(shown_value(value_tkr, unit), places) == 0


def sign_word(value_tkr: Decimal, positive: str, negative: str, zero: str, unit: str = "tkr",
              decimals: int | None = None) -> str:
    """One of three words by the sign the reader will see, so the word never contradicts the
    figure written beside it."""
    if rounds_to_zero(value_tkr, unit, decimals):
        return zero
    return positive if value_tkr > 0 else negative


def percent_text(ratio: Decimal | None, decimals: int = 1, sign: str = SIGN_SHOWN,
                 symbol: bool = False) -> str:
    """Ratio 0,027 as `2,7 procent` (or `2,7%`); `–` when there is no base to divide by."""
    if ratio is None:
        return DASH
    number = _with_sign(Decimal(ratio) * 100, decimals, sign)
    return with_percent_sign(number) if symbol else f"{number} procent"

_ONES = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
         "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
_TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]
WORDS_UP_TO = 12  # Swedish style guides write numbers up to twelve in words, larger as digits


def _number_word(n: int) -> str:
    """The neuter form (`ett`, `tjugoett`): the form that stands alone when counting."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + (_ONES[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    return ("ett" if hundreds == 1 else _ONES[hundreds]) + "hundra" + (
        _number_word(rest) if rest else "")


def number_words(value, gender: str = "en", up_to: int = WORDS_UP_TO) -> str:
    """`7` → `sju`; `1` → `en` (or `ett` for an ett-word); above `up_to`: digits, `1 234`."""
    n = int(value)
    if 0 <= n <= min(up_to, 999):
        word = _number_word(n)
        ends_in_one = n % 10 == 1 and n % 100 != 11
        return word[:-3] + "en" if gender == "en" and ends_in_one else word
    return number_str(Decimal(n))


def plural(count, singular: str, plural_form: str) -> str:
    """`1 åtagande`/`3 åtaganden`: the noun that agrees with the count."""
    return singular if int(count) == 1 else plural_form


def join_list(items, last: str = "och") -> str:
    """`a, b och c`: Swedish lists have no comma before the last `och`."""
    texts = [str(i) for i in items if str(i)]
    if len(texts) <= 1:
        return "".join(texts)
    return f"{', '.join(texts[:-1])} {last} {texts[-1]}"


DATE_FORMS = {"lång": "d MMMM y", "iso": "yyyy-MM-dd", "månad": "MMMM y", "kort": "d MMM y"}


def date_text(value: dt.date, form: str = "lång") -> str:
    """`24 september 2020` (lång), `2020-09-24` (iso), `september 2020` (månad)."""
    if form == "lång":
        return long_date(value)
    from babel.dates import format_date

    return format_date(value, DATE_FORMS[form], locale=LOCALE)


class DateText(str):
    """A date as the documents write it (`24 september 2021`) that still knows its date, so a
    template can write `{{ beslutsdatum | datum('iso') }}` while `{{ beslutsdatum }}` reads as
    before."""

    date_value: dt.date | None

    def __new__(cls, date: dt.date | None) -> DateText:
        text = super().__new__(cls, long_date(date) if date else "")
        text.date_value = date
        return text
