"""First sync: the snapshot streamed into a staging file, then swapped in at once.

Download: each JSON line is validated as it arrives and staged into a side
SQLite file (``<db>.snapshot``) with the same tables as the cache; at every
``checkpoint`` line the staged rows and the checkpoint's resume token commit
together. After a cut (or a kill -9) the download resumes with
``?resume=TOKEN`` from the last committed checkpoint; rows sent again are
``INSERT OR REPLACE``d. Memory stays flat whatever the county's size.

Apply: once the ``end`` line is staged, one ``BEGIN IMMEDIATE`` transaction on
the cache deletes the synced tables, copies the staged ones in
(``INSERT … SELECT``, in C), stores the replies and the cursor, and commits.
Until that commit the UI keeps reading the old data (WAL); after it, the new.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    text,
)

from kiosk.logfmt import log_event
from kiosk.person_key import PersonKdf
from kiosk.store.engine import create_sqlite_engine
from kiosk.store.models import UTCDateTime
from sync.client import CountyClient, describe_validation_error
from sync.enroll_village import check_person_kdf
from sync.errors import NetworkError, ProtocolError, RejectedError
from sync.forward import UnknownLine, note_ignored, unknown_line_type
from sync.pages import MODELS
from sync.protocol import (
    BenefitItemRecord,
    ComplaintReply,
    HouseholdMemberRecord,
    NoticeRecord,
    PaymentRecord,
    PowerRecord,
    RollEntryRecord,
    SettingRecord,
)
from sync.protocol.ledger import LedgerEntryRecord
from sync.protocol.projects import ProjectRecord
from sync.rows import TableWriter
from sync.state import update_state

__all__ = ["SnapshotStage", "apply_snapshot", "download_snapshot", "stage_path_for"]

log = logging.getLogger("sync.snapshot")

_RECORDS: dict[str, type[BaseModel]] = {
    "benefit_item": BenefitItemRecord, "setting": SettingRecord, "notice": NoticeRecord,
    "household_member": HouseholdMemberRecord, "payment": PaymentRecord,
    "complaint_reply": ComplaintReply, "roll_entry": RollEntryRecord, "power": PowerRecord,
    "ledger_entry": LedgerEntryRecord, "village_project": ProjectRecord,
}
#: Staged rows are flushed at least this often even between checkpoints (bounded memory).
_FLUSH_ROWS = 5000

_stage_md = MetaData()
for _model, _pk in MODELS.values():
    cast(Table, _model.__table__).to_metadata(_stage_md)
_replies = Table("complaint_reply", _stage_md,
                 Column("idempotency_key", String(64), primary_key=True),
                 Column("server_id", String(40)), Column("ticket_no", String(32)),
                 Column("reply_text", Text), Column("reply_at", UTCDateTime))
_WRITERS = {name: TableWriter(_stage_md.tables[name]) for name in _RECORDS}
_meta = Table("stage_meta", _stage_md,
              Column("id", Integer, primary_key=True),
              Column("cursor", String(100)), Column("resume", String(100), nullable=True),
              Column("complete", Integer))


def stage_path_for(db_path: Path) -> Path:
    """Where the snapshot of the cache at ``db_path`` is staged."""
    return db_path.with_name(db_path.name + ".snapshot")


@dataclass(frozen=True)
class StageMeta:
    """What the staging file holds: the snapshot's cursor, last resume token, completeness."""

    cursor: str | None
    resume: str | None
    complete: bool


class SnapshotStage:
    """The staging file; ``open()`` before use, ``close()`` or ``discard()`` after."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The open staging engine; raises RuntimeError before :meth:`open`."""
        if self._engine is None:
            raise RuntimeError("staging file not open")
        return self._engine

    def open(self) -> SnapshotStage:
        """Open (creating) the staging file; a damaged one is thrown away and recreated."""
        for attempt in range(2):
            self._engine = create_sqlite_engine(self.path)
            try:
                with self._engine.begin() as conn:
                    if conn.exec_driver_sql("PRAGMA quick_check").scalar() != "ok":
                        raise ValueError("staging file damaged")
                    _stage_md.create_all(conn)
                return self
            except Exception:
                self.discard()
                if attempt:
                    raise
        return self

    def close(self) -> None:
        """Close the staging engine (keep the file)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def discard(self) -> None:
        """Close and delete the staging file (and its WAL)."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(self.path) + suffix).unlink()

    def meta(self) -> StageMeta:
        """The staged snapshot's progress."""
        with self.engine.connect() as conn:
            row = conn.execute(select(_meta).where(_meta.c.id == 1)).first()
        if row is None:
            return StageMeta(None, None, False)
        return StageMeta(row.cursor, row.resume, bool(row.complete))

    def restart(self, cursor: str) -> None:
        """Empty every staged table and start a snapshot at ``cursor``."""
        with self.engine.begin() as conn:
            for table in reversed(_stage_md.sorted_tables):
                conn.execute(table.delete())
            conn.execute(insert(_meta).values(id=1, cursor=cursor, resume=None, complete=0))

    def commit(self, rows: dict[str, list[tuple[Any, ...]]], *, resume: str | None = None,
               complete: bool = False) -> None:
        """Stage ``rows`` (storage tuples, :mod:`sync.rows`) and the resume token /
        completeness in one transaction."""
        with self.engine.begin() as conn:
            for entity, batch in rows.items():
                if batch:
                    conn.exec_driver_sql(_WRITERS[entity].insert_or_replace, batch)
            values: dict[str, Any] = {}
            if resume is not None:
                values["resume"] = resume
            if complete:
                values["complete"] = 1
            if values:
                conn.execute(_meta.update().where(_meta.c.id == 1).values(**values))
        for batch in rows.values():
            batch.clear()


class _Control(BaseModel):
    """A header, checkpoint or end line (SnapshotLine without data)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    type: Literal["header", "checkpoint", "end"]
    lookup_kdf: dict[str, Any] | None = None
    """Header of a village terminal's snapshot: the derivation its keys were made with."""
    cursor: str | None = None
    resume: str | None = None
    records: int | None = None


# Records of a snapshot keep the fields a newer county added (``extra="allow"``), so
# that they can be named in one log line (sync/forward.py); only the table's columns are
# stored. Everything known is validated as strictly as the shared models say.
_LIBERAL = ConfigDict(extra="allow", frozen=True)


class _Item(BenefitItemRecord):
    model_config = _LIBERAL


class _Setting(SettingRecord):
    model_config = _LIBERAL


class _Notice(NoticeRecord):
    model_config = _LIBERAL


class _Member(HouseholdMemberRecord):
    model_config = _LIBERAL


class _Payment(PaymentRecord):
    model_config = _LIBERAL


class _Reply(ComplaintReply):
    model_config = _LIBERAL


class _Roll(RollEntryRecord):
    model_config = _LIBERAL


class _Power(PowerRecord):
    model_config = _LIBERAL


class _Ledger(LedgerEntryRecord):
    model_config = _LIBERAL


# One model per record line, so that a line and its record are validated in a
# single pass straight from the JSON bytes (twice as fast as SnapshotLine, then
# the record: this runs a million times on a county-sized snapshot).
class _ItemLine(BaseModel):
    type: Literal["benefit_item"]
    data: _Item


class _SettingLine(BaseModel):
    type: Literal["setting"]
    data: _Setting


class _NoticeLine(BaseModel):
    type: Literal["notice"]
    data: _Notice


class _MemberLine(BaseModel):
    type: Literal["household_member"]
    data: _Member


class _PaymentLine(BaseModel):
    type: Literal["payment"]
    data: _Payment


class _ReplyLine(BaseModel):
    type: Literal["complaint_reply"]
    data: _Reply


class _RollLine(BaseModel):
    type: Literal["roll_entry"]
    data: _Roll


class _PowerLine(BaseModel):
    type: Literal["power"]
    data: _Power


class _LedgerLine(BaseModel):
    type: Literal["ledger_entry"]
    data: _Ledger


class _ProjectLine(BaseModel):
    type: Literal["village_project"]
    data: ProjectRecord


_RecordLine = (_ItemLine | _SettingLine | _NoticeLine | _MemberLine | _PaymentLine | _ReplyLine
               | _RollLine | _PowerLine | _LedgerLine | _ProjectLine)
_LINE: TypeAdapter[_Control | _RecordLine] = TypeAdapter(
    Annotated[_Control | _RecordLine, Field(discriminator="type")])
_KNOWN_TYPES = frozenset(_RECORDS) | {"header", "checkpoint", "end"}


def _parse(raw: bytes, number: int) -> _Control | _RecordLine | UnknownLine:
    try:
        return _LINE.validate_json(raw)
    except ValidationError as exc:
        # A section of a newer county (a type this terminal has no table for) is
        # skipped; any other refusal stands.
        unknown = unknown_line_type(raw, _KNOWN_TYPES)
        if unknown is not None:
            return unknown
        raise ProtocolError(f"snapshot line {number}: {describe_validation_error(exc)}") from None


def download_snapshot(client: CountyClient, stage: SnapshotStage, *,
                      person_kdf: PersonKdf | None = None) -> str:
    """Download (or resume) the snapshot into ``stage``; return its cursor once complete.

    Raises NetworkError/ServerError on a cut (progress up to the last
    checkpoint is kept), ProtocolError for a malformed stream, RevokedError,
    PersonKeyChangedError when the header's derivation is not ``person_kdf``
    (the enrollment file's; None for a county/township terminal).
    An expired resume token starts the download over.
    """
    meta = stage.meta()
    if meta.complete and meta.cursor is not None:
        return meta.cursor
    resume = meta.resume if meta.cursor is not None else None
    try:
        return _stream(client, stage, meta, resume, person_kdf)
    except RejectedError as exc:
        if resume is None or exc.code != "snapshot.invalid_resume":
            raise
        log_event(log, logging.WARNING, "snapshot_resume_refused", code=exc.code)
        return _stream(client, stage, StageMeta(None, None, False), None, person_kdf)


def _stream(client: CountyClient, stage: SnapshotStage, meta: StageMeta,
            resume: str | None, person_kdf: PersonKdf | None) -> str:
    buffer: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _RECORDS}
    cursor: str | None = None
    received = staged = 0
    log_event(log, logging.INFO, "snapshot_request", resume=resume)
    with client.snapshot_lines(resume) as lines:
        for number, raw in enumerate(lines, start=1):
            line = _parse(raw, number)
            if number == 1:
                if not isinstance(line, _Control) or line.type != "header" or not line.cursor:
                    raise ProtocolError("snapshot line 1: expected a header with a cursor")
                cursor = line.cursor
                check_person_kdf(line.lookup_kdf, person_kdf)
                if resume is None:
                    stage.restart(cursor)
                elif cursor != meta.cursor:
                    raise ProtocolError(f"snapshot: resumed stream has cursor {cursor}, "
                                        f"expected {meta.cursor}")
                continue
            if isinstance(line, UnknownLine):
                note_ignored("snapshot section", line.type)
                received += 1  # the end line counts every record line the county sent
                continue
            if not isinstance(line, _Control):
                if line.data.model_extra:
                    note_ignored(f"{line.type} field", ",".join(sorted(line.data.model_extra)))
                try:
                    buffer[line.type].append(_WRITERS[line.type].row(line.data))
                except ValueError as exc:  # e.g. a timestamp without a time zone
                    raise ProtocolError(f"snapshot line {number}: {exc}") from None
                received += 1
                staged += 1
                if staged >= _FLUSH_ROWS:
                    # Rows beyond the last checkpoint are re-sent after a resume
                    # and replaced, so flushing them early is harmless.
                    stage.commit(buffer)
                    staged = 0
            elif line.type == "header":
                raise ProtocolError(f"snapshot line {number}: a second header")
            elif line.type == "checkpoint":
                if not line.resume:
                    raise ProtocolError(f"snapshot line {number}: checkpoint without token")
                stage.commit(buffer, resume=line.resume)
                staged = 0
            elif line.type == "end":
                if line.records != received:
                    raise ProtocolError(f"snapshot: end line counts {line.records} records, "
                                        f"{received} arrived")
                stage.commit(buffer, complete=True)
                assert cursor is not None
                log_event(log, logging.INFO, "snapshot_downloaded", cursor=cursor,
                          records=received)
                return cursor
    raise NetworkError("GET /snapshot: stream ended before its end line")


def apply_snapshot(engine: Engine, stage: SnapshotStage, *, now: datetime) -> dict[str, int]:
    """Replace the synced tables with the staged snapshot in one transaction.

    Returns rows per table. The stage must be complete; raises
    ``sqlalchemy.exc.OperationalError`` if the cache stays locked past the
    busy timeout (nothing changed then).
    """
    meta = stage.meta()
    if not meta.complete or meta.cursor is None:
        raise ValueError("snapshot stage is not complete")
    stage.close()  # the cache's connection reads it through ATTACH
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # ATTACH is refused inside a transaction: do it first, on the same connection.
        raw.execute("ATTACH DATABASE ? AS stage", (str(stage.path),))
        try:
            with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                for entity, (model, _pk) in MODELS.items():
                    cols = ", ".join(f'"{c.name}"' for c in model.__table__.columns)
                    conn.exec_driver_sql(f"DELETE FROM main.{entity}")
                    conn.exec_driver_sql(f"INSERT INTO main.{entity} ({cols}) "
                                         f"SELECT {cols} FROM stage.{entity}")
                    counts[entity] = int(conn.execute(
                        text(f"SELECT count(*) FROM main.{entity}")).scalar_one())
                counts["complaint_reply"] = conn.exec_driver_sql(
                    "UPDATE main.complaint SET reply_text = r.reply_text, "
                    "reply_at = r.reply_at, server_id = r.server_id "
                    "FROM stage.complaint_reply AS r "
                    "WHERE main.complaint.idempotency_key = r.idempotency_key").rowcount
                update_state(conn, cursor=meta.cursor, data_as_of=now, last_attempt_at=now,
                             last_success_at=now, last_error=None, last_error_code=None)
        finally:
            raw.execute("DETACH DATABASE stage")
    log_event(log, logging.INFO, "snapshot_applied", cursor=meta.cursor,
              **{k: v for k, v in counts.items()})
    stage.discard()
    return counts

