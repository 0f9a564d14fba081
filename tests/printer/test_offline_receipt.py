"""The receipt as offline text: what the screen's QR code carries when printing fails."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from demo.village import DEMO_LOOKUP_KEY
from kiosk.receipt import ReceiptError, verify_receipt_url
from kiosk.receipt.offline import MAX_YEARS, mask_name, offline_text, verify_offline_text
from ui.printing import qr_png

from .conftest import lookup_result, make_receipt


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}元"


@pytest.mark.parametrize(("name", "masked"), [
    ("谭开生", "谭*生"), ("李四", "李*"), ("欧阳小明", "欧**明"), ("刘䶮", "刘*"),
    ("王", "王"), (" 龙德贵 ", "龙*贵"), ("", "")])
def test_names_are_masked_for_strangers(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_text_holds_masked_holder_years_total_time_and_signature() -> None:
    receipt = make_receipt(lookup_result(range(2024, 2027)), name="龙德贵")
    lines = offline_text(receipt).splitlines()
    assert lines[1] == "龙*贵  身份证 4312**********079X"
    years = [line for line in lines if line[:4].isdigit() and line[4] == "年"]
    assert [int(line[:4]) for line in years] == [2026, 2025, 2024]
    newest = receipt.years[0]
    assert years[0].startswith(f"2026年 已发{_yuan(newest.paid_fen)}")
    assert newest.pending_fen > 0 and f"待发{_yuan(newest.pending_fen)}" in years[0]
    assert f"合计已发 {_yuan(receipt.total_paid_fen)}" in lines
    assert "数据时间 2026-11-20 08:00" in lines  # Beijing time, as on the printed receipt
    assert f"凭条号 {receipt.receipt_id}" in lines and "终端 DEMO-0001" in lines
    # The same signature as the printed receipt's link, so the county checks either.
    signature = verify_receipt_url(receipt.verify_url, DEMO_LOOKUP_KEY)
    assert f"校验码 {receipt.verify_url.rsplit('&s=', 1)[1]}" in lines
    assert verify_offline_text(offline_text(receipt), DEMO_LOOKUP_KEY) == signature
    # Never a name in full nor a link a village phone cannot open.
    assert "龙德贵" not in offline_text(receipt) and "http" not in offline_text(receipt)


def test_long_histories_list_the_newest_years_and_stay_small() -> None:
    receipt = make_receipt(lookup_result(range(2007, 2027)))
    text = offline_text(receipt)
    assert f"更早{20 - MAX_YEARS}年见打印凭条" in text
    newest = 2026 - MAX_YEARS + 1
    assert f"{newest}年" in text and f"{newest - 1}年" not in text
    assert len(text.encode("utf-8")) < 360


def test_the_qr_code_a_phone_scans_is_the_text_itself() -> None:
    receipt = make_receipt(lookup_result(range(2007, 2027)), name="谭开生")
    text = offline_text(receipt)
    found = decode(Image.open(io.BytesIO(qr_png(text))))
    assert len(found) == 1 and found[0].data.decode("utf-8") == text


@pytest.mark.parametrize(("change", "code"), [
    (lambda t: t.replace("合计已发 ", "合计已发 9"), "receipt.bad_signature"),
    (lambda t: t.replace("4312**********079X", "4312**********0791"), "receipt.bad_signature"),
    (lambda t: t.replace("终端 DEMO-0001", "终端 DEMO-0002"), "receipt.bad_signature"),
    (lambda t: "\n".join(x for x in t.splitlines() if not x.startswith("校验码")),
     "receipt.bad_url"),
    (lambda t: t.replace("合计已发 ", "合计已发 约"), "receipt.bad_url"),
    (lambda t: t + "\n凭条号 X", "receipt.bad_url"),
])
def test_altered_text_is_refused(change: object, code: str) -> None:
    text = offline_text(make_receipt(lookup_result(range(2025, 2027))))
    assert callable(change)
    with pytest.raises(ReceiptError) as caught:
        verify_offline_text(change(text), DEMO_LOOKUP_KEY)
    assert caught.value.code == code
