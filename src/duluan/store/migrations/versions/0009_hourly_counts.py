"""Documents per UTC hour and kind (`hourly_counts`), kept in step by triggers.

The trend of the whole stream and the weekday pattern behind every baseline read it
instead of every document (see duluan.store.rollup). Existing documents are counted here,
in one pass.

The statements are copied here as they were at this revision (a migration must not change
when the live module does; 0010 replaced the PostgreSQL update trigger).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER hourly_counts_ai AFTER INSERT ON documents
    BEGIN UPDATE hourly_counts SET documents = documents + 1, first_author = coalesce(min(first_author, new.author_hash), first_author, new.author_hash), last_author = coalesce(max(last_author, new.author_hash), last_author, new.author_hash)
    WHERE hour = substr(new.published_at, 1, 13) AND kind = new.kind;
    INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
    SELECT substr(new.published_at, 1, 13), new.kind, 1, new.author_hash, new.author_hash
    WHERE NOT EXISTS (SELECT 1
    FROM hourly_counts
    WHERE hour = substr(new.published_at, 1, 13) AND kind = new.kind);
    END
    """,
    """
    CREATE TRIGGER hourly_counts_ad AFTER DELETE ON documents
    BEGIN DELETE
    FROM hourly_counts
    WHERE hour = substr(old.published_at, 1, 13) AND kind = old.kind;
    INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
    SELECT substr(old.published_at, 1, 13), old.kind, count(*), min(author_hash), max(author_hash)
    FROM documents
    WHERE kind = old.kind AND published_at >= substr(old.published_at, 1, 13) AND published_at < substr(old.published_at, 1, 13) || ';'
    GROUP BY kind HAVING count(*) > 0;
    END
    """,
    """
    CREATE TRIGGER hourly_counts_au AFTER
    UPDATE OF published_at, kind, author_hash ON documents
    BEGIN DELETE
    FROM hourly_counts
    WHERE hour = substr(old.published_at, 1, 13) AND kind = old.kind;
    INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
    SELECT substr(old.published_at, 1, 13), old.kind, count(*), min(author_hash), max(author_hash)
    FROM documents
    WHERE kind = old.kind AND published_at >= substr(old.published_at, 1, 13) AND published_at < substr(old.published_at, 1, 13) || ';'
    GROUP BY kind HAVING count(*) > 0;
    DELETE
    FROM hourly_counts
    WHERE hour = substr(new.published_at, 1, 13) AND kind = new.kind;
    INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
    SELECT substr(new.published_at, 1, 13), new.kind, count(*), min(author_hash), max(author_hash)
    FROM documents
    WHERE kind = new.kind AND published_at >= substr(new.published_at, 1, 13) AND published_at < substr(new.published_at, 1, 13) || ';'
    GROUP BY kind HAVING count(*) > 0;
    END
    """,
)
PG_STATEMENTS = (
    """
    CREATE OR REPLACE FUNCTION hourly_counts_recount(touched text[], kinds text[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('duluan.hourly_counts'));
      WITH pairs AS (SELECT DISTINCT h, k FROM unnest(touched, kinds) AS p(h, k)),
      gone AS (
        DELETE FROM hourly_counts c USING pairs WHERE c.hour = pairs.h AND c.kind = pairs.k
      )
      INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
      SELECT pairs.h, pairs.k, count(*), min(d.author_hash), max(d.author_hash)
      FROM pairs JOIN documents d ON d.kind = pairs.k
        AND d.published_at >= (pairs.h || ':00:00')::timestamp AT TIME ZONE 'UTC'
        AND d.published_at < ((pairs.h || ':00:00')::timestamp + interval '1 hour') AT TIME ZONE 'UTC'
      GROUP BY pairs.h, pairs.k;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION hourly_counts_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
      SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), kind, count(*), min(author_hash), max(author_hash)
      FROM new_rows GROUP BY 1, 2;
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION hourly_counts_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM hourly_counts_recount(
        ARRAY(SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') FROM old_rows),
        ARRAY(SELECT kind FROM old_rows));
      RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION hourly_counts_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      hours text[];
      kinds text[];
    BEGIN
      SELECT array_agg(pair.h), array_agg(pair.k) INTO hours, kinds
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
      LATERAL (VALUES (to_char(o.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), o.kind),
                      (to_char(n.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), n.kind)) AS pair(h, k)
      WHERE (o.published_at, o.kind, o.author_hash) IS DISTINCT FROM (n.published_at, n.kind, n.author_hash);
      IF hours IS NOT NULL THEN
        PERFORM hourly_counts_recount(hours, kinds);
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER hourly_counts_ai AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hourly_counts_inserted()
    """,
    """
    CREATE TRIGGER hourly_counts_ad AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hourly_counts_deleted()
    """,
    """
    CREATE TRIGGER hourly_counts_au AFTER
    UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hourly_counts_updated()
    """,
)
SQLITE_DROP = ("hourly_counts_ai", "hourly_counts_ad", "hourly_counts_au")
PG_DROP = (
    "DROP TRIGGER IF EXISTS hourly_counts_ai ON documents",
    "DROP TRIGGER IF EXISTS hourly_counts_ad ON documents",
    "DROP TRIGGER IF EXISTS hourly_counts_au ON documents",
    "DROP FUNCTION IF EXISTS hourly_counts_inserted()",
    "DROP FUNCTION IF EXISTS hourly_counts_deleted()",
    "DROP FUNCTION IF EXISTS hourly_counts_updated()",
    "DROP FUNCTION IF EXISTS hourly_counts_row_updated()",  # 0010's, left by its downgrade
    "DROP FUNCTION IF EXISTS hourly_counts_recount(text[], text[])",
)
FILL = {
    "sqlite": "INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author) SELECT substr(documents.published_at, 1, 13), kind, count(*), min(author_hash), max(author_hash) FROM documents GROUP BY 1, 2",
    "postgresql": "INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author) SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), kind, count(*), min(author_hash), max(author_hash) FROM documents GROUP BY 1, 2",
}


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
    postgres = conn.dialect.name == "postgresql"
    # Triggers first, then the count under a lock that lets nobody write documents until
    # the migration commits: a document written between the count and the triggers would
    # otherwise be missed.
    for statement in PG_STATEMENTS if postgres else SQLITE_TRIGGERS:
        conn.exec_driver_sql(statement)
    if postgres:
        conn.exec_driver_sql("LOCK TABLE documents IN SHARE MODE")
    # Whatever the triggers counted meanwhile is counted again by the fill.
    conn.exec_driver_sql("DELETE FROM hourly_counts")
    conn.exec_driver_sql(FILL["postgresql" if postgres else "sqlite"])


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for statement in PG_DROP:
            conn.exec_driver_sql(statement)
    else:
        for name in SQLITE_DROP:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_hourly_counts_hour_kind", table_name="hourly_counts")
    op.drop_table("hourly_counts")
