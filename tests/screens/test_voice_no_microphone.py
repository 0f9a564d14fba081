"""A terminal without a microphone: the 说出您的问题 button says so, and the written
complaint goes through as before (real QML window, offscreen; this process has no sound
server, so QtMultimedia finds no microphone)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from drivers.idcard.cardtext import IdCard
from kiosk.config import Config
from kiosk.store import open_store
from kiosk.store.models import Complaint, ComplaintVoice
from screens.kiosk_window import open_kiosk
from ui.viewmodels.voice_complaint import NO_MICROPHONE


def test_no_microphone_says_so_and_writing_still_works(qtbot: QtBot, kiosk_config: Config,
                                                        card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("complainButton")
        d.click("about_0")
        d.click("reason_not_received")
        button = d.find("voiceRecord")
        assert d.text("voiceRecord") == NO_MICROPHONE == "这台机器没有麦克风，请用手写或找工作人员"
        assert button.property("enabled") is False
        assert d.find("voicePanel").property("visible") is True
        d.find("complaintText").setProperty("text", "十月份的钱没有收到")
        d.wait_until(lambda: ui.app_model.complaint_model.text != "", what="text taken")
        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        assert not d.texts_showing("录音")
        d.click("submitComplaint")
        assert d.text("ticketNo").startswith("QS01-")
    engine = open_store(kiosk_config.store.path)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(Complaint.text)).scalars().all()[-1] == "十月份的钱没有收到"
            assert conn.execute(select(func.count()).select_from(ComplaintVoice)).scalar() == 0
    finally:
        engine.dispose()
