"""Bold and italic typed in Excel, carried inside the text of a cell.

The reader marks a formatted run with control characters that no cell can hold (it removes
every control character the economist's text contains, read.cells), so the marks are never
anything typed: they are data, like the text, and never template code. `runs` reads them back
for the paragraphs the documents get, `plain` drops them wherever a text is shown as plain
text (a sentence check, a value a template writes inline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

BOLD_ON, BOLD_OFF, ITALIC_ON, ITALIC_OFF = "\x02", "\x03", "\x04", "\x05"
MARKS = re.compile("[\x02-\x05]")

Run = tuple[str, bool, bool]  # text, bold, italic


def marked(runs: Iterable[Run]) -> str:
    """Runs as one text: each formatted run between its marks."""
    parts = []
    for text, bold, italic in runs:
        if not text:
            continue
        parts.append((BOLD_ON if bold else "") + (ITALIC_ON if italic else "") + text
                     + (ITALIC_OFF if italic else "") + (BOLD_OFF if bold else ""))
    return "".join(parts)


def plain(text: str) -> str:
    return MARKS.sub("", text) if text else text


def has_marks(text: str) -> bool:
    return bool(text) and MARKS.search(text) is not None


def runs(text: str) -> list[Run]:
    """A marked text as (text, bold, italic) runs; a text without marks is one plain run."""
    found: list[Run] = []
    bold = italic = False
    for piece in re.split("([\x02-\x05])", text):
        if piece == BOLD_ON:
            bold = True
        elif piece == BOLD_OFF:
            bold = False
        elif piece == ITALIC_ON:
            italic = True
        elif piece == ITALIC_OFF:
            italic = False
        elif piece:
            found.append((piece, bold, italic))
    return found


def lines(text: str) -> list[str]:
    """The lines of a marked text, each with the marks it needs on its own: a bold run that
    goes on over a line break is bold on both lines."""
    if not has_marks(text):
        return text.split("\n")
    out: list[str] = []
    current: list[Run] = []
    for text_run, bold, italic in runs(text):
        for index, part in enumerate(text_run.split("\n")):
            if index:
                out.append(marked(current))
                current = []
            current.append((part, bold, italic))
    out.append(marked(current))
    return out


def strip(text: str) -> str:
    """Leading and trailing white space off a marked text, marks kept."""
    pieces = runs(text)
    if not has_marks(text):
        return text.strip()
    while pieces and not pieces[0][0].strip():
        pieces.pop(0)
    while pieces and not pieces[-1][0].strip():
        pieces.pop()
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), *pieces[0][1:])
        pieces[-1] = (pieces[-1][0].rstrip(), *pieces[-1][1:])
    return marked(pieces)


def drop_prefix(text: str, count: int) -> str:
    """The text without its first `count` characters of content (a typed `- ` or `1. `)."""
    if not has_marks(text):
        return text[count:]
    pieces = []
    for piece, bold, italic in runs(text):
        taken = min(count, len(piece))
        count -= taken
        pieces.append((piece[taken:], bold, italic))
    return marked(pieces)
