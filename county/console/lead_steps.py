"""Handling a lead on /leads/{id}: assign → confirm (amount to recover) | dismiss (reason) →
recovered (amount, date), each step a CSRF-checked form, written to the lead's history
(county/collision/life.py) and to the audit log.

Who may act (the console's roles, DESIGN.md §9):

- the inspector role (县纪委) takes every step: hands a lead to a township
  supervision group (again, to another group, while it is assigned), confirms,
  dismisses (also a new lead that is plainly innocent) and records money
  recovered;
- a township account works its own township's leads once they are assigned:
  confirm, dismiss, record money recovered. It cannot assign, and cannot
  dismiss a lead nobody has assigned yet;
- every other role neither sees nor handles leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool

from county.collision import life
from county.collision.models import Lead, LeadEvent
from county.console.errors import Forbidden
from county.console.web import Viewer, audit, engine_of, posted
from kiosk import clock
from kiosk.money import AmountError, format_yuan, parse_yuan

__all__ = ["STEP_WORDS", "EventRow", "events", "router", "steps_for"]

router = APIRouter(include_in_schema=False)

#: The steps, as their buttons and the page's "done" line name them.
STEP_WORDS = {"assign": "交办", "confirm": "核实属实", "dismiss": "排除", "recover": "登记追回"}
#: The states each step starts from, per role.
_FROM: dict[str, dict[str, tuple[str, ...]]] = {
    "inspector": {"assign": ("new", "assigned"), "confirm": ("assigned",),
                  "dismiss": ("new", "assigned"), "recover": ("confirmed",)},
    "township": {"confirm": ("assigned",), "dismiss": ("assigned",), "recover": ("confirmed",)}}
_EVENT_WORDS = {"found": "发现", "assigned": "交办", "confirmed": "核实属实", "dismissed": "排除",
                "recovered": "追回", "closed": "证据消失，关闭", "reopened": "证据再现，重新打开"}


def steps_for(role: str, status: str) -> list[str]:
    """The steps ``role`` may take on a lead in ``status`` (in the page's order)."""
    return [step for step, starts in _FROM.get(role, {}).items() if status in starts]


@dataclass(frozen=True)
class EventRow:
    """One line of a lead's handling history as the page shows it."""

    at: str
    actor: str
    action: str
    note: str
    amount: str


def events(engine: Engine, lead_id: int) -> list[EventRow]:
    """The lead's history, oldest first."""
    from kiosk.timefmt import format_local

    with engine.connect() as conn:
        rows = conn.execute(select(LeadEvent).where(LeadEvent.lead_id == lead_id)
                            .order_by(LeadEvent.at, LeadEvent.id)).all()
    return [EventRow(format_local(r.at), r.actor, _EVENT_WORDS.get(r.action, r.action), r.note,
                     "" if r.amount_fen is None else format_yuan(r.amount_fen)) for r in rows]


def _yuan(text: str) -> int:
    try:
        return parse_yuan(text)
    except AmountError:
        raise ValueError(f"金额请填元，最多两位小数：{text}") from None


def _back(lead_id: int, **query: str) -> RedirectResponse:
    return RedirectResponse(f"/leads/{lead_id}?{urlencode(query)}", status_code=303)


def _take(engine: Engine, who: Viewer, lead_id: int, step: str,
          form: dict[str, object]) -> tuple[str, str, dict[str, object]]:
    """Take ``step``; returns (township, status before, what the audit log keeps).

    Raises :class:`Forbidden` (not this role's step, another township's lead)
    and :class:`life.LeadError` / ``ValueError`` (in Chinese) for a step
    the lead cannot take or a bad field.
    """
    with engine.connect() as conn:
        lead = conn.execute(select(Lead.township, Lead.status).where(Lead.id == lead_id)).first()
    if lead is None:
        raise life.LeadError(f"线索 {lead_id} 不存在。")
    who.township_filter(engine, lead.township, what=f"/leads/{lead_id}/{step}")
    if step not in _FROM.get(who.user.role, {}):
        raise Forbidden("您的账号角色不能对线索做这一步。")
    if step not in steps_for(who.user.role, lead.status):
        raise life.LeadError("这条线索现在的状态不能做这一步（可能已有人处理），请刷新页面。")
    actor, now = who.user.name, clock.now()
    text = {k: str(form.get(k) or "").strip()[:200] for k in ("group", "amount", "reason",
                                                              "note", "on")}
    kept: dict[str, object] = {}
    problem = {"assign": not text["group"] and "请填写交办给哪个监督小组。",
               "dismiss": not text["reason"] and "排除线索必须填写理由。",
               "recover": not text["amount"] and "请填写追回金额。"}.get(step)
    if problem:
        raise ValueError(problem)
    if step == "assign":
        life.assign(engine, lead_id, text["group"], actor=actor, now=now)
        kept["group"] = text["group"]
    elif step == "confirm":
        fen = _yuan(text["amount"] or "0")
        life.confirm(engine, lead_id, fen, actor=actor, now=now, note=text["note"])
        kept.update(amount_fen=fen, note=text["note"])
    elif step == "dismiss":
        life.dismiss(engine, lead_id, text["reason"], actor=actor, now=now)
        kept["reason"] = text["reason"]
    else:
        fen = _yuan(text["amount"])
        if fen <= 0:
            raise ValueError("追回金额必须大于零。")
        try:
            on = date.fromisoformat(text["on"]) if text["on"] else clock.today()
        except ValueError:
            raise ValueError(f"追回日期不是 YYYY-MM-DD 格式：{text['on']}") from None
        if on > clock.today():
            raise ValueError(f"追回日期 {on} 晚于今天。")
        life.recover(engine, lead_id, fen, on, actor=actor, now=now)
        kept.update(amount_fen=fen, on=on.isoformat())
    return lead.township, lead.status, kept


@router.post("/leads/{lead_id}/{step}", response_class=HTMLResponse)
async def post_step(request: Request, lead_id: int, step: str) -> Response:
    if step not in STEP_WORDS:
        raise Forbidden("没有这个操作。")
    who, form = await posted(request, "inspector", "township")
    engine = engine_of(request)
    try:
        township, before, kept = await run_in_threadpool(_take, engine, who, lead_id, step,
                                                         form)
    except (life.LeadError, ValueError) as exc:
        return _back(lead_id, error=str(exc)[:300])
    with engine.connect() as conn:
        after = conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar_one()
    await run_in_threadpool(audit, request, who, f"lead.{step}", target=f"lead {lead_id}",
                            township=township, before={"status": before},
                            after={"status": after, **kept})
    return _back(lead_id, done=step)
