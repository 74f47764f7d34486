"""Sums on unrounded figures: what validation checks and compute shows are added up alike."""

from __future__ import annotations

from decimal import Decimal

from .model import EconomyRow

Figures = dict[str, Decimal]  # amounts by column key, unrounded


def sum_figures(items: list[Figures]) -> Figures:
    """Field-wise sum on unrounded values; a field present in any item is present in the sum."""
    total: Figures = {}
    for item in items:
        for key, value in item.items():
            total[key] = total.get(key, Decimal(0)) + value
    return total


def summed_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    """Rows that count in totals: every row that is not a varav row."""
    return [r for r in rows if not r.varav]


def net_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    """Summed rows without the kommunbidrag: what the activity itself costs."""
    return [r for r in summed_rows(rows) if not r.kommunbidrag]


def kommunbidrag_rows(rows: list[EconomyRow]) -> list[EconomyRow]:
    return [r for r in summed_rows(rows) if r.kommunbidrag]
