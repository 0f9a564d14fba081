"""Playing a WAV file through QtMultimedia (the read-aloud's output).

The media backend is loaded on the first :meth:`WavPlayer.play`, not at start-up:
a kiosk that never speaks never loads it.

With no sound device nothing can be heard, and QtMultimedia's FFmpeg backend
"playing" to no device was seen to hang in ``QMediaPlayer.stop()`` (a card lifted
mid-sentence froze the test window). So without a device the player does not
touch QMediaPlayer: it times the WAV (its duration, read with ``wave``) and emits
``started`` and ``finished`` as playback would. The clerk screen says that there
is no sound device (:func:`audio_output_problem`).
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from ui.tr import QT_TR_NOOP

if TYPE_CHECKING:  # QtMultimedia loads (and logs about) its backend: only when used
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

__all__ = ["WavPlayer", "audio_output_problem"]

log = logging.getLogger(__name__)


def audio_output_problem() -> str:
    """Empty if the machine has a sound output, else why not (Chinese, for the clerk)."""
    from PySide6.QtMultimedia import QMediaDevices

    return "" if QMediaDevices.audioOutputs() else QT_TR_NOOP("没有找到声音输出设备（音箱或耳机）")


class WavPlayer(QObject):
    """One WAV at a time; ``started`` when it starts playing, ``finished`` at its end.

    GUI thread only.
    """

    started = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        # Stands in for playback on a machine without a sound device (see above).
        self._silent = QTimer(self)
        self._silent.setSingleShot(True)
        self._silent.timeout.connect(self.finished)

    def _media(self) -> QMediaPlayer:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self._player is None:
            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            self._player.playbackStateChanged.connect(self._on_state)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def play(self, path: Path) -> None:
        """Stop what plays and start ``path``."""
        self.stop()
        if audio_output_problem():
            try:
                with wave.open(str(path), "rb") as wav:
                    seconds = wav.getnframes() / wav.getframerate()
            except (OSError, EOFError, wave.Error) as exc:
                log.warning("cannot read %s: %s", path.name, exc)
                self.finished.emit()
                return
            self._silent.start(int(seconds * 1000))
            self.started.emit()
            return
        player = self._media()
        player.stop()
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()

    def stop(self) -> None:
        """Stop playing and let go of the file (it may be deleted afterwards)."""
        if self._silent.isActive():
            self._silent.stop()
            self.finished.emit()
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if state == QMediaPlayer.PlaybackState.PlayingState:
            self.started.emit()
        elif state == QMediaPlayer.PlaybackState.StoppedState:
            self.finished.emit()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        log.warning("playback failed: %s %s", error.name, message)
        self.finished.emit()
