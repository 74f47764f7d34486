"""All Word XML, written and read, lives here: tables built as XML, repeated header rows, rows
that do not split, the TOC field, heading numbering, core properties and a byte-stable zip; and
the readers the renderer, the output check and the template check look at documents through.
No other module imports lxml or docx.oxml (tests/test_wordxml_only.py); chartxml.py writes the
DrawingML chart parts as text and reads the document's default font from here.

Business logic never comes here; it hands over neutral `Table` data and plain strings.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def element(tag: str, attrs: Mapping[str, object] | None = None, *children) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        el.set(qn(key), str(value))
    for child in children:
        el.append(child)
    return el


def run(text: str, char_style: str | None = None) -> BaseOxmlElement:
    r = element("w:r")
    if char_style:
        r.append(element("w:rPr", None, element("w:rStyle", {"w:val": char_style})))
    t = element("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def paragraph(text: str, style: str | None = None, char_style: str | None = None,
              indent_dxa: int = 0) -> BaseOxmlElement:
    p = element("w:p")
    ppr = element("w:pPr")
    if style:
        ppr.append(element("w:pStyle", {"w:val": style}))
    if indent_dxa:
        ppr.append(element("w:ind", {"w:left": indent_dxa}))
    if len(ppr):
        p.append(ppr)
    if text:
        p.append(run(text, char_style))
    return p


# --- XML as text: tables and paragraphs built in bulk ---------------------------------------
# Building large tables element by element through python-docx costs ~10 µs an element; these
# write the same XML as text, which docxtpl parses once with the rest of the document.



def escape(text: str) -> str:
    """`&`, `<` and `>` as entities, as xml.sax.saxutils.escape (which imports urllib.request
    and http.client, 20 ms at every start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as xml.sax.saxutils.quoteattr."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def _text_xml(text: str) -> str:
    return escape(text)


# a tab, newline, bell or form feed in a run's text: what docxtpl's `resolve_listing` turns into
# Word's tab, line break, new paragraph and page break (the XML between tags does not count)
LISTING_CHARACTERS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")


def has_listing_characters(xml: str) -> bool:
    if "\t" not in xml and "\n" not in xml and "\a" not in xml and "\f" not in xml:
        return False  # the usual case, found without the regex's walk over every tag
    return LISTING_CHARACTERS.search(xml) is not None


def _run_start(char_style: str | None, text: str) -> str:
    props = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    # xml:space only where Word would drop spaces: each attribute costs a node in the tree
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<w:r>{props}<w:t{space}>"


RUN_END = "</w:t></w:r>"


def run_xml(text: str, char_style: str | None = None) -> str:
    return _run_start(char_style, text) + _text_xml(text) + RUN_END


def _paragraph_start(style: str | None, keep_next: bool, indent_dxa: int = 0) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        "<w:keepNext/>" if keep_next else "") + (
        f'<w:ind w:left="{indent_dxa}"/>' if indent_dxa else "")
    return '<w:p>' + (f"<w:pPr>{props}</w:pPr>" if props else "")


def paragraph_xml(text: str, style: str | None = None, char_style: str | None = None,
                  indent_dxa: int = 0, runs: list[tuple[str, str | None]] | None = None,
                  keep_next: bool = False) -> str:
    body = "".join(run_xml(t, s) for t, s in runs) if runs else (
        run_xml(text, char_style) if text else "")
    return _paragraph_start(style, keep_next, indent_dxa) + body + "</w:p>"


@functools.cache
def paragraphs_of(style: str | None, char_style: str | None = None,
                  keep_next: bool = False) -> Callable[[str], str]:
    """`paragraph_xml(text, style, char_style, keep_next=keep_next)` as a function of the text
    alone, its XML around the text written once: a table's thousands of cells share a few."""
    start = _paragraph_start(style, keep_next)
    empty, plain = start + "</w:p>", start + _run_start(char_style, "x")
    spaced, end = start + _run_start(char_style, " "), RUN_END + "</w:p>"

    def paragraph(text: str) -> str:
        if not text:
            return empty
        escaped = escape(text)
        if text[0].isspace() or text[-1].isspace():
            return spaced + escaped + end
        return plain + escaped + end
    return paragraph


LIST_INDENT_DXA = 360  # a numbered item's number hangs this far before its text


def prose_paragraph_xml(runs: list[tuple[str, bool, bool]], style: str | None,
                        number: str = "", num_id: str | None = None) -> str:
    """A paragraph of text from Excel: each run bold or italic as typed (direct formatting,
    as Ctrl+B in Word gives). A list item is an item of Word list `num_id` (Word numbers it);
    without one, a numbered item's `number` is typed, hanging before the text."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else "")
    if number and not num_id:
        props += f'<w:ind w:left="{LIST_INDENT_DXA}" w:hanging="{LIST_INDENT_DXA}"/>'
    body = (run_xml(number) + "<w:r><w:tab/></w:r>") if number and not num_id else ""
    for text, bold, italic in runs:
        looks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        body += (f"<w:r>{f'<w:rPr>{looks}</w:rPr>' if looks else ''}"
                 f'<w:t xml:space="preserve">{_text_xml(text)}</w:t></w:r>')
    return "<w:p>" + (f"<w:pPr>{props}</w:pPr>" if props else "") + body + "</w:p>"


@dataclass(frozen=True)
class Spanned:
    """A cell over `columns` grid columns (a title row over the whole width)."""

    paragraphs: list[str]
    columns: int


def table_xml(style_id: str, widths: list[int], rows: list, header_height: int = 0) -> str:
    """A table: each row (cells, is_header); each cell a list of paragraph XML strings (or
    their XML joined in one string), or a `Spanned` cell. Rows never split across pages;
    header rows repeat on every page, and are at least `header_height` twips high when given
    (tables side by side line up)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/>'
             f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
             f"<w:tblGrid>{grid}</w:tblGrid>"]
    # the first row's cells carry their widths, as the grid does: a fixed layout takes the
    # columns from there, and a width on every cell would only cost memory in long tables
    for index, (cells, header) in enumerate(rows):
        height = (f'<w:trHeight w:val="{header_height}" w:hRule="atLeast"/>'
                  if header and header_height else "")
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + height
                     + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
        column = 0
        for content in cells:
            if index and type(content) is str:  # most cells: no properties
                parts.append("<w:tc>" + content + "</w:tc>")
                continue
            span = content.columns if isinstance(content, Spanned) else 1
            paragraphs = content.paragraphs if isinstance(content, Spanned) else content
            width = sum(widths[column:column + span])
            properties = (f'<w:tcW w:w="{width}" w:type="dxa"/>' if index == 0 else "") \
                + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            parts.append("<w:tc>" + (f"<w:tcPr>{properties}</w:tcPr>" if properties else "")
                         + (paragraphs if type(paragraphs) is str else "".join(paragraphs))
                         + "</w:tc>")
            column += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def panels_xml(widths: list[int], contents: list[str]) -> str:
    """Tables side by side: one borderless row whose cells hold them, `widths[i]` apart by the
    empty cells between. A cell ends with a paragraph, as Word requires after a table."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{c}'
                    '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p></w:tc>'
                    for w, c in zip(widths, contents, strict=False))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{cells}</w:tr></w:tbl>")


# --- tables ---------------------------------------------------------------------------------

MAX_NUMBER_COLUMN_DXA = 1531  # 2,7 cm: wider number columns only spread the figures apart
A4_TEXT_WIDTH_DXA = 9638  # A4 (11906) minus 2 × 1134 (2 cm): for a template without a size


def text_width_dxa(document) -> int:
    """The text width of the template's (last) section: page width minus the side margins."""
    section = document.sections[-1]
    if not section.page_width:
        return A4_TEXT_WIDTH_DXA
    taken = [section.left_margin, section.right_margin, section.gutter]
    emu = section.page_width - sum(length or 0 for length in taken)
    return emu // 635  # 635 EMU a twip (dxa)


def column_widths(count: int, first_share: float, text_width: int) -> list[int]:
    """Full text width; number columns share what the label column leaves, up to a maximum."""
    numbers = max(count - 1, 1)
    rest = min((text_width - int(text_width * first_share)) // numbers, MAX_NUMBER_COLUMN_DXA)
    return [text_width - rest * numbers] + [rest] * numbers


def relative_widths(shares, text_width: int) -> list[int]:
    """Full text width split by the given shares (3, 1, 1 → 60 %, 20 %, 20 %)."""
    total = sum(shares)
    widths = [int(text_width * share / total) for share in shares]
    widths[0] += text_width - sum(widths)
    return widths


def equal_widths(count: int, text_width: int) -> list[int]:
    return [text_width // count] * count


def text_widths(count: int, first_share: float, text_width: int) -> list[int]:
    """Full width for tables of text: the label column its share, the rest split evenly."""
    first = int(text_width * first_share)
    rest = (text_width - first) // max(count - 1, 1)
    return [first] + [rest] * (count - 1)


PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def set_ppr_child(ppr, child) -> None:
    """Put `child` into paragraph properties at its place in the schema's sequence (Word offers
    to repair a file whose pPr children are out of order), replacing one of the same kind."""
    name = child.tag.split("}")[1]
    for old in ppr.findall(child.tag):
        ppr.remove(old)
    later = {qn(f"w:{n}") for n in PPR_ORDER[PPR_ORDER.index(name) + 1:]}
    following = next((c for c in ppr if c.tag in later), None)
    if following is None:
        ppr.append(child)
    else:
        following.addprevious(child)


# --- table of contents ----------------------------------------------------------------------

# The default template's field. A template's own TOC field keeps its instruction: its levels
# (`\\o "1-3"`), styles (`\\t`), outline levels (`\\u`) and links (`\\h`) decide the entries.
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z '


@dataclass(frozen=True)
class TocField:
    """What a TOC field's switches ask for: heading levels `first`–`last` (\\o), styles at
    levels (\\t, by name), paragraphs' own outline levels (\\u), entries as links (\\h)."""

    instruction: str
    first: int = 1
    last: int = 9
    styles: tuple[tuple[str, int], ...] = ()
    outline: bool = False
    links: bool = False

    def level(self, outline_level: int | None) -> int | None:
        """The entry level of a paragraph at Word outline level 1–9, if the field lists it."""
        if outline_level is None or not self.first <= outline_level <= self.last:
            return None
        return outline_level


_TOC_LEVELS = re.compile(r'\\o\s*(?:"\s*(\d)\s*-\s*(\d)\s*")?')
_TOC_STYLES = re.compile(r'\\t\s*"([^"]*)"')


def parse_toc_instruction(instruction: str) -> TocField:
    levels = _TOC_LEVELS.search(instruction)
    styles_switch = _TOC_STYLES.search(instruction)
    styles: list[tuple[str, int]] = []
    if styles_switch:  # `Rubrik,1,Underrubrik,2`; the list separator may be `;` in Swedish Word
        parts = [part.strip() for part in re.split(r"[,;]", styles_switch.group(1))]
        styles = [(name, int(level)) for name, level in zip(parts[::2], parts[1::2], strict=False)
                  if name and level.isdigit()]
    outline = bool(re.search(r"\\u\b", instruction))
    first, last = 1, 9
    if levels and levels.group(1):
        first, last = sorted((int(levels.group(1)), int(levels.group(2))))
    elif not levels and styles and not outline:
        first, last = 1, 0  # no heading styles, only the named styles
    return TocField(instruction, first, last, tuple(styles), outline,
                    links=bool(re.search(r"\\h\b", instruction)))


def toc_field(body) -> TocField | None:
    """The TOC field of the document as its instruction says, or None without one."""
    begin = _toc_begin(body)
    if begin is None:
        return None
    return parse_toc_instruction(_instruction_text(begin))


def _toc_begin(body):
    """The first paragraph (in document order) whose field instructions start with TOC, or
    None. Only paragraphs round an instruction can be it: they are found from the instructions,
    not by reading each of a long report's paragraphs (outermost first, as document order
    has a paragraph before the paragraphs inside it)."""
    for instruction in body.iter(qn("w:instrText")):
        for p in reversed(list(instruction.iterancestors(qn("w:p")))):
            if _is_toc_begin(p):
                return p
    return None


def toc_paragraphs(body) -> list:
    """The TOC field's paragraphs, in order: from the one it begins in to the one it ends in
    (to the document's last, when it never ends); none without a TOC field."""
    begin = _toc_begin(body)
    if begin is None:
        return []
    paragraphs = body.iter(qn("w:p"))
    for p in paragraphs:
        if p is begin:
            break
    field = [begin]
    while not any(fc.get(qn("w:fldCharType")) == "end" for fc in field[-1].iter(qn("w:fldChar"))):
        following = next(paragraphs, None)
        if following is None:
            break
        field.append(following)
    return field


def _instruction_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:instrText")))


# --- headings: their outline levels and numbers as Word shows them ---------------------------

HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class ParagraphLook:
    """What a paragraph style gives its paragraphs, its base styles included: an outline
    level 1–9 and list numbering (numId, level)."""

    outline: int | None = None
    numbering: tuple[str, int] | None = None
    keep_next: bool = False


def _outline_of(ppr) -> int | None:
    found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if found is None:
        return None
    value = int(found.get(qn("w:val"), "9"))
    return value + 1 if value < 9 else 0  # 9 is "body text": not an outline level


def _on_off(ppr, name: str) -> bool | None:
    """A paragraph property that is on or off (`<w:keepNext/>`, `w:val="0"`), None if unset."""
    found = ppr.find(qn(f"w:{name}")) if ppr is not None else None
    if found is None:
        return None
    return found.get(qn("w:val"), "1") not in ("0", "false", "off")


def _numbering_of(ppr) -> tuple[str, int] | None:
    num = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num is None:
        return None
    num_id, level = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
    return (num_id.get(qn("w:val")) if num_id is not None else "0",
            int(level.get(qn("w:val"))) if level is not None else 0)


def paragraph_looks(styles_element) -> dict[str, ParagraphLook]:
    """Each paragraph style's outline level and numbering, inherited through `basedOn`; a
    built-in heading style without an outline level has its number's."""
    raw: dict[str, tuple[str | None, int | None, tuple[str, int] | None, str, bool | None]] = {}
    for style in styles_element.iter(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        based, name = style.find(qn("w:basedOn")), style.find(qn("w:name"))
        ppr = style.find(qn("w:pPr"))
        raw[style.get(qn("w:styleId"))] = (
            based.get(qn("w:val")) if based is not None else None, _outline_of(ppr),
            _numbering_of(ppr), name.get(qn("w:val")) if name is not None else "",
            _on_off(ppr, "keepNext"))
    looks: dict[str, ParagraphLook] = {}

    def resolve(style_id: str, seen: frozenset = frozenset()) -> ParagraphLook:
        if style_id in looks:
            return looks[style_id]
        based, outline, numbering, name, keep_next = raw[style_id]
        parent = (resolve(based, seen | {style_id}) if based in raw and based not in seen
                  else ParagraphLook())
        heading = HEADING_NAME.match(name)
        if outline is None and heading:
            outline = int(heading.group(1))
        looks[style_id] = ParagraphLook(
            outline if outline is not None else parent.outline,
            numbering if numbering is not None else parent.numbering,
            keep_next if keep_next is not None else parent.keep_next)
        return looks[style_id]

    for style_id in raw:
        resolve(style_id)
    return looks


ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _formatted(number: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if kind == "upperRoman" else _roman(number)
    if kind == "none":
        return ""
    return str(number)


class ListNumbers:
    """The numbers Word shows for list paragraphs, in document order: a counter per list
    (numId) and level, each level's text (`%1.%2`) and format from numbering.xml."""

    def __init__(self, numbering_element):
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, list[int]] = {}
        if numbering_element is None:
            return
        abstract = {a.get(qn("w:abstractNumId")): self._abstract_levels(a)
                    for a in numbering_element.iter(qn("w:abstractNum"))}
        for num in numbering_element.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else "", {}))
            for override in num.iter(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                level = int(override.get(qn("w:ilvl"), "0"))
                if start is not None and level in levels:
                    _, kind, text = levels[level]
                    levels[level] = (int(start.get(qn("w:val"), "1")), kind, text)
            self._levels[num.get(qn("w:numId"))] = levels

    @staticmethod
    def _abstract_levels(abstract) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in abstract.iter(qn("w:lvl")):
            start, kind, text = (lvl.find(qn(f"w:{n}")) for n in ("start", "numFmt", "lvlText"))
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                int(start.get(qn("w:val"), "1")) if start is not None else 1,
                kind.get(qn("w:val"), "decimal") if kind is not None else "decimal",
                text.get(qn("w:val"), "") if text is not None else "")
        return levels

    def next(self, numbering: tuple[str, int] | None) -> str:
        """The number of the next paragraph in list `numbering` (`5.1`), "" for none."""
        if numbering is None or numbering[0] not in self._levels:
            return ""
        num_id, level = numbering
        levels = self._levels[num_id]
        if level not in levels or levels[level][1] == "bullet":
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else levels[level][0]
        counters[level + 1:] = [0] * (8 - level)

        def shown(match: re.Match) -> str:
            start, kind, _ = levels.get(int(match.group(1)) - 1, (1, "decimal", ""))
            return _formatted(counters[int(match.group(1)) - 1] or start, kind)

        return re.sub(r"%([1-9])", shown, levels[level][2]).strip()


_OWN_LEVELS = {  # a list format of our own, for a template whose list style has none
    "decimal": '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>',
    "bullet": '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>',
}


class WordLists:
    """Lists from Excel as Word lists in the document's numbering.xml: each numbered list a
    `w:num` of its own (so it counts from its first typed number), of the abstract numbering
    the template's list style (`List Number`) uses; a format of our own where it has none.

    `numbering` gives the document's numbering element, made only when a list needs it."""

    def __init__(self, numbering, style_numbering: dict[str, tuple[str, int] | None]):
        self._numbering = numbering
        self._style_numbering = style_numbering  # format → the style's (numId, level)
        self._abstracts: dict[str, str] = {}
        self._element = None

    def _root(self):
        if self._element is None:
            self._element = self._numbering()
        return self._element

    def _next_id(self, tag: str, attribute: str) -> int:
        ids = [int(e.get(qn(attribute))) for e in self._root().iter(qn(tag))
               if (e.get(qn(attribute)) or "").isdigit()]
        return max(ids, default=0) + 1

    def _abstract(self, kind: str) -> str:
        if kind in self._abstracts:
            return self._abstracts[kind]
        root, own = self._root(), self._style_numbering.get(kind)
        found = None
        if own is not None:
            num = next((n for n in root.iter(qn("w:num")) if n.get(qn("w:numId")) == own[0]),
                       None)
            ref = num.find(qn("w:abstractNumId")) if num is not None else None
            found = ref.get(qn("w:val")) if ref is not None else None
        if found is None:
            found = str(self._next_id("w:abstractNum", "w:abstractNumId"))
            abstract = parse_xml_fragment(
                f'<w:abstractNum w:abstractNumId="{found}"><w:multiLevelType '
                f'w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>{_OWN_LEVELS[kind]}'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{LIST_INDENT_DXA}" '
                f'w:hanging="{LIST_INDENT_DXA}"/></w:pPr></w:lvl></w:abstractNum>')
            first_num = root.find(qn("w:num"))  # every abstractNum precedes every num
            if first_num is None:
                root.append(abstract)
            else:
                first_num.addprevious(abstract)
        self._abstracts[kind] = found
        return found

    def start(self, first: int = 1, kind: str = "decimal") -> str:
        """The numId of a new list whose first item shows `first`."""
        abstract = self._abstract(kind)
        num_id = str(self._next_id("w:num", "w:numId"))
        self._root().append(parse_xml_fragment(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{first}"/></w:lvlOverride>'
            "</w:num>"))
        return num_id


def numbering_of(document_part):
    """The document's numbering element (numbering.xml), a new empty one when it has none."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return document_part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                             parse_xml_fragment("<w:numbering/>"), document_part.package)
        document_part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return part.element


def parse_xml_fragment(xml: str):
    """One element written as text in the w: namespace."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if "xmlns:w" in xml:
        return parse_xml(xml)
    end = xml.index(">")
    end -= xml[end - 1] == "/"
    return parse_xml(f"{xml[:end]} {nsdecls('w')}{xml[end:]}")


def heading_paragraphs(body, looks: Mapping[str, ParagraphLook], numbering_element,
                       toc: TocField, style_levels: dict[str, int]):
    """(level, text with Word's number, paragraph) of every body paragraph the TOC lists, in
    order: by its style's outline level within \\o, by `style_levels` (\\t), or by its own
    outline level (\\u); `looks`: the document's `paragraph_looks`. Only a numbered heading
    has a number."""
    numbers = ListNumbers(numbering_element)
    found = []
    for p in body.iterchildren(qn("w:p")):  # headings are never in tables
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else None
        look = looks.get(style_id or "", ParagraphLook())
        own = _numbering_of(ppr)
        number = numbers.next(own if own is not None else look.numbering)
        level = style_levels.get(style_id or "") or toc.level(look.outline)
        if level is None and toc.outline:
            level = toc.level(_outline_of(ppr))
        text = paragraph_text(p).strip()
        if level is not None and text:
            found.append((level, f"{number} {text}" if number else text, p))
    return found


CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"


def keep_with_next(body, looks: Mapping[str, ParagraphLook]) -> None:
    """A heading never ends a page, and a chart stays with the sentence above it and its
    caption below: those paragraphs keep with the next one (a heading whose style already
    does is left as it is). `looks`: the document's `paragraph_looks`."""
    children = list(body.iterchildren())
    for index, p in enumerate(children):
        if p.tag != qn("w:p"):
            continue
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        look = looks.get(style.get(qn("w:val")) if style is not None else "", ParagraphLook())
        heading = (look.outline or _outline_of(ppr)) and paragraph_text(p).strip()
        if heading and not look.keep_next and _on_off(ppr, "keepNext") is None:
            _keep_next(p)
        if next(p.iter(CHART), None) is not None:
            _keep_next(p)  # with its caption
            before = children[index - 1] if index else None
            if before is not None and before.tag == qn("w:p") and paragraph_text(before).strip():
                _keep_next(before)


def _keep_next(p) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = element("w:pPr")
        p.insert(0, ppr)
    set_ppr_child(ppr, element("w:keepNext"))


def field_runs(instruction: str, placeholder: str, dirty: bool = False) -> list[BaseOxmlElement]:
    """A complex field: begin, instruction, separate, cached result, end."""
    begin_attrs = {"w:fldCharType": "begin"}
    if dirty:
        begin_attrs["w:dirty"] = "true"
    instr = element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    return [
        element("w:r", None, element("w:fldChar", begin_attrs)),
        element("w:r", None, instr),
        element("w:r", None, element("w:fldChar", {"w:fldCharType": "separate"})),
        run(placeholder),
        element("w:r", None, element("w:fldChar", {"w:fldCharType": "end"})),
    ]


TOC_PAGE_PLACEHOLDER = "\u2007\u2007"  # two figure spaces: as wide as a two-digit page number


def toc_entry_text(p) -> str:
    texts = [t.text or "" for t in p.iter(qn("w:t"))]
    return "".join(t for t in texts if t != TOC_PAGE_PLACEHOLDER).strip()


def set_toc_pages(body, pages: list[int | None]) -> bool:
    """Put the page numbers into the TOC entries (None leaves the entry without a number).

    With every number in place the field is no longer marked dirty, so Word does not ask to
    update fields when the document is opened; returns whether that is so."""
    paragraphs = toc_paragraphs(body)
    for p, page in zip(paragraphs, pages, strict=False):
        for t in p.iter(qn("w:t")):
            if t.text == TOC_PAGE_PLACEHOLDER:
                t.text = str(page) if page is not None else ""
    complete = bool(paragraphs) and all(page is not None for page in pages)
    if complete:
        for begin in paragraphs[0].iter(qn("w:fldChar")):
            begin.attrib.pop(qn("w:dirty"), None)
    return complete


def clear_update_fields(settings) -> None:
    """No `updateFields` in settings.xml: the fields are up to date."""
    for flag in settings.findall(qn("w:updateFields")):
        settings.remove(flag)


def _is_toc_begin(p) -> bool:
    return _instruction_text(p).strip().startswith("TOC")


def fill_toc(body, entries: list, toc: TocField, toc_style_ids: dict[int, str | None],
             text_width: int = A4_TEXT_WIDTH_DXA) -> bool:
    """Replace the TOC field's cached result with one paragraph per heading.

    `entries` are (level, text, heading paragraph) with the heading numbers already in the
    text. The field keeps the template's instruction and stays a real TOC field marked dirty,
    so Word refreshes it when it is next updated; with \\h each entry links to a bookmark on
    its heading, as Word's own entries do. Returns False when the template has no TOC field.
    """
    field = toc_paragraphs(body)
    if not field:
        return False
    parent = field[0].getparent()
    anchor = parent.index(field[0])
    for p in field:
        p.getparent().remove(p)
    rows = entries or [(1, "Innehållsförteckningen uppdateras i Word (F9).", None)]
    marks = _bookmarks(body, [heading for _, _, heading in rows]) if toc.links else {}
    new_paragraphs = []
    for level, text, heading in rows:
        style = toc_style_ids.get(level)
        new_paragraphs.append(paragraph("", style))
        if style is None:  # a template without TOC styles (templates check warns): the leaders
            new_paragraphs[-1].insert(0, element("w:pPr", None, element(
                "w:tabs", None, element("w:tab", {"w:val": "right", "w:leader": "dot",
                                                  "w:pos": text_width}))))
        # the text, a tab to the dotted right tab stop, and the page number (filled in later)
        content = [run(text), element("w:r", None, element("w:tab")), run(TOC_PAGE_PLACEHOLDER)]
        if heading is not None and heading in marks:
            content = [element("w:hyperlink", {"w:anchor": marks[heading], "w:history": "1"},
                               *content)]
        for child in content:
            new_paragraphs[-1].append(child)
    begin_runs = field_runs(toc.instruction, "", dirty=True)
    first = new_paragraphs[0]
    for r in reversed(begin_runs[:3]):
        first.insert(1, r)  # after pPr: begin, instr, separate, then the first entry's text
    new_paragraphs[-1].append(begin_runs[4])
    for offset, p in enumerate(new_paragraphs):
        parent.insert(anchor + offset, p)
    return True


def _bookmarks(body, headings: list) -> dict:
    """A `_Toc…` bookmark around each heading's text, as Word marks the headings its TOC
    links to; {heading paragraph: bookmark name}. Names and ids the document already uses are
    left alone."""
    used_names = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    ids = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))
           if (b.get(qn("w:id")) or "").isdigit()]
    next_id = max(ids, default=0) + 1
    serial = 100_000_000
    marks = {}
    for heading in headings:
        if heading is None:
            continue
        while f"_Toc{serial}" in used_names:
            serial += 1
        name = f"_Toc{serial}"
        serial += 1
        ppr = heading.find(qn("w:pPr"))
        heading.insert(0 if ppr is None else heading.index(ppr) + 1,
                       element("w:bookmarkStart", {"w:id": next_id, "w:name": name}))
        heading.append(element("w:bookmarkEnd", {"w:id": next_id}))
        next_id += 1
        marks[heading] = name
    return marks


# --- document-wide --------------------------------------------------------------------------

CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
           "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
           "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>assembler</Application><DocSecurity>0'
           '</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
           '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
           '</Properties>').encode()
STYLES_WITH_EFFECTS = ("http://schemas.microsoft.com/office/2007/relationships/"
                       "stylesWithEffects")
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _core(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{CORE_NS[prefix]}}}{local}"


def set_core_properties(document, *, title: str, subject: str, author: str, language: str,
                        moment: dt.datetime | None) -> None:
    """docProps/core.xml written whole, each property once in its own namespace.

    Not through python-docx's setters: docxcompose rebinds the `cp` prefix to the
    custom-properties namespace, and python-docx then adds a second lastModifiedBy and revision
    instead of updating them (python-docx #1037, docxcompose #101). Nothing of the template's
    own properties (its description, keywords) is kept."""
    core = document.core_properties._element
    for child in list(core):
        core.remove(child)
    values = [("dc:title", title), ("dc:subject", subject), ("dc:creator", author),
              ("cp:lastModifiedBy", author), ("cp:revision", "1"), ("dc:language", language)]
    if moment is not None:
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        values += [("dcterms:created", stamp), ("dcterms:modified", stamp)]
    for name, value in values:
        child = core.makeelement(_core(name), nsmap=None)
        child.text = value
        if name.startswith("dcterms:"):
            child.set(_core("xsi:type"), "dcterms:W3CDTF")
        core.append(child)


def drop_template_leftovers(document) -> None:
    """What a template brings that does not describe the document made from it: the template
    program's app.xml, its (blank) thumbnail, and stylesWithEffects.xml, a Word 2010 copy of
    styles.xml that no longer matches once the styles change (Word repairs the file)."""
    package = document.part.package
    for rels in (package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in (STYLES_WITH_EFFECTS, THUMBNAIL):
                del rels[r_id]
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed timestamp and mode: same inputs, same bytes."""
    entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o600 << 16
    return entry


def stable_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry timestamps: same inputs, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(stable_entry(info.filename), source.read(info.filename))
    return out.getvalue()


@contextmanager
def stable_saving():
    """python-docx saves each part with `stable_entry`: the bytes `stable_zip` would make of
    the saved file, with each part serialised and compressed once instead of twice."""
    from docx.opc.phys_pkg import _ZipPkgWriter

    original = _ZipPkgWriter.write

    def write(self, pack_uri, blob) -> None:
        self._zipf.writestr(stable_entry(pack_uri.membername), blob)

    _ZipPkgWriter.write = write  # type: ignore[method-assign]
    try:
        yield
    finally:
        _ZipPkgWriter.write = original  # type: ignore[method-assign]


def document_tables(path) -> list[list[list[tuple[str, bool]]]]:
    """Every table of the body, row by row: (text, merged) per cell as Word shows the row. A
    cell's paragraphs are joined by line breaks; `merged` is True for a cell merged with the
    cell above or beside it (which Word shows as one cell over several rows or columns)."""
    body = _document_body(path)
    tables = []
    for table in body.iter(W + "tbl"):
        rows = []
        for row in table.iterchildren(W + "tr"):
            cells = []
            for cell in row.iterchildren(W + "tc"):
                text = "\n".join(paragraph_text(p) for p in cell.iterchildren(W + "p"))
                merged = (cell.find(f"{W}tcPr/{W}vMerge") is not None
                          or cell.find(f"{W}tcPr/{W}gridSpan") is not None)
                cells.append((text, merged))
            rows.append(cells)
        tables.append(rows)
    return tables


OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument")
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _document_body(path):
    """The body of a .docx as python-docx's `Document(path).element.body` has it (the same
    parser), read without loading and parsing the package's other parts. Like `Document`, a
    package whose main part is no Word document (a .docm, a template) is refused."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(path) as package:
        relationships = parse_xml(package.read("_rels/.rels"))
        target = next(r.get("Target") for r in relationships if r.get("Type") == OFFICE_DOCUMENT)
        name = posixpath.normpath(posixpath.join("/", target)).lstrip("/")  # as python-docx
        types = parse_xml(package.read("[Content_Types].xml"))
        overrides = {t.get("PartName", "").lower(): t.get("ContentType")
                     for t in types.iter(CONTENT_TYPES + "Override")}
        defaults = {t.get("Extension", "").lower(): t.get("ContentType")
                    for t in types.iter(CONTENT_TYPES + "Default")}
        content_type = overrides.get("/" + name.lower(),
                                     defaults.get(name.rpartition(".")[2].lower()))
        if content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
            raise ValueError(f"file '{path}' is not a Word file, content type is "
                             f"'{content_type}'")
        return parse_xml(package.read(name)).find(W + "body")


# --- reading ------------------------------------------------------------------------------


def parse_leniently(xml: str | bytes):
    """A part's XML as docxtpl parses it after rendering: lxml's recovering parser."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    return etree.fromstring(xml, parser=etree.XMLParser(recover=True))


# A table waits in Jinja's output as a processing instruction and is parsed into the body
# after rendering: the document's XML is never one string holding every table.
SLOT_TARGET = "assembler-slot"


def slot_xml(index: int) -> str:
    return f"<?{SLOT_TARGET} {index}?>"


def fill_slots(body, pieces_of) -> None:
    """Replace each slot in the rendered body with the elements of `pieces_of(index)` (XML
    strings, each starting with a top-level element)."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in body.nsmap.items()
                            if prefix)
    inline = False
    for slot in list(body.iter(etree.PI)):
        if slot.target != SLOT_TARGET:
            continue
        parent = slot.getparent()
        position, tail = parent.index(slot), slot.tail
        parent.remove(slot)  # lxml removes the text after it too: `tail` keeps it
        xml = "".join(map(_declaring_w, pieces_of(int(slot.text))))
        fragment = parse_leniently(f"<w:body {declarations}>{xml}</w:body>")
        children = list(fragment)
        for offset, child in enumerate(children):
            parent.insert(position + offset, child)
        if tail:
            last = children[-1] if children else (parent[position - 1] if position else None)
            if last is not None:
                last.tail = (last.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        inline = inline or parent.tag in INLINE
    if inline:  # a table written by `{{ … }}` inside a paragraph: the paragraph is split round it
        split_inline_blocks(body)


_W_DECLARATION = f' xmlns:w="{W.strip("{}")}"'


def _declaring_w(piece: str) -> str:
    """A table or paragraph that declares the `w` namespace itself. lxml moves such an
    element into the body by dropping the (redundant) declaration; an element that leans on
    its parent's declaration has every element and attribute below it looked up again, a
    hundred times slower for a long table. The document's XML is the same either way."""
    for tag in ("<w:tbl>", "<w:p>"):
        if piece.startswith(tag):
            return tag[:-1] + _W_DECLARATION + ">" + piece[len(tag):]
    return piece


def style_names(styles_element) -> Iterator[tuple[str, str | None]]:
    """(style id, name as stored or None) of every style in styles.xml."""
    for style in styles_element.iter(W + "style"):
        name = style.find(W + "name")
        yield style.get(W + "styleId"), name.get(W + "val") if name is not None else None


def default_font(styles_element) -> str | None:
    """The font of the document's default run properties (what the body text uses)."""
    fonts = styles_element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    return fonts.get(W + "ascii") if fonts is not None else None


def paragraph_text(element) -> str:
    """The text of a paragraph (or any element): its w:t runs joined."""
    return "".join(t.text or "" for t in element.iter(W + "t"))


def body_paragraphs(body) -> Iterator[tuple[object, str | None, str]]:
    """(paragraph, style id, text) of each paragraph directly in the body, so not those in
    tables."""
    for p in body.iterchildren(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        yield p, (style.get(W + "val") if style is not None else None), paragraph_text(p)


def paragraph_places(xml: str) -> list[tuple[str, str]]:
    """(where, text) for every paragraph of a part, in the order their start tags appear:
    `stycke 12` in the body, `tabell 2, rad 3, cell 1` in a table, as a person counts in Word."""
    root = etree.fromstring(xml.encode("utf-8"))
    tables = list(root.iter(W + "tbl"))  # kept alive, so lxml hands out the same proxies
    places: list[tuple[str, str]] = []
    body_count = 0
    for p in root.iter(W + "p"):
        text = paragraph_text(p)
        if next(p.iterancestors(MC_FALLBACK), None) is not None:  # a copy for old readers
            places.append(places[-1] if places else ("stycke 1", text))
            continue
        cell = next(p.iterancestors(W + "tc"), None)
        if cell is None:
            body_count += 1
            places.append((f"stycke {body_count}", text))
            continue
        row = cell.getparent()
        table = next(row.iterancestors(W + "tbl"))
        row_number = [r for r in table if r.tag == W + "tr"].index(row) + 1
        cell_number = [c for c in row if c.tag == W + "tc"].index(cell) + 1
        places.append((f"tabell {tables.index(table) + 1}, rad {row_number}, cell {cell_number}",
                       text))
    return places


def picture_descriptions(part_element) -> list[str]:
    """The alt text (`descr`) of each picture in a part, in order; "" for none."""
    return [picture.get("descr") or "" for picture in part_element.iter(qn("wp:docPr"))]


# The output check reads whole documents: compiled XPath on plain lxml elements is much faster
# than python-docx's element classes for one read-through.
_XPATH_NS = {"w": W.strip("{}")}
_TEXT = etree.XPath("string()")
_STYLE = etree.XPath("string(w:pPr/w:pStyle/@w:val)", namespaces=_XPATH_NS)
_FIRST_PARAGRAPH_STYLE = etree.XPath("string(w:p[1]/w:pPr/w:pStyle/@w:val)",
                                     namespaces=_XPATH_NS)


def text_of(element) -> str:
    """All text below an element (paragraph, cell), fast."""
    return _TEXT(element)


def paragraph_style_id(paragraph) -> str:
    return _STYLE(paragraph)


def cell_style_id(cell) -> str:
    """The style id of a table cell's first paragraph."""
    return _FIRST_PARAGRAPH_STYLE(cell)


@functools.cache
def _blanks() -> str:
    """What str.strip() removes and XML can hold: a cell of only these shows nothing (made
    when first asked for, not at every start)."""
    return "".join(c for c in map(chr, range(0x3001)) if c.isspace() and
                   (c in "\t\n\r" or c >= " "))


def empty_cells_of_styles(style_ids: list[str]):
    """An XPath: the cells of a table (nested tables' too) whose first paragraph has one of
    `style_ids` and whose text is blank, in document order."""
    if not style_ids:
        return lambda table: []
    path = _empty_cells_path(len(style_ids))
    variables = {f"s{index}": style_id for index, style_id in enumerate(style_ids)}
    return lambda table: path(table, blanks=_blanks(), **variables)


@functools.lru_cache(maxsize=4)
def _empty_cells_path(count: int):
    styled = " or ".join(f"@w:val = $s{index}" for index in range(count))
    # blank first: few cells are, and it is the cheaper test
    return etree.XPath(f".//w:tr/w:tc[translate(string(), $blanks, '') = '']"
                       f"[w:p[1]/w:pPr/w:pStyle[1][{styled}]]", namespaces=_XPATH_NS)


def is_paragraph(element) -> bool:
    return element.tag == W + "p"


def is_table(element) -> bool:
    return element.tag == W + "tbl"


def table_rows(table) -> Iterator[list]:
    """Each row of a table as its list of cells."""
    for row in table.iter(W + "tr"):
        yield list(row.iterchildren(W + "tc"))


def paragraphs_in(element) -> Iterator:
    return element.iter(W + "p")


def body_and_style_names(data: bytes):
    """(body, {style id: style name}) of a .docx, straight from its package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    names = {style_id: name for style_id, name in style_names(styles) if name is not None}
    return document.find(W + "body"), names


def document_paragraphs(body, cell_holds: tuple[str, ...] = (), shortest_cell: int = 0
                        ) -> Iterator[tuple[object, str, bool]]:
    """(paragraph, text, whether in a table) of every paragraph of a document's body, in
    reading order (its style, `paragraph_style_id`, looked up only where it matters).

    With `cell_holds`, of the tables' paragraphs only those of at least `shortest_cell`
    characters that hold one of those strings: chosen by libxml2, table by table, so the
    thousands of cells that are figures never reach Python."""
    chosen = _cells_holding(cell_holds) if cell_holds else None
    strings = {f"s{index}": string for index, string in enumerate(cell_holds)}
    for block in body:
        if is_paragraph(block):
            yield block, text_of(block), False
        elif is_table(block):
            paragraphs = (paragraphs_in(block) if chosen is None
                          else chosen(block, shortest=shortest_cell, **strings))
            for paragraph in paragraphs:
                yield paragraph, text_of(paragraph), True


@functools.lru_cache(maxsize=8)
def _cells_holding(strings: tuple[str, ...]):
    holds = " or ".join(f"contains(., $s{index})" for index in range(len(strings)))
    # one table at a time: a node-set of every table's paragraphs at once is merged in
    # quadratic time
    return etree.XPath(f"descendant::w:p[string-length() >= $shortest][{holds}]",
                       namespaces=_XPATH_NS)


# --- structure: paragraphs and tables only where the schema allows them ------------------

BLOCKS = (W + "p", W + "tbl")
# where the schema allows a paragraph or a table (block-level containers)
BLOCK_PARENTS = {W + name for name in ("body", "tc", "txbxContent", "hdr", "ftr", "footnote",
                                       "endnote", "comment", "sdtContent", "customXml", "ins",
                                       "del", "moveFrom", "moveTo", "docPartBody")}
# a paragraph or table written inside one of these is what Word offers to repair
INLINE = {W + "p", W + "r", W + "t", W + "hyperlink", W + "fldSimple", W + "smartTag"}
_INLINE_BLOCK = "|".join(f"<w:{tag}[ >/]" for tag in ("p", "tbl"))
_BLOCK_IN_TEXT = None


def _block_in_inline(xml: str) -> bool:
    """A fast look for `<w:t>…<w:p>`: a value holding paragraphs written by a run-level tag."""
    import re

    global _BLOCK_IN_TEXT
    if _BLOCK_IN_TEXT is None:
        _BLOCK_IN_TEXT = re.compile(rf"<w:t(?:\s[^>]*)?>[^<]*(?:{_INLINE_BLOCK})")
    return bool(_BLOCK_IN_TEXT.search(xml))


def _misplaced(root) -> Iterator:
    """Each paragraph or table whose parent is a paragraph, a run or a text."""
    for block in root.iter(*BLOCKS):
        if block.getparent() is not None and block.getparent().tag in INLINE:
            yield block


def _has_content(paragraph) -> bool:
    if paragraph_text(paragraph).strip():
        return True
    return any(True for _ in paragraph.iter(W + "drawing", W + "pict", W + "fldChar",
                                            W + "fldSimple", W + "object"))


def _host(block):
    """The outermost paragraph that holds `block` where it should not be."""
    host = None
    for ancestor in block.iterancestors():
        if ancestor.tag == W + "p":
            host = ancestor
        if ancestor.tag in BLOCK_PARENTS:
            break
    return host


def _path_to(host, element) -> list[int]:
    path = []
    while element is not host:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return path[::-1]


def _follow(root, path: list[int]):
    chain = [root]
    for index in path:
        chain.append(chain[-1][index])
    return chain


KEPT_PROPERTIES = {W + "pPr", W + "rPr"}


def _split_host(host, container, blocks: list) -> None:
    """`host` (a paragraph) becomes: the part before `blocks`, the blocks themselves, and the
    part after them; each part keeps the host's paragraph and run properties."""
    import copy

    path = _path_to(host, container)
    before, after = copy.deepcopy(host), copy.deepcopy(host)
    first, last = container.index(blocks[0]), container.index(blocks[-1])
    # before: the container up to its first block, and nothing after it further up
    chain = _follow(before, path)
    for child in list(chain[-1])[first:]:
        chain[-1].remove(child)
    chain[-1].text = (chain[-1].text or "").rstrip()  # the space before the value's paragraphs
    for parent, child in pairwise(chain):
        for sibling in list(child.itersiblings()):
            parent.remove(sibling)
    # after: the container's text after its last block, and nothing before it further up
    chain = _follow(after, path)
    tail = chain[-1][last].tail
    for child in list(chain[-1])[:last + 1]:
        chain[-1].remove(child)
    chain[-1].text = (tail or "").lstrip()
    for parent, child in pairwise(chain):
        for sibling in list(child.itersiblings(preceding=True)):
            if sibling.tag not in KEPT_PROPERTIES:
                parent.remove(sibling)
    parent, index = host.getparent(), host.getparent().index(host)
    parent.remove(host)
    pieces = ([before] if _has_content(before) else []) + blocks
    pieces += [after] if _has_content(after) else []
    if not any(p.tag == W + "p" for p in pieces) or pieces[-1].tag != W + "p" and \
            parent.tag == W + "tc":
        pieces.append(etree.SubElement(etree.Element(W + "x"), W + "p"))  # a cell ends in one
    for offset, piece in enumerate(pieces):
        piece.tail = None
        parent.insert(index + offset, piece)


def split_inline_blocks(root) -> int:
    """Paragraphs and tables written inside a paragraph's run (a value that holds paragraphs,
    written by `{{ … }}` instead of `{{p … }}`) moved out: the host paragraph is split around
    them, as Word would show them. Returns how many hosts were split."""
    split = 0
    while (block := next(_misplaced(root), None)) is not None:
        host, container = _host(block), block.getparent()
        if host is None:
            break
        blocks = [child for child in container if child.tag in BLOCKS]
        _split_host(host, container, blocks)
        split += 1
    return split


def with_inline_blocks_split(xml: str) -> str:
    """The rendered part's XML with `split_inline_blocks` applied (unchanged, and not parsed,
    when no block sits in a text)."""
    if not _block_in_inline(xml):
        return xml
    root = parse_leniently(xml)
    split_inline_blocks(root)
    return etree.tostring(root, encoding="unicode")


_INLINE_PARENT = " or ".join(f"parent::w:{tag}" for tag in ("p", "r", "t", "hyperlink",
                                                               "fldSimple", "smartTag"))
# one pass each in libxml2, in document order, as the loops over root.iter() found them
_STRUCTURE_CHECKS = [(etree.XPath(path, namespaces=_XPATH_NS), what) for path, what in [
    # by name, not `*[self::w:p or self::w:tbl]`: a test of every element costs twice the time
    # nearly every paragraph is in the body or a cell: those are passed by the first test
    (f"descendant-or-self::w:p[not(parent::w:body or parent::w:tc)][{_INLINE_PARENT}]"
     f" | descendant-or-self::w:tbl[{_INLINE_PARENT}]",
     "ett stycke eller en tabell inuti ett annat stycke"),
    ("descendant-or-self::w:t[*|comment()|processing-instruction()]",
     "text med andra element i sig"),
    ("descendant-or-self::w:tbl[not(w:tr)]", "en tabell utan rader"),
    ("descendant-or-self::w:tr[not(w:tc)]", "en tabellrad utan celler"),
    ("descendant-or-self::w:tc[not(w:p)]", "en tabellcell utan stycke")]]


def structure_problems(root) -> list[tuple[object, str]]:
    """(element, what is wrong) for every place where the document breaks the schema in a way
    Word repairs: a paragraph or table inside a paragraph, run or text, text with elements in
    it, a table without rows, a row without cells, a cell without a paragraph."""
    return [(element, what) for path, what in _STRUCTURE_CHECKS for element in path(root)]


def structure_place(element, root) -> str:
    """`stycke 12` or `tabell 2, rad 3` of an element in the body, as Word counts them."""
    tables = [t for t in root.iter(W + "tbl") if t.getparent() is not None]
    table = element if element.tag == W + "tbl" else next(element.iterancestors(W + "tbl"), None)
    if table is not None and table in tables:
        row = element if element.tag == W + "tr" else next(element.iterancestors(W + "tr"), None)
        rows = [r for r in table if r.tag == W + "tr"]
        where = f"tabell {tables.index(table) + 1}"
        return where + (f", rad {rows.index(row) + 1}" if row is not None and row in rows else "")
    paragraphs = [p for p in root.iter(W + "p") if next(p.iterancestors(W + "tc"), None) is None]
    paragraph = element if element.tag == W + "p" else next(element.iterancestors(W + "p"), None)
    top = paragraph
    while top is not None and next(top.iterancestors(W + "p"), None) is not None:
        top = next(top.iterancestors(W + "p"))
    return f"stycke {paragraphs.index(top) + 1}" if top in paragraphs else ""


def part_roots(data: bytes) -> Iterator[tuple[str, object]]:
    """(part name, root) of the headers, footers and notes of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.rpartition("/")[2].startswith(
                    ("header", "footer", "footnotes", "endnotes")) and name.endswith(".xml"):
                yield name, etree.fromstring(package.read(name))


def clear_body(document) -> None:
    """Every paragraph and table of the body removed; the page (sectPr) stays."""
    body = document.element.body
    for block in [b for b in body if b.tag != W + "sectPr"]:
        body.remove(block)
