"""JSONL and CSV exports of posts: mapping, kinds, counts, rejects, and hidden authors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duluan.errors import SourceError, UsageError
from duluan.records import RawItem, RawReject
from duluan.sources.exports import CsvExportSource, FieldMapping, JsonlExportSource

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
JSONL_MAPPING = FieldMapping.from_spec("text=message,time=created_at,author=from,kind=type")
CSV_MAPPING = FieldMapping.from_spec("text=message,time=created_at")
JSONL_AUTHORS = ["Nguyễn Văn An", "Lý Thị Hoa", "Đặng Quốc Huy", "Hoàng Mai Lan", "Vũ Thanh Tùng",
                 "Bùi Văn Nam", "Ngô Thị Yến"]  # fmt: skip
CSV_AUTHORS = ["Trần Văn Bảo", "Phan Thị Thu", "Lâm Quốc Việt", "Đỗ Minh Khoa", "Tạ Văn Hùng",
               "Mạc Thị Hương"]  # fmt: skip


def summary(outputs):
    return [(o.origin, o.reason if isinstance(o, RawReject) else o.kind) for o in outputs]


# --- FieldMapping -----------------------------------------------------------------------


def test_mapping_defaults_name_each_field_after_itself():
    mapping = FieldMapping()
    assert mapping.text == "text"
    assert mapping.parent_id == "parent_id"
    assert mapping.kind == "kind"


def test_mapping_from_spec_changes_only_the_named_fields():
    mapping = FieldMapping.from_spec(" text = message , time=created_at,")
    assert mapping.text == "message"
    assert mapping.time == "created_at"
    assert mapping.author == "author"
    assert FieldMapping.from_spec("") == FieldMapping()


def test_mapping_unknown_field_is_named_with_the_valid_ones():
    with pytest.raises(UsageError) as caught:
        FieldMapping.from_spec("text=message,body=content")
    message = str(caught.value)
    assert "unknown field 'body'" in message
    assert "text, time, url, author, platform, likes, shares, comments, parent_id, id" in message


@pytest.mark.parametrize("spec", ["text", "text=", "=message"])
def test_mapping_entry_without_column_is_a_usage_error(spec):
    with pytest.raises(UsageError, match="field=column"):
        FieldMapping.from_spec(spec)


def test_mapping_field_named_twice_is_a_usage_error():
    with pytest.raises(UsageError, match="'text' is mapped twice"):
        FieldMapping.from_spec("text=a,text=b")


# --- JSON Lines ---------------------------------------------------------------------------


@pytest.fixture
def jsonl_outputs():
    return list(JsonlExportSource(FIXTURES / "posts.jsonl", JSONL_MAPPING).read())


def test_jsonl_every_line_is_an_item_or_a_reject(jsonl_outputs):
    assert summary(jsonl_outputs) == [
        ("posts.jsonl:1", "post"),
        ("posts.jsonl:2", "comment"),
        ("posts.jsonl:3", "post"),  # has a parent, but its kind column says post
        ("posts.jsonl:4", "broken_json"),
        ("posts.jsonl:5", "missing_text"),
        ("posts.jsonl:6", "missing_text"),
        ("posts.jsonl:8", "unknown_encoding"),
        ("posts.jsonl:9", "post"),  # the line after a bad one is not lost
    ]


def test_jsonl_item_fields_follow_the_mapping(jsonl_outputs):
    post = jsonl_outputs[0]
    assert isinstance(post, RawItem)
    assert post.text == "Đường Lê Lợi ngập nặng quá, ko đi được"
    assert post.published == "2025-09-12T18:40:00+07:00"
    assert post.author == "Nguyễn Văn An"
    assert post.platform == "facebook"
    assert post.url == "https://social.example/p1"
    assert post.external_id == "p1"
    assert (post.likes, post.shares, post.comments) == (12, 3, 1234)
    assert post.extra == {}


def test_jsonl_comment_keeps_raw_date_and_notes_bad_counts(jsonl_outputs):
    comment = jsonl_outputs[1]
    assert isinstance(comment, RawItem)
    assert comment.parent_id == "p1"
    assert comment.published == "2 giờ trước"
    assert comment.likes is None
    assert comment.extra["invalid_counts"] == {"likes": "nhiều"}


def test_jsonl_numeric_time_is_passed_as_a_string(jsonl_outputs):
    last = jsonl_outputs[-1]
    assert isinstance(last, RawItem)
    assert last.published == "1757670000"


def test_jsonl_rejects_say_what_and_where(jsonl_outputs):
    broken, not_object, no_text, undecodable = jsonl_outputs[3:7]
    assert "line 4" in broken.message and "not valid JSON" in broken.message
    assert "JSON list" in not_object.message
    assert "'message'" in no_text.message and "missing" in no_text.message
    assert "not UTF-8" in undecodable.message
    assert "\\x" in undecodable.raw


def test_jsonl_reject_payloads_never_hold_an_author(jsonl_outputs):
    rejects = [o for o in jsonl_outputs if isinstance(o, RawReject)]
    for reject in rejects:
        for name in JSONL_AUTHORS:
            assert name not in reject.raw
            assert name not in reject.message
    assert '"from": "[author]"' in rejects[0].raw  # broken line, hidden by pattern
    assert json.loads(rejects[2].raw)["from"] == "[author]"
    assert '"[author]"' in rejects[3].raw  # undecodable line


def test_jsonl_unterminated_author_is_hidden_to_the_end_of_the_line(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "Mất nước", "author": "Nguyễn Thị Bí mật\n', encoding="utf-8")
    (reject,) = JsonlExportSource(path).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "broken_json"
    assert "Bí mật" not in reject.raw
    assert "Mất nước" in reject.raw
    # json's own words end in "at": the column follows them once, not "at at column".
    assert reject.message.endswith("Unterminated string starting at column 32")


def write_jsonl(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "posts.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "count", "noted"),
    [
        (7, 7, False),
        ("42", 42, False),
        ("1,234", 1234, False),
        ("1.234.567", 1234567, False),
        (5.0, 5, False),
        ("", None, False),
        (None, None, False),
        ("1.5", None, True),
        (2.5, None, True),
        (-3, None, True),
        (True, None, True),
        ("12k", None, True),
    ],
)
def test_engagement_counts(tmp_path, value, count, noted):
    path = write_jsonl(tmp_path, {"text": "Ổn", "shares": value})
    (item,) = JsonlExportSource(path).read()
    assert isinstance(item, RawItem)
    assert item.shares == count
    assert ("invalid_counts" in item.extra) is noted


def test_default_kind_and_parent_make_comments(tmp_path):
    path = write_jsonl(
        tmp_path,
        {"text": "Bài gốc"},
        {"text": "Trả lời", "parent_id": 17},
        {"text": "Lạ", "kind": "tweet"},
    )
    root, reply, odd = JsonlExportSource(path, default_kind="news").read()
    assert isinstance(root, RawItem) and isinstance(reply, RawItem) and isinstance(odd, RawItem)
    assert root.kind == "news"
    assert (reply.kind, reply.parent_id) == ("comment", "17")
    assert odd.kind == "news"
    assert odd.extra["invalid_kind"] == "tweet"


@pytest.mark.parametrize(("value", "what"), [("   ", "is empty"), ({"a": 1}, "is not text")])
def test_text_that_is_blank_or_not_text_is_missing_text(tmp_path, value, what):
    (reject,) = JsonlExportSource(write_jsonl(tmp_path, {"text": value})).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "missing_text"
    assert what in reject.message


def test_unknown_default_kind_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="unknown document kind 'tweet'"):
        JsonlExportSource(tmp_path / "x.jsonl", default_kind="tweet")


def test_missing_export_raises_source_error(tmp_path):
    with pytest.raises(SourceError, match="khong-co.jsonl"):
        list(JsonlExportSource(tmp_path / "khong-co.jsonl").read())
    with pytest.raises(SourceError, match="khong-co.csv"):
        list(CsvExportSource(tmp_path / "khong-co.csv").read())


# --- CSV ----------------------------------------------------------------------------------


@pytest.fixture
def csv_outputs():
    return list(CsvExportSource(FIXTURES / "posts.csv", CSV_MAPPING).read())


def test_csv_every_row_is_an_item_or_a_reject(csv_outputs):
    assert summary(csv_outputs) == [
        ("posts.csv:2", "post"),
        ("posts.csv:3", "comment"),  # a quoted post over two lines starts on line 3
        ("posts.csv:5", "malformed_row"),
        ("posts.csv:6", "missing_text"),
        ("posts.csv:8", "unknown_encoding"),
        ("posts.csv:9", "post"),
    ]


def test_csv_items_follow_the_mapping(csv_outputs):
    post, comment = csv_outputs[:2]
    assert isinstance(post, RawItem) and isinstance(comment, RawItem)
    assert post.text == "Rác không được thu gom ba ngày rồi, bức xúc quá"
    assert post.published == "2025-09-12 08:00"
    assert post.author == "Trần Văn Bảo"
    assert (post.likes, post.shares, post.comments) == (5, 0, 2)
    assert post.parent_id is None
    assert comment.text == "Đồng ý,\nphường cần xử lý ngay"
    assert comment.parent_id == "p1"
    assert (comment.shares, comment.comments) == (None, None)
    assert comment.extra == {}  # empty cells are absent, not invalid
    last = csv_outputs[-1]
    assert isinstance(last, RawItem)
    assert last.extra["invalid_counts"] == {"shares": "x"}


def test_csv_rejects_hide_authors(csv_outputs):
    rejects = [o for o in csv_outputs if isinstance(o, RawReject)]
    for reject in rejects:
        for name in CSV_AUTHORS:
            assert name not in reject.raw
            assert name not in reject.message
    malformed = rejects[0]
    assert "10 columns" in malformed.message and "header has 9" in malformed.message
    assert "Thừa cột" in malformed.raw
    assert "[author]" in rejects[1].raw and "[author]" in rejects[2].raw


def test_csv_without_the_text_column_names_the_columns(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,Xin chào\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(CsvExportSource(path).read())
    assert "no column 'text'" in str(caught.value)
    assert "id, body" in str(caught.value)


def test_csv_header_that_is_not_utf8_stops_the_source(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_bytes("văn bản,id\n".encode("cp1258", errors="replace") + b"x,1\n")
    with pytest.raises(SourceError, match="not UTF-8"):
        list(CsvExportSource(path).read())


def test_csv_with_bom_and_crlf(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_bytes("\ufefftext,author\r\nNgập quá,Hà Thị Mơ\r\n".encode())
    (item,) = CsvExportSource(path).read()
    assert isinstance(item, RawItem)
    assert item.text == "Ngập quá"
    assert item.author == "Hà Thị Mơ"
    assert item.origin == "posts.csv:2"


def test_empty_csv_yields_nothing(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_bytes(b"")
    assert list(CsvExportSource(path).read()) == []


def test_csv_field_over_the_csv_limit_is_one_malformed_row(tmp_path):
    path = tmp_path / "posts.csv"
    huge = "ngập " * 30_000  # over the csv module's 128 KB field limit
    path.write_text(f'text,author\n"{huge}",Nguyễn Văn Lớn\nVẫn đọc được,Lê Thị Bé\n')
    reject, item = CsvExportSource(path).read()
    assert isinstance(reject, RawReject)
    assert reject.reason == "malformed_row"
    assert reject.origin == "posts.csv:2"
    assert "Nguyễn Văn Lớn" not in reject.raw
    assert huge.strip() in reject.raw
    assert isinstance(item, RawItem)
    assert item.text == "Vẫn đọc được"
