"""The clerk's "从U盘更新": run `kiosk update from-usb`, say what it found and how it went.

The check itself is the updater's (update.usb, which the UI may not import):
the button runs it as a subprocess, as the kiosk user the UI runs as, the same
command village-kiosk-usb-check.service runs when a stick is mounted. Its
outcome is read back from ``SPOOL/usb-check.json`` (kiosk.usb_check) and, for
a version handed to the installer, from the updater's ``update-state.json``
(kiosk.update_state): the clerk row "U盘更新" says what happened in Chinese,
with the code to read out on the phone.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime

from kiosk.config import Config
from kiosk.update_state import Attempt
from kiosk.usb_check import UsbCheck
from ui.tr import QT_TR_NOOP, tr
from ui.wording import update_attempt_text

__all__ = ["USB_REASON_ZH", "UsbRun", "from_usb_command", "run_from_usb", "usb_check_text"]

#: Why a stick's bundle was not taken, for the clerk (the code follows in brackets).
USB_REASON_ZH = {
    "release.truncated": QT_TR_NOOP("文件不完整，可能没有拷完，请重新拷一次"),
    "release.malformed": QT_TR_NOOP("不是本系统的更新文件"),
    "release.wrong_key": QT_TR_NOOP("不是本县签发的更新文件"),
    "release.bad_signature": QT_TR_NOOP("文件被改动过，签名不对"),
    "release.expired": QT_TR_NOOP("这个更新已经过期，请向县里要新的"),
    "release.wrong_channel": QT_TR_NOOP("这个更新不是发给本机的"),
    "release.file_mismatch": QT_TR_NOOP("文件已损坏或被改动过"),
    "release.rollback": QT_TR_NOOP("比本机现在的版本旧，不能装"),
    "update.no_key": QT_TR_NOOP("本机还没有县里的发布密钥，请先联网同步一次"),
    "update.usb_no_bundle": QT_TR_NOOP("U盘里没有更新文件（要放在U盘最外层或 "
                                       "village-kiosk 文件夹里）"),
    "update.usb_not_mounted": QT_TR_NOOP("没有找到U盘，请插好后稍等再试（U盘要用 FAT32 或 "
                                         "exFAT 格式）"),
    "update.usb_unreadable": QT_TR_NOOP("读不出U盘，请拔下重新插好再试"),
    "update.usb_no_space": QT_TR_NOOP("本机存储空间不够，请告诉县里"),
}

#: How long one check may take (a 300 MB bundle read twice from a slow stick).
_TIMEOUT_S = 900


@dataclass(frozen=True)
class UsbRun:
    """One run of the command: when it started (aware), its exit code, its last error line."""

    started_at: datetime
    returncode: int
    error: str


def from_usb_command(config: Config) -> list[str]:
    """``python -m update.cli from-usb --config FILE`` for this terminal's config."""
    command = [sys.executable, "-m", "update.cli", "from-usb"]
    if config.source != "<defaults>":
        command += ["--config", config.source]
    return command


def run_from_usb(command: list[str], *, started_at: datetime) -> UsbRun:
    """Run the check (blocks: on a worker, no Qt)."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return UsbRun(started_at, -1, str(exc)[-200:])
    lines = proc.stderr.strip().splitlines()
    return UsbRun(started_at, proc.returncode, lines[-1][-200:] if lines else "")


def _reason(code: str) -> str:
    text = USB_REASON_ZH.get(code)
    return (tr(text) if text else tr("没有通过校验")) + f"（{code[:60]}）"


def _after(stamp: str, moment: datetime | str) -> bool:
    """Whether the ISO time ``stamp`` is not before ``moment`` (False if unreadable)."""
    try:
        other = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        return datetime.fromisoformat(stamp) >= other
    except (ValueError, TypeError):
        return False


def usb_check_text(check: UsbCheck | None, attempt: Attempt | None,
                   run: UsbRun | None = None) -> str:
    """For the clerk: the last stick check and, for a handed-over version, its install.

    ``run``: the button's run just finished; a run that wrote no new record (the
    command itself failed) is reported with its error line.
    """
    if run is not None and (check is None or not _after(check.checked_at, run.started_at)):
        return tr("检查U盘失败：{error}").format(error=run.error or run.returncode)
    if check is None:
        return tr("插上U盘后按“从U盘更新”")
    version = check.version[:40]
    if check.result == "ready":
        if attempt is not None and attempt.version == check.version \
                and _after(attempt.finished_at, check.checked_at):
            return tr("U盘中的版本 {version}：{outcome}").format(
                version=version, outcome=update_attempt_text(attempt))
        return tr("U盘中的版本 {version} 已校验，将在空闲时安装").format(version=version)
    if check.result == "current":
        return tr("U盘中的版本 {version} 本机已经装好了，不用更新").format(version=version)
    if check.result in ("empty", "failed"):  # the stick, not a bundle: the reason says it
        return _reason(check.code or "update.usb_no_bundle")
    return tr("U盘中的更新不能安装：{reason}").format(reason=_reason(check.code))
