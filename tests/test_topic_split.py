"""Topic splits: a topic that comes to hold two distinct stories splits once, the younger
part leaving with a new id; a coherent topic never splits; reruns agree."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select

from duluan.analysis.topic_model import ClusterOptions, TopicClusterer
from duluan.analysis.topic_split import MemberLog, crossed_checkpoint, fold_batch
from duluan.analysis.topic_vectors import TopicVectorizer
from duluan.analysis.topics import TopicOptions, topic_detail, update_topics
from duluan.cli import main
from duluan.errors import UsageError
from duluan.records import RawItem
from duluan.store.db import make_engine, migrate, sqlite_url
from duluan.store.schema import story_topics, topic_events, topics
from test_topics import START, load, topic_of_theme

# Two stories of one ward that share its name and the way residents report them: the
# fire stories join the flooding topic through that frame, then grow inside it.
FRAME = "Người dân phường Thủ Đức phản ánh"
SUBSTORIES = {
    "flood": (
        "nước ngập tới đầu gối, nhiều xe máy chết máy giữa đường",
        "cống thoát nước bị rác làm nghẹt nên nước rút rất chậm",
        "triều cường dâng cao khiến hẻm nhỏ ngập sâu cả buổi tối",
        "bà con phải kê đồ đạc lên cao vì nước tràn vào nhà",
        "mong phường sớm nạo vét cống và lắp máy bơm chống ngập",
        "mưa lớn kéo dài làm ngập úng nhiều tuyến đường",
        "học sinh lội nước ngập đi học, phụ huynh rất lo lắng",
        "nước thải từ cống tràn lên mặt đường bốc mùi hôi thối",
    ),
    "fire": (
        "đám cháy bùng lên từ dãy ki-ốt trong chợ lúc nửa đêm",
        "lính cứu hỏa phải dùng xe thang để dập lửa suốt ba giờ",
        "nhiều tiểu thương mất trắng hàng hóa sau vụ hỏa hoạn",
        "khói đen bốc cao khiến người dân xung quanh hoảng sợ",
        "nguyên nhân ban đầu được cho là chập điện ở quầy vải",
        "ban quản lý chợ bị chỉ trích vì bình chữa cháy hết hạn",
        "tiểu thương kiến nghị hỗ trợ vốn để buôn bán trở lại",
        "cảnh sát phòng cháy lập biên bản kiểm tra toàn bộ chợ",
    ),
}


def report(theme: str, n: int, day: int) -> RawItem:
    """A resident's post: the shared frame, then three sentences of one sub-story."""
    sentences = random.Random(f"{theme}-{n}").sample(SUBSTORIES[theme], 3)
    text = f"{FRAME}: " + ". ".join(sentences) + "."
    published = (START + timedelta(days=day, hours=8, minutes=n % 50)).isoformat()
    return RawItem(kind="post", text=text, origin=f"{theme}:{n}", author=f"{theme}_resident_{n}",
                   published=published, external_id=f"{theme}-{n}", platform="facebook")


def drifting() -> list[RawItem]:
    """Flooding for four days, then a market fire for five (four posts a day each)."""
    items = [report("flood", day * 10 + i, day) for day in range(4) for i in range(4)]
    return items + [report("fire", day * 10 + i, day) for day in range(3, 8) for i in range(4)]


def test_checkpoints_are_a_fixed_grid() -> None:
    assert not crossed_checkpoint(0, 19, 5)  # below four times the smallest part
    assert crossed_checkpoint(19, 20, 5) and not crossed_checkpoint(20, 29, 5)
    assert crossed_checkpoint(29, 30, 5) and crossed_checkpoint(0, 40, 5)
    # about log(size) checks as a topic grows one story at a time, at most 50 apart
    checks = [n for n in range(1, 5000) if crossed_checkpoint(n - 1, n, 5)]
    assert 40 < len(checks) < 130 and max(b - a for a, b in zip(checks, checks[1:], strict=False)) <= 50


def test_a_topic_of_two_stories_splits_once_and_the_younger_leaves(engine: Engine) -> None:
    load(engine, drifting())
    summary = update_topics(engine)
    assert summary.events.get("split") == 1
    with engine.connect() as conn:
        [split] = conn.execute(select(topic_events).where(topic_events.c.kind == "split")).all()
        child_born = conn.execute(select(topic_events.c.at).where(
            topic_events.c.topic_id == split.topic_id, topic_events.c.kind == "born")).scalar_one()
    parent, child = split.other_topic_id, split.topic_id
    assert split.detail["similarity"] < 0.08 and split.detail["stories"] >= 5
    assert child_born == split.at and START + timedelta(days=3) <= split.at <= START + timedelta(days=8)
    found = topic_of_theme(engine)
    assert found["flood"] == {parent}  # the older stories keep the id
    assert found["fire"] == {child}
    detail = topic_detail(engine, child)
    assert detail.split_from == parent and detail.summary.status == "active"
    assert [e.kind for e in detail.events if e.kind in ("split", "born")] == ["split", "born"]
    source = topic_detail(engine, parent)
    assert source.split_off == [child] and any(e.kind == "split_off" and e.other_topic_id == child for e in source.events)
    assert detail.as_dict()["split_from"] == parent and source.as_dict()["split_off"] == [child]
    # counts follow the re-pointed stories
    with engine.connect() as conn:
        stored = dict(conn.execute(select(topics.c.id, topics.c.n_stories).where(topics.c.id.in_([parent, child]))).all())
        pointing = conn.execute(select(story_topics.c.topic_id)).scalars().all()
    assert stored == {parent: pointing.count(parent), child: pointing.count(child)}
    assert update_topics(engine).stories == 0  # nothing left to read, no second split


def test_a_coherent_topic_never_splits(sqlite_engine: Engine) -> None:
    load(sqlite_engine, [report("flood", day * 10 + i, day) for day in range(12) for i in range(5)])
    summary = update_topics(sqlite_engine)
    assert "split" not in summary.events
    assert len(topic_of_theme(sqlite_engine)["flood"]) == 1


def test_splits_are_the_same_on_a_rerun_and_in_memory(tmp_path: Path) -> None:
    def run(name: str) -> tuple[list[tuple[object, ...]], ...]:
        engine = make_engine(sqlite_url(tmp_path / f"{name}.db"))
        migrate(engine)
        load(engine, drifting())
        update_topics(engine)
        with engine.connect() as conn:
            result = (
                [tuple(r) for r in conn.execute(select(topics.c.id, topics.c.status, topics.c.n_stories,
                                                       topics.c.born_at, topics.c.centroid).order_by(topics.c.id))],
                [tuple(r) for r in conn.execute(select(story_topics.c.story_id, story_topics.c.topic_id)
                                                .order_by(story_topics.c.story_id))],
                [tuple(r) for r in conn.execute(select(topic_events.c.topic_id, topic_events.c.kind,
                                                       topic_events.c.other_topic_id, topic_events.c.at)
                                                .order_by(topic_events.c.id))],
            )
        engine.dispose()
        return result

    first = run("a")
    assert first == run("b")
    assert [e for e in first[2] if e[1] == "split"]
    # The clusterer alone, its stories in memory, makes the same cut on the same days.
    items = drifting()
    vectorizer = TopicVectorizer()
    clusterer = TopicClusterer(ClusterOptions(), background=vectorizer.background())
    log = MemberLog()
    cuts = []
    for day in range(8):
        today = [(n, item) for n, item in enumerate(items) if item.published.startswith((START + timedelta(days=day)).date().isoformat())]
        rows = vectorizer.transform([str(item.text) for _, item in today])
        times = [START + timedelta(days=day, hours=8, minutes=i) for i in range(len(today))]
        for change in fold_batch(clusterer, log, rows, [n for n, _ in today], times):
            cuts += change.splits
    assert len(cuts) == 1
    final = log.final_topics(clusterer.resolve)
    parent, child, _ = cuts[0]
    assert {final[n] for n, item in enumerate(items) if item.origin.startswith("fire")} == {child}
    assert {final[n] for n, item in enumerate(items) if item.origin.startswith("flood")} == {parent}


def test_cli_shows_where_a_split_topic_came_from(tmp_path: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(ws)]).exit_code == 0
    from duluan.workspace import find_workspace

    load(find_workspace(ws).engine, drifting())
    end = (START + timedelta(days=9)).date().isoformat()
    listed = runner.invoke(main, ["topics", "--from", START.date().isoformat(), "--to", end, "-w", str(ws)])
    assert listed.exit_code == 0, listed.output
    assert "1 split" in listed.stderr
    with find_workspace(ws).engine.connect() as conn:
        split = conn.execute(select(topic_events).where(topic_events.c.kind == "split")).one()
    shown = runner.invoke(main, ["topics", "--id", str(split.topic_id), "--no-update", "-w", str(ws)])
    assert shown.exit_code == 0 and f"split from topic {split.other_topic_id}" in shown.output
    parent = runner.invoke(main, ["topics", "--id", str(split.other_topic_id), "--json", "--no-update", "-w", str(ws)])
    assert json.loads(parent.stdout)["split_off"] == [split.topic_id]


def test_a_split_threshold_at_the_merge_threshold_is_refused(sqlite_engine: Engine) -> None:
    with pytest.raises(UsageError, match="topic_split_threshold"):
        update_topics(sqlite_engine, TopicOptions(split_threshold=0.13, merge_threshold=0.13))
