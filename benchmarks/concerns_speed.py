"""Speed of `predict_concerns` on short comments, against the lexicon labeller alone.

    OMP_NUM_THREADS=1 python benchmarks/concerns_speed.py [--data ../shared/data] [--runs 5]

Texts: 2,000 UIT-ViCTSD valid comments. Prints texts per CPU second (median of runs; CPU
time, so that other work on a shared machine counts less) for the whole model and for the
lexicon labeller it blends with, in the same process. To compare two versions of the
code, run it once with each on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time

from duluan.enrich.concern_rules import LexiconLabeller
from duluan.enrich.concerns import load_concern_model, predict_concerns
from duluan.enrich.datasets import data_dir


def _rate(function, texts: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        function(texts)
        times.append(time.process_time() - started)
    return len(texts) / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (default $DULUAN_DATA)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = data_dir(args.data) / "toxicity" / "victsd-valid.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()][:2000]
    model = load_concern_model()
    predict_concerns(texts[:50], model)  # warm up
    labeller = LexiconLabeller()
    model_rate = _rate(lambda t: predict_concerns(t, model), texts, args.runs)
    lexicon_rate = _rate(labeller.label_many, texts, args.runs)
    print(f"{len(texts)} texts, median of {args.runs} runs")
    print(f"predict_concerns {model_rate:8.0f} texts/s")
    print(
        f"lexicon alone    {lexicon_rate:8.0f} texts/s  (model/lexicon time {lexicon_rate / model_rate:.2f}x)"
    )


if __name__ == "__main__":
    main()
