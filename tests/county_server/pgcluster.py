"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl in a temp dir.

PostgreSQL refuses to run as root, so when the tests run as root the cluster
is created and started as the ``postgres`` user through ``runuser``. Trust
authentication on 127.0.0.1 only, a random free port, fsync off (a test
cluster needs no durability), stopped with ``pg_ctl stop -m immediate``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from county_server.serve_run import free_port

__all__ = ["PgCluster", "PgPair", "find_bindir", "scratch_dir", "start_cluster",
           "start_kept_cluster", "start_standby"]

_BINDIRS = ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
            "/usr/lib/postgresql/15/bin")


def find_bindir() -> Path | None:
    """Directory of initdb/pg_ctl, or None when PostgreSQL is not installed."""
    for candidate in _BINDIRS:
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PgCluster:
    """A running cluster; :meth:`url` gives SQLAlchemy URLs for its databases."""

    bindir: Path
    datadir: Path
    port: int
    as_user: str | None
    kept: bool = False
    """A cluster in a folder the caller keeps (:func:`start_kept_cluster`): stopped cleanly,
    its files left in place."""

    def _cmd(self, *args: str) -> list[str]:
        return (["runuser", "-u", self.as_user, "--"] if self.as_user else []) + list(args)

    def run(self, tool: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run one of the cluster's binaries (``pg_dump``, ``psql`` …) as its user."""
        return subprocess.run(self._cmd(str(self.bindir / tool), *args), capture_output=True,
                              text=True, timeout=timeout, check=False)

    def sql(self, statement: str, database: str = "postgres") -> list[tuple[object, ...]]:
        """Run ``statement`` in autocommit (on a standby too); return its rows, if any."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={database}",
                             autocommit=True) as conn:
            cursor = conn.execute(statement)
            return list(cursor.fetchall()) if cursor.description else []

    def url(self, database: str) -> str:
        """``postgresql+psycopg://`` URL of ``database`` on this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name``; return its URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # name comes from the test code
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its files (a kept cluster's stay, after a checkpoint)."""
        # A kept cluster's clean stop writes a checkpoint: up to minutes on a busy disk.
        wait = 600 if self.kept else 60
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.datadir),
                                 "-m", "fast" if self.kept else "immediate", "-w", "-t",
                                 str(wait), "stop"),
                       check=False, capture_output=True, timeout=wait + 10)
        if not self.kept:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)


def _new_base(prefix: str, *, memory: bool = False) -> tuple[Path, str | None]:
    # ``memory``: in /dev/shm (tmpfs) where there is one: on a busy disk, removing a
    # cluster's files took seconds.
    shm = "/dev/shm" if memory and os.access("/dev/shm", os.W_OK) else None
    base = Path(tempfile.mkdtemp(prefix=prefix, dir=shm))
    as_user = "postgres" if os.geteuid() == 0 else None
    if as_user:
        shutil.chown(base, user=as_user)
    os.chmod(base, 0o755)
    return base, as_user


def scratch_dir(prefix: str) -> tuple[Path, str | None]:
    """A new folder the cluster user can write (in memory where possible), and that user
    (``postgres`` when the tests run as root, else None: this user)."""
    return _new_base(prefix, memory=True)


def start_cluster(bindir: Path, *, replicated: bool = False) -> PgCluster:
    """initdb and start a cluster on a free port; raises ``RuntimeError`` with pg's log.

    ``replicated``: a primary that :func:`start_standby` copies (full-page writes on;
    kept in memory like its standby).
    """
    base, as_user = _new_base("county-pg-", memory=replicated)
    datadir = base / "data"
    cluster = PgCluster(bindir, datadir, free_port(), as_user)
    _initdb(cluster)
    return _start(cluster, base, "" if replicated else " -c full_page_writes=off")


def _initdb(cluster: PgCluster) -> None:
    # -A trust also writes the replication lines (127.0.0.1), which a standby needs.
    init = subprocess.run(cluster._cmd(str(cluster.bindir / "initdb"), "-D",
                                       str(cluster.datadir), "-U", "postgres", "-A", "trust",
                                       "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
                          capture_output=True, text=True, timeout=120)
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()}")


def start_kept_cluster(bindir: Path, base: Path) -> PgCluster:
    """Start the cluster kept in ``base/data`` (initdb first if there is none yet) on a free
    port; :meth:`PgCluster.stop` leaves its files. ``base`` must exist; when running as
    root it is handed to the ``postgres`` user. Raises ``RuntimeError`` with pg's log."""
    as_user = "postgres" if os.geteuid() == 0 else None
    if as_user:
        shutil.chown(base, user=as_user)
    os.chmod(base, 0o755)
    datadir = base / "data"
    cluster = PgCluster(bindir, datadir, free_port(), as_user, kept=True)
    if not datadir.exists():
        _initdb(cluster)
    return _start(cluster, base, " -c full_page_writes=off")


def start_standby(primary: PgCluster) -> PgCluster:
    """A hot standby of ``primary`` streaming its WAL (pg_basebackup -R), on a free port.

    Read-only while in recovery; ``SELECT pg_wal_replay_pause()`` on it makes it
    lag on purpose, ``pg_wal_replay_resume()`` lets it catch up, and
    ``pg_ctl promote`` turns it into a primary (failover).
    """
    base, as_user = _new_base("county-pg-standby-", memory=True)
    datadir = base / "data"
    standby = PgCluster(primary.bindir, datadir, free_port(), as_user)
    backup = subprocess.run(standby._cmd(
        str(primary.bindir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
        "-U", "postgres", "-D", str(datadir), "-R", "-X", "stream", "-c", "fast",
        "--no-sync"), capture_output=True, text=True, timeout=120)
    if backup.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"pg_basebackup failed: {backup.stderr.strip()}")
    return _start(standby, base)


def _start(cluster: PgCluster, base: Path, extra: str = "") -> PgCluster:
    bindir, datadir = cluster.bindir, cluster.datadir
    options = (f"-p {cluster.port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c max_connections=300 -c hot_standby=on "
               "-c wal_level=replica -c max_wal_senders=10" + extra)
    start = subprocess.run(cluster._cmd(str(bindir / "pg_ctl"), "-D", str(datadir), "-o",
                                        options, "-l", str(base / "log"), "-w", "-t", "60",
                                        "start"),
                           capture_output=True, text=True, timeout=90)
    if start.returncode != 0:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log[-2000:]}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", cluster.port)) == 0:
                return cluster
        time.sleep(0.1)
    cluster.stop()
    raise RuntimeError("PostgreSQL did not accept connections within 30 s")


@dataclass
class PgPair:
    """A primary and its streaming hot standby (:func:`start_standby`)."""

    primary: PgCluster
    standby: PgCluster

    def replayed(self, timeout: float = 30) -> None:
        """Wait until the standby has replayed all the primary has written so far."""
        # The insert position: with synchronous_commit off a commit may not be written yet.
        target = self.primary.sql("SELECT pg_current_wal_insert_lsn()::text")[0][0]
        deadline = time.monotonic() + timeout
        while True:
            done = self.standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
            if done[0][0]:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the standby did not replay up to {target}")
            time.sleep(0.02)

    def pause(self, timeout: float = 30) -> None:
        """Stop replaying WAL (the standby still receives it): it lags from now on.

        Waits until the pause is in effect: until then replay goes on, and a busy
        machine would replay what the caller commits next."""
        self.standby.sql("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + timeout
        while self.standby.sql("SELECT pg_get_wal_replay_pause_state()")[0][0] != "paused":
            if time.monotonic() > deadline:
                raise AssertionError("the standby did not pause its replay")
            time.sleep(0.02)

    def resume(self) -> None:
        """Replay again (idempotent)."""
        self.standby.sql("SELECT pg_wal_replay_resume()")

    def stop(self) -> None:
        """Stop both and remove their files."""
        self.standby.stop()
        self.primary.stop()
