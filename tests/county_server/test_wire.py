"""The wire schema agrees with both ends: terminal tables and complaint codes."""

from __future__ import annotations

from pydantic import BaseModel

from kiosk.complaints import MAX_TEXT_CHARS, Reason
from kiosk.store import models as terminal
from sync.protocol import (
    COMPLAINT_CATEGORIES,
    MAX_COMPLAINT_TEXT,
    BenefitItemRecord,
    ChangesPage,
    HouseholdMemberRecord,
    NoticeRecord,
    PaymentRecord,
    SettingRecord,
)
from sync.protocol.messages import ComplaintSubmission


def test_complaint_codes_are_the_terminal_reasons() -> None:
    assert tuple(r.value for r in Reason) == COMPLAINT_CATEGORIES
    assert MAX_COMPLAINT_TEXT == MAX_TEXT_CHARS
    category = ComplaintSubmission.model_json_schema()["properties"]["category"]
    assert tuple(category["enum"]) == COMPLAINT_CATEGORIES


def test_records_have_exactly_the_terminal_columns() -> None:
    pairs: tuple[tuple[type[BaseModel], type[terminal.Base]], ...] = (
        (PaymentRecord, terminal.Payment),
        (HouseholdMemberRecord, terminal.HouseholdMember),
        (BenefitItemRecord, terminal.BenefitItem),
        (NoticeRecord, terminal.Notice),
        (SettingRecord, terminal.Setting))
    for record, model in pairs:
        columns = {c.key for c in model.__table__.columns}
        assert set(record.model_fields) == columns, record.__name__


def test_responses_ignore_unknown_fields_requests_refuse_them() -> None:
    page = ChangesPage.model_validate({"next_cursor": "1", "has_more": False,
                                       "server_time": "2026-11-22T00:00:00Z",
                                       "from_the_future": [1, 2]})
    assert page.payments == [] and not hasattr(page, "from_the_future")
    schema = ComplaintSubmission.model_json_schema()
    assert schema.get("additionalProperties") is False
