"""The SQLite cache: pragmas, migrations, future and broken databases."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, insert, select

from kiosk.store import (
    FutureDatabaseError,
    StoreUnavailableError,
    alembic_head,
    current_revision,
    head_revision,
    open_store,
    write_connection,
)
from kiosk.store.models import Base, Payment
from kiosk.store.stats import store_stats


def test_pragmas(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1  # NORMAL


def test_durable_write_uses_full_sync_then_restores(empty_engine: Engine) -> None:
    with write_connection(empty_engine, durable=True) as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    for _ in range(2):
        engine = open_store(path)
        assert current_revision(engine) == head_revision()
        engine.dispose()


def test_head_revision_is_the_newest_migration(tmp_path: Path) -> None:
    # HEAD_REVISION lets `kiosk` open an up-to-date store without Alembic: it must be
    # the head of the migration scripts, and the revision an upgrade writes.
    assert head_revision() == alembic_head()
    engine = open_store(tmp_path / "k.db")
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    finally:
        engine.dispose()


def test_write_rolls_back_on_error(empty_engine: Engine) -> None:
    row = {"id": 1, "id_hash": "a" * 64, "item_code": "DIBAO", "amount_fen": 100,
           "paid_on": __import__("datetime").date(2026, 1, 1)}
    with pytest.raises(RuntimeError), write_connection(empty_engine) as conn:
        conn.execute(insert(Payment), [row])
        raise RuntimeError("power cut simulated by an exception")
    with empty_engine.connect() as conn:
        assert conn.execute(select(Payment.id)).all() == []


def test_check_constraints_refuse_bad_rows(empty_engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    row = {"id": 1, "id_hash": "a" * 64, "item_code": "DIBAO", "amount_fen": -5,
           "paid_on": __import__("datetime").date(2026, 1, 1)}
    with pytest.raises(IntegrityError), write_connection(empty_engine) as conn:
        conn.execute(insert(Payment), [row])


def _set_revision(path: Path, revision: str) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.commit()
    con.close()


def test_future_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    open_store(path).dispose()
    _set_revision(path, "9999_from_the_future")
    with pytest.raises(FutureDatabaseError, match="newer than this software knows"):
        open_store(path)
    # ... and it was left untouched.
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
        "9999_from_the_future",)
    con.close()


def test_future_database_cli_exit(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    open_store(path).dispose()
    _set_revision(path, "9999_from_the_future")
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "db", "upgrade", "--db",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "newer than this software knows" in proc.stderr
    assert "store.future_schema" in proc.stderr


def test_garbage_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    path.write_bytes(b"this is not a database" * 500)
    with pytest.raises(StoreUnavailableError, match="cannot read database"):
        open_store(path)


def test_unmigrated_store_refused_without_migrate(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailableError, match="kiosk db upgrade"):
        open_store(tmp_path / "new.db", migrate=False)


def test_stats_on_seeded_store(seeded_engine: Engine) -> None:
    stats = store_stats(seeded_engine)
    assert stats.rows["payment"] > 20_000
    assert stats.rows["household_member"] >= 900
    assert stats.rows["benefit_item"] >= 10
    assert stats.schema_revision == head_revision()
    assert stats.data_as_of is not None and stats.data_as_of.tzinfo is not None
    assert stats.file_bytes > 0
    assert stats.to_json()["rows"] == stats.rows


def test_stats_name_every_model_table(seeded_engine: Engine) -> None:
    # `kiosk db stats` lists the schema's tables (plain sqlite3): the models' tables.
    from kiosk.store.models import Base

    assert sorted(store_stats(seeded_engine).rows) == sorted(Base.metadata.tables)


def test_stats_of_a_missing_cache_create_nothing(tmp_path: Path) -> None:
    from kiosk.cachefile import CacheFileError, read_store_stats

    with pytest.raises(CacheFileError, match="kiosk db upgrade"):
        read_store_stats(tmp_path / "var" / "kiosk.db")
    assert not (tmp_path / "var").exists()
