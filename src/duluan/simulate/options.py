"""The options object in and the result object out of `simulate`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class NoiseOptions:
    """How messy the stream is; every share is a fraction of the items it applies to."""

    no_diacritics: float = 0.12  # social texts typed without diacritics ("khong co dau")
    teencode: float = 0.15  # social texts with "ko", "dc", "j", "mik"...
    typos: float = 0.10  # social texts with a small slip or two
    syndicated_share: float = 0.30  # news stories re-published by other outlets
    syndicated_copies: tuple[int, int] = (2, 5)  # outlets per syndicated story, copies included
    duplicates: float = 0.03  # posts pasted again verbatim by another account
    legacy_share: float = 0.01  # posts/notices written as legacy-encoded .txt files
    junk_share: float = 0.002  # broken or rejectable lines in posts.jsonl (at least 1 each)


@dataclass
class SimulationOptions:
    seed: int = 7
    days: int = 30
    start: date = date(2026, 10, 1)
    posts_per_day: int = 250  # background social posts per day (comments come on top)
    news_per_day: int = 40  # background news articles per day (before syndicated copies)
    event_scale: float = 1.0  # multiplies the planted events' extra posts per day
    noise: NoiseOptions = field(default_factory=NoiseOptions)


@dataclass
class PlantedEvent:
    """A surge written into the stream on purpose, with what a detector should find."""

    id: str
    type: str  # "flood_surge", "uncollected_rubbish", "false_claim", "price_rise"
    concern: str
    province: str | None  # new-unit code; None when national
    ward: str | None
    start_day: int  # 0-based day index from options.start
    end_day: int  # inclusive
    extra_per_day: list[int]  # expected extra posts on each event day (start..end)
    background_per_day: float  # expected posts/day of this concern there without the event
    description: str
    claim: str | None = None  # the false claim, for "false_claim"
    clarification_story: str | None = None  # story id of the official clarification
    item_ids: list[str] = field(default_factory=list)


@dataclass
class SimulationResult:
    out_dir: Path
    counts: dict[str, int]
    events: list[PlantedEvent]
    files: dict[str, Path]
