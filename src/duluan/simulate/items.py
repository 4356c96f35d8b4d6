"""One simulated item as the writers see it, and its address on the web."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .noise import fold
from .truth import ItemTruth

VN_TZ = timezone(timedelta(hours=7))


@dataclass
class SimItem:
    id: str
    kind: str  # "news", "post", "comment"
    time: datetime
    text: str
    truth: ItemTruth
    title: str | None = None
    url: str | None = None
    author: str | None = None
    byline: str | None = None
    platform: str | None = None
    likes: int = 0
    shares: int = 0
    comments: int = 0
    parent_id: str | None = None
    stance: str = "info"
    children: list[SimItem] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # what replies may quote


def slug(title: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in fold(title).lower()).split()
    return "-".join(words[:10])


def post_url(item: SimItem, rng: random.Random) -> str:
    number = rng.randrange(10**9, 10**10)
    if item.platform == "facebook":
        return f"https://facebook.example/groups/{rng.randint(100, 999)}/posts/{number}"
    if item.platform == "tiktok":
        return f"https://tiktok.example/@{item.author}/video/{number}"
    if item.platform == "zalo":
        return f"https://zalo.example/community/{rng.randint(100, 999)}/{number}"
    if item.platform == "youtube":
        return f"https://youtube.example/watch?v={number:x}"
    return f"https://diendan.example/threads/{number}/"
