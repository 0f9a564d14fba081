"""`kiosk sync status` reads the cache with plain sqlite3, read-only (issue 20: start-up time).

The fast reader must say exactly what the SQLAlchemy reader the daemon uses
says, and never create or change the file it looks at.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from kiosk.cachefile import CacheFileError
from kiosk.settings import pushed_values
from kiosk.store import write_connection
from sync.state import read_status, update_state
from sync.status_file import read_status_file


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_status_as_the_daemons_reader(seeded_db: Path, seeded_engine: Engine) -> None:
    with write_connection(seeded_engine) as conn:
        update_state(conn, cursor="4711", data_as_of=datetime(2026, 12, 3, 10, tzinfo=UTC),
                     last_attempt_at=datetime(2026, 12, 4, 1, 0, 0, 123456, tzinfo=UTC),
                     last_success_at=datetime(2026, 12, 4, 0, 59, tzinfo=UTC),
                     last_error="断网 \x1b[31m", last_error_code="sync.network",
                     last_heartbeat_at=datetime(2026, 12, 4, 1, tzinfo=UTC),
                     settings_version=7, release_available="1.4.0")
        conn.execute(text("INSERT INTO setting (key, value, version, updated_at) VALUES "
                          "('ui.idle_seconds', '90', 3, '2026-12-01 00:00:00'), "
                          "('no.such_key', '1', 5, '2026-12-01 00:00:00'), "
                          "('ui.countdown_seconds', 'many', 4, '2026-12-01 00:00:00')"))
        for n, delivery in enumerate(("pending", "pending", "rejected", "sent")):
            conn.execute(text(
                "INSERT INTO complaint (ticket_no, idempotency_key, category, text, anonymous, "
                "created_at, delivery, attempts) VALUES (:t, :k, 'other', '路灯坏了', 1, "
                "'2026-12-03 08:00:00.000000', :d, 0)"), {"t": f"T1-{n}", "k": f"k{n}",
                                                        "d": delivery})
    expected = (read_status(seeded_engine), pushed_values(seeded_engine))
    seeded_engine.dispose()
    before = _digest(seeded_db)
    status, pushed = read_status_file(seeded_db)
    assert (status, pushed) == expected
    assert status.outbox_depth == 2 and status.outbox_rejected == 1
    assert status.last_attempt_at == datetime(2026, 12, 4, 1, 0, 0, 123456, tzinfo=UTC)
    assert pushed == {"ui.idle_timeout_s": 90}
    assert _digest(seeded_db) == before


def test_a_fresh_cache_has_no_state(empty_engine: Engine) -> None:
    path = Path(str(empty_engine.url.database))
    status, pushed = read_status_file(path)
    assert (status, pushed) == (read_status(empty_engine), {})
    assert status.cursor is None and status.last_success_at is None


def test_a_missing_cache_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "var" / "kiosk.db"
    with pytest.raises(CacheFileError, match=r"not at schema .*kiosk db upgrade"):
        read_status_file(path)
    assert not (tmp_path / "var").exists()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(CacheFileError, match=r"cannot read database .*not a database") as info:
        read_status_file(path)
    assert info.value.code == "store.unavailable"


def test_an_old_schema_is_refused(empty_engine: Engine) -> None:
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    with pytest.raises(CacheFileError, match="not at schema"):
        read_status_file(Path(str(empty_engine.url.database)))
