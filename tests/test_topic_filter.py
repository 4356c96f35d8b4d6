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
