"""Fast counts for trends: group by UTC hour in the database, fold into local buckets here.

Computing a local date for every row (`date(published_at, '+7 hours')`) costs SQLite
more than the counting itself; cutting the stored UTC text at the hour is cheap, and
every UTC hour falls in exactly one local hour and day for zones whose offset is whole
hours (all of Vietnam; any other zone uses the exact path in series.py). Converting the
hours in Python is exact even across daylight-saving changes.

Distinct authors do not add up across hours, and COUNT(DISTINCT) is the costly part, so
k-anonymity uses bounds (see `bucket_counts`); only a bucket whose bounds straddle k is
counted exactly, with one more query.

The whole stream, or one kind of document, is not counted from `documents` at all: the
`hourly_counts` rollup holds exactly these figures per hour (duluan.store.rollup).
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, case, func, select

from ..store.schema import documents, hourly_counts
from .periods import Period
from .series import SOCIAL_KINDS, SeriesFilter, bucket_names, count_series, filtered, published_in

WEEKDAY_CACHE_SECONDS = 300.0
_totals_cache: dict[tuple[str, str, str, str], tuple[float, list[int]]] = {}


def whole_hour_zone(period: Period) -> bool:
    """True when the zone's offset is whole hours over the period (then hours fold exactly)."""
    zone = period.zone
    for day in (period.start, period.end):
        offset = datetime(day.year, day.month, day.day, 12, tzinfo=zone).utcoffset()
        if offset is None or offset.total_seconds() % 3600:
            return False
    return True


def _hour_key(dialect: str) -> Any:
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", documents.c.published_at), "YYYY-MM-DD HH24")
    return func.substr(documents.c.published_at, 1, 13)


@lru_cache(maxsize=1 << 16)
def _local(hour_key: str, timezone: str) -> tuple[str, str]:
    """(local day, local hour) of a UTC hour key 'YYYY-MM-DD HH'."""
    utc = datetime.strptime(hour_key, "%Y-%m-%d %H").replace(tzinfo=UTC)
    local = utc.astimezone(ZoneInfo(timezone))
    return local.strftime("%Y-%m-%d"), local.strftime("%Y-%m-%d %H")


@dataclass
class Buckets:
    names: list[str]
    documents: list[int] = field(default_factory=list)
    social: list[int] = field(default_factory=list)
    authors: list[int] = field(default_factory=list)  # exact where it decides suppression


def hourly_rows(engine: Engine, flt: SeriesFilter, period: Period, with_authors: bool) -> list[Any]:
    """Counts per UTC hour; with authors, also the smallest and largest author pseudonym of
    the hour: aggregates SQLite computes while it streams the time index, where COUNT
    (DISTINCT) or a finer grouping would sort every row."""
    low, high = period.utc_bounds()
    if _rollup_answers(flt, low, high):
        return _rollup_rows(engine, flt, low, high)
    hour = _hour_key(engine.dialect.name).label("hour")
    columns: list[Any] = [hour, func.count().label("documents")]
    if with_authors:
        social = case((documents.c.kind.in_(SOCIAL_KINDS), 1), else_=0)
        columns += [
            func.sum(social).label("social"),
            func.min(documents.c.author_hash).label("first_author"),
            func.max(documents.c.author_hash).label("last_author"),
        ]
    query = select(*columns).where(published_in(engine, low, high, flt))
    with engine.connect() as conn:
        return list(conn.execute(filtered(query, flt).group_by(hour)))


def _rollup_answers(flt: SeriesFilter, low: datetime, high: datetime) -> bool:
    """The rollup knows the kind of each document and nothing else, hour by hour."""
    whole_hours = all(t.minute == t.second == t.microsecond == 0 for t in (low, high))
    return flt.stream_level and whole_hours


def _rollup_rows(engine: Engine, flt: SeriesFilter, low: datetime, high: datetime) -> list[Any]:
    """What `hourly_rows` gives, from `hourly_counts` (several rows per hour and kind on
    PostgreSQL: they are summed)."""
    rollup = hourly_counts.c
    social = case((rollup.kind.in_(SOCIAL_KINDS), rollup.documents), else_=0)
    query = (
        select(
            rollup.hour,
            func.sum(rollup.documents).label("documents"),
            func.sum(social).label("social"),
            func.min(rollup.first_author).label("first_author"),
            func.max(rollup.last_author).label("last_author"),
        )
        .where(rollup.hour >= low.strftime("%Y-%m-%d %H"), rollup.hour < high.strftime("%Y-%m-%d %H"))
        .group_by(rollup.hour)
    )
    if flt.kind:
        query = query.where(rollup.kind == flt.kind)
    if flt.social_only:
        query = query.where(rollup.kind.in_(SOCIAL_KINDS))
    with engine.connect() as conn:
        return list(conn.execute(query))


def bucket_counts(
    engine: Engine, flt: SeriesFilter, period: Period, granularity: str, k: int, rows: list[Any] | None = None
) -> Buckets:
    """Documents, social documents and (where it decides suppression) distinct authors per
    local bucket.

    The distinct values among the hours' smallest and largest author pseudonyms are real,
    different authors: a lower bound of the bucket's distinct authors (up to 48 a day);
    the social documents are an upper bound. A bucket is counted exactly only when k falls
    between the two (rare on the broad slices this path serves).

    `rows`: `hourly_rows` with authors already read for a longer period (hours outside
    this one are skipped), so that a trend and its baseline read the documents once.
    """
    names = bucket_names(period, granularity)
    index = {name: i for i, name in enumerate(names)}
    out = Buckets(names, [0] * len(names), [0] * len(names), [0] * len(names))
    seen: list[set[str]] = [set() for _ in names]
    for row in hourly_rows(engine, flt, period, with_authors=True) if rows is None else rows:
        day, hour = _local(row.hour, period.timezone)
        i = index.get(day if granularity == "day" else hour)
        if i is None:
            continue
        out.documents[i] += int(row.documents)
        out.social[i] += int(row.social or 0)
        seen[i].update(a for a in (row.first_author, row.last_author) if a is not None)
    for i in range(len(names)):
        out.authors[i] = len(seen[i])
    unsure = [i for i in range(len(names)) if out.authors[i] < k <= out.social[i]]
    if unsure:
        # One exact query settles every bucket whose bounds straddle k.
        exact = count_series(engine, flt, period, granularity)
        for i in unsure:
            out.authors[i] = exact.authors[i]
    return out


def daily_documents(engine: Engine, flt: SeriesFilter, period: Period, rows: list[Any] | None = None) -> list[int]:
    """Documents per local day, without the author counts (for baselines); `rows` as in
    `bucket_counts`."""
    names = bucket_names(period, "day")
    index = {name: i for i, name in enumerate(names)}
    counts = [0] * len(names)
    for row in hourly_rows(engine, flt, period, with_authors=False) if rows is None else rows:
        i = index.get(_local(row.hour, period.timezone)[0])
        if i is not None:
            counts[i] += int(row.documents)
    return counts


def stream_totals(engine: Engine, period: Period) -> list[int]:
    """All documents per local day, for the weekday factors; kept five minutes, since the
    stream's weekday pattern does not change from one dashboard click to the next."""
    key = (str(engine.url), period.start.isoformat(), period.end.isoformat(), period.timezone)
    cached = _totals_cache.get(key)
    now = clock.monotonic()
    if cached and now - cached[0] < WEEKDAY_CACHE_SECONDS:
        return cached[1]
    totals = daily_documents(engine, SeriesFilter(), period)
    if len(_totals_cache) >= 64:  # a long-running server asks for many periods
        _totals_cache.clear()
    _totals_cache[key] = (now, totals)
    return totals
