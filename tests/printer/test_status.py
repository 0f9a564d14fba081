"""DLE EOT status queries: exact bytes, and what the answers mean (table-driven)."""

from __future__ import annotations

import pytest

from drivers.printer.emulator import STATUS_ANSWERS, Fault
from drivers.printer.status import (
    PRINTABLE_STATES,
    READY_STATES,
    PaperLevel,
    PrinterState,
    StatusQuery,
    decode_status,
    is_status_byte,
    query_bytes,
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (StatusQuery.PRINTER, b"\x10\x04\x01"),        # ESC/POS ref.: DLE EOT 1, printer status
        (StatusQuery.OFFLINE_CAUSE, b"\x10\x04\x02"),  # DLE EOT 2, offline cause
        (StatusQuery.ERROR_CAUSE, b"\x10\x04\x03"),    # DLE EOT 3, error cause
        (StatusQuery.PAPER, b"\x10\x04\x04"),          # DLE EOT 4, roll paper sensor
    ],
)
def test_query_bytes(query: StatusQuery, expected: bytes) -> None:
    assert query_bytes(query) == expected


@pytest.mark.parametrize(
    ("answers", "state", "paper", "online", "cover"),
    [
        # (DLE EOT 1, 2, 4 answers) — bytes as an Epson TM-T20 class printer sends them
        ((0x12, 0x12, 0x12), PrinterState.READY, PaperLevel.OK, True, False),
        ((0x12, 0x12, 0x1E), PrinterState.PAPER_NEAR_END, PaperLevel.NEAR_END, True, False),
        ((0x12, 0x12, 0x16), PrinterState.PAPER_NEAR_END, PaperLevel.NEAR_END, True, False),
        ((0x1A, 0x32, 0x72), PrinterState.PAPER_OUT, PaperLevel.OUT, False, False),
        ((0x1A, 0x12, 0x72), PrinterState.PAPER_OUT, PaperLevel.OUT, False, False),
        ((0x1A, 0x32, None), PrinterState.PAPER_OUT, PaperLevel.OUT, False, False),
        ((0x1A, 0x16, 0x12), PrinterState.COVER_OPEN, PaperLevel.OK, False, True),
        ((0x1A, 0x36, 0x72), PrinterState.COVER_OPEN, PaperLevel.OUT, False, True),
        ((0x1A, 0x52, 0x12), PrinterState.OFFLINE, PaperLevel.OK, False, False),
        ((0x12, None, None), PrinterState.READY, PaperLevel.UNKNOWN, True, None),
        ((None, None, None), PrinterState.UNKNOWN, PaperLevel.UNKNOWN, None, None),
        # not status bytes:
        ((0x00, 0x12, 0x12), PrinterState.UNKNOWN, PaperLevel.UNKNOWN, None, None),
        ((0xFF, 0x12, 0x12), PrinterState.UNKNOWN, PaperLevel.UNKNOWN, None, None),
    ],
    ids=["ready", "near-end", "near-end-bit2", "paper-out", "paper-out-sensor-only",
         "paper-stop-no-sensor", "cover-open", "cover-open-and-paper-out", "offline-error",
         "only-query-1-answered", "no-answer", "garbled-zero", "garbled-ff"],
)
def test_decode_status(answers: tuple[int | None, int | None, int | None],
                       state: PrinterState, paper: PaperLevel, online: bool | None,
                       cover: bool | None) -> None:
    status = decode_status(*answers)
    assert (status.state, status.paper, status.online, status.cover_open) == \
        (state, paper, online, cover)
    assert status.raw == bytes(a for a in answers if a is not None)
    assert status.ready == (state in READY_STATES)


def test_unknown_is_never_ready_or_printable() -> None:
    assert PrinterState.UNKNOWN not in READY_STATES
    assert PrinterState.UNKNOWN not in PRINTABLE_STATES
    assert {PrinterState.READY, PrinterState.PAPER_NEAR_END} == READY_STATES
    assert {PrinterState.UNMONITORED} == PRINTABLE_STATES - READY_STATES


@pytest.mark.parametrize("value", range(256))
def test_status_byte_shape(value: int) -> None:
    assert is_status_byte(value) == (value & 0b1001_0011 == 0b0001_0010)


@pytest.mark.parametrize("fault", [f for f in Fault if f in STATUS_ANSWERS])
def test_emulator_answers_decode_to_the_fault(fault: Fault) -> None:
    a = STATUS_ANSWERS[fault]
    expected = {Fault.NONE: PrinterState.READY, Fault.DISCONNECT_MID_JOB: PrinterState.READY,
                Fault.PAPER_NEAR_END: PrinterState.PAPER_NEAR_END,
                Fault.PAPER_OUT: PrinterState.PAPER_OUT, Fault.COVER_OPEN: PrinterState.COVER_OPEN,
                Fault.OFFLINE: PrinterState.OFFLINE}[fault]
    assert decode_status(a[1], a[2], a[4]).state is expected
