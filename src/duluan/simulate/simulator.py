"""`simulate`: write a deterministic Vietnamese stream and its ground truth to a folder."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, time, timedelta
from pathlib import Path

from ..errors import UsageError
from .compose import ward_place
from .events import FLOOD_BACKGROUND, RUBBISH_BACKGROUND, EventPlan, plan_events
from .items import VN_TZ, SimItem, post_url
from .options import SimulationOptions, SimulationResult
from .places import WARDS
from .planted import write_events
from .social import details_for
from .stream import StreamBuilder
from .templates_events import LEGACY_NOTICES
from .truth import ItemTruth, Truth, truth_to_json
from .writers import write_feed, write_legacy, write_posts

LEGACY_ENCODINGS = ("tcvn3", "vni", "windows-1258")
# TCVN3 has one code for "ồ" and "Ồ", so a decoder reads "TP Hồ Chí Minh" as "TP HỒ Chí
# Minh": notices saved in it do not name a place after a capitalised abbreviation.
TCVN3_AMBIGUOUS = re.compile(r"\b[A-Z]{2,}\.? +[^ ,]*[^\x00-\x7f]")


def simulate(options: SimulationOptions, out_dir: Path) -> SimulationResult:
    """Write news.xml, posts.jsonl, legacy/ and truth.json into out_dir; same options, same bytes."""
    _check(options)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    builder = StreamBuilder(options)

    # 1. Plan the events first, so their wards get a steady background of the same concern.
    price_rate = builder.general_rate("prices", "prices")
    plan = plan_events(options, builder.rng, price_rate)
    hotspots = _hotspots(builder, plan)
    rates = builder.local_rates(hotspots)

    # 2. Background: local and general posts with their comments, then the news.
    for day in range(options.days):
        builder.background_social(day, rates)
        builder.background_news(day)

    # 3. Planted events on top.
    write_events(builder, plan)

    # 4. Copy-paste duplicates, legacy files and bad lines.
    _duplicates(builder)
    legacy = _legacy_items(builder)
    bad_lines = _bad_lines(builder)

    items = sorted(builder.items, key=lambda i: (i.time, i.id))
    news = [i for i in items if i.kind == "news"]
    social = [i for i in items if i.kind != "news"]
    files = {
        "news": out_dir / "news.xml",
        "posts": out_dir / "posts.jsonl",
        "legacy": out_dir / "legacy",
        "truth": out_dir / "truth.json",
    }
    write_feed(news, files["news"], builder.end)
    rejects = write_posts(social, bad_lines, files["posts"], builder.rng)
    legacy_items = sorted(legacy, key=lambda pair: pair[0].id)
    write_legacy(legacy_items, files["legacy"], _encoder())

    counts = {
        "news": len(news),
        "news_stories": len({i.truth.story for i in news}),
        "posts": sum(1 for i in social if i.kind == "post"),
        "comments": sum(1 for i in social if i.kind == "comment"),
        "legacy": len(legacy_items),
        "rejects": len(rejects),
        "duplicates": sum(1 for i in social if i.truth.duplicate_of),
        "no_diacritics": sum(1 for i in social if "no_diacritics" in i.truth.noise),
        "event_posts": sum(len(e.item_ids) for e in plan.events),
    }
    all_items = items + [pair[0] for pair in legacy_items]
    truth = Truth(
        options=_options_json(options),
        counts=counts,
        events=plan.events,
        items={i.id: i.truth for i in all_items},
        rejects=rejects,
    )
    files["truth"].write_text(truth_to_json(truth), encoding="utf-8")
    return SimulationResult(out_dir, counts, plan.events, files)


def _check(options: SimulationOptions) -> None:
    if options.days < 1:
        raise UsageError(f"days must be at least 1, got {options.days}")
    if options.posts_per_day < 1 or options.news_per_day < 0:
        raise UsageError(
            f"posts_per_day must be at least 1 and news_per_day at least 0, "
            f"got {options.posts_per_day} and {options.news_per_day}"
        )
    low, high = options.noise.syndicated_copies
    if not 2 <= low <= high <= 8:
        raise UsageError(f"syndicated_copies must satisfy 2 <= low <= high <= 8, got {(low, high)}")


def _hotspots(builder: StreamBuilder, plan: EventPlan) -> dict[tuple[str, str], float]:
    """Chronic (ward, concern) pairs: the event wards, and a few decoys without events."""
    hotspots: dict[tuple[str, str], float] = {}
    for event in plan.events:
        if event.type == "flood_surge":
            hotspots[(str(event.ward), "flooding")] = FLOOD_BACKGROUND
        elif event.type == "uncollected_rubbish":
            hotspots[(str(event.ward), "waste")] = RUBBISH_BACKGROUND
    concerns = ("flooding", "waste", "traffic", "public_order", "utilities")
    for ward in builder.rng.sample(WARDS, 6):
        key = (ward.code, builder.rng.choice(concerns))
        hotspots.setdefault(key, builder.rng.uniform(2.0, 4.0))
    return hotspots


def _duplicates(builder: StreamBuilder) -> None:
    """Some posts pasted again, word for word, by other accounts: same story, new id."""
    posts = [i for i in builder.items if i.kind == "post" and not i.truth.duplicate_of]
    count = round(builder.noise.duplicates * len(posts))
    for original in builder.rng.sample(posts, min(count, len(posts))):
        moment = builder.later(original.time, 600)
        truth = ItemTruth(**{**asdict(original.truth), "place": original.truth.place})
        truth.day = builder.day_of(moment)
        truth.duplicate_of = original.id
        copy = SimItem(
            builder.next_id("p"),
            "post",
            moment,
            original.text,
            truth,
            author=builder.author(),
            platform=original.platform,
            likes=int(builder.rng.lognormvariate(1.0, 1.0)),
            stance=original.stance,
        )
        copy.truth.noise = list(original.truth.noise)
        copy.url = post_url(copy, builder.rng)
        builder.items.append(copy)


def _legacy_items(builder: StreamBuilder) -> list[tuple[SimItem, str]]:
    """Notices typed in old office software, each saved in a legacy encoding."""
    options = builder.options
    count = round(builder.noise.legacy_share * options.posts_per_day * options.days)
    if builder.noise.legacy_share > 0:
        count = max(count, len(LEGACY_ENCODINGS))
    pairs = []
    for n in range(count):
        theme, concern, template = builder.rng.choice(LEGACY_NOTICES)
        ward = builder.rng.choice(WARDS)
        encoding = LEGACY_ENCODINGS[n % len(LEGACY_ENCODINGS)]
        place = ward_place(builder.rng, ward)
        for _ in range(20):
            if encoding != "tcvn3" or not TCVN3_AMBIGUOUS.search(place.surface):
                break
            place = ward_place(builder.rng, ward)
        day = builder.rng.randrange(options.days)
        date = options.start + timedelta(days=min(day + 2, options.days))
        details = details_for(builder.rng, place, date=f"{date.day}/{date.month}")
        text = details.sentence(template)
        truth = ItemTruth(
            "post",
            "",
            day,
            builder.new_story(),
            theme,
            concern,
            False,
            "neutral",
            place,
            [f"legacy:{encoding}"],
        )
        item = SimItem(builder.next_id("l", 4), "post", builder.moment(day), text, truth)
        item.truth.file = f"legacy/{item.id}.txt"
        pairs.append((item, encoding))
    return pairs


def _bad_lines(builder: StreamBuilder) -> list[tuple[str, str, str | None]]:
    """Lines ingestion must reject: (reason, raw line, id or None)."""
    options = builder.options
    per_reason = max(1, round(builder.noise.junk_share * options.posts_per_day * options.days / 3))
    lines: list[tuple[str, str, str | None]] = []
    far_future = datetime.combine(options.start.replace(year=2099), time(9), VN_TZ)
    for _ in range(per_reason):
        good = builder.rng.choice([i for i in builder.items if i.kind == "post"][:500])
        broken = json.dumps({"id": builder.next_id("r"), "text": good.text}, ensure_ascii=False)
        lines.append(("broken_json", broken[: len(broken) // 2], None))
        empty_id = builder.next_id("r")
        lines.append(("empty_text", _record(empty_id, "", good, good.time), empty_id))
        future_id = builder.next_id("r")
        lines.append(("future_date", _record(future_id, good.text, good, far_future), future_id))
    return lines


def _record(item_id: str, text: str, like: SimItem, moment: datetime) -> str:
    return json.dumps(
        {
            "id": item_id,
            "text": text,
            "time": moment.isoformat(),
            "url": like.url,
            "author": like.author,
            "platform": like.platform,
            "likes": 0,
            "shares": 0,
            "comments": 0,
            "parent_id": None,
            "kind": "post",
        },
        ensure_ascii=False,
    )


def _options_json(options: SimulationOptions) -> dict[str, object]:
    data = asdict(options)
    data["start"] = options.start.isoformat()
    data["noise"]["syndicated_copies"] = list(options.noise.syndicated_copies)
    return data


def _encoder() -> Callable[[str, str], bytes]:
    # Imported late: the simulator's other outputs do not depend on the text package.
    from ..text.encodings import encode_legacy

    return encode_legacy
