"""PC/SC: a real pcscd with vpcd, the virtual ID card, read through pyscard (no mocks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.idcard.cardtext import decode_text
from drivers.idcard.emulator.vpcd import VirtualIdCard, blocks_for
from drivers.idcard.errors import ReaderUnavailable, TransportError
from drivers.idcard.link import link_for
from drivers.idcard.pcsc import LAYOUTS, PcscLink
from drivers.idcard.reader import CardReader, CardReadFailed, ReaderState
from idcard.conftest import Pcscd, Recorder, card_of, wait_present


@pytest.mark.parametrize("label", ["resident_x", "rare_char", "foreign", "hmt"])
def test_every_layout_through_pyscard(label: str, profiles: dict[str, dict[str, str]],
                                      link: PcscLink, vpcd_port: int) -> None:
    card = card_of(profiles[label])
    assert link.find_card() is False
    with VirtualIdCard(card, port=vpcd_port) as virtual:
        wait_present(link, True)
        assert link.select_card() is True
        assert link.uid == virtual.uid and len(link.uid) == 4
        text, photo = link.read_card()
    decoded = decode_text(text, photo)
    assert decoded.to_json() == profiles[label]
    assert decoded.photo == card.photo
    wait_present(link, False)


def test_block_layout_is_data(profiles: dict[str, dict[str, str]], vpcd_port: int) -> None:
    card = card_of(profiles["resident_x"])
    blocks = blocks_for(card, LAYOUTS["generic"])
    assert sorted(blocks) == [0, 1, 2, 3, 4, 5] and len(blocks[0]) == 256
    assert b"".join(blocks[b] for b in (1, 2, 3, 4, 5)) == card.photo
    link = PcscLink("Virtual PCD 00 01", layout="photo4")
    link.open()
    try:
        with VirtualIdCard(card, port=vpcd_port + 1, layout="photo4"):
            wait_present(link, True)
            assert link.select_card()
            text, photo = link.read_card()
        assert decode_text(text, photo).to_json() == profiles["resident_x"]
        assert photo == card.photo
    finally:
        link.close()
    with pytest.raises(ReaderUnavailable, match="layout"):
        PcscLink(layout="nonesuch")


def test_card_reader_events_over_pcsc(profiles: dict[str, dict[str, str]],
                                      vpcd_port: int, recorder: Recorder) -> None:
    link = link_for("pcsc:Virtual PCD 00 00")
    with CardReader(link, recorder, poll_interval=0.05):
        recorder.wait_for("state", ReaderState.READY)
        with VirtualIdCard(card_of(profiles["rare_char"]), port=vpcd_port):
            assert recorder.wait_for("read").name == "刘䶮"
        recorder.wait_for("removed")
        # Pulled away after two of six blocks: an interrupted read, then removal.
        virtual = VirtualIdCard(card_of(profiles["hmt"]), port=vpcd_port)
        virtual.remove_after_blocks = 2
        virtual.insert()
        try:
            recorder.wait_for("removed", count=2)
        finally:
            virtual.remove()
        with VirtualIdCard(card_of(profiles["hmt"]), port=vpcd_port):
            assert recorder.wait_for("read", count=2).pass_number == "H12345678"
    kinds = recorder.kinds()
    assert kinds[:3] == ["present", "read", "removed"]
    assert kinds[3:6] == ["present", "error", "removed"]
    errors = [v for k, v in recorder.events if k == "error"]
    assert isinstance(errors[0], CardReadFailed) and errors[0].reason == "interrupted"
    assert kinds[6:] == ["present", "read"]


def test_cli_read_pcsc(profiles: dict[str, dict[str, str]], vpcd_port: int) -> None:
    with VirtualIdCard(card_of(profiles["foreign"]), port=vpcd_port):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.cli.main", "idcard", "read", "--pcsc",
             "Virtual PCD 00 00", "--json", "--wait", "60"], capture_output=True, text=True,
            timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == profiles["foreign"]


def test_without_pcscd_the_error_says_so(tmp_path: Path) -> None:
    # libpcsclite takes its socket path from this variable: point it nowhere.
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "idcard", "read", "--pcsc", "--wait", "1"],
        capture_output=True, text=True, timeout=30, env=env)
    assert done.returncode == 1
    assert "pcscd is not running" in done.stderr and "idcard.unavailable" in done.stderr


def test_pcscd_restart_is_survived(pcscd: Pcscd, profiles: dict[str, dict[str, str]],
                                   recorder: Recorder) -> None:
    reader = CardReader(link_for("pcsc:Virtual PCD 00 00"), recorder, poll_interval=0.05,
                        reconnect_interval=0.1)
    with reader:
        recorder.wait_for("state", ReaderState.READY)
        pcscd.stop()
        recorder.wait_for("state", ReaderState.DISCONNECTED)
        # libpcsclite reports a vanished daemon as "service not available" or,
        # mid-call, "access denied": either way a link failure.
        assert isinstance(recorder.wait_for("error"), TransportError)
        pcscd.start()
        recorder.wait_for("state", ReaderState.READY, count=2)
        with VirtualIdCard(card_of(profiles["resident_x"]), port=pcscd.port):
            assert recorder.wait_for("read").id_number.endswith("X")
