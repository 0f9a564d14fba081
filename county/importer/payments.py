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

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from county.bulk import matching
from county.catalogue import ItemMatcher, list_items
from county.corrections import find_superseded, supersede
from county.errors import CountyError
from county.exports import write_table
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
from county.importer.report import BadRow, ImportResult, SheetReport, SkippedRow
from county.importer.report import default_reject_path as _reject_path
from county.importer.sources import Sheet, SourceError, open_workbook
from county.models import HouseholdMember, ImportBatch
from county.payments import (
    NewMember,
    NewPayment,
    content_key,
    correct_places,
    place_corrections,
    stored_places,
    write_members,
    write_payments,
)
from county.state import lookup_key
from county.tx import writing
from kiosk.identity import id_hash
from kiosk.money import AmountError, format_yuan, parse_yuan

__all__ = ["BadRow", "ImportOptions", "ImportResult", "import_payments"]

#: Largest single payment accepted by default (fen): 500 000 yuan. A 危房改造
#: subsidy is a few 10 000 yuan; more than this is a typo (fen typed as yuan …).
DEFAULT_MAX_FEN = 500_000_00


@dataclass(frozen=True)
class ImportOptions:
    """How to read one file."""

    item: str | None = None
    """Item code or name for files without a 项目 column."""
    department: str | None = None
    """发放部门 for files without that column."""
    dry_run: bool = False
    skip_bad: bool = False
    accept_warnings: bool = False
    reject_file: Path | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    max_fen: int = DEFAULT_MAX_FEN
    today: date | None = None
    """Rows dated after this are bad (default: the date of ``now``)."""
    header_row: int | None = None
    """The header's row number (as Excel shows it) instead of detecting it."""
    sheet: str | None = None
    """Only this sheet of a workbook (default: every sheet with a recognisable header)."""
    actor: str = ""
    """Who imports (recorded on the batch and on superseded payments' history)."""
    only_department: str | None = None
    """Rows of any other 发放部门 are bad rows (a department's own upload, web console)."""


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
    dates: dict[Any, date] = field(default_factory=dict)
    """Date cells already parsed: a department's file repeats a few payment dates."""

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
        fen = _amount(row.get("amount", ""), self.options.max_fen)
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
        member = NewMember(who, household, township, village) if household else None
        payment = NewPayment(
            id_hash=who, household_id=household, item_code=item.code, period=period,
            amount_fen=fen, paid_on=paid_on, status=status, department=department,
            fund_source=text("fund_source", ""), batch=text("batch", ""),
            township=township, village=village, group=text("group", "")[:60],
            household_size=size, note=text("note", ""))
        return payment, member, suspect


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Checked:
    """Every sheet's rows, checked."""

    result: ImportResult
    good: list[NewPayment] = field(default_factory=list)
    members: dict[str, NewMember] = field(default_factory=dict)
    first_row: dict[str, tuple[str, int]] = field(default_factory=dict)
    rejected: list[tuple[str, list[str], list[Any], BadRow]] = field(default_factory=list)
    good_keys: list[str] = field(default_factory=list)
    """The content keys of ``good``, in its order."""
    held: list[NewPayment] = field(default_factory=list)
    """Good rows with a warning: imported only when warnings are accepted."""
    held_keys: list[str] = field(default_factory=list)
    held_members: dict[str, NewMember] = field(default_factory=dict)


def import_payments(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                    progress: Callable[[int], None] | None = None) -> ImportResult:
    """Check every row of every sheet of ``path`` and import it all (or the good rows).

    Returns the result with every bad row and the per-sheet report; its
    ``exit_code`` is what `county import` exits with. Raises
    :class:`county.importer.sources.SourceError` for an unreadable file or
    one without any recognisable header, and ``ValueError`` for a bad column
    mapping or missing required columns.
    """
    checked = _check_file(engine, path, options, now=now, progress=progress)
    result = checked.result
    result.dry_run, result.skip_bad = options.dry_run, options.skip_bad
    result.warnings_accepted = options.accept_warnings
    good = checked.good + (checked.held if options.accept_warnings else [])
    # household_id and place are not part of the key: filling households keeps it.
    keys = checked.good_keys + (checked.held_keys if options.accept_warnings else [])
    members = {**checked.members, **(checked.held_members if options.accept_warnings else {})}
    _fill_households(engine, good, members)
    result.good = len(checked.good) + len(checked.held)
    with engine.connect() as conn:
        present = stored_places(conn, keys)
        fresh = [(k, p) for k, p in zip(keys, good, strict=True) if k not in present]
        replaced = find_superseded(conn, [p for _, p in fresh])
    corrections = place_corrections(present, good, keys)
    result.withdrawn_before = sum(1 for s in present.values() if s.deleted)
    result.already_present = len(present) - result.withdrawn_before
    result.superseded = len(replaced)
    result.new = len(fresh) - len(replaced)
    result.corrected = len(corrections)
    if options.dry_run or result.refused:
        return result
    if checked.rejected:
        reject_path = options.reject_file or _reject_path(path)
        _write_rejects(reject_path, checked.rejected)
        result.reject_file = str(reject_path)
    if result.new or result.superseded or members or corrections:
        with writing(engine) as conn:
            if result.new or result.superseded:
                result.batch = conn.execute(insert(ImportBatch).values(
                    file_name=path.name, file_sha256=_file_sha256(path), rows_total=result.rows,
                    rows_new=result.new, rows_rejected=len(result.bad),
                    rows_superseded=result.superseded, imported_by=options.actor,
                    imported_at=now).returning(ImportBatch.id)).scalar_one()
            write_members(conn, list(members.values()), now=now)
            adding = [(k, p) for i, (k, p) in enumerate(fresh) if i not in replaced]
            write_payments(conn, [p for _, p in adding], now=now, import_id=result.batch,
                           keys=[k for k, _ in adding], unstored=True)
            if replaced:
                assert result.batch is not None
                supersede(conn, [(row, fresh[i][1]) for i, row in replaced.items()],
                          batch_id=result.batch, actor=options.actor, now=now)
            if corrections:
                # Only rows stored before are read again: a fresh file costs no extra pass.
                stored = [(k, p) for k, p in zip(keys, good, strict=True) if k in present]
                correct_places(conn, [p for _, p in stored], now=now,
                               keys=[k for k, _ in stored])
    result.imported = True
    return result


def _check_file(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                progress: Callable[[int], None] | None) -> _Checked:
    """Read and check every sheet (refusing the file for a layout problem)."""
    with writing(engine) as conn:  # the key is created on a county's first use
        key = lookup_key(conn)
    matcher = ItemMatcher(list_items(engine))
    checked = _Checked(ImportResult(file=path.name))
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
                             options.today or now.date())
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


def _check_rows(checked: _Checked, path: Path, sheet: Sheet, layout: Layout, reader: _Reader,
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
            ckey = content_key(payment)
            if ckey in checked.first_row:
                other_sheet, other_row = checked.first_row[ckey]
                where = f"工作表 {other_sheet} " if other_sheet != sheet.name else ""
                raise _RowError("row.duplicate", f"与{where}第 {other_row} 行重复")
            checked.first_row[ckey] = (sheet.name, number)
        except _RowError as exc:
            bad = BadRow(path.name, number, exc.code, str(exc), sheet.name)
            result.bad.append(bad)
            report.bad += 1
            checked.rejected.append((sheet.name, header, cells, bad))
            continue
        report.good += 1
        if suspect:
            result.warnings.append(BadRow(path.name, number, MAYBE_ROUNDED, suspect_reason(),
                                          sheet.name))
            checked.held.append(payment)
            checked.held_keys.append(ckey)
            if member is not None:
                checked.held_members[member.id_hash] = member
            continue
        checked.good.append(payment)
        checked.good_keys.append(ckey)
        if member is not None:
            checked.members[member.id_hash] = member


def _fill_households(engine: Engine, good: list[NewPayment],
                     members: dict[str, NewMember]) -> None:
    """Payments without a household column take the recipient's known household."""
    unknown = sorted({p.id_hash for p in good if not p.household_id and p.id_hash not in members})
    if not unknown:
        return
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for where in matching(conn, HouseholdMember.id_hash, unknown):
            for row in conn.execute(select(HouseholdMember.id_hash, HouseholdMember.household_id)
                                    .where(where)):
                found[row.id_hash] = row.household_id
    if found:
        for index, p in enumerate(good):
            if not p.household_id and p.id_hash in found:
                good[index] = replace(p, household_id=found[p.id_hash])


def _write_rejects(path: Path, rejected: list[tuple[str, list[str], list[Any], BadRow]]) -> None:
    """The bad rows with their cells plus 原行号 and 错误原因 (CSV, or XLSX if ``path`` ends
    in .xlsx), through county.exports: formulas neutralised, created 0600.

    A workbook's rows also name their sheet (工作表, first column); each
    sheet's section starts with that sheet's header. The file goes back to
    the department for correction, so it holds the original cells, ID
    numbers included.
    """
    def lines() -> Iterator[list[Any]]:
        current: str | None = None
        for sheet, header, cells, bad in rejected:
            lead = [sheet] if sheet else []
            if sheet != current:
                yield [*(["工作表"] if sheet else []), *header, "原行号", "错误原因"]
                current = sheet
            yield [*lead, *(cell_text(c) for c in cells), bad.row, f"{bad.code}: {bad.reason}"]

    write_table(path, (), lines(), sheet="错误行")
