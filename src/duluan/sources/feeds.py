"""RSS and Atom feeds, read from a URL (politely) or a saved file.

feedparser understands RSS 0.9x, 1.0 (RDF), 2.0 and Atom and forgives a lot; we only
turn its entries into `RawItem`s. Dates stay the raw strings the feed gave: the pipeline
parses Vietnamese and English dates in one place.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from ..errors import SourceError
from ..problem_text import problem_message
from ..records import RawItem, RawReject
from .base import Source, SourceOutput
from .http import FetchState, PoliteFetcher

# Elements after which a reader sees a line break; the rest of the markup is inline.
# fmt: off
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr",
        "ul",
    }
)
# fmt: on
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(location: str) -> bool:
    """True for an http(s) URL; anything else is taken as a file path."""
    return location.lower().startswith(("http://", "https://"))


def html_to_text(markup: str) -> str:
    """Strip HTML to plain text, one paragraph per line."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy_lines(markup)
    parts: list[str] = []
    _collect_text(root, parts)
    return _tidy_lines("".join(parts))


def _collect_text(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""  # comments have no str tag
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if tag and tag.lower() not in _SKIP_TAGS:
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect_text(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _tidy_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class FeedSource(Source):
    """An RSS or Atom feed; after `read`, `new_state` holds the validators to persist."""

    kind = "feed"

    def __init__(
        self,
        location: str,
        fetcher: PoliteFetcher | None = None,
        state: FetchState | None = None,
    ) -> None:
        self.location = location
        self.fetcher = fetcher
        self.state = state
        self.new_state: FetchState | None = state
        self.not_modified = False

    def read(self) -> Iterator[SourceOutput]:
        body, headers = self._load()
        if body is None:
            return
        # A stream, never the bytes themselves: feedparser would try bytes as a path.
        # feedparser's HTML sanitiser is its slowest part and not needed: html_to_text
        # keeps only the text (scripts and styles dropped) and nothing renders raw HTML.
        parsed = feedparser.parse(
            io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
        entries = parsed.get("entries", [])
        if not entries and (parsed.get("bozo") or not parsed.get("version")):
            problem = parsed.get("bozo_exception") or "no RSS or Atom elements found"
            yield RawReject(
                reason="malformed_feed",
                message=problem_message("not_a_feed", location=self.location, detail=problem),
                origin=self.location,
                raw=body.decode("utf-8", errors="backslashreplace"),
            )
            return
        feed_title = parsed.get("feed", {}).get("title")
        for n, entry in enumerate(entries, start=1):
            yield self._entry_to_output(entry, n, feed_title)

    def _load(self) -> tuple[bytes | None, dict[str, str]]:
        """The feed's bytes and HTTP headers; None when the server said 304."""
        if not is_url(self.location):
            try:
                return Path(self.location).read_bytes(), {}
            except OSError as err:
                raise SourceError(
                    problem_message("cannot_read_feed_file", path=self.location, detail=err.strerror or err)
                ) from err
        fetcher = self.fetcher or PoliteFetcher()
        try:
            result = fetcher.fetch(self.location, self.state)
        except SourceError as err:
            # Remember the failure so the caller can show when the feed last worked.
            self.new_state = FetchState(
                etag=self.state.etag if self.state else None,
                last_modified=self.state.last_modified if self.state else None,
                last_fetched=fetcher.now(),
                last_status=self.state.last_status if self.state else None,
                last_error=str(err),
            )
            raise
        self.new_state = result.state
        self.not_modified = result.not_modified
        if result.not_modified:
            return None, {}
        return result.body or b"", result.headers

    def _entry_to_output(self, entry: Any, n: int, feed_title: str | None) -> SourceOutput:
        origin = f"{self.location}#{n}"
        title = _detail_text(entry.get("title"), entry.get("title_detail")) or None
        text = _entry_body(entry)
        if not text and not title:
            return RawReject(
                reason="empty_text",
                message=problem_message("entry_empty", entry=n, location=self.location),
                origin=origin,
                raw=json.dumps(_entry_payload(entry), ensure_ascii=False, default=str),
            )
        extra: dict[str, object] = {}
        if feed_title:
            extra["feed_title"] = feed_title
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            extra["tags"] = tags
        if not text:
            # Headline-only feeds are common; the headline is the only text there is.
            text = title or ""
            extra["text_is_title"] = True
        return RawItem(
            kind="news",
            text=text,
            origin=origin,
            title=title,
            url=entry.get("link"),
            published=entry.get("published") or entry.get("updated"),
            byline=entry.get("author") or None,
            external_id=entry.get("id") or None,
            extra=extra,
        )


def _entry_body(entry: Any) -> str:
    """The fullest text of an entry: its content if any, else its summary."""
    for content in entry.get("content", []):
        text = _detail_text(content.get("value"), content)
        if text:
            return text
    return _detail_text(entry.get("summary"), entry.get("summary_detail"))


def _detail_text(value: str | None, detail: Any) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    if kind in _HTML_TYPES:
        return html_to_text(value)
    return _tidy_lines(value)


def _entry_payload(entry: Any) -> dict[str, object]:
    """The plain fields of an entry, for a reject's raw payload."""
    keys = ("id", "link", "title", "summary", "published", "updated")
    return {k: entry.get(k) for k in keys if entry.get(k) is not None}
