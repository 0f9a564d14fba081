"""Playing a WAV file through QtMultimedia (the read-aloud's output).

The media backend is loaded on the first :meth:`WavPlayer.play`, not at start-up:
a kiosk that never speaks never loads it. With no sound device (a test machine)
QtMultimedia still plays to nowhere and reaches the end, so the flow is the same.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

__all__ = ["WavPlayer", "audio_output_problem"]

log = logging.getLogger(__name__)


def audio_output_problem() -> str:
    """Empty if the machine has a sound output, else why not (Chinese, for the clerk)."""
    return "" if QMediaDevices.audioOutputs() else "没有找到声音输出设备（音箱或耳机）"


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

    def _media(self) -> QMediaPlayer:
        if self._player is None:
            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            self._player.playbackStateChanged.connect(self._on_state)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def play(self, path: Path) -> None:
        """Stop what plays and start ``path``."""
        player = self._media()
        player.stop()
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()

    def stop(self) -> None:
        """Stop playing and let go of the file (it may be deleted afterwards)."""
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.PlayingState:
            self.started.emit()
        elif state == QMediaPlayer.PlaybackState.StoppedState:
            self.finished.emit()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        log.warning("playback failed: %s %s", error.name, message)
        self.finished.emit()
