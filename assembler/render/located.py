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

from .wordxml import paragraph_places, with_inline_blocks_split

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


class BlockError(Exception):
    """A block written where docxtpl cannot keep the document whole (message in Swedish)."""


@dataclass(frozen=True)
class Failure:
    """A template that could not be filled in, as data: where (the Word part, the paragraph or
    table cell, its text) and the error Jinja, docxtpl or the sandbox raised. Render returns
    these; verify turns them into findings."""

    place: Place
    cause: BaseException


class UnreadableTemplate(Exception):
    """The file is no Word document docxtpl can open (a .docm renamed, a broken part)."""


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


_BLOCK_TAG = re.compile(r"\{%-?\s*(?:(p|tr|tc|r)\s+)?([A-Za-z_]\w*)([^%]*)")
BLOCKS = {"if", "for", "macro", "call", "filter", "with", "autoescape", "raw", "set", "trans"}


@dataclass(frozen=True)
class BlockTag:
    index: int  # the paragraph, as an index into the part's places
    kind: str  # "" for {% %}, or docxtpl's p, tr, tc, r
    word: str  # if, endfor, …
    text: str  # the tag as written, for messages

    @property
    def opens(self) -> bool:
        return self.word in BLOCKS and not (self.word == "set" and "=" in self.text)

    @property
    def closes(self) -> str | None:
        return self.word[3:] if self.word.startswith("end") and self.word[3:] in BLOCKS else None


def block_tags(places: list[tuple[str, str]]) -> list[BlockTag]:
    return [BlockTag(index, match.group(1) or "", match.group(2), match.group(0) + "%}")
            for index, (_, text) in enumerate(places)
            for match in _BLOCK_TAG.finditer(text)]


def paired_blocks(places: list[tuple[str, str]]
                  ) -> tuple[list[tuple[BlockTag, BlockTag]], list[BlockTag]]:
    """(opening tag, closing tag) of every block, and the blocks never closed, innermost last."""
    open_tags: list[BlockTag] = []
    pairs = []
    for tag in block_tags(places):
        if tag.opens:
            open_tags.append(tag)
        elif (word := tag.closes) and any(t.word == word for t in open_tags):
            while open_tags:
                opener = open_tags.pop()
                if opener.word == word:
                    pairs.append((opener, tag))
                    break
    return pairs, open_tags


def in_table(where: str) -> bool:
    return where.startswith("tabell")


def misplaced_blocks(places: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """(paragraph index, Swedish message) for each block docxtpl would turn into a broken or
    silently emptied table: a row or column loop outside a table, and a plain {% %} block that
    starts in one table cell and ends in another."""
    found = []
    for tag in block_tags(places):
        if tag.kind in ("tr", "tc") and (tag.opens or tag.closes) and \
                not in_table(places[tag.index][0]):
            found.append((tag.index, f"”{tag.text}” står i ett vanligt stycke; {{%{tag.kind} %}} "
                                     f"hör hemma i en tabellrad. I ett stycke skriver man "
                                     f"{{%p {tag.word} … %}}"))
    pairs, _ = paired_blocks(places)
    for opener, closer in pairs:
        start, end = places[opener.index][0], places[closer.index][0]
        if opener.kind in ("", "r") and start != end and (in_table(start) or in_table(end)):
            found.append((opener.index, f"”{opener.text}” börjar i {start} men slutar i {end}; "
                                        f"ett block över flera tabellrader skrivs "
                                        f"{{%tr {opener.word} … %}} … {{%tr end{opener.word} %}}, "
                                        f"var för sig i en egen rad"))
    return found


def _unclosed_block_error(exc: BaseException) -> bool:
    message = str(getattr(exc, "message", "") or "")
    return "needs to be closed" in message or "unexpected end of template" in message.lower()


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
        if places and _unclosed_block_error(exc):
            # Jinja names the end of the part; the mistake is where the block opens
            _, unclosed = paired_blocks(places)
            if unclosed:
                where, text = places[unclosed[-1].index]
                return Place(label, where, snippet(text))
        if not lineno or not places:
            return Place(label)
        before = "\n".join(source.split("\n")[:lineno])
        markers = _MARKER.findall(before)
        if not markers:
            return Place(label)
        where, text = places[min(int(markers[-1]), len(places)) - 1]
        return Place(label, where, snippet(text))

    def check_blocks(self, part) -> None:
        """A block that docxtpl would turn into a broken or emptied table stops here, named at
        the paragraph where it opens."""
        places = self._places.get(str(getattr(part, "partname", "")), [])
        for index, message in misplaced_blocks(places)[:1]:
            where, text = places[index]
            raise TemplateFailure(BlockError(message), Place(self.part_label(part), where,
                                                             snippet(text)))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        self.check_blocks(part)
        try:
            dst_xml = super().render_xml_part(src_xml, part, context, jinja_env)
        except TemplateFailure:
            raise
        except Exception as exc:
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            raise TemplateFailure(exc, self.place(part, source, exc)) from exc
        # a value holding paragraphs, written by a run-level {{ … }}: proper paragraphs
        return with_inline_blocks_split(_MARKER.sub("", dst_xml))

    def render_properties(self, context, jinja_env=None):
        try:
            super().render_properties(context, jinja_env)
        except Exception as exc:
            raise TemplateFailure(exc, Place("dokumentegenskaper")) from exc
