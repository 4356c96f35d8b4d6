"""Keyword fragments: how often a keyword is a piece cut across words, judged blind.

A two-syllable phrase that a text writes once used to be a keyword on its own, so chance
neighbours ("tuần giúp" from "trong tuần giúp giảm tải") became keywords. Since
2026-12-07 such a phrase must be in the table of known pairs
(`scripts/build_keyword_pairs.py`). This script compares the two rules on 400 real texts,
chosen with a fixed seed: 120 VNTC dev articles (first 1,500 characters), 120 TC201805
leads and 160 ViCTSD valid comments longer than 80 characters. Each text gets its top 8
keywords under both rules, and only the phrases that one rule gives and the other does not
are compared.

Those phrases were judged by a colleague who saw the texts and the phrases in a random
order, never which rule gave which: "good" (a unit that tells what the text is about),
"weak" (a unit that says little: "mấy", "đội") or "fragment". The judgements are kept in
`benchmarks/data/keyword_judgements.jsonl`: set, row, phrase and label, never the text.

    python benchmarks/keyword_fragments.py --data ../shared/data
    python benchmarks/keyword_fragments.py --data ../shared/data --write-blind DIR   # a new round to judge

A phrase that the code of the day gives but nobody judged is counted as "unjudged".
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from duluan.text import keywords
from duluan.text.normalize import normalize_text

JUDGEMENTS = Path(__file__).parent / "data" / "keyword_judgements.jsonl"
SEED = 20261207
TOP = 8
LABELS = ("good", "weak", "fragment", "unjudged")


@dataclass(frozen=True)
class Text:
    set: str
    row: int
    text: str


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def sample_texts(data: Path) -> list[Text]:
    rng = random.Random(SEED)
    vntc = _read(data / "news" / "vntc-dev.jsonl.gz")
    tc = _read(data / "news" / "tc201805.jsonl.gz")
    comments = _read(data / "toxicity" / "victsd-valid.jsonl.gz")
    long_comments = [i for i, r in enumerate(comments) if len(r["text"]) > 80]
    texts = [Text("vntc-dev", i, normalize_text(f"{vntc[i].get('title') or ''}\n{vntc[i]['text'][:1500]}"))
             for i in rng.sample(range(len(vntc)), 120)]
    texts += [Text("tc201805", i, normalize_text(f"{tc[i].get('title') or ''}\n{tc[i]['text']}"))
              for i in rng.sample(range(len(tc)), 120)]
    texts += [Text("victsd-valid", i, normalize_text(comments[i]["text"]))
              for i in (long_comments[j] for j in rng.sample(range(len(long_comments)), 160))]
    return texts


class _Everything:
    def __contains__(self, key: object) -> bool:
        return True


@contextmanager
def earlier_rule() -> Iterator[None]:
    """Every two-syllable phrase seen once counts as known, as before the pair table."""
    known = keywords._known_pairs
    keywords._known_pairs = _Everything  # type: ignore[assignment]
    keywords._WEIGHTS.clear()
    try:
        yield
    finally:
        keywords._known_pairs = known
        keywords._WEIGHTS.clear()


def phrases(texts: list[Text]) -> list[list[str]]:
    return [[k.phrase for k in keywords.document_keywords(t.text, TOP)] for t in texts]


def changed(texts: list[Text]) -> list[tuple[Text, str, str]]:
    """(text, phrase, rule) for every phrase only one rule gives."""
    with earlier_rule():
        before = phrases(texts)
    after = phrases(texts)
    print(f"keywords of {len(texts)} texts: {sum(map(len, before))} by the earlier rule, "
          f"{sum(map(len, after))} with the pair table; texts with a change: "
          f"{sum(set(a) != set(b) for a, b in zip(before, after, strict=True))}\n")
    found = []
    for text, old, new in zip(texts, before, after, strict=True):
        for phrase in sorted(set(old) ^ set(new)):
            found.append((text, phrase, "earlier" if phrase in old else "pair table"))
    return found


def write_blind(found: list[tuple[Text, str, str]], folder: Path) -> None:
    """texts.json and items.jsonl for a judge (no rule), key.jsonl to join them back."""
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(len(found)))
    random.Random(SEED).shuffle(order)
    ids = {(t.set, t.row): n for n, (t, _, _) in enumerate(dict.fromkeys((t, 0, 0) for t, _, _ in found))}
    texts = {str(ids[(t.set, t.row)]): t.text for t, _, _ in found}
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")
    with open(folder / "items.jsonl", "w", encoding="utf-8") as items, open(folder / "key.jsonl", "w", encoding="utf-8") as key:
        for item, n in enumerate(order):
            text, phrase, rule = found[n]
            items.write(json.dumps({"text_id": ids[(text.set, text.row)], "phrase": phrase, "item": item}, ensure_ascii=False) + "\n")
            key.write(json.dumps({"item": item, "set": text.set, "row": text.row, "phrase": phrase, "rule": rule}, ensure_ascii=False) + "\n")
    print(f"{len(found)} phrases of {len(texts)} texts -> {folder}")


def load_judgements(path: Path) -> dict[tuple[str, int, str], str]:
    judged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            judged[(row["set"], row["row"], row["phrase"])] = row["label"]
    return judged


def report(found: list[tuple[Text, str, str]], judged: dict[tuple[str, int, str], str]) -> None:
    counts: Counter[tuple[str, str, str]] = Counter()
    for text, phrase, rule in found:
        label = judged.get((text.set, text.row, phrase), "unjudged")
        counts[(text.set, rule, label)] += 1
        counts[("all", rule, label)] += 1
    print(f"Phrases only one rule gives (top {TOP} keywords of 400 texts), by the blind judgement:\n")
    print("| set | rule | phrases | good | weak | fragment | unjudged | fragment share |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ("vntc-dev", "tc201805", "victsd-valid", "all"):
        for rule in ("earlier", "pair table"):
            row = [counts[(name, rule, label)] for label in LABELS]
            total = sum(row)
            share = row[2] / total if total else 0.0
            print(f"| {name} | {rule} | {total} | " + " | ".join(map(str, row)) + f" | {share:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DULUAN_DATA", "../shared/data")))
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--write-blind", type=Path, help="write a judging round to this folder and stop")
    args = parser.parse_args()
    found = changed(sample_texts(args.data))
    if args.write_blind:
        write_blind(found, args.write_blind)
        return
    report(found, load_judgements(args.judgements))


if __name__ == "__main__":
    main()
