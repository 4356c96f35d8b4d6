"""Reads and writes of topics for the incremental update (SQLAlchemy Core, both databases)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import scipy.sparse as sp
from sqlalchemy import Connection, func, insert, select, update

from ..store.repository import IN_CHUNK, utcnow
from ..store.schema import documents, enrichments, stories, story_topics, topic_events, topics
from ..text.shorten import shorten
from .series import SOCIAL_KINDS
from .topic_model import ClusterOptions, TopicChange, TopicClusterer, TopicState
from .topic_split import Members
from .topic_vectors import TopicVectorizer, with_concerns

# How much of a story's founding document is read for its vector and its placeholder label.
TEXT_CHARS = 3000
LABEL_CHARS = 90


@dataclass
class StoryInput:
    """What the clusterer needs of one story: its founding document."""

    story_id: int
    published_at: datetime
    kind: str
    text: str
    parent_external_id: str | None
    platform: str | None
    concern: str | None = None  # a post's or comment's concern from its enrichment, unless "other"


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def pending_stories(conn: Connection) -> list[tuple[int, datetime]]:
    """(id, first published) of every story with no topic yet, in processing order."""
    query = (
        select(stories.c.id, stories.c.first_published_at)
        .select_from(stories.outerjoin(story_topics, story_topics.c.story_id == stories.c.id))
        .where(story_topics.c.story_id.is_(None), stories.c.first_published_at.is_not(None))
        .order_by(stories.c.first_published_at, stories.c.id)
    )
    return [(r.id, r.first_published_at) for r in conn.execute(query)]


def topic_concern(kind: str, concern: str | None) -> str | None:
    """The concern a story's topic vector carries: only posts and comments, short texts that
    share how people write about their ward, and never "other". News articles have words
    enough, and on VNTC dev a concern term mixed their categories (benchmarks/RESULTS.md,
    "A post's concern as a term of its topic vector")."""
    return concern if kind in SOCIAL_KINDS and concern and concern != "other" else None


def story_inputs(conn: Connection, story_ids: Sequence[int]) -> dict[int, StoryInput]:
    """The founding document of each story (the one whose hash opened it)."""
    out: dict[int, StoryInput] = {}
    for chunk in _chunks(story_ids):
        query = (
            select(
                stories.c.id, stories.c.first_published_at, documents.c.kind, documents.c.title,
                func.substr(documents.c.text, 1, TEXT_CHARS).label("text"),
                documents.c.parent_external_id, documents.c.platform, enrichments.c.concern,
            )
            .select_from(
                stories.join(documents, documents.c.content_hash == stories.c.founder_hash)
                .outerjoin(enrichments, enrichments.c.document_id == documents.c.id)
            )
            .where(stories.c.id.in_(chunk))
        )
        for r in conn.execute(query):
            text = f"{r.title}.\n{r.text}" if r.title else r.text
            out[r.id] = StoryInput(
                r.id, r.first_published_at, r.kind, text, r.parent_external_id, r.platform, topic_concern(r.kind, r.concern),
            )
    return out


def parent_stories(conn: Connection, comments: Sequence[StoryInput]) -> dict[int, int]:
    """Comment story id → the story of the post or article it answers, when stored."""
    wanted = sorted({c.parent_external_id for c in comments if c.parent_external_id})
    found: dict[tuple[str | None, str], int] = {}
    for chunk in _chunks(wanted):
        query = select(documents.c.external_id, documents.c.platform, documents.c.story_id).where(
            documents.c.external_id.in_(chunk)
        ).order_by(documents.c.id)
        for external_id, platform, story_id in conn.execute(query):
            found.setdefault((platform, external_id), story_id)
    out = {}
    for comment in comments:
        if comment.parent_external_id:
            story = found.get((comment.platform, comment.parent_external_id))
            if story is not None and story != comment.story_id:
                out[comment.story_id] = story
    return out


def topics_of_stories(conn: Connection, story_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in _chunks(sorted(set(story_ids))):
        query = select(story_topics.c.story_id, story_topics.c.topic_id).where(story_topics.c.story_id.in_(chunk))
        out.update({s: t for s, t in conn.execute(query)})
    return out


def load_clusterer(
    conn: Connection, options: ClusterOptions, earliest: datetime, background: sp.csr_matrix | None = None,
) -> TopicClusterer:
    """The topics a batch starting at `earliest` may touch: every active one (it may have
    to fade) and every faded one still within reach; ids continue after the largest."""
    horizon = earliest - timedelta(days=options.revive_days + options.fade_days)
    query = select(topics).where(
        (topics.c.status == "active") | ((topics.c.status == "faded") & (topics.c.last_seen_at >= horizon))
    ).order_by(topics.c.id)
    states = []
    for row in conn.execute(query):
        members, indices, values = TopicState.centroid_from_bytes(bytes(row.centroid or b"\0" * 8))
        states.append(TopicState(
            id=row.id, indices=indices, values=values, members=members, born_at=row.born_at,
            last_seen_at=row.last_seen_at, status=row.status, merged_into=row.merged_into,
        ))
    next_id = (conn.execute(select(func.max(topics.c.id))).scalar() or 0) + 1
    return TopicClusterer(options, states, next_id, background)


def data_clock(conn: Connection) -> datetime | None:
    """The workspace's "now" for fading: the latest story, so a rerun decides the same."""
    return conn.execute(select(func.max(stories.c.first_published_at))).scalar()  # type: ignore[no-any-return]


def write_change(
    conn: Connection, clusterer: TopicClusterer, change: TopicChange, stored: set[int],
    placeholders: dict[int, str],
) -> None:
    """Write one batch: new topic rows, the state of every touched topic, story
    assignments, re-pointed stories of merged and split topics, and the events."""
    now = utcnow()
    ids = sorted(change.touched | set(change.created) | {a for a, _ in change.merges})
    ids = [i for i in ids if i in clusterer.topics]
    # 1. rows for topics new to the database (merged_into filled in step 2, once all exist)
    fresh = [i for i in ids if i not in stored]
    if fresh:
        conn.execute(insert(topics), [
            {
                "id": i, "label": placeholders.get(i, f"topic {i}"), "keywords": [], "headline": None,
                "status": "active", "merged_into": None, "n_stories": 0, "n_documents": 0,
                "born_at": clusterer.topics[i].born_at, "last_seen_at": clusterer.topics[i].last_seen_at,
                "centroid": None, "updated_at": now,
            }
            for i in fresh
        ])
        stored.update(fresh)
    # 2. the state of every touched topic
    for i in ids:
        state = clusterer.topics[i]
        conn.execute(update(topics).where(topics.c.id == i).values(
            status=state.status, merged_into=state.merged_into, born_at=state.born_at,
            last_seen_at=state.last_seen_at, centroid=state.to_bytes(), updated_at=now,
        ))
    # 3. assignments, then stories of absorbed topics follow them, in merge order
    if change.assignments:
        conn.execute(insert(story_topics), [
            {"story_id": s, "topic_id": t, "similarity": sim, "assigned_at": now}
            for s, t, sim in change.assignments
        ])
    for absorbed, kept in change.merges:
        conn.execute(update(story_topics).where(story_topics.c.topic_id == absorbed).values(topic_id=kept))
    for parent, child, moved in change.splits:
        for chunk in _chunks(moved):
            conn.execute(update(story_topics).where(
                story_topics.c.topic_id == parent, story_topics.c.story_id.in_(chunk),
            ).values(topic_id=child))
    if change.events:
        conn.execute(insert(topic_events), [
            {"topic_id": t, "kind": kind, "other_topic_id": other, "at": at, "detail": detail}
            for t, kind, other, at, detail in change.events
        ])


def story_rows(vectorizer: TopicVectorizer, inputs: Sequence[StoryInput], concern_weight: float = 0.0) -> sp.csr_matrix:
    """The stories' rows, each with the concern its founding document names as one more
    term of weight `concern_weight` (`topic_vectors.with_concerns`)."""
    return with_concerns(vectorizer.transform([s.text for s in inputs]), [s.concern for s in inputs], concern_weight)


def recent_members(
    conn: Connection, vectorizer: TopicVectorizer, topic_ids: Sequence[int], window: int, concern_weight: float = 0.0,
) -> dict[int, Members]:
    """The `window` most recent stories of each topic, oldest first, with their rows; a
    comment whose post is among them follows that post (`topic_split`)."""
    out = {}
    for topic_id in topic_ids:
        query = (
            select(stories.c.id, stories.c.first_published_at)
            .select_from(story_topics.join(stories, stories.c.id == story_topics.c.story_id))
            .where(story_topics.c.topic_id == topic_id)
            .order_by(stories.c.first_published_at.desc(), stories.c.id.desc())
            .limit(window)
        )
        recent = sorted(conn.execute(query).all(), key=lambda r: (r.first_published_at, r.id))
        ids = [r.id for r in recent]
        inputs = story_inputs(conn, ids)
        parents = parent_stories(conn, [inputs[i] for i in ids if i in inputs and inputs[i].kind == "comment"])
        inside = set(ids)
        found = [inputs.get(i) or StoryInput(i, r.first_published_at, "", "", None, None) for i, r in zip(ids, recent, strict=True)]
        texts = [s.text for s in found]
        out[topic_id] = Members(
            story_ids=ids, times=[r.first_published_at for r in recent], rows=story_rows(vectorizer, found, concern_weight),
            followers={c: p for c, p in parents.items() if p in inside}, texts=texts,
        )
    return out


def refresh_counts(conn: Connection) -> None:
    """Stories and documents of every topic not merged (stories grow after assignment)."""
    query = (
        select(story_topics.c.topic_id, func.count(), func.coalesce(func.sum(stories.c.size), 0))
        .select_from(story_topics.join(stories, stories.c.id == story_topics.c.story_id))
        .group_by(story_topics.c.topic_id)
    )
    counts = {t: (int(n), int(d)) for t, n, d in conn.execute(query)}
    current = conn.execute(select(topics.c.id, topics.c.n_stories, topics.c.n_documents).where(topics.c.status != "merged"))
    for topic_id, n_stories, n_documents in current.all():
        fresh = counts.get(topic_id, (0, 0))
        if fresh != (n_stories, n_documents):
            conn.execute(update(topics).where(topics.c.id == topic_id).values(n_stories=fresh[0], n_documents=fresh[1]))
    merged = select(topics.c.id).where(topics.c.status == "merged", topics.c.n_stories != 0)
    conn.execute(update(topics).where(topics.c.id.in_(merged.scalar_subquery())).values(n_stories=0, n_documents=0))


def placeholder_label(text: str) -> str:
    """A label for a topic before its keywords are worked out: its first words."""
    first = " ".join(text.split())
    return shorten(first, LABEL_CHARS)
