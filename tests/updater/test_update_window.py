"""Update windows on a terminal root: the real installer (`kiosk update install --ready`)
waits for the install window and for the villager session to end (kiosk.update_window).

The gate reads the suite's movable clock (kiosk.clock), so these tests set the time of
day; bundle verification keeps the system clock. The session file is written as the UI
writes it (kiosk.session_state), or planted as the kiosk user could.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import clock
from kiosk.config import load_config
from kiosk.session_state import session_bytes, session_path
from kiosk.update_wait import read_waiting
from kiosk.update_window import STALE_AFTER, Gate
from sync.protocol.release.trust import load_release_key
from update.cli import main
from update.errors import DeferredError
from update.gate import check_gate
from update.installer import install_bundle
from updater.conftest import UpdTerminal
from updater.fakerelease import make_bundle

S = timedelta(seconds=1)


@pytest.fixture
def time_of_day() -> Iterator[Callable[[int, int], datetime]]:
    """Move the gate's clock to ``hour:minute`` Beijing time today; back afterwards."""
    def move(hour: int, minute: int = 0) -> datetime:
        moment = clock.at_local(clock.today(), hour, minute)
        clock.travel_to(moment)
        return moment

    yield move
    clock.reset()


def _with_window(term: UpdTerminal, window: str) -> None:
    text = term.config.read_text(encoding="utf-8")
    term.config.write_text(text.replace("keep = 2", f'keep = 2\nwindow = "{window}"'),
                           encoding="utf-8")


def _ready(term: UpdTerminal, bundle: Path) -> Path:
    ready = term.spool / "ready"
    ready.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, ready / "2.0.0.tar")
    return ready / "2.0.0.tar"


def _session(term: UpdTerminal, *, busy: bool, since: timedelta = 10 * 60 * S,
             age: timedelta = 5 * S) -> None:
    """The UI's session file: busy (or idle) for ``since``, last written ``age`` ago."""
    now = clock.now()
    path = session_path(term.health)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(session_bytes(busy=busy, since=now - since, heartbeat=now - age, pid=1))


def _install_ready(term: UpdTerminal, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["install", "--ready", "--config", str(term.config)]) == 0
    return capsys.readouterr().out


def _status(term: UpdTerminal, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["status", "--json", "--config", str(term.config)]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_waits_while_a_villager_uses_the_kiosk_and_installs_once_idle(
        term: UpdTerminal, bundles: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    ready = _ready(term, bundles["2.0.0"])
    _session(term, busy=True, since=40 * S)
    out = _install_ready(term, capsys)
    assert "2.0.0: not installed now: waiting for the villager session to end" in out
    assert ready.is_file() and term.dirs.current() is None
    assert not (term.root / "incoming").exists() or \
        not list((term.root / "incoming").iterdir())
    waiting = read_waiting(term.root)
    assert waiting is not None and (waiting.version, waiting.reason) == \
        ("2.0.0", "session_active")
    # `kiosk update status` says so (and the plain form too).
    assert _status(term, capsys)["waiting"] == {
        "version": "2.0.0", "reason": "session_active", "message": waiting.message,
        "since": waiting.since, "checked_at": waiting.checked_at}
    assert main(["status", "--config", str(term.config)]) == 0
    assert "waiting     2.0.0: waiting for the villager session to end" in \
        capsys.readouterr().out

    # The session ended a moment ago: still waits for some quiet.
    _session(term, busy=False, since=20 * S)
    assert "a session ended at" in _install_ready(term, capsys)
    assert ready.is_file()

    _session(term, busy=False, since=5 * 60 * S)
    assert "2.0.0 installed and healthy" in _install_ready(term, capsys)
    assert term.dirs.current() == "2.0.0"
    assert not ready.exists()
    assert read_waiting(term.root) is None
    assert _status(term, capsys)["waiting"] is None


def test_waits_for_the_window_then_installs_inside_it(
        term: UpdTerminal, bundles: dict[str, Path], capsys: pytest.CaptureFixture[str],
        time_of_day: Callable[[int, int], datetime]) -> None:
    _with_window(term, "22:30-04:00")  # crosses midnight
    ready = _ready(term, bundles["2.0.0"])
    time_of_day(10, 0)
    _session(term, busy=False)
    out = _install_ready(term, capsys)
    assert "waiting for window 22:30-04:00 (Beijing time)" in out
    assert ready.is_file() and term.dirs.current() is None
    status = _status(term, capsys)
    assert status["window"] == "22:30-04:00"
    assert status["waiting"]["reason"] == "outside_window"  # type: ignore[index]
    time_of_day(23, 10)
    _session(term, busy=False)
    assert "2.0.0 installed and healthy" in _install_ready(term, capsys)
    assert term.dirs.current() == "2.0.0" and read_waiting(term.root) is None


def test_urgent_release_skips_the_window_but_not_the_session(
        term: UpdTerminal, release_key: Ed25519PrivateKey, tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        time_of_day: Callable[[int, int], datetime]) -> None:
    urgent = make_bundle(tmp_path / "urgent", "2.0.0", key=release_key, urgent=True)
    assert b'"urgent": true' in urgent.read_bytes()[:4096]
    _with_window(term, "02:00-05:00")
    ready = _ready(term, urgent)
    time_of_day(15, 0)
    _session(term, busy=True, since=10 * S)
    assert "waiting for the villager session to end" in _install_ready(term, capsys)
    assert ready.is_file() and term.dirs.current() is None
    _session(term, busy=False)
    assert "2.0.0 installed and healthy" in _install_ready(term, capsys)
    assert term.dirs.current() == "2.0.0"


def test_a_file_renamed_urgent_is_not(term: UpdTerminal, bundles: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str],
                                      time_of_day: Callable[[int, int], datetime]) -> None:
    """Urgency is the signed manifest's: a note in the spool does not make a release urgent."""
    _with_window(term, "02:00-05:00")
    ready = _ready(term, bundles["2.0.0"])
    (ready.parent / "2.0.0.json").write_text('{"urgent": true}', encoding="utf-8")
    time_of_day(15, 0)
    assert "waiting for window 02:00-05:00" in _install_ready(term, capsys)
    assert term.dirs.current() is None


def test_a_stale_or_garbage_session_file_does_not_hold_for_ever(
        term: UpdTerminal, bundles: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    ready = _ready(term, bundles["2.0.0"])
    path = session_path(term.health)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage from a crashed writer")
    assert "the session file is unreadable (not UTF-8 JSON)" in _install_ready(term, capsys)
    assert ready.is_file()
    old = (clock.now() - STALE_AFTER - 10 * S).timestamp()
    os.utime(path, (old, old))  # nobody rewrote it since: no longer holds
    assert "2.0.0 installed and healthy" in _install_ready(term, capsys)
    # A UI that hung in a session: its heartbeat goes stale, and the install goes on.
    shutil.copyfile(bundles["3.0.0"], ready.with_name("3.0.0.tar"))
    _session(term, busy=True, since=2 * 3600 * S, age=STALE_AFTER + 10 * S)
    assert "3.0.0 installed and healthy" in _install_ready(term, capsys)
    assert term.dirs.current() == "3.0.0"


def test_a_planted_link_is_not_followed(term: UpdTerminal, bundles: dict[str, Path],
                                        tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The kiosk user owns the health directory: a session file that is a symbolic link
    (to a file saying idle, here) is not read through, and holds like garbage would."""
    ready = _ready(term, bundles["2.0.0"])
    elsewhere = tmp_path / "elsewhere.json"
    now = clock.now()
    elsewhere.write_bytes(session_bytes(busy=False, since=now - 3600 * S, heartbeat=now,
                                        pid=1))
    path = session_path(term.health)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(elsewhere)
    out = _install_ready(term, capsys)
    assert "the session file is unreadable (run-health/session.json is a symbolic link)" in out
    assert ready.is_file() and term.dirs.current() is None
    # A link to a FIFO does not hang the installer either.
    os.mkfifo(tmp_path / "fifo")
    path.unlink()
    path.symlink_to(tmp_path / "fifo")
    assert "is a symbolic link" in _install_ready(term, capsys)
    # Once the link itself is older than the heartbeat staleness, it holds nothing.
    old = (clock.now() - STALE_AFTER - 10 * S).timestamp()
    os.utime(path, (old, old), follow_symlinks=False)
    assert "2.0.0 installed and healthy" in _install_ready(term, capsys)


def test_the_gate_is_asked_again_after_the_build(running: UpdTerminal,
                                                  bundles: dict[str, Path]) -> None:
    """A villager who arrives while the new version is being built still holds the switch;
    the built version stays, so the next try only switches."""
    config = load_config(running.config)
    settings = running.settings()
    asked: list[bool] = []

    def gate(urgent: bool) -> Gate:
        asked.append(urgent)
        if len(asked) == 2:  # after the build: somebody laid a card on the reader
            _session(running, busy=True, since=S)
        return check_gate(settings, urgent=urgent, now=clock.now())

    key = load_release_key(config)
    with pytest.raises(DeferredError) as caught:
        install_bundle(bundles["2.0.0"], settings, public_key=key, gate=gate)
    assert (caught.value.code, caught.value.reason) == ("update.deferred", "session_active")
    assert asked == [False, False]
    assert running.dirs.current() == "1.0.0" and running.dirs.is_complete("2.0.0")
    assert running.current_runs() == "1.0.0"
    _session(running, busy=False)
    outcome = install_bundle(bundles["2.0.0"], settings, public_key=key, gate=gate)
    assert outcome.changed and running.dirs.current() == "2.0.0"
