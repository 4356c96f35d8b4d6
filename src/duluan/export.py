"""Export stored documents to CSV, JSON Lines or Parquet, streaming in chunks."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from .errors import UsageError
from .records import DOCUMENT_KINDS
from .store.schema import documents, sources

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
# Author hashes are left out on purpose: an export is for reading conversations,
# and a column that groups posts by person would invite per-person profiles.
EXPORT_COLUMNS = (
    "id", "story_id", "source", "kind", "published_at", "fetched_at", "url", "title", "text",
    "lang", "platform", "byline", "likes", "shares", "comments", "flags",
)
CHUNK = 5000


@dataclass
class ExportOptions:
    path: Path
    format: str
    since: datetime | None = None
    until: datetime | None = None
    kinds: tuple[str, ...] = ()


def _rows(engine: Engine, options: ExportOptions) -> Iterator[dict[str, Any]]:
    query = (
        select(documents, sources.c.name.label("source"))
        .select_from(documents.outerjoin(sources, documents.c.source_id == sources.c.id))
        .order_by(documents.c.id)
    )
    if options.since:
        query = query.where(documents.c.published_at >= options.since)
    if options.until:
        query = query.where(documents.c.published_at < options.until)
    if options.kinds:
        query = query.where(documents.c.kind.in_(options.kinds))
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query)
        for row in result.mappings():
            yield {name: row[name] for name in EXPORT_COLUMNS}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_documents(engine: Engine, options: ExportOptions) -> int:
    """Write the selected documents; returns how many were written."""
    if options.format not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {options.format!r}; expected one of: {', '.join(EXPORT_FORMATS)}")
    for kind in options.kinds:
        if kind not in DOCUMENT_KINDS:
            raise UsageError(f"unknown kind {kind!r}; expected one of: {', '.join(DOCUMENT_KINDS)}")
    options.path.parent.mkdir(parents=True, exist_ok=True)
    rows = _rows(engine, options)
    if options.format == "parquet":
        return _write_parquet(rows, options.path)
    count = 0
    with options.path.open("w", encoding="utf-8", newline="") as handle:
        if options.format == "csv":
            writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _plain(v) for k, v in row.items()})
                count += 1
        else:
            for row in rows:
                handle.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                count += 1
    return count


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.int64()), ("story_id", pa.int64()), ("source", pa.string()),
            ("kind", pa.string()), ("published_at", pa.timestamp("us", tz="UTC")),
            ("fetched_at", pa.timestamp("us", tz="UTC")), ("url", pa.string()),
            ("title", pa.string()), ("text", pa.string()), ("lang", pa.string()),
            ("platform", pa.string()), ("byline", pa.string()), ("likes", pa.int64()),
            ("shares", pa.int64()), ("comments", pa.int64()), ("flags", pa.string()),
        ]
    )
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        # An empty export still writes a valid file with the schema.
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
        count += len(chunk)
    return count
