"""poll notify: on PostgreSQL, every change to the change counter notifies
``county_seq`` with the new value (read by county/pollcache.py)

Revision ID: 0801
Revises: 0501
Create Date: 2026-12-04

Each app process keeps the latest change number in memory and answers a poll
that has nothing new without a query; on PostgreSQL it learns of new changes
through LISTEN ``county_seq``. The trigger sends the notification at commit,
whoever wrote (the server, an import, the console, a CLI command). SQLite
needs nothing: a process checks ``PRAGMA data_version`` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0801'
down_revision: str | None = '0501'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE FUNCTION county_seq_notify() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('county_seq', NEW.value::text);
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql""")
    op.execute("""
        CREATE TRIGGER change_counter_notify AFTER UPDATE ON change_counter
        FOR EACH ROW EXECUTE FUNCTION county_seq_notify()""")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER IF EXISTS change_counter_notify ON change_counter")
    op.execute("DROP FUNCTION IF EXISTS county_seq_notify()")
