"""Payees kept for acting on leads: names and ID numbers encrypted at rest (county/payees.py)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update

from county.collision.models import Person
from county.console.audit import list_audit
from county.db import open_county_db
from county.importer import ImportOptions, import_payments
from county.payees import (
    KEY_ENV,
    SERVICE_STATE,
    KeyFileError,
    key_path,
    load_vault,
    masked_people,
    reveal,
)
from county.state import lookup_key
from kiosk.identity import id_hash

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
LONG = "43122619560322079X"


@pytest.fixture
def engine(county_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A fresh county with the payments of county_payments_utf8bom.csv imported."""
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "keys" / "county-id.key"))
    eng = open_county_db(county_url)
    result = import_payments(eng, DATA / "county_payments_utf8bom.csv",
                             ImportOptions(skip_bad=True, reject_file=tmp_path / "r.csv"),
                             now=NOW)
    assert result.imported
    yield eng
    eng.dispose()


def _hash(engine: Engine, number: str) -> str:
    with engine.connect() as conn:
        return id_hash(lookup_key(conn), number)


def test_import_keeps_payee_encrypted_and_masked(engine: Engine, tmp_path: Path) -> None:
    who = _hash(engine, LONG)
    with engine.connect() as conn:
        row = conn.execute(select(Person).where(Person.id_hash == who)).one()
        dump = "\n".join(str(v) for r in conn.execute(text("SELECT * FROM person")) for v in r)
        people = masked_people(conn, load_vault(str(engine.url)), [who])
    assert row.masked_id == "4312**********079X"
    # Neither the number (either case of x) nor the name is stored in the clear.
    assert LONG not in dump and LONG.lower() not in dump and "龙德贵" not in dump
    assert people[who].name == "龙德贵" and people[who].masked_id == "4312**********079X"
    key = tmp_path / "keys" / "county-id.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32


def test_reveal_only_for_inspector_and_audited(engine: Engine) -> None:
    who = _hash(engine, LONG)
    vault = load_vault(str(engine.url))
    for role in ("viewer", "township", "department", "it"):
        with pytest.raises(PermissionError):
            reveal(engine, vault, who, actor="x", role=role, reason="核查", address="cli", now=NOW)
    with pytest.raises(ValueError, match="reason"):
        reveal(engine, vault, who, actor="纪委张", role="inspector", reason=" ", address="cli",
               now=NOW)
    assert list_audit(engine, action="id.reveal") == []
    number = reveal(engine, vault, who, actor="纪委张", role="inspector", reason="线索 12 核查",
                    address="cli", now=NOW)
    assert number == LONG
    entries = list_audit(engine, action="id.reveal")
    assert [(e.actor, e.target) for e in entries] == [("纪委张", "4312**********079X")]
    assert "线索 12 核查" in entries[0].after and LONG not in entries[0].after


def test_ciphertext_bound_to_its_row(engine: Engine) -> None:
    """A sealed number copied onto another person's row does not decrypt there."""
    long_hash = _hash(engine, LONG)
    other = _hash(engine, "431226195903224821")
    with engine.begin() as conn:
        sealed = conn.execute(select(Person.id_enc).where(Person.id_hash == long_hash)).scalar()
        conn.execute(update(Person).where(Person.id_hash == other).values(id_enc=sealed))
    with pytest.raises(KeyFileError, match="does not decrypt"):
        reveal(engine, load_vault(str(engine.url)), other, actor="a", role="inspector",
               reason="r", address="cli", now=NOW)


def test_key_file_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV)
    url = f"sqlite:///{tmp_path / 'db' / 'county.db'}"
    assert key_path(url) == tmp_path / "db" / "county-id.key"
    first = load_vault(url)
    assert load_vault(url) == first  # created once, then read
    path = key_path(url)
    os.chmod(path, 0o640)
    with pytest.raises(KeyFileError, match="readable by others"):
        load_vault(url)
    os.chmod(path, 0o600)
    path.write_bytes(b"short")
    with pytest.raises(KeyFileError, match="5 bytes"):
        load_vault(url)
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(KeyFileError, match="cannot read"):
        load_vault(url)


def test_key_path_for_a_server_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV)
    url = "postgresql+psycopg://county@/county"
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    assert key_path(url) == tmp_path / "state" / "county-id.key"
    monkeypatch.delenv("STATE_DIRECTORY")
    monkeypatch.chdir(tmp_path)  # never the working directory (a USB stick, say)
    assert key_path(url) == SERVICE_STATE / "county-id.key"
    blocked = tmp_path / "a-file"
    blocked.write_text("")  # its "directory" cannot be made, even by root
    monkeypatch.setenv(KEY_ENV, str(blocked / "county-id.key"))
    with pytest.raises(KeyFileError, match="cannot create"):
        load_vault(url)
