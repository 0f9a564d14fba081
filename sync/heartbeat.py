"""The heartbeat: the terminal's health to the county, and what the county wants back.

An answered heartbeat is also syncd's health mark for the updater
(kiosk.health), and an offered release is fetched for `kiosk update`
(sync.release_fetch).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from kiosk import __version__
from kiosk.config import Config
from kiosk.devices import read_device_states
from kiosk.health import mark_healthy
from kiosk.logfmt import log_event
from kiosk.store import write_connection
from sync.client import CountyClient
from sync.errors import NetworkError, ServerError, SyncError
from sync.fetch_refusal import clear_refusal, record_refusal
from sync.protocol import HeartbeatAnswer, HeartbeatRequest
from sync.release_fetch import FetchResult, fetch_release
from sync.release_key_fetch import refresh_release_key
from sync.state import read_status, record_error, update_state
from sync.update_report import update_report

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
    fetched: FetchResult | None = None
    """What became of an offered release (None: none offered, or fetching failed)."""


def send_heartbeat(client: CountyClient, engine: Engine, *, config: Config, uptime_s: float,
                   now: datetime) -> HeartbeatOutcome:
    """Send the health report, record the answer in ``sync_state``, write syncd's
    health mark, and fetch an offered release (:func:`fetch_release`).

    Reader and printer states are what the kiosk UI last recorded
    (kiosk.devices; "unknown" until it has); the last install attempt is
    what the updater recorded under ``[update] root`` (sync.update_report).
    Raises SyncError for the heartbeat itself; a failed release download is
    logged and recorded as the last error but does not fail the heartbeat
    (the next one resumes it); a refused one (not a network fault) is also
    reported to the county by the next heartbeat (sync.fetch_refusal).
    """
    db_path = config.store.path
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
                            disk_total_bytes=total,
                            update=update_report(config.update.root, config.update.spool),
                            channel=config.update.channel)
    try:
        answer = client.heartbeat(beat)
    except (NetworkError, ServerError):
        # The county being out of reach says nothing about this version: a rural
        # link down during an update's health wait must not make the updater
        # revert a good release (and then never fetch it again).
        mark_healthy("syncd", __version__, health_dir=config.update.health_dir)
        raise
    release = answer.release.version if answer.release is not None else None
    with write_connection(engine) as conn:
        update_state(conn, last_heartbeat_at=now, settings_version=answer.settings_version,
                     release_available=release)
    mark_healthy("syncd", __version__, health_dir=config.update.health_dir)
    kinds = {a.kind for a in answer.pending_actions}
    pull = "sync" in kinds or answer.settings_version > status.local_settings_version
    log_event(log, logging.INFO, "heartbeat", cursor=status.cursor,
              outbox=status.outbox_depth, settings_version=answer.settings_version,
              actions=",".join(sorted(kinds)) or "-", release=release)
    fetched = None
    if answer.release is not None and answer.release.version != __version__:
        try:
            refresh_release_key(client, config)  # none yet, or rotated: sync.release_key_fetch
            fetched = fetch_release(client, answer.release, config=config, now=now)
        except (SyncError, OSError) as exc:
            code = exc.code if isinstance(exc, SyncError) else "release.spool_unwritable"
            log_event(log, logging.WARNING, "release_fetch_failed", version=release,
                      code=code, error=str(exc)[:300])
            record_error(engine, code, f"release {release}: {exc}"[:500], now=now)
            # Told to the county in the next heartbeat (sync.fetch_refusal).
            record_refusal(config.update.spool, answer.release.version, exc, now=now)
        else:
            if fetched.action in ("ready", "waiting"):
                clear_refusal(config.update.spool)
    return HeartbeatOutcome(answer, pull, "resync" in kinds, fetched)
