"""Console pages (paths are a contract): /dashboard, /terminals, /notices, /audit, /public.
/imports lives in county/console/imports_page.py, /complaints in complaints_page.py,
/disclosure in disclosure_page.py.

Each handler asks for the viewer and its role first, then narrows what it
reads to a township user's own township (:meth:`Viewer.township_filter`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, or_, select
from starlette.concurrency import run_in_threadpool

from county.changes import cursor_value
from county.console import (
    complaints_page,
    disclosure_page,
    imports_page,
    lead_steps,
    leads_page,
)
from county.console.audit import ACTION_WORDS, list_audit
from county.console.complaint_stats import complaint_figures, export_sheets
from county.console.complaints_page import CATEGORY_NAMES
from county.console.lead_export import lead_sheets
from county.console.lead_figures import LEAD_ROLES, lead_headline
from county.console.stats import Area, Bar, dashboard, public_figures
from county.console.web import audit, engine_of, posted, render, require, xlsx_download
from county.models import BenefitItem, Notice, Terminal
from county.notices import KINDS, NoticeRow, add_notice, notice_row, retire_notice
from county.replica_lag import lag_words, replica_lag
from county.terminals import FleetRow, fleet
from kiosk import clock
from kiosk.money import format_yuan

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.include_router(imports_page.router)
router.include_router(leads_page.router)  # issue 16: /leads, /leads/{id}, /cards
router.include_router(lead_steps.router)  # after leads_page: /leads/{id}/reveal first
router.include_router(complaints_page.router)
router.include_router(disclosure_page.router)  # issue 17: /disclosure
Text = Annotated[str, Query(max_length=60)]
#: ``?format=xlsx`` on a table page downloads the same rows as a workbook.
Format = Annotated[str, Query(max_length=8, pattern="^(|xlsx)$")]
SILENT_AFTER = timedelta(hours=6)
#: Device states a terminal reports (drivers/ enums; the county shares only the wire) in Chinese.
DEVICE_WORDS = {"ready": "正常", "card_present": "正常（有卡）", "reading": "正常（读卡中）",
                "paper_near_end": "纸将用完", "paper_out": "缺纸", "cover_open": "机盖未关",
                "offline": "离线", "unknown": "无应答", "disconnected": "未连接",
                "unmonitored": "不监测", "stopped": "已停止", "connecting": "连接中",
                "not_responding": "无应答", "unavailable": "不可用", "sam_fault": "安全模块故障"}
_READER_OK = ("ready", "card_present", "reading", "")
_PRINTER_OK = ("ready", "unmonitored", "")


@dataclass(frozen=True)
class ChartRow:
    """One bar as the SVG template draws it."""

    label: str
    text: str
    percent: float
    href: str


def chart(bars: list[Bar], *, money: bool = True,
          href: dict[str, str] | None = None) -> list[ChartRow]:
    """Bars scaled to the largest, with their value as text and an optional link."""
    top = max((b.value for b in bars), default=0) or 1
    return [ChartRow(b.label, format_yuan(b.value) if money else f"{b.value}",
                     round(100 * b.value / top, 2), (href or {}).get(b.label, ""))
            for b in bars]


@router.get("/", include_in_schema=False)
def get_root() -> Response:
    return RedirectResponse("/dashboard", status_code=303)


@router.get("/dashboard", response_class=HTMLResponse)
def get_dashboard(request: Request, township: Text = "", village: Text = "",
                  format: Format = "") -> Response:
    who = require(request, "it", "inspector", "township", "viewer")
    engine = engine_of(request)
    township = who.township_filter(engine, township, what="/dashboard")
    area = Area(township, village if township else "")
    data = dashboard(engine, area, now=clock.now())
    handling = complaint_figures(engine, area, now=clock.now())
    leads = (lead_headline(engine, area.township)  # issue 16: Mayang figures
             if who.user.role in LEAD_ROLES and not area.village else None)
    if format:
        name = area.village or area.township or "全县"
        money = ["金额（元）"]
        lead_part = ([] if leads is None else
                     lead_sheets(engine, leads, leads_page.vault_of(request), area.township))
        return xlsx_download(request, who, f"统计-{name}", [
            (title, [label, *money], [(b.label, b.value / 100) for b in bars])
            for title, label, bars in (
                ("按年度", "年度", data.by_year), ("按项目", "项目", data.by_item),
                ("按地区", "村" if area.township else "乡镇", data.by_place),
                ("按部门", "发放部门", data.by_department))] + [
            ("投诉", ["月", "件数"], [(b.label, b.value) for b in data.complaints_by_month]),
            *export_sheets(handling, CATEGORY_NAMES), *lead_part])
    if area.village:
        links: dict[str, str] = {}
    elif area.township:
        links = {b.label: "/dashboard?" + urlencode({"township": township, "village": b.label})
                 for b in data.by_place}
    else:
        links = {b.label: "/dashboard?" + urlencode({"township": b.label})
                 for b in data.by_place}
    local = clock.local_now()
    first = (local.year, local.month - 11) if local.month == 12 else (local.year - 1,
                                                                      local.month + 1)
    months = f"{first[0]}年{first[1]}月–{local.year}年{local.month}月"
    return render(request, "dashboard.html", who=who, data=data, area=area, months=months,
                  by_year=chart(data.by_year), by_item=chart(data.by_item),
                  by_place=chart(data.by_place, href=links),
                  by_department=chart(data.by_department),
                  complaints=chart(data.complaints_by_month, money=False),
                  handling=handling,
                  category_names=CATEGORY_NAMES,
                  leads=leads)


TERMINAL_COLUMNS = ("终端", "乡镇", "村", "状态", "最后心跳", "版本", "待同步", "待上报", "读卡器",
                    "打印机", "磁盘剩余(GB)")


def _state(row: FleetRow) -> str:
    """失联 / 故障 / 需换纸 / 正常 (or 已吊销): what an officer needs to know first."""
    if row.revoked:
        return "已吊销"
    if row.silent:
        return "失联"
    if row.reader not in _READER_OK or row.printer not in (*_PRINTER_OK, "paper_near_end"):
        return "故障"
    return "需换纸" if row.printer == "paper_near_end" else "正常"


@router.get("/terminals", response_class=HTMLResponse)
def get_terminals(request: Request, township: Text = "", format: Format = "") -> Response:
    who = require(request, "it", "inspector", "township", "viewer")
    engine = engine_of(request)
    township = who.township_filter(engine, township, what="/terminals")
    rows = [r for r in fleet(engine, now=clock.now(), silent_after=SILENT_AFTER)
            if not township or r.township == township]
    order = {"失联": 0, "故障": 1, "需换纸": 2, "正常": 3, "已吊销": 4}
    rows.sort(key=lambda r: (order[_state(r)], r.township, r.village, r.terminal_id))
    if format:
        return xlsx_download(request, who, "终端", [("终端", TERMINAL_COLUMNS, [
            (r.terminal_id, r.township, r.village, _state(r), r.last_heartbeat_at, r.version,
             r.cursor_lag, r.outbox_depth, DEVICE_WORDS.get(r.reader, r.reader),
             DEVICE_WORDS.get(r.printer, r.printer),
             None if r.disk_free_bytes is None else round(r.disk_free_bytes / 2**30, 1))
            for r in rows])])
    with engine.connect() as conn:
        townships = sorted(set(conn.execute(select(Terminal.township)).scalars()))
    replica = getattr(request.app.state, "replica", None) if who.user.role == "it" else None
    lag = None if replica is None else replica_lag(engine, replica)  # issue 19
    return render(request, "terminals.html", who=who, rows=rows, township=township,
                  townships=townships, state=_state, words=DEVICE_WORDS, replica=lag,
                  replica_words=None if lag is None else lag_words(lag))


@dataclass(frozen=True)
class NoticeTerminal:
    """A terminal in a notice's scope: its code, its village, when it last called in."""

    id: str
    township: str
    village: str
    last_seen_at: datetime | None


@dataclass(frozen=True)
class NoticeView(NoticeRow):
    """A notice with the terminals in its scope that have fetched it and those that have not
    (a township user's: only its own township's terminals)."""

    received_by: tuple[NoticeTerminal, ...]
    waiting: tuple[NoticeTerminal, ...]

    @property
    def received(self) -> int:
        """How many terminals in scope have it."""
        return len(self.received_by)

    @property
    def in_scope(self) -> int:
        """How many terminals are in its scope."""
        return len(self.received_by) + len(self.waiting)


def _notices(engine: Engine, township: str, *, include_retired: bool) -> list[NoticeView]:
    query = select(Notice).order_by(Notice.published_on.desc(), Notice.id.desc()).limit(300)
    terminal_query = select(Terminal.id, Terminal.township, Terminal.village, Terminal.cursor,
                            Terminal.last_seen_at).where(Terminal.revoked_at.is_(None))
    if township:
        query = query.where(or_(Notice.scope == "county", Notice.township == township))
        terminal_query = terminal_query.where(Terminal.township == township)
    if not include_retired:
        query = query.where(Notice.deleted.is_(False))
    with engine.connect() as conn:
        notices = conn.execute(query).all()
        terminals = conn.execute(terminal_query.order_by(
            Terminal.township, Terminal.village, Terminal.id)).all()
    out = []
    for n in notices:
        scoped = [t for t in terminals if n.scope == "county" or (
            t.township == n.township and (n.scope == "township" or t.village == n.village))]
        got = [(cursor_value(t.cursor) or 0) >= n.seq for t in scoped]
        refs = [NoticeTerminal(t.id, t.township, t.village, t.last_seen_at) for t in scoped]
        out.append(NoticeView(
            **asdict(notice_row(n)),
            received_by=tuple(r for r, has in zip(refs, got, strict=True) if has),
            waiting=tuple(r for r, has in zip(refs, got, strict=True) if not has)))
    return out


def _codes(terminals: tuple[NoticeTerminal, ...]) -> str:
    return "; ".join(f"{t.id} {t.township}{t.village}" for t in terminals)


@router.get("/notices", response_class=HTMLResponse)
def get_notices(request: Request, all: int = 0, error: str = "",
                done: Annotated[str, Query(max_length=40)] = "", format: Format = "") -> Response:
    who = require(request, "it", "inspector", "township", "viewer")
    engine = engine_of(request)
    township = who.township_filter(engine, "", what="/notices")
    if format:
        return xlsx_download(request, who, "公告", [("公告", (
            "编号", "类别", "标题", "范围", "乡镇", "村", "发布", "到期", "已撤下", "已收到的终端",
            "范围内终端", "尚未收到的终端", "已收到的终端编号"), [
            (n.id, n.kind, n.title, n.scope, n.township, n.village, n.published_on,
             n.expires_on, n.retired, n.received, n.in_scope, _codes(n.waiting),
             _codes(n.received_by))
            for n in _notices(engine, township, include_retired=True)])])
    return render(request, "notices.html", who=who, kinds=KINDS, done=done, error=error[:200],
                  notices=_notices(engine, township, include_retired=bool(all)),
                  show_all=bool(all), today=clock.today())


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


@router.post("/notices", response_class=HTMLResponse)
async def post_notice(request: Request) -> Response:
    who, form = await posted(request, "it")
    fields = {k: str(form.get(k) or "") for k in
              ("kind", "title", "body", "scope", "township", "village", "published_on",
               "expires_on")}
    try:
        published = _day(fields["published_on"]) or clock.today()
        notice_id = await run_in_threadpool(
            add_notice, engine_of(request), kind=fields["kind"], title=fields["title"],
            body=fields["body"], scope=fields["scope"], township=fields["township"],
            village=fields["village"], published_on=published,
            expires_on=_day(fields["expires_on"]), now=clock.now())
    except ValueError as exc:
        return RedirectResponse("/notices?" + urlencode({"error": str(exc)}), status_code=303)
    await run_in_threadpool(audit, request, who, "notice.publish", target=f"notice {notice_id}",
                            township=fields["township"], after=fields)
    return RedirectResponse(f"/notices?done=published-{notice_id}", status_code=303)


@router.post("/notices/{notice_id}/retire", response_class=HTMLResponse)
async def post_retire(request: Request, notice_id: int) -> Response:
    who, _form = await posted(request, "it")
    if not await run_in_threadpool(retire_notice, engine_of(request), notice_id,
                                   now=clock.now()):
        return RedirectResponse("/notices?" + urlencode({"error": f"没有在用的公告 {notice_id}"}),
                                status_code=303)
    await run_in_threadpool(audit, request, who, "notice.retire", target=f"notice {notice_id}",
                            before={"retired": False}, after={"retired": True})
    return RedirectResponse(f"/notices?done=retired-{notice_id}", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def get_audit(request: Request, before: int | None = None,
              action: Annotated[str, Query(max_length=40)] = "", format: Format = "") -> Response:
    who = require(request, "it", "inspector")
    rows = list_audit(engine_of(request), limit=100_000 if format else 200, before_id=before,
                      action=action or None)
    if format:
        return xlsx_download(request, who, "审计日志", [("审计日志", (
            "编号", "时间", "操作人", "地址", "操作", "代码", "对象", "乡镇", "变更前", "变更后"), [
            (r.id, r.at, r.actor, r.address, ACTION_WORDS.get(r.action, r.action), r.action,
             r.target, r.township, r.before, r.after) for r in rows])])
    return render(request, "audit.html", who=who, rows=rows, action=action, words=ACTION_WORDS)


@router.get("/public", response_class=HTMLResponse)
def get_public(request: Request) -> Response:
    engine = engine_of(request)
    figures = public_figures(engine)
    today = clock.today()
    with engine.connect() as conn:
        notices = conn.execute(select(Notice).where(
            Notice.scope == "county", Notice.deleted.is_(False), Notice.published_on <= today,
            or_(Notice.expires_on.is_(None), Notice.expires_on >= today))
            .order_by(Notice.published_on.desc()).limit(50)).all()
        items = conn.execute(select(BenefitItem).where(BenefitItem.deleted.is_(False))
                             .order_by(BenefitItem.code)).all()
    return render(request, "public.html", figures=figures, by_year=chart(figures.by_year),
                  by_item=chart(figures.by_item), by_township=chart(figures.by_township),
                  items=items, notices=notices)

