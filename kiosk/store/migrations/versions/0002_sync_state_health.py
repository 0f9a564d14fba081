"""sync_state: stable error code, last heartbeat, server settings version, release offered

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs (nullable, no default): SQLite does them in place, no table copy.
    op.add_column("sync_state", sa.Column("last_error_code", sa.String(length=40),
                                          nullable=True))
    op.add_column("sync_state", sa.Column("last_heartbeat_at", sa.DateTime(), nullable=True))
    op.add_column("sync_state", sa.Column("settings_version", sa.Integer(), nullable=True))
    op.add_column("sync_state", sa.Column("release_available", sa.String(length=40),
                                          nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("release_available")
        batch_op.drop_column("settings_version")
        batch_op.drop_column("last_heartbeat_at")
        batch_op.drop_column("last_error_code")
