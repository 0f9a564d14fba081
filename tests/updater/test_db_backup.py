"""Carrying the kiosk's own rows from an abandoned database into a restored one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sync.db_backup import CarryOverError, backup_database, carry_over

_OLD = """
CREATE TABLE complaint (id INTEGER PRIMARY KEY, ticket_no TEXT UNIQUE NOT NULL,
                        idempotency_key TEXT UNIQUE NOT NULL, text TEXT NOT NULL);
CREATE TABLE event (day TEXT, kind TEXT, count INTEGER, PRIMARY KEY (day, kind));
CREATE TABLE device_status (device TEXT PRIMARY KEY, state TEXT);
"""


def _db(path: Path, script: str, rows: str = "") -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(script + rows)
    conn.commit()
    conn.close()
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_new_complaints_and_newer_counters_come_back(tmp_path: Path) -> None:
    restored = _db(tmp_path / "kiosk.db", _OLD,
                   "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'old');"
                   "INSERT INTO event VALUES ('2026-11-22', 'lookup', 3);")
    # The newer version added a column; the old schema simply does not keep it.
    abandoned = _db(tmp_path / "abandoned.db",
                    _OLD.replace("text TEXT NOT NULL", "text TEXT NOT NULL, mood TEXT"),
                    "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'old', NULL);"
                    "INSERT INTO complaint VALUES (2, 'Q-2', 'k2', 'new', 'angry');"
                    "INSERT INTO event VALUES ('2026-11-22', 'lookup', 5);"
                    "INSERT INTO device_status VALUES ('printer', 'paper_out');")
    assert carry_over(abandoned, restored) == 1
    assert _rows(restored, "SELECT id, ticket_no, text FROM complaint ORDER BY id") == [
        (1, "Q-1", "old"), (2, "Q-2", "new")]
    assert _rows(restored, "SELECT count FROM event") == [(5,)]
    assert _rows(restored, "SELECT state FROM device_status") == [("paper_out",)]
    assert carry_over(abandoned, restored) == 0  # a rerun after a crash adds nothing twice


def test_rows_that_do_not_fit_fail_whole(tmp_path: Path) -> None:
    restored = _db(tmp_path / "kiosk.db", _OLD + "ALTER TABLE complaint ADD COLUMN must TEXT "
                   "NOT NULL DEFAULT 'x' CHECK (must <> 'bad');")
    abandoned = _db(tmp_path / "abandoned.db", _OLD.replace("text TEXT NOT NULL",
                                                            "text TEXT NOT NULL, must TEXT"),
                    "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'fine', 'ok');"
                    "INSERT INTO complaint VALUES (2, 'Q-2', 'k2', 'no', 'bad');"
                    "INSERT INTO event VALUES ('2026-11-22', 'lookup', 5);")
    with pytest.raises(CarryOverError, match="do not fit"):
        carry_over(abandoned, restored)
    # All or nothing: not even the row that fitted, nor the counters.
    assert _rows(restored, "SELECT count(*) FROM complaint") == [(0,)]
    assert _rows(restored, "SELECT count(*) FROM event") == [(0,)]


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    live = _db(tmp_path / "kiosk.db", _OLD, "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'a');")
    backup_database(live, tmp_path / "backup" / "kiosk.db")
    assert _rows(tmp_path / "backup" / "kiosk.db", "SELECT ticket_no FROM complaint") == [
        ("Q-1",)]
    assert not (tmp_path / "backup" / "kiosk.db.part").exists()
