"""The ingest loop: source → prepared documents → exact and near-duplicate checks → store.

Work is committed one batch at a time, so a crash loses at most the batch in flight, and
a rerun skips what was stored (exact duplicates by content hash, rejects by payload hash).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np
from sqlalchemy import Connection, Engine

from .analysis.stories import (
    MinHasher,
    estimated_jaccard,
    signature_from_bytes,
    signature_to_bytes,
)
from .errors import InputRejected
from .prepare import PrepareOptions, prepare_item, reject_payload
from .records import Document, RawItem, RawReject
from .sources.base import Source, SourceOutput
from .store import repository as repo


@dataclass
class IngestOptions:
    prepare: PrepareOptions
    batch_size: int = 1000
    near_duplicate_threshold: float = 0.5
    hasher: MinHasher = field(default_factory=MinHasher)
    progress: Callable[[int], None] | None = None  # called with items read so far


@dataclass
class IngestSummary:
    run_id: int
    label: str
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    rejected: int = 0
    new_stories: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    rejects_by_reason: Counter[str] = field(default_factory=Counter)
    reject_lines: list[str] = field(default_factory=list)
    first_published: datetime | None = None
    last_published: datetime | None = None

    @property
    def read(self) -> int:
        return self.new + self.duplicate + self.rejected

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "near_duplicate": self.near_duplicate,
            "rejected": self.rejected,
        }

    def merge(self, other: IngestSummary) -> None:
        self.new += other.new
        self.duplicate += other.duplicate
        self.near_duplicate += other.near_duplicate
        self.rejected += other.rejected
        self.new_stories += other.new_stories
        self.by_kind.update(other.by_kind)
        self.rejects_by_reason.update(other.rejects_by_reason)
        self.reject_lines.extend(other.reject_lines)
        for value in (other.first_published, other.last_published):
            if value is None:
                continue
            if self.first_published is None or value < self.first_published:
                self.first_published = value
            if self.last_published is None or value > self.last_published:
                self.last_published = value


# Readable lines for the summary are capped: a file of 100k broken lines must not
# print 100k lines; the rejects table keeps every one.
MAX_REJECT_LINES = 20


def ingest(
    engine: Engine,
    source: Source | Iterable[SourceOutput],
    options: IngestOptions,
    *,
    label: str,
    source_id: int | None = None,
) -> IngestSummary:
    """Read everything from `source` into the store; returns the counts for the summary."""
    run_id = repo.start_run(engine, label, source_id)
    summary = IngestSummary(run_id=run_id, label=label)
    items = source.read() if isinstance(source, Source) else iter(source)
    batch: list[SourceOutput] = []
    status, message = "done", None
    seen = 0
    try:
        for output in items:
            batch.append(output)
            if len(batch) >= options.batch_size:
                _write_batch(engine, batch, options, summary, source_id)
                seen += len(batch)
                batch = []
                if options.progress:
                    options.progress(seen)
        if batch:
            _write_batch(engine, batch, options, summary, source_id)
            seen += len(batch)
            if options.progress:
                options.progress(seen)
    except BaseException as exc:
        status, message = "failed", f"{type(exc).__name__}: {exc}"
        raise
    finally:
        repo.finish_run(engine, run_id, summary.counts(), status, message)
    return summary


def _reject_row(summary: IngestSummary, source_id: int | None, origin: str, reason: str, message: str, raw: str) -> dict[str, object]:
    summary.rejected += 1
    summary.rejects_by_reason[reason] += 1
    if len(summary.reject_lines) < MAX_REJECT_LINES:
        summary.reject_lines.append(f"{origin}: {reason}: {message}")
    return {
        "run_id": summary.run_id,
        "source_id": source_id,
        "origin": origin,
        "reason": reason,
        "message": message,
        "raw": raw,
        "raw_hash": repo.reject_hash(source_id, origin, reason, raw),
        "created_at": repo.utcnow(),
    }


def _write_batch(
    engine: Engine,
    batch: list[SourceOutput],
    options: IngestOptions,
    summary: IngestSummary,
    source_id: int | None,
) -> None:
    reject_rows: list[dict[str, object]] = []
    prepared: list[Document] = []
    # 1. Prepare each item; refusals become rejects with their raw payload.
    for output in batch:
        if isinstance(output, RawReject):
            reject_rows.append(
                _reject_row(summary, source_id, output.origin, output.reason, output.message, output.raw)
            )
            continue
        assert isinstance(output, RawItem)
        try:
            prepared.append(prepare_item(output, options.prepare))
        except InputRejected as exc:
            reject_rows.append(
                _reject_row(summary, source_id, output.origin, exc.reason, exc.message, reject_payload(output))
            )
    with engine.begin() as conn:
        repo.insert_rejects(conn, reject_rows)
        # 2. Exact duplicates: against the store and within the batch.
        known = repo.existing_hashes(conn, [d.content_hash for d in prepared])
        fresh: list[Document] = []
        for doc in prepared:
            if doc.content_hash in known:
                summary.duplicate += 1
                continue
            known.add(doc.content_hash)
            fresh.append(doc)
        if fresh:
            _store_with_stories(conn, fresh, options, summary, source_id)


def _store_with_stories(
    conn: Connection,
    docs: list[Document],
    options: IngestOptions,
    summary: IngestSummary,
    source_id: int | None,
) -> None:
    hasher = options.hasher
    signatures = [hasher.signature(d.text) for d in docs]
    keys = [hasher.band_keys(s) if s is not None else [] for s in signatures]
    # 3. Candidates from earlier batches (the store) and from this batch.
    stored = repo.band_candidates(conn, [k for ks in keys for k in ks])
    stored_meta = repo.signatures_and_stories(conn, [i for ids in stored.values() for i in ids])
    in_batch: dict[int, list[int]] = {}
    # story_ref: ("old", story_id) for an existing story or ("new", index into new_stories)
    story_refs: list[tuple[str, int]] = []
    new_stories: list[_NewStory] = []
    growth: dict[int, tuple[int, datetime, datetime]] = {}
    for index, (doc, sig, doc_keys) in enumerate(zip(docs, signatures, keys, strict=True)):
        best: tuple[float, tuple[str, int]] | None = None
        if sig is not None:
            for key in doc_keys:
                for doc_id in stored.get(key, ()):
                    blob, story_id = stored_meta[doc_id]
                    score = estimated_jaccard(sig, signature_from_bytes(blob))
                    if best is None or score > best[0]:
                        best = (score, ("old", story_id))
                for other in in_batch.get(key, ()):
                    other_sig = signatures[other]
                    assert other_sig is not None
                    score = estimated_jaccard(sig, other_sig)
                    if best is None or score > best[0]:
                        best = (score, story_refs[other])
            for key in doc_keys:
                in_batch.setdefault(key, []).append(index)
        if best is not None and best[0] >= options.near_duplicate_threshold:
            summary.near_duplicate += 1
            ref = best[1]
            if ref[0] == "old":
                added, first, last = growth.get(ref[1], (0, doc.published_at, doc.published_at))
                growth[ref[1]] = (added + 1, min(first, doc.published_at), max(last, doc.published_at))
            else:
                new_stories[ref[1]].add(doc.published_at)
            story_refs.append(ref)
        else:
            new_stories.append(_NewStory(doc.title or doc.text[:120], doc.published_at, doc.published_at))
            story_refs.append(("new", len(new_stories) - 1))
    # 4. Write stories, documents and their LSH bands in one transaction.
    new_ids = repo.insert_stories(conn, [asdict(story) for story in new_stories])
    repo.grow_stories(conn, growth)
    rows = [
        _document_row(doc, sig, source_id, summary.run_id, new_ids[ref[1]] if ref[0] == "new" else ref[1])
        for doc, sig, ref in zip(docs, signatures, story_refs, strict=True)
    ]
    doc_ids = repo.insert_documents(conn, rows)
    repo.insert_bands(
        conn,
        [{"band_key": k, "document_id": doc_id} for doc_id, ks in zip(doc_ids, keys, strict=True) for k in set(ks)],
    )
    summary.new += len(docs)
    summary.new_stories += len(new_stories)
    for doc in docs:
        summary.by_kind[doc.kind] += 1
        if summary.first_published is None or doc.published_at < summary.first_published:
            summary.first_published = doc.published_at
        if summary.last_published is None or doc.published_at > summary.last_published:
            summary.last_published = doc.published_at


@dataclass
class _NewStory:
    title: str
    first_published_at: datetime
    last_published_at: datetime
    size: int = 1

    def add(self, published: datetime) -> None:
        self.size += 1
        self.first_published_at = min(self.first_published_at, published)
        self.last_published_at = max(self.last_published_at, published)


def _document_row(
    doc: Document, sig: np.ndarray | None, source_id: int | None, run_id: int, story_id: int
) -> dict[str, object]:
    return {
        "source_id": source_id,
        "run_id": run_id,
        "story_id": story_id,
        "kind": doc.kind,
        "url": doc.url,
        "external_id": doc.external_id,
        "parent_external_id": doc.parent_id,
        "published_at": doc.published_at,
        "fetched_at": doc.fetched_at,
        "title": doc.title,
        "text": doc.text,
        "lang": doc.lang,
        "author_hash": doc.author_hash,
        "byline": doc.byline,
        "platform": doc.platform,
        "likes": doc.likes,
        "shares": doc.shares,
        "comments": doc.comments,
        "chars": len(doc.text),
        "flags": ",".join(doc.flags),
        "origin": doc.origin,
        "content_hash": doc.content_hash,
        "minhash": signature_to_bytes(sig) if sig is not None else None,
    }
