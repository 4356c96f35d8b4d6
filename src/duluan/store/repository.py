"""Reads and writes of sources, ingest runs, documents, stories and rejects."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from ..errors import UsageError
from .schema import (
    UTCDateTime,
    document_places,
    documents,
    enrichments,
    ingest_runs,
    rejects,
    sources,
    stories,
)

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


def _select_in(conn: Connection, sql: str, values: Sequence[Any]) -> list[Any]:
    """Rows of `sql` (ending in "IN") for each chunk of values, through the driver:
    compiling 16,000 bound parameters per batch in SQLAlchemy costs more than the query."""
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    rows: list[Any] = []
    for chunk in _chunks(values):
        placeholders = ", ".join([marker] * len(chunk))
        rows.extend(conn.exec_driver_sql(f"{sql} ({placeholders})", tuple(chunk)).fetchall())
    return rows


def existing_hashes(conn: Connection, hashes: Sequence[str]) -> set[str]:
    rows = _select_in(conn, "SELECT content_hash FROM documents WHERE content_hash IN", list(set(hashes)))
    return {r[0] for r in rows}


def band_candidates(conn: Connection, keys: Sequence[int]) -> dict[int, list[int]]:
    """Document ids sharing each LSH band key."""
    out: dict[int, list[int]] = {}
    rows = _select_in(conn, "SELECT band_key, document_id FROM lsh_bands WHERE band_key IN", sorted(set(keys)))
    for key, doc_id in rows:
        out.setdefault(key, []).append(doc_id)
    return out


def signatures_and_stories(conn: Connection, doc_ids: Sequence[int]) -> dict[int, tuple[bytes, int, bytes]]:
    """MinHash signature, story and anchor hashes of each candidate document."""
    rows = _select_in(
        conn, "SELECT id, minhash, story_id, anchors FROM documents WHERE id IN", sorted(set(doc_ids))
    )
    return {doc_id: (bytes(minhash), story_id, bytes(anchor_blob or b"")) for doc_id, minhash, story_id, anchor_blob in rows}


def insert_stories(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert stories; returns founder_hash → new story id."""
    if not rows:
        return {}
    conn.execute(insert(stories), rows)
    found = _select_in(
        conn, "SELECT founder_hash, id FROM stories WHERE founder_hash IN", [r["founder_hash"] for r in rows]
    )
    return {h: i for h, i in found}


def insert_documents(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert documents; returns content_hash → new document id."""
    if not rows:
        return {}
    # With RETURNING, SQLAlchemy sends many rows per INSERT statement ("insertmanyvalues")
    # on both databases: PostgreSQL's statement-level rollup trigger (store/rollup.py) then
    # writes one delta per hour of the batch instead of one per document.
    found = conn.execute(insert(documents).returning(documents.c.content_hash, documents.c.id), rows)
    return {h: i for h, i in found}


def insert_bands(conn: Connection, rows: list[tuple[int, int]]) -> None:
    """(band_key, document_id) pairs; the driver's executemany directly, as this is the
    hottest write of an ingest (16 rows a document) and needs no type processing."""
    if not rows:
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO lsh_bands (band_key, document_id) VALUES ({marker}, {marker})", rows
    )


def insert_search_rows(conn: Connection, rows: list[tuple[int, str]]) -> None:
    """(document_id, normalised text) pairs for the search index, by the driver's
    executemany as for the bands: one cheap statement per batch of an ingest."""
    if not rows:
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO document_search (document_id, folded) VALUES ({marker}, {marker})", rows
    )


def grow_stories(conn: Connection, growth: dict[int, tuple[int, datetime, datetime]]) -> None:
    """Add members to existing stories and widen their time span."""
    if not growth:
        return
    sqlite = conn.dialect.name == "sqlite"
    lower, upper = (func.min, func.max) if sqlite else (func.least, func.greatest)
    statement = (
        update(stories)
        .where(stories.c.id == bindparam("story_id"))
        .values(
            size=stories.c.size + bindparam("added"),
            first_published_at=lower(stories.c.first_published_at, bindparam("first", type_=UTCDateTime)),
            last_published_at=upper(stories.c.last_published_at, bindparam("last", type_=UTCDateTime)),
        )
    )
    conn.execute(
        statement,
        [
            {"story_id": story_id, "added": added, "first": first, "last": last}
            for story_id, (added, first, last) in growth.items()
        ],
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


def enrichment_rows(document_id: int, enrichment: Any, version: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `enrichments` row and the `document_places` rows of one document."""
    probabilities = enrichment.sentiment_probabilities or {}
    row = {
        "document_id": document_id, "model_version": version,
        "category": enrichment.category, "category_p": enrichment.category_p,
        "sentiment": enrichment.sentiment,
        "p_negative": probabilities.get("negative"), "p_neutral": probabilities.get("neutral"),
        "p_positive": probabilities.get("positive"),
        "toxicity": enrichment.toxicity, "toxicity_score": enrichment.toxicity_score,
        "complaint_p": enrichment.complaint_p, "concern": enrichment.concern,
        "concern_p": enrichment.concern_p, "keywords": enrichment.keywords,
        "enriched_at": utcnow(),
    }
    places = []
    for position, mention in enumerate(enrichment.places):
        new_codes = list(mention.new_codes)
        places.append({
            "document_id": document_id, "position": position, "level": mention.level,
            "era": mention.era, "code": mention.code or "?", "surface": mention.surface[:200],
            "province_code": mention.province_code_new,
            "ward_code": _new_ward(mention.level, mention.era, mention.code, new_codes),
            "confidence": mention.confidence,
        })
    return row, places


def _new_ward(level: str, era: str, code: str | None, new_codes: list[str]) -> str | None:
    """The one new ward a ward-level mention stands for, if there is exactly one."""
    if level != "ward" or code is None:
        return None
    if era == "new":
        return code
    # An old ward lists its new province first, then the new ward(s) it went into.
    wards = new_codes[1:]
    return wards[0] if len(wards) == 1 else None


def replace_enrichments(conn: Connection, rows: list[dict[str, Any]], places: list[dict[str, Any]]) -> None:
    """Write enrichment for these documents, replacing any older one (re-enrichment)."""
    if not rows:
        return
    ids = [r["document_id"] for r in rows]
    for chunk in _chunks(ids):
        conn.execute(delete(enrichments).where(enrichments.c.document_id.in_(chunk)))
        conn.execute(delete(document_places).where(document_places.c.document_id.in_(chunk)))
    conn.execute(insert(enrichments), rows)
    if places:
        conn.execute(insert(document_places), places)


def documents_to_enrich(
    conn: Connection, version: str, after_id: int, limit: int, redo: bool
) -> list[tuple[int, str | None, str, str]]:
    """(id, title, text, kind) of documents with no enrichment, or one from other models."""
    query = (
        select(documents.c.id, documents.c.title, documents.c.text, documents.c.kind)
        .select_from(documents.outerjoin(enrichments, enrichments.c.document_id == documents.c.id))
        .where(documents.c.id > after_id)
        .order_by(documents.c.id)
        .limit(limit)
    )
    if not redo:
        query = query.where((enrichments.c.document_id.is_(None)) | (enrichments.c.model_version != version))
    return [(r.id, r.title, r.text, r.kind) for r in conn.execute(query)]
