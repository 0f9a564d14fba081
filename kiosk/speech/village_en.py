"""What the 查询投诉 and 村务公开 screens say aloud in English (issue 18).

The English counterparts of the Mandarin texts their view-models make
(ui/viewmodels/complaintquery.py, public.py, projects.py, and
:func:`kiosk.speech.text.ledger_text`): the same essentials per page, in the shape
of :class:`kiosk.speech.village.VillageTexts`. Labels come in English (as the
screen shows them); data stays as written (names, item names, project names, the
power list's steps, the county's replies: Chinese, read by the pinyin voice,
:func:`kiosk.speech.text_en.data_en`). Numbers in words by
:mod:`kiosk.speech.english`.
"""

from __future__ import annotations

from kiosk.speech.english import MONTHS, en_amount, en_date, en_digits, en_integer, en_year
from kiosk.speech.text_en import data_en
from kiosk.speech.village import VillageTexts, VillageWords

__all__ = ["VILLAGE_EN"]

VILLAGE_EN = VillageTexts(VillageWords(
    data=data_en, amount=en_amount, digits=en_digits, date=en_date, year=en_year,
    month=lambda year, month: f"{MONTHS[month - 1]} {en_year(year)}",
    step=lambda step: f"Step {en_integer(step)}",
    lines=lambda n: f"{en_integer(n)} {'line' if n == 1 else 'lines'}",
    entries=lambda n: f"{en_integer(n)} {'entry' if n == 1 else 'entries'}",
    sep=", ", stage_sep="; ",
    query_prompts={
        "ticket": ("Please type the complaint number from your receipt, then tap Next. For a "
                   "number of this kiosk, type only the digits at the end."),
        "code": ("Please type the six-digit query code from your receipt on the keys, then "
                 "tap Search."),
        "busy": "Asking the county. Please wait.",
    },
    query_result="Complaint number {ticket}. {status}.", query_reply=" Reply: {reply}",
    query_no_reply=" No reply yet.",
    hub="Village affairs: {sections}. No ID card needed.",
    no_rolls="The village has no rolls on public display now.",
    rolls="Public rolls: {names}.",
    roll="The public roll of {item}: {lines}, {total} for the whole village.",
    row_wrong="If this payment is wrong, tap \"This payment is wrong\"",
    powers="Micro-power list: {names}.",
    no_projects="The village's projects are not published on this kiosk yet.",
    projects="Village projects: {names}. Tap one to see each step.",
    document="A document of {name}.",
    totals="income {income}, expense {expense}, balance {balance}",
    no_ledger="The village's accounts are not published on this kiosk yet.",
    ledger_year="Village finances. In {year}: {totals}. Tap a month to hear each entry of it.",
    ledger_month="{head}: {totals}; {entries}.",
    ledger_entry="{day}, {summary}, {kind} {amount}.",
    rest="The rest are on the screen.",
    voucher="Voucher {voucher}: {summary}.", voucher_bare="Voucher: {summary}.",
))
