"""complaint progress and feedback: the county's status, level and step dates on each
complaint, its query code; complaint_feedback, the outbox of villagers' 满意 / 不满意

Revision ID: 0201
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0201"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column("status", sa.String(length=12), nullable=True),
        sa.Column("level", sa.String(length=10), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("can_feedback", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("query_code", sa.String(length=6), nullable=True),
    )


def upgrade() -> None:
    with op.batch_alter_table("complaint") as batch:
        for column in _columns():
            batch.add_column(column)
    op.create_table(
        "complaint_feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("satisfied", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("delivery", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_try_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("delivery IN ('pending', 'sent', 'rejected')",
                           name="feedback_delivery_valid"),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    op.create_index("ix_complaint_feedback_complaint_id", "complaint_feedback",
                    ["complaint_id"])


def downgrade() -> None:
    op.drop_index("ix_complaint_feedback_complaint_id", table_name="complaint_feedback")
    op.drop_table("complaint_feedback")
    with op.batch_alter_table("complaint") as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)
