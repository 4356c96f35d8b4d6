"""The hourly rollup (`hourly_counts`) stays equal to a count of `documents`, whatever
writes them: inserts one by one or in batches, deletes, changed times, kinds and
authors; migration 0009 counts what was there before it; trends read it."""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, insert, select, update

from analysis_data import add_posts
from duluan.analysis.hourly import bucket_counts, hourly_rows
from duluan.analysis.periods import Period
from duluan.analysis.series import SeriesFilter, count_series, make_filter, published_in
from duluan.store.db import current_revision, downgrade, migrate
from duluan.store.rollup import compact_hourly_counts
from duluan.store.schema import documents, hourly_counts, stories

KINDS = ("post", "comment", "news", "page")


def _truth(engine: Engine) -> dict[tuple[str, str], tuple[int, str | None, str | None]]:
    """(UTC hour, kind) → documents, smallest and largest pseudonym, counted in Python."""
    found: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    with engine.connect() as conn:
        for at, kind, author in conn.execute(select(documents.c.published_at, documents.c.kind, documents.c.author_hash)):
            found[(at.astimezone(UTC).strftime("%Y-%m-%d %H"), kind)].append(author)
    return {
        key: (len(authors), min((a for a in authors if a), default=None), max((a for a in authors if a), default=None))
        for key, authors in found.items()
    }


def _rollup(engine: Engine) -> dict[tuple[str, str], tuple[int, str | None, str | None]]:
    """The rollup with PostgreSQL's deltas summed, as the readers do."""
    c = hourly_counts.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(c.hour, c.kind, c.documents, c.first_author, c.last_author)
        ).all()
    summed: dict[tuple[str, str], list] = {}
    for hour, kind, n, first, last in rows:
        entry = summed.setdefault((hour, kind), [0, None, None])
        entry[0] += n
        entry[1] = min(x for x in (entry[1], first) if x) if (entry[1] or first) else None
        entry[2] = max(x for x in (entry[2], last) if x) if (entry[2] or last) else None
    return {key: (n, first, last) for key, (n, first, last) in summed.items() if n}


def _insert_many(engine: Engine, rng: random.Random, n: int, start: datetime) -> list[int]:
    """n documents in one executemany, spread over three days, some without an author."""
    rows = []
    with engine.begin() as conn:
        for i in range(n):
            at = start + timedelta(minutes=rng.randrange(3 * 24 * 60), seconds=rng.randrange(60))
            digest = f"{rng.getrandbits(128):032x}"
            story = conn.execute(
                insert(stories).values(size=1, first_published_at=at, last_published_at=at, founder_hash=digest)
            ).inserted_primary_key[0]
            kind = rng.choice(KINDS)
            rows.append({
                "story_id": story, "kind": kind, "published_at": at, "fetched_at": at, "text": f"bài {i}",
                "lang": "vi", "author_hash": None if kind == "news" or rng.random() < 0.1 else f"{rng.randrange(40):02x}",
                "chars": 5, "flags": "", "origin": f"test:{digest}", "content_hash": digest,
            })
        found = conn.execute(insert(documents).returning(documents.c.id), rows)
        return [int(r.id) for r in found]


def test_inserts_deletes_and_updates_keep_the_rollup_exact(engine: Engine) -> None:
    rng = random.Random(5)
    start = datetime(2026, 10, 3, 22, 0, tzinfo=UTC)
    ids = _insert_many(engine, rng, 300, start)
    add_posts(engine, date(2026, 10, 4), 7, authors=3)  # one statement per document
    assert _rollup(engine) == _truth(engine)
    with engine.begin() as conn:
        conn.execute(delete(documents).where(documents.c.id.in_(ids[:40])))
        conn.execute(update(documents).where(documents.c.id.in_(ids[40:60])).values(
            published_at=start + timedelta(days=5, minutes=7)))
        conn.execute(update(documents).where(documents.c.id.in_(ids[60:80])).values(kind="comment"))
        conn.execute(update(documents).where(documents.c.id.in_(ids[80:100])).values(author_hash="00"))
        conn.execute(update(documents).where(documents.c.id.in_(ids[100:110])).values(text="sửa lời"))
    assert _rollup(engine) == _truth(engine)


def test_postgresql_deltas_fold_into_one_row_per_hour_and_kind(engine: Engine) -> None:
    rng = random.Random(9)
    start = datetime(2026, 10, 3, 0, 0, tzinfo=UTC)
    for _ in range(3):
        _insert_many(engine, rng, 60, start)
    truth = _truth(engine)
    compact_hourly_counts(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(hourly_counts.c.hour, hourly_counts.c.kind)).all()
    assert len(rows) == len(set(rows)) == len(truth)  # one row per pair on both databases
    assert _rollup(engine) == truth


def test_migration_counts_the_documents_already_there_and_goes_both_ways(empty_engine: Engine) -> None:
    migrate(empty_engine, "0008")
    _insert_many(empty_engine, random.Random(2), 120, datetime(2026, 10, 1, 5, tzinfo=UTC))
    migrate(empty_engine, "0009")
    assert _rollup(empty_engine) == _truth(empty_engine)
    migrate(empty_engine)  # 0010 replaces the triggers: still in step afterwards
    _insert_many(empty_engine, random.Random(4), 30, datetime(2026, 10, 1, 9, tzinfo=UTC))
    assert _rollup(empty_engine) == _truth(empty_engine)
    downgrade(empty_engine, "0009")
    downgrade(empty_engine, "0008")
    assert current_revision(empty_engine) == "0008"
    _insert_many(empty_engine, random.Random(3), 50, datetime(2026, 10, 2, 5, tzinfo=UTC))  # no triggers now
    migrate(empty_engine)
    assert _rollup(empty_engine) == _truth(empty_engine)


@pytest.mark.parametrize("flt", [SeriesFilter(), SeriesFilter(kind="comment"), SeriesFilter(social_only=True)])
def test_stream_trends_from_the_rollup_match_the_documents(engine: Engine, flt: SeriesFilter) -> None:
    rng = random.Random(11)
    _insert_many(engine, rng, 400, datetime(2026, 10, 2, 0, tzinfo=UTC))
    period = Period(date(2026, 10, 2), date(2026, 10, 5), "Asia/Ho_Chi_Minh")
    exact = count_series(engine, flt, period)
    buckets = bucket_counts(engine, flt, period, "day", k=5)
    assert buckets.documents == exact.documents
    assert buckets.social == exact.social
    # The bound never claims more authors than there are, and is exact where it decides.
    assert all(b <= e for b, e in zip(buckets.authors, exact.authors, strict=True))
    assert all(
        (b >= 5) == (e >= 5) for b, e, s in zip(buckets.authors, exact.authors, exact.social, strict=True) if s >= 5
    )


def test_stream_filters_read_the_rollup_and_narrow_ones_the_documents(engine: Engine) -> None:
    """A row planted in the rollup alone shows in a stream trend and not in a narrow one:
    proof of which table each reads (equal answers could not tell)."""
    add_posts(engine, date(2026, 10, 4), 3, concern="flooding")
    period = Period(date(2026, 10, 4), date(2026, 10, 4), "Asia/Ho_Chi_Minh")
    with engine.begin() as conn:
        conn.execute(insert(hourly_counts).values(hour="2026-10-04 05", kind="post", documents=1000,
                                                  first_author="aa", last_author="ff"))
    def daily(flt: SeriesFilter) -> list[int]:
        return bucket_counts(engine, flt, period, "day", k=5).documents

    assert daily(SeriesFilter()) == daily(SeriesFilter(kind="post")) == [1003]
    assert daily(make_filter(concern="flooding")) == [3]


def test_postgresql_recounts_only_updates_that_move_a_document(pg_engine: Engine) -> None:
    """The update trigger is row-level on the three columns the rollup counts, with a
    condition, so updating a title or a source never reaches it."""
    with pg_engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT tgtype, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'documents'::regclass AND tgname = 'hourly_counts_au'"
        ).one()
    assert row[0] & 1  # TRIGGER_TYPE_ROW
    assert "UPDATE OF published_at, kind, author_hash" in row[1] and "IS DISTINCT FROM" in row[1]


def test_a_narrow_filter_still_counts_documents(engine: Engine) -> None:
    """A concern is not in the rollup: the rows come from the documents (and their labels)."""
    add_posts(engine, date(2026, 10, 4), 6, concern="flooding")
    add_posts(engine, date(2026, 10, 4), 4, concern="waste")
    period = Period(date(2026, 10, 4), date(2026, 10, 4), "Asia/Ho_Chi_Minh")
    rows = hourly_rows(engine, make_filter(concern="flooding"), period, with_authors=False)
    assert sum(int(r.documents) for r in rows) == 6
    rows = hourly_rows(engine, SeriesFilter(), period, with_authors=False)
    assert sum(int(r.documents) for r in rows) == 10


def test_sqlite_is_told_the_share_of_documents_a_time_range_keeps(engine: Engine) -> None:
    add_posts(engine, date(2026, 10, 3), 6)
    add_posts(engine, date(2026, 10, 4), 4)
    low, high = Period(date(2026, 10, 4), date(2026, 10, 4), "Asia/Ho_Chi_Minh").utc_bounds()
    narrow = published_in(engine, low, high, make_filter(concern="waste"))
    sql = str(narrow.compile(engine, compile_kwargs={"literal_binds": True}))
    if engine.dialect.name == "sqlite":
        # 4 of the 10 documents are on or after the start; all 10 before the end.
        assert "likelihood(documents.published_at >= '2026-10-03 17:00:00.000000', 0.4000)" in sql
        assert "likelihood(documents.published_at < '2026-10-04 17:00:00.000000', 1.0000)" in sql
    else:
        assert "likelihood" not in sql  # PostgreSQL has histograms
    broad = str(published_in(engine, low, high, SeriesFilter()).compile(engine))
    assert "likelihood" not in broad  # the time index is the only path anyway
    with engine.connect() as conn:
        counted = conn.execute(select(func.count()).select_from(documents).where(narrow)).scalar_one()
    assert counted == 4


def _posts_at(conn: Any, times: list[datetime], tag: str) -> None:
    """Posts at the given times, in the caller's transaction."""
    rows = []
    for i, at in enumerate(times):
        digest = f"{tag}-{i}"
        story = conn.execute(
            insert(stories).values(size=1, first_published_at=at, last_published_at=at, founder_hash=digest)
        ).inserted_primary_key[0]
        rows.append({"story_id": story, "kind": "post", "published_at": at, "fetched_at": at, "text": f"bài {tag} {i}",
                     "lang": "vi", "author_hash": f"{tag}{i:02x}", "chars": 5, "flags": "", "origin": f"t:{digest}",
                     "content_hash": digest})
    conn.execute(insert(documents).returning(documents.c.id), rows).all()


def test_concurrent_writers_on_postgresql_neither_wait_for_each_other_nor_miscount(pg_engine: Engine) -> None:
    """Two transactions write posts of the same hour: with an upsert on one shared row per
    hour, the second would wait until the first commits. Deltas let both go on."""
    hour = datetime(2026, 10, 3, 8, 0, tzinfo=UTC)
    first = pg_engine.connect()
    first_tx = first.begin()
    _posts_at(first, [hour + timedelta(minutes=m) for m in range(20)], "a")  # transaction left open
    done = threading.Event()

    def second_writer() -> None:
        with pg_engine.begin() as conn:
            _posts_at(conn, [hour + timedelta(minutes=30 + m) for m in range(10)], "b")
        done.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    try:
        assert done.wait(timeout=20), "the second writer waited for the first transaction"
    finally:
        first_tx.commit()
        first.close()
        thread.join()
    compact_hourly_counts(pg_engine)
    assert _rollup(pg_engine) == _truth(pg_engine) == {("2026-10-03 08", "post"): (30, "a00", "b09")}
