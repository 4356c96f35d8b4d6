"""Fit one linear head on shared hashed features: choose C, calibrate, prune.

1. Every training text is seen twice: as written and with its diacritics removed, so the
   model reads "ngap nuoc" like "ngập nước" (the robustness goal of the issue).
2. A seeded slice of the training data (never the dev split) chooses C among a few
   values and fits the softmax temperature; binary heads also get their F1-best
   decision threshold there. A head trained on several sets may score C by the mean of its
   macro F1 on each set's part of the slice, so a large set does not drown a small one
   (AIVIVN has no "neutral"; pooled, it hid how the head does on UIT-VSFC's three labels).
   The learner is a LinearSVC or an NB-weighted LinearSVC (`nbsvm.py`); both end as
   one weight matrix over the shared features.
3. The chosen setting is refitted on all training data, and the weakest columns are
   dropped to keep the file small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp
from sklearn.svm import LinearSVC

from ..errors import UsageError
from .linear import LinearModel, fit_temperature, softmax
from .nbsvm import NBSVM, Blend
from .neural import CnnModel, CnnOptions, train_cnn
from .scoring import macro_f1

__all__ = ["HeadSpec", "fit_head"]


@dataclass(frozen=True)
class HeadSpec:
    """How to train one head: its file stem, training sets and settings."""

    name: str
    train_sets: tuple[str, ...]
    label_map: dict[str, str] = field(default_factory=dict)  # e.g. hate → toxic
    # Label every row by the set it comes from (a mixture's router): set name → label.
    set_labels: dict[str, str] = field(default_factory=dict)
    c_grid: tuple[float, ...] = (0.3, 1.0)
    class_weight: str | None = "balanced"
    keep: float = 0.25  # share of used columns kept after training
    holdout: float = 0.15
    positive: str | None = None  # binary heads: the label whose probability is the score
    # "svm": LinearSVC; "nbsvm": NB-weighted one-vs-rest LinearSVCs; "blend": their mean
    learner: str = "svm"
    nb_alpha: float = 1.0  # NBSVM: smoothing of the log-count ratios
    per_set_holdout: bool = False  # score C by the mean over training sets (see above)


@dataclass
class HeadReport:
    name: str
    n_train: int
    chosen_c: float
    holdout_scores: dict[float, float]
    temperature: float
    threshold: float | None
    kept_columns: int


Learner: TypeAlias = LinearSVC | NBSVM | Blend


def _svm(c: float, spec: HeadSpec, seed: int) -> Learner:
    if spec.learner == "nbsvm":
        return NBSVM(C=c, alpha=spec.nb_alpha, class_weight=spec.class_weight, random_state=seed)
    if spec.learner == "blend":
        return Blend(C=c, alpha=spec.nb_alpha, class_weight=spec.class_weight, random_state=seed)
    if spec.learner != "svm":
        raise ValueError(f"unknown learner {spec.learner!r}; expected svm, nbsvm or blend")
    return LinearSVC(C=c, class_weight=spec.class_weight, random_state=seed, max_iter=2000)


def _learner_name(c: float, spec: HeadSpec) -> str:
    if spec.learner == "nbsvm":
        return (f"NBSVM(C={c}, alpha={spec.nb_alpha}, class_weight={spec.class_weight}): "
                "one-vs-rest LinearSVC on NB log-count-ratio scaled columns, ratios folded "
                "into the weights")  # fmt: skip
    if spec.learner == "blend":
        return (f"Blend(C={c}, alpha={spec.nb_alpha}, class_weight={spec.class_weight}): "
                "mean of a LinearSVC and an NBSVM, each scaled to unit score spread")  # fmt: skip
    return f"LinearSVC(C={c}, class_weight={spec.class_weight})"


def _holdout_score(truth: np.ndarray, predicted: list[str], groups: np.ndarray) -> float:
    """Mean over training sets of the macro F1 on that set's rows."""
    values = []
    for group in np.unique(groups):
        inside = np.flatnonzero(groups == group)
        values.append(macro_f1(truth[inside].tolist(), [predicted[i] for i in inside]))
    return float(np.mean(values))


def _scores(model: Learner, features: sp.csr_matrix) -> np.ndarray:
    raw = np.asarray(model.decision_function(features))
    # Binary: two columns ±s/2, so softmax gives sigmoid(s / T) like a one-score model.
    return np.column_stack([-raw / 2, raw / 2]) if raw.ndim == 1 else raw


def _coef(model: Learner) -> tuple[np.ndarray, np.ndarray]:
    coef, bias = model.coef_, model.intercept_
    if coef.shape[0] == 1:
        return np.vstack([-coef / 2, coef / 2]), np.array([-bias[0] / 2, bias[0] / 2])
    return coef, bias


def _best_threshold(probability: np.ndarray, truth: np.ndarray) -> float:
    """The probability cut that maximises F1 of the positive class."""
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.05, 0.96, 0.01):
        said = probability >= cut
        tp = np.sum(said & truth)
        f1 = 2 * tp / (said.sum() + truth.sum()) if said.sum() + truth.sum() else 0.0
        if f1 > best_f1:
            best, best_f1 = float(round(cut, 2)), f1
    return best


def fit_head(
    written: sp.csr_matrix,
    folded: sp.csr_matrix,
    labels: Sequence[str],
    spec: HeadSpec,
    seed: int,
    metadata: dict[str, Any] | None = None,
    groups: Sequence[int] | None = None,
) -> tuple[LinearModel, HeadReport]:
    """Train `spec` on feature rows of texts as written and folded (same order as labels);
    `groups` says which training set each row comes from (default: all one set)."""
    y = np.array([spec.label_map.get(label, label) for label in labels])
    pooled = groups is None or not spec.per_set_holdout
    group = np.zeros(len(y), dtype=np.int64) if pooled else np.asarray(groups)
    classes = sorted(set(y.tolist()))
    n = len(y)
    order = np.random.default_rng(seed).permutation(n)
    held, kept = order[: int(n * spec.holdout)], order[int(n * spec.holdout) :]

    def both(rows: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
        return sp.vstack([written[rows], folded[rows]]).tocsr(), np.concatenate([y[rows], y[rows]])

    # 2. Choose C and calibrate on the held-out slice (as written and folded).
    train_x, train_y = both(kept)
    held_x, held_y = both(held)
    held_groups = np.concatenate([group[held], group[held]])
    results: dict[float, tuple[float, np.ndarray]] = {}
    for c in spec.c_grid:
        model = _svm(c, spec, seed).fit(train_x, train_y)
        scores = _scores(model, held_x)
        predicted = [classes[i] for i in np.argmax(scores, axis=1)]
        results[c] = (_holdout_score(held_y, predicted, held_groups), scores)
    chosen = max(spec.c_grid, key=lambda c: (results[c][0], -c))
    truth_index = np.searchsorted(classes, held_y)
    temperature = fit_temperature(results[chosen][1], truth_index)
    threshold = None
    if spec.positive is not None:
        positive = classes.index(spec.positive)
        probability = softmax(results[chosen][1], temperature)[:, positive]
        threshold = _best_threshold(probability, truth_index == positive)

    # 3. Refit on everything, prune, wrap.
    all_x, all_y = both(np.arange(n))
    final = _svm(chosen, spec, seed).fit(all_x, all_y)
    coef, bias = _coef(final)
    info = dict(metadata or {})
    info.update(
        {
            "model": spec.name,
            "train_sets": list(spec.train_sets),
            "label_map": spec.label_map,
            **({"set_labels": spec.set_labels} if spec.set_labels else {}),
            "seed": seed,
            "learner": f"{_learner_name(chosen, spec)} "
            "on texts as written + folded, temperature-scaled softmax",
            "holdout_macro_f1": {str(c): round(results[c][0], 4) for c in spec.c_grid},
            "holdout_metric": ("mean over training sets of macro F1" if spec.per_set_holdout
                               else "macro F1") + f" on a seeded {spec.holdout:.0%} slice",
        }
    )
    if threshold is not None:
        info["positive"] = spec.positive
        info["threshold"] = threshold
    model = LinearModel.from_dense(
        [str(c) for c in final.classes_], coef, bias, keep=spec.keep,
        temperature=temperature, metadata=info,
    )  # fmt: skip
    report = HeadReport(
        name=spec.name,
        n_train=n,
        chosen_c=chosen,
        holdout_scores={c: round(results[c][0], 4) for c in spec.c_grid},
        temperature=round(temperature, 4),
        threshold=threshold,
        kept_columns=len(model.columns),
    )
    return model, report


def fit_on_rows(
    spec: HeadSpec, data: Mapping[str, Mapping[str, Any]], rows: Mapping[str, np.ndarray], seed: int
) -> LinearModel:
    """Train `spec` on some rows of each of its training sets, as the cross-validation
    benchmarks do: `data[set]` holds "x", the feature rows as written and folded, and
    "truth", the labels; `rows[set]` the rows of this fold. Rounded like a shipped file."""
    parts = [(name, data[name], rows[name]) for name in spec.train_sets]
    written = sp.vstack([d["x"][0][r] for _, d, r in parts]).tocsr()
    folded = sp.vstack([d["x"][1][r] for _, d, r in parts]).tocsr()
    labels = [spec.set_labels.get(n, d["truth"][i]) for n, d, r in parts for i in r]
    groups = [i for i, (_, _, r) in enumerate(parts) for _ in r]
    return fit_head(written, folded, labels, spec, seed, {}, groups)[0].rounded()


def cnn_on_rows(
    data: Mapping[str, Mapping[str, Any]],
    rows: Mapping[str, np.ndarray],
    domains: Mapping[str, str],
    heads: Mapping[str, list[str]],
    options: CnnOptions,
    seed: int,
) -> CnnModel:
    """A CNN trained on some rows of each set, as the cross-validation benchmarks do:
    `data[set]` holds "ids", the token ids as written and folded, and "truth"; each set
    trains the head of its domain (`domains[set]`). Rounded like a shipped file. Needs torch."""
    parts = {
        domains[name]: (
            data[name]["ids"][0].take(rows[name]),
            data[name]["ids"][1].take(rows[name]),
            [data[name]["truth"][i] for i in rows[name]],
        )
        for name in domains
    }
    return train_cnn(parts, dict(heads), options, seed).rounded()


def cnn_variant(name: str, known: Mapping[str, CnnOptions], seed: int) -> tuple[CnnOptions, int]:
    """The options and training seed of a CNN variant of the CV benchmarks: NAME (one of
    `known`) or NAME.sN, the same network trained with seed + N."""
    base, _, offset = name.partition(".s")
    if base not in known or (offset and not offset.isdigit()):
        raise UsageError(
            f"unknown CNN variant {name!r}; expected one of {', '.join(known)}, "
            "optionally followed by .sN (seed + N), e.g. plain.s1"
        )
    return known[base], seed + int(offset or 0)
