"""Topics over time: what people talk about, with identities that last.

Stories (one syndicated article counts once) are grouped into topics incrementally:
`update_topics` reads only the stories no topic holds yet, one local day at a time, and
folds them into the stored topics (`topic_model` has the method and why; `topic_vectors`
the text features). A comment joins the topic of the post or article it answers, when
that is stored; otherwise it is read like any story. Topics are born (when they reach
`topic_min_stories` stories), merge (two centroids converge: the younger into the older,
whose id stays, its stories re-pointed), split (its recent stories form two distinct
parts: the younger part leaves with a new id, `topic_split`), fade (no new story for
`topic_fade_days`) and revive; each change is a row of `topic_events`, dated by the data,
not the clock.

A rerun over the same data gives the same topics and ids: stories are processed in
(first published, id) order, nothing is random, and "now" for fading is the latest story.

`topic_summaries` and `topic_detail` (in `topic_report`) answer for a time range with
privacy built in: a figure resting on posts from fewer than k distinct authors is
suppressed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import scipy.sparse as sp
from sqlalchemy import Connection, Engine

from ..errors import UsageError
from ..store.repository import utcnow
from . import topic_store
from .topic_labels import Sample, relabel
from .topic_model import ClusterOptions, TopicChange, TopicClusterer
from .topic_report import (
    PlaceCount,
    TopicDetail,
    TopicEvent,
    TopicEvidence,
    TopicMerged,
    TopicNotFound,
    TopicSummary,
    topic_detail,
    topic_summaries,
)
from .topic_split import Members
from .topic_vectors import TopicVectorizer, with_concerns

__all__ = [
    "PlaceCount",
    "TopicDetail",
    "TopicEvent",
    "TopicEvidence",
    "TopicMerged",
    "TopicNotFound",
    "TopicOptions",
    "TopicSummary",
    "TopicUpdateSummary",
    "topic_detail",
    "topic_summaries",
    "update_topics",
]

# A busy day is cut into batches of this many stories: the leftover clustering of a batch
# holds three square float64 matrices of its size (2,000 stories: about 100 MB).
MAX_BATCH = 2000


@dataclass(frozen=True)
class TopicOptions:
    """How topics are found; `from_settings` reads the workspace settings."""

    similarity_threshold: float = 0.1
    merge_threshold: float = 0.13
    split_threshold: float = 0.08
    concern_weight: float = 0.0
    min_stories: int = 3
    fade_days: int = 7
    revive_days: int = 30
    timezone: str = "Asia/Ho_Chi_Minh"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> TopicOptions:
        return cls(
            similarity_threshold=float(settings["topic_similarity_threshold"]),
            merge_threshold=float(settings["topic_merge_threshold"]),
            split_threshold=float(settings["topic_split_threshold"]),
            concern_weight=float(settings["topic_concern_weight"]),
            min_stories=int(settings["topic_min_stories"]),
            fade_days=int(settings["topic_fade_days"]),
            revive_days=int(settings["topic_revive_days"]),
            timezone=str(settings["timezone"]),
        )

    def cluster_options(self) -> ClusterOptions:
        for name in ("similarity_threshold", "merge_threshold"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise UsageError(f"setting 'topic_{name}' must be between 0 and 1, got {value}")
        if not -1.0 <= self.split_threshold < self.merge_threshold:
            # At or above the merge threshold, the two halves of a split would merge back.
            raise UsageError(
                f"setting 'topic_split_threshold' must be below 'topic_merge_threshold' ({self.merge_threshold}) "
                f"and at least -1 (never split), got {self.split_threshold}"
            )
        if not 0.0 <= self.concern_weight < 1.0:
            raise UsageError(f"setting 'topic_concern_weight' must be at least 0 and below 1, got {self.concern_weight}")
        for name in ("min_stories", "fade_days", "revive_days"):
            if getattr(self, name) < 1:
                raise UsageError(f"setting 'topic_{name}' must be at least 1, got {getattr(self, name)}")
        return ClusterOptions(
            threshold=self.similarity_threshold, merge_threshold=self.merge_threshold,
            split_threshold=self.split_threshold,
            min_stories=self.min_stories, fade_days=self.fade_days, revive_days=self.revive_days,
        )


@dataclass
class TopicUpdateSummary:
    stories: int = 0  # stories read
    assigned: int = 0  # joined or started a topic by their text
    attached: int = 0  # comments that joined the topic of what they answer
    skipped: int = 0  # nothing to read (too short): tried again next time
    new_topics: int = 0
    events: dict[str, int] = field(default_factory=dict)  # born, merged, split, faded, revived → count
    batches: int = 0
    seconds: float = 0.0


def _batches(pending: Sequence[tuple[int, datetime]], timezone: str) -> Iterator[list[tuple[int, datetime]]]:
    """One local day at a time, cut at MAX_BATCH stories."""
    zone = ZoneInfo(timezone)
    batch: list[tuple[int, datetime]] = []
    day = None
    for story_id, published in pending:
        local = published.astimezone(zone).date()
        if batch and (local != day or len(batch) >= MAX_BATCH):
            yield batch
            batch = []
        batch.append((story_id, published))
        day = local
    if batch:
        yield batch


def update_topics(
    engine: Engine, options: TopicOptions | Mapping[str, Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> TopicUpdateSummary:
    """Assign every story no topic holds yet, record merges and fades; returns counts.

    `options` may be the workspace settings. Each day is committed on its own, so an
    interrupted update carries on where it stopped; `progress` gets the stories done.
    """
    if options is None:
        options = TopicOptions()
    elif not isinstance(options, TopicOptions):
        options = TopicOptions.from_settings(options)
    cluster_options = options.cluster_options()
    started = time.perf_counter()
    summary = TopicUpdateSummary()
    vectorizer = TopicVectorizer()
    with engine.connect() as conn:
        pending = topic_store.pending_stories(conn)
        clock = topic_store.data_clock(conn)
        earliest = pending[0][1] if pending else clock or utcnow()
        clusterer = topic_store.load_clusterer(conn, cluster_options, earliest, vectorizer.background())
    stored = set(clusterer.topics)  # a topic the update touches was loaded, or is new
    touched: set[int] = set()
    for batch in _batches(pending, options.timezone):
        with engine.begin() as conn:
            changes, placeholders = _update_batch(conn, clusterer, vectorizer, [s for s, _ in batch], summary, options)
            for change in changes:
                topic_store.write_change(conn, clusterer, change, stored, placeholders)
                _count(change, summary)
                touched |= change.touched
            # Splits read the topics' recent stories as written, this batch's included.
            due = clusterer.due_for_split(changes)
            if due:
                members = topic_store.recent_members(conn, vectorizer, due, cluster_options.split_window, options.concern_weight)
                cut = clusterer.split(members, max(published for _, published in batch))
                labels = {t: topic_store.placeholder_label(text) for t, text in cut_texts(cut, members).items()}
                topic_store.write_change(conn, clusterer, cut, stored, labels)
                _count(cut, summary)
                touched |= cut.touched
        summary.stories += len(batch)
        summary.batches += 1
        if progress:
            progress(summary.stories)
    with engine.begin() as conn:
        if clock is not None:
            final = TopicChange()
            clusterer.fade(clock, final)
            topic_store.write_change(conn, clusterer, final, stored, {})
            _count(final, summary)
            touched |= final.touched
        topic_store.refresh_counts(conn)
        relabel(conn, sorted(t for t in touched if t in clusterer.topics and clusterer.topics[t].status != "merged"),
                nearest=_closeness(clusterer, vectorizer, options.concern_weight))
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


CLOSENESS_CHARS = 1000


def _closeness(
    clusterer: TopicClusterer, vectorizer: TopicVectorizer, concern_weight: float,
) -> Callable[[int, Sequence[Sample]], list[float]]:
    """For labels: the cosine of each sampled story with its topic's centroid as it is now,
    the story read as the clusterer reads it but only its first CLOSENESS_CHARS (enough
    to rank a few hundred stories, at a fraction of the cost)."""

    def nearest(topic_id: int, samples: Sequence[Sample]) -> list[float]:
        topic = clusterer.topics[topic_id]
        texts = [f"{s.title}.\n{s.text[:CLOSENESS_CHARS]}" if s.title else s.text[:CLOSENESS_CHARS] for s in samples]
        concerns = [topic_store.topic_concern(s.kind, s.concern) for s in samples]
        rows = with_concerns(vectorizer.transform(texts), concerns, concern_weight)
        centroid = sp.csr_matrix(
            (topic.values.astype(np.float64), topic.indices, [0, len(topic.indices)]), shape=(1, rows.shape[1]),
        )
        norm = float(np.linalg.norm(topic.values)) or 1.0
        return [float(c) for c in (rows @ centroid.T).toarray().ravel() / norm]

    return nearest


def _update_batch(
    conn: Connection, clusterer: TopicClusterer, vectorizer: TopicVectorizer, story_ids: list[int],
    summary: TopicUpdateSummary, options: TopicOptions,
) -> tuple[list[TopicChange], dict[int, str]]:
    """The changes of one batch, in order (stories by their text, comments that follow
    their post, comments whose post has no topic), and first labels for new topics."""
    inputs = topic_store.story_inputs(conn, story_ids)
    ordered = [inputs[i] for i in story_ids if i in inputs]
    summary.skipped += len(story_ids) - len(ordered)
    parents = topic_store.parent_stories(conn, [s for s in ordered if s.kind == "comment"])
    content = [s for s in ordered if s.story_id not in parents]
    rows = topic_store.story_rows(vectorizer, content, options.concern_weight)
    first = clusterer.add_batch(rows, [s.story_id for s in content], [s.published_at for s in content])
    changes = [first]
    # Comments follow what they answer: in this batch, or stored before.
    known = {story: topic for story, topic, _ in first.assignments}
    comments = [s for s in ordered if s.story_id in parents]
    stored_topics = topic_store.topics_of_stories(conn, [parents[c.story_id] for c in comments if parents[c.story_id] not in known])
    follow, orphans, targets = [], [], []
    for comment in comments:
        topic = known.get(parents[comment.story_id], stored_topics.get(parents[comment.story_id]))
        if topic is not None and topic in clusterer.topics:
            follow.append(comment)
            targets.append(topic)
        else:
            orphans.append(comment)
    if follow:
        changes.append(clusterer.attach(
            topic_store.story_rows(vectorizer, follow, options.concern_weight), [c.story_id for c in follow], targets,
            [c.published_at for c in follow],
        ))
    if orphans:
        changes.append(clusterer.add_batch(
            topic_store.story_rows(vectorizer, orphans, options.concern_weight), [c.story_id for c in orphans],
            [c.published_at for c in orphans],
        ))
    assigned = {s for change in changes for s, _, _ in change.assignments}
    summary.skipped += sum(1 for s in ordered if s.story_id not in assigned)
    summary.attached += len(follow)
    summary.assigned += len(assigned) - len(follow)
    placeholders = {}
    for change in changes:
        for topic_id in change.created:
            story = next(s for s, t, _ in change.assignments if t == topic_id)
            placeholders[topic_id] = topic_store.placeholder_label(inputs[story].text)
    return changes, placeholders


def cut_texts(cut: TopicChange, members: Mapping[int, Members]) -> dict[int, str]:
    """The first text of each topic a split made, for its placeholder label."""
    out = {}
    for parent, child, moved in cut.splits:
        texts = dict(zip(members[parent].story_ids, members[parent].texts, strict=False))
        if moved and moved[0] in texts:
            out[child] = texts[moved[0]]
    return out


def _count(change: TopicChange, summary: TopicUpdateSummary) -> None:
    summary.new_topics += len(change.created)
    for _, kind, _, _, _ in change.events:
        summary.events[kind] = summary.events.get(kind, 0) + 1
