"""What 查询投诉 and the 村务公开 screens say aloud in English (kiosk.speech.village_en
through kiosk.speech.village), and 村级财务 in Mandarin (kiosk.speech.text): exact
strings, written out by hand."""

from __future__ import annotations

from datetime import date

from kiosk.speech.text import ledger_month_text, ledger_months_text, voucher_text
from kiosk.speech.village_en import VILLAGE_EN as en
from speech.ledger_data import YEAR, ledger


def test_complaint_query_in_english() -> None:
    assert en.query("ticket") == (
        "Please type the complaint number from your receipt, then tap Next. For a number of "
        "this kiosk, type only the digits at the end.")
    assert en.query("code") == ("Please type the six-digit query code from your receipt "
                                     "on the keys, then tap Search.")
    assert en.query("busy", error="stale") == "Asking the county. Please wait."
    assert en.query("code", error="The query code has 6 digits.") == (
        "The query code has six digits.")
    assert en.query("result", ticket="QS01-000007", status="Being handled (township)",
                         reply="已核实，11月10日补发") == (
        "Complaint number Q S zero one, zero zero zero zero zero seven. Being handled "
        "(township). Reply: 已核实，十一月十日补发")
    assert en.query("result", ticket="QS01-000007", status="Accepted") == (
        "Complaint number Q S zero one, zero zero zero zero zero seven. Accepted. No reply yet.")


def test_hub_rolls_and_powers_in_english() -> None:
    assert en.hub(["Public rolls", "Village finances"]) == (
        "Village affairs: Public rolls, Village finances. No ID card needed.")
    assert en.roll_items(["耕地地力保护补贴", "2026年高龄津贴"]) == (
        "Public rolls: 耕地地力保护补贴, 二零二六年高龄津贴.")
    assert en.roll_items([]) == "The village has no rolls on public display now."
    assert en.roll("耕地地力保护补贴", 41, 5_230_080) == (
        "The public roll of 耕地地力保护补贴: forty-one lines, fifty-two thousand three hundred "
        "yuan and eighty fen for the whole village.")
    assert en.roll("高龄津贴", 1, 15_000).startswith("The public roll of 高龄津贴: one line,")
    assert en.roll_row("谭开生", "3组", "2026年10月", 125_580) == (
        "谭开生, 三组, 二零二六年十月, one thousand two hundred and fifty-five yuan and eighty "
        "fen. If this payment is wrong, tap \"This payment is wrong\".")
    assert en.powers(["低保申请", "宅基地审批"]) == "Micro-power list: 低保申请, 宅基地审批."
    assert en.power_page(2, "村民代表会议评议", "5日内公示结果") == (
        "Step two: 村民代表会议评议. 五日内公示结果.")
    assert en.power_page(None, "What to know", lines=[
        ("Documents to bring", "身份证、户口本"), ("Time limit", "20个工作日")]) == (
        "What to know. Documents to bring: 身份证、户口本. Time limit: 二十个工作日.")


def test_projects_in_english() -> None:
    assert en.projects(["村道硬化", "饮水工程"]) == (
        "Village projects: 村道硬化, 饮水工程. Tap one to see each step.")
    assert en.projects([]) == "The village's projects are not published on this kiosk yet."
    assert en.project("村道硬化", [("Approval", date(2026, 3, 2), None, "县发改局"),
                                     ("Budget", date(2026, 4, 1), 38_600_000, "")]) == (
        "村道硬化. Approval, March second, twenty twenty-six, 县发改局; Budget, April first, "
        "twenty twenty-six, three hundred and eighty-six thousand yuan.")
    assert en.document("村道硬化") == "A document of 村道硬化."


def test_ledger_in_english_and_mandarin() -> None:
    assert en.ledger_months(YEAR) == (
        "Village finances. In twenty twenty-six: income one hundred and twenty thousand "
        "yuan, expense ninety-three thousand five hundred yuan and fifty fen, balance "
        "twenty-six thousand four hundred and ninety-nine yuan and fifty fen. Tap a month to "
        "hear each entry of it.")
    assert en.ledger_months(None) == (
        "The village's accounts are not published on this kiosk yet.")
    kinds = {"income": "income", "expense": "expense"}
    assert en.ledger_month(ledger(2), kinds) == (
        "October twenty twenty-six: income twenty thousand yuan, expense one thousand two "
        "hundred yuan, balance eighteen thousand eight hundred yuan; two entries. October "
        "third, 上级转移支付, income twenty thousand yuan. October fourth, 第二组道路维修, "
        "expense one thousand two hundred yuan.")
    assert en.ledger_month(ledger(7), kinds).endswith(
        "October seventh, 第五组道路维修, expense one thousand two hundred yuan. The rest are "
        "on the screen.")
    assert en.voucher("记-12", "上级转移支付") == "Voucher 记-十二: 上级转移支付."
    assert en.voucher("", "上级转移支付") == "Voucher: 上级转移支付."
    assert ledger_months_text(YEAR) == (
        "村级财务。二零二六年，收入十二万元，支出九万三千五百元五角，结余两万六千四百九十九元五角。"
        "点一个月份，听这个月的每一笔。")
    assert ledger_months_text(None) == "村里的财务还没有公开到这台机器上。"
    assert ledger_month_text(ledger(2)) == (
        "二零二六年十月，收入两万元，支出一千两百元，结余一万八千八百元，一共两笔。"
        "十月三日，上级转移支付，收入两万元。十月四日，第二组道路维修，支出一千两百元。")
    assert ledger_month_text(ledger(6)).endswith("其余的请看屏幕。")
    assert voucher_text("记-12", "上级转移支付") == "凭证记-十二：上级转移支付。"
