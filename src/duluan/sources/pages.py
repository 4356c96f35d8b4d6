"""Web pages, fetched from URLs or saved as .html files, reduced to their main text.

trafilatura finds the article among menus, ads and footers and reads its metadata
(title, date, byline). Decoding is done here because HTML declares its own charset;
a page we cannot decode is rejected rather than guessed at.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura

from ..errors import FetchError, SourceError, UsageError
from ..problem_text import problem_message
from ..records import DOCUMENT_KINDS, RawItem, RawReject
from .base import Source, SourceOutput
from .feeds import is_url
from .http import PoliteFetcher

# Fallback extractors return menu text ("Trang chủ Xã hội") from pages with no article;
# below this many characters we call it no main text.
MIN_MAIN_TEXT_CHARS = 50

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def decode_html(body: bytes, content_type: str | None = None) -> str | None:
    """Decode an HTML page: UTF-8 if valid, else its declared charset; None if neither works."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = []
    if content_type and (found := _HEADER_CHARSET.search(content_type)):
        declared.append(found.group(1))
    # Only the head may declare the charset; looking further would read article text.
    if found_meta := _META_CHARSET.search(body[:4096]):
        declared.append(found_meta.group(1).decode("ascii"))
    for name in declared:
        try:
            codecs.lookup(name)
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def extract_page(
    body: bytes,
    origin: str,
    *,
    kind: str = "page",
    url: str | None = None,
    content_type: str | None = None,
    min_chars: int = MIN_MAIN_TEXT_CHARS,
) -> SourceOutput:
    """Turn the bytes of one HTML page into a RawItem, or a RawReject saying why not."""
    html = decode_html(body, content_type)
    if html is None:
        return RawReject(
            reason="unknown_encoding",
            message=problem_message("page_not_utf8", origin=origin),
            origin=origin,
            raw=body.decode("utf-8", errors="backslashreplace"),
        )
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    text = (getattr(document, "text", None) or "").strip()
    if len(text) < min_chars:
        return RawReject(
            reason="no_main_text",
            message=problem_message("no_main_text", origin=origin, chars=len(text), least=min_chars),
            origin=origin,
            raw=html,
        )
    extra: dict[str, object] = {}
    for key in ("sitename", "description"):
        value = getattr(document, key, None)
        if value:
            extra[key] = value
    return RawItem(
        kind=kind,
        text=text,
        origin=origin,
        title=getattr(document, "title", None) or None,
        url=url or getattr(document, "url", None) or None,
        published=getattr(document, "date", None) or None,
        byline=getattr(document, "author", None) or None,
        extra=extra,
    )


class PageSource(Source):
    """Pages from URLs or saved .html files; one failed page is a reject, not a crash.

    A saved file that does not exist is the caller's mistake and raises SourceError
    before anything is read; a URL that fails is one bad item among many.
    """

    kind = "page"

    def __init__(
        self,
        locations: list[str],
        fetcher: PoliteFetcher | None = None,
        kind: str = "page",
        min_chars: int = MIN_MAIN_TEXT_CHARS,
    ) -> None:
        if kind not in DOCUMENT_KINDS:
            raise UsageError(
                f"unknown document kind '{kind}'; expected one of: {', '.join(DOCUMENT_KINDS)}"
            )
        self.locations = list(locations)
        self.fetcher = fetcher
        self.document_kind = kind
        self.min_chars = min_chars

    def read(self) -> Iterator[SourceOutput]:
        missing = [loc for loc in self.locations if not is_url(loc) and not Path(loc).is_file()]
        if missing:
            raise SourceError(problem_message("saved_page_missing", paths=", ".join(missing)))
        for location in self.locations:
            if is_url(location):
                yield self._read_url(location)
            else:
                yield self._read_file(location)

    def _read_url(self, url: str) -> SourceOutput:
        if self.fetcher is None:
            self.fetcher = PoliteFetcher()
        try:
            result = self.fetcher.fetch(url)
        except FetchError as err:
            return RawReject(reason="fetch_failed", message=str(err), origin=url, raw="")
        return extract_page(
            result.body or b"",
            url,
            kind=self.document_kind,
            url=result.url,
            content_type=result.headers.get("content-type"),
            min_chars=self.min_chars,
        )

    def _read_file(self, path: str) -> SourceOutput:
        try:
            body = Path(path).read_bytes()
        except OSError as err:
            return RawReject(
                reason="unreadable_file",
                message=problem_message("cannot_read", path=path, detail=err.strerror or err),
                origin=path,
                raw="",
            )
        return extract_page(body, path, kind=self.document_kind, min_chars=self.min_chars)
