"""The clerk's "从U盘更新" (issue 14): the real button runs the real check; the row says
how it went.

A temporary directory plays the mounted stick; the bundles are real and signed
(tests/updater/fakerelease.py); the install after is the real installer
(`kiosk update install --ready`, what village-kiosk-update.path starts).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytestqt.qtbot import QtBot
from updater.fakerelease import make_bundle

from drivers.printer.emulator import EmulatedPrinter
from kiosk.config import Config, load_config
from screens.conftest import PIN
from screens.kiosk_window import open_kiosk, unlock_clerk
from sync.protocol.release import generate_private_key, public_key_pem
from ui.app import KioskUi
from ui.driver import UiDriver

ROW = "U盘更新"


def _terminal(tmp_path: Path, key: Ed25519PrivateKey, seeded_db: Path, enrollment: Path,
              printer: EmulatedPrinter) -> tuple[Config, Path]:
    """A config file for the UI and for the command the button runs; the stick's path."""
    pubkey = tmp_path / "release.pem"
    pubkey.write_bytes(public_key_pem(key.public_key()))
    stick, root, health = tmp_path / "stick", tmp_path / "opt", tmp_path / "health"
    stick.mkdir()
    restart = [str(root / "current" / "venv" / "bin" / "kiosk"), "start", "--health-dir",
               str(health)]
    toml = tmp_path / "kiosk.toml"
    toml.write_text(
        f"[store]\npath = {json.dumps(str(seeded_db))}\n"
        f"[enrollment]\nfile = {json.dumps(str(enrollment))}\n"
        f"[printer]\nuri = {json.dumps(printer.uri)}\n"
        f"[ui]\nclerk_pin = {json.dumps(PIN)}\n"
        f"[update]\nroot = {json.dumps(str(root))}\n"
        f"spool = {json.dumps(str(tmp_path / 'spool'))}\n"
        f"health_dir = {json.dumps(str(health))}\nhealth_timeout_s = 60\n"
        f"restart_command = {json.dumps(restart)}\n"
        f"pubkey = {json.dumps(str(pubkey))}\nusb_dir = {json.dumps(str(stick))}\n",
        encoding="utf-8")
    return load_config(toml), stick


def _row(ui: KioskUi) -> str:
    info = {str(row["label"]): str(row["value"]) for row in ui.app_model.clerk_model.info}
    return info[ROW]


def _press(ui: KioskUi, d: UiDriver, expected: str) -> None:
    d.click("updateFromUsb")
    assert _row(ui) == "正在检查U盘……"
    d.wait_until(lambda: _row(ui) == expected, timeout=60, what=expected)
    d.wait_until(lambda: bool(d.texts_showing(expected)), what="shown on the screen")
    assert d.truncated_texts() == []


def test_clerk_checks_a_stick_sees_it_handed_over_then_installed(
        qtbot: QtBot, kiosk_config: Config, tmp_path: Path, seeded_db: Path,
        printer: EmulatedPrinter) -> None:
    key = generate_private_key()
    config, stick = _terminal(tmp_path, key, seeded_db, kiosk_config.enrollment.file, printer)
    good = make_bundle(tmp_path / "made", "2.0.0", key=key)
    with open_kiosk(config) as (ui, d):
        unlock_clerk(ui, d, PIN)
        assert _row(ui) == "插上U盘后按“从U盘更新”"
        # No stick in (an empty directory that is not a mount point).
        _press(ui, d, "没有找到U盘，请插好后稍等再试（U盘要用 FAT32 或 exFAT 格式）"
                      "（update.usb_not_mounted）")
        # A stick with no bundle on it.
        (stick / "photos").mkdir()
        _press(ui, d, "U盘里没有更新文件（要放在U盘最外层或 village-kiosk 文件夹里）"
                      "（update.usb_no_bundle）")
        # A bundle signed by someone else.
        foreign = make_bundle(tmp_path / "foreign", "2.0.0", key=generate_private_key())
        shutil.copyfile(foreign, stick / "village-kiosk-2.0.0.bundle")
        _press(ui, d, "U盘中的更新不能安装：不是本县签发的更新文件（release.wrong_key）")
        assert not (config.update.spool / "ready").exists() \
            or list((config.update.spool / "ready").iterdir()) == []
        # The county's bundle, in the village-kiosk folder.
        (stick / "village-kiosk-2.0.0.bundle").unlink()
        (stick / "village-kiosk").mkdir()
        shutil.copyfile(good, stick / "village-kiosk" / "village-kiosk-2.0.0.bundle")
        _press(ui, d, "U盘中的版本 2.0.0 已校验，将在空闲时安装")
        assert (config.update.spool / "ready" / "2.0.0.tar").is_file()
        # Root's installer takes it from ready/ (village-kiosk-update.path).
        done = subprocess.run([sys.executable, "-m", "update.cli", "install", "--ready",
                               "--config", config.source], capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        d.click("refreshClerk")
        assert _row(ui).startswith("U盘中的版本 2.0.0：2.0.0 已装好（")
        d.wait_until(lambda: bool(d.texts_showing(_row(ui))), what="installed shown")


def test_a_check_that_recorded_nothing_is_reported_with_its_error() -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.usb_check import UsbCheck
    from ui.usb_update import UsbRun, usb_check_text

    started = datetime.now(UTC)
    run = UsbRun(started, 2, "kiosk: error: config: [update] usb_dir: not a path")
    assert usb_check_text(None, None, run) == ("检查U盘失败：kiosk: error: config: "
                                               "[update] usb_dir: not a path")
    older = UsbCheck((started - timedelta(hours=1)).isoformat(), "ready", "2.0.0", "", "")
    assert usb_check_text(older, None, run).startswith("检查U盘失败：")
    assert usb_check_text(older, None) == "U盘中的版本 2.0.0 已校验，将在空闲时安装"
    fresh = UsbCheck((started + timedelta(seconds=1)).isoformat(), "current", "2.0.0", "", "")
    assert usb_check_text(fresh, None, run) == "U盘中的版本 2.0.0 本机已经装好了，不用更新"
