"""Settings pushed to terminals, county-wide or narrowed to a township, village or terminal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from county.models import Setting
from county.seq import take_seqs
from county.tx import writing

__all__ = ["SettingRow", "list_settings", "normalise_target", "set_setting", "unset_setting"]

_KEY = re.compile(r"^[a-z][a-z0-9_.]{0,99}$")


@dataclass(frozen=True)
class SettingRow:
    """A stored setting."""

    key: str
    target: str
    value: str
    version: int


def normalise_target(scope: str) -> str:
    """``county`` → ""; ``township:NAME``, ``village:TOWNSHIP/NAME``, ``terminal:ID`` kept.

    Raises ``ValueError`` for anything else.
    """
    if scope in ("", "county"):
        return ""
    kind, _, name = scope.partition(":")
    if kind not in ("township", "village", "terminal") or not name.strip():
        raise ValueError("scope must be county, township:NAME, village:TOWNSHIP/VILLAGE or "
                         "terminal:ID")
    if kind == "village" and "/" not in name:
        raise ValueError("a village scope is village:TOWNSHIP/VILLAGE")
    return f"{kind}:{name.strip()}"


def set_setting(engine: Engine, key: str, value: str, *, scope: str = "county",
                now: datetime) -> int:
    """Set ``key`` for ``scope``; return its new version. Raises ``ValueError``."""
    if not _KEY.match(key):
        raise ValueError("setting keys are lower-case dotted names, e.g. ui.idle_seconds")
    target = normalise_target(scope)
    with writing(engine) as conn:
        row = conn.execute(select(Setting.id).where(Setting.key == key,
                                                    Setting.target == target)).first()
        seq = take_seqs(conn)
        values = {"value": value, "seq": seq, "deleted": False, "updated_at": now}
        if row is None:
            conn.execute(insert(Setting).values(key=key, target=target, **values))
        else:
            conn.execute(update(Setting).where(Setting.id == row.id).values(**values))
    return seq


def unset_setting(engine: Engine, key: str, *, scope: str = "county", now: datetime) -> bool:
    """Remove ``key`` for ``scope`` (a wider value, if any, applies again)."""
    target = normalise_target(scope)
    with writing(engine) as conn:
        row = conn.execute(select(Setting.id).where(Setting.key == key, Setting.target == target,
                                                    Setting.deleted.is_(False))).first()
        if row is None:
            return False
        conn.execute(update(Setting).where(Setting.id == row.id)
                     .values(deleted=True, seq=take_seqs(conn), updated_at=now))
    return True


def list_settings(engine: Engine) -> list[SettingRow]:
    """Live settings by key and target."""
    with engine.connect() as conn:
        rows = conn.execute(select(Setting).where(Setting.deleted.is_(False))
                            .order_by(Setting.key, Setting.target)).all()
    return [SettingRow(r.key, r.target or "county", r.value, r.seq) for r in rows]
