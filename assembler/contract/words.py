"""Table titles, column titles and row labels whose words are the kansli's.

Compute writes a table's labels in today's words, and those words stay the tool's own name for
the row (the figure book, spårbarhet.csv and the sums look rows up by them). A label marked as
`Worded` also names the formulation of formuleringar.docx that words it for the reader
(`rubrik_totalt`, `tabellrubrik_belopp(namn, enhet)`): render/wording.py writes the kansli's
words into the tables the documents show, never into the computed ones.
"""

from __future__ import annotations


class Worded(str):
    """A label in its default words (the text), worded for the reader by the formulation `word`
    called with `args` (plain values, or other worded labels)."""

    word: str
    args: tuple
    by_unit: dict[str, str]  # the kansli's words for each unit, once written (`enhet` args)

    def __new__(cls, text: str, word: str, *args) -> Worded:
        label = super().__new__(cls, text)
        label.word, label.args, label.by_unit = word, args, {}
        return label

    def __getnewargs__(self) -> tuple:  # pickled with its word
        return (str(self), self.word, *self.args)

    def in_unit(self, old: str, new: str) -> Worded:
        """The same label with its amounts in `new` instead of `old` (`belopp i mnkr`): in the
        kansli's words for `new` once they are written, else today's words."""
        text = self.by_unit.get(new, str(self).replace(f"belopp i {old}", f"belopp i {new}"))
        label = Worded(text, self.word, *(new if arg == old else arg for arg in self.args))
        label.by_unit = self.by_unit
        return label


def worded_in_unit(label: str, old: str, new: str) -> str:
    """A title `…, belopp i tkr` in `new` instead; a worded title keeps its formulation."""
    if isinstance(label, Worded):
        return label.in_unit(old, new)
    return label.replace(f"belopp i {old}", f"belopp i {new}")


TOTAL = Worded("Totalt", "rubrik_totalt")  # a row or column of the sum
AMOUNTS_TITLE = "tabellrubrik_belopp"  # `{namn}, belopp i {enhet}`: a table of amounts


def amounts_title(name: str, unit: str = "tkr") -> Worded:
    """`Bibliotek, belopp i tkr`: the title of a table of amounts, worded by the kansli."""
    return Worded(f"{name}, belopp i {unit}", AMOUNTS_TITLE, name, unit)
