"""Validate: the checks across a kommun's nämnder, on the models only.

Each nämnd's own folder is validated as any report folder; here: fullmäktige's ram against the
nämnd's own Budget helår, År, Rapporttyp and period alike, every nämnd with its folder and every
folder listed, the parts the kommun's report must have, and a balansräkning that balances.
"""

from __future__ import annotations

from decimal import Decimal

from ..contract import fmt
from ..contract.findings import (Findings, K01_MAPP_DUBBEL, K01_MAPP_EJ_LISTAD, K01_MAPP_SAKNAS,
                                 K02_RAM, K03_AR, K03_NAMN, K03_PERIOD, K03_RAPPORTTYP,
                                 K04_DEL_SAKNAS, K05_BALANS)
from ..contract.kommun import (ANNUAL_PARTS, BALANSRAKNING, FINANSIELLA_MAL, INTERIM_PARTS,
                               KASSAFLODE, NAMNDER, BalanceGroup, FinancingGroup, KommunBook,
                               NamndEntry)
from ..contract.model import Report
from ..contract.sheets import RAPPORT
from ..contract.sums import net_rows, sum_figures
from ..contract.vocab import normalize


def namnd_budget(report: Report) -> Decimal:
    """The nämnd's own Budget helår as a net cost: what its report's total is built from,
    without the kommunbidrag (Kommunbidrag model)."""
    rows = [r.amounts for v in report.verksamheter for r in net_rows(v.ekonomi.rows)]
    return sum_figures(rows).get("budget_helar", Decimal(0))


def check_folders(book: KommunBook, subfolders: list[str], findings: Findings) -> None:
    """Every listed nämnd has its folder, no folder twice, and every folder is listed."""
    seen: dict[str, int] = {}
    listed = set()
    for entry in book.namnder:
        key = normalize(entry.mapp)
        cell = entry.source.cell("mapp")
        if key in seen:
            findings.add(K01_MAPP_DUBBEL, file=book.file, sheet=NAMNDER.title, cell=cell,
                         found=f"”{entry.mapp}”", expected=seen[key])
            continue
        seen[key] = entry.source.row
        listed.add(key)
        if key not in {normalize(name) for name in subfolders}:
            findings.add(K01_MAPP_SAKNAS, file=book.file, sheet=NAMNDER.title, cell=cell,
                         found=f"”{entry.mapp}”",
                         expected=", ".join(subfolders) or "inga")
    for name in subfolders:
        if normalize(name) not in listed:
            findings.add(K01_MAPP_EJ_LISTAD, file=book.file, sheet=NAMNDER.title,
                         found=f"”{name}”")


def _cell(info, attr: str) -> str:
    """The cell of the nämnd's field in its sheet Rapport."""
    return info.source.cells.get(RAPPORT.field(attr).name, "")


def check_namnd(book: KommunBook, entry: NamndEntry, report: Report, findings: Findings,
                whole: bool = True) -> None:
    """One nämnd against the kommun: its ram, and the same År, Rapporttyp and period."""
    info, kommun = report.info, book.info
    where = {"file": f"{entry.mapp}/{info.source.file}", "sheet": RAPPORT.title}
    name = entry.name
    if info.ar != kommun.ar:
        findings.add(K03_AR, cell=_cell(info, "ar"), found=info.ar,
                     expected=kommun.ar, namnd=name, **where)
    if info.rapporttyp != kommun.rapporttyp:
        findings.add(K03_RAPPORTTYP, cell=_cell(info, "rapporttyp"),
                     found=info.rapporttyp.value, expected=kommun.rapporttyp.value, namnd=name,
                     **where)
    elif not info.rapporttyp.is_annual and info.period_month != kommun.period_month:
        findings.add(K03_PERIOD, cell=_cell(info, "period_month"),
                     found=fmt.month_name(info.period_month),
                     expected=fmt.month_name(kommun.period_month), namnd=name, **where)
    if normalize(info.namnd) != normalize(entry.name):
        findings.add(K03_NAMN, file=book.file, sheet=NAMNDER.title,
                     cell=entry.source.cell("name"), found=f"”{info.namnd}”",
                     expected=f"”{entry.name}”", mapp=entry.mapp)
    own = namnd_budget(report)
    budget = entry.budget
    if whole and budget is not None and own != budget:
        changes = ("" if entry.andringar is None else
                   f" med budgetändringar ({fmt.tkr(entry.ram)} tkr och "
                   f"{fmt.tkr(entry.andringar)} tkr i ändringar)")
        findings.add(K02_RAM, file=book.file, sheet=NAMNDER.title,
                     cell=entry.source.cell("budget_helar"), found=fmt.tkr(own),
                     expected=fmt.tkr(budget), diff=fmt.tkr(own - budget), namnd=name,
                     andringar=changes)


def check_parts(book: KommunBook, findings: Findings) -> None:
    """RKR R17's parts of a delårsrapport (LKBR's of an årsredovisning): each missing one is
    named."""
    annual = book.info.rapporttyp.is_annual
    rule = "LKBR (lagen om kommunal bokföring och redovisning)" if annual else "RKR R17"
    for part, kind, source in (ANNUAL_PARTS if annual else INTERIM_PARTS):
        if kind == "text" and book.text(source).strip():
            continue
        if kind == "sheet" and _sheet_has_rows(book, source):
            continue
        where = {"text": f"avsnittet ”{source}” i bladet Text",
                 "sheet": f"bladet {source}"}[kind]
        findings.add(K04_DEL_SAKNAS, file=book.file, found=part, expected=rule, where=where)


def _sheet_has_rows(book: KommunBook, title: str) -> bool:
    if normalize(title) == normalize(BALANSRAKNING.title):
        return bool(book.balance)
    if normalize(title) == normalize(KASSAFLODE.title):
        return bool(book.cash_flow)
    if normalize(title) == normalize(FINANSIELLA_MAL.title):
        return any(g.kind == FINANSIELLA_MAL.title for g in book.goals)
    if normalize(title) in (normalize("Finansiering"),):
        return any(line.group == FinancingGroup.SKATTER.value for line in book.financing)
    return any(g.kind == title for g in book.goals)


def check_balance(book: KommunBook, findings: Findings) -> None:
    """Summa tillgångar = summa eget kapital, avsättningar och skulder, column by column."""
    for field in ("bokslut_fg", "utfall_period", "utfall_helar"):
        sides = {group: sum((line.amounts[field] for line in book.balance
                             if line.group == group and field in line.amounts), Decimal(0))
                 for group in BalanceGroup.values()}
        present = any(field in line.amounts for line in book.balance)
        assets, debts = sides[BalanceGroup.TILLGANGAR.value], sides[BalanceGroup.SKULDER.value]
        if present and assets != debts:
            header = BALANSRAKNING.column(field).header
            findings.add(K05_BALANS, file=book.file, sheet=BALANSRAKNING.title,
                         found=fmt.tkr(assets), expected=fmt.tkr(debts), column=header)


def validate_kommun(book: KommunBook, subfolders: list[str],
                    reports: list[tuple[NamndEntry, Report | None, bool]],
                    findings: Findings) -> None:
    """`reports`: each listed nämnd, its report and whether the report is whole (a nämnd with
    errors of its own may lack figures, so its ram is not compared)."""
    check_folders(book, subfolders, findings)
    for entry, report, whole in reports:
        if report is not None:
            check_namnd(book, entry, report, findings, whole)
    check_parts(book, findings)
    check_balance(book, findings)
