"""The device-string factory, and the in-process emulator device a demo uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.idcard.emulator.link import EmulatorLink
from drivers.idcard.errors import ReaderUnavailable
from drivers.idcard.link import link_for
from drivers.idcard.pcsc import PcscLink
from drivers.idcard.reader import CardReader, ReaderState
from drivers.idcard.serial import SerialLink
from idcard.conftest import Recorder
from kiosk.cli.main import main
from kiosk.config import load_config

DEVICES = [
    ("serial:auto", SerialLink, "serial:auto"),
    ("serial:", SerialLink, "serial:auto"),
    ("serial:/dev/ttyUSB0?baud=9600", SerialLink, "serial:/dev/ttyUSB0"),
    ("/dev/idcard", SerialLink, "serial:/dev/idcard"),
    ("pcsc:", PcscLink, "pcsc:"),
    ("pcsc:Virtual PCD 00 01?layout=photo4", PcscLink, "pcsc:Virtual PCD 00 01"),
    ("emulator:cards?card=2", EmulatorLink, "emulator:cards"),
]


@pytest.mark.parametrize(("device", "kind", "description"), DEVICES,
                         ids=[d[0] for d in DEVICES])
def test_factory(device: str, kind: type, description: str) -> None:
    link = link_for(device, timeout=0.5)
    assert isinstance(link, kind)
    assert link.description == description


def test_factory_refuses_unknown_devices() -> None:
    with pytest.raises(ReaderUnavailable, match="unknown ID card device"):
        link_for("usb:1234:5678")
    with pytest.raises(ReaderUnavailable, match="layout"):
        link_for("pcsc:?layout=upside-down")


@pytest.fixture
def card_dir(tmp_path: Path, profiles: dict[str, dict[str, str]]) -> Path:
    directory = tmp_path / "cards"
    directory.mkdir()
    for index, profile in enumerate(profiles.values()):
        (directory / f"{index:04d}.json").write_text(json.dumps(profile, ensure_ascii=False),
                                                     encoding="utf-8")
    return directory


def test_emulator_device_in_a_card_reader(card_dir: Path, profiles: dict[str, dict[str, str]],
                                          recorder: Recorder) -> None:
    link = link_for(f"emulator:{card_dir}", timeout=0.3)
    assert isinstance(link, EmulatorLink)
    with CardReader(link, recorder, poll_interval=0.02):
        recorder.wait_for("state", ReaderState.READY)
        assert len(link.sam.cards) == 4
        link.sam.place(3)  # file order: resident_x, rare_char, foreign, hmt
        assert recorder.wait_for("read").to_json() == profiles["hmt"]
        link.sam.remove()
        recorder.wait_for("removed")


def test_emulator_device_from_config(tmp_path: Path, card_dir: Path,
                                     profiles: dict[str, dict[str, str]],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[idcard]\ndevice = "emulator:cards?card=1"\ntimeout_ms = 300\n',
                      encoding="utf-8")
    assert load_config(config).idcard.device == "emulator:cards?card=1"
    # Relative PATH is relative to the working directory, like a port name.
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        assert main(["idcard", "read", "--config", str(config), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == profiles["rare_char"]


def test_emulator_device_without_cards(tmp_path: Path) -> None:
    link = EmulatorLink(tmp_path)
    with pytest.raises(ReaderUnavailable, match="no card profiles"):
        link.open()
    link.close()


def test_without_pyscard_pcsc_is_unavailable_and_says_why() -> None:
    # A fresh interpreter where importing smartcard fails, as on a machine
    # without pyscard: the guard must turn that into a named, caught error.
    code = (
        "import sys; sys.modules['smartcard'] = None\n"
        "from drivers.idcard import pcsc\n"
        "from drivers.idcard.errors import ReaderUnavailable\n"
        "from drivers.idcard.link import link_for\n"
        "assert not pcsc.is_usable()\n"
        "try:\n"
        "    link_for('pcsc:')\n"
        "except ReaderUnavailable as exc:\n"
        "    print(exc.code, exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.startswith("idcard.unavailable PC/SC reader unavailable: "
                                  "pyscard is not installed")
