"""Benchmark: tapping the speaker button → the first sound, beside espeak-ng alone.

For the demo person with the most payments, on the benefits screen (offscreen,
software renderer, QtMultimedia playing to whatever output the machine has):

* tap → playback started (QMediaPlayer in PlayingState: the first audio handed to
  the output), through the real path: text, pinyin, espeak-ng writing the WAV on a
  worker thread, QtMultimedia opening it. On a machine without a sound device the
  player only times the WAV (ui/playback.py), so the figure stops at the WAV
  written; the output says which;
* espeak-ng alone on the same pinyin, in the same run: to the WAV file complete
  (``-w``), and to its first WAV bytes on stdout (``--stdout``), which is the least
  any engine-as-a-subprocess design could wait;
* the text → pinyin step alone (pypinyin), first call and warm.

Medians of 10 runs each. Run: ``.venv/bin/python tests/bench/bench_speech.py``.
Not collected by pytest.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from ui.app import prepare_environment

prepare_environment(offscreen=True)

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from demo.village import card_profile
from drivers.idcard.cardtext import card_from_profile
from drivers.speech import VOICE
from kiosk.speech.pinyin import to_pinyin
from ui.app import KioskUi
from ui.demo import demo_config
from ui.driver import UiDriver
from ui.services import KioskServices
from ui.viewmodels.speech import utterance_for

RUNS = 10


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:7.1f} ms (min {min(seconds) * 1000:.1f})"


def espeak_to_file(pinyin: str, out: Path) -> float:
    """espeak-ng alone: start → the WAV file written."""
    t0 = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", "150", "-w", str(out)],
                   input=pinyin.encode(), check=True)
    return time.perf_counter() - t0


def espeak_first_bytes(pinyin: str) -> float:
    """espeak-ng alone: start → the first WAV bytes on its stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["espeak-ng", "-v", VOICE, "-s", "150", "--stdout"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(pinyin.encode())
    proc.stdin.close()
    proc.stdout.read(1)
    first = time.perf_counter() - t0
    proc.stdout.read()
    proc.wait()
    return first


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    from demo.terminal import seed_demo

    config = demo_config(work)
    village, _ = seed_demo(config)
    app = KioskUi.application()
    services = KioskServices.open(config)
    counts = {p.id_number: sum(len(y.payments) for y in services.lookup(p.id_number).years)
              for p in village.people}
    heavy = max(counts, key=lambda n: counts[n])
    card = card_from_profile(card_profile(village.person(heavy)))

    t0 = time.perf_counter()
    to_pinyin("谭开生，您二零二六年已经收到惠民资金")
    pinyin_cold = time.perf_counter() - t0

    ui = KioskUi(services, link_factory=None, size=(1920, 1080))
    ui.start()
    d = UiDriver(ui.window)
    ui.bridge.cardRead.emit(card)
    d.find("benefitsScreen")
    speech = ui.app_model.speech_model
    utterance = utterance_for(ui.app_model)
    assert utterance is not None
    pinyin = to_pinyin(utterance.text, names=utterance.names)

    started: list[float] = []
    speech.spoken.connect(lambda _path: started.append(time.perf_counter()))
    button = d.find("speakButton")
    centre = button.mapToScene(button.boundingRect().center()).toPoint()
    tap_to_sound: list[float] = []
    for _ in range(RUNS):
        speech.stop()
        d.pump(0.2)
        started.clear()
        t0 = time.perf_counter()
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(centre.x(), centre.y()))
        while not started:
            app.processEvents()
        tap_to_sound.append(started[0] - t0)
    speech.stop()
    ui.stop()

    to_file = [espeak_to_file(pinyin, work / "alone.wav") for _ in range(RUNS)]
    first_bytes = [espeak_first_bytes(pinyin) for _ in range(RUNS)]
    warm: list[float] = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        to_pinyin(utterance.text, names=utterance.names)
        warm.append(time.perf_counter() - t0)

    print(f"benefit summary: {len(utterance.text)} characters, {len(pinyin.split())} syllables "
          f"({counts[heavy]} payments on record)")
    from ui.playback import audio_output_problem

    how = "no sound device: WAV timed" if audio_output_problem() else "QtMultimedia"
    print(f"tap → playback started (kiosk)      {_ms(tap_to_sound)}   ({how})")
    print(f"espeak-ng alone → WAV file written  {_ms(to_file)}")
    print(f"espeak-ng alone → first WAV bytes   {_ms(first_bytes)}")
    print(f"text → pinyin, warm                 {_ms(warm)}   "
          f"(first call {pinyin_cold * 1000:.0f} ms)")
    ratio = statistics.median(tap_to_sound) / statistics.median(to_file)
    print(f"kiosk / espeak-ng to file: {ratio:.2f}x")


if __name__ == "__main__":
    main()
