"""Narrative from Excel as paragraphs: what the Text sheet, a `Kapitel` sheet, a list's
comment or a record's field holds, for the documents to show as Word paragraphs.

A line break separates paragraphs; a line that starts with `- `, `• `, `– ` or `* ` is a bullet,
one that starts with a number and a point (`1. `, `2) `) an item of a numbered list, numbered as
typed. Bold and italic typed in Excel stay with their words (contract.rich). The text is data:
nothing in it is read as template code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contract import rich

BULLET = "•"
BULLET_PREFIXES = ("- ", "• ", "– ", "* ")
NUMBERED = re.compile(r"^(\d{1,3}[.)])\s+")


def _paragraph(line: str) -> tuple[str, str] | None:
    """(text, list mark) of one line: "" for none, `•` for a bullet, `1.` as typed."""
    line = rich.strip(line)
    shown = rich.plain(line)
    if not shown.strip():
        return None
    if shown.startswith(BULLET_PREFIXES):
        return rich.strip(rich.drop_prefix(line, 2)), BULLET
    number = NUMBERED.match(shown)
    if number:
        return rich.strip(rich.drop_prefix(line, number.end())), number.group(1)
    return line, ""


@dataclass(frozen=True)
class Text:
    """Paragraphs of narrative from Excel, and which of them are headings."""

    paragraphs: tuple[tuple[str, str], ...] = ()  # (text with its marks, list mark)
    headings: tuple[tuple[int, int], ...] = ()  # (paragraph index, heading level 1–4)

    @classmethod
    def parse(cls, raw: str) -> Text:
        found = (_paragraph(line) for line in rich.lines(raw or ""))
        return cls(tuple(p for p in found if p is not None))

    @classmethod
    def chapter(cls, parts) -> Text:
        """A `Kapitel` sheet: each part's heading (a real Word heading) above its text."""
        items: list[tuple[str, str]] = []
        headings = []
        for part in parts:
            if part.heading:
                headings.append((len(items), part.level))
                items.append((part.heading, ""))
            items += cls.parse(part.text).paragraphs
        return cls(tuple(items), tuple(headings))

    @property
    def plain(self) -> str:
        """The paragraphs as plain text, a line each."""
        return "\n".join(rich.plain(text) for text, _ in self.paragraphs)

    def __bool__(self) -> bool:
        return bool(self.paragraphs)
