"""Social posts about local concerns, by concern and stance, and the theme of each concern.

Slots: {place} a ward or district as people write it, {lane} a small street ("hẻm 42",
"ngõ 168", "kiệt 27"), {road} a stretch of road, {time} when it happened, and the other
details of `phrasing`. Stances: complaint ("bức xúc", grumbling), request ("kiến nghị",
asking the authorities), question, praise and info; "detail" sentences are what a
complaint, request or question may add. The texts live in `texts_local_a` and `_b`.
"""

from __future__ import annotations

from .texts_local_a import LOCAL_A
from .texts_local_b import LOCAL_B

LOCAL_POSTS: dict[str, dict[str, tuple[str, ...]]] = {**LOCAL_A, **LOCAL_B}

# A concern's theme label when it appears as a topic.
THEME_OF_CONCERN = {
    "flooding": "flooding",
    "traffic": "traffic",
    "waste": "waste",
    "pollution": "environment",
    "land_housing": "land_housing",
    "utilities": "utilities",
    "public_order": "public_order",
    "public_services": "admin",
    "health": "health",
    "education": "education",
    "food_safety": "food_safety",
    "prices": "prices",
    "jobs_wages": "jobs",
    "scams": "scams",
    "other": "other",
}
