"""Real-looking payment lists for the speech tests."""

from __future__ import annotations

from datetime import date

from kiosk.lookup import LookupResult, PaymentLine, summarise

_DEPT = {"DIBAO": "县民政局", "YANGLAO": "县人力资源和社会保障局", "GENGDI": "县农业农村局",
         "GONGYILIN": "县林业局", "GAOLING": "县民政局", "JIANGLI": "县卫生健康局",
         "CJ_HULI": "县民政局"}
_NAMES = {"DIBAO": "农村最低生活保障金", "YANGLAO": "城乡居民基础养老金",
          "GENGDI": "耕地地力保护补贴", "GONGYILIN": "生态公益林补偿", "GAOLING": "高龄津贴",
          "JIANGLI": "农村计划生育家庭奖励扶助金", "CJ_HULI": "重度残疾人护理补贴"}


class Payments:
    def __init__(self) -> None:
        self.lines: list[PaymentLine] = []

    def add(self, code: str, paid_on: date, fen: int, status: str = "paid") -> None:
        self.lines.append(PaymentLine(
            len(self.lines) + 1, code, _NAMES[code], f"{paid_on.year}年{paid_on.month}月", fen,
            paid_on, status, _DEPT[code], "财政资金", code in ("DIBAO", "GENGDI", "GONGYILIN")))

    def result(self) -> LookupResult:
        return LookupResult("431226********079X", "H0001", None, summarise(self.lines))


def tan_kaisheng() -> Payments:
    """An 81-year-old in a 低保 household with farmland and forest, as of 2026-11-20.

    Paid in 2026: 低保 11 × 360.00, pension 11 × 208.00, forest 1530.00, farmland
    1255.80 (11.96 亩 × 105), family-planning award 960.00, 高龄 3 × 150.00
    = 10 443.80; pending: 低保 360.00 + pension 250.00 + 高龄 150.00 = 760.00.
    """
    p = Payments()
    for month in range(1, 12):
        p.add("DIBAO", date(2026, month, 10), 36000)
        p.add("YANGLAO", date(2026, month, 15), 20800)
    p.add("DIBAO", date(2026, 12, 10), 36000, "pending")
    p.add("YANGLAO", date(2026, 12, 15), 25000, "pending")
    p.add("GONGYILIN", date(2026, 6, 30), 153000)
    p.add("GENGDI", date(2026, 5, 20), 125580)
    p.add("JIANGLI", date(2026, 3, 31), 96000)
    for month in (3, 6, 9):
        p.add("GAOLING", date(2026, month, 25), 15000)
    p.add("GAOLING", date(2026, 12, 25), 15000, "pending")
    for month in range(1, 13):
        p.add("YANGLAO", date(2025, month, 15), 19800)
    return p
