"""The read-only listings of the `county` command line in plain SQL (county/plainread.py).

Each returns what its SQLAlchemy twin returns (county.catalogue.list_items,
county.notices.list_notices, county.settings.list_settings,
county.terminals.fleet, county.corrections.list_batches), from the same
query in the same order; a test compares them on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from county.cursor import cursor_value
from county.listing_rows import (
    BatchRow,
    FleetRow,
    ItemRow,
    LastUpdate,
    NoticeRow,
    SettingRow,
    installed_versions,
)
from county.plainread import PlainDb, day, flag, utc

__all__ = ["fleet", "list_batches", "list_items", "list_notices", "list_settings"]

_FALSE = {"sqlite": "0", "postgresql": "false"}


def list_items(db: PlainDb) -> list[ItemRow]:
    """Live catalogue items by code."""
    rows = db.rows("SELECT code, name, category, department, scope, aliases FROM benefit_item "
                   f"WHERE deleted = {_FALSE[db.dialect]} ORDER BY code")
    return [ItemRow(r["code"], r["name"], r["category"], r["department"], r["scope"],
                    tuple(a for a in r["aliases"].split("|") if a)) for r in rows]


def list_notices(db: PlainDb, *, include_retired: bool = False) -> list[NoticeRow]:
    """Notices, newest first."""
    where = "" if include_retired else f"WHERE deleted = {_FALSE[db.dialect]} "
    rows = db.rows("SELECT id, kind, title, scope, township, village, published_on, expires_on, "
                   f"deleted FROM notice {where}ORDER BY published_on DESC, id DESC")
    out = []
    for r in rows:
        published = day(r["published_on"])
        assert published is not None  # NOT NULL
        out.append(NoticeRow(r["id"], r["kind"], r["title"], r["scope"], r["township"],
                             r["village"], published, day(r["expires_on"]), flag(r["deleted"])))
    return out


def list_settings(db: PlainDb) -> list[SettingRow]:
    """Live settings by key and target."""
    rows = db.rows(f"SELECT key, target, value, seq FROM setting "
                   f"WHERE deleted = {_FALSE[db.dialect]} ORDER BY key, target")
    return [SettingRow(r["key"], r["target"] or "county", r["value"], r["seq"]) for r in rows]


def fleet(db: PlainDb, *, now: datetime, silent_after: timedelta) -> list[FleetRow]:
    """Every terminal with its last reported health, by id."""
    head = int(db.rows("SELECT value FROM change_counter WHERE id = 1")[0]["value"])
    rows = db.rows("SELECT id, township, village, scope, enrolled_at, revoked_at, "
                   "last_heartbeat_at, version, cursor, outbox_depth, reader, printer, "
                   "disk_free_bytes, update_version, update_from_version, update_result, "
                   "update_code, update_message, update_finished_at, installed_versions, "
                   "person_keys FROM terminal ORDER BY id")
    out = []
    for r in rows:
        reported = cursor_value(r["cursor"])
        lag = None if reported is None else head - reported
        heartbeat = utc(r["last_heartbeat_at"])
        enrolled = utc(r["enrolled_at"])
        assert enrolled is not None  # NOT NULL
        silent = r["revoked_at"] is None and (heartbeat is None
                                              or now - heartbeat > silent_after)
        last = None if r["update_result"] is None else LastUpdate(
            r["update_version"] or "", r["update_from_version"], r["update_result"],
            r["update_code"] or "", r["update_message"] or "", utc(r["update_finished_at"]),
            installed_versions(r["installed_versions"]))
        scope = "village" if flag(r["person_keys"]) else r["scope"]
        out.append(FleetRow(r["id"], r["township"], r["village"], scope, enrolled,
                            r["revoked_at"] is not None, heartbeat, r["version"],
                            None if heartbeat is None else lag, r["outbox_depth"],
                            r["reader"], r["printer"], r["disk_free_bytes"], silent, last))
    return out


def list_batches(db: PlainDb) -> list[BatchRow]:
    """Every import batch, newest first."""
    rows = db.rows("SELECT id, file_name, imported_at, imported_by, rows_total, rows_new, "
                   "rows_superseded, rows_rejected, reverted_at, reverted_by, revert_reason "
                   "FROM import_batch ORDER BY id DESC")
    out = []
    for r in rows:
        imported = utc(r["imported_at"])
        assert imported is not None  # NOT NULL
        out.append(BatchRow(r["id"], r["file_name"], imported, r["imported_by"], r["rows_total"],
                            r["rows_new"], r["rows_superseded"], r["rows_rejected"],
                            utc(r["reverted_at"]), r["reverted_by"], r["revert_reason"]))
    return out
