"""Reader events from the driver's worker thread to the GUI thread, as Qt signals.

The driver calls the listener methods on its own thread. Emitting a signal
is thread-safe; receivers living on the GUI thread get them queued. Nothing
here touches a QObject's state from the worker (Electrum's QtEventListener
pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from drivers.idcard.cardtext import IdCard
from drivers.idcard.errors import IdCardError
from drivers.idcard.reader import CardListener, ReaderState
from ui.viewmodels.app import AppModel

__all__ = ["ReaderBridge"]


class ReaderBridge(QObject):
    """A :class:`CardListener` whose callbacks only emit signals."""

    cardPresent = Signal()
    cardRead = Signal(object)
    cardRemoved = Signal()
    readerError = Signal(object)
    readerState = Signal(object)

    def listener(self) -> CardListener:
        """The listener to hand to :class:`drivers.idcard.reader.CardReader`."""
        bridge = self

        class _Listener(CardListener):
            def on_card_present(self) -> None:
                bridge.cardPresent.emit()

            def on_card_read(self, card: IdCard) -> None:
                bridge.cardRead.emit(card)

            def on_card_removed(self) -> None:
                bridge.cardRemoved.emit()

            def on_reader_error(self, error: IdCardError) -> None:
                bridge.readerError.emit(error)

            def on_reader_state(self, state: ReaderState) -> None:
                bridge.readerState.emit(state)

        return _Listener()

    def connect_to(self, app: AppModel) -> None:
        """Deliver every event to the root view-model's slots, queued on its thread."""
        queued = Qt.ConnectionType.QueuedConnection
        self.cardPresent.connect(app.onCardPresent, queued)
        self.cardRead.connect(app.onCardRead, queued)
        self.cardRemoved.connect(app.onCardRemoved, queued)
        self.readerError.connect(app.onReaderError, queued)
        self.readerState.connect(app.onReaderState, queued)
