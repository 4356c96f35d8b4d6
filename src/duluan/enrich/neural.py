"""A small convolutional text classifier, trained with PyTorch, read in plain numpy.

Each token of a text (lower-cased, teencode expanded, numbers, dates and URLs by kind,
as in `duluan.text.features`) is looked up twice in one hashed embedding table: as
written and folded (no diacritics), and the two vectors are summed, so "ngap" shares
half its vector with "ngập". Over the token vectors:

1. convolutions of widths 1, 2 and 3 (a window running past the end of the text reads
   zero vectors), ReLU;
2. max and mean over the text's positions, for each width (the maxima of all widths,
   then the means);
3. one linear layer per domain (sentiment: "feedback": negative / neutral / positive,
   "reviews": negative / positive; toxicity: "social": clean / hate / offensive,
   "comments": clean / toxic), then a softmax with a fitted temperature.

Files: NAME.npz (int8 embeddings with one float scale per row, float16 convolution and
output weights; `np.load(allow_pickle=False)`) beside NAME.json (labels, sizes, training
data and scores). Torch is needed only by `train_cnn`, which imports it inside.

A `CnnEnsemble` reads several such CNNs (the same settings, other seeds; files NAME,
NAME-2, NAME-3, ...) as the mean of their probabilities.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import UsageError
from ..text.features import _PLACEHOLDER_KINDS
from ..text.fold import fold
from ..text.teencode import TEENCODE
from ..text.token_table import TokenTable, kind_mask
from ..text.tokens import KINDS, tokenize

__all__ = [
    "MAX_TOKENS",
    "CnnEnsemble",
    "CnnModel",
    "CnnOptions",
    "TokenIds",
    "member_path",
    "token_ids",
    "train_cnn",
]

_FORMAT = 1
_CHUNK = 128  # texts per padded block at inference
MAX_TOKENS = 128  # a review's sentiment is in its first sentences; bounds the cost


@dataclass(frozen=True)
class CnnOptions:
    """Sizes and training settings of the CNN."""

    buckets: int = 2**15  # rows of the hashed embedding table
    dim: int = 64  # embedding size
    filters: int = 64  # per convolution width
    widths: tuple[int, ...] = (1, 2, 3)
    epochs: int = 5
    batch: int = 64
    learning_rate: float = 2e-3
    dropout: float = 0.3
    fold_share: float = 0.35  # share of training texts seen without diacritics, per epoch
    holdout: float = 0.1  # seeded slice of the training data: best epoch and temperature
    # "balanced": each label's loss weighted by n / (labels * count) within its domain
    class_weight: str | None = None


@dataclass
class TokenIds:
    """The tokens of a batch laid end to end: hashed ids as written and folded."""

    written: np.ndarray  # int64, one per token
    folded: np.ndarray
    offsets: np.ndarray  # text i is written[offsets[i] : offsets[i + 1]]; every text ≥ 1 token

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray) -> TokenIds:
        """The texts `rows` of the batch, in that order (a fold of cross-validation)."""
        lengths = self.lengths()[rows]
        starts = self.offsets[:-1][rows]
        # Each chosen text's tokens: its start, plus 0..length-1.
        take = np.repeat(starts, lengths) + np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return TokenIds(self.written[take], self.folded[take], np.concatenate([[0], np.cumsum(lengths)]))


_CACHE: dict[tuple[str, int], tuple[int, int]] = {}
_PLACEHOLDER = kind_mask(_PLACEHOLDER_KINDS)


def _unit_ids(unit: str, buckets: int) -> tuple[int, int]:
    """Buckets of a unit as written and folded (two namespaces of one table)."""
    # Bucket 0 is the empty (padding) token: ids run from 1.
    written = 1 + zlib.crc32(("w" + unit).encode("utf-8", "surrogatepass")) % (buckets - 1)
    folded = 1 + zlib.crc32(("f" + fold(unit)).encode("utf-8", "surrogatepass")) % (buckets - 1)
    return written, folded


def token_ids(
    texts: Sequence[str], buckets: int, tokens: TokenTable | None = None
) -> TokenIds:
    """Hashed ids of the first MAX_TOKENS tokens of each text (a text without tokens
    gets one padding token, id 0, so every text has a position to pool over)."""
    table = tokens if tokens is not None else TokenTable.of([tokenize(t) for t in texts])
    # One look-up per distinct token text: the table numbers them already (a text has
    # one kind wherever it occurs, as the tokenizer decides by the text).
    distinct, first = np.unique(table.ids, return_index=True)
    pair = np.zeros((len(table.texts), 2), np.int64)
    texts = table.texts
    get = _CACHE.get
    for index, kind_id in zip(distinct.tolist(), table.kinds[first].tolist(), strict=True):
        placeholder = bool(_PLACEHOLDER[kind_id])
        text = texts[index]
        key = ("<" + KINDS[kind_id] + ">" if placeholder else text, buckets)
        ids = get(key)
        if ids is None:
            if len(_CACHE) > 500_000:  # bound memory on endless streams
                _CACHE.clear()
            unit = key[0] if placeholder else TEENCODE.get(text.lower(), text.lower())
            ids = _unit_ids(unit, buckets)
            _CACHE[key] = ids
        pair[index] = ids
    per_token = pair[table.ids]
    offsets = np.asarray(table.offsets, np.int64)
    lengths = np.diff(offsets)
    # Keep the first MAX_TOKENS of each text; an empty text gets one padding token.
    kept = np.minimum(lengths, MAX_TOKENS)
    starts = offsets[:-1]
    take = np.repeat(starts, kept) + (np.arange(kept.sum()) - np.repeat(np.cumsum(kept) - kept, kept))
    chosen = per_token[take] if len(take) else np.zeros((0, 2), np.int64)
    empty = kept == 0
    if empty.any():
        new_lengths = np.maximum(kept, 1)
        out = np.zeros((int(new_lengths.sum()), 2), np.int64)
        new_offsets = np.concatenate([[0], np.cumsum(new_lengths)])
        real = np.repeat(~empty, new_lengths)
        out[real] = chosen
        return TokenIds(out[:, 0], out[:, 1], new_offsets)
    return TokenIds(chosen[:, 0].copy(), chosen[:, 1].copy(), np.concatenate([[0], np.cumsum(kept)]))


@dataclass
class CnnModel:
    """Weights of the CNN as numpy arrays; `predict_proba` needs nothing else."""

    options: CnnOptions
    heads: dict[str, list[str]]  # domain → its labels
    embedding: np.ndarray  # (buckets, dim) float32 (read from int8 × row scale)
    conv: dict[int, np.ndarray]  # width → (width, dim, filters)
    conv_bias: dict[int, np.ndarray]  # width → (filters,)
    out: dict[str, np.ndarray]  # domain → (2 * filters * len(widths), n_labels)
    out_bias: dict[str, np.ndarray]
    temperature: dict[str, float]
    metadata: dict[str, Any] = field(default_factory=dict)

    # --- inference -------------------------------------------------------------------

    def pooled(self, ids: TokenIds) -> np.ndarray:
        """Max and mean of each width's ReLU convolution, one row per text: the maxima of
        every width, then the means of every width."""
        lengths = ids.lengths()
        n_texts = len(lengths)
        out = np.empty((n_texts, 2 * self.options.filters * len(self.options.widths)), np.float32)
        # Texts of similar length together, padded to the longest of their block: numpy
        # reduces a padded block along an axis much faster than ragged segments, and a
        # small block stays in the processor's cache.
        order = np.argsort(lengths, kind="stable")
        for low in range(0, n_texts, _CHUNK):
            rows = order[low : low + _CHUNK]
            out[rows] = self._pooled_block(ids, rows, lengths[rows])
        return out

    def _pooled_block(self, ids: TokenIds, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        f = self.options.filters
        widths = self.options.widths
        pad = max(widths) - 1
        longest = int(lengths.max())
        inside = np.arange(longest + pad)[None, :] < lengths[:, None]  # (n, T + pad)
        starts = ids.offsets[:-1][rows]
        take = np.repeat(starts, lengths) + np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        # Windows past a text's end read bucket 0, the zero vector.
        written = np.zeros(inside.shape, np.int64)
        folded = np.zeros(inside.shape, np.int64)
        written[inside] = ids.written[take]
        folded[inside] = ids.folded[take]
        x = self.embedding[written.ravel()]
        x += self.embedding[folded.ravel()]
        # One product for every tap of every width (`_taps`), then shifted sums: tap k of
        # the widths longer than k, read k positions later.
        y = (x @ self._taps[0]).reshape(len(rows), longest + pad, -1)
        n_widths = len(widths)
        h = y[:, :longest, : n_widths * f].copy()
        column = n_widths * f
        for k in range(1, max(widths)):
            longer = sum(1 for w in widths if w > k)
            h[:, :, (n_widths - longer) * f :] += y[:, k : k + longest, column : column + longer * f]
            column += longer * f
        h += self._taps[1]
        np.maximum(h, 0.0, out=h)
        h *= inside[:, :longest, None]  # padding positions to 0: no ReLU output is below
        return np.hstack([h.max(axis=1), h.sum(axis=1) / lengths[:, None]])

    def predict_proba(self, ids: TokenIds) -> dict[str, np.ndarray]:
        """Calibrated probabilities of each domain's head, rows summing to 1."""
        z = self.pooled(ids)
        result = {}
        for domain in self.heads:
            scores = (z @ self.out[domain] + self.out_bias[domain]) / self.temperature[domain]
            scores -= scores.max(axis=1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=1, keepdims=True)
            result[domain] = scores
        return result

    @property
    def _taps(self) -> tuple[np.ndarray, np.ndarray]:
        # (dim, sum of width * filters): tap 0 of every width (in `widths` order), then
        # tap 1 of the widths over 1, and so on; and the biases of every width.
        cached = self.__dict__.get("_taps_cache")
        if cached is None:
            widths = self.options.widths
            taps = [self.conv[w][k] for k in range(max(widths)) for w in widths if w > k]
            bias = np.concatenate([self.conv_bias[w] for w in widths]).astype(np.float32)
            cached = (np.ascontiguousarray(np.concatenate(taps, axis=1), np.float32), bias)
            self.__dict__["_taps_cache"] = cached
        return cached

    # --- files -----------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        scale = np.abs(self.embedding).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        quantised = np.round(self.embedding / scale[:, None]).astype(np.int8)
        arrays: dict[str, np.ndarray] = {
            "embedding": quantised,
            "embedding_scale": scale.astype(np.float32),
        }
        for w in self.options.widths:
            arrays[f"conv{w}"] = self.conv[w].astype(np.float16)
            arrays[f"conv{w}_bias"] = self.conv_bias[w].astype(np.float32)
        for domain in self.heads:
            arrays[f"out_{domain}"] = self.out[domain].astype(np.float16)
            arrays[f"out_{domain}_bias"] = self.out_bias[domain].astype(np.float32)
        # The stub reads ** as possibly `allow_pickle`; every value here is an array.
        np.savez_compressed(path.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
        info = {
            "format": _FORMAT,
            "options": asdict(self.options),
            "heads": self.heads,
            "temperature": self.temperature,
            "max_tokens": MAX_TOKENS,
            **self.metadata,
        }
        path.with_suffix(".json").write_text(
            json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: str | Path) -> CnnModel:
        path = Path(path)
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if info.get("format") != _FORMAT:
            raise ValueError(f"unsupported CNN format {info.get('format')!r}; retrain it")
        options = CnnOptions(**{**info["options"], "widths": tuple(info["options"]["widths"])})
        with np.load(path.with_suffix(".npz"), allow_pickle=False) as a:
            arrays = dict(a)
        heads = {d: list(labels) for d, labels in info["heads"].items()}
        embedding = arrays["embedding"].astype(np.float32) * arrays["embedding_scale"][:, None]
        skip = {"format", "options", "heads", "temperature", "max_tokens"}
        return cls(
            options=options,
            heads=heads,
            embedding=embedding,
            conv={w: arrays[f"conv{w}"].astype(np.float32) for w in options.widths},
            conv_bias={w: arrays[f"conv{w}_bias"] for w in options.widths},
            out={d: arrays[f"out_{d}"].astype(np.float32) for d in heads},
            out_bias={d: arrays[f"out_{d}_bias"] for d in heads},
            temperature={d: float(t) for d, t in info["temperature"].items()},
            metadata={k: v for k, v in info.items() if k not in skip},
        )

    def rounded(self) -> CnnModel:
        """The model as it reads back from its file (int8 embeddings, float16 weights)."""
        scale = np.abs(self.embedding).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        embedding = np.round(self.embedding / scale[:, None]).astype(np.int8).astype(np.float32)
        embedding *= scale.astype(np.float32)[:, None]
        half = lambda a: a.astype(np.float16).astype(np.float32)  # noqa: E731
        return CnnModel(
            self.options, self.heads, embedding,
            {w: half(v) for w, v in self.conv.items()}, dict(self.conv_bias),
            {d: half(v) for d, v in self.out.items()}, dict(self.out_bias),
            dict(self.temperature), dict(self.metadata),
        )  # fmt: skip


@dataclass
class CnnEnsemble:
    """CNNs with the same heads, read as the mean of their probabilities: seeds differ in
    what they get wrong, and their mean is steadier than any one of them."""

    members: list[CnnModel]

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("a CNN ensemble needs at least one CNN")
        first = self.members[0]
        for i, member in enumerate(self.members[1:], start=2):
            if member.heads != first.heads or member.options.buckets != first.options.buckets:
                raise ValueError(
                    f"CNN {i} of the ensemble has heads {member.heads} and "
                    f"{member.options.buckets} buckets; expected {first.heads} and "
                    f"{first.options.buckets}, as the first: retrain the ensemble together"
                )

    @property
    def heads(self) -> dict[str, list[str]]:
        return self.members[0].heads

    @property
    def options(self) -> CnnOptions:
        return self.members[0].options

    @property
    def metadata(self) -> dict[str, Any]:
        return self.members[0].metadata

    def predict_proba(self, ids: TokenIds) -> dict[str, np.ndarray]:
        """Each head's mean probabilities over the members, rows summing to 1."""
        total = self.members[0].predict_proba(ids)
        for member in self.members[1:]:
            for domain, p in member.predict_proba(ids).items():
                total[domain] += p
        return {domain: p / len(self.members) for domain, p in total.items()}

    @classmethod
    def load(cls, path: str | Path, members: int) -> CnnEnsemble:
        return cls([CnnModel.load(member_path(path, i)) for i in range(members)])


def member_path(path: str | Path, index: int) -> Path:
    """The file of an ensemble's member `index` (from 0): NAME, then NAME-2, NAME-3, ..."""
    path = Path(path)
    return path if index == 0 else path.with_name(f"{path.name}-{index + 1}")


def train_cnn(
    data: Mapping[str, tuple[TokenIds, TokenIds, list[str]]],
    heads: Mapping[str, list[str]],
    options: CnnOptions,
    seed: int,
    log: Any = None,
) -> CnnModel:
    """Train the CNN on each domain's texts: ids as written, ids folded, labels.

    Deterministic for a seed (one thread, seeded shuffles and folds). The seeded
    `holdout` slice of each domain picks the best epoch and fits the temperatures.
    """
    try:
        import torch
    except ImportError as error:  # depends on the machine, not on the code
        raise UsageError(
            "training a CNN needs PyTorch: pip install torch==2.13.0 "
            "(only training does; the shipped model is read with numpy)"
        ) from error
    from .cnn_training import fit

    return fit(torch, dict(data), dict(heads), options, seed, log)
