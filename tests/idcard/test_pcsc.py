"""PC/SC: a real pcscd with vpcd, the virtual ID card, read through pyscard (no mocks)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard import pcsc
from drivers.idcard.cardtext import decode_text
from drivers.idcard.emulator.vpcd import VirtualIdCard, blocks_for
from drivers.idcard.errors import ReaderUnavailable, TransportError
from drivers.idcard.link import link_for
from drivers.idcard.pcsc import LAYOUTS, PcscLink
from drivers.idcard.reader import CardReader, CardReadFailed, ReaderState
from idcard.conftest import Recorder, card_of

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PID_FILE = Path("/run/pcscd/pcscd.pid")


def _environment_problem() -> str:
    if shutil.which("pcscd") is None or not VPCD_DRIVER.exists():
        return ("Debian packages pcscd and vsmartcard-vpcd are not installed "
                "(`make test` installs them when run as root)")
    if os.geteuid() != 0:
        return "pcscd must run as root to create /run/pcscd; these tests are not root"
    if not pcsc.is_usable():
        return pcsc.unusable_reason()
    if PID_FILE.exists():
        try:
            pid = int(PID_FILE.read_text().strip())
            os.kill(pid, 0)
        except (ValueError, OSError):
            pass  # stale pid file: pcscd replaces it
        else:
            return f"a pcscd not started by these tests is running (pid {pid})"
    return ""


def _free_port_pair() -> int:
    """A port P with P and P+1 free (vpcd listens on both, one per slot)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair")


class Pcscd:
    """A ``pcscd -f`` with vpcd on a private port pair, started and stopped by the tests."""

    def __init__(self, conf: Path, port: int) -> None:
        self.conf = conf
        # Outside conf: pcscd reads every file in its reader.conf.d.
        self.log = conf.parent / "pcscd.log"
        self.port = port
        self._daemon: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self._daemon = subprocess.Popen(["pcscd", "-f", "-c", str(self.conf)], stdout=log,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            link = PcscLink("Virtual PCD 00 00")
            try:
                link.open()
                return
            except ReaderUnavailable as exc:
                if time.monotonic() > deadline or self._daemon.poll() is not None:
                    tail = self.log.read_text(errors="replace")[-1500:]
                    raise RuntimeError(f"pcscd did not come up ({exc}); log:\n{tail}") from None
                time.sleep(0.1)
            finally:
                link.close()

    def stop(self) -> None:
        if self._daemon is not None:
            self._daemon.terminate()
            self._daemon.wait(timeout=10)
            self._daemon = None


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    """Start ``pcscd -f`` with vpcd on a private port; stop it afterwards."""
    problem = _environment_problem()
    if problem:
        pytest.skip(problem)
    port = _free_port_pair()
    conf = tmp_path_factory.mktemp("pcscd") / "reader.conf.d"
    conf.mkdir()
    (conf / "vpcd").write_text(
        'FRIENDLYNAME "Virtual PCD"\n'
        f"DEVICENAME   /dev/null:{port:#06x}\n"
        f"LIBPATH      {VPCD_DRIVER}\n"
        f"CHANNELID    {port:#06x}\n", encoding="ascii")
    daemon = Pcscd(conf, port)
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.stop()


@pytest.fixture
def vpcd_port(pcscd: Pcscd) -> int:
    return pcscd.port


@pytest.fixture
def link(vpcd_port: int) -> Iterator[PcscLink]:
    pcsc_link = PcscLink("Virtual PCD 00 00", timeout=1.0)
    pcsc_link.open()
    yield pcsc_link
    pcsc_link.close()


def _wait_present(link: PcscLink, present: bool) -> None:
    deadline = time.monotonic() + 60
    while link.find_card() is not present:
        assert time.monotonic() < deadline, f"card present={present} not seen"
        time.sleep(0.05)


@pytest.mark.parametrize("label", ["resident_x", "rare_char", "foreign", "hmt"])
def test_every_layout_through_pyscard(label: str, profiles: dict[str, dict[str, str]],
                                      link: PcscLink, vpcd_port: int) -> None:
    card = card_of(profiles[label])
    assert link.find_card() is False
    with VirtualIdCard(card, port=vpcd_port) as virtual:
        _wait_present(link, True)
        assert link.select_card() is True
        assert link.uid == virtual.uid and len(link.uid) == 4
        text, photo = link.read_card()
    decoded = decode_text(text, photo)
    assert decoded.to_json() == profiles[label]
    assert decoded.photo == card.photo
    _wait_present(link, False)


def test_block_layout_is_data(profiles: dict[str, dict[str, str]], vpcd_port: int) -> None:
    card = card_of(profiles["resident_x"])
    blocks = blocks_for(card, LAYOUTS["generic"])
    assert sorted(blocks) == [0, 1, 2, 3, 4, 5] and len(blocks[0]) == 256
    assert b"".join(blocks[b] for b in (1, 2, 3, 4, 5)) == card.photo
    link = PcscLink("Virtual PCD 00 01", layout="photo4")
    link.open()
    try:
        with VirtualIdCard(card, port=vpcd_port + 1, layout="photo4"):
            _wait_present(link, True)
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
