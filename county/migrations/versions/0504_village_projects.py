"""village projects (村级工程): village_project (stages as JSON; images in ledger_image)

Revision ID: 0504
Revises: 0502
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0504'
down_revision: str | None = '0503'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'village_project',
        sa.Column('id', _ID, primary_key=True, autoincrement=True),
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_village_project_seq', 'village_project', ['seq'])
    op.create_index('ix_village_project_village', 'village_project',
                    ['township', 'village', 'code'])


def downgrade() -> None:
    op.drop_index('ix_village_project_village', table_name='village_project')
    op.drop_index('ix_village_project_seq', table_name='village_project')
    op.drop_table('village_project')
