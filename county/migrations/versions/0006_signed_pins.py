"""signed pins: release_scope.pin_statement holds the pin file signed with the release key;
complaint.ticket_no is indexed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A terminal now rolls back only with a pin signed offline by the release key
(sync.protocol.release_pin); the county stores the pin file beside the
pinned scope and offers it with the release. Pins made before this
revision have no statement: they stay recorded, and terminals ignore them
until IT staff publish the version again with ``--pin --pin-file FILE``.

The ticket-number index serves the check that a ticket's code belongs to
the terminal that files it (county.complaints).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('release_scope', sa.Column('pin_statement', sa.Text(), nullable=True))
    op.create_index(op.f('ix_complaint_ticket_no'), 'complaint', ['ticket_no'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_complaint_ticket_no'), table_name='complaint')
    op.drop_column('release_scope', 'pin_statement')
