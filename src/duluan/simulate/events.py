"""Planting events: which ward, which days, how many extra posts. Fixed by the seed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .options import PlantedEvent, SimulationOptions
from .places import DENSE, FLOOD_PRONE, ward
from .templates_events import PRICE_ITEMS, RUMOURS, Rumour

# Extra posts per event day at the default 250 posts/day; scaled with posts_per_day.
FLOOD_EXTRA = (10, 15, 16, 15, 12)
FLOOD_BACKGROUND = 5.0
RUBBISH_EXTRA = (6, 9, 10, 8)
RUBBISH_BACKGROUND = 3.0
RUMOUR_EXTRA = (6, 20, 35, 25, 10, 5, 3)
RUMOUR_CLARIFICATION_OFFSET = 3
PRICE_EXTRA = (12, 28, 22, 14, 8, 5)


@dataclass
class EventPlan:
    """Planted events plus what the stream needs to write them."""

    events: list[PlantedEvent]
    rumour: Rumour | None = None
    price_item: tuple[str, str, str] | None = None


def _start(rng: random.Random, days: int, fraction: float, length: int) -> int | None:
    """A start day near fraction of the period, leaving a quiet day before; None if it cannot fit."""
    latest = days - length
    if latest < 2:
        return None
    return min(max(int(days * fraction) + rng.randint(-2, 2), 2), latest)


def _scaled(extra: tuple[int, ...], scale: float) -> list[int]:
    return [max(1, round(n * scale)) for n in extra]


def plan_events(
    options: SimulationOptions, rng: random.Random, general_price_rate: float
) -> EventPlan:
    """Choose the four planted events for this seed."""
    scale = options.posts_per_day / 250 * options.event_scale
    events: list[PlantedEvent] = []
    flood_ward = ward(rng.choice(FLOOD_PRONE))
    rubbish_ward = ward(rng.choice([c for c in DENSE if c != flood_ward.code]))
    rumour = rng.choice(RUMOURS)
    price_item = rng.choice(PRICE_ITEMS)

    start = _start(rng, options.days, 0.4, len(FLOOD_EXTRA))
    if start is not None:
        events.append(
            PlantedEvent(
                "E1",
                "flood_surge",
                "flooding",
                flood_ward.province,
                flood_ward.code,
                start,
                start + len(FLOOD_EXTRA) - 1,
                _scaled(FLOOD_EXTRA, scale),
                round(FLOOD_BACKGROUND * scale, 2),
                f"Ngập nước, triều cường và cống thoát nước nghẹt ở {flood_ward.short}",
            )
        )
    start = _start(rng, options.days, 0.6, len(RUBBISH_EXTRA))
    if start is not None:
        events.append(
            PlantedEvent(
                "E2",
                "uncollected_rubbish",
                "waste",
                rubbish_ward.province,
                rubbish_ward.code,
                start,
                start + len(RUBBISH_EXTRA) - 1,
                _scaled(RUBBISH_EXTRA, scale),
                round(RUBBISH_BACKGROUND * scale, 2),
                f"Rác không ai thu gom nhiều ngày ở {rubbish_ward.short}",
            )
        )
    start = _start(rng, options.days, 0.25, len(RUMOUR_EXTRA))
    if start is not None:
        events.append(
            PlantedEvent(
                "E3",
                "false_claim",
                rumour.concern,
                None,
                None,
                start,
                start + len(RUMOUR_EXTRA) - 1,
                _scaled(RUMOUR_EXTRA, scale),
                0.0,
                "Tin đồn sai lan truyền, rồi có bài đính chính chính thức và tin đồn lắng xuống",
                claim=rumour.claim,
            )
        )
    start = _start(rng, options.days, 0.75, len(PRICE_EXTRA))
    if start is not None:
        events.append(
            PlantedEvent(
                "E4",
                "price_rise",
                "prices",
                None,
                None,
                start,
                start + len(PRICE_EXTRA) - 1,
                _scaled(PRICE_EXTRA, scale),
                round(general_price_rate, 2),
                f"Giá {price_item[1]} tăng {price_item[2]}, bàn tán khắp cả nước",
            )
        )
    return EventPlan(events, rumour, price_item)
