"""Documents per UTC hour and kind (`hourly_counts`), kept in step by triggers.

The trend of the whole stream and the weekday pattern behind every baseline read it
instead of every document (see duluan.store.rollup). Existing documents are counted here,
in one pass. If a later revision changes the triggers, copy today's statements here first.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from duluan.store.rollup import create_hourly_rollup, drop_hourly_rollup, fill_hourly_counts

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hourly_counts",
        sa.Column("hour", sa.String(13), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("first_author", sa.String(64)),
        sa.Column("last_author", sa.String(64)),
    )
    op.create_index("ix_hourly_counts_hour_kind", "hourly_counts", ["hour", "kind"])
    conn = op.get_bind()
    fill_hourly_counts(conn)
    create_hourly_rollup(conn)


def downgrade() -> None:
    drop_hourly_rollup(op.get_bind())
    op.drop_index("ix_hourly_counts_hour_kind", table_name="hourly_counts")
    op.drop_table("hourly_counts")
