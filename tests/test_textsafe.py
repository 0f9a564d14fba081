"""kiosk.textsafe: what untrusted text becomes on a terminal and in a spreadsheet."""

from __future__ import annotations

import json
import re

import pytest

from kiosk.textsafe import (
    escape_controls,
    plain_text,
    safe_json,
    say,
    spreadsheet_cell,
    xlsx_safe,
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("0.2.0", "0.2.0", id="plain version"),
        pytest.param("高村镇青山村 😀", "高村镇青山村 😀", id="CJK and emoji unchanged"),
        pytest.param("1.0\x1b[2K\rT00009", "1.0\\x1b[2K\\rT00009", id="ANSI erase line + CR"),
        pytest.param("x\x1b]8;;http://evil/\x07y", "x\\x1b]8;;http://evil/\\x07y",
                     id="OSC 8 hyperlink"),
        pytest.param("a\nb\tc", "a\\nb\\tc", id="line break and tab"),
        pytest.param("\x9b31m", "\\x9b31m", id="C1 CSI"),
        pytest.param("\x7f", "\\x7f", id="DEL"),
        pytest.param("abc\u202edcba", "abc\\u202edcba", id="bidi override"),
        pytest.param("\u2066x\u2069", "\\u2066x\\u2069", id="bidi isolates"),
        pytest.param("a\u200bb", "a\\u200bb", id="zero-width space"),
        pytest.param("\udc9b", "\\udc9b", id="lone surrogate"),
    ],
)
def test_escape_controls(raw: str, shown: str) -> None:
    assert escape_controls(raw) == shown
    assert escape_controls(raw).isprintable()


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        pytest.param("=1+1", "'=1+1", id="formula"),
        pytest.param("+1+cmd", "'+1+cmd", id="plus"),
        pytest.param("-1+1", "'-1+1", id="minus"),
        pytest.param("-560", "-560", id="a negative amount is a number"),
        pytest.param("+1,234.50", "+1,234.50", id="a signed amount is a number"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("\r=1", "'\r=1", id="carriage return"),
        pytest.param("金额 = 50", "金额 = 50", id="equals inside is text already"),
        pytest.param("a\x1bb\x00", "a\\x1bb\\x00", id="XLSX-illegal controls made visible"),
        pytest.param(None, "", id="None is an empty cell"),
        pytest.param(-50, -50, id="numbers are numbers"),
    ],
)
def test_spreadsheet_cell(raw: object, cell: object) -> None:
    assert spreadsheet_cell(raw) == cell


def test_xlsx_safe_keeps_line_breaks() -> None:
    assert xlsx_safe("一\n二\r\n三\t") == "一\n二\r\n三\t"


def test_safe_json_keeps_the_data_and_leaves_nothing_raw() -> None:
    data = {"version": "9.9.9\r\x1b[2K0.2.0", "c1": "\x9b2J", "bidi": "\u202e", "name": "刘䶮"}
    text = safe_json(data)
    assert json.loads(text) == data
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", text)
    assert "刘䶮" in text


def test_say_prints_one_escaped_line(capsys: pytest.CaptureFixture[str]) -> None:
    say("T00001 0.2.0\x1b[1A\nT00009 forged")
    assert capsys.readouterr().out == "T00001 0.2.0\\x1b[1A\\nT00009 forged\n"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        pytest.param(" 通知\r\n正文 ", "通知\n正文", id="CRLF, trimmed"),
        pytest.param("a\x1b[31mb\x07\x00", "a[31mb", id="controls dropped"),
        pytest.param("价格\u202e001\u202c", "价格001", id="bidi override dropped"),
        pytest.param("<b>粗</b><img src=x>", "<b>粗</b><img src=x>", id="markup is text"),
        pytest.param("列\t表", "列\t表", id="tab kept"),
        pytest.param("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧", id="emoji joiners kept"),
    ],
)
def test_plain_text(raw: str, stored: str) -> None:
    assert plain_text(raw) == stored
