"""CardReader + pyserial transport against the SAM emulator on a real pty."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.cardtext import card_from_profile
from drivers.idcard.codec import Command, SamStatus
from drivers.idcard.emulator import Fault, PtyEmulator, SamEmulator
from drivers.idcard.errors import (
    BlockLengthError,
    CardDataError,
    ReaderTimeout,
    ReaderUnavailable,
    SamError,
)
from drivers.idcard.reader import CardReader, CardReadFailed, ReaderState
from drivers.idcard.serial import SerialLink
from idcard.conftest import TIMEOUT, Recorder, card_of


def make_reader(port: str, recorder: Recorder) -> CardReader:
    return CardReader(SerialLink(port, timeout=TIMEOUT), recorder, poll_interval=0.02,
                      reconnect_interval=0.05)


@pytest.fixture
def reader(emulator: PtyEmulator, recorder: Recorder) -> Iterator[CardReader]:
    card_reader = make_reader(emulator.path, recorder)
    card_reader.start()
    recorder.wait_for("state", ReaderState.READY)
    yield card_reader
    card_reader.stop()


def test_link_detects_baud_and_describes_itself(emulator: PtyEmulator) -> None:
    link = SerialLink(emulator.path, timeout=TIMEOUT)
    link.open()
    try:
        assert link.description == f"serial:{emulator.path}?baud=115200"
        assert link.find_card() is False
    finally:
        link.close()
        link.close()  # twice is fine


@pytest.mark.parametrize("label", ["resident_x", "rare_char", "foreign", "hmt"])
def test_every_layout_is_read(label: str, profiles: dict[str, dict[str, str]],
                              sam: SamEmulator, reader: CardReader, recorder: Recorder) -> None:
    sam.place(card_of(profiles[label]))
    card = recorder.wait_for("read")
    assert card.to_json() == profiles[label]
    assert card.photo == card_of(profiles[label]).photo
    sam.remove()
    recorder.wait_for("removed")
    assert recorder.kinds() == ["present", "read", "removed"]


def _wait_polls(sam: SamEmulator, polls: int) -> None:
    """Wait until the reader has asked "is a card there?" ``polls`` more times."""
    target = sam.served[Command.FIND_CARD] + polls
    deadline = time.monotonic() + 30
    while sam.served[Command.FIND_CARD] < target:
        assert time.monotonic() < deadline, "the reader stopped polling"
        time.sleep(0.01)


def test_one_read_per_placement(sam: SamEmulator, reader: CardReader,
                                recorder: Recorder) -> None:
    sam.place(0)
    recorder.wait_for("read")
    _wait_polls(sam, 10)  # the card lies there for 10 polls
    assert recorder.kinds() == ["present", "read"]
    assert reader.state is ReaderState.CARD_PRESENT
    sam.remove()
    recorder.wait_for("removed")
    sam.place(1)
    second = recorder.wait_for("read", count=2)
    assert second.name == "刘䶮"
    assert sam.served[Command.READ_BASE] == 2


def test_chunked_delivery(sam: SamEmulator, reader: CardReader, recorder: Recorder) -> None:
    sam.set_persistent(Fault.CHUNKED)
    sam.place(0)
    assert recorder.wait_for("read").id_number.endswith("X")
    assert sam.served[Command.READ_BASE] == 1


def test_garbage_before_a_frame(sam: SamEmulator, reader: CardReader,
                                recorder: Recorder) -> None:
    sam.inject(Fault.GARBAGE, on=Command.FIND_CARD)
    sam.inject(Fault.GARBAGE, on=Command.READ_BASE)
    sam.place(0)
    recorder.wait_for("read")
    assert sam.served[Command.READ_BASE] == 1
    assert "error" not in recorder.kinds()


def test_one_bad_checksum_is_retried(sam: SamEmulator, reader: CardReader,
                                     recorder: Recorder) -> None:
    sam.inject(Fault.BAD_CHECKSUM, on=Command.READ_BASE)
    sam.place(0)
    recorder.wait_for("read")
    assert sam.served[Command.READ_BASE] == 2
    assert recorder.kinds() == ["present", "read"]


def test_one_missing_answer_costs_one_timeout(sam: SamEmulator, reader: CardReader,
                                              recorder: Recorder) -> None:
    sam.inject(Fault.NO_ANSWER, on=Command.READ_BASE)
    started = time.monotonic()
    sam.place(0)
    recorder.wait_for("read")
    elapsed = time.monotonic() - started
    assert TIMEOUT <= elapsed < TIMEOUT + 1.0
    assert recorder.kinds() == ["present", "read"]


def test_a_sam_that_stops_answering_reads_is_a_timeout(sam: SamEmulator, reader: CardReader,
                                                       recorder: Recorder) -> None:
    sam.inject(Fault.NO_ANSWER, on=Command.READ_BASE, times=3)
    sam.place(0)
    error = recorder.wait_for("error")
    # The reader's own failure, named as such: not a bad card, not "no card".
    assert isinstance(error, ReaderTimeout) and error.code == "idcard.timeout"
    assert str(error) == f"no answer to READ_BASE within {TIMEOUT:.2f} s"
    mark = recorder.mark()
    recorder.wait_for("state", ReaderState.NOT_RESPONDING)
    # The SAM answers again: the link is reopened, the card is not read again
    # until it is laid down again (what the villager is told to do).
    recorder.wait_for("state", ReaderState.CARD_PRESENT, after=mark)
    assert sam.served[Command.READ_BASE] == 3
    sam.remove()
    recorder.wait_for("removed")
    sam.place(1)
    assert recorder.wait_for("read").name == "刘䶮"
    assert recorder.kinds() == ["present", "error", "removed", "present", "read"]


@pytest.mark.parametrize("photo_size", [1000, 1280, 0])
def test_a_photo_of_the_wrong_length_is_refused(photo_size: int,
                                                profiles: dict[str, dict[str, str]],
                                                sam: SamEmulator, reader: CardReader,
                                                recorder: Recorder) -> None:
    card = card_of(profiles["hmt"])
    sam.place(card_from_profile(profiles["hmt"], photo=(card.photo * 2)[:photo_size]))
    error = recorder.wait_for("error")
    assert isinstance(error, BlockLengthError) and error.code == "idcard.block_length"
    assert str(error) == (f"photo of the SAM's read answer is {photo_size} bytes, "
                          "the layout says 1024")
    sam.remove()
    recorder.wait_for("removed")
    assert sam.served[Command.READ_BASE] == 1  # refused once, not retried
    assert recorder.kinds() == ["present", "error", "removed"]


def test_a_slow_line_is_not_a_silent_reader(sam: SamEmulator) -> None:
    # At 9 600 baud a read answer (text and photo) takes 1.35 s on the wire, longer
    # than the timeout: the timeout is for silence, not for a long answer.
    sam.place(0)
    with PtyEmulator(sam, baud=9600) as slow:
        link = SerialLink(slow.path, baud=9600, timeout=TIMEOUT)
        link.open()
        try:
            assert link.find_card() and link.select_card()
            started = time.monotonic()
            text, photo = link.read_card()
            assert time.monotonic() - started > 1.3 > TIMEOUT
        finally:
            link.close()
    card = sam.card
    assert card is not None and photo == card.photo and len(text) == 256


def test_card_removed_mid_read(sam: SamEmulator, reader: CardReader,
                               recorder: Recorder) -> None:
    sam.inject(Fault.REMOVED_MID_READ, on=Command.READ_BASE)
    started = time.monotonic()
    sam.place(0)
    recorder.wait_for("removed")
    assert time.monotonic() - started < TIMEOUT + 1.0
    assert recorder.kinds() == ["present", "error", "removed"]
    error = recorder.wait_for("error")
    assert isinstance(error, CardReadFailed) and error.reason == "interrupted"
    # The reader recovers for the next card.
    sam.place(1)
    assert recorder.wait_for("read").name == "刘䶮"


def test_repeated_corruption_gives_up_for_this_placement(
        sam: SamEmulator, reader: CardReader, recorder: Recorder) -> None:
    sam.inject(Fault.BAD_CHECKSUM, on=Command.READ_BASE, times=3)
    sam.place(0)
    error = recorder.wait_for("error")
    assert isinstance(error, CardReadFailed) and error.reason == "failed"
    _wait_polls(sam, 5)  # the card stays on the reader for five more polls
    assert sam.served[Command.READ_BASE] == 3  # no endless retries on a lying card
    assert recorder.kinds() == ["present", "error"]
    sam.remove()
    recorder.wait_for("removed")
    sam.place(0)
    recorder.wait_for("read")


def test_card_data_error_is_reported_once(profiles: dict[str, dict[str, str]],
                                          sam: SamEmulator, reader: CardReader,
                                          recorder: Recorder) -> None:
    bad = card_of({**profiles["resident_x"], "id_number": "431226195603220791"})
    sam.place(bad)
    error = recorder.wait_for("error")
    assert isinstance(error, CardDataError) and error.problem == "id_number"
    _wait_polls(sam, 5)  # the card stays on the reader for five more polls
    assert sam.served[Command.READ_BASE] == 1
    assert recorder.kinds() == ["present", "error"]


def test_silent_sam_then_recovery(sam: SamEmulator, reader: CardReader,
                                  recorder: Recorder) -> None:
    sam.set_persistent(Fault.NO_ANSWER)
    started = time.monotonic()
    recorder.wait_for("state", ReaderState.NOT_RESPONDING)
    # Two timed-out polls, not more, before the state says so.
    assert time.monotonic() - started < 2 * TIMEOUT + 1.0
    assert isinstance(recorder.wait_for("error"), ReaderTimeout)
    sam.set_persistent(Fault.NO_ANSWER, enabled=False)
    recorder.wait_for("state", ReaderState.READY, count=2)
    sam.place(0)
    recorder.wait_for("read")


def test_unplug_and_replug(tmp_path: Path, sam: SamEmulator, recorder: Recorder) -> None:
    # A udev-style stable name that follows the device, like /dev/idcard.
    link_path = tmp_path / "idcard"
    first = PtyEmulator(sam).open()
    os.symlink(first.path, link_path)
    reader = make_reader(str(link_path), recorder)
    reader.start()
    try:
        recorder.wait_for("state", ReaderState.READY)
        first.close()  # unplugged
        recorder.wait_for("state", ReaderState.DISCONNECTED)
        with PtyEmulator(sam) as second:
            link_path.unlink()
            os.symlink(second.path, link_path)
            recorder.wait_for("state", ReaderState.READY, count=2)
            sam.place(0)
            recorder.wait_for("read")
    finally:
        reader.stop()
    assert reader.state is ReaderState.STOPPED


def test_missing_port_is_unavailable(tmp_path: Path, recorder: Recorder) -> None:
    reader = make_reader(str(tmp_path / "no-such-tty"), recorder)
    with reader:
        recorder.wait_for("state", ReaderState.UNAVAILABLE)
        error = recorder.wait_for("error")
    assert isinstance(error, ReaderUnavailable)
    assert recorder.kinds() == ["error"]


def test_device_io_only_on_the_worker(emulator: PtyEmulator, recorder: Recorder) -> None:
    reader = make_reader(emulator.path, recorder)
    with pytest.raises(AssertionError, match="worker thread"):
        reader._poll()
    with reader:
        recorder.wait_for("state", ReaderState.READY)
        names = {t.name for t in threading.enumerate()}
        assert "idcard-reader" in names
    assert "idcard-reader" not in {t.name for t in threading.enumerate()}


def test_sam_fault_is_named_and_recovers(sam: SamEmulator, emulator: PtyEmulator,
                                         recorder: Recorder) -> None:
    sam.fault_status = SamStatus.SAM_SELF_TEST_FAILED
    with make_reader(emulator.path, recorder):
        recorder.wait_for("state", ReaderState.SAM_FAULT)
        error = recorder.wait_for("error")
        assert isinstance(error, SamError) and error.sw3 == 0x60
        assert error.status is SamStatus.SAM_SELF_TEST_FAILED
        assert str(error) == "SAM status 0x60 (SAM_SELF_TEST_FAILED)"
        sam.fault_status = None
        recorder.wait_for("state", ReaderState.READY)
        sam.place(0)
        recorder.wait_for("read")



def test_a_late_answer_is_not_taken_for_the_next_one(sam: SamEmulator,
                                                     emulator: PtyEmulator) -> None:
    link = SerialLink(emulator.path, timeout=TIMEOUT)
    link.open()
    try:
        sam.place(0)
        assert link.find_card() and link.select_card()
        text, _photo = link.read_card()
        # The read answer arrives again just before the answer to the next
        # find (a SAM that repeated itself, a host that gave up too early).
        sam.inject(Fault.REPEAT_PREVIOUS, on=Command.FIND_CARD)
        assert link.find_card() is True
        assert link.select_card() is True
        assert link.read_card()[0] == text
    finally:
        link.close()


def test_a_stale_select_answer_before_the_read_answer(sam: SamEmulator, reader: CardReader,
                                                      recorder: Recorder) -> None:
    sam.inject(Fault.REPEAT_PREVIOUS, on=Command.READ_BASE)
    sam.place(0)
    assert recorder.wait_for("read").id_number.endswith("X")
    assert sam.served[Command.READ_BASE] == 1
    assert recorder.kinds() == ["present", "read"]
