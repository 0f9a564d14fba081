"""Config: every key documented, unknown keys and bad values named."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, iter_documented_keys, load_config
from kiosk.pushable import PUSHABLE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deploy" / "kiosk.example.toml"


def test_example_file_loads_and_equals_defaults() -> None:
    config = load_config(EXAMPLE)
    assert config.source == str(EXAMPLE)
    # Every section, every key: the example documents the defaults as they are.
    assert replace(config, source="<defaults>") == Config()


def test_every_key_is_documented_in_the_example() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    section = ""
    present: set[str] = set()
    for line in text.splitlines():
        if m := re.match(r"^\[([a-z_.]+)\]", line):
            section = m.group(1)
        elif m := re.match(r"^([a-z_]+)\s*=", line):
            present.add(f"{section}.{m.group(1)}")
    declared = {key for key, _doc in iter_documented_keys()}
    assert declared == present
    assert all(doc for _key, doc in iter_documented_keys())


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("toml", "key", "problem"),
    [
        ("[store]\npaht = 'x.db'\n", "store.paht", "unknown key"),
        ("[stor]\npath = 'x.db'\n", "stor", "unknown key"),
        ("[store]\nbusy_timeout_ms = 'soon'\n", "store.busy_timeout_ms", "expected integer"),
        ("[store]\nbusy_timeout_ms = true\n", "store.busy_timeout_ms", "expected integer"),
        ("[store]\nbusy_timeout_ms = 5\n", "store.busy_timeout_ms", "at least 100"),
        ("[log]\nlevel = 'LOUD'\n", "log.level", "one of"),
        ("[terminal]\ncode = 'has space'\n", "terminal.code", "must match"),
        ("store = 3\n", "store", "expected a [store] table"),
        ("[store]\npath = ''\n", "store.path", "expected path"),
        ("[log]\nfile = 5\n", "log.file", "expected path, got int 5"),
        ("[update]\nrestart_command = []\n", "update.restart_command", "at least 1 item"),
        ("[update]\nrestart_command = ['', 'x']\n", "update.restart_command",
         "list of non-empty strings"),
        ("[update]\nkeep = 99\n", "update.keep", "at most 20"),
        ("[ui]\nfullscreen = 1\n", "ui.fullscreen", "expected boolean"),
        ("[printer]\npaper_mm = 57\n", "printer.paper_mm", "one of 80, 58"),
        ("[sync]\nconnect_timeout_s = '5'\n", "sync.connect_timeout_s", "expected number"),
        ("source = 'elsewhere'\n", "source", "unknown key"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, toml: str, key: str, problem: str) -> None:
    path = _write(tmp_path, toml)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert problem in str(info.value)
    assert str(path) in str(info.value)


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(_write(tmp_path, "[store\n"))
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("[terminal]\nvillage = '\xe9'\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(bad)


def test_relative_paths_resolve_against_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[store]\npath = 'data/kiosk.db'\n[log]\nfile = ''\n")
    config = load_config(path)
    assert config.store.path == tmp_path / "data" / "kiosk.db"
    assert config.log.file is None


def test_values_take_their_declared_types(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "[sync]\nconnect_timeout_s = 5\n"
                                          "[update]\nrestart_command = ['true']\n"))
    assert config.sync.connect_timeout_s == 5.0
    assert isinstance(config.sync.connect_timeout_s, float)
    assert config.update.restart_command == ("true",)
    assert config.store == Config().store  # keys not in the file keep their defaults


def test_env_variable_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "[terminal]\ncode = 'T42'\n")
    monkeypatch.setenv("VILLAGE_KIOSK_CONFIG", str(path))
    assert load_config().terminal.code == "T42"


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[store]\nunknown_thing = 1\n", "store.unknown_thing"),
        ("[store]\nbusy_timeout_ms = 'x'\n", "store.busy_timeout_ms"),
    ],
)
def test_cli_stops_with_one_line_naming_the_key(tmp_path: Path, toml: str, key: str) -> None:
    path = _write(tmp_path, toml)
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "db", "stats", "--config",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert key in lines[0] and str(path) in lines[0]


def test_cli_missing_config_file(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "db", "stats", "--config",
                           str(tmp_path / "missing.toml")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert "config file not found" in proc.stderr


def test_every_pushable_setting_overrides_a_whole_number_config_key() -> None:
    """kiosk/pushable.py names config keys; a rename there or here must not go unnoticed."""
    defaults = Config()
    documented = dict(iter_documented_keys())
    for entry in PUSHABLE:
        assert entry.config_key in documented, entry
        section, name = entry.config_key.split(".")
        default = getattr(getattr(defaults, section), name)
        assert type(default) is int and entry.minimum <= default <= entry.maximum, entry
