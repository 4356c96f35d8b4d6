"""Writing the planted events into the stream, with their ground truth."""

from __future__ import annotations

from .compose import pick_province, press_ward_place, province_place, ward_place
from .events import RUMOUR_CLARIFICATION_OFFSET, EventPlan
from .items import SimItem
from .options import PlantedEvent
from .places import ward
from .social import compose, details_for
from .stream import COMPLAINING, StreamBuilder
from .templates_events import (
    FLOOD_SURGE_DETAILS,
    FLOOD_SURGE_POSTS,
    PRICE_DETAILS,
    PRICE_NEWS_BODY,
    PRICE_NEWS_LEAD,
    PRICE_NEWS_TITLES,
    PRICE_POSTS,
    PRICE_POSTS_BY_ITEM,
    RUBBISH_POSTS,
)
from .templates_news import Angle, NewsTheme
from .templates_posts import LOCAL_POSTS
from .truth import PlaceTruth


def write_events(builder: StreamBuilder, plan: EventPlan) -> None:
    """Add every planted event's posts and articles to the builder."""
    for event in plan.events:
        if event.type in ("flood_surge", "uncollected_rubbish"):
            _local_surge(builder, event)
        elif event.type == "false_claim":
            _false_claim(builder, event, plan)
        elif event.type == "price_rise":
            _price_rise(builder, event, plan)


def _draw(builder: StreamBuilder, expected: int) -> int:
    return int(builder.nprng.poisson(expected))


def _local_surge(builder: StreamBuilder, event: PlantedEvent) -> None:
    assert event.ward is not None
    target = ward(event.ward)
    flood = event.type == "flood_surge"
    pool = FLOOD_SURGE_POSTS if flood else RUBBISH_POSTS
    theme = "flooding" if flood else "waste"
    extras = LOCAL_POSTS[event.concern]["detail"] + (FLOOD_SURGE_DETAILS if flood else ())
    for offset, expected in enumerate(event.extra_per_day):
        day = event.start_day + offset
        for _ in range(_draw(builder, expected)):
            stance, sentiment, template = builder.rng.choice(pool)
            place = ward_place(builder.rng, target)
            details = details_for(builder.rng, place)
            text = compose(builder.rng, details, stance, template, extras)
            item = builder.add_post(
                day, text, theme, event.concern, stance, sentiment, place, event.id,
                details=details,
            )
            event.item_ids.append(item.id)
    # The press picks it up at the peak, and a few outlets copy the story.
    peak = event.start_day + max(
        range(len(event.extra_per_day)), key=event.extra_per_day.__getitem__
    )
    place = press_ward_place(builder.rng, target)
    builder.add_news_story(peak, theme, place, copies=builder.rng.randint(2, 3), event=event.id)


def _false_claim(builder: StreamBuilder, event: PlantedEvent, plan: EventPlan) -> None:
    rumour = plan.rumour
    assert rumour is not None
    theme = {"public_services": "admin", "education": "education", "traffic": "traffic"}[
        rumour.concern
    ]
    rumour_posts: list[str] = []
    for offset, expected in enumerate(event.extra_per_day):
        day = event.start_day + offset
        # After the clarification, more and more posts correct the claim.
        debunk_share = 0.0 if offset < RUMOUR_CLARIFICATION_OFFSET else min(0.9, 0.3 * (offset - 2))
        for _ in range(_draw(builder, expected)):
            if builder.rng.random() < debunk_share:
                text = details_for(builder.rng, None).sentence(builder.rng.choice(rumour.debunks))
                item = builder.add_post(
                    day, text, theme, rumour.concern, "info", "neutral", None, event.id
                )
            elif rumour_posts and builder.rng.random() < 0.25:
                # Copy-paste shares of an earlier rumour post: same words, same story.
                original = builder.rng.choice(rumour_posts)
                item = _share_copy(builder, original, day)
            else:
                place = rumour_place(builder, template := builder.rng.choice(rumour.posts))
                details = details_for(builder.rng, place)
                text = compose(
                    builder.rng, details, "complaint", template, rumour.reactions, local=False
                )
                item = builder.add_post(
                    day, text, theme, rumour.concern, "complaint", "negative", place, event.id,
                    2.0, details,
                )
                item.shares = int(item.shares * 8 + builder.rng.randint(20, 400))
                rumour_posts.append(item.id)
            event.item_ids.append(item.id)
    angle = Angle(
        rumour.clarification_titles,
        (rumour.clarification_lead,),
        rumour.clarification_body,
        ("Người dân cần tỉnh táo trước các thông tin chưa được kiểm chứng trên mạng xã hội.",),
    )
    spec = NewsTheme(rumour.concern, "neutral", False, False, (angle,))
    place = province_place(builder.rng, pick_province(builder.rng), press=True)
    event.clarification_story = builder.add_news_story(
        event.start_day + RUMOUR_CLARIFICATION_OFFSET,
        theme,
        place,
        copies=4,
        spec=spec,
        event=event.id,
    )


def rumour_place(builder: StreamBuilder, template: str) -> PlaceTruth | None:
    """The province a rumour post names, if its template names one."""
    if "{prov}" not in template:
        return None
    return province_place(builder.rng, pick_province(builder.rng))


def _share_copy(builder: StreamBuilder, original_id: str, day: int) -> SimItem:
    original = next(i for i in builder.items if i.id == original_id)
    item = builder.add_post(
        day,
        original.text,
        original.truth.theme,
        original.truth.concern,
        original.stance,
        original.truth.sentiment,
        original.truth.place,
        original.truth.event,
    )
    # The copy is the same text, not re-noised.
    item.text = original.text
    item.truth.noise = list(original.truth.noise)
    item.truth.story = original.truth.story
    item.truth.duplicate_of = original.id
    return item


def _price_rise(builder: StreamBuilder, event: PlantedEvent, plan: EventPlan) -> None:
    assert plan.price_item is not None
    key, item_name, amount = plan.price_item
    pool = PRICE_POSTS + PRICE_POSTS_BY_ITEM[key]
    for offset, expected in enumerate(event.extra_per_day):
        day = event.start_day + offset
        for _ in range(_draw(builder, expected)):
            stance, sentiment, template = builder.rng.choice(pool)
            place = None
            if "{prov}" in template:
                place = province_place(builder.rng, pick_province(builder.rng))
            details = details_for(builder.rng, place, item=item_name, amount=amount)
            if stance == "chat":
                text = details.sentence(template)
            else:
                text = compose(builder.rng, details, stance, template, PRICE_DETAILS, local=False)
            post = builder.add_post(
                day, text, "prices", "prices", stance, sentiment, place, event.id,
                details=details,
            )
            post.truth.is_complaint = stance in COMPLAINING
            event.item_ids.append(post.id)
    angle = Angle(
        PRICE_NEWS_TITLES,
        (PRICE_NEWS_LEAD,),
        PRICE_NEWS_BODY,
        ("Giới chuyên gia khuyến nghị người dân chủ động điều chỉnh kế hoạch chi tiêu.",),
    )
    spec = NewsTheme("prices", "negative", False, False, (angle,))
    slots = {"item": item_name, "amount": amount}
    builder.add_news_story(
        event.start_day, "prices", None, copies=5, spec=spec, extra_slots=slots, event=event.id
    )
