"""Sync fixtures: the real county server on loopback, a terminal config, `kiosk` processes.

The county database is the demo county (county.seed), seeded once per run
into a template file and copied per test; the server is the county
developer's LiveServer (uvicorn in a thread on 127.0.0.1).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from county_server.live import LiveServer, seeded_sqlite_county
from reference import system_clock  # noqa: F401  (this directory runs on the system clock)
from sqlalchemy import Engine

from county.db import open_county_db
from county.terminals import new_enrollment_code

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli.main import main; sys.exit(main())"]


@pytest.fixture(scope="session")
def _county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_sqlite_county(tmp_path_factory.mktemp("county-template") / "county.db")


@pytest.fixture
def county_engine(tmp_path: Path, _county_template: Path) -> Iterator[Engine]:
    """The demo county on a private SQLite copy."""
    path = tmp_path / "county.db"
    shutil.copyfile(_county_template, path)
    engine = open_county_db(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def county(county_engine: Engine) -> Iterator[LiveServer]:
    """The real county server (uvicorn on 127.0.0.1) on :func:`county_engine`."""
    with LiveServer(county_engine) as live:
        yield live


def enrollment_code(engine: Engine, *, scope: str = "county") -> str:
    """A fresh one-time code for a 青山村 terminal."""
    code, _ = new_enrollment_code(engine, township="高村镇", village="青山村", scope=scope,
                                  now=datetime.now(UTC), valid_for=timedelta(hours=1))
    return code


@dataclass(frozen=True)
class Terminal:
    """A terminal's files: config, cache, enrollment."""

    dir: Path
    config: Path
    db: Path
    enrollment: Path

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``kiosk ARGS --config CONFIG`` to completion."""
        return subprocess.run([*KIOSK, *args, "--config", str(self.config)], text=True,
                              capture_output=True, timeout=timeout, check=False)

    def start_daemon(self, *, log: Path | None = None) -> subprocess.Popen[bytes]:
        """Start ``kiosk syncd`` (the loop); stderr to ``log`` (or the terminal's syncd.log)."""
        out = (log or self.dir / "syncd.log").open("ab")
        try:
            return subprocess.Popen([*KIOSK, "syncd", "--config", str(self.config)],
                                    stdout=out, stderr=out)
        finally:
            out.close()


def write_terminal(directory: Path, **sync: float | int) -> Terminal:
    """A terminal config in ``directory`` with fast sync pacing (overridable per key).

    The read timeout is no shorter than a loaded CI machine's county may need for an
    answer; tests that stall answers on purpose set a shorter one."""
    directory.mkdir(parents=True, exist_ok=True)
    settings: dict[str, float | int] = {
        "connect_timeout_s": 5.0, "read_timeout_s": 15.0, "request_retries": 1,
        "page_limit": 1000, "poll_interval_s": 1, "outbox_check_s": 1,
        "heartbeat_interval_s": 2, "backoff_base_s": 0.05, "backoff_cap_s": 0.5}
    settings.update(sync)
    lines = ["[terminal]", 'code = "QS01"', "[store]", f'path = "{directory / "kiosk.db"}"',
             "[enrollment]", f'file = "{directory / "enrollment.json"}"', "[log]",
             'level = "DEBUG"', "[sync]"]
    lines += [f"{key} = {value!r}" for key, value in settings.items()]
    config = directory / "kiosk.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Terminal(directory, config, directory / "kiosk.db", directory / "enrollment.json")


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    """A not yet enrolled terminal with fast sync pacing."""
    return write_terminal(tmp_path / "terminal")
