"""The heartbeat carries the updater's last attempt to a real county server.

The updater's record (``ROOT/update-state.json``, written by StateFiles as
the installer does) and the complete versions under ``ROOT/releases`` reach
`county terminals --json` through syncd's heartbeat; the installer's
results map to the protocol's installed / refused / reverted / failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from county_server.live import LiveServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from syncd.conftest import enrollment_code

from county.cli import main as county_main
from county.db import open_county_db
from kiosk.config import load_config
from kiosk.release_dirs import VERIFIED, ReleaseDirs
from kiosk.store import open_store
from kiosk.update_state import Attempt, Result, StateFiles
from sync.client import ClientSettings, CountyClient
from sync.enroll import enroll_terminal
from sync.errors import NetworkError, SyncError
from sync.fetch_refusal import clear_refusal, last_refusal, record_refusal
from sync.heartbeat import send_heartbeat
from sync.update_report import update_report
from updater.conftest import write_update_terminal


def _attempt(result: Result, code: str, *, finished_at: str = "2026-11-22T09:30:00+00:00",
             message: str = "ui, syncd did not report 1.4.0 healthy within 120 s") -> Attempt:
    return Attempt(version="1.4.0", from_version="1.3.0", started_at="2026-11-22T09:28:00+00:00",
                   finished_at=finished_at, result=result,
                   code=code, message=message)


def _complete(root: Path, *versions: str) -> None:
    """Lay out finished version directories as ReleaseDirs recognises them (no real venv)."""
    dirs = ReleaseDirs(root)
    for version in versions:
        dirs.venv_python(version).parent.mkdir(parents=True)
        dirs.venv_python(version).write_text("")
        (dirs.path_of(version) / VERIFIED).write_text("ok\n")


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Engine]:
    engine = open_county_db(f"sqlite:///{tmp_path / 'county.db'}")
    yield engine
    engine.dispose()


def test_heartbeat_reports_the_last_attempt(tmp_path: Path, county: Engine,
                                            release_key: Ed25519PrivateKey,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    term = write_update_terminal(tmp_path / "terminal", release_key)
    _complete(term.root, "1.3.0", "1.10.0")
    (term.root / "releases" / "1.4.0.tmp").mkdir()  # half-built: not reported
    StateFiles(term.root).record(_attempt("failed", "update.unhealthy"))
    config = load_config(term.config)
    engine = open_store(term.db)
    try:
        with LiveServer(county) as server:
            enroll_terminal(config, engine, enrollment_code(county), server.url)
            token = json.loads((term.dir / "enrollment.json").read_text())["token"]
            settings = ClientSettings(connect_timeout_s=2, read_timeout_s=5, retries=0)
            with CountyClient(server.url, token, settings) as client:
                send_heartbeat(client, engine, config=config, uptime_s=5,
                               now=datetime.now(UTC))
    finally:
        engine.dispose()
    code = county_main(["terminals", "--json", "--db", str(county.url)])
    out = capsys.readouterr()
    assert code == 0, out.err
    [row] = json.loads(out.out)
    assert row["last_update"] == {
        "version": "1.4.0", "from_version": "1.3.0", "result": "reverted",
        "code": "update.unhealthy",
        "message": "ui, syncd did not report 1.4.0 healthy within 120 s",
        "finished_at": "2026-11-22T09:30:00+00:00", "installed": ["1.3.0", "1.10.0"]}


@pytest.mark.parametrize(("result", "code", "wire"), [
    ("ok", "update.ok", "installed"), ("refused", "release.bad_signature", "refused"),
    ("failed", "update.migration_failed", "reverted"),
    ("failed", "update.restart_failed", "reverted"),
    ("failed", "update.interrupted", "reverted"),
    ("failed", "update.build_failed", "failed")])
def test_installer_results_map_to_the_protocol(tmp_path: Path, result: Result, code: str,
                                               wire: str) -> None:
    StateFiles(tmp_path).record(_attempt(result, code, message="m" * 900))
    report = update_report(tmp_path)
    assert report is not None
    assert (report.result, report.code, report.installed) == (wire, code, [])
    assert len(report.message) == 500


def test_no_or_unusable_record_sends_no_report(tmp_path: Path) -> None:
    assert update_report(tmp_path) is None  # never tried
    (tmp_path / "update-state.json").write_text("{not json")
    assert update_report(tmp_path) is None
    StateFiles(tmp_path).record(_attempt("failed", "update.unhealthy",
                                         finished_at="2026-11-22T09:30:00"))  # no offset
    assert update_report(tmp_path) is None


def test_the_newer_of_roots_attempt_and_syncds_refusal_is_reported(tmp_path: Path) -> None:
    root, spool = tmp_path / "opt", tmp_path / "spool"
    root.mkdir()
    assert update_report(root, spool) is None
    StateFiles(root).record(_attempt("failed", "update.unhealthy"))
    refused = record_refusal(spool, "2.0.0", SyncError("no key", code="update.no_key"),
                             now=datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert refused is not None
    report = update_report(root, spool)
    assert report is not None
    assert (report.version, report.result, report.code, report.message) == (
        "2.0.0", "refused", "update.no_key", "no key")
    only_root = update_report(root)
    assert only_root is not None and only_root.version == "1.4.0"
    # Root's later attempt wins again; a network fault is no refusal and records nothing.
    StateFiles(root).record(_attempt("ok", "update.ok", finished_at="2026-11-24T09:30:00+00:00"))
    later = update_report(root, spool)
    assert later is not None and later.result == "installed"
    clear_refusal(spool)
    assert record_refusal(spool, "2.0.0", NetworkError("cut"), now=datetime.now(UTC)) is None
    assert last_refusal(spool) is None
