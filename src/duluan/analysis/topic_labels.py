"""Readable labels for topics: multi-word keywords and a representative headline.

A label is worked out from the stories nearest the topic's centroid (their founding
documents), chosen among its most recent stories by their cosine with the centroid as it
is now (`nearest`): the similarity stored when a story joined is 1.0 for every story that
opened a topic, so after merges it would pick the openers of every absorbed topic, some
far from what the topic became. The keywords the enrichment already stored for each
of those documents are pooled, and a phrase scores by the share of the stories that use
it times its rarity in the background (the weights of `text.keywords`), so "ngập nước"
beats "người dân". Documents not yet enriched are read with `group_keywords` instead.
The headline is the title of the most widely syndicated article among them, else the
opening of the nearest post: stored, redacted text only, never an author.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select, update

from ..store.schema import documents, enrichments, stories, story_topics, topics
from ..text.fold import fold
from ..text.keywords import DISCOURSE, _background, group_keywords, label_form
from ..text.shorten import shorten

SAMPLE = 100
POOL = 300  # the most recent stories read for a label; the SAMPLE nearest the centroid are kept
MIN_SHARE = 0.08  # a label phrase is used by at least this share of the sampled stories
KEYWORDS = 6
LABEL_KEYWORDS = 3
HEADLINE_CHARS = 140
HEADLINE_LOOK = 10  # how far down the nearest posts a headline looks for one with diacritics


@dataclass
class Sample:
    story_id: int
    kind: str
    title: str | None
    text: str
    size: int
    similarity: float
    keywords: list[str] | None  # None: not enriched
    concern: str | None = None  # the enrichment's concern


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
            if key in DISCOURSE:  # stored by an enrichment before the list had it
                continue
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
    """The title of the largest article story nearest the centre, else the opening of the
    nearest post written with diacritics (among the HEADLINE_LOOK nearest; else the nearest)."""
    titled = [s for s in samples if s.title and s.kind in ("news", "page")]
    if titled:
        best = min(titled, key=lambda s: (-s.size, -s.similarity, s.story_id))
        return " ".join((best.title or "").split())
    if not samples:
        return None
    # A post written with diacritics reads better than one typed without, if one is near
    # (one marked letter in its opening counts: a text typed without marks has none).
    nearest = next((s for s in samples[:HEADLINE_LOOK] if fold(s.text[:200]) != s.text[:200].lower()), samples[0])
    text = " ".join(nearest.text.split())
    return shorten(text, HEADLINE_CHARS)


def label_of(keywords: Sequence[str], head: str | None, topic_id: int) -> str:
    if keywords:
        return " · ".join(keywords[:LABEL_KEYWORDS])
    return head or f"topic {topic_id}"


def recent_pool(topic_id: int) -> Select[tuple[int]]:
    """The ids of the topic's POOL most recent stories, articles and posts before comments:
    where its labels and its evidence are chosen, by their cosine with the centroid."""
    return (
        select(story_topics.c.story_id)
        .select_from(
            story_topics.join(stories, stories.c.id == story_topics.c.story_id)
            .join(documents, documents.c.content_hash == stories.c.founder_hash)
        )
        .where(story_topics.c.topic_id == topic_id)
        .order_by((documents.c.kind == "comment"), stories.c.first_published_at.desc(), stories.c.id.desc())
        .limit(POOL)
    )


def _sample_query(topic_id: int) -> Select[Any]:
    return (
        select(
            stories.c.id, documents.c.kind, documents.c.title, documents.c.text, stories.c.size,
            story_topics.c.similarity, enrichments.c.keywords, enrichments.c.concern,
        )
        .select_from(
            story_topics.join(stories, stories.c.id == story_topics.c.story_id)
            .join(documents, documents.c.content_hash == stories.c.founder_hash)
            .outerjoin(enrichments, enrichments.c.document_id == documents.c.id)
        )
        .where(story_topics.c.topic_id == topic_id)
    )


def _samples(conn: Connection, query: Select[Any]) -> list[Sample]:
    return [
        Sample(r.id, r.kind, r.title, r.text[:2000], r.size, r.similarity,
               list(r.keywords) if r.keywords is not None else None, r.concern)
        for r in conn.execute(query)
    ]


def ranked_pool(
    conn: Connection, topic_id: int, nearest: Callable[[int, Sequence[Sample]], Sequence[float]],
) -> list[Sample]:
    """The topic's recent stories (`recent_pool`; comments only when it has nothing else),
    each with its cosine with the centroid now (`nearest`), nearest first."""
    found = _samples(conn, _sample_query(topic_id).where(story_topics.c.story_id.in_(recent_pool(topic_id))))
    if not found:
        return found
    if any(s.kind != "comment" for s in found):
        found = [s for s in found if s.kind != "comment"]
    ranked = [replace(s, similarity=float(c)) for s, c in zip(found, nearest(topic_id, found), strict=True)]
    ranked.sort(key=lambda s: (-s.similarity, s.story_id))
    return ranked


def relabel(
    conn: Connection, topic_ids: Sequence[int], nearest: Callable[[int, Sequence[Sample]], Sequence[float]],
) -> None:
    """Recompute keywords, headline and label of these topics from the SAMPLE stories of
    `ranked_pool` nearest the centroid (`nearest`: topic id and candidates → their cosines
    with it now). Those cosines become the recent stories' stored similarity, so the
    evidence that `topic_report` lists from them is what the label was read from."""
    for topic_id in topic_ids:
        pool = ranked_pool(conn, topic_id, nearest)
        if not pool:
            continue
        conn.execute(
            update(story_topics).where(story_topics.c.story_id == bindparam("story")).values(similarity=bindparam("near")),
            [{"story": s.story_id, "near": round(s.similarity, 6)} for s in pool],
        )
        samples = pool[:SAMPLE]
        keywords = pooled_keywords(samples)
        head = headline(samples)
        conn.execute(update(topics).where(topics.c.id == topic_id).values(
            keywords=keywords, headline=head, label=label_of(keywords, head, topic_id),
        ))
