"""Debian's nginx run for a test: a server block file in front of loopback app processes."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from county_server.serve_run import free_port

__all__ = ["free_port", "run_nginx", "self_signed"]


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate and key for localhost: (cert, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@contextlib.contextmanager
def run_nginx(servers: str, directory: Path, *, https: int) -> Iterator[None]:
    """nginx with ``servers`` (upstream and server blocks) in its http block, in the
    foreground, its files under ``directory``; returns once it listens on ``https``."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: `make test` installs it (APT_PACKAGES)"
    temp = directory / "temp"
    temp.mkdir()
    conf = directory / "nginx.conf"
    conf.write_text(
        "daemon off;\nmaster_process off;\n"
        f"pid {directory / 'nginx.pid'};\nerror_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 64; }\nhttp {\n  access_log off;\n"
        + "".join(f"  {kind}_temp_path {temp / kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + servers + "}\n", encoding="utf-8")
    stderr = directory / "stderr.txt"
    with stderr.open("wb") as sink:
        proc = subprocess.Popen([binary, "-p", str(directory), "-e",
                                 str(directory / "error.log"), "-c", str(conf)],
                                stdout=subprocess.DEVNULL, stderr=sink)
    try:
        deadline = time.monotonic() + 60
        while True:  # until nginx listens, or has died saying why
            if proc.poll() is not None:
                err = stderr.read_text(errors="replace")
                raise AssertionError(f"nginx stopped: {err[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", https), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen within 60 s"
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.05)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)
