"""Full-text search on SQLite and PostgreSQL: folding, teencode, filters, cursors, export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text, update

from analysis_data import BACH_MAI, HANOI, HCM, THANH_MY_TAY, add_posts
from duluan.errors import UsageError
from duluan.ingest import ingest
from duluan.records import DATE_FROM_FETCH, RawItem
from duluan.search import (
    BadCursor,
    Matches,
    SearchQuery,
    count_matches,
    export_documents,
    index_documents,
    normalise_query,
    reindex,
    search_documents,
    search_form,
)
from duluan.sources.base import FakeSource
from duluan.store import repository as repo
from duluan.store.db import current_revision, downgrade, migrate
from duluan.store.schema import (
    document_search,
    documents,
    enrichments,
    stories,
    story_topics,
    topics,
)
from test_ingest import options

FLOOD = "Ngập nước ở Thủ Đức sau cơn mưa chiều qua, nhiều xe máy chết máy trên đường Võ Văn Ngân."
NO_POWER = "Cả khu phố không có điện từ sáng đến giờ, gọi tổng đài mãi không ai nghe máy."
NO_POWER_TEEN = "Nhà mình ko có điện 2 ngày rồi, ai bít khi nào có lại ko?"
RUBBISH = "Rác không ai thu gom ở đầu hẻm, bốc mùi cả tuần nay, người dân rất bức xúc."
NEWS = "Mưa lớn chiều 12/10 gây ngập cục bộ nhiều tuyến đường tại TP Thủ Đức, giao thông ùn tắc kéo dài."
SPORT = "Đội tuyển Việt Nam thắng Thái Lan 2-1 ở trận chung kết, khán giả đổ ra đường ăn mừng."
DAY = date(2026, 10, 12)


def write(engine: Engine, text_: str, *, day: date = DAY, **kwargs: object) -> int:
    """One enriched document written straight into the tables, then indexed."""
    [doc_id] = add_posts(engine, day, 1, text=text_, **kwargs)  # type: ignore[arg-type]
    with engine.begin() as conn:
        index_documents(conn, [doc_id])
    return doc_id


@pytest.fixture
def corpus(engine: Engine) -> dict[str, int]:
    ids = {
        "flood": write(engine, FLOOD, concern="flooding", ward=THANH_MY_TAY, province=HCM),
        "power": write(engine, NO_POWER, concern="utilities", ward=BACH_MAI, province=HANOI, day=DAY + timedelta(days=1)),
        "teen": write(engine, NO_POWER_TEEN, concern="utilities", ward=None, province=HCM, kind="comment",
                      day=DAY + timedelta(days=2)),
        "rubbish": write(engine, RUBBISH, concern="waste", ward=BACH_MAI, province=HANOI, day=DAY + timedelta(days=3)),
        "news": write(engine, NEWS, concern="flooding", ward=None, province=HCM, kind="news", day=DAY + timedelta(days=4)),
        "sport": write(engine, SPORT, concern="other", ward=None, province=None, kind="news", day=DAY + timedelta(days=5)),
    }
    with engine.begin() as conn:
        conn.execute(update(enrichments).where(enrichments.c.document_id == ids["sport"])
                     .values(sentiment="positive", category="The thao", complaint_p=0.02))
    return ids


def found(engine: Engine, query_text: str = "", **filters: object) -> list[int]:
    return [h.document_id for h in search_documents(engine, SearchQuery(query_text, **filters)).hits]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- normal form


def test_query_and_text_share_one_normal_form() -> None:
    assert normalise_query("ngap nuoc thu duc") == normalise_query("Ngập nước Thủ Đức") == ("ngap", "nuoc", "thu", "duc")
    assert normalise_query("không có điện") == ("khong", "co", "dien")
    # A teencode word is searched in both forms: "hem" is "không" in chat, or "hẻm" (alley).
    assert normalise_query("ko co dien") == ("khong|ko", "co", "dien")
    assert normalise_query("hok có điện hẻm") == ("khong|hok", "co", "dien", "hem")
    assert "khong co dien" in search_form(None, NO_POWER_TEEN)
    assert search_form("Tiêu đề", "TP.HCM, covid-19") == "tieu de tp hcm covid 19"


def test_phrases_prefixes_and_function_words() -> None:
    assert normalise_query('"thủ đức" ngập*') == ("thu duc", "ngap*")
    # Typed with diacritics, a function word is dropped; without, it may be a content word.
    assert normalise_query("ngập nước ở Thủ Đức") == ("ngap", "nuoc", "thu", "duc")
    assert normalise_query("tai nan o thu duc") == ("tai", "nan", "o", "thu", "duc")
    assert normalise_query("của") == ("cua",)
    assert normalise_query('"') == normalise_query("***") == ()


# ---------------------------------------------------------------------------- search


def test_without_diacritics_finds_the_text_with_them(engine: Engine, corpus: dict[str, int]) -> None:
    assert found(engine, "ngap nuoc thu duc") == [corpus["flood"]]
    assert found(engine, "ngập nước Thủ Đức") == [corpus["flood"]]
    assert found(engine, "ngap nuoc o thu duc") == [corpus["flood"]]
    assert found(engine, "NGẬP NƯỚC ở thủ đức") == [corpus["flood"]]
    # Every word is required: the news item has "ngập" and "Thủ Đức" but no "nước".
    assert set(found(engine, "ngap thu duc")) == {corpus["flood"], corpus["news"]}


def test_teencode_query_finds_standard_text_and_back(engine: Engine, corpus: dict[str, int]) -> None:
    assert set(found(engine, "ko co dien")) == {corpus["power"], corpus["teen"]}
    assert set(found(engine, "không có điện")) == {corpus["power"], corpus["teen"]}


def test_a_document_without_the_words_is_not_found(engine: Engine, corpus: dict[str, int]) -> None:
    assert corpus["sport"] not in found(engine, "ngap nuoc")
    assert found(engine, "dong dat") == []
    assert found(engine, "ngap nuoc ha noi") == []


def test_phrase_and_prefix(engine: Engine, corpus: dict[str, int]) -> None:
    assert found(engine, '"nuoc thu duc"') == []  # "ở" stands between them
    assert found(engine, '"nuoc o thu duc"') == [corpus["flood"]]
    assert set(found(engine, "ngap* thu*")) == {corpus["flood"], corpus["news"]}
    assert found(engine, "bu* xuc") == [corpus["rubbish"]]


def test_hits_carry_what_the_list_shows(engine: Engine, corpus: dict[str, int]) -> None:
    page = search_documents(engine, SearchQuery("ngap nuoc thu duc"))
    [hit] = page.hits
    assert page.terms == ("ngap", "nuoc", "thu", "duc")
    assert hit.snippet.startswith("Ngập nước ở Thủ Đức")
    assert (hit.kind, hit.concern, hit.sentiment, hit.source) == ("post", "flooding", "negative", None)
    assert hit.published_at.tzinfo is not None
    assert not any("author" in name for name in vars(hit))


def test_snippet_shows_the_passage_of_the_match(engine: Engine) -> None:
    filler = "Ý kiến người dân về nhiều chuyện khác nhau trong phường. " * 12
    doc_id = write(engine, filler + "Cuối cùng là chuyện ngập nước kéo dài ở hẻm 42. " + filler)
    [hit] = search_documents(engine, SearchQuery("ngap nuoc hem")).hits
    assert hit.document_id == doc_id
    assert "ngập nước kéo dài ở hẻm 42" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…") and len(hit.snippet) <= 282


def test_empty_query_lists_everything_newest_first(engine: Engine, corpus: dict[str, int]) -> None:
    ordered = [corpus[k] for k in ("sport", "news", "rubbish", "teen", "power", "flood")]
    assert found(engine) == ordered
    assert found(engine, "ngap*") == [corpus["news"], corpus["flood"]]


def test_relevance_order(engine: Engine, corpus: dict[str, int]) -> None:
    many = write(engine, "Ngập, ngập và ngập: Thủ Đức ngập khắp nơi, đường nào cũng ngập.", day=DAY - timedelta(days=30))
    hits = search_documents(engine, SearchQuery("ngap thu duc", sort="relevance")).hits
    assert hits[0].document_id == many
    assert {h.document_id for h in hits} == {many, corpus["flood"], corpus["news"]}


# ---------------------------------------------------------------------------- filters


def test_each_filter_narrows_the_result(engine: Engine, corpus: dict[str, int]) -> None:
    everything = set(corpus.values())
    assert set(found(engine)) == everything
    start = datetime(2026, 10, 14, 12, tzinfo=UTC)  # between the third and fourth day
    assert set(found(engine, start=start)) == {corpus[k] for k in ("rubbish", "news", "sport")}
    assert set(found(engine, end=start)) == {corpus[k] for k in ("flood", "power", "teen")}
    assert set(found(engine, kinds=("news",))) == {corpus["news"], corpus["sport"]}
    assert set(found(engine, kinds=("post", "comment"))) == {corpus[k] for k in ("flood", "power", "teen", "rubbish")}
    assert set(found(engine, concern="utilities")) == {corpus["power"], corpus["teen"]}
    assert set(found(engine, category="Thể thao")) == {corpus["sport"]}
    assert set(found(engine, sentiment="positive")) == {corpus["sport"]}
    assert corpus["sport"] not in found(engine, complaint_only=True)
    assert set(found(engine, province_code=HCM)) == {corpus[k] for k in ("flood", "teen", "news")}
    assert set(found(engine, ward_codes=(BACH_MAI,))) == {corpus["power"], corpus["rubbish"]}
    # And together with words: "ko co dien" in Hà Nội only, or only the comments.
    assert found(engine, "ko co dien", province_code=HANOI) == [corpus["power"]]
    assert found(engine, "ko co dien", kinds=("comment",)) == [corpus["teen"]]
    assert found(engine, "ngap", concern="flooding", kinds=("news",), start=start) == [corpus["news"]]
    assert found(engine, "ngap", ward_codes=(THANH_MY_TAY,)) == [corpus["flood"]]


def test_source_kind_and_topic_filters(engine: Engine, corpus: dict[str, int]) -> None:
    feed = repo.add_source(engine, "bao-dien-tu", "feed", "/tmp/a.xml", {})
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == corpus["news"]).values(source_id=feed))
        topic = conn.execute(topics.insert().values(
            label="ngập", keywords=[], status="active", n_stories=1, n_documents=1, born_at=now,
            last_seen_at=now, updated_at=now,
        )).inserted_primary_key[0]
        story = conn.execute(select(documents.c.story_id).where(documents.c.id == corpus["flood"])).scalar_one()
        conn.execute(story_topics.insert().values(story_id=story, topic_id=topic, similarity=0.9, assigned_at=now))
    assert found(engine, "ngap", source_kinds=("feed",)) == [corpus["news"]]
    assert found(engine, source_kinds=("feed",)) == [corpus["news"]]
    hit = search_documents(engine, SearchQuery("ngap", source_kinds=("feed",))).hits[0]
    assert (hit.source, hit.source_kind) == ("bao-dien-tu", "feed")
    assert found(engine, "ngap", topic_id=topic) == [corpus["flood"]]
    assert found(engine, topic_id=topic) == [corpus["flood"]]
    assert found(engine, topic_id=topic + 1) == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(topics)).scalar_one() == 1


def test_bad_filters_name_the_choices(engine: Engine) -> None:
    cases = [
        (SearchQuery(kinds=("tweet",)), "unknown document kind 'tweet'; choose one of: news, post, comment, page"),
        (SearchQuery(source_kinds=("rss2",)), "choose one of: feed, page"),
        (SearchQuery(concern="weather"), "unknown concern 'weather'"),
        (SearchQuery(category="Bóng đá"), "unknown category"),
        (SearchQuery(sentiment="angry"), "negative, neutral, positive"),
        (SearchQuery(limit=0), "choose 1 to 200"),
        (SearchQuery(limit=201), "choose 1 to 200"),
        (SearchQuery(start=datetime(2026, 11, 2, tzinfo=UTC), end=datetime(2026, 11, 1, tzinfo=UTC)), "is after end"),
        (SearchQuery(start=datetime(2026, 11, 2)), "no time zone"),
        (SearchQuery("x", sort="best"), "unknown sort order"),
    ]
    for query, message in cases:
        with pytest.raises(UsageError, match=message.replace("(", r"\(")):
            search_documents(engine, query)


# ---------------------------------------------------------------------------- cursors


@pytest.mark.parametrize("sort", ["newest", "relevance"])
def test_cursor_pages_cover_every_hit_once(engine: Engine, sort: str) -> None:
    expected = set()
    for i in range(23):
        # Some documents share their time to the second: the id breaks the tie.
        expected.add(write(engine, f"Đường số {i} ngập nước" + " sâu" * (i % 4), day=DAY + timedelta(days=i % 5)))
    write(engine, "Trời nắng đẹp cả ngày.")
    seen: list[int] = []
    cursor: str | None = None
    pages = 0
    while pages < 10:
        page = search_documents(engine, SearchQuery("ngap nuoc", limit=5, cursor=cursor, sort=sort))
        seen += [h.document_id for h in page.hits]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 5
    assert len(seen) == len(set(seen)) == 23 and set(seen) == expected
    if sort == "newest":
        times = [h.published_at for h in search_documents(engine, SearchQuery("ngap", limit=200)).hits]
        assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("sort", ["newest", "relevance"])
def test_matches_are_counted_from_the_start_up_to_a_cap(engine: Engine, sort: str) -> None:
    for i in range(12):
        write(engine, f"Hẻm {i} ngập nước sau mưa", day=DAY + timedelta(days=i % 3))
    write(engine, "Trời nắng đẹp cả ngày.")
    first = search_documents(engine, SearchQuery("ngap nuoc", limit=5, sort=sort))
    later = SearchQuery("ngap nuoc", limit=5, sort=sort, cursor=first.next_cursor)
    assert count_matches(engine, later, 100).documents == 12  # the cursor does not shorten the count
    assert count_matches(engine, later, 7).documents == 7
    assert count_matches(engine, SearchQuery("ngap nuoc", kinds=("comment",)), 100).documents == 0
    assert count_matches(engine, SearchQuery("?!"), 100) == Matches(0, 0)
    assert count_matches(engine, SearchQuery(), 100).documents == 13


def test_matches_count_stories_once_and_dated_only_leaves_fetch_dated_documents_out(engine: Engine) -> None:
    first, second, third = (write(engine, f"Hẻm {i} ngập nước sau mưa") for i in range(3))
    undated = write(engine, "Hẻm 9 ngập nước sau mưa", flags=DATE_FROM_FETCH)
    with engine.begin() as conn:  # the second is a copy of the first: one story
        story = conn.execute(select(documents.c.story_id).where(documents.c.id == first)).scalar_one()
        conn.execute(update(documents).where(documents.c.id == second).values(story_id=story))
    assert count_matches(engine, SearchQuery("ngap nuoc"), 100) == Matches(4, 3)
    assert count_matches(engine, SearchQuery("ngap nuoc", dated_only=True), 100) == Matches(3, 2)
    found = {h.document_id for h in search_documents(engine, SearchQuery("ngap nuoc", dated_only=True)).hits}
    assert found == {first, second, third} and undated not in found


def test_empty_query_pages_too(engine: Engine, corpus: dict[str, int]) -> None:
    first = search_documents(engine, SearchQuery(limit=4))
    second = search_documents(engine, SearchQuery(limit=4, cursor=first.next_cursor))
    assert [h.document_id for h in first.hits + second.hits] == found(engine)
    assert second.next_cursor is None


def test_a_malformed_cursor_is_a_usage_error(engine: Engine, corpus: dict[str, int]) -> None:
    newest = search_documents(engine, SearchQuery("ngap", limit=1)).next_cursor
    assert newest
    for cursor in ("abc", "!!!", "eyJzIjoibmV3ZXN0In0", newest[:-3]):
        with pytest.raises(BadCursor, match="bad cursor; start again without one"):
            search_documents(engine, SearchQuery("ngap", cursor=cursor))
    with pytest.raises(BadCursor):  # a newest-first cursor for a relevance page
        search_documents(engine, SearchQuery("ngap", cursor=newest, sort="relevance"))


def test_what_a_user_types_never_reaches_the_database_as_syntax(engine: Engine, corpus: dict[str, int]) -> None:
    for typed in ['"', "*", "NEAR(", "NEAR(ngap nuoc, 2)", "') OR 1=1 --", "<script>alert(1)</script>",
                  "ngap AND OR NOT", "-ngap", "ngap^", "col:ngap", "'", "\\", "%", "ngap:*", "a & b | !c",
                  "ngập \x00 nước", "(((", "{ngap}", "ngap\" OR \"", "*ngap"]:
        page = search_documents(engine, SearchQuery(typed))
        assert all(h.document_id in corpus.values() for h in page.hits)
    assert found(engine, "ngập (nước) -- \"thủ\" đức*") == [corpus["flood"]]
    assert found(engine, '"') == []


# ---------------------------------------------------------------------------- export


def test_export_csv_and_jsonl_round_trip(engine: Engine, corpus: dict[str, int]) -> None:
    out = io.StringIO()
    assert export_documents(engine, SearchQuery("ngap", limit=1), "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [int(r["id"]) for r in rows] == [corpus["news"], corpus["flood"]]
    assert rows[1]["text"].startswith(FLOOD) and rows[1]["concern"] == "flooding"
    # The codes for programs, and their names for people, after them.
    assert rows[1]["concern_name"] == "Ngập nước, thoát nước"
    assert list(rows[1])[-2:] == ["category_name", "concern_name"]
    assert not any("author" in column for column in rows[0])

    binary = io.BytesIO()
    assert export_documents(engine, SearchQuery(kinds=("post", "comment")), "jsonl", binary) == 4
    lines = [json.loads(line) for line in binary.getvalue().decode("utf-8").splitlines()]
    assert {line["id"] for line in lines} == {corpus[k] for k in ("flood", "power", "teen", "rubbish")}
    assert any(line["text"].startswith(NO_POWER_TEEN) for line in lines)
    assert not any("author" in key for line in lines for key in line)
    assert datetime.fromisoformat(lines[0]["published_at"]).tzinfo is not None


def test_export_stops_at_max_rows_and_knows_its_formats(engine: Engine, corpus: dict[str, int]) -> None:
    assert export_documents(engine, SearchQuery(), "jsonl", io.StringIO(), max_rows=3) == 3
    with pytest.raises(UsageError, match="unknown export format 'xlsx'; choose one of: csv, jsonl"):
        export_documents(engine, SearchQuery(), "xlsx", io.StringIO())


# ---------------------------------------------------------------------------- keeping the index


def test_ingestion_adds_new_documents_to_the_index(engine: Engine) -> None:
    items = [
        RawItem(kind="post", text="Khu mình cúp điện từ tối qua, ko có điện để bơm nước.", origin="p.jsonl:1",
                author="nguoi_dan_07", published="2026-11-19T20:00:00+07:00"),
        RawItem(kind="news", title="Thủ Đức ngập sau mưa", text=NEWS, origin="n#1", published="2026-11-19T08:00:00+07:00"),
    ]
    ingest(engine, FakeSource(items), options(), label="search")
    [power] = search_documents(engine, SearchQuery("khong co dien")).hits
    assert power.kind == "post" and "cúp điện" in power.snippet
    [news] = search_documents(engine, SearchQuery("thu duc ngap sau mua")).hits  # words of the title
    assert news.title == "Thủ Đức ngập sau mưa"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(document_search)).scalar_one() == 2


def test_a_deleted_document_leaves_the_index(engine: Engine, corpus: dict[str, int]) -> None:
    with engine.begin() as conn:
        conn.execute(documents.delete().where(documents.c.id.in_([corpus["rubbish"], corpus["sport"]])))
    assert found(engine, "rac thu gom") == []
    rubbish = write(engine, RUBBISH + " Lần nữa.")
    assert found(engine, "rac thu gom") == [rubbish]
    # SQLite gives the deleted last id to the next document: the old words must not follow it.
    assert found(engine, "doi tuyen viet nam") == []
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO document_search_fts(document_search_fts) VALUES ('integrity-check')"))


def test_a_document_moved_in_time_is_found_at_its_new_time(engine: Engine, corpus: dict[str, int]) -> None:
    later = datetime(2026, 11, 15, 2, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == corpus["flood"]).values(published_at=later))
    assert found(engine, "ngap nuoc", start=later) == [corpus["flood"]]
    assert found(engine, "ngap") == [corpus["flood"], corpus["news"]]


def test_reindex_rebuilds_from_the_documents(engine: Engine, corpus: dict[str, int]) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM document_search"))
    assert found(engine, "ngap nuoc") == []
    done: list[int] = []
    assert reindex(engine, progress=done.append) == 6 and done[-1] == 6
    assert found(engine, "ngap nuoc thu duc") == [corpus["flood"]]
    assert set(found(engine, "ko co dien")) == {corpus["power"], corpus["teen"]}


def test_migration_indexes_documents_written_before_it(empty_engine: Engine) -> None:
    migrate(empty_engine, "0005")
    at = datetime(2026, 10, 12, 11, tzinfo=UTC)
    with empty_engine.begin() as conn:
        for serial, body in enumerate((FLOOD, NO_POWER_TEEN)):
            story = conn.execute(stories.insert().values(size=1, founder_hash=f"h{serial}", first_published_at=at,
                                                         last_published_at=at)).inserted_primary_key[0]
            conn.execute(documents.insert().values(
                story_id=story, kind="post", published_at=at, fetched_at=at, text=body, lang="vi",
                chars=len(body), flags="", origin=f"old:{serial}", content_hash=f"c{serial}"))
    migrate(empty_engine)
    assert len(found(empty_engine, "ngap nuoc thu duc")) == 1
    assert len(found(empty_engine, "khong co dien")) == 1


def test_the_stored_words_column_migration_keeps_every_document_findable(empty_engine: Engine) -> None:
    # 0007 indexed PostgreSQL on the expression; 0008 moves to a stored column. Documents
    # indexed before must be found after, and the step must go down and up again.
    migrate(empty_engine, "0007")
    at = datetime(2026, 10, 12, 11, tzinfo=UTC)
    with empty_engine.begin() as conn:
        story = conn.execute(stories.insert().values(size=1, founder_hash="h", first_published_at=at,
                                                     last_published_at=at)).inserted_primary_key[0]
        doc = conn.execute(documents.insert().values(
            story_id=story, kind="post", published_at=at, fetched_at=at, text=FLOOD, lang="vi",
            chars=len(FLOOD), flags="", origin="old:0", content_hash="c0")).inserted_primary_key[0]
        index_documents(conn, [doc])
    migrate(empty_engine)
    assert len(found(empty_engine, "ngap nuoc thu duc")) == 1
    downgrade(empty_engine, "0007")  # this code searches the 0008 layout: only the steps are checked
    assert current_revision(empty_engine) == "0007"
    migrate(empty_engine)
    assert len(found(empty_engine, "ngap nuoc thu duc")) == 1


def test_sqlite_time_keys_agree_with_python(sqlite_engine: Engine) -> None:
    """Date ranges become ranges of FTS rowids computed in Python: both sides must agree."""
    from duluan.search.index import sort_key

    doc_id = write(sqlite_engine, FLOOD)
    with sqlite_engine.connect() as conn:
        published = conn.execute(select(documents.c.published_at).where(documents.c.id == doc_id)).scalar_one()
        [rowid] = conn.execute(text("SELECT rowid FROM document_search_fts WHERE document_search_fts MATCH 'ngap'")).scalars()
    assert rowid == sort_key(published, doc_id)
    assert found(sqlite_engine, "ngap", start=published, end=published + timedelta(microseconds=1)) == [doc_id]
    assert found(sqlite_engine, "ngap", end=published) == []
