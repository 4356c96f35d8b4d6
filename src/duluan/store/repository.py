"""Reads and writes of sources, ingest runs, documents, stories and rejects."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, literal, select, update

from ..errors import UsageError
from .schema import UTCDateTime, documents, ingest_runs, lsh_bands, rejects, sources, stories

# SQLite allows 32,766 bound parameters; stay well under for IN lists.
IN_CHUNK = 5000


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class SourceRow:
    id: int
    name: str
    kind: str
    location: str
    options: dict[str, Any]
    fetch_state: dict[str, Any]
    last_run_at: datetime | None
    last_error: str | None


def _source(row: Any) -> SourceRow:
    return SourceRow(
        id=row.id, name=row.name, kind=row.kind, location=row.location,
        options=dict(row.options or {}), fetch_state=dict(row.fetch_state or {}),
        last_run_at=row.last_run_at, last_error=row.last_error,
    )


def add_source(engine: Engine, name: str, kind: str, location: str, options: dict[str, Any]) -> int:
    with engine.begin() as conn:
        if conn.execute(select(sources.c.id).where(sources.c.name == name)).first():
            raise UsageError(f"a source named {name!r} exists already; choose another --name")
        result = conn.execute(
            insert(sources).values(
                name=name, kind=kind, location=location, options=options,
                fetch_state={}, created_at=utcnow(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_sources(engine: Engine) -> list[SourceRow]:
    with engine.connect() as conn:
        return [_source(r) for r in conn.execute(select(sources).order_by(sources.c.id))]


def get_source(engine: Engine, name: str) -> SourceRow:
    with engine.connect() as conn:
        row = conn.execute(select(sources).where(sources.c.name == name)).first()
    if row is None:
        known = ", ".join(s.name for s in list_sources(engine)) or "none yet"
        raise UsageError(f"no source named {name!r}; known sources: {known}")
    return _source(row)


def remove_source(engine: Engine, name: str) -> None:
    """Forget a source; its documents stay (they lose only the link)."""
    source = get_source(engine, name)
    with engine.begin() as conn:
        conn.execute(delete(sources).where(sources.c.id == source.id))


def record_source_run(
    engine: Engine, source_id: int, fetch_state: dict[str, Any] | None, error: str | None
) -> None:
    values: dict[str, Any] = {"last_run_at": utcnow(), "last_error": error}
    if fetch_state is not None:
        values["fetch_state"] = fetch_state
    with engine.begin() as conn:
        conn.execute(update(sources).where(sources.c.id == source_id).values(**values))


def start_run(engine: Engine, label: str, source_id: int | None) -> int:
    with engine.begin() as conn:
        result = conn.execute(
            insert(ingest_runs).values(
                label=label, source_id=source_id, started_at=utcnow(), status="running",
                n_new=0, n_duplicate=0, n_near_duplicate=0, n_rejected=0,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def finish_run(engine: Engine, run_id: int, counts: dict[str, int], status: str, message: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(ingest_runs).where(ingest_runs.c.id == run_id).values(
                finished_at=utcnow(), status=status, message=message,
                n_new=counts.get("new", 0), n_duplicate=counts.get("duplicate", 0),
                n_near_duplicate=counts.get("near_duplicate", 0),
                n_rejected=counts.get("rejected", 0),
            )
        )


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def existing_hashes(conn: Connection, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(hashes):
        found.update(
            conn.execute(select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))).scalars()
        )
    return found


def band_candidates(conn: Connection, keys: Sequence[int]) -> dict[int, list[int]]:
    """Document ids sharing each LSH band key."""
    out: dict[int, list[int]] = {}
    for chunk in _chunks(sorted(set(keys))):
        rows = conn.execute(
            select(lsh_bands.c.band_key, lsh_bands.c.document_id).where(lsh_bands.c.band_key.in_(chunk))
        )
        for key, doc_id in rows:
            out.setdefault(key, []).append(doc_id)
    return out


def signatures_and_stories(conn: Connection, doc_ids: Sequence[int]) -> dict[int, tuple[bytes, int]]:
    out: dict[int, tuple[bytes, int]] = {}
    for chunk in _chunks(sorted(set(doc_ids))):
        rows = conn.execute(
            select(documents.c.id, documents.c.minhash, documents.c.story_id).where(documents.c.id.in_(chunk))
        )
        for doc_id, minhash, story_id in rows:
            out[doc_id] = (minhash, story_id)
    return out


def insert_stories(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    result = conn.execute(insert(stories).returning(stories.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def insert_documents(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    result = conn.execute(insert(documents).returning(documents.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def insert_bands(conn: Connection, rows: list[dict[str, int]]) -> None:
    if rows:
        conn.execute(insert(lsh_bands), rows)


def grow_stories(conn: Connection, growth: dict[int, tuple[int, datetime, datetime]]) -> None:
    """Add members to existing stories and widen their time span."""
    sqlite = conn.dialect.name == "sqlite"
    lower, upper = (func.min, func.max) if sqlite else (func.least, func.greatest)
    for story_id, (added, first, last) in growth.items():
        conn.execute(
            update(stories).where(stories.c.id == story_id).values(
                size=stories.c.size + added,
                first_published_at=lower(stories.c.first_published_at, literal(first, UTCDateTime)),
                last_published_at=upper(stories.c.last_published_at, literal(last, UTCDateTime)),
            )
        )


def reject_hash(source_id: int | None, origin: str, reason: str, raw: str) -> str:
    key = f"{source_id}\x00{origin}\x00{reason}\x00{raw}"
    return hashlib.sha256(key.encode("utf-8", errors="replace")).hexdigest()


def insert_rejects(conn: Connection, rows: list[dict[str, Any]]) -> int:
    """Store rejects once: the same bad input seen again on a rerun is not a new reject."""
    if not rows:
        return 0
    unique = {r["raw_hash"]: r for r in rows}
    known: set[str] = set()
    keys = list(unique)
    for chunk in _chunks(keys):
        known.update(conn.execute(select(rejects.c.raw_hash).where(rejects.c.raw_hash.in_(chunk))).scalars())
    fresh = [r for h, r in unique.items() if h not in known]
    if fresh:
        conn.execute(insert(rejects), fresh)
    return len(fresh)
