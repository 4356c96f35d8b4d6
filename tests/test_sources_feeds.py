"""FeedSource on RSS 0.91, RSS 1.0, RSS 2.0 and Atom files, and on a local HTTP server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from duluan.errors import FetchError, SourceError
from duluan.records import RawItem, RawReject
from duluan.sources.feeds import FeedSource, html_to_text
from duluan.sources.http import FetchSettings, FetchState, PoliteFetcher
from sources_server import FakeClock, LocalServer, Route

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
FIXED_NOW = datetime(2025, 9, 12, 11, 0, tzinfo=UTC)


def read(name: str) -> list[RawItem | RawReject]:
    return list(FeedSource(str(FIXTURES / name)).read())


def items(outputs: list[RawItem | RawReject]) -> list[RawItem]:
    return [o for o in outputs if isinstance(o, RawItem)]


def test_rss091_items_take_their_text_from_description():
    out = read("rss091.xml")
    assert [o.title for o in items(out)] == [
        "Hà Nội mở thêm ba tuyến xe buýt điện",
        "Giá điện sinh hoạt tăng từ ngày mai",
    ]
    first = out[0]
    assert isinstance(first, RawItem)
    assert first.kind == "news"
    assert first.text.startswith("Từ tháng sau, người dân quận Cầu Giấy")
    assert first.url == "https://bao-mau.example/thoi-su/xe-buyt-dien-1001.html"
    assert first.origin.endswith("rss091.xml#1")
    assert first.extra["feed_title"] == "Báo Mẫu - Thời sự"


def test_rss10_uses_content_encoded_dc_date_and_creator():
    (item,) = read("rss10.rdf")
    assert isinstance(item, RawItem)
    assert item.text == (
        "Nhiều phụ huynh ở phường Bến Thành cho biết học phí năm học mới tăng gần 30%.\n"
        "Sở Giáo dục và Đào tạo hứa sẽ rà soát các khoản thu."
    )
    assert item.published == "2025-09-05T07:15:00+07:00"
    assert item.byline == "Lê Văn Cường"
    assert item.author is None  # a journalist's byline is not a social-media author
    assert item.external_id == "https://bao-mau.example/giao-duc/hoc-phi-2001.html"


def test_rss20_strips_html_keeps_paragraphs_and_raw_dates():
    out = read("rss20.xml")
    first, second, third = out
    assert isinstance(first, RawItem)
    assert first.text == (
        "Chiều 12/9, mưa lớn khiến nhiều tuyến đường ngập sâu.\n"
        "Người dân phải dắt xe về nhà.\n"
        "UBND phường hứa nạo vét cống."
    )
    assert first.published == "Fri, 12 Sep 2025 18:30:00 +0700"
    assert first.byline == "Trần Thị Bình"
    assert first.external_id == "bao-mau-3001"
    assert first.extra["tags"] == ["Đô thị", "Ngập lụt"]
    # The Vietnamese date is passed through untouched for the pipeline to parse.
    assert isinstance(second, RawItem)
    assert second.published == "Thứ Sáu, ngày 12 tháng 9 năm 2025"
    assert second.text == "Rác tồn đọng trên đường Nguyễn Trãi"
    assert second.extra["text_is_title"] is True
    assert isinstance(third, RawReject)
    assert third.reason == "empty_text"
    assert third.origin.endswith("rss20.xml#3")
    assert "bao-mau-3003" in third.raw


def test_atom_prefers_content_and_published_over_summary_and_updated():
    first, second = read("atom.xml")
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.text == (
        "Số ca sốt xuất huyết tuần qua tăng 20% so với cùng kỳ.\nDiệt lăng quăng\nNgủ màn"
    )
    assert "Tóm tắt" not in first.text
    assert first.published == "2025-09-09T08:00:00+07:00"
    assert first.byline == "Phạm Minh Đức"
    assert first.external_id == "tag:bao-mau.example,2025:4001"
    assert second.text == "Hành lang bệnh viện chật kín người bệnh chờ khám."
    assert second.published == "2025-09-08T20:00:00+07:00"
    assert second.byline is None


def test_malformed_feed_is_one_reject_with_the_payload():
    (reject,) = read("malformed.xml")
    assert isinstance(reject, RawReject)
    assert reject.reason == "malformed_feed"
    assert "malformed.xml" in reject.message
    assert "<title>Báo Mẫu</title>" in reject.raw


def test_html_page_is_not_a_feed():
    (reject,) = read("article.html")
    assert isinstance(reject, RawReject)
    assert reject.reason == "malformed_feed"


def test_empty_but_valid_feed_yields_nothing(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text('<rss version="2.0"><channel><title>Trống</title></channel></rss>')
    assert list(FeedSource(str(path)).read()) == []


def test_missing_feed_file_raises_source_error(tmp_path):
    missing = tmp_path / "khong-co.xml"
    with pytest.raises(SourceError, match="khong-co.xml"):
        list(FeedSource(str(missing)).read())


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Một</p><p>Hai</p>", "Một\nHai"),
        ("Dòng một<br>dòng hai", "Dòng một\ndòng hai"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<p>Giá <b>tăng</b>   mạnh</p>", "Giá tăng mạnh"),
        ("<p>A&nbsp;&amp;&nbsp;B</p><script>alert(1)</script>", "A & B"),
        ("chỉ là chữ", "chỉ là chữ"),
        ("  ", ""),
    ],
)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def fetcher() -> PoliteFetcher:
    clock = FakeClock()
    return PoliteFetcher(FetchSettings(), clock=clock, sleep=clock.sleep, now=lambda: FIXED_NOW)


def test_feed_over_http_then_not_modified():
    route = Route(
        (FIXTURES / "rss20.xml").read_bytes(),
        content_type="application/rss+xml; charset=utf-8",
        etag='"rss-1"',
        last_modified="Fri, 12 Sep 2025 11:00:00 GMT",
    )
    with LocalServer({"/rss/do-thi.rss": route}) as server:
        url = server.url("/rss/do-thi.rss")
        polite = fetcher()
        first = FeedSource(url, polite)
        out = list(first.read())
        assert [o.origin for o in out] == [f"{url}#1", f"{url}#2", f"{url}#3"]
        assert first.new_state is not None
        assert first.new_state.etag == '"rss-1"'
        assert first.new_state.last_fetched == FIXED_NOW
        assert not first.not_modified

        second = FeedSource(url, polite, first.new_state)
        assert list(second.read()) == []
        assert second.not_modified
        assert second.new_state is not None
        assert second.new_state.last_status == 304
        assert second.new_state.etag == '"rss-1"'


def test_unreachable_feed_raises_and_records_the_error():
    with LocalServer({}) as server:
        url = server.url("/missing.rss")
        source = FeedSource(url, fetcher(), FetchState(etag='"old"'))
        with pytest.raises(FetchError, match="HTTP 404"):
            list(source.read())
    assert source.new_state is not None
    assert "HTTP 404" in (source.new_state.last_error or "")
    assert source.new_state.etag == '"old"'
    assert source.new_state.last_fetched == FIXED_NOW
