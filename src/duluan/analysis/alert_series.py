"""Reading the series the alerts test out of the database, in a few GROUP BY queries.

Citizen concerns are counted on posts and comments only (what people write, not what the
press reports), by distinct story so that a copy-pasted post counts once, per local day:
for each concern x ward, concern x province (new units) and concern nationally. Topics
are counted on all documents. "other" is not a civic concern and is not tested. A
document that gave no date of its own (`DATE_FROM_FETCH`) is on no day here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Engine, and_, distinct, func, select

from ..enrich.concerns import NOT_A_CONCERN
from ..store.schema import document_places, documents, enrichments, story_topics, topics
from .periods import Period, local_day
from .series import DATED, SOCIAL_KINDS, day_totals
from .surges import SeriesKey, SeriesSet


def _concern_rows(engine: Engine, period: Period, level: str) -> list[tuple[str, str, str | None, int, int]]:
    """(day, concern, place code or None, stories, authors) for one level."""
    day = local_day(documents.c.published_at, engine.dialect.name, period).label("day")
    low, high = period.utc_bounds()
    columns = [
        day,
        enrichments.c.concern,
        func.count(distinct(documents.c.story_id)),
        func.count(distinct(documents.c.author_hash)),
    ]
    query = (
        select(*columns)
        .join(enrichments, enrichments.c.document_id == documents.c.id)
        .where(
            and_(
                documents.c.published_at >= low,
                documents.c.published_at < high,
                documents.c.kind.in_(SOCIAL_KINDS),
                DATED,
                enrichments.c.concern.is_not(None),
                enrichments.c.concern != NOT_A_CONCERN,
            )
        )
    )
    group: list[Any] = [day, enrichments.c.concern]
    if level != "national":
        column = document_places.c.ward_code if level == "ward" else document_places.c.province_code
        places = (
            select(document_places.c.document_id, column.label("code"))
            .where(column.is_not(None))
            .distinct()
            .subquery()
        )
        query = query.join(places, places.c.document_id == documents.c.id).add_columns(places.c.code)
        group.append(places.c.code)
    with engine.connect() as conn:
        rows = conn.execute(query.group_by(*group)).all()
    return [(r[0], r[1], r[4] if level != "national" else None, int(r[2]), int(r[3])) for r in rows]


def _topic_rows(engine: Engine, period: Period) -> list[tuple[str, int, int, int]]:
    day = local_day(documents.c.published_at, engine.dialect.name, period).label("day")
    low, high = period.utc_bounds()
    query = (
        select(
            day, story_topics.c.topic_id, func.count(distinct(documents.c.story_id)),
            func.count(distinct(documents.c.author_hash)),
        )
        .join(story_topics, story_topics.c.story_id == documents.c.story_id)
        .join(topics, topics.c.id == story_topics.c.topic_id)
        .where(and_(documents.c.published_at >= low, documents.c.published_at < high, DATED,
                    topics.c.status != "merged"))
        .group_by(day, story_topics.c.topic_id)
    )
    with engine.connect() as conn:
        return [(r[0], int(r[1]), int(r[2]), int(r[3])) for r in conn.execute(query)]


def ward_provinces(engine: Engine, period: Period) -> dict[str, str]:
    """The province of every ward mentioned, as stored beside it."""
    query = (
        select(document_places.c.ward_code, func.min(document_places.c.province_code))
        .where(and_(document_places.c.ward_code.is_not(None), document_places.c.province_code.is_not(None)))
        .group_by(document_places.c.ward_code)
    )
    with engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(query)}


def load_series(engine: Engine, period: Period, with_topics: bool = True) -> SeriesSet:
    """Every series with at least one document in the period, as arrays over its days."""
    days: list[date] = period.days()
    day_index = {d.isoformat(): i for i, d in enumerate(days)}
    cells: dict[SeriesKey, dict[int, tuple[int, int]]] = defaultdict(dict)
    for level, kind in (("ward", "concern_place"), ("province", "concern_place"), ("national", "concern_national")):
        for day, concern, code, stories, authors in _concern_rows(engine, period, level):
            if day in day_index:
                cells[SeriesKey(kind, level, concern, code)][day_index[day]] = (stories, authors)
    if with_topics:
        for day, topic_id, stories, authors in _topic_rows(engine, period):
            if day in day_index:
                cells[SeriesKey("topic", "topic", topic_id=topic_id)][day_index[day]] = (stories, authors)
    order = {"ward": 0, "province": 1, "national": 2, "topic": 3}
    keys = sorted(cells, key=lambda k: (order[k.level], k.concern or "", k.code or "", k.topic_id or 0))
    counts = np.zeros((len(keys), len(days)), dtype=np.int64)
    authors_matrix = np.zeros_like(counts)
    for i, key in enumerate(keys):
        for t, (stories, authors) in cells[key].items():
            counts[i, t] = stories
            authors_matrix[i, t] = authors
    position = {key: i for i, key in enumerate(keys)}
    provinces = ward_provinces(engine, period)
    parent = np.full(len(keys), -1, dtype=np.int64)
    for i, key in enumerate(keys):
        if key.level == "ward":
            up = SeriesKey("concern_place", "province", key.concern, provinces.get(key.code or ""))
            parent[i] = position.get(up, position.get(SeriesKey("concern_national", "national", key.concern), -1))
        elif key.level == "province":
            parent[i] = position.get(SeriesKey("concern_national", "national", key.concern), -1)
    totals = np.array(day_totals(engine, period, dated_only=True), dtype=float)
    return SeriesSet(days, keys, counts, authors_matrix, parent, totals)
