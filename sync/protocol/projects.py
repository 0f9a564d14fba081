"""Village projects on the wire (村级工程, issue 17): each project with its stages.

A terminal receives only its own village's projects (``changes``: ``projects``
and ``project_tombstones``, ids of projects withdrawn; ``snapshot`` section
``village_project``). A project corrected by a re-import arrives again whole under the
same id. ``body`` is the JSON of :class:`ProjectBody`; a stage's document image
is fetched like a ledger voucher (sync.protocol.ledger.IMAGE_PATH, by hash,
resumable, checked against ``image_sha256`` and ``image_size``).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field, field_validator

from sync.protocol.records import WireModel

__all__ = ["ProjectBody", "ProjectRecord", "ProjectStage"]


class ProjectStage(WireModel):
    """One stage of a project, as on the timeline."""

    stage: str = Field(max_length=20, description="approval | budget | bidding | contract | "
                       "progress | acceptance | final (a terminal shows an unknown one by "
                       "its code)")
    date: date
    amount_fen: int | None = Field(default=None, ge=1, description="fen; none: no amount")
    who: str = Field(default="", max_length=100, description="审批单位 / 中标单位 / 施工单位 …")
    note: str = Field(default="", max_length=300)
    image_sha256: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    image_size: int = Field(default=0, ge=0)


class ProjectBody(WireModel):
    """What ``ProjectRecord.body`` holds."""

    stages: list[ProjectStage] = Field(default_factory=list, max_length=100)


class ProjectRecord(WireModel):
    """A village project (terminal table ``village_project``)."""

    id: int = Field(ge=1, description="server id, the terminal's primary key")
    code: str = Field(max_length=40, description="项目编号 (the name when the clerk gave none)")
    name: str = Field(min_length=1, max_length=100)
    position: int = Field(default=0, ge=0)
    body: str = Field(default="{}", max_length=60000, description="JSON of ProjectBody")
    updated_at: datetime

    @field_validator("body")
    @classmethod
    def _body_is_stages(cls, value: str) -> str:
        ProjectBody.model_validate_json(value)
        return value
