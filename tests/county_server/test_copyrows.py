"""COPY lines made by the checking processes are the bytes psycopg would send itself.

county/importer/copyrows.py formats a streamed import's payments where
they are checked; these tests format the same values with psycopg's own
text COPY (written to a buffer, not sent) and compare the bytes, for plain
rows and for the characters the text format escapes; county.bulk.CopyStream
sends such lines, across pauses.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest
from psycopg.copy import FileWriter
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select

from county.bulk import CopyStream
from county.importer.copyrows import (
    NUL,
    columns,
    household_spliced,
    line_end,
    payment_fields,
    payment_line,
)
from county_server.pgcluster import PgCluster

NOW = datetime(2026, 11, 22, 8, 0, 5, 123456, tzinfo=UTC).replace(tzinfo=None)


def _fields(**changes: Any) -> tuple[Any, ...]:
    """NewPayment's fields in order (id_hash … village, id, group, household_size, note)."""
    values: dict[str, Any] = {
        "id_hash": "a" * 64, "household_id": "", "item_code": "DIBAO", "period": "",
        "amount_fen": 12345, "paid_on": date(2025, 3, 1), "status": "paid",
        "department": "县民政局", "fund_source": "中央财政", "batch": "", "township": "高村镇",
        "village": "青山村", "id": None, "group": "三组", "household_size": 3, "note": ""}
    values.update(changes)
    return tuple(values.values())


CASES = [
    pytest.param(_fields(), id="plain row"),
    pytest.param(_fields(note="备注\t有制表符", group="一\\组"), id="tab, backslash"),
    pytest.param(_fields(department="民政\n局\r", fund_source="\b\v\f"), id="line breaks"),
    pytest.param(_fields(household_size=None, township="", village=""), id="no size, no place"),
]


def _psycopg_line(cluster: PgCluster, values: list[Any]) -> bytes:
    admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
    out = io.BytesIO()
    with psycopg.connect(admin) as conn, conn.cursor() as cursor, \
            psycopg.Copy(cursor, writer=FileWriter(out)) as copy:
        copy.write_row(values)
    return out.getvalue()


@pytest.mark.parametrize("fields", CASES)
@pytest.mark.parametrize("extras", [False, True], ids=["7 columns", "with 组/保障人数/备注"])
def test_a_line_is_what_psycopg_sends(pg_cluster: PgCluster, fields: tuple[Any, ...],
                                      extras: bool) -> None:
    names = columns(extras=extras)
    by_name = dict(zip(["id_hash", "household_id", "item_code", "period", "amount_fen",
                        "paid_on", "status", "department", "fund_source", "batch", "township",
                        "village", "id", "village_group", "household_size", "note"],
                       fields, strict=True))
    by_name.update(content_key="c" * 64, import_id=7, deleted=False, updated_at=NOW, seq=901)
    want = _psycopg_line(pg_cluster, [by_name[n] for n in names])
    got = payment_line(fields, "c" * 64, extras=extras) + line_end(7, NOW) + b"901\n"
    assert got == want


@pytest.mark.parametrize("fields", CASES)
@pytest.mark.parametrize("extras", [False, True], ids=["7 columns", "with 组/保障人数/备注"])
def test_a_line_gives_its_payment_back(fields: tuple[Any, ...], extras: bool) -> None:
    line = payment_line(fields, "c" * 64, extras=extras)
    assert payment_fields(line, extras=extras) == (fields if extras else fields[:13])


def test_a_household_goes_in_its_place(pg_cluster: PgCluster) -> None:
    line = payment_line(_fields(), "c" * 64, extras=False)
    spliced = household_spliced(line, "H\tx")
    want = payment_line(_fields(household_id="H\tx"), "c" * 64, extras=False)
    assert spliced == want


def test_a_nul_is_refused_not_shifted() -> None:
    assert payment_line(_fields(note="a\x00b"), "c" * 64, extras=True) == NUL
    assert payment_line(_fields(department="a\x00b"), "c" * 64, extras=False) == NUL



_TABLE = Table("copied", MetaData(), Column("k", String(20), unique=True), Column("n", Integer))


def _lines(start: int, count: int) -> bytes:
    return b"".join(b"k%d\t%d\n" % (n, n) for n in range(start, start + count))


def test_lines_sent_across_pauses_are_all_stored(pg_cluster: PgCluster) -> None:
    engine = create_engine(pg_cluster.create_database("copy_stream_sent"))
    try:
        _TABLE.create(engine)
        with engine.connect() as conn, conn.begin():
            copy = CopyStream(conn, _TABLE, ["k", "n"])
            for start in range(0, 20_000, 2000):
                copy.send(_lines(start, 2000))
            copy.pause()  # the connection is free again: the next send opens another COPY
            copy.send(_lines(20_000, 5))
            copy.pause()
            got = conn.execute(select(func.count(), func.min(_TABLE.c.n),
                                      func.max(_TABLE.c.n))).one()
        assert tuple(got) == (20_005, 0, 20_004)
    finally:
        engine.dispose()
