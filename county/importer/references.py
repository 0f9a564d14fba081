"""Reference lists other departments send: deaths, officials, households, employees, vehicles,
announcements (`county import FILE --kind KIND`).

Each list names people by 身份证号 and, like a payment file, arrives messy:
a title above the header, names with spaces, an ID number with a lower-case
x, dates as 2024-03-05, 2024/3/5 or 2024年3月5日 (county/importer/cells.py).
Each row is checked with the payment importer's cell checks and refused
with the same codes and clerk's wording; a file with a bad row stores
nothing unless ``skip_bad``. Stored rows keep ``id_hash`` (never the
number); the payee's name and number go encrypted into ``person``
(county/payees.py). The list's other columns are kept as JSON in
``detail``, with any ID-number-shaped text masked. A row already stored
(same content) is not stored twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from county.bulk import matching
from county.catalogue import ItemMatcher, list_items
from county.collision.models import REFERENCE_KINDS, ReferenceRow
from county.errors import CountyError
from county.exports import write_table
from county.importer.cells import (
    HEADER_ALIASES,
    CellError,
    cell_text,
    normalise_header,
    parse_date,
    parse_period,
)
from county.importer.ids import MAYBE_ROUNDED, IdCellError, check_id_cell, suspect_reason
from county.importer.layout import HEADER_SCAN, footer_word
from county.importer.report import BadRow, ImportResult, SheetReport, default_reject_path
from county.importer.sources import SourceError, open_workbook
from county.payees import IdVault, remember_people
from county.state import lookup_key
from kiosk.identity import id_hash, mask_id_numbers
from kiosk.money import AmountError, parse_yuan

__all__ = ["REQUIRED", "ReferenceOptions", "StagedList", "stage_reference_list",
           "store_reference_list"]

_COMMON = {alias: name for alias, name in HEADER_ALIASES.items()
           if name in ("id_number", "name", "township", "village", "household_id")}
#: Column names of each list's own fields (folded as normalise_header folds them).
_ALIASES: Mapping[str, Mapping[str, str]] = {
    "deaths": dict.fromkeys(("死亡日期", "死亡时间", "注销日期", "死亡(注销)日期"), "event_on"),
    "officials": dict.fromkeys(("职务", "职位", "担任职务"), "role"),
    "households": {**dict.fromkeys(("与户主关系", "关系", "家庭关系"), "relation")},
    "employees": dict.fromkeys(("工作单位", "单位", "单位名称", "所在单位"), "role"),
    "vehicles": dict.fromkeys(("车牌号", "车牌号码", "号牌号码", "车辆号牌"), "role"),
    "announcements": {
        **{a: n for a, n in HEADER_ALIASES.items() if n in ("item", "amount", "period")}},
}
#: Fields a list must have (besides 身份证号).
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "deaths": ("event_on",), "officials": (), "households": ("household_id",),
    "employees": (), "vehicles": (), "announcements": ("item", "amount", "period"),
}
_LABELS = {"event_on": "死亡日期", "household_id": "户号", "item": "项目", "amount": "金额",
           "period": "期间"}


@dataclass(frozen=True)
class ReferenceOptions:
    """How to read one reference list."""

    kind: str
    skip_bad: bool = False
    accept_warnings: bool = False
    reject_file: Path | None = None
    today: date | None = None
    dry_run: bool = False
    """Check and count only (no reject file is written either)."""


@dataclass
class StagedList:
    """A checked list: its report, and the rows and people to store."""

    result: ImportResult
    rows: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, tuple[str, str]] = field(default_factory=dict)


class _RowError(CountyError):
    """A bad row of a list; ``code`` (set on the instance) is the cell's or the row's problem."""

    code = "import.reference_row"

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def _columns(kind: str, header: list[Any]) -> dict[str, int]:
    own = _ALIASES[kind]
    out: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = normalise_header(cell)
        fieldname = own.get(name) or _COMMON.get(name)
        if fieldname and fieldname not in out:
            out[fieldname] = index
    return out


def _row(kind: str, cells: list[Any], columns: dict[str, int], header: list[Any],
         key: bytes, matcher: ItemMatcher | None, today: date) -> tuple[dict[str, Any], str,
                                                                           str, bool]:
    get = {f: cells[i] if i < len(cells) else "" for f, i in columns.items()}.get
    try:
        number, suspect = check_id_cell(get("id_number", ""), today=today)
    except IdCellError as exc:
        raise _RowError(exc.code, str(exc)) from None
    who = id_hash(key, number)
    row: dict[str, Any] = {"kind": kind, "id_hash": who, "event_on": None, "household_id": "",
                           "relation": "", "role": "", "item_code": "", "period": "",
                           "amount_fen": None,
                           "township": cell_text(get("township", "")).replace(" ", ""),
                           "village": cell_text(get("village", "")).replace(" ", "")}
    for text_field in ("household_id", "relation", "role"):
        row[text_field] = cell_text(get(text_field, "")).replace(" ", "")[:60]
    if kind == "deaths":
        try:
            row["event_on"] = parse_date(get("event_on", ""))
        except CellError as exc:
            raise _RowError(exc.code, f"死亡日期{exc}") from None
        if row["event_on"] > today:
            raise _RowError("date.future", f"死亡日期 {row['event_on']} 在今天之后")
    if kind == "households" and not row["household_id"]:
        raise _RowError("household.missing", "缺少户号")
    if kind == "announcements":
        assert matcher is not None
        item = matcher.match(cell_text(get("item", "")))
        if item is None:
            raise _RowError("item.unknown",
                            f"项目 {cell_text(get('item', ''))!r} 不在本县项目目录中")
        try:
            row["amount_fen"] = parse_yuan(cell_text(get("amount", "")))
            row["period"] = parse_period(get("period", ""), today)
        except AmountError as exc:
            raise _RowError("amount.invalid", f"金额无效: {exc}") from None
        except CellError as exc:
            raise _RowError(exc.code, str(exc)) from None
        row["item_code"] = item.code
    used = set(columns.values())
    own = {cell_text(h): mask_id_numbers(cell_text(cells[i])) for i, h in enumerate(header)
           if i not in used and i < len(cells) and cell_text(h) and cell_text(cells[i])}
    row["detail"] = json.dumps(own, ensure_ascii=False, sort_keys=True)
    identity = "\x1f".join(str(row[k]) for k in ("kind", "id_hash", "event_on", "household_id",
                                                 "relation", "role", "item_code", "period",
                                                 "amount_fen", "township", "village"))
    row["content_key"] = hashlib.sha256(identity.encode("utf-8")).hexdigest()
    return row, number, cell_text(get("name", "")), suspect


def stage_reference_list(conn: Connection, path: Path, options: ReferenceOptions, *,
                         now: datetime) -> StagedList:
    """Read and check every row of ``path`` as a list of ``options.kind``.

    Raises :class:`county.importer.sources.SourceError` for an unreadable
    file, one without a header naming 身份证号, or one missing a required
    column; ``ValueError`` for an unknown kind.
    """
    if options.kind not in REFERENCE_KINDS:
        raise ValueError(f"unknown list kind {options.kind!r} (one of "
                         f"{', '.join(REFERENCE_KINDS)})")
    key = lookup_key(conn)
    today = options.today or now.date()
    matcher = ItemMatcher(list_items(conn.engine)) if options.kind == "announcements" else None
    staged = StagedList(ImportResult(file=path.name, dry_run=options.dry_run,
                                     skip_bad=options.skip_bad,
                                     warnings_accepted=options.accept_warnings))
    result, seen = staged.result, set[str]()
    rejected: list[list[Any]] = []
    with open_workbook(path) as book:
        for sheet in book.sheets:
            top = []
            for number, cells in sheet.rows:
                top.append((number, cells))
                if len(top) >= HEADER_SCAN:
                    break
            scored = [(("id_number" in (c := _columns(options.kind, cells))), len(c), -i)
                      for i, (_, cells) in enumerate(top)]
            if not scored or not max(scored)[0]:
                continue
            best = -max(scored)[2]
            header_number, header = top[best]
            columns = _columns(options.kind, header)
            missing = [_LABELS[f] for f in REQUIRED[options.kind] if f not in columns]
            if missing:
                raise SourceError(f"{path.name}: missing column(s) {'、'.join(missing)} in the "
                                  f"header on row {header_number}")
            report = SheetReport(sheet.name, header_number)
            result.sheets.append(report)
            for number, cells in chain(top[best + 1:], sheet.rows):
                if not cell_text(cells[columns["id_number"]]
                                 if columns["id_number"] < len(cells) else ""):
                    continue  # a total, footer or empty template row
                if footer_word(cells) is not None:
                    continue
                result.rows += 1
                report.rows += 1
                try:
                    row, id_number, name, suspect = _row(options.kind, cells, columns, header,
                                                         key, matcher, today)
                    if row["content_key"] in seen:
                        raise _RowError("row.duplicate", "与前面的行重复")
                except _RowError as exc:
                    bad = BadRow(path.name, number, exc.code, str(exc), sheet.name)
                    result.bad.append(bad)
                    report.bad += 1
                    rejected.append([*(cell_text(c) for c in cells), number,
                                     f"{exc.code}: {exc}"])
                    continue
                seen.add(row["content_key"])
                report.good += 1
                result.good += 1
                if suspect:
                    result.warnings.append(BadRow(path.name, number, MAYBE_ROUNDED,
                                                  suspect_reason(), sheet.name))
                    if not options.accept_warnings:
                        continue
                staged.rows.append({**row, "imported_at": now})
                staged.people[row["id_hash"]] = (id_number, name)
    if not result.sheets:
        raise SourceError(f"{path.name}: no header naming 身份证号 in the first {HEADER_SCAN} rows")
    if rejected and options.skip_bad and not result.refused and not options.dry_run:
        reject_path = options.reject_file or default_reject_path(path)
        write_table(reject_path, (), rejected, sheet="错误行")
        result.reject_file = str(reject_path)
    return staged


def store_reference_list(conn: Connection, staged: StagedList, vault: IdVault, *,
                         now: datetime) -> None:
    """Store the staged rows not stored yet, and their people, in the caller's transaction."""
    result = staged.result
    if result.refused:
        return
    keys = [r["content_key"] for r in staged.rows]
    present: set[str] = set()
    for where in matching(conn, ReferenceRow.content_key, keys):
        present.update(conn.execute(select(ReferenceRow.content_key).where(where)).scalars())
    fresh = [r for r in staged.rows if r["content_key"] not in present]
    result.already_present, result.new = len(staged.rows) - len(fresh), len(fresh)
    if fresh:
        conn.execute(insert(ReferenceRow), fresh)
    remember_people(conn, vault, ((h, n, name) for h, (n, name) in staged.people.items()),
                    now=now)
    result.imported = True
