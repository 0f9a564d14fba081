"""`county import`: department payment files → the county database, all or nothing.

Every row is checked first: ID number (GB 11643), amount (kiosk.money.parse_yuan,
not zero, not absurd), date (not in the future), item (the county catalogue),
no duplicate of an earlier row of the same file. A file with any bad row
imports nothing unless ``skip_bad`` is set; then the good rows go in and the
bad ones are written to a reject file (same columns plus 错误原因). A payment
already stored (same content key) that the file places in another 乡镇/村 is
a correction: it moves (county.payments.correct_places). Rows are
hashed on the way in: the plaintext ID number never reaches the database,
the report or a log; the report names the row number only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from county.catalogue import ItemMatcher, list_items
from county.exports import write_table
from county.importer.cells import CellError, cell_text, map_columns, parse_date, parse_status
from county.importer.sources import SourceError, Table, open_table
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
from kiosk.identity import IdNumberError, id_hash, validate_id
from kiosk.money import AmountError, format_yuan, parse_yuan

__all__ = ["BadRow", "ImportOptions", "ImportResult", "import_payments"]

#: Largest single payment accepted by default (fen): 500 000 yuan. A 危房改造
#: subsidy is a few 10 000 yuan; more than this is a typo (fen typed as yuan …).
DEFAULT_MAX_FEN = 500_000_00


@dataclass(frozen=True)
class BadRow:
    """A row refused, with where it is and why (a stable ``code`` and a message)."""

    file: str
    row: int
    code: str
    reason: str


@dataclass(frozen=True)
class ImportOptions:
    """How to read one file."""

    item: str | None = None
    """Item code or name for files without a 项目 column."""
    department: str | None = None
    """发放部门 for files without that column."""
    dry_run: bool = False
    skip_bad: bool = False
    reject_file: Path | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    max_fen: int = DEFAULT_MAX_FEN
    today: date | None = None
    """Rows dated after this are bad (default: today in UTC)."""


@dataclass
class ImportResult:
    """What an import did (or would do, for a dry run)."""

    file: str
    rows: int = 0
    good: int = 0
    new: int = 0
    already_present: int = 0
    corrected: int = 0
    """Stored payments this file names with another 乡镇/村 (moved, not added)."""
    bad: list[BadRow] = field(default_factory=list)
    imported: bool = False
    reject_file: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The result as a JSON-able dict (for ``--json``)."""
        return {"file": self.file, "rows": self.rows, "good": self.good, "new": self.new,
                "already_present": self.already_present, "corrected": self.corrected,
                "imported": self.imported,
                "reject_file": self.reject_file,
                "bad": [{"row": b.row, "code": b.code, "reason": b.reason} for b in self.bad]}


class _RowError(Exception):
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


def _id_number(value: Any) -> str:
    if isinstance(value, float):
        raise _RowError("id.number_cell", "身份证号被 Excel 存成了数字，后几位已丢失；"
                                          "请把该列设为文本后重新填写")
    try:
        return validate_id(cell_text(value))
    except IdNumberError as exc:
        raise _RowError(exc.problem.value, "身份证号无效 " + {
            "id.empty": "(空)", "id.length": "(位数不对)", "id.characters": "(含非法字符)",
            "id.birth_date": "(出生日期不对)", "id.check_digit": "(校验位不对)",
        }[exc.problem.value]) from None


@dataclass
class _Reader:
    columns: dict[str, int]
    options: ImportOptions
    matcher: ItemMatcher
    key: bytes
    today: date

    def cell(self, cells: list[Any], name: str) -> Any:
        index = self.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def text(self, cells: list[Any], name: str) -> str:
        return cell_text(self.cell(cells, name))

    def row(self, cells: list[Any]) -> tuple[NewPayment, NewMember | None]:
        number = _id_number(self.cell(cells, "id_number"))
        fen = _amount(self.cell(cells, "amount"), self.options.max_fen)
        try:
            paid_on = parse_date(self.cell(cells, "paid_on"))
            status = parse_status(self.cell(cells, "status"))
        except CellError as exc:
            raise _RowError(exc.code, str(exc)) from None
        if paid_on > self.today:
            raise _RowError("date.future", f"发放日期 {paid_on} 在今天之后")
        if paid_on.year < 2000:
            raise _RowError("date.too_old", f"发放日期 {paid_on} 早于 2000 年")
        item_name = self.text(cells, "item") or (self.options.item or "")
        item = self.matcher.match(item_name) if item_name else None
        if item is None:
            raise _RowError("item.unknown", f"项目 {item_name!r} 不在本县项目目录中"
                            if item_name else "缺少项目（用 --item 指定）")
        department = self.text(cells, "department") or self.options.department or \
            item.department
        who = id_hash(self.key, number)
        head = self.text(cells, "head_id")
        household = self.text(cells, "household_id")
        if not household and head:
            head_number = _id_number(head)
            household = "H" + id_hash(self.key, head_number)[:15]
        township, village = self.text(cells, "township"), self.text(cells, "village")
        member = NewMember(who, household, township, village) if household else None
        payment = NewPayment(
            id_hash=who, household_id=household, item_code=item.code,
            period=self.text(cells, "period"), amount_fen=fen, paid_on=paid_on, status=status,
            department=department, fund_source=self.text(cells, "fund_source"),
            batch=self.text(cells, "batch"), township=township, village=village)
        return payment, member


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


#: Good rows handled together: one database round of lookups and one insert each.
CHUNK_ROWS = 5000


def import_payments(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                    progress: Callable[[int], None] | None = None) -> ImportResult:
    """Check every row of ``path`` and import it all (or the good rows with ``skip_bad``).

    Two passes over the file, neither holding its rows: the first checks
    every row and counts what is new, already stored or moved, chunk by
    chunk; the second (only when importing) reads the file again and writes
    the good rows chunk by chunk, all in one transaction — so a million-row
    file needs memory for a chunk, the households and one small number per
    row (for duplicate rows), and an interrupted import stores nothing.

    Returns the result with every bad row. Raises
    :class:`county.importer.sources.SourceError` for an unreadable file and
    ``ValueError`` for a bad column mapping or missing required columns.
    ``progress(rows)`` is called every few thousand rows of the first pass.
    """
    before = _identity(path)
    with open_table(path) as table:
        header = list(table.header)
        checked = _check_rows(engine, path, table, options, now=now, progress=progress)
    result = checked.result
    if options.dry_run or (result.bad and not options.skip_bad):
        return result
    if checked.rejected:
        reject_path = options.reject_file or path.with_name(path.stem + ".rejects.csv")
        _write_rejects(reject_path, header, checked.rejected)
        result.reject_file = str(reject_path)
    if result.new or checked.members or result.corrected:
        with writing(engine) as conn:
            batch_id = None
            if result.new:
                batch_id = conn.execute(insert(ImportBatch).values(
                    file_name=path.name, file_sha256=_file_sha256(path), rows_total=result.rows,
                    rows_new=result.new, rows_rejected=len(result.bad), imported_at=now)
                    .returning(ImportBatch.id)).scalar_one()
            write_members(conn, list(checked.members.values()), now=now)
            if _identity(path) != before:
                raise SourceError(f"{path.name} changed while it was being imported; "
                                  "nothing was written, import it again")
            with open_table(path) as table:
                for chunk in _good_chunks(table, checked, path):
                    _fill_households(conn, chunk, checked.members)
                    keys = [content_key(p) for p in chunk]
                    write_payments(conn, chunk, now=now, import_id=batch_id, keys=keys)
                    correct_places(conn, chunk, now=now, keys=keys)
    result.imported = True
    return result


@dataclass
class _Checked:
    """What the first pass keeps: the result, and what the second pass needs."""

    result: ImportResult
    reader: _Reader
    members: dict[str, NewMember]
    bad_rows: set[int]
    rejected: list[tuple[list[Any], BadRow]]


def _short_key(key: str) -> int:
    # 64 bits of the content key: a million rows need a small int each, not a 64-char str
    # (a chance collision among 10^6 rows is about 10^-8, and would only flag a duplicate).
    return int(key[:16], 16)


def _check_rows(engine: Engine, path: Path, table: Table, options: ImportOptions, *,
                now: datetime, progress: Callable[[int], None] | None) -> _Checked:
    """First pass: check every row and count new, stored and moved payments by chunk."""
    columns = map_columns(table.header, options.column_map)
    missing = [f"{label} ({name})" for name, label in (
        ("id_number", "身份证号"), ("amount", "金额(元)"), ("paid_on", "发放日期"))
        if name not in columns]
    if "item" not in columns and not options.item:
        missing.append("项目 (item)")
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)} "
                         "(use --map 列名=field, or --item for files without 项目)")
    with writing(engine) as conn:  # the key is created on a county's first use
        key = lookup_key(conn)
    matcher = ItemMatcher(list_items(engine))
    reader = _Reader(columns, options, matcher, key, options.today or now.date())
    checked = _Checked(ImportResult(file=path.name), reader, {}, set(), [])
    result = checked.result
    first_row: dict[int, int] = {}
    chunk: list[NewPayment] = []
    for number, cells in table.rows:
        result.rows += 1
        if progress is not None and result.rows % 5000 == 0:
            progress(result.rows)
        try:
            payment, member = reader.row(cells)
            short = _short_key(content_key(payment))
            if short in first_row:
                raise _RowError("row.duplicate", f"与第 {first_row[short]} 行重复")
            first_row[short] = number
        except _RowError as exc:
            bad = BadRow(path.name, number, exc.code, str(exc))
            result.bad.append(bad)
            checked.rejected.append((cells, bad))
            checked.bad_rows.add(number)
            continue
        result.good += 1
        chunk.append(payment)
        if member is not None:
            checked.members[member.id_hash] = member
        if len(chunk) >= CHUNK_ROWS:
            _count(engine, chunk, result)
            chunk = []
    _count(engine, chunk, result)
    return checked


def _count(engine: Engine, chunk: list[NewPayment], result: ImportResult) -> None:
    """Add a chunk's new, already stored and moved payments to ``result``."""
    if not chunk:
        return
    keys = [content_key(p) for p in chunk]  # household_id and place are not part of the key
    with engine.connect() as conn:
        present = stored_places(conn, keys)
    result.already_present += len(present)
    result.new += len(chunk) - len(present)
    result.corrected += len(place_corrections(present, chunk, keys))


def _identity(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


def _good_chunks(table: Table, checked: _Checked, path: Path) -> Iterator[list[NewPayment]]:
    """Second pass: the good rows again, parsed as the first pass did, by chunk. Raises
    SourceError if a row the first pass found good is not (the file changed)."""
    chunk: list[NewPayment] = []
    for number, cells in table.rows:
        if number in checked.bad_rows:
            continue
        try:
            chunk.append(checked.reader.row(cells)[0])
        except _RowError:
            raise SourceError(f"{path.name} changed while it was being imported (row "
                              f"{number}); nothing was written, import it again") from None
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _fill_households(conn: Connection, chunk: list[NewPayment],
                     members: dict[str, NewMember]) -> None:
    """Payments without a household column take the recipient's known household: from
    this file's memberships, else the stored one."""
    unknown = sorted({p.id_hash for p in chunk if not p.household_id})
    if not unknown:
        return
    found = {h: members[h].household_id for h in unknown if h in members}
    rest = [h for h in unknown if h not in found]
    for start in range(0, len(rest), 900):
        for row in conn.execute(select(HouseholdMember.id_hash, HouseholdMember.household_id)
                                .where(HouseholdMember.id_hash.in_(rest[start:start + 900]))):
            found[row.id_hash] = row.household_id
    if found:
        for index, p in enumerate(chunk):
            if not p.household_id and p.id_hash in found:
                chunk[index] = replace(p, household_id=found[p.id_hash])


def _write_rejects(path: Path, header: list[str],
                   rejected: list[tuple[list[Any], BadRow]]) -> None:
    """The bad rows with their cells plus 原行号 and 错误原因 (CSV, or XLSX if ``path`` ends
    in .xlsx), through county.exports: formulas neutralised, created 0600.

    The file goes back to the department for correction, so it holds the
    original cells, ID numbers included.
    """
    write_table(path, [*header, "原行号", "错误原因"],
                ([*(cell_text(c) for c in cells), bad.row, f"{bad.code}: {bad.reason}"]
                 for cells, bad in rejected), sheet="错误行")
