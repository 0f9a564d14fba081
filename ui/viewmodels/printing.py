"""The print screen: printing… → printed, or a printer problem with the receipt's QR code."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from ui.memory import release_memory
from ui.ops import Op, Runner
from ui.printing import PrintOutcome, qr_png
from ui.viewmodels.base import ViewModel, readonly, readonly_enum, uncreatable
from ui.wording import printer_problem

__all__ = ["PrintModel", "PrintState"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: Builds and prints the current receipt; runs on the printer worker, must not touch Qt.
PrintJob = Callable[[], PrintOutcome]


class PrintState(Enum):
    """Where the print screen is; QML's ``state`` is the value."""

    IDLE = "idle"
    PRINTING = "printing"
    PRINTED = "printed"
    PROBLEM = "problem"


_BLANK: dict[str, Any] = dict(state=PrintState.IDLE, message="", qrImage="")


@QmlElement
@uncreatable
class PrintModel(ViewModel):
    """``state``: a :class:`PrintState` value. The job runs on the printer worker."""

    changed = Signal()

    state = readonly_enum("state", changed)
    message = readonly(str, "message", changed)
    qrImage = readonly(str, "qrImage", changed)

    def __init__(self, printer: Runner | None = None, parent: QObject | None = None) -> None:
        """``printer``: where print jobs run (the printer worker; None: a thread each)."""
        super().__init__(parent, **_BLANK)
        self._printer = printer
        self._generation = 0

    def start(self, job: PrintJob, *, what: str = "凭条") -> None:
        """Run ``job`` on the printer worker; the screen shows "printing" meanwhile."""
        if self._state["state"] is PrintState.PRINTING:
            return
        self._generation += 1
        generation = self._generation
        self._update(state=PrintState.PRINTING, message=f"正在打印{what}，请稍等……", qrImage="")
        # A crashing job (a bug) is logged by Op and shown as a printer problem.
        Op(job, name="print-job", runner=self._printer, owner=self) \
            .success(lambda outcome: self._finished(generation, outcome)) \
            .failure(lambda exc: self._finished(generation, exc)).run()

    def start_receipt(self, service: Any, receipt: Any, *,
                      record_device: Callable[[str, str], None], what: str) -> None:
        """Print ``receipt`` through the receipt ``service`` (ui.printing), recording the
        printer's state for the heartbeat."""
        def job() -> PrintOutcome:  # on the print worker: no Qt here
            outcome: PrintOutcome = service.print_receipt(receipt)
            if outcome.state is not None:
                record_device("printer", outcome.state.value)
            return outcome

        self.start(job, what=what)

    def _finished(self, generation: int, outcome: object) -> None:
        # The job's fonts are garbage now, some in cycles (fontTools' tables): free
        # them here, on the GUI thread (ui/gc_guard.py), not at some later threshold.
        release_memory()
        if generation != self._generation:  # the session was cleared meanwhile
            return
        if isinstance(outcome, PrintOutcome) and outcome.printed:
            self._update(state=PrintState.PRINTED, message="打印好了，请从出纸口取走凭条。",
                         qrImage="")
            return
        if isinstance(outcome, PrintOutcome):
            log.warning("receipt not printed: %s", outcome.error_code)
            qr = "data:image/png;base64," + base64.b64encode(qr_png(outcome.screen_qr)).decode()
            self._update(state=PrintState.PROBLEM, message=printer_problem(outcome.state),
                         qrImage=qr)
        else:
            self._update(state=PrintState.PROBLEM, message=printer_problem(None), qrImage="")
        self.failed.emit("print failed")

    @Slot()
    def dismiss(self) -> None:
        """Leave the print screen's result."""
        self.clear()

    def clear(self) -> None:
        """Forget the job (a running one's result is ignored)."""
        self._generation += 1
        self._update(**_BLANK)
