"""The dashboard's summary tables: kept current by the change counter, not by every writer.

Every change to a payment or a household member gives the row a new ``seq``
from the county-wide counter (county/seq.py), and rows are never deleted
(withdrawn ones keep a row with ``deleted``). So the highest ``seq`` of each
table (an index lookup) says whether anything changed since the summaries
were built: :func:`refresh` rebuilds them only then, in one transaction,
stamping the seqs it saw. The console's import calls it right after an
import, so the cost is paid at import time; any other writer (`county
import`, corrections, a sync of moves) leaves a stamp behind that the next
dashboard view notices.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, Integer, cast, delete, func, insert, select, text

from county.console.models import MemberSummary, PaymentSummary
from county.models import HouseholdMember, Payment
from county.state import get_state, set_state
from county.tx import writing

__all__ = ["refresh"]

_STAMP = "console_summary_seq"
#: Serialises rebuilds on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
_LOCK_ID = 220007


def _stamp(conn: Connection) -> str:
    payments = conn.execute(select(func.max(Payment.seq))).scalar()
    members = conn.execute(select(func.max(HouseholdMember.seq))).scalar()
    return f"{payments or 0}:{members or 0}"


def refresh(engine: Engine) -> bool:
    """Rebuild the summaries if payments or members changed since; True if it rebuilt."""
    with engine.connect() as conn:
        if get_state(conn, _STAMP) == _stamp(conn):
            return False
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        stamp = _stamp(conn)
        if get_state(conn, _STAMP) == stamp:
            return False  # another process rebuilt it meanwhile
        conn.execute(delete(PaymentSummary))
        conn.execute(delete(MemberSummary))
        year = cast(func.extract("year", Payment.paid_on), Integer)
        groups = (Payment.township, Payment.village, year, Payment.item_code, Payment.department)
        conn.execute(insert(PaymentSummary).from_select(
            ["township", "village", "year", "item_code", "department", "total_fen", "payments"],
            select(*groups, func.sum(Payment.amount_fen), func.count())
            .where(Payment.deleted.is_(False), Payment.status == "paid").group_by(*groups)))
        conn.execute(insert(MemberSummary).from_select(
            ["township", "village", "people", "households"],
            select(HouseholdMember.township, HouseholdMember.village,
                   func.count(func.distinct(HouseholdMember.id_hash)),
                   func.count(func.distinct(HouseholdMember.household_id)))
            .where(HouseholdMember.deleted.is_(False))
            .group_by(HouseholdMember.township, HouseholdMember.village)))
        set_state(conn, _STAMP, stamp)
    return True
