"""Sums on unrounded figures: what validation checks and compute shows are added up alike."""

from __future__ import annotations

from decimal import Decimal

from .amounts import BUDGET, Amount
from .model import AmountSheet, EconomyRow, VaravGroup, Verksamhet
from .vocab import normalize

Figures = dict[str, Decimal]  # amounts by column key, unrounded
ZERO = Decimal(0)


def sum_figures(items: list[Figures]) -> Figures:
    """Field-wise sum on unrounded values; a field present in any item is present in the sum."""
    total: Figures = {}
    for item in items:
        for key, value in item.items():
            total[key] = total.get(key, ZERO) + value
    return total


def summed_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    """Rows that count in totals: every row that is not a varav row."""
    return [r for r in rows if not r.varav]


def net_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    """Summed rows without the kommunbidrag: what the activity itself costs."""
    return [r for r in summed_rows(rows) if not r.kommunbidrag]


def rows_above(sheet: AmountSheet, sum_row: EconomyRow) -> list[EconomyRow]:
    """What a sum row (Radtyp `Delsumma`, `Summa`) adds: every summed row above it, also the
    rows below the table's total (an över-/underskott) that stand above it."""
    return [r for r in summed_rows(sheet.rows + sheet.after_total)
            if r.source.row < sum_row.source.row]


def kommunbidrag_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    return [r for r in summed_rows(rows) if r.kommunbidrag]


def budget_known(items: list[Figures]) -> bool:
    """Whether a sum of `items` has a budget: every item gives one (a blank is never a 0)."""
    return all(BUDGET in item for item in items)


def without_unknown_budget(total: Figures, items: list[Figures]) -> Figures:
    """`total` (the sum of `items`) without a budget that only some items give."""
    if not budget_known(items):
        total.pop(BUDGET, None)
    return total


def net_figures(v: Verksamhet) -> Figures:
    """What the verksamhet's activity costs: its enheter summed, with its own ram (the field
    Budget helår) as the budget where it gives one, and no budget where neither it nor every
    enhet does."""
    rows = [r.amounts for r in net_rows(v.ekonomi.rows)]
    total = sum_figures(rows)
    if v.ram is not None:
        total[BUDGET] = v.ram
        return total
    return without_unknown_budget(total, rows)


def total_figures(v: Verksamhet) -> Figures:
    """The verksamhet's total: its net figures and its kommunbidrag rows."""
    items = [net_figures(v), *(r.amounts for r in kommunbidrag_rows(v.ekonomi.rows))]
    return without_unknown_budget(sum_figures(items), items)


def enhet_budgets_total(v: Verksamhet) -> Figures | None:
    """The sum of the enheter's own budgets where every enhet gives one (else None): what a
    ram above them must agree with."""
    rows = [r.amounts for r in net_rows(v.ekonomi.rows)]
    if not rows or not budget_known(rows) or any(BUDGET in r.unreadable
                                                 for r in net_rows(v.ekonomi.rows)):
        return None
    return sum_figures(rows)


def ekonomi_bokslut(v: Verksamhet) -> Decimal | None:
    """The sum of the enheter's Bokslut fg år, where every enhet gives one."""
    rows = net_rows(v.ekonomi.rows)
    if not rows or any(Amount.BOKSLUT_FG not in r.amounts for r in rows):
        return None
    return sum_figures([r.amounts for r in rows])[Amount.BOKSLUT_FG]


def group_members(group: VaravGroup, verksamheter: list[Verksamhet]
                  ) -> list[tuple[EconomyRow | None, int]]:
    """Each enhet a Varavrader group names (index into the group) with its row among the
    nämnd's summed enheter, or None when no such enhet counts in the nämnd's total. An enhet
    named twice counts once."""
    by_name = {normalize(r.name): r for v in verksamheter for r in net_rows(v.ekonomi.rows)}
    found: list[tuple[EconomyRow | None, int]] = []
    seen: set[str] = set()
    for index, enhet in enumerate(group.enheter):
        key = normalize(enhet)
        if key not in seen:
            seen.add(key)
            found.append((by_name.get(key), index))
    return found


def group_figures(group: VaravGroup, verksamheter: list[Verksamhet]) -> Figures:
    """A varav row over several enheter: the sum of the rows it covers."""
    items = [row.amounts for row, _ in group_members(group, verksamheter) if row]
    return without_unknown_budget(sum_figures(items), items)
