"""Reverting to the pre-update backup: the kiosk's own rows come along, none is lost meanwhile."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from update.db_backup import Reverted, backup_database, revert_database

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


def _schema(path: Path) -> list[tuple[object, ...]]:
    return _rows(path, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")


def test_backup_comes_back_with_new_complaints_and_newer_counters(tmp_path: Path) -> None:
    backup = _db(tmp_path / "backup.db", _OLD,
                 "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'old');"
                 "INSERT INTO event VALUES ('2026-11-22', 'lookup', 3);")
    # The newer version added a column, a table and an index; the old schema keeps none.
    live = _db(tmp_path / "kiosk.db",
               _OLD.replace("text TEXT NOT NULL", "text TEXT NOT NULL, mood TEXT")
               + "CREATE TABLE extra (x); CREATE INDEX ix_mood ON complaint (mood);",
               "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'old', NULL);"
               "INSERT INTO complaint VALUES (2, 'Q-2', 'k2', 'new', 'angry');"
               "INSERT INTO event VALUES ('2026-11-22', 'lookup', 5);"
               "INSERT INTO device_status VALUES ('printer', 'paper_out');")
    steps: list[str] = []
    done = revert_database(backup, live, set_aside=tmp_path / "aside.db",
                           checkpoint=steps.append)
    assert done == Reverted(carried=1, misfit=None)
    assert steps == ["set_aside", "restored", "carried_over"]
    assert _schema(live) == _schema(backup)
    assert _rows(live, "SELECT id, ticket_no, text FROM complaint ORDER BY id") == [
        (1, "Q-1", "old"), (2, "Q-2", "new")]
    assert _rows(live, "SELECT count FROM event") == [(5,)]
    assert _rows(live, "SELECT state FROM device_status") == [("paper_out",)]
    assert _rows(tmp_path / "aside.db", "SELECT mood FROM complaint WHERE id = 2") == [
        ("angry",)]  # the live database as it was, for IT staff
    # A rerun (after a crash past the commit) ends the same.
    assert revert_database(backup, live, set_aside=tmp_path / "aside.db").carried == 1
    assert _rows(live, "SELECT id, ticket_no FROM complaint ORDER BY id") == [
        (1, "Q-1"), (2, "Q-2")]


def test_rows_that_do_not_fit_are_kept_aside_whole(tmp_path: Path) -> None:
    backup = _db(tmp_path / "backup.db", _OLD + "ALTER TABLE complaint ADD COLUMN must TEXT "
                 "NOT NULL DEFAULT 'x' CHECK (must <> 'bad');")
    live = _db(tmp_path / "kiosk.db", _OLD.replace("text TEXT NOT NULL",
                                                   "text TEXT NOT NULL, must TEXT"),
               "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'fine', 'ok');"
               "INSERT INTO complaint VALUES (2, 'Q-2', 'k2', 'no', 'bad');"
               "INSERT INTO event VALUES ('2026-11-22', 'lookup', 5);")
    done = revert_database(backup, live, set_aside=tmp_path / "aside.db")
    assert done.carried == 0 and done.misfit is not None and "do not fit" in done.misfit
    # The backup is back; of the live rows nothing (not even the one that fitted) …
    assert _schema(live) == _schema(backup)
    assert _rows(live, "SELECT count(*) FROM complaint") == [(0,)]
    assert _rows(live, "SELECT count(*) FROM event") == [(0,)]
    # … they are all in the copy set aside.
    assert _rows(tmp_path / "aside.db", "SELECT ticket_no FROM complaint ORDER BY id") == [
        ("Q-1",), ("Q-2",)]


def test_a_failure_midway_changes_nothing(tmp_path: Path) -> None:
    backup = _db(tmp_path / "backup.db", _OLD)
    live = _db(tmp_path / "kiosk.db", _OLD, "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'a');")

    def crash(step: str) -> None:
        if step == "restored":
            raise OSError("power cut")

    with pytest.raises(OSError, match="power cut"):
        revert_database(backup, live, set_aside=tmp_path / "aside.db", checkpoint=crash)
    assert _rows(live, "SELECT ticket_no FROM complaint") == [("Q-1",)]


_WRITER = r"""
import sqlite3, sys, time
db, log, stop_after = sys.argv[1], sys.argv[2], float(sys.argv[3])
end = time.monotonic() + stop_after
i = 0
with open(log, "a") as out:
    while time.monotonic() < end:
        i += 1
        conn = sqlite3.connect(db, timeout=60)
        conn.execute("INSERT INTO complaint (ticket_no, idempotency_key, text) VALUES (?, ?, ?)",
                     (f"W-{i}", f"w{i}", "filed during the revert"))
        conn.commit()  # the villager is now told "filed": it must survive
        conn.close()
        out.write(f"W-{i}\n")
        out.flush()
"""


def test_no_complaint_committed_during_the_revert_is_lost(tmp_path: Path) -> None:
    filler = "CREATE TABLE payment (id INTEGER PRIMARY KEY, blob TEXT);"
    backup = _db(tmp_path / "backup.db", _OLD + filler)
    live = _db(tmp_path / "kiosk.db", _OLD + filler)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode=WAL")
    # Big enough that copying it takes a while: the writer below gets its chances.
    conn.executemany("INSERT INTO payment (blob) VALUES (?)", (("x" * 400,) for _ in range(60_000)))
    conn.commit()
    conn.close()
    log = tmp_path / "committed.txt"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(live), str(log), "6"])
    try:
        deadline = time.monotonic() + 30
        while not log.exists() or len(log.read_text().split()) < 20:
            assert time.monotonic() < deadline, "the writer never got going"
            time.sleep(0.05)
        for _ in range(3):
            revert_database(backup, live, set_aside=tmp_path / "aside.db")
    finally:
        assert writer.wait(timeout=120) == 0
    committed = set(log.read_text().split())
    kept = {t for (t,) in _rows(live, "SELECT ticket_no FROM complaint")}
    assert committed and committed <= kept, sorted(committed - kept)[:5]


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    live = _db(tmp_path / "kiosk.db", _OLD, "INSERT INTO complaint VALUES (1, 'Q-1', 'k1', 'a');")
    live.chmod(0o600)
    backup_database(live, tmp_path / "backup" / "kiosk.db")
    assert _rows(tmp_path / "backup" / "kiosk.db", "SELECT ticket_no FROM complaint") == [
        ("Q-1",)]
    assert not (tmp_path / "backup" / "kiosk.db.part").exists()
    # Personal data: the copy is as closed as the database it copies.
    assert (tmp_path / "backup" / "kiosk.db").stat().st_mode & 0o777 == 0o600
