"""我的投诉 in the real QML window (offscreen): progress steps with dates from the county,
and 满意 / 不满意 with a reason, which goes into the feedback outbox."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from demo.village import DEMO_LOOKUP_KEY
from drivers.idcard.cardtext import IdCard
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.config import Config
from kiosk.identity import id_hash
from kiosk.store import open_store, write_connection
from kiosk.store.models import ComplaintFeedback
from screens.kiosk_window import open_kiosk
from sync.pages import apply_progress
from sync.protocol import ComplaintProgress

FILED = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
REPLIED = datetime(2026, 11, 9, 3, 0, tzinfo=UTC)


def _replied_complaint(config: Config, card: IdCard) -> str:
    """A real-name complaint of the card holder, answered by the township (as synced)."""
    engine = open_store(config.store.path)
    try:
        filed = file_complaint(engine, ComplaintDraft(
            Reason.NOT_RECEIVED, text="十月的低保没有收到", anonymous=False,
            id_hash=id_hash(DEMO_LOOKUP_KEY, card.id_number), name=card.name),
            terminal_code="QS01")
        with write_connection(engine) as conn:
            apply_progress(conn, [ComplaintProgress(
                server_id="C0000007", ticket_no=filed.ticket_no,
                idempotency_key=filed.idempotency_key, status="replied", level="township",
                accepted_at=FILED, handled_at=FILED, replied_at=REPLIED,
                reply_text="经核实，已于11月补发。", can_feedback=True, updated_at=REPLIED)])
    finally:
        engine.dispose()
    return filed.ticket_no


def test_progress_steps_and_not_satisfied_with_a_reason(qtbot: QtBot, kiosk_config: Config,
                                                        card: IdCard) -> None:
    ticket = _replied_complaint(kiosk_config, card)
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("myComplaintsButton")
        d.find("myComplaintsScreen")
        [item] = ui.app_model.my_complaints_model.complaints
        assert [(s["label"], s["done"], s["date"]) for s in item["steps"]] == [
            ("受理", True, "2026-11-02"), ("办理", True, "2026-11-02"),
            ("答复", True, "2026-11-09"), ("办结", False, "")]
        assert item["statusText"] == "已答复，请您评价（乡镇办理）"
        assert d.texts_showing("回复（2026-11-09 11:00）：经核实，已于11月补发。")
        assert d.texts_showing("3. 答复\n2026-11-09")
        assert d.truncated_texts() == []
        d.click(f"notSatisfied_{ticket}")
        d.find("whyPanel")
        d.wait_until(lambda: ui.app_model.my_complaints_model.askingWhy == ticket,
                     what="the pick-list of reasons")
        d.click("why_wrong_facts")
        d.wait_until(lambda: ui.app_model.my_complaints_model.askingWhy == "",
                     what="the pick-list closed")
        [item] = ui.app_model.my_complaints_model.complaints
        assert not item["canFeedback"]
        assert item["statusText"].startswith("您已评价：不满意")
        assert "上一级" in d.text("feedbackThanks")
    engine = open_store(kiosk_config.store.path)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(ComplaintFeedback.satisfied, ComplaintFeedback.reason,
                                       ComplaintFeedback.delivery)).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(False, "wrong_facts", "pending")]
