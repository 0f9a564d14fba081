"""The kiosk UI under systemd: ready, alive, healthy — and the production screen.

``kiosk run`` runs as ``cage -- kiosk run`` in ``village-kiosk-session.service``
(``Type=notify``, ``WatchdogSec=``). Once the window has put its first frame on
screen the UI tells systemd ``READY=1`` and writes its health mark (the
updater waits for it after switching releases, see kiosk.health). Then a
timer *on the GUI thread* pings ``WATCHDOG=1`` at half the watchdog interval:
a GUI thread stuck in a loop or a deadlock stops the pings, and systemd kills
and restarts the session. ``STATUS=`` carries the current screen's name so
``systemctl status`` shows where the kiosk is (never who is using it).

Outside systemd (demo, tests without ``$NOTIFY_SOCKET``) the notifications do
nothing; the health mark is written only where the caller asks for it.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQuick import QQuickWindow

from kiosk.health import DEFAULT_HEALTH_DIR, mark_healthy
from kiosk.sdnotify import notify, watchdog_interval
from ui.viewmodels.app import AppModel

__all__ = ["SessionWatchdog", "health_dir_from", "hide_cursor"]

log = logging.getLogger(__name__)


def health_dir_from(config: Any) -> Path:
    """``[update] health_dir`` of ``config``, or kiosk.health's default where the
    config has no such key (an older config schema)."""
    update = getattr(config, "update", None)
    value = getattr(update, "health_dir", None)
    return Path(value) if value else DEFAULT_HEALTH_DIR


def hide_cursor() -> None:
    """Hide the mouse pointer over every window of the application (touch kiosk).

    Requires the QGuiApplication. cage shows a pointer when a mouse is plugged
    in (a technician's); the kiosk draws none, so villagers never see an arrow.
    """
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))


class SessionWatchdog(QObject):
    """READY/WATCHDOG/STATUS for systemd and the UI's health mark. GUI thread only."""

    def __init__(self, window: QQuickWindow, app_model: AppModel, *, version: str,
                 health_dir: Path | None) -> None:
        """Arm on ``window``'s first frame. ``health_dir`` None: write no health mark."""
        super().__init__()
        self._window = window
        self._app_model = app_model
        self._version = version
        self._health_dir = health_dir
        self._ready = False
        self._status = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._ping)
        window.frameSwapped.connect(self._on_frame)
        app_model.changed.connect(self._on_changed)

    @property
    def ready(self) -> bool:
        """True once the first frame was shown and READY=1 sent."""
        return self._ready

    def _on_frame(self) -> None:
        if self._ready:
            return
        self._ready = True
        self._window.frameSwapped.disconnect(self._on_frame)
        if self._health_dir is not None:
            mark_healthy("ui", self._version, health_dir=self._health_dir)
        self._status = self._status_line()
        notify("READY=1", self._status)
        interval = watchdog_interval()
        if interval is not None:
            # Half the interval, as systemd recommends; at least every 50 ms of slack.
            self._timer.start(max(50, int(interval * 1000 / 2)))
        log.info("kiosk UI on screen (version %s); watchdog %s", self._version,
                 f"{interval:g} s" if interval else "off")

    def _ping(self) -> None:
        notify("WATCHDOG=1")

    def _status_line(self) -> str:
        return f"STATUS=screen: {self._app_model.screen}"

    def _on_changed(self) -> None:
        if not self._ready:
            return
        status = self._status_line()
        if status != self._status:
            self._status = status
            notify(status)

    def stop(self) -> None:
        """Tell systemd the UI is stopping on purpose and stop pinging."""
        self._timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # the model is already gone
            self._app_model.changed.disconnect(self._on_changed)
        if self._ready:
            notify("STOPPING=1")
