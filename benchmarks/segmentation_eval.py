"""Word F1 on UD-VTB for duluan's segmenter, underthesea's and pyvi's, in one run.

    python benchmarks/segmentation_eval.py [--data ../shared/data] [--split test]

Words are compared as spans of non-space characters, so each segmenter may tokenise
punctuation its own way; a library that is not installed is skipped with the reason.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from duluan.text.conllu import read_conllu_words, word_f1, word_spans
from duluan.text.words import segment


def _underthesea() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize

    return word_tokenize


def _pyvi() -> Callable[[str], list[str]]:
    from pyvi import ViTokenizer

    # pyvi joins the syllables of a word with "_" and separates words by spaces.
    return lambda text: [w.replace("_", " ") for w in ViTokenizer.tokenize(text).split()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    args = parser.parse_args()

    path = Path(args.data) / "segmentation" / f"ud-vtb-{args.split}.conllu"
    sentences = list(read_conllu_words(path))
    texts = [" ".join(words) for words in sentences]
    gold = [word_spans(words) for words in sentences]
    print(f"data: {path} ({len(sentences)} sentences, {sum(map(len, gold))} gold words)")

    segmenters: list[tuple[str, Callable[[], Callable[[str], list[str]]]]] = [
        ("duluan", lambda: segment),
        ("underthesea word_tokenize", _underthesea),
        ("pyvi ViTokenizer", _pyvi),
    ]
    print(f"{'segmenter':28} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8}")
    for name, load in segmenters:
        try:
            function = load()
        except ImportError as error:
            print(f"{name:28} skipped: cannot import ({error}); pip install it to compare")
            continue
        function(texts[0])  # load models outside the timing
        started = time.perf_counter()
        predicted = [word_spans(function(text)) for text in texts]
        seconds = time.perf_counter() - started
        s = word_f1(gold, predicted)
        print(f"{name:28} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f} {seconds:8.2f}")


if __name__ == "__main__":
    main()
