"""The search index: one normalised text per document, kept in step with `documents`.

Both databases keep the normalised words in the plain table `document_search`
(document_id, folded), written in the same transaction as the document itself (see
`repository.insert_search_rows`, called by the ingest loop). Each database then indexes it
its own way:

- SQLite: a contentless FTS5 table `document_search_fts` (the words are stored once, in
  `document_search`), kept in step by triggers. Its rowid is not the document id but a
  time key, the second of publication then the id (`sort_key`), so that "newest first"
  reads the matches in index order and stops after one page, however frequent the words,
  and a date range is a rowid range. A document's id is the key's low 31 bits.
- PostgreSQL: a stored generated column `words` = `to_tsvector('simple', folded)` with a
  GIN index (migration 0008; before it, the index was on the expression, which PostgreSQL
  recomputed for every row it rechecked: seconds for a frequent word). Folding is done in
  Python, so no `unaccent` extension is needed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from ..store import repository as repo
from ..store.schema import documents
from .normalise import search_form

__all__ = [
    "FTS_TABLE", "ID_BITS", "ID_MASK", "PG_WORDS", "create_search_index", "drop_search_index", "fill_search_rows",
    "index_documents", "reindex", "seconds_key", "sort_key",
]

FTS_TABLE = "document_search_fts"
# Everything named document_search_fts* is the index itself, outside the declared schema.
PG_INDEX = "document_search_fts_gin"
BATCH = 5000

# Document ids stay below 2**31 (SQLite would need two billion documents to pass it); the
# seconds above them reach the year 2106 within a signed 64-bit rowid.
ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1


def _key(row: str) -> str:
    """The FTS rowid of a documents row, in SQL: UTC seconds of publication, then the id."""
    return f"((CAST(strftime('%s', {row}.published_at) AS INTEGER) << {ID_BITS}) | {row}.id)"


def sort_key(published_at: datetime, document_id: int) -> int:
    """The same key in Python (for cursors and date ranges)."""
    return (math.floor(published_at.timestamp()) << ID_BITS) | document_id


def seconds_key(at: datetime) -> int:
    """The smallest key of the second `at` falls in."""
    return math.floor(at.timestamp()) << ID_BITS


_FTS_DELETE = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded)"
_SQLITE_CREATE = (
    # The words are already split, folded and lower-cased by normalise.py: the plain
    # ASCII tokenizer (split at spaces) is all that is left to do, and the cheapest.
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(folded, content='', tokenize='ascii')",
    f"CREATE TRIGGER document_search_ai AFTER INSERT ON document_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) SELECT {_key('d')}, new.folded FROM documents AS d "
    f"WHERE d.id = new.document_id; END",
    # A contentless table forgets a row only when given its exact words back. When a
    # document is deleted, documents_search_bd does it before the cascade reaches
    # document_search, whose own trigger then finds no document and does nothing.
    f"CREATE TRIGGER document_search_ad AFTER DELETE ON document_search BEGIN "
    f"{_FTS_DELETE} SELECT 'delete', {_key('d')}, old.folded FROM documents AS d "
    f"WHERE d.id = old.document_id; END",
    f"CREATE TRIGGER document_search_au AFTER UPDATE ON document_search BEGIN "
    f"{_FTS_DELETE} SELECT 'delete', {_key('d')}, old.folded FROM documents AS d WHERE d.id = old.document_id; "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) SELECT {_key('d')}, new.folded FROM documents AS d "
    f"WHERE d.id = new.document_id; END",
    f"CREATE TRIGGER documents_search_bd BEFORE DELETE ON documents BEGIN "
    f"{_FTS_DELETE} SELECT 'delete', {_key('old')}, s.folded FROM document_search AS s "
    f"WHERE s.document_id = old.id; END",
    f"CREATE TRIGGER documents_search_au AFTER UPDATE OF published_at ON documents BEGIN "
    f"{_FTS_DELETE} SELECT 'delete', {_key('old')}, s.folded FROM document_search AS s WHERE s.document_id = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) SELECT {_key('new')}, s.folded FROM document_search AS s "
    f"WHERE s.document_id = new.id; END",
    # Index what the table holds in one statement, faster than row by row.
    f"INSERT INTO {FTS_TABLE}(rowid, folded) SELECT {_key('d')}, s.folded "
    f"FROM document_search AS s JOIN documents AS d ON d.id = s.document_id",
)
_SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (
        "document_search_ai", "document_search_ad", "document_search_au", "documents_search_bd", "documents_search_au",
    )),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
PG_WORDS = "words"  # the stored tsvector column of document_search
_PG_CREATE = (
    f"ALTER TABLE document_search ADD COLUMN IF NOT EXISTS {PG_WORDS} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON document_search USING gin ({PG_WORDS})",
    # Statistics of the words, so that the planner knows a frequent word from a rare one
    # (query.py lets it choose between walking the newest documents and the GIN index).
    "ANALYZE document_search",
)
# The column stays: it is part of the table, and refilled rows compute it themselves.
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
