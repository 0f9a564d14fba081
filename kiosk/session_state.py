"""The kiosk's session file: whether a villager is using the screen, and since when.

The UI (user kiosk) writes it; the root installer reads it before it
restarts anything (kiosk.update_window decides, update.gate reads safely).
One small JSON object, replaced atomically, mode 0644, in the health
directory (a tmpfs: it does not outlive a reboot)::

    {"format": 1, "state": "busy", "since": "2026-12-04T01:02:03+00:00",
     "heartbeat": "2026-12-04T01:05:33+00:00", "pid": 1234}

``since`` is when the state began; ``heartbeat`` is renewed every
:data:`~kiosk.update_window.HEARTBEAT_S` seconds while the UI runs, so a
crashed or hung UI stops holding installs once the heartbeat is stale.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.files import atomic_write_bytes
from kiosk.update_window import HEARTBEAT_S

__all__ = ["MAX_SESSION_BYTES", "SESSION_FILE_NAME", "SessionTracker", "parse_session",
           "session_bytes", "session_path"]

#: The file's name in the health directory (``[update] health_dir``).
SESSION_FILE_NAME = "session.json"
#: Root reads no more than this (a real file is about 150 bytes).
MAX_SESSION_BYTES = 4096


def session_path(health_dir: Path) -> Path:
    """Where the session file is: ``HEALTH_DIR/session.json``."""
    return health_dir / SESSION_FILE_NAME


def session_bytes(*, busy: bool, since: datetime, heartbeat: datetime, pid: int) -> bytes:
    """The file's content."""
    return json.dumps({"format": 1, "state": "busy" if busy else "idle",
                       "since": since.isoformat(), "heartbeat": heartbeat.isoformat(),
                       "pid": pid}, sort_keys=True).encode("utf-8")


def parse_session(data: bytes) -> tuple[bool, datetime, datetime]:
    """``(busy, since, heartbeat)`` of a session file; raises ``ValueError`` naming what is
    wrong (never quoting the content: root logs the message)."""
    if len(data) > MAX_SESSION_BYTES:
        raise ValueError(f"more than {MAX_SESSION_BYTES} bytes")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not UTF-8 JSON") from None
    if not isinstance(body, dict) or body.get("format") != 1:
        raise ValueError("not a format-1 session object")
    state = body.get("state")
    if state not in ("busy", "idle"):
        raise ValueError("state is neither busy nor idle")
    stamps = []
    for key in ("since", "heartbeat"):
        value = body.get(key)
        try:
            stamp = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            stamp = None
        if stamp is None or stamp.tzinfo is None:
            raise ValueError(f"{key} is not an ISO time with a zone")
        stamps.append(stamp)
    return state == "busy", stamps[0], stamps[1]


class SessionTracker:
    """Keeps the session file in step with the screen (the UI calls :meth:`observe`).

    Writes when the state changes and at least every HEARTBEAT_S seconds;
    never raises for I/O trouble (a kiosk keeps serving villagers with a
    read-only /run; the installer then sees no fresh heartbeat and goes by
    the window alone once the old file is stale).
    """

    def __init__(self, path: Path, now: Callable[[], datetime]) -> None:
        self.path = path
        self._now = now
        self._busy: bool | None = None
        self._since: datetime | None = None
        self._written: datetime | None = None
        self.failed = False

    @property
    def busy(self) -> bool:
        """What the file says (False before the first observation)."""
        return bool(self._busy)

    def observe(self, busy: bool) -> bool:
        """The screen is (not) in a villager session now; True when the file was written."""
        now = self._now()
        if busy != self._busy:
            self._busy, self._since = busy, now
        elif self._written is not None and \
                timedelta(0) <= now - self._written < timedelta(seconds=HEARTBEAT_S):
            return False
        assert self._since is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, session_bytes(busy=busy, since=self._since,
                                                        heartbeat=now, pid=os.getpid()),
                               mode=0o644)
        except OSError:
            self.failed = True
            return False
        self.failed = False
        self._written = now
        return True
