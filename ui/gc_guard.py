"""Python's cyclic garbage collection, run only on the GUI thread.

A collection runs on whichever thread happens to allocate when a threshold is
crossed — in the kiosk often the print or card-reader thread. If it frees a
Qt object that belongs to the GUI thread there, Qt cannot unregister the
object's timers and the process crashes later in the event loop. The long
running kiosk therefore switches automatic collection off and collects from a
GUI-thread timer instead, with the same generation thresholds.

:func:`ui.memory.release_memory` is a full collection on demand, on the same
thread, after a burst of short-lived allocations (a print job's fonts).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["GuiThreadGc"]


class GuiThreadGc(QObject):
    """While started, cyclic garbage is collected only by this object's timer."""

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        """Switch automatic collection off and start collecting from the GUI thread."""
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is crossed; the objects freed."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = -1
        for generation in range(3):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                due = generation
        return gc.collect(due) if due >= 0 else 0
