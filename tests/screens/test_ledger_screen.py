"""The 村级财务 screen (issue 17) in the real window, offscreen, on the demo village's
ledger: months with the year's totals, a month's entries, a voucher full-screen, back."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import Q_ARG, QMetaObject
from pytestqt.qtbot import QtBot

from demo.ledger import generate_ledger
from demo.village import DemoVillage
from kiosk.config import Config
from kiosk.money import format_yuan
from kiosk.speech.numbers import spoken_count
from screens.kiosk_window import open_kiosk
from ui.viewmodels.utterance import utterance_for


def test_months_entries_voucher_and_back(qtbot: QtBot, kiosk_config: Config,
                                         demo_village: DemoVillage) -> None:
    ledger = generate_ledger(demo_village.today)
    newest = max(e.month for e in ledger)
    this_month = [e for e in ledger if e.month == newest]
    year = [e for e in ledger if e.month.startswith(newest[:4])]
    with open_kiosk(kiosk_config) as (ui, d):
        d.click("publicButton")
        d.find("publicScreen")
        hub = ui.app_model.public_model
        assert [s["key"] for s in hub.sections] == ["rolls", "powers", "ledger", "projects"]
        spoken = utterance_for(ui.app_model)  # the hub read aloud names 村级财务 too
        assert spoken is not None and "村级财务" in spoken.text
        d.click("choice_2")  # 村级财务, a section of the 村务公开 hub
        d.find("ledgerScreen")
        assert ui.app_model.screen == "ledger"
        income = sum(e.amount_fen for e in year if e.kind == "income")
        assert d.texts_showing(format_yuan(income)), "the year's income is on the first page"
        said = utterance_for(ui.app_model)  # the year's totals in words
        assert said is not None and said.text.startswith("村级财务。二零二六年，收入")
        d.click("month_0")  # newest month first
        d.find("ledgerEntryList")
        said = utterance_for(ui.app_model)
        assert said is not None and f"一共{spoken_count(len(this_month))}笔。" in said.text
        assert not any(ch.isdigit() for ch in said.text)
        assert d.text("entryAmount_0").endswith(format_yuan(this_month[0].amount_fen))
        model = ui.app_model.ledger_model
        assert [row["summary"] for row in model.entries] == [e.summary for e in this_month]
        d.click("backButton")
        d.find("ledgerMonthList")
        # A month with a voucher image: open it full-screen.
        months = [m["key"] for m in model.months]
        with_image = next(e for e in reversed(ledger) if e.image)
        d.click(f"month_{months.index(with_image.month)}")
        index = [e.id for e in ledger if e.month == with_image.month].index(with_image.id)
        entries = d.find("ledgerEntryList")
        QMetaObject.invokeMethod(entries, "positionViewAtIndex", Q_ARG(int, index),
                                 Q_ARG(int, 1))  # ListView.Center: the row is on screen
        d.click(f"voucher_{index}")
        image = d.find("voucherImage")
        # Loaded: the image's natural size is the voucher's (900×600).
        d.wait_until(lambda: image.property("implicitWidth") == 900, what="voucher loaded")
        assert image.property("height") > 500, "the voucher fills the screen"
        d.click("backButton")
        d.find("ledgerEntryList")
        d.click("backButton")
        d.find("ledgerMonthList")
        d.click("backButton")
        d.find("publicScreen")  # back to the hub it was opened from
        assert ui.app_model.screen == "public"
        d.click("backButton")
        d.find("welcomeScreen")


def test_this_entry_is_wrong_files_a_complaint_about_it(qtbot: QtBot, kiosk_config: Config,
                                                        demo_village: DemoVillage) -> None:
    ledger = generate_ledger(demo_village.today)
    newest = max(e.month for e in ledger)
    first = next(e for e in ledger if e.month == newest)
    with open_kiosk(kiosk_config) as (ui, d):
        d.click("publicButton")
        d.click("choice_2")
        d.click("month_0")
        d.click("complain_0")
        d.find("complaintScreen")
        complaint = ui.app_model.complaint_model
        assert complaint.step == "reason" and first.summary in complaint.aboutLabel
        d.click("reason_wrong_amount")
        complaint.setText("")
        complaint.next()
        complaint.next()  # no phone
        d.click("anonymous")
        d.click("submitComplaint")
        d.wait_until(lambda: complaint.step == "done", what="filed")
        ticket = str(complaint.ticketNo)
    con = sqlite3.connect(kiosk_config.store.path)
    try:
        [(concerns, anonymous)] = con.execute(
            "SELECT concerns, anonymous FROM complaint WHERE ticket_no = ?",
            (ticket,)).fetchall()
    finally:
        con.close()
    assert json.loads(concerns) == {"kind": "ledger_entry", "id": str(first.id)}
    assert anonymous == 1
