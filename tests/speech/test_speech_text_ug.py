"""What each screen says aloud in Uyghur (kiosk.speech.text_ug): exact strings for the
real-looking payment lists of speech/payments.py (the same as the Mandarin and English
tests'), written out by hand from the lists."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.complaints import ComplaintStatus
from kiosk.speech.text import FIXED_PROMPTS
from kiosk.speech.text_ug import (
    FIXED_PROMPTS_UG,
    benefits_text_ug,
    complaint_filed_text_ug,
    detail_text_ug,
    error_text_ug,
    my_complaints_text_ug,
    notice_text_ug,
    notices_text_ug,
    print_text_ug,
)
from speech.payments import Payments, tan_kaisheng

_ASK = ("خاتالىق بولسا، «ئەرز قىلىش» نى بېسىڭ ياكى بىر ئىككى ئۈچ سەككىز سەككىز گە "
        "تېلېفون قىلىڭ.")
_2026 = "ئىككى مىڭ يىگىرمە ئالتىنچى يىلى"


def test_the_issues_example_in_uyghur() -> None:
    assert benefits_text_ug(tan_kaisheng().result(), name="谭开生") == (
        f"谭开生، {_2026} سىز جەمئىي ئون مىڭ تۆت يۈز قىرىق ئۈچ يۈەن سەككىز مو ياردەم "
        "پۇلى ئالدىڭىز، يەنە يەتتە يۈز ئاتمىش يۈەن تېخى تارقىتىلمىدى. بۇنىڭ ئىچىدە: "
        "农村最低生活保障金، ئۈچ مىڭ توققۇز يۈز ئاتمىش يۈەن؛ 城乡居民基础养老金، ئىككى مىڭ "
        "ئىككى يۈز سەكسەن سەككىز يۈەن؛ 生态公益林补偿، بىر مىڭ بەش يۈز ئوتتۇز يۈەن؛ "
        "耕地地力保护补贴، بىر مىڭ ئىككى يۈز ئەللىك بەش يۈەن سەككىز مو؛ "
        "农村计划生育家庭奖励扶助金، توققۇز يۈز ئاتمىش يۈەن؛ يەنە بىر تۈر بار، ئېكراندىن "
        "كۆرۈڭ. ئېكراندا يەنە ئىككى مىڭ يىگىرمە بەشىنچى يىلىنىڭ خاتىرىلىرى بار. " + _ASK)


def test_an_earlier_year_returned_and_small_amounts() -> None:
    assert benefits_text_ug(tan_kaisheng().result(), year=2025) == (
        "ئىككى مىڭ يىگىرمە بەشىنچى يىلى سىز جەمئىي ئىككى مىڭ ئۈچ يۈز يەتمىش ئالتە يۈەن "
        "ياردەم پۇلى ئالدىڭىز. بۇنىڭ ئىچىدە: 城乡居民基础养老金، ئىككى مىڭ ئۈچ يۈز يەتمىش "
        f"ئالتە يۈەن. ئېكراندا يەنە {_2026}نىڭ خاتىرىلىرى بار. " + _ASK)
    with pytest.raises(ValueError, match="2019"):
        benefits_text_ug(tan_kaisheng().result(), year=2019)
    p = Payments()
    p.add("CJ_HULI", date(2026, 1, 20), 8000)
    p.add("CJ_HULI", date(2026, 2, 20), 8000, "returned")
    p.add("CJ_HULI", date(2026, 3, 20), 5)
    assert benefits_text_ug(p.result()) == (
        f"{_2026} سىز جەمئىي سەكسەن يۈەن بەش پۇڭ ياردەم پۇلى ئالدىڭىز. بۇنىڭ ئىچىدە: "
        "重度残疾人护理补贴، سەكسەن يۈەن بەش پۇڭ. سەكسەن يۈەن قايتۇرۇلدى، سەۋەبىنى "
        "كەنتتىن سوراڭ. " + _ASK)


def test_only_pending_and_nothing_on_record() -> None:
    p = Payments()
    p.add("GENGDI", date(2026, 11, 28), 52500, "pending")
    assert benefits_text_ug(p.result(), name="龙秀英") == (
        f"龙秀英، {_2026} سىز تېخى ياردەم پۇلى ئالمىدىڭىز؛ بەش يۈز يىگىرمە بەش يۈەن "
        "تارقىتىلىشنى ساقلاۋاتىدۇ. " + _ASK)
    assert benefits_text_ug(Payments().result(), name="单德贵") == (
        "单德贵، سىزنىڭ ياردەم پۇلى تارقىتىلغان خاتىرىڭىز تېپىلمىدى. خاتا دەپ قارىسىڭىز، "
        "بۇ ماشىنىدا ئەرز قىلىڭ ياكى بىر ئىككى ئۈچ سەككىز سەككىز گە تېلېفون قىلىڭ.")


def test_item_detail_reads_the_latest_three_and_the_standard() -> None:
    lines = [line for line in tan_kaisheng().lines if line.item_code == "GAOLING"]
    assert detail_text_ug("高龄津贴", lines, standard="80–89 岁每人每月 50 元") == (
        "高龄津贴: جەمئىي تۆت قېتىملىق خاتىرە بار، تۆت يۈز ئەللىك يۈەن تارقىتىلدى. ئەڭ "
        f"يېقىنقى ئۈچ قېتىمى: {_2026} يىگىرمە بەشىنچى دېكابىر، بىر يۈز ئەللىك يۈەن، "
        f"تارقىتىلىشنى ساقلاۋاتىدۇ؛ {_2026} يىگىرمە بەشىنچى سېنتەبىر، بىر يۈز ئەللىك يۈەن، "
        f"تارقىتىلدى؛ {_2026} يىگىرمە بەشىنچى ئىيۇن، بىر يۈز ئەللىك يۈەن، تارقىتىلدى. "
        "ئۆلچىمى: 八十到八十九 岁每人每月 五十 元.")
    assert detail_text_ug("高龄津贴", []) == "高龄津贴: جەمئىي نۆل قېتىملىق خاتىرە بار."


def test_notices() -> None:
    notices = [("ئاشكارىلاش", "2026年耕地地力保护补贴发放名单", date(2026, 11, 18)),
               ("سىياسەت", "高龄津贴标准调整", date(2026, 10, 1))]
    assert notices_text_ug(notices) == (
        "ھازىر ئىككى ئۇقتۇرۇش بار. بىرىنچى، ئاشكارىلاش، 二零二六年耕地地力保护补贴发放名单، "
        "ئون سەككىزىنچى نويابىر ئېلان قىلىنغان. ئىككىنچى، سىياسەت، 高龄津贴标准调整، "
        "بىرىنچى ئۆكتەبىر ئېلان قىلىنغان. تولۇق ئوقۇش ئۈچۈن ماۋزۇنى بېسىڭ.")
    assert notices_text_ug([]) == "ھازىر ئۇقتۇرۇش يوق."
    assert notices_text_ug(notices * 3).endswith(
        "قالغانلىرىنى ئېكراندىن كۆرۈڭ. تولۇق ئوقۇش ئۈچۈن ماۋزۇنى بېسىڭ.")
    assert notice_text_ug("高龄津贴标准调整", "自2026年1月起每月50元。") == (
        "高龄津贴标准调整. 自二零二六年一月起每月五十元。")


def test_complaints_receipt_and_errors() -> None:
    assert complaint_filed_text_ug("QS01-000007") == (
        "ئەرزىڭىز يوللاندى. نومۇرى كيۇ ئەس نۆل بىر، نۆل نۆل نۆل نۆل نۆل يەتتە. نومۇرنى "
        "يېزىۋېلىڭ ياكى تالون بېسىڭ. جاۋاب كەلگەندە، كىملىكىڭىزنى قايتا قويسىڭىز "
        "ئاڭلىيالايسىز.")
    replied = ComplaintStatus("QS01-000003", "not_received", "DIBAO", "十月的低保没到",
                              datetime(2026, 11, 2, 17, 30, tzinfo=UTC), "delivered",
                              "已核实，11月10日补发", datetime(2026, 11, 9, 2, 0, tzinfo=UTC))
    waiting = ComplaintStatus("QS01-000007", "wrong_amount", None, "", datetime(
        2026, 11, 19, 16, 5, tzinfo=UTC), "pending", None, None)
    reasons = {"not_received": "پۇل كەلمىدى"}
    # 17:30 UTC on 2 November is 01:30 on 3 November in Beijing.
    assert my_complaints_text_ug([replied, waiting], reasons) == (
        "سىزنىڭ ئىككى ئەرزىڭىز بار. بىرىنچى، ئۈچىنچى نويابىر يوللانغان، پۇل كەلمىدى، "
        "جاۋاب بېرىلدى: 已核实，十一月十日补发. ئىككىنچى، يىگىرمىنچى نويابىر يوللانغان، "
        "باشقا مەسىلە، بىر تەرەپ قىلىنىۋاتىدۇ، تېخى جاۋاب يوق.")
    assert my_complaints_text_ug([], reasons) == "سىزنىڭ ئەرز خاتىرىڭىز يوق."
    assert print_text_ug() == "تالون بېسىلدى، قەغەز چىقىش ئېغىزىدىن ئېلىڭ."
    assert print_text_ug("پرىنتېردا قەغەز قالمىدى") == "پرىنتېردا قەغەز قالمىدى"
    assert error_text_ug("12388 گە تېلېفون قىلىڭ") == (
        "بىر ئىككى ئۈچ سەككىز سەككىز گە تېلېفون قىلىڭ")


def test_the_same_prompts_as_in_mandarin_and_no_digit() -> None:
    assert set(FIXED_PROMPTS_UG) == set(FIXED_PROMPTS)
    texts = [*FIXED_PROMPTS_UG.values(), benefits_text_ug(tan_kaisheng().result())]
    assert not [t for t in texts if any(ch.isdigit() for ch in t)]
