"""Topic quality on real text: our online clustering against NMF and BERTopic, one run.

    python benchmarks/topics_quality.py [--data ../shared/data] [--tc-sample 15000] [--only-ours] [--no-themes]

Data sets (read from the shared data folder, never copied): VNTC dev (5,000 articles, 10
labels) and a random sample of TC201805 leads (about 30 labels). Every method gets the
same input, title + the first 3,000 characters, and the same terms (folded syllables and
syllable pairs, `topic_vectors.story_terms`), and is timed from the raw texts:
- ours: `TopicVectorizer` + `TopicClusterer` with the shipped defaults, the input cut into
  batches of 1,000 ("days"; the sets have no dates), splits included (`fold_batch`);
- NMF (scikit-learn): TF-IDF (min_df 2, max_df 0.5, sublinear tf), k = number of labels,
  each document to its largest component;
- BERTopic 0.17 without a neural model: TF-IDF → TruncatedSVD(100) vectors passed as
  embeddings, UMAP(15 neighbours, 5 dimensions) + HDBSCAN(min_cluster_size 15); its
  outliers (-1) count as one cluster, as they would for a user.
- ours, themes: the same runs of ours, topics grouped into themes (`topic_themes.py`):
  "K given" = k-means with K = number of labels (what NMF is given), "threshold" =
  centroid linkage at 0.1 (chosen on VNTC dev); a document takes its topic's theme, and
  candidate topics (under 3 stories) join the nearest theme. Time: ours + the grouping.
  `--no-themes` leaves these rows out.

Metrics: NMI and ARI against the labels; NPMI coherence of the top-10 terms of the K
largest topics (K = number of labels) on held-out real text (VNTC train articles past the
first 20,000, which the keyword statistics never read; another TC201805 sample); stability
= ARI between two runs with seeds 1 and 2. The seed sets each library's random_state and
shuffles the input: for our method, which has no randomness, it shuffles the order of
documents inside each batch (the batches keep their documents), which is the freedom it
has in production (stories of one day arrive in any order); the "full shuffle" column
shuffles across batches too. Time: the second run (warm imports, JIT compiled), seconds.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score, homogeneity_score, normalized_mutual_info_score
from topic_themes import ThemeOptions, find_themes, theme_terms

from duluan.analysis import topic_vectors
from duluan.analysis.topic_model import ClusterOptions, TopicClusterer
from duluan.analysis.topic_split import MemberLog, fold_batch
from duluan.analysis.topic_state import TopicState
from duluan.analysis.topic_vectors import TopicVectorizer, story_terms

BATCH = 1000
TOP_WORDS = 10


@dataclass
class DataSet:
    name: str
    texts: list[str]
    labels: list[str]
    held_out: list[str]


@dataclass
class Run:
    labels: list[int]
    topics: list[list[str]]  # top words of the topics, largest first
    seconds: float
    # ours only, for the theme level: the clusterer's topics, its background row, story →
    # topic, and column → a readable term
    state: dict[int, TopicState] | None = None
    background: sp.csr_matrix | None = None
    final: dict[int, int] | None = None
    names: dict[int, str] | None = None


@dataclass
class Result:
    method: str
    runs: list[Run] = field(default_factory=list)
    full_shuffle: float | None = None
    error: str | None = None


def _read(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _text(row: dict[str, str]) -> str:
    return f"{row.get('title') or ''}. {row['text'][:3000]}"


def load_sets(data: Path, tc_sample: int, held_out: int) -> list[DataSet]:
    vntc = _read(data / "news" / "vntc-dev.jsonl.gz")
    train = _read(data / "news" / "vntc-train.jsonl.gz")[20_000 : 20_000 + held_out]
    tc = _read(data / "news" / "tc201805.jsonl.gz")
    random.Random(0).shuffle(tc)
    sample, rest = tc[:tc_sample], tc[tc_sample : tc_sample + held_out]
    return [
        DataSet("VNTC dev", [_text(r) for r in vntc], [r["label"] for r in vntc], [_text(r) for r in train]),
        DataSet(f"TC201805 ({tc_sample:,} sample)", [_text(r) for r in sample], [r["label"] for r in sample],
                [_text(r) for r in rest]),
    ]


def _order(n: int, seed: int, within_batches: bool) -> list[int]:
    order = list(range(n))
    rng = random.Random(seed)
    if not within_batches:
        rng.shuffle(order)
        return order
    out: list[int] = []
    for start in range(0, n, BATCH):
        chunk = order[start : start + BATCH]
        rng.shuffle(chunk)
        out.extend(chunk)
    return out


def _cold() -> None:
    """Every method starts with the tokenizer's cache empty."""
    topic_vectors._READINGS.clear()


def _top_groups(labels: Sequence[int], k: int) -> list[int]:
    counts: dict[int, int] = {}
    for label in labels:
        if label != -1:
            counts[label] = counts.get(label, 0) + 1
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def run_ours(texts: list[str], seed: int, k: int, within_batches: bool = True, keep_state: bool = True) -> Run:
    order = _order(len(texts), seed, within_batches)
    _cold()
    started = time.perf_counter()
    vectorizer = TopicVectorizer()
    rows = vectorizer.transform([texts[i] for i in order])
    clusterer = TopicClusterer(ClusterOptions(), background=vectorizer.background())
    log = MemberLog()  # the stories of each topic, for splits, as the database holds them in production
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for start in range(0, len(order), BATCH):
        positions = list(range(start, min(start + BATCH, len(order))))
        day = [base + timedelta(days=start // BATCH, seconds=p - start) for p in positions]
        fold_batch(clusterer, log, rows[positions], [order[p] for p in positions], day)
    final = log.final_topics(clusterer.resolve)
    seconds = time.perf_counter() - started
    labels = [final.get(i, -2 - i) for i in range(len(texts))]  # no terms: a cluster of its own
    # Readable top terms, after the clock stops: the vectors keep only hashed columns.
    names: dict[int, str] = {}
    seen: set[str] = set()
    for text in texts:
        for term in story_terms(text):
            if term not in seen:  # a term seen before names no new column
                seen.add(term)
                names.setdefault(vectorizer.column_of(term), term)
    topics = []
    for topic_id in _top_groups(labels, k):
        state = clusterer.topics[topic_id]
        best = np.argsort(-state.values, kind="stable")[:TOP_WORDS]
        topics.append([names.get(int(state.indices[i]), "") for i in best])
    if not keep_state:
        return Run(labels, topics, seconds)
    return Run(labels, topics, seconds, clusterer.topics, vectorizer.background(), final, names)


class Days(list[tuple[dict[int, TopicState], sp.csr_matrix]]):
    """The clusterer's topics at the end of each batch ("day"), with the background row;
    `final`: story → topic after the last."""

    final: dict[int, int]


def run_ours_days(texts: list[str], seed: int) -> Days:
    """`run_ours` keeping a copy of the topics after every batch (for the theme ids)."""
    order = _order(len(texts), seed, True)
    vectorizer = TopicVectorizer()
    rows = vectorizer.transform([texts[i] for i in order])
    clusterer = TopicClusterer(ClusterOptions(), background=vectorizer.background())
    log = MemberLog()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    days = Days()
    for start in range(0, len(order), BATCH):
        positions = list(range(start, min(start + BATCH, len(order))))
        day = [base + timedelta(days=start // BATCH, seconds=p - start) for p in positions]
        fold_batch(clusterer, log, rows[positions], [order[p] for p in positions], day)
        # centroid arrays are replaced, never changed in place, so a shallow copy suffices
        days.append(({i: copy.copy(t) for i, t in clusterer.topics.items()}, vectorizer.background()))
    days.final = log.final_topics(clusterer.resolve)
    return days


THEME_MODES = {
    "ours, themes (K given)": lambda k: ThemeOptions(k=k),
    "ours, themes (threshold)": lambda k: ThemeOptions(),  # threshold 0.1, chosen on VNTC dev
}


def run_themes(run: Run, options: ThemeOptions, k: int) -> Run:
    """Documents labelled by the theme of their topic (candidate topics join the nearest
    theme); time = our run + the grouping."""
    assert run.state is not None and run.final is not None and run.names is not None
    started = time.perf_counter()
    themes = find_themes(list(run.state.values()), run.background, options)
    seconds = time.perf_counter() - started
    labels = [themes.theme_of.get(run.final.get(i, -1), -2 - i) for i in range(len(run.labels))]
    largest = _top_groups(labels, k)
    topics = [[run.names.get(c, "") for c in columns] for columns in theme_terms(themes, list(run.state.values()), largest, TOP_WORDS)]
    return Run(labels, topics, run.seconds + seconds)


def majority_grouping_nmi(run: Run, labels: Sequence[str]) -> float:
    """NMI if each of our topics went to the label most of its documents carry: what a
    grouping of our topics could reach at best (it reads the labels; not a method)."""
    holders: dict[int, list[str]] = {}
    for topic, label in zip(run.labels, labels, strict=True):
        holders.setdefault(topic, []).append(label)
    majority = {t: max(sorted(set(v)), key=v.count) for t, v in holders.items()}
    return float(normalized_mutual_info_score(labels, [majority[t] for t in run.labels]))


def run_nmf(texts: list[str], seed: int, k: int) -> Run:
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    order = _order(len(texts), seed, within_batches=False)
    _cold()
    started = time.perf_counter()
    tfidf = TfidfVectorizer(analyzer=story_terms, min_df=2, max_df=0.5, sublinear_tf=True)
    matrix = tfidf.fit_transform([texts[i] for i in order])
    model = NMF(n_components=k, random_state=seed, max_iter=300)
    weights = model.fit_transform(matrix)
    seconds = time.perf_counter() - started
    labels = [0] * len(texts)
    for position, i in enumerate(order):
        labels[i] = int(weights[position].argmax())
    words = tfidf.get_feature_names_out()
    topics = [[str(words[j]) for j in np.argsort(-model.components_[t])[:TOP_WORDS]] for t in _top_groups(labels, k)]
    return Run(labels, topics, seconds)


def run_bertopic(texts: list[str], seed: int, k: int) -> Run:
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.preprocessing import normalize
    from umap import UMAP

    order = _order(len(texts), seed, within_batches=False)
    docs = [texts[i] for i in order]
    _cold()
    started = time.perf_counter()
    tfidf = TfidfVectorizer(analyzer=story_terms, min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(docs)
    embeddings = normalize(TruncatedSVD(100, random_state=seed).fit_transform(tfidf))
    model = BERTopic(
        embedding_model=None,
        umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed),
        hdbscan_model=HDBSCAN(min_cluster_size=15, metric="euclidean", cluster_selection_method="eom", prediction_data=True),
        vectorizer_model=CountVectorizer(analyzer=story_terms, min_df=2),
        language="multilingual",  # "english" would strip every Vietnamese letter before c-TF-IDF
        calculate_probabilities=False,
    )
    assigned, _ = model.fit_transform(docs, embeddings)
    seconds = time.perf_counter() - started
    labels = [0] * len(texts)
    for position, i in enumerate(order):
        labels[i] = int(assigned[position])
    topics = [[w for w, _ in model.get_topic(t)][:TOP_WORDS] for t in _top_groups(labels, k)]
    return Run(labels, topics, seconds)


def npmi(topics: list[list[str]], held_out: list[str]) -> float:
    """Mean NPMI over word pairs of each topic's top words, by document co-occurrence in
    the held-out texts; a pair never seen together scores -1."""
    wanted = {w for topic in topics for w in topic}
    documents = [set(story_terms(t)) & wanted for t in held_out]
    n = len(documents)
    single: dict[str, int] = {}
    pair: dict[tuple[str, str], int] = {}
    for doc in documents:
        for w in doc:
            single[w] = single.get(w, 0) + 1
        for a, b in combinations(sorted(doc), 2):
            pair[(a, b)] = pair.get((a, b), 0) + 1
    scores = []
    for topic in topics:
        values = []
        for a, b in combinations(sorted(set(topic)), 2):
            joint = pair.get((a, b), 0)
            if joint == 0 or single.get(a, 0) == 0 or single.get(b, 0) == 0:
                values.append(-1.0)
                continue
            p_ab, p_a, p_b = joint / n, single[a] / n, single[b] / n
            values.append(1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
        if values:
            scores.append(sum(values) / len(values))
    return sum(scores) / len(scores) if scores else float("nan")


def evaluate(data: DataSet, methods: dict[str, Callable[[list[str], int, int], Run]], themes: bool = True) -> list[Result]:
    k = len(set(data.labels))
    results = []
    for name, method in methods.items():
        result = Result(name)
        try:
            for seed in (1, 2):
                result.runs.append(method(data.texts, seed, k))
            if name == "ours":
                full = run_ours(data.texts, 3, k, within_batches=False)
                result.full_shuffle = adjusted_rand_score(result.runs[0].labels, full.labels)
        except Exception as exc:  # report a baseline that cannot run instead of stopping
            result.error = f"{type(exc).__name__}: {exc}"
        results.append(result)
        print(f"  {data.name}: {name} done", flush=True)
        if name == "ours" and themes and not result.error:
            # The theme level, from the same runs of ours (seeds 1 and 2, full shuffle).
            for theme_name, make in THEME_MODES.items():
                level = Result(theme_name)
                level.runs = [run_themes(r, make(k), k) for r in result.runs]
                level.full_shuffle = adjusted_rand_score(level.runs[0].labels, run_themes(full, make(k), k).labels)
                results.append(level)
    return results


def report(data: DataSet, results: list[Result]) -> str:
    lines = [
        f"### {data.name}: {len(data.texts):,} documents, {len(set(data.labels))} labels, NPMI on {len(data.held_out):,} held-out texts",
        "",
        "| method | topics | NMI | ARI | NPMI top-10 | stability (ARI, seeds 1/2) | full shuffle | time s (run 1 / run 2) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    stats = {}
    for r in results:
        if r.error or len(r.runs) < 2:
            lines.append(f"| {r.method} | — | — | — | — | — | — | could not run: {r.error} |")
            continue
        first, second = r.runs
        nmi = normalized_mutual_info_score(data.labels, first.labels)
        ari = adjusted_rand_score(data.labels, first.labels)
        coherence = npmi(first.topics, data.held_out)
        stability = adjusted_rand_score(first.labels, second.labels)
        n_topics = len(set(first.labels))
        full = f"{r.full_shuffle:.3f}" if r.full_shuffle is not None else "—"
        stats[r.method] = (nmi, second.seconds)
        lines.append(
            f"| {r.method} | {n_topics} | {nmi:.3f} | {ari:.3f} | {coherence:.3f} | {stability:.3f} | {full} | "
            f"{first.seconds:.1f} / {second.seconds:.1f} |"
        )
    ours = [m for m in stats if m.startswith("ours")]
    for mine in ours:
        nmi, seconds = stats[mine]
        for other, (other_nmi, other_seconds) in stats.items():
            if other not in ours:
                lines.append(f"\n{mine} vs {other}: NMI {nmi - other_nmi:+.3f}, {other_seconds / seconds:.1f}x the speed")
    first = next((r for r in results if r.method == "ours" and r.runs), None)
    if first is not None:
        lines.append(f"\nmajority-label grouping of our topics (reads the labels; a reference, not a method): "
                     f"NMI {majority_grouping_nmi(first.runs[0], data.labels):.3f}; homogeneity of our topics "
                     f"{homogeneity_score(data.labels, first.runs[0].labels):.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DULUAN_DATA", "../shared/data")))
    parser.add_argument("--tc-sample", type=int, default=15_000, help="TC201805 documents to cluster")
    parser.add_argument("--held-out", type=int, default=10_000, help="texts for NPMI")
    parser.add_argument("--skip-bertopic", action="store_true")
    parser.add_argument("--only-ours", action="store_true", help="no baselines (to iterate on our method's speed)")
    parser.add_argument("--no-themes", action="store_true", help="no theme rows (the topics grouped into themes)")
    args = parser.parse_args()
    methods: dict[str, Callable[[list[str], int, int], Run]] = {"ours": run_ours}
    if not args.only_ours:
        methods["NMF"] = run_nmf
        if not args.skip_bertopic:
            methods["BERTopic (TF-IDF+SVD)"] = run_bertopic
    out = []
    for data in load_sets(args.data, args.tc_sample, args.held_out):
        out.append(report(data, evaluate(data, methods, themes=not args.no_themes)))
    print()
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
