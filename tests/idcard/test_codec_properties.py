"""Hypothesis: arbitrary bytes never make the codec raise foreign errors or loop forever."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard.cardtext import TEXT_SIZE, card_from_profile, decode_text, encode_text
from drivers.idcard.codec import PREAMBLE, FrameParser, Response, build_response, encode_read_data
from drivers.idcard.errors import CodecError

VALID = [
    build_response(0x9F, bytes(4)),
    build_response(0x80),
    build_response(0x90, bytes(8)),
    build_response(0x90, encode_read_data(bytes(range(256)), bytes(1024))),
]
TEXT = encode_text(card_from_profile({
    "name": "刘䶮", "sex": "女", "nation": "苗", "birth": "19590322", "address": "青山村",
    "id_number": "431226195903224821", "issuer": "公安局", "valid_from": "20200121",
    "valid_to": "长期"}))


def run(parser: FrameParser, chunks: list[bytes]) -> list[Response]:
    """Feed chunks and drain; every loop step consumes input, so this terminates."""
    out: list[Response] = []
    fed = 0
    for chunk in chunks:
        parser.feed(chunk)
        fed += len(chunk)
        steps = 0
        while True:
            steps += 1
            # Each call either returns None, a frame, or raises after dropping
            # at least one byte: more steps than bytes fed means a loop.
            assert steps <= fed + 2
            try:
                response = parser.next_response()
            except CodecError:
                continue
            if response is None:
                break
            out.append(response)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=20))
def test_random_streams(chunks: list[bytes]) -> None:
    run(FrameParser(min_len=4), chunks)


@settings(max_examples=300, deadline=None)
@given(frame_index=st.sampled_from(range(len(VALID))),
       mutations=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=6),
       cut=st.integers(1, 64),
       prefix=st.binary(max_size=40).map(lambda b: b.replace(b"\xaa", b"\x00")))
def test_mutated_frames(frame_index: int, mutations: list[tuple[int, int]], cut: int,
                        prefix: bytes) -> None:
    frame = bytearray(VALID[frame_index])
    for position, value in mutations:
        frame[position % len(frame)] = value
    stream = prefix + bytes(frame) + VALID[1]
    chunks = [stream[i:i + cut] for i in range(0, len(stream), cut)]
    responses = run(FrameParser(min_len=4), chunks)
    # However the first frame was mangled, the clean frame after it is found
    # unless the mangled one swallowed it by a larger (still plausible) LEN.
    if all(p % len(frame) >= 7 for p, _ in mutations) and PREAMBLE not in frame[1:]:
        assert responses and responses[-1].sw3 == 0x80


def check_decodes_or_refuses(text: bytes) -> None:
    """A block either raises a codec error or decodes to a card that re-encodes stably."""
    try:
        card = decode_text(text)
    except CodecError:
        return
    assert decode_text(encode_text(card)) == card


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, TEXT_SIZE - 1), st.integers(0, 255)), max_size=8))
def test_mutated_text_blocks_raise_only_card_data_errors(
        mutations: list[tuple[int, int]]) -> None:
    text = bytearray(TEXT)
    for position, value in mutations:
        text[position] = value
    check_decodes_or_refuses(bytes(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=TEXT_SIZE, max_size=TEXT_SIZE))
def test_random_text_blocks(text: bytes) -> None:
    check_decodes_or_refuses(text)
