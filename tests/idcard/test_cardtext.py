"""Text block layouts: exact offsets, the JSON contract and decoding errors."""

from __future__ import annotations

from typing import Any

import pytest

from demo.village import DemoVillage, card_profile, iter_profiles
from drivers.idcard.cardtext import (
    TEXT_SIZE,
    CardType,
    ForeignCard,
    HmtCard,
    ResidentCard,
    card_from_profile,
    card_type_of,
    decode_text,
    encode_text,
)
from drivers.idcard.errors import CardDataError
from drivers.idcard.nations import NATIONS, nation_code, nation_name


def u(text: str) -> bytes:
    return text.encode("utf-16-le")


FOREIGN: dict[str, Any] = {
    "card_type": "foreign", "name": "马丁", "sex": "男", "nation": "", "birth": "19800704",
    "address": "", "id_number": "CAN310080070401", "issuer": "公安部",
    "valid_from": "20190101", "valid_to": "20290101", "name_en": "MARTIN, JOHN",
    "nationality": "CAN",
}
HMT: dict[str, Any] = {
    "card_type": "hmt", "name": "陈美玲", "sex": "女", "nation": "", "birth": "19900512",
    "address": "湖南省麻阳苗族自治县高村镇锦江路1号", "id_number": "810000199005120020",
    "issuer": "麻阳苗族自治县公安局", "valid_from": "20210301", "valid_to": "20260301",
    "pass_number": "H12345678", "issue_count": "01",
}


@pytest.fixture(scope="module")
def village_profiles(demo_village: DemoVillage) -> list[dict[str, str]]:
    return [profile for _stem, profile in iter_profiles(demo_village)]


def test_every_demo_card_round_trips_to_card_profile(
        village_profiles: list[dict[str, str]]) -> None:
    for profile in village_profiles:
        text = encode_text(card_from_profile(profile))
        assert len(text) == TEXT_SIZE
        assert decode_text(text).to_json() == profile


def test_demo_rare_character_and_x_check_digit_survive(demo_village: DemoVillage) -> None:
    by_name = {p.name: p for p in demo_village.people}
    for name in ("刘䶮", "龙德贵"):
        profile = card_profile(by_name[name])
        card = decode_text(encode_text(card_from_profile(profile)))
        assert card.to_json() == profile
    assert by_name["龙德贵"].id_number.endswith("X")


# (label, field, offset, bytes) — offsets from the GA 467 resident layout (DESIGN.md §4).
RESIDENT = ResidentCard(name="龙德贵", sex="男", nation="苗", birth="19560322",
                        address="湖南省麻阳苗族自治县", id_number="43122619560322079X",
                        issuer="麻阳苗族自治县公安局", valid_from="20100101", valid_to="长期")
RESIDENT_OFFSETS = [
    ("name: 30 bytes at 0, space padded", 0, u("龙德贵") + u(" ") * 12),
    ("sex code '1' at 30", 30, u("1")),
    ("nation code '06' (苗) at 32", 32, u("06")),
    ("birth at 36", 36, u("19560322")),
    ("address: 70 bytes at 52", 52, u("湖南省麻阳苗族自治县") + u(" ") * 25),
    ("ID number at 122, X as UCS-2 'X'", 122, u("43122619560322079X")),
    ("issuer at 158", 158, u("麻阳苗族自治县公安局")),
    ("valid from at 188", 188, u("20100101")),
    ("valid to 长期 at 204, padded", 204, u("长期") + u(" ") * 6),
    ("type flag blank at 248", 248, u(" ")),
]


@pytest.mark.parametrize(("label", "offset", "expected"), RESIDENT_OFFSETS,
                         ids=[r[0] for r in RESIDENT_OFFSETS])
def test_resident_layout_offsets(label: str, offset: int, expected: bytes) -> None:
    assert encode_text(RESIDENT)[offset:offset + len(expected)] == expected, label


def test_foreign_layout() -> None:
    text = encode_text(card_from_profile(FOREIGN))
    assert text[0:24] == u("MARTIN, JOHN")
    assert text[120:122] == u("1")
    assert text[122:152] == u("CAN310080070401")
    assert text[152:158] == u("CAN")
    assert text[158:162] == u("马丁")
    assert text[240:248] == u("1500")  # authority code of 公安部
    assert text[248:250] == u("I")
    card = decode_text(text)
    assert isinstance(card, ForeignCard) and card.card_type is CardType.FOREIGN
    assert card.to_json() == FOREIGN


def test_hmt_layout() -> None:
    text = encode_text(card_from_profile(HMT))
    assert text[220:238] == u("H12345678")
    assert text[238:242] == u("01")
    assert text[248:250] == u("J")
    card = decode_text(text)
    assert isinstance(card, HmtCard)
    assert card.to_json() == HMT


def test_photo_is_kept_as_bytes() -> None:
    photo = bytes(range(256)) * 4
    card = decode_text(encode_text(RESIDENT), photo)
    assert card.photo == photo
    assert "photo" not in repr(card)


def test_nation_table() -> None:
    assert len(NATIONS) == 58
    assert (NATIONS["01"], NATIONS["56"], NATIONS["97"], NATIONS["98"]) == (
        "汉", "基诺", "其他", "外国血统中国籍人士")
    assert nation_code("土家族") == "15" and nation_name("15") == "土家"
    with pytest.raises(CardDataError):
        nation_name("57")
    with pytest.raises(CardDataError):
        nation_code("火星")


def _patch(text: bytes, offset: int, value: bytes) -> bytes:
    return text[:offset] + value + text[offset + len(value):]


GOOD = encode_text(RESIDENT)
BAD_TEXTS = [
    ("short block", GOOD[:200], "length"),
    ("unknown type flag Z", _patch(GOOD, 248, u("Z")), "card_type"),
    ("lone surrogate in the name", _patch(GOOD, 0, b"\x00\xd8"), "encoding"),
    ("sex code 7", _patch(GOOD, 30, u("7")), "sex"),
    ("nation code 77", _patch(GOOD, 32, u("77")), "nation"),
    ("birth not a date", _patch(GOOD, 36, u("1956O322")), "date"),
    ("ID check digit wrong", _patch(GOOD, 156, u("1")), "id_number"),
]


@pytest.mark.parametrize(("label", "text", "problem"), BAD_TEXTS, ids=[b[0] for b in BAD_TEXTS])
def test_bad_text_blocks(label: str, text: bytes, problem: str) -> None:
    with pytest.raises(CardDataError) as info:
        decode_text(text)
    assert info.value.problem == problem, label


def test_encode_refuses_what_does_not_fit() -> None:
    with pytest.raises(CardDataError):
        encode_text(ResidentCard(**{**vars(RESIDENT), "name": "长" * 16}))
    with pytest.raises(CardDataError):
        card_from_profile({"card_type": "alien"})
    assert card_type_of(bytes(TEXT_SIZE)) is CardType.RESIDENT
