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


def run_xml(text: str, char_style: str | None = None) -> str:
    props = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{_text_xml(text)}</w:t></w:r>'


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


def fill_toc(body, entries: list[tuple[int, str]], toc_style_ids: dict[int, str | None],
             text_width: int = A4_TEXT_WIDTH_DXA) -> bool:
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
        style = toc_style_ids.get(level)
        new_paragraphs.append(paragraph("", style))
        if style is None:  # a template without TOC styles (templates check warns): the leaders
            new_paragraphs[-1].insert(0, element("w:pPr", None, element(
                "w:tabs", None, element("w:tab", {"w:val": "right", "w:leader": "dot",
                                                  "w:pos": text_width}))))
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


def document_tables(path) -> list[list[list[tuple[str, bool]]]]:
    """Every table of the body, row by row: (text, merged) per cell as Word shows the row. A
    cell's paragraphs are joined by line breaks; `merged` is True for a cell merged with the
    cell above or beside it (which Word shows as one cell over several rows or columns)."""
    from docx import Document

    body = Document(str(path)).element.body
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


# --- reading ------------------------------------------------------------------------------


def parse_leniently(xml: str | bytes):
    """A part's XML as docxtpl parses it after rendering: lxml's recovering parser."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    return etree.fromstring(xml, parser=etree.XMLParser(recover=True))


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


def body_paragraphs(body) -> Iterator[tuple[str | None, str]]:
    """(style id, text) of each paragraph directly in the body, so not those in tables."""
    for p in body.iterchildren(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        yield (style.get(W + "val") if style is not None else None), paragraph_text(p)


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


def document_paragraphs(data: bytes) -> Iterator[tuple[str, str, bool]]:
    """(style name, text, whether in a table) of every paragraph of a document's body, in
    reading order; a freshly rendered document is read from the tree it carries."""
    body = getattr(data, "body", None)
    body, styles = ((body, getattr(data, "style_names")) if body is not None
                    else body_and_style_names(data))
    for block in body:
        if is_paragraph(block):
            yield styles.get(paragraph_style_id(block), ""), text_of(block), False
        elif is_table(block):
            for paragraph in paragraphs_in(block):
                yield styles.get(paragraph_style_id(paragraph), ""), text_of(paragraph), True


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
    for parent, child in zip(chain[:-1], chain[1:]):
        for sibling in list(child.itersiblings()):
            parent.remove(sibling)
    # after: the container's text after its last block, and nothing before it further up
    chain = _follow(after, path)
    tail = chain[-1][last].tail
    for child in list(chain[-1])[:last + 1]:
        chain[-1].remove(child)
    chain[-1].text = (tail or "").lstrip()
    for parent, child in zip(chain[:-1], chain[1:]):
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


def structure_problems(root) -> list[tuple[object, str]]:
    """(element, what is wrong) for every place where the document breaks the schema in a way
    Word repairs: a paragraph or table inside a paragraph, run or text, text with elements in
    it, a table without rows, a row without cells, a cell without a paragraph."""
    problems = [(block, "ett stycke eller en tabell inuti ett annat stycke")
                for block in _misplaced(root)]
    problems += [(t, "text med andra element i sig") for t in root.iter(W + "t") if len(t)]
    problems += [(table, "en tabell utan rader") for table in root.iter(W + "tbl")
                 if table.find(W + "tr") is None]
    problems += [(row, "en tabellrad utan celler") for row in root.iter(W + "tr")
                 if row.find(W + "tc") is None]
    problems += [(cell, "en tabellcell utan stycke") for cell in root.iter(W + "tc")
                 if cell.find(W + "p") is None]
    return problems


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
