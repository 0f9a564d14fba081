"""`county serve` run as a real process for a test: a free loopback port, and waiting until
the server answers there."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx

__all__ = ["free_port", "wait_up"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    """Return once the server at ``base`` answers HTTP; fail if ``proc`` exits first or
    two minutes pass."""
    deadline = time.monotonic() + 120  # imports and migrations on a loaded machine
    while True:
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=10)
            return
        except httpx.TransportError:
            assert proc.poll() is None, "county serve exited"
            assert time.monotonic() < deadline, "county serve did not come up"
            time.sleep(0.1)
