"""Settings pushed to terminals, county-wide or narrowed to a township, village or terminal.

Only the settings a terminal knows can be set (kiosk/pushable.py, the table
the terminal checks them against too): a typo or a value out of range is
refused here with the valid names or range, instead of being ignored on
hundreds of terminals.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from county.listing_rows import SettingRow
from county.models import Setting
from county.seq import take_seqs
from county.tx import writing
from kiosk.pushable import check_setting

__all__ = ["SettingRow", "list_settings", "normalise_target", "set_setting", "unset_setting"]



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
    """Set ``key`` for ``scope``; return its new version.

    Raises :class:`kiosk.pushable.SettingError` (a ``ValueError``) for a key no
    terminal takes or a bad value, and ``ValueError`` for a bad scope. The
    value is stored as the terminal reads it (``" 090"`` → ``"90"``).
    """
    value = str(check_setting(key, value))
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
