"""ID card fixtures: demo cards, a SAM emulator on a real pty, an event recorder, a real
pcscd with vpcd for the PC/SC tests."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from demo.village import DemoVillage, card_profile
from drivers.idcard import pcsc
from drivers.idcard.cardtext import IdCard, card_from_profile
from drivers.idcard.emulator import PtyEmulator, SamEmulator, demo_photo
from drivers.idcard.errors import IdCardError, ReaderUnavailable
from drivers.idcard.pcsc import PcscLink
from drivers.idcard.reader import CardListener, ReaderState

#: Seconds per command in tests: short, so fault tests stay fast.
TIMEOUT = 0.3

FOREIGN_PROFILE: dict[str, str] = {
    "card_type": "foreign", "name": "马丁", "sex": "男", "nation": "", "birth": "19800704",
    "address": "", "id_number": "CAN310080070401", "issuer": "公安部",
    "valid_from": "20190101", "valid_to": "20290101", "name_en": "MARTIN, JOHN",
    "nationality": "CAN",
}
HMT_PROFILE: dict[str, str] = {
    "card_type": "hmt", "name": "陈美玲", "sex": "女", "nation": "", "birth": "19900512",
    "address": "湖南省麻阳苗族自治县高村镇锦江路1号", "id_number": "810000199005120020",
    "issuer": "麻阳苗族自治县公安局", "valid_from": "20210301", "valid_to": "20260301",
    "pass_number": "H12345678", "issue_count": "01",
}


def card_of(profile: dict[str, Any]) -> IdCard:
    """A card with a stand-in photo, as the emulator serves it."""
    return card_from_profile(profile, photo=demo_photo(card_from_profile(profile)))


@pytest.fixture(scope="session")
def profiles(demo_village: DemoVillage) -> dict[str, dict[str, str]]:
    """Profiles by label: the X-ending ID, the rare character, foreign, HMT."""
    people = {p.name: p for p in demo_village.people}
    return {
        "resident_x": card_profile(people["龙德贵"]),
        "rare_char": card_profile(people["刘䶮"]),
        "foreign": FOREIGN_PROFILE,
        "hmt": HMT_PROFILE,
    }


@pytest.fixture
def sam(profiles: dict[str, dict[str, str]]) -> SamEmulator:
    return SamEmulator([card_of(p) for p in profiles.values()])


@pytest.fixture
def emulator(sam: SamEmulator) -> Iterator[PtyEmulator]:
    with PtyEmulator(sam) as emu:
        yield emu


@dataclass
class Recorder(CardListener):
    """Records every event with its time; tests wait for the ones they expect."""

    events: list[tuple[str, Any]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def _add(self, kind: str, value: Any = None) -> None:
        with self.cond:
            self.events.append((kind, value))
            self.cond.notify_all()

    def on_card_present(self) -> None:
        self._add("present")

    def on_card_read(self, card: IdCard) -> None:
        self._add("read", card)

    def on_card_removed(self) -> None:
        self._add("removed")

    def on_reader_error(self, error: IdCardError) -> None:
        self._add("error", error)

    def on_reader_state(self, state: ReaderState) -> None:
        self._add("state", state)

    def kinds(self) -> list[str]:
        """Card events in order (state changes left out)."""
        with self.cond:
            return [kind for kind, _ in self.events if kind != "state"]

    def mark(self) -> int:
        """A position in the events, for :meth:`wait_for`'s ``after``."""
        with self.cond:
            return len(self.events)

    def wait_for(self, kind: str, value: Any = None, *, count: int = 1,
                 timeout: float = 60.0, after: int = 0) -> Any:
        """Wait until ``count`` events of ``kind`` (equal to ``value`` if given) from the
        ``after``-th event on; the last one.

        The ceiling is for a loaded CI machine: a wait normally ends within a second."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                hits = [v for k, v in self.events[after:]
                        if k == kind and (value is None or v == value)]
                if len(hits) >= count:
                    return hits[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind} {value or ''} within {timeout} s: "
                                         f"{self.events}")
                self.cond.wait(left)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@contextmanager
def watching(*args: str) -> Iterator[tuple[Callable[..., dict[str, Any]], list[dict[str, Any]]]]:
    """Run `kiosk idcard watch ARGS --json`; yield ``until(**wanted)``, which reads event
    lines up to one holding ``wanted``, and the events read so far. Stopped by SIGTERM
    at the end (which it must survive with exit 0)."""
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "idcard", "watch", *args,
                             "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    events: list[dict[str, Any]] = []

    def until(**wanted: str) -> dict[str, Any]:
        while True:
            line = proc.stdout.readline() if proc.stdout else ""
            assert line, f"watch ended before {wanted}: {events}"
            events.append(json.loads(line))
            if wanted.items() <= events[-1].items():
                return events[-1]

    try:
        yield until, events
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


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


#: pcscd is one per machine (its socket is /run/pcscd/pcscd.comm): test processes running
#: side by side (`make test` runs 4) take turns, a test module at a time.
PCSCD_TURN = Path(tempfile.gettempdir()) / "village-kiosk-tests-pcscd.lock"


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    """Start ``pcscd -f`` with vpcd on a private port; stop it afterwards."""
    with PCSCD_TURN.open("a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)  # released when the file closes
        yield from _pcscd(tmp_path_factory)


def _pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    problem = _environment_problem()
    if problem:
        # CI (as root, through `make test`) always has pcscd and vpcd: there it fails.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(problem)
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


def wait_present(link: PcscLink, present: bool) -> None:
    """Poll ``link`` until pcscd reports the card in (or out of) the field."""
    deadline = time.monotonic() + 60
    while link.find_card() is not present:
        assert time.monotonic() < deadline, f"card present={present} not seen"
        time.sleep(0.05)
