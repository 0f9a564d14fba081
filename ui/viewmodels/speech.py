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
from kiosk.speech.markup import VOICES, engine_input, speech_language
from kiosk.speech.pinyin import to_pinyin
from ui.ops import Op
from ui.playback import WavPlayer
from ui.tr import QT_TR_NOOP, language, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.utterance import Utterance, UtteranceSource, utterance_for

__all__ = ["SpeechModel", "Utterance", "utterance_for"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: The UI languages other than Chinese, as the clerk screen names them.
_LANGUAGE_NAMES = {"en": QT_TR_NOOP("英文"), "ug": QT_TR_NOOP("维吾尔文")}


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
        self._has_speech = False
        self._current: Path | None = None
        self._player = WavPlayer(self)
        self._player.started.connect(self._on_started)
        self._player.finished.connect(self._on_finished)

    def warm_up(self) -> None:
        """Load pypinyin's dictionaries on a worker now (about 2 s on a busy terminal),
        not on the first tap of the speaker button."""
        if self._state["available"]:
            Op(lambda: to_pinyin("您好"), name="speech-warm-up", owner=self).run()

    def voice_problem(self, ui_language: str) -> str:
        """Why nothing can be read aloud when the screens are in ``ui_language``
        (its speech language's voice is missing; English); empty if it can."""
        voice = VOICES[speech_language(ui_language)]
        return self._speaker.why_unusable(voice) if self._state["available"] else ""

    def clerk_text(self, ok: str) -> str:
        """The clerk screen's 朗读 line (``ok``: what to say when all is well): why the
        button is hidden in a language, if it is."""
        if not self._state["available"]:
            return tr("{problem}（朗读按钮已隐藏）").format(problem=self._state["problem"])
        hidden = [tr("{language}界面没有朗读：{problem}（朗读按钮已隐藏）").format(
                      language=tr(name), problem=self.voice_problem(code))
                  for code, name in _LANGUAGE_NAMES.items() if self.voice_problem(code)]
        return "；".join([ok, *hidden])

    def set_screen(self, has_speech: bool) -> None:
        """The screen changed: stop speaking; show the button where the screen has speech
        and the screens' language has a voice."""
        self.stop()
        self._has_speech = has_speech
        self._update(canSpeak=self._state["available"] and has_speech
                     and not self.voice_problem(language()))

    def language_changed(self) -> None:
        """The screens' language changed (ui.tr.language()): stop, and hide the button
        if that language has no voice."""
        self.set_screen(self._has_speech)

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
        if utterance is None or self._speaker.why_unusable(VOICES[utterance.language]):
            return
        self.stop()
        generation = self._generation
        path = self._dir / f"speech-{generation}.wav"
        speaker = self._speaker

        def synthesize() -> Path:  # on a worker thread: no Qt here
            given = engine_input(utterance.text, utterance.language, names=utterance.names)
            return speaker.synthesize(given.text, path, voice=given.voice)

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
