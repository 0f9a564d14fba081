"""Building ``changes`` pages and ``snapshot`` sections for one terminal.

Every synced row carries a unique ``seq`` (county/seq.py). A page is the
first ``limit`` rows with ``seq > cursor`` across the synced tables, in seq
order, each in its latest state: a live row is an upsert, a row marked
``deleted`` is a tombstone. The cursor is the decimal seq of the last row of
the page: opaque to terminals.

Township-scoped terminals also page the move log (county/moves.py): a
payment or household member that left their township since their cursor is
a tombstone for them, unless it is back in their township by now (then its
own, later upsert is on its way).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Connection, Integer, Row, bindparam, select

from county.cursor import cursor_value
from county.disclosure.models import Power, RollEntry
from county.errors import CountyError
from county.ledger.models import LedgerEntry
from county.ledger.wire import OWN_VILLAGE, ledger_record
from county.models import (
    BenefitItem,
    Complaint,
    HouseholdMember,
    Notice,
    Payment,
    ScopeMove,
    Setting,
)
from county.models import server_id as complaint_server_id
from county.moves import still_in_township
from county.person_keys import keyed_select, person_keys_of
from county.projects.models import VillageProject
from county.projects.wire import OWN_VILLAGE as OWN_VILLAGE_PROJECTS
from county.projects.wire import project_record
from county.scope import TerminalScope
from sync.protocol import (
    BenefitItemRecord,
    ChangesPage,
    ComplaintProgress,
    ComplaintReply,
    ErrorCode,
    HouseholdMemberRecord,
    NoticeRecord,
    PaymentRecord,
    PowerRecord,
    RollEntryRecord,
    SettingRecord,
    Tombstone,
)
from sync.protocol.records import Entity

__all__ = [
    "CursorError",
    "build_page",
    "cursor_value",
    "effective_settings",
    "parse_cursor",
    "record_of",
]


class CursorError(CountyError, ValueError):
    """A cursor this server never handed out."""

    code = ErrorCode.CURSOR_INVALID


def parse_cursor(text: str | None, *, current: int) -> int:
    """The seq a cursor stands for (``None``/empty → 0).

    Raises :class:`CursorError` for anything but a decimal in 0..current.
    """
    if not text:
        return 0
    value = cursor_value(text)
    if value is None:
        raise CursorError("cursor is not one this server gave out")
    if value > current:
        raise CursorError("cursor is ahead of this server (was the database restored?)")
    return value


def payment_record(row: Any) -> PaymentRecord:
    """A payment row as its wire record."""
    return PaymentRecord(id=row.id, id_hash=row.id_hash, household_id=row.household_id,
                         item_code=row.item_code, period=row.period, amount_fen=row.amount_fen,
                         paid_on=row.paid_on, status=row.status, department=row.department,
                         fund_source=row.fund_source, batch=row.batch,
                         updated_at=row.updated_at)


def member_record(row: Any) -> HouseholdMemberRecord:
    """A household_member row as its wire record."""
    return HouseholdMemberRecord(id_hash=row.id_hash, household_id=row.household_id,
                                 updated_at=row.updated_at)


def item_record(row: Any) -> BenefitItemRecord:
    """A benefit_item row as its wire record."""
    return BenefitItemRecord(code=row.code, name=row.name, category=row.category,
                             department=row.department, scope=row.scope,
                             standard=row.standard, policy=row.policy,
                             updated_at=row.updated_at)


def notice_record(row: Any) -> NoticeRecord:
    """A notice row as its wire record."""
    return NoticeRecord(id=row.id, kind=row.kind, title=row.title, body=row.body,
                        scope=row.scope, published_on=row.published_on,
                        expires_on=row.expires_on, updated_at=row.updated_at)


def roll_record(row: Any) -> RollEntryRecord:
    """A live roll_entry row as its wire record (no id_hash, no ID number)."""
    return RollEntryRecord(id=row.id, item_code=row.item_code, name=row.name,
                           amount_fen=row.amount_fen, period=row.period,
                           village_group=row.village_group, household_size=row.household_size,
                           paid_on=row.paid_on, public_until=row.public_until,
                           updated_at=row.updated_at)


def power_record(row: Any) -> PowerRecord:
    """A power row as its wire record."""
    return PowerRecord(code=row.code, name=row.name, position=row.position, body=row.body,
                       updated_at=row.updated_at)


def reply_record(row: Any) -> ComplaintReply:
    """A replied complaint as the reply record its terminal receives."""
    return ComplaintReply(server_id=complaint_server_id(row.id), ticket_no=row.ticket_no,
                          idempotency_key=row.idempotency_key, reply_text=row.reply_text or "",
                          reply_at=row.reply_at)


def progress_record(row: Any) -> ComplaintProgress:
    """A terminal's complaint as the progress record it receives: the step dates of the
    current round (a reopened complaint starts its 办理 / 答复 / 办结 again)."""
    answered = row.status in ("replied", "closed")
    return ComplaintProgress(
        server_id=complaint_server_id(row.id), ticket_no=row.ticket_no,
        idempotency_key=row.idempotency_key, status=row.status, level=row.level,
        accepted_at=row.received_at, handled_at=row.handled_at,
        replied_at=row.reply_at if answered else None,
        closed_at=row.closed_at if row.status == "closed" else None,
        reply_text=row.reply_text if answered else None,
        can_feedback=answered,
        updated_at=max(t for t in (row.received_at, row.level_since, row.handled_at,
                                   row.reply_at, row.closed_at) if t is not None))


def record_of(entity: str, row: Any) -> Any:
    """The wire record of ``row`` of the synced table ``entity``."""
    return _CONVERT[entity](row)


_CONVERT = {"payment": payment_record, "household_member": member_record,
            "benefit_item": item_record, "notice": notice_record, "complaint_reply": reply_record,
            "roll_entry": roll_record, "power": power_record,
            "ledger_entry": ledger_record, "village_project": project_record}


def effective_settings(conn: Connection, scope: TerminalScope,
                       keys: Sequence[str] | None = None) -> dict[str, SettingRecord | None]:
    """The setting values in force for this terminal, by key (None: no value any more).

    The most specific live target wins; ``version`` is the newest seq among
    the rows of that key that apply here, so it grows on every change.
    """
    query = _SETTINGS_ALL if keys is None else _SETTINGS_OF_KEYS
    rows = conn.execute(query, {**scope.params(), "keys": list(keys or ())})
    rank = {target: i for i, target in enumerate(scope.setting_targets())}
    best: dict[str, tuple[int, Any]] = {}
    version: dict[str, int] = {}
    updated: dict[str, datetime] = {}
    for row in rows:
        if row.seq > version.get(row.key, 0):
            version[row.key], updated[row.key] = row.seq, row.updated_at
        if row.deleted:
            continue
        if row.key not in best or rank[row.target] > best[row.key][0]:
            best[row.key] = (rank[row.target], row)
    out: dict[str, SettingRecord | None] = {}
    for key in version if keys is None else keys:
        if key not in version:
            continue
        if key in best:
            row = best[key][1]
            out[key] = SettingRecord(key=key, value=row.value, version=version[key],
                                     updated_at=updated[key])
        else:
            out[key] = None
    return out


@dataclass(frozen=True)
class _Hit:
    seq: int
    entity: str
    row: Row[Any]


_AFTER = bindparam("after", type_=BigInteger())
_HEAD = bindparam("head", type_=BigInteger())
_LIMIT = bindparam("limit", type_=Integer())
#: Upper bound when the caller read no head (every seq fits below it).
_NO_HEAD = 2**62
_SETTINGS_ALL = select(Setting).where(TerminalScope("", "", "", "county").settings())
_SETTINGS_OF_KEYS = _SETTINGS_ALL.where(Setting.key.in_(bindparam("keys", expanding=True)))


@functools.cache
def _page_query(entity: str, township_scope: bool, village: bool = False) -> Any:
    """The prebuilt query of one table's changes after ``:after`` (bound parameters)."""
    scope = TerminalScope("", "", "", "township" if township_scope else "county",
                          person_keys=village)
    tables: dict[str, tuple[Any, Any]] = {
        "benefit_item": (BenefitItem, None),
        "setting": (Setting, scope.settings()),
        "notice": (Notice, scope.notices()),
        "household_member": (HouseholdMember, scope.members()),
        "payment": (Payment, scope.payments()),
        "complaint_reply": (Complaint, scope.own_complaints()),  # replies and progress
        "scope_move": (ScopeMove, scope.moves_out()),
        "roll_entry": (RollEntry, scope.rolls()),
        "power": (Power, None),
        "ledger_entry": (LedgerEntry, OWN_VILLAGE),
        "village_project": (VillageProject, OWN_VILLAGE_PROJECTS),
    }
    model, condition = tables[entity]
    # Bounded by the head read before the page: every seq up to it is
    # committed, so each table's query sees the same set of changes even on
    # PostgreSQL, where each statement sees the latest commits (a change
    # committed between two of them would otherwise move the cursor past a
    # change of an earlier-queried table, or make a moved row both an upsert
    # and a tombstone in one page).
    keyed = village and entity in ("payment", "household_member")
    query = (keyed_select(model) if keyed else select(model)).where(
        model.seq > _AFTER, model.seq <= _HEAD)
    if condition is not None:
        query = query.where(condition)
    return query.order_by(model.seq).limit(_LIMIT)


_ENTITIES = ("benefit_item", "setting", "notice", "household_member", "payment",
             "complaint_reply", "roll_entry", "power", "ledger_entry",
             "village_project")


def _candidates(conn: Connection, scope: TerminalScope, after: int, head: int,
                limit: int) -> Iterator[_Hit]:
    params = {**scope.params(), "after": after, "head": head, "limit": limit + 1}
    township = scope.scope == "township" and not scope.person_keys
    moves = township or scope.person_keys
    for entity in (*_ENTITIES, "scope_move") if moves else _ENTITIES:
        query = _page_query(entity, township, scope.person_keys)
        for row in conn.execute(query, params):
            yield _Hit(row.seq, entity, row)


def build_page(conn: Connection, scope: TerminalScope, *, after: int, limit: int,
               now: datetime, head: int | None = None) -> ChangesPage:
    """The page of changes after seq ``after`` for this terminal (at most ``limit`` rows).

    Each table yields at most ``limit + 1`` candidates, so the first
    ``limit`` by seq overall are always among them. ``head`` is the counter
    as read before the page (in the same transaction).
    """
    hits = sorted(_candidates(conn, scope, after, _NO_HEAD if head is None else head, limit),
                  key=lambda h: h.seq)
    page, has_more = hits[:limit], len(hits) > limit
    lists: dict[str, list[Any]] = {name: [] for name in _CONVERT}
    tombstones: list[Tombstone] = []
    progress: list[ComplaintProgress] = []
    setting_keys: list[str] = []
    moves: dict[str, list[str]] = {}
    roll_gone: list[int] = []
    power_gone: list[str] = []
    project_gone: list[int] = []
    for hit in page:
        if hit.entity == "scope_move":
            moves.setdefault(hit.row.entity, []).append(hit.row.key)
        elif hit.entity == "setting":
            if hit.row.key not in setting_keys:
                setting_keys.append(hit.row.key)
        elif hit.entity == "complaint_reply":
            if hit.row.reply_at is not None:
                lists[hit.entity].append(reply_record(hit.row))
            progress.append(progress_record(hit.row))
        elif hit.entity == "roll_entry" and hit.row.deleted:
            roll_gone.append(hit.row.id)
        elif hit.entity == "power" and hit.row.deleted:
            power_gone.append(hit.row.code)
        elif hit.entity == "village_project" and hit.row.deleted:
            project_gone.append(hit.row.id)
        elif hit.row.deleted:
            tombstones.append(Tombstone(entity=hit.entity,  # type: ignore[arg-type]
                                        key=str(_key_of(hit.entity, hit.row))))
        else:
            lists[hit.entity].append(record_of(hit.entity, hit.row))
    tombstones += _move_tombstones(conn, scope, moves, lists, tombstones)
    settings: list[SettingRecord] = []
    for key, record in effective_settings(conn, scope, setting_keys).items():
        if record is None:
            tombstones.append(Tombstone(entity="setting", key=key))
        else:
            settings.append(record)
    cursor = page[-1].seq if page else after
    if not has_more and head is not None:
        # Caught up: every change up to ``head`` (read before the page, committed
        # in seq order) was either in this page or not for this terminal, so
        # the cursor may jump there — a township terminal's lag then reads 0.
        cursor = max(cursor, head)
    return ChangesPage(
        benefit_items=lists["benefit_item"], settings=settings, notices=lists["notice"],
        household_members=lists["household_member"], payments=lists["payment"],
        tombstones=tombstones, complaint_replies=lists["complaint_reply"],
        complaint_progress=progress, roll_entries=lists["roll_entry"],
        roll_tombstones=roll_gone, powers=lists["power"], power_tombstones=power_gone,
        ledger_entries=lists["ledger_entry"], projects=lists["village_project"],
        project_tombstones=project_gone, next_cursor=str(cursor), has_more=has_more,
        server_time=now)


_KEY_COLUMN = {"payment": "id", "notice": "id", "household_member": "id_hash",
               "benefit_item": "code", "ledger_entry": "id"}


def _key_of(entity: str, row: Any) -> object:
    return getattr(row, _KEY_COLUMN[entity])


def _move_tombstones(conn: Connection, scope: TerminalScope, moves: dict[str, list[str]],
                     lists: dict[str, list[Any]], tombstones: list[Tombstone]) -> list[Tombstone]:
    """Tombstones for rows that left this terminal's township (once per key).

    None for a row this page already carries (its upsert or tombstone is
    newer than the move) nor for one that is back in the township by now.
    """
    out: list[Tombstone] = []
    for entity in _MOVABLE:
        keys = moves.get(entity, [])
        if not keys:
            continue
        if scope.person_keys and entity == "household_member":
            # The move log holds county hashes; the village knows its people by person key.
            known = person_keys_of(conn, scope.township, scope.village, keys)
            back = still_in_township(conn, entity, list(known), scope.township)
            carried = {r.id_hash for r in lists[entity]}
            carried.update(t.key for t in tombstones if t.entity == entity)
            out += [Tombstone(entity=entity, key=known[k]) for k in dict.fromkeys(keys)
                    if k in known and k not in back and known[k] not in carried]
            continue
        column = _KEY_COLUMN[entity]
        carried = {str(getattr(r, column)) for r in lists[entity]}
        carried.update(t.key for t in tombstones if t.entity == entity)
        pending = list(dict.fromkeys(k for k in keys if k not in carried))
        back = still_in_township(conn, entity, pending, scope.township)
        out += [Tombstone(entity=entity, key=k) for k in pending if k not in back]
    return out


#: Entities whose rows can move between townships (county.models.ScopeMove).
_MOVABLE: tuple[Entity, ...] = ("payment", "household_member")
