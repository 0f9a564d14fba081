"""The whole way with a real county server on loopback.

The county trusts the release key and publishes a signed bundle; the
terminal enrolls (receiving the key), its heartbeat is answered with the
offer, syncd fetches the release's files (it holds none yet) through a proxy
that cuts the connection in the middle of a file, resumes that file with an
HTTP Range on the next heartbeat, rebuilds the bundle, checks and verifies it
and leaves it in the spool's ready/; then `kiosk update install --ready`
(what the root-owned path unit runs) installs it. Fetching only what changed
is tests/updater/test_live_delta.py.
"""

from __future__ import annotations

import gc
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from county_server.live import LiveServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from syncd.conftest import enrollment_code
from syncd.faultproxy import FaultProxy

from county.releases import Scope, publish, trust_key
from kiosk import __version__
from kiosk.config import load_config
from kiosk.health import read_mark
from kiosk.store import open_store
from kiosk.update_state import Attempt, StateFiles
from sync.client import ClientSettings, CountyClient
from sync.daemon import SyncDaemon
from sync.enroll import enroll_terminal
from sync.heartbeat import HeartbeatOutcome, send_heartbeat
from sync.protocol import ReleaseInfo
from sync.protocol.release import public_key_b64, public_key_pem
from sync.protocol.release.pin import sign_pin
from sync.release_fetch import fetch_release
from sync.state import read_status
from updater.conftest import UpdTerminal, write_update_terminal
from updater.fakerelease import make_bundle

BUNDLE_FILLER = 400_000


def test_offered_release_is_downloaded_resumed_verified_and_installed(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundle = make_bundle(tmp_path / "build", "2.0.0", key=release_key,
                         filler_bytes=BUNDLE_FILLER)
    publish(county_engine, "2.0.0", bundle, releases_dir=tmp_path / "county-releases",
            scopes=[Scope("county")], pin=False, now=now)
    # A newer release of the pilot channel: this (stable) terminal is not offered it.
    pilot = make_bundle(tmp_path / "build", "2.1.0", key=release_key, channel="pilot")
    publish(county_engine, "2.1.0", pilot, releases_dir=tmp_path / "county-releases",
            scopes=[Scope("county")], pin=False, now=now)
    term = write_update_terminal(tmp_path / "terminal", release_key, pubkey_file=False)
    config = load_config(term.config)
    engine = open_store(term.db)
    with LiveServer(county_engine) as county, \
            FaultProxy(county.port, seed=3, cut_bytes=(40_000, 200_000)) as proxy:
        enroll_terminal(config, engine, enrollment_code(county_engine), proxy.url)
        settings = ClientSettings(connect_timeout_s=2, read_timeout_s=5, retries=0)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]

        # 1. The offer arrives; the download of the big file is cut in the middle.
        proxy.set_faults(drop=1)
        with CountyClient(proxy.url, token, settings) as client:
            first = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
        assert first.answer.release is not None
        assert first.answer.release.version == "2.0.0"
        assert first.answer.release.size == bundle.stat().st_size
        assert first.fetched is None
        parts = list((term.spool / "files").glob("*.part"))
        assert len(parts) == 1
        part = parts[0]
        assert 0 < part.stat().st_size < BUNDLE_FILLER
        assert not (term.spool / "ready" / "2.0.0.tar").exists()
        assert read_status(engine).last_error_code == "sync.network"
        mark = read_mark("syncd", health_dir=term.health)
        assert mark is not None and mark.version == __version__

        # 2. The daemon's next cycle (snapshot, outbox, heartbeat) resumes where the
        #    cut left off.
        cut_at = part.stat().st_size
        sent_before = len(proxy.client_bytes)
        proxy.set_faults(pass_=1)
        report = SyncDaemon(config, engine).run_once()
        assert report.ok, report.errors
        assert report.heartbeat is not None and report.heartbeat.fetched is not None
        assert report.heartbeat.fetched.action == "ready"
        ready = term.spool / "ready" / "2.0.0.tar"
        assert ready.read_bytes() == bundle.read_bytes()  # rebuilt byte for byte
        assert not ready.with_suffix(".pin").exists()  # not pinned
        assert list((term.spool / "downloads").iterdir()) == []
        assert list((term.spool / "files").iterdir()) == []
        assert f"Range: bytes={cut_at}-".lower().encode() in \
            bytes(proxy.client_bytes[sent_before:]).lower()
    engine.dispose()
    gc.collect()  # a leaked bundle file, if any, warns here (warnings are errors)

    # 3. Root's path unit runs `kiosk update install --ready`.
    done = term.cli("install", "--ready")
    assert done.returncode == 0, done.stderr
    assert term.dirs.current() == "2.0.0" and term.current_runs() == "2.0.0"
    assert list((term.spool / "ready").iterdir()) == []


def test_a_download_that_differs_from_the_offer_is_dropped(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundle = make_bundle(tmp_path / "build", "2.0.0", key=release_key)
    stored = publish(county_engine, "2.0.0", bundle, releases_dir=tmp_path / "county-releases",
                     scopes=[Scope("county")], pin=False, now=now).path
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF  # bit rot on the county's disk: same size, other bytes
    stored.write_bytes(bytes(data))
    term = write_update_terminal(tmp_path / "terminal", release_key, pubkey_file=False)
    config = load_config(term.config)
    engine = open_store(term.db)
    with LiveServer(county_engine) as county:
        enroll_terminal(config, engine, enrollment_code(county_engine), county.url)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(county.url, token, ClientSettings()) as client:
            outcome = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    assert outcome.fetched is None
    status = read_status(engine)
    engine.dispose()
    assert status.last_error_code == "release.download_mismatch"
    assert list(term.spool.glob("*/*.part")) == []  # the damaged file is not kept
    assert not (term.spool / "ready").exists()


def test_a_version_that_failed_to_install_is_not_fetched_again(
        tmp_path: Path, release_key: Ed25519PrivateKey) -> None:
    term = write_update_terminal(tmp_path / "terminal", release_key)
    StateFiles(term.root).record(Attempt(
        version="2.0.0", from_version="1.0.0", started_at="2026-11-22T09:00:00+00:00",
        finished_at="2026-11-22T09:02:00+00:00", result="failed", code="update.unhealthy",
        message="ui did not report 2.0.0 healthy within 120 s"))
    offer = ReleaseInfo(version="2.0.0", url="/api/v1/releases/2.0.0", size=10, sha256="0" * 64)
    # Nothing listens on this port: a fetch that tried the network would fail.
    with CountyClient("http://127.0.0.1:9", "token", ClientSettings(retries=0)) as client:
        result = fetch_release(client, offer, config=load_config(term.config),
                               now=datetime.now(UTC))
    assert (result.action, result.ready) == ("skipped", None)


def _offer_pinned_lower(tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey,
                        *, signed: bool) -> tuple[HeartbeatOutcome, UpdTerminal, bytes | None]:
    """Publish 0.0.1 (below the version this syncd runs) pinned county-wide, with a signed
    pin or without; one heartbeat of a fresh terminal. (outcome, terminal, pin file)."""
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundle = make_bundle(tmp_path / "build", "0.0.1", key=release_key)
    term = write_update_terminal(tmp_path / "terminal", release_key, pubkey_file=False)
    config = load_config(term.config)
    engine = open_store(term.db)
    pin = (sign_pin(release_key, "0.0.1", ["county"], now=now,
                    expires_at=now + timedelta(days=7)) if signed else None)
    with LiveServer(county_engine) as county:
        enroll_terminal(config, engine, enrollment_code(county_engine), county.url)
        publish(county_engine, "0.0.1", bundle, releases_dir=tmp_path / "county-releases",
                scopes=[Scope("county")], pin=True, now=now, pin_file=pin)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(county.url, token, ClientSettings()) as client:
            outcome = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    engine.dispose()
    assert outcome.answer.release is not None and outcome.answer.release.pinned
    return outcome, term, pin


def test_a_pinned_lower_release_is_fetched_with_its_pin(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    outcome, term, pin = _offer_pinned_lower(tmp_path, county_engine, release_key, signed=True)
    assert pin is not None and outcome.answer.release is not None
    assert outcome.answer.release.pin == pin.decode()
    assert outcome.fetched is not None and outcome.fetched.action == "ready"
    ready = term.spool / "ready" / "0.0.1.tar"
    assert ready.with_suffix(".pin").read_bytes() == pin  # for root to check again


def test_an_unsigned_pin_from_the_server_allows_no_rollback(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    # The heartbeat's pinned flag alone (a pin published without a signed statement, or
    # a server that lies) must not let a lower release through.
    outcome, term, _ = _offer_pinned_lower(tmp_path, county_engine, release_key, signed=False)
    assert outcome.answer.release is not None and outcome.answer.release.pin is None
    assert outcome.fetched is None
    assert not (term.spool / "ready" / "0.0.1.tar").exists()


def test_a_terminal_enrolled_before_the_key_was_trusted_takes_it_and_fetches(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    # The case: enrolled before `county release trust`, it used to download the
    # release and refuse it with update.no_key. It now takes the county's key over its
    # authenticated channel (sync.release_key_fetch) and fetches the release.
    now = datetime.now(UTC)
    bundle = make_bundle(tmp_path / "build", "2.0.0", key=release_key)
    term = write_update_terminal(tmp_path / "terminal", release_key, pubkey_file=False)
    config = load_config(term.config)
    engine = open_store(term.db)
    with LiveServer(county_engine) as county:
        enroll_terminal(config, engine, enrollment_code(county_engine), county.url)
        enrollment = term.dir / "enrollment.json"
        saved = json.loads(enrollment.read_text())
        assert saved["release_public_key"] == ""  # no key trusted at enrollment
        trust_key(county_engine, public_key_pem(release_key.public_key()))
        publish(county_engine, "2.0.0", bundle, releases_dir=tmp_path / "county-releases",
                scopes=[Scope("county")], pin=False, now=now)
        with CountyClient(county.url, saved["token"], ClientSettings()) as client:
            outcome = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    engine.dispose()
    assert outcome.fetched is not None and outcome.fetched.action == "ready"
    assert json.loads(enrollment.read_text())["release_public_key"] == \
        public_key_b64(release_key.public_key())
    done = term.cli("install", "--ready")  # root verifies with the key taken
    assert done.returncode == 0, done.stderr
    assert term.dirs.current() == "2.0.0"
