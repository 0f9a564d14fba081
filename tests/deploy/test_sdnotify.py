"""kiosk.sdnotify against a real AF_UNIX datagram socket."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deploy.notifysock import NotifySocket
from kiosk.sdnotify import notify, watchdog_interval


@pytest.mark.parametrize("abstract", [False, True], ids=["path", "abstract"])
def test_notify_sends_one_datagram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   abstract: bool) -> None:
    with NotifySocket(tmp_path / "notify", abstract=abstract) as sock:
        monkeypatch.setenv("NOTIFY_SOCKET", sock.env_value)
        assert notify("READY=1", "STATUS=欢迎")
        assert notify("WATCHDOG=1")
        assert sock.receive(timeout=2.0) == ["READY=1\nSTATUS=欢迎", "WATCHDOG=1"]


def test_notify_without_systemd_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_notify_to_a_vanished_socket_returns_false(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone"))
    assert notify("READY=1") is False
    monkeypatch.setenv("NOTIFY_SOCKET", "vsock:2:1234")
    assert notify("READY=1") is False


def test_watchdog_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert watchdog_interval() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == 30.0
    # The UI runs as cage's child, and systemd names cage (the main process).
    monkeypatch.setenv("WATCHDOG_PID", str(os.getppid()))
    assert watchdog_interval() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    for bad in ("0", "-5", "soon"):
        monkeypatch.setenv("WATCHDOG_USEC", bad)
        assert watchdog_interval() is None
