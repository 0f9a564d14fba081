"""python-escpos's printer database is cached privately, so that printing starts fast
(drivers/printer/_escpos_cache.py, issue 20)."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import yaml  # type: ignore[import-untyped]  # no stubs installed; only safe_load is used

_PROBE = ("import os, drivers.printer.transports, escpos.capabilities as c; "
          "print(os.environ.get('ESCPOS_CAPABILITIES_PICKLE_DIR', '')); "
          "print(len(c.CAPABILITIES['profiles']))")


def _run(tmp_path: Path, cache: Path) -> tuple[str, int]:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update(XDG_CACHE_HOME=str(cache), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    used, profiles = done.stdout.splitlines()
    return used, int(profiles)


def test_the_json_parse_is_what_escpos_parses() -> None:
    text = (files("escpos") / "capabilities.json").read_text(encoding="utf-8")
    assert json.loads(text) == yaml.safe_load(text)


def test_printing_code_uses_a_private_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for _ in range(2):  # the first start writes the pickle, the second reads it
        used, profiles = _run(tmp_path, cache)
        assert used == str(cache / "village-kiosk" / "escpos") and profiles > 10
    directory = Path(used)
    # escpos found a pickle newer than its database: it loaded it and wrote none itself.
    assert [p.name for p in directory.iterdir() if p.name.startswith(".")] == []
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    (pickled,) = directory.glob("*.capabilities.pickle")
    assert stat.S_IMODE(pickled.stat().st_mode) == 0o600
    with pickled.open("rb") as f:
        assert pickle.load(f)["profiles"].keys() >= {"default"}


def test_a_directory_others_may_write_is_not_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shared = cache / "village-kiosk" / "escpos"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    used, profiles = _run(tmp_path, cache)
    assert used == "" and profiles > 10  # python-escpos's own way, still working
    assert list(shared.iterdir()) == []
