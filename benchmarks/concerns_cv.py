"""Grouped k-fold cross-validation of the concern model's gold-trained parts.

    OMP_NUM_THREADS=1 nice -n 10 python benchmarks/concerns_cv.py [--folds 5] [--seed 13]

The linear heads are the shipped model's (trained on weak labels only, no gold text);
everything that reads the 1,145 hand-labelled texts (tests/data/concerns_eval.jsonl,
concerns_dev.jsonl and concerns_more.jsonl) is fit on 4 folds and scored on the 5th. Rows:
- "before": the previous recipe, the 6 stack weights fit on the 76 dev texts only (its
  scores on those 76 are in-sample, on the other 829 out-of-sample);
- the others: GoldOptions settings (concern_gold.py), the shipped one marked *.
Prints complaint F1 (precision / recall) and concern macro F1 as written and without
diacritics, complaint ECE, and the complaint F1 of each fold (as written).

`--simulated DIR` adds a rough check on another writer's text: every setting fit on all
905 gold texts, scored on 2,500 distinct posts and comments of the simulator
(`duluan simulate DIR --days 10 --seed 7`; its own templates and labelling conventions).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from concern_stream import simulated_posts  # a script beside this one

from duluan.enrich.concern_eval import score_predictions
from duluan.enrich.concern_gold import (
    CrossValidation,
    GoldData,
    GoldOptions,
    cross_validate,
    fit_gold,
    gold_folds,
    read_gold,
)
from duluan.enrich.concerns import load_concern_model
from duluan.text.fold import fold_keep_case

SETTINGS: dict[str, GoldOptions | None] = {
    "before": None,
    "stack on gold": GoldOptions(stack_features=False, gold_head="none"),
    "+ complaint features": GoldOptions(stack_features=True, gold_head="none"),
    "+ gold unit, independent": GoldOptions(gold_head="independent"),
    "+ gold unit, residual, l2 1e-4": GoldOptions(gold_l2=1e-4),
    "+ gold unit, residual, l2 1e-3": GoldOptions(gold_l2=1e-3),
    "+ gold unit, residual, l2 3e-3 *": GoldOptions(gold_l2=3e-3),
    "+ gold unit, residual, l2 1e-2": GoldOptions(gold_l2=1e-2),
    "gold unit, no complaint features": GoldOptions(stack_features=False, gold_l2=3e-3),
    "gold unit, no length feature": GoldOptions(gold_l2=3e-3, without=("length",)),
}


def _before(model, data: GoldData, k: int, seed: int, by: str) -> CrossValidation:
    """The previous recipe: stack weights fit on the dev texts only, scored on all."""
    dev = np.array([r["id"].startswith("cd-") for r in data.rows])
    fitted = fit_gold(
        model, data, np.flatnonzero(dev), GoldOptions(stack_features=False, gold_head="none"), seed
    )
    result = CrossValidation(folds=gold_folds(data.rows, k, seed, by))
    result.concern, result.complaint = fitted.combine(data.inputs)
    return result


def _f1(truth: np.ndarray, said: np.ndarray) -> float:
    return 2 * int((truth & said).sum()) / max(int(truth.sum() + said.sum()), 1)


def _scores(data: GoldData, cv: CrossValidation, idx: np.ndarray):
    labels = load_concern_model().labels
    concern = [labels[j] for j in cv.concern[idx].argmax(axis=1)]
    return score_predictions(
        data.y_complaint[idx],
        [labels[j] for j in data.y_concern[idx]],
        cv.complaint[idx],
        concern,
        cv.concern[idx].max(axis=1),
    )


def _simulated(folder: Path, limit: int = 2500) -> list[tuple[str, bool]]:
    """Distinct simulated posts and comments with their complaint truth, a seeded sample."""
    texts: dict[str, bool] = {}
    for row, item in simulated_posts(folder):
        if item.get("is_complaint") is not None and item.get("concern") is not None:
            texts.setdefault(row["text"], bool(item["is_complaint"]))
    items = list(texts.items())
    random.Random(1).shuffle(items)
    return items[:limit]


def _simulated_scores(heads, data: GoldData, options: GoldOptions | None, sim, seed: int):
    if options is None:
        dev = np.array([r["id"].startswith("cd-") for r in data.rows])
        train = np.flatnonzero(dev)
        options = GoldOptions(stack_features=False, gold_head="none")
    else:
        train = np.arange(len(data.rows))
    fitted = fit_gold(heads, data, train, options, seed)
    truth = np.array([c for _, c in sim])
    scores = []
    for texts in ([t for t, _ in sim], [fold_keep_case(t) for t, _ in sim]):
        _, complaint = fitted.predict(texts)
        scores.append(_f1(truth, complaint >= 0.5))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--by", choices=("block", "concern"), default="block",
        help="fold groups: runs of consecutive ids (default) or whole concerns",
    )  # fmt: skip
    parser.add_argument("--simulated", type=Path, help="a `duluan simulate` folder to check on")
    parser.add_argument("--only", nargs="*", help="setting names to run (default: all)")
    args = parser.parse_args()
    shipped = load_concern_model()
    # The weak-label heads alone: whatever the shipped file learned from gold is dropped.
    heads = replace(shipped, gold_complaint_coef=None, gold_complaint_bias=0.0, stack={})
    rows = read_gold()
    data = GoldData.build(heads, rows)
    n = len(rows)
    written, folded = np.arange(n), np.arange(n, 2 * n)
    not_dev = np.flatnonzero([not r["id"].startswith("cd-") for r in rows])
    sim = _simulated(args.simulated) if args.simulated else []
    print(f"{n} gold texts, {args.folds} folds grouped by {args.by}, seed {args.seed}")
    print(
        f"{'setting':32} {'complaint F1 (P / R)':>22} {'concern F1':>10} "
        f"{'no-diac cF1':>11} {'no-diac conF1':>13} {'ECE':>5} {'829: cF1':>8} {'best t':>6}  "
        + ("sim cF1 (no-diac)  " if args.simulated else "")
        + "per fold"
    )
    for name, options in SETTINGS.items():
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        if options is None:
            cv = _before(heads, data, args.folds, args.seed, args.by)
        else:
            cv = cross_validate(heads, data, options, args.folds, args.seed, args.by)
        a, b = _scores(data, cv, written), _scores(data, cv, folded)
        subset = _scores(data, cv, not_dev)
        # The threshold that would have maximised out-of-fold F1 (as written), for the record.
        best = max(
            np.arange(0.2, 0.81, 0.05),
            key=lambda t: _f1(data.y_complaint[written], cv.complaint[written] >= t),
        )
        per_fold = [
            _scores(data, cv, np.flatnonzero(cv.folds == f)).complaint_f1 for f in range(args.folds)
        ]
        print(
            f"{name:32} {a.complaint_f1:6.3f} ({a.complaint_precision:.3f} / "
            f"{a.complaint_recall:.3f}) {a.concern_macro_f1:10.3f} {b.complaint_f1:11.3f} "
            f"{b.concern_macro_f1:13.3f} {a.complaint_ece:5.3f} {subset.complaint_f1:8.3f} "
            f"{best:6.2f}  "
            + (
                "{:.3f} ({:.3f})     ".format(
                    *_simulated_scores(heads, data, options, sim, args.seed)
                )
                if sim
                else ""
            )
            + " ".join(f"{v:.3f}" for v in per_fold)
            + f"  [{time.perf_counter() - started:.0f}s]",
            flush=True,
        )


if __name__ == "__main__":
    main()
