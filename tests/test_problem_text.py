"""Problem messages: stored in English, read back in Vietnamese from the same table."""

from __future__ import annotations

import string

import pytest

from duluan.problem_text import PROBLEMS, in_language, problem_message
from duluan.sources.exports import JsonlExportSource


def _fields(form: str) -> dict[str, str]:
    # Values with spaces and parentheses, as real paths have; a detail (a library's
    # complaint) may hold ": " too, a path or address never does.
    return {
        field: f"<{field}: a (b) c>" if field == "detail" else f"<{field} a (b) c>"
        for _, field, _, _ in string.Formatter().parse(form)
        if field
    }


@pytest.mark.parametrize("key", sorted(PROBLEMS))
def test_every_message_reads_back_in_vietnamese_with_its_fields(key: str) -> None:
    form = PROBLEMS[key]
    fields = _fields(form.english)
    assert set(fields) == set(_fields(form.vietnamese)), "both forms name the same fields"
    stored = problem_message(key, **fields)
    assert in_language(stored, "vi") == form.vietnamese.format(**fields)
    assert in_language(stored, "en") == stored


def test_a_text_no_entry_matches_is_shown_as_stored() -> None:
    assert in_language("HTTP 503 từ máy chủ", "vi") == "HTTP 503 từ máy chủ"
    assert in_language(None, "vi") == ""


def test_a_short_form_does_not_swallow_a_longer_one() -> None:
    # "{file} is empty" would match this text whole, with file = "line 3 of a.jsonl: the ...".
    stored = problem_message("text_field_empty", line=3, file="a.jsonl", field="text")
    assert in_language(stored, "vi") == "dòng 3 của a.jsonl: trường văn bản 'text' để trống"


def test_what_a_source_writes_is_read_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "bài.jsonl"
    export.write_text('{"text": ""}\n{"text": "Mưa lớn\n', encoding="utf-8")
    stored = [item.message for item in JsonlExportSource(export).read()]
    assert in_language(stored[0], "vi") == "dòng 1 của bài.jsonl: trường văn bản 'text' để trống"
    assert in_language(stored[1], "vi").startswith("dòng 2 của bài.jsonl không phải JSON hợp lệ: chuỗi không được đóng")


def test_times_and_json_complaints_read_in_vietnamese() -> None:
    stored = problem_message("future_date", published="2099-11-08T09:00:00+07:00", now="2026-12-07T22:44:43+00:00")
    assert in_language(stored, "vi") == "thời điểm đăng 08/11/2099 09:00 UTC+07:00 muộn hơn hiện tại (07/12/2026 22:44 UTC)"
    broken = problem_message("line_not_json", line=3, file="a.jsonl", detail="Expecting value at column 1")
    assert in_language(broken, "vi") == "dòng 3 của a.jsonl không phải JSON hợp lệ: thiếu giá trị ở cột 1"
    unknown = problem_message("line_not_json", line=3, file="a.jsonl", detail="Something new")
    assert in_language(unknown, "vi") == "dòng 3 của a.jsonl không phải JSON hợp lệ: Something new"


def test_only_what_a_form_wrote_is_translated() -> None:
    assert in_language("cannot read folder /x: it does not exist", "vi") == (
        "không đọc được thư mục /x: thư mục không tồn tại"
    )
    # A message of nobody's form that happens to end like one stays as it is.
    assert in_language("something: whatever is empty", "vi") == "something: whatever is empty"
    # Only a detail's json complaint and a time field are rewritten, never a file name.
    named = problem_message("line_not_json", line=1, file="Extra data.jsonl", detail="Extra data at column 3")
    assert in_language(named, "vi") == "dòng 1 của Extra data.jsonl không phải JSON hợp lệ: thừa dữ liệu ở cột 3"
    dated_name = problem_message("cannot_read", path="20241108T0900", detail="No such file")
    assert in_language(dated_name, "vi") == "không đọc được 20241108T0900: No such file"
