"""Documents per second for the shipped category, sentiment and toxicity models together.

    python benchmarks/models.py [--data ../shared/data] [--repeat 3] [--baseline-train 10000]

One core (BLAS and OpenMP limited to one thread). The models share one feature pass; the
baseline is the TF-IDF (word 1-2 + char 2-4) + LinearSVC of each task, trained in this run
on up to --baseline-train texts of the task's own training data, and timed on the same
texts (cut to the same length). Texts: UIT-VSFC dev + ViHSD dev (short posts and
comments) and VNTC dev (news articles, title and body).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

from duluan.enrich import datasets  # noqa: E402
from duluan.enrich.baseline import Baseline  # noqa: E402
from duluan.enrich.models import TASKS, ModelSet, shared_features  # noqa: E402


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def train_baselines(data_dir: str, limit: int, seed: int) -> list[Baseline]:
    """One baseline per task: the training sets of what gives its label (the first head,
    or every expert of a mixture named like the task), sampled to `limit` texts."""
    baselines = []
    for task in TASKS.values():
        texts: list[str] = []
        labels: list[str] = []
        for name in task.label_sets():
            data = datasets.load(name, data_dir)
            texts += data.texts
            labels += data.labels
        pairs = list(zip(texts, labels, strict=True))
        random.Random(seed).shuffle(pairs)
        pairs = pairs[:limit]
        baselines.append(Baseline(seed).fit([t[: datasets.NEWS_CHARS] for t, _ in pairs],
                                            [label for _, label in pairs]))  # fmt: skip
    return baselines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-train", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # the environment variables above already hold
        pass

    short = datasets.load("uit-vsfc/dev", args.data).texts + datasets.load("vihsd/dev", args.data).texts
    news = datasets.load("vntc/dev", args.data).texts
    models = ModelSet()
    models.predict(short[:50])  # load every head before timing
    baselines = train_baselines(args.data, args.baseline_train, args.seed)

    def run_baselines(texts: list[str]) -> None:
        cut = [t[: datasets.NEWS_CHARS] for t in texts]
        for baseline in baselines:
            baseline.predict(cut)

    print(f"{'texts':<34} {'n':>6} {'models docs/s':>14} {'features only':>14} "
          f"{'baseline docs/s':>16} {'ratio':>7}")  # fmt: skip
    for label, texts in (("short (UIT-VSFC dev + ViHSD dev)", short), ("news (VNTC dev)", news)):
        ours = best_seconds(lambda t=texts: models.predict(t), args.repeat)
        features = best_seconds(lambda t=texts: shared_features(t), args.repeat)
        base = best_seconds(lambda t=texts: run_baselines(t), args.repeat)
        n = len(texts)
        print(f"{label:<34} {n:>6} {n / ours:>14,.0f} {n / features:>14,.0f} "
              f"{n / base:>16,.0f} {base / ours:>6.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
