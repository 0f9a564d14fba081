"""Text → tone-numbered pinyin (kiosk.speech.pinyin): phrases, overrides, names, pauses."""

from __future__ import annotations

import pytest

from kiosk.speech.pinyin import DOMAIN_WORDS, SURNAMES, name_pinyin, to_pinyin


@pytest.mark.parametrize(("text", "pinyin", "why"), [
    ("银行", "yin2 hang2", "phrase-aware polyphone (行 alone is xing2)"),
    ("重新打印", "chong2 xin1 da3 yin4", "phrase-aware polyphone (重 alone is zhong4)"),
    ("名单", "ming2 dan1", "单 is dan1 outside a surname"),
    ("耕地地力保护补贴", "geng1 di4 di4 li4 bao3 hu4 bu3 tie1", "domain word 地力"),
    ("还有七百六十元待发放。", "hai2 you3 qi1 bai3 liu4 shi2 yuan2 dai4 fa1 fang4.",
     "还 as hai2; full stop kept as a pause"),
    ("请拨打一二三八八", "qing3 bo1 da3 yao1 er4 san1 ba1 ba1", "the hotline dialled, 1 as yao1"),
    ("打印好了！", "da3 yin4 hao3 le5.", "neutral tone as 5"),
    ("绿色", "lv4 se4", "ü written as v, as the voice reads it"),
    ("你好hello，123", "ni3 hao3,", "Latin and digits never reach the voice"),
    ("，，再见", "zai4 jian4", "no leading pause"),
])
def test_to_pinyin(text: str, pinyin: str, why: str) -> None:
    assert to_pinyin(text) == pinyin, why


@pytest.mark.parametrize(("name", "pinyin"), [
    ("单德贵", "shan4 de2 gui4"),
    ("曾国华", "zeng1 guo2 hua2"),
    ("解晓东", "xie4 xiao3 dong1"),
    ("区志坚", "ou1 zhi4 jian1"),
    ("仇建国", "qiu2 jian4 guo2"),
    ("查文清", "zha1 wen2 qing1"),
    ("尉迟恭", "yu4 chi2 gong1"),
    ("谭开生", "tan2 kai1 sheng1"),
])
def test_surnames(name: str, pinyin: str) -> None:
    assert name_pinyin(name) == pinyin


def test_a_name_in_text_takes_its_surname_but_the_word_elsewhere_does_not() -> None:
    assert to_pinyin("单德贵，您的名字在名单上。", names=["单德贵"]) == (
        "shan4 de2 gui4, nin2 de5 ming2 zi4 zai4 ming2 dan1 shang4.")
    assert to_pinyin("单德贵") == "dan1 de2 gui4"  # without the name: the dictionary's reading


def test_override_tables_hold_only_pinyin_syllables() -> None:
    for reading in (*SURNAMES.values(), *DOMAIN_WORDS.values()):
        assert all(s[-1] in "12345" and s[:-1].isalpha() for s in reading.split()), reading
    for word, reading in {**SURNAMES, **DOMAIN_WORDS}.items():
        assert len(reading.split()) == len(word), word
