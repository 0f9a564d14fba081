"""Snapshots: cut again and again (resumed, applied whole), and redone when the county
no longer knows the terminal's cursor."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine, func, select

from kiosk.config import load_config
from kiosk.store import open_store, write_connection
from kiosk.store.models import Payment
from sync.daemon import SyncDaemon
from sync.enroll import enroll_terminal
from sync.snapshot import stage_path_for
from sync.state import update_state
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import enrollment_code, write_terminal
from syncd.faultproxy import FaultProxy


def test_cut_snapshot_resumes_from_its_last_checkpoint(
        county: LiveServer, county_engine: Engine, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    terminal = write_terminal(tmp_path / "t", read_timeout_s=1.0, request_retries=0)
    config = load_config(terminal.config)
    engine = open_store(terminal.db)
    try:
        with FaultProxy(county.port, seed=3, cut_bytes=(20_000, 250_000), stall_s=2) as proxy:
            terminal_id = enroll_terminal(config, engine, enrollment_code(county_engine),
                                          proxy.url).terminal_id
            proxy.set_faults(drop=2, reset=2, stall=1)  # every snapshot request gets cut
            daemon = SyncDaemon(config, engine)
            with caplog.at_level(logging.INFO, logger="sync"):
                for _ in range(100):
                    report = daemon.run_once()
                    if report.snapshot:
                        break
                    assert report.errors[0].code == "sync.network"
                    with engine.connect() as conn:  # the old (empty) cache stays as it was
                        assert conn.execute(select(func.count()).select_from(Payment)
                                            ).scalar_one() == 0
                assert report.snapshot
                proxy.set_faults(pass_=1)
                # The clean cycle with the default read timeout: the 1 s above (shorter
                # than a stall) could be outrun by a loaded machine's county.
                clean = replace(config, sync=replace(config.sync, read_timeout_s=30.0))
                report = SyncDaemon(clean, engine).run_once()
            assert report.ok, report.errors
        requests = [r.getMessage() for r in caplog.records
                    if "event=snapshot_request" in r.getMessage()]
        assert len(requests) >= 3, requests  # cut at least twice, resumed each time
        assert "resume=" not in requests[0]
        assert all("resume=s1." in line for line in requests[1:]), requests
        assert not stage_path_for(terminal.db).exists()
        assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
    finally:
        engine.dispose()


def test_cursor_the_county_no_longer_knows_means_a_fresh_snapshot(
        county: LiveServer, county_engine: Engine, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    terminal = write_terminal(tmp_path / "t")
    config = load_config(terminal.config)
    engine = open_store(terminal.db)
    try:
        terminal_id = enroll_terminal(config, engine, enrollment_code(county_engine),
                                      county.url).terminal_id
        daemon = SyncDaemon(config, engine)
        assert daemon.run_once().ok
        with write_connection(engine) as conn:  # as if the county restored an old backup
            update_state(conn, cursor="999999999")
        with caplog.at_level(logging.INFO, logger="sync"):
            report = daemon.run_once()
        assert report.ok and report.snapshot, report.errors
        assert any("event=cursor_refused cursor=999999999" in r.getMessage()
                   for r in caplog.records)
        assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
    finally:
        engine.dispose()
