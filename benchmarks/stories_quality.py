"""Near-duplicate quality: do stored documents share a story exactly when the simulated
stream's ground truth says they are copies of one story?

Pairwise precision and recall over stored documents, for several seeds, against two
baselines computed in the same run on the same documents: exact text only (each stored
document alone) and a naive key (the first 12 folded words).

    python benchmarks/stories_quality.py --seeds 7 11 23 --days 30
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from duluan.runner import ingest_options, ingest_registered
from duluan.simulate import SimulationOptions, load_truth, simulate
from duluan.store import repository as repo
from duluan.store.schema import documents
from duluan.text.fold import fold
from duluan.workspace import init_workspace

SOURCES = (("news", "feed", "news.xml"), ("posts", "jsonl", "posts.jsonl"), ("legacy", "folder", "legacy"))


def pair_counts(labels: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(pairs predicted together, pairs truly together, pairs both) from (pred, truth) labels."""
    def pairs(counter: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    return (
        pairs(Counter(p for p, _ in labels)),
        pairs(Counter(t for _, t in labels)),
        pairs(Counter(labels)),
    )


def scores(labels: list[tuple[str, str]]) -> tuple[float, float, float]:
    predicted, true, both = pair_counts(labels)
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run_seed(seed: int, days: int, root: Path, thresholds: tuple[float | None, float | None]) -> dict[str, tuple[float, float, float]]:
    workspace = init_workspace(root / f"ws-{seed}")
    for name, value in zip(("near_duplicate_threshold", "social_near_duplicate_threshold"), thresholds, strict=True):
        if value is not None:
            workspace.settings[name] = value
    start = (datetime.now(UTC) - timedelta(days=days + 1)).date()
    sim_dir = root / f"sim-{seed}"
    simulate(SimulationOptions(seed=seed, days=days, start=start), sim_dir)
    truth = load_truth(sim_dir / "truth.json")
    for name, kind, filename in SOURCES:
        repo.add_source(workspace.engine, name, kind, str(sim_dir / filename), {})
        ingest_registered(workspace, name, ingest_options(workspace))
    rows = workspace.engine.connect().execute(
        select(documents.c.external_id, documents.c.origin, documents.c.story_id, documents.c.text)
    ).all()
    ours, exact, naive = [], [], []
    for external_id, origin, story_id, text in rows:
        item_id = external_id or Path(origin).stem
        item = truth.items.get(item_id)
        if item is None:
            continue
        true_story = item.story
        ours.append((f"s{story_id}", true_story))
        exact.append((f"d{external_id or origin}", true_story))
        naive.append((" ".join(re.findall(r"\w+", fold(text))[:12]), true_story))
    return {"duluan MinHash/LSH": scores(ours), "exact text only": scores(exact), "first 12 words": scores(naive)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 23])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--threshold", type=float, default=None, help="near_duplicate_threshold to try")
    parser.add_argument("--social-threshold", type=float, default=None, help="social_near_duplicate_threshold to try")
    args = parser.parse_args()
    totals: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'seed':>5}  {'method':<20} {'precision':>9} {'recall':>7} {'F1':>6}")
        for seed in args.seeds:
            for method, (p, r, f) in run_seed(seed, args.days, Path(tmp), (args.threshold, args.social_threshold)).items():
                totals[method].append((p, r, f))
                print(f"{seed:>5}  {method:<20} {p:9.3f} {r:7.3f} {f:6.3f}")
    print()
    for method, values in totals.items():
        n = len(values)
        p, r, f = (sum(v[i] for v in values) / n for i in range(3))
        print(f"{'mean':>5}  {method:<20} {p:9.3f} {r:7.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
