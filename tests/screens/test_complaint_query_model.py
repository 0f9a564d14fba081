"""The 查询投诉 view-model's input rules, without QML and without asking the county."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from kiosk.config import Config, TerminalConfig
from sync.protocol import LookupAnswer
from ui.viewmodels.complaintquery import ComplaintQueryModel
from ui.viewmodels.screens import Screen


class _Session(QObject):
    cleared = Signal()


class _NoCounty:
    """Services whose county must not be asked: these rules decide before any lookup."""

    def __init__(self, code: str) -> None:
        self.config = replace(Config(), terminal=TerminalConfig(code=code))

    def lookup_complaint(self, ticket_no: str, query_code: str) -> LookupAnswer:
        raise AssertionError("the county was asked")


def _model(code: str = "QS01") -> tuple[ComplaintQueryModel, list[Screen], _Session]:
    shown: list[Screen] = []
    session = _Session()
    model = ComplaintQueryModel(_NoCounty(code), shown.append, session.cleared)
    return model, shown, session


def _keys(model: ComplaintQueryModel, keys: list[str] | str, *, code: bool = False) -> None:
    for key in keys:
        (model.codeKey if code else model.ticketKey)(key)


def test_this_terminals_code_is_filled_in_and_the_number_padded(qtbot: QtBot) -> None:
    model, shown, _ = _model()
    model.open()
    assert (shown, model.ticket, model.step) == ([Screen.COMPLAINT_QUERY], "QS01-", "ticket")
    _keys(model, ["4", "2", "ok"])
    assert (model.ticket, model.step, model.error) == ("QS01-000042", "code", "")


def test_another_terminals_ticket_with_letters(qtbot: QtBot) -> None:
    model, _, _ = _model()
    model.open()
    _keys(model, [*["back"] * 5, *"DEMO01-000007", "ok"])
    assert (model.ticket, model.step) == ("DEMO01-000007", "code")


def test_a_ticket_without_a_number_is_refused_in_chinese(qtbot: QtBot) -> None:
    model, _, _ = _model()
    model.open()
    _keys(model, [*["back"] * 5, *"QS01", "ok"])
    assert model.step == "ticket" and model.error.startswith("编号不对")
    _keys(model, ["x", "é", "--"])  # not keys of the pads: ignored
    assert model.ticket == "QS01"


def test_the_code_takes_six_digits_and_a_short_one_is_not_sent(qtbot: QtBot) -> None:
    model, _, _ = _model()
    model.open()
    _keys(model, ["1", "ok"])
    _keys(model, [*"12345", "ok"], code=True)
    assert (model.step, model.error) == ("code", "查询码是6位数字，请输完整。")
    _keys(model, [*"6789", "back"], code=True)
    assert model.code == "12345"  # six digits at most, then 删除 took the sixth
    _keys(model, ["9"], code=True)
    assert model.code == "123459"


def test_the_end_of_the_session_forgets_ticket_and_code(qtbot: QtBot) -> None:
    model, _, session = _model()
    model.open()
    _keys(model, ["1", "ok"])
    _keys(model, list("1234"), code=True)
    session.cleared.emit()
    assert (model.step, model.ticket, model.code, model.error) == ("ticket", "", "", "")


def test_read_aloud_says_what_to_type_and_never_the_code(qtbot: QtBot) -> None:
    model, _, _ = _model()
    model.open()
    assert "投诉受理号" in model.spoken()
    _keys(model, ["7", "ok"])
    _keys(model, list("90817"), code=True)
    assert "6位查询码" in model.spoken() and "90817" not in model.spoken()
    model.codeKey("ok")
    assert model.spoken() == "查询码是6位数字，请输完整。"
