"""Analysis: topics and their history, surge alerts, and the case desk with its audit trail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("headline", sa.Text),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("merged_into", sa.Integer),
        sa.Column("n_stories", sa.Integer, nullable=False),
        sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("born_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("centroid", sa.LargeBinary),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_topics"),
        sa.ForeignKeyConstraint(["merged_into"], ["topics.id"], name="fk_topics_merged_into_topics"),
    )
    op.create_index("ix_topics_status", "topics", ["status"])
    op.create_table(
        "story_topics",
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("topic_id", sa.Integer, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("assigned_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_story_topics"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_story_topics_story_id_stories", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_story_topics_topic_id_topics"),
    )
    op.create_index("ix_story_topics_topic_id", "story_topics", ["topic_id"])
    op.create_table(
        "topic_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("topic_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("other_topic_id", sa.Integer),
        sa.Column("at", TS, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_topic_events"),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_topic_events_topic_id_topics"),
        sa.ForeignKeyConstraint(
            ["other_topic_id"], ["topics.id"], name="fk_topic_events_other_topic_id_topics"
        ),
    )
    op.create_index("ix_topic_events_topic_id", "topic_events", ["topic_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("concern", sa.String(30)),
        sa.Column("place_level", sa.String(10)),
        sa.Column("place_code", sa.String(10)),
        sa.Column("assigned_unit", sa.Text),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("due_on", sa.Date),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("started_at", TS),
        sa.Column("answered_at", TS),
        sa.Column("resolved_at", TS),
        sa.Column("closed_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("series_key", sa.String(160), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("concern", sa.String(30)),
        sa.Column("place_level", sa.String(10)),
        sa.Column("place_code", sa.String(10)),
        sa.Column("topic_id", sa.Integer),
        sa.Column("started_on", sa.Date, nullable=False),
        sa.Column("last_on", sa.Date, nullable=False),
        sa.Column("observed", sa.Integer, nullable=False),
        sa.Column("expected", sa.Float, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("method", sa.String(60), nullable=False),
        sa.Column("stats", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("case_id", sa.Integer),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("acknowledged_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("series_key", "started_on", name="uq_alerts_series_key_started_on"),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name="fk_alerts_topic_id_topics"),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_alerts_case_id_cases"),
    )
    op.create_index("ix_alerts_status", "alerts", ["status"])
    op.create_index("ix_alerts_last_on", "alerts", ["last_on"])
    op.create_table(
        "case_documents",
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("case_id", "document_id", name="pk_case_documents"),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_documents_case_id_cases", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_case_documents_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.String(30)),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_events_case_id_cases", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])


def downgrade() -> None:
    for table in ("case_events", "case_documents", "alerts", "cases", "topic_events", "story_topics", "topics"):
        op.drop_table(table)
