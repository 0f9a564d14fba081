"""Device states the kiosk UI publishes for the sync daemon's heartbeat.

The UI process owns the reader and the printer; the daemon, a separate
process, reports their health to the county. They meet in one small table.
States are the drivers' stable identifiers (``ready``, ``paper_out`` …).
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.store.engine import write_connection
from kiosk.store.models import DeviceStatus, utcnow

__all__ = ["DEVICES", "read_device_states", "record_device_state"]

DEVICES = ("reader", "printer")


def record_device_state(engine: Engine, device: str, state: str) -> None:
    """Upsert ``device``'s state (call on change only). Raises ``ValueError``, SQL errors."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}")
    statement = sqlite_insert(DeviceStatus).values(device=device, state=state[:40],
                                                   updated_at=utcnow())
    statement = statement.on_conflict_do_update(
        index_elements=[DeviceStatus.device],
        set_={"state": statement.excluded.state, "updated_at": statement.excluded.updated_at})
    with write_connection(engine) as conn:
        conn.execute(statement)


def read_device_states(engine: Engine) -> dict[str, str]:
    """Every known device's last state; devices never reported are ``unknown``."""
    with engine.connect() as conn:
        rows = dict(conn.execute(select(DeviceStatus.device, DeviceStatus.state)).all())
    return {device: str(rows.get(device, "unknown")) for device in DEVICES}
