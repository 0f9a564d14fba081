"""The dashboard workbook's 问题线索 sheets: the headline figures by township, rule and
department, and every lead listed by rule, township and status.

Only the roles that see leads (inspector, township) get them, a township account its own
township's. Names are shown as on /leads; ID numbers only masked. Cells go through
county.spreadsheet like every console export (formulas written as text), and the workbook
is built in memory: nothing about a lead is written to the server's disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine

from county.collision.life import Figures
from county.collision.models import LEAD_STATES
from county.collision.names import RULE_NAMES
from county.collision.rules import rule_named
from county.collision.run import LeadView, lead_views
from county.console.lead_figures import LeadHeadline
from county.console.leads_page import STATUS_WORDS
from county.payees import IdVault

__all__ = ["LEAD_COLUMNS", "lead_sheets"]

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]
LEAD_COLUMNS = ("规则", "规则说明", "乡镇", "状态", "线索号", "姓名", "身份证号（脱敏）",
                "发放部门", "涉及金额（元）", "发放前可拦截", "交办给", "核实金额（元）",
                "追回金额（元）", "追回日期", "发现时间")
_FIGURE_COLUMNS = ("发现线索", "已处理", "未办结", "追回金额（元）", "涉及金额（元）")


def _yuan(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


def _figures(title: str, label: str, rows: list[Figures], total: Figures,
             words: dict[str, str] | None = None) -> Sheet:
    def line(f: Figures, key: str) -> tuple[Any, ...]:
        return (key, f.found, f.handled, f.open, _yuan(f.recovered_fen), _yuan(f.at_stake_fen))
    return (title, (label, *_FIGURE_COLUMNS),
            [*(line(f, (words or {}).get(f.key, f.key) or "（未填）") for f in rows),
             line(total, "合计")])


def _order(view: LeadView) -> tuple[int, str, int, int]:
    return (RULE_NAMES.index(view.rule) if view.rule in RULE_NAMES else len(RULE_NAMES),
            view.township, LEAD_STATES.index(view.status) if view.status in LEAD_STATES
            else len(LEAD_STATES), view.id)


def _listed(views: list[LeadView]) -> Sheet:
    return ("线索清单", LEAD_COLUMNS, [
        (v.rule, rule_named(v.rule).zh.split("：")[0], v.township,
         STATUS_WORDS.get(v.status, v.status), v.id, v.name, v.masked_id, v.department,
         _yuan(v.amount_fen), v.before_payment, v.assigned_to, _yuan(v.confirmed_fen),
         _yuan(v.recovered_fen), v.recovered_on, v.found_at)
        for v in sorted(views, key=_order)])


def lead_sheets(engine: Engine, headline: LeadHeadline, vault: IdVault | None,
                township: str = "") -> list[Sheet]:
    """The figures (as the dashboard shows them) and the list of leads, closed ones too
    (their status says so); ``township``: that township's only."""
    with engine.connect() as conn:
        views = lead_views(conn, vault, township=township or None)
    return [
        _figures("线索-按乡镇", "乡镇", headline.by_township, headline.total),
        _figures("线索-按规则", "规则", headline.by_rule, headline.total, headline.rule_words),
        _figures("线索-按部门", "发放部门", headline.by_department, headline.total),
        _listed(views),
    ]
