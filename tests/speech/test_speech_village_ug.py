"""What 查询投诉 and the 村务公开 screens say aloud in Uyghur (kiosk.speech.village_ug
through kiosk.speech.village): exact strings, written out by hand; and espeak-ng's ug
voice reading one of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drivers.speech import EspeakSpeaker
from drivers.speech.espeak import ENGLISH_FALLBACK
from kiosk.speech.markup import engine_input
from kiosk.speech.texts import TRANSLATED_TEXTS
from kiosk.speech.village_ug import VILLAGE_UG as ug
from speech.ledger_data import YEAR, ledger
from speech.wav_stats import wav_stats

_2026 = "ئىككى مىڭ يىگىرمە ئالتىنچى يىلى"
_TICKET = "ئەرز نومۇرى كيۇ ئەس نۆل بىر، نۆل نۆل نۆل نۆل نۆل يەتتە."
_KINDS = {"income": "كىرىم", "expense": "چىقىم"}


def test_complaint_query_in_uyghur() -> None:
    assert ug.query("ticket") == (
        "تالوندىكى ئەرز نومۇرىنى كىرگۈزۈپ، «كېيىنكى» نى بېسىڭ. بۇ ماشىنىنىڭ نومۇرى "
        "بولسا، ئاخىرىدىكى سانلارنىلا كىرگۈزۈڭ.")
    assert ug.query("code") == (
        "تالوندىكى ئالتە خانىلىق «سۈرۈشتۈرۈش كودى» نى كىرگۈزۈپ، «سۈرۈشتۈرۈش» نى بېسىڭ.")
    assert ug.query("busy", error="stale") == "ناھىيەدىن سۈرۈشتۈرۈۋاتىدۇ، سەل ساقلاڭ."
    assert ug.query("code", error="سۈرۈشتۈرۈش كودى 6 خانىلىق سان، تولۇق كىرگۈزۈڭ.") == (
        "سۈرۈشتۈرۈش كودى ئالتە خانىلىق سان، تولۇق كىرگۈزۈڭ.")
    assert ug.query("result", ticket="QS01-000007", status="بىر تەرەپ قىلىنىۋاتىدۇ",
                         reply="已核实，11月10日补发") == (
        f"{_TICKET} بىر تەرەپ قىلىنىۋاتىدۇ. جاۋاب: 已核实，十一月十日补发")
    assert ug.query("result", ticket="QS01-000007", status="قوبۇل قىلىندى") == (
        f"{_TICKET} قوبۇل قىلىندى. تېخى جاۋاب يوق.")


def test_hub_rolls_and_powers_in_uyghur() -> None:
    assert ug.hub(["تىزىملىك", "مالىيە"]) == (
        "كەنت ئىشلىرى: تىزىملىك، مالىيە. كىملىك كېرەك ئەمەس.")
    assert ug.roll_items(["耕地地力保护补贴", "2026年高龄津贴"]) == (
        "ئاشكارىلانغان تىزىملىك: 耕地地力保护补贴، 二零二六年高龄津贴.")
    assert ug.roll_items([]) == "كەنتىمىزدە ھازىر ئاشكارىلىنىۋاتقان تىزىملىك يوق."
    assert ug.roll("耕地地力保护补贴", 41, 5_230_080) == (
        "耕地地力保护补贴 تىزىملىكى: قىرىق بىر قۇر، پۈتۈن كەنت بويىچە جەمئىي ئەللىك ئىككى "
        "مىڭ ئۈچ يۈز يۈەن سەككىز مو.")
    assert ug.roll_row("谭开生", "3组", "2026年10月", 125_580) == (
        "谭开生، 三组، 二零二六年十月، بىر مىڭ ئىككى يۈز ئەللىك بەش يۈەن سەككىز مو. بۇ قۇر "
        "خاتا بولسا، «بۇنىڭدا مەسىلە بار» نى بېسىڭ.")
    assert ug.roll_row("谭开生", "3组", "2026年10月", None) == (
        "谭开生، 三组، 二零二六年十月. بۇ قۇر خاتا بولسا، «بۇنىڭدا مەسىلە بار» نى بېسىڭ.")
    assert ug.powers(["低保申请", "宅基地审批"]) == "كەنت ھوقۇق تىزىملىكى: 低保申请، 宅基地审批."
    assert ug.power_page(2, "村民代表会议评议", "5日内公示结果") == (
        "ئىككىنچى قەدەم: 村民代表会议评议. 五日内公示结果.")
    assert ug.power_page(None, "بىلىشكە تېگىشلىك ئىشلار", lines=[
        ("ئېلىپ كېلىدىغان ماتېرىياللار", "身份证、户口本"), ("ۋاقىت چېكى", "20个工作日")]) == (
        "بىلىشكە تېگىشلىك ئىشلار. ئېلىپ كېلىدىغان ماتېرىياللار: 身份证、户口本. ۋاقىت چېكى: "
        "二十个工作日.")


def test_projects_in_uyghur() -> None:
    assert ug.projects(["村道硬化", "饮水工程"]) == (
        "كەنت قۇرۇلۇشلىرى: 村道硬化، 饮水工程. ھەر بىر باسقۇچىنى كۆرۈش ئۈچۈن بىرىنى بېسىڭ.")
    assert ug.projects([]) == "كەنتنىڭ قۇرۇلۇشلىرى بۇ ماشىنىدا تېخى ئاشكارىلانمىدى."
    assert ug.project("村道硬化", [("تۈر تەستىقى", date(2026, 3, 2), None, "县发改局"),
                                     ("مۆلچەر", date(2026, 4, 1), 38_600_000, "")]) == (
        f"村道硬化. تۈر تەستىقى، {_2026} ئىككىنچى مارت، 县发改局؛ مۆلچەر، {_2026} بىرىنچى "
        "ئاپرېل، ئۈچ يۈز سەكسەن ئالتە مىڭ يۈەن.")
    assert ug.project("村道硬化", []) == "村道硬化."
    assert ug.document("村道硬化") == "村道硬化: قۇرۇلۇش ھۆججىتى."


def test_ledger_in_uyghur() -> None:
    assert ug.ledger_months(YEAR) == (
        f"كەنت مالىيىسى. {_2026}: كىرىم بىر يۈز يىگىرمە مىڭ يۈەن، چىقىم توقسان ئۈچ مىڭ بەش "
        "يۈز يۈەن بەش مو، قالدۇق يىگىرمە ئالتە مىڭ تۆت يۈز توقسان توققۇز يۈەن بەش مو. بىر "
        "ئاينى بېسىپ، شۇ ئاينىڭ ھەر بىر ھېسابىنى ئاڭلاڭ.")
    assert ug.ledger_months(None) == "كەنتنىڭ ھېساباتى تېخى بۇ ماشىنىدا ئاشكارىلانمىدى."
    assert ug.ledger_month(ledger(2), _KINDS) == (
        f"{_2026} ئۆكتەبىر: كىرىم يىگىرمە مىڭ يۈەن، چىقىم بىر مىڭ ئىككى يۈز يۈەن، قالدۇق ئون "
        "سەككىز مىڭ سەككىز يۈز يۈەن؛ جەمئىي ئىككى ھېساب. ئۈچىنچى ئۆكتەبىر، 上级转移支付، "
        "كىرىم يىگىرمە مىڭ يۈەن. تۆتىنچى ئۆكتەبىر، 第二组道路维修، چىقىم بىر مىڭ ئىككى يۈز "
        "يۈەن.")
    assert ug.ledger_month(ledger(7), _KINDS).endswith(
        "يەتتىنچى ئۆكتەبىر، 第五组道路维修، چىقىم بىر مىڭ ئىككى يۈز يۈەن. قالغانلىرىنى "
        "ئېكراندىن كۆرۈڭ.")
    assert ug.voucher("记-12", "上级转移支付") == "ئىسپات 记-十二: 上级转移支付."
    assert ug.voucher("", "上级转移支付") == "ئىسپات: 上级转移支付."


def test_a_uyghur_terminal_picks_the_uyghur_texts() -> None:
    assert TRANSLATED_TEXTS["ug"].village is ug


def test_espeak_reads_a_roll_line_in_uyghur(tmp_path: Path) -> None:
    given = engine_input(ug.roll_row("谭开生", "3组", "2026年10月", 125_580), "ug",
                         names=["谭开生"])
    assert given.voice == "ug" and '<voice name="cmn-latn-pinyin">tan2 kai1 sheng1' in given.text
    speaker = EspeakSpeaker()
    phonemes = speaker.phonemes(given.text, voice=given.voice)
    assert "th'a35n_| kh'ai55_| s.'@55N_|" in phonemes and ENGLISH_FALLBACK not in phonemes
    rate, seconds, rms, peak = wav_stats(
        speaker.synthesize(given.text, tmp_path / "roll-ug.wav", voice=given.voice))
    assert rate == 22050 and 3 < seconds < 40
    assert rms > 500 and peak > 5000
