"""Row sets of the county (as a terminal should hold them) and of a terminal cache."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, or_, select

from county.changes import effective_settings, record_of
from county.models import BenefitItem as CItem
from county.models import HouseholdMember as CMember
from county.models import Notice as CNotice
from county.models import Payment as CPayment
from county.scope import TerminalScope
from kiosk.store.models import BenefitItem, HouseholdMember, Notice, Payment, Setting

Rows = dict[str, set[tuple[Any, ...]]]

_TERMINAL = {"benefit_item": BenefitItem, "household_member": HouseholdMember,
             "notice": Notice, "payment": Payment, "setting": Setting}


def _freeze(record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted(record.items()))


def county_rows(engine: Engine, terminal_id: str) -> Rows:
    """What a county-scope 高村镇/青山村 terminal must hold, as frozen record dicts.

    The scoping is spelled out here (county-wide payments and members; county,
    高村镇 and 青山村 notices) rather than borrowed from the server's filters.
    """
    scope = TerminalScope(terminal_id, "高村镇", "青山村", "county")
    notices = or_(CNotice.scope == "county",
                  and_(CNotice.township == "高村镇",
                       or_(CNotice.scope == "township", CNotice.village == "青山村")))
    out: Rows = {}
    with engine.connect() as conn:
        for entity, model, condition in (
                ("benefit_item", CItem, CItem.deleted.is_(False)),
                ("household_member", CMember, CMember.deleted.is_(False)),
                ("notice", CNotice, CNotice.deleted.is_(False) & notices),
                ("payment", CPayment, CPayment.deleted.is_(False))):
            out[entity] = {_freeze(record_of(entity, row).model_dump())
                           for row in conn.execute(select(model).where(condition))}
        out["setting"] = {_freeze(r.model_dump())
                          for r in effective_settings(conn, scope).values() if r is not None}
    return out


def terminal_rows(engine: Engine) -> Rows:
    """The synced tables of a terminal cache, as frozen row dicts."""
    out: Rows = {}
    with engine.connect() as conn:
        for entity, model in _TERMINAL.items():
            out[entity] = {_freeze(dict(row._mapping))
                           for row in conn.execute(select(model.__table__))}
    return out


def assert_same(county: Rows, terminal: Rows) -> None:
    """Equal row sets per table, with a readable difference on failure."""
    for entity in county:
        missing = county[entity] - terminal[entity]
        extra = terminal[entity] - county[entity]
        assert not missing and not extra, (
            f"{entity}: {len(missing)} missing, {len(extra)} extra; "
            f"e.g. missing {sorted(missing)[:1]} extra {sorted(extra)[:1]}")
