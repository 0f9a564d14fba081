"""Printer status: the DLE EOT real-time queries and what their answers mean.

Pure codec, no I/O. ESC/POS ``DLE EOT n`` (``10 04 n``) asks for one status
byte: n=1 printer status, n=2 offline cause, n=3 error cause, n=4 roll-paper
sensor. Every answer byte has bits 1 and 4 set and bits 0 and 7 clear
(``b & 0x93 == 0x12``); a byte without that shape is not a status answer.
The query bytes come from python-escpos's constants (``RT_STATUS`` …).

The state is an enum of identifiers plus named sets; the words a villager
reads live in ``ui/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from escpos.constants import RT_STATUS, RT_STATUS_ONLINE, RT_STATUS_PAPER

__all__ = [
    "PRINTABLE_STATES",
    "READY_STATES",
    "PaperLevel",
    "PrinterState",
    "PrinterStatus",
    "StatusQuery",
    "decode_status",
    "is_status_byte",
    "query_bytes",
]


class StatusQuery(IntEnum):
    """The ``n`` of ``DLE EOT n``."""

    PRINTER = 1
    OFFLINE_CAUSE = 2
    ERROR_CAUSE = 3
    PAPER = 4


def query_bytes(query: StatusQuery) -> bytes:
    """The bytes sent for ``query`` (``10 04 n``)."""
    known: dict[StatusQuery, bytes] = {StatusQuery.PRINTER: RT_STATUS_ONLINE,
                                       StatusQuery.PAPER: RT_STATUS_PAPER}
    return known.get(query, bytes(RT_STATUS) + bytes((int(query),)))


class PrinterState(Enum):
    """What the printer can do right now; values are stable identifiers."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    """Prints, but the roll is nearly used up: tell the clerk."""
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    """Offline for another reason (error, paper-feed button held)."""
    UNKNOWN = "unknown"
    """No (valid) answer within the timeout: never treated as ready."""
    DISCONNECTED = "disconnected"
    """The transport cannot be opened or broke."""
    UNMONITORED = "unmonitored"
    """A write-only transport (``file:``, ``png:``): no status can be read."""


#: States in which a receipt is printed.
READY_STATES = frozenset({PrinterState.READY, PrinterState.PAPER_NEAR_END})
#: States in which a job is sent: ready, or a transport that cannot tell.
PRINTABLE_STATES = READY_STATES | {PrinterState.UNMONITORED}


class PaperLevel(Enum):
    """The roll-paper sensors."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """One status reading."""

    state: PrinterState
    online: bool | None = None
    paper: PaperLevel = PaperLevel.UNKNOWN
    cover_open: bool | None = None
    raw: bytes = b""
    """The answer bytes to queries 1, 2 and 4 (as many as arrived)."""

    @property
    def ready(self) -> bool:
        """True if a receipt may be printed now."""
        return self.state in READY_STATES


def is_status_byte(value: int) -> bool:
    """True if ``value`` has the fixed bits of a DLE EOT answer."""
    return value & 0x93 == 0x12


def decode_status(printer: int | None, offline: int | None = None,
                  paper: int | None = None) -> PrinterStatus:
    """Combine the answers to DLE EOT 1, 2 and 4 into one :class:`PrinterStatus`.

    ``None`` means that query got no answer. No (or a malformed) answer to
    query 1 gives :attr:`PrinterState.UNKNOWN`. Cover open wins over paper
    out (closing the cover is the first thing to do), paper out over other
    offline causes.
    """
    raw = bytes(b for b in (printer, offline, paper) if b is not None)
    if printer is None or not is_status_byte(printer):
        return PrinterStatus(PrinterState.UNKNOWN, raw=raw)
    online = not printer & 0x08
    cover = None
    paper_stop = False
    if offline is not None and is_status_byte(offline):
        cover = bool(offline & 0x04)
        paper_stop = bool(offline & 0x20)
    level = PaperLevel.UNKNOWN
    if paper is not None and is_status_byte(paper):
        if paper & 0x60:
            level = PaperLevel.OUT
        elif paper & 0x0C:
            level = PaperLevel.NEAR_END
        else:
            level = PaperLevel.OK
    if paper_stop:
        level = PaperLevel.OUT
    if cover:
        state = PrinterState.COVER_OPEN
    elif level is PaperLevel.OUT:
        state = PrinterState.PAPER_OUT
    elif not online:
        state = PrinterState.OFFLINE
    elif level is PaperLevel.NEAR_END:
        state = PrinterState.PAPER_NEAR_END
    else:
        state = PrinterState.READY
    return PrinterStatus(state, online, level, cover, raw)
