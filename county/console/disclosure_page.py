"""/disclosure (村务公开设置): which benefit items' rolls are public, and for how long.

Every console role but department accounts reads the list: each catalogue
item with its disclosure status and period and the entries on its rolls
today (a township account: in its township). Only IT changes a setting, with
the same function and checks as `county item disclose CODE --days N |
--months N | --off` (county.disclosure.rolls.set_disclosure); every change is
audited (``item.disclose``, before and after). Terminals take the change at
their next sync (the rolls are rebuilt before the next ``changes`` page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool

from county.console.web import audit, engine_of, posted, render, require
from county.disclosure.models import ItemDisclosure, RollEntry
from county.disclosure.rolls import MAX_DAYS, MAX_MONTHS, set_disclosure
from county.models import BenefitItem
from kiosk import clock

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_READERS = ("it", "inspector", "township", "viewer")


@dataclass(frozen=True)
class ItemRow:
    """One catalogue item as the page lists it."""

    code: str
    name: str
    department: str
    state: str
    """``public`` | ``off`` (set not public) | ``unset`` (never set: not public)."""
    period_months: int
    period_days: int
    entries: int
    """Entries on its rolls today (in a township account's township)."""

    @property
    def period_text(self) -> str:
        """The period in Chinese, e.g. 1 个月 20 天; — when not public."""
        if self.state != "public":
            return "—"
        return ((f"{self.period_months} 个月" if self.period_months else "")
                + (f"{self.period_days} 天" if self.period_days else ""))


def item_rows(engine: Engine, township: str) -> list[ItemRow]:
    """Every catalogue item with its disclosure setting, by code."""
    counts = (select(RollEntry.item_code, func.count().label("n"))
              .where(RollEntry.deleted.is_(False)).group_by(RollEntry.item_code))
    if township:
        counts = counts.where(RollEntry.township == township)
    entries = counts.subquery()
    query = (select(BenefitItem.code, BenefitItem.name, BenefitItem.department,
                    ItemDisclosure.public, ItemDisclosure.period_months,
                    ItemDisclosure.period_days, entries.c.n)
             .join(ItemDisclosure, ItemDisclosure.item_code == BenefitItem.code, isouter=True)
             .join(entries, entries.c.item_code == BenefitItem.code, isouter=True)
             .where(BenefitItem.deleted.is_(False)).order_by(BenefitItem.code))
    with engine.connect() as conn:
        return [ItemRow(code, name, department,
                        "unset" if public is None else ("public" if public else "off"),
                        months or 0, days or 0, n or 0)
                for code, name, department, public, months, days, n in conn.execute(query)]


@router.get("/disclosure", response_class=HTMLResponse)
def get_disclosure(request: Request, error: Annotated[str, Query(max_length=300)] = "",
                   done: Annotated[str, Query(max_length=40)] = "") -> Response:
    who = require(request, *_READERS)
    engine = engine_of(request)
    township = who.township_filter(engine, "", what="/disclosure")
    return render(request, "disclosure.html", who=who, rows=item_rows(engine, township),
                  township=township, error=error, done=done, max_days=MAX_DAYS,
                  max_months=MAX_MONTHS)


def _count(text: str, what: str) -> int:
    text = text.strip()
    if not text:
        return 0
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise ValueError(f"{what}须为整数（0 或正整数）")
    return int(text)


def _setting(engine: Engine, code: str) -> dict[str, object]:
    with engine.connect() as conn:
        row = conn.execute(select(ItemDisclosure.public, ItemDisclosure.period_months,
                                  ItemDisclosure.period_days)
                           .where(ItemDisclosure.item_code == code)).first()
    if row is None:
        return {"public": False, "period_months": 0, "period_days": 0, "set": False}
    return {"public": row.public, "period_months": row.period_months,
            "period_days": row.period_days, "set": True}


@router.post("/disclosure", response_class=HTMLResponse)
async def post_disclosure(request: Request) -> Response:
    who, form = await posted(request, "it")
    code = str(form.get("item_code") or "").strip().upper()[:32]
    public = str(form.get("public") or "") == "1"
    engine = engine_of(request)
    try:
        months = _count(str(form.get("months") or ""), "月数") if public else 0
        days = _count(str(form.get("days") or ""), "天数") if public else 0
        before = await run_in_threadpool(_setting, engine, code)
        # The CLI's own function: the same checks (a known item, a period within range).
        await run_in_threadpool(lambda: set_disclosure(
            engine, code, public=public, days=days, months=months, now=clock.now()))
    except ValueError as exc:
        return RedirectResponse("/disclosure?" + urlencode({"error": f"{code}：未保存。{exc}"}),
                                status_code=303)
    await run_in_threadpool(audit, request, who, "item.disclose", target=f"item {code}",
                            before=before, after={"public": public, "period_months": months,
                                                  "period_days": days, "set": True})
    return RedirectResponse("/disclosure?" + urlencode({"done": code}), status_code=303)
