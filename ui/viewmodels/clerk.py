"""The clerk screen: PIN (attempts limited), then terminal, device and sync state.

A job the clerk starts (test print, sync now) shows its result in its row
in place of the live state (:meth:`ClerkModel.show_result`) for
:data:`RESULT_S` seconds; then the row shows the live state again, so a
result never hides what happens later. A job still running ("正在同步……")
stays until its result replaces it.
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from ui.brightness import Backlight
from ui.tr import QT_TR_NOOP, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable

__all__ = ["RESULT_S", "ClerkModel", "ClerkStatus"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

#: Reads the terminal's state for the clerk (database, devices, sync): a dict of texts.
ClerkStatus = Callable[[], dict[str, str]]

#: How long a job's result stays in its row, in seconds.
RESULT_S = 60.0

_KEYS = ("terminal", "village", "database", "reader", "printer", "speech", "lastSync",
         "outbox", "rejected", "version", "update", "usb")


@QmlElement
@uncreatable
class ClerkModel(ViewModel):
    """``unlocked`` after the right PIN; ``lockedText`` says how long a lockout lasts."""

    changed = Signal()

    pinDots = readonly(str, "pinDots", changed)
    brightness = readonly(int, "brightness", changed)
    """Screen brightness in percent, or -1 where the platform has no software backlight."""
    pinMessage = readonly(str, "pinMessage", changed)
    unlocked = readonly(bool, "unlocked", changed)
    enabled = readonly(bool, "enabled", changed)
    info = readonly("QVariantList", "info", changed)

    testPrintRequested = Signal()
    syncRequested = Signal()
    usbUpdateRequested = Signal()

    def __init__(self, pin: str, status: ClerkStatus, *, attempts: int = 5,
                 lockout_s: int = 300, clock: Callable[[], float] = time.monotonic,
                 backlight: Backlight | None = None, result_s: float = RESULT_S,
                 parent: QObject | None = None) -> None:
        """``clock`` is monotonic seconds (lockout and result expiry)."""
        super().__init__(parent, pinDots="", pinMessage="", unlocked=False, enabled=bool(pin),
                         info=[], brightness=-1)
        self._backlight = backlight
        self._pin = pin
        self._status = status
        self._max_attempts = attempts
        self._lockout_s = lockout_s
        self._clock = clock
        self._entered = ""
        self._failures = 0
        self._locked_until = 0.0
        self._result_s = result_s
        self._results: dict[str, tuple[str, float]] = {}  # row key -> (text, shown until)

    def _locked(self) -> bool:
        return self._clock() < self._locked_until

    def reset(self) -> None:
        """Lock the screen again and forget the digits typed (not the failure count)."""
        self._entered = ""
        message = ("" if self._pin else tr("本机没有设置管理密码，管理界面已关闭。"))
        if self._locked():
            message = self._lock_message()
        self._update(pinDots="", unlocked=False, pinMessage=message, info=[])

    def _lock_message(self) -> str:
        minutes = max(1, round((self._locked_until - self._clock()) / 60))
        return tr("密码错误次数太多，请 {minutes} 分钟后再试。").format(minutes=minutes)

    @Slot(str)
    def pinKey(self, key: str) -> None:
        """A key of the PIN pad: a digit, ``back`` or ``ok``."""
        if not self._pin:
            return
        if self._locked():
            self._update(pinMessage=self._lock_message(), pinDots="")
            self._entered = ""
            return
        if key == "back":
            self._entered = self._entered[:-1]
        elif key == "ok":
            self._check()
            return
        elif key.isdigit() and len(key) == 1 and len(self._entered) < 8:
            self._entered += key
        self._update(pinDots="●" * len(self._entered), pinMessage="")

    def _check(self) -> None:
        entered, self._entered = self._entered, ""
        if hmac.compare_digest(entered.encode(), self._pin.encode()):
            self._failures = 0
            self._update(unlocked=True, pinDots="", pinMessage="")
            self.refresh()
            return
        self._failures += 1
        if self._failures >= self._max_attempts:
            self._failures = 0
            self._locked_until = self._clock() + self._lockout_s
            self._update(pinDots="", pinMessage=self._lock_message())
            return
        left = self._max_attempts - self._failures
        self._update(pinDots="", pinMessage=tr("密码不对，还可以再试 {left} 次。").format(
            left=left))

    def show_result(self, key: str, text: str, *, running: bool = False) -> None:
        """Show ``text`` in row ``key`` instead of its live state. GUI thread.

        For :data:`RESULT_S` seconds, or while ``running`` until the next
        result for the row replaces it.
        """
        self._results[key] = (text, math.inf if running else self._clock() + self._result_s)
        self.refresh()

    def clear_result(self, key: str) -> None:
        """Row ``key`` shows its live state again at once. GUI thread."""
        if self._results.pop(key, None) is not None:
            self.refresh()

    def tick(self) -> None:
        """Once a second (the app's timer): results past their time give way to live state."""
        now = self._clock()
        expired = [key for key, (_, until) in self._results.items() if until <= now]
        for key in expired:
            del self._results[key]
        if expired:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Re-read the terminal's state (only while unlocked)."""
        if not self._state["unlocked"]:
            return
        try:
            status = self._status()
        except Exception as exc:
            status = {"database": tr("读取状态失败：{error}").format(error=exc)}
        now = self._clock()
        status.update({key: text for key, (text, until) in self._results.items() if until > now})
        labels = {"terminal": QT_TR_NOOP("终端编号"), "village": QT_TR_NOOP("所在村"),
                  "reader": QT_TR_NOOP("读卡器"), "printer": QT_TR_NOOP("打印机"),
                  "lastSync": QT_TR_NOOP("上次同步"), "outbox": QT_TR_NOOP("待发送投诉"),
                  "rejected": QT_TR_NOOP("被退回投诉"), "version": QT_TR_NOOP("软件版本"),
                  "update": QT_TR_NOOP("上次更新"), "usb": QT_TR_NOOP("U盘更新"),
                  "database": QT_TR_NOOP("数据库"),
                  "speech": QT_TR_NOOP("朗读")}
        brightness = -1
        if self._backlight is not None:
            try:
                brightness = self._backlight.percent()
            except (OSError, ValueError):
                brightness = -1
        # Values: fixed states are marked where they are made (ui.app, ui.wording) and
        # translated here; formatted ones come translated (ui.tr).
        self._update(info=[{"label": tr(labels[k]), "value": tr(status.get(k, "—"))}
                           for k in _KEYS],
                     brightness=brightness)

    @Slot(int)
    def changeBrightness(self, step: int) -> None:
        """Brighter (``step`` > 0) or darker, in percent points; only while unlocked."""
        if not self._state["unlocked"] or self._backlight is None:
            return
        try:
            self._update(brightness=self._backlight.set_percent(
                self._backlight.percent() + step))
        except (OSError, ValueError) as exc:
            self._update(pinMessage=tr("不能调节亮度：{error}").format(error=exc))

    @Slot()
    def testPrint(self) -> None:
        """Ask for a test page (the app runs it on the print worker)."""
        if self._state["unlocked"]:
            self.testPrintRequested.emit()

    @Slot()
    def syncNow(self) -> None:
        """Ask for one sync cycle now."""
        if self._state["unlocked"]:
            self.syncRequested.emit()

    @Slot()
    def updateFromUsb(self) -> None:
        """Ask for the USB stick to be checked for a release (ui.usb_update)."""
        if self._state["unlocked"]:
            self.usbUpdateRequested.emit()
