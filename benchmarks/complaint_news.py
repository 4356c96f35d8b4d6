"""Complaint false alarms on whole news articles: VNTC dev, by label.

The complaint model was trained and evaluated on short texts (news sentences, posts and
comments of at most 70 words), but duluan also reads whole articles. No article here is
hand-labelled, so this script reports the share of VNTC dev articles (title + text, as a
stored news document reads; 5,000 articles never used in training) that the model calls a
citizen complaint (probability >= 0.5), per label. Sport, culture, computing and world
news are almost never a citizen's complaint or a report of one, so their share is close to
a false-alarm rate; politics-society, daily life, law and health may report residents'
complaints, so theirs is only context.

    python benchmarks/complaint_news.py --data ../shared/data
    python benchmarks/complaint_news.py --data ../shared/data --chars 300   # leads only
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections import Counter
from pathlib import Path

from duluan.enrich.concerns import predict_concerns

NOT_CIVIC = ("The thao", "Van hoa", "Vi tinh", "The gioi")
COMPLAINT_AT = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DULUAN_DATA", "../shared/data")))
    parser.add_argument("--chars", type=int, default=0, help="read only the first N characters (0: all)")
    args = parser.parse_args()
    with gzip.open(args.data / "news" / "vntc-dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    texts = [f"{row.get('title') or ''}\n{row['text']}" for row in rows]
    if args.chars:
        texts = [text[: args.chars] for text in texts]
    started = time.perf_counter()
    scores = [p.complaint for p in predict_concerns(texts)]
    seconds = time.perf_counter() - started
    total: Counter[str] = Counter(row["label"] for row in rows)
    flagged: Counter[str] = Counter(row["label"] for row, score in zip(rows, scores, strict=True) if score >= COMPLAINT_AT)
    print(f"VNTC dev, {len(rows):,} articles{f', first {args.chars} characters' if args.chars else ''}: "
          f"share read as complaints (p >= {COMPLAINT_AT}); {seconds:.1f} s\n")
    print("| label | articles | complaints | share |")
    print("|---|---|---|---|")
    for label in sorted(total, key=lambda name: (name not in NOT_CIVIC, name)):
        mark = " (not civic)" if label in NOT_CIVIC else ""
        print(f"| {label}{mark} | {total[label]} | {flagged[label]} | {flagged[label] / total[label]:.3f} |")
    not_civic = sum(total[label] for label in NOT_CIVIC)
    hits = sum(flagged[label] for label in NOT_CIVIC)
    print(f"| **not civic, together** | {not_civic} | {hits} | **{hits / not_civic:.3f}** |")
    print(f"| all | {len(rows)} | {sum(flagged.values())} | {sum(flagged.values()) / len(rows):.3f} |")


if __name__ == "__main__":
    main()
