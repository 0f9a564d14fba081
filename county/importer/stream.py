"""Storing a file's rows while they are checked: one COPY, fed chunk by chunk (PostgreSQL).

The usual way (county/importer/store.py) checks the whole file into the
staging file, then reads it back and stores it. For a plain payment file
on PostgreSQL this module stores each chunk of checked rows as soon as it
is checked, in the import's one transaction, through one ``COPY payment``
that stays open (county.bulk.CopyStream): PostgreSQL writes the rows and
their indexes while this process checks the next ones, and no payment is
written to the staging file or read back (it still holds the content keys,
for the file's duplicate rows, and the sealed payees, stored at the end).
The rows arrive as the start of their COPY lines, made where they were
checked (county/importer/copyrows.py): this process adds the batch, the
time and the change number.

It is taken only where it stores exactly what the usual way stores
(:func:`can_stream`): not a dry run, a CSV file (one sheet), no column that
makes rows depend on each other across the file (期间: supersession; 户号 and
户主身份证号: memberships), no village with person keys, COPY allowed. Stored
payments the file names are looked up on a second connection (committed
rows; this transaction's own are the file's, found by the staging file).
When the file turns out to be refused — a bad row without ``skip_bad``, a
warning not accepted — or a concurrent import stored some of the same rows
(the COPY's unique index), :class:`Restart` is raised: the transaction is
rolled back and the import starts again the usual way, which reports and
counts such files.

Rows and change numbers are those the usual way stores, except that on a
file longer than one batch with place corrections (乡镇/村 moved) the moved
rows' seqs come after the new rows' rather than batch by batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, select, update

from county.bulk import CopyStream, copy_allowed, matching
from county.errors import CountyError
from county.importer.batch import new_batch
from county.importer.copyrows import (
    NUL,
    columns,
    has_extras,
    household_spliced,
    line_end,
    payment_fields,
)
from county.importer.layout import Layout
from county.importer.options import ImportOptions
from county.importer.report import ImportResult
from county.importer.staging import BATCH_ROWS, Staging
from county.models import HouseholdMember, ImportBatch, Payment
from county.payees import IdVault, KeyFileError, load_vault, remember_sealed
from county.payments import (
    NewPayment,
    StoredPlace,
    correct_places,
    place_corrections,
    stored_places,
)
from county.seq import hold_seqs, release_seqs

__all__ = ["Restart", "StreamStore", "can_stream"]

_ACROSS_ROWS = frozenset({"period", "household_id", "head_id"})


class Restart(CountyError):
    """The file must be imported the usual way (nothing was stored): a signal inside the
    importer, never raised out of it."""

    code = "import.restart"


def can_stream(engine: Engine, options: ImportOptions, *, encoding: str, layout: Layout,
               person_key_villages: int) -> bool:
    """Whether this file's rows may be stored as they are checked (see the module doc)."""
    return (copy_allowed(engine.dialect.name) and not options.dry_run and encoding != "xlsx"
            and not (_ACROSS_ROWS & layout.columns.keys()) and not person_key_villages)


class StreamStore:
    """The import's transaction while rows stream in. Close it (:meth:`close`) always."""

    def __init__(self, engine: Engine, path: Path, options: ImportOptions,
                 result: ImportResult, *, layout: Layout, now: datetime, vault: IdVault) -> None:
        self._path, self._options, self._result, self._now = path, options, result, now
        self.vault = vault
        self._conn = engine.connect()
        self._tx = self._conn.begin()
        self._look = engine.connect()  # committed rows, while the COPY holds the other
        table = cast(Table, Payment.__table__)
        self._extras = has_extras(layout.columns)
        self._copy = CopyStream(self._conn, table, columns(extras=self._extras))
        process = table.c.updated_at.type.bind_processor(self._conn.dialect)
        self._stored_now: datetime = process(now) if process else now  # naive UTC
        self._end = b""  # line_end, once the batch is known
        self._last_seq: int | None = None  # last handed out (the counter is held)
        self._moved: list[tuple[str, NewPayment]] = []
        self.present = self.withdrawn = self.corrected = self.fresh = 0

    @classmethod
    def open(cls, engine: Engine, path: Path, options: ImportOptions, result: ImportResult,
             *, layout: Layout, now: datetime) -> StreamStore | None:
        """The store, or None when the ID key file cannot be used (then the usual way
        stores, and reports that only if the file adds something)."""
        try:
            vault = load_vault(str(engine.url))  # issue 16: payees sealed as they are checked
        except KeyFileError:
            return None
        return cls(engine, path, options, result, layout=layout, now=now, vault=vault)

    def add(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Store a chunk's good rows (content key, id_hash, the start of its COPY line:
        county/importer/rows.py Good), none a duplicate of an earlier row.
        Raises :class:`Restart` when a stored row has a content key the COPY repeats
        (another import stored it meanwhile)."""
        if not rows:
            return
        keys = [r[0] for r in rows]
        households = _households(self._look, [r[1] for r in rows])
        present = stored_places(self._look, keys)
        if present:
            self.present += len(present)
            self.withdrawn += sum(1 for s in present.values() if s.deleted)
            stored = [(k, self._payment(line, households)) for k, _, line in rows
                      if k in present]
            moves = place_corrections(present, [p for _, p in stored], [k for k, _ in stored])
            self.corrected += len(moves)
            if moves:
                self._moved.extend((k, p) for k, p in stored if _moves(present[k], p))
        fresh = [household_spliced(line, households[who]) if who in households else line
                 for k, who, line in rows if k not in present]
        self.fresh += len(fresh)
        if fresh:
            if self._last_seq is None:  # the first new row: the batch record, the counter
                self._result.batch = self._new_batch()
                self._last_seq = hold_seqs(self._conn)
                self._end = line_end(self._result.batch, self._stored_now)
            self._write(fresh)
        if len(self._moved) >= BATCH_ROWS:
            self._flush_moves()

    def _payment(self, line: bytes, households: dict[str, str]) -> NewPayment:
        """A payment from its COPY line, with its recipient's known household."""
        fields = payment_fields(line, extras=self._extras)
        if not fields[1] and fields[0] in households:
            fields = (fields[0], households[fields[0]], *fields[2:])
        return NewPayment(*fields)

    def _write(self, fresh: list[bytes]) -> None:
        if NUL in fresh:  # as psycopg refuses such a value
            from psycopg import DataError

            raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
        first, end = cast(int, self._last_seq) + 1, self._end
        self._last_seq = first + len(fresh) - 1
        data = b"".join([b"%s%s%d\n" % (line, end, seq)
                         for seq, line in enumerate(fresh, first)])
        self._unique(lambda: self._copy.send(data))

    def _unique(self, step: Any) -> None:
        from psycopg.errors import UniqueViolation  # only a PostgreSQL county needs psycopg

        try:
            step()
        except UniqueViolation:
            raise Restart from None

    def _pause(self) -> None:
        """End the COPY and give the counter back its value (others may take seqs now)."""
        self._unique(self._copy.pause)
        if self._last_seq is not None:
            release_seqs(self._conn, self._last_seq)

    def _flush_moves(self) -> None:
        if not self._moved:
            return
        self._pause()
        correct_places(self._conn, [p for _, p in self._moved], now=self._now,
                       keys=[k for k, _ in self._moved])
        self._moved.clear()
        if self._last_seq is not None:
            self._last_seq = hold_seqs(self._conn)

    def _new_batch(self) -> int:
        return new_batch(self._conn, self._path, self._options, self._result, now=self._now)

    def finish(self, staging: Staging) -> None:
        """Count into the result, store the moves and payees, commit (as store.store does)."""
        result = self._result
        self._flush_moves()
        self._pause()
        result.good = staging.count()
        result.withdrawn_before = self.withdrawn
        result.already_present = self.present - self.withdrawn
        result.superseded, result.new, result.corrected = 0, self.fresh, self.corrected
        conn = self._conn
        if result.batch is not None:
            conn.execute(update(ImportBatch).where(ImportBatch.id == result.batch).values(
                rows_total=result.rows, rows_new=result.new, rows_rejected=len(result.bad)))
        if result.new or result.corrected:
            for payees in staging.sealed_payee_batches():  # issue 16 (county/payees.py)
                remember_sealed(conn, payees, now=self._now)
            if self._options.after_store is not None:
                self._options.after_store(conn, result.batch)
        self._tx.commit()
        result.imported = True

    def close(self) -> None:
        """Roll back unless :meth:`finish` committed; release both connections."""
        try:
            self._copy.abort()
            if self._tx.is_active:
                self._tx.rollback()
        finally:
            self._conn.close()
            self._look.close()


def _moves(stored: StoredPlace, payment: NewPayment) -> bool:
    return bool(place_corrections({"k": stored}, [payment], ["k"]))


def _households(conn: Connection, who: list[str]) -> dict[str, str]:
    """The known household of each of these recipients that has one: a payment takes it
    (the file has no household column here: as store._fill_households)."""
    found: dict[str, str] = {}
    for where in matching(conn, HouseholdMember.id_hash, sorted(set(who))):
        found.update((str(w), str(household)) for w, household in conn.execute(
            select(HouseholdMember.id_hash, HouseholdMember.household_id).where(where)))
    return found



