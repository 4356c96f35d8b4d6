"""Writing the stream to files: an RSS feed, a JSONL export, legacy text files."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from .items import SimItem
from .truth import RejectTruth

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(moment: datetime) -> str:
    """RFC 822 date in +0700, spelled in English whatever the locale."""
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} {moment.year} "
        f"{moment:%H:%M:%S} +0700"
    )


def write_feed(items: list[SimItem], path: Path, built: datetime) -> None:
    """An RSS 2.0 feed of the news articles; description holds the full text."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        "<title>Tin tức tổng hợp (dữ liệu mô phỏng duluan)</title>",
        "<link>https://tintonghop.example/</link>",
        "<description>Bài báo mô phỏng để kiểm thử duluan; không phải tin thật.</description>",
        "<language>vi</language>",
        f"<lastBuildDate>{rfc822(built)}</lastBuildDate>",
    ]
    for item in items:
        outlet = item.truth.outlet or ""
        domain = (item.url or "").split("/")[2]
        lines += [
            "<item>",
            f"<title>{escape(item.title or '')}</title>",
            f"<link>{escape(item.url or '')}</link>",
            f"<description>{escape(item.text)}</description>",
            f"<pubDate>{rfc822(item.time)}</pubDate>",
            f"<author>toasoan@{domain} ({escape(item.byline or '')})</author>",
            f"<dc:creator>{escape(item.byline or '')}</dc:creator>",
            f"<category>{escape(outlet)}</category>",
            f'<guid isPermaLink="false">{item.id}</guid>',
            "</item>",
        ]
    lines += ["</channel>", "</rss>"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def post_record(item: SimItem) -> dict[str, object]:
    return {
        "id": item.id,
        "text": item.text,
        "time": item.time.isoformat(),
        "url": item.url,
        "author": item.author,
        "platform": item.platform,
        "likes": item.likes,
        "shares": item.shares,
        "comments": item.comments,
        "parent_id": item.parent_id,
        "kind": item.kind,
    }


def write_posts(
    items: list[SimItem],
    bad_lines: list[tuple[str, str, str | None]],
    path: Path,
    rng: random.Random,
) -> list[RejectTruth]:
    """Posts and comments one JSON object a line, with the bad lines spread among them."""
    entries: list[tuple[str, int | None]] = [
        (json.dumps(post_record(item), ensure_ascii=False), None) for item in items
    ]
    slots = sorted(rng.sample(range(len(entries) + 1), len(bad_lines)), reverse=True)
    for index, slot in enumerate(slots):
        entries.insert(slot, (bad_lines[index][1], index))
    rejects = [
        RejectTruth(number, bad_lines[tag][0], bad_lines[tag][2])
        for number, (_, tag) in enumerate(entries, start=1)
        if tag is not None
    ]
    path.write_text("\n".join(line for line, _ in entries) + "\n", encoding="utf-8")
    return rejects


def write_legacy(
    items: list[tuple[SimItem, str]], folder: Path, encode: Callable[[str, str], bytes]
) -> None:
    """Each item as its own .txt file, in the legacy encoding paired with it."""
    folder.mkdir(exist_ok=True)
    for item, encoding in items:
        (folder / f"{item.id}.txt").write_bytes(encode(item.text, encoding))
