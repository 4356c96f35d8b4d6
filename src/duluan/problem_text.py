"""Why an item or a source could not be read: one table of messages, English and Vietnamese.

Sources and `prepare` write the English form into rejects, runs and sources (the CLI and
the logs read it as stored); the dashboard shows the Vietnamese form. Both come from
the same entry, so a message the producers write can always be read back: `in_language`
matches a stored text against each entry's English form and fills the Vietnamese one with
the same fields. A text no entry matches (written by an older version, or by a library)
is shown as stored.

Fields are filled as given; a field that holds a library's own wording (json's or the
CSV reader's complaint, an OS error) stays as the library wrote it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime
from functools import cache

__all__ = ["PROBLEMS", "problem_message", "in_language"]


@dataclass(frozen=True)
class ProblemText:
    english: str
    vietnamese: str


PROBLEMS: dict[str, ProblemText] = {
    # exports (JSON Lines, CSV)
    "line_not_utf8": ProblemText(
        "line {line} of {file} is not UTF-8",
        "dòng {line} của {file} không phải UTF-8",
    ),
    "text_field_empty": ProblemText(
        "line {line} of {file}: the text field '{field}' is empty",
        "dòng {line} của {file}: trường văn bản '{field}' để trống",
    ),
    "text_field_missing": ProblemText(
        "line {line} of {file}: the text field '{field}' is missing",
        "dòng {line} của {file}: thiếu trường văn bản '{field}'",
    ),
    "text_field_not_text": ProblemText(
        "line {line} of {file}: the text field '{field}' is not text ({kind})",
        "dòng {line} của {file}: trường văn bản '{field}' không phải chuỗi chữ ({kind})",
    ),
    "line_not_json": ProblemText(
        "line {line} of {file} is not valid JSON: {detail}",
        "dòng {line} của {file} không phải JSON hợp lệ: {detail}",
    ),
    "line_not_object": ProblemText(
        "line {line} of {file} is a JSON {kind}, not an object with a '{field}' field",
        "dòng {line} của {file} là JSON kiểu {kind}, không phải đối tượng có trường '{field}'",
    ),
    "line_not_csv": ProblemText(
        "line {line} of {file} is not valid CSV: {detail}",
        "dòng {line} của {file} không phải CSV hợp lệ: {detail}",
    ),
    "csv_columns": ProblemText(
        "line {line} of {file} has {count} columns, the header has {header}",
        "dòng {line} của {file} có {count} cột, dòng tiêu đề có {header}",
    ),
    # pages, folders, feeds
    "page_not_utf8": ProblemText(
        "{origin} is not UTF-8 and declares no charset we can decode; "
        "save it as UTF-8 or add <meta charset> to its head",
        "{origin} không phải UTF-8 và không khai báo bảng mã nào đọc được; "
        "hãy lưu tệp ở dạng UTF-8 hoặc thêm <meta charset> vào phần head",
    ),
    "no_main_text": ProblemText(
        "found no article text in {origin} ({chars} characters, fewer than {least})",
        "không tìm thấy nội dung bài viết trong {origin} ({chars} ký tự, ít hơn {least})",
    ),
    "cannot_read": ProblemText("cannot read {path}: {detail}", "không đọc được {path}: {detail}"),
    "cannot_read_export": ProblemText(
        "cannot read export {path}: {detail}", "không đọc được tệp xuất {path}: {detail}"
    ),
    "cannot_read_feed_file": ProblemText(
        "cannot read feed file {path}: {detail}", "không đọc được tệp nguồn tin {path}: {detail}"
    ),
    "folder_missing": ProblemText(
        "cannot read folder {path}: it does not exist", "không đọc được thư mục {path}: thư mục không tồn tại"
    ),
    "not_a_folder": ProblemText(
        "cannot read folder {path}: it is not a folder", "không đọc được thư mục {path}: đây không phải thư mục"
    ),
    "header_not_utf8": ProblemText(
        "the header of {path} is not UTF-8; save it as UTF-8",
        "dòng tiêu đề của {path} không phải UTF-8; hãy lưu tệp ở dạng UTF-8",
    ),
    "saved_page_missing": ProblemText("saved page not found: {paths}", "không tìm thấy trang đã lưu: {paths}"),
    "file_empty": ProblemText("{file} is empty", "{file} trống"),
    "not_a_feed": ProblemText(
        "{location} is not a readable RSS or Atom feed: {detail}",
        "{location} không phải nguồn tin RSS hoặc Atom đọc được: {detail}",
    ),
    "entry_empty": ProblemText(
        "entry {entry} of {location} has neither title nor text",
        "mục {entry} của {location} không có tiêu đề lẫn nội dung",
    ),
    # one item, whatever its source (prepare)
    "unknown_kind": ProblemText(
        "kind {kind}; expected one of: {kinds}",
        "loại {kind} không hợp lệ; cần một trong: {kinds}",
    ),
    "empty_after_cleaning": ProblemText(
        "text has {chars} characters after cleaning",
        "văn bản chỉ còn {chars} ký tự sau khi làm sạch",
    ),
    "future_date": ProblemText(
        "published {published} is after now ({now})",
        "thời điểm đăng {published} muộn hơn hiện tại ({now})",
    ),
    "unknown_encoding": ProblemText(
        "{size} bytes are not UTF-8, UTF-16, TCVN3, VNI, Windows-1258 or cp1252 text "
        "(starts {start}); save the file as UTF-8 and ingest it again",
        "{size} byte không phải văn bản UTF-8, UTF-16, TCVN3, VNI, Windows-1258 hay cp1252 "
        "(bắt đầu bằng {start}); hãy lưu tệp ở dạng UTF-8 rồi nạp lại",
    ),
    # fetching over HTTP
    "robots_disallow": ProblemText(
        "robots.txt of {host} disallows {url} for our User-Agent; "
        "remove it from the sources or ask the site for permission",
        "robots.txt của {host} không cho User-Agent của chúng ta đọc {url}; "
        "hãy bỏ nguồn này hoặc xin phép trang",
    ),
    "robots_unreadable": ProblemText(
        "could not read robots.txt of {host}: {detail}",
        "không đọc được robots.txt của {host}: {detail}",
    ),
    "http_status": ProblemText("{url} answered HTTP {status}", "{url} trả lời HTTP {status}"),
    "fetch_timeout": ProblemText(
        "could not fetch {url}: no answer within {seconds} s",
        "không tải được {url}: không có trả lời sau {seconds} giây",
    ),
    "fetch_failed": ProblemText("could not fetch {url}: {detail}", "không tải được {url}: {detail}"),
    "too_large": ProblemText(
        "{url} is larger than the {limit} limit; "
        "raise max_bytes in the fetch settings if this source is genuine",
        "{url} lớn hơn giới hạn {limit}; "
        "hãy tăng max_bytes trong cài đặt tải nếu nguồn này đáng tin",
    ),
    "bad_scheme": ProblemText(
        "cannot fetch {url}: scheme '{scheme}' is not http or https",
        "không tải được {url}: giao thức '{scheme}' không phải http hay https",
    ),
}


def problem_message(key: str, **fields: object) -> str:
    """The English text of a problem, as it is stored."""
    return PROBLEMS[key].english.format(**fields)


def in_language(text: str | None, lang: str) -> str:
    """A stored problem text in `lang` ("vi" or "en"); a text no entry matches, as stored."""
    if not text or lang == "en":
        return text or ""
    for key, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found:
            fields = {name: _value_vi(name, value) for name, value in found.groupdict().items()}
            return PROBLEMS[key].vietnamese.format(**fields)
    return text


# json's complaints (the `detail` of a broken line), by their first words
_JSON_VI = (
    ("Unterminated string starting at", "chuỗi không được đóng, bắt đầu ở"),
    ("Expecting property name enclosed in double quotes", "thiếu tên trường trong ngoặc kép"),
    ("Expecting value", "thiếu giá trị"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm"),
    ("Extra data", "thừa dữ liệu"),
    ("Invalid control character at", "ký tự điều khiển không hợp lệ ở"),
    ("Invalid \\escape", "chuỗi thoát không hợp lệ"),
)


_TIME_FIELDS = ("published", "now")
_DETAIL_FIELDS = ("detail",)


def _value_vi(name: str, value: str) -> str:
    """A field as a Vietnamese page shows it: a time field as 08/11/2099 09:00 UTC+07:00,
    json's complaint in a detail field in words; anything else (a file named "Extra
    data.jsonl") exactly as stored."""
    if name in _TIME_FIELDS:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is None:
            return f"{moment:%d/%m/%Y %H:%M}"
        offset = moment.strftime("%z")
        zone = "UTC" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
        return f"{moment:%d/%m/%Y %H:%M} {zone}"
    if name not in _DETAIL_FIELDS:
        return value
    for english, vietnamese in _JSON_VI:
        if value.startswith(english):
            rest = value[len(english):].replace("at column", "ở cột").replace("column", "cột")
            return (vietnamese + rest.replace("line", "dòng").replace("(char", "(ký tự")).replace("  ", " ")
    return value


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # The longest forms first: a short form ("{file} is empty") would take a longer
    # one's text whole into its field.
    ordered = sorted(PROBLEMS, key=lambda key: -len(_literal(PROBLEMS[key].english)))
    return tuple((key, _pattern(PROBLEMS[key].english)) for key in ordered)


def _literal(form: str) -> str:
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(form))


# Fields naming a file, a folder or an address never hold ": " (the separator of a
# message's parts): so "cannot read folder /x: it does not exist", or any message that
# ends in " is empty", is not taken for a form whose first field would swallow its start.
_PLACE_FIELDS = ("file", "path", "location", "origin", "url", "host")


def _pattern(form: str) -> re.Pattern[str]:
    parts = []
    for literal, field, _, _ in string.Formatter().parse(form):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>(?:(?!: ).)+?)" if field in _PLACE_FIELDS else f"(?P<{field}>.+?)")
    return re.compile("".join(parts), re.DOTALL)
