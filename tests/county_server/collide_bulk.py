"""A generated county bulk-loaded straight into the tables (executemany on SQLite, COPY on
PostgreSQL): for counties too big to go through the importers in a test or a benchmark.
The messy-file path through the real importers is collide_data.py's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, text

from county.collision.models import BenefitStandard, ReferenceRow
from county.demo_county import STANDARDS, CountyData, iter_payments
from county.models import HouseholdMember, Payment
from county.payments import NewPayment, content_key
from county.state import set_lookup_key
from county.tx import writing
from demo.village import DEMO_LOOKUP_KEY
from kiosk.identity import id_hash

__all__ = ["NOW", "bulk_load"]

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
_CHUNK = 50_000
_PAY_COLUMNS = ("id_hash", "household_id", "item_code", "period", "amount_fen", "paid_on",
                "status", "department", "fund_source", "batch", "township", "village",
                "household_size", "content_key", "seq", "deleted", "updated_at")


def _payment_rows(data: CountyData, key: bytes) -> Iterator[dict[str, Any]]:
    hashes: dict[str, str] = {}
    for seq, p in enumerate(iter_payments(data), start=1):
        who = hashes.get(p.id_number)
        if who is None:
            who = hashes[p.id_number] = id_hash(key, p.id_number)
        new = NewPayment(who, p.household_id, p.item_code, p.period, p.amount_fen, p.paid_on,
                         p.status)
        yield {"id_hash": who, "household_id": p.household_id, "item_code": p.item_code,
               "period": p.period, "amount_fen": p.amount_fen, "paid_on": p.paid_on,
               "status": p.status, "department": "", "fund_source": "", "batch": "",
               "township": p.township, "village": p.village,
               "household_size": p.household_size, "content_key": content_key(new),
               "seq": seq, "deleted": False, "updated_at": NOW}


def _sqlite_payments(engine: Engine, data: CountyData) -> int:
    """executemany on the driver with each column's own bind processing (dates, booleans,
    UTC times as the ORM stores them), without SQLAlchemy's per-row statement handling."""
    columns = Payment.__table__.c
    process = [columns[c].type.bind_processor(engine.dialect) for c in _PAY_COLUMNS]
    sql = (f"INSERT INTO payment ({', '.join(_PAY_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_PAY_COLUMNS))})")
    count = 0
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        # The unique content_key index still takes every row in random order: keep it cached.
        cur.execute("PRAGMA cache_size = -1000000")
        cur.execute("BEGIN IMMEDIATE")  # the driver is in autocommit: SQLAlchemy begins
        chunk: list[tuple[Any, ...]] = []
        for row in _payment_rows(data, DEMO_LOOKUP_KEY):
            chunk.append(tuple(row[c] if f is None else f(row[c])
                               for c, f in zip(_PAY_COLUMNS, process, strict=True)))
            if len(chunk) >= _CHUNK:
                cur.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        cur.executemany(sql, chunk)
        count += len(chunk)
        raw.commit()
    finally:
        raw.close()
    return count


def _reference_rows(data: CountyData) -> list[dict[str, Any]]:
    refs = []
    for kind, rows in data.lists.items():
        for n, row in enumerate(rows):
            refs.append({
                "kind": kind, "id_hash": id_hash(DEMO_LOOKUP_KEY, row["身份证号"]),
                "event_on": datetime.fromisoformat(row["死亡日期"]).date()
                if "死亡日期" in row else None,
                "household_id": row.get("户号", ""), "relation": row.get("与户主关系", ""),
                "role": row.get("职务", ""), "township": row["乡镇"], "village": row["村"],
                "item_code": row.get("项目", ""), "period": row.get("期间", ""),
                "amount_fen": round(float(row["金额"]) * 100) if "金额" in row else None,
                "detail": "{}", "content_key": f"{kind}:{n}", "imported_at": NOW})
    return refs


def bulk_load(engine: Engine, data: CountyData) -> int:
    """Load the county (standards, household members, lists, payments) into a migrated
    database with the demo lookup key, ANALYZEd; returns the number of payments. The
    payment indexes are dropped for the load and built again from the model afterwards
    (the same definitions as the migrations': tests/county_server/test_db_head.py)."""
    with writing(engine) as conn:
        set_lookup_key(conn, DEMO_LOOKUP_KEY)
        conn.execute(insert(BenefitStandard), [
            {"item_code": c, "year": y, "household_size": n, "max_fen": f}
            for c, y, n, f in STANDARDS])
        conn.execute(insert(HouseholdMember), [
            {"id_hash": id_hash(DEMO_LOOKUP_KEY, p.id_number), "household_id": p.household_id,
             "township": p.township, "village": p.village, "seq": 0, "deleted": False,
             "updated_at": NOW} for p in data.people])
        conn.execute(insert(ReferenceRow), _reference_rows(data))
    # Indexes built once after the rows are in (sorted, as a restore does), not row by row.
    indexes = sorted(Payment.metadata.tables["payment"].indexes, key=lambda i: str(i.name))
    with writing(engine) as conn:
        for index in indexes:
            index.drop(conn)
    count = 0
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur, cur.copy(  # type: ignore[attr-defined]
                    f"COPY payment ({', '.join(_PAY_COLUMNS)}) FROM STDIN") as copy:
                for row in _payment_rows(data, DEMO_LOOKUP_KEY):
                    copy.write_row([row[c] for c in _PAY_COLUMNS])
                    count += 1
            raw.commit()
        finally:
            raw.close()
    else:
        count = _sqlite_payments(engine, data)
    with writing(engine) as conn:
        for index in indexes:
            index.create(conn)
    # VACUUM too on PostgreSQL: a county server's autovacuum keeps the visibility map set,
    # which index-only scans need; right after COPY it is still empty.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE"))
    return count
