"""An emulated ESC/POS network printer: a TCP sink on 127.0.0.1 for tests and the demo.

It records every byte it receives, answers ``DLE EOT n`` status queries the
way a real printer does (skipping raster and 2-D code data, where those
bytes are image data, not commands), and can be switched at any time to a
fault: paper near end, paper out, cover open, offline, no answer, or a
connection reset after ``disconnect_after`` bytes of a job. :meth:`hold`
stops it reading (a printer busy with a long job: senders wait) until
:meth:`release`.

Run one by hand: ``python -m drivers.printer.emulator --port 9100`` and print
to ``tcp://127.0.0.1:9100``.
"""

from __future__ import annotations

import argparse
import socket
import struct
import threading
import time
from enum import Enum
from types import TracebackType

__all__ = ["STATUS_ANSWERS", "EmulatedPrinter", "Fault", "StatusQueryParser"]


class Fault(Enum):
    """What the emulated printer pretends."""

    NONE = "none"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    NO_ANSWER = "no_answer"
    """Reads everything, answers nothing."""
    DISCONNECT_MID_JOB = "disconnect_mid_job"
    """Resets the connection once ``disconnect_after`` bytes have arrived."""


#: Answer byte to DLE EOT n (n = 1, 2, 3, 4) for each fault (Epson ESC/POS reference bits).
STATUS_ANSWERS: dict[Fault, dict[int, int]] = {
    Fault.NONE: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    Fault.PAPER_NEAR_END: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    Fault.PAPER_OUT: {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x72},
    Fault.COVER_OPEN: {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    Fault.OFFLINE: {1: 0x1A, 2: 0x52, 3: 0x52, 4: 0x12},
}
STATUS_ANSWERS[Fault.DISCONNECT_MID_JOB] = STATUS_ANSWERS[Fault.NONE]


class StatusQueryParser:
    """Finds DLE EOT queries in the stream, skipping the data of image commands."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.skip = 0

    def feed(self, data: bytes) -> list[int]:
        """Consume ``data``; return the ``n`` of each complete DLE EOT query in it."""
        self.buffer += data
        queries: list[int] = []
        buf = self.buffer
        i = 0
        while i < len(buf):
            if self.skip:
                step = min(self.skip, len(buf) - i)
                self.skip -= step
                i += step
                continue
            head = buf[i:i + 3]
            if buf[i] == 0x10:
                if len(head) < 3:
                    break
                if head[1] == 0x04:
                    queries.append(head[2])
                    i += 3
                    continue
            elif buf[i] == 0x1D:
                if len(head) < 3:
                    break
                if head[1:3] == b"v0":  # GS v 0 m xL xH yL yH + data
                    if len(buf) - i < 8:
                        break
                    self.skip = (buf[i + 4] | buf[i + 5] << 8) * (buf[i + 6] | buf[i + 7] << 8)
                    i += 8
                    continue
                if head[1] == 0x28:  # GS ( k / GS ( L pL pH + data
                    if len(buf) - i < 5:
                        break
                    self.skip = buf[i + 3] | buf[i + 4] << 8
                    i += 5
                    continue
            i += 1
        del buf[:i]
        return queries


class EmulatedPrinter:
    """A printer on ``tcp://127.0.0.1:PORT``; start(), then use :attr:`uri`; stop() when done."""

    def __init__(self, *, port: int = 0, fault: Fault = Fault.NONE,
                 disconnect_after: int = 2048) -> None:
        self.fault = fault
        self.disconnect_after = disconnect_after
        self._port = port
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._received = bytearray()
        self._stop = threading.Event()
        self._reading = threading.Event()
        self._reading.set()
        self.connections = 0
        self.queries: list[int] = []

    @property
    def port(self) -> int:
        """The TCP port listened on (after start())."""
        if self._server is None:
            raise RuntimeError("emulated printer not started")
        return int(self._server.getsockname()[1])

    @property
    def uri(self) -> str:
        """The printer URI to print to."""
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def received(self) -> bytes:
        """Every byte received so far, over all connections."""
        with self._lock:
            return bytes(self._received)

    def clear(self) -> None:
        """Forget the bytes and queries received so far."""
        with self._lock:
            self._received.clear()
            self.queries.clear()

    def set_fault(self, fault: Fault) -> None:
        """Switch to ``fault``; takes effect for the next byte received."""
        self.fault = fault

    def hold(self) -> None:
        """Stop reading from every connection (bytes wait in the socket) until :meth:`release`."""
        self._reading.clear()

    def release(self) -> None:
        """Read again after :meth:`hold`."""
        self._reading.set()

    def start(self) -> EmulatedPrinter:
        """Listen on 127.0.0.1 and serve connections on background threads."""
        server = socket.create_server(("127.0.0.1", self._port))
        server.settimeout(0.1)
        self._server = server
        thread = threading.Thread(target=self._accept_loop, name="printer-emulator", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop serving and close every connection (waits for the threads)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> EmulatedPrinter:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def wait_for(self, count: int, timeout_s: float = 5.0) -> bool:
        """Wait until at least ``count`` bytes have arrived; False on timeout."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return True
            time.sleep(0.01)
        return False

    def _accept_loop(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True,
                                      name="printer-emulator-conn")
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        parser = StatusQueryParser()
        count = 0
        conn.settimeout(0.1)
        with conn:
            while not self._stop.is_set():
                if not self._reading.wait(0.1):
                    continue
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                fault = self.fault
                if fault is Fault.DISCONNECT_MID_JOB and count + len(data) > self.disconnect_after:
                    data = data[: max(0, self.disconnect_after - count)]
                    with self._lock:
                        self._received += data
                    # RST, not FIN: the client's next send or read fails at once.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                count += len(data)
                with self._lock:
                    self._received += data
                for n in parser.feed(data):
                    with self._lock:
                        self.queries.append(n)
                    answers = STATUS_ANSWERS.get(fault)
                    if answers is not None and n in answers:
                        try:
                            conn.sendall(bytes((answers[n],)))
                        except OSError:
                            return


def main(argv: list[str] | None = None) -> int:
    """Serve an emulated printer until interrupted."""
    parser = argparse.ArgumentParser(description="emulated ESC/POS network printer")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--fault", choices=[f.value for f in Fault], default="none")
    args = parser.parse_args(argv)
    printer = EmulatedPrinter(port=args.port, fault=Fault(args.fault)).start()
    print(f"emulated printer on {printer.uri}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
        print(f"received {len(printer.received)} bytes")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
