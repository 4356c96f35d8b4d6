"""Topics of the simulated stream against its truth: does a topic hold one theme?

The simulator writes each item's theme (prices, waste, sport, …; 18 in all) beside the
stream (`simulated/truth.json`). This script scores the topics of a demo workspace
against those themes, every document once (its story's topic):
- homogeneity: does each topic hold one theme (1 = no topic mixes themes);
- completeness: does each theme stay in one topic (low when a theme is cut into events,
  which is what topics are for, so it is read beside homogeneity, not alone);
- NMI (arithmetic mean), and the largest topic's share of documents and of its main theme.

It makes a demo workspace per seed (`duluan demo DIR --seed S --no-serve`, about 2
minutes each) or reads the ones kept in `--keep`, then for every `--concern-weight`
clears the topic tables of a copy and runs the topic update again (`update_topics`, the
workspace's settings with that weight), timed.

    python benchmarks/topics_stream.py --seeds 7 11 23 --concern-weights 0 0.15 0.22 --keep /tmp/duluan-stream
    python benchmarks/topics_stream.py --concern-on-news ...   # as first measured: news carry the term too

The themes are coarser than topics (a theme holds many events), and a concern is the
closest thing to a theme: a concern term will raise homogeneity almost by construction.
So the table also prints the topic count (how coarse the topics became) and each run's
largest topic, to see whether a catch-all went or the topics merely grew.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import homogeneity_completeness_v_measure, normalized_mutual_info_score

from duluan.analysis import topic_store
from duluan.analysis.topics import TopicOptions, update_topics
from duluan.demo import DemoOptions, run_demo
from duluan.simulate import load_truth
from duluan.workspace import find_workspace

TOPIC_TABLES = ("story_topics", "topic_events", "topics")


@dataclass
class Score:
    seed: int
    weight: float
    topics: int
    homogeneity: float
    completeness: float
    nmi: float
    largest_share: float
    largest_purity: float
    largest_label: str
    seconds: float


def _any_kind(kind: str, concern: str | None) -> str | None:
    return concern if concern and concern != "other" else None


def demo_workspace(keep: Path, seed: int) -> Path:
    folder = keep / f"demo-{seed}"
    if not (folder / "duluan.db").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"seed {seed}: running the demo into {folder} …", file=sys.stderr)
        run_demo(DemoOptions(directory=folder, days=30, seed=seed))
    return folder


def rerun_topics(source: Path, target: Path, weight: float) -> float:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    with sqlite3.connect(target / "duluan.db") as conn:
        conn.execute("DELETE FROM alerts WHERE topic_id IS NOT NULL")  # the copy's topic alerts point at old ids
        for table in TOPIC_TABLES:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    workspace = find_workspace(target, environ={})
    settings = dict(workspace.settings)
    settings["topic_concern_weight"] = weight
    started = time.perf_counter()
    update_topics(workspace.engine, TopicOptions.from_settings(settings))
    return time.perf_counter() - started


def score(folder: Path, seed: int, weight: float, seconds: float) -> Score:
    truth = load_truth(folder / "simulated" / "truth.json")
    with sqlite3.connect(folder / "duluan.db") as conn:
        rows = conn.execute(
            "SELECT d.external_id, st.topic_id FROM documents d JOIN story_topics st ON st.story_id = d.story_id"
        ).fetchall()
        labels = dict(conn.execute("SELECT id, label FROM topics"))
    themes, topics = [], []
    for external_id, topic in rows:
        item = truth.items.get(external_id)
        if item is not None:  # legacy files have no item id
            themes.append(item.theme)
            topics.append(topic)
    homogeneity, completeness, _ = homogeneity_completeness_v_measure(themes, topics)
    by_topic: dict[int, Counter[str]] = defaultdict(Counter)
    for theme, topic in zip(themes, topics, strict=True):
        by_topic[topic][theme] += 1
    largest = max(by_topic, key=lambda t: (sum(by_topic[t].values()), -t))
    size = sum(by_topic[largest].values())
    return Score(
        seed, weight, len(by_topic), homogeneity, completeness, normalized_mutual_info_score(themes, topics),
        size / len(themes), by_topic[largest].most_common(1)[0][1] / size, str(labels.get(largest, "")), seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 23])
    parser.add_argument("--concern-weights", type=float, nargs="+", default=[0.0, 0.15])
    parser.add_argument("--keep", type=Path, help="folder for the demo workspaces, kept between runs")
    parser.add_argument("--concern-on-news", action="store_true",
                        help="news articles carry the concern term too (the first version measured; not shipped)")
    args = parser.parse_args()
    if args.concern_on_news:
        topic_store.topic_concern = _any_kind
    keep = args.keep or Path(tempfile.mkdtemp(prefix="duluan-stream-"))
    keep.mkdir(parents=True, exist_ok=True)
    print("| seed | concern weight | topics | homogeneity | completeness | NMI | largest topic: share of documents / of its main theme | its label | update s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for seed in args.seeds:
        source = demo_workspace(keep, seed)
        for weight in args.concern_weights:
            target = keep / f"rerun-{seed}-{weight}"
            seconds = rerun_topics(source, target, weight)
            s = score(target, seed, weight, seconds)
            print(f"| {s.seed} | {s.weight} | {s.topics} | {s.homogeneity:.3f} | {s.completeness:.3f} | {s.nmi:.3f} | "
                  f"{s.largest_share:.3f} / {s.largest_purity:.3f} | {s.largest_label} | {s.seconds:.1f} |", flush=True)
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
