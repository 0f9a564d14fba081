"""drivers/printer carries identifiers, not wording: Chinese text lives in kiosk.receipt and ui/."""

from __future__ import annotations

import re
from pathlib import Path

DRIVERS = Path(__file__).resolve().parents[2] / "drivers" / "printer"


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """String literals outside comments that hold two or more Han characters."""
    found = []
    for lineno, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0]
        for literal in re.findall(r"\"[^\"]*\"|'[^']*'", code):
            if re.search(r"[\u4e00-\u9fff]{2,}", literal):
                found.append((lineno, literal))
    return found


def test_driver_strings_have_no_chinese_words() -> None:
    found = [f"{p.name}:{n}: {s}" for p in sorted(DRIVERS.glob("*.py"))
             for n, s in chinese_literals(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_sees_chinese_but_not_comments_or_single_characters() -> None:
    source = 'a = "打印机缺纸"\nb = "x"  # 注释里的中文\nc = "¥"\nd = "刘"\n'
    assert chinese_literals(source) == [(1, '"打印机缺纸"')]
