"""What a complaint about a project stage concerns, in words for the inspection office."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select

from county.projects.models import VillageProject
from county.projects.stages import STAGES
from kiosk.money import format_yuan

__all__ = ["describe_stage"]


def describe_stage(engine: Engine, key: str) -> str | None:
    """``村级工程 青山村 村道硬化 招标结果 2026-04-15 湘南路桥建设有限公司 ¥352,800.00`` for a
    ``village_project`` concern ``ID/STAGE/DATE`` (marked 已被更正 when the stage is no longer
    so, 已撤下 when the project was withdrawn); None when the key names no project."""
    pid, _, rest = key.partition("/")
    stage, _, day = rest.partition("/")
    if not pid.isdigit():
        return None
    with engine.connect() as conn:
        row = conn.execute(select(VillageProject).where(VillageProject.id == int(pid))).first()
    if row is None:
        return None
    try:
        stages = json.loads(row.body).get("stages", [])
    except (ValueError, AttributeError):
        stages = []
    found = next((s for s in stages if isinstance(s, dict) and s.get("stage") == stage
                  and s.get("date") == day), None)
    label = STAGES.get(stage, stage)
    if found is None:
        words = f"村级工程 {row.village} {row.name} {label} {day}（已被更正）"
    else:
        amount = format_yuan(found["amount_fen"]) if found.get("amount_fen") else ""
        words = " ".join(w for w in ("村级工程", row.village, row.name, label, day,
                                     str(found.get("who") or ""), amount) if w)
    return words + ("（项目已撤下）" if row.deleted else "")
