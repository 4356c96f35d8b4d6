"""A post's concern as one more term of its topic vector (setting topic_concern_weight)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, select

from duluan.analysis import topic_store
from duluan.analysis.topic_vectors import TopicVectorizer, concern_column, with_concerns
from duluan.analysis.topics import TopicOptions, update_topics
from duluan.errors import UsageError
from duluan.ingest import IngestOptions, ingest
from duluan.prepare import PrepareOptions
from duluan.records import RawItem
from duluan.sources.base import FakeSource
from duluan.store.schema import documents, stories, story_topics

NOW = datetime.now(UTC).replace(microsecond=0)
START = (NOW - timedelta(days=20)).replace(hour=3, minute=0, second=0)
SECRET = b"c" * 32

TEXTS = [
    "Đường Kha Vạn Cân ngập nước sau cơn mưa lớn, cống thoát nước bị nghẹt",
    "Xe rác không tới thu gom cả tuần, rác bốc mùi hôi thối khắp hẻm",
    "Đội tuyển thắng trận chung kết, cổ động viên ăn mừng",
    "",
]


def _cosines(rows: object) -> np.ndarray:
    dense = rows.toarray()  # type: ignore[attr-defined]
    return dense @ dense.T  # type: ignore[no-any-return]


def test_the_concern_term_keeps_rows_unit_and_adds_weight_squared_to_shared_concerns() -> None:
    rows = TopicVectorizer().transform(TEXTS)
    weight = 0.2
    out = with_concerns(rows, ["flooding", "flooding", None, "waste"], weight)
    norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    assert norms[:3] == pytest.approx([1.0, 1.0, 1.0])
    assert norms[3] == 0.0  # a row without terms stays empty: it has nothing to compare
    before, after = _cosines(rows), _cosines(out)
    # Same concern: (1 - w²)·cos + w²; one with a concern, one without: sqrt(1 - w²)·cos.
    assert after[0, 1] == pytest.approx((1 - weight**2) * before[0, 1] + weight**2)
    assert after[0, 2] == pytest.approx(np.sqrt(1 - weight**2) * before[0, 2])
    assert (out[2] != rows[2]).nnz == 0  # no concern: the row is as it was
    assert out[0, concern_column("flooding")] == pytest.approx(weight)
    assert with_concerns(rows, ["flooding"] * 4, 0.0) is rows


def _item(kind: str, text: str, n: int, day: int) -> RawItem:
    published = (START + timedelta(days=day, hours=9, minutes=n)).isoformat()
    return RawItem(kind=kind, text=text, origin=f"{kind}:{n}", author=f"user_{n}" if kind != "news" else None,
                   published=published, external_id=f"{kind}-{n}", platform="facebook" if kind != "news" else None,
                   title="Ngập nước ở Thủ Đức" if kind == "news" else None)


def test_posts_carry_their_concern_and_news_do_not(engine: Engine) -> None:
    items = [
        _item("post", TEXTS[0] + ", bà con phải lội nước về nhà.", 1, 0),
        _item("news", TEXTS[0] + ". Chính quyền phường cho biết sẽ nạo vét cống trong tuần tới.", 2, 0),
        _item("post", TEXTS[2] + " trên khắp các ngả đường.", 3, 0),
    ]
    ingest(engine, FakeSource(items), IngestOptions(prepare=PrepareOptions(secret=SECRET, now=NOW)), label="test")
    with engine.connect() as conn:
        story_of = dict(conn.execute(select(documents.c.external_id, documents.c.story_id)).all())
        inputs = topic_store.story_inputs(conn, list(conn.execute(select(stories.c.id)).scalars()))
    assert inputs[story_of["post-1"]].concern == "flooding"
    assert inputs[story_of["news-2"]].concern is None  # news: words enough of their own
    assert inputs[story_of["post-3"]].concern is None  # football: "other", no term


FRAMES = ("Bà con phường Bình Thọ ơi, hẻm nhà mình mấy bữa nay", "Hẻm 12 phường Bình Thọ mấy bữa nay",
          "Phường Bình Thọ ơi, bà con trong hẻm bức xúc vì mấy bữa nay")
CONCERN_TEXTS = {
    "waste": ["xe rác không tới thu gom", "rác chất đống bốc mùi", "rác thải vứt bừa bãi", "ruồi nhặng bu đầy",
              "điểm tập kết rác tràn ra đường", "hôi thối không chịu nổi"],
    "scams": ["có người gọi giả danh công an", "bắt chuyển khoản gấp", "nhận tin nhắn giả mạo ngân hàng",
              "đòi mã OTP", "kẻ lừa đảo dụ cài ứng dụng lạ", "chiếm tài khoản của người già"],
}


def _framed(concern: str, n: int, day: int) -> RawItem:
    rng = random.Random(f"{concern}-{n}")
    text = f"{rng.choice(FRAMES)} {', '.join(rng.sample(CONCERN_TEXTS[concern], 3))}."
    return _item("post", text, n, day)


def _topics_by_concern(engine: Engine, weight: float) -> dict[str, set[int]]:
    update_topics(engine, TopicOptions(concern_weight=weight))
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.origin, documents.c.text, story_topics.c.topic_id)
                            .join(story_topics, story_topics.c.story_id == documents.c.story_id)).all()
    out: dict[str, set[int]] = {}
    for _, text, topic_id in rows:
        concern = next(c for c, texts in CONCERN_TEXTS.items() if any(t in text for t in texts))
        out.setdefault(concern, set()).add(topic_id)
    return out


def test_posts_on_different_concerns_in_one_ward_frame_stay_apart(tmp_path_factory: pytest.TempPathFactory) -> None:
    from duluan.store.db import make_engine, migrate, sqlite_url

    items = [_framed(c, day * 10 + i, day) for day in range(4) for c in CONCERN_TEXTS for i in range(4)]
    found = {}
    for weight in (0.0, 0.2):
        engine = make_engine(sqlite_url(tmp_path_factory.mktemp("w") / "duluan.db"))
        migrate(engine)
        ingest(engine, FakeSource(items), IngestOptions(prepare=PrepareOptions(secret=SECRET, now=NOW)), label="test")
        found[weight] = _topics_by_concern(engine, weight)
    # Without the term the shared frame outweighs the few words of each concern.
    assert found[0.0]["waste"] & found[0.0]["scams"]
    assert not found[0.2]["waste"] & found[0.2]["scams"]


def test_the_weight_must_be_below_one(sqlite_engine: Engine) -> None:
    with pytest.raises(UsageError, match="topic_concern_weight"):
        update_topics(sqlite_engine, TopicOptions(concern_weight=1.0))
