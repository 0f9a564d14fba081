"""The IT-staff guide's restore drill, run as written (docs/it-staff-guide.md, §9).

The guide's two command blocks are taken from the guide and run with only the
host, ports, paths and the source database changed for loopback: pg_dump of
a live county (the primary of :func:`pg_pair`), initdb + pg_ctl of a fresh
cluster, createdb + pg_restore, then `county status`, `county serve` and
`county enroll new` on the restored copy (`county serve` as its own process,
the others in this one), and a real terminal (the sync daemon's enrollment and
one cycle, in this process) syncing from it. A guide whose drill stops
working fails here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import write_terminal

from county.cli.main import main as county_main
from county.db import open_county_db
from county.notices import KINDS, add_notice
from county.seq import current_seq
from county_server.pgcluster import PgPair, scratch_dir
from county_server.serve_run import free_port
from kiosk.config import load_config
from kiosk.store import open_store
from sync.daemon import SyncDaemon
from sync.enroll import enroll_terminal
from sync.state import read_status

GUIDE = Path(__file__).parents[2] / "docs" / "it-staff-guide.md"
_REPO = Path(__file__).resolve().parents[2]


def _drill_blocks() -> tuple[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### Restore drill"):]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) >= 2, "the guide's restore drill blocks are missing"
    return blocks[0], blocks[1]


def _replace(block: str, replaced: dict[str, str]) -> str:
    for old, new in replaced.items():
        assert old in block, f"the guide's restore drill no longer says {old!r}"
        block = block.replace(old, new)
    return block


def _county(capsys: pytest.CaptureFixture[str], line: str) -> tuple[int, str, str]:
    """A `county …` line of the guide, run in this process (starting one costs seconds)."""
    code = county_main(shlex.split(line)[1:])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_guides_restore_drill(pg_pair: PgPair, replicated_county: tuple[str, str],
                                  tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source_url, _ = replicated_county
    source = open_county_db(source_url)
    for title in ("停水通知", "防汛通知", "医保缴费"):
        add_notice(source, kind=KINDS[0], title=title, body="请留意", scope="county",
                   published_on=datetime.now(UTC).date(), now=datetime.now(UTC))
    with source.connect() as conn:
        change = current_seq(conn)
    source_db = source.url.database
    assert source_db
    postgres_block, county_block = _drill_blocks()
    drill_port, serve_port = free_port(), free_port()
    scratch, as_user = scratch_dir("county-drill-")
    primary = pg_pair.primary
    script = _replace(postgres_block, {
        "PGBIN=/usr/lib/postgresql/15/bin": f"PGBIN={primary.bindir}",
        "DRILL=/var/tmp/county-drill": f"DRILL={scratch}/drill",
        "-h db1.county.lan -p 5432 -U county -d county":
            f"-h 127.0.0.1 -p {primary.port} -U postgres -d {source_db}",
        "-k /tmp": f"-k {scratch}",
        "5499": str(drill_port)})
    run_as = ["runuser", "-u", as_user, "--"] if as_user else []
    server: subprocess.Popen[bytes] | None = None
    try:
        drill = subprocess.run([*run_as, "bash", "-euc", script], capture_output=True,
                               text=True, timeout=180, cwd=scratch, check=False)
        assert drill.returncode == 0, drill.stderr[-3000:]

        lines = [line for line in _replace(county_block, {
            "5499": str(drill_port), "--port 8099": f"--port {serve_port}"}).splitlines()
            if line.strip()]
        assert [shlex.split(line)[:2] for line in lines] == [
            ["county", "status"], ["county", "serve"], ["county", "enroll"]]
        code, out, err = _county(capsys, lines[0])
        assert code == 0, err
        assert f"change {change}" in out and "replica  none" in out

        log = (tmp_path / "serve.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "county.cli", *shlex.split(lines[1])[1:]],
            stdout=log, stderr=log, env={**os.environ, "PYTHONPATH": str(_REPO)})
        log.close()
        base = f"http://127.0.0.1:{serve_port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/openapi.json", timeout=10)
                break
            except httpx.TransportError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
                assert time.monotonic() < deadline, "county serve did not come up"
                time.sleep(0.1)
        code, out, err = _county(capsys, lines[2])
        assert code == 0, err
        enrollment_code = json.loads(out)["code"]

        # The spare terminal: the real enrollment and sync daemon, in this process.
        terminal = write_terminal(tmp_path / "terminal")
        config = load_config(terminal.config)
        restored = open_county_db(
            f"postgresql+psycopg://postgres@127.0.0.1:{drill_port}/county", migrate=False)
        store = open_store(terminal.db)
        try:
            terminal_id = enroll_terminal(config, store, enrollment_code, base).terminal_id
            report = SyncDaemon(config, store).run_once()
            assert report.ok and report.snapshot, report.errors
            assert read_status(store).cursor == str(change)
            assert_same(county_rows(source, terminal_id), terminal_rows(store))
            assert_same(county_rows(restored, terminal_id), terminal_rows(store))
        finally:
            store.dispose()
            restored.dispose()
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        subprocess.run([*run_as, str(primary.bindir / "pg_ctl"), "-D", f"{scratch}/drill",
                        "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60,
                       check=False)
        shutil.rmtree(scratch, ignore_errors=True)
        source.dispose()
