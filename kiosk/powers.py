"""The micro-power list (小微权力清单) for the screen and `kiosk powers`.

Each power arrives from the county (sync/pages.py) with its details as a
JSON ``body`` (sync.protocol.records.PowerRecord). It is read defensively
here: a missing or mistyped field shows as empty, never as an error on the
villager's screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from kiosk.store.models import Power

__all__ = ["PowerStep", "PowerView", "power_for_item", "read_powers"]


@dataclass(frozen=True)
class PowerStep:
    """One step of exercising a power."""

    title: str
    detail: str


@dataclass(frozen=True)
class PowerView:
    """A power as the screen shows it."""

    code: str
    name: str
    steps: tuple[PowerStep, ...]
    decides: str
    time_limit: str
    documents: tuple[str, ...]
    complain: str
    items: tuple[str, ...] = ()
    """The benefit items (codes) a villager applies for through this power."""

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape of one power in `kiosk powers --json`."""
        return {"code": self.code, "name": self.name,
                "steps": [{"title": s.title, "detail": s.detail} for s in self.steps],
                "decides": self.decides, "time_limit": self.time_limit,
                "documents": list(self.documents), "complain": self.complain,
                "items": list(self.items)}


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def _view(code: str, name: str, body: str) -> PowerView:
    try:
        data = json.loads(body)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    raw_steps, raw_docs, raw_items = data.get("steps"), data.get("documents"), data.get("items")
    steps: list[Any] = raw_steps if isinstance(raw_steps, list) else []
    docs: list[Any] = raw_docs if isinstance(raw_docs, list) else []
    items: list[Any] = raw_items if isinstance(raw_items, list) else []
    return PowerView(
        code, name,
        tuple(PowerStep(_text(s, "title"), _text(s, "detail")) for s in steps
              if isinstance(s, dict) and _text(s, "title")),
        _text(data, "decides"), _text(data, "time_limit"),
        tuple(d for d in docs if isinstance(d, str) and d), _text(data, "complain"),
        tuple(i for i in items if isinstance(i, str) and i))


def read_powers(engine: Engine) -> list[PowerView]:
    """The powers in the county's order. Raises SQLAlchemy errors if the store cannot be
    read."""
    with engine.connect() as conn:
        rows = conn.execute(select(Power.code, Power.name, Power.body)
                            .order_by(Power.position, Power.code)).all()
    return [_view(code, name, body) for code, name, body in rows]


def power_for_item(engine: Engine, item_code: str) -> PowerView | None:
    """The power that tells how to apply for ``item_code`` (the first in list order whose
    ``items`` name it; a power with no steps does not count), or None."""
    return next((p for p in read_powers(engine) if item_code in p.items and p.steps), None)
