"""Model: a report folder → one Report: its workbooks classified, each read, and the checks
that span workbooks. Above `load` (the nämnd's and each verksamhet's sheets) and `load_goals`.
"""

from __future__ import annotations

from pathlib import Path

from ..contract.findings import (Findings, R01_BLAD_DUBBELT, R01_BLAD_NAMNDENS, R01_DOLD_RAD,
                                 R01_DOLT_BLAD,
                                 R01_DUBBEL_VERKSAMHET, R01_FOR_MANGA_RADER, R01_INGEN_NAMND,
                                 R01_INGEN_VERKSAMHET,
                                 R01_MAPP, R01_OKAND_BOK, R01_TVA_NAMND, R23_INGEN_I_RESULTATET,
                                 R25_UTANFOR_EKONOMI, R25_UTANFOR_MAL)
from ..contract.sheets import (ATAGANDEN, BESLUT, BOKSLUT, ECONOMY_SHEETS, FEM_AR, IAKTTAGELSER,
                               INDIKATORER, KVITTERAT, MALOMRADEN, NAMND, OWN_SHEETS, RAPPORT,
                               SHEETS, STATUSAR,
                               TEXT, UNDERLAG, VARAVRADER, VERKSAMHET_INFO, kind_of)
from .load import (read_acknowledgements, read_amount_sheet, read_decisions,
                   read_optional_economy, read_report_info, read_supporting, read_texts,
                   read_varav_groups, read_verksamhet)
from .goals import books_in_report_order, read_goals
from .lists import commitment_statuses, read_lists, read_statuses
from .records import read_declarations, read_record_sheets
from .tables import own_sheets, read_part_economies
from ..contract.model import Report, ReportType, Verksamhet
from .workbook import RawWorkbook, read_folder, read_workbook
from ..contract.vocab import normalize


def _classify(books: list[RawWorkbook], findings: Findings):
    namnd = [b for b in books if b.sheet(RAPPORT.title) is not None]
    verksamheter = [b for b in books
                    if b.sheet(RAPPORT.title) is None and b.sheet(VERKSAMHET_INFO.title)]
    for book in books:
        if book.sheet(RAPPORT.title) is None and book.sheet(VERKSAMHET_INFO.title) is None:
            titles = ", ".join(s.title for s in book.sheets.values())
            findings.add(R01_OKAND_BOK, file=book.name, found=titles)
    if not namnd:
        findings.add(R01_INGEN_NAMND)
    elif len(namnd) > 1:
        findings.add(R01_TVA_NAMND, found=", ".join(b.name for b in namnd))
    if not verksamheter:
        findings.add(R01_INGEN_VERKSAMHET)
    return (namnd[0] if len(namnd) == 1 else None), verksamheter


# the sheets read in the nämnd's workbook only (Rapport itself makes a workbook the nämnd's)
NAMND_ONLY = tuple(s for s in SHEETS if s.levels == (NAMND,) and s is not RAPPORT)


def _warn_namnd_sheets_in_verksamheter(books: list[RawWorkbook], namnd: str, outside: set[str],
                                       findings: Findings) -> None:
    """A nämnd's sheet (Bokslut, Text, Beslut …) in a verksamhet's workbook is never read:
    each one found says where it belongs (a goal sheet outside the result has R25 instead)."""
    for book in books:
        for declared in NAMND_ONLY:
            sheet = book.sheet(declared.title)
            if sheet is None or (book.name in outside and declared.title in GOAL_SHEETS):
                continue
            findings.add(R01_BLAD_NAMNDENS, file=book.name, sheet=sheet.title,
                         found=f"”{sheet.title}”", expected=namnd)


def _check_unique_names(verksamheter: list[Verksamhet], findings: Findings) -> None:
    seen: dict[str, Verksamhet] = {}
    for v in verksamheter:
        key = normalize(v.name)
        if key in seen:
            findings.add(R01_DUBBEL_VERKSAMHET, file=v.file, sheet=VERKSAMHET_INFO.title,
                         found=f"”{v.name}”", expected=seen[key].file)
        else:
            seen[key] = v


def _check_sheet_levels(namnd_sheets: dict, verksamheter: list[Verksamhet], findings: Findings):
    for name, declared in ECONOMY_SHEETS.items():
        if name not in namnd_sheets or declared.both_levels:
            continue
        for v in verksamheter:
            if v.amount_sheet(declared) is not None:
                findings.add(R01_BLAD_DUBBELT, file=v.file, sheet=declared.title,
                             found=declared.title,
                             expected=v.file)


# Every sheet the contract reads; any other sheet (a pasted ledger, notes) is never parsed
READ_SHEETS = {normalize(sheet.title) for sheet in SHEETS}
OWN_SHEET_PREFIXES = tuple(normalize(sheet.title) + " " for sheet in OWN_SHEETS)


def read_by_contract(key: str) -> bool:
    return key in READ_SHEETS or key.startswith(OWN_SHEET_PREFIXES)


def load_report(folder: Path, findings: Findings) -> Report | None:
    """Read and model a whole report folder; None when an error makes the model incomplete."""
    if not folder.is_dir():
        findings.add(R01_MAPP, found=str(folder))
        return None
    books = read_folder(folder, findings, read_by_contract)
    read_declared_lists(books)
    return report_from_workbooks(books, findings)


def read_declared_lists(books: list[RawWorkbook]) -> None:
    """The sheets of the lists Statusar declares (`Uppdrag`, a local plan): their names are
    the economist's, so they are parsed in a second step, and only they."""
    namnd = next((b for b in books if b.sheet(RAPPORT.title) is not None), None)
    declared = namnd.sheet(STATUSAR.title) if namnd else None
    if declared is None:
        return
    names = set(read_statuses(declared, Findings()))
    for book in books:
        unread = {key for key, sheet in book.sheets.items() if key in names and not sheet.read}
        again = read_workbook(book.path, Findings(), unread.__contains__) if unread else None
        if again is not None:
            book.sheets.update({key: again.sheets[key] for key in unread})


def _own_sheets(book: RawWorkbook, year: int, kind: str, findings: Findings) -> dict:
    """The sheets named by the economist: `Tabell …`, `Kapitel …`, `Poster …`,
    `Kontogrupper …`."""
    return {**own_sheets(book, findings), "records": read_record_sheets(book, findings),
            "resultatrakningar": read_part_economies(book, year, kind, findings)}


def report_from_workbooks(books: list[RawWorkbook], findings: Findings) -> Report | None:
    """The report model of a folder's workbooks, read in file-name order."""
    for book in books:
        for sheet in book.sheets.values():
            if sheet.hidden and sheet.read:
                findings.add(R01_DOLT_BLAD, file=book.name, sheet=sheet.title)
            for cell in sheet.hidden_cells:
                header = cell.rstrip("0123456789") + "1" == cell  # a column's header cell
                findings.add(R01_DOLD_RAD, file=book.name, sheet=sheet.title, cell=cell,
                             found="Kolumnen" if header else "Raden")
            if sheet.truncated:
                findings.add(R01_FOR_MANGA_RADER, file=book.name, sheet=sheet.title,
                             cell=f"A{sheet.rows[-1].number}", found=f"{len(sheet.rows)}")
    namnd_book, verksamhet_books = _classify(books, findings)
    if namnd_book is None:
        return None
    info = read_report_info(namnd_book.sheet(RAPPORT.title), findings)
    year = info.ar if info else 0
    kind = kind_of(info.rapporttyp if info else ReportType.INTERIM_2)
    verksamheter = [v for book in verksamhet_books
                    if (v := read_verksamhet(book, year, kind, findings,
                                             _own_sheets(book, year, kind, findings),
                                             namnd_ram=bool(info and info.ram
                                                            is not None))) is not None]
    _check_unique_names(verksamheter, findings)
    namnd_economy = read_optional_economy(namnd_book, year, kind, findings)
    bokslut_sheet = namnd_book.sheet(BOKSLUT.title)
    bokslut = read_amount_sheet(bokslut_sheet, BOKSLUT.columns, year, kind, findings) \
        if bokslut_sheet is not None else None
    _check_sheet_levels(namnd_economy, verksamheter, findings)
    beslut = read_decisions(namnd_book.sheet(BESLUT.title), findings)
    underlag = read_supporting(namnd_book.sheet(UNDERLAG.title), findings)
    texts, text_sources = read_texts(namnd_book.sheet(TEXT.title), findings)
    kvitterat = read_acknowledgements(namnd_book.sheet(KVITTERAT.title), findings)
    varavrader = read_varav_groups(namnd_book.sheet(VARAVRADER.title), findings)
    inside = sorted((v for v in verksamheter if not v.utanfor_resultat), key=lambda v: v.sort_key)
    if verksamheter and not inside:
        findings.add(R23_INGEN_I_RESULTATET, found=len(verksamheter))
    if info is None or not inside:
        return None
    utanfor = sorted((v for v in verksamheter if v.utanfor_resultat), key=lambda v: v.sort_key)
    own = _own_sheets(namnd_book, year, kind, findings)
    record_groups = read_declarations(namnd_book, findings)
    books = books_in_report_order([*inside, *utanfor], verksamhet_books)
    outside = {v.file for v in utanfor}
    inside_books = [b for b in books if b.name not in outside]
    lists = read_lists(namnd_book, inside_books, findings)
    goals = read_goals(namnd_book, inside_books, year, kind, findings, commitment_statuses(lists))
    _warn_goal_sheets_outside([b for b in books if b.name in outside],
                              [*GOAL_SHEETS, *(listed.name for listed in lists)], findings)
    _warn_economy_sheets_outside(utanfor, findings)
    _warn_namnd_sheets_in_verksamheter(books, namnd_book.name, outside, findings)
    return Report(info=info, beslut=beslut, beslutsunderlag=underlag, texts=texts,
                  text_sources=text_sources, verksamheter=inside, kvitterat=kvitterat,
                  utanfor=utanfor, varavrader=varavrader, amount_sheets=namnd_economy, **own,
                  record_groups=record_groups, lists=lists, goals=goals, bokslut=bokslut)


# the sheets that feed the nämnd's goal sections (3, 4 and 6) from a verksamhet's workbook
GOAL_SHEETS = tuple(sheet.title for sheet in
                    (MALOMRADEN, IAKTTAGELSER, INDIKATORER, ATAGANDEN, FEM_AR))


def _warn_goal_sheets_outside(books: list[RawWorkbook], names: list[str],
                              findings: Findings) -> None:
    """A body outside the result (revisionen, valnämnden) is no part of the nämnd's goals or
    lists: its goal and list sheets are not read, and each one found says so."""
    for book in books:
        for name in dict.fromkeys(names):
            if sheet := book.sheet(name):
                findings.add(R25_UTANFOR_MAL, file=book.name, sheet=sheet.title,
                             found=f"”{sheet.title}”")


def _warn_economy_sheets_outside(outside: list[Verksamhet], findings: Findings) -> None:
    """A body outside the result has only its own Ekonomi table: its Kontogrupper,
    Verksamhetsområden and Investeringar are no part of the nämnd's tables of the same, and each
    one with rows says so."""
    for verksamhet in outside:
        for sheet in verksamhet.amount_sheets.values():
            if sheet.rows or sheet.control_total:
                findings.add(R25_UTANFOR_EKONOMI, file=verksamhet.file, sheet=sheet.sheet,
                             found=f"”{sheet.sheet}”")
