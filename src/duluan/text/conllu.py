"""Read word-segmented sentences from CoNLL-U files (UD-VTB) for training and evaluation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["read_conllu_words", "word_f1", "word_spans"]


def read_conllu_words(path: str | Path) -> Iterator[list[str]]:
    """Yield each sentence of a CoNLL-U file as its list of word forms.

    UD-VTB writes a multi-syllable word with its inner spaces in FORM ("bắt chuyện"),
    so each form is one gold word. Multi-word token ranges ("3-4") and empty nodes
    ("5.1") are skipped: FORM of the word lines already covers the text.
    """
    words: list[str] = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
                continue
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 2 or not fields[0].isdigit():
                continue
            form = " ".join(fields[1].split())
            if form:
                words.append(form)
    if words:
        yield words


def word_spans(words: list[str]) -> set[tuple[int, int]]:
    """Spans of `words` counted in non-space characters, so any tokenisation compares."""
    spans: set[tuple[int, int]] = set()
    position = 0
    for word in words:
        length = sum(1 for ch in word if not ch.isspace())
        if length:
            spans.add((position, position + length))
            position += length
    return spans


def word_f1(
    gold: list[set[tuple[int, int]]], predicted: list[set[tuple[int, int]]]
) -> dict[str, float]:
    """Precision, recall and F1 of predicted word spans against gold, over all sentences."""
    correct = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in predicted)
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": n_gold, "predicted": n_pred}
