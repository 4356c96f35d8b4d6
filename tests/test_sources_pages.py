"""PageSource on saved pages and on pages served from 127.0.0.1."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from duluan.errors import SourceError, UsageError
from duluan.records import RawItem, RawReject
from duluan.sources.http import PoliteFetcher
from duluan.sources.pages import PageSource, decode_html
from sources_server import FakeClock, LocalServer, Route

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def page(name: str) -> str:
    return str(FIXTURES / name)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_saved_article_gives_main_text_and_metadata():
    (item,) = PageSource([page("article.html")]).read()
    assert isinstance(item, RawItem)
    assert item.kind == "page"
    assert "ngập sâu tới nửa bánh xe" in item.text
    assert "nạo vét cống trong tuần tới" in item.text
    assert "Trang chủ" not in item.text  # the menu is boilerplate
    assert "Liên hệ quảng cáo" not in item.text
    assert item.title is not None and "Thảo Điền" in item.title
    assert item.byline == "Trần Thị Bình"
    assert item.author is None
    assert item.published == "2025-09-12"
    assert item.origin == page("article.html")


def test_caller_can_say_pages_are_news():
    (item,) = PageSource([page("article.html")], kind="news").read()
    assert isinstance(item, RawItem)
    assert item.kind == "news"


def test_unknown_document_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown document kind 'article'"):
        PageSource([page("article.html")], kind="article")


def test_legacy_charset_declared_in_meta_is_decoded():
    (item,) = PageSource([page("article_cp1258.html")]).read()
    assert isinstance(item, RawItem)
    assert "Người dân xã Tân Phú đề nghị sửa cây cầu tạm" in nfc(str(item.text))


def test_undeclared_legacy_bytes_are_rejected_not_guessed():
    (reject,) = PageSource([page("undeclared_cp1258.html")]).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "unknown_encoding"
    assert "undeclared_cp1258.html" in reject.message
    assert "\\x" in reject.raw  # undecodable bytes kept visibly, not dropped


def test_page_without_article_is_no_main_text():
    (reject,) = PageSource([page("menu_only.html")]).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "no_main_text"
    assert "Trang chủ" in reject.raw


def test_empty_file_is_no_main_text(tmp_path):
    empty = tmp_path / "trong.html"
    empty.write_bytes(b"")
    (reject,) = PageSource([str(empty)]).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "no_main_text"


def test_missing_saved_page_fails_before_reading_anything(tmp_path):
    source = PageSource([page("article.html"), str(tmp_path / "mat.html")])
    with pytest.raises(SourceError, match="mat.html"):
        next(iter(source.read()))


def test_decode_html_drops_the_byte_order_mark():
    assert decode_html("\ufeffXin chào".encode()) == "Xin chào"


def test_decode_html_falls_back_to_the_header_charset():
    body = "Tiền điện".encode("cp1258", errors="replace")
    assert decode_html(body) is None
    assert decode_html(body, "text/html; charset=windows-1258") == body.decode("cp1258")


def test_decode_html_ignores_unknown_charset_names():
    assert decode_html(b"\xff\xfe broken", "text/html; charset=no-such-codec") is None


def test_pages_over_http_and_a_failed_url_is_one_reject():
    article = (FIXTURES / "article.html").read_bytes()
    legacy = (FIXTURES / "undeclared_cp1258.html").read_bytes()
    routes = {
        "/bai/ngap.html": Route(article),
        # No <meta>: only the HTTP header says the charset.
        "/bai/cu.html": Route(legacy, content_type="text/html; charset=windows-1258"),
    }
    clock = FakeClock()
    fetcher = PoliteFetcher(clock=clock, sleep=clock.sleep)
    with LocalServer(routes) as server:
        urls = [
            server.url("/bai/ngap.html"),
            server.url("/bai/mat.html"),
            server.url("/bai/cu.html"),
        ]
        ok, failed, legacy_item = PageSource(urls, fetcher).read()
    assert isinstance(ok, RawItem)
    assert ok.url == urls[0]
    assert ok.origin == urls[0]
    assert "Thảo Điền" in ok.text
    assert isinstance(failed, RawReject)
    assert failed.reason == "fetch_failed"
    assert "HTTP 404" in failed.message
    assert isinstance(legacy_item, RawItem)
    assert "Chính quyền địa phương" in nfc(str(legacy_item.text))
