"""Console pages of 数据碰撞: /leads, /leads/{id} (with the full ID number for inspectors, each
reveal audited) and /cards.

Leads name people: only the inspector and township roles see them, a township
user only their own township's. The cards name departments, not people:
every role but department staff sees them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from county.collision.cards import cards
from county.collision.life import figures
from county.collision.models import LEAD_STATES, Lead
from county.collision.names import RULE_NAMES
from county.collision.rules import CHECK_NEXT, rule_named
from county.collision.run import LeadView, lead_views
from county.console.lead_steps import STEP_WORDS, events, steps_for
from county.console.web import Viewer, engine_of, posted, render, require
from county.payees import IdVault, KeyFileError, load_vault, reveal
from kiosk import clock
from kiosk.money import format_yuan

__all__ = ["STATUS_WORDS", "router", "vault_of"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=60)]
LEAD_ROLES = ("inspector", "township")
STATUS_WORDS = {"new": "新线索", "assigned": "已交办", "confirmed": "已核实",
                "dismissed": "已排除", "recovered": "已追回", "closed": "证据消失已关闭"}
CARD_WORDS = {"red": "红牌", "yellow": "黄牌", "": "按时"}


def vault_of(request: Request) -> IdVault | None:
    """The county ID key (names of payees), None without its file."""
    try:
        return load_vault(str(engine_of(request).url), create=False)
    except KeyFileError:
        return None  # names stay blank; masked numbers still show


@router.get("/leads", response_class=HTMLResponse)
def get_leads(request: Request, rule: Text = "", township: Text = "",
              status: Text = "") -> Response:
    who = require(request, *LEAD_ROLES)
    engine = engine_of(request)
    township = who.township_filter(engine, township, what="/leads")
    with engine.connect() as conn:
        views = lead_views(conn, vault_of(request), rules=[rule] if rule in RULE_NAMES else None,
                           township=township or None,
                           status=status if status in LEAD_STATES else None, limit=500)
        totals = [f for f in figures(conn, "township") if f.key and (
            not township or f.key == township)]
    return render(request, "leads.html", who=who, leads=views, rule=rule, township=township,
                  totals=totals,
                  state=status, rules=RULE_NAMES, states=STATUS_WORDS)


def _one(request: Request, lead_id: int):  # type: ignore[no-untyped-def]
    who = require(request, *LEAD_ROLES)
    engine = engine_of(request)
    with engine.connect() as conn:
        views = lead_views(conn, vault_of(request), ids=[lead_id])
    if not views:
        return who, None
    lead = views[0]
    who.township_filter(engine, lead.township, what=f"/leads/{lead_id}")
    return who, lead


def _lead_page(request: Request, who: Viewer, lead: LeadView, *, full_id: str = "",
               error: str = "", done: str = "", step_error: str = "") -> Response:
    return render(request, "lead.html", who=who, lead=lead, rule=rule_named(lead.rule),
                  check=CHECK_NEXT[lead.rule], states=STATUS_WORDS, full_id=full_id,
                  error=error, steps=steps_for(who.user.role, lead.status),
                  step_words=STEP_WORDS, history=events(engine_of(request), lead.id),
                  done=STEP_WORDS.get(done, ""), step_error=step_error,
                  today=clock.today().isoformat(),
                  confirmed_yuan=format_yuan(lead.confirmed_fen, symbol=False)
                  if lead.confirmed_fen else "")


@router.get("/leads/{lead_id}", response_class=HTMLResponse)
def get_lead(request: Request, lead_id: int, done: Text = "",
             error: Annotated[str, Query(max_length=300)] = "") -> Response:
    who, lead = _one(request, lead_id)
    if lead is None:
        return render(request, "error.html", who=who, status=404, title="没有这条线索",
                      message=f"线索 {lead_id} 不存在。")
    return _lead_page(request, who, lead, done=done, step_error=error)


@router.post("/leads/{lead_id}/reveal", response_class=HTMLResponse)
async def post_reveal(request: Request, lead_id: int) -> Response:
    who, form = await posted(request, "inspector")
    _, lead = await run_in_threadpool(_one, request, lead_id)
    if lead is None:
        return render(request, "error.html", who=who, status=404, title="没有这条线索",
                      message=f"线索 {lead_id} 不存在。")
    reason = str(form.get("reason") or "").strip()[:200]
    full_id, error = "", ""
    vault = vault_of(request)
    if not reason:
        error = "请填写查看完整身份证号的理由（会记入审计日志）。"
    elif vault is None:
        error = "服务器上没有身份证号密钥文件，无法查看。"
    else:
        engine = engine_of(request)
        with engine.connect() as conn:
            who_hash = conn.execute(select(Lead.id_hash).where(Lead.id == lead_id)).scalar_one()
        full_id = await run_in_threadpool(
            reveal, engine, vault, who_hash, actor=who.user.name, role=who.user.role,
            reason=f"线索 {lead_id}: {reason}", address=who.address, now=clock.now())
    return _lead_page(request, who, lead, full_id=full_id, error=error)


@router.get("/cards", response_class=HTMLResponse)
def get_cards(request: Request) -> Response:
    who = require(request, "it", "inspector", "township", "viewer")
    with engine_of(request).connect() as conn:
        rows = cards(conn, today=clock.today())
    return render(request, "cards.html", who=who, cards=rows, words=CARD_WORDS)
