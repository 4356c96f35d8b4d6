"""The figures behind the dashboard: the overview of a period (and place), and a topic's page.

Each page is one call that returns one frozen result with `to_json()`. The volume, the
topics, the alerts and the cases come from their own modules (trends, topic_report,
alerts, cases); what is counted here — the sentiment mix, the citizen concerns, the
places with the most complaints — is counted in one GROUP BY per section:

1. one row per document and key (a document naming two wards counts once in each);
2. grouped by key, by "is it a post or comment" and by the first character of the author
   pseudonym, each group giving its count and its smallest and largest pseudonym: those
   are real, different authors, a lower bound of the distinct authors behind a figure
   that SQLite computes while it streams the rows (COUNT DISTINCT would sort them all);
3. only a figure whose bound falls short of k while it has at least k posts is counted
   exactly, with one more query.

A figure resting on posts or comments from fewer than k distinct authors is shown as
"< k" (privacy.guarded). Author pseudonyms stay inside this module. Every figure carries
the `FigureSlice` of documents it counts, so a page can list them (`documents_behind`).

Over a million documents a page still costs seconds to count; the web layer keeps each
page for a minute (web/cache.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, and_, case, distinct, func, select
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from ..enrich.concerns import CONCERNS, NOT_A_CONCERN
from ..errors import UsageError
from ..store.schema import (
    alerts,
    cases,
    document_places,
    documents,
    enrichments,
    sources,
    stories,
    story_topics,
    topics,
)
from ..text.shorten import shorten
from .alerts import OPEN_ALERT_STATUSES, AlertView, get_alert
from .cases import OPEN_CASE_STATUSES, CaseView, get_case
from .options import baseline_options
from .periods import Period, local_day, today_in
from .places import PlaceFilter, place_name, place_rows, wards_of
from .privacy import Figure, guarded, hide_complement, public_url
from .series import SENTIMENTS, SOCIAL_KINDS, SeriesFilter, filtered
from .topic_labels import recent_pool
from .topic_report import (
    COMPLAINT_AT,
    SNIPPET_CHARS,
    TopicDetail,
    growth_window,
    reads_before,
    topic_detail,
)
from .topic_report import _listed as listed_topics
from .trends import Trend, trend

__all__ = [
    "Behind",
    "CaseDue",
    "ConcernCount",
    "FigureSlice",
    "Overview",
    "PlaceCount",
    "SentimentShare",
    "Sections",
    "StoryItem",
    "TopicLine",
    "TopicPage",
    "alert_json",
    "complaint_places",
    "documents_behind",
    "overview",
    "sections",
    "topic_page",
    "wards_of",
]

TOP_CONCERNS = 8
TOP_PLACES = 10
TOP_TOPICS = 8
OPEN_ALERTS = 10
CASES_DUE = 10
STORIES = 10
CONCERN_NAMES = {c.id: c.name_vi for c in CONCERNS}


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class FigureSlice:
    """The documents a figure counts: published in the period, then these conditions."""

    place_level: str | None = None
    place_codes: tuple[str, ...] = ()
    concern: str | None = None
    sentiment: str | None = None
    complaint: bool = False  # only documents with complaint_p >= COMPLAINT_AT
    topic_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.place_level:
            out["place_level"], out["place"] = self.place_level, ",".join(self.place_codes)
        for name in ("concern", "sentiment", "topic_id"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.complaint:
            out["complaint_at_least"] = COMPLAINT_AT
        return out


@dataclass(frozen=True)
class SentimentShare:
    sentiment: str  # negative, neutral, positive
    documents: Figure
    share: float | None  # of the documents with a sentiment; None when suppressed
    slice: FigureSlice

    def to_json(self) -> dict[str, Any]:
        return {"sentiment": self.sentiment, "documents": self.documents.as_json(), "share": self.share,
                "slice": self.slice.to_json()}


@dataclass(frozen=True)
class ConcernCount:
    concern: str  # taxonomy id, "flooding"
    name: str  # Vietnamese name, "Ngập nước, thoát nước"
    documents: Figure  # complaint documents about it
    share: float | None  # of all complaint documents; None when either is suppressed
    slice: FigureSlice

    def to_json(self) -> dict[str, Any]:
        return {"concern": self.concern, "name": self.name, "documents": self.documents.as_json(),
                "share": self.share, "slice": self.slice.to_json()}


@dataclass(frozen=True)
class PlaceCount:
    code: str  # unit code in force since 1 July 2025
    level: str  # province or ward
    name: str  # "Thành phố Hà Nội", "Phường Bạch Mai"
    documents: Figure  # complaint documents naming it
    slice: FigureSlice

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level, "name": self.name,
                "documents": self.documents.as_json(), "slice": self.slice.to_json()}


@dataclass(frozen=True)
class TopicLine:
    """A topic in the overview: its documents in the scope (the nation, or the place) over
    the period and the period of equal length before."""

    id: int
    label: str
    documents: Figure
    previous: Figure
    growth: float | None  # (documents - previous) / previous; None: suppressed or nothing before
    slice: FigureSlice
    compared: bool = True  # False: the workspace never read the period before (`reads_before`)

    @property
    def is_new(self) -> bool:
        return self.compared and self.previous.value == 0 and bool(self.documents.value)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "documents": self.documents.as_json(),
            "previous_documents": self.previous.as_json(),
            "growth": None if self.growth is None else round(self.growth, 4), "new": self.is_new,
            "compared": self.compared, "slice": self.slice.to_json(),
        }


@dataclass(frozen=True)
class CaseDue:
    """An open case, by due date; overdue when its due day has passed (local time)."""

    case: CaseView  # with `documents` and `events` left empty
    overdue: bool
    days_left: int | None  # negative when overdue; None without a due date

    def to_json(self) -> dict[str, Any]:
        data = self.case.as_json()
        data.pop("documents", None)
        data.pop("events", None)
        return {**data, "concern_name": CONCERN_NAMES.get(self.case.concern or ""), "overdue": self.overdue,
                "days_left": self.days_left}


def alert_json(view: AlertView) -> dict[str, Any]:
    """An alert for a list: what a row shows (the chart data stays on the alert's page)."""
    data = view.as_json()
    data.pop("stats", None)
    return data


@dataclass(frozen=True)
class Sections:
    """What the overview and a place's page both show, for one period and place."""

    volume: Trend  # documents per day with the expected baseline
    sentiment: tuple[SentimentShare, ...]
    sentiment_total: Figure  # documents with a sentiment
    concerns: tuple[ConcernCount, ...]  # the most-complained-about concerns, largest first
    complaints_total: Figure  # all complaint documents (every concern, "other" included)
    places_level: str  # "province" (no place given) or "ward"
    places: tuple[PlaceCount, ...]  # where the most complaints come from (every province nationally)
    topics: tuple[TopicLine, ...]
    topics_by_place: bool  # True: ranked by their documents naming the place
    alerts: tuple[AlertView, ...]  # open (new or acknowledged), newest surge first
    open_alerts: int
    alert_days: tuple[str, ...]  # days of the period inside an open alert, for the chart
    cases: tuple[CaseDue, ...]  # open cases, soonest due first
    open_cases: int
    overdue_cases: int
    method: Mapping[str, str]  # section -> how its figures are computed

    def to_json(self) -> dict[str, Any]:
        return {
            "volume": self.volume.as_json(),
            "sentiment": {"total": self.sentiment_total.as_json(), "parts": [s.to_json() for s in self.sentiment]},
            "concerns": {"complaints": self.complaints_total.as_json(), "top": [c.to_json() for c in self.concerns]},
            "places": {"level": self.places_level, "top": [p.to_json() for p in self.places]},
            "topics": {"by_place": self.topics_by_place, "top": [t.to_json() for t in self.topics]},
            "alerts": {"open": self.open_alerts, "days": list(self.alert_days), "list": [alert_json(a) for a in self.alerts]},
            "cases": {"open": self.open_cases, "overdue": self.overdue_cases, "list": [c.to_json() for c in self.cases]},
            "method": dict(self.method),
        }


def _scope_json(period: Period, place: PlaceFilter | None, k: int) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(), "to": period.end.isoformat(), "timezone": period.timezone,
        "place": None if place is None else {"level": place.level, "codes": list(place.codes), "label": place.label},
        "k_anonymity": k,
    }


@dataclass(frozen=True)
class Overview:
    period: Period
    place: PlaceFilter | None
    k: int
    sections: Sections

    def to_json(self) -> dict[str, Any]:
        return {**_scope_json(self.period, self.place, self.k), **self.sections.to_json()}


@dataclass(frozen=True)
class StoryItem:
    """One story of a topic, shown by its first document: redacted text, never an author."""

    story_id: int
    kind: str  # news, page, post, comment
    title: str | None
    snippet: str
    source: str | None  # the source's name in the workspace
    published_at: datetime
    url: str | None
    size: int  # documents in the story (copies of a syndicated article, reposts)
    similarity: float  # to the topic's centre

    def to_json(self) -> dict[str, Any]:
        return {**vars(self), "published_at": self.published_at.isoformat()}


@dataclass(frozen=True)
class TopicPage:
    period: Period
    k: int
    detail: TopicDetail
    volume: Trend
    stories: tuple[StoryItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **_scope_json(self.period, None, self.k), "topic": self.detail.as_dict(),
            "volume": self.volume.as_json(), "stories": [s.to_json() for s in self.stories],
        }


# ---------------------------------------------------------------------------- counting


class _Tally:
    """Documents behind one figure, with bounds on their distinct social authors."""

    __slots__ = ("documents", "social", "seen", "exact")

    def __init__(self) -> None:
        self.documents = 0
        self.social = 0
        self.seen: set[str] = set()  # real, different pseudonyms: a lower bound
        self.exact: int | None = None

    def add(self, documents: int, social: bool, low: str | None, high: str | None) -> None:
        self.documents += documents
        if social:
            self.social += documents
            self.seen.update(a for a in (low, high) if a is not None)

    def unsure(self, k: int) -> bool:
        return self.exact is None and len(self.seen) < k <= self.social

    def figure(self, k: int) -> Figure:
        authors = self.exact if self.exact is not None else len(self.seen)
        return guarded(self.documents, self.social, authors, k)


Keys = tuple[Any, ...]


class _Counter:
    """Tallies of the documents of one subquery (columns: its keys, kind, author), folded
    by any subset of the keys; exact author counts only where the bounds cannot decide."""

    def __init__(self, conn: Connection, rows: Any, names: Sequence[str], k: int) -> None:
        self.conn, self.rows, self.names, self.k = conn, rows, tuple(names), k
        social = case((rows.c.kind.in_(SOCIAL_KINDS), 1), else_=0).label("social")
        shard = func.substr(rows.c.author, 1, 1)
        keys = [rows.c[n] for n in self.names]
        query = select(*keys, social, func.count(), func.min(rows.c.author), func.max(rows.c.author)).group_by(
            *keys, social, shard
        )
        self.groups = [tuple(r) for r in conn.execute(query)]

    def by(self, names: Sequence[str] = (), require: Sequence[str] = ()) -> dict[Keys, _Tally]:
        """Tallies per value of `names`, over the rows where `names` and `require` are set."""
        index = [self.names.index(n) for n in names]
        needed = [self.names.index(n) for n in (*names, *require)]
        out: dict[Keys, _Tally] = defaultdict(_Tally)
        width = len(self.names)
        for group in self.groups:
            if any(group[i] is None for i in needed):
                continue
            out[tuple(group[i] for i in index)].add(int(group[width + 1]), bool(group[width]), group[width + 2], group[width + 3])
        unsure = [key for key, tally in out.items() if tally.unsure(self.k)]
        if unsure:
            for key, authors in self._authors(names, require).items():
                if key in out:
                    out[key].exact = authors
        return dict(out)

    def _authors(self, names: Sequence[str], require: Sequence[str]) -> dict[Keys, int]:
        keys = [self.rows.c[n] for n in names]
        conditions = [self.rows.c[n].is_not(None) for n in (*names, *require)]
        query = (
            select(*keys, func.count(distinct(self.rows.c.author)))
            .where(self.rows.c.kind.in_(SOCIAL_KINDS), *conditions)
        )
        if keys:
            query = query.group_by(*keys)
        return {tuple(r[:-1]): int(r[-1]) for r in self.conn.execute(query)}


def _in_period(query: Select[Any], period: Period | tuple[datetime, datetime]) -> Select[Any]:
    low, high = period.utc_bounds() if isinstance(period, Period) else period
    return query.where(and_(documents.c.published_at >= low, documents.c.published_at < high))


def _place_filter(place: PlaceFilter | None) -> SeriesFilter:
    return SeriesFilter(place=place)


def _ranked(tallies: Mapping[Keys, _Tally], k: int) -> list[tuple[Keys, Figure]]:
    """Largest first; suppressed figures after every shown one, so that the order does
    not reveal a suppressed count."""
    figures = [(key, tally.figure(k)) for key, tally in tallies.items()]
    return sorted(figures, key=lambda kf: (kf[1].value is None, -(kf[1].value or 0), str(kf[0])))


def _share(part: Figure, whole: Figure) -> float | None:
    # A share of a lower bound would overstate the part: no share then. Six places, so that
    # a page rounding it to one decimal of a per cent rounds the true share (0.212543 ->
    # 21,3 %), as the chart beside it does, not a share already rounded (0.2125 -> 21,2 %).
    if part.value is None or not whole.value or whole.at_least:
        return None
    return round(part.value / whole.value, 6)


# ---------------------------------------------------------------------------- sections


def _mood_and_concerns(
    conn: Connection, period: Period, place: PlaceFilter | None, k: int, volume_hidden: bool
) -> tuple[tuple[SentimentShare, ...], Figure, tuple[ConcernCount, ...], Figure]:
    """Sentiment parts and the concerns most complained about. `volume_hidden`: the volume
    chart hides a day; nearly every document has a sentiment, so the sentiment parts must
    not add up to the period's exact total either."""
    complaint_concern = case(
        (enrichments.c.complaint_p >= COMPLAINT_AT, func.coalesce(enrichments.c.concern, "")), else_=None
    )
    query = select(
        enrichments.c.sentiment.label("sentiment"), complaint_concern.label("concern"),
        documents.c.kind.label("kind"), documents.c.author_hash.label("author"),
    ).join(enrichments, enrichments.c.document_id == documents.c.id)
    query = filtered(_in_period(query, period), _place_filter(place))
    counter = _Counter(conn, query.subquery(), ("sentiment", "concern"), k)
    scope = FigureSlice(place.level, place.codes) if place else FigureSlice()

    total_mood = counter.by((), require=("sentiment",)).get((), _Tally()).figure(k)
    moods = counter.by(("sentiment",))
    tallies = [moods.get((s,), _Tally()) for s in SENTIMENTS]
    shown, total_mood = hide_complement(
        [t.figure(k) for t in tallies], [t.social for t in tallies], total_mood, hidden_elsewhere=volume_hidden
    )
    figures = dict(zip(SENTIMENTS, shown, strict=True))
    sentiment = tuple(
        SentimentShare(s, figures[s], _share(figures[s], total_mood), _with(scope, sentiment=s)) for s in SENTIMENTS
    )

    total_complaints = counter.by((), require=("concern",)).get((), _Tally()).figure(k)
    per_concern = {key: t for key, t in counter.by(("concern",)).items() if key[0] not in ("", NOT_A_CONCERN)}
    ranked = _ranked(per_concern, k)[:TOP_CONCERNS]
    # A hidden concern could be the complaints total minus the concerns shown (when the
    # rest, "other" and the unranked, is empty): one more concern is hidden beside it.
    listed, total_complaints = hide_complement(
        [figure for _, figure in ranked], [per_concern[key].social for key, _ in ranked], total_complaints
    )
    concerns = tuple(
        ConcernCount(key[0], CONCERN_NAMES.get(key[0]) or key[0], figure, _share(figure, total_complaints),
                     _with(scope, concern=key[0], complaint=True))
        for (key, _), figure in zip(ranked, listed, strict=True)
    )
    return sentiment, total_mood, concerns, total_complaints


def _with(scope: FigureSlice, **changes: Any) -> FigureSlice:
    return FigureSlice(**{**vars(scope), **changes})


def _complaint_places(
    conn: Connection, period: Period, place: PlaceFilter | None, k: int, limit: int | None = TOP_PLACES
) -> tuple[str, tuple[PlaceCount, ...]]:
    """Provinces by complaint documents naming them; inside a place, its wards."""
    if place is None:
        level, column = "province", document_places.c.province_code
        condition: ColumnElement[bool] = column.is_not(None)
    elif place.level == "province":
        level, column = "ward", document_places.c.ward_code
        condition = and_(document_places.c.province_code.in_(place.codes), column.is_not(None))
    else:
        level, column, condition = "ward", document_places.c.ward_code, document_places.c.ward_code.in_(place.codes)
    query = (
        select(column.label("code"), documents.c.id, documents.c.kind.label("kind"), documents.c.author_hash.label("author"))
        .join(enrichments, enrichments.c.document_id == documents.c.id)
        .join(document_places, document_places.c.document_id == documents.c.id)
        .where(enrichments.c.complaint_p >= COMPLAINT_AT, condition)
        .distinct()
    )
    counter = _Counter(conn, _in_period(query, period).subquery(), ("code",), k)
    ranked = _ranked(counter.by(("code",)), k)[:limit]
    return level, tuple(
        PlaceCount(key[0], level, place_name(level, key[0]), figure, FigureSlice(level, (key[0],), complaint=True))
        for key, figure in ranked
    )


def _topics(conn: Connection, engine: Engine, period: Period, place: PlaceFilter | None, k: int) -> tuple[TopicLine, ...]:
    """The topics with the most documents in the scope, with their growth, counted in SQL
    (the per-topic sentiment, places and concerns are on each topic's own page: reading
    them for ten topics nationwide costs a read of every document of each)."""

    def in_place(p: Period | tuple[datetime, datetime], ids: Sequence[int] | None) -> dict[Keys, _Tally]:
        query: Select[Any] = (
            select(story_topics.c.topic_id.label("topic_id"), documents.c.kind.label("kind"),
                   documents.c.author_hash.label("author"))
            .join(story_topics, story_topics.c.story_id == documents.c.story_id)
            .join(topics, topics.c.id == story_topics.c.topic_id)
            .where(listed_topics())
        )
        if ids is not None:
            query = query.where(story_topics.c.topic_id.in_(ids))
        query = _in_period(query, p)
        if place is not None:
            query = filtered(query, _place_filter(place))
        return _Counter(conn, query.subquery(), ("topic_id",), k).by(("topic_id",))

    now = _ranked(in_place(period, None), k)[:TOP_TOPICS]
    ids = [int(key[0]) for key, _ in now]
    window = growth_window(period)  # whole days only while the period is under way
    compared = window.current is not None and reads_before(conn, *window.before)
    before = in_place(window.before, ids)
    whole_days = window.current not in (None, period.utc_bounds())
    grown = in_place(window.current, ids) if whole_days and window.current else {}
    base = before if window.previous == window.before else in_place(window.previous, ids)
    labels = dict(conn.execute(select(topics.c.id, topics.c.label).where(topics.c.id.in_(ids))).all())
    lines = []
    for (topic_id, *_), figure in now:
        previous = before.get((topic_id,), _Tally()).figure(k)
        grew = grown.get((topic_id,), _Tally()).figure(k) if whole_days else figure
        was = base.get((topic_id,), _Tally()).figure(k)
        growth = None
        if compared and grew.value is not None and was.value:
            growth = (grew.value - was.value) / was.value
        scope = FigureSlice(place.level, place.codes, topic_id=int(topic_id)) if place else FigureSlice(topic_id=int(topic_id))
        lines.append(TopicLine(int(topic_id), labels[topic_id], figure, previous, growth, scope, compared))
    return tuple(lines)


def _place_condition(table: Any, place: PlaceFilter) -> ColumnElement[bool]:
    """Rows of `alerts` or `cases` about the place (for a province, its wards too)."""
    return place_rows(table, place)


def _alerts(engine: Engine, period: Period, place: PlaceFilter | None, k: int) -> tuple[tuple[AlertView, ...], int, tuple[str, ...]]:
    """Open alerts (for a province, its wards' too), newest surge first, and their count."""
    condition: ColumnElement[bool] = alerts.c.status.in_(OPEN_ALERT_STATUSES)
    if place is not None:
        condition = and_(condition, _place_condition(alerts, place))
    newest = (
        select(alerts.c.id).where(condition)
        .order_by(alerts.c.last_on.desc(), alerts.c.score.desc(), alerts.c.id).limit(OPEN_ALERTS)
    )
    with engine.connect() as conn:
        ids = list(conn.execute(newest).scalars())
        total = int(conn.execute(select(func.count()).select_from(alerts).where(condition)).scalar_one())
        # Every open alert marks its days on the chart, not only the ones listed.
        spans = conn.execute(select(alerts.c.started_on, alerts.c.last_on).where(condition)).all()
    views = tuple(get_alert(engine, alert_id, timezone=period.timezone, k=k) for alert_id in ids)
    days = sorted({d.isoformat() for start, last in spans for d in period.days() if start <= d <= last})
    return views, total, tuple(days)


def _cases(engine: Engine, place: PlaceFilter | None, today: date) -> tuple[tuple[CaseDue, ...], int, int]:
    condition: ColumnElement[bool] = cases.c.status.in_(OPEN_CASE_STATUSES)
    if place is not None:
        condition = and_(condition, _place_condition(cases, place))
    due = (
        select(cases.c.id).where(condition)
        .order_by(cases.c.due_on.is_(None), cases.c.due_on, cases.c.id).limit(CASES_DUE)
    )
    counts = select(func.count(), func.coalesce(func.sum(case((cases.c.due_on < today, 1), else_=0)), 0)).where(condition)
    with engine.connect() as conn:
        ids = list(conn.execute(due).scalars())
        open_count, overdue = conn.execute(counts).one()
    out = []
    for case_id in ids:
        view = get_case(engine, case_id)
        view.documents, view.events = [], []
        days_left = None if view.due_on is None else (view.due_on - today).days
        out.append(CaseDue(view, days_left is not None and days_left < 0, days_left))
    return tuple(out), int(open_count), int(overdue)


METHOD = {
    "volume": "documents of every kind published on each local day; expected = the alerts' baseline",
    "sentiment": "documents with a sentiment label, per label; share = label / all labelled",
    "concerns": (
        f"complaint documents (complaint probability >= {COMPLAINT_AT}) per concern; "
        "share = concern / all complaint documents (\"other\" counted there, not ranked)"
    ),
    "places": "complaint documents naming the unit (units in force since 1 July 2025); a document naming two units counts in each",
    "topics": "documents of the topic's stories in the period, against the period of equal length before",
    "suppression": "a figure resting on posts or comments from fewer than k distinct authors shows as \"< k\"",
}


def sections(engine: Engine, settings: Mapping[str, Any], period: Period, place: PlaceFilter | None) -> Sections:
    """Every section of the overview for one period and place."""
    k = int(settings["k_anonymity"])
    volume = trend(engine, _place_filter(place), period, k=k, options=baseline_options(settings))
    with engine.connect() as conn:
        volume_hidden = volume.total is not None and volume.total.at_least
        sentiment, sentiment_total, concerns, complaints = _mood_and_concerns(conn, period, place, k, volume_hidden)
        # Nationally every province (the map needs them all; the table shows the first ten).
        places_level, places = _complaint_places(conn, period, place, k, None if place is None else TOP_PLACES)
        top_topics = _topics(conn, engine, period, place, k)
    open_alerts, n_alerts, alert_days = _alerts(engine, period, place, k)
    due, n_cases, overdue = _cases(engine, place, today_in(period.timezone))
    method = dict(METHOD)
    if place is not None:
        method["topics"] = (
            "topics ranked by their documents naming the place in the period, growth against the "
            "period of equal length before, both counted in the place"
        )
    return Sections(
        volume, sentiment, sentiment_total, concerns, complaints, places_level, places, top_topics,
        place is not None, open_alerts, n_alerts, alert_days, due, n_cases, overdue, method,
    )


def complaint_places(
    engine: Engine, settings: Mapping[str, Any], period: Period, place: PlaceFilter | None = None,
    limit: int | None = None,
) -> tuple[PlaceCount, ...]:
    """Every province (or, inside a place, every ward) by complaint documents, largest
    first: the values of the province map."""
    with engine.connect() as conn:
        return _complaint_places(conn, period, place, int(settings["k_anonymity"]), limit)[1]


def overview(engine: Engine, settings: Mapping[str, Any], period: Period, place: PlaceFilter | None = None) -> Overview:
    """The dashboard's first page: volume, mood, concerns, places, topics, alerts, cases."""
    return Overview(period, place, int(settings["k_anonymity"]), sections(engine, settings, period, place))


# ---------------------------------------------------------------------------- topic page


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return shorten(text, SNIPPET_CHARS)


def _stories(conn: Connection, topic_id: int, period: Period) -> tuple[StoryItem, ...]:
    """The topic's stories alive in the period nearest its centre (comments last): its
    recent stories first, whose similarity the last update set to their cosine with the
    centroid then (`topic_labels.relabel`), then older ones by the similarity they joined
    with (1.0 for every opener of a topic since absorbed)."""
    low, high = period.utc_bounds()
    recent = case((story_topics.c.story_id.in_(recent_pool(topic_id)), 0), else_=1)
    query = (
        select(
            stories.c.id, documents.c.kind, documents.c.title, func.substr(documents.c.text, 1, SNIPPET_CHARS + 40).label("text"),
            sources.c.name.label("source"), documents.c.published_at, documents.c.url, stories.c.size, story_topics.c.similarity,
        )
        .select_from(
            story_topics.join(stories, stories.c.id == story_topics.c.story_id)
            .join(documents, documents.c.content_hash == stories.c.founder_hash)
            .outerjoin(sources, sources.c.id == documents.c.source_id)
        )
        .where(story_topics.c.topic_id == topic_id, stories.c.first_published_at < high, stories.c.last_published_at >= low)
        .order_by(documents.c.kind == "comment", recent, story_topics.c.similarity.desc(), stories.c.size.desc(), stories.c.id)
        .limit(STORIES)
    )
    return tuple(
        StoryItem(int(r.id), r.kind, r.title, _snippet(r.text), r.source, r.published_at, public_url(r.kind, r.url), int(r.size),
                  round(float(r.similarity), 4))
        for r in conn.execute(query)
    )


def topic_page(engine: Engine, settings: Mapping[str, Any], topic_id: int, period: Period) -> TopicPage:
    """One topic over a period: its figures and history, its daily volume, its stories."""
    k = int(settings["k_anonymity"])
    detail = topic_detail(engine, topic_id, period.start, period.end, period.timezone, k_anonymity=k)
    volume = trend(engine, SeriesFilter(topic_id=topic_id), period, k=k, options=baseline_options(settings))
    with engine.connect() as conn:
        items = _stories(conn, topic_id, period)
    return TopicPage(period, k, detail, volume, items)


# ---------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Behind:
    """The documents behind a figure: none listed when the figure itself is suppressed."""

    figure: Figure
    document_ids: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.figure.as_json(), "document_ids": list(self.document_ids)}


def _slice_query(columns: Sequence[Any], piece: FigureSlice, period: Period) -> Select[Any]:
    query = _in_period(select(*columns).select_from(documents), period)
    if piece.complaint or piece.concern is not None or piece.sentiment is not None:
        # Labels are asked for: only enriched documents can have them.
        query = query.join(enrichments, enrichments.c.document_id == documents.c.id)
    if piece.complaint:
        query = query.where(enrichments.c.complaint_p >= COMPLAINT_AT)
    if piece.concern is not None:
        query = query.where(enrichments.c.concern == piece.concern)
    if piece.sentiment is not None:
        query = query.where(enrichments.c.sentiment == piece.sentiment)
    place = None
    if piece.place_level is not None:
        place = PlaceFilter(piece.place_level, piece.place_codes, ",".join(piece.place_codes))
    return filtered(query, SeriesFilter(place=place, topic_id=piece.topic_id))


def documents_behind(
    engine: Engine, settings: Mapping[str, Any], period: Period, piece: FigureSlice, limit: int = 20
) -> Behind:
    """The figure a slice gives over a period and its most recent documents (ids, for
    `analysis.evidence`), unless the figure is suppressed."""
    if not 1 <= limit <= 500:
        raise UsageError(f"the number of documents must be between 1 and 500, not {limit}")
    if piece.place_level is not None and piece.place_level not in ("province", "ward"):
        raise UsageError(f"unknown place level {piece.place_level!r}; choose one of: province, ward")
    k = int(settings["k_anonymity"])
    with engine.connect() as conn:
        day = local_day(documents.c.published_at, conn.dialect.name, period).label("day")
        rows = _slice_query([day, documents.c.kind.label("kind"), documents.c.author_hash.label("author")], piece, period)
        counter = _Counter(conn, rows.subquery(), ("day",), k)
        figure = counter.by(()).get((), _Tally()).figure(k)
        # The same slice by day is one chart away (the page's trends): the chart hides one
        # more day beside any hidden one (`trends.trend`), so this exact count minus the
        # days it shows gives only a sum resting on k or more authors. The same rule here
        # makes the count a lower bound when the chart could hide no day more.
        days = list(counter.by(("day",)).values())
        _, figure = hide_complement([d.figure(k) for d in days], [d.social for d in days], figure)
        if figure.suppressed or not (figure.value or figure.at_least):
            return Behind(figure, ())  # a lower bound still rests on k authors: list them
        query = _slice_query([documents.c.id], piece, period).order_by(documents.c.published_at.desc(), documents.c.id.desc())
        ids = tuple(int(i) for i in conn.execute(query.limit(limit)).scalars())
    return Behind(figure, ids)


# ---------------------------------------------------------------------------- cache

T = TypeVar("T")

