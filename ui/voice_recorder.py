"""Recording a spoken complaint from the terminal's microphone (QtMultimedia).

Qt's :class:`QAudioSource` captures 16 kHz mono 16-bit PCM on the GUI thread's
event loop (it only hands over bytes there); everything that touches a file —
the temporary WAV, the Ogg/Opus encoding with Debian's ``opusenc``, the decoded
copy played back for confirmation — runs on **one** worker,
:class:`RecordingWorker`, in the order submitted, so no two jobs of a recording
ever race. The GUI thread never blocks on the disk. (QMediaRecorder was tried
first: the FFmpeg backend of the PySide6 wheels offers no Opus or Vorbis encoder,
only FLAC in Ogg, and recorded nothing from PulseAudio here.)

Files live in the kiosk's data directory (``voice/`` beside the database, 0700),
each 0600 and named ``.rec-*``/``.play-*``; they hold a villager's voice and are
deleted as soon as they are not needed (the complaint keeps only the Opus bytes).
"""

from __future__ import annotations

import array
import collections
import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.voiceclip import ClipInfo, inspect_clip
from ui.workers import start_worker

__all__ = ["RATE", "ClipFiles", "Recorded", "RecordingWorker", "peak_of", "recording_problem"]

log = logging.getLogger(__name__)

#: Sample rate of the capture (Hz, mono, signed 16-bit): enough for speech.
RATE = 16_000
_WORKER = "voice-recording"
_TOOL_TIMEOUT_S = 30.0


def recording_problem() -> str:
    """Empty if this machine can record a complaint, else why not (for the clerk / log).

    Loads the QtMultimedia backend: call it when the complaint flow starts, not at start-up.
    """
    missing = [tool for tool in ("opusenc", "opusdec") if shutil.which(tool) is None]
    if missing:
        return f"{' / '.join(missing)} not installed (Debian opus-tools)"
    from PySide6.QtMultimedia import QMediaDevices

    return "" if QMediaDevices.audioInputs() else "no microphone"


def peak_of(pcm: bytes) -> float:
    """The loudest sample of 16-bit PCM as a fraction of full scale (0 … 1)."""
    samples = array.array("h", pcm[: len(pcm) // 2 * 2])
    return max((abs(s) for s in samples), default=0) / 32768


class RecordingWorker:
    """Runs jobs one after another on one worker thread (``voice-recording``).

    The thread is started on demand and ends when the queue is empty (so the
    window's teardown never waits on an idle worker); at most one runs at a time.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: collections.deque[Callable[[], None]] = collections.deque()
        self._running = False

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; returns at once. Any thread."""
        with self._lock:
            self._jobs.append(job)
            if self._running:
                return
            self._running = True
        start_worker(_WORKER, self._loop)

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._jobs:
                    self._running = False
                    return
                job = self._jobs.popleft()
            try:
                job()
            except Exception:  # a job reports through its own Op; never kill the queue
                log.exception("recording job failed")


def _on_worker() -> bool:
    return threading.current_thread().name == _WORKER


@dataclass(frozen=True)
class Recorded:
    """A finished recording: what is filed and what is played back."""

    data: bytes
    """Ogg/Opus, checked by kiosk.voiceclip.inspect_clip."""
    info: ClipInfo
    playback: Path
    """The Opus decoded again to WAV (0600): the villager hears exactly what is kept."""


class ClipFiles:
    """One recording's files. Every method runs on the :class:`RecordingWorker`.

    (File I/O of a recording has one owner thread, asserted: two threads writing
    one WAV would interleave frames.)
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._wav: wave.Wave_write | None = None
        self._wav_path: Path | None = None
        self._paths: list[Path] = []

    def _temp(self, prefix: str, suffix: str) -> Path:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=self.folder)  # 0600
        os.close(fd)
        self._paths.append(Path(name))
        return Path(name)

    def begin(self) -> None:
        """Open a new temporary WAV."""
        assert _on_worker(), "recording files belong to the recording worker"
        self._wav_path = self._temp(".rec-", ".wav")
        wav = wave.open(str(self._wav_path), "wb")  # noqa: SIM115 (open until finish())
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        self._wav = wav

    def write(self, pcm: bytes) -> None:
        """Append PCM frames."""
        assert _on_worker(), "recording files belong to the recording worker"
        if self._wav is not None:
            self._wav.writeframes(pcm)

    def finish(self) -> Recorded:
        """Close the WAV, encode it to Ogg/Opus and decode that for playback.

        Raises ``OSError``/``subprocess`` errors or kiosk.voiceclip.ClipError.
        """
        assert _on_worker(), "recording files belong to the recording worker"
        if self._wav is None or self._wav_path is None:
            raise OSError("no recording was started")
        wav_path = self._wav_path
        self._wav.close()
        self._wav = None
        opus = self._temp(".enc-", ".opus")
        subprocess.run(["opusenc", "--quiet", "--bitrate", "24", "--hard-cbr",
                        str(wav_path), str(opus)], check=True, timeout=_TOOL_TIMEOUT_S,
                       capture_output=True)
        data = opus.read_bytes()
        info = inspect_clip(data)
        playback = self._temp(".play-", ".wav")
        subprocess.run(["opusdec", "--quiet", "--rate", str(RATE), str(opus), str(playback)],
                       check=True, timeout=_TOOL_TIMEOUT_S, capture_output=True)
        for done in (wav_path, opus):
            self._unlink(done)
        return Recorded(data, info, playback)

    def discard(self) -> None:
        """Close and delete every file of this recording."""
        assert _on_worker(), "recording files belong to the recording worker"
        if self._wav is not None:
            with contextlib.suppress(wave.Error, OSError):
                self._wav.close()
            self._wav = None
        for path in list(self._paths):
            self._unlink(path)

    def _unlink(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        if path in self._paths:
            self._paths.remove(path)
