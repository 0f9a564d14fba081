"""Backoff pacing, cursor order, the structured log format, the cycle lock."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from kiosk.logfmt import log_event
from sync.backoff import Backoff
from sync.errors import SyncError
from sync.lock import cycle_lock, lock_path_for
from sync.pages import cursor_order


def test_full_jitter_stays_under_a_doubling_capped_ceiling() -> None:
    backoff = Backoff(base_s=2.0, cap_s=60.0, rng=random.Random(1))
    ceilings = [backoff.ceiling(n) for n in range(1, 9)]
    assert ceilings == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    delays = [backoff.next_delay() for _ in range(200)]
    assert all(0.0 <= d <= 60.0 for d in delays)
    assert min(delays[10:]) < 10.0 < max(delays[10:])  # jitter spreads over the whole range
    assert backoff.ceiling(10_000) == 60.0  # no float overflow after a long outage
    backoff.reset()
    assert backoff.failures == 0 and backoff.next_delay() <= 2.0


@pytest.mark.parametrize(("before", "after", "order"), [
    (None, "5", 1),        # first page
    ("5", "7", 1),
    ("7", "7", 0),
    ("10", "9", -1),       # a restored server going backwards
    ("10", "010", 0),      # numeric, not lexical
    ("a", "b", None),      # opaque cursors: only equality is known
    ("a", "a", 0),
])
def test_cursor_order(before: str | None, after: str, order: int | None) -> None:
    assert cursor_order(before, after) == order


def test_log_event_is_logfmt(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("sync.test")
    with caplog.at_level(logging.INFO, logger="sync.test"):
        log_event(log, logging.INFO, "page_applied", cursor=12, error='bad "x" y', skip=None,
                  empty="")
    assert caplog.records[0].getMessage() == \
        'event=page_applied cursor=12 error="bad \\"x\\" y" empty=""'


def test_cycle_lock_waits_then_gives_up(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    with cycle_lock(db, wait_s=1):
        with pytest.raises(SyncError) as caught, cycle_lock(db, wait_s=0.3):
            pass
        assert caught.value.code == "sync.busy"
    with cycle_lock(db, wait_s=0.3):  # released on exit
        assert lock_path_for(db).exists()
