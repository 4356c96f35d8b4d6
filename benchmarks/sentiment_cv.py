"""k-fold cross-validation of the sentiment model on its training sets, beside the pooled head.

    python benchmarks/sentiment_cv.py [--data ../shared/data] [--folds 5] [--seed 13]

The dev splits choose nothing here: each training set (UIT-VSFC train, AIVIVN train minus
our eval fifth) is cut into k seeded folds; for each fold every head of TASKS["sentiment"]
is trained by the shipped procedure (`fit_head`: C grid, temperature, pruning) on the
other folds and the mixture is scored on the fold, as written and without diacritics.
The single head trained on both sets together (the model the mixture replaced) runs in
the same folds as the baseline. Scores are over all held-out rows of all folds.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from duluan.enrich import datasets
from duluan.enrich.linear import LinearModel
from duluan.enrich.mixture import Mixture
from duluan.enrich.models import TASKS, shared_features
from duluan.enrich.scoring import expected_calibration_error, f1_scores, macro_f1, weighted_f1
from duluan.enrich.training import HeadSpec, fit_head

SETS = ("uit-vsfc/train", "aivivn/train")
POOLED = HeadSpec(
    "sentiment", SETS, c_grid=(0.3, 1.0), learner="blend", per_set_holdout=True
)  # the single head shipped before the mixture


def metrics(name: str, truth: np.ndarray, labels: list[str], p: np.ndarray) -> dict[str, float]:
    if name.startswith("aivivn"):  # two labels: decide between them only, as evaluation does
        allowed = [labels.index("negative"), labels.index("positive")]
        predicted = np.asarray(labels)[np.asarray(allowed)[p[:, allowed].argmax(1)]].tolist()
        return {"F1 negative": f1_scores(truth.tolist(), predicted)["negative"][0],
                "macro F1": macro_f1(truth.tolist(), predicted)}  # fmt: skip
    predicted = np.asarray(labels)[p.argmax(1)].tolist()
    correct = np.asarray(predicted) == truth
    return {"weighted F1": weighted_f1(truth.tolist(), predicted),
            "macro F1": macro_f1(truth.tolist(), predicted),
            "ECE": expected_calibration_error(p.max(1), correct)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-pooled", action="store_true", help="Skip the pooled baseline.")
    args = parser.parse_args()
    started = time.perf_counter()

    # 1. Features once per set, as written and folded.
    data = {}
    for name in SETS:
        written = datasets.load(name, args.data)
        folded = datasets.without_diacritics(written)
        data[name] = (shared_features(written.texts), shared_features(folded.texts),
                      np.asarray(written.labels))  # fmt: skip
    rng = np.random.default_rng(args.seed)
    folds = {name: np.array_split(rng.permutation(len(data[name][2])), args.folds) for name in SETS}

    # 2. Train every head on k-1 folds; predict the held-out fold with each system.
    # The public-data heads only: the social domain trains on our texts, not in these folds.
    task = TASKS["sentiment"].restricted_to(list(SETS))
    assert task.mixture is not None
    systems = ["mixture"] + ([] if args.no_pooled else ["pooled"])
    held: dict[tuple[str, str, str], list[np.ndarray]] = {}
    for k in range(args.folds):
        train_rows = {n: np.concatenate([f for j, f in enumerate(folds[n]) if j != k]) for n in SETS}

        def fit(spec: HeadSpec, train_rows: dict[str, np.ndarray] = train_rows) -> LinearModel:
            parts = [(n, data[n], train_rows[n]) for n in spec.train_sets]
            written = sp.vstack([d[0][r] for _, d, r in parts]).tocsr()
            folded = sp.vstack([d[1][r] for _, d, r in parts]).tocsr()
            labels = [spec.set_labels.get(n, str(y)) for n, d, r in parts for y in d[2][r]]
            groups = [i for i, (_, _, r) in enumerate(parts) for _ in r]
            return fit_head(written, folded, labels, spec, args.seed, {}, groups)[0].rounded()

        heads = {spec.name: fit(spec) for spec in task.heads}
        models = {"mixture": Mixture({d: heads[h] for d, h in task.mixture.experts.items()},
                                     heads[task.mixture.router])}  # fmt: skip
        if "pooled" in systems:
            models["pooled"] = fit(replace(POOLED))
        for name in SETS:
            rows = folds[name][k]
            for variant, x in (("written", data[name][0][rows]), ("no diacritics", data[name][1][rows])):
                for system, model in models.items():
                    held.setdefault((system, name, variant), []).append(model.predict_proba(x))
        print(f"fold {k + 1}/{args.folds} done ({time.perf_counter() - started:.0f} s)", flush=True)

    # 3. One table over all held-out rows.
    print(f"\n{args.folds}-fold cross-validation on the training sets (seed {args.seed})")
    print(f"{'system':<9} {'data set':<15} {'variant':<14} metrics")
    for system in systems:
        labels = ["negative", "neutral", "positive"]
        for name in SETS:
            truth = np.concatenate([data[name][2][f] for f in folds[name]])
            for variant in ("written", "no diacritics"):
                p = np.vstack(held[(system, name, variant)])
                scores = metrics(name, truth, labels, p)
                shown = ", ".join(f"{m} {v:.4f}" for m, v in scores.items())
                print(f"{system:<9} {name:<15} {variant:<14} {shown}")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
