"""Build the table of known two-syllable phrases shipped in the package.

A two-syllable keyword that a text writes only once is kept only if news has used it
before: "ngập nước" and "giả danh" are in the table, "tuần giúp" (from "trong tuần giúp
giảm tải") is not. The table holds the folded candidate phrases of two syllables (see
`duluan.text.keywords`) found in at least `--min-df` of the VNTC training articles
(Vu et al. 2007, MIT), with their document counts. Only counts leave this script, never
text.

    python scripts/build_keyword_pairs.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from collections import Counter
from pathlib import Path

from rich.progress import track

from duluan.text.keywords import candidate_keys
from duluan.text.normalize import normalize_text

OUT = Path(__file__).resolve().parents[1] / "src" / "duluan" / "text" / "data" / "keyword-pairs.json.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--min-df", type=int, default=3, help="articles a phrase must appear in")
    args = parser.parse_args()
    with gzip.open(Path(args.data) / "news" / "vntc-train.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    df: Counter[str] = Counter()
    for record in track(records, description="counting phrases"):
        text = normalize_text(f"{record.get('title') or ''}\n{record['text']}")
        df.update({key for key in candidate_keys(text) if key.count(" ") == 1})
    kept = {key: n for key, n in sorted(df.items()) if n >= args.min_df}
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same counts give the same bytes
        raw.write(json.dumps(
            {"documents": len(records), "source": "VNTC train (MIT), all articles", "min_df": args.min_df, "df": kept},
            ensure_ascii=False, separators=(",", ":"),
        ).encode("utf-8"))
    print(f"{len(kept)} two-syllable phrases in at least {args.min_df} of {len(records)} articles -> {OUT}")


if __name__ == "__main__":
    main()
