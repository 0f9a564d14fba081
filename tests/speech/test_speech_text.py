"""What each screen says aloud (kiosk.speech.text): exact strings for real-looking
payment lists (speech/payments.py), computed by hand from the lists, not from the code."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.complaints import ComplaintStatus
from kiosk.speech.text import (
    FIXED_PROMPTS,
    benefits_text,
    complaint_filed_text,
    detail_text,
    error_text,
    my_complaints_text,
    notices_text,
    print_text,
)
from speech.payments import Payments, tan_kaisheng

_ASK = "如果有不对的地方，可以点投诉，也可以拨打一二三八八。"
def test_the_issues_example() -> None:
    assert benefits_text(tan_kaisheng().result(), name="谭开生") == (
        "谭开生，您二零二六年已经收到惠民资金一万零四百四十三元八角，还有七百六十元待发放。"
        "其中，农村最低生活保障金三千九百六十元，城乡居民基础养老金两千两百八十八元，"
        "生态公益林补偿一千五百三十元，耕地地力保护补贴一千两百五十五元八角，"
        "农村计划生育家庭奖励扶助金九百六十元，另外还有一项，请看屏幕。"
        "屏幕上还可以看二零二五年的记录。" + _ASK)


def test_an_earlier_year_on_screen() -> None:
    # 2025: 12 × 198.00 = 2 376.00 of pension, nothing pending.
    assert benefits_text(tan_kaisheng().result(), name="谭开生", year=2025) == (
        "谭开生，您二零二五年已经收到惠民资金两千三百七十六元。"
        "其中，城乡居民基础养老金两千三百七十六元。屏幕上还可以看二零二六年的记录。" + _ASK)
    with pytest.raises(ValueError, match="2019"):
        benefits_text(tan_kaisheng().result(), year=2019)


def test_returned_and_small_amounts_without_a_name() -> None:
    # A disability nursing allowance: January paid, February returned (closed bank card),
    # a 0.05 rounding top-up paid in March.
    p = Payments()
    p.add("CJ_HULI", date(2026, 1, 20), 8000)
    p.add("CJ_HULI", date(2026, 2, 20), 8000, "returned")
    p.add("CJ_HULI", date(2026, 3, 20), 5)
    assert benefits_text(p.result()) == (
        "您二零二六年已经收到惠民资金八十元零五分。其中，重度残疾人护理补贴八十元零五分。"
        "有八十元被退回，请向村里问清楚原因。" + _ASK)


def test_only_pending() -> None:
    p = Payments()
    p.add("GENGDI", date(2026, 11, 28), 52500, "pending")
    assert benefits_text(p.result(), name="龙秀英") == (
        "龙秀英，您二零二六年还没有收到惠民资金，有五百二十五元待发放。" + _ASK)


def test_nothing_on_record() -> None:
    assert benefits_text(Payments().result(), name="单德贵") == (
        "单德贵，没有查到您的补贴发放记录。如果您认为有误，可以在本机上投诉，或拨打一二三八八。")


def test_item_detail_reads_the_latest_three_and_the_standard() -> None:
    lines = [line for line in tan_kaisheng().lines if line.item_code == "GAOLING"]
    assert detail_text("高龄津贴", lines, standard="80–89 岁每人每月 50 元") == (
        "高龄津贴，一共有四笔记录，已经发放四百五十元。最近三笔："
        "二零二六年十二月二十五日，一百五十元，等待发放；"
        "二零二六年九月二十五日，一百五十元，已经发放；"
        "二零二六年六月二十五日，一百五十元，已经发放。"
        "发放标准：八十到八十九 岁每人每月 五十 元。")
    assert detail_text("高龄津贴", []) == "高龄津贴，一共有零笔记录。"


def test_notices() -> None:
    notices = [("公示", "2026年耕地地力保护补贴发放名单", date(2026, 11, 18)),
               ("政策", "高龄津贴标准调整", date(2026, 10, 1))]
    assert notices_text(notices) == (
        "现在有两条通知公告。第一条，公示，二零二六年耕地地力保护补贴发放名单，十一月十八日发布。"
        "第二条，政策，高龄津贴标准调整，十月一日发布。点一下标题可以看全文。")
    assert notices_text([]) == "现在没有通知公告。"
    many = notices * 3
    assert notices_text(many).startswith("现在有六条通知公告。")
    assert notices_text(many).endswith("其余的请看屏幕。点一下标题可以看全文。")


def test_complaints_receipt_and_errors() -> None:
    assert complaint_filed_text("QS01-000007") == (
        "您的投诉已经提交，编号是丘艾丝零一，零零零零零七。"
        "请记下编号或打印凭条。有了答复，再刷身份证就能听到。")
    replied = ComplaintStatus("QS01-000003", "not_received", "DIBAO", "十月的低保没到",
                              datetime(2026, 11, 2, 17, 30, tzinfo=UTC), "delivered",
                              "已核实，11月10日补发", datetime(2026, 11, 9, 2, 0, tzinfo=UTC))
    waiting = ComplaintStatus("QS01-000007", "wrong_amount", None, "", datetime(
        2026, 11, 19, 16, 5, tzinfo=UTC), "pending", None, None)
    reasons = {"not_received": "钱没有收到", "wrong_amount": "金额不对"}
    # 17:30 UTC on 2 November is 01:30 on 3 November in Beijing.
    assert my_complaints_text([replied, waiting], reasons) == (
        "您有两条投诉。第一条，十一月三日提交，钱没有收到，已经答复：已核实，十一月十日补发。"
        "第二条，十一月二十日提交，金额不对，正在办理，还没有答复。")
    assert my_complaints_text([], reasons) == "您还没有投诉记录。"
    assert print_text() == FIXED_PROMPTS["printed"]
    assert print_text("打印机没有纸了，不能打印。") == "打印机没有纸了，不能打印。"
    assert error_text("查询服务暂时不能使用，请拨打12388。") == (
        "查询服务暂时不能使用，请拨打一二三八八。")


def test_no_digit_reaches_the_engine() -> None:
    texts = [*FIXED_PROMPTS.values(), benefits_text(tan_kaisheng().result(), name="谭开生")]
    assert not [t for t in texts if any(ch.isdigit() for ch in t)]
