"""complaint workflow: status, level, channel, due_at on complaint; history, time limits,
feedback and lookup tables

Revision ID: 0201
Revises: 0007
Create Date: 2026-12-04

Complaints stored before this revision become ``replied`` (if the county had
replied) or ``new``, at the township level, channel ``kiosk``, with the
township and village of the terminal that filed them and deadlines counted
from when they were received with the default limits (15 days to reply, 60
to close). Staff-registered complaints (hotline, letter, visit) have no
terminal, so ``terminal_id`` becomes nullable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision: str = '0201'
down_revision: str | None = '0301'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def _columns() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column('status', sa.String(length=12), server_default='new', nullable=False),
        sa.Column('level', sa.String(length=10), server_default='township', nullable=False),
        sa.Column('channel', sa.String(length=10), server_default='kiosk', nullable=False),
        sa.Column('township', sa.String(length=60), server_default='', nullable=False),
        sa.Column('village', sa.String(length=60), server_default='', nullable=False),
        sa.Column('assignee', sa.String(length=100), server_default='', nullable=False),
        sa.Column('level_since', sa.DateTime(), nullable=True),
        sa.Column('due_at', sa.DateTime(), nullable=True),
        sa.Column('handled_at', sa.DateTime(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('draft_reply', sa.Text(), nullable=True),
        sa.Column('draft_by', sa.String(length=60), nullable=True),
        sa.Column('about_official', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('satisfied', sa.Boolean(), nullable=True),
        sa.Column('query_code_hash', sa.String(length=64), nullable=True),
    )


_CHECKS = (
    ('complaint_status_valid',
     "status IN ('new', 'assigned', 'in_progress', 'replied', 'closed', 'reopened')"),
    ('complaint_level_valid', "level IN ('township', 'county')"),
    ('complaint_channel_valid', "channel IN ('kiosk', 'hotline', 'letter', 'visit')"),
)


def upgrade() -> None:
    with op.batch_alter_table('complaint') as batch:
        for column in _columns():
            batch.add_column(column)
        batch.alter_column('terminal_id', existing_type=sa.String(length=20), nullable=True)
        for name, condition in _CHECKS:
            batch.create_check_constraint(name, condition)
        batch.create_index('ix_complaint_due_at', ['due_at'])
    op.create_table(
        'complaint_history',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=80), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('from_status', sa.String(length=12), nullable=False),
        sa.Column('to_status', sa.String(length=12), nullable=False),
        sa.Column('level', sa.String(length=10), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_complaint_history_complaint_id', 'complaint_history', ['complaint_id'])
    op.create_table(
        'complaint_time_limit',
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('response_days', sa.Integer(), nullable=False),
        sa.Column('resolve_days', sa.Integer(), nullable=False),
        sa.Column('needs_approval', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('category'),
    )
    op.create_table(
        'complaint_feedback',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('idempotency_key', sa.String(length=64), nullable=False),
        sa.Column('satisfied', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('complaint_id', 'idempotency_key',
                            name='uq_complaint_feedback_key'),
    )
    op.create_index('ix_complaint_feedback_complaint_id', 'complaint_feedback',
                    ['complaint_id'])
    op.create_table(
        'complaint_lookup',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('terminal_id', sa.String(length=20), nullable=False),
        sa.Column('ticket_no', sa.String(length=32), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_complaint_lookup_ticket_at', 'complaint_lookup', ['ticket_no', 'at'])
    op.create_index('ix_complaint_lookup_terminal_at', 'complaint_lookup',
                    ['terminal_id', 'at'])
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    complaint = sa.table('complaint', sa.column('id', sa.Integer()),
                         sa.column('terminal_id', sa.String()),
                         sa.column('received_at', sa.DateTime()),
                         sa.column('reply_at', sa.DateTime()),
                         sa.column('status', sa.String()), sa.column('township', sa.String()),
                         sa.column('village', sa.String()),
                         sa.column('level_since', sa.DateTime()),
                         sa.column('due_at', sa.DateTime()))
    terminal = sa.table('terminal', sa.column('id', sa.String()),
                        sa.column('township', sa.String()), sa.column('village', sa.String()))
    rows = bind.execute(sa.select(complaint.c.id, complaint.c.received_at, complaint.c.reply_at,
                                  terminal.c.township, terminal.c.village)
                        .join(terminal, terminal.c.id == complaint.c.terminal_id)).all()
    for row in rows:
        replied = row.reply_at is not None
        bind.execute(complaint.update().where(complaint.c.id == row.id).values(
            status='replied' if replied else 'new', township=row.township,
            village=row.village, level_since=row.received_at,
            due_at=row.received_at + timedelta(days=60 if replied else 15)))


def downgrade() -> None:
    op.drop_table('complaint_lookup')
    op.drop_index('ix_complaint_feedback_complaint_id', table_name='complaint_feedback')
    op.drop_table('complaint_feedback')
    op.drop_table('complaint_time_limit')
    op.drop_index('ix_complaint_history_complaint_id', table_name='complaint_history')
    op.drop_table('complaint_history')
    staff = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM complaint WHERE terminal_id IS NULL")).scalar_one()
    if staff:
        # Before 0201 a complaint needs a terminal: these would have to be deleted.
        raise RuntimeError(f"{staff} complaints registered by staff (hotline, letter, "
                           "visit) cannot go back before revision 0201; export them first")
    with op.batch_alter_table('complaint') as batch:
        batch.drop_index('ix_complaint_due_at')
        for name, _ in _CHECKS:
            batch.drop_constraint(name, type_='check')
        batch.alter_column('terminal_id', existing_type=sa.String(length=20), nullable=False)
        for column in reversed(_columns()):
            batch.drop_column(column.name)
