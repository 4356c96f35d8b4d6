"""Every document a search matches, written as CSV or JSON Lines, page after page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import IO, Any

from sqlalchemy import Engine

from ..analysis.alerts import CONCERN_NAMES
from ..analysis.privacy import public_url
from ..enrich.pipeline import CATEGORY_NAMES
from ..errors import UsageError
from .normalise import parse_query
from .query import SearchQuery, check_query, cursor_after, find_ids, load_rows, order_of

__all__ = ["EXPORT_COLUMNS", "EXPORT_FORMATS", "export_documents"]

EXPORT_FORMATS = ("csv", "jsonl")
# The full redacted text with what the analyst filtered on. Never an author field: an
# export is for reading what was said, and a column grouping posts by person would
# invite per-person profiles.
EXPORT_COLUMNS = (
    "id", "published_at", "kind", "source", "source_kind", "url", "title", "text", "lang",
    "story_id", "category", "sentiment", "concern", "complaint_p",
)
# The labels' display names, for people opening the file (the codes stay for programs):
# added after the columns above so that readers by position keep working.
NAME_COLUMNS = ("category_name", "concern_name")
PAGE = 1000


def _rows(engine: Engine, query: SearchQuery, max_rows: int) -> Iterator[dict[str, Any]]:
    """Matching documents in search order, a page per connection so that a slow writer
    never holds a read transaction (and SQLite's WAL) open for the whole export."""
    terms = parse_query(query.text)
    if query.text.strip() and not terms:
        return
    page_query = replace(query, cursor=None)
    sent = 0
    while sent < max_rows:
        with engine.connect() as conn:
            order = order_of(page_query, terms, conn.dialect.name)
            found = find_ids(conn, page_query, terms, min(PAGE, max_rows - sent))
            rows = load_rows(conn, [document_id for document_id, _ in found])
        for document_id, _ in found:
            if document_id in rows:
                row = rows[document_id]
                yield {name: getattr(row, name) for name in EXPORT_COLUMNS} | {
                    "url": public_url(row.kind, row.url),
                    "category_name": CATEGORY_NAMES.get(row.category or "", row.category),
                    "concern_name": CONCERN_NAMES.get(row.concern or "", row.concern),
                }
        sent += len(found)
        if len(found) < PAGE or not found:
            return
        page_query = replace(page_query, cursor=cursor_after(order, found[-1]))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_documents(
    engine: Engine, query: SearchQuery, fmt: str, out: IO[bytes] | IO[str], max_rows: int = 100_000
) -> int:
    """Write every document matching `query` (its limit and cursor ignored) to `out` as
    "csv" or "jsonl", at most `max_rows`; returns the number of rows written.

    `out` may be a text stream or a binary one (then UTF-8 is written).
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    if max_rows < 0:
        raise UsageError(f"max_rows {max_rows} is negative; give 0 or more")
    query = check_query(replace(query, cursor=None))
    binary = not isinstance(out, io.TextIOBase) and not hasattr(out, "encoding")
    handle: Any = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True) if binary else out  # type: ignore[arg-type]
    count = 0
    try:
        if fmt == "csv":
            writer = csv.DictWriter(handle, fieldnames=(*EXPORT_COLUMNS, *NAME_COLUMNS))
            writer.writeheader()
            for row in _rows(engine, query, max_rows):
                writer.writerow({key: _plain(value) for key, value in row.items()})
                count += 1
        else:
            for row in _rows(engine, query, max_rows):
                handle.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                count += 1
        handle.flush()
    finally:
        if binary:
            handle.detach()  # leave the caller's stream open
    return count
