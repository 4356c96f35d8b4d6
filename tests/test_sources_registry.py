"""make_source: the kinds, their options, and the messages for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from duluan.errors import UnknownSourceKind, UsageError
from duluan.records import RawItem
from duluan.sources.exports import CsvExportSource, FieldMapping, JsonlExportSource
from duluan.sources.feeds import FeedSource
from duluan.sources.folders import FolderSource
from duluan.sources.http import FetchState, PoliteFetcher
from duluan.sources.pages import PageSource
from duluan.sources.registry import SOURCE_KINDS, make_source

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_source_kinds():
    assert SOURCE_KINDS == ("feed", "page", "jsonl", "csv", "folder")


def test_unknown_kind_message_lists_the_kinds():
    with pytest.raises(UnknownSourceKind) as caught:
        make_source("rss2", "x.xml", {})
    assert str(caught.value) == (
        "unknown source kind 'rss2'; expected one of: feed, page, jsonl, csv, folder"
    )


@pytest.mark.parametrize(
    ("kind", "location", "cls"),
    [
        ("feed", "rss20.xml", FeedSource),
        ("page", "article.html", PageSource),
        ("jsonl", "posts.jsonl", JsonlExportSource),
        ("csv", "posts.csv", CsvExportSource),
        ("folder", "folder", FolderSource),
    ],
)
def test_each_kind_makes_its_reader(kind, location, cls):
    source = make_source(kind, str(FIXTURES / location), None)
    assert type(source) is cls
    assert source.kind == kind


def test_feed_options_carry_fetcher_and_state():
    fetcher, state = PoliteFetcher(), FetchState(etag='"x"')
    source = make_source(
        "feed", "https://bao-mau.example/rss", {"fetcher": fetcher, "state": state}
    )
    assert isinstance(source, FeedSource)
    assert source.fetcher is fetcher
    assert source.state is state


def test_mapping_spec_and_default_kind_reach_the_export_reader():
    source = make_source(
        "jsonl",
        str(FIXTURES / "posts.jsonl"),
        {"mapping": "text=message,author=from,kind=type", "default_kind": "comment"},
    )
    assert isinstance(source, JsonlExportSource)
    assert source.mapping == FieldMapping(text="message", author="from", kind="type")
    first = next(iter(source.read()))
    assert isinstance(first, RawItem)
    assert first.kind == "comment"
    assert first.author == "Nguyễn Văn An"


def test_page_default_kind_becomes_the_document_kind():
    source = make_source("page", str(FIXTURES / "article.html"), {"default_kind": "news"})
    (item,) = source.read()
    assert isinstance(item, RawItem)
    assert item.kind == "news"


def test_bad_mapping_spec_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown field 'body'"):
        make_source("csv", "posts.csv", {"mapping": "body=message"})


def test_unknown_option_is_named():
    with pytest.raises(UsageError, match="unknown option 'mapping' for source kind 'feed'"):
        make_source("feed", "rss.xml", {"mapping": "text=message"})


def test_option_of_the_wrong_type_is_a_usage_error():
    with pytest.raises(UsageError, match="option 'state' should be a FetchState"):
        make_source("feed", "rss.xml", {"state": {"etag": "x"}})
    with pytest.raises(UsageError, match="option 'mapping'"):
        make_source("jsonl", "posts.jsonl", {"mapping": 3})


def test_unknown_default_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown document kind 'tweet'"):
        make_source("csv", "posts.csv", {"default_kind": "tweet"})
