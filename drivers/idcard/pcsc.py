"""Readers in PC/SC (CCID) mode, through pyscard and pcscd.

Such readers keep the SAM inside and hand out the decoded blocks through
vendor pseudo-APDUs: ``FF B0 P1 00 00`` reads block P1 (block 0 the text,
then the photo), ``FF CA 00 00 00`` the card's physical UID — only a
"card present" signal. Which blocks hold what differs per reader model, so
the layout is data (:data:`LAYOUTS`, chosen by ``pcsc:NAME?layout=…``),
block lengths included: a block of another length is refused.

Card and reader changes (hot-plug) are seen by ``SCardGetStatusChange`` on
the reader's worker thread, not by pyscard's monitor threads, which would
call back on threads of their own. pyscard is optional: without it
:func:`is_usable` is false and :func:`unusable_reason` says why.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from drivers.idcard.callthread import CallThread
from drivers.idcard.cardtext import PHOTO_SIZE, TEXT_SIZE
from drivers.idcard.errors import (
    BlockLengthError,
    CardRemoved,
    CodecError,
    ReaderTimeout,
    ReaderUnavailable,
    TransportError,
)

__all__ = [
    "LAYOUTS",
    "ApduError",
    "BlockLayout",
    "PcscLink",
    "is_usable",
    "read_block_apdu",
    "unusable_reason",
]

try:
    from smartcard import scard
except ImportError as _exc:  # no pyscard on this machine
    _scard: Any = None
    _IMPORT_PROBLEM = f"pyscard is not installed ({_exc})"
else:
    _scard = scard
    _IMPORT_PROBLEM = ""

UID_APDU = bytes.fromhex("FFCA000000")


@dataclass(frozen=True)
class BlockLayout:
    """Which ``FF B0`` blocks of a reader model hold the text and the photo, and how
    long each block is: ``(block number, bytes)`` pairs in reading order.

    A block of any other length is refused (:class:`BlockLengthError`): a
    reader model whose photo is split differently gets a layout of its own.
    """

    name: str
    text_blocks: tuple[tuple[int, int], ...]
    photo_blocks: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        for role, blocks, total in (("text", self.text_blocks, TEXT_SIZE),
                                    ("photo", self.photo_blocks, PHOTO_SIZE)):
            if sum(size for _block, size in blocks) != total:
                raise ValueError(f"layout {self.name!r}: the {role} blocks must add up "
                                 f"to {total} bytes")


def _split(first: int, count: int, total: int) -> tuple[tuple[int, int], ...]:
    """``count`` blocks from ``first`` holding ``total`` bytes, the last one shorter."""
    size = -(-total // count)
    return tuple((first + i, min(size, total - i * size)) for i in range(count))


#: Known layouts by name. "generic": block 0 the 256-byte text, blocks 1–5 the
#: photo (205 bytes each, the last 204), as public reader code reads them;
#: "photo4": the photo in four 256-byte blocks.
LAYOUTS = {
    layout.name: layout
    for layout in (
        BlockLayout("generic", ((0, TEXT_SIZE),), _split(1, 5, PHOTO_SIZE)),
        BlockLayout("photo4", ((0, TEXT_SIZE),), _split(1, 4, PHOTO_SIZE)),
    )
}


class ApduError(CodecError):
    """A pseudo-APDU answered with a status word other than 90 00."""

    code = "idcard.apdu"

    def __init__(self, apdu: bytes, sw: int) -> None:
        super().__init__(f"APDU {apdu[:4].hex()} answered {sw:04x}")
        self.sw = sw


def is_usable() -> bool:
    """True if pyscard is importable (pcscd itself is checked by :meth:`PcscLink.open`)."""
    return _scard is not None


def unusable_reason() -> str:
    """Why PC/SC cannot be used here ("" when it can)."""
    return _IMPORT_PROBLEM


def read_block_apdu(block: int) -> bytes:
    """``FF B0 P1 00 00``: read block ``block`` (Le 00 = up to 256 bytes)."""
    return bytes([0xFF, 0xB0, block, 0x00, 0x00])


def _check(hresult: int, what: str, *, card: bool = False) -> None:
    """Raise for a failed SCard call: the service or reader gone is a link failure;
    any other failure of a card exchange (``card=True``) means the card left."""
    if hresult == _scard.SCARD_S_SUCCESS:
        return
    message = f"{what}: {_scard.SCardGetErrorMessage(hresult)} ({hresult & 0xFFFFFFFF:#010x})"
    if hresult in (_scard.SCARD_E_NO_SERVICE, _scard.SCARD_E_NO_READERS_AVAILABLE,
                   _scard.SCARD_E_SERVICE_STOPPED):
        raise ReaderUnavailable(message)
    if hresult in (_scard.SCARD_E_READER_UNAVAILABLE, _scard.SCARD_E_UNKNOWN_READER,
                   _scard.SCARD_E_INVALID_HANDLE) or not card:
        raise TransportError(message)
    raise CardRemoved(message)


class PcscLink:
    """A PC/SC reader with the ID-card pseudo-APDUs (a :class:`CardLink`).

    Every SCard call runs on the link's :class:`CallThread` and may take at
    most ``timeout`` seconds (``idcard.timeout_ms``): pcsc-lite itself waits
    for ever on a reader that stops answering. Past the deadline the call
    raises :class:`ReaderTimeout` and so does every call after it until the
    reader answers the stuck one; the link then works again after a
    :meth:`close` and :meth:`open` (the stuck call's context is released on
    its thread once the call returns).
    """

    def __init__(self, reader: str | None = None, *, layout: str = "generic",
                 timeout: float = 1.0) -> None:
        if layout not in LAYOUTS:
            raise ReaderUnavailable(f"unknown PC/SC block layout {layout!r} "
                                    f"(known: {', '.join(LAYOUTS)})")
        self._wanted = reader
        self.layout = LAYOUTS[layout]
        self.timeout = timeout
        self._calls: CallThread | None = None
        self._retired: CallThread | None = None  # a closed link's thread, maybe stuck
        self._context: Any = None
        self._reader = ""
        self._card: Any = None
        self._protocol = 0
        self.uid = b""

    @property
    def description(self) -> str:
        """``pcsc:READER NAME`` of the open link (or what is configured)."""
        return f"pcsc:{self._reader or self._wanted or ''}"

    def _call(self, what: str, fn: Any, *args: Any) -> Any:
        if self._calls is None:
            raise TransportError("PC/SC link is not open")
        return self._calls.call(what, fn, *args, timeout=self.timeout)

    def open(self) -> None:
        """Connect to pcscd and pick the reader.

        Raises :class:`ReaderUnavailable`, or :class:`ReaderTimeout` while a
        call of the previous connection is still unanswered.
        """
        if _scard is None:
            raise ReaderUnavailable(f"PC/SC unavailable: {_IMPORT_PROBLEM}")
        self.close()
        retired = self._retired
        if retired is not None:
            retired.join(self.timeout)  # its clean-up, normally done at once
            if retired.is_alive():
                raise ReaderTimeout((retired.stuck_on or "no answer to the last command")
                                    + "; still none")
            self._retired = None
        self._calls = CallThread("idcard-pcsc")
        hresult, context = self._call("SCardEstablishContext", _scard.SCardEstablishContext,
                                      _scard.SCARD_SCOPE_USER)
        if hresult != _scard.SCARD_S_SUCCESS:
            self.close()
            raise ReaderUnavailable("pcscd is not running or not reachable: "
                                    + _scard.SCardGetErrorMessage(hresult))
        self._context = context
        hresult, readers = self._call("SCardListReaders", _scard.SCardListReaders, context, [])
        if hresult != _scard.SCARD_S_SUCCESS or not readers:
            self.close()
            raise ReaderUnavailable("no PC/SC reader connected")
        matching = [r for r in readers if not self._wanted or self._wanted in r]
        if not matching:
            self.close()
            raise ReaderUnavailable(f"no PC/SC reader named like {self._wanted!r} "
                                    f"(have: {', '.join(readers)})")
        self._reader = matching[0]

    def close(self) -> None:
        """Release the card and the context; safe to call twice. Never waits for a
        stuck call: the release then runs after it, on the call thread."""
        calls, self._calls = self._calls, None
        if calls is None:
            return
        card, context = self._card, self._context
        self._card = self._context = None
        if calls.stuck_on:
            calls.post(_release, card, context)
        else:
            # On a timeout it is released when pcscd answers; the thread ends after that.
            with contextlib.suppress(ReaderTimeout):
                calls.call("release", _release, card, context, timeout=self.timeout)
        calls.finish()
        self._retired = calls

    def _release_card(self) -> None:
        if self._card is not None:
            card, self._card = self._card, None
            self._call("SCardDisconnect", _scard.SCardDisconnect, card, _scard.SCARD_LEAVE_CARD)

    def find_card(self) -> bool:
        """True if a card is in the reader's field.

        Raises :class:`TransportError` if the reader was unplugged,
        :class:`ReaderTimeout` if pcscd does not answer in time.
        """
        hresult, states = self._call(
            "SCardGetStatusChange", _scard.SCardGetStatusChange, self._context, 0,
            [(self._reader, _scard.SCARD_STATE_UNAWARE)])
        if hresult == _scard.SCARD_E_TIMEOUT:
            return False
        _check(hresult, "card status")
        _reader, event, _atr = states[0]
        if event & (_scard.SCARD_STATE_UNKNOWN | _scard.SCARD_STATE_UNAVAILABLE):
            raise TransportError(f"PC/SC reader {self._reader!r} is gone")
        present = bool(event & _scard.SCARD_STATE_PRESENT)
        if not present:
            self._release_card()
        return present

    def select_card(self) -> bool:
        """Connect to the card and read its UID (a presence signal); False if it left.

        Raises :class:`ReaderTimeout` if the reader does not answer in time.
        """
        self._release_card()
        hresult, card, protocol = self._call(
            "SCardConnect", _scard.SCardConnect, self._context, self._reader,
            _scard.SCARD_SHARE_SHARED, _scard.SCARD_PROTOCOL_T0 | _scard.SCARD_PROTOCOL_T1)
        if hresult in (_scard.SCARD_E_NO_SMARTCARD, _scard.SCARD_W_REMOVED_CARD):
            return False
        _check(hresult, "connect", card=True)
        self._card, self._protocol = card, protocol
        self.uid = self._transmit(UID_APDU)
        return True

    def read_card(self) -> tuple[bytes, bytes]:
        """``(text, photo)`` from the layout's blocks, each checked against its length.

        Raises :class:`BlockLengthError` for a block longer or shorter than the
        layout says, :class:`ApduError`, :class:`CardRemoved`,
        :class:`ReaderTimeout` (no answer within ``timeout``),
        :class:`TransportError`.
        """
        try:
            text = self._read_blocks("text", self.layout.text_blocks)
            photo = self._read_blocks("photo", self.layout.photo_blocks)
        finally:
            if self._calls is not None and not self._calls.stuck_on:
                self._release_card()
        return text, photo

    def _read_blocks(self, role: str, blocks: tuple[tuple[int, int], ...]) -> bytes:
        parts = []
        for block, size in blocks:
            data = self._transmit(read_block_apdu(block))
            if len(data) != size:
                raise BlockLengthError(f"block {block} ({role}, layout {self.layout.name!r})",
                                       len(data), size)
            parts.append(data)
        return b"".join(parts)

    def _transmit(self, apdu: bytes) -> bytes:
        if self._card is None:
            raise CardRemoved("no card connected")
        hresult, response = self._call(f"APDU {apdu.hex(' ').upper()}", _scard.SCardTransmit,
                                       self._card, self._protocol, list(apdu))
        _check(hresult, "transmit", card=True)
        if len(response) < 2:
            raise ApduError(apdu, 0)
        sw = response[-2] << 8 | response[-1]
        if sw != 0x9000:
            raise ApduError(apdu, sw)
        return bytes(response[:-2])


def _release(card: Any, context: Any) -> None:
    """Disconnect the card and release the context (on the call thread)."""
    if card is not None:
        _scard.SCardDisconnect(card, _scard.SCARD_LEAVE_CARD)
    if context is not None:
        _scard.SCardReleaseContext(context)
