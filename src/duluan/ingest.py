"""The ingest loop: source → prepared documents → exact and near-duplicate checks → store.

Work is committed one batch at a time, so a crash loses at most the batch in flight, and
a rerun skips what was stored (exact duplicates by content hash, rejects by payload hash).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine

from .analysis.stories import (
    MinHasher,
    anchors,
    anchors_agree,
    signature_from_bytes,
    signature_to_bytes,
)
from .errors import InputRejected, StoreError
from .prepare import PrepareOptions, prepare_item, reject_payload
from .records import Document, RawReject
from .search.normalise import search_form
from .sources.base import Source, SourceOutput
from .store import repository as repo
from .store.rollup import compact_hourly_counts

log = logging.getLogger("duluan.ingest")

@dataclass
class IngestOptions:
    prepare: PrepareOptions
    batch_size: int = 1000
    near_duplicate_threshold: float = 0.6  # news and pages: syndicated copies are edited
    social_near_duplicate_threshold: float = 0.8  # posts and comments: reposts are near-verbatim
    hasher: MinHasher = field(default_factory=MinHasher)
    progress: Callable[[int], None] | None = None  # called with items read so far
    workers: int = 1  # processes preparing batches; 1 prepares in this process
    enrich: bool = True  # label every new document (models, places, keywords) in the same pass


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


# A copy this close to an indexed document adds nothing to the LSH index: whatever would
# find it finds its near-twin. Leaving it out keeps the band lists of a story widely
# shared (hundreds of copies) short, so lookups stay fast as the store grows.
INDEX_CEILING = 0.8
# Largest LSH bucket we read from or add to: beyond it a band is shared boilerplate
# ("Xin phép admin cho em đăng bài"), and reading it would make ingest quadratic.
BUCKET_CAP = 16

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
    status, message = "done", None
    seen = 0
    try:
        for batch_size, prepared in _prepared_batches(items, options):
            _write_batch(engine, prepared, options, summary, source_id)
            seen += batch_size
            if options.progress:
                options.progress(seen)
    except BaseException as exc:
        status, message = "failed", f"{type(exc).__name__}: {exc}"
        raise
    finally:
        repo.finish_run(engine, run_id, summary.counts(), status, message)
    try:
        compact_hourly_counts(engine)  # PostgreSQL's per-statement deltas, folded once per run
    except StoreError as exc:
        # Housekeeping only: the deltas stay correct unfolded and the next run folds them.
        # The documents are stored and the run recorded, so the run must not fail here.
        log.warning("could not fold the hourly rollup's deltas (the next run will): %s", exc)
    return summary


@dataclass
class PreparedBatch:
    """The CPU-bound half of a batch, computed in a worker process when there are several."""

    documents: list[Document]
    signatures: list[np.ndarray | None]
    band_keys: list[list[int]]
    anchors: list[np.ndarray]
    rejects: list[tuple[str, str, str, str]]  # origin, reason, message, raw
    enrichments: list[Any] = field(default_factory=list)  # one Enrichment per document, if asked
    search_forms: list[str] = field(default_factory=list)  # what the search index holds, per document


def enrichment_input(doc: Document) -> str:
    """What the models read: the headline carries the topic of a news article."""
    return f"{doc.title}\n{doc.text}" if doc.title and doc.title not in doc.text else doc.text


def prepare_batch(
    batch: list[SourceOutput], prepare: PrepareOptions, hasher: MinHasher, enrich: bool = False
) -> PreparedBatch:
    out = PreparedBatch([], [], [], [], [])
    for output in batch:
        if isinstance(output, RawReject):
            out.rejects.append((output.origin, output.reason, output.message, output.raw))
            continue
        try:
            doc = prepare_item(output, prepare)
        except InputRejected as exc:
            out.rejects.append((output.origin, exc.reason, exc.message, reject_payload(output)))
            continue
        signature = hasher.signature(doc.text)
        out.documents.append(doc)
        out.signatures.append(signature)
        out.band_keys.append(hasher.band_keys(signature) if signature is not None else [])
        out.anchors.append(anchors(doc.text))
        # Normalised here, once, so that with workers the writer only inserts it.
        out.search_forms.append(search_form(doc.title, doc.text))
    if enrich and out.documents:
        from .enrich.pipeline import enrich_texts  # the models load only where they are used

        out.enrichments = enrich_texts(
            [enrichment_input(d) for d in out.documents], [d.kind for d in out.documents]
        )
    return out


def _batches(items: Iterator[SourceOutput], size: int) -> Iterator[list[SourceOutput]]:
    batch: list[SourceOutput] = []
    for output in items:
        batch.append(output)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepared_batches(
    items: Iterator[SourceOutput], options: IngestOptions
) -> Iterator[tuple[int, PreparedBatch]]:
    """Prepared batches in input order; with workers > 1, preparation runs in other
    processes while this one writes, so both cores work. The pool starts only when a
    second batch exists: small ingests pay no process start-up."""
    batches = _batches(items, options.batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None or options.workers <= 1:
        for batch in (first, second) if second is not None else (first,):
            yield len(batch), prepare_batch(batch, options.prepare, options.hasher, options.enrich)
        for batch in batches:
            yield len(batch), prepare_batch(batch, options.prepare, options.hasher, options.enrich)
        return
    # fork: the children only compute; they never touch the parent's database connections.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=options.workers, mp_context=context) as pool:
        pending: deque[tuple[int, Future[PreparedBatch]]] = deque()
        for batch in itertools.chain((first, second), batches):
            pending.append((len(batch), pool.submit(prepare_batch, batch, options.prepare, options.hasher, options.enrich)))
            # Bounded look-ahead keeps memory flat however large the source is.
            while len(pending) > options.workers * 2:
                size, future = pending.popleft()
                yield size, future.result()
        while pending:
            size, future = pending.popleft()
            yield size, future.result()


def _reject_row(summary: IngestSummary, source_id: int | None, reject: tuple[str, str, str, str]) -> dict[str, object]:
    origin, reason, message, raw = reject
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
    prepared: PreparedBatch,
    options: IngestOptions,
    summary: IngestSummary,
    source_id: int | None,
) -> None:
    reject_rows = [_reject_row(summary, source_id, r) for r in prepared.rejects]
    with engine.begin() as conn:
        repo.insert_rejects(conn, reject_rows)
        # Exact duplicates: against the store and within the batch.
        known = repo.existing_hashes(conn, [d.content_hash for d in prepared.documents])
        fresh: list[int] = []
        for index, doc in enumerate(prepared.documents):
            if doc.content_hash in known:
                summary.duplicate += 1
                continue
            known.add(doc.content_hash)
            fresh.append(index)
        if fresh:
            doc_ids = _store_with_stories(
                conn,
                [prepared.documents[i] for i in fresh],
                [prepared.signatures[i] for i in fresh],
                [prepared.band_keys[i] for i in fresh],
                [prepared.anchors[i] for i in fresh],
                options, summary, source_id,
            )
            repo.insert_search_rows(
                conn, [(doc_ids[prepared.documents[i].content_hash], prepared.search_forms[i]) for i in fresh]
            )
            if prepared.enrichments:
                _store_enrichments(conn, [prepared.documents[i] for i in fresh],
                                   [prepared.enrichments[i] for i in fresh], doc_ids)


def _store_enrichments(conn: Connection, docs: list[Document], found: list[Any], doc_ids: dict[str, int]) -> None:
    from .enrich.pipeline import model_version

    version = model_version()
    rows, places = [], []
    for doc, enrichment in zip(docs, found, strict=True):
        row, mentions = repo.enrichment_rows(doc_ids[doc.content_hash], enrichment, version)
        rows.append(row)
        places.extend(mentions)
    repo.replace_enrichments(conn, rows, places)


def _store_with_stories(
    conn: Connection,
    docs: list[Document],
    signatures: list[np.ndarray | None],
    keys: list[list[int]],
    doc_anchors: list[np.ndarray],
    options: IngestOptions,
    summary: IngestSummary,
    source_id: int | None,
) -> dict[str, int]:
    """Store new documents in their stories; returns content hash → document id."""
    # 3. Candidates from earlier batches (the store) and from this batch.
    stored = repo.band_candidates(conn, [k for ks in keys for k in ks])
    stored_meta = repo.signatures_and_stories(conn, [i for ids in stored.values() for i in ids])
    in_batch: dict[int, list[int]] = {}
    # story_ref: ("old", story_id) for an existing story or ("new", index into new_stories)
    story_refs: list[tuple[str, int]] = []
    new_stories: list[_NewStory] = []
    growth: dict[int, tuple[int, datetime, datetime]] = {}
    stored_sigs = {doc_id: signature_from_bytes(blob) for doc_id, (blob, _, _) in stored_meta.items()}
    stored_anchors = {doc_id: np.frombuffer(blob, dtype="<u4") for doc_id, (_, _, blob) in stored_meta.items()}
    indexed_keys: list[list[int]] = [[] for _ in docs]
    for index, (doc, sig, doc_keys) in enumerate(zip(docs, signatures, keys, strict=True)):
        best: tuple[float, tuple[str, int]] | None = None
        threshold = (
            options.near_duplicate_threshold if doc.kind in ("news", "page")
            else options.social_near_duplicate_threshold
        )
        if sig is not None:
            # The most recent members of each bucket: copies travel within days, and a
            # bucket shared by hundreds of texts is boilerplate, not one story.
            old = sorted({d for key in doc_keys for d in sorted(stored.get(key, ()))[-BUCKET_CAP:]})
            mine = sorted({o for key in doc_keys for o in in_batch.get(key, ())})
            if old or mine:
                # All candidates scored at once: one comparison of a small matrix.
                matrix = np.stack([stored_sigs[d] for d in old] + [signatures[o] for o in mine])  # type: ignore[misc]
                scores = (matrix == sig).mean(axis=1)
                # The most similar candidate above the threshold that also names the
                # same places and numbers.
                for top in np.argsort(-scores, kind="stable"):
                    if scores[top] < threshold:
                        break
                    if top < len(old):
                        other = stored_anchors[old[top]]
                        ref = ("old", stored_meta[old[top]][1])
                    else:
                        other = doc_anchors[mine[top - len(old)]]
                        ref = story_refs[mine[top - len(old)]]
                    if anchors_agree(doc_anchors[index], other):
                        best = (float(scores[top]), ref)
                        break
            if best is None or best[0] < INDEX_CEILING:
                uncrowded = [
                    k for k in doc_keys if len(stored.get(k, ())) + len(in_batch.get(k, ())) < BUCKET_CAP
                ]
                indexed_keys[index] = uncrowded
                for key in uncrowded:
                    in_batch.setdefault(key, []).append(index)
        if best is not None and best[0] >= threshold:
            summary.near_duplicate += 1
            ref = best[1]
            if ref[0] == "old":
                added, first, last = growth.get(ref[1], (0, doc.published_at, doc.published_at))
                growth[ref[1]] = (added + 1, min(first, doc.published_at), max(last, doc.published_at))
            else:
                new_stories[ref[1]].add(doc.published_at)
            story_refs.append(ref)
        else:
            new_stories.append(_NewStory(doc.title or doc.text[:120], doc.content_hash, doc.published_at, doc.published_at))
            story_refs.append(("new", len(new_stories) - 1))
    # 4. Write stories, documents and their LSH bands in one transaction.
    story_ids = repo.insert_stories(conn, [story.row() for story in new_stories])
    repo.grow_stories(conn, growth)
    rows = [
        _document_row(
            doc, sig, anchor_hashes, source_id, summary.run_id,
            story_ids[new_stories[ref[1]].founder_hash] if ref[0] == "new" else ref[1],
        )
        for doc, sig, anchor_hashes, ref in zip(docs, signatures, doc_anchors, story_refs, strict=True)
    ]
    doc_ids = repo.insert_documents(conn, rows)
    repo.insert_bands(
        conn,
        [(k, doc_ids[doc.content_hash]) for doc, ks in zip(docs, indexed_keys, strict=True) for k in set(ks)],
    )
    summary.new += len(docs)
    summary.new_stories += len(new_stories)
    for doc in docs:
        summary.by_kind[doc.kind] += 1
        if summary.first_published is None or doc.published_at < summary.first_published:
            summary.first_published = doc.published_at
        if summary.last_published is None or doc.published_at > summary.last_published:
            summary.last_published = doc.published_at
    return doc_ids


@dataclass
class _NewStory:
    title: str
    founder_hash: str
    first_published_at: datetime
    last_published_at: datetime
    size: int = 1

    def row(self) -> dict[str, object]:
        return {
            "title": self.title, "size": self.size, "founder_hash": self.founder_hash,
            "first_published_at": self.first_published_at, "last_published_at": self.last_published_at,
        }

    def add(self, published: datetime) -> None:
        self.size += 1
        self.first_published_at = min(self.first_published_at, published)
        self.last_published_at = max(self.last_published_at, published)


def _document_row(
    doc: Document, sig: np.ndarray | None, anchor_hashes: np.ndarray, source_id: int | None,
    run_id: int, story_id: int,
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
        "anchors": anchor_hashes.tobytes() if sig is not None else None,
    }
