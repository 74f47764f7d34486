"""The kansli's own wording: `formuleringar.docx`, a Word table of named formulations
(`Namn | Formulering`), each a piece of template text that writes a sentence from the figures.

Every row becomes a Jinja macro in one sandboxed module, so a formulation can call another
(`{{ avvikelse(x) }}`) and take arguments (`avvikelse(x, mot_budget=true)`). The module's
results fill the context's sentence fields (`ekonomisk_sammanfattning`, `verksamheter[].mening`
…) before the documents are rendered, so a template that quotes them keeps working; any other
formulation without arguments is reachable as `formulering.namn`.

A template folder's own `formuleringar.docx` replaces the default rows it names and keeps the
rest. Python decides only what depends on arithmetic (figures, signs, whether a base exists);
the words are here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from ..compute.figures import EconomyFigures, FigureSet
from ..compute.tables import Chart, Table
from ..compute.text import Text
from ..contract.fmt import AMOUNT_WORDS
from ..contract.words import Worded
from . import wordxml

WORDING_FILE = "formuleringar.docx"
# the context's sentence fields, and the formulation that writes each
SENTENCE_FIELDS = ("ekonomisk_sammanfattning", "ekonomi_inledning", "investeringsmening",
                   "rubrik_enheter", "rubrik_verksamheter", "beslutsrad")
VERKSAMHET_SENTENCE = "verksamhet_mening"  # called once per verksamhet → verksamheter[].mening
LIST_SENTENCE = "lista_mening"  # called once per list → listor[namn].mening


def _charts(context) -> list:
    """Every chart of the context (`diagram`: a chart, a list of charts or none, by name)."""
    found: list = []
    for value in getattr(context, "diagram", {}).values():
        found += value if isinstance(value, list) else [value] if value is not None else []
    return found


def _chart_numbers(context) -> list[tuple[str, int]]:
    """The numbers a caption can have: one per chart of the context (numbered as the document
    shows them)."""
    return [(f"diagram {number}", number) for number in range(1, len(_charts(context)) + 1)]


def _write_caption_numbers(context, number: int, text: str) -> None:
    for chart in _charts(context):
        chart.number_texts[number] = text


def _goals_with(table: str) -> Callable[[Any], list[tuple[str, Any]]]:
    """The målområden that have the table `table` (`indikatorer`, `ataganden`)."""
    return lambda c: [(f"målområdet {m.nr}", m) for m in getattr(c, "malomraden", [])
                      if getattr(m, table) is not None]


@dataclass(frozen=True)
class PerItem:
    """A formulation the report calls once per item of the context (each verksamhet, list or
    chart), its result written to the item's `attribute` (`indikatorer.label_title`: an
    attribute of the item's table), or by `write(context, item, text)`."""
    noun: str  # for messages: `verksamhet`
    parameter: str  # the parameter a message suggests: `verksamhet_mening(v)`
    items: Callable[[Any], list[tuple[str, Any]]]  # (for whom, item) in a context
    attribute: str = ""
    write: Callable[[Any, Any, str], None] | None = None

    def put(self, context, item, text: str) -> None:
        if self.write is not None:
            self.write(context, item, text)
            return
        *path, last = self.attribute.split(".")
        for step in path:
            item = getattr(item, step)
        setattr(item, last, text)


# formulations without parameters that title a table the tool builds: name → the table
TABLE_TITLES: dict[str, Callable[[Any], Any]] = {
    "tabellrubrik_malomraden": lambda c: getattr(c, "tabell", {}).get("iakttagelser"),
}

PER_ITEM = {
    VERKSAMHET_SENTENCE: PerItem("verksamhet", "v", lambda c: [
        (f"verksamheten {v.namn}", v) for v in c.verksamheter + c.utanfor], "mening"),
    LIST_SENTENCE: PerItem("lista", "v", lambda c: [
        (f"listan {listed.namn}", listed) for listed in c.listor.values()], "mening"),
    # a chart's caption and title, and its alt text (also the PDF's /Alt)
    "diagram_titel": PerItem("diagram", "d", lambda c: [
        (f"diagrammet {chart.namn or chart.typ}", chart) for chart in _charts(c)], "title"),
    "diagram_alttext": PerItem("diagram", "d", lambda c: [
        (f"diagrammet {chart.namn or chart.typ}", chart) for chart in _charts(c)], "alt_text"),
    # the caption's number, `Diagram 1.`, for each number a chart of the report can have
    "diagram_nummer": PerItem("diagram", "nr", _chart_numbers, write=_write_caption_numbers),
    # the first column's title of a målområde's tables
    "tabellrubrik_indikatorer": PerItem("målområde", "m", _goals_with("indikatorer"),
                                        "indikatorer.label_title"),
    "tabellrubrik_ataganden": PerItem("målområde", "m", _goals_with("ataganden"),
                                      "ataganden.label_title"),
}
NAME = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(\(.*\))?$", re.DOTALL)
SMART_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
SPACES = re.compile(r"[ \t\r\n]+")
TAG = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)


class WordingError(ValueError):
    """A row of formuleringar.docx that cannot be a formulation; the message names it."""


@dataclass(frozen=True)
class Formulation:
    name: str
    parameters: str  # `(x, mot_budget=true)`, or `()`
    source: str
    row: int  # the table row as Word counts it, for messages
    file: str = ""  # the file the row is in

    @property
    def without_arguments(self) -> bool:
        return self.parameters.replace(" ", "") == "()"

    def macro(self) -> str:
        return f"{{% macro {self.name}{self.parameters} %}}{self.source}{{% endmacro %}}"


def _plain_quotes(source: str) -> str:
    """Word turns ' into ’ as the kansli types; inside a tag that would break the template."""
    return TAG.sub(lambda m: m.group(0).translate(SMART_QUOTES), source)


@dataclass(frozen=True)
class RowProblem:
    """A row of formuleringar.docx that cannot be used as written, and what to change."""
    row: int  # as Word counts the table's rows; 0 for the file as a whole
    name: str
    message: str


HEADER = ("namn", "formulering")


def _wording_table(tables: list) -> tuple[int, list] | None:
    """(number, rows) of the table that holds the wording: the one headed `Namn |
    Formulering` wherever it sits (a version table may come first), else the only table."""
    for number, rows in enumerate(tables, start=1):
        if rows and tuple(t.strip().casefold() for t, _ in rows[0][:2]) == HEADER:
            return number, rows
    return (1, tables[0]) if len(tables) == 1 else None


def _forgiven_name(name: str) -> str:
    """Word capitalises the first letter of a cell as the kansli types: `Ekonomisk_summering`
    means `ekonomisk_summering` (names are written in lower case)."""
    rest = name[1:]
    return name[:1].lower() + rest if name[:1].isupper() and rest == rest.lower() else name


def reserved_names() -> dict[str, str]:
    """Names a row must not take, with what they already are: the context's variables (but for
    the sentence fields the rows write) and the filters and tests."""
    from ..compute.context import ReportContext
    from .filters import FILTERS, TESTS

    names = {f.name: "variabeln" for f in dataclasses.fields(ReportContext)
             if f.name not in SENTENCE_FIELDS}
    names.update({name: "filtret" for name in FILTERS})
    names.update({name: "testet" for name in TESTS})
    names.update({name: "Jinjas eget namn" for name in ("range", "loop", "namespace", "dict",
                                                        "cycler", "joiner", "caller", "varargs",
                                                        "kwargs", "self", "true", "false",
                                                        "none", "True", "False", "None")})
    return names


def _row_problem(name: str, parameters: str | None, seen: dict[str, int], reserved: dict
                 ) -> str | None:
    if name in seen:
        return (f"Namnet ”{name}” står redan på rad {seen[name]}; den senare raden skulle "
                f"tyst ersätta den. Ge raderna olika namn eller ta bort den ena.")
    if name in reserved:
        return (f"”{name}” är redan {reserved[name]} med samma namn; en rad som heter så "
                f"skulle skymma det i alla formuleringar. Byt namn på raden.")
    if parameters and name in SENTENCE_FIELDS and parameters.replace(" ", "") != "()":
        return (f"”{name}” skriver en mening i rapporten och tar inga parametrar; ta bort "
                f"”{parameters.strip()}” efter namnet.")
    if parameters and name in TABLE_TITLES and parameters.replace(" ", "") != "()":
        return (f"”{name}” skriver en tabellrubrik och tar inga parametrar; ta bort "
                f"”{parameters.strip()}” efter namnet.")
    if name in PER_ITEM and not parameters:
        each = PER_ITEM[name]
        return (f"”{name}” skrivs en gång per {each.noun} och behöver en parameter: skriv "
                f"”{name}({each.parameter})” och använd {each.parameter} i formuleringen.")
    return None


def read_wording(path: Path) -> tuple[list[Formulation], list[RowProblem]]:
    """The formulations of one formuleringar.docx, and each row that cannot be used as
    written (the rest are still read, so one check names every problem)."""
    tables = wordxml.document_tables(path)
    found = _wording_table(tables)
    if found is None:
        what = (f"{path.name} har {len(tables)} tabeller men ingen med rubrikerna Namn | "
                f"Formulering" if tables else f"{path.name} har ingen tabell")
        return [], [RowProblem(0, "", f"{what}. Formuleringarna ska stå i en Word-tabell med "
                                      f"rubrikerna Namn | Formulering, en formulering per rad.")]
    table_number, rows = found
    formulations: list[Formulation] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    reserved = reserved_names()
    for number, cells in enumerate(rows, start=1):
        if len(cells) < 2 or number == 1 and cells[0][0].strip().casefold() == HEADER[0]:
            continue  # the header row
        (name, name_merged), source = (cells[0][0].strip(), cells[0][1]), cells[1][0]
        if not name and not source.strip():
            continue
        match = NAME.match(_forgiven_name(name.translate(SMART_QUOTES)))
        if name_merged:
            problems.append(RowProblem(number, name, "Namncellen är sammanfogad med en "
                                       "annan cell; dela cellerna i Word (Layout › Dela "
                                       "celler) så att varje rad har ett eget namn."))
        elif not match:
            where = "" if table_number == 1 else f" (tabell {table_number})"
            problems.append(RowProblem(number, name, f"”{name}”{where} går inte att använda "
                                       f"som namn på en formulering: bara bokstäverna a–z, "
                                       f"siffror och _, t.ex. egen_mening."))
        elif problem := _row_problem(match.group(1), match.group(2), seen, reserved):
            problems.append(RowProblem(number, match.group(1), problem))
        else:
            seen[match.group(1)] = number
            formulations.append(Formulation(match.group(1), match.group(2) or "()",
                                            _plain_quotes(source), number, path.name))
    return formulations, problems


def read_formulations(path: Path) -> list[Formulation]:
    formulations, problems = read_wording(path)
    if problems:
        first = problems[0]
        raise WordingError(f"{path.name}, tabellrad {first.row}: {first.message}")
    return formulations


def merged(defaults: list[Formulation], own: list[Formulation]) -> list[Formulation]:
    """The kansli's rows replace the default rows of the same name; new names are added."""
    by_name = {f.name: f for f in defaults}
    by_name.update({f.name: f for f in own})
    return list(by_name.values())


def module_source(formulations: list[Formulation]) -> str:
    """One macro a line (a formulation's own line breaks kept), so an error's line number
    leads back to its table row."""
    return "\n".join(f.macro() for f in formulations)


def formulation_at(formulations: list[Formulation], lineno: int | None) -> Formulation | None:
    line = 1
    for formulation in formulations:
        last = line + formulation.macro().count("\n")
        if lineno is not None and line <= lineno <= last:
            return formulation
        line = last + 1
    return None


def tidy(text: str) -> str:
    """One space between words however the template spreads its tags over lines (a
    non-breaking space inside a figure stays)."""
    return SPACES.sub(" ", str(text)).strip()


@dataclass(frozen=True)
class Failure:
    formulation: Formulation | None  # the row the error happened in
    error: Exception
    whom: str = ""  # `verksamheten Bibliotek` when only that call failed


def apply_formulations(context, formulations: list[Formulation], environment,
                       skip: frozenset[str] = frozenset(),
                       line_of: Callable[[BaseException], int | None] = lambda exc: None
                       ) -> list[Failure]:
    """Write every formulation into the context, each called once as the report calls it (for
    every verksamhet, list, chart and målområde): its sentence fields, each item's (PER_ITEM:
    `verksamheter[].mening`, a chart's title), the tables' titles, the `formulering` record, and
    the decision when the sheet Beslut is empty. A call that fails is written empty and
    returned as a failure (one per row and error; `line_of(exc)` finds the template line it
    happened on), so one pass both writes the wording and finds what is wrong with it. Those
    named in `skip` are written empty."""
    from ..compute.context import ReportContext, use_default_decisions

    found: dict[tuple, Failure] = {}

    def attempt(formulation: Formulation, whom: str, call) -> str | None:
        try:
            return _call(environment, call)
        except Exception as exc:
            row = formulation_at(formulations, line_of(exc)) or formulation
            found.setdefault((row.row, row.name, str(exc)), Failure(row, exc, whom))
            return None

    names = {f.name for f in formulations} - skip
    by_name = {f.name: f for f in formulations if f.name in names}
    try:
        module = formulation_module(formulations, context, environment)
    except Exception as exc:  # a syntax error names its line; nothing can be written
        names, module = set(), None
        found[("module",)] = Failure(formulation_at(formulations, line_of(exc)), exc)
    written: dict[str, str] = {}
    for f in formulations:
        if f.without_arguments:
            text = attempt(f, "", getattr(module, f.name)) if f.name in names else None
            written[f.name] = text or ""
        if f.name in PER_ITEM and f.name in names:
            each, macro = PER_ITEM[f.name], getattr(module, f.name)
            for whom, item in each.items(context):
                text = attempt(f, whom, lambda macro=macro, item=item: macro(item))
                if text is None:
                    break  # one failure per row: the other items would repeat it
                each.put(context, item, text)
    for field_name in SENTENCE_FIELDS:
        if field_name in written:
            setattr(context, field_name, written[field_name])
    for name, table_of in TABLE_TITLES.items():
        table = table_of(context)
        if name in written and table is not None and table.label_title is not None:
            table.label_title = written[name]
    if module is not None:
        Reworded(Labels(module, by_name, attempt).worded).reword(context)
    context.formulering = written
    if isinstance(context, ReportContext):
        use_default_decisions(context, written)
    return list(found.values())


class Labels:
    """The kansli's words for the tables' worded labels (`Worded`): each formulation called
    once per label and arguments; a label whose formulation fails keeps today's words (the
    failure is a finding)."""

    def __init__(self, module, by_name: dict[str, Formulation], attempt):
        self.module, self.by_name, self.attempt = module, by_name, attempt
        self.texts: dict[tuple, str | None] = {}
        self.found: dict[tuple, Worded] = {}

    def text(self, label: Worded, args: tuple) -> str | None:
        key = (label.word, args)
        if key not in self.texts:
            formulation = self.by_name.get(label.word)
            macro = getattr(self.module, label.word, None) if formulation is not None else None
            self.texts[key] = None if macro is None else self.attempt(
                formulation, f"tabellens ”{label}”", lambda: macro(*args))
        return self.texts[key]

    def worded(self, label: Worded) -> Worded:
        """`label` in the kansli's words (in each unit, for a title with one), still naming
        its formulation."""
        key = (label.word, label.args, str(label))
        if key not in self.found:
            self.found[key] = self._worded(label)
        return self.found[key]

    def _worded(self, label: Worded) -> Worded:
        args = tuple(str(self.worded(a)) if isinstance(a, Worded) else a for a in label.args)
        text = self.text(label, args)
        found = Worded(str(label) if text is None else text, label.word, *label.args)
        if any(isinstance(a, str) and a in AMOUNT_WORDS for a in args):
            for unit in AMOUNT_WORDS:
                other = self.text(label, tuple(unit if isinstance(a, str) and a in AMOUNT_WORDS
                                               else a for a in args))
                if other is not None:
                    found.by_unit[unit] = other
        return found


# what the context holds that never holds a table: not walked
WITHOUT_TABLES = (FigureSet, EconomyFigures, Chart, Text)


class Reworded:
    """The context with each table that has worded labels replaced by a copy in the kansli's
    words (`reword`). The computed tables keep today's words: the figure book and the sums
    look their rows up by them."""

    def __init__(self, worded: Callable[[Worded], Worded]):
        self.worded = worded
        self.copies: dict[int, Table] = {}  # the same table, wherever it is, one copy
        self.catalogues: dict[int, dict] = {}
        self.seen: set[int] = set()

    def reword(self, value) -> Any:
        """`value` (the context, or anything in it) with its tables reworded."""
        if isinstance(value, Table):
            if id(value) not in self.copies:
                self.copies[id(value)] = self._table(value)
            return self.copies[id(value)]
        if isinstance(value, (str, int, float, Decimal, *WITHOUT_TABLES)) or value is None \
                or id(value) in self.seen:
            return value
        self.seen.add(id(value))
        if isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = self.reword(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                value[key] = self.reword(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) \
                and not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            for field in dataclasses.fields(value):
                item = getattr(value, field.name)
                new = self.reword(item)
                if new is not item:
                    setattr(value, field.name, new)
        return value

    def _word(self, label):
        return self.worded(label) if isinstance(label, Worded) else label

    def _column(self, column):
        if not isinstance(column.title, Worded):
            return column
        return dataclasses.replace(column, title=self.worded(column.title))

    def _catalogue(self, catalogue: dict | None) -> dict | None:
        """A table's named columns (`kolumner(…)`), shared by the tables: reworded once."""
        if not catalogue:
            return catalogue
        if id(catalogue) not in self.catalogues:
            self.catalogues[id(catalogue)] = {name: self._column(c)
                                              for name, c in catalogue.items()}
        return self.catalogues[id(catalogue)]

    def _table(self, table: Table) -> Table:
        labels = [table.label_title, table.rounding_label, *(c.title for c in table.columns),
                  *(r.label for r in table.rows)]
        if not any(isinstance(label, Worded) for label in labels):
            return table
        return dataclasses.replace(
            table, label_title=self._word(table.label_title),
            rounding_label=self._word(table.rounding_label),
            columns=[self._column(c) for c in table.columns],
            catalogue=self._catalogue(table.catalogue),
            rows=[dataclasses.replace(r, label=self.worded(r.label))
                  if isinstance(r.label, Worded) else r for r in table.rows])


def _call(environment, call) -> str:
    """One call of a formulation, with the sandbox's whole time and step budget: a row that
    loops is the only row stopped."""
    reset = getattr(getattr(environment, "budget", None), "reset", None)
    if reset is not None:
        reset()
    with watched(environment):
        return tidy(call())


def formulation_module(formulations: list[Formulation], context, environment):
    """All formulations as macros of one sandboxed module over the context's variables."""
    variables = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    with watched(environment):
        return environment.from_string(module_source(formulations)).make_module(variables)


def watched(environment):
    """The sandbox's time and step budget around work Jinja does outside `render`."""
    budget = getattr(environment, "budget", None)
    return budget.watching() if budget is not None else contextlib.nullcontext()


def wording_file(folder: Path) -> Path | None:
    """The folder's formuleringar.docx, however Word or the file system capitalised it."""
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.iterdir()) if p.is_file()
                 and unicodedata.normalize("NFC", p.name).casefold() == WORDING_FILE), None)


def wording_files(default_dir: Path, override_dir: Path | None) -> list[Path]:
    files = [default_dir / WORDING_FILE]
    own = wording_file(override_dir) if override_dir is not None else None
    if own is not None and own.resolve() != files[0].resolve():
        files.append(own)
    return [f for f in files if f.is_file()]
