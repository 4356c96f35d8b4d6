"""Does the sentiment model read an exclamation mark as joy? A perturbation check.

    python benchmarks/sentiment_punctuation.py [FILE ...] [--models DIR]

Our hand-written social texts carried a writers' habit: "!" almost only in positive
texts (97 of 260 positive, 3 of 321 negative in the first set), so a model trained on
them can learn that "!" means positive, while real complaints shout. For each labelled
file (default: writer 2's set, `sentiment_social_dev.jsonl`: it is in training now, so
"as written" flatters, but the perturbed columns still show the habit; the numbers in
the model card were read on the blind set, which so took part in that decision), the
shipped model labels:
- every negative text as written, and with its final punctuation replaced by "!!!";
- every neutral text as written, and with "!" appended;
- every positive text as written, and with every "!" removed.
It prints how many keep their gold label each way: how much a mark the writers
happened to use moves the answer.

A second table appends other marks people put at the end of any post (an ellipsis,
emoji, the polite particle "ạ") to every neutral text and counts the labels said: a
neutral notice should stay neutral whatever it ends with.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

from duluan.enrich import datasets
from duluan.enrich.models import ModelSet, model_inputs

_END = re.compile(r"[.!?…\s]*$")

# Endings appended to neutral texts in the second table ("" = the text's own final
# punctuation removed, the reference row).
ENDINGS = ("", ".", "...", " ạ", " 😂", " 👍", " 🙏", " 😢")

PERTURB = {
    "negative": ("final punctuation → '!!!'", lambda t: _END.sub("", t) + "!!!"),
    "neutral": ("'!' appended", lambda t: _END.sub("", t) + "!"),
    "positive": ("every '!' removed", lambda t: t.replace("!", "")),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path,
                        default=[datasets.WRITTEN_DATA / "sentiment_social_dev.jsonl"])  # fmt: skip
    parser.add_argument("--models", type=Path, default=None, help="a models folder (default: the package's)")
    args = parser.parse_args()
    models = ModelSet(("sentiment",), args.models)
    print("| file | gold | texts | kept as written | perturbation | kept perturbed |")
    print("|---|---|---|---|---|---|")
    for path in args.files:
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        for gold, (what, change) in PERTURB.items():
            texts = [r["text"] for r in rows if r["sentiment"] == gold]
            kept = []
            for variant in (texts, [change(t) for t in texts]):
                labels, p = models.probabilities("sentiment", model_inputs(variant))
                kept.append(int(sum(labels[i] == gold for i in np.argmax(p, axis=1))))
            print(f"| {path.name} | {gold} | {len(texts)} | {kept[0]} | {what} | {kept[1]} |")
    print()
    print("| file | neutral texts with … appended | negative | neutral | positive |")
    print("|---|---|---|---|---|")
    for path in args.files:
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        neutral = [_END.sub("", r["text"]) for r in rows if r["sentiment"] == "neutral"]
        for mark in ENDINGS:
            labels, p = models.probabilities("sentiment", model_inputs([t + mark for t in neutral]))
            said = [labels[i] for i in np.argmax(p, axis=1)]
            counts = " | ".join(str(said.count(label)) for label in ("negative", "neutral", "positive"))
            print(f"| {path.name} | {mark.strip() or '(its own end removed)'} | {counts} |")


if __name__ == "__main__":
    main()
