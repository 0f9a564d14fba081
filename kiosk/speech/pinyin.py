"""Chinese text → tone-numbered pinyin for espeak-ng's ``cmn-latn-pinyin`` voice.

Debian 12's default ``cmn`` voice reads some characters as English (龙 as "long
two"); the pinyin voice reads exactly what it is given, so the choice of reading
is made here: ``pypinyin`` picks phrase-aware readings (银行 yin2 hang2, 重新
chong2 xin1), and two override tables correct what a general dictionary gets
wrong for this kiosk:

- :data:`SURNAMES`: characters read differently as a surname (单 shan4, 曾 zeng1,
  解 xie4, 区 ou1, 仇 qiu2, 查 zha1 …), applied to the first character(s) of the
  card holder's name only (单 stays dan1 in 名单);
- :data:`DOMAIN_WORDS`: this domain's words (地力 di4 li4, 低保 di1 bao3; the
  hotline 一二三八八 with 1 as yao1, as numbers are dialled).

Punctuation becomes ``,`` or ``.`` (pauses); anything else that is not Chinese is
dropped, so no English fallback can reach the voice. The text should already
have its numbers in words (:mod:`kiosk.speech.numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["DOMAIN_WORDS", "SURNAMES", "name_pinyin", "to_pinyin"]

#: Surnames whose reading differs from the character's usual one (compound first).
SURNAMES: Mapping[str, str] = {
    "尉迟": "yu4 chi2", "万俟": "mo4 qi2", "长孙": "zhang3 sun1", "单于": "chan2 yu2",
    "单": "shan4", "曾": "zeng1", "解": "xie4", "区": "ou1", "仇": "qiu2", "查": "zha1",
    "朴": "piao2", "盖": "ge3", "覃": "qin2", "缪": "miao4", "翟": "zhai2", "乐": "yue4",
    "种": "chong2", "繁": "po2", "员": "yun4", "华": "hua4", "任": "ren2", "秘": "bi4",
    "宁": "ning4", "纪": "ji3", "召": "shao4", "薄": "bo2", "折": "she2", "卜": "bu3",
    "句": "gou1", "隗": "wei3", "阚": "kan4", "蕃": "pi2", "眭": "sui1", "冼": "xian3",
}

#: Words of this domain whose reading a general dictionary misses or gets wrong.
DOMAIN_WORDS: Mapping[str, str] = {
    "地力": "di4 li4",
    "低保": "di1 bao3",
    "五保": "wu3 bao3",
    "冒领": "mao4 ling3",
    "待发放": "dai4 fa1 fang4",
    "补发": "bu3 fa1",
    "一二三八八": "yao1 er4 san1 ba1 ba1",
    "特困": "te4 kun4",
    "危房": "wei1 fang2",
    "公益林": "gong1 yi4 lin2",
    "奖扶": "jiang3 fu2",
}

_PAUSE = {"，": ",", "、": ",", "；": ",", "：": ",", ",": ",", ";": ",", ":": ",",
          "。": ".", "！": ".", "？": ".", "!": ".", "?": ".", ".": "."}
_SYLLABLE = re.compile(r"[a-zü]+[1-5]")


def _pypinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.1 s to load

    # A callable may return a list (one item per character, so a pause mark stays
    # separate from the Latin text beside it); pypinyin's annotations say str only.
    split: Any = list
    return list(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors=split))


def name_pinyin(name: str) -> str:
    """A person's name in pinyin, the surname from :data:`SURNAMES` where it is there."""
    for length in (2, 1):
        surname = SURNAMES.get(name[:length])
        if surname:
            return " ".join([surname, *_pypinyin(name[length:])])
    return " ".join(_pypinyin(name))


def _words(text: str) -> list[str]:
    """Syllables and pause marks of a text holding no override."""
    out: list[str] = []
    for piece in _pypinyin(text):
        for part in piece.split():
            if _SYLLABLE.fullmatch(part.replace("v", "ü")):
                out.append(part)
            elif part in _PAUSE:
                out.append(_PAUSE[part])
    return out


def to_pinyin(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` as tone-numbered pinyin: ``谭开生，您`` → ``tan2 kai1 sheng1, nin2``.

    ``names`` are people's names that may occur in ``text`` (the card holder's):
    their surnames are read from :data:`SURNAMES`. Non-Chinese characters other
    than punctuation are dropped. Pure; loads pypinyin's dictionaries on first use.
    """
    fixed = {name: name_pinyin(name) for name in names if name}
    fixed.update({w: r for w, r in DOMAIN_WORDS.items() if w not in fixed})
    longest = sorted(fixed, key=len, reverse=True)
    out: list[str] = []
    plain_start = 0
    i = 0
    while i < len(text):
        word = next((w for w in longest if text.startswith(w, i)), None)
        if word is None:
            i += 1
            continue
        out += _words(text[plain_start:i])
        out += fixed[word].split()
        i += len(word)
        plain_start = i
    out += _words(text[plain_start:])
    return _join(out)


def _join(words: list[str]) -> str:
    text = ""
    for word in words:
        if word in (",", "."):
            if text and text[-1] not in ",.":
                text += word
        else:
            text += (" " if text else "") + word
    return text.lstrip(",.")

