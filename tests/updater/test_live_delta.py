"""Small updates end to end, with a real county server on loopback.

Release 1 is installed from its full bundle (a first install, as from a USB
stick); the installer keeps its wheels in the store. Release 2 changes only
the project wheel: syncd fetches that one file by hash — nothing else goes
over the wire — rebuilds the county's bundle byte for byte, and root
installs it. A release whose file the county serves altered is refused
before anything reaches ready/. (A cut in the middle of a file and its
resumption: tests/updater/test_live_fetch.py.)
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from county_server.live import LiveServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy import Engine
from syncd.conftest import enrollment_code
from syncd.faultproxy import FaultProxy

from county.releases import Scope, publish, trust_key
from kiosk.config import load_config
from kiosk.store import open_store
from sync.client import ClientSettings, CountyClient
from sync.enroll import enroll_terminal
from sync.heartbeat import send_heartbeat
from sync.protocol.release import public_key_pem, write_bundle
from sync.state import read_status
from updater.conftest import write_update_terminal
from updater.fakerelease import build_filler_wheel, build_wheel

FILLER = 300_000
LONG_NAME = ("longdep-1.0-cp311-cp311-manylinux1_x86_64.manylinux_2_28_x86_64."
             "manylinux_2_5_x86_64.musllinux_1_2_x86_64.whl")


def _bundles(build: Path, key: Ed25519PrivateKey, versions: list[str]) -> dict[str, Path]:
    """Bundles of ``versions`` sharing one filler wheel and one wheel with a name over 100
    bytes; only the project wheel differs between them."""
    shared = build / "shared"
    shared.mkdir(parents=True)
    filler = build_filler_wheel(shared, FILLER)
    long_dep = shared / LONG_NAME  # a real zip; pip never installs it (not required)
    (build / "long").mkdir()
    shutil.move(build_filler_wheel(build / "long", 5000), long_dep)
    assert len(LONG_NAME) > 100
    now = datetime.now(UTC).replace(microsecond=0)
    out = {}
    for version in versions:
        project = build_wheel(build / f"w-{version}", version)
        out[version] = build / f"{version}.tar"
        write_bundle(out[version], [project, filler, long_dep], version=version,
                     channel="stable", expires_at=now.replace(year=now.year + 1),
                     private_key=key, now=now)
    return out


def test_a_second_release_fetches_only_the_changed_file(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundles = _bundles(tmp_path / "build", release_key, ["1.0.0", "2.0.0", "3.0.0"])
    county_dir = tmp_path / "county-releases"
    term = write_update_terminal(tmp_path / "terminal", release_key)
    config = load_config(term.config)
    engine = open_store(term.db)

    # 1. First install from the full bundle.
    done = term.cli("install", str(bundles["1.0.0"]))
    assert done.returncode == 0, done.stderr
    assert term.dirs.current() == "1.0.0" and term.current_runs() == "1.0.0"
    held = sorted(p.name for p in term.dirs.store.iterdir())
    assert len(held) == 3  # project wheel, filler, the long-named wheel

    # 2. Release 2 is offered: only its project wheel is fetched.
    publish(county_engine, "2.0.0", bundles["2.0.0"], releases_dir=county_dir,
            scopes=[Scope("county")], pin=False, now=now)
    project2 = tmp_path / "build" / "w-2.0.0" / "village_kiosk-2.0.0-py3-none-any.whl"
    with LiveServer(county_engine) as county, FaultProxy(county.port, seed=1) as proxy:
        enroll_terminal(config, engine, enrollment_code(county_engine), proxy.url)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(proxy.url, token, ClientSettings(retries=0)) as client:
            outcome = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
        sent = bytes(proxy.client_bytes).decode("latin-1")
    assert outcome.fetched is not None and outcome.fetched.action == "ready"
    files = outcome.fetched.files
    assert files is not None
    assert files.files == ("wheels/village_kiosk-2.0.0-py3-none-any.whl",)
    assert files.bytes == project2.stat().st_size
    assert files.held == 2
    assert files.bytes < bundles["2.0.0"].stat().st_size / 50
    requests = re.findall(r"GET (/api/v1/releases/\S+) HTTP", sent)
    assert requests == ["/api/v1/releases/2.0.0/manifest",
                        f"/api/v1/releases/2.0.0/files/{_sha(project2)}"]
    ready = term.spool / "ready" / "2.0.0.tar"
    assert ready.read_bytes() == bundles["2.0.0"].read_bytes()
    gc.collect()

    done = term.cli("install", "--ready")
    assert done.returncode == 0, done.stderr
    assert term.dirs.current() == "2.0.0" and term.current_runs() == "2.0.0"
    assert _sha(project2) in {p.name for p in term.dirs.store.iterdir()}

    # 3. The county's copy of release 3's new file is altered: refused, nothing handed over.
    stored = publish(county_engine, "3.0.0", bundles["3.0.0"], releases_dir=county_dir,
                     scopes=[Scope("county")], pin=False, now=now).path
    data = bytearray(stored.read_bytes())
    project3 = (tmp_path / "build" / "w-3.0.0" / "village_kiosk-3.0.0-py3-none-any.whl")
    at = data.find(project3.read_bytes())
    assert at > 0
    data[at + 100] ^= 0x01
    stored.write_bytes(bytes(data))
    with LiveServer(county_engine) as county, \
            CountyClient(county.url, token, ClientSettings(retries=0)) as client:
        refused = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    assert refused.fetched is None
    assert read_status(engine).last_error_code == "release.download_mismatch"
    assert not (term.spool / "ready" / "3.0.0.tar").exists()
    assert list(term.spool.glob("*/*.part")) == []
    engine.dispose()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_county_without_small_updates_sends_the_whole_bundle(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey) -> None:
    now = datetime.now(UTC)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    bundles = _bundles(tmp_path / "build", release_key, ["2.0.0"])
    publish(county_engine, "2.0.0", bundles["2.0.0"], releases_dir=tmp_path / "county",
            scopes=[Scope("county")], pin=False, now=now)
    term = write_update_terminal(tmp_path / "terminal", release_key)
    config = load_config(term.config)
    engine = open_store(term.db)
    county = LiveServer(county_engine)
    # The county as it was before small updates: the same app without the two routes.
    app = county._server.config.app
    assert isinstance(app, FastAPI)
    app.router.routes[:] = [r for r in app.router.routes
                            if "/files/" not in getattr(r, "path", "")
                            and not getattr(r, "path", "").endswith("/manifest")]
    with county, FaultProxy(county.port, seed=1) as proxy:
        enroll_terminal(config, engine, enrollment_code(county_engine), proxy.url)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(proxy.url, token, ClientSettings(retries=0)) as client:
            outcome = send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
        sent = bytes(proxy.client_bytes).decode("latin-1")
    engine.dispose()
    assert outcome.fetched is not None and outcome.fetched.action == "ready"
    assert outcome.fetched.files is None  # not file by file
    assert re.findall(r"GET (/api/v1/releases/\S+) HTTP", sent) == [
        "/api/v1/releases/2.0.0/manifest", "/api/v1/releases/2.0.0"]
    assert (term.spool / "ready" / "2.0.0.tar").read_bytes() == bundles["2.0.0"].read_bytes()
