"""complaint_voice: spoken complaints' recordings, uploaded by terminals in pieces

Revision ID: 0601
Revises: 0201
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0601'
down_revision: str | None = '0201'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'complaint_voice',
        sa.Column('complaint_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('total_bytes', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('received_bytes', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('complete', sa.Boolean(), nullable=False),
        sa.Column('duration_ms', sa.Integer(), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('completed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('complaint_id'),
    )


def downgrade() -> None:
    op.drop_table('complaint_voice')
