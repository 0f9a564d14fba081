"""CardReader: polls a card link on one worker thread and reports card events.

The loop is find → select → read. A card left lying on the reader is read
once per placement: after a read the reader keeps asking "is a card there?"
and only a run of ``removal_misses`` "no card" answers counts as removal
(a single missed poll while the card rests at the edge of the field does
not). Failed reads of a present card are retried ``read_attempts`` times.
A read that still gets no answer within the link's timeout is reported as
:class:`ReaderTimeout` (``idcard.timeout``, state ``NOT_RESPONDING``), not as a
failed read, and the link is reopened until the reader answers again.

Everything is reported through a :class:`CardListener`, on the worker thread:
listeners that touch a GUI must hand the event over to their own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum

from drivers.idcard.cardtext import IdCard, decode_text
from drivers.idcard.errors import (
    BlockLengthError,
    CardDataError,
    CardRemoved,
    CodecError,
    IdCardError,
    ReaderTimeout,
    ReaderUnavailable,
    SamError,
    TransportError,
)
from drivers.idcard.link import CardLink

__all__ = [
    "ERROR_STATES",
    "READY_STATES",
    "CardListener",
    "CardReadFailed",
    "CardReader",
    "ReaderState",
]

log = logging.getLogger("drivers.idcard")


class ReaderState(Enum):
    """Where the reader is; wording for villagers lives in ui/, keyed by these values."""

    STOPPED = "stopped"
    CONNECTING = "connecting"
    READY = "ready"  # polling, no card
    CARD_PRESENT = "card_present"
    READING = "reading"
    NOT_RESPONDING = "not_responding"  # the port is open but the SAM stays silent
    DISCONNECTED = "disconnected"  # the device went away; reconnecting
    UNAVAILABLE = "unavailable"  # no such device / library; retrying slowly
    SAM_FAULT = "sam_fault"  # the SAM reports a self-test or authorisation failure


READY_STATES = frozenset({ReaderState.READY, ReaderState.CARD_PRESENT, ReaderState.READING})
ERROR_STATES = frozenset({ReaderState.NOT_RESPONDING, ReaderState.DISCONNECTED,
                          ReaderState.UNAVAILABLE, ReaderState.SAM_FAULT})


class CardReadFailed(IdCardError):
    """A card was present but could not be read (moved away, repeated corrupt answers)."""

    code = "idcard.read_failed"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"card read failed ({reason}): {detail}")
        self.reason = reason  # "interrupted" (card left mid-read) or "failed"


class CardListener:
    """Receives reader events on the reader's worker thread; override what you need."""

    def on_card_present(self) -> None:
        """A card was laid on the reader."""

    def on_card_read(self, card: IdCard) -> None:
        """The card on the reader was read (once per placement)."""

    def on_card_removed(self) -> None:
        """The card left the reader."""

    def on_reader_error(self, error: IdCardError) -> None:
        """Something went wrong; ``error.code`` says what."""

    def on_reader_state(self, state: ReaderState) -> None:
        """The reader's state changed."""


class CardReader:
    """Composes a :class:`CardLink` with polling and debouncing; ``start()``/``stop()``."""

    def __init__(self, link: CardLink, listener: CardListener, *,
                 poll_interval: float = 0.25, removal_misses: int = 2,
                 read_attempts: int = 3, retry_delay: float = 0.2,
                 failures_before_error: int = 2, reconnect_interval: float = 1.0) -> None:
        """No I/O here: :meth:`start` runs the worker. Times are in seconds.

        ``poll_interval``: pause between finds while idle; ``removal_misses``:
        consecutive "no card" answers that mean the card is gone;
        ``read_attempts``: reads of one placement before giving up, with
        ``retry_delay`` between them; ``failures_before_error``: consecutive
        failed polls before the reader counts as not responding;
        ``reconnect_interval``: pause between attempts to (re)open the link.
        """
        self._link = link
        self._listener = listener
        self.poll_interval = poll_interval
        self.removal_misses = removal_misses
        self.read_attempts = read_attempts
        self.retry_delay = retry_delay
        self.failures_before_error = failures_before_error
        self.reconnect_interval = reconnect_interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = ReaderState.STOPPED
        self._connected = False
        self._failures = 0  # consecutive polls without a usable answer
        self._present = False
        self._misses = 0
        self._done = False  # this placement has been read (or given up on)
        self._attempts = 0

    @property
    def state(self) -> ReaderState:
        """The current state (read from any thread)."""
        return self._state

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="idcard-reader", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling, close the link and wait for the worker (at most ``timeout`` s)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> CardReader:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- worker thread ---------------------------------------------------------
    def _assert_worker(self) -> None:
        # The link (a serial port, a PC/SC context) is not thread-safe and a
        # reply must be matched to its command: only the worker may touch it.
        assert threading.current_thread() is self._thread, "idcard I/O off the worker thread"

    def _emit(self, method: Callable[..., None], *args: object) -> None:
        try:
            method(*args)
        except Exception:  # a broken listener must not kill the reader
            log.exception("ID card listener failed")

    def _set_state(self, state: ReaderState) -> None:
        if state is not self._state:
            self._state = state
            self._emit(self._listener.on_reader_state, state)

    def _run(self) -> None:
        self._set_state(ReaderState.CONNECTING)
        try:
            while not self._stop.is_set():
                try:
                    if not self._connected and not self._connect():
                        self._stop.wait(self.reconnect_interval)
                        continue
                    busy = self._poll()
                except Exception as exc:  # a kiosk's reader must not die of a driver bug
                    log.exception("unexpected error in the ID card link")
                    self._disconnect_quietly()
                    self._report_link_failure(TransportError(f"unexpected: {exc!r}"))
                    self._stop.wait(self.reconnect_interval)
                    continue
                if not busy:
                    self._stop.wait(self.poll_interval)
        finally:
            self._disconnect()
            self._set_state(ReaderState.STOPPED)

    def _connect(self) -> bool:
        self._assert_worker()
        try:
            self._link.open()
        except ReaderUnavailable as exc:
            # A reader that was lost keeps its (already reported) state while
            # we retry; only a reader never seen is "unavailable".
            if self._state in (ReaderState.CONNECTING, ReaderState.STOPPED):
                self._emit(self._listener.on_reader_error, exc)
                self._set_state(ReaderState.UNAVAILABLE)
            return False
        except (TransportError, CodecError, SamError) as exc:
            self._report_link_failure(exc)
            return False
        log.info("ID card reader connected: %s", self._link.description)
        self._connected = True
        self._failures = 0
        self._set_state(ReaderState.CARD_PRESENT if self._present else ReaderState.READY)
        return True

    def _disconnect(self) -> None:
        if self._connected:
            self._link.close()
            self._connected = False

    def _disconnect_quietly(self) -> None:
        try:
            self._disconnect()
        except Exception:
            log.exception("closing the ID card link failed")
        self._connected = False

    def _report_link_failure(self, exc: IdCardError) -> None:
        if isinstance(exc, SamError):
            state = ReaderState.SAM_FAULT
        elif isinstance(exc, ReaderTimeout):
            state = ReaderState.NOT_RESPONDING
        else:
            state = ReaderState.DISCONNECTED
        if state is not self._state:
            self._emit(self._listener.on_reader_error, exc)
        self._set_state(state)

    def _poll(self) -> bool:
        """One find (and maybe select + read). True if another poll should follow at once."""
        self._assert_worker()
        try:
            present = self._link.find_card()
        except TransportError as exc:
            if isinstance(exc, ReaderTimeout):
                return self._failed_poll(exc)
            log.warning("ID card reader lost: %s", exc)
            self._disconnect()
            self._report_link_failure(exc)
            return False
        except (CodecError, SamError) as exc:
            return self._failed_poll(exc)
        self._failures = 0
        if self._state not in READY_STATES:
            self._set_state(ReaderState.CARD_PRESENT if self._present else ReaderState.READY)
        if not present:
            self._absent()
            return False
        self._misses = 0
        if not self._present:
            self._present = True
            self._done = False
            self._attempts = 0
            self._emit(self._listener.on_card_present)
        if self._done:
            self._set_state(ReaderState.CARD_PRESENT)
            return False
        return self._read()

    def _failed_poll(self, exc: IdCardError) -> bool:
        self._failures += 1
        if self._failures >= self.failures_before_error:
            self._report_link_failure(exc)
            # A SAM that stopped answering may need the port reopened (a USB
            # bridge that re-enumerated keeps the old fd dead but open).
            self._disconnect()
        return False

    def _absent(self) -> None:
        if not self._present:
            self._set_state(ReaderState.READY)
            return
        self._misses += 1
        if self._misses < self.removal_misses:
            return
        if not self._done and self._attempts:
            error = CardReadFailed("interrupted", "the card left the reader during a read")
            self._emit(self._listener.on_reader_error, error)
        self._present = False
        self._emit(self._listener.on_card_removed)
        self._set_state(ReaderState.READY)

    def _read(self) -> bool:
        self._set_state(ReaderState.READING)
        try:
            if not self._link.select_card():
                # Gone between find and select: the next finds tell.
                self._set_state(ReaderState.CARD_PRESENT)
                return False
            text, photo = self._link.read_card()
            card = decode_text(text, photo)
        except (CardDataError, BlockLengthError) as exc:
            # The SAM vouched for these bytes (or the reader model hands out
            # blocks the layout does not describe): reading again gives the same.
            self._done = True
            self._emit(self._listener.on_reader_error, exc)
            self._set_state(ReaderState.CARD_PRESENT)
            return False
        except (CodecError, SamError, ReaderTimeout, CardRemoved) as exc:
            self._attempts += 1
            log.info("ID card read attempt %d failed: %s", self._attempts, exc.code)
            if self._attempts >= self.read_attempts:
                self._done = True
                if isinstance(exc, ReaderTimeout):
                    # The reader stopped answering, not the card failing: say so
                    # (idcard.timeout) and reopen the link; the card is read again
                    # once it is laid down again on a reader that answers.
                    self._disconnect()
                    self._report_link_failure(exc)
                    return False
                error = CardReadFailed("failed", str(exc))
                self._emit(self._listener.on_reader_error, error)
            self._set_state(ReaderState.CARD_PRESENT)
            if self._done:
                return False
            # A card that is being slid over the reader needs a moment, and a
            # PC/SC stack notices a vanished card only at its next presence poll.
            self._stop.wait(self.retry_delay)
            return True
        except TransportError as exc:
            self._disconnect()
            self._report_link_failure(exc)
            return False
        self._done = True
        self._set_state(ReaderState.CARD_PRESENT)
        self._emit(self._listener.on_card_read, card)
        return False
