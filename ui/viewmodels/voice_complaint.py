"""The spoken complaint (说出您的问题): record up to 60 s, listen to it, keep or redo it.

Every rule is decided here; the QML only shows ``state`` and calls the slots.

States: ``unavailable`` (no microphone, or no encoder: ``message`` says what to
do instead) → ``ready`` → ``recording`` (``seconds``, ``level``) → ``encoding``
→ ``recorded`` ⇄ ``playing``; ``discard()`` goes back to ``ready``. The
recording stops by itself at :data:`kiosk.voiceclip.MAX_SECONDS` of *sound
captured* (not of wall time, so a stalled device cannot make it longer). The
capture runs on the GUI thread's event loop; the files on one worker
(ui/voice_recorder.py). The finished Ogg/Opus bytes go into the complaint draft
(:attr:`clip`); the complaint's durable transaction stores them
(kiosk.voice_store).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.voiceclip import MAX_SECONDS
from ui.ops import Op
from ui.playback import WavPlayer
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.voice_recorder import RATE, ClipFiles, Recorded, RecordingWorker, peak_of, recording_problem

if TYPE_CHECKING:  # QtMultimedia loads its backend: only when a complaint starts
    from PySide6.QtCore import QIODevice
    from PySide6.QtMultimedia import QAudioSource

__all__ = ["NO_MICROPHONE", "VoiceComplaintModel"]

QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

NO_MICROPHONE = "这台机器没有麦克风，请用手写或找工作人员"
NO_RECORDING = "这台机器不能录音，请用手写或找工作人员"
_BYTES_PER_SECOND = RATE * 2

_BLANK: dict[str, Any] = dict(state="ready", message="", seconds=0, secondsText="", level=0.0,
                              clipSeconds=0)


@QmlElement
@uncreatable
class VoiceComplaintModel(ViewModel):
    """One recording at a time for the complaint being written. GUI thread."""

    changed = Signal()

    state = readonly(str, "state", changed)
    message = readonly(str, "message", changed)
    seconds = readonly(int, "seconds", changed)
    secondsText = readonly(str, "secondsText", changed)
    #: Loudness of the last moment recorded (0 … 1), for the level bar.
    level = readonly(float, "level", changed)
    #: Length of the finished recording (s), for the confirm step.
    clipSeconds = readonly(int, "clipSeconds", changed)
    #: Sound arrived while recording: the villager is there (the idle timeout waits).
    activity = Signal()

    def __init__(self, folder: Callable[[], Path], parent: QObject | None = None, *,
                 worker: RecordingWorker | None = None, max_seconds: int = MAX_SECONDS) -> None:
        """``folder()``: the data directory's ``voice/`` (kiosk.voice_store.voice_dir);
        ``max_seconds``: the longest recording (at most kiosk.voiceclip.MAX_SECONDS)."""
        super().__init__(parent, **{**_BLANK, "state": "unavailable"})
        self._max_seconds = min(max_seconds, MAX_SECONDS)
        self._max_bytes = self._max_seconds * _BYTES_PER_SECOND
        self._folder = folder
        self._worker = worker or RecordingWorker()
        self._files: ClipFiles | None = None
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._captured = 0
        self._recorded: Recorded | None = None
        self._player: WavPlayer | None = None
        self._generation = 0

    @property
    def clip(self) -> bytes | None:
        """The finished recording (Ogg/Opus) to file with the complaint, or None."""
        return self._recorded.data if self._recorded is not None else None

    @property
    def working(self) -> bool:
        """True while recording or preparing a recording (the complaint waits)."""
        return self._state["state"] in ("recording", "encoding")

    def refresh(self) -> None:
        """Check the microphone and encoder (a complaint starts); drops any recording."""
        self.clear()
        problem = recording_problem()
        if problem:
            log.info("spoken complaints unavailable: %s", problem)
            self._update(state="unavailable",
                         message=NO_MICROPHONE if problem == "no microphone" else NO_RECORDING)
        else:
            self._update(state="ready", message="")

    @Slot()
    def record(self) -> None:
        """Start recording from the default microphone."""
        if self._state["state"] != "ready":
            return
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if device.isNull() or not device.isFormatSupported(fmt):
            self._update(state="unavailable", message=NO_MICROPHONE)
            return
        self._generation += 1
        self._files = files = ClipFiles(self._folder())
        self._worker.submit(files.begin)
        self._captured = 0
        self._source = QAudioSource(device, fmt, self)
        self._io = self._source.start()
        self._io.readyRead.connect(self._on_audio)
        self._update(state="recording", seconds=0, level=0.0, message="",
                     secondsText=self._seconds_text(0))

    def _on_audio(self) -> None:
        if self._io is None or self._files is None:
            return
        pcm = bytes(self._io.readAll().data())
        room = self._max_bytes - self._captured
        pcm = pcm[: max(0, room) // 2 * 2]
        if pcm:
            self._captured += len(pcm)
            files = self._files
            self._worker.submit(lambda: files.write(pcm))
            self.activity.emit()
        seconds = self._captured // _BYTES_PER_SECOND
        self._update(seconds=seconds, secondsText=self._seconds_text(seconds),
                     level=round(peak_of(pcm), 2))
        if self._captured >= self._max_bytes:
            self.stop()

    def _seconds_text(self, seconds: int) -> str:
        return f"已录 {seconds} 秒，最多 {self._max_seconds} 秒"

    def _close_source(self) -> None:
        if self._source is not None:
            if self._io is not None:
                self._io.readyRead.disconnect(self._on_audio)
            self._source.stop()
            self._source.deleteLater()
        self._source = self._io = None

    @Slot()
    def stop(self) -> None:
        """Stop recording and prepare the recording (encoded on the worker)."""
        if self._state["state"] != "recording" or self._files is None:
            return
        if self._io is not None and self._captured < self._max_bytes:
            self._on_audio()  # what came since the last readyRead
        self._close_source()
        files, generation = self._files, self._generation
        if self._captured == 0:
            self._worker.submit(files.discard)
            self._files = None
            self._update(state="ready", message="没有录到声音，请靠近话筒再说一遍。", level=0.0)
            return
        self._update(state="encoding", level=0.0)
        (Op(files.finish, name="voice-finish", runner=self._worker, owner=self)
         .success(lambda rec: self._finished(rec, generation))
         .failure(lambda exc: self._failed(exc, generation)).run())

    def _finished(self, recorded: Recorded, generation: int) -> None:
        if generation != self._generation:  # discarded meanwhile (its files went after it)
            return
        self._recorded = recorded
        seconds = max(1, round(recorded.info.duration_ms / 1000))
        self._update(state="recorded", clipSeconds=seconds, message="")

    def _failed(self, exc: Exception, generation: int) -> None:
        log.warning("recording could not be prepared: %s", type(exc).__name__)
        if generation == self._generation:
            self._discard_files()
            self._update(state="ready", message="录音没有成功，请再录一次，或用手写。")
            self.failed.emit("recording failed")

    @Slot()
    def play(self) -> None:
        """Play the recording back (what will be kept) for the villager to confirm."""
        if self._state["state"] != "recorded" or self._recorded is None:
            return
        if self._player is None:
            self._player = WavPlayer(self)
            self._player.finished.connect(self._played)
        self._update(state="playing")
        self._player.play(self._recorded.playback)

    def _played(self) -> None:
        if self._state["state"] == "playing":
            self._update(state="recorded")

    @Slot()
    def discard(self) -> None:
        """Throw the recording away (to record again, or to write instead)."""
        if self._state["state"] == "unavailable":
            return
        self.clear()
        self._update(state="ready")

    def _discard_files(self) -> None:
        if self._files is not None:
            self._worker.submit(self._files.discard)
        self._files = None
        self._recorded = None

    def clear(self) -> None:
        """Stop everything, delete the files, forget the microphone check (complaint filed,
        flow left, session over)."""
        self._generation += 1
        self._close_source()
        if self._player is not None:
            self._player.stop()
        self._discard_files()
        # Back to how it started: the next complaint checks the microphone again (refresh).
        self._update(**{**_BLANK, "state": "unavailable"})
