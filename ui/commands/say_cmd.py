"""`kiosk say ID_NUMBER [--name NAME] [--lang zh_CN|en|ug] (--out FILE.wav | --text | --pinyin)`.

The spoken benefits summary of the benefits screen, for clerks checking the voice
and for tests: ``--text`` prints the text, ``--pinyin`` what the voice is given
(pinyin, or SSML for English and Uyghur), ``--out`` writes the WAV espeak-ng makes of it.
``--lang`` is the screens' language (default Chinese), which the speech follows
(kiosk.speech.markup.SPEECH_LANGUAGES). Lives in ``ui/`` because it
joins the lookup (``kiosk/``) to the speech driver (``drivers/``); imports neither
at the top, so `kiosk --help` stays light.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import CliError, Subparsers, add_common_options
from kiosk.textsafe import say

__all__ = ["register"]


def register(sub: Subparsers) -> None:
    """Add the `say` command."""
    p = sub.add_parser("say", help="the benefits summary the screen reads aloud, as WAV or text")
    p.add_argument("id_number", metavar="ID_NUMBER", help="18-character resident ID number")
    p.add_argument("--name", default="", help="holder's name as on the card (spoken first)")
    p.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en", "ug"),
                   help="the screens' language (default: zh_CN)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", type=Path, metavar="FILE.wav", help="write the speech as WAV")
    what.add_argument("--text", action="store_true", help="print the text that is spoken")
    what.add_argument("--pinyin", action="store_true", help="print the pinyin the voice reads")
    add_common_options(p)
    p.set_defaults(handler=_say)


def _say(args: argparse.Namespace) -> int:
    from kiosk.cli.lookup import run_lookup
    from kiosk.speech.markup import engine_input, speech_language
    from kiosk.speech.text import benefits_text
    from kiosk.speech.texts import TRANSLATED_TEXTS

    language = speech_language(args.lang)
    texts = TRANSLATED_TEXTS.get(language)
    summary = benefits_text if texts is None else texts.benefits
    text = summary(run_lookup(args), name=args.name)
    if args.text:
        say(text)
        return 0
    given = engine_input(text, language, names=[args.name])
    if args.pinyin:
        say(given.text)
        return 0
    from drivers.speech import EspeakSpeaker, SpeechError

    speaker = EspeakSpeaker()
    if not speaker.is_usable(given.voice):
        raise CliError(f"no speech engine: {speaker.why_unusable(given.voice)}")
    try:
        speaker.synthesize(given.text, args.out, voice=given.voice)
    except SpeechError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    say(f"wrote {args.out}")
    return 0
