"""kiosk.receipt: content, the long-history policy, and the QR signature."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from demo.village import DEMO_LOOKUP_KEY
from kiosk.lookup import STATUS_LABELS_ZH
from kiosk.money import to_capitals
from kiosk.receipt import (
    HOTLINE,
    QrCode,
    ReceiptError,
    ReceiptPolicy,
    Row,
    Text,
    build_receipt,
    receipt_blocks,
    verify_receipt_url,
)

from .conftest import lookup_result, make_receipt


def _texts(blocks: tuple[object, ...]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Text):
            out.append(b.text)
        elif isinstance(b, Row):
            out.append(f"{b.left} {b.right}")
    return "\n".join(out)


def test_receipt_carries_card_terminal_times_and_totals() -> None:
    result = lookup_result(range(2025, 2027))
    receipt = make_receipt(result, name="龙德贵", ticket="DEMO01-000042")
    assert receipt.holder_name == "龙德贵"
    assert receipt.masked_id == "4312**********079X"
    assert receipt.receipt_id == "DEMO01-20261121103000"  # Beijing time, not UTC
    assert receipt.total_paid_fen == sum(y.total_fen for y in result.years)
    text = _texts(receipt_blocks(receipt))
    for expected in ("龙德贵", "4312**********079X", "麻阳苗族自治县高村镇青山村",
                     "打印时间：2026-11-21 10:30", "数据更新：2026-11-20 08:00",
                     "投诉受理号：DEMO01-000042", HOTLINE,
                     f"大写：{to_capitals(receipt.total_paid_fen)}",
                     "城乡居民基础养老金", "3月  03-15  已发放 ¥208.00",
                     "耕地地力保护补贴（户）", "2026年度  06-20  待发放 ¥363.80",
                     "2025年 已发放 ¥2,859.80"):
        assert expected in text, expected


def test_no_ticket_no_ticket_line_and_empty_history_says_so() -> None:
    empty = make_receipt(lookup_result(range(0)))
    text = _texts(receipt_blocks(empty))
    assert "投诉受理号" not in text
    assert "没有查到您的补贴发放记录" in text
    assert empty.total_paid_fen == 0


def test_twenty_years_print_newest_in_full_and_older_as_one_line_each() -> None:
    receipt = make_receipt(lookup_result(range(2007, 2027)))  # 13 payments a year
    detailed = [y.year for y in receipt.years if y.detailed]
    summarised = [y.year for y in receipt.years if not y.detailed]
    # 2026 + 2025 = 26 lines ≤ 40: both in full; everything older one line each.
    assert detailed == [2026, 2025]
    assert summarised == list(range(2024, 2006, -1))
    assert receipt.line_count == 26
    blocks = receipt_blocks(receipt)
    assert len(blocks) < 26 * 3 + 20 + 30  # bounded however long the history
    assert "2007年 共13笔 ¥2,859.80" in _texts(blocks)


def test_policy_budget_keeps_newest_year_even_if_it_alone_is_long() -> None:
    receipt = make_receipt(lookup_result(range(2020, 2027)),
                           policy=ReceiptPolicy(detail_years=3, max_detail_lines=5))
    assert [y.year for y in receipt.years if y.detailed] == [2026]


def test_naive_print_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        build_receipt(lookup_result(range(2026, 2027)), holder_name="x", masked_id="x",
                      terminal_code="T1", terminal_id="T-1", village="", township="",
                      county="", printed_at=datetime(2026, 1, 1), lookup_key=DEMO_LOOKUP_KEY,
                      verify_base_url="http://x", status_labels=STATUS_LABELS_ZH)


def test_qr_url_verifies_with_the_lookup_key() -> None:
    receipt = make_receipt(lookup_result(range(2025, 2027)))
    qr = [b for b in receipt_blocks(receipt) if isinstance(b, QrCode)]
    assert len(qr) == 1 and qr[0].data == receipt.verify_url
    claim = verify_receipt_url(receipt.verify_url, DEMO_LOOKUP_KEY)
    assert claim.receipt_id == receipt.receipt_id
    assert claim.terminal_id == "DEMO-0001"
    assert claim.masked_id == receipt.masked_id
    assert claim.total_paid_fen == receipt.total_paid_fen


def _altered(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query[key] = value
    return parts._replace(query="&".join(f"{k}={v}" for k, v in query.items())).geturl()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda u: _altered(u, "t", "99999999"), "receipt.bad_signature"),   # total raised
        (lambda u: _altered(u, "m", "1111**********1111"), "receipt.bad_signature"),
        (lambda u: u.replace("/r/DEMO01-", "/r/DEMO02-"), "receipt.bad_signature"),
        (lambda u: _altered(u, "s", "A" * 22), "receipt.bad_signature"),
        (lambda u: _altered(u, "v", "9"), "receipt.version"),
        (lambda u: _altered(u, "t", "12.5"), "receipt.bad_url"),
        (lambda u: u.split("?")[0], "receipt.bad_url"),
        (lambda u: u.replace("/r/", "/x/"), "receipt.bad_url"),
    ],
    ids=["total", "masked-id", "receipt-id", "signature", "version", "total-not-int",
         "no-query", "not-receipt-path"],
)
def test_altered_urls_are_refused(change: Callable[[str], str], code: str) -> None:
    receipt = make_receipt(lookup_result(range(2026, 2027)))
    with pytest.raises(ReceiptError) as info:
        verify_receipt_url(change(receipt.verify_url), DEMO_LOOKUP_KEY)
    assert info.value.code == code
    # The code travels as an attribute; the message says what is wrong, once.
    assert "receipt." not in str(info.value)
    assert str(info.value)


def test_other_key_does_not_verify() -> None:
    receipt = make_receipt(lookup_result(range(2026, 2027)))
    with pytest.raises(ReceiptError) as info:
        verify_receipt_url(receipt.verify_url, b"another county's lookup key 123")
    assert info.value.code == "receipt.bad_signature"
