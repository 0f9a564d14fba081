"""A setting pushed with `county setting set` reaches a real terminal (issue 13).

Through the real county server and `kiosk syncd --once`: the value arrives in
the terminal's cache, `kiosk sync status --json` shows it over the config
file, and the kiosk's view of its config (kiosk.settings, what the window's
tick reads) takes it; unsetting it at the county brings the file's value back.
"""

from __future__ import annotations

import json

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine

from county.cli import main as county
from kiosk.config import load_config
from kiosk.settings import apply_pushed, pushed_values
from kiosk.store import open_store
from syncd.conftest import Terminal
from syncd.enroll import enroll


def _sync(terminal: Terminal) -> None:
    done = terminal.run("syncd", "--once")
    assert done.returncode == 0, done.stderr[-2000:]


def _county(capsys: pytest.CaptureFixture[str], engine: Engine, *argv: str) -> tuple[int, str]:
    code = county([*argv, "--db", str(engine.url)])
    out, err = capsys.readouterr()
    return code, out + err


def _idle_timeout(terminal: Terminal) -> tuple[int, dict[str, int]]:
    """(the idle timeout the kiosk would use, `kiosk sync status --json`'s pushed_settings)."""
    status = terminal.run("sync", "status", "--json")
    assert status.returncode == 0, status.stderr
    store = open_store(terminal.db)
    try:
        config = apply_pushed(load_config(terminal.config), pushed_values(store))
    finally:
        store.dispose()
    return config.ui.idle_timeout_s, json.loads(status.stdout)["pushed_settings"]


def test_pushed_idle_seconds_arrives_and_a_typo_never_leaves(
        county: LiveServer, county_engine: Engine, terminal: Terminal,
        capsys: pytest.CaptureFixture[str]) -> None:
    enroll(terminal, county_engine, county.url)
    _sync(terminal)
    assert _idle_timeout(terminal) == (60, {})  # the config file's default

    code, said = _county(capsys, county_engine, "setting", "set", "ui.idle_secnods", "25")
    assert code == 1 and "did you mean ui.idle_seconds?" in said
    code, said = _county(capsys, county_engine, "setting", "set", "ui.idle_seconds", "25",
                         "--scope", "village:高村镇/青山村")
    assert code == 0, said
    _sync(terminal)
    assert _idle_timeout(terminal) == (25, {"ui.idle_timeout_s": 25})

    code, said = _county(capsys, county_engine, "setting", "unset", "ui.idle_seconds",
                         "--scope", "village:高村镇/青山村")
    assert code == 0, said
    _sync(terminal)
    assert _idle_timeout(terminal) == (60, {})
