"""The tables, in SQLAlchemy Core; the migrations create exactly these on every database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import DateTime, TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores every instant in UTC and gives it back timezone-aware.

    SQLite has no time zones and SQLAlchemy would silently drop the offset, so we
    convert at the door: one rule on both databases, comparisons stay correct.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: duluan stores only aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("location", Text, nullable=False),
    Column("options", JSON, nullable=False, default=dict),
    Column("fetch_state", JSON, nullable=False, default=dict),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_run_at", UTCDateTime),
    Column("last_error", Text),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("label", Text, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("status", String(20), nullable=False),
    Column("n_new", Integer, nullable=False, default=0),
    Column("n_duplicate", Integer, nullable=False, default=0),
    Column("n_near_duplicate", Integer, nullable=False, default=0),
    Column("n_rejected", Integer, nullable=False, default=0),
    Column("message", Text),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text),
    Column("size", Integer, nullable=False, default=1),
    Column("first_published_at", UTCDateTime),
    Column("last_published_at", UTCDateTime),
    # The content hash of the document that opened the story: a natural key that lets a
    # batch insert find its new ids without RETURNING (row-at-a-time on SQLite).
    Column("founder_hash", String(64), nullable=False, unique=True),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="SET NULL")),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("url", Text),
    Column("external_id", Text),
    Column("parent_external_id", Text),
    Column("published_at", UTCDateTime, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("lang", String(10), nullable=False),
    Column("author_hash", String(64)),
    Column("byline", Text),
    Column("platform", String(40)),
    Column("likes", Integer),
    Column("shares", Integer),
    Column("comments", Integer),
    Column("chars", Integer, nullable=False),
    Column("flags", Text, nullable=False, default=""),
    Column("origin", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("minhash", LargeBinary),
    Column("anchors", LargeBinary),
    # Covering for trends and overviews: time, kind, author and story without the row.
    Index(None, "published_at", "kind", "author_hash", "story_id"),
    Index(None, "story_id"),
    Index(None, "kind", "published_at"),
    # Comments find the post they answer by its external id (topics, threads).
    Index(None, "external_id"),
)

# Documents per UTC hour and kind, with the smallest and largest author pseudonym: what
# a trend of the whole stream (or of one kind) needs, without reading a million rows.
# Kept in step by triggers on `documents` (store/rollup.py, migration 0009); on
# PostgreSQL a row is a delta and an (hour, kind) may have several, so always sum.
hourly_counts = Table(
    "hourly_counts",
    metadata,
    Column("hour", String(13), nullable=False),  # 'YYYY-MM-DD HH', UTC
    Column("kind", String(20), nullable=False),
    Column("documents", Integer, nullable=False),
    Column("first_author", String(64)),
    Column("last_author", String(64)),
    Index(None, "hour", "kind"),
)

# One row per (LSH band, document) so that a new text finds its near-duplicate
# candidates with an indexed lookup instead of a scan; without rowid on SQLite
# this is a single B-tree, half the size.
lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="SET NULL")),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("origin", Text, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("raw_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "reason"),
)

# The normalised words of each document (duluan/search/normalise.py), for full-text search.
# SQLite indexes them with an FTS5 table (migration 0006) and PostgreSQL with a GIN index
# on a stored column `words` = to_tsvector('simple', folded) (migration 0008), both
# outside this declaration (duluan/search/index.py).
document_search = Table(
    "document_search",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("folded", Text, nullable=False),
)

# One row per enriched document: what the shipped models and the language core said.
# Re-enrichment after a model change replaces the row (model_version says which).
enrichments = Table(
    "enrichments",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("model_version", String(64), nullable=False),
    Column("category", String(40)),
    Column("category_p", Float),
    Column("sentiment", String(10)),
    Column("p_negative", Float),
    Column("p_neutral", Float),
    Column("p_positive", Float),
    Column("toxicity", String(12)),
    Column("toxicity_score", Float),
    Column("complaint_p", Float),
    Column("concern", String(30)),
    Column("concern_p", Float),
    Column("keywords", JSON, nullable=False),
    Column("enriched_at", UTCDateTime, nullable=False),
    Index(None, "concern"),
    Index(None, "category"),
)

# Places mentioned in a document, resolved to the units in force since 1 July 2025.
document_places = Table(
    "document_places",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("level", String(10), nullable=False),
    Column("era", String(5), nullable=False),
    Column("code", String(10), nullable=False),
    Column("surface", Text, nullable=False),
    Column("province_code", String(10)),
    Column("ward_code", String(10)),
    Column("confidence", Float, nullable=False),
    Index(None, "province_code", "document_id"),
    Index(None, "ward_code", "document_id"),
)


# Topics: groups of stories about one subject, found incrementally (analysis/topics.py).
# A topic keeps its id as it grows; a merged topic points to the one that absorbed it.
topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("headline", Text),
    Column("status", String(10), nullable=False),  # active, faded, merged
    Column("merged_into", Integer, ForeignKey("topics.id")),
    Column("n_stories", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
    Column("born_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("centroid", LargeBinary),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "status"),
)

story_topics = Table(
    "story_topics",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id"), nullable=False),
    Column("similarity", Float, nullable=False),
    Column("assigned_at", UTCDateTime, nullable=False),
    Index(None, "topic_id"),
)

# The life of topics: born, merged, split, faded, revived — with the data time it happened.
topic_events = Table(
    "topic_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("other_topic_id", Integer, ForeignKey("topics.id")),
    Column("at", UTCDateTime, nullable=False),
    Column("detail", JSON, nullable=False),
    Index(None, "topic_id"),
)

# A surge of one series (concern x place, or topic) above its baseline. One row per surge:
# later days of the same surge extend it, so an alert is never raised twice.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("series_key", String(160), nullable=False),
    Column("kind", String(20), nullable=False),  # concern_place, concern_national, topic
    Column("concern", String(30)),
    Column("place_level", String(10)),
    Column("place_code", String(10)),
    Column("topic_id", Integer, ForeignKey("topics.id")),
    Column("started_on", Date, nullable=False),
    Column("last_on", Date, nullable=False),
    Column("observed", Integer, nullable=False),
    Column("expected", Float, nullable=False),
    Column("score", Float, nullable=False),
    Column("threshold", Float, nullable=False),
    Column("method", String(60), nullable=False),
    Column("stats", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("status", String(12), nullable=False),  # new, acknowledged, dismissed, case
    Column("status_reason", Text),
    Column("case_id", Integer, ForeignKey("cases.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("acknowledged_at", UTCDateTime),
    UniqueConstraint("series_key", "started_on"),
    Index(None, "status"),
    Index(None, "last_on"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("concern", String(30)),
    Column("place_level", String(10)),
    Column("place_code", String(10)),
    Column("assigned_unit", Text),
    Column("priority", String(10), nullable=False),
    Column("due_on", Date),
    Column("status", String(12), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("started_at", UTCDateTime),
    Column("answered_at", UTCDateTime),
    Column("resolved_at", UTCDateTime),
    Column("closed_at", UTCDateTime),
    Index(None, "status"),
)

case_documents = Table(
    "case_documents",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

# The audit trail: every change to a case, who made it and when; never updated or deleted.
case_events = Table(
    "case_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("field", String(30)),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("note", Text),
    Index(None, "case_id"),
)


# Accounts (accounts/): who may use the dashboard and the API, and what they did there.
# Secrets (session, API and login-link tokens) are stored only as their SHA-256, so a copy
# of the database does not let anyone log in.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_login_at", UTCDateTime),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index(None, "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(12), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
    Index(None, "user_id"),
)

login_links = Table(
    "login_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

# Who looked at or changed what; rows are only ever inserted. The username is copied so
# the trail still reads after a user row is gone (user_id then becomes NULL).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("username", String(60), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    Index(None, "at"),
    Index(None, "action"),
)
