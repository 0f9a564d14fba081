"""The heartbeat: the terminal's health to the county, and what the county wants back."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kiosk import __version__
from kiosk.devices import read_device_states
from kiosk.store import write_connection
from sync.client import CountyClient
from sync.logfmt import log_event
from sync.protocol import HeartbeatAnswer, HeartbeatRequest
from sync.state import read_status, update_state

__all__ = ["HeartbeatOutcome", "send_heartbeat"]

log = logging.getLogger("sync.heartbeat")


@dataclass(frozen=True)
class HeartbeatOutcome:
    """What the answer asks of the daemon."""

    answer: HeartbeatAnswer
    pull: bool
    """New data (a ``sync`` action or a newer settings version than held here)."""
    resync: bool
    """The county asks for a full snapshot again."""


def send_heartbeat(client: CountyClient, engine: Engine, *, uptime_s: float, db_path: Path,
                   now: datetime) -> HeartbeatOutcome:
    """Send the health report and record the answer in ``sync_state``.

    Reader and printer states are what the kiosk UI last recorded
    (kiosk.devices; "unknown" until it has). Raises SyncError.
    """
    status = read_status(engine)
    devices = read_device_states(engine)
    reader, printer = devices["reader"], devices["printer"]
    try:
        disk = shutil.disk_usage(db_path.parent)
        free, total = disk.free, disk.total
    except OSError:
        free, total = 0, None
    beat = HeartbeatRequest(version=__version__, uptime_s=int(uptime_s), reader=reader[:40],
                            printer=printer[:40], cursor=status.cursor,
                            outbox_depth=status.outbox_depth, disk_free_bytes=free,
                            disk_total_bytes=total)
    answer = client.heartbeat(beat)
    release = answer.release.version if answer.release is not None else None
    with write_connection(engine) as conn:
        update_state(conn, last_heartbeat_at=now, settings_version=answer.settings_version,
                     release_available=release)
    kinds = {a.kind for a in answer.pending_actions}
    pull = "sync" in kinds or answer.settings_version > status.local_settings_version
    log_event(log, logging.INFO, "heartbeat", cursor=status.cursor,
              outbox=status.outbox_depth, settings_version=answer.settings_version,
              actions=",".join(sorted(kinds)) or "-", release=release)
    return HeartbeatOutcome(answer, pull, "resync" in kinds)
