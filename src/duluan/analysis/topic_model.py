"""Online topic clustering: stories join the nearest topic centroid, or start a topic.

The method (chosen by measurement: benchmarks/topics_quality.py, RESULTS.md "Topics"):
1. stories arrive in batches (one local day in the workspace), as unit TF-IDF rows
   (`topic_vectors`);
2. all cosines are taken after removing the part along the mean story (`_background`):
   big topics drift towards the mean, and without this they swallow every story;
3. each story of the batch is compared with the centroids of the live topics as they
   stood before the batch (one sparse product); at `threshold` or more it joins the best;
4. the stories left over are clustered among themselves, leader-follower, the stories
   with the most close neighbours first: each joins the nearest topic started in this
   batch (its running centroid) or starts one. Neither step depends on the order of the
   stories inside a batch;
5. centroids are sums of their members' rows, cut to the `top_terms` largest weights, so a
   topic costs the same whether it holds ten stories or ten thousand and nothing is refit;
6. topics touched by the batch are compared with all live topics: two whose centroids
   converge to `merge_threshold` or more become one, the younger into the older (born
   first, then lower id), which keeps its id;
7. a topic with no new story for `fade_days` fades (dated at its last story + fade_days);
   a story that joins a faded topic revives it. Topics faded for longer than
   `revive_days` are no longer compared, which keeps the work per batch bounded.

8. a topic that has come to hold two distinct stories splits (`split`, method and
   threshold in `topic_split`): the caller asks `due_for_split` which topics crossed a
   size checkpoint in a batch, reads their recent stories (from the database, or a
   `MemberLog`), and `split` cuts those with two parts whose centroids' centred cosine is
   below `split_threshold`; the part with the older stories keeps the id.

Everything is deterministic: no randomness, ties broken by id, ids given in the order
topics start. A cluster smaller than `min_stories` has an id (so it keeps its identity as
it grows) but is a candidate only: it is "born" (an event) when it reaches that size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp

from ..collector import collector_paused
from .topic_split import Members, Split, crossed_checkpoint, find_split
from .topic_state import TopicChange, TopicState, _add, _add_rows, _truncate
from .topic_vectors import N_FEATURES

__all__ = ["ClusterOptions", "TopicClusterer", "TopicState", "TopicChange"]

# The prior of the mean story: the background row counts as this many stories, each
# adding about this much length to a sum of unit rows on mixed data (measured: 0.15-0.3).
PRIOR_STORIES = 100
PRIOR_WEIGHT = 0.2


@dataclass(frozen=True)
class ClusterOptions:
    threshold: float = 0.1  # story to topic, centred cosine
    merge_threshold: float = 0.13  # topic to topic, centred cosine of the centroids
    top_terms: int = 1000
    min_stories: int = 3
    fade_days: int = 7
    revive_days: int = 30
    center: bool = True  # remove the mean story before comparing (see _background)
    split: bool = True
    split_threshold: float = 0.08  # two parts of a topic, centred cosine of their centroids
    split_min_stories: int = 5  # each part at least; a topic is first checked at 4 times this
    split_window: int = 100  # the most recent stories of a topic that the split reads


def _dots(first: sp.csr_matrix, second: sp.csr_matrix) -> np.ndarray:
    """All dot products of the rows of two matrices, dense, over the columns they use."""
    if first.nnz + second.nnz < N_FEATURES // 16:
        # few cells: sort them (cheaper than a pass over all 2^20 columns)
        columns = np.unique(np.concatenate([first.indices, second.indices]))
        width = len(columns)
        first_columns, second_columns = np.searchsorted(columns, first.indices), np.searchsorted(columns, second.indices)
    else:
        used = np.zeros(N_FEATURES, dtype=bool)
        used[first.indices] = True
        used[second.indices] = True
        renumber, width = _renumbering(used)
        first_columns, second_columns = renumber[first.indices], renumber[second.indices]
    one = sp.csr_matrix((first.data, first_columns, first.indptr), shape=(first.shape[0], width))
    two = sp.csr_matrix((second.data, second_columns, second.indptr), shape=(second.shape[0], width))
    return (one @ two.T).toarray()  # type: ignore[no-any-return]


def _renumbering(used: np.ndarray) -> tuple[np.ndarray, int]:
    """Column → its place among the `used` ones (-1 for the others), and their number.
    (A cumulative sum over all 2^20 columns did the same in several times the time.)"""
    columns = np.flatnonzero(used)
    renumber = np.full(N_FEATURES, -1, dtype=np.int32)
    renumber[columns] = np.arange(len(columns), dtype=np.int32)
    return renumber, len(columns)


def _gram(rows: sp.csr_matrix) -> np.ndarray:
    """`_dots(rows, rows)` with one renumbering of the columns instead of two."""
    columns, renumbered = np.unique(rows.indices, return_inverse=True)
    one = sp.csr_matrix((rows.data, renumbered, rows.indptr), shape=(rows.shape[0], len(columns)))
    return (one @ one.T).toarray()  # type: ignore[no-any-return]


def _row_of(matrix: sp.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _along(matrix: sp.csr_matrix, mean: np.ndarray) -> np.ndarray:
    """Each row's dot with a dense row: scipy's product sums a row's cells in order, from
    zero, as a bincount of their products would, without the temporary arrays."""
    return np.asarray(matrix @ mean, dtype=np.float64)


def _squares(matrix: sp.csr_matrix) -> np.ndarray:
    """Each row's squared length (its cells' squares summed in order, like `_along`)."""
    data = matrix.data.astype(np.float64)
    squares = sp.csr_matrix((data * data, np.zeros(len(data), dtype=np.int32), matrix.indptr), shape=(matrix.shape[0], 1))
    return np.asarray(squares @ np.ones(1), dtype=np.float64)


def _centred(
    dots: np.ndarray, along_first: np.ndarray, squares_first: np.ndarray, along_second: np.ndarray,
    squares_second: np.ndarray,
) -> np.ndarray:
    """Cosines from dot products, each row's dot with the unit mean and squared length:
    what is left of the rows after removing their part along the mean."""
    dots -= np.outer(along_first, along_second)
    norm_first = np.sqrt(np.maximum(squares_first - along_first**2, 1e-24))
    norm_second = np.sqrt(np.maximum(squares_second - along_second**2, 1e-24))
    return dots / np.outer(norm_first, norm_second)  # type: ignore[no-any-return]


class _Rounds:
    """The live topics of one merge, compared round after round under one mean story.

    The centroids are put in a matrix and transposed once; each round multiplies only the
    rows of the topics it looks at, and recomputes the columns of the topics whose
    centroid a merge changed. A dot product is summed over the columns of its first row
    in order whatever else the matrices hold, so the cosines are those `_cosines` gives.
    """

    def __init__(self, clusterer: TopicClusterer, live: Sequence[TopicState], matrix: sp.csr_matrix, mean: np.ndarray) -> None:
        self.clusterer, self.mean = clusterer, mean
        self.position = {t.id: k for k, t in enumerate(live)}
        self.built = {t.id: t.values for t in live}  # the centroid each column of `transposed` holds
        used = np.zeros(N_FEATURES, dtype=bool)
        used[matrix.indices] = True
        self.renumber, width = _renumbering(used)
        compact = sp.csr_matrix((matrix.data, self.renumber[matrix.indices], matrix.indptr), shape=(len(live), width))
        self.transposed = compact.T.tocsr()
        self.along = clusterer._along_mean(matrix, mean)
        self.squares = _squares(matrix)

    def cosines(self, touched: Sequence[TopicState], live: Sequence[TopicState]) -> np.ndarray:
        """`_cosines` of the centroids of `touched` against those of `live` (topics of the
        matrix this was built from)."""
        rows = self.clusterer._matrix(touched)
        compact = self._compact(rows)
        dots = (compact @ self.transposed).toarray()
        changed = [t for t in live if self.built[t.id] is not t.values]  # merged into since the build
        if changed:
            fresh = self.clusterer._matrix(changed)
            slots = [self.position[t.id] for t in changed]
            dots[:, slots] = (compact @ self._compact(fresh).T).toarray()
            self.along[slots] = self.clusterer._along_mean(fresh, self.mean)
            self.squares[slots] = _squares(fresh)
        slots = [self.position[t.id] for t in live]
        along = self.clusterer._along_mean(rows, self.mean)
        return _centred(dots[:, slots], along, _squares(rows), self.along[slots], self.squares[slots])

    def _compact(self, rows: sp.csr_matrix) -> sp.csr_matrix:
        """`rows` over the columns the live topics use (a merged centroid uses no other:
        its columns are some of its two topics'); any other column adds nothing to a dot
        product with a live topic."""
        columns = self.renumber[rows.indices]
        kept = columns >= 0
        indptr = np.zeros(rows.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(_row_of(rows)[kept], minlength=rows.shape[0]), out=indptr[1:])
        return sp.csr_matrix((rows.data[kept], columns[kept], indptr), shape=(rows.shape[0], self.transposed.shape[0]))


class TopicClusterer:
    """Holds the live topics and folds batches of stories into them."""

    def __init__(
        self, options: ClusterOptions, topics: Sequence[TopicState] = (), next_id: int = 1,
        background: sp.csr_matrix | None = None,
    ) -> None:
        self.options = options
        self.background = background
        self.topics: dict[int, TopicState] = {t.id: t for t in topics}
        self.next_id = max([next_id, *(t.id + 1 for t in topics)])

    # 1. the centroids that a batch is compared with
    def _live(self, now: datetime) -> list[TopicState]:
        horizon = now - timedelta(days=self.options.revive_days + self.options.fade_days)
        return [
            t for t in sorted(self.topics.values(), key=lambda t: t.id)
            if t.status != "merged" and t.last_seen_at >= horizon and len(t.indices)
        ]

    @staticmethod
    def _matrix(states: Sequence[TopicState]) -> sp.csr_matrix:
        """The centroid sums as sparse rows."""
        indptr = np.zeros(len(states) + 1, dtype=np.int64)
        np.cumsum([len(t.indices) for t in states], out=indptr[1:])
        indices = np.concatenate([t.indices for t in states]) if states else np.empty(0, np.int32)
        values = np.concatenate([t.values for t in states]) if states else np.empty(0, np.float32)
        return sp.csr_matrix((values.astype(np.float64), indices, indptr), shape=(len(states), N_FEATURES))

    def _background(
        self, live: Sequence[TopicState], rows: sp.csr_matrix | None = None, matrix: sp.csr_matrix | None = None,
    ) -> np.ndarray:
        """The unit direction of the mean story, dense: everything recent (live topics and
        this batch), pulled towards the fixed `background` row as if it stood for
        PRIOR_STORIES stories. Comparing what is left after removing it keeps big topics,
        whose centroids drift towards the mean, from swallowing every story; the prior
        keeps a young workspace that talks of one thing only from removing that very thing.
        `matrix`, when given, is `_matrix(live)` already built."""
        if live:  # (0 + x is x: no zeros to add to)
            matrix = self._matrix(live) if matrix is None else matrix
            total: np.ndarray = np.bincount(matrix.indices, weights=matrix.data, minlength=N_FEATURES)
        else:
            total = np.zeros(N_FEATURES)
        if rows is not None and rows.shape[0]:
            total += np.bincount(rows.indices, weights=rows.data.astype(np.float64), minlength=N_FEATURES)
        if self.background is not None:
            prior = sp.csr_matrix(self.background)
            total[prior.indices] += prior.data * (PRIOR_STORIES * PRIOR_WEIGHT)
        norm = float(np.sqrt(total @ total))
        if norm > 0:
            total /= norm  # in place: the same quotients, without another 8 MB array
        return total

    def _cosines(self, first: sp.csr_matrix, second: sp.csr_matrix, mean: np.ndarray) -> np.ndarray:
        """Cosines of the rows of two matrices after removing their part along `mean`."""
        same = first is second
        first, second = sp.csr_matrix(first), sp.csr_matrix(second)
        # The product runs over the columns the rows use, not all 2^20: scipy's transpose
        # and product cost time in the number of columns, which dominated small products.
        dots = _gram(first) if same else _dots(first, second)
        along_first, along_second = self._along_mean(first, mean), self._along_mean(second, mean)
        return _centred(dots, along_first, _squares(first), along_second, _squares(second))

    def _along_mean(self, matrix: sp.csr_matrix, mean: np.ndarray) -> np.ndarray:
        """Each row's dot with the unit mean story (zero when not centring)."""
        return _along(matrix, mean) if self.options.center else np.zeros(matrix.shape[0])

    def add_batch(self, rows: sp.csr_matrix, story_ids: Sequence[int], times: Sequence[datetime]) -> TopicChange:
        """Assign each story (a unit row; all-zero rows are skipped) of one batch."""
        with collector_paused():  # sparse slices and per-topic arrays: many small objects
            return self._add_batch(rows, story_ids, times)

    def _add_batch(self, rows: sp.csr_matrix, story_ids: Sequence[int], times: Sequence[datetime]) -> TopicChange:
        options = self.options
        change = TopicChange()
        usable = [i for i in range(rows.shape[0]) if rows.indptr[i + 1] > rows.indptr[i]]
        if not usable:
            return change
        batch = rows[usable].astype(np.float64)
        live = self._live(times[usable[0]])
        centroids = self._matrix(live)
        mean = self._background(live, batch, centroids)
        best_topic = np.full(rows.shape[0], -1, dtype=np.int64)
        best_sim = np.zeros(rows.shape[0])
        # 3. every story against the centroids as they stood before the batch
        if live:
            sims = self._cosines(batch, centroids, mean)
            best = sims.argmax(axis=1)  # the first, so the lowest id, among equals
            values = sims[np.arange(len(usable)), best]
            joins = values >= options.threshold
            ids = np.array([t.id for t in live], dtype=np.int64)
            best_topic[np.asarray(usable)[joins]] = ids[best[joins]]
            best_sim[np.asarray(usable)[joins]] = values[joins]
        # 4. leader-follower among the rest, against the topics this batch starts
        leftovers = [p for p, i in enumerate(usable) if best_topic[i] < 0]
        if leftovers:
            self._cluster_leftovers(batch[leftovers], [usable[p] for p in leftovers], best_topic, best_sim, times, change, mean)
        # 5. grow the centroids: each topic adds the sum of its new rows at once (in
        # float64), so the order of the batch does not reach the stored weights
        chosen = [int(best_topic[i]) for i in usable]
        grown = sorted(set(chosen))
        slot = {topic_id: k for k, topic_id in enumerate(grown)}
        members = sp.csr_matrix(
            (np.ones(len(usable)), ([slot[t] for t in chosen], np.arange(len(usable)))),
            shape=(len(grown), len(usable)),
        )
        sums = (members @ batch).tocsr()
        sums.sort_indices()
        for topic_id in grown:
            change.grown_from.setdefault(topic_id, self.topics[topic_id].members)
        _add_rows([self.topics[topic_id] for topic_id in grown], sums, options.top_terms)
        for i, topic_id in zip(usable, chosen, strict=True):
            topic = self.topics[topic_id]
            if topic.members == 0:  # started in this batch: born with its first story
                topic.born_at = topic.last_seen_at = times[i]
            topic.members += 1
            self._saw(topic, times[i], change)
            change.assignments.append((story_ids[i], topic.id, round(float(best_sim[i]), 6)))
            change.touched.add(topic.id)
        # 6. merges, then 7. fading, as of the end of the batch
        self._merge(change, times[usable[-1]])
        self.fade(times[usable[-1]], change)
        return change

    def _cluster_leftovers(
        self, sub: sp.csr_matrix, leftovers: list[int], best_topic: np.ndarray,
        best_sim: np.ndarray, times: Sequence[datetime], change: TopicChange, mean: np.ndarray,
    ) -> None:
        # Running centroids through dot products alone: with P the leftovers' cosines,
        # a story's dot with topic k is the sum of P over k's members, and |k|^2 grows by
        # 2 dot + 1 as a story joins; no centroid is ever materialised.
        pairwise = self._cosines(sub, sub, mean)
        # Leaders first: the stories with the most close neighbours open the topics, so a
        # topic starts from its centre, and the outcome does not depend on the order the
        # stories of a batch arrived in (ties, which are rare, keep that order).
        close = np.where(pairwise >= self.options.threshold, pairwise, 0.0)
        density = close.sum(axis=1) - np.diag(close)
        order = np.argsort(-np.round(density, 9), kind="stable")
        dots = np.zeros((len(leftovers), len(leftovers)))  # story x topic started here
        squared = np.zeros(len(leftovers))
        owners: list[int] = []
        for position in order.tolist():
            i = leftovers[position]
            n = len(owners)
            if n:
                sims = dots[position, :n] / np.sqrt(np.maximum(squared[:n], 1e-24))
                k = int(sims.argmax())
                if sims[k] >= self.options.threshold:
                    squared[k] += 2 * dots[position, k] + pairwise[position, position]
                    dots[:, k] += pairwise[:, position]
                    best_topic[i], best_sim[i] = owners[k], float(sims[k])
                    continue
            squared[n] = pairwise[position, position]
            dots[:, n] = pairwise[:, position]
            topic = TopicState(
                id=self.next_id, indices=np.empty(0, np.int32), values=np.empty(0, np.float32),
                members=0, born_at=times[i], last_seen_at=times[i],
            )
            self.next_id += 1
            self.topics[topic.id] = topic
            change.created.append(topic.id)
            owners.append(topic.id)
            best_topic[i], best_sim[i] = topic.id, 1.0

    def _saw(self, topic: TopicState, at: datetime, change: TopicChange, grew: bool = True) -> None:
        """Note a new story of `topic` (after `members` counted it, when it grew)."""
        if topic.status == "faded":
            topic.status = "active"
            if topic.members >= self.options.min_stories:
                change.events.append((topic.id, "revived", None, at, {"quiet_since": topic.last_seen_at.isoformat()}))
        if grew and topic.members == self.options.min_stories:
            change.events.append((topic.id, "born", None, at, {"stories": topic.members}))
        if at > topic.last_seen_at:
            topic.last_seen_at = at

    def _merge(self, change: TopicChange, now: datetime) -> None:
        """Fold converged topics: in rounds, the most similar pairs first, each topic at
        most once a round; the next round looks again at the topics that grew."""
        threshold = self.options.merge_threshold
        focus = sorted(change.touched)
        live = self._live(now)
        if len(live) < 2:
            return
        centroids = self._matrix(live)
        rounds = _Rounds(self, live, centroids, self._background(live, matrix=centroids))
        while focus:
            touched = [self.topics[i] for i in focus if self.topics[i].status != "merged"]
            live = [t for t in live if t.status != "merged"]
            if not touched or len(live) < 2:
                return
            sims = rounds.cosines(touched, live)
            pairs = set()
            for a, b in zip(*np.nonzero(sims >= threshold), strict=True):
                first, second = touched[int(a)].id, live[int(b)].id
                if first != second:
                    pairs.add((-round(float(sims[a, b]), 9), min(first, second), max(first, second)))
            used: set[int] = set()
            focus = []
            for negative, one, other in sorted(pairs):
                if one in used or other in used:
                    continue
                kept = self.merge(one, other, now, change, -negative)
                used.update((one, other))
                focus.append(kept)
            focus.sort()

    def merge(self, one: int, other: int, at: datetime, change: TopicChange, similarity: float) -> int:
        """The younger of two topics into the older; returns the id kept."""
        first, second = sorted((self.topics[one], self.topics[other]), key=lambda t: (t.born_at, t.id))
        kept, absorbed = first, second
        change.grown_from.setdefault(kept.id, kept.members)
        merged = np.concatenate([kept.indices, absorbed.indices])
        weights = np.concatenate([kept.values, absorbed.values]).astype(np.float64)
        columns, inverse = np.unique(merged, return_inverse=True)
        kept.indices, kept.values = _truncate(columns, np.bincount(inverse, weights=weights), self.options.top_terms)
        was_born = kept.members >= self.options.min_stories
        kept.members += absorbed.members
        kept.last_seen_at = max(kept.last_seen_at, absorbed.last_seen_at)
        if kept.status == "faded":
            kept.status = "active"
        absorbed.status, absorbed.merged_into = "merged", kept.id
        change.merges.append((absorbed.id, kept.id))
        change.touched.add(kept.id)
        change.events.append((absorbed.id, "merged", kept.id, at, {"similarity": round(similarity, 4), "stories": absorbed.members}))
        if not was_born and kept.members >= self.options.min_stories:
            change.events.append((kept.id, "born", None, at, {"stories": kept.members}))
        return kept.id

    def due_for_split(self, changes: Sequence[TopicChange]) -> list[int]:
        """Active topics that crossed a size checkpoint in these changes (one batch)."""
        if not self.options.split:
            return []
        before: dict[int, int] = {}
        for change in changes:
            for topic_id, members in change.grown_from.items():
                before.setdefault(topic_id, members)
        return [
            topic_id for topic_id in sorted(before)
            if (topic := self.topics[topic_id]).status == "active"
            and crossed_checkpoint(before[topic_id], topic.members, self.options.split_min_stories)
        ]

    def split(self, members: Mapping[int, Members], at: datetime) -> TopicChange:
        """Cut the topics whose recent stories (`members`, from `due_for_split`) form two
        distinct parts; new ids in the order of the parents' ids."""
        with collector_paused():
            return self._split_due(members, at)

    def _split_due(self, members: Mapping[int, Members], at: datetime) -> TopicChange:
        change = TopicChange()
        live = self._live(at)
        mean = self._background(live)
        for topic_id in sorted(members):
            topic = self.topics[topic_id]
            if topic.status != "active":
                continue
            found = find_split(
                members[topic_id], lambda rows: (_gram(rows), _along(rows, mean)),
                self.options.split_min_stories, self.options.split_threshold,
            )
            if found is not None:
                self._split(topic, found, at, change)
        return change

    def _split(self, parent: TopicState, found: Split, at: datetime, change: TopicChange) -> None:
        moved = found.moved_rows.tocsr()
        moved.sort_indices()
        # The parent keeps its sum less the rows that leave (its centroid was cut to
        # top_terms, so what is left of a term the part used is floored at zero).
        columns = np.concatenate([parent.indices, moved.indices])
        weights = np.concatenate([parent.values.astype(np.float64), -moved.data])
        unique, inverse = np.unique(columns, return_inverse=True)
        sums = np.bincount(inverse, weights=weights)
        keep = sums > 1e-6
        parent.indices, parent.values = _truncate(unique[keep], sums[keep], self.options.top_terms)
        parent.members -= found.moved_stories
        parent.last_seen_at = max(found.kept_last_seen_at, parent.born_at)
        child = TopicState(
            id=self.next_id, indices=np.empty(0, np.int32), values=np.empty(0, np.float32),
            members=found.moved_stories, born_at=found.born_at, last_seen_at=found.last_seen_at,
        )
        _add(child, moved.indices, moved.data, self.options.top_terms)
        self.next_id += 1
        self.topics[child.id] = child
        change.created.append(child.id)
        change.touched.update((parent.id, child.id))
        change.splits.append((parent.id, child.id, found.moved))
        detail: dict[str, object] = {
            "similarity": round(found.similarity, 4), "stories": found.moved_stories,
            "parent_stories": parent.members, "window": list(found.sizes),
        }
        change.events.append((child.id, "split", parent.id, at, detail))
        change.events.append((child.id, "born", None, at, {"stories": child.members, "split_from": parent.id}))

    def fade(self, now: datetime, change: TopicChange) -> None:
        """Topics with no story for fade_days fade, dated at last story + fade_days."""
        quiet = timedelta(days=self.options.fade_days)
        for topic in sorted(self.topics.values(), key=lambda t: t.id):
            if topic.status == "active" and topic.last_seen_at + quiet <= now:
                topic.status = "faded"
                change.touched.add(topic.id)
                if topic.members >= self.options.min_stories:
                    change.events.append((topic.id, "faded", None, topic.last_seen_at + quiet, {"stories": topic.members}))

    def attach(self, rows: sp.csr_matrix, story_ids: Sequence[int], topic_ids: Sequence[int], times: Sequence[datetime]) -> TopicChange:
        """Put stories into topics chosen elsewhere (a comment into its post's topic):
        they count as activity (last seen, revival) but do not move the centroid."""
        change = TopicChange()
        for position, (story_id, topic_id) in enumerate(zip(story_ids, topic_ids, strict=True)):
            topic = self.topics[self.resolve(topic_id)]
            start, end = rows.indptr[position], rows.indptr[position + 1]
            similarity = 0.0
            if end > start and len(topic.values):
                centroid = dict(zip(topic.indices.tolist(), topic.values.tolist(), strict=True))
                dot = sum(centroid.get(int(c), 0.0) * float(v) for c, v in zip(rows.indices[start:end], rows.data[start:end], strict=True))
                similarity = dot / float(np.linalg.norm(topic.values))
            self._saw(topic, times[position], change, grew=False)
            change.assignments.append((story_id, topic.id, round(similarity, 6)))
            change.touched.add(topic.id)
        return change

    def resolve(self, topic_id: int) -> int:
        """The topic that holds `topic_id` now, following merges."""
        seen = set()
        while (into := self.topics[topic_id].merged_into) is not None and topic_id not in seen:
            seen.add(topic_id)
            topic_id = into
        return topic_id

    def final_topics(self, assignments: Iterable[tuple[int, int, float]]) -> dict[int, int]:
        """story id → the topic holding it now, from (story, topic, similarity) rows."""
        return {story: self.resolve(topic) for story, topic, _ in assignments}
