"""complaint_voice: a spoken complaint's recording (file in the data dir) and how far its
upload to the county has gone

Revision ID: 0303
Revises: 0201
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0303"
down_revision: str | None = "0201"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_voice",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("sent_bytes", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(length=12), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint("delivery IN ('pending', 'sent', 'rejected')",
                           name="voice_delivery_valid"),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"]),
        sa.PrimaryKeyConstraint("complaint_id"),
        sa.UniqueConstraint("file_name"),
    )


def downgrade() -> None:
    op.drop_table("complaint_voice")
