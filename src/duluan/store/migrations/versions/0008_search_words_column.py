"""PostgreSQL search: a stored tsvector column with its GIN index, instead of an index on
the expression.

With the index on `to_tsvector('simple', folded)`, every row PostgreSQL rechecks is parsed
again: a phrase of frequent words over a million documents took 3.6 s alone and queued
past 60 s with twenty readers (benchmarks/RESULTS.md, "Web dashboard"). The column is
computed once, when a row is written. SQLite (FTS5) is unchanged.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from alembic import op

from duluan.search.index import PG_INDEX, PG_WORDS, create_search_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")  # the index on the expression
    create_search_index(conn)  # the column (computed for every row now), then its index


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
    conn.exec_driver_sql(f"ALTER TABLE document_search DROP COLUMN IF EXISTS {PG_WORDS}")
    conn.exec_driver_sql(f"CREATE INDEX {PG_INDEX} ON document_search USING gin (to_tsvector('simple', folded))")
