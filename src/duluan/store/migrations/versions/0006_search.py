"""Full-text search: the normalised words of each document, indexed (FTS5 or GIN).

Existing documents are indexed here, in batches. The index itself (FTS5 table and its
triggers on SQLite, GIN index on PostgreSQL) comes from duluan.search.index, the code that
rebuilds it with `duluan reindex-search`; if a later revision changes its layout, copy
today's statements here first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from duluan.search.index import PG_INDEX, create_search_index, drop_search_index, fill_search_rows

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_search",
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("folded", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_search"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_search_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    conn = op.get_bind()
    # Rows first, index after: one pass over the data instead of an update per row.
    fill_search_rows(conn)
    if conn.dialect.name == "postgresql":
        # This revision's layout, kept as it was: 0008 moves to a stored column.
        conn.exec_driver_sql(
            f"CREATE INDEX {PG_INDEX} ON document_search USING gin (to_tsvector('simple', folded))"
        )
    else:
        create_search_index(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
    else:
        drop_search_index(conn)
    op.drop_table("document_search")
