"""A docxtpl template that knows where each piece of its Jinja source came from, so a failure
names the paragraph or table cell as a person counts them in Word.

docxtpl rewrites the Word XML before Jinja sees it (`{%p … %}` paragraphs disappear, rows with
`{%tr … %}` melt away), so line numbers in that source say little. Before the rewrite each
paragraph gets a line break and an XML comment marker with its number just before it; the marker
survives the rewrite, so the last marker at or before Jinja's line names the paragraph. After
rendering every marker is removed again, so the documents are exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docxtpl import DocxTemplate

from .wordxml import paragraph_places

_PARAGRAPH_START = re.compile(r"<w:p(?=[ >/])")
_MARKER = re.compile(r"\n?<!--P(\d+)-->")
# characters a person cannot see in Word but Jinja does, shown by name in messages
INVISIBLE = {"\u00a0": "[hårt blanksteg]", "\u200b": "[osynligt tecken]",
             "\u200c": "[osynligt tecken]", "\u200d": "[osynligt tecken]",
             "\u2060": "[osynligt tecken]", "\ufeff": "[osynligt tecken]",
             "\u202f": "[smalt hårt blanksteg]", "\t": "[tabb]", "\u00ad": "[mjukt bindestreck]"}
PART_LABELS = {"header": "sidhuvud", "footer": "sidfot", "footnotes": "fotnoter",
               "document": "brödtext"}


def show_invisible(text: str) -> str:
    return "".join(INVISIBLE.get(ch, ch) for ch in text)


def snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split(" ")).strip()
    return show_invisible(text[:limit] + "…" if len(text) > limit else text)


@dataclass(frozen=True)
class Place:
    part: str  # brödtext, sidhuvud, sidfot, fotnoter, dokumentegenskaper
    where: str = ""  # `stycke 12` or `tabell 2, rad 3, cell 1`
    text: str = ""  # the paragraph's text as Word shows it


class TemplateFailure(Exception):
    """Filling in a template failed at a known place; `cause` is the original exception."""

    def __init__(self, cause: BaseException, place: Place):
        super().__init__(str(cause))
        self.cause, self.place = cause, place


def template_line(exc: BaseException) -> int | None:
    """The template line a Jinja error happened on (syntax errors carry it, runtime errors in
    their rewritten traceback)."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


class LocatedTemplate(DocxTemplate):
    """DocxTemplate whose failures are TemplateFailure with the paragraph they happened in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._places: dict[str, list[tuple[str, str]]] = {}

    def _marked(self, xml: str, part) -> str:
        try:
            self._places[str(part.partname)] = paragraph_places(xml)
        except Exception:  # a part that is no well-formed XML: no places, docxtpl reports the rest
            return xml
        counter = iter(range(1, 10**9))
        # each marker starts a line, so a Jinja line number names one paragraph
        return _PARAGRAPH_START.sub(lambda m: f"\n<!--P{next(counter)}-->{m.group(0)}", xml)

    def get_xml(self):
        return self._marked(super().get_xml(), self.docx._part)

    def get_part_xml(self, part):
        return self._marked(super().get_part_xml(part), part)

    def part_label(self, part) -> str:
        name = str(getattr(part, "partname", ""))
        return next((label for key, label in PART_LABELS.items() if key in name), "brödtext")

    def place(self, part, source: str, exc: BaseException) -> Place:
        """Where in `part` the error of `exc` sits, `source` being what Jinja was given."""
        label = self.part_label(part)
        lineno = template_line(exc)
        places = self._places.get(str(getattr(part, "partname", "")), [])
        if not lineno or not places:
            return Place(label)
        before = "\n".join(source.split("\n")[:lineno])
        markers = _MARKER.findall(before)
        if not markers:
            return Place(label)
        where, text = places[min(int(markers[-1]), len(places)) - 1]
        return Place(label, where, snippet(text))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        try:
            dst_xml = super().render_xml_part(src_xml, part, context, jinja_env)
        except TemplateFailure:
            raise
        except Exception as exc:
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            raise TemplateFailure(exc, self.place(part, source, exc)) from exc
        return _MARKER.sub("", dst_xml)

    def render_properties(self, context, jinja_env=None):
        try:
            super().render_properties(context, jinja_env)
        except Exception as exc:
            raise TemplateFailure(exc, Place("dokumentegenskaper")) from exc
