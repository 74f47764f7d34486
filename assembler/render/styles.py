"""The styles the tool writes in and looks for, declared once.

Render finds each one in a template by its identity (`Styles`): a built-in style by Word's own
name or id whatever the display name (`heading 1`, `Heading1`; LibreOffice's `TOC 1` with the id
`Contents1`), the template's own styles by name. `templates check` warns about a required style
a template lacks (M06), the output check reads tables by them, and the tools that build the
shipped templates create them under these names. The kansli restyles them in Word, but keeps
the names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import wordxml


class StyleKind(Enum):
    PARAGRAPH = "paragraph"
    CHARACTER = "character"
    TABLE = "table"


@dataclass(frozen=True)
class StyleUse:
    name: str  # Word's name of a built-in style, or the template's own style's name
    kind: StyleKind
    use: str  # what the tool writes in it
    required: bool = True  # a template without it is warned about (M06)


P, C = StyleKind.PARAGRAPH, StyleKind.CHARACTER

TABLE = StyleUse("Ekonomitabell", StyleKind.TABLE, "every table the tool builds")
TABLE_TEXT = StyleUse("Tabelltext", P, "a table's row names and text cells")
TABLE_NUMBER = StyleUse("Tabelltal", P, "a table's figures (an empty one is a lost figure)")
TABLE_HEADER = StyleUse("Tabellhuvud", P, "column headers over text, titles over a table")
TABLE_NUMBER_HEADER = StyleUse("Tabellhuvud tal", P, "column headers over figures")
TABLE_BULLET = StyleUse("Tabellpunkt", P, "bullets in a table cell")
TABLE_SPACING = StyleUse("Tabellavstånd", P, "the empty paragraph after a table")
TOTAL_ROW = StyleUse("Summarad", C, "total and group rows")
VARAV_ROW = StyleUse("Varavrad", C, "`varav` rows")
TABLE_NOTE = StyleUse("Fotnot", P, "a table's footnotes")
HEADINGS = {level: StyleUse(f"Heading {level}", P, f"headings of level {level} in text from "
                                                   f"Excel", required=level <= 3)
            for level in range(1, 10)}
UNNUMBERED_HEADING = StyleUse("Rubrik onumrerad", P, "the templates' headings without a number")
LIST_BULLET = StyleUse("List Bullet", P, "bullets in text from Excel")
LIST_NUMBER = StyleUse("List Number", P, "numbered items in text from Excel (our own numbering "
                       "where the template has none)", required=False)
NORMAL = StyleUse("Normal", P, "text from Excel, a chart", required=False)
CAPTION = StyleUse("Caption", P, "a chart's caption", required=False)
# required by a template with a TOC that lists the level
TOC = {level: StyleUse(f"toc {level}", P, f"the TOC's entries of level {level}", required=False)
       for level in range(1, 10)}
STATUS_PREFIX = "Status "  # `Status Pågår`: the mark before an åtagande's status
# templates made before the status agreed with ett åtagande name the style by the old word
STATUS_FALLBACK = {"Ej påbörjat": "Ej påbörjad"}

STYLES = [TABLE, TABLE_TEXT, TABLE_NUMBER, TABLE_HEADER, TABLE_NUMBER_HEADER, TABLE_BULLET,
          TABLE_SPACING, TOTAL_ROW, VARAV_ROW, TABLE_NOTE, *HEADINGS.values(), UNNUMBERED_HEADING,
          LIST_BULLET, LIST_NUMBER, NORMAL, CAPTION, *TOC.values()]
REQUIRED = [style.name for style in STYLES if style.required]


def _style_key(name: str) -> str:
    return "".join(name.split()).casefold()


class Styles:
    """The style ids of one template, each style found by its identity rather than its display
    name: Word stores built-in styles as `toc 1`, `heading 1`; LibreOffice saves the same styles
    as `TOC 1` with the id `Contents1`. Names match without regard to case or spaces, and a
    built-in style may also be found by its usual id (`TOC1`, `Heading1`)."""

    def __init__(self, document):
        self._by_name: dict[str, str] = {}
        self._by_id: dict[str, str] = {}
        self.names: dict[str, str] = {}  # style id → name as stored, for the output check
        self._found: dict[str, str | None] = {}  # asked name → id: tables ask once a cell
        for style_id, name in wordxml.style_names(document.styles.element):
            if name is not None:
                self._by_name.setdefault(_style_key(name), style_id)
                self.names[style_id] = name
            self._by_id.setdefault(_style_key(style_id or ""), style_id)

    def id(self, style: StyleUse | str) -> str | None:
        """The id of a declared style, or of a style the template names (a TOC's \\t)."""
        name = style.name if isinstance(style, StyleUse) else style
        if name not in self._found:
            key = _style_key(name)
            self._found[name] = self._by_name.get(key) or self._by_id.get(key)
        return self._found[name]

    def status(self, value: str) -> str | None:
        """The character style of the mark before the status `value`."""
        from ..contract.vocab import canonical_status

        canonical = canonical_status(value) or value  # `Klart, avslutat` marked as `Klart`
        return (self.id(STATUS_PREFIX + value) or self.id(STATUS_PREFIX + canonical)
                or self.id(STATUS_PREFIX + STATUS_FALLBACK.get(canonical, canonical)))
