"""Finding Chinese left on an English screen (ui.untranslated; issue 18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ui.i18n import I18N_DIR
from ui.untranslated import DataText, han_runs, untranslated, wording


@pytest.mark.parametrize(("text", "runs"), [
    ("Lay your ID card on the reader", []),
    ("共 3 笔，已发放 ¥1,234.50", ["共", "笔", "已发放"]),
    ("谭开生's benefits", ["谭开生"]),
    ("Rare: 刘䶮 𠮷", ["刘䶮", "𠮷"]),
    ("（）、，。", []),  # punctuation alone is no untranslated word
    ("Friday, 20 November 2026", []),
])
def test_han_runs(text: str, runs: list[str]) -> None:
    assert han_runs(text) == runs


def test_data_from_the_database_is_not_untranslated(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    con = sqlite3.connect(db)
    with con:
        con.execute("CREATE TABLE item (code TEXT, name TEXT, fen INTEGER)")
        con.execute("INSERT INTO item VALUES ('A01', '农村最低生活保障金', 76000)")
        con.execute('CREATE TABLE "odd ""name" (who TEXT)')
        con.execute('INSERT INTO "odd ""name" VALUES (\'谭开生\')')
    con.close()
    data = DataText(db, extra=("高村镇青山村",))
    shown = ["农村最低生活保障金 (whole household)", "谭开生's benefits", "Village: 高村镇青山村",
             "共 1 笔", "Paid", "已发放", "共 1 笔"]
    assert untranslated(shown, data) == ["共 1 笔", "已发放"]


def test_the_kiosks_own_wording_is_untranslated_even_where_data_has_it(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    con = sqlite3.connect(db)
    with con:
        con.execute("CREATE TABLE notice (body TEXT)")
        con.execute("INSERT INTO notice VALUES ('村级工程由村民代表会议决定')")
    con.close()
    sources = wording(I18N_DIR / "village_kiosk_ug.ts")
    assert {"村级工程", "村务公开", "请将身份证放在读卡区"} <= sources
    shown = ["村级工程", "村级工程由村民代表会议决定", "كەنت قۇرۇلۇشلىرى"]
    assert untranslated(shown, DataText(db), sources) == ["村级工程"]
    assert untranslated(shown, DataText(db)) == []  # without the wording: taken for data
