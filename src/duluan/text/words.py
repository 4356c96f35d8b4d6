"""Word segmentation: group syllables into words ("hội nghị", "Thành phố Hồ Chí Minh").

Vietnamese writes spaces between syllables, not words, so "hội nghị" (conference) is
two tokens that make one word. The segmenter decides, for each space between two word
syllables, whether it joins them or separates two words: a linear model (averaged
perceptron, trained by `scripts/train_segmenter.py` on UD-VTB) over the syllables around
the space, their shapes, the previous decision and a lexicon of multi-syllable words.
Greedy left-to-right decoding with a dictionary lookup per feature keeps it fast; the
measured F1 and speed against underthesea and pyvi are in benchmarks/RESULTS-language.md.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .tokens import Token, tokenize

__all__ = [
    "MODEL_NAME",
    "SegmenterModel",
    "boundary_features",
    "load_segmenter",
    "segment",
    "segment_tokens",
    "segment_words",
]

MODEL_NAME = "segmenter-vi.json.gz"
MAX_LEXICON_WORD = 4  # longest lexicon entry (in syllables) the features look at


def syllable_shape(syllable: str) -> str:
    """A coarse shape: U(PPER), C(apitalised), l(ower), a(bbreviation with a dot), x(other)."""
    if syllable.endswith("."):
        return "a"
    if syllable.islower():
        return "l"
    if syllable.isupper():
        return "U" if len(syllable) > 1 else "C"
    if syllable[0].isupper() and syllable[1:].islower():
        return "C"
    return "x"


def boundary_features(
    low: Sequence[str],
    shapes: Sequence[str],
    i: int,
    joined_before: bool,
    lexicon: frozenset[tuple[str, ...]] | set[tuple[str, ...]],
    cohesion: dict[str, int],
) -> list[str]:
    """Feature names for the space between syllables i-1 and i of one run (lower-cased)."""
    a, b = low[i - 1], low[i]
    p = low[i - 2] if i >= 2 else "<s>"
    c = low[i + 1] if i + 1 < len(low) else "</s>"
    sa, sb = shapes[i - 1], shapes[i]
    j = "J" if joined_before else "S"
    ab, pa, bc = a + " " + b, p + " " + a, b + " " + c
    # Cohesion of each pair in unlabelled news (see _cohesion_code): the pair in the
    # middle against its neighbours, so "thủ phạm" can join though UD-VTB never saw it.
    code = cohesion.get(ab, -1)
    c_ab = str(code >> 4) if code >= 0 else "-"
    n_ab = str(code & 15) if code >= 0 else "-"
    code = cohesion.get(pa, -1)
    c_pa = str(code >> 4) if code >= 0 else "-"
    code = cohesion.get(bc, -1)
    c_bc = str(code >> 4) if code >= 0 else "-"
    features = [
        "bias",
        "a=" + a,
        "b=" + b,
        "ab=" + ab,
        "pa=" + pa,
        "bc=" + bc,
        "Cab=" + c_ab,
        "Nab=" + n_ab,
        "CNab=" + c_ab + "/" + n_ab,
        "Cabj=" + c_ab + j,
        "Cabbc=" + c_ab + "/" + c_bc,
        "Cpaab=" + c_pa + "/" + c_ab,
        "Cabsh=" + c_ab + sa + sb,
        "pab=" + p + " " + a + " " + b,
        "abc=" + a + " " + b + " " + c,
        "sh=" + sa + sb,
        "shj=" + sa + sb + j,
        "shx="
        + shapes[i - 2 if i >= 2 else i - 1]
        + sa
        + sb
        + (shapes[i + 1] if i + 1 < len(shapes) else "$"),
        "jb=" + j + b,
        "ja=" + j + a,
    ]
    # The lexicon says which spans could be words; the weights learn how far to trust it.
    if (a, b) in lexicon:
        features.append("L2")
    if i >= 2 and (p, a, b) in lexicon:
        features.append("L3p")
    if i + 1 < len(low) and (a, b, c) in lexicon:
        features.append("L3c")
    if i >= 2 and (p, a) in lexicon:
        features.append("Lpa" + j)
    if i + 1 < len(low) and (b, c) in lexicon:
        features.append("Lbc")
    if i >= 3 and (low[i - 3], p, a, b) in lexicon:
        features.append("L4p")
    if i + 2 < len(low) and (a, b, c, low[i + 2]) in lexicon:
        features.append("L4c")
    return features


@dataclass(frozen=True)
class SegmenterModel:
    """Weights of the join-or-split classifier and the lexicon of multi-syllable words."""

    weights: dict[str, float]
    lexicon: frozenset[tuple[str, ...]]
    # "a b" → (PMI bucket + 3) * 16 + log2 count bucket, from unlabelled news.
    cohesion: dict[str, int]
    _pair_cache: dict[tuple[str, str, str, str], float] = field(
        default_factory=dict, repr=False, compare=False
    )

    def joins(self, low: Sequence[str], shapes: Sequence[str]) -> list[bool]:
        """For each space between consecutive syllables of a run: does it join them?

        Scores exactly the features of `boundary_features` (a test holds them equal), but
        looks each pair up once and caches the part of the score that depends on the pair
        alone, since the same pairs ("của các", "cho biết") recur in every document.
        """
        weights, lexicon, cohesion, cache = (
            self.weights,
            self.lexicon,
            self.cohesion,
            self._pair_cache,
        )
        get = weights.get
        n = len(low)
        padded = ["<s>", *low, "</s>"]
        pairs = [
            padded[k] + " " + padded[k + 1] for k in range(n + 1)
        ]  # pairs[i] = low[i-1] low[i]
        codes = [cohesion.get(pair, -1) for pair in pairs]
        buckets = [str(code >> 4) if code >= 0 else "-" for code in codes]
        in_lexicon = [k > 0 and k < n and (low[k - 1], low[k]) in lexicon for k in range(n + 1)]
        decisions: list[bool] = []
        joined = False
        for i in range(1, n):
            j = "J" if joined else "S"
            a, b, sa, sb = low[i - 1], low[i], shapes[i - 1], shapes[i]
            key = (pairs[i], sa, sb, j)
            score = cache.get(key)
            if score is None:
                c_ab, code = buckets[i], codes[i]
                n_ab = str(code & 15) if code >= 0 else "-"
                score = (
                    get("bias", 0.0) + get("a=" + a, 0.0) + get("b=" + b, 0.0)
                    + get("ab=" + pairs[i], 0.0) + get("Cab=" + c_ab, 0.0) + get("Nab=" + n_ab, 0.0)
                    + get("CNab=" + c_ab + "/" + n_ab, 0.0) + get("Cabj=" + c_ab + j, 0.0)
                    + get("Cabsh=" + c_ab + sa + sb, 0.0) + get("sh=" + sa + sb, 0.0)
                    + get("shj=" + sa + sb + j, 0.0) + get("jb=" + j + b, 0.0) + get("ja=" + j + a, 0.0)
                    + (get("L2", 0.0) if in_lexicon[i] else 0.0)
                )  # fmt: skip
                if len(cache) > 200_000:  # bounded: a stream has an open vocabulary
                    cache.clear()
                cache[key] = score
            p = padded[i - 1]
            c = padded[i + 2]
            score += (
                get("pa=" + pairs[i - 1], 0.0) + get("bc=" + pairs[i + 1], 0.0)
                + get("pab=" + p + " " + pairs[i], 0.0) + get("abc=" + pairs[i] + " " + c, 0.0)
                + get("shx=" + shapes[i - 2 if i >= 2 else i - 1] + sa + sb + (shapes[i + 1] if i + 1 < n else "$"), 0.0)
                + get("Cabbc=" + buckets[i] + "/" + buckets[i + 1], 0.0)
                + get("Cpaab=" + buckets[i - 1] + "/" + buckets[i], 0.0)
            )  # fmt: skip
            if i >= 2:
                if (p, a, b) in lexicon:
                    score += get("L3p", 0.0)
                if in_lexicon[i - 1]:
                    score += get("Lpa" + j, 0.0)
                if i >= 3 and (low[i - 3], p, a, b) in lexicon:
                    score += get("L4p", 0.0)
            if i + 1 < n:
                if (a, b, c) in lexicon:
                    score += get("L3c", 0.0)
                if in_lexicon[i + 1]:
                    score += get("Lbc", 0.0)
                if i + 2 < n and (a, b, c, low[i + 2]) in lexicon:
                    score += get("L4c", 0.0)
            joined = score > 0.0
            decisions.append(joined)
        return decisions

    def joins_reference(self, low: Sequence[str], shapes: Sequence[str]) -> list[bool]:
        """`joins` written plainly over `boundary_features`, as in training; for tests."""
        decisions: list[bool] = []
        joined = False
        for i in range(1, len(low)):
            features = boundary_features(low, shapes, i, joined, self.lexicon, self.cohesion)
            joined = sum(self.weights.get(f, 0.0) for f in features) > 0.0
            decisions.append(joined)
        return decisions

    @classmethod
    def from_json(cls, data: dict) -> SegmenterModel:
        lexicon = frozenset(tuple(entry.split(" ")) for entry in data["lexicon"])
        return cls(weights=dict(data["weights"]), lexicon=lexicon, cohesion=dict(data["cohesion"]))

    def to_json(self) -> dict:
        return {
            "format": "duluan-segmenter/1",
            "weights": dict(sorted(self.weights.items())),
            "lexicon": sorted(" ".join(entry) for entry in self.lexicon),
            "cohesion": dict(sorted(self.cohesion.items())),
        }


def load_segmenter(path: str | Path | None = None) -> SegmenterModel:
    """Load a segmenter from gzip JSON; the packaged model when `path` is None."""
    if path is None:
        return _packaged_model()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return SegmenterModel.from_json(json.load(handle))


@lru_cache(maxsize=1)
def _packaged_model() -> SegmenterModel:
    resource = resources.files("duluan.models").joinpath(MODEL_NAME)
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return SegmenterModel.from_json(json.load(handle))


def segment_tokens(
    tokens: Sequence[Token], text: str, model: SegmenterModel | None = None
) -> list[list[Token]]:
    """Group `tokens` of `text` into words: runs of word syllables split by the model."""
    model = model or _packaged_model()
    groups: list[list[Token]] = []
    run: list[Token] = []

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            groups.append(run[:])
        else:
            low = [t.text.lower() for t in run]
            shapes = [syllable_shape(t.text) for t in run]
            current = [run[0]]
            for token, join in zip(run[1:], model.joins(low, shapes), strict=True):
                if join:
                    current.append(token)
                else:
                    groups.append(current)
                    current = [token]
            groups.append(current)
        run.clear()

    for token in tokens:
        # A run is word syllables on one line; anything else is a word by itself.
        if token.kind == "word" and (not run or "\n" not in text[run[-1].end : token.start]):
            run.append(token)
            continue
        flush()
        if token.kind == "word":
            run.append(token)
        else:
            groups.append([token])
    flush()
    return groups


def segment_words(text: str, model: SegmenterModel | None = None) -> list[Token]:
    """The words of `text` as tokens: text as written, span, kind of the first syllable."""
    return [
        Token(text[group[0].start : group[-1].end], group[0].start, group[-1].end, group[0].kind)
        for group in segment_tokens(tokenize(text), text, model)
    ]


def segment(
    text: str, *, underscore: bool = False, model: SegmenterModel | None = None
) -> list[str]:
    """The words of `text` ("hội nghị"), or with "_" between syllables if `underscore`."""
    words = segment_tokens(tokenize(text), text, model)
    if underscore:
        return ["_".join(t.text for t in group) for group in words]
    # The text as written, inner whitespace tidied: "TP.HCM" stays whole, "hội  nghị" too.
    return [" ".join(text[group[0].start : group[-1].end].split()) for group in words]
