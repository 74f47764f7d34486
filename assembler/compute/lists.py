"""Compute: counts per status and groups of a list (Åtaganden, Uppdrag, a local plan …), for
count sentences, count tables laid out in a column or a row, and lists grouped by status."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..contract.vocab import COMMITMENTS, STATUSES
from ..contract.model import ListItem, ListSheet, ListStatus, Report
from ..contract.vocab import normalize
from .tables import COUNT, TOTAL, Column, ColumnKind, RowKind, Table, doc
from .text import Text


@dataclass
class StatusGroup:
    status: str = doc("Statusen som den står i listan")
    rubrik: str = doc("Gruppens rubrik (kolumnen Rubrik i Statusar, annars statusen)")
    antal: int = doc("Antal punkter med statusen")
    ental: str = doc("Orden efter antalet när det är ett (kolumnen I text ental)")
    flertal: str = doc("Orden efter antalet annars (kolumnen I text)")
    punkter: list[dict] = doc("Punkterna: text, kommentar, kommentar_stycken (kommentaren som "
                              "stycken, med fetstil, kursiv och listor som i Excel: "
                              "`{{p p.kommentar_stycken }}`), forvantat_ar, fardiggrad",
                              default_factory=list)


@dataclass
class ListContext:
    namn: str = doc("Listans namn (bladets namn)")
    antal: int = doc("Antal punkter totalt")
    statusar: list[StatusGroup] = doc("En grupp per status, i Statusar-ordning")
    tabell: Table = doc("Antal per status i en kolumn, med Totalt")
    tabell_rad: Table = doc("Antal per status på en rad (en kolumn per status och Totalt)")
    mening: str = doc("Antalen i ord (formuleringen lista_mening), t.ex. sju färdiga och "
                      "en är stoppad", default="")


def _group(status: ListStatus, items: list[ListItem]) -> StatusGroup:
    chosen = [i for i in items if normalize(i.status) == normalize(status.status)]
    word = status.status[:1].lower() + status.status[1:]
    return StatusGroup(
        status=status.status, rubrik=status.rubrik or status.status, antal=len(chosen),
        ental=status.ental or status.flertal or word, flertal=status.flertal or word,
        punkter=[{"text": i.text, "kommentar": i.comment,
                  "kommentar_stycken": Text.parse(i.comment), "forvantat_ar": i.expected_year,
                  "fardiggrad": i.done} for i in chosen])


def list_context(listed: ListSheet) -> ListContext:
    groups = [_group(s, listed.items) for s in listed.statuses]
    column = Table(listed.name, [Column(COUNT, kind=ColumnKind.COUNT)], label_share=0.6)
    for group in groups:
        column.add_values(group.status, [Decimal(group.antal)])
    column.add_values(TOTAL, [Decimal(len(listed.items))], RowKind.TOTAL)
    row = Table(None, [Column(g.status, kind=ColumnKind.COUNT) for g in groups]
                + [Column(TOTAL, kind=ColumnKind.COUNT)])
    row.add_values("", [Decimal(g.antal) for g in groups] + [Decimal(len(listed.items))])
    return ListContext(listed.name, len(listed.items), groups, column, row)


def commitment_list(report: Report) -> ListSheet | None:
    """Åtaganden as a list: its statuses as Statusar declares them, else the five fixed ones."""
    commitments = report.goals.commitments
    if not commitments:
        return None
    declared = next((listed for listed in report.lists
                     if normalize(listed.name) == normalize(COMMITMENTS)), None)
    statuses = declared.statuses if declared else [ListStatus(status=s) for s in STATUSES]
    items = [ListItem(text=c.text, status=c.status, comment=c.comment, source=c.source,
                      done=c.done.number if c.done else None) for c in commitments]
    return ListSheet(name=COMMITMENTS, statuses=statuses, items=items)


def list_contexts(report: Report, key) -> dict[str, ListContext]:
    """Every list by key (`uppdrag`, `ataganden`)."""
    lists = [listed for listed in report.lists if normalize(listed.name) != normalize(COMMITMENTS)]
    commitments = commitment_list(report)
    if commitments is not None:
        lists.append(commitments)
    return {key(listed.name): list_context(listed) for listed in lists}
