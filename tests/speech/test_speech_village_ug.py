"""What 查询投诉 and the 村务公开 screens say aloud in Uyghur (kiosk.speech.village_ug):
exact strings, written out by hand; and espeak-ng's ug voice reading one of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drivers.speech import EspeakSpeaker
from drivers.speech.espeak import ENGLISH_FALLBACK
from kiosk.ledger import EntryView, Ledger, Totals
from kiosk.speech.markup import engine_input
from kiosk.speech.texts import TRANSLATED_TEXTS
from kiosk.speech.village_ug import (
    document_text_ug,
    hub_text_ug,
    ledger_month_text_ug,
    ledger_months_text_ug,
    power_page_text_ug,
    powers_text_ug,
    project_text_ug,
    projects_text_ug,
    query_text_ug,
    roll_items_text_ug,
    roll_row_text_ug,
    roll_text_ug,
    voucher_text_ug,
)
from speech.test_espeak import _wav_stats

_YEAR = Totals("2026", 12_000_000, 9_350_050)
_2026 = "ئىككى مىڭ يىگىرمە ئالتىنچى يىلى"
_TICKET = "ئەرز نومۇرى كيۇ ئەس نۆل بىر، نۆل نۆل نۆل نۆل نۆل يەتتە."
_KINDS = {"income": "كىرىم", "expense": "چىقىم"}


def _ledger(entries: int) -> Ledger:
    rows = [EntryView(i, date(2026, 10, 3 + i), f"第{i + 1}组道路维修", "expense", 120_000, "",
                      f"记-{i + 1}", "") for i in range(entries)]
    rows[0] = EntryView(0, date(2026, 10, 3), "上级转移支付", "income", 2_000_000, "", "记-1", "")
    return Ledger("2026-10", rows, Totals("2026-10", 2_000_000, 120_000 * (entries - 1)),
                  _YEAR, [Totals("2026-10", 0, 0)])


def test_complaint_query_in_uyghur() -> None:
    assert query_text_ug("ticket") == (
        "تالوندىكى ئەرز نومۇرىنى كىرگۈزۈپ، «كېيىنكى» نى بېسىڭ. بۇ ماشىنىنىڭ نومۇرى "
        "بولسا، ئاخىرىدىكى سانلارنىلا كىرگۈزۈڭ.")
    assert query_text_ug("code") == (
        "تالوندىكى ئالتە خانىلىق «سۈرۈشتۈرۈش كودى» نى كىرگۈزۈپ، «سۈرۈشتۈرۈش» نى بېسىڭ.")
    assert query_text_ug("busy", error="stale") == "ناھىيەدىن سۈرۈشتۈرۈۋاتىدۇ، سەل ساقلاڭ."
    assert query_text_ug("code", error="سۈرۈشتۈرۈش كودى 6 خانىلىق سان، تولۇق كىرگۈزۈڭ.") == (
        "سۈرۈشتۈرۈش كودى ئالتە خانىلىق سان، تولۇق كىرگۈزۈڭ.")
    assert query_text_ug("result", ticket="QS01-000007", status="بىر تەرەپ قىلىنىۋاتىدۇ",
                         reply="已核实，11月10日补发") == (
        f"{_TICKET} بىر تەرەپ قىلىنىۋاتىدۇ. جاۋاب: 已核实，十一月十日补发")
    assert query_text_ug("result", ticket="QS01-000007", status="قوبۇل قىلىندى") == (
        f"{_TICKET} قوبۇل قىلىندى. تېخى جاۋاب يوق.")


def test_hub_rolls_and_powers_in_uyghur() -> None:
    assert hub_text_ug(["تىزىملىك", "مالىيە"]) == (
        "كەنت ئىشلىرى: تىزىملىك، مالىيە. كىملىك كېرەك ئەمەس.")
    assert roll_items_text_ug(["耕地地力保护补贴", "2026年高龄津贴"]) == (
        "ئاشكارىلانغان تىزىملىك: 耕地地力保护补贴، 二零二六年高龄津贴.")
    assert roll_items_text_ug([]) == "كەنتىمىزدە ھازىر ئاشكارىلىنىۋاتقان تىزىملىك يوق."
    assert roll_text_ug("耕地地力保护补贴", 41, 5_230_080) == (
        "耕地地力保护补贴 تىزىملىكى: قىرىق بىر قۇر، پۈتۈن كەنت بويىچە جەمئىي ئەللىك ئىككى "
        "مىڭ ئۈچ يۈز يۈەن سەككىز مو.")
    assert roll_row_text_ug("谭开生", "3组", "2026年10月", 125_580) == (
        "谭开生، 三组، 二零二六年十月، بىر مىڭ ئىككى يۈز ئەللىك بەش يۈەن سەككىز مو. بۇ قۇر "
        "خاتا بولسا، «بۇنىڭدا مەسىلە بار» نى بېسىڭ.")
    assert roll_row_text_ug("谭开生", "3组", "2026年10月", None) == (
        "谭开生، 三组، 二零二六年十月. بۇ قۇر خاتا بولسا، «بۇنىڭدا مەسىلە بار» نى بېسىڭ.")
    assert powers_text_ug(["低保申请", "宅基地审批"]) == "كەنت ھوقۇق تىزىملىكى: 低保申请، 宅基地审批."
    assert power_page_text_ug(2, "村民代表会议评议", "5日内公示结果") == (
        "ئىككىنچى قەدەم: 村民代表会议评议. 五日内公示结果.")
    assert power_page_text_ug(None, "بىلىشكە تېگىشلىك ئىشلار", lines=[
        ("ئېلىپ كېلىدىغان ماتېرىياللار", "身份证、户口本"), ("ۋاقىت چېكى", "20个工作日")]) == (
        "بىلىشكە تېگىشلىك ئىشلار. ئېلىپ كېلىدىغان ماتېرىياللار: 身份证、户口本. ۋاقىت چېكى: "
        "二十个工作日.")


def test_projects_in_uyghur() -> None:
    assert projects_text_ug(["村道硬化", "饮水工程"]) == (
        "كەنت قۇرۇلۇشلىرى: 村道硬化، 饮水工程. ھەر بىر باسقۇچىنى كۆرۈش ئۈچۈن بىرىنى بېسىڭ.")
    assert projects_text_ug([]) == "كەنتنىڭ قۇرۇلۇشلىرى بۇ ماشىنىدا تېخى ئاشكارىلانمىدى."
    assert project_text_ug("村道硬化", [("تۈر تەستىقى", date(2026, 3, 2), None, "县发改局"),
                                     ("مۆلچەر", date(2026, 4, 1), 38_600_000, "")]) == (
        f"村道硬化. تۈر تەستىقى، {_2026} ئىككىنچى مارت، 县发改局؛ مۆلچەر، {_2026} بىرىنچى "
        "ئاپرېل، ئۈچ يۈز سەكسەن ئالتە مىڭ يۈەن.")
    assert project_text_ug("村道硬化", []) == "村道硬化."
    assert document_text_ug("村道硬化") == "村道硬化: قۇرۇلۇش ھۆججىتى."


def test_ledger_in_uyghur() -> None:
    assert ledger_months_text_ug(_YEAR) == (
        f"كەنت مالىيىسى. {_2026}: كىرىم بىر يۈز يىگىرمە مىڭ يۈەن، چىقىم توقسان ئۈچ مىڭ بەش "
        "يۈز يۈەن بەش مو، قالدۇق يىگىرمە ئالتە مىڭ تۆت يۈز توقسان توققۇز يۈەن بەش مو. بىر "
        "ئاينى بېسىپ، شۇ ئاينىڭ ھەر بىر ھېسابىنى ئاڭلاڭ.")
    assert ledger_months_text_ug(None) == "كەنتنىڭ ھېساباتى تېخى بۇ ماشىنىدا ئاشكارىلانمىدى."
    assert ledger_month_text_ug(_ledger(2), _KINDS) == (
        f"{_2026} ئۆكتەبىر: كىرىم يىگىرمە مىڭ يۈەن، چىقىم بىر مىڭ ئىككى يۈز يۈەن، قالدۇق ئون "
        "سەككىز مىڭ سەككىز يۈز يۈەن؛ جەمئىي ئىككى ھېساب. ئۈچىنچى ئۆكتەبىر، 上级转移支付، "
        "كىرىم يىگىرمە مىڭ يۈەن. تۆتىنچى ئۆكتەبىر، 第二组道路维修، چىقىم بىر مىڭ ئىككى يۈز "
        "يۈەن.")
    assert ledger_month_text_ug(_ledger(7), _KINDS).endswith(
        "يەتتىنچى ئۆكتەبىر، 第五组道路维修، چىقىم بىر مىڭ ئىككى يۈز يۈەن. قالغانلىرىنى "
        "ئېكراندىن كۆرۈڭ.")
    assert voucher_text_ug("记-12", "上级转移支付") == "ئىسپات 记-十二: 上级转移支付."
    assert voucher_text_ug("", "上级转移支付") == "ئىسپات: 上级转移支付."


def test_a_uyghur_terminal_picks_the_uyghur_texts() -> None:
    village = TRANSLATED_TEXTS["ug"].village
    assert village is not None and village.roll is roll_text_ug
    assert village.query is query_text_ug and village.voucher is voucher_text_ug


def test_espeak_reads_a_roll_line_in_uyghur(tmp_path: Path) -> None:
    given = engine_input(roll_row_text_ug("谭开生", "3组", "2026年10月", 125_580), "ug",
                         names=["谭开生"])
    assert given.voice == "ug" and '<voice name="cmn-latn-pinyin">tan2 kai1 sheng1' in given.text
    speaker = EspeakSpeaker()
    phonemes = speaker.phonemes(given.text, voice=given.voice)
    assert "th'a35n_| kh'ai55_| s.'@55N_|" in phonemes and ENGLISH_FALLBACK not in phonemes
    rate, seconds, rms, peak = _wav_stats(
        speaker.synthesize(given.text, tmp_path / "roll-ug.wav", voice=given.voice))
    assert rate == 22050 and 3 < seconds < 40
    assert rms > 500 and peak > 5000
