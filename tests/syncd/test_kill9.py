"""kill -9 of `kiosk syncd` at random moments during snapshot and paging.

After every kill: ``PRAGMA integrity_check`` is ok and the cache holds
exactly the county's state at the cursor it stored (or, with no cursor, the
state before the snapshot began): never half a snapshot, never half a page.
The county changes only while the daemon is dead (and not mid-snapshot), and
every row changes at most once after it was created, so that state is known
exactly from each row's seqs. At the end one clean cycle converges to the
county's rows.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine, select

from county.models import Notice as CNotice
from county.models import Payment as CPayment
from county.notices import add_notice, retire_notice
from kiosk.config import load_config
from kiosk.store import open_store
from sync.enroll import enroll_terminal
from sync.state import clear_cursor
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import enrollment_code, write_terminal
from syncd.mutate import add_payments, delete_payments

ITERATIONS = 50
#: More kills if the first ITERATIONS did not hit both snapshot and paging often
#: enough: how long each takes against the random kill delay depends on the
#: machine (a loaded one spends most kills on the snapshot, a fast one on idling).
MAX_ITERATIONS = 200
ENOUGH = 5  # kills of each of snapshot and paging
ZYGOTE = Path(__file__).with_name("zygote.py")


class Ledger:
    """The seq at which each county payment/notice appeared and disappeared."""

    def __init__(self) -> None:
        self.born: dict[tuple[str, int], int] = {}
        self.died: dict[tuple[str, int], int] = {}

    def scan(self, engine: Engine) -> None:
        """Record rows and deletions not seen before (call after every county change)."""
        with engine.connect() as conn:
            for entity, model in (("payment", CPayment), ("notice", CNotice)):
                for row in conn.execute(select(model.id, model.seq, model.deleted)):
                    key = (entity, row.id)
                    if row.deleted:
                        self.died.setdefault(key, row.seq)
                    else:
                        self.born.setdefault(key, row.seq)

    def at(self, cursor: int | None, entity: str) -> set[int]:
        """Ids of ``entity`` live at ``cursor`` (None: nothing synced yet)."""
        if cursor is None:
            return set()
        return {k[1] for k, seq in self.born.items() if k[0] == entity and seq <= cursor
                and not (k in self.died and self.died[k] <= cursor)}


def _wait_dead(pid: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} did not die")


def _check(db: Path, ledger: Ledger, expect_cursor: int | None) -> int | None:
    """Integrity and exact state; returns the stored cursor."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        row = con.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()
        cursor = int(row[0]) if row and row[0] is not None else None
        basis = cursor if cursor is not None else expect_cursor
        for entity in ("payment", "notice"):
            held = {r[0] for r in con.execute(f"SELECT id FROM {entity}")}
            assert held == ledger.at(basis, entity), (
                f"{entity} at cursor {basis}: {len(held - ledger.at(basis, entity))} extra, "
                f"{len(ledger.at(basis, entity) - held)} missing")
    finally:
        con.close()
    return cursor


@pytest.mark.slow
def test_kill_minus_9_during_snapshot_and_paging(county: LiveServer, county_engine: Engine,
                                                  tmp_path: Path) -> None:
    terminal = write_terminal(tmp_path / "t", page_limit=25, poll_interval_s=1,
                              heartbeat_interval_s=1)
    config = load_config(terminal.config)
    engine = open_store(terminal.db)
    terminal_id = enroll_terminal(config, engine, enrollment_code(county_engine),
                                  county.url).terminal_id
    ledger = Ledger()
    ledger.scan(county_engine)
    seeded = {key[1] for key in ledger.born if key[0] == "notice"}
    rng = random.Random(20261122)
    log = terminal.dir / "syncd.log"
    zygote = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent)
    assert zygote.stdin is not None and zygote.stdout is not None
    kills = {"snapshot": 0, "paging": 0, "idle": 0}
    basis: int | None = None  # the cursor whose state the cache holds while it has none
    cursor: int | None = None
    try:
        iteration = 0
        while iteration < ITERATIONS or (
                min(kills["snapshot"], kills["paging"]) < ENOUGH
                and iteration < MAX_ITERATIONS):
            iteration += 1
            stage = terminal.db.with_name(terminal.db.name + ".snapshot")
            if cursor is not None and not stage.exists():
                now = datetime.now(UTC)
                if rng.random() < 0.7:
                    add_payments(county_engine, rng, rng.randrange(200, 800))
                    delete_payments(county_engine, rng, rng.randrange(1, 40))
                    add_notice(county_engine, kind="公示", title="公示", body="", scope="county",
                               published_on=date(2026, 11, 1), now=now)
                    with county_engine.connect() as conn:
                        live = set(conn.execute(select(CNotice.id)
                                                .where(CNotice.deleted.is_(False))).scalars())
                    # Only notices that existed before the run are retired: a change feed
                    # carries each row's latest state, so a notice created and retired
                    # between two pulls never shows up at all (the ledger's model is
                    # exact for rows changed at most once after the terminal saw them).
                    if live & seeded and rng.random() < 0.3:
                        retire_notice(county_engine, rng.choice(sorted(live & seeded)),
                                      now=now)
                    ledger.scan(county_engine)
                if rng.random() < 0.15:
                    basis = cursor
                    clear_cursor(engine)  # what a `resync` heartbeat action does
            argv = ["syncd", "--config", str(terminal.config)]
            zygote.stdin.write(json.dumps({"argv": argv, "log": str(log)}) + "\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0.05, 1.2))
            phase = "snapshot" if stage.exists() else "paging"
            os.kill(pid, signal.SIGKILL)
            _wait_dead(pid)
            with county_engine.connect() as conn:
                head = int(conn.exec_driver_sql("SELECT value FROM change_counter")
                           .scalar_one())
            cursor = _check(terminal.db, ledger, basis)
            if phase == "paging" and cursor == head:
                phase = "idle"
            kills[phase] += 1
        assert kills["snapshot"] >= ENOUGH and kills["paging"] >= ENOUGH, kills
        final = terminal.run("syncd", "--once")
        assert final.returncode == 0, final.stderr[-2000:]
        assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
        _check(terminal.db, ledger, None)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)
        zygote.stdout.close()
        engine.dispose()
