"""What a complaint concerns, in words for the inspection office (issue 17)."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select

from county.ledger.models import LedgerEntry
from kiosk.money import format_yuan

__all__ = ["describe_concerns"]

_KIND = {"income": "收入", "expense": "支出"}


def describe_concerns(engine: Engine, concerns: str) -> str:
    """``村级财务 青山村 2026-10-12 支付村部电费 支出 ¥1,234.50 凭证号 记-002`` for a ledger
    entry (marked 已被更正 when a re-import replaced it), likewise a project's stage
    (county/projects/concerns.py); ``KIND ID`` otherwise."""
    try:
        data = json.loads(concerns)
        kind, key = str(data["kind"]), str(data["id"])
    except (ValueError, KeyError, TypeError):
        return concerns
    if kind == "ledger_entry" and key.isdigit():
        with engine.connect() as conn:
            row = conn.execute(select(LedgerEntry).where(LedgerEntry.id == int(key))).first()
        if row is not None:
            fixed = "（已被更正）" if row.deleted else ""
            return (f"村级财务 {row.village} {row.entry_date.isoformat()} {row.summary} "
                    f"{_KIND.get(row.kind, row.kind)} {format_yuan(row.amount_fen)} "
                    f"凭证号 {row.voucher_no or '-'}{fixed}")
    if kind == "village_project":  # issue 17: 这一笔有问题 on a project's stage
        from county.projects.concerns import describe_stage
        said = describe_stage(engine, key)
        if said is not None:
            return said
    return f"{kind} {key}"
