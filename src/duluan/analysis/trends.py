"""Trends: counts per day or hour for a filter, the baseline expected for each day, and
each topic's share of voice.

The baseline is the one the alerts use (analysis/baseline.py): a trailing window with a
guard band, scaled by the stream's weekday pattern. It is given for daily series; an
hourly series shows counts only (one ward's posts per hour are too few to model).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Engine, and_, distinct, func, select

from ..errors import UsageError
from ..store.schema import documents, story_topics, topics
from .baseline import BaselineOptions, expect, weekday_factors
from .hourly import (
    Buckets,
    bucket_counts,
    daily_documents,
    hourly_rows,
    stream_totals,
    whole_hour_zone,
)
from .periods import Period
from .privacy import Figure, guarded, hide_complement
from .series import (
    SeriesFilter,
    authors_on_days,
    check_topic,
    count_series,
    day_totals,
    distinct_authors,
)


@dataclass
class TrendPoint:
    bucket: str
    documents: Figure
    expected: float | None  # baseline documents for the day; None for hours or without history


@dataclass
class Trend:
    filter: str
    period: Period
    granularity: str
    points: list[TrendPoint] = field(default_factory=list)
    total: Figure | None = None
    expected_total: float | None = None
    expected_days: int = 0  # the buckets with a baseline, which expected_total sums over
    # Like with like: the whole days that have a baseline (the day under way left out),
    # their documents beside their expected sum. None when a day of the series is hidden
    # (a partial sum beside the total could give it back) or nothing compares.
    compared_days: int = 0
    compared_observed: int | None = None
    compared_expected: float | None = None
    # The bucket under way (today, or this hour), when the period reaches it: its count is
    # so far, and it is the last point (the hours after it are still to come).
    under_way: str | None = None
    method: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "filter": self.filter, "from": self.period.start.isoformat(), "to": self.period.end.isoformat(),
            "granularity": self.granularity, "total": self.total.as_json() if self.total else None,
            "expected_total": self.expected_total, "expected_days": self.expected_days,
            "compared_days": self.compared_days, "compared_observed": self.compared_observed,
            "compared_expected": self.compared_expected, "under_way": self.under_way, "method": self.method,
            "points": [{"bucket": p.bucket, "documents": p.documents.as_json(), "expected": p.expected}
                       for p in self.points],
        }


def trend(
    engine: Engine,
    flt: SeriesFilter,
    period: Period,
    *,
    granularity: str = "day",
    k: int = 5,
    options: BaselineOptions | None = None,
) -> Trend:
    """The series for `flt` over `period`, each figure guarded by k-anonymity."""
    options = options or BaselineOptions()
    if flt.topic_id is not None:
        check_topic(engine, flt.topic_id)
    result = Trend(flt.describe(), period, granularity)
    now = datetime.now(period.zone)
    current = f"{now:%Y-%m-%d}" if granularity == "day" else f"{now:%Y-%m-%d %H}"
    result.under_way = current if period.start <= now.date() <= period.end else None
    before = Period(period.start - timedelta(days=options.window), period.start - timedelta(days=1), period.timezone)
    history = period.extended_back(options.window)
    if granularity == "day":
        counts, earlier = _days_and_window_before(engine, flt, period, before, history, k)
    else:
        counts = _counts(engine, flt, period, granularity, k)
    expected: list[float | None] = [None] * len(counts.names)
    if granularity == "day":
        totals = stream_totals(engine, history) if whole_hour_zone(period) else day_totals(engine, history)
        expected = _daily_baseline(earlier + counts.documents, totals, history, period.n_days, options)
        result.method = (
            f"trailing {options.window}-day baseline, {options.guard}-day guard, weekday factors "
            "from the whole stream (see docs/alerts.md)"
        )
    figures = [guarded(counts.documents[i], counts.social[i], counts.authors[i], k) for i in range(len(counts.names))]
    social_total = sum(counts.social)
    # The busiest bucket's authors are a lower bound for the period's; count exactly only
    # when that bound does not already clear k.
    authors_total = max(counts.authors, default=0)
    if social_total and authors_total < k:
        authors_total = distinct_authors(engine, flt, period)
    total = guarded(sum(counts.documents), social_total, authors_total, k)
    # A hidden day must not follow from the total minus the days shown, on this page or
    # on any other showing the same slice's total (a topic's documents, a sentiment's
    # count): one more day is hidden, the smallest shown with posts, so the difference
    # rests on its k or more authors; the total stays exact. Hidden days that together
    # already rest on k or more authors need nothing more (a week of quiet days keeps the
    # surge day shown); one hidden day alone never does, so it costs no query.
    hidden = [name for name, figure in zip(counts.names, figures, strict=True) if figure.suppressed]
    # Every hidden day holds a post at least: hidden days whose documents add up to their
    # number would each be exactly 1, whatever their authors together, so they are not exempt.
    hidden_documents = sum(n for n, figure in zip(counts.documents, figures, strict=True) if figure.suppressed)
    together = (
        granularity == "day" and len(hidden) >= 2 and hidden_documents > len(hidden)
        and authors_on_days(engine, flt, period, hidden) >= k
    )
    result.total = total
    if not together:
        figures, result.total = hide_complement(figures, counts.social, total)
    for bucket, figure, expect_of in zip(counts.names, figures, expected, strict=True):
        if result.under_way is not None and bucket > result.under_way:
            break  # an hour still to come is no observation: its 0 would read as a fall
        result.points.append(TrendPoint(bucket, figure, expect_of))
    known = [e for e in expected if e is not None]
    result.expected_total = round(sum(known), 1) if known else None
    result.expected_days = len(known)
    if granularity == "day" and not any(p.documents.suppressed for p in result.points):
        # Days of a period never lie after today: every day but the one under way is whole.
        whole = [p for p in result.points if p.expected is not None and p.bucket != result.under_way]
        if whole:
            result.compared_days = len(whole)
            result.compared_observed = sum(int(p.documents.value or 0) for p in whole)
            result.compared_expected = round(sum(float(p.expected or 0) for p in whole), 1)
    return result


def _hourly_path(flt: SeriesFilter, period: Period) -> bool:
    """The hourly path pays off on broad slices (many rows, authors well above k); a
    concern, place or topic leaves few rows, where one exact query by local day is
    cheaper than an hourly one plus the exact check of the buckets near k."""
    narrow = flt.concern is not None or flt.place is not None or flt.topic_id is not None
    return whole_hour_zone(period) and not narrow


def _counts(engine: Engine, flt: SeriesFilter, period: Period, granularity: str, k: int) -> Buckets:
    if granularity not in ("day", "hour"):
        raise UsageError(f"granularity must be 'day' or 'hour', not {granularity!r}")
    if _hourly_path(flt, period):
        return bucket_counts(engine, flt, period, granularity, k)
    exact = count_series(engine, flt, period, granularity)
    return Buckets(exact.buckets, exact.documents, exact.social, exact.authors)


def _days_and_window_before(
    engine: Engine, flt: SeriesFilter, period: Period, before: Period, history: Period, k: int
) -> tuple[Buckets, list[int]]:
    """The period's daily counts and the documents per day of the baseline's window
    before it, in one read of the whole history: a label filter walks its label's index
    whatever the time range, so two reads cost about twice one (category x sentiment over
    1M documents: 1.34 -> 0.73 s)."""
    if _hourly_path(flt, period):
        rows = hourly_rows(engine, flt, history, with_authors=True)
        return bucket_counts(engine, flt, period, "day", k, rows), daily_documents(engine, flt, before, rows)
    exact = count_series(engine, flt, history)
    n = before.n_days
    days = Buckets(exact.buckets[n:], exact.documents[n:], exact.social[n:], exact.authors[n:])
    return days, exact.documents[:n]


def _daily_baseline(
    documents_per_day: list[int], stream: list[int], history: Period, n_days: int, options: BaselineOptions
) -> list[float | None]:
    """The expected documents for each of the last n_days days of `history`."""
    counts = np.array([documents_per_day], dtype=float)
    totals = np.array(stream, dtype=float)
    factors = weekday_factors(history.days(), totals)
    offset = len(documents_per_day) - n_days
    # Days before the first document are not history: nothing was being collected.
    first = int(np.argmax(totals > 0)) if totals.any() else len(totals)
    out: list[float | None] = []
    for i in range(n_days):
        t = offset + i
        window_start = max(first, t - options.window)
        if t - options.guard - window_start < options.min_history:
            out.append(None)
            continue
        if not counts[0, window_start : t - options.guard].any():
            # Nothing in the window: expect nothing. (The tests' floor, a small count so
            # that a first post is not infinitely surprising, read as 0.5 a day here.)
            out.append(0.0)
            continue
        shifted = counts[:, window_start:]
        exp = expect(shifted, factors[window_start:], t - window_start, None, options)
        out.append(round(float(exp.expected[0]), 2))
    return out


@dataclass
class Share:
    topic_id: int
    label: str
    stories: int
    share: float  # of all stories in the period that have a topic


def share_of_voice(engine: Engine, period: Period, limit: int = 10) -> list[Share]:
    """Each topic's stories in the period over all stories with a topic, largest first."""
    low, high = period.utc_bounds()
    in_period = and_(documents.c.published_at >= low, documents.c.published_at < high)
    per_topic = (
        select(story_topics.c.topic_id, func.count(distinct(documents.c.story_id)).label("n"))
        .join(story_topics, story_topics.c.story_id == documents.c.story_id)
        .where(in_period)
        .group_by(story_topics.c.topic_id)
        .subquery()
    )
    query = (
        select(per_topic.c.topic_id, per_topic.c.n, topics.c.label)
        .join(topics, topics.c.id == per_topic.c.topic_id)
        .order_by(per_topic.c.n.desc(), per_topic.c.topic_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    total = sum(int(r.n) for r in rows) or 1
    return [Share(int(r.topic_id), r.label, int(r.n), round(int(r.n) / total, 4)) for r in rows[:limit]]
