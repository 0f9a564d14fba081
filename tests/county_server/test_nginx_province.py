"""deploy/nginx/county-province.conf, run by Debian's nginx in front of two app processes.

The example is used as shipped (only its ports and certificate paths changed for
loopback) with two real `county serve` processes behind it, one per upstream
line, as deploy/systemd/county@.service runs them. Polls through nginx are
answered by each process; with one process killed every poll is still
answered, by the other. The IT-staff guide shows this same file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from county.querycount import ENV as COUNT_ENV
from county.terminals import new_enrollment_code
from county_server.nginx_run import free_port, run_nginx, self_signed
from county_server.serve_run import wait_up

_REPO = Path(__file__).resolve().parents[2]
EXAMPLE = _REPO / "deploy" / "nginx" / "county-province.conf"
GUIDE = _REPO / "docs" / "it-staff-guide.md"


def _loopback(config: str, *, upstreams: list[int], https: int, http: int, cert: Path,
              key: Path) -> str:
    replaced = {"server 127.0.0.1:8081 ": f"server 127.0.0.1:{upstreams[0]} ",
                "server 127.0.0.1:8082 ": f"server 127.0.0.1:{upstreams[1]} ",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
                "listen 80;": f"listen 127.0.0.1:{http};",
                "/etc/ssl/county/fullchain.pem": str(cert),
                "/etc/ssl/county/privkey.pem": str(key)}
    for old, new in replaced.items():
        assert old in config, f"the example no longer says {old!r}"
        config = config.replace(old, new)
    return config


@pytest.fixture
def app_processes(seeded_url: str,
                  tmp_path: Path) -> Iterator[list[tuple[int, subprocess.Popen[bytes]]]]:
    """Two `county serve` processes on the seeded county: (port, process) each."""
    counts = tmp_path / "counts"
    counts.mkdir()
    # X-County-Process says which process answered; this checkout's code.
    env = {**os.environ, COUNT_ENV: str(counts), "PYTHONPATH": str(_REPO)}
    started: list[tuple[int, subprocess.Popen[bytes]]] = []
    try:
        for i in range(2):
            port = free_port()
            with (tmp_path / f"serve{i}.log").open("wb") as log:
                started.append((port, subprocess.Popen(
                    [sys.executable, "-m", "county.cli", "serve", "--db", seeded_url, "--port",
                     str(port), "--log-level", "warning"], stdout=log, stderr=log, env=env)))
            wait_up(f"http://127.0.0.1:{port}", started[-1][1])  # one migrates at a time
        yield started
    finally:
        for _, proc in started:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=60)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_nginx_example_spreads_polls_over_the_processes(
        app_processes: list[tuple[int, subprocess.Popen[bytes]]], seeded_engine: Engine,
        tmp_path: Path) -> None:
    example = EXAMPLE.read_text(encoding="utf-8")
    assert f"```nginx\n{example}```" in GUIDE.read_text(encoding="utf-8"), \
        "the guide's §9 must show deploy/nginx/county-province.conf as it is"
    cert, key = self_signed(tmp_path)
    https, http = free_port(), free_port()
    servers = _loopback(example, upstreams=[port for port, _ in app_processes], https=https,
                        http=http, cert=cert, key=key)
    pids = {str(proc.pid) for _, proc in app_processes}
    with (run_nginx(servers, tmp_path, https=https),
          httpx.Client(base_url=f"https://127.0.0.1:{https}", verify=False,
                       timeout=60) as client):
        code, _ = new_enrollment_code(seeded_engine, township="高村镇", village="青山村",
                                      now=datetime.now(UTC), valid_for=timedelta(hours=1))
        enrolled = client.post("/api/v1/enroll", json={"code": code})
        assert enrolled.status_code == 200, enrolled.text
        headers = {"Authorization": f"Bearer {enrolled.json()['token']}"}

        def poll() -> str:
            answer = client.get("/api/v1/changes", params={"limit": 5}, headers=headers)
            assert answer.status_code == 200, answer.text
            return answer.headers["X-County-Process"]

        answered = {poll() for _ in range(8)}
        assert answered == pids  # round robin: each process answered some

        # One process dies: nginx sends every poll to the other.
        _, dead = app_processes[0]
        dead.send_signal(signal.SIGKILL)
        dead.wait(timeout=30)
        assert {poll() for _ in range(6)} == {str(app_processes[1][1].pid)}
