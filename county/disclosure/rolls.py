"""Public rolls (公示花名册): which items are public, and the roll entries of each village.

A county marks an item public with a disclosure period (`county item disclose
CODE --days N | --months N`, or ``--off``). A payment of a public item is on
its village's roll from the day it is paid until ``paid_on`` + the period
(``public_until``, inclusive). :func:`refresh_rolls` brings ``roll_entry``
in line with that for a given day: new entries, changed ones (a corrected
payment, a new name) and tombstones for those whose period ended or whose
item stopped being public — each with a fresh ``seq``, so they travel to the
village's terminals through ``changes`` like any synced row.

Names come from the payee register (county/payees.py) through a callable,
so this module never holds the key. A payment whose payee has no known name
is left off the roll (a roll row without a name tells a villager nothing).

The server runs :func:`refresh_if_due` before each ``changes`` page: it does
the work at most once per day and change of the payments (a marker in
``county_state``: the day and the newest payment and roll seqs; a new
disclosure setting clears it), so a day boundary, an import or a correction
reaches terminals without a separate timer. A new name alone (a payee's name
filled in by a later import of other payments) waits for the next of those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from county.disclosure.models import ItemDisclosure, RollEntry
from county.models import BenefitItem, CountyState, Payment
from county.seq import take_seqs
from county.tx import writing
from kiosk.clock import add_months

if TYPE_CHECKING:
    from county.payees import IdVault

__all__ = ["Disclosure", "NameSource", "RefreshResult", "disclosure_end", "list_disclosures",
           "names_from", "payee_names", "refresh_if_due", "refresh_rolls", "set_disclosure"]

#: ``id_hash``es → names (those it knows); see :func:`county.payees.masked_people`.
NameSource = Callable[[Connection, list[str]], dict[str, str]]
_MARKER = "rolls_refreshed"
#: Longest disclosure period accepted (a roll is for checking recent payments).
MAX_DAYS = 3 * 366
MAX_MONTHS = 36


@dataclass(frozen=True)
class Disclosure:
    """An item's disclosure setting as `county item disclosures` shows it."""

    item_code: str
    item_name: str
    public: bool
    period_days: int
    period_months: int


@dataclass(frozen=True)
class RefreshResult:
    """What one refresh changed."""

    added: int
    changed: int
    removed: int


def disclosure_end(paid_on: date, *, days: int, months: int) -> date:
    """The last day a payment made on ``paid_on`` stays on the roll (inclusive)."""
    return add_months(paid_on, months) + timedelta(days=days)


def set_disclosure(engine: Engine, item_code: str, *, public: bool, days: int = 0,
                   months: int = 0, now: datetime) -> None:
    """Make ``item_code``'s roll public for ``days``/``months`` after each payment, or not.

    Raises ``ValueError`` for an unknown item or a period out of range
    (a public item needs a period of 1 day to :data:`MAX_MONTHS` months).
    The rolls change on the next refresh (the next ``changes`` request).
    """
    if public and not (0 <= days <= MAX_DAYS and 0 <= months <= MAX_MONTHS
                       and days + months > 0):
        raise ValueError(f"a public roll needs a period of 1–{MAX_DAYS} days or "
                         f"1–{MAX_MONTHS} months")
    with writing(engine) as conn:
        known = conn.execute(select(BenefitItem.code).where(
            BenefitItem.code == item_code, BenefitItem.deleted.is_(False))).first()
        if known is None:
            raise ValueError(f"no catalogue item {item_code!r} (see `county item list`)")
        values = {"public": public, "period_days": days if public else 0,
                  "period_months": months if public else 0, "updated_at": now}
        if conn.execute(update(ItemDisclosure).where(ItemDisclosure.item_code == item_code)
                        .values(**values)).rowcount == 0:
            conn.execute(insert(ItemDisclosure).values(item_code=item_code, **values))
        _forget_marker(conn)


def list_disclosures(engine: Engine) -> list[Disclosure]:
    """Every item with a disclosure setting, by code."""
    query = (select(ItemDisclosure.item_code, BenefitItem.name, ItemDisclosure.public,
                    ItemDisclosure.period_days, ItemDisclosure.period_months)
             .join(BenefitItem, BenefitItem.code == ItemDisclosure.item_code, isouter=True)
             .order_by(ItemDisclosure.item_code))
    with engine.connect() as conn:
        return [Disclosure(code, name or "", public, days, months)
                for code, name, public, days, months in conn.execute(query)]


def _wanted(conn: Connection, today: date) -> dict[int, tuple[dict[str, object], str]]:
    """Payment id → (roll values without the name, payee id_hash) for ``today``."""
    out: dict[int, tuple[dict[str, object], str]] = {}
    settings = conn.execute(select(ItemDisclosure).where(ItemDisclosure.public.is_(True))).all()
    for s in settings:
        # Payments older than the whole period cannot be on the roll: the index-friendly bound.
        earliest = today - timedelta(days=s.period_days + 31 * s.period_months + 1)
        rows = conn.execute(select(
            Payment.id, Payment.id_hash, Payment.township, Payment.village, Payment.item_code,
            Payment.amount_fen, Payment.period, Payment.village_group, Payment.household_size,
            Payment.paid_on).where(
            Payment.item_code == s.item_code, Payment.deleted.is_(False),
            Payment.status == "paid", Payment.village != "", Payment.paid_on >= earliest,
            Payment.paid_on <= today))
        for r in rows:
            until = disclosure_end(r.paid_on, days=s.period_days, months=s.period_months)
            if until < today:
                continue
            out[r.id] = ({"township": r.township, "village": r.village,
                          "item_code": r.item_code, "amount_fen": r.amount_fen,
                          "period": r.period, "village_group": r.village_group or "",
                          "household_size": r.household_size, "paid_on": r.paid_on,
                          "public_until": until}, r.id_hash)
    return out


_COMPARED = ("township", "village", "item_code", "name", "amount_fen", "period",
             "village_group", "household_size", "paid_on", "public_until")


def refresh_rolls(conn: Connection, *, today: date, now: datetime,
                  names: NameSource) -> RefreshResult:
    """Bring ``roll_entry`` in line with the public items and payments as of ``today``
    (in the caller's write transaction); returns what changed."""
    wanted = _wanted(conn, today)
    known = names(conn, sorted({who for _, who in wanted.values()}))
    existing = {r.id: r for r in conn.execute(select(RollEntry))}
    upserts: list[dict[str, object]] = []
    fresh: list[dict[str, object]] = []
    placed: set[int] = set()
    for pid, (values, who) in wanted.items():
        old = existing.get(pid)
        name = known.get(who) or (old.name if old is not None and not old.deleted else "")
        if not name:
            continue
        placed.add(pid)
        row = {**values, "name": name[:60]}
        if old is None:
            fresh.append({"id": pid, **row})
        elif old.deleted or any(getattr(old, k) != row[k] for k in _COMPARED):
            upserts.append({"id": pid, **row})
    gone = [pid for pid, r in existing.items() if not r.deleted and pid not in placed]
    total = len(fresh) + len(upserts) + len(gone)
    if total:
        seq = take_seqs(conn, total)
        if fresh:
            conn.execute(insert(RollEntry), [
                {**row, "seq": seq + i, "deleted": False, "updated_at": now}
                for i, row in enumerate(fresh)])
            seq += len(fresh)
        for row in upserts:
            conn.execute(update(RollEntry).where(RollEntry.id == row["id"]).values(
                **{k: v for k, v in row.items() if k != "id"}, seq=seq, deleted=False,
                updated_at=now))
            seq += 1
        if gone:  # the tombstones keep no name
            conn.execute(update(RollEntry).where(RollEntry.id == bindparam("pid")).values(
                name="", seq=bindparam("s"), deleted=True, updated_at=now),
                [{"pid": pid, "s": seq + i} for i, pid in enumerate(gone)])
    return RefreshResult(len(fresh), len(upserts), len(gone))


def _forget_marker(conn: Connection) -> None:
    conn.execute(update(CountyState).where(CountyState.key == _MARKER).values(value=""))
    # Moving the change counter tells every server process (county/app.py checks the
    # rolls again only when the day or the counter moved) that a refresh is due.
    take_seqs(conn)


def _marker(today: date, conn: Connection) -> str:
    """The day and the newest change of payments and roll entries: a refresh is due when
    either moved (other changes, e.g. complaint replies, leave the rolls alone; a new
    disclosure setting clears the marker)."""
    payments = conn.execute(select(func.max(Payment.seq))).scalar() or 0
    rolls = conn.execute(select(func.max(RollEntry.seq))).scalar() or 0
    return f"{today.isoformat()} {payments} {rolls}"


def refresh_if_due(engine: Engine, *, today: date, now: datetime,
                   names: NameSource) -> RefreshResult | None:
    """Refresh the rolls unless already done for ``today`` and the current data; None if
    nothing was due. Safe to call from concurrent requests (the marker row is locked)."""
    with engine.connect() as conn:
        stored = conn.execute(select(CountyState.value).where(
            CountyState.key == _MARKER)).scalar()
        if stored == _marker(today, conn):
            return None
    try:
        with writing(engine) as conn:
            stored = conn.execute(select(CountyState.value).where(
                CountyState.key == _MARKER).with_for_update()).scalar()
            if stored is None:
                conn.execute(insert(CountyState).values(key=_MARKER, value=""))
            elif stored == _marker(today, conn):
                return None
            result = refresh_rolls(conn, today=today, now=now, names=names)
            conn.execute(update(CountyState).where(CountyState.key == _MARKER)
                         .values(value=_marker(today, conn)))
            return result
    except IntegrityError:  # another request inserted the marker first and did the work
        return None


def names_from(people: Iterable[tuple[str, str]]) -> NameSource:
    """A name source over fixed ``(id_hash, name)`` pairs (the demo county's)."""
    table = dict(people)

    def source(_conn: Connection, hashes: list[str]) -> dict[str, str]:
        return {h: table[h] for h in hashes if h in table}

    return source


def payee_names(db_url: str) -> NameSource:
    """A name source over the payee register of the database at ``db_url``: names decrypted
    with its ID key file (county/payees.py). Without a key file (none made yet, or not
    readable) it knows no names, and retries the file next time."""
    from county.payees import KeyFileError, load_vault, masked_people

    found: list[IdVault] = []

    def source(conn: Connection, hashes: list[str]) -> dict[str, str]:
        if not hashes:
            return {}
        if not found:
            try:
                found.append(load_vault(db_url, create=False))
            except KeyFileError:
                return {}
        return {h: v.name for h, v in masked_people(conn, found[0], hashes).items() if v.name}

    return source
