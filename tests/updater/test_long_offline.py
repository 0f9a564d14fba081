"""A terminal offline for months (issue 14): never stuck on its old version, never fooled
by a replayed old release.

The rule (docs/releases.md, "Terminals offline for months"): a bundle is refused once
its ``expires_at`` has passed (``release.expired``) and a version lower than the one
installed is refused without a signed pin (``release.rollback``); any newer bundle still
inside its expiry is accepted whenever it arrives, however long the terminal was away.
The terminal keeps running what it has meanwhile. The story is told backwards from
today (the installer's ``now`` for each step): the new version's health marks carry
the real time, so a successful install happens at a moment not later than that.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import load_config
from sync.protocol.release.trust import load_release_key
from update.errors import UpdateError
from update.installer import install_bundle
from updater.conftest import UpdTerminal, write_update_terminal
from updater.fakerelease import make_bundle

DAY = timedelta(days=1)


def _install_at(term: UpdTerminal, bundle: Path, moment: datetime) -> str:
    key = load_release_key(load_config(term.config))
    install_bundle(bundle, term.settings(), public_key=key, now=lambda: moment)
    current = term.dirs.current()
    assert current is not None
    return current


def _refused_at(term: UpdTerminal, bundle: Path, moment: datetime) -> str:
    before = term.dirs.current()
    with pytest.raises(UpdateError) as refused:
        _install_at(term, bundle, moment)
    assert term.dirs.current() == before  # nothing touched: it runs what it had
    return refused.value.code


def test_back_after_months_offline(tmp_path: Path, release_key: Ed25519PrivateKey) -> None:
    back = datetime.now(UTC)  # the day it comes back
    start = back - 160 * DAY
    term = write_update_terminal(tmp_path / "terminal", release_key, health_timeout_s=60)
    made = tmp_path / "bundles"
    first = make_bundle(made, "1.0.0", key=release_key, now=start, expires_in=30 * DAY)
    assert _install_at(term, first, start + DAY) == "1.0.0"
    # While the terminal is away the county publishes 1.1.0 (a 30-day expiry) and,
    # months later, 1.2.0.
    missed = make_bundle(made, "1.1.0", key=release_key, now=start + 10 * DAY,
                         expires_in=30 * DAY)
    newest = make_bundle(made, "1.2.0", key=release_key, now=start + 150 * DAY,
                         expires_in=30 * DAY)
    # 1.1.0 arrives late (a stale USB stick, a replay): expired, refused.
    assert _refused_at(term, missed, back) == "release.expired"
    # The newest arrives: taken, although the terminal skipped a version and months.
    assert _install_at(term, newest, back) == "1.2.0"
    # Replays of older releases are refused, even one still inside its expiry.
    still_valid_old = make_bundle(tmp_path / "old", "1.1.0", key=release_key,
                                  now=start + 140 * DAY, expires_in=30 * DAY)
    assert _refused_at(term, still_valid_old, back) == "release.rollback"
    assert _refused_at(term, first, back) in ("release.expired", "release.rollback")


def test_a_release_signed_before_the_terminal_clock_jumps_ahead_is_refused_not_stuck(
        tmp_path: Path, release_key: Ed25519PrivateKey) -> None:
    # A terminal whose clock ran ahead (a dead RTC battery set far in the future) refuses
    # the current release as expired; once its clock is right again it takes it: the
    # refusal leaves nothing behind that would block the next try.
    start = datetime.now(UTC)
    term = write_update_terminal(tmp_path / "terminal", release_key, health_timeout_s=60)
    bundle = make_bundle(tmp_path / "b", "2.0.0", key=release_key, now=start,
                         expires_in=30 * DAY)
    assert _refused_at(term, bundle, start + 400 * DAY) == "release.expired"
    assert _install_at(term, bundle, start) == "2.0.0"
