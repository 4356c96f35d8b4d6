"""Build the keyword statistics shipped in the package: stopwords and background
document frequencies of folded syllable n-grams.

Sources (both MIT): the Vietnamese stopword list (stopwords/vietnamese-stopwords) and the
VNTC training articles (Vu et al. 2007). Only counts leave this script, never text.

    python scripts/build_keyword_stats.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from collections import Counter
from pathlib import Path

from duluan.text.keywords import candidate_keys
from duluan.text.normalize import normalize_text

OUT = Path(__file__).resolve().parents[1] / "src" / "duluan" / "text" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--limit", type=int, default=20000, help="VNTC articles to count")
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--max-entries", type=int, default=120_000)
    args = parser.parse_args()
    data = Path(args.data)
    stopwords = sorted(
        {line.strip().lower() for line in (data / "lexicons" / "vietnamese-stopwords.txt").read_text(encoding="utf-8").splitlines() if line.strip()}
    )
    (OUT / "stopwords-vi.txt").write_text("\n".join(stopwords) + "\n", encoding="utf-8")
    df: Counter[str] = Counter()
    docs = 0
    with gzip.open(data / "news" / "vntc-train.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if docs >= args.limit:
                break
            record = json.loads(line)
            df.update(set(candidate_keys(normalize_text(f"{record.get('title') or ''}\n{record['text']}"))))
            docs += 1
    kept = {k: n for k, n in df.most_common(args.max_entries) if n >= args.min_df}
    with gzip.open(OUT / "keyword-df.json.gz", "wt", encoding="utf-8") as handle:
        json.dump({"documents": docs, "source": f"VNTC train (MIT), first {docs} articles", "df": kept}, handle, ensure_ascii=False)
    print(f"{len(stopwords)} stopwords; {len(kept)} n-grams with df >= {args.min_df} over {docs} articles")


if __name__ == "__main__":
    main()
