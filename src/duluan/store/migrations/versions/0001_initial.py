"""Initial schema: sources, ingest runs, stories, documents, LSH bands, rejects.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("fetch_state", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_run_at", TS),
        sa.Column("last_error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("n_new", sa.Integer, nullable=False),
        sa.Column("n_duplicate", sa.Integer, nullable=False),
        sa.Column("n_near_duplicate", sa.Integer, nullable=False),
        sa.Column("n_rejected", sa.Integer, nullable=False),
        sa.Column("message", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_ingest_runs_source_id_sources",
            ondelete="SET NULL",
        ),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("first_published_at", TS),
        sa.Column("last_published_at", TS),
        sa.Column("founder_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.UniqueConstraint("founder_hash", name="uq_stories_founder_hash"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer),
        sa.Column("run_id", sa.Integer),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("external_id", sa.Text),
        sa.Column("parent_external_id", sa.Text),
        sa.Column("published_at", TS, nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("author_hash", sa.String(64)),
        sa.Column("byline", sa.Text),
        sa.Column("platform", sa.String(40)),
        sa.Column("likes", sa.Integer),
        sa.Column("shares", sa.Integer),
        sa.Column("comments", sa.Integer),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("anchors", sa.LargeBinary),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_documents_source_id_sources",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ingest_runs.id"], name="fk_documents_run_id_ingest_runs",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_documents_story_id_stories"
        ),
    )
    op.create_index("ix_documents_published_at", "documents", ["published_at"])
    op.create_index("ix_documents_story_id", "documents", ["story_id"])
    op.create_index("ix_documents_kind_published_at", "documents", ["kind", "published_at"])
    op.create_table(
        "lsh_bands",
        sa.Column("band_key", sa.BigInteger, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("band_key", "document_id", name="pk_lsh_bands"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_lsh_bands_document_id_documents",
            ondelete="CASCADE",
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rejects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer),
        sa.Column("source_id", sa.Integer),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rejects"),
        sa.UniqueConstraint("raw_hash", name="uq_rejects_raw_hash"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ingest_runs.id"], name="fk_rejects_run_id_ingest_runs",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_rejects_source_id_sources",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_rejects_reason", "rejects", ["reason"])


def downgrade() -> None:
    for table in ("rejects", "lsh_bands", "documents", "stories", "ingest_runs", "sources"):
        op.drop_table(table)
