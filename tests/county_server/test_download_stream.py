"""Big downloads are streamed: the server never holds a release file whole in memory.

`county serve` runs as its own process on loopback; a release whose wheel is
far bigger than the bound asserted here is published; the bundle, the wheel
by hash and a Range near the end of it are downloaded through the server while
its peak resident memory (``VmHWM``) is watched. Reading the file whole
would raise the peak by at least the file's size.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from county.releases import Scope, publish, trust_key
from county_server.conftest import auth, enroll_terminal
from county_server.serve_run import free_port, wait_up
from sync.protocol.release import generate_private_key, public_key_pem, write_bundle

_REPO = Path(__file__).resolve().parents[2]
_BIG = 96 * 2**20
_BOUND = 40 * 2**20  # the peak may rise this much at most while the big file goes out
_KEY = generate_private_key()


def _peak(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert match, status
    return int(match.group(1)) * 1024


@pytest.fixture
def county_process(seeded_url: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """`county serve` (one process) on the seeded county: base URL and pid."""
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    env = {**os.environ, "PYTHONPATH": str(_REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "county.cli", "serve", "--db", seeded_url,
                             "--port", str(port), "--log-level", "warning"],
                            stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc)
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()


def _big_release(engine: Engine, tmp_path: Path) -> tuple[str, bytes]:
    """Publish 2.0.0 with one wheel of :data:`_BIG` bytes; its sha256 and last 1000 bytes."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    wheel = wheels / "village_kiosk-2.0.0-py3-none-any.whl"
    digest = hashlib.sha256()
    block = os.urandom(2**20)
    with wheel.open("wb") as out:
        for i in range(_BIG // len(block)):
            chunk = bytes([i % 251]) + block[1:]
            digest.update(chunk)
            out.write(chunk)
    now = datetime.now(UTC)
    bundle = tmp_path / "village-kiosk-2.0.0.bundle"
    write_bundle(bundle, [wheel], version="2.0.0", channel="stable",
                 expires_at=now + timedelta(days=30), private_key=_KEY, now=now)
    wheel.unlink()
    trust_key(engine, public_key_pem(_KEY.public_key()))
    publish(engine, "2.0.0", bundle, releases_dir=tmp_path / "store", scopes=[Scope("county")],
            pin=False, now=now)
    bundle.unlink()
    return digest.hexdigest(), block[-1000:]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_big_release_goes_out_streamed(county_process: tuple[str, int],
                                         seeded_engine: Engine, tmp_path: Path) -> None:
    base, pid = county_process
    sha256, last = _big_release(seeded_engine, tmp_path)
    size = _BIG
    with httpx.Client(base_url=base, timeout=120) as http:
        headers = auth(enroll_terminal(seeded_engine, http))
        # Warm up every route once (imports, pools), then measure the peak from here.
        assert http.get("/api/v1/releases/2.0.0/manifest", headers=headers).status_code == 200
        assert http.get(f"/api/v1/releases/2.0.0/files/{sha256}", headers={
            **headers, "Range": "bytes=0-9"}).status_code == 206
        assert http.get("/api/v1/releases/2.0.0", headers={
            **headers, "Range": "bytes=0-9"}).status_code == 206
        before = _peak(pid)

        with http.stream("GET", f"/api/v1/releases/2.0.0/files/{sha256}",
                         headers=headers) as answer:
            assert answer.status_code == 200
            assert int(answer.headers["content-length"]) == size
            got = hashlib.sha256()
            received = 0
            for chunk in answer.iter_bytes():
                got.update(chunk)
                received += len(chunk)
        assert received == size and got.hexdigest() == sha256

        with http.stream("GET", "/api/v1/releases/2.0.0", headers=headers) as answer:
            assert answer.status_code == 200
            bundle_size = int(answer.headers["content-length"])
            assert bundle_size > size
            assert sum(len(c) for c in answer.iter_bytes()) == bundle_size

        # Resuming near the end of the big file: only the rest is sent.
        tail = http.get(f"/api/v1/releases/2.0.0/files/{sha256}",
                        headers={**headers, "Range": f"bytes={size - 1000}-"})
        assert tail.status_code == 206 and tail.content == last
        assert tail.headers["content-range"] == f"bytes {size - 1000}-{size - 1}/{size}"

        # The snapshot streams as well (gzip chunks as the lines come).
        with http.stream("GET", "/api/v1/snapshot", headers=headers) as answer:
            assert answer.status_code == 200
            assert "content-length" not in answer.headers
            assert answer.headers.get("transfer-encoding") == "chunked"
            assert sum(1 for _ in answer.iter_raw()) >= 1
    grown = _peak(pid) - before
    assert grown < _BOUND, f"the server's peak memory rose {grown / 2**20:.0f} MiB"
