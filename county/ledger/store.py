"""Storing a village's ledger: a month imported again replaces that month.

The old entries of every month the file holds are retired (``deleted``, a
fresh seq: a tombstone for the village's terminals) and the file's entries
inserted, in one transaction: a terminal sees the month before or after the
correction, never a mix. Images are stored once by their hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, and_, insert, inspect, select, update

from county.errors import CountyError
from county.ledger.images import ImageError, Voucher, prepare_image
from county.ledger.models import LedgerEntry, LedgerImage
from county.ledger.sheet import LedgerFile, RowProblem, read_ledger
from county.models import Terminal
from county.seq import take_seqs
from county.tx import writing

__all__ = ["LedgerImportError", "LedgerResult", "attach_image", "import_ledger", "read_images",
           "seed_ledger", "store_images", "township_of"]


class LedgerImportError(CountyError, ValueError):
    """The import cannot start (village unknown, township ambiguous)."""

    code = "ledger.import"


@dataclass
class LedgerResult:
    """What an import did (or, with ``dry_run`` or bad rows, would have done)."""

    village: str
    township: str
    months: list[str]
    entries: int
    replaced: int
    images: int
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stored: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"village": self.village, "township": self.township, "months": self.months,
                "entries": self.entries, "replaced": self.replaced, "images": self.images,
                "stored": self.stored, "notes": self.notes,
                "problems": [{"row": p.row, "reason": p.reason} for p in self.problems]}

    @property
    def exit_code(self) -> int:
        return 0 if not self.problems else 1


def township_of(engine: Engine, village: str, township: str | None) -> str:
    """The township of ``village``: as given, or the one its enrolled terminals name."""
    if township:
        return township
    with engine.connect() as conn:
        found = sorted(set(conn.execute(
            select(Terminal.township).where(Terminal.village == village)).scalars()))
    if len(found) == 1:
        return found[0]
    if not found:
        raise LedgerImportError(f"村 {village!r} 还没有登记的终端：请用 --township 写明所属乡镇")
    raise LedgerImportError(f"不同乡镇都有叫 {village!r} 的村（{'、'.join(found)}）："
                            "请用 --township 写明")


class _ImageRow(Protocol):
    """A checked row naming an image file beside the sheet (a ledger entry, a stage)."""

    @property
    def row(self) -> int: ...

    @property
    def image(self) -> str: ...


def read_images(path: Path, rows: Sequence[_ImageRow], problems: list[RowProblem]
                ) -> dict[str, Voucher]:
    """The re-encoded images the rows of the sheet at ``path`` name, by file name; a
    missing or bad one is a problem of its row."""
    out: dict[str, Voucher] = {}
    for row in rows:
        if not row.image or row.image in out:
            continue
        file = path.parent / row.image
        if not file.is_file():
            problems.append(RowProblem(row.row, f"找不到凭证图片 {row.image}：请把图片放在表格"
                                                "同一个文件夹里，文件名和表里写的一样"))
            continue
        try:
            out[row.image] = prepare_image(file.read_bytes(), name=row.image)
        except ImageError as exc:
            problems.append(RowProblem(row.row, str(exc)))
    return out


def store_images(conn: Connection, images: Iterable[Voucher], *, now: datetime) -> None:
    """Store each re-encoded image once, by its hash (ledger vouchers, project documents)."""
    for voucher in images:
        if conn.execute(select(LedgerImage.sha256)
                        .where(LedgerImage.sha256 == voucher.sha256)).first() is None:
            conn.execute(insert(LedgerImage).values(
                sha256=voucher.sha256, size=len(voucher.data), data=voucher.data,
                created_at=now))


def import_ledger(engine: Engine, path: Path, *, village: str, township: str | None,
                  now: datetime, dry_run: bool = False, sheet: str | None = None,
                  batch: str = "") -> LedgerResult:
    """Read ``path`` and, if every row is good and not ``dry_run``, replace its months.

    Raises SourceError (unreadable file) and :class:`LedgerImportError`.
    """
    place = township_of(engine, village, township)
    parsed: LedgerFile = read_ledger(path, sheet=sheet)
    problems = list(parsed.problems)
    vouchers = read_images(path, parsed.rows, problems)
    problems.sort(key=lambda p: p.row)
    months = sorted({r.month for r in parsed.rows})
    result = LedgerResult(village=village, township=place, months=months,
                          entries=len(parsed.rows), replaced=0, images=len(vouchers),
                          problems=problems, notes=parsed.notes)
    if problems or dry_run or not parsed.rows:
        return result
    where = and_(LedgerEntry.township == place, LedgerEntry.village == village,
                 LedgerEntry.month.in_(months), LedgerEntry.deleted.is_(False))
    with writing(engine) as conn:
        store_images(conn, vouchers.values(), now=now)
        old = list(conn.execute(select(LedgerEntry.id).where(where)).scalars())
        first = take_seqs(conn, len(old) + len(parsed.rows))
        for i, entry_id in enumerate(old):
            conn.execute(update(LedgerEntry).where(LedgerEntry.id == entry_id)
                         .values(deleted=True, seq=first + i, updated_at=now))
        start = first + len(old)
        conn.execute(insert(LedgerEntry), [
            {"township": place, "village": village, "month": r.month,
             "entry_date": r.entry_date, "summary": r.summary, "kind": r.kind,
             "amount_fen": r.amount_fen, "counterparty": r.counterparty,
             "voucher_no": r.voucher_no,
             "image_sha256": vouchers[r.image].sha256 if r.image else "",
             "image_size": len(vouchers[r.image].data) if r.image else 0,
             "batch": batch, "seq": start + i, "deleted": False, "updated_at": now}
            for i, r in enumerate(parsed.rows)])
    result.replaced, result.stored = len(old), True
    return result


class _SeedEntry(Protocol):
    """A demo ledger entry (demo.ledger.DemoLedgerEntry), read-only."""

    @property
    def id(self) -> int: ...

    @property
    def month(self) -> str: ...

    @property
    def entry_date(self) -> date: ...

    @property
    def summary(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def amount_fen(self) -> int: ...

    @property
    def counterparty(self) -> str: ...

    @property
    def voucher_no(self) -> str: ...

    @property
    def image(self) -> bytes: ...

    @property
    def image_sha256(self) -> str: ...


def seed_ledger(conn: Connection, township: str, village: str, entries: Sequence[_SeedEntry],
                *, now: datetime) -> int:
    """Add the demo ledger with its own ids (``county seed-demo``; skipped if present, or
    on a database not yet at the ledger's schema revision, as the migration tests seed)."""
    if not inspect(conn).has_table("ledger_entry") \
            or conn.execute(select(LedgerEntry.id).limit(1)).first() is not None:
        return 0
    for e in entries:
        if e.image and conn.execute(select(LedgerImage.sha256).where(
                LedgerImage.sha256 == e.image_sha256)).first() is None:
            conn.execute(insert(LedgerImage).values(sha256=e.image_sha256, size=len(e.image),
                                                    data=e.image, created_at=now))
    first = take_seqs(conn, len(entries)) if entries else 0
    conn.execute(insert(LedgerEntry), [
        {"id": e.id, "township": township, "village": village, "month": e.month,
         "entry_date": e.entry_date, "summary": e.summary, "kind": e.kind,
         "amount_fen": e.amount_fen, "counterparty": e.counterparty, "voucher_no": e.voucher_no,
         "image_sha256": e.image_sha256, "image_size": len(e.image), "batch": "demo",
         "seq": first + i, "deleted": False, "updated_at": now}
        for i, e in enumerate(entries)])
    if conn.dialect.name == "postgresql":  # explicit ids leave the serial behind
        conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('ledger_entry', 'id'), "
                             "(SELECT max(id) FROM ledger_entry))")
    return len(entries)


def attach_image(engine: Engine, image: Path, *, village: str, township: str | None,
                 month: str, voucher_no: str, now: datetime) -> int:
    """Attach (or replace) the voucher image of the village's entries of ``month`` with
    voucher number ``voucher_no``; returns how many entries now carry it (each gets a
    fresh seq: its terminals receive it again, then fetch the image).

    Raises :class:`LedgerImportError` (no such entry), ImageError (a bad image),
    OSError (unreadable file).
    """
    place = township_of(engine, village, township)
    voucher = prepare_image(image.read_bytes(), name=image.name)
    where = and_(LedgerEntry.township == place, LedgerEntry.village == village,
                 LedgerEntry.month == month, LedgerEntry.voucher_no == voucher_no,
                 LedgerEntry.deleted.is_(False))
    with writing(engine) as conn:
        ids = list(conn.execute(select(LedgerEntry.id).where(where)).scalars())
        if not ids:
            raise LedgerImportError(f"{village} {month} 没有凭证号为 {voucher_no!r} 的账目："
                                    "请先导入这个月的账，或核对凭证号")
        if conn.execute(select(LedgerImage.sha256)
                        .where(LedgerImage.sha256 == voucher.sha256)).first() is None:
            conn.execute(insert(LedgerImage).values(sha256=voucher.sha256,
                                                    size=len(voucher.data), data=voucher.data,
                                                    created_at=now))
        first = take_seqs(conn, len(ids))
        for i, entry_id in enumerate(ids):
            conn.execute(update(LedgerEntry).where(LedgerEntry.id == entry_id).values(
                image_sha256=voucher.sha256, image_size=len(voucher.data), seq=first + i,
                updated_at=now))
    return len(ids)
