"""Plain records passed between stages: what a source yields, what the store keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

DOCUMENT_KINDS = ("news", "post", "comment", "page")
# A document's flag when it gave no date (or none we could read) and took the time it was
# fetched: its day is not known, so the surge tests leave it out.
DATE_FROM_FETCH = "date_from_fetch"


@dataclass
class RawItem:
    """One input item as a source read it, before normalisation and privacy.

    `text` may be bytes when the source could not know the encoding (files, pages);
    the pipeline decodes it, legacy Vietnamese encodings included. `author` is in clear
    here and only here: the pipeline replaces it by a keyed hash and drops it.
    `published` is whatever the source gave (a datetime, or a string such as
    "Thứ Sáu, ngày 10 tháng 7 năm 2020" or "2 giờ trước"); the pipeline parses it.
    `origin` says where the item came from (file:line, URL) for rejects and messages.
    """

    kind: str
    text: str | bytes
    origin: str
    title: str | None = None
    url: str | None = None
    published: datetime | str | None = None
    author: str | None = None
    platform: str | None = None
    likes: int | None = None
    shares: int | None = None
    comments: int | None = None
    external_id: str | None = None
    parent_id: str | None = None
    byline: str | None = None  # journalist's byline on news: may stay in clear
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class RawReject:
    """An input a source could not turn into an item at all (broken JSON line...)."""

    reason: str
    message: str
    origin: str
    raw: str


@dataclass
class Document:
    """A normalised, redacted, pseudonymised document ready to store."""

    kind: str
    text: str
    content_hash: str
    origin: str
    published_at: datetime
    fetched_at: datetime
    title: str | None = None
    url: str | None = None
    author_hash: str | None = None
    byline: str | None = None
    platform: str | None = None
    lang: str = "vi"
    likes: int | None = None
    shares: int | None = None
    comments: int | None = None
    external_id: str | None = None
    parent_id: str | None = None
    flags: list[str] = field(default_factory=list)
