"""Documents per UTC hour and kind (`hourly_counts`), kept in step with `documents` by
the database itself.

A trend of the whole stream over 90 days used to read every one of its documents (0.9 s
for 900,000 on SQLite, more on a busy machine) and the weekday pattern behind every
baseline read 118 days of them again. The rollup answers both from a few thousand rows.
Triggers keep it exact whatever writes the documents (ingest, a migration, a test, a
hand-made SQL fix):

- SQLite has one writer at a time, so a row-level trigger adds each document to its
  (hour, kind) row, one row per pair.
- PostgreSQL has concurrent writers: an upsert on a shared (hour, kind) row would make
  two ingests wait for each other until commit, or deadlock. A statement-level trigger
  appends one delta row per (hour, kind) the statement touched instead; readers sum the
  rows, and `compact_hourly_counts` folds the deltas back (the ingest loop calls it).

Deleting a document, or changing its time, kind or author, recounts the hours it touched
(on PostgreSQL, a row-level trigger for updates, limited to those columns)
from `documents`, so the smallest and largest pseudonyms stay real authors of that hour
(they are the lower bound of distinct authors that k-anonymity relies on).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ..errors import StoreError

__all__ = [
    "compact_hourly_counts",
    "create_hourly_rollup",
    "drop_hourly_rollup",
    "fill_hourly_counts",
]

_SQLITE_HOUR = "substr({row}.published_at, 1, 13)"
# Every stored SQLite time starts 'YYYY-MM-DD HH:'; ';' sorts right after ':', so the hour's
# rows are the range [hour, hour || ';') of the (kind, published_at) index.
_SQLITE_RECOUNT = (
    "DELETE FROM hourly_counts WHERE hour = {hour} AND kind = {kind}; "
    "INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author) "
    "SELECT {hour}, {kind}, count(*), min(author_hash), max(author_hash) FROM documents "
    "WHERE kind = {kind} AND published_at >= {hour} AND published_at < {hour} || ';' "
    # GROUP BY: a HAVING without one needs SQLite 3.39 or later.
    "GROUP BY kind HAVING count(*) > 0;"
)


def _sqlite_recount(row: str) -> str:
    return _SQLITE_RECOUNT.format(hour=_SQLITE_HOUR.format(row=row), kind=f"{row}.kind")


_SQLITE_TRIGGERS = (
    # Insert: add one to the pair's row, or start it. No upsert: the table has no unique
    # key, since PostgreSQL keeps several rows per pair.
    "CREATE TRIGGER hourly_counts_ai AFTER INSERT ON documents BEGIN "
    f"UPDATE hourly_counts SET documents = documents + 1, "
    "first_author = coalesce(min(first_author, new.author_hash), first_author, new.author_hash), "
    "last_author = coalesce(max(last_author, new.author_hash), last_author, new.author_hash) "
    f"WHERE hour = {_SQLITE_HOUR.format(row='new')} AND kind = new.kind; "
    "INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author) "
    f"SELECT {_SQLITE_HOUR.format(row='new')}, new.kind, 1, new.author_hash, new.author_hash "
    "WHERE NOT EXISTS (SELECT 1 FROM hourly_counts "
    f"WHERE hour = {_SQLITE_HOUR.format(row='new')} AND kind = new.kind); END",
    f"CREATE TRIGGER hourly_counts_ad AFTER DELETE ON documents BEGIN {_sqlite_recount('old')} END",
    "CREATE TRIGGER hourly_counts_au AFTER UPDATE OF published_at, kind, author_hash ON documents BEGIN "
    f"{_sqlite_recount('old')} {_sqlite_recount('new')} END",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS hourly_counts_ai",
    "DROP TRIGGER IF EXISTS hourly_counts_ad",
    "DROP TRIGGER IF EXISTS hourly_counts_au",
)

_LOCK = "SELECT pg_advisory_xact_lock(hashtext('duluan.hourly_counts'))"
_PG_HOUR = "to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')"
_PG_FUNCTIONS = (
    # The (hour, kind) pairs of `touched` counted again from documents, in one statement:
    # one snapshot for the delete and the count, so a delta another transaction commits
    # meanwhile is neither deleted nor counted twice. The advisory lock keeps two
    # recounts of the same moment from both inserting their total.
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
    f"""
    CREATE OR REPLACE FUNCTION hourly_counts_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
      SELECT {_PG_HOUR.format(col='published_at')}, kind, count(*), min(author_hash), max(author_hash)
      FROM new_rows GROUP BY 1, 2;
      RETURN NULL;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION hourly_counts_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM hourly_counts_recount(
        ARRAY(SELECT {_PG_HOUR.format(col='published_at')} FROM old_rows),
        ARRAY(SELECT kind FROM old_rows));
      RETURN NULL;
    END $$
    """,
    # A row-level trigger, so that it can name its columns and a condition: an update
    # that moves no document to another hour, kind or author (a title fixed, a source
    # removed from thousands of documents) never reaches it.
    f"""
    CREATE OR REPLACE FUNCTION hourly_counts_row_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM hourly_counts_recount(
        ARRAY[{_PG_HOUR.format(col='old.published_at')}, {_PG_HOUR.format(col='new.published_at')}],
        ARRAY[old.kind, new.kind]);
      RETURN NULL;
    END $$
    """,
)
_PG_TRIGGERS = (
    "CREATE TRIGGER hourly_counts_ai AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION hourly_counts_inserted()",
    "CREATE TRIGGER hourly_counts_ad AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION hourly_counts_deleted()",
    "CREATE TRIGGER hourly_counts_au AFTER UPDATE OF published_at, kind, author_hash ON documents FOR EACH ROW "
    "WHEN ((old.published_at, old.kind, old.author_hash) IS DISTINCT FROM (new.published_at, new.kind, new.author_hash)) "
    "EXECUTE FUNCTION hourly_counts_row_updated()",
)
_PG_DROP = (
    "DROP TRIGGER IF EXISTS hourly_counts_ai ON documents",
    "DROP TRIGGER IF EXISTS hourly_counts_ad ON documents",
    "DROP TRIGGER IF EXISTS hourly_counts_au ON documents",
    "DROP FUNCTION IF EXISTS hourly_counts_inserted()",
    "DROP FUNCTION IF EXISTS hourly_counts_deleted()",
    "DROP FUNCTION IF EXISTS hourly_counts_updated()",  # migration 0009's statement-level one
    "DROP FUNCTION IF EXISTS hourly_counts_row_updated()",
    "DROP FUNCTION IF EXISTS hourly_counts_recount(text[], text[])",
)


def create_hourly_rollup(conn: Connection) -> None:
    """The triggers (and on PostgreSQL their functions) that keep `hourly_counts` in step."""
    if conn.dialect.name == "postgresql":
        for statement in (*_PG_FUNCTIONS, *_PG_TRIGGERS):
            conn.exec_driver_sql(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            conn.exec_driver_sql(statement)


def drop_hourly_rollup(conn: Connection) -> None:
    """Remove the triggers and functions (the table stays): for a migration that replaces
    them, or a bulk load that fills the table afterwards."""
    for statement in _PG_DROP if conn.dialect.name == "postgresql" else _SQLITE_DROP:
        conn.exec_driver_sql(statement)


def fill_hourly_counts(conn: Connection) -> None:
    """Count every stored document into `hourly_counts` afresh (one pass over the table).

    On PostgreSQL, documents are locked against writers until the caller's transaction
    ends, so that nothing is written between the count and the commit; call it after
    `create_hourly_rollup` so that later writes reach the triggers."""
    hour = _PG_HOUR.format(col="published_at") if conn.dialect.name == "postgresql" else (
        _SQLITE_HOUR.format(row="documents")
    )
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE documents IN SHARE MODE")
    conn.exec_driver_sql("DELETE FROM hourly_counts")
    conn.exec_driver_sql(
        "INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author) "
        f"SELECT {hour}, kind, count(*), min(author_hash), max(author_hash) FROM documents GROUP BY 1, 2"
    )


_PG_COMPACT = """
WITH gone AS (
  DELETE FROM hourly_counts
  WHERE (hour, kind) IN (SELECT hour, kind FROM hourly_counts GROUP BY 1, 2 HAVING count(*) > 1)
  RETURNING hour, kind, documents, first_author, last_author
)
INSERT INTO hourly_counts (hour, kind, documents, first_author, last_author)
SELECT hour, kind, sum(documents), min(first_author), max(last_author) FROM gone GROUP BY 1, 2
"""


def compact_hourly_counts(engine: Engine) -> None:
    """Fold PostgreSQL's delta rows into one row per (hour, kind); nothing to do on SQLite.

    Safe beside concurrent writers: each delta is deleted by exactly one statement, which
    inserts the sum of exactly what it deleted.
    """
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.begin() as conn:
            # The recount's lock: a compaction and a recount of the same pair would both
            # insert a total.
            conn.exec_driver_sql(_LOCK)
            conn.exec_driver_sql(_PG_COMPACT)
    except DBAPIError as exc:
        raise StoreError(f"cannot fold the hourly rollup's deltas: {exc.orig}") from exc
