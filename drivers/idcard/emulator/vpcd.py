"""A virtual ID card for vsmartcard's ``vpcd`` reader driver in pcscd.

vpcd waits for a card as a TCP client on 127.0.0.1:35963 (35964 for its
second slot). Every message is a 2-byte big-endian length and a payload; a
1-byte payload is control (0x00 power off, 0x01 power on, 0x02 reset,
0x04 get ATR), anything else a command APDU to answer. Connecting inserts the
card, closing the socket removes it.

The card answers what a reader in PC/SC mode answers: ``FF B0 P1 00 00``
with the blocks of a :class:`~drivers.idcard.pcsc.BlockLayout` (the text
block and the WLT photo spread over the photo blocks), ``FF CA 00 00 00``
with a UID derived from the card.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import socket
import threading

from drivers.idcard.cardtext import IdCard, encode_text
from drivers.idcard.pcsc import LAYOUTS, BlockLayout

__all__ = ["ATR", "VPCD_PORT", "VirtualIdCard", "blocks_for"]

log = logging.getLogger("drivers.idcard.emulator")

VPCD_PORT = 35963
#: TS 3B, T0 80 (TD1 follows, no historical bytes), TD1 01 (T=1), TCK 81.
ATR = bytes.fromhex("3B800181")
_OK = b"\x90\x00"
_NOT_FOUND = b"\x6a\x82"
_INS_NOT_SUPPORTED = b"\x6d\x00"


def blocks_for(card: IdCard, layout: BlockLayout) -> dict[int, bytes]:
    """The ``FF B0`` blocks a reader with ``layout`` hands out for ``card``."""
    blocks: dict[int, bytes] = {}
    for data, pieces in ((encode_text(card), layout.text_blocks),
                         (card.photo, layout.photo_blocks)):
        offset = 0
        for block, size in pieces:
            blocks[block] = data[offset:offset + size]
            offset += size
    return blocks


class VirtualIdCard:
    """One card in one vpcd slot: ``insert()`` connects, ``remove()`` disconnects."""

    def __init__(self, card: IdCard, *, port: int = VPCD_PORT, layout: str = "generic",
                 host: str = "127.0.0.1") -> None:
        self.card = card
        self._address = (host, port)
        #: What ``FF B0`` answers, by block number; a test may put a block of the
        #: wrong length here (a reader model that does not match the layout).
        self.blocks = blocks_for(card, LAYOUTS[layout])
        self.uid = hashlib.sha256(card.id_number.encode("utf-8")).digest()[:4]
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.apdus_seen = 0
        #: When set, the card vanishes after answering this many block reads
        #: (a card pulled away mid-read).
        self.remove_after_blocks: int | None = None
        #: When set, the card stops answering after this many block reads (a
        #: stuck reader) until :meth:`resume`; the unanswered read is then answered.
        self.stall_after_blocks: int | None = None
        self._resumed = threading.Event()
        #: Set while a command waits for :meth:`resume`.
        self.stalled = threading.Event()

    def insert(self, *, timeout: float = 5.0) -> None:
        """Connect to vpcd (the card enters the field). Raises OSError if vpcd is not there."""
        sock = socket.create_connection(self._address, timeout=timeout)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,),
                                        name="idcard-vicc", daemon=True)
        self._thread.start()

    def resume(self) -> None:
        """Answer again (after ``stall_after_blocks``), starting with the stalled command."""
        self._resumed.set()

    def remove(self) -> None:
        """Disconnect (the card leaves the field)."""
        self._resumed.set()  # a stalled answer is never sent: the socket is gone
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the other side
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> VirtualIdCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _serve(self, sock: socket.socket) -> None:
        blocks_read = 0
        try:
            while True:
                header = _recv_exact(sock, 2)
                payload = _recv_exact(sock, int.from_bytes(header, "big"))
                if len(payload) == 1:
                    if payload[0] == 0x04:
                        _send(sock, ATR)
                    continue  # power on/off and reset need no answer
                self.apdus_seen += 1
                if payload[:2] == b"\xff\xb0":
                    blocks_read += 1
                    if self.remove_after_blocks is not None and \
                            blocks_read > self.remove_after_blocks:
                        break
                    if self.stall_after_blocks is not None and \
                            blocks_read > self.stall_after_blocks:
                        self.stalled.set()
                        self._resumed.wait()
                        self.stalled.clear()
                _send(sock, self.answer(payload))
        except (OSError, EOFError):
            pass  # removed, or vpcd went away
        finally:
            sock.close()

    def answer(self, apdu: bytes) -> bytes:
        """The response APDU (data + SW1 SW2) for one command APDU."""
        if apdu[:5] == bytes.fromhex("FFCA000000"):
            return self.uid + _OK
        if apdu[:2] == b"\xff\xb0" and len(apdu) >= 5:
            block = self.blocks.get(apdu[2])
            return block + _OK if block is not None else _NOT_FOUND
        return _INS_NOT_SUPPORTED


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError("vpcd closed the connection")
        data += chunk
    return data


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(len(payload).to_bytes(2, "big") + payload)
