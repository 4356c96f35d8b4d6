"""Turning templates into texts: places as people name them, social wrapping, articles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .places import PROVINCES, Province, Ward, province
from .templates_news import NEWS_THEMES, SYNDICATION_INTROS, Angle, NewsTheme
from .templates_posts import CLOSERS, GENERAL_CLOSERS, OPENERS, ROADS, TIMES
from .truth import PlaceTruth

PROVINCE_WEIGHTS = {"79": 4.0, "01": 3.0, "48": 1.5, "31": 1.2, "92": 1.0}


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def decapitalise(text: str) -> str:
    """Lower the first letter unless the first word is an acronym ("UBND", "TP")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def ward_place(rng: random.Random, ward: Ward) -> PlaceTruth:
    """How a resident names a ward: new name, with the city, or an old name."""
    prov = province(ward.province)
    roll = rng.random()
    if roll < 0.45 or not ward.old_names:
        return PlaceTruth(prov.code, ward.code, ward.short, False, "ward")
    if roll < 0.6:
        # "phường X, TP.HCM" but not "phường X, xứ Nghệ": only city-style aliases here.
        aliases = [a for a in prov.aliases[:2] if a == prov.aliases[0] or a.startswith("TP")]
        surface = f"{ward.short}, {rng.choice(aliases)}"
        return PlaceTruth(prov.code, ward.code, surface, False, "ward")
    old = rng.choice(ward.old_names)
    return PlaceTruth(prov.code, ward.code, old.surface, True, old.level)


def press_ward_place(rng: random.Random, ward: Ward) -> PlaceTruth:
    """How the press names a ward: new name and city, sometimes the old district too."""
    prov = province(ward.province)
    districts = [o for o in ward.old_names if o.level == "district"]
    if districts and rng.random() < 0.3:
        surface = f"{ward.short} ({districts[0].surface} cũ), {prov.aliases[0]}"
        return PlaceTruth(prov.code, ward.code, surface, True, "ward")
    return PlaceTruth(prov.code, ward.code, f"{ward.short}, {prov.aliases[0]}", False, "ward")


def province_place(rng: random.Random, prov: Province, press: bool = False) -> PlaceTruth:
    """A province as named in a post (aliases, old provinces) or in the press."""
    if press:
        return PlaceTruth(prov.code, None, prov.aliases[0], False, "province")
    if prov.old_provinces and rng.random() < 0.25:
        old = rng.choice(prov.old_provinces)
        if rng.random() < 0.5:
            old = old.removeprefix("tỉnh ")
        return PlaceTruth(prov.code, None, old, True, "province")
    return PlaceTruth(prov.code, None, rng.choice(prov.aliases), False, "province")


def pick_province(rng: random.Random) -> Province:
    weights = [PROVINCE_WEIGHTS.get(p.code, 0.6) for p in PROVINCES]
    return rng.choices(PROVINCES, weights)[0]


def lane(rng: random.Random, prov: Province) -> str:
    number = rng.randint(2, 320)
    if prov.lane == "hẻm" and rng.random() < 0.3:
        return f"hẻm {number}/{rng.randint(2, 40)}"
    return f"{prov.lane} {number}"


def fill_local(rng: random.Random, template: str, place: PlaceTruth) -> str:
    """Fill the local slots of a post template."""
    text = template.format(
        place=place.surface,
        lane=lane(rng, province(place.province)),
        road=rng.choice(ROADS),
        time=rng.choice(TIMES),
        prov=place.surface,
    )
    return capitalise(text)


# A frame that repeats what the core already says reads badly: skip it.
_SHARED_WORDS = ("mọi người", "cảm ơn", "chia sẻ", "phản ánh", "ghi nhận", "bức xúc", "kiến nghị")


def _repeats(frame: str, core: str) -> bool:
    frame, core = frame.lower(), core.lower()
    return any(word in frame and word in core for word in _SHARED_WORDS)


def wrap_social(rng: random.Random, stance: str, core: str, local: bool = True) -> str:
    """Add an opener and a closer the way people frame a post."""
    parts = []
    if stance in OPENERS and rng.random() < 0.35:
        opener = rng.choice(OPENERS[stance])
        if not _repeats(opener, core):
            parts.append(opener)
            core = decapitalise(core) if opener.endswith(",") else core
    parts.append(core)
    closers = CLOSERS if local else GENERAL_CLOSERS
    if stance in closers and rng.random() < 0.4:
        closer = rng.choice(closers[stance])
        if closer and not _repeats(closer, core):
            parts.append(closer)
    return " ".join(parts)


@dataclass
class Article:
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class StoryPlan:
    """Choices fixed once per story, so that copies keep the same facts."""

    theme: str
    spec: NewsTheme
    angle: Angle
    slots: dict[str, str]
    title: int
    lead: int
    closing: int


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
    slots = {
        "place": place.surface if place else prov,
        "prov": prov,
        "date": f"{day.day}/{day.month}",
        "n": str(rng.randint(4, 30) * 10),
        **(extra_slots or {}),
    }
    return StoryPlan(
        theme,
        spec,
        angle,
        slots,
        rng.randrange(len(angle.titles)),
        rng.randrange(len(angle.leads)),
        rng.randrange(len(angle.closings)),
    )


def render_article(plan: StoryPlan, copy_rng: random.Random | None = None) -> Article:
    """The article of a story; with copy_rng, a lightly edited re-publication of it."""
    angle = plan.angle
    title_i, lead_i = plan.title, plan.lead
    middle = [sentence.format(**plan.slots) for sentence in angle.body]
    intro = ""
    if copy_rng is not None:
        # A copy changes its headline or its first line, and a sentence or two.
        if copy_rng.random() < 0.6:
            title_i = (title_i + 1) % len(angle.titles)
        if len(angle.leads) > 1 and copy_rng.random() < 0.5:
            lead_i = (lead_i + 1) % len(angle.leads)
        else:
            lead = angle.leads[lead_i]
            intro = copy_rng.choice(
                [i for i in SYNDICATION_INTROS if i and not lead.startswith(i[:4])]
            )
        i = copy_rng.randrange(len(middle))
        if len(middle) > 4 and copy_rng.random() < 0.5:
            del middle[i]
        else:
            middle[i] = copy_rng.choice(SENTENCE_LINKS) + decapitalise(middle[i])
    lead = angle.leads[lead_i].format(**plan.slots)
    if intro:
        lead = intro + (decapitalise(lead) if intro.endswith(", ") else lead)
    paragraphs = [lead, " ".join(middle[:2])]
    if middle[2:]:
        paragraphs.append(" ".join(middle[2:]))
    paragraphs.append(angle.closings[plan.closing].format(**plan.slots))
    return Article(capitalise(angle.titles[title_i].format(**plan.slots)), paragraphs)


# How an editor rewords a sentence it copies.
SENTENCE_LINKS = ("Được biết, ", "Đáng chú ý, ", "Cũng theo ghi nhận, ", "Bên cạnh đó, ")
