"""espeak-ng as a subprocess, voice ``cmn-latn-pinyin`` (Mandarin read from pinyin)
by default, or another voice (``en-us`` for English, given SSML).

The pinyin voice reads tone-numbered pinyin exactly as given (``tan2 kai1 sheng1``);
:func:`kiosk.speech.pinyin.to_pinyin` makes it. The input is read as SSML (``-m``):
:func:`kiosk.speech.markup.to_ssml` switches an English text to the pinyin voice
for its Chinese data. Output is 22 050 Hz mono 16-bit
WAV. No shell: the text goes to espeak-ng on stdin, never on its command line.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

from drivers.speech.speaker import SpeechFailed, SpeechUnavailable

__all__ = ["ENGLISH_FALLBACK", "VOICE", "EspeakSpeaker"]

VOICE = "cmn-latn-pinyin"
#: What ``espeak-ng -x`` prints where it switched to English for a word it could not read.
ENGLISH_FALLBACK = "(en)"
_TIMEOUT_S = 20.0
#: Shorter output is no speech (espeak-ng writes a header or a click for empty text).
_MIN_SECONDS = 0.05


class EspeakSpeaker:
    """:class:`drivers.speech.speaker.Speaker` over the ``espeak-ng`` program.

    ``program`` is the executable (default: ``espeak-ng`` on PATH); ``speed`` in
    words per minute (espeak's default is 175; elderly listeners want it slower);
    ``pitch`` 0–99; ``data_path`` the directory holding ``espeak-ng-data`` (default:
    the package's). Thread-safe: each call runs its own process.
    """

    def __init__(self, program: str = "espeak-ng", *, speed: int = 150, pitch: int = 50,
                 data_path: Path | None = None) -> None:
        self._program = program
        self._data = [f"--path={data_path}"] if data_path is not None else []
        self._speed = speed
        self._pitch = pitch
        self._voices: frozenset[str] | str | None = None

    def _path(self) -> str:
        path = shutil.which(self._program)
        if path is None:
            raise SpeechUnavailable(f"{self._program} is not installed (Debian: espeak-ng)")
        return path

    def _installed_voices(self) -> frozenset[str] | str:
        """The voice names ``espeak-ng --voices`` lists, or why it could not run."""
        if self._voices is None:
            try:
                listing = subprocess.run([self._path(), *self._data, "--voices"],
                                         capture_output=True,
                                         text=True, timeout=_TIMEOUT_S, check=False).stdout
                self._voices = frozenset(line.split()[1] for line in listing.splitlines()[1:]
                                         if len(line.split()) > 1)
            except (SpeechUnavailable, OSError, subprocess.TimeoutExpired) as exc:
                self._voices = str(exc) or type(exc).__name__
        return self._voices

    def why_unusable(self, voice: str = VOICE) -> str:
        """Empty if espeak-ng and its ``voice`` are there, else why not (English)."""
        voices = self._installed_voices()
        if isinstance(voices, str):
            return voices
        return "" if voice in voices else f"{self._program} has no voice {voice}"

    def is_usable(self, voice: str = VOICE) -> bool:
        """True if espeak-ng with ``voice`` (default ``cmn-latn-pinyin``) is installed."""
        return not self.why_unusable(voice)

    def _command(self, voice: str, *extra: str) -> list[str]:
        # -m: SSML, so an English text can switch to the pinyin voice for Chinese data.
        return [self._path(), *self._data, "-m", "-v", voice, "-s", str(self._speed),
                "-p", str(self._pitch), *extra]

    def _run(self, command: list[str], text: str) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True,
                                  timeout=_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise SpeechFailed(f"espeak-ng took longer than {_TIMEOUT_S:.0f} s") from None
        except OSError as exc:
            raise SpeechUnavailable(f"cannot run espeak-ng: {exc}") from None
        if done.returncode != 0:
            raise SpeechFailed(f"espeak-ng exited with status {done.returncode}: "
                               f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return done

    def synthesize(self, text: str, out: Path, *, voice: str = VOICE) -> Path:
        """Speak ``text`` with ``voice`` into the WAV file ``out`` (see :class:`Speaker`)."""
        self._run(self._command(voice, "-w", str(out)), text)
        try:
            with wave.open(str(out), "rb") as wav:
                seconds = wav.getnframes() / wav.getframerate()
        except (OSError, EOFError, wave.Error) as exc:
            raise SpeechFailed(f"espeak-ng wrote no readable WAV: {exc}") from None
        if seconds < _MIN_SECONDS:
            raise SpeechFailed(f"espeak-ng wrote {seconds:.3f} s of audio: nothing to say")
        return out

    def synthesize_stream(self, text: str, *, voice: str = VOICE) -> subprocess.Popen[bytes]:
        """Start speaking ``text`` as WAV on the returned process's stdout (the
        first bytes come before the whole text is synthesized). The caller reads
        and waits for it."""
        return subprocess.Popen(self._command(voice, "--stdout"), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def phonemes(self, text: str, *, voice: str = VOICE) -> str:
        """The phonemes espeak-ng would speak (``-x -q``); ``(en)`` in them marks a
        word the pinyin voice read as English."""
        return self._run(self._command(voice, "-x", "-q"), text).stdout.decode("utf-8", "replace")
