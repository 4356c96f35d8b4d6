"""Readable labels for topics: multi-word keywords and a representative headline.

A label is worked out from the stories nearest the topic's centroid (their founding
documents): the keywords the enrichment already stored for each document are pooled, and
a phrase scores by the share of those stories that use it times its rarity in the
background (the weights of `text.keywords`), so "ngập nước" beats "người dân". Documents
not yet enriched are read with `group_keywords` instead. The headline is the title of the
most widely syndicated article among them, else the opening of the nearest post: stored,
redacted text only, never an author.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from ..store.schema import documents, enrichments, stories, story_topics, topics
from ..text.fold import fold
from ..text.keywords import _background, group_keywords, label_form

SAMPLE = 100
MIN_SHARE = 0.08  # a label phrase is used by at least this share of the sampled stories
KEYWORDS = 6
LABEL_KEYWORDS = 3
HEADLINE_CHARS = 140


@dataclass
class Sample:
    story_id: int
    kind: str
    title: str | None
    text: str
    size: int
    similarity: float
    keywords: list[str] | None  # None: not enriched


def _weight(key: str) -> float:
    documents_, df = _background()
    idf = math.log((documents_ + 1) / (df.get(key, 0) + 1)) + 1.0
    return idf * (0.35 if " " not in key else 1.0)


def pooled_keywords(samples: Sequence[Sample], top: int = KEYWORDS) -> list[str]:
    """The phrases most of the sampled stories use and the background rarely does."""
    enriched = [s for s in samples if s.keywords is not None]
    if len(enriched) < max(1, len(samples) // 2):
        return [k.phrase for k in group_keywords([f"{s.title or ''}\n{s.text[:600]}" for s in samples], top=top)]
    share: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for sample in enriched:
        seen = set()
        for phrase in sample.keywords or []:
            key = fold(phrase)
            forms.setdefault(key, Counter())[phrase] += 1
            seen.add(key)
        share.update(seen)
    floor = max(min(2, len(enriched)), MIN_SHARE * len(enriched))
    scored = {k: (n / len(enriched)) * _weight(k) for k, n in share.items() if n >= floor}
    # Multi-word phrases first ("giá thịt heo" says more than "giá"); single words only
    # when too few phrases qualify.
    ranked = sorted(scored, key=lambda k: (" " not in k, -scored[k], k))
    chosen: list[str] = []
    keys: list[str] = []
    for key in ranked:
        # A phrase inside or around one already chosen adds nothing ("thu gom", "thu gom rác").
        if any(key in other or other in key for other in keys):
            continue
        keys.append(key)
        chosen.append(label_form(forms[key]))
        if len(chosen) >= top:
            break
    return chosen


def headline(samples: Sequence[Sample]) -> str | None:
    """The title of the largest article story nearest the centre, else a post's opening."""
    titled = [s for s in samples if s.title and s.kind in ("news", "page")]
    if titled:
        best = min(titled, key=lambda s: (-s.size, -s.similarity, s.story_id))
        return " ".join((best.title or "").split())
    if not samples:
        return None
    text = " ".join(samples[0].text.split())
    if len(text) <= HEADLINE_CHARS:
        return text
    return text[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def label_of(keywords: Sequence[str], head: str | None, topic_id: int) -> str:
    if keywords:
        return " · ".join(keywords[:LABEL_KEYWORDS])
    return head or f"topic {topic_id}"


def samples_of(conn: Connection, topic_id: int, limit: int = SAMPLE) -> list[Sample]:
    """The stories nearest the centroid (comments only when there is nothing else)."""
    query = (
        select(
            stories.c.id, documents.c.kind, documents.c.title, documents.c.text, stories.c.size,
            story_topics.c.similarity, enrichments.c.keywords,
        )
        .select_from(
            story_topics.join(stories, stories.c.id == story_topics.c.story_id)
            .join(documents, documents.c.content_hash == stories.c.founder_hash)
            .outerjoin(enrichments, enrichments.c.document_id == documents.c.id)
        )
        .where(story_topics.c.topic_id == topic_id)
        .order_by((documents.c.kind == "comment"), story_topics.c.similarity.desc(), stories.c.id)
        .limit(limit)
    )
    return [
        Sample(r.id, r.kind, r.title, r.text[:2000], r.size, r.similarity, list(r.keywords) if r.keywords is not None else None)
        for r in conn.execute(query)
    ]


def relabel(conn: Connection, topic_ids: Sequence[int]) -> None:
    """Recompute keywords, headline and label of these topics."""
    for topic_id in topic_ids:
        samples = samples_of(conn, topic_id)
        if not samples:
            continue
        keywords = pooled_keywords(samples)
        head = headline(samples)
        conn.execute(update(topics).where(topics.c.id == topic_id).values(
            keywords=keywords, headline=head, label=label_of(keywords, head, topic_id),
        ))
