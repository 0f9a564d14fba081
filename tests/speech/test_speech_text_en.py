"""What each screen says aloud in English (kiosk.speech.text_en): exact strings for the
real-looking payment lists of speech/payments.py (the same as the Mandarin tests',
test_speech_text.py), written out by hand from the lists."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.complaints import ComplaintStatus
from kiosk.speech.text import FIXED_PROMPTS
from kiosk.speech.text_en import (
    FIXED_PROMPTS_EN,
    benefits_text_en,
    complaint_filed_text_en,
    detail_text_en,
    error_text_en,
    my_complaints_text_en,
    notice_text_en,
    notices_text_en,
    print_text_en,
)
from speech.payments import Payments, tan_kaisheng

_ASK = "If anything is wrong, tap Complain, or call one two three eight eight."


def test_the_issues_example_in_english() -> None:
    assert benefits_text_en(tan_kaisheng().result(), name="谭开生") == (
        "谭开生, in twenty twenty-six you have received ten thousand four hundred and "
        "forty-three yuan and eighty fen in benefits, and seven hundred and sixty yuan is "
        "still to be paid. Of this: 农村最低生活保障金, three thousand nine hundred and sixty "
        "yuan; 城乡居民基础养老金, two thousand two hundred and eighty-eight yuan; "
        "生态公益林补偿, one thousand five hundred and thirty yuan; 耕地地力保护补贴, one "
        "thousand two hundred and fifty-five yuan and eighty fen; 农村计划生育家庭奖励扶助金, "
        "nine hundred and sixty yuan; and one more item, see the screen. The screen also "
        "shows the records of twenty twenty-five. " + _ASK)


def test_an_earlier_year_on_screen() -> None:
    assert benefits_text_en(tan_kaisheng().result(), name="谭开生", year=2025) == (
        "谭开生, in twenty twenty-five you have received two thousand three hundred and "
        "seventy-six yuan in benefits. Of this: 城乡居民基础养老金, two thousand three hundred "
        "and seventy-six yuan. The screen also shows the records of twenty twenty-six. " + _ASK)
    with pytest.raises(ValueError, match="2019"):
        benefits_text_en(tan_kaisheng().result(), year=2019)


def test_returned_and_small_amounts_without_a_name() -> None:
    p = Payments()
    p.add("CJ_HULI", date(2026, 1, 20), 8000)
    p.add("CJ_HULI", date(2026, 2, 20), 8000, "returned")
    p.add("CJ_HULI", date(2026, 3, 20), 5)
    assert benefits_text_en(p.result()) == (
        "In twenty twenty-six you have received eighty yuan and five fen in benefits. "
        "Of this: 重度残疾人护理补贴, eighty yuan and five fen. Eighty yuan was returned; "
        "please ask the village why. " + _ASK)


def test_only_pending_and_nothing_on_record() -> None:
    p = Payments()
    p.add("GENGDI", date(2026, 11, 28), 52500, "pending")
    assert benefits_text_en(p.result(), name="龙秀英") == (
        "龙秀英, in twenty twenty-six you have not received any benefits yet; five hundred "
        "and twenty-five yuan is waiting to be paid. " + _ASK)
    assert benefits_text_en(Payments().result(), name="单德贵") == (
        "单德贵, no benefit payments were found for you. If you think this is wrong, you can "
        "complain on this kiosk, or call one two three eight eight.")


def test_item_detail_reads_the_latest_three_and_the_standard() -> None:
    lines = [line for line in tan_kaisheng().lines if line.item_code == "GAOLING"]
    assert detail_text_en("高龄津贴", lines, standard="80–89 岁每人每月 50 元") == (
        "高龄津贴: four payments on record, four hundred and fifty yuan paid. The latest "
        "three: December twenty-fifth, twenty twenty-six, one hundred and fifty yuan, waiting "
        "to be paid; September twenty-fifth, twenty twenty-six, one hundred and fifty yuan, "
        "paid; June twenty-fifth, twenty twenty-six, one hundred and fifty yuan, paid. "
        "Standard: 八十到八十九 岁每人每月 五十 元.")
    assert detail_text_en("高龄津贴", lines[:1]) == (
        "高龄津贴: one payment on record, one hundred and fifty yuan paid. The latest: "
        "March twenty-fifth, twenty twenty-six, one hundred and fifty yuan, paid.")
    assert detail_text_en("高龄津贴", []) == "高龄津贴: zero payments on record."


def test_notices() -> None:
    notices = [("Public list", "2026年耕地地力保护补贴发放名单", date(2026, 11, 18)),
               ("Policy", "高龄津贴标准调整", date(2026, 10, 1))]
    assert notices_text_en(notices) == (
        "There are two notices. Number one, Public list, 二零二六年耕地地力保护补贴发放名单, "
        "published November eighteenth. Number two, Policy, 高龄津贴标准调整, published "
        "October first. Tap a title to read it in full.")
    assert notices_text_en(notices[:1]).startswith("There is one notice. Number one,")
    assert notices_text_en([]) == "There are no notices now."
    assert notices_text_en(notices * 3).endswith(
        "The rest are on the screen. Tap a title to read it in full.")
    assert notice_text_en("高龄津贴标准调整", "自2026年1月起每月50元。") == (
        "高龄津贴标准调整. 自二零二六年一月起每月五十元。")


def test_complaints_receipt_and_errors() -> None:
    assert complaint_filed_text_en("QS01-000007") == (
        "Your complaint has been sent. Its number is Q S zero one, zero zero zero zero zero "
        "seven. Please write the number down or print a receipt. When there is an answer, "
        "lay your ID card on the reader again to hear it.")
    replied = ComplaintStatus("QS01-000003", "not_received", "DIBAO", "十月的低保没到",
                              datetime(2026, 11, 2, 17, 30, tzinfo=UTC), "delivered",
                              "已核实，11月10日补发", datetime(2026, 11, 9, 2, 0, tzinfo=UTC))
    waiting = ComplaintStatus("QS01-000007", "wrong_amount", None, "", datetime(
        2026, 11, 19, 16, 5, tzinfo=UTC), "pending", None, None)
    reasons = {"not_received": "money not received", "wrong_amount": "wrong amount"}
    # 17:30 UTC on 2 November is 01:30 on 3 November in Beijing.
    assert my_complaints_text_en([replied, waiting], reasons) == (
        "You have two complaints. Number one, sent November third, money not received, "
        "answered: 已核实，十一月十日补发. Number two, sent November twentieth, wrong amount, "
        "being handled, not answered yet.")
    assert my_complaints_text_en([waiting], reasons).startswith("You have one complaint. ")
    assert my_complaints_text_en([], reasons) == "You have no complaints on record."
    assert print_text_en() == "Your receipt is printed. Please take it from the slot."
    assert print_text_en("The printer is out of paper.") == "The printer is out of paper."
    assert error_text_en("The service is unavailable; call 12388.") == (
        "The service is unavailable; call one two three eight eight.")


def test_the_same_prompts_as_in_mandarin_and_no_digit() -> None:
    assert set(FIXED_PROMPTS_EN) == set(FIXED_PROMPTS)
    texts = [*FIXED_PROMPTS_EN.values(), benefits_text_en(tan_kaisheng().result())]
    assert not [t for t in texts if any(ch.isdigit() for ch in t)]
