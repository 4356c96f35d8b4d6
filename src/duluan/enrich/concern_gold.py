"""The hand-labelled (gold) part of the concern model, and its cross-validation.

The linear heads learn from weak labels only (concern_training). What the 1,145 texts we
labelled by hand (tests/data/concerns_eval.jsonl, concerns_dev.jsonl and concerns_more.jsonl)
train is small:
1. the stack: the weights that blend the heads with the lexicon, plus one weight per
   complaint feature (marker families, question mark, first person, length);
2. a gold complaint unit over the same feature rows, trained on the gold texts on top of
   the stacked score (its offset), so that it learns what heads and lexicon miss; its
   weight in the stack is fit on predictions for texts it did not see (inner folds).
Both spellings of every text are used, so nothing leans on diacritics.

`cross_validate` measures this honestly: grouped k-fold over the gold texts (groups are
runs of consecutive ids, written together, plus near-copies), everything that reads gold
trained on k-1 folds and scored on the last.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

from ..text.fold import fold_keep_case
from .concern_model import COMPLAINT_FEATURES, LinearHeads, StackInputs, fit_binary

__all__ = [
    "GOLD_PATHS",
    "CrossValidation",
    "GoldData",
    "GoldOptions",
    "fit_gold",
    "gold_folds",
    "read_gold",
]

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
# concerns_more: everyday chatter, civic information that is not a complaint, and
# cost-of-living complaints in household words (2026-12-07), which the first two lacked.
GOLD_PATHS = (DATA / "concerns_eval.jsonl", DATA / "concerns_dev.jsonl", DATA / "concerns_more.jsonl")
BLOCK = 5  # consecutive ids written together form one group


@dataclass(frozen=True)
class GoldOptions:
    """What the gold texts train (the defaults are the shipped setting)."""

    stack_features: bool = True  # one stack weight per COMPLAINT_FEATURES entry
    without: tuple[str, ...] = ()  # COMPLAINT_FEATURES entries left out of the stack
    gold_head: str = "residual"  # "none", "independent" or "residual" (on the stack's score)
    gold_l2: float = 3e-3
    inner_folds: int = 5  # for the gold unit's out-of-fold scores that fit its weight
    prior: float = 0.001  # ridge on the stack weights


def read_gold(paths: Sequence[Path] = GOLD_PATHS) -> list[dict]:
    """Every hand-labelled text of `paths`, in file order."""
    rows: list[dict] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def _groups(rows: list[dict]) -> np.ndarray:
    """A group id per row: runs of BLOCK consecutive ids per file, near-copies joined."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [set(fold_keep_case(r["text"]).lower().split()) for r in rows]
    prefix = [r["id"].rsplit("-", 1)[0] for r in rows]
    for i in range(1, len(rows)):
        if prefix[i] == prefix[i - 1] and i % BLOCK:
            parent[find(i)] = find(i - 1)
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if len(words[i] & words[j]) >= 0.5 * len(words[i] | words[j]):
                parent[find(j)] = find(i)
    return np.array([find(i) for i in range(len(rows))])


def gold_folds(rows: list[dict], k: int, seed: int, by: str = "block") -> np.ndarray:
    """A fold number (0..k-1) per row, whole groups at a time, by a seeded shuffle.

    `by` "block": runs of consecutive ids and near-copies; "concern": whole concerns, a
    harder split (the folds' topics were never seen in training).
    """
    if by == "concern":
        names = sorted({r["concern"] for r in rows})
        groups = np.array([names.index(r["concern"]) for r in rows])
    else:
        groups = _groups(rows)
    unique = np.unique(groups)
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {int(g): int(i % k) for i, g in zip(order, unique, strict=True)}
    return np.array([fold_of[int(g)] for g in groups])


@dataclass
class GoldData:
    """The gold texts in both spellings (as written, then folded) and what the model reads."""

    rows: list[dict]
    x: sp.csr_matrix  # feature rows, 2 × len(rows)
    inputs: StackInputs
    y_complaint: np.ndarray  # 2 × len(rows)
    y_concern: np.ndarray

    @classmethod
    def build(cls, model: LinearHeads, rows: list[dict]) -> GoldData:
        """Features and stack inputs of `rows` for `model`'s heads."""
        texts = [r["text"] for r in rows]
        texts += [fold_keep_case(t) for t in texts]
        index = {label: i for i, label in enumerate(model.labels)}
        return cls(
            rows=rows,
            x=model.features(texts),
            inputs=model.stack_inputs(texts),
            y_complaint=np.array([bool(r["complaint"]) for r in rows] * 2),
            y_concern=np.array([index[r["concern"]] for r in rows] * 2),
        )

    def both(self, rows: np.ndarray) -> np.ndarray:
        """Indices of `rows` (into `self.rows`) in both spellings."""
        return np.concatenate([rows, rows + len(self.rows)])


def _take(
    inputs: StackInputs, idx: np.ndarray, gold_logit: np.ndarray | None = None
) -> StackInputs:
    picked = {k: getattr(inputs, k)[idx] for k in inputs.__dataclass_fields__}
    if gold_logit is not None:
        picked["gold_logit"] = gold_logit
    return StackInputs(**picked)


def _stack_names(options: GoldOptions, gold: bool) -> dict[str, list[str]]:
    complaint = ["complaint_model", "complaint_lexicon", "complaint_bias"]
    if options.stack_features:
        complaint += [f"complaint_x_{name}" for name in COMPLAINT_FEATURES if name not in options.without]
    if gold:
        complaint.append("complaint_gold")
    return {
        "concern": ["concern_model", "concern_lexicon", "concern_no_topic"],
        "complaint": complaint,
    }


def fit_stack_weights(
    model: LinearHeads,
    inputs: StackInputs,
    y_concern: np.ndarray,
    y_complaint: np.ndarray,
    names: dict[str, list[str]],
    prior: float = 0.001,
) -> dict[str, float]:
    """Stack weights `names` by log loss on (inputs, labels), with a small ridge."""
    start = {
        "concern_model": 1.0 / model.concern_temperature, "concern_lexicon": 0.5,
        "concern_no_topic": 0.5, "complaint_model": model.complaint_scale,
        "complaint_lexicon": 0.5, "complaint_bias": model.complaint_shift,
    }  # fmt: skip
    fitted = {k: start.get(k, 0.0) for part in names.values() for k in part}
    rows = np.arange(len(y_concern))
    for part, keys in names.items():

        def loss(values: np.ndarray, keys: list[str] = keys, part: str = part) -> float:
            model.stack = {**fitted, **dict(zip(keys, values, strict=True))}
            penalty = prior * float(np.sum(values**2))
            if part == "concern":
                probs, _ = model.combine(inputs)
                return -float(np.log(probs[rows, y_concern] + 1e-9).mean()) + penalty
            z = model.complaint_logit(inputs)
            return float(np.logaddexp(0.0, np.where(y_complaint, -z, z)).mean()) + penalty

        start_values = np.array([fitted[k] for k in keys])
        result = minimize(loss, start_values, method="L-BFGS-B")
        fitted.update(dict(zip(keys, result.x, strict=True)))
    model.stack = {k: round(float(v), 4) for k, v in fitted.items()}
    return dict(model.stack)


def _gold_unit(
    data: GoldData, idx: np.ndarray, offset: np.ndarray | None, l2: float
) -> tuple[np.ndarray, float]:
    """The gold complaint unit trained on rows `idx` (both spellings already in `idx`)."""
    y = data.y_complaint[idx]
    share = np.where(y, 0.5 / max(y.sum(), 1), 0.5 / max((~y).sum(), 1))
    return fit_binary(data.x[idx], y, share, l2, offset=offset)


def fit_gold(
    model: LinearHeads, data: GoldData, train: np.ndarray, options: GoldOptions, seed: int
) -> LinearHeads:
    """`model` with its stack (and gold unit) fit on gold rows `train` (indices into rows)."""
    model = replace(model, gold_complaint_coef=None, gold_complaint_bias=0.0, stack={})
    idx = data.both(train)
    base = _take(data.inputs, idx, np.zeros(len(idx)))
    names = _stack_names(options, gold=False)
    fit_stack_weights(model, base, data.y_concern[idx], data.y_complaint[idx], names, options.prior)
    if options.gold_head == "none":
        return model
    residual = options.gold_head == "residual"

    # Out-of-fold scores of the gold unit over `train`, so its stack weight is honest.
    inner = gold_folds([data.rows[i] for i in train], options.inner_folds, seed + 1)
    oof = np.zeros(len(idx))
    half = len(train)
    for k in range(options.inner_folds):
        fit_rows = np.flatnonzero(inner != k)
        fit_idx = np.concatenate([fit_rows, fit_rows + half])
        offset = model.complaint_logit(_take(base, fit_idx)) if residual else None
        coef, bias = _gold_unit(data, idx[fit_idx], offset, options.gold_l2)
        out = np.flatnonzero(inner == k)
        out_idx = np.concatenate([out, out + half])
        oof[out_idx] = np.asarray(data.x[idx[out_idx]] @ coef).ravel() + bias
    offset = model.complaint_logit(base) if residual else None
    coef, bias = _gold_unit(data, idx, offset, options.gold_l2)
    with_gold = _take(data.inputs, idx, oof)
    fit_stack_weights(
        model, with_gold, data.y_concern[idx], data.y_complaint[idx],
        _stack_names(options, gold=True), options.prior,
    )  # fmt: skip
    model.gold_complaint_coef = coef.astype(np.float32)
    model.gold_complaint_bias = bias
    return model


@dataclass
class CrossValidation:
    """Out-of-fold predictions over the gold texts, both spellings."""

    folds: np.ndarray  # fold per row
    complaint: np.ndarray = field(default_factory=lambda: np.zeros(0))  # 2 × rows
    concern: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # 2 × rows × labels


def cross_validate(
    model: LinearHeads,
    data: GoldData,
    options: GoldOptions | None,
    k: int,
    seed: int,
    by: str = "block",
) -> CrossValidation:
    """Out-of-fold predictions: everything that reads gold fit on k-1 folds of `data`.

    `options` None scores `model` as it is (its own stack and gold unit, if any).
    """
    folds = gold_folds(data.rows, k, seed, by)
    n = len(data.rows)
    result = CrossValidation(
        folds=folds,
        complaint=np.zeros(2 * n),
        concern=np.zeros((2 * n, len(model.labels))),
    )
    if options is None:
        result.concern, result.complaint = model.combine(data.inputs)
        return result
    for fold in range(k):
        fitted = fit_gold(model, data, np.flatnonzero(folds != fold), options, seed)
        idx = data.both(np.flatnonzero(folds == fold))
        inputs = _take(data.inputs, idx, fitted.gold_scores(data.x[idx]))
        result.concern[idx], result.complaint[idx] = fitted.combine(inputs)
    return result
