"""Running the rules: each lead stored once, vanished ones closed, leads listed for people.

A lead's ``key`` is SHA-256 of the rule's name and the rows involved (payment
ids and reference row ids, sorted): running the rules again adds nothing,
and a lead not found again (a payment withdrawn, a death record corrected)
is closed if nobody has handled it yet (``new``/``assigned``); a handled one
keeps its state. A closed lead found again opens as ``new``. With ``since``
only payments paid since that date are looked at, so nothing is closed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from county.bulk import matching
from county.collision.models import Lead, LeadEvent, ReferenceRow
from county.collision.rules import RULES, Evidence, Rule, RuleContext
from county.models import BenefitItem, Payment
from county.payees import IdVault, masked_people

__all__ = ["OPEN_STATES", "LeadPaymentView", "LeadView", "RunResult", "collide", "lead_views",
           "record_event"]

#: States of a lead nobody has decided on yet: these close when their evidence vanishes.
OPEN_STATES = ("new", "assigned")


@dataclass
class RunResult:
    """What a run found: leads in all, new ones (their ids), closed ones, per rule."""

    found: int = 0
    new_ids: list[int] = field(default_factory=list)
    closed: int = 0
    reopened: int = 0
    new_by_rule: dict[str, int] = field(default_factory=dict)
    unrelated: int = 0
    """New leads left out of ``new_ids`` as not about the batch an import is reporting on
    (anomalies already in the county that no run had stored yet)."""


@dataclass(frozen=True)
class _Found:
    rule: str
    key: str
    id_hash: str
    amount_fen: int
    payment_ids: tuple[int, ...]
    ref_ids: tuple[int, ...]


def _key(rule: str, payment_ids: Sequence[int], ref_ids: Sequence[int]) -> str:
    text = f"{rule}\x1fp:{','.join(map(str, payment_ids))}\x1fr:{','.join(map(str, ref_ids))}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def find(conn: Connection, rule: Rule, ctx: RuleContext) -> list[_Found]:
    """Run one rule; its evidence rows grouped into leads."""
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for row in conn.execute(rule.query(ctx)):
        groups[row.grp].append(Evidence(row.grp, row.id_hash, row.payment_id, row.ref_id,
                                        int(row.stake or 0)))
    out = []
    for rows in groups.values():
        payments = tuple(sorted({r.payment_id for r in rows if r.payment_id is not None}))
        refs = tuple(sorted({r.ref_id for r in rows if r.ref_id is not None}))
        out.append(_Found(rule.name, _key(rule.name, payments, refs), rows[0].id_hash,
                          rule.amount(rows), payments, refs))
    return out


def _places(conn: Connection, found: Iterable[_Found]) -> dict[int, Any]:
    ids = sorted({i for f in found for i in f.payment_ids})
    out: dict[int, Any] = {}
    for where in matching(conn, Payment.id, ids):
        for r in conn.execute(select(Payment.id, Payment.township, Payment.department,
                                     Payment.status).where(where)):
            out[r.id] = r
    return out


def _ref_towns(conn: Connection, found: Iterable[_Found]) -> dict[int, str]:
    ids = sorted({i for f in found for i in f.ref_ids})
    out: dict[int, str] = {}
    for where in matching(conn, ReferenceRow.id, ids):
        out.update((r.id, r.township) for r in conn.execute(
            select(ReferenceRow.id, ReferenceRow.township).where(where)))
    return out


def collide(conn: Connection, *, now: datetime, rules: Sequence[Rule] = RULES,
            since: date | None = None, actor: str = "") -> RunResult:
    """Run ``rules`` in the caller's (write) transaction and store what they find.

    Returns the counts and the ids of the new leads. The caller rolls back
    for a dry run.
    """
    ctx = RuleContext(conn.dialect.name, since)
    found = [f for rule in rules for f in find(conn, rule, ctx)]
    result = RunResult(found=len(found))
    names = [r.name for r in rules]
    stored = {r.key: (r.id, r.status) for r in conn.execute(
        select(Lead.key, Lead.id, Lead.status).where(Lead.rule.in_(names)))}
    fresh = [f for f in found if f.key not in stored]
    places = _places(conn, fresh)
    towns = _ref_towns(conn, fresh)
    new_rows = []
    for f in fresh:
        rows = [places[i] for i in f.payment_ids if i in places]
        township = next((r.township for r in rows if r.township), "") or next(
            (towns[i] for i in f.ref_ids if towns.get(i)), "")
        new_rows.append(dict(
            key=f.key, rule=f.rule, id_hash=f.id_hash, township=township,
            department=next((r.department for r in rows if r.department), ""),
            amount_fen=f.amount_fen, before_payment=any(r.status == "pending" for r in rows),
            status="new", evidence=json.dumps({"payments": f.payment_ids,
                                               "references": f.ref_ids}),
            detail="", found_at=now, assigned_to="", dismiss_reason=""))
        result.new_by_rule[f.rule] = result.new_by_rule.get(f.rule, 0) + 1
    if new_rows:  # one executemany each (a first run stores thousands), ids in order
        result.new_ids = list(conn.execute(
            insert(Lead).returning(Lead.id, sort_by_parameter_order=True), new_rows).scalars())
        conn.execute(insert(LeadEvent), [
            {"lead_id": lead_id, "at": now, "actor": actor[:60], "action": "found", "note": "",
             "amount_fen": None} for lead_id in result.new_ids])
    keys = {f.key for f in found}
    reopen = [lead_id for key, (lead_id, status) in stored.items()
              if key in keys and status == "closed"]
    close = [] if since is not None else [
        lead_id for key, (lead_id, status) in stored.items()
        if key not in keys and status in OPEN_STATES]
    # Set-based: a correction that clears a thousand leads is one UPDATE (per chunk of ids)
    # and one executemany of their events, not two statements per lead.
    _change(conn, reopen, values={"status": "new", "closed_at": None}, action="reopened",
            note="证据再次出现", actor=actor, now=now)
    _change(conn, close, values={"status": "closed", "closed_at": now}, action="closed",
            note="证据已不存在（数据已更正或撤回）", actor=actor, now=now)
    result.reopened, result.closed = len(reopen), len(close)
    return result


def _change(conn: Connection, lead_ids: Sequence[int], *, values: dict[str, Any],
            action: str, note: str, actor: str, now: datetime) -> None:
    """Set ``values`` on the leads ``lead_ids`` and record ``action`` on each."""
    if not lead_ids:
        return
    for where in matching(conn, Lead.id, sorted(lead_ids)):
        conn.execute(update(Lead).where(where).values(**values))
    conn.execute(insert(LeadEvent), [
        {"lead_id": lead_id, "at": now, "actor": actor[:60], "action": action, "note": note,
         "amount_fen": None} for lead_id in lead_ids])


def record_event(conn: Connection, lead_id: int, action: str, actor: str, now: datetime,
           note: str = "", amount_fen: int | None = None) -> None:
    conn.execute(insert(LeadEvent).values(lead_id=lead_id, at=now, actor=actor[:60],
                                          action=action, note=note, amount_fen=amount_fen))


@dataclass(frozen=True)
class LeadPaymentView:
    """One evidence payment as a lead shows it."""

    id: int
    item_name: str
    amount_fen: int
    paid_on: date
    status: str
    period: str


@dataclass(frozen=True)
class LeadView:
    """A lead with its person (masked) and its evidence payments."""

    id: int
    rule: str
    name: str
    masked_id: str
    township: str
    department: str
    amount_fen: int
    status: str
    before_payment: bool
    payments: tuple[LeadPaymentView, ...]
    references: tuple[int, ...]
    found_at: datetime
    assigned_to: str
    confirmed_fen: int | None
    dismiss_reason: str
    recovered_fen: int | None
    recovered_on: date | None

    def as_json(self) -> dict[str, Any]:
        """The lead as `county collide --json` prints it (the issue's shape, plus id and
        township)."""
        return {"id": self.id, "rule": self.rule,
                "person": {"name": self.name, "masked_id": self.masked_id},
                "payments": [{"item_name": p.item_name, "amount_fen": p.amount_fen,
                              "paid_on": p.paid_on.isoformat()} for p in self.payments],
                "amount_fen": self.amount_fen, "status": self.status,
                "before_payment": self.before_payment, "township": self.township}


def lead_views(conn: Connection, vault: IdVault | None, *, ids: Sequence[int] | None = None,
               rules: Sequence[str] | None = None, township: str | None = None,
               status: str | None = None, limit: int | None = None) -> list[LeadView]:
    """Leads (filtered), before-payment ones first, then by amount at stake."""
    query = select(Lead).order_by(Lead.before_payment.desc(), Lead.amount_fen.desc(), Lead.id)
    if ids is not None:
        query = query.where(Lead.id.in_(list(ids)))
    if rules:
        query = query.where(Lead.rule.in_(list(rules)))
    if township:
        query = query.where(Lead.township == township)
    if status:
        query = query.where(Lead.status == status)
    if limit is not None:
        query = query.limit(limit)
    leads = conn.execute(query).all()
    evidence = {r.id: json.loads(r.evidence) for r in leads}
    pay_ids = sorted({i for e in evidence.values() for i in e["payments"]})
    names: dict[str, str] = {r.code: r.name for r in conn.execute(
        select(BenefitItem.code, BenefitItem.name))}
    payments: dict[int, LeadPaymentView] = {}
    for where in matching(conn, Payment.id, pay_ids):
        for p in conn.execute(select(Payment.id, Payment.item_code, Payment.amount_fen,
                                     Payment.paid_on, Payment.status, Payment.period)
                              .where(where)):
            payments[p.id] = LeadPaymentView(p.id, names.get(p.item_code, p.item_code),
                                             p.amount_fen, p.paid_on, p.status, p.period)
    people = masked_people(conn, vault, [r.id_hash for r in leads])
    out = []
    for r in leads:
        who = people.get(r.id_hash)
        shown = sorted((payments[i] for i in evidence[r.id]["payments"] if i in payments),
                       key=lambda p: (p.status != "pending", p.paid_on, p.id))
        out.append(LeadView(r.id, r.rule, who.name if who else "", who.masked_id if who else "",
                            r.township, r.department, r.amount_fen, r.status, r.before_payment,
                            tuple(shown), tuple(evidence[r.id]["references"]), r.found_at,
                            r.assigned_to, r.confirmed_fen, r.dismiss_reason, r.recovered_fen,
                            r.recovered_on))
    return out
