"""Templates the kansli owns: check them, and list the variables they may use.

The check renders each template against the example's context in the same sandbox as a real
run and reports each problem at the paragraph where it sits.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from decimal import Decimal
from pathlib import Path

from . import fmt
from .findings import Findings

REQUIRED_STYLES = ["Ekonomitabell", "Tabelltext", "Tabelltal", "Tabellhuvud", "Tabellhuvud tal",
                   "Tabellpunkt", "Tabellavstånd", "Summarad", "Varavrad", "Fotnot",
                   "Heading 1", "Heading 2", "Heading 3", "Rubrik onumrerad", "List Bullet"]
_TAGS = re.compile(r"<[^>]+>")


def _template_line(exc: BaseException) -> int | None:
    """The template line a Jinja error happened on (syntax errors carry it, runtime errors
    in their rewritten traceback)."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def _place(xml_lines: list[str], lineno: int | None, part: str) -> tuple[str, str]:
    """(`stycke 12` or `tabell, stycke 12` in `part`, the paragraph's text)."""
    if not lineno or lineno > len(xml_lines):
        return part, ""
    before = "\n".join(xml_lines[:lineno])
    in_table = before.count("<w:tbl>") + before.count("<w:tbl ") > before.count("</w:tbl>")
    text = _TAGS.sub("", xml_lines[lineno - 1]).strip()
    where = f"{part}, {'tabell, ' if in_table else ''}stycke {max(lineno - 1, 1)}"
    return where, (text[:70] + "…") if len(text) > 70 else text


def _parts(template) -> list[tuple[str, str]]:
    """(name, Jinja source) of the body, headers and footers, prepared as docxtpl does."""
    sources = [("brödtext", template.patch_xml(template.get_xml()))]
    for label, uri in (("sidhuvud", template.HEADER_URI), ("sidfot", template.FOOTER_URI)):
        for _, part in template.get_headers_footers(uri):
            sources.append((label, template.patch_xml(template.get_part_xml(part))))
    return [(name, re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)) for name, xml in sources]


def _check_part(env, name: str, source: str, context: dict, file_name: str,
                findings: Findings) -> None:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    lines = source.split("\n")
    try:
        env.from_string(source).render(context)
    except Exception as exc:  # any failure while filling in: report, do not crash
        where, text = _place(lines, _template_line(exc), name)
        add_template_finding(exc, file_name, where, text, findings)


def add_template_finding(exc: Exception, file_name: str, where: str, text: str,
                         findings: Findings) -> None:
    """The finding for a template error at `where` (whose text is `text`)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateSyntaxError):
        findings.add("M01-SYNTAX", file=file_name, sheet=where, found=f"{exc.message} i ”{text}”",
                     expected="varje {{ }} och {% %} ska vara hel och stängd")
    elif isinstance(exc, SecurityError):
        findings.add("M03-SANDLADA", file=file_name, sheet=where, found=f"”{text}” ({exc})",
                     expected="mallen körs i en sandlåda")
    elif isinstance(exc, UndefinedError):
        variable = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        shown = ".".join(g for g in variable.groups() if g) if variable else str(exc)
        findings.add("M02-OKAND-VARIABEL", file=file_name, sheet=where, found=f"”{shown}”",
                     expected=f"i ”{text}”")
    else:
        findings.add("M04-MALLFEL", file=file_name, sheet=where, found=str(exc),
                     expected=f"i ”{text}”")


def check_wording(paths: list[Path], context, findings: Findings) -> None:
    """formuleringar.docx: each row tried against the context, problems named by table row.
    `paths`: the default file first, then a template folder's own."""
    from .render.docx import sandbox_environment
    from .render.wording import WordingError, failures, merged, read_formulations

    formulations: list = []
    for path in paths:
        try:
            formulations = merged(formulations, read_formulations(path))
        except WordingError as exc:
            findings.add("M04-MALLFEL", file=path.name, found=str(exc),
                         expected="Namn i första kolumnen, formuleringen i den andra")
            return
        except Exception:
            findings.add("M05-MALL-SAKNAS", file=path.name, found=f"{path.name} kan inte öppnas")
            return
    for formulation, exc in failures(formulations, context, sandbox_environment(False),
                                     _template_line):
        where = f"tabellrad {formulation.row} ({formulation.name})" if formulation else "tabellen"
        source = formulation.source if formulation else ""
        add_template_finding(exc, paths[-1].name, where,
                             (source[:70] + "…") if len(source) > 70 else source, findings)


def check_template(path: Path, context, findings: Findings) -> None:
    from docxtpl import DocxTemplate

    from .render.docx import Converter, sandbox_environment

    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception:
        findings.add("M05-MALL-SAKNAS", file=path.name, found=f"{path.name} kan inte öppnas")
        return
    names = {s.name for s in template.get_docx().styles}
    for style in REQUIRED_STYLES:
        if style not in names:
            findings.add("M06-FORMAT-SAKNAS", file=path.name, found=style)
    converted = Converter(template).top_level(context)
    for name, source in _parts(template):
        _check_part(sandbox_environment(), name, source, converted, path.name, findings)
        warn_renamed(source, name, path.name, findings)


def warn_renamed(source: str, part: str, file_name: str, findings: Findings) -> None:
    """A variable an earlier release called something else: it still works; say its name now."""
    from jinja2 import meta

    from .context import RENAMED
    from .render.docx import sandbox_environment

    try:
        used = meta.find_undeclared_variables(sandbox_environment().parse(source))
    except Exception:  # a syntax error is reported by the check itself
        return
    lines = source.split("\n")
    for old in sorted(used & set(RENAMED)):
        lineno = next((i for i, line in enumerate(lines, 1)
                       if re.search(rf"[{{%][^}}%]*\b{old}\b", line)), None)
        where, _ = _place(lines, lineno, part)
        findings.add("M09-FORALDRAT-NAMN", file=file_name, sheet=where, found=old,
                     expected=RENAMED[old])


def template_files(target: Path | None, default_dir: Path, findings: Findings) -> list[Path]:
    if target is None:
        target = default_dir
    if target.is_dir():
        files = sorted(p for p in target.glob("*.docx") if not p.name.startswith("~$"))
        if not files:
            findings.add("M05-MALL-SAKNAS", found=f"Mappen {target} har inga .docx-filer")
        return files
    if target.suffix.lower() != ".docx" or not target.is_file():
        findings.add("M05-MALL-SAKNAS", file=target.name, found=f"{target} finns inte")
        return []
    return [target]


# --- the variable reference -----------------------------------------------------------------

def _type_name(annotation) -> str:
    from .context import Text
    from .tables import Chart, Table

    names = {str: "text", int: "heltal", bool: "sant/falskt", Decimal: "tal",
             Table: "tabell ({{p … }})",
             Text: "stycken ({{p … }})", Chart: "diagram ({{p … }})", dict: "uppslag"}
    if annotation in names:
        return names[annotation]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        kinds = [_type_name(a) for a in args if a is not type(None)]
        return " eller ".join(kinds) + (", kan vara tom" if type(None) in args else "")
    if origin is list:
        return f"lista av {_type_name(args[0])}" if args else "lista"
    if origin is dict:
        return f"uppslag av {_type_name(args[1])}" if args else "uppslag"
    if dataclasses.is_dataclass(annotation):
        return "post"
    return getattr(annotation, "__name__", str(annotation))


def _example(value) -> str:
    from .context import Text
    from .tables import Chart, Table

    if isinstance(value, Table):
        return f"tabell med {len(value.rows)} rader"
    if isinstance(value, Text):
        first = value.paragraphs[0][0] if value.paragraphs else ""
        return (first[:50] + "…") if len(first) > 50 else first
    if isinstance(value, Chart):
        return f"diagram: {value.title}"
    if isinstance(value, list):
        return f"{len(value)} st"
    if isinstance(value, dict):
        return ", ".join(sorted(value)[:6]) + (" …" if len(value) > 6 else "")
    if value is None:
        return "(tom)"
    if isinstance(value, Decimal):
        return fmt.number_str(value, 0 if abs(value) >= 10 else 3)
    if dataclasses.is_dataclass(value):
        return "post"
    text = str(value).replace("\u00a0", " ")
    return (text[:60] + "…") if len(text) > 60 else text


def _record_type(annotation):
    """The record (dataclass) a field holds, directly, in a list, or optionally; tables,
    texts and charts are inserted whole, so their insides are not variables."""
    from .context import Text
    from .tables import Chart, Table

    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    options = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(options) == 1:
        annotation = options[0]
    opaque = annotation in (Table, Text, Chart)
    return annotation if dataclasses.is_dataclass(annotation) and not opaque else None


def _first(value):
    return (value[0] if value else None) if isinstance(value, list) else value


def variable_rows(cls, example, prefix: str = "", shown: dict | None = None
                  ) -> list[tuple[str, str, str, str]]:
    """(name, type, description, example) for every field, nested records included; a record
    type listed once is referred to after that instead of repeated."""
    shown = {} if shown is None else shown
    rows = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        annotation = hints[field.name]
        value = getattr(example, field.name, None) if example is not None else None
        name = prefix + field.name
        record = _record_type(annotation)
        description = field.metadata.get("doc", "")
        if record is not None and record in shown:
            description += f" (samma fält som {shown[record]})"
        rows.append((name, _type_name(annotation), description, _example(value)))
        if record is not None and record not in shown:
            inner = f"{name}[]" if typing.get_origin(annotation) is list else name
            shown[record] = inner
            rows += variable_rows(record, _first(value), f"{inner}.", shown)
    return rows


def variables_markdown(example) -> str:
    from .context import RENAMED, ReportContext
    from .render.filters import FILTER_DOCS

    lines = [
        "# Mallvariabler",
        "",
        "Alla variabler som mallarna i `templates/` kan använda, genererade från verktygets "
        "kontextmodell (`assemble templates vars`). Exemplen kommer från `inputs/exempel/`.",
        "",
        "Vanlig text skrivs `{{ namnd }}`. Tabeller, stycken och diagram infogas som egna "
        "stycken: `{{p tabell.namnd }}`. Listor gås igenom med `{%p for v in verksamheter %}` "
        "… `{%p endfor %}`; `[]` nedan betyder ett element i listan.",
        "",
        "| Variabel | Typ | Beskrivning | Exempel |",
        "|---|---|---|---|",
    ]
    for name, kind, description, value in variable_rows(ReportContext, example):
        lines.append(_markdown_row([name, kind, description, value]))
    lines += ["", "## Filter", "",
              "Siffrorna är oavrundade tal i tkr. Filtren skriver dem som tabellerna gör, så "
              "en mening och en tabell aldrig visar olika belopp. Efter ett teckenord "
              "(`underskott`, `negativ`) skrivs beloppet utan minus: `tecken='inget'`.", "",
              "| Filter | Skriver |", "|---|---|"]
    lines += [_markdown_row([f"`{usage}`", result]) for usage, result in FILTER_DOCS]
    lines += ["", "## Äldre namn", "",
              "Mallar skrivna för en tidigare version fungerar: de gamla namnen når samma värde. "
              "`assemble templates check` påminner om det nya namnet.", "",
              "| Gammalt namn | Heter nu |", "|---|---|"]
    lines += [_markdown_row([old, new]) for old, new in RENAMED.items()]
    return "\n".join(lines) + "\n"


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
