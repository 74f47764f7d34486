"""The Jinja sandbox templates run in, with a budget: a template the kansli owns may be wrong or
hostile, and must still end within seconds and within memory.

Three fences:
- operators and calls that would build huge values (`2**(2**32)`, `'x' * 10**9`,
  `s|replace('x', s)`, `range(10**9)`) are refused before they run;
- every value built by a call counts against a total, so a loop cannot build gigabytes piece
  by piece, and the text a template outputs is counted as it is joined;
- a tracer counts the template's steps and watches the clock, so nested loops stop too. It
  works the same on Windows (no signals).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import marshal
import re
import sys
import time
from typing import cast
from pathlib import Path

import jinja2
from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from ..contract import rich
from .cachedir import cache_path, keep

MAX_SECONDS = 20.0  # wall clock for one document (all of its parts)
MAX_STEPS = 3_000_000  # template lines run; the standard report needs about 10 000
MAX_VALUE = 1_000_000  # characters or items in one value built by an operator or a call
MAX_PRODUCT = 10_000_000  # size × size of one call's arguments (`replace`, `center`, …)
MAX_TOTAL = 200_000_000  # characters built and output by one document, all calls together
MAX_EXPONENT_BITS = 100_000
# calls nested in calls (a macro that calls itself): stopped long before Python's own limit,
# which a deep C stack under the tracer can overrun before it is reached (a crash, not an error)
MAX_CALL_DEPTH = 100
_BIG_FORMAT_WIDTH = re.compile(r"(%|\{[^}]*:)[^a-zA-Z%}]*\d{5,}")
TEMPLATE_FILE = "<template>"
# the frames Jinja compiles to rewrite a traceback (jinja2.debug): their lines are the
# template's already, not the compiled code's
_REWRITTEN_FRAMES = {"template", "top-level template code"}


class BudgetExceeded(Exception):
    """The template asked for more time or memory than any report needs (message in Swedish)."""

    lineno: int | None = None  # the template line it stopped at, when known


# a template that hit one of these has spent what one document may use (M07): the rest of the
# document is not tried, it would only repeat it
LIMITS_REACHED = (BudgetExceeded, RecursionError, MemoryError, OverflowError)


class Budget:
    """Time, steps and built size for one document's rendering."""

    def __init__(self, seconds: float = MAX_SECONDS):
        self.seconds = seconds
        self.deadline: float | None = None
        self.steps = 0
        self.total = 0
        self.template_line: int | None = None  # the compiled template's line last run
        self.depth = 0  # calls from the template now running inside one another

    def reset(self) -> None:
        """A fresh budget for the next piece of work (each formulation is charged its own)."""
        self.deadline, self.steps, self.total, self.template_line = None, 0, 0, None
        self.depth = 0

    def enter_call(self) -> None:
        self.depth += 1
        if self.depth > MAX_CALL_DEPTH:
            raise BudgetExceeded(f"mallen anropar mer än {MAX_CALL_DEPTH} gånger inuti sig "
                                 "själv (ett makro som anropar sig självt?)")

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise BudgetExceeded(f"mallen tog fler än {MAX_STEPS:,} steg".replace(",", " ")
                                 + " (en slinga i en slinga?)")
        if self.steps % 512 == 0 and self.deadline and time.monotonic() > self.deadline:
            raise BudgetExceeded(f"mallen tog längre tid än {self.seconds:.0f} sekunder att "
                                 "fylla i (en slinga i en slinga?)")

    def spend(self, size: int) -> None:
        self.total += size
        if self.total > MAX_TOTAL:
            raise BudgetExceeded("mallen bygger större värden än någon rapport behöver "
                                 f"(över {MAX_TOTAL // 1_000_000} miljoner tecken eller element)")

    def _local(self, frame, event, arg):
        if frame.f_code.co_name not in _REWRITTEN_FRAMES:
            self.template_line = frame.f_lineno
        self.tick()
        return self._local

    def _global(self, frame, event, arg):
        self.tick()
        return self._local if frame.f_code.co_filename == TEMPLATE_FILE else None

    def watching(self):
        return _Watch(self)


class _Watch:
    """Installs the budget's tracer for the duration of a compile or render."""

    def __init__(self, budget: Budget):
        self.budget = budget

    def __enter__(self):
        self.budget.start()
        self.previous = sys.gettrace()
        sys.settrace(self.budget._global)

    def __exit__(self, *exc):
        sys.settrace(self.previous)


class _untraced:
    """Our own code called from a template (converting the context) runs at full speed; the
    budget's tracer costs a Python call for every call it sees."""

    def __enter__(self):
        self.previous = sys.gettrace()
        if self.previous is not None:
            sys.settrace(None)

    def __exit__(self, *exc):
        if self.previous is not None:
            sys.settrace(self.previous)


def size_of(value) -> int:
    """Characters or items a value holds (one level deep), or an integer's magnitude."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return abs(value) if value.bit_length() < 64 else sys.maxsize
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        if not value:
            return 0
        sample = list(itertools.islice(value, 100))  # a sample keeps this O(1) on long lists
        text = sum(len(v) for v in sample if isinstance(v, (str, bytes)))
        return len(value) + text * len(value) // len(sample)
    if isinstance(value, dict):
        return len(value)
    if isinstance(value, range):
        return len(value)
    return 0


def _refuse(what: str):
    raise BudgetExceeded(what)


def _guarded_join(join, budget: Budget):
    """`a ~ b` has no sandbox hook: check what each join built (a loop doubling a text by
    `s ~ s` is refused at the first step past the limit)."""
    def guarded(seq):
        result = join(seq)
        BudgetSandbox._check_size(len(result), "en sammanfogad text (~)")
        budget.spend(len(result))
        return result
    return guarded


class BudgetTemplate(Template):
    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        for name in ("markup_join", "str_join"):  # what the compiled `~` calls
            if name in namespace:
                namespace[name] = _guarded_join(namespace[name], environment.budget)
        return super()._from_namespace(environment, namespace, globals)

    def render(self, *args, **kwargs):
        budget = cast(BudgetSandbox, self.environment).budget
        try:
            with budget.watching():
                return super().render(*args, **kwargs)
        except BudgetExceeded as exc:
            # stopped inside a filter or a join, the traceback has no template line: say where
            # the template last was, so the finding names its paragraph
            if getattr(exc, "lineno", None) is None and budget.template_line:
                exc.lineno = self.get_corresponding_lineno(budget.template_line)
            raise


class BudgetSandbox(ImmutableSandboxedEnvironment):
    """Autoescaping, strict about undefined names, and bounded in time and size."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    template_class = BudgetTemplate

    def __init__(self, seconds: float = MAX_SECONDS, autoescape: bool = True):
        from .filters import add_filters

        super().__init__(autoescape=autoescape, undefined=StrictUndefined)
        self.budget = Budget(seconds)
        self.finalize = self._count_output
        self.globals.pop("lipsum", None)
        add_filters(self)  # the report's own filters, guarded like Jinja's
        self.filters = {name: self._guarded_filter(name, f) for name, f in self.filters.items()}

    # --- compile and output ----------------------------------------------------------------

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        """Jinja's compile, kept between runs: a template's Python code object is cached in the
        user's cache folder under a hash of everything that shapes it."""
        if raw or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        path = compiled_cache_path(self, source, name, filename, defer_init)
        with contextlib.suppress(Exception):  # missing, unreadable or from another Python
            return marshal.loads(path.read_bytes())
        code = super().compile(source, name, filename, raw, defer_init)
        keep(path, marshal.dumps(code))
        return code

    def _count_output(self, value):
        """Every `{{ … }}` passes here before it is escaped: count what it adds. A text from
        Excel written inline is plain text: its bold and italic marks go (only the paragraphs
        of `{{p … }}` carry them)."""
        self.budget.spend(size_of(value) if not isinstance(value, int) else 0)
        if isinstance(value, str) and rich.has_marks(value):
            return type(value)(rich.plain(value))  # str, or Markup
        return value

    def concat(self, pieces) -> str:
        parts = []
        for piece in pieces:
            self.budget.spend(len(piece))
            parts.append(piece)
        return "".join(parts)

    # --- looking values up ---------------------------------------------------------------------

    def getattr(self, obj, attribute):
        with _untraced():  # the context converts tables and charts on first use: trusted code
            return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        with _untraced():
            return super().getitem(obj, argument)

    # --- values built by operators and calls -------------------------------------------------

    def call_binop(self, context, operator, left, right):
        self.budget.tick()
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_repeat(left, right)
        elif operator == "+" and not (isinstance(left, (int, float)) and
                                      isinstance(right, (int, float))):
            self._check_size(size_of(left) + size_of(right), "en sammanslagen text eller lista")
        elif operator == "%" and isinstance(left, str):
            self._check_format(left)
        result = super().call_binop(context, operator, left, right)
        self.budget.spend(size_of(result) if not isinstance(result, int) else 0)
        return result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (as Jinja names them)
        name = "range" if __obj is safe_range else getattr(__obj, "__name__", "anropet")
        __self._check_arguments(name, __obj, args, kwargs)
        __self.budget.enter_call()
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.budget.depth -= 1

    def _guarded_filter(self, name: str, function):
        from .filters import FILTERS, TESTS

        figures = name in FILTERS or name in TESTS  # their numbers are amounts, not sizes

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            self._check_arguments(name, None, args, kwargs, figures)
            return function(*args, **kwargs)
        return guarded

    def _check_arguments(self, name: str, obj, args, kwargs, figures: bool = False) -> None:
        """Refuses a call whose arguments would build a huge value. A number counts as the
        size it asks for (`center(10**9)`, `range(10**9)`), except for the report's own
        filters, whose numbers are the figures they write (`{{ 2500000 | tkr }}`)."""
        self.budget.tick()
        values = list(args) + list(kwargs.values())
        if figures:
            values = [v for v in values if not isinstance(v, (int, float))]
        owner = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
        if isinstance(owner, str):
            values.append(owner)
            if name in ("format", "format_map"):
                self._check_format(owner)
        if name == "format":
            for value in values:
                if isinstance(value, str):
                    self._check_format(value)
        sizes = sorted((size_of(v) for v in values), reverse=True) or [0]
        if sizes[0] > MAX_VALUE:
            _refuse(f"{name}(…) med ett värde på över {MAX_VALUE:,} tecken eller steg"
                    .replace(",", " "))
        if len(sizes) > 1 and sizes[0] * sizes[1] > MAX_PRODUCT:
            _refuse(f"{name}(…) skulle bygga ett för stort värde")
        self.budget.spend(sizes[0])

    @staticmethod
    def _check_power(base, exponent) -> None:
        if not isinstance(exponent, (int, float)) or isinstance(exponent, bool):
            return
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
            if max(base.bit_length(), 1) * exponent > MAX_EXPONENT_BITS:
                _refuse("en för stor potens (**)")
        elif abs(exponent) > 10_000:
            _refuse("en för stor potens (**)")

    def _check_repeat(self, left, right) -> None:
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_EXPONENT_BITS:
                _refuse("en för stor multiplikation")
            return
        for sequence, count in ((left, right), (right, left)):
            if isinstance(count, int) and not isinstance(sequence, (int, float)):
                self._check_size(size_of(sequence) * max(count, 0), "en upprepad text eller lista")

    @staticmethod
    def _check_size(size: int, what: str) -> None:
        if size > MAX_VALUE:
            _refuse(f"{what} med över {MAX_VALUE:,} tecken eller element".replace(",", " "))

    @staticmethod
    def _check_format(text: str) -> None:
        if _BIG_FORMAT_WIDTH.search(text):
            _refuse("en formatering med orimlig bredd")


def compiled_cache_path(environment: BudgetSandbox, source: str, name, filename,
                        defer_init: bool) -> Path:
    shape = repr((jinja2.__version__, sys.version, type(environment).__qualname__,
                  sorted(environment.intercepted_binops), bool(environment.autoescape),
                  sorted(environment.filters), sorted(environment.tests), name, filename,
                  defer_init))
    return cache_path("jinja", shape, source, ".code")


def sandbox_environment(seconds: float = MAX_SECONDS, autoescape: bool = True) -> BudgetSandbox:
    """`autoescape=False` only for text that is escaped later (the formulations, which the
    documents insert as text)."""
    return BudgetSandbox(seconds, autoescape)
