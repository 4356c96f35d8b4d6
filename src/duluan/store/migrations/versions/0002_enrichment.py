"""Enrichment: labels and scores per document, and the places it mentions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enrichments",
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("category", sa.String(40)),
        sa.Column("category_p", sa.Float),
        sa.Column("sentiment", sa.String(10)),
        sa.Column("p_negative", sa.Float),
        sa.Column("p_neutral", sa.Float),
        sa.Column("p_positive", sa.Float),
        sa.Column("toxicity", sa.String(12)),
        sa.Column("toxicity_score", sa.Float),
        sa.Column("complaint_p", sa.Float),
        sa.Column("concern", sa.String(30)),
        sa.Column("concern_p", sa.Float),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("enriched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_enrichments"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_enrichments_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_enrichments_concern", "enrichments", ["concern"])
    op.create_index("ix_enrichments_category", "enrichments", ["category"])
    op.create_table(
        "document_places",
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("era", sa.String(5), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("province_code", sa.String(10)),
        sa.Column("ward_code", sa.String(10)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("document_id", "position", name="pk_document_places"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_places_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_document_places_province_code", "document_places", ["province_code"])
    op.create_index("ix_document_places_ward_code", "document_places", ["ward_code"])


def downgrade() -> None:
    op.drop_table("document_places")
    op.drop_table("enrichments")
