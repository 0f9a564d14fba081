"""`kiosk idcard read|watch|emulate` as real processes and through main()."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.emulator import PtyEmulator, SamEmulator
from idcard.conftest import card_of, watching
from kiosk.cli.main import main

KIOSK = [sys.executable, "-m", "kiosk.cli.main"]
#: ``--wait`` of reads that expect a card: the emulator is another process, which a
#: loaded machine may not schedule for seconds (a read returns as soon as it has one).
WAIT = "60"


def read_json_until(path: str, expected: dict[str, str],
                    capsys: pytest.CaptureFixture[str]) -> None:
    """Read until the card is ``expected``: a signal to the emulator lands asynchronously."""
    deadline = time.monotonic() + 60
    while True:
        assert main(["idcard", "read", "--port", path, "--json", "--wait", WAIT]) == 0
        if json.loads(capsys.readouterr().out) == expected:
            return
        assert time.monotonic() < deadline, f"never read {expected['name']}"
        time.sleep(0.05)


@pytest.fixture
def card_file(tmp_path: Path, profiles: dict[str, dict[str, str]]) -> Path:
    path = tmp_path / "cards.json"
    path.write_text(json.dumps([profiles["resident_x"], profiles["hmt"]], ensure_ascii=False),
                    encoding="utf-8")
    return path


@pytest.fixture
def emulate(card_file: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen([*KIOSK, "idcard", "emulate", "--card", str(card_file),
                             "--fault", "bad-checksum"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    path = proc.stdout.readline().strip()
    yield proc, path
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_emulate_then_read_json(emulate: tuple[subprocess.Popen[str], str],
                                profiles: dict[str, dict[str, str]],
                                capsys: pytest.CaptureFixture[str]) -> None:
    proc, path = emulate
    assert path.startswith("/dev/pts/")
    assert main(["idcard", "read", "--port", path, "--json", "--wait", WAIT]) == 0
    assert json.loads(capsys.readouterr().out) == profiles["resident_x"]
    # SIGUSR1 lays the next card from the file on the reader.
    proc.send_signal(signal.SIGUSR1)
    read_json_until(path, profiles["hmt"], capsys)
    # SIGUSR2 takes it away: a read names the status and exits 3.
    proc.send_signal(signal.SIGUSR2)
    deadline = time.monotonic() + 60
    while main(["idcard", "read", "--port", path, "--wait", "0.5"]) != 3:
        assert time.monotonic() < deadline, "the card never left"
    assert "[NO_CARD]" in capsys.readouterr().err
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0


def test_read_plain_text_and_raw_photo(emulator: PtyEmulator, sam: SamEmulator,
                                       tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    sam.place(1)
    photo = tmp_path / "photo.wlt"
    assert main(["idcard", "read", "--port", f"serial:{emulator.path}",
                 "--photo", str(photo)]) == 0
    captured = capsys.readouterr()
    assert "name        刘䶮" in captured.out and "valid_to    长期" in captured.out
    card = sam.card
    assert card is not None and photo.read_bytes() == card.photo
    assert "raw WLT (no WLT decoder library configured)" in captured.err


def test_watch_prints_json_lines(emulator: PtyEmulator, sam: SamEmulator,
                                 profiles: dict[str, dict[str, str]]) -> None:
    with watching("--port", emulator.path) as (until, events):
        until(event="state")
        sam.place(card_of(profiles["foreign"]))
        assert until(event="read")["card"] == profiles["foreign"]
        sam.remove()
        until(event="removed")
    kinds = [e["event"] for e in events if e["event"] != "state"]
    assert kinds == ["present", "read", "removed"]


def test_bad_device_and_bad_fault(tmp_path: Path, card_file: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["idcard", "read", "--port", str(tmp_path / "none"), "--wait", "1"]) == 1
    assert "idcard.unavailable" in capsys.readouterr().err
    assert main(["idcard", "emulate", "--card", str(card_file), "--fault", "gremlins"]) == 2
    assert "bad --fault" in capsys.readouterr().err
    assert main(["idcard", "emulate", "--card", str(tmp_path / "none.json")]) == 1


def test_emulate_a_directory_of_cards(tmp_path: Path, profiles: dict[str, dict[str, str]],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # What `kiosk db seed-demo --cards DIR` writes: one profile per file.
    for name, label in (("0002.json", "foreign"), ("0001.json", "rare_char")):
        (tmp_path / name).write_text(json.dumps(profiles[label], ensure_ascii=False),
                                     encoding="utf-8")
    proc = subprocess.Popen([*KIOSK, "idcard", "emulate", "--card", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        path = proc.stdout.readline().strip()
        assert main(["idcard", "read", "--port", path, "--json", "--wait", WAIT]) == 0
        assert json.loads(capsys.readouterr().out) == profiles["rare_char"]
        proc.send_signal(signal.SIGUSR1)
        read_json_until(path, profiles["foreign"], capsys)
    finally:
        proc.terminate()
        assert proc.wait(timeout=60) == 0
        if proc.stdout is not None:
            proc.stdout.close()


def test_read_from_a_sam_that_stops_answering(card_file: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    # The emulator drops its next three read answers: every attempt of the read
    # times out after the config's idcard.timeout_ms.
    config = tmp_path / "kiosk.toml"
    config.write_text("[idcard]\ntimeout_ms = 300\n", encoding="utf-8")
    proc = subprocess.Popen([*KIOSK, "idcard", "emulate", "--card", str(card_file),
                             "--fault", "no-answer:3"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        path = proc.stdout.readline().strip()
        assert main(["idcard", "read", "--port", path, "--wait", WAIT,
                     "--config", str(config)]) == 1
        captured = capsys.readouterr()
        assert captured.err.endswith(
            "no answer to READ_BASE within 0.30 s [idcard.timeout]\n"), captured.err
        assert "NO_CARD" not in captured.err and captured.out == ""
    finally:
        proc.terminate()
        assert proc.wait(timeout=60) == 0
        if proc.stdout is not None:
            proc.stdout.close()
