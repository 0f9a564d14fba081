"""What `county serve` holds up against (issue 12, the smaller findings)."""

from __future__ import annotations

import resource
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from county.complaints import ComplaintLimits, list_complaints
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer


@pytest.mark.parametrize("token", [
    pytest.param("s1.1.5.zzz", id="letters for the complaint ids"),
    pytest.param("s1.1.4.12a", id="letters for the payment ids"),
    pytest.param("s1.1.1.x", id="a key in the settings section"),
    pytest.param("s1.1.4.99999999999999999999", id="a payment id beyond BIGINT"),
])
def test_a_resume_token_with_an_impossible_key_is_400(client: httpx.Client,
                                                      terminal: dict[str, str],
                                                      token: str) -> None:
    answer = client.get("/api/v1/snapshot", params={"resume": token}, headers=auth(terminal))
    assert answer.status_code == 400, answer.text[:200]
    assert answer.json()["error"]["code"] == "snapshot.invalid_resume"


FILED_AT = datetime.now(UTC).isoformat()


def _complaint(key: str) -> dict[str, Any]:
    return {"idempotency_key": key, "ticket_no": f"T-{key}", "category": "other",
            "text": "补贴没收到", "anonymous": True, "created_at": FILED_AT}


def test_a_terminal_beyond_its_complaint_cap_gets_429_and_retries_still_answer(
        seeded_engine: Engine) -> None:
    with LiveServer(seeded_engine, complaint_limits=ComplaintLimits(per_hour=3,
                                                                    per_day=10)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        flooding = enroll_terminal(seeded_engine, http)
        other = enroll_terminal(seeded_engine, http)
        for n in range(3):
            answer = http.post("/api/v1/complaints", json=_complaint(f"flood-{n:04d}"),
                               headers=auth(flooding))
            assert answer.status_code == 200, answer.text
        refused = http.post("/api/v1/complaints", json=_complaint("flood-0003"),
                            headers=auth(flooding))
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "complaint.rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        # A retry of a complaint already received is answered, cap or not.
        again = http.post("/api/v1/complaints", json=_complaint("flood-0001"),
                          headers=auth(flooding))
        assert again.status_code == 200 and again.json()["duplicate"] is True
        # The cap is per terminal.
        fine = http.post("/api/v1/complaints", json=_complaint("other-0001"),
                         headers=auth(other))
        assert fine.status_code == 200, fine.text
    assert len(list_complaints(seeded_engine, terminal_id=flooding["terminal_id"])) == 3


# --- a real `county serve` process: request deadlines and the connection cap ---------------

def _serve(tmp_path: Path, *args: str, open_files: int | None = None) -> tuple[
        subprocess.Popen[bytes], int]:
    """`county serve` on a free port, up and answering; (process, port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])

    def limit_files() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("county")), "serve", "--db",
             f"sqlite:///{tmp_path / 'served.db'}", "--port", str(port), "--log-level",
             "warning", *args], stdout=subprocess.DEVNULL, stderr=log, preexec_fn=limit_files)
    deadline = time.monotonic() + 120  # imports and migrations on a loaded machine
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=10)
            return proc, port
        except httpx.TransportError:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "county serve did not come up"
            time.sleep(0.1)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def _closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed ``sock`` (EOF or reset); waits for it (60 s hang guard)."""
    sock.settimeout(60)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.mark.parametrize("half", [
    pytest.param(b"GET /api/v1/changes HTTP/1.1\r\nHost: county\r\n", id="headers unfinished"),
    pytest.param(b"POST /api/v1/complaints HTTP/1.1\r\nHost: county\r\n"
                 b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"idem",
                 id="body unfinished"),
    pytest.param(b"", id="nothing sent"),
])
def test_a_half_sent_request_is_closed(tmp_path: Path, half: bytes) -> None:
    proc, port = _serve(tmp_path, "--header-timeout", "1", "--body-timeout", "1")
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(half)
            assert _closed_by_server(sock)
        # and a whole request on a fresh connection is still served
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/changes",
                         timeout=30).status_code == 401
    finally:
        _stop(proc)
    assert "request" in (tmp_path / "serve.log").read_text()


def test_a_flood_of_idle_connections_does_not_starve_real_requests(tmp_path: Path) -> None:
    # 300 half-sent requests against a server allowed 256 open files (the attack: 400 on
    # 256 made real requests time out and logged "Too many open files" by the megabyte).
    proc, port = _serve(tmp_path, "--header-timeout", "2", open_files=256)
    flood: list[socket.socket] = []
    try:
        for _ in range(300):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(b"GET /api/v1/changes HTTP/1.1\r\nHost: county\r\n")
            flood.append(sock)
        assert all(_closed_by_server(sock) for sock in flood)
        deadline = time.monotonic() + 60  # hang guard: a real request gets through
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/changes", timeout=10)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "real requests starve"
                time.sleep(0.1)
        assert answer.status_code == 401
    finally:
        for sock in flood:
            sock.close()
        _stop(proc)
    log = (tmp_path / "serve.log").read_text()
    assert "Too many open files" not in log
    assert len(log) < 200_000


def test_the_same_complaint_in_another_utc_offset_is_a_duplicate(
        client: httpx.Client, terminal: dict[str, str]) -> None:
    body = {**_complaint("offset-0001"), "created_at": "2026-11-21T10:03:04+08:00"}
    first = client.post("/api/v1/complaints", json=body, headers=auth(terminal))
    assert first.status_code == 200, first.text
    again = client.post("/api/v1/complaints", headers=auth(terminal),
                        json={**body, "created_at": "2026-11-21T02:03:04Z"})
    assert again.status_code == 200, again.text
    assert again.json()["duplicate"] is True
    assert again.json()["server_id"] == first.json()["server_id"]
    other = client.post("/api/v1/complaints", headers=auth(terminal),
                        json={**body, "created_at": "2026-11-21T02:03:05Z"})
    assert other.status_code == 409  # another instant is another complaint


def test_a_ticket_number_carries_the_filing_terminals_code(
        seeded_engine: Engine, client: httpx.Client) -> None:
    first = enroll_terminal(seeded_engine, client)
    second = enroll_terminal(seeded_engine, client)

    def post(who: dict[str, str], key: str, ticket: str) -> httpx.Response:
        return client.post("/api/v1/complaints", headers=auth(who),
                           json={**_complaint(key), "ticket_no": ticket})

    assert post(first, "ticket-0001", f"{first['terminal_id']}-000001").status_code == 200
    assert post(first, "ticket-0002", "QS01-000001").status_code == 200
    # The attack: T2 files under T1's id, or under a code T1's complaints carry.
    for key, ticket in (("ticket-0101", f"{first['terminal_id']}-000002"),
                        ("ticket-0102", "QS01-000009")):
        refused = post(second, key, ticket)
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"]["code"] == "complaint.ticket_not_yours"
    assert post(second, "ticket-0103", f"{second['terminal_id']}-000001").status_code == 200
    assert post(second, "ticket-0104", "QS02-000001").status_code == 200
