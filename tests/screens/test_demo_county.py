"""The demo's county: a complaint filed on the kiosk reaches the county, the reply comes back.

Real processes on loopback: `county serve`, `kiosk syncd`, composed by
ui/demo_county.py through the public CLI commands.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from county_server.serve_run import free_port

from demo.village import DEMO_LOOKUP_KEY
from kiosk.complaints import ComplaintDraft, Reason, complaints_for_holder, file_complaint
from kiosk.identity import id_hash
from kiosk.store import open_store
from screens.conftest import LONG
from ui.demo import DemoDevices
from ui.demo_county import DemoCounty


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoDevices, DemoCounty,
                                                                      Path]]:
    """One running demo (devices, county, sync daemon) for the tests of this module."""
    tmp_path = tmp_path_factory.mktemp("demo")
    devices, config = DemoDevices.start(tmp_path)
    county = DemoCounty.start(tmp_path, config, port=free_port(), poll_interval_s=2)
    try:
        yield devices, county, tmp_path
    finally:
        county.stop()
        devices.stop()


def _county(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "county.cli", *args], capture_output=True,
                          text=True, timeout=60, check=True)


def _wait(condition: Callable[[], object], what: str, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.5)


def test_complaint_round_trip_through_the_demo_county(
        demo: tuple[DemoDevices, DemoCounty, Path]) -> None:
    _devices, _county_proc, root = demo
    db_url = f"sqlite:///{root / 'county.db'}"
    engine = open_store(root / "kiosk.db")
    holder = id_hash(DEMO_LOOKUP_KEY, LONG)
    try:
        filed = file_complaint(engine, ComplaintDraft(
            Reason.NOT_RECEIVED, text="三月的低保没有收到", item_code="DIBAO", anonymous=False,
            id_hash=holder, name="龙德贵"), terminal_code="DEMO01")

        def at_county() -> list[dict[str, object]]:
            rows = json.loads(_county("complaints", "list", "--db", db_url, "--json").stdout)
            return [r for r in rows if r.get("ticket_no") == filed.ticket_no]

        _wait(lambda: bool(at_county()), "the complaint at the county")
        server_id = str(at_county()[0]["server_id"])
        _county("complaints", "assign", server_id, "--db", db_url, "--to", "高村镇监督组")
        _county("complaints", "reply", server_id, "--db", db_url, "--text", "已核实，已补发。")
        _wait(lambda: any(c.reply_text == "已核实，已补发。"
                          for c in complaints_for_holder(engine, holder)),
              "the reply on the terminal")
    finally:
        engine.dispose()


def test_the_demo_logins_open_the_console(demo: tuple[DemoDevices, DemoCounty, Path]) -> None:
    # `kiosk demo` prints these: each must log in to the demo county's console.
    import httpx

    from ui.demo_county import DEMO_LOGINS

    _devices, county, _root = demo
    for name, _role, password in DEMO_LOGINS:
        with httpx.Client(base_url=county.url, timeout=30) as http:
            form = http.get("/login")
            assert form.status_code == 200
            token = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            fields = {"username": name, "password": password, "csrf_token": token}
            answer = http.post("/login", data=fields, follow_redirects=False)
            assert answer.status_code in (302, 303), (name, answer.status_code)
            home = http.get(answer.headers["location"], follow_redirects=False)
            assert home.status_code == 200 and 'name="password"' not in home.text, name
