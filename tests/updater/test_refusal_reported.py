"""A terminal that cannot install a release says why, and the county counts it by reason.

The whole way on the real county server (loopback): terminal A holds
another release key than the county's (its ``[update] pubkey`` file), so
syncd refuses the offered release before root ever sees it (sync.fetch_refusal);
terminal B's updater reverted the same release (root's record,
kiosk.update_state). Their next heartbeats carry the reasons: `county
terminals` shows each terminal's last update outcome and `county release
list` counts the failures by reason. Once A holds the right key, the release
is handed over and the refusal is forgotten.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from county_server.live import LiveServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from syncd.conftest import enrollment_code

from county.cli.main import main as county_main
from county.releases import Scope, publish, trust_key
from kiosk import __version__
from kiosk.config import load_config
from kiosk.store import open_store
from kiosk.update_state import Attempt, StateFiles
from sync.client import ClientSettings, CountyClient
from sync.enroll import enroll_terminal
from sync.fetch_refusal import REFUSAL_FILE
from sync.heartbeat import HeartbeatOutcome, send_heartbeat
from sync.protocol.release import generate_private_key, public_key_pem
from updater.conftest import UpdTerminal, write_update_terminal
from updater.fakerelease import make_bundle


def _beat(term: UpdTerminal, url: str, now: datetime) -> HeartbeatOutcome:
    config = load_config(term.config)
    engine = open_store(term.db)
    try:
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(url, token, ClientSettings()) as client:
            return send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    finally:
        engine.dispose()


def _enroll(term: UpdTerminal, county_engine: Engine, url: str) -> str:
    engine = open_store(term.db)
    try:
        enroll_terminal(load_config(term.config), engine, enrollment_code(county_engine), url)
    finally:
        engine.dispose()
    return str(json.loads(term.dir.joinpath("enrollment.json").read_text())["terminal_id"])


def _county(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = county_main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_a_refused_release_reaches_the_county_with_its_reason(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey,
        capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundle = make_bundle(tmp_path / "build", "2.0.0", key=release_key)
    publish(county_engine, "2.0.0", bundle, releases_dir=tmp_path / "county-releases",
            scopes=[Scope("county")], pin=False, now=now)
    db = ["--db", county_engine.url.render_as_string(hide_password=False)]
    a = write_update_terminal(tmp_path / "a", release_key)
    right_key = (a.dir / "release-public.pem").read_bytes()
    (a.dir / "release-public.pem").write_bytes(public_key_pem(generate_private_key()
                                                              .public_key()))
    b = write_update_terminal(tmp_path / "b", release_key, pubkey_file=False)
    with LiveServer(county_engine) as county:
        a_id, b_id = _enroll(a, county_engine, county.url), _enroll(b, county_engine, county.url)
        StateFiles(b.root).record(Attempt(
            "2.0.0", __version__, (now - timedelta(minutes=9)).isoformat(),
            (now - timedelta(minutes=8)).isoformat(), "failed", "update.unhealthy",
            "ui did not report 2.0.0 healthy within 120 s"))

        first = _beat(a, county.url, now)
        assert first.fetched is None
        refusal = json.loads((a.spool / REFUSAL_FILE).read_text())
        assert (refusal["version"], refusal["result"], refusal["code"]) == (
            "2.0.0", "refused", "release.wrong_key")
        # The next heartbeats tell the county (A's own, and B's first).
        _beat(a, county.url, now + timedelta(minutes=5))
        _beat(b, county.url, now + timedelta(minutes=5))

        rows = {r["terminal_id"]: r for r in json.loads(
            _county(capsys, "terminals", "--json", *db))}
        last = rows[a_id]["last_update"]
        assert (last["version"], last["from_version"], last["result"], last["code"]) == (
            "2.0.0", __version__, "refused", "release.wrong_key")
        assert "not with the trusted key" in last["message"]
        assert (rows[b_id]["last_update"]["result"], rows[b_id]["last_update"]["code"]) == (
            "reverted", "update.unhealthy")
        text = _county(capsys, "terminals", *db)
        lines = text.splitlines()
        [mine] = [i for i, ln in enumerate(lines) if ln.startswith(a_id)]
        assert "2.0.0 REFUSED" in lines[mine]  # the outcome column
        assert "update 2.0.0 REFUSED [release.wrong_key]" in lines[mine + 1]  # and why

        [release] = json.loads(_county(capsys, "release", "list", "--json", *db))
        assert (release["version"], release["failed"], release["failed_by_code"]) == (
            "2.0.0", 2, {"release.wrong_key": 1, "update.unhealthy": 1})
        assert "failed 2 (release.wrong_key 1, update.unhealthy 1)" in _county(
            capsys, "release", "list", *db)

        # The right key file: the release is handed to root and the refusal forgotten.
        (a.dir / "release-public.pem").write_bytes(right_key)
        later = _beat(a, county.url, now + timedelta(minutes=10))
        assert later.fetched is not None and later.fetched.action == "ready"
        assert not (a.spool / REFUSAL_FILE).exists()
