"""Blocking library calls with a deadline: one daemon thread runs them in order.

pcsc-lite's ``SCardTransmit`` has no timeout: a reader (or the card behind
it) that stops answering keeps the call, and the thread that made it, until it
answers again or the card leaves. A :class:`CallThread` makes such calls on
its own thread and lets the caller wait at most a deadline; a call that
overruns it is *stuck*. While a call is stuck every further call fails at once
(the library serialises calls on a context anyway, so queueing more would only
pile up), and the stuck call's clean-up runs on the same thread when the call
finally returns. The thread is a daemon: a process may exit while a call is
stuck.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from drivers.idcard.errors import ReaderTimeout

__all__ = ["CallThread"]

log = logging.getLogger("drivers.idcard")

_Job = tuple[Callable[..., Any], tuple[Any, ...], "Future[Any] | None"]


class CallThread:
    """A daemon thread that runs calls one at a time; :meth:`call` waits with a deadline.

    Whoever owns it (one worker thread) makes every call through it, so the
    library still sees a single thread.
    """

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stuck: Future[Any] | None = None
        self._stuck_on = ""
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def stuck_on(self) -> str:
        """Which call overran its deadline, and the deadline ("" when none is pending)."""
        if self._stuck is not None and self._stuck.done():
            self._stuck, self._stuck_on = None, ""
        return self._stuck_on

    def call(self, what: str, fn: Callable[..., Any], *args: Any, timeout: float) -> Any:
        """``fn(*args)`` on the thread; its result, or its exception re-raised.

        ``what`` names the call in errors; ``timeout`` is in seconds. Raises
        :class:`ReaderTimeout` when the call takes longer (it is then stuck)
        or when an earlier call is still stuck.
        """
        if self.stuck_on:
            raise ReaderTimeout(f"{self._stuck_on}; still none")
        future: Future[Any] = Future()
        self._jobs.put((fn, args, future))
        try:
            return future.result(timeout)
        except TimeoutError:
            if future.done():  # finished in the instant between the wait and this check
                return future.result()
            self._stuck, self._stuck_on = future, f"no answer to {what} within {timeout:.2f} s"
            raise ReaderTimeout(self._stuck_on) from None

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(*args)`` after whatever is queued, without waiting (clean-up)."""
        self._jobs.put((fn, args, None))

    def finish(self) -> None:
        """Let the thread end once the queued calls (a stuck one included) are done."""
        self._jobs.put(None)

    def is_alive(self) -> bool:
        """True until :meth:`finish` was called and every queued call has returned."""
        return self._thread.is_alive()

    def join(self, timeout: float) -> None:
        """Wait at most ``timeout`` seconds for the thread to end (after :meth:`finish`)."""
        self._thread.join(timeout)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, args, future = job
            if future is not None and not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args)
            except Exception as exc:  # handed to the caller, who decides
                if future is not None:
                    future.set_exception(exc)
                else:
                    log.debug("clean-up call failed: %r", exc)
                continue
            if future is not None:
                future.set_result(result)
