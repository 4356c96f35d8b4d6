"""Turn one RawItem into a Document: decode, normalise, date, redact, pseudonymise, hash.

Each step that can refuse an item raises InputRejected with a stable reason code; the
ingest loop stores it as a reject with the raw payload, so nothing is ever lost.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import InputRejected
from .privacy import pseudonymise_author
from .problem_text import problem_message
from .records import DATE_FROM_FETCH, DOCUMENT_KINDS, Document, RawItem
from .text.dates import parse_vietnamese_date
from .text.encodings import decode_bytes, repair_mojibake
from .text.language import detect_language
from .text.normalize import normalize_text
from .text.redact import redact_pii


@dataclass
class PrepareOptions:
    secret: bytes
    now: datetime
    timezone: str = "Asia/Ho_Chi_Minh"
    max_chars: int = 200_000
    min_chars: int = 3
    future_tolerance: timedelta = timedelta(minutes=60)
    redaction_counts: dict[str, int] = field(default_factory=dict)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value, _ = repair_mojibake(value)
    cleaned = normalize_text(value)
    return cleaned or None


def _as_count(value: int | None) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def content_hash(text: str) -> str:
    """Exact-duplicate key: the normalised text, case-folded with whitespace collapsed."""
    key = " ".join(text.casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def prepare_item(item: RawItem, options: PrepareOptions) -> Document:
    flags: list[str] = []
    # 1. Kind: the sources promise one of ours, but a mapping can name any column.
    if item.kind not in DOCUMENT_KINDS:
        raise InputRejected(
            "unknown_kind", problem_message("unknown_kind", kind=repr(item.kind), kinds=", ".join(DOCUMENT_KINDS))
        )
    # 2. Decode: bytes may be UTF-8 or a legacy Vietnamese encoding; strings may be
    #    legacy text already mis-decoded (mojibake) by whoever exported them.
    if isinstance(item.text, bytes):
        decoded = decode_bytes(item.text)
        raw_text = decoded.text
        if decoded.encoding not in ("utf-8", "utf-8-sig"):
            flags.append(f"encoding:{decoded.encoding}")
    else:
        raw_text, repaired = repair_mojibake(item.text)
        if repaired:
            flags.append(f"encoding:{repaired}")
    # 3. Normalise: NFC, one tone-mark placement, entities, whitespace.
    text = normalize_text(raw_text)
    title = _clean(item.title)
    if len(text) < options.min_chars:
        if title and len(title) >= options.min_chars and item.kind in ("news", "page"):
            text = title  # a headline-only news item still says something
            flags.append("title_only")
        else:
            raise InputRejected("empty_text", problem_message("empty_after_cleaning", chars=len(text)))
    if len(text) > options.max_chars:
        text = text[: options.max_chars]
        flags.append("truncated")
    # 4. Time: parsed with Vietnamese expressions; missing means "when we fetched it".
    tz = ZoneInfo(options.timezone)
    published: datetime | None
    if isinstance(item.published, datetime):
        published = item.published if item.published.tzinfo else item.published.replace(tzinfo=tz)
    elif item.published:
        published = parse_vietnamese_date(item.published, now=options.now, default_tz=options.timezone)
        if published is None:
            flags.append("date_unparsed")
    else:
        published = None
    if published is None:
        published = options.now
        flags.append(DATE_FROM_FETCH)
    elif published > options.now + options.future_tolerance:
        raise InputRejected(
            "future_date",
            problem_message("future_date", published=published.isoformat(), now=options.now.isoformat()),
        )
    # 5. Privacy: redact contact details and IDs; authors become keyed hashes.
    redaction = redact_pii(text)
    text = redaction.text
    for kind, count in redaction.counts.items():
        options.redaction_counts[kind] = options.redaction_counts.get(kind, 0) + count
    if title:
        title = redact_pii(title).text
    author_hash = pseudonymise_author(item.author, options.secret)
    return Document(
        kind=item.kind,
        text=text,
        content_hash=content_hash(text),
        origin=item.origin,
        published_at=published,
        fetched_at=options.now,
        title=title,
        url=item.url,
        author_hash=author_hash,
        byline=_clean(item.byline) if item.kind in ("news", "page") else None,
        platform=item.platform,
        lang=detect_language(text),
        likes=_as_count(item.likes),
        shares=_as_count(item.shares),
        comments=_as_count(item.comments),
        external_id=item.external_id,
        parent_id=item.parent_id,
        flags=flags,
    )


def reject_payload(item: RawItem) -> str:
    """The raw item as JSON for the rejects table, with the author never in clear."""
    text = item.text
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    payload = {
        "kind": item.kind,
        "text": redact_pii(text).text if text else text,
        "title": item.title,
        "url": item.url,
        "published": item.published.isoformat()
        if isinstance(item.published, datetime)
        else item.published,
        "author": "[author]" if item.author else None,
        "platform": item.platform,
        "external_id": item.external_id,
        "parent_id": item.parent_id,
    }
    return json.dumps(payload, ensure_ascii=False)
