"""What the topics say for a time range: size, growth, sentiment, places and concerns.

Every figure counts documents (each copy of a syndicated article published in the range;
stories are counted apart). Privacy: a figure that rests on posts or comments from fewer
than k distinct authors is suppressed (`privacy.guarded`) — None here, "< k" when shown —
and author hashes never leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, func, select

from ..enrich.concerns import NOT_A_CONCERN
from ..errors import NotFound, UsageError
from ..store.schema import (
    document_places,
    documents,
    enrichments,
    stories,
    story_topics,
    topic_events,
    topics,
)
from ..text.shorten import shorten
from .periods import Period, make_period, today_in
from .privacy import guarded
from .topic_labels import recent_pool

SOCIAL = ("post", "comment")
SENTIMENTS = ("negative", "neutral", "positive")
COMPLAINT_AT = 0.5  # as in the workspace summary
TOP_PLACES = 3
TOP_CONCERNS = 3
SNIPPET_CHARS = 280


class TopicNotFound(NotFound):
    """No topic has this id."""


class TopicMerged(TopicNotFound):
    """The topic was merged into another; `merged_into` is the one that holds it now."""

    def __init__(self, message: str, merged_into: int, vi: str | None = None) -> None:
        super().__init__(message, vi=vi)
        self.merged_into = merged_into


@dataclass
class PlaceCount:
    code: str
    name: str
    documents: int | None


@dataclass
class TopicSummary:
    id: int
    label: str
    keywords: list[str]
    headline: str | None
    status: str
    born_at: datetime
    last_seen_at: datetime
    stories: int | None  # in the range; None: suppressed
    documents: int | None
    previous_documents: int | None  # the range of equal length just before
    # (documents - previous) / previous, on whole days while the range is under way
    # (`growth_window`); None: suppressed, nothing before, or no whole day yet
    growth: float | None
    sentiment: dict[str, int | None]
    places: list[PlaceCount]
    concerns: list[tuple[str, int | None]]
    k_anonymity: int = 5
    # False for a topic's whole life, or when the workspace never read the range before
    # (`reads_before`): nothing to compare with
    compared: bool = True

    @property
    def n_stories(self) -> int | str:
        """Stories in the range as shown: "< k" when suppressed."""
        return f"< {self.k_anonymity}" if self.stories is None else self.stories

    @property
    def is_new(self) -> bool:
        return self.compared and self.previous_documents == 0

    def as_dict(self) -> dict[str, Any]:
        """JSON shape: suppressed figures read "< k"."""
        def shown(value: int | None) -> int | str:
            return f"< {self.k_anonymity}" if value is None else value

        out: dict[str, Any] = {
            "id": self.id, "label": self.label, "keywords": self.keywords, "headline": self.headline,
            "status": self.status, "born_at": self.born_at.isoformat(), "last_seen_at": self.last_seen_at.isoformat(),
            "stories": shown(self.stories), "documents": shown(self.documents),
        }
        if self.compared:
            out["previous_documents"] = shown(self.previous_documents)
            out["growth"] = None if self.growth is None else round(self.growth, 4)
            out["new"] = self.is_new
        out["sentiment"] = {k: shown(v) for k, v in self.sentiment.items()}
        out["places"] = [{"code": p.code, "name": p.name, "documents": shown(p.documents)} for p in self.places]
        out["concerns"] = [{"concern": c, "documents": shown(n)} for c, n in self.concerns]
        return out


# An event stored on one topic, as the other topic it names sees it.
_SEEN_FROM_OTHER = {"merged": "absorbed", "split": "split_off"}


@dataclass
class TopicEvent:
    # born, merged (into other_topic_id), absorbed (other_topic_id into this), split (this
    # came out of other_topic_id), split_off (other_topic_id came out of this), faded, revived
    kind: str
    at: datetime
    other_topic_id: int | None
    detail: dict[str, Any]


@dataclass
class TopicEvidence:
    story_id: int
    kind: str
    published_at: datetime
    title: str | None
    snippet: str  # stored (redacted) text, cut
    documents: int
    similarity: float


@dataclass
class TopicDetail:
    summary: TopicSummary
    events: list[TopicEvent] = field(default_factory=list)
    evidence: list[TopicEvidence] = field(default_factory=list)
    merged_from: list[int] = field(default_factory=list)
    split_from: int | None = None  # the topic this one split off
    split_off: list[int] = field(default_factory=list)  # topics that split off this one

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "merged_from": self.merged_from,
            "split_from": self.split_from,
            "split_off": self.split_off,
            "events": [
                {"kind": e.kind, "at": e.at.isoformat(), "other_topic_id": e.other_topic_id, "detail": e.detail}
                for e in self.events
            ],
            "evidence": [
                {"story_id": e.story_id, "kind": e.kind, "published_at": e.published_at.isoformat(),
                 "title": e.title, "snippet": e.snippet, "documents": e.documents, "similarity": e.similarity}
                for e in self.evidence
            ],
        }


class _Tally:
    """Documents behind one figure, and the distinct authors of the social ones."""

    __slots__ = ("documents", "social", "authors", "stories")

    def __init__(self) -> None:
        self.documents = 0
        self.social = 0
        self.authors: set[str] = set()
        self.stories: set[int] = set()

    def add(self, kind: str, author: str | None, story: int) -> None:
        self.documents += 1
        self.stories.add(story)
        if kind in SOCIAL:
            self.social += 1
            if author:
                self.authors.add(author)

    def value(self, k: int, what: str = "documents") -> int | None:
        count = self.documents if what == "documents" else len(self.stories)
        return guarded(count, self.social, len(self.authors), k).value


def _listed() -> Any:
    """Topics worth listing: born (reached the minimum size) and not merged away."""
    born = select(topic_events.c.topic_id).where(topic_events.c.kind == "born")
    return and_(topics.c.status != "merged", topics.c.id.in_(born))


@dataclass
class _Count:
    """One figure counted in SQL: documents, stories, and the social part with its authors."""

    documents: int = 0
    stories: int = 0
    social: int = 0
    authors: int = 0

    def value(self, k: int, what: str = "documents") -> int | None:
        count = self.documents if what == "documents" else self.stories
        return guarded(count, self.social, self.authors, k).value


def _counts(
    conn: Connection, topic_ids: Sequence[int], low: datetime, high: datetime, by: Any = None, *,
    complaints: bool = False, places: bool = False,
) -> dict[tuple[Any, ...], _Count]:
    """Figures per topic (and per `by`) over [low, high), counted by the database: a big
    topic's documents are never read into Python (a million of them took 10-17 s)."""
    social = documents.c.kind.in_(SOCIAL)
    source = documents.join(story_topics, story_topics.c.story_id == documents.c.story_id)
    if places:
        # One row per (document, province): a document naming two provinces counts in both.
        named = (
            select(document_places.c.document_id, document_places.c.province_code)
            .where(document_places.c.province_code.is_not(None)).distinct().subquery()
        )
        source = source.join(named, named.c.document_id == documents.c.id)
        by = named.c.province_code
    elif by is not None:
        source = source.join(enrichments, enrichments.c.document_id == documents.c.id)
    columns = [story_topics.c.topic_id] + ([by] if by is not None else [])
    query = (
        select(
            *columns, func.count().label("documents"),
            func.count(func.distinct(documents.c.story_id)).label("stories"),
            func.sum(case((social, 1), else_=0)).label("social"),
            func.count(func.distinct(case((social, documents.c.author_hash)))).label("authors"),
        )
        .select_from(source)
        .where(story_topics.c.topic_id.in_(topic_ids), documents.c.published_at >= low, documents.c.published_at < high)
        .group_by(*columns)
    )
    if by is not None and not places:
        query = query.where(by.is_not(None))
    if complaints:
        query = query.where(enrichments.c.complaint_p >= COMPLAINT_AT)
    out: dict[tuple[Any, ...], _Count] = {}
    for row in conn.execute(query):
        key = tuple(row[: len(columns)])
        out[key] = _Count(int(row.documents), int(row.stories), int(row.social or 0), int(row.authors))
    return out


def reads_before(conn: Connection, low: datetime, high: datetime) -> bool:
    """Whether the workspace read the range [low, high) the growth compares with: some
    document was published before it, and some in its first half. A range that starts
    earlier than the stream was never read: growth against it (a whole month against the
    empty month before the first ingest) would be "+3,000 %", not news. The second test
    keeps one old imported or backdated document from switching the comparison on."""

    def any_between(start: datetime | None, end: datetime) -> bool:
        query = select(documents.c.id).where(documents.c.published_at < end)
        if start is not None:
            query = query.where(documents.c.published_at >= start)
        return conn.execute(query.limit(1)).first() is not None

    return any_between(None, low) and any_between(low, low + (high - low) / 2)


def _summaries(
    conn: Connection, topic_ids: Sequence[int], bounds: tuple[datetime, datetime],
    window: GrowthWindow, k: int,
) -> list[TopicSummary]:
    from ..text.places import province_by_code

    if not topic_ids:
        return []
    compared = window.current is not None and reads_before(conn, *window.before)
    total = _counts(conn, topic_ids, *bounds)
    before = _counts(conn, topic_ids, *window.before)
    # Growth on the whole days of a range under way (`growth_window`), else on the ranges.
    grown = total if window.current in (None, bounds) else _counts(conn, topic_ids, *window.current)
    base = before if window.previous == window.before else _counts(conn, topic_ids, *window.previous)
    moods = _counts(conn, topic_ids, *bounds, by=enrichments.c.sentiment)
    concerns = _counts(conn, topic_ids, *bounds, by=enrichments.c.concern, complaints=True)
    places = _counts(conn, topic_ids, *bounds, places=True)

    def of(counts: dict[tuple[Any, ...], _Count], topic_id: int) -> dict[str, _Count]:
        return {key[1]: value for key, value in counts.items() if key[0] == topic_id}

    meta = {r.id: r for r in conn.execute(select(topics).where(topics.c.id.in_(topic_ids)))}
    out = []
    for topic_id in topic_ids:
        row = meta[topic_id]
        here, there = total.get((topic_id,), _Count()), before.get((topic_id,), _Count())
        now, then = here.value(k), there.value(k)
        grew, was = grown.get((topic_id,), _Count()).value(k), base.get((topic_id,), _Count()).value(k)
        growth = (grew - was) / was if compared and grew is not None and was else None
        mood = of(moods, topic_id)
        out.append(TopicSummary(
            id=topic_id, label=row.label, keywords=list(row.keywords or []), headline=row.headline,
            status=row.status, born_at=row.born_at, last_seen_at=row.last_seen_at,
            stories=here.value(k, "stories"), documents=now, previous_documents=then,
            growth=growth,
            sentiment={s: mood.get(s, _Count()).value(k) for s in SENTIMENTS},
            places=[
                PlaceCount(code, unit.name if (unit := province_by_code(code)) else code, tally.value(k))
                for code, tally in _top(of(places, topic_id), k, TOP_PLACES)
            ],
            # "other" (no civic concern) is counted among complaints but never ranked as a
            # concern, as on the overview: a topic's first concern should say something.
            concerns=[(c, tally.value(k)) for c, tally in _top(
                {c: t for c, t in of(concerns, topic_id).items() if c != NOT_A_CONCERN}, k, TOP_CONCERNS)],
            k_anonymity=k, compared=compared,
        ))
    return out


def _top(tallies: dict[str, _Count], k: int, n: int) -> list[tuple[str, _Count]]:
    """The largest figures first; suppressed ones after every shown one, so the order
    does not reveal a suppressed count."""
    return sorted(tallies.items(), key=lambda kv: (kv[1].value(k) is None, -(kv[1].value(k) or 0), kv[0]))[:n]


@dataclass(frozen=True)
class GrowthWindow:
    """What a topic's growth compares (UTC bounds): `current` against `previous`, and
    `before`, the whole range of equal length just before, which `reads_before` checks."""

    current: tuple[datetime, datetime] | None  # None: no whole day of the range is over yet
    previous: tuple[datetime, datetime]
    before: tuple[datetime, datetime]


def growth_window(period: Period, today: date | None = None) -> GrowthWindow:
    """A range under way (today is one of its days) is compared on its whole days only,
    with as many days of the range before: a week of six days and three hours against a
    whole week would read as a fall every morning. Cut at local midnight, never inside a
    day, so that no figure rests on a stretch shorter than the days every page shows."""
    before = period.shifted(-period.n_days)
    today = today or today_in(period.timezone)
    if not period.start <= today <= period.end:
        return GrowthWindow(period.utc_bounds(), before.utc_bounds(), before.utc_bounds())
    whole = (today - period.start).days
    if whole == 0:
        return GrowthWindow(None, before.utc_bounds(), before.utc_bounds())
    days = timedelta(days=whole - 1)
    current = Period(period.start, period.start + days, period.timezone).utc_bounds()
    previous = Period(before.start, before.start + days, period.timezone).utc_bounds()
    return GrowthWindow(current, previous, before.utc_bounds())


def topic_summaries(
    engine: Engine, start: date | str, end: date | str | None = None, timezone: str = "Asia/Ho_Chi_Minh",
    limit: int = 10, *, k_anonymity: int = 5,
) -> list[TopicSummary]:
    """The `limit` topics with the most documents between two local days (inclusive; the
    end defaults to today), largest first, with the range of equal length before."""
    period = make_period(timezone, start, end)
    if limit < 1:
        raise UsageError(f"the number of topics must be at least 1, not {limit}")
    bounds = period.utc_bounds()
    window = growth_window(period)
    volume = func.count(documents.c.id)
    query = (
        select(story_topics.c.topic_id, volume)
        .select_from(
            documents.join(story_topics, story_topics.c.story_id == documents.c.story_id)
            .join(topics, topics.c.id == story_topics.c.topic_id)
        )
        .where(documents.c.published_at >= bounds[0], documents.c.published_at < bounds[1], _listed())
        .group_by(story_topics.c.topic_id)
        .order_by(volume.desc(), story_topics.c.topic_id)
        .limit(limit)
    )
    with engine.connect() as conn:
        ids = [t for t, _ in conn.execute(query)]
        return _summaries(conn, ids, bounds, window, k_anonymity)


def data_range(engine: Engine) -> tuple[datetime, datetime] | None:
    """First and last publication time of the stories that have a topic."""
    with engine.connect() as conn:
        low, high = conn.execute(
            select(func.min(stories.c.first_published_at), func.max(stories.c.last_published_at))
            .select_from(stories.join(story_topics, story_topics.c.story_id == stories.c.id))
        ).one()
    return None if low is None else (low, high)


def _holder(conn: Connection, topic_id: int) -> tuple[int, datetime | None]:
    """The topic that holds a merged one now, following merges, and when it first merged."""
    seen = {topic_id}
    current = topic_id
    first_at = conn.execute(
        select(topic_events.c.at).where(topic_events.c.topic_id == topic_id, topic_events.c.kind == "merged")
        .order_by(topic_events.c.at)
    ).scalar()
    while True:
        into = conn.execute(select(topics.c.merged_into).where(topics.c.id == current)).scalar()
        if into is None or into in seen:
            return current, first_at
        seen.add(into)
        current = into


def topic_detail(
    engine: Engine, topic_id: int, start: date | str | None = None, end: date | str | None = None,
    timezone: str = "Asia/Ho_Chi_Minh", *, k_anonymity: int = 5, evidence: int = 5,
) -> TopicDetail:
    """One topic: its figures (between two local days, else over its whole life), its
    history and the stories nearest its centre."""
    period = make_period(timezone, start, end) if start is not None else None
    with engine.connect() as conn:
        row = conn.execute(select(topics).where(topics.c.id == topic_id)).first()
        if row is None:
            largest = conn.execute(select(func.max(topics.c.id))).scalar()
            known = f"topic ids run from 1 to {largest}" if largest else "there are no topics yet (run 'duluan topics --update')"
            raise TopicNotFound(
                f"no topic {topic_id}: {known}; list them with 'duluan topics'", vi=f"không có chủ đề số {topic_id}"
            )
        if row.status == "merged":
            holder, at = _holder(conn, topic_id)
            when = f" on {at.date().isoformat()}" if at else ""
            raise TopicMerged(
                f"topic {topic_id} no longer exists: it was merged{when} into topic {row.merged_into}"
                + (f", now part of topic {holder}" if holder != row.merged_into else "")
                + f"; ask for topic {holder}",
                holder,
                vi=f"chủ đề {topic_id} không còn: đã được gộp vào chủ đề {holder}",
            )
        if period is not None:
            bounds = period.utc_bounds()
            window = growth_window(period)
        else:
            # Its whole life: nothing comes before it.
            bounds = (row.born_at - timedelta(days=366 * 50), row.last_seen_at + timedelta(days=366))
            day_before = (bounds[0] - timedelta(days=1), bounds[0])
            window = GrowthWindow(bounds, day_before, day_before)
        summary = _summaries(conn, [topic_id], bounds, window, k_anonymity)[0]
        summary.compared = summary.compared and period is not None
        events = []
        for e in conn.execute(
            select(topic_events).where(
                (topic_events.c.topic_id == topic_id) | (topic_events.c.other_topic_id == topic_id)
            ).order_by(topic_events.c.at, topic_events.c.id)
        ):
            if e.topic_id == topic_id:
                events.append(TopicEvent(e.kind, e.at, e.other_topic_id, dict(e.detail or {})))
            else:  # seen from here: another topic merged into this one, or split off it
                events.append(TopicEvent(_SEEN_FROM_OTHER.get(e.kind, e.kind), e.at, e.topic_id, dict(e.detail or {})))
        merged_from = list(conn.execute(select(topics.c.id).where(topics.c.merged_into == topic_id).order_by(topics.c.id)).scalars())
        split_from = next((e.other_topic_id for e in events if e.kind == "split"), None)
        split_off = [e.other_topic_id for e in events if e.kind == "split_off" and e.other_topic_id is not None]
        return TopicDetail(summary, events, list(_evidence(conn, topic_id, evidence)), merged_from, split_from, split_off)


def _evidence(conn: Connection, topic_id: int, limit: int) -> Iterable[TopicEvidence]:
    """The stories nearest the topic's centre (articles and posts before comments), among
    its recent ones (`topic_labels.recent_pool`), whose similarity the last update set to
    their cosine with the centroid then (`topic_labels.relabel`). Older stories keep the
    similarity they joined with, 1.0 for every story that opened a topic since absorbed,
    so they are not ranked beside them."""
    query = (
        select(
            stories.c.id, documents.c.kind, stories.c.first_published_at, documents.c.title,
            func.substr(documents.c.text, 1, SNIPPET_CHARS + 40).label("text"), stories.c.size, story_topics.c.similarity,
        )
        .select_from(
            story_topics.join(stories, stories.c.id == story_topics.c.story_id)
            .join(documents, documents.c.content_hash == stories.c.founder_hash)
        )
        .where(story_topics.c.topic_id == topic_id, story_topics.c.story_id.in_(recent_pool(topic_id)))
        .order_by(documents.c.kind == "comment", story_topics.c.similarity.desc(), stories.c.id)
        .limit(limit)
    )
    for r in conn.execute(query):
        text = " ".join(r.text.split())
        snippet = shorten(text, SNIPPET_CHARS)
        yield TopicEvidence(r.id, r.kind, r.first_published_at, r.title, snippet, r.size, round(r.similarity, 4))
