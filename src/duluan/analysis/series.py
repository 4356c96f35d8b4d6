"""Counting documents per day or hour for any filter, in the database.

A series answers "how much talk, when" for one slice: a concern, a place (province or
ward, new units), a category, a document kind, a source kind, a sentiment, a topic — or
any combination. Each bucket carries three counts: documents, distinct stories (a
syndicated article counts once) and distinct social authors (for k-anonymity; author
pseudonyms are counted, never returned).
"""

from __future__ import annotations

import time as clock
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, case, distinct, func, literal_column, select
from sqlalchemy.sql import Select

from ..enrich.concerns import CONCERN_IDS
from ..enrich.pipeline import CATEGORY_NAMES
from ..errors import UsageError
from ..records import DATE_FROM_FETCH
from ..sources.registry import SOURCE_KINDS
from ..store.schema import (
    document_places,
    documents,
    enrichments,
    hourly_counts,
    sources,
    story_topics,
    topics,
)
from .periods import Period, local_day, local_hour
from .places import PlaceFilter, resolve_place_filter
from .topic_report import TopicMerged, TopicNotFound

SOCIAL_KINDS = ("post", "comment")
# Documents that gave their own date. One without took its fetch time (a folder of old
# notices read today): counted on that day, it would make today look like a surge.
DATED = documents.c.flags.not_like(f"%{DATE_FROM_FETCH}%")
DOCUMENT_KINDS = ("news", "page", "post", "comment")
SENTIMENTS = ("negative", "neutral", "positive")


class UnknownFilter(UsageError):
    pass


@dataclass(frozen=True)
class SeriesFilter:
    concern: str | None = None
    place: PlaceFilter | None = None
    category: str | None = None
    kind: str | None = None  # document kind: news, page, post, comment
    source_kind: str | None = None  # feed, page, jsonl, csv, folder
    sentiment: str | None = None
    topic_id: int | None = None
    social_only: bool = False  # posts and comments only: what citizens wrote
    dated_only: bool = False  # without documents dated by their fetch (the alerts' series)

    @property
    def stream_level(self) -> bool:
        """Nothing but the document kind narrows it: no label, place, source or topic."""
        return self == SeriesFilter(kind=self.kind, social_only=self.social_only)

    def describe(self) -> str:
        parts = [
            f"concern={self.concern}" if self.concern else "",
            f"place={self.place.label}" if self.place else "",
            f"category={self.category}" if self.category else "",
            f"kind={self.kind}" if self.kind else "",
            f"source_kind={self.source_kind}" if self.source_kind else "",
            f"sentiment={self.sentiment}" if self.sentiment else "",
            f"topic={self.topic_id}" if self.topic_id is not None else "",
            "posts and comments" if self.social_only else "",
            "with a date of their own" if self.dated_only else "",
        ]
        return ", ".join(p for p in parts if p) or "all documents"


def _check(value: str | None, allowed: Sequence[str], what: str) -> str | None:
    if value is None or value in allowed:
        return value
    raise UnknownFilter(f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}")


def make_filter(
    *,
    concern: str | None = None,
    place: str | None = None,
    category: str | None = None,
    kind: str | None = None,
    source_kind: str | None = None,
    sentiment: str | None = None,
    topic_id: int | None = None,
) -> SeriesFilter:
    """A checked filter from what a person typed; every bad value is a clear error."""
    if category is not None:
        by_name = {name.casefold(): key for key, name in CATEGORY_NAMES.items()}
        category = by_name.get(category.casefold(), category)
    return SeriesFilter(
        concern=_check(concern, CONCERN_IDS, "concern"),
        place=resolve_place_filter(place) if place is not None else None,
        category=_check(category, tuple(CATEGORY_NAMES), "category"),
        kind=_check(kind, DOCUMENT_KINDS, "document kind"),
        source_kind=_check(source_kind, SOURCE_KINDS, "source kind"),
        sentiment=_check(sentiment, SENTIMENTS, "sentiment"),
        topic_id=topic_id,
    )


def check_topic(engine: Engine, topic_id: int) -> None:
    with engine.connect() as conn:
        row = conn.execute(select(topics.c.status, topics.c.merged_into).where(topics.c.id == topic_id)).first()
    if row is None:
        raise TopicNotFound(f"no topic {topic_id}; `duluan topics` lists them", vi=f"không có chủ đề số {topic_id}")
    if row.status == "merged" and row.merged_into is not None:
        raise TopicMerged(
            f"topic {topic_id} merged into topic {row.merged_into}; ask for {row.merged_into}", row.merged_into,
            vi=f"chủ đề {topic_id} đã gộp vào chủ đề {row.merged_into}; hãy xem chủ đề {row.merged_into}",
        )


def published_in(engine: Engine, low: datetime, high: datetime, flt: SeriesFilter) -> ColumnElement[bool]:
    """`documents.published_at` in [low, high), with a hint for SQLite's planner when
    `flt` joins other tables.

    SQLite keeps no histogram of times, so it guesses that any two-sided range keeps a
    small part of the table; joined to a label ("flooding"), it then walks every
    document of a 90-day range and probes its label (0.68 s for 900,000 documents) where
    starting from the label's index and probing the documents takes 0.10 s. The hourly
    rollup knows the real share of documents on each side of each bound, and
    `likelihood()` tells the planner, which then picks the cheaper side itself (the range
    still uses its index when it is the narrow side). Without a join, the covering time
    index is always the best path, and a hint that the range is wide would only tempt the
    planner into reading the whole table.
    """
    in_range = and_(documents.c.published_at >= low, documents.c.published_at < high)
    if engine.dialect.name != "sqlite" or flt.stream_level:
        return in_range  # PostgreSQL keeps histograms of its own
    total, after, before = _shares_of_range(engine, low.strftime("%Y-%m-%d %H"), high.strftime("%Y-%m-%d %H"))
    if not total:
        return in_range
    # likelihood() takes a literal between 0 and 1; never 0, which would read as "never true".
    def share(n: int) -> Any:
        return literal_column(f"{min(1.0, max(0.0001, n / total)):.4f}")

    return and_(
        func.likelihood(documents.c.published_at >= low, share(after)),
        func.likelihood(documents.c.published_at < high, share(before)),
    )


# A hint only steers the plan, so a minute-old share is as good as a fresh one; the
# dashboard asks the same ranges again and again.
HINT_CACHE_SECONDS = 60.0
_hint_cache: dict[tuple[str, str, str], tuple[float, tuple[int, int, int]]] = {}


def _shares_of_range(engine: Engine, low_hour: str, high_hour: str) -> tuple[int, int, int]:
    """Documents in all, from `low_hour` on, and before `high_hour` (from the rollup)."""
    key = (str(engine.url), low_hour, high_hour)
    now = clock.monotonic()
    cached = _hint_cache.get(key)
    if cached and now - cached[0] < HINT_CACHE_SECONDS:
        return cached[1]
    c = hourly_counts.c
    after_low = func.sum(case((c.hour >= low_hour, c.documents), else_=0))
    before_high = func.sum(case((c.hour < high_hour, c.documents), else_=0))
    with engine.connect() as conn:
        row = conn.execute(select(func.sum(c.documents), after_low, before_high)).one()
    found = (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))
    if len(_hint_cache) >= 256:  # a long-running server asks for many ranges
        _hint_cache.clear()
    _hint_cache[key] = (now, found)
    return found


def filtered(query: Select[Any], flt: SeriesFilter) -> Select[Any]:
    """Add the joins and conditions of a filter to a query over `documents`."""
    if flt.concern or flt.category or flt.sentiment:
        query = query.join(enrichments, enrichments.c.document_id == documents.c.id)
        if flt.concern:
            query = query.where(enrichments.c.concern == flt.concern)
        if flt.category:
            query = query.where(enrichments.c.category == flt.category)
        if flt.sentiment:
            query = query.where(enrichments.c.sentiment == flt.sentiment)
    if flt.place is not None:
        column = document_places.c.province_code if flt.place.level == "province" else document_places.c.ward_code
        mentioned = (
            select(document_places.c.document_id)
            .where(column.in_(flt.place.codes))
            .distinct()
            .subquery()
        )
        query = query.join(mentioned, mentioned.c.document_id == documents.c.id)
    if flt.kind:
        query = query.where(documents.c.kind == flt.kind)
    if flt.social_only:
        query = query.where(documents.c.kind.in_(SOCIAL_KINDS))
    if flt.source_kind:
        query = query.join(sources, sources.c.id == documents.c.source_id).where(sources.c.kind == flt.source_kind)
    if flt.dated_only:
        query = query.where(DATED)
    if flt.topic_id is not None:
        query = query.join(story_topics, story_topics.c.story_id == documents.c.story_id).where(
            story_topics.c.topic_id == flt.topic_id
        )
    return query


@dataclass
class Counts:
    """Counts per bucket, aligned with `buckets`."""

    buckets: list[str]
    documents: list[int] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)
    social: list[int] = field(default_factory=list)  # documents that are posts or comments
    authors: list[int] = field(default_factory=list)  # distinct social authors

    def tail(self, n: int) -> Counts:
        """The last n buckets."""
        return Counts(
            self.buckets[-n:], self.documents[-n:], self.stories[-n:], self.social[-n:], self.authors[-n:]
        )


def count_series(
    engine: Engine, flt: SeriesFilter, period: Period, granularity: str = "day"
) -> Counts:
    """Documents, stories, social documents and distinct authors per local day or hour."""
    if granularity not in ("day", "hour"):
        raise UsageError(f"granularity must be 'day' or 'hour', not {granularity!r}")
    dialect = engine.dialect.name
    bucket_of = local_day if granularity == "day" else local_hour
    bucket = bucket_of(documents.c.published_at, dialect, period).label("bucket")
    social = case((documents.c.kind.in_(SOCIAL_KINDS), 1), else_=0)
    low, high = period.utc_bounds()
    query = select(
        bucket,
        func.count().label("documents"),
        func.count(distinct(documents.c.story_id)).label("stories"),
        func.sum(social).label("social"),
        func.count(distinct(documents.c.author_hash)).label("authors"),
    ).where(published_in(engine, low, high, flt))
    query = filtered(query, flt).group_by(bucket)
    with engine.connect() as conn:
        rows = {r.bucket: r for r in conn.execute(query)}
    buckets = bucket_names(period, granularity)
    counts = Counts(buckets)
    for name in buckets:
        row = rows.get(name)
        counts.documents.append(int(row.documents) if row else 0)
        counts.stories.append(int(row.stories) if row else 0)
        counts.social.append(int(row.social or 0) if row else 0)
        counts.authors.append(int(row.authors) if row else 0)
    return counts


def bucket_names(period: Period, granularity: str) -> list[str]:
    days = period.days()
    if granularity == "day":
        return [d.isoformat() for d in days]
    return [f"{d.isoformat()} {h:02d}" for d in days for h in range(24)]


def day_totals(engine: Engine, period: Period, dated_only: bool = False) -> list[int]:
    """All documents per local day: the stream's volume, for the weekday factors
    (`dated_only`: without documents dated by their fetch, as the alerts count)."""
    bucket = local_day(documents.c.published_at, engine.dialect.name, period).label("bucket")
    low, high = period.utc_bounds()
    query = (
        select(bucket, func.count().label("n"))
        .where(and_(documents.c.published_at >= low, documents.c.published_at < high, *([DATED] if dated_only else [])))
        .group_by(bucket)
    )
    with engine.connect() as conn:
        rows = {r.bucket: int(r.n) for r in conn.execute(query)}
    return [rows.get(name, 0) for name in bucket_names(period, "day")]


def authors_on_days(engine: Engine, flt: SeriesFilter, period: Period, days: Sequence[str]) -> int:
    """Distinct social authors behind a filter on some local days of a period."""
    low, high = period.utc_bounds()
    day = local_day(documents.c.published_at, engine.dialect.name, period)
    query = select(func.count(distinct(documents.c.author_hash))).where(
        published_in(engine, low, high, flt), documents.c.kind.in_(SOCIAL_KINDS), day.in_(list(days))
    )
    with engine.connect() as conn:
        return int(conn.execute(filtered(query, flt)).scalar_one())


def distinct_authors(engine: Engine, flt: SeriesFilter, period: Period) -> int:
    """Distinct social authors behind a filter over a period (pseudonyms counted, not shown)."""
    low, high = period.utc_bounds()
    query = select(func.count(distinct(documents.c.author_hash))).where(published_in(engine, low, high, flt))
    with engine.connect() as conn:
        return int(conn.execute(filtered(query, flt)).scalar_one())
