"""Terminals' update reports and scope pins on the real county server (SQLite and PostgreSQL).

A heartbeat carrying the terminal's last install attempt is stored and shown
by `county terminals` (text and ``--json``) and counted per release by
`county release list`; a heartbeat without one (an older terminal) still
works and keeps what was stored. A pin published to a township reaches a
terminal enrolled there afterwards.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from releases.helpers import good_bundle
from sqlalchemy import Engine

from county.cli import main
from county.releases import Scope, list_releases, publish, trust_key, unpin
from county_server.conftest import auth, enroll_terminal
from county_server.release_offers import OTHER, PILOT, offered
from sync.protocol.release import generate_private_key, public_key_pem

_KEY = generate_private_key()
REVERTED = {"version": "1.4.0", "from_version": "1.3.0", "result": "reverted",
            "code": "update.unhealthy",
            "message": "ui did not report 1.4.0 healthy within 120 s",
            "finished_at": "2026-11-22T09:30:00+08:00", "installed": ["1.3.0", "1.4.0"]}


def _now() -> datetime:
    return datetime.now(UTC)


def _beat(http: httpx.Client, terminal: dict[str, str], version: str,
          update: dict[str, Any] | None = None) -> httpx.Response:
    body: dict[str, Any] = {"version": version, "uptime_s": 60, "reader": "ready",
                            "printer": "ready", "outbox_depth": 0, "disk_free_bytes": 2**30}
    if update is not None:
        body["update"] = update
    return http.post("/api/v1/heartbeat", headers=auth(terminal), json=body)


def _county(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _publish(engine: Engine, tmp_path: Path, version: str, *scopes: Scope,
             pin: bool = False) -> None:
    bundle = tmp_path / version / f"village-kiosk-{version}-stable.bundle"
    if not bundle.exists():  # one bundle per version: republishing must be the same file
        bundle = good_bundle(tmp_path / version, _KEY, version=version, now=_now())
    publish(engine, version, bundle, releases_dir=tmp_path / "store", scopes=scopes, pin=pin,
            now=_now())


def test_update_report_is_stored_shown_and_counted(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))
    _publish(seeded_engine, tmp_path, "1.4.0")
    failing = enroll_terminal(seeded_engine, client)
    old = enroll_terminal(seeded_engine, client)
    fine = enroll_terminal(seeded_engine, client)

    assert _beat(client, failing, "1.3.0", REVERTED).status_code == 200
    assert _beat(client, old, "1.3.0").status_code == 200  # no report: an older terminal
    installed = {**REVERTED, "result": "installed", "code": "update.ok", "message": ""}
    assert _beat(client, fine, "1.4.0", installed).status_code == 200
    # A later heartbeat without a report keeps the stored one.
    assert _beat(client, failing, "1.3.0").status_code == 200

    rows = {r["terminal_id"]: r for r in json.loads(
        _county(capsys, "terminals", "--json", "--db", seeded_url))}
    assert rows[failing["terminal_id"]]["last_update"] == {
        "version": "1.4.0", "from_version": "1.3.0", "result": "reverted",
        "code": "update.unhealthy", "message": "ui did not report 1.4.0 healthy within 120 s",
        "finished_at": "2026-11-22T01:30:00+00:00", "installed": ["1.3.0", "1.4.0"]}
    assert rows[old["terminal_id"]]["last_update"] is None
    assert rows[fine["terminal_id"]]["last_update"]["result"] == "installed"

    text = _county(capsys, "terminals", "--db", seeded_url)
    [line] = [ln for ln in text.splitlines() if "update 1.4.0" in ln]
    assert "REVERTED [update.unhealthy]" in line and "within 120 s" in line

    [release] = json.loads(_county(capsys, "release", "list", "--json", "--db", seeded_url))
    assert (release["version"], release["running"], release["failed"]) == ("1.4.0", 1, 1)
    assert release["failed_by_code"] == {"update.unhealthy": 1}
    assert "running 1, failed 1 (update.unhealthy 1)" in _county(capsys, "release", "list",
                                                                 "--db", seeded_url)


BAD_REPORTS: list[dict[str, Any]] = [{"code": "x" * 61}, {"result": "exploded"},
               {"finished_at": "2026-11-22T09:30:00"}, {"finished_at": "1900-01-01T00:00:00Z"},
               {"installed": ["1.0"] * 21}, {"installed": ["1\x00"]}, {"version": "1\x00"},
               {"surprise": 1}]


def test_a_bad_update_report_is_refused_not_stored(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client,
        capsys: pytest.CaptureFixture[str]) -> None:
    terminal = enroll_terminal(seeded_engine, client)
    for bad in BAD_REPORTS:
        answer = _beat(client, terminal, "1.3.0", {**REVERTED, **bad})
        assert answer.status_code == 422, (bad, answer.text)
        assert answer.json()["error"]["code"] == "request.invalid"
    [row] = json.loads(_county(capsys, "terminals", "--json", "--db", seeded_url))
    assert row["last_update"] is None and row["last_heartbeat_at"] is None


def test_a_township_pin_reaches_terminals_enrolled_later(
        seeded_engine: Engine, client: httpx.Client, tmp_path: Path) -> None:
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))
    _publish(seeded_engine, tmp_path, "1.3.0")
    _publish(seeded_engine, tmp_path, "1.4.0")
    # Roll the pilot township back before any of its terminals exists.
    _publish(seeded_engine, tmp_path, "1.3.0", Scope("township", PILOT), pin=True)

    late = enroll_terminal(seeded_engine, client, township=PILOT)
    elsewhere = enroll_terminal(seeded_engine, client, township=OTHER, village="兰里村")
    assert offered(client, late, "1.4.0") == ("1.3.0", True)
    assert client.get("/api/v1/releases/1.3.0", headers=auth(late)).status_code == 200
    assert offered(client, elsewhere, "1.4.0") is None
    by_version = {r.version: r for r in list_releases(seeded_engine)}
    assert by_version["1.3.0"].pinned_scopes == (f"township:{PILOT}",)
    assert by_version["1.3.0"].pinned_terminals == (late["terminal_id"],)

    # The latest pin covering a terminal wins, whatever its scope.
    _publish(seeded_engine, tmp_path, "1.4.0", Scope("terminal", late["terminal_id"]), pin=True)
    assert offered(client, late, "1.3.0") == ("1.4.0", True)
    _publish(seeded_engine, tmp_path, "1.3.0", pin=True)  # county-wide: replaces both
    assert offered(client, late, "1.4.0") == ("1.3.0", True)
    assert offered(client, elsewhere, "1.4.0") == ("1.3.0", True)
    assert [r.pinned_scopes for r in list_releases(seeded_engine)] == [(), ("county",)]

    # A pin belongs to its scope: unpinning the township leaves the county's pin.
    lifted = unpin(seeded_engine, [Scope("township", PILOT)])
    assert (lifted.unpinned, lifted.still_pinned) == (0, ("county → 1.3.0",))
    assert unpin(seeded_engine, []).unpinned == 2
    assert offered(client, late, "1.3.0") == ("1.4.0", False)
    newcomer = enroll_terminal(seeded_engine, client, township=PILOT)
    assert offered(client, newcomer, "1.4.0") is None
