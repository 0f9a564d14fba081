"""Health marks: how the updater learns that a freshly installed version came up.

After switching to a new release the updater restarts the services and
waits until each component has written its mark *with the new version* and
a time after the switch: the kiosk UI once its window is on screen, the sync
daemon once a heartbeat was answered. A component that crashes on start
never writes one, so the updater reverts. The marks live under a runtime
directory (``/run/village-kiosk/health`` in production), one small JSON file
per component, replaced atomically so a reader never sees half a mark.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk import clock
from kiosk.files import atomic_write_bytes

__all__ = ["COMPONENTS", "DEFAULT_HEALTH_DIR", "HealthMark", "mark_healthy", "read_mark"]

#: Where the marks live on a production terminal (tmpfs: they must not survive a reboot).
DEFAULT_HEALTH_DIR = Path("/run/village-kiosk/health")

#: The components an update waits for.
COMPONENTS = ("ui", "syncd")


@dataclass(frozen=True)
class HealthMark:
    """One component's last word: which version it runs, since when, as which process."""

    component: str
    version: str
    pid: int
    at: datetime


def mark_healthy(component: str, version: str, *, health_dir: Path = DEFAULT_HEALTH_DIR) -> None:
    """Record that ``component`` runs ``version`` and is healthy now.

    Creates ``health_dir`` if needed. Never raises for I/O trouble: a kiosk
    must keep serving villagers even if the runtime directory is missing;
    the updater then simply does not see the mark (and reverts, which is safe).
    """
    if component not in COMPONENTS:
        raise ValueError(f"unknown component {component!r} (known: {', '.join(COMPONENTS)})")
    body = {"component": component, "version": version, "pid": os.getpid(),
            "at": clock.now().isoformat()}
    try:
        health_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(health_dir / f"{component}.json",
                           json.dumps(body, sort_keys=True).encode(), mode=0o644)
    except OSError:
        pass


def read_mark(component: str, *, health_dir: Path = DEFAULT_HEALTH_DIR) -> HealthMark | None:
    """The mark ``component`` last wrote, or None if there is none or it cannot be read."""
    try:
        body = json.loads((health_dir / f"{component}.json").read_text(encoding="utf-8"))
        return HealthMark(component=str(body["component"]), version=str(body["version"]),
                          pid=int(body["pid"]), at=datetime.fromisoformat(body["at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
