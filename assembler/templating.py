"""Templates the kansli owns: check them, and list the variables they may use.

The check renders each template against the example's context in the same sandbox as a real
run and reports each problem at the paragraph where it sits.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

from .findings import Findings

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
    from .render.located import show_invisible

    message = message.strip()
    for pattern, swedish_text in _JINJA_MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return show_invisible(swedish_text.format(*match.groups()))
    return show_invisible(message)


def _code_for(cause: BaseException) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .render.sandbox import BudgetExceeded

    if isinstance(cause, TemplateSyntaxError):
        return "M01-SYNTAX"
    if isinstance(cause, UndefinedError):
        return "M02-OKAND-VARIABEL"
    if isinstance(cause, (BudgetExceeded, RecursionError, MemoryError, OverflowError)):
        return "M07-MALLGRANS"
    if isinstance(cause, SecurityError) or "no loader" in str(cause):
        return "M03-SANDLADA"
    return "M04-MALLFEL"


def add_failure(failure: BaseException, file_name: str, findings: Findings) -> None:
    """A template that could not be filled in, as a finding at its paragraph."""
    from .render.located import Place, TemplateFailure

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

    from .read import zip_too_large

    try:
        if zip_too_large(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def open_template(path: Path, findings: Findings):
    """The template ready to render, or None with an M05 finding when it is no Word file."""
    from .render.located import LocatedTemplate

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


def check_template(path: Path, context, findings: Findings) -> None:
    from .render.docx import Converter
    from .render.located import TemplateFailure
    from .render.sandbox import sandbox_environment

    template = open_template(path, findings)
    if template is None:
        return
    names = {s.name for s in template.get_docx().styles}
    for style in REQUIRED_STYLES:
        if style not in names:
            findings.add("M06-FORMAT-SAKNAS", file=path.name, found=style)
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

    names = {str: "text", int: "heltal", bool: "sant/falskt", Table: "tabell ({{p … }})",
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
    text = str(value).replace("\u00a0", " ")
    return (text[:60] + "…") if len(text) > 60 else text


def variable_rows(cls, example, prefix: str = "") -> list[tuple[str, str, str, str]]:
    """(name, type, description, example) for every field, nested records included."""
    rows = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        annotation = hints[field.name]
        value = getattr(example, field.name, None) if example is not None else None
        name = prefix + field.name
        rows.append((name, _type_name(annotation), field.metadata.get("doc", ""), _example(value)))
        item = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None
        if item is not None and dataclasses.is_dataclass(item):
            first = value[0] if value else None
            rows += variable_rows(item, first, prefix=f"{name}[].")
    return rows


def variables_markdown(example) -> str:
    from .context import ReportContext

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
        cells = [name, kind, description, value]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
