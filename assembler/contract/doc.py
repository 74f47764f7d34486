"""The tables of docs/indata.md, generated from the contract.

The doc is hand-written prose around blocks marked `<!-- kontrakt:NAME -->` …
`<!-- /kontrakt:NAME -->`; each block is replaced by the table the contract gives for NAME.
Regenerate with `python -m assembler.contract.doc docs/indata.md`; a test fails when it is stale.
docs/regler.md, the catalogue of findings, is generated whole:
`python -m assembler.contract.doc docs/regler.md`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .findings import RULES
from .sheets import (ANNUAL, CHAPTER, DELAR, NAMND, OWN_SHEETS, SHEETS, TEXT_SECTIONS,
                     VERKSAMHET, Column, KeyField, Sheet, in_words)
from .kommun import KOMMUN_SHEETS, KOMMUN_TEXT_SECTIONS
from .vocab import YesNo, template_key

KINDS = (DELAR, ANNUAL)
WORKBOOKS = {(NAMND,): "nämndens", (VERKSAMHET,): "verksamhetens",
             (NAMND, VERKSAMHET): "nämndens eller verksamhetens"}
BLOCK = re.compile(r"(<!-- kontrakt:(?P<name>[\w-]+) -->\n)(?P<body>.*?)"
                   r"(<!-- /kontrakt:(?P=name) -->)", re.S)


def markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def markdown_lines(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table's lines (the docs of the contract and of the template variables)."""
    return [markdown_row(head), "|" + "---|" * len(head)] + [markdown_row(r) for r in rows]


def _table(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join(markdown_lines(head, rows)) + "\n"


def _vocabulary_words(vocabulary) -> str:
    text = in_words([word for word in vocabulary.values() if word])
    aliases = [alias for alias in vocabulary.aliases() if alias and vocabulary is not YesNo]
    if aliases:
        text += " (" + in_words(aliases) + " godtas också)"
    return text


def _column_meaning(column: Column) -> str:
    parts = [column.doc] if column.doc else []
    if column.vocabulary is not None:
        parts.append(_vocabulary_words(column.vocabulary))
    if column.year_offset() is not None:
        parts.append(f"eller med årtalet: `{column.header_in(2025)}` när År är 2025")
    if column.kind == "amount":
        parts.append(column.unit)
    return "; ".join(parts)


def _column_use(column: Column, kind: str, sheet: Sheet) -> str:
    if column in sheet.filled_for(kind):
        return "krävs i varje rad"
    if kind in column.required:
        return "krävs"
    return "frivillig" if column.used_in(kind) else "–"


def columns_table(sheet: Sheet) -> str:
    rows = [[f"`{c.header}`", *(_column_use(c, k, sheet) for k in KINDS), _column_meaning(c)]
            for c in sheet.columns]
    return _table(["kolumn", "delårsrapport", "årsberättelse", "betydelse"], rows)


def _field_required(field: KeyField) -> str:
    if field.required_note:
        return field.required_note
    if set(field.required) == set(KINDS):
        return "ja"
    return "ja för delår" if DELAR in field.required else "nej"


def _field_meaning(field: KeyField) -> str:
    parts = []
    if field.vocabulary is not None:
        parts.append(_vocabulary_words(field.vocabulary))
    elif field.kind == "yesno":
        parts.append(in_words(YesNo.values()))
    parts += [field.doc] if field.doc else []
    if field.starter_value and field.attr != "rapporttyp":
        parts.append(f"standard `{field.starter_value}`")
    return "; ".join(parts)


def fields_table(sheet: Sheet) -> str:
    rows = [[f.name, _field_required(f), _field_meaning(f)] for f in sheet.fields]
    return _table(["Fält", "krävs", "betydelse"], rows)


def _sheet_use(sheet: Sheet, kind: str) -> str:
    return "krävs" if kind in sheet.required else "frivilligt"


def sheets_table() -> str:
    rows = [[f"`{s.title}`", WORKBOOKS[s.levels], *(_sheet_use(s, k) for k in KINDS)]
            for s in SHEETS]
    rows += [[f"`{s.title}<namn>`", WORKBOOKS[s.levels], "frivilligt", "frivilligt"]
             for s in OWN_SHEETS]
    return _table(["blad", "arbetsbok", "delårsrapport", "årsberättelse"], rows)


def blocks() -> dict[str, str]:
    """Every generated block by its name in the doc's markers."""
    found = {"blad": sheets_table(), "textavsnitt": in_words(list(TEXT_SECTIONS)) + "\n"}
    for sheet in [*SHEETS, CHAPTER]:
        name = template_key(sheet.title)
        found[name] = fields_table(sheet) if sheet.fields else columns_table(sheet)
    found["kommun_textavsnitt"] = in_words(list(KOMMUN_TEXT_SECTIONS)) + "\n"
    for sheet in KOMMUN_SHEETS:  # the kommun workbook of `assemble kommun`
        name = "kommun_" + template_key(sheet.title)
        found[name] = fields_table(sheet) if sheet.fields else columns_table(sheet)
    return found


def regenerated(text: str) -> str:
    """`text` with every marked block replaced by the contract's; an unknown name is an error."""
    tables = blocks()

    def fill(match: re.Match) -> str:
        name = match.group("name")
        if name not in tables:
            raise KeyError(f"docs/indata.md names an unknown block: {name}")
        return match.group(1) + tables[name] + match.group(4)

    return BLOCK.sub(fill, text)


RULES_DOC = "regler.md"
RULE_GROUPS = {"R": "Arbetsböckerna (`validate`, `report`)",
               "M": "Mallarna (`templates check`, `report`)",
               "K": "Kommunens rapport (`kommun`)"}
RULES_INTRO = """\
# Regler

<!-- Genererad ur assembler/contract/findings.py: ändra inte här, kör
`python -m assembler.contract.doc docs/regler.md`. -->

Varje fynd har en kod, en allvarlighet och ett meddelande, och visas med sin plats
(fil › blad › cell). Ett **fel** stoppar rapporten: `report` skriver inga dokument förrän felet är
rättat (slutkod 2). En **varning** visas, men dokumenten skrivs (slutkod 1); en varning som
stämmer med avsikt kvitteras i nämndens blad `Kvitterat`. Koderna ändras inte mellan versioner.

I meddelandet står `{found}` för det som hittades och `{expected}` för det som väntades; andra
namn inom klammer är regelns egna uppgifter. Exemplet visar meddelandet ifyllt med påhittade
värden, så som det står i `validate` och `report`.
"""


def rules_doc() -> str:
    """docs/regler.md: every rule of the catalogue, by prefix, in code order."""
    parts = [RULES_INTRO]
    for prefix, heading in RULE_GROUPS.items():
        rules = sorted((r for r in RULES.values() if r.code.startswith(prefix)),
                       key=lambda rule: rule.code)
        rows = [[f"`{r.code}`", r.severity.value, r.title, r.message, r.example_message]
                for r in rules]
        parts.append(f"\n## {heading}\n\n" + _table(["kod", "allvarlighet", "rubrik",
                                                         "meddelande", "exempel"], rows))
    return "".join(parts)


def main(argv: list[str]) -> None:
    path = Path(argv[0] if argv else "docs/indata.md")
    text = rules_doc() if path.name == RULES_DOC else regenerated(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    print(f"skrev {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
