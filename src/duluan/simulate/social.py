"""Composing social texts: a core sentence, the writer's own details, a frame, a reply.

Independent writers differ in what they add around the same complaint: which details,
in which order, whether they say who they called, how they open and close. Each text
is composed here from the template pools; the `Details` it used are returned so that
replies can quote the post's lane or road.
"""

from __future__ import annotations

import random

from .compose import decapitalise
from .phrasing import Details, slots, tidy
from .places import province
from .templates_posts import LOCAL_POSTS
from .templates_social import GENERAL_DETAILS
from .texts_comments import (
    COMMENTS_ON_CHAT,
    COMMENTS_ON_COMPLAINT,
    COMMENTS_ON_PRAISE,
    COMMENTS_ON_QUESTION,
    SHORT_ENDINGS,
    Entry,
)
from .texts_voice import ACTIONS, CLOSERS, GENERAL_CLOSERS, OPENERS, OUTCOMES
from .truth import PlaceTruth

ADDS_DETAILS = ("complaint", "request", "question")
DETAIL_COUNTS = (0, 1, 2)
DETAIL_WEIGHTS = (0.3, 0.5, 0.2)
# Posts on national themes carry no place of their own: their detail is what sets them apart.
GENERAL_DETAIL_WEIGHTS = (0.05, 0.5, 0.45)
# Slots a reply may quote from the post it answers.
QUOTABLE = ("place", "lane", "road", "street", "spot")
# Replies this short are never compared for near-duplicates (fewer than 8 shingles).
SHORT_WORDS = 9

# A frame that repeats what the core already says reads badly: skip it.
_SHARED_WORDS = ("mọi người", "cảm ơn", "chia sẻ", "phản ánh", "ghi nhận", "bức xúc", "kiến nghị", "admin", "khen")


def _repeats(frame: str, core: str) -> bool:
    frame, core = frame.lower(), core.lower()
    return any(word in frame and word in core for word in _SHARED_WORDS)


def details_for(rng: random.Random, place: PlaceTruth | None, **fixed: str) -> Details:
    lane_word = province(place.province).lane if place else "hẻm"
    return Details(rng, place.surface if place else "", lane_word, **fixed)


def wrap(rng: random.Random, d: Details, stance: str, core: str, local: bool = True) -> str:
    """Add an opener and a closer the way people frame a post."""
    parts = []
    if stance in OPENERS and rng.random() < 0.35:
        opener = d.sentence(rng.choice(OPENERS[stance]))
        if not _repeats(opener, core):
            parts.append(opener)
            core = decapitalise(core) if opener.endswith(",") else core
    parts.append(core)
    closers = CLOSERS if local else GENERAL_CLOSERS
    if stance in closers and rng.random() < 0.4:
        closer = d.sentence(rng.choice(closers[stance]))
        if closer and not _repeats(closer, core):
            parts.append(closer)
    text = " ".join(parts)
    roll = rng.random()
    if roll < 0.08 and text.endswith("."):
        text = text[:-1]  # typed fast, no full stop
    elif roll < 0.14 and text.endswith("."):
        text = text[:-1] + "..."
    return text


def compose(
    rng: random.Random,
    d: Details,
    stance: str,
    core: str,
    extras: tuple[str, ...] = (),
    local: bool = True,
) -> str:
    """A post: its core, some of the extras in either order, what was tried, a frame."""
    sentences = [d.sentence(core)]
    if extras and (stance in ADDS_DETAILS or not local):
        weights = DETAIL_WEIGHTS if local else GENERAL_DETAIL_WEIGHTS
        count = rng.choices(DETAIL_COUNTS, weights)[0]
        for template in rng.sample(extras, min(count, len(extras))):
            if rng.random() < 0.3:
                sentences.insert(0, d.sentence(template))
            else:
                sentences.append(d.sentence(template))
    if local and stance == "complaint" and rng.random() < 0.3:
        sentences.append(d.sentence(f"{rng.choice(ACTIONS)}, {rng.choice(OUTCOMES)}."))
    return wrap(rng, d, stance, " ".join(sentences), local)


def local_text(
    rng: random.Random, concern: str, stance: str, place: PlaceTruth, core: str | None = None
) -> tuple[str, Details]:
    """A resident's post about a local concern; `core` overrides the stance's pool."""
    d = details_for(rng, place)
    pool = LOCAL_POSTS[concern]
    core = core or rng.choice(pool[stance])
    return compose(rng, d, stance, core, pool["detail"]), d


def general_text(
    rng: random.Random,
    theme: str,
    stance: str,
    sentiment: str,
    template: str,
    place: PlaceTruth | None,
) -> tuple[str, Details]:
    """A post on a national theme; chat is left unframed."""
    d = details_for(rng, place)
    extras = GENERAL_DETAILS.get(theme, {}).get(sentiment, ())
    if stance == "chat":
        return chat(rng, d, template, extras), d
    return compose(rng, d, stance, template, extras, local=False), d


def chat(rng: random.Random, d: Details, core: str, extras: tuple[str, ...]) -> str:
    """Chatter about a match, a film or the weather: a line or two, no frame."""
    sentences = [d.sentence(core)]
    count = rng.choices(DETAIL_COUNTS, GENERAL_DETAIL_WEIGHTS)[0]
    for template in rng.sample(extras, min(count, len(extras))):
        sentences.insert(rng.randrange(len(sentences) + 1), d.sentence(template))
    return " ".join(sentences)


def comment_pool(parent_stance: str, parent_theme: str, on_event: bool) -> tuple[Entry, ...]:
    if parent_stance in ("complaint", "request") or on_event:
        return COMMENTS_ON_COMPLAINT
    if parent_stance == "praise":
        return COMMENTS_ON_PRAISE
    if parent_theme in COMMENTS_ON_CHAT:
        return COMMENTS_ON_CHAT[parent_theme]
    return COMMENTS_ON_QUESTION


def comment_text(
    rng: random.Random,
    entry: Entry,
    parent: dict[str, str],
    concern: str | None,
    theme: str,
) -> str:
    """A reply in the entry's kind, quoting the parent's details where the variant does."""
    kind, _, agrees, variants = entry
    quoted = {f"the_{k}": parent[k] for k in QUOTABLE if parent.get(k)}
    usable = [
        v for v in variants if all(s in quoted for s in slots(v) if s.startswith("the_"))
    ]
    template = rng.choice(usable or variants)
    d = Details(rng, parent.get("place", ""), parent.get("lw", "hẻm"), **quoted)
    if kind == "chatter" and not template.endswith((".", "!", "?")):
        text = tidy(d.fill(template)) + rng.choice(SHORT_ENDINGS)
        return text if rng.random() < 0.7 else decapitalise(text)
    text = d.sentence(template)
    if len(text.split()) <= SHORT_WORDS:
        text = casual_ending(rng, text)
    if agrees and rng.random() < 0.4:
        extras = (
            LOCAL_POSTS[concern]["detail"]
            if concern in LOCAL_POSTS
            else GENERAL_DETAILS.get(theme, {}).get("negative", ())
        )
        if extras:
            text = f"{text} {d.sentence(rng.choice(extras))}"
    return text if rng.random() < 0.85 else decapitalise(text)


def casual_ending(rng: random.Random, text: str) -> str:
    """A quick reply typed on a phone: its full stop kept, dropped, doubled or an emoji."""
    roll = rng.random()
    if roll < 0.5 or not text.endswith((".", "?", "!")):
        return text
    mark = text[-1]
    if roll < 0.65:
        return text[:-1]
    if roll < 0.8:
        return text[:-1] + ("..." if mark == "." else mark * 2)
    return text + rng.choice([e for e in SHORT_ENDINGS if e.startswith(" ")])


def parent_details(d: Details) -> dict[str, str]:
    """What a reply may quote from a post: its place, lane, road, street, spot."""
    return {**{k: d.values[k] for k in QUOTABLE if k in d.values}, "lw": d.lane_word}

