"""Templates the kansli owns: check them, and list the variables they may use.

The check fills each template in against the example's context exactly as a report does
(`render_template`: render returns its failures, located, and they become findings here) and
reports each problem at the paragraph where it sits.
"""

from __future__ import annotations

import dataclasses
import re
import typing
import unicodedata
from decimal import Decimal
from pathlib import Path

from ..contract import fmt
from ..contract.findings import (Findings, M01_SYNTAX, M02_OKAND_VARIABEL, M03_SANDLADA,
                                 M04_MALLFEL, M05_MALL_SAKNAS, M06_FORMAT_SAKNAS, M07_MALLGRANS,
                                 M08_ALT_TEXT, M09_FORALDRAT_NAMN, M10_AVSNITT_I_EXEMPLET,
                                 M11_FORMULERINGSRAD, M12_MALLFIL, Rule, TemplatePart,
                                 WordingRow,
                                 template_place)

if typing.TYPE_CHECKING:
    from ..render.document import Rendered
    from ..render.located import Failure


def swedish(cause: BaseException | str) -> str:
    """An error a template raised, in Swedish, invisible characters named."""
    from ..compute.tables import MissingColumn
    from ..render.filters import FilterError
    from ..render.located import BlockError, show_invisible
    from ..render.sandbox import BudgetExceeded
    from ..render.wording import WordingError
    from .swedish import in_swedish

    if isinstance(cause, str):
        cause = Exception(cause)
    return show_invisible(in_swedish(cause, (FilterError, BudgetExceeded, BlockError,
                                             WordingError, MissingColumn)))


def _rule_for(cause: BaseException) -> Rule:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from ..render.sandbox import LIMITS_REACHED

    if isinstance(cause, TemplateSyntaxError):
        return M01_SYNTAX
    if isinstance(cause, UndefinedError):
        # a missing element or argument is no unknown name: the Swedish message says it all
        unknown = not re.search(r"has no element|was not provided", str(cause))
        return M02_OKAND_VARIABEL if unknown else M04_MALLFEL
    if isinstance(cause, LIMITS_REACHED):
        return M07_MALLGRANS
    if isinstance(cause, SecurityError) or "no loader" in str(cause):
        return M03_SANDLADA
    return M04_MALLFEL

def check_wording(paths: list[Path], context, findings: Findings
                  ) -> tuple[list, frozenset[str]]:
    """formuleringar.docx written into the context in one pass, each row called as the report
    calls it (for every verksamhet, list, chart and målområde), problems named by table row.
    `paths`: the default file first, then a template folder's own. A row that fails is written
    empty, so the documents can still be tried with the rest. Returns the rows that can be
    used and the names of those that fail."""
    from ..render.located import Failure, Place, template_line
    from ..render.sandbox import sandbox_environment
    from ..render.wording import apply_formulations, merged, read_wording

    formulations: list = []
    for path in paths:
        try:
            rows, problems = read_wording(path)
        except Exception:
            findings.add(M05_MALL_SAKNAS, TemplatePart(path.name),
                         found=f"{path.name} kan inte öppnas som Word-dokument (.docx)")
            continue
        for problem in problems:
            at = WordingRow(path.name, problem.row, problem.name) if problem.row \
                else TemplatePart(path.name)
            findings.add(M11_FORMULERINGSRAD, at, found=problem.message)
        formulations = merged(formulations, rows)
    failed = set()
    for failure in apply_formulations(context, formulations, sandbox_environment(
            autoescape=False), line_of=template_line):
        formulation = failure.formulation
        where = f"rad {formulation.row} ({formulation.name})" if formulation else ""
        if failure.whom:
            where += f", för {failure.whom}"
        source = formulation.source if formulation else ""
        place = Place("tabell", where, (source[:70] + "…") if len(source) > 70 else source)
        file_name = formulation.file if formulation and formulation.file else paths[-1].name
        add_failure(Failure(place, failure.error), file_name, findings)
        failed.update([formulation.name] if formulation else [f.name for f in formulations])
    return formulations, frozenset(failed)


class StandIns(dict):
    """One of the kommun's own section records of the example (`text`, `listor`, `tabeller`,
    `kapitel`): a name the example does not have is answered by one of its own sections, so
    the rest of the template is still tried, and the name is noted (M10) instead of stopping
    the check at a section that the kommun's own folder will have."""

    RECORDS = ("text", "listor", "tabeller", "kapitel")

    def __init__(self, values: dict, record: str, used: dict[str, str]):
        super().__init__(values)
        self.record, self.used = record, used
        self.stand_in_name = next(iter(values), None)

    def __missing__(self, key):
        if not isinstance(key, str) or key.startswith("_") or self.stand_in_name is None:
            raise KeyError(key)
        self.used.setdefault(f"{self.record}.{key}", f"{self.record}.{self.stand_in_name}")
        return self[self.stand_in_name]

    @classmethod
    def install(cls, context) -> dict[str, str]:
        """Every section record of `context` answered so; returns the names used (filled in as
        templates are tried)."""
        used: dict[str, str] = {}
        for record in cls.RECORDS:
            setattr(context, record, cls(getattr(context, record), record, used))
        return used


def stand_in_findings(used: dict[str, str] | None, places: list[tuple[str, str, str, str]],
                      findings: Findings) -> None:
    """An M10 warning for each section the example lacked since the last call, at the first of
    `places` (file, part or table, paragraph or row, text) that names it."""
    if not used:
        return
    for name, stand_in in used.items():
        named = re.compile(rf"{re.escape(name)}\b")
        file, sheet, cell, _ = next((place for place in places if named.search(place[3])),
                                    (places[0][0] if places else "", "", "", ""))
        findings.add(M10_AVSNITT_I_EXEMPLET, template_place(file, sheet, cell), found=name,
                     expected=stand_in)
    used.clear()


def add_failure(failure: Failure, file_name: str, findings: Findings) -> None:
    """A template that could not be filled in, as a finding at its paragraph."""
    place, cause = failure.place, failure.cause
    rule = _rule_for(cause)
    text = f"i ”{place.text}”" if place.text else "i mallen"
    message = swedish(cause)
    expected = {M01_SYNTAX: f"{text}; varje {{{{ }}}} och {{% %}} ska vara hel och stängd",
                M02_OKAND_VARIABEL: text}.get(rule, text)
    findings.add(rule, template_place(file_name, place.part, place.where), found=message,
                 expected=expected)


def not_a_word_file(path: Path, findings: Findings) -> None:
    findings.add(M05_MALL_SAKNAS, TemplatePart(path.name),
                 found=f"{path.name} kan inte öppnas som Word-dokument (.docx)")


def render_template(path: Path, context, findings: Findings, **properties) -> Rendered | None:
    """The one way a template is filled in, for `report` and for `templates check` alike: the
    document, or None with each failure a finding at its place (M01–M05, M07)."""
    from ..render.document import render
    from ..render.located import UnreadableTemplate

    if not is_word_file(path):
        not_a_word_file(path, findings)
        return None
    rendered = render(path, context, **properties)
    for failure in rendered.failures:
        if isinstance(failure.cause, UnreadableTemplate):
            not_a_word_file(path, findings)
        else:
            add_failure(failure, path.name, findings)
    return None if rendered.failures else rendered


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
        not_a_word_file(path, findings)
        return None
    try:
        template = LocatedTemplate(str(path))
        template.init_docx()
        template.get_docx().styles  # noqa: B018 (reads styles.xml: a broken one fails here)
    except Exception:
        not_a_word_file(path, findings)
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
    from ..render import styles as st
    from ..render.document import toc_levels
    from ..render.wordxml import toc_field

    styles = st.Styles(document)
    required = list(st.REQUIRED)
    toc = toc_field(document.element.body)
    if toc is not None:
        required += [st.TOC[level].name for level in toc_levels(toc)]
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


def check_template(path: Path, context, findings: Findings,
                   stand_ins: dict[str, str] | None = None) -> None:
    """One document tried against `context` as a report fills it in: each problem a finding at
    its paragraph. The sections `stand_ins` noted while it was tried are warned about where it
    names them."""
    from ..render.wordxml import paragraph_places
    from .output import check_structure

    template = open_template(path, findings)
    if template is None:
        return
    document = template.get_docx()
    for style in missing_styles(document):
        findings.add(M06_FORMAT_SAKNAS, TemplatePart(path.name), found=style)
    for where in pictures_without_alt_text(document):
        findings.add(M08_ALT_TEXT, TemplatePart(path.name, where))
    rendered = render_template(path, context, findings, title="", subject="", author="",
                               moment=None)
    if rendered is not None:  # a loop that empties a table, …
        check_structure(rendered, path.name, findings,
                        expected="Word skulle behöva reparera dokumentet")
    places = []
    for part, xml in _parts(template):
        try:
            places += [(path.name, template.part_label(part), where, text)
                       for where, text in paragraph_places(xml)]
        except Exception:  # unreadable XML is reported by the check itself
            continue
    warn_renamed(places, findings)
    stand_in_findings(stand_ins, places, findings)


TAG = re.compile(r"\{[{%].*?(?:[}%]\}|$)", re.DOTALL)
FILTER_OR_TEST_BEFORE = re.compile(r"(?:\||\bis(?:\s+not)?)\s*$")


def uses_variable(text: str, name: str) -> bool:
    """Whether a tag in `text` reads the variable `name` (not an attribute, a filter or a test
    of that name: `skrivelse_datum | datum('iso')` uses the filter datum)."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    for tag in TAG.finditer(text):
        for match in word.finditer(tag.group(0)):
            if not FILTER_OR_TEST_BEFORE.search(tag.group(0)[:match.start()]):
                return True
    return False


def warn_renamed(places: list[tuple[str, str, str, str]], findings: Findings) -> None:
    """A variable an earlier release called something else: it still works; say its name now,
    at the paragraph that uses it. `places`: (file, part, paragraph, text)."""
    from ..compute.context import RENAMED

    for old, new in RENAMED.items():
        for file, part, where, text in places:
            if uses_variable(text, old):
                findings.add(M09_FORALDRAT_NAMN, template_place(file, part, where),
                             found=old, expected=new)


WORD_TEMPLATE_KINDS = {".dotx": "en Word-mall (.dotx)", ".dotm": "en Word-mall med makron (.dotm)",
                       ".docm": "ett Word-dokument med makron (.docm)",
                       ".doc": "ett Word-dokument i det gamla formatet (.doc)",
                       ".odt": "ett OpenDocument-dokument (.odt)"}
SKIPPED_FILES = {"~$": "Words låsfil medan dokumentet är öppet",
                 "._": "en fil med Finder-information som macOS lägger bredvid"}


def file_key(path: Path) -> str:
    """A file's name as Word and Windows compare names: without regard to case or to how
    macOS wrote the å, ä, ö."""
    return unicodedata.normalize("NFC", path.name).casefold()


def skipped_note(path: Path) -> str | None:
    for prefix, what in SKIPPED_FILES.items():
        if path.name.startswith(prefix):
            return f"Hoppade över {path.name} i {path.parent.name}: {what}."
    return None


# `tjänsteskrivelse.ingen` in a template folder: the decision has no tjänsteskrivelse (a folder
# without the file keeps the default one, as folders made for earlier releases expect)
LEFT_OUT_SUFFIXES = (".ingen", ".ingen.txt")
REPORT_DOCUMENT = "rapport.docx"  # the one document a folder cannot leave out


def left_out(templates: Path | None) -> set[str]:
    """The default documents a template folder leaves out, casefolded: `tjänsteskrivelse.ingen`
    (an empty file; `.ingen.txt` as Windows may save it) → no `tjänsteskrivelse.docx`. The
    report itself cannot be left out."""
    if templates is None or not templates.is_dir():
        return set()
    names = set()
    for path in templates.iterdir():
        name = unicodedata.normalize("NFC", path.name)
        for suffix in LEFT_OUT_SUFFIXES:
            if name.casefold().endswith(suffix) and len(name) > len(suffix):
                names.add((name[:-len(suffix)] + ".docx").casefold())
    return names - {REPORT_DOCUMENT}


def folder_documents(folder: Path, findings: Findings, notes: list[str]) -> dict[str, Path]:
    """The documents of a template folder by name (case folded): each .docx but the wording;
    Word templates and macro files named in a finding, Word's lock files skipped with a note,
    two files whose names differ only in case a finding."""
    from ..render.wording import WORDING_FILE

    documents: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        suffix = path.suffix.lower()
        if suffix not in WORD_TEMPLATE_KINDS and suffix != ".docx":
            continue
        if note := skipped_note(path):
            notes.append(note)
            continue
        if path.name.startswith("."):
            continue  # a hidden file, as the report folder's
        if suffix in WORD_TEMPLATE_KINDS:
            findings.add(M12_MALLFIL, TemplatePart(path.name),
                         found=f"{path.name} är {WORD_TEMPLATE_KINDS[suffix]} och används inte.",
                         expected="Öppna den i Word och spara den som Word-dokument (.docx) "
                                  "med samma namn, eller flytta den ur mallmappen.")
            continue
        key = file_key(path)
        if key == WORDING_FILE:
            continue
        if key in documents:
            name_clash(findings, path, documents[key], "har samma namn för Word och Windows "
                       "(bara stora och små bokstäver skiljer).", "Ta bort eller byt namn på "
                       "den ena.")
            continue
        documents[key] = path
    return documents


def name_clash(findings: Findings, path: Path, other: Path, clash: str, advice: str) -> None:
    """Two templates that cannot both be used under their names (M12)."""
    findings.add(M12_MALLFIL, TemplatePart(path.name),
                 found=f"{path.name} och {other.name} {clash}", expected=advice)


def template_targets(target: Path | None, default_dir: Path, findings: Findings,
                     notes: list[str]) -> tuple[list[Path], Path | None]:
    """(documents, the formuleringar.docx that joins the default one) that `target` names:
    a folder as `report --mallar` reads it (the default documents it does not replace
    included, those it leaves out with `tjänsteskrivelse.ingen` not), one document (with
    its folder's wording), or formuleringar.docx itself."""
    from ..render.wording import WORDING_FILE, wording_file

    if target is None or target.is_dir():
        folder = default_dir if target is None else target
        documents = folder_documents(default_dir, Findings(), [])
        before = len(findings)
        own = folder_documents(folder, findings, notes) if folder != default_dir else {}
        wording = wording_file(folder) if folder != default_dir else None
        dropped = left_out(folder) & documents.keys() if folder != default_dir else set()
        if folder != default_dir and not own and wording is None and not dropped and \
                len(findings) == before:
            findings.add(M05_MALL_SAKNAS, found=f"Mappen {folder} har inga .docx-filer")
        documents.update(own)
        return [p for key, p in documents.items() if key not in dropped], wording
    if target.suffix.lower() in WORD_TEMPLATE_KINDS and target.is_file():
        findings.add(M12_MALLFIL, TemplatePart(target.name),
                     found=f"{target.name} är {WORD_TEMPLATE_KINDS[target.suffix.lower()]}.",
                     expected="Spara den i Word som Word-dokument (.docx) och prova den igen.")
        return [], None
    if target.suffix.lower() != ".docx" or not target.is_file():
        findings.add(M05_MALL_SAKNAS, TemplatePart(target.name), found=f"{target} finns inte")
        return [], None
    if file_key(target) == WORDING_FILE:
        return [], target
    return [target], wording_file(target.parent)


def check_files(files: list[Path], context, default_dir: Path, findings: Findings) -> None:
    """Each template tried against `context`; a formuleringar.docx together with the default
    one it overrides row by row."""
    from ..render.wording import WORDING_FILE

    for path in files:
        if file_key(path) == WORDING_FILE:
            default = default_dir / WORDING_FILE
            check_wording([default] + ([path] if path != default else []), context, findings)
        else:
            check_template(path, context, findings)


def template_files(target: Path | None, default_dir: Path, findings: Findings) -> list[Path]:
    """The documents and the wording file `target` names, read as `template_targets` reads a
    template folder."""
    documents, wording = template_targets(target, default_dir, findings, [])
    return documents + ([wording] if wording is not None else [])


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
        first = value.plain.split("\n")[0]
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

    if typing.get_origin(annotation) is dict:
        annotation = typing.get_args(annotation)[1]
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    options = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(options) == 1:
        annotation = options[0]
    opaque = annotation in (Table, Text, Chart)
    return annotation if dataclasses.is_dataclass(annotation) and not opaque else None


def _first(value):
    if isinstance(value, dict):
        value = next(iter(value.values()), None)
    return (value[0] if value else None) if isinstance(value, list) else value


def _inner_name(name: str, annotation) -> str:
    """`verksamheter[]` for a list, `poster.<namn>[]` for a lookup of lists."""
    if typing.get_origin(annotation) is dict:
        name += ".<namn>"
        annotation = typing.get_args(annotation)[1]
    return f"{name}[]" if typing.get_origin(annotation) is list else name


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
            inner = _inner_name(name, annotation)
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
