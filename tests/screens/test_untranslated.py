"""Finding Chinese left on an English screen (ui.untranslated; issue 18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ui.untranslated import DataText, han_runs, untranslated


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
