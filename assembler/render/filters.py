"""The filters a kansli writes sentences with: `{{ ekonomi.namnd.avvikelse | mnkr }}`.

Each is a thin door to `fmt`, the one module that formats figures, so a sentence quotes the
same rounding as the table beside it. Names and arguments are Swedish because the kansli
types them in Word; they are part of the template contract and must keep working.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jinja2 import Undefined, pass_context

from ..contract import fmt
from ..contract.amounts import ECONOMY_COLUMNS
from ..contract.sheets import ECONOMY_SHEETS

SIGNS = {"minus": fmt.SIGN_SHOWN, "plus": fmt.SIGN_ALWAYS, "inget": fmt.SIGN_NONE,
         "utan minus": fmt.SIGN_WORDED,
         True: fmt.SIGN_ALWAYS, False: fmt.SIGN_NONE}


class FilterError(ValueError):
    """A filter used with a value or argument it cannot take; the message is for the kansli."""


def _number(value, filter_name: str) -> Decimal:
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined: raises the unknown-variable error that names it
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ArithmeticError:
            pass
    raise FilterError(f"Filtret {filter_name} behöver ett tal, men fick {value!r}.")


def _sign(sign, filter_name: str) -> str:
    if sign not in SIGNS:
        raise FilterError(f"Filtret {filter_name}: tecken ska vara 'minus', 'plus', "
                          f"'utan minus' eller 'inget', inte {sign!r}.")
    return SIGNS[sign]


def _unit(context, unit: str | None) -> str:
    chosen = unit or context.get("belopp_enhet") or "tkr"
    if chosen not in fmt.AMOUNT_WORDS:
        raise FilterError(f"Enheten ska vara 'tkr' eller 'mnkr', inte {chosen!r}.")
    return chosen


def tkr(value, tecken="minus", ord: bool = False) -> str:
    if value is None:
        return fmt.DASH
    return fmt.amount_text(_number(value, "tkr"), "tkr", _sign(tecken, "tkr"), words=ord)


def mnkr(value, tecken="minus", decimaler: int = 1, ord: bool = False) -> str:
    if value is None:
        return fmt.DASH
    return fmt.amount_text(_number(value, "mnkr"), "mnkr", _sign(tecken, "mnkr"),
                           int(decimaler), words=ord)


@pass_context
def belopp(context, value, tecken="minus", enhet: str | None = None,
           ord: bool | None = None) -> str:
    """In the report's own unit (the field `Belopp i text`), unless `enhet` says otherwise;
    the unit written out when the field says so (`miljoner kronor`), unless `ord` says."""
    if value is None:
        return fmt.DASH
    words = bool(context.get("belopp_i_ord")) if ord is None else ord
    return fmt.amount_text(_number(value, "belopp"), _unit(context, enhet),
                           _sign(tecken, "belopp"), words=words)


def _decimals(decimaler) -> int | None:
    return None if decimaler is None else int(decimaler)


def _sign_word_filter(positive: str, negative: str, zero: str, name: str):
    """`{{ x | avvikelseord(enhet='mnkr') }}`: the word for the figure as it is printed
    beside it, in that unit (and with `decimaler` as the amount filter has them)."""
    @pass_context
    def choose(context, value, enhet: str | None = None, decimaler=None) -> str:
        return fmt.sign_word(_number(value, name), positive, negative, zero,
                             _unit(context, enhet), _decimals(decimaler))
    choose.__name__ = name
    return choose


avvikelseord = _sign_word_filter("positiv", "negativ", "ingen", "avvikelseord")
resultatord = _sign_word_filter("överskott", "underskott", "nollresultat", "resultatord")
forandringsord = _sign_word_filter("ökning", "minskning", "oförändrat", "forandringsord")


def procent(value, decimaler: int = 1, tecken="minus", symbol: bool = False) -> str:
    ratio = None if value is None else _number(value, "procent")
    return fmt.percent_text(ratio, int(decimaler), _sign(tecken, "procent"), symbol)


def tal(value, decimaler: int = 0) -> str:
    if value is None:
        return fmt.DASH
    return fmt.number_str(_number(value, "tal"), int(decimaler))


def ord_(value, genus: str = "en", upp_till: int = fmt.WORDS_UP_TO) -> str:
    if genus not in ("en", "ett"):
        raise FilterError(f"Filtret ord: genus ska vara 'en' eller 'ett', inte {genus!r}.")
    return fmt.number_words(_number(value, "ord"), genus, int(upp_till))


def plural(value, singular: str, flertal: str) -> str:
    return fmt.plural(_number(value, "plural"), singular, flertal)


def lista(items, sista: str = "och") -> str:
    return fmt.join_list(items, sista)


def datum(value, form: str = "lång") -> str:
    if form not in fmt.DATE_FORMS:
        raise FilterError(f"Filtret datum: form ska vara en av {', '.join(fmt.DATE_FORMS)}, "
                          f"inte {form!r}.")
    date = getattr(value, "date_value", value)  # DateText carries its date
    if date is None or date == "":
        return ""  # a date the economist left empty stays empty
    if isinstance(date, dt.datetime):
        date = date.date()
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise FilterError(f"Filtret datum behöver ett datum, men fick {value!r}.") from None
    if not isinstance(date, dt.date):
        raise FilterError(f"Filtret datum behöver ett datum, men fick {value!r}.")
    return fmt.date_text(date, form)


def _table(value, filter_name: str):
    """The table behind a `{{p tabell.… }}` value (see render.docx.TableFragment)."""
    if isinstance(value, Undefined):
        str(value)
    if not hasattr(value, "reshaped"):
        raise FilterError(f"Filtret {filter_name} fungerar bara på en tabell, t.ex. "
                          f"tabell.namnd, inte {str(value)[:40]!r}.")
    return value


def kolumner(value, *namn: str):
    """`{{p tabell.namnd | kolumner('utfall_period', 'budget_period') }}`: these columns."""
    fragment = _table(value, "kolumner")
    catalogue = fragment.table.catalogue or {}
    try:
        return fragment.reshaped(fragment.table.with_columns(list(namn)))
    except KeyError as exc:
        if not catalogue:
            raise FilterError("Filtret kolumner fungerar på ekonomins tabeller (tabell.namnd, "
                              + "".join(f"tabell.{name}, " for name in ECONOMY_SHEETS)
                              + "v.tabell).") from None
        raise FilterError(f"Filtret kolumner: okänd kolumn {exc.args[0]!r}. Kolumner som "
                          f"finns: {', '.join(catalogue)}.") from None


def enhet(value, namn: str = "tkr"):
    """`{{p tabell.namnd | enhet('mnkr') }}`: amounts in mnkr with one decimal."""
    fragment = _table(value, "enhet")
    if namn not in fmt.AMOUNT_WORDS:
        raise FilterError(f"Filtret enhet: enheten ska vara 'tkr' eller 'mnkr', inte {namn!r}.")
    return fragment.reshaped(fragment.table.with_unit(namn))


MAX_PERCENT_DECIMALS = 2


def procentdecimaler(value, antal: int = 1):
    """`{{p v.tabell | procentdecimaler(1) }}`: the percent columns with one decimal."""
    fragment = _table(value, "procentdecimaler")
    if str(antal) not in {str(n) for n in range(MAX_PERCENT_DECIMALS + 1)}:
        raise FilterError(f"Filtret procentdecimaler: antalet decimaler ska vara 0–"
                          f"{MAX_PERCENT_DECIMALS}, inte {antal!r}.")
    return fragment.reshaped(fragment.table.with_percent_decimals(int(antal)))


def arsordning(value, ordning: str = "nyast"):
    """`{{p tabell.fem_ar | arsordning('nyast') }}`: the newest year's columns first."""
    fragment = _table(value, "arsordning")
    if ordning not in ("nyast", "äldst"):
        raise FilterError(f"Filtret arsordning: ordningen ska vara 'nyast' eller 'äldst', "
                          f"inte {ordning!r}.")
    return fragment.reshaped(fragment.table.with_years(newest_first=ordning == "nyast"))


def summarad(value, text: str):
    """`{{p tabell.namnd | summarad('Resultat') }}`: the total row's label."""
    fragment = _table(value, "summarad")
    return fragment.reshaped(fragment.table.with_total_label(str(text)))


def radrubrik(value, text: str):
    """`{{p tabell.kontogrupper | radrubrik('Konto') }}`: the first column's header."""
    fragment = _table(value, "radrubrik")
    return fragment.reshaped(fragment.table.with_label_title(str(text)))


def titelrad(value, radrubrik: str = ""):
    """`{{p tabell.namnd | enhet('mnkr') | titelrad('Resultat') }}`: the table's title on a
    row over the whole width, above the column headers; the first column headed `radrubrik`."""
    fragment = _table(value, "titelrad")
    return fragment.reshaped(fragment.table.with_title_row(str(radrubrik)))


MAX_PANELS = 4


def bredvid(value, *andra):
    """`{{p tabeller.a | bredvid(tabeller.b, tabeller.c) }}`: the tables side by side."""
    fragments = [_table(value, "bredvid"), *(_table(v, "bredvid") for v in andra)]
    if len(fragments) > MAX_PANELS:
        raise FilterError(f"Filtret bredvid: högst {MAX_PANELS} tabeller bredvid varandra, "
                          f"inte {len(fragments)}.")
    return fragments[0].converter.side_by_side([f.table for f in fragments])


FILTERS = {
    "tkr": tkr, "mnkr": mnkr, "belopp": belopp, "avvikelseord": avvikelseord,
    "resultatord": resultatord, "forandringsord": forandringsord, "procent": procent,
    "tal": tal, "ord": ord_, "plural": plural, "lista": lista, "datum": datum,
    "kolumner": kolumner, "enhet": enhet, "summarad": summarad, "arsordning": arsordning,
    "procentdecimaler": procentdecimaler, "radrubrik": radrubrik, "titelrad": titelrad,
    "bredvid": bredvid,
}


# (usage, what it writes) for `assemble templates vars`; the examples are checked by a test
FILTER_DOCS = [
    ("{{ x | tkr }}", "-4 903 tkr; tecken='plus' ger +14 684 tkr, tecken='inget' 4 903 tkr, "
                      "tecken='utan minus' +14 684 tkr men 4 903 tkr (efter ett teckenord), "
                      "ord=True 4 903 tusen kronor"),
    ("{% if x is noll %}", "sant när beloppet skrivs som 0 (eller 0,0 mnkr) i rapportens enhet; "
                           "noll(enhet='mnkr') när meningen skriver beloppet i mnkr, "
                           "noll(enhet='mnkr', decimaler=0) med mnkr(decimaler=0)"),
    ("{{ x | mnkr }}", "-28,6 mnkr; decimaler=0, tecken='plus'/'inget', ord=True ger "
                       "28,6 miljoner kronor"),
    ("{{ x | belopp }}", "i rapportens enhet (fältet Belopp i text); samma val som tkr/mnkr; "
                         "Belopp i text `miljoner kronor` skriver ut enheten"),
    ("{{ x | avvikelseord }}", "positiv, negativ eller ingen (noll som det skrivs i rapportens "
                               "enhet); avvikelseord(enhet='mnkr') när beloppet skrivs med mnkr"),
    ("{{ x | resultatord }}", "överskott, underskott eller nollresultat; enhet='mnkr' som "
                              "avvikelseord"),
    ("{{ x | forandringsord }}", "ökning, minskning eller oförändrat; enhet='mnkr' som "
                                 "avvikelseord"),
    ("{{ x | procent }}", "2,7 procent för kvoten 0,027; decimaler=0, symbol=True ger 2,7%"),
    ("{{ x | tal(1) }}", "ett tal med decimaler: 6,4"),
    ("{{ n | ord }}", "sju; ord('ett') ger ett/tjugoett för ett-ord; över tolv med siffror"),
    ("{{ n | plural('uppdrag', 'uppdrag') }}", "ordet som passar antalet"),
    ("{{ lista | lista }}", "a, b och c"),
    ("{{ datum | datum('iso') }}", "2021-09-24; 'lång' 24 september 2021, 'månad' "
                                   "september 2021, 'kort' 24 sep. 2021"),
    ("{{p tabell.namnd | kolumner('utfall_period', 'budget_period', 'avvikelse_period') }}",
     "ekonomitabellen med de kolumnerna i den ordningen (namnen som i ekonomi.namnd: "
     + ", ".join(ECONOMY_COLUMNS) + "); ett namn med ? efter, 'budget_period?', bara när "
     "någon rad har kolumnens belopp"),
    ("{{p tabell.namnd | enhet('mnkr') }}", "tabellens belopp i mnkr med en decimal: -28,6"),
    ("{{p v.tabell | procentdecimaler(1) }}", "tabellens procentkolumner (Förbrukning, "
     "Förändring %) med en decimal: -40,2%"),
    ("{{p tabell.namnd | summarad('Resultat') }}", "summaraden heter Resultat i stället för "
                                                   "Nettokostnad"),
    ("{{p tabell.kontogrupper | radrubrik('Konto') }}", "första kolumnens rubrik är Konto i "
                                                        "stället för Kontogrupp, belopp i tkr"),
    ("{{p tabell.namnd | titelrad('Resultat') }}",
     "tabellens titel (Nämnden, belopp i tkr) på en egen rad över hela bredden ovanför "
     "kolumnrubrikerna; första kolumnen får rubriken Resultat (utan argument: tom); efter "
     "enhet(…), så att titeln säger enheten"),
    ("{{p tabell.fem_ar | arsordning('nyast') }}", "kolumnerna ordnade efter året i rubriken, "
                                                   "nyaste först ('äldst': äldsta först)"),
    ("{{p tabeller.a | bredvid(tabeller.b, tabeller.c) }}", "tabellerna bredvid varandra över "
                                                          "textbredden (högst fyra)"),
]


@pass_context
def noll(context, value, enhet: str | None = None, decimaler=None) -> bool:
    """`{% if x is noll %}`: the amount is written as 0 (or 0,0 mnkr), so no sign word fits;
    `x is noll(enhet='mnkr')` when the sentence prints it in mnkr, whatever Belopp i text."""
    return value is None or fmt.rounds_to_zero(_number(value, "noll"), _unit(context, enhet),
                                               _decimals(decimaler))


TESTS = {"noll": noll}


def add_filters(environment) -> None:
    environment.filters.update(FILTERS)
    environment.tests.update(TESTS)

