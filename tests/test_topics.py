"""Topics over time: identities that last, incremental assignment, merges, fades, privacy."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from duluan.analysis.topic_model import ClusterOptions, TopicClusterer
from duluan.analysis.topic_vectors import TopicVectorizer, story_terms
from duluan.analysis.topics import (
    TopicMerged,
    TopicNotFound,
    TopicOptions,
    topic_detail,
    topic_summaries,
    update_topics,
)
from duluan.cli import main
from duluan.errors import UsageError
from duluan.ingest import IngestOptions, ingest
from duluan.prepare import PrepareOptions
from duluan.records import RawItem
from duluan.sources.base import FakeSource
from duluan.store.db import make_engine, migrate, sqlite_url
from duluan.store.schema import documents, stories, story_topics, topic_events, topics

# Real time, not a fixed date: the summaries refuse ranges in the future, so the data must
# lie in the past of whatever day the tests run.
NOW = datetime.now(UTC).replace(microsecond=0)
START = (NOW - timedelta(days=40)).replace(hour=3, minute=0, second=0)
SECRET = b"t" * 32

THEMES = {
    "flood": (
        "Đường Kha Vạn Cân ở phường Thủ Đức ngập nước sau cơn mưa lớn chiều qua",
        "nước ngập tới đầu gối, nhiều xe máy chết máy giữa đường",
        "cống thoát nước bị rác làm nghẹt nên nước rút rất chậm",
        "triều cường dâng cao khiến hẻm nhỏ ngập sâu cả buổi tối",
        "bà con phải kê đồ đạc lên cao vì nước tràn vào nhà",
        "mong phường sớm nạo vét cống và lắp máy bơm chống ngập",
        "mưa lớn kéo dài làm ngập úng nhiều tuyến đường Thủ Đức",
        "học sinh lội nước ngập đi học, phụ huynh rất lo lắng",
    ),
    "scam": (
        "Tôi vừa nhận cuộc gọi giả danh công an yêu cầu chuyển khoản gấp",
        "kẻ lừa đảo biết cả số căn cước và tên ngân hàng của tôi",
        "họ dọa khóa tài khoản nếu không cài ứng dụng lạ trên điện thoại",
        "mẹ tôi suýt mất hết tiền tiết kiệm vì tin tin nhắn giả mạo ngân hàng",
        "đã trình báo công an phường nhưng chưa lấy lại được tiền",
        "mọi người cảnh giác với đường link giả mạo gửi qua Zalo",
        "chiêu lừa đảo mới là gọi điện báo trúng thưởng rồi đòi phí",
        "ngân hàng khuyên không cung cấp mã OTP cho bất kỳ ai",
    ),
    "football": (
        "Đội tuyển Việt Nam thắng Thái Lan ở trận chung kết tối qua",
        "tiền đạo ghi bàn thắng quyết định ở phút cuối trận đấu",
        "huấn luyện viên khen các cầu thủ trẻ chơi kỷ luật và máu lửa",
        "cổ động viên đổ ra đường ăn mừng chức vô địch",
        "thủ môn cản phá quả phạt đền giúp đội nhà giữ lợi thế",
        "sân vận động Mỹ Đình chật kín khán giả cổ vũ đội tuyển",
        "hàng tiền vệ kiểm soát bóng tốt trong hiệp hai",
        "bình luận viên gọi đây là trận đấu hay nhất năm của bóng đá Việt Nam",
    ),
}


def post(theme: str, n: int, day: int, author: str | None = None, hour: int = 9, parent: str | None = None,
         kind: str = "post") -> RawItem:
    """A post of one theme: three of its sentences, in an order seeded by n, and a number."""
    rng = random.Random(f"{theme}-{n}")
    sentences = rng.sample(THEMES[theme], 3)
    text = ". ".join(sentences) + f". Lần thứ {n} trong tuần rồi."
    published = (START + timedelta(days=day, hours=hour, minutes=n % 50)).isoformat()
    return RawItem(kind=kind, text=text, origin=f"{theme}:{n}", author=author or f"{theme}_user_{n}",
                   published=published, external_id=f"{theme}-{n}", parent_id=parent, platform="facebook")


def comment(n: int, parent: str, day: int) -> RawItem:
    return RawItem(kind="comment", text=f"Đúng vậy, chỗ mình cũng thế, bực lắm luôn bạn ơi {n}.", origin=f"c:{n}",
                   author=f"commenter_{n}", published=(START + timedelta(days=day, hours=11)).isoformat(),
                   external_id=f"c-{n}", parent_id=parent, platform="facebook")


def load(engine: Engine, items: list[RawItem]) -> None:
    options = IngestOptions(prepare=PrepareOptions(secret=SECRET, now=NOW), enrich=False)
    ingest(engine, FakeSource(items), options, label="test")


def themed_days(days: range, per_day: int = 3, themes: tuple[str, ...] = ("flood", "scam", "football")) -> list[RawItem]:
    return [post(theme, day * 10 + i, day) for day in days for theme in themes for i in range(per_day)]


def topic_of_theme(engine: Engine) -> dict[str, set[int]]:
    """theme → the topics holding its posts."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.origin, story_topics.c.topic_id)
            .join(story_topics, story_topics.c.story_id == documents.c.story_id)
        ).all()
    out: dict[str, set[int]] = {}
    for origin, topic_id in rows:
        out.setdefault(origin.split(":")[0], set()).add(topic_id)
    return out


def days(n: int) -> str:
    return (START + timedelta(days=n)).date().isoformat()


def test_terms_fold_marks_and_keep_civic_pairs() -> None:
    marked = story_terms("Rác thải không ai thu gom, đường ngập nước.")
    plain = story_terms("rac thai khong ai thu gom, duong ngap nuoc.")
    assert {"thu gom", "rac thai", "ngap nuoc"} <= set(marked)
    assert {"rac thai", "ngap nuoc"} <= set(plain)
    rows = TopicVectorizer().transform(["Đường ngập nước", "duong ngap nuoc", "!!! 123"])
    assert abs(float((rows[0] @ rows[1].T).toarray()[0, 0]) - 1.0) < 1e-5  # marks do not matter
    assert rows[2].nnz == 0


def test_stories_of_one_theme_share_a_topic(sqlite_engine: Engine) -> None:
    load(sqlite_engine, themed_days(range(3)))
    summary = update_topics(sqlite_engine)
    assert summary.stories == 27 and summary.assigned == 27 and summary.skipped == 0
    assert summary.events.get("born", 0) >= 3
    found = topic_of_theme(sqlite_engine)
    assert all(len(ids) == 1 for ids in found.values()), found
    assert len({next(iter(ids)) for ids in found.values()}) == 3
    listed = topic_summaries(sqlite_engine, days(0), days(2), limit=10)
    assert sorted(s.documents for s in listed) == [9, 9, 9]
    labels = " ".join(s.label for s in listed)
    assert "ngập" in labels or "Thủ Đức" in labels


def test_ids_stay_and_only_new_stories_are_read(engine: Engine) -> None:
    load(engine, themed_days(range(3)))
    update_topics(engine)
    before = {theme: ids.pop() for theme, ids in topic_of_theme(engine).items()}
    with engine.connect() as conn:
        old = dict(conn.execute(select(story_topics.c.story_id, story_topics.c.topic_id)).all())
    load(engine, themed_days(range(3, 6)))
    with engine.connect() as conn:
        waiting = conn.execute(select(func.count()).select_from(stories)).scalar_one() - len(old)
    again = update_topics(engine)
    assert again.stories == waiting > 20  # the new stories only, not a refit
    assert {theme: ids for theme, ids in topic_of_theme(engine).items()} == {t: {i} for t, i in before.items()}
    with engine.connect() as conn:
        now = dict(conn.execute(select(story_topics.c.story_id, story_topics.c.topic_id)).all())
    assert all(now[s] == t for s, t in old.items())
    assert update_topics(engine).stories == 0


def test_rerun_on_the_same_data_gives_the_same_topics(tmp_path: Path) -> None:
    items = themed_days(range(4)) + [comment(1, "flood-12", 1)]

    def run(name: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
        engine = make_engine(sqlite_url(tmp_path / f"{name}.db"))
        migrate(engine)
        load(engine, items)
        update_topics(engine)
        with engine.connect() as conn:
            result = (
                [tuple(r) for r in conn.execute(select(topics.c.id, topics.c.label, topics.c.keywords, topics.c.status,
                                                       topics.c.merged_into, topics.c.n_stories, topics.c.centroid)
                                                .order_by(topics.c.id))],
                [tuple(r) for r in conn.execute(select(story_topics.c.story_id, story_topics.c.topic_id,
                                                       story_topics.c.similarity).order_by(story_topics.c.story_id))],
                [tuple(r) for r in conn.execute(select(topic_events.c.topic_id, topic_events.c.kind,
                                                       topic_events.c.other_topic_id, topic_events.c.at)
                                                .order_by(topic_events.c.id))],
            )
        engine.dispose()
        return result

    first, second = run("a"), run("b")
    assert first == second
    assert len(first[1]) > 30 and len(first[0]) >= 3


def test_a_comment_joins_the_topic_of_its_post(sqlite_engine: Engine) -> None:
    load(sqlite_engine, themed_days(range(2)) + [comment(1, "scam-11", 1), comment(2, "football-1", 1)])
    summary = update_topics(sqlite_engine)
    assert summary.attached == 2
    found = topic_of_theme(sqlite_engine)
    assert found["c"] == found["scam"] | found["football"]


def test_converging_topics_merge_into_the_older(engine: Engine) -> None:
    # Nothing may join a topic (threshold 0.99), so each story starts one; same-theme
    # centroids then converge above 0.2 and merge.
    load(engine, themed_days(range(2), themes=("flood", "scam")))
    summary = update_topics(engine, TopicOptions(similarity_threshold=0.99, merge_threshold=0.2))
    assert summary.events["merged"] >= 6
    with engine.connect() as conn:
        merged = conn.execute(select(topics.c.id, topics.c.merged_into, topics.c.born_at).where(topics.c.status == "merged")).all()
        born = {r.id: r.born_at for r in conn.execute(select(topics.c.id, topics.c.born_at))}
        pointing = set(conn.execute(select(story_topics.c.topic_id)).scalars())
        events = conn.execute(select(topic_events).where(topic_events.c.kind == "merged")).all()
    assert merged and all(born[r.merged_into] <= r.born_at for r in merged)  # the younger goes
    assert not pointing & {r.id for r in merged}  # their stories follow the older
    assert {(e.topic_id, e.other_topic_id) for e in events} == {(r.id, r.merged_into) for r in merged}
    assert all(len(ids) == 1 for ids in topic_of_theme(engine).values())
    gone = merged[0].id
    with pytest.raises(TopicMerged) as caught:
        topic_detail(engine, gone)
    holder = caught.value.merged_into
    assert holder in pointing and f"topic {gone}" in str(caught.value) and f"ask for topic {holder}" in str(caught.value)
    assert isinstance(caught.value, UsageError)
    assert topic_detail(engine, holder).merged_from


def test_quiet_topics_fade_and_revive(sqlite_engine: Engine) -> None:
    load(sqlite_engine, themed_days(range(2), themes=("flood",)) + themed_days(range(12, 14), themes=("scam",)))
    update_topics(sqlite_engine, TopicOptions(fade_days=7))
    flood = topic_of_theme(sqlite_engine)["flood"].pop()
    detail = topic_detail(sqlite_engine, flood)
    assert detail.summary.status == "faded"
    faded = [e for e in detail.events if e.kind == "faded"]
    assert len(faded) == 1 and faded[0].at == detail.summary.last_seen_at + timedelta(days=7)
    load(sqlite_engine, themed_days(range(15, 16), themes=("flood",)))
    update_topics(sqlite_engine, TopicOptions(fade_days=7))
    again = topic_detail(sqlite_engine, flood)
    assert again.summary.status == "active"
    assert [e.kind for e in again.events].count("revived") == 1
    assert topic_of_theme(sqlite_engine)["flood"] == {flood}


def test_figures_from_few_authors_are_suppressed(sqlite_engine: Engine) -> None:
    # Six posts about scams, all from two accounts; football from nine people.
    items = [post("scam", n, 1, author=f"acct{n % 2}") for n in range(6)] + themed_days(range(2), themes=("football",))
    load(sqlite_engine, items)
    update_topics(sqlite_engine)
    listed = {s.label: s for s in topic_summaries(sqlite_engine, days(0), days(2), k_anonymity=5)}
    scam = next(s for s in listed.values() if s.documents is None)
    football = next(s for s in listed.values() if s.documents is not None)
    assert scam.stories is None and all(v is None for v in scam.sentiment.values() if v != 0)
    shown = scam.as_dict()
    assert shown["documents"] == "< 5" and shown["stories"] == "< 5"
    assert football.documents == 6 and football.as_dict()["documents"] == 6
    relaxed = topic_summaries(sqlite_engine, days(0), days(2), k_anonymity=2)
    assert sorted(s.documents or 0 for s in relaxed) == [6, 6]
    with sqlite_engine.connect() as conn:
        hashes = set(conn.execute(select(documents.c.author_hash)).scalars())
    dumped = json.dumps([s.as_dict() for s in relaxed] + [topic_detail(sqlite_engine, scam.id).as_dict()], default=str)
    assert not any(h and h in dumped for h in hashes)


def test_bad_input_is_refused_clearly(sqlite_engine: Engine) -> None:
    load(sqlite_engine, themed_days(range(2)))
    update_topics(sqlite_engine)
    with pytest.raises(TopicNotFound, match="no topic 999: topic ids run from 1 to"):
        topic_detail(sqlite_engine, 999)
    future = (NOW + timedelta(days=30)).date().isoformat()
    with pytest.raises(UsageError, match="future"):
        topic_summaries(sqlite_engine, future, None)
    with pytest.raises(UsageError, match="ends before it starts"):
        topic_summaries(sqlite_engine, days(5), days(1))
    with pytest.raises(UsageError, match="not a date"):
        topic_summaries(sqlite_engine, "1st of May", None)
    with pytest.raises(UsageError, match="at least 1"):
        topic_summaries(sqlite_engine, days(0), days(1), limit=0)
    with pytest.raises(UsageError, match="topic_similarity_threshold"):
        update_topics(sqlite_engine, TopicOptions(similarity_threshold=1.5))
    assert topic_summaries(sqlite_engine, days(30), days(31)) == []


def test_cli_lists_topics_as_json_and_explains_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(ws)]).exit_code == 0
    from duluan.workspace import find_workspace

    load(find_workspace(ws).engine, themed_days(range(3)))
    result = runner.invoke(main, ["topics", "--from", days(0), "--to", days(2), "--json", "-w", str(ws)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["from"] == days(0) and len(data["topics"]) == 3
    assert {t["documents"] for t in data["topics"]} == {9}
    first = data["topics"][0]["id"]
    shown = runner.invoke(main, ["topics", "--id", str(first), "--json", "--no-update", "-w", str(ws)])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["evidence"]
    # As text: times on the workspace's clock, and the range its figures count said.
    detail = json.loads(shown.stdout)
    text = runner.invoke(main, ["topics", "--id", str(first), "--no-update", "-w", str(ws)], terminal_width=200).output
    born = datetime.fromisoformat(detail["events"][0]["at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert "all time:" in text and "when (Asia/Ho_Chi_Minh)" in text and f"{born:%Y-%m-%d %H:%M}" in text
    table = runner.invoke(main, ["topics", "--from", days(0), "--to", days(2), "--no-update", "-w", str(ws)])
    assert table.exit_code == 0 and "Topics" in table.output
    missing = runner.invoke(main, ["topics", "--id", "4242", "--no-update", "-w", str(ws)])
    assert missing.exit_code == 2 and "no topic 4242" in missing.output
    backwards = runner.invoke(main, ["topics", "--from", days(3), "--to", days(1), "-w", str(ws)])
    assert backwards.exit_code == 2 and "ends before it starts" in backwards.output
    with find_workspace(ws).engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(story_topics)).scalar_one() == 27
        assert conn.execute(select(func.count()).select_from(stories)).scalar_one() == 27


def test_clusterer_is_deterministic_and_keeps_ids_through_save_and_load() -> None:
    vectorizer = TopicVectorizer()
    texts = [item.text for item in themed_days(range(2))]
    assert all(isinstance(t, str) for t in texts)
    rows = vectorizer.transform([str(t) for t in texts])
    times = [START + timedelta(minutes=i) for i in range(len(texts))]
    one = TopicClusterer(ClusterOptions())
    first = one.add_batch(rows, list(range(len(texts))), times)
    two = TopicClusterer(ClusterOptions())
    second = two.add_batch(rows, list(range(len(texts))), times)
    assert first.assignments == second.assignments
    # A topic written and read back compares exactly as before.
    for topic in one.topics.values():
        members, indices, values = topic.centroid_from_bytes(topic.to_bytes())
        assert members == topic.members
        assert np.array_equal(indices, topic.indices) and np.array_equal(values, topic.values)
