"""A bundle waiting for its turn: ``ROOT/update-waiting.json``.

The root installer writes it when it leaves a bundle in ``ready/`` for later
(outside the install window, or a villager session: kiosk.update_window)
and removes it once an install of that bundle is tried. `kiosk update
status` and the clerk screen read it (mode 0644), so whoever stands at the
terminal sees "waiting for window 02:00-05:00" rather than nothing.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.files import atomic_write_bytes

__all__ = ["WAITING_FILE_NAME", "Waiting", "clear_waiting", "read_waiting", "record_waiting"]

WAITING_FILE_NAME = "update-waiting.json"


@dataclass(frozen=True)
class Waiting:
    """Which version waits, why (the gate's reason and message), since when, last checked
    (ISO times, UTC)."""

    version: str
    reason: str
    message: str
    since: str
    checked_at: str


def _path(root: Path) -> Path:
    return root / WAITING_FILE_NAME


def read_waiting(root: Path) -> Waiting | None:
    """The waiting record under the install ``root``, or None (none, or unreadable)."""
    try:
        data = json.loads(_path(root).read_text(encoding="utf-8"))
        return Waiting(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def record_waiting(root: Path, *, version: str, reason: str, message: str,
                   now: str) -> Waiting:
    """Record that ``version`` waits; ``since`` is kept while the same version waits for
    the same reason. Raises ``OSError``."""
    before = read_waiting(root)
    since = before.since if before and (before.version, before.reason) == (version, reason) \
        else now
    waiting = Waiting(version=version, reason=reason, message=message, since=since,
                      checked_at=now)
    atomic_write_bytes(_path(root), json.dumps(asdict(waiting), sort_keys=True,
                                               ensure_ascii=False).encode("utf-8"), mode=0o644)
    return waiting


def clear_waiting(root: Path) -> None:
    """Nothing waits any more (an install was tried, or nothing is ready)."""
    with contextlib.suppress(FileNotFoundError):
        _path(root).unlink()
