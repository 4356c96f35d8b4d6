"""Splitting a topic that has come to hold two stories.

A story joins a topic when it is close enough to the topic's centroid, and the centroid
is the sum of everything the topic holds: once a few stories of a second subject have
joined (through a shared place or actor), the next ones of that subject join too, and the
topic drifts into a mix. The split finds such a mix and cuts it in two:

1. when: a topic the batch grew (or a merge enlarged) is checked when its size crosses a
   checkpoint: 4 x `split_min_stories` (20), then every +50% of its size (at least one, at
   most `SPLIT_MAX_STEP` stories). The checkpoints are a fixed grid, not a memory of the last
   check, so a rerun decides the same; a topic is read about log(size) times, not every
   day;
2. what: its `split_window` (100) most recent stories (by first publication), as the same unit
   TF-IDF rows the clusterer uses. Comments that joined because of the post they answer
   follow that post and do not vote;
3. how: the centred cosines among those stories (the mean story removed, as everywhere in
   the model), one principal-direction cut (PDDP, Boley 1998: the sign of each story on
   the first eigenvector of the doubly centred cosine matrix), then spherical 2-means on
   the same matrix until no story moves (at most `REFINE_ROUNDS`). No randomness: the
   same stories give the same parts;
4. whether: both parts hold `split_min_stories` or more stories, and the centred cosine of
   their centroids (sums of their rows, compared like topics are compared for a merge) is
   below `split_threshold`. The default, 0.08, is below the merge threshold (0.13) with a
   margin, so the two halves of a split do not qualify to merge back at once; on VNTC dev
   the best cut of a checked topic scored 0.161 at the lowest (5th percentile 0.205,
   median 0.332; 85 checks over two runs), so no coherent topic there splits, while two
   sub-stories that share only a place and a frame ("người dân phường Thủ Đức phản ánh")
   score below 0.07 once each holds a dozen stories (tests/test_topic_split.py);
5. who keeps the id: the part whose median story is older (first published, then id)
   keeps it; the other part gets a new id, its stories are re-pointed, and a `split` event
   (on the new topic, naming the parent, dated by the latest story of the batch) and a
   `born` event are recorded. Stories older than the window stay with the parent.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import scipy.linalg
import scipy.sparse as sp

if TYPE_CHECKING:
    from .topic_model import TopicChange, TopicClusterer

__all__ = ["Members", "MemberLog", "Split", "crossed_checkpoint", "find_split", "fold_batch"]

SPLIT_GROWTH = 0.5  # a topic is looked at again after growing by this share
SPLIT_MAX_STEP = 50  # ... or by this many stories, whichever is smaller
REFINE_ROUNDS = 20
# The first look at a topic, in smallest parts: a split of two parts of 5 from a topic of
# 10 is rarely worth a new topic, and small topics are most of them (on short TC201805
# leads, checks from 10 stories on cost as much time as the clustering itself).
FIRST_CHECK = 4


@dataclass
class Members:
    """The recent stories of one topic, oldest first, as the split reads them."""

    story_ids: list[int]
    times: list[datetime]
    rows: sp.csr_matrix  # unit TF-IDF rows, one per story (all-zero: nothing to read)
    followers: dict[int, int] = field(default_factory=dict)  # comment story → the story it answers
    texts: list[str] = field(default_factory=list)  # for a placeholder label, when known


@dataclass
class Split:
    """Where one topic is cut: the stories that leave, and why."""

    moved: list[int]  # story ids of the new topic (followers included)
    moved_rows: sp.csr_matrix  # 1 x features: the sum of the rows that leave
    moved_stories: int  # stories that leave by their text (they counted in the centroid)
    born_at: datetime
    last_seen_at: datetime
    kept_last_seen_at: datetime
    similarity: float  # centred cosine of the two parts' centroids
    sizes: tuple[int, int]  # (kept, moved) among the window's stories
    first_text: str | None = None


_GRID: dict[int, list[int]] = {}


def _checkpoints(base: int, upto: int) -> list[int]:
    grid = _GRID.setdefault(base, [base])
    while grid[-1] <= upto:
        last = grid[-1]
        grid.append(last + min(SPLIT_MAX_STEP, max(1, math.ceil(last * SPLIT_GROWTH))))
    return grid


def crossed_checkpoint(before: int, after: int, min_stories: int) -> bool:
    """True when a topic that grew from `before` to `after` stories passed a checkpoint."""
    first = FIRST_CHECK * min_stories
    if after < first or after <= before:
        return False
    grid = _checkpoints(first, after)
    return bisect.bisect_right(grid, after) > bisect.bisect_right(grid, before)


# rows → (their dot products, each row's dot with the unit mean story)
Gram = Callable[[sp.csr_matrix], tuple[np.ndarray, np.ndarray]]


def _two_parts(similarity: np.ndarray) -> np.ndarray:
    """Boolean part of each story: principal-direction cut, then spherical 2-means, both
    on the matrix of centred cosines (so no centroid is materialised)."""
    n = similarity.shape[0]
    centred = similarity - similarity.mean(axis=0) - similarity.mean(axis=1)[:, None] + similarity.mean()
    # Only the top eigenvector (LAPACK's subset driver: 3x faster than all of them at 200).
    _, vectors = scipy.linalg.eigh(centred, subset_by_index=[n - 1, n - 1])
    direction = vectors[:, 0]
    # eigh may return either sign: fix it so the first story is on the False side; the
    # parts are named by age afterwards anyway, this only keeps the loop below reproducible.
    if direction[0] > 0:
        direction = -direction
    part = direction > 0
    for _ in range(REFINE_ROUNDS):
        if part.all() or not part.any():
            return part
        scores = np.empty((n, 2))
        for side, members in enumerate((~part, part)):
            inner = float(similarity[np.ix_(members, members)].sum())
            scores[:, side] = similarity[:, members].sum(axis=1) / math.sqrt(max(inner, 1e-24))
        moved = scores[:, 1] > scores[:, 0]
        if np.array_equal(moved, part):
            break
        part = moved
    return part


def find_split(members: Members, gram: Gram, min_stories: int, threshold: float) -> Split | None:
    """The cut of a topic's recent stories in two distinct parts, or None."""
    voters = [
        p for p, story in enumerate(members.story_ids)
        if story not in members.followers and members.rows.indptr[p + 1] > members.rows.indptr[p]
    ]
    if len(voters) < 2 * min_stories:
        return None
    rows = (members.rows if len(voters) == members.rows.shape[0] else members.rows[voters]).astype(np.float64)
    # One product serves both steps: the stories' centred cosines, and (summed over the
    # parts) the centred cosine of the parts' centroids, as `_cosines` would give them.
    dots, along = gram(rows)
    centred = dots - np.outer(along, along)
    norms = np.sqrt(np.maximum(np.diag(centred), 1e-24))
    part = _two_parts(centred / np.outer(norms, norms))
    sizes = int((~part).sum()), int(part.sum())
    if min(sizes) < min_stories:
        return None
    one, two = ~part, part
    cross = float(dots[np.ix_(one, two)].sum()) - float(along[one].sum()) * float(along[two].sum())
    first = float(dots[np.ix_(one, one)].sum()) - float(along[one].sum()) ** 2
    second = float(dots[np.ix_(two, two)].sum()) - float(along[two].sum()) ** 2
    similarity = cross / math.sqrt(max(first, 1e-24) * max(second, 1e-24))
    if similarity >= threshold:
        return None
    sides = sp.csr_matrix((np.ones(len(part)), (part.astype(np.int64), np.arange(len(part)))), shape=(2, len(part)))
    sums = (sides @ rows).tocsr()  # row 0: the part marked False, row 1: True
    # The part whose median story is older keeps the id.
    keys = [(members.times[p], members.story_ids[p]) for p in voters]
    medians = [sorted(k for k, side in zip(keys, part, strict=True) if side == s)[(sizes[s] - 1) // 2] for s in (False, True)]
    leaving = medians[1] > medians[0]  # True: the part marked True is younger and leaves
    moving = [p for p, side in zip(voters, part, strict=True) if bool(side) == leaving]
    staying = [p for p, side in zip(voters, part, strict=True) if bool(side) != leaving]
    moved_ids = {members.story_ids[p] for p in moving}
    moved_ids |= {c for c, parent in members.followers.items() if parent in moved_ids}
    ordered = [s for s in members.story_ids if s in moved_ids]
    return Split(
        moved=ordered, moved_rows=sp.csr_matrix(sums[1] if leaving else sums[0]),
        moved_stories=len(moving), born_at=members.times[moving[0]], last_seen_at=members.times[moving[-1]],
        kept_last_seen_at=members.times[staying[-1]], similarity=similarity,
        sizes=(len(staying), len(moving)),
        first_text=members.texts[moving[0]] if members.texts else None,
    )


class MemberLog:
    """Which story is in which topic, and its row, kept in memory: the split's source of
    recent stories where there is no database (the benchmark, unit tests). The store
    answers the same question from `story_topics` (`topic_store.recent_members`)."""

    def __init__(self) -> None:
        self._topic: dict[int, int] = {}
        self._stories: dict[int, set[int]] = {}  # topic as recorded → its stories
        self._time: dict[int, datetime] = {}
        self._order: dict[int, tuple[datetime, int]] = {}  # story → its place in time (first published, id)
        self._row: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # story → (columns, weights)

    def record(self, change: TopicChange, rows: sp.csr_matrix | None = None, story_ids: Sequence[int] = ()) -> None:
        """Note a change's assignments (with the rows of `story_ids`) and splits; merges are
        followed at query time."""
        if rows is not None:
            indptr, indices, data = rows.indptr, rows.indices, rows.data
            for p, story in enumerate(story_ids):
                self._row[story] = (indices[indptr[p] : indptr[p + 1]], data[indptr[p] : indptr[p + 1]])
        for story, topic, _ in change.assignments:
            self._put(story, topic)
        for _, child, moved in change.splits:
            for story in moved:
                self._put(story, child)

    def _put(self, story: int, topic: int) -> None:
        before = self._topic.get(story)
        if before is not None:
            self._stories[before].discard(story)
        self._topic[story] = topic
        self._stories.setdefault(topic, set()).add(story)

    def note_times(self, story_ids: Sequence[int], times: Sequence[datetime]) -> None:
        self._time.update(zip(story_ids, times, strict=True))
        self._order.update((story, (time, story)) for story, time in zip(story_ids, times, strict=True))

    def members(
        self, topic_ids: Sequence[int], window: int, n_features: int, resolve: Callable[[int], int],
    ) -> dict[int, Members]:
        """The `window` most recent stories of each topic; `resolve` follows merges."""
        wanted = set(topic_ids)
        found: dict[int, list[int]] = {t: [] for t in topic_ids}
        for recorded, held in self._stories.items():  # follows merges once per topic, not per story
            holder = resolve(recorded)
            if holder in wanted:
                found[holder].extend(held)
        empty = (np.empty(0, np.int32), np.empty(0, np.float32))
        out = {}
        for topic, stories in found.items():
            recent = sorted(stories, key=self._order.__getitem__)[-window:]
            cells = [self._row.get(s, empty) for s in recent]
            indptr = np.concatenate([[0], np.cumsum([len(c) for c, _ in cells])])
            indices = np.concatenate([c for c, _ in cells]) if cells else empty[0]
            data = np.concatenate([d for _, d in cells]) if cells else empty[1]
            rows = sp.csr_matrix((data, indices, indptr), shape=(len(recent), n_features))
            out[topic] = Members(recent, [self._time[s] for s in recent], rows)
        return out

    def final_topics(self, resolve: Callable[[int], int]) -> dict[int, int]:
        """story id → the topic holding it now."""
        return {story: resolve(topic) for story, topic in self._topic.items()}


def fold_batch(
    clusterer: TopicClusterer, log: MemberLog, rows: sp.csr_matrix, story_ids: Sequence[int],
    times: Sequence[datetime],
) -> list[TopicChange]:
    """One batch with splits, in memory: `add_batch`, then `split` of the topics due,
    reading their recent stories from `log`. The store does the same with the database."""
    log.note_times(story_ids, times)
    change = clusterer.add_batch(rows, story_ids, times)
    log.record(change, rows, story_ids)
    changes = [change]
    due = clusterer.due_for_split(changes)
    if due:
        members = log.members(due, clusterer.options.split_window, rows.shape[1], clusterer.resolve)
        cut = clusterer.split(members, max(times))
        log.record(cut)
        changes.append(cut)
    return changes
