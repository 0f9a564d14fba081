"""Correcting what was imported: correct or withdraw a payment, revert an import batch.

Nothing is deleted: a withdrawn payment keeps its row with ``deleted = true``
(terminals get a tombstone through ``changes``), a corrected one keeps its
id with the new values (terminals get the upsert), and every change leaves a
:class:`county.models.PaymentChange` row saying who, when, why, before →
after. A later import that names the same person, item, period and
department with other values *supersedes* the stored payment the same way
(county/importer/payments.py), so a department's corrected file replaces
rows instead of adding them.

A batch revert withdraws the payments the batch added and puts back the
values of those it superseded. It is refused when a later batch changed any
of them since (revert that one first), or when a payment it superseded was
corrected by hand since (restoring would silently undo the correction).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from county.bulk import matching
from county.errors import CountyError
from county.listing_rows import BatchRow
from county.models import ImportBatch, Payment, PaymentChange
from county.payments import NewPayment, content_key
from county.seq import take_seqs
from county.tx import writing

__all__ = [
    "BatchRow",
    "ChangeEntry",
    "CorrectionError",
    "CorrectionNotFound",
    "CorrectionRefused",
    "RevertResult",
    "correct_payment",
    "find_superseded",
    "list_batches",
    "payment_history",
    "revert_batch",
    "supersede",
    "withdraw_payment",
]

#: Fields a correction can change; also what the history records.
TRACKED = ("amount_fen", "paid_on", "status", "period", "department", "fund_source", "note",
           "household_size", "deleted")


class CorrectionError(CountyError, ValueError):
    """A correction, withdrawal or revert that was not made (nothing changed)."""

    code = "correction.failed"


class CorrectionNotFound(CorrectionError):
    """No such payment or batch."""

    code = "correction.not_found"


class CorrectionRefused(CorrectionError):
    """The change would be wrong or lose information; the message says why (Chinese)."""

    code = "correction.refused"


@dataclass(frozen=True)
class ChangeEntry:
    """One history entry of a payment."""

    id: int
    payment_id: int
    action: str
    batch_id: int | None
    actor: str
    reason: str
    changed_at: datetime
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class RevertResult:
    """What a batch revert did."""

    batch: int
    withdrawn: int
    restored: int
    already_withdrawn: int


def _snapshot(row: Any) -> dict[str, Any]:
    out = {name: getattr(row, name) for name in TRACKED}
    out["paid_on"] = out["paid_on"].isoformat()
    return out


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any],
                                                                    dict[str, Any]]:
    changed = [k for k in TRACKED if before.get(k) != after.get(k)]
    return {k: before[k] for k in changed}, {k: after[k] for k in changed}


def _key_of(row: Any, values: dict[str, Any]) -> str:
    merged = {**_snapshot(row), **values}
    paid_on = merged["paid_on"]
    return content_key(NewPayment(
        id_hash=row.id_hash, household_id="", item_code=row.item_code, period=merged["period"],
        amount_fen=merged["amount_fen"],
        paid_on=paid_on if isinstance(paid_on, date) else date.fromisoformat(paid_on)))


def _freed_key(payment_id: int) -> str:
    """A content key no import can produce: a reverted payment no longer blocks a re-import."""
    return hashlib.sha256(f"reverted\x1f{payment_id}".encode()).hexdigest()


def _apply(conn: Connection, row: Any, values: dict[str, Any], *, action: str, seq: int,
           batch_id: int | None, actor: str, reason: str, now: datetime,
           key: str | None = None) -> None:
    """Update one payment to ``values`` with a fresh seq and record the change."""
    before = _snapshot(row)
    after = {**before, **{k: (v.isoformat() if isinstance(v, date) else v)
                          for k, v in values.items()}}
    old, new = _diff(before, after)
    stored = {k: (date.fromisoformat(v) if k == "paid_on" and isinstance(v, str) else v)
              for k, v in values.items()}
    if key is None and not after["deleted"]:
        key = _key_of(row, stored)
    conn.execute(update(Payment).where(Payment.id == row.id).values(
        **stored, **({"content_key": key} if key is not None else {}), seq=seq,
        updated_at=now))
    conn.execute(insert(PaymentChange).values(
        payment_id=row.id, action=action, batch_id=batch_id, actor=actor, reason=reason,
        changed_at=now, before=json.dumps(old, ensure_ascii=False),
        after=json.dumps(new, ensure_ascii=False)))


def _payment(conn: Connection, payment_id: int) -> Any:
    row = conn.execute(select(Payment).where(Payment.id == payment_id)).first()
    if row is None:
        raise CorrectionNotFound(f"没有编号为 {payment_id} 的付款")
    return row


def _need_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise CorrectionRefused("必须写明原因（--reason）")
    return reason


def correct_payment(engine: Engine, payment_id: int, *, reason: str, actor: str,
                    now: datetime, amount_fen: int | None = None,
                    paid_on: date | None = None, status: str | None = None,
                    period: str | None = None) -> ChangeEntry:
    """Give a stored payment new values (any of amount, date, status, period).

    Terminals receive the payment with the new values at their next sync.
    Raises :class:`CorrectionNotFound`, or :class:`CorrectionRefused` for a
    withdrawn payment, no change, a bad value, or a result identical to
    another stored payment.
    """
    reason = _need_reason(reason)
    values: dict[str, Any] = {k: v for k, v in (("amount_fen", amount_fen), ("paid_on", paid_on),
                                                ("status", status), ("period", period))
                              if v is not None}
    if amount_fen is not None and amount_fen <= 0:
        raise CorrectionRefused("金额必须大于零；要撤销这笔付款请用 withdraw")
    if status is not None and status not in ("paid", "pending", "returned"):
        raise CorrectionRefused("状态只能是 paid / pending / returned")
    if paid_on is not None and paid_on > now.date():
        raise CorrectionRefused(f"发放日期 {paid_on} 在今天之后")
    with writing(engine) as conn:
        row = _payment(conn, payment_id)
        if row.deleted:
            raise CorrectionRefused(f"付款 {payment_id} 已撤销，不能再更正")
        if not values or all(getattr(row, k) == v for k, v in values.items()):
            raise CorrectionRefused("没有要改的内容（给出 --amount、--paid-on、--status 或 "
                                    "--period 的新值）")
        key = _key_of(row, values)
        other = conn.execute(select(Payment.id).where(Payment.content_key == key,
                                                      Payment.id != row.id)).first()
        if other is not None:
            raise CorrectionRefused(f"更正后与付款 {other.id} 完全相同；请改为撤销其中一笔")
        _apply(conn, row, values, action="correct", seq=take_seqs(conn), batch_id=None,
               actor=actor, reason=reason, now=now, key=key)
    return payment_history(engine, payment_id)[-1]


def withdraw_payment(engine: Engine, payment_id: int, *, reason: str, actor: str,
                     now: datetime) -> ChangeEntry:
    """Withdraw a payment that was never made: terminals get a tombstone at their next sync.

    Raises :class:`CorrectionNotFound`, or :class:`CorrectionRefused` when it
    is withdrawn already.
    """
    reason = _need_reason(reason)
    with writing(engine) as conn:
        row = _payment(conn, payment_id)
        if row.deleted:
            raise CorrectionRefused(f"付款 {payment_id} 已经撤销过了")
        _apply(conn, row, {"deleted": True}, action="withdraw", seq=take_seqs(conn),
               batch_id=None, actor=actor, reason=reason, now=now, key=row.content_key)
    return payment_history(engine, payment_id)[-1]


def revert_batch(engine: Engine, batch_id: int, *, reason: str, actor: str,
                 now: datetime) -> RevertResult:
    """Undo an import batch: withdraw what it added, restore what it superseded.

    Raises :class:`CorrectionNotFound` for an unknown batch and
    :class:`CorrectionRefused` when the batch is reverted already or later
    changes depend on it (the message names the payments and batches).
    """
    reason = _need_reason(reason)
    with writing(engine) as conn:
        batch = conn.execute(select(ImportBatch).where(ImportBatch.id == batch_id)).first()
        if batch is None:
            raise CorrectionNotFound(f"没有第 {batch_id} 批导入")
        if batch.reverted_at is not None:
            raise CorrectionRefused(f"第 {batch_id} 批已于 {batch.reverted_at:%Y-%m-%d %H:%M} "
                                    f"撤销（{batch.reverted_by}：{batch.revert_reason}）")
        added = conn.execute(select(Payment).where(Payment.import_id == batch_id)).all()
        own = conn.execute(select(PaymentChange).where(PaymentChange.batch_id == batch_id,
                                                       PaymentChange.action == "supersede")
                           ).all()
        _refuse_if_changed_since(conn, batch_id, added, own)
        superseded = {c.payment_id: c for c in own}
        rows = {r.id: r for r in conn.execute(select(Payment).where(
            Payment.id.in_(list(superseded) or [-1]))).all()}
        live = [r for r in added if not r.deleted]
        seq = take_seqs(conn, len(live) + len(rows)) if live or rows else 0
        for i, row in enumerate(live):
            _apply(conn, row, {"deleted": True}, action="revert", seq=seq + i, batch_id=batch_id,
                   actor=actor, reason=reason, now=now, key=_freed_key(row.id))
        for r in added:
            if r.deleted:  # withdrawn by hand before: it too no longer blocks a re-import
                conn.execute(update(Payment).where(Payment.id == r.id)
                             .values(content_key=_freed_key(r.id)))
        for i, (pid, row) in enumerate(rows.items(), start=len(live)):
            _apply(conn, row, json.loads(superseded[pid].before), action="revert", seq=seq + i,
                   batch_id=batch_id, actor=actor, reason=reason, now=now)
        conn.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(
            reverted_at=now, reverted_by=actor, revert_reason=reason))
    return RevertResult(batch_id, len(live), len(rows), len(added) - len(live))


def _refuse_if_changed_since(conn: Connection, batch_id: int, added: Sequence[Any],
                             own: Sequence[Any]) -> None:
    since = {r.id: 0 for r in added}
    since.update({c.payment_id: c.id for c in own})
    later: list[str] = []
    by_hand: list[str] = []
    ids = list(since)
    changes: list[Any] = []
    for start in range(0, len(ids), 900):
        changes += conn.execute(select(PaymentChange).where(
            PaymentChange.payment_id.in_(ids[start:start + 900]))).all()
    # A later batch's supersede that was itself reverted since no longer stands.
    undone = {(c.payment_id, c.batch_id) for c in changes if c.action == "revert"}
    for c in changes:
        if c.id <= since[c.payment_id] or c.batch_id == batch_id:
            continue
        if c.action == "supersede" and (c.payment_id, c.batch_id) not in undone:
            later.append(f"付款 {c.payment_id}（第 {c.batch_id} 批）")
        elif c.action == "correct" and since[c.payment_id]:
            by_hand.append(f"付款 {c.payment_id}（{c.actor}：{c.reason}）")
    if later:
        raise CorrectionRefused(f"第 {batch_id} 批之后的导入又更正了其中的付款："
                                f"{'、'.join(sorted(set(later))[:10])}；请先撤销后来的批次")
    if by_hand:
        raise CorrectionRefused(f"第 {batch_id} 批替换过的付款后来又被人工更正："
                                f"{'、'.join(sorted(set(by_hand))[:10])}；撤销会抹掉这些更正，"
                                "请逐笔处理")


def find_superseded(conn: Connection, fresh: Sequence[NewPayment]) -> dict[int, Any]:
    """Index in ``fresh`` → the live stored payment it supersedes.

    A fresh payment (content not stored) supersedes a stored one with the
    same person, item, period (not empty) and department when exactly one
    such payment is stored and no other row of the file has that key too.
    """
    wanted: dict[tuple[str, str, str, str], list[int]] = {}
    for index, p in enumerate(fresh):
        if p.period:
            wanted.setdefault((p.id_hash, p.item_code, p.period, p.department), []).append(index)
    if not wanted:
        return {}
    hashes = sorted({k[0] for k in wanted})
    stored: dict[tuple[str, str, str, str], list[Any]] = {}
    for where in matching(conn, Payment.id_hash, hashes):
        for row in conn.execute(select(Payment).where(where, Payment.deleted.is_(False))):
            stored.setdefault((row.id_hash, row.item_code, row.period, row.department),
                              []).append(row)
    return {indexes[0]: stored[key][0] for key, indexes in wanted.items()
            if len(indexes) == 1 and len(stored.get(key, ())) == 1}


def supersede(conn: Connection, pairs: Sequence[tuple[Any, NewPayment]], *, batch_id: int,
              actor: str, now: datetime) -> int:
    """Replace stored payments' values with a later file's (in the caller's transaction)."""
    if not pairs:
        return 0
    seq = take_seqs(conn, len(pairs))
    for i, (row, p) in enumerate(pairs):
        values = {"amount_fen": p.amount_fen, "paid_on": p.paid_on, "status": p.status,
                  "fund_source": p.fund_source, "note": p.note,
                  "household_size": p.household_size}
        _apply(conn, row, values, action="supersede", seq=seq + i, batch_id=batch_id,
               actor=actor, reason="", now=now, key=content_key(p))
    return len(pairs)


def payment_history(engine: Engine, payment_id: int) -> list[ChangeEntry]:
    """Every change of a payment, oldest first (empty if it was never changed)."""
    with engine.connect() as conn:
        rows = conn.execute(select(PaymentChange).where(PaymentChange.payment_id == payment_id)
                            .order_by(PaymentChange.id)).all()
    return [ChangeEntry(r.id, r.payment_id, r.action, r.batch_id, r.actor, r.reason,
                        r.changed_at, json.loads(r.before), json.loads(r.after)) for r in rows]




def list_batches(engine: Engine) -> list[BatchRow]:
    """Every import batch, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(ImportBatch).order_by(ImportBatch.id.desc())).all()
    return [BatchRow(r.id, r.file_name, r.imported_at, r.imported_by, r.rows_total, r.rows_new,
                     r.rows_superseded, r.rows_rejected, r.reverted_at, r.reverted_by,
                     r.revert_reason) for r in rows]
