"""A fault-injecting TCP proxy on 127.0.0.1 for the sync tests.

Sits between the terminal's daemon and the county server and, per
connection, either forwards faithfully or breaks the link the ways a 4G
modem does: refuses (RST at once), black-holes (accepts, never answers),
answers 502 itself, or forwards the request and then cuts the answer after
a random number of bytes (FIN), resets it (RST) or stalls it past the
client's read timeout; with ``pass_bytes`` set even a good connection is
closed after a while, so keep-alive cannot carry all traffic past the faults. Faults are
drawn from a seeded RNG with weights the test sets at any time. Every byte
the client sent is kept (``client_bytes``) so tests can check what left the
terminal.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter

__all__ = ["FAULTS", "FaultProxy"]

FAULTS = ("pass", "refuse", "blackhole", "bad_gateway", "drop", "reset", "stall")
_BAD_GATEWAY = (b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 21\r\n"
                b"Connection: close\r\n\r\n<h1>502 from 4G</h1>")


def _rst(sock: socket.socket) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class FaultProxy:
    """Proxy 127.0.0.1:``port`` → 127.0.0.1:``upstream_port``; a context manager."""

    def __init__(self, upstream_port: int, *, seed: int = 0, stall_s: float = 10.0,
                 cut_bytes: tuple[int, int] = (1, 60_000)) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.stall_s = stall_s
        self.cut_bytes = cut_bytes
        #: (min, max) bytes a good connection carries before it is closed; None: unlimited.
        self.pass_bytes: tuple[int, int] | None = None
        self.weights: dict[str, float] = {"pass": 1.0}
        self.counts: Counter[str] = Counter()
        self.client_bytes = bytearray()
        self._lock = threading.Lock()
        #: Forwarded connections still open (client side, upstream side).
        self._open: set[tuple[socket.socket, socket.socket]] = set()
        #: How many times :meth:`sever` ran: a connection whose fault was drawn
        #: before the latest sever is cut as soon as it would start forwarding.
        self._severed = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def set_faults(self, **weights: float) -> None:
        """Weights of the faults for new connections, e.g. ``set_faults(pass_=3, drop=1)``."""
        clean = {k.rstrip("_"): v for k, v in weights.items()}
        assert set(clean) <= set(FAULTS), clean
        with self._lock:
            self.weights = clean

    def sever(self) -> None:
        """Reset every forwarded connection now open: the link is gone for them too.

        Weights apply to new connections only, so without this a keep-alive
        connection made while the link was good would carry on through a
        "4G is down" phase. A connection accepted (its fault drawn) before this
        call but not yet forwarding is cut when it gets there."""
        with self._lock:
            self._severed += 1
            pairs, self._open = list(self._open), set()
        for client, upstream in pairs:
            _rst(client)
            _rst(upstream)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._thread.join(timeout=5)

    def _pick(self) -> tuple[str, int, int]:
        with self._lock:
            severed = self._severed
            names = list(self.weights)
            fault = self.rng.choices(names, [self.weights[n] for n in names])[0]
            if fault == "pass":
                cut = self.rng.randint(*self.pass_bytes) if self.pass_bytes else -1
            else:
                cut = self.rng.randint(*self.cut_bytes)
            self.counts[fault] += 1
        return fault, cut, severed

    def _accept_loop(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        fault, cut, severed = self._pick()
        if fault == "refuse":
            _rst(client)
            return
        if fault == "blackhole":
            self._stop.wait(self.stall_s)
            _rst(client)
            return
        if fault == "bad_gateway":
            with contextlib.suppress(OSError):
                client.settimeout(5)
                client.recv(65536)
                client.sendall(_BAD_GATEWAY)
                client.shutdown(socket.SHUT_RDWR)
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            _rst(client)
            return
        upstream.settimeout(None)
        for sock in (client, upstream):  # forward each write at once, as a router would
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pair = (client, upstream)
        with self._lock:
            cut_off = severed != self._severed  # drawn as "pass" before the link went down
            if not cut_off:
                self._open.add(pair)
        if cut_off:
            _rst(client)
            _rst(upstream)
            return
        threading.Thread(target=self._pump_up, args=(client, upstream), daemon=True).start()
        try:
            self._pump_down(upstream, client, fault, cut)
        finally:
            with self._lock:
                self._open.discard(pair)

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                with self._lock:
                    self.client_bytes.extend(data)
                upstream.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            upstream.shutdown(socket.SHUT_WR)

    def _pump_down(self, upstream: socket.socket, client: socket.socket, fault: str,
                   cut: int) -> None:
        sent = 0
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                if fault == "pass" and 0 <= cut <= sent:
                    # Even a good connection does not live forever (the modem
                    # re-attaches): close it after a whole chunk, so keep-alive
                    # cannot carry all traffic past the faults on one connection.
                    client.sendall(data)
                    break
                if fault != "pass" and sent + len(data) >= cut:
                    client.sendall(data[:max(0, cut - sent)])
                    if fault == "stall":
                        deadline = time.monotonic() + self.stall_s
                        while time.monotonic() < deadline and not self._stop.is_set():
                            time.sleep(0.05)
                    if fault == "reset":
                        _rst(client)
                    else:
                        with contextlib.suppress(OSError):
                            client.shutdown(socket.SHUT_RDWR)
                            client.close()
                    _rst(upstream)
                    return
                client.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
