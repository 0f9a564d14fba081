"""PC/SC faults on the real pcscd + vpcd: a reader that stops answering, blocks of the
wrong length (the virtual card's fault switches, read through pyscard)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.cardtext import PHOTO_SIZE, TEXT_SIZE, decode_text
from drivers.idcard.emulator.vpcd import VirtualIdCard
from drivers.idcard.errors import BlockLengthError, ReaderTimeout
from drivers.idcard.link import link_for
from drivers.idcard.pcsc import LAYOUTS, BlockLayout, PcscLink
from drivers.idcard.reader import CardReader, ReaderState
from idcard.conftest import Recorder, card_of, wait_present, watching

#: Seconds per PC/SC command here: short, so the stall is noticed fast.
TIMEOUT = 0.3
READER = "Virtual PCD 00 00"


@pytest.fixture
def stalling(profiles: dict[str, dict[str, str]], vpcd_port: int) -> Iterator[VirtualIdCard]:
    """A card whose reader answers blocks 0 and 1, then nothing until ``resume()``."""
    virtual = VirtualIdCard(card_of(profiles["resident_x"]), port=vpcd_port)
    virtual.stall_after_blocks = 2
    yield virtual
    virtual.remove()
    link = PcscLink(READER)
    link.open()
    try:
        wait_present(link, False)  # gone for the next test too
    finally:
        link.close()


def _reader(recorder: Recorder) -> CardReader:
    return CardReader(link_for(f"pcsc:{READER}", timeout=TIMEOUT), recorder,
                      poll_interval=0.05, reconnect_interval=0.1)


def test_a_reader_that_stops_answering_is_a_timeout_and_recovers(
        stalling: VirtualIdCard, profiles: dict[str, dict[str, str]], vpcd_port: int,
        recorder: Recorder) -> None:
    with _reader(recorder):
        recorder.wait_for("state", ReaderState.READY)
        stalling.insert()
        error = recorder.wait_for("error")
        assert isinstance(error, ReaderTimeout) and error.code == "idcard.timeout"
        assert "FF B0 02" in str(error) and f"{TIMEOUT:.2f} s" in str(error)
        stuck = recorder.mark()
        recorder.wait_for("state", ReaderState.NOT_RESPONDING)
        assert stalling.stalled.is_set()  # still stuck: the timeout did not wait for it
        assert recorder.kinds() == ["present", "error"]  # not "no card", not a bad read
        # The reader answers again: the link comes back and reads the card still on it.
        stalling.resume()
        recorder.wait_for("state", ReaderState.CARD_PRESENT, after=stuck)
        assert recorder.wait_for("read").id_number.endswith("X")
        stalling.remove()
        recorder.wait_for("removed")
        # And the next card as ever.
        with VirtualIdCard(card_of(profiles["hmt"]), port=vpcd_port):
            assert recorder.wait_for("read", count=2).name == "陈美玲"
    assert recorder.kinds() == ["present", "error", "read", "removed", "present", "read"]


def test_a_card_pulled_off_a_stuck_reader(stalling: VirtualIdCard,
                                          recorder: Recorder) -> None:
    with _reader(recorder):
        recorder.wait_for("state", ReaderState.READY)
        stalling.insert()
        assert isinstance(recorder.wait_for("error"), ReaderTimeout)
        # Taking the card away ends the stuck command: the reader is ready again.
        stalling.remove()
        recorder.wait_for("removed")
        recorder.wait_for("state", ReaderState.READY, count=2)


def test_cli_read_names_the_stuck_reader(stalling: VirtualIdCard, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[idcard]\ntimeout_ms = 300\n", encoding="utf-8")
    stalling.insert()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "idcard", "read", "--pcsc", READER, "--json",
         "--wait", "60", "--config", str(config)], capture_output=True, text=True, timeout=120)
    # Well before --wait ran out, and not "no card": the config's timeout per command.
    assert done.returncode == 1, done.stderr
    assert "[idcard.timeout]" in done.stderr and "within 0.30 s" in done.stderr
    assert "NO_CARD" not in done.stderr and done.stdout == ""


def test_cli_watch_shows_the_stall_and_the_recovery(stalling: VirtualIdCard,
                                                    tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[idcard]\ntimeout_ms = 300\npoll_interval_ms = 50\n", encoding="utf-8")
    with watching("--pcsc", READER, "--config", str(config)) as (until, events):
        until(event="state", state="ready")
        stalling.insert()
        assert until(event="error")["code"] == "idcard.timeout"
        until(event="state", state="not_responding")
        stalling.resume()
        assert until(event="read")["card"]["id_number"].endswith("X")
    assert [e["event"] for e in events if e["event"] != "state"] == ["present", "error", "read"]


def _read(link: PcscLink, virtual: VirtualIdCard) -> tuple[bytes, bytes]:
    wait_present(link, False)  # a card of the test before may still be seen for a moment
    with virtual:
        wait_present(link, True)
        assert link.select_card()
        return link.read_card()


@pytest.mark.parametrize(("block", "size", "expected"), [
    (0, 255, TEXT_SIZE),  # text one byte short
    (0, 258, TEXT_SIZE),  # text with two bytes too many
    (0, 512, TEXT_SIZE),  # two text blocks' worth
    (5, 180, 204),  # a photo of 1000 bytes in all
    (5, 460, 204),  # a photo of 1280 bytes in all
    (2, 0, 205),  # an empty photo block
])
def test_a_block_of_the_wrong_length_is_refused(
        block: int, size: int, expected: int, profiles: dict[str, dict[str, str]],
        link: PcscLink, vpcd_port: int) -> None:
    virtual = VirtualIdCard(card_of(profiles["rare_char"]), port=vpcd_port)
    virtual.blocks[block] = (virtual.blocks[block] * 3)[:size]
    with pytest.raises(BlockLengthError) as refused:
        _read(link, virtual)
    error = refused.value
    assert (error.got, error.expected, error.code) == (size, expected, "idcard.block_length")
    role = "text" if block == 0 else "photo"
    assert str(error) == (f"block {block} ({role}, layout 'generic') is {size} bytes, "
                          f"the layout says {expected}")
    wait_present(link, False)


def test_the_reader_reports_a_wrong_length_once(profiles: dict[str, dict[str, str]],
                                                vpcd_port: int, recorder: Recorder) -> None:
    virtual = VirtualIdCard(card_of(profiles["hmt"]), port=vpcd_port)
    virtual.blocks[1] += b"\x00" * 256
    with CardReader(link_for(f"pcsc:{READER}"), recorder, poll_interval=0.05):
        recorder.wait_for("state", ReaderState.READY)
        with virtual:
            error = recorder.wait_for("error")
        recorder.wait_for("removed")
    assert isinstance(error, BlockLengthError) and error.got == 205 + 256
    assert recorder.kinds() == ["present", "error", "removed"]
    # Refused at the first block that is wrong, and not retried: the next blocks
    # and a second attempt would only say the same.
    assert virtual.apdus_seen == 3  # UID, block 0, block 1


def test_a_layout_with_another_photo_split_is_data(profiles: dict[str, dict[str, str]],
                                                   vpcd_port: int) -> None:
    card = card_of(profiles["foreign"])
    odd = BlockLayout("odd", ((0, TEXT_SIZE),), ((7, 1000), (9, 24)))
    LAYOUTS[odd.name] = odd
    try:
        virtual = VirtualIdCard(card, port=vpcd_port, layout="odd")
        assert sorted(virtual.blocks) == [0, 7, 9]
        link = PcscLink(READER, layout="odd")
        link.open()
        try:
            text, photo = _read(link, virtual)
        finally:
            link.close()
    finally:
        del LAYOUTS[odd.name]
    assert decode_text(text, photo).to_json() == profiles["foreign"] and photo == card.photo
    with pytest.raises(ValueError, match="photo blocks must add up to 1024"):
        BlockLayout("short", ((0, TEXT_SIZE),), ((1, PHOTO_SIZE - 24),))
