"""The ingest loop end to end on a fake source, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select

from duluan.ingest import IngestOptions, ingest
from duluan.prepare import PrepareOptions
from duluan.records import RawItem, RawReject
from duluan.sources.base import FakeSource
from duluan.store.schema import documents, ingest_runs, rejects, stories
from duluan.summary import summarise

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
SECRET = b"k" * 32

ARTICLE = (
    "Chiều 12/10, mưa lớn kéo dài hơn hai giờ khiến nhiều tuyến đường ở phường Thủ Đức ngập sâu "
    "từ 30 đến 50 cm. Người dân phải dắt xe máy lội nước về nhà, nhiều phương tiện chết máy giữa đường. "
    "Theo Trung tâm Chống ngập, lượng mưa đo được tại trạm Thủ Đức là 95 mm, cao nhất từ đầu mùa."
)
SYNDICATED = ARTICLE.replace("Chiều 12/10", "(Tin tổng hợp) Chiều ngày 12/10")


def options(batch_size: int = 1000, enrich: bool = False) -> IngestOptions:
    # Labelling has its own tests (test_enrich_ingest.py); these check the ingest loop.
    return IngestOptions(prepare=PrepareOptions(secret=SECRET, now=NOW), batch_size=batch_size, enrich=enrich)


def items() -> list[RawItem | RawReject]:
    return [
        RawItem(kind="news", text=ARTICLE, title="Mưa lớn, Thủ Đức ngập sâu", origin="a#1",
                published="2026-10-12T18:00:00+07:00", byline="Minh Anh"),
        RawItem(kind="news", text=SYNDICATED, title="Thủ Đức ngập sâu sau mưa", origin="b#1",
                published="Thứ Hai, ngày 12 tháng 10 năm 2026"),
        RawItem(kind="post", text="Đường Kha Vạn Cân ngập tới gối, ai đi lối này tránh nha. Gọi 0912 345 678 nếu cần giúp.",
                origin="posts.jsonl:1", author="nguoi_dan_01", published="2 giờ trước", likes=12),
        RawItem(kind="post", text="Đường Kha Vạn Cân ngập tới gối, ai đi lối này tránh nha. Gọi 0912 345 678 nếu cần giúp.",
                origin="posts.jsonl:2", author="nguoi_dan_02", published="1 giờ trước"),
        RawItem(kind="post", text="   ", origin="posts.jsonl:3", author="nguoi_dan_03"),
        RawItem(kind="post", text="Bài này đăng từ tương lai?", origin="posts.jsonl:4", author="nguoi_dan_04",
                published=(NOW + timedelta(days=3)).isoformat()),
        RawReject(reason="broken_json", message="line 5 is not JSON", origin="posts.jsonl:5", raw='{"text": "Ngập'),
    ]


def test_counts_new_duplicate_near_duplicate_rejected(engine: Engine) -> None:
    summary = ingest(engine, FakeSource(items()), options(batch_size=3), label="test")
    assert (summary.new, summary.duplicate, summary.near_duplicate, summary.rejected) == (3, 1, 1, 3)
    assert summary.rejects_by_reason == {"empty_text": 1, "future_date": 1, "broken_json": 1}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 3
        # The two press copies share one story; the post has its own.
        assert conn.execute(select(func.count()).select_from(stories)).scalar_one() == 2
        assert conn.execute(select(stories.c.size).order_by(stories.c.size.desc())).scalars().first() == 2
        run = conn.execute(select(ingest_runs)).mappings().one()
        assert (run["status"], run["n_new"], run["n_rejected"]) == ("done", 3, 3)


def test_rerun_adds_nothing(engine: Engine) -> None:
    ingest(engine, FakeSource(items()), options(), label="first")
    again = ingest(engine, FakeSource(items()), options(), label="again")
    assert again.new == 0
    assert again.duplicate == 4
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 3
        assert conn.execute(select(func.count()).select_from(rejects)).scalar_one() == 3


def test_privacy_nothing_in_clear(engine: Engine) -> None:
    ingest(engine, FakeSource(items()), options(), label="test")
    with engine.connect() as conn:
        post = conn.execute(select(documents).where(documents.c.kind == "post")).mappings().one()
        news = conn.execute(select(documents).where(documents.c.url.is_(None), documents.c.kind == "news").order_by(documents.c.id)).mappings().first()
        dumped = json.dumps([dict(r) for r in conn.execute(select(rejects)).mappings()], default=str)
    assert "0912 345 678" not in post["text"] and "[SĐT]" in post["text"]
    assert post["author_hash"] and "nguoi_dan" not in post["author_hash"]
    assert len(post["author_hash"]) == 32
    assert "nguoi_dan" not in dumped and "[author]" in dumped
    assert news is not None and news["byline"] == "Minh Anh"


def test_dates_are_parsed_and_timezone_aware(engine: Engine) -> None:
    ingest(engine, FakeSource(items()), options(), label="test")
    with engine.connect() as conn:
        first = conn.execute(select(documents.c.published_at).where(documents.c.origin == "a#1")).scalar_one()
        post = conn.execute(select(documents.c.published_at).where(documents.c.kind == "post")).scalar_one()
    assert first == datetime(2026, 10, 12, 11, 0, tzinfo=UTC)
    assert post == NOW - timedelta(hours=2)


def test_legacy_bytes_are_decoded(engine: Engine) -> None:
    from duluan.text.encodings import encode_legacy

    text = "Người dân phường Hòa Khánh phản ánh rác thải không được thu gom suốt một tuần."
    source = FakeSource([RawItem(kind="page", text=encode_legacy(text, "tcvn3"), origin="cu.txt")])
    summary = ingest(engine, source, options(), label="legacy")
    assert summary.new == 1
    with engine.connect() as conn:
        row = conn.execute(select(documents.c.text, documents.c.flags)).one()
    assert row.text == text
    assert "encoding:tcvn3" in row.flags


def test_huge_document_is_cut_and_flagged(engine: Engine) -> None:
    opts = options()
    opts.prepare.max_chars = 1000
    ingest(engine, FakeSource([RawItem(kind="page", text="ngập nước " * 500, origin="big.txt")]), opts, label="big")
    with engine.connect() as conn:
        row = conn.execute(select(documents.c.chars, documents.c.flags)).one()
    assert row.chars == 1000 and "truncated" in row.flags


def test_unknown_kind_is_rejected_with_the_list(engine: Engine) -> None:
    summary = ingest(engine, FakeSource([RawItem(kind="tweet", text="Xin chào", origin="x")]), options(), label="k")
    assert summary.rejects_by_reason == {"unknown_kind": 1}
    assert "news, post, comment, page" in summary.reject_lines[0]


def test_undecodable_bytes_become_an_unknown_encoding_reject(engine: Engine) -> None:
    garbage = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    source = FakeSource([RawItem(kind="page", text=garbage, origin="rac.txt"),
                         RawItem(kind="page", text="Văn bản đọc được bình thường.", origin="ok.txt")])
    summary = ingest(engine, source, options(), label="enc")
    assert summary.new == 1
    assert summary.rejects_by_reason == {"unknown_encoding": 1}
    with engine.connect() as conn:
        row = conn.execute(select(rejects.c.origin, rejects.c.message)).one()
    assert row.origin == "rac.txt" and row.message


def test_worker_processes_give_the_same_result_as_one_process(sqlite_engine: Engine, tmp_path) -> None:
    from duluan.store.db import make_engine, migrate, sqlite_url

    many = [
        RawItem(kind="post", text=f"{ARTICLE} Cập nhật lần {i % 7}, bản tin số {i}.", origin=f"p:{i}",
                author=f"u{i % 13}", published="2026-10-12T18:00:00+07:00")
        for i in range(60)
    ] + items()
    other = make_engine(sqlite_url(tmp_path / "parallel.db"))
    migrate(other)
    serial = ingest(sqlite_engine, FakeSource(many), options(batch_size=10), label="serial")
    parallel_options = options(batch_size=10)
    parallel_options.workers = 2
    parallel = ingest(other, FakeSource(many), parallel_options, label="parallel")
    assert serial.counts() == parallel.counts()
    query = select(documents.c.origin, documents.c.story_id, documents.c.text).order_by(documents.c.id)
    with sqlite_engine.connect() as a, other.connect() as b:
        assert a.execute(query).all() == b.execute(query).all()


def test_language_is_recorded(engine: Engine) -> None:
    source = FakeSource([
        RawItem(kind="post", text="Kẹt xe ở vòng xoay Hàng Xanh từ sáng tới giờ.", origin="a"),
        RawItem(kind="post", text="The traffic jam at the roundabout has lasted all morning.", origin="b"),
    ])
    ingest(engine, source, options(), label="lang")
    with engine.connect() as conn:
        assert dict(conn.execute(select(documents.c.origin, documents.c.lang)).all()) == {"a": "vi", "b": "en"}


def test_workspace_summary_gives_local_days(engine: Engine) -> None:
    # 20:30 UTC on 19 November is 03:30 on the 20th in Hà Nội: the range and the busiest
    # days name the same Vietnamese day.
    late = RawItem(kind="post", text="Đêm rồi mà công trình bên cạnh vẫn khoan ầm ầm.", origin="p#1",
                   author="nguoi_dan_05", published="2026-11-19T20:30:00+00:00")  # fmt: skip
    ingest(engine, FakeSource([late]), options(), label="test")
    summary = summarise(engine, timezone="Asia/Ho_Chi_Minh")
    assert summary.last_published is not None
    assert f"{summary.last_published:%Y-%m-%d}" == "2026-11-20"
    assert [str(day) for day, _ in summary.busiest_days] == ["2026-11-20"]
