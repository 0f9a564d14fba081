"""A virtual microphone: a private PulseAudio daemon (Debian's pulseaudio) whose default
source is a FIFO (module-pipe-source, 16 kHz mono s16le) the test writes sound into, and
whose default sink is a null sink (playback goes somewhere, silently).

Qt connects to PulseAudio once per process, when QtMultimedia first looks for
devices, and never retries: so the daemon must run, and ``PULSE_SERVER`` point at it,
before that moment — :func:`virtual_microphone` is entered before the kiosk window
opens, in a process of its own (tests/voice/test_recording_ui.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["VirtualMic", "virtual_microphone"]

_BYTES_PER_S = 16_000 * 2
_PIECE = _BYTES_PER_S // 50


@dataclass
class VirtualMic:
    """The running daemon's microphone end."""

    fifo: Path
    env: dict[str, str]
    _writer: object = None
    _threads: list[threading.Thread] = field(default_factory=list)

    def say(self, pcm: bytes) -> None:
        """Feed 16 kHz mono s16le sound into the microphone as a real one would: in 20 ms
        pieces at the pace of time (all at once overflows the recording stream, which then
        drops sound). Returns at once."""
        writer = self._writer

        def feed() -> None:
            start = time.monotonic()
            for at in range(0, len(pcm), _PIECE):
                writer.write(pcm[at: at + _PIECE])  # type: ignore[attr-defined]
                writer.flush()  # type: ignore[attr-defined]
                # Pacing a sound source, not waiting for a result: the one sleep here.
                time.sleep(max(0.0, start + (at + _PIECE) / _BYTES_PER_S - time.monotonic()))

        thread = threading.Thread(target=feed, name="virtual-mic", daemon=True)
        thread.start()
        self._threads.append(thread)

    def wait_quiet(self) -> None:
        """Wait until everything said so far has gone into the microphone."""
        for thread in self._threads:
            thread.join(60)
        self._threads.clear()

    def listening(self) -> bool:
        """True once a program records from the microphone (a source output exists)."""
        out = subprocess.run(["pactl", "list", "short", "source-outputs"], env=self.env,
                             capture_output=True, text=True, timeout=10, check=False)
        return out.returncode == 0 and out.stdout.strip() != ""


@contextmanager
def virtual_microphone(folder: Path) -> Iterator[VirtualMic]:
    """Start the daemon in ``folder``; set ``PULSE_SERVER`` for this process; stop after."""
    folder.mkdir(parents=True, exist_ok=True)
    socket, fifo = folder / "native", folder / "mic.fifo"
    script = folder / "kiosk-test.pa"
    script.write_text("\n".join([
        f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket}",
        "load-module module-null-sink sink_name=speaker",
        f"load-module module-pipe-source source_name=mic file={fifo} format=s16le rate=16000 "
        "channels=1",
        "set-default-sink speaker",
        "set-default-source mic",
    ]) + "\n", encoding="utf-8")
    env = {**os.environ, "PULSE_SERVER": f"unix:{socket}", "PULSE_RUNTIME_PATH": str(folder),
           "HOME": str(folder)}
    daemon = subprocess.Popen(
        [shutil.which("pulseaudio") or "pulseaudio", "-n", "-F", str(script),
         "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disallow-exit",
         f"--log-target=file:{folder / 'pulse.log'}"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (socket.exists() and fifo.exists() and subprocess.run(
                ["pactl", "info"], env=env, capture_output=True, timeout=10,
                check=False).returncode == 0):
            assert daemon.poll() is None, (folder / "pulse.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "pulseaudio did not come up in 30 s"
            time.sleep(0.05)
        saved = {k: os.environ.get(k) for k in ("PULSE_SERVER", "PULSE_RUNTIME_PATH")}
        os.environ["PULSE_SERVER"], os.environ["PULSE_RUNTIME_PATH"] = env["PULSE_SERVER"], \
            str(folder)
        with fifo.open("wb") as writer:
            mic = VirtualMic(fifo, env, writer)
            try:
                yield mic
            finally:
                for thread in mic._threads:
                    thread.join(10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(10)
