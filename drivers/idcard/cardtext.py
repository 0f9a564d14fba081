"""The 256-byte text block of a card (UCS-2LE) ⇄ frozen dataclasses, no I/O.

Three layouts share the block; the character at byte 248 tells them apart:
blank = resident ID card (居民身份证), ``I`` = foreign permanent resident ID
card (外国人永久居留身份证, 2017 layout), ``J`` = Hong Kong/Macau/Taiwan
residence permit (港澳台居民居住证). Every field is space-padded UCS-2LE text.
The 1024-byte photo is kept as the card's WLT bytes (see
:mod:`drivers.idcard.photo`).

``to_json()`` gives the public JSON contract of a read (DESIGN.md §4); for the
demo people it equals :func:`demo.village.card_profile`.
:func:`card_from_profile` and :func:`encode_text` are the inverse, used by the
emulators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, TypeAlias

from drivers.idcard.errors import CardDataError
from drivers.idcard.nations import nation_code, nation_name
from kiosk.identity import IdNumberError, validate_id

__all__ = [
    "LONG_TERM",
    "PHOTO_SIZE",
    "TEXT_SIZE",
    "CardType",
    "ForeignCard",
    "HmtCard",
    "IdCard",
    "ResidentCard",
    "card_from_profile",
    "decode_text",
    "encode_text",
]

TEXT_SIZE = 256
PHOTO_SIZE = 1024
TYPE_OFFSET = 248
#: valid_to of a card that does not expire (cards of people aged 46 and over).
LONG_TERM = "长期"

_SEX = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}  # GB/T 2261.1 codes
_SEX_CODES = {name: code for code, name in _SEX.items()}
# Issuing authority codes on foreign permanent resident cards.
_AUTHORITIES = {"1500": "公安部"}
_AUTHORITY_CODES = {name: code for code, name in _AUTHORITIES.items()}
_DATE = re.compile(r"\d{8}")


class CardType(Enum):
    """Which layout a card's text block uses; the value is the JSON ``card_type``."""

    RESIDENT = "resident"
    FOREIGN = "foreign"
    HMT = "hmt"


# (field, size in bytes); each layout sums to TEXT_SIZE. Field names starting
# with "_" are reserved space; "_type" holds the type flag at byte 248.
_RESIDENT_LAYOUT = (
    ("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("issuer", 30), ("valid_from", 16), ("valid_to", 16),
    ("_reserved", 28), ("_type", 2), ("_reserved2", 6),
)
_FOREIGN_LAYOUT = (
    ("name_en", 120), ("sex", 2), ("id_number", 30), ("nationality", 6), ("name", 30),
    ("valid_from", 16), ("valid_to", 16), ("birth", 16), ("version", 4), ("issuer", 8),
    ("_type", 2), ("_reserved", 6),
)
_HMT_LAYOUT = (
    ("name", 30), ("sex", 2), ("_reserved", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("issuer", 30), ("valid_from", 16), ("valid_to", 16),
    ("pass_number", 18), ("issue_count", 4), ("_reserved2", 6), ("_type", 2),
    ("_reserved3", 6),
)
_TYPE_FLAGS = {CardType.RESIDENT: " ", CardType.FOREIGN: "I", CardType.HMT: "J"}
_LAYOUTS = {CardType.RESIDENT: _RESIDENT_LAYOUT, CardType.FOREIGN: _FOREIGN_LAYOUT,
            CardType.HMT: _HMT_LAYOUT}


@dataclass(frozen=True)
class ResidentCard:
    """A resident ID card (居民身份证). Dates are YYYYMMDD; ``valid_to`` may be 长期."""

    card_type: ClassVar[CardType] = CardType.RESIDENT
    name: str
    sex: str
    nation: str
    birth: str
    address: str
    id_number: str
    issuer: str
    valid_from: str
    valid_to: str
    photo: bytes = field(default=b"", repr=False)

    def to_json(self) -> dict[str, str]:
        """The public JSON contract of a read (DESIGN.md §4)."""
        return {"card_type": self.card_type.value, "name": self.name, "sex": self.sex,
                "nation": self.nation, "birth": self.birth, "address": self.address,
                "id_number": self.id_number, "issuer": self.issuer,
                "valid_from": self.valid_from, "valid_to": self.valid_to}


@dataclass(frozen=True)
class ForeignCard:
    """A foreign permanent resident ID card; ``id_number`` is the 15-char permit number."""

    card_type: ClassVar[CardType] = CardType.FOREIGN
    name: str
    name_en: str
    sex: str
    nationality: str  # ISO 3166-1 alpha-3, e.g. "CAN"
    birth: str
    id_number: str
    issuer: str
    valid_from: str
    valid_to: str
    version: str = "01"
    photo: bytes = field(default=b"", repr=False)

    def to_json(self) -> dict[str, str]:
        """The public JSON contract; a foreign card has no nation or address."""
        return {"card_type": self.card_type.value, "name": self.name, "sex": self.sex,
                "nation": "", "birth": self.birth, "address": "",
                "id_number": self.id_number, "issuer": self.issuer,
                "valid_from": self.valid_from, "valid_to": self.valid_to,
                "name_en": self.name_en, "nationality": self.nationality}


@dataclass(frozen=True)
class HmtCard:
    """A Hong Kong/Macau/Taiwan residence permit (number starts 81/82/83)."""

    card_type: ClassVar[CardType] = CardType.HMT
    name: str
    sex: str
    birth: str
    address: str
    id_number: str
    issuer: str
    valid_from: str
    valid_to: str
    pass_number: str  # 通行证号码
    issue_count: str  # 签发次数, two digits
    photo: bytes = field(default=b"", repr=False)

    def to_json(self) -> dict[str, str]:
        """The public JSON contract; a residence permit has no nation."""
        return {"card_type": self.card_type.value, "name": self.name, "sex": self.sex,
                "nation": "", "birth": self.birth, "address": self.address,
                "id_number": self.id_number, "issuer": self.issuer,
                "valid_from": self.valid_from, "valid_to": self.valid_to,
                "pass_number": self.pass_number, "issue_count": self.issue_count}


IdCard: TypeAlias = ResidentCard | ForeignCard | HmtCard


def _split(text: bytes, layout: tuple[tuple[str, int], ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    offset = 0
    for name, size in layout:
        raw = text[offset:offset + size]
        offset += size
        try:
            value = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            raise CardDataError("encoding", f"field {name} is not valid UCS-2") from None
        out[name] = value.rstrip(" \x00")
    return out


def _date(fields: dict[str, str], key: str, *, long_term: bool = False) -> str:
    value = fields[key]
    if long_term and value == LONG_TERM:
        return value
    if not _DATE.fullmatch(value):
        raise CardDataError("date", f"field {key} is not YYYYMMDD")
    return value


def _sex(code: str) -> str:
    try:
        return _SEX[code]
    except KeyError:
        raise CardDataError("sex", f"unknown sex code {code!r}") from None


def _id_number(value: str) -> str:
    try:
        return validate_id(value)
    except IdNumberError as exc:
        raise CardDataError("id_number", f"ID number on card invalid ({exc.problem.value})") \
            from None


def card_type_of(text: bytes) -> CardType:
    """The layout of a text block, from the flag at byte 248.

    Raises :class:`CardDataError` (problem ``card_type``) for an unknown flag.
    """
    flag = text[TYPE_OFFSET:TYPE_OFFSET + 2]
    if flag in (b" \x00", b"\x00\x00"):
        return CardType.RESIDENT
    if flag == b"I\x00":
        return CardType.FOREIGN
    if flag == b"J\x00":
        return CardType.HMT
    raise CardDataError("card_type", f"unknown card type flag {flag.hex()}")


def decode_text(text: bytes, photo: bytes = b"") -> IdCard:
    """Decode a 256-byte text block (and keep ``photo`` as is).

    Checks field encodings, dates, sex and nation codes and, for resident and
    HMT cards, the GB 11643 check digit. Raises :class:`CardDataError`.
    """
    if len(text) != TEXT_SIZE:
        raise CardDataError("length", f"text block of {len(text)} bytes, expected {TEXT_SIZE}")
    kind = card_type_of(text)
    f = _split(text, _LAYOUTS[kind])
    if kind is CardType.FOREIGN:
        return ForeignCard(
            name=f["name"], name_en=f["name_en"], sex=_sex(f["sex"]),
            nationality=f["nationality"], birth=_date(f, "birth"), id_number=f["id_number"],
            issuer=_AUTHORITIES.get(f["issuer"], f["issuer"]),
            valid_from=_date(f, "valid_from"), valid_to=_date(f, "valid_to", long_term=True),
            version=f["version"], photo=photo)
    common: dict[str, Any] = dict(
        name=f["name"], sex=_sex(f["sex"]), birth=_date(f, "birth"), address=f["address"],
        id_number=_id_number(f["id_number"]), issuer=f["issuer"],
        valid_from=_date(f, "valid_from"), valid_to=_date(f, "valid_to", long_term=True),
        photo=photo)
    if kind is CardType.HMT:
        return HmtCard(pass_number=f["pass_number"], issue_count=f["issue_count"], **common)
    return ResidentCard(nation=nation_name(f["nation"]), **common)


def _pack(values: dict[str, str], layout: tuple[tuple[str, int], ...]) -> bytes:
    out = bytearray()
    for name, size in layout:
        raw = values.get(name, "").encode("utf-16-le")
        if len(raw) > size:
            raise CardDataError("too_long", f"field {name} needs {len(raw)} of {size} bytes")
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    return bytes(out)


def encode_text(card: IdCard) -> bytes:
    """The 256-byte text block for ``card`` (inverse of :func:`decode_text`).

    Raises :class:`CardDataError` if a field does not fit or has no card code.
    """
    values = {k: v for k, v in vars(card).items() if isinstance(v, str)}
    values["_type"] = _TYPE_FLAGS[card.card_type]
    values["sex"] = _code(_SEX_CODES, card.sex, "sex")
    if isinstance(card, ResidentCard):
        values["nation"] = nation_code(card.nation)
    if isinstance(card, ForeignCard):
        values["issuer"] = _AUTHORITY_CODES.get(card.issuer, card.issuer)
    return _pack(values, _LAYOUTS[card.card_type])


def _code(table: dict[str, str], value: str, what: str) -> str:
    try:
        return table[value]
    except KeyError:
        raise CardDataError(what, f"no card code for {value!r}") from None


def card_from_profile(profile: dict[str, Any], photo: bytes = b"") -> IdCard:
    """A card from its JSON contract dict (a demo card profile, a `read --json` output).

    Raises :class:`CardDataError` (problem ``profile``) for a missing key or unknown type.
    """
    try:
        kind = CardType(profile.get("card_type", "resident"))
        common = {k: str(profile[k]) for k in ("name", "sex", "birth", "id_number", "issuer",
                                                "valid_from", "valid_to")}
        if kind is CardType.RESIDENT:
            return ResidentCard(nation=str(profile["nation"]), address=str(profile["address"]),
                                photo=photo, **common)
        if kind is CardType.FOREIGN:
            return ForeignCard(name_en=str(profile["name_en"]),
                               nationality=str(profile["nationality"]), photo=photo, **common)
        return HmtCard(address=str(profile["address"]), pass_number=str(profile["pass_number"]),
                       issue_count=str(profile["issue_count"]), photo=photo, **common)
    except (KeyError, ValueError) as exc:
        raise CardDataError("profile", f"card profile lacks or mislabels {exc}") from None
