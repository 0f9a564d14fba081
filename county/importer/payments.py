"""`county import`: department payment files → the county database, all or nothing.

Each sheet's header row is found among its first rows (county/importer/
layout.py); total and footer rows are skipped with a note. Every row is
checked first: ID number (GB 11643 and the ways Excel damages it,
county/importer/ids.py), amount (kiosk.money.parse_yuan, not zero, not
absurd), date (not in the future), item (the county catalogue), no
duplicate of an earlier row of the file. A file with any bad row imports
nothing unless ``skip_bad`` is set; then the good rows go in and the bad
ones are written to a reject file (same columns plus 原行号 and 错误原因). A
warning (an ID that Excel may have rounded) stops the import unless
``accept_warnings``. A payment already stored (same content key) that the
file places in another 乡镇/村 moves (county.payments.correct_places); one
stored with the same person, item, period and department but other values is
superseded (county.corrections). Rows are hashed on the way in: the
plaintext ID number never reaches the database, the report or a log.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from county.catalogue import ItemMatcher, list_items
from county.errors import CountyError
from county.importer.cells import (
    CellError,
    cell_text,
    parse_date,
    parse_household_size,
    parse_period,
    parse_status,
)
from county.importer.ids import MAYBE_ROUNDED, IdCellError, check_id_cell, suspect_reason
from county.importer.layout import Layout, LayoutError, UnitError, find_layout, footer_word
from county.importer.options import DEFAULT_MAX_FEN, ImportOptions
from county.importer.people import PeopleToKey
from county.importer.report import BadRow, ImportResult, SheetReport, SkippedRow
from county.importer.sources import Sheet, SourceError, open_workbook
from county.importer.staging import Staging
from county.importer.store import Checked, store
from county.payments import NewMember, NewPayment, content_key
from county.person_keys import villages_with_kdf
from county.state import lookup_key
from county.tx import writing
from kiosk.identity import id_hash
from kiosk.money import AmountError, format_yuan, parse_yuan

__all__ = ["DEFAULT_MAX_FEN", "BadRow", "ImportOptions", "ImportResult",
           "import_payments"]


class _RowError(CountyError):
    """A bad row; ``code`` (set on the instance) is the cell's or the row's problem."""

    code = "import.row"

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def _amount(value: Any, max_fen: int) -> int:
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = str(Decimal(str(value)))
    else:
        text = str(value)
    try:
        fen = parse_yuan(text)
    except AmountError as exc:
        code = "amount.negative" if "negative" in str(exc) else "amount.invalid"
        raise _RowError(code, f"金额无效: {exc}") from None
    if fen == 0:
        raise _RowError("amount.zero", "金额为零")
    if fen > max_fen:
        raise _RowError("amount.absurd", f"金额 {format_yuan(fen, symbol=False)} 元超过单笔上限 "
                                          f"{format_yuan(max_fen, symbol=False)} 元")
    return fen


def _id_number(value: Any, today: date) -> tuple[str, bool]:
    try:
        return check_id_cell(value, today=today)
    except IdCellError as exc:
        raise _RowError(exc.code, str(exc)) from None


#: Amount cells a reader remembers at most (then it starts over): memory stays flat.
_AMOUNTS_KEPT = 4096

#: Fields read as plain text (the others are parsed from the cell as it is).
_TEXT_FIELDS = ("item", "department", "head_id", "household_id", "township", "village",
                "fund_source", "batch", "group", "note")


@dataclass
class _Reader:
    columns: dict[str, int]
    options: ImportOptions
    matcher: ItemMatcher
    key: bytes
    today: date
    people: PeopleToKey = field(default_factory=lambda: PeopleToKey({}, {}))
    """Villages with person keys, and their people seen (county/person_keys.py)."""
    dates: dict[Any, date] = field(default_factory=dict)
    """Date cells already parsed: a department's file repeats a few payment dates."""
    amounts: dict[tuple[type, Any], int] = field(default_factory=dict)
    """Amount cells already parsed (good ones), by type and value (``True`` is not 1)."""
    payees: Staging | None = None
    """Where payees' numbers and names wait, for county.payees (issue 16)."""

    def cells_of(self, cells: list[Any]) -> dict[str, Any]:
        """The mapped cells of a row by field (a field past the row's end is absent)."""
        count = len(cells)
        return {name: cells[i] for name, i in self.columns.items() if i < count}

    def row(self, row: dict[str, Any]) -> tuple[NewPayment, NewMember | None, bool]:
        """(payment, membership, suspect ID) of a data row (:meth:`cells_of`); raises
        _RowError."""
        # The text fields the row has, trimmed; a missing one reads "".
        text = {name: cell_text(row[name]) for name in _TEXT_FIELDS if name in row}.get
        number, suspect = _id_number(row.get("id_number", ""), self.today)
        cell = row.get("amount", "")
        fen = self.amounts.get((type(cell), cell))  # a department repeats a few amounts
        if fen is None:
            fen = _amount(cell, self.options.max_fen)
            if len(self.amounts) >= _AMOUNTS_KEPT:
                self.amounts.clear()
            self.amounts[(type(cell), cell)] = fen
        try:
            cell = row.get("paid_on", "")
            paid_on = self.dates.get(cell)
            if paid_on is None:
                paid_on = self.dates[cell] = parse_date(cell)
            # A column the file lacks is an empty cell (skipped: a million rows).
            status = parse_status(row["status"]) if "status" in row else "paid"
            period = parse_period(row["period"], paid_on) if "period" in row else ""
            size = parse_household_size(row["household_size"]) \
                if "household_size" in row else None
        except CellError as exc:
            raise _RowError(exc.code, str(exc)) from None
        if paid_on > self.today:
            raise _RowError("date.future", f"发放日期 {paid_on} 在今天之后")
        if paid_on.year < 2000:
            raise _RowError("date.too_old", f"发放日期 {paid_on} 早于 2000 年")
        item_name = text("item", "") or (self.options.item or "")
        item = self.matcher.match(item_name) if item_name else None
        if item is None:
            raise _RowError("item.unknown", f"项目 {item_name!r} 不在本县项目目录中"
                            if item_name else "缺少项目（用 --item 指定）")
        department = text("department", "") or self.options.department or item.department
        only = self.options.only_department
        if only and department != only:
            raise _RowError("department.other", f"发放部门 {department} 不是本单位（{only}）的数据")
        who = id_hash(self.key, number)
        head = text("head_id", "")
        household = text("household_id", "")
        if not household and head:
            head_number, _ = _id_number(head, self.today)
            household = "H" + id_hash(self.key, head_number)[:15]
        township, village = text("township", ""), text("village", "")
        self.people.see(township, village, who, number)
        member = NewMember(who, household, township, village) if household else None
        payment = NewPayment(
            id_hash=who, household_id=household, item_code=item.code, period=period,
            amount_fen=fen, paid_on=paid_on, status=status, department=department,
            fund_source=text("fund_source", ""), batch=text("batch", ""),
            township=township, village=village, group=text("group", "")[:60],
            household_size=size, note=text("note", ""))
        if self.payees is not None:  # issue 16: county.payees
            self.payees.add_payee(who, number, cell_text(row.get("name", "")))
        return payment, member, suspect


def import_payments(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                    progress: Callable[[int], None] | None = None) -> ImportResult:
    """Check every row of every sheet of ``path`` and import it all (or the good rows).

    Returns the result with every bad row and the per-sheet report; its
    ``exit_code`` is what `county import` exits with. Raises
    :class:`county.importer.sources.SourceError` for an unreadable file or
    one without any recognisable header, and ``ValueError`` for a bad column
    mapping or missing required columns.

    Rows stream: the checked ones wait in a staging file
    (county/importer/staging.py) and are counted and stored batch by batch,
    all in one transaction, so memory does not grow with the file.
    """
    with tempfile.TemporaryDirectory(prefix="county-import-") as tmp:
        staging = Staging(Path(tmp))
        try:
            checked = _check_file(engine, path, options, now=now, progress=progress,
                                  staging=staging)
            return store(engine, path, options, checked, now=now)
        finally:
            staging.close()


def _check_file(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                progress: Callable[[int], None] | None, staging: Staging) -> Checked:
    """Read and check every sheet (refusing the file for a layout problem)."""
    with writing(engine) as conn:  # the key is created on a county's first use
        key = lookup_key(conn)
    matcher = ItemMatcher(list_items(engine))
    checked = Checked(ImportResult(file=path.name), staging,
                       people=PeopleToKey(villages_with_kdf(engine), {}))
    with open_workbook(path) as book:
        seen: list[str] = []
        for sheet in book.sheets:
            seen.append(sheet.name)
            if options.sheet is not None and sheet.name != options.sheet:
                continue
            report = SheetReport(sheet.name)
            checked.result.sheets.append(report)
            try:
                layout = find_layout(sheet.rows, header_row=options.header_row,
                                     overrides=options.column_map)
            except LayoutError as exc:
                if (options.sheet is not None or book.encoding != "xlsx"
                        or isinstance(exc, UnitError)):
                    raise SourceError(f"{_where(path, sheet.name)}: {exc}") from None
                report.not_imported = str(exc)
                continue
            _require_columns(path, sheet.name, layout, options)
            report.header_row, report.header_detected = layout.header_row, layout.detected
            report.columns = list(layout.report)
            reader = _Reader(layout.columns, options, matcher, key,
                             options.today or now.date(), checked.people,
                             payees=checked.staging)
            _check_rows(checked, path, sheet, layout, reader, report, progress)
    if options.sheet is not None and options.sheet not in seen:
        raise SourceError(f"{path.name}: no sheet {options.sheet!r} (sheets: "
                          f"{', '.join(seen)})")
    if not any(s.header_row for s in checked.result.sheets):
        reasons = "; ".join(f"{s.name}: {s.not_imported}" for s in checked.result.sheets)
        raise SourceError(f"{path.name}: no sheet has a recognisable header ({reasons})")
    return checked


def _where(path: Path, sheet: str) -> str:
    return f"{path.name} [{sheet}]" if sheet else path.name


def _require_columns(path: Path, sheet: str, layout: Layout, options: ImportOptions) -> None:
    columns = layout.columns
    missing = [f"{label} ({name})" for name, label in (
        ("id_number", "身份证号"), ("amount", "金额(元)"), ("paid_on", "发放日期"))
        if name not in columns]
    if "item" not in columns and not options.item:
        missing.append("项目 (item)")
    if missing:
        headers = "、".join(c.header for c in layout.report if c.header)
        raise ValueError(f"{_where(path, sheet)}: missing column(s) {', '.join(missing)} in the "
                         f"header on row {layout.header_row} ({headers}) "
                         "(use --map 列名=field, or --item for files without 项目)")


def _check_rows(checked: Checked, path: Path, sheet: Sheet, layout: Layout, reader: _Reader,
                report: SheetReport, progress: Callable[[int], None] | None) -> None:
    result = checked.result
    header = list(layout.header)
    for number, cells in layout.rows:
        row = reader.cells_of(cells)
        if not cell_text(row.get("id_number", "")):
            empty = not any(cell_text(row.get(f, "")) for f in ("amount", "name"))
            word = footer_word(cells)
            if word is not None or empty:
                report.skipped.append(SkippedRow(number, word or "空行"))
                continue
        result.rows += 1
        report.rows += 1
        if progress is not None and result.rows % 5000 == 0:
            progress(result.rows)
        try:
            payment, member, suspect = reader.row(row)
            first = checked.staging.add(content_key(payment), sheet.name, number, payment,
                                        held=suspect)
            if first is not None:
                other_sheet, other_row = first
                where = f"工作表 {other_sheet} " if other_sheet != sheet.name else ""
                raise _RowError("row.duplicate", f"与{where}第 {other_row} 行重复")
        except _RowError as exc:
            bad = BadRow(path.name, number, exc.code, str(exc), sheet.name)
            result.bad.append(bad)
            report.bad += 1
            checked.rejected.append((sheet.name, header, cells, bad))
            continue
        report.good += 1
        if suspect:  # held: imported only when warnings are accepted
            result.warnings.append(BadRow(path.name, number, MAYBE_ROUNDED, suspect_reason(),
                                          sheet.name))
        if member is not None:
            checked.staging.add_member(member, held=suspect)


