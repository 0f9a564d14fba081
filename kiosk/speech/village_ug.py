"""What the 查询投诉 and 村务公开 screens say aloud in Uyghur (issue 18).

The Uyghur counterparts of :mod:`kiosk.speech.village_en`, screen for screen, in
the shape of :class:`kiosk.speech.village.VillageTexts`. Labels come in Uyghur (as
the screen shows them, ui/i18n/village_kiosk_ug.ts); data stays as written (names,
item names, project names, the power list's steps, the county's replies: Chinese,
read by the pinyin voice inside the Uyghur speech, :func:`kiosk.speech.markup.to_ssml`).
Numbers in words by :mod:`kiosk.speech.uyghur`. The wording awaits a native
speaker's review (docs/i18n.md).
"""

from __future__ import annotations

from kiosk.speech.text_ug import data_ug
from kiosk.speech.uyghur import (
    MONTHS_UG,
    ug_amount,
    ug_date,
    ug_digits,
    ug_integer,
    ug_ordinal,
    ug_year,
)
from kiosk.speech.village import VillageTexts, VillageWords

__all__ = ["VILLAGE_UG"]

VILLAGE_UG = VillageTexts(VillageWords(
    data=data_ug, amount=ug_amount, digits=ug_digits, date=ug_date, year=ug_year,
    month=lambda year, month: f"{ug_year(year)} {MONTHS_UG[month - 1]}",
    step=lambda step: f"{ug_ordinal(step)} قەدەم",
    lines=lambda n: f"{ug_integer(n)} قۇر",
    entries=lambda n: f"جەمئىي {ug_integer(n)} ھېساب",
    sep="، ", stage_sep="؛ ",
    query_prompts={
        "ticket": ("تالوندىكى ئەرز نومۇرىنى كىرگۈزۈپ، «كېيىنكى» نى بېسىڭ. بۇ ماشىنىنىڭ "
                   "نومۇرى بولسا، ئاخىرىدىكى سانلارنىلا كىرگۈزۈڭ."),
        "code": ("تالوندىكى ئالتە خانىلىق «سۈرۈشتۈرۈش كودى» نى كىرگۈزۈپ، «سۈرۈشتۈرۈش» نى "
                 "بېسىڭ."),
        "busy": "ناھىيەدىن سۈرۈشتۈرۈۋاتىدۇ، سەل ساقلاڭ.",
    },
    query_result="ئەرز نومۇرى {ticket}. {status}.", query_reply=" جاۋاب: {reply}",
    query_no_reply=" تېخى جاۋاب يوق.",
    hub="كەنت ئىشلىرى: {sections}. كىملىك كېرەك ئەمەس.",
    no_rolls="كەنتىمىزدە ھازىر ئاشكارىلىنىۋاتقان تىزىملىك يوق.",
    rolls="ئاشكارىلانغان تىزىملىك: {names}.",
    roll="{item} تىزىملىكى: {lines}، پۈتۈن كەنت بويىچە جەمئىي {total}.",
    row_wrong="بۇ قۇر خاتا بولسا، «بۇنىڭدا مەسىلە بار» نى بېسىڭ",
    powers="كەنت ھوقۇق تىزىملىكى: {names}.",
    no_projects="كەنتنىڭ قۇرۇلۇشلىرى بۇ ماشىنىدا تېخى ئاشكارىلانمىدى.",
    projects="كەنت قۇرۇلۇشلىرى: {names}. ھەر بىر باسقۇچىنى كۆرۈش ئۈچۈن بىرىنى بېسىڭ.",
    document="{name}: قۇرۇلۇش ھۆججىتى.",
    totals="كىرىم {income}، چىقىم {expense}، قالدۇق {balance}",
    no_ledger="كەنتنىڭ ھېساباتى تېخى بۇ ماشىنىدا ئاشكارىلانمىدى.",
    ledger_year=("كەنت مالىيىسى. {year}: {totals}. بىر ئاينى بېسىپ، شۇ ئاينىڭ ھەر بىر "
                 "ھېسابىنى ئاڭلاڭ."),
    ledger_month="{head}: {totals}؛ {entries}.",
    ledger_entry="{day}، {summary}، {kind} {amount}.",
    rest="قالغانلىرىنى ئېكراندىن كۆرۈڭ.",
    voucher="ئىسپات {voucher}: {summary}.", voucher_bare="ئىسپات: {summary}.",
))
