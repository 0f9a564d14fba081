"""The full data set for a terminal's first sync, as JSON lines, resumable.

The stream is: a ``header`` line with the cursor to continue from with
``changes``, the records section by section in key order, a ``checkpoint``
line with a ``resume`` token after every page, and an ``end`` line. The
cursor is read *before* any data, so whatever changes while the snapshot
streams (or between a break and its resumption) arrives again through
``changes`` — records are idempotent upserts, so seeing one twice is fine.
Each page is read in its own short transaction: a slow terminal never holds
a database snapshot open for minutes.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, select

from county.changes import effective_settings, record_of
from county.disclosure.models import Power, RollEntry
from county.errors import CountyError
from county.ledger.models import LedgerEntry
from county.ledger.wire import OWN_VILLAGE
from county.models import BenefitItem, Complaint, HouseholdMember, Notice, Payment, PersonKey
from county.person_keys import keyed_select, village_kdf
from county.projects.models import VillageProject
from county.projects.wire import OWN_VILLAGE as OWN_VILLAGE_PROJECTS
from county.scope import TerminalScope
from county.seq import current_seq
from sync.protocol import ErrorCode

__all__ = ["PAGE_ROWS", "ResumeError", "gzip_stream", "parse_resume", "snapshot_lines"]

PAGE_ROWS = 2000
# New sections go at the end: resume tokens name sections by index.
_SECTIONS = ("benefit_item", "setting", "notice", "household_member", "payment",
             "complaint_reply", "roll_entry", "power", "ledger_entry",
             "village_project")
_TOKEN = re.compile(r"^s1\.([0-9]{1,19})\.([0-9])\.([A-Za-z0-9_-]{0,64})$")


class ResumeError(CountyError, ValueError):
    """A resume token this server never handed out."""

    code = ErrorCode.RESUME_INVALID


def _token(cursor: int, section: int, last: object) -> str:
    return f"s1.{cursor}.{section}.{last}"


#: Largest key a paged integer section can hold (BIGINT), so a resume key fits a query.
_MAX_INT_KEY = 2**63 - 1


def _key_fits(entity: str, last: str) -> bool:
    """Whether ``last`` can be a key of ``entity`` as :func:`snapshot_lines` wrote it."""
    if not last:
        return True
    if entity == "setting":  # the settings section ends with an empty key, always
        return False
    _, key = _keyed(entity)
    if key.type.python_type is int:
        return last.isdigit() and int(last) <= _MAX_INT_KEY
    return True


def parse_resume(token: str, *, current: int) -> tuple[int, int, str]:
    """``(cursor, section index, last key)`` from a resume token; raises :class:`ResumeError`.

    Everything a token holds is checked here, before the stream starts: the
    section exists, the cursor is not ahead of the server, and the key is one
    the section can hold (``s1.30213.5.zzz`` names an integer-keyed section).
    """
    match = _TOKEN.match(token)
    if (not match or int(match[2]) >= len(_SECTIONS) or int(match[1]) > current
            or not _key_fits(_SECTIONS[int(match[2])], match[3])):
        raise ResumeError("resume token is not one this server gave out")
    return int(match[1]), int(match[2]), match[3]


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _record_line(entity: str, record: Any) -> bytes:
    return _line({"type": entity, "data": record.model_dump(mode="json")})


def _keyed(entity: str) -> tuple[Any, Any]:
    """(model, key column) of a paged section."""
    return {
        "benefit_item": (BenefitItem, BenefitItem.code),
        "notice": (Notice, Notice.id),
        "household_member": (HouseholdMember, HouseholdMember.id_hash),
        "payment": (Payment, Payment.id),
        "complaint_reply": (Complaint, Complaint.id),
        "roll_entry": (RollEntry, RollEntry.id),
        "power": (Power, Power.code),
        "ledger_entry": (LedgerEntry, LedgerEntry.id),
        "village_project": (VillageProject, VillageProject.id),
    }[entity]


def _section_filter(entity: str, scope: TerminalScope) -> Any:
    model, _ = _keyed(entity)
    if entity == "complaint_reply":
        return scope.replies()
    base = model.deleted.is_(False)
    if entity == "notice":
        return base & scope.notices()
    if entity == "household_member":
        return base & scope.members()
    if entity == "payment":
        return base & scope.payments()
    if entity == "roll_entry":
        return base & scope.rolls()
    if entity == "ledger_entry":
        return base & OWN_VILLAGE
    if entity == "village_project":
        return base & OWN_VILLAGE_PROJECTS
    return base


def snapshot_lines(engine: Engine, scope: TerminalScope, *,
                   resume: str | None = None) -> Iterator[bytes]:
    """Yield the snapshot for ``scope`` as JSON lines (bytes, each ending in ``\\n``).

    Raises :class:`ResumeError` before yielding anything for a bad token.
    Runs in the caller's thread (the server iterates it in a worker thread).
    """
    with engine.connect() as conn:
        current = current_seq(conn)
    if resume:
        cursor, start, last = parse_resume(resume, current=current)
    else:
        cursor, start, last = current, 0, ""
    header: dict[str, Any] = {"type": "header", "cursor": str(cursor)}
    if scope.person_keys:  # the derivation the records' keys were made with
        with engine.connect() as conn:
            kdf = village_kdf(conn, scope.township, scope.village)
        header["lookup_kdf"] = kdf.to_json() if kdf is not None else None
    yield _line(header)
    count = 0
    for index in range(start, len(_SECTIONS)):
        entity = _SECTIONS[index]
        if index != start:
            last = ""
        if entity == "setting":
            with engine.connect() as conn:
                settings = effective_settings(conn, scope)
            for record in settings.values():
                if record is not None:
                    count += 1
                    yield _record_line("setting", record)
            # The settings section comes before the big ones: index + 1 exists.
            yield _line({"type": "checkpoint", "resume": _token(cursor, index + 1, "")})
            continue
        model, key = _keyed(entity)
        keyed = scope.person_keys and entity in ("payment", "household_member")
        if keyed and entity == "household_member":
            key = PersonKey.derived  # a village terminal's members page by person key
        while True:
            query = (keyed_select(model) if keyed else select(model)).where(
                _section_filter(entity, scope))
            if last:
                bound: object = int(last) if key.type.python_type is int else last
                query = query.where(key > bound)
            with engine.connect() as conn:
                rows = conn.execute(query.order_by(key).limit(PAGE_ROWS), scope.params()).all()
            for row in rows:
                count += 1
                yield _record_line(entity, record_of(entity, row))
            if not rows:
                break
            last = str(row.id_hash if key is PersonKey.derived else getattr(row, key.key))
            yield _line({"type": "checkpoint", "resume": _token(cursor, index, last)})
            if len(rows) < PAGE_ROWS:
                break
    yield _line({"type": "end", "cursor": str(cursor), "records": count})


def gzip_stream(chunks: Iterator[bytes], *, level: int = 6) -> Iterator[bytes]:
    """Gzip ``chunks`` on the fly, flushing after each so a reader sees whole lines early."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= 64 * 1024 or chunk.startswith(b'{"type":"checkpoint"'):
            yield compressor.compress(b"".join(pending)) + compressor.flush(zlib.Z_SYNC_FLUSH)
            pending, size = [], 0
    yield compressor.compress(b"".join(pending)) + compressor.flush()
