"""`kiosk syncd` tells systemd it is ready, pings the watchdog while idle, says when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from deploy.notifysock import NotifySocket


def _wait_for(sock: NotifySocket, predicate: object, timeout: float) -> list[str]:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = sock.states()
        if predicate(states):
            return states
        sock.receive(timeout=0.1)
    return sock.states()


def test_syncd_ready_watchdog_stopping(tmp_path: Path, seeded_db: Path) -> None:
    config = tmp_path / "kiosk.toml"
    # Not enrolled: the daemon idles, checking for an enrollment every outbox_check_s
    # (60 s here); the watchdog (0.4 s) must still hear from it every 0.2 s.
    config.write_text(f'[store]\npath = "{seeded_db}"\n'
                      f'[enrollment]\nfile = "{tmp_path / "enrollment.json"}"\n'
                      f'[sync]\noutbox_check_s = 60\n', encoding="utf-8")
    with NotifySocket(tmp_path / "notify") as sock:
        env = dict(os.environ, NOTIFY_SOCKET=sock.env_value, WATCHDOG_USEC="400000")
        env.pop("WATCHDOG_PID", None)
        proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "syncd",
                                 "--config", str(config)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            states = _wait_for(sock, lambda s: s.count("WATCHDOG=1") >= 4, 30.0)
            assert "READY=1" in states
            assert states.index("READY=1") < states.index("WATCHDOG=1")
            assert states.count("WATCHDOG=1") >= 4
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=20) == 0
            assert sock.receive(timeout=1.0) and sock.states()[-1] == "STOPPING=1"
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=10)


def test_syncd_once_does_not_speak_for_the_session(tmp_path: Path, seeded_db: Path) -> None:
    """`kiosk syncd --once` (the clerk's "sync now", a child of the kiosk UI) inherits the
    session's notification socket but must not ping the UI's watchdog for it."""
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{seeded_db}"\n'
                      f'[enrollment]\nfile = "{tmp_path / "enrollment.json"}"\n',
                      encoding="utf-8")
    with NotifySocket(tmp_path / "notify") as sock:
        env = dict(os.environ, NOTIFY_SOCKET=sock.env_value, WATCHDOG_USEC="400000")
        proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "syncd", "--once",
                               "--config", str(config)], env=env, capture_output=True,
                              timeout=60, check=False)
        assert proc.returncode == 1  # not enrolled
        assert sock.receive(timeout=0.3) == []
