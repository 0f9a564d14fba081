"""Read-aloud: the speaker button of every villager screen (issue 18).

:func:`utterance_for` decides what the screen on show says (the texts are
:mod:`kiosk.speech.text`); :class:`SpeechModel` turns it into a WAV with the
:class:`~drivers.speech.Speaker` on a worker thread and plays it through
:class:`ui.playback.WavPlayer`. Speech stops when the screen changes, the card is
lifted or the session ends (the root view-model calls :meth:`SpeechModel.stop`),
and the WAV, which holds the holder's name and money, is deleted then.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from drivers.speech import Speaker
from kiosk.speech.pinyin import to_pinyin
from ui.ops import Op
from ui.playback import WavPlayer
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.utterance import Utterance, UtteranceSource, utterance_for

__all__ = ["SpeechModel", "Utterance", "utterance_for"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@uncreatable
class SpeechModel(ViewModel):
    """The speaker button: ``canSpeak`` shows it, ``speaking`` turns it into "stop".

    ``spoken(path)`` is emitted when the WAV at ``path`` starts playing.
    """

    changed = Signal()
    spoken = Signal(str)

    available = readonly(bool, "available", changed)
    canSpeak = readonly(bool, "canSpeak", changed)
    speaking = readonly(bool, "speaking", changed)
    problem = readonly(str, "problem", changed)

    def __init__(self, speaker: Speaker, source: UtteranceSource, *,
                 workdir: Path | None = None, parent: QObject | None = None) -> None:
        """``workdir``: where the WAVs go (default: a private temporary directory)."""
        why = speaker.why_unusable()
        if why:
            log.warning("read-aloud unavailable: %s", why)
        super().__init__(parent, available=not why, canSpeak=False, speaking=False,
                         problem=f"朗读不可用：{why}" if why else "")
        self._speaker = speaker
        self._source = source
        self._own_dir = workdir is None
        # mkdtemp makes it 0700: the WAVs speak a person's name and money.
        self._dir = workdir or Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        self._generation = 0
        self._current: Path | None = None
        self._player = WavPlayer(self)
        self._player.started.connect(self._on_started)
        self._player.finished.connect(self._on_finished)

    def warm_up(self) -> None:
        """Load pypinyin's dictionaries on a worker now (about 2 s on a busy terminal),
        not on the first tap of the speaker button."""
        if self._state["available"]:
            Op(lambda: to_pinyin("您好"), name="speech-warm-up", owner=self).run()

    def set_screen(self, has_speech: bool) -> None:
        """The screen changed: stop speaking; show the button where the screen has speech."""
        self.stop()
        self._update(canSpeak=self._state["available"] and has_speech)

    @Slot()
    def toggle(self) -> None:
        """The speaker button: speak the screen, or stop if speaking."""
        if self._state["speaking"]:
            self.stop()
        else:
            self.speak()

    @Slot()
    def speak(self) -> None:
        """Say what the screen on show says (synthesis on a worker, then playback)."""
        if not self._state["available"]:
            return
        utterance = self._source()
        if utterance is None:
            return
        self.stop()
        generation = self._generation
        path = self._dir / f"speech-{generation}.wav"
        speaker = self._speaker

        def synthesize() -> Path:  # on a worker thread: no Qt here
            return speaker.synthesize(to_pinyin(utterance.text, names=utterance.names), path)

        self._update(speaking=True)
        Op(synthesize, name="speech", owner=self) \
            .success(lambda done: self._play(generation, done)) \
            .failure(lambda exc: self._synthesis_failed(generation, exc)).run()

    def _play(self, generation: int, path: Path) -> None:
        if generation != self._generation:  # stopped or moved on meanwhile
            path.unlink(missing_ok=True)
            return
        self._current = path
        self._player.play(path)

    def _synthesis_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._update(speaking=False)
        self.failed.emit(f"speech failed: {getattr(exc, 'code', type(exc).__name__)}")

    def _on_started(self) -> None:
        if self._current is not None:
            self._update(speaking=True)
            self.spoken.emit(str(self._current))

    def _on_finished(self) -> None:
        self._update(speaking=False)

    @Slot()
    def stop(self) -> None:
        """Stop speaking (and any synthesis under way); delete the WAV."""
        self._generation += 1
        self._player.stop()
        if self._current is not None:
            self._current.unlink(missing_ok=True)
            self._current = None
        self._update(speaking=False)

    def close(self) -> None:
        """Stop, and remove the private directory of WAVs."""
        self.stop()
        if self._own_dir:
            shutil.rmtree(self._dir, ignore_errors=True)
