"""A trend on a topic that merged says where it went; an unknown topic says so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert

from duluan.analysis.series import check_topic
from duluan.analysis.topic_report import TopicMerged, TopicNotFound
from duluan.store.schema import topics


def test_merged_and_unknown_topics(engine: Engine) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    row = {"keywords": [], "n_stories": 0, "n_documents": 0, "born_at": now, "last_seen_at": now, "updated_at": now}
    with engine.begin() as conn:
        conn.execute(insert(topics).values(id=1, label="giá xăng", status="active", **row))
        conn.execute(insert(topics).values(id=2, label="xăng tăng", status="merged", merged_into=1, **row))
    check_topic(engine, 1)
    with pytest.raises(TopicMerged, match="merged into topic 1") as merged:
        check_topic(engine, 2)
    assert merged.value.merged_into == 1
    with pytest.raises(TopicNotFound, match="no topic 9"):
        check_topic(engine, 9)


def test_share_of_voice_counts_stories_per_topic(engine: Engine) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from analysis_data import START, add_posts
    from duluan.analysis.periods import Period
    from duluan.analysis.trends import share_of_voice
    from duluan.store.schema import documents, story_topics

    now = datetime(2026, 10, 1, tzinfo=UTC)
    row = {"keywords": [], "status": "active", "n_stories": 0, "n_documents": 0, "born_at": now,
           "last_seen_at": now, "updated_at": now}
    petrol = add_posts(engine, START, 3, concern="prices", ward=None, province=None)
    floods = add_posts(engine, START, 1, concern="flooding", ward=None, province=None)
    with engine.begin() as conn:
        conn.execute(insert(topics).values(id=1, label="giá xăng", **row))
        conn.execute(insert(topics).values(id=2, label="ngập nước", **row))
        for topic_id, ids in ((1, petrol), (2, floods)):
            for story_id in conn.execute(select(documents.c.story_id).where(documents.c.id.in_(ids))).scalars():
                conn.execute(insert(story_topics).values(story_id=story_id, topic_id=topic_id, similarity=1.0, assigned_at=now))
    shares = share_of_voice(engine, Period(START, START + timedelta(days=1), "Asia/Ho_Chi_Minh"))
    assert [(s.topic_id, s.stories, s.share) for s in shares] == [(1, 3, 0.75), (2, 1, 0.25)]
