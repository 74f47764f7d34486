"""Every error a template can raise, said in Swedish: what went wrong and what to change.

Jinja, Python and the decimal module speak English and name Python's classes (`'int' object is
not iterable`, `[<class 'decimal.DivisionByZero'>]`). A kansli reads Word, not Python: each known
message is rewritten here, and anything not known is described by its kind of error, never
shown in English. Our own errors (filters, budget, blocks) are Swedish already.
"""

from __future__ import annotations

import decimal
import re

# Python's and Jinja's names of the kinds of values, as a kansli would call them
KINDS = {
    "int": "ett heltal", "float": "ett decimaltal", "str": "en text", "Markup": "en text",
    "decimal.Decimal": "ett belopp", "Decimal": "ett belopp", "bool": "sant/falskt",
    "list": "en lista", "tuple": "en lista", "dict": "en post", "LazyDict": "en post",
    "NoneType": "ett tomt värde", "StrictUndefined": "ett okänt värde",
    "Undefined": "ett okänt värde", "datetime.date": "ett datum", "date": "ett datum",
    "DateText": "ett datum", "TableFragment": "en tabell", "Fragment": "stycken",
    "Macro": "en formulering", "TemplateModule": "formuleringarna", "Namespace": "ett namespace",
    "generator": "en lista", "range": "en lista", "method": "en funktion",
    "builtin_function_or_method": "en funktion", "function": "en funktion",
}
# the tokens Jinja names in its syntax errors
TOKENS = {"end of statement block": "%}", "end of print statement": "}}",
          "end of template": "mallens slut", "name": "ett namn", "end of comment": "#}",
          "begin of print statement": "{{", "begin of statement block": "{%"}
DIVISION_BY_ZERO = "division med noll; skriv ett villkor som {% if b is not noll %} före"


def kind(name: str) -> str:
    return KINDS.get(name.strip("'\""), "ett värde av annan sort")


def token(text: str) -> str:
    return TOKENS.get(text, text)


def alternatives(text: str) -> str:
    """`'elif' or 'else' or 'endif'` → `”elif”, ”else” eller ”endif”`."""
    names = [f"”{token(name)}”" for name in re.findall(r"'([^']*)'", text)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


def callable_name(name: str) -> str:
    """`do_replace()` → `replace`, `tkr()` → `tkr`, `str.upper()` → `upper`."""
    name = name.rstrip("()").rpartition(".")[2]
    return name[3:] if name.startswith("do_") else name


def _argument_names(text: str) -> str:
    return alternatives(text).replace(" eller ", " och ")


# (pattern, Swedish); the groups are passed through `formatters` first when they name one
MESSAGES: list[tuple[str, object]] = [
    # --- syntax ---
    (r"Encountered unknown tag '(end\w*)'\. You probably made a nesting mistake\..*?"
     r"currently looking for (.*?)\. The innermost block that needs to be closed is '([^']*)'.*",
     lambda end, wanted, block: f"”{{% {end} %}}” kommer medan blocket ”{block}” är öppet; "
                                f"stäng det först med {alternatives(wanted)}"),
    (r"Encountered unknown tag '([^']*)'\. Jinja was looking for the following tags: (.*?)\. "
     r"The innermost block that needs to be closed is '([^']*)'.*",
     lambda tag, wanted, block: f"”{tag}” passar inte här: blocket ”{block}” är öppet och "
                                f"väntar på {alternatives(wanted)}"),
    (r"Encountered unknown tag '(tr|tc)'.*",
     lambda tag: f"{{%{tag} %}} hör hemma i en tabellrad; i ett vanligt stycke skriver man "
                 f"{{%p … %}}"),
    (r"Encountered unknown tag '([^']*)'.*",
     lambda tag: f"okänd tagg ”{tag}”; de taggar som finns är ”if”, ”elif”, ”else”, ”for”, "
                 f"”set” och ”macro” med sina ”end…”"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
     r"The innermost block that needs to be closed is '([^']*)'.*",
     lambda wanted, block: f"blocket ”{block}” stängs aldrig; skriv ”{{% end{block} %}}” där "
                           f"blocket ska sluta (väntade {alternatives(wanted)})"),
    (r"unexpected end of template, expected '([^']*)'.*",
     lambda wanted: f"mallen tar slut innan ”{token(wanted)}” kommer"),
    (r"unexpected end of template.*", "mallen tar slut mitt i en tagg"),
    (r"unexpected char '(.*)' at \d+", lambda char: f"oväntat tecken ”{char}”"),
    (r"unexpected '(.*)'", lambda what: f"oväntat ”{token(what)}”"),
    (r"expected token '([^']*)', got '(.*)'",
     lambda wanted, got: f"väntade ”{token(wanted)}” men fick ”{token(got)}”"),
    (r"No filter named '([^']*)'.*",
     lambda name: f"okänt filter ”{name}”; se filtren i docs/mallar.md"),
    (r"No test named '([^']*)'.*",
     lambda name: f"okänt test ”{name}”; efter ”is” skriver man t.ex. ”noll”, ”none” eller "
                  f"”defined”"),
    (r"tag name expected", "taggens namn saknas efter {%"),
    (r"Expected an expression, got '(.*)'",
     lambda got: f"ett uttryck saknas före ”{token(got)}”"),
    (r"unexpected end of (?:string|comment)", "en text eller kommentar stängs aldrig"),
    (r"(?:Block|Macro) '([^']*)' defined twice", lambda name: f"”{name}” finns två gånger"),
    # --- sandbox and budget ---
    (r"Range too big.*", "range(…) med fler än 100 000 steg"),
    (r"access to attribute '([^']*)' of '([^']*)' object is unsafe\.?",
     lambda attribute, _: f"åtkomst till ”{attribute}” är inte tillåten"),
    (r"(.*) is not safely callable", lambda what: f"anropet {what} är inte tillåtet"),
    (r"no loader for this environment specified",
     "{% include %}, {% import %} och {% extends %} är inte tillåtna i en mall"),
    (r"maximum recursion depth exceeded.*",
     "för djup rekursion (en formulering som anropar sig själv?)"),
    # --- undefined ---
    (r"'(.*)' is undefined", lambda name: f"”{name}”"),
    (r"'?([\w.]+)'? object has no attribute '([^']*)'", lambda _, name: f"”{name}”"),
    (r"'(.*)' has no attribute '([^']*)'", lambda _, name: f"”{name}”"),
    (r"(\w+) object has no element (\S+)",
     lambda _, number: f"listan har inget element nummer {number} (räkningen börjar på 0); "
                       f"kontrollera först hur lång den är, t.ex. {{% if lista | length > "
                       f"{number} %}}"),
    (r"parameter '([^']*)' was not provided",
     lambda name: f"parametern ”{name}” fick inget värde; skriv ett värde för den i anropet"),
    (r"macro '([^']*)' takes not more than (\d+) argument\(s\)",
     lambda name, count: f"formuleringen ”{name}” tar högst {count} värden; ta bort de "
                         f"övriga i anropet"),
    (r"macro '([^']*)' takes no keyword argument '([^']*)'",
     lambda name, argument: f"formuleringen ”{name}” har ingen parameter ”{argument}”"),
    # --- calls ---
    (r"([\w.]+\(\)) got an unexpected keyword argument '([^']*)'",
     lambda name, argument: f"”{callable_name(name)}” har ingen parameter ”{argument}”"),
    (r"([\w.]+\(\)) got multiple values for argument '([^']*)'",
     lambda name, argument: f"”{callable_name(name)}” fick parametern ”{argument}” två gånger"),
    (r"([\w.]+\(\)) missing \d+ required (?:positional |keyword-only )?arguments?: (.*)",
     lambda name, names: f"”{callable_name(name)}” behöver fler värden: "
                         f"{_argument_names(names)} saknas"),
    (r"([\w.]+\(\)) takes (?:no arguments|exactly one argument|from \d+ to \d+ positional "
     r"arguments|\d+ positional arguments?)(?: but \d+ (?:were|was) given| \(\d+ given\))",
     lambda name: f"”{callable_name(name)}” fick för många värden; ta bort de som är för mycket"),
    (r"'([^']*)' object is not callable",
     lambda what: f"{kind(what)} är ingen funktion; ta bort parenteserna ( )"),
    (r"'([^']*)' object is not iterable",
     lambda what: f"{kind(what)} går inte att gå igenom med ”{{% for %}}”; det behövs en "
                  f"lista"),
    (r"'([^']*)' object is not subscriptable",
     lambda what: f"{kind(what)} har inga delar att ta fram med [ ]"),
    # --- operations ---
    (r"(?:integer |float )?(?:division|modulo)(?: or modulo)? by zero", DIVISION_BY_ZERO),
    (r"unsupported operand type\(s\) for ([^:]+): '([^']*)' and '([^']*)'",
     lambda operator, left, right: f"{operator} går inte att använda på {kind(left)} och "
                                   f"{kind(right)}"),
    (r"bad operand type for unary (\S+): '([^']*)'",
     lambda operator, what: f"{operator} går inte att använda på {kind(what)}"),
    (r"can only concatenate (\w+) \(not \"([\w.]+)\"\) to (\w+)",
     lambda left, right, _: f"det går inte att lägga ihop {kind(left)} och {kind(right)} med "
                            f"+; sätt ihop text med ~"),
    (r"'(\S+)' not supported between instances of '([^']*)' and '([^']*)'",
     lambda operator, left, right: f"{operator} kan inte jämföra {kind(left)} med "
                                   f"{kind(right)}"),
    (r"can't multiply sequence by non-int of type '([^']*)'",
     lambda what: f"en text eller lista kan bara upprepas med ett heltal, inte med {kind(what)}"),
    (r"%\w format: a (?:real )?number is required, not (\w+)",
     lambda what: f"formateringen med % behöver ett tal, men fick {kind(what)}"),
    (r"not all arguments converted during string formatting",
     "formateringen har färre platser (%s) än värden"),
    (r"not enough arguments for format string", "formateringen har fler platser än värden"),
    (r"(?:tuple|list) index out of range", "listan är kortare än taggen räknar med"),
    (r"Replacement index \d+ out of range.*", "formateringen har fler platser än värden"),
    (r"too many values to unpack.*",
     "”{% for a, b in … %}” behöver par av värden, men varje element är ett enda värde"),
    (r"not enough values to unpack.*",
     "”{% for a, b in … %}” behöver par av värden, men elementen har färre delar"),
    (r"invalid literal for int\(\) with base \d+: (.*)",
     lambda what: f"{what} är inget heltal; antal decimaler och liknande skrivs som 0, 1, 2"),
    (r"could not convert string to float: (.*)", lambda what: f"{what} är inget tal"),
    (r"conversion from (\w+) to Decimal is not supported",
     lambda what: f"{kind(what)} kan inte räknas som ett belopp"),
    (r"method must be common, ceil or floor",
     "round: sättet ska vara 'common', 'ceil' eller 'floor'"),
    (r"(?:int|float) too large to convert.*|.*result too large.*|.*Numerical result out of "
     r"range.*", "ett för stort tal"),
]
DECIMAL_ERRORS = [(decimal.DivisionByZero, DIVISION_BY_ZERO),
                  (decimal.DivisionUndefined, "0 delat med 0 går inte att räkna ut"),
                  (decimal.Overflow, "ett för stort tal"),
                  (decimal.InvalidOperation,
                   "en beräkning som inte går med belopp (t.ex. text i en uträkning eller ett "
                   "tomt värde)")]
# the kinds of error not known above, by what a kansli can do about them
FALLBACKS = [(ArithmeticError, "en uträkning som inte går (t.ex. division med noll eller ett "
                               "för stort tal)"),
             (TypeError, "ett värde av fel sort (t.ex. en text där ett tal behövs, eller fel "
                         "antal värden till ett filter)"),
             (ValueError, "ett värde som inte går att använda här"),
             (LookupError, "något som inte finns (en nyckel eller ett element)"),
             (AttributeError, "något som inte finns i variabeln"),
             (Exception, "taggen gick inte att fylla i")]


def translated(message: str) -> str | None:
    message = message.strip()
    for pattern, swedish in MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return swedish(*match.groups()) if callable(swedish) else str(swedish)
    return None


PYTHON_VALUES = [(re.compile(r"Decimal\('([^']*)'\)"), r"\1"),
                 (re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)"), r"\1-\2-\3"),
                 (re.compile(r"\bNone\b"), "ett tomt värde"),
                 (re.compile(r"\bTrue\b"), "sant"), (re.compile(r"\bFalse\b"), "falskt")]


def plain_values(message: str) -> str:
    """Values as a person writes them, not as Python prints them (`Decimal('3.5')` → 3.5)."""
    for pattern, replacement in PYTHON_VALUES:
        message = pattern.sub(replacement, message)
    return message


def in_swedish(cause: BaseException, own_errors: tuple[type, ...] = ()) -> str:
    """The error's message in Swedish. `own_errors`: our own kinds, already in Swedish."""
    message = str(getattr(cause, "message", None) or cause or "")
    if isinstance(cause, own_errors) and message:
        return plain_values(message)
    for decimal_error, swedish in DECIMAL_ERRORS:  # decimal names its signals as classes
        if isinstance(cause, decimal_error) or decimal_error.__name__ in message:
            return swedish
    if (known := translated(message)) is not None:
        return known
    return next(swedish for kind_of_error, swedish in FALLBACKS
                if isinstance(cause, kind_of_error))
