"""One SQLite connection setup for the terminal's cache and the county's database (issue 21)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from county.db import create_county_engine, open_county_db
from kiosk.store import StoreUnavailableError, open_store
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


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("which", ["terminal", "county"])
def test_databases_and_their_wal_files_are_owner_only_whatever_the_umask(
        tmp_path: Path, which: str) -> None:
    # Issue 14: county.db holds the lookup key and the payees; the cache, people's money.
    path = tmp_path / "x.db"
    old = os.umask(0)
    try:
        engine = (open_store(path) if which == "terminal"
                  else open_county_db(f"sqlite:///{path}"))
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS probe (x)"))
            conn.execute(text("INSERT INTO probe VALUES (1)"))
        files = sorted(p.name for p in tmp_path.iterdir())
        assert {"x.db", "x.db-wal", "x.db-shm"} <= set(files)
        assert {name: _mode(tmp_path / name) for name in files} == {
            name: 0o600 for name in files}
        engine.dispose()
    finally:
        os.umask(old)


def test_an_existing_database_readable_by_others_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "county.db"
    create_county_engine(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    engine = create_county_engine(f"sqlite:///{path}")
    assert _mode(path) == 0o600
    engine.dispose()


def test_a_planted_symlink_is_not_followed_to_create_a_file(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    (tmp_path / "kiosk.db").symlink_to(target)  # dangling: O_EXCL refuses to follow it
    with pytest.raises(StoreUnavailableError):
        open_store(tmp_path / "kiosk.db")
    assert not target.exists()
