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

from ..contract import fmt
from ..contract.findings import Findings

REQUIRED_STYLES = ["Ekonomitabell", "Tabelltext", "Tabelltal", "Tabellhuvud", "Tabellhuvud tal",
                   "Tabellpunkt", "Tabellavstånd", "Summarad", "Varavrad", "Fotnot",
                   "Heading 1", "Heading 2", "Heading 3", "Rubrik onumrerad", "List Bullet"]

# Jinja's English messages → Swedish, for the errors a kansli makes in Word
_JINJA_MESSAGES = [
    (r"Encountered unknown tag '([^']*)'.*", "okänd tagg ”{0}”"),
    (r"unexpected end of template, expected '([^']*)'.*", "mallen tar slut innan ”{0}” kommer"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
     r"The innermost block that needs to be closed is '([^']*)'.*",
     "blocket ”{1}” stängs aldrig (väntade {0})"),
    (r"unexpected end of template.*", "mallen tar slut mitt i en tagg"),
    (r"unexpected char '(.*)' at \d+", "oväntat tecken ”{0}”"),
    (r"unexpected '(.*)'", "oväntat ”{0}”"),
    (r"expected token '([^']*)', got '(.*)'", "väntade ”{0}” men fick ”{1}”"),
    (r"No filter named '([^']*)'.*", "okänt filter ”{0}”"),
    (r"No test named '([^']*)'.*", "okänt test ”{0}”"),
    (r"tag name expected", "taggens namn saknas efter {{%"),
    (r"Expected an expression, got '(.*)'", "väntade ett uttryck men fick ”{0}”"),
    (r"unexpected end of (?:string|comment)", "en text eller kommentar stängs aldrig"),
    (r"Range too big.*", "range(…) med fler än 100 000 steg"),
    (r"access to attribute '([^']*)' of '([^']*)' object is unsafe\.?",
     "åtkomst till ”{0}” är inte tillåten"),
    (r"(.*) is not safely callable", "anropet {0} är inte tillåtet"),
    (r"no loader for this environment specified",
     "{{% include %}}, {{% import %}} och {{% extends %}} är inte tillåtna i en mall"),
    (r"'(.*)' is undefined", "”{0}”"),
    (r"'(.*)' has no attribute '([^']*)'", "”{1}”"),
    (r"division by zero", "division med noll"),
    (r"maximum recursion depth exceeded.*", "för djup rekursion (ett makro som anropar sig självt?)"),
    (r"unsupported operand type\(s\) for (\S+): '([^']*)' and '([^']*)'",
     "{0} går inte att använda på {1} och {2}"),
    (r"can only concatenate (\w+) \(not \"(\w+)\"\) to (\w+)",
     "det går inte att lägga ihop {0} och {1}"),
]


def swedish(message: str) -> str:
    """Jinja's (and Python's) English message in Swedish, invisible characters named."""
    from ..render.located import show_invisible

    message = message.strip()
    for pattern, swedish_text in _JINJA_MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return show_invisible(swedish_text.format(*match.groups()))
    return show_invisible(message)


def _code_for(cause: BaseException) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from ..render.sandbox import BudgetExceeded

    if isinstance(cause, TemplateSyntaxError):
        return "M01-SYNTAX"
    if isinstance(cause, UndefinedError):
        return "M02-OKAND-VARIABEL"
    if isinstance(cause, (BudgetExceeded, RecursionError, MemoryError, OverflowError)):
        return "M07-MALLGRANS"
    if isinstance(cause, SecurityError) or "no loader" in str(cause):
        return "M03-SANDLADA"
    return "M04-MALLFEL"

def check_wording(paths: list[Path], context, findings: Findings) -> None:
    """formuleringar.docx: each row tried against the context, problems named by table row.
    `paths`: the default file first, then a template folder's own."""
    from ..render.located import Place, TemplateFailure, template_line
    from ..render.sandbox import sandbox_environment
    from ..render.wording import WordingError, failures, merged, read_formulations

    formulations: list = []
    for path in paths:
        try:
            formulations = merged(formulations, read_formulations(path))
        except WordingError as exc:
            findings.add("M04-MALLFEL", file=path.name, found=str(exc),
                         expected="Namn i första kolumnen, formuleringen i den andra")
            return
        except Exception:
            findings.add("M05-MALL-SAKNAS", file=path.name,
                         found=f"{path.name} kan inte öppnas som Word-dokument (.docx)")
            return
    for formulation, failure in failures(formulations, context,
                                         sandbox_environment(autoescape=False), template_line):
        where = f"rad {formulation.row} ({formulation.name})" if formulation else ""
        source = formulation.source if formulation else ""
        place = Place("tabell", where, (source[:70] + "…") if len(source) > 70 else source)
        add_failure(TemplateFailure(failure, place), paths[-1].name, findings)



def add_failure(failure: BaseException, file_name: str, findings: Findings) -> None:
    """A template that could not be filled in, as a finding at its paragraph."""
    from ..render.located import Place, TemplateFailure

    cause = failure.cause if isinstance(failure, TemplateFailure) else failure
    place = failure.place if isinstance(failure, TemplateFailure) else Place("")
    code = _code_for(cause)
    text = f"i ”{place.text}”" if place.text else "i mallen"
    message = swedish(getattr(cause, "message", None) or str(cause) or type(cause).__name__)
    if code == "M04-MALLFEL" and not str(cause):
        message = f"{type(cause).__name__}"
    expected = {"M01-SYNTAX": f"{text}; varje {{{{ }}}} och {{% %}} ska vara hel och stängd",
                "M02-OKAND-VARIABEL": text}.get(code, text)
    findings.add(code, file=file_name, sheet=place.part, cell=place.where, found=message,
                 expected=expected)


def is_word_file(path: Path) -> bool:
    """A zip with a Word body, of a sane size: what docxtpl can open (checked without reading
    the whole file, so a zip bomb is refused before it is unpacked)."""
    import zipfile

    from ..read.workbook import zip_too_large

    try:
        if zip_too_large(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def open_template(path: Path, findings: Findings):
    """The template ready to render, or None with an M05 finding when it is no Word file."""
    from ..render.located import LocatedTemplate

    if not is_word_file(path):
        findings.add("M05-MALL-SAKNAS", file=path.name,
                     found=f"{path.name} kan inte öppnas som Word-dokument (.docx)")
        return None
    try:
        template = LocatedTemplate(str(path))
        template.init_docx()
        template.get_docx().styles  # noqa: B018 (reads styles.xml: a broken one fails here)
    except Exception:
        findings.add("M05-MALL-SAKNAS", file=path.name,
                     found=f"{path.name} kan inte öppnas som Word-dokument (.docx)")
        return None
    return template


def _parts(template) -> list[tuple[object, str]]:
    """(part, XML) of the body, headers and footers, prepared as docxtpl does."""
    parts = [(template.docx._part, template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            parts.append((part, template.get_part_xml(part)))
    return parts


def missing_styles(document) -> list[str]:
    """The styles the tables, lists and headings use, and the TOC's when there is a TOC."""
    from ..render.document import TOC_LEVELS, TOC_STYLES, Styles
    from ..render.wordxml import toc_paragraphs

    styles = Styles(document)
    required = list(REQUIRED_STYLES)
    if toc_paragraphs(document.element.body):
        required += [TOC_STYLES[level] for level in range(1, TOC_LEVELS + 1)]
    return [name for name in required if styles.id(name) is None]


def pictures_without_alt_text(document) -> list[str]:
    """Where each picture without alt text sits (`brödtext, bild 2`): a screen reader has
    nothing to say about it, and the PDF fails the accessibility requirements."""
    from ..render.wordxml import picture_descriptions

    parts = [("brödtext", document.part)] + [
        (label, rel.target_part) for rel in document.part.rels.values()
        for label, kind in (("sidhuvud", "/header"), ("sidfot", "/footer"))
        if rel.reltype.endswith(kind)]
    places = []
    for label, part in parts:
        places += [f"{label}, bild {n}" for n, descr in
                   enumerate(picture_descriptions(part.element), start=1) if not descr.strip()]
    return places


def check_template(path: Path, context, findings: Findings) -> None:
    from ..render.document import Converter
    from ..render.located import TemplateFailure
    from ..render.sandbox import sandbox_environment

    template = open_template(path, findings)
    if template is None:
        return
    document = template.get_docx()
    for style in missing_styles(document):
        findings.add("M06-FORMAT-SAKNAS", file=path.name, found=style)
    for where in pictures_without_alt_text(document):
        findings.add("M08-ALT-TEXT", file=path.name, sheet=where)
    converted = Converter(template).top_level(context)
    env = sandbox_environment()
    for part, xml in _parts(template):
        try:
            template.render_xml_part(template.patch_xml(xml), part, converted, env)
        except TemplateFailure as failure:
            add_failure(failure, path.name, findings)
            if failure.place.part == "" or _code_for(failure.cause) == "M07-MALLGRANS":
                return  # the budget is spent: the other parts would only repeat it
        except Exception as exc:  # docxtpl's own rewriting failed
            add_failure(exc, path.name, findings)
    try:  # the title, subject and author fields may hold template code too
        template.render_properties(converted, env)
    except TemplateFailure as failure:
        add_failure(failure, path.name, findings)
    for part, xml in _parts(template):
        warn_renamed(xml, template.part_label(part), path.name, findings)


def warn_renamed(xml: str, part_label: str, file_name: str, findings: Findings) -> None:
    """A variable an earlier release called something else: it still works; say its name now,
    at the paragraph that uses it."""
    from ..compute.context import RENAMED
    from ..render.located import snippet
    from ..render.wordxml import paragraph_places

    try:
        places = paragraph_places(xml)
    except Exception:  # unreadable XML is reported by the check itself
        return
    for old, new in RENAMED.items():
        used = re.compile(rf"\{{[{{%][^}}%]*(?<![\w.]){old}\b")
        for where, text in places:
            if used.search(text):
                findings.add("M09-FORALDRAT-NAMN", file=file_name, sheet=part_label, cell=where,
                             found=old, expected=new)


def check_files(files: list[Path], context, default_dir: Path, findings: Findings) -> None:
    """Each template tried against `context`; a formuleringar.docx together with the default
    one it overrides row by row."""
    from ..render.wording import WORDING_FILE

    for path in files:
        if path.name == WORDING_FILE:
            default = default_dir / WORDING_FILE
            check_wording([default] + ([path] if path != default else []), context, findings)
        else:
            check_template(path, context, findings)


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
    from ..compute.context import Text
    from ..compute.tables import Chart, Table

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
    from ..compute.context import Text
    from ..compute.tables import Chart, Table

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
    from ..compute.context import Text
    from ..compute.tables import Chart, Table

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
    from ..compute.context import RENAMED, ReportContext
    from ..contract.doc import markdown_lines
    from ..render.filters import FILTER_DOCS

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
    ]
    lines += markdown_lines(["Variabel", "Typ", "Beskrivning", "Exempel"],
                            [list(row) for row in variable_rows(ReportContext, example)])
    lines += ["", "## Filter", "",
              "Siffrorna är oavrundade tal i tkr. Filtren skriver dem som tabellerna gör, så "
              "en mening och en tabell aldrig visar olika belopp. Efter ett teckenord "
              "(`underskott`, `negativ`) skrivs beloppet utan minus: `tecken='inget'`.", ""]
    lines += markdown_lines(["Filter", "Skriver"],
                            [[f"`{usage}`", result] for usage, result in FILTER_DOCS])
    lines += ["", "## Äldre namn", "",
              "Mallar skrivna för en tidigare version fungerar: de gamla namnen når samma värde. "
              "`assemble templates check` påminner om det nya namnet.", ""]
    lines += markdown_lines(["Gammalt namn", "Heter nu"],
                            [[old, new] for old, new in RENAMED.items()])
    return "\n".join(lines) + "\n"
