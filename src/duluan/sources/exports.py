"""Exports of public posts as JSON Lines or CSV, read through a declared field mapping.

Each platform's export names its columns differently ("message", "created_time"...);
a `FieldMapping` says which column holds which field. Files are decoded line by line
so one line in a stray encoding becomes one reject and the rest of the file survives.
Authors are in clear only in `RawItem.author`: every reject payload has them replaced.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

from ..errors import SourceError, UsageError
from ..problem_text import problem_message
from ..records import DOCUMENT_KINDS, RawItem, RawReject
from .base import Source, SourceOutput

AUTHOR_PLACEHOLDER = "[author]"
_COUNT_FIELDS = ("likes", "shares", "comments")
# "1.234" and "1,234": Vietnamese exports write thousands with a dot, English with a comma.
_GROUPED_INT = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


@dataclass(frozen=True)
class FieldMapping:
    """For each field of a post, the name of the key or column that holds it."""

    text: str = "text"
    time: str = "time"
    url: str = "url"
    author: str = "author"
    platform: str = "platform"
    likes: str = "likes"
    shares: str = "shares"
    comments: str = "comments"
    parent_id: str = "parent_id"
    id: str = "id"
    title: str = "title"
    kind: str = "kind"

    @classmethod
    def from_spec(cls, spec: str | None) -> FieldMapping:
        """Parse "text=message,time=created_at"; fields not named keep their defaults."""
        valid = [f.name for f in fields(cls)]
        chosen: dict[str, str] = {}
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            name, sep, column = (s.strip() for s in part.partition("="))
            if not sep or not name or not column:
                raise UsageError(
                    f"mapping entry '{part.strip()}' should look like field=column, "
                    "e.g. text=message"
                )
            if name not in valid:
                raise UsageError(
                    f"unknown field '{name}' in mapping; expected one of: {', '.join(valid)}"
                )
            if name in chosen:
                raise UsageError(f"field '{name}' is mapped twice in '{spec}'")
            chosen[name] = column
        return cls(**chosen)


@dataclass
class _Decoded:
    """One physical line of the file: its number, and its text or its raw bytes."""

    number: int
    text: str | None
    raw: bytes


def _decoded_lines(handle: IO[bytes]) -> Iterator[_Decoded]:
    for number, raw in enumerate(handle, start=1):
        # A byte-order mark only makes sense on the first line.
        codec = "utf-8-sig" if number == 1 else "utf-8"
        try:
            yield _Decoded(number, raw.decode(codec), raw)
        except UnicodeDecodeError:
            yield _Decoded(number, None, raw)


class _ExportSource(Source):
    """What JSONL and CSV exports share: opening the file and building the item."""

    def __init__(
        self, path: str | Path, mapping: FieldMapping | None = None, default_kind: str = "post"
    ) -> None:
        if default_kind not in DOCUMENT_KINDS:
            raise UsageError(
                f"unknown document kind '{default_kind}'; "
                f"expected one of: {', '.join(DOCUMENT_KINDS)}"
            )
        self.path = Path(path)
        self.mapping = mapping or FieldMapping()
        self.default_kind = default_kind

    def _open(self) -> IO[bytes]:
        try:
            return self.path.open("rb")
        except OSError as err:
            raise SourceError(problem_message("cannot_read_export", path=self.path, detail=err.strerror or err)) from err

    def _origin(self, line: int) -> str:
        return f"{self.path.name}:{line}"

    def _undecodable(self, line: _Decoded) -> RawReject:
        return RawReject(
            reason="unknown_encoding",
            message=problem_message("line_not_utf8", line=line.number, file=self.path.name),
            origin=self._origin(line.number),
            raw=self._hide_author_in_line(line.raw.decode("utf-8", errors="backslashreplace")),
        )

    def _hide_author_in_line(self, line: str) -> str:
        """The raw line with the author's value replaced; each format knows how."""
        raise NotImplementedError

    def _to_output(self, record: dict[str, object], line: int, raw: str) -> SourceOutput:
        """Build the item from a record keyed by column names."""
        m = self.mapping
        text = record.get(m.text)
        if isinstance(text, int | float) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str) or not text.strip():
            what = "text_field_empty" if isinstance(text, str) else (
                "text_field_missing" if text is None else "text_field_not_text"
            )
            return RawReject(
                reason="missing_text",
                message=problem_message(what, line=line, file=self.path.name, field=m.text, kind=type(text).__name__),
                origin=self._origin(line),
                raw=raw,
            )
        extra: dict[str, object] = {}
        counts: dict[str, int | None] = {}
        invalid: dict[str, object] = {}
        for name in _COUNT_FIELDS:
            value = record.get(getattr(m, name))
            counts[name] = _parse_count(value)
            if counts[name] is None and value not in (None, ""):
                invalid[name] = value
        if invalid:
            extra["invalid_counts"] = invalid
        parent_id = _text_or_none(record.get(m.parent_id))
        kind = self.default_kind if parent_id is None else "comment"
        declared_kind = _text_or_none(record.get(m.kind))
        if declared_kind in DOCUMENT_KINDS:
            kind = declared_kind
        elif declared_kind is not None:
            extra["invalid_kind"] = declared_kind
        published = record.get(m.time)
        return RawItem(
            kind=kind,
            text=text,
            origin=self._origin(line),
            title=_text_or_none(record.get(m.title)),
            url=_text_or_none(record.get(m.url)),
            published=_text_or_none(published),
            author=_text_or_none(record.get(m.author)),
            platform=_text_or_none(record.get(m.platform)),
            likes=counts["likes"],
            shares=counts["shares"],
            comments=counts["comments"],
            external_id=_text_or_none(record.get(m.id)),
            parent_id=parent_id,
            extra=extra,
        )


class JsonlExportSource(_ExportSource):
    """A JSON Lines export: one JSON object per line."""

    kind = "jsonl"

    def read(self) -> Iterator[SourceOutput]:
        with self._open() as handle:
            for line in _decoded_lines(handle):
                if line.text is None:
                    yield self._undecodable(line)
                elif line.text.strip():
                    yield self._read_line(line.number, line.text.rstrip("\r\n"))

    def _read_line(self, number: int, text: str) -> SourceOutput:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            # Some of json's messages end in "at" ("Unterminated string starting at").
            where = f"column {err.colno}" if err.msg.endswith(" at") else f"at column {err.colno}"
            return RawReject(
                reason="broken_json",
                message=problem_message("line_not_json", line=number, file=self.path.name, detail=f"{err.msg} {where}"),
                origin=self._origin(number),
                raw=self._hide_author_in_line(text),
            )
        if not isinstance(value, dict):
            return RawReject(
                reason="missing_text",
                message=problem_message(
                    "line_not_object", line=number, file=self.path.name, kind=type(value).__name__,
                    field=self.mapping.text,
                ),
                origin=self._origin(number),
                raw=self._hide_author_in_line(text),
            )
        hidden = dict(value)
        if hidden.get(self.mapping.author) is not None:
            hidden[self.mapping.author] = AUTHOR_PLACEHOLDER
        return self._to_output(value, number, json.dumps(hidden, ensure_ascii=False))

    def _hide_author_in_line(self, line: str) -> str:
        # The line does not parse, so find the author's "key": value pair by pattern;
        # an unterminated string value is hidden up to the end of the line.
        key = re.escape(json.dumps(self.mapping.author))
        pattern = key + r'\s*:\s*(?:"(?:[^"\\]|\\.)*"?|[^,}\]]*)'
        replacement = f"{json.dumps(self.mapping.author)}: {json.dumps(AUTHOR_PLACEHOLDER)}"
        return re.sub(pattern, lambda _: replacement, line.rstrip("\r\n"))


class CsvExportSource(_ExportSource):
    """A CSV export whose first row names the columns."""

    kind = "csv"
    _author_index: int | None = None
    _width = 0

    def read(self) -> Iterator[SourceOutput]:
        with self._open() as handle:
            lines = _decoded_lines(handle)
            header_line = next(lines, None)
            if header_line is None:
                return
            if header_line.text is None:
                raise SourceError(problem_message("header_not_utf8", path=self.path))
            header = next(csv.reader([header_line.text]), [])
            if self.mapping.text not in header:
                raise SourceError(
                    f"{self.path.name} has no column '{self.mapping.text}' for the text; "
                    f"its columns are: {', '.join(header)} (map one with text=<column>)"
                )
            self._width = len(header)
            self._author_index = (
                header.index(self.mapping.author) if self.mapping.author in header else None
            )
            yield from self._read_rows(lines, header)

    def _read_rows(self, lines: Iterator[_Decoded], header: list[str]) -> Iterator[SourceOutput]:
        # csv.reader pulls lines itself (a quoted post may span several), so the
        # feeding generator notes each line number it hands over and sets aside the
        # undecodable lines as rejects, yielded in file order after the row at hand.
        handed: list[tuple[int, str]] = []
        pending: list[RawReject] = []

        def good_lines() -> Iterator[str]:
            for line in lines:
                if line.text is None:
                    pending.append(self._undecodable(line))
                else:
                    handed.append((line.number, line.text))
                    yield line.text

        reader = csv.reader(good_lines())
        while True:
            handed.clear()
            row: list[str] | None = None
            problem: csv.Error | None = None
            try:
                row = next(reader)
            except StopIteration:
                pass
            except csv.Error as err:
                problem = err
            yield from pending
            pending.clear()
            if problem is not None:
                first = handed[0][0] if handed else 0
                yield RawReject(
                    reason="malformed_row",
                    message=problem_message("line_not_csv", line=first, file=self.path.name, detail=problem),
                    origin=self._origin(first),
                    raw=self._hide_author_in_line("".join(text for _, text in handed)),
                )
                continue
            if row is None:
                return
            if any(cell.strip() for cell in row):
                yield self._row_to_output(row, header, handed[0][0])

    def _row_to_output(self, row: list[str], header: list[str], number: int) -> SourceOutput:
        if len(row) != len(header):
            return RawReject(
                reason="malformed_row",
                message=problem_message(
                    "csv_columns", line=number, file=self.path.name, count=len(row), header=len(header)
                ),
                origin=self._origin(number),
                raw=_csv_line(self._hide_author_in_row(row, len(header))),
            )
        record: dict[str, object] = dict(zip(header, row, strict=True))
        return self._to_output(
            record, number, _csv_line(self._hide_author_in_row(row, len(header)))
        )

    def _hide_author_in_line(self, line: str) -> str:
        try:
            row = next(csv.reader([line.rstrip("\r\n")]), [])
        except csv.Error:
            # Too broken for csv (a field over its size limit): split on commas, which
            # can only shift cells, and the shift window below covers that.
            return ",".join(self._hide_author_in_row(line.rstrip("\r\n").split(","), self._width))
        return _csv_line(self._hide_author_in_row(row, self._width))

    def _hide_author_in_row(self, row: list[str], width: int) -> list[str]:
        if self._author_index is None:
            return list(row)
        # A row with missing or extra cells may have shifted the author left or right:
        # hide every cell the author could have moved to.
        shift = len(row) - width
        low = min(self._author_index, self._author_index + shift)
        high = max(self._author_index, self._author_index + shift)
        return [
            AUTHOR_PLACEHOLDER if low <= i <= high and cell else cell for i, cell in enumerate(row)
        ]


def _csv_line(row: list[str]) -> str:
    out: list[str] = []

    class _Sink:
        def write(self, s: str) -> None:
            out.append(s)

    csv.writer(_Sink(), lineterminator="").writerow(row)
    return "".join(out)


def _parse_count(value: object) -> int | None:
    """An engagement count as an int, or None when it is absent or not a whole number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str):
        s = value.strip()
        if s.isascii() and s.isdigit():
            return int(s)
        if _GROUPED_INT.fullmatch(s):
            return int(re.sub(r"[.,]", "", s))
    return None


def _text_or_none(value: object) -> str | None:
    """A field as a string; None for absent or empty values. Numbers become strings."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    text = str(value).strip()
    return text or None
