"""The exported PDF finished for PDF/UA (pikepdf): what LibreOffice's tagged export leaves out.

- Every /Figure gets the alt text of its picture or chart in the .docx, matched in order
  (LibreOffice 7.4 exports a chart's figure without its /Alt).
- Structure elements with nothing in them (an empty paragraph used for spacing) are dropped
  from the structure tree; they hold no content, so nothing on the page changes.
- A table that only lays out tables side by side (`bredvid`) becomes a /Div of its panels: it
  has no header cell because it holds no data of its own.
- Lines drawn outside any structure element (a paragraph's border) are marked as artifacts.
- A page with links (the contents' entries) is read in structure order, and its links print.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

# the standard types an empty element may be dropped from the tree as: text blocks, never a
# part of a table's or list's grid
DROPPABLE_WHEN_EMPTY = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Span", "Quote", "Code",
                        "BlockQuote", "Caption", "Note", "Lbl"}
PRINT_FLAG = 4
PATH_CONSTRUCTION = {"m", "l", "c", "v", "y", "h", "re"}
PATH_PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
PATH_ENDING = PATH_PAINTING | {"n"}
MARKED_BEGIN = {"BDC", "BMC"}


def finish(pdf: bytes, alt_texts: list[str]) -> bytes:
    """The PDF with figures' alt texts, without empty elements, with loose lines as artifacts.

    `alt_texts` are the document's pictures' and charts' alt texts in document order; they are
    set only when there are as many as the PDF has figures, so none lands on another picture."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return pdf
        roles = _role_map(tree)
        elements = list(_elements(tree))
        figures = [e for e in elements if _standard_type(e, roles) == "Figure"]
        if len(figures) == len(alt_texts):
            for figure, alt in zip(figures, alt_texts, strict=True):
                if alt and "/Alt" not in figure:
                    figure.Alt = pikepdf.String(alt)
        _layout_tables_as_divs(elements, roles)
        _drop_empty(tree, roles)
        for page in document.pages:
            _mark_loose_paths(document, page)
            _annotations_in_structure_order(page)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _role_map(tree) -> dict[str, str]:
    roles = tree.get("/RoleMap")
    if roles is None:
        return {}
    return {str(name)[1:]: str(target)[1:] for name, target in roles.items()}


def _standard_type(element, roles: dict[str, str]) -> str:
    kind = str(element.get("/S", "/"))[1:]
    seen = set()
    while kind in roles and kind not in seen:
        seen.add(kind)
        kind = roles[kind]
    return kind


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _elements(element) -> Iterator:
    """Every structure element under `element`, depth first in document order."""
    for kid in _kids(element):
        if _is_element(kid):
            yield kid
            yield from _elements(kid)


def _layout_tables_as_divs(elements: list, roles: dict[str, str]) -> None:
    """A table whose cells hold tables (the panels of `bredvid`) and no header cell is a
    layout: it, its rows and its cells become /Div, the panels stay tables."""
    for table in (e for e in elements if _standard_type(e, roles) == "Table"):
        parts = [e for e in _elements(table) if not _inside_a_panel(e, table, roles)]
        kinds = {_standard_type(e, roles) for e in parts}
        if "Table" not in kinds or "TH" in kinds:
            continue
        for part in [table] + [e for e in parts if _standard_type(e, roles) in
                               {"THead", "TBody", "TFoot", "TR", "TD"}]:
            part.S = pikepdf.Name.Div


def _inside_a_panel(element, table, roles: dict[str, str]) -> bool:
    """Whether `element` lies inside a table nested in `table` (or is that table's content)."""
    parent = element.get("/P")
    while parent is not None and parent.objgen != table.objgen:
        if _standard_type(parent, roles) == "Table":
            return True
        parent = parent.get("/P")
    return False


def _is_empty(element) -> bool:
    return not _kids(element) and "/Alt" not in element and "/ActualText" not in element


def _drop_empty(element, roles: dict[str, str]) -> None:
    kids = _kids(element)
    for kid in kids:
        if _is_element(kid):
            _drop_empty(kid, roles)
    kept = [kid for kid in kids if not (_is_element(kid) and _is_empty(kid)
                                        and _standard_type(kid, roles) in DROPPABLE_WHEN_EMPTY)]
    if len(kept) == len(kids):
        return
    if kept:
        element.K = pikepdf.Array(kept)
    else:
        del element["/K"]


def _annotations_in_structure_order(page) -> None:
    annotations = page.obj.get("/Annots")
    if not annotations:
        return
    page.obj.Tabs = pikepdf.Name.S
    for annotation in annotations:
        annotation.F = int(annotation.get("/F", 0)) | PRINT_FLAG


def _mark_loose_paths(document, page) -> None:
    """Wrap each stroked or filled path outside marked content in /Artifact BMC … EMC."""
    instructions = pikepdf.parse_content_stream(page)
    rewritten: list = []
    pending: list = []
    depth = 0
    changed = False
    for instruction in instructions:
        operator = str(instruction.operator)
        if depth == 0 and (pending or operator in PATH_CONSTRUCTION):
            pending.append(instruction)
            if operator in PATH_ENDING:
                if operator in PATH_PAINTING:
                    pending = [pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact],
                                                                pikepdf.Operator("BMC")),
                               *pending, pikepdf.ContentStreamInstruction([],
                                                                          pikepdf.Operator("EMC"))]
                    changed = True
                rewritten.extend(pending)
                pending = []
            continue
        if operator in MARKED_BEGIN:
            depth += 1
        elif operator == "EMC":
            depth = max(depth - 1, 0)
        rewritten.append(instruction)
    if changed:
        rewritten.extend(pending)
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(rewritten))
