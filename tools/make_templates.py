"""Builds the first version of the default Word template `templates/rapport.docx`.

The .docx in templates/ is the source of truth from then on: the kansli edits it in Word. Run
this only to start over (`python tools/make_templates.py`); it overwrites the file.

The styles the code refers to (keep their names when restyling in Word) are declared in
assembler/render/styles.py; this script creates them under those names.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from assembler.render import styles as st  # noqa: E402
from assembler.render.wordxml import (TOC_INSTRUCTION, drop_template_leftovers,  # noqa: E402
                                      element, field_runs, set_core_properties, set_ppr_child)

FONT = "Arial"
DARK = RGBColor(0x1F, 0x3A, 0x5F)
HEADING_NUM_ID = "90"
STATUS_COLOURS = {"Ej påbörjad": RGBColor(0x8C, 0x8C, 0x8C), "Pågår": RGBColor(0xE0, 0xA1, 0x00),
                  "Klart": RGBColor(0x2E, 0x7D, 0x4F), "Försenat": RGBColor(0xE0, 0x6C, 0x00),
                  "Stoppat": RGBColor(0xB3, 0x26, 0x1E)}


def _strip_theme_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)


def setup_defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _strip_theme_fonts(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr.find(qn("w:lang")).set(qn("w:val"), "sv-SE")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)


def setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in field_runs(" PAGE ", "1"):
        footer._p.append(r)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.text = "{{ namnd }} – {{ rapporttitel }} {{ ar }}"
    header.runs[0].font.size = Pt(8)


def setup_headings(doc) -> None:
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>'
        for i, (text, indent) in enumerate([("%1.", 567), ("%1.%2", 680), ("%1.%2.%3", 851)]))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUM_ID}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{HEADING_NUM_ID}">'
                               f'<w:abstractNumId w:val="{HEADING_NUM_ID}"/></w:num>'))
    sizes = {1: 16, 2: 13, 3: 11.5, 4: 11}
    for level, size in sizes.items():
        style = doc.styles[st.HEADINGS[level].name]
        _strip_theme_fonts(style.element.rPr)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = DARK
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        if level <= 3:
            ppr = style.element.get_or_add_pPr()
            num = element("w:numPr", None, element("w:ilvl", {"w:val": level - 1}),
                          element("w:numId", {"w:val": HEADING_NUM_ID}))
            set_ppr_child(ppr, num)
    h1 = doc.styles[st.HEADINGS[1].name]
    h1.paragraph_format.page_break_before = False

    unnumbered = doc.styles.add_style(st.UNNUMBERED_HEADING.name, WD_STYLE_TYPE.PARAGRAPH)
    unnumbered.base_style = doc.styles["Normal"]
    unnumbered.next_paragraph_style = doc.styles["Normal"]
    unnumbered.font.bold = True
    unnumbered.font.size = Pt(12)
    unnumbered.font.color.rgb = DARK
    unnumbered.paragraph_format.space_before = Pt(12)
    unnumbered.paragraph_format.keep_with_next = True
    # outline level 2 in the style puts it in the TOC (\o "1-2") without a number
    set_ppr_child(unnumbered.element.get_or_add_pPr(), element("w:outlineLvl", {"w:val": "1"}))


def _paragraph_style(doc, name, *, base="Normal", size=None, bold=None, italic=None, align=None,
                     before=0, after=0, keep_next=False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if align is not None:
        style.paragraph_format.alignment = align
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    style.paragraph_format.keep_with_next = keep_next
    return style


def setup_table_styles(doc) -> None:
    text = _paragraph_style(doc, st.TABLE_TEXT.name, size=8)
    text.paragraph_format.line_spacing = 1.0
    _paragraph_style(doc, st.TABLE_NUMBER.name, base=st.TABLE_TEXT.name,
                     align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, st.TABLE_HEADER.name, base=st.TABLE_TEXT.name, bold=True,
                     keep_next=True)
    _paragraph_style(doc, st.TABLE_NUMBER_HEADER.name, base=st.TABLE_HEADER.name,
                     align=WD_ALIGN_PARAGRAPH.RIGHT)
    spacer = _paragraph_style(doc, st.TABLE_SPACING.name, size=6)
    spacer.paragraph_format.space_after = Pt(6)
    bullet = _paragraph_style(doc, st.TABLE_BULLET.name, base=st.LIST_BULLET.name, size=8)
    bullet.paragraph_format.space_after = Pt(2)
    note = _paragraph_style(doc, st.TABLE_NOTE.name, size=8, after=2)
    note.font.italic = True
    for status, colour in STATUS_COLOURS.items():
        mark = doc.styles.add_style(st.STATUS_PREFIX + status, WD_STYLE_TYPE.CHARACTER)
        mark.font.color.rgb = colour
        mark.font.bold = True
    bold = doc.styles.add_style(st.TOTAL_ROW.name, WD_STYLE_TYPE.CHARACTER)
    bold.font.bold = True
    italic = doc.styles.add_style(st.VARAV_ROW.name, WD_STYLE_TYPE.CHARACTER)
    italic.font.italic = True
    table = st.TABLE.name
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{table}">'
        f'<w:name w:val="{table}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="DCE4EE"/><w:vAlign w:val="bottom"/></w:tcPr>'
        '</w:tblStylePr></w:style>'))


def setup_other_styles(doc) -> None:
    for level in (1, 2, 3):
        doc.styles.element.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">'
            f'<w:name w:val="{st.TOC[level].name}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/>'
            f'<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr>'
            f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9628"/></w:tabs>'
            f'<w:spacing w:after="60"/><w:ind w:left="{(level - 1) * 284}"/></w:pPr>'
            f'{"<w:rPr><w:b/></w:rPr>" if level == 1 else ""}</w:style>'))
    small = _paragraph_style(doc, "Rubrik liten", size=9, bold=True, before=6, after=2,
                             keep_next=True)
    small.font.color.rgb = DARK
    # a record's label, heading and item (KOMMUNFULLMÄKTIGEMÅL, the goal, an åtagande): each
    # stays with the text below it
    label = _paragraph_style(doc, "Postetikett", size=8.5, bold=True, before=12, after=2,
                             keep_next=True)
    label.font.color.rgb = DARK
    _paragraph_style(doc, "Postrubrik", bold=True, before=2, after=6, keep_next=True)
    _paragraph_style(doc, "Postpunkt", base="List Bullet", italic=True, before=6, after=4,
                     keep_next=True)
    memo_heading = _paragraph_style(doc, "Rubrik memo", size=12, bold=True, before=14, after=4,
                                    keep_next=True)
    memo_heading.font.color.rgb = DARK
    # a real heading (outline level 1): the PDF gets bookmarks and a screen reader a structure
    set_ppr_child(memo_heading.element.get_or_add_pPr(), element("w:outlineLvl", {"w:val": "0"}))
    _paragraph_style(doc, "Memo etikett", size=10, after=12)
    header = _paragraph_style(doc, "Memo huvud", size=9.5, after=0)
    header.paragraph_format.tab_stops.add_tab_stop(Cm(3))
    _paragraph_style(doc, "Memo underskrift", before=36, after=0)
    _paragraph_style(doc, "Memo namn", before=24, after=0)
    point = _paragraph_style(doc, "Beslutspunkt", after=6)
    point.paragraph_format.left_indent = Cm(0.75)
    point.paragraph_format.first_line_indent = Cm(-0.75)
    title = doc.styles["Title"]
    _strip_theme_fonts(title.element.rPr)
    title.font.name = FONT
    title.font.size = Pt(26)
    title.font.color.rgb = DARK
    _paragraph_style(doc, "Titelsida nämnd", size=16, bold=True, before=12, after=12)
    _paragraph_style(doc, "Titelsida beslut", size=10.5, before=24)
    toc_heading = doc.styles["TOC Heading"]
    _strip_theme_fonts(toc_heading.element.rPr)
    toc_heading.font.name = FONT
    toc_heading.font.color.rgb = DARK
    # based on Heading 1, so it would inherit the heading numbers: switch them off
    set_ppr_child(toc_heading.element.get_or_add_pPr(),
                  element("w:numPr", None, element("w:ilvl", {"w:val": "0"}),
                          element("w:numId", {"w:val": "0"})))


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def optional_section(doc, condition: str, heading: str, style: str, body: str) -> None:
    """A heading and its body, both left out when `condition` is false in the template."""
    add(doc, f"{{%p if {condition} %}}")
    add(doc, heading, style)
    add(doc, body)
    add(doc, "{%p endif %}")


def add(doc, text: str, style: str | None = None, level: int | None = None,
        keep_with_next: bool = False) -> None:
    """A paragraph; `level` gives an unnumbered sub-heading (Heading 4's look) its place in the
    outline, on the paragraph, so it is no level skipped and not in the TOC (no \\u)."""
    p = doc.add_paragraph(text, style=style)
    if level is not None:
        set_ppr_child(p._p.get_or_add_pPr(), element("w:outlineLvl", {"w:val": level - 1}))
    if keep_with_next:
        p.paragraph_format.keep_with_next = True


def title_page_head(doc) -> None:
    """The report's title, nämnd, förvaltning and kommun, a third down the first page."""
    for _ in range(6):
        doc.add_paragraph()
    add(doc, "{{ rapporttitel }} {{ ar }}", "Title")
    add(doc, "{{ namnd }}", "Titelsida nämnd")
    add(doc, "{{ forvaltning }}{% if forvaltning %}, {% endif %}{{ kommun }}", "Titelsida beslut")


def title_and_contents(doc) -> None:
    """The title page (with the decision line) and the table of contents, a page each."""
    title_page_head(doc)
    add(doc, "{%p if beslutsrad %}")
    add(doc, "{{ beslutsrad }}", "Titelsida beslut")
    add(doc, "{%p endif %}")
    page_break(doc)
    add(doc, "Innehåll", "TOC Heading")
    toc = doc.add_paragraph(style=st.TOC[1].name)
    for r in field_runs(TOC_INSTRUCTION, "Innehållsförteckningen fylls i när rapporten skapas.",
                        dirty=True):
        toc._p.append(r)
    page_break(doc)


def supporting_documents(doc) -> None:
    """Beslutsunderlag from Excel, as a bulleted list under an unnumbered heading."""
    add(doc, "{%p if beslutsunderlag %}")
    add(doc, "Beslutsunderlag", "Heading 4", level=2)
    add(doc, "{%p for dokument in beslutsunderlag %}")
    add(doc, "{{ dokument.dokument }}{% if dokument.diarienummer %}, {{ dokument.diarienummer }}"
             "{% endif %}", "List Bullet")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def kontogrupper_section(doc, filters: str = "") -> None:
    """5.2: the kontogrupper table and its text, when the sheets give one; `filters` shape
    the table (` | procentdecimaler(1)`)."""
    add(doc, "{%p if tabell.kontogrupper %}")
    add(doc, "Intäkts- och kostnadsutveckling", "Heading 2")
    add(doc, f"{{{{p tabell.kontogrupper{filters} }}}}")
    add(doc, "{{p text.intakts_och_kostnadsutveckling }}")
    add(doc, "{%p endif %}")


def investeringar_section(doc, filters: str = "") -> None:
    """5.4: the investments table, its sentence and text, when the sheets give one."""
    add(doc, "{%p if tabell.investeringar %}")
    add(doc, "Investeringar", "Heading 2")
    add(doc, f"{{{{p tabell.investeringar{filters} }}}}")
    add(doc, "{{ investeringsmening }}")
    add(doc, "{{p text.investeringar }}")
    add(doc, "{%p endif %}")


def records_of(doc, variable: str, key: str) -> None:
    """The målområde's records of one sheet as `variable` (`{%p set kf_mal = … %}`): an empty
    list when the folder has no such sheet."""
    add(doc, f"{{%p set {variable} = m.poster.{key} if m.poster.{key} is defined else [] %}}")


def record_items(doc, loop: str, text_field: str) -> None:
    """Italic items, each followed by its text: `a in kf.poster`, `beskrivning`."""
    name = loop.split()[0]
    add(doc, f"{{%p for {loop} %}}")
    add(doc, f"{{{{ {name}.namn }}}}", "Postpunkt")
    add(doc, f"{{{{p {name}.{text_field} }}}}")
    add(doc, "{%p endfor %}")


def kf_goal_blocks(doc) -> None:
    """Each KF-mål of `kf_mal`: the label KOMMUNFULLMÄKTIGEMÅL, the goal, the contribution in
    prose, then the åtaganden under it, each with its text."""
    add(doc, "{%p for kf in kf_mal %}")
    add(doc, "KOMMUNFULLMÄKTIGEMÅL", "Postetikett")
    add(doc, "{{ kf.namn }}", "Postrubrik")
    add(doc, "{{p kf.bidrag }}")
    add(doc, "{%p if kf.poster %}")
    add(doc, "{{ organets | capitalize }} åtaganden:", "Postrubrik")
    record_items(doc, "a in kf.poster", "beskrivning")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")


def contributions(doc) -> None:
    """4.x.2 from the record sheets `Poster KF-mål` and `Poster Inriktningar` (bladet
    Postgrupper groups them by Målområde): the KF-mål blocks, then the inriktningar, each an
    italic item with its text. Without the sheets: nothing."""
    records_of(doc, "kf_mal", "kf_mal")
    records_of(doc, "inriktningar", "inriktningar")
    add(doc, "{%p if kf_mal or inriktningar %}")
    add(doc, "Beskrivning av bidrag till Kommunfullmäktiges mål{% if inriktningar %} och "
             "inriktningar{% endif %}", "Heading 3")
    kf_goal_blocks(doc)
    add(doc, "{%p if inriktningar %}")
    add(doc, "Inriktningar inom målområde {{ m.nr }}", "Heading 4")
    record_items(doc, "i in inriktningar", "beskrivning")
    add(doc, "{%p endif %}")
    add(doc, "{%p endif %}")


def build_report_body(doc) -> None:
    title_and_contents(doc)

    add(doc, "Förslag till beslut", "Heading 1")
    add(doc, "{%p if arsberattelse %}")
    add(doc, "{{ forslagsstallare }} har sammanställt årsberättelsen med verksamhetens och "
             "ekonomins utfall för {{ ar }}.")
    add(doc, "{%p else %}")
    add(doc, "{{ forslagsstallare }} har sammanställt delårsrapporten med ekonomiskt "
             "utfall till och med {{ period_manad }} och en prognos för helåret {{ ar }}.")
    add(doc, "{%p endif %}")
    add(doc, "{{p text.sammanfattande_bedomning }}")
    add(doc, "{{ ekonomisk_sammanfattning }}")
    add(doc, "{{ forslagsstallare_genitiv }} förslag till {{ namnd }}", "Heading 4", level=2)
    add(doc, "{%p for punkt in beslutspunkter %}")
    add(doc, "{{ punkt.nr }}.\t{{ punkt.text }}", "Beslutspunkt")
    add(doc, "{%p endfor %}")
    supporting_documents(doc)

    add(doc, "Förvaltningschefens bedömning och analys", "Heading 1")
    add(doc, "{{p text.forvaltningschefens_analys }}")
    add(doc, "{{ ekonomisk_sammanfattning }}")
    add(doc, "{%p if text.handelser_av_vasentlig_betydelse or text.forvantad_utveckling %}")
    add(doc, "Händelser av väsentlig betydelse och förväntad utveckling", "Rubrik onumrerad")
    add(doc, "{{p text.handelser_av_vasentlig_betydelse }}")
    add(doc, "{{p text.forvantad_utveckling }}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if tabell.iakttagelser %}")
    add(doc, "Sammanfattande iakttagelser", "Heading 1")
    add(doc, "Tabellen sammanfattar de viktigaste positiva iakttagelserna och "
             "förbättringsområdena inom varje målområde. Underlaget finns i avsnittet om "
             "nämndens bidrag till Kommunfullmäktiges mål.", keep_with_next=True)
    add(doc, "{{p tabell.iakttagelser }}")
    add(doc, "{%p if tabell.atagandestatus %}")
    add(doc, "Nämndens åtaganden", "Heading 4", level=2)
    add(doc, "{{p tabell.atagandestatus }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if malomraden %}")
    add(doc, "Nämndens bidrag till utveckling inom Kommunfullmäktiges mål", "Heading 1")
    add(doc, "Här följer nämndens uppföljning per målområde: en sammanfattande analys, de "
             "viktigaste iakttagelserna, indikatorerna och nämndens åtaganden.")
    add(doc, "{%p for m in malomraden %}")
    add(doc, "Målområde {{ m.nr }} {{ m.namn }}", "Heading 2")
    add(doc, "Sammanfattande analys av bidraget till utveckling inom målområde {{ m.nr }}",
        "Heading 3")
    add(doc, "{{p m.analys }}")
    add(doc, "{{p m.iakttagelser }}")
    add(doc, "{%p if m.indikatorer %}")
    add(doc, "{% if arsberattelse %}Utfall{% else %}Prognos{% endif %} för indikatorer",
        "Heading 4")
    add(doc, "{{p m.indikatorer }}")
    add(doc, "{%p if m.kommentarer %}")
    add(doc, "Kommentarer till indikatorerna{% if not arsberattelse %}s prognos{% endif %}",
        "Rubrik liten")
    add(doc, "{%p for kommentar in m.kommentarer %}")
    add(doc, "{{ kommentar }}", "Fotnot")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endif %}")
    add(doc, "{%p if m.ataganden %}")
    add(doc, "Nämndens åtaganden", "Heading 4")
    add(doc, "{{p m.ataganden }}")
    add(doc, "{%p endif %}")
    contributions(doc)
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")

    add(doc, "Analysunderlag – ekonomi", "Heading 1")
    add(doc, "{% if arsberattelse %}Årets resultat{% else %}Delårsresultat och prognos"
             "{% endif %} – ekonomi", "Heading 4", level=2)
    add(doc, "{{p text.ekonomisk_analys }}")
    add(doc, "{{ ekonomi_inledning }}")
    add(doc, "{{ ekonomisk_sammanfattning }}")
    add(doc, "{%p if diagram.avvikelse %}")
    add(doc, "Diagram 1 visar varje verksamhets avvikelse mot budget för helåret.",
        keep_with_next=True)
    add(doc, "{{p diagram.avvikelse }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 4", level=2)
    add(doc, "{{ v.mening }}")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if text.effektivisering %}")
    add(doc, "Effektivisering", "Heading 4", level=2)
    add(doc, "{{p text.effektivisering }}")
    add(doc, "{%p endif %}")

    add(doc, "{{ rubrik_enheter }}", "Heading 2")
    add(doc, "{{p tabell.namnd }}")
    add(doc, "{%p if tabell.ackumulerat %}")
    add(doc, "Ackumulerat resultat för intraprenader", "Heading 4", level=3)
    add(doc, "{{p tabell.ackumulerat }}")
    add(doc, "{{p tabell.justerad }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 4", level=3)
    add(doc, "{{p v.tabell }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p for v in utanfor %}")
    add(doc, "{{ v.namn }} (utanför {{ organets }} resultat)", "Heading 4")
    add(doc, "{{p v.tabell }}")
    add(doc, "{{ v.mening }}")
    add(doc, "{%p endfor %}")

    kontogrupper_section(doc)

    add(doc, "{%p if tabell.verksamhetsomraden %}")
    add(doc, "{{ rubrik_verksamheter }}", "Heading 2")
    add(doc, "{{p tabell.verksamhetsomraden }}")
    add(doc, "{%p endif %}")

    investeringar_section(doc)

    add(doc, "{%p if tabell.fem_ar %}")
    add(doc, "Fem år i sammandrag", "Heading 1")
    add(doc, "{{p tabell.fem_ar }}")
    add(doc, "{%p for fotnot in fem_ar_fotnoter %}")
    add(doc, "{{ fotnot }}", "Fotnot")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if diagram.fem_ar %}")
    add(doc, "Diagrammen visar utvecklingen över fem år för några av nyckeltalen ovan.",
        keep_with_next=True)
    add(doc, "{%p endif %}")
    add(doc, "{%p for d in diagram.fem_ar %}")
    add(doc, "{{p d }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def memo_header(doc, label: str, lines, title: str) -> None:
    """The memo's header block: the nämnd, a label, `Datum:`-style lines and the title."""
    add(doc, "{{ namnd }}", "Titelsida nämnd")
    if label:
        add(doc, label, "Memo etikett")
    for name, value in lines:
        p = doc.add_paragraph(style="Memo huvud")
        p.add_run(f"{name}:\t").bold = True
        p.add_run(value)
    doc.add_paragraph(title, style="Title").paragraph_format.space_before = Pt(24)


def decision_proposal(doc) -> None:
    """Förslag till beslut with the numbered att-satser."""
    add(doc, "Förslag till beslut", "Rubrik memo")
    add(doc, "{{ namnd }} beslutar")
    add(doc, "{%p for a in attsatser %}")
    p = doc.add_paragraph(style="Beslutspunkt")
    p.add_run("{{ a.nr }}.\t")
    p.add_run("att").bold = True
    p.add_run(" {{ a.text }}{{ a.slut }}")
    add(doc, "{%p endfor %}")


def build_memo_body(doc) -> None:
    memo_header(doc, "Tjänsteskrivelse", (("Datum", "{{ skrivelse_datum }}"),
                                          ("Diarienummer", "{{ diarienummer }}"),
                                          ("Handläggare", "{{ handlaggare }}")),
                "{{ rapporttitel }} {{ ar }}")
    decision_proposal(doc)

    add(doc, "Sammanfattning", "Rubrik memo")
    add(doc, "{{ ekonomisk_sammanfattning }}")
    add(doc, "{{p text.sammanfattande_bedomning }}")
    add(doc, "{%p if text.arendet %}")
    add(doc, "Ärendet", "Rubrik memo")
    add(doc, "{{p text.arendet }}")
    add(doc, "{%p endif %}")
    add(doc, "Beslutsunderlag", "Rubrik memo")
    add(doc, "{%p for dokument in skrivelse_underlag %}")
    add(doc, "{{ dokument }}", "List Bullet")
    add(doc, "{%p endfor %}")
    add(doc, "{{ forvaltning }}", "Memo underskrift")
    add(doc, "{{ forvaltningschef }}", "Memo namn")
    add(doc, "{% if forvaltningschef %}{{ forvaltningschef_titel }}{% endif %}")


def set_properties(doc, title: str) -> None:
    set_core_properties(doc, title=title, subject="", author="assembler", language="sv-SE",
                        moment=dt.datetime(2026, 1, 1))
    drop_template_leftovers(doc)


def new_document():
    doc = Document()
    setup_defaults(doc)
    setup_page(doc)
    setup_headings(doc)
    setup_table_styles(doc)
    setup_other_styles(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def main() -> None:
    folder = Path(__file__).resolve().parents[1] / "templates"
    for name, build, title in (
            ("rapport.docx", build_report_body, "Mall: delårsrapport och årsberättelse"),
            ("tjänsteskrivelse.docx", build_memo_body, "Mall: tjänsteskrivelse")):
        doc = new_document()
        if build is build_memo_body:
            doc.sections[0].different_first_page_header_footer = False
            doc.sections[0].header.paragraphs[0].text = ""
        build(doc)
        set_properties(doc, title)
        doc.save(folder / name)
        print(f"skrev {folder / name}")


if __name__ == "__main__":
    main()
