"""Long texts read as passages of the length the concern model was trained on.

The complaint and concern model's stack and gold unit learned from hand-labelled texts of
at most 68 words (news sentences, posts, comments), and some of its inputs grow with a
text's length (the lexicon's summed markers, the length feature). Read whole, a news
article of 400 words looked like a complaint to it: 72 % of VNTC's sport, culture, computing and world articles did. A text
longer than PASSAGE_WORDS is therefore cut into passages of whole sentences (a sentence
longer than that into runs of words), each is scored on its own, and the text's
probabilities are the mean of its passages' weighted by their words, the first passage's
words counted twice: the title and lead say what an article is about. Weighting by words
keeps a short last passage ("Xin cảm ơn.") from counting as much as a full one. Shorter
texts are read whole, as before.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["PASSAGE_WORDS", "LEAD_WEIGHT", "split_passages", "passage_weights"]

PASSAGE_WORDS = 70  # the longest hand-labelled text has 68 words
LEAD_WEIGHT = 2.0  # the first passage's (title and lead) words count this many times

# A sentence ends at . ! ? … followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")


def split_passages(text: str, limit: int = PASSAGE_WORDS) -> list[str]:
    """`text` itself when it has at most `limit` words, else its passages: consecutive
    whole sentences of at most `limit` words together."""
    if len(text.split()) <= limit:
        return [text]
    found: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        # A sentence too long for one passage is cut into runs of `limit` words.
        for start in range(0, len(words), limit):
            part = words[start : start + limit]
            if current and len(current) + len(part) > limit:
                found.append(" ".join(current))
                current = []
            current.extend(part)
    if current:
        found.append(" ".join(current))
    return found


def passage_weights(passages: list[str]) -> np.ndarray:
    """Weights of a text's passages, summing to 1: each passage's words, the first
    passage's counted LEAD_WEIGHT times."""
    weights = np.array([max(len(p.split()), 1) for p in passages], dtype=float)
    if len(weights) > 1:
        weights[0] *= LEAD_WEIGHT
    return weights / weights.sum()
