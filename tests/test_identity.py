"""GB 11643 ID numbers: check digit, normalisation, validation, hashing, masking."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity import (
    IdNumberError,
    IdProblem,
    check_digit,
    id_hash,
    mask_id,
    mask_id_numbers,
    normalise_id,
    validate_id,
)


@pytest.mark.parametrize(
    ("first17", "expected", "source"),
    [
        ("11010519491231002", "X", "GB 11643-1999 Annex A worked example"),
        ("44052418800101001", "4", "commonly cited example 440524188001010014"),
        ("43122619560322079", "X", "demo person 龙德贵"),
        ("43122619860420637", "9", "demo household 431226-0001 head"),
        ("00000000000000000", "1", "all zeros: sum 0 → index 0 → '1'"),
    ],
)
def test_check_digit(first17: str, expected: str, source: str) -> None:
    assert check_digit(first17) == expected, source


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (" 110105 19491231 002X\n", "11010519491231002X"),
        ("110105-19491231-002ｘ", "11010519491231002X"),
        ("110105\u300019491231002X", "11010519491231002X"),
    ],
)
def test_normalise(raw: str, normalised: str) -> None:
    assert normalise_id(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", IdProblem.EMPTY),
        ("   ", IdProblem.EMPTY),
        ("1101051949123100", IdProblem.LENGTH),
        ("1101051949123100211", IdProblem.LENGTH),
        ("11010519491231002Y", IdProblem.CHARACTERS),
        ("1101051949X231002X", IdProblem.CHARACTERS),
        ("110105194913310025", IdProblem.BIRTH_DATE),  # month 13
        ("110105189912310025", IdProblem.BIRTH_DATE),  # before 1900
        ("110105209912310021", IdProblem.BIRTH_DATE),  # in the future
        ("110105194912310021", IdProblem.CHECK_DIGIT),  # should end in X
        ("431226195603220791", IdProblem.CHECK_DIGIT),
    ],
)
def test_validate_refuses(raw: str, problem: IdProblem) -> None:
    with pytest.raises(IdNumberError) as info:
        validate_id(raw, today=date(2026, 11, 22))
    assert info.value.problem is problem
    # The message may be logged: it must never repeat the number.
    if normalise_id(raw):
        assert normalise_id(raw) not in str(info.value)


def test_validate_accepts_and_normalises() -> None:
    assert validate_id("11010519491231002x") == "11010519491231002X"


def test_hash_is_keyed_and_normalised() -> None:
    key = b"k" * 32
    h = id_hash(key, "11010519491231002X")
    assert h == id_hash(key, "１１０１０５１９４９１２３１００２ｘ")
    assert h != id_hash(b"j" * 32, "11010519491231002X")
    assert len(h) == 64 and int(h, 16) >= 0
    # Known answer, computed independently with `openssl dgst -sha256 -hmac`.
    assert id_hash(b"key", "11010519491231002X") == (
        "c702e187e6363f417304a7cb1ac993b0f8d3b0255ed35027ccd9ddc60b32b2d4"
    )


def test_hash_refuses_empty_key() -> None:
    with pytest.raises(ValueError, match="empty"):
        id_hash(b"", "11010519491231002X")


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("43122619560322079X", "4312**********079X"),
        ("431226195603220791", "4312**********0791"),
        ("H12345678", "H123*5678"),
        ("12345678", "********"),
        ("", ""),
    ],
)
def test_mask(raw: str, masked: str) -> None:
    assert mask_id(raw) == masked


@given(st.text(max_size=40))
def test_validate_never_raises_anything_else(raw: str) -> None:
    try:
        number = validate_id(raw)
    except IdNumberError:
        return
    assert len(number) == 18 and check_digit(number[:17]) == number[17]


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_every_check_digit_validates(first17: str) -> None:
    number = first17 + check_digit(first17)
    try:
        validate_id(number)
    except IdNumberError as exc:  # only the date part may be impossible
        assert exc.problem is IdProblem.BIRTH_DATE


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        pytest.param("身份证43122619560322079X号", "身份证4312**********079X号", id="plain"),
        pytest.param("431226 19560322 079x", "4312**********079X", id="spaced, lower x"),
        pytest.param("４３１２２６１９５６０３２２０７９Ｘ", "4312**********079X", id="full-width"),
        pytest.param("431226195603220791", "4312**********0791", id="wrong check digit too"),
        pytest.param("电话13800138000", "电话13800138000", id="phone untouched"),
        pytest.param("1234567890123456789", "1234567890123456789", id="19 digits is not an ID"),
    ],
)
def test_mask_id_numbers_in_free_text(text: str, masked: str) -> None:
    assert mask_id_numbers(text) == masked
