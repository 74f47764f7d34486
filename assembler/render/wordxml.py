"""Every Word XML trick lives here: tables built as XML, repeated header rows, rows that do not
split, the TOC field, heading numbering, core properties and a byte-stable zip.

Business logic never comes here; it hands over neutral `Table` data and plain strings.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

TEXT_WIDTH_DXA = 9638  # A4 (11906) minus 2 × 1134 (2 cm) margins


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



def _text_xml(text: str) -> str:
    return escape(text)


def run_xml(text: str, char_style: str | None = None) -> str:
    props = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{_text_xml(text)}</w:t></w:r>'


def paragraph_xml(text: str, style: str | None = None, char_style: str | None = None,
                  indent_dxa: int = 0, runs: list[tuple[str, str | None]] | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:ind w:left="{indent_dxa}"/>' if indent_dxa else "")
    body = "".join(run_xml(t, s) for t, s in runs) if runs else (
        run_xml(text, char_style) if text else "")
    return '<w:p>' + (f"<w:pPr>{props}</w:pPr>" if props else "") + body + "</w:p>"


def table_xml(style_id: str, widths: list[int], rows: list[tuple[list[list[str]], bool]]) -> str:
    """A table: each row (cells, is_header); each cell a list of paragraph XML strings.
    Rows never split across pages; header rows repeat on every page."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/>'
             f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
             f"<w:tblGrid>{grid}</w:tblGrid>"]
    for cells, header in rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
                     + "</w:trPr>")
        for content, width in zip(cells, widths):
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                         + "".join(content) + "</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


# --- tables ---------------------------------------------------------------------------------

MAX_NUMBER_COLUMN_DXA = 1531  # 2,7 cm: wider number columns only spread the figures apart


def column_widths(count: int, first_share: float) -> list[int]:
    """Full text width; number columns share what the label column leaves, up to a maximum."""
    numbers = max(count - 1, 1)
    rest = min((TEXT_WIDTH_DXA - int(TEXT_WIDTH_DXA * first_share)) // numbers,
               MAX_NUMBER_COLUMN_DXA)
    return [TEXT_WIDTH_DXA - rest * numbers] + [rest] * numbers


def equal_widths(count: int) -> list[int]:
    return [TEXT_WIDTH_DXA // count] * count


def text_widths(count: int, first_share: float) -> list[int]:
    """Full width for tables of text: the label column its share, the rest split evenly."""
    first = int(TEXT_WIDTH_DXA * first_share)
    rest = (TEXT_WIDTH_DXA - first) // max(count - 1, 1)
    return [first] + [rest] * (count - 1)


def set_alt_text(inline_shape, text: str) -> None:
    """Alt text for a picture (what a screen reader says)."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", text)
    doc_pr.set("title", text[:80])


# --- table of contents ----------------------------------------------------------------------

TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '


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


def toc_paragraphs(body) -> list:
    """The TOC field's entry paragraphs, in order."""
    paragraphs = list(body.iter(qn("w:p")))
    start = next((i for i, p in enumerate(paragraphs) if _is_toc_begin(p)), None)
    if start is None:
        return []
    found = []
    for p in paragraphs[start:]:
        found.append(p)
        if any(fc.get(qn("w:fldCharType")) == "end" for fc in p.iter(qn("w:fldChar"))):
            break
    return found


def toc_entry_text(p) -> str:
    texts = [t.text or "" for t in p.iter(qn("w:t"))]
    return "".join(t for t in texts if t != TOC_PAGE_PLACEHOLDER).strip()


def set_toc_pages(body, pages: list[int | None]) -> None:
    """Put the page numbers into the TOC entries (None leaves the entry without a number)."""
    for p, page in zip(toc_paragraphs(body), pages):
        for t in p.iter(qn("w:t")):
            if t.text == TOC_PAGE_PLACEHOLDER:
                t.text = str(page) if page is not None else ""


def _is_toc_begin(p) -> bool:
    instr = "".join(t.text or "" for t in p.iter(qn("w:instrText")))
    return instr.strip().startswith("TOC")


def fill_toc(body, entries: list[tuple[int, str]],
             toc_style_ids: dict[int, str | None]) -> bool:
    """Replace the TOC field's cached result with one paragraph per heading.

    `entries` are (level, text) with the heading numbers already in the text. The field stays a
    real TOC field marked dirty, so Word refreshes page numbers when it is next updated.
    Returns False when the template has no TOC field.
    """
    paragraphs = list(body.iter(qn("w:p")))
    start = next((p for p in paragraphs if _is_toc_begin(p)), None)
    if start is None:
        return False
    end = start
    for p in paragraphs[paragraphs.index(start):]:
        end = p
        if any(fc.get(qn("w:fldCharType")) == "end" for fc in p.iter(qn("w:fldChar"))):
            break
    parent = start.getparent()
    anchor = parent.index(start)
    for p in paragraphs[paragraphs.index(start):paragraphs.index(end) + 1]:
        p.getparent().remove(p)
    rows = entries or [(1, "Innehållsförteckningen uppdateras i Word (F9).")]
    new_paragraphs = []
    for level, text in rows:
        new_paragraphs.append(paragraph("", toc_style_ids.get(level)))
        new_paragraphs[-1].append(run(text))
        # a tab to the dotted right tab stop, and the page number (filled in later when known)
        new_paragraphs[-1].append(element("w:r", None, element("w:tab")))
        new_paragraphs[-1].append(run(TOC_PAGE_PLACEHOLDER))
    begin_runs = field_runs(TOC_INSTRUCTION, "", dirty=True)
    first = new_paragraphs[0]
    for r in reversed(begin_runs[:3]):
        first.insert(1, r)  # after pPr: begin, instr, separate, then the first entry's text
    new_paragraphs[-1].append(begin_runs[4])
    for offset, p in enumerate(new_paragraphs):
        parent.insert(anchor + offset, p)
    return True


# --- document-wide --------------------------------------------------------------------------

def set_core_properties(document, title: str, subject: str, author: str,
                        moment: dt.datetime | None) -> None:
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.revision = 1
    if moment is not None:
        props.created = moment
        props.modified = moment


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry timestamps: same inputs, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
