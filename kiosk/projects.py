"""Village projects (村级工程) as the screens and `kiosk projects` show them.

Each project arrives from the county (sync/pages.py) with its stages as a JSON
``body`` (sync.protocol.projects.ProjectBody). It is read defensively here: a
missing or mistyped field shows as empty, never as an error on the villager's
screen; a stage without a readable date is left out. A stage's document image
is shown only once the sync daemon has fetched and checked it
(kiosk.ledger.voucher_path).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select

from kiosk.store.project_models import VillageProject

__all__ = ["STAGE_LABELS_ZH", "ProjectView", "StageView", "project_images", "read_projects"]

#: The stages in their natural order, with their Chinese names.
STAGE_LABELS_ZH = {"approval": "立项批复", "budget": "预算", "bidding": "招标结果",
                   "contract": "施工合同", "progress": "施工进度", "acceptance": "竣工验收",
                   "final": "竣工决算"}


@dataclass(frozen=True)
class StageView:
    """One stage on a project's timeline."""

    stage: str
    day: date
    amount_fen: int | None
    who: str
    note: str
    image_sha256: str
    image_size: int

    @property
    def label(self) -> str:
        """The stage's Chinese name (its code if this kiosk does not know it)."""
        return STAGE_LABELS_ZH.get(self.stage, self.stage)

    def to_json(self) -> dict[str, Any]:
        """The documented ``stages`` item of `kiosk projects --json`."""
        return {"stage": self.stage, "label": self.label, "date": self.day.isoformat(),
                "amount_fen": self.amount_fen, "who": self.who, "note": self.note,
                "has_image": bool(self.image_sha256)}


@dataclass(frozen=True)
class ProjectView:
    """A project as the screen shows it: its stages by date."""

    id: int
    code: str
    name: str
    stages: tuple[StageView, ...]

    def amount_of(self, stage: str) -> int | None:
        """The amount of the project's (last) ``stage`` stage, if it has one."""
        amounts = [s.amount_fen for s in self.stages if s.stage == stage and s.amount_fen]
        return amounts[-1] if amounts else None

    @property
    def latest(self) -> StageView | None:
        """The stage the project has reached (the last on its timeline)."""
        return self.stages[-1] if self.stages else None

    def to_json(self) -> dict[str, Any]:
        """The documented ``projects`` item of `kiosk projects --json`."""
        latest = self.latest
        return {"code": self.code, "name": self.name,
                "budget_fen": self.amount_of("budget"), "final_fen": self.amount_of("final"),
                "stage": latest.stage if latest else "",
                "stages": [s.to_json() for s in self.stages]}


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def _stage(data: Any) -> StageView | None:
    if not isinstance(data, dict):
        return None
    try:
        day = date.fromisoformat(_text(data, "date"))
    except ValueError:
        return None
    amount = data.get("amount_fen")
    size = data.get("image_size")
    return StageView(_text(data, "stage"), day,
                     amount if isinstance(amount, int) and amount > 0 else None,
                     _text(data, "who"), _text(data, "note"), _text(data, "image_sha256"),
                     size if isinstance(size, int) and size > 0 else 0)


def _stages(body: str) -> tuple[StageView, ...]:
    try:
        data = json.loads(body)
    except ValueError:
        return ()
    raw = data.get("stages") if isinstance(data, dict) else None
    stages = [s for s in map(_stage, raw if isinstance(raw, list) else []) if s is not None]
    rank = {code: i for i, code in enumerate(STAGE_LABELS_ZH)}
    return tuple(sorted(stages, key=lambda s: (s.day, rank.get(s.stage, len(rank)))))


def read_projects(engine: Engine) -> list[ProjectView]:
    """The village's projects in the county's order. Raises SQLAlchemy errors if the store
    cannot be read."""
    with engine.connect() as conn:
        rows = conn.execute(select(VillageProject.id, VillageProject.code, VillageProject.name,
                                   VillageProject.body)
                            .order_by(VillageProject.position, VillageProject.id)).all()
    return [ProjectView(pid, code, name, _stages(body)) for pid, code, name, body in rows]


def project_images(conn: Connection) -> dict[str, int]:
    """The document images the projects name: SHA-256 → size (for the image fetcher)."""
    out: dict[str, int] = {}
    for (body,) in conn.execute(select(VillageProject.body)):
        for stage in _stages(body):
            if stage.image_sha256 and stage.image_size:
                out[stage.image_sha256] = stage.image_size
    return out
