"""Would a concern term help or hurt news? Topics of VNTC dev and a TC201805 sample with
and without each article's concern (from the shipped concern model) as one more term.

In a workspace only posts and comments carry the term (`topic_concern_weight`,
`topic_store.story_inputs`); this script is why news do not: it runs our clusterer as
`topics_quality.py` does (same input, batches of 1,000, seed 1) on rows from
`topic_vectors.with_concerns`, and prints NMI and homogeneity against the labels.

    OMP_NUM_THREADS=1 python benchmarks/topics_concern_news.py --data ../shared/data   # about 2 minutes
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sklearn.metrics import homogeneity_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).parent))
import topics_quality as tq  # noqa: E402 (the same data sets and order as the quality table)

from duluan.analysis.topic_model import ClusterOptions, TopicClusterer  # noqa: E402
from duluan.analysis.topic_split import MemberLog, fold_batch  # noqa: E402
from duluan.analysis.topic_vectors import TopicVectorizer, with_concerns  # noqa: E402
from duluan.enrich.concerns import predict_concerns  # noqa: E402


def cluster(texts: list[str], concerns: list[str | None], weight: float, seed: int = 1) -> list[int]:
    order = tq._order(len(texts), seed, True)
    vectorizer = TopicVectorizer()
    rows = with_concerns(vectorizer.transform([texts[i] for i in order]), [concerns[i] for i in order], weight)
    clusterer = TopicClusterer(ClusterOptions(), background=vectorizer.background())
    log = MemberLog()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for start in range(0, len(order), tq.BATCH):
        positions = list(range(start, min(start + tq.BATCH, len(order))))
        day = [base + timedelta(days=start // tq.BATCH, seconds=p - start) for p in positions]
        fold_batch(clusterer, log, rows[positions], [order[p] for p in positions], day)
    final = log.final_topics(clusterer.resolve)
    return [final.get(i, -2 - i) for i in range(len(texts))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--tc-sample", type=int, default=15000)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, 0.2])
    args = parser.parse_args()
    print("| set | articles with a concern | concern weight | topics | NMI | homogeneity |")
    print("|---|---|---|---|---|---|")
    for data in tq.load_sets(args.data, args.tc_sample, 100):
        concerns = [p.concern if p.concern != "other" else None for p in predict_concerns(data.texts)]
        named = sum(c is not None for c in concerns)
        for weight in args.weights:
            labels = cluster(data.texts, concerns, weight)
            print(f"| {data.name} | {named:,} of {len(data.texts):,} | {weight} | {len(set(labels))} | "
                  f"{normalized_mutual_info_score(data.labels, labels):.3f} | {homogeneity_score(data.labels, labels):.3f} |",
                  flush=True)


if __name__ == "__main__":
    main()
