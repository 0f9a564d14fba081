"""Readers in PC/SC (CCID) mode, through pyscard and pcscd.

Such readers keep the SAM inside and hand out the decoded blocks through
vendor pseudo-APDUs: ``FF B0 P1 00 00`` reads block P1 (block 0 the text,
then the photo), ``FF CA 00 00 00`` the card's physical UID — only a
"card present" signal. Which blocks hold what differs per reader model, so
the layout is data (:data:`LAYOUTS`, chosen by ``pcsc:NAME?layout=…``).

Card and reader changes (hot-plug) are seen by ``SCardGetStatusChange`` on
the reader's worker thread, not by pyscard's monitor threads, which would
call back on threads of their own. pyscard is optional: without it
:func:`is_usable` is false and :func:`unusable_reason` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drivers.idcard.cardtext import PHOTO_SIZE, TEXT_SIZE
from drivers.idcard.errors import CardRemoved, CodecError, ReaderUnavailable, TransportError

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
    """Which ``FF B0`` blocks of a reader model hold the text and the photo."""

    name: str
    text_blocks: tuple[int, ...]
    photo_blocks: tuple[int, ...]


#: Known layouts by name. "generic": block 0 the text, 1–5 the photo, as
#: public reader code does; "photo4": four 256-byte photo blocks.
LAYOUTS = {
    layout.name: layout
    for layout in (
        BlockLayout("generic", (0,), (1, 2, 3, 4, 5)),
        BlockLayout("photo4", (0,), (1, 2, 3, 4)),
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

    ``timeout`` is kept for the link interface: pcscd bounds each exchange
    itself, and presence checks never block (``SCardGetStatusChange`` with 0).
    """

    def __init__(self, reader: str | None = None, *, layout: str = "generic",
                 timeout: float = 1.0) -> None:
        if layout not in LAYOUTS:
            raise ReaderUnavailable(f"unknown PC/SC block layout {layout!r} "
                                    f"(known: {', '.join(LAYOUTS)})")
        self._wanted = reader
        self.layout = LAYOUTS[layout]
        self.timeout = timeout
        self._context: Any = None
        self._reader = ""
        self._card: Any = None
        self._protocol = 0
        self.uid = b""

    @property
    def description(self) -> str:
        """``pcsc:READER NAME`` of the open link (or what is configured)."""
        return f"pcsc:{self._reader or self._wanted or ''}"

    def open(self) -> None:
        """Connect to pcscd and pick the reader. Raises :class:`ReaderUnavailable`."""
        if _scard is None:
            raise ReaderUnavailable(f"PC/SC unavailable: {_IMPORT_PROBLEM}")
        self.close()
        hresult, context = _scard.SCardEstablishContext(_scard.SCARD_SCOPE_USER)
        if hresult != _scard.SCARD_S_SUCCESS:
            raise ReaderUnavailable("pcscd is not running or not reachable: "
                                    + _scard.SCardGetErrorMessage(hresult))
        self._context = context
        hresult, readers = _scard.SCardListReaders(context, [])
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
        """Release the card and the context; safe to call twice."""
        self._release_card()
        if self._context is not None:
            _scard.SCardReleaseContext(self._context)
            self._context = None

    def _release_card(self) -> None:
        if self._card is not None:
            _scard.SCardDisconnect(self._card, _scard.SCARD_LEAVE_CARD)
            self._card = None

    def find_card(self) -> bool:
        """True if a card is in the reader's field (raises :class:`TransportError` if
        the reader was unplugged)."""
        hresult, states = _scard.SCardGetStatusChange(
            self._context, 0, [(self._reader, _scard.SCARD_STATE_UNAWARE)])
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
        """Connect to the card and read its UID (a presence signal); False if it left."""
        self._release_card()
        hresult, card, protocol = _scard.SCardConnect(
            self._context, self._reader, _scard.SCARD_SHARE_SHARED,
            _scard.SCARD_PROTOCOL_T0 | _scard.SCARD_PROTOCOL_T1)
        if hresult in (_scard.SCARD_E_NO_SMARTCARD, _scard.SCARD_W_REMOVED_CARD):
            return False
        _check(hresult, "connect", card=True)
        self._card, self._protocol = card, protocol
        self.uid = self._transmit(UID_APDU)
        return True

    def read_card(self) -> tuple[bytes, bytes]:
        """``(text, photo)`` from the layout's blocks. Raises :class:`ApduError`,
        :class:`CardRemoved`, :class:`TransportError`."""
        try:
            text = b"".join(self._transmit(read_block_apdu(b)) for b in self.layout.text_blocks)
            photo = b"".join(self._transmit(read_block_apdu(b))
                             for b in self.layout.photo_blocks)
        finally:
            self._release_card()
        return text[:TEXT_SIZE], photo[:PHOTO_SIZE]

    def _transmit(self, apdu: bytes) -> bytes:
        if self._card is None:
            raise CardRemoved("no card connected")
        hresult, response = _scard.SCardTransmit(self._card, self._protocol, list(apdu))
        _check(hresult, "transmit", card=True)
        if len(response) < 2:
            raise ApduError(apdu, 0)
        sw = response[-2] << 8 | response[-1]
        if sw != 0x9000:
            raise ApduError(apdu, sw)
        return bytes(response[:-2])
