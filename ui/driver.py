"""Driving the real kiosk window like a person would: find, click, type, look.

Used by ``kiosk tour`` and by the UI tests. Clicks are real mouse events at
an item's centre; typing goes through the virtual keyboard's input engine
(the keys a finger would press), so the pinyin method and its candidate list
are exercised for real.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from ui.errors import UiError

__all__ = ["UiDriver", "UiDriverError"]


class UiDriverError(UiError, AssertionError):
    """The window did not reach the expected state in time (an assertion of a test or
    the tour: hence also an AssertionError)."""

    code = "ui.driver_timeout"


class UiDriver:
    """Finds items by ``objectName`` in a :class:`QQuickWindow` and operates them."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window

    def pump(self, seconds: float = 0.05) -> None:
        """Process events for ``seconds`` (animations, queued signals, timers)."""
        end = time.monotonic() + seconds
        while True:
            QCoreApplication.processEvents()
            # A running event loop frees deleteLater()'d objects (screens the
            # Loader replaced); bare processEvents() does not, so do it here.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if time.monotonic() >= end:
                return
            time.sleep(0.01)

    def wait_until(self, condition: Callable[[], bool], *, timeout: float = 30.0,
                   what: str = "condition") -> None:
        """Pump events until ``condition()`` holds; raise :class:`UiDriverError` on timeout.

        The default ceiling allows for a loaded 2-core CI machine rendering in software."""
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                shot = os.environ.get("UI_DRIVER_FAILURE_SHOT")
                if shot:  # a picture of what the window showed instead
                    self.window.grabWindow().save(shot)
                raise UiDriverError(f"timed out after {timeout:.0f} s waiting for {what}")
            self.pump(0.02)
        self.pump(0.05)

    def visible_items(self) -> Iterator[QQuickItem]:
        """Every item on screen, depth first in paint order."""
        # Walk the visual tree: Repeater and Loader items are not all QObject
        # children of the window, but every one on screen has a parentItem chain.
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if not item.isVisible() or item.opacity() == 0:
                continue
            yield item
            stack.extend(reversed(item.childItems()))

    def items(self, name: str) -> list[QQuickItem]:
        """Every visible item with this objectName."""
        return [item for item in self.visible_items() if item.objectName() == name]

    def truncated_texts(self) -> list[str]:
        """Texts on screen that are cut off (elided or over their line limit).

        What a villager cannot read in full is a defect on this kiosk; tests
        call this on every screen they visit.
        """
        return [str(item.property("text")) for item in self.visible_items()
                if item.property("truncated") is True]

    def texts_showing(self, text: str) -> list[QQuickItem]:
        """Visible text items whose ``text`` is exactly ``text`` (e.g. a keyboard candidate)."""
        return [item for item in self.visible_items() if item.property("text") == text]

    def find(self, name: str, *, timeout: float = 30.0) -> QQuickItem:
        """The one visible item called ``name`` (waits for it to appear)."""
        self.wait_until(lambda: bool(self.items(name)), timeout=timeout, what=f"item {name!r}")
        return self.items(name)[0]

    def text(self, name: str) -> str:
        """The ``text`` property of the item called ``name``."""
        return str(self.find(name).property("text"))

    def _scrolled_into_view(self, item: QQuickItem) -> QPoint:
        """The item's centre in the window, after scrolling the list that holds it (as a
        finger would) when the centre lies outside the list's visible part."""
        centre = item.mapToScene(item.boundingRect().center())
        holder = item.parentItem()
        while holder is not None and holder.property("contentY") is None:
            holder = holder.parentItem()
        if holder is None:
            return centre.toPoint()
        top = holder.mapToScene(holder.boundingRect().topLeft()).y()
        bottom = min(top + holder.height(), self.window.height())
        margin = min(item.height() / 2, (bottom - top) / 2)
        if top + margin <= centre.y() <= bottom - margin:
            return centre.toPoint()
        shift = centre.y() - (top + bottom) / 2
        origin = float(holder.property("originY") or 0)
        lowest = origin + max(0.0, float(holder.property("contentHeight")) - holder.height())
        holder.setProperty("contentY", min(max(float(holder.property("contentY")) + shift,
                                               origin), lowest))
        self.pump(0.05)
        return item.mapToScene(item.boundingRect().center()).toPoint()

    def click(self, name: str) -> None:
        """A real mouse click at the centre of the item called ``name`` (scrolled into view
        first when a list holds it beyond the window's edge)."""
        centre = self._scrolled_into_view(self.find(name))
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(centre.x(), centre.y()))
        self.pump(0.05)

    def press_and_hold(self, name: str, seconds: float) -> None:
        """Press on an item, keep the finger down for ``seconds``, release."""
        centre = self._scrolled_into_view(self.find(name))
        point = QPoint(centre.x(), centre.y())
        QTest.mousePress(self.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)
        self.pump(seconds)
        QTest.mouseRelease(self.window, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, point)
        self.pump(0.05)

    def _evaluate(self, script: str) -> object:
        """Evaluate JavaScript in the root object's context (it imports the keyboard)."""
        root = self.window
        expression = QQmlExpression(QQmlEngine.contextForObject(root), root, script)
        value = expression.evaluate()
        if expression.hasError():
            raise UiDriverError(f"script failed: {expression.error().toString()}")
        # PySide returns (value, value_is_undefined).
        return value[0] if isinstance(value, tuple) else value

    def type_on_keyboard(self, letters: str) -> None:
        """Press the virtual keyboard's keys for ``letters`` (a–z, digits, space)."""
        for ch in letters:
            key = f"Qt.Key_{ch.upper()}" if ch.isalnum() else "Qt.Key_Space"
            self._evaluate(f'InputContext.inputEngine.virtualKeyClick({key}, "{ch}", 0)')
            self.pump(0.03)

    def candidates(self) -> list[str]:
        """The pinyin candidates the keyboard offers right now."""
        count = int(str(self._evaluate("InputContext.inputEngine.wordCandidateListModel.count")))
        return [str(self._evaluate(
            f"InputContext.inputEngine.wordCandidateListModel.dataAt({i}, 0)"))
            for i in range(count)]

    def pick_candidate(self, index: int = 0) -> None:
        """Choose a candidate as a finger tapping it would."""
        self._evaluate(f"InputContext.inputEngine.wordCandidateListModel.selectItem({index})")
        self.pump(0.05)

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows now as PNG."""
        self.pump(0.1)
        path.parent.mkdir(parents=True, exist_ok=True)
        image = self.window.grabWindow()
        if not image.save(str(path)):
            raise UiDriverError(f"could not save {path}")
        return path

    def object(self, name: str) -> QObject:
        """Any object (visible or not) called ``name``."""
        found = self.window.findChild(QObject, name)
        if found is None:
            raise UiDriverError(f"no object {name!r}")
        return found
