"""Compute: record sheets (`Poster <namn>`) grouped and nested as `Postgrupper` declares.

Neutral data: each group is a node with its value, the fields that belong to it and the nodes
under it, in sheet order. A field belongs to the nearest group column to its left (columns
before the first group column belong to the outermost group); with no groups, each row is one
record with every column as a field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..contract.model import RecordDeclaration, RecordRow, RecordSheet
from ..contract.vocab import normalize


@dataclass
class RecordNode:
    column: str = ""  # its group column (ungrouped: the first column); "" for the root
    value: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)  # header → texts, in row order
    children: list[RecordNode] = field(default_factory=list)
    by_value: dict[str, RecordNode] = field(default_factory=dict, repr=False)  # normalized

    def child(self, column: str, value: str, fields: list[str]) -> RecordNode:
        """The node under this one with `value`, added at the end when new; every field of
        its level is there, a blank one empty."""
        key = normalize(value)
        found = self.by_value.get(key)
        if found is None:
            found = RecordNode(column, value, {h: [] for h in fields} | {column: [value]})
            self.children.append(found)
            self.by_value[key] = found
        return found

    def add(self, header: str, text: str) -> None:
        self.fields.setdefault(header, []).append(text)


def group_columns(sheet: RecordSheet, declared: RecordDeclaration | None) -> list[str]:
    """The declared group columns the sheet has, as its headers are written."""
    if declared is None:
        return []
    return [h for name in declared.groups if (h := sheet.header(name)) is not None]


def _ungrouped(sheet: RecordSheet) -> RecordNode:
    root, first = RecordNode(), sheet.headers[0]
    for row in sheet.rows:
        fields = {h: [row.cells[h].text] if h in row.cells else [] for h in sheet.headers}
        root.children.append(RecordNode(first, row.cells[first].text if first in row.cells
                                        else "", fields))
    return root


def _chain(root: RecordNode, groups: list[str], path: list[str],
           owner: dict[str, int]) -> list[RecordNode]:
    """The node at each depth of a row's path; a blank depth is the nearest node above it."""
    chain, node = [], root
    for depth, (column, value) in enumerate(zip(groups, path, strict=False)):
        if value:
            node = node.child(column, value, [h for h, d in owner.items() if d == depth])
        chain.append(node)
    return chain


def _add_row(chain: list[RecordNode], row: RecordRow, groups: list[str],
             owner: dict[str, int]) -> None:
    for header, cell in row.cells.items():
        if header not in groups:
            chain[owner[header]].add(header, cell.text)


def group_records(sheet: RecordSheet, declared: RecordDeclaration | None) -> RecordNode:
    """The root whose children are the outermost groups (or the records, ungrouped)."""
    groups = group_columns(sheet, declared)
    if not groups:
        return _ungrouped(sheet)
    root, owner = RecordNode(), sheet.owners(groups)
    for row, path in sheet.paths(groups):
        _add_row(_chain(root, groups, path, owner), row, groups, owner)
    return root
