"""GA 467 frame codec: exact bytes, each case labelled with where the frame was published."""

from __future__ import annotations

import pytest

from drivers.idcard.codec import (
    MAX_FRAME_LEN,
    Command,
    FrameParser,
    Response,
    SamStatus,
    build_command,
    build_response,
    decode_read_data,
    encode_read_data,
    xor_checksum,
)
from drivers.idcard.errors import ChecksumError, CodecError, FrameError


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# (label: where the bytes were published, command, frame)
COMMANDS = [
    ("issue 4 / public reader code (Qt ListenSerial FDX3S_CheckSecurityModuleState): SAM status",
     Command.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
    ("public reader code (IdReader.java CMD_FIND): find card",
     Command.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    ("public reader code (IdReader.java CMD_SELECT): select card",
     Command.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    ("public reader code (IdReader.java CMD_READ): read text + photo",
     Command.READ_BASE, "AA AA AA 96 69 00 03 30 01 32"),
    ("public reader code (libusb test cmd_ReadBaseMsg): read text + photo + fingerprint",
     Command.READ_BASE_FP, "AA AA AA 96 69 00 03 30 10 23"),
    ("public reader code (cmd_readsamv): read SAM id",
     Command.SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
    ("public reader code (Qt ReadIdentifierCardInfoUtil ControlCode 10 FF EC): SAM reset",
     Command.SAM_RESET, "AA AA AA 96 69 00 03 10 FF EC"),
]

# (label, frame, sw3, data)
RESPONSES = [
    ("public reader code (IdReader.java CMD_FIND_SUCC): card found",
     "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97", 0x9F, "00 00 00 00"),
    ("public reader code (IdReader.java CMD_FIND_FAIL): no card",
     "AA AA AA 96 69 00 04 00 00 80 84", 0x80, ""),
    ("public reader code (IdReader.java CMD_SELECT_SUCC): selected",
     "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C", 0x90, "00" * 8),
    ("public reader code (IdReader.java CMD_SELECT_FAIL): select failed",
     "AA AA AA 96 69 00 04 00 00 81 85", 0x81, ""),
    ("public reader code (IdReader.java CMD_READ_FAIL): read failed, card moved",
     "AA AA AA 96 69 00 04 00 00 41 45", 0x41, ""),
    ("GA 467 SAM status ok (90) as answered to 11 FF",
     "AA AA AA 96 69 00 04 00 00 90 94", 0x90, ""),
]


@pytest.mark.parametrize(("label", "command", "frame"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_build_command_exact_bytes(label: str, command: Command, frame: str) -> None:
    assert build_command(command) == h(frame), label


@pytest.mark.parametrize(("label", "command", "frame"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_parse_command_frame(label: str, command: Command, frame: str) -> None:
    parser = FrameParser(min_len=3)
    parser.feed(h(frame))
    request = parser.next_request()
    assert request is not None and request.command is command, label
    assert parser.buffered == 0


@pytest.mark.parametrize(("label", "frame", "sw3", "data"), RESPONSES,
                         ids=[r[0] for r in RESPONSES])
def test_response_round_trip(label: str, frame: str, sw3: int, data: str) -> None:
    assert build_response(sw3, h(data)) == h(frame), label
    parser = FrameParser(min_len=4)
    parser.feed(h(frame))
    assert parser.next_response() == Response(0, 0, sw3, h(data))
    assert parser.next_response() is None


def test_read_answer_header_matches_published_1295_byte_frame() -> None:
    # Published: "读卡 返回值: 1295 字节 … AAAAAA9669050800009001000400(text)(photo)(chk)".
    text, photo = bytes(range(256)), bytes(1024)
    frame = build_response(0x90, encode_read_data(text, photo))
    assert len(frame) == 1295
    assert frame[:14] == h("AAAAAA9669050800009001000400")
    parser = FrameParser(min_len=4)
    parser.feed(frame)
    response = parser.next_response()
    assert response is not None
    assert decode_read_data(response.data) == (text, photo)


STATUSES = [
    (0x90, SamStatus.OK), (0x91, SamStatus.NO_CONTENT), (0x9F, SamStatus.CARD_FOUND),
    (0x10, SamStatus.CHECKSUM_ERROR), (0x11, SamStatus.LENGTH_ERROR),
    (0x21, SamStatus.UNKNOWN_COMMAND), (0x23, SamStatus.UNAUTHORISED),
    (0x24, SamStatus.UNRECOGNISED_ERROR), (0x31, SamStatus.CARD_AUTH_FAILED),
    (0x32, SamStatus.READER_AUTH_FAILED), (0x33, SamStatus.INFO_CHECK_FAILED),
    (0x40, SamStatus.READ_FAILED), (0x41, SamStatus.CARD_MOVED), (0x47, SamStatus.KEY_ERROR),
    (0x60, SamStatus.SAM_SELF_TEST_FAILED), (0x66, SamStatus.SAM_NOT_AUTHORISED),
    (0x80, SamStatus.NO_CARD), (0x81, SamStatus.SELECT_FAILED), (0x77, SamStatus.UNDEFINED),
]


@pytest.mark.parametrize(("sw3", "status"), STATUSES, ids=[s[1].name for s in STATUSES])
def test_every_sw3_has_a_name(sw3: int, status: SamStatus) -> None:
    assert SamStatus.from_sw3(sw3) is status
    assert Response(0, 0, sw3, b"").status is status


def test_normal_statuses_are_not_errors() -> None:
    normal = {s for s in SamStatus if not s.is_error}
    assert normal == {SamStatus.OK, SamStatus.CARD_FOUND, SamStatus.NO_CARD,
                      SamStatus.NO_CONTENT}


FIND_OK = h("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
NO_CARD = h("AA AA AA 96 69 00 04 00 00 80 84")


def drain(parser: FrameParser) -> list[Response | str]:
    out: list[Response | str] = []
    while True:
        try:
            response = parser.next_response()
        except CodecError as exc:
            out.append(exc.code)
            continue
        if response is None:
            return out
        out.append(response)


def test_one_byte_chunks() -> None:
    parser = FrameParser(min_len=4)
    seen = []
    for byte in FIND_OK + NO_CARD:
        parser.feed(bytes([byte]))
        seen += drain(parser)
    assert [r.sw3 for r in seen if isinstance(r, Response)] == [0x9F, 0x80]


def test_leading_garbage_with_a_partial_preamble_is_skipped() -> None:
    parser = FrameParser(min_len=4)
    parser.feed(h("00 FF 13 AA AA 96 69 AA 55 AA AA AA 96") + FIND_OK)
    assert [r.sw3 for r in drain(parser) if isinstance(r, Response)] == [0x9F]


def test_bad_checksum_raises_once_then_resynchronises() -> None:
    parser = FrameParser(min_len=4)
    parser.feed(FIND_OK[:-1] + b"\x00" + NO_CARD)
    out = drain(parser)
    assert out[0] == ChecksumError.code
    assert [r.sw3 for r in out if isinstance(r, Response)] == [0x80]


def test_corrupt_length_does_not_swallow_the_next_frame() -> None:
    parser = FrameParser(min_len=4)
    # LEN claims 0x0030 bytes: the parser waits, then finds the checksum wrong
    # and resynchronises on the frame hidden inside the claimed length.
    parser.feed(h("AA AA AA 96 69 00 30 00 00 90") + NO_CARD + bytes(40))
    out = drain(parser)
    assert ChecksumError.code in out
    assert [r.sw3 for r in out if isinstance(r, Response)] == [0x80]


def test_length_out_of_range_is_a_frame_error() -> None:
    parser = FrameParser(min_len=4)
    parser.feed(h("AA AA AA 96 69") + (MAX_FRAME_LEN + 1).to_bytes(2, "big") + NO_CARD)
    out = drain(parser)
    assert out[0] == FrameError.code
    assert [r.sw3 for r in out if isinstance(r, Response)] == [0x80]


def test_garbage_without_preamble_does_not_accumulate() -> None:
    parser = FrameParser(min_len=4)
    parser.feed(bytes(range(256)) * 40)
    assert parser.next_response() is None
    assert parser.buffered <= 4


def test_xor_checksum_and_oversized_payload() -> None:
    assert xor_checksum(h("00 03 11 FF")) == 0xED
    with pytest.raises(FrameError):
        build_response(0x90, bytes(MAX_FRAME_LEN))


def test_read_data_shorter_than_declared_is_rejected() -> None:
    with pytest.raises(FrameError):
        decode_read_data(h("0100 0400") + bytes(10))
    with pytest.raises(FrameError):
        decode_read_data(b"\x01")
