"""Train the word segmenter (duluan.text.words) and write it as gzip JSON.

    pip install pyvi                                         # training only, for silver data
    python scripts/train_segmenter.py --eval-on dev          # train on train, score dev
    python scripts/train_segmenter.py --final                # train on train+dev, write model

Three sources, all read from --data or DULUAN_DATA (default ../shared/data):
1. gold: UD-VTB (CC BY-SA 4.0) segmentation/ud-vtb-{train,dev}.conllu, repeated
   --gold-weight times, since 2,523 sentences are too few on their own (dev F1 0.914);
2. silver: --silver sentences of VNTC news (MIT) segmented by pyvi (MIT), which adds
   the vocabulary UD-VTB lacks (dev F1 0.950);
3. cohesion: PMI and counts of syllable pairs over all of VNTC train.
The test split is never read here: benchmarks/segmentation_eval.py scores it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from duluan.text.conllu import read_conllu_words, word_f1, word_spans
from duluan.text.normalize import normalize_text
from duluan.text.tokens import split_sentences, tokenize
from duluan.text.words import (
    MAX_LEXICON_WORD,
    MODEL_NAME,
    SegmenterModel,
    boundary_features,
    segment,
    syllable_shape,
)

Example = tuple[list[str], list[str], list[bool], int]  # low, shapes, gold joins, fold


def examples_from(
    sentences: list[list[str]], folds: int, seed: int
) -> tuple[list[Example], list[set]]:
    """Runs of word syllables with gold join labels, and per-fold multi-syllable lexicons."""
    rng = random.Random(seed)
    examples: list[Example] = []
    lexicons: list[set[tuple[str, ...]]] = [set() for _ in range(folds)]
    for words in sentences:
        fold = rng.randrange(folds)
        text = " ".join(words)
        # Gold word index of each character, to label the spaces between our tokens.
        owner: list[int] = []
        for index, word in enumerate(words):
            owner.extend([index] * (len(word) + 1))
        run: list = []
        runs = []
        for token in tokenize(text):
            if token.kind == "word":
                run.append(token)
            else:
                runs.append(run)
                run = []
        runs.append(run)
        for run in runs:
            if len(run) < 2:
                continue
            low = [t.text.lower() for t in run]
            shapes = [syllable_shape(t.text) for t in run]
            joins = [owner[run[i - 1].start] == owner[run[i].start] for i in range(1, len(run))]
            examples.append((low, shapes, joins, fold))
        for word in words:
            syllables = tokenize(word)
            if 2 <= len(syllables) <= MAX_LEXICON_WORD and all(t.kind == "word" for t in syllables):
                lexicons[fold].add(tuple(t.text.lower() for t in syllables))
    return examples, lexicons


_RUN = re.compile(r"[^\W\d_]+(?:[ ]+[^\W\d_]+)*")


def cohesion_table(path: Path, min_count: int, limit: int | None) -> dict[str, int]:
    """Pointwise mutual information and frequency of syllable pairs in unlabelled news."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                break
            record = json.loads(line)
            text = normalize_text((record.get("title") or "") + "\n" + record["text"]).lower()
            for run in _RUN.findall(text):
                syllables = run.split()
                unigrams.update(syllables)
                bigrams.update(zip(syllables, syllables[1:], strict=False))
    total = sum(unigrams.values())
    table = {}
    for (a, b), count in bigrams.items():
        if count < min_count:
            continue
        pmi = math.log(count * total / (unigrams[a] * unigrams[b]), 2)
        pmi_bucket = min(max(round(pmi), -3), 12) + 3
        table[a + " " + b] = pmi_bucket * 16 + min(int(math.log2(count)), 15)
    return table


def train(
    examples: list[Example], lexicons: list[set], cohesion: dict[str, int], epochs: int, seed: int
) -> dict[str, float]:
    """Averaged perceptron with greedy decoding; each fold sees the other folds' lexicon."""
    # Jackknifed lexicons: a word's own sentence never vouches for it, as at test time.
    held_out = [
        set().union(*(lex for k, lex in enumerate(lexicons) if k != fold))
        for fold in range(len(lexicons))
    ]
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    step = 0
    rng = random.Random(seed)
    order = list(range(len(examples)))
    for _epoch in range(epochs):
        rng.shuffle(order)
        for index in order:
            low, shapes, joins, fold = examples[index]
            lexicon = held_out[fold]
            joined = False
            for i in range(1, len(low)):
                step += 1
                features = boundary_features(low, shapes, i, joined, lexicon, cohesion)
                score = sum(weights.get(f, 0.0) for f in features)
                predicted = score > 0.0
                gold = joins[i - 1]
                if predicted != gold:
                    delta = 1.0 if gold else -1.0
                    for f in features:
                        totals[f] += (step - stamps[f]) * weights[f]
                        stamps[f] = step
                        weights[f] += delta
                joined = predicted
    averaged = {}
    for f, w in weights.items():
        total = totals[f] + (step - stamps[f]) * w
        value = round(total / step, 4)
        if abs(value) >= 1e-4:
            averaged[f] = value
    return averaged


def evaluate(model: SegmenterModel, sentences: list[list[str]]) -> dict[str, float]:
    gold = [word_spans(words) for words in sentences]
    predicted = [word_spans(segment(" ".join(words), model=model)) for words in sentences]
    return word_f1(gold, predicted)


def silver_sentences(path: Path, count: int) -> list[list[str]]:
    """The first `count` sentences of a news file, segmented by pyvi."""
    from pyvi import ViTokenizer  # training-time only: never a runtime dependency

    sentences: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(sentences) >= count:
                break
            for sentence in split_sentences(normalize_text(json.loads(line)["text"])):
                if 20 <= len(sentence) <= 400:
                    tagged = ViTokenizer.tokenize(sentence).split()
                    sentences.append([word.replace("_", " ") for word in tagged])
    return sentences[:count]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--gold-weight", type=int, default=3)
    parser.add_argument(
        "--silver", type=int, default=30000, help="pyvi-segmented sentences (0: none)"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--unlabelled", default="news/vntc-train.jsonl.gz", help="under --data; MIT"
    )
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument(
        "--limit", type=int, default=None, help="read only this many unlabelled records"
    )
    parser.add_argument("--eval-on", choices=["dev"], default=None)
    parser.add_argument(
        "--final", action="store_true", help="train on train+dev and write the model"
    )
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "src/duluan/models" / MODEL_NAME)
    )
    args = parser.parse_args()

    folder = Path(args.data) / "segmentation"
    train_sents = list(read_conllu_words(folder / "ud-vtb-train.conllu"))
    dev_sents = list(read_conllu_words(folder / "ud-vtb-dev.conllu"))
    sentences = train_sents + dev_sents if args.final else train_sents
    examples, lexicons = examples_from(sentences, args.folds, args.seed)
    examples = examples * args.gold_weight
    if args.silver:
        silver = silver_sentences(Path(args.data) / args.unlabelled, args.silver)
        # The lexicon stays gold-only: pyvi's vocabulary enters through weights alone.
        examples += examples_from(silver, args.folds, args.seed)[0]
    cohesion = cohesion_table(Path(args.data) / args.unlabelled, args.min_count, args.limit)
    weights = train(examples, lexicons, cohesion, args.epochs, args.seed)
    model = SegmenterModel(
        weights=weights, lexicon=frozenset(set().union(*lexicons)), cohesion=cohesion
    )
    print(
        f"sentences={len(sentences)} runs={len(examples)} features={len(weights)} "
        f"lexicon={len(model.lexicon)} cohesion={len(cohesion)}"
    )
    if args.eval_on == "dev":
        scores = evaluate(model, dev_sents)
        print(
            "dev "
            + " ".join(
                f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()
            )
        )
    if args.final:
        with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
            json.dump(model.to_json(), handle, ensure_ascii=False, separators=(",", ":"))
        print(f"wrote {args.out} ({Path(args.out).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
