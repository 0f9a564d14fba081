"""PostgreSQL imports through COPY store exactly what the row-by-row path stores.

Two databases made from one template (same lookup key, same ID key file) get
the same sequence of imports — new payments with households and payees, a
file that supersedes some of them, a file stored already — one through
COPY (county/bulk.py), the other with ``executemany`` (``row_by_row``).
Every table is then read back whole and compared; the payees' sealed numbers
and names (random nonces) are compared decrypted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, event

from county.bulk import row_by_row
from county.db import open_county_db
from county.importer import ImportOptions, import_payments
from county.state import lookup_key
from county.tx import writing
from county_server.pgcluster import PgCluster
from county_server.table_dump import dump_tables

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = (DATA / "county_payments_utf8bom.csv", DATA / "imports" / "低保-2025年4月-误.csv",
         DATA / "imports" / "低保-2025年4月-更正.csv", DATA / "county_payments.xlsx")
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _twins(cluster: PgCluster) -> tuple[str, str]:
    """Two migrated county databases with the same lookup key."""
    template = open_county_db(cluster.create_database("copy_twin_template"))
    with writing(template) as conn:
        lookup_key(conn)
    template.dispose()
    admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in ("copy_twin_a", "copy_twin_b"):
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "copy_twin_template"')
    return cluster.url("copy_twin_a"), cluster.url("copy_twin_b")


def _import_all(engine: Engine) -> list[dict[str, Any]]:
    results = []
    for i, path in enumerate(FILES):
        result = import_payments(engine, path, ImportOptions(skip_bad=True, accept_warnings=True),
                                 now=NOW + timedelta(minutes=i))
        assert result.imported, result.as_json()
        results.append({k: v for k, v in result.as_json().items() if k != "reject_file"})
    return results


@contextlib.contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_copy_and_row_by_row_store_the_same_rows(pg_cluster: PgCluster) -> None:
    copy_url, rows_url = _twins(pg_cluster)
    by_copy, by_rows = open_county_db(copy_url), open_county_db(rows_url)
    try:
        with _statements(by_copy) as copied:
            copy_results = _import_all(by_copy)
        with _statements(by_rows) as sent, row_by_row():
            row_results = _import_all(by_rows)
        # Each path took its own way: payments and payees went in by COPY on one side only.
        for table in ("payment", "person"):
            assert not any(s.startswith(f"INSERT INTO {table} ") for s in copied), table
            assert any(s.startswith(f"INSERT INTO {table} ") for s in sent), table
        assert copy_results == row_results
        assert sum(r["new"] for r in copy_results) > 5
        assert any(r["superseded"] for r in copy_results)
        copy_tables, row_tables = dump_tables(by_copy), dump_tables(by_rows)
        assert copy_tables["payment"] and copy_tables["person"]
        assert copy_tables["household_member"]
        assert copy_tables.keys() == row_tables.keys()
        for name in copy_tables:
            assert copy_tables[name] == row_tables[name], name
    finally:
        by_copy.dispose()
        by_rows.dispose()
