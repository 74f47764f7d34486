"""Validate: rules that need the whole model (the structural ones are found while loading).

Each check adds findings and never stops the others. Tolerance for sums: 0,5 tkr per summed
row, at least 1 tkr (validering.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal

from ..contract import amounts, fmt
from ..contract.amounts import BUDGET, Amount
from ..contract.findings import (Findings, Severity, R01_BELOPP_LUCKA, R01_BELOPP_SAKNAS,
                                 R05_VARAVRAD_OKAND, R05_VARAVRAD_TVETYDIG, R05_VARAV_OKAND,
                                 R05_VARAV_SLINGA, R06_KONTROLLSUMMA,
                                 R06_KONTROLLSUMMA_AVRUNDNING, R07_AVVIKELSE, R08_AVRUNDNING,
                                 R08_AVSTAMNING, R09_KON_SUMMA, R10_TECKEN,
                                 R11_BUDGET_NOLL, R11_VARAV_STORRE, R12_PERIODISERING,
                                 R13_IANSPRAKTAGANDE, R17_METADATA, R19_STORLEK,
                                 R20_PERIOD_RAPPORTTYP, R21_ARENDE_SAKNAS, R22_KOMMUNBIDRAG_MODELL,
                                 R22_KOMMUNBIDRAG_SAKNAS)
from ..contract.model import (AmountSheet, BudgetModel, EconomyRow, KeyFigure, Report,
                              ReportType, Verksamhet)
from ..contract.sums import (group_members, kommunbidrag_rows, net_rows, rows_above,
                             sum_figures, summed_rows, total_figures)
from ..contract.sheets import (AMOUNT_HEADERS, BUDGET_PERIOD, ECONOMY_SHEETS, KONTOGRUPPER,
                               MEMO_SECTION, RAPPORT, TEXT, VERKSAMHET_INFO)
from ..contract.vocab import normalize
from .budget import check_budget
from .records import check_records
from .plausibility import check_plausibility

ZERO = Decimal(0)
FIELD_HEADERS = AMOUNT_HEADERS  # the labels messages give the amount columns


def unreadable(rows: list[EconomyRow]) -> set[str]:
    """Fields with a bad cell somewhere: already reported, so no sum is judged on them."""
    return {field for row in rows for field in row.unreadable}


def tolerance(summed_rows_count: int) -> Decimal:
    return max(Decimal(1), Decimal("0.5") * summed_rows_count)


def shown(value: Decimal) -> str:
    return f"{fmt.tkr(value)} tkr"


def outcome_field(report: Report) -> Amount:
    return amounts.outcome(report.info.rapporttyp.is_annual)


def where(row: EconomyRow, field: str) -> dict:
    return dict(file=row.source.file, sheet=row.source.sheet, cell=row.source.cell(field))


# --- rule 5 -----------------------------------------------------------------------------------

def check_varav(sheet: AmountSheet, findings: Findings) -> None:
    """R05: a `Varav` must name an enhet of the same sheet, and the chain must not loop."""
    names = {normalize(r.name): r for r in sheet.rows}
    for row in sheet.rows:
        if not row.varav:
            continue
        if normalize(row.varav) not in names:
            findings.add(R05_VARAV_OKAND, found=f"”{row.varav}”",
                         expected=", ".join(r.name for r in sheet.rows if not r.varav),
                         **where(row, "varav"))
            continue
        chain, current = [row.name], row
        while current.varav and normalize(current.varav) in names:
            current = names[normalize(current.varav)]
            if current is row:
                findings.add(R05_VARAV_SLINGA, found=" → ".join(chain + [row.name]),
                             **where(row, "varav"))
                break
            if current.name in chain:
                break  # a loop further up; reported on its own rows
            chain.append(current.name)


def check_varav_groups(report: Report, findings: Findings) -> None:
    """R05: each enhet a Varavrader row names is one of the enheter the nämnd's total adds, and
    only one of them (`Ledning` in two verksamheter would be summed once, silently)."""
    owners: dict[str, list[str]] = {}
    for v in report.verksamheter:
        for r in net_rows(v.ekonomi.rows):
            owners.setdefault(normalize(r.name), []).append(v.name)
    for group in report.varavrader:
        for index, enhet in enumerate(group.enheter):
            if len(owners.get(normalize(enhet), [])) > 1:
                source = group.sources[index]
                findings.add(R05_VARAVRAD_TVETYDIG, found=f"”{enhet}”",
                             expected=", ".join(owners[normalize(enhet)]),
                             file=source.file, sheet=source.sheet, cell=source.cell("enhet"))
        unknown = [i for row, i in group_members(group, report.verksamheter) if row is None]
        for index in unknown:
            source = group.sources[index]
            findings.add(R05_VARAVRAD_OKAND, found=f"”{group.enheter[index]}”",
                         expected=", ".join(r.name for v in report.verksamheter
                                            for r in net_rows(v.ekonomi.rows)),
                         file=source.file, sheet=source.sheet, cell=source.cell("enhet"))


def check_partial_blanks(sheet: AmountSheet, findings: Findings) -> None:
    """R01: an amount left blank on one summed row of a column the other rows fill. The total
    would add only the filled rows, as if the blank were 0 (a merged cell leaves the same
    blank). A column blank on every row is a column not given, shown as blank."""
    rows = summed_rows(sheet.rows)
    for field in sorted(_present_fields(rows) - {Amount.AVVIKELSE}):
        letter = next(re.sub(r"\d", "", r.source.cells[field]) for r in rows
                      if field in r.source.cells)
        for row in rows:
            if field not in row.amounts and field not in row.unreadable and row.source.row:
                findings.add(R01_BELOPP_LUCKA, found=row.name,
                             expected=FIELD_HEADERS.get(field, field), file=row.source.file,
                             sheet=row.source.sheet, cell=f"{letter}{row.source.row}")


# --- rules 6 and 7 ----------------------------------------------------------------------------

def check_control_total(sheet: AmountSheet, annual: bool, findings: Findings) -> None:
    """R06: a typed `Summa`/`Totalt`/`Nettokostnad` row against the computed sums."""
    control = sheet.control_total
    if control is None:
        return
    rows = summed_rows(sheet.rows)
    computed = sum_figures([r.amounts for r in rows])
    computed[Amount.AVVIKELSE] = amounts.deviation(computed, annual)
    skip = unreadable(sheet.rows + [control])
    if skip & {amounts.outcome(annual), BUDGET}:
        skip.add(Amount.AVVIKELSE)
    _check_typed_sum(control, computed, len(rows), skip, findings)


def _check_typed_sum(typed_row: EconomyRow, computed: dict, rows_count: int, skip: set,
                     findings: Findings) -> None:
    for field, typed in typed_row.amounts.items():
        if field in skip:
            continue
        expected = computed.get(field, ZERO)
        if abs(typed - expected) > tolerance(rows_count):
            findings.add(R06_KONTROLLSUMMA, found=shown(typed), expected=shown(expected),
                         diff=shown(typed - expected), **where(typed_row, field))
        # the report prints the rows' sum in whole tkr: say so when it shows another figure
        elif fmt.round_half_up(typed) != fmt.round_half_up(expected):
            findings.add(R06_KONTROLLSUMMA_AVRUNDNING, found=shown(typed),
                         expected=shown(expected), diff=shown(typed - expected),
                         **where(typed_row, field))


def check_subtotals(sheet: AmountSheet, findings: Findings) -> None:
    """R06: a typed subtotal (a row named as a Delsumma) against the sum of its group's rows; a
    sum row (Radtyp `Delsumma`, `Summa`) with figures against every row above it."""
    for typed in sheet.subtotals:
        if typed.sum_kind:
            rows = rows_above(sheet, typed)
        else:
            rows = [r for r in summed_rows(sheet.rows)
                    if normalize(r.group) == normalize(typed.name)]
        computed = sum_figures([r.amounts for r in rows])
        _check_typed_sum(typed, computed, len(rows), unreadable(rows + [typed]), findings)


def check_typed_deviation(sheet: AmountSheet, annual: bool, findings: Findings) -> None:
    """R07: a filled `Avvikelse` cell against Prognos (Utfall) helår − Budget helår."""
    outcome, typed = amounts.outcome(annual), Amount.AVVIKELSE
    label, budget_label = FIELD_HEADERS[outcome], FIELD_HEADERS[BUDGET]
    for row in sheet.rows:
        if typed not in row.amounts or row.unreadable & {outcome, BUDGET}:
            continue
        expected = amounts.deviation(row.amounts, annual)
        if abs(row.amounts[typed] - expected) > tolerance(1):
            findings.add(R07_AVVIKELSE, found=shown(row.amounts[typed]),
                         expected=shown(expected), formula=f"{label} − {budget_label}",
                         **where(row, typed))


# --- rule 8 -----------------------------------------------------------------------------------

def _present_fields(rows: list[EconomyRow]) -> set[str]:
    return {field for r in rows for field in r.amounts}


def reconcile(name_a: str, rows_a: list[EconomyRow], name_b: str, rows_b: list[EconomyRow],
              location: dict, findings: Findings) -> None:
    """R08: the same column summed in two sheets must agree: the net costs, and the
    kommunbidrag when both sheets have one. A kommunbidrag row in one sheet only is either the
    income statement's own row beside an Ekonomi of net costs (Örebro), or what makes the
    sheet's total the result the verksamheter report after their kommunbidrag (Uppsala, the
    first release's shape): the reading with fewer differences is the one meant."""
    kb_a, kb_b = kommunbidrag_rows(rows_a), kommunbidrag_rows(rows_b)
    if kb_a and kb_b:
        _reconcile_rows(name_a, net_rows(rows_a), name_b, net_rows(rows_b), location, findings)
        _reconcile_rows(f"kommunbidraget i {name_a}", kb_a, f"kommunbidraget i {name_b}", kb_b,
                        location, findings)
        return
    readings = [(net_rows(rows_a), net_rows(rows_b))]
    if kb_a or kb_b:
        readings.append((summed_rows(rows_a), summed_rows(rows_b)))
    outcomes = []
    for reading_a, reading_b in readings:
        found = Findings()
        found.row_names = findings.row_names  # so each finding names its row
        _reconcile_rows(name_a, reading_a, name_b, reading_b, location, found)
        outcomes.append(found)
    best = min(outcomes, key=lambda found: sum(f.rule is R08_AVSTAMNING for f in found))
    findings.extend(best)


def _reconcile_rows(name_a: str, rows_a: list[EconomyRow], name_b: str,
                    rows_b: list[EconomyRow], location: dict, findings: Findings) -> None:
    if not rows_a or not rows_b:
        return
    total_a = sum_figures([r.amounts for r in summed_rows(rows_a)])
    total_b = sum_figures([r.amounts for r in summed_rows(rows_b)])
    allowed = tolerance(max(len(rows_a), len(rows_b)))
    skip = unreadable(rows_a + rows_b) | {Amount.AVVIKELSE}
    for field in sorted(_present_fields(rows_a) & _present_fields(rows_b) - skip):
        a, b = total_a.get(field, ZERO), total_b.get(field, ZERO)
        if abs(a - b) > allowed:
            findings.add(R08_AVSTAMNING, found=shown(b), expected=shown(a), diff=shown(b - a),
                         column=FIELD_HEADERS.get(field, field), sheet_name=name_b,
                         other=name_a, **location)
        elif a != b:  # within the rounding tolerance: printed openly as an `Avrundning` row
            findings.add(R08_AVRUNDNING, found=shown(b), expected=shown(a), diff=shown(b - a),
                         column=FIELD_HEADERS.get(field, field), sheet_name=name_b,
                         other=name_a, **_column_location(rows_b, field, location))


def _column_location(rows: list[EconomyRow], field: str, sheet_location: dict) -> dict:
    """The sheet's control total for `field` if it has one, else the column's last cell."""
    if sheet_location.get("cell"):
        return sheet_location
    last = next((r for r in reversed(rows) if field in r.amounts), None)
    return where(last, field) if last else sheet_location


def _sheet_location(sheet: AmountSheet) -> dict:
    cell = sheet.control_total.source.cell("name") if sheet.control_total else ""
    return dict(file=sheet.source_file, sheet=sheet.sheet, cell=cell)


def not_read(report: Report, read_findings: list) -> set[tuple[str, str]]:
    """(file, sheet) of each error reading found anywhere but in an amount cell (which the
    sums skip field by field): a damaged file, a missing sheet, a row left out for its name or
    as a duplicate. Totals over what was read then differ for that one reason: one cause, one
    finding."""
    amount_cells = {(r.source.file, r.source.sheet, r.source.cell(field))
                    for sheet in amount_sheets(report)
                    for r in [*sheet.rows, *sheet.subtotals, *filter(None, [sheet.control_total])]
                    for field in r.unreadable}
    return {(f.file, f.sheet) for f in read_findings
            if f.severity is Severity.ERROR and f.rule is not R01_BELOPP_SAKNAS
            and (f.file, f.sheet, f.cell) not in amount_cells}


def check_reconciliation(report: Report, findings: Findings, skip: bool = False) -> None:
    """R08: the nämnd's sheet against all the verksamheters' Ekonomi; a verksamhet's own sheet
    against its own Ekonomi (beside the nämnd's only where the sheet may stand at both)."""
    if skip:
        return
    ekonomi = [r for v in report.verksamheter for r in v.ekonomi.rows]
    for declared in (s for s in ECONOMY_SHEETS.values() if s.reconciled):
        title = declared.title
        namnd_sheet = report.amount_sheet(declared)
        if namnd_sheet is not None:
            reconcile("verksamheternas Ekonomi", ekonomi, f"{title} (nämnden)", namnd_sheet.rows,
                      _sheet_location(namnd_sheet), findings)
            if not declared.both_levels:
                continue
        for v in report.every_verksamhet:
            sheet = v.amount_sheet(declared)
            if sheet is not None:
                reconcile(f"Ekonomi för {v.name}", v.ekonomi.rows, f"{title} för {v.name}",
                          sheet.rows, _sheet_location(sheet), findings)


# --- rules 10–13 ------------------------------------------------------------------------------

def check_signs(report: Report, findings: Findings) -> None:
    """R10: a cost enhet budgeted as revenue; an Intäkter kontogrupp budgeted as cost."""
    outcome = outcome_field(report)
    for v in report.every_verksamhet:
        for row in summed_rows(v.ekonomi.rows):
            budget = row.get(BUDGET)
            if budget > 0 and row.get(outcome) < 0 and row.get(Amount.UTFALL_PERIOD) <= 0:
                findings.add(R10_TECKEN, found=f"{FIELD_HEADERS[BUDGET]} är positiv "
                             f"({shown(budget)}) men "
                             f"{FIELD_HEADERS[outcome]} är negativ ({shown(row.get(outcome))})",
                             expected="Kostnader anges negativa, intäkter positiva.",
                             **where(row, BUDGET))
    sheets = [report.amount_sheet(KONTOGRUPPER)] + [v.amount_sheet(KONTOGRUPPER)
                                                    for v in report.every_verksamhet]
    for sheet in filter(None, sheets):
        for row in summed_rows(sheet.rows):
            if normalize(row.name).startswith("intäkt") and row.get(BUDGET) < 0:
                findings.add(R10_TECKEN, found=f"Kontogruppen {row.name} har negativ budget "
                             f"({shown(row.get(BUDGET))})",
                             expected="Intäkter anges positiva.", **where(row, BUDGET))


def check_zero_budget_and_varav(report: Report, findings: Findings) -> None:
    """R11: outcome without budget; a varav row larger than the row it is part of."""
    outcome = outcome_field(report)
    for v in report.every_verksamhet:
        names = {normalize(r.name): r for r in v.ekonomi.rows}
        ram_above = v.ram is not None or (report.info.ram is not None and not v.intraprenad
                                          and not v.utanfor_resultat)
        for row in v.ekonomi.rows:
            if ram_above and BUDGET not in row.amounts and not row.varav:
                continue  # no budget of its own: the ram above is its budget
            # an outcome that prints as 0 tkr (a ledger's 0,1) is no outcome to budget for
            used = [f for f in (Amount.UTFALL_PERIOD, outcome)
                    if fmt.round_half_up(row.get(f)) != 0]
            # a blank or unreadable budget is reported at its cell: it is no budget of 0
            if BUDGET in row.amounts and row.get(BUDGET) == 0 and used and not row.varav:
                found = ", ".join(f"{FIELD_HEADERS[f]} är {shown(row.get(f))}" for f in used)
                findings.add(R11_BUDGET_NOLL, found=found, **where(row, BUDGET))
            parent = names.get(normalize(row.varav)) if row.varav else None
            if parent is None:
                continue
            for field, value in row.amounts.items():
                if (field == Amount.AVVIKELSE or field in parent.unreadable
                        or field not in parent.amounts):  # a blank is no 0 to compare with
                    continue
                if abs(value) > abs(parent.get(field)):
                    findings.add(R11_VARAV_STORRE, found=f"{FIELD_HEADERS[field]} {shown(value)}",
                                 expected=shown(parent.get(field)), **where(row, field))
                    break


PERIODISATION_LIMIT = Decimal("0.15")


def check_periodisation(report: Report, findings: Findings) -> None:
    """R12: a period budget far from the share of the year that has passed."""
    if report.info.rapporttyp.is_annual or not report.info.period_known:
        return
    elapsed = Decimal(report.info.period_month) / 12
    sheets = [v.ekonomi for v in report.every_verksamhet]
    periodised = [s for s in ECONOMY_SHEETS.values() if BUDGET_PERIOD in s.columns]
    parts: list[Report | Verksamhet] = [report, *report.verksamheter]
    sheets += [s for declared in periodised for part in parts
               if (s := part.amount_sheet(declared)) is not None]
    for sheet in sheets:
        for row in summed_rows(sheet.rows):
            budget, period = row.get(BUDGET), row.get(Amount.BUDGET_PERIOD)
            if not budget or Amount.BUDGET_PERIOD not in row.amounts or row.unreadable:
                continue
            share = period / budget
            if abs(share - elapsed) > PERIODISATION_LIMIT:
                findings.add(R12_PERIODISERING, found=fmt.percent_table(share),
                             expected=fmt.percent_table(elapsed),
                             **where(row, Amount.BUDGET_PERIOD))


def check_accumulated(report: Report, findings: Findings) -> None:
    """R13: an intraprenad forecasting a deficit larger than what it has accumulated."""
    for v in report.every_verksamhet:
        if not v.intraprenad:
            continue
        deviation = amounts.known_deviation(total_figures(v), report.info.rapporttyp.is_annual)
        if deviation is not None and deviation < 0 and -deviation > max(v.ingaende_ack, ZERO):
            findings.add(R13_IANSPRAKTAGANDE, file=v.file, sheet=VERKSAMHET_INFO.title,
                         cell=v.cells.get(VERKSAMHET_INFO.field("ingaende_ack").name, ""),
                         found=shown(-deviation), expected=shown(v.ingaende_ack))


# --- rule 9 ----------------------------------------------------------------------------------

GENDER_PAIRS = [("kvinnor", "män"), ("flickor", "pojkar")]


def _base_name(name: str) -> str:
    return normalize(name).replace("(%)", "").strip()


def _ancestors(rows: list[KeyFigure], index: int) -> list[KeyFigure]:
    """The rows above `rows[index]` in its outline: its parent, grandparent …"""
    found, level = [], rows[index].level
    for row in reversed(rows[:index]):
        if row.level < level:
            found.append(row)
            level = row.level
    return found


def _gender_children(rows: list[KeyFigure], index: int) -> list[KeyFigure]:
    parent = rows[index]
    children = []
    for row in rows[index + 1:]:
        if row.level <= parent.level:
            break
        if row.level == parent.level + 1:
            children.append(row)
    return children


def check_five_year_sums(report: Report, findings: Findings) -> None:
    """R09: a count split by Kvinnor/Män adds up to the total; shares `(%)` add up to 100 ± 1.
    Rates (a row under a `(%)` heading) are neither and are left alone."""
    rows = report.goals.five_years
    for index, parent in enumerate(rows):
        ancestors_are_rates = any("%" in r.name for r in _ancestors(rows, index))
        children = {_base_name(c.name): c for c in _gender_children(rows, index)}
        for first, second in GENDER_PAIRS:
            if first not in children or second not in children:
                continue
            a, b = children[first], children[second]
            shares = "(%)" in a.name and "(%)" in b.name
            if not shares and ("%" in parent.name or ancestors_are_rates):
                continue
            columns = zip(parent.values, a.values, b.values, strict=False)
            for column, (total, x, y) in enumerate(columns):
                expected = Decimal(100) if shares else total.number
                if x.number is None or y.number is None or expected is None:
                    continue
                allowed = Decimal(1) if shares else Decimal("0.5")
                if abs(x.number + y.number - expected) > allowed:
                    findings.add(R09_KON_SUMMA, file=a.source.file, sheet=a.source.sheet,
                                 cell=a.source.cell(f"v{column}"),
                                 found=f"{a.name} + {b.name} = "
                                       f"{fmt.number_str(x.number + y.number, 1 if shares else 0)}",
                                 expected=fmt.number_str(expected, 0))


# --- rule 17 ----------------------------------------------------------------------------------

def _name(attr: str) -> str:
    """A Rapport field's name, as the economist reads it in the sheet."""
    return RAPPORT.field(attr).name


def _field_cell(info, attr: str) -> str:
    return info.source.cell(_name(attr))


def check_metadata(report: Report, findings: Findings) -> None:
    info = report.info
    location = dict(file=info.source.file, sheet=info.source.sheet)
    decided = info.beslutsdatum
    match = re.search(r"\b((?:19|20)\d{2})\b", info.diarienummer)
    if match and decided and int(match.group(1)) > decided.year:
        findings.add(R17_METADATA, cell=_field_cell(info, "diarienummer"),
                     found=f"Diarienumret {info.diarienummer} har året {match.group(1)}",
                     expected=f"Beslutet fattas {fmt.long_date(decided)}, så året kan inte vara "
                              f"senare.", **location)
    if decided is None or not info.period_known:
        return
    last_day = calendar.monthrange(info.ar, info.period_month)[1]
    period_end = dt.date(info.ar, info.period_month, last_day)
    if info.rapporttyp.is_annual and decided.year == info.ar and decided.month < 12:
        findings.add(R17_METADATA, cell=_field_cell(info, "beslutsdatum"),
                     found=f"Årsberättelsen för {info.ar} beslutas {fmt.long_date(decided)}",
                     expected=f"Den beslutas normalt året efter. Kontrollera {_name('ar')} och "
                              f"{_name('beslutsdatum')}.",
                     **location)
    elif decided < period_end:
        findings.add(R17_METADATA, cell=_field_cell(info, "beslutsdatum"),
                     found=f"{_name('beslutsdatum')} {fmt.long_date(decided)} är före "
                           f"periodens slut ({fmt.long_date(period_end)})",
                     expected=f"Kontrollera {_name('beslutsdatum')} och {_name('period_month')}.",
                     **location)


# --- rule 19 ----------------------------------------------------------------------------------

def _decimals(value: Decimal) -> int:
    """Decimals as typed: `-0.650` typed as text keeps its three."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _looks_like_thousands(value: Decimal, row: EconomyRow) -> bool:
    """`-3,825` typed for -3 825 (the thousands separator became a decimal point): three
    decimals, or a fraction in a row whose other amounts are whole and in the thousands."""
    if value == value.to_integral_value() or abs(value) >= 1000:
        return False
    if _decimals(value) == 3:
        return True
    others = [v for v in row.amounts.values() if v is not value and v != 0]
    return bool(others) and all(v == v.to_integral_value() and abs(v) >= 1000 for v in others)


def check_magnitudes(sheet: AmountSheet, findings: Findings) -> None:
    """R19: an amount in tkr that looks a thousand times too small."""
    for row in sheet.rows + ([sheet.control_total] if sheet.control_total else []):
        for field, value in row.amounts.items():
            if _looks_like_thousands(value, row):
                shown_value = fmt.number_str(value, _decimals(value))
                findings.add(R19_STORLEK, found=f"{shown_value} tkr",
                             expected=fmt.number_str(value * 1000), **where(row, field))
MEMO_TEXT = MEMO_SECTION


def check_memo_text(report: Report, findings: Findings) -> None:
    """R19: the tjänsteskrivelse's Ärendet comes only from a Text row; without it the memo
    goes to the meeting without saying what the matter is."""
    if report.text(MEMO_TEXT).strip():
        return
    source = next((s for key, s in report.text_sources.items()
                   if normalize(key) == normalize(MEMO_TEXT)), None)
    location = dict(file=source.file, sheet=source.sheet, cell=source.cell("value")) if source \
        else dict(file=report.info.source.file, sheet=TEXT.title)
    findings.add(R21_ARENDE_SAKNAS, expected=f"”{MEMO_TEXT}”", **location)


FIRST_INTERIM_LAST_MONTH, SECOND_INTERIM_FIRST_MONTH = 6, 7


def check_period_month(report: Report, findings: Findings) -> None:
    """R20: a Delårsrapport 1 ends in the first half of the year, a Delårsrapport 2 after it."""
    info = report.info
    if not info.period_known:
        return
    month = fmt.month_name(info.period_month)
    if info.rapporttyp is ReportType.INTERIM_1 and info.period_month > FIRST_INTERIM_LAST_MONTH:
        expected = f"{ReportType.INTERIM_1.value} slutar senast i juni"
    elif info.rapporttyp is ReportType.INTERIM_2 and info.period_month < SECOND_INTERIM_FIRST_MONTH:
        expected = f"{ReportType.INTERIM_2.value} slutar tidigast i juli"
    else:
        return
    findings.add(R20_PERIOD_RAPPORTTYP, file=info.source.file, sheet=info.source.sheet,
                 cell=_field_cell(info, "period_month"), found=month, expected=expected)


def amount_sheets(report: Report) -> list[AmountSheet]:
    sheets = [*report.amount_sheets.values(), *report.resultatrakningar.values(),
              *([report.bokslut] if report.bokslut else [])]
    for v in report.every_verksamhet:
        sheets += [v.ekonomi, *v.amount_sheets.values(), *v.resultatrakningar.values()]
    return sheets


def check_budget_model(report: Report, findings: Findings) -> None:
    """R22: a kommunbidrag row needs the Kommunbidrag model; that model needs one per
    verksamhet inside the result."""
    kommunbidrag = report.info.budgetmodell is BudgetModel.KOMMUNBIDRAG
    for v in report.every_verksamhet:
        rows = kommunbidrag_rows(v.ekonomi.rows)
        if rows and not kommunbidrag:
            findings.add(R22_KOMMUNBIDRAG_MODELL, found=f"”{rows[0].name}”",
                         **where(rows[0], "radtyp" if "radtyp" in rows[0].source.cells
                                 else "name"))
    if kommunbidrag:
        for v in report.verksamheter:
            if not kommunbidrag_rows(v.ekonomi.rows):
                findings.add(R22_KOMMUNBIDRAG_SAKNAS, file=v.file, sheet=v.ekonomi.sheet,
                             found=v.name)


def validate(report: Report, findings: Findings) -> None:
    """Rules on the model. The text rules need the computed figures: see `check_texts`."""
    annual = report.info.rapporttyp.is_annual
    unread = not_read(report, list(findings))  # before the rules add theirs
    for sheet in amount_sheets(report):
        check_varav(sheet, findings)
        if (sheet.source_file, sheet.sheet) not in unread:
            check_control_total(sheet, annual, findings)
            check_subtotals(sheet, findings)
        check_typed_deviation(sheet, annual, findings)
        check_magnitudes(sheet, findings)
        check_partial_blanks(sheet, findings)
    check_varav_groups(report, findings)
    check_reconciliation(report, findings, skip=bool(unread))
    check_plausibility(report, findings)
    check_budget_model(report, findings)
    check_signs(report, findings)
    check_zero_budget_and_varav(report, findings)
    check_periodisation(report, findings)
    check_accumulated(report, findings)
    check_metadata(report, findings)
    check_five_year_sums(report, findings)
    check_memo_text(report, findings)
    check_period_month(report, findings)
    check_records(report, findings)
    check_budget(report, findings)
