"""What the demo county published and answered, dated relative to the demo's "today".

Notices are in force on the reference day (the two 公示 in the middle of
their periods), and the demo complaint was filed and answered in the weeks
before it, so the demo looks alive on whatever day it runs. Pure data, no
I/O, like :mod:`demo.village`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

__all__ = ["DemoComplaint", "DemoNotice", "demo_complaints", "demo_notices"]

_SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
Scope = Literal["village", "township", "county"]


@dataclass(frozen=True)
class DemoNotice:
    """A notice pushed by the county (政策 / 村务公开 / 村级财务 / 公示)."""

    id: int
    kind: str
    title: str
    body: str
    scope: Scope
    published_on: date
    expires_on: date | None


@dataclass(frozen=True)
class DemoComplaint:
    """A real-name complaint filed on the demo terminal, already answered by the county."""

    key: str
    """Idempotency key: seeding twice files it once."""
    category: str
    item_code: str | None
    text: str
    id_number: str
    """The complainant's number (plaintext: hash before storing)."""
    name: str
    created_at: datetime
    server_id: str
    reply_text: str
    reply_at: datetime


def _quarter_before(day: date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that ended before ``day``."""
    quarter = (day.month - 1) // 3
    return (day.year - 1, 4) if quarter == 0 else (day.year, quarter)


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def demo_notices(today: date) -> tuple[DemoNotice, ...]:
    """The demo's notices, all in force on ``today``."""
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    def ahead(days: int) -> date:
        return today + timedelta(days=days)

    year = today.year
    meeting = ago(23)
    q_year, quarter = _quarter_before(today)
    n: list[tuple[str, str, str, Scope, date, date | None]] = [
        ("政策", f"{ago(60).year}年农村低保标准提高的通知",
         "经县人民政府批准，全县农村低保标准提高到每人每年6000元。"
         "低保对象的补差金额按新标准重新核定，按月发放到社会保障卡。如有疑问，请向村委会或镇民政办咨询。",
         "county", ago(60), None),
        ("政策", "耕地地力保护补贴发放说明",
         f"{year}年耕地地力保护补贴按确权承包耕地面积发放，每亩107元。已经撂荒、改为建设用地或"
         "林地的面积不再发放。补贴在6月底前打入“一卡通”。",
         "county", ago(30), None),
        ("政策", "城乡居民基础养老金提标",
         f"{year}年起，城乡居民基础养老金每人每月提高到208元。年满60周岁的参保人员按月领取。",
         "county", ago(90), None),
        ("村务公开", f"青山村{meeting.year}年村民代表大会决议",
         f"{meeting.year}年{_md(meeting)}召开村民代表大会，应到42人，实到39人。会议表决通过："
         "1. 修建3组至5组通组公路，长1.2公里；2. 村集体茶园收益按人口分红。",
         "village", ago(20), ahead(70)),
        ("村级财务", f"青山村{q_year}年第{'一二三四'[quarter - 1]}季度财务收支公开",
         "本季度收入：上级转移支付48,000.00元，茶园承包费12,500.00元。支出：村干部报酬"
         "21,600.00元，道路维护6,320.50元，办公费1,180.00元。季末结余31,399.50元。",
         "village", ago(12), ahead(80)),
        ("公示", f"{year}年第{(today.month - 1) // 3 + 1}季度低保动态调整公示",
         f"经入户核查和评议，本村拟新增低保2户、退出1户。公示期7天（{_md(ago(3))}至{_md(ahead(3))}），"
         "对公示内容有异议的，可向镇纪委或拨打12388反映。",
         "village", ago(3), ahead(3)),
        ("公示", f"高村镇{ago(10).year}年危房改造竣工验收结果公示",
         f"全镇危房改造17户已全部竣工验收合格，补助资金将于{_md(ahead(20))}前拨付到户。"
         f"公示期至{_md(ahead(20))}。",
         "township", ago(10), ahead(20)),
        ("村务公开", "村便民服务站服务时间",
         "周一至周五 8:30–12:00，14:30–17:30；查询机24小时可用。代办电话请见公示栏。",
         "village", ago(400), None),
    ]
    return tuple(DemoNotice(i + 1, kind, title, body, scope, published, expires)
                 for i, (kind, title, body, scope, published, expires) in enumerate(n))


def demo_complaints(today: date, *, holder: str, holder_name: str) -> tuple[DemoComplaint, ...]:
    """One answered complaint by ``holder``: filed 12 days before ``today``, replied 5 before."""
    filed = datetime.combine(today - timedelta(days=12), time(10, 20), _SHANGHAI)
    replied = datetime.combine(today - timedelta(days=5), time(15, 40), _SHANGHAI)
    month = filed.month
    return (DemoComplaint(
        "demo-complaint-0001", "not_received", "DIBAO",
        f"{month}月的低保到现在还没有打到卡上，请帮忙查一下。", holder, holder_name,
        filed, "C-DEMO-1",
        f"您反映的{month}月低保未到账问题已收到。经核查，系银行退票所致，镇民政办已于"
        f"{_md(replied.date())}补发到您的社会保障卡，请查收。如仍有疑问请拨打12388。——县纪委监委",
        replied),)
