"""kill -9 during an install, at named steps and at random instants, then recovery.

Whatever the instant, after `recover` (what a terminal runs at boot) ``current``
must point at a complete, verified version whose venv runs, and the database
must be the one that version migrated (the fake migrations stamp it).

The installer runs in a forked child (this process has done the imports
already, so a child costs nothing to start — like tests/syncd/zygote.py) in
its own process group; the test kills the whole group, as systemd kills a
unit's cgroup, so no orphaned pip keeps writing after the "power cut".
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.release_dirs import VERIFIED
from update.errors import UpdateError
from update.installer import recover
from updater.conftest import UpdTerminal, write_update_terminal
from updater.fakerelease import db_marker, make_bundle

ITERATIONS = 32
GOOD = ("1.0.0", "2.0.0", "3.0.0")
#: Named steps of a good install, then of a revert (the bad 4.0.0 never comes up).
STEPS = [("start", "good"), ("unpacked", "good"), ("venv_built", "good"),
         ("verified", "good"), ("backed_up", "good"), ("journal", "good"),
         ("migrated", "good"), ("switched", "good"), ("restarted", "good"),
         ("healthy", "good"), ("relinked", "bad"), ("set_aside", "bad"), ("restored", "bad"),
         ("carried_over", "bad")]


class _PowerCutAt(logging.Handler):
    """SIGKILLs this process as the installer logs that it reached ``step``."""

    def __init__(self, step: str) -> None:
        super().__init__(logging.DEBUG)
        self.step = step

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == f"event=update_step step={self.step}":
            os.kill(os.getpid(), signal.SIGKILL)


def _spawn_install(term: UpdTerminal, bundle: Path, *, crash_at: str | None) -> int:
    """Fork a child that installs ``bundle`` (pinned: versions rotate) and exits."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.setpgid(0, 0)
            if crash_at:
                installer_log = logging.getLogger("update.installer")
                installer_log.setLevel(logging.DEBUG)
                installer_log.addHandler(_PowerCutAt(crash_at))
            term.install(bundle, pinned=True)
        except UpdateError:
            code = 1
        except BaseException:
            code = 2
        os._exit(code)
    return pid


#: Steps reached only while a version is being built; later steps are reached by
#: switching to the version already on disk (``previous``), which skips the
#: second-long venv build.
BUILD_STEPS = {"start", "unpacked", "venv_built", "verified"}


def _target(term: UpdTerminal, *, build: bool) -> str:
    """A good version to install next: one not on disk (``build``) or else ``previous``."""
    current, installed = term.dirs.current(), set(term.dirs.installed())
    previous = term.dirs.previous()
    if not build and previous is not None:
        return previous
    missing = [v for v in GOOD if v not in installed]
    return missing[0] if missing else next(v for v in GOOD if v != current)


#: A good version may be slow to report healthy on a loaded machine (it is a new
#: Python process): it gets all the time it needs, while a bad one, which never
#: reports, is given up on after a second so the run stays short.
HEALTH_TIMEOUT_S = {"good": 120, "bad": 1}


def _set_health_timeout(term: UpdTerminal, seconds: int) -> None:
    """Rewrite the terminal config's ``[update] health_timeout_s``."""
    lines = term.config.read_text(encoding="utf-8").splitlines()
    lines = [f"health_timeout_s = {seconds}" if line.startswith("health_timeout_s") else line
             for line in lines]
    term.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert term.settings().health_timeout_s == seconds


def _check(term: UpdTerminal, where: str) -> str:
    current = term.dirs.current()
    assert current is not None, where
    assert os.readlink(term.root / "current") == f"releases/{current}", where
    assert (term.root / "releases" / current / VERIFIED).is_file(), where
    assert term.current_runs() == current, where
    assert db_marker(term.db) == current, where
    previous = term.root / "previous"
    if previous.is_symlink():
        assert term.dirs.previous() is not None, where
    assert not (term.root / "update-journal.json").exists(), where
    leftovers = [p.name for p in (term.root / "releases").iterdir()
                 if p.name.startswith(".") or p.name.endswith(".tmp")]
    assert leftovers == [], where
    return current


def test_kill9_at_any_point_leaves_a_complete_verified_version(
        tmp_path: Path, release_key: Ed25519PrivateKey, bundles: dict[str, Path]) -> None:
    term = write_update_terminal(tmp_path / "terminal", release_key,
                                 health_timeout_s=HEALTH_TIMEOUT_S["good"])
    bad = make_bundle(tmp_path / "bad", "4.0.0", key=release_key, behaviour="no_start")
    term.install(bundles["1.0.0"])
    rng = random.Random(9)
    changed = unchanged = killed = 0
    before = _check(term, "before the first iteration")
    for i in range(ITERATIONS):
        if i % 2 == 0:
            step, kind = STEPS[(i // 2) % len(STEPS)]
            delay = None
        else:
            step, kind = None, "bad" if i % 8 == 7 else "good"
            delay = rng.uniform(0.02, 1.5)
        build = step is None or step in BUILD_STEPS
        bundle = bad if kind == "bad" else bundles[_target(term, build=build)]
        _set_health_timeout(term, HEALTH_TIMEOUT_S[kind])
        pid = _spawn_install(term, bundle, crash_at=step)
        if delay is not None:
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):  # done before the "power cut"
                os.killpg(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed += os.WIFSIGNALED(status)
        if step is not None:  # the installer reached the step and was cut there
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                f"iteration {i}: the install never reached step {step}"
        with contextlib.suppress(ProcessLookupError):  # what the dead installer started
            os.killpg(pid, signal.SIGKILL)
        where = f"iteration {i}: {step or f'{delay:.2f} s'} installing {bundle.name}"
        recover(term.settings())
        after = _check(term, where)
        if after != before:
            changed += 1
        else:
            unchanged += 1
        before = after
    assert killed >= ITERATIONS // 2
    assert changed > 0 and unchanged > 0
