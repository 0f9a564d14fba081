"""Serve a :class:`SamEmulator` on a pseudo-terminal, like a reader on /dev/ttyUSB0.

The slave side's path (``/dev/pts/N``) is what the serial transport opens.
With ``baud`` set, answers are paced to the time the bytes would take on a
real 8N1 line (10 bits a byte), so timing tests and the benchmark see
realistic delays.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
import tty

from drivers.idcard.codec import FrameParser, SamStatus, build_response
from drivers.idcard.emulator.sam import Reply, SamEmulator
from drivers.idcard.errors import CodecError

__all__ = ["PtyEmulator"]

log = logging.getLogger("drivers.idcard.emulator")
_PACE_CHUNK = 32  # bytes written at a time when pacing to a baud rate


class PtyEmulator:
    """A SAM on a pty, served by one thread; ``open()`` / ``close()`` or ``with``."""

    def __init__(self, sam: SamEmulator, *, baud: int | None = None) -> None:
        self.sam = sam
        self.baud = baud
        self._master = -1
        self._slave = -1
        self._path = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.bytes_in = 0
        self.bytes_out = 0

    @property
    def path(self) -> str:
        """The pty's device path for the host to open (valid after :meth:`open`)."""
        return self._path

    def open(self) -> PtyEmulator:
        """Create the pty and start serving."""
        self._master, self._slave = os.openpty()
        # Raw mode: no echo, no line discipline mangling 0x0D/0x11/0x13 bytes.
        tty.setraw(self._slave)
        self._path = os.ttyname(self._slave)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="idcard-emulator", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and close the pty (a host that has it open sees a disconnect)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> PtyEmulator:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self) -> None:
        parser = FrameParser(min_len=3)
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                # EIO while no host has the slave open: nothing to do but wait.
                time.sleep(0.02)
                continue
            self.bytes_in += len(data)
            parser.feed(data)
            arrived = time.monotonic()
            while True:
                try:
                    request = parser.next_request()
                except CodecError:
                    self._send(Reply((build_response(SamStatus.CHECKSUM_ERROR),)), arrived)
                    continue
                if request is None:
                    break
                # The command's own wire time: on a real line the SAM has the
                # last byte only this long after the host started writing.
                arrived += self._wire_time(len(request.data) + 10)
                arrived = self._send(self.sam.handle(request), arrived)

    def _wire_time(self, nbytes: int) -> float:
        return nbytes * 10.0 / self.baud if self.baud else 0.0

    def _send(self, reply: Reply, start: float) -> float:
        """Write a reply paced from ``start``; returns when its last byte is on the wire."""
        sent = 0
        for index, chunk in enumerate(reply.chunks):
            if index and reply.pause:
                time.sleep(reply.pause)
            for offset in range(0, len(chunk), _PACE_CHUNK if self.baud else len(chunk) or 1):
                piece = chunk[offset:offset + (_PACE_CHUNK if self.baud else len(chunk))]
                # Sleep to absolute deadlines so oversleeping does not accumulate.
                delay = start + self._wire_time(sent + len(piece)) - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                self._write(piece)
                sent += len(piece)
        return max(start + self._wire_time(sent), time.monotonic())

    def _write(self, data: bytes) -> None:
        try:
            os.write(self._master, data)
        except OSError as exc:
            log.debug("emulator write failed: %s", exc)
            return
        self.bytes_out += len(data)
