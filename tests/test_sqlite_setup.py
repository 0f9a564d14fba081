"""One SQLite connection setup for the terminal's cache and the county's database (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from county.db import create_county_engine
from kiosk.store.engine import create_sqlite_engine


def _pragmas(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
                for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}


@pytest.mark.parametrize("which", ["terminal", "county"])
def test_every_connection_gets_the_pragmas(tmp_path: Path, which: str) -> None:
    path = tmp_path / "x.db"
    engine = (create_sqlite_engine(path, busy_timeout_ms=7000) if which == "terminal"
              else create_county_engine(f"sqlite:///{path}"))
    try:
        got = _pragmas(engine)
        assert got["journal_mode"] == "wal"
        assert got["foreign_keys"] == 1
        assert got["synchronous"] == 1  # NORMAL
        assert got["busy_timeout"] == (7000 if which == "terminal" else 15000)
        # BEGIN is ours: a writer can ask for IMMEDIATE and hold the write lock.
        with engine.connect() as conn, conn.execution_options(
                sqlite_begin="IMMEDIATE").begin():
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            assert conn.exec_driver_sql("SELECT 1").scalar_one() == 1
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0
    finally:
        engine.dispose()


def test_terminal_synchronous_is_a_parameter(tmp_path: Path) -> None:
    engine = create_sqlite_engine(tmp_path / "x.db", synchronous="FULL")
    try:
        assert _pragmas(engine)["synchronous"] == 2
    finally:
        engine.dispose()
