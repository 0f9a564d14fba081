"""The read-only listings of the `county` command line in plain SQL (county/plainread.py).

Each returns what its SQLAlchemy twin returns (county.catalogue.list_items,
county.notices.list_notices, county.settings.list_settings,
county.terminals.fleet, county.corrections.list_batches,
county.releases.list_releases, county.console.accounts.list_users,
county.complaints.list_complaints, county.complaint_flow.service.histories), from the same
query in the same order; a test compares them on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from packaging.version import Version

from county.cursor import cursor_value
from county.listing_rows import (
    BatchRow,
    ComplaintView,
    FleetRow,
    HistoryEntry,
    ItemRow,
    LastUpdate,
    NoticeRow,
    ReleaseRow,
    SettingRow,
    User,
    installed_versions,
)
from county.plainread import PlainDb, day, flag, utc
from kiosk.identity import mask_id_numbers

__all__ = [
    "complaint_histories",
    "fleet",
    "list_batches",
    "list_complaints",
    "list_items",
    "list_notices",
    "list_releases",
    "list_settings",
    "list_users",
]

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


_FAILED = ("refused", "reverted", "failed")


def _scope_text(kind: str, target: str) -> str:
    """As ``str(county.releases.scope.Scope(kind, target))``."""
    return kind if kind == "county" else f"{kind}:{target}"


def _covers(kind: str, target: str, terminal: dict[str, object]) -> bool:
    """As county.releases.scope.covers: the county covers every terminal, a township its
    terminals, a terminal scope itself."""
    return kind == "county" or (kind == "township" and target == terminal["township"]) \
        or (kind == "terminal" and target == terminal["id"])


def list_releases(db: PlainDb) -> list[ReleaseRow]:
    """Every release, newest version first, with its scopes, pins, and how many active
    terminals run it and failed to install it."""
    releases = db.rows('SELECT version, channel, path, size, sha256, key_id, created_at, '
                       'expires_at, published_at, withdrawn_at FROM "release"')
    scopes = db.rows("SELECT id, version, kind, target, pinned_at FROM release_scope "
                     "ORDER BY id")
    active = db.rows("SELECT id, township, version, update_version, update_result, "
                     "update_code FROM terminal WHERE revoked_at IS NULL")
    live = {r["version"] for r in releases if r["withdrawn_at"] is None}
    pins: dict[object, str] = {}  # the latest pin covering a terminal wins (offer_for)
    for s in sorted((s for s in scopes if s["pinned_at"] is not None and s["version"] in live),
                    key=lambda s: (utc(s["pinned_at"]), s["id"])):
        for t in active:
            if _covers(s["kind"], s["target"], t):
                pins[t["id"]] = s["version"]
    running = Counter(t["version"] for t in active)
    failures = Counter((t["update_version"], t["update_code"]) for t in active
                       if t["update_result"] in _FAILED)
    failed: Counter[object] = Counter()
    by_code: dict[object, dict[str, int]] = {}
    # As county.releases.records.list_releases: most frequent reason first.
    for (version, code), n in sorted(failures.items(), key=lambda f: (-f[1], f[0][1] or "")):
        failed[version] += n
        by_code.setdefault(version, {})[code or "?"] = n
    out = []
    for r in sorted(releases, key=lambda r: Version(r["version"]), reverse=True):
        mine = [s for s in scopes if s["version"] == r["version"]]
        created, expires, published = (utc(r[k]) for k in ("created_at", "expires_at",
                                                             "published_at"))
        assert created is not None and expires is not None and published is not None
        out.append(ReleaseRow(
            r["version"], r["channel"], r["size"], r["sha256"], r["key_id"], created, expires,
            published, utc(r["withdrawn_at"]),
            tuple(_scope_text(s["kind"], s["target"]) for s in mine),
            tuple(sorted(str(t) for t, v in pins.items() if v == r["version"])), r["path"],
            tuple(_scope_text(s["kind"], s["target"]) for s in mine
                  if s["pinned_at"] is not None),
            int(running.get(r["version"], 0)), int(failed.get(r["version"], 0)),
            by_code.get(r["version"], {})))
    return out


def list_users(db: PlainDb) -> list[User]:
    """Every console user, by name (never the password hash)."""
    rows = db.rows("SELECT id, name, role, township, department, disabled_at, locked_until, "
                   "failed_logins FROM console_user ORDER BY name")
    return [User(r["id"], r["name"], r["role"], r["township"], r["department"],
                 r["disabled_at"] is not None, utc(r["locked_until"]), r["failed_logins"])
            for r in rows]


_COMPLAINT = ("id, terminal_id, ticket_no, category, item_code, payment_id, text, phone, "
              "anonymous, name, id_hash, created_at, received_at, reply_text, reply_at, status, "
              "level, channel, township, village, assignee, level_since, due_at, draft_reply, "
              "draft_by, about_official, satisfied, concerns")


def list_complaints(db: PlainDb, *, unreplied: bool = False,
                    terminal_id: str | None = None) -> list[ComplaintView]:
    """Complaints, oldest first; optionally only unreplied ones or one terminal's (an ID
    number in a complaint's text masked, as county.complaints.view_of does)."""
    where = []
    if unreplied:
        where.append("reply_at IS NULL")
    if terminal_id:
        where.append("terminal_id = :terminal")
    rows = db.rows(f"SELECT {_COMPLAINT} FROM complaint "
                   + (f"WHERE {' AND '.join(where)} " if where else "") + "ORDER BY id",
                   {"terminal": terminal_id} if terminal_id else None)
    out = []
    for r in rows:
        created, received = utc(r["created_at"]), utc(r["received_at"])
        assert created is not None and received is not None  # NOT NULL
        out.append(ComplaintView(
            f"C{r['id']:07d}",  # as county.models.server_id
            r["terminal_id"], r["ticket_no"], r["category"], r["item_code"], r["payment_id"],
            mask_id_numbers(r["text"]), r["phone"], flag(r["anonymous"]), r["name"],
            r["id_hash"], created, received, r["reply_text"], utc(r["reply_at"]), r["status"],
            r["level"], r["channel"], r["township"], r["village"], r["assignee"],
            utc(r["level_since"]), utc(r["due_at"]), r["draft_reply"], r["draft_by"],
            flag(r["about_official"]), None if r["satisfied"] is None else flag(r["satisfied"]),
            r["concerns"]))
    return out


def complaint_histories(db: PlainDb, ids: list[int]) -> dict[int, list[HistoryEntry]]:
    """The steps of several complaints (by row id), each oldest first."""
    out: dict[int, list[HistoryEntry]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        names = {f"c{i}": v for i, v in enumerate(chunk)}
        for r in db.rows("SELECT complaint_id, at, actor, action, from_status, to_status, "
                         "level, note FROM complaint_history WHERE complaint_id IN ("
                         + ", ".join(f":{n}" for n in names) + ") ORDER BY id", names):
            at = utc(r["at"])
            assert at is not None  # NOT NULL
            out.setdefault(r["complaint_id"], []).append(HistoryEntry(
                at, r["actor"], r["action"], r["from_status"], r["to_status"], r["level"],
                r["note"]))
    return out
