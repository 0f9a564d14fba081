"""Checking one data row of a payment file: the cells to a payment, or the reason it is bad.

A row's check is a pure function of its cells and the import's fixed inputs
(the lookup key, the catalogue, the options, today), so it may run in
another process (county/importer/parallel.py): :meth:`RowReader.outcome`
returns everything the importer needs of the row as plain values — the
content key, the payment pickled for the staging file, the payee sealed —
and nothing is remembered here except caches of parsed cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple

from county.catalogue import ItemMatcher
from county.errors import CountyError
from county.importer.cells import (
    CellError,
    cell_text,
    parse_date,
    parse_household_size,
    parse_period,
    parse_status,
)
from county.importer.copyrows import has_extras, payment_line
from county.importer.ids import IdCellError, check_id_cell
from county.importer.options import ImportOptions
from county.importer.people import PeopleToKey
from county.importer.staging import Staging, dump_member, dump_payment
from county.payees import IdVault, seal_person
from county.payments import NewMember, NewPayment, content_key
from kiosk.identity import id_hash
from kiosk.money import AmountError, format_yuan, parse_yuan

__all__ = ["Bad", "Good", "RowError", "RowReader"]


_FIELDS = attrgetter(*(f.name for f in fields(NewPayment)))


class Good(NamedTuple):
    """A row that passed its checks (it may still duplicate an earlier row)."""

    ckey: str
    payment: bytes
    """The payment as the staging file holds it (county/importer/staging.py dump_payment);
    b"" streaming (:attr:`line` holds it)."""
    suspect: bool
    """Its ID number may have been rounded by Excel: held unless warnings are accepted."""
    period: bool
    member: bytes | None
    who: str
    sealed: bytes
    """The payee's number and name, sealed for the staging file (b"" without a sealer);
    streaming, sealed for the county (county.payees.seal_person)."""
    person: tuple[str, str, str] | None
    """(township, village, plaintext ID number), only when the row's village has person
    keys (issue 12, county/importer/people.py)."""
    line: bytes = b""
    """Streaming, the payment as the start of its COPY line (county/importer/copyrows.py)."""


class Bad(NamedTuple):
    """A row refused: stable code and the clerk's reason."""

    code: str
    reason: str


class RowError(CountyError):
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
        raise RowError(code, f"金额无效: {exc}") from None
    if fen == 0:
        raise RowError("amount.zero", "金额为零")
    if fen > max_fen:
        raise RowError("amount.absurd", f"金额 {format_yuan(fen, symbol=False)} 元超过单笔上限 "
                                          f"{format_yuan(max_fen, symbol=False)} 元")
    return fen


def _id_number(value: Any, today: date) -> tuple[str, bool]:
    try:
        return check_id_cell(value, today=today)
    except IdCellError as exc:
        raise RowError(exc.code, str(exc)) from None


#: Amount cells a reader remembers at most (then it starts over): memory stays flat.
_AMOUNTS_KEPT = 4096

#: Fields read as plain text (the others are parsed from the cell as it is).
_TEXT_FIELDS = ("item", "department", "head_id", "household_id", "township", "village",
                "fund_source", "batch", "group", "note")


@dataclass
class RowReader:
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
    sealer: Staging | None = None
    """Seals payees' numbers and names for the staging file (county.payees, issue 16)."""
    vault: IdVault | None = None
    """Streaming (county/importer/stream.py): payees are sealed with the county's key and
    payments are sent as their fields, not staged."""

    extras: bool = field(init=False, default=False)
    """Streaming, whether the COPY lines carry the optional columns (copyrows)."""

    def __post_init__(self) -> None:
        self.extras = has_extras(self.columns)

    def cells_of(self, cells: list[Any]) -> dict[str, Any]:
        """The mapped cells of a row by field (a field past the row's end is absent)."""
        count = len(cells)
        return {name: cells[i] for name, i in self.columns.items() if i < count}

    def row(self, row: dict[str, Any]) -> tuple[NewPayment, NewMember | None, bool, str]:
        """(payment, membership, suspect ID, ID number) of a data row (:meth:`cells_of`);
        raises RowError."""
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
            raise RowError(exc.code, str(exc)) from None
        if paid_on > self.today:
            raise RowError("date.future", f"发放日期 {paid_on} 在今天之后")
        if paid_on.year < 2000:
            raise RowError("date.too_old", f"发放日期 {paid_on} 早于 2000 年")
        item_name = text("item", "") or (self.options.item or "")
        item = self.matcher.match(item_name) if item_name else None
        if item is None:
            raise RowError("item.unknown", f"项目 {item_name!r} 不在本县项目目录中"
                            if item_name else "缺少项目（用 --item 指定）")
        department = text("department", "") or self.options.department or item.department
        only = self.options.only_department
        if only and department != only:
            raise RowError("department.other", f"发放部门 {department} 不是本单位（{only}）的数据")
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
        return payment, member, suspect, number

    def outcome(self, row: dict[str, Any], nonce: int) -> Good | Bad:
        """A data row checked, ready for the staging file (its payee sealed with
        ``nonce``, unique in the import): what a checking process sends back."""
        try:
            payment, member, suspect, number = self.row(row)
        except RowError as exc:
            return Bad(exc.code, str(exc))
        who, place = payment.id_hash, (payment.township, payment.village)
        name = cell_text(row.get("name", ""))
        person = (*place, number) if place in self.people.kdfs else None
        if self.vault is not None:
            ckey = content_key(payment)
            return Good(ckey, b"", suspect, bool(payment.period),
                        dump_member(member) if member is not None else None, who,
                        "\x1f".join(seal_person(self.vault, who, number, name)[1:]).encode(),
                        person, payment_line(_FIELDS(payment), ckey, extras=self.extras))
        sealed = self.sealer.seal_payee(who, number, name, nonce) \
            if self.sealer is not None else b""
        return Good(content_key(payment), dump_payment(payment), suspect, bool(payment.period),
                    dump_member(member) if member is not None else None, who, sealed, person)
