"""The rollup's update trigger on PostgreSQL becomes row-level, limited to the columns it
counts (published_at, kind, author_hash) and to rows where one of them changed; 0009's
statement-level trigger ran on every update of documents, however unrelated. On SQLite
the recount gains a GROUP BY (a HAVING without one needs SQLite 3.39 or later).

The statements come from duluan.store.rollup as it is at this revision; if a later
revision changes them, copy them here first (as 0009 holds its own).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from alembic import op

from duluan.store.rollup import create_hourly_rollup, drop_hourly_rollup

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One transaction: on PostgreSQL dropping a trigger locks documents against writers
    # until the new ones are in place, so no write goes uncounted.
    conn = op.get_bind()
    drop_hourly_rollup(conn)
    create_hourly_rollup(conn)


def downgrade() -> None:
    # The triggers of this revision count exactly what 0009's did; going down keeps them,
    # and 0009's own downgrade drops both kinds by name.
    pass
