"""`--config FILE` on every `kiosk` subcommand, including demo, tour and idcard emulate."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.cli.main import build_parser
from kiosk.config import Config, load_config
from screens.conftest import LONG
from ui.commands.idcard_cmd import configured_baud
from ui.demo import DEMO_PIN, demo_config
from ui.demo_settings import with_settings

BAD = {"[ui]\nidle_timeout_s = 'soon'\n": "ui.idle_timeout_s",
       "[printer]\npaper_width = 58\n": "printer.paper_width"}


def _kiosk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True,
                          text=True, timeout=timeout, check=False)


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
            ) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(path, parser)]
    return [leaf for name, child in subs[0].choices.items()
            for leaf in _leaves(child, (*path, name))]


def test_every_subcommand_takes_config() -> None:
    leaves = _leaves(build_parser())
    names = {" ".join(path) for path, _ in leaves}
    assert {"demo", "tour", "idcard emulate", "run", "syncd"} <= names
    without = [" ".join(path) for path, parser in leaves
               if "--config" not in parser._option_string_actions]
    assert without == []


@pytest.mark.parametrize(("toml", "key"), BAD.items())
@pytest.mark.parametrize("command", ["demo", "tour", "idcard emulate"])
def test_bad_config_stops_with_one_line_naming_the_key(tmp_path: Path, command: str,
                                                       toml: str, key: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(toml, encoding="utf-8")
    cards = tmp_path / "card.json"
    cards.write_text(json.dumps({"card_type": "resident"}), encoding="utf-8")
    extra = {"demo": ["--offscreen", "--no-county", "--dir", str(tmp_path / "demo")],
             "tour": ["--out", str(tmp_path / "tour")],
             "idcard emulate": ["--card", str(cards)]}[command]
    proc = _kiosk(*command.split(), "--config", str(config), *extra)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert key in lines[0] and str(config) in lines[0]
    assert proc.stdout == ""  # nothing started: no demo folder, no screenshots, no pty
    assert not (tmp_path / "demo").exists() and not (tmp_path / "tour").exists()


def test_demo_takes_the_settings_and_keeps_its_own_parts(tmp_path: Path) -> None:
    file = tmp_path / "terminal.toml"
    file.write_text('[terminal]\ncode = "QS01"\nvillage = "别的村"\n\n'
                    f'[store]\npath = "{tmp_path / "production.db"}"\n\n'
                    '[printer]\nuri = "tcp://10.0.0.9:9100"\npaper_mm = 58\nmode = "text"\n'
                    'job_timeout_s = 30\n\n'
                    '[ui]\nidle_timeout_s = 90\ncountdown_s = 5\nclerk_pin = "9999"\n'
                    'fullscreen = true\n\n[receipt]\ndetail_years = 3\n', encoding="utf-8")
    settings = load_config(file)
    demo = demo_config(tmp_path / "demo", printer_uri="tcp://127.0.0.1:9")
    config = with_settings(demo, settings)
    assert (config.ui.idle_timeout_s, config.ui.countdown_s) == (90, 5)
    assert (config.printer.paper_mm, config.printer.job_timeout_s) == (58, 30)
    assert config.receipt.detail_years == 3
    assert (config.terminal, config.store, config.enrollment, config.source) == (
        demo.terminal, demo.store, demo.enrollment, demo.source)
    assert (config.printer.uri, config.printer.mode) == ("tcp://127.0.0.1:9", "raster")
    assert (config.ui.clerk_pin, config.ui.fullscreen) == (DEMO_PIN, False)
    assert with_settings(demo, None) == demo
    # An empty file: the demo's own parts, built-in defaults for the rest.
    defaults = Config()
    assert with_settings(demo, Config()) == replace(
        defaults, terminal=demo.terminal, store=demo.store, enrollment=demo.enrollment,
        printer=replace(defaults.printer, uri=demo.printer.uri),
        ui=replace(defaults.ui, clerk_pin=DEMO_PIN, fullscreen=False),
        update=replace(defaults.update, root=demo.update.root, spool=demo.update.spool,
                       usb_dir=demo.update.usb_dir), source=demo.source)
    # The demo's update tree is its own: its clerk screen never writes a real spool.
    spooled = with_settings(demo, replace(defaults, update=replace(
        defaults.update, spool=tmp_path / "real-spool", channel="pilot")))
    assert (spooled.update.spool, spooled.update.channel) == (demo.update.spool, "pilot")
    assert spooled.update.spool.is_relative_to(tmp_path / "demo")


def test_emulate_takes_the_baud_from_the_config(tmp_path: Path) -> None:
    assert configured_baud("serial:/dev/ttyUSB0?baud=9600") == 9600
    assert configured_baud("emulator:/tmp/cards.json?baud=19200&card=1") == 19200
    assert configured_baud("serial:auto") is None
    assert configured_baud("pcsc:") is None
    file = tmp_path / "kiosk.toml"
    file.write_text('[idcard]\ndevice = "serial:/dev/ttyUSB0?baud=115200"\n', encoding="utf-8")
    card = tmp_path / "card.json"
    card.write_text(json.dumps({
        "card_type": "resident", "name": "龙德贵", "sex": "男", "nation": "苗",
        "birth": "19560322", "address": "湖南省麻阳苗族自治县高村镇青山村", "id_number": LONG,
        "issuer": "麻阳苗族自治县公安局", "valid_from": "20160101", "valid_to": "长期"},
        ensure_ascii=False), encoding="utf-8")
    emulator = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "idcard", "emulate",
                                 "--config", str(file), "--card", str(card)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert emulator.stdout is not None
        pty = emulator.stdout.readline().strip()
        assert pty.startswith("/dev/")
        read = _kiosk("idcard", "read", "--port", f"{pty}?baud=115200", "--json",
                      "--wait", "60")
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout)["id_number"] == LONG
    finally:
        emulator.terminate()
        _out, err = emulator.communicate(timeout=60)
    assert f"reader emulator on {pty}, answers paced to 115200 baud" in err
