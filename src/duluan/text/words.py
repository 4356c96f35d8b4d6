"""Word segmentation: group syllables into words ("hội nghị", "Thành phố Hồ Chí Minh").

Vietnamese writes spaces between syllables, not words, so "hội nghị" (conference) is
two tokens that make one word. The segmenter decides, for each space between two word
syllables, whether it joins them or separates two words: a linear model (averaged
perceptron, trained by `scripts/train_segmenter.py` on UD-VTB) over the syllables around
the space, their shapes, the previous decision and a lexicon of multi-syllable words.
Decoding is greedy, left to right. For speed the model is compiled to integer tables and
every space of a batch of texts is scored at once in numpy (`segment_batch`); a test
holds its decisions equal to the plain per-feature scoring used in training. The
measured F1 and speed against underthesea and pyvi are in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .token_table import WORD_KIND, TokenTable, kind_mask
from .tokens import Token, tokenize

_new_token = tuple.__new__

__all__ = [
    "MODEL_NAME",
    "SegmenterModel",
    "boundary_features",
    "load_segmenter",
    "segment",
    "segment_batch",
    "segment_table",
    "segment_tokens",
    "segment_words",
]

MODEL_NAME = "segmenter-vi.json.gz"
MAX_LEXICON_WORD = 4  # longest lexicon entry (in syllables) the features look at
_SHAPES = "lCUax$"  # shape codes 0-4 as syllable_shape gives them; 5 ("$") ends a run
_WEIGHT_SCALE = 10_000  # the model stores weights rounded to 4 decimals


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
    _compiled: list[_Tables] = field(default_factory=list, repr=False, compare=False)

    def tables(self) -> _Tables:
        """The model compiled to integer arrays for batch scoring (built once, on first use)."""
        if not self._compiled:
            self._compiled.append(_Tables(self))
        return self._compiled[0]

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


def _lookup(keys: np.ndarray, queries: np.ndarray, sieve: np.ndarray | None = None) -> np.ndarray:
    """Row of each query in the sorted `keys`, or len(keys) (the all-zero row) if absent.

    With a `sieve` of the keys (`_sieve`), only the queries it lets through are searched:
    most triples and 4-grams of a text are in no table, and a binary search in a table of
    80,000 keys costs more than one look at a bit.
    """
    if sieve is None:
        rows = np.searchsorted(keys, queries)
        found = keys[np.minimum(rows, len(keys) - 1)] == queries
        return np.where(found, rows, len(keys))
    rows = np.full(len(queries), len(keys))
    maybe = np.flatnonzero(sieve[_sieve_slot(queries)])
    if len(maybe) and len(keys):
        wanted = queries[maybe]
        at = np.searchsorted(keys, wanted)
        found = keys[np.minimum(at, len(keys) - 1)] == wanted
        rows[maybe[found]] = at[found]
    return rows


_SIEVE_BITS = 20  # a 1 MB table of flags per sieve


def _sieve_slot(values: np.ndarray, bits: int = _SIEVE_BITS) -> np.ndarray:
    """A slot below 2**bits for each int64 value (Fibonacci hashing: a product's top bits)."""
    with np.errstate(over="ignore"):
        spread = values.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (spread >> np.uint64(64 - bits)).astype(np.intp)


def _sieve(keys: np.ndarray) -> np.ndarray:
    """Flags for `_lookup`: a key's slot is always set, so no key is ever missed."""
    flags = np.zeros(1 << _SIEVE_BITS, bool)
    flags[_sieve_slot(keys)] = True
    return flags


_MAX_PROBES = 64


class _KeyTable:
    """Rows of int64 keys found by hashing (open addressing, linear probing) instead of a
    binary search: the pair table holds 290,000 keys, where a binary search costs about
    18 cache misses a query and a hash table one or two (3-4x faster on a batch).

    Answers exactly as `_lookup` does: the row of a key, len(keys) for any other value.
    """

    def __init__(self, keys: np.ndarray) -> None:
        self.size = len(keys)
        bits = max(4, (3 * self.size).bit_length())  # at most a third of the slots used
        while not self._fill(keys, bits):
            bits += 1  # a probe sequence ran too long: twice the slots, fill again

    def _fill(self, keys: np.ndarray, bits: int) -> bool:
        """Put every key in the table of 2**bits slots; False if one would land too far."""
        size = self.size
        self.bits = bits
        # Packed keys are never negative, so -1 marks an empty slot; probes run on past the
        # last slot instead of wrapping, into room kept for the longest probe sequence.
        self.keys = np.full((1 << bits) + _MAX_PROBES, -1, np.int64)
        self.rows = np.full((1 << bits) + _MAX_PROBES, size, np.int32)
        home = _sieve_slot(keys, bits)
        pending = np.arange(size)
        probe = 0
        while len(pending):
            if probe >= _MAX_PROBES:
                return False
            slot = home[pending] + probe
            free = np.flatnonzero(self.keys[slot] == -1)
            # Of several keys wanting one free slot, the first takes it; the rest probe on.
            taken, first = np.unique(slot[free], return_index=True)
            self.keys[taken] = keys[pending[free[first]]]
            self.rows[taken] = pending[free[first]]
            placed = np.zeros(len(pending), bool)
            placed[free[first]] = True
            pending = pending[~placed]
            probe += 1
        self.probes = probe  # no key sits further than this from its home slot
        return True

    def rows_of(self, queries: np.ndarray) -> np.ndarray:
        """The row of each query, or len(keys) when it is not a key."""
        rows = np.full(len(queries), self.size, np.int32)
        slot = _sieve_slot(queries, self.bits)
        active = np.arange(len(queries))
        for probe in range(self.probes):
            at = slot[active] + probe
            stored = self.keys[at]
            hit = stored == queries[active]
            rows[active[hit]] = self.rows[at[hit]]
            # An empty slot ends the search: the key would have been put there.
            active = active[~hit & (stored != -1)]
            if not len(active):
                break
        return rows


class _Tables:
    """A `SegmenterModel` as integer arrays: every space of a batch scored in one numpy pass.

    Syllables get integer ids; pairs, triples and lexicon 4-grams of ids are packed into one
    int64 each and found with `np.searchsorted`; templates over shapes and cohesion buckets
    become small dense tables, filled by asking `weights` for the very feature names that
    `boundary_features` builds. Weights are scaled to integers, so a score is an exact sum.
    Both scores of a space (previous space joined or not) are computed, and the greedy
    left-to-right decoding then only has to pick one per space, which numpy does too.
    """

    def __init__(self, model: SegmenterModel) -> None:
        get = model.weights.get

        def w(name: str) -> int:
            return round(get(name, 0.0) * _WEIGHT_SCALE)

        # 1. Feature names by template ("ab=hội nghị" → "ab", "hội nghị"); "ja" and "jb"
        #    carry the previous decision as their first letter ("ja=Jhội" → "jaJ", "hội").
        args: dict[str, list[str]] = defaultdict(list)
        scaled: dict[str, list[float]] = defaultdict(list)
        for name, value in model.weights.items():
            template, _, arg = name.partition("=")
            if template in ("ja", "jb"):
                template, arg = template + arg[:1], arg[1:]
            args[template].append(arg)
            scaled[template].append(value)
        lexicon: dict[int, list[str]] = defaultdict(list)
        for entry in model.lexicon:
            lexicon[len(entry)].append(" ".join(entry))

        # 2. One id per syllable that any feature, lexicon entry or cohesion pair names.
        spans = [*args.values(), *lexicon.values(), list(model.cohesion)]
        syllables = set(" ".join(" ".join(group) for group in spans if group).split(" "))
        ids: dict[str, int] = {"\x00": 0, "<s>": 1, "</s>": 2}  # 0: never seen by the model
        for syllable in sorted(syllables - set(ids)):
            ids[syllable] = len(ids)
        self.ids = ids
        self.bits = max(1, (len(ids) - 1).bit_length())
        self.packable = 4 * self.bits <= 62  # a 4-gram of ids must fit in an int64
        bits = self.bits

        def packed(strings: list[str], width: int) -> np.ndarray:
            """Space-separated n-grams of syllables as one int64 each."""
            if not strings:
                return np.empty(0, np.int64)
            grid = np.array([ids[x] for x in " ".join(strings).split(" ")], np.int64)
            grid = grid.reshape(-1, width)
            key = grid[:, 0].copy()
            for column in range(1, width):
                key = (key << bits) | grid[:, column]
            return key

        def weights_of(template: str) -> np.ndarray:
            return np.rint(np.array(scaled[template], np.float64) * _WEIGHT_SCALE).astype(np.int64)

        size = len(ids)
        self.a = np.zeros(size, np.int64)
        self.b = np.zeros(size, np.int64)
        self.ja = np.zeros((2, size), np.int64)  # [S, J]
        self.jb = np.zeros((2, size), np.int64)
        self.a[packed(args["a"], 1)] = weights_of("a")
        self.b[packed(args["b"], 1)] = weights_of("b")
        for j, letter in enumerate("SJ"):
            self.ja[j, packed(args["ja" + letter], 1)] = weights_of("ja" + letter)
            self.jb[j, packed(args["jb" + letter], 1)] = weights_of("jb" + letter)

        # Cohesion codes (PMI bucket * 16 + count bucket) and their buckets, "-" when absent.
        codes = max(model.cohesion.values(), default=0) + 2
        names = ["-"] + [str(c >> 4) for c in range(codes - 1)]
        counts = ["-"] + [str(c & 15) for c in range(codes - 1)]
        bucket_names = list(dict.fromkeys(names))
        self.bucket = np.array([bucket_names.index(n) for n in names], np.int64)
        code_weight = np.array(
            [
                w("Cab=" + c) + w("Nab=" + n) + w("CNab=" + c + "/" + n)
                for c, n in zip(names, counts, strict=True)
            ],
            np.int64,
        )
        self.cabj = np.array([[w("Cabj=" + c + j) for c in names] for j in "SJ"], np.int64)
        self.cabsh = np.array(
            [
                [w("Cabsh=" + c + sa + sb) for sa in _SHAPES[:5] for sb in _SHAPES[:5]]
                for c in names
            ],
            np.int64,
        )
        self.cabbc = np.array(
            [[w("Cabbc=" + x + "/" + y) for y in bucket_names] for x in bucket_names], np.int64
        )
        self.cpaab = np.array(
            [[w("Cpaab=" + x + "/" + y) for y in bucket_names] for x in bucket_names], np.int64
        )
        # Shapes: sh and shx share one table over (s0, sa, sb, s3); shj depends on j.
        self.shape = np.zeros((6, 5, 5, 6), np.int64)
        for s0, x in enumerate(_SHAPES):
            for sa, y in enumerate(_SHAPES[:5]):
                for sb, z in enumerate(_SHAPES[:5]):
                    for s3, t in enumerate(_SHAPES):
                        self.shape[s0, sa, sb, s3] = w("sh=" + y + z) + w("shx=" + x + y + z + t)
        self.shj = np.array(
            [[w("shj=" + y + z + j) for y in _SHAPES[:5] for z in _SHAPES[:5]] for j in "SJ"],
            np.int64,
        )
        self.bias = w("bias")

        # 3. Pairs and triples: one sorted table of packed keys each, one column per use
        #    (the last row, all zeros, stands for an absent key).
        def table(
            parts: list[tuple[np.ndarray, int, np.ndarray]], columns: int
        ) -> tuple[np.ndarray, np.ndarray]:
            keys, rows = np.unique(np.concatenate([k for k, _, _ in parts]), return_inverse=True)
            values = np.zeros((len(keys) + 1, columns), np.int64)
            start = 0
            for part_keys, column, part_values in parts:
                values[rows[start : start + len(part_keys)], column] = part_values
                start += len(part_keys)
            return keys, values.T

        cohesion = np.array(list(model.cohesion.values()), np.int64) + 1  # 0: no statistic
        self.pair_keys, (ab, pa, bc, in_lexicon, code) = table(
            [
                (packed(args["ab"], 2), 0, weights_of("ab")),
                (packed(args["pa"], 2), 1, weights_of("pa")),
                (packed(args["bc"], 2), 2, weights_of("bc")),
                (packed(lexicon[2], 2), 3, np.ones(len(lexicon[2]), np.int64)),
                (packed(list(model.cohesion), 2), 4, cohesion),
            ],
            5,
        )
        self.pair_code = code
        self.pair_ab = ab + code_weight[code] + w("L2") * in_lexicon
        self.pair_pa = np.stack([pa + w("LpaS") * in_lexicon, pa + w("LpaJ") * in_lexicon])
        self.pair_bc = bc + w("Lbc") * in_lexicon

        self.triple_keys, (pab, abc, in_lexicon) = table(
            [
                (packed(args["pab"], 3), 0, weights_of("pab")),
                (packed(args["abc"], 3), 1, weights_of("abc")),
                (packed(lexicon[3], 3), 2, np.ones(len(lexicon[3]), np.int64)),
            ],
            3,
        )
        self.triple_pab = pab + w("L3p") * in_lexicon
        self.triple_abc = abc + w("L3c") * in_lexicon

        self.quad_keys = (
            np.unique(packed(lexicon[4], 4)) if self.packable else np.empty(0, np.int64)
        )
        self.quad_p = np.array([w("L4p")] * len(self.quad_keys) + [0], np.int64)
        self.quad_c = np.array([w("L4c")] * len(self.quad_keys) + [0], np.int64)
        # Pairs are mostly found (a sieve would not pay): a hash table instead of a binary
        # search; triples and 4-grams are mostly not found, and a sieve turns them away.
        self.pair_table = _KeyTable(self.pair_keys)
        self.triple_sieve = _sieve(self.triple_keys)
        self.quad_sieve = _sieve(self.quad_keys)
        self._narrow_weights()
        self._codes: dict[str, int] = {}  # syllable as written → id * 8 + shape

    # The tables `decide` adds up for a score, each read once per space.
    _WEIGHT_TABLES = (
        "a", "b", "ja", "jb", "pair_ab", "pair_bc", "pair_pa", "triple_pab", "triple_abc",
        "shape", "cabsh", "cabbc", "cpaab", "quad_p", "quad_c", "cabj", "shj",
    )  # fmt: skip

    def _narrow_weights(self) -> None:
        """Weights as int32 when no score can leave int32's range: the same exact sums,
        and half the bytes to gather from the large pair and triple tables."""
        tables = [getattr(self, name) for name in self._WEIGHT_TABLES]
        largest = abs(self.bias) + sum(int(np.abs(t).max(initial=0)) for t in tables)
        if largest < 2**31:
            for name, t in zip(self._WEIGHT_TABLES, tables, strict=True):
                setattr(self, name, t.astype(np.int32))

    def code(self, syllable: str) -> int:
        """Id and shape of a syllable as written, packed in one int (cached)."""
        code = self._codes.get(syllable)
        if code is None:
            if len(self._codes) > 500_000:  # an open vocabulary: keep memory bounded
                self._codes.clear()
            code = self.ids.get(syllable.lower(), 0) * 8 + _SHAPES.index(syllable_shape(syllable))
            self._codes[syllable] = code
        return code

    def decide(self, codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Join decisions for the spaces of the runs in `codes`, in order.

        `codes` holds the packed syllables of all runs end to end, `starts` marks the first
        syllable of each run; the answer has one entry per syllable that is not a first.
        """
        bits = self.bits
        words = len(codes)
        run = np.cumsum(starts) - 1
        # Each run gets "<s>" before and "</s>" after it, and the whole a pad at each end,
        # so every feature window of boundary_features is a slice of one array.
        position = np.arange(words) + 2 * run + 2
        size = words + 2 * (int(run[-1]) + 1) + 2
        ids = np.full(size, 2, np.int64)
        shapes = np.full(size, 5, np.int64)
        ids[position] = codes >> 3
        shapes[position] = codes & 7
        first = position[starts]
        ids[first - 1] = 1
        shapes[first - 1] = shapes[first]  # shx looks at the first syllable for i == 1

        # Windows: a at position - 1 of each non-first syllable b.
        b = position[~starts]
        a = b - 1
        pair = self.pair_table.rows_of((ids[:-1] << bits) | ids[1:])  # pair[k] = (k, k+1)
        triple = _lookup(
            self.triple_keys,
            (ids[:-2] << 2 * bits) | (ids[1:-1] << bits) | ids[2:],
            self.triple_sieve,
        )
        ab, pa, bc = pair[a], pair[a - 1], pair[b]
        code_ab = self.pair_code[ab]
        sa, sb = shapes[a], shapes[b]
        score = (
            self.bias + self.a[ids[a]] + self.b[ids[b]]
            + self.pair_ab[ab] + self.pair_bc[bc]
            + self.triple_pab[triple[a - 1]] + self.triple_abc[triple[a]]
            + self.shape[shapes[a - 1], sa, sb, shapes[b + 1]]
            + self.cabsh[code_ab, sa * 5 + sb]
            + self.cabbc[self.bucket[code_ab], self.bucket[self.pair_code[bc]]]
            + self.cpaab[self.bucket[self.pair_code[pa]], self.bucket[code_ab]]
        )  # fmt: skip
        if len(self.quad_keys):
            quad = _lookup(
                self.quad_keys,
                (ids[:-3] << 3 * bits) | (ids[1:-2] << 2 * bits) | (ids[2:-1] << bits) | ids[3:],
                self.quad_sieve,
            )
            score += self.quad_p[quad[a - 2]] + self.quad_c[quad[a]]
        shape_pair = sa * 5 + sb
        after_split, after_join = (
            score + self.ja[j, ids[a]] + self.jb[j, ids[b]] + self.cabj[j, code_ab]
            + self.shj[j, shape_pair] + self.pair_pa[j, pa]
            for j in (0, 1)
        )  # fmt: skip

        # Greedy decoding: where both scores agree, or at the first space of a run (always
        # "after a split"), the decision is fixed; elsewhere it copies or flips the one
        # before, so it is the last fixed decision XOR the number of flips since.
        join_s = after_split > 0
        join_j = after_join > 0
        first_space = ids[a - 1] == 1  # a is the first syllable of its run: "<s>" before it
        fixed = first_space | (join_s == join_j)
        flips = np.cumsum(~fixed & join_s)
        index = np.arange(len(b))
        last_fixed = np.maximum.accumulate(np.where(fixed, index, 0))
        return join_s[last_fixed] ^ ((flips - flips[last_fixed]) & 1).astype(bool)


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


_WORD_KIND = kind_mask(["word"])


def _join_flags(table: TokenTable, texts: Sequence[str], model: SegmenterModel) -> np.ndarray:
    """For each token of the batch (`table.flat`, text i at offsets[i]:offsets[i + 1]): does
    it continue the word of the token before it?"""
    tables = model.tables()
    flat, offsets = table.flat, table.offsets
    if not tables.packable:  # a vocabulary too large for packed ids: score run by run
        return np.array(
            [
                flag
                for i, text in enumerate(texts)
                for flag in _join_flags_by_runs(flat[offsets[i] : offsets[i + 1]], text, model)
            ],
            bool,
        )
    # 1. Each token's syllable code, once per distinct text; -1 for a token not a word.
    codes = table.codes(_WORD_KIND, tables._codes, tables.code, -1)
    # 2. Runs: word tokens that follow a word token of the same text and line.
    is_word = codes >= 0
    continues = np.zeros(len(flat) + 1, bool)  # one more: an empty last text starts there
    continues[1:-1] = is_word[1:] & is_word[:-1]
    continues[offsets] = False
    for i, text in enumerate(texts):
        if "\n" in text:
            for k in range(offsets[i] + 1, offsets[i + 1]):
                if continues[k] and "\n" in text[flat[k - 1][2] : flat[k][1]]:
                    continues[k] = False
    # 3. Score and decide every space inside a run at once.
    flags = np.zeros(len(flat), bool)
    words = np.flatnonzero(is_word)
    if len(words):
        starts = ~continues[words]
        flags[words[~starts]] = tables.decide(codes[words], starts)
    return flags


def _join_flags_by_runs(tokens: Sequence[Token], text: str, model: SegmenterModel) -> list[bool]:
    flags = [False] * len(tokens)
    run: list[int] = []

    def flush() -> None:
        if len(run) > 1:
            low = [tokens[k].text.lower() for k in run]
            shapes = [syllable_shape(tokens[k].text) for k in run]
            for k, join in zip(run[1:], model.joins(low, shapes), strict=True):
                flags[k] = join
        run.clear()

    for k, token in enumerate(tokens):
        if token.kind != "word":
            flush()
            continue
        if run and "\n" in text[tokens[run[-1]].end : token.start]:
            flush()
        run.append(k)
    flush()
    return flags


def _batch_words(table: TokenTable, texts: Sequence[str], flags: np.ndarray) -> TokenTable:
    """The words of the batch from its tokens and their join flags, as a table whose ids
    go on from the tokens' (the features code a text once, word or syllable)."""
    flat = table.flat
    heads = np.flatnonzero(~flags)  # first token of each word; a text's first token is one
    ends = np.append(heads[1:], len(flat)) if len(heads) else heads
    # A one-syllable word is its token, with its text's id; only longer words are new.
    words = list(map(flat.__getitem__, heads.tolist()))
    ids, kinds = table.ids[heads], table.kinds[heads]
    longer = np.flatnonzero(ends - heads > 1)
    owner = np.searchsorted(table.offsets, heads[longer], side="right") - 1
    new_texts: dict[str, int] = {}
    first_new = len(table.texts)
    new_ids = []
    for w, first, last, i in zip(
        longer.tolist(),
        heads[longer].tolist(),
        (ends[longer] - 1).tolist(),
        owner.tolist(),
        strict=True,
    ):
        start, end = flat[first][1], flat[last][2]
        text = texts[i][start:end]
        words[w] = _new_token(Token, (text, start, end, "word"))
        new_ids.append(new_texts.setdefault(text, first_new + len(new_texts)))
    ids[longer] = new_ids
    kinds[longer] = WORD_KIND
    cuts = np.searchsorted(heads, table.offsets).tolist()
    return TokenTable(words, cuts, [*table.texts, *new_texts], ids, kinds)


def segment_batch(
    texts: Sequence[str],
    tokens: Sequence[Sequence[Token]] | None = None,
    model: SegmenterModel | None = None,
) -> list[list[Token]]:
    """`segment_words` of many texts at once, from their tokens if already made.

    One numpy pass scores every space of the batch, so batches of hundreds of texts are
    several times faster than one call per text.
    """
    token_lists = [tokenize(text) for text in texts] if tokens is None else tokens
    if len(token_lists) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(token_lists)} token lists")
    return segment_table(texts, TokenTable.of(token_lists), model).lists()


def segment_table(
    texts: Sequence[str], table: TokenTable, model: SegmenterModel | None = None
) -> TokenTable:
    """`segment_batch` from and to a `TokenTable`: the language core makes the tokens'
    table once for the segmenter and the features, and the features read the words' too."""
    flags = _join_flags(table, texts, model or _packaged_model())
    return _batch_words(table, texts, flags)


def segment_tokens(
    tokens: Sequence[Token], text: str, model: SegmenterModel | None = None
) -> list[list[Token]]:
    """Group `tokens` of `text` into words: runs of word syllables split by the model."""
    groups: list[list[Token]] = []
    flags = _join_flags(TokenTable.of([tokens]), [text], model or _packaged_model()).tolist()
    for token, join in zip(tokens, flags, strict=True):
        if join:
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def segment_words(text: str, model: SegmenterModel | None = None) -> list[Token]:
    """The words of `text` as tokens: text as written, span, kind of the first syllable."""
    return segment_batch([text], model=model)[0]


def segment(
    text: str, *, underscore: bool = False, model: SegmenterModel | None = None
) -> list[str]:
    """The words of `text` ("hội nghị"), or with "_" between syllables if `underscore`."""
    words = segment_tokens(tokenize(text), text, model)
    if underscore:
        return ["_".join(t.text for t in group) for group in words]
    # The text as written, inner whitespace tidied: "TP.HCM" stays whole, "hội  nghị" too.
    return [" ".join(text[group[0].start : group[-1].end].split()) for group in words]
