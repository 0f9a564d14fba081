"""Village projects as terminals receive them: the scope filter and the wire record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, bindparam

from county.projects.models import VillageProject
from sync.protocol.projects import ProjectRecord

__all__ = ["OWN_VILLAGE", "project_record"]

#: Projects of the terminal's own village (bound from TerminalScope.params()).
OWN_VILLAGE: ColumnElement[bool] = and_(
    VillageProject.township == bindparam("scope_township", type_=String()),
    VillageProject.village == bindparam("scope_village", type_=String()))


def project_record(row: Any) -> ProjectRecord:
    """A village_project row as its wire record."""
    return ProjectRecord(id=row.id, code=row.code, name=row.name, position=row.position,
                         body=row.body, updated_at=row.updated_at)
