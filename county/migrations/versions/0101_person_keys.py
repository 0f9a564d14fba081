"""village_kdf, person_key; terminal/enrollment_code.person_keys; terminal.code (issue 12)

Revision ID: 0101
Revises: 0007
Create Date: 2026-12-04

New tables and two added columns (no batch copy of ``terminal``, which
foreign keys refer to). Existing terminals keep ``person_keys = false``
(the lookup-key scheme) until re-enrolled with a village code.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0101'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'village_kdf',
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('salt', sa.String(length=64), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('r', sa.Integer(), nullable=False),
        sa.Column('p', sa.Integer(), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('township', 'village'),
    )
    op.create_table(
        'person_key',
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('derived', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('township', 'village', 'id_hash'),
    )
    op.create_index('ix_person_key_derived', 'person_key', ['township', 'village', 'derived'])
    for table in ('terminal', 'enrollment_code'):
        op.add_column(table, sa.Column('person_keys', sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    # The terminal's [terminal] code its ticket numbers carry, bound at enrollment.
    op.add_column('terminal', sa.Column('code', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('terminal') as batch_op:
        batch_op.drop_column('code')
    for table in ('enrollment_code', 'terminal'):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('person_keys')
    op.drop_index('ix_person_key_derived', table_name='person_key')
    op.drop_table('person_key')
    op.drop_table('village_kdf')
