"""The thermal-printer driver: status with a timeout, then a raster or text job.

Composes a python-escpos transport (:mod:`drivers.printer.transports`) with the
status codec (:mod:`drivers.printer.status`). Before a job the printer is
asked for its status; a printer that does not answer within
``status_timeout_s`` is UNKNOWN and nothing is sent. After a job the status is
asked again (bounded by ``job_timeout_s``): that answer confirms the printer
took the whole job, and catches a roll that ran out or a cable pulled
mid-job. Every failure is a :class:`~drivers.printer.errors.PrinterError`
subclass with a stable code.

Threading: one printer object belongs to the thread that opened it (the
device worker); every entry point checks this, because python-escpos objects
and the sockets/ports under them are not safe to share between threads. The
kiosk runs every printer job on one :class:`~drivers.printer.worker.PrinterWorker`,
so two jobs never hold the printer at once; :func:`probe_status` asserts it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from escpos.exceptions import DeviceNotFoundError
from PIL import Image

from drivers.printer.errors import (
    CoverOpenError,
    DisconnectedError,
    NoAnswerError,
    PaperOutError,
    PrinterError,
    PrinterNotReadyError,
    PrinterOfflineError,
    PrinterUnavailableError,
)
from drivers.printer.status import (
    PRINTABLE_STATES,
    PrinterState,
    PrinterStatus,
    StatusQuery,
    decode_status,
    query_bytes,
)
from drivers.printer.transports import make_escpos
from drivers.printer.uri import PrinterUri, parse_printer_uri
from drivers.printer.worker import runs_on_printer_worker

__all__ = ["ThermalPrinter", "probe_status", "raise_for_status"]

_NOT_READY: dict[PrinterState, type[PrinterNotReadyError]] = {
    PrinterState.PAPER_OUT: PaperOutError,
    PrinterState.COVER_OPEN: CoverOpenError,
    PrinterState.OFFLINE: PrinterOfflineError,
    PrinterState.UNKNOWN: NoAnswerError,
}


def raise_for_status(status: PrinterStatus, *, when: str = "before printing") -> None:
    """Raise the error type matching ``status`` unless a job may be sent."""
    if status.state in PRINTABLE_STATES:
        return
    error = _NOT_READY.get(status.state, PrinterNotReadyError)
    raise error(f"printer {status.state.value} {when} (status bytes {status.raw.hex() or '-'})",
                status)


class _NoAnswer(PrinterError):
    """Internal: a status read timed out (never leaves this module: see status())."""


class ThermalPrinter:
    """One ESC/POS printer at one URI. Use as a context manager or open()/close()."""

    def __init__(self, uri: PrinterUri | str, *, width_dots: int = 576,
                 status_timeout_s: float = 2.0, job_timeout_s: float = 60.0) -> None:
        self.uri = parse_printer_uri(uri) if isinstance(uri, str) else uri
        self.width_dots = width_dots
        self.status_timeout_s = status_timeout_s
        self.job_timeout_s = job_timeout_s
        self._escpos: Any = None
        self._owner: int | None = None

    # -- lifecycle --

    def open(self) -> None:
        """Open the transport (connect, open the port or file).

        Raises :class:`PrinterUnavailableError` if it cannot be opened within
        ``status_timeout_s`` (connect timeout) or a library is missing.
        """
        printer = make_escpos(self.uri, width_dots=self.width_dots,
                              timeout_s=self.status_timeout_s)
        try:
            printer.open()
        except (DeviceNotFoundError, OSError) as exc:
            raise PrinterUnavailableError(f"cannot open printer {self.uri.text!r}: "
                                          f"{str(exc).strip()}") from None
        self._escpos = printer
        self._owner = threading.get_ident()

    def close(self) -> None:
        """Close the transport; never raises for an already broken connection."""
        printer, self._escpos = self._escpos, None
        if printer is not None:
            with contextlib.suppress(OSError, PrinterError):
                printer.close()

    def __enter__(self) -> ThermalPrinter:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _device(self) -> Any:
        if self._escpos is None:
            raise PrinterError("printer is not open")
        if threading.get_ident() != self._owner:
            raise RuntimeError("printer used from a thread that did not open it")
        return self._escpos

    # -- status --

    def _set_timeout(self, seconds: float) -> None:
        dev = self._device().device
        seconds = max(seconds, 0.001)
        if isinstance(dev, socket.socket):
            dev.settimeout(seconds)
        elif hasattr(dev, "write_timeout"):  # pyserial
            dev.timeout = seconds
            dev.write_timeout = seconds
        elif hasattr(dev, "default_timeout"):  # pyusb
            dev.default_timeout = max(1, int(seconds * 1000))

    def _drain(self) -> None:
        """Drop late answers to earlier queries so they are not taken for new ones."""
        dev = self._device().device
        if isinstance(dev, socket.socket):
            dev.settimeout(0.0)
            try:
                while dev.recv(64):
                    pass
            except (BlockingIOError, InterruptedError):
                pass
            except OSError as exc:
                raise DisconnectedError(f"printer {self.uri.text!r} connection lost: "
                                        f"{exc}") from None
        elif hasattr(dev, "reset_input_buffer"):
            dev.reset_input_buffer()

    def _query(self, query: StatusQuery, deadline: float) -> int:
        printer = self._device()
        self._drain()
        self._set_timeout(deadline - time.monotonic())
        try:
            printer._raw(query_bytes(query))
            if self.uri.scheme == "serial":
                # python-escpos's Serial._read() asks for 16 bytes and so always
                # waits out the whole timeout; a status answer is one byte.
                answer = bytes(printer.device.read(1))
            else:
                answer = bytes(printer._read())
        except TimeoutError:
            raise _NoAnswer from None
        except Exception as exc:  # socket, pyserial and pyusb errors
            if type(exc).__name__ == "USBTimeoutError":
                raise _NoAnswer from None
            raise DisconnectedError(f"printer {self.uri.text!r} connection lost while reading "
                                    f"status: {exc}") from None
        if not answer:
            if self.uri.scheme == "tcp":  # an orderly close by the printer
                raise DisconnectedError(f"printer {self.uri.text!r} closed the connection")
            raise _NoAnswer
        return answer[-1]

    def status(self, *, timeout_s: float | None = None) -> PrinterStatus:
        """Ask DLE EOT 1, 2 and 4; the whole exchange takes at most ``timeout_s``.

        Returns UNKNOWN if the printer does not answer in time, UNMONITORED
        for write-only transports. Raises :class:`DisconnectedError` if the
        connection breaks.
        """
        if not self.uri.has_status:
            self._device()
            return PrinterStatus(PrinterState.UNMONITORED)
        deadline = time.monotonic() + (timeout_s or self.status_timeout_s)
        answers: list[int | None] = []
        for query in (StatusQuery.PRINTER, StatusQuery.OFFLINE_CAUSE, StatusQuery.PAPER):
            try:
                answers.append(self._query(query, deadline))
            except _NoAnswer:
                answers.append(None)
                break  # a printer that missed one question will not answer the next in time
        answers += [None] * (3 - len(answers))
        return decode_status(*answers)

    # -- jobs --

    def _send(self, job: Callable[[Any], None]) -> None:
        printer = self._device()
        self._set_timeout(self.job_timeout_s)
        try:
            job(printer)
        except TimeoutError:
            raise NoAnswerError(f"printer {self.uri.text!r} stopped accepting data for "
                                f"{self.job_timeout_s:g} s") from None
        except PrinterError:
            raise
        except Exception as exc:  # socket, pyserial and pyusb errors
            if type(exc).__name__ == "USBTimeoutError":
                raise NoAnswerError(f"printer {self.uri.text!r} stopped accepting data") from None
            raise DisconnectedError(f"printer {self.uri.text!r} connection lost mid-job: "
                                    f"{exc}") from None

    def _run_job(self, job: Callable[[Any], None]) -> PrinterStatus:
        raise_for_status(self.status())
        self._send(job)
        if not self.uri.has_status:
            return PrinterStatus(PrinterState.UNMONITORED)
        after = self.status(timeout_s=self.job_timeout_s)
        raise_for_status(after, when="after the job (the receipt may be incomplete)")
        return after

    def print_image(self, image: Image.Image, *, cut: bool = True) -> PrinterStatus:
        """Check status, send ``image`` as GS v 0 raster (python-escpos), cut, confirm.

        ``image`` must be exactly ``width_dots`` wide. Returns the status after
        the job. Raises the :class:`PrinterNotReadyError` subclass for the
        state found (before or after), :class:`DisconnectedError` if the
        connection breaks mid-job.
        """
        if image.width != self.width_dots:
            raise ValueError(f"image is {image.width} dots wide, the printer {self.width_dots}")

        def job(p: Any) -> None:
            p.hw("INIT")
            p.image(image, impl="bitImageRaster")
            if cut:
                p.cut()

        return self._run_job(job)

    def print_job(self, job: Callable[[Any], None]) -> PrinterStatus:
        """Like :meth:`print_image` for a job built by ``job(escpos_printer)`` (text mode)."""
        return self._run_job(job)


@runs_on_printer_worker
def probe_status(uri: PrinterUri | str, *, timeout_s: float = 2.0) -> PrinterStatus:
    """Open, ask the status, close: for the clerk's screen. Printer worker thread only.

    Never raises for printer trouble: a printer that cannot be opened or
    drops the connection is DISCONNECTED, one that does not answer UNKNOWN.
    Raises :class:`~drivers.printer.errors.PrinterUriError` for a bad URI.
    """
    printer = ThermalPrinter(uri, status_timeout_s=timeout_s)
    try:
        printer.open()
    except PrinterUnavailableError:
        return PrinterStatus(PrinterState.DISCONNECTED)
    try:
        return printer.status()
    except DisconnectedError:
        return PrinterStatus(PrinterState.DISCONNECTED)
    finally:
        printer.close()
