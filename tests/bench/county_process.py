"""`county serve` as a process of its own on a free loopback port, for the benchmarks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

__all__ = ["free_port", "serve_county"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_county(url: str, log: Path, *,
                 start_s: float = 60) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``county serve --db url`` (output to ``log``); the process and its base URL.

    Raises RuntimeError with the log if it does not answer within ``start_s``.
    """
    port = free_port()
    county = Path(sys.executable).with_name("county")
    with log.open("wb") as out:
        proc = subprocess.Popen([str(county), "serve", "--db", url, "--port", str(port),
                                 "--log-level", "warning"], stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_s
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=2)
            return proc, base
        except httpx.TransportError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    raise RuntimeError(f"county serve did not start: {log.read_text(errors='replace')}")
