"""The search index: one normalised text per document, kept in step with `documents`.

Both databases keep the normalised words in the plain table `document_search`
(document_id, folded), written in the same transaction as the document itself (see
`repository.insert_search_rows`, called by the ingest loop). Each database then indexes it
its own way:

- SQLite: an FTS5 table `document_search_fts` over `document_search` (external content,
  rowid = document id), kept in step by triggers; a deleted document leaves the index
  through the foreign-key cascade on `document_search` and its delete trigger.
- PostgreSQL: a GIN index on `to_tsvector('simple', folded)`; folding is done in Python,
  so no `unaccent` extension is needed.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, select

from ..store import repository as repo
from ..store.schema import documents
from .normalise import search_form

__all__ = ["FTS_TABLE", "create_search_index", "drop_search_index", "fill_search_rows", "index_documents", "reindex"]

FTS_TABLE = "document_search_fts"
# Everything named document_search_fts* is the index itself, outside the declared schema.
PG_INDEX = "document_search_fts_gin"
BATCH = 5000

# Shadow tables FTS5 makes beside its virtual table (no _content: the content is ours).
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config")

_SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(folded, content='document_search', "
    "content_rowid='document_id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER document_search_ai AFTER INSERT ON document_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.document_id, new.folded); END",
    f"CREATE TRIGGER document_search_ad AFTER DELETE ON document_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.document_id, old.folded); END",
    f"CREATE TRIGGER document_search_au AFTER UPDATE ON document_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.document_id, old.folded); "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.document_id, new.folded); END",
    # Builds the whole index from document_search in one pass, faster than row by row.
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS document_search_ai",
    "DROP TRIGGER IF EXISTS document_search_ad",
    "DROP TRIGGER IF EXISTS document_search_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
_PG_CREATE = (f"CREATE INDEX {PG_INDEX} ON document_search USING gin (to_tsvector('simple', folded))",)
_PG_DROP = (f"DROP INDEX IF EXISTS {PG_INDEX}",)


def create_search_index(conn: Connection) -> None:
    """Index what `document_search` holds: the FTS5 table and its triggers, or the GIN index."""
    for statement in _SQLITE_CREATE if conn.dialect.name == "sqlite" else _PG_CREATE:
        conn.exec_driver_sql(statement)


def drop_search_index(conn: Connection) -> None:
    for statement in _SQLITE_DROP if conn.dialect.name == "sqlite" else _PG_DROP:
        conn.exec_driver_sql(statement)


def fill_search_rows(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Write the normalised form of every document into `document_search`, in batches by id.

    The table must hold no row yet. Returns the number of documents written.
    """
    done, after = 0, 0
    while True:
        rows = conn.execute(
            select(documents.c.id, documents.c.title, documents.c.text)
            .where(documents.c.id > after).order_by(documents.c.id).limit(BATCH)
        ).all()
        if not rows:
            return done
        repo.insert_search_rows(conn, [(row.id, search_form(row.title, row.text)) for row in rows])
        done += len(rows)
        after = rows[-1].id
        if progress:
            progress(done)


def index_documents(conn: Connection, ids: list[int]) -> None:
    """(Re)index these documents, e.g. after writing them outside the ingest loop."""
    if not ids:
        return
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        placeholders = ", ".join([marker] * len(chunk))
        conn.exec_driver_sql(f"DELETE FROM document_search WHERE document_id IN ({placeholders})", tuple(chunk))
        rows = conn.execute(
            select(documents.c.id, documents.c.title, documents.c.text).where(documents.c.id.in_(chunk))
        ).all()
        repo.insert_search_rows(conn, [(row.id, search_form(row.title, row.text)) for row in rows])


def reindex(engine: Engine, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the documents; returns how many were indexed.

    For workspaces whose index predates a change of the normal form. One transaction:
    searches go on reading the old index meanwhile, but an ingest waits, so run it
    while nothing is ingesting.
    """
    with engine.begin() as conn:
        # 1. Drop the index so that deleting and refilling do not update it row by row.
        drop_search_index(conn)
        conn.exec_driver_sql("DELETE FROM document_search")
        # 2. Refill the rows, 3. index them in one pass.
        done = fill_search_rows(conn, progress)
        create_search_index(conn)
    return done
