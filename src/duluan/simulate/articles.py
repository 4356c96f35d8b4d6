"""News articles: a story's facts and wording fixed once, and the copies other outlets make.

A story resolves its angle's alternations and slots once, keeps three to six of the
angle's body sentences, quotes a resident (and, for local themes, an official) and
fixes its house wording; syndicated copies then edit that text lightly: a new headline
or first line, a sentence reworded or dropped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .compose import capitalise, decapitalise
from .phrasing import Details, tidy
from .places import province
from .templates_news import NEWS_THEMES, SYNDICATION_INTROS, NewsTheme
from .templates_posts import LOCAL_POSTS
from .templates_social import GENERAL_DETAILS
from .texts_press import (
    FAMILY_NAMES,
    MEN,
    OFFICIAL_FRAMES,
    OFFICIAL_QUOTES,
    OFFICIAL_TITLES,
    PRESS_SYNONYMS,
    RESIDENT_FRAMES,
    WOMEN,
)
from .truth import PlaceTruth

# How an editor rewords a sentence it copies.
SENTENCE_LINKS = ("Được biết, ", "Đáng chú ý, ", "Cũng theo ghi nhận, ", "Bên cạnh đó, ")
RESIDENT_SHARE = 0.9
OFFICIAL_SHARE = 0.7
MIN_BODY_SENTENCES = 3
MIN_BODY_CHARS = 300


@dataclass
class Article:
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class StoryPlan:
    """A story's resolved text, so that copies keep the same facts and words."""

    theme: str
    spec: NewsTheme
    titles: list[str]  # alternative headlines
    leads: list[str]  # alternative first paragraphs
    body: list[str]
    closing: str
    title: int
    lead: int


def _person(rng: random.Random) -> tuple[str, int]:
    age = rng.randint(28, 78)
    woman = rng.random() < 0.5
    given = rng.choice(WOMEN if woman else MEN)
    title = ("bà" if woman else "ông") if age >= 50 else ("chị" if woman else "anh")
    return f"{title} {rng.choice(FAMILY_NAMES)} {given}", age


def _resident_quote(rng: random.Random, d: Details, spec: NewsTheme, theme: str) -> str | None:
    """A resident's words, as the social pools have residents say them."""
    if spec.concern in LOCAL_POSTS:
        pool = LOCAL_POSTS[spec.concern]["detail"]
    else:
        by_sentiment = GENERAL_DETAILS.get(theme, {})
        pool = by_sentiment.get(spec.sentiment) or by_sentiment.get("negative", ())
    if not pool:
        return None
    voice = Details(rng, d.values["place"], d.lane_word, I="tôi", folks="bà con")
    quote = voice.sentence(rng.choice(pool))
    who, age = _person(rng)
    frame = rng.choice(RESIDENT_FRAMES)
    if not frame.endswith("”"):
        quote = quote.rstrip(".")
    home = d.fill("{lane}, {place}") if spec.local else d.values["place"]
    text = frame.format(quote=quote, who=who, Who=capitalise(who), age=age, home=home)
    return capitalise(text)


def _official_quote(rng: random.Random, d: Details) -> str:
    frame = rng.choice(OFFICIAL_FRAMES)
    family = rng.choice(FAMILY_NAMES)
    given = rng.choice(WOMEN if frame.startswith("Bà") else MEN)
    return capitalise(
        frame.format(
            official_name=f"{family} {given}",
            official=d.fill(rng.choice(OFFICIAL_TITLES)),
            official_quote=d.fill(rng.choice(OFFICIAL_QUOTES)),
        )
    )


def _house_style(rng: random.Random) -> list[tuple[str, str]]:
    return [(row[0], rng.choice(row)) for row in PRESS_SYNONYMS]


def _styled(text: str, style: list[tuple[str, str]]) -> str:
    for plain, chosen in style:
        if plain != chosen:
            text = text.replace(plain, chosen)
    return text


def plan_story(
    rng: random.Random,
    theme: str,
    place: PlaceTruth | None,
    day: date,
    spec: NewsTheme | None = None,
    extra_slots: dict[str, str] | None = None,
) -> StoryPlan:
    spec = spec or NEWS_THEMES[theme]
    angle = rng.choice(spec.angles)
    prov = province(place.province).aliases[0] if place else "Việt Nam"
    lane_word = province(place.province).lane if place else "hẻm"
    d = Details(
        rng,
        place.surface if place else prov,
        lane_word,
        prov=prov,
        date=f"{day.day}/{day.month}",
        n=str(rng.randint(4, 30) * 10),
        **(extra_slots or {}),
    )
    style = _house_style(rng)

    def resolve(template: str) -> str:
        return _styled(capitalise(tidy(d.fill(template))), style)

    sentences = [resolve(sentence) for sentence in angle.body]
    # Each story tells part of what the angle could say, but never too little.
    for _ in range(rng.choice((0, 0, 0, 1))):
        i = rng.randrange(len(sentences))
        rest = sentences[:i] + sentences[i + 1 :]
        if len(rest) >= MIN_BODY_SENTENCES and sum(map(len, rest)) >= MIN_BODY_CHARS:
            sentences = rest
    quotes = []
    if rng.random() < RESIDENT_SHARE and (quote := _resident_quote(rng, d, spec, theme)):
        quotes.append(_styled(quote, style))
    if spec.local and rng.random() < OFFICIAL_SHARE:
        quotes.append(_styled(_official_quote(rng, d), style))
    for quote in quotes:
        sentences.insert(rng.randint(1, len(sentences)), quote)
    return StoryPlan(
        theme,
        spec,
        [resolve(t) for t in angle.titles],
        [resolve(t) for t in angle.leads],
        sentences,
        resolve(rng.choice(angle.closings)),
        rng.randrange(len(angle.titles)),
        rng.randrange(len(angle.leads)),
    )


def render_article(plan: StoryPlan, copy_rng: random.Random | None = None) -> Article:
    """The article of a story; with copy_rng, a lightly edited re-publication of it."""
    title_i, lead_i = plan.title, plan.lead
    middle = list(plan.body)
    intro = ""
    if copy_rng is not None:
        # A copy changes its headline or its first line, and a sentence or two.
        if copy_rng.random() < 0.6:
            title_i = (title_i + 1) % len(plan.titles)
        if len(plan.leads) > 1 and copy_rng.random() < 0.5:
            lead_i = (lead_i + 1) % len(plan.leads)
        else:
            lead = plan.leads[lead_i]
            intro = copy_rng.choice(
                [i for i in SYNDICATION_INTROS if i and not lead.startswith(i[:4])]
            )
        i = copy_rng.randrange(len(middle))
        if len(middle) > 4 and copy_rng.random() < 0.25:
            del middle[i]
        else:
            middle[i] = copy_rng.choice(SENTENCE_LINKS) + decapitalise(middle[i])
    lead = plan.leads[lead_i]
    if intro:
        lead = intro + (decapitalise(lead) if intro.endswith(", ") else lead)
    paragraphs = [lead, " ".join(middle[:2])]
    if middle[2:]:
        paragraphs.append(" ".join(middle[2:]))
    paragraphs.append(plan.closing)
    return Article(capitalise(plan.titles[title_i]), paragraphs)
