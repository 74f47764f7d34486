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
from dataclasses import dataclass
from pathlib import Path

from . import wordxml

WORDING_FILE = "formuleringar.docx"
# the context's sentence fields, and the formulation that writes each
SENTENCE_FIELDS = ("ekonomisk_sammanfattning", "ekonomi_inledning", "investeringsmening",
                   "rubrik_enheter", "rubrik_verksamheter")
VERKSAMHET_SENTENCE = "verksamhet_mening"  # called once per verksamhet → verksamheter[].mening
LIST_SENTENCE = "lista_mening"  # called once per list → listor[namn].mening
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

    @property
    def without_arguments(self) -> bool:
        return self.parameters.replace(" ", "") == "()"

    def macro(self) -> str:
        return f"{{% macro {self.name}{self.parameters} %}}{self.source}{{% endmacro %}}"


def _plain_quotes(source: str) -> str:
    """Word turns ' into ’ as the kansli types; inside a tag that would break the template."""
    return TAG.sub(lambda m: m.group(0).translate(SMART_QUOTES), source)


def read_formulations(path: Path) -> list[Formulation]:
    rows = wordxml.first_table_rows(path)
    formulations = []
    for number, cells in enumerate(rows, start=1):
        if len(cells) < 2 or number == 1 and cells[0].strip().casefold() == "namn":
            continue  # the header row
        name, source = cells[0].strip(), cells[1]
        if not name and not source.strip():
            continue
        match = NAME.match(name.translate(SMART_QUOTES))
        if not match:
            raise WordingError(f"{path.name}, tabellrad {number}: ”{name}” går inte att använda "
                               f"som namn på en formulering (bokstäver a–z, siffror och _).")
        formulations.append(Formulation(match.group(1), match.group(2) or "()",
                                        _plain_quotes(source), number))
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


def apply_formulations(context, formulations: list[Formulation], environment) -> None:
    """Write every formulation into the context: its sentence fields, `verksamheter[].mening`
    and the `formulering` record."""
    names = {f.name for f in formulations}
    module = formulation_module(formulations, context, environment)
    with watched(environment):
        written = {f.name: tidy(getattr(module, f.name)())
                   for f in formulations if f.without_arguments}
        if VERKSAMHET_SENTENCE in names:
            for verksamhet in context.verksamheter + context.utanfor:
                verksamhet.mening = tidy(getattr(module, VERKSAMHET_SENTENCE)(verksamhet))
        if LIST_SENTENCE in names:
            for listed in context.listor.values():
                listed.mening = tidy(getattr(module, LIST_SENTENCE)(listed))
    for field_name in SENTENCE_FIELDS:
        if field_name in written:
            setattr(context, field_name, written[field_name])
    context.formulering = written


def formulation_module(formulations: list[Formulation], context, environment):
    """All formulations as macros of one sandboxed module over the context's variables."""
    variables = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    with watched(environment):
        return environment.from_string(module_source(formulations)).make_module(variables)


def failures(formulations: list[Formulation], context, environment, line_of
             ) -> list[tuple[Formulation | None, Exception]]:
    """Every formulation tried against `context`: (formulation, error) for those that fail.
    `line_of(exc)` finds the template line an error happened on."""
    try:
        module = formulation_module(formulations, context, environment)
    except Exception as exc:  # a syntax error names its line
        return [(formulation_at(formulations, line_of(exc)), exc)]
    found: list[tuple[Formulation | None, Exception]] = []
    for formulation in formulations:
        arguments = [context.verksamheter[0]] if formulation.name == VERKSAMHET_SENTENCE and \
            context.verksamheter else []
        if formulation.name == LIST_SENTENCE and context.listor:
            arguments = [next(iter(context.listor.values()))]
        if not formulation.without_arguments and not arguments:
            continue  # a helper taking arguments is tried through the formulations that call it
        try:
            with watched(environment):
                getattr(module, formulation.name)(*arguments)
        except Exception as exc:
            found.append((formulation_at(formulations, line_of(exc)) or formulation, exc))
    return found


def watched(environment):
    """The sandbox's time and step budget around work Jinja does outside `render`."""
    budget = getattr(environment, "budget", None)
    return budget.watching() if budget is not None else contextlib.nullcontext()


def wording_files(default_dir: Path, override_dir: Path | None) -> list[Path]:
    files = [default_dir / WORDING_FILE]
    if override_dir is not None and (override_dir / WORDING_FILE).is_file():
        files.append(override_dir / WORDING_FILE)
    return [f for f in files if f.is_file()]


def load_formulations(default_dir: Path, override_dir: Path | None) -> list[Formulation]:
    formulations: list[Formulation] = []
    for path in wording_files(default_dir, override_dir):
        formulations = merged(formulations, read_formulations(path))
    return formulations
