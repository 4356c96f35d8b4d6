"""Concern and complaint model against the lexicon baseline, on our hand-written set.

    python benchmarks/concerns_eval.py [--data tests/data/concerns_eval.jsonl] [--brief]

Prints one table: model, data set, split, metric, score, and the lexicon baseline's score
from the same run, on the texts as written and on a copy without diacritics.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from duluan.enrich.concern_eval import EVAL_PATH, evaluate_concerns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=EVAL_PATH, help="labelled JSON Lines")
    parser.add_argument("--brief", action="store_true", help="leave out the per-class rows")
    args = parser.parse_args()
    rows = evaluate_concerns(args.data, per_class=not args.brief)
    print(f"{'model':8} {'dataset':16} {'split':14} {'metric':34} {'score':>6} {'lexicon':>8}")
    for row in rows:
        baseline = f"{row.baseline:8.3f}" if row.baseline is not None else f"{'—':>8}"
        print(
            f"{row.model:8} {row.dataset:16} {row.split:14} {row.metric:34} "
            f"{row.score:6.3f} {baseline}"
        )


if __name__ == "__main__":
    main()
