"""`county terminals` flags a terminal silent for longer than N hours (text and ``--json``).

Real server, real heartbeats; a terminal's last heartbeat is moved into the
past in the county database, as if it had stopped reporting hours ago.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, update

from county.cli import main
from county.models import Terminal
from county.tx import writing
from county_server.conftest import auth, enroll_terminal


def _county(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _beat(http: httpx.Client, terminal: dict[str, str]) -> None:
    answer = http.post("/api/v1/heartbeat", headers=auth(terminal), json={
        "version": "1.3.0", "uptime_s": 60, "reader": "ready", "printer": "ready",
        "outbox_depth": 0, "disk_free_bytes": 2**30})
    assert answer.status_code == 200, answer.text


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict[str, Any]]:
    return {r["terminal_id"]: r for r in json.loads(_county(capsys, "terminals", "--json",
                                                            *argv))}


def _flags(text: str) -> dict[str, str]:
    """Terminal id → the flags column of `county terminals`' table."""
    lines = text.splitlines()
    assert lines[0].split()[0] == "id" and lines[0].endswith("flags")
    out = {}
    for line in lines[1:]:
        words = line.split()
        out[words[0]] = words[-1] if words[-1] in ("SILENT", "REVOKED", "REVOKED,SILENT") else ""
    return out


def test_a_terminal_silent_for_longer_than_n_hours_is_flagged(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    fresh_terminal = enroll_terminal(seeded_engine, client)
    quiet = enroll_terminal(seeded_engine, client)
    _beat(client, fresh_terminal)
    _beat(client, quiet)
    fresh = fresh_terminal["terminal_id"]
    ten_hours_ago = datetime.now(UTC) - timedelta(hours=10)
    with writing(seeded_engine) as conn:
        conn.execute(update(Terminal).where(Terminal.id == quiet["terminal_id"])
                     .values(last_heartbeat_at=ten_hours_ago))
    db = ("--db", seeded_url)

    rows = _rows(capsys, *db)  # default threshold: 6 hours
    assert rows[quiet["terminal_id"]]["silent"] is True
    assert rows[fresh]["silent"] is False
    assert datetime.fromisoformat(rows[quiet["terminal_id"]]["last_heartbeat_at"]) == \
        ten_hours_ago
    flags = _flags(_county(capsys, "terminals", *db))
    assert (flags[quiet["terminal_id"]], flags[fresh]) == ("SILENT", "")

    # A longer threshold, on the command line or in the config: no longer silent.
    rows = _rows(capsys, "--silent-hours", "12", *db)
    assert not rows[quiet["terminal_id"]]["silent"] and not rows[fresh]["silent"]
    config = tmp_path / "county.toml"
    config.write_text(f'[county]\ndb = "{seeded_url}"\nsilent_hours = 12\n')
    assert _flags(_county(capsys, "terminals", "--config", str(config)))[
        quiet["terminal_id"]] == ""
    # … and a shorter one flags the quiet terminal again.
    assert _rows(capsys, "--silent-hours", "9.5", *db)[quiet["terminal_id"]]["silent"] is True
