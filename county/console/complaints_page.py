"""/complaints and /complaints/{id}: the inbox and one complaint's handling.

The inbox filters by status, level, township, category, item and age,
shows overdue complaints first with colours by time left, and assigns many
at once. A complaint's page shows the payment it concerns, for a real-name
complaint that person's payments (people known by a masked id_hash only),
the forms of the steps that follow from its state, and its history.
Township users see their township's complaints only and act only on those
still at the township level; the inspection office acts on all; viewers read.
Staff register complaints from the hotline, letters and visits here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, or_, select
from starlette.concurrency import run_in_threadpool

from county.complaint_flow.limits import urgency
from county.complaint_flow.service import (
    CHANNELS,
    FEEDBACK_REASONS,
    InputRefused,
    act,
    history,
    register,
)
from county.complaint_flow.states import (
    ACTION_WORDS,
    LEVEL_WORDS,
    OPEN,
    STATUS_WORDS,
    Action,
    ComplaintFlowError,
    Level,
    Status,
    allowed,
)
from county.complaints import ComplaintView, NoSuchComplaintError, get_complaint, view_of
from county.console.errors import Forbidden
from county.console.web import Viewer, audit, engine_of, posted, render, require, xlsx_download
from county.models import BenefitItem, Complaint, Payment, Terminal
from county.voice.store import voice_duration_ms
from kiosk import clock

__all__ = ["CATEGORY_NAMES", "router"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=60)]
Format = Annotated[str, Query(max_length=8, pattern="^(|xlsx)$")]
#: Complaint categories (sync.protocol Category, kiosk.complaints.Reason) for officers.
CATEGORY_NAMES = {"not_received": "未收到", "wrong_amount": "金额不对", "impersonated": "被冒领",
                  "not_mine": "不该有我的名字", "conduct": "办事作风", "other": "其他"}
READERS = ("inspector", "township", "viewer")
ACTORS = ("inspector", "township")
#: Officers' steps on the complaint page (feedback is the villager's, filing the terminal's).
STEPS = (Action.ASSIGN, Action.START, Action.DRAFT, Action.APPROVE, Action.REPLY, Action.CLOSE,
         Action.ESCALATE)
PAID_WORDS = {"paid": "已发放", "pending": "待发放", "returned": "已退回"}
AGES = {"": "不限", "7": "7天以上", "30": "30天以上", "90": "90天以上"}


@dataclass(frozen=True)
class InboxRow:
    """One complaint in the inbox."""

    c: ComplaintView
    colour: str

    @property
    def overdue(self) -> bool:
        """Past its due time."""
        return self.colour == "red"


def _may_act(who: Viewer, c: ComplaintView) -> bool:
    if who.user.role == "inspector":
        return True
    return (who.user.role == "township" and c.township == who.user.township
            and c.level == Level.TOWNSHIP.value)


def _inbox(engine: Engine, *, township: str, status: str, level: str, category: str,
           item: str, age: str, now: datetime) -> list[InboxRow]:
    query = select(Complaint).order_by(Complaint.received_at.desc()).limit(1000)
    for column, value in ((Complaint.township, township), (Complaint.status, status),
                          (Complaint.level, level), (Complaint.category, category),
                          (Complaint.item_code, item)):
        if value:
            query = query.where(column == value)
    if age in AGES and age:
        query = query.where(Complaint.received_at <= now - timedelta(days=int(age)))
    with engine.connect() as conn:
        views = [view_of(r) for r in conn.execute(query)]
    rows = [InboxRow(c, urgency(c.due_at, c.level_since, now)) for c in views]
    rank = {"red": 0, "amber": 1, "green": 2, "": 3}
    # Overdue first, then by time left; finished ones last, newest first among them.
    rows.sort(key=lambda r: (rank[r.colour], r.c.due_at or now,
                             -r.c.received_at.timestamp()))
    return rows


def _choices(engine: Engine) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    with engine.connect() as conn:
        townships = sorted({t for t in conn.execute(select(Terminal.township)).scalars()} |
                           {t for t in conn.execute(select(Complaint.township).distinct())
                            .scalars() if t})
        departments = sorted({d for d in conn.execute(
            select(BenefitItem.department).distinct()).scalars() if d})
        items = [(r.code, r.name) for r in conn.execute(
            select(BenefitItem.code, BenefitItem.name).where(BenefitItem.deleted.is_(False))
            .order_by(BenefitItem.code))]
    assignees = [f"{t}监督组" for t in townships] + departments + ["县纪委监委"]
    return townships, assignees, items


@router.get("/complaints", response_class=HTMLResponse)
def get_complaints(request: Request, township: Text = "", status: Text = "", level: Text = "",
                   category: Text = "", item: Text = "", age: Text = "", format: Format = "",
                   done: Text = "", error: Annotated[str, Query(max_length=300)] = "") -> Response:
    who = require(request, *READERS)
    engine = engine_of(request)
    township = who.township_filter(engine, township, what="/complaints")
    now = clock.now()
    rows = _inbox(engine, township=township, status=status, level=level, category=category,
                  item=item, age=age, now=now)
    if format:
        return xlsx_download(request, who, "投诉", [("投诉", (
            "编号", "回执号", "收到时间", "乡镇", "村", "类别", "内容", "方式", "答复", "状态",
            "级别", "承办", "限办", "渠道"), [
            (r.c.server_id, r.c.ticket_no, r.c.received_at, r.c.township, r.c.village,
             CATEGORY_NAMES.get(r.c.category, r.c.category), r.c.text,
             "匿名" if r.c.anonymous else "实名", r.c.reply_text or "",
             STATUS_WORDS[Status(r.c.status)], LEVEL_WORDS[Level(r.c.level)], r.c.assignee,
             r.c.due_at, CHANNELS.get(r.c.channel, r.c.channel)) for r in rows])])
    townships, assignees, items = _choices(engine)
    return render(request, "complaints.html", who=who, rows=rows, township=township,
                  filters={"status": status, "level": level, "category": category,
                           "item": item, "age": age},
                  townships=[township] if who.user.role == "township" else townships,
                  assignees=assignees, items=items, categories=CATEGORY_NAMES,
                  statuses=STATUS_WORDS, levels=LEVEL_WORDS, ages=AGES, channels=CHANNELS,
                  may_act=who.user.role in ACTORS, done=done, error=error)


def _back(path: str, **query: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode(query)}", status_code=303)


def _visible(engine: Engine, who: Viewer, sid: str) -> ComplaintView:
    """The complaint if ``who`` may see it (a township user: their own township's)."""
    try:
        c = get_complaint(engine, sid)
    except NoSuchComplaintError:
        raise Forbidden("没有这件投诉，或无权查看。") from None
    who.township_filter(engine, c.township, what=f"/complaints/{c.server_id}")
    return c


@router.post("/complaints/assign", response_class=HTMLResponse)
async def post_bulk_assign(request: Request) -> Response:
    who, form = await posted(request, *ACTORS)
    ids = [v for k, v in form.items() if k.startswith("id-") and isinstance(v, str)]
    assignee = str(form.get("assignee") or "")
    engine = engine_of(request)
    done, refused = [], []
    for sid in ids[:500]:
        c = await run_in_threadpool(_visible, engine, who, sid)
        if not _may_act(who, c):
            refused.append(f"{c.server_id}：已在县级办理，乡镇账号不能分派")
            continue
        try:
            await run_in_threadpool(partial(act, engine, c.server_id, Action.ASSIGN,
                                            actor=who.user.name, now=clock.now(),
                                            assignee=assignee))
        except ComplaintFlowError as exc:
            refused.append(f"{c.server_id}：{exc}")
            continue
        await run_in_threadpool(audit, request, who, "complaint.assign", target=c.server_id,
                                township=c.township, after={"assignee": assignee})
        done.append(c.server_id)
    if not ids:
        refused.append("没有选中投诉")
    return _back("/complaints", done=f"已分派 {len(done)} 件" if done else "",
                 error="；".join(refused)[:300])


@router.post("/complaints/register", response_class=HTMLResponse)
async def post_register(request: Request) -> Response:
    who, form = await posted(request, *ACTORS)
    field = {k: str(form.get(k) or "") for k in ("channel", "category", "text", "township",
                                                  "village", "name", "phone", "item")}
    if who.user.role == "township":
        field["township"] = who.user.township
    if field["category"] not in CATEGORY_NAMES:
        return _back("/complaints", error="请选择类别")
    try:
        c = await run_in_threadpool(lambda: register(
            engine_of(request), channel=field["channel"], category=field["category"],
            text=field["text"], township=field["township"], village=field["village"],
            name=field["name"] or None, phone=field["phone"] or None,
            item_code=field["item"] or None, about_official=bool(form.get("about_official")),
            actor=who.user.name, now=clock.now()))
    except InputRefused as exc:
        return _back("/complaints", error=str(exc))
    await run_in_threadpool(audit, request, who, "complaint.register", target=c.server_id,
                            township=c.township, after={"channel": c.channel})
    return RedirectResponse(f"/complaints/{c.server_id}?done=register", status_code=303)


@dataclass(frozen=True)
class PaymentLine:
    """A payment as the complaint page shows it (the payee by a masked id_hash)."""

    id: int
    item: str
    period: str
    amount_fen: int
    paid_on: Any
    status: str
    place: str
    payee: str


def _payments(engine: Engine, c: ComplaintView,
              names: dict[str, str]) -> tuple[PaymentLine | None, list[PaymentLine]]:
    conditions = []
    if c.payment_id is not None:
        conditions.append(Payment.id == c.payment_id)
    if not c.anonymous and c.id_hash:
        conditions.append(Payment.id_hash == c.id_hash)
    if not conditions:
        return None, []
    with engine.connect() as conn:
        rows = conn.execute(select(Payment).where(or_(*conditions), Payment.deleted.is_(False))
                            .order_by(Payment.paid_on.desc()).limit(300)).all()
    lines = [PaymentLine(r.id, names.get(r.item_code, r.item_code), r.period, r.amount_fen,
                         r.paid_on, r.status, f"{r.township} {r.village}",
                         f"{r.id_hash[:6]}…") for r in rows]
    concerned = next((p for p in lines if p.id == c.payment_id), None)
    mine = [p for p, r in zip(lines, rows, strict=True) if r.id_hash == c.id_hash]
    return concerned, mine if not c.anonymous else []


@router.get("/complaints/{sid}", response_class=HTMLResponse)
def get_complaint_page(request: Request, sid: str, done: Text = "",
                       error: Annotated[str, Query(max_length=300)] = "") -> Response:
    who = require(request, *READERS)
    engine = engine_of(request)
    c = _visible(engine, who, sid)
    _, assignees, items = _choices(engine)
    concerned, theirs = _payments(engine, c, dict(items))
    steps = [a for a in allowed(Status(c.status)) if a in STEPS]
    if c.level == Level.COUNTY.value:
        steps = [a for a in steps if a is not Action.ESCALATE]
    if c.draft_reply is None:
        steps = [a for a in steps if a is not Action.APPROVE]
    now = clock.now()
    return render(request, "complaint.html", who=who, c=c, concerned=concerned, theirs=theirs,
                  steps=steps if _may_act(who, c) else [], history=history(engine, c.server_id),
                  assignees=assignees, categories=CATEGORY_NAMES, statuses=STATUS_WORDS,
                  levels=LEVEL_WORDS, actions=ACTION_WORDS, channels=CHANNELS,
                  reasons=FEEDBACK_REASONS, paid_words=PAID_WORDS,
                  colour=urgency(c.due_at, c.level_since, now),
                  open=Status(c.status) in OPEN, done=done, error=error,
                  voice_ms=voice_duration_ms(engine, c.server_id))


@router.post("/complaints/{sid}/{step}", response_class=HTMLResponse)
async def post_step(request: Request, sid: str, step: str) -> Response:
    who, form = await posted(request, *ACTORS)
    engine = engine_of(request)
    c = await run_in_threadpool(_visible, engine, who, sid)
    if step not in {a.value for a in STEPS}:
        raise Forbidden("没有这个操作。")
    if not _may_act(who, c):
        raise Forbidden("这件投诉已在县级办理，乡镇账号只能查看。")
    action = Action(step)
    try:
        after = await run_in_threadpool(lambda: act(
            engine, c.server_id, action, actor=who.user.name, now=clock.now(),
            note=str(form.get("note") or ""), assignee=str(form.get("assignee") or ""),
            text=str(form.get("text") or "")))
    except ComplaintFlowError as exc:
        return _back(f"/complaints/{c.server_id}", error=str(exc)[:300])
    await run_in_threadpool(audit, request, who, f"complaint.{step}", target=c.server_id,
                            township=c.township, before={"status": c.status, "level": c.level},
                            after={"status": after.status, "level": after.level})
    return _back(f"/complaints/{c.server_id}", done=step)
