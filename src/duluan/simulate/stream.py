"""Building the simulated stream in memory: background posts, comments and news."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, time, timedelta

import numpy as np

from .articles import plan_story, render_article
from .compose import pick_province, press_ward_place, province_place, ward_place
from .items import VN_TZ, SimItem, post_url, slug
from .noise import add_typos, fold, has_diacritics, teencode
from .options import SimulationOptions
from .phrasing import Details
from .places import WARDS, Ward
from .social import comment_pool, comment_text, general_text, local_text, parent_details
from .templates_news import (
    BYLINE_FAMILY,
    BYLINE_GIVEN,
    NEWS_THEME_WEIGHTS,
    NEWS_THEMES,
    OUTLETS,
    NewsTheme,
)
from .templates_posts import THEME_OF_CONCERN
from .templates_social import GENERAL_POSTS, GENERAL_THEME_WEIGHTS
from .truth import ItemTruth, PlaceTruth

PLATFORMS = ("facebook", "tiktok", "zalo", "forum", "youtube")
PLATFORM_WEIGHTS = (0.45, 0.15, 0.1, 0.15, 0.15)
HOUR_WEIGHTS = (
    1,
    0.5,
    0.3,
    0.2,
    0.3,
    0.8,
    2,
    3,
    3.5,
    3,
    2.8,
    3,
    3.5,
    3,
    2.5,
    2.5,
    2.8,
    3,
    3.5,
    4,
    4.5,
    4,
    3,
    2,
)
LOCAL_SHARE = 0.45  # background posts about a ward; the rest are general
LOCAL_CONCERNS = {
    "traffic": 0.17,
    "flooding": 0.07,
    "waste": 0.1,
    "pollution": 0.08,
    "utilities": 0.1,
    "land_housing": 0.06,
    "public_order": 0.1,
    "public_services": 0.1,
    "health": 0.06,
    "education": 0.06,
    "food_safety": 0.05,
    "other": 0.05,
}
STANCES = ("complaint", "request", "question", "praise", "info")
STANCE_WEIGHTS = (0.5, 0.12, 0.15, 0.08, 0.15)
COMPLAINING = ("complaint", "request")
SENTIMENT_OF_STANCE = {
    "complaint": "negative",
    "request": "neutral",
    "question": "neutral",
    "praise": "positive",
    "info": "neutral",
    "chat": "neutral",
}
EMOJI = {"complaint": ("😡", "😤", "😢"), "praise": ("👏", "❤️", "👍"), "question": ("🙏",)}


class StreamBuilder:
    """Accumulates items for one run; every random choice goes through self.rng or self.nprng."""

    def __init__(self, options: SimulationOptions) -> None:
        self.options = options
        self.noise = options.noise
        self.rng = random.Random(options.seed)
        self.nprng = np.random.default_rng(options.seed)
        self.scale = options.posts_per_day / 250
        self.items: list[SimItem] = []
        self._counters: dict[str, int] = {}
        handles = self.rng.sample(range(1000, 99999), 5000)
        prefixes = ("user", "user", "user", "cudan", "phuhuynh", "xomtro", "nguoidung")
        self.authors = [f"{self.rng.choice(prefixes)}_{h}" for h in handles]
        # A few accounts post a lot, most post once or twice.
        self._author_cum = list(
            itertools.accumulate(1 / (i + 10) for i in range(len(self.authors)))
        )
        self.end = datetime.combine(options.start, time(0), VN_TZ) + timedelta(days=options.days)

    # -- identities and times -------------------------------------------------

    def next_id(self, prefix: str, width: int = 6) -> str:
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}{n:0{width}d}"

    def new_story(self) -> str:
        return self.next_id("s")

    def author(self) -> str:
        return self.rng.choices(self.authors, cum_weights=self._author_cum)[0]

    def moment(self, day: int) -> datetime:
        hour = self.rng.choices(range(24), HOUR_WEIGHTS)[0]
        start = datetime.combine(self.options.start, time(0), VN_TZ)
        return start + timedelta(days=day, hours=hour, seconds=self.rng.randrange(3600))

    def day_of(self, moment: datetime) -> int:
        return (moment.date() - self.options.start).days

    def later(self, moment: datetime, mean_minutes: float) -> datetime:
        delay = timedelta(minutes=1 + self.rng.expovariate(1 / mean_minutes))
        return min(moment + delay, self.end - timedelta(minutes=1))

    # -- social posts ---------------------------------------------------------

    def messy(self, text: str, allow_emoji: bool, stance: str) -> tuple[str, list[str]]:
        """Apply the noise shares to a social text; return it with the labels applied."""
        labels: list[str] = []
        if allow_emoji and stance in EMOJI and self.rng.random() < 0.12:
            text = f"{text} {self.rng.choice(EMOJI[stance])}"
        if self.rng.random() < self.noise.teencode:
            changed = teencode(text, self.rng)
            # "Share rồi nha" -> "Share r nha" would pass for a text typed without marks.
            if changed != text and has_diacritics(changed):
                text, labels = changed, labels + ["teencode"]
        if self.rng.random() < self.noise.typos:
            changed = add_typos(text, self.rng)
            # A slip must not pass for a text typed without diacritics ("Hóng" -> "Hng").
            if changed != text and has_diacritics(changed):
                text, labels = changed, labels + ["typos"]
        if self.rng.random() < self.noise.no_diacritics:
            changed = fold(text)
            if changed != text:
                text, labels = changed, labels + ["no_diacritics"]
        return text, labels

    def add_post(
        self,
        day: int,
        text: str,
        theme: str,
        concern: str | None,
        stance: str,
        sentiment: str,
        place: PlaceTruth | None,
        event: str | None = None,
        comment_rate: float | None = None,
        details: Details | None = None,
    ) -> SimItem:
        moment = self.moment(day)
        text, labels = self.messy(text, True, stance)
        platform = self.rng.choices(PLATFORMS, PLATFORM_WEIGHTS)[0]
        truth = ItemTruth(
            "post",
            "posts.jsonl",
            day,
            self.new_story(),
            theme,
            concern,
            stance in COMPLAINING,
            sentiment,
            place,
            labels,
            event,
        )
        item = SimItem(
            self.next_id("p"),
            "post",
            moment,
            text,
            truth,
            author=self.author(),
            platform=platform,
            likes=int(self.rng.lognormvariate(2.0, 1.3)),
            shares=int(self.rng.lognormvariate(0.5, 1.2)),
            stance=stance,
            details=parent_details(details) if details else {},
        )
        item.url = post_url(item, self.rng)
        self.items.append(item)
        if comment_rate is None:
            comment_rate = 1.2 if stance in COMPLAINING else 0.6
        for _ in range(int(self.nprng.poisson(comment_rate))):
            self.add_comment(item)
        item.comments = len(item.children) + self.rng.randint(0, 6)
        return item

    def add_comment(self, parent: SimItem) -> SimItem:
        pool = comment_pool(parent.stance, parent.truth.theme, parent.truth.event is not None)
        entry = self.rng.choice(pool)
        kind, sentiment, complaint, _ = entry
        template = comment_text(
            self.rng, entry, parent.details, parent.truth.concern, parent.truth.theme
        )
        text, labels = self.messy(template, False, "chat")
        moment = self.later(parent.time, 150)
        topical = kind == "topical"
        truth = ItemTruth(
            "comment",
            "posts.jsonl",
            self.day_of(moment),
            self.new_story(),
            parent.truth.theme,
            parent.truth.concern if topical else None,
            complaint,
            sentiment,
            None,
            labels,
            parent.truth.event if topical else None,
        )
        item = SimItem(
            self.next_id("c"),
            "comment",
            moment,
            text,
            truth,
            author=self.author(),
            platform=parent.platform,
            likes=int(self.rng.lognormvariate(0.8, 1.0)),
            parent_id=parent.id,
            stance="chat",
        )
        item.url = f"{parent.url}#comment-{item.id}"
        parent.children.append(item)
        self.items.append(item)
        return item

    def local_post(self, day: int, ward: Ward, concern: str) -> SimItem:
        stance = self.rng.choices(STANCES, STANCE_WEIGHTS)[0]
        place = ward_place(self.rng, ward)
        text, details = local_text(self.rng, concern, stance, place)
        return self.add_post(
            day,
            text,
            THEME_OF_CONCERN[concern],
            concern,
            stance,
            SENTIMENT_OF_STANCE[stance],
            place,
            details=details,
        )

    def general_post(self, day: int, theme: str) -> SimItem:
        concern, stance, sentiment, template = self.rng.choice(GENERAL_POSTS[theme])
        place = None
        if "{prov}" in template:
            place = province_place(self.rng, pick_province(self.rng))
        text, details = general_text(self.rng, theme, stance, sentiment, template, place)
        return self.add_post(
            day, text, theme, concern, stance, sentiment, place, details=details
        )

    # -- news -----------------------------------------------------------------

    def add_news_story(
        self,
        day: int,
        theme: str,
        place: PlaceTruth | None,
        copies: int = 1,
        spec: NewsTheme | None = None,
        extra_slots: dict[str, str] | None = None,
        event: str | None = None,
    ) -> str:
        """Publish one story in `copies` outlets; return its story id."""
        spec = spec or NEWS_THEMES[theme]
        plan = plan_story(
            self.rng, theme, place, self.options.start + timedelta(days=day), spec, extra_slots
        )
        story = self.new_story()
        outlets = self.rng.sample(OUTLETS, copies)
        moment = self.moment(day)
        seen: set[str] = set()
        for i, (outlet, domain) in enumerate(outlets):
            article = render_article(plan, self.rng if i else None)
            for _ in range(20):  # each outlet's edit differs from the others'
                if article.text not in seen:
                    break
                article = render_article(plan, self.rng)
            if article.text in seen:
                article.paragraphs.append(f"(Theo {outlets[0][0]})")
            seen.add(article.text)
            if i:
                moment = self.later(moment, 180)
            truth = ItemTruth(
                "news",
                "news.xml",
                self.day_of(moment),
                story,
                theme,
                spec.concern,
                spec.is_complaint,
                spec.sentiment,
                place,
                [],
                event,
                None,
                outlet,
            )
            item = SimItem(
                self.next_id("n"),
                "news",
                moment,
                article.text,
                truth,
                title=article.title,
                byline=f"{self.rng.choice(BYLINE_FAMILY)} {self.rng.choice(BYLINE_GIVEN)}",
            )
            item.url = f"https://{domain}/{slug(article.title)}-{item.id[1:]}.html"
            self.items.append(item)
        return story

    def news_place(self, theme: str) -> PlaceTruth | None:
        if NEWS_THEMES[theme].local:
            return press_ward_place(self.rng, self.rng.choice(WARDS))
        if theme in ("sport", "entertainment") and self.rng.random() < 0.5:
            return None
        return province_place(self.rng, pick_province(self.rng), press=True)

    def background_news(self, day: int) -> None:
        themes = list(NEWS_THEME_WEIGHTS)
        weights = list(NEWS_THEME_WEIGHTS.values())
        low, high = self.noise.syndicated_copies
        for _ in range(int(self.nprng.poisson(self.options.news_per_day))):
            theme = self.rng.choices(themes, weights)[0]
            copies = 1
            if self.rng.random() < self.noise.syndicated_share:
                copies = self.rng.randint(low, high)
            self.add_news_story(day, theme, self.news_place(theme), copies)

    # -- background social ----------------------------------------------------

    def local_rates(self, hotspots: dict[tuple[str, str], float]) -> np.ndarray:
        """Expected posts per day for each ward × local concern."""
        ward_weights = np.array([1.5 if w.province in ("79", "01") else 1.0 for w in WARDS])
        ward_weights /= ward_weights.sum()
        concern_weights = np.array(list(LOCAL_CONCERNS.values()))
        concern_weights /= concern_weights.sum()
        total = LOCAL_SHARE * self.options.posts_per_day
        rates = total * np.outer(ward_weights, concern_weights)
        concerns = list(LOCAL_CONCERNS)
        codes = [w.code for w in WARDS]
        for (code, concern), rate in hotspots.items():
            rates[codes.index(code), concerns.index(concern)] = rate * self.scale
        return rates

    def background_social(self, day: int, rates: np.ndarray) -> None:
        weekday = (self.options.start + timedelta(days=day)).weekday()
        factor = 0.85 if weekday >= 5 else 1.0
        counts = self.nprng.poisson(rates * factor)
        concerns = list(LOCAL_CONCERNS)
        for w_i, c_i in zip(*np.nonzero(counts), strict=True):
            for _ in range(int(counts[w_i, c_i])):
                self.local_post(day, WARDS[w_i], concerns[c_i])
        themes = list(GENERAL_THEME_WEIGHTS)
        weights = list(GENERAL_THEME_WEIGHTS.values())
        general = self.nprng.poisson((1 - LOCAL_SHARE) * self.options.posts_per_day * factor)
        for _ in range(int(general)):
            self.general_post(day, self.rng.choices(themes, weights)[0])

    def general_rate(self, theme: str, concern: str) -> float:
        """Expected general posts/day carrying this concern (the price event's background)."""
        pool = GENERAL_POSTS[theme]
        share = sum(1 for entry in pool if entry[0] == concern) / len(pool)
        return (1 - LOCAL_SHARE) * self.options.posts_per_day * GENERAL_THEME_WEIGHTS[theme] * share
