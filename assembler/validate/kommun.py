"""Validate: the checks across a kommun's nämnder, on the models only.

Each nämnd's own folder is validated as any report folder; here: fullmäktige's ram against the
nämnd's own Budget helår, År, Rapporttyp and period alike, every nämnd with its folder and every
folder listed, the parts the kommun's report must have, and a balansräkning that balances.
"""

from __future__ import annotations

from decimal import Decimal

from ..contract import fmt
from ..contract.amounts import Amount
from ..contract.findings import (Findings, K01_MAPP_DUBBEL, K01_MAPP_EJ_LISTAD, K01_MAPP_SAKNAS,
                                 K02_RAM, K03_AR, K03_NAMN, K03_PERIOD, K03_RAPPORTTYP,
                                 K04_DEL_SAKNAS, K05_BALANS, K06_KASSAFLODE_LIKVIDA,
                                 K06_KASSAFLODE_RESULTAT, K07_NOT_OREFERERAD, K07_NOT_SAKNAS,
                                 K07_NOT_SUMMA)
from ..contract.kommun import (ANNUAL_PARTS, BALANSRAKNING, CASH_FLOW_RESULT, FINANSIELLA_MAL,
                               INTERIM_PARTS, KASSAFLODE, NAMNDER, NOTER,
                               BalanceGroup, FinancingGroup, KommunBook, NamndEntry,
                               NoteLine)
from ..contract.model import Report
from ..contract.sheets import RAPPORT
from ..contract.sums import net_figures, sum_figures
from ..contract.vocab import normalize


def namnd_budget(report: Report) -> Decimal:
    """The nämnd's own Budget helår as a net cost: what its report's total is built from,
    without the kommunbidrag (Kommunbidrag model)."""
    if report.info.ram is not None:  # the nämnd's one ram
        return report.info.ram
    figures = [net_figures(v) for v in report.verksamheter]
    return sum_figures(figures).get(Amount.BUDGET_HELAR, Decimal(0))


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
                     cell=entry.source.cell(Amount.BUDGET_HELAR), found=fmt.tkr(own),
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
    for field in (Amount.BOKSLUT_FG, Amount.UTFALL_PERIOD, Amount.UTFALL_HELAR):
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
    check_notes(book, findings)


def check_notes(book: KommunBook, findings: Findings) -> None:
    """Every Not a row refers to is in the sheet Noter, and every note there is referred to."""
    present: dict[int, str] = {}
    for note in book.notes:
        present.setdefault(note.note, note.source.cell("note"))
    referred = set()
    for line in book.referring_lines:
        if line.note is None:
            continue
        referred.add(line.note)
        if line.note not in present:
            findings.add(K07_NOT_SAKNAS, file=line.source.file, sheet=line.source.sheet,
                         cell=line.source.cell("note"), found=line.note, post=line.name,
                         expected=", ".join(map(str, sorted(present))) or "inga noter")
    for number, cell in present.items():
        if number not in referred:
            findings.add(K07_NOT_OREFERERAD, file=book.file, sheet=NOTER.title, cell=cell,
                         found=number)
    check_note_sums(book, findings)


def check_note_sums(book: KommunBook, findings: Findings) -> None:
    """A note's Summa is the figure of the row that refers to it, column by column (the
    printed, rounded figures; several rows referring to one note: their sum)."""
    by_number: dict[int, list[NoteLine]] = {}
    for note in book.notes:
        by_number.setdefault(note.note, []).append(note)
    for number, lines in by_number.items():
        rows = [line for line in book.referring_lines if line.note == number]
        for field in (Amount.BOKSLUT_FG, Amount.UTFALL_PERIOD, Amount.UTFALL_HELAR):
            if not rows or any(field not in x.amounts for x in lines) or \
                    any(field not in x.amounts for x in rows):
                continue  # a missing figure is its own finding, or the column is not used
            note_sum = fmt.round_half_up(sum((x.amounts[field] for x in lines), Decimal(0)))
            row_sum = fmt.round_half_up(sum((x.amounts[field] for x in rows), Decimal(0)))
            if note_sum != row_sum:
                first, last = lines[0].source.cell(field), lines[-1].source.cell(field)
                findings.add(K07_NOT_SUMMA, file=book.file, sheet=NOTER.title,
                             cell=first if first == last else f"{first}:{last}",
                             found=fmt.tkr(note_sum), expected=fmt.tkr(row_sum),
                             diff=fmt.tkr(note_sum - row_sum), note=number,
                             column=NOTER.column(field).header,
                             post=" + ".join(x.name for x in rows),
                             row_sheet=" och ".join(dict.fromkeys(x.source.sheet for x in rows)))


def check_cash_flow(book: KommunBook, result: dict[str, Decimal | None],
                    cash_flow: Decimal | None, field: str, findings: Findings) -> None:
    """The kassaflödesanalys against the other statements: its Årets resultat is the
    resultaträkning's, and its year's (period's) kassaflöde is the change of the balansräkning's
    likvida medel. `result`: årets resultat by field; `cash_flow`: the kassaflödesanalys's
    total in its current column, the field `field`."""
    row = book.cash_flow_result
    rr = result.get(field)
    column = KASSAFLODE.column(field).header if field else ""
    if row is not None and rr is not None and field in row.amounts and \
            fmt.round_half_up(row.amounts[field]) != rr:
        findings.add(K06_KASSAFLODE_RESULTAT, file=book.file, sheet=KASSAFLODE.title,
                     cell=row.source.cell(field), found=fmt.tkr(row.amounts[field]),
                     expected=fmt.tkr(rr), column=column, post=CASH_FLOW_RESULT)
    liquid = book.liquid_funds
    closing = Amount.UTFALL_HELAR if book.info.rapporttyp.is_annual else Amount.UTFALL_PERIOD
    if not liquid or cash_flow is None or field != closing:
        return  # a delårsrapport's kassaflöde for the year is not the period's balance change
    start, end = (sum((line.amounts.get(f, Decimal(0)) for line in liquid), Decimal(0))
                  for f in (Amount.BOKSLUT_FG, closing))
    if any(f not in line.amounts for line in liquid for f in (Amount.BOKSLUT_FG, closing)):
        return
    change = fmt.round_half_up(end) - fmt.round_half_up(start)
    if cash_flow != change:
        findings.add(K06_KASSAFLODE_LIKVIDA, file=book.file, sheet=KASSAFLODE.title,
                     found=fmt.tkr(cash_flow), expected=fmt.tkr(change), start=fmt.tkr(start),
                     end=fmt.tkr(end), column=column,
                     post=" och ".join(f"”{line.name}”" for line in liquid))
