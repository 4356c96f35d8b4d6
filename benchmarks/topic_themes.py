"""Themes: a second level above the event topics, grouped from their centroids (issue 5
experiment; not wired into the package, see RESULTS.md "Themes").

    python benchmarks/topic_themes.py [--data ../shared/data]

prints the choice of method and threshold on VNTC dev (the only set used for tuning) and
how theme ids hold up day after day on both sets. `topics_quality.py` reports the chosen
themes next to the event topics and the baselines.

How themes are found (deterministic, no randomness, no dependence on story order beyond
what the topics themselves have):
1. the topics are the clusterer's non-merged topics; those with at least `min_stories`
   stories (the born ones, what the dashboard lists) are grouped, the candidates below
   that join the nearest theme afterwards;
2. all cosines are centred as the clusterer's are: the part along the mean story (the sum
   of the topics' centroids pulled towards the fixed background row) is removed;
3. with K given, weighted spherical k-means on the topics' centred unit centroids (weight:
   stories), started farthest-first from the largest topic (next: the topic with the
   largest stories x (1 - best cosine to the seeds chosen)); with a threshold,
   centroid-linkage agglomeration: the two themes whose summed centroids have the
   highest centred cosine become one, while that cosine is `threshold` or more (the
   clusterer's merge rule, one level up);
4. a theme's id is the id of its oldest topic (topic ids are given in the order topics
   start, and a merge keeps the older id), so a theme keeps its id as topics join it;
5. between two full groupings (`find_themes`), a day's new topics join the nearest theme
   (`extend_themes`): at `threshold` or more in threshold mode, else they start a theme;
   always the nearest with K given. Nothing already grouped moves;
6. a periodic full grouping takes over the ids of the themes it continues (`carry_ids`:
   the old and new themes sharing most stories are paired first).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from duluan.analysis.topic_model import (
    PRIOR_STORIES,
    PRIOR_WEIGHT,
    TopicClusterer,
    TopicState,
    _gram,
)
from duluan.analysis.topic_vectors import N_FEATURES

__all__ = ["ThemeOptions", "Themes", "carry_ids", "extend_themes", "find_themes", "theme_terms"]


@dataclass(frozen=True)
class ThemeOptions:
    k: int | None = None  # themes wanted; None: agglomerate down to `threshold`
    threshold: float = 0.1  # centred cosine of two themes' summed centroids (chosen on VNTC dev)
    min_stories: int = 3  # topics below this are candidates: they join the nearest theme
    candidates_join: bool = True  # False: candidates stay out of every theme (measured only)
    method: str = ""  # "" = k-means with K given, centroid linkage with a threshold; or
    # "centroid" / "average" to agglomerate down to K (variants measured and not kept)
    max_rounds: int = 100  # k-means passes (it stops when no topic moves)


@dataclass
class Themes:
    """topic id → theme id; a theme's id is its oldest topic's id."""

    theme_of: dict[int, int] = field(default_factory=dict)

    def topics_of(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for topic_id, theme_id in sorted(self.theme_of.items()):
            out.setdefault(theme_id, []).append(topic_id)
        return out


def _listed(topics: Sequence[TopicState]) -> list[TopicState]:
    return sorted((t for t in topics if t.status != "merged" and len(t.indices)), key=lambda t: t.id)


def _centred_dots(topics: Sequence[TopicState], background: sp.csr_matrix | None) -> np.ndarray:
    """Dot products of the topics' centroid sums after removing their part along the mean
    story, as `TopicClusterer._background` builds it over these topics."""
    matrix = TopicClusterer._matrix(topics)
    total = np.bincount(matrix.indices, weights=matrix.data, minlength=N_FEATURES)
    if background is not None:
        prior = sp.csr_matrix(background)
        total[prior.indices] += prior.data * (PRIOR_STORIES * PRIOR_WEIGHT)
    norm = float(np.sqrt(total @ total))
    mean = total / norm if norm > 0 else total
    along = np.asarray(matrix @ mean, dtype=np.float64)
    return _gram(matrix) - np.outer(along, along)  # type: ignore[no-any-return]


def _unit(dots: np.ndarray) -> np.ndarray:
    length = np.sqrt(np.maximum(np.diag(dots), 1e-24))
    return dots / np.outer(length, length)  # type: ignore[no-any-return]


def _kmeans(cosines: np.ndarray, weights: np.ndarray, k: int, max_rounds: int) -> np.ndarray:
    """Weighted spherical k-means over unit vectors given by their cosines; farthest-first
    start from the heaviest (ties: the first, the oldest topic). Returns a group per row."""
    n = len(weights)
    seeds = [int(np.argmax(weights))]
    while len(seeds) < k:
        score = weights * (1.0 - cosines[:, seeds].max(axis=1))
        score[seeds] = -np.inf
        seeds.append(int(np.argmax(score)))
    group = np.argmax(cosines[:, seeds], axis=1)
    for _ in range(max_rounds):
        member = np.zeros((n, k))
        member[np.arange(n), group] = weights
        dots = cosines @ member
        lengths = np.sqrt(np.maximum(np.einsum("ik,ik->k", member, dots), 1e-24))
        moved = np.argmax(dots / lengths, axis=1)
        if (moved == group).all():
            break
        group = moved
    return group  # type: ignore[no-any-return]


def _agglomerate(dots: np.ndarray, weights: np.ndarray, linkage: str, k: int | None, threshold: float) -> np.ndarray:
    """Join the most similar pair of groups until K are left (k given) or no pair reaches
    `threshold`; ties go to the lowest positions. "centroid": centred cosine of the groups'
    summed centroids; "average": mean cosine of their unit centroids weighted by stories."""
    n = len(dots)
    if linkage == "centroid":
        sums = dots.copy()
    else:
        sums = _unit(dots) * np.outer(weights, weights)
        total = weights.astype(np.float64).copy()
    group = np.arange(n)
    alive = np.ones(n, dtype=bool)
    for _ in range(n - (k or 1)):
        similar = _unit(sums) if linkage == "centroid" else sums / np.outer(total, total)
        similar[~alive, :] = -np.inf
        similar[:, ~alive] = -np.inf
        np.fill_diagonal(similar, -np.inf)
        i, j = sorted(divmod(int(np.argmax(similar)), n))
        if k is None and similar[i, j] < threshold:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        if linkage != "centroid":
            total[i] += total[j]
        alive[j] = False
        group[group == j] = i
    return group


def _nearest(dots: np.ndarray, rows: Sequence[int], groups: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """For each of `rows`, the nearest group (by centred cosine of summed centroids) and
    that cosine."""
    member = np.zeros((len(dots), len(groups)))
    for g, positions in enumerate(groups):
        member[list(positions), g] = 1.0
    to_groups = dots[list(rows)] @ member
    lengths = np.sqrt(np.maximum(np.einsum("ig,ig->g", member, dots @ member), 1e-24))
    own = np.sqrt(np.maximum(dots[list(rows), list(rows)], 1e-24))
    cosines = to_groups / lengths / own[:, None]
    best = np.argmax(cosines, axis=1)
    return best, cosines[np.arange(len(rows)), best]


def find_themes(topics: Sequence[TopicState], background: sp.csr_matrix | None, options: ThemeOptions) -> Themes:
    """Group the topics into themes from their centroids (steps 1-4 of the module doc)."""
    listed = _listed(topics)
    born = [p for p, t in enumerate(listed) if t.members >= options.min_stories]
    if not born:
        return Themes()
    dots = _centred_dots(listed, background)
    core = dots[np.ix_(born, born)]
    weights = np.array([listed[p].members for p in born], dtype=np.float64)
    if options.k is not None and options.k >= len(born):
        group = np.arange(len(born))
    elif options.k is not None and not options.method:
        group = _kmeans(_unit(core), weights, options.k, options.max_rounds)
    else:
        group = _agglomerate(core, weights, options.method or "centroid", options.k, options.threshold)
    groups = [[born[q] for q in np.nonzero(group == g)[0]] for g in sorted(set(group.tolist()))]
    ids = [min(listed[p].id for p in positions) for positions in groups]
    theme_of = {listed[p].id: ids[g] for g, positions in enumerate(groups) for p in positions}
    candidates = [p for p, t in enumerate(listed) if t.members < options.min_stories]
    if candidates and options.candidates_join:
        best, _ = _nearest(dots, candidates, groups)
        theme_of.update((listed[p].id, ids[g]) for p, g in zip(candidates, best.tolist(), strict=True))
    return Themes(theme_of)


def extend_themes(
    previous: Themes, topics: Sequence[TopicState], background: sp.csr_matrix | None, options: ThemeOptions,
) -> Themes:
    """`previous` with the topics it does not hold yet joined to the nearest theme (step 5):
    the grouped topics keep their theme; merged-away topics are dropped."""
    listed = _listed(topics)
    held = {t.id for t in listed}
    theme_of = {t: th for t, th in previous.theme_of.items() if t in held}
    if not theme_of:
        return find_themes(topics, background, options)
    new = [p for p, t in enumerate(listed) if t.id not in theme_of]
    if not new:
        return Themes(theme_of)
    dots = _centred_dots(listed, background)
    position = {t.id: p for p, t in enumerate(listed)}
    by_theme = Themes(theme_of).topics_of()
    theme_ids = sorted(by_theme)
    best, cosine = _nearest(dots, new, [[position[t] for t in by_theme[th]] for th in theme_ids])
    # In threshold mode a born topic far from every theme starts its own; a candidate
    # (too small to judge) always joins the nearest.
    for p, g, c in zip(new, best.tolist(), cosine.tolist(), strict=True):
        topic = listed[p]
        alone = options.k is None and topic.members >= options.min_stories and c < options.threshold
        theme_of[topic.id] = topic.id if alone else theme_ids[g]
    return Themes(theme_of)


def carry_ids(previous: Themes, now: Themes, topics: Sequence[TopicState]) -> Themes:
    """`now` (a fresh grouping) with the ids of `previous` where they fit: the pairs of an
    old and a new theme sharing the most stories first (ties: lower ids), each id used
    once; a new theme left over keeps its oldest topic's id, or the next of its topics'
    ids not taken."""
    stories = {t.id: t.members for t in topics}
    shared: dict[tuple[int, int], int] = {}
    for topic_id, new_theme in now.theme_of.items():
        old_theme = previous.theme_of.get(topic_id)
        if old_theme is not None:
            shared[(old_theme, new_theme)] = shared.get((old_theme, new_theme), 0) + stories.get(topic_id, 0)
    renamed: dict[int, int] = {}
    taken: set[int] = set()
    for (old_theme, new_theme), _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if new_theme not in renamed and old_theme not in taken:
            renamed[new_theme] = old_theme
            taken.add(old_theme)
    for new_theme, members in sorted(now.topics_of().items()):
        if new_theme not in renamed:
            free = [t for t in members if t not in taken]
            # every id a theme's topics carry taken: a negative id cannot meet a topic id
            renamed[new_theme] = free[0] if free else -new_theme
            taken.add(renamed[new_theme])
    return Themes({topic_id: renamed[theme] for topic_id, theme in now.theme_of.items()})


def theme_terms(themes: Themes, topics: Sequence[TopicState], theme_ids: Sequence[int], top: int) -> list[list[int]]:
    """The `top` heaviest columns of each theme's summed centroid."""
    by_id = {t.id: t for t in topics}
    members = themes.topics_of()
    out = []
    for theme_id in theme_ids:
        parts = [by_id[t] for t in members[theme_id]]
        columns = np.concatenate([t.indices for t in parts])
        weights = np.concatenate([t.values.astype(np.float64) for t in parts])
        unique, inverse = np.unique(columns, return_inverse=True)
        sums = np.bincount(inverse, weights=weights)
        best = np.lexsort((unique, -sums))[:top]
        out.append([int(unique[i]) for i in best])
    return out


# --- the experiment: choice on VNTC dev, then day-by-day ids on both sets -------------

# (name, full grouping every N days (0: day 1 only), ids carried by shared stories)
POLICIES = (
    ("regroup every day, id = oldest topic", 1, False),
    ("regroup every day, ids carried", 1, True),
    ("extend daily, regroup every 7 days, ids carried", 7, True),
    ("extend daily, group on day 1 only", 0, False),
)
SWEEP_THRESHOLDS = (0.0, 0.02, 0.04, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12, 0.13)


def _theme_labels(run: object, themes: Themes, n: int) -> list[int]:
    final = run.final  # type: ignore[attr-defined]
    return [themes.theme_of.get(final.get(i, -1), -2 - i) for i in range(n)]


def main() -> None:
    import topics_quality as tq
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DULUAN_DATA", "../shared/data")))
    parser.add_argument("--tc-sample", type=int, default=15_000)
    args = parser.parse_args()
    sets = tq.load_sets(args.data, args.tc_sample, 0)

    # 1. The choice, on VNTC dev only: seeds 1 and 2 as in topics_quality.
    vntc = sets[0]
    k = len(set(vntc.labels))
    runs = [tq.run_ours(vntc.texts, seed, k, keep_state=True) for seed in (1, 2)]
    print(f"## Choice on {vntc.name} (K = {k}); candidates join the nearest theme\n")
    print("| variant | themes | NMI | ARI | stability |\n|---|---|---|---|---|")

    def row(name: str, make: object) -> None:
        found = [make(r) for r in runs]  # type: ignore[operator]
        labels = [_theme_labels(r, f, len(vntc.texts)) for r, f in zip(runs, found, strict=True)]
        n_themes = len(set(found[0].theme_of.values()))
        print(f"| {name} | {n_themes} | {normalized_mutual_info_score(vntc.labels, labels[0]):.3f} | "
              f"{adjusted_rand_score(vntc.labels, labels[0]):.3f} | {adjusted_rand_score(labels[0], labels[1]):.3f} |")

    row("spherical k-means, K given", lambda r: find_themes(list(r.state.values()), r.background, ThemeOptions(k=k)))
    row("spherical k-means, K given, candidates each their own cluster",
        lambda r: find_themes(list(r.state.values()), r.background, ThemeOptions(k=k, candidates_join=False)))
    row("centroid linkage, threshold 0.1, candidates each their own cluster",
        lambda r: find_themes(list(r.state.values()), r.background, ThemeOptions(candidates_join=False)))
    for method in ("centroid", "average"):
        row(f"{method} linkage, K given",
            lambda r, m=method: find_themes(list(r.state.values()), r.background, ThemeOptions(k=k, method=m)))
    for method in ("centroid", "average"):
        for threshold in SWEEP_THRESHOLDS:
            row(f"{method} linkage, threshold {threshold}",
                lambda r, m=method, t=threshold: find_themes(list(r.state.values()), r.background, ThemeOptions(threshold=t, method=m)))

    # 2. Day after day: themes kept up to date with extend_themes, against a full grouping
    # every day; ids carried by the oldest topic.
    print("\n## Day after day (batches of 1,000 as days)\n")
    print("| set | mode | policy | themes (last day) | NMI (last day) | topics keeping their theme id, day to day | seconds (all days) |")
    print("|---|---|---|---|---|---|---|")
    for data in sets:
        k = len(set(data.labels))
        days = tq.run_ours_days(data.texts, 1)
        for mode, options in (("K given", ThemeOptions(k=k)), ("threshold", ThemeOptions())):
            for policy, every, carry in POLICIES:
                themes = Themes()
                kept = total = 0
                seconds = 0.0
                for day, (state, background) in enumerate(days):
                    started = time.perf_counter()
                    topics = list(state.values())
                    if not themes.theme_of or (every and day % every == 0):
                        now = find_themes(topics, background, options)
                        if carry and themes.theme_of:
                            now = carry_ids(themes, now, topics)
                    else:
                        now = extend_themes(themes, topics, background, options)
                    seconds += time.perf_counter() - started
                    for topic_id, theme_id in themes.theme_of.items():
                        if topic_id in now.theme_of and state[topic_id].members >= options.min_stories:
                            total += 1
                            kept += now.theme_of[topic_id] == theme_id
                    themes = now
                final = days.final
                labels = [themes.theme_of.get(final.get(i, -1), -2 - i) for i in range(len(data.texts))]
                n_themes = len({th for t, th in themes.theme_of.items() if days[-1][0][t].members >= options.min_stories})
                share = kept / total if total else float("nan")
                print(f"| {data.name} | {mode} | {policy} | {n_themes} | {normalized_mutual_info_score(data.labels, labels):.3f} | "
                      f"{share:.3f} ({kept:,} of {total:,}) | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
