"""All Word XML, written and read, lives here: tables built as XML, repeated header rows, rows
that do not split, the TOC field, heading numbering, core properties and a byte-stable zip; and
the readers the renderer, the output check and the template check look at documents through.
No other module imports lxml or docx.oxml (tests/test_wordxml_only.py); chartxml.py writes the
DrawingML chart parts as text and reads the document's default font from here.

Business logic never comes here; it hands over neutral `Table` data and plain strings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from collections.abc import Mapping
from xml.sax.saxutils import escape

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



def _text_xml(text: str) -> str:
    return escape(text)


# a tab, newline, bell or form feed in a run's text: what docxtpl's `resolve_listing` turns into
# Word's tab, line break, new paragraph and page break (the XML between tags does not count)
LISTING_CHARACTERS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")


def has_listing_characters(xml: str) -> bool:
    return LISTING_CHARACTERS.search(xml) is not None


def run_xml(text: str, char_style: str | None = None) -> str:
    props = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    # xml:space only where Word would drop spaces: each attribute costs a node in the tree
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<w:r>{props}<w:t{space}>{_text_xml(text)}</w:t></w:r>'


def paragraph_xml(text: str, style: str | None = None, char_style: str | None = None,
                  indent_dxa: int = 0, runs: list[tuple[str, str | None]] | None = None,
                  keep_next: bool = False) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        "<w:keepNext/>" if keep_next else "") + (
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
    # the first row's cells carry their widths, as the grid does: a fixed layout takes the
    # columns from there, and a width on every cell would only cost memory in long tables
    for index, (cells, header) in enumerate(rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
                     + "</w:trPr>")
        for content, width in zip(cells, widths):
            properties = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>' if index == 0 \
                else ""
            parts.append("<w:tc>" + properties + "".join(content) + "</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


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

# No \\u: sub-headings carry their outline level on the paragraph (for the document's structure
# and the PDF's bookmarks), and only headings whose *style* has a level 1–2 belong in the TOC.
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z '


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


def set_toc_pages(body, pages: list[int | None]) -> bool:
    """Put the page numbers into the TOC entries (None leaves the entry without a number).

    With every number in place the field is no longer marked dirty, so Word does not ask to
    update fields when the document is opened; returns whether that is so."""
    paragraphs = toc_paragraphs(body)
    for p, page in zip(paragraphs, pages):
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
    instr = "".join(t.text or "" for t in p.iter(qn("w:instrText")))
    return instr.strip().startswith("TOC")


TOC_BOOKMARK_PREFIX = "_Toc"  # Word's own prefix: hidden bookmarks that its TOC links to
TOC_BOOKMARK_FIRST_ID = 900000  # above the ids a template's own bookmarks use


def bookmark_headings(body, headings: list) -> list[str]:
    """A hidden bookmark around each heading paragraph's text, as Word's TOC sets them, so the
    TOC's entries link to their headings (in Word and in the PDF); returns their names."""
    taken = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
    names = []
    number = TOC_BOOKMARK_FIRST_ID
    for p in headings:
        while f"{TOC_BOOKMARK_PREFIX}{number}" in taken:
            number += 1
        name = f"{TOC_BOOKMARK_PREFIX}{number}"
        start = element("w:bookmarkStart", {"w:id": number, "w:name": name})
        properties = p.find(W + "pPr")
        p.insert(0 if properties is None else p.index(properties) + 1, start)
        p.append(element("w:bookmarkEnd", {"w:id": number}))
        names.append(name)
        number += 1
    return names


def fill_toc(body, entries: list[tuple[int, str, str | None]],
             toc_style_ids: dict[int, str | None], text_width: int = A4_TEXT_WIDTH_DXA) -> bool:
    """Replace the TOC field's cached result with one paragraph per heading.

    `entries` are (level, text, bookmark) with the heading numbers already in the text; each
    entry links to its heading's bookmark, as Word's TOC with `\\h` does. The field stays a
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
    rows = entries or [(1, "Innehållsförteckningen uppdateras i Word (F9).", None)]
    new_paragraphs = []
    for level, text, bookmark in rows:
        style = toc_style_ids.get(level)
        new_paragraphs.append(paragraph("", style))
        if style is None:  # a template without TOC styles (templates check warns): the leaders
            new_paragraphs[-1].insert(0, element("w:pPr", None, element(
                "w:tabs", None, element("w:tab", {"w:val": "right", "w:leader": "dot",
                                                  "w:pos": text_width}))))
        # the text, a tab to the dotted right tab stop, and the page number (filled in later)
        runs = [run(text), element("w:r", None, element("w:tab")), run(TOC_PAGE_PLACEHOLDER)]
        if bookmark is not None:
            runs = [element("w:hyperlink", {"w:anchor": bookmark, "w:history": 1}, *runs)]
        new_paragraphs[-1].extend(runs)
    begin_runs = field_runs(TOC_INSTRUCTION, "", dirty=True)
    first = new_paragraphs[0]
    for r in reversed(begin_runs[:3]):
        first.insert(1, r)  # after pPr: begin, instr, separate, then the first entry's text
    new_paragraphs[-1].append(begin_runs[4])
    for offset, p in enumerate(new_paragraphs):
        parent.insert(anchor + offset, p)
    return True


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


def first_table_rows(path) -> list[list[str]]:
    """The text of each cell of the document's first table, row by row; a cell's paragraphs
    are joined by line breaks. Empty when the document has no table."""
    from docx import Document

    tables = Document(str(path)).tables
    if not tables:
        return []
    return [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells]
            for row in tables[0].rows]


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


def fill_slots(body, xml_of) -> None:
    """Replace each slot in the rendered body with the elements of `xml_of(index)`."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in body.nsmap.items()
                            if prefix)
    for slot in list(body.iter(etree.PI)):
        if slot.target != SLOT_TARGET:
            continue
        parent = slot.getparent()
        position = parent.index(slot)
        parent.remove(slot)
        fragment = parse_leniently(f"<w:body {declarations}>{xml_of(int(slot.text))}</w:body>")
        for offset, child in enumerate(list(fragment)):
            parent.insert(position + offset, child)


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
