"""The kiosk tells the root installer whether a villager is using it (kiosk.session_state).

On the GUI thread: the file is written when the screen enters or leaves a
villager session (ui.viewmodels.screens.in_session) and renewed every few
seconds, so a hung GUI thread stops renewing it and the installer stops
waiting for it once it is stale (kiosk.update_window.STALE_AFTER).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk import clock
from kiosk.session_state import SessionTracker, session_path
from ui.viewmodels.app import AppModel
from ui.viewmodels.screens import in_session

__all__ = ["SessionPublisher"]

log = logging.getLogger(__name__)

#: How often the publisher looks (the tracker writes at most every HEARTBEAT_S unless the
#: state changes).
_CHECK_MS = 5000


class SessionPublisher(QObject):
    """Keeps ``HEALTH_DIR/session.json`` in step with ``app_model``'s screen. GUI thread."""

    def __init__(self, app_model: AppModel, health_dir: Path, *,
                 now: Callable[[], datetime] = clock.now) -> None:
        super().__init__()
        self._model = app_model
        self.tracker = SessionTracker(session_path(health_dir), now)
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_MS)
        self._timer.timeout.connect(self.publish)
        app_model.changed.connect(self.publish)

    def start(self) -> None:
        """Write the file now and keep it fresh."""
        self.publish()
        self._timer.start()

    def publish(self) -> None:
        """Write the file if the session state changed or the heartbeat is due."""
        self.tracker.observe(in_session(self._model.screen))
        if self.tracker.failed and not self._warned:
            log.warning("cannot write the session file %s: the updater will not know when "
                        "villagers use the kiosk (it waits only for the install window)",
                        self.tracker.path)
        self._warned = self.tracker.failed

    def stop(self) -> None:
        """Stop renewing (the file stays; the next UI rewrites it, or it goes stale)."""
        self._timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # the model is already gone
            self._model.changed.disconnect(self.publish)
