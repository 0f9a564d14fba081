"""The demo's own county server and sync daemon, run as real processes on loopback.

Composed only through the public command contract (DESIGN.md §7):
``county seed-demo``, ``county enroll new``, ``county serve``,
``kiosk enroll``, ``kiosk syncd``. Complaints filed on the demo kiosk reach
this county; ``county complaints reply`` answers come back to the screen.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk import clock
from kiosk.config import Config

__all__ = ["DEMO_COUNTY_PORT", "DEMO_LOGINS", "DemoCounty", "write_demo_toml"]

log = logging.getLogger(__name__)

#: The port the demo county listens on (127.0.0.1 only).
DEMO_COUNTY_PORT = 8470

#: The demo county's console accounts (name, role, password): printed by `kiosk demo`,
#: made on the demo's own loopback server only. The township account is the demo
#: village's township (added at start).
DEMO_LOGINS = (("it", "it", "demo-it-2026"), ("jiwei", "inspector", "demo-jiwei-2026"),
               ("xiangzhen", "township", "demo-xiang-2026"), ("guest", "viewer", "demo-view-2026"))
_LOGINS_MADE = ".console-logins"


def write_demo_toml(config: Config, path: Path, *, poll_interval_s: int = 20) -> Path:
    """Write ``config``'s demo-relevant keys as a TOML file the subprocesses can read."""
    def q(value: object) -> str:
        return json.dumps(str(value), ensure_ascii=False)

    t, ui = config.terminal, config.ui
    path.write_text(
        "# Written by `kiosk demo` for its sync daemon; edits are overwritten.\n"
        f"[terminal]\ncode = {q(t.code)}\nvillage = {q(t.village)}\n"
        f"township = {q(t.township)}\ncounty = {q(t.county)}\n\n"
        f"[store]\npath = {q(config.store.path)}\n\n"
        f"[enrollment]\nfile = {q(config.enrollment.file)}\n\n"
        f"[printer]\nuri = {q(config.printer.uri)}\n\n"
        f"[ui]\nclerk_pin = {q(ui.clerk_pin)}\nfullscreen = false\n\n"
        f"[sync]\npoll_interval_s = {poll_interval_s}\nheartbeat_interval_s = 60\n"
        "outbox_check_s = 2\n",
        encoding="utf-8")
    return path


#: Which day the demo county in a demo directory was made for.
_COUNTY_DAY = "county.today"


def _forget_other_days(root: Path, county_db: Path, day: str) -> None:
    """Remove a demo county made for another day, so its notices and payments are current.

    The county is what the kiosk syncs from: kept across days, its 公示 would
    expire and its payments stop in the month it was made. Complaints filed
    at that demo county go with it (it is a demo).
    """
    stamp = root / _COUNTY_DAY
    if not county_db.exists():
        return
    made_for = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else "?"
    if made_for == day:
        return
    log.warning("demo county %s was made for %s, not %s: making it afresh", county_db,
                made_for, day)
    for path in (county_db, county_db.with_name(county_db.name + "-wal"),
                 county_db.with_name(county_db.name + "-shm"), root / ".enrolled-with-county",
                 stamp):
        path.unlink(missing_ok=True)


def _run(*command: str) -> str:
    proc = subprocess.run([sys.executable, "-m", *command], capture_output=True, text=True,
                          timeout=300, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed: "
                           f"{(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    return proc.stdout


@dataclass
class DemoCounty:
    """A running county server and sync daemon for one demo directory."""

    url: str
    server: subprocess.Popen[bytes]
    syncd: subprocess.Popen[bytes]

    @classmethod
    def start(cls, root: Path, config: Config, *, port: int = DEMO_COUNTY_PORT,
              poll_interval_s: int = 20, today: date | None = None) -> DemoCounty:
        """Seed (first time), serve, enroll (first time), first sync, then the daemon.

        ``today`` is the demo's reference date (``kiosk demo --today``; default
        the clock's today): the county is seeded with the village as it stands
        on that day, and made afresh when it was made for another day.

        Raises ``RuntimeError`` with the failing step's message.
        """
        toml = write_demo_toml(config, root / "kiosk.toml", poll_interval_s=poll_interval_s)
        county_db = root / "county.db"
        db_url = f"sqlite:///{county_db}"
        day = (today or clock.today()).isoformat()
        _forget_other_days(root, county_db, day)
        fresh = not county_db.exists()
        if fresh:
            _run("county.cli", "seed-demo", "--db", db_url, "--today", day)
            (root / _COUNTY_DAY).write_text(day + "\n", encoding="utf-8")
            (root / _LOGINS_MADE).unlink(missing_ok=True)
        if not (root / _LOGINS_MADE).exists():
            for name, role, password in DEMO_LOGINS:
                where = ("--township", config.terminal.township) if role == "township" else ()
                _run("county.cli", "user", "add", name, "--role", role, "--password", password,
                     *where, "--db", db_url)
            (root / _LOGINS_MADE).write_text("made\n", encoding="utf-8")
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "county.cli", "serve", "--db", db_url,
                                   "--host", "127.0.0.1", "--port", str(port),
                                   "--log-level", "warning"])
        try:
            cls._wait_for(url, server)
            marker = root / ".enrolled-with-county"
            if fresh or not marker.exists():
                # County scope (with the lookup key), not the village default: the demo
                # terminal's seeded complaints are keyed by the demo lookup key.
                answer = json.loads(_run("county.cli", "enroll", "new", "--db", db_url,
                                         "--village", config.terminal.village, "--township",
                                         config.terminal.township, "--scope", "county",
                                         "--json", "--no-qr"))
                _run("kiosk.cli.main", "enroll", answer["code"], "--server", url,
                     "--config", str(toml))
                marker.write_text(url)
            _run("kiosk.cli.main", "syncd", "--once", "--config", str(toml))
        except BaseException:
            server.terminate()
            server.wait(10)
            raise
        syncd = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "syncd",
                                  "--config", str(toml)])
        log.info("demo county on %s, sync daemon running", url)
        return cls(url, server, syncd)

    @staticmethod
    def _wait_for(url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if server.poll() is not None:
                raise RuntimeError(f"county serve exited with {server.returncode} "
                                   f"(is port {url.rsplit(':', 1)[1]} in use?)")
            try:
                with urllib.request.urlopen(f"{url}/api/v1/openapi.json", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"county server at {url} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the daemon and the server."""
        for proc in (self.syncd, self.server):
            proc.terminate()
        for proc in (self.syncd, self.server):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
